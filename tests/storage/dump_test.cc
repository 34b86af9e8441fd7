// reel-json: a whole site copied between stores, SQLite -> PostgreSQL -> SQLite,
// comes back byte for byte; bad dumps change nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "ingest/catalog_json.h"
#include "scoring/rescore.h"
#include "storage/store.h"
#include "support/shared_pg.h"
#include "support/signin_counts.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

std::string ExportText(Store& store) {
  std::string out;
  Status st = store.Export([&](std::string_view piece) { out += piece; });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

class DumpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("reel-dump-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::unique_ptr<Store> Sqlite(const std::string& name) {
    return std::move(Store::Open("sqlite:" + (dir_ / name).string()).value());
  }
  fs::path dir_;
};

TEST_F(DumpTest, SqliteToPostgresToSqliteIsLossless) {
  auto a = Sqlite("a.db");
  ASSERT_TRUE(LoadDemoCatalog(*a).ok());
  // Values of every type and awkward text: a user with a hash, a quote, unicode,
  // real grades, a certified-less aggregate row.
  ASSERT_TRUE(a->Write([](StoreWriter& w) -> Status {
    User u;
    u.username = "o'brien";
    u.display_name = "Miles “Chief” O'Brien\\n<b>";
    u.email = "miles@example.org";
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$abc$def";
    return w.UpsertUser(u).status();
  }).ok());
  // Comments, their spam checks (one labelled) and a report: the moderation tables.
  const Id miles = a->FindUserByName("o'brien")->id;
  const Id season = a->FindChild(a->FindTitleBySlug(TitleKind::kSeries, "star-trek-picard")->id, 1)->id;
  Comment posted;
  posted.thread.title_id = season;
  posted.user_id = miles;
  posted.body = "Engage! “quoted” <i>text</i>\nline two";
  posted.status = ModerationStatus::kApproved;
  SpamCheck check;
  check.text = posted.body;
  check.text_key = "engage quoted i text i line two";
  check.account_age_days = 12.25;
  check.probability = 0.125;
  check.reasons = "member for a while; no links";
  const Id comment = a->AddComment(posted, check).value();
  // The newest comment was deleted before the move: its id stays spent on every store.
  const Id spent_in_a = a->AddComment(posted, check).value();
  ASSERT_TRUE(a->DeleteComment(spent_in_a).ok());
  ASSERT_TRUE(a->LabelSpamCheck("comment", comment, "ham", miles).ok());
  Report report;
  report.comment_id = comment;
  report.user_id = miles;
  report.reason = "off topic";
  ASSERT_TRUE(a->AddReport(report).ok());
  // The account tables: a reset link with its outbox message, a sign-in failure
  // count, a verification code spent on a rating.
  ASSERT_TRUE(a->CreatePasswordReset({"reset-hash", miles, "2026-01-01T00:00:00Z", "2026-01-01T02:00:00Z"},
                                     {0, miles, "miles@example.org", "Reset", "Open:\n  https://x/reset\t!", ""})
                  .ok());
  ASSERT_TRUE(testing::AddSigninFailure(*a, "user:o'brien", "2026-01-01T00:00:00Z", "2025-12-31T00:00:00Z").ok());
  ASSERT_TRUE(a->Write([&](StoreWriter& w) -> Status {
    REEL_TRY(w.AddVerificationCode("code-hash", season).status());
    return w.UseVerificationCode("code-hash", season, miles);
  }).ok());
  ASSERT_TRUE(scoring::RescoreStore(*a).ok());
  const std::string first = ExportText(*a);
  ASSERT_NE(first.find("\"verification_codes\": [\n{"), std::string::npos);
  ASSERT_NE(first.find("https://x/reset"), std::string::npos);
  ASSERT_NE(first.find("\"spam_checks\": [\n{"), std::string::npos);
  ASSERT_NE(first.find("off topic"), std::string::npos);
  ASSERT_NE(first.find("\"format\": \"reel-json\""), std::string::npos);
  ASSERT_NE(first.find("Miles “Chief” O'Brien"), std::string::npos);

  const std::string pg_url = testing::FreshPgDatabase();
  ASSERT_FALSE(pg_url.empty());
  auto b = std::move(Store::Open(pg_url).value());
  ASSERT_TRUE(b->Import(first).ok());
  EXPECT_EQ(ExportText(*b), first);
  EXPECT_EQ(b->CountRows().value(), a->CountRows().value());
  // The identity moved past the imported ids: new rows get new ids.
  ASSERT_TRUE(b->Write([](StoreWriter& w) -> Status {
    Title t;
    t.kind = TitleKind::kFilm;
    t.slug = "after-import";
    t.name = "After import";
    return w.UpsertTitle(t).status();
  }).ok());
  const Id spent_in_b = b->AddComment(posted, check).value();
  EXPECT_GT(spent_in_b, spent_in_a);
  ASSERT_TRUE(b->DeleteComment(spent_in_b).ok());

  auto c = Sqlite("c.db");
  auto from_b = ExportText(*b);
  ASSERT_NE(from_b.find("\"comments\": " + std::to_string(spent_in_b)), std::string::npos);
  ASSERT_TRUE(c->Import(from_b).ok());
  EXPECT_EQ(ExportText(*c), from_b);
  EXPECT_EQ(c->RecomputeAggregates()->drifted, 0);
  EXPECT_GT(c->AddComment(posted, check).value(), spent_in_b);
}

TEST_F(DumpTest, BadDumpsAreRefusedAndChangeNothing) {
  auto a = Sqlite("a.db");
  ASSERT_TRUE(LoadDemoCatalog(*a).ok());
  const std::string dump = ExportText(*a);
  EXPECT_EQ(a->Import(dump).code(), StatusCode::kFailedPrecondition);  // Not empty.

  auto empty = Sqlite("e.db");
  EXPECT_EQ(empty->Import("{").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(empty->Import(R"({"format": "other"})").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(empty->Import(R"({"format": 7, "tables": {}})").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(empty->Import(R"({"format": "reel-json", "schema_version": "2", "tables": {}})").code(),
            StatusCode::kInvalidArgument);
  std::string wrong_version = dump;
  const size_t v = wrong_version.find("\"schema_version\": ") + 18;
  wrong_version.replace(v, wrong_version.find(',', v) - v, "99");
  EXPECT_EQ(empty->Import(wrong_version).code(), StatusCode::kFailedPrecondition);
  // The largest ids given must name tables with ids, as whole numbers.
  for (const char* bad : {R"("last_ids": {"nope": 1}})", R"("last_ids": {"comments": -1}})",
                          R"("last_ids": {"comments": "7"}})", R"("last_ids": []})"}) {
    std::string wrong = dump;
    wrong.replace(wrong.find("\"last_ids\": "), std::string::npos, bad);
    wrong += "\n";
    const Status st = empty->Import(wrong);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(st.message().find("last_ids"), std::string::npos) << st.ToString();
  }
  // A row that breaks a constraint late in the dump: nothing of it stays.
  std::string broken = dump;
  const size_t at = broken.find("\"stars\": ");
  ASSERT_NE(at, std::string::npos);
  broken.replace(at + 9, broken.find(',', at) - at - 9, "9.0");
  const Status st = empty->Import(broken);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("tables.ratings["), std::string::npos) << st.ToString();
  EXPECT_EQ(empty->CountRows()->at("series"), 0);
  EXPECT_EQ(empty->CountRows()->at("people"), 0);
}

}  // namespace
}  // namespace reel
