#!/usr/bin/env bash
# Whole-process wall time of `parley forecast --model smp FILE` on KTAB's sample inputs, against
# the timings of KTAB's own smpc (-O2, `--logmin`, median of 3 runs on this machine; KTAB's
# reference README, copied below). Prints turns (ours / KTAB's), our median wall time over RUNS
# runs, KTAB's time / ours, our median CPU time (task-clock, with `perf` installed; on a loaded
# machine wall time includes waiting for a core) and the ratio on it, and our peak RSS.
# Results: bench/README.md.
#
#   bench/smp_vs_ktab.sh                 # uses build/release/apps/parley/parley
#   PARLEY=build/smp/apps/parley/parley RUNS=11 bench/smp_vs_ktab.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PARLEY=${PARLEY:-build/release/apps/parley/parley}
DATA=${DATA:-tests/data/ktab}
RUNS=${RUNS:-7}

# input file | KTAB turns | KTAB wall seconds
ktab=(
  "inputs/dummyData_3Dim.csv 10 0.04"
  "inputs/SOE-Policy.csv 19 1.14"
  "inputs/dummyData_6Dim.csv 29 2.10"
  "inputs/SOE-Competitive.csv 35 4.89"
  "inputs/dummyData-a040.csv 20 4.69"
  "more-inputs/dummyData-a080.csv 17 45.19"
)

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

cpu_ms() {  # task-clock of one run in ms, or "nan" without perf
  if command -v perf > /dev/null; then
    perf stat -x, -e task-clock "$@" 2>&1 > /dev/null | awk -F, '/task-clock/ { print $1 }'
  else
    echo nan
  fi
}

out=$(mktemp)
trap 'rm -f "$out"' EXIT

printf '%-22s %7s %9s %8s %8s %9s %8s %8s\n' input turns "wall ms" "KTAB s" ratio "CPU ms" ratio \
  "RSS MiB"
for row in "${ktab[@]}"; do
  read -r file ktab_turns ktab_s <<< "$row"
  path="$DATA/$file"
  walls=() cpus=()
  sink=$out  # the first run's output gives the turn count, without a run of its own
  for _ in $(seq "$RUNS"); do
    start=$(date +%s%N)
    "$PARLEY" forecast --model smp "$path" > "$sink"
    end=$(date +%s%N)
    sink=/dev/null
    walls+=("$(( (end - start) / 1000 ))")
    cpus+=("$(cpu_ms "$PARLEY" forecast --model smp "$path")")
  done
  # Turns from the positions table: "<issue> (<n> actors, <turns> rounds)".
  turns=$(sed -n 's/.* actors, \([0-9]*\) rounds)$/\1/p' "$out" | head -1)
  wall_us=$(printf '%s\n' "${walls[@]}" | median)
  cpu=$(printf '%s\n' "${cpus[@]}" | median)
  rss=$( { /usr/bin/time -f '%M' "$PARLEY" forecast --model smp "$path" > /dev/null; } 2>&1 | tail -1)
  awk -v f="$(basename "$file")" -v t="$turns/$ktab_turns" -v us="$wall_us" -v k="$ktab_s" \
    -v cpu="$cpu" -v rss="$rss" 'BEGIN {
      printf "%-22s %7s %9.1f %8.2f %7.0fx %9.1f %7.0fx %8.1f\n", f, t, us / 1000, k,
        k / (us / 1e6), cpu, k / (cpu / 1e3), rss / 1024 }'
done
