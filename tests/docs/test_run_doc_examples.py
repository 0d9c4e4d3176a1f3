#!/usr/bin/python3
"""Tests of run_doc_examples.py: the elision markers, [exit N], --update and the diff."""

import contextlib
import io
import os
import random
import re
import stat
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_doc_examples as rde  # noqa: E402

FAKE_PARLEY = """#!/bin/sh
case "$1" in
  table) echo "title (1.3 s)"; echo "row 1"; echo "row 2"; echo "row 3"; echo "total 3" ;;
  fail) echo "Error: no such strategy" >&2; exit 2 ;;
  order) echo out1; echo err1 >&2; echo out2 ;;
  args) echo "[$2] [$3]" ;;
esac
"""


def collapse(lines):
    out = []
    for line in lines:
        if not (line == rde.ELISION and out and out[-1] == rde.ELISION):
            out.append(line)
    return tuple(out)


class Matching(unittest.TestCase):
    def test_literal_lines_must_be_equal_and_complete(self):
        self.assertTrue(rde.matches(["a", "b"], ["a", "b"]))
        self.assertFalse(rde.matches(["a", "b"], ["a", "c"]))
        self.assertFalse(rde.matches(["a", "b"], ["a", "b", "c"]))
        self.assertFalse(rde.matches(["a", "b"], ["a"]))

    def test_elision_line_matches_zero_or_more_lines(self):
        self.assertTrue(rde.matches(["a", "...", "d"], ["a", "d"]))
        self.assertTrue(rde.matches(["a", "...", "d"], ["a", "b", "c", "d"]))
        self.assertTrue(rde.matches(["...", "d"], ["a", "b", "d"]))
        self.assertTrue(rde.matches(["a", "..."], ["a"]))
        self.assertTrue(rde.matches(["a", "...", "c", "...", "e"], list("abcde")))
        self.assertFalse(rde.matches(["a", "...", "d"], ["a", "b", "c"]))
        self.assertFalse(rde.matches(["a", "...", "c", "...", "e"], list("abde")))
        # A line that is not exactly three dots is literal.
        self.assertFalse(rde.matches(["a", " ...", "d"], ["a", "b", "d"]))
        self.assertFalse(rde.matches(["a", "....", "d"], ["a", "b", "d"]))

    def test_ellipsis_matches_any_run_within_one_line(self):
        self.assertTrue(rde.matches(["done (…)"], ["done (4.2 s)"]))
        self.assertTrue(rde.matches(["done (…)"], ["done ()"]))
        self.assertTrue(rde.matches(["…: 3 problems"], ["a/b.yaml: 3 problems"]))
        self.assertTrue(rde.matches(["a … c … e"], ["a b c d e"]))
        self.assertFalse(rde.matches(["done (…)"], ["done (4.2 s)."]))
        self.assertFalse(rde.matches(["x…"], ["x", "y"]))
        # The text around the marker is literal, regular-expression characters included.
        self.assertFalse(rde.matches(["a.c (…)"], ["abc (1)"]))

    def test_the_greedy_matcher_agrees_with_the_alignment(self):
        # matches() takes each piece at its first fit; the alignment behind the diff and
        # --update must agree on every input: a rewrite always matches the output, and it is
        # the doc's text exactly when the doc already matched.
        rng = random.Random(11)
        alphabet = ["a", "b", "c", "a…", "…c", "...", "..."]
        for _ in range(3000):
            expected = [rng.choice(alphabet) for _ in range(rng.randint(0, 6))]
            actual = [rng.choice("abc") + rng.choice(["", "c"]) for _ in range(rng.randint(0, 7))]
            rewrite = rde.rewrites(expected, actual, 1)[0]
            self.assertTrue(rde.matches(list(rewrite), actual), (expected, actual, rewrite))
            self.assertEqual(rde.matches(expected, actual), rewrite == collapse(expected),
                             (expected, actual, rewrite))


class Rewriting(unittest.TestCase):
    def test_changed_line_is_replaced_and_elisions_kept(self):
        expected = ["title (…)", "row 1", "row 2", "..."]
        actual = ["title (9.9 s)", "row 1", "row 7", "row 3", "row 4"]
        self.assertEqual(rde.rewrites(expected, actual, 2),
                         [("title (…)", "row 1", "row 7", "...")])

    def test_changed_anchor_after_an_elision(self):
        expected = ["head", "...", "(549 more)"]
        actual = ["head", "x", "y", "(548 more)"]
        self.assertEqual(rde.rewrites(expected, actual, 2), [("head", "...", "(548 more)")])

    def test_inserted_and_removed_lines(self):
        self.assertEqual(rde.rewrites(["h", "r1", "r2"], ["h", "r1", "new", "r2"], 2),
                         [("h", "r1", "new", "r2")])
        self.assertEqual(rde.rewrites(["h", "r1", "r2", "r3"], ["h", "r1", "r3"], 2),
                         [("h", "r1", "r3")])

    def test_ellipsis_kept_where_the_text_around_it_still_matches(self):
        self.assertEqual(rde.refresh_line("x=1 (…)", "x=2 (3 s)"), "x=2 (…)")
        self.assertEqual(rde.refresh_line("plain 1", "plain 2"), "plain 2")

    def test_ambiguous_alignment_gives_two_readings(self):
        # The line between the two elisions is gone: did it become x, y or z?
        readings = rde.rewrites(["A", "...", "B", "...", "C"], ["A", "x", "y", "z", "C"], 2)
        self.assertEqual(len(readings), 2)


