// Rotten Tomatoes extract importers (`reel import rt-movies` and `rt-reviews`), for
// the two files of ../shared/data/rotten-tomatoes-flatiron-rt-reviews/ (gzip, TSV
// with quoted fields, CRLF; the reviews are Latin-1):
//
//  rt.movie_info.tsv  id, synopsis, rating (MPAA), genre (|), director (|), writer (|),
//                     theater_date, dvd_date ("Oct 9, 1971"), currency, box_office,
//                     runtime ("104 minutes"), studio
//    -> films with synopsis, genres, release (theater date), a "DVD" release date,
//       runtime and studio; directors and writers as crew. The MPAA rating and the
//       box office have no place in reel and are only checked.
//  rt.reviews.tsv     id, review, rating, fresh, critic, top_critic, publisher, date
//    -> publications; critics (with their top-critic flag); critic reviews with the
//       raw grade, its normalised score, the critic's own fresh/rotten label and the
//       date.
//
// Text fields hold HTML character references ("Sacramento News &amp; Review"):
// they are decoded once here (DecodeEntities), as reel escapes text when it renders.
//
// The extract names no films, so a film is "RT movie <id>" with slug "rt-<id>" until
// a source with names says more; its RT id is kept as external id "rt". Both files
// may come in any order: a review of a film not imported yet makes that film.
//
// Reviews take two passes. The first learns, per publication, the grades it gives
// (a bare "8" takes the scale of the publication's other grades in the file:
// scoring::InferPublicationScale) and, per critic, their latest review: RT's
// top-critic status belongs to a critic at a publication, reel's to the critic, so a
// critic takes the flag and publication of their most recent review. The second
// pass writes. A review's key within its film is "rt:CRITIC/PUBLICATION/DATE", with
// "#2", "#3"... for further reviews sharing all three (the extract has some), so
// the rows of a film must be together, as they are in the extract.
#include <map>
#include <set>
#include <unordered_map>

#include "core/text.h"
#include "ingest/html_text.h"
#include "ingest/import.h"
#include "scoring/grade.h"

namespace reel::ingest {
namespace {

using Change = StoreWriter::Change;

constexpr const char* kSource = "rt";

Status ExpectHeader(const std::vector<std::string>& got, const std::vector<std::string>& want, const char* what) {
  if (got == want) return Status::Ok();
  std::string g, w;
  for (const auto& s : got) g += (g.empty() ? "" : ", ") + s;
  for (const auto& s : want) w += (w.empty() ? "" : ", ") + s;
  return InvalidArgument(std::string("not ") + what + ": the header is '" + g + "' (expected '" + w + "')");
}

// A slug for a name that has no Latin letters or digits ("person-1a2b3c4d").
std::string SlugOr(const std::string& name, const char* kind) {
  std::string slug = Slugify(name);
  if (!slug.empty()) return slug;
  uint64_t h = 1469598103934665603ull;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "-%08llx", static_cast<unsigned long long>(h & 0xffffffffu));
  return kind + std::string(buf);
}

class Rt {
 public:
  explicit Rt(Session& s) : s_(s) {}

  // ---- rt.movie_info.tsv ----

