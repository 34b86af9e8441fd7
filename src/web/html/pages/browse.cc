// The film and series indexes: /m (films), /tv (series), and the friendly entry
// points /genre/<slug> and /year/<yyyy> (the film index with that filter set). Each
// reads its query (catalog/browse_query.h: a bad one is a 400 page naming the
// parameter), loads its read model (catalog/browse_page.h) once and renders the
// filter form, the sorts, the cards and the page numbers.
#include <string>

#include "catalog/browse_page.h"
#include "catalog/title_paths.h"
#include "core/text.h"
#include "storage/store.h"
#include "web/html/blocks/cards.h"
#include "web/html/blocks/pager.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

View FilterForm(const catalog::TitleIndexPage& page) {
  const catalog::IndexQuery& q = page.query;
  View f;
  View genres = View::MakeList();
  for (const auto& g : page.genres) {
    genres.Push(View().Set("slug", g.slug).Set("name", g.name).Set("selected", g.slug == q.genre));
  }
  f.Set("genres", std::move(genres));
  View decades = View::MakeList();
  for (int d = 2020; d >= 1900; d -= 10) {
    decades.Push(View().Set("value", d).Set("selected", d == q.decade));
  }
  f.Set("decades", std::move(decades));
  f.Set("year", q.year ? std::to_string(q.year) : "");
  f.Set("certified", q.certified);
  f.Set("reviewed", q.reviewed);
  auto range = [](int lo, int hi) { return lo < 0 && hi < 0 ? std::string() : (lo >= 0 ? std::to_string(lo) : "") + "-" + (hi >= 0 ? std::to_string(hi) : ""); };
  f.Set("critic", range(q.critic_min, q.critic_max));
  f.Set("audience", range(q.audience_min, q.audience_max));
  f.Set("sort", catalog::SortName(q.sort));
  f.Set("action", q.kind == TitleKind::kSeries ? "/tv" : "/m");
  return f;
}

View SortLinks(const catalog::IndexQuery& query) {
  View list = View::MakeList();
  const std::pair<TitleSort, const char*> sorts[] = {{TitleSort::kPopular, "Most popular"},
                                                     {TitleSort::kCritic, "Critic score"},
                                                     {TitleSort::kAudience, "Audience score"},
                                                     {TitleSort::kNewest, "Newest"},
                                                     {TitleSort::kName, "A–Z"}};
  for (const auto& [sort, label] : sorts) {
    catalog::IndexQuery q = query;
    q.sort = sort;
    list.Push(View().Set("label", label).Set("href", catalog::TitleIndexPath(q, 1)).Set("current", sort == query.sort));
  }
  return list;
}

// The heading: "All films", "Drama films of the 1990s", "TV series from 2004".
std::string Heading(const catalog::TitleIndexPage& page) {
  const catalog::IndexQuery& q = page.query;
  const bool series = q.kind == TitleKind::kSeries;
  if (!page.genre && !q.year && !q.decade) return series ? "All TV series" : "All films";
  std::string out = page.genre ? page.genre->name + (series ? " TV series" : " films") : (series ? "TV series" : "Films");
  if (q.year) out += " from " + std::to_string(q.year);
  else if (q.decade) out += " of the " + std::to_string(q.decade) + "s";
  return out;
}

HttpResponse RenderIndex(const Site& site, const HttpRequest& req, const catalog::TitleIndexPage& page) {
  const catalog::IndexQuery& q = page.query;
  View list = View::MakeList();
  for (size_t i = 0; i < page.listing.titles.size(); ++i) {
    list.Push(TitleCard(page.facts, page.listing.titles[i]));
  }
  View v;
  const std::string heading = Heading(page);
  v.Set("heading", heading);
  v.Set("titles", std::move(list));
  v.Set("form", FilterForm(page));
  v.Set("sorts", SortLinks(q));
  v.Set("count", (page.listing.capped ? "More than " : "") + std::to_string(page.listing.total) +
                     (page.listing.total == 1 ? " title" : " titles"));
  v.Set("empty", page.listing.titles.empty() && !page.past_end);
  v.Set("past_end", page.past_end);
  v.Set("first_href", catalog::TitleIndexPath(q, 1));
  v.Set("page", static_cast<long long>(q.page));
  v.Set("other_kind_href", catalog::TitleIndexPath([&] {
          catalog::IndexQuery o = q;
          o.kind = q.kind == TitleKind::kFilm ? TitleKind::kSeries : TitleKind::kFilm;
          return o;
        }(), 1));
  v.Set("other_kind", q.kind == TitleKind::kFilm ? "the same in TV series" : "the same in films");
  v.Set("pager", PagerView(q.page, page.pages, [&](int64_t n) { return catalog::TitleIndexPath(q, n); }));
  return Page(site, req, "title_index", v,
              {heading + (q.page > 1 ? " (page " + std::to_string(q.page) + ")" : ""),
               "Browse " + heading + " by critic and audience score.", q.kind == TitleKind::kSeries ? "tv" : "movies",
               catalog::TitleIndexPath(q, q.page)});
}

HttpResponse Index(const Site& site, const HttpRequest& req, TitleKind kind, std::multimap<std::string, std::string> params) {
  const auto query = catalog::ParseIndexQuery(kind, params);
  if (!query.ok()) return BadQueryPage(query.status());
  auto page = ReadOnce(site.store(), [&](Store& s) { return catalog::LoadTitleIndex(s, *query, site.today()); });
  if (!page.ok() && page.status().code() == StatusCode::kNotFound && !query->genre.empty()) {
    return ErrorPage(NotFound("genre: no such genre"));
  }
  if (!page.ok()) return ErrorPage(page.status());
  return RenderIndex(site, req, *page);
}

}  // namespace

HttpResponse FilmIndex(const Site& site, const HttpRequest& req, const RouteParams&) {
  return Index(site, req, TitleKind::kFilm, req.query);
}

HttpResponse TvIndex(const Site& site, const HttpRequest& req, const RouteParams&) {
  return Index(site, req, TitleKind::kSeries, req.query);
}

HttpResponse GenreIndex(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto params = req.query;
  params.erase("genre");
  params.emplace("genre", p.at("slug"));
  if (!IsValidSlug(p.at("slug"))) return ErrorPage(NotFound("genre: no such genre"));
  return Index(site, req, TitleKind::kFilm, std::move(params));
}

HttpResponse YearIndex(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto params = req.query;
  params.erase("year");
  params.erase("decade");
  params.emplace("year", p.at("year"));
  return Index(site, req, TitleKind::kFilm, std::move(params));
}

}  // namespace reel::web::pages
