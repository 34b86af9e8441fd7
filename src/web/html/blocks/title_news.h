// The news and editorial blocks of title pages, in their own partial
// (templates/partials/title_news.mustache) so a page adds them with one line:
// videos (links; privacy-enhanced embeds only when the operator allows them),
// "Interesting facts", "News & Interviews" (the latest articles of the title or its
// series) and the editorial lists holding it; for editors, the forms that add,
// edit, remove and reorder facts and attach or remove videos. Also the article
// cards shared by /news, an author's page and these blocks. Pure; any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/articles.h"
#include "model/editorial.h"
#include "news/news_pages.h"
#include "web/html/view.h"
#include "web/http/http.h"
#include "web/site.h"

namespace reel::web {

// A list of {headline, path, date, date_iso, author, author_path, summary, cover}.
View ArticleCardsView(const std::vector<ArticleCard>& cards);

// The "title_news" object of a title page. `title_path` is the page's address,
// `series_path` its series' ("" for films and series), `name` what the page calls it.
View TitleNewsView(const news::TitleNews& news, const std::string& title_path, const std::string& series_path,
                   const std::string& name, const std::optional<Viewer>& viewer, const SiteOptions& options);

// A list of {body, source} of facts.
View FactsView(const std::vector<TriviaFact>& facts);


// The error page for a failed write or read of the news pages: for bad input
// (InvalidArgument) it says which field and why ("stars: choose 1 to 5 stars");
// otherwise the plain error page.
HttpResponse InputErrorPage(const Site& site, const HttpRequest& req, const Status& status);

}  // namespace reel::web
