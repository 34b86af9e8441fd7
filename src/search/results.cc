// What a search result shows beyond its name (search/search.h): its page, a line
// of detail (a season's series, an episode's code, a character's title and actor,
// a critic's publication) and its title's scores, read for one page of hits.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/title_paths.h"
#include "search/search.h"
#include "storage/store.h"

namespace reel::search {
namespace {

// The titles of the hits and their parents (seasons, series), by id.
Result<std::map<Id, Title>> LoadTitles(Store& store, const std::vector<Hit>& hits) {
  std::map<Id, Title> titles;
  std::vector<Id> want;
  for (const auto& h : hits) {
    if (h.doc.title_id) want.push_back(h.doc.title_id);
  }
  for (int level = 0; level < 3 && !want.empty(); ++level) {
    REEL_ASSIGN_OR_RETURN(auto got, store.GetTitles(want));
    want.clear();
    for (auto& t : got) {
      if (t.parent_id && !titles.count(t.parent_id)) want.push_back(t.parent_id);
      titles[t.id] = std::move(t);
    }
  }
  return titles;
}

const Title* Find(const std::map<Id, Title>& titles, Id id) {
  auto it = titles.find(id);
  return it == titles.end() ? nullptr : &it->second;
}

// A title's page and what names it in a line of detail ("Friends S01E02").
std::pair<std::string, std::string> TitlePlace(const std::map<Id, Title>& titles, const Title& t) {
  const Title* parent = Find(titles, t.parent_id);
  const Title* grand = parent ? Find(titles, parent->parent_id) : nullptr;
  if (t.kind == TitleKind::kSeason && parent) return {catalog::TitlePagePath(t, nullptr, parent), parent->name};
  if (t.kind == TitleKind::kEpisode && parent && grand) {
    return {catalog::TitlePagePath(t, parent, grand), grand->name + " " + catalog::EpisodeCode(parent->number, t.number)};
  }
  return {catalog::TitlePagePath(t, nullptr, nullptr), t.name};
}

Status DescribeOne(Store& store, Hit& h, const std::map<Id, Title>& titles, const std::map<Id, ScoreCounts>& counts,
                   std::string_view now, bool& keep) {
  const std::string& kind = h.doc.kind;
  keep = true;
  if (h.doc.title_id) {
    const Title* t = Find(titles, h.doc.title_id);
    if (!t) return keep = false, Status::Ok();
    auto [path, name] = TitlePlace(titles, *t);
    h.path = path;
    if (auto c = counts.find(t->id); c != counts.end()) h.counts = c->second;
    if (kind == "episode" || kind == "season") h.detail = kind == "episode" ? name : "";
    if (kind == "character") {
      h.detail = name;
      if (auto p = store.GetPerson(h.doc.person_id); p.ok()) h.detail += " · played by " + p->name;
      if (!t->release) h.doc.year = 0; else h.doc.year = t->release->year();
    }
    return Status::Ok();
  }
  if (kind == "person") {
    REEL_ASSIGN_OR_RETURN(auto p, store.GetPerson(h.doc.ref_id));
    h.path = catalog::PersonPath(p);
  } else if (kind == "critic") {
    REEL_ASSIGN_OR_RETURN(auto c, store.GetCritic(h.doc.ref_id));
    h.path = catalog::CriticPath(c.slug);
    if (c.publication_id) {
      if (auto pub = store.GetPublication(c.publication_id); pub.ok()) h.detail = pub->name;
    }
  } else if (kind == "publication") {
    REEL_ASSIGN_OR_RETURN(auto p, store.GetPublication(h.doc.ref_id));
    h.path = catalog::PublicationPath(p.slug);
  } else if (kind == "article") {
    REEL_ASSIGN_OR_RETURN(auto a, store.GetArticle(h.doc.ref_id));
    keep = !a.published_at.empty() && a.published_at <= now;  // Scheduled ones wait.
    h.path = catalog::ArticlePath(a.slug);
  }
  return Status::Ok();
}

}  // namespace

Status Describe(Store& store, std::vector<Hit>& hits, std::string_view now) {
  REEL_ASSIGN_OR_RETURN(const auto titles, LoadTitles(store, hits));
  std::vector<Id> ids;
  for (const auto& h : hits) {
    if (h.doc.title_id) ids.push_back(h.doc.title_id);
  }
  REEL_ASSIGN_OR_RETURN(const auto counts, store.GetScoreCountsFor(ids));
  std::vector<Hit> kept;
  for (auto& h : hits) {
    bool keep = false;
    Status st = DescribeOne(store, h, titles, counts, now, keep);
    if (st.code() == StatusCode::kNotFound) continue;  // Gone since it was indexed.
    REEL_TRY(st);
    if (keep) kept.push_back(std::move(h));
  }
  hits = std::move(kept);
  return Status::Ok();
}

}  // namespace reel::search
