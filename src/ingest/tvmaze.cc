// TVmaze importer (`reel import tvmaze SHOW.json...`), for a show as TVmaze's public
// API returns it with embedded lists:
//
//   GET https://api.tvmaze.com/shows/1?embed[]=seasons&embed[]=episodes&embed[]=cast
//   {"id": 1, "name": ..., "language": "English", "genres": [...], "status": "Ended",
//    "runtime": 60, "premiered": "2013-06-24", "ended": "2015-09-10",
//    "network": {"name": "CBS", "country": {"code": "US", ...}}, "webChannel": null,
//    "externals": {"tvrage": 25988, "thetvdb": 264492, "imdb": "tt1553656"},
//    "summary": "<p>...</p>",
//    "_embedded": {"seasons": [{"id", "number", "name", "premiereDate", "summary"...}],
//                  "episodes": [{"id", "name", "season", "number", "airdate", "runtime",
//                                "summary"...}],
//                  "cast": [{"person": {"id", "name", "birthday"...},
//                            "character": {"id", "name"...}, "self", "voice"}],
//                  "crew": [{"type": "Creator", "person": {...}}]}}
//
// A file holds one show or an array of shows. The show becomes a series (external
// ids tvmaze, imdb, thetvdb, tvrage), seasons and episodes keep their TVmaze ids
// ("tvmaze-season", "tvmaze-episode"), people theirs ("tvmaze"); summaries lose
// their HTML (HtmlToText, libxml2's HTML parser). Episodes without a number (specials) are skipped: reel numbers every
// episode. The document is read whole (TVmaze shows are small). Errors name the
// place as "FILE: _embedded.episodes[3].airdate: reason"; with --skip-bad-rows a bad
// season, episode or cast entry is rejected and the rest imported.
#include <nlohmann/json.hpp>

#include <map>

#include "core/json_depth.h"
#include "core/text.h"
#include "core/tsv.h"
#include "ingest/html_text.h"
#include "ingest/import.h"

namespace reel::ingest {
namespace {

using Json = nlohmann::json;
using Change = StoreWriter::Change;

// Bad data at a place in the document (an element with it can be rejected).
struct Problem {
  std::string path, reason;
};

class Tvmaze {
 public:
  Tvmaze(Session& s, std::string file) : s_(s), file_(std::move(file)) {}

  Status Show(const Json& j, const std::string& path) {
    order_ = 0;
    std::optional<Problem> bad;
    Session::TitleFacts f;
    f.kind = TitleKind::kSeries;
    f.source = "tvmaze";
    auto id = IdOf(j, path, bad);
    std::string name = Name(j, path, bad, true);
    const std::string premiered = Str(j, "premiered", path, bad);
    const std::string ended = Str(j, "ended", path, bad);
    const std::string language = Str(j, "language", path, bad);
    const std::string summary = Str(j, "summary", path, bad);
    std::optional<int> runtime = Int(j, "runtime", path, bad);
    if (!runtime) runtime = Int(j, "averageRuntime", path, bad);
    std::optional<FuzzyDate> release = Day(premiered, path + ".premiered", bad);
    std::optional<FuzzyDate> end = Day(ended, path + ".ended", bad);
    std::vector<std::string> genres = Genres(j, path, bad);
    std::string network, country;
    Network(j, path, bad, network, country);
    std::vector<std::pair<std::string, std::string>> ids = Externals(j, path, bad);
    Unseen(shows_, std::to_string(id), path, "id", "id " + std::to_string(id), bad);
    if (bad) return Error(*bad);
    shows_.emplace(std::to_string(id), path);
    seasons_.clear();
    episodes_.clear();
    f.id = std::to_string(id);
    f.name = name;
    f.other_ids = ids;
    if (!summary.empty()) f.synopsis = HtmlToText(summary);
    if (release) f.release = release;
    if (end) f.end_year = end->year();
    if (runtime) f.runtime_minutes = runtime;
    if (!country.empty()) f.country = country;
    if (!language.empty()) f.language = language;
    if (!network.empty()) f.network = network;
    f.genres = genres;
    Change change;
    auto series = s_.UpsertTitle(f, &change);
    if (!series.ok()) return Where(path, series.status());
    s_.Count(change);

    return Embedded(j, path, *series);
  }

