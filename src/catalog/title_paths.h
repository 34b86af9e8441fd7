// Finding a title by the address of its page: "/tv/<slug>/s<NN>[/e<NN>]" or
// "/m/<slug>" (series pages are "/tv/<slug>"). Used by the web handlers (from a
// route's captures) and by commands that name titles in files, such as
// `reel verify import`. Reads the store; any thread.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "model/titles.h"

namespace reel {
class Store;
}

namespace reel::catalog {

struct TitleAtPath {
  Title title;
  std::string path;  // Its canonical page: "/tv/star-trek-picard/s01".
};

// From the parts of an address: a film when `season` is empty ("/m/<slug>"),
// otherwise a season ("01") of the series <slug>, or an episode of it when `episode`
// is given. NotFound when any part does not exist.
Result<TitleAtPath> FindTitleByParts(Store& store, std::string_view slug, std::string_view season,
                                     std::string_view episode);

// From a whole address of a film, series, season or episode page; InvalidArgument
// when it is not one ("title: ..."), NotFound when the title does not exist.
Result<TitleAtPath> FindTitleByPath(Store& store, std::string_view path);

}  // namespace reel::catalog
