// SqlStore's ingest slice: the StoreWriter methods bulk importers use (store.h,
// "Ingest") and the Store reads of external ids, tags and external ratings. The
// "Checked" writes read the row by its natural key first and go through the plain
// upserts (sql/catalog_writes.cc, sql/writer.cc) only when something differs, so
// aggregates move exactly as they do for any other write.
#include <optional>
#include <string>

#include "core/text.h"
#include "storage/sql/rows.h"
#include "storage/sql/writer.h"
#include "storage/sql_store.h"

namespace reel {
namespace {

bool SameRelease(const std::optional<FuzzyDate>& a, const std::optional<FuzzyDate>& b) {
  if (!a || !b) return !a && !b;
  return a->start == b->start && a->precision == b->precision;
}

bool SameTitleFields(const Title& a, const Title& b) {
  return a.kind == b.kind && a.name == b.name && a.synopsis == b.synopsis && a.consensus == b.consensus &&
         SameRelease(a.release, b.release) && a.end_year == b.end_year && a.runtime_minutes == b.runtime_minutes &&
         a.country == b.country && a.language == b.language && a.network == b.network &&
         a.untitled == b.untitled && a.production_code == b.production_code && a.us_viewers == b.us_viewers;
}

// Looks up the value of `column` in `table` for (source, value).
Result<std::optional<Id>> ExternalOwner(SqlDb& db, const char* sql, std::string_view source, std::string_view value) {
  REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(sql));
  q.Bind(1, source).Bind(2, value);
  std::optional<Id> out;
  if (q.Step()) {
    out = q.Int(0);
    REEL_TRY(q.Run());
  }
  REEL_TRY(q.status());
  return out;
}

Result<std::string> ExternalValue(SqlDb& db, const char* sql, Id owner, std::string_view source) {
  REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(sql));
  q.Bind(1, owner).Bind(2, source);
  std::string out;
  if (q.Step()) {
    out = q.Text(0);
    REEL_TRY(q.Run());
  }
  REEL_TRY(q.status());
  return out;
}

// Points (source, value) of an external-id table at `owner`.
Result<StoreWriter::Change> SetExternal(SqlDb& db, const std::string& table, const std::string& owner_col, Id owner,
                                        std::string_view source, std::string_view value) {
  if (source.empty() || value.empty()) return InvalidArgument("an external id needs a source and a value");
  REEL_ASSIGN_OR_RETURN(auto now,
                        ExternalOwner(db, ("SELECT " + owner_col + " FROM " + table + " WHERE source = ? AND value = ?").c_str(),
                                      source, value));
  if (now && *now == owner) return StoreWriter::Change::kUnchanged;
  REEL_ASSIGN_OR_RETURN(auto q,
                        db.Prepare(now ? "UPDATE " + table + " SET " + owner_col + " = ? WHERE source = ? AND value = ?"
                                       : "INSERT INTO " + table + "(" + owner_col + ", source, value) VALUES (?, ?, ?)"));
  REEL_TRY(q.Bind(1, owner).Bind(2, source).Bind(3, value).Run());
  return now ? StoreWriter::Change::kUpdated : StoreWriter::Change::kInserted;
}

}  // namespace

Result<std::optional<Id>> SqlWriter::FindTitleIdByExternalId(std::string_view source, std::string_view value) {
  return ExternalOwner(db_, "SELECT title_id FROM external_ids WHERE source = ? AND value = ?", source, value);
}

Result<std::optional<Id>> SqlWriter::FindPersonIdByExternalId(std::string_view source, std::string_view value) {
  return ExternalOwner(db_, "SELECT person_id FROM person_external_ids WHERE source = ? AND value = ?", source,
                       value);
}

Result<std::string> SqlWriter::TitleExternalId(Id title_id, std::string_view source) {
  return ExternalValue(db_, "SELECT value FROM external_ids WHERE title_id = ? AND source = ? ORDER BY value",
                       title_id, source);
}

Result<std::string> SqlWriter::PersonExternalId(Id person_id, std::string_view source) {
  return ExternalValue(db_,
                       "SELECT value FROM person_external_ids WHERE person_id = ? AND source = ? ORDER BY value",
                       person_id, source);
}

Result<StoreWriter::Change> SqlWriter::SetTitleExternalId(Id title_id, std::string_view source,
                                                          std::string_view value) {
  return SetExternal(db_, "external_ids", "title_id", title_id, source, value);
}

Result<StoreWriter::Change> SqlWriter::SetPersonExternalId(Id person_id, std::string_view source,
                                                           std::string_view value) {
  return SetExternal(db_, "person_external_ids", "person_id", person_id, source, value);
}

