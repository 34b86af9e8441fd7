#include "storage/sql_store.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "core/parse.h"
#include "core/text.h"
#include "model/score_counts.h"
#include "storage/migrations.h"

namespace reel {

// ---- Pool -------------------------------------------------------------------------


Result<SqlStore::Lease> SqlStore::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
  }
  auto db = connect_();
  if (!db.ok()) return db.status();
  return Lease(this, std::move(*db));
}

void SqlStore::Release(std::unique_ptr<SqlDb> db) {
  std::vector<std::unique_ptr<SqlDb>> dropped;
  {
    std::lock_guard lock(mu_);
    if (db->Healthy()) {
      idle_.push_back(std::move(db));
      return;
    }
    // A broken connection is dropped, and the idle ones with it: they went to the
    // same server, so a restart broke them all. The next callers reconnect.
    dropped.swap(idle_);
  }
  // Closed outside the lock (closing may wait on the network).
}

Result<SqlStore::Lease> SqlStore::Begin() {
  for (int attempt = 0;; ++attempt) {
    auto db = Acquire();
    if (!db.ok()) return db.status();
    Status begun = (*db)->BeginWrite();
    if (begun.ok()) return db;
    // A connection that broke before its transaction began has committed nothing
    // of it: begin once more, on a fresh connection.
    if (attempt > 0 || (*db)->Healthy()) return begun;
  }
}

SqlStore::SqlStore(Connect connect) : connect_(std::move(connect)) {}
SqlStore::~SqlStore() {
  stopping_ = true;
  if (watcher_.joinable()) watcher_.join();
}

Result<std::unique_ptr<SqlStore>> SqlStore::Open(Connect connect) {
  std::unique_ptr<SqlStore> store(new SqlStore(std::move(connect)));
  // Migrations run on a connection of their own, closed after them: rebuilding a
  // table leaves SQLite's temporary database open on it, and a pooled connection
  // carrying that could not switch temp_store inside a transaction (a bulk load does).
  auto db = store->connect_();
  if (!db.ok()) return db.status();
  REEL_RETURN_IF_ERROR(store->Migrate(**db));
  return store;
}

