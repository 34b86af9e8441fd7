// MovieLens importer (`reel import movielens`), for GroupLens's two layouts:
//
//  * ml-latest(-small): CSV with headers, told apart by them.
//      movies.csv   movieId,title,genres        -> films ("Toy Story (1995)": name and
//                                                  year; genres split on '|';
//                                                  "(no genres listed)" is none)
//      links.csv    movieId,imdbId,tmdbId       -> external ids imdb "tt0114709", tmdb
//      ratings.csv  userId,movieId,rating,timestamp -> ratings by users "movielens:ID"
//      tags.csv     userId,movieId,tag,timestamp    -> tags
//  * ml-100k: u.item ('|'-separated, Latin-1: id|title|release date|video release
//    date|IMDb URL|19 genre flags) and u.data (tab-separated user, item, rating,
//    timestamp; also u1.base, ua.test...). Its ids are not ml-latest's, so its films
//    carry the source "movielens-100k" and its users are "movielens-100k:ID".
//
// Films are matched by their MovieLens id, else by their IMDb id from links.csv,
// else by name and year (see Session::UpsertTitle). Files are processed movies
// first, then links, ratings and tags, whatever order they are given in. A rating
// made before its film's release year is kept as pre-release (not counted), as the
// scoring rules want. Ratings go to the store in batches of 131,072.
#include <algorithm>
#include <filesystem>
#include <unordered_map>

#include "core/text.h"
#include "ingest/import.h"

