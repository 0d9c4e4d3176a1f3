#!/usr/bin/env bash
# Runs per second of the default comparison spread over MPI ranks, against one process, and
# the shards-then-merge path: `mpirun -n K parley compare --threads 1 --out DIR` for each K,
# `parley compare --threads T --out DIR` as the one-process baseline, and --shard k/4 four
# times in a row plus `parley merge` (what a Slurm array does, here on one machine).
#   bench/mpi.sh [BUILD_DIR] [RUNS] [RANKS...]      (default: build/release 1000 1 2 4)
# Prints one line per measurement: what ran, wall and CPU seconds (user + sys of every process,
# /usr/bin/time of mpirun counts its children), runs per second of wall time. Every run
# directory is compared with the baseline's (summary.csv) so a figure never comes from a wrong
# result. Figures go into bench/README.md.
set -euo pipefail
build=${1:-build/release}
runs=${2:-1000}
if [ $# -gt 2 ]; then ranks_list=("${@:3}"); else ranks_list=(1 2 4); fi
parley=$build/apps/parley/parley
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
launch=(mpirun --oversubscribe)
[ "$(id -u)" -eq 0 ] && launch+=(--allow-run-as-root)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg); $runs runs"
printf '%-34s %8s %8s %8s\n' what wall_s cpu_s runs/s
report() {
  local what=$1
  read -r wall user sys < "$work/time"
  awk -v w="$wall" -v u="$user" -v s="$sys" -v r="$runs" -v what="$what" \
    'BEGIN { printf "%-34s %8.1f %8.1f %8.1f\n", what, w, u + s, r / w }'
}
same() {
  cmp -s "$work/base/summary.csv" "$1/summary.csv" || { echo "$1 differs from one process" >&2; exit 1; }
}
for threads in 1 2; do
  rm -rf "$work/base"
  /usr/bin/time -f '%e %U %S' -o "$work/time" \
    "$parley" compare --runs "$runs" --threads "$threads" -q --out "$work/base" > /dev/null
  report "1 process, --threads $threads"
done
for k in "${ranks_list[@]}"; do
  rm -rf "$work/mpi"
  /usr/bin/time -f '%e %U %S' -o "$work/time" \
    "${launch[@]}" -n "$k" "$parley" compare --runs "$runs" --threads 1 -q --out "$work/mpi" > /dev/null
  same "$work/mpi"
  report "mpirun -n $k, --threads 1"
done
rm -rf "$work"/shard-* "$work/merged"
/usr/bin/time -f '%e %U %S' -o "$work/time" bash -c "
  for k in 1 2 3 4; do
    '$parley' compare --runs $runs --threads 1 -q --shard \$k/4 --out '$work'/shard-\$k > /dev/null
  done"
report "4 shards in a row, --threads 1"
/usr/bin/time -f '%e %U %S' -o "$work/time" \
  "$parley" merge -q "$work/merged" "$work"/shard-1 "$work"/shard-2 "$work"/shard-3 "$work"/shard-4 > /dev/null
same "$work/merged"
report "merge of the 4 shards"
