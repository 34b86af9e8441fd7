// The blocks of a title page that depend on its reader: the rating widget, the
// staff forms and the page of comments, rendered from the ReaderParts of the page's
// read model; and the PageReader a request asks the loader for. Any thread.
#pragma once

#include <optional>
#include <string>

#include "catalog/reader.h"
#include "core/status.h"
#include "model/titles.h"
#include "web/html/view.h"
#include "web/http/http.h"
#include "web/site.h"

namespace reel::web {

// Who reads the page, and which page of comments they asked for (the first when the
// request names none that could be; the handler refuses that after finding the title,
// with CommentsPageAsked's status).
catalog::PageReader ReaderOf(const std::optional<Viewer>& viewer, const Result<int64_t>& comments_page,
                             const catalog::ReviewListQuery& reviews = {});

// Sets "rating", "staff" and "comments" on a title page; NotFound for a page of
// comments past the last.
Status AddReaderBlocks(const Site& site, const HttpRequest& req, View& v, const std::optional<Viewer>& viewer,
                       const Title& title, const std::string& path, const catalog::ReaderParts& reader,
                       int64_t comments_page);

}  // namespace reel::web
