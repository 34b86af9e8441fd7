#include "news/atom.h"

#include "core/text.h"

namespace reel::news {

std::string XmlEscape(std::string_view text) {
  const std::string valid = IsValidUtf8(text) ? std::string(text) : std::string();
  std::string out;
  out.reserve(valid.size());
  for (char ch : valid) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 allows no C0 controls but tab, newline and carriage return.
        if (c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
          out += ' ';
        } else {
          out += ch;
        }
    }
  }
  return out;
}

std::string AtomTime(std::string_view stamp) {
  if (stamp.size() == 10) return std::string(stamp) + "T00:00:00Z";
  return std::string(stamp);
}

namespace {

void Element(std::string& out, std::string_view indent, std::string_view name, std::string_view text) {
  out += std::string(indent) + "<" + std::string(name) + ">" + XmlEscape(text) + "</" + std::string(name) + ">\n";
}

}  // namespace

std::string RenderAtom(const AtomFeed& feed) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  Element(out, "  ", "id", feed.id);
  Element(out, "  ", "title", feed.title);
  std::string updated = feed.updated;
  for (const auto& e : feed.entries) updated = std::max(updated, AtomTime(e.updated));
  Element(out, "  ", "updated", AtomTime(updated));
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + XmlEscape(feed.self) + "\"/>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + XmlEscape(feed.alternate) + "\"/>\n";
  out += "  <author><name>reel</name></author>\n";
  out += "  <generator>reel</generator>\n";
  for (const auto& e : feed.entries) {
    out += "  <entry>\n";
    Element(out, "    ", "id", e.id);
    Element(out, "    ", "title", e.title);
    Element(out, "    ", "updated", AtomTime(e.updated));
    if (!e.published.empty()) Element(out, "    ", "published", AtomTime(e.published));
    out += "    <author><name>" + XmlEscape(e.author.empty() ? "reel" : e.author) + "</name></author>\n";
    out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + XmlEscape(e.link) + "\"/>\n";
    if (!e.summary.empty()) Element(out, "    ", "summary", e.summary);
    if (!e.content_html.empty()) {
      out += "    <content type=\"html\">" + XmlEscape(e.content_html) + "</content>\n";
    }
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace reel::news
