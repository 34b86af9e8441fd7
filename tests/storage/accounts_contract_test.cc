// The store contract, accounts slice (storage/account_store.h; sql/accounts.cc):
// users found by email and listed, roles and critic links, passwords and sessions,
// reset links and their mail, counted sign-in failures, purging what expired, and
// closing an account.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "store_contract.h"
#include "support/signin_counts.h"

namespace reel {
namespace {

TEST_P(StoreContractTest, AccountsRolesPasswordsResetsAndFailures) {
  User u;
  u.username = "Ann_Lee";
  u.email = "Ann@Example.org";
  u.password_hash = "h1";
  const Id ann = store_->CreateUser(u).value();
  u.username = "bob";
  u.email = "bob@example.org";
  const Id bob = store_->CreateUser(u).value();
  EXPECT_EQ(store_->FindUserByEmail("ann@example.ORG")->id, ann);
  EXPECT_EQ(store_->FindUserByEmail("nobody@example.org").status().code(), StatusCode::kNotFound);
  // Newest first; the query matches names and emails as text (its '_' is no wildcard).
  auto all = store_->ListUsers("", 10, 0).value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, bob);
  EXPECT_EQ(store_->ListUsers("n_l", 10, 0)->size(), 1u);
  EXPECT_EQ(store_->ListUsers("n%", 10, 0)->size(), 0u);
  EXPECT_EQ(store_->ListUsers("EXAMPLE", 1, 1)->at(0).id, ann);

  EXPECT_TRUE(store_->SetUserAccess(ann, Role::kEditor, std::nullopt).ok());
  EXPECT_EQ(store_->GetUser(ann)->role, Role::kEditor);
  EXPECT_EQ(store_->SetUserAccess(999999, Role::kAdmin, std::nullopt).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->SetUserAccess(ann, std::nullopt, 999999).code(), StatusCode::kNotFound);
  Id critic = 0;
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) {
    auto c = w.UpsertCritic({0, "ann-lee", "Ann Lee", 0, false});
    if (c.ok()) critic = *c;
    return c.status();
  }).ok());
  EXPECT_TRUE(store_->SetUserAccess(ann, std::nullopt, critic).ok());
  EXPECT_EQ(store_->GetUser(ann)->critic_id, critic);
  EXPECT_EQ(store_->GetUser(ann)->role, Role::kEditor);  // The role stays.
  // Role and critic together, all or nothing.
  EXPECT_EQ(store_->SetUserAccess(bob, Role::kCritic, 999999).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetUser(bob)->role, Role::kReader);
  ASSERT_TRUE(store_->SetUserAccess(bob, Role::kCritic, critic).ok());
  EXPECT_EQ(store_->GetUser(bob)->role, Role::kCritic);
  EXPECT_EQ(store_->GetUser(bob)->critic_id, critic);
  EXPECT_EQ(store_->FindCriticBySlug("ann-lee")->id, critic);
  EXPECT_EQ(store_->GetCritic(critic)->name, "Ann Lee");

  // Sessions end with a password change (but the kept one) and with a reset.
  const std::string later = "2999-01-01T00:00:00Z";
  for (const char* t : {"s1", "s2"}) {
    ASSERT_TRUE(store_->CreateSession({t, ann, "web", "c", UtcTimestamp(), later}).ok());
  }
  ASSERT_TRUE(store_->SetPassword(ann, "h2", "s1").ok());
  EXPECT_TRUE(store_->FindSession("s1", UtcTimestamp()).ok());
  EXPECT_FALSE(store_->FindSession("s2", UtcTimestamp()).ok());
  EXPECT_EQ(store_->GetUser(ann)->password_hash, "h2");
  ASSERT_TRUE(store_->CreatePasswordReset({"r1", ann, UtcTimestamp(), "2998-01-01T00:00:00Z"},
                                          {0, ann, "ann@example.org", "Reset", "link", ""}).ok());
  EXPECT_EQ(store_->UsePasswordReset("r1", later, "h3").status().code(), StatusCode::kNotFound);  // Expired then.
  EXPECT_EQ(store_->UsePasswordReset("r1", UtcTimestamp(), "h3").value(), ann);
  EXPECT_EQ(store_->UsePasswordReset("r1", UtcTimestamp(), "h4").status().code(), StatusCode::kNotFound);  // Used.
  EXPECT_EQ(store_->GetUser(ann)->password_hash, "h3");
  EXPECT_FALSE(store_->FindSession("s1", UtcTimestamp()).ok());
  auto outbox = store_->ListOutbox(5).value();
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].subject, "Reset");
  EXPECT_EQ(outbox[0].user_id, ann);

  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:x").failures, 0);
  ASSERT_TRUE(testing::AddSigninFailure(*store_, "user:x", "2026-01-01T10:00:00Z", "2025-12-31T10:00:00Z").ok());
  ASSERT_TRUE(testing::AddSigninFailure(*store_, "user:x", "2026-01-01T10:00:05Z", "2025-12-31T10:00:05Z").ok());
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:x").failures, 2);
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:x").last_at, "2026-01-01T10:00:05Z");
  // A day later the count starts again.
  ASSERT_TRUE(testing::AddSigninFailure(*store_, "user:x", "2026-01-03T10:00:00Z", "2026-01-02T10:00:00Z").ok());
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:x").failures, 1);
  ASSERT_TRUE(store_->ClearSigninFailures("user:x").ok());
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:x").failures, 0);

  // Expired sessions, used or expired reset links and old failure counts go.
  ASSERT_TRUE(store_->CreateSession({"old", ann, "web", "c", "2020-01-01T00:00:00Z", "2020-02-01T00:00:00Z"}).ok());
  ASSERT_TRUE(store_->CreateSession({"live", ann, "web", "c", UtcTimestamp(), later}).ok());
  ASSERT_TRUE(testing::AddSigninFailure(*store_, "user:old", "2020-01-01T00:00:00Z", "2019-12-31T00:00:00Z").ok());
  ASSERT_TRUE(testing::AddSigninFailure(*store_, "user:new", UtcTimestamp(), "2019-12-31T00:00:00Z").ok());
  auto purged = store_->PurgeExpired(UtcTimestamp(), "2021-01-01T00:00:00Z");
  ASSERT_TRUE(purged.ok()) << purged.status().ToString();
  EXPECT_EQ(purged->sessions, 1);
  EXPECT_EQ(purged->resets, 1);  // The one used above.
  EXPECT_EQ(purged->signin_failures, 1);
  EXPECT_TRUE(store_->FindSession("live", UtcTimestamp()).ok());
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:new").failures, 1);

  // Closing an account frees its name and email and ends its sessions.
  ASSERT_TRUE(store_->CreateSession({"s3", bob, "web", "c", UtcTimestamp(), later}).ok());
  ASSERT_TRUE(store_->DeleteUser(bob).ok());
  EXPECT_EQ(store_->DeleteUser(bob).code(), StatusCode::kNotFound);
  EXPECT_FALSE(store_->FindSession("s3", UtcTimestamp()).ok());
  EXPECT_EQ(store_->GetUser(bob).status().code(), StatusCode::kNotFound);
  u.username = "bob";
  EXPECT_TRUE(store_->CreateUser(u).ok());
}

}  // namespace
}  // namespace reel
