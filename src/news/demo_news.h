// Loads the demo news and editorial content (data/demo/news.json, compiled into the
// binary) after the demo catalog: its authors (editor accounts that cannot sign in),
// articles, interesting facts and editorial lists. Loading it again changes
// nothing: what exists (an author, an article's slug, a title with facts, a list's
// slug) is left as it is. Errors name the place ("news.json: articles[0].titles[1]:
// ..."). Any thread.
#pragma once

#include <string_view>

#include "core/status.h"

namespace reel {
class Store;
}

namespace reel::news {

struct DemoNewsStats {
  int articles = 0;
  int facts = 0;
  int lists = 0;
};

Result<DemoNewsStats> LoadNewsJson(Store& store, std::string_view json, std::string_view source);
Result<DemoNewsStats> LoadDemoNews(Store& store);

}  // namespace reel::news
