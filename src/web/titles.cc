#include "web/titles.h"

#include "catalog/title_paths.h"
#include "core/date.h"
#include "storage/store.h"

namespace reel::web {
namespace {

bool IsPublished(const Article& a) { return !a.published_at.empty() && a.published_at <= UtcTimestamp(); }

}  // namespace

Result<RoutedTitle> FindRoutedTitle(Store& store, const RouteParams& p) {
  const auto part = [&p](const char* name) {
    auto it = p.find(name);
    return it == p.end() ? std::string_view() : std::string_view(it->second);
  };
  REEL_ASSIGN_OR_RETURN(auto found, catalog::FindTitleByParts(store, part("slug"), part("season"), part("episode")));
  return RoutedTitle{std::move(found.title), std::move(found.path)};
}

Result<RoutedThread> FindRoutedThread(Store& store, const HttpRequest& req, const RouteParams& p) {
  if (req.path.rfind("/news/", 0) == 0) {
    REEL_ASSIGN_OR_RETURN(Article a, store.FindArticleBySlug(p.at("slug")));
    if (!IsPublished(a)) return NotFound("article '" + a.slug + "' is not published");
    return RoutedThread{{a.id, 0}, catalog::ArticlePath(a.slug), a.headline, a};
  }
  REEL_ASSIGN_OR_RETURN(RoutedTitle routed, FindRoutedTitle(store, p));
  return RoutedThread{{0, routed.title.id}, routed.path, routed.title.name, std::nullopt};
}

}  // namespace reel::web
