// SqlWriter's batched ratings: UpsertRatingsChecked writes many ratings as
// UpsertRating would, with the aggregates of each title moved once per batch (a
// RatingTally), and Begin/EndBulkRatings bracket a load of millions (SQLite drops and
// rebuilds the ratings indexes around it).
#include <algorithm>
#include <cstdio>
#include <unordered_set>

#include "storage/sql/rows.h"
#include "storage/sql/writer.h"

namespace reel {
namespace {

// Ratings per INSERT statement in UpsertRatingsChecked on SQLite (8 parameters each).
constexpr size_t kRatingChunk = 64;
// SQLite's page cache while ratings are written in bulk, and while their indexes are
// rebuilt (where the sort takes as much again).
constexpr int64_t kBulkCacheKiB = 64 << 10;
constexpr int64_t kIndexBuildCacheKiB = 32 << 10;

// Aggregates scaled by a whole number (negative: taken away), through Plus and
// Minus only, so every additive field is covered.
ScoreCounts Times(const ScoreCounts& c, int64_t k) {
  ScoreCounts out, base = c;
  for (int64_t n = k < 0 ? -k : k; n; n >>= 1) {
    if (n & 1) out = Plus(out, base);
    base = Plus(base, base);
  }
  return k < 0 ? Minus(ScoreCounts{}, out) : out;
}

}  // namespace

// How many ratings of each kind (stars, verified, status) are added to (or taken
// from) each title, turned into aggregates once per kind instead of once per rating.
class RatingTally {
 public:
  static constexpr int kKinds = 10 * 2 * 3;
  using Counts = std::unordered_map<Id, std::array<int64_t, kKinds>>;
  explicit RatingTally(Counts& counts) : counts_(counts) {}

  void Add(Id title, const RatingFacts& f, int64_t n) { counts_[title][Kind(f)] += n; }
  // Calls `apply` with each title's change, in title order, and forgets them.
  Status ApplyEach(const std::function<Status(Id, const ScoreCounts&)>& apply) {
    std::vector<Id> titles;
    titles.reserve(counts_.size());
    for (const auto& [title, unused] : counts_) titles.push_back(title);
    std::sort(titles.begin(), titles.end());
    for (Id title : titles) {
      const auto& counts = counts_.at(title);
      ScoreCounts delta;
      for (int k = 0; k < kKinds; ++k) {
        if (counts[k]) delta = Plus(delta, Times(Contribution(Facts(k)), counts[k]));
      }
      REEL_TRY(apply(title, delta));
    }
    counts_.clear();
    return Status::Ok();
  }

 private:
  static int Kind(const RatingFacts& f) {
    const int halves = static_cast<int>(f.stars * 2 + 0.5);
    const int status = f.status == RatingStatus::kCounted ? 0 : f.status == RatingStatus::kPreRelease ? 1 : 2;
    return ((halves - 1) * 2 + (f.verified ? 1 : 0)) * 3 + status;
  }
  static RatingFacts Facts(int k) {
    const RatingStatus status[] = {RatingStatus::kCounted, RatingStatus::kPreRelease, RatingStatus::kHeld};
    return {(k / 6 + 1) / 2.0, (k / 3) % 2 == 1, status[k % 3]};
  }
  Counts& counts_;
};

namespace {

// "INSERT INTO ratings (...) VALUES (...), (...) ON CONFLICT DO NOTHING" for n rows.
const std::string& MultiRatingInsert(size_t n) {
  static const std::vector<std::string> sql = [] {
    std::vector<std::string> out(kRatingChunk + 1);
    for (size_t rows = 1; rows <= kRatingChunk; ++rows) {
      out[rows] = "INSERT INTO ratings(user_id, title_id, stars, review, verified, status, created_at, updated_at) VALUES ";
      for (size_t i = 0; i < rows; ++i) out[rows] += i ? ", (?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?)";
      out[rows] += " ON CONFLICT (user_id, title_id) DO NOTHING";
    }
    return out;
  }();
  return sql[n];
}

// What a rating contributes to its title's aggregates.
RatingFacts FactsOf(const Rating& r) { return RatingFacts{r.stars, r.verified, r.status}; }

Result<int64_t> SingleInt(SqlDb& db, const char* sql) {
  REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(sql));
  if (!q.Step()) return q.status().ok() ? Internal(std::string(sql) + " gave no row") : q.status();
  const int64_t v = q.Int(0);
  REEL_TRY(q.Run());
  return v;
}

}  // namespace

