// Folding text into search words (core/search_text.h) and the typo distances and
// costs of the search (search/search.h): pure functions, no store.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/search_text.h"
#include "search/search.h"

namespace reel {
namespace {

using Words = std::vector<std::string>;

TEST(SearchTextTest, FoldsAccentsCaseAndPunctuation) {
  EXPECT_EQ(SearchWords("Amélie"), Words{"amelie"});
  EXPECT_EQ(SearchWords("CRISTÓBAL Ríos"), (Words{"cristobal", "rios"}));
  EXPECT_EQ(SearchWords("Spider-Man"), (Words{"spider", "man"}));
  EXPECT_EQ(SearchWords("Star Trek: Picard"), (Words{"star", "trek", "picard"}));
  EXPECT_EQ(SearchWords("Schindler's List"), (Words{"schindlers", "list"}));
  EXPECT_EQ(SearchWords("Straße  Łódź Œuvre"), (Words{"strasse", "lodz", "oeuvre"}));
  EXPECT_EQ(SearchWords("  ...  "), Words{});
}

TEST(SearchTextTest, RomanNumeralsBecomeDigits) {
  EXPECT_EQ(SearchWords("The Godfather: Part II"), (Words{"godfather", "part", "2"}));
  EXPECT_EQ(SearchWords("godfather 2"), (Words{"godfather", "2"}));
  EXPECT_EQ(SearchWords("Rocky IV"), (Words{"rocky", "4"}));
  EXPECT_EQ(SearchWords("I, Robot"), (Words{"i", "robot"}));  // "I" stays a word.
}

TEST(SearchTextTest, DropsALeadingArticleOnlyWhenWordsFollow) {
  EXPECT_EQ(SearchWords("The Expanse"), Words{"expanse"});
  EXPECT_EQ(SearchWords("La Haine"), Words{"haine"});
  EXPECT_EQ(SearchWords("The"), Words{"the"});
  EXPECT_EQ(SearchWords("Gone with the Wind"), (Words{"gone", "with", "the", "wind"}));
  EXPECT_EQ(SearchWordsKeepingArticles("The Expanse"), (Words{"the", "expanse"}));
}

TEST(SearchTextTest, DeletionVariants) {
  EXPECT_EQ(DeletionVariants("abc", 1), (Words{"bc", "ac", "ab"}));
  const auto two = DeletionVariants("abcd", 2);
  EXPECT_NE(std::find(two.begin(), two.end(), "ad"), two.end());
  EXPECT_EQ(std::count(two.begin(), two.end(), "abcd"), 0);
  EXPECT_EQ(IndexedDeletions(3), 0);
  EXPECT_EQ(IndexedDeletions(4), 1);
  EXPECT_EQ(IndexedDeletions(7), 2);
  EXPECT_EQ(SearchWordHead("éa"), "éa");
  EXPECT_EQ(SearchWordHead("x"), "x");
}

TEST(TypoTest, DamerauDistanceCountsATranspositionOnce) {
  EXPECT_EQ(search::TypoDistance("picard", "picard"), 0);
  EXPECT_EQ(search::TypoDistance("pciard", "picard"), 1);
  EXPECT_EQ(search::TypoDistance("picrad", "picard"), 1);
  EXPECT_EQ(search::TypoDistance("pcard", "picard"), 1);
  EXPECT_EQ(search::TypoDistance("picardd", "picard"), 1);
  EXPECT_EQ(search::TypoDistance("pikkard", "picard"), 2);
  EXPECT_EQ(search::TypoDistance("abcdef", "uvwxyz"), 3);  // Over the cap of 2.
}

TEST(TypoTest, TyposAllowedByWordLength) {
  EXPECT_EQ(search::AllowedTypos(4), 0);
  EXPECT_EQ(search::AllowedTypos(5), 1);
  EXPECT_EQ(search::AllowedTypos(8), 1);
  EXPECT_EQ(search::AllowedTypos(9), 2);
  EXPECT_FALSE(search::TypoCost("trel", "trek"));          // 4 letters: exact only.
  EXPECT_EQ(search::TypoCost("picrad", "picard"), 1);
  EXPECT_FALSE(search::TypoCost("bicard", "picard"));      // First letter costs 2 > 1.
  EXPECT_EQ(search::TypoCost("godfathre", "godfather"), 1);
  EXPECT_EQ(search::TypoCost("kodfather", "godfather"), 2);  // 9 letters: a first-letter typo fits.
  EXPECT_FALSE(search::TypoCost("gdfathre", "godfather"));  // 8 letters, 2 edits.
}

}  // namespace
}  // namespace reel
