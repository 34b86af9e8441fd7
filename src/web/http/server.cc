#include "web/http/server.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <spdlog/spdlog.h>

#include "core/log.h"

namespace reel::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

using Clock = std::chrono::steady_clock;

// A warning that may come thousands of times a second (accept failing while file
// descriptors are out, connections refused over a cap): written at most once a
// second, saying how many were held back since. Any thread.
class RateLimitedWarning {
 public:
  void Warn(const std::string& line) {
    std::unique_lock lock(mu_);
    const auto now = Clock::now();
    if (logged_ && now - last_ < std::chrono::seconds(1)) {
      ++held_back_;
      return;
    }
    const int64_t held = held_back_;
    held_back_ = 0;
    last_ = now;
    logged_ = true;
    lock.unlock();
    if (held > 0) spdlog::warn("{} (and {} more like it in the last second)", line, held);
    else spdlog::warn("{}", line);
  }

 private:
  std::mutex mu_;
  Clock::time_point last_;
  bool logged_ = false;
  int64_t held_back_ = 0;
};

// Open connections, in all and per client address, under their caps. Any thread.
class ConnectionCount {
 public:
  void SetCaps(int total, int per_address) {
    max_total_ = total;
    max_per_address_ = per_address;
  }
  int max_total() const { return max_total_; }
  int max_per_address() const { return max_per_address_; }
  // Counts a new connection from `address`; false (and nothing counted) when either
  // cap is reached, with the reason in *why.
  bool TryAdd(const std::string& address, std::string* why) {
    std::lock_guard lock(mu_);
    if (total_ >= max_total_) {
      *why = "the server has " + std::to_string(total_) + " connections, its cap (--max-connections)";
      return false;
    }
    int& mine = per_address_[address];
    if (mine >= max_per_address_) {
      *why = "connections from " + LogText(address) + " are at their cap of " + std::to_string(mine) +
             " (--max-connections-per-address)";
      return false;
    }
    ++mine;
    ++total_;
    return true;
  }
  void Remove(const std::string& address) {
    std::lock_guard lock(mu_);
    --total_;
    auto it = per_address_.find(address);
    if (it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
  }

 private:
  std::mutex mu_;
  int max_total_ = 0;
  int max_per_address_ = 0;
  int total_ = 0;
  std::unordered_map<std::string, int> per_address_;
};

bool IsToken(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    if (c <= 0x20 || c >= 0x7f || std::strchr("\"(),/:;<=>?@[\\]{}", c)) return false;
  }
  return true;
}

