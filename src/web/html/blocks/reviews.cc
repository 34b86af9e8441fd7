#include "web/html/blocks/reviews.h"

#include <cmath>

#include "scoring/grade.h"
#include "scoring/score.h"
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

}  // namespace

View CriticReviewsView(const std::vector<CriticReviewRow>& all, bool top, const std::string& path) {
  int top_count = 0;
  View list = View::MakeList();
  for (const auto& row : all) {
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
    list.Push(std::move(v));
  }
  View out;
  out.Set("all_count", static_cast<int>(all.size()));
  out.Set("top_count", top_count);
  out.Set("top", top);
  out.Set("all_href", path + "#critic-reviews");
  out.Set("top_href", path + "?critics=top#critic-reviews");
  out.Set("empty", list.list().empty());
  out.Set("reviews", std::move(list));
  return out;
}

View AudienceReviewsView(const std::vector<AudienceReviewRow>& audience, Date today) {
  View alist = View::MakeList();
  for (const auto& row : audience) {
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
  View out;
  out.Set("empty", alist.list().empty());
  out.Set("reviews", std::move(alist));
  return out;
}

void SetReviewLists(View& page, const catalog::TitleReviews& reviews, bool top, const std::string& path, Date today) {
  page.Set("critic_reviews", CriticReviewsView(reviews.critics, top, path));
  page.Set("audience_reviews", AudienceReviewsView(reviews.audience, today));
}

}  // namespace reel::web
