// Store: the one interface through which reel reads and writes its data.
//
// Callers (catalog, scoring, web, ingest, the CLI) see only this header and
// the model/ headers; SqlStore (sql_store.h) implements it once over two drivers, SQLite
// (sqlite/) and PostgreSQL (postgres/), chosen by the URL Open() is given. Every
// method is safe to call from any thread at the same time: implementations keep a
// pool of connections. Reads return Result<T>; a missing row is NotFound, never an
// exception.
//
// Writes happen only inside Write(): the body gets a StoreWriter bound to one
// transaction; returning a failed Status (or any write failing) rolls the whole
// transaction back, so an import or a form post changes all or nothing. Upserts
// match rows by their natural key (slug, parent and number, user and title...), so
// applying the same data twice changes nothing.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/accounts.h"
#include "model/articles.h"
#include "model/comments.h"
#include "model/people.h"
#include "model/ratings.h"
#include "model/reviews.h"
#include "model/score_counts.h"
#include "model/titles.h"

namespace reel {

// Writes inside one transaction. Valid only during the Write() call that made it.
//
// Every write of a critic review, a rating or a critic's top-critic flag also
// updates the stored aggregates of the titles it touches (ScoreCounts, including the
// certified state), in the same transaction and in O(1) per review or rating. Rows
// must therefore change only through these methods.
class StoreWriter {
 public:
  virtual ~StoreWriter() = default;

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
  // Records what the spam filter said of a comment's or review's text (a new row per
  // version of the text); the check's id.
  virtual Result<Id> RecordSpamCheck(const SpamCheck& check) = 0;

  // ---- Ingest ----
  // What bulk importers (src/ingest/) need beyond the upserts above: to find again,
  // by the ids other catalogs give them, the titles and people an earlier import
  // stored; to read inside their own transaction (reads here see its writes); to
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

  // Reads in this transaction; nullopt when there is no such row.
  virtual Result<std::optional<Title>> LookupTitle(Id id) = 0;
  virtual Result<std::optional<Title>> LookupTitleBySlug(TitleKind kind, std::string_view slug) = 0;
  virtual Result<std::optional<Title>> LookupChild(Id parent_id, int number) = 0;
  virtual Result<std::optional<Person>> LookupPerson(Id id) = 0;
  virtual Result<std::optional<Person>> LookupPersonBySlug(std::string_view slug) = 0;

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

enum class TitleOrder { kName, kReleaseNewest };

struct TitleQuery {
  std::vector<TitleKind> kinds;            // Empty: every kind.
  TitleOrder order = TitleOrder::kName;
  std::optional<Date> released_on_or_before;  // Only titles released by this day.
  int limit = 100;
  int offset = 0;
};

enum class CriticFilter { kAll, kTopOnly };

class Store {
 public:
  virtual ~Store() = default;

  // Opens the store a URL names: "sqlite:PATH" (or a bare path) for SQLite,
  // "postgresql://..." for PostgreSQL. Applies pending migrations.
  static Result<std::unique_ptr<Store>> Open(const std::string& url);

  // The highest migration applied.
  virtual Result<int> SchemaVersion() = 0;

  // Runs `body` in one transaction (see the header comment).
  virtual Status Write(const std::function<Status(StoreWriter&)>& body) = 0;

  // Runs `body` with every read it makes through the store it is given (from this
  // thread) inside one read transaction on one connection, so all of them see one
  // snapshot of the data: a page reads what it shows consistently. Writes inside
  // `body` fail with FailedPrecondition (they would wait on the snapshot); a Read()
  // inside `body` just runs its body. Returns what `body` returns.
  virtual Status Read(const std::function<Status(Store&)>& body) = 0;

  // A number that changes whenever committed data changes: at once for writes
  // through this store, within about 100 ms for writes by other processes or servers
  // (SQLite: PRAGMA data_version; PostgreSQL: LISTEN/NOTIFY). Caches compare it to
  // know they are still valid. The first call starts a watcher thread.
  virtual uint64_t ChangeGeneration() = 0;

