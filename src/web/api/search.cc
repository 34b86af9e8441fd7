// GET /api/v1/search (a page of results, JSON) and GET /api/v1/search/suggest (the
// top 8 for the header box's script), over the same search as the page
// (search/search.h). Any thread.
#include "core/date.h"
#include "core/parse.h"
#include "search/search.h"
#include "storage/store.h"
#include "web/api/api.h"
#include "web/api/json.h"

namespace reel::web::api {
namespace {

Result<int> IntParam(const HttpRequest& req, const char* name, int fallback, int max) {
  const auto raw = req.Query(name);
  if (raw.empty()) return fallback;
  const auto n = ParseInt(raw);
  if (!n || *n < 1 || *n > max) {
    return InvalidArgument(std::string(name) + ": a whole number from 1 to " + std::to_string(max));
  }
  return static_cast<int>(*n);
}

Json HitJson(const search::Hit& h) {
  Json j = {{"kind", h.doc.kind},
            {"kind_label", search::KindLabel(h.doc.kind, false)},
            {"name", h.doc.label},
            {"path", h.path},
            {"year", h.doc.year > 0 ? Json(h.doc.year) : Json(nullptr)},
            {"detail", h.detail}};
  if (h.counts) j["scores"] = ScoresJson(*h.counts);
  return j;
}

Result<search::Results> RunQuery(const Site& site, const search::Query& q) {
  REEL_TRY(search::CheckQuery(q));
  return ReadOnce(site.store(), [&](Store& s) { return search::Run(s, q, UtcTimestamp()); });
}

}  // namespace

HttpResponse Search(const Site& site, const HttpRequest& req, const RouteParams&) {
  search::Query q;
  q.text = std::string(req.Query("q"));
  q.kind = std::string(req.Query("type"));
  auto page = IntParam(req, "page", 1, 1000000);
  if (!page.ok()) return ErrorReply(page.status());
  auto per_page = IntParam(req, "per_page", 20, search::kMaxPerPage);
  if (!per_page.ok()) return ErrorReply(per_page.status());
  q.page = *page;
  q.per_page = *per_page;
  auto r = RunQuery(site, q);
  if (!r.ok()) return ErrorReply(r.status());
  Json results = Json::array();
  for (const auto& h : r->hits) results.push_back(HitJson(h));
  Json kinds = Json::object();
  for (const auto& [kind, n] : r->kinds) kinds[kind] = n;
  return Reply(200, {{"query", r->query},
                     {"words", r->words},
                     {"did_you_mean", r->did_you_mean.empty() ? Json(nullptr) : Json(r->did_you_mean)},
                     {"page", r->page},
                     {"per_page", r->per_page},
                     {"pages", r->Pages()},
                     {"total", r->total},
                     {"kinds", kinds},
                     {"results", results}});
}

HttpResponse SearchSuggest(const Site& site, const HttpRequest& req, const RouteParams&) {
  search::Query q;
  q.text = std::string(req.Query("q"));
  q.per_page = 8;
  auto r = RunQuery(site, q);
  if (!r.ok()) return ErrorReply(r.status());
  Json results = Json::array();
  for (const auto& h : r->hits) results.push_back(HitJson(h));
  HttpResponse res = Reply(200, {{"query", r->query}, {"results", results}});
  res.headers.emplace_back("Cache-Control", "public, max-age=60");
  return res;
}

}  // namespace reel::web::api
