#include "web/html/render.h"

#include <kainjow/mustache.hpp>

#include <map>
#include <memory>

#include "core/embedded.h"

namespace reel::web {
namespace {

namespace mstch = kainjow::mustache;
constexpr std::string_view kDir = "src/web/html/templates/";

// Builds mustache data by moving each converted child into place: kainjow's set()
// and push_back() copy their argument, which would copy every subtree once per level.
mstch::data ToData(const View& v) {
  // An empty string is falsy, so {{#field}}...{{/field}} skips absent values.
  if (v.is_string()) return v.str().empty() ? mstch::data(false) : mstch::data(v.str());
  if (v.is_bool()) return mstch::data(v.boolean());
  if (v.is_list()) {
    mstch::data list(mstch::data::type::list);
    for (const auto& item : v.list()) {
      list.push_back(mstch::data(false));
      // The element is a non-const vector slot; list_value() only exposes it as const.
      const_cast<mstch::data&>(list.list_value().back()) = ToData(item);
    }
    return list;
  }
  mstch::data obj(mstch::data::type::object);
  for (const auto& [k, val] : v.object()) obj[k] = ToData(val);
  return obj;
}

// Replaces each {{> name}} with the partial's text, recursively, so a template is
// parsed once instead of parsing its partials again at every use (kainjow parses a
// partial each time it renders one, once per item inside a loop).
Result<std::string> InlinePartials(std::string text, int depth = 0) {
  if (depth > 8) return Internal("partials nest deeper than 8 levels");
  const std::string prefix = std::string(kDir) + "partials/";
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t open = text.find("{{>", pos);
    if (open == std::string::npos) break;
    const size_t close = text.find("}}", open);
    if (close == std::string::npos) return Internal("unclosed partial tag");
    std::string name(text.substr(open + 3, close - open - 3));
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    auto partial = EmbeddedFile(prefix + name + ".mustache");
    if (!partial) return Internal("no partial '" + name + "'");
    REEL_ASSIGN_OR_RETURN(const std::string inner, InlinePartials(std::string(*partial), depth + 1));
    out.append(text, pos, open - pos);
    out += inner;
    pos = close + 2;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

// Parsed templates of this thread, partials already inlined.
struct Templates {
  std::map<std::string, std::unique_ptr<mstch::mustache>, std::less<>> parsed;

  Result<mstch::mustache*> Get(std::string_view name) {
    auto it = parsed.find(name);
    if (it != parsed.end()) return it->second.get();
    auto text = EmbeddedFile(std::string(kDir) + std::string(name) + ".mustache");
    if (!text) return Internal("no template '" + std::string(name) + "'");
    auto full = InlinePartials(std::string(*text));
    if (!full.ok()) return Status(full.status().code(), "template " + std::string(name) + ": " + full.status().message());
    auto t = std::make_unique<mstch::mustache>(*full);
    if (!t->is_valid()) return Internal("template " + std::string(name) + ": " + t->error_message());
    auto* raw = t.get();
    parsed.emplace(std::string(name), std::move(t));
    return raw;
  }
};

Templates& ThreadTemplates() {
  thread_local Templates templates;
  return templates;
}

std::string Fnv1aHex(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", h);
  return buf;
}

}  // namespace

std::string_view StylesheetBody() {
  static const std::string_view body = EmbeddedFile("src/web/static/reel.css").value_or("");
  return body;
}

const std::string& StylesheetEtag() {
  static const std::string etag = "\"" + Fnv1aHex(StylesheetBody()) + "\"";
  return etag;
}

const std::string& StylesheetHref() {
  static const std::string href = "/static/reel.css?v=" + Fnv1aHex(StylesheetBody());
  return href;
}

Result<std::string> RenderPage(std::string_view name, const View& page, const PageFrame& frame) {
  Templates& t = ThreadTemplates();
  REEL_ASSIGN_OR_RETURN(auto body_tmpl, t.Get(name));
  REEL_ASSIGN_OR_RETURN(auto layout, t.Get("layout"));

  mstch::data data = ToData(page);
  std::string body = body_tmpl->render(data);
  if (!body_tmpl->is_valid()) return Internal("template " + std::string(name) + ": " + body_tmpl->error_message());

  mstch::data frame_data(mstch::data::type::object);
  frame_data["page_title"] = mstch::data(frame.title);
  frame_data["description"] = frame.description.empty() ? mstch::data(false) : mstch::data(frame.description);
  frame_data["canonical_path"] = frame.canonical_path.empty() ? mstch::data(false) : mstch::data(frame.canonical_path);
  frame_data["stylesheet"] = mstch::data(StylesheetHref());
  frame_data["body"] = mstch::data(std::move(body));
  if (!frame.nav.empty()) frame_data["nav_" + frame.nav] = mstch::data(true);
  frame_data["user_name"] = frame.user_name.empty() ? mstch::data(false) : mstch::data(frame.user_name);
  frame_data["csrf"] = mstch::data(frame.csrf);
  frame_data["is_editor"] = mstch::data(frame.editor);
  frame_data["is_admin"] = mstch::data(frame.admin);
  return layout->render(frame_data);
}

}  // namespace reel::web
