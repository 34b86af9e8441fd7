// The iCalendar feeds (RFC 5545; calendar/ics.h writes them): /calendar.ics with
// Sonarr's options (pastDays, default 7; futureDays, default 28; premieresOnly;
// asAllDay; and type=tv|film), /tv/<slug>/calendar.ics (every dated episode of a
// series) and a reader's personal feed of the series they follow at a secret
// address (/calendar/feed/<secret>.ics). Only dates known to the day are events;
// coarser ones ("March 2022", "early 2022") are left out of every feed and listed
// on /calendar as expected. A bad option is a 400 naming it.
#include <chrono>

#include "calendar/calendar.h"
#include "catalog/title_paths.h"
#include "core/parse.h"
#include "storage/store.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

constexpr int kFeedLimit = 5000;

Result<bool> BoolOption(const HttpRequest& req, std::string_view name) {
  const std::string v(req.Query(name));
  if (v.empty() || v == "false" || v == "0") return false;
  if (v == "true" || v == "1") return true;
  return InvalidArgument(std::string(name) + ": true or false");
}

Result<int> DaysOption(const HttpRequest& req, std::string_view name, int fallback, int max) {
  const std::string v(req.Query(name));
  if (v.empty()) return fallback;
  int n = 0;
  if (!calendar::SmallNumber(v, n) || n < 0 || n > max) {
    return InvalidArgument(std::string(name) + ": a whole number of days from 0 to " + std::to_string(max));
  }
  return n;
}

HttpResponse IcsResponse(const Site& site, const std::string& name, const std::vector<calendar::CalendarEntry>& entries,
                         calendar::AllDay all_day, const char* cache) {
  const int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  HttpResponse res = HttpResponse::Text(
      200, calendar::WriteIcs(name, calendar::FeedEvents(entries, site.options().public_url, all_day), now));
  res.content_type = "text/calendar; charset=utf-8";
  res.headers.emplace_back("Cache-Control", cache);
  return res;
}

HttpResponse FeedError(const Status& st) {
  HttpResponse res = HttpResponse::Text(HttpStatusFor(st), st.message() + "\n");
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

}  // namespace

HttpResponse CalendarFeed(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto past = DaysOption(req, "pastDays", 7, 366);
  if (!past.ok()) return FeedError(past.status());
  auto future = DaysOption(req, "futureDays", 28, 731);
  if (!future.ok()) return FeedError(future.status());
  auto premieres = BoolOption(req, "premieresOnly");
  if (!premieres.ok()) return FeedError(premieres.status());
  auto all_day = BoolOption(req, "asAllDay");
  if (!all_day.ok()) return FeedError(all_day.status());
  const std::string type(req.Query("type"));
  if (!type.empty() && type != "tv" && type != "film") return FeedError(InvalidArgument("type: tv or film"));
  calendar::CalendarFilters f;
  f.premieres_only = *premieres;
  f.tv = type != "film";
  f.films = type != "tv";
  const Date today = site.today();
  auto entries = ReadOnce(site.store(), [&](Store& s) {
    return calendar::LoadFeedEntries(s, Date::FromDays(today.ToDays() - *past), Date::FromDays(today.ToDays() + *future),
                                     f, kFeedLimit);
  });
  if (!entries.ok()) return FeedError(entries.status());
  return IcsResponse(site, "reel: coming up", *entries, *all_day ? calendar::AllDay::kAlways : calendar::AllDay::kIfNoTime,
                     "public, max-age=300");
}

HttpResponse SeriesCalendarFeed(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto all_day = BoolOption(req, "asAllDay");
  if (!all_day.ok()) return FeedError(all_day.status());
  std::string name;
  auto entries = ReadOnce(site.store(), [&](Store& s) -> Result<std::vector<calendar::CalendarEntry>> {
    REEL_ASSIGN_OR_RETURN(auto series, s.FindTitleBySlug(TitleKind::kSeries, p.at("slug")));
    name = series.name;
    calendar::CalendarFilters f;
    f.films = false;
    f.series_id = series.id;
    return calendar::LoadFeedEntries(s, Date{1870, 1, 1}, Date{2200, 12, 31}, f, kFeedLimit);
  });
  if (!entries.ok()) return FeedError(entries.status());
  return IcsResponse(site, "reel: " + name, *entries, *all_day ? calendar::AllDay::kAlways : calendar::AllDay::kIfNoTime,
                     "public, max-age=300");
}

HttpResponse PersonalCalendarFeed(const Site& site, const HttpRequest& req, const RouteParams& p) {
  std::string_view file = p.at("file");
  if (file.size() > 4 && file.substr(file.size() - 4) == ".ics") file.remove_suffix(4);
  auto all_day = BoolOption(req, "asAllDay");
  if (!all_day.ok()) return FeedError(all_day.status());
  const Date today = site.today();
  auto entries = ReadOnce(site.store(), [&](Store& s) -> Result<std::vector<calendar::CalendarEntry>> {
    REEL_ASSIGN_OR_RETURN(const Id owner, calendar::FeedOwner(s, file));
    calendar::CalendarFilters f;
    f.films = false;
    f.follower_id = owner;
    return calendar::LoadFeedEntries(s, Date::FromDays(today.ToDays() - 30), Date::FromDays(today.ToDays() + 366), f,
                                     kFeedLimit);
  });
  if (!entries.ok()) return FeedError(entries.status());
  return IcsResponse(site, "reel: series I follow", *entries,
                     *all_day ? calendar::AllDay::kAlways : calendar::AllDay::kIfNoTime, "private, no-cache");
}

}  // namespace reel::web::pages
