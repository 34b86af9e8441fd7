// The /metrics counters and their Prometheus text exposition (metrics.h).
#include "web/http/metrics.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>

#include "core/parse.h"
#include "web/http/router.h"

namespace reel::web {

namespace {

// The statuses counted by name; any other counts as "other" (the last slot).
constexpr std::array<int, 22> kStatuses = {200, 201, 204, 301, 302, 303, 304, 400, 401, 403, 404,
                                           405, 409, 410, 413, 415, 422, 429, 431, 500, 502, 503};
constexpr size_t kStatusSlots = kStatuses.size() + 1;

// Upper bounds of the latency buckets, in seconds (+Inf is the count).
constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                             0.1,    0.25,  0.5,    1,     2.5,  5,     10};

size_t StatusSlot(int status) {
  for (size_t i = 0; i < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) return i;
  }
  return kStatuses.size();
}

// An address as 16 bytes (IPv4 as its IPv4-mapped IPv6 form), or false.
bool AddressBytes(std::string_view text, unsigned char out[16]) {
  const std::string s(text);
  in_addr v4{};
  if (::inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    std::fill(out, out + 10, 0);
    out[10] = out[11] = 0xff;
    std::memcpy(out + 12, &v4, 4);
    return true;
  }
  in6_addr v6{};
  if (::inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out, &v6, 16);
    return true;
  }
  return false;
}

std::string FormatValue(double value) {
  char buf[64];
  if (std::floor(value) == value && std::fabs(value) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", value);
  } else if (std::fabs(value) >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.3f", value);  // Timestamps keep their milliseconds.
  } else {
    std::snprintf(buf, sizeof buf, "%.9g", value);
  }
  return buf;
}

const Network& Loopback4() {
  static const Network net = ParseNetwork("127.0.0.0/8").value();
  return net;
}
const Network& Loopback6() {
  static const Network net = ParseNetwork("::1/128").value();
  return net;
}

}  // namespace

// Per route (and one slot for unmatched requests, the last): requests by status
// slot, latency bucket counts (not cumulative) and the sum of latencies in
// microseconds.
struct Metrics::Counters {
  explicit Counters(size_t routes)
      : slots(routes + 1),
        statuses(std::make_unique<std::atomic<uint64_t>[]>(slots * kStatusSlots)),
        buckets(std::make_unique<std::atomic<uint64_t>[]>(slots * (kBuckets.size() + 1))),
        micros(std::make_unique<std::atomic<uint64_t>[]>(slots)) {}
  size_t slots;
  std::unique_ptr<std::atomic<uint64_t>[]> statuses;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets;
  std::unique_ptr<std::atomic<uint64_t>[]> micros;
};

Result<Network> ParseNetwork(std::string_view cidr) {
  Network net;
  std::string_view address = cidr;
  std::optional<int64_t> prefix;
  if (const size_t slash = cidr.find('/'); slash != std::string_view::npos) {
    address = cidr.substr(0, slash);
    prefix = ParseInt(cidr.substr(slash + 1));
    if (!prefix) return InvalidArgument("--metrics-allow: '" + std::string(cidr) + "' has no prefix length after /");
  }
  if (!AddressBytes(address, net.bytes)) {
    return InvalidArgument("--metrics-allow: '" + std::string(cidr) + "' is not an address or ADDRESS/PREFIX");
  }
  const bool v4 = address.find(':') == std::string_view::npos;
  net.family = v4 ? AF_INET : AF_INET6;
  const int max = v4 ? 32 : 128;
  if (prefix && (*prefix < 0 || *prefix > max)) {
    return InvalidArgument("--metrics-allow: the prefix of '" + std::string(cidr) + "' must be 0 to " +
                           std::to_string(max));
  }
  // Stored over the 128-bit form, where an IPv4 address sits in the last 32 bits.
  net.prefix = static_cast<int>(prefix.value_or(max)) + (v4 ? 96 : 0);
  return net;
}

bool InNetwork(std::string_view address, const Network& net) {
  unsigned char bytes[16];
  if (!AddressBytes(address, bytes)) return false;
  int bits = net.prefix;
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const unsigned mask = bits >= 8 ? 0xffu : (0xffu << (8 - bits)) & 0xffu;
    if ((bytes[i] & mask) != (net.bytes[i] & mask)) return false;
  }
  return true;
}

Metrics::Metrics(const Router& router)
    : router_(router), counters_(std::make_unique<Counters>(router.size())), allowed_{Loopback4(), Loopback6()} {}

Metrics::~Metrics() = default;

void Metrics::Allow(Network net) { allowed_.push_back(net); }

bool Metrics::Allowed(const HttpRequest& req) const {
  auto allowed = [this](std::string_view address) {
    for (const Network& net : allowed_) {
      if (InNetwork(address, net)) return true;
    }
    return false;
  };
  return allowed(req.remote) && allowed(req.ClientAddress());
}

void Metrics::AddCollector(Collector collector) { collectors_.push_back(std::move(collector)); }

