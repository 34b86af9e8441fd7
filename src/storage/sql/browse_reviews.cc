// SqlStore's paged review reads (storage/browse_store.h): critic reviews of a
// title, a critic or a publication a page at a time with their titles, their full
// tallies (All / Top, Fresh / Rotten, agreement with the titles' scores, the grade
// histogram), a critic's publications, a publication's critics and labelled
// verdicts, and audience reviews a page at a time. Any thread.
#include <string>

#include "storage/sql/rows.h"
#include "storage/sql_store.h"

namespace reel {
namespace {

// A counted verdict (not a text classifier's suggestion, model/score_counts.h IsCounted).
#define REEL_FRESH "(r.sentiment = 'fresh' AND COALESCE(r.sentiment_source, '') <> 'text')"
#define REEL_ROTTEN "(r.sentiment = 'rotten' AND COALESCE(r.sentiment_source, '') <> 'text')"
#define REEL_TOP "(c.top_critic = 1)"

constexpr const char* kReviewFrom =
    " FROM critic_reviews r LEFT JOIN critics c ON c.id = r.critic_id "
    // A review without a publication of its own shows its critic's.
    "LEFT JOIN publications p ON p.id = COALESCE(r.publication_id, c.publication_id) "
    "JOIN titles t ON t.id = r.title_id ";

// The scope of a query (one title, critic or publication) as SQL, its parameters
// bound from 1 by BindScope.
std::string ScopeSql(const CriticReviewQuery& q) {
  if (q.title_id) return "r.title_id = ?";
  if (q.critic_id) return "r.critic_id = ?";
  return "(r.publication_id = ? OR (r.publication_id IS NULL AND c.publication_id = ?))";
}

// Binds the scope's parameters from `first`; the next free index.
int BindScope(SqlStmt& s, const CriticReviewQuery& q, int first = 1) {
  if (q.title_id) return s.Bind(first, q.title_id), first + 1;
  if (q.critic_id) return s.Bind(first, q.critic_id), first + 1;
  s.Bind(first, q.publication_id).Bind(first + 1, q.publication_id);
  return first + 2;
}

std::string Sum(const std::string& condition) { return "SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END)"; }

std::string TallySql(const CriticReviewQuery& q) {
  std::string sql = "SELECT COUNT(*), " + Sum(REEL_TOP) + ", " + Sum(REEL_FRESH) + ", " + Sum(REEL_ROTTEN) + ", " +
                    Sum(REEL_TOP " AND " REEL_FRESH) + ", " + Sum(REEL_TOP " AND " REEL_ROTTEN) + ", " +
                    Sum("t.list_critic_percent >= 0 AND (" REEL_FRESH " OR " REEL_ROTTEN ")") + ", " +
                    Sum("t.list_critic_percent >= 0 AND ((" REEL_FRESH " AND t.list_critic_percent >= ?) OR (" REEL_ROTTEN
                        " AND t.list_critic_percent < ?))") +
                    ", " + Sum("r.grade_score IS NOT NULL");
  for (int d = 0; d < 10; ++d) {
    // The deciles of model/score_counts.h GradeDecile: 100 falls in the last.
    sql += ", " + Sum("r.grade_score >= " + std::to_string(d * 10) +
                      (d < 9 ? " AND r.grade_score < " + std::to_string(d * 10 + 10) : std::string()));
  }
  return sql + kReviewFrom + "WHERE " + ScopeSql(q);
}

}  // namespace

Result<std::vector<ReviewOfTitle>> SqlStore::ListCriticReviewPage(const CriticReviewQuery& query) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<ReviewOfTitle>> {
    std::string sql =
        "SELECT r.id, r.title_id, COALESCE(r.critic_id, 0), COALESCE(r.publication_id, 0), r.quote, r.url, "
        "r.grade_raw, r.grade_score, r.sentiment, r.sentiment_source, r.review_date, "
        "c.id, c.slug, c.name, COALESCE(c.publication_id, 0), c.top_critic, p.id, p.slug, p.name, p.url, "
        "t.list_critic_percent, " REEL_TITLE_COLS("t") ", " REEL_TITLE_COLS("p1") ", " REEL_TITLE_COLS("p2") +
        std::string(kReviewFrom) +
        "LEFT JOIN titles p1 ON p1.id = t.parent_id LEFT JOIN titles p2 ON p2.id = p1.parent_id WHERE " +
        ScopeSql(query);
    if (query.top_only) sql += " AND " REEL_TOP;
    if (query.verdict == VerdictFilter::kFresh) sql += " AND " REEL_FRESH;
    if (query.verdict == VerdictFilter::kRotten) sql += " AND " REEL_ROTTEN;
    sql += query.order == ReviewOrder::kGrade
               ? " ORDER BY r.grade_score DESC NULLS LAST, r.review_date DESC NULLS LAST, r.id DESC"
               : " ORDER BY r.review_date DESC NULLS LAST, r.id DESC";
    sql += " LIMIT ? OFFSET ?";
    auto q = (*db)->Prepare(sql);
    if (q.ok()) {
      const int next = BindScope(*q, query);
      q->Bind(next, query.limit).Bind(next + 1, query.offset);
    }
    return Collect<ReviewOfTitle>(q, [](auto& s) {
      ReviewOfTitle out;
      out.row.review = ReadCriticReview(s, 0);
      if (!s.IsNull(11)) out.row.critic = Critic{s.Int(11), s.Text(12), s.Text(13), s.Int(14), s.Int(15) != 0};
      if (!s.IsNull(16)) out.row.publication = Publication{s.Int(16), s.Text(17), s.Text(18), s.Text(19)};
      out.title_critic_percent = static_cast<int>(s.Int(20));
      const int t = 21, p1 = t + kTitleColCount, p2 = p1 + kTitleColCount;
      out.title = ReadTitle(s, t);
      if (!s.IsNull(p2)) {
        out.season = ReadTitle(s, p1);
        out.series = ReadTitle(s, p2);
      } else if (!s.IsNull(p1)) {
        out.series = ReadTitle(s, p1);
      }
      return out;
    });
  });
}

