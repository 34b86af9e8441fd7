#include "ingest/catalog_json.h"

#include <nlohmann/json.hpp>

#include "calendar/release.h"
#include "core/embedded.h"
#include "core/json_depth.h"
#include "core/text.h"
#include "scoring/grade.h"
#include "scoring/sentiment.h"
#include "storage/store.h"

namespace reel {
namespace {

using Json = nlohmann::json;

// Walks the JSON with the path of the current value, so every error can name it.
class Loader {
 public:
  Loader(StoreWriter& w, std::string source) : w_(w), source_(std::move(source)) {}

  Status Load(const Json& root) {
    if (!root.is_object()) return Error("", "the catalog must be a JSON object");
    if (root.contains("people")) {
      const Json& people = root["people"];
      if (!people.is_array()) return Error("people", "must be an array");
      for (size_t i = 0; i < people.size(); ++i) {
        REEL_TRY(LoadPerson(people[i], "people[" + std::to_string(i) + "]"));
      }
    }
    if (!root.contains("titles") || !root["titles"].is_array()) {
      return Error("titles", "must be an array of films and series");
    }
    const Json& titles = root["titles"];
    for (size_t i = 0; i < titles.size(); ++i) {
      REEL_TRY(LoadTopTitle(titles[i], "titles[" + std::to_string(i) + "]"));
    }
    return Status::Ok();
  }

  CatalogLoadStats stats;

 private:
  Status Error(const std::string& path, const std::string& reason) const {
    return InvalidArgument(source_ + ": " + (path.empty() ? "" : path + ": ") + reason);
  }
  Status Wrap(const std::string& path, const Status& st) const {
    return st.ok() ? st : Status(st.code(), source_ + ": " + path + ": " + st.message());
  }

  // Reads an optional string field; an error if present with another type.
  Status Str(const Json& obj, const char* key, const std::string& path, std::string& out,
             bool required = false) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
      return required ? Error(path + "." + key, "is required") : Status::Ok();
    }
    if (!it->is_string()) return Error(path + "." + key, "must be a string");
    out = it->get<std::string>();
    if (!IsValidUtf8(out)) return Error(path + "." + key, "is not valid UTF-8");
    if (required && Trim(out).empty()) return Error(path + "." + key, "must not be empty");
    return Status::Ok();
  }

