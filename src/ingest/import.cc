#include "ingest/import.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <charconv>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <set>

#include "core/text.h"

namespace reel::ingest {
namespace {

namespace fs = std::filesystem;
using Change = StoreWriter::Change;

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// "1,234,567".
std::string Grouped(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

std::string Duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const auto s = static_cast<int64_t>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                  static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
  }
  return buf;
}

// A field for the rejects file: tabs, line breaks and backslashes escaped.
std::string Escaped(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// A header name with its spaces and line breaks collapsed ("Prod.\ncode" -> "Prod.
// code"), lowercase for comparing when `lower`.
std::string NormalName(std::string_view s, bool lower = true) {
  std::string out;
  bool space = false;
  for (char c : Trim(s)) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(lower ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c);
  }
  return out;
}

int Rank(Change c) { return c == Change::kInserted ? 2 : c == Change::kUpdated ? 1 : 0; }


// Which files of a directory a format reads.
bool FormatReads(std::string_view format, const std::string& name) {
  auto ends = [&](std::string_view e) { return name.size() >= e.size() && name.ends_with(e); };
  if (format == "movielens") {
    return ends(".csv") || name == "u.item" || name == "u.data" || ends(".base") || ends(".test");
  }
  if (format == "rt-movies") return name.find("movie_info") != std::string::npos;
  if (format == "rt-reviews") return name.find("reviews") != std::string::npos;
  if (format == "episodes-csv") return ends(".csv");
  if (format == "tvmaze") return ends(".json");
  if (format == "imdb") return ends(".tsv") || ends(".tsv.gz");
  return false;
}

// Reads a file's header line: the column names as the header gives them (messages use
// them) after `check_header` (when given) has vetted their normal forms.
Result<std::vector<std::string>> ReadHeader(
    RecordStream& in, const std::string& path,
    const std::function<Status(std::vector<std::string>& header)>& check_header) {
  std::vector<std::string> fields;
  REEL_ASSIGN_OR_RETURN(const bool got, in.Next(&fields));
  if (!got) return InvalidArgument(path + ": the file is empty (expected a header line)");
  if (auto bad = in.BadField()) return InvalidArgument(path + ":1: header: " + bad->second);
  // Messages name columns as the header does; formats compare them lowercase.
  std::vector<std::string> columns, normal;
  for (const auto& f : fields) {
    columns.push_back(NormalName(f, false));
    normal.push_back(NormalName(f));
  }
  if (check_header) {
    Status st = check_header(normal);
    if (!st.ok()) return Status(st.code(), path + ":" + std::to_string(in.line()) + ": " + st.message());
  }
  return columns;
}

// Whether the record just read is whole: its quotes closed, as many fields as the
// file has columns, its text valid. Marks the row bad (and says why) when not.
Status CheckRecord(const RecordStream& in, Row& row, size_t ncolumns) {
  const size_t nfields = row.size();
  if (auto quote = in.QuoteProblem()) return row.Bad(quote->first, quote->second);
  if (auto broken = in.MultilineQuote(); broken && nfields != ncolumns) return row.Bad(broken->first, broken->second);
  if (nfields < ncolumns) {
    return row.Bad(nfields, "missing: the row has " + std::to_string(nfields) + " of " + std::to_string(ncolumns) +
                                " fields (is the file truncated?)");
  }
  if (nfields > ncolumns) {
    return row.Bad(ncolumns, "one field too many: the row has " + std::to_string(nfields) + " fields, the file " +
                                 std::to_string(ncolumns) + " columns");
  }
  if (auto bad = in.BadField()) return row.Bad(bad->first, bad->second);
  return Status::Ok();
}

}  // namespace

// ---- Report -------------------------------------------------------------------------

FileReport ImportReport::Total() const {
  FileReport t;
  t.path = "total";
  for (const auto& f : files) {
    t.read += f.read;
    t.inserted += f.inserted;
    t.updated += f.updated;
    t.unchanged += f.unchanged;
    t.skipped += f.skipped;
    t.rejected += f.rejected;
  }
  return t;
}

