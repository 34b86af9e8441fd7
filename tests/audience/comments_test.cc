// Comments and moderation through the real domain functions on a real SQLite file:
// threads and replies, validation, who may edit and delete, spam hidden and
// approved, decisions retraining the model (also on a second "server" sharing the
// file), reviews through the filter, held ratings, reports; and the spam filter
// measured as it is wired into the write path, on the labelled set in
// tests/fixtures/spam.
#include "audience/comments.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <spdlog/spdlog.h>

#include "audience/moderation.h"
#include "audience/ratings.h"
#include "storage/store.h"

namespace reel::audience {
namespace {

namespace fs = std::filesystem;

constexpr const char* kLinkSpam =
    "CHEAP meds online, no prescription!!! http://cheap-meds.example.xyz http://pills.example.top buy today";

class CommentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("reel-comments-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    url_ = "sqlite:" + (dir_ / "t.db").string();
    store_ = std::move(Store::Open(url_).value());
    Title t;
    t.kind = TitleKind::kFilm;
    t.slug = "logan";
    t.name = "Logan";
    t.release = FuzzyDate::Make("2017-03-03", "day").value();
    ASSERT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
      auto id = w.UpsertTitle(t);
      if (!id.ok()) return id.status();
      t.id = *id;
      return Status::Ok();
    }).ok());
    film_ = t;
    thread_ = {0, film_.id};
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  // A member whose account is `age_days` old.
  User AddUser(const std::string& name, double age_days = 400, Role role = Role::kReader) {
    User u;
    u.username = name;
    u.display_name = name;
    u.role = role;
    u.created_at = UtcTimestampOf(ParseUtcTimestamp(UtcTimestamp()).value() - static_cast<int64_t>(age_days * 86400));
    u.id = store_->CreateUser(u).value();
    if (role != Role::kReader) {
      EXPECT_TRUE(store_->SetUserAccess(u.id, role, std::nullopt).ok());
    }
    return u;
  }
  Result<Comment> Post(const User& u, const std::string& body, Id parent = 0) {
    return PostComment(*store_, model_, Poster{&u, "", "", "192.0.2.10"}, thread_, parent, body);
  }

  fs::path dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
  SpamModel model_;
  Title film_;
  CommentThread thread_;
};

