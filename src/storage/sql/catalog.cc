// SqlStore's catalog reads: titles (by id, slug, parent and number, in lists),
// their children, runs, genres, similar titles, release dates and videos; people
// and credits. Every method may be called from any thread (each leases its own
// connection, or takes the one a Read() pinned).
#include <algorithm>

#include "core/date.h"
#include "storage/sql/rows.h"
#include "storage/sql_store.h"

namespace reel {

Result<Title> TitleById(SqlDb& db, Id id) {
  auto q = db.Prepare("SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE t.id = ?");
  if (q.ok()) q->Bind(1, id);
  return One<Title>(q, [](auto& s) { return ReadTitle(s, 0); }, "no title with id " + std::to_string(id));
}

Result<Title> TitleBySlug(SqlDb& db, TitleKind kind, std::string_view slug) {
  auto q = db.Prepare("SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE t.kind = ? AND t.slug = ? AND t.parent_id IS NULL");
  if (q.ok()) q->Bind(1, TitleKindName(kind)).Bind(2, slug);
  return One<Title>(q, [](auto& s) { return ReadTitle(s, 0); },
                    std::string("no ") + TitleKindName(kind) + " '" + std::string(slug) + "'");
}

Result<Title> ChildOf(SqlDb& db, Id parent_id, int number) {
  auto q = db.Prepare("SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE t.parent_id = ? AND t.number = ?");
  if (q.ok()) q->Bind(1, parent_id).Bind(2, number);
  return One<Title>(q, [](auto& s) { return ReadTitle(s, 0); }, "no number " + std::to_string(number));
}

Result<Person> PersonById(SqlDb& db, Id id) {
  auto q = db.Prepare("SELECT " REEL_PERSON_COLS("p") " FROM people p WHERE p.id = ?");
  if (q.ok()) q->Bind(1, id);
  return One<Person>(q, [](auto& s) { return ReadPerson(s, 0); }, "no person with id " + std::to_string(id));
}

Result<Person> PersonBySlug(SqlDb& db, std::string_view slug) {
  auto q = db.Prepare("SELECT " REEL_PERSON_COLS("p") " FROM people p WHERE p.slug = ?");
  if (q.ok()) q->Bind(1, slug);
  return One<Person>(q, [](auto& s) { return ReadPerson(s, 0); }, "no person '" + std::string(slug) + "'");
}

Result<Title> SqlStore::GetTitle(Id id) {
  return WithRetry([&](Result<Lease>& db) { return TitleById(**db, id); });
}

Result<Title> SqlStore::FindTitleBySlug(TitleKind kind, std::string_view slug) {
  return WithRetry([&](Result<Lease>& db) { return TitleBySlug(**db, kind, slug); });
}

Result<Title> SqlStore::FindChild(Id parent_id, int number) {
  return WithRetry([&](Result<Lease>& db) { return ChildOf(**db, parent_id, number); });
}

Result<Person> SqlStore::GetPerson(Id id) {
  return WithRetry([&](Result<Lease>& db) { return PersonById(**db, id); });
}

Result<Person> SqlStore::FindPersonBySlug(std::string_view slug) {
  return WithRetry([&](Result<Lease>& db) { return PersonBySlug(**db, slug); });
}

Result<std::vector<Title>> SqlStore::GetTitles(const std::vector<Id>& ids) {
  if (ids.empty()) return std::vector<Title>{};
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Title>> {
    std::vector<Title> out;
    const std::string sql = "SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE t.id IN (" + Placeholders(kInChunk) + ")";
    REEL_TRY(ForEachChunk(ids, [&](const std::vector<Id>& chunk) -> Status {
      REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare(sql));
      for (size_t i = 0; i < chunk.size(); ++i) q.Bind(static_cast<int>(i + 1), chunk[i]);
      while (q.Step()) out.push_back(ReadTitle(q, 0));
      return q.status();
    }));
    std::sort(out.begin(), out.end(), [](const Title& a, const Title& b) { return a.id < b.id; });
    return out;
  });
}

