#include "catalog/person_page.h"

#include "storage/store.h"

namespace reel::catalog {

Result<PersonPage> LoadPersonPage(Store& store, std::string_view slug, Date today) {
  PersonPage page;
  REEL_ASSIGN_OR_RETURN(page.person, store.FindPersonBySlug(slug));
  REEL_ASSIGN_OR_RETURN(page.credits, store.ListPersonCredits(page.person.id));
  std::vector<const Title*> titles;
  for (const auto& c : page.credits) titles.push_back(&c.title);
  REEL_ASSIGN_OR_RETURN(page.facts, LoadTitleFacts(store, titles, today));
  return page;
}

}  // namespace reel::catalog
