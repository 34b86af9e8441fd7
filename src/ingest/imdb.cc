// IMDb importer (`reel import imdb FILE...`), for IMDb's non-commercial datasets
// (https://developer.imdb.com/non-commercial-datasets/): tab-separated, UTF-8, one
// header line, "\N" for null, no quoting, optionally gzip-compressed. Files are told
// apart by their headers and read in this order, whatever order they are given in:
//
//   title.episode     tconst parentTconst seasonNumber episodeNumber
//                     -> where each episode goes (held in memory: 16 bytes a row)
//   title.basics      tconst titleType primaryTitle originalTitle isAdult startYear
//                     endYear runtimeMinutes genres
//                     -> films (movie, tvMovie, short, tvShort, tvSpecial, video),
//                        series (tvSeries, tvMiniSeries) and their episodes
//                        (tvEpisode, placed by title.episode under "Season N");
//                        other types (videoGame, tvPilot) are skipped
//   name.basics       nconst primaryName birthYear deathYear primaryProfession
//                     knownForTitles -> people (external id imdb "nm...")
//   title.principals  tconst ordering nconst category job characters
//                     -> cast (actor, actress, self; the character names) and crew
//                        (the job, else the category: "Director", "Writer"...)
//   title.ratings     tconst averageRating numVotes
//                     -> IMDb's published rating of the title, kept beside reel's
//                        own scores (Store::GetExternalRating), never mixed in
//
// Titles and people keep their IMDb ids as external ids ("imdb"), so films already
// imported from MovieLens links (or by hand, by name and year) are found again.
// Birth years have no place in reel (it keeps whole dates) and are only checked.
// An episode whose series comes later in title.basics waits until the end of the
// file; an episode without season or episode number, or whose series is not
// imported, is skipped, as are credits and ratings of titles not imported.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

#include "core/json_depth.h"
#include "core/text.h"
#include "ingest/import.h"

