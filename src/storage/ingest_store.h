// IngestReads: what importers and tests read back of an import outside a write
// transaction: a title's ids in other catalogs, tags and other sites' ratings.
// (Inside one, StoreWriter has its own ingest reads.) Any thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "model/id.h"

namespace reel {

class IngestReads {
 public:
  virtual ~IngestReads() = default;

  // A title's ids in other catalogs, source -> value.
  virtual Result<std::map<std::string, std::string>> ListTitleExternalIds(Id title_id) = 0;
  // A title's tags, each with how many users gave it, most used first.
  virtual Result<std::vector<std::pair<std::string, int64_t>>> ListTags(Id title_id) = 0;
  // Another site's published aggregate of a title (average, votes); NotFound when none.
  virtual Result<std::pair<double, int64_t>> GetExternalRating(Id title_id, std::string_view source) = 0;
};

}  // namespace reel
