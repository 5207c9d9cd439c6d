"""test_nginx.py - answers nginx gives itself, without a program (issue 7,
kind 9): each carries the security headers once and a Chinese page; the
public receipt check /r/<code> is rate-limited per address.
"""

import os
import re
import time

from lib import ROOT, Client, check, sql1, test

HEADERS = ("Content-Security-Policy", "X-Content-Type-Options",
           "X-Frame-Options", "Referrer-Policy")


def has_security_headers(r, what):
    for h in HEADERS:
        got = r.all_headers(h)
        check(len(got) == 1, "%s: %s %r", what, h, got)
    csp = r.header("Content-Security-Policy")
    check("default-src 'self'" in csp and "frame-ancestors 'none'" in csp,
          "%s: CSP %r", what, csp)
    check(r.header("X-Content-Type-Options") == "nosniff", "%s: nosniff", what)
    check(r.header("X-Frame-Options") == "DENY", "%s: X-Frame-Options", what)
    check(r.header("Referrer-Policy") == "same-origin", "%s: Referrer-Policy",
          what)


def chinese_page(r, what):
    check(re.search(r"[\u4e00-\u9fff]", r.body), "%s: no Chinese: %r", what, r)
    check("nginx" not in r.body.lower(), "%s: nginx's own page: %r", what, r)
    check("<script" not in r.body and "<style" not in r.body and
          " style=" not in r.body, "%s: inline script or style", what)


def nginx_answer(r, status, what):
    check(r.status == status, "%s: %r", what, r)
    has_security_headers(r, what)
    chinese_page(r, what)


@test
def the_favicon_redirect_has_headers_and_a_chinese_page():
    r = Client().get("/favicon.ico", headers={"Host": "evil.example"})
    nginx_answer(r, 301, "/favicon.ico")
    # a path on this site, never the Host header the client sent
    check(r.header("Location") == "/static/favicon.svg", "to %r",
          r.header("Location"))


@test
def a_very_long_url_gets_414_with_headers_and_a_chinese_page():
    nginx_answer(Client().get("/" + "a" * 9000), 414, "9,000-byte URL")


@test
def a_huge_header_gets_400_with_headers_and_a_chinese_page():
    r = Client().get("/login", headers={"X-Big": "a" * 20000})
    nginx_answer(r, 400, "20 kB header")
    check("Cookie" in r.body, "no hint about what was too big")


@test
def trace_gets_405_with_headers_and_a_chinese_page():
    nginx_answer(Client().request("TRACE", "/"), 405, "TRACE /")


@test
def a_body_over_1mb_gets_413_from_nginx_with_headers_and_a_chinese_page():
    r = Client().request("POST", "/login", body=b"a=" + b"x" * (2 * 1024 * 1024),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    nginx_answer(r, 413, "2 MB body")
    check("1 MB" in r.body, "no size in the message")


@test
def static_errors_have_headers_and_a_chinese_page():
    nginx_answer(Client().get("/static/no-such.css"), 404, "missing static file")
    nginx_answer(Client().get("/static/"), 403, "static folder")
    nginx_answer(Client().post("/static/style.css", {"a": "1"}), 405,
                 "POST to a static file")


@test
def pages_and_static_files_carry_each_security_header_once():
    # nginx adds the set to every answer and hides the programs' copies
    for path in ("/login", "/staff/login", "/no/such", "/static/style.css",
                 "/r/" + "0" * 24):
        has_security_headers(Client().get(path), path)


@test
def nginx_and_the_programs_send_the_same_security_headers():
    # the programs' set (http.c) is what nginx adds (nginx.conf.in)
    with open(os.path.join(ROOT, "cgi-bin", "web", "http.c")) as f:
        c = f.read()
    block = c[c.index("security_headers[] ="):]
    block = block[:block.index(";\n")]
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block))
    program = dict(line.split(": ", 1) for line in text.split("\\r\\n")
                   if line)
    with open(os.path.join(ROOT, "conf", "nginx.conf.in")) as f:
        conf = f.read()
    for h in HEADERS:
        m = re.search(r"add_header %s (\"[^\"]*\"|\S+) always;" % h, conf)
        check(m, "nginx.conf.in adds no %s" % h)
        # every page but one may post forms here only: the map's default
        check(m.group(1).strip('"').replace("$form_action", "'self'") == program.get(h),
              "%s: nginx %r, program %r", h, m.group(1), program.get(h))


@test
def guessing_receipt_codes_gets_429_while_a_scan_still_works():
    code = sql1("SELECT verify_code FROM receipts ORDER BY id LIMIT 1")
    # someone scanning a receipt, and looking again
    for _ in range(3):
        r = Client().get("/r/" + code)
        check(r.status == 200, "a normal scan: %r", r)
    # someone guessing codes from the same address, as fast as they can
    answers = [Client().get("/r/%024x" % (i + 1)) for i in range(40)]
    statuses = [r.status for r in answers]
    check(set(statuses) <= {404, 429}, "answers: %r", statuses)
    check(statuses.count(429) >= 25, "only %d of 40 guesses limited: %r",
          statuses.count(429), statuses)
    limited = [r for r in answers if r.status == 429][0]
    nginx_answer(limited, 429, "a limited guess")
    # the limit lifts again (2 a second): a later scan works
    for _ in range(30):
        time.sleep(1)
        if Client().get("/r/" + code).status == 200:
            break
    else:
        check(False, "scans still refused 30 s after the guessing stopped")
