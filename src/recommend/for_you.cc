// The "for you" read model (for_you.h): the stored lists of a reader's liked
// titles summed with recency weights, or the popular fallback and onboarding.
#include "recommend/for_you.h"

#include <algorithm>
#include <map>
#include <set>

#include "catalog/title_paths.h"
#include "storage/store.h"

namespace reel::recommend {
namespace {

constexpr int kLikedUsed = 50;       // The most recent liked titles asked for lists.
constexpr int kPerLiked = 24;
constexpr int64_t kMaxPage = 1000;
constexpr double kLiked = 3.5;       // Stars from which a rating says "liked".

struct Ranked {
  double score = 0;
  Id because = 0;
  double best = 0;
};

// The reader's ranked candidates with the liked title behind each.
Result<std::vector<std::pair<Id, Id>>> RankFromLiked(Store& store, const std::vector<RatingEvent>& mine) {
  std::set<Id> rated;
  std::vector<Id> liked;
  std::map<Id, double> weight;
  for (const auto& e : mine) rated.insert(e.title_id);
  for (bool strict : {true, false}) {
    double w = 1.0;
    for (const auto& e : mine) {  // Newest first.
      if ((strict && e.stars < kLiked) || weight.count(e.title_id)) continue;
      if (static_cast<int>(liked.size()) >= kLikedUsed) break;
      liked.push_back(e.title_id);
      weight[e.title_id] = w * (e.stars >= kLiked ? e.stars - 2.5 : 0.5);
      w *= 0.9;
    }
    if (!liked.empty()) break;
  }
  REEL_ASSIGN_OR_RETURN(auto lists, store.ListNeighbours(liked, kPerLiked));
  std::map<Id, Ranked> ranked;
  for (const auto& n : lists) {
    if (rated.count(n.neighbour_id)) continue;
    double c = weight[n.title_id] * n.score * (1.0 - 0.5 * n.position / kPerLiked);
    Ranked& r = ranked[n.neighbour_id];
    r.score += c;
    if (c > r.best) {
      r.best = c;
      r.because = n.title_id;
    }
  }
  std::vector<std::pair<double, std::pair<Id, Id>>> order;
  for (const auto& [id, r] : ranked) order.push_back({-r.score, {id, r.because}});
  std::sort(order.begin(), order.end());
  std::vector<std::pair<Id, Id>> out;
  for (const auto& o : order) out.push_back(o.second);
  return out;
}

// Where a title is rated: a film's page, or a series' first season.
Result<std::string> RatePath(Store& store, const Title& t) {
  if (t.kind == TitleKind::kFilm) return catalog::FilmPath(t);
  REEL_ASSIGN_OR_RETURN(auto seasons, store.ListChildren(t.id));
  if (seasons.empty()) return std::string();
  return catalog::SeasonPath(t, seasons.front().number);
}

}  // namespace

Result<ForYouPage> LoadForYou(Store& store, Id user_id, Date today, int64_t page, int64_t per_page) {
  if (page < 1 || page > kMaxPage) return InvalidArgument("page: a number from 1 to " + std::to_string(kMaxPage));
  if (per_page < 1 || per_page > kMaxForYouPerPage) {
    return InvalidArgument("per_page: a number from 1 to " + std::to_string(kMaxForYouPerPage));
  }
  ForYouPage out;
  out.page = static_cast<int>(page);
  out.per_page = static_cast<int>(per_page);
  REEL_ASSIGN_OR_RETURN(auto mine, store.ListUserRatingEvents(user_id));
  out.has_ratings = !mine.empty();
  std::vector<std::pair<Id, Id>> ranked;
  if (out.has_ratings) {
    REEL_ASSIGN_OR_RETURN(ranked, RankFromLiked(store, mine));
  }
  const int64_t offset = (page - 1) * per_page;
  std::vector<Id> ids;
  std::map<Id, Id> because;
  if (!ranked.empty()) {
    for (int64_t i = offset; i < static_cast<int64_t>(ranked.size()) && i < offset + per_page; ++i) {
      ids.push_back(ranked[i].first);
      because[ranked[i].first] = ranked[i].second;
    }
    out.has_more = offset + per_page < static_cast<int64_t>(ranked.size());
  } else {
    std::set<Id> rated;
    for (const auto& e : mine) rated.insert(e.title_id);
    REEL_ASSIGN_OR_RETURN(auto popular, store.ListPopularTitles({}, static_cast<int>(per_page + rated.size() + 1),
                                                                static_cast<int>(offset)));
    for (Id id : popular) {
      if (!rated.count(id) && static_cast<int64_t>(ids.size()) < per_page) ids.push_back(id);
    }
    out.has_more = static_cast<int64_t>(popular.size()) > per_page;
  }
  REEL_ASSIGN_OR_RETURN(auto titles, store.GetTitles(ids));
  std::map<Id, Title> by_id;
  for (auto& t : titles) by_id.emplace(t.id, std::move(t));
  std::vector<Id> liked_ids;
  for (const auto& [id, b] : because) liked_ids.push_back(b);
  REEL_ASSIGN_OR_RETURN(auto liked_titles, store.GetTitles(liked_ids));
  std::map<Id, std::string> liked_names;
  for (const auto& t : liked_titles) liked_names[t.id] = t.name;
  for (Id id : ids) {
    auto it = by_id.find(id);
    if (it == by_id.end() || it->second.untitled) continue;
    out.titles.push_back(it->second);
    out.reasons.push_back(because.count(id) ? "Because you liked " + liked_names[because[id]] : "Popular with readers");
  }
  REEL_ASSIGN_OR_RETURN(out.facts, catalog::LoadTitleFacts(store, out.titles, today));
  if (!out.has_ratings && page == 1) {
    REEL_ASSIGN_OR_RETURN(auto popular, store.ListPopularTitles({}, kOnboardingTitles * 2, 0));
    REEL_ASSIGN_OR_RETURN(auto candidates, store.GetTitles(popular));
    std::map<Id, Title> found;
    for (auto& t : candidates) found.emplace(t.id, std::move(t));
    for (Id id : popular) {
      if (static_cast<int>(out.onboarding.size()) >= kOnboardingTitles) break;
      if (!found.count(id)) continue;
      const Title& t = found[id];
      REEL_ASSIGN_OR_RETURN(std::string path, RatePath(store, t));
      if (path.empty()) continue;
      out.onboarding.push_back(t);
      out.rate_paths.push_back(path);
    }
  }
  return out;
}

}  // namespace reel::recommend
