#!/usr/bin/env bash
# The scale bench (issue 13, part 6): `parley forecast` with every registered model on a
# generated scenario of ACTORS x ISSUES (the default text output, to /dev/null), each model a
# whole process under /usr/bin/time -v, then `parley validate` on scenarios with 1,000, 10,000
# and 100,000 uncertainty entries. Prints one
# row per run: what, actors, issues, wall s, CPU s (user + system), peak RSS MiB, exit status.
# Usage: bench/scale.sh [ACTORS [ISSUES [BUILD_DIR]]]   (default 2000 20 build/release)
#   MODELS="eum exchange" bench/scale.sh ...   runs only those models ("" none);
#   ENTRIES="1000 10000" bench/scale.sh ...    sets the validation sizes ("" skips them);
#   LIMIT_KB=4000000 bench/scale.sh ...        caps each run's address space (ulimit -v).
# The scenarios depend only on the sizes and the seed (SEED, default 1); figures go into
# bench/README.md.
set -euo pipefail
actors=${1:-2000}
issues=${2:-20}
build=${3:-build/release}
here=$(cd "$(dirname "$0")" && pwd)
parley=$build/apps/parley/parley
seed=${SEED:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x "$parley" ] || { echo "no $parley: build first" >&2; exit 2; }
models=${MODELS-$("$parley" models | grep -oE '^[a-z_]+' | tr '\n' ' ')}
entries=${ENTRIES-1000 10000 100000}

# Runs "$@" under /usr/bin/time -v and prints wall s, CPU s, peak RSS MiB and the exit status.
measure() {
  local status=0
  (
    [ -z "${LIMIT_KB:-}" ] || ulimit -v "$LIMIT_KB"
    exec /usr/bin/time -v "$@" >/dev/null 2>"$work/time"
  ) || status=$?
  awk -v status="$status" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = 0; for (k = 1; k <= n; ++k) wall = wall * 60 + t[k] }
    /User time/ { cpu += $2 }
    /System time/ { cpu += $2 }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.2f\t%.2f\t%.0f\t%d\n", wall, cpu, rss, status }' "$work/time"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
  "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'run\tactors\tissues\twall_s\tcpu_s\tpeak_rss_mib\texit\n'
scenario=$work/scenario.yaml
"$here/gen_scenario.py" "$actors" "$issues" --seed "$seed" -o "$scenario"
for model in $models; do
  printf 'forecast %s\t%s\t%s\t%s\n' "$model" "$actors" "$issues" \
    "$(measure "$parley" forecast -m "$model" "$scenario")"
done
for n in $entries; do
  # 40 paths an actor on 20 issues: just enough actors for n entries.
  file=$work/uncertainty-$n.yaml
  "$here/gen_scenario.py" $((n / 40 + 1)) 20 --seed "$seed" --uncertainty "$n" -o "$file"
  printf 'validate %s entries\t%s\t%s\t%s\n' "$n" $((n / 40 + 1)) 20 "$(measure "$parley" validate "$file")"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
