#!/usr/bin/env python3
"""-o FILE and --out DIR never replace what is not theirs (reliability F8): through a symbolic
link to the file it names; a device, a named pipe or a directory refused and left as it was;
past a file size limit (a full disk's stand-in) the system's reason, the previous file or run
directory intact and nothing temporary left.

Usage: output_nodes.py PARLEY WORKDIR
"""
import hashlib
import os
import resource
import shutil
import stat
import subprocess
import sys
from pathlib import Path

SMALL = ["--runs", "10", "--months", "6", "--strategies", "isolation,piecemeal", "-q"]


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def parley(binary, *args, file_limit=None):
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))
    return subprocess.run([binary, *args], capture_output=True, text=True,
                          preexec_fn=limit if file_limit else None)


def expect_refused(done, what, node):
    if done.returncode != 1 or what not in done.stderr:
        fail(f"{node}: exit {done.returncode}, stderr {done.stderr!r} (expected '{what}')")


def digest(directory):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in directory.iterdir()}


def full_disk(binary, work, one_run):
    """A real full disk, where we may mount one (root): a tmpfs two and a half times the size
    of a run directory `one_run` holds one run directory (while it is written its database's
    pages pass through the write-ahead log, twice the space), not two."""
    disk = work / "disk"
    disk.mkdir()
    size = sum(p.stat().st_size for p in one_run.iterdir()) * 5 // 2 // 1024
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}k",
                                            "tmpfs", str(disk)],
                                           capture_output=True).returncode != 0:
        print("(no tmpfs mounted: the full disk is simulated by the file size limit only)")
        return
    try:
        run = disk / "run"
        done = parley(binary, "compare", *SMALL, "--out", str(run))
        if done.returncode != 0:
            fail(f"compare onto the small disk: {done.stderr}")
        before = digest(run)
        done = parley(binary, "compare", *SMALL, "--seed", "2", "--out", str(run))
        expect_refused(done, "No space left on device", "compare onto a full disk")
        if digest(run) != before:
            fail("a run that filled the disk changed the previous run directory")
        if [p.name for p in run.iterdir() if ".tmp-" in p.name]:
            fail("temporary files left in the run directory on a full disk")
        print("full disk:", done.stderr.strip().splitlines()[-1])
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def main():
    binary, work = sys.argv[1], Path(sys.argv[2])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    # A symbolic link: written through, the link kept.
    (work / "target.txt").write_text("original\n")
    (work / "link.txt").symlink_to("target.txt")
    done = parley(binary, "forecast", "-o", str(work / "link.txt"))
    if done.returncode != 0 or not (work / "link.txt").is_symlink():
        fail(f"-o onto a link: exit {done.returncode}, {done.stderr!r}")
    if not (work / "target.txt").read_text().startswith("Afghanistan 2024"):
        fail("-o onto a link did not write the file it names")

    # A named pipe, a directory, a device: refused, each left as it was.
    os.mkfifo(work / "fifo")
    expect_refused(parley(binary, "forecast", "-o", str(work / "fifo")), "is a named pipe",
                   "fifo")
    if not stat.S_ISFIFO(os.lstat(work / "fifo").st_mode):
        fail("the named pipe was replaced")
    (work / "dir").mkdir()
    expect_refused(parley(binary, "forecast", "-o", str(work / "dir")), "is a directory", "dir")
    expect_refused(parley(binary, "forecast", "-o", "/dev/null"), "is a character device",
                   "/dev/null")
    if not stat.S_ISCHR(os.lstat("/dev/null").st_mode):
        fail("/dev/null was replaced")
    if os.geteuid() == 0:
        # A stand-in for /dev/full with its numbers, so that the real node is never at risk.
        os.mknod(work / "devfull", 0o600 | stat.S_IFCHR, os.makedev(1, 7))
        expect_refused(parley(binary, "forecast", "-o", str(work / "devfull")),
                       "is a character device", "devfull")
        if not stat.S_ISCHR(os.lstat(work / "devfull").st_mode):
            fail("the device node was replaced")
    (work / "pipe-link").symlink_to("fifo")
    expect_refused(parley(binary, "forecast", "-o", str(work / "pipe-link")),
                   "is a named pipe", "a link to the pipe")

    # A full disk, simulated by the file size limit: the reason, and the old file whole.
    (work / "out.txt").write_text("original\n")
    done = parley(binary, "forecast", "-o", str(work / "out.txt"), file_limit=1024)
    expect_refused(done, "File too large", "-o past the size limit")
    if (work / "out.txt").read_text() != "original\n":
        fail("a failed -o write changed the previous file")

    # A run directory past the limit: the reason; the previous run whole; nothing left over.
    run = work / "run"
    done = parley(binary, "compare", *SMALL, "--out", str(run))
    if done.returncode != 0:
        fail(f"compare --out: {done.stderr}")
    before = digest(run)
    done = parley(binary, "compare", *SMALL, "--seed", "2", "--out", str(run), file_limit=4096)
    expect_refused(done, "File too large", "compare past the size limit")
    if digest(run) != before:
        fail("a failed run changed the previous run directory")
    left = sorted(p.name for p in work.iterdir() if p.name.startswith(".run"))
    if left and left != [".run.partial"]:
        fail(f"left beside the run directory: {left}")
    stray = [p.name for p in work.rglob("*") if ".tmp-" in p.name]
    if stray:
        fail(f"temporary files left: {stray}")
    # Whatever a failed run kept is for --resume; a plain rerun replaces it.
    done = parley(binary, "compare", *SMALL, "--seed", "2", "--out", str(run))
    if done.returncode != 0 or any(p.name.startswith(".run") for p in work.iterdir()):
        fail(f"the rerun: exit {done.returncode}, {done.stderr!r}")

    full_disk(binary, work, run)

    # --out onto a directory of other files is refused before any run.
    (work / "papers").mkdir()
    (work / "papers" / "thesis.tex").write_text("x")
    done = parley(binary, "compare", *SMALL, "--out", str(work / "papers"))
    if done.returncode != 2 or "which parley did not write" not in done.stderr:
        fail(f"--out onto a directory of other files: {done.returncode}, {done.stderr!r}")
    if (work / "papers" / "thesis.tex").read_text() != "x":
        fail("--out touched a directory of other files")
    print("ok")


if __name__ == "__main__":
    main()
