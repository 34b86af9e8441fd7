// Catalog rules that pages and the API share: episode codes, year spans, the
// split of credits into cast and crew. Pure functions over records; any thread.
#pragma once

#include <string>
#include <vector>

#include "model/people.h"
#include "model/titles.h"

namespace reel::catalog {

// "S02E02".
std::string EpisodeCode(int season, int episode);

// "s01", "e02": the URL segments of seasons and episodes.
std::string SeasonSegment(int number);
std::string EpisodeSegment(int number);

// Parses "s01"/"S1" or "e02" (prefix letter then 1-3 digits); 0 when malformed.
int ParseNumberSegment(std::string_view segment, char prefix);

// "2020", "2020–2023" for an ended series, "2020–" for a running one; "" if unknown.
// A series has ended only when the catalog gives its end year.
std::string YearSpan(const Title& title);

// A series whose latest season or episode came out more than this many days ago, and
// that has no season announced (dated in the future, or without a date and episodes),
// has ended in the year of that release.
inline constexpr int kSeriesEndedAfterDays = 730;
// The same, for a series whose seasons and episodes run as `run` says, seen `today`:
// the catalog's end year wins; else the rule above; else it is running ("1994–").
std::string YearSpan(const Title& title, const SeriesRun& run, Date today);

// "Season 1".
std::string SeasonName(int number);

// The release year as text, "" when unknown.
std::string Year(const Title& title);

// Cast first, then crew, each in billing order (the store already sorts this way;
// this keeps the rule in one place for callers that merge lists).
struct CastAndCrew {
  std::vector<CreditRow> cast;
  std::vector<CreditRow> crew;
};
CastAndCrew SplitCredits(const std::vector<CreditRow>& credits);

// Crew credits whose job is "Creator" (or "Created by").
std::vector<CreditRow> Creators(const std::vector<CreditRow>& credits);

}  // namespace reel::catalog
