#!/usr/bin/env python3
"""The Python example of docs/results-schema.md runs and prints what the page shows: makes the
run directory its header names (`#   parley ... --out run`), runs the example on it and compares
its output with the fenced block that follows it.

Usage: check_results_example.py PARLEY DOC WORKDIR
"""
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path


def fenced_blocks(text):
    """(language, body) of every fenced block, in order."""
    return re.findall(r"^```(\w*)\n(.*?)^```\s*$", text, flags=re.M | re.S)


def main():
    parley, doc, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    blocks = fenced_blocks(doc.read_text())
    examples = [i for i, (language, body) in enumerate(blocks)
                if language == "python" and body.startswith("# results.py")]
    if len(examples) != 1 or examples[0] + 1 >= len(blocks):
        sys.exit(f"FAIL: {doc} should hold one '# results.py' example followed by its output")
    code = blocks[examples[0]][1]
    expected = blocks[examples[0] + 1][1]
    made_by = re.search(r"^#\s+parley (.*) --out run$", code, flags=re.M)
    if not made_by:
        sys.exit("FAIL: the example does not say which run directory it reads")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    subprocess.run([parley, *shlex.split(made_by.group(1)), "-q", "--out", str(work / "run")],
                   check=True, stdout=subprocess.DEVNULL)
    (work / "results.py").write_text(code)
    done = subprocess.run([sys.executable, str(work / "results.py"), str(work / "run")],
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"FAIL: the example exited {done.returncode}:\n{done.stderr}")
    if done.stdout != expected:
        sys.exit(f"FAIL: the example printed\n{done.stdout}\ninstead of\n{expected}")
    print("ok")


if __name__ == "__main__":
    main()
