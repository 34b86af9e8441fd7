// The calendar page (/calendar): what airs or premieres in one ISO week, day by day
// in the reader's time zone (?tz=, else the zone a signed-in reader saved, else UTC),
// with filters (premieres only, series I follow, TV or films) kept in stable URLs
// (?week=2026-W49&tz=Europe/Paris&...); dates known only to a month, quarter or
// part of a year are listed apart as "expected". And the reader's calendar settings
// (POST /account/calendar: the zone to remember, a new personal feed secret).
#include <spdlog/spdlog.h>

#include "audience/accounts.h"
#include "calendar/calendar.h"
#include "catalog/title_paths.h"
#include "core/text.h"
#include "storage/store.h"
#include "web/html/blocks/release_blocks.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

constexpr const char* kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

struct CalendarAsk {
  std::optional<Date> monday;  // Absent: this week (the page redirects to it).
  calendar::TimeZone zone;
  bool zone_given = false;
  calendar::CalendarFilters filters;
  std::string type = "all";
  bool follows = false;
};

Result<CalendarAsk> ParseAsk(const Site& site, const HttpRequest& req, const std::optional<Viewer>& viewer) {
  CalendarAsk ask;
  if (auto w = req.Query("week"); !w.empty()) {
    REEL_ASSIGN_OR_RETURN(ask.monday, calendar::ParseIsoWeek(w));
  }
  if (auto tz = req.Query("tz"); !tz.empty()) {
    REEL_ASSIGN_OR_RETURN(ask.zone, calendar::TimeZone::Load(tz));
    ask.zone_given = true;
  } else {
    ask.zone = ReaderZone(site, viewer);
  }
  const std::string premieres(req.Query("premieres"));
  if (!premieres.empty() && premieres != "1") return InvalidArgument("premieres: 1 or absent");
  ask.filters.premieres_only = premieres == "1";
  const std::string follows(req.Query("follows"));
  if (!follows.empty() && follows != "1") return InvalidArgument("follows: 1 or absent");
  ask.follows = follows == "1";
  if (ask.follows && viewer) ask.filters.follower_id = viewer->user.id;
  if (ask.follows && !viewer) return PermissionDenied("follows: sign in to see the series you follow");
  ask.type = req.Query("type").empty() ? "all" : std::string(req.Query("type"));
  if (ask.type != "all" && ask.type != "tv" && ask.type != "film") return InvalidArgument("type: all, tv or film");
  ask.filters.tv = ask.type != "film";
  ask.filters.films = ask.type != "tv";
  return ask;
}

// A zone name in a query, its slashes kept readable ("tz=Europe/Paris").
std::string ZoneParam(const std::string& zone) {
  std::string out = EncodeUrlValue(zone);
  for (size_t at = out.find("%2F"); at != std::string::npos; at = out.find("%2F", at)) out.replace(at, 3, "/");
  return out;
}

std::string AskPath(const CalendarAsk& ask, const Date& monday) {
  std::string path = "/calendar?week=" + calendar::IsoWeekOf(monday) + "&tz=" + ZoneParam(ask.zone.name());
  if (ask.filters.premieres_only) path += "&premieres=1";
  if (ask.follows) path += "&follows=1";
  if (ask.type != "all") path += "&type=" + ask.type;
  return path;
}

View EntryView(const calendar::CalendarEntry& e, const calendar::TimeZone& zone) {
  View v;
  v.Set("summary", calendar::SummaryOf(e));
  v.Set("path", calendar::PathOf(e));
  v.Set("premiere", e.premiere);
  v.Set("film", e.title.kind == TitleKind::kFilm);
  v.Set("status", ReleaseStatusName(e.date.status));
  if (PrecisionOf(e.date) == ReleasePrecision::kDayTime) v.Set("time", zone.LocalTime(e.date.instant));
  v.Set("date", calendar::FormatRelease(e.date, zone));
  return v;
}

View DaysView(const calendar::CalendarWeek& week, const calendar::TimeZone& zone) {
  View days = View::MakeList();
  for (int i = 0; i < 7; ++i) {
    const Date day = Date::FromDays(week.monday.ToDays() + i);
    View entries = View::MakeList();
    for (const auto& e : week.dated) {
      if (e.day == day) entries.Push(EntryView(e, zone));
    }
    const bool empty = entries.size() == 0;
    days.Push(View()
                  .Set("weekday", kWeekdays[i])
                  .Set("date", day.ToLong())
                  .Set("iso", day.ToIso())
                  .Set("entries", std::move(entries))
                  .Set("empty", empty));
  }
  return days;
}

