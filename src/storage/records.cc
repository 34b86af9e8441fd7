#include "storage/records.h"

namespace reel {

const char* TitleKindName(TitleKind k) {
  switch (k) {
    case TitleKind::kFilm: return "film";
    case TitleKind::kSeries: return "series";
    case TitleKind::kSeason: return "season";
    case TitleKind::kEpisode: return "episode";
  }
  return "film";
}

std::optional<TitleKind> ParseTitleKind(std::string_view name) {
  for (auto k : {TitleKind::kFilm, TitleKind::kSeries, TitleKind::kSeason, TitleKind::kEpisode}) {
    if (name == TitleKindName(k)) return k;
  }
  return std::nullopt;
}

const char* CreditKindName(CreditKind k) { return k == CreditKind::kCast ? "cast" : "crew"; }

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

SentimentSource ParseSentimentSource(std::string_view name) {
  for (auto v : {SentimentSource::kCritic, SentimentSource::kGrade, SentimentSource::kText, SentimentSource::kEditor}) {
    if (name == SentimentSourceName(v)) return v;
  }
  return SentimentSource::kNone;
}

RatingStatus ParseRatingStatus(std::string_view name) {
  if (name == "pre_release") return RatingStatus::kPreRelease;
  if (name == "held") return RatingStatus::kHeld;
  return RatingStatus::kCounted;
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

const char* RoleName(Role r) {
  switch (r) {
    case Role::kReader: return "reader";
    case Role::kCritic: return "critic";
    case Role::kEditor: return "editor";
    case Role::kAdmin: return "admin";
  }
  return "reader";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (auto r : {Role::kReader, Role::kCritic, Role::kEditor, Role::kAdmin}) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

const char* ModerationStatusName(ModerationStatus s) {
  switch (s) {
    case ModerationStatus::kApproved: return "approved";
    case ModerationStatus::kPending: return "pending";
    case ModerationStatus::kSpam: return "spam";
  }
  return "pending";
}

std::optional<ModerationStatus> ParseModerationStatus(std::string_view name) {
  for (auto s : {ModerationStatus::kApproved, ModerationStatus::kPending, ModerationStatus::kSpam}) {
    if (name == ModerationStatusName(s)) return s;
  }
  return std::nullopt;
}

const char* RatingStatusName(RatingStatus s) {
  switch (s) {
    case RatingStatus::kCounted: return "counted";
    case RatingStatus::kPreRelease: return "pre_release";
    case RatingStatus::kHeld: return "held";
  }
  return "counted";
}

}  // namespace reel
