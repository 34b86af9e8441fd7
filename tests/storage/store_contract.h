// The store contract's fixture: every operation of storage/store.h, run against
// SQLite (a temporary file) and PostgreSQL (a fresh database on the test binary's
// private server), with the same expectations. The contract is split per store
// slice (catalog_contract_test.cc, reviews_, accounts_, comments_, articles_, jobs_,
// writer_ and bulk_ratings_contract_test.cc); their TEST_P(StoreContractTest, ...)
// share this one fixture and its seeding helpers, and store_contract.cc runs them
// all on both stores ("Backends/StoreContractTest.NAME/Sqlite" and ".../Postgres").
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "storage/store.h"
#include "support/two_stores.h"

namespace reel {

// Not in an anonymous namespace: the slice files' tests are one suite, so they must
// see one fixture type.
class StoreContractTest : public testing::TwoStoreTest {
 protected:
  StoreContractTest() : TwoStoreTest("contract") {}

  Id AddSeries(const std::string& slug, const std::string& name) {
    Id id = 0;
    EXPECT_TRUE(store_->Write([&](StoreWriter& w) {
      Title t;
      t.kind = TitleKind::kSeries;
      t.slug = slug;
      t.name = name;
      t.release = FuzzyDate::Make("2020-01-23", "day").value();
      auto r = w.UpsertTitle(t);
      if (!r.ok()) return r.status();
      id = *r;
      return Status::Ok();
    }).ok());
    return id;
  }

  Id AddChild(Id parent, TitleKind kind, int number, const std::string& date) {
    Id id = 0;
    EXPECT_TRUE(store_->Write([&](StoreWriter& w) {
      Title t;
      t.kind = kind;
      t.parent_id = parent;
      t.number = number;
      t.name = "Child " + std::to_string(number);
      t.release = FuzzyDate::Make(date, "day").value();
      auto r = w.UpsertTitle(t);
      if (!r.ok()) return r.status();
      id = *r;
      return Status::Ok();
    }).ok());
    return id;
  }
};

}  // namespace reel
