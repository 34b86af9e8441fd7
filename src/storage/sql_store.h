// SqlStore: the Store over an SQL database, written once for both drivers
// (storage/sql_db.h): SQLite, the embedded default, and PostgreSQL, for several
// servers. The dialect differences it cannot avoid are few and marked.
//
// Keeps a pool of connections (one per concurrent caller, created on demand), each
// with its own prepared-statement cache. When one is found broken, it and every idle
// one are dropped (a database restart breaks them all); a read that failed on a
// broken connection runs once more on a fresh one, and so does a write whose BEGIN
// failed that way, so the first request after a restart succeeds. A write that
// breaks later is not retried (it may have committed): it returns Unavailable. SQLite runs any
// number of readers beside one writer (WAL; writers queue on its lock, busy timeout
// 10 s); on PostgreSQL, writers of the same title's reviews and ratings queue on an
// advisory lock, so the aggregates' read-modify-write stays exact. Every method may
// be called from any thread.
//
// Read() pins one pooled connection to the calling thread for the length of its
// body, inside one read transaction: every read the body makes on this store, from
// that thread, takes that connection (Acquire returns it) and so sees one snapshot.
// Writes that begin a transaction (Write() and every write method) refuse to run
// there with FailedPrecondition, rather than wait on a lock the body holds.
#pragma once

#include <memory>
#include <atomic>
#include <mutex>
#include <thread>
#include <utility>
#include <functional>
#include <string>
#include <vector>

#include "storage/migrations.h"
#include "storage/sql_db.h"
#include "storage/store.h"

namespace reel {

class SqlStore final : public Store {
 public:
  // Makes one new connection.
  using Connect = std::function<Result<std::unique_ptr<SqlDb>>()>;

  // Opens the store (one connection at once, to fail early) and applies pending
  // migrations.
  static Result<std::unique_ptr<SqlStore>> Open(Connect connect);
  ~SqlStore() override;

  Result<int> SchemaVersion() override;
  uint64_t ChangeGeneration() override;
  Status Write(const std::function<Status(StoreWriter&)>& body) override;
  Status Read(const std::function<Status(Store&)>& body) override;

  // How many connections have been leased from the pool so far (a Read() counts one
  // for all its reads): what tests and benchmarks count connections per page with.
  uint64_t LeasesTaken() const { return leases_.load(std::memory_order_relaxed); }
  // The pool's use, for /metrics: connections leased now and idle, and leases taken.
  struct PoolUse {
    int64_t in_use = 0;
    int64_t idle = 0;
    uint64_t leases = 0;
  };
  PoolUse PoolUsage();

  Result<Title> GetTitle(Id id) override;
  Result<std::vector<Title>> GetTitles(const std::vector<Id>& ids) override;
  Result<Title> FindTitleBySlug(TitleKind kind, std::string_view slug) override;
  Result<Title> FindChild(Id parent_id, int number) override;
  Result<std::vector<Title>> ListChildren(Id parent_id) override;
  Result<std::map<Id, std::vector<Title>>> ListChildrenFor(const std::vector<Id>& parent_ids) override;
  Result<std::map<Id, SeriesRun>> GetSeriesRunsFor(const std::vector<Id>& series_ids) override;
  Result<std::vector<Title>> ListTitles(const TitleQuery& query) override;
  // Browsing (sql/browse.cc, sql/browse_reviews.cc).
  Result<TitleListing> ListTitlesBy(const TitleFilter& filter) override;
  Result<std::string> ExplainTitleListing(const TitleFilter& filter) override;
  Result<std::map<Id, ListingKeys>> GetListingKeys(const std::vector<Id>& ids) override;
  Result<std::vector<Genre>> ListAllGenres() override;
  Result<Genre> FindGenreBySlug(std::string_view slug) override;
  Result<std::vector<ReviewOfTitle>> ListCriticReviewPage(const CriticReviewQuery& query) override;
  Result<CriticReviewTally> TallyCriticReviews(const CriticReviewQuery& query, int fresh_percent) override;
  Result<std::vector<PublicationWithCount>> ListCriticPublications(Id critic_id) override;
  Result<std::vector<CriticWithCount>> ListPublicationCritics(Id publication_id, int limit, int64_t offset) override;
  Result<int64_t> CountPublicationCritics(Id publication_id) override;
  Result<std::vector<PublicationVerdict>> ListPublicationVerdicts(Id publication_id, int limit) override;
  Result<std::vector<AudienceReviewRow>> ListAudienceReviewPage(Id title_id, bool verified_only, int limit,
                                                                int64_t offset) override;
  Result<AudienceReviewTally> TallyAudienceReviews(Id title_id) override;
  Result<std::vector<Genre>> ListGenres(Id title_id) override;
  Result<std::vector<Title>> ListSimilarByGenre(Id title_id, int limit) override;
  Result<std::vector<ReleaseDate>> ListReleaseDates(Id title_id) override;
  Result<std::vector<Video>> ListVideos(Id title_id) override;