Result<std::string> SqlWriter::TitleSource(Id title_id) {
  auto q = db_.Prepare("SELECT source FROM title_sources WHERE title_id = ?");
  if (q.ok()) q->Bind(1, title_id);
  REEL_ASSIGN_OR_RETURN(auto source, MaybeOne<std::string>(q, [](auto& s) { return s.Text(0); }));
  return source.value_or("");
}

Status SqlWriter::SetTitleSource(Id title_id, std::string_view source) {
  REEL_ASSIGN_OR_RETURN(auto q,
                        db_.Prepare("INSERT INTO title_sources(title_id, source) VALUES (?, ?) ON CONFLICT (title_id) DO NOTHING"));
  return q.Bind(1, title_id).Bind(2, source).Run();
}

Result<std::vector<std::string>> SqlWriter::TitleGenreNames(Id title_id) {
  auto q = db_.Prepare(
      "SELECT g.name FROM title_genres tg JOIN genres g ON g.id = tg.genre_id WHERE tg.title_id = ? "
      "ORDER BY tg.position, g.name");
  if (q.ok()) q->Bind(1, title_id);
  return Collect<std::string>(q, [](auto& s) { return s.Text(0); });
}

Result<Title> SqlWriter::GetTitle(Id id) { return TitleById(db_, id); }

Result<Title> SqlWriter::FindTitleBySlug(TitleKind kind, std::string_view slug) { return TitleBySlug(db_, kind, slug); }

Result<Title> SqlWriter::FindChild(Id parent_id, int number) { return ChildOf(db_, parent_id, number); }

Result<Person> SqlWriter::GetPerson(Id id) { return PersonById(db_, id); }

Result<Person> SqlWriter::FindPersonBySlug(std::string_view slug) { return PersonBySlug(db_, slug); }

Result<StoreWriter::Upserted> SqlWriter::UpsertTitleChecked(const Title& t) {
  const bool top = t.kind == TitleKind::kFilm || t.kind == TitleKind::kSeries;
  REEL_ASSIGN_OR_RETURN(auto old,
                        IfFound(top ? FindTitleBySlug(t.kind, t.slug) : FindChild(t.parent_id, t.number)));
  if (old && SameTitleFields(*old, t)) return Upserted{old->id, Change::kUnchanged};
  if (old && old->kind != t.kind) {
    return InvalidArgument(std::string(TitleKindName(t.kind)) + " " + std::to_string(t.number) + " is stored as a " +
                           TitleKindName(old->kind));
  }
  REEL_ASSIGN_OR_RETURN(auto id, UpsertTitle(t));
  return Upserted{id, old ? Change::kUpdated : Change::kInserted};
}

Result<StoreWriter::Change> SqlWriter::SetTitleGenresChecked(Id title_id, const std::vector<std::string>& names) {
  REEL_ASSIGN_OR_RETURN(auto q, db_.Prepare(
      "SELECT g.name FROM title_genres tg JOIN genres g ON g.id = tg.genre_id WHERE tg.title_id = ? "
      "ORDER BY tg.position, g.name"));
  q.Bind(1, title_id);
  std::vector<std::string> now;
  while (q.Step()) now.push_back(q.Text(0));
  REEL_TRY(q.status());
  if (now == names) return Change::kUnchanged;
  REEL_TRY(SetTitleGenres(title_id, names));
  return now.empty() ? Change::kInserted : Change::kUpdated;
}

Result<StoreWriter::Upserted> SqlWriter::UpsertPersonChecked(const Person& p) {
  REEL_ASSIGN_OR_RETURN(auto old, IfFound(FindPersonBySlug(p.slug)));
  if (old) {
    const Person& o = *old;
    if (o.name == p.name && o.born == p.born && o.birthplace == p.birthplace && o.bio == p.bio) {
      return Upserted{o.id, Change::kUnchanged};
    }
  }
  REEL_ASSIGN_OR_RETURN(auto id, UpsertPerson(p));
  return Upserted{id, old ? Change::kUpdated : Change::kInserted};
}

Result<StoreWriter::Upserted> SqlWriter::UpsertCreditChecked(const Credit& c) {
  auto q = db_.Prepare("SELECT id, ord FROM credits WHERE title_id = ? AND person_id = ? AND kind = ? AND role = ?");
  if (q.ok()) q->Bind(1, c.title_id).Bind(2, c.person_id).Bind(3, CreditKindName(c.kind)).Bind(4, c.role);
  REEL_ASSIGN_OR_RETURN(auto old,
                        MaybeOne<std::pair<Id, int64_t>>(q, [](auto& s) { return std::pair<Id, int64_t>(s.Int(0), s.Int(1)); }));
  if (old && old->second == c.order) return Upserted{old->first, Change::kUnchanged};
  REEL_ASSIGN_OR_RETURN(auto id, UpsertCredit(c));
  return Upserted{id, old ? Change::kUpdated : Change::kInserted};
}