Result<CriticReviewTally> SqlStore::TallyCriticReviews(const CriticReviewQuery& query, int fresh_percent) {
  return WithRetry([&](Result<Lease>& db) -> Result<CriticReviewTally> {
    auto q = (*db)->Prepare(TallySql(query));
    if (q.ok()) {
      // The select list's two parameters come before the scope's.
      q->Bind(1, fresh_percent).Bind(2, fresh_percent);
      BindScope(*q, query, 3);
    }
    return One<CriticReviewTally>(q, [](auto& s) {
      CriticReviewTally t;
      int i = 0;
      for (int64_t* v : {&t.all, &t.top, &t.fresh, &t.rotten, &t.top_fresh, &t.top_rotten, &t.judged, &t.agreed,
                         &t.graded}) {
        *v = s.IsNull(i) ? 0 : s.Int(i);
        ++i;
      }
      for (auto& g : t.grade_histogram) g = s.IsNull(i) ? 0 : s.Int(i), ++i;
      return t;
    }, "no tally");
  });
}

Result<std::vector<PublicationWithCount>> SqlStore::ListCriticPublications(Id critic_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<PublicationWithCount>> {
    auto q = (*db)->Prepare(
        "SELECT p.id, p.slug, p.name, p.url, COUNT(*) FROM critic_reviews r JOIN critics c ON c.id = r.critic_id "
        "JOIN publications p ON p.id = COALESCE(r.publication_id, c.publication_id) WHERE r.critic_id = ? "
        "GROUP BY p.id, p.slug, p.name, p.url ORDER BY COUNT(*) DESC, p.name, p.id LIMIT 50");
    if (q.ok()) q->Bind(1, critic_id);
    return Collect<PublicationWithCount>(q, [](auto& s) {
      return PublicationWithCount{Publication{s.Int(0), s.Text(1), s.Text(2), s.Text(3)}, s.Int(4)};
    });
  });
}

Result<std::vector<CriticWithCount>> SqlStore::ListPublicationCritics(Id publication_id, int limit, int64_t offset) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<CriticWithCount>> {
    auto q = (*db)->Prepare(
        "SELECT c.id, c.slug, c.name, COALESCE(c.publication_id, 0), c.top_critic, COUNT(*) "
        "FROM critic_reviews r JOIN critics c ON c.id = r.critic_id "
        "WHERE r.publication_id = ? OR (r.publication_id IS NULL AND c.publication_id = ?) "
        "GROUP BY c.id, c.slug, c.name, c.publication_id, c.top_critic ORDER BY COUNT(*) DESC, c.name, c.id "
        "LIMIT ? OFFSET ?");
    if (q.ok()) q->Bind(1, publication_id).Bind(2, publication_id).Bind(3, limit).Bind(4, offset);
    return Collect<CriticWithCount>(q, [](auto& s) {
      return CriticWithCount{Critic{s.Int(0), s.Text(1), s.Text(2), s.Int(3), s.Int(4) != 0}, s.Int(5)};
    });
  });
}

