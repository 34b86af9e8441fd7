// What every HTML page handler shares: rendering a page in the layout (with the
// reader's name and form token in its frame), the styled error page, small view
// fragments (paragraphs, stars, genres), dates, display names, safe redirect targets
// and the double-submit form tokens of anonymous forms. Any thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "model/comments.h"
#include "model/titles.h"
#include "web/html/render.h"
#include "web/html/view.h"
#include "web/http/http.h"
#include "web/site.h"

namespace reel {
class Store;
}

namespace reel::web {

// Renders templates/<name>.mustache in the layout, with the reader's name and token
// in the frame; the styled error page when rendering fails.
HttpResponse Page(const Site& site, const HttpRequest& req, std::string_view name, const View& v, PageFrame frame,
                  std::string_view cache_control = "no-cache");

// The styled page for an error status (404, 500, ...), and for a failed Status (with
// the HTTP status HttpStatusFor() gives; server errors are logged).
HttpResponse ErrorPage(int status);
HttpResponse ErrorPage(const Status& status);

// Evaluates a Result-returning expression; on failure returns the error page.
#define REEL_ASSIGN_OR_PAGE(var, expr)                                \
  auto var##_result = (expr);                                         \
  if (!var##_result.ok()) return ErrorPage(var##_result.status());    \
  auto& var = *var##_result;

// A text's paragraphs as a list of {text}.
View ParagraphsView(std::string_view text);
// Stars with at most one decimal: "4", "3.5".
std::string StarsNumber(double stars);
// Creation time ("2021-06-13" or "2021-06-13T10:00:00Z") as a date.
std::optional<Date> DateOf(const std::string& stamp);
// A list of {name}.
View GenresView(const std::vector<Genre>& genres);
// The non-empty parts joined by `sep`.
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// What readers call a title outside its page: "Logan", "Star Trek: Picard, Season 1",
// "Star Trek: Picard S02E02: Penance" (the title's own name when a parent is missing).
std::string TitleDisplayName(const Title& title, const Title* season, const Title* series);
// The same, reading the parents of a season or an episode from the store.
std::string TitleDisplayName(Store& store, const Title& title);
// The page a comment thread is shown on (its title's or its article's); "/" when
// the title or article is gone.
std::string ThreadPath(Store& store, const CommentThread& thread);

// The refusal of a form whose token is missing or does not match (a 403 page).
Status BadFormToken();

// A local path to go back to after a form ("/tv/x/s01"), never another site.
std::string SafeNext(const std::string& next);
// Anonymous forms (double submit): a new token, set as a SameSite=Strict cookie on
// `res`, to put in the form; and whether a posted form's token matches its cookie.
std::string NewFormToken(const Site& site, const HttpRequest& req, HttpResponse& res);
bool FormTokenOk(const HttpRequest& req, const std::multimap<std::string, std::string>& form);

}  // namespace reel::web
