// The names of account roles, as the store and the CLI spell them.
#include "model/accounts.h"

namespace reel {

const char* RoleName(Role r) {
  switch (r) {
    case Role::kReader: return "reader";
    case Role::kCritic: return "critic";
    case Role::kEditor: return "editor";
    case Role::kAdmin: return "admin";
  }
  return "reader";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (auto r : {Role::kReader, Role::kCritic, Role::kEditor, Role::kAdmin}) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

}  // namespace reel
