// Hostile clients against the real binary: oversized headers and bodies, malformed
// targets and percent-encoding, unknown methods, hundreds of connections sending a
// header a byte a second and thousands of idle ones. Each bad request gets a clear
// 4xx, slow and idle connections are closed by the server's timeouts, its resident
// memory stays bounded (printed), and a normal reader is served throughout (its
// latencies are printed, never asserted). Also who may read /metrics and what its
// labels are.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/reel_server.h"
#include "support/two_stores.h"

namespace reel::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kSeason = "/tv/star-trek-picard/s01";

// Sends `raw` on a fresh connection and returns the status of the answer (0 when
// the connection closed without one).
int RawStatus(int port, const std::string& raw) {
  const int fd = ConnectFrom("127.0.0.1", port, 15);
  if (fd < 0) return -1;
  size_t sent = 0;
  while (sent < raw.size()) {
    const ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // The server may answer and close before reading it all.
    sent += static_cast<size_t>(n);
  }
  std::string got;
  char buf[4096];
  ssize_t n;
  while (got.find("\r\n") == std::string::npos && (n = ::recv(fd, buf, sizeof buf, 0)) > 0) got.append(buf, n);
  ::close(fd);
  return got.rfind("HTTP/1.1 ", 0) == 0 && got.size() >= 12 ? std::stoi(got.substr(9, 3)) : 0;
}

// Whether the server closed `fd` (recv sees the end, or a reset) within the socket's timeout.
bool ClosedByServer(int fd) {
  char buf[256];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) return true;
    if (n < 0) return errno == ECONNRESET;
  }
}

int64_t ResidentKb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6));
  }
  return -1;
}

class HostileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Thousands of client sockets live in this process.
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
    dir_ = FreshTestDir("hostile");
    db_ = "sqlite:" + (dir_ / "t.db").string();
    ASSERT_EQ(RunCommand(std::string(REEL_BINARY) + " init --demo --db " + db_ + " > /dev/null"), 0);
  }
  void TearDown() override {
    for (int fd : fds_) ::close(fd);
    server_.reset();
    fs::remove_all(dir_);
  }
  void Start(std::vector<std::string> args) {
    server_ = std::make_unique<ReelServer>(REEL_BINARY, db_, (dir_ / "serve.log").string(), args);
  }
  // Opens `n` connections spread over loopback addresses 127.0.0.{first..first+3}.
  std::vector<int> Open(int n, int first) {
    std::vector<int> out;
    for (int i = 0; i < n; ++i) {
      const int fd = ConnectFrom("127.0.0." + std::to_string(first + i % 4), server_->port(), 15);
      if (fd < 0) break;
      out.push_back(fd);
      fds_.push_back(fd);
    }
    return out;
  }
  int64_t MetricValue(const std::string& name) {
    const std::string body = HttpGet(server_->port(), "/metrics").body;
    const size_t at = body.find("\n" + name + " ");
    return at == std::string::npos ? -1 : std::stoll(body.substr(at + name.size() + 2));
  }

  fs::path dir_;
  std::string db_;
  std::unique_ptr<ReelServer> server_;
  std::vector<int> fds_;
};

