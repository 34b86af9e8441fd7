#include "web/html/pages.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "catalog/catalog.h"
#include "core/text.h"
#include "scoring/grade.h"
#include "scoring/score.h"
#include "scoring/sentiment.h"
#include "storage/store.h"
#include "web/html/page_helpers.h"
#include "web/html/render.h"
#include "web/html/score_views.h"
#include "web/html/title_extras.h"

namespace reel::web {
namespace {

constexpr size_t kCreditsShown = 8;      // "first eight shown and Show all cast & crew".
constexpr int kSimilarShown = 6;
constexpr int kAudienceReviewsShown = 20;
constexpr int kIndexPageSize = 60;

// Evaluates a Result-returning expression; on failure returns the error page.
#define REEL_ASSIGN_OR_PAGE(var, expr)          \
  auto var##_result = (expr);                   \
  if (!var##_result.ok()) return Error(var##_result.status()); \
  auto& var = *var##_result;

// ---- Paths ------------------------------------------------------------------------

std::string SeriesPath(const Title& series) { return "/tv/" + series.slug; }
std::string SeasonPath(const Title& series, int season) {
  return SeriesPath(series) + "/" + catalog::SeasonSegment(season);
}
std::string EpisodePath(const Title& series, int season, int episode) {
  return SeasonPath(series, season) + "/" + catalog::EpisodeSegment(episode);
}
std::string FilmPath(const Title& film) { return "/m/" + film.slug; }
std::string PersonPath(const reel::Person& p) { return "/celebrity/" + p.slug; }

// The page of a film or series.
std::string TopTitlePath(const Title& t) {
  return t.kind == TitleKind::kFilm ? FilmPath(t) : SeriesPath(t);
}


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

View HistogramsView(const ScoreCounts& c) {
  // Critic grades by decile of the normalised score.
  std::array<std::string, 10> grade_labels;
  for (int i = 0; i < 10; ++i) grade_labels[i] = std::to_string(10 * i) + "–" + std::to_string(i == 9 ? 100 : 10 * i + 9);
  std::vector<std::pair<double, std::string>> grade_ticks;
  for (int i = 0; i <= 10; i += 2) grade_ticks.emplace_back(i, std::to_string(10 * i));
  const int fresh_from = scoring::GradeDecile(scoring::kDefaultFreshCut);
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
  const int positive_from = scoring::StarBucket(scoring::kPositiveStars);
  HistogramSpec stars{"hist-stars", "stars", "Audience stars", "Audience ratings by stars",
                      "Stars", "Ratings", "rating", "ratings", "No audience ratings yet.",
                      "Counted ratings, ½ to 5 stars. From " + HalfStars(scoring::kPositiveStars) +
                          " stars (right of the dashed line) a rating is positive."};
  View s = HistogramView(stars, c.star_histogram, star_labels, positive_from, star_ticks,
                         HalfStars(scoring::kPositiveStars) + "+");

  View charts = View::MakeList();
  charts.Push(std::move(g));
  charts.Push(std::move(s));
  return View().Set("charts", std::move(charts));
}

std::string KindLabel(const Title& t) { return t.kind == TitleKind::kFilm ? "Film" : "TV series"; }

// What the pages and cards of some titles show: their score counts (for a series,
// its seasons'), and how far each series' seasons and episodes run. Loaded in a few
// queries for a whole list of titles.
struct TitleFacts {
  std::map<Id, ScoreCounts> counts;           // Of the titles and of every season of the series.
  std::map<Id, std::vector<Title>> children;  // Series id -> its seasons, by number.
  std::map<Id, SeriesRun> runs;               // Series id -> its run.
  Date today;

  TitleScores ScoresOf(const Title& t) const {
    TitleScores out;
    if (t.kind != TitleKind::kSeries) {
      if (auto it = counts.find(t.id); it != counts.end()) out.counts = it->second;
      return out;
    }
    out.series = true;
    if (auto it = children.find(t.id); it != children.end()) {
      for (const auto& season : it->second) {
        auto c = counts.find(season.id);
        out.seasons.push_back(c != counts.end() ? c->second : ScoreCounts{});
      }
    }
    return out;
  }
  // "1994–2004", "2020–", "2016".
  std::string Years(const Title& t) const {
    auto it = runs.find(t.id);
    return it != runs.end() ? catalog::YearSpan(t, it->second, today) : catalog::YearSpan(t);
  }
  // "TV series · 1994–2004", "Film · 2016".
  std::string Meta(const Title& t) const {
    const std::string years = Years(t);
    return KindLabel(t) + (years.empty() ? "" : " · " + years);
  }
  // The card of a film or series.
  View Card(const Title& t) const { return CardView(t.name, TopTitlePath(t), Meta(t), ScoresOf(t)); }
};

Result<TitleFacts> LoadTitleFacts(Store& store, const std::vector<const Title*>& titles, Date today) {
  TitleFacts out;
  out.today = today;
  std::vector<Id> ids, series;
  for (const Title* t : titles) (t->kind == TitleKind::kSeries ? series : ids).push_back(t->id);
  std::sort(series.begin(), series.end());
  series.erase(std::unique(series.begin(), series.end()), series.end());
  auto children = store.ListChildrenFor(series);
  if (!children.ok()) return children.status();
  out.children = std::move(*children);
  for (const auto& [id, seasons] : out.children) {
    for (const auto& season : seasons) ids.push_back(season.id);
  }
  auto counts = store.GetScoreCountsFor(ids);
  if (!counts.ok()) return counts.status();
  out.counts = std::move(*counts);
  auto runs = store.GetSeriesRunsFor(series);
  if (!runs.ok()) return runs.status();
  out.runs = std::move(*runs);
  return out;
}

Result<TitleFacts> LoadTitleFacts(Store& store, const std::vector<Title>& titles, Date today) {
  std::vector<const Title*> ptrs;
  for (const auto& t : titles) ptrs.push_back(&t);
  return LoadTitleFacts(store, ptrs, today);
}

View CreditsView(const std::vector<CreditRow>& credits) {
  View first = View::MakeList(), rest = View::MakeList();
  for (size_t i = 0; i < credits.size(); ++i) {
    const auto& c = credits[i];
    View v;
    v.Set("name", c.person.name);
    v.Set("path", PersonPath(c.person));
    v.Set("role", c.credit.role);
    v.Set("cast", c.credit.kind == CreditKind::kCast);
    (i < kCreditsShown ? first : rest).Push(std::move(v));
  }
  View out;
  out.Set("any", !credits.empty());
  out.Set("first", std::move(first));
  out.Set("has_more", !rest.list().empty());
  out.Set("rest", std::move(rest));
  out.Set("total", static_cast<int>(credits.size()));
  return out;
}

}  // namespace

// ---- View pieces shared with the other page files (page_helpers.h) ------------------

View ParagraphsView(std::string_view text) {
  View list = View::MakeList();
  for (auto& p : Paragraphs(text)) list.Push(View().Set("text", p));
  return list;
}

std::string StarsNumber(double stars) {
  char buf[16];
  std::snprintf(buf, sizeof buf, stars == std::floor(stars) ? "%.0f" : "%.1f", stars);
  return buf;
}

std::optional<Date> DateOf(const std::string& stamp) {
  if (stamp.size() < 10) return std::nullopt;
  auto d = Date::Parse(stamp.substr(0, 10));
  return d.ok() ? std::optional<Date>(*d) : std::nullopt;
}

std::string TitlePagePath(const Title& title, const Title* season, const Title* series) {
  switch (title.kind) {
    case TitleKind::kFilm: return FilmPath(title);
    case TitleKind::kSeries: return SeriesPath(title);
    case TitleKind::kSeason: return series ? SeasonPath(*series, title.number) : "";
    case TitleKind::kEpisode: return series && season ? EpisodePath(*series, season->number, title.number) : "";
  }
  return "";
}

std::string TitleDisplayName(const Title& title, const Title* season, const Title* series) {
  if (title.kind == TitleKind::kSeason && series) return series->name + ", " + catalog::SeasonName(title.number);
  if (title.kind == TitleKind::kEpisode && season && series) {
    return series->name + " " + catalog::EpisodeCode(season->number, title.number) + ": " + title.name;
  }
  return title.name;
}

std::string TitleDisplayName(Store& store, const Title& title) {
  std::optional<Title> season, series;
  if (title.kind == TitleKind::kEpisode) {
    if (auto s = store.GetTitle(title.parent_id); s.ok()) season = *s;
  }
  const Id series_id = title.kind == TitleKind::kSeason ? title.parent_id : season ? season->parent_id : 0;
  if (series_id) {
    if (auto s = store.GetTitle(series_id); s.ok()) series = *s;
  }
  return TitleDisplayName(title, season ? &*season : nullptr, series ? &*series : nullptr);
}

// ---- Shared blocks ------------------------------------------------------------------

namespace {

struct ReviewBlocks {
  View critics;
  View audience;
};

Result<ReviewBlocks> LoadReviewBlocks(Store& store, const Title& title, const std::string& path,
                                      const HttpRequest& req, Date today) {
  const bool top = req.Query("critics") == "top";
  auto all = store.ListCriticReviews(title.id, CriticFilter::kAll);
  if (!all.ok()) return all.status();
  int top_count = 0;
  View list = View::MakeList();
  for (const auto& row : *all) {
    const bool is_top = row.critic && row.critic->top_critic;
    if (is_top) ++top_count;
    if (top && !is_top) continue;
    const CriticReview& r = row.review;
    View v;
    v.Set("quote", r.quote);
    v.Set("critic", row.critic ? row.critic->name : "Unattributed critic");
    v.Set("top_critic", is_top);
    v.Set("publication", row.publication ? row.publication->name : "");
    v.Set("grade", r.grade_raw);
    // Shown on hover and keyboard focus: the grade on reel's 0..100 scale, or that an
    // unparsed grade is kept as written.
    v.Set("grade_tip", r.grade_score ? scoring::FormatScore(*r.grade_score) + "/100 on reel's scale"
                                     : "Kept as written, not on reel's scale");
    v.Set("date", r.date ? r.date->ToShort() : "");
    v.Set("date_iso", r.date ? r.date->ToIso() : "");
    v.Set("url", r.url);
    // A text classifier's verdict is only a suggestion: it is not counted and is
    // shown as such, never as the critic's own.
    const bool suggested = r.sentiment_source == SentimentSource::kText && r.sentiment != Sentiment::kNone;
    v.Set("sentiment", suggested ? "none" : SentimentName(r.sentiment));
    if (suggested) {
      v.Set("suggestion", std::string("Suggested from the text: ") +
                              (r.sentiment == Sentiment::kFresh ? "fresh" : "rotten") + " (not counted)");
    }
    SetBadge(v, suggested                           ? BadgeState{"none", "No verdict yet"}
                : r.sentiment == Sentiment::kFresh  ? BadgeState{"fresh", "Fresh"}
                : r.sentiment == Sentiment::kRotten ? BadgeState{"rotten", "Rotten"}
                                                    : BadgeState{"none", "No verdict"});
    list.Push(std::move(v));
  }
  ReviewBlocks out;
  out.critics.Set("all_count", static_cast<int>(all->size()));
  out.critics.Set("top_count", top_count);
  out.critics.Set("top", top);
  out.critics.Set("all_href", path + "#critic-reviews");
  out.critics.Set("top_href", path + "?critics=top#critic-reviews");
  out.critics.Set("empty", list.list().empty());
  out.critics.Set("reviews", std::move(list));

  auto audience = store.ListAudienceReviews(title.id, kAudienceReviewsShown);
  if (!audience.ok()) return audience.status();
  View alist = View::MakeList();
  for (const auto& row : *audience) {
    View v;
    v.Set("name", row.username.empty() ? "Deleted user"
                  : row.display_name.empty() ? row.username : row.display_name);
    // Drawn as five stars filled to this width: 3.5 stars is 70%.
    v.Set("stars_percent", static_cast<int>(std::lround(row.rating.stars * 20)));
    v.Set("stars_number", StarsNumber(row.rating.stars));
    v.Set("verified", row.rating.verified);
    v.Set("id", std::to_string(row.rating.id));
    v.Set("paragraphs", ParagraphsView(row.rating.review));
    auto d = DateOf(row.rating.created_at);
    v.Set("when", d ? RelativeDate(*d, today) : "");
    v.Set("date_iso", d ? d->ToIso() : "");
    alist.Push(std::move(v));
  }
  out.audience.Set("empty", alist.list().empty());
  out.audience.Set("reviews", std::move(alist));
  return out;
}

// "You might also like": films and series sharing genres with `top`.
Result<View> SimilarView(Store& store, const Title& top, Date today) {
  auto similar = store.ListSimilarByGenre(top.id, kSimilarShown);
  if (!similar.ok()) return similar.status();
  auto facts = LoadTitleFacts(store, *similar, today);
  if (!facts.ok()) return facts.status();
  View list = View::MakeList();
  for (const auto& t : *similar) list.Push(facts->Card(t));
  return list;
}

View GenresView(const std::vector<Genre>& genres) {
  View list = View::MakeList();
  for (const auto& g : genres) list.Push(View().Set("name", g.name));
  return list;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

}  // namespace

// ---- Handlers -------------------------------------------------------------------------

HttpResponse Pages::Error(int status) const {
  View v;
  v.Set("status", std::to_string(status));
  v.Set("not_found", status == 404);
  v.Set("reason", HttpReason(status));
  std::string message;
  switch (status) {
    case 404: message = "We could not find that page. It may have moved, or the address may be mistyped."; break;
    case 400: message = "The request was not understood."; break;
    case 413: message = "That request was too large."; break;
    case 401: message = "Please sign in first."; break;
    case 403: message = "You are not allowed to do that, or the form had expired: go back, reload the page and try again."; break;
    case 429: message = "Too many attempts. Please wait a little and try again."; break;
    case 503: message = "The site is busy or its database is unavailable. Please try again shortly."; break;
    default: message = "Something went wrong on our side. It has been logged; please try again.";
  }
  v.Set("message", message);
  HttpResponse res;
  res.status = status;
  auto html = RenderPage("error", v, {HttpReason(status), "", "", ""});
  if (html.ok()) {
    res.body = std::move(*html);
  } else {
    spdlog::error("rendering the {} page: {}", status, html.status().ToString());
    res = HttpResponse::Text(status, std::string(HttpReason(status)) + "\n");
  }
  if (status == 503) res.headers.emplace_back("Retry-After", "5");
  return res;
}

HttpResponse Pages::Error(const Status& status) const {
  const int code = HttpStatusFor(status);
  if (code >= 500) spdlog::error("{}", status.ToString());
  return Error(code);
}

HttpResponse Page(const Pages& pages, const HttpRequest& req, std::string_view name, const View& v, PageFrame frame,
                  std::string_view cache_control) {
  pages.AddViewer(req, frame);
  auto html = RenderPage(name, v, frame);
  if (!html.ok()) return pages.Error(html.status());
  HttpResponse res;
  res.body = std::move(*html);
  res.headers.emplace_back("Cache-Control", std::string(cache_control));
  return res;
}

HttpResponse Pages::Stylesheet(const HttpRequest& req, const RouteParams&) {
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

HttpResponse Pages::Home(const HttpRequest& req, const RouteParams&) {
  const Date today = today_();
  View v;

  // Newest seasons already out.
  TitleQuery recent;
  recent.kinds = {TitleKind::kSeason};
  recent.order = TitleOrder::kReleaseNewest;
  recent.released_on_or_before = today;
  recent.limit = 8;
  REEL_ASSIGN_OR_PAGE(seasons, store_.ListTitles(recent));
  // Best critic scores: films and seasons with a shown critic score.
  REEL_ASSIGN_OR_PAGE(reviewed, store_.ListTitlesWithReviews(scoring::kMinCriticReviews));
  REEL_ASSIGN_OR_PAGE(reviewed_titles, store_.GetTitles(reviewed));
  // Best audience ratings: titles with a shown audience score.
  REEL_ASSIGN_OR_PAGE(rated, store_.ListTitlesWithRatings(scoring::kMinAudienceRatings));
  REEL_ASSIGN_OR_PAGE(rated_titles, store_.GetTitles(rated));
  TitleQuery series_q;
  series_q.kinds = {TitleKind::kSeries};
  series_q.limit = 12;
  REEL_ASSIGN_OR_PAGE(series, store_.ListTitles(series_q));
  TitleQuery films_q;
  films_q.kinds = {TitleKind::kFilm};
  films_q.order = TitleOrder::kReleaseNewest;
  films_q.limit = 12;
  REEL_ASSIGN_OR_PAGE(films, store_.ListTitles(films_q));

  // Every title on the page, and the series of its seasons and episodes, in one load.
  std::vector<const Title*> shown;
  std::set<Id> parent_ids;
  for (const auto* list : {&seasons, &reviewed_titles, &rated_titles, &series, &films}) {
    for (const auto& t : *list) {
      shown.push_back(&t);
      if (t.parent_id) parent_ids.insert(t.parent_id);
    }
  }
  REEL_ASSIGN_OR_PAGE(parents, store_.GetTitles({parent_ids.begin(), parent_ids.end()}));
  REEL_ASSIGN_OR_PAGE(facts, LoadTitleFacts(store_, shown, today));
  std::map<Id, const Title*> parent_of;
  for (const auto& p : parents) parent_of[p.id] = &p;
  auto card = [&](const Title& t) {
    if (t.kind == TitleKind::kSeason && parent_of.count(t.parent_id)) {
      const Title& show = *parent_of.at(t.parent_id);
      return CardView(show.name + ": " + catalog::SeasonName(t.number), SeasonPath(show, t.number),
                      "TV season · " + catalog::Year(t), facts.ScoresOf(t));
    }
    return facts.Card(t);
  };
  auto counts_of = [&](const Title* t) { return facts.ScoresOf(*t).counts; };

  View newest = View::MakeList();
  for (const auto& s : seasons) newest.Push(card(s));
  v.Set("newest", std::move(newest));

  // A list called "Best" holds only titles whose score is shown and good (fresh,
  // hot), however few there are; among them, the surer score ranks higher.
  std::vector<const Title*> ranked;
  for (const auto& t : reviewed_titles) {
    if ((t.kind == TitleKind::kFilm || t.kind == TitleKind::kSeason) && scoring::QualifiesForBestCritics(counts_of(&t))) {
      ranked.push_back(&t);
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](const Title* a, const Title* b) {
    return scoring::RankKey(scoring::CriticProportion(counts_of(a))) >
           scoring::RankKey(scoring::CriticProportion(counts_of(b)));
  });
  View best = View::MakeList();
  for (size_t i = 0; i < ranked.size() && i < 10; ++i) best.Push(card(*ranked[i]));
  v.Set("best_empty", best.list().empty());
  v.Set("best", std::move(best));

  // A mean of few ratings is pulled toward the catalogue's mean (IMDb's weighting),
  // so two five-star ratings do not outrank hundreds averaging 4.5.
  double all_stars = 0;
  int64_t all_ratings = 0;
  for (const auto& t : rated_titles) {
    const ScoreCounts c = counts_of(&t);
    all_stars += c.stars_sum;
    all_ratings += c.ratings;
  }
  const double catalogue_mean = all_ratings ? all_stars / static_cast<double>(all_ratings) : 0;
  auto weighted = [&](const Title* t) {
    const ScoreCounts c = counts_of(t);
    return scoring::BayesianAverage(scoring::AverageStars(c).value_or(catalogue_mean), c.ratings, catalogue_mean);
  };
  std::vector<const Title*> by_stars;
  for (const auto& t : rated_titles) {
    if ((t.kind == TitleKind::kFilm || t.kind == TitleKind::kSeason) && scoring::QualifiesForBestAudience(counts_of(&t))) {
      by_stars.push_back(&t);
    }
  }
  std::stable_sort(by_stars.begin(), by_stars.end(),
                   [&](const Title* a, const Title* b) { return weighted(a) > weighted(b); });
  View audience_best = View::MakeList();
  for (size_t i = 0; i < by_stars.size() && i < 10; ++i) {
    View c = card(*by_stars[i]);
    const ScoreCounts sc = counts_of(by_stars[i]);
    char avg[64];
    std::snprintf(avg, sizeof avg, " · %.1f★ from %lld", scoring::AverageStars(sc).value_or(0),
                  static_cast<long long>(sc.ratings));
    c.Set("meta", c.Get("meta")->str() + avg);
    audience_best.Push(std::move(c));
  }
  v.Set("audience_best_empty", audience_best.list().empty());
  v.Set("audience_best", std::move(audience_best));

  View series_list = View::MakeList();
  for (const auto& s : series) series_list.Push(card(s));
  v.Set("series", std::move(series_list));
  View film_list = View::MakeList();
  for (const auto& f : films) film_list.Push(card(f));
  v.Set("films", std::move(film_list));
  return Page(*this, req, "home", v, {"Reviews of TV series and films", "Critic and audience scores for TV series and films.", "home", "/"});
}

HttpResponse Pages::TvIndex(const HttpRequest& req, const RouteParams&) {
  int page = 1;
  if (auto p = req.Query("page"); !p.empty()) {
    page = catalog::ParseNumberSegment("p" + p, 'p');
    if (page <= 0) return Error(404);
  }
  TitleQuery q;
  q.kinds = {TitleKind::kSeries};
  q.limit = kIndexPageSize + 1;
  q.offset = (page - 1) * kIndexPageSize;
  REEL_ASSIGN_OR_PAGE(series, store_.ListTitles(q));
  const bool more = series.size() > static_cast<size_t>(kIndexPageSize);
  if (more) series.pop_back();
  if (series.empty() && page > 1) return Error(404);
  REEL_ASSIGN_OR_PAGE(facts, LoadTitleFacts(store_, series, today_()));
  View list = View::MakeList();
  for (const auto& s : series) {
    View item = facts.Card(s);
    item.Set("years", facts.Years(s));
    item.Set("network", s.network);
    item.Set("synopsis", Truncate(s.synopsis, 200));
    list.Push(std::move(item));
  }
  View v;
  v.Set("series", std::move(list));
  v.Set("empty", series.empty());
  if (page > 1) v.Set("prev_href", "/tv?page=" + std::to_string(page - 1));
  if (more) v.Set("next_href", "/tv?page=" + std::to_string(page + 1));
  return Page(*this, req, "tv_index", v, {"All TV series", "Every TV series in the catalog.", "tv", "/tv"});
}

HttpResponse Pages::Series(const HttpRequest& req, const RouteParams& p) {
  REEL_ASSIGN_OR_PAGE(series, store_.FindTitleBySlug(TitleKind::kSeries, p.at("slug")));
  // The same facts as the series' cards elsewhere, so the two always agree.
  REEL_ASSIGN_OR_PAGE(facts, LoadTitleFacts(store_, std::vector<const Title*>{&series}, today_()));
  const std::vector<Title> seasons = facts.children.count(series.id) ? facts.children.at(series.id) : std::vector<Title>{};
  REEL_ASSIGN_OR_PAGE(credits, store_.ListCredits(series.id));
  REEL_ASSIGN_OR_PAGE(genres, store_.ListGenres(series.id));
  REEL_ASSIGN_OR_PAGE(similar, SimilarView(store_, series, today_()));

  View v;
  v.Set("name", series.name);
  v.Set("path", SeriesPath(series));
  v.Set("years", facts.Years(series));
  v.Set("network", series.network);
  v.Set("genres", GenresView(genres));
  v.Set("synopsis", ParagraphsView(series.synopsis));
  v.Set("episodes_href", SeriesPath(series) + "/episodes");

  // The series' scores are the means of its seasons' shown scores (scoring::SeriesScore).
  View season_list = View::MakeList();
  for (const auto& s : seasons) {
    View sv;
    sv.Set("name", catalog::SeasonName(s.number));
    sv.Set("path", SeasonPath(series, s.number));
    sv.Set("year", catalog::Year(s));
    sv.Set("synopsis", Truncate(s.synopsis, 240));
    sv.Set("scores", ScoresView(facts.ScoresOf(s).counts, /*compact=*/true));
    season_list.Push(std::move(sv));
  }
  v.Set("seasons", std::move(season_list));
  v.Set("has_seasons", !seasons.empty());
  v.Set("series_score", SeriesScoresView(facts.ScoresOf(series).seasons));

  const auto creators = catalog::Creators(credits);
  View creator_list = View::MakeList();
  for (size_t i = 0; i < creators.size(); ++i) {
    creator_list.Push(View().Set("name", creators[i].person.name).Set("path", PersonPath(creators[i].person))
                          .Set("sep", i > 0));
  }
  v.Set("creators", std::move(creator_list));
  v.Set("has_creators", !creators.empty());
  v.Set("credits", CreditsView(catalog::SplitCredits(credits).cast));
  v.Set("has_similar", !similar.list().empty());
  v.Set("similar", std::move(similar));
  return Page(*this, req, "series", v, {series.name, Truncate(series.synopsis, 160), "tv", SeriesPath(series)});
}

HttpResponse Pages::Episodes(const HttpRequest& req, const RouteParams& p) {
  REEL_ASSIGN_OR_PAGE(series, store_.FindTitleBySlug(TitleKind::kSeries, p.at("slug")));
  REEL_ASSIGN_OR_PAGE(seasons, store_.ListChildren(series.id));
  View season_list = View::MakeList();
  for (const auto& s : seasons) {
    REEL_ASSIGN_OR_PAGE(episodes, store_.ListChildren(s.id));
    View ev = View::MakeList();
    for (const auto& e : episodes) {
      ev.Push(View()
                  .Set("code", catalog::EpisodeCode(s.number, e.number))
                  .Set("name", e.name)
                  .Set("path", EpisodePath(series, s.number, e.number))
                  .Set("date", e.release ? e.release->ToText() : "")
                  .Set("date_iso", e.release ? e.release->start.ToIso() : "")
                  .Set("synopsis", e.synopsis));
    }
    season_list.Push(View()
                         .Set("name", catalog::SeasonName(s.number))
                         .Set("path", SeasonPath(series, s.number))
                         .Set("year", catalog::Year(s))
                         .Set("count", std::to_string(episodes.size()) + (episodes.size() == 1 ? " episode" : " episodes"))
                         .Set("episodes", std::move(ev)));
  }
  View v;
  v.Set("series_name", series.name);
  v.Set("series_path", SeriesPath(series));
  v.Set("seasons", std::move(season_list));
  v.Set("empty", seasons.empty());
  return Page(*this, req, "episodes", v, {series.name + ": Episode guide", "", "tv", SeriesPath(series) + "/episodes"});
}

HttpResponse Pages::Season(const HttpRequest& req, const RouteParams& p) {
  const int number = catalog::ParseNumberSegment("s" + p.at("season"), 's');
  if (number <= 0) return Error(404);
  REEL_ASSIGN_OR_PAGE(series, store_.FindTitleBySlug(TitleKind::kSeries, p.at("slug")));
  const std::string path = SeasonPath(series, number);
  if (req.path != path) {
    // One address per page: "/tv/x/s1" and "/tv/x/s01/" go to "/tv/x/s01".
    return HttpResponse::Redirect(301, path + (req.Query("critics") == "top" ? "?critics=top" : ""));
  }
  REEL_ASSIGN_OR_PAGE(season, store_.FindChild(series.id, number));
  REEL_ASSIGN_OR_PAGE(episodes, store_.ListChildren(season.id));
  REEL_ASSIGN_OR_PAGE(counts, store_.GetScoreCounts(season.id));
  REEL_ASSIGN_OR_PAGE(credits, store_.ListCredits(season.id));
  REEL_ASSIGN_OR_PAGE(all_seasons, store_.ListChildren(series.id));
  REEL_ASSIGN_OR_PAGE(reviews, LoadReviewBlocks(store_, season, path, req, today_()));
  REEL_ASSIGN_OR_PAGE(similar, SimilarView(store_, series, today_()));
  std::vector<CreditRow> shown_credits = credits;
  if (shown_credits.empty()) {
    // A season without its own credits shows the series' cast and crew.
    REEL_ASSIGN_OR_PAGE(series_credits, store_.ListCredits(series.id));
    shown_credits = series_credits;
  }

  const std::string year = catalog::Year(season);
  View v;
  v.Set("series_name", series.name);
  v.Set("series_path", SeriesPath(series));
  v.Set("name", catalog::SeasonName(number));
  v.Set("year", year);
  v.Set("consensus", season.consensus);
  v.Set("scores", ScoresView(counts));
  v.Set("histograms", HistogramsView(counts));
  v.Set("synopsis", ParagraphsView(season.synopsis));
  v.Set("episodes_href", SeriesPath(series) + "/episodes");
  View ev = View::MakeList();
  for (const auto& e : episodes) {
    ev.Push(View()
                .Set("number", std::to_string(e.number))
                .Set("code", catalog::EpisodeCode(number, e.number))
                .Set("name", e.name)
                .Set("path", EpisodePath(series, number, e.number))
                .Set("date", e.release ? e.release->ToText() : "")
                .Set("date_iso", e.release ? e.release->start.ToIso() : "")
                .Set("synopsis", e.synopsis));
  }
  v.Set("episodes", std::move(ev));
  v.Set("has_episodes", !episodes.empty());
  View nav = View::MakeList();
  for (const auto& s : all_seasons) {
    nav.Push(View().Set("name", catalog::SeasonName(s.number)).Set("path", SeasonPath(series, s.number))
                 .Set("current", s.number == number));
  }
  v.Set("season_nav", std::move(nav));
  v.Set("credits", CreditsView(shown_credits));
  v.Set("critic_reviews", std::move(reviews.critics));
  v.Set("audience_reviews", std::move(reviews.audience));
  v.Set("has_similar", !similar.list().empty());
  v.Set("similar", std::move(similar));
  v.Set("rating", RatingWidget(req, season, path));
  v.Set("staff", StaffTools(req, season, path));
  if (Status st = AddComments(req, v, CommentThread{0, season.id}, path); !st.ok()) return Error(st);
  const std::string title = series.name + ": " + catalog::SeasonName(number) + (year.empty() ? "" : " (" + year + ")");
  return Page(*this, req, "season", v, {title, Truncate(season.synopsis, 160), "tv", path});
}

HttpResponse Pages::Episode(const HttpRequest& req, const RouteParams& p) {
  const int sn = catalog::ParseNumberSegment("s" + p.at("season"), 's');
  const int en = catalog::ParseNumberSegment("e" + p.at("episode"), 'e');
  if (sn <= 0 || en <= 0) return Error(404);
  REEL_ASSIGN_OR_PAGE(series, store_.FindTitleBySlug(TitleKind::kSeries, p.at("slug")));
  const std::string path = EpisodePath(series, sn, en);
  if (req.path != path) return HttpResponse::Redirect(301, path);
  REEL_ASSIGN_OR_PAGE(seasons, store_.ListChildren(series.id));
  auto season_it = std::find_if(seasons.begin(), seasons.end(), [&](auto& s) { return s.number == sn; });
  if (season_it == seasons.end()) return Error(404);
  REEL_ASSIGN_OR_PAGE(episodes, store_.ListChildren(season_it->id));
  auto ep_it = std::find_if(episodes.begin(), episodes.end(), [&](auto& e) { return e.number == en; });
  if (ep_it == episodes.end()) return Error(404);
  const Title& ep = *ep_it;
  REEL_ASSIGN_OR_PAGE(counts, store_.GetScoreCounts(ep.id));
  REEL_ASSIGN_OR_PAGE(credits, store_.ListCredits(ep.id));

  // Previous and next episodes, across season boundaries.
  std::optional<std::pair<int, Title>> prev, next;
  if (ep_it != episodes.begin()) prev = {{sn, *(ep_it - 1)}};
  if (ep_it + 1 != episodes.end()) next = {{sn, *(ep_it + 1)}};
  if (!prev && season_it != seasons.begin()) {
    REEL_ASSIGN_OR_PAGE(before, store_.ListChildren((season_it - 1)->id));
    if (!before.empty()) prev = {{(season_it - 1)->number, before.back()}};
  }
  if (!next && season_it + 1 != seasons.end()) {
    REEL_ASSIGN_OR_PAGE(after, store_.ListChildren((season_it + 1)->id));
    if (!after.empty()) next = {{(season_it + 1)->number, after.front()}};
  }
  auto link = [&](const std::optional<std::pair<int, Title>>& e) {
    View l;
    l.Set("code", catalog::EpisodeCode(e->first, e->second.number));
    l.Set("name", e->second.name);
    l.Set("path", EpisodePath(series, e->first, e->second.number));
    return l;
  };

  View v;
  v.Set("series_name", series.name);
  v.Set("series_path", SeriesPath(series));
  v.Set("season_name", catalog::SeasonName(sn));
  v.Set("season_path", SeasonPath(series, sn));
  v.Set("code", catalog::EpisodeCode(sn, en));
  v.Set("name", ep.name);
  v.Set("synopsis", ParagraphsView(ep.synopsis));
  v.Set("has_synopsis", !ep.synopsis.empty());
  View details = View::MakeList();
  auto detail = [&](const char* label, const std::string& value, const std::string& iso = "") {
    if (!value.empty()) details.Push(View().Set("label", label).Set("value", value).Set("iso", iso));
  };
  detail("Release date", ep.release ? (ep.release->precision == DatePrecision::kDay ? ep.release->start.ToLong()
                                                                                     : ep.release->ToText())
                                    : "",
         ep.release ? ep.release->start.ToIso() : "");
  detail("Running time", ep.runtime_minutes ? std::to_string(ep.runtime_minutes) + " minutes" : "");
  detail("Country", !ep.country.empty() ? ep.country : series.country);
  detail("Language", !ep.language.empty() ? ep.language : series.language);
  detail("Network", series.network);
  detail("Production code", ep.production_code);
  detail("US viewers", ep.us_viewers ? ViewersText(ep.us_viewers) : "");
  v.Set("details", std::move(details));
  v.Set("scores", ScoresView(counts));
  v.Set("credits", CreditsView(credits));
  if (prev) v.Set("prev", link(prev));
  if (next) v.Set("next", link(next));
  v.Set("episodes_href", SeriesPath(series) + "/episodes");
  v.Set("rating", RatingWidget(req, ep, path));
  v.Set("staff", StaffTools(req, ep, path));
  if (Status st = AddComments(req, v, CommentThread{0, ep.id}, path); !st.ok()) return Error(st);
  const std::string title = series.name + " " + catalog::EpisodeCode(sn, en) + ": " + ep.name;
  return Page(*this, req, "episode", v, {title, Truncate(ep.synopsis, 160), "tv", path});
}

HttpResponse Pages::Film(const HttpRequest& req, const RouteParams& p) {
  REEL_ASSIGN_OR_PAGE(film, store_.FindTitleBySlug(TitleKind::kFilm, p.at("slug")));
  const std::string path = FilmPath(film);
  REEL_ASSIGN_OR_PAGE(counts, store_.GetScoreCounts(film.id));
  REEL_ASSIGN_OR_PAGE(credits, store_.ListCredits(film.id));
  REEL_ASSIGN_OR_PAGE(genres, store_.ListGenres(film.id));
  REEL_ASSIGN_OR_PAGE(reviews, LoadReviewBlocks(store_, film, path, req, today_()));
  REEL_ASSIGN_OR_PAGE(similar, SimilarView(store_, film, today_()));
  REEL_ASSIGN_OR_PAGE(external_ids, store_.ListTitleExternalIds(film.id));
  REEL_ASSIGN_OR_PAGE(tags, store_.ListTags(film.id));
  View v;
  v.Set("name", film.name);
  View links = FilmExternalLinksView(external_ids);
  v.Set("has_links", !links.list().empty());
  v.Set("external_links", std::move(links));
  View top_tags = TopTagsView(tags, 12);
  v.Set("has_tags", !top_tags.list().empty());
  v.Set("tags", std::move(top_tags));
  v.Set("year", catalog::Year(film));
  v.Set("genres", GenresView(genres));
  v.Set("consensus", film.consensus);
  v.Set("scores", ScoresView(counts));
  v.Set("histograms", HistogramsView(counts));
  v.Set("synopsis", ParagraphsView(film.synopsis));
  View details = View::MakeList();
  auto detail = [&](const char* label, const std::string& value) {
    if (!value.empty()) details.Push(View().Set("label", label).Set("value", value));
  };
  detail("Release date", film.release ? (film.release->precision == DatePrecision::kDay ? film.release->start.ToLong()
                                                                                         : film.release->ToText())
                                      : "");
  detail("Running time", film.runtime_minutes ? std::to_string(film.runtime_minutes) + " minutes" : "");
  detail("Country", film.country);
  detail("Language", film.language);
  detail("Studio", film.network);
  v.Set("details", std::move(details));
  v.Set("credits", CreditsView(credits));
  v.Set("critic_reviews", std::move(reviews.critics));
  v.Set("audience_reviews", std::move(reviews.audience));
  v.Set("has_similar", !similar.list().empty());
  v.Set("similar", std::move(similar));
  v.Set("rating", RatingWidget(req, film, path));
  v.Set("staff", StaffTools(req, film, path));
  if (Status st = AddComments(req, v, CommentThread{0, film.id}, path); !st.ok()) return Error(st);
  const std::string year = catalog::Year(film);
  return Page(*this, req, "film", v, {film.name + (year.empty() ? "" : " (" + year + ")"), Truncate(film.synopsis, 160), "movies", path});
}

HttpResponse Pages::Person(const HttpRequest& req, const RouteParams& p) {
  REEL_ASSIGN_OR_PAGE(person, store_.FindPersonBySlug(p.at("slug")));
  REEL_ASSIGN_OR_PAGE(credits, store_.ListPersonCredits(person.id));
  // One row per title, its roles joined: "Jean-Luc Picard, Executive Producer".
  struct Row {
    const Title* title;
    std::string name, path, meta, year;
    std::vector<std::string> roles;
  };
  std::vector<const Title*> titles;
  for (const auto& c : credits) titles.push_back(&c.title);
  REEL_ASSIGN_OR_PAGE(facts, LoadTitleFacts(store_, titles, today_()));
  std::vector<Row> rows;
  std::map<Id, size_t> index;
  for (const auto& c : credits) {
    auto [it, fresh] = index.emplace(c.title.id, rows.size());
    if (fresh) {
      Row r;
      const Title& t = c.title;
      r.title = &t;
      if (t.kind == TitleKind::kSeason && c.series) {
        r.name = c.series->name + ": " + catalog::SeasonName(t.number);
        r.path = SeasonPath(*c.series, t.number);
        r.meta = "TV season";
        r.year = catalog::Year(t);
      } else if (t.kind == TitleKind::kEpisode && c.series && c.season) {
        r.name = c.series->name + " " + catalog::EpisodeCode(c.season->number, t.number) + ": " + t.name;
        r.path = EpisodePath(*c.series, c.season->number, t.number);
        r.meta = "TV episode";
        r.year = catalog::Year(t);
      } else {
        r.name = t.name;
        r.path = TopTitlePath(t);
        r.meta = KindLabel(t);
        r.year = facts.Years(t);
      }
      rows.push_back(std::move(r));
    }
    auto& roles = rows[it->second].roles;
    std::string role = c.credit.role.empty() ? (c.credit.kind == CreditKind::kCast ? "Cast" : "Crew") : c.credit.role;
    if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
  }
  View list = View::MakeList();
  for (const auto& r : rows) {
    View row = CardView(r.name, r.path, r.meta, facts.ScoresOf(*r.title));
    list.Push(row.Set("year", r.year).Set("roles", Join(r.roles, ", ")));
  }
  View v;
  v.Set("name", person.name);
  v.Set("born", person.born ? person.born->ToLong() : "");
  v.Set("birthplace", person.birthplace);
  v.Set("bio", ParagraphsView(person.bio));
  v.Set("credits", std::move(list));
  v.Set("has_credits", !rows.empty());
  return Page(*this, req, "person", v, {person.name, Truncate(person.bio, 160), "", PersonPath(person)});
}

}  // namespace reel::web
