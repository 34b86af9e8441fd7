// StoreWriter: the writes of one transaction (Store::Write()): the catalog, critic
// reviews and ratings, the importers' checked upserts and reads, editors' consensus
// and verification codes. It implements TitleReads too, reading inside its
// transaction (reads see its writes). Valid only during the Write() call that made
// it; one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/accounts.h"
#include "model/comments.h"
#include "model/people.h"
#include "model/ratings.h"
#include "model/reviews.h"
#include "model/titles.h"
#include "storage/title_reads.h"

namespace reel {

// Writes inside one transaction. Valid only during the Write() call that made it.
//
// Every write of a critic review, a rating or a critic's top-critic flag also
// updates the stored aggregates of the titles it touches (ScoreCounts, including the
// certified state), in the same transaction and in O(1) per review or rating. Rows
// must therefore change only through these methods.
class StoreWriter : public TitleReads {
 public:
  ~StoreWriter() override = default;

  // Films and series match on (kind, slug); seasons and episodes on (parent, number).
  virtual Result<Id> UpsertTitle(const Title& title) = 0;
  // Replaces the title's genres with these names (genres are created as needed).
  virtual Status SetTitleGenres(Id title_id, const std::vector<std::string>& names) = 0;
  virtual Result<Id> UpsertPerson(const Person& person) = 0;                // By slug.
  virtual Result<Id> UpsertCredit(const Credit& credit) = 0;  // By title, person, kind, role.
  virtual Result<Id> UpsertPublication(const Publication& publication) = 0;  // By slug.
  virtual Result<Id> UpsertCritic(const Critic& critic) = 0;                // By slug.
  // By (title, key): `key` identifies the review within its title; callers use
  // "critic:<id>" for attributed reviews and a source key otherwise.
  virtual Result<Id> UpsertCriticReview(const CriticReview& review, std::string_view key) = 0;
  virtual Result<Id> UpsertUser(const User& user) = 0;                       // By username.
  virtual Result<Id> UpsertRating(const Rating& rating) = 0;                // By user, title.
  // Removes a user's rating of a title (NotFound when there is none).
  virtual Status DeleteRating(Id user_id, Id title_id) = 0;
  // Sets a critic review's normalised grade and derived verdict (scoring/rescore.h).
  virtual Status SetReviewVerdict(Id review_id, std::optional<double> grade_score, Sentiment sentiment,
                                  SentimentSource source) = 0;
  // Removes a critic review by its title and key (NotFound when there is none).
  virtual Status DeleteCriticReview(Id title_id, std::string_view key) = 0;
  virtual Result<Id> UpsertReleaseDate(const ReleaseDate& date) = 0;  // By title, start, precision.
  virtual Result<Id> UpsertVideo(const Video& video) = 0;                    // By title, url.
  virtual Status DeleteVideo(Id title_id, Id video_id) = 0;  // NotFound when the title has no such video.
  // Records what the spam filter said of a comment's or review's text (a new row per
  // version of the text); the check's id.
  virtual Result<Id> RecordSpamCheck(const SpamCheck& check) = 0;

  // ---- Ingest ----
  // What bulk importers (src/ingest/) need beyond the upserts above: to find again,
  // by the ids other catalogs give them, the titles and people an earlier import
  // stored; to read inside their own transaction (TitleReads and the reads below
  // see its writes); to
  // write only what differs and know what they did, so importing the same file twice
  // writes and reports nothing; and a batched path for millions of ratings. The
  // "Checked" upserts match rows by the same keys as the upserts above and go through
  // them when something differs, so the aggregates stay current the same way.
  enum class Change { kUnchanged, kInserted, kUpdated };
  struct Upserted {
    Id id = 0;
    Change change = Change::kUnchanged;
  };

