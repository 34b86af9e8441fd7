// The page numbers of a paged list (web/html/blocks/pager.h).
#include "web/html/blocks/pager.h"

#include <algorithm>

#include "catalog/title_paths.h"
#include "web/html/render.h"

namespace reel::web {

View PagerView(int64_t page, int64_t pages, const std::function<std::string(int64_t)>& href) {
  View out;
  if (pages <= 1 && page <= 1) return out;
  View list = View::MakeList();
  int64_t last_shown = 0;
  for (int64_t n : {int64_t{1}, page - 2, page - 1, page, page + 1, page + 2, pages}) {
    if (n < 1 || n > std::max(pages, page) || n <= last_shown) continue;
    if (n > last_shown + 1) list.Push(View().Set("gap", true));
    View item;
    item.Set("number", static_cast<long long>(n));
    item.Set("href", href(n));
    item.Set("current", n == page);
    list.Push(std::move(item));
    last_shown = n;
  }
  out.Set("show", true);
  out.Set("pages", std::move(list));
  if (page > 1) out.Set("prev_href", href(std::min(page - 1, std::max<int64_t>(pages, 1))));
  if (page < pages) out.Set("next_href", href(page + 1));
  return out;
}

View BrowseLinksView(const std::vector<Genre>& genres) {
  View list = View::MakeList();
  for (const auto& g : genres) list.Push(View().Set("name", g.name).Set("href", catalog::GenrePath(g)));
  View out;
  out.Set("has_genres", !genres.empty());
  out.Set("genres", std::move(list));
  return out;
}

HttpResponse BadQueryPage(const Status& status) {
  View v;
  v.Set("status", "400");
  v.Set("reason", "Bad request");
  v.Set("message", "This address asks for something we cannot show: " + status.message() + ".");
  HttpResponse res;
  res.status = 400;
  auto html = RenderPage("error", v, {"Bad request", "", "", ""});
  res.body = html.ok() ? std::move(*html) : "Bad request\n";
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

}  // namespace reel::web