Result<std::vector<Title>> SqlStore::ListChildren(Id parent_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Title>> {
    auto q = (*db)->Prepare("SELECT " REEL_TITLE_COLS("t")
                            " FROM titles t WHERE t.parent_id = ? ORDER BY t.number");
    if (q.ok()) q->Bind(1, parent_id);
    return Collect<Title>(q, [](auto& s) { return ReadTitle(s, 0); });
  });
}

Result<std::map<Id, std::vector<Title>>> SqlStore::ListChildrenFor(const std::vector<Id>& parent_ids) {
  if (parent_ids.empty()) return std::map<Id, std::vector<Title>>{};
  return WithRetry([&](Result<Lease>& db) -> Result<std::map<Id, std::vector<Title>>> {
    std::map<Id, std::vector<Title>> out;
    const std::string sql = "SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE t.parent_id IN (" +
                            Placeholders(kInChunk) + ") ORDER BY t.parent_id, t.number";
    REEL_TRY(ForEachChunk(parent_ids, [&](const std::vector<Id>& chunk) -> Status {
      REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare(sql));
      for (size_t i = 0; i < chunk.size(); ++i) q.Bind(static_cast<int>(i + 1), chunk[i]);
      while (q.Step()) {
        Title t = ReadTitle(q, 0);
        out[t.parent_id].push_back(std::move(t));
      }
      return q.status();
    }));
    return out;
  });
}

Result<std::map<Id, SeriesRun>> SqlStore::GetSeriesRunsFor(const std::vector<Id>& series_ids) {
  if (series_ids.empty()) return std::map<Id, SeriesRun>{};
  return WithRetry([&](Result<Lease>& db) -> Result<std::map<Id, SeriesRun>> {
    std::map<Id, SeriesRun> out;
    // ISO dates compare as text, so MAX gives the latest on both databases.
    const std::string sql =
        "SELECT s.parent_id, MAX(s.release_date), MAX(e.release_date), "
        "SUM(CASE WHEN s.release_date IS NULL AND e.id IS NULL THEN 1 ELSE 0 END) "
        "FROM titles s LEFT JOIN titles e ON e.parent_id = s.id "
        "WHERE s.kind = 'season' AND s.parent_id IN (" + Placeholders(kInChunk) + ") GROUP BY s.parent_id";
    REEL_TRY(ForEachChunk(series_ids, [&](const std::vector<Id>& chunk) -> Status {
      REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare(sql));
      for (size_t i = 0; i < chunk.size(); ++i) q.Bind(static_cast<int>(i + 1), chunk[i]);
      while (q.Step()) {
        SeriesRun run;
        for (int col : {1, 2}) {
          if (q.IsNull(col)) continue;
          auto d = Date::Parse(q.Text(col));
          if (d.ok() && (!run.last_release || *run.last_release < *d)) run.last_release = *d;
        }
        run.undated_season = q.Int(3) > 0;
        out[q.Int(0)] = run;
      }
      return q.status();
    }));
    return out;
  });
}

Result<std::vector<Title>> SqlStore::ListTitles(const TitleQuery& query) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Title>> {
    std::string sql = "SELECT " REEL_TITLE_COLS("t") " FROM titles t WHERE " REEL_LISTED("t");
    if (!query.kinds.empty()) sql += " AND t.kind IN (" + Placeholders(query.kinds.size()) + ")";
    if (query.released_on_or_before) sql += " AND t.release_date IS NOT NULL AND t.release_date <= ?";
    sql += query.order == TitleOrder::kName
               ? " ORDER BY lower(t.name), t.id"
               : " ORDER BY t.release_date IS NULL, t.release_date DESC, lower(t.name), t.id";
    sql += " LIMIT ? OFFSET ?";
    auto q = (*db)->Prepare(sql);
    if (q.ok()) {
      int i = 1;
      for (auto k : query.kinds) q->Bind(i++, TitleKindName(k));
      if (query.released_on_or_before) q->Bind(i++, query.released_on_or_before->ToIso());
      q->Bind(i, query.limit).Bind(i + 1, query.offset);
    }
    return Collect<Title>(q, [](auto& s) { return ReadTitle(s, 0); });
  });
}

