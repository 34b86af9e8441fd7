// SqlStore's browsing reads (storage/browse_store.h): the film and series indexes
// over the listing keys kept on titles (migration 13: each sort walks its own index
// and stops after a page), genres, critic reviews a page at a time with their full
// tallies, a critic's publications and a publication's critics and verdicts, and
// audience reviews a page at a time. Every method may be called from any thread.
#include <string>

#include "storage/sql/rows.h"
#include "storage/sql_store.h"

namespace reel {
namespace {

#define REEL_LIST_COLS(t)                                                                             \
  t ".list_critic_rank, " t ".list_audience_rank, " t ".list_critic_percent, " t                    \
  ".list_audience_percent, " t ".list_critic_reviews, " t ".list_audience_ratings, " t ".list_popularity, " t \
  ".list_certified"

ListingKeys ReadListingKeys(const SqlStmt& s, int i) {
  ListingKeys k;
  k.critic_rank = s.Double(i);
  k.audience_rank = s.Double(i + 1);
  k.critic_percent = static_cast<int>(s.Int(i + 2));
  k.audience_percent = static_cast<int>(s.Int(i + 3));
  k.critic_reviews = s.Int(i + 4);
  k.audience_ratings = s.Int(i + 5);
  k.popularity = s.Int(i + 6);
  k.certified = s.Int(i + 7) != 0;
  return k;
}

// The WHERE clause of a title filter and its parameters, in order.
struct Where {
  std::string sql;
  std::vector<std::string> texts;  // Bound as text or integer by `ints`.
  std::vector<int64_t> ints;
  std::vector<bool> is_int;
  void Text(std::string_view clause, std::string v) {
    sql += clause;
    texts.push_back(std::move(v));
    ints.push_back(0);
    is_int.push_back(false);
  }
  void Int(std::string_view clause, int64_t v) {
    sql += clause;
    texts.emplace_back();
    ints.push_back(v);
    is_int.push_back(true);
  }
  int Bind(SqlStmt& q) const {
    for (size_t i = 0; i < texts.size(); ++i) {
      if (is_int[i]) q.Bind(static_cast<int>(i + 1), ints[i]);
      else q.Bind(static_cast<int>(i + 1), texts[i]);
    }
    return static_cast<int>(texts.size()) + 1;
  }
};

Where TitleWhere(const TitleFilter& f) {
  Where w;
  w.Text("t.kind = ?", TitleKindName(f.kind));
  w.sql += " AND t.parent_id IS NULL AND t.untitled = 0";
  if (f.genre_id) w.Int(" AND EXISTS (SELECT 1 FROM title_genres g WHERE g.title_id = t.id AND g.genre_id = ?)", f.genre_id);
  if (!f.released_from.empty()) w.Text(" AND t.release_date >= ?", f.released_from);
  if (!f.released_before.empty()) w.Text(" AND t.release_date < ?", f.released_before);
  if (f.certified) w.sql += " AND t.list_certified = 1";
  if (f.reviewed) w.sql += " AND t.list_critic_reviews > 0";
  if (f.critic_min >= 0 || f.critic_max >= 0) {
    w.Int(" AND t.list_critic_percent >= ?", f.critic_min >= 0 ? f.critic_min : 0);
    w.Int(" AND t.list_critic_percent <= ?", f.critic_max >= 0 ? f.critic_max : 100);
  }
  if (f.audience_min >= 0 || f.audience_max >= 0) {
    w.Int(" AND t.list_audience_percent >= ?", f.audience_min >= 0 ? f.audience_min : 0);
    w.Int(" AND t.list_audience_percent <= ?", f.audience_max >= 0 ? f.audience_max : 100);
  }
  return w;
}

// Each sort follows one index of migration 13 (the same expressions, in order).
const char* TitleOrderBy(TitleSort sort) {
  switch (sort) {
    case TitleSort::kPopular: return " ORDER BY t.list_popularity DESC, t.id DESC";
    case TitleSort::kCritic: return " ORDER BY t.list_critic_rank DESC, t.id DESC";
    case TitleSort::kAudience: return " ORDER BY t.list_audience_rank DESC, t.id DESC";
    case TitleSort::kNewest: return " ORDER BY COALESCE(t.release_date, '') DESC, t.id DESC";
    case TitleSort::kName: return " ORDER BY lower(t.name), t.id";
  }
  return "";
}

// The query of one page of an index.
std::string TitleListingSql(const TitleFilter& filter) {
  return "SELECT " REEL_TITLE_COLS("t") ", " REEL_LIST_COLS("t") " FROM titles t WHERE " + TitleWhere(filter).sql +
         TitleOrderBy(filter.sort) + " LIMIT ? OFFSET ?";
}

}  // namespace

Result<TitleListing> SqlStore::ListTitlesBy(const TitleFilter& filter) {
  return WithRetry([&](Result<Lease>& db) -> Result<TitleListing> {
    TitleListing out;
    const Where w = TitleWhere(filter);
    REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare(TitleListingSql(filter)));
    const int next = w.Bind(q);
    q.Bind(next, filter.limit).Bind(next + 1, filter.offset);
    while (q.Step()) {
      out.titles.push_back(ReadTitle(q, 0));
      out.keys.push_back(ReadListingKeys(q, kTitleColCount));
    }
    REEL_TRY(q.status());
    // Counting every match of a broad filter over a million titles costs a scan:
    // counting stops at the cap, and the page says "more than".
    auto c = (*db)->Prepare("SELECT COUNT(*) FROM (SELECT 1 FROM titles t WHERE " + w.sql + " LIMIT ?) AS matching");
    if (c.ok()) c->Bind(w.Bind(*c), filter.count_cap + 1);
    REEL_ASSIGN_OR_RETURN(const int64_t n, One<int64_t>(c, [](auto& s) { return s.Int(0); }, "no count"));
    out.capped = n > filter.count_cap;
    out.total = out.capped ? filter.count_cap : n;
    return out;
  });
}

