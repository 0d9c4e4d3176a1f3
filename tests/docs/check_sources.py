#!/usr/bin/python3
"""Check that every fact-row id cited by the scenarios resolves to docs/sources/afghanistan.md.

Usage: check_sources.py REPO_ROOT [YAML_FILE ...]

Without YAML files it checks scenarios/*.yaml and scenarios/observations/*.yaml under REPO_ROOT.
The rule is documented in docs/sources/afghanistan.md ("What tests/docs/check_sources.py
checks"). Standard library only: /usr/bin/python3 may lack PyYAML, so the YAML files are read by
a small scanner that understands the subset the scenario format uses (block and flow mappings,
plain, quoted and block scalars, values over several lines).
"""

import glob
import os
import re
import sys

FACT_BASE = os.path.join("docs", "sources", "afghanistan.md")

ROW_ID = re.compile(r"^[AMPHS]\d{1,3}$")
SECTION_HEADING = re.compile(r"^#{2,4}\s+([AC]\.\d+)\b")
URL = re.compile(r"https?://[^\s|]+")
# Ids stand alone: not inside a longer word (IPC3, FY1401) and not a decimal (M6.3).
_ALONE_BEFORE = r"(?<![\w.])"
_ALONE_AFTER = r"(?!\w|\.\d)"
ROW_RANGE = re.compile(
    _ALONE_BEFORE + r"([AMPHS])(\d{1,3})\s*[-\u2013]\s*([AMPHS])(\d{1,3})" + _ALONE_AFTER)
ROW_REF = re.compile(_ALONE_BEFORE + r"([AMPHS]\d{1,3})" + _ALONE_AFTER)
SECTION_REF = re.compile(_ALONE_BEFORE + r"([AC]\.\d+)" + _ALONE_AFTER)
NAMED_ROW = re.compile(r"((?:[AC]\.\d+)(?:\s*/\s*[AC]\.\d+)*)\s+row\s+"
                       r"(?:'([^']+)'|\"([^\"]+)\"|\u2018([^\u2019]+)\u2019)")
KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:(?=\s|$)")


# ---------------------------------------------------------------------------------------------
# The fact base
# ---------------------------------------------------------------------------------------------
class FactBase:
    def __init__(self):
        self.rows = {}  # row id -> list of addresses
        self.sections = {}  # section id -> set of first cells of its table rows
        self.errors = []


def _cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _first_cell_name(cell):
    # "UN (Secretariat, UNAMA)" and "UN" name the same row; a table's own notes stay out of it.
    return re.sub(r"\s*\(.*\)\s*$", "", cell).strip()


def read_fact_base(path):
    base = FactBase()
    section = None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            heading = SECTION_HEADING.match(line)
            if heading:
                section = heading.group(1)
                base.sections.setdefault(section, set())
                continue
            if line.startswith("#"):
                section = None
                continue
            if not line.startswith("|") or re.match(r"^\|[\s|:-]+\|?\s*$", line):
                continue
            cells = _cells(line)
            if section is not None:
                base.sections[section].add(_first_cell_name(cells[0]))
            if not ROW_ID.match(cells[0]):
                continue
            where = "%s:%d:1" % (path, number)
            row = cells[0]
            if row in base.rows:
                base.errors.append("%s: error: row %s is defined twice" % (where, row))
            if len(cells) != 5:
                base.errors.append("%s: error: row %s has %d cells; expected 5 "
                                   "(id | date | fact | figure | source address(es))"
                                   % (where, row, len(cells)))
            addresses = URL.findall(cells[-1])
            if not addresses and "not found" not in cells[-2]:
                base.errors.append("%s: error: row %s gives no source address and its figure "
                                   "does not say 'not found'" % (where, row))
            base.rows[row] = addresses
    return base


# ---------------------------------------------------------------------------------------------
# A YAML subset scanner: yields (key, value, positions, block path, item serial)
# ---------------------------------------------------------------------------------------------
class Text:
    """A scalar's text with the (line, column) of every character, both 1-based."""

    def __init__(self):
        self.chars = []
        self.where = []

    def add(self, s, line, col):
        for k, ch in enumerate(s):
            self.chars.append(ch)
            self.where.append((line, col + k))

    def fold(self, line, col):
        if self.chars and self.chars[-1] not in " \t":
            self.add(" ", line, col)

    def value(self):
        return "".join(self.chars)


def _indent(line):
    return len(line) - len(line.lstrip(" "))