 private:
  // The show's genres (names).
  static std::vector<std::string> Genres(const Json& j, const std::string& path, std::optional<Problem>& bad) {
    std::vector<std::string> genres;
    if (auto g = j.find("genres"); g != j.end() && !g->is_null()) {
      if (!g->is_array()) Fail(bad, path + ".genres", "must be an array of names");
      for (size_t i = 0; !bad && i < g->size(); ++i) {
        if (!(*g)[i].is_string() || Slugify((*g)[i].get<std::string>()).empty()) {
          Fail(bad, path + ".genres[" + std::to_string(i) + "]", "must be a genre name");
        } else {
          genres.push_back((*g)[i].get<std::string>());
        }
      }
    }
    return genres;
  }

  // The show's network (or web channel) and its country code.
  static void Network(const Json& j, const std::string& path, std::optional<Problem>& bad, std::string& network,
                      std::string& country) {
    for (const char* key : {"network", "webChannel"}) {
      auto n = j.find(key);
      if (bad || n == j.end() || n->is_null() || !network.empty()) continue;
      if (!n->is_object()) {
        Fail(bad, path + "." + key, "must be an object");
        continue;
      }
      network = Str(*n, "name", path + "." + key, bad);
      if (auto c = n->find("country"); c != n->end() && c->is_object()) country = Str(*c, "code", path + "." + key + ".country", bad);
    }
  }

  // The show's ids on other sites ("imdb", "thetvdb", "tvrage").
  static std::vector<std::pair<std::string, std::string>> Externals(const Json& j, const std::string& path,
                                                                    std::optional<Problem>& bad) {
    std::vector<std::pair<std::string, std::string>> ids;
    if (auto e = j.find("externals"); e != j.end() && e->is_object()) {
      for (const char* key : {"imdb", "thetvdb", "tvrage"}) {
        auto v = e->find(key);
        if (v == e->end() || v->is_null()) continue;
        if (v->is_number_integer()) ids.emplace_back(key, std::to_string(v->get<int64_t>()));
        else if (v->is_string() && !v->get<std::string>().empty()) ids.emplace_back(key, v->get<std::string>());
        else Fail(bad, path + ".externals." + key, "must be an id");
      }
    }
    return ids;
  }

  // The seasons, episodes, cast and crew embedded in a show, under series `series`.
  Status Embedded(const Json& j, const std::string& path, Id series) {
    const Json* embedded = nullptr;
    if (auto e = j.find("_embedded"); e != j.end() && e->is_object()) embedded = &*e;
    if (!embedded) return Status::Ok();
    const std::string ep = path + "._embedded";
    REEL_TRY(Each(*embedded, "seasons", ep, [&](const Json& s, const std::string& p) {
      return Season(s, p, series);
    }));
    REEL_TRY(Each(*embedded, "episodes", ep, [&](const Json& e, const std::string& p) {
      return Episode(e, p, series);
    }));
    REEL_TRY(Each(*embedded, "cast", ep, [&](const Json& c, const std::string& p) {
      return Cast(c, p, series);
    }));
    return Each(*embedded, "crew", ep, [&](const Json& c, const std::string& p) { return Crew(c, p, series); });
  }

  // Calls `fn` for each element of j[key] (an array when present); each element is
  // one row of the report, and a bad one is rejected or stops the import.
  Status Each(const Json& j, const char* key, const std::string& path,
              const std::function<Status(const Json&, const std::string&)>& fn) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return Status::Ok();
    if (!it->is_array()) return Error({path + "." + key, "must be an array"});
    for (size_t i = 0; i < it->size(); ++i) {
      ++s_.file().read;
      const std::string p = path + "." + key + "[" + std::to_string(i) + "]";
      bad_.reset();
      Status st = fn((*it)[i], p);
      if (st.ok()) continue;
      if (!bad_) return st;
      REEL_TRY(s_.Reject(file_, "column " + bad_->path + ": " + bad_->reason, (*it)[i].dump()));
    }
    return Status::Ok();
  }

