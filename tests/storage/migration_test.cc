// Migrating a populated store: a database at schema version 8, with rows in every
// table, opened by today's binary on SQLite and on PostgreSQL. Every row of every
// table comes through unchanged (ids included), every index is still there, and
// from then on an id once given is never given again.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "storage/migrations.h"
#include "storage/postgres/pg_db.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/store.h"
#include "support/two_stores.h"

namespace reel {
namespace {

using testing::Backend;

// One or more rows in each of the 29 tables of schema version 8, with gaps in the
// ids (rows deleted before the upgrade), a reply, a closed account's comment, a
// guest's comment and reports of a comment and of a rating. Plain SQL both
// databases accept.
constexpr const char* kVersion8Rows = R"sql(
INSERT INTO titles (id, kind, parent_id, number, slug, name, synopsis, consensus, release_date, release_precision,
                    end_year, runtime_minutes, country, language, network, created_at) VALUES
  (1, 'series', NULL, 0, 'the-show', 'The Show', 'A show.', '', '2020-01-23', 'day', 0, 0, 'US', 'en', 'Net', '2024-01-01T00:00:00Z'),
  (2, 'season', 1, 1, NULL, 'Season 1', '', 'Good.', '2020-01-23', 'day', 0, 0, '', '', '', '2024-01-01T00:00:00Z'),
  (3, 'episode', 2, 1, NULL, 'Pilot', 'It starts.', '', '2020-01-23', 'day', 0, 45, '', '', '', '2024-01-01T00:00:00Z'),
  (5, 'film', NULL, 0, 'a-film', 'A Film', '', '', '2019', 'year', 0, 101, 'FR', 'fr', '', '2024-01-02T00:00:00Z');
INSERT INTO external_ids (title_id, source, value) VALUES (5, 'imdb', 'tt0000005'), (1, 'tvmaze', '42');
INSERT INTO genres (id, slug, name) VALUES (1, 'drama', 'Drama'), (3, 'comedy', 'Comedy');
INSERT INTO title_genres (title_id, genre_id, position) VALUES (5, 1, 0), (5, 3, 1);
INSERT INTO people (id, slug, name, born, birthplace, bio) VALUES (1, 'pat-doe', 'Pat Doe', '1940-07-13', 'Here', 'Bio.');
INSERT INTO credits (id, title_id, person_id, kind, role, ord) VALUES (2, 2, 1, 'cast', 'Captain', 0);
INSERT INTO publications (id, slug, name, url) VALUES (1, 'the-paper', 'The Paper', 'https://paper.example');
INSERT INTO critics (id, slug, name, publication_id, top_critic) VALUES (1, 'cara-critic', 'Cara Critic', 1, 1);
INSERT INTO users (id, username, display_name, email, password_hash, role, critic_id, created_at, deleted_at) VALUES
  (1, 'ann', 'Ann', 'ann@example.org', '$argon2id$x', 'editor', NULL, '2024-01-01T00:00:00Z', NULL),
  (2, 'bob', '', 'bob@example.org', '', 'reader', NULL, '2024-01-01T00:00:00Z', NULL),
  (4, 'deleted user #4', '', NULL, '', 'reader', NULL, '2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'),
  (5, 'cara', 'Cara', NULL, '', 'critic', 1, '2024-01-01T00:00:00Z', NULL);
INSERT INTO tags (id, title_id, user_id, tag, created_at) VALUES (1, 5, 1, 'tense', '2024-01-03T00:00:00Z');
INSERT INTO critic_reviews (id, title_id, review_key, critic_id, publication_id, quote, url, grade_raw, grade_score,
                            sentiment, sentiment_source, review_date, created_at) VALUES
  (3, 2, 'critic:1', 1, 1, 'Fine work.', 'https://paper.example/r', '3/5', 60.0, 'fresh', 'critic', '2020-02-01',
   '2024-01-03T00:00:00Z');
INSERT INTO ratings (id, user_id, title_id, stars, review, verified, status, created_at, updated_at, review_status) VALUES
  (1, 1, 2, 4.5, 'Loved it.', 1, 'counted', '2024-01-04T00:00:00Z', '2024-01-04T00:00:00Z', 'approved'),
  (4, 2, 5, 2.0, 'Buy pills', 0, 'held', '2024-01-05T00:00:00Z', '2024-01-06T00:00:00Z', 'spam');
INSERT INTO release_dates (id, title_id, date, precision, label, source) VALUES (1, 5, '2019-05-01', 'month', 'Cannes', 'press');
INSERT INTO videos (id, title_id, name, url, kind, duration_seconds) VALUES (1, 5, 'Trailer', 'https://v.example/1', 'trailer', 90);
INSERT INTO articles (id, slug, headline, body_markdown, author_id, published_at, created_at) VALUES
  (2, 'season-news', 'Season news', 'Body.', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
INSERT INTO article_titles (article_id, title_id) VALUES (2, 1);
INSERT INTO comments (id, article_id, title_id, parent_id, user_id, guest_name, guest_email, body, status, created_at,
                      updated_at) VALUES
  (1, NULL, 2, NULL, 1, '', '', 'First!', 'approved', '2024-01-07T00:00:00Z', NULL),
  (2, NULL, 2, 1, 2, '', '', 'A reply.', 'approved', '2024-01-07T01:00:00Z', '2024-01-07T02:00:00Z'),
  (5, 2, NULL, NULL, 4, '', '', 'By a closed account.', 'approved', '2024-01-08T00:00:00Z', NULL),
  (6, NULL, 5, NULL, NULL, 'Gus', 'gus@example.org', 'A guest.', 'pending', '2024-01-09T00:00:00Z', NULL);
INSERT INTO title_aggregates (title_id, fresh, top_fresh, graded, grade_sum, g6, ratings, ratings_positive,
                              verified_ratings, verified_positive, stars_sum, s8) VALUES
  (2, 1, 1, 1, 60.0, 1, 1, 1, 1, 1, 4.5, 1);
INSERT INTO job_runs (job, last_started, last_finished, last_result) VALUES
  ('audit', '2024-01-10T00:00:00Z', '2024-01-10T00:00:01Z', 'drift 0');
INSERT INTO sessions (token_hash, user_id, kind, csrf_token, created_at, expires_at) VALUES
  ('session-hash', 1, 'web', 'csrf', '2024-01-10T00:00:00Z', '2099-01-01T00:00:00Z');
INSERT INTO person_external_ids (person_id, source, value) VALUES (1, 'imdb', 'nm0000001');
INSERT INTO title_external_ratings (title_id, source, average, votes) VALUES (5, 'imdb', 7.25, 1000);
INSERT INTO title_sources (title_id, source) VALUES (5, 'movielens');
INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, used_at) VALUES
  ('reset-hash', 2, '2024-01-10T00:00:00Z', '2024-01-10T02:00:00Z', NULL);
INSERT INTO outbox (id, user_id, recipient, subject, body, created_at) VALUES
  (3, 2, 'bob@example.org', 'Reset your password', 'Open the link.', '2024-01-10T00:00:00Z');
INSERT INTO signin_failures (key, failures, last_at) VALUES ('user:bob', 2, '2024-01-10T00:00:00Z');
INSERT INTO verification_codes (code_hash, title_id, created_at, used_by, used_at) VALUES
  ('code-hash', 2, '2024-01-01T00:00:00Z', 1, '2024-01-04T00:00:00Z');
INSERT INTO spam_checks (id, kind, item_id, user_id, address, text, text_key, author_name, author_url, guest,
                         account_age_days, posts_last_hour, same_text_recent, probability, reasons, label, decided_by,
                         decided_at, created_at) VALUES
  (1, 'comment', 1, 1, '192.0.2.1', 'First!', 'first', 'Ann', '', 0, 3.5, 0, 0, 0.125, 'short', 'ham', 1,
   '2024-01-07T03:00:00Z', '2024-01-07T00:00:00Z'),
  (2, 'comment', 3, 2, '192.0.2.2', 'Deleted long ago', 'deleted long ago', 'bob', '', 0, 1.0, 2, 0, 0.5, '', NULL,
   NULL, NULL, '2024-01-07T00:30:00Z'),
  (4, 'review', 4, 2, '192.0.2.2', 'Buy pills', 'buy pills', 'bob', '', 0, 1.0, 1, 3, 0.99, 'pills', 'spam', 1,
   '2024-01-06T00:00:00Z', '2024-01-05T00:00:00Z');
INSERT INTO reports (id, comment_id, rating_id, user_id, reason, created_at, resolved_at, resolved_by) VALUES
  (1, 2, NULL, 1, 'rude', '2024-01-08T00:00:00Z', NULL, NULL),
  (2, NULL, 4, 1, '', '2024-01-08T00:00:00Z', '2024-01-09T00:00:00Z', 1);
)sql";

// Every table's rows as text, "column=value" for the columns in `columns` (all when
// empty), ordered by every column; keyed by table name.
using Snapshot = std::map<std::string, std::vector<std::string>>;

std::vector<std::string> TableNames(SqlDb& db) {
  auto q = db.Prepare(db.dialect() == SqlDialect::kPostgres
                          ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                            "ORDER BY table_name"
                          : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                            "ORDER BY name");
  EXPECT_TRUE(q.ok());
  std::vector<std::string> out;
  while (q->Step()) out.push_back(q->Text(0));
  EXPECT_TRUE(q->status().ok()) << q->status().ToString();
  return out;
}

// Tables that later migrations made (empty after the upgrade) are listed with no
// rows unless `every_table_has_rows`.
Snapshot TakeSnapshot(SqlDb& db, std::map<std::string, std::set<std::string>>* columns,
                      bool every_table_has_rows = true) {
  Snapshot out;
  for (const auto& table : TableNames(db)) {
    if (table == "schema_version") continue;
    // PostgreSQL knows a result's columns once it ran: every table has a row here.
    auto probe = db.Prepare("SELECT * FROM " + table + " LIMIT 1");
    EXPECT_TRUE(probe.ok()) << table;
    const bool has_rows = probe->Step();
    if (!has_rows && !every_table_has_rows) {
      out[table];
      continue;
    }
    EXPECT_TRUE(has_rows) << table << " has no rows";
    const int n = probe->ColumnCount();
    std::set<std::string> names;
    for (int c = 0; c < n; ++c) names.insert(probe->ColumnName(c));
    (void)probe->Run();
    std::set<std::string>& keep = (*columns)[table];
    if (keep.empty()) keep = names;
    std::string order;
    for (int c = 1; c <= n; ++c) order += (c > 1 ? ", " : "") + std::to_string(c);
    auto q = db.Prepare("SELECT * FROM " + table + " ORDER BY " + order);
    EXPECT_TRUE(q.ok()) << table;
    auto& rows = out[table];
    while (q->Step()) {
      std::string row;
      for (int c = 0; c < q->ColumnCount(); ++c) {
        if (!keep.count(q->ColumnName(c))) continue;
        row += q->ColumnName(c) + "=";
        switch (q->Type(c)) {
          case SqlType::kNull: row += "NULL"; break;
          case SqlType::kInteger: row += std::to_string(q->Int(c)); break;
          case SqlType::kReal: row += std::to_string(q->Double(c)); break;
          case SqlType::kText: row += "'" + q->Text(c) + "'"; break;
        }
        row += " ";
      }
      rows.push_back(row);
    }
    EXPECT_TRUE(q->status().ok()) << table << ": " << q->status().ToString();
  }
  return out;
}

// Index names and definitions, so a rebuilt table keeps every index.
std::set<std::string> Indexes(SqlDb& db) {
  auto q = db.Prepare(db.dialect() == SqlDialect::kPostgres
                          ? "SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public'"
                          : "SELECT name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE type = 'index'");
  EXPECT_TRUE(q.ok());
  std::set<std::string> out;
  while (q->Step()) out.insert(q->Text(0));
  return out;
}

class MigrationTest : public testing::TwoStoreTest {
 protected:
  MigrationTest() : TwoStoreTest("migration") {}
  // The store is opened by the test, after it has made the old schema.
  void SetUp() override { UseFreshUrl("v8.db"); }