void Metrics::Observe(int route, int status, double seconds) {
  const size_t slot = route < 0 || static_cast<size_t>(route) >= router_.size() ? router_.size()
                                                                                 : static_cast<size_t>(route);
  Counters& c = *counters_;
  c.statuses[slot * kStatusSlots + StatusSlot(status)].fetch_add(1, std::memory_order_relaxed);
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  c.buckets[slot * (kBuckets.size() + 1) + bucket].fetch_add(1, std::memory_order_relaxed);
  const double micros = std::max(0.0, seconds * 1e6);
  c.micros[slot].fetch_add(static_cast<uint64_t>(micros), std::memory_order_relaxed);
}

void Metrics::Observe(const HttpRequest& req, int status, double seconds) {
  Observe(router_.RouteIndex(req.method, req.path), status, seconds);
}

std::string LabelValue(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void AppendSample(std::string& out, std::string_view name, std::string_view labels, double value) {
  out.append(name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(FormatValue(value)).append("\n");
}

void AppendHeader(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

std::string Metrics::Render() const {
  std::string out;
  const Counters& c = *counters_;
  auto route_labels = [this](size_t slot) {
    if (slot == router_.size()) return std::string("method=\"\",route=\"(none)\"");
    return "method=\"" + LabelValue(router_.method(slot)) + "\",route=\"" + LabelValue(router_.pattern(slot)) + "\"";
  };
  AppendHeader(out, "reel_http_requests_total", "counter",
               "Requests answered, by the route table's method and pattern and by status.");
  for (size_t slot = 0; slot < c.slots; ++slot) {
    for (size_t s = 0; s < kStatusSlots; ++s) {
      const uint64_t n = c.statuses[slot * kStatusSlots + s].load(std::memory_order_relaxed);
      if (n == 0) continue;
      const std::string status = s < kStatuses.size() ? std::to_string(kStatuses[s]) : "other";
      AppendSample(out, "reel_http_requests_total", route_labels(slot) + ",status=\"" + status + "\"",
                   static_cast<double>(n));
    }
  }
  AppendHeader(out, "reel_http_request_duration_seconds", "histogram",
               "Time from a request read to its response made, by route.");
  for (size_t slot = 0; slot < c.slots; ++slot) {
    uint64_t cumulative = 0;
    std::string lines;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += c.buckets[slot * (kBuckets.size() + 1) + b].load(std::memory_order_relaxed);
      const std::string le = b < kBuckets.size() ? FormatValue(kBuckets[b]) : "+Inf";
      AppendSample(lines, "reel_http_request_duration_seconds_bucket", route_labels(slot) + ",le=\"" + le + "\"",
                   static_cast<double>(cumulative));
    }
    if (cumulative == 0) continue;
    out += lines;
    AppendSample(out, "reel_http_request_duration_seconds_sum", route_labels(slot),
                 static_cast<double>(c.micros[slot].load(std::memory_order_relaxed)) / 1e6);
    AppendSample(out, "reel_http_request_duration_seconds_count", route_labels(slot),
                 static_cast<double>(cumulative));
  }
  for (const auto& collect : collectors_) collect(out);
  return out;
}

RequestHandler CountingHandler(Metrics& metrics, RequestHandler inner) {
  return [&metrics, inner = std::move(inner)](const HttpRequest& req) {
    const auto started = std::chrono::steady_clock::now();
    HttpResponse res = inner(req);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    metrics.Observe(req, res.status, took.count());
    return res;
  };
}

Metrics::Collector ServerCollector(const ServerCounts& counts) {
  return [&counts](std::string& out) {
    auto counter = [&out](std::string_view name, std::string_view help, uint64_t value) {
      AppendHeader(out, name, "counter", help);
      AppendSample(out, name, "", static_cast<double>(value));
    };
    AppendHeader(out, "reel_http_connections_open", "gauge", "Connections open now.");
    AppendSample(out, "reel_http_connections_open", "", static_cast<double>(counts.open.load()));
    counter("reel_http_connections_accepted_total", "Connections taken on.", counts.accepted.load());
    counter("reel_http_connections_refused_total", "Connections answered 503 over a connection cap.",
            counts.refused.load());
    counter("reel_http_connections_idle_closed_total", "Connections closed after the idle timeout.",
            counts.idle_closed.load());
    counter("reel_http_connections_slow_closed_total",
            "Connections closed because a request's header or body did not arrive in time.",
            counts.slow_closed.load());
    counter("reel_http_unreadable_requests_total", "Requests answered 400, 413 or 431 before reaching a route.",
            counts.unreadable.load());
  };
}

Metrics::Collector ProcessCollector() {
  static const double start = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  return [](std::string& out) {
    int64_t pages = 0, resident = 0;
    std::ifstream statm("/proc/self/statm");
    statm >> pages >> resident;
    AppendHeader(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
    AppendSample(out, "process_resident_memory_bytes", "",
                 static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)));
    AppendHeader(out, "process_start_time_seconds", "gauge", "Start time of the process since the epoch, in seconds.");
    AppendSample(out, "process_start_time_seconds", "", start);
  };
}

HttpResponse MetricsResponse(const Metrics* metrics, const HttpRequest& req) {
  if (!metrics) return HttpResponse::Text(404, "This server keeps no metrics.\n");
  if (!metrics->Allowed(req)) {
    return HttpResponse::Text(403, "/metrics is served to loopback clients and the networks of --metrics-allow.\n");
  }
  HttpResponse res = HttpResponse::Text(200, metrics->Render());
  res.content_type = "text/plain; version=0.0.4; charset=utf-8";
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

}  // namespace reel::web
