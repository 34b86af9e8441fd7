// The calendar's blocks on title pages: a season's, episode's or film's release
// ("Premiere: early 2022", its status and the history of statements with when each
// was recorded, and for editors the form that records a new one), a series' "When
// will season N be released?" and its Follow button. Each renders a partial of its
// own (templates/partials/release_dates, next_season, follow); and the calendar's
// part of the account page. Any thread.
#pragma once

#include <optional>
#include <string>

#include "calendar/calendar.h"
#include "catalog/series_page.h"
#include "web/html/view.h"
#include "web/site.h"

namespace reel {
class Store;
}

namespace reel::web {

// Loads `title`'s release info into `out`, inside a page's read (its snapshot).
Status LoadReleaseInto(Store& store, const Title& title, calendar::ReleaseInfo& out);

// A series page's calendar parts, in its read: the next season (if not out) and
// whether the reader follows the series.
Status LoadCalendarParts(Store& store, const catalog::SeriesPage& page, const std::optional<Viewer>& viewer,
                         const Date& today, std::optional<calendar::NextSeason>& next, bool& following);

// The reader's zone: their saved one when signed in, else UTC.
calendar::TimeZone ReaderZone(const Site& site, const std::optional<Viewer>& viewer);

// The view of partials/release_dates (false when there is nothing to show).
View ReleaseBlockView(const calendar::ReleaseInfo& info, const calendar::TimeZone& zone, const Title& title,
                      const std::string& page_path, const std::optional<Viewer>& viewer);
// The editor's release-date form with what was typed and its error.
View ReleaseFormView(const std::string& page_path, const std::string& csrf, const calendar::ReleaseInput& typed);
// The view of partials/next_season (false when the last season is out).
View NextSeasonView(const std::optional<calendar::NextSeason>& next, const calendar::TimeZone& zone,
                    const Title& series);
// The view of partials/follow: a signed-in reader's Follow / Unfollow form.
View FollowView(const std::optional<Viewer>& viewer, const Title& series, bool following);

// The view of partials/calendar_account on the account page: the
// reader's zone, the series they follow (a page of them) and their personal feed.
View CalendarAccountView(Store& store, const Viewer& viewer);

}  // namespace reel::web