Result<int64_t> SqlStore::CountPublicationCritics(Id publication_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<int64_t> {
    auto q = (*db)->Prepare(
        "SELECT COUNT(DISTINCT r.critic_id) FROM critic_reviews r JOIN critics c ON c.id = r.critic_id "
        "WHERE r.publication_id = ? OR (r.publication_id IS NULL AND c.publication_id = ?)");
    if (q.ok()) q->Bind(1, publication_id).Bind(2, publication_id);
    return One<int64_t>(q, [](auto& s) { return s.Int(0); }, "no count");
  });
}

Result<std::vector<PublicationVerdict>> SqlStore::ListPublicationVerdicts(Id publication_id, int limit) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<PublicationVerdict>> {
    auto q = (*db)->Prepare(
        "SELECT r.grade_raw, r.sentiment, r.sentiment_source, COALESCE(c.slug, '') FROM critic_reviews r "
        "LEFT JOIN critics c ON c.id = r.critic_id "
        "WHERE (r.publication_id = ? OR (r.publication_id IS NULL AND c.publication_id = ?)) AND r.grade_raw <> '' "
        "ORDER BY r.review_date DESC NULLS LAST, r.id DESC LIMIT ?");
    if (q.ok()) q->Bind(1, publication_id).Bind(2, publication_id).Bind(3, limit);
    return Collect<PublicationVerdict>(q, [](auto& s) {
      return PublicationVerdict{s.Text(0), ParseSentiment(s.Text(1)), ParseSentimentSource(s.Text(2)), s.Text(3)};
    });
  });
}

Result<std::vector<AudienceReviewRow>> SqlStore::ListAudienceReviewPage(Id title_id, bool verified_only, int limit,
                                                                        int64_t offset) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<AudienceReviewRow>> {
    auto q = (*db)->Prepare(
        std::string("SELECT r.id, r.user_id, r.title_id, r.stars, r.review, r.verified, r.status, r.created_at, "
                    "CASE WHEN u.deleted_at IS NULL THEN u.username ELSE '' END, "
                    "CASE WHEN u.deleted_at IS NULL THEN u.display_name ELSE '' END "
                    "FROM ratings r JOIN users u ON u.id = r.user_id "
                    "WHERE r.title_id = ? AND r.status = 'counted' AND r.review <> '' AND r.review_status = 'approved'") +
        (verified_only ? " AND r.verified = 1" : "") + " ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?");
    if (q.ok()) q->Bind(1, title_id).Bind(2, limit).Bind(3, offset);
    return Collect<AudienceReviewRow>(q, [](auto& s) {
      AudienceReviewRow row;
      Rating& r = row.rating;
      r.id = s.Int(0);
      r.user_id = s.Int(1);
      r.title_id = s.Int(2);
      r.stars = s.Double(3);
      r.review = s.Text(4);
      r.verified = s.Int(5) != 0;
      r.status = ParseRatingStatus(s.Text(6));
      r.created_at = s.Text(7);
      row.username = s.Text(8);
      row.display_name = s.Text(9);
      return row;
    });
  });
}

Result<BrowseStore::AudienceReviewTally> SqlStore::TallyAudienceReviews(Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<AudienceReviewTally> {
    auto q = (*db)->Prepare(
        "SELECT COUNT(*), SUM(CASE WHEN r.verified = 1 THEN 1 ELSE 0 END) FROM ratings r "
        "WHERE r.title_id = ? AND r.status = 'counted' AND r.review <> '' AND r.review_status = 'approved'");
    if (q.ok()) q->Bind(1, title_id);
    return One<AudienceReviewTally>(q, [](auto& s) {
      return AudienceReviewTally{s.Int(0), s.IsNull(1) ? 0 : s.Int(1)};
    }, "no tally");
  });
}

}  // namespace reel
