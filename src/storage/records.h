// The records the store reads and writes: plain structs, one per table of the data
// model (DESIGN.md), plus the joined rows that pages need.
//
// Records carry ids assigned by the store (0 means "not stored yet") and plain
// values; they know nothing of SQL, HTTP or templates. Any thread may use them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace reel {

using Id = int64_t;

enum class TitleKind { kFilm, kSeries, kSeason, kEpisode };
const char* TitleKindName(TitleKind k);  // "film", "series", "season", "episode"
std::optional<TitleKind> ParseTitleKind(std::string_view name);

// A film, a series, a season of a series, or an episode of a season.
struct Title {
  Id id = 0;
  TitleKind kind = TitleKind::kFilm;
  Id parent_id = 0;        // Series of a season, season of an episode; 0 otherwise.
  int number = 0;          // Season or episode number; 0 for films and series.
  std::string slug;        // Films and series only; seasons and episodes use numbers.
  std::string name;
  std::string synopsis;
  std::string consensus;   // Critics consensus, written by an editor.
  std::optional<FuzzyDate> release;
  int end_year = 0;        // Last year of a series that has ended; 0 if running/unknown.
  int runtime_minutes = 0;
  std::string country;
  std::string language;
  std::string network;     // Network or streaming service (series), studio (films).
  // A film or series an import made without a name: listed nowhere until it is named
  // (migration 10); its page stays reachable.
  bool untitled = false;
  std::string production_code;  // Episodes: the production code an episode list gives.
  int64_t us_viewers = 0;       // Episodes: US viewers of the first airing; 0 if unknown.
};

// What a series' seasons and episodes say about its run, for telling a running
// series from one that has ended (catalog::SeriesYearSpan).
struct SeriesRun {
  std::optional<Date> last_release;  // The latest release date of its seasons and episodes.
  bool undated_season = false;       // It has a season with neither a date nor episodes: announced.
};

struct Person {
  Id id = 0;
  std::string slug;
  std::string name;
  std::optional<Date> born;
  std::string birthplace;
  std::string bio;
};

enum class CreditKind { kCast, kCrew };
const char* CreditKindName(CreditKind k);  // "cast", "crew"

// A person's part in a title: a character (cast) or a job (crew).
struct Credit {
  Id id = 0;
  Id title_id = 0;
  Id person_id = 0;
  CreditKind kind = CreditKind::kCast;
  std::string role;   // Character for cast, job for crew.
  int order = 0;      // Billing order, smallest first.
};

struct Publication {
  Id id = 0;
  std::string slug;
  std::string name;
  std::string url;
};

struct Critic {
  Id id = 0;
  std::string slug;
  std::string name;
  Id publication_id = 0;  // The critic's main publication; 0 if none.
  bool top_critic = false;
};

enum class Sentiment { kNone, kFresh, kRotten };
const char* SentimentName(Sentiment s);  // "", "fresh", "rotten"
Sentiment ParseSentiment(std::string_view name);  // kNone for anything else.

// Where a review's sentiment came from: the critic's own label, derived from the
// grade, suggested by the text classifier (not counted), or set by an editor.
enum class SentimentSource { kNone, kCritic, kGrade, kText, kEditor };
const char* SentimentSourceName(SentimentSource s);
SentimentSource ParseSentimentSource(std::string_view name);  // kNone for anything else.

struct CriticReview {
  Id id = 0;
  Id title_id = 0;
  Id critic_id = 0;
  Id publication_id = 0;
  std::string quote;
  std::string url;
  std::string grade_raw;                // As the critic wrote it: "3/5", "B+", "".
  std::optional<double> grade_score;    // Normalised 0..100 when the grade parsed.
  Sentiment sentiment = Sentiment::kNone;
  SentimentSource sentiment_source = SentimentSource::kNone;
  std::optional<Date> date;
};

enum class Role { kReader, kCritic, kEditor, kAdmin };
const char* RoleName(Role r);
std::optional<Role> ParseRole(std::string_view name);

struct User {
  Id id = 0;
  std::string username;
  std::string display_name;
  std::string email;
  std::string password_hash;  // argon2id string; empty for accounts that cannot sign in.
  Role role = Role::kReader;
  std::string created_at;     // ISO 8601 UTC.
  Id critic_id = 0;           // The critic profile a critic account posts as; 0 if none.
};

// A one-time password-reset token (the store keeps its hash) of a user.
struct PasswordReset {
  std::string token_hash;
  Id user_id = 0;
  std::string created_at;  // ISO 8601 UTC.
  std::string expires_at;
};