// Whether every header of `res` may go out as it is.
bool SafeHeaders(const HttpResponse& res) {
  if (!SafeHeaderValue(res.content_type)) return false;
  for (const auto& [name, value] : res.headers) {
    if (!IsToken(name) || !SafeHeaderValue(value)) return false;
  }
  return true;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::string remote, const ServerOptions& options, const RequestHandler& handler,
          const ErrorRenderer& error_page, std::atomic<int>& live, asio::thread_pool& writers,
          ConnectionCount& connections, ServerCounts& counts)
      : stream_(std::move(socket)), remote_(std::move(remote)), options_(options), handler_(handler),
        error_page_(error_page), busy_(live), writers_(writers), connections_(connections), counts_(counts) {
    counts_.open.fetch_add(1, std::memory_order_relaxed);
  }
  ~Session() {
    counts_.open.fetch_sub(1, std::memory_order_relaxed);
    connections_.Remove(remote_);
  }

  void Start() { Read(); }

 private:
  // Waits up to the idle timeout for a request's first bytes (a pipelined request
  // may have arrived already), then reads its header.
  void Read() {
    parser_.emplace();
    parser_->body_limit(options_.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(std::min<size_t>(options_.header_limit, UINT32_MAX)));
    if (buffer_.size() > 0) return ReadHeader();
    stream_.expires_after(std::chrono::seconds(options_.idle_timeout_seconds));
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, size_t n) {
      self->buffer_.commit(n);
      if (!ec) return self->ReadHeader();
      if (ec == beast::error::timeout) self->counts_.idle_closed.fetch_add(1, std::memory_order_relaxed);
      self->Close();
    });
  }

  // The header must be complete within the header timeout, the body within the idle
  // timeout after it: a client sending a byte at a time holds the connection no longer.
  void ReadHeader() {
    stream_.expires_after(std::chrono::seconds(options_.header_timeout_seconds));
    bhttp::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->OnRead(ec);
      self->stream_.expires_after(std::chrono::seconds(self->options_.idle_timeout_seconds));
      bhttp::async_read(self->stream_, self->buffer_, *self->parser_,
                        [self](beast::error_code read_ec, size_t) { self->OnRead(read_ec); });
    });
  }

  void OnRead(beast::error_code ec) {
    if (ec == beast::error::timeout) counts_.slow_closed.fetch_add(1, std::memory_order_relaxed);
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
      return Close();
    }
    const auto started = Clock::now();
    ++busy_;
    auto& req = parser_->get();
    if (ec) {
      counts_.unreadable.fetch_add(1, std::memory_order_relaxed);
      const int status = ec == bhttp::error::body_limit ? 413 : ec == bhttp::error::header_limit ? 431 : 400;
      return Respond(error_page_(status, std::string_view(req.target())), started, false);
    }
    if (req.version() != 10 && req.version() != 11) {
      // HTTP/1.0 and 1.1 only: anything else is answered in 1.1, as a bad request.
      counts_.unreadable.fetch_add(1, std::memory_order_relaxed);
      return Respond(error_page_(400, std::string_view(req.target())), started, false);
    }
    if (req.method() == bhttp::verb::get || req.method() == bhttp::verb::head) {
      return Respond(Handle(req), started, req.keep_alive());
    }
    // Writes may wait for the store's write lock or hash a password (argon2id, about
    // 0.1 s of CPU): they run on the writers' pool, so the io thread goes on serving
    // pages; the response is written back from the io thread. Nothing else touches
    // this connection meanwhile (it reads its next request only after writing).
    asio::post(writers_, [self = shared_from_this(), started]() mutable {
      auto& r = self->parser_->get();
      HttpResponse res = self->Handle(r);
      const bool keep_alive = r.keep_alive();
      asio::post(self->stream_.get_executor(), [self, started, keep_alive, res = std::move(res)]() mutable {
        self->Respond(std::move(res), started, keep_alive);
      });
    });
  }

  void Respond(HttpResponse res, Clock::time_point started, bool keep_alive) {
    auto& req = parser_->get();
    const std::string target = TargetForLog(std::string_view(req.target()));
    if (!SafeHeaders(res)) {
      // A handler put a line break into a header: a bug that would let the rest of
      // the value be read as headers of its own. Nothing of it goes out.
      spdlog::error("{} {}: a response header holds CR, LF or NUL; answering 500 instead",
                    LogText(std::string_view(req.method_string())), target);
      res = error_page_(500, std::string_view(req.target()));
      if (!SafeHeaders(res)) res = HttpResponse::Text(500, "Internal error.\n");
    }
    for (const auto& [name, value] : options_.default_headers) {
      bool present = false;
      for (const auto& h : res.headers) present |= EqualsIgnoringCase(h.first, name);
      if (!present) res.headers.emplace_back(name, value);
    }
    const bool head = req.method() == bhttp::verb::head;
    auto out = std::make_shared<bhttp::response<bhttp::string_body>>();
    out->version(req.version() == 10 ? 10 : 11);
    out->result(static_cast<unsigned>(res.status));
    out->set(bhttp::field::server, "reel");
    out->set(bhttp::field::content_type, res.content_type);
    for (auto& [k, v] : res.headers) out->insert(k, v);  // insert: Set-Cookie may repeat.
    const size_t length = res.body.size();
    if (!head) out->body() = std::move(res.body);
    out->keep_alive(keep_alive);
    out->content_length(length);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
    spdlog::info("{} {} {} {}us", LogText(std::string_view(req.method_string())), target, res.status, micros);
    bhttp::async_write(stream_, *out, [self = shared_from_this(), out](beast::error_code ec, size_t) {
      --self->busy_;
      if (ec || !out->keep_alive()) return self->Close();
      self->Read();
    });
  }

  HttpResponse Handle(const bhttp::request<bhttp::string_body>& req) {
    HttpRequest r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    if (!ParseTarget(r.target, r.path, r.query)) return error_page_(400, r.target);
    for (const auto& field : req) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[name] = std::string(field.value());
    }
    r.body = req.body();
    r.remote = remote_;
    try {
      return handler_(r);
    } catch (const std::exception& e) {
      spdlog::error("{} {}: unhandled exception: {}", LogText(r.method), TargetForLog(r.target), LogText(e.what()));
    } catch (...) {
      spdlog::error("{} {}: unhandled exception", LogText(r.method), TargetForLog(r.target));
    }
    return error_page_(500, r.target);
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  const std::string remote_;  // The peer's address.
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const ServerOptions& options_;
  const RequestHandler& handler_;
  const ErrorRenderer& error_page_;
  std::atomic<int>& busy_;  // Requests being handled or written, server-wide.
  asio::thread_pool& writers_;
  ConnectionCount& connections_;
  ServerCounts& counts_;
};

