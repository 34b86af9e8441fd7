// SqlStore's reads of critic reviews, audience reviews, scores and publications, and
// the full recompute of the stored aggregates (RecomputeAggregates, and migration 2).
// Every method may be called from any thread (each leases its own connection).
#include <cstdio>

#include "storage/sql/listing.h"
#include "storage/sql/rows.h"
#include "storage/sql_store.h"

namespace reel {

Result<std::vector<CriticReviewRow>> SqlStore::ListCriticReviews(Id title_id, CriticFilter filter) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<CriticReviewRow>> {
    std::string sql =
        "SELECT r.id, r.title_id, r.critic_id, r.publication_id, r.quote, r.url, r.grade_raw, "
        "r.grade_score, r.sentiment, r.sentiment_source, r.review_date, "
        "c.id, c.slug, c.name, c.publication_id, c.top_critic, p.id, p.slug, p.name, p.url "
        "FROM critic_reviews r LEFT JOIN critics c ON c.id = r.critic_id "
        // A review without a publication of its own shows its critic's.
        "LEFT JOIN publications p ON p.id = COALESCE(r.publication_id, c.publication_id) WHERE r.title_id = ?";
    if (filter == CriticFilter::kTopOnly) sql += " AND c.top_critic = 1";
    sql += " ORDER BY r.review_date DESC NULLS LAST, r.id";
    auto q = (*db)->Prepare(sql);
    if (q.ok()) q->Bind(1, title_id);
    return Collect<CriticReviewRow>(q, [](auto& s) {
      CriticReviewRow row;
      row.review = ReadCriticReview(s, 0);
      if (!s.IsNull(11)) row.critic = Critic{s.Int(11), s.Text(12), s.Text(13), s.Int(14), s.Int(15) != 0};
      if (!s.IsNull(16)) row.publication = Publication{s.Int(16), s.Text(17), s.Text(18), s.Text(19)};
      return row;
    });
  });
}

// The first page of a title's audience reviews, newest first (browse_reviews.cc pages them).
Result<std::vector<AudienceReviewRow>> SqlStore::ListAudienceReviews(Id title_id, int limit) {
  return ListAudienceReviewPage(title_id, /*verified_only=*/false, limit, 0);
}

Result<ScoreCounts> SqlStore::GetScoreCounts(Id title_id) {
  REEL_ASSIGN_OR_RETURN(auto all, GetScoreCountsFor({title_id}));
  auto it = all.find(title_id);
  return it == all.end() ? ScoreCounts{} : it->second;
}

Result<std::map<Id, ScoreCounts>> SqlStore::GetScoreCountsFor(const std::vector<Id>& ids) {
  if (ids.empty()) return std::map<Id, ScoreCounts>{};
  return WithRetry([&](Result<Lease>& db) -> Result<std::map<Id, ScoreCounts>> {
    std::map<Id, ScoreCounts> out;
    const std::string sql = "SELECT title_id, " REEL_AGG_COLS ", certified FROM title_aggregates WHERE title_id IN (" +
                            Placeholders(kInChunk) + ")";
    REEL_TRY(ForEachChunk(ids, [&](const std::vector<Id>& chunk) -> Status {
      REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare(sql));
      for (size_t i = 0; i < chunk.size(); ++i) q.Bind(static_cast<int>(i + 1), chunk[i]);
      while (q.Step()) {
        ScoreCounts c = ReadCounts(q, 1);
        c.certified = q.Int(1 + kAggColCount) != 0;
        out[q.Int(0)] = c;
      }
      return q.status();
    }));
    return out;
  });
}

Result<std::vector<std::string>> SqlStore::ListPublicationGrades(std::string_view slug) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<std::string>> {
    auto pub = (*db)->Prepare("SELECT id FROM publications WHERE slug = ?");
    if (pub.ok()) pub->Bind(1, slug);
    REEL_ASSIGN_OR_RETURN(auto id,
                          One<Id>(pub, [](auto& s) { return s.Int(0); }, "no publication '" + std::string(slug) + "'"));
    auto q = (*db)->Prepare(
        "SELECT grade_raw FROM critic_reviews WHERE publication_id = ? AND grade_raw <> '' ORDER BY id");
    if (q.ok()) q->Bind(1, id);
    return Collect<std::string>(q, [](auto& s) { return s.Text(0); });
  });
}

