// `reel import FORMAT PATH...`: bulk importers of other catalogs' files, and what
// they share (options, the report, progress, rejected rows, matching titles and
// people to what the store already holds).
//
// Formats, one file each under src/ingest/:
//   movielens    movies.csv, ratings.csv, tags.csv, links.csv (ml-latest layout) and
//                u.item, u.data (ml-100k layout)                        movielens.cc
//   rt-movies    rt.movie_info.tsv[.gz] (Rotten Tomatoes extract)       rt.cc
//   rt-reviews   rt.reviews.tsv[.gz]                                    rt.cc
//   episodes-csv an episode list like friends_info.csv, into --series   episodes_csv.cc
//   tvmaze       a show as TVmaze's API returns it with _embedded
//                episodes, seasons, cast (and crew)                     tvmaze.cc
//   imdb         IMDb's non-commercial TSV files (title.basics, title.episode,
//                title.principals, name.basics, title.ratings)          imdb.cc
// (reel-json, the lossless dump, is Store::Import.)
//
// Every import is one transaction (Store::Write): all of it or nothing. A bad row
// stops it with "FILE:LINE: column NAME: reason" and the store exactly as before;
// with `rejects_path` the good rows are imported and each bad row is written there
// with its reason. Rows are upserted by the ids the source gives them (kept as
// external ids), so importing the same files again changes nothing and a newer file
// updates what changed; the report counts rows read, inserted, updated, unchanged,
// skipped (rows of kinds reel does not hold) and rejected. A title another source
// made, or one written by hand, only has its empty fields filled (title_sources), so
// catalogs that share titles do not overwrite each other on every import.
//
// Memory is bounded whatever the size of the files: one 1 MiB read buffer plus the
// longest record (RecordStream, at most 64 MiB), a batch of 131,072 ratings (about
// 20 MB), SQLite's page cache while ratings load (64 MiB; 32 MiB more for sorting
// when their indexes are rebuilt), and maps with one entry per film, user, person,
// critic and publication the import touches (the size of the catalog, not of the
// ratings). IMDb adds 16 bytes per row of title.episode; rt-reviews adds the
// distinct grades of each publication; a JSON document (tvmaze) is read whole. A
// file whose keys are not in order adds 12 bytes a slot per key (RowKeys, for the
// duplicate check below); files in key order, as MovieLens and IMDb ship them, add
// nothing.
// Measured: 161 MB peak for 10 million ratings (bench/import).
//
// Within one file a key (a film's id, a user's rating of a film, an episode's number)
// may appear once: a later row with the same key is a bad row that names the first
// ("movies.csv:12: column movieId: duplicate id 1 (first on line 2)"), so no row
// silently replaces another. Files in key order cost nothing for this; others keep
// 12 bytes a slot per key (RowKeys). Text fields holding a NUL byte, titles longer
// than kMaxTitleChars characters, gzip data followed by other bytes and quotes left
// open are refused too, each naming its place.
//
// Import() may be called from any thread; one import runs on the calling thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/parse.h"
#include "core/status.h"
#include "ingest/record_stream.h"
#include "ingest/row_keys.h"
#include "storage/store.h"

namespace reel::ingest {

enum class ProgressMode {
  kAuto,   // A bar on a terminal, plain lines every few seconds otherwise.
  kLines,  // Plain lines.
  kOff,
};

struct ImportOptions {
  std::string rejects_path;  // --skip-bad-rows: "" stops at the first bad row.
  std::string series_name;   // --series (episodes-csv).
  ProgressMode progress = ProgressMode::kAuto;
  std::FILE* progress_out = stderr;
};

struct FileReport {
  std::string path;
  int64_t read = 0;
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t skipped = 0;
  int64_t rejected = 0;
  std::string note;  // What the importer made of the file ("ratings", "films"...).
};

struct ImportReport {
  std::string format;
  std::vector<FileReport> files;
  FileReport Total() const;
  // One line per file and a total: "movies.csv (films): read=9742 inserted=9742 ...".
  std::string ToText() const;
};

// Imports `paths` (files; a directory means the files of the format in it) in the
// given format. The formats: "movielens", "rt-movies", "rt-reviews", "episodes-csv",
// "tvmaze", "imdb".
Result<ImportReport> Import(Store& store, std::string_view format, const std::vector<std::string>& paths,
                            const ImportOptions& options);

// The formats Import() knows, for help texts.
const std::vector<std::string>& Formats();

// ---- For the format files ------------------------------------------------------------

// Progress of one file: a bar with rows/s, percent and ETA on a terminal (redrawn at
// most 10 times a second), a plain line every 5 seconds otherwise, on stderr.
class Progress {
 public:
  Progress(const ImportOptions& options, std::string label, uint64_t total_bytes);
  ~Progress();
  // Call every thousand rows or so.
  void Update(int64_t rows, uint64_t bytes) { Tick(rows, bytes, false); }
  void Finish(int64_t rows, uint64_t bytes) { Tick(rows, bytes, true); }

