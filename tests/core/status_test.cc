#include "core/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace reel {
namespace {

int calls = 0;

Status Fails() {
  ++calls;
  return NotFound("no such thing");
}
Status Succeeds() {
  ++calls;
  return Status::Ok();
}
Result<int> Number(bool ok) {
  ++calls;
  if (!ok) return InvalidArgument("not a number");
  return 7;
}
Result<std::unique_ptr<std::string>> Owned(bool ok) {
  ++calls;
  if (!ok) return Unavailable("gone");
  return std::make_unique<std::string>("kept");
}

// ---- REEL_TRY ----

Status TryStatus(bool ok, int* after) {
  REEL_TRY(ok ? Succeeds() : Fails());
  ++*after;
  return Status::Ok();
}

Result<std::string> TryResultInResult(bool ok) {
  REEL_TRY(Number(ok));
  return std::string("went on");
}

Status TryLvalues(const Status& s, const Result<int>& r) {
  REEL_TRY(s);
  REEL_TRY(r);
  return Status::Ok();
}

TEST(StatusMacrosTest, TryReturnsAFailedStatus) {
  calls = 0;
  int after = 0;
  Status st = TryStatus(false, &after);
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_EQ(st.message(), "no such thing");
  EXPECT_EQ(after, 0);
  EXPECT_EQ(calls, 1);
}

TEST(StatusMacrosTest, TryGoesOnAfterOk) {
  calls = 0;
  int after = 0;
  EXPECT_TRUE(TryStatus(true, &after).ok());
  EXPECT_EQ(after, 1);
  EXPECT_EQ(calls, 1);
}

TEST(StatusMacrosTest, TryTakesAResultInAFunctionReturningAnotherResult) {
  calls = 0;
  Result<std::string> failed = TryResultInResult(false);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kInvalidArgument);
  Result<std::string> went_on = TryResultInResult(true);
  ASSERT_TRUE(went_on.ok());
  EXPECT_EQ(*went_on, "went on");
  EXPECT_EQ(calls, 2);
}

TEST(StatusMacrosTest, TryTakesLvalues) {
  EXPECT_TRUE(TryLvalues(Status::Ok(), 3).ok());
  EXPECT_EQ(TryLvalues(Internal("bug"), 3).code(), StatusCode::kInternal);
  EXPECT_EQ(TryLvalues(Status::Ok(), Result<int>(NotFound("x"))).code(), StatusCode::kNotFound);
}

// ---- REEL_ASSIGN_OR_RETURN ----

Result<int> Doubled(bool ok) {
  REEL_ASSIGN_OR_RETURN(auto n, Number(ok));
  return n * 2;
}

Status AssignToExisting(bool ok, int* out) {
  int n = -1;
  REEL_ASSIGN_OR_RETURN(n, Number(ok));
  *out = n;
  return Status::Ok();
}

Result<std::string> TakeOwned(bool ok) {
  REEL_ASSIGN_OR_RETURN(std::unique_ptr<std::string> p, Owned(ok));
  return *p + "!";
}

Result<int> FromLvalue(const Result<int>& r) {
  REEL_ASSIGN_OR_RETURN(int n, r);
  REEL_ASSIGN_OR_RETURN(int m, r);  // A second use in one scope: both see r's value.
  return n + m;
}

Result<std::string> MovedLvalue(Result<std::unique_ptr<std::string>>& r) {
  REEL_ASSIGN_OR_RETURN(auto p, std::move(r));
  return *p;
}

TEST(StatusMacrosTest, AssignOrReturnDeclaresTheValue) {
  calls = 0;
  Result<int> ok = Doubled(true);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 14);
  Result<int> failed = Doubled(false);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(), "not a number");
  EXPECT_EQ(calls, 2);  // The expression runs once each time.
}

TEST(StatusMacrosTest, AssignOrReturnAssignsAnExistingVariable) {
  int out = 0;
  EXPECT_TRUE(AssignToExisting(true, &out).ok());
  EXPECT_EQ(out, 7);
  out = 0;
  EXPECT_EQ(AssignToExisting(false, &out).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(out, 0);
}

TEST(StatusMacrosTest, AssignOrReturnMovesAMoveOnlyValue) {
  Result<std::string> ok = TakeOwned(true);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "kept!");
  Result<std::string> failed = TakeOwned(false);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kUnavailable);
}

TEST(StatusMacrosTest, AssignOrReturnCopiesFromAnLvalue) {
  const Result<int> r = Number(true);
  Result<int> sum = FromLvalue(r);
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(*sum, 14);
  EXPECT_EQ(*r, 7);
  EXPECT_EQ(FromLvalue(Result<int>(NotFound("none"))).status().code(), StatusCode::kNotFound);
}

TEST(StatusMacrosTest, AssignOrReturnMovesFromAMovedLvalue) {
  Result<std::unique_ptr<std::string>> r = Owned(true);
  Result<std::string> got = MovedLvalue(r);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "kept");
  EXPECT_EQ(r->get(), nullptr);  // Moved out.
  Result<std::unique_ptr<std::string>> failed = Internal("broken");
  EXPECT_EQ(MovedLvalue(failed).status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace reel
