// SqlWriter's writes of critics, critic reviews, users, ratings and verification
// codes, and the upkeep of the stored aggregates they move: each write applies its
// new contribution minus its old one to its title's ScoreCounts, in the same
// transaction, and moves the title's certified state.
#include <algorithm>
#include <string>

#include "core/date.h"
#include "core/text.h"
#include "storage/sql/search_index.h"
#include "storage/sql/listing.h"
#include "storage/sql/writer.h"

namespace reel {
namespace {

// What orders a title's search results among equals: its ratings and reviews.
int64_t Popularity(const ScoreCounts& c) { return c.fresh + c.rotten + c.ratings; }

}  // namespace

Result<Id> SqlWriter::UpsertCritic(const Critic& c) {
  if (!IsValidSlug(c.slug)) return InvalidArgument("critic slug '" + c.slug + "' is not valid");
  // A change of the top-critic flag moves every review of the critic between the
  // all-critics and top-critics counts.
  REEL_ASSIGN_OR_RETURN(auto before, db_.Prepare("SELECT id, top_critic FROM critics WHERE slug = ?"));
  before.Bind(1, c.slug);
  std::optional<std::pair<Id, bool>> old;
  if (before.Step()) old = {{before.Int(0), before.Int(1) != 0}};
  REEL_TRY(before.Run());
  auto id = WriteCritic(c);
  if (!id.ok() || !old || old->second == c.top_critic) return id;
  REEL_ASSIGN_OR_RETURN(auto reviews, db_.Prepare(
      "SELECT title_id, sentiment, sentiment_source, grade_score FROM critic_reviews WHERE critic_id = ?"));
  reviews.Bind(1, *id);
  std::vector<std::pair<Id, ReviewFacts>> facts;
  while (reviews.Step()) {
    ReviewFacts f{ParseSentiment(reviews.Text(1)), ParseSentimentSource(reviews.Text(2)),
                           old->second, reviews.OptDouble(3)};
    facts.emplace_back(reviews.Int(0), f);
  }
  REEL_TRY(reviews.status());
  for (auto& [title, f] : facts) {
    ReviewFacts now = f;
    now.top_critic = c.top_critic;
    REEL_TRY(ApplyDelta(title, Minus(Contribution(now), Contribution(f))));
  }
  return id;
}

Result<Id> SqlWriter::WriteCritic(const Critic& c) {
  auto q = db_.Prepare(
      "INSERT INTO critics(slug, name, publication_id, top_critic) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, "
      "publication_id = excluded.publication_id, top_critic = excluded.top_critic RETURNING id");
  if (q.ok()) {
    q->Bind(1, c.slug).Bind(2, c.name).BindIdOrNull(3, c.publication_id).Bind(4, c.top_critic ? 1 : 0);
  }
  REEL_ASSIGN_OR_RETURN(const Id id, ReturningId(q));
  REEL_TRY(IndexCritic(db_, id));
  return id;
}

Result<Id> SqlWriter::UpsertCriticReview(const CriticReview& r, std::string_view key) {
  if (key.empty()) return InvalidArgument("critic review needs a key");
  REEL_TRY(db_.Lock(LockSpace::kTitleWrites, r.title_id));
  REEL_ASSIGN_OR_RETURN(auto old, OldReview(r.title_id, key));
  REEL_ASSIGN_OR_RETURN(auto top, IsTopCritic(r.critic_id));
  REEL_ASSIGN_OR_RETURN(auto id, WriteCriticReview(r, key));
  const ReviewFacts now{r.sentiment, r.sentiment_source, top, r.grade_score};
  ScoreCounts delta = Contribution(now);
  if (old) delta = Minus(delta, Contribution(*old));
  REEL_TRY(ApplyDelta(r.title_id, delta));
  return id;
}

Status SqlWriter::SetReviewVerdict(Id review_id, std::optional<double> grade_score, Sentiment sentiment,
                        SentimentSource source) {
  auto title = db_.Prepare("SELECT title_id FROM critic_reviews WHERE id = ?");
  if (title.ok()) title->Bind(1, review_id);
  REEL_ASSIGN_OR_RETURN(auto locked,
                        One<Id>(title, [](auto& st) { return st.Int(0); }, "no critic review " + std::to_string(review_id)));
  REEL_TRY(db_.Lock(LockSpace::kTitleWrites, locked));
  REEL_ASSIGN_OR_RETURN(auto old, db_.Prepare(
      "SELECT r.title_id, r.sentiment, r.sentiment_source, r.grade_score, COALESCE(c.top_critic, 0) "
      "FROM critic_reviews r LEFT JOIN critics c ON c.id = r.critic_id WHERE r.id = ?"));
  old.Bind(1, review_id);
  if (!old.Step()) return old.status().ok() ? NotFound("no critic review " + std::to_string(review_id)) : old.status();
  const Id title_id = old.Int(0);
  const ReviewFacts before = ReadReviewFacts(old, 1);
  REEL_TRY(old.Run());
  REEL_ASSIGN_OR_RETURN(auto q,
                        db_.Prepare("UPDATE critic_reviews SET grade_score = ?, sentiment = ?, sentiment_source = ? WHERE id = ?"));
  q.Bind(1, grade_score).BindTextOrNull(2, SentimentName(sentiment)).BindTextOrNull(3, SentimentSourceName(source))
      .Bind(4, review_id);
  REEL_TRY(q.Run());
  const ReviewFacts after{sentiment, source, before.top_critic, grade_score};
  return ApplyDelta(title_id, Minus(Contribution(after), Contribution(before)));
}

Status SqlWriter::DeleteCriticReview(Id title_id, std::string_view key) {
  REEL_TRY(db_.Lock(LockSpace::kTitleWrites, title_id));
  REEL_ASSIGN_OR_RETURN(auto q, db_.Prepare(
      "DELETE FROM critic_reviews WHERE title_id = ? AND review_key = ? RETURNING sentiment, "
      "sentiment_source, grade_score, (SELECT COALESCE(top_critic, 0) FROM critics WHERE id = critic_id)"));
  q.Bind(1, title_id).Bind(2, key);
  if (!q.Step()) return q.status().ok() ? NotFound("no critic review '" + std::string(key) + "'") : q.status();
  const auto old = ReadReviewFacts(q, 0);
  REEL_TRY(q.Run());
  return ApplyDelta(title_id, Minus(ScoreCounts{}, Contribution(old)));
}

Result<Id> SqlWriter::WriteCriticReview(const CriticReview& r, std::string_view key) {
  auto q = db_.Prepare(
      "INSERT INTO critic_reviews(title_id, review_key, critic_id, publication_id, quote, url, "
      "grade_raw, grade_score, sentiment, sentiment_source, review_date, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (title_id, review_key) DO UPDATE SET critic_id = excluded.critic_id, "
      "publication_id = excluded.publication_id, quote = excluded.quote, url = excluded.url, "
      "grade_raw = excluded.grade_raw, grade_score = excluded.grade_score, "
      "sentiment = excluded.sentiment, sentiment_source = excluded.sentiment_source, "
      "review_date = excluded.review_date RETURNING id");
  if (q.ok()) {
    q->Bind(1, r.title_id).Bind(2, key).BindIdOrNull(3, r.critic_id).BindIdOrNull(4, r.publication_id)
        .Bind(5, r.quote).Bind(6, r.url).Bind(7, r.grade_raw).Bind(8, r.grade_score)
        .BindTextOrNull(9, SentimentName(r.sentiment))
        .BindTextOrNull(10, SentimentSourceName(r.sentiment_source));
    if (r.date) q->Bind(11, r.date->ToIso()); else q->BindNull(11);
    q->Bind(12, now_);
  }
  return ReturningId(q);
}

Result<Id> SqlWriter::UpsertUser(const User& u) {
  if (u.username.empty()) return InvalidArgument("username is empty");
  auto q = db_.Prepare(
      "INSERT INTO users(username, display_name, email, password_hash, role, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, "
      "email = excluded.email, password_hash = excluded.password_hash, role = excluded.role "
      "RETURNING id");
  if (q.ok()) {
    q->Bind(1, u.username).Bind(2, u.display_name).BindTextOrNull(3, u.email)
        .Bind(4, u.password_hash).Bind(5, RoleName(u.role))
        .Bind(6, u.created_at.empty() ? now_ : u.created_at);
  }
  return ReturningId(q);
}

Result<Id> SqlWriter::UpsertRating(const Rating& r) {
  if (r.stars < 0.5 || r.stars > 5 || r.stars * 2 != static_cast<int>(r.stars * 2)) {
    return InvalidArgument("stars must be 0.5 to 5 in halves, not " + std::to_string(r.stars));
  }
  REEL_TRY(db_.Lock(LockSpace::kTitleWrites, r.title_id));
  REEL_ASSIGN_OR_RETURN(auto old, OldRating(r.user_id, r.title_id));
  REEL_ASSIGN_OR_RETURN(auto id, WriteRating(r));
  ScoreCounts delta = Contribution(RatingFacts{r.stars, r.verified, r.status});
  if (old) delta = Minus(delta, Contribution(*old));
  REEL_TRY(ApplyDelta(r.title_id, delta));
  return id;
}

Status SqlWriter::DeleteRating(Id user_id, Id title_id) {
  REEL_TRY(db_.Lock(LockSpace::kTitleWrites, title_id));
  REEL_ASSIGN_OR_RETURN(auto q, db_.Prepare(
      "DELETE FROM ratings WHERE user_id = ? AND title_id = ? RETURNING stars, verified, status"));
  q.Bind(1, user_id).Bind(2, title_id);
  if (!q.Step()) return q.status().ok() ? NotFound("no rating of title " + std::to_string(title_id)) : q.status();
  const auto old = ReadRatingFacts(q, 0);
  REEL_TRY(q.Run());
  return ApplyDelta(title_id, Minus(ScoreCounts{}, Contribution(old)));
}

Result<Id> SqlWriter::WriteRating(const Rating& r) {
  const std::string when = r.created_at.empty() ? now_ : r.created_at;
  auto q = db_.Prepare(
      "INSERT INTO ratings(user_id, title_id, stars, review, verified, status, created_at, "
      "updated_at, review_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (user_id, title_id) DO UPDATE SET stars = excluded.stars, "
      "review = excluded.review, verified = excluded.verified, status = excluded.status, "
      "review_status = excluded.review_status, "
      "created_at = CASE WHEN ? = 1 THEN excluded.created_at ELSE ratings.created_at END, "
      "updated_at = excluded.updated_at RETURNING id");
  if (q.ok()) {
    q->Bind(1, r.user_id).Bind(2, r.title_id).Bind(3, r.stars).Bind(4, r.review)
        .Bind(5, r.verified ? 1 : 0).Bind(6, RatingStatusName(r.status)).Bind(7, when)
        .Bind(8, r.created_at.empty() ? now_ : when).Bind(9, ModerationStatusName(r.review_status))
        .Bind(10, r.created_at.empty() ? 0 : 1);
  }
  return ReturningId(q);
}

Result<StoreWriter::Change> SqlWriter::AddVerificationCode(std::string_view code_hash, Id title_id) {
  REEL_ASSIGN_OR_RETURN(auto old, db_.Prepare("SELECT title_id FROM verification_codes WHERE code_hash = ?"));
  old.Bind(1, code_hash);
  if (old.Step()) {
    const Id existing = old.Int(0);
    REEL_TRY(old.Run());
    if (existing != title_id) return AlreadyExists("code: already given to another title");
    return Change::kUnchanged;
  }
  REEL_TRY(old.status());
  REEL_ASSIGN_OR_RETURN(auto q,
                        db_.Prepare("INSERT INTO verification_codes(code_hash, title_id, created_at) VALUES (?, ?, ?)"));
  REEL_TRY(q.Bind(1, code_hash).Bind(2, title_id).Bind(3, now_).Run());
  return Change::kInserted;
}

Status SqlWriter::UseVerificationCode(std::string_view code_hash, Id title_id, Id user_id) {
  // The row is locked by the UPDATE, so two readers cannot both spend one code.
  REEL_ASSIGN_OR_RETURN(auto q, db_.Prepare(
      "UPDATE verification_codes SET used_by = ?, used_at = ? "
      "WHERE code_hash = ? AND title_id = ? AND (used_by IS NULL OR used_by = ?) RETURNING code_hash"));
  q.Bind(1, user_id).Bind(2, now_).Bind(3, code_hash).Bind(4, title_id).Bind(5, user_id);
  if (q.Step()) return q.Run();
  REEL_TRY(q.status());
  REEL_ASSIGN_OR_RETURN(auto known,
                        db_.Prepare("SELECT 1 FROM verification_codes WHERE code_hash = ? AND title_id = ?"));
  known.Bind(1, code_hash).Bind(2, title_id);
  const bool exists = known.Step();
  REEL_TRY(known.Run());
  return exists ? FailedPrecondition("code: has already been used")
                : NotFound("code: is not a verification code for this title");
}

Status SqlWriter::ApplyDeltas(std::vector<std::pair<Id, ScoreCounts>> deltas) {
  std::erase_if(deltas, [](const auto& d) { return SameCounts(d.second, ScoreCounts{}, 0); });
  if (deltas.empty()) return Status::Ok();
  std::vector<std::pair<ScoreCounts, bool>> after(deltas.size());  // The sums, and certified before.
  std::vector<bool> returned(deltas.size(), false);
  REEL_TRY(db_.RunMany(
      AddDeltaSql(), deltas.size(),
      [&](size_t i, SqlStmt& q) {
        q.Bind(1, deltas[i].first);
        BindCounts(q, 2, deltas[i].second);
      },
      [&](size_t i, const SqlStmt& q) {
        after[i] = {ReadCounts(q, 0), q.Int(kAggColCount) != 0};
        returned[i] = true;
      }));
  if (std::count(returned.begin(), returned.end(), false)) return Internal("aggregate upsert returned nothing");
  // The kinds of titles this transaction has not seen yet decide the rule.
  std::vector<Id> unknown;
  for (const auto& [title, unused] : deltas) {
    if (!kinds_.count(title)) unknown.push_back(title);
  }
  REEL_TRY(db_.RunMany(
      "SELECT kind FROM titles WHERE id = ?", unknown.size(), [&](size_t i, SqlStmt& q) { q.Bind(1, unknown[i]); },
      [&](size_t i, const SqlStmt& q) {
        kinds_[unknown[i]] = ParseTitleKind(q.Text(0)).value_or(TitleKind::kFilm);
      }));
  std::vector<std::pair<Id, bool>> moved;  // Titles whose certified state changes.
  for (size_t i = 0; i < deltas.size(); ++i) {
    auto kind = kinds_.find(deltas[i].first);
    if (kind == kinds_.end()) return NotFound("no title " + std::to_string(deltas[i].first));
    const auto rule = CertificationKind(kind->second);
    const bool was = after[i].second;
    const bool next = rule && NextCertified(was, after[i].first, *rule);
    if (next != was) moved.emplace_back(deltas[i].first, next);
    const int64_t now = Popularity(after[i].first);
    REEL_TRY(UpdateSearchPopularity(db_, deltas[i].first, now - Popularity(deltas[i].second), now));
    after[i].first.certified = next;
  }
  REEL_TRY(db_.RunMany(
      "UPDATE title_aggregates SET certified = ? WHERE title_id = ?", moved.size(),
      [&](size_t i, SqlStmt& q) { q.Bind(1, moved[i].second ? 1 : 0).Bind(2, moved[i].first); },
      [](size_t, const SqlStmt&) {}));
  // What the indexes sort by follows the counts in the same transaction: a film's
  // (episode's) from the counts in hand; a season's also moves its series.
  std::vector<std::pair<Id, ListingKeys>> own;
  std::vector<Id> others;
  for (size_t i = 0; i < deltas.size(); ++i) {
    const TitleKind kind = kinds_[deltas[i].first];
    if (kind == TitleKind::kFilm || kind == TitleKind::kEpisode) {
      own.emplace_back(deltas[i].first, TitleListingKeys(after[i].first));
    } else {
      others.push_back(deltas[i].first);
    }
  }
  REEL_TRY(WriteListingKeys(db_, own));
  return SyncListingKeys(db_, others);
}

Result<bool> SqlWriter::IsTopCritic(Id critic_id) {
  if (critic_id == 0) return false;
  auto q = db_.Prepare("SELECT top_critic FROM critics WHERE id = ?");
  if (q.ok()) q->Bind(1, critic_id);
  return One<bool>(q, [](auto& st) { return st.Int(0) != 0; }, "no critic " + std::to_string(critic_id));
}

Result<std::optional<ReviewFacts>> SqlWriter::OldReview(Id title_id, std::string_view key) {
  REEL_ASSIGN_OR_RETURN(auto q, db_.Prepare(
      "SELECT r.sentiment, r.sentiment_source, r.grade_score, COALESCE(c.top_critic, 0) "
      "FROM critic_reviews r LEFT JOIN critics c ON c.id = r.critic_id "
      "WHERE r.title_id = ? AND r.review_key = ?"));
  q.Bind(1, title_id).Bind(2, key);
  std::optional<ReviewFacts> out;
  if (q.Step()) out = ReadReviewFacts(q, 0);
  REEL_TRY(q.Run());
  return out;
}

Result<std::optional<RatingFacts>> SqlWriter::OldRating(Id user_id, Id title_id) {
  REEL_ASSIGN_OR_RETURN(auto q,
                        db_.Prepare("SELECT stars, verified, status FROM ratings WHERE user_id = ? AND title_id = ?"));
  q.Bind(1, user_id).Bind(2, title_id);
  std::optional<RatingFacts> out;
  if (q.Step()) out = ReadRatingFacts(q, 0);
  REEL_TRY(q.Run());
  return out;
}

}  // namespace reel
