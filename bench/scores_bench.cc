// The program behind bench/scores: what it costs to keep scores current.
//
// It builds MovieLens-shaped audience ratings (drawn from the distribution of a real
// ratings.csv: ratings per user, popularity per movie, stars, timestamps) into a
// fresh SQLite store, then measures one incremental update (the pure arithmetic of
// model/score_counts.h, and the store write that does it in SQL), a full recompute of
// the aggregates, and checks that the incremental writes left no drift. The script
// bench/scores builds and runs it and times the sqlite3 shell on the same file as the
// yardstick. One thread; it owns the file it is given.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/tsv.h"
#include "scoring/score.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/store.h"

namespace reel {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

[[noreturn]] void Die(const std::string& what, const Status& st) {
  std::fprintf(stderr, "scores_bench: %s: %s\n", what.c_str(), st.ToString().c_str());
  std::exit(1);
}

void Check(const std::string& what, const Status& st) {
  if (!st.ok()) Die(what, st);
}

// "1.61M" for 1.61e6.
std::string Millions(double per_second) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fM", per_second / 1e6);
  return buf;
}

// ISO 8601 UTC, the form the store writes ("2005-04-02T23:53:47Z").
std::string IsoUtc(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// What the real file says, reduced to the distributions the synthetic rows follow.
struct RealDistribution {
  std::vector<int> ratings_per_user;  // One entry per real user.
  std::vector<int64_t> movie_ids;     // Rated movies, ascending.
  std::vector<double> movie_weights;  // Ratings per movie, same order.
  std::array<double, 10> star_weights{};  // [0] 0.5 stars ... [9] 5 stars.
  int64_t first_ts = std::numeric_limits<int64_t>::max();
  int64_t last_ts = std::numeric_limits<int64_t>::min();
  int64_t rows = 0;
};

RealDistribution ReadRealRatings(const std::string& path) {
  auto text = ReadMaybeGzipFile(path);
  if (!text.ok()) Die("reading " + path, text.status());
  DelimitedReader reader(*text, ',');
  std::vector<std::string> f;
  std::map<int64_t, int> per_user, per_movie;
  RealDistribution d;
  bool header = true;
  while (true) {
    auto more = reader.Next(&f);
    if (!more.ok()) Die("reading " + path, more.status());
    if (!*more) break;
    if (header) {
      header = false;
      continue;
    }
    if (f.size() != 4) {
      Die(path + ":" + std::to_string(reader.line()), InvalidArgument("expected 4 fields"));
    }
    const double stars = std::stod(f[2]);
    const int64_t ts = std::stoll(f[3]);
    const int bucket = static_cast<int>(std::lround(stars * 2)) - 1;
    if (bucket < 0 || bucket > 9) {
      Die(path + ":" + std::to_string(reader.line()), InvalidArgument("stars " + f[2]));
    }
    ++per_user[std::stoll(f[0])];
    ++per_movie[std::stoll(f[1])];
    d.star_weights[bucket] += 1;
    d.first_ts = std::min(d.first_ts, ts);
    d.last_ts = std::max(d.last_ts, ts);
    ++d.rows;
  }
  if (d.rows == 0) Die(path, InvalidArgument("no ratings"));
  for (const auto& [user, n] : per_user) d.ratings_per_user.push_back(n);
  for (const auto& [movie, n] : per_movie) {
    d.movie_ids.push_back(movie);
    d.movie_weights.push_back(n);
  }
  return d;
}

// The synthetic ratings, one entry per row; row i gets rating id i + 1. Users are
// 1..users, titles are movie indexes (title id = index + 1).
struct Synthetic {
  int64_t users = 0;
  std::vector<int32_t> user;
  std::vector<int32_t> movie;
  std::vector<uint8_t> halves;  // Stars times two: 1..10.
  std::vector<uint8_t> verified;
  std::vector<uint32_t> ts;
  size_t size() const { return user.size(); }
};

Synthetic Synthesize(const RealDistribution& real, int64_t target, std::mt19937_64& rng) {
  Synthetic s;
  s.user.reserve(target);
  s.movie.reserve(target);
  s.halves.reserve(target);
  s.ts.reserve(target);
  std::uniform_int_distribution<size_t> pick_user(0, real.ratings_per_user.size() - 1);
  std::discrete_distribution<int> pick_movie(real.movie_weights.begin(), real.movie_weights.end());
  std::discrete_distribution<int> pick_stars(real.star_weights.begin(), real.star_weights.end());
  std::uniform_int_distribution<int64_t> pick_ts(real.first_ts, real.last_ts);
  const int movies = static_cast<int>(real.movie_ids.size());
  std::vector<char> seen(movies, 0);
  std::vector<int32_t> mine;
  int64_t total = 0;
  while (total < target) {
    // Each synthetic user rates as many movies as a random real user did (the last
    // one is cut so the total is exactly `target`), drawn without repeats by
    // popularity.
    int n = real.ratings_per_user[pick_user(rng)];
    n = static_cast<int>(std::min<int64_t>(n, target - total));
    n = std::min(n, movies);
    const int32_t uid = static_cast<int32_t>(++s.users);
    mine.clear();
    while (static_cast<int>(mine.size()) < n) {
      const int m = pick_movie(rng);
      if (seen[m]) continue;
      seen[m] = 1;
      mine.push_back(m);
    }
    std::sort(mine.begin(), mine.end());  // Rows in (user, title) order, as the unique index is.
    for (int32_t m : mine) {
      seen[m] = 0;
      s.user.push_back(uid);
      s.movie.push_back(m);
      s.halves.push_back(static_cast<uint8_t>(pick_stars(rng) + 1));
      s.ts.push_back(static_cast<uint32_t>(pick_ts(rng)));
    }
    total += n;
  }
  s.verified.assign(s.size(), 0);
  return s;
}

// Writes films, users and ratings into the store's file with parameterised INSERTs in
// one transaction: the schema is the store's own (Store::Open made it), only the
// writing bypasses StoreWriter, so the aggregates must be recomputed afterwards.
// The caller has closed the store: the load runs in rollback-journal mode (new pages
// of a fresh file need no journal, where WAL would write everything twice) and puts
// the file back in WAL mode. The ratings_title index is dropped and recreated from
// its own SQL, which sorts once instead of inserting 10M keys at random places.
void BulkLoad(const std::string& path, const RealDistribution& real, const Synthetic& s) {
  auto opened = SqliteDb::Open(path);
  if (!opened.ok()) Die("opening " + path, opened.status());
  SqliteDb& db = **opened;
  Check("pragmas", db.Exec("PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; "
                          "PRAGMA foreign_keys=OFF"));
  std::vector<std::string> index_sql;
  {
    auto q = db.Prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ratings' "
                        "AND sql IS NOT NULL");
    if (!q.ok()) Die("reading the schema", q.status());
    while (q->Step()) index_sql.push_back(q->Text(0));
    Check("reading the schema", q->status());
  }
  Check("BEGIN", db.Exec("BEGIN IMMEDIATE"));
  for (const std::string& sql : index_sql) {
    // "CREATE INDEX name ON ..." -> "DROP INDEX name".
    const size_t at = sql.find("INDEX ") + 6;
    Check("dropping an index", db.Exec("DROP INDEX " + sql.substr(at, sql.find(' ', at) - at)));
  }
  const std::string now = IsoUtc(std::time(nullptr));
  {
    auto t = db.Prepare("INSERT INTO titles(id, kind, slug, name, created_at) VALUES (?, 'film', ?, ?, ?)");
    auto x = db.Prepare("INSERT INTO external_ids(title_id, source, value) VALUES (?, 'movielens', ?)");
    if (!t.ok()) Die("titles", t.status());
    if (!x.ok()) Die("external_ids", x.status());
    for (size_t i = 0; i < real.movie_ids.size(); ++i) {
      const std::string id = std::to_string(real.movie_ids[i]);
      t->Bind(1, static_cast<int64_t>(i + 1)).Bind(2, "movielens-" + id).Bind(3, "MovieLens " + id).Bind(4, now);
      Check("inserting a title", t->Run());
      t->Reset();
      x->Bind(1, static_cast<int64_t>(i + 1)).Bind(2, id);
      Check("inserting an external id", x->Run());
      x->Reset();
    }
  }
  {
    auto u = db.Prepare("INSERT INTO users(id, username, created_at) VALUES (?, ?, ?)");
    if (!u.ok()) Die("users", u.status());
    for (int64_t i = 1; i <= s.users; ++i) {
      u->Bind(1, i).Bind(2, "movielens:" + std::to_string(i)).Bind(3, now);
      Check("inserting a user", u->Run());
      u->Reset();
    }
  }
  {
    auto r = db.Prepare(
        "INSERT INTO ratings(id, user_id, title_id, stars, verified, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, 'counted', ?, ?)");
    if (!r.ok()) Die("ratings", r.status());
    for (size_t i = 0; i < s.size(); ++i) {
      const std::string when = IsoUtc(s.ts[i]);
      r->Bind(1, static_cast<int64_t>(i + 1)).Bind(2, static_cast<int64_t>(s.user[i]))
          .Bind(3, static_cast<int64_t>(s.movie[i] + 1)).Bind(4, s.halves[i] / 2.0)
          .Bind(5, static_cast<int64_t>(s.verified[i])).Bind(6, when).Bind(7, when);
      Check("inserting a rating", r->Run());
      r->Reset();
    }
  }
  for (const std::string& sql : index_sql) Check("recreating an index", db.Exec(sql));
  Check("COMMIT", db.Exec("COMMIT"));
  Check("back to WAL", db.Exec("PRAGMA journal_mode=WAL"));
}

