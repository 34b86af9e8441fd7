// Loading a person's page (catalog/person_page.h), and the known-for rule.
#include "catalog/person_page.h"

#include <algorithm>
#include <map>

#include "storage/store.h"

namespace reel::catalog {
namespace {

// The film or series a credit belongs to.
const Title& TopTitle(const PersonCreditRow& c) { return c.series ? *c.series : c.title; }

Result<std::vector<Title>> KnownFor(Store& store, const std::vector<PersonCreditRow>& credits) {
  std::map<Id, Title> tops;
  for (const auto& c : credits) tops.emplace(TopTitle(c).id, TopTitle(c));
  std::vector<Id> ids;
  for (const auto& [id, t] : tops) ids.push_back(id);
  REEL_ASSIGN_OR_RETURN(auto keys, store.GetListingKeys(ids));
  std::vector<Title> out;
  for (auto& [id, t] : tops) {
    if (keys.count(id) && keys[id].popularity > 0) out.push_back(t);
  }
  auto release = [](const Title& t) { return t.release ? t.release->start.ToIso() : std::string(); };
  std::sort(out.begin(), out.end(), [&](const Title& a, const Title& b) {
    const int64_t pa = keys[a.id].popularity, pb = keys[b.id].popularity;
    if (pa != pb) return pa > pb;
    if (release(a) != release(b)) return release(a) > release(b);
    return a.id < b.id;
  });
  if (out.size() > kKnownForShown) out.resize(kKnownForShown);
  return out;
}

}  // namespace

Result<PersonPage> LoadPersonPage(Store& store, std::string_view slug, Date today) {
  PersonPage page;
  REEL_ASSIGN_OR_RETURN(page.person, store.FindPersonBySlug(slug));
  REEL_ASSIGN_OR_RETURN(page.credits, store.ListPersonCredits(page.person.id));
  REEL_ASSIGN_OR_RETURN(page.known_for, KnownFor(store, page.credits));
  std::vector<const Title*> titles;
  for (const auto& c : page.credits) titles.push_back(&c.title);
  for (const auto& t : page.known_for) titles.push_back(&t);
  REEL_ASSIGN_OR_RETURN(page.facts, LoadTitleFacts(store, titles, today));
  return page;
}

}  // namespace reel::catalog
