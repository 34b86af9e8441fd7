// RecordStream: reads a delimited text file (CSV, TSV, '|'-separated) one record at
// a time, for the importers, with memory bounded by one read buffer (1 MiB) plus the
// record being read (at most kMaxRecordBytes), whatever the size of the file.
//
// What it copes with, so importers see plain UTF-8 fields:
//  * gzip: a compressed file is inflated as it is read (MaybeGzipFile, core/gzip_file.h:
//    plain files pass through). A compressed stream that ends early, or one followed
//    by bytes that are not gzip, is an error, not a short file.
//  * Encoding: a UTF-8 byte-order mark is dropped; UTF-16 is refused. The first
//    buffer holding a byte above 0x7F decides the encoding of the whole file: at
//    least as many valid UTF-8 sequences there as stray high bytes means UTF-8, else Latin-1,
//    read as Windows-1252 (its superset that Latin-1 files almost always really
//    are) and stored as UTF-8. In a UTF-8 file an invalid sequence makes its record
//    bad (BadField says which field). A NUL byte makes its record bad in any encoding.
//  * Line ends LF or CRLF (also inside quoted fields, where CRLF becomes LF).
//  * Quoting::kRfc4180: fields may be quoted with '"', a doubled quote inside is one
//    quote, quoted fields may hold delimiters and line breaks; a quote inside an
//    unquoted field is kept, as DelimitedReader (core/tsv.h) does. A quote never
//    closed is an "unclosed quote" error; one closed only by the quote that opens a
//    later field (a quoted field that takes in line breaks and is followed by more
//    text) is reported by QuoteProblem(). Quoting::kNone
//    (IMDb's TSV, MovieLens 100k): a record is one line, quotes are plain text.
//
// One instance belongs to one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/gzip_file.h"
#include "core/status.h"

namespace reel::ingest {

enum class Quoting { kRfc4180, kNone };
enum class TextEncoding { kUndecided, kUtf8, kLatin1 };

inline constexpr size_t kMaxRecordBytes = 64u << 20;

class RecordStream {
 public:
  // Opens `path`; NotFound when it cannot be opened.
  static Result<std::unique_ptr<RecordStream>> Open(const std::string& path, char delimiter, Quoting quoting);
  ~RecordStream();
  RecordStream(const RecordStream&) = delete;
  RecordStream& operator=(const RecordStream&) = delete;

  // Reads the next record into `fields` (cleared first). False at the end of the
  // file. Errors ("PATH:LINE: reason") are a truncated or unreadable file, a record
  // longer than kMaxRecordBytes, or a quote never closed before the end of the file.
  Result<bool> Next(std::vector<std::string>* fields);

  // The 1-based line on which the record last returned began.
  int line() const { return record_line_; }
  // The index of a field of the last record that is not valid UTF-8 or holds a NUL
  // byte, with why.
  std::optional<std::pair<size_t, std::string>> BadField() const { return bad_field_; }
  // When a quoted field of the last record took in a line break and is closed only by
  // a quote followed by more text (the mark of a quote left open, closed by the one
  // that opens a later field): the field's index and why ("unclosed quote: the
  // quoted field that starts on line 3 runs on to line 4"). A record whose fields do
  // not match the columns after a quoted line break has the same reason
  // (MultilineQuote).
  std::optional<std::pair<size_t, std::string>> QuoteProblem() const { return quote_problem_; }
  std::optional<std::pair<size_t, std::string>> MultilineQuote() const { return multiline_quote_; }

  const std::string& path() const { return path_; }
  TextEncoding encoding() const { return encoding_; }
  // Bytes of the file (compressed, for gzip) read so far, and its size (0: unknown).
  uint64_t bytes_read() const;
  uint64_t file_size() const { return file_size_; }

 private:
  RecordStream(std::string path, std::unique_ptr<MaybeGzipFile> file, char delimiter, Quoting quoting);
  // Appends the next chunk of decoded text to buf_; false at the end of the file.
  Result<bool> Fill();
  // Tries to parse one record starting at pos_; false when buf_ ends before it does.
  bool Parse(std::vector<std::string>* fields, size_t* end, int* lines, bool at_eof);
  // Sets BadField, QuoteProblem and MultilineQuote for the record just parsed, which
  // holds `breaks` line breaks.
  void Vet(const std::vector<std::string>& fields, int breaks);

  std::string path_;
  std::unique_ptr<MaybeGzipFile> file_;
  char delimiter_;
  Quoting quoting_;
  uint64_t file_size_;
  // Of the record being parsed: the first quoted field that took in a line break, the
  // line (relative to the record's first) where it began, and whether its closing
  // quote was followed by more text.
  struct QuotedBreak {
    size_t field = 0;
    int first_line = 0;
    bool text_after = false;
  };
  std::optional<QuotedBreak> quoted_break_;
  TextEncoding encoding_ = TextEncoding::kUndecided;
  bool at_start_ = true;
  bool eof_ = false;
  std::string pending_;  // Raw bytes of a UTF-8 sequence cut by the end of a chunk.
  std::string buf_;      // Decoded text not yet consumed, from pos_.
  size_t pos_ = 0;
  int next_line_ = 1;
  int record_line_ = 0;
  std::optional<std::pair<size_t, std::string>> bad_field_, quote_problem_, multiline_quote_;
};

// Why `s` is not valid UTF-8 ("byte 0xE9 at offset 5"), or "" when it is.
std::string Utf8Problem(std::string_view s);

// Windows-1252 (a superset of Latin-1 on printable characters) to UTF-8.
std::string Windows1252ToUtf8(std::string_view bytes);

}  // namespace reel::ingest