// A change of one rating: its title, and its facts before and after.
struct Change {
  int32_t title;
  uint8_t old_halves, new_halves;
  bool old_verified, new_verified;
};

// Picks a random existing rating and new facts for it (other stars; now and then the
// verified flag flips), keeping `s` current.
class ChangePicker {
 public:
  ChangePicker(Synthetic& s, const RealDistribution& real, std::mt19937_64& rng)
      : s_(s), rng_(rng), row_(0, s.size() - 1), stars_(real.star_weights.begin(), real.star_weights.end()) {}

  // The row changed and what changed.
  std::pair<size_t, Change> Next() {
    const size_t k = row_(rng_);
    Change c{s_.movie[k], s_.halves[k], 0, s_.verified[k] != 0, s_.verified[k] != 0};
    do c.new_halves = static_cast<uint8_t>(stars_(rng_) + 1);
    while (c.new_halves == c.old_halves);
    if (flip_(rng_) < 0.05) c.new_verified = !c.old_verified;
    s_.halves[k] = c.new_halves;
    s_.verified[k] = c.new_verified;
    return {k, c};
  }

 private:
  Synthetic& s_;
  std::mt19937_64& rng_;
  std::uniform_int_distribution<size_t> row_;
  std::discrete_distribution<int> stars_;
  std::uniform_real_distribution<double> flip_{0, 1};
};

