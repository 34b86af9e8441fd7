// SqlStore's calendar slice (storage/calendar_store.h): release-date history, the
// titles released between two days, follows and readers' calendar settings; and the
// release_dates row reader the catalog slice and the writer share. Every method may
// be called from any thread (each leases its own connection).
#include <algorithm>
#include <tuple>

#include "storage/sql/rows.h"
#include "storage/sql_store.h"

namespace reel {

ReleaseDate ReadReleaseDate(const SqlStmt& s, int c) {
  ReleaseDate d;
  d.id = s.Int(c);
  d.title_id = s.Int(c + 1);
  d.precision = ParseReleasePrecision(s.Text(c + 3)).value_or(ReleasePrecision::kDay);
  if (auto day = Date::Parse(s.Text(c + 2)); day.ok()) d.date = CoarseDate(*day, *d.precision);
  d.label = s.Text(c + 4);
  d.source = s.Text(c + 5);
  if (auto at = ParseUtcTimestamp(s.Text(c + 6)); at.ok() && !s.Text(c + 6).empty()) d.instant = *at;
  d.time_zone = s.Text(c + 7);
  d.status = ParseReleaseStatus(s.Text(c + 8)).value_or(ReleaseStatus::kAnnounced);
  d.region = s.Text(c + 9);
  d.changed_at = s.Text(c + 10);
  d.changed_by = s.Int(c + 11);
  return d;
}

Result<std::vector<ReleaseDate>> SqlStore::ListReleaseHistory(const std::vector<Id>& title_ids) {
  std::vector<ReleaseDate> out;
  if (title_ids.empty()) return out;
  REEL_TRY(WithRetry([&](Result<Lease>& db) -> Status {
    out.clear();
    REEL_TRY(db);
    return ForEachChunk(title_ids, [&](const std::vector<Id>& chunk) -> Status {
      REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare("SELECT " REEL_RELEASE_COLS " FROM release_dates WHERE title_id IN (" +
                                                   Placeholders(chunk.size()) + ")"));
      for (size_t i = 0; i < chunk.size(); ++i) q.Bind(static_cast<int>(i + 1), chunk[i]);
      while (q.Step()) out.push_back(ReadReleaseDate(q, 0));
      return q.status();
    });
  }));
  std::sort(out.begin(), out.end(), [](const ReleaseDate& a, const ReleaseDate& b) {
    return std::tie(a.changed_at, a.id) < std::tie(b.changed_at, b.id);
  });
  return out;
}

Result<Id> SqlStore::AddReleaseDate(const ReleaseDate& d, const FuzzyDate& title_date) {
  Id id = 0;
  REEL_TRY(WriteChange([&](SqlDb& db) -> Status {
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "INSERT INTO release_dates (title_id, date, precision, label, source, at_utc, time_zone, status, region, "
        "changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.Bind(1, d.title_id).Bind(2, d.date.start.ToIso())
        .Bind(3, ReleasePrecisionName(d.precision.value_or(ReleasePrecision::kDay))).Bind(4, d.label)
        .Bind(5, d.source).BindTextOrNull(6, d.precision == ReleasePrecision::kDayTime ? UtcTimestampOf(d.instant) : "")
        .Bind(7, d.time_zone).Bind(8, ReleaseStatusName(d.status)).Bind(9, d.region)
        .Bind(10, d.changed_at.empty() ? UtcTimestamp() : d.changed_at).BindIdOrNull(11, d.changed_by);
    if (!q.Step()) return q.status().ok() ? Internal("insert returned no id") : q.status();
    id = q.Int(0);
    REEL_TRY(q.Run());
    if (!d.region.empty()) return Status::Ok();  // A region's date leaves the title's own.
    auto tq = db.Prepare("UPDATE titles SET release_date = ?, release_precision = ? WHERE id = ? RETURNING id");
    if (tq.ok()) tq->Bind(1, title_date.start.ToIso()).Bind(2, DatePrecisionName(title_date.precision)).Bind(3, d.title_id);
    return ExpectOneChanged(tq, "no title " + std::to_string(d.title_id));
  }));
  return id;
}

