// Id: the key the store gives every stored record (0 means "not stored yet").
//
// Below everything but core: every model header, the store and the domain use it.
#pragma once

#include <cstdint>

namespace reel {

using Id = int64_t;

}  // namespace reel
