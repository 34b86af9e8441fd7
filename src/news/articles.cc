#include "news/articles.h"

#include <algorithm>
#include <cctype>

#include "audience/critic_posts.h"
#include "catalog/title_paths.h"
#include "core/date.h"
#include "core/text.h"
#include "storage/store.h"

namespace reel::news {
namespace {

// The non-empty, trimmed pieces of `text` split at newlines and commas.
std::vector<std::string> Pieces(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : std::string(text) + "\n") {
    if (c == '\n' || c == ',' || c == '\r') {
      std::string t(Trim(cur));
      if (!t.empty()) out.push_back(t);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

Status CheckText(const Article& a) {
  if (a.headline.empty()) return InvalidArgument("headline: is required");
  if (!IsValidUtf8(a.headline) || a.headline.size() > kMaxHeadlineLength) {
    return InvalidArgument("headline: at most " + std::to_string(kMaxHeadlineLength) + " characters of text");
  }
  if (!IsValidSlug(a.slug)) return InvalidArgument("slug: lowercase words joined by hyphens, such as picard-season-2");
  if (!IsValidUtf8(a.body_markdown) || a.body_markdown.size() > kMaxBodyLength) {
    return InvalidArgument("body: at most " + std::to_string(kMaxBodyLength) + " characters of text");
  }
  if (!a.cover_url.empty() && !IsHttpsUrl(a.cover_url)) {
    return InvalidArgument("cover: an https:// address of an image, or empty");
  }
  return Status::Ok();
}

// Resolves the titles (page addresses) and people (slugs) a draft names.
Status ResolveLinks(Store& store, const ArticleDraft& draft, Article& a) {
  const auto titles = Pieces(draft.titles);
  const auto people = Pieces(draft.people);
  if (titles.size() > kMaxLinks) return InvalidArgument("titles: at most " + std::to_string(kMaxLinks));
  if (people.size() > kMaxLinks) return InvalidArgument("people: at most " + std::to_string(kMaxLinks));
  for (size_t i = 0; i < titles.size(); ++i) {
    auto t = catalog::FindTitleByPath(store, titles[i]);
    if (!t.ok()) {
      return InvalidArgument("titles: line " + std::to_string(i + 1) + ": no title page at " + titles[i]);
    }
    if (std::find(a.title_ids.begin(), a.title_ids.end(), t->title.id) == a.title_ids.end()) {
      a.title_ids.push_back(t->title.id);
    }
  }
  for (const auto& p : people) {
    std::string slug = p.rfind("/celebrity/", 0) == 0 ? p.substr(11) : p;
    auto person = store.FindPersonBySlug(slug);
    if (!person.ok()) return InvalidArgument("people: no person '" + p + "'");
    if (std::find(a.person_ids.begin(), a.person_ids.end(), person->id) == a.person_ids.end()) {
      a.person_ids.push_back(person->id);
    }
  }
  return Status::Ok();
}

}  // namespace

bool IsHttpsUrl(std::string_view url) {
  if (url.rfind("https://", 0) != 0 || url.size() <= 8 || url.size() > 2000) return false;
  for (unsigned char c : url) {
    if (c <= 0x20 || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c >= 0x7f) return false;
  }
  return url[8] != '/';
}

bool IsHttpUrl(std::string_view url) {
  if (url.rfind("http://", 0) == 0) return IsHttpsUrl("https://" + std::string(url.substr(7)));
  return IsHttpsUrl(url);
}

Result<std::vector<std::string>> ParseTags(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& piece : Pieces(text)) {
    const std::string tag = Slugify(piece);
    if (tag.empty() || tag.size() > 40) return InvalidArgument("tags: '" + piece + "' is not a tag (letters, digits)");
    if (std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(tag);
  }
  if (out.size() > kMaxTags) return InvalidArgument("tags: at most " + std::to_string(kMaxTags));
  std::sort(out.begin(), out.end());
  return out;
}

Result<Id> SaveArticle(Store& store, const User& editor, Id id, const ArticleDraft& draft) {
  if (!audience::IsEditor(editor)) return PermissionDenied("only editors write articles");
  Article a;
  a.id = id;
  a.headline = std::string(Trim(draft.headline));
  a.slug = Trim(draft.slug).empty() ? Slugify(a.headline) : std::string(Trim(draft.slug));
  a.body_markdown = std::string(Trim(draft.body));
  a.cover_url = std::string(Trim(draft.cover_url));
  REEL_TRY(CheckText(a));
  REEL_ASSIGN_OR_RETURN(a.tags, ParseTags(draft.tags));
  REEL_TRY(ResolveLinks(store, draft, a));
  a.author_id = editor.id;
  std::string published;
  if (id != 0) {
    REEL_ASSIGN_OR_RETURN(auto old, store.GetArticle(id));
    published = old.published_at;
    if (old.author_id != 0) a.author_id = old.author_id;  // The author stays who wrote it.
  }
  a.published_at = draft.publish ? (published.empty() ? UtcTimestamp() : published) : "";
  a.updated_at = UtcTimestamp();
  if (id == 0) {
    auto made = store.AddArticle(a);
    if (!made.ok() && made.status().code() == StatusCode::kAlreadyExists) {
      return AlreadyExists("slug: another article has the address /news/" + a.slug);
    }
    return made;
  }
  Status st = store.UpdateArticle(a);
  if (st.code() == StatusCode::kAlreadyExists) return AlreadyExists("slug: another article has the address /news/" + a.slug);
  REEL_TRY(st);
  return id;
}

Result<ArticleDraft> DraftOf(Store& store, Id id) {
  REEL_ASSIGN_OR_RETURN(auto a, store.GetArticle(id));
  ArticleDraft d{a.slug, a.headline, a.body_markdown, !a.published_at.empty(), a.cover_url, "", "", ""};
  for (const auto& t : a.tags) d.tags += (d.tags.empty() ? "" : ", ") + t;
  for (Id t : a.title_ids) {
    REEL_ASSIGN_OR_RETURN(auto title, store.GetTitle(t));
    const auto parents = catalog::LoadTitleParents(store, title);
    const std::string path = catalog::TitlePagePath(title, parents.season ? &*parents.season : nullptr,
                                                    parents.series ? &*parents.series : nullptr);
    if (!path.empty()) d.titles += path + "\n";
  }
  for (Id p : a.person_ids) {
    REEL_ASSIGN_OR_RETURN(auto person, store.GetPerson(p));
    d.people += person.slug + "\n";
  }
  return d;
}

Status RateArticle(Store& store, const User& reader, Id article_id, int stars) {
  if (stars < 1 || stars > 5) return InvalidArgument("stars: choose 1 to 5 stars");
  REEL_ASSIGN_OR_RETURN(auto a, store.GetArticle(article_id));
  if (a.published_at.empty()) return NotFound("no article " + std::to_string(article_id));
  return store.RateArticle(article_id, reader.id, stars, UtcTimestamp());
}

Status SaveAuthorBio(Store& store, const User& editor, Id author_id, std::string_view display_name,
                     std::string_view bio) {
  if (!audience::IsEditor(editor)) return PermissionDenied("only editors have author profiles");
  if (author_id != editor.id && editor.role != Role::kAdmin) return PermissionDenied("only admins edit another's bio");
  const std::string name(Trim(display_name));
  const std::string text(Trim(bio));
  if (!IsValidUtf8(name) || name.size() > 100) return InvalidArgument("name: at most 100 characters of text");
  if (!IsValidUtf8(text) || text.size() > kMaxBioLength) {
    return InvalidArgument("bio: at most " + std::to_string(kMaxBioLength) + " characters of text");
  }
  return store.SetAuthorProfile({author_id, name, text});
}

}  // namespace reel::news