std::string ImportReport::ToText() const {
  std::string out;
  auto line = [&](const FileReport& f) {
    out += f.path + (f.note.empty() ? "" : " (" + f.note + ")") + ": read=" + std::to_string(f.read) +
           " inserted=" + std::to_string(f.inserted) + " updated=" + std::to_string(f.updated) +
           " unchanged=" + std::to_string(f.unchanged) + " skipped=" + std::to_string(f.skipped) +
           " rejected=" + std::to_string(f.rejected) + "\n";
  };
  for (const auto& f : files) line(f);
  if (files.size() != 1) line(Total());
  return out;
}

// ---- Progress -----------------------------------------------------------------------

Progress::Progress(const ImportOptions& options, std::string label, uint64_t total_bytes)
    : label_(std::move(label)), total_(total_bytes), start_(Now()) {
  if (options.progress == ProgressMode::kOff || options.progress_out == nullptr) return;
  out_ = options.progress_out;
  bar_ = options.progress == ProgressMode::kAuto && isatty(fileno(out_));
  last_draw_ = start_;
}

Progress::~Progress() {
  if (out_ && bar_ && drawn_) std::fputc('\n', out_);
}

void Progress::Tick(int64_t rows, uint64_t bytes, bool last) {
  if (!out_) return;
  const double now = Now();
  if (!last && now - last_draw_ < (bar_ ? 0.1 : 5.0)) return;
  last_draw_ = now;
  const double elapsed = std::max(now - start_, 1e-6);
  const double rate = rows / elapsed;
  const double done = total_ ? std::min(1.0, static_cast<double>(bytes) / total_) : -1;
  std::string pct = done >= 0 ? std::to_string(static_cast<int>(done * 100 + (last ? 0.5 : 0))) + "%" : "";
  std::string eta = done > 0 && !last ? "ETA " + Duration(elapsed * (1 - done) / done) : "";
  if (last) eta = "in " + Duration(elapsed);
  if (bar_) {
    std::string bar;
    if (done >= 0) {
      const int filled = static_cast<int>(done * 30);
      bar = "[" + std::string(filled, '#') + std::string(30 - filled, ' ') + "] ";
    }
    std::fprintf(out_, "\r%s %s%4s %s rows %s rows/s %s\x1b[K", label_.c_str(), bar.c_str(), pct.c_str(),
                 Grouped(rows).c_str(), Grouped(static_cast<int64_t>(rate)).c_str(), eta.c_str());
    drawn_ = true;
    if (last) {
      std::fputc('\n', out_);
      drawn_ = false;
    }
  } else {
    std::fprintf(out_, "reel import: %s: %s rows%s%s, %s rows/s, %s\n", label_.c_str(), Grouped(rows).c_str(),
                 pct.empty() ? "" : ", ", pct.c_str(), Grouped(static_cast<int64_t>(rate)).c_str(), eta.c_str());
  }
  std::fflush(out_);
}

// ---- Rows ---------------------------------------------------------------------------

Status Row::Bad(size_t column, const std::string& reason) {
  return Bad(column < columns_.size() ? std::string_view(columns_[column]) : std::string_view("#" + std::to_string(column + 1)),
             reason);
}

Status Row::Bad(std::string_view column, const std::string& reason) {
  bad_ = true;
  bad_column_ = std::string(column);
  bad_reason_ = reason;
  return InvalidArgument("column " + bad_column_ + ": " + reason);
}

// ---- Session ------------------------------------------------------------------------

Session::Session(Store& store, StoreWriter& w, const ImportOptions& options, ImportReport& report)
    : store_(store), w_(w), options_(options), report_(report) {}

Session::~Session() {
  if (rejects_) std::fclose(rejects_);
}

FileReport& Session::StartFile(const std::string& path, const std::string& note) {
  FileReport f;
  f.path = path;
  f.note = note;
  report_.files.push_back(std::move(f));
  return report_.files.back();
}

