// Failed sign-in counts in tests, through the one path sign-in takes
// (Store::ReserveSigninAttempt): adding a failure, and reading a count (a refused
// reservation, which changes nothing).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/store.h"

namespace reel::testing {

// One more failure under `key` at `now`; a count last bumped before `forget_before`
// starts again from one.
inline Status AddSigninFailure(Store& store, const std::string& key, std::string_view now,
                               std::string_view forget_before) {
  return store.ReserveSigninAttempt({key}, now, forget_before, [](std::string_view, const SigninFailures&) {
    return int64_t{0};
  }).status();
}

// The failures counted under `key` ({0, ""} when none).
inline SigninFailures SigninFailuresOf(Store& store, const std::string& key) {
  SigninFailures out;
  auto refused = store.ReserveSigninAttempt({key}, "", "", [&](std::string_view, const SigninFailures& so_far) {
    out = so_far;
    return int64_t{1};
  });
  EXPECT_TRUE(refused.ok()) << refused.status().ToString();
  return out;
}

}  // namespace reel::testing
