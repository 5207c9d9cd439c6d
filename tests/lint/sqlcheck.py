#!/usr/bin/env python3
"""sqlcheck.py - checks every database call against its statement.

db.h binds parameters and results from format strings ("is", "iisS"), which
the compiler cannot check. This reads the C sources and, for every call of
db_exec, db_query, db_one, db_ints and db_row, checks that:
  - the parameter format has one letter per '?' in the statement,
  - the result format has one letter per selected column (db_ints: the
    statement selects exactly one column),
  - the call passes one argument per format letter,
  - every statement is a SQL_DEF constant (no SQL built at run time),
  - every format letter is one db.h knows.
It prints TAP-style lines: "ok - file:line call" or "not ok - ...".
"""

import glob
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PARAM_LETTERS = set("iIs")
RESULT_LETTERS = set("iIsS")


def c_string_concat(src):
    """Joins adjacent C string literals (and known macros) into one."""
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"|([A-Z_][A-Z0-9_]*)', src)
    return parts


def split_top(s, sep=","):
    """Splits s at sep outside parentheses and string literals."""
    out, depth, cur, i, q = [], 0, [], 0, None
    while i < len(s):
        c = s[i]
        if q:
            cur.append(c)
            if c == "\\":
                cur.append(s[i + 1])
                i += 1
            elif c == q:
                q = None
        elif c in "\"'":
            q = c
            cur.append(c)
        elif c == "(":
            depth += 1
            cur.append(c)
        elif c == ")":
            depth -= 1
            cur.append(c)
        elif c == sep and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    if "".join(cur).strip():
        out.append("".join(cur))
    return out


def macros_of(text):
    """#define NAME value (with continuations) for string macros."""
    m = {}
    for mm in re.finditer(r'^#define\s+([A-Z_][A-Z0-9_]*)\s*((?:[^\n]*\\\n)*[^\n]*)',
                          text, re.M):
        m[mm.group(1)] = mm.group(2).replace("\\\n", " ")
    return m


def expand_string(expr, macros, depth=0):
    """Evaluates a concatenation of literals and macros to its text."""
    out = []
    for lit, name in re.findall(r'"((?:[^"\\]|\\.)*)"|\b([A-Z_][A-Z0-9_]*)\b', expr):
        if name:
            if name in macros and depth < 5:
                out.append(expand_string(macros[name], macros, depth + 1))
        else:
            out.append(lit.encode().decode("unicode_escape").encode("latin-1").decode("utf-8"))
    return "".join(out)


def strip_sql_strings(sql):
    return re.sub(r"'(?:[^'\\]|\\.)*'", "''", sql)


def count_params(sql):
    return strip_sql_strings(sql).count("?")


