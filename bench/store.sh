#!/usr/bin/env bash
# The results database at scale: peak memory (/usr/bin/time's maximum resident set size) and
# speed of `parley compare` on the default scenario writing results.sqlite into a run directory.
#   bench/store.sh [BUILD_DIR] [RUNS...]      (default: build/release 1000)
# For each RUNS: one run with --out at the default --record and all cores, then, when RUNS is
# at most 10000, the same at --threads 1 and --threads 2. Prints one line per run: runs,
# threads, record, wall and CPU seconds, runs per second (wall), peak RSS, database size and
# bytes per stored series value. Figures go into bench/README.md.
set -euo pipefail
build=${1:-build/release}
shift || true
runs_list=("${@:-1000}")
parley=$build/apps/parley/parley
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%8s %7s %11s %8s %8s %8s %9s %9s %8s\n' runs threads record wall_s cpu_s runs/s rss_MiB db_MB B/value
measure() {
  local runs=$1 threads=$2
  rm -rf "$work/run"
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
    "$parley" compare --runs "$runs" --threads "$threads" -q --out "$work/run" > /dev/null 2> "$work/err"
  read -r wall user sys rss < "$work/time"
  local db=$work/run/results.sqlite
  local record values bytes
  record=$(sqlite3 "$db" "SELECT value FROM manifest WHERE key = 'record'")
  values=$(sqlite3 "$db" "SELECT count(*) FROM series_values")
  bytes=$(stat -c %s "$db")
  awk -v r="$runs" -v t="$threads" -v rec="$record" -v w="$wall" -v u="$user" -v s="$sys" \
      -v m="$rss" -v b="$bytes" -v n="$values" 'BEGIN {
    printf "%8d %7s %11s %8.1f %8.1f %8.1f %9.0f %9.1f %8.1f\n", r, (t == 0 ? "all" : t), rec, w,
           u + s, r / w, m / 1024, b / 1e6, b / n }'
}
for runs in "${runs_list[@]}"; do
  measure "$runs" 0
  if [ "$runs" -le 10000 ]; then
    measure "$runs" 1
    measure "$runs" 2
  fi
done
