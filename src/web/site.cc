#include "web/site.h"

#include <any>

#include "audience/accounts.h"
#include "audience/moderation.h"
#include "audience/users.h"
#include "core/text.h"
#include "storage/store.h"
#include "web/html/render.h"

namespace reel::web {

Site::Site(Store& store, std::function<Date()> today, SiteOptions options)
    : store_(store),
      today_(std::move(today)),
      options_(std::move(options)),
      spam_(std::make_unique<audience::SpamModel>()) {}
Site::~Site() = default;

bool Site::SecureCookies(const HttpRequest& req) const {
  return options_.public_url.rfind("https://", 0) == 0 || req.Header("x-forwarded-proto") == "https";
}

std::optional<Viewer> Site::ViewerOf(const HttpRequest& req) const {
  // A page asks several times (the frame, the rating widget, the staff forms, the
  // comments): the session is looked up once per request.
  if (const auto* known = std::any_cast<std::optional<Viewer>>(&req.memo)) return *known;
  std::optional<Viewer> viewer;
  const std::string token = req.Cookie(kSessionCookie);
  if (!token.empty()) {
    auto found = store_.FindSession(audience::TokenHash(token), UtcTimestamp());
    // Only a browser's session: an API token is not a cookie.
    if (found.ok() && found->first.kind == kWebSession) {
      audience::NoteSessionUse(store_, found->first);
      viewer = Viewer{found->second, found->first};
    }
  }
  req.memo = viewer;
  return viewer;
}

void Site::AddViewer(const HttpRequest& req, PageFrame& frame) const {
  if (auto v = ViewerOf(req)) {
    frame.user_name = v->user.display_name.empty() ? v->user.username : v->user.display_name;
    frame.csrf = v->session.csrf_token;
    frame.editor = v->user.role == Role::kEditor || v->user.role == Role::kAdmin;
    frame.admin = v->user.role == Role::kAdmin;
  }
}

}  // namespace reel::web
