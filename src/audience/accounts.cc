#include "audience/accounts.h"

#include <sodium.h>

#include <atomic>
#include <cctype>
#include <mutex>

namespace reel::audience {
namespace {

std::atomic<uint64_t> password_checks{0};

void InitSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // No safe way to go on without randomness.
  });
}

std::string Hex(const unsigned char* data, size_t n) {
  std::string out(n * 2, '\0');
  sodium_bin2hex(out.data(), out.size() + 1, data, n);
  return out;
}

}  // namespace

Status ValidateUsername(std::string_view u) {
  if (u.size() < 3 || u.size() > 30) return InvalidArgument("username: must be 3 to 30 characters");
  for (char c : u) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) {
      return InvalidArgument("username: only letters, digits, '_', '-' and '.'");
    }
  }
  return Status::Ok();
}

Status ValidateEmail(std::string_view e) {
  const size_t at = e.find('@');
  if (e.size() > 254 || at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos ||
      e.find('.', at) == std::string_view::npos || e.back() == '.' || e.find_first_of(" \t\r\n<>\"") != std::string_view::npos) {
    return InvalidArgument("email: is not an email address");
  }
  return Status::Ok();
}

Status ValidatePassword(std::string_view p) {
  if (p.size() < kMinPasswordLength) {
    return InvalidArgument("password: must be at least " + std::to_string(kMinPasswordLength) + " characters");
  }
  if (p.size() > kMaxPasswordLength) return InvalidArgument("password: is too long");
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  InitSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kPasswordOps, kPasswordMemory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Unavailable("not enough memory to hash a password");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  InitSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string h(hash);
  password_checks.fetch_add(1, std::memory_order_relaxed);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

uint64_t PasswordChecks() { return password_checks.load(std::memory_order_relaxed); }

std::string NewToken() {
  InitSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return Hex(bytes, sizeof bytes);
}

std::string TokenHash(std::string_view token) {
  InitSodium();
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  return Hex(out, sizeof out);
}

bool SameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace reel::audience
