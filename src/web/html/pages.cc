#include "web/html/pages.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "catalog/catalog.h"
#include "core/text.h"
#include "scoring/score.h"
#include "storage/store.h"
#include "web/html/render.h"

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

// ---- View pieces ------------------------------------------------------------------

View ParagraphsView(std::string_view text) {
  View list = View::MakeList();
  for (auto& p : Paragraphs(text)) list.Push(View().Set("text", p));
  return list;
}

// A score badge: "63%" with "± 8" and its count, or "—" with the count.
View ScoreView(const scoring::Score& s, bool critic) {
  View v;
  v.Set("shown", s.percent.has_value());
  v.Set("percent", s.percent ? std::to_string(*s.percent) + "%" : "—");
  v.Set("margin", std::to_string(s.margin));
  v.Set("count", std::to_string(s.count));
  const bool positive = s.percent && *s.percent >= 60;
  std::string noun = critic ? (s.count == 1 ? "review" : "reviews") : (s.count == 1 ? "rating" : "ratings");
  v.Set("count_label", std::to_string(s.count) + " " + noun);
  v.Set("state", !s.percent ? "none" : critic ? (positive ? "fresh" : "rotten") : (positive ? "hot" : "stale"));
  v.Set("state_label", !s.percent ? "Not enough yet"
                       : critic  ? (positive ? "Fresh" : "Rotten")
                                 : (positive ? "Mostly positive" : "Mostly negative"));
  v.Set("min", std::to_string(critic ? scoring::kMinCriticReviews : scoring::kMinAudienceRatings));
  return v;
}

View ScoresView(const ScoreCounts& c) {
  View v;
  v.Set("critic", ScoreView(scoring::CriticScore(c), true));
  v.Set("audience", ScoreView(scoring::AudienceScore(c), false));
  return v;
}

// One card in a list of titles: name, link, year and critic score.
View CardView(std::string name, std::string path, std::string meta, const ScoreCounts* counts) {
  View v;
  v.Set("name", std::move(name));
  v.Set("path", std::move(path));
  v.Set("meta", std::move(meta));
  ScoreCounts none;
  v.Set("score", ScoreView(scoring::CriticScore(counts ? *counts : none), true));
  return v;
}

std::string KindLabel(const Title& t) { return t.kind == TitleKind::kFilm ? "Film" : "TV series"; }