Status SqlStore::Migrate(SqlDb& db) {
  auto migrations = LoadMigrations();
  if (!migrations.ok()) return migrations.status();
  // Servers starting together take turns: the lock, then the check, then the work.
  REEL_RETURN_IF_ERROR(db.BeginWrite());
  Status created = db.Lock(LockSpace::kMigrations, 0);
  if (created.ok()) {
    created = db.Exec(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  }
  if (!created.ok()) {
    (void)db.Exec("ROLLBACK");
    return created;
  }
  REEL_RETURN_IF_ERROR(db.Exec("COMMIT"));
  for (const Migration& m : *migrations) {
    const bool rebuilds = MigrationRebuildsTables(m.version, db.dialect());
    if (rebuilds) {
      // Outside any transaction, where SQLite honours it; checked, because a table
      // dropped with foreign keys on would take the rows that reference it along.
      REEL_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = OFF"));
      auto off = db.Prepare("PRAGMA foreign_keys");
      if (!off.ok()) return off.status();
      const bool still_on = off->Step() && off->Int(0) != 0;
      REEL_RETURN_IF_ERROR(off->Run());
      if (still_on) return Internal("migration " + m.name + ": foreign keys could not be turned off");
    }
    Status st = ApplyMigration(db, m);
    if (rebuilds) {
      Status on = db.Exec("PRAGMA foreign_keys = ON");
      if (st.ok()) st = on;
    }
    REEL_RETURN_IF_ERROR(st);
  }
  return Status::Ok();
}

Status SqlStore::ApplyMigration(SqlDb& db, const Migration& m) {
  // Each migration in its own transaction; re-check inside it so two processes
  // starting together apply each migration once.
  REEL_RETURN_IF_ERROR(db.BeginWrite());
  REEL_RETURN_IF_ERROR(db.Lock(LockSpace::kMigrations, 0));
  auto done = [&]() -> Result<bool> {
    auto q = db.Prepare("SELECT 1 FROM schema_version WHERE version = ?");
    if (!q.ok()) return q.status();
    q->Bind(1, m.version);
    const bool found = q->Step();
    if (!q->status().ok()) return q->status();
    return found;
  }();
  Status st = done.ok() ? Status::Ok() : done.status();
  if (st.ok() && !*done) {
    st = db.Exec(MigrationSqlFor(m.sql, db.dialect()));
    if (st.ok()) st = RunMigrationStep(db, m.version);
    if (st.ok()) {
      auto ins = db.Prepare("INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)");
      st = ins.ok() ? ins->Bind(1, m.version).Bind(2, m.name).Bind(3, UtcTimestamp()).Run() : ins.status();
    }
  }
  // Migration 2 creates the stored aggregates: fill them for the rows that exist.
  if (st.ok() && !*done && m.version == 2) st = RecomputeOn(db).status();
  if (!st.ok()) {
    (void)db.Exec("ROLLBACK");
    return Status(st.code(), "migration " + m.name + ": " + st.message());
  }
  return db.Exec("COMMIT");
}

Result<int> SqlStore::SchemaVersion() {
  return WithRetry([&](Result<Lease>& db) -> Result<int> {
    auto q = (*db)->Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    if (!q.ok()) return q.status();
    if (!q->Step()) return q->status().ok() ? Internal("no schema_version row") : q->status();
    return static_cast<int>(q->Int(0));
  });
}

// ---- Row readers ------------------------------------------------------------------

namespace {

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

#define REEL_CREDIT_COLS(c) c ".id, " c ".title_id, " c ".person_id, " c ".kind, " c ".role, " c ".ord"

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

// "?, ?, ?" for n parameters.
std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

// Runs a query whose rows become T through `read`, collecting them.
template <typename T, typename Read>
Result<std::vector<T>> Collect(Result<SqlStmt>& q, Read read) {
  if (!q.ok()) return q.status();
  std::vector<T> out;
  while (q->Step()) out.push_back(read(*q));
  if (!q->status().ok()) return q->status();
  return out;
}

// Runs a query expected to give at most one row.
template <typename T, typename Read>
Result<T> One(Result<SqlStmt>& q, Read read, const std::string& not_found) {
  if (!q.ok()) return q.status();
  if (q->Step()) return read(*q);
  if (!q->status().ok()) return q->status();
  return NotFound(not_found);
}

// Runs an upsert with RETURNING id.
Result<Id> ReturningId(Result<SqlStmt>& q) {
  if (!q.ok()) return q.status();
  if (!q->Step()) return q->status().ok() ? Internal("upsert returned no id") : q->status();
  const Id id = q->Int(0);
  while (q->Step()) {
  }
  if (!q->status().ok()) return q->status();
  return id;
}

// ---- Aggregates ---------------------------------------------------------------------

// The additive columns of title_aggregates, in the order BindCounts/ReadCounts use.
#define REEL_AGG_COLS                                                                      \
  "fresh, rotten, top_fresh, top_rotten, graded, grade_sum, g0, g1, g2, g3, g4, g5, g6, g7, " \
  "g8, g9, ratings, ratings_positive, verified_ratings, verified_positive, stars_sum, s0, s1, " \
  "s2, s3, s4, s5, s6, s7, s8, s9, pre_release"
constexpr int kAggColCount = 32;

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

// "INSERT ... ON CONFLICT DO UPDATE SET fresh = fresh + excluded.fresh, ...".
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

}  // namespace

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

namespace {

// ---- Writer -----------------------------------------------------------------------

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

  Result<Id> UpsertTitle(const Title& t) override {
    const bool top = t.kind == TitleKind::kFilm || t.kind == TitleKind::kSeries;
    if (top && !IsValidSlug(t.slug)) {
      return InvalidArgument("slug '" + t.slug + "' is not lowercase words joined by hyphens");
    }
    if (!top && (t.parent_id == 0 || t.number <= 0)) {
      return InvalidArgument(std::string(TitleKindName(t.kind)) + " needs a parent and a number > 0");
    }
    if (t.name.empty()) return InvalidArgument("title name is empty");
    static constexpr const char* kCols =
        "(kind, parent_id, number, slug, name, synopsis, consensus, release_date, "
        "release_precision, end_year, runtime_minutes, country, language, network, created_at, untitled, "
        "production_code, us_viewers) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) ";
    static constexpr const char* kSet =
        "DO UPDATE SET name = excluded.name, synopsis = excluded.synopsis, "
        "consensus = excluded.consensus, release_date = excluded.release_date, "
        "release_precision = excluded.release_precision, end_year = excluded.end_year, "
        "runtime_minutes = excluded.runtime_minutes, country = excluded.country, "
        "language = excluded.language, network = excluded.network, untitled = excluded.untitled, "
        "production_code = excluded.production_code, us_viewers = excluded.us_viewers RETURNING id";
    const std::string sql =
        std::string("INSERT INTO titles ") + kCols +
        (top ? "ON CONFLICT (kind, slug) WHERE parent_id IS NULL "
             : "ON CONFLICT (parent_id, number) WHERE parent_id IS NOT NULL ") +
        kSet;
    auto q = db_.Prepare(sql);
    if (q.ok()) {
      q->Bind(1, TitleKindName(t.kind)).BindIdOrNull(2, top ? 0 : t.parent_id).Bind(3, top ? 0 : t.number);
      if (top) q->Bind(4, t.slug); else q->BindNull(4);
      q->Bind(5, t.name).Bind(6, t.synopsis).Bind(7, t.consensus);
      if (t.release) {
        q->Bind(8, t.release->start.ToIso()).Bind(9, DatePrecisionName(t.release->precision));
      } else {
        q->BindNull(8).BindNull(9);
      }
      q->Bind(10, t.end_year).Bind(11, t.runtime_minutes).Bind(12, t.country).Bind(13, t.language)
          .Bind(14, t.network).Bind(15, now_).Bind(16, t.untitled ? 1 : 0).Bind(17, t.production_code)
          .Bind(18, t.us_viewers);
    }
    return ReturningId(q);
  }

  Status SetTitleGenres(Id title_id, const std::vector<std::string>& names) override {
    auto del = db_.Prepare("DELETE FROM title_genres WHERE title_id = ?");
    if (!del.ok()) return del.status();
    REEL_RETURN_IF_ERROR(del->Bind(1, title_id).Run());
    int pos = 0;
    for (const auto& name : names) {
      const std::string slug = Slugify(name);
      if (slug.empty()) return InvalidArgument("genre '" + name + "' has no letters or digits");
      auto g = db_.Prepare(
          "INSERT INTO genres(slug, name) VALUES (?, ?) "
          "ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING id");
      if (g.ok()) g->Bind(1, slug).Bind(2, name);
      auto gid = ReturningId(g);
      if (!gid.ok()) return gid.status();
      auto link = db_.Prepare(
          "INSERT INTO title_genres(title_id, genre_id, position) VALUES (?, ?, ?) "
          "ON CONFLICT DO NOTHING");
      if (!link.ok()) return link.status();
      REEL_RETURN_IF_ERROR(link->Bind(1, title_id).Bind(2, *gid).Bind(3, pos++).Run());
    }
    return Status::Ok();
  }

  Result<Id> UpsertPerson(const Person& p) override {
    if (!IsValidSlug(p.slug)) return InvalidArgument("person slug '" + p.slug + "' is not valid");
    if (p.name.empty()) return InvalidArgument("person name is empty");
    auto q = db_.Prepare(
        "INSERT INTO people(slug, name, born, birthplace, bio) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, born = excluded.born, "
        "birthplace = excluded.birthplace, bio = excluded.bio RETURNING id");
    if (q.ok()) {
      q->Bind(1, p.slug).Bind(2, p.name);
      if (p.born) q->Bind(3, p.born->ToIso()); else q->BindNull(3);
      q->Bind(4, p.birthplace).Bind(5, p.bio);
    }
    return ReturningId(q);
  }

  Result<Id> UpsertCredit(const Credit& c) override {
    auto q = db_.Prepare(
        "INSERT INTO credits(title_id, person_id, kind, role, ord) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (title_id, person_id, kind, role) DO UPDATE SET ord = excluded.ord "
        "RETURNING id");
    if (q.ok()) {
      q->Bind(1, c.title_id).Bind(2, c.person_id).Bind(3, CreditKindName(c.kind)).Bind(4, c.role)
          .Bind(5, c.order);
    }
    return ReturningId(q);
  }

  Result<Id> UpsertPublication(const Publication& p) override {
    if (!IsValidSlug(p.slug)) return InvalidArgument("publication slug '" + p.slug + "' is not valid");
    auto q = db_.Prepare(
        "INSERT INTO publications(slug, name, url) VALUES (?, ?, ?) "
        "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, url = excluded.url RETURNING id");
    if (q.ok()) q->Bind(1, p.slug).Bind(2, p.name).Bind(3, p.url);
    return ReturningId(q);
  }

  Result<Id> UpsertCritic(const Critic& c) override {
    if (!IsValidSlug(c.slug)) return InvalidArgument("critic slug '" + c.slug + "' is not valid");
    // A change of the top-critic flag moves every review of the critic between the
    // all-critics and top-critics counts.
    auto before = db_.Prepare("SELECT id, top_critic FROM critics WHERE slug = ?");
    if (!before.ok()) return before.status();
    before->Bind(1, c.slug);
    std::optional<std::pair<Id, bool>> old;
    if (before->Step()) old = {{before->Int(0), before->Int(1) != 0}};
    REEL_RETURN_IF_ERROR(before->Run());
    auto id = WriteCritic(c);
    if (!id.ok() || !old || old->second == c.top_critic) return id;
    auto reviews = db_.Prepare(
        "SELECT title_id, sentiment, sentiment_source, grade_score FROM critic_reviews WHERE critic_id = ?");
    if (!reviews.ok()) return reviews.status();
    reviews->Bind(1, *id);
    std::vector<std::pair<Id, ReviewFacts>> facts;
    while (reviews->Step()) {
      ReviewFacts f{ParseSentiment(reviews->Text(1)), ParseSentimentSource(reviews->Text(2)),
                             old->second, reviews->OptDouble(3)};
      facts.emplace_back(reviews->Int(0), f);
    }
    REEL_RETURN_IF_ERROR(reviews->status());
    for (auto& [title, f] : facts) {
      ReviewFacts now = f;
      now.top_critic = c.top_critic;
      REEL_RETURN_IF_ERROR(ApplyDelta(title, Minus(Contribution(now), Contribution(f))));
    }
    return id;
  }

  Result<Id> WriteCritic(const Critic& c) {
    auto q = db_.Prepare(
        "INSERT INTO critics(slug, name, publication_id, top_critic) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, "
        "publication_id = excluded.publication_id, top_critic = excluded.top_critic RETURNING id");
    if (q.ok()) {
      q->Bind(1, c.slug).Bind(2, c.name).BindIdOrNull(3, c.publication_id).Bind(4, c.top_critic ? 1 : 0);
    }
    return ReturningId(q);
  }

  Result<Id> UpsertCriticReview(const CriticReview& r, std::string_view key) override {
    if (key.empty()) return InvalidArgument("critic review needs a key");
    REEL_RETURN_IF_ERROR(db_.Lock(LockSpace::kTitleWrites, r.title_id));
    auto old = OldReview(r.title_id, key);
    if (!old.ok()) return old.status();
    auto top = IsTopCritic(r.critic_id);
    if (!top.ok()) return top.status();
    auto id = WriteCriticReview(r, key);
    if (!id.ok()) return id;
    const ReviewFacts now{r.sentiment, r.sentiment_source, *top, r.grade_score};
    ScoreCounts delta = Contribution(now);
    if (*old) delta = Minus(delta, Contribution(**old));
    REEL_RETURN_IF_ERROR(ApplyDelta(r.title_id, delta));
    return id;
  }

  Status SetReviewVerdict(Id review_id, std::optional<double> grade_score, Sentiment sentiment,
                          SentimentSource source) override {
    auto title = db_.Prepare("SELECT title_id FROM critic_reviews WHERE id = ?");
    if (title.ok()) title->Bind(1, review_id);
    auto locked = One<Id>(title, [](auto& st) { return st.Int(0); }, "no critic review " + std::to_string(review_id));
    if (!locked.ok()) return locked.status();
    REEL_RETURN_IF_ERROR(db_.Lock(LockSpace::kTitleWrites, *locked));
    auto old = db_.Prepare(
        "SELECT r.title_id, r.sentiment, r.sentiment_source, r.grade_score, COALESCE(c.top_critic, 0) "
        "FROM critic_reviews r LEFT JOIN critics c ON c.id = r.critic_id WHERE r.id = ?");
    if (!old.ok()) return old.status();
    old->Bind(1, review_id);
    if (!old->Step()) return old->status().ok() ? NotFound("no critic review " + std::to_string(review_id)) : old->status();
    const Id title_id = old->Int(0);
    const ReviewFacts before = ReadReviewFacts(*old, 1);
    REEL_RETURN_IF_ERROR(old->Run());
    auto q = db_.Prepare("UPDATE critic_reviews SET grade_score = ?, sentiment = ?, sentiment_source = ? WHERE id = ?");
    if (!q.ok()) return q.status();
    q->Bind(1, grade_score).BindTextOrNull(2, SentimentName(sentiment)).BindTextOrNull(3, SentimentSourceName(source))
        .Bind(4, review_id);
    REEL_RETURN_IF_ERROR(q->Run());
    const ReviewFacts after{sentiment, source, before.top_critic, grade_score};
    return ApplyDelta(title_id, Minus(Contribution(after), Contribution(before)));
  }

  Status DeleteCriticReview(Id title_id, std::string_view key) override {
    REEL_RETURN_IF_ERROR(db_.Lock(LockSpace::kTitleWrites, title_id));
    auto q = db_.Prepare(
        "DELETE FROM critic_reviews WHERE title_id = ? AND review_key = ? RETURNING sentiment, "
        "sentiment_source, grade_score, (SELECT COALESCE(top_critic, 0) FROM critics WHERE id = critic_id)");
    if (!q.ok()) return q.status();
    q->Bind(1, title_id).Bind(2, key);
    if (!q->Step()) return q->status().ok() ? NotFound("no critic review '" + std::string(key) + "'") : q->status();
    const auto old = ReadReviewFacts(*q, 0);
    REEL_RETURN_IF_ERROR(q->Run());
    return ApplyDelta(title_id, Minus(ScoreCounts{}, Contribution(old)));
  }

  Result<Id> WriteCriticReview(const CriticReview& r, std::string_view key) {
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

  Result<Id> UpsertUser(const User& u) override {
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

  Result<Id> UpsertRating(const Rating& r) override {
    if (r.stars < 0.5 || r.stars > 5 || r.stars * 2 != static_cast<int>(r.stars * 2)) {
      return InvalidArgument("stars must be 0.5 to 5 in halves, not " + std::to_string(r.stars));
    }
    REEL_RETURN_IF_ERROR(db_.Lock(LockSpace::kTitleWrites, r.title_id));
    auto old = OldRating(r.user_id, r.title_id);
    if (!old.ok()) return old.status();
    auto id = WriteRating(r);
    if (!id.ok()) return id;
    ScoreCounts delta = Contribution(RatingFacts{r.stars, r.verified, r.status});
    if (*old) delta = Minus(delta, Contribution(**old));
    REEL_RETURN_IF_ERROR(ApplyDelta(r.title_id, delta));
    return id;
  }

  Status DeleteRating(Id user_id, Id title_id) override {
    REEL_RETURN_IF_ERROR(db_.Lock(LockSpace::kTitleWrites, title_id));
    auto q = db_.Prepare(
        "DELETE FROM ratings WHERE user_id = ? AND title_id = ? RETURNING stars, verified, status");
    if (!q.ok()) return q.status();
    q->Bind(1, user_id).Bind(2, title_id);
    if (!q->Step()) return q->status().ok() ? NotFound("no rating of title " + std::to_string(title_id)) : q->status();
    const auto old = ReadRatingFacts(*q, 0);
    REEL_RETURN_IF_ERROR(q->Run());
    return ApplyDelta(title_id, Minus(ScoreCounts{}, Contribution(old)));
  }

  // An edit keeps the rating's creation time unless the caller gives one (imports
  // carry the original dates); updated_at always moves.
  Result<Id> WriteRating(const Rating& r) {
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

  Result<Id> UpsertReleaseDate(const ReleaseDate& d) override {
    auto q = db_.Prepare(
        "INSERT INTO release_dates(title_id, date, precision, label, source) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (title_id, date, precision) DO UPDATE SET label = excluded.label, "
        "source = excluded.source RETURNING id");
    if (q.ok()) {
      q->Bind(1, d.title_id).Bind(2, d.date.start.ToIso()).Bind(3, DatePrecisionName(d.date.precision))
          .Bind(4, d.label).Bind(5, d.source);
    }
    return ReturningId(q);
  }

  Result<Id> UpsertVideo(const Video& v) override {
    auto q = db_.Prepare(
        "INSERT INTO videos(title_id, name, url, kind, duration_seconds) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (title_id, url) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
        "duration_seconds = excluded.duration_seconds RETURNING id");
    if (q.ok()) {
      q->Bind(1, v.title_id).Bind(2, v.name).Bind(3, v.url).Bind(4, v.kind).Bind(5, v.duration_seconds);
    }
    return ReturningId(q);
  }

  Status SetConsensus(Id title_id, std::string_view text) override {
    auto q = db_.Prepare("UPDATE titles SET consensus = ? WHERE id = ? RETURNING id");
    if (!q.ok()) return q.status();
    q->Bind(1, text).Bind(2, title_id);
    if (!q->Step()) return q->status().ok() ? NotFound("no title with id " + std::to_string(title_id)) : q->status();
    return q->Run();
  }

  Result<Change> AddVerificationCode(std::string_view code_hash, Id title_id) override {
    auto old = db_.Prepare("SELECT title_id FROM verification_codes WHERE code_hash = ?");
    if (!old.ok()) return old.status();
    old->Bind(1, code_hash);
    if (old->Step()) {
      const Id existing = old->Int(0);
      REEL_RETURN_IF_ERROR(old->Run());
      if (existing != title_id) return AlreadyExists("code: already given to another title");
      return Change::kUnchanged;
    }
    REEL_RETURN_IF_ERROR(old->status());
    auto q = db_.Prepare("INSERT INTO verification_codes(code_hash, title_id, created_at) VALUES (?, ?, ?)");
    if (!q.ok()) return q.status();
    REEL_RETURN_IF_ERROR(q->Bind(1, code_hash).Bind(2, title_id).Bind(3, now_).Run());
    return Change::kInserted;
  }

  Status UseVerificationCode(std::string_view code_hash, Id title_id, Id user_id) override {
    // The row is locked by the UPDATE, so two readers cannot both spend one code.
    auto q = db_.Prepare(
        "UPDATE verification_codes SET used_by = ?, used_at = ? "
        "WHERE code_hash = ? AND title_id = ? AND (used_by IS NULL OR used_by = ?) RETURNING code_hash");
    if (!q.ok()) return q.status();
    q->Bind(1, user_id).Bind(2, now_).Bind(3, code_hash).Bind(4, title_id).Bind(5, user_id);
    if (q->Step()) return q->Run();
    REEL_RETURN_IF_ERROR(q->status());
    auto known = db_.Prepare("SELECT 1 FROM verification_codes WHERE code_hash = ? AND title_id = ?");
    if (!known.ok()) return known.status();
    known->Bind(1, code_hash).Bind(2, title_id);
    const bool exists = known->Step();
    REEL_RETURN_IF_ERROR(known->Run());
    return exists ? FailedPrecondition("code: has already been used")
                  : NotFound("code: is not a verification code for this title");
  }

  Result<Id> RecordSpamCheck(const SpamCheck& check) override { return InsertSpamCheck(db_, check); }

  // ---- Ingest (defined at the end of this file) ----
  Result<std::optional<Id>> FindTitleIdByExternalId(std::string_view source, std::string_view value) override;
  Result<std::optional<Id>> FindPersonIdByExternalId(std::string_view source, std::string_view value) override;
  Result<std::string> TitleExternalId(Id title_id, std::string_view source) override;
  Result<std::string> PersonExternalId(Id person_id, std::string_view source) override;
  Result<Change> SetTitleExternalId(Id title_id, std::string_view source, std::string_view value) override;
  Result<Change> SetPersonExternalId(Id person_id, std::string_view source, std::string_view value) override;
  Result<std::string> TitleSource(Id title_id) override;
  Status SetTitleSource(Id title_id, std::string_view source) override;
  Result<std::vector<std::string>> TitleGenreNames(Id title_id) override;
  Result<std::optional<Title>> LookupTitle(Id id) override;
  Result<std::optional<Title>> LookupTitleBySlug(TitleKind kind, std::string_view slug) override;
  Result<std::optional<Title>> LookupChild(Id parent_id, int number) override;
  Result<std::optional<Person>> LookupPerson(Id id) override;
  Result<std::optional<Person>> LookupPersonBySlug(std::string_view slug) override;
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
  Status ApplyDeltas(std::vector<std::pair<Id, ScoreCounts>> deltas) {
    std::erase_if(deltas, [](const auto& d) { return SameCounts(d.second, ScoreCounts{}, 0); });
    if (deltas.empty()) return Status::Ok();
    std::vector<std::pair<ScoreCounts, bool>> after(deltas.size());  // The sums, and certified before.
    std::vector<bool> returned(deltas.size(), false);
    REEL_RETURN_IF_ERROR(db_.RunMany(
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
    REEL_RETURN_IF_ERROR(db_.RunMany(
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
    }
    return db_.RunMany(
        "UPDATE title_aggregates SET certified = ? WHERE title_id = ?", moved.size(),
        [&](size_t i, SqlStmt& q) { q.Bind(1, moved[i].second ? 1 : 0).Bind(2, moved[i].first); },
        [](size_t, const SqlStmt&) {});
  }

  Result<bool> IsTopCritic(Id critic_id) {
    if (critic_id == 0) return false;
    auto q = db_.Prepare("SELECT top_critic FROM critics WHERE id = ?");
    if (q.ok()) q->Bind(1, critic_id);
    return One<bool>(q, [](auto& st) { return st.Int(0) != 0; }, "no critic " + std::to_string(critic_id));
  }

  // The facts of the review at (title, key) before this write, if there is one.
  Result<std::optional<ReviewFacts>> OldReview(Id title_id, std::string_view key) {
    auto q = db_.Prepare(
        "SELECT r.sentiment, r.sentiment_source, r.grade_score, COALESCE(c.top_critic, 0) "
        "FROM critic_reviews r LEFT JOIN critics c ON c.id = r.critic_id "
        "WHERE r.title_id = ? AND r.review_key = ?");
    if (!q.ok()) return q.status();
    q->Bind(1, title_id).Bind(2, key);
    std::optional<ReviewFacts> out;
    if (q->Step()) out = ReadReviewFacts(*q, 0);
    REEL_RETURN_IF_ERROR(q->Run());
    return out;
  }

  Result<std::optional<RatingFacts>> OldRating(Id user_id, Id title_id) {
    auto q = db_.Prepare("SELECT stars, verified, status FROM ratings WHERE user_id = ? AND title_id = ?");
    if (!q.ok()) return q.status();
    q->Bind(1, user_id).Bind(2, title_id);
    std::optional<RatingFacts> out;
    if (q->Step()) out = ReadRatingFacts(*q, 0);
    REEL_RETURN_IF_ERROR(q->Run());
    return out;
  }

  SqlDb& db_;
  const std::string now_;
  std::map<Id, TitleKind> kinds_;  // Kinds of the titles this transaction touched.
};

}  // namespace

Status SqlStore::Write(const std::function<Status(StoreWriter&)>& body) {
  auto db = Begin();
  if (!db.ok()) return db.status();
  SqlWriter writer(**db);
  Status st = body(writer);
  if (st.ok()) st = (*db)->AnnounceChange();
  if (st.ok()) st = (*db)->Exec("COMMIT");
  if (!st.ok()) {
    (void)(*db)->Exec("ROLLBACK");
    return st;
  }
  ++generation_;
  return st;
}

uint64_t SqlStore::ChangeGeneration() {
  std::call_once(watcher_started_, [this] { watcher_ = std::thread([this] { Watch(); }); });
  return generation_.load();
}

void SqlStore::Watch() {
  std::unique_ptr<SqlDb> db;
  while (!stopping_) {
    if (!db) {
      auto fresh = connect_();
      if (!fresh.ok()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        continue;
      }
      db = std::move(*fresh);  // Its first WaitForChange reports a change.
    }
    auto changed = db->WaitForChange(100);
    if (!changed.ok()) {
      db.reset();
      ++generation_;
      continue;
    }
    if (*changed) ++generation_;
  }
}

// ---- Reads --------------------------------------------------------------------------

Result<Title> SqlStore::GetTitle(Id id) {
  return WithRetry([&](Result<Lease>& db) -> Result<Title> {
    auto q = (*db)->Prepare("SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE t.id = ?");
    if (q.ok()) q->Bind(1, id);
    return One<Title>(q, [](auto& s) { return ReadTitle(s, 0); }, "no title with id " + std::to_string(id));
  });
}

namespace {

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
    REEL_RETURN_IF_ERROR(each(chunk));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Title>> SqlStore::GetTitles(const std::vector<Id>& ids) {
  if (ids.empty()) return std::vector<Title>{};
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Title>> {
    std::vector<Title> out;
    const std::string sql = "SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE t.id IN (" + Placeholders(kInChunk) + ")";
    Status st = ForEachChunk(ids, [&](const std::vector<Id>& chunk) -> Status {
      auto q = (*db)->Prepare(sql);
      if (!q.ok()) return q.status();
      for (size_t i = 0; i < chunk.size(); ++i) q->Bind(static_cast<int>(i + 1), chunk[i]);
      while (q->Step()) out.push_back(ReadTitle(*q, 0));
      return q->status();
    });
    if (!st.ok()) return st;
    std::sort(out.begin(), out.end(), [](const Title& a, const Title& b) { return a.id < b.id; });
    return out;
  });
}

Result<Title> SqlStore::FindTitleBySlug(TitleKind kind, std::string_view slug) {
  return WithRetry([&](Result<Lease>& db) -> Result<Title> {
    auto q = (*db)->Prepare("SELECT " REEL_TITLE_COLS("t")
                            " FROM titles t WHERE t.kind = ? AND t.slug = ? AND t.parent_id IS NULL");
    if (q.ok()) q->Bind(1, TitleKindName(kind)).Bind(2, slug);
    return One<Title>(q, [](auto& s) { return ReadTitle(s, 0); },
                      std::string("no ") + TitleKindName(kind) + " '" + std::string(slug) + "'");
  });
}

Result<Title> SqlStore::FindChild(Id parent_id, int number) {
  return WithRetry([&](Result<Lease>& db) -> Result<Title> {
    auto q = (*db)->Prepare("SELECT " REEL_TITLE_COLS("t")
                            " FROM titles t WHERE t.parent_id = ? AND t.number = ?");
    if (q.ok()) q->Bind(1, parent_id).Bind(2, number);
    return One<Title>(q, [](auto& s) { return ReadTitle(s, 0); }, "no number " + std::to_string(number));
  });
}

Result<std::vector<Title>> SqlStore::ListChildren(Id parent_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Title>> {
    auto q = (*db)->Prepare("SELECT " REEL_TITLE_COLS("t")
                            " FROM titles t WHERE t.parent_id = ? ORDER BY t.number");
    if (q.ok()) q->Bind(1, parent_id);
    return Collect<Title>(q, [](auto& s) { return ReadTitle(s, 0); });
  });
}

Result<std::map<Id, std::vector<Title>>> SqlStore::ListChildrenFor(const std::vector<Id>& parent_ids) {
  if (parent_ids.empty()) return std::map<Id, std::vector<Title>>{};
  return WithRetry([&](Result<Lease>& db) -> Result<std::map<Id, std::vector<Title>>> {
    std::map<Id, std::vector<Title>> out;
    const std::string sql = "SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE t.parent_id IN (" +
                            Placeholders(kInChunk) + ") ORDER BY t.parent_id, t.number";
    Status st = ForEachChunk(parent_ids, [&](const std::vector<Id>& chunk) -> Status {
      auto q = (*db)->Prepare(sql);
      if (!q.ok()) return q.status();
      for (size_t i = 0; i < chunk.size(); ++i) q->Bind(static_cast<int>(i + 1), chunk[i]);
      while (q->Step()) {
        Title t = ReadTitle(*q, 0);
        out[t.parent_id].push_back(std::move(t));
      }
      return q->status();
    });
    if (!st.ok()) return st;
    return out;
  });
}

Result<std::map<Id, SeriesRun>> SqlStore::GetSeriesRunsFor(const std::vector<Id>& series_ids) {
  if (series_ids.empty()) return std::map<Id, SeriesRun>{};
  return WithRetry([&](Result<Lease>& db) -> Result<std::map<Id, SeriesRun>> {
    std::map<Id, SeriesRun> out;
    // ISO dates compare as text, so MAX gives the latest on both databases.
    const std::string sql =
        "SELECT s.parent_id, MAX(s.release_date), MAX(e.release_date), "
        "SUM(CASE WHEN s.release_date IS NULL AND e.id IS NULL THEN 1 ELSE 0 END) "
        "FROM titles s LEFT JOIN titles e ON e.parent_id = s.id "
        "WHERE s.kind = 'season' AND s.parent_id IN (" + Placeholders(kInChunk) + ") GROUP BY s.parent_id";
    Status st = ForEachChunk(series_ids, [&](const std::vector<Id>& chunk) -> Status {
      auto q = (*db)->Prepare(sql);
      if (!q.ok()) return q.status();
      for (size_t i = 0; i < chunk.size(); ++i) q->Bind(static_cast<int>(i + 1), chunk[i]);
      while (q->Step()) {
        SeriesRun run;
        for (int col : {1, 2}) {
          if (q->IsNull(col)) continue;
          auto d = Date::Parse(q->Text(col));
          if (d.ok() && (!run.last_release || *run.last_release < *d)) run.last_release = *d;
        }
        run.undated_season = q->Int(3) > 0;
        out[q->Int(0)] = run;
      }
      return q->status();
    });
    if (!st.ok()) return st;
    return out;
  });
}

Result<std::vector<Title>> SqlStore::ListTitles(const TitleQuery& query) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Title>> {
    std::string sql = "SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE " REEL_LISTED("t");
    if (!query.kinds.empty()) sql += " AND t.kind IN (" + Placeholders(query.kinds.size()) + ")";
    if (query.released_on_or_before) sql += " AND t.release_date IS NOT NULL AND t.release_date <= ?";
    sql += query.order == TitleOrder::kName
               ? " ORDER BY lower(t.name), t.id"
               : " ORDER BY t.release_date IS NULL, t.release_date DESC, lower(t.name), t.id";
    sql += " LIMIT ? OFFSET ?";
    auto q = (*db)->Prepare(sql);
    if (q.ok()) {
      int i = 1;
      for (auto k : query.kinds) q->Bind(i++, TitleKindName(k));
      if (query.released_on_or_before) q->Bind(i++, query.released_on_or_before->ToIso());
      q->Bind(i, query.limit).Bind(i + 1, query.offset);
    }
    return Collect<Title>(q, [](auto& s) { return ReadTitle(s, 0); });
  });
}

Result<std::vector<Genre>> SqlStore::ListGenres(Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Genre>> {
    auto q = (*db)->Prepare(
        "SELECT g.id, g.slug, g.name FROM title_genres tg JOIN genres g ON g.id = tg.genre_id "
        "WHERE tg.title_id = ? ORDER BY tg.position, g.name");
    if (q.ok()) q->Bind(1, title_id);
    return Collect<Genre>(q, [](auto& s) { return Genre{s.Int(0), s.Text(1), s.Text(2)}; });
  });
}

Result<std::vector<Title>> SqlStore::ListSimilarByGenre(Id title_id, int limit) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Title>> {
    auto q = (*db)->Prepare(
        "SELECT " REEL_TITLE_COLS("t") ", COUNT(*) AS shared FROM title_genres mine "
        "JOIN title_genres other ON other.genre_id = mine.genre_id AND other.title_id <> mine.title_id "
        "JOIN titles t ON t.id = other.title_id "
        "WHERE mine.title_id = ? AND t.parent_id IS NULL AND t.untitled = 0 "
        "GROUP BY t.id ORDER BY shared DESC, t.release_date DESC NULLS LAST, t.name, t.id LIMIT ?");
    if (q.ok()) q->Bind(1, title_id).Bind(2, limit);
    return Collect<Title>(q, [](auto& s) { return ReadTitle(s, 0); });
  });
}

