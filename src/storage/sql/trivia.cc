// SqlStore's "Interesting facts" (trivia): a title's facts in the order editors
// give them, positions 1..n kept dense by every write. Every method may be called
// from any thread (each leases its own connection; writes are one transaction).
#include "storage/sql/rows.h"
#include "storage/sql_store.h"

namespace reel {
namespace {

TriviaFact ReadFact(const SqlStmt& s) {
  return TriviaFact{s.Int(0), s.Int(1), static_cast<int>(s.Int(2)), s.Text(3), s.Text(4)};
}

Result<TriviaFact> FactById(SqlDb& db, Id id) {
  auto q = db.Prepare("SELECT id, title_id, position, body, source_url FROM trivia WHERE id = ?");
  if (q.ok()) q->Bind(1, id);
  return One<TriviaFact>(q, ReadFact, "fact: no fact " + std::to_string(id));
}

}  // namespace

Result<std::vector<TriviaFact>> SqlStore::ListTrivia(Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<TriviaFact>> {
    auto q = (*db)->Prepare(
        "SELECT id, title_id, position, body, source_url FROM trivia WHERE title_id = ? ORDER BY position, id");
    if (q.ok()) q->Bind(1, title_id);
    return Collect<TriviaFact>(q, ReadFact);
  });
}

Result<TriviaFact> SqlStore::GetTrivia(Id id) {
  return WithRetry([&](Result<Lease>& db) -> Result<TriviaFact> { return FactById(**db, id); });
}

Result<Id> SqlStore::AddTrivia(const TriviaFact& f) {
  if (f.body.empty()) return InvalidArgument("fact: is required");
  Id id = 0;
  REEL_TRY(WriteChange([&](SqlDb& db) -> Status {
    REEL_ASSIGN_OR_RETURN(auto found, db.Prepare("SELECT 1 FROM titles WHERE id = ?"));
    found.Bind(1, f.title_id);
    if (!found.Step()) return found.status().ok() ? NotFound("no title " + std::to_string(f.title_id)) : found.status();
    REEL_TRY(found.Run());
    auto q = db.Prepare(
        "INSERT INTO trivia (title_id, position, body, source_url, created_at) "
        "VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM trivia WHERE title_id = ?), ?, ?, ?) RETURNING id");
    if (q.ok()) q->Bind(1, f.title_id).Bind(2, f.title_id).Bind(3, f.body).Bind(4, f.source_url).Bind(5, UtcTimestamp());
    REEL_ASSIGN_OR_RETURN(id, ReturningId(q));
    return Status::Ok();
  }));
  return id;
}

Status SqlStore::UpdateTrivia(const TriviaFact& f) {
  if (f.body.empty()) return InvalidArgument("fact: is required");
  return WriteChange([&](SqlDb& db) -> Status {
    auto q = db.Prepare("UPDATE trivia SET body = ?, source_url = ? WHERE id = ? RETURNING id");
    if (q.ok()) q->Bind(1, f.body).Bind(2, f.source_url).Bind(3, f.id);
    return ExpectOneChanged(q, "fact: no fact " + std::to_string(f.id));
  });
}

Status SqlStore::DeleteTrivia(Id id) {
  return WriteChange([&](SqlDb& db) -> Status {
    REEL_ASSIGN_OR_RETURN(const TriviaFact f, FactById(db, id));
    REEL_ASSIGN_OR_RETURN(auto del, db.Prepare("DELETE FROM trivia WHERE id = ?"));
    REEL_TRY(del.Bind(1, id).Run());
    REEL_ASSIGN_OR_RETURN(auto up, db.Prepare(
        "UPDATE trivia SET position = position - 1 WHERE title_id = ? AND position > ?"));
    return up.Bind(1, f.title_id).Bind(2, f.position).Run();
  });
}

Status SqlStore::MoveTrivia(Id id, TriviaMove move) {
  return WriteChange([&](SqlDb& db) -> Status {
    REEL_ASSIGN_OR_RETURN(const TriviaFact f, FactById(db, id));
    const int other = f.position + (move == TriviaMove::kUp ? -1 : 1);
    REEL_ASSIGN_OR_RETURN(auto swap, db.Prepare(
        "UPDATE trivia SET position = ? WHERE title_id = ? AND position = ? RETURNING id"));
    swap.Bind(1, f.position).Bind(2, f.title_id).Bind(3, other);
    const bool moved = swap.Step();
    REEL_TRY(swap.status());
    REEL_TRY(swap.Run());
    if (!moved) return Status::Ok();  // Already first (or last).
    REEL_ASSIGN_OR_RETURN(auto self, db.Prepare("UPDATE trivia SET position = ? WHERE id = ?"));
    return self.Bind(1, other).Bind(2, id).Run();
  });
}

}  // namespace reel
