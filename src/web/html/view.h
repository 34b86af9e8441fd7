// View: the data a template is rendered with, built by handlers.
//
// A small tree of strings, booleans, lists and objects, so that handlers build
// pages without including the mustache header; render.cc turns it into
// kainjow::mustache data. Values are HTML-escaped by the template ({{x}}); only
// {{{body}}} in the layout is inserted raw. A value type; no shared state.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace reel::web {

class View {
 public:
  using List = std::vector<View>;
  using Object = std::vector<std::pair<std::string, View>>;

  View() : v_(Object{}) {}                                  // An empty object.
  View(std::string s) : v_(std::move(s)) {}                 // NOLINT: implicit.
  View(const char* s) : v_(std::string(s)) {}              // NOLINT: implicit.
  View(bool b) : v_(b) {}                                   // NOLINT: implicit.
  View(int n) : v_(std::to_string(n)) {}                    // NOLINT: implicit.
  View(long n) : v_(std::to_string(n)) {}                   // NOLINT: implicit.
  View(long long n) : v_(std::to_string(n)) {}              // NOLINT: implicit.
  View(List l) : v_(std::move(l)) {}                        // NOLINT: implicit.

  static View MakeList() { return View(List{}); }

  // On an object: sets `key` (replacing an earlier value). Returns *this.
  View& Set(std::string key, View value);
  // On a list: appends. Returns *this.
  View& Push(View value);

  bool is_string() const { return std::holds_alternative<std::string>(v_); }
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  bool is_list() const { return std::holds_alternative<List>(v_); }
  bool is_object() const { return std::holds_alternative<Object>(v_); }
  const std::string& str() const { return std::get<std::string>(v_); }
  bool boolean() const { return std::get<bool>(v_); }
  const List& list() const { return std::get<List>(v_); }
  const Object& object() const { return std::get<Object>(v_); }
  size_t size() const { return is_list() ? list().size() : 0; }
  // The value at `key` of an object, or nullptr.
  const View* Get(std::string_view key) const;

 private:
  std::variant<std::string, bool, List, Object> v_;
};

}  // namespace reel::web