void Session::Count(Change change) {
  FileReport& f = file();
  if (change == Change::kInserted) {
    ++f.inserted;
  } else if (change == Change::kUpdated) {
    ++f.updated;
  } else {
    ++f.unchanged;
  }
}

Status Session::Reject(const std::string& where, const std::string& reason, const std::string& record) {
  if (!rejects_) return InvalidArgument(where + ": " + reason);
  // "FILE:LINE: column NAME: reason" splits into its parts for the TSV.
  std::string file = where, line, column, why = reason;
  if (const size_t colon = where.rfind(':'); colon != std::string::npos &&
                                             where.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
    file = where.substr(0, colon);
    line = where.substr(colon + 1);
  }
  if (why.starts_with("column ")) {
    const size_t colon = why.find(": ");
    if (colon != std::string::npos) {
      column = why.substr(7, colon - 7);
      why = why.substr(colon + 2);
    }
  }
  std::fprintf(rejects_, "%s\t%s\t%s\t%s\t%s\n", Escaped(file).c_str(), line.c_str(), Escaped(column).c_str(),
               Escaped(why).c_str(), Escaped(record).c_str());
  if (!report_.files.empty()) ++report_.files.back().rejected;
  return Status::Ok();
}

void Session::Say(const std::string& line) {
  if (options_.progress == ProgressMode::kOff || !options_.progress_out) return;
  std::fprintf(options_.progress_out, "reel import: %s\n", line.c_str());
  std::fflush(options_.progress_out);
}

Status Session::OpenRejects() {
  if (options_.rejects_path.empty() || rejects_) return Status::Ok();
  rejects_ = std::fopen(options_.rejects_path.c_str(), "w");
  if (!rejects_) return Unavailable(options_.rejects_path + ": cannot write the rejected rows: " + std::strerror(errno));
  std::fputs("file\tline\tcolumn\treason\trow\n", rejects_);
  return Status::Ok();
}

Status Session::ForEachRow(const std::string& path, const FileSpec& spec,
                           const std::function<Status(std::vector<std::string>& header)>& check_header,
                           const std::function<Status(Row&)>& handle, bool count_rows) {
  REEL_ASSIGN_OR_RETURN(auto opened, RecordStream::Open(path, spec.delimiter, spec.quoting));
  RecordStream& in = *opened;
  if (count_rows) StartFile(path, spec.note);
  Progress progress(options_, fs::path(path).filename().string() + (count_rows ? "" : " (scan)"), in.file_size());
  std::vector<std::string> columns = spec.columns, fields;
  if (spec.header) {
    REEL_ASSIGN_OR_RETURN(columns, ReadHeader(in, path, check_header));
  }
  int64_t rows = 0;
  RowKeys keys;
  std::vector<int> rejected;  // Lines, ascending.
  RowKey row_keys[kMaxRowKeys];
  while (true) {
    REEL_ASSIGN_OR_RETURN(auto got, in.Next(&fields));
    if (!got) break;
    ++rows;
    if (count_rows) ++file().read;
    if ((rows & 1023) == 0) progress.Update(rows, in.bytes_read());
    Row row(path, in.line(), columns, fields);
    Status st = CheckRecord(in, row, columns.size());
    size_t nkeys = 0;
    if (st.ok() && count_rows && spec.key && (nkeys = spec.key(row, row_keys)) > 0) {
      for (size_t k = 0; k < nkeys && st.ok(); ++k) {
        auto found = keys.Find(row_keys[k]);
        if (found.seen == RowKeys::Seen::kOutOfOrder) {
          REEL_TRY(KeysBefore(path, spec, columns, in.line(), rejected, keys));
          found = keys.Find(row_keys[k]);
        }
        for (size_t j = 0; j < k && found.seen == RowKeys::Seen::kNew; ++j) {
          if (row_keys[j] == row_keys[k]) found = {RowKeys::Seen::kBefore, in.line()};
        }
        if (found.seen == RowKeys::Seen::kBefore) {
          st = row.Bad(spec.key_column, "duplicate " + spec.key_text(row, row_keys[k]) + " (first on line " +
                                            std::to_string(found.first_line) + ")");
        }
      }
    }
    if (st.ok() && !row.bad()) {
      st = handle(row);
      if (st.ok()) {
        for (size_t k = 0; k < nkeys; ++k) keys.Add(row_keys[k], in.line());
        continue;
      }
    }
    const std::string where = path + ":" + std::to_string(in.line());
    if (!row.bad()) return Status(st.code(), where + ": " + st.message());
    if (!count_rows) continue;  // A scan leaves bad rows to the pass that writes.
    std::string record;
    for (size_t i = 0; i < fields.size(); ++i) record += (i ? "\t" : "") + fields[i];
    REEL_TRY(Reject(where, st.message(), record));
    rejected.push_back(in.line());
  }
  progress.Finish(rows, in.bytes_read());
  return Status::Ok();
}

