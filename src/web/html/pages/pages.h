// The HTML page handlers, one group per file under html/pages/; the route table
// (http/routes.cc) binds each URL to one of them. A handler parses its request,
// loads its read model (catalog/) or does its write through the domain, and renders
// its template; failures become the styled error page with the status HttpStatusFor()
// gives (a missing title is a 404). Handlers hold no state between requests; any
// thread may call any of them.
#pragma once

#include "web/http/http.h"
#include "web/http/router.h"
#include "web/site.h"

namespace reel::web::pages {

// home.cc
HttpResponse Home(const Site& site, const HttpRequest& req, const RouteParams& p);
// series.cc: /tv, /tv/<slug>, /tv/<slug>/episodes.
HttpResponse TvIndex(const Site& site, const HttpRequest& req, const RouteParams& p);
// browse.cc: the film and series indexes and their entry points.
HttpResponse FilmIndex(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse GenreIndex(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse YearIndex(const Site& site, const HttpRequest& req, const RouteParams& p);
// critics.cc: a critic's page and a publication's.
HttpResponse CriticPage(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse PublicationPage(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse Series(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse Episodes(const Site& site, const HttpRequest& req, const RouteParams& p);
// season.cc: /tv/<slug>/s01 and /tv/<slug>/s01/e02.
HttpResponse Season(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse Episode(const Site& site, const HttpRequest& req, const RouteParams& p);
// film.cc, person.cc.
HttpResponse Film(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse Person(const Site& site, const HttpRequest& req, const RouteParams& p);
// for_you.cc: /for-you, a signed-in reader's recommendations.
HttpResponse ForYou(const Site& site, const HttpRequest& req, const RouteParams& p);
// about.cc: /about/scores, the scoring method with worked examples computed by the
// scoring code; and the stylesheet.
HttpResponse AboutScores(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse Stylesheet(const Site& site, const HttpRequest& req, const RouteParams& p);
// search.cc: /search?q=&type=&page= (results grouped by kind) and the header box's
// suggestion script, /static/search.js.
HttpResponse Search(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse SearchScript(const Site& site, const HttpRequest& req, const RouteParams& p);

// account.cc: sign up, sign in, sign out; /account (password change, closing the
// account, ending other sessions); password resets.
HttpResponse SignupForm(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse Signup(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse SigninForm(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse Signin(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse Signout(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse AccountSettings(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse ChangePassword(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse CloseAccount(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse EndSession(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse ResetRequestForm(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse ResetRequest(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse ResetForm(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse Reset(const Site& site, const HttpRequest& req, const RouteParams& p);

// rating.cc: POST .../rating of a season, an episode or a film: stars and review, or delete.
HttpResponse Rate(const Site& site, const HttpRequest& req, const RouteParams& p);

// staff.cc: POST .../critic-review (a critic account's review, or its removal),
// POST .../consensus (an editor's critics consensus); /admin/users and
// /admin/outbox.
HttpResponse PostCriticReview(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse PostConsensus(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse AdminUsers(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse AdminUpdateUser(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse AdminOutbox(const Site& site, const HttpRequest& req, const RouteParams& p);

// news_admin.cc: /admin/articles (editors write articles, with a preview, and their
// author bio at /admin/author) and /admin/lists (editorial lists).
HttpResponse AdminArticles(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse AdminArticleForm(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse AdminSaveArticle(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse AdminSaveAuthor(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse AdminLists(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse AdminListForm(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse AdminSaveList(const Site& site, const HttpRequest& req, const RouteParams& p);

// comments.cc: POST .../comments of a season, an episode, a film or an article (a
// comment or a reply, by a signed-in reader or, with guest comments on, a guest);
// GET .../comments/guest (the guest form); POST /comments/{id}/edit,
// /comments/{id}/delete, /comments/{id}/report, /reviews/{id}/report.
HttpResponse PostComment(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse GuestCommentForm(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse EditComment(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse DeleteComment(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse ReportComment(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse ReportReview(const Site& site, const HttpRequest& req, const RouteParams& p);

// moderation.cc: GET and POST /admin/moderation: the queue and an editor's decision.
HttpResponse Moderation(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse Moderate(const Site& site, const HttpRequest& req, const RouteParams& p);

// news.cc: GET /news/<slug> (an article as seed 001 shows it), POST
// /news/<slug>/rating (a reader's 1-5 stars).
HttpResponse NewsArticle(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse RateArticle(const Site& site, const HttpRequest& req, const RouteParams& p);
// news_index.cc: GET /news (paged, ?tag=, ?title=), /news/author/<username>.
HttpResponse NewsIndex(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse NewsAuthor(const Site& site, const HttpRequest& req, const RouteParams& p);
// news_feeds.cc: Atom feeds /news.atom, /tv/<slug>/news.atom, /tv/<slug>/reviews.atom.
HttpResponse NewsFeed(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse SeriesNewsFeed(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse SeriesReviewsFeed(const Site& site, const HttpRequest& req, const RouteParams& p);
// editorial.cc: GET /lists, /lists/<slug>; POST {title}/facts[/<id>],
// {title}/videos, {title}/videos/<id>/delete (editors' title tools).
HttpResponse ListsIndex(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse EditorialList(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse PostFact(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse PostVideo(const Site& site, const HttpRequest& req, const RouteParams& p);

// calendar.cc: GET /calendar (a week in the reader's zone, with filters; without
// ?week= a redirect to this week's address); POST /account/calendar (the reader's
// zone, or a new personal feed secret, shown once).
HttpResponse Calendar(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse SaveCalendarSettings(const Site& site, const HttpRequest& req, const RouteParams& p);
// calendar_feeds.cc: GET /calendar.ics, /tv/<slug>/calendar.ics and
// /calendar/feed/<secret>.ics (iCalendar).
HttpResponse CalendarFeed(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse SeriesCalendarFeed(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse PersonalCalendarFeed(const Site& site, const HttpRequest& req, const RouteParams& p);
// release_dates.cc: POST {title}/release-date (editors); POST /tv/<slug>/follow.
HttpResponse PostReleaseDate(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse FollowSeries(const Site& site, const HttpRequest& req, const RouteParams& p);

}  // namespace reel::web::pages
