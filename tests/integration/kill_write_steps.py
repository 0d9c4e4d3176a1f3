#!/usr/bin/env python3
"""kill -9 at every step that writes a run directory (reliability F7): strace injects SIGKILL
at the n-th call of each system call that creates, writes, syncs, renames or removes a file.
After every kill the directory is whole, either the previous run or the new one (or, killed
between the two renames that replace it, absent with the complete new run waiting beside it),
never a mix and never holding a temporary file; the next run, plain or with --resume, leaves
the new run and nothing else.

Usage: kill_write_steps.py PARLEY WORKDIR
"""
import shutil
import subprocess
import sys
from pathlib import Path

ARGS = ["compare", "--runs", "30", "--months", "6", "--strategies", "isolation,piecemeal",
        "--threads", "1", "-q"]
TABLES = ["summary.csv", "summary.json", "agreements.csv", "recognition.csv"]
FILES = sorted(TABLES + ["manifest.json", "results.sqlite"])
# Calls that change what a directory holds, every n-th; calls made thousands of times
# (writes, opens) at n = 1, 2, 4, 8, ...
EVERY = ["mkdir", "rename", "unlink", "unlinkat", "rmdir", "fsync", "fdatasync", "ftruncate"]
DOUBLING = ["openat", "write", "pwrite64"]


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def parley_run(parley, out, seed, *extra, inject=None):
    command = [parley, *ARGS, "--seed", str(seed), "--out", str(out), *extra]
    if inject:
        call, nth = inject
        command = ["strace", "-f", "-qq", "-o", "/dev/null", "-e", f"trace={call}",
                   "-e", f"inject={call}:signal=SIGKILL:when={nth}", *command]
    return subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)


def tables(directory):
    return {name: (directory / name).read_bytes() for name in TABLES}


def check_whole(out, runs, where):
    """`out` holds exactly one of `runs` (name -> tables), or is absent; returns which."""
    if not out.exists():
        return None
    names = sorted(p.name for p in out.iterdir())
    if names != FILES:
        fail(f"{where}: {out} holds {names}")
    held = tables(out)
    for name, expected in runs.items():
        if held == expected:
            return name
    fail(f"{where}: {out} mixes runs (its tables match no single run)")


def check_siblings(out, where, allowed):
    for p in out.parent.iterdir():
        if p.name in allowed or p == out:
            continue
        if p.name == f".{out.name}.partial" and ".partial" in allowed:
            continue
        if p.name.startswith(f".{out.name}.trash-") and ".trash" in allowed:
            continue
        fail(f"{where}: {p.name} left beside {out.name}")


def main():
    parley, work = sys.argv[1], Path(sys.argv[2])
    if shutil.which("strace") is None:
        fail("strace is not installed (Debian package strace)")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    references = {}
    for seed in (1, 2):
        done = parley_run(parley, work / f"seed{seed}", seed)
        if done.returncode != 0:
            fail(f"seed {seed}: {done.stderr}")
        references[f"seed {seed}"] = tables(work / f"seed{seed}")
    out = work / "run"
    kills = 0
    for replacing in (True, False):
        old = {"seed 1": references["seed 1"]} if replacing else {}
        runs = dict(old, **{"seed 2": references["seed 2"]})
        for call in EVERY + DOUBLING:
            nth = 1
            recover_with_resume = False
            while True:
                for p in list(work.iterdir()):
                    if p.name not in ("seed1", "seed2"):
                        shutil.rmtree(p) if p.is_dir() else p.unlink()
                if replacing:
                    shutil.copytree(work / "seed1", out)
                where = f"{'replacing' if replacing else 'new'} run, {call} #{nth}"
                done = parley_run(parley, out, 2, inject=(call, nth))
                if done.returncode == 0:
                    break  # fewer calls than nth: nothing more to kill
                kills += 1
                held = check_whole(out, runs, where)
                if held is None and replacing and not (
                        work / ".run.partial" / "manifest.json").exists():
                    fail(f"{where}: the directory is gone and no complete run waits")
                check_siblings(out, where, {"seed1", "seed2", ".partial", ".trash"})
                # The next run finishes the job, plain or resumed, and leaves nothing else.
                extra = ["--resume"] if recover_with_resume else []
                recover_with_resume = not recover_with_resume
                again = parley_run(parley, out, 2, *extra)
                if (extra and again.returncode == 2 and "holds a different run" in again.stderr
                        and held == "seed 1"):
                    # Killed before its plan was stored: nothing to resume, and --resume does
                    # not replace the other run the directory holds. A plain rerun does.
                    check_siblings(out, where + ", refused", {"seed1", "seed2", ".partial"})
                    again = parley_run(parley, out, 2)
                if again.returncode != 0:
                    fail(f"{where}: the rerun failed: {again.stderr}")
                if check_whole(out, runs, where + ", rerun") != "seed 2":
                    fail(f"{where}: the rerun did not leave the new run")
                check_siblings(out, where + ", rerun", {"seed1", "seed2"})
                nth = nth * 2 if call in DOUBLING else nth + 1
    print(f"ok: {kills} kills")


if __name__ == "__main__":
    main()
