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

// "Known for": the films and series (a season's or episode's credit counts for its
// series) among a person's credits that the most readers and critics have rated and
// reviewed (listing popularity: counted critic reviews plus audience ratings), up to
// kKnownForShown, the newest first among equals; titles nobody has rated are left out.
inline constexpr size_t kKnownForShown = 4;

struct PersonPage {
  Person person;
  std::vector<PersonCreditRow> credits;  // Newest first.
  TitleFacts facts;  // Of every credited title and of the known-for titles.
  std::vector<Title> known_for;
};
// NotFound when there is no such person.
Result<PersonPage> LoadPersonPage(Store& store, std::string_view slug, Date today);

}  // namespace reel::catalog
