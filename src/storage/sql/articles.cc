// SqlStore's news articles: editors' drafts and published articles, by id or slug,
// with the titles, people and tags each is linked to (written in the same
// transaction as the article). The reads of the news pages (published lists,
// related articles, ratings, authors) are in sql/article_reads.cc; comments on
// articles are in sql/comments.cc. Every method may be called from any thread
// (each leases its own connection).
#include "core/text.h"
#include "storage/sql/rows.h"
#include "storage/sql/search_index.h"
#include "storage/sql_store.h"

namespace reel {
namespace {

#define REEL_ARTICLE_COLS                                                                                   \
  "id, slug, headline, body_markdown, COALESCE(author_id, 0), COALESCE(published_at, ''), created_at, " \
  "cover_url, updated_at"

Article ReadArticle(const SqlStmt& s) {
  Article a{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4), s.Text(5), s.Text(6)};
  a.cover_url = s.Text(7);
  a.updated_at = s.Text(8);
  return a;
}

Status CheckArticle(const Article& a) {
  if (!IsValidSlug(a.slug)) return InvalidArgument("slug: lowercase words joined by hyphens");
  if (a.headline.empty()) return InvalidArgument("headline: is required");
  return Status::Ok();
}

// Replaces an article's links with those `a` carries.
Status WriteLinks(SqlDb& db, const Article& a) {
  for (const char* table : {"article_titles", "article_people", "article_tags"}) {
    REEL_ASSIGN_OR_RETURN(auto del, db.Prepare(std::string("DELETE FROM ") + table + " WHERE article_id = ?"));
    REEL_TRY(del.Bind(1, a.id).Run());
  }
  for (Id t : a.title_ids) {
    REEL_ASSIGN_OR_RETURN(auto found, db.Prepare("SELECT 1 FROM titles WHERE id = ?"));
    found.Bind(1, t);
    if (!found.Step()) return found.status().ok() ? NotFound("titles: no title " + std::to_string(t)) : found.status();
    REEL_TRY(found.Run());
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "INSERT INTO article_titles (article_id, title_id) VALUES (?, ?) ON CONFLICT DO NOTHING"));
    REEL_TRY(q.Bind(1, a.id).Bind(2, t).Run());
  }
  for (Id p : a.person_ids) {
    REEL_ASSIGN_OR_RETURN(auto found, db.Prepare("SELECT 1 FROM people WHERE id = ?"));
    found.Bind(1, p);
    if (!found.Step()) return found.status().ok() ? NotFound("people: no person " + std::to_string(p)) : found.status();
    REEL_TRY(found.Run());
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "INSERT INTO article_people (article_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING"));
    REEL_TRY(q.Bind(1, a.id).Bind(2, p).Run());
  }
  for (const auto& tag : a.tags) {
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "INSERT INTO article_tags (article_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING"));
    REEL_TRY(q.Bind(1, a.id).Bind(2, tag).Run());
  }
  return Status::Ok();
}

// Fills an article's links, read on `db`.
Status ReadLinks(SqlDb& db, Article& a) {
  {
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare("SELECT title_id FROM article_titles WHERE article_id = ? ORDER BY title_id"));
    q.Bind(1, a.id);
    while (q.Step()) a.title_ids.push_back(q.Int(0));
    REEL_TRY(q.status());
  }
  {
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "SELECT person_id FROM article_people WHERE article_id = ? ORDER BY person_id"));
    q.Bind(1, a.id);
    while (q.Step()) a.person_ids.push_back(q.Int(0));
    REEL_TRY(q.status());
  }
  REEL_ASSIGN_OR_RETURN(auto q, db.Prepare("SELECT tag FROM article_tags WHERE article_id = ? ORDER BY tag"));
  q.Bind(1, a.id);
  while (q.Step()) a.tags.push_back(q.Text(0));
  return q.status();
}

}  // namespace

Result<Id> SqlStore::AddArticle(const Article& a) {
  REEL_TRY(CheckArticle(a));
  Id id = 0;
  REEL_TRY(WriteChange([&](SqlDb& db) -> Status {
    const std::string now = a.created_at.empty() ? UtcTimestamp() : a.created_at;
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "INSERT INTO articles (slug, headline, body_markdown, author_id, published_at, created_at, cover_url, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.Bind(1, a.slug).Bind(2, a.headline).Bind(3, a.body_markdown).BindIdOrNull(4, a.author_id)
        .BindTextOrNull(5, a.published_at).Bind(6, now).Bind(7, a.cover_url)
        .Bind(8, a.updated_at.empty() ? now : a.updated_at);
    if (!q.Step()) return q.status().ok() ? Internal("insert returned no id") : q.status();
    id = q.Int(0);
    REEL_TRY(q.Run());
    Article linked = a;
    linked.id = id;
    REEL_TRY(WriteLinks(db, linked));
    return IndexArticle(db, id);  // Findable once published.
  }));
  return id;
}

Result<Article> SqlStore::FindArticleBySlug(std::string_view slug) {
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  auto q = db->Prepare("SELECT " REEL_ARTICLE_COLS " FROM articles WHERE slug = ?");
  if (q.ok()) q->Bind(1, slug);
  REEL_ASSIGN_OR_RETURN(Article a, One<Article>(q, ReadArticle, "no article '" + std::string(slug) + "'"));
  REEL_TRY(ReadLinks(*db, a));
  return a;
}

Result<Article> SqlStore::GetArticle(Id id) {
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  auto q = db->Prepare("SELECT " REEL_ARTICLE_COLS " FROM articles WHERE id = ?");
  if (q.ok()) q->Bind(1, id);
  REEL_ASSIGN_OR_RETURN(Article a, One<Article>(q, ReadArticle, "no article " + std::to_string(id)));
  REEL_TRY(ReadLinks(*db, a));
  return a;
}

Status SqlStore::UpdateArticle(const Article& a) {
  REEL_TRY(CheckArticle(a));
  return WriteChange([&](SqlDb& db) -> Status {
    auto q = db.Prepare(
        "UPDATE articles SET slug = ?, headline = ?, body_markdown = ?, published_at = ?, cover_url = ?, "
        "updated_at = ? WHERE id = ? RETURNING id");
    if (q.ok()) {
      q->Bind(1, a.slug).Bind(2, a.headline).Bind(3, a.body_markdown).BindTextOrNull(4, a.published_at)
          .Bind(5, a.cover_url).Bind(6, a.updated_at.empty() ? UtcTimestamp() : a.updated_at).Bind(7, a.id);
    }
    REEL_TRY(ExpectOneChanged(q, "no article " + std::to_string(a.id)));
    REEL_TRY(WriteLinks(db, a));
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
