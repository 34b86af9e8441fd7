// The review lists of title pages and the pieces the critic and publication pages
// share (web/html/blocks/reviews.h).
#include "web/html/blocks/reviews.h"

#include <cmath>

#include "catalog/title_paths.h"
#include "scoring/grade.h"
#include "scoring/score.h"
#include "web/html/blocks/pager.h"
#include "web/html/blocks/score_views.h"
#include "web/html/page.h"

namespace reel::web {
namespace {

// A verdict the scoring does not count although the review has one: a text
// classifier's suggestion (IsCounted).
bool IsSuggestion(const CriticReview& r) {
  return r.sentiment != Sentiment::kNone &&
         !IsCounted(ReviewFacts{r.sentiment, r.sentiment_source, false, r.grade_score});
}

std::string Href(const std::string& base, const catalog::ReviewListQuery& q, const std::string& anchor) {
  const std::string query = catalog::ReviewListQueryString(q);
  return base + (query.empty() ? "" : "?" + query) + "#" + anchor;
}

View AudienceReviewsView(const catalog::TitleReviews& reviews, const std::string& path, Date today) {
  View alist = View::MakeList();
  for (const auto& row : reviews.audience) {
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
  catalog::ReviewListQuery q = reviews.query;
  const auto& t = reviews.audience_tally;
  View out;
  q.audience_page = 1;
  q.verified = false;
  out.Set("all_href", Href(path, q, "audience-reviews"));
  q.verified = true;
  out.Set("verified_href", Href(path, q, "audience-reviews"));
  out.Set("all_count", static_cast<long long>(t.all));
  out.Set("verified_count", static_cast<long long>(t.verified));
  out.Set("verified", reviews.query.verified);
  out.Set("empty", alist.list().empty());
  out.Set("past_end", reviews.audience_past_end);
  out.Set("reviews", std::move(alist));
  const int64_t shown = reviews.query.verified ? t.verified : t.all;
  q = reviews.query;
  out.Set("pager", PagerView(q.audience_page, (shown + catalog::kAudienceReviewsShown - 1) / catalog::kAudienceReviewsShown,
                             [&](int64_t n) {
                               catalog::ReviewListQuery p = q;
                               p.audience_page = n;
                               return Href(path, p, "audience-reviews");
                             }));
  return out;
}

}  // namespace

View CriticReviewView(const CriticReviewRow& row) {
  const bool is_top = row.critic && row.critic->top_critic;
  const CriticReview& r = row.review;
  View v;
  v.Set("quote", r.quote);
  v.Set("critic", row.critic ? row.critic->name : "Unattributed critic");
  if (row.critic) v.Set("critic_href", catalog::CriticPath(*row.critic));
  v.Set("top_critic", is_top);
  v.Set("publication", row.publication ? row.publication->name : "");
  if (row.publication) v.Set("publication_href", catalog::PublicationPath(*row.publication));
  v.Set("grade", r.grade_raw);
  // Shown on hover and keyboard focus: the grade on reel's 0..100 scale, or that an
  // unparsed grade is kept as written.
  v.Set("grade_tip", r.grade_score ? scoring::FormatScore(*r.grade_score) + "/100 on reel's scale"
                                   : "Kept as written, not on reel's scale");
  if (r.grade_score) v.Set("grade_score", scoring::FormatScore(*r.grade_score));
  v.Set("date", r.date ? r.date->ToShort() : "");
  v.Set("date_iso", r.date ? r.date->ToIso() : "");
  v.Set("url", r.url);
  // A text classifier's verdict is only a suggestion: it is not counted and is
  // shown as such, never as the critic's own.
  const bool suggested = IsSuggestion(r);
  v.Set("sentiment", suggested ? "none" : SentimentName(r.sentiment));
  if (suggested) {
    v.Set("suggestion", std::string("Suggested from the text: ") +
                            (r.sentiment == Sentiment::kFresh ? "fresh" : "rotten") + " (not counted)");
  }
  SetBadge(v, suggested                           ? BadgeState{"none", "No verdict yet"}
              : r.sentiment == Sentiment::kFresh  ? BadgeState{"fresh", "Fresh"}
              : r.sentiment == Sentiment::kRotten ? BadgeState{"rotten", "Rotten"}
                                                  : BadgeState{"none", "No verdict"});
  return v;
}

View ReviewSwitchView(const catalog::ReviewListQuery& query, const CriticReviewTally& t, const std::string& base,
                      const std::string& anchor) {
  catalog::ReviewListQuery q = query;
  q.page = 1;
  View out;
  auto link = [&](auto set, long long count, bool current, const char* label) {
    catalog::ReviewListQuery p = q;
    set(p);
    View v;
    v.Set("label", label);
    v.Set("href", Href(base, p, anchor));
    v.Set("current", current);
    if (count >= 0) v.Set("count", count);
    return v;
  };
  View who = View::MakeList();
  who.Push(link([](auto& p) { p.top = false; }, t.all, !q.top, "All critics"));
  who.Push(link([](auto& p) { p.top = true; }, t.top, q.top, "Top critics"));
  View verdict = View::MakeList();
  const long long fresh = q.top ? t.top_fresh : t.fresh, rotten = q.top ? t.top_rotten : t.rotten;
  verdict.Push(link([](auto& p) { p.verdict = VerdictFilter::kAny; }, q.top ? t.top : t.all,
                    q.verdict == VerdictFilter::kAny, "Any verdict"));
  verdict.Push(link([](auto& p) { p.verdict = VerdictFilter::kFresh; }, fresh, q.verdict == VerdictFilter::kFresh, "Fresh"));
  verdict.Push(link([](auto& p) { p.verdict = VerdictFilter::kRotten; }, rotten, q.verdict == VerdictFilter::kRotten,
                    "Rotten"));
  View order = View::MakeList();
  order.Push(link([](auto& p) { p.order = ReviewOrder::kNewest; }, -1, q.order == ReviewOrder::kNewest, "Newest"));
  order.Push(link([](auto& p) { p.order = ReviewOrder::kGrade; }, -1, q.order == ReviewOrder::kGrade, "By grade"));
  out.Set("who", std::move(who));
  out.Set("verdicts", std::move(verdict));
  out.Set("orders", std::move(order));
  // How many reviews the current choice holds: what the pager divides.
  const long long shown = q.verdict == VerdictFilter::kFresh    ? fresh
                          : q.verdict == VerdictFilter::kRotten ? rotten
                          : q.top                               ? t.top
                                                                : t.all;
  out.Set("pager", PagerView(query.page, (shown + catalog::kReviewPageSize - 1) / catalog::kReviewPageSize,
                             [&](int64_t n) {
                               catalog::ReviewListQuery p = query;
                               p.page = n;
                               return Href(base, p, anchor);
                             }));
  return out;
}

void SetReviewLists(View& page, const catalog::TitleReviews& reviews, const std::string& path, Date today) {
  View list = View::MakeList();
  for (const auto& row : reviews.critics) list.Push(CriticReviewView(row));
  View critics = ReviewSwitchView(reviews.query, reviews.tally, path, "critic-reviews");
  critics.Set("top", reviews.query.top);
  critics.Set("any", reviews.tally.all > 0);
  critics.Set("empty", list.list().empty());
  critics.Set("past_end", reviews.critics_past_end);
  critics.Set("reviews", std::move(list));
  page.Set("critic_reviews", std::move(critics));
  page.Set("audience_reviews", AudienceReviewsView(reviews, path, today));
}

}  // namespace reel::web