  // ---- Titles ----
  virtual Result<Title> GetTitle(Id id) = 0;
  virtual Result<std::vector<Title>> GetTitles(const std::vector<Id>& ids) = 0;  // In id order.
  virtual Result<Title> FindTitleBySlug(TitleKind kind, std::string_view slug) = 0;
  virtual Result<Title> FindChild(Id parent_id, int number) = 0;
  virtual Result<std::vector<Title>> ListChildren(Id parent_id) = 0;  // By number.
  // The children of many titles at once, by parent id, each list by number (parents
  // without children are absent).
  virtual Result<std::map<Id, std::vector<Title>>> ListChildrenFor(const std::vector<Id>& parent_ids) = 0;
  // How far the seasons and episodes of many series run (series without seasons are absent).
  virtual Result<std::map<Id, SeriesRun>> GetSeriesRunsFor(const std::vector<Id>& series_ids) = 0;
  // Lists (ListTitles, ListSimilarByGenre, ListPersonCredits, ListTitlesWith...)
  // leave out untitled films and series (Title::untitled) and their seasons and
  // episodes; lookups by id, slug or number find them.
  virtual Result<std::vector<Title>> ListTitles(const TitleQuery& query) = 0;
  virtual Result<std::vector<Genre>> ListGenres(Id title_id) = 0;
  // Films and series sharing genres with `title_id` (a film or series), most shared
  // genres first, then newest.
  virtual Result<std::vector<Title>> ListSimilarByGenre(Id title_id, int limit) = 0;
  virtual Result<std::vector<ReleaseDate>> ListReleaseDates(Id title_id) = 0;
  virtual Result<std::vector<Video>> ListVideos(Id title_id) = 0;

  // ---- People ----
  virtual Result<Person> FindPersonBySlug(std::string_view slug) = 0;
  virtual Result<std::vector<CreditRow>> ListCredits(Id title_id) = 0;  // Cast, then crew.
  virtual Result<std::vector<PersonCreditRow>> ListPersonCredits(Id person_id) = 0;

  // ---- Reviews and scores ----
  // Newest first.
  virtual Result<std::vector<CriticReviewRow>> ListCriticReviews(Id title_id,
                                                                 CriticFilter filter) = 0;
  // Counted ratings that carry a review, newest first.
  virtual Result<std::vector<AudienceReviewRow>> ListAudienceReviews(Id title_id, int limit) = 0;
  virtual Result<ScoreCounts> GetScoreCounts(Id title_id) = 0;
  // Counts for many titles at once (titles without reviews or ratings are absent).
  virtual Result<std::map<Id, ScoreCounts>> GetScoreCountsFor(const std::vector<Id>& ids) = 0;
  // The raw grades of every review of a publication (by slug), for inferring the
  // scale its bare numbers use; NotFound when there is no such publication.
  virtual Result<std::vector<std::string>> ListPublicationGrades(std::string_view slug) = 0;
  // A publication by id or by slug; NotFound when there is none.
  virtual Result<Publication> GetPublication(Id id) = 0;
  virtual Result<Publication> FindPublicationBySlug(std::string_view slug) = 0;
  // Titles with at least `min_ratings` counted audience ratings.
  virtual Result<std::vector<Id>> ListTitlesWithRatings(int min_ratings) = 0;
  // Films and seasons with at least `min_reviews` fresh-or-rotten critic reviews.
  virtual Result<std::vector<Id>> ListTitlesWithReviews(int min_reviews) = 0;

  // Every critic review with what its grade and verdict derive from, by id.
  virtual Result<std::vector<ReviewScoringRow>> ListReviewsForScoring() = 0;

  // Rebuilds every title's aggregates from the review and rating rows, reporting
  // where the stored ones had drifted. Certified state is re-evaluated from its
  // stored value (it is history, not a function of the rows).
  struct AggregateReport {
    int64_t titles = 0;          // Titles with reviews or ratings.
    int64_t drifted = 0;         // Of those, stored aggregates that differed.
    int64_t reviews = 0;         // Rows read.
    int64_t ratings = 0;
    std::vector<std::string> examples;  // Up to 10 descriptions of drifted titles.
  };
  virtual Result<AggregateReport> RecomputeAggregates() = 0;

  // ---- Periodic jobs ----
  // Runs `job` if its last run started at least `interval` ago (or never), on one
  // server only: the run is claimed in a transaction under a lock shared by every
  // server of the store, then `run` executes outside it and its result is recorded.
  // Returns whether this call ran the job.
  virtual Result<bool> RunJobIfDue(std::string_view job, int64_t interval_seconds,
                                   const std::function<Status()>& run) = 0;

