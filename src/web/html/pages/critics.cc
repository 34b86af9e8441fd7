// A critic's page (/critics/<slug>: their publications, how often their verdict
// agrees with the titles' critic scores, their grade histogram, every review a page
// at a time with its original grade and the score it maps to) and a publication's
// (/critics/source/<slug>: its critics a page at a time, the grade scales it uses
// with the fresh line the scoring engine calibrates on each, its reviews a page at
// a time). Each loads its read model (catalog/browse_page.h) once.
#include <algorithm>
#include <cmath>
#include <string>

#include "catalog/browse_page.h"
#include "catalog/catalog.h"
#include "catalog/title_paths.h"
#include "core/parse.h"
#include "scoring/grade.h"
#include "scoring/score.h"
#include "storage/store.h"
#include "web/html/blocks/pager.h"
#include "web/html/blocks/reviews.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

// The title a review is of, named and linked as its own page is.
void SetReviewTitle(View& v, const ReviewOfTitle& r) {
  std::string name = r.title.name;
  if (r.series && r.title.kind == TitleKind::kSeason) name = r.series->name + ": " + catalog::SeasonName(r.title.number);
  if (r.series && r.season && r.title.kind == TitleKind::kEpisode) {
    name = r.series->name + " " + catalog::EpisodeCode(r.season->number, r.title.number) + ": " + r.title.name;
  }
  const std::string year = catalog::Year(r.title);
  v.Set("title_name", name + (year.empty() ? "" : " (" + year + ")"));
  v.Set("title_href", catalog::TitlePagePath(r.title, r.season ? &*r.season : nullptr, r.series ? &*r.series : nullptr));
  if (r.title_critic_percent >= 0) v.Set("title_score", r.title_critic_percent);
}

// The reviews part of a critic's or publication's page: switch, list, pager.
View ReviewsBlock(const catalog::ReviewsPart& part, const std::string& base) {
  View list = View::MakeList();
  for (const auto& r : part.reviews) {
    View v = CriticReviewView(r.row);
    SetReviewTitle(v, r);
    list.Push(std::move(v));
  }
  View out = ReviewSwitchView(part.query, part.tally, base, "reviews");
  out.Set("empty", list.list().empty() && !part.past_end);
  out.Set("past_end", part.past_end);
  out.Set("reviews", std::move(list));
  return out;
}

// Ten bars, one per tenth of reel's 0..100 scale, as CSS widths.
View HistogramView(const CriticReviewTally& t) {
  int64_t most = 1;
  for (auto n : t.grade_histogram) most = std::max(most, n);
  View bars = View::MakeList();
  for (int d = 9; d >= 0; --d) {
    const int64_t n = t.grade_histogram[d];
    bars.Push(View()
                  .Set("label", std::to_string(d * 10) + "–" + std::to_string(d == 9 ? 100 : d * 10 + 9))
                  .Set("count", static_cast<long long>(n))
                  .Set("width", static_cast<int>(std::lround(100.0 * static_cast<double>(n) / static_cast<double>(most)))));
  }
  return bars;
}

Result<int64_t> PageParam(const HttpRequest& req, const char* key) {
  const std::string v = req.Query(key);
  if (v.empty()) return int64_t{1};
  auto n = ParsePositive(v);
  if (!n) return InvalidArgument(std::string(key) + ": must be a page number, 1 or more");
  return *n;
}

}  // namespace

HttpResponse CriticPage(const Site& site, const HttpRequest& req, const RouteParams& p) {
  const auto query = catalog::ParseReviewListQuery(req.query);
  if (!query.ok()) return BadQueryPage(query.status());
  REEL_ASSIGN_OR_PAGE(page, ReadOnce(site.store(), [&](Store& s) {
                        return catalog::LoadCriticPage(s, p.at("slug"), *query);
                      }));
  const std::string path = catalog::CriticPath(page.critic);
  const CriticReviewTally& t = page.reviews.tally;
  View v;
  v.Set("name", page.critic.name);
  v.Set("top_critic", page.critic.top_critic);
  View pubs = View::MakeList();
  for (const auto& pc : page.publications) {
    pubs.Push(View()
                  .Set("name", pc.publication.name)
                  .Set("href", catalog::PublicationPath(pc.publication))
                  .Set("count", static_cast<long long>(pc.reviews)));
  }
  v.Set("has_publications", !page.publications.empty());
  v.Set("publications", std::move(pubs));
  v.Set("review_count", static_cast<long long>(t.all));
  v.Set("judged", static_cast<long long>(t.judged));
  if (t.judged > 0) {
    v.Set("agreement", static_cast<int>(std::lround(100.0 * static_cast<double>(t.agreed) / static_cast<double>(t.judged))));
  }
  v.Set("fresh_percent", scoring::kPositiveBadgePercent);
  v.Set("graded", static_cast<long long>(t.graded));
  v.Set("histogram", HistogramView(t));
  v.Set("critic_reviews", ReviewsBlock(page.reviews, path));
  return Page(site, req, "critic", v, {page.critic.name + ": critic", "Every review by " + page.critic.name + ".",
                                       "", path});
}

HttpResponse PublicationPage(const Site& site, const HttpRequest& req, const RouteParams& p) {
  const auto query = catalog::ParseReviewListQuery(req.query);
  if (!query.ok()) return BadQueryPage(query.status());
  const auto critics_page = PageParam(req, "cpage");
  if (!critics_page.ok()) return BadQueryPage(critics_page.status());
  REEL_ASSIGN_OR_PAGE(page, ReadOnce(site.store(), [&](Store& s) {
                        return catalog::LoadPublicationPage(s, p.at("slug"), *query, *critics_page);
                      }));
  const std::string path = catalog::PublicationPath(page.publication);
  View v;
  v.Set("name", page.publication.name);
  v.Set("url", page.publication.url);
  View critics = View::MakeList();
  for (const auto& c : page.critics) {
    critics.Push(View()
                     .Set("name", c.critic.name)
                     .Set("href", catalog::CriticPath(c.critic))
                     .Set("top_critic", c.critic.top_critic)
                     .Set("count", static_cast<long long>(c.reviews)));
  }
  v.Set("critics", std::move(critics));
  v.Set("critics_total", static_cast<long long>(page.critics_total));
  v.Set("critics_past_end", page.critics.empty() && page.critics_page > 1);
  v.Set("critics_pager",
        View().Set("pager", PagerView(page.critics_page,
                                      (page.critics_total + catalog::kPublicationCriticsShown - 1) /
                                          catalog::kPublicationCriticsShown,
                                      [&](int64_t n) { return path + "?cpage=" + std::to_string(n) + "#critics"; })));
  View scales = View::MakeList();
  for (const auto& s : page.scales) {
    scales.Push(View()
                    .Set("family", s.family)
                    .Set("grades", static_cast<long long>(s.grades))
                    .Set("labelled", static_cast<long long>(s.labelled))
                    .Set("fresh_line", scoring::FormatScore(s.fresh_line)));
  }
  v.Set("has_scales", !page.scales.empty());
  v.Set("scales", std::move(scales));
  if (page.bare_scale) v.Set("bare_scale", scoring::FormatScore(*page.bare_scale));
  v.Set("review_count", static_cast<long long>(page.reviews.tally.all));
  v.Set("critic_reviews", ReviewsBlock(page.reviews, path));
  return Page(site, req, "publication", v,
              {page.publication.name + ": publication", "Critics and reviews of " + page.publication.name + ".", "",
               path});
}

}  // namespace reel::web::pages
