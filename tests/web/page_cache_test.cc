#include "web/http/page_cache.h"

#include <gtest/gtest.h>

#include <thread>

namespace reel::web {
namespace {

HttpResponse Page(std::string body) {
  HttpResponse r;
  r.body = std::move(body);
  return r;
}

TEST(PageCacheTest, HitWhileTheGenerationHolds) {
  PageCache cache(1 << 20, std::chrono::seconds(60));
  EXPECT_FALSE(cache.Get("/tv", 1));
  cache.Put("/tv", 1, Page("index"));
  ASSERT_TRUE(cache.Get("/tv", 1));
  EXPECT_EQ(cache.Get("/tv", 1)->body, "index");
  EXPECT_FALSE(cache.Get("/tv", 2));  // A write happened: gone.
  EXPECT_FALSE(cache.Get("/tv", 1));  // And not kept for the old generation either.
  EXPECT_EQ(cache.hits(), 2u);
}

TEST(PageCacheTest, ExpiresAfterTtl) {
  PageCache cache(1 << 20, std::chrono::seconds(0));
  cache.Put("/", 1, Page("home"));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_FALSE(cache.Get("/", 1));
}

TEST(PageCacheTest, EvictsLeastRecentlyUsedWithinItsBytes) {
  PageCache cache(3 * (1000 + 256 + 2), std::chrono::seconds(60));
  cache.Put("/a", 1, Page(std::string(1000, 'a')));
  cache.Put("/b", 1, Page(std::string(1000, 'b')));
  cache.Put("/c", 1, Page(std::string(1000, 'c')));
  ASSERT_TRUE(cache.Get("/a", 1));  // /a is now the most recent; /b the least.
  cache.Put("/d", 1, Page(std::string(1000, 'd')));
  EXPECT_FALSE(cache.Get("/b", 1));
  EXPECT_TRUE(cache.Get("/a", 1));
  EXPECT_TRUE(cache.Get("/d", 1));
  EXPECT_LE(cache.bytes(), 3u * (1000 + 256 + 2));
  cache.Put("/huge", 1, Page(std::string(1 << 20, 'x')));  // Larger than the cache: not kept.
  EXPECT_FALSE(cache.Get("/huge", 1));
}

}  // namespace
}  // namespace reel::web
