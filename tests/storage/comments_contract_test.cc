// The store contract, comments and moderation slice (storage/comment_store.h;
// sql/comments.cc): comments and their threads a page at a time, spam checks and the
// posting rate they see, the comment guard under concurrent posts, reports, the
// moderation queues, held ratings, and deleting comments or accounts without taking
// other readers' replies.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "store_contract.h"

namespace reel {
namespace {

TEST_P(StoreContractTest, CommentsSpamChecksReportsAndModeration) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  const Id other_season = AddChild(series, TitleKind::kSeason, 2, "2021-01-23");
  User a;
  a.username = "ann";
  const Id ann = store_->CreateUser(a).value();
  a.username = "bob";
  const Id bob = store_->CreateUser(a).value();
  const CommentThread thread{0, season};

  auto add = [&](Id user, Id parent, const std::string& body, ModerationStatus status) {
    Comment c;
    c.thread = thread;
    c.user_id = user;
    c.parent_id = parent;
    c.body = body;
    c.status = status;
    SpamCheck k;
    k.user_id = user;
    k.address = "192.0.2.1";
    k.text = body;
    k.text_key = body;
    k.probability = status == ModerationStatus::kApproved ? 0.1 : 0.95;
    k.reasons = "one; two";
    return store_->AddComment(c, k);
  };
  const Id first = add(ann, 0, "First, with 'quotes'; DROP TABLE comments;--", ModerationStatus::kApproved).value();
  const Id reply = add(bob, first, "A reply", ModerationStatus::kApproved).value();
  const Id pending = add(bob, 0, "Waiting", ModerationStatus::kPending).value();
  const Id spam = add(bob, 0, "Spam", ModerationStatus::kSpam).value();
  // A reply to a reply, or into another thread, is refused; so is a comment of no thread.
  EXPECT_EQ(add(ann, reply, "Nested", ModerationStatus::kApproved).status().code(), StatusCode::kInvalidArgument);
  Comment stray;
  stray.body = "x";
  EXPECT_EQ(store_->AddComment(stray, {}).status().code(), StatusCode::kInvalidArgument);
  stray.thread = {0, other_season};
  stray.parent_id = first;
  EXPECT_EQ(store_->AddComment(stray, {}).status().code(), StatusCode::kInvalidArgument);

  auto ids = [&](Id viewer) {
    std::vector<Id> out;
    for (const auto& row : store_->ListComments(thread, viewer).value()) out.push_back(row.comment.id);
    return out;
  };
  EXPECT_EQ(ids(0), (std::vector<Id>{first, reply}));
  EXPECT_EQ(ids(ann), (std::vector<Id>{first, reply}));
  EXPECT_EQ(ids(bob), (std::vector<Id>{first, reply, pending}));  // Own pending, never spam.
  auto got = store_->GetComment(first).value();
  EXPECT_EQ(got.body, "First, with 'quotes'; DROP TABLE comments;--");
  EXPECT_EQ(got.thread, thread);
  EXPECT_EQ(store_->GetComment(reply)->parent_id, first);
  EXPECT_EQ(store_->GetComment(424242).status().code(), StatusCode::kNotFound);

  // Queues, each with the newest check.
  auto queue = [&](Store::ModerationQueue q) { return store_->ListModerationQueue(q, 10).value(); };
  ASSERT_EQ(queue(Store::ModerationQueue::kPending).size(), 1u);
  EXPECT_EQ(queue(Store::ModerationQueue::kPending)[0].comment->comment.id, pending);
  EXPECT_DOUBLE_EQ(queue(Store::ModerationQueue::kPending)[0].check.probability, 0.95);
  EXPECT_EQ(queue(Store::ModerationQueue::kPending)[0].check.reasons, "one; two");
  ASSERT_EQ(queue(Store::ModerationQueue::kSpam).size(), 1u);
  EXPECT_TRUE(queue(Store::ModerationQueue::kReported).empty());

