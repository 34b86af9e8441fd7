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

  // Writes a title through Write(); its id.
  Id AddTitle(const Title& t) {
    Id id = 0;
    EXPECT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
      REEL_ASSIGN_OR_RETURN(id, w.UpsertTitle(t));
      return Status::Ok();
    }).ok());
    return id;
  }

  Id AddSeries(const std::string& slug, const std::string& name) {
    Title t;
    t.kind = TitleKind::kSeries;
    t.slug = slug;
    t.name = name;
    t.release = FuzzyDate::Make("2020-01-23", "day").value();
    return AddTitle(t);
  }

  Id AddChild(Id parent, TitleKind kind, int number, const std::string& date) {
    Title t;
    t.kind = kind;
    t.parent_id = parent;
    t.number = number;
    t.name = "Child " + std::to_string(number);
    t.release = FuzzyDate::Make(date, "day").value();
    return AddTitle(t);
  }

  // A reader account with this username; its id.
  Id AddUser(const std::string& username) {
    User u;
    u.username = username;
    return store_->CreateUser(u).value();
  }

  // A comment in `thread` (a reply when `parent` is set) with this status and no
  // spam check worth the name; its id.
  Id AddComment(const CommentThread& thread, Id user, Id parent, const std::string& body, ModerationStatus status) {
    Comment c;
    c.thread = thread;
    c.user_id = user;
    c.parent_id = parent;
    c.body = body;
    c.status = status;
    return store_->AddComment(c, {}).value();
  }
};

}  // namespace reel
