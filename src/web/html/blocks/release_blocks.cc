// The calendar's blocks on title pages (see release_blocks.h).
#include "web/html/blocks/release_blocks.h"

#include "audience/critic_posts.h"
#include "catalog/catalog.h"
#include "catalog/title_paths.h"
#include "storage/store.h"
#include "web/html/page.h"

namespace reel::web {
namespace {

const char* StatusText(ReleaseStatus s) {
  switch (s) {
    case ReleaseStatus::kRumoured: return "Rumoured";
    case ReleaseStatus::kAnnounced: return "Announced";
    case ReleaseStatus::kConfirmed: return "Confirmed";
    case ReleaseStatus::kReleased: return "Released";
  }
  return "";
}

const char* PrecisionText(ReleasePrecision p) {
  switch (p) {
    case ReleasePrecision::kYear: return "the year";
    case ReleasePrecision::kEarlyYear:
    case ReleasePrecision::kMidYear:
    case ReleasePrecision::kLateYear: return "part of the year";
    case ReleasePrecision::kQuarter: return "the quarter";
    case ReleasePrecision::kMonth: return "the month";
    case ReleasePrecision::kDay: return "the day";
    case ReleasePrecision::kDayTime: return "the minute";
  }
  return "";
}

// "Sep 1, 2021" of a recorded-at timestamp; "" when unknown.
std::string WhenRecorded(const std::string& changed_at) {
  auto d = DateOf(changed_at);
  return d ? d->ToShort() : "";
}

View Choices(const char* const* names, size_t n, const std::string& chosen) {
  View list = View::MakeList();
  for (size_t i = 0; i < n; ++i) list.Push(View().Set("value", names[i]).Set("selected", chosen == names[i]));
  return list;
}

}  // namespace

Status LoadReleaseInto(Store& store, const Title& title, calendar::ReleaseInfo& out) {
  REEL_ASSIGN_OR_RETURN(out, calendar::LoadReleaseInfo(store, title));
  return Status::Ok();
}

Status LoadCalendarParts(Store& store, const catalog::SeriesPage& page, const std::optional<Viewer>& viewer,
                         const Date& today, std::optional<calendar::NextSeason>& next, bool& following) {
  REEL_ASSIGN_OR_RETURN(next, calendar::LoadNextSeason(store, page.seasons, today));
  if (viewer) {
    REEL_ASSIGN_OR_RETURN(following, store.IsFollowing(viewer->user.id, page.series.id));
  }
  return Status::Ok();
}

calendar::TimeZone ReaderZone(const Site& site, const std::optional<Viewer>& viewer) {
  if (!viewer) return calendar::TimeZone();
  auto settings = site.store().GetCalendarSettings(viewer->user.id);
  if (!settings.ok() || settings->time_zone.empty()) return calendar::TimeZone();
  auto zone = calendar::TimeZone::Load(settings->time_zone);
  return zone.ok() ? *zone : calendar::TimeZone();
}

View ReleaseFormView(const std::string& page_path, const std::string& csrf, const calendar::ReleaseInput& typed) {
  static const char* const kPrecisions[] = {"year", "early", "mid", "late", "quarter", "month", "day", "time"};
  static const char* const kStatuses[] = {"rumoured", "announced", "confirmed", "released"};
  View f;
  f.Set("action", page_path + "/release-date");
  f.Set("csrf", csrf);
  f.Set("date", typed.date);
  f.Set("time", typed.time);
  f.Set("time_zone", typed.time_zone);
  f.Set("region", typed.region);
  f.Set("source", typed.source);
  f.Set("precisions", Choices(kPrecisions, 8, typed.precision.empty() ? "day" : typed.precision));
  f.Set("statuses", Choices(kStatuses, 4, typed.status));
  return f;
}

View ReleaseBlockView(const calendar::ReleaseInfo& info, const calendar::TimeZone& zone, const Title& title,
                      const std::string& page_path, const std::optional<Viewer>& viewer) {
  View r;
  const bool editor = viewer && audience::IsEditor(viewer->user);
  if (!info.best && !editor) return View(false);
  r.Set("label", title.kind == TitleKind::kSeason ? "Premiere" : "Release date");
  if (info.best) {
    r.Set("date", calendar::FormatRelease(*info.best, zone));
    r.Set("status", StatusText(info.best->status));
    r.Set("precision", PrecisionText(PrecisionOf(*info.best)));
  }
  View history = View::MakeList();
  for (auto it = info.history.rbegin(); it != info.history.rend(); ++it) {
    history.Push(View()
                     .Set("date", calendar::FormatRelease(*it, zone))
                     .Set("status", StatusText(it->status))
                     .Set("region", it->region)
                     .Set("source", it->source)
                     .Set("recorded", WhenRecorded(it->changed_at))
                     .Set("recorded_iso", it->changed_at)
                     .Set("current", info.best && it->id == info.best->id));
  }
  r.Set("has_history", info.history.size() > 1 || (editor && !info.history.empty()));
  r.Set("history", std::move(history));
  if (PrecisionOf(info.best.value_or(ReleaseDate{})) == ReleasePrecision::kDayTime) r.Set("zone", zone.name());
  if (editor) {
    calendar::ReleaseInput typed;
    r.Set("form", ReleaseFormView(page_path, viewer->session.csrf_token, typed));
  }
  return r;
}

View NextSeasonView(const std::optional<calendar::NextSeason>& next, const calendar::TimeZone& zone,
                    const Title& series) {
  if (!next) return View(false);
  View n;
  n.Set("question", "When will " + catalog::SeasonName(next->season.number) + " be released?");
  n.Set("path", catalog::SeasonPath(series, next->season.number));
  n.Set("season", catalog::SeasonName(next->season.number));
  if (next->release.best) {
    const auto& best = *next->release.best;
    n.Set("date", calendar::FormatRelease(best, zone));
    n.Set("status", StatusText(best.status));
    n.Set("status_lower", ReleaseStatusName(best.status));
    n.Set("precision", PrecisionText(PrecisionOf(best)));
  }
  return n;
}

View FollowView(const std::optional<Viewer>& viewer, const Title& series, bool following) {
  View f;
  f.Set("action", catalog::SeriesPath(series) + "/follow");
  f.Set("signed_in", viewer.has_value());
  f.Set("signin", "/account/signin?next=" + catalog::SeriesPath(series));
  if (viewer) f.Set("csrf", viewer->session.csrf_token);
  f.Set("following", following);
  f.Set("feed", catalog::SeriesPath(series) + "/calendar.ics");
  return f;
}

View CalendarAccountView(Store& store, const Viewer& viewer) {
  constexpr int kFollowsShown = 200;
  View c;
  c.Set("csrf", viewer.session.csrf_token);
  auto settings = store.GetCalendarSettings(viewer.user.id);
  if (settings.ok()) {
    c.Set("zone", settings->time_zone.empty() ? "UTC (not chosen)" : settings->time_zone);
    c.Set("has_feed", settings->has_feed);
    c.Set("feed_made", settings->feed_made_at.substr(0, 10));
  }
  View list = View::MakeList();
  auto follows = store.ListFollowedSeries(viewer.user.id, kFollowsShown + 1, 0);
  if (follows.ok()) {
    for (size_t i = 0; i < follows->size() && i < static_cast<size_t>(kFollowsShown); ++i) {
      const Title& s = (*follows)[i];
      list.Push(View().Set("name", s.name).Set("path", catalog::SeriesPath(s)).Set("action", catalog::SeriesPath(s) + "/follow"));
    }
    c.Set("more_follows", follows->size() > static_cast<size_t>(kFollowsShown));
  }
  c.Set("has_follows", list.size() > 0);
  c.Set("follows", std::move(list));
  return c;
}

}  // namespace reel::web