namespace reel::ingest {
namespace {

using Change = StoreWriter::Change;

constexpr const char* kSource = "imdb";
constexpr std::string_view kNull = "\\N";

enum class ImdbFile { kEpisode, kBasics, kNames, kPrincipals, kRatings };

struct Layout {
  ImdbFile kind;
  const char* name;
  std::vector<std::string> columns;  // As NormalName gives them (lowercase).
};

const std::vector<Layout>& Layouts() {
  static const std::vector<Layout> kLayouts = {
      {ImdbFile::kEpisode, "title.episode", {"tconst", "parenttconst", "seasonnumber", "episodenumber"}},
      {ImdbFile::kBasics,
       "title.basics",
       {"tconst", "titletype", "primarytitle", "originaltitle", "isadult", "startyear", "endyear", "runtimeminutes",
        "genres"}},
      {ImdbFile::kNames,
       "name.basics",
       {"nconst", "primaryname", "birthyear", "deathyear", "primaryprofession", "knownfortitles"}},
      {ImdbFile::kPrincipals, "title.principals", {"tconst", "ordering", "nconst", "category", "job", "characters"}},
      {ImdbFile::kRatings, "title.ratings", {"tconst", "averagerating", "numvotes"}},
  };
  return kLayouts;
}

// "tt0114709" -> 114709 (also for "nm").
std::optional<uint32_t> Number(std::string_view id, std::string_view prefix) {
  if (!id.starts_with(prefix) || id.size() < prefix.size() + 1) return std::nullopt;
  auto n = ParseInt(id.substr(prefix.size()));
  if (!n || *n <= 0 || *n > 0xFFFFFFFFll || id.find_first_not_of("0123456789", prefix.size()) != std::string_view::npos) {
    return std::nullopt;
  }
  return static_cast<uint32_t>(*n);
}

// "production_designer" -> "Production Designer".
std::string Capitalized(std::string_view s) {
  std::string out;
  bool start = true;
  for (char c : s) {
    if (c == '_') c = ' ';
    out.push_back(start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    start = c == ' ';
  }
  return out;
}

struct Placement {
  uint32_t tconst = 0, parent = 0;
  int32_t season = 0, episode = 0;  // 0: unknown.
};

struct PendingEpisode {
  std::string tconst, name;
  int year = 0, runtime = 0;
  Placement where;
  int line = 0;
};

class Imdb {
 public:
  explicit Imdb(Session& s) : s_(s) {}

  Status Run(const std::vector<std::string>& paths) {
    std::vector<std::pair<ImdbFile, std::string>> files;
    for (const auto& p : paths) {
      REEL_ASSIGN_OR_RETURN(auto kind, Classify(p));
      files.emplace_back(kind, p);
    }
    std::stable_sort(files.begin(), files.end(),
                     [](const auto& a, const auto& b) { return static_cast<int>(a.first) < static_cast<int>(b.first); });
    for (const auto& [kind, path] : files) {
      switch (kind) {
        case ImdbFile::kEpisode: REEL_TRY(Episodes(path)); break;
        case ImdbFile::kBasics: REEL_TRY(Basics(path)); break;
        case ImdbFile::kNames: REEL_TRY(Names(path)); break;
        case ImdbFile::kPrincipals: REEL_TRY(Principals(path)); break;
        case ImdbFile::kRatings: REEL_TRY(Ratings(path)); break;
      }
    }
    return Status::Ok();
  }

 private:
  // Rows keyed by the IMDb id in column 0 ("tt" or "nm"), and with `second`, by the
  // number in that column too (title.principals: a title's credit by its ordering).
  static FileSpec Tsv(const std::string& note, const char* prefix = "tt", int second = -1) {
    FileSpec spec;
    spec.delimiter = '\t';
    spec.quoting = Quoting::kNone;
    spec.note = note;
    spec.key = [prefix, second](const Row& row, RowKey* keys) -> size_t {
      auto id = Number(row[0], prefix);
      if (!id) return 0;
      keys[0] = {*id, 0};
      if (second >= 0) {
        auto n = ParseInt(row[second]);
        if (!n || *n < 0) return 0;
        keys[0].b = static_cast<uint64_t>(*n);
      }
      return 1;
    };
    spec.key_text = [prefix, second](const Row&, const RowKey& k) {
      char id[32];
      std::snprintf(id, sizeof id, "%s%07llu", prefix, static_cast<unsigned long long>(k.a));
      if (second >= 0) return "credit " + std::to_string(k.b) + " of " + id;
      return "id " + std::string(id);
    };
    spec.key_column = second >= 0 ? static_cast<size_t>(second) : 0;
    return spec;
  }

  Result<ImdbFile> Classify(const std::string& path) {
    REEL_ASSIGN_OR_RETURN(auto in, RecordStream::Open(path, '\t', Quoting::kNone));
    std::vector<std::string> header;
    REEL_TRY(in->Next(&header));
    std::string joined;
    for (auto& h : header) {
      std::string l;
      for (char c : Trim(h)) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      h = l;
      joined += (joined.empty() ? "" : " ") + l;
    }
    std::string known;
    for (const auto& l : Layouts()) {
      if (header == l.columns) return l.kind;
      known += std::string(known.empty() ? "" : ", ") + l.name;
    }
    return InvalidArgument(path + ":1: not an IMDb dataset file: the header is '" + joined + "' (known: " + known +
                           ")");
  }

  static Status CheckHeader(std::vector<std::string>& h, ImdbFile kind) {
    for (const auto& l : Layouts()) {
      if (l.kind == kind && h == l.columns) return Status::Ok();
    }
    return InvalidArgument("unexpected header");
  }

  // A column that may be "\N": nullopt for null, else a whole number in [lo, hi].
  static Result<std::optional<int64_t>> OptInt(Row& row, size_t col, int64_t lo, int64_t hi) {
    if (row[col] == kNull) return std::optional<int64_t>();
    auto v = ParseInt(row[col]);
    if (!v || *v < lo || *v > hi) {
      return row.Bad(col, "'" + row[col] + "' is not \\N or a whole number from " + std::to_string(lo) + " to " +
                              std::to_string(hi));
    }
    return std::optional<int64_t>(*v);
  }

  // title.episode: where each episode goes, sorted by tconst for lookups.
  Status Episodes(const std::string& path) {
    FileSpec spec = Tsv("episode numbers, used by title.basics");
    Status st = s_.ForEachRow(
        path, spec, [](auto& h) { return CheckHeader(h, ImdbFile::kEpisode); },
        [&](Row& row) -> Status {
          auto t = Number(row[0], "tt");
          if (!t) return row.Bad(0, "'" + row[0] + "' is not an IMDb title id like tt0000001");
          auto parent = Number(row[1], "tt");
          if (!parent) return row.Bad(1, "'" + row[1] + "' is not an IMDb title id like tt0000001");
          REEL_ASSIGN_OR_RETURN(auto season, OptInt(row, 2, 0, 100000));
          REEL_ASSIGN_OR_RETURN(auto episode, OptInt(row, 3, 0, 1000000));
          placements_.push_back({*t, *parent, static_cast<int32_t>(season.value_or(0)),
                                 static_cast<int32_t>(episode.value_or(0))});
          return Status::Ok();
        });
    std::sort(placements_.begin(), placements_.end(),
              [](const Placement& a, const Placement& b) { return a.tconst < b.tconst; });
    return st;
  }

  const Placement* PlacementOf(uint32_t tconst) const {
    auto it = std::lower_bound(placements_.begin(), placements_.end(), tconst,
                               [](const Placement& p, uint32_t t) { return p.tconst < t; });
    return it != placements_.end() && it->tconst == tconst ? &*it : nullptr;
  }

  static std::optional<TitleKind> KindOf(std::string_view type) {
    for (const char* film : {"movie", "tvMovie", "short", "tvShort", "tvSpecial", "video"}) {
      if (type == film) return TitleKind::kFilm;
    }
    if (type == "tvSeries" || type == "tvMiniSeries") return TitleKind::kSeries;
    if (type == "tvEpisode") return TitleKind::kEpisode;
    return std::nullopt;
  }

  // title.basics: films and series at once, episodes once their series is stored.
  Status Basics(const std::string& path) {
    std::vector<PendingEpisode> waiting;
    Status st = s_.ForEachRow(
        path, Tsv("titles"), [](auto& h) { return CheckHeader(h, ImdbFile::kBasics); },
        [&](Row& row) -> Status {
          auto t = Number(row[0], "tt");
          if (!t) return row.Bad(0, "'" + row[0] + "' is not an IMDb title id like tt0000001");
          if (row[1].empty() || row[1] == kNull) return row.Bad(1, "is empty");
          if (Trim(row[2]).empty() || row[2] == kNull) return row.Bad(2, "is empty");
          if (row[4] != "0" && row[4] != "1") return row.Bad(4, "'" + row[4] + "' is not 0 or 1");
          REEL_ASSIGN_OR_RETURN(auto start, OptInt(row, 5, 1800, 2200));
          REEL_ASSIGN_OR_RETURN(auto end, OptInt(row, 6, 1800, 2200));
          REEL_ASSIGN_OR_RETURN(auto runtime, OptInt(row, 7, 0, 100000));
          std::vector<std::string> genres;
          if (row[8] != kNull) genres = SplitTrim(row[8], ",");
          for (const auto& g : genres) {
            if (Slugify(g).empty()) return row.Bad(8, "genre '" + g + "' has no letters or digits");
          }
          const auto kind = KindOf(row[1]);
          if (!kind) {
            s_.CountSkipped();
            return Status::Ok();
          }
          const std::string name(Trim(row[2]));
          if (std::string why = TitleNameProblem(name); !why.empty()) return row.Bad(2, why);
          if (*kind == TitleKind::kEpisode) {
            const Placement* where = PlacementOf(*t);
            if (!where || !where->season || !where->episode) {
              s_.CountSkipped();
              return Status::Ok();
            }
            PendingEpisode e{row[0], name, static_cast<int>(start.value_or(0)),
                             static_cast<int>(runtime.value_or(0)), *where, row.line()};
            REEL_ASSIGN_OR_RETURN(auto placed, PlaceEpisode(e));
            if (!placed) waiting.push_back(std::move(e));
            return Status::Ok();
          }
          Session::TitleFacts f;
          f.kind = *kind;
          f.source = kSource;
          f.id = row[0];
          f.name = name;
          if (start) f.release = FuzzyDate{Date{static_cast<int>(*start), 1, 1}, DatePrecision::kYear};
          if (end && *kind == TitleKind::kSeries) f.end_year = static_cast<int>(*end);
          if (runtime) f.runtime_minutes = static_cast<int>(*runtime);
          f.genres = genres;
          Change change;
          REEL_TRY(s_.UpsertTitle(f, &change));
          s_.Count(change);
          return Status::Ok();
        });
    REEL_TRY(st);
    for (const auto& e : waiting) {
      auto placed = PlaceEpisode(e);
      if (!placed.ok()) return StoreFailure(path, e.line, placed.status());
      if (!*placed) s_.CountSkipped();  // Its series is not imported.
    }
    return Status::Ok();
  }

  // Writes an episode under its series; false when the series is not stored (yet).
  Result<bool> PlaceEpisode(const PendingEpisode& e) {
    char parent[16];
    std::snprintf(parent, sizeof parent, "tt%07u", e.where.parent);
    REEL_ASSIGN_OR_RETURN(auto series, s_.w().FindTitleIdByExternalId(kSource, parent));
    if (!series) return false;
    REEL_ASSIGN_OR_RETURN(auto stored, IfFound(s_.w().GetTitle(*series)));
    if (!stored || stored->kind != TitleKind::kSeries) return false;
    Change sc;
    REEL_ASSIGN_OR_RETURN(auto season, s_.EnsureSeason(*series, e.where.season, kSource, &sc));
    Session::TitleFacts f;
    f.kind = TitleKind::kEpisode;
    f.parent_id = season;
    f.number = e.where.episode;
    f.source = kSource;
    f.id = e.tconst;
    f.name = e.name;
    if (e.year) f.release = FuzzyDate{Date{e.year, 1, 1}, DatePrecision::kYear};
    if (e.runtime) f.runtime_minutes = e.runtime;
    Change change;
    REEL_TRY(s_.UpsertTitle(f, &change));
    s_.Count(change);
    return true;
  }

  // name.basics: people.
  Status Names(const std::string& path) {
    return s_.ForEachRow(
        path, Tsv("people", "nm"), [](auto& h) { return CheckHeader(h, ImdbFile::kNames); },
        [&](Row& row) -> Status {
          if (!Number(row[0], "nm")) return row.Bad(0, "'" + row[0] + "' is not an IMDb name id like nm0000001");
          const std::string name(Trim(row[1]));
          if (name.empty() || name == kNull) return row.Bad(1, "is empty");
          REEL_TRY(OptInt(row, 2, 1, 2200));
          REEL_TRY(OptInt(row, 3, 1, 2200));
          Change change;
          REEL_TRY(s_.EnsurePerson(name, kSource, row[0], &change));
          s_.Count(change);
          return Status::Ok();
        });
  }

  // The stored title of an IMDb id (the last one asked for is cached: principals
  // come grouped by title).
  Result<std::optional<Id>> TitleOf(const std::string& tconst) {
    if (tconst == last_tconst_) return last_title_;
    REEL_ASSIGN_OR_RETURN(auto id, s_.w().FindTitleIdByExternalId(kSource, tconst));
    last_tconst_ = tconst;
    last_title_ = id;
    return id;
  }

  // title.principals: cast and crew.
  Status Principals(const std::string& path) {
    return s_.ForEachRow(
        path, Tsv("credits", "tt", 1), [](auto& h) { return CheckHeader(h, ImdbFile::kPrincipals); },
        [&](Row& row) -> Status {
          if (!Number(row[0], "tt")) return row.Bad(0, "'" + row[0] + "' is not an IMDb title id like tt0000001");
          auto ordering = ParseInt(row[1]);
          if (!ordering || *ordering < 0 || *ordering > 100000) return row.Bad(1, "'" + row[1] + "' is not a number");
          if (!Number(row[2], "nm")) return row.Bad(2, "'" + row[2] + "' is not an IMDb name id like nm0000001");
          if (row[3].empty() || row[3] == kNull) return row.Bad(3, "is empty");
          std::vector<std::string> characters;
          if (row[5] != kNull) {
            if (!CheckJsonDepth(row[5], "characters", 8).ok()) {
              return row.Bad(5, "'" + row[5].substr(0, 64) + "...' is not \\N or a JSON array of names");
            }
            nlohmann::json j = nlohmann::json::parse(row[5], nullptr, /*allow_exceptions=*/false);
            if (!j.is_array()) return row.Bad(5, "'" + row[5] + "' is not \\N or a JSON array of names");
            for (const auto& c : j) {
              if (!c.is_string()) return row.Bad(5, "'" + row[5] + "' is not \\N or a JSON array of names");
              characters.push_back(c.get<std::string>());
            }
          }
          const bool cast = row[3] == "actor" || row[3] == "actress" || row[3] == "self";
          std::string role;
          if (cast) {
            for (const auto& c : characters) role += (role.empty() ? "" : " / ") + c;
            if (role.empty() && row[3] == "self") role = "Self";
          } else {
            role = Capitalized(row[4] != kNull && !row[4].empty() ? row[4] : row[3]);
          }
          REEL_ASSIGN_OR_RETURN(auto title, TitleOf(row[0]));
          REEL_ASSIGN_OR_RETURN(auto person, s_.w().FindPersonIdByExternalId(kSource, row[2]));
          if (!title || !person) {
            s_.CountSkipped();  // The title or the person is not imported.
            return Status::Ok();
          }
          REEL_ASSIGN_OR_RETURN(
              auto credit,
              s_.w().UpsertCreditChecked({0, *title, *person, cast ? CreditKind::kCast : CreditKind::kCrew,
                                          role, static_cast<int>(*ordering)}));
          s_.Count(credit.change);
          return Status::Ok();
        });
  }

  // title.ratings: IMDb's own average and vote count.
  Status Ratings(const std::string& path) {
    return s_.ForEachRow(
        path, Tsv("IMDb ratings"), [](auto& h) { return CheckHeader(h, ImdbFile::kRatings); },
        [&](Row& row) -> Status {
          if (!Number(row[0], "tt")) return row.Bad(0, "'" + row[0] + "' is not an IMDb title id like tt0000001");
          auto avg = ParseDouble(row[1]);
          if (!avg || *avg < 1 || *avg > 10) return row.Bad(1, "'" + row[1] + "' is not a rating from 1 to 10");
          auto votes = ParseInt(row[2]);
          if (!votes || *votes < 0) return row.Bad(2, "'" + row[2] + "' is not a vote count");
          REEL_ASSIGN_OR_RETURN(auto title, TitleOf(row[0]));
          if (!title) {
            s_.CountSkipped();
            return Status::Ok();
          }
          REEL_ASSIGN_OR_RETURN(auto c, s_.w().SetExternalRating(*title, kSource, *avg, *votes));
          s_.Count(c);
          return Status::Ok();
        });
  }

  Session& s_;
  std::vector<Placement> placements_;
  std::string last_tconst_;
  std::optional<Id> last_title_;
};

}  // namespace

Status ImportImdb(Session& s, const std::vector<std::string>& paths) { return Imdb(s).Run(paths); }

}  // namespace reel::ingest
