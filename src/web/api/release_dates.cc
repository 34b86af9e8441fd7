// PUT .../release-date of a season, an episode or a film (editors only): records a
// new release date, kept in the title's history, and answers with the title's
// current best date and its whole history. GET .../release-dates reads them.
#include "calendar/calendar.h"
#include "storage/store.h"
#include "web/api/api.h"
#include "web/api/json.h"

namespace reel::web::api {
namespace {

Json DateJson(const ReleaseDate& d) {
  Json j{{"id", d.id},
         {"date", d.date.start.ToIso()},
         {"precision", ReleasePrecisionName(PrecisionOf(d))},
         {"text", calendar::FormatRelease(d, calendar::TimeZone())},
         {"status", ReleaseStatusName(d.status)},
         {"region", d.region},
         {"source", d.source},
         {"recorded_at", d.changed_at}};
  if (PrecisionOf(d) == ReleasePrecision::kDayTime) {
    j["at"] = UtcTimestampOf(d.instant);
    j["time_zone"] = d.time_zone.empty() ? "UTC" : d.time_zone;
  }
  return j;
}

HttpResponse InfoReply(Store& store, const RoutedTitle& routed, int status) {
  auto info = calendar::LoadReleaseInfo(store, routed.title);
  if (!info.ok()) return ErrorReply(info.status());
  Json history = Json::array();
  for (const auto& d : info->history) history.push_back(DateJson(d));
  return Reply(status, {{"path", routed.path},
                        {"release_date", info->best ? DateJson(*info->best) : Json(nullptr)},
                        {"history", history}});
}

}  // namespace

HttpResponse PutReleaseDate(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto w = StartTitleWrite(site.store(), req, p);
  if (!w.ok()) return ErrorReply(w.status());
  calendar::ReleaseInput in;
  in.status = "announced";
  for (auto [name, field, required] : {std::tuple{"date", &in.date, true}, std::tuple{"precision", &in.precision, true},
                                       std::tuple{"time", &in.time, false}, std::tuple{"time_zone", &in.time_zone, false},
                                       std::tuple{"region", &in.region, false}, std::tuple{"source", &in.source, false}}) {
    auto v = Field(w->body, name, required);
    if (!v.ok()) return ErrorReply(v.status());
    *field = *v;
  }
  auto status = Field(w->body, "status", false);
  if (!status.ok()) return ErrorReply(status.status());
  if (!status->empty()) in.status = *status;
  auto id = calendar::SetReleaseDate(site.store(), w->user, w->routed.title, in);
  if (!id.ok()) return ErrorReply(id.status());
  return InfoReply(site.store(), w->routed, 200);
}

HttpResponse GetReleaseDates(const Site& site, const HttpRequest&, const RouteParams& p) {
  auto routed = FindRoutedTitle(site.store(), p);
  if (!routed.ok()) return ErrorReply(routed.status());
  return InfoReply(site.store(), *routed, 200);
}

}  // namespace reel::web::api