  Status Movies(const std::string& path) {
    FileSpec spec;
    spec.delimiter = '\t';
    spec.note = "films";
    KeyByIdInColumn(spec, 0);
    auto header = [](std::vector<std::string>& h) {
      return ExpectHeader(h,
                          {"id", "synopsis", "rating", "genre", "director", "writer", "theater_date", "dvd_date",
                           "currency", "box_office", "runtime", "studio"},
                          "rt.movie_info.tsv");
    };
    return s_.ForEachRow(path, spec, header, [&](Row& row) -> Status {
      auto id = ParseInt(row[0]);
      if (!id || *id <= 0) return row.Bad(0, "'" + row[0] + "' is not a positive whole number");
      std::optional<Date> theater, dvd;
      if (!row[6].empty() && !(theater = ParseMonthDayYear(row[6]))) {
        return row.Bad(6, "'" + row[6] + "' is not a date like \"Oct 9, 1971\"");
      }
      if (!row[7].empty() && !(dvd = ParseMonthDayYear(row[7]))) {
        return row.Bad(7, "'" + row[7] + "' is not a date like \"Oct 9, 1971\"");
      }
      if (!row[8].empty() && row[9].empty()) return row.Bad(9, "is empty though a currency is given");
      if (!row[9].empty() && row[9].find_first_not_of("0123456789,") != std::string::npos) {
        return row.Bad(9, "'" + row[9] + "' is not an amount like 600,000");
      }
      std::optional<int> runtime;
      if (!row[10].empty()) {
        const std::string_view r = row[10];
        auto minutes = r.ends_with(" minutes") ? ParseInt(r.substr(0, r.size() - 8)) : std::nullopt;
        if (!minutes || *minutes <= 0 || *minutes > 10000) return row.Bad(10, "'" + row[10] + "' is not \"N minutes\"");
        runtime = static_cast<int>(*minutes);
      }
      const std::vector<std::string> genres = SplitTrim(row[3], "|");
      for (const auto& g : genres) {
        if (Slugify(g).empty()) return row.Bad(3, "genre '" + g + "' has no letters or digits");
      }
      Session::TitleFacts f = Facts(*id);
      if (!row[1].empty()) f.synopsis = DecodeEntities(Trim(row[1]));
      f.genres = genres;
      if (theater) f.release = FuzzyDate{*theater, DatePrecision::kDay};
      if (runtime) f.runtime_minutes = runtime;
      if (!row[11].empty()) f.network = DecodeEntities(Trim(row[11]));
      Change change;
      REEL_ASSIGN_OR_RETURN(auto title, s_.UpsertTitle(f, &change));
      films_[*id] = title;
      int order = 0;
      std::set<std::pair<Id, std::string>> credited;  // Names the extract repeats count once.
      for (const auto& [col, job] : {std::pair<size_t, const char*>{4, "Director"}, {5, "Writer"}}) {
        for (const auto& name : SplitTrim(DecodeEntities(row[col]), "|")) {
          Change pc;
          REEL_ASSIGN_OR_RETURN(auto person, s_.EnsurePerson(name, "", "", &pc));
          if (!credited.emplace(person, job).second) continue;
          REEL_ASSIGN_OR_RETURN(
              auto credit, s_.w().UpsertCreditChecked({0, title, person, CreditKind::kCrew, job, order++}));
          change = WithDetail(change, credit.change);
        }
      }
      if (dvd) {
        REEL_ASSIGN_OR_RETURN(auto d, s_.w().UpsertReleaseDateChecked(
                                          {0, title, FuzzyDate{*dvd, DatePrecision::kDay}, "DVD", "rt"}));
        change = WithDetail(change, d.change);
      }
      s_.Count(change);
      return Status::Ok();
    });
  }

  // ---- rt.reviews.tsv ----

  Status Reviews(const std::string& path) {
    FileSpec spec;
    spec.delimiter = '\t';
    spec.note = "critic reviews";
    auto header = [](std::vector<std::string>& h) {
      return ExpectHeader(h, {"id", "review", "rating", "fresh", "critic", "top_critic", "publisher", "date"},
                          "rt.reviews.tsv");
    };
    pubs_.clear();
    critics_.clear();
    // Pass 1: what each publication grades like and where each critic was last.
    REEL_TRY(s_.ForEachRow(path, spec, header, [&](Row& row) { return Survey(row); }, /*count_rows=*/false));
    // Pass 2: write.
    FilmRows films;
    return s_.ForEachRow(path, spec, header, [&](Row& row) { return WriteReview(row, films); });
  }

 private:
  // Where pass 2 is in the file: each film's rows must come together.
  struct FilmRows {
    int64_t movie = 0;
    int movie_ended_at = 0;
    std::map<std::string, int> keys;        // Of the current film.
    std::unordered_map<int64_t, int> done;  // Films whose rows ended, and where.
  };

