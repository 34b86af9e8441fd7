#include "news/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cctype>
#include <memory>
#include <mutex>
#include <vector>

#include "core/text.h"

namespace reel::news {
namespace {

constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;  // Never CMARK_OPT_UNSAFE.

struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// A relative address: no scheme before its first '/', '?' or '#'.
bool IsRelative(std::string_view url) {
  for (char c : url) {
    if (c == '/' || c == '?' || c == '#') return true;
    if (c == ':') return false;
    if (static_cast<unsigned char>(c) < 0x20 || c == '\\') return false;
  }
  return true;
}

bool IsSafeImageTarget(std::string_view url) {
  return StartsWithNoCase(url, "https://") || StartsWithNoCase(url, "http://") || IsRelative(url);
}

// Replaces `node` (raw HTML) by `replacement`, freeing it.
void Swap(cmark_node* node, cmark_node* replacement) {
  cmark_node_insert_before(node, replacement);
  cmark_node_unlink(node);
  cmark_node_free(node);
}

// Makes the tree inert: raw HTML becomes text, unsafe link and image targets go.
void Defuse(cmark_node* root) {
  std::vector<cmark_node*> html_inline, html_block;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_HTML_INLINE: html_inline.push_back(n); break;
      case CMARK_NODE_HTML_BLOCK: html_block.push_back(n); break;
      case CMARK_NODE_LINK: {
        const char* url = cmark_node_get_url(n);
        if (url && !IsSafeLinkTarget(url)) cmark_node_set_url(n, "");
        break;
      }
      case CMARK_NODE_IMAGE: {
        const char* url = cmark_node_get_url(n);
        if (url && !IsSafeImageTarget(url)) cmark_node_set_url(n, "");
        break;
      }
      default: break;
    }
  }
  cmark_iter_free(it);
  for (cmark_node* n : html_inline) {
    cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(text, cmark_node_get_literal(n));
    Swap(n, text);
  }
  for (cmark_node* n : html_block) {
    cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
    std::string literal = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
    while (!literal.empty() && (literal.back() == '\n' || literal.back() == '\r')) literal.pop_back();
    cmark_node_set_literal(text, literal.c_str());
    cmark_node_append_child(para, text);
    Swap(n, para);
  }
}

// A parsed document with its parser, which owns the list of extensions that
// rendering needs.
struct Parsed {
  std::unique_ptr<cmark_parser, ParserFree> parser;
  std::unique_ptr<cmark_node, NodeFree> doc;
  cmark_llist* extensions() const { return cmark_parser_get_syntax_extensions(parser.get()); }
};

Parsed Parse(std::string_view markdown) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  Parsed out;
  out.parser.reset(cmark_parser_new(kOptions));
  for (const char* name : {"table", "autolink", "strikethrough"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(out.parser.get(), ext);
    }
  }
  cmark_parser_feed(out.parser.get(), markdown.data(), markdown.size());
  out.doc.reset(cmark_parser_finish(out.parser.get()));
  return out;
}

std::string Take(char* s) {
  std::string out = s ? s : "";
  free(s);
  return out;
}

}  // namespace

bool IsSafeLinkTarget(std::string_view url) {
  return StartsWithNoCase(url, "https://") || StartsWithNoCase(url, "http://") || StartsWithNoCase(url, "mailto:") ||
         IsRelative(url);
}

std::string MarkdownToHtml(std::string_view markdown) {
  Parsed parsed = Parse(markdown);
  if (!parsed.doc) return "";
  Defuse(parsed.doc.get());
  return Take(cmark_render_html(parsed.doc.get(), kOptions, parsed.extensions()));
}

std::string MarkdownToText(std::string_view markdown, size_t max_chars) {
  Parsed parsed = Parse(markdown);
  if (!parsed.doc) return "";
  Defuse(parsed.doc.get());
  const std::string text = Take(cmark_render_plaintext(parsed.doc.get(), kOptions, 0));
  std::string flat;
  for (char c : text) {
    const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (space) {
      if (!flat.empty() && flat.back() != ' ') flat += ' ';
    } else {
      flat += c;
    }
  }
  return Truncate(Trim(flat), max_chars);
}

}  // namespace reel::news
