// The one private PostgreSQL server of a test binary, started on first use and
// stopped (its directory removed) when the binary exits. A server that cannot start
// fails the calling test with the reason: PostgreSQL tests never skip silently.
#pragma once

#include <gtest/gtest.h>

#include "pg_server.h"

namespace reel::testing {

// nullptr (and a recorded failure) when the server could not start.
inline PgServer* SharedPg() {
  static Result<std::unique_ptr<PgServer>> server = PgServer::Start();
  if (!server.ok()) {
    ADD_FAILURE() << "PostgreSQL test server did not start: " << server.status().ToString();
    return nullptr;
  }
  return server->get();
}

// A fresh database on the shared server, named after the current test.
inline std::string FreshPgDatabase() {
  PgServer* pg = SharedPg();
  if (!pg) return "";
  static int n = 0;
  std::string name = "t" + std::to_string(++n) + "_" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name();
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name.size() > 60) name.resize(60);
  auto url = pg->CreateDatabase(name);
  if (!url.ok()) {
    ADD_FAILURE() << url.status().ToString();
    return "";
  }
  return *url;
}

}  // namespace reel::testing
