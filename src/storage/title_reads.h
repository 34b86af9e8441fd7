// TitleReads: finding one title or person by id, slug, or parent and number; the
// reads Store and StoreWriter share, so code written against it (the importers)
// works inside a write transaction and outside one alike. A missing row is NotFound;
// IfFound() turns that into an empty optional where a caller expects absence.
#pragma once

#include <optional>
#include <string_view>

#include "core/status.h"
#include "model/people.h"
#include "model/titles.h"

namespace reel {

class TitleReads {
 public:
  virtual ~TitleReads() = default;

  virtual Result<Title> GetTitle(Id id) = 0;
  // Films and series by kind and slug; seasons and episodes by parent and number.
  virtual Result<Title> FindTitleBySlug(TitleKind kind, std::string_view slug) = 0;
  virtual Result<Title> FindChild(Id parent_id, int number) = 0;
  virtual Result<Person> GetPerson(Id id) = 0;
  virtual Result<Person> FindPersonBySlug(std::string_view slug) = 0;
};

// The value, an empty optional for NotFound, or any other error.
template <typename T>
Result<std::optional<T>> IfFound(Result<T> found) {
  if (found.ok()) return std::optional<T>(std::move(*found));
  if (found.status().code() == StatusCode::kNotFound) return std::optional<T>();
  return found.status();
}

}  // namespace reel
