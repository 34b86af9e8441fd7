// The pure parts of the news domain: tags, URLs, video durations and providers,
// and Atom's escaping and shape (news/articles.h, news/editorial.h, news/atom.h).
#include <gtest/gtest.h>

#include "news/articles.h"
#include "news/atom.h"
#include "news/editorial.h"

namespace reel::news {
namespace {

TEST(NewsInputTest, TagsAreSlugsSortedOnce) {
  EXPECT_EQ(ParseTags("Sci-Fi,  release dates\nsci-fi").value(), (std::vector<std::string>{"release-dates", "sci-fi"}));
  EXPECT_TRUE(ParseTags("").value().empty());
  auto bad = ParseTags("!!!");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("tags:", 0), 0u);
  EXPECT_FALSE(ParseTags("a,b,c,d,e,f,g,h,i,j,k,l,m").ok());
}

TEST(NewsInputTest, UrlsAreCheckedStrictly) {
  EXPECT_TRUE(IsHttpsUrl("https://images.example.org/cover.jpg"));
  EXPECT_FALSE(IsHttpsUrl("http://images.example.org/cover.jpg"));
  EXPECT_FALSE(IsHttpsUrl("javascript:alert(1)"));
  EXPECT_FALSE(IsHttpsUrl("https://x.org/\"onerror=\"alert(1)"));
  EXPECT_FALSE(IsHttpsUrl("https:///path"));
  EXPECT_TRUE(IsHttpUrl("http://example.org/a"));
  EXPECT_FALSE(IsHttpUrl("data:text/html,x"));
}

TEST(NewsInputTest, VideoDurationsAndProviders) {
  EXPECT_EQ(ParseDuration("2:31").value(), 151);
  EXPECT_EQ(ParseDuration("1:02:03").value(), 3723);
  EXPECT_EQ(ParseDuration("95").value(), 95);
  EXPECT_EQ(ParseDuration("").value(), 0);
  EXPECT_FALSE(ParseDuration("2:75").ok());
  EXPECT_FALSE(ParseDuration("abc").ok());
  EXPECT_EQ(VideoProvider("https://www.youtube.com/watch?v=dQw4w9WgXcQ"), "youtube");
  EXPECT_EQ(VideoProvider("https://vimeo.com/12345"), "vimeo");
  EXPECT_EQ(VideoProvider("https://www.example.org:8443/v.mp4"), "example.org");
  EXPECT_EQ(YoutubeId("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1"), "dQw4w9WgXcQ");
  EXPECT_EQ(YoutubeId("https://youtu.be/dQw4w9WgXcQ"), "dQw4w9WgXcQ");
  EXPECT_EQ(YoutubeId("https://www.youtube.com/watch?v=bad\"id"), "");
  EXPECT_EQ(YoutubeId("https://vimeo.com/12345"), "");
}

TEST(AtomTest, FeedHasItsPartsEscaped) {
  AtomFeed feed{"tag:example.org,2026:news", "News & <Interviews>", "https://example.org/news.atom",
                "https://example.org/news", "", {}};
  feed.entries.push_back({"tag:example.org,2026:news/1", "A \"quoted\" <title> & more", "https://example.org/news/a",
                          "2026-11-24T10:00:00Z", "2026-11-20", "Desk", "Text\x01 here", "<p>Hello <b>x</b></p>"});
  const std::string xml = RenderAtom(feed);
  EXPECT_NE(xml.find("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), std::string::npos);
  EXPECT_NE(xml.find("<title>News &amp; &lt;Interviews&gt;</title>"), std::string::npos);
  EXPECT_NE(xml.find("<updated>2026-11-24T10:00:00Z</updated>"), std::string::npos);
  EXPECT_NE(xml.find("<published>2026-11-20T00:00:00Z</published>"), std::string::npos);
  EXPECT_NE(xml.find("rel=\"self\""), std::string::npos);
  EXPECT_NE(xml.find("<content type=\"html\">&lt;p&gt;Hello &lt;b&gt;x&lt;/b&gt;&lt;/p&gt;</content>"), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_NE(xml.find("<name>Desk</name>"), std::string::npos);
}

}  // namespace
}  // namespace reel::news
