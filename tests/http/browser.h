// Test support for HTTP tests: a browser that keeps cookies and fills forms, and
// form encoding. One Browser per simulated reader; not shared between threads.
#pragma once

#include <cctype>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "reel_server.h"

namespace reel::testing {

inline std::string UrlEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

inline std::string Form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + k + "=" + UrlEncode(v);
  return out;
}

// A browser: keeps cookies, fills forms.
class Browser {
 public:
  explicit Browser(int port) : port_(port) {}
  HttpResult Get(const std::string& target) { return Keep(HttpGet(port_, target, "GET", CookieHeader())); }
  HttpResult Post(const std::string& target, const std::string& form) {
    return Keep(HttpSend(port_, "POST", target, CookieHeader() + "Content-Type: application/x-www-form-urlencoded\r\n",
                         form));
  }
  // The value of the first hidden csrf field of a page.
  static std::string Csrf(const std::string& html) {
    const std::string key = "name=\"csrf\" value=\"";
    const size_t at = html.find(key);
    if (at == std::string::npos) return "";
    return html.substr(at + key.size(), html.find('"', at + key.size()) - at - key.size());
  }
  bool HasCookie(const std::string& name) const { return cookies_.count(name) > 0; }
  // The value the browser holds for a cookie ("" when none).
  std::string CookieValue(const std::string& name) const {
    auto it = cookies_.find(name);
    return it == cookies_.end() ? "" : it->second;
  }
  // Sends `target` with extra request headers (and the cookies).
  HttpResult Send(const std::string& method, const std::string& target, const std::string& headers,
                  const std::string& body) {
    return Keep(HttpSend(port_, method, target, CookieHeader() + headers, body));
  }

 private:
  std::string CookieHeader() const {
    if (cookies_.empty()) return "";
    std::string h = "Cookie: ";
    for (const auto& [k, v] : cookies_) h += k + "=" + v + "; ";
    return h + "\r\n";
  }
  HttpResult Keep(HttpResult r) {
    for (const auto& c : r.set_cookies) {
      const size_t eq = c.find('='), semi = c.find(';');
      const std::string name = c.substr(0, eq), value = c.substr(eq + 1, semi - eq - 1);
      if (c.find("Max-Age=0") != std::string::npos) cookies_.erase(name);
      else cookies_[name] = value;
    }
    return r;
  }
  int port_;
  std::map<std::string, std::string> cookies_;
};

}  // namespace reel::testing