  Status Int(const Json& obj, const char* key, const std::string& path, int& out, int min, int max) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return Status::Ok();
    if (!it->is_number_integer()) return Error(path + "." + key, "must be a whole number");
    const auto v = it->get<int64_t>();
    if (v < min || v > max) {
      return Error(path + "." + key, std::to_string(v) + " is outside " + std::to_string(min) + ".." +
                                         std::to_string(max));
    }
    out = static_cast<int>(v);
    return Status::Ok();
  }

  Status Release(const Json& obj, const std::string& path, std::optional<FuzzyDate>& out) {
    auto it = obj.find("release");
    if (it == obj.end() || it->is_null()) return Status::Ok();
    const std::string p = path + ".release";
    if (!it->is_object()) return Error(p, "must be an object {date, precision}");
    std::string date, precision = "day";
    REEL_TRY(Str(*it, "date", p, date, true));
    REEL_TRY(Str(*it, "precision", p, precision));
    auto d = FuzzyDate::Make(date, precision);
    if (!d.ok()) return Wrap(p, d.status());
    out = *d;
    return Status::Ok();
  }

  Status LoadPerson(const Json& j, const std::string& path) {
    if (!j.is_object()) return Error(path, "must be an object");
    Person p;
    REEL_TRY(Str(j, "slug", path, p.slug, true));
    REEL_TRY(Str(j, "name", path, p.name, true));
    if (!IsValidSlug(p.slug)) return Error(path + ".slug", "'" + p.slug + "' is not lowercase words joined by hyphens");
    std::string born;
    REEL_TRY(Str(j, "born", path, born));
    if (!born.empty()) {
      auto d = Date::Parse(born);
      if (!d.ok()) return Wrap(path + ".born", d.status());
      p.born = *d;
    }
    REEL_TRY(Str(j, "birthplace", path, p.birthplace));
    REEL_TRY(Str(j, "bio", path, p.bio));
    if (people_.count(p.slug)) return Error(path + ".slug", "'" + p.slug + "' appears twice");
    auto id = w_.UpsertPerson(p);
    if (!id.ok()) return Wrap(path, id.status());
    people_[p.slug] = *id;
    ++stats.people;
    return Status::Ok();
  }

  // Fields every kind of title has.
  Status TitleFields(const Json& j, const std::string& path, Title& t) {
    if (!j.is_object()) return Error(path, "must be an object");
    REEL_TRY(Str(j, "synopsis", path, t.synopsis));
    REEL_TRY(Str(j, "consensus", path, t.consensus));
    REEL_TRY(Release(j, path, t.release));
    REEL_TRY(Int(j, "runtime_minutes", path, t.runtime_minutes, 0, 10000));
    REEL_TRY(Str(j, "country", path, t.country));
    REEL_TRY(Str(j, "language", path, t.language));
    std::string network;
    REEL_TRY(Str(j, "network", path, t.network));
    REEL_TRY(Str(j, "studio", path, network));
    if (t.network.empty()) t.network = network;
    return Status::Ok();
  }

  Status LoadTopTitle(const Json& j, const std::string& path) {
    Title t;
    std::string kind;
    if (!j.is_object()) return Error(path, "must be an object");
    REEL_TRY(Str(j, "kind", path, kind, true));
    if (kind != "film" && kind != "series") return Error(path + ".kind", "must be \"film\" or \"series\", not \"" + kind + "\"");
    t.kind = kind == "film" ? TitleKind::kFilm : TitleKind::kSeries;
    REEL_TRY(Str(j, "slug", path, t.slug, true));
    if (!IsValidSlug(t.slug)) return Error(path + ".slug", "'" + t.slug + "' is not lowercase words joined by hyphens");
    REEL_TRY(Str(j, "name", path, t.name, true));
    REEL_TRY(TitleFields(j, path, t));
    REEL_TRY(Int(j, "end_year", path, t.end_year, 0, 9999));
    auto id = w_.UpsertTitle(t);
    if (!id.ok()) return Wrap(path, id.status());
    ++stats.titles;
    REEL_TRY(Genres(j, path, *id));
    REEL_TRY(Children(j, path, *id, t));
    if (auto it = j.find("seasons"); it != j.end() && !it->is_null()) {
      if (!it->is_array()) return Error(path + ".seasons", "must be an array");
      if (t.kind == TitleKind::kFilm && !it->empty()) return Error(path + ".seasons", "a film has no seasons");
      for (size_t i = 0; i < it->size(); ++i) {
        const std::string sp = path + ".seasons[" + std::to_string(i) + "]";
        REEL_TRY(LoadChild((*it)[i], sp, *id, TitleKind::kSeason, t.name));
      }
    }
    return Status::Ok();
  }

  // A season (with its episodes) or an episode.
  Status LoadChild(const Json& j, const std::string& path, Id parent, TitleKind kind,
                   const std::string& parent_name) {
    Title t;
    t.kind = kind;
    t.parent_id = parent;
    if (!j.is_object()) return Error(path, "must be an object");
    REEL_TRY(Int(j, "number", path, t.number, 1, 9999));
    if (t.number == 0) return Error(path + ".number", "is required");
    REEL_TRY(Str(j, "name", path, t.name));
    if (t.name.empty()) {
      t.name = kind == TitleKind::kSeason ? "Season " + std::to_string(t.number)
                                          : "Episode " + std::to_string(t.number);
    }
    REEL_TRY(TitleFields(j, path, t));
    auto id = w_.UpsertTitle(t);
    if (!id.ok()) return Wrap(path, id.status());
    ++stats.titles;
    REEL_TRY(Children(j, path, *id, t));
    if (auto it = j.find("release_history"); it != j.end() && !it->is_null()) {
      if (!it->is_array()) return Error(path + ".release_history", "must be an array");
      for (size_t i = 0; i < it->size(); ++i) {
        const std::string rp = path + ".release_history[" + std::to_string(i) + "]";
        const Json& r = (*it)[i];
        if (!r.is_object()) return Error(rp, "must be an object");
        calendar::ReleaseInput in;
        in.precision = "day";
        REEL_TRY(Str(r, "date", rp, in.date, true));
        REEL_TRY(Str(r, "precision", rp, in.precision));
        if (in.precision == "half") in.precision = in.date.substr(5, 2) == "07" ? "late" : "early";
        REEL_TRY(Str(r, "time", rp, in.time));
        REEL_TRY(Str(r, "time_zone", rp, in.time_zone));
        REEL_TRY(Str(r, "status", rp, in.status));
        REEL_TRY(Str(r, "region", rp, in.region));
        REEL_TRY(Str(r, "label", rp, in.label));
        REEL_TRY(Str(r, "source", rp, in.source));
        auto parsed = calendar::ParseReleaseInput(in, *id);
        if (!parsed.ok()) return Wrap(rp, parsed.status());
        ReleaseDate rd = *parsed;
        REEL_TRY(Str(r, "changed_at", rp, rd.changed_at));
        auto rid = w_.UpsertReleaseDate(rd);
        if (!rid.ok()) return Wrap(rp, rid.status());
      }
    }
    if (auto it = j.find("episodes"); it != j.end() && !it->is_null()) {
      if (!it->is_array()) return Error(path + ".episodes", "must be an array");
      if (kind != TitleKind::kSeason && !it->empty()) return Error(path + ".episodes", "only seasons have episodes");
      for (size_t i = 0; i < it->size(); ++i) {
        REEL_TRY(LoadChild((*it)[i], path + ".episodes[" + std::to_string(i) + "]", *id,
                                       TitleKind::kEpisode, parent_name));
      }
    }
    return Status::Ok();
  }

  Status Genres(const Json& j, const std::string& path, Id id) {
    auto it = j.find("genres");
    if (it == j.end() || it->is_null()) return Status::Ok();
    if (!it->is_array()) return Error(path + ".genres", "must be an array of names");
    std::vector<std::string> names;
    for (size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_string()) return Error(path + ".genres[" + std::to_string(i) + "]", "must be a string");
      names.push_back((*it)[i].get<std::string>());
    }
    return Wrap(path + ".genres", w_.SetTitleGenres(id, names));
  }

  // Credits and reviews of any title.
  Status Children(const Json& j, const std::string& path, Id id, const Title& title) {
    if (auto it = j.find("credits"); it != j.end() && !it->is_null()) {
      if (!it->is_array()) return Error(path + ".credits", "must be an array");
      for (size_t i = 0; i < it->size(); ++i) {
        const std::string cp = path + ".credits[" + std::to_string(i) + "]";
        const Json& c = (*it)[i];
        if (!c.is_object()) return Error(cp, "must be an object");
        std::string person, kind;
        Credit credit;
        credit.title_id = id;
        credit.order = static_cast<int>(i);
        REEL_TRY(Str(c, "person", cp, person, true));
        REEL_TRY(Str(c, "kind", cp, kind, true));
        REEL_TRY(Str(c, "role", cp, credit.role));
        if (kind != "cast" && kind != "crew") return Error(cp + ".kind", "must be \"cast\" or \"crew\"");
        credit.kind = kind == "cast" ? CreditKind::kCast : CreditKind::kCrew;
        auto p = people_.find(person);
        if (p == people_.end()) return Error(cp + ".person", "no person with slug '" + person + "' in people");
        credit.person_id = p->second;
        auto cid = w_.UpsertCredit(credit);
        if (!cid.ok()) return Wrap(cp, cid.status());
        ++stats.credits;
      }
    }
    if (auto it = j.find("critic_reviews"); it != j.end() && !it->is_null()) {
      if (!it->is_array()) return Error(path + ".critic_reviews", "must be an array");
      for (size_t i = 0; i < it->size(); ++i) {
        REEL_TRY(LoadCriticReview((*it)[i], path + ".critic_reviews[" + std::to_string(i) + "]", id, i));
      }
    }
    if (auto it = j.find("audience_reviews"); it != j.end() && !it->is_null()) {
      if (!it->is_array()) return Error(path + ".audience_reviews", "must be an array");
      for (size_t i = 0; i < it->size(); ++i) {
        REEL_TRY(LoadAudienceReview((*it)[i], path + ".audience_reviews[" + std::to_string(i) + "]", id, title));
      }
    }
    return Status::Ok();
  }

  Status LoadCriticReview(const Json& j, const std::string& path, Id title_id, size_t index) {
    if (!j.is_object()) return Error(path, "must be an object");
    CriticReview r;
    r.title_id = title_id;
    std::string critic, publication, sentiment, date;
    REEL_TRY(Str(j, "critic", path, critic));
    REEL_TRY(Str(j, "publication", path, publication));
    REEL_TRY(Str(j, "quote", path, r.quote, true));
    REEL_TRY(Str(j, "grade", path, r.grade_raw));
    REEL_TRY(Str(j, "url", path, r.url));
    REEL_TRY(Str(j, "sentiment", path, sentiment));
    REEL_TRY(Str(j, "date", path, date));
    if (!date.empty()) {
      auto d = Date::Parse(date);
      if (!d.ok()) return Wrap(path + ".date", d.status());
      r.date = *d;
    }
    if (!sentiment.empty()) {
      if (sentiment != "fresh" && sentiment != "rotten") return Error(path + ".sentiment", "must be \"fresh\" or \"rotten\"");
      r.sentiment = sentiment == "fresh" ? Sentiment::kFresh : Sentiment::kRotten;
      // A label the file's editor inferred is an editor's decision; otherwise it
      // is the critic's own.
      const bool inferred = j.value("sentiment_inferred", false);
      r.sentiment_source = inferred ? SentimentSource::kEditor : SentimentSource::kCritic;
    }
    // The grade is kept as written; a grade with a scale of its own also gets its
    // normalised score (a bare number stays unscored: its scale comes from its
    // publication's history, which a hand-written catalog does not have).
    if (!r.grade_raw.empty()) {
      auto g = scoring::ParseGrade(r.grade_raw);
      if (g.ok()) r.grade_score = g->score;
    }
    if (r.sentiment == Sentiment::kNone && r.grade_score) {
      r.sentiment = scoring::BaselineSentiment(*r.grade_score);
      r.sentiment_source = SentimentSource::kGrade;
    }
    if (!publication.empty()) {
      auto pid = w_.UpsertPublication({0, Slugify(publication), publication, ""});
      if (!pid.ok()) return Wrap(path + ".publication", pid.status());
      r.publication_id = *pid;
    }
    std::string key = "demo:" + std::to_string(index);
    if (!critic.empty()) {
      Critic c{0, Slugify(critic), critic, r.publication_id, j.value("top_critic", false)};
      auto cid = w_.UpsertCritic(c);
      if (!cid.ok()) return Wrap(path + ".critic", cid.status());
      r.critic_id = *cid;
      key = "critic:" + c.slug;
    }
    auto rid = w_.UpsertCriticReview(r, key);
    if (!rid.ok()) return Wrap(path, rid.status());
    ++stats.critic_reviews;
    return Status::Ok();
  }

  Status LoadAudienceReview(const Json& j, const std::string& path, Id title_id, const Title& title) {
    if (!j.is_object()) return Error(path, "must be an object");
    User u;
    REEL_TRY(Str(j, "user", path, u.username, true));
    REEL_TRY(Str(j, "display_name", path, u.display_name));
    Rating r;
    r.title_id = title_id;
    auto stars = j.find("stars");
    if (stars == j.end() || !stars->is_number()) return Error(path + ".stars", "must be a number from 0.5 to 5");
    r.stars = stars->get<double>();
    if (r.stars < 0.5 || r.stars > 5 || r.stars * 2 != static_cast<int>(r.stars * 2)) {
      return Error(path + ".stars", "must be 0.5 to 5 in halves");
    }
    REEL_TRY(Str(j, "text", path, r.review));
    std::string date;
    REEL_TRY(Str(j, "date", path, date, true));
    auto d = Date::Parse(date);
    if (!d.ok()) return Wrap(path + ".date", d.status());
    r.created_at = d->ToIso();
    // Ratings made before the title came out are kept but not counted.
    if (title.release && *d < title.release->start) r.status = RatingStatus::kPreRelease;
    auto existing = users_.find(u.username);
    Id uid;
    if (existing != users_.end()) {
      uid = existing->second;
    } else {
      u.created_at = r.created_at;
      auto id = w_.UpsertUser(u);
      if (!id.ok()) return Wrap(path + ".user", id.status());
      uid = users_[u.username] = *id;
    }
    r.user_id = uid;
    auto rid = w_.UpsertRating(r);
    if (!rid.ok()) return Wrap(path, rid.status());
    ++stats.ratings;
    return Status::Ok();
  }

  StoreWriter& w_;
  const std::string source_;
  std::map<std::string, Id> people_;
  std::map<std::string, Id> users_;
};

}  // namespace

Result<CatalogLoadStats> LoadCatalogJson(Store& store, std::string_view json, std::string_view source) {
  // nlohmann-json reports the position of a syntax error only by exception; it is
  // caught here and becomes a Status.
  REEL_TRY(CheckJsonDepth(json, source));
  Json root;
  try {
    root = Json::parse(json);
  } catch (const Json::parse_error& e) {
    return InvalidArgument(std::string(source) + ": not valid JSON: " + e.what());
  }
  CatalogLoadStats stats;
  REEL_TRY(store.Write([&](StoreWriter& w) {
    Loader loader(w, std::string(source));
    Status s = loader.Load(root);
    stats = loader.stats;
    return s;
  }));
  return stats;
}

Result<CatalogLoadStats> LoadDemoCatalog(Store& store) {
  auto json = EmbeddedFile("data/demo/catalog.json");
  if (!json) return Internal("the demo catalog is not compiled in");
  return LoadCatalogJson(store, *json, "data/demo/catalog.json");
}

}  // namespace reel
