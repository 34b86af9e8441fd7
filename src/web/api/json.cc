#include "web/api/json.h"

#include <string>

#include "audience/accounts.h"
#include "audience/users.h"
#include "core/json_depth.h"
#include "scoring/score.h"
#include "storage/store.h"

namespace reel::web::api {
namespace {

const char* CodeName(StatusCode c) {
  switch (c) {
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kAlreadyExists: return "already_exists";
    case StatusCode::kPermissionDenied: return "permission_denied";
    case StatusCode::kUnauthenticated: return "unauthenticated";
    case StatusCode::kFailedPrecondition: return "failed_precondition";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kResourceExhausted: return "too_many_attempts";
    default: return "internal";
  }
}

Json ScoreJson(const scoring::Score& s) {
  Json j = {{"count", s.count}, {"interval", {{"lower", s.interval.lower}, {"upper", s.interval.upper}}}};
  j["percent"] = s.percent ? Json(*s.percent) : Json(nullptr);
  return j;
}

}  // namespace

HttpResponse Reply(int status, const Json& body) {
  // Text from the store is UTF-8, but a message may quote what the client sent:
  // bytes that are not UTF-8 are replaced, never an exception.
  HttpResponse r = HttpResponse::Json(status, body.dump(-1, ' ', false, Json::error_handler_t::replace));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse ErrorReply(const Status& st, const char* code) {
  Json e = {{"code", code ? code : CodeName(st.code())}};
  std::string message = st.code() == StatusCode::kInternal ? "internal error" : st.message();
  const size_t colon = message.find(": ");
  if (st.code() == StatusCode::kInvalidArgument || st.code() == StatusCode::kAlreadyExists) {
    if (colon != std::string::npos && colon < 20 && message.find(' ') >= colon) e["field"] = message.substr(0, colon);
  }
  e["message"] = message;
  HttpResponse r = Reply(HttpStatusFor(st), {{"error", e}});
  if (st.code() == StatusCode::kUnavailable) r.headers.emplace_back("Retry-After", "5");
  if (st.code() == StatusCode::kUnauthenticated) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

Result<Json> Body(const HttpRequest& req) {
  REEL_TRY(CheckJsonDepth(req.body, "body"));
  Json j = Json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return InvalidArgument("body: must be a JSON object");
  return j;
}

Result<std::string> Field(const Json& j, const char* name, bool required) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) return InvalidArgument(std::string(name) + ": is required");
    return std::string();
  }
  if (!it->is_string()) return InvalidArgument(std::string(name) + ": must be a string");
  return it->get<std::string>();
}


Json ScoresJson(const ScoreCounts& c) {
  Json j = {{"critic", ScoreJson(scoring::CriticScore(c))},
            {"top_critics", ScoreJson(scoring::TopCriticScore(c))},
            {"audience", ScoreJson(scoring::AudienceScore(c))},
            {"verified_audience", ScoreJson(scoring::VerifiedAudienceScore(c))},
            {"certified", c.certified},
            {"want_to_see", c.pre_release}};
  auto avg_stars = scoring::AverageStars(c);
  auto avg_grade = scoring::AverageGrade(c);
  j["average_stars"] = avg_stars ? Json(*avg_stars) : Json(nullptr);
  j["average_grade"] = avg_grade ? Json(*avg_grade) : Json(nullptr);
  return j;
}

Result<std::pair<Session, User>> CallerSession(Store& store, const HttpRequest& req) {
  const std::string auth = req.Header("authorization");
  if (auth.rfind("Bearer ", 0) != 0 || auth.size() <= 7) {
    return Unauthenticated("authorization: send \"Authorization: Bearer TOKEN\" (POST /api/v1/session)");
  }
  auto found = store.FindSession(audience::TokenHash(auth.substr(7)), UtcTimestamp());
  if (!found.ok()) {
    if (found.status().code() == StatusCode::kNotFound) return Unauthenticated("authorization: unknown or expired token");
    return found.status();
  }
  if (found->first.kind != kApiSession) return Unauthenticated("authorization: unknown or expired token");
  audience::NoteSessionUse(store, found->first);
  return found;
}

Result<User> Caller(Store& store, const HttpRequest& req) {
  REEL_ASSIGN_OR_RETURN(auto found, CallerSession(store, req));
  return found.second;
}

Result<TitleWrite> StartTitleWrite(Store& store, const HttpRequest& req, const RouteParams& p) {
  REEL_ASSIGN_OR_RETURN(User user, Caller(store, req));
  REEL_ASSIGN_OR_RETURN(RoutedTitle routed, FindRoutedTitle(store, p));
  REEL_ASSIGN_OR_RETURN(auto body, Body(req));
  return TitleWrite{std::move(user), std::move(routed), std::move(body)};
}

}  // namespace reel::web::api
