#include "web/server.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <spdlog/spdlog.h>

namespace reel::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const ServerOptions& options, const RequestHandler& handler,
          const ErrorRenderer& error_page, std::atomic<int>& live, asio::thread_pool& writers)
      : stream_(std::move(socket)), options_(options), handler_(handler), error_page_(error_page),
        busy_(live), writers_(writers) {}

  void Start() { Read(); }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(options_.body_limit);
    stream_.expires_after(std::chrono::seconds(options_.idle_timeout_seconds));
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
      return Close();
    }
    const auto started = std::chrono::steady_clock::now();
    ++busy_;
    auto& req = parser_->get();
    if (ec) return Respond(error_page_(ec == bhttp::error::body_limit ? 413 : 400), started, false);
    beast::error_code addr_ec;
    auto ep = stream_.socket().remote_endpoint(addr_ec);
    std::string remote = addr_ec ? "" : ep.address().to_string();
    if (req.method() == bhttp::verb::get || req.method() == bhttp::verb::head) {
      return Respond(Handle(req, std::move(remote)), started, req.keep_alive());
    }
    // Writes may wait for the store's write lock or hash a password (argon2id, about
    // 0.1 s of CPU): they run on the writers' pool, so the io thread goes on serving
    // pages; the response is written back from the io thread. Nothing else touches
    // this connection meanwhile (it reads its next request only after writing).
    asio::post(writers_, [self = shared_from_this(), started, remote = std::move(remote)]() mutable {
      auto& r = self->parser_->get();
      HttpResponse res = self->Handle(r, std::move(remote));
      const bool keep_alive = r.keep_alive();
      asio::post(self->stream_.get_executor(), [self, started, keep_alive, res = std::move(res)]() mutable {
        self->Respond(std::move(res), started, keep_alive);
      });
    });
  }

  void Respond(HttpResponse res, std::chrono::steady_clock::time_point started, bool keep_alive) {
    auto& req = parser_->get();
    const bool head = req.method() == bhttp::verb::head;
    auto out = std::make_shared<bhttp::response<bhttp::string_body>>();
    out->version(req.version());
    out->result(static_cast<unsigned>(res.status));
    out->set(bhttp::field::server, "reel");
    out->set(bhttp::field::content_type, res.content_type);
    for (auto& [k, v] : res.headers) out->insert(k, v);  // insert: Set-Cookie may repeat.
    const size_t length = res.body.size();
    if (!head) out->body() = std::move(res.body);
    out->keep_alive(keep_alive);
    out->content_length(length);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started).count();
    spdlog::info("{} {} {} {}us", std::string(req.method_string()), std::string(req.target()),
                 res.status, micros);
    bhttp::async_write(stream_, *out, [self = shared_from_this(), out](beast::error_code ec, size_t) {
      --self->busy_;
      if (ec || !out->keep_alive()) return self->Close();
      self->Read();
    });
  }

  HttpResponse Handle(const bhttp::request<bhttp::string_body>& req, std::string remote) {
    HttpRequest r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    if (!ParseTarget(r.target, r.path, r.query)) return error_page_(400);
    for (const auto& field : req) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[name] = std::string(field.value());
    }
    r.body = req.body();
    r.remote = std::move(remote);
    try {
      return handler_(r);
    } catch (const std::exception& e) {
      spdlog::error("{} {}: unhandled exception: {}", r.method, r.target, e.what());
    } catch (...) {
      spdlog::error("{} {}: unhandled exception", r.method, r.target);
    }
    return error_page_(500);
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const ServerOptions& options_;
  const RequestHandler& handler_;
  const ErrorRenderer& error_page_;
  std::atomic<int>& busy_;  // Requests being handled or written, server-wide.
  asio::thread_pool& writers_;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  RequestHandler handler;
  ErrorRenderer error_page;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::unique_ptr<asio::thread_pool> writers;  // Runs requests that write (see Session).
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::signal_set> signals;
  std::atomic<int> live{0};  // Requests in flight.
  std::atomic<bool> stopping{false};
  std::thread stopper;       // Waits for in-flight requests, then stops the loops.
  size_t next = 0;

  void Accept() {
    auto& ctx = *contexts[next++ % contexts.size()];
    acceptor->async_accept(ctx, [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) return;
        spdlog::warn("accept: {}", ec.message());
      } else {
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<Session>(std::move(socket), options, handler, error_page, live, *writers)->Start();
      }
      Accept();
    });
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

int Server::port() const {
  if (!impl_->acceptor) return impl_->options.port;
  beast::error_code ec;
  return impl_->acceptor->local_endpoint(ec).port();
}

Status Server::Run() {
  if (!impl_->acceptor) REEL_RETURN_IF_ERROR(Listen());
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
