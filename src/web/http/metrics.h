// /metrics: the server's counters in the Prometheus text format (version 0.0.4).
//
// Requests are counted by the route table's method and pattern ("GET
// /tv/{slug}/s{season}"), never by the path as sent, and by status from a fixed
// list (others count as "other"), so the number of series is bounded by the route
// table whatever clients send; each route also has a latency histogram. Counters
// are relaxed atomics in arrays sized once at start: observing a request takes no
// lock and allocates nothing beyond the route lookup. Gauges from elsewhere (the
// server's connections, the page cache, the store's pool, the jobs) are read when
// /metrics is asked for, through collectors added at start.
//
// Who may read it: clients whose address is in the allowed networks, loopback
// (127.0.0.0/8, ::1) always and more with `reel serve --metrics-allow CIDR`. Both
// the peer and, when the peer is a proxy on this machine, the client it forwards
// for (X-Forwarded-For) must be allowed, so a reverse proxy does not open it to the
// internet. Others get a 403.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "web/http/http.h"
#include "web/http/server.h"

namespace reel::web {

class Router;

// An address range ("10.0.0.0/8", "2001:db8::/32", or one address).
struct Network {
  int family = 0;  // AF_INET or AF_INET6.
  unsigned char bytes[16] = {};
  int prefix = 0;
};
Result<Network> ParseNetwork(std::string_view cidr);
// Whether `address` (as the server reports peers: "127.0.0.1", "::1",
// "::ffff:10.0.0.1") lies in `net`.
bool InNetwork(std::string_view address, const Network& net);

class Metrics {
 public:
  // Writes lines of the exposition (with their # HELP and # TYPE) to `out`.
  using Collector = std::function<void(std::string& out)>;

  // Counts for every route of `router` (which must outlive this).
  explicit Metrics(const Router& router);
  ~Metrics();

  // Adds networks besides loopback that may read /metrics.
  void Allow(Network net);
  // Whether the request may read /metrics (see the header comment).
  bool Allowed(const HttpRequest& req) const;
  void AddCollector(Collector collector);

  // Counts one answered request: its route (-1: none matched), status and time.
  void Observe(int route, int status, double seconds);
  // Counts a request by looking up its route.
  void Observe(const HttpRequest& req, int status, double seconds);

  // The whole exposition.
  std::string Render() const;

 private:
  struct Counters;
  const Router& router_;
  std::unique_ptr<Counters> counters_;
  std::vector<Network> allowed_;
  std::vector<Collector> collectors_;
};

// Wraps `inner` so every request it answers is counted in `metrics`.
RequestHandler CountingHandler(Metrics& metrics, RequestHandler inner);

// Collectors of the server's connection counts and of the process (resident memory,
// start time).
Metrics::Collector ServerCollector(const ServerCounts& counts);
Metrics::Collector ProcessCollector();

// The /metrics response for `req`: the exposition, or 403 when the client may not
// read it, or 404 when the server keeps no metrics.
HttpResponse MetricsResponse(const Metrics* metrics, const HttpRequest& req);

// Appends one sample line: name{labels} value.
void AppendSample(std::string& out, std::string_view name, std::string_view labels, double value);
// Appends the # HELP and # TYPE lines of a metric.
void AppendHeader(std::string& out, std::string_view name, std::string_view type, std::string_view help);
// A label value escaped for the exposition (backslash, quote, newline).
std::string LabelValue(std::string_view value);

}  // namespace reel::web