// Whether an accept failed for want of descriptors or memory (which waiting may
// cure), rather than because of the one connection it was accepting.
bool OutOfResources(const beast::error_code& ec) {
  return ec == asio::error::no_descriptors || ec == boost::system::errc::too_many_files_open_in_system ||
         ec == asio::error::no_buffer_space || ec == asio::error::no_memory;
}

}  // namespace

int64_t RaiseOpenFileLimit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur == RLIM_INFINITY ? int64_t{1} << 20 : static_cast<int64_t>(limit.rlim_cur);
}

struct Server::Impl {
  // Declared first, so it outlives every session (they count themselves out of it).
  ConnectionCount connections;
  ServerCounts counts;
  ServerOptions options;
  RequestHandler handler;
  ErrorRenderer error_page;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::unique_ptr<asio::thread_pool> writers;  // Runs requests that write (see Session).
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::steady_timer> accept_pause;  // Waits out a lack of descriptors.
  std::unique_ptr<asio::signal_set> signals;
  std::atomic<int> live{0};  // Requests in flight.
  std::atomic<bool> stopping{false};
  std::thread stopper;       // Waits for in-flight requests, then stops the loops.
  size_t next = 0;
  std::string refusal;  // The whole 503 response a connection over a cap gets.
  RateLimitedWarning accept_warnings;
  RateLimitedWarning refusal_warnings;

  void Accept() {
    auto& ctx = *contexts[next++ % contexts.size()];
    acceptor->async_accept(ctx, [this](beast::error_code ec, tcp::socket socket) {
      if (stopping || ec == asio::error::operation_aborted) return;
      if (ec) {
        accept_warnings.Warn("accept: " + ec.message());
        if (OutOfResources(ec)) {
          // Accepting again at once would fail again at once: wait for connections
          // to close (the pending ones stay queued in the kernel meanwhile).
          accept_pause->expires_after(std::chrono::milliseconds(100));
          accept_pause->async_wait([this](beast::error_code wait_ec) {
            if (!wait_ec && !stopping) Accept();
          });
          return;
        }
        return Accept();
      }
      beast::error_code addr_ec;
      const auto ep = socket.remote_endpoint(addr_ec);
      std::string remote = addr_ec ? "" : ep.address().to_string();
      std::string why;
      if (!connections.TryAdd(remote, &why)) {
        counts.refused.fetch_add(1, std::memory_order_relaxed);
        Refuse(socket);
        refusal_warnings.Warn("connection refused: " + why);
      } else {
        counts.accepted.fetch_add(1, std::memory_order_relaxed);
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<Session>(std::move(socket), std::move(remote), options, handler, error_page, live,
                                  *writers, connections, counts)->Start();
      }
      Accept();
    });
  }

  // Answers a connection over a cap with the 503 and closes it, without waiting:
  // a refused connection holds no descriptor. What the client already sent is read
  // first, so closing does not reset the connection before it reads the answer.
  void Refuse(tcp::socket& socket) {
    beast::error_code ec;
    socket.non_blocking(true, ec);
    char scratch[4096];
    for (int i = 0; i < 16 && !ec; ++i) {
      if (socket.read_some(asio::buffer(scratch), ec) < sizeof scratch) break;
    }
    ec = {};
    socket.write_some(asio::buffer(refusal), ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
  }
};

Server::Server(ServerOptions options, RequestHandler handler, ErrorRenderer error_page)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
  impl_->error_page = std::move(error_page);
  int n = impl_->options.threads;
  if (n <= 0) n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 0; i < n; ++i) {
    impl_->contexts.push_back(std::make_unique<asio::io_context>(1));
    impl_->work.push_back(asio::make_work_guard(*impl_->contexts.back()));
  }
  impl_->writers = std::make_unique<asio::thread_pool>(static_cast<size_t>(n));
}

