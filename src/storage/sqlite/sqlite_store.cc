#include "storage/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include "core/text.h"
#include "storage/migrations.h"
#include "storage/sqlite/sqlite_db.h"

namespace reel {

// ---- Pool -------------------------------------------------------------------------

class SqliteStore::Lease {
 public:
  Lease(SqliteStore* store, std::unique_ptr<SqliteDb> db) : store_(store), db_(std::move(db)) {}
  Lease(Lease&&) = default;
  ~Lease() {
    if (db_) store_->Release(std::move(db_));
  }
  SqliteDb& operator*() { return *db_; }
  SqliteDb* operator->() { return db_.get(); }

 private:
  SqliteStore* store_;
  std::unique_ptr<SqliteDb> db_;
};

Result<SqliteStore::Lease> SqliteStore::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
  }
  auto db = SqliteDb::Open(path_);
  if (!db.ok()) return db.status();
  return Lease(this, std::move(*db));
}

void SqliteStore::Release(std::unique_ptr<SqliteDb> db) {
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(db));
}

SqliteStore::SqliteStore(std::string path) : path_(std::move(path)) {}
SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path));
  auto lease = store->Acquire();
  if (!lease.ok()) return lease.status();
  REEL_RETURN_IF_ERROR(store->Migrate(**lease));
  return store;
}

Status SqliteStore::Migrate(SqliteDb& db) {
  auto migrations = LoadMigrations();
  if (!migrations.ok()) return migrations.status();
  REEL_RETURN_IF_ERROR(db.Exec(
      "CREATE TABLE IF NOT EXISTS schema_version ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
  for (const Migration& m : *migrations) {
    // Each migration in its own immediate transaction; re-check inside it so two
    // processes starting together apply each migration once.
    REEL_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
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
      st = db.Exec(m.sql);
      if (st.ok()) {
        auto ins = db.Prepare("INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)");
        st = ins.ok() ? ins->Bind(1, m.version).Bind(2, m.name).Bind(3, UtcTimestamp()).Run()
                      : ins.status();
      }
    }
    if (!st.ok()) {
      (void)db.Exec("ROLLBACK");
      return Status(st.code(), "migration " + m.name + ": " + st.message());
    }
    REEL_RETURN_IF_ERROR(db.Exec("COMMIT"));
  }
  return Status::Ok();
}

Result<int> SqliteStore::SchemaVersion() {
  auto db = Acquire();
  if (!db.ok()) return db.status();
  auto q = (*db)->Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!q.ok()) return q.status();
  if (!q->Step()) return q->status().ok() ? Internal("no schema_version row") : q->status();
  return static_cast<int>(q->Int(0));
}

// ---- Row readers ------------------------------------------------------------------

