#!/usr/bin/env python3
"""The progress bar: drawn on stderr with the rate and the ETA when stderr is a terminal (a
pseudo-terminal here), absent when it is not, and with -q.

Usage: progress.py PARLEY SOURCE_DIR WORKDIR [mpi]
With `mpi`, also `mpirun -n 2 parley compare --progress`: one bar (rank 0's) through the pipe.
Exits 1 with FAIL: and the reason.
"""
import os
import pty
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

# done/total unit  rate unit/s  ETA m:ss
FRAME = re.compile(r"\[[# ]+\] (\d+)/(\d+) (\w+)  (\d+\.\d) \w+/s  ETA (\d+:\d\d|--:--)")


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def under_terminal(command, cwd):
    """Runs `command` with stderr on a pseudo-terminal: (exit code, stdout, what the terminal
    received)."""
    master, slave = pty.openpty()
    process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    received = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every writer closed the terminal
            break
        if not chunk:
            break
        received += chunk
    stdout = process.stdout.read().decode()
    process.wait()
    os.close(master)
    return process.returncode, stdout, received.decode(errors="replace")


def piped_run(command, cwd):
    """Runs `command` with stdout and stderr on pipes, read without turning \r into \n."""
    done = subprocess.run(command, cwd=cwd, capture_output=True)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(),
                                       done.stderr.decode())


def frames(text):
    return [m.groups() for m in FRAME.finditer(text)]


def check_bar(name, text, total, unit):
    found = frames(text)
    if not found:
        fail(f"{name}: no progress bar on the terminal:\n{text!r}")
    done = [int(f[0]) for f in found]
    if any(int(f[1]) != total or f[2] != unit for f in found):
        fail(f"{name}: a frame does not count {total} {unit}: {found[:3]}")
    if done != sorted(done) or done[-1] != total:
        fail(f"{name}: the frames count {done}, not up to {total} in order")
    if not any(float(f[3]) > 0 and f[4] != "--:--" for f in found):
        fail(f"{name}: no frame shows a rate and an ETA: {found}")
    if not text.endswith("\r"):
        fail(f"{name}: the bar is not cleared at the end: {text[-120:]!r}")


def main():
    parley, source, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    observations = source / "scenarios/observations/afghanistan-2021-2024.yaml"
    scenario_2021 = source / "scenarios/afghanistan-2021.yaml"
    commands = {
        "compare": ([parley, "compare", "--runs", "300", "--months", "12"], 300, "runs"),
        "simulate": ([parley, "simulate", "--runs", "200", "--months", "12"], 200, "runs"),
        "sweep": ([parley, "sweep", "--param", "regime.weights.revenue", "--values", "0.2,0.4",
                   "--runs", "50", "--months", "12"], 100, "runs"),
        "sensitivity": ([parley, "sensitivity", "--strategy", "piecemeal", "--trajectories",
                         "2", "--months", "6"], None, "points"),
        "score": ([parley, "score", scenario_2021, observations, "--strategy", "as-followed",
                   "--runs", "100"], 100, "runs"),
        "calibrate": ([parley, "calibrate", scenario_2021, observations, "--params",
                       "spoiler.attacks_per_month", "--particles", "10", "--generations", "2",
                       "--runs", "5"], 20, "particles"),
    }
    for name, (command, total, unit) in commands.items():
        code, stdout, terminal = under_terminal(command, source)
        if code != 0:
            fail(f"{name} exited {code} under a terminal:\n{terminal}")
        if total is None:  # the screening's points: from the frames' own total
            found = frames(terminal)
            total = int(found[0][1]) if found else 1
        check_bar(name, terminal, total, unit)
        if FRAME.search(stdout):
            fail(f"{name}: the bar went to stdout")
        # Not a terminal: no bar, no carriage return.
        piped = piped_run(command, source)
        if piped.returncode != 0 or FRAME.search(piped.stderr) or "\r" in piped.stderr:
            fail(f"{name} without a terminal: exit {piped.returncode}, stderr "
                 f"{piped.stderr[:300]!r}")
        # The others print their running time.
        if piped.stdout != stdout and name in ("sweep", "sensitivity"):
            fail(f"{name}: stdout differs with and without a terminal")
    # -q: nothing, even on a terminal.
    code, _, terminal = under_terminal([parley, "compare", "--runs", "100", "-q"], source)
    if code != 0 or FRAME.search(terminal) or "\r" in terminal:
        fail(f"compare -q drew on the terminal: {terminal[:300]!r}")
    # --progress: drawn without a terminal too; a merge counts shards.
    piped = piped_run([parley, "compare", "--runs", "100", "--months", "6", "--progress"], source)
    check_bar("compare --progress", piped.stderr, 100, "runs")
    for k in (1, 2):
        subprocess.run([parley, "compare", "--runs", "40", "--months", "6", "-q", "--shard",
                        f"{k}/2", "--out", work / f"s{k}"], check=True, capture_output=True)
    code, _, terminal = under_terminal([parley, "merge", work / "all", work / "s1", work / "s2"],
                                       source)
    if code != 0:
        fail(f"merge exited {code}: {terminal}")
    # A block of series values per strategy (5) and series.
    with closing(sqlite3.connect(work / "all" / "results.sqlite")) as db:
        series = db.execute("SELECT count(*) FROM series").fetchone()[0]
    check_bar("merge", terminal, 5 * series, "series")

    if len(sys.argv) > 4 and sys.argv[4] == "mpi" and shutil.which("mpirun"):
        launch = ["mpirun", "--oversubscribe", "-n", "2"]
        if os.geteuid() == 0:
            launch.insert(1, "--allow-run-as-root")
        piped = piped_run([*launch, parley, "compare", "--runs", "200", "--months", "12",
                           "--progress"], source)
        if piped.returncode != 0:
            fail(f"mpirun -n 2 compare --progress exited {piped.returncode}: {piped.stderr}")
        # Rank 0's one bar: its frames count up to every rank's runs, in order.
        check_bar("mpirun -n 2 compare --progress", piped.stderr, 200, "runs")
        piped = piped_run([*launch, parley, "compare", "--runs", "100", "--months", "6"], source)
        if piped.returncode != 0 or FRAME.search(piped.stderr):
            fail(f"mpirun -n 2 compare drew a bar without --progress: {piped.stderr[:300]!r}")
    print("OK")


if __name__ == "__main__":
    main()
