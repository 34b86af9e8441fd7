// The cost of a sign-in's password check: argon2id with reel's parameters
// (audience/accounts.h) beside libsodium's own "interactive" and "moderate" presets
// as yardsticks, on one core. Prints one line per setting and the ratio of reel's to
// "interactive".
//
//   reel_bench_signin [--runs N]
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "audience/accounts.h"

namespace {

// Median milliseconds of one crypto_pwhash_str_verify at these parameters.
double VerifyMillis(unsigned long long ops, size_t mem, int runs) {
  char hash[crypto_pwhash_STRBYTES];
  const std::string password = "a long passphrase";
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    std::fprintf(stderr, "hashing failed (out of memory?)\n");
    std::exit(1);
  }
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    if (crypto_pwhash_str_verify(hash, password.data(), password.size()) != 0) std::exit(1);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"argon2id cost of a sign-in"};
  int runs = 9;
  app.add_option("--runs", runs, "Verifications per setting (the median is printed)");
  CLI11_PARSE(app, argc, argv);
  if (sodium_init() < 0) return 1;
  const double reel = VerifyMillis(reel::audience::kPasswordOps, reel::audience::kPasswordMemory, runs);
  const double interactive = VerifyMillis(crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE, runs);
  const double moderate = VerifyMillis(crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE, runs);
  std::printf("reel        ops=%llu mem=%zuMiB  %.1f ms\n", reel::audience::kPasswordOps,
              reel::audience::kPasswordMemory >> 20, reel);
  std::printf("interactive ops=%llu mem=%zuMiB  %.1f ms\n", static_cast<unsigned long long>(crypto_pwhash_OPSLIMIT_INTERACTIVE),
              static_cast<size_t>(crypto_pwhash_MEMLIMIT_INTERACTIVE) >> 20, interactive);
  std::printf("moderate    ops=%llu mem=%zuMiB  %.1f ms\n", static_cast<unsigned long long>(crypto_pwhash_OPSLIMIT_MODERATE),
              static_cast<size_t>(crypto_pwhash_MEMLIMIT_MODERATE) >> 20, moderate);
  std::printf("ratio reel/interactive %.2f\n", reel / interactive);
  return 0;
}
