// SqlStore's recommender slice (storage/recommend_store.h): ratings and content
// features rolled up to films and series for the model build, the stored neighbour
// lists and their builds. Any thread (each method leases its own connection).
#include <string>

#include "core/text.h"
#include "storage/sql/rows.h"
#include "storage/sql_store.h"

namespace reel {
namespace {

// Joins that roll a title `t` up to its film or series, `top` (a season's parent,
// an episode's grandparent).
#define REEL_ROLL_UP(t)                                  \
  " LEFT JOIN titles p ON p.id = " t ".parent_id"        \
  " LEFT JOIN titles g ON g.id = p.parent_id"            \
  " JOIN titles top ON top.id = COALESCE(g.id, p.id, " t ".id) AND top.untitled = 0 "

RatingEvent ReadEvent(const SqlStmt& s) { return RatingEvent{s.Int(0), s.Int(1), s.Double(2), s.Text(3)}; }

TitleNeighbour ReadNeighbour(const SqlStmt& s) {
  TitleNeighbour n;
  n.title_id = s.Int(0);
  n.neighbour_id = s.Int(1);
  n.position = static_cast<int>(s.Int(2));
  n.score = s.Double(3);
  n.reason = ParseNeighbourReason(s.Text(4));
  n.detail = s.Text(5);
  return n;
}

std::string Marks(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

}  // namespace

Result<std::vector<RatingEvent>> SqlStore::ListRatingEvents() {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<RatingEvent>> {
    auto q = (*db)->Prepare(
        "SELECT r.user_id, top.id, r.stars, r.created_at FROM ratings r JOIN titles t ON t.id = r.title_id"
        REEL_ROLL_UP("t") "WHERE r.status = 'counted' ORDER BY r.created_at, r.id");
    return Collect<RatingEvent>(q, ReadEvent);
  });
}

Result<std::vector<RatingEvent>> SqlStore::ListUserRatingEvents(Id user_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<RatingEvent>> {
    auto q = (*db)->Prepare(
        "SELECT r.user_id, top.id, r.stars, r.created_at FROM ratings r JOIN titles t ON t.id = r.title_id"
        REEL_ROLL_UP("t") "WHERE r.status = 'counted' AND r.user_id = ? ORDER BY r.created_at DESC, r.id DESC");
    if (q.ok()) q->Bind(1, user_id);
    return Collect<RatingEvent>(q, ReadEvent);
  });
}

Result<int64_t> SqlStore::CountRatingEvents() {
  return WithRetry([&](Result<Lease>& db) -> Result<int64_t> {
    REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare("SELECT COUNT(*) FROM ratings WHERE status = 'counted'"));
    int64_t n = q.Step() ? q.Int(0) : 0;
    REEL_TRY(q.Run());
    return n;
  });
}

Result<std::vector<TitleFeature>> SqlStore::ListTitleFeatures() {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<TitleFeature>> {
    auto q = (*db)->Prepare(
        "SELECT t.id, 'g', CAST(gn.id AS TEXT), gn.name FROM title_genres tg"
        " JOIN genres gn ON gn.id = tg.genre_id JOIN titles t ON t.id = tg.title_id"
        " WHERE t.parent_id IS NULL AND t.untitled = 0"
        " UNION SELECT top.id, CASE c.kind WHEN 'cast' THEN 'c' ELSE 'w' END, CAST(pe.id AS TEXT), pe.name"
        " FROM credits c JOIN people pe ON pe.id = c.person_id JOIN titles t ON t.id = c.title_id"
        REEL_ROLL_UP("t")
        " UNION SELECT top.id, 'f', CAST(cr.critic_id AS TEXT), '' FROM critic_reviews cr"
        " JOIN titles t ON t.id = cr.title_id" REEL_ROLL_UP("t")
        " WHERE cr.sentiment = 'fresh' AND cr.critic_id IS NOT NULL"
        " UNION SELECT top.id, 't', LOWER(tg2.tag), tg2.tag FROM tags tg2"
        " JOIN titles t ON t.id = tg2.title_id" REEL_ROLL_UP("t"));
    return Collect<TitleFeature>(q, [](auto& s) {
      std::string kind = s.Text(1);
      return TitleFeature{s.Int(0), kind.empty() ? 'g' : kind[0], s.Text(2), s.Text(3)};
    });
  });
}

