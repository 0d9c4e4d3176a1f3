#!/usr/bin/env python3
"""kill -9 at random points of `parley compare --out DIR`, then `--resume`: the database left
by every kill opens and passes SQLite's integrity check, the resumed run's tables equal an
uninterrupted run's byte for byte, nothing temporary is left, and --resume refuses a
different run.

The kill points are fractions of an uninterrupted run's time drawn from a seeded generator
(SEED, default 12), so a failure names the seed that reproduces its points; the moments
themselves move with the machine's load.

Usage: kill_resume.py PARLEY WORKDIR [KILLS [SEED]]
"""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

TABLES = ["summary.csv", "summary.json", "agreements.csv", "recognition.csv"]
# Two strategies over 12 months: about 2 s of runs on one thread, committed every 1024 runs.
ARGS = ["compare", "--runs", "2500", "--months", "12", "--strategies", "isolation,piecemeal",
        "--threads", "1", "-q"]


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def with_option(option, value):
    """ARGS with `option` given `value` instead."""
    args = list(ARGS)
    args[args.index(option) + 1] = value
    return args


def run(parley, out, *extra, check=True, args=ARGS):
    done = subprocess.run([parley, *args, "--out", str(out), *extra], capture_output=True,
                          text=True)
    if check and done.returncode != 0:
        fail(f"{' '.join(done.args)} exited {done.returncode}: {done.stderr}")
    return done


def stored_runs(database):
    """Runs committed in `database`, read as any reader would, or None if it is not there."""
    if not database.exists():
        return None
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            fail(f"{database} fails SQLite's integrity check")
        return db.execute("SELECT count(*) FROM runs").fetchone()[0]


def start_and_kill(parley, out, extra, delay=None, after_commit=False):
    """Starts a run and kills it after `delay` seconds, or once a first commit is visible."""
    process = subprocess.Popen([parley, *ARGS, "--out", str(out), *extra],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    database = out.parent / f".{out.name}.partial" / "results.sqlite"
    start = time.monotonic()
    while process.poll() is None:
        if after_commit:
            try:
                if (stored_runs(database) or 0) > 0:
                    break
            except sqlite3.Error:
                pass  # the schema is being written
        elif time.monotonic() - start >= delay:
            break
        time.sleep(0.005)
    killed = process.poll() is None
    if killed:
        process.send_signal(signal.SIGKILL)
    process.wait()
    return killed


def check_only(out, names):
    left = sorted(p.name for p in out.parent.iterdir())
    if left != sorted(names):
        fail(f"{out.parent} holds {left}, expected {sorted(names)}")
    # Nothing temporary: no half-written file, and a closed database without its log.
    stray = [p.name for p in out.iterdir()
             if ".tmp-" in p.name or p.name.endswith(("-wal", "-shm", "-journal"))]
    if stray:
        fail(f"temporary files left in {out}: {stray}")


def main():
    parley, work = sys.argv[1], Path(sys.argv[2])
    kills = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 12
    print(f"random kill points from seed {seed} (kill_resume.py PARLEY WORKDIR {kills} {seed})")
    chance = random.Random(seed)
    os.makedirs(work, exist_ok=True)
    for p in work.iterdir():
        subprocess.run(["rm", "-rf", str(p)], check=True)

    reference = work / "reference"
    start = time.monotonic()
    run(parley, reference)
    duration = time.monotonic() - start
    expected = {name: (reference / name).read_bytes() for name in TABLES}

    out = work / "resumed"
    # Random points over the run, one right after the first commit, and a resume killed too.
    plans = [[chance.uniform(0.05, 0.95) * duration] for _ in range(kills)]
    plans += [["commit"], ["commit", chance.uniform(0.1, 0.6) * duration]]
    for number, plan in enumerate(plans):
        for step, point in enumerate(plan):
            extra = ["--resume"] if step > 0 else []
            if point == "commit":
                killed = start_and_kill(parley, out, extra, after_commit=True)
            else:
                killed = start_and_kill(parley, out, extra, delay=point)
            partial = work / ".resumed.partial" / "results.sqlite"
            runs = stored_runs(partial)
            print(f"kill {number}.{step} at {point}: killed={killed}, runs stored={runs}")
        # A reader may follow a run: the last resume runs with a query left open on it.
        reader = None
        if number == len(plans) - 1:
            reader = sqlite3.connect(f"file:{partial}?mode=ro", uri=True)
            reader.execute("SELECT run FROM runs").fetchone()
        resumed = run(parley, out, "--resume")
        if reader:
            reader.close()
        for name in TABLES:
            if (out / name).read_bytes() != expected[name]:
                fail(f"kill {number}: {name} differs from the uninterrupted run's")
        with closing(sqlite3.connect(out / "results.sqlite")) as db:
            count = db.execute("SELECT count(*) FROM runs").fetchone()[0]
            state = db.execute("SELECT value FROM manifest WHERE key='state'").fetchone()[0]
        if count != 2500 or state != "complete":
            fail(f"kill {number}: the database holds {count} runs, state {state}")
        check_only(out, ["reference", "resumed"])
        subprocess.run(["rm", "-rf", str(out)], check=True)

    # One writer at a time: a second process into the same directory is refused (io.busy).
    first = subprocess.Popen([parley, *ARGS, "--out", str(out)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    while not (work / ".resumed.partial" / "results.sqlite").exists() and first.poll() is None:
        time.sleep(0.005)
    second = run(parley, out, check=False)
    first.wait()
    if first.returncode != 0:
        fail(f"the first writer exited {first.returncode}")
    if second.returncode != 1 or "[parley.io.busy] another parley process is writing" not in (
            second.stderr):
        fail(f"a second writer: exit {second.returncode}, {second.stderr!r}")
    subprocess.run(["rm", "-rf", str(out)], check=True)

    # A different run is refused, and the unfinished one is kept for the right command.
    if not start_and_kill(parley, out, [], after_commit=True):
        fail("the run finished before its first commit could be seen")
    refused = run(parley, out, "--resume", "--seed", "2", check=False)
    if refused.returncode != 2 or "seed is 1 in the database, 2 here" not in refused.stderr:
        fail(f"--resume with another seed: exit {refused.returncode}, {refused.stderr!r}")
    refused = run(parley, out, "--resume", check=False, args=with_option("--months", "11"))
    if refused.returncode != 2 or "months is 12 in the database, 11 here" not in refused.stderr:
        fail(f"--resume with other months: exit {refused.returncode}, {refused.stderr!r}")
    run(parley, out, "--resume")
    for name in TABLES:
        if (out / name).read_bytes() != expected[name]:
            fail(f"after the refusals: {name} differs")
    # A complete directory: --resume of the same run has nothing to do; another is refused.
    again = run(parley, out, "--resume")
    if "already holds this run, complete" not in again.stderr:
        fail(f"--resume on a complete run: {again.stderr!r}")
    refused = run(parley, out, "--resume", "--engine", "compromise", check=False)
    if refused.returncode != 2 or "engine is eum in the database, compromise here" not in refused.stderr:
        fail(f"--resume onto another complete run: exit {refused.returncode}, {refused.stderr!r}")
    check_only(out, ["reference", "resumed"])
    print("ok")


if __name__ == "__main__":
    main()
