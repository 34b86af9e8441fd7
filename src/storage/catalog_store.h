// CatalogStore: the catalog's reads: titles (and the lookups of TitleReads), their
// children and runs, lists of titles, genres, similar titles, release dates,
// videos, people and credits. Catalog writes go through Store::Write() (StoreWriter).
// Any thread.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "model/people.h"
#include "model/titles.h"
#include "storage/title_reads.h"

namespace reel {

enum class TitleOrder { kName, kReleaseNewest };

struct TitleQuery {
  std::vector<TitleKind> kinds;            // Empty: every kind.
  TitleOrder order = TitleOrder::kName;
  std::optional<Date> released_on_or_before;  // Only titles released by this day.
  int limit = 100;
  int offset = 0;
};

class CatalogStore : public TitleReads {
 public:
  virtual Result<std::vector<Title>> GetTitles(const std::vector<Id>& ids) = 0;  // In id order.
  virtual Result<std::vector<Title>> ListChildren(Id parent_id) = 0;  // By number.
  // The children of many titles at once, by parent id, each list by number (parents
  // without children are absent).
  virtual Result<std::map<Id, std::vector<Title>>> ListChildrenFor(const std::vector<Id>& parent_ids) = 0;
  // How far the seasons and episodes of many series run (series without seasons are absent).
  virtual Result<std::map<Id, SeriesRun>> GetSeriesRunsFor(const std::vector<Id>& series_ids) = 0;
  // Lists (ListTitles, ListSimilarByGenre, ListPersonCredits, ListTitlesWith...)
  // leave out untitled films and series (Title::untitled) and their seasons and
  // episodes; lookups by id, slug or number find them.
  virtual Result<std::vector<Title>> ListTitles(const TitleQuery& query) = 0;
  virtual Result<std::vector<Genre>> ListGenres(Id title_id) = 0;
  // Films and series sharing genres with `title_id` (a film or series), most shared
  // genres first, then newest.
  virtual Result<std::vector<Title>> ListSimilarByGenre(Id title_id, int limit) = 0;
  // A title's release dates as they were announced, oldest first (the calendar's
  // history: "early 2022", then "Mar 3, 2022").
  virtual Result<std::vector<ReleaseDate>> ListReleaseDates(Id title_id) = 0;
  virtual Result<std::vector<Video>> ListVideos(Id title_id) = 0;
  virtual Result<std::vector<CreditRow>> ListCredits(Id title_id) = 0;  // Cast, then crew.
  virtual Result<std::vector<PersonCreditRow>> ListPersonCredits(Id person_id) = 0;
};

}  // namespace reel
