#include "web/titles.h"

#include "catalog/title_paths.h"

namespace reel::web {

Result<RoutedTitle> FindRoutedTitle(Store& store, const RouteParams& p) {
  const auto part = [&p](const char* name) {
    auto it = p.find(name);
    return it == p.end() ? std::string_view() : std::string_view(it->second);
  };
  auto found = catalog::FindTitleByParts(store, part("slug"), part("season"), part("episode"));
  if (!found.ok()) return found.status();
  return RoutedTitle{std::move(found->title), std::move(found->path)};
}

}  // namespace reel::web
