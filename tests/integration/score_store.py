#!/usr/bin/env python3
"""Scoring stored runs and the rows score and calibrate write (docs/results-schema.md):

- `parley score RUN_DIR OBS` on a `compare --out` directory prints exactly what
  `parley score SCENARIO OBS` prints for the same runs, seed and months, in every format;
- `score SCENARIO OBS --out DIR` prints the same scores and stores its runs and scores; the rows
  of observation_scores and score_summaries equal scores.csv and scores.json value for value;
- `score RUN_DIR OBS --out DIR2` copies the run directory and adds the scores; with --out RUN_DIR
  the directory is replaced by its scored copy, its other files unchanged;
- options that choose runs are refused for a run directory, and so are runs that cannot be
  scored (checkpoints only);
- `calibrate --out DIR`: calibration_particles equal posterior.csv, calibrated.yaml equals -o.

Usage: score_store.py PARLEY SOURCE_DIR WORKDIR
"""
import csv
import json
import math
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

STRATEGIES = "as-followed,isolation"
RUNS = ["--runs", "24", "--seed", "7", "--months", "33"]


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def parley(binary, *args, code=0):
    done = subprocess.run([binary, *args], capture_output=True, text=True)
    if done.returncode != code:
        fail(f"{' '.join(done.args)} exited {done.returncode}, expected {code}: {done.stderr}")
    return done


def rows(database, sql):
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        return db.execute(sql).fetchall()


def same(a, b):
    """Equal numbers, or both missing (a CSV's empty field, SQL NULL, JSON null)."""
    if a in (None, "") or b in (None, ""):
        return a in (None, "") and b in (None, "")
    return float(a) == float(b) or (math.isnan(float(a)) and math.isnan(float(b)))


def check_rows_equal_csv(directory):
    """observation_scores against scores.csv, field by field and value for value."""
    with open(directory / "scores.csv", newline="") as f:
        table = list(csv.DictReader(f))
    stored = rows(directory / "results.sqlite",
                  "SELECT strategy, kind, item, date, observed, forecast, score, "
                  "persistence_forecast, persistence_score, trend_forecast, trend_score, "
                  "in_band_50, in_band_80, in_band_90 FROM observation_scores "
                  "WHERE scoring = (SELECT max(scoring) FROM scorings) "
                  "ORDER BY (SELECT position FROM score_summaries s WHERE s.strategy = "
                  "observation_scores.strategy AND s.scoring = observation_scores.scoring), "
                  "kind, position")
    if len(stored) != len(table) or not table:
        fail(f"{directory}: {len(stored)} observation_scores rows, {len(table)} CSV rows")
    fields = ["strategy", "kind", "item", "month", "observed", "forecast", "score",
              "persistence_forecast", "persistence_score", "trend_forecast", "trend_score",
              "in_band_50", "in_band_80", "in_band_90"]
    for line, (row, db_row) in enumerate(zip(table, stored), start=2):
        for k, field in enumerate(fields):
            a, b = row[field], db_row[k]
            equal = a == b if k < 4 else same(a, b)
            if not equal:
                fail(f"{directory}/scores.csv line {line}: {field} is {a!r}, the database {b!r}")


def check_summaries_equal_json(directory):
    scores = json.loads((directory / "scores.json").read_text())
    stored = rows(directory / "results.sqlite",
                  "SELECT strategy, events, brier, persistence_brier, brier_skill, indicators, "
                  "crps, persistence_crps, crps_skill, mean_absolute_error, trend_values, "
                  "crps_where_trend, trend_crps, trend_skill, covered_50, covered_80, "
                  "covered_90 FROM score_summaries WHERE scoring = (SELECT max(scoring) FROM "
                  "scorings) ORDER BY position")
    if [r[0] for r in stored] != [s["strategy"] for s in scores["strategies"]]:
        fail(f"{directory}: score_summaries' strategies {stored}")
    for db_row, strategy in zip(stored, scores["strategies"]):
        s = strategy["summary"]
        expected = [len(strategy["events"]), s["brier"], s["persistence_brier"], s["brier_skill"],
                    len(strategy["indicators"]), s["crps"], s["persistence_crps"],
                    s["crps_skill"], s["mean_absolute_error"], s["trend_count"],
                    s["crps_where_trend"], s["trend_crps"], s["trend_skill"], *s["covered"]]
        for k, value in enumerate(expected):
            if not same(db_row[k + 1], value):
                fail(f"{directory}: score_summaries of {strategy['strategy']}, column {k + 1}: "
                     f"{db_row[k + 1]!r}, scores.json {value!r}")


