// Editors' writes about titles beside articles, each checked here for the role and
// the input (errors name the form field): "Interesting facts" (added, edited,
// removed, moved up or down), videos attached to a title (trailers, clips,
// interviews as links; never a script or a frame unless the operator allows
// privacy-enhanced embeds, web/), and editorial lists of titles (ranked, with a
// blurb per entry, shown at /lists/<slug>; stored as lists flagged editorial, the
// one list mechanism readers' lists share). Any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/accounts.h"
#include "model/editorial.h"
#include "model/titles.h"
#include "storage/trivia_store.h"

namespace reel {
class Store;
}

namespace reel::news {

inline constexpr size_t kMaxFactLength = 1000;
inline constexpr size_t kMaxListEntries = 100;

// Adds (`fact_id` 0) or edits a fact of `title_id`: body 1..1000 characters
// ("fact: ..."), source empty or an http(s) URL ("source: ...").
Result<Id> SaveFact(Store& store, const User& editor, Id title_id, Id fact_id, std::string_view body,
                    std::string_view source_url);
// Removes or moves a fact of `title_id` (NotFound when it belongs to another title).
Status RemoveFact(Store& store, const User& editor, Id title_id, Id fact_id);
Status MoveFact(Store& store, const User& editor, Id title_id, Id fact_id, TriviaMove move);

struct VideoDraft {
  std::string name;
  std::string url;       // http(s).
  std::string kind;      // trailer, clip, featurette, interview.
  std::string duration;  // "2:31", "1:02:03" or seconds; may be empty.
  std::string thumbnail_url;  // https or empty.
};
// Attaches a video to a title (or updates the one with the same URL); the provider
// is found from the URL's host ("youtube", "vimeo", else the host).
Result<Id> AttachVideo(Store& store, const User& editor, Id title_id, const VideoDraft& draft);
Status RemoveVideo(Store& store, const User& editor, Id title_id, Id video_id);
// "2:31" -> 151; "" -> 0; InvalidArgument("duration: ...") otherwise.
Result<int> ParseDuration(std::string_view text);
// "https://www.youtube.com/watch?v=x" -> "youtube"; "https://vimeo.com/1" -> "vimeo";
// others: the host without "www.".
std::string VideoProvider(std::string_view url);
// The video id of a YouTube watch, youtu.be or embed address ("" when it is none).
std::string YoutubeId(std::string_view url);

struct ListDraft {
  std::string slug;  // Empty: made from the name.
  std::string name;
  std::string description;
  std::string entries;  // One a line: a title page address, then optionally " | " and the blurb.
  bool ranked = true;
  bool published = true;  // Public; otherwise unlisted (reachable by its address, listed nowhere).
};
// Creates (`list_id` 0) or rewrites an editorial list; its id. Entries keep their
// order; "entries: line 3: ..." names a bad one.
Result<Id> SaveEditorialList(Store& store, const User& editor, Id list_id, const ListDraft& draft);
// The draft form of a stored list.
Result<ListDraft> ListDraftOf(Store& store, Id list_id);

}  // namespace reel::news
