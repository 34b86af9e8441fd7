#include "web/api/api.h"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "audience/accounts.h"
#include "audience/comments.h"
#include "audience/moderation.h"
#include "audience/ratings.h"
#include "audience/users.h"
#include "catalog/catalog.h"
#include "core/json_depth.h"
#include "core/parse.h"
#include "scoring/score.h"
#include "storage/store.h"
#include "web/titles.h"

namespace reel::web {
namespace {

using Json = nlohmann::json;

constexpr int64_t kApiSessionDays = 90;

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

HttpResponse Reply(int status, const Json& body) {
  // Text from the store is UTF-8, but a message may quote what the client sent:
  // bytes that are not UTF-8 are replaced, never an exception.
  HttpResponse r = HttpResponse::Json(status, body.dump(-1, ' ', false, Json::error_handler_t::replace));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// A Status as the API's error body; "field" is the part before ": " when the message
// names one. `code` replaces the status code's name where a resource says more.
HttpResponse ErrorReply(const Status& st, const char* code = nullptr) {
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
  REEL_RETURN_IF_ERROR(CheckJsonDepth(req.body, "body"));
  Json j = Json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return InvalidArgument("body: must be a JSON object");
  return j;
}

// A string field of the body ("" when absent); an error when it has another type.
Result<std::string> Field(const Json& j, const char* name, bool required) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) return InvalidArgument(std::string(name) + ": is required");
    return std::string();
  }
  if (!it->is_string()) return InvalidArgument(std::string(name) + ": must be a string");
  return it->get<std::string>();
}

Json ScoreJson(const scoring::Score& s) {
  Json j = {{"count", s.count}, {"interval", {{"lower", s.interval.lower}, {"upper", s.interval.upper}}}};
  j["percent"] = s.percent ? Json(*s.percent) : Json(nullptr);
  return j;
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

// The API session of a request and its user, from its bearer token. Only API tokens
// count: a browser's session cookie is not a bearer token.
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

// The signed-in API client, from its bearer token.
Result<User> Caller(Store& store, const HttpRequest& req) {
  auto found = CallerSession(store, req);
  if (!found.ok()) return found.status();
  return found->second;
}

// A comment as the API shows it (never a guest's email). A deleted comment's
// placeholder has no author and the body "[deleted]"; a closed account's comment
// shows as by "Deleted user" with no username.
Json CommentJson(const CommentRow& row) {
  const Comment& c = row.comment;
  const bool deleted = !c.deleted_at.empty();
  Json author = deleted            ? Json(nullptr)
                : c.user_id == 0   ? Json{{"guest", true}, {"name", c.guest_name}}
                : row.username.empty()
                    ? Json{{"guest", false}, {"username", nullptr}, {"name", "Deleted user"}}
                    : Json{{"guest", false}, {"username", row.username},
                           {"name", row.display_name.empty() ? row.username : row.display_name}};
  return {{"id", c.id},
          {"parent_id", c.parent_id ? Json(c.parent_id) : Json(nullptr)},
          {"deleted", deleted},
          {"author", author},
          {"body", deleted ? "[deleted]" : c.body},
          {"status", ModerationStatusName(c.status)},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at.empty() ? Json(nullptr) : Json(c.updated_at)}};
}

}  // namespace

Api::Api(Store& store) : store_(store), spam_(std::make_unique<audience::SpamModel>()) {}
Api::~Api() = default;

HttpResponse Api::CreateUser(const HttpRequest& req, const RouteParams&) {
  auto body = Body(req);
  if (!body.ok()) return ErrorReply(body.status());
  auto username = Field(*body, "username", true);
  auto email = Field(*body, "email", true);
  auto password = Field(*body, "password", true);
  for (const auto* f : {&username, &email, &password}) {
    if (!f->ok()) return ErrorReply(f->status());
  }
  for (Status st : {audience::ValidateUsername(*username), audience::ValidateEmail(*email),
                    audience::ValidatePassword(*password)}) {
    if (!st.ok()) return ErrorReply(st);
  }
  auto hash = audience::HashPassword(*password);
  if (!hash.ok()) return ErrorReply(hash.status());
  User u;
  u.username = *username;
  u.email = *email;
  u.password_hash = *hash;
  auto id = store_.CreateUser(u);
  if (!id.ok()) return ErrorReply(id.status());
  return Reply(201, {{"id", *id}, {"username", *username}});
}