namespace reel::ingest {
namespace {

using Change = StoreWriter::Change;

enum class MlFile { kMovies, kLinks, kRatings, kTags, kItems100k, kData100k };

constexpr size_t kRatingBatch = 1 << 17;

const char* kMlSource = "movielens";
const char* kMl100kSource = "movielens-100k";

// The genres of u.item's flags, in order ("unknown" is none; "Children's" is named
// as ml-latest names it).
constexpr const char* kGenres100k[] = {"", "Action", "Adventure", "Animation", "Children", "Comedy", "Crime",
                                       "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
                                       "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"};

struct NameYear {
  std::string name;
  int year = 0;
};

// Articles MovieLens moves to the end of a title ("Matrix, The").
constexpr const char* kArticles[] = {"The", "A", "An", "Les", "La", "Le", "L'", "Il", "Der", "Die", "Das",
                                     "El", "Los", "Las", "Un", "Une", "Lo", "Gli", "Det", "Den"};

// "City of Lost Children, The (Cité des enfants perdus, La)" -> "The City of Lost
// Children (Cité des enfants perdus, La)": the article of the main title goes back
// to the front; alternative titles in parentheses stay as they are.
std::string ArticleFirst(std::string_view name) {
  const size_t paren = name.find(" (");
  std::string_view main = name.substr(0, paren), rest = paren == std::string_view::npos ? "" : name.substr(paren);
  for (const char* a : kArticles) {
    const std::string suffix = std::string(", ") + a;
    if (main.size() > suffix.size() && main.ends_with(suffix)) {
      const std::string_view article = a;
      const std::string_view body = main.substr(0, main.size() - suffix.size());
      return std::string(article) + (article.ends_with("'") ? "" : " ") + std::string(body) + std::string(rest);
    }
  }
  return std::string(name);
}

// "Toy Story (1995)" -> {"Toy Story", 1995}; "Death Note (2006–2007)" -> 2006; a
// title without a year keeps its whole text.
NameYear SplitTitle(std::string_view raw) {
  std::string_view t = Trim(raw);
  NameYear out;
  if (t.ends_with(")")) {
    const size_t open = t.rfind('(');
    if (open != std::string_view::npos) {
      std::string_view inside = t.substr(open + 1, t.size() - open - 2);
      std::string_view digits = inside.substr(0, std::min<size_t>(4, inside.size()));
      std::string_view after = inside.substr(digits.size());
      const bool range = after.empty() || after.starts_with("-") || after.starts_with("\xE2\x80\x93");
      auto year = digits.size() == 4 ? ParseInt(digits) : std::nullopt;
      if (year && *year >= 1800 && *year <= 2200 && range) {
        out.year = static_cast<int>(*year);
        t = Trim(t.substr(0, open));
      }
    }
  }
  out.name = ArticleFirst(t);
  return out;
}

// "01-Jan-1995".
std::optional<Date> ParseDayMonYear(std::string_view s) {
  static constexpr const char* kMon[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
  if (s.size() != 11 || s[2] != '-' || s[6] != '-') return std::nullopt;
  auto day = ParseInt(s.substr(0, 2));
  auto year = ParseInt(s.substr(7, 4));
  std::string mon;
  for (char c : s.substr(3, 3)) mon.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  int m = 0;
  for (int i = 0; i < 12; ++i) {
    if (mon == kMon[i]) m = i + 1;
  }
  if (!day || !year || !m || !IsValidDate(static_cast<int>(*year), m, static_cast<int>(*day))) return std::nullopt;
  return Date{static_cast<int>(*year), m, static_cast<int>(*day)};
}

struct FilmRef {
  Id id = 0;
  std::optional<Date> release;  // First day of the release period.
};

class MovieLens {
 public:
  explicit MovieLens(Session& s) : s_(s) {}

  Status Run(const std::vector<std::string>& paths) {
    std::vector<std::pair<MlFile, std::string>> files;
    for (const auto& p : paths) {
      REEL_ASSIGN_OR_RETURN(auto kind, Classify(p));
      files.emplace_back(kind, p);
    }
    std::stable_sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
      auto order = [](MlFile k) {
        switch (k) {
          case MlFile::kMovies: case MlFile::kItems100k: return 0;
          case MlFile::kLinks: return 1;
          case MlFile::kRatings: case MlFile::kData100k: return 2;
          case MlFile::kTags: return 3;
        }
        return 4;
      };
      return order(a.first) < order(b.first);
    });
    // IMDb ids of links.csv help match films stored from elsewhere.
    for (const auto& [kind, path] : files) {
      if (kind == MlFile::kLinks) REEL_TRY(ReadLinks(path, /*write=*/false));
    }
    for (const auto& [kind, path] : files) {
      switch (kind) {
        case MlFile::kMovies: REEL_TRY(Movies(path)); break;
        case MlFile::kItems100k: REEL_TRY(Items100k(path)); break;
        case MlFile::kLinks: REEL_TRY(ReadLinks(path, /*write=*/true)); break;
        case MlFile::kRatings: REEL_TRY(Ratings(path, kMlSource, ',', Quoting::kRfc4180)); break;
        case MlFile::kData100k: REEL_TRY(Ratings(path, kMl100kSource, '\t', Quoting::kNone)); break;
        case MlFile::kTags: REEL_TRY(Tags(path)); break;
      }
    }
    return Status::Ok();
  }

 private:
  static constexpr const char* kMoviesHeader = "movieid,title,genres";
  static constexpr const char* kRatingsHeader = "userid,movieid,rating,timestamp";
  static constexpr const char* kTagsHeader = "userid,movieid,tag,timestamp";
  static constexpr const char* kLinksHeader = "movieid,imdbid,tmdbid";

  static std::string Joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
    return out;
  }

  // What a file holds: ml-100k files by name, ml-latest files by header.
  Result<MlFile> Classify(const std::string& path) {
    const std::string name = std::filesystem::path(path).filename().string();
    if (name == "u.item") return MlFile::kItems100k;
    if (name == "u.data" || name.ends_with(".base") || name.ends_with(".test")) return MlFile::kData100k;
    REEL_ASSIGN_OR_RETURN(auto in, RecordStream::Open(path, ',', Quoting::kRfc4180));
    std::vector<std::string> header;
    REEL_TRY(in->Next(&header));
    std::vector<std::string> lower;
    for (const auto& h : header) {
      std::string l;
      for (char c : Trim(h)) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      lower.push_back(l);
    }
    const std::string joined = Joined(lower);
    if (joined == kMoviesHeader) return MlFile::kMovies;
    if (joined == kRatingsHeader) return MlFile::kRatings;
    if (joined == kTagsHeader) return MlFile::kTags;
    if (joined == kLinksHeader) return MlFile::kLinks;
    return InvalidArgument(path + ":1: not a MovieLens file: the header is '" + Joined(header) +
                           "' (expected movieId,title,genres or userId,movieId,rating,timestamp or "
                           "userId,movieId,tag,timestamp or movieId,imdbId,tmdbId; or u.item, u.data)");
  }