Result<std::vector<ReleaseDate>> SqlStore::ListReleaseDates(Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<ReleaseDate>> {
    auto q = (*db)->Prepare(
        "SELECT id, title_id, date, precision, label, source FROM release_dates WHERE title_id = ? "
        "ORDER BY id");
    if (q.ok()) q->Bind(1, title_id);
    return Collect<ReleaseDate>(q, [](auto& s) {
      ReleaseDate d;
      d.id = s.Int(0);
      d.title_id = s.Int(1);
      auto fd = FuzzyDate::Make(s.Text(2), s.Text(3));
      if (fd.ok()) d.date = *fd;
      d.label = s.Text(4);
      d.source = s.Text(5);
      return d;
    });
  });
}

Result<std::vector<Video>> SqlStore::ListVideos(Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Video>> {
    auto q = (*db)->Prepare(
        "SELECT id, title_id, name, url, kind, duration_seconds FROM videos WHERE title_id = ? "
        "ORDER BY id");
    if (q.ok()) q->Bind(1, title_id);
    return Collect<Video>(q, [](auto& s) {
      return Video{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), static_cast<int>(s.Int(5))};
    });
  });
}

Result<Person> SqlStore::FindPersonBySlug(std::string_view slug) {
  return WithRetry([&](Result<Lease>& db) -> Result<Person> {
    auto q = (*db)->Prepare("SELECT " REEL_PERSON_COLS("p") " FROM people p WHERE p.slug = ?");
    if (q.ok()) q->Bind(1, slug);
    return One<Person>(q, [](auto& s) { return ReadPerson(s, 0); },
                       "no person '" + std::string(slug) + "'");
  });
}

