#include "web/html/render.h"

#include <kainjow/mustache.hpp>

#include <map>
#include <memory>

#include "core/embedded.h"

namespace reel::web {
namespace {

namespace mstch = kainjow::mustache;
constexpr std::string_view kDir = "src/web/html/templates/";

mstch::data ToData(const View& v) {
  // An empty string is falsy, so {{#field}}...{{/field}} skips absent values.
  if (v.is_string()) return v.str().empty() ? mstch::data(false) : mstch::data(v.str());
  if (v.is_bool()) return mstch::data(v.boolean());
  if (v.is_list()) {
    mstch::data list(mstch::data::type::list);
    for (const auto& item : v.list()) list.push_back(ToData(item));
    return list;
  }
  mstch::data obj(mstch::data::type::object);
  for (const auto& [k, val] : v.object()) obj.set(k, ToData(val));
  return obj;
}

// Parsed templates of this thread, and the partials as mustache data.
struct Templates {
  std::map<std::string, std::unique_ptr<mstch::mustache>, std::less<>> parsed;
  std::map<std::string, mstch::data> partials;  // Name -> template text.

  Templates() {
    const std::string prefix = std::string(kDir) + "partials/";
    for (const auto& e : EmbeddedFilesUnder(prefix)) {
      std::string name(e.path.substr(prefix.size()));
      name = name.substr(0, name.find('.'));
      partials.emplace(name, mstch::data(std::string(e.data)));
    }
  }

  Result<mstch::mustache*> Get(std::string_view name) {
    auto it = parsed.find(name);
    if (it != parsed.end()) return it->second.get();
    auto text = EmbeddedFile(std::string(kDir) + std::string(name) + ".mustache");
    if (!text) return Internal("no template '" + std::string(name) + "'");
    auto t = std::make_unique<mstch::mustache>(std::string(*text));
    if (!t->is_valid()) return Internal("template " + std::string(name) + ": " + t->error_message());
    auto* raw = t.get();
    parsed.emplace(std::string(name), std::move(t));
    return raw;
  }
};

// Looks partials up in their own table, so a partial may share its name with a
// value of the page ("credits" the partial, "credits" the list).
class PageContext : public mstch::context<std::string> {
 public:
  PageContext(const mstch::data* data, const std::map<std::string, mstch::data>* partials)
      : mstch::context<std::string>(data), partials_(partials) {}
  const mstch::data* get_partial(const std::string& name) const override {
    auto it = partials_->find(name);
    return it == partials_->end() ? nullptr : &it->second;
  }

 private:
  const std::map<std::string, mstch::data>* partials_;
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
  auto body_tmpl = t.Get(name);
  if (!body_tmpl.ok()) return body_tmpl.status();
  auto layout = t.Get("layout");
  if (!layout.ok()) return layout.status();

  mstch::data data = ToData(page);
  PageContext ctx(&data, &t.partials);
  std::string body = (*body_tmpl)->render(ctx);
  if (!(*body_tmpl)->is_valid()) return Internal("template " + std::string(name) + ": " + (*body_tmpl)->error_message());

  mstch::data frame_data(mstch::data::type::object);
  frame_data.set("page_title", frame.title);
  frame_data.set("description", frame.description);
  frame_data.set("canonical_path", frame.canonical_path);
  frame_data.set("stylesheet", StylesheetHref());
  frame_data.set("body", body);
  if (!frame.nav.empty()) frame_data.set("nav_" + frame.nav, true);
  return (*layout)->render(frame_data);
}

}  // namespace reel::web