  Result<std::unique_ptr<SqlDb>> Connect() {
    if (GetParam() == Backend::kSqlite) {
      auto db = SqliteDb::Open(url_.substr(7));
      if (!db.ok()) return db.status();
      return std::unique_ptr<SqlDb>(std::move(*db));
    }
    auto db = PgDb::Open(url_);
    if (!db.ok()) return db.status();
    return std::unique_ptr<SqlDb>(std::move(*db));
  }

  // The database as a binary of schema version 8 left it: migrations 1 to 8, then rows.
  void MakeVersion8(SqlDb& db) {
    ASSERT_TRUE(db.Exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                        "applied_at TEXT NOT NULL)").ok());
    for (const Migration& m : LoadMigrations().value()) {
      if (m.version > 8) break;
      Status st = db.Exec(MigrationSqlFor(m.sql, db.dialect()));
      ASSERT_TRUE(st.ok()) << m.name << ": " << st.ToString();
      auto ins = db.Prepare("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)");
      ASSERT_TRUE(ins.ok());
      ASSERT_TRUE(ins->Bind(1, m.version).Bind(2, m.name).Bind(3, "2024-01-01T00:00:00Z").Run().ok());
    }
    Status st = db.Exec(kVersion8Rows);
    ASSERT_TRUE(st.ok()) << st.ToString();
    if (db.dialect() == SqlDialect::kPostgres) {
      // The rows came with their ids: move each identity past them, as the store would have.
      std::vector<std::string> identities;
      auto q = db.Prepare("SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND "
                          "column_name = 'id' AND is_identity = 'YES'");
      ASSERT_TRUE(q.ok());
      while (q->Step()) identities.push_back(q->Text(0));
      ASSERT_TRUE(q->status().ok()) << q->status().ToString();
      ASSERT_EQ(identities.size(), 17u);
      for (const auto& table : identities) {
        ASSERT_TRUE(db.Exec("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), MAX(id)) FROM " + table +
                            " HAVING MAX(id) IS NOT NULL").ok());
      }
    }
  }
};

