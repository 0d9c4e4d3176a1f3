#!/usr/bin/python3
"""parley report end to end: a run directory of each kind, its report, the report in Chromium.

    report_e2e.py PARLEY WORKDIR CASE

CASE is one of compare, simulate, sweep, sensitivity, score (make that run directory, write its
report; a scored one must show its scores, check it in headless Chromium with check_report.py: every chart drawn, no console
error, no request leaving the file; the screenshot and a PDF print stay in WORKDIR), pdf
(`report --pdf`, and the error when there is no Chromium), errors (what `report` says about a
directory that is not a run directory) or default (the default comparison of `make run`, 1,000
runs; its screenshots are docs/images/report.png and report-charts.png: `report_e2e.py PARLEY
DIR default --docs SOURCE_DIR`). Exits 1 with FAIL: and the reason, 77 when Chromium is missing.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import check_report  # noqa: E402

SOURCE = pathlib.Path(__file__).resolve().parents[2]

# Small runs of the default scenario: every kind of run directory in a few seconds each.
RUNS = {
    "compare": ["compare", "--runs", "40", "--months", "24", "-q"],
    "simulate": ["simulate", "--strategy", "piecemeal", "--runs", "30", "--months", "24", "-q"],
    "sweep": ["sweep", "--param", "regime.weights.revenue", "--values", "0.05,0.2,0.4",
              "--strategies", "isolation,piecemeal", "--runs", "12", "--months", "12"],
    "sensitivity": ["sensitivity", "--strategy", "piecemeal", "--reference", "isolation",
                    "--trajectories", "2", "--months", "6"],
    "default": ["compare", "-q"],
    # The 2021 scenario scored against what happened by May 2024: the brief shows the scores.
    "score": ["score", str(SOURCE / "scenarios" / "afghanistan-2021.yaml"),
              str(SOURCE / "scenarios" / "observations" / "afghanistan-2021-2024.yaml"),
              "--runs", "30", "-q"],
}
# Charts each report must hold at least (fan and difference charts of the indicators that move,
# policy, agreements, recognition; a sweep's moving series; the tornado).
CHARTS = {"compare": 18, "simulate": 8, "sweep": 2, "sensitivity": 1, "default": 18, "score": 18}


def fail(message: str) -> None:
    print(f"FAIL: {message}")
    sys.exit(1)


def run(args: list[str], expect: int = 0, env: dict | None = None) -> str:
    done = subprocess.run(args, capture_output=True, text=True, env=env)
    if done.returncode != expect:
        fail(f"{' '.join(args)} exited {done.returncode}, expected {expect}:\n"
             f"{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def make_run(parley: str, work: pathlib.Path, case: str) -> pathlib.Path:
    directory = work / case
    run([parley, *RUNS[case], "--out", str(directory)])
    return directory


def report_case(parley: str, work: pathlib.Path, case: str, chromium: str,
                docs: pathlib.Path | None) -> None:
    directory = make_run(parley, work, case)
    said = run([parley, "report", str(directory)])
    html = directory / "report.html"
    if not re.fullmatch(rf"Report: {re.escape(str(html))} \([0-9.]+ MB, [0-9.]+ s\)\n", said):
        fail(f"report printed {said!r}")
    if case == "score":
        page = html.read_text()
        rows = re.findall(r"<tr><td>[a-z-]+</td><td class=\"num\">[0-9.]+</td>", page)
        if "<h2>Scores against what happened</h2>" not in page or len(rows) < 6:
            fail(f"the brief of a scored run directory shows no scores ({len(rows)} rows)")
    screenshot = work / f"report-{case}.png"
    charts_shot = work / f"report-{case}-charts.png"
    problems = check_report.check(html, str(screenshot), str(work / f"report-{case}.pdf"),
                                  CHARTS[case], chromium,
                                  section_shots={"indicators": str(charts_shot)})
    for problem in problems:
        print(f"FAIL: {problem}")
    if problems:
        sys.exit(1)
    print(f"screenshot: {screenshot}")
    if docs is not None:
        images = docs / "docs" / "images"
        images.mkdir(parents=True, exist_ok=True)
        for shot, name in ((screenshot, "report.png"), (charts_shot, "report-charts.png")):
            shutil.copyfile(shot, images / name)
            print(f"copied to {images / name}")


def pdf_case(parley: str, work: pathlib.Path) -> None:
    directory = make_run(parley, work, "compare")
    pdf = work / "brief.pdf"
    said = run([parley, "report", str(directory), "-o", str(work / "brief.html"), "--pdf",
                str(pdf)])
    if f"PDF: {pdf}\n" not in said:
        fail(f"report --pdf printed {said!r}")
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    if not data.startswith(b"%PDF-") or pages < 5:
        fail(f"{pdf}: not a PDF of several pages ({pages} pages)")
    if b"/MediaBox [0 0 594.95" not in data and b"/MediaBox [0 0 595" not in data:
        fail(f"{pdf}: the pages are not A4")
    print(f"{pdf}: {pages} pages, {len(data)} bytes")
    # Without Chromium: the HTML is written, the PDF is an error that says what to install.
    env = dict(os.environ, PARLEY_CHROMIUM=str(work / "no-such-chromium"))
    (work / "again.html").unlink(missing_ok=True)
    said = run([parley, "report", str(directory), "-o", str(work / "again.html"), "--pdf",
                str(work / "again.pdf")], expect=1, env=env)
    if "Error: [parley.io.unavailable] PARLEY_CHROMIUM names" not in said:
        fail(f"report --pdf without Chromium said {said!r}")
    if not (work / "again.html").exists() or (work / "again.pdf").exists():
        fail("without Chromium the HTML must be written and no PDF")


def errors_case(parley: str, work: pathlib.Path) -> None:
    empty = work / "empty"
    empty.mkdir(parents=True, exist_ok=True)
    said = run([parley, "report", str(empty)], expect=2)
    if not said.startswith(f"Error: [parley.request.not_run_directory] report: '{empty}' holds "
                           "no results.sqlite"):
        fail(f"report of an empty directory said {said!r}")
    if (empty / "report.html").exists():
        fail("a report was written for a directory that is not a run directory")
    # A killed run's work directory: its report must go elsewhere (-o), or --resume would carry
    # it, stale, into the finished run directory.
    partial = work / ".run.partial"
    partial.mkdir()
    said = run([parley, "report", str(partial)], expect=2)
    if "is the work directory of an unfinished run" not in said or \
            (partial / "report.html").exists():
        fail(f"report of a work directory said {said!r}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("parley")
    parser.add_argument("work")
    parser.add_argument("case", choices=[*RUNS, "pdf", "errors"])
    parser.add_argument("--docs", help="source root: copy the screenshot to docs/images/")
    args = parser.parse_args()
    work = pathlib.Path(args.work) / args.case
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if args.case == "errors":
        errors_case(args.parley, work)
        return 0
    chromium = check_report.find_chromium()
    if not chromium:
        print("SKIP: no Chromium installed (make test installs Debian's chromium)")
        return check_report.SKIP
    if args.case == "pdf":
        pdf_case(args.parley, work)
    else:
        report_case(args.parley, work, args.case, chromium,
                    pathlib.Path(args.docs) if args.docs else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