  Result<Person> GetPerson(Id id) override;
  Result<Person> FindPersonBySlug(std::string_view slug) override;
  Result<std::vector<CreditRow>> ListCredits(Id title_id) override;
  Result<std::vector<PersonCreditRow>> ListPersonCredits(Id person_id) override;

  Result<std::vector<CriticReviewRow>> ListCriticReviews(Id title_id, CriticFilter filter) override;
  Result<std::vector<AudienceReviewRow>> ListAudienceReviews(Id title_id, int limit) override;
  Result<ScoreCounts> GetScoreCounts(Id title_id) override;
  Result<std::map<Id, ScoreCounts>> GetScoreCountsFor(const std::vector<Id>& ids) override;
  Result<Publication> GetPublication(Id id) override;
  Result<Publication> FindPublicationBySlug(std::string_view slug) override;
  Result<std::vector<std::string>> ListPublicationGrades(std::string_view slug) override;
  Result<std::vector<Id>> ListTitlesWithReviews(int min_reviews) override;
  Result<std::vector<Id>> ListTitlesWithRatings(int min_ratings) override;

  Result<std::vector<ReviewScoringRow>> ListReviewsForScoring() override;
  Result<AggregateReport> RecomputeAggregates() override;
  Result<bool> RunJobIfDue(std::string_view job, int64_t interval_seconds,
                           const std::function<Status()>& run) override;
  Status Export(const std::function<void(std::string_view)>& out) override;
  Result<Id> CreateUser(const User& user) override;
  Result<User> GetUser(Id id) override;
  Result<User> FindUserByName(std::string_view username) override;
  Status CreateSession(const Session& session) override;
  Result<std::pair<Session, User>> FindSession(std::string_view token_hash, std::string_view now) override;
  Status DeleteSession(std::string_view token_hash) override;
  Result<std::vector<Session>> ListSessions(Id user_id, std::string_view now) override;
  Status EndUserSession(Id user_id, std::string_view hash_prefix) override;
  Status TouchSession(std::string_view token_hash, std::string_view now) override;
  Result<Rating> GetRating(Id user_id, Id title_id) override;
  Result<std::vector<RecentRating>> ListRecentRatings(Id title_id, std::string_view since) override;
  Result<User> FindUserByEmail(std::string_view email) override;
  Result<std::vector<User>> ListUsers(std::string_view query, int limit, int offset) override;
  Status SetUserAccess(Id user_id, std::optional<Role> role, std::optional<Id> critic_id) override;
  Status SetPassword(Id user_id, std::string_view password_hash, std::string_view keep_session_hash) override;
  Status DeleteUser(Id user_id) override;
  Status CreatePasswordReset(const PasswordReset& reset, const OutboxMessage& message) override;
  Result<Id> UsePasswordReset(std::string_view token_hash, std::string_view now,
                              std::string_view password_hash) override;
  Result<std::vector<OutboxMessage>> ListOutbox(int limit) override;
  Status ClearSigninFailures(std::string_view key) override;
  Result<int64_t> ReserveSigninAttempt(
      const std::vector<std::string>& keys, std::string_view now, std::string_view forget_before,
      const std::function<int64_t(std::string_view key, const SigninFailures& so_far)>& wait_seconds) override;
  Status ReleaseSigninAttempt(std::string_view key) override;
  Result<Purged> PurgeExpired(std::string_view now, std::string_view failures_before) override;
  Result<Critic> GetCritic(Id id) override;
  Result<Critic> FindCriticBySlug(std::string_view slug) override;
  Result<CriticReview> GetCriticReview(Id title_id, Id critic_id) override;
  Status Import(std::string_view json) override;