Result<std::vector<Genre>> SqlStore::ListGenres(Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Genre>> {
    auto q = (*db)->Prepare(
        "SELECT g.id, g.slug, g.name FROM title_genres tg JOIN genres g ON g.id = tg.genre_id "
        "WHERE tg.title_id = ? ORDER BY tg.position, g.name");
    if (q.ok()) q->Bind(1, title_id);
    return Collect<Genre>(q, [](auto& s) { return Genre{s.Int(0), s.Text(1), s.Text(2)}; });
  });
}

Result<std::vector<Title>> SqlStore::ListSimilarByGenre(Id title_id, int limit) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Title>> {
    auto q = (*db)->Prepare(
        "SELECT " REEL_TITLE_COLS("t") ", COUNT(*) AS shared FROM title_genres mine "
        "JOIN title_genres other ON other.genre_id = mine.genre_id AND other.title_id <> mine.title_id "
        "JOIN titles t ON t.id = other.title_id "
        "WHERE mine.title_id = ? AND t.parent_id IS NULL AND t.untitled = 0 "
        "GROUP BY t.id ORDER BY shared DESC, t.release_date DESC NULLS LAST, t.name, t.id LIMIT ?");
    if (q.ok()) q->Bind(1, title_id).Bind(2, limit);
    return Collect<Title>(q, [](auto& s) { return ReadTitle(s, 0); });
  });
}

Result<std::vector<ReleaseDate>> SqlStore::ListReleaseDates(Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<ReleaseDate>> {
    auto q = (*db)->Prepare("SELECT " REEL_RELEASE_COLS " FROM release_dates WHERE title_id = ? ORDER BY id");
    if (q.ok()) q->Bind(1, title_id);
    return Collect<ReleaseDate>(q, [](auto& s) { return ReadReleaseDate(s, 0); });
  });
}

Result<std::vector<Video>> SqlStore::ListVideos(Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Video>> {
    auto q = (*db)->Prepare(
        "SELECT id, title_id, name, url, kind, duration_seconds, provider, thumbnail_url FROM videos "
        "WHERE title_id = ? ORDER BY id");
    if (q.ok()) q->Bind(1, title_id);
    return Collect<Video>(q, [](auto& s) {
      return Video{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), static_cast<int>(s.Int(5)),
                   s.Text(6), s.Text(7)};
    });
  });
}

Result<std::vector<CreditRow>> SqlStore::ListCredits(Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<CreditRow>> {
    auto q = (*db)->Prepare("SELECT " REEL_CREDIT_COLS("c") ", " REEL_PERSON_COLS("p")
                            " FROM credits c JOIN people p ON p.id = c.person_id WHERE c.title_id = ? "
                            "ORDER BY c.kind = 'crew', c.ord, c.id");
    if (q.ok()) q->Bind(1, title_id);
    return Collect<CreditRow>(q, [](auto& s) { return CreditRow{ReadCredit(s, 0), ReadPerson(s, 6)}; });
  });
}

Result<std::vector<PersonCreditRow>> SqlStore::ListPersonCredits(Id person_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<PersonCreditRow>> {
    auto q = (*db)->Prepare(
        "SELECT " REEL_CREDIT_COLS("c") ", " REEL_TITLE_COLS("t") ", " REEL_TITLE_COLS("p1") ", "
        REEL_TITLE_COLS("p2") " FROM credits c JOIN titles t ON t.id = c.title_id "
        "LEFT JOIN titles p1 ON p1.id = t.parent_id LEFT JOIN titles p2 ON p2.id = p1.parent_id "
        "WHERE c.person_id = ? AND " REEL_LISTED("t") " "
        "ORDER BY COALESCE(t.release_date, p1.release_date) DESC NULLS LAST, c.kind, c.ord, c.id");
    if (q.ok()) q->Bind(1, person_id);
    return Collect<PersonCreditRow>(q, [](auto& s) {
      PersonCreditRow row{ReadCredit(s, 0), ReadTitle(s, 6), std::nullopt, std::nullopt};
      const int p1 = 6 + kTitleColCount, p2 = p1 + kTitleColCount;
      if (!s.IsNull(p2)) {
        row.season = ReadTitle(s, p1);
        row.series = ReadTitle(s, p2);
      } else if (!s.IsNull(p1)) {
        row.series = ReadTitle(s, p1);
      }
      return row;
    });
  });
}

}  // namespace reel
