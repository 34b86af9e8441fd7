// RowKeys: the keys the rows of one import file have met so far, to find a key
// given twice (a second "1,Toy Story DUPLICATE (1995)" in movies.csv), with the line
// of its first row, in memory that stays small for the files importers meet.
//
// A key is two 64-bit numbers (a film id; a user and a film id). While keys arrive
// in increasing order, as they do in MovieLens, IMDb and RT files, a repeated key
// can only be the last one, so only that one is kept. The first key that goes back
// makes the file unordered: the caller then hands over the keys of the rows before
// (Add, in file order, read again from the file) and from there every key is kept
// in an open-addressing table of 12 bytes a slot (a 64-bit key and a line), doubled
// when 7/8 full: for 10 million unordered ratings 2^24 slots, 200 MB (300 MB for the
// moment it grows). Keys that do not fit 64 bits exactly are hashed to 64 bits (two
// keys of one file then agree by chance once in about 10^12 files of that size).
//
// One instance belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace reel::ingest {

struct RowKey {
  uint64_t a = 0, b = 0;
  friend auto operator<=>(const RowKey&, const RowKey&) = default;
};

class RowKeys {
 public:
  enum class Seen { kNew, kBefore, kOutOfOrder };
  struct Found {
    Seen seen = Seen::kNew;
    int first_line = 0;  // kBefore: the line of the key's first row.
  };

  // Whether `key` was added before. kOutOfOrder (only while ordered) means it may
  // have been: call Unordered(), Add the keys of the rows before, and Find again.
  Found Find(const RowKey& key) const;
  // Records `key` of a row on `line` (1-based); a key already held keeps its line.
  void Add(const RowKey& key, int line);
  // Switches to holding every key; the caller then adds the keys seen so far.
  void Unordered();
  bool ordered() const { return ordered_; }
  size_t size() const { return size_; }

 private:
  static uint64_t Packed(const RowKey& key);
  size_t Slot(uint64_t packed) const;
  void Grow();

  bool ordered_ = true;
  bool has_last_ = false;
  RowKey last_;
  int last_line_ = 0;
  // Open addressing with linear probing; a slot is free when its line is 0.
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> lines_;
  size_t size_ = 0;
  int shift_ = 64;
};

}  // namespace reel::ingest
