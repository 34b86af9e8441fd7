#include "news/news_pages.h"

#include <algorithm>

#include "catalog/catalog.h"
#include "core/date.h"
#include "catalog/title_paths.h"
#include "storage/store.h"

namespace reel::news {
namespace {

constexpr int kRelated = 5;
constexpr int kTitleArticles = 5;
constexpr int kTitleLists = 5;

Status CheckPage(int64_t page) {
  return page >= 1 && page <= kMaxPage ? Status::Ok() : InvalidArgument("page: not a page number");
}

// One page of cards: `per` of them, and whether more follow (one more was read).
template <typename T>
bool TrimPage(std::vector<T>& rows, int per) {
  const bool more = rows.size() > static_cast<size_t>(per);
  if (more) rows.resize(per);
  return more;
}

Status LoadSeasonDates(Store& store, const TitleRef& season, std::vector<SeasonDates>& out) {
  SeasonDates d;
  d.season = season;
  d.premiere = season.title.release;
  REEL_ASSIGN_OR_RETURN(auto series, store.GetTitle(season.title.parent_id));
  REEL_ASSIGN_OR_RETURN(auto episodes, store.ListChildren(season.title.id));
  for (const auto& e : episodes) {
    d.episodes.push_back({std::to_string(season.title.number) + "x" + (e.number < 10 ? "0" : "") +
                              std::to_string(e.number),
                          e.name, catalog::EpisodePath(series, season.title.number, e.number), e.release});
  }
  out.push_back(std::move(d));
  return Status::Ok();
}

// Facts of each linked title and of the series of a linked season or episode, once each.
Status LoadFacts(Store& store, const std::vector<TitleRef>& titles, std::vector<TriviaFact>& out) {
  std::vector<Id> seen;
  auto add = [&](Id id) -> Status {
    if (id == 0 || std::find(seen.begin(), seen.end(), id) != seen.end()) return Status::Ok();
    seen.push_back(id);
    REEL_ASSIGN_OR_RETURN(auto facts, store.ListTrivia(id));
    out.insert(out.end(), facts.begin(), facts.end());
    return Status::Ok();
  };
  for (const auto& t : titles) {
    REEL_TRY(add(t.title.id));
    if (t.title.kind == TitleKind::kSeason) REEL_TRY(add(t.title.parent_id));
  }
  return Status::Ok();
}

Status LoadAround(Store& store, ArticlePage& page) {
  for (Id id : page.article.title_ids) {
    REEL_ASSIGN_OR_RETURN(auto t, store.GetTitle(id));
    REEL_ASSIGN_OR_RETURN(auto ref, RefOf(store, t));
    page.titles.push_back(std::move(ref));
  }
  for (Id id : page.article.person_ids) {
    REEL_ASSIGN_OR_RETURN(auto p, store.GetPerson(id));
    page.people.push_back(std::move(p));
  }
  for (const auto& t : page.titles) {
    if (t.title.kind == TitleKind::kSeason) REEL_TRY(LoadSeasonDates(store, t, page.seasons));
    if (page.cast.empty()) {
      REEL_ASSIGN_OR_RETURN(auto credits, store.ListCredits(t.title.id));
      if (credits.empty() && t.title.kind == TitleKind::kSeason) {
        REEL_ASSIGN_OR_RETURN(credits, store.ListCredits(t.title.parent_id));
      }
      page.cast = catalog::SplitCredits(credits).cast;
    }
    REEL_ASSIGN_OR_RETURN(auto lists, store.ListListsWithTitle(t.title.id, kTitleLists));
    for (auto& l : lists) {
      const bool dup = std::any_of(page.lists.begin(), page.lists.end(), [&](auto& x) { return x.id == l.id; });
      if (!dup) page.lists.push_back(std::move(l));
    }
  }
  return LoadFacts(store, page.titles, page.facts);
}

}  // namespace

Result<TitleRef> RefOf(Store& store, const Title& title) {
  const auto parents = catalog::LoadTitleParents(store, title);
  const Title* season = parents.season ? &*parents.season : nullptr;
  const Title* series = parents.series ? &*parents.series : nullptr;
  TitleRef r{title, catalog::TitlePagePath(title, season, series), title.name};
  if (title.kind == TitleKind::kSeason && series) r.name = series->name + ", " + catalog::SeasonName(title.number);
  if (title.kind == TitleKind::kEpisode && season && series) {
    r.name = series->name + " " + catalog::EpisodeCode(season->number, title.number) + ": " + title.name;
  }
  return r;
}

Result<ArticlePage> LoadArticlePage(Store& store, std::string_view slug, Id viewer_id, int64_t comments_page) {
  ArticlePage page;
  REEL_ASSIGN_OR_RETURN(page.article, store.FindArticleBySlug(slug));
  if (page.article.published_at.empty() || page.article.published_at > UtcTimestamp()) {
    return NotFound("no article '" + std::string(slug) + "'");
  }
  if (page.article.author_id != 0) {
    auto author = store.GetUser(page.article.author_id);
    if (author.ok() && !author->username.empty()) {
      REEL_ASSIGN_OR_RETURN(auto profile, store.GetAuthorProfile(author->id));
      page.author_username = author->username;
      page.author_name = !profile.display_name.empty() ? profile.display_name
                         : !author->display_name.empty() ? author->display_name : author->username;
      page.author_bio = profile.bio;
    }
  }
  REEL_TRY(LoadAround(store, page));
  REEL_ASSIGN_OR_RETURN(page.rating, store.GetArticleRating(page.article.id, viewer_id));
  REEL_ASSIGN_OR_RETURN(page.related, store.ListRelatedArticles(page.article.id, kRelated));
  CommentThread thread;
  thread.article_id = page.article.id;
  page.comments = catalog::LoadComments(store, thread, viewer_id, comments_page);
  return page;
}

Result<NewsIndexPage> LoadNewsIndex(Store& store, std::string_view tag, std::string_view title_path, int64_t page) {
  REEL_TRY(CheckPage(page));
  NewsIndexPage out;
  ArticleQuery q;
  q.tag = std::string(tag);
  if (!title_path.empty()) {
    auto t = catalog::FindTitleByPath(store, title_path);
    if (!t.ok()) return InvalidArgument("title: no title page at " + std::string(title_path));
    REEL_ASSIGN_OR_RETURN(auto ref, RefOf(store, t->title));
    q.title_ids.push_back(t->title.id);
    out.title = std::move(ref);
  }
  q.limit = kArticlesPerPage + 1;
  q.offset = (page - 1) * kArticlesPerPage;
  REEL_ASSIGN_OR_RETURN(out.articles, store.ListPublishedArticles(q));
  out.has_next = TrimPage(out.articles, kArticlesPerPage);
  return out;
}

Result<AuthorPage> LoadAuthorPage(Store& store, std::string_view username, int64_t page) {
  REEL_TRY(CheckPage(page));
  AuthorPage out;
  REEL_ASSIGN_OR_RETURN(out.user, store.FindUserByName(username));
  REEL_ASSIGN_OR_RETURN(out.profile, store.GetAuthorProfile(out.user.id));
  ArticleQuery q;
  q.author_id = out.user.id;
  q.limit = kArticlesPerPage + 1;
  q.offset = (page - 1) * kArticlesPerPage;
  REEL_ASSIGN_OR_RETURN(out.articles, store.ListPublishedArticles(q));
  if (out.articles.empty() && page == 1 && out.profile.bio.empty()) {
    return NotFound("no author '" + std::string(username) + "'");
  }
  out.has_next = TrimPage(out.articles, kArticlesPerPage);
  return out;
}

Result<TitleNews> LoadTitleNews(Store& store, Id title_id, Id series_id) {
  TitleNews out;
  ArticleQuery q;
  q.title_ids.push_back(title_id);
  if (series_id != 0) q.title_ids.push_back(series_id);
  q.limit = kTitleArticles;
  REEL_ASSIGN_OR_RETURN(out.articles, store.ListPublishedArticles(q));
  REEL_ASSIGN_OR_RETURN(out.facts, store.ListTrivia(title_id));
  REEL_ASSIGN_OR_RETURN(out.videos, store.ListVideos(title_id));
  REEL_ASSIGN_OR_RETURN(out.lists, store.ListListsWithTitle(title_id, kTitleLists));
  return out;
}

Result<ListPage> LoadEditorialList(Store& store, std::string_view slug, Date today) {
  ListPage out;
  REEL_ASSIGN_OR_RETURN(out.list, store.FindEditorialList(slug));
  if (out.list.visibility == ListVisibility::kPrivate) return NotFound("no list '" + std::string(slug) + "'");
  if (out.list.owner_id != 0) {
    auto owner = store.GetUser(out.list.owner_id);
    if (owner.ok() && !owner->username.empty()) {
      REEL_ASSIGN_OR_RETURN(auto profile, store.GetAuthorProfile(owner->id));
      out.owner_name = !profile.display_name.empty() ? profile.display_name
                       : !owner->display_name.empty() ? owner->display_name : owner->username;
    }
  }
  REEL_ASSIGN_OR_RETURN(auto entries, store.ListEntries(out.list.id));
  std::vector<Title> titles;
  for (const auto& e : entries) {
    REEL_ASSIGN_OR_RETURN(auto t, store.GetTitle(e.title_id));
    REEL_ASSIGN_OR_RETURN(auto ref, RefOf(store, t));
    titles.push_back(t);
    out.entries.push_back({e, std::move(ref)});
  }
  REEL_ASSIGN_OR_RETURN(out.facts, catalog::LoadTitleFacts(store, titles, today));
  return out;
}

Result<ListsIndexPage> LoadListsIndex(Store& store, int64_t page) {
  REEL_TRY(CheckPage(page));
  ListsIndexPage out;
  REEL_ASSIGN_OR_RETURN(out.lists, store.ListEditorialLists(kListsPerPage + 1, (page - 1) * kListsPerPage));
  out.has_next = TrimPage(out.lists, kListsPerPage);
  return out;
}

}  // namespace reel::news