TEST_F(CommentsTest, RepliesAreOneLevelDeepAndThreadsAreOrdered) {
  const User ann = AddUser("ann"), bob = AddUser("bob");
  auto top = Post(ann, "Best X-Men film by a distance.");
  ASSERT_TRUE(top.ok()) << top.status().ToString();
  EXPECT_EQ(top->status, ModerationStatus::kApproved);
  auto reply = Post(bob, "Agreed, the farm scene especially.", top->id);
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(reply->parent_id, top->id);
  // A reply to the reply attaches to the top comment.
  auto nested = Post(ann, "That scene hurt.", reply->id);
  ASSERT_TRUE(nested.ok());
  EXPECT_EQ(nested->parent_id, top->id);
  auto second = Post(bob, "Hugh Jackman's last outing as Wolverine, for a while.");
  ASSERT_TRUE(second.ok());

  auto nodes = LoadThread(*store_, thread_, 0).value();
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[0].row.comment.id, top->id);
  ASSERT_EQ(nodes[0].replies.size(), 2u);
  EXPECT_EQ(nodes[0].replies[0].comment.id, reply->id);
  EXPECT_EQ(nodes[0].replies[1].comment.id, nested->id);
  EXPECT_EQ(nodes[1].row.comment.id, second->id);
  EXPECT_EQ(nodes[0].row.username, "ann");

  // A parent from another thread or none at all is refused.
  EXPECT_EQ(Post(ann, "Hello", 424242).status().code(), StatusCode::kInvalidArgument);
  CommentThread other{0, film_.id + 1000};
  EXPECT_EQ(PostComment(*store_, model_, Poster{&ann, "", "", ""}, other, top->id, "x").status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(CommentsTest, BadTextAndBadGuestsAreRefused) {
  const User ann = AddUser("ann");
  EXPECT_EQ(Post(ann, "   \n ").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Post(ann, std::string(kMaxCommentLength + 1, 'a')).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Post(ann, "bad \xff utf8").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Post(ann, std::string("bell \x07")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Post(ann, "Paragraph one.\n\nParagraph two, with a tab\there.").ok());
  Poster nameless{nullptr, "", "g@example.org", "192.0.2.20"};
  EXPECT_EQ(PostComment(*store_, model_, nameless, thread_, 0, "Hi").status().code(), StatusCode::kInvalidArgument);
  Poster no_email{nullptr, "Gus", "not an email", "192.0.2.20"};
  auto st = PostComment(*store_, model_, no_email, thread_, 0, "Hi").status();
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message().rfind("guest_email:", 0), 0u) << st.message();
  Poster guest{nullptr, "Gus <b>", "gus@example.org", "192.0.2.20"};
  auto posted = PostComment(*store_, model_, guest, thread_, 0, "Saw it twice in the cinema.");
  ASSERT_TRUE(posted.ok());
  EXPECT_EQ(posted->user_id, 0);
  EXPECT_EQ(posted->guest_name, "Gus <b>");
  EXPECT_EQ(store_->GetComment(posted->id)->guest_email, "gus@example.org");
}

TEST_F(CommentsTest, OnlyAuthorsEditAndAuthorsOrEditorsDelete) {
  const User ann = AddUser("ann"), bob = AddUser("bob"), ed = AddUser("ed", 400, Role::kEditor);
  auto c = Post(ann, "First take.").value();
  EXPECT_EQ(EditComment(*store_, model_, bob, c.id, "Hijacked").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(EditComment(*store_, model_, ed, c.id, "Editors do not rewrite").code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(EditComment(*store_, model_, ann, c.id, "Second take.").ok());
  EXPECT_EQ(store_->GetComment(c.id)->body, "Second take.");
  EXPECT_EQ(EditComment(*store_, model_, ann, c.id, "").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DeleteComment(*store_, bob, c.id).code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(DeleteComment(*store_, ann, c.id).ok());
  auto d = Post(bob, "Another.").value();
  ASSERT_TRUE(DeleteComment(*store_, ed, d.id).ok());
  EXPECT_EQ(DeleteComment(*store_, ed, d.id).code(), StatusCode::kNotFound);
}

TEST_F(CommentsTest, SpamIsHiddenUntilAnEditorApprovesIt) {
  const User fresh = AddUser("fresh_account", 0.01), ed = AddUser("ed", 400, Role::kEditor);
  const User reader = AddUser("reader");
  auto spam = Post(fresh, kLinkSpam).value();
  EXPECT_NE(spam.status, ModerationStatus::kApproved);
  EXPECT_TRUE(LoadThread(*store_, thread_, 0)->empty());
  EXPECT_TRUE(LoadThread(*store_, thread_, reader.id)->empty());
  auto queue = store_->ListModerationQueue(
      spam.status == ModerationStatus::kSpam ? Store::ModerationQueue::kSpam : Store::ModerationQueue::kPending, 10);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_GT(queue->at(0).check.probability, kApprovedBelow);
  EXPECT_FALSE(queue->at(0).check.reasons.empty());

  EXPECT_EQ(DecideComment(*store_, model_, reader, spam.id, Decision::kApprove).code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(DecideComment(*store_, model_, ed, spam.id, Decision::kApprove).ok());
  EXPECT_EQ(LoadThread(*store_, thread_, 0)->size(), 1u);
  EXPECT_EQ(model_.examples(), 1);
}

TEST_F(CommentsTest, DecisionsRetrainTheModelOnEveryServer) {
  const User ed = AddUser("ed", 400, Role::kEditor);
  // A second server: its own store connection pool and its own model, same file.
  auto other_store = std::move(Store::Open(url_).value());
  SpamModel other_model;
  const std::string probe = "Watch every episode free at streamzone now, full seasons, no signup needed";
  auto score_on = [&](Store& s, SpamModel& m) {
    const User member = AddUser("probe" + std::to_string(std::rand()), 400);
    auto in = BuildSpamInput(s, Poster{&member, "", "", ""}, probe).value();
    return m.Score(s, in)->probability;
  };
  const double before = score_on(*store_, model_);
  const double before_other = score_on(*other_store, other_model);
  EXPECT_NEAR(before, before_other, 1e-9);
  // Editors mark a few texts like it as spam.
  const char* texts[] = {"Watch every episode free at streamzone, full seasons here",
                         "Free full seasons at streamzone, no signup, watch now",
                         "streamzone has every episode free, watch now no signup",
                         "Stream full seasons free now at streamzone, no signup"};
  for (const char* t : texts) {
    const User poster = AddUser("p" + std::to_string(std::rand()), 400);
    auto c = Post(poster, t).value();
    ASSERT_TRUE(DecideComment(*store_, model_, ed, c.id, Decision::kSpam).ok());
  }
  const double after = score_on(*store_, model_);
  EXPECT_GT(after, before + 0.2) << before << " -> " << after;
  // The other server sees the decisions once its store notices the change.
  double after_other = before_other;
  for (int i = 0; i < 50 && std::abs(after_other - after) > 1e-9; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    after_other = score_on(*other_store, other_model);
  }
  EXPECT_NEAR(after_other, after, 1e-9);
  EXPECT_EQ(other_model.examples(), 4);
}

TEST_F(CommentsTest, ArticlesAreThreadsToo) {
  const User ann = AddUser("ann");
  Article a;
  a.slug = "picard-season-two-date";
  a.headline = "Picard season 2 arrives March 3";
  const Id article = store_->AddArticle(a).value();
  auto c = PostComment(*store_, model_, Poster{&ann, "", "", ""}, CommentThread{article, 0}, 0, "Finally a date!");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(LoadThread(*store_, CommentThread{article, 0}, 0)->size(), 1u);
  EXPECT_TRUE(LoadThread(*store_, thread_, 0)->empty());
}

TEST_F(CommentsTest, SpamReviewsAreHiddenWhileTheirStarsCount) {
  const User fresh = AddUser("fresh_account", 0.01), ed = AddUser("ed", 400, Role::kEditor);
  ASSERT_TRUE(RateTitle(*store_, fresh.id, film_, 4, kLinkSpam, Date::Today(), {.spam = &model_}).ok());
  const Rating r = store_->GetRating(fresh.id, film_.id).value();
  EXPECT_NE(r.review_status, ModerationStatus::kApproved);
  EXPECT_TRUE(store_->ListAudienceReviews(film_.id, 10)->empty());
  EXPECT_EQ(store_->GetScoreCounts(film_.id)->ratings, 1);
  // New stars with the same text keep the text's verdict (no new check).
  ASSERT_TRUE(RateTitle(*store_, fresh.id, film_, 5, kLinkSpam, Date::Today(), {.spam = &model_}).ok());
  EXPECT_EQ(store_->GetRating(fresh.id, film_.id)->review_status, r.review_status);
  ASSERT_TRUE(DecideReview(*store_, model_, ed, r.id, Decision::kApprove).ok());
  EXPECT_EQ(store_->ListAudienceReviews(film_.id, 10)->size(), 1u);
  // An ordinary review from an established member is shown at once.
  const User ann = AddUser("ann");
  ASSERT_TRUE(RateTitle(*store_, ann.id, film_, 4.5, "A western in X-Men clothing. Loved it.", Date::Today()).ok());
  EXPECT_EQ(store_->GetRating(ann.id, film_.id)->review_status, ModerationStatus::kApproved);
}

TEST_F(CommentsTest, EditorsCountOrRemoveHeldRatings) {
  const User bob = AddUser("bob"), carl = AddUser("carl"), ed = AddUser("ed", 400, Role::kEditor);
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
    for (Id u : {bob.id, carl.id}) {
      Rating r;
      r.user_id = u;
      r.title_id = film_.id;
      r.stars = 0.5;
      r.status = RatingStatus::kHeld;
      REEL_TRY(w.UpsertRating(r).status());
    }
    return Status::Ok();
  }).ok());
  EXPECT_EQ(store_->GetScoreCounts(film_.id)->ratings, 0);
  const Id bobs = store_->GetRating(bob.id, film_.id)->id, carls = store_->GetRating(carl.id, film_.id)->id;
  EXPECT_EQ(DecideHeldRating(*store_, bob, bobs, HeldDecision::kCount).code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(DecideHeldRating(*store_, ed, bobs, HeldDecision::kCount).ok());
  EXPECT_EQ(store_->GetScoreCounts(film_.id)->ratings, 1);
  EXPECT_EQ(DecideHeldRating(*store_, ed, bobs, HeldDecision::kCount).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(DecideHeldRating(*store_, ed, carls, HeldDecision::kRemove).ok());
  EXPECT_EQ(store_->GetRating(carl.id, film_.id).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->ListHeldRatings(10)->empty());
  EXPECT_EQ(store_->RecomputeAggregates()->drifted, 0);
}

TEST_F(CommentsTest, ReportsWaitForAnEditor) {
  const User ann = AddUser("ann"), bob = AddUser("bob"), ed = AddUser("ed", 400, Role::kEditor);
  auto c = Post(ann, "Hot take: the train scene drags.").value();
  ASSERT_TRUE(ReportItem(*store_, bob, c.id, 0, "  rude  ").ok());
  EXPECT_EQ(ReportItem(*store_, bob, 424242, 0, "").code(), StatusCode::kNotFound);
  EXPECT_EQ(ReportItem(*store_, bob, c.id, 0, std::string(kMaxReportReasonLength + 1, 'x')).code(),
            StatusCode::kInvalidArgument);
  auto reported = store_->ListModerationQueue(Store::ModerationQueue::kReported, 10).value();
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0].report_reasons, "rude");
  ASSERT_TRUE(DecideComment(*store_, model_, ed, c.id, Decision::kApprove).ok());
  EXPECT_TRUE(store_->ListModerationQueue(Store::ModerationQueue::kReported, 10)->empty());
}

TEST_F(CommentsTest, ANewReadersRatingEditsAreOnePostForTheFilter) {
  const User reader = AddUser("first_timer", 0.001);
  auto rate = [&](double stars, const std::string& review) {
    return RateTitle(*store_, reader.id, film_, stars, review, Date::Today(), {.spam = &model_, .address = "192.0.2.10"});
  };
  // Rate, edit the review, rate again with new stars and words: one review, three versions.
  ASSERT_TRUE(rate(4, "A western in X-Men clothing, and a sad one.").ok());
  ASSERT_TRUE(rate(4, "A western in X-Men clothing, and a very sad one.").ok());
  ASSERT_TRUE(rate(3.5, "On reflection: sad, and a little long.").ok());
  const std::string now = UtcTimestamp();
  const std::string hour_ago = UtcTimestampOf(ParseUtcTimestamp(now).value() - 3600);
  EXPECT_EQ(store_->CountSpamActivity(reader.id, "", "x", hour_ago, hour_ago)->posts_last_hour, 1);
  auto c = Post(reader, "Does anyone know if there is an extended cut of this?");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->status, ModerationStatus::kApproved);
}

// ---- Flood limits ------------------------------------------------------------------

class FloodTest : public ::testing::Test {
 protected:
  static constexpr int64_t kNow = 1'700'000'000;
  static constexpr CommentThread kHere{0, 7};
  static constexpr CommentThread kThere{0, 8};
  // An earlier comment `ago` seconds before kNow.
  void Add(int64_t ago, const std::string& key = "", CommentThread thread = kThere) {
    recent_.push_back(RecentComment{UtcTimestampOf(kNow - ago), thread, key.empty() ? "text " + std::to_string(ago) : key});
  }
  FloodCheck Member(double age_days, const std::string& key = "new text") {
    return CheckFlood(kFloodLimits, recent_, false, age_days, kHere, key, kNow);
  }
  FloodCheck Guest(const std::string& key = "new text") {
    return CheckFlood(kFloodLimits, recent_, true, 0, kHere, key, kNow);
  }
  std::vector<RecentComment> recent_;  // Oldest first.
};

TEST_F(FloodTest, AMemberPostsFiveAMinuteANewAccountOrAGuestThree) {
  for (int64_t ago : {50, 40, 30}) Add(ago);
  EXPECT_EQ(Member(400).action, FloodAction::kAllow);
  FloodCheck young = Member(0.2);
  EXPECT_EQ(young.action, FloodAction::kRefuse);
  EXPECT_EQ(young.retry_after, 10);  // The comment of 50 seconds ago leaves the minute.
  EXPECT_NE(young.reason.find("at most 3 comments a minute from a new account"), std::string::npos) << young.reason;
  EXPECT_NE(young.reason.find("10 seconds"), std::string::npos) << young.reason;
  EXPECT_EQ(Guest().action, FloodAction::kRefuse);
  for (int64_t ago : {20, 10}) Add(ago);
  FloodCheck member = Member(400);
  EXPECT_EQ(member.action, FloodAction::kRefuse);
  EXPECT_EQ(member.retry_after, 10);
  EXPECT_NE(member.reason.find("at most 5 comments a minute from one account"), std::string::npos) << member.reason;
}

TEST_F(FloodTest, AnHourHoldsSixtyFromAMemberAndTwentyFromANewAccount) {
  for (int i = 0; i < 20; ++i) Add(3500 - i * 60);  // From 58 minutes ago, one a minute.
  EXPECT_EQ(Member(400).action, FloodAction::kAllow);
  FloodCheck young = Member(0.5);
  EXPECT_EQ(young.action, FloodAction::kRefuse);
  EXPECT_EQ(young.retry_after, 100);
  EXPECT_NE(young.reason.find("comments an hour"), std::string::npos);
  EXPECT_NE(young.reason.find("try again in 2 minutes."), std::string::npos) << young.reason;
  recent_.clear();
  for (int i = 0; i < 60; ++i) Add(3590 - i * 59);
  EXPECT_EQ(Member(400).action, FloodAction::kRefuse);
  EXPECT_EQ(Member(400).retry_after, 10);
}

TEST_F(FloodTest, TheSameTextOncePerThreadAndThreeTimesADay) {
  Add(23 * 3600, "hello there", kHere);
  FloodCheck again = Member(400, "hello there");
  EXPECT_EQ(again.action, FloodAction::kRefuse);
  EXPECT_EQ(again.retry_after, 3600);
  EXPECT_NE(again.reason.find("already posted this comment here"), std::string::npos) << again.reason;
  EXPECT_NE(again.reason.find("in 60 minutes."), std::string::npos) << again.reason;
  EXPECT_EQ(Member(400, "something else").action, FloodAction::kAllow);
  recent_.clear();
  Add(25 * 3600, "hello there", kHere);  // More than a day ago.
  EXPECT_EQ(Member(400, "hello there").action, FloodAction::kAllow);
  recent_.clear();
  Add(7200, "hello there");
  Add(3600, "hello there");
  EXPECT_EQ(Member(400, "hello there").action, FloodAction::kAllow);
  Add(1800, "hello there");
  FloodCheck fourth = Member(400, "hello there");
  EXPECT_EQ(fourth.action, FloodAction::kRefuse);
  EXPECT_EQ(fourth.retry_after, 86400 - 7200);
  EXPECT_NE(fourth.reason.find("3 times today"), std::string::npos) << fourth.reason;
  // Texts without words have no key: they are never "the same text".
  recent_.clear();
  Add(100, "", kHere);
  recent_.back().text_key = "";
  EXPECT_EQ(Member(400, "").action, FloodAction::kAllow);
}

TEST_F(FloodTest, ABurstInOneThreadWaitsForAnEditor) {
  for (int64_t ago : {500, 400, 300, 200, 100}) Add(ago, "", kHere);
  FloodCheck burst = Member(400);
  EXPECT_EQ(burst.action, FloodAction::kHold);
  EXPECT_NE(burst.reason.find("in this thread within 10 minutes"), std::string::npos) << burst.reason;
  recent_.front().at = UtcTimestampOf(kNow - 700);  // One of them is older than the ten minutes.
  EXPECT_EQ(Member(400).action, FloodAction::kAllow);
}

TEST_F(CommentsTest, AnAuthorsBurstInAThreadIsHeld) {
  const User ann = AddUser("ann");
  // Five comments of the last few minutes, as the store keeps them.
  const int64_t now = ParseUtcTimestamp(UtcTimestamp()).value();
  for (int i = 0; i < 5; ++i) {
    Comment c;
    c.thread = thread_;
    c.user_id = ann.id;
    c.body = "Earlier comment " + std::to_string(i);
    c.status = ModerationStatus::kApproved;
    c.created_at = UtcTimestampOf(now - 500 + i * 90);
    SpamCheck k;
    k.text = c.body;
    k.text_key = SpamTextKey(c.body);
    k.created_at = c.created_at;
    ASSERT_TRUE(store_->AddComment(c, k).ok());
  }
  auto held = Post(ann, "And one more thing about the ending.");
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  EXPECT_EQ(held->status, ModerationStatus::kPending);
  auto queue = store_->ListModerationQueue(Store::ModerationQueue::kPending, 10).value();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_NE(queue[0].check.reasons.find("a burst"), std::string::npos) << queue[0].check.reasons;
  // In another thread she is not held.
  Article a;
  a.slug = "news";
  a.headline = "News";
  const Id article = store_->AddArticle(a).value();
  auto elsewhere = PostComment(*store_, model_, Poster{&ann, "", "", "192.0.2.10"}, CommentThread{article, 0}, 0,
                               "A different thread, a different thought.");
  ASSERT_TRUE(elsewhere.ok());
  EXPECT_EQ(elsewhere->status, ModerationStatus::kApproved);
}

TEST_F(CommentsTest, PastALimitNothingIsWrittenAndTheWaitIsGiven) {
  const User ann = AddUser("ann");
  ASSERT_TRUE(Post(ann, "I have thoughts on the final act.").ok());
  int64_t retry_after = 0;
  auto again = PostComment(*store_, model_, Poster{&ann, "", "", "192.0.2.10"}, thread_, 0,
                           "I have THOUGHTS on the final act!", &retry_after);
  EXPECT_EQ(again.status().code(), StatusCode::kResourceExhausted);
  EXPECT_GT(retry_after, 86000);
  EXPECT_EQ(LoadThread(*store_, thread_, ann.id)->size(), 1u);
  // Guests are counted by address: three a minute from one, whatever names they type.
  for (int i = 0; i < 3; ++i) {
    Poster guest{nullptr, "Guest " + std::to_string(i), "g@example.org", "198.51.100.9"};
    ASSERT_TRUE(PostComment(*store_, model_, guest, thread_, 0, "Guest thought number " + std::to_string(i)).ok());
  }
  Poster fourth{nullptr, "Another name", "h@example.org", "198.51.100.9"};
  EXPECT_EQ(PostComment(*store_, model_, fourth, thread_, 0, "A fourth guest thought").status().code(),
            StatusCode::kResourceExhausted);
  Poster elsewhere{nullptr, "Another name", "h@example.org", "198.51.100.10"};
  EXPECT_TRUE(PostComment(*store_, model_, elsewhere, thread_, 0, "A fourth guest thought").ok());
}

// ---- The filter as wired into the write path ------------------------------------

struct Row {
  bool spam = false;
  std::string text, author_name, author_url;
  bool guest = false;
  double age_days = 0;
};

std::vector<Row> LoadRows() {
  std::ifstream in(std::string(REEL_SOURCE_DIR) + "/tests/fixtures/spam/comments.tsv");
  std::vector<Row> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) f.push_back(field);
    if (f.size() < 6) continue;
    out.push_back({f[0] == "spam", f[1], f[2], f[3], f[4] == "1", std::stod(f[5])});
  }
  return out;
}

