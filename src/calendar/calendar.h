// The calendar: what comes out in a week in the reader's zone, what goes into an
// iCalendar feed, a title's release block (best date and history), the "when will
// season N be released?" answer of a series, and the writes around them (an
// editor's new date, following a series, a reader's zone and feed secret), each
// checking on the server who may make it. Functions over the store; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/ics.h"
#include "calendar/release.h"
#include "calendar/zones.h"
#include "core/status.h"
#include "model/accounts.h"
#include "storage/calendar_store.h"

namespace reel {
class Store;
}

namespace reel::calendar {

// One title on the calendar: an episode (with its season and series), a season
// (with its series) or a film, and its current best date.
struct CalendarEntry {
  Title title;
  std::optional<Title> season;
  std::optional<Title> series;
  ReleaseDate date;
  Date day;           // Its day in the reader's zone.
  bool premiere = false;  // A film, a season, or an episode 1.
};

// "Series - S02E01 - Title", "Series - Season 3", "Film".
std::string SummaryOf(const CalendarEntry& e);
// The page of an entry: "/tv/x/s02/e01", "/tv/x/s03", "/m/y".
std::string PathOf(const CalendarEntry& e);

struct CalendarFilters {
  bool premieres_only = false;
  bool tv = true;
  bool films = true;
  Id follower_id = 0;  // Only the series this reader follows.
  Id series_id = 0;    // Only this series.
};

struct CalendarWeek {
  Date monday;
  std::vector<CalendarEntry> dated;     // Known to the day, by day and time.
  std::vector<CalendarEntry> expected;  // Known only to a month, quarter...: its period covers this week.
  bool truncated = false;               // More than a week's page holds.
};

// "2026-W49" (ISO 8601 week) -> its Monday; InvalidArgument naming "week".
Result<Date> ParseIsoWeek(std::string_view text);
std::string IsoWeekOf(const Date& day);
// The last day of a coarse date's period ("Q1 2022" ends on March 31).
Date PeriodEnd(const ReleaseDate& d);

Result<CalendarWeek> LoadCalendarWeek(Store& store, const Date& monday, const TimeZone& zone,
                                      const CalendarFilters& filters);
// Entries known to the day whose date is in [from, to] (UTC days), oldest first.
Result<std::vector<CalendarEntry>> LoadFeedEntries(Store& store, const Date& from, const Date& to,
                                                   const CalendarFilters& filters, int limit);
enum class AllDay { kIfNoTime, kAlways };
// The events of entries; `site_url` makes their URLs absolute.
std::vector<IcsEvent> FeedEvents(const std::vector<CalendarEntry>& entries, std::string_view site_url, AllDay all_day);

// A title's release dates: the best statement and every statement, oldest first.
struct ReleaseInfo {
  std::optional<ReleaseDate> best;
  std::vector<ReleaseDate> history;
};
Result<ReleaseInfo> LoadReleaseInfo(Store& store, const Title& title);
// The series' last season when it is not out yet by `today` (no date, or a date
// after today, and not marked released), with its release info; else nullopt.
struct NextSeason {
  Title season;
  ReleaseInfo release;
};
Result<std::optional<NextSeason>> LoadNextSeason(Store& store, const std::vector<Title>& seasons, const Date& today);

// An editor records a new release date of a film, season or episode.
Result<Id> SetReleaseDate(Store& store, const User& user, const Title& title, const ReleaseInput& input);
// A signed-in reader follows or unfollows a series.
Status SetFollow(Store& store, const User& user, const Title& series, bool follow);
// A reader's zone ("" forgets it); InvalidArgument naming "tz" for an unknown zone.
Status SetReaderZone(Store& store, const User& user, std::string_view zone);
// Makes (or replaces) a reader's personal feed secret: the new secret, shown once;
// only its hash is stored.
Result<std::string> ResetFeedSecret(Store& store, const User& user);
// The reader whose personal feed `secret` is; NotFound otherwise.
Result<Id> FeedOwner(Store& store, std::string_view secret);

}  // namespace reel::calendar
