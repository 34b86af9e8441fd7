#include "web/http/router.h"

#include <algorithm>

namespace reel::web {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    if (next > pos) out.push_back(path.substr(pos, next - pos));
    pos = next + 1;
  }
  return out;
}

void Router::Add(std::string method, std::string_view pattern, Handler handler) {
  Route r{std::move(method), std::string(pattern), {}, std::move(handler)};
  for (auto seg : SplitPath(pattern)) {
    const size_t open = seg.find('{');
    if (open == std::string_view::npos) {
      r.segments.push_back({std::string(seg), ""});
    } else {
      // "{name}" must close the segment.
      r.segments.push_back({std::string(seg.substr(0, open)),
                            std::string(seg.substr(open + 1, seg.size() - open - 2))});
    }
  }
  routes_.push_back(std::move(r));
}

bool Router::PathMatches(const Route& r, const std::vector<std::string_view>& parts, RouteParams* params) const {
  if (r.segments.size() != parts.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const Segment& s = r.segments[i];
    if (s.capture.empty()) {
      if (parts[i] != s.prefix) return false;
    } else {
      if (parts[i].size() <= s.prefix.size() || parts[i].substr(0, s.prefix.size()) != s.prefix) return false;
      if (params) params->emplace(s.capture, std::string(parts[i].substr(s.prefix.size())));
    }
  }
  return true;
}

std::string Router::AllowedMethods(std::string_view path) const {
  const auto parts = SplitPath(path);
  std::vector<std::string> methods;
  for (const Route& r : routes_) {
    if (!PathMatches(r, parts, nullptr)) continue;
    for (const std::string& m : r.method == "GET" ? std::vector<std::string>{"GET", "HEAD"}
                                                   : std::vector<std::string>{r.method}) {
      if (std::find(methods.begin(), methods.end(), m) == methods.end()) methods.push_back(m);
    }
  }
  std::string out;
  for (const auto& m : methods) out += (out.empty() ? "" : ", ") + m;
  return out;
}

int Router::RouteIndex(std::string_view method, std::string_view path) const {
  const auto parts = SplitPath(path);
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& r = routes_[i];
    if ((r.method == method || (method == "HEAD" && r.method == "GET")) && PathMatches(r, parts, nullptr)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

Router::MatchResult Router::Match(std::string_view method, std::string_view path,
                                  const Handler*& handler, RouteParams& params) const {
  const auto parts = SplitPath(path);
  bool path_matched = false;
  for (const Route& r : routes_) {
    RouteParams p;
    if (!PathMatches(r, parts, &p)) continue;
    path_matched = true;
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      handler = &r.handler;
      params = std::move(p);
      return MatchResult::kMatched;
    }
  }
  return path_matched ? MatchResult::kWrongMethod : MatchResult::kNoPath;
}

}  // namespace reel::web
