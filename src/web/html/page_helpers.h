// Small pieces the page files (pages.cc, account_pages.cc, comment_pages.cc,
// moderation_pages.cc) share: view fragments, dates, paths and form tokens. Any
// thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "model/comments.h"
#include "model/titles.h"
#include "web/html/render.h"
#include "web/html/view.h"
#include "web/http.h"

namespace reel {
class Store;
}

namespace reel::web {

class Pages;

// Renders templates/<name>.mustache in the layout, with the reader's name and token
// in the frame; the styled error page when rendering fails.
HttpResponse Page(const Pages& pages, const HttpRequest& req, std::string_view name, const View& v, PageFrame frame,
                  std::string_view cache_control = "no-cache");

// A text's paragraphs as a list of {text}.
View ParagraphsView(std::string_view text);
// Stars with at most one decimal: "4", "3.5".
std::string StarsNumber(double stars);
// Creation time ("2021-06-13" or "2021-06-13T10:00:00Z") as a date.
std::optional<Date> DateOf(const std::string& stamp);
// The page of a title: films and series alone, a season with its series, an episode
// with its season and series ("" when a needed parent is missing).
std::string TitlePagePath(const Title& title, const Title* season, const Title* series);
// What readers call a title outside its page: "Logan", "Star Trek: Picard, Season 1",
// "Star Trek: Picard S02E02: Penance" (the title's own name when a parent is missing).
std::string TitleDisplayName(const Title& title, const Title* season, const Title* series);
// The same, reading the parents of a season or an episode from the store.
std::string TitleDisplayName(Store& store, const Title& title);

// The page a comment thread is shown on (its title's; "/news" for articles, which
// have no page yet); "/" when the title is gone.
std::string ThreadPath(Store& store, const CommentThread& thread);
// The URL of page `page` (from 1) of the comments on the page at `path`: the page
// itself for the first, "path?comments_page=N" for the others.
std::string CommentPagePath(const std::string& path, int64_t page);

// A local path to go back to after a form ("/tv/x/s01"), never another site.
std::string SafeNext(const std::string& next);
// Anonymous forms (double submit): a new token, set as a SameSite=Strict cookie on
// `res`, to put in the form; and whether a posted form's token matches its cookie.
std::string NewFormToken(const Pages& pages, const HttpRequest& req, HttpResponse& res);
bool FormTokenOk(const HttpRequest& req, const std::multimap<std::string, std::string>& form);

}  // namespace reel::web
