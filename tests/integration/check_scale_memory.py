#!/usr/bin/python3
"""Issue 13, part 6: `parley forecast` with every registered model on a generated scenario of 500
actors x 20 issues must finish within an address-space limit (512 MiB), so that a model going
back to memory that grows with n^2 a round (eum keeping every offer: 740 MB here; exchange
keeping every candidate whole: 1.6 GB) fails this test. Models with rounds run fewer of them
(memory is per round; time is not checked here, see bench/scale.sh).

Usage: check_scale_memory.py PARLEY GEN_SCENARIO WORK_DIR
"""
import resource
import subprocess
import sys

LIMIT_BYTES = 512 * 1024 * 1024
ACTORS, ISSUES = 500, 20
# What each model runs here; a model not listed runs with its defaults.
SPECS = {"exchange": "exchange(rounds=1)", "smp": "smp(rounds=2)"}


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def main():
    parley, generator, work = sys.argv[1:4]
    scenario = "%s/scale-%dx%d.yaml" % (work, ACTORS, ISSUES)
    subprocess.run([sys.executable, generator, str(ACTORS), str(ISSUES), "--seed", "1",
                    "-o", scenario], check=True)
    listing = subprocess.run([parley, "models"], check=True, capture_output=True, text=True)
    models = [line.split()[0] for line in listing.stdout.splitlines()
              if line and not line[0].isspace()]
    if len(models) < 5:
        sys.exit("expected at least the five models of docs/models, got %s" % models)
    failed = []
    for model in models:
        spec = SPECS.get(model, model)
        run = subprocess.run([parley, "forecast", "-m", spec, scenario], capture_output=True,
                             text=True, preexec_fn=limit_memory)
        # The table has a row per issue: the run got to the end.
        finished = run.returncode == 0 and all("\ni%02d " % d in run.stdout
                                               for d in range(ISSUES))
        print("%-22s exit %d%s" % (spec, run.returncode,
                                   "" if finished else ": " + run.stderr.strip()[:300]))
        if not finished:
            failed.append(spec)
    if failed:
        sys.exit("over %d MiB of address space or failed: %s" % (LIMIT_BYTES >> 20,
                                                                  ", ".join(failed)))


if __name__ == "__main__":
    main()
