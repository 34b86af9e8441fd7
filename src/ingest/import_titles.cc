// The import session's titles and people: how a title from a file matches a stored
// one (by external id, then by name and year), what it may fill or change, and the
// seasons episodes hang under (import.h, Session::UpsertTitle and EnsureSeason).
#include <algorithm>
#include <cstdio>
#include <set>

#include "core/text.h"
#include "ingest/import.h"

namespace reel::ingest {

using Change = StoreWriter::Change;

// ---- Titles and people --------------------------------------------------------------

namespace {

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// The day after the period a fuzzy date stands for.
Date PeriodEnd(const FuzzyDate& d) {
  int months = 0;
  switch (d.precision) {
    case DatePrecision::kYear: months = 12; break;
    case DatePrecision::kHalf: months = 6; break;
    case DatePrecision::kQuarter: months = 3; break;
    case DatePrecision::kMonth: months = 1; break;
    case DatePrecision::kDay: return Date::FromDays(d.start.ToDays() + 1);
  }
  const int m = d.start.month - 1 + months;
  return Date{d.start.year + m / 12, m % 12 + 1, 1};
}

// `fine` is more precise than `coarse` and falls inside its period.
bool Refines(const FuzzyDate& fine, const FuzzyDate& coarse) {
  return static_cast<int>(fine.precision) > static_cast<int>(coarse.precision) && !(fine.start < coarse.start) &&
         fine.start < PeriodEnd(coarse);
}

// The placeholder names importers give seasons and episodes they know no name for.
bool PlaceholderName(const Title& t) {
  return t.name.empty() || t.name == "Season " + std::to_string(t.number) ||
         t.name == "Episode " + std::to_string(t.number);
}

// Films and series stand alone; seasons and episodes hang under a parent.
bool IsTopLevel(const Session::TitleFacts& f) { return f.kind == TitleKind::kFilm || f.kind == TitleKind::kSeries; }

// The name a new title of `f` gets.
std::string NameOf(const Session::TitleFacts& f) { return f.name ? *f.name : f.fallback_name; }

// A new film's or series' slugs, best first: name, name-year, name-year-source-id.
std::vector<std::string> SlugCandidates(const Session::TitleFacts& f) {
  const std::string name = NameOf(f);
  std::string base = !f.preferred_slug.empty() ? f.preferred_slug : Slugify(name);
  if (base.empty()) base = Slugify(f.source + " " + f.id);
  std::vector<std::string> slugs = {base};
  if (const int year = f.release ? f.release->year() : 0) slugs.push_back(base + "-" + std::to_string(year));
  slugs.push_back(slugs.back() + "-" + Slugify(f.source + " " + f.id));
  return slugs;
}

// Puts what `f` gives into `t`: everything when the source `owns` the title, else
// only what is empty (and a name in place of a placeholder).
void MergeFacts(const Session::TitleFacts& f, bool owns, Title& t) {
  if (f.name && (owns || PlaceholderName(t) || t.untitled)) {
    t.name = *f.name;
    t.untitled = false;
  }
  if (f.synopsis && (owns || t.synopsis.empty())) t.synopsis = *f.synopsis;
  if (f.release) {
    // A coarser date that agrees with the stored one never replaces it; a finer one
    // that agrees may refine it, whoever gives it.
    if (!t.release || Refines(*f.release, *t.release) || (owns && !Refines(*t.release, *f.release))) {
      t.release = f.release;
    }
  }
  if (f.end_year && (owns || t.end_year == 0)) t.end_year = *f.end_year;
  if (f.runtime_minutes && (owns || t.runtime_minutes == 0)) t.runtime_minutes = *f.runtime_minutes;
  if (f.country && (owns || t.country.empty())) t.country = *f.country;
  if (f.language && (owns || t.language.empty())) t.language = *f.language;
  if (f.network && (owns || t.network.empty())) t.network = *f.network;
  if (f.production_code && (owns || t.production_code.empty())) t.production_code = *f.production_code;
  if (f.us_viewers && (owns || t.us_viewers == 0)) t.us_viewers = *f.us_viewers;
}

}  // namespace

Result<std::optional<Title>> Session::FindStoredTitle(const TitleFacts& f, const std::vector<std::string>& slugs) {
  const bool top = IsTopLevel(f);
  std::optional<Title> stored;
  auto find = [&](const std::string& source, const std::string& value) -> Status {
    if (stored || value.empty()) return Status::Ok();
    REEL_ASSIGN_OR_RETURN(const std::optional<Id> id, w_.FindTitleIdByExternalId(source, value));
    if (!id) return Status::Ok();
    REEL_ASSIGN_OR_RETURN(const std::optional<Title> t, IfFound(w_.GetTitle(*id)));
    if (t && t->kind == f.kind && (top || (t->parent_id == f.parent_id && t->number == f.number))) stored = *t;
    return Status::Ok();
  };
  REEL_TRY(find(f.source, f.id));
  for (const auto& [source, value] : f.other_ids) REEL_TRY(find(source, value));
  for (const auto& [source, value] : f.match_ids) REEL_TRY(find(source, value));
  if (stored) return stored;
  // A season or an episode is its parent's child of that number.
  if (!top) return IfFound(w_.FindChild(f.parent_id, f.number));
  // A film or series of this name and year that no record of this source claims is
  // the same title (imported from elsewhere, or written by hand).
  if (!f.name) return stored;
  const int year = f.release ? f.release->year() : 0;
  for (size_t i = 0; i + 1 < slugs.size(); ++i) {
    REEL_ASSIGN_OR_RETURN(const std::optional<Title> t, IfFound(w_.FindTitleBySlug(f.kind, slugs[i])));
    if (!t) continue;
    const int stored_year = t->release ? t->release->year() : 0;
    if (stored_year != year || t->name != *f.name) continue;
    REEL_ASSIGN_OR_RETURN(const std::string theirs, w_.TitleExternalId(t->id, f.source));
    if (theirs.empty()) return t;
  }
  return stored;
}

Result<Title> Session::NewTitle(const TitleFacts& f, const std::vector<std::string>& slugs) {
  const bool top = IsTopLevel(f);
  Title t;
  t.kind = f.kind;
  t.parent_id = top ? 0 : f.parent_id;
  t.number = top ? 0 : f.number;
  // The first free candidate; past them, numbered ones.
  for (size_t i = 0; top; ++i) {
    const std::string slug = i < slugs.size() ? slugs[i] : slugs.back() + "-" + std::to_string(i - slugs.size() + 2);
    REEL_ASSIGN_OR_RETURN(const std::optional<Title> taken, IfFound(w_.FindTitleBySlug(f.kind, slug)));
    if (!taken) {
      t.slug = slug;
      break;
    }
  }
  t.name = NameOf(f);
  t.untitled = top && !f.name;
  return t;
}

Status Session::SetTitleDetails(const TitleFacts& f, Id id, bool owns, Change& row) {
  if (f.genres) {
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (const auto& g : *f.genres) {
      if (seen.insert(Slugify(g)).second) names.push_back(g);
    }
    bool set = owns;
    if (!owns) {
      REEL_ASSIGN_OR_RETURN(const std::vector<std::string> now, w_.TitleGenreNames(id));
      set = now.empty();
    }
    if (set) {
      REEL_ASSIGN_OR_RETURN(const Change g, w_.SetTitleGenresChecked(id, names));
      row = WithDetail(row, g);
    }
  }
  auto set_id = [&](const std::string& source, const std::string& value) -> Status {
    if (value.empty()) return Status::Ok();
    REEL_ASSIGN_OR_RETURN(const Change c, w_.SetTitleExternalId(id, source, value));
    row = WithDetail(row, c);
    return Status::Ok();
  };
  REEL_TRY(set_id(f.source, f.id));
  for (const auto& [source, value] : f.other_ids) REEL_TRY(set_id(source, value));
  return Status::Ok();
}

Result<Id> Session::UpsertTitle(const TitleFacts& f, Change* change) {
  const std::vector<std::string> slugs = IsTopLevel(f) ? SlugCandidates(f) : std::vector<std::string>();
  REEL_ASSIGN_OR_RETURN(const std::optional<Title> stored, FindStoredTitle(f, slugs));
  // Whose title it is: the source that made it rewrites what it gives; any other
  // source only fills what is empty (title_sources, migration 6).
  bool owns = !stored;
  if (stored) {
    REEL_ASSIGN_OR_RETURN(const std::string source, w_.TitleSource(stored->id));
    owns = source == f.source;
  }
  Title t;
  if (stored) {
    t = *stored;
  } else {
    REEL_ASSIGN_OR_RETURN(t, NewTitle(f, slugs));
  }
  MergeFacts(f, owns, t);
  REEL_ASSIGN_OR_RETURN(const StoreWriter::Upserted up, w_.UpsertTitleChecked(t));
  Change row = up.change;
  if (!stored) REEL_TRY(w_.SetTitleSource(up.id, f.source));
  REEL_TRY(SetTitleDetails(f, up.id, owns, row));
  if (change) *change = row;
  return up.id;
}

Result<Id> Session::EnsurePerson(const std::string& name, const std::string& source, const std::string& id,
                                 Change* change, const Person* details) {
  if (change) *change = Change::kUnchanged;
  std::string slug = Slugify(name);
  if (slug.empty()) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%08llx", static_cast<unsigned long long>(Fnv1a(name) & 0xffffffffu));
    slug = id.empty() ? "person-" + std::string(buf) : Slugify(source + " " + id);
  }
  const std::string key = id.empty() ? "\t" + slug : source + "\t" + id;
  if (!details) {
    if (auto it = people_.find(key); it != people_.end()) return it->second;
  }
  std::optional<Person> stored;
  if (!id.empty()) {
    REEL_ASSIGN_OR_RETURN(auto pid, w_.FindPersonIdByExternalId(source, id));
    if (pid) {
      REEL_ASSIGN_OR_RETURN(stored, IfFound(w_.GetPerson(*pid)));
    }
  }
  if (!stored) {
    REEL_ASSIGN_OR_RETURN(auto p, IfFound(w_.FindPersonBySlug(slug)));
    if (p) {
      std::string theirs;
      if (!id.empty()) {
        REEL_ASSIGN_OR_RETURN(theirs, w_.PersonExternalId(p->id, source));
      }
      if (theirs.empty()) {
        stored = p;
      } else {
        // Someone else of the same name: "name-id".
        slug += "-" + Slugify(id);
        REEL_ASSIGN_OR_RETURN(auto other, IfFound(w_.FindPersonBySlug(slug)));
        if (other) stored = other;
      }
    }
  }
  Person p = stored ? *stored : Person{0, slug, name, std::nullopt, "", ""};
  if (!id.empty()) p.name = name;  // The source that names the person by id is trusted.
  if (details) {
    if (details->born) p.born = details->born;
    if (!details->birthplace.empty()) p.birthplace = details->birthplace;
    if (!details->bio.empty()) p.bio = details->bio;
  }
  REEL_ASSIGN_OR_RETURN(auto up, w_.UpsertPersonChecked(p));
  Change row = up.change;
  if (!id.empty()) {
    REEL_ASSIGN_OR_RETURN(auto c, w_.SetPersonExternalId(up.id, source, id));
    row = WithDetail(row, c);
  }
  if (change) *change = row;
  people_[key] = up.id;
  return up.id;
}

Result<Id> Session::EnsureSeason(Id series_id, int number, const std::string& source, Change* change) {
  if (change) *change = Change::kUnchanged;
  REEL_ASSIGN_OR_RETURN(auto s, IfFound(w_.FindChild(series_id, number)));
  if (s) return s->id;
  Title t;
  t.kind = TitleKind::kSeason;
  t.parent_id = series_id;
  t.number = number;
  t.name = "Season " + std::to_string(number);
  REEL_ASSIGN_OR_RETURN(auto up, w_.UpsertTitleChecked(t));
  REEL_TRY(w_.SetTitleSource(up.id, source));
  if (change) *change = up.change;
  return up.id;
}

}  // namespace reel::ingest
