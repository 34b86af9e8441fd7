// Test support for HTTP tests: a fresh demo site per test, served by the real
// binary over SQLite or over a fresh database on the private PostgreSQL server, with
// readers signing up through the forms. One fixture per test thread.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "browser.h"
#include "reel_server.h"
#include "support/two_stores.h"

namespace reel::testing {

class SiteTest : public ::testing::TestWithParam<Backend> {
 protected:
  // `name` keeps the temporary directories of different suites apart.
  explicit SiteTest(std::string name) : name_(std::move(name)) {}

  void SetUp() override {
    static int n = 0;
    dir_ = std::filesystem::temp_directory_path() / ("reel-" + name_ + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    db_ = FreshStoreUrl(GetParam(), dir_ / (std::to_string(n++) + ".db"));
    ASSERT_FALSE(db_.empty());
    ASSERT_EQ(RunCommand(std::string(REEL_BINARY) + " init --demo --db " + db_ + " > /dev/null"), 0);
    server_ = std::make_unique<ReelServer>(REEL_BINARY, db_, (dir_ / "serve.log").string());
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }
  int port() { return server_->port(); }

  // Signs a new reader up through the form; the browser keeps the session.
  void SignUp(Browser& b, const std::string& name) {
    auto form = b.Get("/account/signup");
    ASSERT_EQ(form.status, 200);
    auto done = b.Post("/account/signup", Form({{"csrf", Browser::Csrf(form.body)}, {"username", name},
                                                {"email", name + "@example.org"}, {"password", "a long passphrase"}}));
    ASSERT_EQ(done.status, 303) << done.body.substr(0, 500);
    ASSERT_TRUE(b.HasCookie("reel_session"));
  }

  static int Count(const std::string& html, const std::string& needle) {
    int n = 0;
    for (size_t at = html.find(needle); at != std::string::npos; at = html.find(needle, at + 1)) ++n;
    return n;
  }

  std::string name_;
  std::filesystem::path dir_;
  std::string db_;
  std::unique_ptr<ReelServer> server_;
};

}  // namespace reel::testing