  static FileSpec Csv(const std::string& note) {
    FileSpec spec;
    spec.note = note;
    return spec;
  }

  // Keys: a film's id (movies, links) in column 0.
  static void KeyedByFilm(FileSpec& spec) { KeyByIdInColumn(spec, 0); }

  // A user's rating of a film (columns 0 and 1).
  static void KeyedByUserAndFilm(FileSpec& spec) {
    spec.key = [](const Row& row, RowKey* keys) -> size_t {
      auto user = ParseInt(row[0]);
      auto movie = ParseInt(row[1]);
      if (!user || !movie || *user <= 0 || *movie <= 0) return 0;
      keys[0] = {static_cast<uint64_t>(*user), static_cast<uint64_t>(*movie)};
      return 1;
    };
    spec.key_text = [](const Row&, const RowKey& k) {
      return "rating of film " + std::to_string(k.b) + " by user " + std::to_string(k.a);
    };
    spec.key_column = 1;
  }

  // The name and year of a film in column `col`, as SplitTitle gives them, when the
  // name is a good one.
  static Result<NameYear> FilmName(Row& row, size_t col) {
    if (Trim(row[col]).empty()) return row.Bad(col, "is empty");
    NameYear title = SplitTitle(row[col]);
    if (std::string why = TitleNameProblem(title.name); !why.empty()) return row.Bad(col, why);
    return title;
  }

  static Result<int64_t> PositiveInt(Row& row, size_t col) {
    auto v = ParseInt(row[col]);
    if (!v || *v <= 0) return row.Bad(col, "'" + row[col] + "' is not a positive whole number");
    return *v;
  }

  // Movies (ml-latest): movieId,title,genres.
  Status Movies(const std::string& path) {
    FileSpec spec = Csv("films");
    KeyedByFilm(spec);
    return s_.ForEachRow(path, spec, nullptr, [&](Row& row) -> Status {
      REEL_ASSIGN_OR_RETURN(auto movie, PositiveInt(row, 0));
      REEL_ASSIGN_OR_RETURN(const NameYear title, FilmName(row, 1));
      std::vector<std::string> genres;
      if (row[2] != "(no genres listed)") genres = SplitTrim(row[2], "|");
      for (const auto& g : genres) {
        if (Slugify(g).empty()) return row.Bad(2, "genre '" + g + "' has no letters or digits");
      }
      return Film(row, kMlSource, movie, title, std::nullopt, genres);
    });
  }

