// The calendar's read models and writes (see calendar.h).
#include "calendar/calendar.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "audience/accounts.h"
#include "audience/critic_posts.h"
#include "catalog/catalog.h"
#include "catalog/title_paths.h"
#include "core/parse.h"
#include "storage/store.h"

namespace reel::calendar {
namespace {

constexpr int kWeekLimit = 500;

// The statement a title's calendar entry uses: the latest of its history when it
// agrees with the title's own date (it may carry a time), else the title's own.
ReleaseDate BestOf(const Title& t, const std::vector<ReleaseDate>& history) {
  auto best = BestDate(history);
  if (best && t.release && TitleDateOf(*best).start == t.release->start &&
      TitleDateOf(*best).precision == t.release->precision) {
    return *best;
  }
  ReleaseDate own;
  own.title_id = t.id;
  if (t.release) own.date = *t.release;
  own.status = ReleaseStatus::kAnnounced;
  if (best) own.status = best->status;
  return own;
}

Result<std::vector<CalendarEntry>> Entries(Store& store, const std::vector<CalendarRow>& rows, const TimeZone& zone,
                                           bool premieres_only) {
  std::vector<Id> ids;
  for (const auto& r : rows) ids.push_back(r.title.id);
  REEL_ASSIGN_OR_RETURN(auto history, store.ListReleaseHistory(ids));
  std::map<Id, std::vector<ReleaseDate>> by_title;
  for (auto& d : history) by_title[d.title_id].push_back(std::move(d));
  std::vector<CalendarEntry> out;
  for (const auto& r : rows) {
    CalendarEntry e;
    e.title = r.title;
    if (r.title.kind == TitleKind::kEpisode) {
      e.season = r.parent;
      e.series = r.series;
    } else if (r.title.kind == TitleKind::kSeason) {
      e.series = r.parent;
    }
    if (r.title.kind != TitleKind::kFilm && !e.series) continue;
    e.premiere = r.title.kind != TitleKind::kEpisode || r.title.number == 1;
    if (premieres_only && !e.premiere) continue;
    e.date = BestOf(r.title, by_title[r.title.id]);
    e.day = DayIn(e.date, zone);
    out.push_back(std::move(e));
  }
  return out;
}

bool Before(const CalendarEntry& a, const CalendarEntry& b) {
  const int64_t at = IsExact(a.date) && PrecisionOf(a.date) == ReleasePrecision::kDayTime ? a.date.instant : 0;
  const int64_t bt = IsExact(b.date) && PrecisionOf(b.date) == ReleasePrecision::kDayTime ? b.date.instant : 0;
  return std::make_tuple(a.day, at, SummaryOf(a)) < std::make_tuple(b.day, bt, SummaryOf(b));
}

Date AddMonths(const Date& d, int months) {
  const int m = d.month - 1 + months;
  return Date{d.year + m / 12, m % 12 + 1, 1};
}

}  // namespace

std::string SummaryOf(const CalendarEntry& e) {
  switch (e.title.kind) {
    case TitleKind::kEpisode:
      return e.series->name + " - " + catalog::EpisodeCode(e.season ? e.season->number : 0, e.title.number) + " - " +
             e.title.name;
    case TitleKind::kSeason: return e.series->name + " - " + catalog::SeasonName(e.title.number);
    default: return e.title.name;
  }
}

std::string PathOf(const CalendarEntry& e) {
  switch (e.title.kind) {
    case TitleKind::kEpisode: return catalog::EpisodePath(*e.series, e.season ? e.season->number : 0, e.title.number);
    case TitleKind::kSeason: return catalog::SeasonPath(*e.series, e.title.number);
    default: return catalog::FilmPath(e.title);
  }
}

Result<Date> ParseIsoWeek(std::string_view text) {
  int year = 0, week = 0;
  if (text.size() < 7 || text.size() > 8 || text[4] != '-' || (text[5] != 'W' && text[5] != 'w') ||
      !SmallNumber(text.substr(0, 4), year) || !SmallNumber(text.substr(6), week) || year < 1900 || year > 2200 || week < 1) {
    return InvalidArgument("week: '" + std::string(text.substr(0, 16)) + "' is not an ISO week such as 2026-W49");
  }
  // Week 1 holds January 4; its Monday starts the ISO year.
  const Date jan4{year, 1, 4};
  const int64_t jan4_days = jan4.ToDays();
  const int64_t weekday = ((jan4_days % 7) + 7 + 3) % 7;  // 0 = Monday (1970-01-01 was a Thursday).
  const int64_t monday = jan4_days - weekday + (week - 1) * 7;
  const Date d = Date::FromDays(monday);
  if (IsoWeekOf(d) != std::string(text.substr(0, 5)) + "W" + (week < 10 ? "0" : "") + std::to_string(week)) {
    return InvalidArgument("week: " + std::to_string(year) + " has no week " + std::to_string(week));
  }
  return d;
}

std::string IsoWeekOf(const Date& day) {
  const int64_t days = day.ToDays();
  const int64_t weekday = ((days % 7) + 7 + 3) % 7;
  const Date thursday = Date::FromDays(days - weekday + 3);  // The ISO year is its Thursday's.
  const int64_t week = (thursday.ToDays() - Date{thursday.year, 1, 1}.ToDays()) / 7 + 1;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", thursday.year, static_cast<int>(week));
  return buf;
}

Date PeriodEnd(const ReleaseDate& d) {
  const Date s = d.date.start;
  Date next;
  switch (PrecisionOf(d)) {
    case ReleasePrecision::kYear: next = Date{s.year + 1, 1, 1}; break;
    case ReleasePrecision::kEarlyYear: next = Date{s.year, 7, 1}; break;
    case ReleasePrecision::kMidYear: next = Date{s.year, 10, 1}; break;
    case ReleasePrecision::kLateYear: next = Date{s.year + 1, 1, 1}; break;
    case ReleasePrecision::kQuarter: next = AddMonths(s, 3); break;
    case ReleasePrecision::kMonth: next = AddMonths(s, 1); break;
    default: return s;
  }
  return Date::FromDays(next.ToDays() - 1);
}

Result<CalendarWeek> LoadCalendarWeek(Store& store, const Date& monday, const TimeZone& zone,
                                      const CalendarFilters& f) {
  CalendarWeek week;
  week.monday = monday;
  const Date sunday = Date::FromDays(monday.ToDays() + 6);
  CalendarQuery q{Date::FromDays(monday.ToDays() - 1), Date::FromDays(sunday.ToDays() + 1), true, f.tv, f.films,
                  f.series_id, f.follower_id, kWeekLimit + 1};
  REEL_ASSIGN_OR_RETURN(auto rows, store.ListReleasesBetween(q));
  week.truncated = rows.size() > static_cast<size_t>(kWeekLimit);
  if (week.truncated) rows.resize(kWeekLimit);
  REEL_ASSIGN_OR_RETURN(auto dated, Entries(store, rows, zone, f.premieres_only));
  for (auto& e : dated) {
    if (e.day >= monday && e.day <= sunday) week.dated.push_back(std::move(e));
  }
  std::sort(week.dated.begin(), week.dated.end(), Before);
  // Coarse dates whose period covers this week: a year's period starts at most a
  // year before.
  q.from = Date{monday.year - 1, 1, 1};
  q.to = sunday;
  q.exact = false;
  q.limit = kWeekLimit;
  REEL_ASSIGN_OR_RETURN(auto coarse_rows, store.ListReleasesBetween(q));
  REEL_ASSIGN_OR_RETURN(auto coarse, Entries(store, coarse_rows, zone, f.premieres_only));
  for (auto& e : coarse) {
    if (!IsExact(e.date) && PeriodEnd(e.date) >= monday) week.expected.push_back(std::move(e));
  }
  std::sort(week.expected.begin(), week.expected.end(), Before);
  return week;
}

Result<std::vector<CalendarEntry>> LoadFeedEntries(Store& store, const Date& from, const Date& to,
                                                   const CalendarFilters& f, int limit) {
  CalendarQuery q{from, to, true, f.tv, f.films, f.series_id, f.follower_id, limit};
  REEL_ASSIGN_OR_RETURN(auto rows, store.ListReleasesBetween(q));
  REEL_ASSIGN_OR_RETURN(auto entries, Entries(store, rows, TimeZone(), f.premieres_only));
  std::vector<CalendarEntry> out;
  for (auto& e : entries) {
    if (IsExact(e.date)) out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), Before);
  return out;
}