Result<std::vector<CreditRow>> SqlStore::ListCredits(Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<CreditRow>> {
    auto q = (*db)->Prepare("SELECT " REEL_CREDIT_COLS("c") ", " REEL_PERSON_COLS("p")
                            " FROM credits c JOIN people p ON p.id = c.person_id WHERE c.title_id = ? "
                            "ORDER BY c.kind = 'crew', c.ord, c.id");
    if (q.ok()) q->Bind(1, title_id);
    return Collect<CreditRow>(q, [](auto& s) { return CreditRow{ReadCredit(s, 0), ReadPerson(s, 6)}; });
  });
}

Result<std::vector<PersonCreditRow>> SqlStore::ListPersonCredits(Id person_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<PersonCreditRow>> {
    auto q = (*db)->Prepare(
        "SELECT " REEL_CREDIT_COLS("c") ", " REEL_TITLE_COLS("t") ", " REEL_TITLE_COLS("p1") ", "
        REEL_TITLE_COLS("p2") " FROM credits c JOIN titles t ON t.id = c.title_id "
        "LEFT JOIN titles p1 ON p1.id = t.parent_id LEFT JOIN titles p2 ON p2.id = p1.parent_id "
        "WHERE c.person_id = ? AND " REEL_LISTED("t") " "
        "ORDER BY COALESCE(t.release_date, p1.release_date) DESC NULLS LAST, c.kind, c.ord, c.id");
    if (q.ok()) q->Bind(1, person_id);
    return Collect<PersonCreditRow>(q, [](auto& s) {
      PersonCreditRow row{ReadCredit(s, 0), ReadTitle(s, 6), std::nullopt, std::nullopt};
      const int p1 = 6 + kTitleColCount, p2 = p1 + kTitleColCount;
      if (!s.IsNull(p2)) {
        row.season = ReadTitle(s, p1);
        row.series = ReadTitle(s, p2);
      } else if (!s.IsNull(p1)) {
        row.series = ReadTitle(s, p1);
      }
      return row;
    });
  });
}

Result<std::vector<CriticReviewRow>> SqlStore::ListCriticReviews(Id title_id, CriticFilter filter) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<CriticReviewRow>> {
    std::string sql =
        "SELECT r.id, r.title_id, r.critic_id, r.publication_id, r.quote, r.url, r.grade_raw, "
        "r.grade_score, r.sentiment, r.sentiment_source, r.review_date, "
        "c.id, c.slug, c.name, c.publication_id, c.top_critic, p.id, p.slug, p.name, p.url "
        "FROM critic_reviews r LEFT JOIN critics c ON c.id = r.critic_id "
        // A review without a publication of its own shows its critic's.
        "LEFT JOIN publications p ON p.id = COALESCE(r.publication_id, c.publication_id) WHERE r.title_id = ?";
    if (filter == CriticFilter::kTopOnly) sql += " AND c.top_critic = 1";
    sql += " ORDER BY r.review_date DESC NULLS LAST, r.id";
    auto q = (*db)->Prepare(sql);
    if (q.ok()) q->Bind(1, title_id);
    return Collect<CriticReviewRow>(q, [](auto& s) {
      CriticReviewRow row;
      row.review = ReadCriticReview(s, 0);
      if (!s.IsNull(11)) row.critic = Critic{s.Int(11), s.Text(12), s.Text(13), s.Int(14), s.Int(15) != 0};
      if (!s.IsNull(16)) row.publication = Publication{s.Int(16), s.Text(17), s.Text(18), s.Text(19)};
      return row;
    });
  });
}

Result<std::vector<AudienceReviewRow>> SqlStore::ListAudienceReviews(Id title_id, int limit) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<AudienceReviewRow>> {
    auto q = (*db)->Prepare(
        "SELECT r.id, r.user_id, r.title_id, r.stars, r.review, r.verified, r.status, r.created_at, "
        "CASE WHEN u.deleted_at IS NULL THEN u.username ELSE '' END, "
        "CASE WHEN u.deleted_at IS NULL THEN u.display_name ELSE '' END "
        "FROM ratings r JOIN users u ON u.id = r.user_id "
        "WHERE r.title_id = ? AND r.status = 'counted' AND r.review <> '' AND r.review_status = 'approved' "
        "ORDER BY r.created_at DESC, r.id DESC LIMIT ?");
    if (q.ok()) q->Bind(1, title_id).Bind(2, limit);
    return Collect<AudienceReviewRow>(q, [](auto& s) {
      AudienceReviewRow row;
      Rating& r = row.rating;
      r.id = s.Int(0);
      r.user_id = s.Int(1);
      r.title_id = s.Int(2);
      r.stars = s.Double(3);
      r.review = s.Text(4);
      r.verified = s.Int(5) != 0;
      r.status = ParseRatingStatus(s.Text(6));
      r.created_at = s.Text(7);
      row.username = s.Text(8);
      row.display_name = s.Text(9);
      return row;
    });
  });
}

Result<ScoreCounts> SqlStore::GetScoreCounts(Id title_id) {
  auto all = GetScoreCountsFor({title_id});
  if (!all.ok()) return all.status();
  auto it = all->find(title_id);
  return it == all->end() ? ScoreCounts{} : it->second;
}

Result<std::map<Id, ScoreCounts>> SqlStore::GetScoreCountsFor(const std::vector<Id>& ids) {
  if (ids.empty()) return std::map<Id, ScoreCounts>{};
  return WithRetry([&](Result<Lease>& db) -> Result<std::map<Id, ScoreCounts>> {
    std::map<Id, ScoreCounts> out;
    const std::string sql = "SELECT title_id, " REEL_AGG_COLS ", certified FROM title_aggregates WHERE title_id IN (" +
                            Placeholders(kInChunk) + ")";
    Status st = ForEachChunk(ids, [&](const std::vector<Id>& chunk) -> Status {
      auto q = (*db)->Prepare(sql);
      if (!q.ok()) return q.status();
      for (size_t i = 0; i < chunk.size(); ++i) q->Bind(static_cast<int>(i + 1), chunk[i]);
      while (q->Step()) {
        ScoreCounts c = ReadCounts(*q, 1);
        c.certified = q->Int(1 + kAggColCount) != 0;
        out[q->Int(0)] = c;
      }
      return q->status();
    });
    if (!st.ok()) return st;
    return out;
  });
}

Result<std::vector<std::string>> SqlStore::ListPublicationGrades(std::string_view slug) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<std::string>> {
    auto pub = (*db)->Prepare("SELECT id FROM publications WHERE slug = ?");
    if (pub.ok()) pub->Bind(1, slug);
    auto id = One<Id>(pub, [](auto& s) { return s.Int(0); }, "no publication '" + std::string(slug) + "'");
    if (!id.ok()) return id.status();
    auto q = (*db)->Prepare(
        "SELECT grade_raw FROM critic_reviews WHERE publication_id = ? AND grade_raw <> '' ORDER BY id");
    if (q.ok()) q->Bind(1, *id);
    return Collect<std::string>(q, [](auto& s) { return s.Text(0); });
  });
}

Result<Publication> SqlStore::GetPublication(Id id) {
  return WithRetry([&](Result<Lease>& db) -> Result<Publication> {
    auto q = (*db)->Prepare("SELECT id, slug, name, url FROM publications WHERE id = ?");
    if (q.ok()) q->Bind(1, id);
    return One<Publication>(q, [](auto& s) { return Publication{s.Int(0), s.Text(1), s.Text(2), s.Text(3)}; },
                            "no publication " + std::to_string(id));
  });
}

Result<Publication> SqlStore::FindPublicationBySlug(std::string_view slug) {
  return WithRetry([&](Result<Lease>& db) -> Result<Publication> {
    auto q = (*db)->Prepare("SELECT id, slug, name, url FROM publications WHERE slug = ?");
    if (q.ok()) q->Bind(1, slug);
    return One<Publication>(q, [](auto& s) { return Publication{s.Int(0), s.Text(1), s.Text(2), s.Text(3)}; },
                            "no publication '" + std::string(slug) + "'");
  });
}

Result<bool> SqlStore::RunJobIfDue(std::string_view job, int64_t interval_seconds,
                                   const std::function<Status()>& run) {
  const std::string now = UtcTimestamp();
  bool claimed = false;
  {
    auto db = Acquire();
    if (!db.ok()) return db.status();
    SqlDb& d = **db;
    REEL_RETURN_IF_ERROR(d.BeginWrite());
    auto claim = [&]() -> Status {
      REEL_RETURN_IF_ERROR(d.Lock(LockSpace::kJobs, static_cast<int64_t>(std::hash<std::string_view>{}(job) & 0x7fffffff)));
      auto q = d.Prepare("SELECT last_started FROM job_runs WHERE job = ?");
      if (!q.ok()) return q.status();
      q->Bind(1, job);
      std::string last;
      if (q->Step()) last = q->Text(0);
      REEL_RETURN_IF_ERROR(q->Run());
      if (!last.empty()) {
        // Timestamps are "YYYY-MM-DDTHH:MM:SSZ": seconds since the epoch by hand.
        auto seconds = [](const std::string& ts) -> int64_t {
          auto d = Date::Parse(ts.substr(0, 10));
          if (!d.ok() || ts.size() < 19) return 0;
          auto part = [&ts](size_t at) { return ParseInt(std::string_view(ts).substr(at, 2)).value_or(0); };
          return d->ToDays() * 86400 + part(11) * 3600 + part(14) * 60 + part(17);
        };
        if (seconds(now) - seconds(last) < interval_seconds) return Status::Ok();
      }
      auto up = d.Prepare(
          "INSERT INTO job_runs (job, last_started) VALUES (?, ?) "
          "ON CONFLICT (job) DO UPDATE SET last_started = excluded.last_started");
      if (!up.ok()) return up.status();
      REEL_RETURN_IF_ERROR(up->Bind(1, job).Bind(2, now).Run());
      claimed = true;
      return Status::Ok();
    };
    Status st = claim();
    if (st.ok()) st = d.Exec("COMMIT");
    if (!st.ok()) {
      (void)d.Exec("ROLLBACK");
      return st;
    }
  }
  if (!claimed) return false;
  const Status result = run();
  auto db = Acquire();
  if (!db.ok()) return db.status();
  auto done = (*db)->Prepare("UPDATE job_runs SET last_finished = ?, last_result = ? WHERE job = ?");
  if (!done.ok()) return done.status();
  REEL_RETURN_IF_ERROR(done->Bind(1, UtcTimestamp()).Bind(2, result.ToString()).Bind(3, job).Run());
  return true;
}

