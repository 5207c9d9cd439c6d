"""test_backup.py - durability settings, and a backup that restores
(issue 14: scripts/backup.sh, make backup, make restore).

Runs last in lane "last", on a quiet stack: every lane's money is in its
database by then, so the restored copy must hold exactly the same rows,
and the ledger check must pass on each of its databases.
"""

import http.client
import os
import random
import shutil
import socket
import subprocess
import tempfile

import lib
from lib import DB_VAR, ROOT, check, test

BACKUP = os.path.join(ROOT, "scripts", "backup.sh")


def root_sql(mycnf, db, query):
    out = subprocess.run(["mariadb", "--defaults-file=" + mycnf, "-uroot", db,
                          "-N", "-B", "-e", query],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def free_port():
    """A free port below Linux's ephemeral range (32768-60999), which
    the stack's own outgoing connections take from while a restore
    runs."""
    for _ in range(100):
        port = random.randrange(20000, 32000)
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return port
        except OSError:
            continue
        finally:
            s.close()
    check(False, "no free port")


class At(lib.Client):
    """A browser of the restored stack."""

    def __init__(self, port):
        super().__init__()
        self.port = port

    def conn(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)


# What must be equal: per database, the money rows and what they sum to.
FIGURES = ("SELECT (SELECT COUNT(*) FROM payments), (SELECT COALESCE(SUM(amount_fen), 0)"
           " FROM payments), (SELECT COUNT(*) FROM allocations), (SELECT COUNT(*) FROM"
           " receipts), (SELECT COALESCE(MAX(seq), 0) FROM receipts), (SELECT COUNT(*)"
           " FROM bills), (SELECT COUNT(*) FROM audit_log)")


@test
def a_commit_is_on_disk_before_it_is_acknowledged():
    mycnf = os.path.join(DB_VAR, "my.cnf")
    got = dict((k.lower(), v) for k, v in root_sql(
        mycnf, "propfee", "SHOW GLOBAL VARIABLES WHERE Variable_name IN"
        " ('innodb_flush_log_at_trx_commit', 'log_bin', 'sync_binlog', 'binlog_format')"))
    check(got == {"innodb_flush_log_at_trx_commit": "1", "log_bin": "ON",
                  "sync_binlog": "1", "binlog_format": "ROW"}, "durability: %r", got)


@test
def a_backup_restores_into_a_fresh_stack_with_the_same_books():
    mycnf = os.path.join(DB_VAR, "my.cnf")
    dbs = [r[0] for r in root_sql(mycnf, "propfee", "SHOW DATABASES LIKE 'propfee%'")]
    check("propfee" in dbs and len(dbs) >= 2, "databases: %r", dbs)
    work = tempfile.mkdtemp(prefix="propfee-backup-", dir=os.path.dirname(DB_VAR))
    dest = os.path.join(work, "backup")
    into = os.path.join(work, "restored")
    try:
        # The worker may still settle an order or write a row: a backup
        # whose figures moved while it was taken is taken again.
        for _ in range(3):
            shutil.rmtree(dest, ignore_errors=True)
            before = {db: root_sql(mycnf, db, FIGURES) for db in dbs}
            photos = sorted(os.listdir(os.path.join(DB_VAR, "photos")))
            r = subprocess.run([BACKUP, "backup", DB_VAR, dest], capture_output=True,
                               text=True)
            check(r.returncode == 0, "backup: %s %s", r.stdout, r.stderr)
            if before == {db: root_sql(mycnf, db, FIGURES) for db in dbs}:
                break
        else:
            check(False, "the stack never kept still for a backup")
        check(os.stat(dest).st_mode & 0o077 == 0, "a backup readable by others")
        manifest = open(os.path.join(dest, "MANIFEST")).read()
        check("binlog=binlog." in manifest, "manifest: %s", manifest)
        port = free_port()
        # the ports of the test stack's own start are not the restore's
        env = dict((k, v) for k, v in os.environ.items() if not k.endswith("_PORT"))
        r = subprocess.run([BACKUP, "restore", dest, into, str(port)],
                           capture_output=True, text=True, env=env)
        check(r.returncode == 0, "restore: %s %s", r.stdout, r.stderr)
        rcnf = os.path.join(into, "my.cnf")
        for db in dbs:
            check(root_sql(rcnf, db, FIGURES) == before[db], "%s differs", db)
            r = subprocess.run([os.path.join(ROOT, "scripts", "check-ledger.sh"), into,
                                db], capture_output=True, text=True)
            check(r.returncode == 0 and "not ok" not in r.stdout,
                  "ledger of %s restored: %s", db, r.stdout)
        check(sorted(os.listdir(os.path.join(into, "photos"))) == photos, "photos")
        # the restored stack serves: an owner logs in and sees the bills
        c = At(port)
        r = c.login_owner("13800000001")
        check(r.status == 303, "login on the restored stack: %r", r)
        page = c.get("/")
        check(page.status == 200 and "锦华苑" in page.body, "home: %r", page)
        # never over a stack that has a database
        r = subprocess.run([BACKUP, "restore", dest, into, str(free_port())],
                           capture_output=True, text=True, env=env)
        check(r.returncode != 0 and "has a database already" in r.stderr,
              "restored over a database: %s %s", r.stdout, r.stderr)
    finally:
        subprocess.run([os.path.join(ROOT, "scripts", "stack.sh"), "stop", into],
                       capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