Result<StoreWriter::Upserted> SqlWriter::UpsertPublicationChecked(const Publication& p) {
  auto q = db_.Prepare("SELECT id, name, url FROM publications WHERE slug = ?");
  if (q.ok()) q->Bind(1, p.slug);
  REEL_ASSIGN_OR_RETURN(auto old,
                        MaybeOne<Publication>(q, [](auto& s) { return Publication{s.Int(0), "", s.Text(1), s.Text(2)}; }));
  if (old && old->name == p.name && old->url == p.url) return Upserted{old->id, Change::kUnchanged};
  REEL_ASSIGN_OR_RETURN(auto id, UpsertPublication(p));
  return Upserted{id, old ? Change::kUpdated : Change::kInserted};
}

Result<StoreWriter::Upserted> SqlWriter::UpsertCriticChecked(const Critic& c) {
  auto q = db_.Prepare("SELECT id, name, publication_id, top_critic FROM critics WHERE slug = ?");
  if (q.ok()) q->Bind(1, c.slug);
  REEL_ASSIGN_OR_RETURN(auto old,
                        MaybeOne<Critic>(q, [](auto& s) { return Critic{s.Int(0), "", s.Text(1), s.Int(2), s.Int(3) != 0}; }));
  if (old && old->name == c.name && old->publication_id == c.publication_id &&
      old->top_critic == c.top_critic) {
    return Upserted{old->id, Change::kUnchanged};
  }
  REEL_ASSIGN_OR_RETURN(auto id, UpsertCritic(c));
  return Upserted{id, old ? Change::kUpdated : Change::kInserted};
}

Result<StoreWriter::Upserted> SqlWriter::UpsertCriticReviewChecked(const CriticReview& r, std::string_view key) {
  auto q = db_.Prepare(
      "SELECT " REEL_CRITIC_REVIEW_COLS " FROM critic_reviews WHERE title_id = ? AND review_key = ?");
  if (q.ok()) q->Bind(1, r.title_id).Bind(2, key);
  REEL_ASSIGN_OR_RETURN(auto old, MaybeOne<CriticReview>(q, [](auto& s) { return ReadCriticReview(s, 0); }));
  if (old) {
    const CriticReview& o = *old;
    if (o.critic_id == r.critic_id && o.publication_id == r.publication_id && o.quote == r.quote && o.url == r.url &&
        o.grade_raw == r.grade_raw && o.grade_score == r.grade_score && o.sentiment == r.sentiment &&
        o.sentiment_source == r.sentiment_source && o.date == r.date) {
      return Upserted{o.id, Change::kUnchanged};
    }
  }
  REEL_ASSIGN_OR_RETURN(auto id, UpsertCriticReview(r, key));
  return Upserted{id, old ? Change::kUpdated : Change::kInserted};
}

Result<StoreWriter::Upserted> SqlWriter::UpsertReleaseDateChecked(const ReleaseDate& d) {
  auto q = db_.Prepare("SELECT " REEL_RELEASE_COLS " FROM release_dates WHERE title_id = ? AND date = ? AND precision = ? "
                       "AND region = ? ORDER BY changed_at DESC, id DESC LIMIT 1");
  if (q.ok()) {
    q->Bind(1, d.title_id).Bind(2, d.date.start.ToIso()).Bind(3, ReleasePrecisionName(PrecisionOf(d)))
        .Bind(4, d.region);
  }
  REEL_ASSIGN_OR_RETURN(auto old, MaybeOne<ReleaseDate>(q, [](auto& s) { return ReadReleaseDate(s, 0); }));
  if (old && old->label == d.label && old->source == d.source && old->status == d.status &&
      old->instant == d.instant && old->time_zone == d.time_zone) {
    return Upserted{old->id, Change::kUnchanged};
  }
  REEL_ASSIGN_OR_RETURN(auto id, UpsertReleaseDate(d));
  return Upserted{id, old ? Change::kUpdated : Change::kInserted};
}

Result<StoreWriter::Upserted> SqlWriter::EnsureUser(const User& u) {
  auto q = db_.Prepare("SELECT id FROM users WHERE username = ?");
  if (q.ok()) q->Bind(1, u.username);
  REEL_ASSIGN_OR_RETURN(auto old, MaybeOne<Id>(q, [](auto& s) { return s.Int(0); }));
  if (old) return Upserted{*old, Change::kUnchanged};
  REEL_ASSIGN_OR_RETURN(auto id, UpsertUser(u));
  return Upserted{id, Change::kInserted};
}