Result<std::vector<CalendarRow>> SqlStore::ListReleasesBetween(const CalendarQuery& c) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<CalendarRow>> {
    auto q = (*db)->Prepare(
        "SELECT " REEL_TITLE_COLS("t") ", " REEL_TITLE_COLS("p") ", " REEL_TITLE_COLS("g") " FROM titles t "
        "LEFT JOIN titles p ON p.id = t.parent_id LEFT JOIN titles g ON g.id = p.parent_id "
        "WHERE t.release_date IS NOT NULL AND t.release_date >= ? AND t.release_date <= ? "
        "AND CASE WHEN t.release_precision = 'day' THEN 1 ELSE 0 END = ? "
        "AND ((t.kind = 'film' AND ? = 1) OR (t.kind IN ('season', 'episode') AND ? = 1)) "
        "AND NOT (t.kind = 'season' AND EXISTS (SELECT 1 FROM titles c WHERE c.parent_id = t.id)) "
        "AND (? = 0 OR COALESCE(g.id, p.id) = ?) "
        "AND (? = 0 OR EXISTS (SELECT 1 FROM follows f WHERE f.user_id = ? AND f.series_id = COALESCE(g.id, p.id))) "
        "AND " REEL_LISTED("t") " ORDER BY t.release_date, t.id LIMIT ?");
    if (q.ok()) {
      q->Bind(1, c.from.ToIso()).Bind(2, c.to.ToIso()).Bind(3, c.exact ? 1 : 0).Bind(4, c.films ? 1 : 0)
          .Bind(5, c.tv ? 1 : 0).Bind(6, c.series_id).Bind(7, c.series_id).Bind(8, c.follower_id)
          .Bind(9, c.follower_id).Bind(10, c.limit);
    }
    return Collect<CalendarRow>(q, [](auto& s) {
      CalendarRow r;
      r.title = ReadTitle(s, 0);
      if (!s.IsNull(kTitleColCount)) r.parent = ReadTitle(s, kTitleColCount);
      if (!s.IsNull(2 * kTitleColCount)) r.series = ReadTitle(s, 2 * kTitleColCount);
      return r;
    });
  });
}

Status SqlStore::SetFollow(Id user_id, Id series_id, bool follow, std::string_view now) {
  return WriteChange([&](SqlDb& db) -> Status {
    if (!follow) {
      REEL_ASSIGN_OR_RETURN(auto q, db.Prepare("DELETE FROM follows WHERE user_id = ? AND series_id = ?"));
      q.Bind(1, user_id).Bind(2, series_id);
      return q.Run();
    }
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "INSERT INTO follows (user_id, series_id, created_at) SELECT ?, id, ? FROM titles WHERE id = ? AND kind = 'series' "
        "ON CONFLICT (user_id, series_id) DO NOTHING"));
    q.Bind(1, user_id).Bind(2, now).Bind(3, series_id);
    return q.Run();
  });
}

Result<bool> SqlStore::IsFollowing(Id user_id, Id series_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<bool> {
    auto q = (*db)->Prepare("SELECT 1 FROM follows WHERE user_id = ? AND series_id = ?");
    if (q.ok()) q->Bind(1, user_id).Bind(2, series_id);
    REEL_ASSIGN_OR_RETURN(auto row, MaybeOne<int64_t>(q, [](auto& s) { return s.Int(0); }));
    return row.has_value();
  });
}

Result<std::vector<Title>> SqlStore::ListFollowedSeries(Id user_id, int limit, int offset) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Title>> {
    auto q = (*db)->Prepare("SELECT " REEL_TITLE_COLS("t") " FROM follows f JOIN titles t ON t.id = f.series_id "
                            "WHERE f.user_id = ? ORDER BY lower(t.name), t.id LIMIT ? OFFSET ?");
    if (q.ok()) q->Bind(1, user_id).Bind(2, limit).Bind(3, offset);
    return Collect<Title>(q, [](auto& s) { return ReadTitle(s, 0); });
  });
}

Result<CalendarSettings> SqlStore::GetCalendarSettings(Id user_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<CalendarSettings> {
    auto q = (*db)->Prepare("SELECT time_zone, CASE WHEN feed_hash IS NULL THEN 0 ELSE 1 END, feed_made_at FROM calendar_settings WHERE user_id = ?");
    if (q.ok()) q->Bind(1, user_id);
    REEL_ASSIGN_OR_RETURN(auto row, MaybeOne<CalendarSettings>(q, [](auto& s) {
      return CalendarSettings{s.Text(0), s.Int(1) != 0, s.Text(2)};
    }));
    return row.value_or(CalendarSettings{});
  });
}

Status SqlStore::SetCalendarZone(Id user_id, std::string_view time_zone) {
  return WriteChange([&](SqlDb& db) -> Status {
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "INSERT INTO calendar_settings (user_id, time_zone) VALUES (?, ?) "
        "ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone"));
    q.Bind(1, user_id).Bind(2, time_zone);
    return q.Run();
  });
}

Status SqlStore::SetFeedHash(Id user_id, std::string_view feed_hash, std::string_view now) {
  return WriteChange([&](SqlDb& db) -> Status {
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "INSERT INTO calendar_settings (user_id, feed_hash, feed_made_at) VALUES (?, ?, ?) "
        "ON CONFLICT (user_id) DO UPDATE SET feed_hash = excluded.feed_hash, feed_made_at = excluded.feed_made_at"));
    q.Bind(1, user_id).BindTextOrNull(2, feed_hash).Bind(3, feed_hash.empty() ? std::string_view() : now);
    return q.Run();
  });
}

Result<Id> SqlStore::FindFeedOwner(std::string_view feed_hash) {
  return WithRetry([&](Result<Lease>& db) -> Result<Id> {
    auto q = (*db)->Prepare("SELECT user_id FROM calendar_settings WHERE feed_hash = ?");
    if (q.ok()) q->Bind(1, feed_hash);
    return One<Id>(q, [](auto& s) { return s.Int(0); }, "no such calendar feed");
  });
}

}  // namespace reel
