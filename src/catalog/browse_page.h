// The read models of the browsing pages: a film or series index with its filters
// (/m, /tv, /genre/<slug>, /year/<yyyy>), a critic's page (/critics/<slug>) and a
// publication's (/critics/source/<slug>). Plain structs; the loaders read the store
// (only they do, inside one ReadOnce); any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/browse_query.h"
#include "catalog/title_facts.h"
#include "core/date.h"
#include "core/status.h"
#include "model/titles.h"
#include "storage/browse_store.h"

namespace reel {
class Store;
}

namespace reel::catalog {

struct TitleIndexPage {
  IndexQuery query;
  std::optional<Genre> genre;   // The genre filtered on.
  std::vector<Genre> genres;    // Every genre, for the filter form.
  TitleListing listing;         // This page's titles and the (capped) count.
  TitleFacts facts;             // Their cards' scores.
  int64_t pages = 0;            // Pages the count fills (at most kIndexMaxPages).
  bool past_end = false;        // The page asked for is after the last.
};
// NotFound ("genre: ...") when the query names no genre of the catalog.
Result<TitleIndexPage> LoadTitleIndex(Store& store, const IndexQuery& query, Date today);

// A page of a critic's or a publication's reviews and their full tally.
struct ReviewsPart {
  ReviewListQuery query;
  std::vector<ReviewOfTitle> reviews;
  CriticReviewTally tally;
  bool past_end = false;
};

struct CriticPage {
  Critic critic;
  std::vector<PublicationWithCount> publications;  // Most reviews first (up to 50).
  ReviewsPart reviews;
};
Result<CriticPage> LoadCriticPage(Store& store, std::string_view slug, const ReviewListQuery& query);

inline constexpr int kPublicationCriticsShown = 20;
// How many of a publication's newest graded reviews its fresh line is fitted on.
inline constexpr int kFreshLineHistory = 5000;
struct PublicationPage {
  Publication publication;
  std::vector<CriticWithCount> critics;  // One page of them, most reviews first.
  int64_t critics_total = 0;
  int64_t critics_page = 1;
  ReviewsPart reviews;
  // Its grade scales (by family: "/5", "letter"...), how many of its grades use
  // each, and the calibrated fresh line on each (0..100: fresh at or above).
  struct Scale {
    std::string family;
    int64_t grades = 0;
    double fresh_line = 60;
    int64_t labelled = 0;  // The critics' own verdicts it was fitted on.
  };
  std::vector<Scale> scales;
  std::optional<double> bare_scale;  // What its bare numbers are out of, when known.
};
Result<PublicationPage> LoadPublicationPage(Store& store, std::string_view slug, const ReviewListQuery& query,
                                            int64_t critics_page);

}  // namespace reel::catalog
