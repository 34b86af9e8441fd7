// CalendarStore: release-date history, what comes out between two days (the
// calendar and its feeds), readers following series, and each reader's calendar
// settings (time zone, the hash of their personal feed's secret). Each write is one
// method and one transaction of its own (not through Store::Write()); importers
// write release dates through StoreWriter::UpsertReleaseDate. Any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/titles.h"

namespace reel {

// A title with a release date, with its parents: an episode's season and series, a
// season's series (parent), a film alone.
struct CalendarRow {
  Title title;
  std::optional<Title> parent;
  std::optional<Title> series;
};

struct CalendarQuery {
  Date from;                // First and last day of the titles' own release dates.
  Date to;
  bool exact = true;        // Dates known to the day; else only coarser ones.
  bool tv = true;           // Seasons and episodes.
  bool films = true;
  Id series_id = 0;         // Only this series' seasons and episodes (0: any).
  Id follower_id = 0;       // Only series this reader follows (0: any).
  int limit = 1000;
};

struct CalendarSettings {
  std::string time_zone;    // "" when the reader chose none.
  bool has_feed = false;    // A personal feed secret exists.
  std::string feed_made_at;
};

class CalendarStore {
 public:
  virtual ~CalendarStore() = default;

  // Every statement about these titles' release, oldest first (changed_at, id).
  virtual Result<std::vector<ReleaseDate>> ListReleaseHistory(const std::vector<Id>& title_ids) = 0;
  // Records an editor's statement as a new history row and sets the title's own
  // release date to `title_date`; the row's id.
  virtual Result<Id> AddReleaseDate(const ReleaseDate& date, const FuzzyDate& title_date) = 0;
  // Listed titles whose own release date is in [from, to], by date then id; a
  // season only while it has no episodes (they stand for it once listed).
  virtual Result<std::vector<CalendarRow>> ListReleasesBetween(const CalendarQuery& query) = 0;

  // Follows (or unfollows) a series; doing it twice changes nothing.
  virtual Status SetFollow(Id user_id, Id series_id, bool follow, std::string_view now) = 0;
  virtual Result<bool> IsFollowing(Id user_id, Id series_id) = 0;
  // The series a reader follows, by name.
  virtual Result<std::vector<Title>> ListFollowedSeries(Id user_id, int limit, int offset) = 0;

  virtual Result<CalendarSettings> GetCalendarSettings(Id user_id) = 0;
  virtual Status SetCalendarZone(Id user_id, std::string_view time_zone) = 0;
  // Replaces the reader's feed secret (its hash; "" removes the feed).
  virtual Status SetFeedHash(Id user_id, std::string_view feed_hash, std::string_view now) = 0;
  // The reader whose feed secret hashes to this; NotFound when none.
  virtual Result<Id> FindFeedOwner(std::string_view feed_hash) = 0;
};

}  // namespace reel
