// A synthetic catalog for benchmarks: N films whose names are made of the words of
// the shared MovieLens titles (one to five words, picked with the skew real titles
// have), each with a release year and a popularity (ratings in its aggregates),
// written straight into the tables in one transaction per 50,000 rows, fast; the
// search index is left for `reel search reindex` (so its build can be timed).
// Prints one summary line. Other benchmarks may use it for a big catalog.
//
//   reel_bench_synth --titles N --db URL [--movies PATH] [--seed S]
#include <algorithm>
#include <cctype>
#include <chrono>
#include <memory>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/status.h"
#include "storage/postgres/pg_db.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/store.h"

namespace {

// The words of the MovieLens titles, each as often as it occurs (so picking one at
// random follows their frequencies), without the trailing "(year)".
std::vector<std::string> TitleWords(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // Header.
  std::vector<std::string> words;
  while (std::getline(in, line)) {
    const size_t first = line.find(',');
    const size_t last = line.rfind(',');
    if (first == std::string::npos || last <= first) continue;
    std::string title = line.substr(first + 1, last - first - 1);
    if (!title.empty() && title.front() == '"') title = title.substr(1, title.size() - 2);
    if (const size_t paren = title.rfind(" ("); paren != std::string::npos) title.resize(paren);
    std::string word;
    for (char c : title + " ") {
      if (c == ' ' || c == ',' || c == ':' || c == '(' || c == ')' || c == '"') {
        if (word.size() > 1 || (word.size() == 1 && std::isalnum(static_cast<unsigned char>(word[0])))) {
          words.push_back(word);
        }
        word.clear();
      } else {
        word += c;
      }
    }
  }
  return words;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Synthetic catalog for benchmarks"};
  std::string db, movies = "../shared/data/movielens-ml-latest-small/movies.csv";
  int64_t titles = 1000000;
  unsigned seed = 7;
  app.add_option("--db", db)->required();
  app.add_option("--titles", titles);
  app.add_option("--movies", movies);
  app.add_option("--seed", seed);
  CLI11_PARSE(app, argc, argv);
  {
    auto store = reel::Store::Open(db);  // Creates and migrates it.
    if (!store.ok()) return std::fprintf(stderr, "%s\n", store.status().ToString().c_str()), 1;
  }
  const auto words = TitleWords(movies);
  if (words.empty()) return std::fprintf(stderr, "no words in %s\n", movies.c_str()), 1;
  std::unique_ptr<reel::SqlDb> conn;
  if (db.rfind("postgresql://", 0) == 0) {
    auto pg = reel::PgDb::Open(db);
    if (!pg.ok()) return 1;
    conn = std::move(*pg);
  } else {
    auto lite = reel::SqliteDb::Open(db.rfind("sqlite:", 0) == 0 ? db.substr(7) : db);
    if (!lite.ok()) return 1;
    conn = std::move(*lite);
  }
  std::mt19937_64 rng(seed);
  std::discrete_distribution<int> length({10, 30, 30, 20, 10});
  const auto start = std::chrono::steady_clock::now();
  constexpr int64_t kBatch = 50000;
  for (int64_t done = 0; done < titles; done += kBatch) {
    const size_t n = static_cast<size_t>(std::min(kBatch, titles - done));
    std::vector<std::string> names(n);
    for (size_t i = 0; i < n; ++i) {
      const int len = 1 + length(rng);
      for (int k = 0; k < len; ++k) names[i] += (k ? " " : "") + words[rng() % words.size()];
    }
    if (!conn->BeginWrite().ok()) return 1;
    reel::Status st = conn->RunMany(
        "INSERT INTO titles(kind, slug, name, release_date, release_precision, created_at) "
        "VALUES ('film', ?, ?, ?, 'year', '2024-01-01T00:00:00Z') RETURNING id",
        n,
        [&](size_t i, reel::SqlStmt& q) {
          q.Bind(1, "synth-" + std::to_string(done + static_cast<int64_t>(i))).Bind(2, names[i])
              .Bind(3, std::to_string(1920 + (done + static_cast<int64_t>(i)) % 100) + "-01-01");
        },
        [](size_t, const reel::SqlStmt&) {});
    if (st.ok()) {
      st = conn->Exec(
          // Popularity skewed as real catalogs are: most films have a few ratings.
          "INSERT INTO title_aggregates(title_id, ratings) SELECT id, ((id * 7919) % 97) * ((id * 104729) % 97) / 90 "
          "FROM titles WHERE kind = 'film' AND id > (SELECT COALESCE(MAX(title_id), 0) FROM title_aggregates)");
    }
    if (!st.ok()) return std::fprintf(stderr, "%s\n", st.ToString().c_str()), 1;
    if (!conn->Exec("COMMIT").ok()) return 1;
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("synthetic catalog: %lld films from %zu MovieLens title words in %.1f s\n",
              static_cast<long long>(titles), words.size(), s);
  return 0;
}
