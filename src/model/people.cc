#include "model/people.h"

namespace reel {

const char* CreditKindName(CreditKind k) { return k == CreditKind::kCast ? "cast" : "crew"; }

}  // namespace reel
