#!/usr/bin/python3
"""Carry calibrated model coefficients from one scenario into another, keeping its comments.

Usage: carry_calibration.py CALIBRATED.yaml TARGET.yaml SOURCE [--prefix parameters.]
                            [--only PATH ...] [--digits 4]

CALIBRATED is what `parley calibrate -o` wrote: each fitted number set to its posterior mean in
the `parameters:` block, and a joint `empirical` sample of the posterior in `uncertainty:`.
TARGET is a hand-written scenario; `parley calibrate -o` cannot write into it without losing its
comments and layout, so this edits its text: its last top-level block must be `parameters:`,
which is replaced by the carried values (each citing SOURCE, where the calibration is
described), and the carried samples are written at the top of its `uncertainty:` block. Only
paths under --prefix are carried (the engagement model's coefficients, which mean the same in any
scenario; numbers that describe one moment, such as a 2021 faction position, stay behind), and
with --only just the named ones (those the history pins down: a number whose posterior is its
prior would carry the prior's centre as if it were a finding).
Every sample keeps its row order, so the carried posterior stays joint. Values are rounded to
--digits significant figures. Needs PyYAML (python3-yaml).
"""

import argparse
import sys

import yaml


def rounded(x, digits):
    return float(f"{x:.{digits}g}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("calibrated")
    ap.add_argument("target")
    ap.add_argument("source", help="where the calibration is described (its command and scores)")
    ap.add_argument("--prefix", default="parameters.")
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--digits", type=int, default=4)
    a = ap.parse_args()

    with open(a.calibrated, encoding="utf-8") as f:
        calibrated = yaml.safe_load(f)
    samples = {path: entry["empirical"]
               for path, entry in (calibrated.get("uncertainty") or {}).items()
               if path.startswith(a.prefix) and isinstance(entry, dict) and "empirical" in entry
               and (a.only is None or path in a.only)}
    if not samples:
        sys.exit(f"{a.calibrated}: no empirical sample under '{a.prefix}' in its uncertainty block")
    missing = set(a.only or []) - set(samples)
    if missing:
        sys.exit(f"{a.calibrated}: no empirical sample for {', '.join(sorted(missing))}")
    lengths = {len(s) for s in samples.values()}
    if len(lengths) != 1:
        sys.exit(f"{a.calibrated}: the samples differ in length {sorted(lengths)}: not one joint sample")
    parameters = calibrated.get("parameters") or {}

    with open(a.target, encoding="utf-8") as f:
        lines = f.read().split("\n")
    top = [i for i, line in enumerate(lines) if line and not line[0].isspace()
           and not line.startswith("#") and ":" in line]
    last = top[-1]
    if not lines[last].startswith("parameters:"):
        sys.exit(f"{a.target}:{last + 1}: the last top-level block must be 'parameters:'")
    start = lines.index("uncertainty:") if "uncertainty:" in lines else None
    if start is None:
        sys.exit(f"{a.target}: no 'uncertainty:' block")
    # The comment lines just above `parameters:` describe the old block: they go with it.
    cut = last
    while cut > 0 and lines[cut - 1].startswith("#"):
        cut -= 1

    source = f"calibrated on the 2021-2024 backtest: {a.source}"
    block = ["# Engagement-model coefficients calibrated on what happened from November 2021 to May",
             "# 2024 (docs/validation.md): those the history pins down, at their posterior mean, with",
             "# the posterior sample in the uncertainty block; the others keep the engagement",
             "# model's defaults. Written by tools/carry_calibration.py."]
    block.append("parameters:")
    for path in sorted(samples):
        name = path[len(a.prefix):]
        entry = parameters.get(name, {})
        if "value" not in entry:
            sys.exit(f"{a.calibrated}: parameters.{name} has no value")
        note = entry.get("note", "").replace('"', "'")
        block.append(f"  {name}:")
        block.append(f"    value: {rounded(entry['value'], a.digits)}")
        block.append(f"    source: \"{source}\"")
        block.append(f"    note: \"{note}\"")
    carried = ["  # The posterior of the calibrated coefficients (parameters: below), one joint",
               "  # sample: a run takes the same row of each."]
    for path in sorted(samples):
        values = ", ".join(repr(rounded(x, a.digits)) for x in samples[path])
        carried.append(f"  \"{path}\": {{empirical: [{values}]}}")
    out = lines[:start + 1] + carried + lines[start + 1:cut] + block + [""]
    with open(a.target, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
