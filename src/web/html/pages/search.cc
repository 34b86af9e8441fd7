// The search page (/search?q=&type=&page=): one page of results grouped by kind
// (the best-ranked kind first), each with its kind, year, detail and scores; tabs
// by kind with their counts; "did you mean"; a helpful page for an empty query.
// Also the header search box's script (/static/search.js). Any thread.
#include <algorithm>
#include <string>
#include <vector>

#include "catalog/title_paths.h"
#include "core/date.h"
#include "core/embedded.h"
#include "core/parse.h"
#include "core/text.h"
#include "search/search.h"
#include "storage/store.h"
#include "web/html/blocks/score_views.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

// The query from the request; InvalidArgument naming the field at fault.
Result<search::Query> ParseQuery(const HttpRequest& req) {
  search::Query q;
  q.text = std::string(req.Query("q"));
  q.kind = std::string(req.Query("type"));
  if (const auto page = req.Query("page"); !page.empty()) {
    const auto n = ParseInt(page);
    if (!n || *n < 1 || *n > 1000000) return InvalidArgument("page: a whole number from 1 to 1000000");
    q.page = static_cast<int>(*n);
  }
  REEL_TRY(search::CheckQuery(q));
  return q;
}

View HitView(const search::Hit& h) {
  std::string meta = search::KindLabel(h.doc.kind, false);
  if (h.doc.year > 0) meta += " · " + std::to_string(h.doc.year);
  View v = CardView(h.doc.label, h.path, meta, TitleScores{false, h.counts.value_or(ScoreCounts{}), {}});
  v.Set("detail", h.detail);
  v.Set("has_scores", h.counts.has_value());
  return v;
}

// The page's hits, grouped by kind in the order each kind first appears.
View Groups(const search::Results& r) {
  std::vector<std::string> order;
  for (const auto& h : r.hits) {
    if (std::find(order.begin(), order.end(), h.doc.kind) == order.end()) order.push_back(h.doc.kind);
  }
  View groups = View::MakeList();
  for (const auto& kind : order) {
    View hits = View::MakeList();
    for (const auto& h : r.hits) {
      if (h.doc.kind == kind) hits.Push(HitView(h));
    }
    groups.Push(View().Set("kind", kind).Set("label", search::KindLabel(kind, true)).Set("hits", std::move(hits)));
  }
  return groups;
}

View KindTabs(const search::Results& r, const std::string& current) {
  View tabs = View::MakeList();
  int64_t all = 0;
  for (const auto& [kind, n] : r.kinds) all += n;
  tabs.Push(View().Set("label", "All").Set("count", std::to_string(all)).Set("href", catalog::SearchPath(r.query))
                .Set("current", current.empty()));
  for (const auto& kind : search::Kinds()) {
    auto it = r.kinds.find(kind);
    if (it == r.kinds.end()) continue;
    tabs.Push(View().Set("label", search::KindLabel(kind, true)).Set("count", std::to_string(it->second))
                  .Set("href", catalog::SearchPath(r.query, kind)).Set("current", current == kind));
  }
  return tabs;
}

void SetResults(View& v, const search::Results& r, const std::string& kind) {
  v.Set("has_query", true);
  const std::string count = r.total >= search::kMaxHits ? "More than " + std::to_string(search::kMaxHits) + " results"
                            : r.total == 1                ? "1 result"
                                                          : std::to_string(r.total) + " results";
  v.Set("summary", r.total == 0 ? "Nothing found for “" + r.query + "”." : count + " for “" + r.query + "”");
  v.Set("has_kinds", !r.kinds.empty());
  v.Set("kinds", KindTabs(r, kind));
  v.Set("groups", Groups(r));
  if (!r.did_you_mean.empty()) {
    v.Set("did_you_mean", r.did_you_mean);
    v.Set("did_you_mean_href", catalog::SearchPath(r.did_you_mean, kind));
  }
  const int64_t pages = r.Pages();
  v.Set("page", std::to_string(r.page));
  v.Set("past_end", r.total > 0 && r.hits.empty());
  v.Set("first_href", catalog::SearchPath(r.query, kind));
  if (pages > 1 && r.page <= pages) {
    v.Set("pages", std::to_string(pages));
    if (r.page > 1) v.Set("prev_href", catalog::SearchPath(r.query, kind, r.page - 1));
    if (r.page < pages) v.Set("next_href", catalog::SearchPath(r.query, kind, r.page + 1));
  }
}

}  // namespace

HttpResponse Search(const Site& site, const HttpRequest& req, const RouteParams&) {
  View v;
  auto q = ParseQuery(req);
  const std::string text(req.Query("q").substr(0, search::kMaxQueryChars));
  v.Set("query", text);
  if (!q.ok()) {
    v.Set("error", std::string(q.status().message()));
    v.Set("help", true);
    HttpResponse res = Page(site, req, "search", v, {"Search", "", "", "/search"});
    res.status = 400;
    return res;
  }
  v.Set("kind", q->kind);
  if (Trim(q->text).empty()) {
    v.Set("help", true);
    return Page(site, req, "search", v, {"Search", "Search films, TV, people and critics", "", "/search"});
  }
  REEL_ASSIGN_OR_PAGE(r, ReadOnce(site.store(), [&](Store& s) { return search::Run(s, *q, UtcTimestamp()); }));
  SetResults(v, r, q->kind);
  if (r.total == 0 && r.did_you_mean.empty()) v.Set("help", true);
  return Page(site, req, "search", v, {"Search: " + q->text, "", "", "/search"});
}

HttpResponse SearchScript(const Site&, const HttpRequest&, const RouteParams&) {
  static const std::string kBody(EmbeddedFile("src/web/static/search.js").value_or(""));
  HttpResponse res;
  res.status = 200;
  res.content_type = "text/javascript; charset=utf-8";
  res.headers.emplace_back("Cache-Control", "public, max-age=3600");
  res.body = kBody;
  return res;
}

}  // namespace reel::web::pages