Result<Publication> SqlStore::GetPublication(Id id) {
  return WithRetry([&](Result<Lease>& db) -> Result<Publication> {
    auto q = (*db)->Prepare("SELECT id, slug, name, url FROM publications WHERE id = ?");
    if (q.ok()) q->Bind(1, id);
    return One<Publication>(q, [](auto& s) { return Publication{s.Int(0), s.Text(1), s.Text(2), s.Text(3)}; },
                            "no publication " + std::to_string(id));
  });
}

Result<Publication> SqlStore::FindPublicationBySlug(std::string_view slug) {
  return WithRetry([&](Result<Lease>& db) -> Result<Publication> {
    auto q = (*db)->Prepare("SELECT id, slug, name, url FROM publications WHERE slug = ?");
    if (q.ok()) q->Bind(1, slug);
    return One<Publication>(q, [](auto& s) { return Publication{s.Int(0), s.Text(1), s.Text(2), s.Text(3)}; },
                            "no publication '" + std::string(slug) + "'");
  });
}

Result<std::vector<Id>> SqlStore::ListTitlesWithRatings(int min_ratings) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Id>> {
    auto q = (*db)->Prepare("SELECT a.title_id FROM title_aggregates a JOIN titles t ON t.id = a.title_id "
                            "WHERE a.ratings >= ? AND " REEL_LISTED("t") " ORDER BY a.title_id");
    if (q.ok()) q->Bind(1, min_ratings);
    return Collect<Id>(q, [](auto& s) { return s.Int(0); });
  });
}

Result<std::vector<Id>> SqlStore::ListTitlesWithReviews(int min_reviews) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Id>> {
    auto q = (*db)->Prepare(
        "SELECT a.title_id FROM title_aggregates a JOIN titles t ON t.id = a.title_id "
        "WHERE a.fresh + a.rotten >= ? AND " REEL_LISTED("t") " ORDER BY a.title_id");
    if (q.ok()) q->Bind(1, min_reviews);
    return Collect<Id>(q, [](auto& s) { return s.Int(0); });
  });
}

Result<std::vector<ReviewScoringRow>> SqlStore::ListReviewsForScoring() {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<ReviewScoringRow>> {
    // A review without a publication of its own belongs to its critic's.
    auto q = (*db)->Prepare(
        "SELECT r.id, COALESCE(p.slug, cp.slug, ''), COALESCE(c.slug, ''), r.grade_raw, r.grade_score, "
        "r.sentiment, r.sentiment_source, r.quote FROM critic_reviews r "
        "LEFT JOIN critics c ON c.id = r.critic_id "
        "LEFT JOIN publications p ON p.id = r.publication_id "
        "LEFT JOIN publications cp ON cp.id = c.publication_id ORDER BY r.id");
    return Collect<ReviewScoringRow>(q, [](auto& s) {
      ReviewScoringRow r;
      r.id = s.Int(0);
      r.publication = s.Text(1);
      r.critic = s.Text(2);
      r.grade_raw = s.Text(3);
      r.grade_score = s.OptDouble(4);
      r.sentiment = ParseSentiment(s.Text(5));
      r.source = ParseSentimentSource(s.Text(6));
      r.quote = s.Text(7);
      return r;
    });
  });
}

namespace {

// The aggregates stored now, and the kinds of the titles that have them or could be
// certified (films and seasons).
Status ReadStoredAggregates(SqlDb& db, std::map<Id, ScoreCounts>& stored, std::map<Id, TitleKind>& kinds) {
  REEL_ASSIGN_OR_RETURN(auto old,
                        db.Prepare("SELECT title_id, " REEL_AGG_COLS ", certified FROM title_aggregates"));
  while (old.Step()) {
    ScoreCounts c = ReadCounts(old, 1);
    c.certified = old.Int(1 + kAggColCount) != 0;
    stored[old.Int(0)] = c;
  }
  if (!old.status().ok()) return old.status();
  REEL_ASSIGN_OR_RETURN(auto k,
                        db.Prepare("SELECT t.id, t.kind FROM titles t JOIN title_aggregates a ON a.title_id = t.id "
                                   "UNION SELECT t.id, t.kind FROM titles t WHERE t.kind IN ('film', 'season')"));
  while (k.Step()) kinds[k.Int(0)] = ParseTitleKind(k.Text(1)).value_or(TitleKind::kFilm);
  return k.status();
}

std::string DescribeDrift(Id id, const ScoreCounts& was, const ScoreCounts& is) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "title %lld: stored fresh=%lld rotten=%lld ratings=%lld positive=%lld, rows say "
                "fresh=%lld rotten=%lld ratings=%lld positive=%lld",
                static_cast<long long>(id), static_cast<long long>(was.fresh), static_cast<long long>(was.rotten),
                static_cast<long long>(was.ratings), static_cast<long long>(was.ratings_positive),
                static_cast<long long>(is.fresh), static_cast<long long>(is.rotten),
                static_cast<long long>(is.ratings), static_cast<long long>(is.ratings_positive));
  return std::string(buf);
}

}  // namespace