  // Reports: once per reader while open; resolving empties the queue.
  Report r;
  r.comment_id = first;
  r.user_id = bob;
  r.reason = "rude";
  const Id rep = store_->AddReport(r).value();
  EXPECT_EQ(store_->AddReport(r).value(), rep);
  r.user_id = ann;
  r.reason = "";
  ASSERT_TRUE(store_->AddReport(r).ok());
  auto reported = queue(Store::ModerationQueue::kReported);
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0].open_reports, 2);
  EXPECT_EQ(reported[0].report_reasons, "rude");
  ASSERT_TRUE(store_->ResolveReports(first, 0, ann).ok());
  EXPECT_TRUE(queue(Store::ModerationQueue::kReported).empty());
  Report both;
  both.comment_id = first;
  both.rating_id = 1;
  EXPECT_EQ(store_->AddReport(both).status().code(), StatusCode::kInvalidArgument);

  // Status changes and edits.
  ASSERT_TRUE(store_->SetCommentStatus(pending, ModerationStatus::kApproved).ok());
  EXPECT_EQ(ids(0), (std::vector<Id>{first, reply, pending}));
  SpamCheck edit;
  edit.text = "Edited";
  edit.text_key = "edited";
  edit.probability = 0.5;
  ASSERT_TRUE(store_->EditComment(pending, "Edited", ModerationStatus::kPending, edit).ok());
  EXPECT_EQ(store_->GetComment(pending)->body, "Edited");
  EXPECT_FALSE(store_->GetComment(pending)->updated_at.empty());
  EXPECT_DOUBLE_EQ(queue(Store::ModerationQueue::kPending)[0].check.probability, 0.5);  // The newest check.
  EXPECT_EQ(store_->SetCommentStatus(424242, ModerationStatus::kSpam).code(), StatusCode::kNotFound);

  // Activity counts for the spam filter.
  auto activity = store_->CountSpamActivity(bob, "", "Waiting", "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z").value();
  EXPECT_EQ(activity.posts_last_hour, 3);  // Reply, pending and spam (the edit's check names no user).
  EXPECT_EQ(activity.same_text_recent, 1);
  EXPECT_EQ(store_->CountSpamActivity(bob, "", "x", "2999-01-01T00:00:00Z", "2999-01-01T00:00:00Z")->posts_last_hour, 0);
  EXPECT_EQ(store_->CountSpamActivity(0, "192.0.2.1", "x", "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z")->posts_last_hour,
            0);  // Members' posts do not count against a guest's address.

  // Labels make training examples; the stamp moves with every change.
  const std::string stamp0 = store_->SpamExamplesStamp().value();
  ASSERT_TRUE(store_->LabelSpamCheck("comment", spam, "spam", ann).ok());
  const std::string stamp1 = store_->SpamExamplesStamp().value();
  ASSERT_TRUE(store_->LabelSpamCheck("comment", spam, "ham", ann).ok());
  const std::string stamp2 = store_->SpamExamplesStamp().value();
  EXPECT_NE(stamp0, stamp1);
  EXPECT_NE(stamp1, stamp2);
  auto examples = store_->ListSpamExamples().value();
  ASSERT_EQ(examples.size(), 1u);
  EXPECT_EQ(examples[0].label, "ham");
  EXPECT_EQ(examples[0].text, "Spam");
  EXPECT_EQ(examples[0].decided_by, ann);
  ASSERT_TRUE(store_->LabelSpamCheck("comment", spam, "", ann).ok());
  EXPECT_TRUE(store_->ListSpamExamples()->empty());
  EXPECT_EQ(store_->LabelSpamCheck("review", 424242, "spam", ann).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->LabelSpamCheck("comment", spam, "maybe", ann).code(), StatusCode::kInvalidArgument);

  // Deleting a comment keeps its replies; its checks stay.
  ASSERT_TRUE(store_->LabelSpamCheck("comment", reply, "ham", ann).ok());
  ASSERT_TRUE(store_->DeleteComment(reply).ok());
  EXPECT_EQ(store_->GetComment(reply).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListSpamExamples()->size(), 1u);
  EXPECT_EQ(store_->DeleteComment(reply).code(), StatusCode::kNotFound);

  // Articles are threads too.
  Article art;
  art.slug = "season-two-news";
  art.headline = "Season two";
  const Id article = store_->AddArticle(art).value();
  EXPECT_EQ(store_->FindArticleBySlug("season-two-news")->id, article);
  EXPECT_EQ(store_->FindArticleBySlug("nope").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetArticle(article)->headline, "Season two");
  EXPECT_EQ(store_->GetArticle(424242).status().code(), StatusCode::kNotFound);
  Comment on_article;
  on_article.thread = {article, 0};
  on_article.user_id = ann;
  on_article.body = "News!";
  on_article.status = ModerationStatus::kApproved;
  ASSERT_TRUE(store_->AddComment(on_article, {}).ok());
  EXPECT_EQ(store_->ListComments({article, 0}, 0)->size(), 1u);

  // Roles.
  ASSERT_TRUE(store_->SetUserAccess(ann, Role::kEditor, std::nullopt).ok());
  EXPECT_EQ(store_->GetUser(ann)->role, Role::kEditor);
  EXPECT_EQ(store_->SetUserAccess(424242, Role::kAdmin, std::nullopt).code(), StatusCode::kNotFound);
}

