// The row readers and statement helpers every slice of SqlStore shares: the columns
// to select for a record and the record read from them (starting at column
// `first`), the aggregates' columns and the statement that adds a delta to them, and
// small helpers that run a statement for all its rows, one row, or the id an upsert
// returns. Plain functions over SqlStmt; any thread that holds the statement's
// connection.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/comments.h"
#include "model/people.h"
#include "model/ratings.h"
#include "model/reviews.h"
#include "model/score_counts.h"
#include "model/titles.h"
#include "storage/sql_db.h"

namespace reel {

// ---- Titles, people, credits -------------------------------------------------------

#define REEL_TITLE_COLS(t)                                                                    \
  t ".id, " t ".kind, " t ".parent_id, " t ".number, " t ".slug, " t ".name, " t ".synopsis, " \
  t ".consensus, " t ".release_date, " t ".release_precision, " t ".end_year, "              \
  t ".runtime_minutes, " t ".country, " t ".language, " t ".network, " t ".untitled, "        \
  t ".production_code, " t ".us_viewers"
constexpr int kTitleColCount = 18;

// Titles that lists show: not untitled, nor a season or episode of an untitled series.
#define REEL_LISTED(t)                                                                         \
  "(" t ".untitled = 0 AND (" t ".parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM titles up "  \
  "LEFT JOIN titles upp ON upp.id = up.parent_id WHERE up.id = " t ".parent_id AND "          \
  "(up.untitled = 1 OR upp.untitled = 1))))"

Title ReadTitle(const SqlStmt& s, int first);

// The columns of a release_dates row (migration 15), in the order ReadReleaseDate
// reads them (sql/calendar.cc).
#define REEL_RELEASE_COLS \
  "id, title_id, date, precision, label, source, COALESCE(at_utc, ''), time_zone, status, region, changed_at, " \
  "COALESCE(changed_by, 0)"
ReleaseDate ReadReleaseDate(const SqlStmt& s, int first);

#define REEL_PERSON_COLS(p) p ".id, " p ".slug, " p ".name, " p ".born, " p ".birthplace, " p ".bio"
Person ReadPerson(const SqlStmt& s, int first);

#define REEL_CREDIT_COLS(c) c ".id, " c ".title_id, " c ".person_id, " c ".kind, " c ".role, " c ".ord"
Credit ReadCredit(const SqlStmt& s, int first);

// The lookups of TitleReads on one connection (sql/catalog.cc), for SqlStore and
// SqlWriter alike; NotFound when there is no such row.
Result<Title> TitleById(SqlDb& db, Id id);
Result<Title> TitleBySlug(SqlDb& db, TitleKind kind, std::string_view slug);
Result<Title> ChildOf(SqlDb& db, Id parent_id, int number);
Result<Person> PersonById(SqlDb& db, Id id);
Result<Person> PersonBySlug(SqlDb& db, std::string_view slug);

// ---- Reviews and ratings ----------------------------------------------------------

#define REEL_CRITIC_REVIEW_COLS                                                                                  \
  "id, title_id, COALESCE(critic_id, 0), COALESCE(publication_id, 0), quote, url, grade_raw, grade_score, " \
  "sentiment, sentiment_source, review_date"
CriticReview ReadCriticReview(const SqlStmt& s, int first);

// The columns of a rating row, in the order ReadRating reads them.
#define REEL_RATING_COLS \
  "id, user_id, title_id, stars, review, verified, status, created_at, review_status"
Rating ReadRating(const SqlStmt& s, int first);

// What a review's (rating's) contribution to its title's aggregates depends on:
// sentiment, sentiment_source, grade_score, top_critic (stars, verified, status).
ReviewFacts ReadReviewFacts(const SqlStmt& q, int first);
RatingFacts ReadRatingFacts(const SqlStmt& q, int first);

// ---- Aggregates ---------------------------------------------------------------------

// The additive columns of title_aggregates, in the order BindCounts/ReadCounts use.
#define REEL_AGG_COLS                                                                      \
  "fresh, rotten, top_fresh, top_rotten, graded, grade_sum, g0, g1, g2, g3, g4, g5, g6, g7, " \
  "g8, g9, ratings, ratings_positive, verified_ratings, verified_positive, stars_sum, s0, s1, " \
  "s2, s3, s4, s5, s6, s7, s8, s9, pre_release"
constexpr int kAggColCount = 32;
void BindCounts(SqlStmt& q, int first, const ScoreCounts& c);
ScoreCounts ReadCounts(const SqlStmt& q, int first);
// "INSERT ... ON CONFLICT DO UPDATE SET fresh = fresh + excluded.fresh, ...".
const std::string& AddDeltaSql();

// ---- Statement helpers ------------------------------------------------------------

// "?, ?, ?" for n parameters.
std::string Placeholders(size_t n);

// Runs a query whose rows become T through `read`, collecting them.
template <typename T, typename Read>
Result<std::vector<T>> Collect(Result<SqlStmt>& q, Read read) {
  REEL_TRY(q);
  std::vector<T> out;
  while (q->Step()) out.push_back(read(*q));
  if (!q->status().ok()) return q->status();
  return out;
}

// Runs a query expected to give at most one row: the row read by `read`, or NotFound
// with `not_found`. The statement runs to its end (an UPDATE ... RETURNING finishes).
template <typename T, typename Read>
Result<T> One(Result<SqlStmt>& q, Read read, const std::string& not_found) {
  REEL_TRY(q);
  if (q->Step()) {
    T out = read(*q);
    REEL_TRY(q->Run());
    return out;
  }
  if (!q->status().ok()) return q->status();
  return NotFound(not_found);
}

// The row read by `read`, or nullopt when there is none.
template <typename T, typename Read>
Result<std::optional<T>> MaybeOne(Result<SqlStmt>& q, Read read) {
  REEL_TRY(q);
  // Run() only after a row: a statement stepped again after its end runs again.
  std::optional<T> out;
  if (q->Step()) {
    out = read(*q);
    REEL_TRY(q->Run());
  }
  REEL_TRY(q->status());
  return out;
}

// Runs an upsert with RETURNING id.
Result<Id> ReturningId(Result<SqlStmt>& q);

// Steps an "UPDATE/DELETE ... RETURNING" once: NotFound with `not_found` when it
// changed no row.
Status ExpectOneChanged(Result<SqlStmt>& q, const std::string& not_found);

// Lookups of many ids go in fixed chunks: a statement has a bounded number of
// parameters (SQLite 32,766, PostgreSQL 65,535), and one fixed size keeps one
// prepared statement. The last chunk repeats an id, which IN ignores.
constexpr size_t kInChunk = 256;

template <typename Each>
Status ForEachChunk(const std::vector<Id>& ids, Each each) {
  for (size_t start = 0; start < ids.size(); start += kInChunk) {
    std::vector<Id> chunk(ids.begin() + static_cast<std::ptrdiff_t>(start),
                          ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), start + kInChunk)));
    chunk.resize(kInChunk, chunk.back());
    REEL_TRY(each(chunk));
  }
  return Status::Ok();
}

// Runs `body` in the write transaction begun on `db` (SqlStore::Begin), then commits
// or rolls back.
Status WriteOne(SqlDb& db, const std::function<Status()>& body);

// Inserts a spam check on `db` inside the caller's transaction (sql/comments.cc);
// the new row's id.
Result<Id> InsertSpamCheck(SqlDb& db, const SpamCheck& check);

}  // namespace reel
