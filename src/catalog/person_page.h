// The read model of a person's page (/celebrity/<slug>): the person, their credits
// and the facts of every title credited. Plain struct; the loader reads the store
// (only it does); any thread.
#pragma once

#include <string_view>
#include <vector>

#include "catalog/title_facts.h"
#include "core/date.h"
#include "core/status.h"
#include "model/people.h"

namespace reel {
class Store;
}

namespace reel::catalog {

struct PersonPage {
  Person person;
  std::vector<PersonCreditRow> credits;
  TitleFacts facts;  // Of every credited title.
};
// NotFound when there is no such person.
Result<PersonPage> LoadPersonPage(Store& store, std::string_view slug, Date today);

}  // namespace reel::catalog
