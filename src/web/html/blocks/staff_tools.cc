#include "web/html/blocks/staff_tools.h"

#include "audience/critic_posts.h"

namespace reel::web {

View StaffTools(const std::optional<Viewer>& viewer, const Title& title, const std::string& page_path,
                const catalog::ReaderParts& reader) {
  View s;
  if (!viewer) return s;
  const User& u = viewer->user;
  const bool critic = catalog::ShowsCriticForm(u, title);
  const bool editor = audience::IsEditor(u) && title.kind != TitleKind::kEpisode;
  if (!critic && !editor) return s;
  s.Set("csrf", viewer->session.csrf_token);
  if (critic) {
    View c;
    c.Set("action", page_path + "/critic-review");
    if (reader.critic) c.Set("critic_name", reader.critic->name);
    const auto& mine = reader.critic_review;
    c.Set("has_review", mine.has_value());
    if (mine) {
      c.Set("quote", mine->quote);
      c.Set("grade", mine->grade_raw);
      c.Set("url", mine->url);
      c.Set("fresh", mine->sentiment == Sentiment::kFresh);
      c.Set("rotten", mine->sentiment == Sentiment::kRotten);
    }
    s.Set("critic_form", std::move(c));
  }
  if (editor) {
    View e;
    e.Set("action", page_path + "/consensus");
    e.Set("consensus", title.consensus);
    s.Set("consensus_form", std::move(e));
  }
  return s;
}

}  // namespace reel::web