  // u.item (ml-100k): id|title|release date|video release date|IMDb URL|19 flags.
  Status Items100k(const std::string& path) {
    FileSpec spec;
    spec.delimiter = '|';
    spec.quoting = Quoting::kNone;
    spec.header = false;
    spec.columns = {"movie id", "movie title", "release date", "video release date", "IMDb URL"};
    for (const char* g : {"unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
                          "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance",
                          "Sci-Fi", "Thriller", "War", "Western"}) {
      spec.columns.push_back(g);
    }
    spec.note = "films";
    KeyedByFilm(spec);
    return s_.ForEachRow(path, spec, nullptr, [&](Row& row) -> Status {
      REEL_ASSIGN_OR_RETURN(auto movie, PositiveInt(row, 0));
      REEL_ASSIGN_OR_RETURN(const NameYear title, FilmName(row, 1));
      std::optional<FuzzyDate> release;
      if (!row[2].empty()) {
        auto d = ParseDayMonYear(row[2]);
        if (!d) return row.Bad(2, "'" + row[2] + "' is not a date like 01-Jan-1995");
        // MovieLens writes 1 January for films it knows only the year of.
        release = FuzzyDate{*d, d->month == 1 && d->day == 1 ? DatePrecision::kYear : DatePrecision::kDay};
      }
      std::vector<std::string> genres;
      for (size_t i = 0; i < 19; ++i) {
        const std::string& flag = row[5 + i];
        if (flag != "0" && flag != "1") return row.Bad(5 + i, "'" + flag + "' is not 0 or 1");
        if (flag == "1" && *kGenres100k[i]) genres.push_back(kGenres100k[i]);
      }
      return Film(row, kMl100kSource, movie, title, release, genres);
    });
  }

  Status Film(Row& row, const char* source, int64_t movie, const NameYear& title,
              std::optional<FuzzyDate> release, const std::vector<std::string>& genres) {
    Session::TitleFacts f;
    f.kind = TitleKind::kFilm;
    f.source = source;
    f.id = std::to_string(movie);
    f.name = title.name;
    if (!release && title.year) release = FuzzyDate{Date{title.year, 1, 1}, DatePrecision::kYear};
    if (release) f.release = release;
    f.genres = genres;
    if (auto it = imdb_.find(movie); it != imdb_.end() && source == std::string_view(kMlSource)) {
      f.match_ids.emplace_back("imdb", it->second);
    }
    Change change;
    REEL_ASSIGN_OR_RETURN(auto id, s_.UpsertTitle(f, &change));
    Films(source)[movie] = FilmRef{id, release ? std::optional<Date>(release->start) : std::nullopt};
    s_.Count(change);
    return Status::Ok();
  }

  // links.csv: movieId,imdbId,tmdbId. Read first (write = false) to learn the IMDb
  // ids, then (write = true) to store them.
  Status ReadLinks(const std::string& path, bool write) {
    FileSpec spec = Csv("external ids");
    KeyedByFilm(spec);
    return s_.ForEachRow(
        path, spec, nullptr,
        [&](Row& row) -> Status {
          REEL_ASSIGN_OR_RETURN(auto movie, PositiveInt(row, 0));
          std::string imdb, tmdb;
          if (!row[1].empty()) {
            auto n = ParseInt(row[1]);
            if (!n || *n <= 0 || row[1].find_first_not_of("0123456789") != std::string::npos) {
              return row.Bad(1, "'" + row[1] + "' is not an IMDb number");
            }
            imdb = std::to_string(*n);
            if (imdb.size() < 7) imdb.insert(0, 7 - imdb.size(), '0');
            imdb = "tt" + imdb;
          }
          if (!row[2].empty()) {
            auto n = ParseInt(row[2]);
            if (!n || *n <= 0) return row.Bad(2, "'" + row[2] + "' is not a TMDB number");
            tmdb = std::to_string(*n);
          }
          if (!write) {
            if (!imdb.empty()) imdb_.emplace(movie, imdb);  // A duplicate row is refused when written.
            return Status::Ok();
          }
          REEL_ASSIGN_OR_RETURN(auto film, FilmFor(kMlSource, movie));
          if (!film) return row.Bad(0, "no film has MovieLens id " + row[0] + " (import movies.csv with it)");
          // An id another film holds stays with it (ml-latest-small gives TMDB 4912 to
          // both of its "Confessions of a Dangerous Mind (2002)"): the row is counted
          // as skipped, so importing it again is stable.
          Change change = Change::kUnchanged;
          bool clash = false;
          for (const auto& [src, value] : {std::pair<const char*, std::string>{"imdb", imdb}, {"tmdb", tmdb}}) {
            if (value.empty()) continue;
            REEL_ASSIGN_OR_RETURN(auto owner, s_.w().FindTitleIdByExternalId(src, value));
            if (owner && *owner != film->id) {
              clash = true;
              continue;
            }
            REEL_ASSIGN_OR_RETURN(auto c, s_.w().SetTitleExternalId(film->id, src, value));
            change = Worst(change, c);
          }
          if (clash) {
            s_.CountSkipped();
          } else {
            s_.Count(change);
          }
          return Status::Ok();
        },
        write);
  }

