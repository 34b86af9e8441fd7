// The HTTP server in this process, with handlers written for the test: a handler
// that throws, and one that (by a bug) puts a line break into a header. Whatever
// made a response, it carries the default headers, and no header with CR, LF or NUL
// goes out. Also the log helpers: escaping, and secrets taken out of targets.
#include "web/http/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>

#include "core/log.h"
#include "web/http/http.h"

namespace reel::web {
namespace {

// Sends `request` to 127.0.0.1:port and returns everything the server answers.
std::string Exchange(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "";
  }
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return out;
}

std::string Get(int port, const std::string& target) {
  return Exchange(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.port = 0;
    options.threads = 1;
    options.handle_signals = false;
    options.default_headers = {{"X-Frame-Options", "DENY"}, {"X-Test", "default"}};
    server_ = std::make_unique<Server>(
        options,
        [](const HttpRequest& req) -> HttpResponse {
          if (req.path == "/throw") throw std::runtime_error("a bug");
          if (req.path == "/split") {
            HttpResponse r = HttpResponse::Redirect(303, "/\r\nSet-Cookie: planted=1");
            return r;
          }
          if (req.path == "/nul") {
            HttpResponse r = HttpResponse::Text(200, "x");
            r.headers.emplace_back("X-Note", std::string("a\0b", 3));
            return r;
          }
          if (req.path == "/bad-name") {
            HttpResponse r = HttpResponse::Text(200, "x");
            r.headers.emplace_back("X-Bad\r\nSet-Cookie", "planted=1");
            return r;
          }
          HttpResponse r = HttpResponse::Text(200, "fine");
          r.headers.emplace_back("X-Test", "own");
          return r;
        },
        [](int status, std::string_view target) {
          HttpResponse r = HttpResponse::Text(status, "error page for " + std::string(target) + "\n");
          return r;
        });
    ASSERT_TRUE(server_->Listen().ok());
    thread_ = std::thread([this] { (void)server_->Run(); });
  }
  void TearDown() override {
    server_->Stop();
    thread_.join();
  }
  int port() const { return server_->port(); }

  std::unique_ptr<Server> server_;
  std::thread thread_;
};

TEST_F(ServerTest, EveryResponseCarriesTheDefaultHeaders) {
  const std::string fine = Get(port(), "/");
  EXPECT_EQ(fine.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << fine;
  EXPECT_NE(fine.find("X-Frame-Options: DENY\r\n"), std::string::npos);
  EXPECT_NE(fine.find("X-Test: own\r\n"), std::string::npos);  // A handler's own value wins.
  EXPECT_EQ(fine.find("X-Test: default"), std::string::npos);
  const std::string thrown = Get(port(), "/throw");
  EXPECT_EQ(thrown.rfind("HTTP/1.1 500 ", 0), 0u) << thrown;
  EXPECT_NE(thrown.find("X-Frame-Options: DENY\r\n"), std::string::npos) << thrown;
  EXPECT_NE(thrown.find("error page for /throw"), std::string::npos);
  const std::string unparsable = Exchange(port(), "GET / HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n");
  EXPECT_EQ(unparsable.rfind("HTTP/1.1 400 ", 0), 0u) << unparsable;
  EXPECT_NE(unparsable.find("X-Frame-Options: DENY\r\n"), std::string::npos) << unparsable;
}

TEST_F(ServerTest, AHeaderWithALineBreakNeverGoesOut) {
  for (const std::string target : {"/split", "/nul", "/bad-name"}) {
    const std::string res = Get(port(), target);
    EXPECT_EQ(res.rfind("HTTP/1.1 500 ", 0), 0u) << target << ": " << res;
    EXPECT_EQ(res.find("planted"), std::string::npos) << res;
    EXPECT_EQ(res.find(std::string("a\0b", 3)), std::string::npos);
    EXPECT_NE(res.find("X-Frame-Options: DENY\r\n"), std::string::npos);
  }
  // The server goes on serving.
  EXPECT_EQ(Get(port(), "/").rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
}

TEST(LogTextTest, ControlCharactersQuotesAndBrokenUtf8AreEscaped) {
  EXPECT_EQ(LogText("plain text, café"), "plain text, café");
  EXPECT_EQ(LogText("a\nb\r\tc"), "a\\x0ab\\x0d\\x09c");
  EXPECT_EQ(LogText("it's \"x\" \\ y"), "it\\x27s \\x22x\\x22 \\x5c y");
  EXPECT_EQ(LogText(std::string("nul\0", 4)), "nul\\x00");
  EXPECT_EQ(LogText("\xff\xc3("), "\\xff\\xc3(");
  EXPECT_EQ(LogText("\x7f"), "\\x7f");
}

TEST(TargetForLogTest, SecretsAreRedacted) {
  EXPECT_EQ(TargetForLog("/tv/x/s01?critics=top"), "/tv/x/s01?critics=top");
  EXPECT_EQ(TargetForLog("/account/reset/abcdef0123"), "/account/reset/[redacted]");
  EXPECT_EQ(TargetForLog("/account/%72eset/abcdef0123?x=1"), "/account/reset/[redacted]?x=1");
  EXPECT_EQ(TargetForLog("/?token=s1&page=2&Code=s2&%63srf=s3&password"),
            "/?token=[redacted]&page=2&Code=[redacted]&%63srf=[redacted]&password");
  EXPECT_EQ(TargetForLog("/a\"b"), "/a\\x22b");
}

}  // namespace
}  // namespace reel::web
