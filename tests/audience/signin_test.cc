// Sign-in through the real domain function on SQLite and on PostgreSQL: concurrent
// wrong passwords on one name cannot get more passwords checked than the limit
// allows, and every way a sign-in can fail costs one argon2id check (an unknown
// name, an account without a password, a wrong password).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "audience/accounts.h"
#include "audience/users.h"
#include "storage/store.h"
#include "support/signin_counts.h"
#include "support/two_stores.h"

namespace reel::audience {
namespace {

constexpr const char* kPassword = "a long passphrase";

class SigninTest : public testing::TwoStoreTest {
 protected:
  SigninTest() : TwoStoreTest("signin") {}

  Id MakeUser(const std::string& name, const std::string& password_hash) {
    User u;
    u.username = name;
    u.email = name + "@example.org";
    u.password_hash = password_hash;
    return store_->CreateUser(u).value();
  }

  // Runs `n` sign-ins of `name` with a wrong password at once, from `address`;
  // returns how many were answered "wrong password" (their password was checked).
  int ConcurrentWrongPasswords(const std::string& name, const std::string& address, int n) {
    std::atomic<int> checked{0}, refused{0}, other{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
      threads.emplace_back([&] {
        while (!go) std::this_thread::yield();
        int64_t wait = 0;
        auto r = SignIn(*store_, name, "not the password", address, &wait);
        if (r.status().code() == StatusCode::kUnauthenticated) ++checked;
        else if (r.status().code() == StatusCode::kResourceExhausted) ++refused;
        else ++other;
      });
    }
    go = true;
    for (auto& t : threads) t.join();
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(checked + refused, n);
    return checked;
  }
};

TEST_P(SigninTest, ConcurrentWrongPasswordsGetNoMoreChecksThanTheLimit) {
  MakeUser("ann", HashPassword(kPassword).value());
  // Three failures already: two attempts are left before the first wait. (Few
  // checks at once, so the attempts all come well inside that wait of 15 s.)
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(testing::AddSigninFailure(*store_, "user:ann", UtcTimestamp(), "2000-01-01T00:00:00Z").ok());
  }
  const uint64_t before = PasswordChecks();
  const int checked = ConcurrentWrongPasswords("ann", "", 10);
  EXPECT_EQ(checked, kAccountFreeFailures - 3);
  EXPECT_EQ(PasswordChecks() - before, static_cast<uint64_t>(kAccountFreeFailures - 3));
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:ann").failures, kAccountFreeFailures);
  // The right password waits too, now.
  int64_t wait = 0;
  EXPECT_EQ(SignIn(*store_, "ann", kPassword, "", &wait).status().code(), StatusCode::kResourceExhausted);
  EXPECT_GT(wait, 0);
}

TEST_P(SigninTest, ConcurrentGuessesFromOneAddressGetNoMoreChecksThanItsLimit) {
  std::atomic<int> checked{0};
  std::vector<std::thread> threads;
  std::atomic<bool> go{false};
  const std::string address_key = "addr:198.51.100.7";
  for (int i = 0; i < kAddressFreeFailures - 3; ++i) {
    ASSERT_TRUE(testing::AddSigninFailure(*store_, address_key, UtcTimestamp(), "2000-01-01T00:00:00Z").ok());
  }
  // Different names, one address: only the address limit binds (three attempts are
  // left). Guessed names that do not exist cost a check all the same.
  for (int i = 0; i < 10; ++i) {
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      int64_t wait = 0;
      auto r = SignIn(*store_, "guess" + std::to_string(i), "x", "198.51.100.7", &wait);
      if (r.status().code() == StatusCode::kUnauthenticated) ++checked;
      else EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted) << r.status().ToString();
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(checked.load(), 3);
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "addr:198.51.100.7").failures, kAddressFreeFailures);
}

TEST_P(SigninTest, ASuccessClearsTheNameAndLeavesTheAddressAsItWas) {
  MakeUser("ann", HashPassword(kPassword).value());
  int64_t wait = 0;
  EXPECT_EQ(SignIn(*store_, "ann", "wrong one", "203.0.113.5", &wait).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:ann").failures, 1);
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "addr:203.0.113.5").failures, 1);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(SignIn(*store_, "ann", kPassword, "203.0.113.5", &wait).ok());
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:ann").failures, 0);
  // Successes from a shared address do not use up its failures.
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "addr:203.0.113.5").failures, 1);
}

TEST_P(SigninTest, EveryFailedSignInCostsOnePasswordCheck) {
  MakeUser("ann", HashPassword(kPassword).value());
  MakeUser("waiting", "");  // An account whose set-up link was not used yet.
  int64_t wait = 0;
  for (const std::string name : {"ann", "waiting", "nobody_here"}) {
    const uint64_t before = PasswordChecks();
    auto r = SignIn(*store_, name, "a wrong password", "", &wait);
    EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated) << name;
    EXPECT_EQ(PasswordChecks() - before, 1u) << name;
  }
  // An account without a password cannot be signed into with an empty one either.
  EXPECT_EQ(SignIn(*store_, "waiting", "", "", &wait).status().code(), StatusCode::kUnauthenticated);
  const uint64_t before = PasswordChecks();
  EXPECT_TRUE(SignIn(*store_, "ann", kPassword, "", &wait).ok());
  EXPECT_EQ(PasswordChecks() - before, 1u);
}

INSTANTIATE_TEST_SUITE_P(Stores, SigninTest, testing::BothStores(), testing::BackendName);

}  // namespace
}  // namespace reel::audience