HttpResponse Api::CreateSession(const HttpRequest& req, const RouteParams&) {
  auto body = Body(req);
  if (!body.ok()) return ErrorReply(body.status());
  auto username = Field(*body, "username", true);
  auto password = Field(*body, "password", true);
  if (!username.ok()) return ErrorReply(username.status());
  if (!password.ok()) return ErrorReply(password.status());
  int64_t retry_after = 0;
  auto user = audience::SignIn(store_, *username, *password, req.ClientAddress(), &retry_after);
  if (!user.ok()) {
    HttpResponse r = ErrorReply(user.status());
    if (retry_after > 0) r.headers.emplace_back("Retry-After", std::to_string(retry_after));
    return r;
  }
  const std::string token = audience::NewToken();
  const std::string now = UtcTimestamp();
  const Date expires = Date::FromDays(Date::Today().ToDays() + kApiSessionDays);
  Session s{audience::TokenHash(token), user->id, kApiSession, audience::NewToken(), now,
            expires.ToIso() + now.substr(10)};
  if (Status st = store_.CreateSession(s); !st.ok()) return ErrorReply(st);
  return Reply(201, {{"token", token}, {"expires_at", s.expires_at}});
}

HttpResponse Api::DeleteSession(const HttpRequest& req, const RouteParams&) {
  auto found = CallerSession(store_, req);
  if (!found.ok()) return ErrorReply(found.status());
  if (Status st = store_.DeleteSession(found->first.token_hash); !st.ok()) return ErrorReply(st);
  HttpResponse r;
  r.status = 204;
  r.content_type = "application/json";
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse Api::GetSeason(const HttpRequest& req, const RouteParams& p) {
  auto routed = FindRoutedTitle(store_, p);
  if (!routed.ok()) return ErrorReply(routed.status());
  const Title& season = routed->title;
  auto series = store_.GetTitle(season.parent_id);
  auto counts = store_.GetScoreCounts(season.id);
  auto episodes = store_.ListChildren(season.id);
  for (const Status* st : {&series.status(), &counts.status(), &episodes.status()}) {
    if (!st->ok()) return ErrorReply(*st);
  }
  Json eps = Json::array();
  for (const auto& e : *episodes) {
    eps.push_back({{"number", e.number},
                   {"code", catalog::EpisodeCode(season.number, e.number)},
                   {"name", e.name},
                   {"release_date", e.release ? Json(e.release->start.ToIso()) : Json(nullptr)},
                   {"synopsis", e.synopsis}});
  }
  Json j = {{"series", {{"slug", series->slug}, {"name", series->name}}},
            {"number", season.number},
            {"name", catalog::SeasonName(season.number)},
            {"path", routed->path},
            {"year", season.release ? Json(season.release->year()) : Json(nullptr)},
            {"synopsis", season.synopsis},
            {"consensus", season.consensus},
            {"episodes", eps},
            {"scores", ScoresJson(*counts)}};
  return Reply(200, j);
}

namespace {

// What a write to a title needs: the signed-in caller, the title and the JSON body.
struct TitleWrite {
  User user;
  RoutedTitle routed;
  Json body;
};

Result<TitleWrite> StartTitleWrite(Store& store, const HttpRequest& req, const RouteParams& p) {
  auto user = Caller(store, req);
  if (!user.ok()) return user.status();
  auto routed = FindRoutedTitle(store, p);
  if (!routed.ok()) return routed.status();
  auto body = Body(req);
  if (!body.ok()) return body.status();
  return TitleWrite{std::move(*user), std::move(*routed), std::move(*body)};
}

}  // namespace

HttpResponse Api::PutRating(const HttpRequest& req, const RouteParams& p) {
  auto w = StartTitleWrite(store_, req, p);
  if (!w.ok()) return ErrorReply(w.status());
  auto stars = w->body.find("stars");
  if (stars == w->body.end() || !stars->is_number()) {
    return ErrorReply(InvalidArgument("stars: a number from 0.5 to 5, in halves"));
  }
  auto review = Field(w->body, "review", false);
  if (!review.ok()) return ErrorReply(review.status());
  auto code = Field(w->body, "code", false);
  if (!code.ok()) return ErrorReply(code.status());
  const Title& title = w->routed.title;
  Status st = audience::RateTitle(store_, w->user.id, title, stars->get<double>(), *review, Date::Today(),
                                  audience::RatingContext{spam_.get(), req.ClientAddress(), *code});
  if (!st.ok()) return ErrorReply(st);
  auto counts = store_.GetScoreCounts(title.id);
  if (!counts.ok()) return ErrorReply(counts.status());
  return Reply(200, {{"path", w->routed.path}, {"scores", ScoresJson(*counts)}});
}

HttpResponse Api::DeleteRating(const HttpRequest& req, const RouteParams& p) {
  auto user = Caller(store_, req);
  if (!user.ok()) return ErrorReply(user.status());
  auto routed = FindRoutedTitle(store_, p);
  if (!routed.ok()) return ErrorReply(routed.status());
  if (Status st = audience::Unrate(store_, user->id, routed->title); !st.ok()) return ErrorReply(st);
  auto counts = store_.GetScoreCounts(routed->title.id);
  if (!counts.ok()) return ErrorReply(counts.status());
  return Reply(200, {{"path", routed->path}, {"scores", ScoresJson(*counts)}});
}

namespace {

// A positive number from the query string; `fallback` when absent, -1 when it is
// not digits (the range is checked where it is used).
int64_t QueryNumber(const HttpRequest& req, const char* name, int64_t fallback) {
  const std::string s = req.Query(name);
  if (s.empty()) return fallback;
  const auto n = ParseInt(s);
  return n && *n >= 0 && *n <= 1000000000 ? *n : -1;
}

}  // namespace

HttpResponse Api::ListComments(const HttpRequest& req, const RouteParams& p) {
  auto routed = FindRoutedTitle(store_, p);
  if (!routed.ok()) return ErrorReply(routed.status());
  const int64_t per_page = QueryNumber(req, "per_page", audience::kCommentsPerPage);
  auto page = audience::LoadThreadPage(store_, CommentThread{0, routed->title.id}, 0, QueryNumber(req, "page", 1),
                                       per_page > audience::kMaxCommentsPerPage ? 0 : static_cast<int>(per_page));
  if (!page.ok()) return ErrorReply(page.status());
  Json list = Json::array();
  for (const auto& node : page->nodes) {
    list.push_back(CommentJson(node.row));
    for (const auto& reply : node.replies) list.push_back(CommentJson(reply));
  }
  return Reply(200, {{"path", routed->path},
                     {"page", page->page},
                     {"per_page", per_page},
                     {"pages", page->pages},
                     {"top_level", page->top_level},
                     {"total", page->total},
                     {"comments", list}});
}

HttpResponse Api::PostComment(const HttpRequest& req, const RouteParams& p) {
  auto w = StartTitleWrite(store_, req, p);
  if (!w.ok()) return ErrorReply(w.status());
  auto text = Field(w->body, "body", true);
  if (!text.ok()) return ErrorReply(text.status());
  Id parent = 0;
  if (auto it = w->body.find("parent_id"); it != w->body.end() && !it->is_null()) {
    if (!it->is_number_integer()) return ErrorReply(InvalidArgument("parent_id: must be a comment id"));
    parent = it->get<Id>();
  }
  audience::Poster poster{&w->user, "", "", req.ClientAddress()};
  int64_t retry_after = 0;
  auto posted =
      audience::PostComment(store_, *spam_, poster, CommentThread{0, w->routed.title.id}, parent, *text, &retry_after);
  if (!posted.ok()) {
    if (posted.status().code() != StatusCode::kResourceExhausted) return ErrorReply(posted.status());
    HttpResponse r = ErrorReply(posted.status(), "too_many_requests");
    r.headers.emplace_back("Retry-After", std::to_string(std::max<int64_t>(1, retry_after)));
    return r;
  }
  return Reply(201, {{"path", w->routed.path},
                     {"comment", CommentJson(CommentRow{*posted, w->user.username, w->user.display_name})}});
}

}  // namespace reel::web