  Status Season(const Json& j, const std::string& path, Id series) {
    auto number = Int(j, "number", path, bad_);
    auto id = IdOf(j, path, bad_);
    const std::string name = Name(j, path, bad_, false);
    const std::string summary = Str(j, "summary", path, bad_);
    auto release = Day(Str(j, "premiereDate", path, bad_), path + ".premiereDate", bad_);
    if (!bad_ && (!number || *number <= 0)) Fail(bad_, path + ".number", "must be a number above 0");
    Unseen(seasons_, "id " + std::to_string(id), path, "id", "id " + std::to_string(id), bad_);
    if (number) Unseen(seasons_, "n " + std::to_string(*number), path, "number", "season " + std::to_string(*number), bad_);
    if (bad_) return Error(*bad_);
    seasons_.emplace("id " + std::to_string(id), path);
    seasons_.emplace("n " + std::to_string(*number), path);
    Session::TitleFacts f;
    f.kind = TitleKind::kSeason;
    f.parent_id = series;
    f.number = *number;
    f.source = "tvmaze-season";
    f.id = std::to_string(id);
    if (!name.empty()) f.name = name;
    f.fallback_name = "Season " + std::to_string(*number);
    if (!summary.empty()) f.synopsis = HtmlToText(summary);
    if (release) f.release = release;
    return Write(f, path);
  }

  Status Episode(const Json& j, const std::string& path, Id series) {
    auto season = Int(j, "season", path, bad_);
    auto number = Int(j, "number", path, bad_);
    auto id = IdOf(j, path, bad_);
    const std::string name = Name(j, path, bad_, false);
    const std::string summary = Str(j, "summary", path, bad_);
    auto runtime = Int(j, "runtime", path, bad_);
    auto release = Day(Str(j, "airdate", path, bad_), path + ".airdate", bad_);
    auto aired = Instant(Str(j, "airstamp", path, bad_), path + ".airstamp", bad_);
    if (!bad_ && (!season || *season <= 0)) Fail(bad_, path + ".season", "must be a number above 0");
    const std::string numbered =
        number && *number > 0 && season ? "n " + std::to_string(*season) + "/" + std::to_string(*number) : "";
    Unseen(episodes_, "id " + std::to_string(id), path, "id", "id " + std::to_string(id), bad_);
    if (!numbered.empty()) {
      Unseen(episodes_, numbered, path, "number",
             "episode " + std::to_string(*number) + " of season " + std::to_string(*season), bad_);
    }
    if (bad_) return Error(*bad_);
    // Recorded before the writes: a row that fails to write stops the import anyway.
    episodes_.emplace("id " + std::to_string(id), path);
    if (!numbered.empty()) episodes_.emplace(numbered, path);
    if (!number || *number <= 0) {
      s_.CountSkipped();  // A special: reel numbers every episode.
      return Status::Ok();
    }
    Change sc;
    auto season_id = s_.EnsureSeason(series, *season, "tvmaze-season", &sc);
    if (!season_id.ok()) return Where(path, season_id.status());
    Session::TitleFacts f;
    f.kind = TitleKind::kEpisode;
    f.parent_id = *season_id;
    f.number = *number;
    f.source = "tvmaze-episode";
    f.id = std::to_string(id);
    if (!name.empty()) f.name = name;
    f.fallback_name = "Episode " + std::to_string(*number);
    if (!summary.empty()) f.synopsis = HtmlToText(summary);
    if (release) f.release = release;
    if (runtime && *runtime > 0) f.runtime_minutes = runtime;
    Change change;
    auto episode_id = s_.UpsertTitle(f, &change);
    if (!episode_id.ok()) return Where(path, episode_id.status());
    if (aired && release) {
      // airstamp is UTC: the instant is kept (shown in each reader's zone), airdate
      // is the day where it airs.
      ReleaseDate d;
      d.title_id = *episode_id;
      d.date = *release;
      d.precision = ReleasePrecision::kDayTime;
      d.instant = *aired;
      d.status = ReleaseStatus::kConfirmed;
      d.source = "tvmaze";
      auto up = s_.w().UpsertReleaseDateChecked(d);
      if (!up.ok()) return Where(path, up.status());
      change = WithDetail(change, up->change);
    }
    s_.Count(change);
    return Status::Ok();
  }

