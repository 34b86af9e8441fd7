// The people of the catalog and their credits (a character played, a job done),
// with the joined rows pages list them in. Plain structs; any thread.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "model/id.h"
#include "model/titles.h"

namespace reel {

struct Person {
  Id id = 0;
  std::string slug;
  std::string name;
  std::optional<Date> born;
  std::string birthplace;
  std::string bio;
};

enum class CreditKind { kCast, kCrew };
const char* CreditKindName(CreditKind k);  // "cast", "crew"

// A person's part in a title: a character (cast) or a job (crew).
struct Credit {
  Id id = 0;
  Id title_id = 0;
  Id person_id = 0;
  CreditKind kind = CreditKind::kCast;
  std::string role;   // Character for cast, job for crew.
  int order = 0;      // Billing order, smallest first.
};

// A title's credit with its person.
struct CreditRow {
  Credit credit;
  Person person;
};

// A credit seen from the person's side, with the title and where it belongs.
struct PersonCreditRow {
  Credit credit;
  Title title;
  std::optional<Title> season;  // For episodes.
  std::optional<Title> series;  // For seasons and episodes.
};

}  // namespace reel