  // ---- The whole site, losslessly (reel-json) ----
  // Writes every row of every table, ids included, as one JSON document through
  // `out` in pieces (memory stays bounded by one row). Rows are ordered by key, so
  // the same data always gives the same text, whichever store holds it.
  virtual Status Export(const std::function<void(std::string_view)>& out) = 0;
  // Loads a document Export wrote into this store, which must be empty and at the
  // same schema version; one transaction, so an error leaves it empty.
  virtual Status Import(std::string_view json) = 0;

  // ---- Accounts (storage/sql/accounts.cc) ----
  // A new user; AlreadyExists names the field that clashes ("username", "email").
  virtual Result<Id> CreateUser(const User& user) = 0;
  virtual Result<User> GetUser(Id id) = 0;
  virtual Result<User> FindUserByName(std::string_view username) = 0;  // NotFound when none.
  virtual Status CreateSession(const Session& session) = 0;
  // The live session with this token hash and its user; NotFound when there is none
  // or it expired before `now` (ISO 8601 UTC).
  virtual Result<std::pair<Session, User>> FindSession(std::string_view token_hash, std::string_view now) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  // A user's live sessions at `now`, of both kinds, the most recently used first.
  virtual Result<std::vector<Session>> ListSessions(Id user_id, std::string_view now) = 0;
  // Ends the session of `user_id` whose token hash begins with `hash_prefix` (at
  // least 16 characters, as the account page shows it); NotFound when the user has
  // no such session.
  virtual Status EndUserSession(Id user_id, std::string_view hash_prefix) = 0;
  // Records that a session was used at `now`.
  virtual Status TouchSession(std::string_view token_hash, std::string_view now) = 0;
  // A user's rating of a title; NotFound when there is none.
  virtual Result<Rating> GetRating(Id user_id, Id title_id) = 0;
  // A title's ratings made or changed at or after `since` (ISO 8601 UTC), oldest first.
  virtual Result<std::vector<RecentRating>> ListRecentRatings(Id title_id, std::string_view since) = 0;
  // An account by its email, case-insensitively; NotFound when none.
  virtual Result<User> FindUserByEmail(std::string_view email) = 0;
  // Accounts whose username or email contains `query` (every account when it is
  // empty), newest first.
  virtual Result<std::vector<User>> ListUsers(std::string_view query, int limit, int offset) = 0;
  // Sets a user's role; NotFound when there is no such user.
  virtual Status SetUserRole(Id user_id, Role role) = 0;
  // Links the critic profile a critic account posts as (0 unlinks); NotFound when
  // the user or the critic does not exist.
  virtual Status SetUserCritic(Id user_id, Id critic_id) = 0;
  // Both at once, in one transaction (the admin page's one form).
  virtual Status SetUserAccess(Id user_id, Role role, Id critic_id) = 0;
  // Replaces a user's password hash and ends every session of theirs except the one
  // with `keep_session_hash` ("" ends them all), with any pending reset tokens.
  virtual Status SetPassword(Id user_id, std::string_view password_hash, std::string_view keep_session_hash) = 0;
  // Closes an account: its name, email and password are erased (the name is free
  // again), its sessions and reset tokens end; its ratings and reviews stay, shown as
  // by a deleted user.
  virtual Status DeleteUser(Id user_id) = 0;
  // Stores a reset token and the message that carries its link, in one transaction.
  virtual Status CreatePasswordReset(const PasswordReset& reset, const OutboxMessage& message) = 0;
  // Uses a reset token: sets the user's password hash, marks the token used and ends
  // every session of the user. Returns the user; NotFound when the token is unknown,
  // used or expired at `now`.
  virtual Result<Id> UsePasswordReset(std::string_view token_hash, std::string_view now,
                                      std::string_view password_hash) = 0;
  // The newest messages first.
  virtual Result<std::vector<OutboxMessage>> ListOutbox(int limit) = 0;
  // Failed sign-ins under `key` ({0, ""} when none).
  virtual Result<SigninFailures> GetSigninFailures(std::string_view key) = 0;
  // Counts one more failure at `now`; a count whose last failure was before
  // `forget_before` starts again from one.
  virtual Status AddSigninFailure(std::string_view key, std::string_view now, std::string_view forget_before) = 0;
  virtual Status ClearSigninFailures(std::string_view key) = 0;
  // One attempt under each of `keys` ("user:NAME", "addr:ADDRESS"), checked and
  // counted in one transaction, so concurrent attempts under one key take turns and
  // none is checked on a stale count. `wait_seconds` gets each key's failures so far
  // (a count last bumped before `forget_before` as none) and says how long the next
  // attempt must still wait under it. When it says 0 for every key, each count goes
  // up by one at `now` (the attempt is reserved before its password is checked) and
  // 0 is returned; otherwise nothing changes and the longest wait is returned.
  virtual Result<int64_t> ReserveSigninAttempt(
      const std::vector<std::string>& keys, std::string_view now, std::string_view forget_before,
      const std::function<int64_t(std::string_view key, const SigninFailures& so_far)>& wait_seconds) = 0;
  // Gives back one attempt reserved under `key` (a sign-in that succeeded, from an
  // address many readers may share).
  virtual Status ReleaseSigninAttempt(std::string_view key) = 0;
  // Removes sessions and reset links expired at `now`, used reset links, and sign-in
  // failure counts last bumped before `failures_before`; says how many of each.
  struct Purged {
    int64_t sessions = 0;
    int64_t resets = 0;
    int64_t signin_failures = 0;
  };
  virtual Result<Purged> PurgeExpired(std::string_view now, std::string_view failures_before) = 0;

