# Reliability: the crash and hostile-client tests (tests/reliability/), the crash
# bench (bench/crash) and the libFuzzer targets (tests/fuzz/). Included by
# CMakeLists.txt after the reel and reel_core targets.

if(BUILD_TESTING)
  add_executable(reel_reliability_tests
    tests/support/pg_server.cc
    tests/http/reel_server.cc
    tests/reliability/crash_harness.cc
    tests/reliability/crash_test.cc
    tests/reliability/hostile_test.cc
  )
  target_include_directories(reel_reliability_tests PRIVATE tests)
  target_link_libraries(reel_reliability_tests PRIVATE reel_core GTest::gtest GTest::gtest_main)
  target_compile_definitions(reel_reliability_tests PRIVATE REEL_BINARY="$<TARGET_FILE:reel>"
                             REEL_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  add_dependencies(reel_reliability_tests reel)
  # Three entries, so they run side by side under ctest -j: the crash test on each
  # store, and the hostile clients.
  add_test(NAME reel_crash_sqlite COMMAND reel_reliability_tests --gtest_filter=*CrashTest*/Sqlite)
  add_test(NAME reel_crash_postgres COMMAND reel_reliability_tests --gtest_filter=*CrashTest*/Postgres)
  add_test(NAME reel_hostile_clients COMMAND reel_reliability_tests --gtest_filter=HostileTest.*)
  set_tests_properties(reel_crash_sqlite reel_crash_postgres reel_hostile_clients PROPERTIES TIMEOUT 300)
endif()

if(REEL_BENCH)
  add_executable(reel_bench_crash bench/crash_bench.cc tests/reliability/crash_harness.cc
                 tests/http/reel_server.cc tests/support/pg_server.cc)
  target_include_directories(reel_bench_crash PRIVATE tests)
  target_link_libraries(reel_bench_crash PRIVATE reel_core CLI11::CLI11)
  target_compile_definitions(reel_bench_crash PRIVATE REEL_BINARY="$<TARGET_FILE:reel>")
  add_dependencies(reel_bench_crash reel)
endif()

# ---- Fuzzers: tests/fuzz/ is a project of its own built with clang (libFuzzer needs
# it) into build/fuzz as part of every build; `make test` runs each target for 20 s
# (one CTest entry each, so they run side by side), `make fuzz` for FUZZ_SECONDS.
# Without clang++ they are skipped, saying so (scripts/bootstrap installs it).
set(REEL_FUZZ_TARGETS grade tsv text form cookie router json)
find_program(REEL_CLANGXX NAMES clang++-14 clang++)
option(REEL_FUZZERS "Build the libFuzzer targets of tests/fuzz/ (needs clang++)" ON)
if(REEL_CLANGXX AND REEL_FUZZERS)
  include(ExternalProject)
  set(REEL_FUZZ_LAUNCHER "")
  if(CCACHE)
    set(REEL_FUZZ_LAUNCHER -DCMAKE_CXX_COMPILER_LAUNCHER=${CCACHE})
  endif()
  ExternalProject_Add(reel_fuzzers
    SOURCE_DIR ${CMAKE_SOURCE_DIR}/tests/fuzz
    BINARY_DIR ${CMAKE_BINARY_DIR}/fuzz
    CMAKE_GENERATOR Ninja
    CMAKE_ARGS -DCMAKE_CXX_COMPILER=${REEL_CLANGXX} -DCMAKE_BUILD_TYPE=RelWithDebInfo
               -DREEL_SOURCE_DIR=${CMAKE_SOURCE_DIR} ${REEL_FUZZ_LAUNCHER}
    BUILD_ALWAYS ON
    INSTALL_COMMAND "")
endif()
if(BUILD_TESTING)
  foreach(t IN LISTS REEL_FUZZ_TARGETS)
    add_test(NAME reel_fuzz_${t}
             COMMAND ${CMAKE_SOURCE_DIR}/tests/fuzz/run ${CMAKE_BINARY_DIR}/fuzz/${t}_fuzz 20
                     ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/${t})
    set_tests_properties(reel_fuzz_${t} PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77)
  endforeach()
endif()