def _blank_or_comment(line):
    s = line.strip()
    return not s or s.startswith("#")


def read_quoted(lines, i, j, text):
    """Reads a quoted scalar starting at lines[i][j]; returns the position after it."""
    quote = lines[i][j]
    j += 1
    while i < len(lines):
        line = lines[i].rstrip("\n")
        while j < len(line):
            ch = line[j]
            if quote == '"' and ch == "\\" and j + 1 < len(line):
                text.add(line[j + 1], i + 1, j + 2)
                j += 2
                continue
            if ch == quote:
                if quote == "'" and line[j + 1:j + 2] == "'":
                    text.add("'", i + 1, j + 1)
                    j += 2
                    continue
                return i, j + 1
            text.add(ch, i + 1, j + 1)
            j += 1
        # A line break inside quotes folds to one space with the spaces around it.
        while text.chars and text.chars[-1] in " \t":
            text.chars.pop()
            text.where.pop()
        i += 1
        if i < len(lines):
            j = _indent(lines[i])
            text.fold(i + 1, j + 1)
    raise ValueError("unterminated %s-quoted scalar" % quote)


def read_more_indented(lines, i, parent_col, text, stop_at_comment):
    """Appends the lines after line i indented deeper than parent_col; returns the next line."""
    i += 1
    while i < len(lines):
        line = lines[i]
        if line.strip() and _indent(line) <= parent_col:
            break
        if line.strip() and not (stop_at_comment and line.strip().startswith("#")):
            col = _indent(line)
            body = line.rstrip("\n")[col:]
            if stop_at_comment:
                body = re.split(r"\s#", body)[0]
            text.fold(i + 1, col + 1)
            text.add(body.rstrip(), i + 1, col + 1)
        i += 1
    return i


def _starts_block(line):
    """True when a line opens a nested block mapping or sequence."""
    j = _indent(line)
    return line[j:j + 2] == "- " or line.strip() == "-" or KEY.match(line, j) is not None


def read_value(lines, i, j, key_col, in_flow):
    """Reads the scalar after a key.

    Returns (Text, or None for a nested collection, (line, column) to go on scanning from).
    In block context the position is the start of the first line not consumed; in flow context
    it is just after the scalar.
    """
    line = lines[i].rstrip("\n")
    while j < len(line) and line[j] in " \t":
        j += 1
    text = Text()
    rest = line[j:]
    if rest.startswith(('"', "'")):
        end_line, end_col = read_quoted(lines, i, j, text)
        return text, (end_line, end_col) if in_flow else (end_line + 1, 0)
    if in_flow:
        m = re.match(r"^[^,}\]#]*", rest)
        text.add(m.group(0).rstrip(), i + 1, j + 1)
        return text, (i, j + len(m.group(0)))
    if rest.startswith(("{", "[")):
        return None, (i, j)  # a flow collection: the scanner walks into it
    if re.match(r"^[|>][-+0-9]*\s*(#.*)?$", rest):
        return text, (read_more_indented(lines, i, key_col, text, False), 0)
    plain = re.split(r"(?:^|\s)#", rest)[0].rstrip()
    if not plain:
        nxt = i + 1
        while nxt < len(lines) and _blank_or_comment(lines[nxt]):
            nxt += 1
        if (nxt == len(lines) or _indent(lines[nxt]) <= key_col or _starts_block(lines[nxt])):
            return None, (i + 1, 0)  # empty, or a nested block follows
    text.add(plain, i + 1, j + 1)
    return text, (read_more_indented(lines, i, key_col, text, True), 0)


def scan_yaml(lines):
    """Yields (key, Text or None, path of enclosing block keys, item serial) for every key."""
    stack = []  # (column, key) of the enclosing block mappings
    item = 0
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\n")
        if _blank_or_comment(line) or line.strip() in ("---", "..."):
            i += 1
            continue
        j = _indent(line)
        while line[j:j + 1] == "-" and line[j + 1:j + 2] in (" ", ""):
            item += 1
            j += 1
            while j < len(line) and line[j] == " ":
                j += 1
        while stack and stack[-1][0] >= j:
            stack.pop()
        m = KEY.match(line, j)
        if m:
            path = tuple(k for _, k in stack)
            value, (ni, nj) = read_value(lines, i, m.end(), j, False)
            stack.append((j, m.group(1)))
            yield m.group(1), value, path, item
            if value is None and ni == i:
                i = yield from scan_flow(lines, i, nj, path + (m.group(1),), item)
            else:
                i = ni
            continue
        if line[j:j + 1] in "{[":
            i = yield from scan_flow(lines, i, j, tuple(k for _, k in stack), item)
            continue
        if line[j:j + 1] in "\"'":
            i, _ = read_quoted(lines, i, j, Text())
        i += 1


