// Search speed on a big catalog (bench/synth_catalog.cc): 10,000 queries made from
// random titles, a quarter each exact, prefix (the last word cut short), one typo
// and two typos (in a word long enough to allow them), timed through the site's
// search (search::Run, one page of 20, in one read snapshot) and, on SQLite, through
// a raw FTS5 MATCH (unicode61, diacritics removed, last word a prefix for prefix
// queries; bm25 order, 20 rows) on the same names: the yardstick. Prints p50 and
// p99 of each, their ratio, how often reel's first page holds the title the query
// was made from, and the size of both indexes.
//
//   reel_bench_search --db URL [--queries N] [--seed S]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/date.h"
#include "core/search_text.h"
#include "search/search.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/store.h"

namespace {

using Clock = std::chrono::steady_clock;

struct BenchQuery {
  std::string kind, text;
  reel::Id target = 0;
};

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

// A typo at a letter past the first: a transposition with the next letter, or a
// different letter.
std::string Typo(std::string w, std::mt19937_64& rng) {
  const size_t at = 1 + rng() % (w.size() - 2);
  if (rng() % 2) std::swap(w[at], w[at + 1]);
  else w[at] = w[at] == 'x' ? 'q' : 'x';
  return w;
}

// The query of `kind` made from a title's folded words ("" when the title allows
// none: no word long enough for its typos).
std::string MakeQuery(const std::string& kind, std::vector<std::string> words, std::mt19937_64& rng) {
  if (kind == "prefix") {
    std::string& last = words.back();
    if (last.size() < 4) return "";
    last.resize(std::max<size_t>(2, last.size() / 2));
  } else if (kind != "exact") {
    const size_t need = kind == "one-typo" ? 5 : 9;
    std::vector<size_t> long_words;
    for (size_t i = 0; i < words.size(); ++i) {
      if (words[i].size() >= need && reel::IsAsciiWord(words[i])) long_words.push_back(i);
    }
    if (long_words.empty()) return "";
    std::string& w = words[long_words[rng() % long_words.size()]];
    w = Typo(w, rng);
    if (kind == "two-typo") w = Typo(w, rng);
  }
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Search speed"};
  std::string db;
  int queries = 10000;
  unsigned seed = 11;
  app.add_option("--db", db)->required();
  app.add_option("--queries", queries);
  app.add_option("--seed", seed);
  CLI11_PARSE(app, argc, argv);
  auto opened = reel::Store::Open(db);
  if (!opened.ok()) return std::fprintf(stderr, "%s\n", opened.status().ToString().c_str()), 1;
  reel::Store& store = **opened;
  const bool sqlite = db.rfind("postgresql://", 0) != 0;
  const std::string path = db.rfind("sqlite:", 0) == 0 ? db.substr(7) : db;

  // The titles the queries are made from.
  std::mt19937_64 rng(seed);
  auto counts = store.CountRows();
  const int64_t films = counts.ok() ? (*counts)["films"] : 0;
  std::vector<reel::Id> ids;
  for (int i = 0; i < queries * 3; ++i) ids.push_back(1 + static_cast<reel::Id>(rng() % films));
  auto titles = store.GetTitles(ids);
  if (!titles.ok()) return 1;
  std::shuffle(titles->begin(), titles->end(), rng);
  const char* kKinds[] = {"exact", "prefix", "one-typo", "two-typo"};
  std::vector<BenchQuery> qs;
  std::map<std::string, int> made;
  for (const auto& t : *titles) {
    if (static_cast<int>(qs.size()) >= queries) break;
    for (const char* kind : kKinds) {
      if (made[kind] >= queries / 4) continue;
      const std::string text = MakeQuery(kind, reel::SearchWords(t.name), rng);
      if (text.empty()) continue;
      qs.push_back({kind, text, t.id});
      ++made[kind];
      break;
    }
  }

  std::map<std::string, std::vector<double>> reel_ms;
  std::map<std::string, int> found;
  const std::string now = reel::UtcTimestamp();
  for (const auto& q : qs) {
    const auto start = Clock::now();
    auto r = reel::ReadOnce(store, [&](reel::Store& s) { return reel::search::Run(s, {q.text, "", 1, 20}, now); });
    const double ms = Ms(Clock::now() - start);
    if (!r.ok()) return std::fprintf(stderr, "%s: %s\n", q.text.c_str(), r.status().ToString().c_str()), 1;
    reel_ms[q.kind].push_back(ms);
    reel_ms["all"].push_back(ms);
    for (const auto& h : r->hits) {
      if (h.doc.ref_id == q.target && h.doc.kind == "film") {
        ++found[q.kind];
        break;
      }
    }
  }
  auto size = store.SearchIndexSize();
  std::printf("queries: %zu (%d exact, %d prefix, %d one-typo, %d two-typo)\n", qs.size(), made["exact"],
              made["prefix"], made["one-typo"], made["two-typo"]);
  if (size.ok()) {
    std::printf("reel index: %lld documents, %lld words, %lld postings, %lld typo keys\n",
                static_cast<long long>(size->docs), static_cast<long long>(size->words),
                static_cast<long long>(size->postings), static_cast<long long>(size->typo_keys));
  }
  for (const char* kind : {"exact", "prefix", "one-typo", "two-typo", "all"}) {
    const auto& v = reel_ms[kind];
    const int hit = kind == std::string("all") ? found["exact"] + found["prefix"] + found["one-typo"] + found["two-typo"]
                                               : found[kind];
    std::printf("reel  %-8s p50 %6.3f ms  p99 %6.3f ms  title on page 1: %5.1f%%\n", kind, Percentile(v, .5),
                Percentile(v, .99), v.empty() ? 0.0 : 100.0 * hit / static_cast<double>(v.size()));
  }
  if (!sqlite) return 0;

  // The yardstick: FTS5 over the same names.
  auto raw = reel::SqliteDb::Open(path);
  if (!raw.ok()) return 1;
  reel::SqlDb& fts = **raw;
  (void)fts.Exec("DROP TABLE IF EXISTS bench_fts");
  const auto build = Clock::now();
  if (!fts.Exec("CREATE VIRTUAL TABLE bench_fts USING fts5(name, tokenize = 'unicode61 remove_diacritics 2')").ok() ||
      !fts.Exec("INSERT INTO bench_fts(rowid, name) SELECT id, name FROM titles WHERE kind = 'film'").ok()) {
    return std::fprintf(stderr, "no FTS5\n"), 1;
  }
  std::printf("fts5 index built in %.1f s\n", Ms(Clock::now() - build) / 1000);
  std::map<std::string, std::vector<double>> fts_ms;
  for (const auto& q : qs) {
    std::string match;
    const auto words = reel::SearchWordsKeepingArticles(q.text);
    for (size_t i = 0; i < words.size(); ++i) {
      match += (i ? " " : "") + ("\"" + words[i] + "\"") + (q.kind == "prefix" && i + 1 == words.size() ? "*" : "");
    }
    const auto start = Clock::now();
    auto stmt = fts.Prepare("SELECT rowid FROM bench_fts WHERE bench_fts MATCH ? ORDER BY rank LIMIT 20");
    if (!stmt.ok()) return 1;
    stmt->Bind(1, match);
    int rows = 0;
    while (stmt->Step()) ++rows;
    const double ms = Ms(Clock::now() - start);
    fts_ms[q.kind].push_back(ms);
    fts_ms["all"].push_back(ms);
  }
  for (const char* kind : {"exact", "prefix", "one-typo", "two-typo", "all"}) {
    std::printf("fts5  %-8s p50 %6.3f ms  p99 %6.3f ms\n", kind, Percentile(fts_ms[kind], .5),
                Percentile(fts_ms[kind], .99));
  }
  std::printf("ratio reel/fts5: p50 %.2f  p99 %.2f\n", Percentile(reel_ms["all"], .5) / Percentile(fts_ms["all"], .5),
              Percentile(reel_ms["all"], .99) / Percentile(fts_ms["all"], .99));
  auto pages = fts.Prepare(
      "SELECT SUM(CASE WHEN name LIKE 'search%' THEN pgsize ELSE 0 END), "
      "SUM(CASE WHEN name LIKE 'bench_fts%' THEN pgsize ELSE 0 END) FROM dbstat");
  if (pages.ok() && pages->Step()) {
    std::printf("index size: reel %.1f MB, fts5 %.1f MB\n", static_cast<double>(pages->Int(0)) / 1e6,
                static_cast<double>(pages->Int(1)) / 1e6);
  }
  if (pages.ok()) (void)pages->Run();
  (void)fts.Exec("DROP TABLE IF EXISTS bench_fts");
  return 0;
}
