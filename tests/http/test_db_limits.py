"""test_db_limits.py - no statement outlives its page (issue 7, kind 6).

The programs' sessions carry a time limit (max_statement_time, set by
cgi-bin/core/db.c when a connection opens): a statement that runs past it
is stopped by MariaDB, the page answers 503, and nothing of it is left
running. To make a page's statement slow without a test-only route, a
root session holds the bills table (LOCK TABLES ... WRITE, test side
only) while the KPI board reads it; the board's statement waits for the
lock like any slow statement runs. Before the fix it waited on after the
page had given up (503 after the client's 30 s read timeout) until the
lock was released, and each reload added another.

A statement busy on the CPU (the quadratic plan of the issue) does not
even notice that its client left; the second test shows that the session
set-up compiled into both programs stops such a statement too."""

import http.client
import os
import re
import subprocess
import threading
import time

from lib import BASE_PORT, DB, MYCNF, ROOT, VAR, check, sql, sql1, staff, table_held, test


def waiting_statements():
    """The programs' statements waiting for the bills table."""
    return sql("SELECT ID, TIME, INFO FROM information_schema.PROCESSLIST"
               " WHERE USER = 'propfee' AND DB = '%s'"
               " AND STATE LIKE '%%metadata lock%%'" % DB)


@test
def a_statement_past_its_time_limit_is_stopped_and_the_page_answers_503():
    # the limit comes from the programs' sessions, not the server's default
    check(sql1("SELECT @@GLOBAL.max_statement_time") in ("0", "0.000000"),
          "the server itself has a statement limit")
    c = staff("zuzhang")
    cookie = "; ".join("%s=%s" % kv for kv in c.cookies.items())
    log = os.path.join(VAR, "log", "staff.log")
    log_size = os.path.getsize(log)
    answer = {}

    def board():
        conn = http.client.HTTPConnection("127.0.0.1", BASE_PORT, timeout=120)
        try:
            conn.request("GET", "/staff/kpi?estate=1&from=2025-01-01&to=2025-12-31",
                         headers={"Cookie": cookie})
            answer["status"] = conn.getresponse().status
        finally:
            conn.close()
    # a root session takes the lock and keeps it while it sleeps
    with table_held("bills", "held"):
        t = threading.Thread(target=board)
        t.start()
        seen = []
        while t.is_alive() and not seen:
            seen = waiting_statements()
            time.sleep(0.2)
        t.join()
        # checked while the lock is still held: a statement that had
        # outlived its page would still be waiting here (only waiting ones
        # count: the worker's own statements, a COMMIT say, come and go)
        left = waiting_statements()
    check(seen, "the board's statement was never seen waiting")
    check(answer.get("status") == 503, "the board answered %r", answer.get("status"))
    check(not left, "statements left running after the page answered: %r", left)
    with open(log, encoding="utf-8", errors="replace") as f:
        f.seek(log_size)
        tail = f.read()
    check("SQL_KPI" in tail and ": 1969 " in tail,
          "the statement was not stopped by its time limit (log: %r)", tail[-500:])
    # the worker's connection is still good
    check(c.get("/staff/kpi?estate=1&from=2025-01-01&to=2025-01-31").status == 200,
          "the board does not answer again")


def session_setups(program):
    """The session set-up statements compiled into a program (db.c's
    MYSQL_INIT_COMMAND texts): every string in it that sets the zone."""
    raw = open(os.path.join(ROOT, "build", program), "rb").read()
    return sorted({m.decode() for m in re.findall(rb"SET time_zone = [ -~]+", raw)})


@test
def the_programs_session_limit_stops_a_statement_that_never_waits():
    # A statement busy on the CPU does not notice that its client left:
    # only a limit stops it. The set-up every page connection of the two
    # programs runs, applied to a connection of the programs' user, stops
    # a sum over 10^12 rows that would run for hours.
    conf = dict(line.split("=", 1) for line in
                open(os.path.join(VAR, "propfee.conf")).read().splitlines()
                if "=" in line and not line.startswith("#"))
    for program in ("propfee-staff", "propfee-owner"):
        setups = session_setups(program)
        limits = sorted(int(re.search(r"max_statement_time = (\d+)", s).group(1))
                        for s in setups if "max_statement_time" in s)
        check(setups and len(limits) == len(setups), "%s: a session without a time limit: %r",
              program, setups)
        page = [s for s in setups if s.endswith("max_statement_time = %d" % limits[0])][0]
        check(limits[0] < 30, "%s: pages may run %d s, past the client's 30 s", program,
              limits[0])
        # (the timeout only keeps a run without the limit from hanging)
        out = subprocess.run(
            ["mariadb", "--defaults-file=" + MYCNF,
             "-u" + conf["db_user"], "-p" + conf["db_password"], conf["db_name"], "-N",
             "-e", page + "; SELECT SUM(seq MOD 7) FROM seq_1_to_1000000000000"],
            capture_output=True, text=True, timeout=300)
        check("1969" in out.stderr and "max_statement_time" in out.stderr,
              "%s: the sum was not stopped: %r %r", program, out.stdout, out.stderr)
