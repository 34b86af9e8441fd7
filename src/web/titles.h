// Finding the title a route names: /tv/<slug>/s<NN>[/e<NN>] or /m/<slug> (with the
// route's captures "slug", "season", "episode"), for handlers that act on any of
// them. Any thread.
#pragma once

#include <string>

#include "core/status.h"
#include "model/titles.h"
#include "web/router.h"

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

}  // namespace reel::web