// The posting rate the spam filter sees counts new posts, not versions: a review
// edited twice and a comment edited once are two posts.
TEST_P(StoreContractTest, SpamActivityCountsNewPostsNotVersions) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  const Id ann = AddUser("ann");
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
    Rating r;
    r.user_id = ann;
    r.title_id = season;
    r.stars = 4;
    for (const char* text : {"First words", "Second words", "Third words"}) {
      r.review = text;
      auto id = w.UpsertRating(r);
      if (!id.ok()) return id.status();
      SpamCheck k;
      k.kind = "review";
      k.item_id = *id;
      k.user_id = ann;
      k.address = "192.0.2.1";
      k.text = text;
      k.text_key = "same key";
      REEL_TRY(w.RecordSpamCheck(k).status());
    }
    return Status::Ok();
  }).ok());
  Comment c;
  c.thread = {0, season};
  c.user_id = ann;
  c.body = "A comment";
  c.status = ModerationStatus::kApproved;
  SpamCheck k;
  k.user_id = ann;
  k.address = "192.0.2.1";
  k.text = c.body;
  k.text_key = "same key";
  const Id comment = store_->AddComment(c, k).value();
  k.text = "A comment, edited";
  ASSERT_TRUE(store_->EditComment(comment, k.text, ModerationStatus::kApproved, k).ok());
  auto activity = store_->CountSpamActivity(ann, "", "same key", "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z").value();
  EXPECT_EQ(activity.posts_last_hour, 2);
  EXPECT_EQ(activity.same_text_recent, 2);
}

