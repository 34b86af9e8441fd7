// TriviaStore: editors' "Interesting facts" about titles, kept in order (position
// 1..n per title). Each write is one method and one transaction of its own. Any
// thread.
#pragma once

#include <vector>

#include "core/status.h"
#include "model/editorial.h"

namespace reel {

enum class TriviaMove { kUp, kDown };

class TriviaStore {
 public:
  virtual ~TriviaStore() = default;

  // A title's facts in order.
  virtual Result<std::vector<TriviaFact>> ListTrivia(Id title_id) = 0;
  virtual Result<TriviaFact> GetTrivia(Id id) = 0;
  // Adds a fact at the end of its title's list; its id.
  virtual Result<Id> AddTrivia(const TriviaFact& fact) = 0;
  // Rewrites a fact's body and source (by id); NotFound when there is none.
  virtual Status UpdateTrivia(const TriviaFact& fact) = 0;
  // Removes a fact; the facts after it move up one.
  virtual Status DeleteTrivia(Id id) = 0;
  // Swaps a fact with the one before (kUp) or after (kDown) it; no change at an end.
  virtual Status MoveTrivia(Id id, TriviaMove move) = 0;
};

}  // namespace reel
