#include "ingest/record_stream.h"

#include <cstring>

namespace reel::ingest {
namespace {

constexpr size_t kChunkBytes = 1u << 20;

// Length of the UTF-8 sequence a lead byte starts (0 for a byte that cannot lead).
int SequenceLength(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

// Where the last, possibly unfinished, UTF-8 sequence of `s` starts when it is cut
// short by the end of `s`; s.size() when it is complete.
size_t CompletePrefix(std::string_view s) {
  const size_t n = s.size();
  for (size_t back = 1; back <= 3 && back <= n; ++back) {
    const auto c = static_cast<unsigned char>(s[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // A continuation byte: look further back.
    const int len = SequenceLength(c);
    return len > static_cast<int>(back) ? n - back : n;
  }
  return n;
}

// In text with bytes above 0x7F: whether it reads better as UTF-8 (valid multi-byte
// sequences, at least as many as bytes that fit none; Latin-1 text almost never
// forms one) than as Latin-1.
bool LooksUtf8(std::string_view s) {
  int64_t valid = 0, invalid = 0;
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const int len = SequenceLength(static_cast<unsigned char>(s[i]));
    if (len > 1 && i + len <= s.size() && Utf8Problem(s.substr(i, len)).empty()) {
      ++valid;
      i += len;
    } else {
      ++invalid;
      ++i;
    }
  }
  return valid > 0 && valid >= invalid;
}

bool HasHighBytes(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

}  // namespace

std::string Utf8Problem(std::string_view s) {
  const size_t n = s.size();
  size_t i = 0;
  auto problem = [&](size_t at) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "byte 0x%02X at offset %zu", static_cast<unsigned char>(s[at]), at);
    return std::string(buf);
  };
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const int len = SequenceLength(c);
    if (len == 0 || i + len > n) return problem(i);
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    // The second byte's range rules out overlongs, surrogates and values past U+10FFFF.
    const unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    if (c1 < lo || c1 > hi) return problem(i);
    for (int k = 2; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return problem(i);
    }
    i += len;
  }
  return "";
}

std::string Windows1252ToUtf8(std::string_view bytes) {
  // 0x80..0x9F, where Windows-1252 has printable characters and Latin-1 C1 controls.
  // The five bytes Windows-1252 leaves undefined keep their Latin-1 meaning.
  static constexpr char16_t kHigh[32] = {
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    const char32_t u = c >= 0x80 && c <= 0x9F ? kHigh[c - 0x80] : c;
    if (u < 0x80) {
      out.push_back(static_cast<char>(u));
    } else if (u < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (u >> 6)));
      out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xE0 | (u >> 12)));
      out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
    }
  }
  return out;
}

Result<std::unique_ptr<RecordStream>> RecordStream::Open(const std::string& path, char delimiter, Quoting quoting) {
  REEL_ASSIGN_OR_RETURN(auto file, MaybeGzipFile::Open(path));
  return std::unique_ptr<RecordStream>(new RecordStream(path, std::move(file), delimiter, quoting));
}

RecordStream::RecordStream(std::string path, std::unique_ptr<MaybeGzipFile> file, char delimiter, Quoting quoting)
    : path_(std::move(path)),
      file_(std::move(file)),
      delimiter_(delimiter),
      quoting_(quoting),
      file_size_(file_->file_size()) {}

RecordStream::~RecordStream() = default;

uint64_t RecordStream::bytes_read() const { return file_->bytes_read(); }

Result<bool> RecordStream::Fill() {
  if (eof_) return false;
  std::string chunk = std::move(pending_);
  pending_.clear();
  const size_t had = chunk.size();
  chunk.resize(had + kChunkBytes);
  auto got = file_->Read(chunk.data() + had, kChunkBytes);
  if (!got.ok()) return InvalidArgument(path_ + ":" + std::to_string(next_line_) + ": " + got.status().message());
  chunk.resize(had + *got);
  if (*got == 0) eof_ = true;
  if (at_start_ && (chunk.size() >= 3 || eof_)) {
    at_start_ = false;
    if (chunk.starts_with("\xEF\xBB\xBF")) chunk.erase(0, 3);
    if (chunk.starts_with("\xFF\xFE") || chunk.starts_with("\xFE\xFF")) {
      return InvalidArgument(path_ + ":1: the file is UTF-16; convert it to UTF-8 first");
    }
  }
  // Keep a sequence cut by the end of this chunk for the next one, so the decision
  // below and the conversion see whole characters.
  if (!eof_) {
    const size_t cut = CompletePrefix(chunk);
    pending_.assign(chunk, cut, std::string::npos);
    chunk.resize(cut);
  }
  if (encoding_ == TextEncoding::kUndecided && HasHighBytes(chunk)) {
    encoding_ = LooksUtf8(chunk) ? TextEncoding::kUtf8 : TextEncoding::kLatin1;
  }
  if (encoding_ == TextEncoding::kLatin1) {
    buf_ += Windows1252ToUtf8(chunk);
  } else {
    buf_ += chunk;
  }
  return !eof_ || !chunk.empty();
}

