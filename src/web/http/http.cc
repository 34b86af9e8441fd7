#include "web/http/http.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>
#include <cctype>

#include "core/log.h"

namespace reel::web {

std::string HttpRequest::Query(std::string_view key) const {
  auto it = query.find(std::string(key));
  return it == query.end() ? std::string() : it->second;
}

std::string HttpRequest::Header(std::string_view lower_name) const {
  auto it = headers.find(std::string(lower_name));
  return it == headers.end() ? std::string() : it->second;
}

std::string HttpRequest::ClientAddress() const {
  const bool loopback = remote == "::1" || remote.rfind("127.", 0) == 0 || remote.rfind("::ffff:127.", 0) == 0;
  const std::string forwarded = Header("x-forwarded-for");
  if (!loopback || forwarded.empty()) return remote;
  const size_t comma = forwarded.rfind(',');
  std::string last = forwarded.substr(comma == std::string::npos ? 0 : comma + 1);
  const size_t b = last.find_first_not_of(" \t"), e = last.find_last_not_of(" \t");
  return b == std::string::npos ? remote : last.substr(b, e - b + 1);
}

std::string HttpRequest::Cookie(std::string_view name) const {
  const std::string header = Header("cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    const size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    pos = end + 1;
  }
  return "";
}

std::multimap<std::string, std::string> ParseForm(std::string_view body) {
  std::multimap<std::string, std::string> out;
  std::string path;
  // A form body has the syntax of a query string.
  ParseTarget("/?" + std::string(body), path, out);
  return out;
}

std::string FormValue(const std::multimap<std::string, std::string>& form, std::string_view key) {
  auto it = form.find(std::string(key));
  return it == form.end() ? std::string() : it->second;
}

HttpResponse HttpResponse::Json(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

void HttpResponse::SetCookie(std::string_view name, std::string_view value, int64_t max_age, SameSite same_site,
                             bool secure) {
  std::string c = std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=" +
                  (same_site == SameSite::kLax ? "Lax" : "Strict") + "; Max-Age=" + std::to_string(max_age);
  if (secure) c += "; Secure";
  headers.emplace_back("Set-Cookie", std::move(c));
}

HttpResponse HttpResponse::Text(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

HttpResponse HttpResponse::Redirect(int status, std::string location) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

int HttpStatusFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

const char* HttpReason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 431: return "Request Header Fields Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

namespace {

// Paths whose last part is a secret: the token of a password reset link, the
// secret of a personal calendar feed.
constexpr std::string_view kSecretPathPrefixes[] = {"/account/reset/", "/calendar/feed/"};
// Query parameters whose value is a secret.
constexpr std::string_view kSecretParams[] = {"token", "code", "csrf", "password", "key", "secret"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string TargetForLog(std::string_view target) {
  const size_t q = target.find('?');
  std::string path(target.substr(0, q));
  std::string decoded;
  std::multimap<std::string, std::string> ignored;
  // The router matches decoded paths: so does the redaction.
  if (!ParseTarget(path, decoded, ignored)) decoded = path;
  for (std::string_view prefix : kSecretPathPrefixes) {
    if (decoded.size() > prefix.size() && decoded.compare(0, prefix.size(), prefix) == 0) {
      path = std::string(prefix) + "[redacted]";
    }
  }
  std::string out = path;
  if (q != std::string_view::npos) {
    out += '?';
    std::string_view query = target.substr(q + 1);
    bool first = true;
    while (true) {
      const size_t amp = query.find('&');
      const std::string_view part = query.substr(0, amp);
      const size_t eq = part.find('=');
      std::string key;
      std::multimap<std::string, std::string> params;
      std::string unused;
      if (ParseTarget("/?" + std::string(part.substr(0, eq)), unused, params) && !params.empty()) {
        key = Lower(params.begin()->first);
      }
      const bool secret = eq != std::string_view::npos &&
                          std::find(std::begin(kSecretParams), std::end(kSecretParams), key) != std::end(kSecretParams);
      if (!first) out += '&';
      first = false;
      out += secret ? std::string(part.substr(0, eq)) + "=[redacted]" : std::string(part);
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
  }
  return LogText(out);
}

bool SafeHeaderValue(std::string_view value) { return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos; }

bool ParseTarget(std::string_view target, std::string& path,
                 std::multimap<std::string, std::string>& query) {
  auto u = boost::urls::parse_origin_form(target);
  if (!u) return false;
  path = u->path();  // Decoded.
  if (path.empty()) path = "/";
  for (auto param : u->params()) {
    query.emplace(std::string(param.key), param.has_value ? std::string(param.value) : std::string());
  }
  return true;
}

}  // namespace reel::web
