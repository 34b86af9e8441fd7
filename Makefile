# reel: `make run` serves the demo catalog; `make test` runs every test.
# Both install what is missing first (scripts/bootstrap, Debian packages only).

BUILD_DIR ?= build
DB ?= var/reel.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= 2

.PHONY: all bootstrap configure build run test clean

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
