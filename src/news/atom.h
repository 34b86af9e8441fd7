// Atom 1.0 feeds (RFC 4287) of the news and of critic reviews: a feed with its id,
// title, updated time, self and alternate links, and entries each with an id, a
// title, an updated time, an author, an alternate link and escaped content. Ids
// are tag: URIs made from the site's host and the item's stable id, so they stay
// the same when the site moves behind another address. Pure; any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reel::news {

struct AtomEntry {
  std::string id;         // tag:host,2026:news/42
  std::string title;
  std::string link;       // Absolute URL of the entry's page.
  std::string updated;    // RFC 3339 ("2026-11-24T14:15:00Z"); a bare date gets T00:00:00Z.
  std::string published;  // Optional.
  std::string author;     // Name; "reel" when empty.
  std::string summary;    // Plain text.
  std::string content_html;  // HTML, sent escaped as type="html"; optional.
};

struct AtomFeed {
  std::string id;
  std::string title;
  std::string self;       // Absolute URL of the feed.
  std::string alternate;  // Absolute URL of the page it follows.
  std::string updated;    // Newest entry's, or the given fallback.
  std::vector<AtomEntry> entries;
};

// The feed's XML (UTF-8). Text that is not valid XML character data (control
// characters, invalid UTF-8) is replaced.
std::string RenderAtom(const AtomFeed& feed);

// "2026-11-24" -> "2026-11-24T00:00:00Z"; a full timestamp is kept; "" stays "".
std::string AtomTime(std::string_view stamp);

// XML-escapes text for element content and attribute values.
std::string XmlEscape(std::string_view text);

}  // namespace reel::news
