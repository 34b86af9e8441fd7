// Small text helpers shared by every layer: slugs, trimming, UTF-8 checks.
//
// Slugs are what URLs use for titles, people and publications: lowercase ASCII
// words joined by single hyphens ("star-trek-picard"). Pure functions; any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reel {

// "Star Trek: Picard" -> "star-trek-picard"; "Cristóbal Ríos" -> "cristobal-rios"
// (Latin letters with accents lose them; other non-ASCII is dropped). Returns ""
// when nothing sluggable is left.
std::string Slugify(std::string_view text);

// True for lowercase ASCII words of [a-z0-9] joined by single hyphens.
bool IsValidSlug(std::string_view slug);

std::string_view Trim(std::string_view s);

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);

// Splits plain text into paragraphs at blank lines; each paragraph is trimmed and
// keeps its single line breaks as spaces.
std::vector<std::string> Paragraphs(std::string_view text);

// First `max_chars` bytes of `s` cut at a word boundary with "…" appended when cut.
std::string Truncate(std::string_view s, size_t max_chars);

// `value` percent-encoded for a query string or a path segment (all but the
// unreserved characters: letters, digits and "-._~").
std::string EncodeUrlValue(std::string_view value);

}  // namespace reel