def scan_flow(lines, i, j, path, item):
    """Walks a flow collection starting at lines[i][j]; returns the line after it ends."""
    depth = 0
    while i < len(lines):
        line = lines[i]
        while j < len(line):
            ch = line[j]
            if ch in "{[":
                depth += 1
                j += 1
            elif ch in "}]":
                depth -= 1
                j += 1
                if depth == 0:
                    return i + 1
            elif ch in "\"'":
                i, j = read_quoted(lines, i, j, Text())
                line = lines[i]
            elif ch == "#" and (j == 0 or line[j - 1] in " \t"):
                break
            else:
                m = KEY.match(line, j)
                if m and (j == 0 or line[j - 1] in " \t{,"):
                    value, (i, j) = read_value(lines, i, m.end(), j, True)
                    line = lines[i]
                    yield m.group(1), value, path, item
                else:
                    j += 1
        i += 1
        j = 0
    raise ValueError("unterminated flow collection")


# ---------------------------------------------------------------------------------------------
# The rule
# ---------------------------------------------------------------------------------------------
def cited_ids(value):
    """Returns ([(kind, id or (sections, name), index)], [(message, index)]) for one source."""
    found, problems = [], []
    taken = []
    for m in ROW_RANGE.finditer(value):
        a, lo, b, hi = m.group(1), int(m.group(2)), m.group(3), int(m.group(4))
        taken.append((m.start(), m.end()))
        if a != b:
            problems.append(("range %s spans two sections; cite each end" % m.group(0), m.start()))
        elif lo > hi:
            problems.append(("range %s runs backwards" % m.group(0), m.start()))
        else:
            found.extend(("row", "%s%d" % (a, n), m.start()) for n in range(lo, hi + 1))
    for m in ROW_REF.finditer(value):
        if not any(s <= m.start() < e for s, e in taken):
            found.append(("row", m.group(1), m.start()))
    for m in SECTION_REF.finditer(value):
        found.append(("section", m.group(1), m.start()))
    for m in NAMED_ROW.finditer(value):
        sections = tuple(re.findall(r"[AC]\.\d+", m.group(1)))
        name = next(g for g in m.groups()[1:] if g is not None)
        found.append(("named", (sections, name), m.start()))
    return found, problems


def check_file(path, base, repo_root, shown):
    """Returns (errors, number of source values, number of cited ids)."""
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    errors, values, ids = [], 0, 0
    meta_items = {}

    def at(text, index):
        line, col = text.where[index] if text.where else (0, 0)
        return "%s:%d:%d" % (shown, line, col)

    try:
        events = list(scan_yaml(lines))
    except ValueError as e:
        return ["%s: error: cannot read the file: %s" % (shown, e)], 0, 0
    for key, text, path_keys, item in events:
        if path_keys[-2:] == ("meta", "sources") and key in ("id", "url") and text is not None:
            meta_items.setdefault(item, {})[key] = text
        if key != "source" or text is None:
            continue
        values += 1
        value = text.value()
        found, problems = cited_ids(value)
        for message, index in problems:
            errors.append("%s: error: source: %s" % (at(text, index), message))
        for kind, ident, index in found:
            ids += 1
            if kind == "row" and ident not in base.rows:
                errors.append("%s: error: source: cites fact row %s, which is not a row of %s"
                              % (at(text, index), ident, FACT_BASE))
            elif kind == "section" and ident not in base.sections:
                errors.append("%s: error: source: cites section %s, which is not a section of %s"
                              % (at(text, index), ident, FACT_BASE))
            elif kind == "named":
                sections, name = ident
                for section in sections:
                    if name not in base.sections.get(section, ()):
                        errors.append("%s: error: source: cites %s row '%s', which is not a row "
                                      "of section %s of %s" % (at(text, index), section, name,
                                                               section, FACT_BASE))
    for item in sorted(meta_items):
        entry = meta_items[item]
        ident = entry["id"].value() if "id" in entry else None
        url = entry["url"].value() if "url" in entry else None
        if ident is not None and (ROW_ID.match(ident) or re.match(r"^[AC]\.\d+$", ident)):
            ids += 1
            if ident not in base.rows and ident not in base.sections:
                errors.append("%s: error: meta.sources id %s is not a row of %s"
                              % (at(entry["id"], 0), ident, FACT_BASE))
            elif url is not None and ident in base.rows and url not in base.rows[ident]:
                errors.append("%s: error: meta.sources %s: url %s is not one of the addresses of "
                              "row %s in %s" % (at(entry["url"], 0), ident, url, ident, FACT_BASE))
        if url is not None and not re.match(r"^[a-z]+://", url):
            if not os.path.exists(os.path.join(repo_root, url)):
                errors.append("%s: error: meta.sources url %s is neither an address nor a file "
                              "of the repository" % (at(entry["url"], 0), url))
    return errors, values, ids


