# reel: `make run` serves the demo catalog; `make test` runs every test.
# Both install what is missing first (scripts/bootstrap, Debian packages only).

BUILD_DIR ?= build
DB ?= var/reel.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= 2
FUZZ_SECONDS ?= 60
SANITIZE_DIR ?= build-sanitize
FUZZ_TARGETS = grade tsv text form cookie router json
SANITIZE_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer

.PHONY: all bootstrap configure build run test clean fuzz check-sanitize

all: build

bootstrap:
	@scripts/bootstrap

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

configure: $(BUILD_DIR)/build.ninja

# Builds only (assumes the packages are there; `make run` and `make test` install them).
build: configure
	cmake --build $(BUILD_DIR) -j$(JOBS)

run: bootstrap build
	@mkdir -p $(dir $(DB))
	@if [ ! -f $(DB) ]; then $(BUILD_DIR)/reel init --demo --db sqlite:$(DB); fi
	$(BUILD_DIR)/reel serve --db sqlite:$(DB) --listen $(LISTEN)

test: bootstrap build
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS)

clean:
	rm -rf $(BUILD_DIR)

# Each libFuzzer target (tests/fuzz/, built with clang into $(BUILD_DIR)/fuzz) for
# FUZZ_SECONDS; a crashing input is kept and its path printed.
fuzz: bootstrap build
	@for t in $(FUZZ_TARGETS); do \
	  echo "== $$t ($(FUZZ_SECONDS) s)"; \
	  tests/fuzz/run $(BUILD_DIR)/fuzz/$${t}_fuzz $(FUZZ_SECONDS) tests/fuzz/corpus/$$t || exit 1; \
	done

# The unit and HTTP tests built with AddressSanitizer and UndefinedBehaviorSanitizer
# in their own build directory (the HTTP tests then drive a sanitized server too).
# Any report fails.
check-sanitize: bootstrap
	cmake -S . -B $(SANITIZE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREEL_FUZZERS=OFF -DREEL_BENCH=OFF \
	  "-DCMAKE_CXX_FLAGS=$(SANITIZE_FLAGS)" "-DCMAKE_EXE_LINKER_FLAGS=$(SANITIZE_FLAGS)"
	cmake --build $(SANITIZE_DIR) -j$(JOBS) --target reel reel_unit_tests reel_http_tests
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1; \
	  $(SANITIZE_DIR)/reel_unit_tests --gtest_brief=1 && \
	  cd $(SANITIZE_DIR) && ctest -j$(JOBS) --output-on-failure -R '^reel_http_tests'