struct Outcome {
  int spam = 0, ham = 0;
  int spam_hidden = 0, ham_hidden = 0;  // Hidden from readers: pending or spam.
  int spam_marked = 0, ham_marked = 0;  // Marked spam.
  double Precision(bool marked) const {
    const int tp = marked ? spam_marked : spam_hidden, fp = marked ? ham_marked : ham_hidden;
    return tp + fp == 0 ? 0 : double(tp) / (tp + fp);
  }
  double Recall(bool marked) const { return spam == 0 ? 0 : double(marked ? spam_marked : spam_hidden) / spam; }
  std::string Line(const char* name) const {
    char buf[300];
    std::snprintf(buf, sizeof buf,
                  "%-44s hidden (pending or spam): precision %.3f recall %.3f | marked spam: precision %.3f "
                  "recall %.3f | ham hidden %d/%d",
                  name, Precision(false), Recall(false), Precision(true), Recall(true), ham_hidden, ham);
    return buf;
  }
};

// Posts the labelled set through PostComment in a shuffled order, each row by its own
// author (a member of the row's account age, or a guest from its own address), so the
// posting rate and duplicates are what the store itself counts. With `decide`, an
// editor decides each post right after it arrives (the model learns as it goes) and
// the outcome is the verdict the post got on arrival.
Outcome RunWired(CommentsTest* t, Store& store, const CommentThread& thread, bool decide) {
  auto rows = LoadRows();
  EXPECT_EQ(rows.size(), 350u);
  std::mt19937 rng(20240917);
  std::shuffle(rows.begin(), rows.end(), rng);
  User editor;
  editor.username = "editor";
  editor.created_at = "2020-01-01T00:00:00Z";
  editor.id = store.CreateUser(editor).value();
  EXPECT_TRUE(store.SetUserAccess(editor.id, Role::kEditor, std::nullopt).ok());
  editor.role = Role::kEditor;
  SpamModel model;
  Outcome out;
  const int64_t now = ParseUtcTimestamp(UtcTimestamp()).value();
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    Poster poster;
    User member;
    poster.address = "198.51.100." + std::to_string(i % 250) + "." + std::to_string(i);
    if (r.guest) {
      poster.guest_name = r.author_name.empty() ? "Guest" : r.author_name;
      poster.guest_email = "guest" + std::to_string(i) + "@example.org";
    } else {
      member.username = "m" + std::to_string(i);
      member.display_name = r.author_name;
      member.created_at = UtcTimestampOf(now - static_cast<int64_t>(r.age_days * 86400));
      member.id = store.CreateUser(member).value();
      poster.user = &member;
    }
    auto c = PostComment(store, model, poster, thread, 0, r.text);
    EXPECT_TRUE(c.ok()) << c.status().ToString() << " " << r.text;
    if (!c.ok()) continue;
    (r.spam ? out.spam : out.ham) += 1;
    const bool hidden = c->status != ModerationStatus::kApproved, marked = c->status == ModerationStatus::kSpam;
    (r.spam ? out.spam_hidden : out.ham_hidden) += hidden;
    (r.spam ? out.spam_marked : out.ham_marked) += marked;
    if (decide) {
      EXPECT_TRUE(DecideComment(store, model, editor, c->id, r.spam ? Decision::kSpam : Decision::kApprove).ok());
    }
  }
  return out;
}

