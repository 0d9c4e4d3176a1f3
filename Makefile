# parley: the two commands a new user needs.
#   make run   installs missing Debian packages, builds (Release), runs the main job
#   make test  same set-up, then the whole suite through CTest, plain and under sanitizers
SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD ?= build/release
SANITIZE_BUILD ?= build/sanitize

# Debian 12 packages parley builds against (see docs/dependencies.md).
PACKAGES := build-essential cmake pkg-config libyaml-cpp-dev nlohmann-json3-dev libfmt-dev \
            libcli11-dev libtbb-dev librandom123-dev libgtest-dev libgmock-dev libbenchmark-dev \
            python3

.PHONY: run test deps build build-sanitize test-release test-sanitize bench clean

# The main job: the static forecast, then every built-in strategy compared over 1,000 runs.
run: build
	$(BUILD)/apps/parley/parley forecast scenarios/afghanistan-2024.yaml
	@echo
	$(BUILD)/apps/parley/parley compare scenarios/afghanistan-2024.yaml --out runs/afghanistan-2024

test: deps
	$(MAKE) --no-print-directory test-release test-sanitize

deps:
	@missing=$$(for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:" $$missing; \
	  sudo=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

build-sanitize: deps
	cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_SANITIZE=ON \
	  -DPARLEY_BUILD_BENCH=OFF
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)

test-release: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

test-sanitize: build-sanitize
	ctest --test-dir $(SANITIZE_BUILD) --output-on-failure -j $(JOBS)

bench: build
	bench/run.sh $(BUILD)

clean:
	rm -rf build
