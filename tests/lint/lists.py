#!/usr/bin/env python3
"""lists.py - the fixed lists of cgi-bin/core/ (codes.h, channel.h,
occupancy.h, role.h) against the schema (issue 9).

A header declares each list as

    /* schema: table.column[, table.column ...] */
    extern const char *const NAME[COUNT];

and its .c file defines NAME's codes. This lint reads the migrations in
order (sql/NNN_*.sql: CREATE TABLE, ALTER TABLE ... ADD/MODIFY/CHANGE,
RENAME TABLE) to find each column's ENUM as it stands after all of them,
and checks that it has exactly the list's codes; and that every
NAME_SQL_* literal of a header (the codes statements name groups by)
names only codes of that header's lists. Prints one ok / not ok line per
check.
"""

import glob
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def strip_comments(sql):
    return re.sub(r"--[^\n]*", "", sql)


def enum_values(text):
    return re.findall(r"'((?:[^'\\]|\\.)*)'", text)


def schema_enums():
    """{(table, column): [codes]} after every migration, in order."""
    cols = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "sql", "[0-9][0-9][0-9]_*.sql"))):
        sql = strip_comments(open(path, encoding="utf-8").read())
        for stmt in sql.split(";"):
            s = stmt.strip()
            m = re.match(r"CREATE TABLE (?:IF NOT EXISTS )?`?(\w+)`?\s*\((.*)\)", s, re.S | re.I)
            if m:
                table = m.group(1)
                for cm in re.finditer(r"^\s*`?(\w+)`?\s+ENUM\(([^)]*)\)", m.group(2), re.M | re.I):
                    cols[(table, cm.group(1))] = enum_values(cm.group(2))
                continue
            m = re.match(r"RENAME TABLE `?(\w+)`? TO `?(\w+)`?", s, re.I)
            if m:
                old, new = m.group(1), m.group(2)
                for (t, c) in list(cols):
                    if t == old:
                        cols[(new, c)] = cols.pop((t, c))
                continue
            m = re.match(r"ALTER TABLE `?(\w+)`?(.*)", s, re.S | re.I)
            if m:
                table = m.group(1)
                body = m.group(2)
                for cm in re.finditer(
                        r"(?:ADD (?:COLUMN )?|MODIFY (?:COLUMN )?)`?(\w+)`?\s+ENUM\(([^)]*)\)",
                        body, re.I):
                    cols[(table, cm.group(1))] = enum_values(cm.group(2))
                for cm in re.finditer(r"CHANGE (?:COLUMN )?`?(\w+)`?\s+`?(\w+)`?\s+(\w+)(\(([^)]*)\))?",
                                      body, re.I):
                    old, new, typ = cm.group(1), cm.group(2), cm.group(3)
                    if (table, old) in cols:
                        vals = cols.pop((table, old))
                        cols[(table, new)] = enum_values(cm.group(5)) \
                            if typ.upper() == "ENUM" else vals
    return cols


def c_array(name):
    """The string codes of `const char *const name[...] = { ... };`."""
    for path in glob.glob(os.path.join(ROOT, "cgi-bin", "core", "*.c")):
        text = open(path, encoding="utf-8").read()
        m = re.search(r"const char \*const %s\[[^\]]*\]\s*=\s*\{(.*?)\};" % re.escape(name),
                      text, re.S)
        if m:
            return re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))
    return None


def main():
    enums = schema_enums()
    results = []

    def report(ok, what):
        results.append(ok)
        print("%s - %s" % ("ok" if ok else "not ok", what))

    for header in sorted(glob.glob(os.path.join(ROOT, "cgi-bin", "core", "*.h"))):
        text = open(header, encoding="utf-8").read()
        rel = os.path.relpath(header, ROOT)
        codes_of_header = set()
        for m in re.finditer(r"/\* schema: ([^*]*?) \*/\s*extern const char \*const (\w+)\[",
                             text):
            name = m.group(2)
            codes = c_array(name)
            if codes is None:
                report(False, "%s: no definition of %s" % (rel, name))
                continue
            codes_of_header |= set(codes)
            for col in [c.strip() for c in m.group(1).split(",")]:
                table, _, column = col.partition(".")
                have = enums.get((table, column))
                if have is None:
                    report(False, "%s: %s names %s, which is no ENUM column of the schema"
                           % (rel, name, col))
                    continue
                report(set(have) == set(codes) and len(have) == len(codes),
                       "%s: %s is the ENUM of %s%s" % (
                           rel, name, col, "" if set(have) == set(codes) else
                           " (schema %r, list %r)" % (have, codes)))
        for m in re.finditer(r'#define (\w+_SQL_\w+)\s+((?:"[^"]*"\s*)+)', text):
            lits = re.findall(r"'([^']*)'", "".join(re.findall(r'"([^"]*)"', m.group(2))))
            bad = [l for l in lits if l not in codes_of_header]
            report(lits and not bad, "%s: %s names codes of its list%s" % (
                rel, m.group(1), " (not: %s)" % ", ".join(bad) if bad else ""))
    if not results:
        report(False, "no lists found")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
