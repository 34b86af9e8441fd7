// Articles' Markdown (news/markdown.h): GitHub tables, lists, headings, links and
// autolinks render; every XSS attempt an editor's text could carry comes out inert
// (raw <script>, <img onerror>, javascript: and data: links, entity-encoded schemes).
#include "news/markdown.h"

#include <gtest/gtest.h>

#include <cctype>

namespace reel::news {
namespace {

bool Has(const std::string& html, const std::string& needle) { return html.find(needle) != std::string::npos; }

TEST(MarkdownTest, RendersTablesListsHeadingsAndLinks) {
  const std::string html = MarkdownToHtml(
      "## Release dates\n\n| Number | Date |\n|---|---|\n| 2x01 | March 3, 2022 |\n\n- one\n- two\n\n"
      "1. first\n\nSee [the series](/tv/star-trek-picard), <https://example.org/a> and www.example.org.\n"
      "Mail [us](mailto:desk@example.org).");
  EXPECT_TRUE(Has(html, "<h2>Release dates</h2>"));
  EXPECT_TRUE(Has(html, "<table>"));
  EXPECT_TRUE(Has(html, "<td>2x01</td>"));
  EXPECT_TRUE(Has(html, "<li>one</li>"));
  EXPECT_TRUE(Has(html, "<ol>"));
  EXPECT_TRUE(Has(html, "<a href=\"/tv/star-trek-picard\">the series</a>"));
  EXPECT_TRUE(Has(html, "<a href=\"https://example.org/a\">"));
  EXPECT_TRUE(Has(html, "href=\"http://www.example.org\""));
  EXPECT_TRUE(Has(html, "href=\"mailto:desk@example.org\""));
}

TEST(MarkdownTest, RawHtmlIsShownAsTextNeverRun) {
  const std::string html = MarkdownToHtml(
      "<script>alert(1)</script>\n\nText <img src=x onerror=alert(2)> and <b onclick=\"x()\">bold</b>.\n\n"
      "<iframe src=\"https://evil.example\"></iframe>");
  EXPECT_FALSE(Has(html, "<script"));
  EXPECT_FALSE(Has(html, "<img"));
  EXPECT_FALSE(Has(html, "<b "));
  EXPECT_FALSE(Has(html, "<iframe"));
  EXPECT_TRUE(Has(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_TRUE(Has(html, "&lt;img src=x onerror=alert(2)&gt;"));
}

TEST(MarkdownTest, UnsafeLinkTargetsLoseTheirTarget) {
  for (const std::string md :
       {"[click](javascript:alert(1))", "[click](JaVaScRiPt:alert(1))", "[click](jav&#x61;script:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)", "[click](vbscript:msgbox)", "<javascript:alert(1)>",
        "![img](javascript:alert(1))", "![img](data:image/svg+xml;base64,PHN2Zz4=)", "[x](file:///etc/passwd)"}) {
    std::string html = MarkdownToHtml(md);
    for (auto& c : html) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // The text may stay (shown as text); no attribute may carry the target.
    for (const char* scheme : {"=\"javascript:", "=\"data:", "=\"vbscript:", "=\"file:"}) {
      EXPECT_FALSE(Has(html, scheme)) << md << " -> " << html;
    }
    EXPECT_FALSE(Has(html, "<script")) << html;
  }
  EXPECT_TRUE(IsSafeLinkTarget("https://example.org"));
  EXPECT_TRUE(IsSafeLinkTarget("/news"));
  EXPECT_TRUE(IsSafeLinkTarget("#facts"));
  EXPECT_TRUE(IsSafeLinkTarget("page?x=a:b"));
  EXPECT_FALSE(IsSafeLinkTarget("javascript:alert(1)"));
  EXPECT_FALSE(IsSafeLinkTarget("data:text/html,x"));
}

TEST(MarkdownTest, TextIsFlatAndCut) {
  EXPECT_EQ(MarkdownToText("## Title\n\nSome *emphasis* and a [link](/x).\n\n- item", 200),
            "Title Some emphasis and a link. - item");
  EXPECT_LE(MarkdownToText(std::string(500, 'a') + " b", 100).size(), 100u + 3);
  EXPECT_EQ(MarkdownToText("<script>x</script>", 100), "<script>x</script>");
}

}  // namespace
}  // namespace reel::news
