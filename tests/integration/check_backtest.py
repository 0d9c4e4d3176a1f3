#!/usr/bin/python3
"""The 2021-2024 backtest's targets (docs/validation.md), checked on a reduced run count.

Usage: check_backtest.py PARLEY SCENARIO OBSERVATIONS [--runs N]

Runs `parley score ... --strategy as-followed --format csv` and fails unless
  - the mean Brier score over the events is at most 0.8 x persistence's,
  - the mean CRPS over the IPC3+ values (food_insecure_millions) is at most 0.8 x persistence's,
  - the 80% bands hold between 70% and 90% of the IPC3+ values.
Prints the figures either way. Standard library only.
"""

import argparse
import csv
import io
import subprocess
import sys

IPC = "food_insecure_millions"


def mean(values):
    return sum(values) / len(values)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("parley")
    ap.add_argument("scenario")
    ap.add_argument("observations")
    ap.add_argument("--runs", type=int, default=200)
    a = ap.parse_args()
    out = subprocess.run([a.parley, "score", a.scenario, a.observations, "--strategy", "as-followed",
                          "--runs", str(a.runs), "--format", "csv", "-q"],
                         check=True, capture_output=True, text=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    events = [r for r in rows if r["kind"] == "event"]
    ipc = [r for r in rows if r["kind"] == "indicator" and r["item"] == IPC]
    if not events or not ipc:
        sys.exit(f"no events or no {IPC} values in the scores")
    brier = mean([float(r["score"]) for r in events])
    brier_persist = mean([float(r["persistence_score"]) for r in events])
    crps = mean([float(r["score"]) for r in ipc])
    crps_persist = mean([float(r["persistence_score"]) for r in ipc])
    coverage = mean([float(r["in_band_80"]) for r in ipc])
    print(f"{a.runs} runs: mean Brier {brier:.3f} vs persistence {brier_persist:.3f} "
          f"(ratio {brier / brier_persist:.2f}, target <= 0.8)")
    print(f"IPC3+ CRPS {crps:.3f} vs persistence {crps_persist:.3f} "
          f"(ratio {crps / crps_persist:.2f}, target <= 0.8)")
    print(f"IPC3+ values in the 80% bands: {coverage:.0%} of {len(ipc)} (target 70-90%)")
    failed = []
    if brier > 0.8 * brier_persist:
        failed.append("events: Brier above 0.8 x persistence")
    if crps > 0.8 * crps_persist:
        failed.append("IPC3+: CRPS above 0.8 x persistence")
    if not 0.7 <= coverage <= 0.9:
        failed.append("IPC3+: 80% bands outside 70-90% coverage")
    for f in failed:
        print("FAILED:", f)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