Result<StoreWriter::Upserted> SqlWriter::UpsertTag(Id title_id, Id user_id, std::string_view tag,
                                                  std::string_view created_at) {
  if (Trim(tag).empty()) return InvalidArgument("tag is empty");
  if (created_at.empty()) return InvalidArgument("tag needs a time");
  auto q = db_.Prepare(
      "SELECT id, created_at FROM tags WHERE title_id = ? AND user_id IS NOT DISTINCT FROM ? AND tag = ?");
  if (q.ok()) q->Bind(1, title_id).BindIdOrNull(2, user_id).Bind(3, tag);
  REEL_ASSIGN_OR_RETURN(auto old, MaybeOne<std::pair<Id, std::string>>(
      q, [](auto& s) { return std::pair<Id, std::string>(s.Int(0), s.Text(1)); }));
  if (old && old->second == created_at) return Upserted{old->first, Change::kUnchanged};
  if (old) {
    REEL_ASSIGN_OR_RETURN(auto u, db_.Prepare("UPDATE tags SET created_at = ? WHERE id = ?"));
    REEL_TRY(u.Bind(1, created_at).Bind(2, old->first).Run());
    return Upserted{old->first, Change::kUpdated};
  }
  auto ins = db_.Prepare("INSERT INTO tags(title_id, user_id, tag, created_at) VALUES (?, ?, ?, ?) RETURNING id");
  if (ins.ok()) ins->Bind(1, title_id).BindIdOrNull(2, user_id).Bind(3, tag).Bind(4, created_at);
  REEL_ASSIGN_OR_RETURN(auto id, ReturningId(ins));
  return Upserted{id, Change::kInserted};
}

Result<StoreWriter::Change> SqlWriter::SetExternalRating(Id title_id, std::string_view source, double average,
                                                         int64_t votes) {
  auto q = db_.Prepare("SELECT average, votes FROM title_external_ratings WHERE title_id = ? AND source = ?");
  if (q.ok()) q->Bind(1, title_id).Bind(2, source);
  REEL_ASSIGN_OR_RETURN(auto old, MaybeOne<std::pair<double, int64_t>>(
      q, [](auto& s) { return std::pair<double, int64_t>(s.Double(0), s.Int(1)); }));
  if (old && old->first == average && old->second == votes) return Change::kUnchanged;
  REEL_ASSIGN_OR_RETURN(auto w, db_.Prepare(
      "INSERT INTO title_external_ratings(title_id, source, average, votes) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (title_id, source) DO UPDATE SET average = excluded.average, votes = excluded.votes"));
  REEL_TRY(w.Bind(1, title_id).Bind(2, source).Bind(3, average).Bind(4, votes).Run());
  return old ? Change::kUpdated : Change::kInserted;
}

Result<std::map<std::string, std::string>> SqlStore::ListTitleExternalIds(Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::map<std::string, std::string>> {
    REEL_ASSIGN_OR_RETURN(auto q,
                          (*db)->Prepare("SELECT source, value FROM external_ids WHERE title_id = ? ORDER BY source, value"));
    q.Bind(1, title_id);
    std::map<std::string, std::string> out;
    while (q.Step()) out.emplace(q.Text(0), q.Text(1));
    REEL_TRY(q.status());
    return out;
  });
}

Result<std::vector<std::pair<std::string, int64_t>>> SqlStore::ListTags(Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<std::pair<std::string, int64_t>>> {
    auto q = (*db)->Prepare(
        "SELECT tag, COUNT(*) AS n FROM tags WHERE title_id = ? GROUP BY tag ORDER BY n DESC, tag");
    if (q.ok()) q->Bind(1, title_id);
    return Collect<std::pair<std::string, int64_t>>(
        q, [](auto& s) { return std::pair<std::string, int64_t>(s.Text(0), s.Int(1)); });
  });
}

Result<std::pair<double, int64_t>> SqlStore::GetExternalRating(Id title_id, std::string_view source) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::pair<double, int64_t>> {
    auto q = (*db)->Prepare("SELECT average, votes FROM title_external_ratings WHERE title_id = ? AND source = ?");
    if (q.ok()) q->Bind(1, title_id).Bind(2, source);
    return One<std::pair<double, int64_t>>(
        q, [](auto& s) { return std::pair<double, int64_t>(s.Double(0), s.Int(1)); },
        "no " + std::string(source) + " rating of title " + std::to_string(title_id));
  });
}

}  // namespace reel
