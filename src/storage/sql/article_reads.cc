// SqlStore's reads for the news pages and feeds, and the small writes beside them:
// published articles by tag, title or author; related articles (shared titles and
// tags); readers' star ratings of articles; authors' profiles; a series' newest
// critic reviews (its reviews feed). Every method may be called from any thread.
#include "storage/sql/rows.h"
#include "storage/sql_store.h"

namespace reel {
namespace {

// An article card's columns: the article, its author's username and shown name.
#define REEL_CARD_COLS                                                                                            \
  "a.id, a.slug, a.headline, a.body_markdown, COALESCE(a.author_id, 0), COALESCE(a.published_at, ''), "          \
  "a.created_at, a.cover_url, a.updated_at, "                                                                     \
  "CASE WHEN u.deleted_at IS NULL THEN COALESCE(u.username, '') ELSE '' END, "                                    \
  "CASE WHEN u.deleted_at IS NULL THEN COALESCE(NULLIF(ap.display_name, ''), NULLIF(u.display_name, ''), "        \
  "u.username, '') ELSE '' END"
#define REEL_CARD_FROM \
  " FROM articles a LEFT JOIN users u ON u.id = a.author_id LEFT JOIN author_profiles ap ON ap.user_id = a.author_id"

ArticleCard ReadCard(const SqlStmt& s) {
  ArticleCard c;
  c.article = Article{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4), s.Text(5), s.Text(6)};
  c.article.cover_url = s.Text(7);
  c.article.updated_at = s.Text(8);
  c.author_username = s.Text(9);
  c.author_name = s.Text(10);
  return c;
}

}  // namespace

Result<std::vector<ArticleCard>> SqlStore::ListPublishedArticles(const ArticleQuery& query) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<ArticleCard>> {
    std::string sql = "SELECT " REEL_CARD_COLS REEL_CARD_FROM " WHERE a.published_at IS NOT NULL";
    if (!query.tag.empty()) sql += " AND EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag = ?)";
    if (!query.title_ids.empty()) {
      sql += " AND EXISTS (SELECT 1 FROM article_titles x WHERE x.article_id = a.id AND x.title_id IN (" +
             Placeholders(query.title_ids.size()) + "))";
    }
    if (query.author_id != 0) sql += " AND a.author_id = ?";
    sql += " ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?";
    REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare(sql));
    int i = 1;
    if (!query.tag.empty()) q.Bind(i++, query.tag);
    for (Id t : query.title_ids) q.Bind(i++, t);
    if (query.author_id != 0) q.Bind(i++, query.author_id);
    q.Bind(i++, query.limit).Bind(i++, query.offset);
    std::vector<ArticleCard> out;
    while (q.Step()) out.push_back(ReadCard(q));
    if (!q.status().ok()) return q.status();
    return out;
  });
}

Result<std::vector<ArticleCard>> SqlStore::ListRelatedArticles(Id article_id, int limit) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<ArticleCard>> {
    REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare(
        "SELECT * FROM (SELECT " REEL_CARD_COLS ", "
        "(SELECT COUNT(*) FROM article_titles x JOIN article_titles y ON y.title_id = x.title_id "
        " WHERE x.article_id = a.id AND y.article_id = ?) + "
        "(SELECT COUNT(*) FROM article_tags x JOIN article_tags y ON y.tag = x.tag "
        " WHERE x.article_id = a.id AND y.article_id = ?) AS shared" REEL_CARD_FROM
        " WHERE a.published_at IS NOT NULL AND a.id <> ?) related WHERE shared > 0 "
        "ORDER BY shared DESC, 6 DESC, 1 DESC LIMIT ?"));
    q.Bind(1, article_id).Bind(2, article_id).Bind(3, article_id).Bind(4, limit);
    std::vector<ArticleCard> out;
    while (q.Step()) out.push_back(ReadCard(q));
    if (!q.status().ok()) return q.status();
    return out;
  });
}

