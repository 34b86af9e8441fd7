#include "news/editorial.h"

#include "audience/critic_posts.h"
#include "catalog/title_paths.h"
#include "core/parse.h"
#include "core/text.h"
#include "news/articles.h"
#include "storage/store.h"

namespace reel::news {
namespace {

Status RequireEditor(const User& u) {
  return audience::IsEditor(u) ? Status::Ok() : PermissionDenied("role: only editors may do this");
}

// The fact, checked to belong to `title_id`.
Result<TriviaFact> FactOf(Store& store, Id title_id, Id fact_id) {
  REEL_ASSIGN_OR_RETURN(auto f, store.GetTrivia(fact_id));
  if (f.title_id != title_id) return NotFound("fact: no fact " + std::to_string(fact_id) + " of this title");
  return f;
}

std::string HostOf(std::string_view url) {
  const size_t start = url.find("://");
  if (start == std::string_view::npos) return "";
  std::string_view rest = url.substr(start + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  rest = rest.substr(0, rest.find(':'));
  std::string host(rest);
  for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  return host;
}

bool IsYoutubeIdChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

}  // namespace

Result<Id> SaveFact(Store& store, const User& editor, Id title_id, Id fact_id, std::string_view body,
                    std::string_view source_url) {
  REEL_TRY(RequireEditor(editor));
  TriviaFact f{fact_id, title_id, 0, std::string(Trim(body)), std::string(Trim(source_url))};
  if (f.body.empty()) return InvalidArgument("fact: is required");
  if (!IsValidUtf8(f.body) || f.body.size() > kMaxFactLength) {
    return InvalidArgument("fact: at most " + std::to_string(kMaxFactLength) + " characters of text");
  }
  if (!f.source_url.empty() && !IsHttpUrl(f.source_url)) return InvalidArgument("source: an http(s):// address, or empty");
  if (fact_id == 0) return store.AddTrivia(f);
  REEL_TRY(FactOf(store, title_id, fact_id).status());
  REEL_TRY(store.UpdateTrivia(f));
  return fact_id;
}

Status RemoveFact(Store& store, const User& editor, Id title_id, Id fact_id) {
  REEL_TRY(RequireEditor(editor));
  REEL_TRY(FactOf(store, title_id, fact_id).status());
  return store.DeleteTrivia(fact_id);
}

Status MoveFact(Store& store, const User& editor, Id title_id, Id fact_id, TriviaMove move) {
  REEL_TRY(RequireEditor(editor));
  REEL_TRY(FactOf(store, title_id, fact_id).status());
  return store.MoveTrivia(fact_id, move);
}

Result<int> ParseDuration(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return 0;
  int total = 0;
  int parts = 0;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t colon = text.find(':', start);
    const std::string_view part = text.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start);
    const auto n = ParseInt(part);
    if (!n || *n < 0 || *n > 100000 || ++parts > 3 || (parts > 1 && *n >= 60)) {
      return InvalidArgument("duration: minutes:seconds such as 2:31, or seconds");
    }
    total = total * 60 + static_cast<int>(*n);
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  return total;
}

std::string VideoProvider(std::string_view url) {
  const std::string host = HostOf(url);
  if (host == "youtube.com" || host == "m.youtube.com" || host == "youtu.be" || host == "youtube-nocookie.com") {
    return "youtube";
  }
  if (host == "vimeo.com" || host == "player.vimeo.com") return "vimeo";
  return host;
}

std::string YoutubeId(std::string_view url) {
  if (VideoProvider(url) != "youtube") return "";
  std::string_view id;
  if (const size_t v = url.find("v="); v != std::string_view::npos && HostOf(url) != "youtu.be") {
    id = url.substr(v + 2);
  } else if (const size_t e = url.find("/embed/"); e != std::string_view::npos) {
    id = url.substr(e + 7);
  } else if (HostOf(url) == "youtu.be") {
    id = url.substr(url.find("youtu.be/") == std::string_view::npos ? url.size() : url.find("youtu.be/") + 9);
  }
  size_t n = 0;
  while (n < id.size() && IsYoutubeIdChar(id[n])) ++n;
  return n == 11 ? std::string(id.substr(0, n)) : "";
}

Result<Id> AttachVideo(Store& store, const User& editor, Id title_id, const VideoDraft& d) {
  REEL_TRY(RequireEditor(editor));
  Video v;
  v.title_id = title_id;
  v.name = std::string(Trim(d.name));
  v.url = std::string(Trim(d.url));
  v.kind = std::string(Trim(d.kind));
  v.thumbnail_url = std::string(Trim(d.thumbnail_url));
  if (v.name.empty() || !IsValidUtf8(v.name) || v.name.size() > 200) return InvalidArgument("name: 1 to 200 characters");
  if (!IsHttpUrl(v.url)) return InvalidArgument("url: an http(s):// address of the video");
  if (v.kind != "trailer" && v.kind != "clip" && v.kind != "featurette" && v.kind != "interview") {
    return InvalidArgument("kind: trailer, clip, featurette or interview");
  }
  if (!v.thumbnail_url.empty() && !IsHttpsUrl(v.thumbnail_url)) {
    return InvalidArgument("thumbnail: an https:// address of an image, or empty");
  }
  REEL_ASSIGN_OR_RETURN(v.duration_seconds, ParseDuration(d.duration));
  v.provider = VideoProvider(v.url);
  Id id = 0;
  REEL_TRY(store.Write([&](StoreWriter& w) -> Status {
    REEL_ASSIGN_OR_RETURN(id, w.UpsertVideo(v));
    return Status::Ok();
  }));
  return id;
}

Status RemoveVideo(Store& store, const User& editor, Id title_id, Id video_id) {
  REEL_TRY(RequireEditor(editor));
  return store.Write([&](StoreWriter& w) { return w.DeleteVideo(title_id, video_id); });
}

namespace {

Result<std::vector<ListEntry>> ParseEntries(Store& store, std::string_view text) {
  std::vector<ListEntry> out;
  int line_no = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = Trim(text.substr(start, end - start));
    start = end + 1;
    ++line_no;
    if (line.empty()) continue;
    const size_t bar = line.find('|');
    const std::string path(Trim(line.substr(0, bar)));
    const std::string note(bar == std::string_view::npos ? "" : Trim(line.substr(bar + 1)));
    const std::string where = "entries: line " + std::to_string(line_no) + ": ";
    auto t = catalog::FindTitleByPath(store, path);
    if (!t.ok()) return InvalidArgument(where + "no title page at " + path);
    if (note.size() > 2000 || !IsValidUtf8(note)) return InvalidArgument(where + "a blurb of at most 2000 characters");
    for (const auto& e : out) {
      if (e.title_id == t->title.id) return InvalidArgument(where + path + " is listed twice");
    }
    out.push_back({t->title.id, static_cast<int>(out.size()) + 1, note});
  }
  if (out.size() > kMaxListEntries) return InvalidArgument("entries: at most " + std::to_string(kMaxListEntries));
  return out;
}

}  // namespace

