// Status and Result<T>: how reel reports expected failures.
//
// Expected failures (bad input, a missing row, a unique-constraint clash, an I/O
// error) are values, never exceptions; exceptions are reserved for bugs. A Status
// carries a code and a message that names the place of the problem ("catalog.json:
// titles[3].slug: ..."); web/http_status.cc maps a code to an HTTP status. Both types
// are plain values and safe to move between threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace reel {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // Bad input from a user, a file or a form.
  kNotFound,          // The thing asked for does not exist.
  kAlreadyExists,     // A unique constraint would be broken.
  kPermissionDenied,  // Signed in, but not allowed.
  kUnauthenticated,   // Not signed in.
  kFailedPrecondition,
  kUnavailable,       // The store or another dependency is down; retry later.
  kResourceExhausted, // Too many attempts or requests; retry later.
  kInternal,          // A bug or an unexpected state.
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "NotFound: no series with slug 'x'".
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `where` ("file.json:12: ").
  Status WithContext(const std::string& where) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
inline Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
inline Status FailedPrecondition(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status ResourceExhausted(std::string m) { return {StatusCode::kResourceExhausted, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}           // NOLINT: implicit by design.
  Result(Status status) : v_(std::move(status)) {}    // NOLINT: implicit by design.

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  // By value: `for (auto& x : store.List().value())` must not bind to a temporary's
  // insides.
  T value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace reel

namespace reel::status_internal {

// The Status of what REEL_TRY checked: a Status itself, or a Result's.
inline const Status& StatusOf(const Status& s) { return s; }
template <typename T>
const Status& StatusOf(const Result<T>& r) {
  return r.status();
}

}  // namespace reel::status_internal

// Evaluates `expr` once, a Status or a Result<T>, and returns its failed Status from
// the enclosing function (which returns a Status or any Result<U>); a value in a
// Result is dropped. `REEL_TRY(store.Put(x));`, `REEL_TRY(ParseDate(text));`.
#define REEL_TRY(...)                                                        \
  do {                                                                       \
    auto&& reel_try_ = (__VA_ARGS__);                                        \
    if (!reel_try_.ok()) return ::reel::status_internal::StatusOf(reel_try_); \
  } while (0)

// Evaluates `expr`, a Result<T>, once: on failure returns its Status from the
// enclosing function, else moves the value into `lhs` (copies it when `expr` names a
// Result that outlives the statement; std::move it to move). `lhs` is a variable or
// a declaration: `REEL_ASSIGN_OR_RETURN(auto title, store.GetTitle(id));`,
// `REEL_ASSIGN_OR_RETURN(Title t, ...)`, `REEL_ASSIGN_OR_RETURN(count, ...)`. It
// expands to several statements (the declaration must stay in scope), so it cannot be
// the lone body of an unbraced `if`; `lhs` may not hold an unparenthesised comma.
#define REEL_ASSIGN_OR_RETURN(lhs, ...) \
  REEL_ASSIGN_OR_RETURN_IMPL_(REEL_STATUS_CONCAT_(reel_result_, __LINE__), lhs, __VA_ARGS__)

#define REEL_STATUS_CONCAT_INNER_(a, b) a##b
#define REEL_STATUS_CONCAT_(a, b) REEL_STATUS_CONCAT_INNER_(a, b)
#define REEL_ASSIGN_OR_RETURN_IMPL_(result, lhs, ...) \
  auto&& result = (__VA_ARGS__);                      \
  if (!result.ok()) return result.status();           \
  lhs = std::forward<decltype(result)>(result).value()
