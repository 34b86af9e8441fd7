// A person's page (/celebrity/<slug>): who they are and one row per title they are
// credited on, their roles joined, each with the title's scores, newest first, after
// the titles they are known for (catalog/person_page.h says which). Loads its read model
// (catalog/person_page.h) once and renders it.
#include <algorithm>
#include <map>

#include "catalog/catalog.h"
#include "catalog/person_page.h"
#include "catalog/title_paths.h"
#include "core/text.h"
#include "storage/store.h"
#include "web/html/blocks/cards.h"
#include "web/html/blocks/score_views.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

// One row per title, its roles joined: "Jean-Luc Picard, Executive Producer".
struct CreditLine {
  const Title* title;
  std::string name, path, meta, year;
  std::vector<std::string> roles;
};

CreditLine LineOf(const PersonCreditRow& c, const catalog::TitleFacts& facts) {
  CreditLine r;
  const Title& t = c.title;
  r.title = &t;
  if (t.kind == TitleKind::kSeason && c.series) {
    r.name = c.series->name + ": " + catalog::SeasonName(t.number);
    r.path = catalog::SeasonPath(*c.series, t.number);
    r.meta = "TV season";
    r.year = catalog::Year(t);
  } else if (t.kind == TitleKind::kEpisode && c.series && c.season) {
    r.name = c.series->name + " " + catalog::EpisodeCode(c.season->number, t.number) + ": " + t.name;
    r.path = catalog::EpisodePath(*c.series, c.season->number, t.number);
    r.meta = "TV episode";
    r.year = catalog::Year(t);
  } else {
    r.name = t.name;
    r.path = catalog::TopTitlePath(t);
    r.meta = catalog::KindLabel(t);
    r.year = facts.Years(t);
  }
  return r;
}

std::vector<CreditLine> CreditLines(const catalog::PersonPage& page) {
  std::vector<CreditLine> rows;
  std::map<Id, size_t> index;
  for (const auto& c : page.credits) {
    auto [it, fresh] = index.emplace(c.title.id, rows.size());
    if (fresh) rows.push_back(LineOf(c, page.facts));
    auto& roles = rows[it->second].roles;
    std::string role =
        c.credit.role.empty() ? (c.credit.kind == CreditKind::kCast ? "Cast" : "Crew") : c.credit.role;
    if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
  }
  return rows;
}

}  // namespace

HttpResponse Person(const Site& site, const HttpRequest& req, const RouteParams& p) {
  REEL_ASSIGN_OR_PAGE(page, ReadOnce(site.store(), [&](Store& s) {
                        return catalog::LoadPersonPage(s, p.at("slug"), site.today());
                      }));
  const reel::Person& person = page.person;
  const std::vector<CreditLine> rows = CreditLines(page);
  View list = View::MakeList();
  for (const auto& r : rows) {
    View row = CardView(r.name, r.path, r.meta, page.facts.ScoresOf(*r.title));
    list.Push(row.Set("year", r.year).Set("roles", Join(r.roles, ", ")));
  }
  View v;
  v.Set("name", person.name);
  v.Set("born", person.born ? person.born->ToLong() : "");
  v.Set("birthplace", person.birthplace);
  v.Set("bio", ParagraphsView(person.bio));
  v.Set("credits", std::move(list));
  v.Set("has_credits", !rows.empty());
  View known = View::MakeList();
  for (const auto& t : page.known_for) known.Push(TitleCard(page.facts, t));
  v.Set("known_for", std::move(known));
  v.Set("has_known_for", !page.known_for.empty());
  return Page(site, req, "person", v,
              {person.name, Truncate(person.bio, 160), "", catalog::PersonPath(person)});
}

}  // namespace reel::web::pages