  Status Write(const Session::TitleFacts& f, const std::string& path) {
    Change change;
    auto id = s_.UpsertTitle(f, &change);
    if (!id.ok()) return Where(path, id.status());
    s_.Count(change);
    return Status::Ok();
  }

  Result<Id> PersonOf(const Json& j, const std::string& path, Change* change) {
    auto p = j.find("person");
    if (p == j.end() || !p->is_object()) return Error({path + ".person", "must be an object"});
    const std::string pp = path + ".person";
    auto id = IdOf(*p, pp, bad_);
    const std::string name = Str(*p, "name", pp, bad_, true);
    const std::string birthday = Str(*p, "birthday", pp, bad_);
    Person details;
    if (!bad_ && !birthday.empty()) {
      auto d = Date::Parse(birthday);
      if (!d.ok()) Fail(bad_, pp + ".birthday", d.status().message());
      else details.born = *d;
    }
    if (bad_) return Error(*bad_);
    auto person = s_.EnsurePerson(name, "tvmaze", std::to_string(id), change, &details);
    if (!person.ok()) return Where(path, person.status());
    return *person;
  }

  Status Cast(const Json& j, const std::string& path, Id series) {
    if (!j.is_object()) return Error({path, "must be an object"});
    std::string role;
    if (auto c = j.find("character"); c != j.end() && c->is_object()) role = Str(*c, "name", path + ".character", bad_);
    if (j.value("voice", false) && !role.empty()) role += " (voice)";
    if (bad_) return Error(*bad_);
    Change pc;
    REEL_ASSIGN_OR_RETURN(auto person, PersonOf(j, path, &pc));
    auto credit = s_.w().UpsertCreditChecked({0, series, person, CreditKind::kCast, role, order_++});
    if (!credit.ok()) return Where(path, credit.status());
    s_.Count(WithDetail(credit->change, pc));
    return Status::Ok();
  }

  Status Crew(const Json& j, const std::string& path, Id series) {
    if (!j.is_object()) return Error({path, "must be an object"});
    const std::string job = Str(j, "type", path, bad_, true);
    if (bad_) return Error(*bad_);
    Change pc;
    REEL_ASSIGN_OR_RETURN(auto person, PersonOf(j, path, &pc));
    auto credit = s_.w().UpsertCreditChecked({0, series, person, CreditKind::kCrew, job, order_++});
    if (!credit.ok()) return Where(path, credit.status());
    s_.Count(WithDetail(credit->change, pc));
    return Status::Ok();
  }

  // ---- Values ----

  static void Fail(std::optional<Problem>& bad, const std::string& path, const std::string& reason) {
    if (!bad) bad = Problem{path, reason};
  }

  static std::string Str(const Json& j, const char* key, const std::string& path, std::optional<Problem>& bad,
                         bool required = false) {
    if (bad) return "";
    if (!j.is_object()) {
      Fail(bad, path, "must be an object");
      return "";
    }
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
      if (required) Fail(bad, path + "." + key, "is required");
      return "";
    }
    if (!it->is_string()) {
      Fail(bad, path + "." + key, "must be a string");
      return "";
    }
    std::string v = it->get<std::string>();
    if (!IsValidUtf8(v)) Fail(bad, path + "." + key, "is not valid UTF-8");
    if (const size_t nul = v.find('\0'); nul != std::string::npos) {
      Fail(bad, path + "." + key, "holds a NUL byte (at offset " + std::to_string(nul) + ")");
    }
    if (required && Trim(v).empty()) Fail(bad, path + "." + key, "must not be empty");
    return v;
  }

  // A title's name: Str, at most kMaxTitleChars characters.
  static std::string Name(const Json& j, const std::string& path, std::optional<Problem>& bad, bool required) {
    std::string v = Str(j, "name", path, bad, required);
    if (std::string why = TitleNameProblem(v); !bad && !why.empty()) Fail(bad, path + ".name", why);
    return v;
  }