  // ---- Critics ----
  virtual Result<Critic> GetCritic(Id id) = 0;
  virtual Result<Critic> FindCriticBySlug(std::string_view slug) = 0;  // NotFound when none.
  // The review a critic wrote of a title (its key is "critic:<id>"); NotFound when none.
  virtual Result<CriticReview> GetCriticReview(Id title_id, Id critic_id) = 0;

  // ---- Comments and moderation (storage/sql/comments.cc) ----
  // What AddComment asks before it writes: `admit` sees the author's comments posted
  // since `since` (RecentComment, oldest first) and the new comment and its check. It
  // refuses with a Status (the transaction ends, nothing is written) or admits,
  // possibly changing the comment and the check (holding it as pending, with a reason).
  struct CommentGuard {
    std::string since;
    std::function<Status(const std::vector<RecentComment>& recent, Comment& comment, SpamCheck& check)> admit;
  };
  // A new comment and the spam check of its text (whose item_id and user_id are set
  // here), in one transaction; the comment's id. InvalidArgument when the thread does
  // not name exactly one article or title, or the parent is not a top-level comment of
  // the same thread. With a guard, the author's earlier comments are read and the
  // guard asked inside that transaction, under a lock on the author (their account,
  // or a guest's address), so concurrent posts of one author are counted one by one
  // on every server sharing the database.
  Result<Id> AddComment(const Comment& comment, const SpamCheck& check) { return AddComment(comment, check, {}); }
  virtual Result<Id> AddComment(const Comment& comment, const SpamCheck& check, const CommentGuard& guard) = 0;
  // NotFound when there is no such comment; a placeholder (deleted_at set) is found.
  virtual Result<Comment> GetComment(Id id) = 0;
  // Replaces a comment's text (its author's edit) with the new status the filter gave
  // and records the new text's check; updated_at moves. NotFound for a placeholder.
  virtual Status EditComment(Id id, std::string_view body, ModerationStatus status, const SpamCheck& check) = 0;
  // Deletes a comment without touching anyone else's words. One with replies becomes
  // a placeholder (text, user and guest name erased, deleted_at set; its open reports
  // resolved) and the replies stay under it; one without replies is removed with its
  // reports, and so is the placeholder above it when that was its last reply.
  // NotFound when there is no such comment or it is a placeholder already. Its spam
  // checks stay: a decided one is still a training example.
  virtual Status DeleteComment(Id id) = 0;
  virtual Status SetCommentStatus(Id id, ModerationStatus status) = 0;  // NotFound for a placeholder.
  // A thread's comments as `viewer_id` may see them: approved ones, plus the viewer's
  // own pending ones (0: none), plus the placeholders above a reply so listed; oldest
  // first, replies in the same list.
  virtual Result<std::vector<CommentRow>> ListComments(const CommentThread& thread, Id viewer_id) = 0;
  // The same comments a page at a time: the top-level comments number offset + 1 to
  // offset + limit (oldest first) with their replies, and the thread's counts.
  virtual Result<CommentPage> ListCommentPage(const CommentThread& thread, Id viewer_id, int64_t offset,
                                              int limit) = 0;
  // How many top-level comments `viewer_id` sees before the comment, or before its
  // parent for a reply (so the page it is on); NotFound when there is no such comment.
  virtual Result<int64_t> CountCommentsBefore(Id comment_id, Id viewer_id) = 0;