View ZoneOptions(const std::string& chosen) {
  View list = View::MakeList();
  for (const auto& name : calendar::ZoneNames()) list.Push(View().Set("name", name).Set("selected", name == chosen));
  return list;
}

}  // namespace

HttpResponse Calendar(const Site& site, const HttpRequest& req, const RouteParams&) {
  const auto viewer = site.ViewerOf(req);
  auto ask = ParseAsk(site, req, viewer);
  if (!ask.ok()) {
    // The page says which parameter is wrong ("week: ...").
    HttpResponse res = Page(site, req, "calendar_error", View().Set("error", ask.status().message()),
                            {"Calendar", "", "calendar", "/calendar"}, "no-store");
    res.status = HttpStatusFor(ask.status());
    return res;
  }
  if (!ask->monday) {
    // Stable addresses: "this week" is a redirect to the week's own URL.
    const Date today = site.today();
    const int64_t weekday = ((today.ToDays() % 7) + 7 + 3) % 7;
    return HttpResponse::Redirect(302, AskPath(*ask, Date::FromDays(today.ToDays() - weekday)));
  }
  const Date monday = *ask->monday;
  REEL_ASSIGN_OR_PAGE(week, ReadOnce(site.store(), [&](Store& s) {
                        return calendar::LoadCalendarWeek(s, monday, ask->zone, ask->filters);
                      }));
  View v;
  v.Set("week", calendar::IsoWeekOf(monday));
  v.Set("first", monday.ToLong());
  v.Set("last", Date::FromDays(monday.ToDays() + 6).ToLong());
  v.Set("zone", ask->zone.name());
  v.Set("zones", ZoneOptions(ask->zone.name()));
  v.Set("days", DaysView(week, ask->zone));
  View expected = View::MakeList();
  for (const auto& e : week.expected) expected.Push(EntryView(e, ask->zone));
  v.Set("has_expected", expected.size() > 0);
  v.Set("expected", std::move(expected));
  v.Set("truncated", week.truncated);
  v.Set("prev_href", AskPath(*ask, Date::FromDays(monday.ToDays() - 7)));
  v.Set("next_href", AskPath(*ask, Date::FromDays(monday.ToDays() + 7)));
  v.Set("premieres", ask->filters.premieres_only);
  v.Set("follows", ask->follows);
  v.Set("type_all", ask->type == "all");
  v.Set("type_tv", ask->type == "tv");
  v.Set("type_film", ask->type == "film");
  v.Set("signed_in", viewer.has_value());
  if (viewer) v.Set("csrf", viewer->session.csrf_token);
  std::string feed = "/calendar.ics";
  if (ask->filters.premieres_only) feed += "?premieresOnly=true";
  if (ask->type != "all") feed += std::string(ask->filters.premieres_only ? "&" : "?") + "type=" + ask->type;
  v.Set("feed", feed);
  return Page(site, req, "calendar", v,
              {"Calendar: week of " + monday.ToLong(), "What airs and premieres this week.", "calendar",
               AskPath(*ask, monday)});
}

HttpResponse SaveCalendarSettings(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=/account");
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return ErrorPage(BadFormToken());
  if (FormValue(form, "action") == "reset_feed") {
    auto secret = calendar::ResetFeedSecret(site.store(), viewer->user);
    if (!secret.ok()) return ErrorPage(secret.status());
    spdlog::info("calendar feed of user {} reset", viewer->user.id);
    // The secret is shown once, on this page; only its hash is kept.
    View v;
    v.Set("feed_url", site.options().public_url + "/calendar/feed/" + *secret + ".ics");
    return Page(site, req, "calendar_feed_made", v, {"Your calendar feed", "", "", ""}, "no-store");
  }
  const std::string zone = FormValue(form, "tz");
  if (Status st = calendar::SetReaderZone(site.store(), viewer->user, zone); !st.ok()) return ErrorPage(st);
  const std::string next = SafeNext(FormValue(form, "next"));
  return HttpResponse::Redirect(303, next == "/" ? "/account" : next);
}

}  // namespace reel::web::pages
