#!/usr/bin/env python3
"""cluster-test.py - make cluster-test (issue 14): money on the Galera
cluster while a database node and then an app host are lost.

Starts a cluster of its own under var/cluster-test (scripts/cluster.sh:
three Galera nodes, two app hosts, one nginx in front), holding
/tmp/propfee-stack.lock for the whole run, and drives at the front the
load of make crash-test (scripts/crash-test.py, loaded as a module:
counter payments sent again with the same form on an error, online
orders whose notifications the sandbox sends three times at once).
Meanwhile, one phase after another, each with load throughout:

  1. warm-up;
  2. the writer node db1 is lost: its MariaDB killed with SIGKILL and
     kept down (runit's "once": not started again) - the programs'
     connections move to db2 (core/db.c) - then brought back (sv up): it
     rejoins by IST, and the connections come back to it;
  3. app host app1 is lost: every process of it killed with SIGKILL, its
     supervisor first (a machine gone) - the front sends the next
     requests to app2 - then started again (scripts/cluster.sh start);
  4. a last stretch.

Then it stops the load, waits until every order the gateway took money
for is paid and every node has committed the same writesets, and on
EVERY node runs crash-test's checks (acknowledged payments present once
with their amounts, no payment twice for a form or an out_trade_no,
every order paid at the gateway paid exactly once, receipt numbers
gapless, scripts/check-ledger.sh clean), and compares the nodes' money
tables (CHECKSUM TABLE): they must agree. Prints the figures per phase
(payments acknowledged, the longest wait between two, the programs'
connections per node) and exits 1 when a figure is wrong.

  PHASE_S=n   seconds of each phase (default 20)
  SEED=n      the random choices (default: the time; printed)
  KEEP=1      leave the cluster running at the end

Python 3 standard library only.
"""

import fcntl
import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CV = os.path.join(ROOT, "var", "cluster-test")
LOCK = "/tmp/propfee-stack.lock"
PHASE_S = int(os.environ.get("PHASE_S", "20"))
NODES = (1, 2, 3)
MONEY_TABLES = "payments, allocations, receipts, receipt_counters, bills, pay_orders, audit_log"

spec = importlib.util.spec_from_file_location(
    "crash_test", os.path.join(ROOT, "scripts", "crash-test.py"))
ct = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ct)
ct.VAR = os.path.join(CV, "db1")      # sandbox_url, check-ledger: the first node's
node_only = None                      # sql() on this node only (the checks)
stalls = []                           # (phase, longest seconds without an acknowledged payment)


def say(msg):
    print("cluster-test: " + msg, flush=True)


def node_var(n):
    return os.path.join(CV, "db%d" % n)