  std::unordered_map<int64_t, FilmRef>& Films(const char* source) {
    return films_[source == std::string_view(kMlSource) ? 0 : 1];
  }

  // The film a source's movie id names, from this import or an earlier one.
  Result<const FilmRef*> FilmFor(const char* source, int64_t movie) {
    auto& films = Films(source);
    if (auto it = films.find(movie); it != films.end()) return &it->second;
    REEL_ASSIGN_OR_RETURN(auto id, s_.w().FindTitleIdByExternalId(source, std::to_string(movie)));
    if (!id) return static_cast<const FilmRef*>(nullptr);
    REEL_ASSIGN_OR_RETURN(auto t, IfFound(s_.w().GetTitle(*id)));
    FilmRef ref{*id, std::nullopt};
    if (t && t->release) ref.release = t->release->start;
    return &(films[movie] = ref);
  }

  // The user "SOURCE:ID", made on first sight (with the time of that first row).
  Result<Id> UserFor(const char* source, int64_t user, const std::string& when) {
    auto& users = users_[source == std::string_view(kMlSource) ? 0 : 1];
    if (auto it = users.find(user); it != users.end()) return it->second;
    User u;
    u.username = std::string(source) + ":" + std::to_string(user);
    u.display_name = std::string(source == std::string_view(kMlSource) ? "MovieLens" : "MovieLens 100k") +
                     " user " + std::to_string(user);
    u.created_at = when;
    REEL_ASSIGN_OR_RETURN(auto up, s_.w().EnsureUser(u));
    return users[user] = up.id;
  }

  // ratings.csv (userId,movieId,rating,timestamp) or u.data (the same, tab-separated,
  // whole stars, no header).
  Status Ratings(const std::string& path, const char* source, char delimiter, Quoting quoting) {
    FileSpec spec = Csv("ratings");
    spec.delimiter = delimiter;
    spec.quoting = quoting;
    if (quoting == Quoting::kNone) {
      spec.header = false;
      spec.columns = {"user id", "item id", "rating", "timestamp"};
    }
    KeyedByUserAndFilm(spec);
    // About 20 bytes a row (plain) or 5 (gzip): many rows load faster without the
    // ratings indexes the store can rebuild in one go.
    std::error_code ec;
    const auto bytes = static_cast<int64_t>(std::filesystem::file_size(path, ec));
    const bool gz = path.ends_with(".gz");
    REEL_TRY(s_.w().BeginBulkRatings(ec ? 0 : bytes / (gz ? 5 : 20)));
    Status st = s_.ForEachRow(path, spec, nullptr, [&](Row& row) -> Status {
      REEL_ASSIGN_OR_RETURN(auto user, PositiveInt(row, 0));
      REEL_ASSIGN_OR_RETURN(auto movie, PositiveInt(row, 1));
      auto stars = ParseDouble(row[2]);
      if (!stars || *stars < 0.5 || *stars > 5 || *stars * 2 != static_cast<int>(*stars * 2)) {
        return row.Bad(2, "'" + row[2] + "' is not 0.5 to 5 stars in halves");
      }
      auto ts = ParseInt(row[3]);
      if (!ts || *ts < 0 || *ts > 253402300799) return row.Bad(3, "'" + row[3] + "' is not a Unix time");
      REEL_ASSIGN_OR_RETURN(auto film, FilmFor(source, movie));
      if (!film) {
        return row.Bad(1, "no film has " + std::string(source) + " id " + row[1] + " (import its movies with it)");
      }
      const std::string when = IsoUtcFromUnix(*ts);
      REEL_ASSIGN_OR_RETURN(auto uid, UserFor(source, user, when));
      Rating r;
      r.user_id = uid;
      r.title_id = film->id;
      r.stars = *stars;
      r.created_at = when;
      if (film->release && DateFromUnix(*ts) < *film->release) r.status = RatingStatus::kPreRelease;
      batch_.push_back(std::move(r));
      if (batch_.size() >= kRatingBatch) return Flush();
      return Status::Ok();
    });
    REEL_TRY(st);
    Status flushed = Flush();
    if (s_.file().read >= 100000) s_.Say(s_.file().path + ": updating scores and rebuilding indexes");
    if (flushed.ok()) flushed = s_.w().EndBulkRatings();
    return flushed.ok() ? flushed : StoreFailure(path, 0, flushed);
  }

