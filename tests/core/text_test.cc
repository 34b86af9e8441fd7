#include "core/text.h"

#include <gtest/gtest.h>

namespace reel {
namespace {

TEST(SlugifyTest, TitlesAndNames) {
  EXPECT_EQ(Slugify("Star Trek: Picard"), "star-trek-picard");
  EXPECT_EQ(Slugify("  X-Men  "), "x-men");
  EXPECT_EQ(Slugify("Cristóbal Ríos"), "cristobal-rios");
  EXPECT_EQ(Slugify("Don't Look Up"), "dont-look-up");
  EXPECT_EQ(Slugify("Amélie"), "amelie");
  EXPECT_EQ(Slugify("Łódź Žižek Œuvre"), "lodz-zizek-ouvre");
  EXPECT_EQ(Slugify("Se7en (1995)"), "se7en-1995");
  EXPECT_EQ(Slugify("!!!"), "");
  EXPECT_EQ(Slugify("東京物語"), "");
}

TEST(SlugifyTest, AlwaysValidOrEmpty) {
  for (const char* s : {"a--b", "--a", "a b c", "Ünïcödé", "\xff\xfe bad", "x\xc3"}) {
    const std::string slug = Slugify(s);
    EXPECT_TRUE(slug.empty() || IsValidSlug(slug)) << s << " -> " << slug;
  }
}

TEST(IsValidSlugTest, Rules) {
  EXPECT_TRUE(IsValidSlug("star-trek-picard"));
  EXPECT_TRUE(IsValidSlug("s01"));
  EXPECT_FALSE(IsValidSlug(""));
  EXPECT_FALSE(IsValidSlug("Star"));
  EXPECT_FALSE(IsValidSlug("a--b"));
  EXPECT_FALSE(IsValidSlug("-a"));
  EXPECT_FALSE(IsValidSlug("a-"));
  EXPECT_FALSE(IsValidSlug("a_b"));
}

TEST(Utf8Test, Validation) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("Cristóbal ★½"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // Overlong.
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // Surrogate.
  EXPECT_FALSE(IsValidUtf8("caf\xe9"));           // Latin-1.
  EXPECT_FALSE(IsValidUtf8("\xe2\x98"));          // Truncated.
}

TEST(TextTest, ParagraphsAndTruncate) {
  auto p = Paragraphs("First line\nsame paragraph.\n\n  Second.  \n\n\n");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0], "First line same paragraph.");
  EXPECT_EQ(p[1], "Second.");
  EXPECT_TRUE(Paragraphs("   \n\n").empty());
  EXPECT_EQ(Truncate("short", 10), "short");
  EXPECT_EQ(Truncate("one two three four", 10), "one two…");
  EXPECT_EQ(Trim("  x \n"), "x");
}

}  // namespace
}  // namespace reel