// A message the site would mail; kept in the outbox for admins (there is no mail
// server here).
struct OutboxMessage {
  Id id = 0;
  Id user_id = 0;          // 0 when the account is gone.
  std::string recipient;   // Email address.
  std::string subject;
  std::string body;
  std::string created_at;  // ISO 8601 UTC.
};

// Failed sign-ins under one key ("user:NAME", "addr:ADDRESS").
struct SigninFailures {
  int64_t failures = 0;
  std::string last_at;  // ISO 8601 UTC of the last one; "" when none.
};

// The kinds of session: a browser's, behind a cookie, and an API client's, behind
// a bearer token. A token of one kind is never accepted as the other.
inline constexpr const char* kWebSession = "web";
inline constexpr const char* kApiSession = "api";

// A signed-in session (a browser's cookie or an API token). The store keeps a hash
// of the token, never the token.
struct Session {
  std::string token_hash;
  Id user_id = 0;
  std::string kind = kWebSession;  // kWebSession or kApiSession.
  std::string csrf_token;          // The token forms of this session must carry.
  std::string created_at;          // ISO 8601 UTC.
  std::string expires_at;
  std::string last_used_at;        // ISO 8601 UTC, to the day; "" until first recorded.
};

enum class RatingStatus { kCounted, kPreRelease, kHeld };
const char* RatingStatusName(RatingStatus s);
RatingStatus ParseRatingStatus(std::string_view name);  // kCounted for anything else.

// Where a comment or a review's text stands with moderation: shown, waiting for an
// editor, or hidden as spam.
enum class ModerationStatus { kApproved, kPending, kSpam };
const char* ModerationStatusName(ModerationStatus s);  // "approved", "pending", "spam"
std::optional<ModerationStatus> ParseModerationStatus(std::string_view name);

// An audience rating, with the optional review the user wrote with it. One per
// user and title.
struct Rating {
  Id id = 0;
  Id user_id = 0;
  Id title_id = 0;
  double stars = 0;           // 0.5 .. 5 in halves.
  std::string review;         // Plain text with paragraphs; may be empty.
  bool verified = false;
  RatingStatus status = RatingStatus::kCounted;
  std::string created_at;     // ISO 8601 UTC, or a date "2021-06-13".
  // The review text's moderation: a review that is not approved is hidden, while its
  // stars count as `status` says.
  ModerationStatus review_status = ModerationStatus::kApproved;
};

struct Genre {
  Id id = 0;
  std::string slug;
  std::string name;
};

// A dated statement of when a title comes out, kept as history: "early 2022"
// first, "March 3, 2022" later.
struct ReleaseDate {
  Id id = 0;
  Id title_id = 0;
  FuzzyDate date;
  std::string label;   // As announced ("early 2022"), optional.
  std::string source;  // Where it was announced, optional.
};

struct Video {
  Id id = 0;
  Id title_id = 0;
  std::string name;
  std::string url;
  std::string kind;  // "trailer", "clip", "featurette", "interview".
  int duration_seconds = 0;
};

// A news article (src/news/ will write them; comments already attach to them).
struct Article {
  Id id = 0;
  std::string slug;
  std::string headline;
  std::string body_markdown;
  Id author_id = 0;
  std::string published_at;  // ISO 8601 UTC; empty while a draft.
  std::string created_at;
};

// What comments hang under: an article or a title (film, season, episode). Exactly
// one of the two is set.
struct CommentThread {
  Id article_id = 0;
  Id title_id = 0;
  bool operator==(const CommentThread&) const = default;
};

// A reader's comment. A reply has the id of a top-level comment as its parent (one
// level of replies). A member's comment has user_id; a guest's has user_id 0 and the
// name and email the guest typed (the email is never shown). A deleted comment that
// had replies stays as a placeholder over them: deleted_at set, and no text, user or
// guest name.
struct Comment {
  Id id = 0;
  CommentThread thread;
  Id parent_id = 0;
  Id user_id = 0;
  std::string guest_name;
  std::string guest_email;
  std::string body;           // Plain text with paragraphs.
  ModerationStatus status = ModerationStatus::kPending;
  std::string created_at;     // ISO 8601 UTC.
  std::string updated_at;     // Last edit by its author; empty when never edited.
  std::string deleted_at;     // When it became a placeholder; empty while it stands.
};

// What the spam filter saw and said of one version of a comment's or a review's
// text (storage table spam_checks). The behavioural facts are those at posting time;
// `label` is a moderator's decision ("ham", "spam"), empty until one is made, and a
// labelled check is a training example of the model.
struct SpamCheck {
  Id id = 0;
  std::string kind;           // "comment" or "review".
  Id item_id = 0;             // The comment's or the rating's id.
  Id user_id = 0;             // 0 for a guest.
  std::string address;        // The poster's network address.
  std::string text;
  std::string text_key;       // audience::SpamTextKey(text).
  std::string author_name;
  std::string author_url;
  bool guest = false;
  double account_age_days = 0;
  int posts_last_hour = 0;
  int same_text_recent = 0;
  double probability = 0;
  std::string reasons;        // "; "-separated.
  std::string label;
  Id decided_by = 0;
  std::string decided_at;
  std::string created_at;
};

