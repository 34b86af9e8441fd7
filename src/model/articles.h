// News articles (src/news/ writes them; comments attach to them). A plain struct;
// any thread.
#pragma once

#include <string>

#include "model/id.h"

namespace reel {

struct Article {
  Id id = 0;
  std::string slug;
  std::string headline;
  std::string body_markdown;
  Id author_id = 0;
  std::string published_at;  // ISO 8601 UTC; empty while a draft.
  std::string created_at;
};

}  // namespace reel
