#include "audience/critic_posts.h"

#include "core/text.h"
#include "scoring/grade.h"
#include "storage/store.h"

namespace reel::audience {

bool CanPostCriticReviews(const User& user) {
  return (user.role == Role::kCritic || user.role == Role::kAdmin) && user.critic_id != 0;
}

bool IsEditor(const User& user) { return user.role == Role::kEditor || user.role == Role::kAdmin; }

namespace {

std::string ReviewKey(Id critic_id) { return "critic:" + std::to_string(critic_id); }

Status CheckText(std::string_view field, std::string_view text, size_t max) {
  if (!IsValidUtf8(text)) return InvalidArgument(std::string(field) + ": is not valid text (UTF-8)");
  if (text.size() > max) return InvalidArgument(std::string(field) + ": at most " + std::to_string(max) + " characters");
  return Status::Ok();
}

}  // namespace

Result<Id> EnsureCriticProfile(Store& store, const CriticProfile& profile) {
  const std::string name(Trim(profile.name)), publication(Trim(profile.publication));
  REEL_TRY(CheckText("critic_name", name, kMaxCriticNameLength));
  REEL_TRY(CheckText("publication", publication, kMaxCriticNameLength));
  auto found = store.FindCriticBySlug(profile.slug);
  if (!found.ok() && found.status().code() != StatusCode::kNotFound) return found.status();
  if (found.ok() && name.empty() && publication.empty()) return found->id;
  if (!found.ok()) {
    if (!IsValidSlug(profile.slug)) {
      return InvalidArgument("critic: '" + profile.slug + "' is not lowercase words joined by hyphens");
    }
    if (name.empty()) {
      return InvalidArgument("critic_name: give the name readers see for the new critic profile '" + profile.slug + "'");
    }
  }
  const std::string publication_slug = Slugify(publication);
  if (!publication.empty() && publication_slug.empty()) {
    return InvalidArgument("publication: '" + publication + "' has no letters or digits");
  }
  Critic c = found.ok() ? *found : Critic{0, profile.slug, name, 0, false};
  if (!name.empty()) c.name = name;
  // An existing publication keeps its own name and address.
  bool new_publication = false;
  if (!publication.empty()) {
    auto existing = store.FindPublicationBySlug(publication_slug);
    if (existing.ok()) c.publication_id = existing->id;
    else if (existing.status().code() == StatusCode::kNotFound) new_publication = true;
    else return existing.status();
  }
  Id id = 0;
  REEL_TRY(store.Write([&](StoreWriter& w) -> Status {
    if (new_publication) {
      REEL_ASSIGN_OR_RETURN(c.publication_id, w.UpsertPublication({0, publication_slug, publication, ""}));
    }
    REEL_ASSIGN_OR_RETURN(id, w.UpsertCritic(c));
    return Status::Ok();
  }));
  return id;
}

Status PostCriticReview(Store& store, const User& user, const Title& title, const CriticPost& post, Date today) {
  if (!CanPostCriticReviews(user)) return PermissionDenied("only critic accounts linked to a critic profile post critic reviews");
  if (title.kind == TitleKind::kSeries) return InvalidArgument("title: review a season, an episode or a film");
  CriticReview r;
  r.title_id = title.id;
  r.critic_id = user.critic_id;
  r.quote = std::string(Trim(post.quote));
  if (r.quote.empty()) return InvalidArgument("quote: write the sentence readers will see");
  REEL_TRY(CheckText("quote", r.quote, kMaxQuoteLength));
  r.grade_raw = std::string(Trim(post.grade));
  REEL_TRY(CheckText("grade", r.grade_raw, 40));
  if (!r.grade_raw.empty()) {
    if (scoring::IsBareNumber(r.grade_raw)) {
      return InvalidArgument("grade: give its scale too, such as \"" + r.grade_raw + "/10\" or \"" + r.grade_raw + "/5\"");
    }
    auto g = scoring::ParseGrade(r.grade_raw);
    if (!g.ok()) return InvalidArgument("grade: " + g.status().message());
    r.grade_score = g->score;
  }
  r.sentiment = ParseSentiment(post.verdict);
  if (r.sentiment == Sentiment::kNone) return InvalidArgument("verdict: choose fresh or rotten");
  r.sentiment_source = SentimentSource::kCritic;
  r.url = std::string(Trim(post.url));
  if (!r.url.empty() && r.url.rfind("https://", 0) != 0 && r.url.rfind("http://", 0) != 0) {
    return InvalidArgument("url: must start with https:// or http://");
  }
  REEL_TRY(CheckText("url", r.url, 2000));
  REEL_ASSIGN_OR_RETURN(auto critic, store.GetCritic(user.critic_id));
  r.publication_id = critic.publication_id;
  r.date = today;
  return store.Write([&](StoreWriter& w) { return w.UpsertCriticReview(r, ReviewKey(user.critic_id)).status(); });
}

Status WithdrawCriticReview(Store& store, const User& user, const Title& title) {
  if (!CanPostCriticReviews(user)) return PermissionDenied("only critic accounts post critic reviews");
  Status st = store.Write([&](StoreWriter& w) { return w.DeleteCriticReview(title.id, ReviewKey(user.critic_id)); });
  return st.code() == StatusCode::kNotFound ? Status::Ok() : st;
}

Status WriteConsensus(Store& store, const User& user, const Title& title, std::string_view text) {
  if (!IsEditor(user)) return PermissionDenied("only editors write the critics consensus");
  if (title.kind == TitleKind::kEpisode) return InvalidArgument("title: episodes have no consensus");
  const std::string t(Trim(text));
  REEL_TRY(CheckText("consensus", t, kMaxConsensusLength));
  if (!t.empty()) {
    std::vector<Id> reviewed = {title.id};
    if (title.kind == TitleKind::kSeries) {
      REEL_ASSIGN_OR_RETURN(auto seasons, store.ListChildren(title.id));
      for (const auto& s : seasons) reviewed.push_back(s.id);
    }
    REEL_ASSIGN_OR_RETURN(auto counts, store.GetScoreCountsFor(reviewed));
    int64_t reviews = 0;
    for (const auto& [id, c] : counts) reviews += c.fresh + c.rotten;
    if (reviews == 0) {
      return InvalidArgument("consensus: no critic has reviewed this title yet, so there is no consensus to sum up");
    }
  }
  return store.Write([&](StoreWriter& w) { return w.SetConsensus(title.id, t); });
}

}  // namespace reel::audience
