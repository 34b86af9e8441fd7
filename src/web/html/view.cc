#include "web/html/view.h"

namespace reel::web {

View& View::Set(std::string key, View value) {
  auto& obj = std::get<Object>(v_);
  for (auto& [k, v] : obj) {
    if (k == key) {
      v = std::move(value);
      return *this;
    }
  }
  obj.emplace_back(std::move(key), std::move(value));
  return *this;
}

View& View::Push(View value) {
  std::get<List>(v_).push_back(std::move(value));
  return *this;
}

const View* View::Get(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const auto& [k, v] : object()) {
    if (k == key) return &v;
  }
  return nullptr;
}

}  // namespace reel::web
