// The real binary under a low limit of file descriptors, with hundreds of idle
// connections held open: it neither spins nor floods its log when descriptors run
// out, it caps connections per client address and in all so other clients are
// still served, and it answers again once the idle connections are gone.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "reel_server.h"

namespace reel::testing {
namespace {

namespace fs = std::filesystem;

// What the server sends on `fd` until it closes the connection (or 10 s pass).
std::string ReadAll(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

// GET /healthz from `source` on a fresh connection: the response's status line, or
// "" when none came.
std::string Health(const std::string& source, int port) {
  const int fd = ConnectFrom(source, port);
  if (fd < 0) return "";
  const std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  ::send(fd, req.data(), req.size(), MSG_NOSIGNAL);
  const std::string res = ReadAll(fd);
  ::close(fd);
  return res.substr(0, res.find("\r\n"));
}

class ServerLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("reel-limits-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    db_ = "sqlite:" + (dir_ / "t.db").string();
    ASSERT_EQ(RunCommand(std::string(REEL_BINARY) + " init --db " + db_ + " > /dev/null"), 0);
  }
  void TearDown() override {
    for (int fd : idle_) ::close(fd);
    server_.reset();
    fs::remove_all(dir_);
  }
  void Start(const std::vector<std::string>& args) {
    server_ = std::make_unique<ReelServer>(REEL_BINARY, db_, (dir_ / "serve.log").string(), args, kFdLimit);
  }
  // Opens `n` connections from `source` that send nothing.
  void OpenIdle(const std::string& source, int n) {
    for (int i = 0; i < n; ++i) {
      const int fd = ConnectFrom(source, server_->port());
      ASSERT_GE(fd, 0) << "connection " << i;
      idle_.push_back(fd);
    }
  }
  void CloseIdle() {
    for (int fd : idle_) ::close(fd);
    idle_.clear();
  }
  // Log lines that mention `text`.
  int LogLines(const std::string& text) {
    std::istringstream in(server_->Log());
    int n = 0;
    for (std::string line; std::getline(in, line);) n += line.find(text) != std::string::npos;
    return n;
  }

  static constexpr int kFdLimit = 64;
  fs::path dir_;
  std::string db_;
  std::unique_ptr<ReelServer> server_;
  std::vector<int> idle_;
};

TEST_F(ServerLimitsTest, OutOfDescriptorsItWaitsInsteadOfSpinning) {
  // No caps below the descriptor limit: the server runs out of descriptors.
  Start({"--max-connections", "100000", "--max-connections-per-address", "100000"});
  OpenIdle("127.0.0.1", 150);
  // Let the server meet the limit for a while (nothing here depends on how long).
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_LE(LogLines("Too many open files"), 5);
  EXPECT_LT(server_->Log().size(), 64u * 1024);
  CloseIdle();
  // Once the idle connections are gone it serves again.
  EXPECT_EQ(Health("127.0.0.1", server_->port()), "HTTP/1.1 200 OK");
}

TEST_F(ServerLimitsTest, OneAddressCannotTakeEveryConnection) {
  Start({});  // The caps follow from the descriptor limit.
  OpenIdle("127.0.0.1", 200);
  // Another client is served while those are held.
  EXPECT_EQ(Health("127.0.0.2", server_->port()), "HTTP/1.1 200 OK");
  // The connections over the cap were told so and closed.
  const std::string refused = ReadAll(idle_.back());
  EXPECT_EQ(refused.substr(0, refused.find("\r\n")), "HTTP/1.1 503 Service Unavailable");
  EXPECT_NE(refused.find("Retry-After:"), std::string::npos);
  EXPECT_NE(refused.find("X-Frame-Options: DENY"), std::string::npos);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_EQ(LogLines("Too many open files"), 0);
  EXPECT_LE(LogLines("connections from 127.0.0.1"), 3);
  EXPECT_LT(server_->Log().size(), 64u * 1024);
}

TEST_F(ServerLimitsTest, TheServerCapHoldsAndFreesAgain) {
  Start({"--max-connections", "10", "--max-connections-per-address", "1000"});
  OpenIdle("127.0.0.1", 40);
  EXPECT_EQ(Health("127.0.0.2", server_->port()), "HTTP/1.1 503 Service Unavailable");
  CloseIdle();
  // The server notices closed connections as it reads them; then there is room.
  std::string status;
  for (int i = 0; i < 50 && status != "HTTP/1.1 200 OK"; ++i) {
    status = Health("127.0.0.2", server_->port());
    if (status != "HTTP/1.1 200 OK") std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(status, "HTTP/1.1 200 OK");
}

}  // namespace
}  // namespace reel::testing
