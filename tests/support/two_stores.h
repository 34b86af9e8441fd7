// Test support: one test run on both stores. A suite derives its fixture from
// TwoStoreTest and instantiates it with BothStores() and BackendName, so each test
// runs on a fresh SQLite file (in a temporary directory removed after the test) and
// on a fresh database of the binary's private PostgreSQL server (shared_pg.h), named
// ".../Sqlite" and ".../Postgres" (CTest runs the two halves apart on those names):
//
//   class SigninTest : public testing::TwoStoreTest {};
//   TEST_P(SigninTest, ...) { store_->... }
//   INSTANTIATE_TEST_SUITE_P(Stores, SigninTest, testing::BothStores(), testing::BackendName);
//
// A fixture that opens the store itself (migration tests build an old schema first)
// overrides SetUp with UseFreshUrl() alone.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "storage/store.h"
#include "support/shared_pg.h"

namespace reel::testing {

enum class Backend { kSqlite, kPostgres };

// The parameter's name in test names: "Sqlite" or "Postgres".
inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

// The parameters of a suite that runs on both stores.
inline auto BothStores() { return ::testing::Values(Backend::kSqlite, Backend::kPostgres); }

// A temporary directory for the current test, made empty: "reel-PREFIX-PID-TEST"
// (a parameterised test's '/' made '-', so the directory stays one level).
inline std::filesystem::path FreshTestDir(const std::string& prefix) {
  std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  for (auto& c : name) c = c == '/' ? '-' : c;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("reel-" + prefix + "-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// A fresh, empty store for the current test: the SQLite file `sqlite_file` (which
// should not exist yet), or a new database on the binary's PostgreSQL server ("" and
// a failure recorded when the server did not start).
inline std::string FreshStoreUrl(Backend backend, const std::filesystem::path& sqlite_file) {
  return backend == Backend::kSqlite ? "sqlite:" + sqlite_file.string() : FreshPgDatabase();
}

class TwoStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  // `prefix` names the SQLite tests' temporary directories ("reel-PREFIX-...").
  explicit TwoStoreTest(std::string prefix = "store") : prefix_(std::move(prefix)) {}

  void SetUp() override {
    UseFreshUrl();
    if (HasFatalFailure()) return;
    auto s = Store::Open(url_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // Sets url_ to a fresh store of the parameter's backend (on SQLite the file
  // `sqlite_name` in dir_, a fresh temporary directory), without opening it.
  void UseFreshUrl(const std::string& sqlite_name = "t.db") {
    if (GetParam() == Backend::kSqlite) dir_ = FreshTestDir(prefix_);
    url_ = FreshStoreUrl(GetParam(), dir_ / sqlite_name);
    ASSERT_FALSE(url_.empty());
  }

  std::string prefix_;
  std::filesystem::path dir_;  // SQLite only.
  std::string url_;
  std::unique_ptr<Store> store_;  // Opened by SetUp.
};

}  // namespace reel::testing
