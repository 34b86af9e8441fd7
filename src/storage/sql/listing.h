// Keeping the listing keys of titles (model/listing.h, migration 13) in line with
// their stored aggregates, on one connection inside the caller's transaction
// (sql/listing.cc).
#pragma once

#include <utility>
#include <vector>

#include "core/status.h"
#include "model/id.h"
#include "model/listing.h"
#include "storage/sql_db.h"

namespace reel {

// The keys of `ids` (films, seasons, episodes: their own; a season also moves its
// series, a series is computed from its seasons) from the stored aggregates.
Status SyncListingKeys(SqlDb& db, const std::vector<Id>& ids);
// Sets these keys, computed by the caller from counts it holds.
Status WriteListingKeys(SqlDb& db, const std::vector<std::pair<Id, ListingKeys>>& keys);
// Every title's keys (titles without counts get the defaults).
Status SyncAllListingKeys(SqlDb& db);

}  // namespace reel