// (a) The arithmetic of one incremental update, as StoreWriter::UpsertRating does it
// (new contribution minus old), added to an in-memory aggregate per title.
double MemoryUpdateNs(const RealDistribution& real, Synthetic s, int64_t iterations, std::mt19937_64& rng) {
  constexpr size_t kRing = 1 << 20;
  std::vector<Change> changes;
  changes.reserve(kRing);
  ChangePicker picker(s, real, rng);
  for (size_t i = 0; i < kRing; ++i) changes.push_back(picker.Next().second);
  std::vector<ScoreCounts> aggregates(real.movie_ids.size());
  const auto start = Clock::now();
  for (int64_t i = 0; i < iterations; ++i) {
    const Change& c = changes[static_cast<size_t>(i) & (kRing - 1)];
    ScoreCounts delta = Contribution(RatingFacts{c.new_halves / 2.0, c.new_verified});
    delta = Minus(delta, Contribution(RatingFacts{c.old_halves / 2.0, c.old_verified}));
    ScoreCounts& a = aggregates[c.title];
    a = Plus(a, delta);
  }
  const double secs = Seconds(start);
  // Each change removes one rating and adds one: the counts must net to zero.
  int64_t net = 0;
  for (const ScoreCounts& a : aggregates) net += a.ratings;
  if (net != 0) Die("memory updates", Internal("rating count drifted by " + std::to_string(net)));
  return secs * 1e9 / static_cast<double>(iterations);
}

// (b) Rating changes through Store::Write / StoreWriter::UpsertRating, `per_write` to
// a transaction; returns microseconds per update.
double StoreUpdateUs(Store& store, ChangePicker& picker, const Synthetic& s, int64_t updates, int64_t per_write) {
  const auto start = Clock::now();
  for (int64_t done = 0; done < updates; done += per_write) {
    const int64_t n = std::min(per_write, updates - done);
    Check("Store::Write", store.Write([&](StoreWriter& w) -> Status {
      for (int64_t j = 0; j < n; ++j) {
        const auto [k, c] = picker.Next();
        Rating r;
        r.user_id = s.user[k];
        r.title_id = c.title + 1;
        r.stars = c.new_halves / 2.0;
        r.verified = c.new_verified;
        r.created_at = IsoUtc(s.ts[k]);
        auto id = w.UpsertRating(r);
        if (!id.ok()) return id.status();
        if (*id != static_cast<Id>(k + 1)) return Internal("upsert touched rating " + std::to_string(*id));
      }
      return Status::Ok();
    }));
  }
  return Seconds(start) * 1e6 / static_cast<double>(updates);
}

