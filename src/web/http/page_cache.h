// PageCache: rendered pages kept in memory, so a page read again is not queried
// and rendered again.
//
// An entry is valid while the store's ChangeGeneration() is the one it was made
// under (any committed write, here or on another server, moves it) and for at most
// `ttl` (relative dates such as "5d ago" age). The cache is bounded by bytes and
// evicts the least recently used entries. Only anonymous GET/HEAD requests of pages
// are cached, and only 200 responses. Thread-safe: one mutex, held briefly.
#pragma once

#include <chrono>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "web/http/http.h"

namespace reel::web {

class PageCache {
 public:
  PageCache(size_t max_bytes, std::chrono::seconds ttl) : max_bytes_(max_bytes), ttl_(ttl) {}

  // The cached response for `key` made under `generation`, if still valid.
  std::optional<HttpResponse> Get(const std::string& key, uint64_t generation);
  void Put(const std::string& key, uint64_t generation, const HttpResponse& response);

  size_t bytes() const;
  uint64_t hits() const {
    std::lock_guard lock(mu_);
    return hits_;
  }
  uint64_t misses() const {
    std::lock_guard lock(mu_);
    return misses_;
  }

 private:
  struct Entry {
    std::string key;
    uint64_t generation;
    std::chrono::steady_clock::time_point made;
    HttpResponse response;
    size_t bytes;
  };
  void EvictLocked();

  const size_t max_bytes_;
  const std::chrono::seconds ttl_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // Most recently used first.
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace reel::web
