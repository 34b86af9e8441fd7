#include "web/html/score_views.h"

#include <cmath>
#include <cstdio>
#include <utility>

#include "scoring/score.h"

namespace reel::web {

std::string Decimal1(double x) {
  char buf[32];
  const double r = std::round(x * 10) / 10;
  std::snprintf(buf, sizeof buf, r == std::floor(r) ? "%.0f" : "%.1f", r);
  return buf;
}

std::string Plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

int Percent(double share) { return static_cast<int>(std::lround(100 * share)); }

BadgeState BadgeFor(std::optional<int> percent, ScoreKind kind, bool certified) {
  if (!percent) return {"none", kind == ScoreKind::kCritic ? "Not enough reviews yet" : "Not enough ratings yet"};
  const bool positive = *percent >= scoring::kPositiveBadgePercent;
  if (kind == ScoreKind::kCritic) {
    if (certified) return {"certified", "Certified fresh"};
    return positive ? BadgeState{"fresh", "Fresh"} : BadgeState{"rotten", "Rotten"};
  }
  return positive ? BadgeState{"hot", "Hot: mostly positive"} : BadgeState{"stale", "Stale: mostly negative"};
}

void SetBadge(View& v, const BadgeState& b) {
  v.Set("state", b.state);
  v.Set("state_label", b.label);
  for (const char* s : {"fresh", "rotten", "certified", "hot", "stale", "none"}) {
    v.Set(std::string("is_") + s, std::string_view(b.state) == s);
  }
}

namespace {

const char* KindWord(ScoreKind kind) { return kind == ScoreKind::kCritic ? "critic" : "audience"; }

// "63%" with "± 8" and its count, or "—" with the count.
View ScoreView(const scoring::Score& s, ScoreKind kind, bool certified, std::string label) {
  const bool critic = kind == ScoreKind::kCritic;
  View v;
  v.Set("label", std::move(label));
  v.Set("kind", KindWord(kind));
  v.Set("shown", s.percent.has_value());
  v.Set("has_margin", true);
  v.Set("percent", s.percent ? std::to_string(*s.percent) + "%" : "—");
  v.Set("margin", std::to_string(s.margin));
  v.Set("lower", std::to_string(Percent(s.interval.lower)));
  v.Set("upper", std::to_string(Percent(s.interval.upper)));
  v.Set("count", std::to_string(s.count));
  v.Set("count_label", critic ? Plural(s.count, "review", "reviews") : Plural(s.count, "rating", "ratings"));
  v.Set("min", std::to_string(critic ? scoring::kMinCriticReviews : scoring::kMinAudienceRatings));
  SetBadge(v, BadgeFor(s.percent, kind, certified && s.percent));
  return v;
}

// A series' badge: the mean of `shown` seasons' scores, which has no single interval.
View SeriesScoreView(std::optional<int> percent, int shown, ScoreKind kind, std::string label) {
  View v;
  v.Set("label", std::move(label));
  v.Set("kind", KindWord(kind));
  v.Set("shown", percent.has_value());
  v.Set("has_margin", false);
  v.Set("percent", percent ? std::to_string(*percent) + "%" : "—");
  v.Set("count_label", percent ? "Mean of " + Plural(shown, "season", "seasons") + " with a score"
                               : std::string("No season has ") +
                                     (kind == ScoreKind::kCritic ? "a critic" : "an audience") + " score yet");
  v.Set("min", "");
  SetBadge(v, BadgeFor(percent, kind, false));
  return v;
}

View Extra(std::string term, std::string value, std::string note) {
  return View().Set("term", std::move(term)).Set("value", std::move(value)).Set("note", std::move(note));
}

// A secondary share beside a badge: "80% ± 9" or "—", with its count (and, when too
// few, the minimum `min` it is shown from).
View ShareExtra(std::string term, const scoring::Score& s, int min, const char* one, const char* many) {
  std::string value = s.percent ? std::to_string(*s.percent) + "% ± " + std::to_string(s.margin) : "—";
  std::string note = Plural(s.count, one, many);
  if (!s.percent) note += " · shown from " + std::to_string(min);
  return Extra(std::move(term), std::move(value), std::move(note));
}

View Badges(View critic, View audience, bool compact) {
  View v;
  v.Set("compact", compact);
  View badges = View::MakeList();
  badges.Push(std::move(critic));
  badges.Push(std::move(audience));
  v.Set("badges", std::move(badges));
  return v;
}

}  // namespace

View ScoresView(const ScoreCounts& c, bool compact) {
  View critic = ScoreView(scoring::CriticScore(c), ScoreKind::kCritic, c.certified, "Critic score");
  View critic_extras = View::MakeList();
  critic_extras.Push(ShareExtra("Top critics", scoring::TopCriticScore(c), scoring::kMinCriticReviews, "review", "reviews"));
  if (auto g = scoring::AverageGrade(c)) {
    critic_extras.Push(Extra("Average grade", Decimal1(*g / 10) + "/10", Plural(c.graded, "graded review", "graded reviews")));
  }
  critic.Set("has_extras", true);
  critic.Set("extras", std::move(critic_extras));

  View audience = ScoreView(scoring::AudienceScore(c), ScoreKind::kAudience, false, "Audience score");
  View audience_extras = View::MakeList();
  if (c.verified_ratings > 0) {
    audience_extras.Push(ShareExtra("Verified audience", scoring::VerifiedAudienceScore(c),
                                    scoring::kMinAudienceRatings, "verified rating", "verified ratings"));
  }
  if (auto s = scoring::AverageStars(c)) {
    audience_extras.Push(Extra("Average stars", Decimal1(*s) + "/5", Plural(c.ratings, "rating", "ratings")));
  }
  if (c.pre_release > 0) {
    audience_extras.Push(Extra("Before release", std::to_string(c.pre_release) + " want to see", "not counted"));
  }
  audience.Set("has_extras", !audience_extras.list().empty());
  audience.Set("extras", std::move(audience_extras));
  return Badges(std::move(critic), std::move(audience), compact);
}

View SeriesScoresView(const std::vector<ScoreCounts>& seasons) {
  return Badges(SeriesScoreView(scoring::SeriesScore(seasons), scoring::SeasonsWithCriticScore(seasons),
                                ScoreKind::kCritic, "Series critic score"),
                SeriesScoreView(scoring::SeriesAudienceScore(seasons), scoring::SeasonsWithAudienceScore(seasons),
                                ScoreKind::kAudience, "Series audience score"),
                /*compact=*/true);
}

View CardView(std::string name, std::string path, std::string meta, const TitleScores& scores) {
  View v;
  v.Set("name", std::move(name));
  v.Set("path", std::move(path));
  v.Set("meta", std::move(meta));
  // The page's own badges, without the extras only a page has room for.
  View badges = scores.series ? SeriesScoresView(scores.seasons) : ScoresView(scores.counts, /*compact=*/true);
  v.Set("scores", *badges.Get("badges"));
  return v;
}

// "½", "1", "1½" ... "5".
std::string HalfStars(double stars) {
  const int whole = static_cast<int>(std::floor(stars));
  const bool half = stars - whole >= 0.25;
  if (whole == 0) return half ? "½" : "0";
  return std::to_string(whole) + (half ? "½" : "");
}

}  // namespace reel::web