def count_columns(sql):
    s = strip_sql_strings(sql)
    m = re.match(r"\s*SELECT\s+(.*)", s, re.S | re.I)
    if not m:
        return 0
    body = m.group(1)
    # the select list ends at the first FROM at depth 0
    depth, i = 0, 0
    while i < len(body):
        c = body[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0 and re.match(r"\bFROM\b", body[i:], re.I) and \
                (i == 0 or not body[i - 1].isalnum() and body[i - 1] != "_"):
            body = body[:i]
            break
        i += 1
    return len(split_top(body))


def find_calls(text, fn):
    for m in re.finditer(r"\b%s\s*\(" % fn, text):
        start = m.end()
        depth, i = 1, start
        while depth and i < len(text):
            if text[i] == "(":
                depth += 1
            elif text[i] == ")":
                depth -= 1
            elif text[i] == '"':
                i += 1
                while text[i] != '"':
                    i += 2 if text[i] == "\\" else 1
            i += 1
        yield m.start(), text[start:i - 1]


def decl_type(text, pos, expr, fields):
    """The declared type of the object &expr points at: 'int' for int64_t,
    'str' for const char *, or None when it cannot be told."""
    expr = expr.strip()
    if not expr.startswith("&"):
        return None
    e = expr[1:].strip()
    m = re.fullmatch(r"[\w\[\]\.>-]*?(?:->|\.)(\w+)", e)
    name = m.group(1) if m else e
    if m:
        return fields.get(name)
    best = None
    for d in re.finditer(r"(int64_t|const char)\s+(?:\*?\w+(?:\[[^\]]*\])?\s*,\s*)*"
                         r"(\*?)\b%s\b" % re.escape(name), text[:pos]):
        best = "int" if d.group(1) == "int64_t" and not d.group(2) else \
            "str" if d.group(1) == "const char" and d.group(2) else None
    return best


def line_of(text, pos):
    return text.count("\n", 0, pos) + 1


STR_FUNCS = re.compile(r"^(arena_printf|arena_strdup|arena_strndup|ctx_random_hex|"
                       r"db_like_contains|form_encode|label_\w+|cal_fmt|cal_now|"
                       r"money_fmt\w*|buf_str|receipt_\w+|tier_\w+|http_\w+)\(")


def expr_type(text, pos, e, fields):
    """'int', 'str', 'bad-int' (a bare int where int64_t is read) or None."""
    e = e.strip()
    if e.startswith('"') or e == "NULL":
        return "str"
    if re.match(r"^\(int64_t\)", e) or e in ("DB_NULL",) or \
            re.match(r"^INT64_C\(", e):
        return "int"
    if re.fullmatch(r"-?\d+", e):
        return "bad-int"
    if STR_FUNCS.match(e):
        return "str"
    m = re.fullmatch(r"(.*?)\s*\?\s*(.*?)\s*:\s*(.*)", e)
    if m:
        a = expr_type(text, pos, m.group(2), fields)
        b = expr_type(text, pos, m.group(3), fields)
        if "str" in (a, b):
            return "str"
        return a or b
    e = re.sub(r"\[[^\]]*\]", "", e)     # p[n - 1].start is p.start
    if re.fullmatch(r"-?[\w\.>-]+", e):
        t = decl_type(text, pos, "&" + e.lstrip("-"), fields)
        if t is None:
            # char arrays declared in the function
            name = re.split(r"->|\.", e)[-1]
            if re.search(r"\bchar\s+[^;(){}]*\b%s\[" % re.escape(name), text[:pos]):
                return "str"
        return t
    if re.search(r"[-+*/%]", e) and '"' not in e:
        return "int"
    return None


def check_params(report, where, text, pos, fmt, args, fields):
    want = {"i": "int", "I": "int", "s": "str"}
    bad = []
    for letter, arg in zip(fmt, args):
        t = expr_type(text, pos, arg, fields)
        if t == "bad-int" and letter in "iI":
            bad.append("%s for %s (an int, not int64_t)" % (letter, arg.strip()))
        elif t in ("int", "str") and t != want.get(letter):
            bad.append("%s for %s (%s)" % (letter, arg.strip(), t))
    report(not bad, where, "parameter types" + (": " + ", ".join(bad) if bad else ""))


def check_types(report, where, text, pos, fmt, args, fields):
    """Each result letter against the type of the variable it fills."""
    want = {"i": "int", "I": "int", "s": "str", "S": "str"}
    bad = []
    for letter, arg in zip(fmt, args):
        t = decl_type(text, pos, arg, fields)
        if t is not None and t != want.get(letter):
            bad.append("%s for %s (%s)" % (letter, arg, t))
    report(not bad, where, "result types" + (": " + ", ".join(bad) if bad else ""))


def main():
    files = sorted(glob.glob(os.path.join(ROOT, "cgi-bin", "**", "*.c"), recursive=True))
    shared = {}
    for f in glob.glob(os.path.join(ROOT, "cgi-bin", "*", "*.h")):
        shared.update(macros_of(open(f, encoding="utf-8").read()))
    results = []
    fields = {}
    for f in glob.glob(os.path.join(ROOT, "cgi-bin", "**", "*.[ch]"), recursive=True):
        for d in re.finditer(r"^\s+(int64_t|const char)\s+([^;(){}=]+);",
                             open(f, encoding="utf-8").read(), re.M):
            for part in d.group(2).split(","):
                mm = re.fullmatch(r"\s*(\*?)\s*(\w+)\s*(\[[^\]]*\])?\s*", part)
                if not mm:
                    continue
                t = "int" if d.group(1) == "int64_t" and not mm.group(1) else \
                    "str" if d.group(1) == "const char" and mm.group(1) else "?"
                # a name used with two types in different structs: unknown
                name = mm.group(2)
                fields[name] = t if fields.get(name, t) == t else None

    def report(ok, where, what):
        results.append(ok)
        print("%s - %s %s" % ("ok" if ok else "not ok", where, what))

    for f in files:
        text = open(f, encoding="utf-8").read()
        rel = os.path.relpath(f, ROOT)
        macros = dict(shared)
        macros.update(macros_of(text))
        stmts = {}
        for m in re.finditer(r"SQL_DEF\(\s*([A-Z_0-9]+)\s*,((?:\s*(?:\"(?:[^\"\\]|\\.)*\"|[A-Z_][A-Z0-9_]*))+)\s*\)", text):
            stmts[m.group(1)] = expand_string(m.group(2), macros)
        res_stmt = {}
        for fn in ("db_exec", "db_exec_unique", "db_query", "db_one", "db_ints",
                   "audit_exec"):
            for pos, args in find_calls(text, fn):
                where = "%s:%d" % (rel, line_of(text, pos))
                a = [x.strip() for x in split_top(args)]
                if fn == "audit_exec" and len(a) > 1:
                    del a[1]        # the audit row; then as db_exec
                # expand argument macros (lists of arguments)
                ex = []
                for x in a:
                    if re.fullmatch(r"[A-Z_][A-Z0-9_]*", x) and x in macros and "," in macros[x]:
                        ex.extend(y.strip() for y in split_top(macros[x]))
                    else:
                        ex.append(x)
                a = ex
                if a and a[0].startswith(("struct req", "struct ctx")):
                    continue        # the definition in db.c
                if len(a) > 1 and a[1].endswith("->lookup"):
                    continue        # a login spec: checked where declared
                if len(a) > 1 and a[1].endswith("->check_q"):
                    # an import check (core/import.c): checked where
                    # declared; its rows are read as "is"
                    back = text.rfind(";", 0, pos)
                    mv = re.search(r"(\w+)\s*=[^=]", text[back + 1:pos])
                    if mv:
                        res_stmt.setdefault(mv.group(1), []).append(
                            (back + 1 + mv.start(), "__import_check"))
                    continue
                if len(a) < 3 or not a[1].startswith("&"):
                    report(False, where, "%s: statement is not a SQL_DEF constant" % fn)
                    continue
                name = a[1][1:]
                if name not in stmts:
                    # declared in another file of the same program? refuse
                    report(False, where, "%s: %s is not defined in this file" % (fn, name))
                    continue
                sql = stmts[name]
                if fn == "db_ints":
                    # db_ints(r, &SQL, &out, &n, "fmt", args...)
                    pf = a[4].strip('"') if len(a) > 4 else "?"
                    check_params(report, where, text, pos, pf, a[5:5 + len(pf)], fields)
                    ok = (len(pf) == count_params(sql) and len(a) - 5 == len(pf)
                          and count_columns(sql) == 1 and set(pf) <= PARAM_LETTERS)
                    report(ok, where, "db_ints %s params %r/%d columns %d args %d" % (
                        name, pf, count_params(sql), count_columns(sql), len(a) - 5))
                    continue
                pf = a[2].strip('"')
                n_args = len(a) - 3
                nres = len(a[3].strip('"')) if fn == "db_one" else 0
                pargs = a[4:4 + len(pf)] if fn == "db_one" else a[3:3 + len(pf)]
                check_params(report, where, text, pos, pf, pargs, fields)
                if fn == "db_one":
                    rf = a[3].strip('"')
                    n_args -= 1
                    ok = (len(pf) == count_params(sql) and len(rf) == count_columns(sql)
                          and n_args == len(pf) + len(rf)
                          and set(pf) <= PARAM_LETTERS and set(rf) <= RESULT_LETTERS)
                    report(ok, where, "db_one %s params %r/%d results %r/%d args %d" % (
                        name, pf, count_params(sql), rf, count_columns(sql), n_args))
                    check_types(report, where, text, pos, rf, a[len(a) - len(rf):], fields)
                else:
                    ok = len(pf) == count_params(sql) and n_args == len(pf) and set(pf) <= PARAM_LETTERS
                    report(ok, where, "%s %s params %r/%d args %d" % (
                        fn, name, pf, count_params(sql), n_args))
                    if fn == "db_query":
                        # remember which variable holds it, and where it
                        # was assigned (both arms of a ?: share that place)
                        back = text.rfind(";", 0, pos)
                        stmt = text[back + 1:pos]
                        mv = re.search(r"(\w+)\s*=[^=]", stmt)
                        if mv:
                            res_stmt.setdefault(mv.group(1), []).append(
                                (back + 1 + mv.start(), name))
        for pos, args in find_calls(text, "db_row"):
            where = "%s:%d" % (rel, line_of(text, pos))
            a = [x.strip() for x in split_top(args)]
            var, rf = a[0], a[1].strip('"')
            if var.startswith("struct db_res"):
                continue            # the definition in db.c
            if rel.endswith("core/db.c"):
                continue            # db_ints: its callers are checked above
            cands = [p for p, n in res_stmt.get(var, []) if p < pos]
            if not cands:
                report(False, where, "db_row: cannot tell which statement %s holds" % var)
                continue
            last = max(cands)
            if {n for p, n in res_stmt[var] if p == last} == {"__import_check"}:
                report(rf == "is" and len(a) == 4, where, "db_row import check results %r" % rf)
                continue
            for n in {n for p, n in res_stmt[var] if p == last}:
                cols = count_columns(stmts[n])
                ok = len(rf) == cols and len(a) - 2 == len(rf) and set(rf) <= RESULT_LETTERS
                report(ok, where, "db_row %s results %r/%d args %d" % (n, rf, cols, len(a) - 2))
            check_types(report, where, text, pos, rf, a[2:], fields)
        # An import's checks (core/import.c): each takes the estate and
        # the batch, and gives a line and a detail.
        for t in re.finditer(r"struct import_check \w+\[\] = \{(.*?)\n\};", text, re.S):
            for m in re.finditer(r"&(SQL_\w+)", t.group(1)):
                sql = stmts.get(m.group(1), "")
                report(count_params(sql) == 2 and count_columns(sql) == 2,
                       "%s:%d" % (rel, line_of(text, t.start() + m.start())),
                       "import check %s takes 2 parameters and gives 2 columns" % m.group(1))
        # A batch of rows (db_exec_array): a constant of this file whose
        # parameters are whole rows of its format.
        for pos, args in find_calls(text, "db_exec_array"):
            a = [x.strip() for x in split_top(args)]
            if a and a[0].startswith("struct ctx"):
                continue
            where = "%s:%d" % (rel, line_of(text, pos))
            name = a[1].lstrip("&") if len(a) > 1 else ""
            ok = name in stmts or (len(a) > 1 and a[1].endswith(".q"))
            report(ok, where, "db_exec_array: statement is a SQL_DEF constant")
        for m in re.finditer(r"struct login_spec \w+ = \{[^}]*&(SQL_\w+)", text):
            sql = stmts.get(m.group(1), "")
            report(count_params(sql) == 1 and count_columns(sql) == 2,
                   "%s:%d" % (rel, line_of(text, m.start())),
                   "login_spec %s takes 1 parameter and gives 2 columns" % m.group(1))
        for m in re.finditer(r"mysql_(?:real_)?query\s*\(", text):
            if not rel.endswith("core/db.c"):
                report(False, "%s:%d" % (rel, line_of(text, m.start())),
                       "plain query outside db.c")
    bad = results.count(False)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
