#include "web/html/blocks/reader_blocks.h"

#include "web/html/blocks/comments.h"
#include "web/html/blocks/rating_widget.h"
#include "web/html/blocks/staff_tools.h"

namespace reel::web {

catalog::PageReader ReaderOf(const std::optional<Viewer>& viewer, const Result<int64_t>& comments_page,
                             const catalog::ReviewListQuery& reviews) {
  return {viewer ? &viewer->user : nullptr, comments_page.ok() ? *comments_page : 1, reviews};
}

Status AddReaderBlocks(const Site& site, const HttpRequest& req, View& v, const std::optional<Viewer>& viewer,
                       const Title& title, const std::string& path, const catalog::ReaderParts& reader,
                       int64_t comments_page) {
  v.Set("rating", RatingWidget(viewer, title, path, reader.rating, site.today()));
  v.Set("staff", StaffTools(viewer, title, path, reader));
  return AddComments(site, req, v, reader.comments, comments_page, path);
}

}  // namespace reel::web