int Main(int argc, char** argv) {
  CLI::App app{"The scores benchmark (run bench/scores, which builds and runs this)."};
  std::string csv, db_path;
  int64_t target = 10'000'000, updates = 100'000, per_write = 1'000, singles = 300;
  int64_t memory_updates = 50'000'000;
  int recomputes = 3;
  uint64_t seed = 20240601;
  app.add_option("--ratings-csv", csv, "MovieLens ratings.csv to draw from")->required();
  app.add_option("--db", db_path, "SQLite file to create (must not exist)")->required();
  app.add_option("--ratings", target, "Ratings to generate");
  app.add_option("--updates", updates, "Rating changes written in batches");
  app.add_option("--batch", per_write, "Rating changes per transaction in the batched run");
  app.add_option("--single", singles, "Rating changes written one per transaction");
  app.add_option("--memory-updates", memory_updates, "Iterations of the in-memory update");
  app.add_option("--recomputes", recomputes, "Full recomputes to time (the best is printed)");
  app.add_option("--seed", seed, "Random seed");
  CLI11_PARSE(app, argc, argv);
  if (std::filesystem::exists(db_path)) Die(db_path, AlreadyExists("the store file exists already"));
  if (target < 1 || per_write < 1 || updates < 1 || singles < 1 || recomputes < 1) {
    Die("arguments", InvalidArgument("counts must be positive"));
  }
  std::mt19937_64 rng(seed);
  const std::string url = "sqlite:" + db_path;

  // 1. Generate.
  auto start = Clock::now();
  const RealDistribution real = ReadRealRatings(csv);
  Synthetic s = Synthesize(real, target, rng);
  const double synth_secs = Seconds(start);
  {
    auto store = Store::Open(url);  // The real schema and migrations.
    if (!store.ok()) Die("Store::Open", store.status());
  }
  const auto load_start = Clock::now();
  BulkLoad(db_path, real, s);
  const double load_secs = Seconds(load_start);
  auto opened = Store::Open(url);
  if (!opened.ok()) Die("Store::Open", opened.status());
  Store& store = **opened;
  const auto fill_start = Clock::now();
  auto filled = store.RecomputeAggregates();
  if (!filled.ok()) Die("RecomputeAggregates", filled.status());
  const double fill_secs = Seconds(fill_start);
  const double gen_secs = Seconds(start);
  std::printf("generate: %zu ratings in %.1f s (%lld users, %zu films; drawing %.1f s, INSERTs %.1f s, "
              "first RecomputeAggregates %.1f s filling %lld titles; file %.0f MB)\n",
              s.size(), gen_secs, static_cast<long long>(s.users), real.movie_ids.size(), synth_secs, load_secs,
              fill_secs, static_cast<long long>(filled->titles), std::filesystem::file_size(db_path) / 1e6);
  std::fflush(stdout);

  // 2a. The in-memory update.
  const double ns = MemoryUpdateNs(real, s, memory_updates, rng);
  std::printf("incremental (memory): %.1f ns/update (%lld updates: 2 Contribution + Minus + Plus)\n", ns,
              static_cast<long long>(memory_updates));
  std::fflush(stdout);

  // 2b. The store write.
  ChangePicker picker(s, real, rng);
  const double batched = StoreUpdateUs(store, picker, s, updates, per_write);
  std::printf("incremental (store, batched): %.1f us/update (%lld UpsertRating, %lld per transaction)\n", batched,
              static_cast<long long>(updates), static_cast<long long>(per_write));
  std::fflush(stdout);
  const double single = StoreUpdateUs(store, picker, s, singles, 1);
  std::printf("incremental (store, one per transaction): %.1f us/update (%lld transactions)\n", single,
              static_cast<long long>(singles));
  std::fflush(stdout);

  // 3 and 5. Full recompute over the same rows; the first run is the drift check.
  double best = std::numeric_limits<double>::max();
  Store::AggregateReport first;
  for (int i = 0; i < recomputes; ++i) {
    const auto t = Clock::now();
    auto report = store.RecomputeAggregates();
    const double secs = Seconds(t);
    if (!report.ok()) Die("RecomputeAggregates", report.status());
    if (i == 0) first = *report;
    best = std::min(best, secs);
  }
  std::printf("recompute: %lld ratings in %.2f s = %s ratings/s (best of %d, %lld titles)\n",
              static_cast<long long>(first.ratings), best, Millions(first.ratings / best).c_str(), recomputes,
              static_cast<long long>(first.titles));
  std::printf("drift after incremental writes: %lld\n", static_cast<long long>(first.drifted));
  for (const std::string& e : first.examples) std::printf("  drifted: %s\n", e.c_str());
  return first.drifted == 0 ? 0 : 2;
}

}  // namespace
}  // namespace reel

int main(int argc, char** argv) { return reel::Main(argc, argv); }
