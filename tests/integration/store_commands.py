#!/usr/bin/env python3
"""sweep and sensitivity with --out DIR: the run directory's results.sqlite holds every run
(numbered as docs/results-schema.md says), its CSV equals -o's, and the table printed is the
one printed without a run directory.

Usage: store_commands.py PARLEY SOURCE_DIR WORKDIR
"""
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def parley(binary, *args):
    done = subprocess.run([binary, *args], capture_output=True, text=True)
    if done.returncode != 0:
        fail(f"parley {' '.join(args)}: exit {done.returncode}: {done.stderr}")
    return done.stdout


def one(db, sql, *args):
    return db.execute(sql, args).fetchone()[0]


def main():
    binary, source, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    case = str(source / "tests/data/engagement/leverage.yaml")

    sweep = ["sweep", case, "--param", "regime.weights.revenue", "--values", "0,0.2,0.4",
             "--strategies", "isolation,piecemeal", "--series", "policy:girls_education",
             "--runs", "6", "--months", "12"]
    table = parley(binary, *sweep, "-o", str(work / "sweep.csv"))
    stored = parley(binary, *sweep, "--out", str(work / "sweep"))
    if stored != table + f"\nRun directory: {work / 'sweep'}\n":
        fail(f"sweep --out printed another table:\n{stored}")
    if (work / "sweep" / "sweep.csv").read_bytes() != (work / "sweep.csv").read_bytes():
        fail("sweep.csv differs from -o's CSV")
    with sqlite3.connect(work / "sweep" / "results.sqlite") as db:
        if one(db, "SELECT value FROM manifest WHERE key = 'state'") != "complete":
            fail("the sweep's database is not complete")
        if db.execute("SELECT value FROM variants ORDER BY variant").fetchall() != [
                (0.0,), (0.2,), (0.4,)]:
            fail("variants do not hold the swept values")
        runs = db.execute("SELECT run, stream, variant FROM runs ORDER BY run").fetchall()
        if runs != [(k * 6 + r, r, k) for k in range(3) for r in range(6)]:
            fail(f"sweep runs are numbered {runs}")
        if one(db, "SELECT count(*) FROM numbers WHERE path = 'regime.weights.revenue'"):
            fail("the swept number is among the drawn ones")
        series = one(db, "SELECT count(*) FROM series")
        if one(db, "SELECT count(*) FROM series_values") != 2 * 18 * series * 13:
            fail("the sweep's database lacks series values")
        # The stored runs give the table's medians: value 0.4, piecemeal, month 12.
        values = sorted(v for (v,) in db.execute(
            "SELECT value FROM series_values_named JOIN runs USING (run) WHERE variant = 2 AND "
            "strategy = 'piecemeal' AND series = 'policy:girls_education' AND month = 12"))
        median = (values[2] + values[3]) / 2
        row = [line for line in (work / "sweep.csv").read_text().splitlines()
               if line.startswith("regime.weights.revenue,0.4,piecemeal,")][0]
        if float(row.split(",")[6]) != median:
            fail(f"the stored runs' median {median} is not the CSV's {row}")

    # The default scenario: the leverage case has no uncertainty block to screen.
    screening = ["sensitivity", "--strategy", "piecemeal", "--reference", "isolation",
                 "--trajectories", "2", "--months", "6", "--top", "0"]
    table = parley(binary, *screening, "-o", str(work / "sensitivity.csv"))
    stored = parley(binary, *screening, "--out", str(work / "screening"))
    if stored != table + f"\nRun directory: {work / 'screening'}\n":
        fail(f"sensitivity --out printed another table:\n{stored}")
    if ((work / "screening" / "sensitivity.csv").read_bytes() !=
            (work / "sensitivity.csv").read_bytes()):
        fail("sensitivity.csv differs from -o's CSV")
    with sqlite3.connect(work / "screening" / "results.sqlite") as db:
        factors = one(db, "SELECT count(*) FROM numbers")
        runs = db.execute("SELECT run, stream, variant FROM runs ORDER BY run").fetchall()
        if runs != [(t * (factors + 1) + j, t, j) for t in range(2) for j in range(factors + 1)]:
            fail(f"screening runs are numbered {runs}")
        if [s for (s,) in db.execute("SELECT strategy FROM strategies ORDER BY strategy_id")] != [
                "piecemeal", "isolation"]:
            fail("the screening's strategies are not the screened one then the reference")
        # Each step moves exactly one factor.
        for run in range(1, factors + 1):
            moved = one(db, "SELECT count(*) FROM run_draws a JOIN run_draws b USING (number_id) "
                            "WHERE a.run = ? AND b.run = ? AND a.value != b.value", run - 1, run)
            if moved != 1:
                fail(f"step {run} moved {moved} factors")
    print("ok")


if __name__ == "__main__":
    main()
