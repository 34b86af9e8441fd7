// The names of sentiments and their sources, as the store and imports spell them.
#include "model/reviews.h"

namespace reel {

const char* SentimentName(Sentiment s) {
  switch (s) {
    case Sentiment::kNone: return "";
    case Sentiment::kFresh: return "fresh";
    case Sentiment::kRotten: return "rotten";
  }
  return "";
}

Sentiment ParseSentiment(std::string_view name) {
  if (name == "fresh") return Sentiment::kFresh;
  if (name == "rotten") return Sentiment::kRotten;
  return Sentiment::kNone;
}

const char* SentimentSourceName(SentimentSource s) {
  switch (s) {
    case SentimentSource::kNone: return "";
    case SentimentSource::kCritic: return "critic";
    case SentimentSource::kGrade: return "grade";
    case SentimentSource::kText: return "text";
    case SentimentSource::kEditor: return "editor";
  }
  return "";
}

SentimentSource ParseSentimentSource(std::string_view name) {
  for (auto v : {SentimentSource::kCritic, SentimentSource::kGrade, SentimentSource::kText, SentimentSource::kEditor}) {
    if (name == SentimentSourceName(v)) return v;
  }
  return SentimentSource::kNone;
}

}  // namespace reel