  Status Flush() {
    if (batch_.empty()) return Status::Ok();
    changes_.clear();
    REEL_TRY(s_.w().UpsertRatingsChecked(batch_, &changes_));
    for (Change c : changes_) s_.Count(c);
    batch_.clear();
    return Status::Ok();
  }

  // tags.csv: userId,movieId,tag,timestamp.
  Status Tags(const std::string& path) {
    FileSpec spec = Csv("tags");
    // A user's tag of a film: the user and film ids, and the tag's text hashed.
    spec.key = [](const Row& row, RowKey* keys) -> size_t {
      auto user = ParseInt(row[0]);
      auto movie = ParseInt(row[1]);
      const std::string_view tag = Trim(row[2]);
      if (!user || !movie || *user <= 0 || *movie <= 0 || *user >= (1ll << 32) || *movie >= (1ll << 32) ||
          tag.empty()) {
        return 0;
      }
      uint64_t h = 1469598103934665603ull;
      for (char c : tag) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
      keys[0] = {static_cast<uint64_t>(*user) << 32 | static_cast<uint64_t>(*movie), h};
      return 1;
    };
    spec.key_text = [](const Row& row, const RowKey& k) {
      return "tag '" + std::string(Trim(row[2])) + "' of film " + std::to_string(k.a & 0xffffffffu) + " by user " +
             std::to_string(k.a >> 32);
    };
    spec.key_column = 2;
    return s_.ForEachRow(path, spec, nullptr, [&](Row& row) -> Status {
      REEL_ASSIGN_OR_RETURN(auto user, PositiveInt(row, 0));
      REEL_ASSIGN_OR_RETURN(auto movie, PositiveInt(row, 1));
      const std::string tag(Trim(row[2]));
      if (tag.empty()) return row.Bad(2, "is empty");
      auto ts = ParseInt(row[3]);
      if (!ts || *ts < 0 || *ts > 253402300799) return row.Bad(3, "'" + row[3] + "' is not a Unix time");
      REEL_ASSIGN_OR_RETURN(auto film, FilmFor(kMlSource, movie));
      if (!film) return row.Bad(1, "no film has MovieLens id " + row[1] + " (import movies.csv with it)");
      const std::string when = IsoUtcFromUnix(*ts);
      REEL_ASSIGN_OR_RETURN(auto uid, UserFor(kMlSource, user, when));
      REEL_ASSIGN_OR_RETURN(auto up, s_.w().UpsertTag(film->id, uid, tag, when));
      s_.Count(up.change);
      return Status::Ok();
    });
  }

  Session& s_;
  // By source (ml-latest, ml-100k), then movie (user) id.
  std::unordered_map<int64_t, FilmRef> films_[2];
  std::unordered_map<int64_t, Id> users_[2];
  std::unordered_map<int64_t, std::string> imdb_;   // movieId -> "tt0114709" (links.csv).
  std::vector<Rating> batch_;
  std::vector<Change> changes_;
};

}  // namespace

Status ImportMovieLens(Session& s, const std::vector<std::string>& paths) { return MovieLens(s).Run(paths); }

}  // namespace reel::ingest
