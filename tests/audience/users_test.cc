// Account operations, verification codes and staff writes through the real domain
// functions on a real SQLite store: sign-in limits, password change and reset,
// closing an account, verified ratings, critic reviews and the consensus.
#include "audience/users.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "audience/accounts.h"
#include "audience/critic_posts.h"
#include "audience/ratings.h"
#include "audience/verification.h"
#include "storage/store.h"

namespace reel::audience {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPassword = "a long passphrase";

class UsersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("reel-users-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = std::move(Store::Open((dir_ / "t.db").string()).value());
    ASSERT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
      Title film;
      film.kind = TitleKind::kFilm;
      film.slug = "logan";
      film.name = "Logan";
      film.release = FuzzyDate::Make("2017-03-03", "day").value();
      auto id = w.UpsertTitle(film);
      if (!id.ok()) return id.status();
      film_ = film;
      film_.id = *id;
      Publication pub{0, "the-daily", "The Daily", ""};
      auto pid = w.UpsertPublication(pub);
      if (!pid.ok()) return pid.status();
      auto cid = w.UpsertCritic({0, "jo-critic", "Jo Critic", *pid, true});
      if (!cid.ok()) return cid.status();
      critic_id_ = *cid;
      publication_id_ = *pid;
      return Status::Ok();
    }).ok());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  User MakeUser(const std::string& name, Role role = Role::kReader) {
    User u;
    u.username = name;
    u.email = name + "@example.org";
    u.password_hash = HashPassword(kPassword).value();
    u.role = role;
    u.id = store_->CreateUser(u).value();
    return u;
  }
  Session MakeSession(Id user_id) {
    Session s{TokenHash(NewToken()), user_id, "web", NewToken(), UtcTimestamp(), "2999-01-01T00:00:00Z"};
    EXPECT_TRUE(store_->CreateSession(s).ok());
    return s;
  }
  bool SessionLives(const Session& s) { return store_->FindSession(s.token_hash, UtcTimestamp()).ok(); }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  Title film_;
  Id critic_id_ = 0;
  Id publication_id_ = 0;
};

TEST(SigninDelayTest, FreeThenDoublingUpToTheCap) {
  EXPECT_EQ(SigninDelaySeconds(0, kAccountFreeFailures), 0);
  EXPECT_EQ(SigninDelaySeconds(kAccountFreeFailures - 1, kAccountFreeFailures), 0);
  EXPECT_EQ(SigninDelaySeconds(kAccountFreeFailures, kAccountFreeFailures), kFirstDelaySeconds);
  EXPECT_EQ(SigninDelaySeconds(kAccountFreeFailures + 1, kAccountFreeFailures), 2 * kFirstDelaySeconds);
  EXPECT_EQ(SigninDelaySeconds(kAccountFreeFailures + 3, kAccountFreeFailures), 8 * kFirstDelaySeconds);
  EXPECT_EQ(SigninDelaySeconds(1000, kAccountFreeFailures), kMaxDelaySeconds);
}

TEST_F(UsersTest, SignInLimitsAnAccountNameWhetherOrNotItExists) {
  const User ann = MakeUser("ann");
  int64_t wait = 0;
  EXPECT_TRUE(SignIn(*store_, "ann", kPassword, "192.0.2.1", &wait).ok());
  for (const std::string name : {"ann", "nobody_here"}) {
    for (int i = 0; i < kAccountFreeFailures; ++i) {
      auto r = SignIn(*store_, name, "wrong password!", "192.0.2.1", &wait);
      EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated) << name << " attempt " << i;
      EXPECT_EQ(wait, 0);
    }
    // The next attempt waits, even with the right password, and the answer is the
    // same for a name that exists and one that does not.
    auto blocked = SignIn(*store_, name, kPassword, "192.0.2.1", &wait);
    EXPECT_EQ(blocked.status().code(), StatusCode::kResourceExhausted) << name;
    EXPECT_GT(wait, 0);
    EXPECT_LE(wait, kFirstDelaySeconds);
    EXPECT_NE(blocked.status().message().find("try again in"), std::string::npos);
  }
  // Another name from the same address is not blocked by those (the per-address
  // limit is higher), and its failures are its own.
  const User bob = MakeUser("bob");
  EXPECT_TRUE(SignIn(*store_, "bob", kPassword, "192.0.2.1", &wait).ok());
  // Case and spaces do not make a new name.
  EXPECT_EQ(SignIn(*store_, " ANN ", kPassword, "192.0.2.9", &wait).status().code(), StatusCode::kResourceExhausted);
}