Status SqlStore::RateArticle(Id article_id, Id user_id, int stars, std::string_view now) {
  if (stars < 1 || stars > 5) return InvalidArgument("stars: from 1 to 5");
  return WriteChange([&](SqlDb& db) -> Status {
    REEL_ASSIGN_OR_RETURN(auto found, db.Prepare("SELECT 1 FROM articles WHERE id = ?"));
    found.Bind(1, article_id);
    if (!found.Step()) return found.status().ok() ? NotFound("no article " + std::to_string(article_id)) : found.status();
    REEL_TRY(found.Run());
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "INSERT INTO article_ratings (article_id, user_id, stars, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (article_id, user_id) DO UPDATE SET stars = excluded.stars, created_at = excluded.created_at"));
    return q.Bind(1, article_id).Bind(2, user_id).Bind(3, stars).Bind(4, now).Run();
  });
}

Result<ArticleRatingSummary> SqlStore::GetArticleRating(Id article_id, Id user_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<ArticleRatingSummary> {
    REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare(
        "SELECT COUNT(*), CAST(COALESCE(SUM(stars), 0) AS BIGINT), "
        "CAST(COALESCE(MAX(CASE WHEN user_id = ? THEN stars END), 0) AS BIGINT) "
        "FROM article_ratings WHERE article_id = ?"));
    q.Bind(1, user_id).Bind(2, article_id);
    if (!q.Step()) return q.status().ok() ? Internal("no rating summary") : q.status();
    ArticleRatingSummary out;
    out.count = q.Int(0);
    out.average = out.count == 0 ? 0 : static_cast<double>(q.Int(1)) / static_cast<double>(out.count);
    out.mine = static_cast<int>(q.Int(2));
    REEL_TRY(q.Run());
    return out;
  });
}

Result<AuthorProfile> SqlStore::GetAuthorProfile(Id user_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<AuthorProfile> {
    auto q = (*db)->Prepare("SELECT user_id, display_name, bio FROM author_profiles WHERE user_id = ?");
    if (q.ok()) q->Bind(1, user_id);
    REEL_ASSIGN_OR_RETURN(auto found, MaybeOne<AuthorProfile>(q, [](auto& s) {
      return AuthorProfile{s.Int(0), s.Text(1), s.Text(2)};
    }));
    return found ? *found : AuthorProfile{user_id, "", ""};
  });
}

Status SqlStore::SetAuthorProfile(const AuthorProfile& p) {
  return WriteChange([&](SqlDb& db) -> Status {
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "INSERT INTO author_profiles (user_id, display_name, bio) VALUES (?, ?, ?) "
        "ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, bio = excluded.bio"));
    return q.Bind(1, p.user_id).Bind(2, p.display_name).Bind(3, p.bio).Run();
  });
}

Result<std::vector<TitledCriticReview>> SqlStore::ListSeriesCriticReviews(Id series_id, int limit) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<TitledCriticReview>> {
    auto q = (*db)->Prepare(
        "SELECT r.id, r.title_id, r.critic_id, r.publication_id, r.quote, r.url, r.grade_raw, "
        "r.grade_score, r.sentiment, r.sentiment_source, r.review_date, "
        "c.id, c.slug, c.name, c.publication_id, c.top_critic, p.id, p.slug, p.name, p.url "
        "FROM critic_reviews r LEFT JOIN critics c ON c.id = r.critic_id "
        "LEFT JOIN publications p ON p.id = COALESCE(r.publication_id, c.publication_id) "
        "WHERE r.title_id IN (SELECT id FROM titles WHERE parent_id = ?) "
        "OR r.title_id IN (SELECT e.id FROM titles e JOIN titles s ON s.id = e.parent_id WHERE s.parent_id = ?) "
        "ORDER BY r.review_date DESC NULLS LAST, r.id DESC LIMIT ?");
    if (q.ok()) q->Bind(1, series_id).Bind(2, series_id).Bind(3, limit);
    return Collect<TitledCriticReview>(q, [](auto& s) {
      TitledCriticReview out;
      out.row.review = ReadCriticReview(s, 0);
      if (!s.IsNull(11)) out.row.critic = Critic{s.Int(11), s.Text(12), s.Text(13), s.Int(14), s.Int(15) != 0};
      if (!s.IsNull(16)) out.row.publication = Publication{s.Int(16), s.Text(17), s.Text(18), s.Text(19)};
      out.title_id = s.Int(1);
      return out;
    });
  });
}

}  // namespace reel