def sql_node(n, query, db="propfee"):
    out = subprocess.run(["mariadb", "--defaults-file=" + os.path.join(node_var(n), "my.cnf"),
                          "-uroot", db, "-N", "-B", "-e", query],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def sql_any(query):
    """crash-test's sql(): on the node the checks ask for, else on the
    first node that answers (the load reads while db1 is down)."""
    if node_only is not None:
        return sql_node(node_only, query)
    err = None
    for n in NODES:
        try:
            return sql_node(n, query)
        except subprocess.CalledProcessError as e:
            err = e
    raise err


ct.sql = sql_any


def wsrep(n, name):
    try:
        rows = sql_node(n, "SHOW STATUS LIKE 'wsrep_%s'" % name, db="mysql")
    except subprocess.CalledProcessError:
        return None
    return rows[0][1] if rows else None


def synced(n):
    return wsrep(n, "local_state_comment") == "Synced" and wsrep(n, "ready") == "ON"


def connections():
    """The programs' connections per node ("db1 12, db2 0, ...")."""
    out = []
    for n in NODES:
        try:
            c = sql_node(n, "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                         " WHERE USER = 'propfee'", db="mysql")[0][0]
        except subprocess.CalledProcessError:
            c = "down"
        out.append("db%d %s" % (n, c))
    return ", ".join(out)


def cluster(cmd, env=None):
    e = dict(os.environ, CLUSTER_VAR=CV, THREADS="8")
    e.update(env or {})
    return subprocess.run([os.path.join(ROOT, "scripts", "cluster.sh"), cmd],
                          env=e, capture_output=True, text=True)


def recorded(var, name):
    """The live pid `name` recorded under var (its command line or its
    working folder under var), else None."""
    try:
        with open(os.path.join(var, "run", name + ".pid")) as f:
            pid = int(f.read().strip())
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            cmdline = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
        cwd = os.readlink("/proc/%d/cwd" % pid)
        with open("/proc/%d/stat" % pid) as f:
            state = f.read().rsplit(") ", 1)[1][0]
    except (OSError, ValueError, IndexError):
        return None
    if state == "Z" or ((var + "/") not in cmdline and not cwd.startswith(var + "/")):
        return None
    return pid


def load_for(phase, seconds):
    """Lets the load run `seconds`; records the longest stretch without a
    new acknowledged counter payment."""
    end = time.time() + seconds
    last_n, last_t, longest = ct.figures["counter_acked"], time.time(), 0.0
    while time.time() < end:
        time.sleep(0.25)
        n = ct.figures["counter_acked"]
        if n != last_n:
            last_n, last_t = n, time.time()
        longest = max(longest, time.time() - last_t)
    stalls.append((phase, longest))


def phase_line(phase, before):
    say("%-34s %4d counter payments acknowledged, %3d orders paid; connections: %s"
        % (phase, ct.figures["counter_acked"] - before[0],
           ct.figures["orders_paid_at_gateway"] - before[1], connections()))


def snapshot():
    return ct.figures["counter_acked"], ct.figures["orders_paid_at_gateway"]


def phase(name, label):
    """PHASE_S seconds of load, then its line of figures."""
    before = snapshot()
    load_for(name, PHASE_S)
    phase_line(label, before)


def lose_writer():
    """db1's MariaDB: SIGKILL, kept down, then back."""
    sv = os.path.join(node_var(1), "sv", "mariadbd")
    pid = recorded(node_var(1), "mariadbd")
    if pid is None:
        ct.problems.append("db1's mariadbd recorded no live pid")
        return
    subprocess.run(["sv", "once", sv], check=True, capture_output=True)
    os.kill(pid, signal.SIGKILL)
    say("db1 (the writer) killed: mariadbd pid %d, SIGKILL, kept down" % pid)
    phase("db1 down", "while db1 was down:")
    subprocess.run(["sv", "up", sv], check=True, capture_output=True)
    start = time.time()
    if not ct.wait_for(lambda: synced(1), 300):
        ct.problems.append("db1 did not rejoin in 300 s")
        return
    say("db1 brought back: synced again after %.1f s" % (time.time() - start))
    phase("db1 back", "after db1 came back:")


def lose_app_host():
    """Every process of app1, SIGKILL, its supervisor first; then started
    again."""
    var = os.path.join(CV, "app1")
    names = ["runsvdir"] + sorted(f[:-len(".runsv.pid")] + ".runsv"
                                  for f in os.listdir(os.path.join(var, "run"))
                                  if f.endswith(".runsv.pid"))
    names += [n[:-len(".runsv")] for n in names[1:]]
    killed = []
    for name in names:
        pid = recorded(var, name)
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            killed.append("%s %d" % (name, pid))
    say("app1 lost: SIGKILL to %s" % ", ".join(killed))
    phase("app1 down", "while app1 was down:")
    start = time.time()
    p = cluster("start")
    if p.returncode != 0:
        ct.problems.append("app1 did not start again:\n" + p.stdout + p.stderr)
        return
    say("app1 started again in %.1f s" % (time.time() - start))
    phase("app1 back", "after app1 came back:")


def agree():
    """The money tables' checksums (CHECKSUM TABLE) on every node, taken
    again until they agree (a node applies what another committed a
    moment later; the worker still writes), for at most 120 s; the
    differences, if they never did."""
    bad = []

    def same():
        sums = {n: sql_node(n, "CHECKSUM TABLE " + MONEY_TABLES) for n in NODES}
        bad[:] = ["db%d's tables differ from db1's: %s vs %s" % (n, sums[n], sums[1])
                  for n in NODES[1:] if sums[n] != sums[1]]
        return not bad
    ct.wait_for(same, 120)
    return bad


def run():
    global node_only
    work, owners = ct.load_targets()
    if not work or not all(hh for _, hh in work) or len(owners) < ct.ONLINE_THREADS:
        say("the demo data has no households to pay for")
        return 1
    ct.figures["first_payment"] = int(sql_any("SELECT COALESCE(MAX(id), 0) FROM payments")[0][0])
    if not ct.sandbox_duplicates(3):
        return 1
    threads = [threading.Thread(target=ct.guard, args=(ct.counter, c, hh), daemon=True)
               for c, hh in work]
    threads += [threading.Thread(target=ct.guard,
                                 args=(ct.online, owners[i::ct.ONLINE_THREADS]),
                                 daemon=True) for i in range(ct.ONLINE_THREADS)]
    started = time.time()
    for t in threads:
        t.start()
    phase("warm-up", "warm-up:")
    lose_writer()
    if not ct.problems:
        lose_app_host()
    before = snapshot()
    load_for("last stretch", PHASE_S // 2)
    phase_line("last stretch:", before)
    ct.stop_load.set()
    for t in threads:
        t.join(ct.RETRIES * 2 + 90)
    took = time.time() - started
    if not ct.wait_for(ct.healthy, ct.BACK_WITHIN):
        ct.problems.append("the cluster does not answer after the load")
    ct.settle()

    failed = False
    per_node = {}
    for n in NODES:
        node_only = n
        ct.VAR = node_var(n)
        per_node[n] = ct.checks()
    node_only = None
    ct.VAR = node_var(1)
    disagree = agree()

    f = ct.figures
    print()
    print("cluster-test figures (seed %d, %.0f s of load, %s, %d CPUs):"
          % (ct.SEED, took, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
             os.cpu_count() or 0))
    print("  counter payments: %d attempted, %d acknowledged (%d of them on a sending"
          " again), %d sendings again after an error, %d refused, %d given up"
          % (f["counter_attempted"], f["counter_acked"], f["counter_acked_dup"],
             f["counter_resent"], f["counter_refused"], f["counter_given_up"]))
    print("  online orders: %d opened, %d paid at the gateway (notifications 3 times"
          " at once), %d tries broken by an error and retried"
          % (f["orders_opened"], f["orders_paid_at_gateway"], f["online_errors_retried"]))
    print("  longest wait between two acknowledged counter payments: %s"
          % ", ".join("%s %.1f s" % s for s in stalls))
    for p in ct.problems:
        print("  PROBLEM: " + p)
        failed = True
    for n in NODES:
        print("  on db%d:" % n)
        for name, bad, example in per_node[n]:
            print("    %-56s %d%s" % (name + ":", bad, "  e.g. %s" % (example,) if bad else ""))
            failed = failed or bad != 0
    print("  %-58s %d%s" % ("nodes disagreeing (CHECKSUM TABLE of the money tables):",
                             len(disagree), "  " + "; ".join(disagree) if disagree else ""))
    failed = failed or bool(disagree)
    print("cluster-test: %s" % ("FAILED" if failed else "ok"))
    return 1 if failed else 0


def main():
    os.chdir(ROOT)
    lockf = open(LOCK, "a")
    say("waiting for %s" % LOCK)
    fcntl.flock(lockf, fcntl.LOCK_EX)
    if os.path.isdir(CV):
        cluster("stop")
        subprocess.run(["rm", "-rf", CV], check=True)
    ct.PORT = ct.free_port()
    say("seed %d, phases of %d s, the front on port %d under %s"
        % (ct.SEED, PHASE_S, ct.PORT, CV))
    start = time.time()

    def body():
        say("the cluster is up after %.0f s" % (time.time() - start))
        return run()
    try:
        return ct.started_run("cluster", say,
                              lambda: cluster("start", env={"PORT": str(ct.PORT)}),
                              lambda: cluster("stop"), body)
    finally:
        lockf.close()


if __name__ == "__main__":
    sys.exit(main())
