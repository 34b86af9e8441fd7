// /about/scores: the scoring method, every number in it taken from the scoring code's
// own constants and every worked example computed by that code, so the page cannot
// drift from what the site does. Built once (the method does not change while the
// server runs): a table of the method's constants and one builder per section of
// worked examples, rendered by templates/about_scores.mustache. Also the site's
// stylesheet (/static/reel.css). Any thread may call the handlers.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "core/text.h"
#include "scoring/grade.h"
#include "scoring/score.h"
#include "scoring/sentiment.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"
#include "web/html/render.h"
#include "web/html/blocks/score_views.h"

namespace reel::web::pages {

namespace {

std::string SentimentWord(Sentiment s) {
  return s == Sentiment::kFresh ? "fresh" : s == Sentiment::kRotten ? "rotten" : "no verdict";
}

// A Grade's scale in words: "/5" -> "out of 5", "stars/5" -> "stars out of 5".
std::string ScaleWords(const std::string& scale) {
  if (scale == "letter") return "letter grade";
  if (scale == "%") return "percent";
  const size_t slash = scale.find('/');
  if (slash == std::string::npos) return scale;
  const std::string kind = scale.substr(0, slash), max = scale.substr(slash + 1);
  if (kind.empty()) return "out of " + max;
  if (kind == "bare") return "bare number, out of " + max;
  return kind + " out of " + max;
}

// One row of the grade table: the grade as written, what ParseGrade makes of it.
View GradeRow(std::string_view raw, std::optional<double> bare_scale = std::nullopt) {
  View v;
  v.Set("raw", std::string(raw));
  auto g = scoring::ParseGrade(raw, bare_scale);
  v.Set("ok", g.ok());
  if (g.ok()) {
    v.Set("score", scoring::FormatScore(g->score));
    v.Set("scale", ScaleWords(g->scale));
  } else {
    v.Set("error", std::string(g.status().message()));
  }
  return v;
}

// The normalised score of a grade known to parse (0 if it ever did not).
double ScoreOf(std::string_view raw) {
  auto g = scoring::ParseGrade(raw);
  return g.ok() ? g->score : 0;
}

std::string PercentText(double share) { return std::to_string(Percent(share)) + "%"; }

// A worked Wilson example: `positive` of `total`.
View WilsonRow(int64_t positive, int64_t total) {
  const scoring::Proportion p{positive, total};
  const auto score = scoring::ShareScore(p, 1);
  const auto w = scoring::Wilson(p);
  return View()
      .Set("positive", std::to_string(positive))
      .Set("total", std::to_string(total))
      .Set("percent", score.percent ? std::to_string(*score.percent) + "%" : "—")
      .Set("lower", PercentText(w.lower))
      .Set("upper", PercentText(w.upper))
      .Set("margin", std::to_string(score.margin));
}

ScoreCounts CriticCounts(int64_t fresh, int64_t rotten, int64_t top) {
  ScoreCounts c;
  c.fresh = fresh;
  c.rotten = rotten;
  c.top_fresh = top;
  return c;
}

// Two decimals: the z of the intervals, weighted means.
std::string Fixed2(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

// The method's constants, each taken from scoring/ and named as the template names
// it; the worked examples below compute with the same constants.
std::vector<std::pair<const char*, std::string>> MethodConstants() {
  return {
      {"min_critic", std::to_string(scoring::kMinCriticReviews)},
      {"min_audience", std::to_string(scoring::kMinAudienceRatings)},
      {"min_critic_reviews", Plural(scoring::kMinCriticReviews, "review", "reviews")},
      {"min_audience_ratings", Plural(scoring::kMinAudienceRatings, "rating", "ratings")},
      {"badge_percent", std::to_string(scoring::kPositiveBadgePercent)},
      {"fresh_cut", Decimal1(scoring::kDefaultFreshCut)},
      {"positive_stars", HalfStars(kPositiveStars)},
      // The star scale is the histogram's: ten half-star buckets.
      {"star_min", HalfStars(0.5 * (StarBucket(0.5) + 1))},
      {"star_max", HalfStars(0.5 * (StarBucket(5) + 1))},
      {"z", Fixed2(scoring::kWilsonZ)},
      {"cert_min_percent", std::to_string(kCertifiedMinPercent)},
      {"cert_keep_percent", std::to_string(kCertifiedKeepPercent)},
      {"cert_min_top", std::to_string(kCertifiedMinTopCritics)},
      {"bayes_m", Decimal1(scoring::kDefaultBayesianM)},
      {"top_decile", std::to_string(10 * GradeDecile(100)) + "–100"},
  };
}

// Grades as written and what reel makes of them; a bare number and its publication's scale.
void AddGrades(View& v) {
  View numbers = View::MakeList(), letters = View::MakeList();
  for (std::string_view raw : {"3/5", "2.5/4", "3 1/2/5", "7 out of 10", "4 of 5", "3.5 stars", "★★★½", "****", "85%"}) {
    numbers.Push(GradeRow(raw));
  }
  for (std::string_view raw : {"A+", "A", "A-", "B+", "B", "B minus", "C", "F", "E"}) letters.Push(GradeRow(raw));
  v.Set("grade_numbers", std::move(numbers));
  v.Set("grade_letters", std::move(letters));
  v.Set("fraction_example", "3/5");
  v.Set("fraction_score", scoring::FormatScore(ScoreOf("3/5")));
  v.Set("letter_top", scoring::FormatScore(ScoreOf("A")));
  v.Set("letter_bottom", scoring::FormatScore(ScoreOf("F")));
  v.Set("e_as_f", ScoreOf("E") == ScoreOf("F"));
  const double a = ScoreOf("A"), a_minus = ScoreOf("A-");
  v.Set("letter_step", scoring::FormatScore(a - a_minus));
  View invalid = View::MakeList();
  for (std::string_view raw : {"8", "6/5", "great"}) invalid.Push(GradeRow(raw));
  v.Set("invalid", std::move(invalid));
  // A bare number takes its publication's scale.
  const std::vector<std::string_view> history = {"7/10", "6/10", "9/10", "8/10"};
  const auto bare_scale = scoring::InferBareScale(history);
  std::string history_text;
  for (auto h : history) history_text += (history_text.empty() ? "" : ", ") + std::string(h);
  v.Set("bare_history", history_text);
  v.Set("bare_scale", bare_scale ? Decimal1(*bare_scale) : "none");
  v.Set("bare_row", GradeRow("8", bare_scale));
}

// Fresh or rotten: two publications whose critics label the same 2.5/4 differently.
void AddCalibration(View& v) {
  {
    // Two publications whose critics label the same 2.5/4 differently.
    scoring::SentimentCalibrator cal;
    struct Labelled {
      const char* publication;
      const char* grade;
      Sentiment label;
      int times;
    };
    const Labelled history_rows[] = {
        {"The Strict Review", "2.5/4", Sentiment::kRotten, 6}, {"The Strict Review", "3/4", Sentiment::kFresh, 6},
        {"The Strict Review", "2/4", Sentiment::kRotten, 4},   {"The Kind Courier", "2.5/4", Sentiment::kFresh, 6},
        {"The Kind Courier", "3/4", Sentiment::kFresh, 6},     {"The Kind Courier", "2/4", Sentiment::kRotten, 4},
    };
    for (const auto& h : history_rows) {
      const auto parsed = scoring::ParseGrade(h.grade);
      if (!parsed.ok()) continue;
      const scoring::Grade& g = *parsed;
      for (int i = 0; i < h.times; ++i) cal.Add(h.publication, "", g, h.label);
    }
    cal.Fit();
    const auto probe_parsed = scoring::ParseGrade("2.5/4");
    const scoring::Grade probe = probe_parsed.ok() ? *probe_parsed : scoring::Grade{};
    v.Set("calibration_grade", "2.5/4");
    v.Set("calibration_score", scoring::FormatScore(probe.score));
    v.Set("calibration_baseline", SentimentWord(scoring::BaselineSentiment(probe.score)));
    View pubs = View::MakeList();
    for (const char* pub : {"The Strict Review", "The Kind Courier"}) {
      View told = View::MakeList();
      for (const auto& h : history_rows) {
        if (std::string_view(h.publication) != pub) continue;
        told.Push(View().Set("text", std::to_string(h.times) + " × " + h.grade + " " + SentimentWord(h.label)));
      }
      pubs.Push(View()
                    .Set("name", pub)
                    .Set("history", std::move(told))
                    .Set("cut", scoring::FormatScore(cal.Cut(pub, "", probe.scale)))
                    .Set("verdict", SentimentWord(cal.Derive(pub, "", probe))));
    }
    v.Set("calibration", std::move(pubs));
  }
}

// The star scale and ten ratings worked through.
void AddAudience(View& v) {
  {
    View stars = View::MakeList();
    for (int i = 1; i <= 10; ++i) {
      const double st = 0.5 * i;
      stars.Push(View().Set("stars", HalfStars(st)).Set("unit", st > 1 ? "stars" : "star")
                     .Set("positive", st >= kPositiveStars));
    }
    v.Set("star_scale", std::move(stars));
  }
  {
    // Example: ten ratings.
    const double example[] = {5, 4.5, 4, 3.5, 3.5, 3, 2.5, 4, 1, 5};
    ScoreCounts c;
    std::string listed;
    for (double st : example) {
      ++c.ratings;
      if (st >= kPositiveStars) ++c.ratings_positive;
      c.stars_sum += st;
      listed += (listed.empty() ? "" : ", ") + HalfStars(st);
    }
    const auto score = scoring::AudienceScore(c);
    v.Set("audience_example", View()
                                  .Set("stars", listed)
                                  .Set("count", std::to_string(c.ratings))
                                  .Set("positive", std::to_string(c.ratings_positive))
                                  .Set("percent", score.percent ? std::to_string(*score.percent) + "%" : "—")
                                  .Set("margin", std::to_string(score.margin))
                                  .Set("average", Decimal1(scoring::AverageStars(c).value_or(0)) + "/5"));
  }
}

// Wilson intervals of three shares, and how ranking uses their lower bounds.
void AddIntervals(View& v) {
  View wilson = View::MakeList();
  wilson.Push(WilsonRow(8, 10));
  wilson.Push(WilsonRow(80, 100));
  wilson.Push(WilsonRow(70, 100));
  v.Set("wilson", std::move(wilson));
  {
    const scoring::Proportion small{8, 10}, large{70, 100};
    const bool large_first = scoring::RankKey(large) > scoring::RankKey(small);
    v.Set("rank_first", large_first ? "70 of 100" : "8 of 10");
    v.Set("rank_second", large_first ? "8 of 10" : "70 of 100");
  }
}

// Certified fresh: the thresholds per kind of release, and a TV season's story.
void AddCertified(View& v) {
  {
    View kinds = View::MakeList();
    const std::pair<ReleaseKind, const char*> all[] = {
        {ReleaseKind::kWideFilm, "A film in wide release"},
        {ReleaseKind::kLimitedFilm, "A film in limited release or streaming"},
        {ReleaseKind::kTvSeason, "A TV season"}};
    for (const auto& [kind, label] : all) {
      kinds.Push(View().Set("label", label).Set("min_reviews", Plural(CertifiedMinReviews(kind), "review", "reviews")));
    }
    v.Set("cert_kinds", std::move(kinds));
    // A TV season's story, with counts derived from the thresholds themselves.
    const auto kind = ReleaseKind::kTvSeason;
    const int64_t n = CertifiedMinReviews(kind);
    const int64_t top = kCertifiedMinTopCritics;
    const int64_t fresh_at_n = (n * kCertifiedMinPercent + 99) / 100;  // Just enough.
    const int64_t keep_total = fresh_at_n * 100 / kCertifiedKeepPercent;  // Lowest share still kept.
    struct Step {
      std::string what;
      ScoreCounts counts;
    };
    const Step steps[] = {
        {"One review short of the minimum, all fresh", CriticCounts(n - 1, 0, top)},
        {"The minimum reached", CriticCounts(fresh_at_n, n - fresh_at_n, top)},
        {"More rotten reviews arrive", CriticCounts(fresh_at_n, keep_total - fresh_at_n, top)},
        {"One more rotten review", CriticCounts(fresh_at_n, keep_total + 1 - fresh_at_n, top)},
    };
    View rows = View::MakeList();
    bool certified = false;
    for (const auto& st : steps) {
      certified = NextCertified(certified, st.counts, kind);
      const int64_t total = st.counts.fresh + st.counts.rotten;
      rows.Push(View()
                    .Set("what", st.what)
                    .Set("reviews", std::to_string(total))
                    .Set("fresh", std::to_string(st.counts.fresh))
                    .Set("top", std::to_string(st.counts.top_fresh + st.counts.top_rotten))
                    .Set("share", Decimal1(100.0 * static_cast<double>(st.counts.fresh) / static_cast<double>(total)) + "%")
                    .Set("certified", certified)
                    .Set("would_gain", NextCertified(false, st.counts, kind)));
    }
    v.Set("cert_steps", std::move(rows));
  }
}

// The average grade, and the Bayesian average of stars that rankings use.
void AddAverages(View& v) {
  {
    ScoreCounts c;
    for (std::string_view raw : {"3/5", "B+", "7 out of 10"}) {
      ++c.graded;
      c.grade_sum += ScoreOf(raw);
    }
    v.Set("avg_grade_example", "3/5, B+ and 7 out of 10");
    v.Set("avg_grade_result", Decimal1(scoring::AverageGrade(c).value_or(0) / 10) + "/10");
    v.Set("avg_grade_100", Decimal1(scoring::AverageGrade(c).value_or(0)));
  }
  {
    const double catalog_mean = 3.2;
    v.Set("bayes_c", Decimal1(catalog_mean));
    struct Example {
      const char* name;
      double mean;
      int64_t votes;
    };
    const Example examples[] = {{"Title A", 4.8, 3}, {"Title B", 4.2, 400}};
    View rows = View::MakeList();
    double best = -1;
    std::string best_name;
    for (const auto& e : examples) {
      const double w = scoring::BayesianAverage(e.mean, e.votes, catalog_mean);
      if (w > best) best = w, best_name = e.name;
      rows.Push(View()
                    .Set("name", e.name)
                    .Set("mean", Decimal1(e.mean))
                    .Set("votes", std::to_string(e.votes))
                    .Set("weighted", Fixed2(w)));
    }
    v.Set("bayes_rows", std::move(rows));
    v.Set("bayes_best", best_name);
  }
}

// A series' score as the mean of its seasons' shown scores.
void AddSeries(View& v) {
  {
    const std::vector<ScoreCounts> seasons = {CriticCounts(12, 0, 0), CriticCounts(30, 10, 0),
                                              CriticCounts(scoring::kMinCriticReviews - 1, 0, 0)};
    View rows = View::MakeList();
    for (size_t i = 0; i < seasons.size(); ++i) {
      const auto s = scoring::CriticScore(seasons[i]);
      rows.Push(View()
                    .Set("name", catalog::SeasonName(static_cast<int>(i + 1)))
                    .Set("reviews", std::to_string(s.count))
                    .Set("fresh", std::to_string(seasons[i].fresh))
                    .Set("score", s.percent ? std::to_string(*s.percent) + "%" : "not shown"));
    }
    v.Set("series_rows", std::move(rows));
    const auto series = scoring::SeriesScore(seasons);
    v.Set("series_result", series ? std::to_string(*series) + "%" : "—");
  }
}

// Which verdicts count: a text classifier's suggestion never does.
void AddCounted(View& v) {
  {
    ReviewFacts suggested{Sentiment::kFresh, SentimentSource::kText, false, std::nullopt};
    ReviewFacts labelled{Sentiment::kFresh, SentimentSource::kCritic, false, std::nullopt};
    ReviewFacts graded{Sentiment::kFresh, SentimentSource::kGrade, false, 80.0};
    View rows = View::MakeList();
    rows.Push(View().Set("what", "Labelled fresh by the critic").Set("counted", IsCounted(labelled)));
    rows.Push(View().Set("what", "Fresh from its grade (80/100)").Set("counted", IsCounted(graded)));
    rows.Push(View().Set("what", "Fresh suggested by the text classifier").Set("counted", IsCounted(suggested)));
    v.Set("counted_rows", std::move(rows));
  }
}

// The page, computed once: the constants above and the worked examples of each
// section, all from scoring's constants and functions, so it cannot drift from what
// the scores do.
View BuildAboutScores() {
  View v;
  for (const auto& [key, value] : MethodConstants()) v.Set(key, value);
  for (auto add : {AddGrades, AddCalibration, AddAudience, AddIntervals, AddCertified, AddAverages, AddSeries,
                   AddCounted}) {
    add(v);
  }
  return v;
}

}  // namespace

HttpResponse AboutScores(const Site& site, const HttpRequest& req, const RouteParams&) {
  static const View page = BuildAboutScores();
  return Page(site, req, "about_scores", page,
              {"How scores work", "How reel turns critic grades and audience ratings into scores, with worked examples.",
               "", "/about/scores"});
}

HttpResponse Stylesheet(const Site& site, const HttpRequest& req, const RouteParams&) {
  HttpResponse res;
  res.content_type = "text/css; charset=utf-8";
  res.headers.emplace_back("ETag", StylesheetEtag());
  // Versioned URLs never change; the bare one is revalidated.
  res.headers.emplace_back("Cache-Control", req.Query("v").empty() ? "no-cache"
                                                                    : "public, max-age=31536000, immutable");
  if (req.Header("if-none-match") == StylesheetEtag()) {
    res.status = 304;
    return res;
  }
  res.body = std::string(StylesheetBody());
  return res;
}

}  // namespace reel::web::pages
