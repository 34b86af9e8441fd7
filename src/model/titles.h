// The catalog's titles: films, series, seasons and episodes, with their genres,
// release dates and videos. Plain structs of the data model (DESIGN.md), one per
// table, with ids the store assigns; they know nothing of SQL, HTTP or templates.
// Any thread may use them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "model/id.h"
#include "model/release_dates.h"

namespace reel {

enum class TitleKind { kFilm, kSeries, kSeason, kEpisode };
const char* TitleKindName(TitleKind k);  // "film", "series", "season", "episode"
std::optional<TitleKind> ParseTitleKind(std::string_view name);

// A film, a series, a season of a series, or an episode of a season.
struct Title {
  Id id = 0;
  TitleKind kind = TitleKind::kFilm;
  Id parent_id = 0;        // Series of a season, season of an episode; 0 otherwise.
  int number = 0;          // Season or episode number; 0 for films and series.
  std::string slug;        // Films and series only; seasons and episodes use numbers.
  std::string name;
  std::string synopsis;
  std::string consensus;   // Critics consensus, written by an editor.
  std::optional<FuzzyDate> release;
  int end_year = 0;        // Last year of a series that has ended; 0 if running/unknown.
  int runtime_minutes = 0;
  std::string country;
  std::string language;
  std::string network;     // Network or streaming service (series), studio (films).
  // A film or series an import made without a name: listed nowhere until it is named
  // (migration 10); its page stays reachable.
  bool untitled = false;
  std::string production_code;  // Episodes: the production code an episode list gives.
  int64_t us_viewers = 0;       // Episodes: US viewers of the first airing; 0 if unknown.
};

// What a series' seasons and episodes say about its run, for telling a running
// series from one that has ended (catalog::SeriesYearSpan).
struct SeriesRun {
  std::optional<Date> last_release;  // The latest release date of its seasons and episodes.
  bool undated_season = false;       // It has a season with neither a date nor episodes: announced.
};

struct Genre {
  Id id = 0;
  std::string slug;
  std::string name;
};

// A dated statement of when a title comes out, kept as history: "early 2022"
// first, "March 3, 2022" later. The latest statement (by changed_at, then id) of a
// region is the title's current best date there.
struct ReleaseDate {
  Id id = 0;
  Id title_id = 0;
  FuzzyDate date;
  std::string label;   // As announced ("early 2022"), optional.
  std::string source;  // Where it was announced, optional.
  // The precision of `date` in full (migration 15); when unset, the one `date`
  // says (a half is early or late year by its first month).
  std::optional<ReleasePrecision> precision;
  int64_t instant = 0;        // kDayTime: the moment, Unix seconds (UTC).
  std::string time_zone;      // kDayTime: the IANA zone it was announced in ("" for UTC).
  ReleaseStatus status = ReleaseStatus::kAnnounced;
  std::string region;         // ISO 3166 code, or "" for everywhere.
  std::string changed_at;     // When this statement was recorded (UTC), "" if unknown.
  Id changed_by = 0;          // The editor who recorded it; 0 for imports.
};

// The full precision of a statement (its own, or the one its FuzzyDate implies: a
// half is early or late year by its first month).
ReleasePrecision PrecisionOf(const ReleaseDate& d);
// `start` with the nearest precision FuzzyDate knows (early and late year are
// halves, mid year a year, a day with a time a day).
FuzzyDate CoarseDate(const Date& start, ReleasePrecision p);

struct Video {
  Id id = 0;
  Id title_id = 0;
  std::string name;
  std::string url;
  std::string kind;  // "trailer", "clip", "featurette", "interview".
  int duration_seconds = 0;
  std::string provider;       // "youtube", "vimeo", a host name; may be empty.
  std::string thumbnail_url;  // An https image URL, or empty.
};

}  // namespace reel
