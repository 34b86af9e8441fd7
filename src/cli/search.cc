// `reel search reindex`: rebuilds the search index from the catalog, the critics,
// the publications and the published articles (the writes keep it current; this
// is for a store whose index is suspect, or after a bulk load outside reel), and
// `reel search query TEXT`: what the site's search answers, one line a result.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "core/date.h"
#include "search/search.h"
#include "storage/store.h"

namespace reel::cli {
namespace {

Status Reindex(const std::string& db) {
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  const auto start = std::chrono::steady_clock::now();
  REEL_ASSIGN_OR_RETURN(const auto stats, store->RebuildSearchIndex());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("search index: %lld documents, %lld words, %lld postings, %lld typo keys in %.1f s\n",
              static_cast<long long>(stats.docs), static_cast<long long>(stats.words),
              static_cast<long long>(stats.postings), static_cast<long long>(stats.typo_keys), seconds);
  return Status::Ok();
}

struct QueryFlags {
  std::string text, kind;
  int page = 1;
};

Status Query(const std::string& db, const QueryFlags& f) {
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  search::Query q{f.text, f.kind, f.page, 20};
  REEL_ASSIGN_OR_RETURN(auto r, ReadOnce(*store, [&](Store& s) { return search::Run(s, q, UtcTimestamp()); }));
  for (const auto& h : r.hits) {
    std::printf("%s\t%s\t%d\t%s\n", h.doc.kind.c_str(), h.doc.label.c_str(), h.doc.year, h.path.c_str());
  }
  if (!r.did_you_mean.empty()) std::printf("did you mean: %s\n", r.did_you_mean.c_str());
  return Status::Ok();
}

}  // namespace

void AddSearchCommands(Commands& c) {
  auto* search = c.app().add_subcommand("search", "Search: reindex, query");
  search->require_subcommand(1);
  auto* reindex = search->add_subcommand("reindex", "Rebuild the search index from the store's data");
  c.AddDb(reindex);
  c.On(reindex, [&c] { return ExitStatus(Reindex(c.db())); });
  auto f = std::make_shared<QueryFlags>();
  auto* query = search->add_subcommand("query", "Print what the site's search finds: kind, name, year, page");
  query->add_option("text", f->text, "The query")->required();
  query->add_option("--type", f->kind, "Only this kind (film, series, person, ...)");
  query->add_option("--page", f->page, "The page of results (20 a page)");
  c.AddDb(query);
  c.On(query, [&c, f] { return ExitStatus(Query(c.db(), *f)); });
}

}  // namespace reel::cli
