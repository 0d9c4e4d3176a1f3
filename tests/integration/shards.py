#!/usr/bin/env python3
"""Shards, merge and MPI give the run one process makes, bit for bit.

  shards.py PARLEY WORKDIR merge   compare --shard k/4 for every k (one of them killed and
                                   resumed), parley merge of the four in shuffled order; and
                                   merge's refusals: missing, duplicate, different, unfinished
  shards.py PARLEY WORKDIR mpi K   mpirun -n K parley compare (K = 2 also resumes a killed run
                                   and refuses a bad strategy once); exits 77 (skipped) when
                                   mpirun is absent

Each is compared with one process making every run: the table (but for its time), summary.csv,
summary.json, agreements.csv and recognition.csv byte for byte, manifest.json but for when,
where and how long it ran, and every row of results.sqlite read with SQLite (but for the
sessions, which record who wrote). Exits 1 with FAIL: and the reason.
"""
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

FILES = ["summary.csv", "summary.json", "agreements.csv", "recognition.csv"]
ARGS = ["compare", "--runs", "120", "--months", "18", "--seed", "7", "-q"]
# What a run directory's manifest.json says about the running, not the run.
RUNNING = {"threads", "seconds", "started", "finished", "sessions", "host"}
# Manifest rows of the database that say when it ran.
RUNNING_ROWS = {"started", "finished"}


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def run(command, expect=0):
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != expect:
        fail(f"{' '.join(map(str, command))} exited {done.returncode}, expected {expect}:\n"
             f"{done.stdout}\n{done.stderr}")
    return done


def table(stdout):
    """The table without its running time and the run directory's name."""
    text = re.sub(r"\(\d+\.\d s\)", "(time)", stdout)
    return re.sub(r"\nRun directory: .*\n", "\n", text)