  // Pass 1 over one row: its publication's grades and its critic's latest review.
  Status Survey(Row& row) {
    REEL_ASSIGN_OR_RETURN(const ParsedReview r, Parse(row));
    if (!r.publisher.empty()) {
      PubFacts& p = pubs_[SlugOr(r.publisher, "publication")];
      if (p.name.empty()) p.name = r.publisher;
      if (!r.grade.empty()) ++p.grades[r.grade];
    }
    if (!r.critic.empty()) {
      Latest& l = critics_[SlugOr(r.critic, "critic")];
      if (!l.seen || (r.date && (!l.date || *r.date >= *l.date))) {
        l = Latest{true, r.date, r.critic, r.publisher, r.top};
      }
    }
    return Status::Ok();
  }

  // Pass 2 over one row: the review written under its key.
  Status WriteReview(Row& row, FilmRows& films) {
    REEL_ASSIGN_OR_RETURN(const ParsedReview r, Parse(row));
    if (r.movie != films.movie) {
      if (auto it = films.done.find(r.movie); it != films.done.end()) {
        return row.Bad(0, "the reviews of film " + row[0] + " must be together (they ended at line " +
                              std::to_string(it->second) + ")");
      }
      if (films.movie) films.done[films.movie] = films.movie_ended_at;
      films.movie = r.movie;
      films.keys.clear();
    }
    films.movie_ended_at = row.line();
    REEL_ASSIGN_OR_RETURN(const Id film, Film(r.movie));
    CriticReview review;
    review.title_id = film;
    review.quote = r.quote;
    review.grade_raw = r.grade;
    review.date = r.date;
    review.sentiment = r.sentiment;
    review.sentiment_source = r.sentiment == Sentiment::kNone ? SentimentSource::kNone : SentimentSource::kCritic;
    std::string pub_slug = "-", critic_slug = "-";
    if (!r.publisher.empty()) {
      REEL_ASSIGN_OR_RETURN(const auto pub, Publication(r.publisher));
      review.publication_id = pub.id;
      pub_slug = pub.slug;
      if (!r.grade.empty()) {
        auto g = scoring::ParseGradeInPublication(r.grade, pub.scale);
        if (g.ok()) review.grade_score = g->score;
      }
    } else if (!r.grade.empty()) {
      auto g = scoring::ParseGrade(r.grade);
      if (g.ok()) review.grade_score = g->score;
    }
    if (!r.critic.empty()) {
      REEL_ASSIGN_OR_RETURN(const auto critic, CriticFor(r.critic));
      review.critic_id = critic.first;
      critic_slug = critic.second;
    }
    std::string key = "rt:" + critic_slug + "/" + pub_slug + "/" + (r.date ? r.date->ToIso() : "-");
    if (const int n = ++films.keys[key]; n > 1) key += "#" + std::to_string(n);
    REEL_ASSIGN_OR_RETURN(const auto up, s_.w().UpsertCriticReviewChecked(review, key));
    s_.Count(up.change);
    return Status::Ok();
  }

  struct ParsedReview {
    int64_t movie = 0;
    std::string quote, grade, critic, publisher;
    Sentiment sentiment = Sentiment::kNone;
    bool top = false;
    std::optional<Date> date;
  };

  static Result<ParsedReview> Parse(Row& row) {
    ParsedReview r;
    auto id = ParseInt(row[0]);
    if (!id || *id <= 0) return row.Bad(0, "'" + row[0] + "' is not a positive whole number");
    r.movie = *id;
    r.quote = DecodeEntities(Trim(row[1]));
    r.grade = DecodeEntities(Trim(row[2]));
    if (row[3] == "fresh") {
      r.sentiment = Sentiment::kFresh;
    } else if (row[3] == "rotten") {
      r.sentiment = Sentiment::kRotten;
    } else if (!row[3].empty()) {
      return row.Bad(3, "'" + row[3] + "' is not fresh or rotten");
    }
    r.critic = DecodeEntities(Trim(row[4]));
    if (row[5] != "0" && row[5] != "1") return row.Bad(5, "'" + row[5] + "' is not 0 or 1");
    r.top = row[5] == "1";
    r.publisher = DecodeEntities(Trim(row[6]));
    if (!row[7].empty()) {
      r.date = ParseMonthDayYear(row[7]);
      if (!r.date) return row.Bad(7, "'" + row[7] + "' is not a date like \"November 10, 2018\"");
    }
    if (r.quote.empty() && r.grade.empty() && r.sentiment == Sentiment::kNone) {
      return row.Bad(1, "the review has no text, no grade and no fresh/rotten label");
    }
    return r;
  }

