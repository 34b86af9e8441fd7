// Renders pages from the mustache templates compiled into the binary
// (src/web/html/templates/). Every page is its template rendered into
// layout.mustache; files under templates/partials/ are available as {{> name}} and
// are inlined into each template when it is first parsed.
//
// Templates are parsed once per thread and kept; Render may be called from any
// thread. Variables are HTML-escaped unless written {{{triple}}}.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "web/html/view.h"

namespace reel::web {

// What the layout needs besides the page body.
struct PageFrame {
  std::string title;        // <title>, without the site name.
  std::string description;  // <meta name=description>, optional.
  std::string nav;          // Active nav item: "home", "tv", "movies".
  std::string canonical_path;
  std::string user_name;    // The signed-in reader's name; empty for anonymous.
  std::string csrf;         // Their session's form token (for the sign-out form).
  bool editor = false;      // The reader may moderate (editors and admins).
  bool admin = false;       // The reader manages accounts.
};

// Renders templates/<name>.mustache with `page` inside the layout.
Result<std::string> RenderPage(std::string_view name, const View& page, const PageFrame& frame);

// The stylesheet and its URL with a content hash ("/static/reel.css?v=1a2b3c4d").
std::string_view StylesheetBody();
const std::string& StylesheetHref();
const std::string& StylesheetEtag();

}  // namespace reel::web
