#include "reel_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace reel::testing {
namespace {

int Connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot connect to port " + std::to_string(port));
  }
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

void SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("send failed");
    sent += static_cast<size_t>(n);
  }
}

// Reads responses from `fd`; `head_only` responses carry no body whatever their
// Content-Length says.
std::vector<HttpResult> ReadResponses(int fd, int count, bool head_only) {
  std::string buf;
  std::vector<HttpResult> out;
  char chunk[65536];
  auto fill = [&]() {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<size_t>(n));
    return true;
  };
  while (static_cast<int>(out.size()) < count) {
    size_t end;
    while ((end = buf.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) throw std::runtime_error("connection closed before a response header");
    }
    HttpResult r;
    std::istringstream head(buf.substr(0, end));
    std::string line;
    std::getline(head, line);
    r.status = std::stoi(line.substr(9, 3));
    while (std::getline(head, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
      if (name == "set-cookie") r.set_cookies.push_back(r.headers[name]);
    }
    buf.erase(0, end + 4);
    const size_t length = head_only || r.headers.count("content-length") == 0
                              ? 0 : std::stoul(r.headers["content-length"]);
    while (buf.size() < length) {
      if (!fill()) throw std::runtime_error("connection closed inside a body");
    }
    r.body = buf.substr(0, length);
    buf.erase(0, length);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

HttpResult HttpGet(int port, const std::string& target, const std::string& method,
                   const std::string& extra_headers) {
  const int fd = Connect(port);
  SendAll(fd, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                  extra_headers + "\r\n");
  auto r = ReadResponses(fd, 1, method == "HEAD");
  ::close(fd);
  return r.front();
}

HttpResult HttpSend(int port, const std::string& method, const std::string& target, const std::string& headers,
                    const std::string& body) {
  const int fd = Connect(port);
  SendAll(fd, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n" + headers + "\r\n" + body);
  auto r = ReadResponses(fd, 1, false);
  ::close(fd);
  return r.front();
}

std::vector<HttpResult> HttpRaw(int port, const std::string& raw, int count) {
  const int fd = Connect(port);
  SendAll(fd, raw);
  auto r = ReadResponses(fd, count, false);
  ::close(fd);
  return r;
}

ReelServer::ReelServer(const std::string& binary, const std::string& db_path, const std::string& log_path,
                       const std::vector<std::string>& extra_args, int fd_limit)
    : log_path_(log_path) {
  pid_ = ::fork();
  if (pid_ == 0) {
    if (fd_limit > 0) {
      const rlimit limit{static_cast<rlim_t>(fd_limit), static_cast<rlim_t>(fd_limit)};
      if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) ::_exit(126);
    }
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    // A URL names its store; a bare path is a SQLite file.
    const bool url = db_path.rfind("sqlite:", 0) == 0 || db_path.rfind("postgres", 0) == 0;
    const std::string db = url ? db_path : "sqlite:" + db_path;
    std::vector<std::string> args = {binary, "serve", "--db", db, "--listen", "127.0.0.1:0"};
    // Two threads unless the test asks for another number.
    if (std::find(extra_args.begin(), extra_args.end(), "--threads") == extra_args.end()) {
      args.insert(args.end(), {"--threads", "2"});
    }
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  const std::regex port_re("http://127\\.0\\.0\\.1:(\\d+)/");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    const std::string log = Log();
    if (std::regex_search(log, m, port_re)) {
      port_ = std::stoi(m[1]);
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("reel serve exited at start: " + log);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("reel serve did not report its port in 10 s: " + Log());
}

ReelServer::~ReelServer() { Stop(); }

int ReelServer::Stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 500; ++i) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

void ReelServer::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string ReelServer::Log() const {
  std::ifstream in(log_path_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::pair<int, std::string> RunReel(const std::string& args) {
  std::string out;
  FILE* p = ::popen((std::string(REEL_BINARY) + " " + args + " 2>&1").c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  const int status = ::pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

int RunCommand(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int ConnectFrom(const std::string& source, int port, int receive_timeout_seconds) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in local{};
  local.sin_family = AF_INET;
  ::inet_pton(AF_INET, source.c_str(), &local.sin_addr);
  sockaddr_in remote{};
  remote.sin_family = AF_INET;
  remote.sin_port = htons(static_cast<uint16_t>(port));
  remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
    ::close(fd);
    return -1;
  }
  timeval tv{receive_timeout_seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

}  // namespace reel::testing