Status SqlWriter::UpsertRatingsChecked(const std::vector<Rating>& ratings, std::vector<Change>* changes) {
  for (const Rating& r : ratings) {
    if (r.stars < 0.5 || r.stars > 5 || r.stars * 2 != static_cast<int>(r.stars * 2)) {
      return InvalidArgument("stars must be 0.5 to 5 in halves, not " + std::to_string(r.stars));
    }
  }
  // Every title of the batch is locked first (in id order, so two batches cannot
  // deadlock), as UpsertRating locks its one title. (A no-op on SQLite.)
  {
    std::vector<Id> titles;
    titles.reserve(ratings.size());
    for (const Rating& r : ratings) titles.push_back(r.title_id);
    REEL_TRY(db_.LockAll(LockSpace::kTitleWrites, std::move(titles)));
  }
  // In a bulk load the tally waits for EndBulkRatings; otherwise it is applied below.
  RatingTally::Counts mine;
  RatingTally tally(bulk_ ? bulk_tally_ : mine);
  const size_t first_change = changes->size();
  changes->resize(first_change + ratings.size(), Change::kUnchanged);
  if (db_.dialect() == SqlDialect::kSqlite) {
    REEL_TRY(InsertRatingsSqlite(ratings, tally, *changes, first_change));
  } else {
    // PostgreSQL: runs of ratings without a repeated (user, title) are copied into a
    // staging table, then written by two set-based statements (see StageRatings).
    std::unordered_set<std::pair<Id, Id>, PairHash> keys;
    for (size_t i = 0; i < ratings.size();) {
      size_t j = i;
      keys.clear();
      while (j < ratings.size() && keys.emplace(ratings[j].user_id, ratings[j].title_id).second) ++j;
      REEL_TRY(StageRatings(ratings, i, j, tally, *changes, first_change));
      i = j;
    }
  }
  if (bulk_) return Status::Ok();
  return ApplyTally(tally);
}

// SQLite's path: up to kRatingChunk rows per INSERT, without repeating a (user,
// title) within one. When fewer rows went in than were given, each row of the chunk
// is looked at: rowids above the table's largest before the insert are this insert's.
Status SqlWriter::InsertRatingsSqlite(const std::vector<Rating>& ratings, RatingTally& tally,
                                      std::vector<Change>& changes, size_t first_change) {
  // Millions of ratings touch pages all over the ratings indexes: a page cache of
  // kBulkCacheKiB for this connection (instead of SQLite's 2 MiB) keeps them in memory.
  REEL_ASSIGN_OR_RETURN(auto cache, SingleInt(db_, "PRAGMA cache_size"));
  if (cache > -kBulkCacheKiB && cache < 65536) {
    REEL_TRY(db_.Exec("PRAGMA cache_size = -" + std::to_string(kBulkCacheKiB)));
  }
  auto bind = [&](SqlStmt& q, int at, const Rating& r) {
    const std::string& when = r.created_at.empty() ? now_ : r.created_at;
    q.Bind(at, r.user_id).Bind(at + 1, r.title_id).Bind(at + 2, r.stars).Bind(at + 3, r.review)
        .Bind(at + 4, r.verified ? 1 : 0).Bind(at + 5, RatingStatusName(r.status)).Bind(at + 6, when)
        .Bind(at + 7, when);
  };
  std::vector<std::pair<Id, Id>> keys;
  for (size_t i = 0; i < ratings.size();) {
    size_t j = i;
    keys.clear();
    while (j < ratings.size() && j - i < kRatingChunk) {
      const std::pair<Id, Id> key(ratings[j].user_id, ratings[j].title_id);
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) break;
      keys.push_back(key);
      ++j;
    }
    REEL_ASSIGN_OR_RETURN(auto before, SingleInt(db_, "SELECT COALESCE(MAX(id), 0) FROM ratings"));
    REEL_ASSIGN_OR_RETURN(auto ins, db_.Prepare(MultiRatingInsert(j - i)));
    for (size_t k = i; k < j; ++k) bind(ins, static_cast<int>((k - i) * 8 + 1), ratings[k]);
    REEL_TRY(ins.Run());
    REEL_ASSIGN_OR_RETURN(auto inserted, SingleInt(db_, "SELECT changes()"));
    for (size_t k = i; k < j; ++k) {
      if (inserted == static_cast<int64_t>(j - i)) {
        tally.Add(ratings[k].title_id, FactsOf(ratings[k]), 1);
        changes[first_change + k] = Change::kInserted;
      } else {
        REEL_TRY(SettleRating(ratings[k], before, tally, changes[first_change + k]));
      }
    }
    i = j;
  }
  return Status::Ok();
}

