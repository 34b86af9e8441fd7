// Text out of HTML, through libxml2's HTML parser (Debian's libxml2), for importers
// whose sources write HTML or HTML character references where reel keeps plain
// text (reel escapes text once, when it renders a page).
//
//  * HtmlToText: a summary such as TVmaze's "<p>A <b>bold</b> &amp; true
//    story.</p><p>More.</p>" becomes "A bold & true story.\n\nMore.": tags dropped,
//    paragraphs (p, div, headings, list items) separated by a blank line, <br> a
//    line break, runs of white space one space, references decoded.
//  * DecodeEntities: plain text with character references ("Sacramento News &amp;
//    Review", "&#233;") decoded once; everything else, '<' included, stays as it is
//    (nothing is taken for a tag). Text without '&' is returned unchanged, unparsed.
//
// Both take and give UTF-8. Pure; any thread (libxml2 is initialised once).
#pragma once

#include <string>
#include <string_view>

namespace reel::ingest {

std::string HtmlToText(std::string_view html);
std::string DecodeEntities(std::string_view text);

}  // namespace reel::ingest
