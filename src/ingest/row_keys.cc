#include "ingest/row_keys.h"

namespace reel::ingest {

uint64_t RowKeys::Packed(const RowKey& key) {
  if (key.a < (1ull << 32) && key.b < (1ull << 32)) return key.a << 32 | key.b;
  // Mixed (splitmix64's finaliser on each half): two distinct keys agree only by chance.
  auto mix = [](uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    return x ^ (x >> 31);
  };
  return mix(key.a) ^ (mix(key.b + 0x9e3779b97f4a7c15ull) * 31);
}

size_t RowKeys::Slot(uint64_t packed) const { return static_cast<size_t>((packed * 0x9e3779b97f4a7c15ull) >> shift_); }

RowKeys::Found RowKeys::Find(const RowKey& key) const {
  if (ordered_) {
    if (!has_last_ || last_ < key) return {};
    if (key == last_) return {Seen::kBefore, last_line_};
    return {Seen::kOutOfOrder, 0};
  }
  if (keys_.empty()) return {};
  const uint64_t packed = Packed(key);
  const size_t mask = keys_.size() - 1;
  for (size_t i = Slot(packed);; i = (i + 1) & mask) {
    if (lines_[i] == 0) return {};
    if (keys_[i] == packed) return {Seen::kBefore, static_cast<int>(lines_[i])};
  }
}

void RowKeys::Add(const RowKey& key, int line) {
  if (ordered_) {
    if (!has_last_ || last_ < key) {
      has_last_ = true;
      last_ = key;
      last_line_ = line;
    }
    return;
  }
  if ((size_ + 1) * 8 > keys_.size() * 7) Grow();
  const uint64_t packed = Packed(key);
  const size_t mask = keys_.size() - 1;
  for (size_t i = Slot(packed);; i = (i + 1) & mask) {
    if (lines_[i] == 0) {
      keys_[i] = packed;
      lines_[i] = static_cast<uint32_t>(line);
      ++size_;
      return;
    }
    if (keys_[i] == packed) return;
  }
}

void RowKeys::Unordered() {
  ordered_ = false;
  has_last_ = false;
}

void RowKeys::Grow() {
  std::vector<uint64_t> keys = std::move(keys_);
  std::vector<uint32_t> lines = std::move(lines_);
  const size_t capacity = keys.empty() ? 1024 : keys.size() * 2;
  keys_.assign(capacity, 0);
  lines_.assign(capacity, 0);
  shift_ = 64 - __builtin_ctzll(capacity);
  const size_t mask = capacity - 1;
  for (size_t k = 0; k < keys.size(); ++k) {
    if (lines[k] == 0) continue;
    size_t i = Slot(keys[k]);
    while (lines_[i] != 0) i = (i + 1) & mask;
    keys_[i] = keys[k];
    lines_[i] = lines[k];
  }
}

}  // namespace reel::ingest