Result<std::vector<Id>> SqlStore::ListTitlesWithRatings(int min_ratings) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Id>> {
    auto q = (*db)->Prepare("SELECT a.title_id FROM title_aggregates a JOIN titles t ON t.id = a.title_id "
                            "WHERE a.ratings >= ? AND " REEL_LISTED("t") " ORDER BY a.title_id");
    if (q.ok()) q->Bind(1, min_ratings);
    return Collect<Id>(q, [](auto& s) { return s.Int(0); });
  });
}

Result<std::vector<Id>> SqlStore::ListTitlesWithReviews(int min_reviews) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Id>> {
    auto q = (*db)->Prepare(
        "SELECT a.title_id FROM title_aggregates a JOIN titles t ON t.id = a.title_id "
        "WHERE a.fresh + a.rotten >= ? AND " REEL_LISTED("t") " ORDER BY a.title_id");
    if (q.ok()) q->Bind(1, min_reviews);
    return Collect<Id>(q, [](auto& s) { return s.Int(0); });
  });
}

Result<std::vector<ReviewScoringRow>> SqlStore::ListReviewsForScoring() {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<ReviewScoringRow>> {
    // A review without a publication of its own belongs to its critic's.
    auto q = (*db)->Prepare(
        "SELECT r.id, COALESCE(p.slug, cp.slug, ''), COALESCE(c.slug, ''), r.grade_raw, r.grade_score, "
        "r.sentiment, r.sentiment_source, r.quote FROM critic_reviews r "
        "LEFT JOIN critics c ON c.id = r.critic_id "
        "LEFT JOIN publications p ON p.id = r.publication_id "
        "LEFT JOIN publications cp ON cp.id = c.publication_id ORDER BY r.id");
    return Collect<ReviewScoringRow>(q, [](auto& s) {
      ReviewScoringRow r;
      r.id = s.Int(0);
      r.publication = s.Text(1);
      r.critic = s.Text(2);
      r.grade_raw = s.Text(3);
      r.grade_score = s.OptDouble(4);
      r.sentiment = ParseSentiment(s.Text(5));
      r.source = ParseSentimentSource(s.Text(6));
      r.quote = s.Text(7);
      return r;
    });
  });
}

Result<Store::AggregateReport> SqlStore::RecomputeOn(SqlDb& db) {
  AggregateReport report;
  std::map<Id, ScoreCounts> fresh;  // Recomputed from the rows.
  // The same contributions the writer applies one by one, summed over every row.
  auto reviews = db.Prepare(
      "SELECT r.title_id, r.sentiment, r.sentiment_source, r.grade_score, COALESCE(c.top_critic, 0) "
      "FROM critic_reviews r LEFT JOIN critics c ON c.id = r.critic_id");
  if (!reviews.ok()) return reviews.status();
  while (reviews->Step()) {
    ++report.reviews;
    ScoreCounts& c = fresh[reviews->Int(0)];
    c = Plus(c, Contribution(ReadReviewFacts(*reviews, 1)));
  }
  if (!reviews->status().ok()) return reviews->status();
  auto ratings = db.Prepare("SELECT title_id, stars, verified, status FROM ratings");
  if (!ratings.ok()) return ratings.status();
  while (ratings->Step()) {
    ++report.ratings;
    ScoreCounts& c = fresh[ratings->Int(0)];
    c = Plus(c, Contribution(ReadRatingFacts(*ratings, 1)));
  }
  if (!ratings->status().ok()) return ratings->status();

  std::map<Id, ScoreCounts> stored;
  auto old = db.Prepare("SELECT title_id, " REEL_AGG_COLS ", certified FROM title_aggregates");
  if (!old.ok()) return old.status();
  while (old->Step()) {
    ScoreCounts c = ReadCounts(*old, 1);
    c.certified = old->Int(1 + kAggColCount) != 0;
    stored[old->Int(0)] = c;
  }
  if (!old->status().ok()) return old->status();
  std::map<Id, TitleKind> kinds;
  auto k = db.Prepare("SELECT t.id, t.kind FROM titles t JOIN title_aggregates a ON a.title_id = t.id "
                      "UNION SELECT t.id, t.kind FROM titles t WHERE t.kind IN ('film', 'season')");
  if (!k.ok()) return k.status();
  while (k->Step()) kinds[k->Int(0)] = ParseTitleKind(k->Text(1)).value_or(TitleKind::kFilm);
  if (!k->status().ok()) return k->status();

  auto describe = [](Id id, const ScoreCounts& was, const ScoreCounts& is) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "title %lld: stored fresh=%lld rotten=%lld ratings=%lld positive=%lld, rows say "
                  "fresh=%lld rotten=%lld ratings=%lld positive=%lld",
                  static_cast<long long>(id), static_cast<long long>(was.fresh), static_cast<long long>(was.rotten),
                  static_cast<long long>(was.ratings), static_cast<long long>(was.ratings_positive),
                  static_cast<long long>(is.fresh), static_cast<long long>(is.rotten),
                  static_cast<long long>(is.ratings), static_cast<long long>(is.ratings_positive));
    return std::string(buf);
  };
  for (auto& [id, c] : fresh) {
    auto it = stored.find(id);
    const ScoreCounts was = it == stored.end() ? ScoreCounts{} : it->second;
    if (!SameCounts(was, c)) {
      ++report.drifted;
      if (report.examples.size() < 10) report.examples.push_back(describe(id, was, c));
    }
    const auto rule = CertificationKind(kinds.count(id) ? kinds[id] : TitleKind::kSeries);
    c.certified = rule && NextCertified(was.certified, c, *rule);
  }
  for (auto& [id, c] : stored) {
    if (!fresh.count(id) && !SameCounts(c, ScoreCounts{})) {
      ++report.drifted;
      if (report.examples.size() < 10) report.examples.push_back(describe(id, c, ScoreCounts{}));
    }
  }
  report.titles = static_cast<int64_t>(fresh.size());

  REEL_RETURN_IF_ERROR(db.Exec("DELETE FROM title_aggregates"));
  auto ins = db.Prepare("INSERT INTO title_aggregates (title_id, " REEL_AGG_COLS ", certified) VALUES (?, " +
                        Placeholders(kAggColCount + 1) + ")");
  if (!ins.ok()) return ins.status();
  for (const auto& [id, c] : fresh) {
    ins->Bind(1, id);
    BindCounts(*ins, 2, c);
    ins->Bind(2 + kAggColCount, c.certified ? 1 : 0);
    REEL_RETURN_IF_ERROR(ins->Run());
    ins->Reset();
  }
  return report;
}

Result<Store::AggregateReport> SqlStore::RecomputeAggregates() {
  // A transaction that writes (it repairs drift): never run twice.
  auto db = Begin();
  if (!db.ok()) return db.status();
  if ((*db)->dialect() == SqlDialect::kPostgres) {
    // Writers elsewhere would change rows while they are summed: hold them off.
    Status st = (*db)->Exec("LOCK TABLE critic_reviews, ratings, critics, title_aggregates IN SHARE ROW EXCLUSIVE MODE");
    if (!st.ok()) {
      (void)(*db)->Exec("ROLLBACK");
      return st;
    }
  }
  auto report = RecomputeOn(**db);
  Status st = report.ok() ? (*db)->Exec("COMMIT") : report.status();
  if (!st.ok()) {
    (void)(*db)->Exec("ROLLBACK");
    return st;
  }
  return report;
}

Result<std::map<std::string, int64_t>> SqlStore::CountRows() {
  return WithRetry([&](Result<Lease>& db) -> Result<std::map<std::string, int64_t>> {
    static constexpr std::pair<const char*, const char*> kCounts[] = {
        {"films", "SELECT COUNT(*) FROM titles WHERE kind = 'film'"},
        {"series", "SELECT COUNT(*) FROM titles WHERE kind = 'series'"},
        {"seasons", "SELECT COUNT(*) FROM titles WHERE kind = 'season'"},
        {"episodes", "SELECT COUNT(*) FROM titles WHERE kind = 'episode'"},
        {"people", "SELECT COUNT(*) FROM people"},
        {"credits", "SELECT COUNT(*) FROM credits"},
        {"genres", "SELECT COUNT(*) FROM genres"},
        {"publications", "SELECT COUNT(*) FROM publications"},
        {"critics", "SELECT COUNT(*) FROM critics"},
        {"critic_reviews", "SELECT COUNT(*) FROM critic_reviews"},
        {"users", "SELECT COUNT(*) FROM users"},
        {"ratings", "SELECT COUNT(*) FROM ratings"},
        {"tags", "SELECT COUNT(*) FROM tags"},
        {"release_dates", "SELECT COUNT(*) FROM release_dates"},
        {"videos", "SELECT COUNT(*) FROM videos"},
        {"articles", "SELECT COUNT(*) FROM articles"},
        {"comments", "SELECT COUNT(*) FROM comments"},
    };
    std::map<std::string, int64_t> out;
    for (const auto& [name, sql] : kCounts) {
      auto q = (*db)->Prepare(sql);
      if (!q.ok()) return q.status();
      if (!q->Step()) return q->status();
      out[name] = q->Int(0);
    }
    return out;
  });
}

}  // namespace reel

// ---- Ingest -------------------------------------------------------------------------
// The StoreWriter and Store methods bulk importers use (store.h, "Ingest"). The
// "Checked" writes read the row by its natural key first and go through the plain
// upserts above only when something differs, so aggregates move exactly as they do
// for any other write.

namespace reel {
namespace {

// Ratings per INSERT statement in UpsertRatingsChecked on SQLite (8 parameters each).
constexpr size_t kRatingChunk = 64;
// SQLite's page cache while ratings are written in bulk, and while their indexes are
// rebuilt (where the sort takes as much again).
constexpr int64_t kBulkCacheKiB = 64 << 10;
constexpr int64_t kIndexBuildCacheKiB = 32 << 10;

bool SameRelease(const std::optional<FuzzyDate>& a, const std::optional<FuzzyDate>& b) {
  if (!a || !b) return !a && !b;
  return a->start == b->start && a->precision == b->precision;
}

bool SameTitleFields(const Title& a, const Title& b) {
  return a.kind == b.kind && a.name == b.name && a.synopsis == b.synopsis && a.consensus == b.consensus &&
         SameRelease(a.release, b.release) && a.end_year == b.end_year && a.runtime_minutes == b.runtime_minutes &&
         a.country == b.country && a.language == b.language && a.network == b.network &&
         a.untitled == b.untitled && a.production_code == b.production_code && a.us_viewers == b.us_viewers;
}

// Looks up the value of `column` in `table` for (source, value).
Result<std::optional<Id>> ExternalOwner(SqlDb& db, const char* sql, std::string_view source, std::string_view value) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.status();
  q->Bind(1, source).Bind(2, value);
  std::optional<Id> out;
  if (q->Step()) {
    out = q->Int(0);
    REEL_RETURN_IF_ERROR(q->Run());
  }
  REEL_RETURN_IF_ERROR(q->status());
  return out;
}

Result<std::string> ExternalValue(SqlDb& db, const char* sql, Id owner, std::string_view source) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.status();
  q->Bind(1, owner).Bind(2, source);
  std::string out;
  if (q->Step()) {
    out = q->Text(0);
    REEL_RETURN_IF_ERROR(q->Run());
  }
  REEL_RETURN_IF_ERROR(q->status());
  return out;
}