// AddComment's guard sees the author's earlier comments (one per comment, edits not
// counted, guests by address) inside the transaction, and refuses or holds; with
// many threads posting for one author at once, the guard's limit holds exactly.
TEST_P(StoreContractTest, CommentGuardCountsTheAuthorsCommentsAtomically) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  Article art;
  art.slug = "news";
  art.headline = "News";
  const Id article = store_->AddArticle(art).value();
  const Id ann = AddUser("ann");
  const Id bob = AddUser("bob");
  auto comment = [](CommentThread thread, Id user, const std::string& body) {
    Comment c;
    c.thread = thread;
    c.user_id = user;
    c.body = body;
    c.status = ModerationStatus::kApproved;
    return c;
  };
  auto check = [](const std::string& key, const std::string& address) {
    SpamCheck k;
    k.text = key;
    k.text_key = key;
    k.address = address;
    return k;
  };
  const Id first = store_->AddComment(comment({0, season}, ann, "one"), check("one", "192.0.2.1")).value();
  SpamCheck edit = check("one edited", "192.0.2.1");
  edit.user_id = ann;
  ASSERT_TRUE(store_->EditComment(first, "one edited", ModerationStatus::kApproved, edit).ok());
  ASSERT_TRUE(store_->AddComment(comment({article, 0}, ann, "two"), check("two", "192.0.2.1")).ok());
  ASSERT_TRUE(store_->AddComment(comment({0, season}, bob, "bob's"), check("bobs", "192.0.2.1")).ok());
  ASSERT_TRUE(store_->AddComment(comment({0, season}, 0, "guest"), check("guest", "192.0.2.7")).ok());
  ASSERT_TRUE(store_->AddComment(comment({0, season}, 0, "other guest"), check("other", "192.0.2.8")).ok());

  std::vector<RecentComment> seen;
  Store::CommentGuard look{"2000-01-01T00:00:00Z", [&](const auto& recent, Comment&, SpamCheck&) {
                             seen = recent;
                             return Status::Ok();
                           }};
  ASSERT_TRUE(store_->AddComment(comment({0, season}, ann, "three"), check("three", "192.0.2.1"), look).ok());
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].thread, (CommentThread{0, season}));
  EXPECT_EQ(seen[0].text_key, "one");  // The post, not its edit.
  EXPECT_EQ(seen[1].thread, (CommentThread{article, 0}));
  EXPECT_EQ(seen[1].text_key, "two");
  EXPECT_FALSE(seen[0].at.empty());
  ASSERT_TRUE(store_->AddComment(comment({0, season}, 0, "again"), check("again", "192.0.2.7"), look).ok());
  ASSERT_EQ(seen.size(), 1u);  // Only the guests from that address.
  EXPECT_EQ(seen[0].text_key, "guest");
  look.since = "2999-01-01T00:00:00Z";
  ASSERT_TRUE(store_->AddComment(comment({0, season}, ann, "four"), check("four", "192.0.2.1"), look).ok());
  EXPECT_TRUE(seen.empty());

  // A refusal writes nothing; a hold stores the changed status and reasons.
  const int64_t before = store_->CountRows()->at("comments");
  Store::CommentGuard refuse{"2000-01-01T00:00:00Z",
                             [](const auto&, Comment&, SpamCheck&) { return ResourceExhausted("slow down"); }};
  auto refused = store_->AddComment(comment({0, season}, ann, "five"), check("five", "192.0.2.1"), refuse);
  EXPECT_EQ(refused.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(refused.status().message(), "slow down");
  EXPECT_EQ(store_->CountRows()->at("comments"), before);
  // Nor a spam check: Ann's posts are still one, two, three and four.
  EXPECT_EQ(store_->CountSpamActivity(ann, "", "x", "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z")->posts_last_hour, 4);
  Store::CommentGuard hold{"2000-01-01T00:00:00Z", [](const auto&, Comment& c, SpamCheck& k) {
                             c.status = ModerationStatus::kPending;
                             k.reasons = "a burst";
                             return Status::Ok();
                           }};
  const Id held = store_->AddComment(comment({0, season}, ann, "six"), check("six", "192.0.2.1"), hold).value();
  EXPECT_EQ(store_->GetComment(held)->status, ModerationStatus::kPending);
  auto queue = store_->ListModerationQueue(Store::ModerationQueue::kPending, 10).value();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].check.reasons, "a burst");

  // Eight threads post for bob at once under a limit of three comments: exactly three
  // more get in (he has one already, so the guard sees 1, 2, 3 and then refuses).
  std::atomic<int> admitted{0};
  // The guard dawdles a little, so that without the author's lock the others would
  // count in the meantime and all get in.
  Store::CommentGuard three{"2000-01-01T00:00:00Z", [](const auto& recent, Comment&, SpamCheck&) {
                              std::this_thread::sleep_for(std::chrono::milliseconds(20));
                              return recent.size() >= 4 ? ResourceExhausted("limit") : Status::Ok();
                            }};
  std::vector<std::thread> posters;
  for (int t = 0; t < 8; ++t) {
    posters.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) {
        const std::string body = "bob " + std::to_string(t) + "." + std::to_string(i);
        auto r = store_->AddComment(comment({0, season}, bob, body), check(body, "192.0.2.1"), three);
        if (r.ok()) ++admitted;
        else EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted) << r.status().ToString();
      }
    });
  }
  for (auto& t : posters) t.join();
  EXPECT_EQ(admitted.load(), 3);
  int bobs = 0;
  for (const auto& row : store_->ListComments({0, season}, 0).value()) bobs += row.comment.user_id == bob;
  EXPECT_EQ(bobs, 4);
}

