#include "core/tsv.h"

#include "core/gzip_file.h"

namespace reel {

Result<bool> DelimitedReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  if (pos_ >= text_.size()) return false;
  record_line_ = next_line_;
  std::string field;
  const size_t n = text_.size();
  while (true) {
    // At the start of a field.
    if (pos_ < n && text_[pos_] == '"') {
      ++pos_;
      bool closed = false;
      while (pos_ < n) {
        size_t quote = text_.find('"', pos_);
        if (quote == std::string_view::npos) break;
        std::string_view chunk = text_.substr(pos_, quote - pos_);
        for (char c : chunk) {
          if (c == '\n') ++next_line_;
        }
        field.append(chunk);
        pos_ = quote + 1;
        if (pos_ < n && text_[pos_] == '"') {
          field.push_back('"');
          ++pos_;
          continue;
        }
        closed = true;
        break;
      }
      if (!closed) {
        return InvalidArgument("line " + std::to_string(record_line_) +
                               ": unclosed quote: the quoted field that starts on this line is never closed");
      }
    }
    // The unquoted part of the field (or what follows a closing quote).
    size_t start = pos_;
    while (pos_ < n && text_[pos_] != delimiter_ && text_[pos_] != '\n') ++pos_;
    field.append(text_.substr(start, pos_ - start));
    if (pos_ >= n || text_[pos_] == '\n') {
      if (!field.empty() && field.back() == '\r' && (pos_ >= n || text_[pos_] == '\n')) {
        field.pop_back();
      }
      fields->push_back(std::move(field));
      if (pos_ < n) {
        ++pos_;
        ++next_line_;
      }
      return true;
    }
    // A delimiter: the field ends and another begins.
    fields->push_back(std::move(field));
    field.clear();
    ++pos_;
  }
}

Result<std::string> ReadMaybeGzipFile(const std::string& path) {
  REEL_ASSIGN_OR_RETURN(auto file, MaybeGzipFile::Open(path));
  std::string out;
  while (true) {
    const size_t had = out.size();
    out.resize(had + (1 << 16));
    auto got = file->Read(out.data() + had, 1 << 16);
    if (!got.ok()) return InvalidArgument(path + ": " + got.status().message());
    out.resize(had + *got);
    if (*got == 0) break;
  }
  return out;
}

std::string Latin1ToUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

}  // namespace reel
