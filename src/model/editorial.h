// Editorial content about titles beside articles: "Interesting facts" (trivia) and
// lists of titles. One list mechanism serves editors' ranked lists (editorial,
// shown at /lists/<slug>) and readers' own lists. Plain structs; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/id.h"

namespace reel {

// One "Interesting fact" about a title, in the order editors give (position 1..n).
struct TriviaFact {
  Id id = 0;
  Id title_id = 0;
  int position = 0;
  std::string body;
  std::string source_url;  // http(s) URL or empty.
};

enum class ListVisibility { kPublic, kUnlisted, kPrivate };
inline const char* ListVisibilityName(ListVisibility v) {
  return v == ListVisibility::kPublic ? "public" : v == ListVisibility::kUnlisted ? "unlisted" : "private";
}
inline std::optional<ListVisibility> ParseListVisibility(std::string_view name) {
  if (name == "public") return ListVisibility::kPublic;
  if (name == "unlisted") return ListVisibility::kUnlisted;
  if (name == "private") return ListVisibility::kPrivate;
  return std::nullopt;
}

struct TitleList {
  Id id = 0;
  Id owner_id = 0;
  std::string slug;
  std::string name;
  std::string description;
  bool ranked = true;
  ListVisibility visibility = ListVisibility::kPublic;
  bool editorial = false;  // Made by an editor: shown at /lists/<slug>.
  std::string created_at;
  std::string updated_at;
};

struct ListEntry {
  Id title_id = 0;
  int position = 0;  // 1..n.
  std::string note;  // The blurb an editor wrote for this entry.
};

}  // namespace reel