// A rating of a chunk that did not all go in: inserted by the chunk's statement (its
// id is above `newer_than`), or stored before this batch: compared, and rewritten if
// it differs.
Status SqlWriter::SettleRating(const Rating& r, Id newer_than, RatingTally& tally, Change& change) {
  REEL_ASSIGN_OR_RETURN(auto old, db_.Prepare(
      "SELECT id, stars, verified, status, review, created_at FROM ratings WHERE user_id = ? AND title_id = ?"));
  old.Bind(1, r.user_id).Bind(2, r.title_id);
  if (!old.Step()) return old.status().ok() ? Internal("a rating clashed but is not there") : old.status();
  if (old.Int(0) > newer_than) {  // Inserted by this batch's statement.
    REEL_TRY(old.Run());
    tally.Add(r.title_id, FactsOf(r), 1);
    change = Change::kInserted;
    return Status::Ok();
  }
  const RatingFacts before = ReadRatingFacts(old, 1);
  const bool same = before.stars == r.stars && before.verified == r.verified && before.status == r.status &&
                    old.Text(4) == r.review && (r.created_at.empty() || old.Text(5) == r.created_at);
  REEL_TRY(old.Run());
  if (same) return Status::Ok();
  REEL_TRY(WriteRating(r));
  tally.Add(r.title_id, before, -1);
  tally.Add(r.title_id, FactsOf(r), 1);
  change = Change::kUpdated;
  return Status::Ok();
}

// PostgreSQL's bulk path: ratings[begin, end) (no (user, title) twice) go into a
// temporary table with one COPY; one UPDATE rewrites the stored ratings that differ,
// returning what they were, and one INSERT adds the new ones. The same decisions as
// the row-by-row path, per rating: inserted, updated (different stars, verified,
// status or review, or a given creation time that differs) or unchanged.
Status SqlWriter::StageRatings(const std::vector<Rating>& ratings, size_t begin, size_t end, RatingTally& tally,
                               std::vector<Change>& changes, size_t first_change) {
  REEL_TRY(db_.Exec(
      "CREATE TEMPORARY TABLE IF NOT EXISTS reel_ratings_in (ord BIGINT NOT NULL, user_id BIGINT NOT NULL, "
      "title_id BIGINT NOT NULL, stars DOUBLE PRECISION NOT NULL, review TEXT NOT NULL, verified BIGINT NOT NULL, "
      "status TEXT NOT NULL, created_at TEXT) ON COMMIT DELETE ROWS; TRUNCATE reel_ratings_in"));
  static const std::vector<std::string> kColumns = {"ord", "user_id", "title_id", "stars",
                                                     "review", "verified", "status", "created_at"};
  std::vector<SqlDb::CopyRow> rows;
  rows.reserve(end - begin);
  char stars[32];
  for (size_t i = begin; i < end; ++i) {
    const Rating& r = ratings[i];
    std::snprintf(stars, sizeof stars, "%.17g", r.stars);
    rows.push_back({std::to_string(i), std::to_string(r.user_id), std::to_string(r.title_id), std::string(stars),
                    r.review, std::string(r.verified ? "1" : "0"), std::string(RatingStatusName(r.status)),
                    r.created_at.empty() ? std::nullopt : std::optional<std::string>(r.created_at)});
  }
  REEL_TRY(db_.CopyIn("reel_ratings_in", kColumns, rows));
  rows = {};
  // An edit keeps the creation time unless one is given, as WriteRating does. The
  // subquery reads the rows as they were before this statement.
  REEL_ASSIGN_OR_RETURN(auto updated, db_.Prepare(
      "UPDATE ratings AS r SET stars = x.stars, review = x.review, verified = x.verified, status = x.status, "
      "created_at = COALESCE(x.created_at, r.created_at), updated_at = COALESCE(x.created_at, ?) "
      "FROM (SELECT s.ord, s.stars, s.review, s.verified, s.status, s.created_at, o.id, "
      "o.stars AS old_stars, o.verified AS old_verified, o.status AS old_status "
      "FROM reel_ratings_in s JOIN ratings o ON o.user_id = s.user_id AND o.title_id = s.title_id "
      "WHERE NOT (o.stars = s.stars AND o.verified = s.verified AND o.status = s.status AND o.review = s.review "
      "AND (s.created_at IS NULL OR o.created_at = s.created_at))) AS x "
      "WHERE r.id = x.id RETURNING x.ord, x.old_stars, x.old_verified, x.old_status"));
  updated.Bind(1, now_);
  while (updated.Step()) {
    const auto i = static_cast<size_t>(updated.Int(0));
    tally.Add(ratings[i].title_id, ReadRatingFacts(updated, 1), -1);
    tally.Add(ratings[i].title_id, FactsOf(ratings[i]), 1);
    changes[first_change + i] = Change::kUpdated;
  }
  REEL_TRY(updated.status());
  REEL_ASSIGN_OR_RETURN(auto inserted, db_.Prepare(
      "INSERT INTO ratings(user_id, title_id, stars, review, verified, status, created_at, updated_at) "
      "SELECT s.user_id, s.title_id, s.stars, s.review, s.verified, s.status, COALESCE(s.created_at, ?1), "
      "COALESCE(s.created_at, ?1) FROM reel_ratings_in s WHERE NOT EXISTS "
      "(SELECT 1 FROM ratings o WHERE o.user_id = s.user_id AND o.title_id = s.title_id) ORDER BY s.ord "
      "RETURNING user_id, title_id"));
  inserted.Bind(1, now_);
  std::unordered_map<std::pair<Id, Id>, size_t, PairHash> index;
  index.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) index.emplace(std::make_pair(ratings[i].user_id, ratings[i].title_id), i);
  while (inserted.Step()) {
    const size_t i = index.at({inserted.Int(0), inserted.Int(1)});
    tally.Add(ratings[i].title_id, FactsOf(ratings[i]), 1);
    changes[first_change + i] = Change::kInserted;
  }
  return inserted.status();
}