// Points (source, value) of an external-id table at `owner`.
Result<StoreWriter::Change> SetExternal(SqlDb& db, const std::string& table, const std::string& owner_col, Id owner,
                                        std::string_view source, std::string_view value) {
  if (source.empty() || value.empty()) return InvalidArgument("an external id needs a source and a value");
  auto now = ExternalOwner(db, ("SELECT " + owner_col + " FROM " + table + " WHERE source = ? AND value = ?").c_str(),
                           source, value);
  if (!now.ok()) return now.status();
  if (*now && **now == owner) return StoreWriter::Change::kUnchanged;
  auto q = db.Prepare(*now ? "UPDATE " + table + " SET " + owner_col + " = ? WHERE source = ? AND value = ?"
                           : "INSERT INTO " + table + "(" + owner_col + ", source, value) VALUES (?, ?, ?)");
  if (!q.ok()) return q.status();
  REEL_RETURN_IF_ERROR(q->Bind(1, owner).Bind(2, source).Bind(3, value).Run());
  return *now ? StoreWriter::Change::kUpdated : StoreWriter::Change::kInserted;
}

template <typename T, typename Read>
Result<std::optional<T>> MaybeOne(Result<SqlStmt>& q, Read read) {
  if (!q.ok()) return q.status();
  // Run() only after a row: a statement stepped again after its end runs again.
  std::optional<T> out;
  if (q->Step()) {
    out = read(*q);
    REEL_RETURN_IF_ERROR(q->Run());
  }
  REEL_RETURN_IF_ERROR(q->status());
  return out;
}

StoreWriter::Upserted Made(Result<Id>& id, StoreWriter::Change change) { return {*id, change}; }

}  // namespace

Result<std::optional<Id>> SqlWriter::FindTitleIdByExternalId(std::string_view source, std::string_view value) {
  return ExternalOwner(db_, "SELECT title_id FROM external_ids WHERE source = ? AND value = ?", source, value);
}

Result<std::optional<Id>> SqlWriter::FindPersonIdByExternalId(std::string_view source, std::string_view value) {
  return ExternalOwner(db_, "SELECT person_id FROM person_external_ids WHERE source = ? AND value = ?", source,
                       value);
}

Result<std::string> SqlWriter::TitleExternalId(Id title_id, std::string_view source) {
  return ExternalValue(db_, "SELECT value FROM external_ids WHERE title_id = ? AND source = ? ORDER BY value",
                       title_id, source);
}

Result<std::string> SqlWriter::PersonExternalId(Id person_id, std::string_view source) {
  return ExternalValue(db_,
                       "SELECT value FROM person_external_ids WHERE person_id = ? AND source = ? ORDER BY value",
                       person_id, source);
}

Result<StoreWriter::Change> SqlWriter::SetTitleExternalId(Id title_id, std::string_view source,
                                                          std::string_view value) {
  return SetExternal(db_, "external_ids", "title_id", title_id, source, value);
}

Result<StoreWriter::Change> SqlWriter::SetPersonExternalId(Id person_id, std::string_view source,
                                                           std::string_view value) {
  return SetExternal(db_, "person_external_ids", "person_id", person_id, source, value);
}

Result<std::string> SqlWriter::TitleSource(Id title_id) {
  auto q = db_.Prepare("SELECT source FROM title_sources WHERE title_id = ?");
  if (q.ok()) q->Bind(1, title_id);
  auto source = MaybeOne<std::string>(q, [](auto& s) { return s.Text(0); });
  if (!source.ok()) return source.status();
  return source->value_or("");
}

Status SqlWriter::SetTitleSource(Id title_id, std::string_view source) {
  auto q = db_.Prepare("INSERT INTO title_sources(title_id, source) VALUES (?, ?) ON CONFLICT (title_id) DO NOTHING");
  if (!q.ok()) return q.status();
  return q->Bind(1, title_id).Bind(2, source).Run();
}

Result<std::vector<std::string>> SqlWriter::TitleGenreNames(Id title_id) {
  auto q = db_.Prepare(
      "SELECT g.name FROM title_genres tg JOIN genres g ON g.id = tg.genre_id WHERE tg.title_id = ? "
      "ORDER BY tg.position, g.name");
  if (q.ok()) q->Bind(1, title_id);
  return Collect<std::string>(q, [](auto& s) { return s.Text(0); });
}

Result<std::optional<Title>> SqlWriter::LookupTitle(Id id) {
  auto q = db_.Prepare("SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE t.id = ?");
  if (q.ok()) q->Bind(1, id);
  return MaybeOne<Title>(q, [](auto& s) { return ReadTitle(s, 0); });
}

Result<std::optional<Title>> SqlWriter::LookupTitleBySlug(TitleKind kind, std::string_view slug) {
  auto q = db_.Prepare("SELECT " REEL_TITLE_COLS("t")
                       " FROM titles t WHERE t.kind = ? AND t.slug = ? AND t.parent_id IS NULL");
  if (q.ok()) q->Bind(1, TitleKindName(kind)).Bind(2, slug);
  return MaybeOne<Title>(q, [](auto& s) { return ReadTitle(s, 0); });
}

Result<std::optional<Title>> SqlWriter::LookupChild(Id parent_id, int number) {
  auto q = db_.Prepare("SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE t.parent_id = ? AND t.number = ?");
  if (q.ok()) q->Bind(1, parent_id).Bind(2, number);
  return MaybeOne<Title>(q, [](auto& s) { return ReadTitle(s, 0); });
}

Result<std::optional<Person>> SqlWriter::LookupPerson(Id id) {
  auto q = db_.Prepare("SELECT " REEL_PERSON_COLS("p") " FROM people p WHERE p.id = ?");
  if (q.ok()) q->Bind(1, id);
  return MaybeOne<Person>(q, [](auto& s) { return ReadPerson(s, 0); });
}

Result<std::optional<Person>> SqlWriter::LookupPersonBySlug(std::string_view slug) {
  auto q = db_.Prepare("SELECT " REEL_PERSON_COLS("p") " FROM people p WHERE p.slug = ?");
  if (q.ok()) q->Bind(1, slug);
  return MaybeOne<Person>(q, [](auto& s) { return ReadPerson(s, 0); });
}

Result<StoreWriter::Upserted> SqlWriter::UpsertTitleChecked(const Title& t) {
  const bool top = t.kind == TitleKind::kFilm || t.kind == TitleKind::kSeries;
  auto old = top ? LookupTitleBySlug(t.kind, t.slug) : LookupChild(t.parent_id, t.number);
  if (!old.ok()) return old.status();
  if (*old && SameTitleFields(**old, t)) return Upserted{(*old)->id, Change::kUnchanged};
  if (*old && (*old)->kind != t.kind) {
    return InvalidArgument(std::string(TitleKindName(t.kind)) + " " + std::to_string(t.number) + " is stored as a " +
                           TitleKindName((*old)->kind));
  }
  auto id = UpsertTitle(t);
  if (!id.ok()) return id.status();
  return Made(id, *old ? Change::kUpdated : Change::kInserted);
}

Result<StoreWriter::Change> SqlWriter::SetTitleGenresChecked(Id title_id, const std::vector<std::string>& names) {
  auto q = db_.Prepare(
      "SELECT g.name FROM title_genres tg JOIN genres g ON g.id = tg.genre_id WHERE tg.title_id = ? "
      "ORDER BY tg.position, g.name");
  if (!q.ok()) return q.status();
  q->Bind(1, title_id);
  std::vector<std::string> now;
  while (q->Step()) now.push_back(q->Text(0));
  REEL_RETURN_IF_ERROR(q->status());
  if (now == names) return Change::kUnchanged;
  REEL_RETURN_IF_ERROR(SetTitleGenres(title_id, names));
  return now.empty() ? Change::kInserted : Change::kUpdated;
}

Result<StoreWriter::Upserted> SqlWriter::UpsertPersonChecked(const Person& p) {
  auto old = LookupPersonBySlug(p.slug);
  if (!old.ok()) return old.status();
  if (*old) {
    const Person& o = **old;
    if (o.name == p.name && o.born == p.born && o.birthplace == p.birthplace && o.bio == p.bio) {
      return Upserted{o.id, Change::kUnchanged};
    }
  }
  auto id = UpsertPerson(p);
  if (!id.ok()) return id.status();
  return Made(id, *old ? Change::kUpdated : Change::kInserted);
}

Result<StoreWriter::Upserted> SqlWriter::UpsertCreditChecked(const Credit& c) {
  auto q = db_.Prepare("SELECT id, ord FROM credits WHERE title_id = ? AND person_id = ? AND kind = ? AND role = ?");
  if (q.ok()) q->Bind(1, c.title_id).Bind(2, c.person_id).Bind(3, CreditKindName(c.kind)).Bind(4, c.role);
  auto old = MaybeOne<std::pair<Id, int64_t>>(q, [](auto& s) { return std::pair<Id, int64_t>(s.Int(0), s.Int(1)); });
  if (!old.ok()) return old.status();
  if (*old && (*old)->second == c.order) return Upserted{(*old)->first, Change::kUnchanged};
  auto id = UpsertCredit(c);
  if (!id.ok()) return id.status();
  return Made(id, *old ? Change::kUpdated : Change::kInserted);
}

Result<StoreWriter::Upserted> SqlWriter::UpsertPublicationChecked(const Publication& p) {
  auto q = db_.Prepare("SELECT id, name, url FROM publications WHERE slug = ?");
  if (q.ok()) q->Bind(1, p.slug);
  auto old = MaybeOne<Publication>(q, [](auto& s) { return Publication{s.Int(0), "", s.Text(1), s.Text(2)}; });
  if (!old.ok()) return old.status();
  if (*old && (*old)->name == p.name && (*old)->url == p.url) return Upserted{(*old)->id, Change::kUnchanged};
  auto id = UpsertPublication(p);
  if (!id.ok()) return id.status();
  return Made(id, *old ? Change::kUpdated : Change::kInserted);
}

Result<StoreWriter::Upserted> SqlWriter::UpsertCriticChecked(const Critic& c) {
  auto q = db_.Prepare("SELECT id, name, publication_id, top_critic FROM critics WHERE slug = ?");
  if (q.ok()) q->Bind(1, c.slug);
  auto old = MaybeOne<Critic>(q, [](auto& s) { return Critic{s.Int(0), "", s.Text(1), s.Int(2), s.Int(3) != 0}; });
  if (!old.ok()) return old.status();
  if (*old && (*old)->name == c.name && (*old)->publication_id == c.publication_id &&
      (*old)->top_critic == c.top_critic) {
    return Upserted{(*old)->id, Change::kUnchanged};
  }
  auto id = UpsertCritic(c);
  if (!id.ok()) return id.status();
  return Made(id, *old ? Change::kUpdated : Change::kInserted);
}

Result<StoreWriter::Upserted> SqlWriter::UpsertCriticReviewChecked(const CriticReview& r, std::string_view key) {
  auto q = db_.Prepare(
      "SELECT " REEL_CRITIC_REVIEW_COLS " FROM critic_reviews WHERE title_id = ? AND review_key = ?");
  if (q.ok()) q->Bind(1, r.title_id).Bind(2, key);
  auto old = MaybeOne<CriticReview>(q, [](auto& s) { return ReadCriticReview(s, 0); });
  if (!old.ok()) return old.status();
  if (*old) {
    const CriticReview& o = **old;
    if (o.critic_id == r.critic_id && o.publication_id == r.publication_id && o.quote == r.quote && o.url == r.url &&
        o.grade_raw == r.grade_raw && o.grade_score == r.grade_score && o.sentiment == r.sentiment &&
        o.sentiment_source == r.sentiment_source && o.date == r.date) {
      return Upserted{o.id, Change::kUnchanged};
    }
  }
  auto id = UpsertCriticReview(r, key);
  if (!id.ok()) return id.status();
  return Made(id, *old ? Change::kUpdated : Change::kInserted);
}

