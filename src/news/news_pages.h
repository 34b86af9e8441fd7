// The read models of the news and editorial pages, each loaded from one store
// snapshot by its caller (ReadOnce): an article with everything seed 001 shows
// around its text, the /news index and an author's page (paged), the news block of
// a title page (latest articles of the title or its series, its facts, its videos,
// the editorial lists holding it), and an editorial list with its titles' scores.
// Plain structs and loaders; any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/reader.h"
#include "catalog/title_facts.h"
#include "core/status.h"
#include "model/articles.h"
#include "model/editorial.h"
#include "model/people.h"
#include "model/score_counts.h"
#include "model/titles.h"

namespace reel {
class Store;
}

namespace reel::news {

inline constexpr int kArticlesPerPage = 20;
inline constexpr int kListsPerPage = 20;
inline constexpr int64_t kMaxPage = 100000;

// A title with where it is and what readers call it.
struct TitleRef {
  Title title;
  std::string path;  // "/tv/star-trek-picard/s02".
  std::string name;  // "Star Trek: Picard, Season 2".
};

// One row of a linked season's release-date table, from the catalog.
struct EpisodeDate {
  std::string code;  // "2x01"
  std::string name;
  std::string path;
  std::optional<FuzzyDate> date;
};

struct SeasonDates {
  TitleRef season;
  std::optional<FuzzyDate> premiere;  // The season's own release date.
  std::vector<EpisodeDate> episodes;
};

struct ArticlePage {
  Article article;
  std::string author_username;  // Empty when the author is gone.
  std::string author_name;
  std::string author_bio;
  std::vector<TitleRef> titles;
  std::vector<Person> people;
  std::vector<SeasonDates> seasons;  // For each linked season.
  std::vector<CreditRow> cast;       // Of the first linked title with a cast.
  std::vector<TriviaFact> facts;     // Of the linked titles (and their series).
  ArticleRatingSummary rating;
  std::vector<ArticleCard> related;
  std::vector<TitleList> lists;  // Editorial lists holding a linked title.
  catalog::CommentsPart comments;
};

// NotFound for a draft or an unknown slug.
Result<ArticlePage> LoadArticlePage(Store& store, std::string_view slug, Id viewer_id, int64_t comments_page);

struct NewsIndexPage {
  std::vector<ArticleCard> articles;
  bool has_next = false;
  std::optional<TitleRef> title;  // The ?title= filter, when given.
};
// `title_path` empty or a title page address ("title: ..." when it names none).
Result<NewsIndexPage> LoadNewsIndex(Store& store, std::string_view tag, std::string_view title_path, int64_t page);

struct AuthorPage {
  User user;
  AuthorProfile profile;
  std::vector<ArticleCard> articles;
  bool has_next = false;
};
// NotFound for an unknown username, a closed account or one who wrote nothing.
Result<AuthorPage> LoadAuthorPage(Store& store, std::string_view username, int64_t page);

// The news block of a title page.
struct TitleNews {
  std::vector<ArticleCard> articles;  // Latest, of the title or its series.
  std::vector<TriviaFact> facts;
  std::vector<Video> videos;
  std::vector<TitleList> lists;
};
// `series_id` 0 for films and series.
Result<TitleNews> LoadTitleNews(Store& store, Id title_id, Id series_id);

struct ListPageEntry {
  ListEntry entry;
  TitleRef title;
};
struct ListPage {
  TitleList list;
  std::string owner_name;
  std::vector<ListPageEntry> entries;
  catalog::TitleFacts facts;  // Of the entries' titles: what their cards show.
};
// NotFound for an unknown slug or a private list.
Result<ListPage> LoadEditorialList(Store& store, std::string_view slug, Date today);

struct ListsIndexPage {
  std::vector<TitleList> lists;
  bool has_next = false;
};
Result<ListsIndexPage> LoadListsIndex(Store& store, int64_t page);

// What readers call a title and its page address, reading its parents.
Result<TitleRef> RefOf(Store& store, const Title& title);

}  // namespace reel::news
