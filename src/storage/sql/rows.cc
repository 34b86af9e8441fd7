// The row readers and statement helpers of sql/rows.h, shared by every slice of
// SqlStore.
#include "storage/sql/rows.h"

#include <string_view>

#include "core/date.h"
#include "core/text.h"

namespace reel {

Title ReadTitle(const SqlStmt& s, int c) {
  Title t;
  t.id = s.Int(c);
  t.kind = ParseTitleKind(s.Text(c + 1)).value_or(TitleKind::kFilm);
  t.parent_id = s.Int(c + 2);
  t.number = static_cast<int>(s.Int(c + 3));
  t.slug = s.Text(c + 4);
  t.name = s.Text(c + 5);
  t.synopsis = s.Text(c + 6);
  t.consensus = s.Text(c + 7);
  if (!s.IsNull(c + 8)) {
    auto d = FuzzyDate::Make(s.Text(c + 8), s.Text(c + 9));
    if (d.ok()) t.release = *d;
  }
  t.end_year = static_cast<int>(s.Int(c + 10));
  t.runtime_minutes = static_cast<int>(s.Int(c + 11));
  t.country = s.Text(c + 12);
  t.language = s.Text(c + 13);
  t.network = s.Text(c + 14);
  t.untitled = s.Int(c + 15) != 0;
  t.production_code = s.Text(c + 16);
  t.us_viewers = s.Int(c + 17);
  return t;
}

#define REEL_PERSON_COLS(p) p ".id, " p ".slug, " p ".name, " p ".born, " p ".birthplace, " p ".bio"

Person ReadPerson(const SqlStmt& s, int c) {
  Person p;
  p.id = s.Int(c);
  p.slug = s.Text(c + 1);
  p.name = s.Text(c + 2);
  if (!s.IsNull(c + 3)) {
    auto d = Date::Parse(s.Text(c + 3));
    if (d.ok()) p.born = *d;
  }
  p.birthplace = s.Text(c + 4);
  p.bio = s.Text(c + 5);
  return p;
}


Credit ReadCredit(const SqlStmt& s, int c) {
  Credit r;
  r.id = s.Int(c);
  r.title_id = s.Int(c + 1);
  r.person_id = s.Int(c + 2);
  r.kind = s.Text(c + 3) == "crew" ? CreditKind::kCrew : CreditKind::kCast;
  r.role = s.Text(c + 4);
  r.order = static_cast<int>(s.Int(c + 5));
  return r;
}

CriticReview ReadCriticReview(const SqlStmt& s, int c) {
  CriticReview r;
  r.id = s.Int(c);
  r.title_id = s.Int(c + 1);
  r.critic_id = s.Int(c + 2);
  r.publication_id = s.Int(c + 3);
  r.quote = s.Text(c + 4);
  r.url = s.Text(c + 5);
  r.grade_raw = s.Text(c + 6);
  r.grade_score = s.OptDouble(c + 7);
  r.sentiment = ParseSentiment(s.Text(c + 8));
  r.sentiment_source = ParseSentimentSource(s.Text(c + 9));
  if (!s.IsNull(c + 10)) {
    auto d = Date::Parse(s.Text(c + 10));
    if (d.ok()) r.date = *d;
  }
  return r;
}

Rating ReadRating(const SqlStmt& s, int c) {
  Rating r;
  r.id = s.Int(c);
  r.user_id = s.Int(c + 1);
  r.title_id = s.Int(c + 2);
  r.stars = s.Double(c + 3);
  r.review = s.Text(c + 4);
  r.verified = s.Int(c + 5) != 0;
  r.status = ParseRatingStatus(s.Text(c + 6));
  r.created_at = s.Text(c + 7);
  r.review_status = ParseModerationStatus(s.Text(c + 8)).value_or(ModerationStatus::kApproved);
  return r;
}

ReviewFacts ReadReviewFacts(const SqlStmt& q, int first) {
  ReviewFacts f;
  f.sentiment = ParseSentiment(q.Text(first));
  f.source = ParseSentimentSource(q.Text(first + 1));
  f.grade_score = q.OptDouble(first + 2);
  f.top_critic = q.Int(first + 3) != 0;
  return f;
}

RatingFacts ReadRatingFacts(const SqlStmt& q, int first) {
  return {q.Double(first), q.Int(first + 1) != 0, ParseRatingStatus(q.Text(first + 2))};
}

void BindCounts(SqlStmt& q, int first, const ScoreCounts& c) {
  int i = first;
  for (int64_t v : {c.fresh, c.rotten, c.top_fresh, c.top_rotten, c.graded}) q.Bind(i++, v);
  q.Bind(i++, c.grade_sum);
  for (int64_t g : c.grade_histogram) q.Bind(i++, g);
  for (int64_t v : {c.ratings, c.ratings_positive, c.verified_ratings, c.verified_positive}) q.Bind(i++, v);
  q.Bind(i++, c.stars_sum);
  for (int64_t st : c.star_histogram) q.Bind(i++, st);
  q.Bind(i, c.pre_release);
}

ScoreCounts ReadCounts(const SqlStmt& q, int first) {
  ScoreCounts c;
  int i = first;
  c.fresh = q.Int(i++);
  c.rotten = q.Int(i++);
  c.top_fresh = q.Int(i++);
  c.top_rotten = q.Int(i++);
  c.graded = q.Int(i++);
  c.grade_sum = q.Double(i++);
  for (auto& g : c.grade_histogram) g = q.Int(i++);
  c.ratings = q.Int(i++);
  c.ratings_positive = q.Int(i++);
  c.verified_ratings = q.Int(i++);
  c.verified_positive = q.Int(i++);
  c.stars_sum = q.Double(i++);
  for (auto& st : c.star_histogram) st = q.Int(i++);
  c.pre_release = q.Int(i);
  return c;
}


const std::string& AddDeltaSql() {
  static const std::string sql = [] {
    std::string cols = REEL_AGG_COLS, set;
    size_t pos = 0;
    while (pos < cols.size()) {
      size_t comma = cols.find(',', pos);
      if (comma == std::string::npos) comma = cols.size();
      std::string col(Trim(std::string_view(cols).substr(pos, comma - pos)));
      set += (set.empty() ? "" : ", ") + col + " = title_aggregates." + col + " + excluded." + col;
      pos = comma + 1;
    }
    return "INSERT INTO title_aggregates (title_id, " + cols + ") VALUES (?, " +
           Placeholders(kAggColCount) + ") ON CONFLICT (title_id) DO UPDATE SET " + set +
           " RETURNING " REEL_AGG_COLS ", certified";
  }();
  return sql;
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

Result<Id> ReturningId(Result<SqlStmt>& q) {
  REEL_TRY(q);
  if (!q->Step()) return q->status().ok() ? Internal("upsert returned no id") : q->status();
  const Id id = q->Int(0);
  while (q->Step()) {
  }
  if (!q->status().ok()) return q->status();
  return id;
}

}  // namespace reel