// A thread a page at a time: top-level comments the viewer sees, oldest first, each
// with the replies the viewer sees; the counts; where a comment falls.
TEST_P(StoreContractTest, CommentsComeAPageAtATime) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  const Id ann = AddUser("ann");
  const Id bob = AddUser("bob");
  int minute = 0;
  auto add = [&](Id user, Id parent, ModerationStatus status) {
    Comment c;
    c.thread = {0, season};
    c.user_id = user;
    c.parent_id = parent;
    c.body = "at minute " + std::to_string(++minute);
    c.status = status;
    c.created_at = "2022-01-01T10:" + std::string(minute < 10 ? "0" : "") + std::to_string(minute) + ":00Z";
    return store_->AddComment(c, {}).value();
  };
  using MS = ModerationStatus;
  const Id t1 = add(ann, 0, MS::kApproved), t2 = add(ann, 0, MS::kApproved), t3 = add(bob, 0, MS::kPending);
  const Id t4 = add(ann, 0, MS::kApproved), t5 = add(bob, 0, MS::kSpam), t6 = add(ann, 0, MS::kApproved);
  const Id t7 = add(bob, 0, MS::kApproved);
  const Id r1 = add(bob, t1, MS::kApproved), r2 = add(ann, t3, MS::kApproved), r3 = add(ann, t6, MS::kPending);
  (void)t5;
  auto ids = [&](Id viewer, int64_t offset, int limit) {
    auto page = store_->ListCommentPage({0, season}, viewer, offset, limit).value();
    std::vector<Id> out;
    for (const auto& row : page.rows) out.push_back(row.comment.id);
    return std::make_tuple(out, page.top_level, page.total);
  };
  // Others see Bob's pending comment as a placeholder over Ann's reply, not counted.
  EXPECT_EQ(ids(0, 0, 2), std::make_tuple(std::vector<Id>{t1, t2, r1}, int64_t{6}, int64_t{7}));
  EXPECT_EQ(ids(0, 2, 2), std::make_tuple(std::vector<Id>{t3, t4, r2}, int64_t{6}, int64_t{7}));
  EXPECT_EQ(ids(0, 4, 2), std::make_tuple(std::vector<Id>{t6, t7}, int64_t{6}, int64_t{7}));
  EXPECT_EQ(std::get<0>(ids(0, 6, 2)), std::vector<Id>{});
  // Bob sees his pending comment and the reply under it; Ann her pending reply.
  EXPECT_EQ(ids(bob, 0, 10), std::make_tuple(std::vector<Id>{t1, t2, t3, t4, t6, t7, r1, r2}, int64_t{6}, int64_t{8}));
  EXPECT_EQ(ids(ann, 0, 10), std::make_tuple(std::vector<Id>{t1, t2, t3, t4, t6, t7, r1, r2, r3}, int64_t{6}, int64_t{8}));
  EXPECT_EQ(store_->CountCommentsBefore(t1, 0).value(), 0);
  EXPECT_EQ(store_->CountCommentsBefore(r1, 0).value(), 0);  // A reply is where its parent is.
  EXPECT_EQ(store_->CountCommentsBefore(t4, 0).value(), 3);
  EXPECT_EQ(store_->CountCommentsBefore(t4, bob).value(), 3);
  EXPECT_EQ(store_->CountCommentsBefore(r3, ann).value(), 4);
  EXPECT_EQ(store_->CountCommentsBefore(t7, 0).value(), 5);
  EXPECT_EQ(store_->CountCommentsBefore(424242, 0).status().code(), StatusCode::kNotFound);
  Article art;
  art.slug = "news";
  art.headline = "News";
  const Id article = store_->AddArticle(art).value();
  auto empty = store_->ListCommentPage({article, 0}, 0, 0, 50).value();
  EXPECT_TRUE(empty.rows.empty());
  EXPECT_EQ(empty.total, 0);
}

