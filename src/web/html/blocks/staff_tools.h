// The staff forms of a title page, for those who may use them: a critic account's
// review of the title (with its current review filled in) and an editor's critics
// consensus. Rendered from the page's read model; pure; any thread.
#pragma once

#include <optional>
#include <string>

#include "catalog/reader.h"
#include "model/titles.h"
#include "web/html/view.h"
#include "web/site.h"

namespace reel::web {

View StaffTools(const std::optional<Viewer>& viewer, const Title& title, const std::string& page_path,
                const catalog::ReaderParts& reader);

}  // namespace reel::web
