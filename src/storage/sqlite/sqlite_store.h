// SqliteStore: the Store over one SQLite file, the embedded default.
//
// Keeps a pool of connections (one per concurrent caller, created on demand), each
// with its own prepared-statement cache. WAL mode lets any number of readers run
// beside one writer; writers queue on SQLite's lock (busy timeout 10 s). Every
// method may be called from any thread.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/store.h"

namespace reel {

class SqliteDb;

class SqliteStore final : public Store {
 public:
  // Opens or creates the file and applies pending migrations.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override;

  Result<int> SchemaVersion() override;
  Status Write(const std::function<Status(StoreWriter&)>& body) override;

  Result<Title> GetTitle(Id id) override;
  Result<std::vector<Title>> GetTitles(const std::vector<Id>& ids) override;
  Result<Title> FindTitleBySlug(TitleKind kind, std::string_view slug) override;
  Result<Title> FindChild(Id parent_id, int number) override;
  Result<std::vector<Title>> ListChildren(Id parent_id) override;
  Result<std::vector<Title>> ListTitles(const TitleQuery& query) override;
  Result<std::vector<Genre>> ListGenres(Id title_id) override;
  Result<std::vector<Title>> ListSimilarByGenre(Id title_id, int limit) override;
  Result<std::vector<ReleaseDate>> ListReleaseDates(Id title_id) override;
  Result<std::vector<Video>> ListVideos(Id title_id) override;

  Result<Person> FindPersonBySlug(std::string_view slug) override;
  Result<std::vector<CreditRow>> ListCredits(Id title_id) override;
  Result<std::vector<PersonCreditRow>> ListPersonCredits(Id person_id) override;

  Result<std::vector<CriticReviewRow>> ListCriticReviews(Id title_id, CriticFilter filter) override;
  Result<std::vector<AudienceReviewRow>> ListAudienceReviews(Id title_id, int limit) override;
  Result<ScoreCounts> GetScoreCounts(Id title_id) override;
  Result<std::map<Id, ScoreCounts>> GetScoreCountsFor(const std::vector<Id>& ids) override;
  Result<std::vector<std::string>> ListPublicationGrades(std::string_view slug) override;
  Result<std::vector<Id>> ListTitlesWithReviews(int min_reviews) override;

  Result<std::vector<ReviewScoringRow>> ListReviewsForScoring() override;
  Result<AggregateReport> RecomputeAggregates() override;
  Result<std::map<std::string, int64_t>> CountRows() override;

 private:
  class Lease;
  explicit SqliteStore(std::string path);
  Result<Lease> Acquire();
  void Release(std::unique_ptr<SqliteDb> db);
  Status Migrate(SqliteDb& db);
  // Recomputes aggregates on `db`, inside a transaction the caller holds.
  Result<AggregateReport> RecomputeOn(SqliteDb& db);

  const std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<SqliteDb>> idle_;  // Guarded by mu_.
};

}  // namespace reel
