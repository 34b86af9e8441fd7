// Test support: runs the real `reel serve` binary on a free port over a temporary
// SQLite database, and speaks plain HTTP/1.1 to it over a socket.
#pragma once

#include <map>
#include <string>
#include <sys/types.h>

#include <vector>

namespace reel::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // Lower-case names (the last of repeats).
  std::vector<std::string> set_cookies;        // Every Set-Cookie, "name=value; ...".
  std::string body;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// One request on a fresh connection ("Connection: close").
HttpResult HttpGet(int port, const std::string& target, const std::string& method = "GET",
                   const std::string& extra_headers = "");

// A request with a body (e.g. a form or JSON) on a fresh connection.
HttpResult HttpSend(int port, const std::string& method, const std::string& target, const std::string& headers,
                    const std::string& body);

// Sends `raw` (any number of requests) on one connection and reads `count` responses.
std::vector<HttpResult> HttpRaw(int port, const std::string& raw, int count);

class ReelServer {
 public:
  // Starts `binary serve --db DB --listen 127.0.0.1:0` and waits until it logs its
  // port (fails after 10 s). `db_path` is a store URL or a SQLite file's path.
  // `extra_args` go after those ("--guest-comments"). A `fd_limit` above 0 starts
  // the server with that many file descriptors at most (soft and hard limit).
  ReelServer(const std::string& binary, const std::string& db_path, const std::string& log_path,
             const std::vector<std::string>& extra_args = {}, int fd_limit = 0);
  ~ReelServer();
  int port() const { return port_; }
  // Sends SIGTERM and returns the exit status (-1 when it had to be killed).
  int Stop();
  // Sends SIGKILL (no shutdown of any kind) and reaps the process.
  void Kill();
  pid_t pid() const { return pid_; }
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_path_;
};

// Runs a command, returning its exit status.
int RunCommand(const std::string& command);

// Runs the reel binary with `args`; returns {exit status, stdout and stderr}.
std::pair<int, std::string> RunReel(const std::string& args);

// A connection to 127.0.0.1:port from the loopback address `source` (all of
// 127.0.0.0/8 is this machine), reads timing out after `receive_timeout_seconds`;
// -1 when it fails.
int ConnectFrom(const std::string& source, int port, int receive_timeout_seconds = 10);

}  // namespace reel::testing
