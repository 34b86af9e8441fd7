// Runs every test of the store contract (TEST_P(StoreContractTest, ...) in the
// *_contract_test.cc files of this folder) on both stores; one instantiation for
// the whole suite, so each test keeps its one name per store.
#include <gtest/gtest.h>

#include "store_contract.h"

namespace reel {
namespace {

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest, testing::BothStores(), testing::BackendName);

}  // namespace
}  // namespace reel