Status SqlWriter::ApplyTally(RatingTally& tally) {
  std::vector<std::pair<Id, ScoreCounts>> deltas;
  REEL_TRY(tally.ApplyEach([&](Id title, const ScoreCounts& delta) {
    deltas.emplace_back(title, delta);
    return Status::Ok();
  }));
  return ApplyDeltas(std::move(deltas));
}

Status SqlWriter::BeginBulkRatings(int64_t expected) {
  if (bulk_) return Status::Ok();
  bulk_ = true;
  if (db_.dialect() != SqlDialect::kSqlite) return Status::Ok();
  // Rebuilding costs a sort of every rating; worth it from a quarter of those stored.
  REEL_ASSIGN_OR_RETURN(auto stored, SingleInt(db_, "SELECT COALESCE(MAX(id), 0) FROM ratings"));
  if (expected < 100000 || expected < stored / 4) return Status::Ok();
  REEL_ASSIGN_OR_RETURN(auto q, db_.Prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ratings' AND sql IS NOT NULL "
      "ORDER BY name"));
  std::vector<std::pair<std::string, std::string>> indexes;
  while (q.Step()) indexes.emplace_back(q.Text(0), q.Text(1));
  REEL_TRY(q.status());
  for (const auto& [name, sql] : indexes) {
    if (sql.starts_with("CREATE UNIQUE")) continue;  // Constraints stay.
    REEL_TRY(db_.Exec("DROP INDEX \"" + name + "\""));
    bulk_indexes_.push_back(sql);
  }
  return Status::Ok();
}

Status SqlWriter::EndBulkRatings() {
  if (!bulk_) return Status::Ok();
  bulk_ = false;
  RatingTally tally(bulk_tally_);
  REEL_TRY(ApplyTally(tally));
  if (bulk_indexes_.empty()) return Status::Ok();
  // The index builds sort every rating: in temporary files rather than in memory
  // (the connection's temp_store), so memory stays at the page cache's size.
  REEL_TRY(db_.Exec("PRAGMA temp_store = FILE"));
  REEL_TRY(db_.Exec("PRAGMA cache_size = -" + std::to_string(kIndexBuildCacheKiB)));
  Status st;
  for (const auto& sql : bulk_indexes_) {
    if (st.ok()) st = db_.Exec(sql);
  }
  bulk_indexes_.clear();
  Status restored = db_.Exec("PRAGMA temp_store = MEMORY");
  if (restored.ok()) restored = db_.Exec("PRAGMA cache_size = -" + std::to_string(kBulkCacheKiB));
  return st.ok() ? restored : st;
}

}  // namespace reel
