// ListStore: lists of titles. One mechanism for every list: an editor's ranked
// list (editorial, at /lists/<slug>) and a reader's own. Each write is one method
// and one transaction of its own. Any thread.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/editorial.h"

namespace reel {

class ListStore {
 public:
  virtual ~ListStore() = default;

  // A new list with its entries (positions as given); its id. AlreadyExists when
  // the slug is taken (editorial lists share one namespace, a reader's are theirs).
  virtual Result<Id> CreateList(const TitleList& list, const std::vector<ListEntry>& entries) = 0;
  // Rewrites a list (by id) and replaces its entries.
  virtual Status UpdateList(const TitleList& list, const std::vector<ListEntry>& entries) = 0;
  virtual Result<TitleList> GetList(Id id) = 0;
  virtual Result<TitleList> FindEditorialList(std::string_view slug) = 0;
  // A list's entries by position.
  virtual Result<std::vector<ListEntry>> ListEntries(Id list_id) = 0;
  // Public editorial lists, newest updated first.
  virtual Result<std::vector<TitleList>> ListEditorialLists(int limit, int64_t offset) = 0;
  // Public editorial lists holding `title_id`, newest updated first.
  virtual Result<std::vector<TitleList>> ListListsWithTitle(Id title_id, int limit) = 0;
};

}  // namespace reel