std::vector<IcsEvent> FeedEvents(const std::vector<CalendarEntry>& entries, std::string_view site_url, AllDay all_day) {
  std::vector<IcsEvent> out;
  for (const auto& e : entries) {
    IcsEvent ev;
    ev.uid = "reel-title-" + std::to_string(e.title.id) + "@reel";
    ev.summary = SummaryOf(e);
    ev.description = e.title.synopsis;
    ev.url = std::string(site_url) + PathOf(e);
    ev.status = e.date.status == ReleaseStatus::kConfirmed || e.date.status == ReleaseStatus::kReleased
                    ? "CONFIRMED" : "TENTATIVE";
    const bool timed = PrecisionOf(e.date) == ReleasePrecision::kDayTime;
    if (timed && all_day == AllDay::kIfNoTime) {
      ev.all_day = false;
      ev.start = e.date.instant;
      int minutes = e.title.runtime_minutes;
      if (minutes <= 0 && e.series) minutes = e.series->runtime_minutes;
      ev.end = ev.start + 60 * static_cast<int64_t>(minutes > 0 ? minutes : 60);
    } else {
      // The day it comes out where it was announced (for a time, in that zone).
      ev.day = e.date.date.start;
      if (timed) {
        auto zone = TimeZone::Load(e.date.time_zone.empty() ? "UTC" : e.date.time_zone);
        ev.day = zone.ok() ? zone->LocalDay(e.date.instant) : TimeZone().LocalDay(e.date.instant);
      }
    }
    out.push_back(std::move(ev));
  }
  return out;
}