  // A key of the element at `path` met before (in `seen`, key -> where) is a problem
  // at `path`.`field` naming the first element that had it.
  static void Unseen(const std::map<std::string, std::string>& seen, const std::string& key, const std::string& path,
                     const char* field, const std::string& what, std::optional<Problem>& bad) {
    if (bad) return;
    if (auto it = seen.find(key); it != seen.end()) {
      Fail(bad, path + "." + field, "duplicate " + what + " (first at " + it->second + ")");
    }
  }

  static std::optional<int> Int(const Json& j, const char* key, const std::string& path, std::optional<Problem>& bad) {
    if (bad || !j.is_object()) return std::nullopt;
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer() || it->get<int64_t>() < 0 || it->get<int64_t>() > 1000000) {
      Fail(bad, path + "." + key, "must be a whole number");
      return std::nullopt;
    }
    return static_cast<int>(it->get<int64_t>());
  }

  static int64_t IdOf(const Json& j, const std::string& path, std::optional<Problem>& bad) {
    if (bad) return 0;
    auto it = j.is_object() ? j.find("id") : j.end();
    if (!j.is_object() || it == j.end() || !it->is_number_integer() || it->get<int64_t>() <= 0) {
      Fail(bad, path + ".id", "must be a TVmaze id (a whole number above 0)");
      return 0;
    }
    return it->get<int64_t>();
  }

  // TVmaze's airstamp, "2019-03-04T21:00:00+00:00" (always UTC), as Unix seconds.
  static std::optional<int64_t> Instant(const std::string& stamp, const std::string& path, std::optional<Problem>& bad) {
    if (bad || stamp.empty()) return std::nullopt;
    const bool utc = stamp.size() == 25 && stamp.compare(19, 6, "+00:00") == 0;
    auto t = utc ? ParseUtcTimestamp(stamp.substr(0, 19)) : Result<int64_t>(InvalidArgument(""));
    if (!t.ok()) {
      Fail(bad, path, "'" + stamp.substr(0, 40) + "' is not a UTC time such as 2019-03-04T21:00:00+00:00");
      return std::nullopt;
    }
    return *t;
  }

  static std::optional<FuzzyDate> Day(const std::string& iso, const std::string& path, std::optional<Problem>& bad) {
    if (bad || iso.empty()) return std::nullopt;
    auto d = Date::Parse(iso);
    if (!d.ok()) {
      Fail(bad, path, d.status().message());
      return std::nullopt;
    }
    return FuzzyDate{*d, DatePrecision::kDay};
  }

  Status Error(const Problem& p) {
    bad_ = p;
    return InvalidArgument(file_ + ": " + p.path + ": " + p.reason);
  }
  Status Where(const std::string& path, const Status& st) {
    return Status(st.code(), file_ + ": " + path + ": " + st.message());
  }

  Session& s_;
  const std::string file_;
  std::optional<Problem> bad_;  // The problem of the element being read.
  int order_ = 0;
  // Where each key was first met: shows of the file by id; seasons and episodes of
  // the show being read by id and by number.
  std::map<std::string, std::string> shows_, seasons_, episodes_;
};

}  // namespace

Status ImportTvmaze(Session& s, const std::vector<std::string>& paths) {
  for (const auto& path : paths) {
    REEL_ASSIGN_OR_RETURN(auto text, ReadMaybeGzipFile(path));
    REEL_TRY(CheckJsonDepth(text, path));
    Json doc;
    try {
      doc = Json::parse(text);
    } catch (const Json::parse_error& e) {
      const size_t upto = std::min<size_t>(e.byte, text.size());
      const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + upto, '\n'));
      return InvalidArgument(path + ":" + std::to_string(line) + ": not valid JSON: " + e.what());
    }
    s.StartFile(path, "show, seasons, episodes, cast, crew");
    Tvmaze importer(s, path);
    if (doc.is_array()) {
      for (size_t i = 0; i < doc.size(); ++i) {
        ++s.file().read;
        REEL_TRY(importer.Show(doc[i], "[" + std::to_string(i) + "]"));
      }
    } else if (doc.is_object()) {
      ++s.file().read;
      REEL_TRY(importer.Show(doc, "show"));
    } else {
      return InvalidArgument(path + ": a TVmaze show must be a JSON object (or an array of them)");
    }
  }
  return Status::Ok();
}

}  // namespace reel::ingest
