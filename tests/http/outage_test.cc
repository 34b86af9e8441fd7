// A PostgreSQL restart under a running `reel serve`: while the database is down,
// pages that need it answer 503 with Retry-After (cached pages are still served);
// once it is back the server reconnects by itself; writes acknowledged before the
// outage are all there after it.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "reel_server.h"
#include "storage/store.h"
#include "support/pg_server.h"

namespace reel::testing {
namespace {

namespace fs = std::filesystem;

TEST(PostgresOutageTest, ServesRetryAfterThenRecoversWithoutLosingWrites) {
  auto pg = PgServer::Start();  // A server of its own: this test stops it.
  ASSERT_TRUE(pg.ok()) << pg.status().ToString();
  auto url = (*pg)->CreateDatabase("outage");
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  ASSERT_EQ(RunCommand(std::string(REEL_BINARY) + " init --demo --db " + *url + " > /dev/null"), 0);
  const fs::path log = fs::path((*pg)->dir()) / "reel.log";
  ReelServer server(REEL_BINARY, *url, log.string());
  ASSERT_EQ(HttpGet(server.port(), "/tv").status, 200);  // Cached from now on.

  // Acknowledged writes: 50 ratings, each its own committed transaction.
  Id season = 0;
  {
    auto store = Store::Open(*url);
    ASSERT_TRUE(store.ok());
    season = (*store)->FindChild((*store)->FindTitleBySlug(TitleKind::kSeries, "star-trek-picard")->id, 2)->id;
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE((*store)->Write([&](StoreWriter& w) -> Status {
        User u;
        u.username = "acked-" + std::to_string(i);
        auto uid = w.UpsertUser(u);
        if (!uid.ok()) return uid.status();
        return w.UpsertRating({0, *uid, season, 4.0, "", false, RatingStatus::kCounted, ""}).status();
      }).ok());
    }
  }

  ASSERT_TRUE((*pg)->Stop().ok());
  auto down = HttpGet(server.port(), "/tv/star-trek-picard/s02");
  EXPECT_EQ(down.status, 503);
  EXPECT_EQ(down.Header("retry-after"), "5");
  EXPECT_NE(down.body.find("try again"), std::string::npos);
  EXPECT_EQ(HttpGet(server.port(), "/healthz").status, 200);  // The process itself is fine.

  ASSERT_TRUE((*pg)->Restart().ok());
  // The server reconnects by itself (pooled connections broken by the restart are
  // dropped as they fail).
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    status = HttpGet(server.port(), "/tv/star-trek-picard/s02").status;
    if (status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(status, 200);
  auto store = Store::Open(*url);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->GetScoreCounts(season)->ratings, 50);
  EXPECT_EQ((*store)->RecomputeAggregates()->drifted, 0);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace reel::testing
