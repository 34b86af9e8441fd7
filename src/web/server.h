// The HTTP server: Boost.Beast over Asio, one io_context and one thread per core.
//
// One acceptor hands each new connection to the next io_context in turn; a
// connection lives on its context's single thread, so handlers run without
// strands. Reads (GET, HEAD) are handled on that thread and may block briefly on
// the store; other methods (writes, sign-ins that hash a password) run on a pool
// of as many threads, so a slow write never holds up the pages of other
// connections. Keep-alive with an idle timeout,
// a body limit, one log line per request with status and microseconds, and any
// exception from a handler becomes a logged 500. Run() blocks until Stop() or
// SIGINT/SIGTERM, then closes the listener, lets in-flight requests finish (up to
// a grace period) and returns.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "web/http.h"

namespace reel::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;          // 0 picks a free port (see Server::port()).
  int threads = 0;          // 0: one per core.
  size_t body_limit = 1 << 20;
  int idle_timeout_seconds = 30;
  bool handle_signals = true;
};

// Produces the response of a request; may throw only on bugs.
using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;
// Renders the page a failed request shows (status, message).
using ErrorRenderer = std::function<HttpResponse(int status)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler, ErrorRenderer error_page);
  ~Server();

  // Binds the listener; after it, port() is the bound port.
  Status Listen();
  int port() const;
  // Serves until Stop() or a signal.
  Status Run();
  // Thread-safe; makes Run() return.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reel::web
