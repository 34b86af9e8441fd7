// The HTML pages of the site, one handler per route (routes.cc maps URLs here).
//
// Each handler parses its parameters, reads the store, builds a View and renders
// its template; it holds no state between requests, so any thread may call any
// handler. Failures from the store become the styled error page with the status
// HttpStatusFor() gives (a missing title is a 404).
#pragma once

#include <functional>
#include <memory>

#include "core/date.h"
#include "model/accounts.h"
#include "model/comments.h"
#include "model/people.h"
#include "model/titles.h"
#include "web/html/render.h"
#include "web/html/view.h"
#include "web/http.h"
#include "web/router.h"

namespace reel {
class Store;
namespace audience {
class SpamModel;
}
}  // namespace reel

namespace reel::web {

// What the operator sets for the whole site (`reel serve` flags).
struct SiteOptions {
  // The address readers reach the site at ("https://reviews.example.org"): links in
  // messages (password resets) use it, and cookies are Secure when it is https.
  std::string public_url = "http://127.0.0.1:8080";
};

// Whether readers without an account may comment (`reel serve --guest-comments`).
enum class GuestComments { kOff, kOn };

class Pages {
 public:
  // `today` gives the date relative dates are counted from (tests fix it).
  explicit Pages(Store& store, std::function<Date()> today = Date::Today, SiteOptions options = {});
  ~Pages();

  HttpResponse Home(const HttpRequest& req, const RouteParams& p);
  HttpResponse TvIndex(const HttpRequest& req, const RouteParams& p);
  HttpResponse Series(const HttpRequest& req, const RouteParams& p);
  HttpResponse Episodes(const HttpRequest& req, const RouteParams& p);
  HttpResponse Season(const HttpRequest& req, const RouteParams& p);
  HttpResponse Episode(const HttpRequest& req, const RouteParams& p);
  HttpResponse Film(const HttpRequest& req, const RouteParams& p);
  HttpResponse Person(const HttpRequest& req, const RouteParams& p);
  // /about/scores: the scoring method with worked examples computed by the scoring code.
  HttpResponse AboutScores(const HttpRequest& req, const RouteParams& p);
  HttpResponse Stylesheet(const HttpRequest& req, const RouteParams& p);

  // ---- Accounts and ratings (account_pages.cc) ----
  HttpResponse SignupForm(const HttpRequest& req, const RouteParams& p);
  HttpResponse Signup(const HttpRequest& req, const RouteParams& p);
  HttpResponse SigninForm(const HttpRequest& req, const RouteParams& p);
  HttpResponse Signin(const HttpRequest& req, const RouteParams& p);
  HttpResponse Signout(const HttpRequest& req, const RouteParams& p);
  // POST .../rating of a season, an episode or a film: stars and review, or delete.
  HttpResponse Rate(const HttpRequest& req, const RouteParams& p);
  // /account: the signed-in reader's settings; password change; closing the account.
  HttpResponse AccountSettings(const HttpRequest& req, const RouteParams& p);
  HttpResponse ChangePassword(const HttpRequest& req, const RouteParams& p);
  HttpResponse CloseAccount(const HttpRequest& req, const RouteParams& p);
  // POST /account/sessions/<id>/end: ends one of the reader's other sessions or API
  // tokens, listed on /account.
  HttpResponse EndSession(const HttpRequest& req, const RouteParams& p);
  // /account/reset: ask for a reset link; /account/reset/<token>: choose a new password.
  HttpResponse ResetRequestForm(const HttpRequest& req, const RouteParams& p);
  HttpResponse ResetRequest(const HttpRequest& req, const RouteParams& p);
  HttpResponse ResetForm(const HttpRequest& req, const RouteParams& p);
  HttpResponse Reset(const HttpRequest& req, const RouteParams& p);

