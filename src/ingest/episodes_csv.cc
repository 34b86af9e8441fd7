// Episode-list importer (`reel import episodes-csv FILE --series NAME`), for CSV
// files like ../shared/data/tv-friends-episodes-wasitali7364/friends_info.csv (a
// scrape of Wikipedia's episode tables):
//
//   Date,Episode,Title,Directed by,Written by,Duration,Summary,Rating/Share,
//   U.S. viewers,"Prod.\ncode"
//
// Columns are found by name (case and line breaks in the header ignored); Episode
// and Title are required, the others optional. The series is --series (made if
// missing); seasons are made as "Season N" and get the air date of their first
// episode. What the cells hold:
//  * Episode "01-02" (season-episode); a double episode lists both codes on two
//    lines ("10-17\n10-18") and becomes two episodes sharing title, date and
//    summary, each with half the running time. "Special" rows (clip shows outside
//    the numbering) are skipped: reel numbers every episode.
//  * Date MM/DD/YY (two-digit years as POSIX reads them: 69-99 are 1900s) or
//    MM/DD/YYYY.
//  * Directed by / Written by: names joined by " & "; "Story by : A & B\nTeleplay
//    by : C" gives crew jobs Story and Teleplay, plain names the job Writer. The
//    scrape glued the writers of a double episode's two parts together
//    ("...SikowitzMichael Borkow"): the first lowercase-to-uppercase join outside a
//    name prefix (Mc, Mac, De, La...) splits them.
//  * Duration in minutes; U.S. viewers "21.5 million" (kept as 21,500,000) and
//    Prod. code (a double episode's two codes one per line or glued together:
//    "457313457314") go to the episode's production details; Rating/Share
//    "14.7/23" is checked but reel has no place for it.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include "core/text.h"
#include "ingest/import.h"

namespace reel::ingest {
namespace {

using Change = StoreWriter::Change;

constexpr const char* kSource = "episodes-csv";

struct Credit2 {
  std::string name, job;
};

// Names joined by " & ", " and " or ", ".
std::vector<std::string> SplitNames(std::string_view text) {
  std::string s(text);
  for (const char* sep : {" and ", ", "}) {
    for (size_t at; (at = s.find(sep)) != std::string::npos;) s.replace(at, std::strlen(sep), " & ");
  }
  for (auto& c : s) {
    if (c == '\n') c = '&';
  }
  std::vector<std::string> out;
  for (auto& part : SplitTrim(s, "&")) out.push_back(part);
  return out;
}

// "Story by : A & B\nTeleplay by : C" -> A (Story), B (Story), C (Teleplay); plain
// names are Writers.
std::vector<Credit2> ParseWriters(std::string_view text) {
  std::string lower;
  for (char c : text) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  struct Mark {
    size_t at, text_from;
    const char* job;
  };
  std::vector<Mark> marks;
  for (const auto& [word, job] : {std::pair<const char*, const char*>{"story by", "Story"}, {"teleplay by", "Teleplay"},
                                  {"written by", "Writer"}}) {
    for (size_t at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
      size_t from = at + std::strlen(word);
      while (from < text.size() && (text[from] == ' ' || text[from] == ':')) ++from;
      marks.push_back({at, from, job});
    }
  }
  std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.at < b.at; });
  std::vector<Credit2> out;
  auto add = [&](std::string_view part, const char* job) {
    for (auto& n : SplitNames(part)) out.push_back({n, job});
  };
  add(text.substr(0, marks.empty() ? text.size() : marks[0].at), "Writer");
  for (size_t i = 0; i < marks.size(); ++i) {
    const size_t end = i + 1 < marks.size() ? marks[i + 1].at : text.size();
    add(text.substr(marks[i].text_from, end - marks[i].text_from), marks[i].job);
  }
  return out;
}

