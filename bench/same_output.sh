#!/usr/bin/env bash
# Checks that two parley binaries give byte-identical `forecast --json` output (and the same
# exit status and error text) for every registered model on every input under tests/data and
# scenarios/, e.g. a change meant to save memory against main's binary:
#   git archive main | tar -x -C /tmp/main && cmake -S /tmp/main -B /tmp/main/build \
#       -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/main/build -j2 --target parley
#   bench/same_output.sh /tmp/main/build/apps/parley/parley build/release/apps/parley/parley
# Extra model specs (e.g. 'exchange(solution=random,p=0.5)') may follow the two binaries.
set -uo pipefail
old=$1
new=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
mapfile -t models < <("$new" models | grep -oE '^[a-z_]+')
models+=("$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=0
differ=0
while IFS= read -r -d '' input; do
  for model in "${models[@]}"; do
    "$old" forecast --json -m "$model" "$input" >"$work/old.out" 2>"$work/old.err"
    old_status=$?
    "$new" forecast --json -m "$model" "$input" >"$work/new.out" 2>"$work/new.err"
    new_status=$?
    runs=$((runs + 1))
    if [ "$old_status" != "$new_status" ] || ! cmp -s "$work/old.out" "$work/new.out" ||
      ! cmp -s "$work/old.err" "$work/new.err"; then
      echo "DIFFERENT: $model $input (exit $old_status vs $new_status)"
      differ=$((differ + 1))
    fi
  done
done < <(find "$root/tests/data" "$root/scenarios" -type f \
  \( -name '*.yaml' -o -name '*.json' -o -name '*.csv' -o -name '*.txt' \) -print0 | sort -z)
echo "$runs runs, ${#models[@]} models, $differ different"
[ "$differ" -eq 0 ]