Result<Store::AggregateReport> SqlStore::RecomputeOn(SqlDb& db) {
  AggregateReport report;
  std::map<Id, ScoreCounts> fresh;  // Recomputed from the rows.
  // The same contributions the writer applies one by one, summed over every row.
  REEL_ASSIGN_OR_RETURN(auto reviews, db.Prepare(
      "SELECT r.title_id, r.sentiment, r.sentiment_source, r.grade_score, COALESCE(c.top_critic, 0) "
      "FROM critic_reviews r LEFT JOIN critics c ON c.id = r.critic_id"));
  while (reviews.Step()) {
    ++report.reviews;
    ScoreCounts& c = fresh[reviews.Int(0)];
    c = Plus(c, Contribution(ReadReviewFacts(reviews, 1)));
  }
  if (!reviews.status().ok()) return reviews.status();
  REEL_ASSIGN_OR_RETURN(auto ratings, db.Prepare("SELECT title_id, stars, verified, status FROM ratings"));
  while (ratings.Step()) {
    ++report.ratings;
    ScoreCounts& c = fresh[ratings.Int(0)];
    c = Plus(c, Contribution(ReadRatingFacts(ratings, 1)));
  }
  if (!ratings.status().ok()) return ratings.status();

  std::map<Id, ScoreCounts> stored;
  std::map<Id, TitleKind> kinds;
  REEL_TRY(ReadStoredAggregates(db, stored, kinds));
  for (auto& [id, c] : fresh) {
    auto it = stored.find(id);
    const ScoreCounts was = it == stored.end() ? ScoreCounts{} : it->second;
    if (!SameCounts(was, c)) {
      ++report.drifted;
      if (report.examples.size() < 10) report.examples.push_back(DescribeDrift(id, was, c));
    }
    const auto rule = CertificationKind(kinds.count(id) ? kinds[id] : TitleKind::kSeries);
    c.certified = rule && NextCertified(was.certified, c, *rule);
  }
  for (auto& [id, c] : stored) {
    if (!fresh.count(id) && !SameCounts(c, ScoreCounts{})) {
      ++report.drifted;
      if (report.examples.size() < 10) report.examples.push_back(DescribeDrift(id, c, ScoreCounts{}));
    }
  }
  report.titles = static_cast<int64_t>(fresh.size());

  REEL_TRY(db.Exec("DELETE FROM title_aggregates"));
  REEL_ASSIGN_OR_RETURN(auto ins,
                        db.Prepare("INSERT INTO title_aggregates (title_id, " REEL_AGG_COLS ", certified) VALUES (?, " +
                                   Placeholders(kAggColCount + 1) + ")"));
  for (const auto& [id, c] : fresh) {
    ins.Bind(1, id);
    BindCounts(ins, 2, c);
    ins.Bind(2 + kAggColCount, c.certified ? 1 : 0);
    REEL_TRY(ins.Run());
    ins.Reset();
  }
  return report;
}

Result<Store::AggregateReport> SqlStore::RecomputeAggregates() {
  // A transaction that writes (it repairs drift): never run twice.
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  if (db->dialect() == SqlDialect::kPostgres) {
    // Writers elsewhere would change rows while they are summed: hold them off.
    Status st = db->Exec("LOCK TABLE critic_reviews, ratings, critics, title_aggregates IN SHARE ROW EXCLUSIVE MODE");
    if (!st.ok()) {
      (void)db->Exec("ROLLBACK");
      return st;
    }
  }
  auto report = RecomputeOn(*db);
  // What the indexes sort by follows the counts (after migration 13, which fills them
  // itself: RecomputeOn also runs for migration 2, before the columns exist).
  Status st = report.ok() ? SyncAllListingKeys(*db) : report.status();
  if (st.ok()) st = db->Exec("COMMIT");
  if (!st.ok()) {
    (void)db->Exec("ROLLBACK");
    return st;
  }
  return report;
}

}  // namespace reel
