#!/usr/bin/env bash
# `make lint`: clang-format on every C++ file, clang-tidy on the C++ files that changed.
#
#   .ci/lint.sh BUILD_DIR     BUILD_DIR holds compile_commands.json (the Release build's)
#
# Changed files are those differing from a base commit, working-tree edits included:
#   - PARLEY_LINT_BASE if set (a commit, e.g. main);
#   - else the merge base with the branch's upstream, when there is one and HEAD is ahead of it;
#   - else HEAD's first parent: on a clean clone (CI) that is what the last commit changed, and
#     for a merge commit everything the merge brought in;
#   - else (a repository of one commit) every file.
# clang-tidy takes about 7 s of CPU per file (5 files: 34 s), so linting only what changed keeps
# the run short; `PARLEY_LINT_BASE=all` checks all 155 files.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: .ci/lint.sh BUILD_DIR}
jobs=${JOBS:-$(nproc)}
dirs=(src apps tests bench include)

cxx_files() { grep -E '\.(cpp|hpp)$' | grep -E "^($(IFS='|'; echo "${dirs[*]}"))/" || true; }

# --- clang-format: every tracked C++ file -------------------------------------------------
mapfile -t all < <(git ls-files -- "${dirs[@]}" | cxx_files)
echo "clang-format: ${#all[@]} files"
if ! clang-format --dry-run -Werror "${all[@]}"; then
  echo "lint: not formatted; clang-format -i FILE formats a file" >&2
  exit 1
fi

# --- clang-tidy: the changed C++ files ----------------------------------------------------
base=${PARLEY_LINT_BASE:-}
if [ -z "$base" ]; then
  if upstream=$(git rev-parse -q --verify '@{upstream}' 2>/dev/null) &&
     [ "$(git rev-parse HEAD)" != "$upstream" ]; then
    base=$(git merge-base HEAD "$upstream")
  elif git rev-parse -q --verify HEAD~1 >/dev/null; then
    base=HEAD~1
  else
    base=all
  fi
fi
if [ "$base" = all ]; then
  changed=("${all[@]}")
  echo "clang-tidy: every file (${#changed[@]})"
else
  mapfile -t changed < <({ git diff --name-only --diff-filter=d "$base" -- "${dirs[@]}";
                           git ls-files --others --exclude-standard -- "${dirs[@]}"; } |
                         cxx_files | sort -u)
  echo "clang-tidy: ${#changed[@]} C++ files changed since $(git rev-parse --short "$base")"
fi
[ ${#changed[@]} -eq 0 ] && exit 0
if [ ! -f "$build/compile_commands.json" ]; then
  echo "lint: $build/compile_commands.json is missing; configure the build first" >&2
  exit 1
fi
# The compile commands are gcc's: clang does not know every warning flag in them. A header is
# checked with the flags of a source file beside it (clang-tidy guesses them).
# clang-tidy counts the warnings it hid in other people's headers; those counts are dropped.
if ! printf '%s\n' "${changed[@]}" |
     xargs -P "$jobs" -n 1 clang-tidy -p "$build" --quiet --warnings-as-errors='*' \
       --extra-arg=-Wno-unknown-warning-option --extra-arg=-Wno-pragma-once-outside-header 2>&1 |
     sed -E '/^[0-9]+ warnings? generated\.$/d'; then
  echo "lint: clang-tidy findings above (.clang-tidy says which checks run and why)" >&2
  exit 1
fi
echo "lint: clean"
