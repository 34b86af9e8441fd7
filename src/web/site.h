// The site context: what every handler (HTML page or JSON API) needs besides its
// request. The store, the clock pages count relative dates from, the operator's
// options, the shared spam model, and who the reader of a request is (from the
// session cookie). Handlers are free functions taking a `const Site&`; the route
// table (http/routes.cc) binds each URL to one of them.
//
// Built once at start and shared by every thread: its methods may be called from
// any thread (the spam model locks itself; the viewer is memoised on the request).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/date.h"
#include "model/accounts.h"
#include "web/http/http.h"

namespace reel {
class Store;
namespace audience {
class SpamModel;
}
}  // namespace reel

namespace reel::web {

struct PageFrame;
class Metrics;

// What the operator sets for the whole site (`reel serve` flags).
struct SiteOptions {
  // The address readers reach the site at ("https://reviews.example.org"): links in
  // messages (password resets) use it, and cookies are Secure when it is https.
  std::string public_url = "http://127.0.0.1:8080";
  // "" (the default: videos are plain links, no third-party frame) or
  // "youtube-nocookie": YouTube videos are embedded from www.youtube-nocookie.com,
  // the one host the pages' CSP then allows in frames.
  std::string video_embeds;
};

// Whether readers without an account may comment (`reel serve --guest-comments`).
enum class GuestComments { kOff, kOn };

// The browser's session cookie, and the cookie of anonymous forms' double-submit token.
inline constexpr const char* kSessionCookie = "reel_session";
inline constexpr const char* kFormCookie = "reel_form";

// The signed-in reader of a request.
struct Viewer {
  User user;
  Session session;
};

class Site {
 public:
  // `today` gives the date relative dates are counted from (tests fix it).
  explicit Site(Store& store, std::function<Date()> today = Date::Today, SiteOptions options = {});
  ~Site();

  Store& store() const { return store_; }
  Date today() const { return today_(); }
  const SiteOptions& options() const { return options_; }
  GuestComments guest_comments() const { return guest_comments_; }
  void SetGuestComments(GuestComments guests) { guest_comments_ = guests; }
  // Set once before serving, when the address is known only after binding.
  void SetPublicUrl(std::string url) { options_.public_url = std::move(url); }
  // Shared by every thread (it locks itself).
  audience::SpamModel& spam() const { return *spam_; }

  // The signed-in reader of a request (from the session cookie), if any; looked up
  // once per request however often a page asks.
  std::optional<Viewer> ViewerOf(const HttpRequest& req) const;
  // Puts the reader's name and form token in a page's frame.
  void AddViewer(const HttpRequest& req, PageFrame& frame) const;
  // True when cookies must be Secure: the site is served over TLS.
  bool SecureCookies(const HttpRequest& req) const;
  // The server's counters for /metrics (http/metrics.h), set once before serving.
  const Metrics* metrics() const { return metrics_; }
  void SetMetrics(const Metrics* metrics) { metrics_ = metrics; }

 private:
  Store& store_;
  std::function<Date()> today_;
  SiteOptions options_;
  std::unique_ptr<audience::SpamModel> spam_;
  GuestComments guest_comments_ = GuestComments::kOff;
  const Metrics* metrics_ = nullptr;
};

}  // namespace reel::web
