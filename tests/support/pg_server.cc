#include "pg_server.h"

#include <libpq-fe.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace reel::testing {
namespace {

namespace fs = std::filesystem;

int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// Runs a shell command, capturing stdout and stderr; returns the exit status.
int Run(const std::string& cmd, std::string* output) {
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return -1;
  std::array<char, 4096> buf;
  std::string out;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  const int status = ::pclose(p);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Tail(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  return s.size() > 1500 ? s.substr(s.size() - 1500) : s;
}

}  // namespace

Result<std::unique_ptr<PgServer>> PgServer::Start() {
  std::unique_ptr<PgServer> s(new PgServer());
  std::string out;
  if (Run("pg_config --bindir", &out) == 0 && !out.empty()) {
    s->bin_ = out.substr(0, out.find('\n'));
  }
  if (s->bin_.empty() || !fs::exists(s->bin_ + "/initdb")) s->bin_ = "/usr/lib/postgresql/15/bin";
  if (!fs::exists(s->bin_ + "/initdb")) {
    return FailedPrecondition("PostgreSQL server binaries not found (looked in " + s->bin_ +
                              "); scripts/bootstrap installs postgresql-15");
  }
  char tmpl[] = "/tmp/reel-pg-XXXXXX";
  if (!::mkdtemp(tmpl)) return Internal("mkdtemp failed");
  s->dir_ = tmpl;
  if (::geteuid() == 0) {
    s->as_user_ = "runuser -u postgres -- ";
    if (Run("chown postgres " + s->dir_, &out) != 0) return FailedPrecondition("chown postgres: " + out);
  }
  if (Run(s->as_user_ + s->bin_ + "/initdb -D " + s->dir_ + "/data -A trust -U reel -E UTF8 --locale=C.UTF-8 --no-sync",
          &out) != 0) {
    return FailedPrecondition("initdb failed: " + out);
  }
  s->port_ = FreePort();
  REEL_TRY(s->Ctl("start"));
  return s;
}

Status PgServer::Ctl(const std::string& action, std::string* output) {
  std::string out;
  std::string cmd = as_user_ + bin_ + "/pg_ctl -D " + dir_ + "/data -w -t 30 ";
  if (action == "start") {
    cmd += "-l " + dir_ + "/server.log -o \"-p " + std::to_string(port_) + " -k " + dir_ +
           " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start";
  } else {
    cmd += "-m fast stop";
  }
  if (Run(cmd, &out) != 0) {
    return FailedPrecondition("pg_ctl " + action + " failed: " + out + "\nserver log:\n" + Tail(dir_ + "/server.log"));
  }
  running_ = action == "start";
  if (output) *output = out;
  return Status::Ok();
}

Status PgServer::Stop() { return Ctl("stop"); }
Status PgServer::Restart() { return Ctl("start"); }

PgServer::~PgServer() {
  if (running_) (void)Ctl("stop");
  std::error_code ec;
  if (!dir_.empty()) fs::remove_all(dir_, ec);
}

std::string PgServer::Url(const std::string& database) const {
  return "postgresql://reel@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

Result<std::string> PgServer::CreateDatabase(const std::string& name) {
  PGconn* conn = PQconnectdb(Url("postgres").c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    return Unavailable("connecting to the test server: " + msg);
  }
  PGresult* r = PQexec(conn, ("CREATE DATABASE \"" + name + "\"").c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string msg = PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(conn);
  if (!ok) return Internal("CREATE DATABASE " + name + ": " + msg);
  return Url(name);
}

}  // namespace reel::testing
