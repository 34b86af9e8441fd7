#include "news/articles.h"

#include "audience/critic_posts.h"
#include "core/date.h"
#include "core/text.h"
#include "storage/store.h"

namespace reel::news {

Result<Id> SaveArticle(ArticleStore& store, const User& editor, Id id, const ArticleDraft& draft) {
  if (!audience::IsEditor(editor)) return PermissionDenied("only editors write articles");
  Article a;
  a.id = id;
  a.headline = std::string(Trim(draft.headline));
  if (a.headline.empty()) return InvalidArgument("headline: is required");
  if (!IsValidUtf8(a.headline) || a.headline.size() > kMaxHeadlineLength) {
    return InvalidArgument("headline: at most " + std::to_string(kMaxHeadlineLength) + " characters of text");
  }
  a.slug = Trim(draft.slug).empty() ? Slugify(a.headline) : std::string(Trim(draft.slug));
  if (!IsValidSlug(a.slug)) return InvalidArgument("slug: lowercase words joined by hyphens, such as picard-season-2");
  a.body_markdown = std::string(Trim(draft.body));
  if (!IsValidUtf8(a.body_markdown) || a.body_markdown.size() > kMaxBodyLength) {
    return InvalidArgument("body: at most " + std::to_string(kMaxBodyLength) + " characters of text");
  }
  a.author_id = editor.id;
  std::string published;
  if (id != 0) {
    REEL_ASSIGN_OR_RETURN(auto old, store.GetArticle(id));
    published = old.published_at;
  }
  a.published_at = draft.publish ? (published.empty() ? UtcTimestamp() : published) : "";
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

}  // namespace reel::news
