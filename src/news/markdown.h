// Articles' Markdown made into HTML with cmark-gfm (Debian's libcmark-gfm): the
// CommonMark text plus GitHub's tables, autolinks and strikethrough.
//
// What a reader's browser gets is inert whatever an editor typed: raw HTML is never
// passed through (cmark-gfm's safe mode; reel turns each piece of it into escaped
// text, so "<script>" shows as typed), and a link keeps its target only when it is
// http, https, mailto or relative (an image's only when http, https or relative);
// any other scheme (javascript:, data:, vbscript:, file:...) loses its target and
// stays as plain text. Pure functions; any thread.
#pragma once

#include <string>
#include <string_view>

namespace reel::news {

// The HTML of a Markdown text (UTF-8; invalid bytes are replaced).
std::string MarkdownToHtml(std::string_view markdown);

// The text of a Markdown text without markup, whitespace runs made one space, cut
// at a word boundary to at most `max_chars` bytes ("…" appended when cut): for
// summaries in lists, feeds and page descriptions.
std::string MarkdownToText(std::string_view markdown, size_t max_chars);

// Whether a link target may be kept: http(s), mailto or a relative address.
bool IsSafeLinkTarget(std::string_view url);

}  // namespace reel::news
