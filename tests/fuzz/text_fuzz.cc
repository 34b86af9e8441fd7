// libFuzzer target for text turned into HTML and back: a review's paragraphs
// (core/text.h Paragraphs) rendered through the mustache engine the site uses
// (kainjow, HTML-escaping by default) must carry no markup of the input's own;
// Slugify gives a valid slug or nothing; Truncate stays within its bound and keeps
// UTF-8 valid; imported HTML to text (ingest/html_text.h, libxml2) never crashes and
// gives UTF-8. Any crash, sanitizer report or broken invariant is a bug.
#include <kainjow/mustache.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/text.h"
#include "ingest/html_text.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  namespace mu = kainjow::mustache;
  static mu::mustache tmpl("{{#paragraphs}}<p>{{text}}</p>{{/paragraphs}}");
  mu::data list{mu::data::type::list};
  size_t paragraphs = 0;
  for (const std::string& p : reel::Paragraphs(text)) {
    Check(!p.empty());
    list.push_back(mu::data("text", p));
    ++paragraphs;
  }
  mu::data view;
  view.set("paragraphs", list);
  const std::string html = tmpl.render(view);
  // Only the template's own tags: one <p> and one </p> per paragraph, no quote.
  size_t opens = 0;
  for (char c : html) opens += c == '<';
  Check(opens == 2 * paragraphs);
  Check(html.find('"') == std::string::npos);

  const std::string slug = reel::Slugify(text);
  Check(slug.empty() || reel::IsValidSlug(slug));
  const size_t limit = size > 0 ? data[0] : 0;
  const std::string cut = reel::Truncate(text, limit);
  if (reel::IsValidUtf8(text)) {
    Check(reel::IsValidUtf8(cut));
    Check(cut == text || cut.size() <= limit + 3);
  }
  const std::string plain = reel::ingest::HtmlToText(text);
  const std::string decoded = reel::ingest::DecodeEntities(text);
  if (reel::IsValidUtf8(text)) Check(reel::IsValidUtf8(plain) && reel::IsValidUtf8(decoded));
  return 0;
}
