// The names of credit kinds, as the store spells them.
#include "model/people.h"

namespace reel {

const char* CreditKindName(CreditKind k) { return k == CreditKind::kCast ? "cast" : "crew"; }

}  // namespace reel
