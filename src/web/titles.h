// Finding what a route names: the title of /tv/<slug>/s<NN>[/e<NN>] or /m/<slug>
// (with the route's captures "slug", "season", "episode"), for handlers that act on
// any of them; and the comment thread of a title's or a published article's page
// (/news/<slug>). Reads the store; any thread.
#pragma once

#include <optional>
#include <string>

#include "core/status.h"
#include "model/articles.h"
#include "model/comments.h"
#include "model/titles.h"
#include "web/http/http.h"
#include "web/http/router.h"

namespace reel {
class Store;
}

namespace reel::web {

struct RoutedTitle {
  Title title;
  std::string path;  // Its page: "/tv/star-trek-picard/s01".
};

// NotFound when the series, season, episode or film does not exist.
Result<RoutedTitle> FindRoutedTitle(Store& store, const RouteParams& p);

// The thread a route names: a title's (/tv/..., /m/...) or a published article's (/news/<slug>).
struct RoutedThread {
  CommentThread thread;
  std::string path;
  std::string name;
  std::optional<Article> article;  // For an article's thread.
};

// NotFound when the title does not exist, or the article does not or is not published.
Result<RoutedThread> FindRoutedThread(Store& store, const HttpRequest& req, const RouteParams& p);

}  // namespace reel::web