Status Session::KeysBefore(const std::string& path, const FileSpec& spec, const std::vector<std::string>& columns,
                           int upto, const std::vector<int>& rejected, RowKeys& keys) {
  keys.Unordered();
  REEL_ASSIGN_OR_RETURN(auto opened, RecordStream::Open(path, spec.delimiter, spec.quoting));
  RecordStream& in = *opened;
  std::vector<std::string> fields;
  RowKey row_keys[kMaxRowKeys];
  auto next_rejected = rejected.begin();
  bool header = spec.header;
  while (true) {
    REEL_ASSIGN_OR_RETURN(auto got, in.Next(&fields));
    if (!got || in.line() >= upto) break;
    if (header) {
      header = false;
      continue;
    }
    while (next_rejected != rejected.end() && *next_rejected < in.line()) ++next_rejected;
    if (next_rejected != rejected.end() && *next_rejected == in.line()) continue;
    if (fields.size() != columns.size() || in.BadField() || in.QuoteProblem()) continue;
    Row row(path, in.line(), columns, fields);
    const size_t n = spec.key(row, row_keys);
    for (size_t k = 0; k < n; ++k) keys.Add(row_keys[k], in.line());
  }
  return Status::Ok();
}

std::string TitleNameProblem(std::string_view name) {
  size_t chars = 0;
  for (char c : name) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  if (chars <= kMaxTitleChars) return "";
  return "is " + Grouped(static_cast<int64_t>(chars)) + " characters long (a title has at most " +
         Grouped(kMaxTitleChars) + ")";
}

Change Worst(Change a, Change b) { return Rank(a) >= Rank(b) ? a : b; }

Change WithDetail(Change row, Change detail) {
  if (detail == Change::kUnchanged || row != Change::kUnchanged) return row;
  return Change::kUpdated;
}

// ---- Parsers ------------------------------------------------------------------------

void KeyByIdInColumn(FileSpec& spec, size_t column) {
  spec.key = [column](const Row& row, RowKey* keys) -> size_t {
    auto id = ParseInt(row[column]);
    if (!id || *id <= 0) return 0;
    keys[0] = {static_cast<uint64_t>(*id), 0};
    return 1;
  };
  spec.key_text = [](const Row&, const RowKey& k) { return "id " + std::to_string(k.a); };
  spec.key_column = column;
}

std::string IsoUtcFromUnix(int64_t seconds) {
  const Date d = DateFromUnix(seconds);
  const int64_t s = seconds - d.ToDays() * 86400;
  if (d.year < 0 || d.year > 9999) return "";
  // By hand: this runs once per rating.
  std::string out = "0000-00-00T00:00:00Z";
  auto put = [&](size_t at, int v, int digits) {
    for (int i = digits - 1; i >= 0; --i, v /= 10) out[at + i] = static_cast<char>('0' + v % 10);
  };
  put(0, d.year, 4);
  put(5, d.month, 2);
  put(8, d.day, 2);
  put(11, static_cast<int>(s / 3600), 2);
  put(14, static_cast<int>(s / 60 % 60), 2);
  put(17, static_cast<int>(s % 60), 2);
  return out;
}

Date DateFromUnix(int64_t seconds) {
  return Date::FromDays(seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400));
}