std::string TopTitleMeta(const Title& t) {
  std::string years = catalog::YearSpan(t);
  return KindLabel(t) + (years.empty() ? "" : " · " + years);
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

std::string StarsNumber(double stars) {
  char buf[16];
  std::snprintf(buf, sizeof buf, stars == std::floor(stars) ? "%.0f" : "%.1f", stars);
  return buf;
}

// Creation time ("2021-06-13" or "2021-06-13T10:00:00Z") as a date.
std::optional<Date> DateOf(const std::string& stamp) {
  if (stamp.size() < 10) return std::nullopt;
  auto d = Date::Parse(stamp.substr(0, 10));
  return d.ok() ? std::optional<Date>(*d) : std::nullopt;
}

}  // namespace

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
    if (r.grade_score) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.0f/100 on reel's scale", *r.grade_score);
      v.Set("grade_score", std::string(buf));
    }
    v.Set("date", r.date ? r.date->ToShort() : "");
    v.Set("date_iso", r.date ? r.date->ToIso() : "");
    v.Set("url", r.url);
    v.Set("sentiment", SentimentName(r.sentiment));
    v.Set("sentiment_label", r.sentiment == Sentiment::kFresh    ? "Fresh"
                             : r.sentiment == Sentiment::kRotten ? "Rotten"
                                                                 : "No verdict");
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
Result<View> SimilarView(Store& store, const Title& top) {
  auto similar = store.ListSimilarByGenre(top.id, kSimilarShown);
  if (!similar.ok()) return similar.status();
  View list = View::MakeList();
  for (const auto& t : *similar) list.Push(CardView(t.name, TopTitlePath(t), TopTitleMeta(t), nullptr));
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

namespace {

HttpResponse Page(const Pages& pages, std::string_view name, const View& v, PageFrame frame) {
  auto html = RenderPage(name, v, frame);
  if (!html.ok()) return pages.Error(html.status());
  HttpResponse res;
  res.body = std::move(*html);
  res.headers.emplace_back("Cache-Control", "no-cache");
  return res;
}

}  // namespace

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

HttpResponse Pages::Home(const HttpRequest&, const RouteParams&) {
  const Date today = today_();
  View v;

  // Newest seasons already out.
  TitleQuery recent;
  recent.kinds = {TitleKind::kSeason};
  recent.order = TitleOrder::kReleaseNewest;
  recent.released_on_or_before = today;
  recent.limit = 8;
  REEL_ASSIGN_OR_PAGE(seasons, store_.ListTitles(recent));
  // Best critic scores: films and seasons ranked by the Wilson lower bound.
  REEL_ASSIGN_OR_PAGE(reviewed, store_.ListTitlesWithReviews(scoring::kMinCriticReviews));
  REEL_ASSIGN_OR_PAGE(reviewed_titles, store_.GetTitles(reviewed));

  std::vector<Id> ids = reviewed;
  std::set<Id> parent_ids;
  for (const auto& s : seasons) ids.push_back(s.id), parent_ids.insert(s.parent_id);
  for (const auto& t : reviewed_titles) {
    if (t.parent_id) parent_ids.insert(t.parent_id);
  }
  REEL_ASSIGN_OR_PAGE(counts, store_.GetScoreCountsFor(ids));
  REEL_ASSIGN_OR_PAGE(parents, store_.GetTitles({parent_ids.begin(), parent_ids.end()}));
  std::map<Id, const Title*> parent_of;
  for (const auto& p : parents) parent_of[p.id] = &p;
  auto card = [&](const Title& t) {
    const ScoreCounts* c = counts.count(t.id) ? &counts.at(t.id) : nullptr;
    if (t.kind == TitleKind::kSeason && parent_of.count(t.parent_id)) {
      const Title& series = *parent_of.at(t.parent_id);
      return CardView(series.name + ": " + catalog::SeasonName(t.number), SeasonPath(series, t.number),
                      "TV season · " + catalog::Year(t), c);
    }
    return CardView(t.name, TopTitlePath(t), TopTitleMeta(t), c);
  };

  View newest = View::MakeList();
  for (const auto& s : seasons) newest.Push(card(s));
  v.Set("newest", std::move(newest));

  std::vector<const Title*> ranked;
  for (const auto& t : reviewed_titles) {
    if (t.kind == TitleKind::kFilm || t.kind == TitleKind::kSeason) ranked.push_back(&t);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](const Title* a, const Title* b) {
    return scoring::RankKey(scoring::CriticProportion(counts[a->id])) >
           scoring::RankKey(scoring::CriticProportion(counts[b->id]));
  });
  View best = View::MakeList();
  for (size_t i = 0; i < ranked.size() && i < 10; ++i) best.Push(card(*ranked[i]));
  v.Set("best_empty", best.list().empty());
  v.Set("best", std::move(best));

  TitleQuery series_q;
  series_q.kinds = {TitleKind::kSeries};
  series_q.limit = 12;
  REEL_ASSIGN_OR_PAGE(series, store_.ListTitles(series_q));
  View series_list = View::MakeList();
  for (const auto& s : series) series_list.Push(card(s));
  v.Set("series", std::move(series_list));

  TitleQuery films_q;
  films_q.kinds = {TitleKind::kFilm};
  films_q.order = TitleOrder::kReleaseNewest;
  films_q.limit = 12;
  REEL_ASSIGN_OR_PAGE(films, store_.ListTitles(films_q));
  View film_list = View::MakeList();
  for (const auto& f : films) film_list.Push(card(f));
  v.Set("films", std::move(film_list));
  return Page(*this, "home", v, {"Reviews of TV series and films", "Critic and audience scores for TV series and films.", "home", "/"});
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
  View list = View::MakeList();
  for (const auto& s : series) {
    View item;
    item.Set("name", s.name);
    item.Set("path", SeriesPath(s));
    item.Set("years", catalog::YearSpan(s));
    item.Set("network", s.network);
    item.Set("synopsis", Truncate(s.synopsis, 200));
    list.Push(std::move(item));
  }
  View v;
  v.Set("series", std::move(list));
  v.Set("empty", series.empty());
  if (page > 1) v.Set("prev_href", "/tv?page=" + std::to_string(page - 1));
  if (more) v.Set("next_href", "/tv?page=" + std::to_string(page + 1));
  return Page(*this, "tv_index", v, {"All TV series", "Every TV series in the catalog.", "tv", "/tv"});
}

