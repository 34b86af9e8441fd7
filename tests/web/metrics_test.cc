// Metrics: networks that may read /metrics, and an exposition whose series are the
// route table's patterns whatever paths clients send.
#include <gtest/gtest.h>

#include "web/http/metrics.h"
#include "web/http/router.h"

namespace reel::web {
namespace {

TEST(MetricsTest, NetworksMatchAddressesOfBothFamilies) {
  auto ten = ParseNetwork("10.0.0.0/8");
  ASSERT_TRUE(ten.ok());
  EXPECT_TRUE(InNetwork("10.200.3.4", *ten));
  EXPECT_TRUE(InNetwork("::ffff:10.1.1.1", *ten));  // IPv4-mapped, as a v6 listener reports it.
  EXPECT_FALSE(InNetwork("11.0.0.1", *ten));
  EXPECT_FALSE(InNetwork("not an address", *ten));
  auto v6 = ParseNetwork("2001:db8::/32");
  ASSERT_TRUE(v6.ok());
  EXPECT_TRUE(InNetwork("2001:db8:1::7", *v6));
  EXPECT_FALSE(InNetwork("2001:db9::1", *v6));
  auto one = ParseNetwork("192.0.2.7");
  ASSERT_TRUE(one.ok());
  EXPECT_TRUE(InNetwork("192.0.2.7", *one));
  EXPECT_FALSE(InNetwork("192.0.2.8", *one));
  EXPECT_TRUE(InNetwork("1.2.3.4", *ParseNetwork("0.0.0.0/0")));
  for (const char* bad : {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "example.org", ""}) {
    auto r = ParseNetwork(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("--metrics-allow"), std::string::npos);
  }
}

TEST(MetricsTest, OnlyLoopbackByDefaultAndNotThroughAProxy) {
  Router router;
  Metrics m(router);
  HttpRequest req;
  req.remote = "127.0.0.1";
  EXPECT_TRUE(m.Allowed(req));
  req.remote = "::1";
  EXPECT_TRUE(m.Allowed(req));
  req.remote = "192.0.2.1";
  EXPECT_FALSE(m.Allowed(req));
  req.remote = "127.0.0.1";
  req.headers["x-forwarded-for"] = "198.51.100.4";
  EXPECT_FALSE(m.Allowed(req));
  m.Allow(*ParseNetwork("198.51.100.0/24"));
  EXPECT_TRUE(m.Allowed(req));
}

TEST(MetricsTest, SeriesAreRoutePatternsAndStatusesFromAFixedList) {
  Router router;
  auto ok = [](const HttpRequest&, const RouteParams&) { return HttpResponse::Text(200, ""); };
  router.Add("GET", "/tv/{slug}", ok);
  router.Add("POST", "/tv/{slug}", ok);
  Metrics m(router);
  for (int i = 0; i < 500; ++i) {
    HttpRequest req;
    req.method = i % 2 ? "GET" : "HEAD";
    req.path = "/tv/series-" + std::to_string(i);
    m.Observe(req, i % 3 ? 200 : 299, 0.002);
  }
  HttpRequest unknown;
  unknown.method = "GET";
  unknown.path = "/nowhere/" + std::string(100, 'x');
  m.Observe(unknown, 404, 0.0001);
  const std::string text = m.Render();
  EXPECT_NE(text.find("reel_http_requests_total{method=\"GET\",route=\"/tv/{slug}\",status=\"200\"} 333\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("reel_http_requests_total{method=\"GET\",route=\"/tv/{slug}\",status=\"other\"} 167\n"),
            std::string::npos);
  EXPECT_NE(text.find("reel_http_requests_total{method=\"\",route=\"(none)\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("reel_http_request_duration_seconds_bucket{method=\"GET\",route=\"/tv/{slug}\",le=\"0.001\"} "
                      "0\n"),
            std::string::npos);
  EXPECT_NE(text.find("reel_http_request_duration_seconds_bucket{method=\"GET\",route=\"/tv/{slug}\",le=\"0.0025\"} "
                      "500\n"),
            std::string::npos);
  EXPECT_NE(text.find("reel_http_request_duration_seconds_count{method=\"GET\",route=\"/tv/{slug}\"} 500\n"),
            std::string::npos);
  EXPECT_EQ(text.find("series-"), std::string::npos);
  EXPECT_EQ(text.find("nowhere"), std::string::npos);
  EXPECT_EQ(text.find("route=\"/tv/{slug}\",status=\"200\"} 333\nreel_http_requests_total{method=\"POST\""),
            std::string::npos);  // A route nobody asked for has no series.
}

}  // namespace
}  // namespace reel::web
