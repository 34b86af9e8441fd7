#include "web/http/page_cache.h"

namespace reel::web {

std::optional<HttpResponse> PageCache::Get(const std::string& key, uint64_t generation) {
  std::lock_guard lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return std::nullopt;
  }
  auto entry = it->second;
  if (entry->generation != generation || std::chrono::steady_clock::now() - entry->made > ttl_) {
    bytes_ -= entry->bytes;
    lru_.erase(entry);
    index_.erase(it);
    ++misses_;
    return std::nullopt;
  }
  lru_.splice(lru_.begin(), lru_, entry);
  ++hits_;
  return entry->response;
}

void PageCache::Put(const std::string& key, uint64_t generation, const HttpResponse& response) {
  const size_t bytes = key.size() + response.body.size() + 256;
  if (bytes > max_bytes_) return;
  std::lock_guard lock(mu_);
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->bytes;
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.push_front(Entry{key, generation, std::chrono::steady_clock::now(), response, bytes});
  index_[key] = lru_.begin();
  bytes_ += bytes;
  EvictLocked();
}

void PageCache::EvictLocked() {
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    bytes_ -= lru_.back().bytes;
    index_.erase(lru_.back().key);
    lru_.pop_back();
  }
}

size_t PageCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

}  // namespace reel::web
