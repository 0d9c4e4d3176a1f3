#!/usr/bin/python3
"""Run the `$ parley ...` examples of README.md and docs/**/*.md and compare their output.

How a doc writes an example (docs/cli.md, "Examples in the docs are tested"):

    ```
    $ parley validate scenarios/afghanistan-2024.yaml
    scenarios/afghanistan-2024.yaml: valid yaml scenario: ...
    $ parley compare --strategies nope -q
    Error: unknown strategy 'nope'; this scenario defines: …
    [exit 2]
    ```

- Every fenced code block with a line starting `$ parley` is an example block; each of its
  `$ ` lines is a command and must run parley. A command continues over lines ending in `\\`.
- The lines after a command, up to the next `$ ` line or the end of the block, are its expected
  output: standard output and standard error read from one pipe, in the order parley writes them
  (its std::cerr is tied to std::cout, so a message comes after the output printed before it,
  as on a terminal). Trailing spaces and trailing empty lines are ignored.
- A line `...` (exactly three dots) stands for zero or more lines. Within a line, `…` (U+2026)
  stands for any run of characters on that line, e.g. a wall time `(…)`. A line of output that
  is literally `...` cannot be shown as such.
- A command must exit 0, unless its expected output ends with a line `[exit N]`: then it must
  exit with N.
- The command is split into words as a POSIX shell would (quotes, backslashes) but not run by a
  shell: no pipes, redirections, globs or variables. `parley` is replaced by the built binary;
  the working directory is the source root; the environment is fixed (LC_ALL=C, TZ=UTC,
  COLUMNS=100, no terminal). Examples must not write files (`-o`, `--out`): they run in the
  source tree.

Usage:
    run_doc_examples.py --list [FILE...]                  # the example blocks, as FILE:LINE
    run_doc_examples.py --parley BIN [FILE[:LINE]...]     # run them; exit 1 on any difference
    run_doc_examples.py --parley BIN --update [FILE[:LINE]...]

FILE is relative to the source root (default: this script's ../..); without FILE, README.md and
docs/**/*.md. LINE is the line of a block's opening fence. --update rewrites each failing
example's expected output from the actual output, keeping `...` and `…` where the lines around
them still match; it refuses (and leaves the block alone) when the new output can be aligned
with the elisions in more than one way.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ELISION = "..."
ELLIPSIS = "\u2026"
EXIT_MARKER = re.compile(r"^\[exit (\d{1,3})\]$")
FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
SHELL_OPERATORS = set("();<>|&")
WRITING_OPTIONS = ("-o", "--out", "--output")


@dataclasses.dataclass
class Example:
    """One `$ parley ...` command of a block and the output the doc expects from it."""

    line: int  # 1-based line of the `$ ` line
    command: str  # the command as written, continuation lines joined
    expected: list[str]  # expected output lines (without the [exit N] marker)
    exit_code: int  # expected exit status
    region: tuple[int, int]  # 0-based [start, end) of the expected lines in the file
    problem: str = ""  # why the example cannot run, if it cannot


@dataclasses.dataclass
class Block:
    """A fenced code block holding examples."""

    path: str  # relative to the source root
    line: int  # 1-based line of the opening fence
    indent: str
    examples: list[Example]

    @property
    def name(self) -> str:
        return f"{self.path}:{self.line}"


# ---------------------------------------------------------------- reading the docs


def fenced_blocks(lines: list[str]):
    """Yields (fence line index, indent, content line indices) of every fenced code block."""
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening or (opening.group(2)[0] == "`" and "`" in opening.group(3)):
            i += 1
            continue
        indent, fence = opening.group(1), opening.group(2)
        closing = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        end = i + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        yield i, indent, list(range(i + 1, end))
        i = end + 1


def strip_indent(line: str, indent: str) -> str:
    """Removes up to the fence's indentation from a content line (CommonMark)."""
    n = 0
    while n < len(indent) and n < len(line) and line[n] == " ":
        n += 1
    return line[n:]


def split_expected(raw: list[str]) -> tuple[list[str], int, int]:
    """Returns (expected lines, exit code, number of raw lines they span) of one output."""
    lines = [line.rstrip() for line in raw]
    while lines and not lines[-1]:
        lines.pop()
    span = len(lines)
    exit_code = 0
    if lines and EXIT_MARKER.match(lines[-1]):
        exit_code = int(EXIT_MARKER.match(lines[-1]).group(1))
        lines.pop()
        while lines and not lines[-1]:
            lines.pop()
    return lines, exit_code, span