PAGE = """\
# A page

```sh
parley table
```

```
$ parley table
title (…)
row 1
...
total 3
$ parley fail
Error: no such strategy
[exit 2]

$ parley args "two words" \\
    'x y'
[two words] [x y]
```

  ~~~
  $ parley order
  out1
  err1
  out2
  ~~~
"""


class Pages(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)
        self.parley = self.root / "fake-parley"
        self.parley.write_text(FAKE_PARLEY)
        self.parley.chmod(self.parley.stat().st_mode | stat.S_IXUSR)
        (self.root / "README.md").write_text(PAGE)

    def tearDown(self):
        self.tmp.cleanup()

    def run_checker(self, *args):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = rde.main(["--parley", str(self.parley), "--source-dir", str(self.root), *args])
        return code, out.getvalue()

    def edit(self, old, new):
        page = self.root / "README.md"
        text = page.read_text()
        self.assertIn(old, text)
        page.write_text(text.replace(old, new))

    def test_reads_commands_outputs_and_exit_markers(self):
        blocks = rde.read_blocks(self.root, "README.md")
        self.assertEqual([b.line for b in blocks], [7, 22])
        table, fail, args = blocks[0].examples
        self.assertEqual((table.line, table.expected),
                         (8, ["title (…)", "row 1", "...", "total 3"]))
        self.assertEqual((fail.expected, fail.exit_code), (["Error: no such strategy"], 2))
        self.assertEqual(args.command, "parley args \"two words\" 'x y'")
        self.assertEqual(blocks[1].examples[0].expected, ["out1", "err1", "out2"])

    def test_current_page_passes_and_lists_its_blocks(self):
        self.assertEqual(self.run_checker(), (0, "4 example(s) in 2 block(s): ok\n"))
        code, out = self.run_checker("--list")
        self.assertEqual((code, out), (0, "README.md:7\nREADME.md:22\n"))

    def test_one_changed_digit_fails_with_a_diff_naming_the_line(self):
        self.edit("total 3", "total 4")
        code, out = self.run_checker("README.md:7")
        self.assertEqual(code, 1)
        self.assertIn("README.md:8: $ parley table", out)
        self.assertIn("@@ -9,4 +9,4 @@\n title (…)\n row 1\n ...\n-total 4\n+total 3\n", out)

    def test_exit_status_is_checked(self):
        self.edit("[exit 2]\n", "")
        code, out = self.run_checker()
        self.assertEqual(code, 1)
        self.assertIn("exit status 2, expected 0", out)
        self.edit("Error: no such strategy\n", "Error: no such strategy\n[exit 1]\n")
        self.assertIn("exit status 2, expected 1 ([exit 1])", self.run_checker()[1])

    def test_update_rewrites_from_the_output_keeping_elisions(self):
        self.edit("row 1\n...\ntotal 3", "row 9\n...\ntotal 2")
        self.edit("[exit 2]\n", "")
        code, _ = self.run_checker("--update")
        self.assertEqual(code, 0)
        self.assertEqual((self.root / "README.md").read_text(), PAGE)
        self.assertEqual(self.run_checker()[0], 0)

    def test_update_keeps_indentation_of_an_indented_block(self):
        self.edit("  err1\n", "  errX\n")
        self.assertEqual(self.run_checker("--update", "README.md:22")[0], 0)
        self.assertEqual((self.root / "README.md").read_text(), PAGE)

    def test_update_refuses_an_ambiguous_block(self):
        self.edit("row 1\n...\ntotal 3", "title (…)\n...\nrow 5\n...\ntotal 3")
        self.edit("title (…)\ntitle (…)", "title (…)")
        before = (self.root / "README.md").read_text()
        code, out = self.run_checker("--update")
        self.assertEqual(code, 1)
        self.assertIn("not updated", out)
        self.assertEqual((self.root / "README.md").read_text(), before)

    def test_commands_that_cannot_run_are_reported(self):
        cases = {
            "$ parley table | head": "not run by a shell",
            "$ parley table -o out.txt": "must not write files",
            "$ ls": "only `$ parley ...` commands",
            "$ parley table 'open": "cannot split",
            "$ parley table \\": "ends in `\\`",
        }
        for command, message in cases.items():
            with self.subTest(command=command):
                (self.root / "README.md").write_text(f"```\n$ parley table\n...\n{command}\n```\n")
                code, out = self.run_checker()
                self.assertEqual(code, 1)
                self.assertRegex(out, f"README.md:4: [^\n]*{re.escape(message)}")

    def test_text_before_the_first_command_is_reported(self):
        (self.root / "README.md").write_text("```\n\noutput?\n$ parley table\n...\n```\n")
        code, out = self.run_checker()
        self.assertEqual(code, 1)
        self.assertIn("README.md:3: text before the first `$ ` command", out)

    def test_a_selector_naming_no_block_fails(self):
        code, out = self.run_checker("README.md:8")
        self.assertEqual(code, 1)
        self.assertIn("no example block starts there", out)


if __name__ == "__main__":
    unittest.main(verbosity=1)