Server::~Server() = default;

Status Server::Listen() {
  // Of the descriptors this process may open, some are kept for the store's
  // connections, the log, the listener and the loops.
  const int64_t files = RaiseOpenFileLimit();
  const int64_t reserve = std::min<int64_t>(64, files / 2);
  const int max_total = impl_->options.max_connections > 0
                            ? impl_->options.max_connections
                            : static_cast<int>(std::clamp<int64_t>(files - reserve, 1, 1 << 20));
  const int max_per_address = impl_->options.max_connections_per_address > 0
                                  ? impl_->options.max_connections_per_address
                                  : std::max(1, max_total / 4);
  impl_->connections.SetCaps(max_total, max_per_address);
  const std::string body = "Too many connections; try again in a few seconds.\n";
  std::string refusal = "HTTP/1.1 503 Service Unavailable\r\nServer: reel\r\nConnection: close\r\nRetry-After: 5\r\n"
                        "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\n";
  for (const auto& [name, value] : impl_->options.default_headers) {
    if (IsToken(name) && SafeHeaderValue(value)) refusal += name + ": " + value + "\r\n";
  }
  impl_->refusal = refusal + "\r\n" + body;
  impl_->accept_pause = std::make_unique<asio::steady_timer>(*impl_->contexts[0]);
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return InvalidArgument("--listen: '" + impl_->options.host + "' is not an IP address");
  tcp::endpoint ep(address, static_cast<unsigned short>(impl_->options.port));
  auto acc = std::make_unique<tcp::acceptor>(*impl_->contexts[0]);
  acc->open(ep.protocol(), ec);
  if (!ec) acc->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acc->bind(ep, ec);
  if (!ec) acc->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Unavailable("cannot listen on " + impl_->options.host + ":" +
                       std::to_string(impl_->options.port) + ": " + ec.message());
  }
  impl_->acceptor = std::move(acc);
  return Status::Ok();
}

int Server::max_connections() const { return impl_->connections.max_total(); }
int Server::max_connections_per_address() const { return impl_->connections.max_per_address(); }

const ServerCounts& Server::counts() const { return impl_->counts; }

int Server::port() const {
  if (!impl_->acceptor) return impl_->options.port;
  beast::error_code ec;
  return impl_->acceptor->local_endpoint(ec).port();
}

Status Server::Run() {
  if (!impl_->acceptor) REEL_TRY(Listen());
  if (impl_->options.handle_signals) {
    impl_->signals = std::make_unique<asio::signal_set>(*impl_->contexts[0], SIGINT, SIGTERM);
    impl_->signals->async_wait([this](beast::error_code ec, int sig) {
      if (!ec) {
        spdlog::info("signal {}: shutting down", sig);
        Stop();
      }
    });
  }
  impl_->Accept();
  std::vector<std::thread> threads;
  for (size_t i = 1; i < impl_->contexts.size(); ++i) {
    threads.emplace_back([ctx = impl_->contexts[i].get()] { ctx->run(); });
  }
  impl_->contexts[0]->run();
  for (auto& t : threads) t.join();
  if (impl_->stopper.joinable()) impl_->stopper.join();
  impl_->writers->join();
  return Status::Ok();
}

void Server::Stop() {
  if (impl_->stopping.exchange(true)) return;
  // Stop accepting at once, give in-flight requests a moment, then stop the loops.
  asio::post(*impl_->contexts[0], [this] {
    beast::error_code ec;
    if (impl_->acceptor) impl_->acceptor->close(ec);
    if (impl_->accept_pause) impl_->accept_pause->cancel();
    if (impl_->signals) impl_->signals->cancel(ec);
    for (auto& w : impl_->work) w.reset();
    impl_->stopper = std::thread([this] {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
      while (impl_->live > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      for (auto& c : impl_->contexts) c->stop();
    });
  });
}

}  // namespace reel::web
