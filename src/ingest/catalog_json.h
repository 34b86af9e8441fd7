// Loads a catalog written as JSON (data/demo/catalog.json shows the format) into a
// store, in one transaction: all of it or, on the first bad value, none of it.
//
// Errors name the place: "catalog.json: titles[2].seasons[0].episodes[3].release.date:
// '2020-02-30' is not a day of the calendar". Loading the same file twice changes
// nothing (every row is upserted by its natural key). Any thread; the store
// serialises the write.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace reel {

class Store;

struct CatalogLoadStats {
  int64_t titles = 0;   // Films, series, seasons and episodes.
  int64_t people = 0;
  int64_t credits = 0;
  int64_t critic_reviews = 0;
  int64_t ratings = 0;
};

// `source` names the file in error messages.
Result<CatalogLoadStats> LoadCatalogJson(Store& store, std::string_view json, std::string_view source);

// The demo catalog compiled into the binary.
Result<CatalogLoadStats> LoadDemoCatalog(Store& store);

}  // namespace reel
