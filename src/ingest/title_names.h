// Naming a title from the command line (`reel titles rename`): the way an operator
// names a film or series an import left untitled (the RT extract's "RT movie 5"),
// or corrects a name. A named title is listed again (Title::untitled clears); its
// address (slug) does not change, so links to it keep working.
//
// Any thread; the change is one transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "model/titles.h"

namespace reel {
class Store;
}

namespace reel::ingest {

struct Renamed {
  Title before, after;
  std::string path;  // The title's page: "/m/rt-5".
};

// Renames the film or series `which` names: its page's address ("/m/rt-5",
// "/tv/friends") or its slug ("rt-5"; a film first, then a series, and an error when
// both exist). With `year`, the release becomes that year unless the stored date
// already falls in it. InvalidArgument for a name that is empty, not UTF-8, holds a
// NUL byte or is longer than 1,000 characters, for a year outside 1800..2200 and for
// a season or episode address; NotFound when no such title exists.
Result<Renamed> RenameTitle(Store& store, std::string_view which, std::string_view name, std::optional<int> year);

}  // namespace reel::ingest