TEST_P(StoreContractTest, ReviewModerationAndHeldRatings) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  const Id ann = AddUser("ann");
  const Id bob = AddUser("bob");
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
    Rating r;
    r.user_id = ann;
    r.title_id = season;
    r.stars = 4;
    r.review = "Buy pills";
    r.review_status = ModerationStatus::kSpam;
    auto id = w.UpsertRating(r);
    if (!id.ok()) return id.status();
    SpamCheck k;
    k.kind = "review";
    k.item_id = *id;
    k.text = r.review;
    k.text_key = "buy pills";
    k.probability = 0.99;
    REEL_TRY(w.RecordSpamCheck(k).status());
    r.user_id = bob;
    r.review = "Held back";
    r.review_status = ModerationStatus::kApproved;
    r.status = RatingStatus::kHeld;
    return w.UpsertRating(r).status();
  }).ok());
  const Rating spam = store_->GetRating(ann, season).value();
  EXPECT_EQ(spam.review_status, ModerationStatus::kSpam);
  EXPECT_EQ(store_->GetRatingById(spam.id)->review, "Buy pills");
  EXPECT_EQ(store_->GetRatingById(424242).status().code(), StatusCode::kNotFound);
  // The spam review is hidden; its stars count. The held rating counts not at all.
  EXPECT_TRUE(store_->ListAudienceReviews(season, 10)->empty());
  EXPECT_EQ(store_->GetScoreCounts(season)->ratings, 1);
  auto spam_queue = store_->ListModerationQueue(Store::ModerationQueue::kSpam, 10).value();
  ASSERT_EQ(spam_queue.size(), 1u);
  ASSERT_TRUE(spam_queue[0].review.has_value());
  EXPECT_DOUBLE_EQ(spam_queue[0].check.probability, 0.99);
  auto held = store_->ListHeldRatings(10).value();
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].username, "bob");
  EXPECT_EQ(held[0].rating.status, RatingStatus::kHeld);

  ASSERT_TRUE(store_->SetReviewStatus(spam.id, ModerationStatus::kApproved).ok());
  EXPECT_EQ(store_->ListAudienceReviews(season, 10)->size(), 1u);
  EXPECT_EQ(store_->SetReviewStatus(424242, ModerationStatus::kApproved).code(), StatusCode::kNotFound);
  Report r;
  r.rating_id = spam.id;
  r.user_id = bob;
  ASSERT_TRUE(store_->AddReport(r).ok());
  EXPECT_EQ(store_->ListModerationQueue(Store::ModerationQueue::kReported, 10)->size(), 1u);
  ASSERT_TRUE(store_->ResolveReports(0, spam.id, ann).ok());
  EXPECT_TRUE(store_->ListModerationQueue(Store::ModerationQueue::kReported, 10)->empty());
  EXPECT_EQ(store_->RecomputeAggregates()->drifted, 0);
}

