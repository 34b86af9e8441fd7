#include "web/html/blocks/score_views.h"

#include <cmath>
#include <cstdio>
#include <utility>

#include <algorithm>
#include <array>

#include "catalog/badges.h"
#include "scoring/grade.h"
#include "scoring/sentiment.h"
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
  switch (catalog::BadgeOf(percent, kind, certified)) {
    case catalog::Badge::kNone:
      return {"none", kind == ScoreKind::kCritic ? "Not enough reviews yet" : "Not enough ratings yet"};
    case catalog::Badge::kCertified: return {"certified", "Certified fresh"};
    case catalog::Badge::kFresh: return {"fresh", "Fresh"};
    case catalog::Badge::kRotten: return {"rotten", "Rotten"};
    case catalog::Badge::kHot: return {"hot", "Hot: mostly positive"};
    case catalog::Badge::kStale: return {"stale", "Stale: mostly negative"};
  }
  return {"none", ""};
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

namespace {

// ---- Histograms (inline SVG drawn from numbers only) ------------------------------

constexpr double kHistWidth = 220, kHistHeight = 106;
constexpr double kHistLeft = 6, kHistRight = 214;  // Plot area, x.
constexpr double kHistTop = 22, kHistBase = 92;    // Plot area, y (bars grow up from kHistBase).
constexpr double kHistCutLabelY = 7;               // Above the tallest bar's count.

struct HistogramSpec {
  const char* id;             // Unique on the page.
  const char* kind;           // "grades" or "stars".
  std::string caption;        // Visible caption.
  std::string svg_title;      // <title> and the table's caption.
  std::string bucket_header;  // Table column headers.
  std::string count_header;
  const char* one;            // "review" / "rating".
  const char* many;
  std::string empty_text;
  std::string note;
};

// Ten bars of `counts`, labelled by `bucket_labels`, toned "pos" from `positive_from`
// on, with tick labels under the axis and a dashed line where positive starts.
View HistogramView(const HistogramSpec& spec, const std::array<int64_t, 10>& counts,
                   const std::array<std::string, 10>& bucket_labels, int positive_from,
                   const std::vector<std::pair<double, std::string>>& ticks,  // (slot position 0..10, label)
                   std::string cut_label) {
  int64_t total = 0, max = 0;
  for (auto n : counts) total += n, max = std::max(max, n);
  const double slot = (kHistRight - kHistLeft) / 10;
  View v;
  v.Set("id", std::string("hist-") + spec.kind);
  v.Set("kind", spec.kind);
  v.Set("caption", spec.caption);
  v.Set("svg_title", spec.svg_title);
  v.Set("bucket_header", spec.bucket_header);
  v.Set("count_header", spec.count_header);
  v.Set("total_label", Plural(total, spec.one, spec.many));
  v.Set("empty", total == 0);
  v.Set("empty_text", spec.empty_text);
  v.Set("note", spec.note);
  v.Set("width", Decimal1(kHistWidth));
  v.Set("height", Decimal1(kHistHeight));
  std::string desc = Plural(total, spec.one, spec.many) + ".";
  View bars = View::MakeList();
  for (int i = 0; i < 10; ++i) {
    const double h = max > 0 ? (kHistBase - kHistTop) * static_cast<double>(counts[i]) / static_cast<double>(max) : 0;
    const double x = kHistLeft + slot * i + 1.5;
    View b;
    b.Set("x", Decimal1(x));
    b.Set("w", Decimal1(slot - 3));
    b.Set("y", Decimal1(kHistBase - h));
    b.Set("h", Decimal1(h));
    b.Set("cx", Decimal1(x + (slot - 3) / 2));
    b.Set("count_y", Decimal1(kHistBase - h - 2.5));
    b.Set("count", std::to_string(counts[i]));
    b.Set("nonzero", counts[i] > 0);
    b.Set("tone", i >= positive_from ? "pos" : "neg");
    b.Set("bucket_label", bucket_labels[i]);
    b.Set("bar_title", bucket_labels[i] + ": " + Plural(counts[i], spec.one, spec.many));
    bars.Push(std::move(b));
    if (counts[i] > 0) desc += " " + bucket_labels[i] + ": " + std::to_string(counts[i]) + ".";
  }
  v.Set("desc", desc);
  v.Set("bars", std::move(bars));
  v.Set("axis_x1", Decimal1(kHistLeft));
  v.Set("axis_x2", Decimal1(kHistRight));
  v.Set("axis_y", Decimal1(kHistBase + 0.5));
  View tick_list = View::MakeList();
  for (const auto& [pos, label] : ticks) {
    tick_list.Push(View().Set("x", Decimal1(kHistLeft + slot * pos)).Set("y", Decimal1(kHistBase + 11)).Set("label", label));
  }
  v.Set("ticks", std::move(tick_list));
  if (positive_from > 0 && positive_from < 10) {
    const double x = kHistLeft + slot * positive_from;
    v.Set("cut", View()
                     .Set("x", Decimal1(x))
                     .Set("y1", Decimal1(kHistCutLabelY - 6))
                     .Set("y2", Decimal1(kHistBase + 2))
                     .Set("label_x", Decimal1(x + 2))
                     .Set("label_y", Decimal1(kHistCutLabelY))
                     .Set("label", std::move(cut_label)));
  }
  return v;
}

}  // namespace

View HistogramsView(const ScoreCounts& c) {
  // Critic grades by decile of the normalised score.
  std::array<std::string, 10> grade_labels;
  for (int i = 0; i < 10; ++i) grade_labels[i] = std::to_string(10 * i) + "–" + std::to_string(i == 9 ? 100 : 10 * i + 9);
  std::vector<std::pair<double, std::string>> grade_ticks;
  for (int i = 0; i <= 10; i += 2) grade_ticks.emplace_back(i, std::to_string(10 * i));
  const int fresh_from = GradeDecile(scoring::kDefaultFreshCut);
  const std::string cut = Decimal1(scoring::kDefaultFreshCut);
  HistogramSpec grades{"hist-grades", "grades", "Critic grades", "Critic reviews by grade on reel's 0–100 scale",
                       "Grade (0–100)", "Reviews", "graded review", "graded reviews",
                       "No graded reviews yet.",
                       "Each critic's own grade, put on reel's 0–100 scale. The dashed line is the usual fresh line (" +
                           cut + "); a publication's own line may differ."};
  View g = HistogramView(grades, c.grade_histogram, grade_labels, fresh_from, grade_ticks, cut + "+");

  // Audience stars by half star.
  std::array<std::string, 10> star_labels;
  for (int i = 0; i < 10; ++i) star_labels[i] = HalfStars(0.5 * (i + 1)) + (i <= 1 ? " star" : " stars");
  std::vector<std::pair<double, std::string>> star_ticks;
  for (int i = 0; i < 10; ++i) star_ticks.emplace_back(i + 0.5, HalfStars(0.5 * (i + 1)));
  const int positive_from = StarBucket(kPositiveStars);
  HistogramSpec stars{"hist-stars", "stars", "Audience stars", "Audience ratings by stars",
                      "Stars", "Ratings", "rating", "ratings", "No audience ratings yet.",
                      "Counted ratings, ½ to 5 stars. From " + HalfStars(kPositiveStars) +
                          " stars (right of the dashed line) a rating is positive."};
  View s = HistogramView(stars, c.star_histogram, star_labels, positive_from, star_ticks,
                         HalfStars(kPositiveStars) + "+");

  View charts = View::MakeList();
  charts.Push(std::move(g));
  charts.Push(std::move(s));
  return View().Set("charts", std::move(charts));
}

}  // namespace reel::web