 private:
  void Tick(int64_t rows, uint64_t bytes, bool last);
  std::FILE* out_ = nullptr;  // Null: off.
  bool bar_ = false;
  std::string label_;
  uint64_t total_;
  double start_ = 0;
  double last_draw_ = 0;
  bool drawn_ = false;
};

// One record of a delimited file, as the row handlers see it.
class Row {
 public:
  Row(const std::string& path, int line, const std::vector<std::string>& columns,
      const std::vector<std::string>& fields)
      : path_(path), line_(line), columns_(columns), fields_(fields) {}
  const std::string& operator[](size_t i) const { return fields_[i]; }
  size_t size() const { return fields_.size(); }
  int line() const { return line_; }
  const std::string& path() const { return path_; }
  const std::string& column(size_t i) const { return columns_[i]; }
  // Marks the row bad (column by index or by name) and returns the failure to pass up.
  Status Bad(size_t column, const std::string& reason);
  Status Bad(std::string_view column, const std::string& reason);
  bool bad() const { return bad_; }
  const std::string& bad_column() const { return bad_column_; }
  const std::string& bad_reason() const { return bad_reason_; }
  const std::vector<std::string>& fields() const { return fields_; }

 private:
  const std::string& path_;
  int line_;
  const std::vector<std::string>& columns_;
  const std::vector<std::string>& fields_;
  bool bad_ = false;
  std::string bad_column_, bad_reason_;
};

// What processing a file needs to know about its layout.
struct FileSpec {
  char delimiter = ',';
  Quoting quoting = Quoting::kRfc4180;
  // With a header: the first record names the columns (checked by the format).
  // Without one: these names, and every record must have as many fields.
  bool header = true;
  std::vector<std::string> columns;
  std::string note;  // For the report.
  // Rows that share a key are duplicates: the later one is a bad row naming the first
  // ("column movieId: duplicate id 1 (first on line 2)"). `key` puts a row's keys
  // (at most kMaxRowKeys) into `keys` and says how many: none when the row has no
  // key or its key columns do not parse (the handler then says why). `key_column` is
  // the column the message names (a header check may set it, ForEachRow reads it
  // after); `key_text` says which key it is ("id 1").
  std::function<size_t(const Row& row, RowKey* keys)> key;
  std::function<std::string(const Row& row, const RowKey& key)> key_text;
  size_t key_column = 0;
};
inline constexpr size_t kMaxRowKeys = 4;

// Keys a file by the positive integer id in `column` ("id 1"); a row whose id does
// not parse has no key (its handler says why).
void KeyByIdInColumn(FileSpec& spec, size_t column);

// The longest name a title may have, in characters.
inline constexpr size_t kMaxTitleChars = 1000;
// Why `name` cannot be a title's name ("is 1,001 characters long (a title has at most
// 1,000)"), or "" when it can.
std::string TitleNameProblem(std::string_view name);

// State of one import: the store writer, options, rejects, the report.
class Session {
 public:
  Session(Store& store, StoreWriter& w, const ImportOptions& options, ImportReport& report);
  ~Session();

  StoreWriter& w() { return w_; }
  Store& store() { return store_; }
  const ImportOptions& options() const { return options_; }

  // Reads `path` record by record. With spec.header, `check_header` (may be null)
  // vets the header's names (lowercase, spaces collapsed); then `handle` is called for
  // each row with exactly as many fields as columns, valid text and a key not seen
  // before in the file (spec.key; others are bad rows). A bad row stops the import
  // or, with rejects, is written there and counted. Counts read rows and shows
  // progress; the handler counts what it changed (Count). With count_rows false (a
  // scan before the pass that writes) bad rows and keys are left to that pass.
  Status ForEachRow(const std::string& path, const FileSpec& spec,
                    const std::function<Status(std::vector<std::string>& header)>& check_header,
                    const std::function<Status(Row&)>& handle, bool count_rows = true);

  // Opens a new file in the report (ForEachRow does it itself).
  FileReport& StartFile(const std::string& path, const std::string& note);
  FileReport& file() { return report_.files.back(); }
  // Counts one row's outcome in the current file.
  void Count(StoreWriter::Change change);
  void CountSkipped() { ++file().skipped; }
  // A bad row found outside ForEachRow (tvmaze): with rejects it is written there
  // and counted (Ok), else the failure that stops the import. `where` is "FILE:LINE"
  // or "FILE"; `reason` may start "column NAME: ".
  Status Reject(const std::string& where, const std::string& reason, const std::string& record);
  // Creates the rejects file (with its header) when there is one.
  Status OpenRejects();
  // A line about a long step without rows ("rebuilding indexes"), where progress goes.
  void Say(const std::string& line);

  // ---- Titles and people, matched to what the store holds ----

