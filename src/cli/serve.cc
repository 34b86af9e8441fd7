// `reel serve`: the site over HTTP until SIGINT/SIGTERM, with the periodic jobs
// (jobs/job_runner.h) running beside it.
#include <malloc.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "core/parse.h"
#include "jobs/job_runner.h"
#include "storage/sql_store.h"
#include "storage/store.h"
#include "web/http/metrics.h"
#include "web/http/page_cache.h"
#include "web/http/routes.h"
#include "web/http/server.h"
#include "web/site.h"

namespace reel::cli {
namespace {

struct ServeFlags {
  std::string listen = "127.0.0.1:8080";
  int threads = 0;
  int page_cache_mb = 64;
  int64_t audit_interval = 86400;
  int64_t recommend_interval = 300;
  bool guest_comments = false;
  int max_connections = 0;
  int max_connections_per_address = 0;
  int idle_timeout = 30;
  int header_timeout = 10;
  int max_header_kb = 16;
  std::vector<std::string> metrics_allow;
  std::string public_url;
  std::string video_embeds;
};

// Splits "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080", ":8080").
bool ParseListen(const std::string& s, std::string& host, int& port) {
  const size_t colon = s.rfind(':');
  if (colon == std::string::npos) return false;
  host = s.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "0.0.0.0";
  const auto number = ParseInt(std::string_view(s).substr(colon + 1));
  if (!number || *number < 0 || *number > 65535) return false;
  port = static_cast<int>(*number);
  return true;
}

// The server's options from the flags, or why they are wrong.
Result<web::ServerOptions> ServerOptionsFrom(const ServeFlags& f) {
  web::ServerOptions options;
  if (!ParseListen(f.listen, options.host, options.port)) {
    return InvalidArgument("--listen: '" + f.listen + "' is not HOST:PORT");
  }
  if (f.max_connections < 0) return InvalidArgument("--max-connections: must be 0 or more");
  if (f.max_connections_per_address < 0) {
    return InvalidArgument("--max-connections-per-address: must be 0 or more");
  }
  if (f.idle_timeout < 1) return InvalidArgument("--idle-timeout: must be 1 second or more");
  if (f.header_timeout < 1) return InvalidArgument("--header-timeout: must be 1 second or more");
  if (f.max_header_kb < 1 || f.max_header_kb > 1024) {
    return InvalidArgument("--max-header-kb: must be 1 to 1024");
  }
  options.idle_timeout_seconds = f.idle_timeout;
  options.header_timeout_seconds = f.header_timeout;
  options.header_limit = static_cast<size_t>(f.max_header_kb) << 10;
  options.threads = f.threads;
  options.max_connections = f.max_connections;
  options.max_connections_per_address = f.max_connections_per_address;
  if (!f.video_embeds.empty() && f.video_embeds != "youtube-nocookie") {
    return InvalidArgument("--video-embeds: '" + f.video_embeds + "' is not youtube-nocookie");
  }
  options.default_headers = web::SecurityHeaders(f.video_embeds);
  return options;
}

// What /metrics reports besides requests: connections, the page cache, the store's
// pool, the jobs and the process.
void AddCollectors(web::Metrics& metrics, const web::Server& server, const web::PageCache* cache, Store& store,
                   const jobs::JobRunner& jobs) {
  metrics.AddCollector(web::ServerCollector(server.counts()));
  metrics.AddCollector([cache](std::string& out) {
    web::AppendHeader(out, "reel_page_cache_hits_total", "counter", "Pages served from the page cache.");
    web::AppendSample(out, "reel_page_cache_hits_total", "", cache ? static_cast<double>(cache->hits()) : 0);
    web::AppendHeader(out, "reel_page_cache_misses_total", "counter", "Cacheable pages rendered afresh.");
    web::AppendSample(out, "reel_page_cache_misses_total", "", cache ? static_cast<double>(cache->misses()) : 0);
    web::AppendHeader(out, "reel_page_cache_bytes", "gauge", "Bytes of pages held by the page cache.");
    web::AppendSample(out, "reel_page_cache_bytes", "", cache ? static_cast<double>(cache->bytes()) : 0);
  });
  // The pool of a SQL store (every store reel opens is one).
  if (auto* sql = dynamic_cast<SqlStore*>(&store)) {
    metrics.AddCollector([sql](std::string& out) {
      const SqlStore::PoolUse use = sql->PoolUsage();
      web::AppendHeader(out, "reel_store_connections_in_use", "gauge", "Store connections leased now.");
      web::AppendSample(out, "reel_store_connections_in_use", "", static_cast<double>(use.in_use));
      web::AppendHeader(out, "reel_store_connections_idle", "gauge", "Store connections idle in the pool.");
      web::AppendSample(out, "reel_store_connections_idle", "", static_cast<double>(use.idle));
      web::AppendHeader(out, "reel_store_leases_total", "counter", "Store connections leased from the pool.");
      web::AppendSample(out, "reel_store_leases_total", "", static_cast<double>(use.leases));
    });
  }
  metrics.AddCollector([&jobs](std::string& out) {
    const auto counts = jobs.Counts();
    web::AppendHeader(out, "reel_job_runs_total", "counter", "Periodic job runs made by this server.");
    for (const auto& j : counts) {
      web::AppendSample(out, "reel_job_runs_total", "job=\"" + web::LabelValue(j.name) + "\"",
                        static_cast<double>(j.runs));
    }
    web::AppendHeader(out, "reel_job_failures_total", "counter", "Periodic job runs that failed.");
    for (const auto& j : counts) {
      web::AppendSample(out, "reel_job_failures_total", "job=\"" + web::LabelValue(j.name) + "\"",
                        static_cast<double>(j.failures));
    }
  });
  metrics.AddCollector(web::ProcessCollector());
}

Status Serve(const std::string& db, ServeFlags f) {
  REEL_ASSIGN_OR_RETURN(const web::ServerOptions options, ServerOptionsFrom(f));
  // glibc hands the free top of each thread's heap back to the kernel at once
  // (madvise), so every response buffer of a worker page-faults in again: a cached
  // 46 KB season page served 5,300 req/s with trimming and 24,400 without
  // (bench/pages, 2 cores); uncached pages gain about a fifth. Keep up to 256 MiB.
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  // Without --public-url, links in feeds and mails name the address served (port 0
  // becomes the port the server was given, below).
  const bool derived_url = f.public_url.empty();
  if (derived_url) f.public_url = "http://" + f.listen;
  if (f.public_url.rfind("http://", 0) != 0 && f.public_url.rfind("https://", 0) != 0) {
    return InvalidArgument("--public-url: '" + f.public_url + "' must start with http:// or https://");
  }
  web::Site site(*store, Date::Today, web::SiteOptions{f.public_url, f.video_embeds});
  site.SetGuestComments(f.guest_comments ? web::GuestComments::kOn : web::GuestComments::kOff);
  const web::Router router = web::BuildRouter(site);
  std::unique_ptr<web::PageCache> cache;
  if (f.page_cache_mb > 0) {
    cache = std::make_unique<web::PageCache>(static_cast<size_t>(f.page_cache_mb) << 20, std::chrono::seconds(60));
  }
  Store* s = store.get();
  web::Metrics metrics(router);
  for (const std::string& cidr : f.metrics_allow) {
    REEL_ASSIGN_OR_RETURN(auto net, web::ParseNetwork(cidr));
    metrics.Allow(net);
  }
  site.SetMetrics(&metrics);
  web::Server server(options,
                     web::CountingHandler(metrics, web::MakeSiteHandler(router, cache.get(),
                                                                        [s] { return s->ChangeGeneration(); })),
                     web::MakeErrorRenderer());
  REEL_TRY(server.Listen());
  if (derived_url) {
    const bool v6 = options.host.find(':') != std::string::npos;
    site.SetPublicUrl("http://" + (v6 ? "[" + options.host + "]" : options.host) + ":" + std::to_string(server.port()));
  }
  jobs::JobRunner jobs(*store, jobs::SiteJobs(*store, f.audit_interval, f.recommend_interval));
  AddCollectors(metrics, server, cache.get(), *store, jobs);
  spdlog::info("reel serving {} on http://{}:{}/ (at most {} connections, {} per client address)", db, options.host,
               server.port(), server.max_connections(), server.max_connections_per_address());
  REEL_TRY(server.Run());
  spdlog::info("reel stopped");
  return Status::Ok();
}

}  // namespace

void AddServeCommand(Commands& c) {
  auto f = std::make_shared<ServeFlags>();
  auto* serve = c.app().add_subcommand("serve", "Serve the site over HTTP until Ctrl-C");
  c.AddDb(serve);
  serve->add_option("--listen", f->listen, "HOST:PORT to listen on (port 0 picks a free one)")->capture_default_str();
  serve->add_option("--threads", f->threads, "Worker threads (0: one per core)")->capture_default_str();
  serve->add_option("--page-cache-mb", f->page_cache_mb,
                    "Memory for rendered pages, invalidated by any write on any server (0: off)")
      ->capture_default_str();
  serve->add_flag("--guest-comments", f->guest_comments,
                  "Let readers without an account comment with a name and an email (never shown)");
  serve->add_option("--audit-interval", f->audit_interval,
                    "Seconds between aggregate audits (one server of several runs each; 0: never)")
      ->capture_default_str();
  serve->add_option("--recommend-interval", f->recommend_interval,
                    "Seconds between checks for enough new ratings to rebuild the recommendations (0: never)")
      ->capture_default_str();
  serve->add_option("--max-connections", f->max_connections,
                    "Connections served at once; more are answered 503 (0: from the limit of open files)")
      ->capture_default_str();
  serve->add_option("--max-connections-per-address", f->max_connections_per_address,
                    "Connections from one client address at once (0: a quarter of --max-connections; a proxy on "
                    "this machine is one address)")
      ->capture_default_str();
  serve->add_option("--idle-timeout", f->idle_timeout, "Seconds an idle connection is kept open")
      ->capture_default_str();
  serve->add_option("--header-timeout", f->header_timeout,
                    "Seconds a request's header may take to arrive once begun (slow senders are cut off)")
      ->capture_default_str();
  serve->add_option("--max-header-kb", f->max_header_kb,
                    "Largest request line and headers, in KiB; larger is answered 431")
      ->capture_default_str();
  serve->add_option("--metrics-allow", f->metrics_allow,
                    "A network (CIDR, repeatable) that may read /metrics besides loopback clients");
  serve->add_option("--public-url", f->public_url,
                    "The address readers use (https://... makes cookies Secure; links in messages use it); "
                    "default http://LISTEN");
  serve->add_option("--video-embeds", f->video_embeds,
                    "youtube-nocookie: embed YouTube videos from www.youtube-nocookie.com (the CSP allows frames "
                    "from that host only); default: videos are plain links");
  c.On(serve, [&c, f] { return ExitStatus(Serve(c.db(), *f)); });
}

}  // namespace reel::cli
