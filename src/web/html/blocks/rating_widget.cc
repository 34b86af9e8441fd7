#include "web/html/blocks/rating_widget.h"

#include <cmath>

#include "web/html/page.h"

namespace reel::web {
namespace {

// The labels of the rate-and-review widget, per whole star (seed 000).
constexpr const char* kStarLabels[] = {"Oof, that was Rotten.", "Meh, it passed the time.",
                                       "It's good – I'd recommend it.", "Awesome!",
                                       "So Fresh: Absolute Must See!"};

}  // namespace

View RatingWidget(const std::optional<Viewer>& viewer, const Title& title, const std::string& page_path,
                  const std::optional<Rating>& mine, Date today) {
  View w;
  w.Set("action", page_path + "/rating");
  w.Set("kind_name", title.kind == TitleKind::kFilm ? "movie" : TitleKindName(title.kind));
  w.Set("signed_in", viewer.has_value());
  w.Set("signin_href", "/account/signin?next=" + page_path);
  const bool upcoming = title.release && title.release->start > today;
  w.Set("upcoming", upcoming);
  if (!viewer) return w;
  w.Set("csrf", viewer->session.csrf_token);
  const double current = mine ? mine->stars : 0;
  w.Set("has_rating", mine.has_value());
  w.Set("verified", mine && mine->verified);
  w.Set("review", mine ? mine->review : "");
  w.Set("review_pending", mine && !mine->review.empty() && mine->review_status != ModerationStatus::kApproved);
  w.Set("current", mine ? StarsNumber(current) : "");
  View options = View::MakeList();
  for (int half = 10; half >= 1; --half) {
    const double stars = half / 2.0;
    View o;
    o.Set("value", StarsNumber(stars));
    o.Set("id", "stars-" + std::to_string(half));
    o.Set("checked", std::fabs(stars - current) < 0.01);
    o.Set("label", half % 2 == 0 ? std::string(kStarLabels[half / 2 - 1]) : "");
    options.Push(std::move(o));
  }
  w.Set("options", std::move(options));
  return w;
}

}  // namespace reel::web
