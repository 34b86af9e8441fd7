// Moderation of what readers write: the spam model every server rebuilds from the
// store, the spam check each comment or review text gets before it is shown, and
// the decisions of editors (approve, mark spam, delete; count or remove a rating the
// review-bombing guard holds) and readers' reports.
//
// The model is trained only on editors' decisions, which the store keeps as
// labelled spam checks (storage table spam_checks), so any number of servers sharing
// one database score with the same model: SpamModel rebuilds its filter whenever the
// store's training set changed (it compares SpamExamplesStamp() when the store's
// ChangeGeneration() moves) and right after a decision made through it.
//
// Threads: a SpamModel may be shared by any number of threads (a shared_mutex
// guards the filter; a rebuild trains a new filter and swaps it in). The free
// functions are stateless and may be called from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "audience/spam.h"
#include "core/status.h"
#include "model/accounts.h"
#include "model/comments.h"
#include "model/ratings.h"

namespace reel {
class Store;
}

namespace reel::audience {

// The longest report reason kept.
inline constexpr size_t kMaxReportReasonLength = 500;

class SpamModel {
 public:
  // The filter trained on the store's decisions, rebuilt first if they changed.
  Result<SpamScore> Score(Store& store, const SpamInput& input);
  // Rebuilds the filter now if the store's training set changed since the last build.
  Status Refresh(Store& store);
  // Decided texts the current filter was trained on.
  int64_t examples();

 private:
  std::shared_mutex mu_;
  SpamFilter filter_;          // Guarded by mu_.
  std::string stamp_;          // SpamExamplesStamp() of the set filter_ learnt; guarded by mu_.
  uint64_t generation_ = 0;    // ChangeGeneration() when stamp_ was last compared; guarded by mu_.
  std::mutex rebuild_mu_;      // One rebuild at a time.
};

// Who writes a comment or review: a member, or a guest with the name and email they
// typed. `address` is the client's network address (the posting rate of guests).
struct Poster {
  const User* user = nullptr;  // nullptr for a guest.
  std::string guest_name;
  std::string guest_email;
  std::string address;
};

// The SpamInput a text gets from what the store knows: the author's name and account
// age, their posts in the last hour (by account, or by address for guests) and how
// often anyone posted the same text in the last day.
Result<SpamInput> BuildSpamInput(Store& store, const Poster& poster, std::string_view text);

// Scores `text` and returns the check to store with it (kind "comment" or "review";
// item_id left 0) and the status the post gets.
struct CheckedText {
  SpamCheck check;
  ModerationStatus status = ModerationStatus::kPending;
  SpamScore score;
};
Result<CheckedText> CheckText(Store& store, SpamModel& model, const Poster& poster, std::string_view kind,
                              std::string_view text);

// The training example a stored check stands for.
SpamInput SpamInputOf(const SpamCheck& check);

// Editors and admins moderate; everyone else is refused (PermissionDenied).
bool CanModerate(const User& user);

enum class Decision { kApprove, kSpam, kDelete };
std::optional<Decision> ParseDecision(std::string_view name);  // "approve", "spam", "delete"

// An editor's decision on a comment: approve (shown; the model learns "ham"), mark
// spam (hidden; learns "spam") or delete (learns nothing; replies stay, under a
// placeholder: comments.h). Each resolves the item's open reports and retrains the
// model. NotFound for a comment that is only a placeholder.
Status DecideComment(Store& store, SpamModel& model, const User& editor, Id comment_id, Decision decision);
// The same for an audience review's text; delete removes the whole rating.
Status DecideReview(Store& store, SpamModel& model, const User& editor, Id rating_id, Decision decision);

// A rating the review-bombing guard held: counted after all, or removed.
enum class HeldDecision { kCount, kRemove };
Status DecideHeldRating(Store& store, const User& editor, Id rating_id, HeldDecision decision);

// A reader's report of a comment or a review (exactly one id non-zero); the reason
// is optional plain text.
Status ReportItem(Store& store, const User& reader, Id comment_id, Id rating_id, std::string_view reason);

}  // namespace reel::audience
