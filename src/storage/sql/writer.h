// SqlWriter: the StoreWriter of SqlStore, bound to one write transaction on one
// connection (SqlStore::Write makes one per call). It keeps the stored aggregates
// (ScoreCounts) of the titles a write touches current in the same transaction.
// Its methods are defined by slice: sql/catalog_writes.cc (titles, people, credits,
// publications, dates, videos, consensus), sql/writer.cc (critics, reviews, ratings,
// verification codes and the aggregates' upkeep), sql/ingest.cc (the ingest reads
// and checked upserts) and sql/bulk_ratings.cc (batched ratings). One thread: the
// one running the Write() body.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "storage/sql/rows.h"
#include "storage/sql_db.h"
#include "storage/store_writer.h"

namespace reel {

class RatingTally;

// A hash of (user, title) and other pairs of ids.
struct PairHash {
  size_t operator()(const std::pair<Id, Id>& p) const {
    return std::hash<Id>()(p.first) * 1000003u ^ std::hash<Id>()(p.second);
  }
};


class SqlWriter final : public StoreWriter {
 public:
  explicit SqlWriter(SqlDb& db) : db_(db), now_(UtcTimestamp()) {}

  Result<Id> UpsertTitle(const Title& t) override;

  Status SetTitleGenres(Id title_id, const std::vector<std::string>& names) override;

  Result<Id> UpsertPerson(const Person& p) override;

  Result<Id> UpsertCredit(const Credit& c) override;

  Result<Id> UpsertPublication(const Publication& p) override;

  Result<Id> UpsertCritic(const Critic& c) override;

  Result<Id> WriteCritic(const Critic& c);

  Result<Id> UpsertCriticReview(const CriticReview& r, std::string_view key) override;

  Status SetReviewVerdict(Id review_id, std::optional<double> grade_score, Sentiment sentiment,
                          SentimentSource source) override;

  Status DeleteCriticReview(Id title_id, std::string_view key) override;

  Result<Id> WriteCriticReview(const CriticReview& r, std::string_view key);

  Result<Id> UpsertUser(const User& u) override;

  Result<Id> UpsertRating(const Rating& r) override;

  Status DeleteRating(Id user_id, Id title_id) override;

  // An edit keeps the rating's creation time unless the caller gives one (imports
  // carry the original dates); updated_at always moves.
  Result<Id> WriteRating(const Rating& r);

  Result<Id> UpsertReleaseDate(const ReleaseDate& d) override;

  Result<Id> UpsertVideo(const Video& v) override;
  Status DeleteVideo(Id title_id, Id video_id) override;

  Status SetConsensus(Id title_id, std::string_view text) override;

  Result<Change> AddVerificationCode(std::string_view code_hash, Id title_id) override;

  Status UseVerificationCode(std::string_view code_hash, Id title_id, Id user_id) override;

  Result<Id> RecordSpamCheck(const SpamCheck& check) override { return InsertSpamCheck(db_, check); }

  // ---- Ingest (sql/ingest.cc; the batched ratings in sql/bulk_ratings.cc) ----
  Result<std::optional<Id>> FindTitleIdByExternalId(std::string_view source, std::string_view value) override;
  Result<std::optional<Id>> FindPersonIdByExternalId(std::string_view source, std::string_view value) override;
  Result<std::string> TitleExternalId(Id title_id, std::string_view source) override;
  Result<std::string> PersonExternalId(Id person_id, std::string_view source) override;
  Result<Change> SetTitleExternalId(Id title_id, std::string_view source, std::string_view value) override;
  Result<Change> SetPersonExternalId(Id person_id, std::string_view source, std::string_view value) override;
  Result<std::string> TitleSource(Id title_id) override;
  Status SetTitleSource(Id title_id, std::string_view source) override;
  Result<std::vector<std::string>> TitleGenreNames(Id title_id) override;
  Result<Title> GetTitle(Id id) override;
  Result<Title> FindTitleBySlug(TitleKind kind, std::string_view slug) override;
  Result<Title> FindChild(Id parent_id, int number) override;
  Result<Person> GetPerson(Id id) override;
  Result<Person> FindPersonBySlug(std::string_view slug) override;
  Result<Upserted> UpsertTitleChecked(const Title& title) override;
  Result<Change> SetTitleGenresChecked(Id title_id, const std::vector<std::string>& names) override;
  Result<Upserted> UpsertPersonChecked(const Person& person) override;
  Result<Upserted> UpsertCreditChecked(const Credit& credit) override;
  Result<Upserted> UpsertPublicationChecked(const Publication& publication) override;
  Result<Upserted> UpsertCriticChecked(const Critic& critic) override;
  Result<Upserted> UpsertCriticReviewChecked(const CriticReview& review, std::string_view key) override;
  Result<Upserted> UpsertReleaseDateChecked(const ReleaseDate& date) override;
  Result<Upserted> EnsureUser(const User& user) override;
  Result<Upserted> UpsertTag(Id title_id, Id user_id, std::string_view tag, std::string_view created_at) override;
  Result<Change> SetExternalRating(Id title_id, std::string_view source, double average, int64_t votes) override;
  Status UpsertRatingsChecked(const std::vector<Rating>& ratings, std::vector<Change>* changes) override;
  Status BeginBulkRatings(int64_t expected) override;
  Status EndBulkRatings() override;
  // Applies the tally's changes to the aggregates of its titles (ApplyDeltas).
  Status ApplyTally(RatingTally& tally);
  // The batch's SQLite path, and the look at one rating of it that did not go in.
  Status InsertRatingsSqlite(const std::vector<Rating>& ratings, RatingTally& tally, std::vector<Change>& changes,
                             size_t first_change);
  Status SettleRating(const Rating& r, Id newer_than, RatingTally& tally, Change& change);
  Status StageRatings(const std::vector<Rating>& ratings, size_t begin, size_t end, RatingTally& tally,
                      std::vector<Change>& changes, size_t first_change);
  // Between BeginBulkRatings and EndBulkRatings: the CREATE INDEX statements Begin
  // dropped, and the ratings added per title and kind (stars, verified, status),
  // applied to the aggregates at End.
  bool bulk_ = false;
  std::vector<std::string> bulk_indexes_;
  std::unordered_map<Id, std::array<int64_t, 60>> bulk_tally_;

 private:
  // Adds `delta` to the title's stored aggregates and moves its certified state.
  Status ApplyDelta(Id title_id, const ScoreCounts& delta) { return ApplyDeltas({{title_id, delta}}); }

  // ApplyDelta for many titles in a few round trips: each statement runs for every
  // title through SqlDb::RunMany (pipelined on PostgreSQL).
  Status ApplyDeltas(std::vector<std::pair<Id, ScoreCounts>> deltas);

  Result<bool> IsTopCritic(Id critic_id);

  // The facts of the review at (title, key) before this write, if there is one.
  Result<std::optional<ReviewFacts>> OldReview(Id title_id, std::string_view key);

  Result<std::optional<RatingFacts>> OldRating(Id user_id, Id title_id);

  SqlDb& db_;
  const std::string now_;
  std::map<Id, TitleKind> kinds_;  // Kinds of the titles this transaction touched.
};

}  // namespace reel
