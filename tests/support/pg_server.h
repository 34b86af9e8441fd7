// Test support: a private PostgreSQL server for one test binary. initdb into a
// temporary directory, pg_ctl start on a free port on 127.0.0.1, stopped and removed
// when the object is destroyed (also when a test fails). Run as root, the server
// runs as the `postgres` system user, since PostgreSQL refuses to run as root.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"

namespace reel::testing {

class PgServer {
 public:
  // Starts a server; the Status explains why it could not (with the log's tail).
  static Result<std::unique_ptr<PgServer>> Start();
  ~PgServer();

  int port() const { return port_; }
  // A fresh database; returns its URL ("postgresql://reel@127.0.0.1:PORT/NAME").
  Result<std::string> CreateDatabase(const std::string& name);
  std::string Url(const std::string& database) const;
  // Stops and starts the server again (same port and data), for outage tests.
  Status Stop();
  Status Restart();
  const std::string& dir() const { return dir_; }

 private:
  PgServer() = default;
  Status Ctl(const std::string& args, std::string* output = nullptr);
  std::string dir_;
  std::string bin_;
  std::string as_user_;  // "runuser -u postgres -- " when running as root.
  int port_ = 0;
  bool running_ = false;
};

}  // namespace reel::testing
