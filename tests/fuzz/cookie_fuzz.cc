// libFuzzer target for what the server reads from request headers (web/http/http.h):
// cookies (HttpRequest::Cookie), the client address behind a proxy
// (HttpRequest::ClientAddress with X-Forwarded-For) and header values a response may
// carry (SafeHeaderValue). The input's first byte splits it into a Cookie header and a
// name. Any crash, sanitizer report or broken invariant (a cookie value holding the
// separator, an address invented from nothing) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "web/http/http.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t split = std::min<size_t>(data[0], rest.size());
  reel::web::HttpRequest req;
  req.headers["cookie"] = std::string(rest.substr(split));
  req.headers["x-forwarded-for"] = std::string(rest.substr(0, split));
  req.remote = data[0] % 2 ? "127.0.0.1" : "192.0.2.1";
  const std::string name(rest.substr(0, split));
  for (const char* n : {"reel_session", "reel_form"}) {
    Check(req.Cookie(n).find(';') == std::string::npos);
  }
  Check(req.Cookie(name).find(';') == std::string::npos);
  const std::string client = req.ClientAddress();
  if (req.remote != "127.0.0.1") Check(client == req.remote);
  Check(reel::web::SafeHeaderValue(rest) ==
        (rest.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos));
  return 0;
}
