// Plain HTTP request and response values that handlers see.
//
// The server (server.cc, the only file that includes Boost.Beast) turns each
// Beast request into an HttpRequest and each HttpResponse back, so handlers and
// tests stay free of Beast. Values; any thread.
#pragma once

#include <any>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/text.h"  // EncodeUrlValue, which handlers use with requests.

namespace reel::web {

struct HttpRequest {
  std::string method;   // "GET", "POST", ...; HEAD arrives as "HEAD".
  std::string target;   // As sent: "/tv/x?critics=top".
  std::string path;     // Percent-decoded path: "/tv/x".
  std::multimap<std::string, std::string> query;  // Decoded query parameters.
  std::map<std::string, std::string> headers;     // Names in lower case.
  std::string body;
  std::string remote;   // Peer address.
  // What a handler worked out once about this request and may need again while
  // handling it (the signed-in reader: Site::ViewerOf). One request belongs to one
  // thread, so no lock.
  mutable std::any memo;

  // The first value of a query parameter, or "".
  std::string Query(std::string_view key) const;
  std::string Header(std::string_view lower_name) const;
  // The value of a cookie, or "".
  std::string Cookie(std::string_view name) const;
  // The client's address: the peer's, or, when the peer is a proxy on this machine
  // (loopback), the last address it put in X-Forwarded-For.
  std::string ClientAddress() const;
};

// Fields of an application/x-www-form-urlencoded body (decoded).
std::multimap<std::string, std::string> ParseForm(std::string_view body);
// The first value of a field, or "".
std::string FormValue(const std::multimap<std::string, std::string>& form, std::string_view key);

enum class SameSite { kLax, kStrict };

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static HttpResponse Text(int status, std::string body);
  static HttpResponse Redirect(int status, std::string location);
  static HttpResponse Json(int status, std::string body);
  // Adds a Set-Cookie: HttpOnly always, Secure when `secure`; max_age 0 deletes it.
  void SetCookie(std::string_view name, std::string_view value, int64_t max_age, SameSite same_site, bool secure);
};

// A request target as the log may show it: secrets replaced by "[redacted]" (the
// token of a reset link's path, and query parameters that carry one: token, code,
// csrf, password, key, secret, whatever their case or percent-encoding), then
// escaped (core/log.h).
std::string TargetForLog(std::string_view target);

// A header value a response may carry: no CR, LF or NUL (each would end the header
// and let what follows be read as another header or the body).
bool SafeHeaderValue(std::string_view value);

// The one place a Status becomes an HTTP status.
int HttpStatusFor(const Status& status);
const char* HttpReason(int status);

// Splits a target into its decoded path and query parameters; false when the
// target is not a valid origin-form URL.
bool ParseTarget(std::string_view target, std::string& path,
                 std::multimap<std::string, std::string>& query);

}  // namespace reel::web