std::optional<Date> ParseMonthDayYear(std::string_view s) {
  static constexpr const char* kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                            "july",    "august",   "september", "october", "november", "december"};
  s = Trim(s);
  const size_t space = s.find(' ');
  const size_t comma = s.find(',');
  if (space == std::string_view::npos || comma == std::string_view::npos || comma < space) return std::nullopt;
  std::string month;
  for (char c : s.substr(0, space)) {
    if (c != '.') month.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  int m = 0;
  for (int i = 0; i < 12 && !m; ++i) {
    const std::string_view full = kMonths[i];
    if (month == full || (month.size() >= 3 && full.starts_with(month))) m = i + 1;
  }
  auto day = ParseInt(Trim(s.substr(space + 1, comma - space - 1)));
  auto year = ParseInt(Trim(s.substr(comma + 1)));
  if (!m || !day || !year || *year < 1000 || *year > 9999) return std::nullopt;
  if (!IsValidDate(static_cast<int>(*year), m, static_cast<int>(*day))) return std::nullopt;
  return Date{static_cast<int>(*year), m, static_cast<int>(*day)};
}

std::vector<std::string> SplitTrim(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t at = s.find(sep, pos);
    if (at == std::string_view::npos) at = s.size();
    std::string_view part = Trim(s.substr(pos, at - pos));
    if (!part.empty()) out.emplace_back(part);
    pos = at + sep.size();
  }
  return out;
}

Status StoreFailure(const std::string& path, int line, const Status& st) {
  return Status(st.code(), path + (line > 0 ? ":" + std::to_string(line) : "") + ": " + st.message());
}

// ---- Import -------------------------------------------------------------------------

const std::vector<std::string>& Formats() {
  static const std::vector<std::string> kFormats = {"movielens", "rt-movies", "rt-reviews",
                                                    "episodes-csv", "tvmaze", "imdb"};
  return kFormats;
}

Result<ImportReport> Import(Store& store, std::string_view format, const std::vector<std::string>& paths,
                            const ImportOptions& options) {
  using Fn = Status (*)(Session&, const std::vector<std::string>&);
  Fn fn = nullptr;
  if (format == "movielens") fn = ImportMovieLens;
  if (format == "rt-movies") fn = ImportRtMovies;
  if (format == "rt-reviews") fn = ImportRtReviews;
  if (format == "episodes-csv") fn = ImportEpisodesCsv;
  if (format == "tvmaze") fn = ImportTvmaze;
  if (format == "imdb") fn = ImportImdb;
  if (!fn) {
    std::string known;
    for (const auto& f : Formats()) known += (known.empty() ? "" : ", ") + f;
    return InvalidArgument("unknown format '" + std::string(format) + "' (known: " + known + ", reel-json)");
  }
  if (paths.empty()) return InvalidArgument("import " + std::string(format) + ": no files given");
  // A directory stands for the files of the format in it, in name order.
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      files.push_back(p);
      continue;
    }
    std::vector<std::string> inside;
    for (const auto& e : fs::directory_iterator(p, ec)) {
      const std::string name = e.path().filename().string();
      if (e.is_regular_file() && !name.starts_with(".") && FormatReads(format, name)) inside.push_back(e.path().string());
    }
    if (ec) return NotFound(p + ": cannot list: " + ec.message());
    if (inside.empty()) return InvalidArgument(p + ": holds no files of the " + std::string(format) + " format");
    std::sort(inside.begin(), inside.end());
    files.insert(files.end(), inside.begin(), inside.end());
  }
  ImportReport report;
  report.format = std::string(format);
  REEL_TRY(store.Write([&](StoreWriter& w) {
    report.files.clear();
    Session session(store, w, options, report);
    // Made at once, so an import without bad rows leaves a list with only its header.
    REEL_TRY(session.OpenRejects());
    REEL_TRY(fn(session, files));
    if (report.Total().read >= 100000) session.Say("committing");
    return Status::Ok();
  }));
  return report;
}

}  // namespace reel::ingest
