// The listing keys kept on each title's row (migration 13, model/listing.h): what
// the film and series indexes filter and sort by. SyncListingKeys brings the keys
// of some titles in line with their stored aggregates, inside the caller's
// transaction (the writer calls it after every change of counts; a season's change
// also moves its series); SyncAllListingKeys does it for every title (after a
// recompute of the aggregates and after migration 13).
#include "storage/sql/listing.h"

#include <map>
#include <set>

#include "model/listing.h"
#include "storage/sql/rows.h"

namespace reel {
namespace {

constexpr const char* kSetKeys =
    "UPDATE titles SET list_critic_rank = ?, list_audience_rank = ?, list_critic_percent = ?, "
    "list_audience_percent = ?, list_critic_reviews = ?, list_audience_ratings = ?, list_popularity = ?, "
    "list_certified = ? WHERE id = ?";

Status WriteKeys(SqlDb& db, const std::vector<std::pair<Id, ListingKeys>>& keys) {
  return db.RunMany(
      kSetKeys, keys.size(),
      [&](size_t i, SqlStmt& q) {
        const ListingKeys& k = keys[i].second;
        q.Bind(1, k.critic_rank).Bind(2, k.audience_rank).Bind(3, k.critic_percent).Bind(4, k.audience_percent);
        q.Bind(5, k.critic_reviews).Bind(6, k.audience_ratings).Bind(7, k.popularity);
        q.Bind(8, k.certified ? 1 : 0).Bind(9, keys[i].first);
      },
      [](size_t, const SqlStmt&) {});
}

}  // namespace

Status WriteListingKeys(SqlDb& db, const std::vector<std::pair<Id, ListingKeys>>& keys) {
  return WriteKeys(db, keys);
}

Status SyncListingKeys(SqlDb& db, const std::vector<Id>& ids) {
  if (ids.empty()) return Status::Ok();
  // One statement per id (prepared once): a write changes a few titles' counts.
  std::set<Id> own, series;
  REEL_TRY(db.RunMany(
      "SELECT kind, COALESCE(parent_id, 0) FROM titles WHERE id = ?", ids.size(),
      [&](size_t i, SqlStmt& q) { q.Bind(1, ids[i]); },
      [&](size_t i, const SqlStmt& q) {
        const std::string kind = q.Text(0);
        if (kind == "series") series.insert(ids[i]);
        else own.insert(ids[i]);
        if (kind == "season") series.insert(q.Int(1));
      }));
  std::vector<Id> all(own.begin(), own.end());
  all.insert(all.end(), series.begin(), series.end());
  std::map<Id, ScoreCounts> counts;
  REEL_TRY(db.RunMany(
      "SELECT " REEL_AGG_COLS ", certified FROM title_aggregates WHERE title_id = ?", all.size(),
      [&](size_t i, SqlStmt& q) { q.Bind(1, all[i]); },
      [&](size_t i, const SqlStmt& q) {
        ScoreCounts c = ReadCounts(q, 0);
        c.certified = q.Int(kAggColCount) != 0;
        counts[all[i]] = c;
      }));
  const std::vector<Id> series_ids(series.begin(), series.end());
  std::map<Id, std::vector<ScoreCounts>> seasons;
  REEL_TRY(db.RunMany(
      "SELECT " REEL_AGG_COLS " FROM titles s JOIN title_aggregates a ON a.title_id = s.id "
      "WHERE s.parent_id = ? AND s.kind = 'season'",
      series_ids.size(), [&](size_t i, SqlStmt& q) { q.Bind(1, series_ids[i]); },
      [&](size_t i, const SqlStmt& q) { seasons[series_ids[i]].push_back(ReadCounts(q, 0)); }));
  std::vector<std::pair<Id, ListingKeys>> keys;
  for (Id id : own) keys.emplace_back(id, TitleListingKeys(counts.count(id) ? counts[id] : ScoreCounts{}));
  for (Id id : series_ids) {
    keys.emplace_back(id, SeriesListingKeys(seasons.count(id) ? seasons[id] : std::vector<ScoreCounts>{},
                                            counts.count(id) ? counts[id] : ScoreCounts{}));
  }
  return WriteKeys(db, keys);
}

Status SyncAllListingKeys(SqlDb& db) {
  // Every title whose keys are not the defaults, or that has counts, or a series one
  // of whose seasons has: the others keep their defaults.
  REEL_TRY(db.Exec("UPDATE titles SET list_critic_rank = -1, list_audience_rank = -1, list_critic_percent = -1, "
                   "list_audience_percent = -1, list_critic_reviews = 0, list_audience_ratings = 0, "
                   "list_popularity = 0, list_certified = 0 WHERE list_popularity <> 0 OR list_certified <> 0 "
                   "OR list_critic_percent <> -1 OR list_audience_percent <> -1"));
  REEL_ASSIGN_OR_RETURN(auto q, db.Prepare("SELECT title_id FROM title_aggregates ORDER BY title_id"));
  std::vector<Id> ids;
  while (q.Step()) ids.push_back(q.Int(0));
  REEL_TRY(q.status());
  return SyncListingKeys(db, ids);
}

}  // namespace reel