TEST_F(HostileTest, BadRequestsGetAClear4xx) {
  Start({});
  const int port = server_->port();
  const std::string big_cookie = "Cookie: a=" + std::string(40000, 'x') + "\r\n";
  EXPECT_EQ(RawStatus(port, "GET / HTTP/1.1\r\nHost: x\r\n" + big_cookie + "\r\n"), 431);
  EXPECT_EQ(RawStatus(port, "GET /" + std::string(40000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n"), 431);
  EXPECT_EQ(RawStatus(port, "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n"), 413);
  EXPECT_EQ(RawStatus(port, "POST /account/signin HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n" +
                                std::string(2000000, 'a')),
            413);
  for (const std::string line :
       {"GET /%zz HTTP/1.1", "GET /tv/%C0%AF HTTP/1.1", "GET /?q=%ff%fe HTTP/1.1", "GET nonsense HTTP/1.1",
        "GET /a%00b HTTP/1.1", "GET /tv/x/s%2F01 HTTP/1.1", "GET /%%%% HTTP/1.1", "GET /?%=%&&== HTTP/1.1",
        "BREW / HTTP/1.1", "PROPFIND /tv HTTP/1.1", "DELETE / HTTP/1.1", "G\x01T / HTTP/1.1", "GET / HTTP/7.1",
        "GET  / HTTP/1.1", "GET http://evil.example/ HTTP/1.1", "GET /tv/star-trek-picard/s99999999999999999999 HTTP/1.1",
        "GET /api/v1/tv/%ff/s01 HTTP/1.1"}) {
    const int status = RawStatus(port, line + "\r\nHost: x\r\n\r\n");
    EXPECT_GE(status, 400) << line;
    EXPECT_LT(status, 500) << line;
  }
  EXPECT_EQ(RawStatus(port, "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"), 400);
  EXPECT_EQ(RawStatus(port, "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"), 400);
  EXPECT_EQ(RawStatus(port, "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "zz\r\n\r\n"),
            400);
  // The server is still well.
  EXPECT_EQ(HttpGet(port, kSeason).status, 200);
  EXPECT_GE(MetricValue("reel_http_unreadable_requests_total"), 4);
}

TEST_F(HostileTest, SlowAndIdleConnectionsAreCutOffWhileReadersAreServed) {
  Start({"--header-timeout", "2", "--idle-timeout", "4"});
  const int port = server_->port();
  ASSERT_EQ(HttpGet(port, kSeason).status, 200);
  const int64_t rss_before = ResidentKb(server_->pid());

  // Hundreds of slow senders: a header begun, then a byte a second.
  std::vector<int> slow = Open(300, 2);
  ASSERT_EQ(slow.size(), 300u);
  for (int fd : slow) ::send(fd, "GET / HTTP/1.1\r\nX-Slow: ", 24, MSG_NOSIGNAL);
  std::atomic<bool> attacking{true};
  std::thread dripper([&] {
    while (attacking) {
      for (int fd : slow) ::send(fd, "a", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  });
  // Thousands of connections that send nothing.
  std::vector<int> idle = Open(3000, 6);
  ASSERT_EQ(idle.size(), 3000u);
  const int64_t rss_attack = ResidentKb(server_->pid());

  // A normal reader meanwhile: every request served (latencies printed, not asserted).
  std::vector<double> ms;
  const auto until = Clock::now() + std::chrono::seconds(3);
  while (Clock::now() < until) {
    const auto t0 = Clock::now();
    const int status = HttpGet(port, kSeason).status;
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    EXPECT_EQ(status, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::sort(ms.begin(), ms.end());
  std::cout << "reader during the attack: " << ms.size() << " requests, median " << ms[ms.size() / 2]
            << " ms, max " << ms.back() << " ms\n";

  // The server closes the slow senders after the header timeout, and the idle ones
  // after the idle timeout (the sockets' receive timeout is 15 s).
  int slow_closed = 0, idle_closed = 0;
  for (int fd : slow) slow_closed += ClosedByServer(fd);
  attacking = false;
  dripper.join();
  for (int fd : idle) idle_closed += ClosedByServer(fd);
  EXPECT_EQ(slow_closed, 300);
  EXPECT_EQ(idle_closed, 3000);
  const int64_t rss_after = ResidentKb(server_->pid());
  std::cout << "server RSS: before " << rss_before << " kB, during the attack " << rss_attack << " kB, after "
            << rss_after << " kB\n";
  EXPECT_LT(rss_attack - rss_before, 256 * 1024);
  EXPECT_EQ(HttpGet(port, kSeason).status, 200);
  EXPECT_GE(MetricValue("reel_http_connections_slow_closed_total"), 300);
  EXPECT_GE(MetricValue("reel_http_connections_idle_closed_total"), 3000);
}

TEST_F(HostileTest, MetricsAreForLocalOperatorsAndLabelledByRoute) {
  Start({"--metrics-allow", "10.0.0.0/8"});
  const int port = server_->port();
  ASSERT_EQ(HttpGet(port, kSeason).status, 200);
  ASSERT_EQ(HttpGet(port, "/tv/no-such-series/s01").status, 404);
  auto m = HttpGet(port, "/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(m.Header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(m.body.find("reel_http_requests_total{method=\"GET\",route=\"/tv/{slug}/s{season}\",status=\"200\"} "),
            std::string::npos);
  EXPECT_NE(m.body.find("reel_http_requests_total{method=\"GET\",route=\"/tv/{slug}/s{season}\",status=\"404\"} 1"),
            std::string::npos);
  EXPECT_NE(m.body.find("reel_http_request_duration_seconds_bucket{method=\"GET\",route=\"/tv/{slug}/s{season}\","
                        "le=\"+Inf\"} 2"),
            std::string::npos);
  EXPECT_EQ(m.body.find("star-trek-picard"), std::string::npos);  // Patterns, never paths.
  for (const char* name : {"reel_page_cache_hits_total", "reel_store_leases_total", "reel_job_runs_total",
                           "reel_http_connections_open", "process_resident_memory_bytes"}) {
    EXPECT_NE(m.body.find(std::string("# TYPE ") + name + " "), std::string::npos) << name;
  }
  // A request a proxy on this machine forwards from elsewhere is refused, unless it
  // comes from an allowed network.
  EXPECT_EQ(HttpGet(port, "/metrics", "GET", "X-Forwarded-For: 203.0.113.7\r\n").status, 403);
  EXPECT_EQ(HttpGet(port, "/metrics", "GET", "X-Forwarded-For: 10.1.2.3\r\n").status, 200);
  // A bad network is refused at start, naming the flag.
  auto [rc, out] = RunReel("serve --db " + db_ + " --listen 127.0.0.1:0 --metrics-allow 10.0.0.0/99");
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("--metrics-allow"), std::string::npos) << out;
}

}  // namespace
}  // namespace reel::testing
