// MaybeGzipFile: reads a file that may be gzip-compressed as a stream of bytes,
// inflating it when it starts with gzip's magic bytes and passing a plain file
// through. Memory is one 128 KiB input buffer and zlib's window.
//
// Stricter than zlib's gzread, which ignores what follows the compressed data: here
// several gzip members one after the other read as one file (as gzip(1) reads
// them), and any other byte after the last member is an error, as is compressed
// data that ends early. Errors are reasons without the path ("the compressed file
// ends early (is it truncated?)"); callers say where.
//
// One instance belongs to one thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace reel {

class MaybeGzipFile {
 public:
  // NotFound (with the path and why) when the file cannot be opened;
  // InvalidArgument for a directory.
  static Result<std::unique_ptr<MaybeGzipFile>> Open(const std::string& path);
  ~MaybeGzipFile();
  MaybeGzipFile(const MaybeGzipFile&) = delete;
  MaybeGzipFile& operator=(const MaybeGzipFile&) = delete;

  // Reads up to `n` bytes of text into `out`; 0 at the end of the file.
  Result<size_t> Read(char* out, size_t n);

  bool compressed() const { return gzip_; }
  // Bytes of the file (compressed, for gzip) consumed so far, and its size.
  uint64_t bytes_read() const { return consumed_; }
  uint64_t file_size() const { return size_; }

 private:
  MaybeGzipFile(std::FILE* file, uint64_t size);
  // Makes at least `k` unread input bytes available unless the file ends first;
  // false on a read error.
  bool Want(size_t k);
  Result<size_t> Inflate(char* out, size_t n);

  std::FILE* file_;
  uint64_t size_;
  bool gzip_ = false;
  bool member_done_ = false;  // Between two gzip members (or after the last).
  bool input_eof_ = false;
  void* z_ = nullptr;  // z_stream.
  std::vector<unsigned char> in_;
  size_t in_pos_ = 0, in_len_ = 0;
  uint64_t consumed_ = 0;  // File offset of in_[in_pos_].
};

}  // namespace reel
