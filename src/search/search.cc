// The search itself (search/search.h): candidate words for each query word, the
// rarest word's documents, matching and ranking them in buckets, "did you mean".
// The results' pages, years and scores are filled in by search/results.cc.
#include "search/search.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/search_text.h"
#include "storage/store.h"

namespace reel::search {

// search/results.cc: fills in each hit's page, detail and scores; drops hits whose
// row is gone or not public.
Status Describe(Store& store, std::vector<Hit>& hits, std::string_view now);

namespace {

constexpr int kPrefixWords = 10;      // Words a last-word prefix expands to at most.
constexpr size_t kDriverWords = 10;   // Candidate words whose documents are read at most.

struct Candidate {
  int typos = 0;
  bool prefix = false;
};

// A query word and the stored words that may stand for it.
struct QueryWord {
  std::string text;
  std::unordered_map<std::string, Candidate> words;       // Stored word -> how it matches.
  std::vector<std::pair<std::string, std::string>> splits;  // "startrek" -> ("star", "trek").
  std::string joined;  // This word and the next as one stored word ("spiderman"), if stored.
  int64_t docs = 0;    // Documents its candidates hold (an upper bound).
};

void AddCandidate(QueryWord& q, const std::string& word, Candidate c) {
  auto [it, fresh] = q.words.try_emplace(word, c);
  if (!fresh && (c.typos < it->second.typos || (c.typos == it->second.typos && !c.prefix))) it->second = c;
}

// Looks up every candidate of every query word in three store reads.
Result<std::unordered_map<std::string, SearchWord>> FindCandidates(Store& store, std::vector<QueryWord>& qs) {
  std::vector<std::string> exact, variants;
  for (size_t i = 0; i < qs.size(); ++i) {
    const std::string& w = qs[i].text;
    exact.push_back(w);
    if (i + 1 < qs.size()) exact.push_back(w + qs[i + 1].text);
    if (IsAsciiWord(w) && w.size() >= 4) {
      for (size_t k = 2; k + 2 <= w.size(); ++k) {
        exact.push_back(w.substr(0, k));
        exact.push_back(w.substr(k));
      }
    }
    const int allowed = IsAsciiWord(w) ? AllowedTypos(w.size()) : 0;
    if (allowed == 0) continue;
    variants.push_back(w);
    for (auto& v : DeletionVariants(w, allowed)) {
      exact.push_back(v);
      variants.push_back(std::move(v));
    }
  }
  std::sort(exact.begin(), exact.end());
  exact.erase(std::unique(exact.begin(), exact.end()), exact.end());
  std::unordered_map<std::string, SearchWord> found;
  REEL_ASSIGN_OR_RETURN(auto words, store.FindSearchWords(exact));
  for (auto& w : words) found[w.word] = w;
  std::sort(variants.begin(), variants.end());
  variants.erase(std::unique(variants.begin(), variants.end()), variants.end());
  REEL_ASSIGN_OR_RETURN(auto near, store.FindSearchWordsByVariant(variants));
  for (auto& w : near) found[w.word] = w;
  REEL_ASSIGN_OR_RETURN(auto starts, store.FindSearchWordsByPrefix(qs.back().text, kPrefixWords));
  for (auto& w : starts) {
    AddCandidate(qs.back(), w.word, Candidate{0, w.word != qs.back().text});
    found[w.word] = w;
  }
  return found;
}

// Sorts what was found into each query word's candidates.
void AssignCandidates(std::vector<QueryWord>& qs, const std::unordered_map<std::string, SearchWord>& found) {
  for (size_t i = 0; i < qs.size(); ++i) {
    QueryWord& q = qs[i];
    for (const auto& [word, w] : found) {
      if (auto cost = TypoCost(q.text, word)) AddCandidate(q, word, Candidate{*cost, false});
    }
    if (i + 1 < qs.size() && found.count(q.text + qs[i + 1].text)) q.joined = q.text + qs[i + 1].text;
    if (!q.words.count(q.text) && IsAsciiWord(q.text) && q.text.size() >= 4) {
      for (size_t k = 2; k + 2 <= q.text.size(); ++k) {
        const std::string a = q.text.substr(0, k), b = q.text.substr(k);
        if (found.count(a) && found.count(b)) q.splits.emplace_back(a, b);
      }
    }
    for (const auto& [word, c] : q.words) q.docs += found.at(word).docs;
    for (const auto& [a, b] : q.splits) q.docs += std::min(found.at(a).docs, found.at(b).docs);
    if (!q.joined.empty()) q.docs += found.at(q.joined).docs;
  }
}

// The word ids whose documents the rarest query word reads.
std::vector<Id> DriverWordIds(const QueryWord& q, const std::unordered_map<std::string, SearchWord>& found) {
  std::vector<std::pair<std::string, Candidate>> cands(q.words.begin(), q.words.end());
  std::sort(cands.begin(), cands.end(), [&](const auto& a, const auto& b) {
    if (a.second.typos != b.second.typos) return a.second.typos < b.second.typos;
    if (a.second.prefix != b.second.prefix) return !a.second.prefix;
    if (found.at(a.first).docs != found.at(b.first).docs) return found.at(a.first).docs > found.at(b.first).docs;
    return a.first < b.first;
  });
  if (cands.size() > kDriverWords) cands.resize(kDriverWords);
  std::vector<Id> ids;
  for (const auto& [word, c] : cands) ids.push_back(found.at(word).id);
  for (const auto& [a, b] : q.splits) {
    ids.push_back(found.at(a).docs <= found.at(b).docs ? found.at(a).id : found.at(b).id);
  }
  if (!q.joined.empty()) ids.push_back(found.at(q.joined).id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<std::string> SplitWords(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t j = std::min(s.find(' ', i), s.size());
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// Where query word i matches a document: first position, last, typos, prefix.
struct Match {
  int first = -1, last = -1, typos = 0;
  bool prefix = false, joined = false;
};

Match MatchWord(const std::vector<QueryWord>& qs, size_t i, const std::vector<std::string>& words) {
  const QueryWord& q = qs[i];
  Match best;
  auto better = [&](const Match& m) {
    if (best.first < 0 || m.typos < best.typos || (m.typos == best.typos && !m.prefix && best.prefix)) best = m;
  };
  for (size_t j = 0; j < words.size(); ++j) {
    const int p = static_cast<int>(j);
    if (auto it = q.words.find(words[j]); it != q.words.end()) better({p, p, it->second.typos, it->second.prefix});
    if (!q.joined.empty() && words[j] == q.joined) better({p, p, 0, false, true});
    for (const auto& [a, b] : q.splits) {
      if (j + 1 < words.size() && words[j] == a && words[j + 1] == b) better({p, p + 1, 0, false});
    }
  }
  return best;
}

Hit Evaluate(const std::vector<QueryWord>& qs, const SearchDoc& doc) {
  const auto words = SplitWords(doc.words);
  Hit h;
  h.doc = doc;
  bool phrase = true;
  int covered = 0, last = -1;
  for (size_t i = 0; i < qs.size(); ++i) {
    Match m = MatchWord(qs, i, words);
    if (m.first < 0 && i > 0) {
      // Covered by the previous word joined with this one ("spider man" -> "spiderman").
      const Match prev = MatchWord(qs, i - 1, words);
      if (prev.joined) m = {prev.last, prev.last, 0, false, true};
    }
    if (m.first < 0) {
      phrase = false;
      continue;
    }
    ++h.matched;
    h.typos += m.typos;
    if (i + 1 == qs.size()) h.prefix = m.prefix;
    const bool next_to = last < 0 || m.first == last + 1 || (m.joined && m.first == last);
    if (!next_to) phrase = false;
    if (!(m.joined && m.first == last)) covered += m.last - m.first + 1;
    last = m.last;
  }
  const bool all = h.matched == static_cast<int>(qs.size());
  h.phrase = all && phrase;
  h.whole = h.phrase && covered == static_cast<int>(words.size());
  return h;
}

bool Better(const Hit& a, const Hit& b) {
  if (a.matched != b.matched) return a.matched > b.matched;
  if (a.typos != b.typos) return a.typos < b.typos;
  if (a.phrase != b.phrase) return a.phrase;
  if (a.whole != b.whole) return a.whole;
  if (a.prefix != b.prefix) return !a.prefix;
  if (a.doc.field != b.doc.field) return a.doc.field < b.doc.field;
  if (a.doc.popularity != b.doc.popularity) return a.doc.popularity > b.doc.popularity;
  if (a.doc.label != b.doc.label) return a.doc.label < b.doc.label;
  return a.doc.id < b.doc.id;
}

// "Did you mean": each query word with no candidate replaced by the most common
// stored word within two edits (one for words under 6 letters).
Result<std::string> DidYouMean(Store& store, const std::vector<QueryWord>& qs) {
  std::vector<std::string> out;
  bool changed = false;
  for (const auto& q : qs) {
    out.push_back(q.text);
    if (!q.words.empty() || !q.splits.empty() || !IsAsciiWord(q.text) || q.text.size() < 3) continue;
    const int cap = q.text.size() >= 6 ? 2 : 1;
    std::vector<std::string> variants = DeletionVariants(q.text, cap);
    REEL_ASSIGN_OR_RETURN(auto as_words, store.FindSearchWords(variants));
    variants.push_back(q.text);
    REEL_ASSIGN_OR_RETURN(auto near, store.FindSearchWordsByVariant(variants));
    for (auto& w : as_words) near.push_back(std::move(w));
    const SearchWord* best = nullptr;
    int best_d = cap + 1;
    for (const auto& w : near) {
      const int d = TypoDistance(q.text, w.word, cap);
      if (d < best_d || (d == best_d && best && (w.docs > best->docs || (w.docs == best->docs && w.word < best->word)))) {
        best = &w;
        best_d = d;
      }
    }
    if (best && best_d <= cap) {
      out.back() = best->word;
      changed = true;
    }
  }
  if (!changed) return std::string();
  std::string s;
  for (const auto& w : out) s += (s.empty() ? "" : " ") + w;
  return s;
}

}  // namespace

Result<Results> Run(Store& store, const Query& query, std::string_view now) {
  REEL_TRY(CheckQuery(query));
  Results r;
  r.query = query.text;
  r.page = query.page;
  r.per_page = query.per_page;
  r.words = SearchWords(query.text);
  if (r.words.size() > 10) r.words.resize(10);
  if (r.words.empty()) return r;
  std::vector<QueryWord> qs;
  for (const auto& w : r.words) qs.push_back(QueryWord{w, {}, {}, "", 0});
  REEL_ASSIGN_OR_RETURN(const auto found, FindCandidates(store, qs));
  AssignCandidates(qs, found);
  const QueryWord* driver = nullptr;
  for (const auto& q : qs) {
    if (q.docs > 0 && (!driver || q.docs < driver->docs)) driver = &q;
  }
  std::vector<Hit> hits;
  if (driver) {
    // About kMaxHits documents in all, shared by the driver's candidate words.
    const auto ids = DriverWordIds(*driver, found);
    const int each = std::max(100, kMaxHits / static_cast<int>(ids.size()));
    REEL_ASSIGN_OR_RETURN(auto postings, store.ListSearchPostings(ids, each));
    std::set<Id> seen;
    for (const auto& [word_id, doc] : postings) {
      if (seen.insert(doc.id).second) hits.push_back(Evaluate(qs, doc));
    }
  }
  std::sort(hits.begin(), hits.end(), Better);
  // A character credited on several seasons of a series is one result (the best).
  std::set<std::pair<std::string, Id>> characters;
  std::erase_if(hits, [&](const Hit& h) {
    return h.doc.kind == "character" && !characters.insert({h.doc.label, h.doc.person_id}).second;
  });
  if (hits.size() > static_cast<size_t>(kMaxHits)) hits.resize(kMaxHits);
  if (hits.empty() || hits[0].matched < static_cast<int>(qs.size())) {
    REEL_ASSIGN_OR_RETURN(r.did_you_mean, DidYouMean(store, qs));
  }
  for (const auto& h : hits) ++r.kinds[h.doc.kind];
  if (!query.kind.empty()) std::erase_if(hits, [&](const Hit& h) { return h.doc.kind != query.kind; });
  r.total = static_cast<int64_t>(hits.size());
  const int64_t first = static_cast<int64_t>(query.page - 1) * query.per_page;
  if (first < r.total) {
    const int64_t end = std::min<int64_t>(r.total, first + query.per_page);
    r.hits.assign(hits.begin() + first, hits.begin() + end);
  }
  REEL_TRY(Describe(store, r.hits, now));
  return r;
}

}  // namespace reel::search