  // ---- Comments and moderation (sql/comments.cc) ----
  using Store::AddComment;
  Result<Id> AddComment(const Comment& comment, const SpamCheck& check, const CommentGuard& guard) override;
  Result<Comment> GetComment(Id id) override;
  Status EditComment(Id id, std::string_view body, ModerationStatus status, const SpamCheck& check) override;
  Status DeleteComment(Id id) override;
  Status SetCommentStatus(Id id, ModerationStatus status) override;
  Result<std::vector<CommentRow>> ListComments(const CommentThread& thread, Id viewer_id) override;
  Result<CommentPage> ListCommentPage(const CommentThread& thread, Id viewer_id, int64_t offset, int limit) override;
  Result<int64_t> CountCommentsBefore(Id comment_id, Id viewer_id) override;
  Result<std::vector<ModerationRow>> ListModerationQueue(ModerationQueue queue, int limit) override;
  Result<std::vector<AudienceReviewRow>> ListHeldRatings(int limit) override;
  Result<Rating> GetRatingById(Id rating_id) override;
  Status SetReviewStatus(Id rating_id, ModerationStatus status) override;
  Result<Id> AddReport(const Report& report) override;
  Status ResolveReports(Id comment_id, Id rating_id, Id resolved_by) override;
  Result<SpamActivity> CountSpamActivity(Id user_id, std::string_view address, std::string_view text_key,
                                         std::string_view hour_ago, std::string_view day_ago) override;
  Status LabelSpamCheck(std::string_view kind, Id item_id, std::string_view label, Id decided_by) override;
  Result<std::vector<SpamCheck>> ListSpamExamples() override;
  Result<std::string> SpamExamplesStamp() override;
  Result<Id> AddArticle(const Article& article) override;
  Result<Article> FindArticleBySlug(std::string_view slug) override;
  Result<Article> GetArticle(Id id) override;
  Status UpdateArticle(const Article& article) override;
  Result<std::vector<Article>> ListArticles(int limit) override;
  Result<std::vector<ArticleCard>> ListPublishedArticles(const ArticleQuery& query) override;
  Result<std::vector<ArticleCard>> ListRelatedArticles(Id article_id, int limit) override;
  Status RateArticle(Id article_id, Id user_id, int stars, std::string_view now) override;
  Result<ArticleRatingSummary> GetArticleRating(Id article_id, Id user_id) override;
  Result<AuthorProfile> GetAuthorProfile(Id user_id) override;
  Status SetAuthorProfile(const AuthorProfile& profile) override;
  Result<std::vector<TitledCriticReview>> ListSeriesCriticReviews(Id series_id, int limit) override;

  // ---- Trivia (sql/trivia.cc) and lists (sql/lists.cc) ----
  Result<std::vector<TriviaFact>> ListTrivia(Id title_id) override;
  Result<TriviaFact> GetTrivia(Id id) override;
  Result<Id> AddTrivia(const TriviaFact& fact) override;
  Status UpdateTrivia(const TriviaFact& fact) override;
  Status DeleteTrivia(Id id) override;
  Status MoveTrivia(Id id, TriviaMove move) override;
  Result<Id> CreateList(const TitleList& list, const std::vector<ListEntry>& entries) override;
  Status UpdateList(const TitleList& list, const std::vector<ListEntry>& entries) override;
  Result<TitleList> GetList(Id id) override;
  Result<TitleList> FindEditorialList(std::string_view slug) override;
  Result<std::vector<ListEntry>> ListEntries(Id list_id) override;
  Result<std::vector<TitleList>> ListEditorialLists(int limit, int64_t offset) override;
  Result<std::vector<TitleList>> ListListsWithTitle(Id title_id, int limit) override;
  Result<std::map<std::string, int64_t>> CountRows() override;

  // ---- Calendar (sql/calendar.cc) ----
  Result<std::vector<ReleaseDate>> ListReleaseHistory(const std::vector<Id>& title_ids) override;
  Result<Id> AddReleaseDate(const ReleaseDate& date, const FuzzyDate& title_date) override;
  Result<std::vector<CalendarRow>> ListReleasesBetween(const CalendarQuery& query) override;
  Status SetFollow(Id user_id, Id series_id, bool follow, std::string_view now) override;
  Result<bool> IsFollowing(Id user_id, Id series_id) override;
  Result<std::vector<Title>> ListFollowedSeries(Id user_id, int limit, int offset) override;
  Result<CalendarSettings> GetCalendarSettings(Id user_id) override;
  Status SetCalendarZone(Id user_id, std::string_view time_zone) override;
  Status SetFeedHash(Id user_id, std::string_view feed_hash, std::string_view now) override;
  Result<Id> FindFeedOwner(std::string_view feed_hash) override;
  // ---- Recommendations (sql/recommend.cc) ----
  Result<std::vector<RatingEvent>> ListRatingEvents() override;
  Result<std::vector<RatingEvent>> ListUserRatingEvents(Id user_id) override;
  Result<int64_t> CountRatingEvents() override;
  Result<std::vector<TitleFeature>> ListTitleFeatures() override;
  Result<std::vector<Id>> ListPopularTitles(const std::vector<Id>& genre_ids, int limit, int offset) override;
  Status ReplaceNeighbours(const std::vector<TitleNeighbour>& rows, const RecommendBuild& build) override;
  Result<std::vector<TitleNeighbour>> ListNeighbours(const std::vector<Id>& title_ids, int per_title) override;
  Result<std::optional<RecommendBuild>> LatestRecommendBuild() override;

