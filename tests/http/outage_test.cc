// A PostgreSQL restart under a running `reel serve`: while the database is down,
// pages that need it answer 503 with Retry-After (cached pages are still served);
// once it is back the very first request succeeds (the pool drops the connections
// the restart broke and runs the read again on a fresh one); every write that was
// acknowledged is there after it, and none that was refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

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

  // Readers of the API, each signed in before the outage; reader k rates season 2
  // through the server. An acknowledged rating answers 200.
  auto put_rating = [&](const std::string& token) {
    return HttpSend(server.port(), "PUT", "/api/v1/tv/star-trek-picard/s02/rating",
                    "Authorization: Bearer " + token + "\r\n", R"({"stars": 4})");
  };
  std::vector<std::string> tokens;
  for (int k = 0; k < 6; ++k) {
    const std::string name = "reader" + std::to_string(k);
    ASSERT_EQ(HttpSend(server.port(), "POST", "/api/v1/users", "",
                       R"({"username": ")" + name + R"(", "email": ")" + name +
                           R"(@example.org", "password": "a long passphrase"})").status, 201);
    auto session = HttpSend(server.port(), "POST", "/api/v1/session", "",
                            R"({"username": ")" + name + R"(", "password": "a long passphrase"})");
    ASSERT_EQ(session.status, 201) << session.body;
    tokens.push_back(nlohmann::json::parse(session.body)["token"].get<std::string>());
  }
  std::vector<std::string> acked, refused;
  auto rate = [&](int k) {
    const int status = put_rating(tokens[k]).status;
    (status == 200 ? acked : refused).push_back("reader" + std::to_string(k));
    return status;
  };
  EXPECT_EQ(rate(0), 200);
  EXPECT_EQ(rate(1), 200);

  ASSERT_TRUE((*pg)->Stop().ok());
  auto down = HttpGet(server.port(), "/tv/star-trek-picard/s02");
  EXPECT_EQ(down.status, 503);
  EXPECT_EQ(down.Header("retry-after"), "5");
  EXPECT_NE(down.body.find("try again"), std::string::npos);
  EXPECT_EQ(HttpGet(server.port(), "/healthz").status, 200);  // The process itself is fine.
  EXPECT_EQ(rate(2), 503);  // Refused, so never written (not even later).

  ASSERT_TRUE((*pg)->Restart().ok());
  // The very first request after the restart answers from the database.
  auto first = HttpGet(server.port(), "/tv/star-trek-picard/s02");
  EXPECT_EQ(first.status, 200) << first.body.substr(0, 300);
  EXPECT_EQ(rate(3), 200);

  // Another restart with no request in between: the first request is a write.
  ASSERT_TRUE((*pg)->Stop().ok());
  ASSERT_TRUE((*pg)->Restart().ok());
  EXPECT_EQ(rate(4), 200);
  EXPECT_EQ(HttpGet(server.port(), "/tv/star-trek-picard/s01").status, 200);
  EXPECT_EQ(rate(5), 200);

  auto store = Store::Open(*url);
  ASSERT_TRUE(store.ok());
  for (const std::string& name : acked) {
    auto user = (*store)->FindUserByName(name);
    ASSERT_TRUE(user.ok()) << name;
    EXPECT_TRUE((*store)->GetRating(user->id, season).ok()) << name << " was acknowledged but is not stored";
  }
  for (const std::string& name : refused) {
    auto user = (*store)->FindUserByName(name);
    ASSERT_TRUE(user.ok()) << name;
    EXPECT_EQ((*store)->GetRating(user->id, season).status().code(), StatusCode::kNotFound) << name;
  }
  EXPECT_EQ(acked.size(), 5u);
  auto recent = (*store)->ListRecentRatings(season, "2000-01-01T00:00:00Z");
  ASSERT_TRUE(recent.ok());
  EXPECT_EQ(recent->size(), 50u + acked.size());
  EXPECT_EQ((*store)->RecomputeAggregates()->drifted, 0);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace reel::testing
