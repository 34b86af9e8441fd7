// SqlStore's news articles: editors' drafts and published articles, by id or slug
// (comments on them are in sql/comments.cc). Every method may be called from any
// thread (each leases its own connection).
#include "core/text.h"
#include "storage/sql/rows.h"
#include "storage/sql/search_index.h"
#include "storage/sql_store.h"

namespace reel {
namespace {

#define REEL_ARTICLE_COLS \
  "id, slug, headline, body_markdown, COALESCE(author_id, 0), COALESCE(published_at, ''), created_at"

Article ReadArticle(const SqlStmt& s) {
  return Article{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4), s.Text(5), s.Text(6)};
}

}  // namespace

Result<Id> SqlStore::AddArticle(const Article& a) {
  if (!IsValidSlug(a.slug)) return InvalidArgument("slug: lowercase words joined by hyphens");
  if (a.headline.empty()) return InvalidArgument("headline: is required");
  Id id = 0;
  REEL_TRY(WriteChange([&](SqlDb& db) -> Status {
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "INSERT INTO articles (slug, headline, body_markdown, author_id, published_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    q.Bind(1, a.slug).Bind(2, a.headline).Bind(3, a.body_markdown).BindIdOrNull(4, a.author_id)
        .BindTextOrNull(5, a.published_at).Bind(6, a.created_at.empty() ? UtcTimestamp() : a.created_at);
    if (!q.Step()) return q.status().ok() ? Internal("insert returned no id") : q.status();
    id = q.Int(0);
    REEL_TRY(q.Run());
    return IndexArticle(db, id);  // Findable once published.
  }));
  return id;
}

Result<Article> SqlStore::FindArticleBySlug(std::string_view slug) {
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  auto q = db->Prepare("SELECT " REEL_ARTICLE_COLS " FROM articles WHERE slug = ?");
  if (q.ok()) q->Bind(1, slug);
  return One<Article>(q, ReadArticle, "no article '" + std::string(slug) + "'");
}

Result<Article> SqlStore::GetArticle(Id id) {
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  auto q = db->Prepare("SELECT " REEL_ARTICLE_COLS " FROM articles WHERE id = ?");
  if (q.ok()) q->Bind(1, id);
  return One<Article>(q, ReadArticle, "no article " + std::to_string(id));
}

Status SqlStore::UpdateArticle(const Article& a) {
  if (!IsValidSlug(a.slug)) return InvalidArgument("slug: lowercase words joined by hyphens");
  if (a.headline.empty()) return InvalidArgument("headline: is required");
  return WriteChange([&](SqlDb& db) -> Status {
    auto q = db.Prepare(
        "UPDATE articles SET slug = ?, headline = ?, body_markdown = ?, published_at = ? WHERE id = ? RETURNING id");
    if (q.ok()) q->Bind(1, a.slug).Bind(2, a.headline).Bind(3, a.body_markdown).BindTextOrNull(4, a.published_at).Bind(5, a.id);
    REEL_TRY(ExpectOneChanged(q, "no article " + std::to_string(a.id)));
    return IndexArticle(db, a.id);
  });
}

Result<std::vector<Article>> SqlStore::ListArticles(int limit) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Article>> {
    REEL_ASSIGN_OR_RETURN(auto q,
                          (*db)->Prepare("SELECT " REEL_ARTICLE_COLS " FROM articles ORDER BY created_at DESC, id DESC LIMIT ?"));
    q.Bind(1, limit);
    std::vector<Article> out;
    while (q.Step()) out.push_back(ReadArticle(q));
    if (!q.status().ok()) return q.status();
    return out;
  });
}

}  // namespace reel
