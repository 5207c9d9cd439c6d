"""test_stack.py - how scripts/stack.sh sets up the stack's processes."""

import os

from lib import DB_VAR, VAR, check, sql1, test


@test
def mariadb_keeps_its_temporary_files_under_the_stacks_var_folder():
    # The shared /tmp lost a list query's temporary file once (issue 9).
    tmpdir = sql1("SELECT @@tmpdir")
    check(os.path.realpath(tmpdir) == os.path.realpath(os.path.join(VAR, "tmp")),
          "MariaDB's tmpdir is %r, not %s/tmp", tmpdir, VAR)
    check(os.path.isdir(tmpdir), "%s is not a folder", tmpdir)


@test
def the_worker_starts_after_the_migrations():
    # A first start ran the worker beside MariaDB and the migrations: its
    # log began with "Can't connect" and "Table 'propfee.job_schedule'
    # doesn't exist" (issue 10's trial). The test stack is a first start.
    log = os.path.join(DB_VAR, "log", "worker.log")
    with open(log, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    start = []
    for line in lines:
        start.append(line)
        if " running " in line:
            break
    check(any(" running " in line for line in start), "the worker never said it runs: %r",
          lines[:5])
    bad = [line for line in start if "doesn't exist" in line or "Can't connect" in line]
    check(not bad, "the worker started before the database was ready: %r", bad)
