// What the API's resource files (accounts.cc, titles.cc, ratings.cc, comments.cc)
// share: JSON replies and error bodies, reading a JSON body and its string fields,
// scores as JSON, and the API client a bearer token names. Internal to src/web/api/;
// any thread.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>

#include "core/status.h"
#include "model/accounts.h"
#include "model/score_counts.h"
#include "web/http/http.h"
#include "web/http/router.h"
#include "web/titles.h"

namespace reel::web::api {

using Json = nlohmann::json;

// A JSON reply, never cached.
HttpResponse Reply(int status, const Json& body);
// A Status as the API's error body with the HTTP status HttpStatusFor() gives;
// "field" is the part before ": " when the message names one. `code` replaces the
// status code's name where a resource says more.
HttpResponse ErrorReply(const Status& st, const char* code = nullptr);

// The request's body: InvalidArgument unless it is a JSON object.
Result<Json> Body(const HttpRequest& req);
// A string field of the body ("" when absent); an error when it has another type.
Result<std::string> Field(const Json& j, const char* name, bool required);

// The critic, top-critic, audience and verified audience scores with intervals.
Json ScoresJson(const ScoreCounts& c);

// The API session of a request and its user, from its bearer token. Only API tokens
// count: a browser's session cookie is not a bearer token.
Result<std::pair<Session, User>> CallerSession(Store& store, const HttpRequest& req);
// The signed-in API client, from its bearer token.
Result<User> Caller(Store& store, const HttpRequest& req);

// What a write to a title needs: the signed-in caller, the title and the JSON body.
struct TitleWrite {
  User user;
  RoutedTitle routed;
  Json body;
};
Result<TitleWrite> StartTitleWrite(Store& store, const HttpRequest& req, const RouteParams& p);

}  // namespace reel::web::api
