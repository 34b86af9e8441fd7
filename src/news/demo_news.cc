#include "news/demo_news.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "catalog/title_paths.h"
#include "core/embedded.h"
#include "core/text.h"
#include "news/articles.h"
#include "news/editorial.h"
#include "storage/store.h"

namespace reel::news {
namespace {

using Json = nlohmann::json;

std::string Text(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

Status Fail(std::string_view source, const std::string& where, const Status& st) {
  return InvalidArgument(std::string(source) + ": " + where + ": " + st.message());
}

Result<User> EnsureAuthor(Store& store, const Json& a) {
  const std::string name = Text(a, "username");
  if (auto u = store.FindUserByName(name); u.ok()) return u;
  User u;
  u.username = name;
  u.display_name = Text(a, "display_name");
  u.role = Role::kEditor;
  REEL_ASSIGN_OR_RETURN(u.id, store.CreateUser(u));
  REEL_TRY(store.SetAuthorProfile({u.id, u.display_name, Text(a, "bio")}));
  return u;
}

Result<bool> LoadArticle(Store& store, const Json& j) {
  if (store.FindArticleBySlug(Text(j, "slug")).ok()) return false;
  REEL_ASSIGN_OR_RETURN(auto author, store.FindUserByName(Text(j, "author")));
  Article a;
  a.slug = Text(j, "slug");
  a.headline = Text(j, "headline");
  a.body_markdown = Text(j, "body");
  a.author_id = author.id;
  a.published_at = Text(j, "published_at");
  a.created_at = a.published_at;
  a.updated_at = a.published_at;
  for (const auto& t : j.value("tags", Json::array())) a.tags.push_back(t.get<std::string>());
  for (const auto& t : j.value("titles", Json::array())) {
    REEL_ASSIGN_OR_RETURN(auto found, catalog::FindTitleByPath(store, t.get<std::string>()));
    a.title_ids.push_back(found.title.id);
  }
  for (const auto& p : j.value("people", Json::array())) {
    REEL_ASSIGN_OR_RETURN(auto person, store.FindPersonBySlug(p.get<std::string>()));
    a.person_ids.push_back(person.id);
  }
  REEL_TRY(store.AddArticle(a).status());
  return true;
}

Result<int> LoadFacts(Store& store, const Json& facts) {
  // Titles that had facts before this load keep theirs as they are.
  std::vector<Id> ids;
  std::vector<Id> had;
  for (const auto& f : facts) {
    REEL_ASSIGN_OR_RETURN(auto t, catalog::FindTitleByPath(store, Text(f, "title")));
    ids.push_back(t.title.id);
    REEL_ASSIGN_OR_RETURN(auto existing, store.ListTrivia(t.title.id));
    if (!existing.empty()) had.push_back(t.title.id);
  }
  int added = 0;
  for (size_t i = 0; i < facts.size(); ++i) {
    if (std::find(had.begin(), had.end(), ids[i]) != had.end()) continue;
    REEL_TRY(store.AddTrivia({0, ids[i], 0, Text(facts[i], "body"), Text(facts[i], "source")}).status());
    ++added;
  }
  return added;
}

Result<bool> LoadList(Store& store, const Json& j) {
  if (store.FindEditorialList(Text(j, "slug")).ok()) return false;
  REEL_ASSIGN_OR_RETURN(auto owner, store.FindUserByName(Text(j, "owner")));
  ListDraft d;
  d.slug = Text(j, "slug");
  d.name = Text(j, "name");
  d.description = Text(j, "description");
  for (const auto& e : j.value("entries", Json::array())) d.entries += Text(e, "title") + " | " + Text(e, "note") + "\n";
  REEL_TRY(SaveEditorialList(store, owner, 0, d).status());
  return true;
}

}  // namespace

Result<DemoNewsStats> LoadNewsJson(Store& store, std::string_view json, std::string_view source) {
  const Json doc = Json::parse(json, nullptr, false);
  if (!doc.is_object()) return InvalidArgument(std::string(source) + ": not a JSON object");
  DemoNewsStats stats;
  const Json authors = doc.value("authors", Json::array());
  for (size_t i = 0; i < authors.size(); ++i) {
    if (auto u = EnsureAuthor(store, authors[i]); !u.ok()) return Fail(source, "authors[" + std::to_string(i) + "]", u.status());
  }
  const Json articles = doc.value("articles", Json::array());
  for (size_t i = 0; i < articles.size(); ++i) {
    auto made = LoadArticle(store, articles[i]);
    if (!made.ok()) return Fail(source, "articles[" + std::to_string(i) + "]", made.status());
    stats.articles += *made ? 1 : 0;
  }
  auto facts = LoadFacts(store, doc.value("facts", Json::array()));
  if (!facts.ok()) return Fail(source, "facts", facts.status());
  stats.facts = *facts;
  const Json lists = doc.value("lists", Json::array());
  for (size_t i = 0; i < lists.size(); ++i) {
    auto made = LoadList(store, lists[i]);
    if (!made.ok()) return Fail(source, "lists[" + std::to_string(i) + "]", made.status());
    stats.lists += *made ? 1 : 0;
  }
  return stats;
}

Result<DemoNewsStats> LoadDemoNews(Store& store) {
  auto json = EmbeddedFile("data/demo/news.json");
  if (!json) return Internal("the demo news are not compiled in");
  return LoadNewsJson(store, *json, "data/demo/news.json");
}

}  // namespace reel::news
