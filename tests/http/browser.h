// Test support: a browser for HTTP tests against the real binary. It keeps cookies
// like a browser does, fills forms and reads the CSRF token a page carries.
#pragma once

#include <cctype>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include <filesystem>
#include <memory>

#include "reel_server.h"
#include "support/shared_pg.h"

namespace reel::testing {

enum class Backend { kSqlite, kPostgres };

// A fresh site with the demo catalog on the chosen store (a new SQLite file, or a new
// database on the binary's private PostgreSQL), served by the real binary on a free
// port; removed when it goes. `extra_args` are added to `reel serve`.
class DemoSite {
 public:
  DemoSite(Backend backend, const std::string& tag) {
    static int n = 0;
    dir_ = std::filesystem::temp_directory_path() /
           ("reel-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(dir_);
    db_ = backend == Backend::kSqlite ? "sqlite:" + (dir_ / "site.db").string() : FreshPgDatabase();
    if (db_.empty()) return;
    if (RunCommand(std::string(REEL_BINARY) + " init --demo --db " + db_ + " > /dev/null") != 0) return;
    server_ = std::make_unique<ReelServer>(REEL_BINARY, db_, (dir_ / "serve.log").string());
  }
  ~DemoSite() {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }
  bool ok() const { return server_ != nullptr; }
  int port() const { return server_->port(); }
  const std::string& db() const { return db_; }
  const std::filesystem::path& dir() const { return dir_; }
  ReelServer& server() { return *server_; }

 private:
  std::filesystem::path dir_;
  std::string db_;
  std::unique_ptr<ReelServer> server_;
};

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