// Where the writers of a double episode's two parts were glued together, or npos.
size_t GluePoint(std::string_view s) {
  static constexpr const char* kPrefixes[] = {"Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "O"};
  for (size_t i = 1; i < s.size(); ++i) {
    if (!std::islower(static_cast<unsigned char>(s[i - 1])) || !std::isupper(static_cast<unsigned char>(s[i]))) continue;
    size_t start = i;
    while (start > 0 && std::isalpha(static_cast<unsigned char>(s[start - 1]))) --start;
    const std::string_view word = s.substr(start, i - start);
    bool prefix = word.size() < 3;
    for (const char* p : kPrefixes) prefix |= word == p;
    if (!prefix) return i;
  }
  return std::string_view::npos;
}

std::string NormalCode(std::string_view s) {
  std::string out;
  for (char c : Trim(s)) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

// "01-02" as (season, episode), or nullopt when it is not such a code.
std::optional<std::pair<int, int>> ParseCode(std::string_view code) {
  const size_t dash = code.find('-');
  auto season = dash == std::string::npos ? std::nullopt : ParseInt(code.substr(0, dash));
  auto number = dash == std::string::npos ? std::nullopt : ParseInt(code.substr(dash + 1));
  if (!season || !number || *season <= 0 || *number <= 0 || *season > 999 || *number > 9999) return std::nullopt;
  return std::pair<int, int>(static_cast<int>(*season), static_cast<int>(*number));
}

// The (season, episode) codes of an Episode cell ("01-02", or two on two lines), or
// none when one of them is not a code (the row is then refused for it).
std::vector<std::pair<int, int>> Codes(std::string_view cell) {
  std::vector<std::pair<int, int>> codes;
  if (NormalCode(cell) == "special") return codes;
  for (const auto& code : SplitTrim(cell, "\n")) {
    auto parsed = ParseCode(code);
    if (!parsed) return {};
    codes.push_back(*parsed);
  }
  return codes;
}

// The production code of each of `parts` episodes a cell gives: one per line, or
// (the scrape glued a double episode's two codes: "457313457314") halves of equal
// length; else the whole cell for each. None for an empty cell.
std::vector<std::string> ProductionCodes(std::string_view cell, size_t parts) {
  std::vector<std::string> lines = SplitTrim(cell, "\n");
  if (lines.empty()) return {};
  if (lines.size() == parts) return lines;
  std::string all;
  for (const auto& l : lines) all += (all.empty() ? "" : " ") + l;
  if (parts == 2 && lines.size() == 1 && all.size() % 2 == 0 && all.find(' ') == std::string::npos) {
    return {all.substr(0, all.size() / 2), all.substr(all.size() / 2)};
  }
  return std::vector<std::string>(parts, all);
}

// "09/22/94" or "09/22/1994".
std::optional<Date> ParseUsDate(std::string_view s) {
  const size_t a = s.find('/'), b = s.rfind('/');
  if (a == std::string_view::npos || a == b) return std::nullopt;
  auto m = ParseInt(s.substr(0, a));
  auto d = ParseInt(s.substr(a + 1, b - a - 1));
  const std::string_view ys = s.substr(b + 1);
  auto y = ParseInt(ys);
  if (!m || !d || !y || (ys.size() != 2 && ys.size() != 4)) return std::nullopt;
  int year = static_cast<int>(*y);
  if (ys.size() == 2) year += year >= 69 ? 1900 : 2000;
  if (!IsValidDate(year, static_cast<int>(*m), static_cast<int>(*d))) return std::nullopt;
  return Date{year, static_cast<int>(*m), static_cast<int>(*d)};
}

// What one row says, read and checked.
struct EpisodeRow {
  std::vector<std::pair<int, int>> codes;  // (season, episode): two for a double episode.
  std::string name, synopsis;
  std::optional<Date> date;
  std::optional<int> minutes;
  std::optional<int64_t> viewers;
  std::vector<std::string> prod_codes;  // One per code, or none.
  std::vector<std::string> directors;
  std::vector<std::vector<Credit2>> writers;  // Per code.
};

class EpisodesCsv {
 public:
  EpisodesCsv(Session& s, Id series) : s_(s), series_(series) {}

  Status File(const std::string& path) {
    FileSpec spec;
    spec.note = "episodes";
    auto header = [&](std::vector<std::string>& h) -> Status {
      col_.clear();
      for (size_t i = 0; i < h.size(); ++i) col_.emplace(h[i], i);
      for (const char* need : {"episode", "title"}) {
        if (!col_.count(need)) return InvalidArgument(std::string("no column '") + need + "' in the header");
      }
      spec.key_column = col_.at("episode");
      return Status::Ok();
    };
    // Each episode code of a row is a key: a second row for 01-02 is a duplicate.
    spec.key = [&](const Row& row, RowKey* keys) -> size_t {
      size_t n = 0;
      for (const auto& code : Codes(row[col_.at("episode")])) {
        if (n < kMaxRowKeys) keys[n++] = {static_cast<uint64_t>(code.first), static_cast<uint64_t>(code.second)};
      }
      return n;
    };
    spec.key_text = [](const Row&, const RowKey& k) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "episode %02d-%02d", static_cast<int>(k.a), static_cast<int>(k.b));
      return std::string(buf);
    };
    season_start_.clear();
    REEL_TRY(s_.ForEachRow(path, spec, header, [&](Row& row) { return StoreRow(row); }));
    return DateSeasons(path);
  }

 private:
  std::optional<size_t> At(const char* name) const {
    auto it = col_.find(name);
    return it == col_.end() ? std::nullopt : std::optional<size_t>(it->second);
  }

  // The episode codes, title, date and figures of a row (a bad row's failure names
  // the cell).
  Status ReadFacts(Row& row, EpisodeRow& e) {
    const size_t ep_col = *At("episode"), title_col = *At("title");
    for (const auto& code : SplitTrim(row[ep_col], "\n")) {
      auto parsed = ParseCode(code);
      if (!parsed) return row.Bad(ep_col, "'" + code + "' is not SEASON-EPISODE like 01-02");
      e.codes.push_back(*parsed);
    }
    if (e.codes.empty()) return row.Bad(ep_col, "is empty");
    e.name = std::string(Trim(row[title_col]));
    if (e.name.empty()) return row.Bad(title_col, "is empty");
    if (std::string why = TitleNameProblem(e.name); !why.empty()) return row.Bad(title_col, why);
    if (auto c = At("date"); c && !row[*c].empty()) {
      e.date = ParseUsDate(Trim(row[*c]));
      if (!e.date) return row.Bad(*c, "'" + row[*c] + "' is not a date like 09/22/94");
    }
    if (auto c = At("duration"); c && !row[*c].empty()) {
      auto m = ParseInt(Trim(row[*c]));
      if (!m || *m <= 0 || *m > 10000) return row.Bad(*c, "'" + row[*c] + "' is not a number of minutes");
      e.minutes = static_cast<int>(*m);
    }
    if (auto c = At("rating/share"); c && !row[*c].empty()) {
      const std::string_view v = Trim(row[*c]);
      const size_t slash = v.find('/');
      if (slash == std::string_view::npos || !ParseDouble(v.substr(0, slash)) || !ParseDouble(v.substr(slash + 1))) {
        return row.Bad(*c, "'" + row[*c] + "' is not RATING/SHARE like 14.7/23");
      }
    }
    if (auto c = At("u.s. viewers"); c && !row[*c].empty()) {
      const std::string_view v = Trim(row[*c]);
      auto n = v.ends_with(" million") ? ParseDouble(v.substr(0, v.size() - 8)) : std::nullopt;
      if (!n || *n < 0 || *n > 10000) {
        return row.Bad(*c, "'" + row[*c] + "' is not a number of viewers like \"21.5 million\"");
      }
      e.viewers = std::llround(*n * 1e6);
    }
    return Status::Ok();
  }

  // ReadFacts, then the production codes, summary and people.
  Status ReadRow(Row& row, EpisodeRow& e) {
    REEL_TRY(ReadFacts(row, e));
    if (auto c = At("prod. code"); c) {
      if (row[*c].find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ- \n") != std::string::npos) {
        return row.Bad(*c, "'" + row[*c] + "' is not a production code");
      }
      e.prod_codes = ProductionCodes(row[*c], e.codes.size());
    }
    if (auto c = At("summary")) e.synopsis = std::string(Trim(row[*c]));
    if (auto c = At("directed by")) e.directors = SplitNames(row[*c]);
    // The writers of each part: a double episode's were glued together.
    e.writers.resize(e.codes.size());
    if (auto c = At("written by")) {
      const std::string_view w = row[*c];
      const size_t glue = e.codes.size() == 2 ? GluePoint(w) : std::string_view::npos;
      for (size_t i = 0; i < e.codes.size(); ++i) {
        e.writers[i] = glue == std::string_view::npos ? ParseWriters(w)
                                                      : ParseWriters(i == 0 ? w.substr(0, glue) : w.substr(glue));
      }
    }
    return Status::Ok();
  }

  Status StoreRow(Row& row) {
    if (NormalCode(row[*At("episode")]) == "special") {
      s_.CountSkipped();  // A special outside the numbering: reel numbers every episode.
      return Status::Ok();
    }
    EpisodeRow e;
    REEL_TRY(ReadRow(row, e));
    Change change = Change::kUnchanged;
    for (size_t i = 0; i < e.codes.size(); ++i) {
      REEL_ASSIGN_OR_RETURN(const Change ep, StoreEpisode(e, i));
      change = Worst(change, ep);
    }
    s_.Count(change);
    return Status::Ok();
  }

  // Episode `i` of a row (one of a double episode's two), with its crew.
  Result<Change> StoreEpisode(const EpisodeRow& e, size_t i) {
    const auto [season, number] = e.codes[i];
    Change sc;
    REEL_ASSIGN_OR_RETURN(const Id season_id, s_.EnsureSeason(series_, season, kSource, &sc));
    if (e.date && (!season_start_.count(season) || *e.date < season_start_[season])) season_start_[season] = *e.date;
    const int parts = static_cast<int>(e.codes.size());
    Session::TitleFacts f;
    f.kind = TitleKind::kEpisode;
    f.parent_id = season_id;
    f.number = number;
    f.source = kSource;
    f.name = e.name;
    if (!e.synopsis.empty()) f.synopsis = e.synopsis;
    if (e.date) f.release = FuzzyDate{*e.date, DatePrecision::kDay};
    if (e.minutes) f.runtime_minutes = (*e.minutes + parts / 2) / parts;
    if (!e.prod_codes.empty()) f.production_code = e.prod_codes[i];
    if (e.viewers) f.us_viewers = *e.viewers;
    Change ep;
    REEL_ASSIGN_OR_RETURN(const Id episode, s_.UpsertTitle(f, &ep));
    int order = 0;
    std::vector<Credit2> crew;
    for (const auto& d : e.directors) crew.push_back({d, "Director"});
    crew.insert(crew.end(), e.writers[i].begin(), e.writers[i].end());
    std::set<std::pair<Id, std::string>> credited;  // A name given twice counts once.
    for (const auto& c : crew) {
      REEL_ASSIGN_OR_RETURN(const Id person, s_.EnsurePerson(c.name, "", "", nullptr));
      if (!credited.emplace(person, c.job).second) continue;
      REEL_ASSIGN_OR_RETURN(const auto credit,
                            s_.w().UpsertCreditChecked({0, episode, person, CreditKind::kCrew, c.job, order++}));
      ep = WithDetail(ep, credit.change);
    }
    return ep;
  }

  // Each season starts with its first episode; the series with its first season.
  Status DateSeasons(const std::string& path) {
    for (const auto& [number, start] : season_start_) {
      Session::TitleFacts f;
      f.kind = TitleKind::kSeason;
      f.parent_id = series_;
      f.number = number;
      f.source = kSource;
      f.release = FuzzyDate{start, DatePrecision::kDay};
      auto up = s_.UpsertTitle(f, nullptr);
      if (!up.ok()) return StoreFailure(path, 0, up.status());
    }
    if (auto first = season_start_.find(1); first != season_start_.end()) {
      REEL_ASSIGN_OR_RETURN(const std::optional<Title> series, IfFound(s_.w().GetTitle(series_)));
      if (series && !series->release) {
        Title t = *series;
        t.release = FuzzyDate{first->second, DatePrecision::kDay};
        auto up = s_.w().UpsertTitleChecked(t);
        if (!up.ok()) return StoreFailure(path, 0, up.status());
      }
    }
    return Status::Ok();
  }

  Session& s_;
  Id series_;
  std::map<std::string, size_t> col_;  // The current file's columns by name.
  std::map<int, Date> season_start_;   // Its seasons' first air dates.
};

}  // namespace

Status ImportEpisodesCsv(Session& s, const std::vector<std::string>& paths) {
  const std::string name(Trim(s.options().series_name));
  if (name.empty()) return InvalidArgument("episodes-csv: name the series with --series NAME");
  const std::string slug = Slugify(name);
  if (slug.empty()) return InvalidArgument("--series: '" + name + "' has no letters or digits for a slug");
  REEL_ASSIGN_OR_RETURN(auto stored, IfFound(s.w().FindTitleBySlug(TitleKind::kSeries, slug)));
  Id series = 0;
  if (stored) {
    series = stored->id;
  } else {
    Title t;
    t.kind = TitleKind::kSeries;
    t.slug = slug;
    t.name = name;
    REEL_ASSIGN_OR_RETURN(auto up, s.w().UpsertTitleChecked(t));
    series = up.id;
    REEL_TRY(s.w().SetTitleSource(series, kSource));
  }
  EpisodesCsv importer(s, series);
  for (const auto& p : paths) REEL_TRY(importer.File(p));
  return Status::Ok();
}

}  // namespace reel::ingest
