#include "core/gzip_file.h"

#include <sys/stat.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

namespace reel {
namespace {

constexpr size_t kInputBytes = 128u << 10;

z_stream* Stream(void* z) { return static_cast<z_stream*>(z); }

}  // namespace

Result<std::unique_ptr<MaybeGzipFile>> MaybeGzipFile::Open(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return NotFound(path + ": cannot open: " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return InvalidArgument(path + ": is a directory");
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return NotFound(path + ": cannot open: " + std::strerror(errno));
  std::unique_ptr<MaybeGzipFile> file(new MaybeGzipFile(f, static_cast<uint64_t>(st.st_size)));
  if (!file->Want(2)) return InvalidArgument(path + ": cannot read: " + std::strerror(errno));
  file->gzip_ = file->in_len_ >= 2 && file->in_[0] == 0x1f && file->in_[1] == 0x8b;
  if (file->gzip_) {
    auto* z = new z_stream{};
    file->z_ = z;
    // 16 + 15: a gzip wrapper around a 32 KiB window.
    if (inflateInit2(z, 16 + MAX_WBITS) != Z_OK) return Internal(path + ": zlib could not start");
  }
  return file;
}

MaybeGzipFile::MaybeGzipFile(std::FILE* file, uint64_t size) : file_(file), size_(size), in_(kInputBytes) {}

MaybeGzipFile::~MaybeGzipFile() {
  if (z_) {
    inflateEnd(Stream(z_));
    delete Stream(z_);
  }
  std::fclose(file_);
}

bool MaybeGzipFile::Want(size_t k) {
  while (in_len_ - in_pos_ < k && !input_eof_) {
    if (in_pos_ > 0) {
      std::memmove(in_.data(), in_.data() + in_pos_, in_len_ - in_pos_);
      in_len_ -= in_pos_;
      in_pos_ = 0;
    }
    const size_t got = std::fread(in_.data() + in_len_, 1, in_.size() - in_len_, file_);
    in_len_ += got;
    if (got == 0) {
      if (std::ferror(file_)) return false;
      input_eof_ = true;
    }
  }
  return true;
}

Result<size_t> MaybeGzipFile::Read(char* out, size_t n) {
  if (gzip_) return Inflate(out, n);
  size_t done = 0;
  while (done < n) {
    if (in_pos_ == in_len_ && !Want(1)) return InvalidArgument(std::string("cannot read: ") + std::strerror(errno));
    if (in_pos_ == in_len_) break;
    const size_t k = std::min(n - done, in_len_ - in_pos_);
    std::memcpy(out + done, in_.data() + in_pos_, k);
    in_pos_ += k;
    consumed_ += k;
    done += k;
  }
  return done;
}

Result<size_t> MaybeGzipFile::Inflate(char* out, size_t n) {
  z_stream* z = Stream(z_);
  size_t done = 0;
  while (done < n) {
    if (member_done_) {
      // What follows a member is another member, or nothing.
      if (!Want(2)) return InvalidArgument(std::string("cannot read: ") + std::strerror(errno));
      if (in_pos_ == in_len_) break;
      if (in_len_ - in_pos_ < 2 || in_[in_pos_] != 0x1f || in_[in_pos_ + 1] != 0x8b) {
        return InvalidArgument("the compressed data is followed by trailing bytes that are not gzip data (at byte " +
                               std::to_string(consumed_) + " of " + std::to_string(size_) + ")");
      }
      inflateReset(z);
      member_done_ = false;
    }
    if (in_pos_ == in_len_ && !Want(1)) return InvalidArgument(std::string("cannot read: ") + std::strerror(errno));
    z->next_in = in_.data() + in_pos_;
    z->avail_in = static_cast<uInt>(in_len_ - in_pos_);
    z->next_out = reinterpret_cast<Bytef*>(out + done);
    z->avail_out = static_cast<uInt>(n - done);
    const int rc = inflate(z, Z_NO_FLUSH);
    const size_t used = (in_len_ - in_pos_) - z->avail_in;
    in_pos_ += used;
    consumed_ += used;
    const size_t made = (n - done) - z->avail_out;
    done += made;
    if (rc == Z_STREAM_END) {
      member_done_ = true;
      continue;
    }
    if (rc == Z_OK || (rc == Z_BUF_ERROR && (used > 0 || made > 0))) continue;
    if (rc == Z_BUF_ERROR) {
      if (in_pos_ == in_len_ && input_eof_) return InvalidArgument("the compressed file ends early (is it truncated?)");
      continue;
    }
    return InvalidArgument(std::string("the compressed data is damaged (zlib: ") + (z->msg ? z->msg : "error") + ")");
  }
  return done;
}

}  // namespace reel