TEST_P(MigrationTest, AVersion8StoreKeepsEveryRowAndNeverReusesAnId) {
  std::map<std::string, std::set<std::string>> columns;
  Snapshot before;
  std::set<std::string> indexes_before;
  {
    auto db = Connect();
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    MakeVersion8(**db);
    if (HasFatalFailure()) return;
    before = TakeSnapshot(**db, &columns);
    indexes_before = Indexes(**db);
  }
  ASSERT_EQ(before.size(), 29u);
  for (const auto& [table, rows] : before) EXPECT_FALSE(rows.empty()) << table << " has no rows to migrate";

  auto store = Store::Open(url_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->SchemaVersion().value(), LoadMigrations()->back().version);
  {
    auto db = Connect();
    ASSERT_TRUE(db.ok());
    auto after_columns = columns;
    const Snapshot after = TakeSnapshot(**db, &after_columns, /*every_table_has_rows=*/false);
    for (const auto& [table, rows] : before) {
      ASSERT_TRUE(after.count(table)) << table;
      EXPECT_EQ(after.at(table), rows) << table;
    }
    // The database itself keeps replies: a comment they answer cannot be deleted.
    EXPECT_FALSE((*db)->Exec("DELETE FROM comments WHERE id = 1").ok());
    const std::set<std::string> indexes_after = Indexes(**db);
    for (const auto& index : indexes_before) {
      // Migration 15 drops release_dates' UNIQUE (title, date, precision): it keeps history.
      if (index.rfind("sqlite_autoindex_release_dates_1", 0) == 0 || index.find("release_dates_title_id_date_precision_key") != std::string::npos) continue;
      EXPECT_TRUE(indexes_after.count(index)) << "lost index " << index;
    }
    if (GetParam() == Backend::kSqlite) {
      auto check = (*db)->Prepare("PRAGMA foreign_key_check");
      ASSERT_TRUE(check.ok());
      EXPECT_FALSE(check->Step()) << "a row references a missing one: " << check->Text(0);
      auto integrity = (*db)->Prepare("PRAGMA integrity_check");
      ASSERT_TRUE(integrity.ok() && integrity->Step());
      EXPECT_EQ(integrity->Text(0), "ok");
    }
  }

  // Foreign keys are enforced again on the store's connections.
  Status orphan = (*store)->Write([](StoreWriter& w) {
    Title t;
    t.kind = TitleKind::kEpisode;
    t.parent_id = 999;
    t.number = 1;
    t.name = "Orphan";
    return w.UpsertTitle(t).status();
  });
  EXPECT_FALSE(orphan.ok());

  // The newest comment and rating go; their ids are not given again.
  Comment c;
  c.thread = {0, 5};
  c.user_id = 2;
  c.body = "After the upgrade.";
  c.status = ModerationStatus::kApproved;
  const Id newest = (*store)->AddComment(c, {}).value();
  EXPECT_GT(newest, 6);
  ASSERT_TRUE((*store)->DeleteComment(newest).ok());
  EXPECT_GT((*store)->AddComment(c, {}).value(), newest);
  ASSERT_TRUE((*store)->Write([](StoreWriter& w) { return w.DeleteRating(2, 5); }).ok());
  Id rating = 0;
  ASSERT_TRUE((*store)->Write([&](StoreWriter& w) -> Status {
    Rating r;
    r.user_id = 1;
    r.title_id = 5;
    r.stars = 3;
    auto id = w.UpsertRating(r);
    if (!id.ok()) return id.status();
    rating = *id;
    return Status::Ok();
  }).ok());
  EXPECT_GT(rating, 4);
  EXPECT_EQ((*store)->RecomputeAggregates()->drifted, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrationTest, testing::BothStores(), testing::BackendName);

}  // namespace
}  // namespace reel