def main():
    binary, source, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    scenario = str(source / "scenarios" / "afghanistan-2021.yaml")
    observations = str(source / "scenarios" / "observations" / "afghanistan-2021-2024.yaml")
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(["rm", "-rf", *map(str, work.iterdir())], check=True)

    # The same runs two ways: stored by compare, and simulated by score.
    run_dir = work / "run"
    parley(binary, "compare", scenario, *RUNS, "--strategies", STRATEGIES, "-q", "--out",
           str(run_dir))
    for fmt in ["table", "csv", "json"]:
        stored = parley(binary, "score", str(run_dir), observations, "--format", fmt).stdout
        simulated = parley(binary, "score", scenario, observations, *RUNS, "--strategies",
                           STRATEGIES, "-q", "--format", fmt).stdout
        if stored != simulated:
            fail(f"score of the run directory differs from score of the scenario ({fmt})")
    # A window of the observations (--from/--until) reads the same stored runs.
    window = ["--from", "2022-06", "--until", "2023-12"]
    stored = parley(binary, "score", str(run_dir), observations, *window).stdout
    simulated = parley(binary, "score", scenario, observations, *RUNS, "--strategies", STRATEGIES,
                       "-q", *window).stdout
    if stored != simulated or "(observations 2022-06 to 2023-12)" not in stored:
        fail("score --from/--until of the run directory differs from the scenario's")
    table = parley(binary, "score", scenario, observations, *RUNS, "--strategies", STRATEGIES,
                   "-q").stdout
    one = parley(binary, "score", str(run_dir), observations, "--strategy", "isolation").stdout
    if "== isolation ==" not in one or "== as-followed ==" in one:
        fail(f"--strategy isolation on a run directory:\n{one}")

    # score --out: the runs and the scores in the run directory's database.
    scored = work / "scored"
    out = parley(binary, "score", scenario, observations, *RUNS, "--strategies", STRATEGIES,
                 "-q", "--out", str(scored)).stdout
    if out != table + f"\nRun directory: {scored}\n":
        fail("score --out printed another table")
    check_rows_equal_csv(scored)
    check_summaries_equal_json(scored)
    manifest = json.loads((scored / "manifest.json").read_text())
    if manifest["command"] != "score" or manifest["scores"]["scoring"] != 1:
        fail(f"{scored}/manifest.json: command {manifest['command']}, scores "
             f"{manifest.get('scores')}")
    if rows(scored / "results.sqlite", "SELECT count(*) FROM runs") != [(24,)]:
        fail(f"{scored}: the database does not hold the 24 runs scored")
    if parley(binary, "score", str(scored), observations).stdout != table:
        fail("scoring a score --out directory again gives another table")

    # A scored copy of the compare directory, and the directory scored in place.
    before = {p.name: p.read_bytes() for p in run_dir.iterdir() if p.suffix != ".sqlite"}
    copy = work / "copy"
    parley(binary, "score", str(run_dir), observations, "--out", str(copy))
    parley(binary, "score", str(run_dir), observations, "--out", str(run_dir))
    for directory in (copy, run_dir):
        check_rows_equal_csv(directory)
        check_summaries_equal_json(directory)
        for name, content in before.items():
            if name != "manifest.json" and (directory / name).read_bytes() != content:
                fail(f"{directory}/{name} changed when the scores were added")
        if (directory / "scores.csv").read_bytes() != (scored / "scores.csv").read_bytes():
            fail(f"{directory}/scores.csv differs from score --out's")
        sessions = rows(directory / "results.sqlite", "SELECT runs FROM sessions ORDER BY session")
        if sessions != [(24,), (0,)]:
            fail(f"{directory}: sessions {sessions}, expected the compare's and the scoring's")
        manifest = json.loads((directory / "manifest.json").read_text())
        if manifest["command"] != "compare" or manifest["sessions"] != 2 or "scores" not in manifest:
            fail(f"{directory}/manifest.json does not name the runs' command and the scores")
    left = sorted(p.name for p in work.iterdir())
    if left != ["copy", "run", "scored"]:
        fail(f"{work} holds {left}: something temporary was left")

    # What a run directory does not allow.
    refused = parley(binary, "score", str(run_dir), observations, "--runs", "5", code=2)
    if "[parley.request.invalid_option] score: --runs chooses runs to simulate" not in refused.stderr:
        fail(f"--runs with a run directory: {refused.stderr!r}")
    checkpoints = work / "checkpoints"
    parley(binary, "compare", scenario, *RUNS, "--strategies", STRATEGIES, "-q", "--record",
           "checkpoints", "--out", str(checkpoints))
    refused = parley(binary, "score", str(checkpoints), observations, code=2)
    if ("[parley.request.not_scorable] cannot score the runs of " + str(checkpoints) +
            "/results.sqlite: it keeps only some months") not in refused.stderr:
        fail(f"scoring checkpoints: {refused.stderr!r}")

    # calibrate --out: every generation's particles in the database, as in posterior.csv.
    calibrated = work / "calibrated"
    parley(binary, "calibrate", scenario, observations, "--params", "spoiler.attacks_per_month",
           "--particles", "6", "--generations", "2", "--runs", "3", "--threads", "2",
           "--posterior", str(work / "posterior.csv"), "-o", str(work / "calibrated.yaml"),
           "--out", str(calibrated))
    for name in ["posterior.csv", "calibrated.yaml"]:
        if (calibrated / name).read_bytes() != (work / name).read_bytes():
            fail(f"{calibrated}/{name} differs from the file written with the option")
    with open(calibrated / "posterior.csv", newline="") as f:
        posterior = list(csv.DictReader(f))
    particles = rows(calibrated / "results.sqlite",
                     "SELECT generation, particle, weight, distance, value FROM "
                     "calibration_particles WHERE path = 'spoiler.attacks_per_month' "
                     "ORDER BY generation, particle")
    if len(particles) != len(posterior) or len(posterior) != 12:
        fail(f"{len(particles)} particles stored, {len(posterior)} in posterior.csv")
    for row, stored in zip(posterior, particles):
        expected = [row["generation"], row["particle"], row["weight"], row["distance"],
                    row["spoiler.attacks_per_month"]]
        if not all(same(a, b) for a, b in zip(expected, stored)):
            fail(f"calibration_particles row {stored} against posterior.csv {row}")
    generations = rows(calibrated / "results.sqlite",
                       "SELECT generation, particles FROM calibration_generations")
    if generations != [(0, 6), (1, 6)]:
        fail(f"calibration_generations: {generations}")
    manifest = json.loads((calibrated / "manifest.json").read_text())
    if manifest["command"] != "calibrate" or manifest["params"] != ["spoiler.attacks_per_month"]:
        fail(f"{calibrated}/manifest.json: {manifest['command']}, {manifest['params']}")
    print("ok")


if __name__ == "__main__":
    main()