Result<ReleaseInfo> LoadReleaseInfo(Store& store, const Title& title) {
  ReleaseInfo info;
  REEL_ASSIGN_OR_RETURN(info.history, store.ListReleaseHistory({title.id}));
  info.best = BestDate(info.history);
  if (!info.best && title.release) {
    ReleaseDate own;
    own.title_id = title.id;
    own.date = *title.release;
    info.best = own;
  }
  return info;
}

Result<std::optional<NextSeason>> LoadNextSeason(Store& store, const std::vector<Title>& seasons, const Date& today) {
  // Only the last season can be the next one: earlier seasons without a date are
  // old ones nobody dated.
  auto last = std::max_element(seasons.begin(), seasons.end(),
                               [](const Title& a, const Title& b) { return a.number < b.number; });
  if (last == seasons.end() || (last->release && last->release->start <= today)) return std::optional<NextSeason>();
  REEL_ASSIGN_OR_RETURN(auto info, LoadReleaseInfo(store, *last));
  if (info.best && info.best->status == ReleaseStatus::kReleased) return std::optional<NextSeason>();
  return std::optional<NextSeason>(NextSeason{*last, std::move(info)});
}

Result<Id> SetReleaseDate(Store& store, const User& user, const Title& title, const ReleaseInput& input) {
  if (!audience::IsEditor(user)) return PermissionDenied("role: only editors set release dates");
  if (title.kind == TitleKind::kSeries) return InvalidArgument("title: a series has no release date of its own");
  REEL_ASSIGN_OR_RETURN(auto d, ParseReleaseInput(input, title.id));
  d.changed_by = user.id;
  d.changed_at = UtcTimestamp();
  return store.AddReleaseDate(d, TitleDateOf(d));
}

Status SetFollow(Store& store, const User& user, const Title& series, bool follow) {
  if (series.kind != TitleKind::kSeries) return InvalidArgument("title: only a series can be followed");
  return store.SetFollow(user.id, series.id, follow, UtcTimestamp());
}

Status SetReaderZone(Store& store, const User& user, std::string_view zone) {
  if (!zone.empty()) REEL_TRY(TimeZone::Load(zone));
  return store.SetCalendarZone(user.id, zone);
}

Result<std::string> ResetFeedSecret(Store& store, const User& user) {
  std::string secret = audience::NewToken();
  REEL_TRY(store.SetFeedHash(user.id, audience::TokenHash(secret), UtcTimestamp()));
  return secret;
}

Result<Id> FeedOwner(Store& store, std::string_view secret) {
  if (secret.size() != 64) return NotFound("no such calendar feed");
  return store.FindFeedOwner(audience::TokenHash(secret));
}

}  // namespace reel::calendar