  // What a source says about a title; unset fields leave a stored title's values as
  // they are.
  struct TitleFacts {
    TitleKind kind = TitleKind::kFilm;
    Id parent_id = 0;  // Seasons and episodes: the parent and the number.
    int number = 0;
    std::string source, id;  // The source's own id: ("movielens", "1"); id may be "".
    std::vector<std::pair<std::string, std::string>> other_ids;  // ("imdb", "tt0114709")...
    std::vector<std::pair<std::string, std::string>> match_ids;  // Only to find a stored title.
    std::optional<std::string> name;
    std::string fallback_name;  // For a new title when the source has no name.
    std::string preferred_slug;  // For a new title; else from the name (and year).
    std::optional<std::string> synopsis;
    std::optional<FuzzyDate> release;
    std::optional<int> end_year, runtime_minutes;
    std::optional<std::string> country, language, network;
    std::optional<std::vector<std::string>> genres;
    std::optional<std::string> production_code;  // Episodes.
    std::optional<int64_t> us_viewers;           // Episodes.
  };
  // Finds the title by the source's id, then by the other ids, then (films and
  // series) by name and release year among titles without an id from this source,
  // or (seasons, episodes) by parent and number; else makes a new one, a film or
  // series under the first free slug of: name, name-year, name-year-source-id. A film
  // or series made without a name (only fallback_name) is untitled (Title::untitled,
  // listed nowhere) until a source that matches it gives its name, whoever made it.
  // A title this source made is rewritten with what the source gives; another's (or
  // one written by hand) only gets its empty fields filled, its genres if it has
  // none, and a more precise release date that agrees with its own. Writes what
  // differs and records the ids; `change` says what happened.
  Result<Id> UpsertTitle(const TitleFacts& facts, StoreWriter::Change* change);

  // A person by the source's id (when given) or else by name (slug); a person of
  // the same slug with another id from this source is someone else, who gets
  // "name-id" as slug. Cached per import.
  Result<Id> EnsurePerson(const std::string& name, const std::string& source, const std::string& id,
                          StoreWriter::Change* change, const Person* details = nullptr);

  // A season of a series, made (by `source`) as "Season N" when missing.
  Result<Id> EnsureSeason(Id series_id, int number, const std::string& source, StoreWriter::Change* change);

 private:
  Store& store_;
  StoreWriter& w_;
  const ImportOptions& options_;
  ImportReport& report_;
  std::FILE* rejects_ = nullptr;
  // UpsertTitle's steps: the stored title `facts` stands for, if any (`slugs` are a
  // film's or series' slug candidates, best first); a new title under the first free
  // slug; the genres and ids it gives, written to title `id` (what they did is folded
  // into `row`).
  Result<std::optional<Title>> FindStoredTitle(const TitleFacts& facts, const std::vector<std::string>& slugs);
  Result<Title> NewTitle(const TitleFacts& facts, const std::vector<std::string>& slugs);
  Status SetTitleDetails(const TitleFacts& facts, Id id, bool owns, StoreWriter::Change& row);
  // Reads `path` again up to the record on line `upto`, adding to `keys` the keys of
  // the rows before it that were not rejected (`rejected`, ascending).
  Status KeysBefore(const std::string& path, const FileSpec& spec, const std::vector<std::string>& columns,
                    int upto, const std::vector<int>& rejected, RowKeys& keys);

  std::map<std::string, Id> people_;  // "source\tid" or "\tslug" -> person.
};

// Combines two outcomes of one row: inserted wins, then updated.
StoreWriter::Change Worst(StoreWriter::Change a, StoreWriter::Change b);
// What a row did, given what its main record did and what a detail of it (a credit,
// an id, the genres) did: a detail added to a stored record updates the row.
StoreWriter::Change WithDetail(StoreWriter::Change row, StoreWriter::Change detail);

// ---- Small parsers shared by the formats ----
// Integers and numbers: ParseInt and ParseDouble (core/parse.h).
// "2000-07-30T18:45:03Z" for a Unix time.
std::string IsoUtcFromUnix(int64_t seconds);
Date DateFromUnix(int64_t seconds);
// "November 10, 2018", "Nov 10, 2018", "Oct 9, 1971".
std::optional<Date> ParseMonthDayYear(std::string_view s);
// Splits on `sep`, trimming each part and dropping empty ones.
std::vector<std::string> SplitTrim(std::string_view s, std::string_view sep);
// Status for a failure of the store while importing row `line` of `path`.
Status StoreFailure(const std::string& path, int line, const Status& st);

// The format entry points (one file each). They run inside the import's transaction.
Status ImportMovieLens(Session& s, const std::vector<std::string>& paths);
Status ImportRtMovies(Session& s, const std::vector<std::string>& paths);
Status ImportRtReviews(Session& s, const std::vector<std::string>& paths);
Status ImportEpisodesCsv(Session& s, const std::vector<std::string>& paths);
Status ImportTvmaze(Session& s, const std::vector<std::string>& paths);
Status ImportImdb(Session& s, const std::vector<std::string>& paths);

}  // namespace reel::ingest
