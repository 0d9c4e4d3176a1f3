#!/usr/bin/python3
"""Writes a generated parley scenario for the scale bench and tests: N actors on M issues, every
actor on every issue with capability 1-100, position 0-100 and salience 1-100 (whole numbers),
optionally with U uncertainty entries (each the exact path of one position or salience).
With --decimals D, positions carry D decimals, so that nearly every actor holds its own position
(eum's tables grow with the number of distinct positions).

The file depends only on the arguments: the same seed gives the same bytes (Python's Mersenne
Twister, whose sequence for a given seed is fixed across versions).

Usage: bench/gen_scenario.py ACTORS ISSUES [--seed S] [--uncertainty U] [--decimals D] [-o FILE]
"""
import argparse
import random
import sys


def write_scenario(out, actors, issues, seed, uncertainty, decimals=0):
    draw = random.Random(seed)
    steps = 10 ** decimals

    def position():
        return "%.*f" % (decimals, draw.randint(0, 100 * steps) / steps)

    issue_ids = ["i%02d" % k for k in range(issues)]
    out.write("parley: 1\n")
    out.write("meta: {name: \"Generated %d actors x %d issues, seed %d\"}\n" % (actors, issues, seed))
    out.write("issues:\n")
    for issue in issue_ids:
        out.write("  - {id: %s, kind: political, status_quo: %d}\n" % (issue, draw.randint(0, 100)))
    out.write("actors:\n")
    for a in range(actors):
        capability = draw.randint(1, 100)
        positions = ", ".join("%s: %s" % (i, position()) for i in issue_ids)
        salience = ", ".join("%s: %d" % (i, draw.randint(1, 100)) for i in issue_ids)
        out.write("  - {id: a%05d, kind: state, capability: %d, positions: {%s}, salience: {%s}}\n"
                  % (a, capability, positions, salience))
    if uncertainty:
        out.write("uncertainty:\n")
        paths = ("actors.a%05d.%s.%s" % (a, field, i)
                 for a in range(actors) for i in issue_ids for field in ("positions", "salience"))
        for _, path in zip(range(uncertainty), paths):
            out.write("  \"%s\": {spread: 5}\n" % path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("actors", type=int)
    parser.add_argument("issues", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--uncertainty", type=int, default=0,
                        help="uncertainty entries, at most 2 x actors x issues")
    parser.add_argument("--decimals", type=int, default=0, choices=range(0, 7),
                        help="decimals of the positions (default 0: whole numbers)")
    parser.add_argument("-o", "--out", help="output file (default: stdout)")
    args = parser.parse_args()
    if args.actors < 1 or args.issues < 1 or args.actors > 99999:
        parser.error("need 1-99999 actors and at least one issue")
    if not 0 <= args.uncertainty <= 2 * args.actors * args.issues:
        parser.error("--uncertainty must be between 0 and 2 x actors x issues")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            write_scenario(out, args.actors, args.issues, args.seed, args.uncertainty,
                           args.decimals)
    else:
        write_scenario(sys.stdout, args.actors, args.issues, args.seed, args.uncertainty,
                       args.decimals)


if __name__ == "__main__":
    main()