HttpResponse Pages::Series(const HttpRequest& req, const RouteParams& p) {
  REEL_ASSIGN_OR_PAGE(series, store_.FindTitleBySlug(TitleKind::kSeries, p.at("slug")));
  REEL_ASSIGN_OR_PAGE(seasons, store_.ListChildren(series.id));
  std::vector<Id> ids;
  for (const auto& s : seasons) ids.push_back(s.id);
  REEL_ASSIGN_OR_PAGE(counts, store_.GetScoreCountsFor(ids));
  REEL_ASSIGN_OR_PAGE(credits, store_.ListCredits(series.id));
  REEL_ASSIGN_OR_PAGE(genres, store_.ListGenres(series.id));
  REEL_ASSIGN_OR_PAGE(similar, SimilarView(store_, series));

  View v;
  v.Set("name", series.name);
  v.Set("path", SeriesPath(series));
  v.Set("years", catalog::YearSpan(series));
  v.Set("network", series.network);
  v.Set("genres", GenresView(genres));
  v.Set("synopsis", ParagraphsView(series.synopsis));
  v.Set("episodes_href", SeriesPath(series) + "/episodes");

  // The series' score is the mean of its seasons' shown critic scores.
  int shown = 0, sum = 0;
  View season_list = View::MakeList();
  for (const auto& s : seasons) {
    ScoreCounts c = counts.count(s.id) ? counts.at(s.id) : ScoreCounts{};
    auto critic = scoring::CriticScore(c);
    if (critic.percent) ++shown, sum += *critic.percent;
    View sv;
    sv.Set("name", catalog::SeasonName(s.number));
    sv.Set("path", SeasonPath(series, s.number));
    sv.Set("year", catalog::Year(s));
    sv.Set("synopsis", Truncate(s.synopsis, 240));
    sv.Set("scores", ScoresView(c));
    season_list.Push(std::move(sv));
  }
  v.Set("seasons", std::move(season_list));
  v.Set("has_seasons", !seasons.empty());
  View series_score;
  series_score.Set("shown", shown > 0);
  series_score.Set("percent", shown ? std::to_string(static_cast<int>(std::lround(double(sum) / shown))) + "%" : "—");
  series_score.Set("seasons", std::to_string(shown) + (shown == 1 ? " season" : " seasons"));
  v.Set("series_score", std::move(series_score));

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
  return Page(*this, "series", v, {series.name, Truncate(series.synopsis, 160), "tv", SeriesPath(series)});
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
  return Page(*this, "episodes", v, {series.name + ": Episode guide", "", "tv", SeriesPath(series) + "/episodes"});
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
  REEL_ASSIGN_OR_PAGE(similar, SimilarView(store_, series));
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
  const std::string title = series.name + ": " + catalog::SeasonName(number) + (year.empty() ? "" : " (" + year + ")");
  return Page(*this, "season", v, {title, Truncate(season.synopsis, 160), "tv", path});
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
  v.Set("details", std::move(details));
  v.Set("scores", ScoresView(counts));
  v.Set("credits", CreditsView(credits));
  if (prev) v.Set("prev", link(prev));
  if (next) v.Set("next", link(next));
  v.Set("episodes_href", SeriesPath(series) + "/episodes");
  const std::string title = series.name + " " + catalog::EpisodeCode(sn, en) + ": " + ep.name;
  return Page(*this, "episode", v, {title, Truncate(ep.synopsis, 160), "tv", path});
}

HttpResponse Pages::Film(const HttpRequest& req, const RouteParams& p) {
  REEL_ASSIGN_OR_PAGE(film, store_.FindTitleBySlug(TitleKind::kFilm, p.at("slug")));
  const std::string path = FilmPath(film);
  REEL_ASSIGN_OR_PAGE(counts, store_.GetScoreCounts(film.id));
  REEL_ASSIGN_OR_PAGE(credits, store_.ListCredits(film.id));
  REEL_ASSIGN_OR_PAGE(genres, store_.ListGenres(film.id));
  REEL_ASSIGN_OR_PAGE(reviews, LoadReviewBlocks(store_, film, path, req, today_()));
  REEL_ASSIGN_OR_PAGE(similar, SimilarView(store_, film));
  View v;
  v.Set("name", film.name);
  v.Set("year", catalog::Year(film));
  v.Set("genres", GenresView(genres));
  v.Set("consensus", film.consensus);
  v.Set("scores", ScoresView(counts));
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
  const std::string year = catalog::Year(film);
  return Page(*this, "film", v, {film.name + (year.empty() ? "" : " (" + year + ")"), Truncate(film.synopsis, 160), "movies", path});
}

HttpResponse Pages::Person(const HttpRequest& req, const RouteParams& p) {
  REEL_ASSIGN_OR_PAGE(person, store_.FindPersonBySlug(p.at("slug")));
  REEL_ASSIGN_OR_PAGE(credits, store_.ListPersonCredits(person.id));
  // One row per title, its roles joined: "Jean-Luc Picard, Executive Producer".
  struct Row {
    std::string name, path, meta, year;
    std::vector<std::string> roles;
  };
  std::vector<Row> rows;
  std::map<Id, size_t> index;
  for (const auto& c : credits) {
    auto [it, fresh] = index.emplace(c.title.id, rows.size());
    if (fresh) {
      Row r;
      const Title& t = c.title;
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
        r.year = catalog::YearSpan(t);
      }
      rows.push_back(std::move(r));
    }
    auto& roles = rows[it->second].roles;
    std::string role = c.credit.role.empty() ? (c.credit.kind == CreditKind::kCast ? "Cast" : "Crew") : c.credit.role;
    if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
  }
  View list = View::MakeList();
  for (const auto& r : rows) {
    list.Push(View().Set("name", r.name).Set("path", r.path).Set("meta", r.meta).Set("year", r.year)
                  .Set("roles", Join(r.roles, ", ")));
  }
  View v;
  v.Set("name", person.name);
  v.Set("born", person.born ? person.born->ToLong() : "");
  v.Set("birthplace", person.birthplace);
  v.Set("bio", ParagraphsView(person.bio));
  v.Set("credits", std::move(list));
  v.Set("has_credits", !rows.empty());
  return Page(*this, "person", v, {person.name, Truncate(person.bio, 160), "", PersonPath(person)});
}

}  // namespace reel::web
