#!/usr/bin/env bash
# Runs every benchmark of a Release build: the Google Benchmark programs (median of 5 repetitions),
# then the results database at 1,000 runs (bench/store.sh) and the whole-process comparisons with
# other tools (bench/*_vs_*.sh), each printing ratios.
# Usage: bench/run.sh [BUILD_DIR]   (default build/release). Figures go into bench/README.md.
set -euo pipefail
build=${1:-build/release}
here=$(cd "$(dirname "$0")" && pwd)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for program in "$build"/bench/bench_*; do
  [ -x "$program" ] || continue
  echo "== $(basename "$program")"
  "$program" --benchmark_min_time=0.5 --benchmark_repetitions=5 \
    --benchmark_report_aggregates_only=true
done
echo "== store.sh (the default comparison writing results.sqlite)"
"$here"/store.sh "$build" 1000
for script in "$here"/*_vs_*.sh; do
  [ -x "$script" ] || continue
  echo "== $(basename "$script")"
  "$script" "$build"
done