def command_problem(command: str) -> str:
    """Why a command cannot be run as an example, or ''."""
    try:
        lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words = list(lexer)
    except ValueError as error:
        return f"cannot split the command into words: {error}"
    if not words or words[0] != "parley":
        return "only `$ parley ...` commands run in an example block"
    if any(word and set(word) <= SHELL_OPERATORS for word in words):
        return "examples are not run by a shell: no pipes, redirections or command lists"
    if any(word in WRITING_OPTIONS or word.startswith("--out=") for word in words):
        return "examples run in the source tree and must not write files (-o, --out)"
    return ""


def read_examples(lines: list[str], indices: list[int], indent: str) -> list[Example]:
    """Splits a block's content lines into commands and their expected output."""
    examples: list[Example] = []
    k = 0
    while k < len(indices):
        text = strip_indent(lines[indices[k]], indent)
        if not text.strip() and not examples:
            k += 1
            continue
        if not text.startswith("$ "):
            problem = "text before the first `$ ` command of an example block"
            examples.append(Example(indices[k] + 1, "", [], 0, (indices[k], indices[k]), problem))
            while k < len(indices) and not strip_indent(lines[indices[k]], indent).startswith("$ "):
                k += 1
            continue
        first = indices[k]
        command = text[2:]
        while command.endswith("\\") and k + 1 < len(indices):
            k += 1
            command = command[:-1].rstrip() + " " + lines[indices[k]].strip()
        problem = "the command's last line ends in `\\`" if command.endswith("\\") else ""
        k += 1
        start = k
        while k < len(indices) and not strip_indent(lines[indices[k]], indent).startswith("$ "):
            k += 1
        raw = [strip_indent(lines[i], indent) for i in indices[start:k]]
        expected, exit_code, span = split_expected(raw)
        region_start = indices[start] if start < len(indices) else indices[start - 1] + 1
        region = (region_start, region_start + span)
        examples.append(Example(first + 1, command, expected, exit_code, region,
                                problem or command_problem(command)))
    return examples


def read_blocks(root: Path, path: str) -> list[Block]:
    """The example blocks of one Markdown file."""
    lines = (root / path).read_text(encoding="utf-8").split("\n")
    blocks = []
    for fence, indent, indices in fenced_blocks(lines):
        content = [strip_indent(lines[i], indent) for i in indices]
        if any(line.startswith("$ parley") for line in content):
            blocks.append(Block(path, fence + 1, indent, read_examples(lines, indices, indent)))
    return blocks


def default_doc_files(root: Path) -> list[str]:
    files = ["README.md"] + sorted(str(p.relative_to(root)) for p in (root / "docs").rglob("*.md"))
    return [f for f in files if (root / f).is_file()]


# ---------------------------------------------------------------- matching


