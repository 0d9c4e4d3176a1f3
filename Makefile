# parley: the two commands a new user needs.
#   make run   installs missing Debian packages, builds (Release), runs the main job
#   make test  installs what the checks need too, then runs every check CI runs
#              (docs/testing.md): the Release build and the whole suite; lint; the suite
#              under ASan/UBSan built with clang 14, with a short run of each libFuzzer target;
#              the threaded tests under ThreadSanitizer
SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD ?= build/release
SANITIZE_BUILD ?= build/sanitize
TSAN_BUILD ?= build/tsan
# Debian 12's clang, whose compiler-rt has the sanitizers and libFuzzer.
CLANG_CXX ?= clang++-14

# Debian 12 packages parley builds against (README.md, Layout), and what the checks add.
PACKAGES := build-essential cmake pkg-config libyaml-cpp-dev nlohmann-json3-dev libfmt-dev \
            libcli11-dev libtbb-dev librandom123-dev libgtest-dev libgmock-dev libbenchmark-dev \
            libsqlite3-dev python3 strace libopenmpi-dev openmpi-bin
# chromium: headless, for the report's browser tests (tests/report/) and `parley report --pdf`.
CHECK_PACKAGES := clang-14 libclang-rt-14-dev clang-format clang-tidy chromium
# npm, which the build uses to install the report's charting scripts (cmake/report_assets.cmake):
# Debian's nodejs and npm, unless a Node.js that has npm is installed already (NodeSource's
# nodejs includes npm and conflicts with Debian's npm package).
NPM_PACKAGES := nodejs npm

# Each stage of `make test`, in order: the cheap and broad first, so a failure shows early.
TEST_STAGES := test-release lint test-sanitize test-tsan

.PHONY: run test deps check-deps build build-sanitize build-tsan test-release test-sanitize \
        test-tsan lint bench clean

# The main job: the static forecast, then every built-in strategy compared over 1,000 runs, and
# the comparison's brief (docs/report.md), whose path it prints.
run: build
	$(BUILD)/apps/parley/parley forecast scenarios/afghanistan-2024.yaml
	@echo
	$(BUILD)/apps/parley/parley compare scenarios/afghanistan-2024.yaml --out runs/afghanistan-2024
	@echo
	$(BUILD)/apps/parley/parley report runs/afghanistan-2024

# Every stage, each timed: the times show where the CI budget goes (docs/testing.md).
test: check-deps
	@total=$$SECONDS; \
	for stage in $(TEST_STAGES); do \
	  start=$$SECONDS; \
	  $(MAKE) --no-print-directory $$stage || { echo "make test: $$stage failed"; exit 1; }; \
	  echo "make test: $$stage took $$((SECONDS - start)) s"; \
	done; \
	echo "make test: all stages passed in $$((SECONDS - total)) s"

# apt-get install of whichever of the packages given in $(1) are missing.
define install_missing
	@missing=$$(for p in $(1); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:" $$missing; \
	  sudo=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

# Debian's nodejs and npm when no npm is on PATH.
define install_npm
	@if ! command -v npm >/dev/null; then \
	  echo "Installing Debian packages for npm:" $(NPM_PACKAGES); \
	  sudo=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $(NPM_PACKAGES); \
	fi
endef

deps:
	$(call install_missing,$(PACKAGES))
	$(call install_npm)

check-deps:
	$(call install_missing,$(PACKAGES) $(CHECK_PACKAGES))
	$(call install_npm)

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

# AddressSanitizer + UndefinedBehaviorSanitizer, built with clang 14, with the libFuzzer targets
# (tests/fuzz/): their tests, label fuzz, fuzz each input reader and the models for
# PARLEY_FUZZ_SECONDS each.
build-sanitize: check-deps
	cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_SANITIZE=address \
	  -DPARLEY_FUZZ=ON -DCMAKE_CXX_COMPILER=$(CLANG_CXX) -DPARLEY_BUILD_BENCH=OFF
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)

# ThreadSanitizer, with clang 14 as well; cmake/sanitizers/tsan.supp covers Debian's libtbb.
build-tsan: check-deps
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_SANITIZE=thread \
	  -DCMAKE_CXX_COMPILER=$(CLANG_CXX) -DPARLEY_BUILD_BENCH=OFF
	cmake --build $(TSAN_BUILD) -j $(JOBS)

test-release: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The docs, package and layers tests are registered in the Release build only.
test-sanitize: build-sanitize
	ctest --test-dir $(SANITIZE_BUILD) --output-on-failure -j $(JOBS)

# Only the tests that run work on several threads (label `threads`); none is an error.
test-tsan: build-tsan
	ctest --test-dir $(TSAN_BUILD) --output-on-failure -j $(JOBS) -L threads --no-tests=error

# clang-format on every C++ file, clang-tidy on the changed ones (.ci/lint.sh says which).
lint: check-deps build
	JOBS=$(JOBS) .ci/lint.sh $(BUILD)

bench: build
	bench/run.sh $(BUILD)

clean:
	rm -rf build