// Deleting a comment never takes another reader's words with it: a comment with
// replies stays as a placeholder (no text, no author) with its replies under it, and
// goes when its last reply goes; a comment without replies goes at once.
TEST_P(StoreContractTest, DeletingACommentKeepsOtherReadersReplies) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  const Id ann = AddUser("ann");
  const Id bob = AddUser("bob");
  const Id cy = AddUser("cy");
  const CommentThread thread{0, season};
  auto add = [&](Id user, Id parent, const std::string& body, ModerationStatus status) {
    return AddComment(thread, user, parent, body, status);
  };
  const Id top = add(ann, 0, "Ann's words", ModerationStatus::kApproved);
  const Id bobs = add(bob, top, "Bob's reply", ModerationStatus::kApproved);
  const Id cys = add(cy, top, "Cy's reply", ModerationStatus::kPending);
  const Id alone = add(ann, 0, "Ann, unanswered", ModerationStatus::kApproved);
  Report r;
  r.comment_id = top;
  r.user_id = bob;
  r.reason = "rude";
  ASSERT_TRUE(store_->AddReport(r).ok());
  ASSERT_EQ(store_->ListModerationQueue(Store::ModerationQueue::kReported, 10)->size(), 1u);

  ASSERT_TRUE(store_->DeleteComment(top).ok());
  const Comment placeholder = store_->GetComment(top).value();
  EXPECT_FALSE(placeholder.deleted_at.empty());
  EXPECT_EQ(placeholder.body, "");
  EXPECT_EQ(placeholder.user_id, 0);
  EXPECT_EQ(placeholder.guest_name, "");
  EXPECT_EQ(store_->GetComment(bobs)->body, "Bob's reply");
  EXPECT_EQ(store_->GetComment(cys)->parent_id, top);
  auto listed = [&](Id viewer) {
    std::vector<Id> out;
    for (const auto& row : store_->ListComments(thread, viewer).value()) out.push_back(row.comment.id);
    return out;
  };
  EXPECT_EQ(listed(0), (std::vector<Id>{top, bobs, alone}));
  EXPECT_EQ(listed(cy), (std::vector<Id>{top, bobs, cys, alone}));
  // A placeholder is no longer anyone's to edit, report or moderate; its reports are settled.
  EXPECT_EQ(store_->DeleteComment(top).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->EditComment(top, "Back", ModerationStatus::kApproved, {}).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->AddReport(r).status().code(), StatusCode::kNotFound);
  for (auto q : {Store::ModerationQueue::kPending, Store::ModerationQueue::kReported, Store::ModerationQueue::kSpam}) {
    for (const auto& row : store_->ListModerationQueue(q, 10).value()) {
      EXPECT_NE(row.comment ? row.comment->comment.id : 0, top);
    }
  }
  EXPECT_EQ(store_->ListModerationQueue(Store::ModerationQueue::kPending, 10)->size(), 1u);  // Cy's reply.
  // Readers may still answer under it.
  const Id late = add(bob, top, "Still here", ModerationStatus::kApproved);

  // A comment without replies goes entirely.
  ASSERT_TRUE(store_->DeleteComment(alone).ok());
  EXPECT_EQ(store_->GetComment(alone).status().code(), StatusCode::kNotFound);
  // Seen by no one but Cy, the placeholder is not listed to others once only Cy's
  // pending reply is left; it goes with the last reply.
  ASSERT_TRUE(store_->DeleteComment(bobs).ok());
  ASSERT_TRUE(store_->DeleteComment(late).ok());
  EXPECT_TRUE(listed(0).empty());
  EXPECT_EQ(listed(cy), (std::vector<Id>{top, cys}));
  ASSERT_TRUE(store_->GetComment(top).ok());
  ASSERT_TRUE(store_->DeleteComment(cys).ok());
  EXPECT_EQ(store_->GetComment(top).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(listed(cy).empty());
}

