#include "catalog/person_page.h"

#include "storage/store.h"

namespace reel::catalog {

Result<PersonPage> LoadPersonPage(Store& store, std::string_view slug, Date today) {
  PersonPage page;
  auto person = store.FindPersonBySlug(slug);
  if (!person.ok()) return person.status();
  page.person = std::move(*person);
  auto credits = store.ListPersonCredits(page.person.id);
  if (!credits.ok()) return credits.status();
  page.credits = std::move(*credits);
  std::vector<const Title*> titles;
  for (const auto& c : page.credits) titles.push_back(&c.title);
  auto facts = LoadTitleFacts(store, titles, today);
  if (!facts.ok()) return facts.status();
  page.facts = std::move(*facts);
  return page;
}

}  // namespace reel::catalog
