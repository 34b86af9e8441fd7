// The HTTP server: Boost.Beast over Asio, one io_context and one thread per core.
//
// One acceptor hands each new connection to the next io_context in turn; a
// connection lives on its context's single thread, so handlers run without
// strands. Reads (GET, HEAD) are handled on that thread and may block briefly on
// the store; other methods (writes, sign-ins that hash a password) run on a pool
// of as many threads, so a slow write never holds up the pages of other
// connections. Keep-alive with an idle timeout, a timeout for a request's header
// (slow senders), header and body limits (431, 413), one log line per
// request with status and microseconds (secrets in the target redacted), and any
// exception from a handler becomes a logged 500.
//
// Every response, whatever made it (a handler, an error page, a request that could
// not be parsed, a refused connection), carries the default headers, and no header
// value with CR, LF or NUL ever goes out: such a response is a bug, logged and
// answered with the 500 page instead. Connections are capped in all and per client
// address (a connection over a cap is answered 503 and closed at once); when file
// descriptors run out anyway, accepting pauses briefly instead of spinning, and
// the log says so at most once a second. Run() blocks until Stop() or
// SIGINT/SIGTERM, then closes the listener, lets in-flight requests finish (up to
// a grace period) and returns.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "web/http/http.h"

namespace reel::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;          // 0 picks a free port (see Server::port()).
  int threads = 0;          // 0: one per core.
  size_t body_limit = 1 << 20;     // A larger body is answered 413.
  size_t header_limit = 16 << 10;  // Request line and headers; larger is answered 431.
  int idle_timeout_seconds = 30;  // A connection with no request for this long is closed.
  // A request whose header has begun must be complete this soon (a header sent a
  // byte at a time holds a connection no longer), and its body within the idle
  // timeout after that.
  int header_timeout_seconds = 10;
  bool handle_signals = true;
  // Connections served at once (0: what the limit of open files allows, less a
  // reserve for the store and the log), and from one client address (0: a quarter
  // of those). The peer's address counts, so a proxy on this machine is one address.
  int max_connections = 0;
  int max_connections_per_address = 0;
  // Headers every response carries unless it sets them itself.
  std::vector<std::pair<std::string, std::string>> default_headers;
};

// What the server counted since it started (for /metrics); any thread reads them.
struct ServerCounts {
  std::atomic<uint64_t> accepted{0};     // Connections taken on.
  std::atomic<uint64_t> refused{0};      // Connections answered 503 over a cap.
  std::atomic<int64_t> open{0};          // Connections open now.
  std::atomic<uint64_t> idle_closed{0};  // Closed after the idle timeout.
  std::atomic<uint64_t> slow_closed{0};  // Closed for a header (or body) not sent in time.
  std::atomic<uint64_t> unreadable{0};   // Requests answered 400, 413 or 431 before a handler.
};

// Produces the response of a request; may throw only on bugs.
using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;
// Renders the page a failed request shows, given its status and the request's target
// as sent ("" when it could not be read).
using ErrorRenderer = std::function<HttpResponse(int status, std::string_view target)>;

// Raises this process's soft limit of open files to its hard limit; returns the
// soft limit in force afterwards.
int64_t RaiseOpenFileLimit();

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler, ErrorRenderer error_page);
  ~Server();

  // Raises the limit of open files, works out the connection caps and binds the
  // listener; after it, port() is the bound port.
  Status Listen();
  // The caps in force (after Listen()).
  int max_connections() const;
  int max_connections_per_address() const;
  int port() const;
  const ServerCounts& counts() const;
  // Serves until Stop() or a signal.
  Status Run();
  // Thread-safe; makes Run() return.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reel::web
