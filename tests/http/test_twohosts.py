"""test_twohosts.py - two app hosts against one database (issue 9,
multi-host); an app host whose first database node is down works on the
next (issue 14, db_nodes). A second app host is started from the same tree with a var
folder of its own (scripts/stack.sh apphost: nginx and both programs, the
programs listening on TCP) and the test stack's MariaDB over TCP;
collectors log in on each host and take counter payments through both,
alternating and at the same time, and every one gets its receipt with a
number of its own, the estate's numbers still without a gap. The second
host is stopped by its recorded pids at the end, pass or fail."""

import http.client
import os
import re
import shutil
import subprocess
import tempfile
import threading

from lib import ROOT, VAR, Client, check, sql, sql1, test, wait_for
from test_money import form_of, household_with_open_bills, pay, receipt_id

HOST2 = os.path.join(VAR, "host2")
STACK = os.path.join(ROOT, "scripts", "stack.sh")


class HostClient(Client):
    """A browser talking to the app host on `port`."""

    def __init__(self, port):
        super().__init__()
        self.port = port

    def conn(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)


def conf_value(path, key):
    with open(path) as f:
        for line in f:
            m = re.match(r"\s*%s\s*=\s*(\S+)" % re.escape(key), line)
            if m:
                return m.group(1)
    return None


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def running(pid):
    try:
        with open("/proc/%s/stat" % pid) as f:
            return f.read().rsplit(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


def recorded_pids(var):
    pids = []
    run = os.path.join(var, "run")
    for name in sorted(os.listdir(run)) if os.path.isdir(run) else []:
        if name.endswith(".pid"):
            with open(os.path.join(run, name)) as f:
                pids.append(f.read().strip())
    return pids


def start_host2(port, fresh=True, nodes=None):
    """The second app host on `port`; `nodes` (a function of the test
    stack's MariaDB port) gives its database address otherwise than
    127.0.0.1:PORT."""
    if fresh and os.path.isdir(HOST2):
        subprocess.run([STACK, "stop", HOST2], capture_output=True)
        shutil.rmtree(HOST2)
    db_port = conf_value(os.path.join(VAR, "my.cnf"), "port")
    check(db_port, "the test stack's MariaDB does not listen on TCP (my.cnf has no port)")
    env = dict(os.environ, THREADS="4",
               DB_PASSWORD=conf_value(os.path.join(VAR, "propfee.conf"), "db_password"))
    env.pop("TLS_PORT", None)
    db = nodes(db_port) if nodes else "127.0.0.1:" + db_port
    p = subprocess.run([STACK, "apphost", HOST2, str(port), db],
                       env=env, capture_output=True, text=True, timeout=120)
    check(p.returncode == 0, "the second app host did not start: %s %s",
          p.stdout[-500:], p.stderr[-500:])


def stop_host2():
    pids = recorded_pids(HOST2)
    p = subprocess.run([STACK, "stop", HOST2], capture_output=True, text=True, timeout=180)
    check(p.returncode == 0, "stop failed: %s", p.stderr[-500:])
    left = [pid for pid in pids if running(pid)]
    check(not left, "the second host left processes behind: %r", left)


def pay_posts(var):
    """How many payment forms the nginx of the host in `var` has passed on."""
    try:
        with open(os.path.join(var, "log", "access.log"), encoding="utf-8",
                  errors="replace") as f:
            return sum(1 for line in f
                       if re.search(r'"POST /staff/households/\d+/pay HTTP', line))
    except OSError:
        return 0


@test
def two_app_hosts_on_one_database_take_payments_with_gapless_receipt_numbers():
    port2 = free_port()
    try:
        start_host2(port2)
        conf2 = os.path.join(HOST2, "propfee.conf")
        check(re.match(r"127\.0\.0\.1:\d+$", conf_value(conf2, "owner_socket") or "")
              and re.match(r"127\.0\.0\.1:\d+$", conf_value(conf2, "staff_socket") or ""),
              "the second host's programs do not listen on TCP")
        check(conf_value(conf2, "db_host") == "127.0.0.1", "the second host's database is not TCP")
        check(HostClient(port2).get("/healthz").status == 200, "host B: healthz")
        check(HostClient(port2).get("/login").status == 200, "host B: owner login form")

        a = Client()
        check(a.login_staff("shoufei1").status == 303, "collector cannot log in on host A")
        b = HostClient(port2)
        check(b.login_staff("shoufei2").status == 303, "collector cannot log in on host B")
        check(b.get("/staff/households").status == 200, "host B: the household list")

        # Alternating, one at a time: A, B, A, B, A, B.
        posts_before = (pay_posts(VAR), pay_posts(HOST2))
        receipts = []
        for i in range(6):
            c = (a, b)[i % 2]
            pid = household_with_open_bills(1)
            r = pay(c, pid, "12.00")
            check(r.status == 303, "payment %d through host %s: %r", i, "AB"[i % 2], r)
            receipts.append(receipt_id(r))
            check(c.get(r.header("Location")).status == 200, "receipt page %d", i)
        # At the same time: two through each host.
        clients = [a, b, a, b]
        pids = [household_with_open_bills(1) for _ in clients]
        forms = [form_of(c.get("/staff/households/%s/pay" % p)) for c, p in zip(clients, pids)]
        results = [None] * len(clients)

        def go(i):
            results[i] = pay(clients[i], pids[i], "13.00", token=forms[i][1])
        threads = [threading.Thread(target=go, args=(i,)) for i in range(len(clients))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check(all(r is not None and r.status == 303 for r in results),
              "concurrent payments: %r", results)
        receipts += [receipt_id(r) for r in results]
        # (nginx logs a request just after its answer: wait for the line)
        for var, before in zip((VAR, HOST2), posts_before):
            check(wait_for(lambda: pay_posts(var) - before >= 5, 10),
                  "not 5 payments through the host of %s: %d", var,
                  pay_posts(var) - before)

        rows = sql("SELECT estate_id, year, seq FROM receipts WHERE id IN (%s)"
                   % ",".join(map(str, receipts)))
        check(len(rows) == 10, "not 10 receipts: %r", rows)
        check(len({tuple(r) for r in rows}) == 10, "receipt numbers repeat: %r", rows)
        for estate, year in {(r[0], r[1]) for r in rows}:
            seqs = [int(s) for (s,) in sql("SELECT seq FROM receipts WHERE estate_id = %s"
                                           " AND year = %s ORDER BY seq" % (estate, year))]
            check(seqs == list(range(1, len(seqs) + 1)),
                  "estate %s, %s: the receipt numbers have a gap or repeat" % (estate, year))
        check(sql1("SELECT COUNT(DISTINCT number) FROM receipts WHERE id IN (%s)"
                   % ",".join(map(str, receipts))) == "10", "printed numbers repeat")
    finally:
        stop_host2()


@test
def a_listen_address_neither_a_socket_path_nor_host_and_port_is_refused():
    d = tempfile.mkdtemp()
    try:
        conf = os.path.join(d, "conf")
        with open(os.path.join(VAR, "propfee.conf")) as f:
            lines = [l for l in f if not l.startswith("owner_socket=")]
        with open(conf, "w") as f:
            f.writelines(lines)
            f.write("owner_socket=run/owner.sock\n")
        p = subprocess.run([os.path.join(ROOT, "build", "propfee-owner"), "-c", conf],
                           capture_output=True, text=True, timeout=20)
        check(p.returncode != 0, "started anyway")
        check("run/owner.sock" in p.stderr and "HOST:PORT" in p.stderr,
              "no clear message: %r", p.stderr)
    finally:
        shutil.rmtree(d)


@test
def a_host_started_again_on_another_port_puts_that_port_in_receipt_links():
    # propfee.conf is written on the first start; its public_url (the
    # QR codes' and links' address) must follow the port of each start.
    first, second = free_port(), free_port()
    try:
        start_host2(first)
        stop_host2()
        start_host2(second, fresh=False)
        url = conf_value(os.path.join(HOST2, "propfee.conf"), "public_url")
        check(url == "http://127.0.0.1:%d" % second,
              "started again on %d, public_url is still %s", second, url)
    finally:
        stop_host2()


@test
def an_app_host_whose_first_database_node_is_down_works_on_the_next():
    # db_nodes lists a cluster's nodes, the writer first (core/db.c):
    # here a port nothing listens on, then the test stack's MariaDB (not
    # a Galera node: ready). The host serves and takes money through the
    # second, and says in its log that the first did not answer.
    port2, dead = free_port(), free_port()
    try:
        start_host2(port2, nodes=lambda p: "127.0.0.1:%d,127.0.0.1:%s" % (dead, p))
        conf2 = os.path.join(HOST2, "propfee.conf")
        check(conf_value(conf2, "db_nodes") == "127.0.0.1:%d,127.0.0.1:%s"
              % (dead, conf_value(os.path.join(VAR, "my.cnf"), "port")),
              "db_nodes not written: %r", conf_value(conf2, "db_nodes"))
        b = HostClient(port2)
        check(b.get("/healthz").status == 200, "healthz on the second node")
        check(b.login_staff("shoufei2").status == 303, "login on the second node")
        pid = household_with_open_bills(1)
        r = pay(b, pid, "12.00")
        check(r.status == 303, "payment: %r", r)
        check(b.get(r.header("Location")).status == 200, "its receipt")
        with open(os.path.join(HOST2, "log", "staff.log"), errors="replace") as f:
            log = f.read()
        check("node 127.0.0.1:%d" % dead in log, "the dead node is not named in the log")
    finally:
        stop_host2()
