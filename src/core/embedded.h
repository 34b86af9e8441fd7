// Files compiled into the binary: migrations, templates, static assets and the demo
// catalog, so that `reel` runs from any directory with nothing beside it.
//
// The table is generated at build time by cmake/embed.cmake from the list in
// CMakeLists.txt; paths are relative to the repository root
// ("src/storage/migrations/0001_schema.sql"). Read-only; any thread.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace reel {

struct EmbeddedFileEntry {
  std::string_view path;
  std::string_view data;
};

// The file at `path`, or nullopt.
std::optional<std::string_view> EmbeddedFile(std::string_view path);

// Every embedded file whose path starts with `prefix`, sorted by path.
std::vector<EmbeddedFileEntry> EmbeddedFilesUnder(std::string_view prefix);

}  // namespace reel