TEST_F(CommentsTest, FilterAsWiredOnTheLabelledSet) {
  spdlog::set_level(spdlog::level::warn);  // 350 decisions, each logged.
  const Outcome untrained = RunWired(this, *store_, thread_, false);
  // A second store, where an editor decides every post as it arrives.
  auto learning_store = std::move(Store::Open("sqlite:" + (dir_ / "learning.db").string()).value());
  Title film = film_;
  film.id = 0;
  ASSERT_TRUE(learning_store->Write([&](StoreWriter& w) -> Status {
    auto id = w.UpsertTitle(film);
    if (!id.ok()) return id.status();
    film.id = *id;
    return Status::Ok();
  }).ok());
  const Outcome learning = RunWired(this, *learning_store, CommentThread{0, film.id}, true);
  std::printf("%s\n%s\n", untrained.Line("wired, no decisions yet").c_str(),
              learning.Line("wired, an editor decides each post").c_str());
  EXPECT_EQ(untrained.spam + untrained.ham, 350);
  // Readers should almost never lose a real comment, and most spam never shows.
  EXPECT_GE(untrained.Precision(false), 0.80);
  EXPECT_GE(untrained.Recall(false), 0.60);
  EXPECT_GE(learning.Precision(false), 0.85);
  EXPECT_GE(learning.Recall(false), untrained.Recall(false));
  EXPECT_LE(learning.ham_marked, 3);
  spdlog::set_level(spdlog::level::info);
}

}  // namespace
}  // namespace reel::audience