  // What waits for an editor: comments and audience reviews that are pending, or
  // hidden as spam, or reported (open reports, whatever their status); newest first,
  // at most `limit` of each kind. Placeholders are never listed.
  enum class ModerationQueue { kPending, kSpam, kReported };
  virtual Result<std::vector<ModerationRow>> ListModerationQueue(ModerationQueue queue, int limit) = 0;
  // Ratings the review-bombing guard holds (status 'held'), newest first.
  virtual Result<std::vector<AudienceReviewRow>> ListHeldRatings(int limit) = 0;
  // A rating by its id; NotFound when there is none.
  virtual Result<Rating> GetRatingById(Id rating_id) = 0;
  // Sets an audience review's moderation status (its stars are not touched).
  virtual Status SetReviewStatus(Id rating_id, ModerationStatus status) = 0;

  // A reader's report of a comment or a review; reporting the same item again while
  // the first report is open returns that report's id. NotFound for a comment that is
  // not there or is a placeholder.
  virtual Result<Id> AddReport(const Report& report) = 0;
  // Resolves every open report of a comment (or of a rating: comment_id 0).
  virtual Status ResolveReports(Id comment_id, Id rating_id, Id resolved_by) = 0;

  // What the spam filter needs to know of recent activity: new posts (comments and
  // reviews; an edit of one is not a new post) since `hour_ago` by the user (or, for
  // user 0, by guests from the address), and posts by anyone with a version since
  // `day_ago` whose text has this key.
  struct SpamActivity {
    int posts_last_hour = 0;
    int same_text_recent = 0;
  };
  virtual Result<SpamActivity> CountSpamActivity(Id user_id, std::string_view address, std::string_view text_key,
                                                 std::string_view hour_ago, std::string_view day_ago) = 0;
  // Puts a moderator's label ("ham", "spam", or "" to take a decision back) on the
  // newest check of the item (kind "comment" or "review"); NotFound when it has none.
  virtual Status LabelSpamCheck(std::string_view kind, Id item_id, std::string_view label, Id decided_by) = 0;
  // Every labelled check, by id: the training set of the spam model.
  virtual Result<std::vector<SpamCheck>> ListSpamExamples() = 0;
  // A short text that changes whenever the training set does (cheap to read), so a
  // server rebuilds its model only when a decision was made, here or elsewhere.
  virtual Result<std::string> SpamExamplesStamp() = 0;

  // A new article (the news feature writes them later); its id. By slug:
  virtual Result<Id> AddArticle(const Article& article) = 0;
  virtual Result<Article> FindArticleBySlug(std::string_view slug) = 0;
  virtual Result<Article> GetArticle(Id id) = 0;
  // Rewrites an article's slug, headline, body and publication time (by id);
  // NotFound when there is none, AlreadyExists when the slug is another's.
  virtual Status UpdateArticle(const Article& article) = 0;
  // Articles, drafts included, newest first.
  virtual Result<std::vector<Article>> ListArticles(int limit) = 0;

  // ---- Counts, for `reel stats` and tests ----
  virtual Result<std::map<std::string, int64_t>> CountRows() = 0;

  // ---- Ingest ----
  // The title another catalog knows by (source, value); NotFound when none.
  virtual Result<Title> FindTitleByExternalId(std::string_view source, std::string_view value) = 0;
  // A title's (person's) ids in other catalogs, source -> value.
  virtual Result<std::map<std::string, std::string>> ListTitleExternalIds(Id title_id) = 0;
  virtual Result<std::map<std::string, std::string>> ListPersonExternalIds(Id person_id) = 0;
  // A title's tags, each with how many users gave it, most used first.
  virtual Result<std::vector<std::pair<std::string, int64_t>>> ListTags(Id title_id) = 0;
  // Another site's published aggregate of a title (average, votes); NotFound when none.
  virtual Result<std::pair<double, int64_t>> GetExternalRating(Id title_id, std::string_view source) = 0;
};

}  // namespace reel
