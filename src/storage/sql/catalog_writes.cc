// SqlWriter's catalog writes: titles, genres, people, credits, publications,
// release dates, videos and the critics consensus. None of them moves an aggregate;
// each write of a name updates its search documents (sql/search_index.h).
#include <string>

#include "core/date.h"
#include "core/text.h"
#include "storage/sql/search_index.h"
#include "storage/sql/writer.h"

namespace reel {

Result<Id> SqlWriter::UpsertTitle(const Title& t) {
  const bool top = t.kind == TitleKind::kFilm || t.kind == TitleKind::kSeries;
  if (top && !IsValidSlug(t.slug)) {
    return InvalidArgument("slug '" + t.slug + "' is not lowercase words joined by hyphens");
  }
  if (!top && (t.parent_id == 0 || t.number <= 0)) {
    return InvalidArgument(std::string(TitleKindName(t.kind)) + " needs a parent and a number > 0");
  }
  if (t.name.empty()) return InvalidArgument("title name is empty");
  static constexpr const char* kCols =
      "(kind, parent_id, number, slug, name, synopsis, consensus, release_date, "
      "release_precision, end_year, runtime_minutes, country, language, network, created_at, untitled, "
      "production_code, us_viewers) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) ";
  static constexpr const char* kSet =
      "DO UPDATE SET name = excluded.name, synopsis = excluded.synopsis, "
      "consensus = excluded.consensus, release_date = excluded.release_date, "
      "release_precision = excluded.release_precision, end_year = excluded.end_year, "
      "runtime_minutes = excluded.runtime_minutes, country = excluded.country, "
      "language = excluded.language, network = excluded.network, untitled = excluded.untitled, "
      "production_code = excluded.production_code, us_viewers = excluded.us_viewers RETURNING id";
  const std::string sql =
      std::string("INSERT INTO titles ") + kCols +
      (top ? "ON CONFLICT (kind, slug) WHERE parent_id IS NULL "
           : "ON CONFLICT (parent_id, number) WHERE parent_id IS NOT NULL ") +
      kSet;
  auto q = db_.Prepare(sql);
  if (q.ok()) {
    q->Bind(1, TitleKindName(t.kind)).BindIdOrNull(2, top ? 0 : t.parent_id).Bind(3, top ? 0 : t.number);
    if (top) q->Bind(4, t.slug); else q->BindNull(4);
    q->Bind(5, t.name).Bind(6, t.synopsis).Bind(7, t.consensus);
    if (t.release) {
      q->Bind(8, t.release->start.ToIso()).Bind(9, DatePrecisionName(t.release->precision));
    } else {
      q->BindNull(8).BindNull(9);
    }
    q->Bind(10, t.end_year).Bind(11, t.runtime_minutes).Bind(12, t.country).Bind(13, t.language)
        .Bind(14, t.network).Bind(15, now_).Bind(16, t.untitled ? 1 : 0).Bind(17, t.production_code)
        .Bind(18, t.us_viewers);
  }
  REEL_ASSIGN_OR_RETURN(const Id id, ReturningId(q));
  REEL_TRY(IndexTitle(db_, id));  // Findable (or, untitled, not) when this commits.
  return id;
}

Status SqlWriter::SetTitleGenres(Id title_id, const std::vector<std::string>& names) {
  REEL_ASSIGN_OR_RETURN(auto del, db_.Prepare("DELETE FROM title_genres WHERE title_id = ?"));
  REEL_TRY(del.Bind(1, title_id).Run());
  int pos = 0;
  for (const auto& name : names) {
    const std::string slug = Slugify(name);
    if (slug.empty()) return InvalidArgument("genre '" + name + "' has no letters or digits");
    auto g = db_.Prepare(
        "INSERT INTO genres(slug, name) VALUES (?, ?) "
        "ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING id");
    if (g.ok()) g->Bind(1, slug).Bind(2, name);
    REEL_ASSIGN_OR_RETURN(auto gid, ReturningId(g));
    REEL_ASSIGN_OR_RETURN(auto link, db_.Prepare(
        "INSERT INTO title_genres(title_id, genre_id, position) VALUES (?, ?, ?) "
        "ON CONFLICT DO NOTHING"));
    REEL_TRY(link.Bind(1, title_id).Bind(2, gid).Bind(3, pos++).Run());
  }
  return Status::Ok();
}

Result<Id> SqlWriter::UpsertPerson(const Person& p) {
  if (!IsValidSlug(p.slug)) return InvalidArgument("person slug '" + p.slug + "' is not valid");
  if (p.name.empty()) return InvalidArgument("person name is empty");
  auto q = db_.Prepare(
      "INSERT INTO people(slug, name, born, birthplace, bio) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, born = excluded.born, "
      "birthplace = excluded.birthplace, bio = excluded.bio RETURNING id");
  if (q.ok()) {
    q->Bind(1, p.slug).Bind(2, p.name);
    if (p.born) q->Bind(3, p.born->ToIso()); else q->BindNull(3);
    q->Bind(4, p.birthplace).Bind(5, p.bio);
  }
  REEL_ASSIGN_OR_RETURN(const Id id, ReturningId(q));
  REEL_TRY(IndexPerson(db_, id));
  return id;
}

Result<Id> SqlWriter::UpsertCredit(const Credit& c) {
  auto q = db_.Prepare(
      "INSERT INTO credits(title_id, person_id, kind, role, ord) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (title_id, person_id, kind, role) DO UPDATE SET ord = excluded.ord "
      "RETURNING id");
  if (q.ok()) {
    q->Bind(1, c.title_id).Bind(2, c.person_id).Bind(3, CreditKindName(c.kind)).Bind(4, c.role)
        .Bind(5, c.order);
  }
  REEL_ASSIGN_OR_RETURN(const Id id, ReturningId(q));
  REEL_TRY(IndexCredit(db_, id));
  return id;
}

Result<Id> SqlWriter::UpsertPublication(const Publication& p) {
  if (!IsValidSlug(p.slug)) return InvalidArgument("publication slug '" + p.slug + "' is not valid");
  auto q = db_.Prepare(
      "INSERT INTO publications(slug, name, url) VALUES (?, ?, ?) "
      "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, url = excluded.url RETURNING id");
  if (q.ok()) q->Bind(1, p.slug).Bind(2, p.name).Bind(3, p.url);
  REEL_ASSIGN_OR_RETURN(const Id id, ReturningId(q));
  REEL_TRY(IndexPublication(db_, id));
  return id;
}

// Release dates are history rows (migration 15): an import's statement matches the
// latest row of the same title, start, precision and region, whose label, source,
// status and time it updates; otherwise it is a new row.
Result<Id> SqlWriter::UpsertReleaseDate(const ReleaseDate& d) {
  const std::string precision = ReleasePrecisionName(PrecisionOf(d));
  const std::string at = PrecisionOf(d) == ReleasePrecision::kDayTime ? UtcTimestampOf(d.instant) : "";
  auto find = db_.Prepare(
      "SELECT id FROM release_dates WHERE title_id = ? AND date = ? AND precision = ? AND region = ? "
      "ORDER BY changed_at DESC, id DESC LIMIT 1");
  if (find.ok()) find->Bind(1, d.title_id).Bind(2, d.date.start.ToIso()).Bind(3, precision).Bind(4, d.region);
  REEL_ASSIGN_OR_RETURN(auto old, MaybeOne<Id>(find, [](auto& s) { return s.Int(0); }));
  if (old) {
    auto q = db_.Prepare(
        "UPDATE release_dates SET label = ?, source = ?, status = ?, at_utc = ?, time_zone = ? WHERE id = ? RETURNING id");
    if (q.ok()) {
      q->Bind(1, d.label).Bind(2, d.source).Bind(3, ReleaseStatusName(d.status)).BindTextOrNull(4, at)
          .Bind(5, d.time_zone).Bind(6, *old);
    }
    return ReturningId(q);
  }
  auto q = db_.Prepare(
      "INSERT INTO release_dates(title_id, date, precision, label, source, status, at_utc, time_zone, region, "
      "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (q.ok()) {
    q->Bind(1, d.title_id).Bind(2, d.date.start.ToIso()).Bind(3, precision).Bind(4, d.label).Bind(5, d.source)
        .Bind(6, ReleaseStatusName(d.status)).BindTextOrNull(7, at).Bind(8, d.time_zone).Bind(9, d.region)
        .Bind(10, d.changed_at.empty() ? UtcTimestamp() : d.changed_at);
  }
  return ReturningId(q);
}

Result<Id> SqlWriter::UpsertVideo(const Video& v) {
  auto q = db_.Prepare(
      "INSERT INTO videos(title_id, name, url, kind, duration_seconds, provider, thumbnail_url) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (title_id, url) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
      "duration_seconds = excluded.duration_seconds, provider = excluded.provider, "
      "thumbnail_url = excluded.thumbnail_url RETURNING id");
  if (q.ok()) {
    q->Bind(1, v.title_id).Bind(2, v.name).Bind(3, v.url).Bind(4, v.kind).Bind(5, v.duration_seconds)
        .Bind(6, v.provider).Bind(7, v.thumbnail_url);
  }
  return ReturningId(q);
}

Status SqlWriter::DeleteVideo(Id title_id, Id video_id) {
  auto q = db_.Prepare("DELETE FROM videos WHERE title_id = ? AND id = ? RETURNING id");
  if (q.ok()) q->Bind(1, title_id).Bind(2, video_id);
  return ExpectOneChanged(q, "video: no video " + std::to_string(video_id) + " of this title");
}

Status SqlWriter::SetConsensus(Id title_id, std::string_view text) {
  REEL_ASSIGN_OR_RETURN(auto q, db_.Prepare("UPDATE titles SET consensus = ? WHERE id = ? RETURNING id"));
  q.Bind(1, text).Bind(2, title_id);
  if (!q.Step()) return q.status().ok() ? NotFound("no title with id " + std::to_string(title_id)) : q.status();
  return q.Run();
}

}  // namespace reel
