// The search index's upkeep on one connection, inside the caller's transaction
// (sql/search.cc): the writes of names call these so that what they write is
// findable when they commit. Each Index* function replaces the documents of one
// row with what the row says now (none for a title an import could not name).
#pragma once

#include <cstdint>

#include "core/status.h"
#include "model/id.h"
#include "storage/search_store.h"
#include "storage/sql_db.h"

namespace reel {

// A film's, series' (and its seasons'), season's or episode's documents.
Status IndexTitle(SqlDb& db, Id title_id);
Status IndexPerson(SqlDb& db, Id person_id);
// A cast credit's character (its role); crew credits have none.
Status IndexCredit(SqlDb& db, Id credit_id);
Status IndexCritic(SqlDb& db, Id critic_id);
Status IndexPublication(SqlDb& db, Id publication_id);
// An article's document while it is published (has a publication time).
Status IndexArticle(SqlDb& db, Id article_id);
// Moves the popularity of a title's documents from `before` to `after` ratings
// plus reviews (the postings move only when the log2 scale does).
Status UpdateSearchPopularity(SqlDb& db, Id title_id, int64_t before, int64_t after);
// Empties the index and builds it again from every table it covers.
Result<SearchIndexStats> RebuildSearchIndexOn(SqlDb& db);
Result<SearchIndexStats> SearchIndexSizeOn(SqlDb& db);

}  // namespace reel