  // ---- Staff: critics, editors, admins (staff_pages.cc) ----
  // POST .../critic-review: a critic account's review of the title, or its removal.
  HttpResponse PostCriticReview(const HttpRequest& req, const RouteParams& p);
  // POST .../consensus: an editor's critics consensus.
  HttpResponse PostConsensus(const HttpRequest& req, const RouteParams& p);
  // /admin/users: accounts, their roles and critic profiles; /admin/outbox.
  HttpResponse AdminUsers(const HttpRequest& req, const RouteParams& p);
  HttpResponse AdminUpdateUser(const HttpRequest& req, const RouteParams& p);
  HttpResponse AdminOutbox(const HttpRequest& req, const RouteParams& p);
  // /admin/articles: editors write news articles (new, edit, publish).
  HttpResponse AdminArticles(const HttpRequest& req, const RouteParams& p);
  HttpResponse AdminArticleForm(const HttpRequest& req, const RouteParams& p);
  HttpResponse AdminSaveArticle(const HttpRequest& req, const RouteParams& p);
  // The critic-review and consensus forms of a title page, for those who may use them.
  View StaffTools(const HttpRequest& req, const Title& title, const std::string& page_path) const;

  // ---- Comments and moderation (comment_pages.cc, moderation_pages.cc) ----
  void SetGuestComments(GuestComments guests) { guest_comments_ = guests; }
  // POST .../comments of a season, an episode or a film: a comment or a reply, by a
  // signed-in reader or (with guest comments on) a guest.
  HttpResponse PostComment(const HttpRequest& req, const RouteParams& p);
  // GET .../comments/guest: the guest comment form (with its own form token).
  HttpResponse GuestCommentForm(const HttpRequest& req, const RouteParams& p);
  // POST /comments/{id}/edit, /comments/{id}/delete, /comments/{id}/report, /reviews/{id}/report.
  HttpResponse EditComment(const HttpRequest& req, const RouteParams& p);
  HttpResponse DeleteComment(const HttpRequest& req, const RouteParams& p);
  HttpResponse ReportComment(const HttpRequest& req, const RouteParams& p);
  HttpResponse ReportReview(const HttpRequest& req, const RouteParams& p);
  // GET and POST /admin/moderation: the queue and an editor's decision on one item.
  HttpResponse Moderation(const HttpRequest& req, const RouteParams& p);
  HttpResponse Moderate(const HttpRequest& req, const RouteParams& p);
  // GET /news/<slug>: a published article's headline, body (escaped paragraphs) and
  // comments; a minimal page until the news feature (src/news/) comes.
  HttpResponse NewsArticle(const HttpRequest& req, const RouteParams& p);
  // Sets a title or article page's "comments" block, the page of comments the
  // request's ?comments_page=N names (the first by default), and the form token its
  // report buttons carry ("report_csrf"). NotFound for a page number that is not a
  // page of the thread; a store failure only leaves the comments out.
  Status AddComments(const HttpRequest& req, View& page, const CommentThread& thread, const std::string& path) const;

  // The signed-in reader of a request (from the session cookie), if any.
  struct Viewer {
    User user;
    Session session;
  };
  std::optional<Viewer> ViewerOf(const HttpRequest& req) const;
  // Puts the reader's name and form token in a page's frame.
  void AddViewer(const HttpRequest& req, PageFrame& frame) const;
  // The rate-and-review block of a title page.
  View RatingWidget(const HttpRequest& req, const Title& title, const std::string& page_path) const;

  // True when cookies must be Secure: the site is served over TLS.
  bool SecureCookies(const HttpRequest& req) const;
  const SiteOptions& options() const { return options_; }

  // The styled page for an error status (404, 500, ...).
  HttpResponse Error(int status) const;
  HttpResponse Error(const Status& status) const;

 private:
  Store& store_;
  std::function<Date()> today_;
  SiteOptions options_;
  std::unique_ptr<audience::SpamModel> spam_;  // Shared by every thread (it locks itself).
  GuestComments guest_comments_ = GuestComments::kOff;
};

}  // namespace reel::web
