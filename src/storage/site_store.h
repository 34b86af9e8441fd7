// SiteStore: the whole site at once: its schema version, its losslessly dumped
// rows (reel-json, Export and Import, each one transaction), and its row counts.
// Any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace reel {

class SiteStore {
 public:
  virtual ~SiteStore() = default;

  // The highest migration applied.
  virtual Result<int> SchemaVersion() = 0;

  // Writes every row of every table, ids included, as one JSON document through
  // `out` in pieces (memory stays bounded by one row). Rows are ordered by key, so
  // the same data always gives the same text, whichever store holds it.
  virtual Status Export(const std::function<void(std::string_view)>& out) = 0;
  // Loads a document Export wrote into this store, which must be empty and at the
  // same schema version; one transaction, so an error leaves it empty.
  virtual Status Import(std::string_view json) = 0;
  // ---- Counts, for `reel stats` and tests ----
  virtual Result<std::map<std::string, int64_t>> CountRows() = 0;
};

}  // namespace reel
