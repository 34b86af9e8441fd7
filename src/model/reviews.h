// Critic reviews: publications, critics, the reviews with their raw grades and
// verdicts, and the joined rows pages and the rescorer read. Plain structs; any
// thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "model/id.h"

namespace reel {

struct Publication {
  Id id = 0;
  std::string slug;
  std::string name;
  std::string url;
};

struct Critic {
  Id id = 0;
  std::string slug;
  std::string name;
  Id publication_id = 0;  // The critic's main publication; 0 if none.
  bool top_critic = false;
};

enum class Sentiment { kNone, kFresh, kRotten };
const char* SentimentName(Sentiment s);  // "", "fresh", "rotten"
Sentiment ParseSentiment(std::string_view name);  // kNone for anything else.

// Where a review's sentiment came from: the critic's own label, derived from the
// grade, suggested by the text classifier (not counted), or set by an editor.
enum class SentimentSource { kNone, kCritic, kGrade, kText, kEditor };
const char* SentimentSourceName(SentimentSource s);
SentimentSource ParseSentimentSource(std::string_view name);  // kNone for anything else.

struct CriticReview {
  Id id = 0;
  Id title_id = 0;
  Id critic_id = 0;
  Id publication_id = 0;
  std::string quote;
  std::string url;
  std::string grade_raw;                // As the critic wrote it: "3/5", "B+", "".
  std::optional<double> grade_score;    // Normalised 0..100 when the grade parsed.
  Sentiment sentiment = Sentiment::kNone;
  SentimentSource sentiment_source = SentimentSource::kNone;
  std::optional<Date> date;
};

struct CriticReviewRow {
  CriticReview review;
  std::optional<Critic> critic;
  std::optional<Publication> publication;
};

// A critic review with what its grade and verdict are derived from: the publication
// and critic it belongs to (slugs; empty when unknown), its raw grade and its text.
struct ReviewScoringRow {
  Id id = 0;
  std::string publication;
  std::string critic;
  std::string grade_raw;
  std::optional<double> grade_score;
  Sentiment sentiment = Sentiment::kNone;
  SentimentSource source = SentimentSource::kNone;
  std::string quote;
};

}  // namespace reel