Result<std::vector<Id>> SqlStore::ListPopularTitles(const std::vector<Id>& genre_ids, int limit, int offset) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Id>> {
    std::string genres = genre_ids.empty() ? std::string()
                                           : " AND t.id IN (SELECT title_id FROM title_genres WHERE genre_id IN (" +
                                                 Marks(genre_ids.size()) + "))";
    // Most-rated first; among equals the better mean (shrunk towards 3.5 stars).
    auto q = (*db)->Prepare(
        "WITH rolled AS (SELECT top.id AS top_id, r.stars FROM ratings r JOIN titles t ON t.id = r.title_id"
        REEL_ROLL_UP("t") "WHERE r.status = 'counted'),"
        " counts AS (SELECT top_id, COUNT(*) AS n, SUM(stars) AS total FROM rolled GROUP BY top_id)"
        " SELECT t.id FROM titles t LEFT JOIN counts c ON c.top_id = t.id"
        " WHERE t.parent_id IS NULL AND t.untitled = 0" + genres +
        " ORDER BY COALESCE(c.n, 0) DESC, (COALESCE(c.total, 0) + 17.5) / (COALESCE(c.n, 0) + 5) DESC, t.id"
        " LIMIT ? OFFSET ?");
    if (q.ok()) {
      int i = 1;
      for (Id g : genre_ids) q->Bind(i++, g);
      q->Bind(i, limit).Bind(i + 1, offset);
    }
    return Collect<Id>(q, [](auto& s) { return s.Int(0); });
  });
}

Status SqlStore::ReplaceNeighbours(const std::vector<TitleNeighbour>& rows, const RecommendBuild& build) {
  return WriteChange([&](SqlDb& db) -> Status {
    REEL_TRY(db.Exec("DELETE FROM title_neighbours"));
    for (const auto& n : rows) {
      // Prepared once per connection (the statement cache), bound afresh per row.
      REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
          "INSERT INTO title_neighbours (title_id, position, neighbour_id, score, reason, detail)"
          " VALUES (?, ?, ?, ?, ?, ?)"));
      q.Bind(1, n.title_id).Bind(2, n.position).Bind(3, n.neighbour_id).Bind(4, n.score)
          .Bind(5, NeighbourReasonName(n.reason)).Bind(6, n.detail);
      REEL_TRY(q.Run());
    }
    REEL_ASSIGN_OR_RETURN(auto b, db.Prepare(
        "INSERT INTO recommend_builds (built_at, ratings, titles, model) VALUES (?, ?, ?, ?)"));
    return b.Bind(1, build.built_at.empty() ? UtcTimestamp() : build.built_at).Bind(2, build.ratings)
        .Bind(3, build.titles).Bind(4, build.model).Run();
  });
}

Result<std::vector<TitleNeighbour>> SqlStore::ListNeighbours(const std::vector<Id>& title_ids, int per_title) {
  if (title_ids.empty()) return std::vector<TitleNeighbour>{};
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<TitleNeighbour>> {
    auto q = (*db)->Prepare(
        "SELECT n.title_id, n.neighbour_id, n.position, n.score, n.reason, n.detail FROM title_neighbours n"
        " JOIN titles t ON t.id = n.neighbour_id AND t.untitled = 0"
        " WHERE n.title_id IN (" + Marks(title_ids.size()) + ") AND n.position < ?"
        " ORDER BY n.title_id, n.position");
    if (q.ok()) {
      int i = 1;
      for (Id id : title_ids) q->Bind(i++, id);
      q->Bind(i, per_title);
    }
    return Collect<TitleNeighbour>(q, ReadNeighbour);
  });
}

Result<std::optional<RecommendBuild>> SqlStore::LatestRecommendBuild() {
  return WithRetry([&](Result<Lease>& db) -> Result<std::optional<RecommendBuild>> {
    REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare(
        "SELECT id, built_at, ratings, titles, model FROM recommend_builds ORDER BY id DESC LIMIT 1"));
    std::optional<RecommendBuild> out;
    if (q.Step()) out = RecommendBuild{q.Int(0), q.Text(1), q.Int(2), q.Int(3), q.Text(4)};
    REEL_TRY(q.Run());
    return out;
  });
}

}  // namespace reel
