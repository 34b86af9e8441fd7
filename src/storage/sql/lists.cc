// SqlStore's lists of titles: one table for editors' ranked lists (editorial, at
// /lists/<slug>) and readers' own, and their entries by position. Every method may
// be called from any thread (each leases its own connection; writes are one
// transaction with their entries).
#include "storage/sql/rows.h"
#include "storage/sql_store.h"

namespace reel {
namespace {

#define REEL_LIST_COLS \
  "l.id, COALESCE(l.owner_id, 0), l.slug, l.name, l.description, l.ranked, l.visibility, l.editorial, " \
  "l.created_at, l.updated_at"

TitleList ReadList(const SqlStmt& s) {
  TitleList l;
  l.id = s.Int(0);
  l.owner_id = s.Int(1);
  l.slug = s.Text(2);
  l.name = s.Text(3);
  l.description = s.Text(4);
  l.ranked = s.Int(5) != 0;
  l.visibility = ParseListVisibility(s.Text(6)).value_or(ListVisibility::kPrivate);
  l.editorial = s.Int(7) != 0;
  l.created_at = s.Text(8);
  l.updated_at = s.Text(9);
  return l;
}

Status WriteEntries(SqlDb& db, Id list_id, const std::vector<ListEntry>& entries) {
  REEL_ASSIGN_OR_RETURN(auto del, db.Prepare("DELETE FROM list_entries WHERE list_id = ?"));
  REEL_TRY(del.Bind(1, list_id).Run());
  for (const auto& e : entries) {
    REEL_ASSIGN_OR_RETURN(auto found, db.Prepare("SELECT 1 FROM titles WHERE id = ?"));
    found.Bind(1, e.title_id);
    if (!found.Step()) return found.status().ok() ? NotFound("entries: no title " + std::to_string(e.title_id)) : found.status();
    REEL_TRY(found.Run());
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "INSERT INTO list_entries (list_id, title_id, position, note) VALUES (?, ?, ?, ?)"));
    REEL_TRY(q.Bind(1, list_id).Bind(2, e.title_id).Bind(3, e.position).Bind(4, e.note).Run());
  }
  return Status::Ok();
}

Result<std::vector<TitleList>> Lists(Result<SqlStmt>& q) { return Collect<TitleList>(q, ReadList); }

}  // namespace

Result<Id> SqlStore::CreateList(const TitleList& l, const std::vector<ListEntry>& entries) {
  Id id = 0;
  REEL_TRY(WriteChange([&](SqlDb& db) -> Status {
    const std::string now = UtcTimestamp();
    auto q = db.Prepare(
        "INSERT INTO lists (owner_id, slug, name, description, ranked, visibility, editorial, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (q.ok()) {
      q->BindIdOrNull(1, l.owner_id).Bind(2, l.slug).Bind(3, l.name).Bind(4, l.description).Bind(5, l.ranked ? 1 : 0)
          .Bind(6, ListVisibilityName(l.visibility)).Bind(7, l.editorial ? 1 : 0).Bind(8, now).Bind(9, now);
    }
    REEL_ASSIGN_OR_RETURN(id, ReturningId(q));
    return WriteEntries(db, id, entries);
  }));
  return id;
}

Status SqlStore::UpdateList(const TitleList& l, const std::vector<ListEntry>& entries) {
  return WriteChange([&](SqlDb& db) -> Status {
    auto q = db.Prepare(
        "UPDATE lists SET slug = ?, name = ?, description = ?, ranked = ?, visibility = ?, updated_at = ? "
        "WHERE id = ? RETURNING id");
    if (q.ok()) {
      q->Bind(1, l.slug).Bind(2, l.name).Bind(3, l.description).Bind(4, l.ranked ? 1 : 0)
          .Bind(5, ListVisibilityName(l.visibility)).Bind(6, UtcTimestamp()).Bind(7, l.id);
    }
    REEL_TRY(ExpectOneChanged(q, "no list " + std::to_string(l.id)));
    return WriteEntries(db, l.id, entries);
  });
}

Result<TitleList> SqlStore::GetList(Id id) {
  return WithRetry([&](Result<Lease>& db) -> Result<TitleList> {
    auto q = (*db)->Prepare("SELECT " REEL_LIST_COLS " FROM lists l WHERE l.id = ?");
    if (q.ok()) q->Bind(1, id);
    return One<TitleList>(q, ReadList, "no list " + std::to_string(id));
  });
}

Result<TitleList> SqlStore::FindEditorialList(std::string_view slug) {
  return WithRetry([&](Result<Lease>& db) -> Result<TitleList> {
    auto q = (*db)->Prepare("SELECT " REEL_LIST_COLS " FROM lists l WHERE l.slug = ? AND l.editorial = 1");
    if (q.ok()) q->Bind(1, slug);
    return One<TitleList>(q, ReadList, "no list '" + std::string(slug) + "'");
  });
}

Result<std::vector<ListEntry>> SqlStore::ListEntries(Id list_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<ListEntry>> {
    auto q = (*db)->Prepare(
        "SELECT title_id, position, note FROM list_entries WHERE list_id = ? ORDER BY position, id");
    if (q.ok()) q->Bind(1, list_id);
    return Collect<ListEntry>(q, [](auto& s) { return ListEntry{s.Int(0), static_cast<int>(s.Int(1)), s.Text(2)}; });
  });
}

Result<std::vector<TitleList>> SqlStore::ListEditorialLists(int limit, int64_t offset) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<TitleList>> {
    auto q = (*db)->Prepare("SELECT " REEL_LIST_COLS " FROM lists l WHERE l.editorial = 1 AND l.visibility = 'public' "
                            "ORDER BY l.updated_at DESC, l.id DESC LIMIT ? OFFSET ?");
    if (q.ok()) q->Bind(1, limit).Bind(2, offset);
    return Lists(q);
  });
}

Result<std::vector<TitleList>> SqlStore::ListListsWithTitle(Id title_id, int limit) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<TitleList>> {
    auto q = (*db)->Prepare("SELECT " REEL_LIST_COLS " FROM lists l WHERE l.editorial = 1 AND l.visibility = 'public' "
                            "AND EXISTS (SELECT 1 FROM list_entries e WHERE e.list_id = l.id AND e.title_id = ?) "
                            "ORDER BY l.updated_at DESC, l.id DESC LIMIT ?");
    if (q.ok()) q->Bind(1, title_id).Bind(2, limit);
    return Lists(q);
  });
}

}  // namespace reel