# ---------------------------------------------------------------------------------------------
# The reader's own checks, run first so that a reader that finds nothing cannot pass
# ---------------------------------------------------------------------------------------------
SELF_TEST_YAML = """\
meta:
  description: >-
    a folded block that mentions source: Z9 and must be skipped
  sources:
    - id: A1
      url: "https://example.org/a1"
    - {id: facts, url: "docs/x.md"}
actors:
  - id: x
    positions: {a: 1, b: 2}
    capability: {value: 3, source: "facts A2 (M6.3 quake, IPC3+, FY1401)"}
    source: "facts C.2/C.3 row 'China' (anchors P2-P4,
      H14/H24)"
    note: 'it''s fine'
  - source: judgement; facts S1  # a comment citing S9 is not a source
    salience:
      a: {value: 2, source: 'seed001, A.1'}
"""


def self_test():
    lines = SELF_TEST_YAML.splitlines(keepends=True)
    events = list(scan_yaml(lines))
    sources = [t.value() for k, t, _, _ in events if k == "source"]
    expected = ["facts A2 (M6.3 quake, IPC3+, FY1401)",
                "facts C.2/C.3 row 'China' (anchors P2-P4, H14/H24)",
                "judgement; facts S1", "seed001, A.1"]
    if sources != expected:
        return "source values read %r, expected %r" % (sources, expected)
    meta = [(k, t.value()) for k, t, p, _ in events if p[-2:] == ("meta", "sources")]
    if meta != [("id", "A1"), ("url", "https://example.org/a1"), ("id", "facts"),
                ("url", "docs/x.md")]:
        return "meta.sources read as %r" % (meta,)
    second = [t for k, t, _, _ in events if k == "source"][1]
    if second.where[second.value().index("H14")] != (13, 7):
        return "H14 located at %r, expected line 13, column 7" % (
            second.where[second.value().index("H14")],)
    ids = [ident for kind, ident, _ in cited_ids(sources[1])[0]]
    if ids != ["P2", "P3", "P4", "H14", "H24", "C.2", "C.3", (("C.2", "C.3"), "China")]:
        return "ids in %r read as %r" % (sources[1], ids)
    if [i for _, i, _ in cited_ids(sources[0])[0]] != ["A2"]:
        return "ids in %r read as %r" % (sources[0], cited_ids(sources[0])[0])
    if len(cited_ids("A5-S7, P9-P3")[1]) != 2:
        return "bad ranges not reported"
    return None


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: check_sources.py REPO_ROOT [YAML_FILE ...]\n")
        return 2
    root = argv[1]
    problem = self_test()
    if problem:
        sys.stderr.write("check_sources.py: self-test failed: %s\n" % problem)
        return 1
    fact_base = os.path.join(root, FACT_BASE)
    if not os.path.isfile(fact_base):
        sys.stderr.write("check_sources.py: %s not found\n" % fact_base)
        return 2
    base = read_fact_base(fact_base)
    files = argv[2:] or sorted(glob.glob(os.path.join(root, "scenarios", "*.yaml")) +
                               glob.glob(os.path.join(root, "scenarios", "observations", "*.yaml")))
    if not files:
        sys.stderr.write("check_sources.py: no scenario files under %s\n" % root)
        return 1
    errors = list(base.errors)
    values = ids = 0
    for path in files:
        shown = os.path.relpath(path, root) if not argv[2:] else path
        e, v, n = check_file(path, base, root, shown)
        errors += e
        values += v
        ids += n
        if v == 0:
            errors.append("%s: error: no source: values found; the reader or the file is broken"
                          % shown)
    for e in errors:
        sys.stderr.write(e + "\n")
    print("%s: %d rows; %d files, %d source values, %d cited ids, %d errors"
          % (FACT_BASE, len(base.rows), len(files), values, ids, len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
