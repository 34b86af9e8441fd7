// The cast and crew block of a title page: the first few credits, and the rest
// behind "Show all cast & crew", each linking to the person's page. Pure; any thread.
#pragma once

#include <vector>

#include "model/people.h"
#include "web/html/view.h"

namespace reel::web {

View CreditsView(const std::vector<CreditRow>& credits);

}  // namespace reel::web
