// PUT and DELETE .../rating of a season, an episode or a film: the API client's
// rating (stars, review, verification code) or its removal; both answer with the
// title's new scores.
#include "audience/ratings.h"
#include "storage/store.h"
#include "web/api/api.h"
#include "web/api/json.h"

namespace reel::web::api {

HttpResponse PutRating(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto w = StartTitleWrite(site.store(), req, p);
  if (!w.ok()) return ErrorReply(w.status());
  auto stars = w->body.find("stars");
  if (stars == w->body.end() || !stars->is_number()) {
    return ErrorReply(InvalidArgument("stars: a number from 0.5 to 5, in halves"));
  }
  auto review = Field(w->body, "review", false);
  if (!review.ok()) return ErrorReply(review.status());
  auto code = Field(w->body, "code", false);
  if (!code.ok()) return ErrorReply(code.status());
  const Title& title = w->routed.title;
  Status st = audience::RateTitle(site.store(), w->user.id, title, stars->get<double>(), *review, site.today(),
                                  audience::RatingContext{&site.spam(), req.ClientAddress(), *code});
  if (!st.ok()) return ErrorReply(st);
  auto counts = site.store().GetScoreCounts(title.id);
  if (!counts.ok()) return ErrorReply(counts.status());
  return Reply(200, {{"path", w->routed.path}, {"scores", ScoresJson(*counts)}});
}

HttpResponse DeleteRating(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto user = Caller(site.store(), req);
  if (!user.ok()) return ErrorReply(user.status());
  auto routed = FindRoutedTitle(site.store(), p);
  if (!routed.ok()) return ErrorReply(routed.status());
  if (Status st = audience::Unrate(site.store(), user->id, routed->title); !st.ok()) return ErrorReply(st);
  auto counts = site.store().GetScoreCounts(routed->title.id);
  if (!counts.ok()) return ErrorReply(counts.status());
  return Reply(200, {{"path", routed->path}, {"scores", ScoresJson(*counts)}});
}

}  // namespace reel::web::api