bool RecordStream::Parse(std::vector<std::string>* fields, size_t* end, int* lines, bool at_eof) {
  fields->clear();
  *lines = 0;
  const std::string_view b = buf_;
  const size_t n = b.size();
  size_t i = pos_;
  std::string field;
  quoted_break_.reset();
  while (true) {
    if (quoting_ == Quoting::kRfc4180 && i < n && b[i] == '"') {
      ++i;
      const int lines_before = *lines;
      while (true) {
        const size_t q = b.find('"', i);
        if (q == std::string_view::npos) {
          if (at_eof) {
            *end = std::string::npos;  // Never closed.
            return true;
          }
          return false;
        }
        for (size_t k = i; k < q; ++k) {
          const char c = b[k];
          if (c == '\r' && k + 1 < q && b[k + 1] == '\n') continue;  // CRLF inside: LF.
          if (c == '\n') ++*lines;
          field.push_back(c);
        }
        i = q + 1;
        if (i == n && !at_eof) return false;  // A doubled quote may follow.
        if (i < n && b[i] == '"') {
          field.push_back('"');
          ++i;
          continue;
        }
        break;
      }
      if (*lines > lines_before && !quoted_break_) {
        const bool text_after = i < n && b[i] != delimiter_ && b[i] != '\n' && b[i] != '\r';
        quoted_break_ = QuotedBreak{fields->size(), lines_before, text_after};
      }
    }
    size_t j = i;
    while (j < n && b[j] != delimiter_ && b[j] != '\n') ++j;
    if (j == n && !at_eof) return false;
    field.append(b.substr(i, j - i));
    if (j >= n || b[j] == '\n') {
      if (!field.empty() && field.back() == '\r') field.pop_back();
      fields->push_back(std::move(field));
      if (j < n) {
        ++j;
        ++*lines;
      }
      *end = j;
      return true;
    }
    fields->push_back(std::move(field));
    field.clear();
    i = j + 1;
  }
}

void RecordStream::Vet(const std::vector<std::string>& fields, int breaks) {
  quote_problem_.reset();
  multiline_quote_.reset();
  for (size_t k = 0; k < fields.size() && !bad_field_; ++k) {
    if (const size_t nul = fields[k].find('\0'); nul != std::string::npos) {
      bad_field_ = {k, "holds a NUL byte (at offset " + std::to_string(nul) + ")"};
    } else if (encoding_ != TextEncoding::kLatin1) {
      std::string why = Utf8Problem(fields[k]);
      if (!why.empty()) bad_field_ = {k, "not valid UTF-8 (" + why + "; the file reads as UTF-8)"};
    }
  }
  if (quoted_break_) {
    const int from = record_line_ + quoted_break_->first_line;
    const int to = record_line_ + breaks;
    std::pair<size_t, std::string> why{quoted_break_->field, "unclosed quote: the quoted field that starts on line " +
                                                                 std::to_string(from) + " runs on to line " +
                                                                 std::to_string(to) + " (is a closing quote missing?)"};
    multiline_quote_ = why;
    if (quoted_break_->text_after) quote_problem_ = why;
  }
}

Result<bool> RecordStream::Next(std::vector<std::string>* fields) {
  bad_field_.reset();
  while (true) {
    size_t end = 0;
    int lines = 0;
    if (pos_ < buf_.size() && Parse(fields, &end, &lines, eof_)) {
      record_line_ = next_line_;
      if (end == std::string::npos) {
        return InvalidArgument(path_ + ":" + std::to_string(record_line_) +
                               ": unclosed quote: a quoted field that starts on this line is never closed (is the "
                               "file truncated?)");
      }
      pos_ = end;
      next_line_ += lines;
      if (fields->size() == 1 && (*fields)[0].empty()) continue;  // A blank line.
      Vet(*fields, lines - (end > 0 && buf_[end - 1] == '\n' ? 1 : 0));
      return true;
    }
    if (eof_) return false;
    if (buf_.size() - pos_ > kMaxRecordBytes) {
      return InvalidArgument(path_ + ":" + std::to_string(next_line_) + ": a record longer than " +
                             std::to_string(kMaxRecordBytes >> 20) + " MiB (an unclosed quote?)");
    }
    if (pos_ > 0) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    REEL_TRY(Fill());
  }
}

}  // namespace reel::ingest