def line_matcher(pattern: str):
    """A predicate telling whether an output line matches one expected line."""
    if ELLIPSIS not in pattern:
        return lambda line: line == pattern
    regex = re.compile(".*".join(re.escape(part) for part in pattern.split(ELLIPSIS)), re.DOTALL)
    return lambda line: regex.fullmatch(line) is not None


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the output matches the expected lines with their elisions.

    The pieces between `...` lines have fixed lengths, so taking each middle piece at its first
    fit after the previous one is enough (as in glob matching); the first and last are anchored.
    """
    pieces: list[list] = [[]]
    for line in expected:
        if line == ELISION:
            pieces.append([])
        else:
            pieces[-1].append(line_matcher(line))

    def fits(piece, at):
        return all(test(actual[at + n]) for n, test in enumerate(piece))

    if len(pieces) == 1:
        return len(pieces[0]) == len(actual) and fits(pieces[0], 0)
    first, middle, last = pieces[0], pieces[1:-1], pieces[-1]
    end = len(actual) - len(last)
    if end < len(first) or not fits(first, 0) or not fits(last, end):
        return False
    at = len(first)
    for piece in middle:
        while at + len(piece) <= end and not fits(piece, at):
            at += 1
        if at + len(piece) > end:
            return False
        at += len(piece)
    return True


def refresh_line(pattern: str, actual: str) -> str:
    """The actual line, keeping the pattern's `…` where the text around it still matches."""
    if ELLIPSIS not in pattern:
        return actual
    matcher = difflib.SequenceMatcher(None, pattern, actual, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        elided = tag != "equal" and ELLIPSIS in pattern[i1:i2]
        text = ELLIPSIS if elided else actual[j1:j2]
        if not (text == ELLIPSIS and out and out[-1].endswith(ELLIPSIS)):
            out.append(text)
    return "".join(out)


# Alignment costs. Every output line is kept (matches its expected line), absorbed by a `...`,
# or an edit. A changed line is one substitution, cheaper than dropping the expected line and
# letting a neighbouring `...` swallow the new one, so a changed number shows as -old/+new.
ABSORB, EDIT = 1, 1000


def align_costs(expected: list[str], actual: list[str]):
    """cost[i][j]: the cheapest alignment of expected[i:] with actual[j:]."""
    m, n = len(expected), len(actual)
    tests = [None if line == ELISION else line_matcher(line) for line in expected]
    cost = [[0] * (n + 1) for _ in range(m + 1)]
    for j in range(n - 1, -1, -1):
        cost[m][j] = cost[m][j + 1] + EDIT
    for i in range(m - 1, -1, -1):
        row, below, test = cost[i], cost[i + 1], tests[i]
        row[n] = below[n] + (0 if test is None else EDIT)
        for j in range(n - 1, -1, -1):
            if test is None:
                row[j] = min(below[j], ABSORB + row[j + 1])
            else:
                pair = (0 if test(actual[j]) else EDIT) + below[j + 1]
                row[j] = min(pair, EDIT + below[j], EDIT + row[j + 1])
    return cost, tests


def optimal_moves(expected, actual, cost, tests, i, j):
    """The moves from state (i, j) that stay on a cheapest alignment: (next state, emitted line)."""
    m, n = len(expected), len(actual)
    here, moves = cost[i][j], []
    if i < m and tests[i] is None:
        if j < n and ABSORB + cost[i][j + 1] == here:
            moves.append(((i, j + 1), None))
        if cost[i + 1][j] == here:
            moves.append(((i + 1, j), ELISION))
        return moves
    if i < m and j < n:
        if tests[i](actual[j]) and cost[i + 1][j + 1] == here:
            moves.append(((i + 1, j + 1), expected[i]))
        elif EDIT + cost[i + 1][j + 1] == here:
            moves.append(((i + 1, j + 1), refresh_line(expected[i], actual[j])))
    if i < m and EDIT + cost[i + 1][j] == here:
        moves.append(((i + 1, j), None))
    if j < n and EDIT + cost[i][j + 1] == here:
        moves.append(((i, j + 1), actual[j]))
    return moves


def rewrites(expected: list[str], actual: list[str], limit: int) -> list[tuple[str, ...]]:
    """Up to `limit` distinct expected outputs that cheapest alignments turn the doc into.

    Each keeps the doc's lines that still match, its `...` lines, and the actual output
    elsewhere; more than one means the new output fits the elisions in more than one way.
    """
    cost, tests = align_costs(expected, actual)
    done = {(len(expected), len(actual)): [()]}
    stack = [(0, 0)]
    while stack:
        state = stack[-1]
        if state in done:
            stack.pop()
            continue
        moves = optimal_moves(expected, actual, cost, tests, *state)
        pending = [nxt for nxt, _ in moves if nxt not in done]
        if pending:
            stack.extend(pending)
            continue
        found: list[tuple[str, ...]] = []
        for nxt, emitted in moves:
            for rest in done[nxt]:
                repeat = emitted == ELISION and rest[:1] == (ELISION,)
                out = rest if emitted is None or repeat else (emitted,) + rest
                if out not in found and len(found) < limit:
                    found.append(out)
        done[state] = found
        stack.pop()
    return done[(0, 0)]


# ---------------------------------------------------------------- running


@dataclasses.dataclass
class Outcome:
    lines: list[str]
    exit_code: int
    error: str = ""  # could not run (timeout, missing binary)


def run_command(command: str, parley: str, root: Path, timeout: float) -> Outcome:
    words = shlex.split(command)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/"),
        "LC_ALL": "C",
        "LANG": "C",
        "TZ": "UTC",
        "COLUMNS": "100",
        "TERM": "dumb",
    }
    try:
        done = subprocess.run([parley] + words[1:], cwd=root, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Outcome([], -1, f"timed out after {timeout:g} s")
    except OSError as error:
        return Outcome([], -1, f"cannot run {parley}: {error.strerror}")
    lines = [line.rstrip() for line in done.stdout.decode("utf-8", "replace").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return Outcome(lines, done.returncode)


def with_exit(lines, exit_code: int) -> list[str]:
    return list(lines) + ([f"[exit {exit_code}]"] if exit_code else [])


def doc_diff(block: Block, example: Example, new: list[str]) -> str:
    """A unified diff of the doc's expected lines against `new`, numbered by file line."""
    old = with_exit(example.expected, example.exit_code)
    first = example.region[0]
    out = []
    for line in difflib.unified_diff(old, new, f"{block.path} (expected)", "parley (actual)",
                                     lineterm=""):
        hunk = re.match(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@$", line)
        if hunk:
            a, b = int(hunk.group(1)), int(hunk.group(3))
            line = f"@@ -{a + first}{hunk.group(2) or ''} +{b + first}{hunk.group(4) or ''} @@"
        out.append(line)
    return "\n".join(out)


def check_example(block, example, parley, root, timeout, update, log):
    """Runs one example; returns (passed, new expected lines for --update or None)."""
    where = f"{block.path}:{example.line}"
    if example.problem:
        log(f"{where}: {example.problem}")
        return False, None
    outcome = run_command(example.command, parley, root, timeout)
    if outcome.error:
        log(f"{where}: $ {example.command}\n  {outcome.error}")
        return False, None
    output_ok = matches(example.expected, outcome.lines)
    if output_ok and outcome.exit_code == example.exit_code:
        return True, None
    readings = rewrites(example.expected, outcome.lines, 2 if update else 1)
    new = with_exit(readings[0], outcome.exit_code)
    log(f"{where}: $ {example.command}")
    if outcome.exit_code != example.exit_code:
        log(f"  exit status {outcome.exit_code}, expected {example.exit_code}"
            + ("" if example.exit_code == 0 else f" ([exit {example.exit_code}])"))
    if not output_ok:
        log(f"  output differs (- doc, + actual with the doc's elisions kept where they fit):")
    log(doc_diff(block, example, new))
    if not update:
        return False, None
    if len(readings) > 1:
        log(f"{where}: not updated: the new output fits the doc's `...` lines in more than one "
            "way; edit this example by hand")
        return False, None
    if not matches(list(readings[0]), outcome.lines):  # a guard: never write a failing example
        log(f"{where}: not updated: the rewritten example would not match its output")
        return False, None
    return True, new


def apply_updates(root: Path, path: str, updates: list[tuple[Example, str, list[str]]]) -> None:
    """Replaces the expected lines of updated examples and rewrites the file atomically."""
    target = root / path
    lines = target.read_text(encoding="utf-8").split("\n")
    for example, indent, new in sorted(updates, key=lambda u: u[0].region, reverse=True):
        start, end = example.region
        lines[start:end] = [(indent + line).rstrip() if line else "" for line in new]
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
    os.chmod(temp, target.stat().st_mode & 0o7777)
    os.replace(temp, target)


# ---------------------------------------------------------------- command line


def select_blocks(root: Path, selectors: list[str]) -> tuple[list[Block], list[str]]:
    """The blocks named by FILE or FILE:LINE selectors; problems for selectors that name none."""
    blocks, problems, cache = [], [], {}
    for selector in selectors or default_doc_files(root):
        path, _, line = selector.partition(":")
        path = os.path.relpath(path, root) if os.path.isabs(path) else path
        if not (root / path).is_file():
            problems.append(f"{selector}: no such file under {root}")
            continue
        cache.setdefault(path, read_blocks(root, path))
        chosen = [b for b in cache[path] if not line or str(b.line) == line]
        if line and not chosen:
            problems.append(f"{selector}: no example block starts there (re-run cmake after "
                            "editing the docs)")
        blocks += [b for b in chosen if b not in blocks]
    return blocks, problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("selectors", nargs="*", metavar="FILE[:LINE]")
    parser.add_argument("--parley", help="the parley binary to run")
    parser.add_argument("--source-dir", default=str(Path(__file__).resolve().parents[2]))
    parser.add_argument("--timeout", type=float, default=300, help="seconds per command")
    parser.add_argument("--list", action="store_true", help="print the example blocks")
    parser.add_argument("--update", action="store_true",
                        help="rewrite failing examples' expected output from the actual output")
    args = parser.parse_args(argv)
    root = Path(args.source_dir).resolve()
    blocks, problems = select_blocks(root, args.selectors)
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.list:
        print("\n".join(block.name for block in blocks))
        return 2 if problems else 0
    if not args.parley:
        parser.error("--parley BIN is required to run the examples")
    parley = str(Path(args.parley).resolve())
    failed, updates = bool(problems), {}

    def log(text):
        print(text, flush=True)

    for block in blocks:
        for example in block.examples:
            passed, new = check_example(block, example, parley, root, args.timeout, args.update,
                                        log)
            failed |= not passed
            if new is not None:
                updates.setdefault(block.path, []).append((example, block.indent, new))
    for path, changes in updates.items():
        apply_updates(root, path, changes)
        log(f"{path}: updated {len(changes)} example(s)")
    count = sum(len(b.examples) for b in blocks)
    log(f"{count} example(s) in {len(blocks)} block(s): " + ("FAILED" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