Result<StoreWriter::Upserted> SqlWriter::UpsertReleaseDateChecked(const ReleaseDate& d) {
  auto q = db_.Prepare("SELECT id, label, source FROM release_dates WHERE title_id = ? AND date = ? AND precision = ?");
  if (q.ok()) q->Bind(1, d.title_id).Bind(2, d.date.start.ToIso()).Bind(3, DatePrecisionName(d.date.precision));
  auto old = MaybeOne<ReleaseDate>(q, [](auto& s) {
    ReleaseDate o;
    o.id = s.Int(0);
    o.label = s.Text(1);
    o.source = s.Text(2);
    return o;
  });
  if (!old.ok()) return old.status();
  if (*old && (*old)->label == d.label && (*old)->source == d.source) return Upserted{(*old)->id, Change::kUnchanged};
  auto id = UpsertReleaseDate(d);
  if (!id.ok()) return id.status();
  return Made(id, *old ? Change::kUpdated : Change::kInserted);
}

Result<StoreWriter::Upserted> SqlWriter::EnsureUser(const User& u) {
  auto q = db_.Prepare("SELECT id FROM users WHERE username = ?");
  if (q.ok()) q->Bind(1, u.username);
  auto old = MaybeOne<Id>(q, [](auto& s) { return s.Int(0); });
  if (!old.ok()) return old.status();
  if (*old) return Upserted{**old, Change::kUnchanged};
  auto id = UpsertUser(u);
  if (!id.ok()) return id.status();
  return Made(id, Change::kInserted);
}

Result<StoreWriter::Upserted> SqlWriter::UpsertTag(Id title_id, Id user_id, std::string_view tag,
                                                  std::string_view created_at) {
  if (Trim(tag).empty()) return InvalidArgument("tag is empty");
  if (created_at.empty()) return InvalidArgument("tag needs a time");
  auto q = db_.Prepare(
      "SELECT id, created_at FROM tags WHERE title_id = ? AND user_id IS NOT DISTINCT FROM ? AND tag = ?");
  if (q.ok()) q->Bind(1, title_id).BindIdOrNull(2, user_id).Bind(3, tag);
  auto old = MaybeOne<std::pair<Id, std::string>>(
      q, [](auto& s) { return std::pair<Id, std::string>(s.Int(0), s.Text(1)); });
  if (!old.ok()) return old.status();
  if (*old && (*old)->second == created_at) return Upserted{(*old)->first, Change::kUnchanged};
  if (*old) {
    auto u = db_.Prepare("UPDATE tags SET created_at = ? WHERE id = ?");
    if (!u.ok()) return u.status();
    REEL_RETURN_IF_ERROR(u->Bind(1, created_at).Bind(2, (*old)->first).Run());
    return Upserted{(*old)->first, Change::kUpdated};
  }
  auto ins = db_.Prepare("INSERT INTO tags(title_id, user_id, tag, created_at) VALUES (?, ?, ?, ?) RETURNING id");
  if (ins.ok()) ins->Bind(1, title_id).BindIdOrNull(2, user_id).Bind(3, tag).Bind(4, created_at);
  auto id = ReturningId(ins);
  if (!id.ok()) return id.status();
  return Made(id, Change::kInserted);
}

Result<StoreWriter::Change> SqlWriter::SetExternalRating(Id title_id, std::string_view source, double average,
                                                         int64_t votes) {
  auto q = db_.Prepare("SELECT average, votes FROM title_external_ratings WHERE title_id = ? AND source = ?");
  if (q.ok()) q->Bind(1, title_id).Bind(2, source);
  auto old = MaybeOne<std::pair<double, int64_t>>(
      q, [](auto& s) { return std::pair<double, int64_t>(s.Double(0), s.Int(1)); });
  if (!old.ok()) return old.status();
  if (*old && (*old)->first == average && (*old)->second == votes) return Change::kUnchanged;
  auto w = db_.Prepare(
      "INSERT INTO title_external_ratings(title_id, source, average, votes) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (title_id, source) DO UPDATE SET average = excluded.average, votes = excluded.votes");
  if (!w.ok()) return w.status();
  REEL_RETURN_IF_ERROR(w->Bind(1, title_id).Bind(2, source).Bind(3, average).Bind(4, votes).Run());
  return *old ? Change::kUpdated : Change::kInserted;
}

namespace {

// Aggregates scaled by a whole number (negative: taken away), through Plus and
// Minus only, so every additive field is covered.
ScoreCounts Times(const ScoreCounts& c, int64_t k) {
  ScoreCounts out, base = c;
  for (int64_t n = k < 0 ? -k : k; n; n >>= 1) {
    if (n & 1) out = Plus(out, base);
    base = Plus(base, base);
  }
  return k < 0 ? Minus(ScoreCounts{}, out) : out;
}

// How many ratings of each kind (stars, verified, status) are added to (or taken
// from) each title, turned into aggregates once per kind instead of once per rating.
class RatingTally {
 public:
  static constexpr int kKinds = 10 * 2 * 3;
  using Counts = std::unordered_map<Id, std::array<int64_t, kKinds>>;
  explicit RatingTally(Counts& counts) : counts_(counts) {}

  void Add(Id title, const RatingFacts& f, int64_t n) { counts_[title][Kind(f)] += n; }
  // Calls `apply` with each title's change, in title order, and forgets them.
  Status ApplyEach(const std::function<Status(Id, const ScoreCounts&)>& apply) {
    std::vector<Id> titles;
    titles.reserve(counts_.size());
    for (const auto& [title, unused] : counts_) titles.push_back(title);
    std::sort(titles.begin(), titles.end());
    for (Id title : titles) {
      const auto& counts = counts_.at(title);
      ScoreCounts delta;
      for (int k = 0; k < kKinds; ++k) {
        if (counts[k]) delta = Plus(delta, Times(Contribution(Facts(k)), counts[k]));
      }
      REEL_RETURN_IF_ERROR(apply(title, delta));
    }
    counts_.clear();
    return Status::Ok();
  }

 private:
  static int Kind(const RatingFacts& f) {
    const int halves = static_cast<int>(f.stars * 2 + 0.5);
    const int status = f.status == RatingStatus::kCounted ? 0 : f.status == RatingStatus::kPreRelease ? 1 : 2;
    return ((halves - 1) * 2 + (f.verified ? 1 : 0)) * 3 + status;
  }
  static RatingFacts Facts(int k) {
    const RatingStatus status[] = {RatingStatus::kCounted, RatingStatus::kPreRelease, RatingStatus::kHeld};
    return {(k / 6 + 1) / 2.0, (k / 3) % 2 == 1, status[k % 3]};
  }
  Counts& counts_;
};

// "INSERT INTO ratings (...) VALUES (...), (...) ON CONFLICT DO NOTHING" for n rows.
const std::string& MultiRatingInsert(size_t n) {
  static const std::vector<std::string> sql = [] {
    std::vector<std::string> out(kRatingChunk + 1);
    for (size_t rows = 1; rows <= kRatingChunk; ++rows) {
      out[rows] = "INSERT INTO ratings(user_id, title_id, stars, review, verified, status, created_at, updated_at) VALUES ";
      for (size_t i = 0; i < rows; ++i) out[rows] += i ? ", (?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?)";
      out[rows] += " ON CONFLICT (user_id, title_id) DO NOTHING";
    }
    return out;
  }();
  return sql[n];
}

Result<int64_t> SingleInt(SqlDb& db, const char* sql) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.status();
  if (!q->Step()) return q->status().ok() ? Internal(std::string(sql) + " gave no row") : q->status();
  const int64_t v = q->Int(0);
  REEL_RETURN_IF_ERROR(q->Run());
  return v;
}

}  // namespace

Status SqlWriter::UpsertRatingsChecked(const std::vector<Rating>& ratings, std::vector<Change>* changes) {
  for (const Rating& r : ratings) {
    if (r.stars < 0.5 || r.stars > 5 || r.stars * 2 != static_cast<int>(r.stars * 2)) {
      return InvalidArgument("stars must be 0.5 to 5 in halves, not " + std::to_string(r.stars));
    }
  }
  // Every title of the batch is locked first (in id order, so two batches cannot
  // deadlock), as UpsertRating locks its one title. (A no-op on SQLite.)
  {
    std::vector<Id> titles;
    titles.reserve(ratings.size());
    for (const Rating& r : ratings) titles.push_back(r.title_id);
    REEL_RETURN_IF_ERROR(db_.LockAll(LockSpace::kTitleWrites, std::move(titles)));
  }
  if (db_.dialect() == SqlDialect::kSqlite) {
    // Millions of ratings touch pages all over the ratings indexes: a page cache of
    // kBulkCacheKiB for this connection (instead of SQLite's 2 MiB) keeps them in memory.
    auto cache = SingleInt(db_, "PRAGMA cache_size");
    if (!cache.ok()) return cache.status();
    if (*cache > -kBulkCacheKiB && *cache < 65536) {
      REEL_RETURN_IF_ERROR(db_.Exec("PRAGMA cache_size = -" + std::to_string(kBulkCacheKiB)));
    }
  }
  // In a bulk load the tally waits for EndBulkRatings; otherwise it is applied below.
  RatingTally::Counts mine;
  RatingTally tally(bulk_ ? bulk_tally_ : mine);
  const size_t first_change = changes->size();
  changes->resize(first_change + ratings.size(), Change::kUnchanged);
  auto facts = [](const Rating& r) { return RatingFacts{r.stars, r.verified, r.status}; };
  auto bind = [&](SqlStmt& q, int at, const Rating& r) {
    const std::string& when = r.created_at.empty() ? now_ : r.created_at;
    q.Bind(at, r.user_id).Bind(at + 1, r.title_id).Bind(at + 2, r.stars).Bind(at + 3, r.review)
        .Bind(at + 4, r.verified ? 1 : 0).Bind(at + 5, RatingStatusName(r.status)).Bind(at + 6, when)
        .Bind(at + 7, when);
  };
  // A rating that was stored before this batch: compared, and rewritten if it differs.
  auto settle = [&](size_t i, std::optional<Id> newer_than) -> Status {
    const Rating& r = ratings[i];
    auto old = db_.Prepare(
        "SELECT id, stars, verified, status, review, created_at FROM ratings WHERE user_id = ? AND title_id = ?");
    if (!old.ok()) return old.status();
    old->Bind(1, r.user_id).Bind(2, r.title_id);
    if (!old->Step()) return old->status().ok() ? Internal("a rating clashed but is not there") : old->status();
    if (newer_than && old->Int(0) > *newer_than) {  // Inserted by this batch's statement.
      REEL_RETURN_IF_ERROR(old->Run());
      tally.Add(r.title_id, facts(r), 1);
      (*changes)[first_change + i] = Change::kInserted;
      return Status::Ok();
    }
    const RatingFacts before = ReadRatingFacts(*old, 1);
    const bool same = before.stars == r.stars && before.verified == r.verified && before.status == r.status &&
                      old->Text(4) == r.review && (r.created_at.empty() || old->Text(5) == r.created_at);
    REEL_RETURN_IF_ERROR(old->Run());
    if (same) return Status::Ok();
    auto id = WriteRating(r);
    if (!id.ok()) return id.status();
    tally.Add(r.title_id, before, -1);
    tally.Add(r.title_id, facts(r), 1);
    (*changes)[first_change + i] = Change::kUpdated;
    return Status::Ok();
  };

  if (db_.dialect() == SqlDialect::kSqlite) {
    // Up to kRatingChunk rows per INSERT, without repeating a (user, title) within
    // one. When fewer rows went in than were given, each row of the chunk is looked
    // at: rowids above the table's largest before the insert are this insert's.
    std::vector<std::pair<Id, Id>> keys;
    for (size_t i = 0; i < ratings.size();) {
      size_t j = i;
      keys.clear();
      while (j < ratings.size() && j - i < kRatingChunk) {
        const std::pair<Id, Id> key(ratings[j].user_id, ratings[j].title_id);
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) break;
        keys.push_back(key);
        ++j;
      }
      auto before = SingleInt(db_, "SELECT COALESCE(MAX(id), 0) FROM ratings");
      if (!before.ok()) return before.status();
      auto ins = db_.Prepare(MultiRatingInsert(j - i));
      if (!ins.ok()) return ins.status();
      for (size_t k = i; k < j; ++k) bind(*ins, static_cast<int>((k - i) * 8 + 1), ratings[k]);
      REEL_RETURN_IF_ERROR(ins->Run());
      auto inserted = SingleInt(db_, "SELECT changes()");
      if (!inserted.ok()) return inserted.status();
      if (*inserted == static_cast<int64_t>(j - i)) {
        for (size_t k = i; k < j; ++k) {
          tally.Add(ratings[k].title_id, facts(ratings[k]), 1);
          (*changes)[first_change + k] = Change::kInserted;
        }
      } else {
        for (size_t k = i; k < j; ++k) REEL_RETURN_IF_ERROR(settle(k, *before));
      }
      i = j;
    }
  } else {
    // PostgreSQL: runs of ratings without a repeated (user, title) are copied into a
    // staging table, then written by two set-based statements (see StageRatings).
    std::unordered_set<std::pair<Id, Id>, PairHash> keys;
    for (size_t i = 0; i < ratings.size();) {
      size_t j = i;
      keys.clear();
      while (j < ratings.size() && keys.emplace(ratings[j].user_id, ratings[j].title_id).second) ++j;
      REEL_RETURN_IF_ERROR(StageRatings(ratings, i, j, tally, *changes, first_change));
      i = j;
    }
  }
  if (bulk_) return Status::Ok();
  return ApplyTally(tally);
}

