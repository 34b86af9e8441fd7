#include "web/html/blocks/credits.h"

#include "catalog/title_paths.h"

namespace reel::web {
namespace {

constexpr size_t kCreditsShown = 8;  // "first eight shown and Show all cast & crew".

}  // namespace

View CreditsView(const std::vector<CreditRow>& credits) {
  View first = View::MakeList(), rest = View::MakeList();
  for (size_t i = 0; i < credits.size(); ++i) {
    const auto& c = credits[i];
    View v;
    v.Set("name", c.person.name);
    v.Set("path", catalog::PersonPath(c.person));
    v.Set("role", c.credit.role);
    v.Set("cast", c.credit.kind == CreditKind::kCast);
    (i < kCreditsShown ? first : rest).Push(std::move(v));
  }
  View out;
  out.Set("any", !credits.empty());
  out.Set("first", std::move(first));
  out.Set("has_more", !rest.list().empty());
  out.Set("rest", std::move(rest));
  out.Set("total", static_cast<int>(credits.size()));
  return out;
}

}  // namespace reel::web
