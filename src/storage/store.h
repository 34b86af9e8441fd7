// Store: the one interface through which reel reads and writes its data, composed
// of narrow per-feature interfaces: CatalogStore (titles, people; TitleReads),
// ReviewStore (reviews, ratings, scores), AccountStore, CommentStore, ArticleStore,
// CalendarStore (release-date history, follows, calendar settings), JobStore,
// SiteStore (schema, dump, counts), IngestReads, SearchStore, BrowseStore (the
// indexes and paged review lists) and RecommendStore (the recommender's inputs and
// stored neighbour lists), TriviaStore and ListStore. A domain module that
// needs one feature takes that interface.
//
// Callers (catalog, scoring, web, ingest, the CLI) see these headers and the model/
// headers; SqlStore (sql_store.h) implements them once over two drivers, SQLite
// (sqlite/) and PostgreSQL (postgres/), chosen by the URL Open() is given. Every
// method is safe to call from any thread at the same time: implementations keep a
// pool of connections. Reads return Result<T>; a missing row is NotFound, never an
// exception.
//
// Writes follow two rules. Catalog, review and rating, ingest and editor writes go
// through Write(): the body gets a StoreWriter bound to one transaction over many
// rows, which keeps the stored aggregates current; returning a failed Status (or any
// write failing) rolls the whole transaction back, so an import or a form post
// changes all or nothing. Upserts match rows by their natural key (slug, parent and
// number, user and title...), so applying the same data twice changes nothing. Each
// write of AccountStore, CommentStore and ArticleStore is one method and one
// transaction of its own. Reads that must agree with each other (a page) run inside
// Read(), on one snapshot.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "core/status.h"
#include "storage/account_store.h"
#include "storage/article_store.h"
#include "storage/browse_store.h"
#include "storage/calendar_store.h"
#include "storage/catalog_store.h"
#include "storage/comment_store.h"
#include "storage/ingest_store.h"
#include "storage/job_store.h"
#include "storage/recommend_store.h"
#include "storage/list_store.h"
#include "storage/review_store.h"
#include "storage/search_store.h"
#include "storage/site_store.h"
#include "storage/store_writer.h"
#include "storage/trivia_store.h"

namespace reel {

class Store : public CatalogStore,
              public ReviewStore,
              public AccountStore,
              public CommentStore,
              public ArticleStore,
              public CalendarStore,
              public TriviaStore,
              public ListStore,
              public JobStore,
              public SiteStore,
              public IngestReads,
              public SearchStore,
              public BrowseStore,
              public RecommendStore {
 public:
  ~Store() override = default;

  // Opens the store a URL names: "sqlite:PATH" (or a bare path) for SQLite,
  // "postgresql://..." for PostgreSQL. Applies pending migrations.
  static Result<std::unique_ptr<Store>> Open(const std::string& url);

  // Runs `body` in one write transaction (see the header comment).
  virtual Status Write(const std::function<Status(StoreWriter&)>& body) = 0;

  // Runs `body` with every read it makes through the store it is given (from this
  // thread) inside one read transaction on one connection, so all of them see one
  // snapshot of the data: a page reads what it shows consistently. Writes inside
  // `body` fail with FailedPrecondition (they would wait on the snapshot); a Read()
  // inside `body` just runs its body. Returns what `body` returns.
  virtual Status Read(const std::function<Status(Store&)>& body) = 0;

  // A number that changes whenever committed data changes: at once for writes
  // through this store, within about 100 ms for writes by other processes or servers
  // (SQLite: PRAGMA data_version; PostgreSQL: LISTEN/NOTIFY). Caches compare it to
  // know they are still valid. The first call starts a watcher thread.
  virtual uint64_t ChangeGeneration() = 0;
};

// Runs `load` (a function of Store& returning a Result<T>: a page's read model)
// inside store.Read(), so everything it reads comes from one snapshot, and returns
// what it returned.
template <typename Load>
std::invoke_result_t<Load&, Store&> ReadOnce(Store& store, Load&& load) {
  std::optional<std::invoke_result_t<Load&, Store&>> out;
  const Status st = store.Read([&](Store& snapshot) -> Status {
    out.emplace(load(snapshot));
    return out->ok() ? Status::Ok() : out->status();
  });
  if (!st.ok()) return st;
  return std::move(*out);
}

}  // namespace reel
