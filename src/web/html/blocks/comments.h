// The comments block of title and article pages: one page of the thread (oldest
// first, replies under their parent), a pager, and the reply, edit, delete and
// report forms the reader may use. Rendered from a loaded page of the thread
// (catalog::CommentsPart); any thread.
#pragma once

#include <string>

#include "catalog/reader.h"
#include "core/status.h"
#include "web/html/view.h"
#include "web/http/http.h"
#include "web/site.h"

namespace reel::web {

// The page of comments a request asks for (?comments_page=N, 1 by default);
// NotFound when it is not a page number.
Result<int64_t> CommentsPageAsked(const HttpRequest& req);
// The URL of page `page` (from 1) of the comments on the page at `path`: the page
// itself for the first, "path?comments_page=N" for the others.
std::string CommentPagePath(const std::string& path, int64_t page);
// Sets a page's "comments" block from page `number` of its thread, and the form token
// its report buttons carry ("report_csrf"). NotFound for a page number past the
// thread's last; a failed load only leaves the comments out.
Status AddComments(const Site& site, const HttpRequest& req, View& page, const catalog::CommentsPart& comments,
                   int64_t number, const std::string& path);

}  // namespace reel::web