def rows(database):
    """Every table's rows, in key order, as SQLite reads them."""
    out = {}
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        tables = [name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for name in tables:
            if name == "sessions":
                continue
            columns = [c[1] for c in db.execute(f"PRAGMA table_info({name})")]
            if name == "runs":
                columns.remove("session")
            keys = ", ".join(str(i + 1) for i in range(len(columns)))
            found = db.execute(f"SELECT {', '.join(columns)} FROM {name} ORDER BY {keys}")
            out[name] = [r for r in found.fetchall()
                         if name != "manifest" or r[0] not in RUNNING_ROWS]
    return out


def check_same(reference, other, out_ref, out_other, what):
    if table(out_ref) != table(out_other):
        fail(f"{what}: the table differs from one process's:\n{out_other}")
    for name in FILES:
        if (reference / name).read_bytes() != (other / name).read_bytes():
            fail(f"{what}: {name} differs from one process's")
    a = json.loads((reference / "manifest.json").read_text())
    b = json.loads((other / "manifest.json").read_text())
    for key in sorted(set(a) | set(b)):
        if key not in RUNNING and a.get(key) != b.get(key):
            fail(f"{what}: manifest.json's {key} is {b.get(key)!r}, one process's {a.get(key)!r}")
    ra, rb = rows(reference / "results.sqlite"), rows(other / "results.sqlite")
    if sorted(ra) != sorted(rb):
        fail(f"{what}: results.sqlite has tables {sorted(rb)}, one process's {sorted(ra)}")
    for name in ra:
        if ra[name] != rb[name]:
            fail(f"{what}: results.sqlite's {name} rows differ from one process's "
                 f"({len(rb[name])} rows, {len(ra[name])})")
    if not ra["series_values"]:
        fail("the reference database holds no series values")
    leftovers = [p.name for p in other.parent.iterdir() if p.name.startswith(f".{other.name}.")]
    if leftovers:
        fail(f"{what}: left {leftovers} beside the run directory")


def interrupt(directory, keep_runs):
    """Makes `directory` what a kill leaves: its work directory (.NAME.partial) holding the
    runs below `keep_runs`, unfinished."""
    database = directory / "results.sqlite"
    with closing(sqlite3.connect(database)) as db:
        for name in ["run_draws", "series_values", "agreements", "runs"]:
            db.execute(f"DELETE FROM {name} WHERE run >= ?", (keep_runs,))
        db.execute("UPDATE manifest SET value = 'running' WHERE key = 'state'")
        db.commit()
    (directory / "manifest.json").unlink()
    for name in FILES:
        (directory / name).unlink(missing_ok=True)
    directory.rename(directory.parent / f".{directory.name}.partial")


def expect_error(command, code, error_id, *words):
    done = run(command, expect=code)
    if f"[parley.{error_id}]" not in done.stderr:
        fail(f"{' '.join(map(str, command))}: expected {error_id}, got:\n{done.stderr}")
    for word in words:
        if word not in done.stderr:
            fail(f"{' '.join(map(str, command))}: the message does not say {word!r}:\n"
                 f"{done.stderr}")
    return done


def test_merge(parley, work, one, one_out):
    shards = [work / f"shard{k}" for k in range(1, 5)]
    for k, directory in enumerate(shards, start=1):
        done = run([parley, *ARGS, "--shard", f"{k}/4", "--out", directory])
        if f"Shard {k}/4" not in done.stdout:
            fail(f"shard {k}/4 does not say which shard it made:\n{done.stdout}")
        manifest = json.loads((directory / "manifest.json").read_text())
        if manifest.get("shard") != f"{k}/4" or manifest.get("shard_runs") != 30:
            fail(f"shard {k}/4's manifest.json says shard {manifest.get('shard')}, "
                 f"{manifest.get('shard_runs')} runs")
        with closing(sqlite3.connect(directory / "results.sqlite")) as db:
            stored = [r for (r,) in db.execute("SELECT run FROM runs ORDER BY run")]
            shard = db.execute("SELECT value FROM manifest WHERE key = 'shard'").fetchone()[0]
        if stored != list(range(k - 1, 120, 4)) or shard != f"{k}/4":
            fail(f"shard {k}/4 stored runs {stored[:6]}... as shard {shard}")
    # A killed shard, resumed: it makes only the runs it lacks.
    interrupt(shards[2], keep_runs=60)
    resumed = run([parley, *ARGS, "--shard", "3/4", "--out", shards[2], "--resume"])
    if "Resuming" not in resumed.stderr or "15 of 30 runs were stored" not in resumed.stderr:
        fail(f"the resumed shard does not say what it resumed:\n{resumed.stderr}")
    with closing(sqlite3.connect(shards[2] / "results.sqlite")) as db:
        sessions = db.execute("SELECT runs FROM sessions ORDER BY session").fetchall()
    if len(sessions) != 2 or sessions[-1] != (15,):
        fail(f"the resumed shard's sessions made {sessions} runs, the last expected 15")

    order = list(shards)
    random.Random(4).shuffle(order)
    merged = work / "merged"
    done = run([parley, "merge", merged, *order])
    check_same(one, merged, one_out, done.stdout, "4 shards merged")
    with closing(sqlite3.connect(merged / "results.sqlite")) as db:
        sessions = db.execute("SELECT count(*), sum(runs) FROM sessions").fetchone()
        state = db.execute("SELECT value FROM manifest WHERE key = 'state'").fetchone()[0]
    if sessions[0] != 6 or state != "complete":
        fail(f"the merged database has sessions {sessions} (expected the 5 of the shards and "
             f"the merge's), state {state}")

    # Refusals: nothing is written into OUT.
    bad = work / "refused"
    expect_error([parley, "merge", bad, shards[0], shards[1], shards[3]], 2,
                 "request.missing_shard", "shard 3/4")
    expect_error([parley, "merge", bad, *shards, shards[1]], 2, "request.duplicate_shard",
                 "shard 2/4 is given twice")
    other = work / "seed8"
    run([parley, *[("8" if a == "7" else a) for a in ARGS], "--shard", "2/4", "--out", other])
    expect_error([parley, "merge", bad, shards[0], other, shards[2], shards[3]], 2,
                 "request.different_run", "seed is 7", "8")
    three = work / "of3"
    run([parley, *ARGS, "--shard", "2/3", "--out", three])
    expect_error([parley, "merge", bad, shards[0], three], 2, "request.different_run",
                 "shard 1/4", "shard 2/3")
    unfinished = work / "unfinished"
    shutil.copytree(shards[1], unfinished)
    with closing(sqlite3.connect(unfinished / "results.sqlite")) as db:
        db.execute("DELETE FROM series_values WHERE run >= 60")
        db.execute("DELETE FROM runs WHERE run >= 60")
        db.execute("UPDATE manifest SET value = 'running' WHERE key = 'state'")
        db.commit()
    expect_error([parley, "merge", bad, shards[0], unfinished, shards[2], shards[3]], 2,
                 "request.unfinished_shard", "15 of its 30 runs")
    interrupt(unfinished, keep_runs=60)
    expect_error([parley, "merge", bad, shards[0], unfinished, shards[2], shards[3]], 2,
                 "request.unfinished_shard", "--resume")
    expect_error([parley, "merge", bad, work], 2, "request.not_run_directory")
    left = [p.name for p in work.iterdir() if "refused" in p.name]
    if left:
        fail(f"a refused merge left {left}")
    # Bad --shard values are usage errors.
    for value in ["0/4", "5/4", "2", "a/b", "1/0"]:
        run([parley, *ARGS, "--shard", value, "--out", work / "bad-shard"], expect=2)
    run([parley, *ARGS, "--shard", "1/2"], expect=2)  # needs --out
    expect_error([parley, "compare", "--runs", "3", "--shard", "1/4", "--out", work / "bad-shard"],
                 2, "request.invalid_option", "4 shards of 3 runs")


def test_mpi(parley, work, one, one_out, ranks):
    mpirun = shutil.which("mpirun")
    if not mpirun:
        print("mpirun not found: skipped")
        sys.exit(77)
    launch = [mpirun, "--oversubscribe", "-n", str(ranks)]
    if os.geteuid() == 0:
        launch.insert(1, "--allow-run-as-root")
    out = work / f"mpi{ranks}"
    done = run([*launch, parley, *ARGS, "--threads", "1", "--out", out])
    check_same(one, out, one_out, done.stdout, f"mpirun -n {ranks}")
    if done.stdout.count("Afghanistan 2024") != 1:
        fail(f"mpirun -n {ranks}: the table is printed more than once:\n{done.stdout}")
    if ranks != 2:
        return
    # A killed run resumed by two ranks; a shard made by two ranks.
    interrupt(out, keep_runs=50)
    done = run([*launch, parley, *ARGS, "--out", out, "--resume"])
    check_same(one, out, one_out, done.stdout, f"mpirun -n {ranks} --resume")
    shard = work / "mpi-shard"
    run([*launch, parley, *ARGS, "--shard", "2/4", "--out", shard])
    with closing(sqlite3.connect(shard / "results.sqlite")) as db:
        stored = [r for (r,) in db.execute("SELECT run FROM runs ORDER BY run")]
    if stored != list(range(1, 120, 4)):
        fail(f"mpirun -n 2 --shard 2/4 stored runs {stored[:6]}...")
    # An error every rank meets is reported once, with parley's exit code.
    done = run([*launch, parley, *ARGS, "--strategies", "nope"], expect=2)
    if done.stderr.count("[parley.request.unknown_strategy]") != 1:
        fail(f"mpirun -n 2 with an unknown strategy:\n{done.stderr}")
    done = run([*launch, parley, "forecast"], expect=2)
    if done.stderr.count("only compare and simulate") != 1:
        fail(f"mpirun -n 2 parley forecast:\n{done.stderr}")


def main():
    parley, work, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    one = work / "one"
    one_out = run([parley, *ARGS, "--out", one]).stdout
    if mode == "merge":
        test_merge(parley, work, one, one_out)
    elif mode == "mpi":
        test_mpi(parley, work, one, one_out, int(sys.argv[4]))
    else:
        fail(f"unknown mode {mode}")
    print("OK")


if __name__ == "__main__":
    main()
