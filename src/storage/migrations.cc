#include "storage/migrations.h"

#include <algorithm>

#include "core/embedded.h"

namespace reel {

Result<std::vector<Migration>> LoadMigrations() {
  constexpr std::string_view kDir = "src/storage/migrations/";
  std::vector<Migration> out;
  for (const auto& e : EmbeddedFilesUnder(kDir)) {
    std::string name(e.path.substr(kDir.size()));
    if (name.size() < 9 || name.substr(name.size() - 4) != ".sql" || name[4] != '_' ||
        !std::all_of(name.begin(), name.begin() + 4, [](char c) { return c >= '0' && c <= '9'; })) {
      return Internal("migration file name '" + name + "' is not NNNN_name.sql");
    }
    out.push_back({std::stoi(name.substr(0, 4)), name, e.data});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i].version == out[i - 1].version) {
      return Internal("two migrations share version " + std::to_string(out[i].version));
    }
  }
  return out;
}

}  // namespace reel
