#include "ingest/title_names.h"

#include "catalog/title_paths.h"
#include "core/text.h"
#include "ingest/import.h"
#include "storage/store.h"

namespace reel::ingest {
namespace {

Result<catalog::TitleAtPath> Find(Store& store, std::string_view which) {
  if (which.starts_with("/")) {
    REEL_ASSIGN_OR_RETURN(auto found, catalog::FindTitleByPath(store, which));
    if (found.title.kind != TitleKind::kFilm && found.title.kind != TitleKind::kSeries) {
      return InvalidArgument("'" + std::string(which) + "' is a season or an episode; name a film (/m/SLUG) or a series (/tv/SLUG)");
    }
    return found;
  }
  auto film = store.FindTitleBySlug(TitleKind::kFilm, which);
  auto series = store.FindTitleBySlug(TitleKind::kSeries, which);
  for (const auto* r : {&film, &series}) {
    if (!r->ok() && r->status().code() != StatusCode::kNotFound) return r->status();
  }
  if (film.ok() && series.ok()) {
    return InvalidArgument("both a film and a series have the slug '" + std::string(which) + "': say /m/" +
                           std::string(which) + " or /tv/" + std::string(which));
  }
  if (film.ok()) return catalog::TitleAtPath{*film, catalog::FilmPath(*film)};
  if (series.ok()) return catalog::TitleAtPath{*series, catalog::SeriesPath(*series)};
  return NotFound("no film or series has the slug '" + std::string(which) + "'");
}

}  // namespace

Result<Renamed> RenameTitle(Store& store, std::string_view which, std::string_view name_in, std::optional<int> year) {
  const std::string name(Trim(name_in));
  if (name.empty()) return InvalidArgument("name: is empty");
  if (!IsValidUtf8(name)) return InvalidArgument("name: is not valid UTF-8");
  if (name.find('\0') != std::string::npos) return InvalidArgument("name: holds a NUL byte");
  if (std::string why = TitleNameProblem(name); !why.empty()) return InvalidArgument("name: " + why);
  if (year && (*year < 1800 || *year > 2200)) {
    return InvalidArgument("--year: " + std::to_string(*year) + " is not a year from 1800 to 2200");
  }
  REEL_ASSIGN_OR_RETURN(auto found, Find(store, which));
  Renamed out;
  out.path = found.path;
  REEL_TRY(store.Write([&](StoreWriter& w) -> Status {
    REEL_ASSIGN_OR_RETURN(auto stored, IfFound(w.GetTitle(found.title.id)));
    if (!stored) return NotFound("no title at '" + found.path + "'");
    out.before = *stored;
    Title t = *stored;
    t.name = name;
    t.untitled = false;
    if (year && !(t.release && t.release->year() == *year)) t.release = FuzzyDate{Date{*year, 1, 1}, DatePrecision::kYear};
    REEL_TRY(w.UpsertTitleChecked(t));
    out.after = t;
    return Status::Ok();
  }));
  return out;
}

}  // namespace reel::ingest