  Session::TitleFacts Facts(int64_t id) {
    Session::TitleFacts f;
    f.kind = TitleKind::kFilm;
    f.source = kSource;
    f.id = std::to_string(id);
    f.fallback_name = "RT movie " + f.id;
    f.preferred_slug = "rt-" + f.id;
    return f;
  }

  // The film of an RT id: this import's, an earlier import's, or a new "RT movie N".
  Result<Id> Film(int64_t rt_id) {
    if (auto it = films_.find(rt_id); it != films_.end()) return it->second;
    REEL_ASSIGN_OR_RETURN(auto found, s_.w().FindTitleIdByExternalId(kSource, std::to_string(rt_id)));
    Id id = 0;
    if (found) {
      id = *found;
    } else {
      REEL_ASSIGN_OR_RETURN(id, s_.UpsertTitle(Facts(rt_id), nullptr));
    }
    return films_[rt_id] = id;
  }

  struct Pub {
    Id id = 0;
    std::string slug;
    scoring::PublicationScale scale;
  };

  // The publication of that name (the first spelling of its slug in the file).
  Result<Pub> Publication(const std::string& name) {
    const std::string slug = SlugOr(name, "publication");
    PubFacts& facts = pubs_[slug];
    if (facts.id) return Pub{facts.id, slug, facts.scale};
    if (facts.name.empty()) facts.name = name;
    facts.slug = slug;
    REEL_ASSIGN_OR_RETURN(auto up, s_.w().UpsertPublicationChecked({0, slug, facts.name, ""}));
    facts.id = up.id;
    std::vector<std::string_view> grades;
    for (const auto& [grade, n] : facts.grades) grades.insert(grades.end(), n, grade);
    facts.scale = scoring::InferPublicationScale(grades);
    return Pub{facts.id, facts.slug, facts.scale};
  }

  // The critic of that name (with the publication and flag of their latest review).
  Result<std::pair<Id, std::string>> CriticFor(const std::string& name) {
    const std::string slug = SlugOr(name, "critic");
    Latest& l = critics_[slug];
    if (l.id) return std::pair<Id, std::string>(l.id, l.slug);
    Critic c;
    c.slug = slug;
    c.name = l.name.empty() ? name : l.name;
    c.top_critic = l.top;
    if (!l.publisher.empty()) {
      REEL_ASSIGN_OR_RETURN(auto pub, Publication(l.publisher));
      c.publication_id = pub.id;
    }
    REEL_ASSIGN_OR_RETURN(auto up, s_.w().UpsertCriticChecked(c));
    l.id = up.id;
    l.slug = c.slug;
    return std::pair<Id, std::string>(l.id, l.slug);
  }

  struct PubFacts {
    std::string name;
    std::map<std::string, int64_t> grades;  // Raw grade -> reviews giving it.
    Id id = 0;
    std::string slug;
    scoring::PublicationScale scale;
  };
  struct Latest {
    bool seen = false;
    std::optional<Date> date;
    std::string name, publisher;
    bool top = false;
    Id id = 0;
    std::string slug;
  };

  Session& s_;
  std::unordered_map<int64_t, Id> films_;
  std::unordered_map<std::string, PubFacts> pubs_;   // By slug.
  std::unordered_map<std::string, Latest> critics_;  // By slug.
};

}  // namespace

Status ImportRtMovies(Session& s, const std::vector<std::string>& paths) {
  Rt rt(s);
  for (const auto& p : paths) REEL_TRY(rt.Movies(p));
  return Status::Ok();
}

Status ImportRtReviews(Session& s, const std::vector<std::string>& paths) {
  Rt rt(s);
  for (const auto& p : paths) REEL_TRY(rt.Reviews(p));
  return Status::Ok();
}

}  // namespace reel::ingest
