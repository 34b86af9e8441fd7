// A small reader for delimiter-separated text (TSV, CSV) in the RFC 4180 style:
// fields may be quoted with '"', a doubled quote inside a quoted field is one quote,
// quoted fields may hold delimiters and line breaks, and records end with LF or CRLF.
// Debian packages no CSV library, so this one is ours.
//
// Also here: reading a whole file that may be gzip-compressed (zlib reads plain files
// too) and turning Latin-1 text into UTF-8.
//
// DelimitedReader is a cursor over text that the caller keeps alive; one instance
// belongs to one thread. The free functions are pure (ReadMaybeGzipFile reads the file
// system) and safe to call from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace reel {

class DelimitedReader {
 public:
  // `text` must outlive the reader.
  DelimitedReader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}

  // Reads the next record into `fields` (cleared first). Returns false at the end of
  // the text. A quote still open at the end of the text is an InvalidArgument naming
  // the line where the record began ("line 3: unclosed quote: ..."). A quote inside an unquoted field is kept as is,
  // and text after a closing quote is appended to the field, as most writers expect.
  Result<bool> Next(std::vector<std::string>* fields);

  // The 1-based line on which the record last returned by Next began.
  int line() const { return record_line_; }

 private:
  std::string_view text_;
  char delimiter_;
  size_t pos_ = 0;
  int next_line_ = 1;
  int record_line_ = 0;
};

// Reads the whole file at `path`; gzip-compressed files are inflated (bytes after the
// compressed data are an error, see MaybeGzipFile), plain files are returned as they
// are. Errors name the path.
Result<std::string> ReadMaybeGzipFile(const std::string& path);

// Each byte of `text` read as a Latin-1 (ISO 8859-1) character, written as UTF-8.
std::string Latin1ToUtf8(std::string_view text);

}  // namespace reel