Result<std::string> SqlStore::ExplainTitleListing(const TitleFilter& filter) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::string> {
    const bool pg = (*db)->dialect() == SqlDialect::kPostgres;
    REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare((pg ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + TitleListingSql(filter)));
    const int next = TitleWhere(filter).Bind(q);
    q.Bind(next, filter.limit).Bind(next + 1, filter.offset);
    std::string plan;
    // SQLite's rows are (id, parent, notused, detail); PostgreSQL's one text column.
    while (q.Step()) plan += q.Text(pg ? 0 : 3) + "\n";
    REEL_TRY(q.status());
    return plan;
  });
}

Result<std::map<Id, ListingKeys>> SqlStore::GetListingKeys(const std::vector<Id>& ids) {
  if (ids.empty()) return std::map<Id, ListingKeys>{};
  return WithRetry([&](Result<Lease>& db) -> Result<std::map<Id, ListingKeys>> {
    std::map<Id, ListingKeys> out;
    const std::string sql =
        "SELECT t.id, " REEL_LIST_COLS("t") " FROM titles t WHERE t.id IN (" + Placeholders(kInChunk) + ")";
    REEL_TRY(ForEachChunk(ids, [&](const std::vector<Id>& chunk) -> Status {
      REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare(sql));
      for (size_t i = 0; i < chunk.size(); ++i) q.Bind(static_cast<int>(i + 1), chunk[i]);
      while (q.Step()) out[q.Int(0)] = ReadListingKeys(q, 1);
      return q.status();
    }));
    return out;
  });
}

Result<std::vector<Genre>> SqlStore::ListAllGenres() {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Genre>> {
    auto q = (*db)->Prepare("SELECT id, slug, name FROM genres ORDER BY name, id");
    return Collect<Genre>(q, [](auto& s) { return Genre{s.Int(0), s.Text(1), s.Text(2)}; });
  });
}

Result<Genre> SqlStore::FindGenreBySlug(std::string_view slug) {
  return WithRetry([&](Result<Lease>& db) -> Result<Genre> {
    auto q = (*db)->Prepare("SELECT id, slug, name FROM genres WHERE slug = ?");
    if (q.ok()) q->Bind(1, slug);
    return One<Genre>(q, [](auto& s) { return Genre{s.Int(0), s.Text(1), s.Text(2)}; },
                      "no genre '" + std::string(slug) + "'");
  });
}

}  // namespace reel