  // The title or person another catalog knows by (source, value), e.g.
  // ("imdb", "tt0114709"); nullopt when none is stored.
  virtual Result<std::optional<Id>> FindTitleIdByExternalId(std::string_view source, std::string_view value) = 0;
  virtual Result<std::optional<Id>> FindPersonIdByExternalId(std::string_view source, std::string_view value) = 0;
  // The value a title (person) has in `source`, or "" when it has none.
  virtual Result<std::string> TitleExternalId(Id title_id, std::string_view source) = 0;
  virtual Result<std::string> PersonExternalId(Id person_id, std::string_view source) = 0;
  // Points (source, value) at the title (person), moving it from another if needed.
  virtual Result<Change> SetTitleExternalId(Id title_id, std::string_view source, std::string_view value) = 0;
  virtual Result<Change> SetPersonExternalId(Id person_id, std::string_view source, std::string_view value) = 0;

  // The importer that made a title ("movielens"...; "" for one made otherwise), and
  // recording it (kept once set).
  virtual Result<std::string> TitleSource(Id title_id) = 0;
  virtual Status SetTitleSource(Id title_id, std::string_view source) = 0;
  // The names of a title's genres, in order.
  virtual Result<std::vector<std::string>> TitleGenreNames(Id title_id) = 0;

  virtual Result<Upserted> UpsertTitleChecked(const Title& title) = 0;
  // Sets the title's genres to these names in this order (see SetTitleGenres).
  virtual Result<Change> SetTitleGenresChecked(Id title_id, const std::vector<std::string>& names) = 0;
  virtual Result<Upserted> UpsertPersonChecked(const Person& person) = 0;
  virtual Result<Upserted> UpsertCreditChecked(const Credit& credit) = 0;
  virtual Result<Upserted> UpsertPublicationChecked(const Publication& publication) = 0;
  virtual Result<Upserted> UpsertCriticChecked(const Critic& critic) = 0;
  virtual Result<Upserted> UpsertCriticReviewChecked(const CriticReview& review, std::string_view key) = 0;
  virtual Result<Upserted> UpsertReleaseDateChecked(const ReleaseDate& date) = 0;
  // Creates the user when no user has this username; an existing account is used as
  // it is (an import never changes a person's account).
  virtual Result<Upserted> EnsureUser(const User& user) = 0;
  // A user's tag of a title, by (title, user, tag); `created_at` is ISO 8601 UTC.
  virtual Result<Upserted> UpsertTag(Id title_id, Id user_id, std::string_view tag, std::string_view created_at) = 0;
  // Another site's published aggregate of a title (one per title and source).
  virtual Result<Change> SetExternalRating(Id title_id, std::string_view source, double average, int64_t votes) = 0;
  // Many ratings, each written as UpsertRating would (same checks, same aggregates),
  // with one Change per rating appended to `changes`. The aggregates of each title
  // are updated once per call, so batches of thousands cost far fewer statements.
  virtual Status UpsertRatingsChecked(const std::vector<Rating>& ratings, std::vector<Change>* changes) = 0;
  // Brackets loading about `expected` ratings through UpsertRatingsChecked: between
  // the two the aggregates of the titles rated wait (End applies them, once per
  // title), and where `expected` is many against the ratings stored, SQLite drops
  // the ratings table's non-unique indexes at Begin and End builds them again: one
  // sort instead of millions of inserts at random places. Both happen in this
  // transaction, so a failure leaves everything as it was; a body that calls Begin
  // must call End before it returns success.
  virtual Status BeginBulkRatings(int64_t expected) = 0;
  virtual Status EndBulkRatings() = 0;

  // ---- Editors and verified viewers ----
  // Sets the critics consensus an editor wrote ("" removes it).
  virtual Status SetConsensus(Id title_id, std::string_view text) = 0;
  // A verification code (its hash) good for one use on `title_id`. Adding it again
  // changes nothing; AlreadyExists when the code is another title's.
  virtual Result<Change> AddVerificationCode(std::string_view code_hash, Id title_id) = 0;
  // Spends a code on `title_id` for `user_id`: NotFound when no such code is good for
  // that title, FailedPrecondition when someone else used it. Using one's own code
  // again is Ok (nothing changes).
  virtual Status UseVerificationCode(std::string_view code_hash, Id title_id, Id user_id) = 0;
};

}  // namespace reel