Result<Id> SaveEditorialList(Store& store, const User& editor, Id list_id, const ListDraft& d) {
  REEL_TRY(RequireEditor(editor));
  TitleList l;
  l.id = list_id;
  l.owner_id = editor.id;
  l.name = std::string(Trim(d.name));
  l.slug = Trim(d.slug).empty() ? Slugify(l.name) : std::string(Trim(d.slug));
  l.description = std::string(Trim(d.description));
  l.ranked = d.ranked;
  l.visibility = d.published ? ListVisibility::kPublic : ListVisibility::kUnlisted;
  l.editorial = true;
  if (l.name.empty() || !IsValidUtf8(l.name) || l.name.size() > 200) return InvalidArgument("name: 1 to 200 characters");
  if (!IsValidSlug(l.slug)) return InvalidArgument("slug: lowercase words joined by hyphens");
  if (!IsValidUtf8(l.description) || l.description.size() > 5000) {
    return InvalidArgument("description: at most 5000 characters");
  }
  REEL_ASSIGN_OR_RETURN(auto entries, ParseEntries(store, d.entries));
  if (list_id == 0) {
    auto made = store.CreateList(l, entries);
    if (!made.ok() && made.status().code() == StatusCode::kAlreadyExists) {
      return AlreadyExists("slug: another list has the address /lists/" + l.slug);
    }
    return made;
  }
  REEL_ASSIGN_OR_RETURN(auto old, store.GetList(list_id));
  if (!old.editorial) return NotFound("no editorial list " + std::to_string(list_id));
  l.owner_id = old.owner_id;
  Status st = store.UpdateList(l, entries);
  if (st.code() == StatusCode::kAlreadyExists) return AlreadyExists("slug: another list has the address /lists/" + l.slug);
  REEL_TRY(st);
  return list_id;
}

Result<ListDraft> ListDraftOf(Store& store, Id list_id) {
  REEL_ASSIGN_OR_RETURN(auto l, store.GetList(list_id));
  if (!l.editorial) return NotFound("no editorial list " + std::to_string(list_id));
  ListDraft d{l.slug, l.name, l.description, "", l.ranked, l.visibility == ListVisibility::kPublic};
  REEL_ASSIGN_OR_RETURN(auto entries, store.ListEntries(list_id));
  for (const auto& e : entries) {
    REEL_ASSIGN_OR_RETURN(auto title, store.GetTitle(e.title_id));
    const auto parents = catalog::LoadTitleParents(store, title);
    d.entries += catalog::TitlePagePath(title, parents.season ? &*parents.season : nullptr,
                                        parents.series ? &*parents.series : nullptr);
    d.entries += e.note.empty() ? "\n" : " | " + e.note + "\n";
  }
  return d;
}

}  // namespace reel::news
