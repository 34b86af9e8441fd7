#include "ingest/html_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace reel::ingest {
namespace {

// The document libxml2 makes of `html` (a fragment: it adds html and body), or null.
htmlDocPtr Parse(const std::string& html) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  return htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
}

bool IsBlock(const char* name) {
  static constexpr const char* kBlocks[] = {"p",  "div", "h1", "h2", "h3",         "h4", "h5", "h6", "li",
                                            "ul", "ol",  "tr", "table", "blockquote", "section", "article"};
  return std::any_of(std::begin(kBlocks), std::end(kBlocks), [&](const char* b) { return std::strcmp(name, b) == 0; });
}

// Calls `enter` for each node of the tree under `root` in document order and `leave`
// after its children, without recursion (the parser bounds the depth, this does not
// rely on it). `enter` returning false skips the node's children.
template <typename Enter, typename Leave>
void Walk(xmlNodePtr root, Enter enter, Leave leave) {
  xmlNodePtr n = root;
  while (n) {
    if (enter(n) && n->children) {
      n = n->children;
      continue;
    }
    leave(n);
    while (n && n != root && !n->next) {
      n = n->parent;
      if (n) leave(n);
    }
    if (!n || n == root) break;
    n = n->next;
  }
}

std::string Name(xmlNodePtr n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }

}  // namespace

std::string HtmlToText(std::string_view html) {
  htmlDocPtr doc = Parse(std::string(html));
  if (!doc) return "";
  std::string out;
  int pending_break = 0;  // Line breaks owed before the next text: 1 or 2.
  bool pending_space = false;
  auto text = [&](const char* s) {
    for (; *s; ++s) {
      const char c = *s;
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
        pending_space = true;
        continue;
      }
      if (!out.empty() && pending_break) {
        out.append(pending_break, '\n');
      } else if (!out.empty() && pending_space && out.back() != '\n') {
        out.push_back(' ');
      }
      pending_break = 0;
      pending_space = false;
      out.push_back(c);
    }
  };
  Walk(
      xmlDocGetRootElement(doc),
      [&](xmlNodePtr n) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
          if (n->content) text(reinterpret_cast<const char*>(n->content));
          return false;
        }
        if (n->type != XML_ELEMENT_NODE) return false;
        const std::string name = Name(n);
        if (name == "script" || name == "style") return false;
        if (name == "br") pending_break = std::max(pending_break, 1);
        if (IsBlock(name.c_str())) pending_break = 2;
        return true;
      },
      [&](xmlNodePtr n) {
        if (n->type == XML_ELEMENT_NODE && IsBlock(Name(n).c_str())) pending_break = 2;
      });
  xmlFreeDoc(doc);
  return out;
}

std::string DecodeEntities(std::string_view text) {
  if (text.find('&') == std::string_view::npos) return std::string(text);
  // Every '<' becomes a reference, so the parser sees only text and references.
  std::string html = "<p>";
  for (char c : text) {
    if (c == '<') {
      html += "&lt;";
    } else {
      html.push_back(c);
    }
  }
  html += "</p>";
  htmlDocPtr doc = Parse(html);
  if (!doc) return std::string(text);
  std::string out;
  Walk(
      xmlDocGetRootElement(doc),
      [&](xmlNodePtr n) {
        if (n->type == XML_TEXT_NODE && n->content) out += reinterpret_cast<const char*>(n->content);
        return n->type == XML_ELEMENT_NODE;
      },
      [](xmlNodePtr) {});
  xmlFreeDoc(doc);
  return out;
}

}  // namespace reel::ingest
