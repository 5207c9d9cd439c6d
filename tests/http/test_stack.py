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


@test
def a_start_on_a_port_another_program_holds_fails_and_says_so():
    # A new user's trial (issue 12): with 8080 held by another program,
    # nginx could not bind, the other program answered /healthz and
    # `make run` said propfee was running - on somebody else's data.
    import socket
    import subprocess
    import tempfile
    from lib import ROOT
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    held.listen(1)
    port = held.getsockname()[1]
    var = tempfile.mkdtemp(prefix="propfee-port-")
    try:
        r = subprocess.run([os.path.join(ROOT, "scripts", "stack.sh"), "start", var,
                            str(port)], capture_output=True, text=True, timeout=120)
        check(r.returncode != 0, "the start on a held port succeeded")
        check("port %d is in use" % port in r.stderr + r.stdout,
              "it does not say the port is in use: %r", (r.stdout + r.stderr)[-300:])
        check(not os.path.exists(os.path.join(var, "run", "runsvdir.pid")) or
              subprocess.run(["sh", "-c", "kill -0 $(cat %s/run/runsvdir.pid)" % var],
                             capture_output=True).returncode != 0,
              "a supervisor was left running")
    finally:
        held.close()
        subprocess.run([os.path.join(ROOT, "scripts", "stack.sh"), "stop", var],
                       capture_output=True, timeout=120)