TEST_F(UsersTest, SignInLimitsAnAddress) {
  int64_t wait = 0;
  for (int i = 0; i < kAddressFreeFailures; ++i) {
    // A different name each time: only the address is common.
    EXPECT_EQ(SignIn(*store_, "guess" + std::to_string(i), "x", "198.51.100.7", &wait).status().code(),
              StatusCode::kUnauthenticated);
  }
  const User ann = MakeUser("ann");
  EXPECT_EQ(SignIn(*store_, "ann", kPassword, "198.51.100.7", &wait).status().code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(SignIn(*store_, "ann", kPassword, "198.51.100.8", &wait).ok());
}

TEST_F(UsersTest, ChangingThePasswordEndsTheOtherSessions) {
  const User ann = MakeUser("ann");
  const Session here = MakeSession(ann.id), elsewhere = MakeSession(ann.id);
  EXPECT_EQ(ChangePassword(*store_, ann, "not my password", "another passphrase", here.token_hash).code(),
            StatusCode::kInvalidArgument);
  Status short_one = ChangePassword(*store_, ann, kPassword, "short", here.token_hash);
  EXPECT_EQ(short_one.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(short_one.message().rfind("password:", 0), 0u);
  EXPECT_TRUE(SessionLives(elsewhere));
  ASSERT_TRUE(ChangePassword(*store_, ann, kPassword, "another passphrase", here.token_hash).ok());
  EXPECT_TRUE(SessionLives(here));
  EXPECT_FALSE(SessionLives(elsewhere));
  int64_t wait = 0;
  EXPECT_FALSE(SignIn(*store_, "ann", kPassword, "", &wait).ok());
  EXPECT_TRUE(SignIn(*store_, "ann", "another passphrase", "", &wait).ok());
}

TEST_F(UsersTest, AResetLinkWorksOnceThroughTheOutbox) {
  const User ann = MakeUser("ann");
  const Session old = MakeSession(ann.id);
  auto link = RequestPasswordReset(*store_, ann, "https://reviews.example.org/");
  ASSERT_TRUE(link.ok());
  ASSERT_EQ(link->rfind("https://reviews.example.org/account/reset/", 0), 0u) << *link;
  auto outbox = store_->ListOutbox(10);
  ASSERT_TRUE(outbox.ok());
  ASSERT_EQ(outbox->size(), 1u);
  EXPECT_EQ((*outbox)[0].recipient, "ann@example.org");
  EXPECT_NE((*outbox)[0].body.find(*link), std::string::npos);
  const std::string token = link->substr(link->rfind('/') + 1);
  EXPECT_EQ(ResetPassword(*store_, token, "short").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ResetPassword(*store_, token + "0", "a new passphrase").code(), StatusCode::kNotFound);
  ASSERT_TRUE(ResetPassword(*store_, token, "a new passphrase").ok());
  EXPECT_FALSE(SessionLives(old));
  EXPECT_EQ(ResetPassword(*store_, token, "a third passphrase").code(), StatusCode::kNotFound);
  int64_t wait = 0;
  EXPECT_TRUE(SignIn(*store_, "ann", "a new passphrase", "", &wait).ok());
  // An expired link does nothing.
  auto late = RequestPasswordReset(*store_, ann, "http://x");
  ASSERT_TRUE(late.ok());
  const std::string late_token = late->substr(late->rfind('/') + 1);
  EXPECT_EQ(store_->UsePasswordReset(TokenHash(late_token), "2999-01-01T00:00:00Z", "h").status().code(),
            StatusCode::kNotFound);
}

TEST_F(UsersTest, ResetRequestsAreLimitedPerName) {
  for (int i = 0; i < kResetRequestsPerDay; ++i) EXPECT_TRUE(AllowResetRequest(*store_, "ann").value());
  EXPECT_FALSE(AllowResetRequest(*store_, "ANN").value());
  EXPECT_TRUE(AllowResetRequest(*store_, "bob").value());
}

TEST_F(UsersTest, AClosedAccountLeavesItsReviewsAsADeletedUsers) {
  const User ann = MakeUser("ann");
  const Session s = MakeSession(ann.id);
  ASSERT_TRUE(RateTitle(*store_, ann.id, film_, 4, "Stays after I go.", Date::Today()).ok());
  EXPECT_EQ(CloseAccount(*store_, ann, "wrong password!").code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(CloseAccount(*store_, ann, kPassword).ok());
  EXPECT_FALSE(SessionLives(s));
  EXPECT_EQ(store_->FindUserByName("ann").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->FindUserByEmail("ann@example.org").status().code(), StatusCode::kNotFound);
  auto reviews = store_->ListAudienceReviews(film_.id, 10);
  ASSERT_TRUE(reviews.ok());
  ASSERT_EQ(reviews->size(), 1u);
  EXPECT_EQ((*reviews)[0].username, "");
  EXPECT_EQ((*reviews)[0].rating.review, "Stays after I go.");
  EXPECT_EQ(store_->GetScoreCounts(film_.id)->ratings, 1);
  // The name and the email are free again.
  EXPECT_TRUE(store_->CreateUser({0, "ann", "", "ann@example.org", "", Role::kReader, "", 0}).ok());
}

TEST_F(UsersTest, AVerificationCodeEarnsTheBadgeOnce) {
  const fs::path codes = dir_ / "codes.tsv";
  std::ofstream(codes) << "# screener codes\nTICKET-0001-AB\t/m/logan\n\nticket-0002-cd,/m/logan\n";
  auto report = ImportVerificationCodes(*store_, codes.string());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->added, 2);
  // Importing again changes nothing.
  EXPECT_EQ(ImportVerificationCodes(*store_, codes.string())->unchanged, 2);

  const User ann = MakeUser("ann"), bob = MakeUser("bob");
  Status wrong = RateTitle(*store_, ann.id, film_, 4, "", Date::Today(), {.verification_code = "NOT-A-REAL-CODE"});
  EXPECT_EQ(wrong.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(wrong.message().rfind("code:", 0), 0u) << wrong.message();
  EXPECT_EQ(store_->GetRating(ann.id, film_.id).status().code(), StatusCode::kNotFound);  // Nothing stored.

  ASSERT_TRUE(RateTitle(*store_, ann.id, film_, 4, "", Date::Today(), {.verification_code = "ticket 0001 ab"}).ok());
  EXPECT_TRUE(store_->GetRating(ann.id, film_.id)->verified);
  EXPECT_EQ(store_->GetScoreCounts(film_.id)->verified_ratings, 1);
  // Rating again keeps the badge; the same code again is fine for its owner.
  ASSERT_TRUE(RateTitle(*store_, ann.id, film_, 2, "changed my mind", Date::Today()).ok());
  EXPECT_TRUE(store_->GetRating(ann.id, film_.id)->verified);
  EXPECT_EQ(store_->GetScoreCounts(film_.id)->verified_ratings, 1);
  EXPECT_EQ(store_->GetScoreCounts(film_.id)->verified_positive, 0);
  // Someone else cannot use it.
  Status used = RateTitle(*store_, bob.id, film_, 5, "", Date::Today(), {.verification_code = "TICKET0001AB"});
  EXPECT_EQ(used.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(used.message().find("already been used"), std::string::npos);
  EXPECT_EQ(store_->GetScoreCounts(film_.id)->ratings, 1);
}

TEST_F(UsersTest, ABadCodesFileNamesTheLineAndStoresNothing) {
  const fs::path codes = dir_ / "bad.tsv";
  std::ofstream(codes) << "GOODCODE-1234\t/m/logan\nGOODCODE-5678\t/m/no-such-film\n";
  auto report = ImportVerificationCodes(*store_, codes.string());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().message(), codes.string() + ":2: title: no title at '/m/no-such-film'");
  std::ofstream(codes) << "short\t/m/logan\n";
  EXPECT_EQ(ImportVerificationCodes(*store_, codes.string()).status().message().rfind(codes.string() + ":1: code:", 0),
            0u);
  std::ofstream(codes) << "GOODCODE-1234\t/m/logan\ngoodcode 1234,/m/logan\n";
  EXPECT_NE(ImportVerificationCodes(*store_, codes.string()).status().message().find(":2: code: the same code is on line 1"),
            std::string::npos);
  const User ann = MakeUser("ann");
  EXPECT_EQ(RateTitle(*store_, ann.id, film_, 4, "", Date::Today(), {.verification_code = "GOODCODE-1234"}).code(),
            StatusCode::kInvalidArgument);
}

TEST_F(UsersTest, OnlyALinkedCriticPostsCriticReviews) {
  User reader = MakeUser("ann");
  CriticPost post{"A raw, tender farewell.", "3.5/4", "fresh", "https://example.org/logan"};
  EXPECT_EQ(PostCriticReview(*store_, reader, film_, post, Date::Today()).code(), StatusCode::kPermissionDenied);
  User critic = MakeUser("jo", Role::kCritic);
  EXPECT_EQ(PostCriticReview(*store_, critic, film_, post, Date::Today()).code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(store_->SetUserAccess(critic.id, std::nullopt, critic_id_).ok());
  critic = store_->GetUser(critic.id).value();
  EXPECT_EQ(critic.critic_id, critic_id_);

  CriticPost bare = post;
  bare.grade = "8";
  Status st = PostCriticReview(*store_, critic, film_, bare, Date::Today());
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message().rfind("grade:", 0), 0u);
  CriticPost no_verdict = post;
  no_verdict.verdict = "";
  EXPECT_EQ(PostCriticReview(*store_, critic, film_, no_verdict, Date::Today()).message().rfind("verdict:", 0), 0u);
  CriticPost script_url = post;
  script_url.url = "javascript:alert(1)";
  EXPECT_EQ(PostCriticReview(*store_, critic, film_, script_url, Date::Today()).message().rfind("url:", 0), 0u);
  EXPECT_EQ(store_->GetScoreCounts(film_.id)->fresh, 0);

  ASSERT_TRUE(PostCriticReview(*store_, critic, film_, post, Date::Today()).ok());
  auto review = store_->GetCriticReview(film_.id, critic_id_);
  ASSERT_TRUE(review.ok());
  EXPECT_EQ(review->grade_raw, "3.5/4");
  EXPECT_DOUBLE_EQ(*review->grade_score, 87.5);
  EXPECT_EQ(review->publication_id, publication_id_);
  auto counts = store_->GetScoreCounts(film_.id).value();
  EXPECT_EQ(counts.fresh, 1);
  EXPECT_EQ(counts.top_fresh, 1);
  // Changing the verdict replaces the review; withdrawing it removes it.
  post.verdict = "rotten";
  ASSERT_TRUE(PostCriticReview(*store_, critic, film_, post, Date::Today()).ok());
  counts = store_->GetScoreCounts(film_.id).value();
  EXPECT_EQ(counts.fresh, 0);
  EXPECT_EQ(counts.rotten, 1);
  ASSERT_TRUE(WithdrawCriticReview(*store_, critic, film_).ok());
  EXPECT_EQ(store_->GetScoreCounts(film_.id)->rotten, 0);
  EXPECT_EQ(store_->RecomputeAggregates()->drifted, 0);
}

TEST_F(UsersTest, OnlyEditorsWriteTheConsensus) {
  const User reader = MakeUser("ann"), editor = MakeUser("ed", Role::kEditor);
  EXPECT_EQ(WriteConsensus(*store_, reader, film_, "Nope.").code(), StatusCode::kPermissionDenied);
  // No critic has reviewed it yet: there is nothing to sum up.
  const Status early = WriteConsensus(*store_, editor, film_, "Logan bows out in style.");
  EXPECT_EQ(early.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(early.message().rfind("consensus: ", 0), 0u) << early.message();
  EXPECT_EQ(store_->GetTitle(film_.id)->consensus, "");
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
    CriticReview r;
    r.title_id = film_.id;
    r.critic_id = critic_id_;
    r.quote = "A fine farewell.";
    r.sentiment = Sentiment::kFresh;
    r.sentiment_source = SentimentSource::kCritic;
    return w.UpsertCriticReview(r, "consensus-test").status();
  }).ok());
  ASSERT_TRUE(WriteConsensus(*store_, editor, film_, "  Logan bows out in style.  ").ok());
  EXPECT_EQ(store_->GetTitle(film_.id)->consensus, "Logan bows out in style.");
  EXPECT_EQ(WriteConsensus(*store_, editor, film_, std::string(kMaxConsensusLength + 1, 'x')).code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(WriteConsensus(*store_, editor, film_, "").ok());
  EXPECT_EQ(store_->GetTitle(film_.id)->consensus, "");
}

}  // namespace
}  // namespace reel::audience
