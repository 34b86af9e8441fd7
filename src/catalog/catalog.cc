#include "catalog/catalog.h"

#include <algorithm>
#include <cstdio>

namespace reel::catalog {

std::string EpisodeCode(int season, int episode) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "S%02dE%02d", season, episode);
  return buf;
}

std::string SeasonSegment(int number) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "s%02d", number);
  return buf;
}

std::string EpisodeSegment(int number) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "e%02d", number);
  return buf;
}

int ParseNumberSegment(std::string_view segment, char prefix) {
  if (segment.size() < 2 || segment.size() > 4) return 0;
  if (segment[0] != prefix && segment[0] != prefix - 'a' + 'A') return 0;
  int n = 0;
  for (char c : segment.substr(1)) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::string YearSpan(const Title& title) {
  if (!title.release) return "";
  const std::string start = std::to_string(title.release->year());
  if (title.kind != TitleKind::kSeries) return start;
  if (title.end_year == 0) return start + "–";
  if (title.end_year == title.release->year()) return start;
  return start + "–" + std::to_string(title.end_year);
}

std::string YearSpan(const Title& title, const SeriesRun& run, Date today) {
  if (title.kind != TitleKind::kSeries || title.end_year != 0 || !title.release || !run.last_release ||
      run.undated_season || today.ToDays() - run.last_release->ToDays() <= kSeriesEndedAfterDays) {
    return YearSpan(title);
  }
  Title ended = title;
  ended.end_year = std::max(run.last_release->year, title.release->year());
  return YearSpan(ended);
}

std::string SeasonName(int number) { return "Season " + std::to_string(number); }

std::string Year(const Title& title) {
  return title.release ? std::to_string(title.release->year()) : "";
}

CastAndCrew SplitCredits(const std::vector<CreditRow>& credits) {
  CastAndCrew out;
  for (const auto& c : credits) {
    (c.credit.kind == CreditKind::kCast ? out.cast : out.crew).push_back(c);
  }
  return out;
}

std::vector<CreditRow> Creators(const std::vector<CreditRow>& credits) {
  std::vector<CreditRow> out;
  for (const auto& c : credits) {
    if (c.credit.kind == CreditKind::kCrew && (c.credit.role == "Creator" || c.credit.role == "Created by")) {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace reel::catalog