// PostgreSQL's bulk path: ratings[begin, end) (no (user, title) twice) go into a
// temporary table with one COPY; one UPDATE rewrites the stored ratings that differ,
// returning what they were, and one INSERT adds the new ones. The same decisions as
// the row-by-row path, per rating: inserted, updated (different stars, verified,
// status or review, or a given creation time that differs) or unchanged.
Status SqlWriter::StageRatings(const std::vector<Rating>& ratings, size_t begin, size_t end, RatingTally& tally,
                               std::vector<Change>& changes, size_t first_change) {
  REEL_RETURN_IF_ERROR(db_.Exec(
      "CREATE TEMPORARY TABLE IF NOT EXISTS reel_ratings_in (ord BIGINT NOT NULL, user_id BIGINT NOT NULL, "
      "title_id BIGINT NOT NULL, stars DOUBLE PRECISION NOT NULL, review TEXT NOT NULL, verified BIGINT NOT NULL, "
      "status TEXT NOT NULL, created_at TEXT) ON COMMIT DELETE ROWS; TRUNCATE reel_ratings_in"));
  static const std::vector<std::string> kColumns = {"ord", "user_id", "title_id", "stars",
                                                     "review", "verified", "status", "created_at"};
  std::vector<SqlDb::CopyRow> rows;
  rows.reserve(end - begin);
  char stars[32];
  for (size_t i = begin; i < end; ++i) {
    const Rating& r = ratings[i];
    std::snprintf(stars, sizeof stars, "%.17g", r.stars);
    rows.push_back({std::to_string(i), std::to_string(r.user_id), std::to_string(r.title_id), std::string(stars),
                    r.review, std::string(r.verified ? "1" : "0"), std::string(RatingStatusName(r.status)),
                    r.created_at.empty() ? std::nullopt : std::optional<std::string>(r.created_at)});
  }
  REEL_RETURN_IF_ERROR(db_.CopyIn("reel_ratings_in", kColumns, rows));
  rows = {};
  auto facts = [](const Rating& r) { return RatingFacts{r.stars, r.verified, r.status}; };
  // An edit keeps the creation time unless one is given, as WriteRating does. The
  // subquery reads the rows as they were before this statement.
  auto updated = db_.Prepare(
      "UPDATE ratings AS r SET stars = x.stars, review = x.review, verified = x.verified, status = x.status, "
      "created_at = COALESCE(x.created_at, r.created_at), updated_at = COALESCE(x.created_at, ?) "
      "FROM (SELECT s.ord, s.stars, s.review, s.verified, s.status, s.created_at, o.id, "
      "o.stars AS old_stars, o.verified AS old_verified, o.status AS old_status "
      "FROM reel_ratings_in s JOIN ratings o ON o.user_id = s.user_id AND o.title_id = s.title_id "
      "WHERE NOT (o.stars = s.stars AND o.verified = s.verified AND o.status = s.status AND o.review = s.review "
      "AND (s.created_at IS NULL OR o.created_at = s.created_at))) AS x "
      "WHERE r.id = x.id RETURNING x.ord, x.old_stars, x.old_verified, x.old_status");
  if (!updated.ok()) return updated.status();
  updated->Bind(1, now_);
  while (updated->Step()) {
    const auto i = static_cast<size_t>(updated->Int(0));
    tally.Add(ratings[i].title_id, ReadRatingFacts(*updated, 1), -1);
    tally.Add(ratings[i].title_id, facts(ratings[i]), 1);
    changes[first_change + i] = Change::kUpdated;
  }
  REEL_RETURN_IF_ERROR(updated->status());
  auto inserted = db_.Prepare(
      "INSERT INTO ratings(user_id, title_id, stars, review, verified, status, created_at, updated_at) "
      "SELECT s.user_id, s.title_id, s.stars, s.review, s.verified, s.status, COALESCE(s.created_at, ?1), "
      "COALESCE(s.created_at, ?1) FROM reel_ratings_in s WHERE NOT EXISTS "
      "(SELECT 1 FROM ratings o WHERE o.user_id = s.user_id AND o.title_id = s.title_id) ORDER BY s.ord "
      "RETURNING user_id, title_id");
  if (!inserted.ok()) return inserted.status();
  inserted->Bind(1, now_);
  std::unordered_map<std::pair<Id, Id>, size_t, PairHash> index;
  index.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) index.emplace(std::make_pair(ratings[i].user_id, ratings[i].title_id), i);
  while (inserted->Step()) {
    const size_t i = index.at({inserted->Int(0), inserted->Int(1)});
    tally.Add(ratings[i].title_id, facts(ratings[i]), 1);
    changes[first_change + i] = Change::kInserted;
  }
  return inserted->status();
}

Status SqlWriter::ApplyTally(RatingTally& tally) {
  std::vector<std::pair<Id, ScoreCounts>> deltas;
  REEL_RETURN_IF_ERROR(tally.ApplyEach([&](Id title, const ScoreCounts& delta) {
    deltas.emplace_back(title, delta);
    return Status::Ok();
  }));
  return ApplyDeltas(std::move(deltas));
}

Status SqlWriter::BeginBulkRatings(int64_t expected) {
  if (bulk_) return Status::Ok();
  bulk_ = true;
  if (db_.dialect() != SqlDialect::kSqlite) return Status::Ok();
  // Rebuilding costs a sort of every rating; worth it from a quarter of those stored.
  auto stored = SingleInt(db_, "SELECT COALESCE(MAX(id), 0) FROM ratings");
  if (!stored.ok()) return stored.status();
  if (expected < 100000 || expected < *stored / 4) return Status::Ok();
  auto q = db_.Prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ratings' AND sql IS NOT NULL "
      "ORDER BY name");
  if (!q.ok()) return q.status();
  std::vector<std::pair<std::string, std::string>> indexes;
  while (q->Step()) indexes.emplace_back(q->Text(0), q->Text(1));
  REEL_RETURN_IF_ERROR(q->status());
  for (const auto& [name, sql] : indexes) {
    if (sql.starts_with("CREATE UNIQUE")) continue;  // Constraints stay.
    REEL_RETURN_IF_ERROR(db_.Exec("DROP INDEX \"" + name + "\""));
    bulk_indexes_.push_back(sql);
  }
  return Status::Ok();
}

Status SqlWriter::EndBulkRatings() {
  if (!bulk_) return Status::Ok();
  bulk_ = false;
  RatingTally tally(bulk_tally_);
  REEL_RETURN_IF_ERROR(ApplyTally(tally));
  if (bulk_indexes_.empty()) return Status::Ok();
  // The index builds sort every rating: in temporary files rather than in memory
  // (the connection's temp_store), so memory stays at the page cache's size.
  REEL_RETURN_IF_ERROR(db_.Exec("PRAGMA temp_store = FILE"));
  REEL_RETURN_IF_ERROR(db_.Exec("PRAGMA cache_size = -" + std::to_string(kIndexBuildCacheKiB)));
  Status st;
  for (const auto& sql : bulk_indexes_) {
    if (st.ok()) st = db_.Exec(sql);
  }
  bulk_indexes_.clear();
  Status restored = db_.Exec("PRAGMA temp_store = MEMORY");
  if (restored.ok()) restored = db_.Exec("PRAGMA cache_size = -" + std::to_string(kBulkCacheKiB));
  return st.ok() ? restored : st;
}

Result<Title> SqlStore::FindTitleByExternalId(std::string_view source, std::string_view value) {
  return WithRetry([&](Result<Lease>& db) -> Result<Title> {
    auto q = (*db)->Prepare("SELECT " REEL_TITLE_COLS("t")
                            " FROM external_ids e JOIN titles t ON t.id = e.title_id WHERE e.source = ? AND e.value = ?");
    if (q.ok()) q->Bind(1, source).Bind(2, value);
    return One<Title>(q, [](auto& s) { return ReadTitle(s, 0); },
                      "no title with " + std::string(source) + " id '" + std::string(value) + "'");
  });
}

Result<std::map<std::string, std::string>> SqlStore::ListTitleExternalIds(Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::map<std::string, std::string>> {
    auto q = (*db)->Prepare("SELECT source, value FROM external_ids WHERE title_id = ? ORDER BY source, value");
    if (!q.ok()) return q.status();
    q->Bind(1, title_id);
    std::map<std::string, std::string> out;
    while (q->Step()) out.emplace(q->Text(0), q->Text(1));
    REEL_RETURN_IF_ERROR(q->status());
    return out;
  });
}

Result<std::map<std::string, std::string>> SqlStore::ListPersonExternalIds(Id person_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::map<std::string, std::string>> {
    auto q = (*db)->Prepare("SELECT source, value FROM person_external_ids WHERE person_id = ? ORDER BY source, value");
    if (!q.ok()) return q.status();
    q->Bind(1, person_id);
    std::map<std::string, std::string> out;
    while (q->Step()) out.emplace(q->Text(0), q->Text(1));
    REEL_RETURN_IF_ERROR(q->status());
    return out;
  });
}

Result<std::vector<std::pair<std::string, int64_t>>> SqlStore::ListTags(Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<std::pair<std::string, int64_t>>> {
    auto q = (*db)->Prepare(
        "SELECT tag, COUNT(*) AS n FROM tags WHERE title_id = ? GROUP BY tag ORDER BY n DESC, tag");
    if (q.ok()) q->Bind(1, title_id);
    return Collect<std::pair<std::string, int64_t>>(
        q, [](auto& s) { return std::pair<std::string, int64_t>(s.Text(0), s.Int(1)); });
  });
}

Result<std::pair<double, int64_t>> SqlStore::GetExternalRating(Id title_id, std::string_view source) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::pair<double, int64_t>> {
    auto q = (*db)->Prepare("SELECT average, votes FROM title_external_ratings WHERE title_id = ? AND source = ?");
    if (q.ok()) q->Bind(1, title_id).Bind(2, source);
    return One<std::pair<double, int64_t>>(
        q, [](auto& s) { return std::pair<double, int64_t>(s.Double(0), s.Int(1)); },
        "no " + std::string(source) + " rating of title " + std::to_string(title_id));
  });
}

}  // namespace reel