  // ---- Ingest ----
  Result<std::map<std::string, std::string>> ListTitleExternalIds(Id title_id) override;
  Result<std::vector<std::pair<std::string, int64_t>>> ListTags(Id title_id) override;
  Result<std::pair<double, int64_t>> GetExternalRating(Id title_id, std::string_view source) override;

  // ---- Search (sql/search_reads.cc; the index's upkeep in sql/search.cc) ----
  Result<std::vector<SearchWord>> FindSearchWords(const std::vector<std::string>& words) override;
  Result<std::vector<SearchWord>> FindSearchWordsByVariant(const std::vector<std::string>& variants) override;
  Result<std::vector<SearchWord>> FindSearchWordsByPrefix(std::string_view prefix, int limit) override;
  Result<std::vector<std::pair<Id, SearchDoc>>> ListSearchPostings(const std::vector<Id>& word_ids,
                                                                   int limit_each) override;
  Result<SearchIndexStats> RebuildSearchIndex() override;
  Result<SearchIndexStats> SearchIndexSize() override;

 private:
  // A pooled connection, returned to the pool when the lease ends; or the
  // connection a Read() on this thread pinned, borrowed (the Read() returns it).
  class Lease {
   public:
    Lease(SqlStore* store, std::unique_ptr<SqlDb> db) : store_(store), owned_(std::move(db)), db_(owned_.get()) {}
    explicit Lease(SqlDb* pinned) : store_(nullptr), db_(pinned) {}
    Lease(Lease&& o) noexcept : store_(o.store_), owned_(std::move(o.owned_)), db_(o.db_) { o.db_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (owned_) store_->Release(std::move(owned_));
    }
    SqlDb& operator*() { return *db_; }
    SqlDb* operator->() { return db_; }

   private:
    SqlStore* store_;
    std::unique_ptr<SqlDb> owned_;
    SqlDb* db_;
  };
  // The connection a Read() of this store pinned on this thread, or null.
  SqlDb* Pinned() const;
  explicit SqlStore(Connect connect);
  // A connection: the pinned one inside a Read(), else one from the pool (or new).
  Result<Lease> Acquire();
  // A connection with a write transaction begun; FailedPrecondition inside a Read(). A connection found broken at BEGIN
  // is replaced once: nothing of the transaction can have reached the server.
  Result<Lease> Begin();
  // Runs `read` (a function of Result<Lease>& returning a Result or Status) on a
  // pooled connection; when it fails because that connection broke (say, the
  // database restarted since it was last used), runs it once more on a fresh one.
  // Only for reads: a write must never run twice.
  template <typename Read>
  auto WithRetry(Read read) -> decltype(read(std::declval<Result<Lease>&>())) {
    for (int attempt = 0;; ++attempt) {
      auto db = Acquire();
      if (!db.ok()) return db.status();
      auto out = read(db);
      if (out.ok() || attempt > 0 || (*db)->Healthy()) return out;
    }
  }
  // Returns a connection to the pool. A broken one is closed, and every idle one
  // with it.
  void Release(std::unique_ptr<SqlDb> db);
  Status Migrate(SqlDb& db);
  // Applies one migration in its own transaction, unless it was applied already.
  Status ApplyMigration(SqlDb& db, const Migration& m);
  // Runs `body` in one write transaction that announces its change (other servers'
  // caches drop) and moves this store's generation (sql/comments.cc).
  Status WriteChange(const std::function<Status(SqlDb&)>& body);
  // Recomputes aggregates on `db`, inside a transaction the caller holds.
  Result<AggregateReport> RecomputeOn(SqlDb& db);

  // Runs until stopping_: bumps generation_ on changes committed elsewhere.
  void Watch();

  const Connect connect_;
  std::atomic<uint64_t> generation_{1};
  std::atomic<uint64_t> leases_{0};
  std::atomic<int64_t> in_use_{0};  // Pooled connections leased now.
  std::atomic<bool> stopping_{false};
  std::once_flag watcher_started_;
  std::thread watcher_;
  std::mutex mu_;
  std::vector<std::unique_ptr<SqlDb>> idle_;  // Guarded by mu_.
};

}  // namespace reel