// One of an author's earlier comments as the flood limits count it: when it was
// posted and with what text (its first spam check: edits are not new posts), and its
// thread ({0, 0} once the comment is gone).
struct RecentComment {
  std::string at;             // ISO 8601 UTC.
  CommentThread thread;
  std::string text_key;
};

// A reader's report of a comment or of an audience review (exactly one id is set).
struct Report {
  Id id = 0;
  Id comment_id = 0;
  Id rating_id = 0;
  Id user_id = 0;
  std::string reason;
  std::string created_at;
  std::string resolved_at;    // Empty while open.
  Id resolved_by = 0;
};

// ---- Joined rows for pages ------------------------------------------------------

struct CreditRow {
  Credit credit;
  Person person;
};

// A credit seen from the person's side, with the title and where it belongs.
struct PersonCreditRow {
  Credit credit;
  Title title;
  std::optional<Title> season;  // For episodes.
  std::optional<Title> series;  // For seasons and episodes.
};

struct CriticReviewRow {
  CriticReview review;
  std::optional<Critic> critic;
  std::optional<Publication> publication;
};

// A critic review with what its grade and verdict are derived from: the publication
// and critic it belongs to (slugs; empty when unknown), its raw grade and its text.
struct ReviewScoringRow {
  Id id = 0;
  std::string publication;
  std::string critic;
  std::string grade_raw;
  std::optional<double> grade_score;
  Sentiment sentiment = Sentiment::kNone;
  SentimentSource source = SentimentSource::kNone;
  std::string quote;
};

// A rating as the review-bombing guard sees it.
struct RecentRating {
  Id user_id = 0;
  std::string at;  // updated_at, ISO 8601 UTC.
  double stars = 0;
  RatingStatus status = RatingStatus::kCounted;
};

struct AudienceReviewRow {
  Rating rating;
  std::string username;       // Empty for a deleted account.
  std::string display_name;
};

// A comment with its author's names (empty for a guest or a deleted account).
struct CommentRow {
  Comment comment;
  std::string username;
  std::string display_name;
};

// One page of a thread: some of its top-level comments with their replies, and how
// many comments the whole thread shows.
struct CommentPage {
  std::vector<CommentRow> rows;  // The page's top-level comments and their replies, oldest first.
  int64_t top_level = 0;         // Top-level comments in the thread.
  int64_t total = 0;             // Comments in the thread, replies included.
};

// A comment or an audience review waiting in the moderation queue, with the newest
// spam check of its text (id 0 when it has none) and the number of open reports.
struct ModerationRow {
  std::optional<CommentRow> comment;       // Exactly one of comment and review is set.
  std::optional<AudienceReviewRow> review;
  SpamCheck check;
  int64_t open_reports = 0;
  std::string report_reasons;              // The open reports' reasons, "; "-separated.
};

// The aggregates a title's scores are computed from (src/scoring/ turns them into
// scores). The store keeps them per title, updated in the same transaction as every
// write of a review or rating, and can recompute them from the rows.
struct ScoreCounts {
  int64_t fresh = 0;              // Counted critic reviews (critic, grade or editor verdicts).
  int64_t rotten = 0;
  int64_t top_fresh = 0;
  int64_t top_rotten = 0;
  int64_t graded = 0;             // Counted reviews with a normalised grade...
  double grade_sum = 0;           // ...and the sum of those grades (0..100 each).
  // Counted reviews by normalised grade decile: [0] 0-9.99 ... [9] 90-100.
  std::array<int64_t, 10> grade_histogram{};

  int64_t ratings = 0;            // Counted audience ratings.
  int64_t ratings_positive = 0;   // Of those, >= 3.5 stars.
  int64_t verified_ratings = 0;
  int64_t verified_positive = 0;
  double stars_sum = 0;           // Sum of the counted ratings' stars.
  // Counted ratings by stars: [0] 0.5, [1] 1.0 ... [9] 5.0.
  std::array<int64_t, 10> star_histogram{};
  int64_t pre_release = 0;        // Ratings made before release: kept, not counted.

  // Certified status is state, not a function of today's counts: it is gained at
  // >= 75% with enough reviews and kept until the score falls below 70%.
  bool certified = false;

  bool operator==(const ScoreCounts&) const = default;
};

}  // namespace reel