namespace {

#define REEL_TITLE_COLS(t)                                                                    \
  t ".id, " t ".kind, " t ".parent_id, " t ".number, " t ".slug, " t ".name, " t ".synopsis, " \
  t ".consensus, " t ".release_date, " t ".release_precision, " t ".end_year, "              \
  t ".runtime_minutes, " t ".country, " t ".language, " t ".network"
constexpr int kTitleColCount = 15;

Title ReadTitle(const SqliteStmt& s, int c) {
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
  return t;
}

#define REEL_PERSON_COLS(p) p ".id, " p ".slug, " p ".name, " p ".born, " p ".birthplace, " p ".bio"

Person ReadPerson(const SqliteStmt& s, int c) {
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

Credit ReadCredit(const SqliteStmt& s, int c) {
  Credit r;
  r.id = s.Int(c);
  r.title_id = s.Int(c + 1);
  r.person_id = s.Int(c + 2);
  r.kind = s.Text(c + 3) == "crew" ? CreditKind::kCrew : CreditKind::kCast;
  r.role = s.Text(c + 4);
  r.order = static_cast<int>(s.Int(c + 5));
  return r;
}

Sentiment ParseSentiment(const std::string& s) {
  if (s == "fresh") return Sentiment::kFresh;
  if (s == "rotten") return Sentiment::kRotten;
  return Sentiment::kNone;
}

SentimentSource ParseSentimentSource(const std::string& s) {
  for (auto v : {SentimentSource::kCritic, SentimentSource::kGrade, SentimentSource::kText,
                 SentimentSource::kEditor}) {
    if (s == SentimentSourceName(v)) return v;
  }
  return SentimentSource::kNone;
}

RatingStatus ParseRatingStatus(const std::string& s) {
  if (s == "pre_release") return RatingStatus::kPreRelease;
  if (s == "held") return RatingStatus::kHeld;
  return RatingStatus::kCounted;
}

// "?, ?, ?" for n parameters.
std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

// Runs a query whose rows become T through `read`, collecting them.
template <typename T, typename Read>
Result<std::vector<T>> Collect(Result<SqliteStmt>& q, Read read) {
  if (!q.ok()) return q.status();
  std::vector<T> out;
  while (q->Step()) out.push_back(read(*q));
  if (!q->status().ok()) return q->status();
  return out;
}

// Runs a query expected to give at most one row.
template <typename T, typename Read>
Result<T> One(Result<SqliteStmt>& q, Read read, const std::string& not_found) {
  if (!q.ok()) return q.status();
  if (q->Step()) return read(*q);
  if (!q->status().ok()) return q->status();
  return NotFound(not_found);
}

// Runs an upsert with RETURNING id.
Result<Id> ReturningId(Result<SqliteStmt>& q) {
  if (!q.ok()) return q.status();
  if (!q->Step()) return q->status().ok() ? Internal("upsert returned no id") : q->status();
  const Id id = q->Int(0);
  while (q->Step()) {
  }
  if (!q->status().ok()) return q->status();
  return id;
}

// ---- Writer -----------------------------------------------------------------------

class SqliteWriter final : public StoreWriter {
 public:
  explicit SqliteWriter(SqliteDb& db) : db_(db), now_(UtcTimestamp()) {}

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
        "release_precision, end_year, runtime_minutes, country, language, network, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) ";
    static constexpr const char* kSet =
        "DO UPDATE SET name = excluded.name, synopsis = excluded.synopsis, "
        "consensus = excluded.consensus, release_date = excluded.release_date, "
        "release_precision = excluded.release_precision, end_year = excluded.end_year, "
        "runtime_minutes = excluded.runtime_minutes, country = excluded.country, "
        "language = excluded.language, network = excluded.network RETURNING id";
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
          .Bind(14, t.network).Bind(15, now_);
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
    const std::string when = r.created_at.empty() ? now_ : r.created_at;
    auto q = db_.Prepare(
        "INSERT INTO ratings(user_id, title_id, stars, review, verified, status, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (user_id, title_id) DO UPDATE SET stars = excluded.stars, "
        "review = excluded.review, verified = excluded.verified, status = excluded.status, "
        "created_at = excluded.created_at, updated_at = excluded.updated_at RETURNING id");
    if (q.ok()) {
      q->Bind(1, r.user_id).Bind(2, r.title_id).Bind(3, r.stars).Bind(4, r.review)
          .Bind(5, r.verified ? 1 : 0).Bind(6, RatingStatusName(r.status)).Bind(7, when).Bind(8, when);
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

 private:
  SqliteDb& db_;
  const std::string now_;
};

}  // namespace

Status SqliteStore::Write(const std::function<Status(StoreWriter&)>& body) {
  auto db = Acquire();
  if (!db.ok()) return db.status();
  REEL_RETURN_IF_ERROR((*db)->Exec("BEGIN IMMEDIATE"));
  SqliteWriter writer(**db);
  Status st = body(writer);
  if (st.ok()) st = (*db)->Exec("COMMIT");
  if (!st.ok()) (void)(*db)->Exec("ROLLBACK");
  return st;
}

// ---- Reads --------------------------------------------------------------------------

#define REEL_WITH_DB(db)           \
  auto db = Acquire();             \
  if (!db.ok()) return db.status();

Result<Title> SqliteStore::GetTitle(Id id) {
  REEL_WITH_DB(db);
  auto q = (*db)->Prepare("SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE t.id = ?");
  if (q.ok()) q->Bind(1, id);
  return One<Title>(q, [](auto& s) { return ReadTitle(s, 0); }, "no title with id " + std::to_string(id));
}

Result<std::vector<Title>> SqliteStore::GetTitles(const std::vector<Id>& ids) {
  if (ids.empty()) return std::vector<Title>{};
  REEL_WITH_DB(db);
  auto q = (*db)->Prepare("SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE t.id IN (" +
                          Placeholders(ids.size()) + ") ORDER BY t.id");
  if (q.ok()) {
    for (size_t i = 0; i < ids.size(); ++i) q->Bind(static_cast<int>(i + 1), ids[i]);
  }
  return Collect<Title>(q, [](auto& s) { return ReadTitle(s, 0); });
}

Result<Title> SqliteStore::FindTitleBySlug(TitleKind kind, std::string_view slug) {
  REEL_WITH_DB(db);
  auto q = (*db)->Prepare("SELECT " REEL_TITLE_COLS("t")
                          " FROM titles t WHERE t.kind = ? AND t.slug = ? AND t.parent_id IS NULL");
  if (q.ok()) q->Bind(1, TitleKindName(kind)).Bind(2, slug);
  return One<Title>(q, [](auto& s) { return ReadTitle(s, 0); },
                    std::string("no ") + TitleKindName(kind) + " '" + std::string(slug) + "'");
}

Result<Title> SqliteStore::FindChild(Id parent_id, int number) {
  REEL_WITH_DB(db);
  auto q = (*db)->Prepare("SELECT " REEL_TITLE_COLS("t")
                          " FROM titles t WHERE t.parent_id = ? AND t.number = ?");
  if (q.ok()) q->Bind(1, parent_id).Bind(2, number);
  return One<Title>(q, [](auto& s) { return ReadTitle(s, 0); }, "no number " + std::to_string(number));
}

Result<std::vector<Title>> SqliteStore::ListChildren(Id parent_id) {
  REEL_WITH_DB(db);
  auto q = (*db)->Prepare("SELECT " REEL_TITLE_COLS("t")
                          " FROM titles t WHERE t.parent_id = ? ORDER BY t.number");
  if (q.ok()) q->Bind(1, parent_id);
  return Collect<Title>(q, [](auto& s) { return ReadTitle(s, 0); });
}

Result<std::vector<Title>> SqliteStore::ListTitles(const TitleQuery& query) {
  REEL_WITH_DB(db);
  std::string sql = "SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE 1 = 1";
  if (!query.kinds.empty()) sql += " AND t.kind IN (" + Placeholders(query.kinds.size()) + ")";
  if (query.released_on_or_before) sql += " AND t.release_date IS NOT NULL AND t.release_date <= ?";
  sql += query.order == TitleOrder::kName
             ? " ORDER BY t.name COLLATE NOCASE, t.id"
             : " ORDER BY t.release_date IS NULL, t.release_date DESC, t.name COLLATE NOCASE, t.id";
  sql += " LIMIT ? OFFSET ?";
  auto q = (*db)->Prepare(sql);
  if (q.ok()) {
    int i = 1;
    for (auto k : query.kinds) q->Bind(i++, TitleKindName(k));
    if (query.released_on_or_before) q->Bind(i++, query.released_on_or_before->ToIso());
    q->Bind(i, query.limit).Bind(i + 1, query.offset);
  }
  return Collect<Title>(q, [](auto& s) { return ReadTitle(s, 0); });
}

Result<std::vector<Genre>> SqliteStore::ListGenres(Id title_id) {
  REEL_WITH_DB(db);
  auto q = (*db)->Prepare(
      "SELECT g.id, g.slug, g.name FROM title_genres tg JOIN genres g ON g.id = tg.genre_id "
      "WHERE tg.title_id = ? ORDER BY tg.position, g.name");
  if (q.ok()) q->Bind(1, title_id);
  return Collect<Genre>(q, [](auto& s) { return Genre{s.Int(0), s.Text(1), s.Text(2)}; });
}

Result<std::vector<Title>> SqliteStore::ListSimilarByGenre(Id title_id, int limit) {
  REEL_WITH_DB(db);
  auto q = (*db)->Prepare(
      "SELECT " REEL_TITLE_COLS("t") ", COUNT(*) AS shared FROM title_genres mine "
      "JOIN title_genres other ON other.genre_id = mine.genre_id AND other.title_id <> mine.title_id "
      "JOIN titles t ON t.id = other.title_id "
      "WHERE mine.title_id = ? AND t.parent_id IS NULL "
      "GROUP BY t.id ORDER BY shared DESC, t.release_date DESC, t.name LIMIT ?");
  if (q.ok()) q->Bind(1, title_id).Bind(2, limit);
  return Collect<Title>(q, [](auto& s) { return ReadTitle(s, 0); });
}

Result<std::vector<ReleaseDate>> SqliteStore::ListReleaseDates(Id title_id) {
  REEL_WITH_DB(db);
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
}

Result<std::vector<Video>> SqliteStore::ListVideos(Id title_id) {
  REEL_WITH_DB(db);
  auto q = (*db)->Prepare(
      "SELECT id, title_id, name, url, kind, duration_seconds FROM videos WHERE title_id = ? "
      "ORDER BY id");
  if (q.ok()) q->Bind(1, title_id);
  return Collect<Video>(q, [](auto& s) {
    return Video{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), static_cast<int>(s.Int(5))};
  });
}

Result<Person> SqliteStore::FindPersonBySlug(std::string_view slug) {
  REEL_WITH_DB(db);
  auto q = (*db)->Prepare("SELECT " REEL_PERSON_COLS("p") " FROM people p WHERE p.slug = ?");
  if (q.ok()) q->Bind(1, slug);
  return One<Person>(q, [](auto& s) { return ReadPerson(s, 0); },
                     "no person '" + std::string(slug) + "'");
}

Result<std::vector<CreditRow>> SqliteStore::ListCredits(Id title_id) {
  REEL_WITH_DB(db);
  auto q = (*db)->Prepare("SELECT " REEL_CREDIT_COLS("c") ", " REEL_PERSON_COLS("p")
                          " FROM credits c JOIN people p ON p.id = c.person_id WHERE c.title_id = ? "
                          "ORDER BY c.kind = 'crew', c.ord, c.id");
  if (q.ok()) q->Bind(1, title_id);
  return Collect<CreditRow>(q, [](auto& s) { return CreditRow{ReadCredit(s, 0), ReadPerson(s, 6)}; });
}

Result<std::vector<PersonCreditRow>> SqliteStore::ListPersonCredits(Id person_id) {
  REEL_WITH_DB(db);
  auto q = (*db)->Prepare(
      "SELECT " REEL_CREDIT_COLS("c") ", " REEL_TITLE_COLS("t") ", " REEL_TITLE_COLS("p1") ", "
      REEL_TITLE_COLS("p2") " FROM credits c JOIN titles t ON t.id = c.title_id "
      "LEFT JOIN titles p1 ON p1.id = t.parent_id LEFT JOIN titles p2 ON p2.id = p1.parent_id "
      "WHERE c.person_id = ? "
      "ORDER BY COALESCE(t.release_date, p1.release_date) DESC, c.kind, c.ord, c.id");
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
}

Result<std::vector<CriticReviewRow>> SqliteStore::ListCriticReviews(Id title_id, CriticFilter filter) {
  REEL_WITH_DB(db);
  std::string sql =
      "SELECT r.id, r.title_id, r.critic_id, r.publication_id, r.quote, r.url, r.grade_raw, "
      "r.grade_score, r.sentiment, r.sentiment_source, r.review_date, "
      "c.id, c.slug, c.name, c.publication_id, c.top_critic, p.id, p.slug, p.name, p.url "
      "FROM critic_reviews r LEFT JOIN critics c ON c.id = r.critic_id "
      "LEFT JOIN publications p ON p.id = r.publication_id WHERE r.title_id = ?";
  if (filter == CriticFilter::kTopOnly) sql += " AND c.top_critic = 1";
  sql += " ORDER BY r.review_date DESC NULLS LAST, r.id";
  auto q = (*db)->Prepare(sql);
  if (q.ok()) q->Bind(1, title_id);
  return Collect<CriticReviewRow>(q, [](auto& s) {
    CriticReviewRow row;
    CriticReview& r = row.review;
    r.id = s.Int(0);
    r.title_id = s.Int(1);
    r.critic_id = s.Int(2);
    r.publication_id = s.Int(3);
    r.quote = s.Text(4);
    r.url = s.Text(5);
    r.grade_raw = s.Text(6);
    r.grade_score = s.OptDouble(7);
    r.sentiment = ParseSentiment(s.Text(8));
    r.sentiment_source = ParseSentimentSource(s.Text(9));
    if (!s.IsNull(10)) {
      auto d = Date::Parse(s.Text(10));
      if (d.ok()) r.date = *d;
    }
    if (!s.IsNull(11)) row.critic = Critic{s.Int(11), s.Text(12), s.Text(13), s.Int(14), s.Int(15) != 0};
    if (!s.IsNull(16)) row.publication = Publication{s.Int(16), s.Text(17), s.Text(18), s.Text(19)};
    return row;
  });
}

Result<std::vector<AudienceReviewRow>> SqliteStore::ListAudienceReviews(Id title_id, int limit) {
  REEL_WITH_DB(db);
  auto q = (*db)->Prepare(
      "SELECT r.id, r.user_id, r.title_id, r.stars, r.review, r.verified, r.status, r.created_at, "
      "CASE WHEN u.deleted_at IS NULL THEN u.username ELSE '' END, "
      "CASE WHEN u.deleted_at IS NULL THEN u.display_name ELSE '' END "
      "FROM ratings r JOIN users u ON u.id = r.user_id "
      "WHERE r.title_id = ? AND r.status = 'counted' AND r.review <> '' "
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
}

Result<ScoreCounts> SqliteStore::GetScoreCounts(Id title_id) {
  auto all = GetScoreCountsFor({title_id});
  if (!all.ok()) return all.status();
  auto it = all->find(title_id);
  return it == all->end() ? ScoreCounts{} : it->second;
}

Result<std::map<Id, ScoreCounts>> SqliteStore::GetScoreCountsFor(const std::vector<Id>& ids) {
  std::map<Id, ScoreCounts> out;
  if (ids.empty()) return out;
  REEL_WITH_DB(db);
  const std::string in = "(" + Placeholders(ids.size()) + ")";
  // Text-classifier suggestions are never counted; only the critic's own label,
  // one derived from the grade, or an editor's decision.
  auto critics = (*db)->Prepare(
      "SELECT r.title_id, SUM(r.sentiment = 'fresh'), SUM(r.sentiment = 'rotten'), "
      "SUM(r.sentiment = 'fresh' AND c.top_critic = 1), SUM(r.sentiment = 'rotten' AND c.top_critic = 1) "
      "FROM critic_reviews r LEFT JOIN critics c ON c.id = r.critic_id "
      "WHERE r.sentiment IS NOT NULL AND r.sentiment_source <> 'text' AND r.title_id IN " + in +
      " GROUP BY r.title_id");
  if (!critics.ok()) return critics.status();
  for (size_t i = 0; i < ids.size(); ++i) critics->Bind(static_cast<int>(i + 1), ids[i]);
  while (critics->Step()) {
    ScoreCounts& c = out[critics->Int(0)];
    c.fresh = critics->Int(1);
    c.rotten = critics->Int(2);
    c.top_fresh = critics->Int(3);
    c.top_rotten = critics->Int(4);
  }
  if (!critics->status().ok()) return critics->status();
  auto ratings = (*db)->Prepare(
      "SELECT title_id, COUNT(*), SUM(stars >= 3.5), SUM(verified), SUM(verified AND stars >= 3.5) "
      "FROM ratings WHERE status = 'counted' AND title_id IN " + in + " GROUP BY title_id");
  if (!ratings.ok()) return ratings.status();
  for (size_t i = 0; i < ids.size(); ++i) ratings->Bind(static_cast<int>(i + 1), ids[i]);
  while (ratings->Step()) {
    ScoreCounts& c = out[ratings->Int(0)];
    c.ratings = ratings->Int(1);
    c.ratings_positive = ratings->Int(2);
    c.verified_ratings = ratings->Int(3);
    c.verified_positive = ratings->Int(4);
  }
  if (!ratings->status().ok()) return ratings->status();
  return out;
}

Result<std::vector<std::string>> SqliteStore::ListPublicationGrades(std::string_view slug) {
  REEL_WITH_DB(db);
  auto pub = (*db)->Prepare("SELECT id FROM publications WHERE slug = ?");
  if (pub.ok()) pub->Bind(1, slug);
  auto id = One<Id>(pub, [](auto& s) { return s.Int(0); }, "no publication '" + std::string(slug) + "'");
  if (!id.ok()) return id.status();
  auto q = (*db)->Prepare(
      "SELECT grade_raw FROM critic_reviews WHERE publication_id = ? AND grade_raw <> '' ORDER BY id");
  if (q.ok()) q->Bind(1, *id);
  return Collect<std::string>(q, [](auto& s) { return s.Text(0); });
}

Result<std::vector<Id>> SqliteStore::ListTitlesWithReviews(int min_reviews) {
  REEL_WITH_DB(db);
  auto q = (*db)->Prepare(
      "SELECT title_id FROM critic_reviews WHERE sentiment IS NOT NULL AND sentiment_source <> 'text' "
      "GROUP BY title_id HAVING COUNT(*) >= ? ORDER BY title_id");
  if (q.ok()) q->Bind(1, min_reviews);
  return Collect<Id>(q, [](auto& s) { return s.Int(0); });
}

Result<std::map<std::string, int64_t>> SqliteStore::CountRows() {
  REEL_WITH_DB(db);
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
}

}  // namespace reel