// A top-level comment a reader may not see (spam, another's pending) keeps the
// replies they see under a placeholder with no text and no author, not counted; its
// author still sees their own pending comment, and the queues are unchanged.
TEST_P(StoreContractTest, AHiddenCommentKeepsOtherReadersReplies) {
  const Id season = AddChild(AddSeries("s", "S"), TitleKind::kSeason, 1, "2020-01-23");
  const Id ann = AddUser("ann");
  const Id bob = AddUser("bob");
  const CommentThread thread{0, season};
  auto add = [&](Id user, Id parent, const std::string& body, ModerationStatus status) {
    return AddComment(thread, user, parent, body, status);
  };
  const Id spam = add(ann, 0, "Ann's spam", ModerationStatus::kSpam);
  const Id bobs = add(bob, spam, "Bob's reply", ModerationStatus::kApproved);
  const Id held = add(ann, 0, "Ann, held", ModerationStatus::kPending);
  const Id under = add(bob, held, "Bob under it", ModerationStatus::kApproved);
  add(ann, 0, "Ann's unanswered spam", ModerationStatus::kSpam);
  for (Id viewer : {Id{0}, bob, ann}) {
    const CommentPage page = store_->ListCommentPage(thread, viewer, 0, 10).value();
    const std::vector<CommentRow> all = store_->ListComments(thread, viewer).value();
    ASSERT_EQ(page.rows.size(), 4u) << viewer;
    ASSERT_EQ(all.size(), 4u) << viewer;
    EXPECT_EQ(page.top_level, 2);
    EXPECT_EQ(page.total, viewer == ann ? 3 : 2) << viewer;  // Placeholders are not comments.
    for (const auto* rows : {&page.rows, &all}) {
      const std::vector<Id> ids{(*rows)[0].comment.id, (*rows)[1].comment.id, (*rows)[2].comment.id,
                                (*rows)[3].comment.id};
      EXPECT_EQ(ids, (std::vector<Id>{spam, bobs, held, under}));
      const CommentRow& p = (*rows)[0];
      EXPECT_TRUE(p.withheld);
      EXPECT_EQ(p.comment.body, "");
      EXPECT_EQ(p.comment.user_id, 0);
      EXPECT_EQ(p.username, "");
      EXPECT_EQ((*rows)[1].comment.body, "Bob's reply");
      EXPECT_EQ((*rows)[2].withheld, viewer != ann);  // Her own pending comment, as it is.
      EXPECT_EQ((*rows)[2].comment.body, viewer == ann ? "Ann, held" : "");
    }
    EXPECT_EQ(store_->CountCommentsBefore(held, viewer).value(), 1);
  }
  EXPECT_EQ(store_->GetComment(spam)->body, "Ann's spam");  // Only hidden, not changed.
  EXPECT_EQ(store_->ListModerationQueue(Store::ModerationQueue::kSpam, 10)->size(), 2u);
  EXPECT_EQ(store_->ListModerationQueue(Store::ModerationQueue::kPending, 10)->size(), 1u);
}

// Closing an account keeps its comments, shown as by no one, and every reply to them.
TEST_P(StoreContractTest, ClosingAnAccountKeepsItsCommentsAndTheReplies) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  const Id ann = AddUser("ann");
  const Id bob = AddUser("bob");
  Comment c;
  c.thread = {0, season};
  c.user_id = ann;
  c.body = "Ann's words";
  c.status = ModerationStatus::kApproved;
  const Id top = store_->AddComment(c, {}).value();
  c.user_id = bob;
  c.parent_id = top;
  c.body = "Bob's reply";
  const Id reply = store_->AddComment(c, {}).value();
  ASSERT_TRUE(store_->DeleteUser(ann).ok());
  const auto rows = store_->ListComments({0, season}, 0).value();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].comment.id, top);
  EXPECT_EQ(rows[0].comment.body, "Ann's words");
  EXPECT_EQ(rows[0].username, "");  // Shown as "Deleted user".
  EXPECT_EQ(rows[1].comment.id, reply);
  EXPECT_EQ(rows[1].username, "bob");
}

}  // namespace
}  // namespace reel
