#!/usr/bin/env python3
"""crash-test.py - make crash-test (issue 14): money under kill -9.

Starts a private stack under var/crash (scripts/stack.sh start), holding
/tmp/propfee-stack.lock for the whole run, and drives a steady stream of
payments at it from a few threads:
  - counter payments: a collector's pay form, each with its own
    form_token; a request that fails (connection lost, 5xx) is sent again
    with the same form and token, as a collector would press again; a
    303 to the receipt is an acknowledged payment;
  - online orders: an owner opens an order, pays it at the sandbox
    gateway's cashier (Alipay or WeChat Pay); the sandbox sends every
    notification three times at once, and again on its schedule until
    answered.
Meanwhile it kills a random supervised process (the owner and staff
FastCGI programs, the worker, mariadbd; each once among the first four,
mariadbd among the first three) with SIGKILL, by the pid in
var/crash/run/NAME.pid, KILLS times (default 30), a few seconds apart,
waiting each time for the process to be started again and for /healthz.
Then it stops the load, waits for every order the gateway took money for
to be settled, checks and prints:
  - acknowledged payments missing (0), or with another amount (0)
  - payments recorded twice for one form_token or out_trade_no (0)
  - orders paid at the gateway without exactly one payment (0)
  - receipt-number gaps or repeats per estate and year (0)
  - scripts/check-ledger.sh clean
and the figures of the run; exits 1 when a check fails. The stack is
stopped by pid at the end, on failure too.

  KILLS=n        number of kills (KILLS=3: a smoke run of a minute or so)
  CRASH_PORT=n   nginx's port (default: a free one)
  SEED=n         the random choices (default: the time; printed)
  KEEP=1         leave the stack running at the end (to look at it)

Python 3 standard library only.
"""

import fcntl
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VAR = os.path.join(ROOT, "var", "crash")
LOCK = "/tmp/propfee-stack.lock"
PASSWORD = "propfee-demo"
TARGETS = ("owner", "staff", "worker", "pdf", "mariadbd")
KILLS = int(os.environ.get("KILLS", "30"))
SEED = int(os.environ.get("SEED", str(int(time.time()))))
NOTE = "crash-test "          # + the form token: the note of each counter payment
COUNTER_THREADS = 3
ONLINE_THREADS = 2
RETRIES = 60                   # sendings of one form before giving it up
BACK_WITHIN = 120              # seconds a killed process has to come back

PORT = 0
stop_load = threading.Event()
lock = threading.Lock()
figures = {
    "counter_attempted": 0,    # forms filled in (one token each)
    "counter_acked": 0,        # 303 to a receipt
    "counter_acked_dup": 0,    # ... of those, the answer to a sending again
    "counter_resent": 0,       # sendings again after an error
    "counter_refused": 0,      # 4xx: nothing taken, a new form next
    "counter_given_up": 0,     # never answered after RETRIES sendings
    "counter_page_failed": 0,  # the pay page never came (no form sent)
    "orders_opened": 0,
    "orders_paid_at_gateway": 0,
    "online_errors_retried": 0,
    "online_given_up": 0,
}
acked = {}                     # token -> (receipt id, amount in fen)
sent_amounts = {}              # token -> amount in fen (every form sent)
gateway_paid = []              # out_trade_no the gateway took money for
kills = {t: 0 for t in TARGETS}
problems = []


def say(msg):
    print("crash-test: " + msg, flush=True)


def bump(key, n=1):
    with lock:
        figures[key] += n


# ---- the stack ------------------------------------------------------------

def stack(cmd, *args, env=None):
    return subprocess.run([os.path.join(ROOT, "scripts", "stack.sh"), cmd, VAR] +
                          list(args), env=env, capture_output=True, text=True)


def sql(query):
    out = subprocess.run(["mariadb", "--defaults-file=" + os.path.join(VAR, "my.cnf"),
                          "-uroot", "propfee", "-N", "-B", "-e", query],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def sql_retry(query, seconds=120):
    """sql(), again while the database is down (it is being killed)."""
    end = time.time() + seconds
    while True:
        try:
            return sql(query)
        except subprocess.CalledProcessError:
            if time.time() > end:
                raise
            time.sleep(0.5)


def conf(key):
    with open(os.path.join(VAR, "propfee.conf")) as f:
        for line in f:
            if line.startswith(key + "="):
                return line.strip().split("=", 1)[1]
    raise SystemExit("crash-test: no %s in propfee.conf" % key)


def recorded(name):
    """The pid service `name` recorded, if it is a live process of this
    stack (its command line names a file under VAR), else None."""
    try:
        with open(os.path.join(VAR, "run", name + ".pid")) as f:
            pid = int(f.read().strip())
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            cmdline = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
        with open("/proc/%d/stat" % pid) as f:
            state = f.read().rsplit(") ", 1)[1][0]
    except (OSError, ValueError, IndexError):
        return None
    if state == "Z" or (VAR + "/") not in cmdline:
        return None
    return pid


def healthy():
    for path in ("/healthz", "/staff/healthz"):
        try:
            st, _, _ = request("GET", path)
        except OSError:
            return False
        if st != 200:
            return False
    return True


def wait_for(fn, seconds):
    end = time.time() + seconds
    while not fn():
        if time.time() > end:
            return False
        time.sleep(0.2)
    return True


# ---- HTTP -------------------------------------------------------------------

def request(method, path, body=None, cookies=None, host=None, port=None):
    """(status, headers dict lower-cased, body text); OSError when the
    connection fails."""
    h = http.client.HTTPConnection(host or "127.0.0.1", port or PORT, timeout=30)
    hdr = {"User-Agent": "propfee-crash-test"}
    if cookies:
        hdr["Cookie"] = "; ".join("%s=%s" % kv for kv in cookies.items())
    if body is not None:
        hdr["Content-Type"] = "application/x-www-form-urlencoded"
        body = urllib.parse.urlencode(body).encode()
    try:
        h.request(method, path, body=body, headers=hdr)
        r = h.getresponse()
        data = r.read().decode("utf-8", "replace")
        headers = {}
        for k, v in r.getheaders():
            if k.lower() == "set-cookie" and cookies is not None:
                name, _, rest = v.partition("=")
                value = rest.split(";")[0]
                if "Max-Age=0" in v or value == "":
                    cookies.pop(name, None)
                else:
                    cookies[name] = value
            headers[k.lower()] = v
        return r.status, headers, data
    except http.client.HTTPException as e:
        raise OSError(str(e))
    finally:
        h.close()


def field(name, body):
    m = re.search(r'name="%s" value="([^"]*)"' % name, body)
    return m.group(1).replace("&amp;", "&") if m else None


class Session:
    """A logged-in browser that logs in again whenever it must."""

    def __init__(self, kind, who):
        self.kind, self.who, self.cookies = kind, who, {}

    def login(self):
        path = "/staff/login" if self.kind == "staff" else "/login"
        for _ in range(RETRIES):
            try:
                self.cookies.clear()
                st, _, body = request("GET", path, cookies=self.cookies)
                if st == 200 and field("csrf", body):
                    form = {"csrf": field("csrf", body), "password": PASSWORD}
                    if self.kind == "staff":
                        form.update(username=self.who, next="/staff/households")
                    else:
                        form.update(phone=self.who, next="/")
                    st, hd, _ = request("POST", path, form, cookies=self.cookies)
                    if st == 303 and "login" not in hd.get("location", ""):
                        return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("%s %s cannot log in" % (self.kind, self.who))

    def get(self, path):
        """A page that answers 200, logging in again when sent to the
        login; None after RETRIES errors."""
        for _ in range(RETRIES):
            try:
                st, hd, body = request("GET", path, cookies=self.cookies)
                if st == 200:
                    return body
                if st in (302, 303) and "login" in hd.get("location", ""):
                    self.login()
                    continue
            except OSError:
                pass
            time.sleep(0.5)
        return None


# ---- the load -------------------------------------------------------------------

def counter(collector, households):
    s = Session("staff", collector)
    s.login()
    rnd = random.Random("%d %s" % (SEED, collector))
    while not stop_load.is_set():
        pid, payer = rnd.choice(households)
        body = s.get("/staff/households/%s/pay" % pid)
        if body is None or not field("form_token", body):
            bump("counter_page_failed")
            continue
        token = field("form_token", body)
        fen = rnd.randint(100, 99999)
        form = {"csrf": field("csrf", body), "form_token": token,
                "amount": "%d.%02d" % (fen // 100, fen % 100), "channel": "cash",
                "payer": payer, "note": NOTE + token, "again": "1", "online_ok": "1"}
        bump("counter_attempted")
        with lock:
            sent_amounts[token] = fen
        for attempt in range(RETRIES):
            if attempt:
                bump("counter_resent")
                time.sleep(0.5)
            try:
                st, hd, _ = request("POST", "/staff/households/%s/pay" % pid, form,
                                    cookies=s.cookies)
            except OSError:
                continue
            loc = hd.get("location", "")
            m = re.match(r"/staff/receipts/(\d+)\?(new|dup)=1$", loc)
            if st == 303 and m:
                with lock:
                    acked[token] = (int(m.group(1)), fen)
                    figures["counter_acked"] += 1
                    if m.group(2) == "dup":
                        figures["counter_acked_dup"] += 1
                break
            if st in (302, 303) and "login" in loc:
                s.login()      # the session is gone; the same form again
                continue
            if 400 <= st < 500:
                bump("counter_refused")
                break
            # 5xx (502 while a program restarts, 503 while the database
            # does): the same form again
        else:
            bump("counter_given_up")


def online(owners):
    rnd = random.Random("%d online %s" % (SEED, owners[0][0]))
    sandbox = urllib.parse.urlsplit(conf("sandbox_url"))
    sessions = {}
    while not stop_load.is_set():
        phone, pid = rnd.choice(owners)
        s = sessions.get(phone)
        if s is None:
            s = sessions[phone] = Session("owner", phone)
            s.login()
        ch = rnd.choice(("alipay", "wechat"))
        try:
            otn = open_and_pay(s, pid, ch, sandbox)
        except OSError:
            otn = None
        if otn is None:
            bump("online_errors_retried")
            time.sleep(0.5)
            continue
        # the order paid before the household's next one (its pay page
        # refuses while one is open); the rest is settled at the end
        deadline = time.time() + 60
        while not stop_load.is_set() and time.time() < deadline:
            try:
                if sql("SELECT status FROM pay_orders WHERE out_trade_no = '%s'"
                       % otn) == [["paid"]]:
                    break
            except subprocess.CalledProcessError:
                pass
            time.sleep(0.5)


def open_and_pay(s, pid, ch, sandbox):
    """Opens an order for a month ahead and pays it at the cashier: its
    out_trade_no once the gateway took the money, else None."""
    body = s.get("/premises/%s/pay" % pid)
    if body is None or not field("opened", body):
        return None
    st, hd, _ = request("POST", "/premises/%s/pay" % pid,
                        {"csrf": field("csrf", body), "opened": field("opened", body),
                         "what": "prepay", "months": "1", "channel": ch},
                        cookies=s.cookies)
    m = re.match(r"/pay/(P[0-9a-f]+)$", hd.get("location", ""))
    if st == 303 and m:
        otn = m.group(1)
        bump("orders_opened")
    else:
        # Refused while an order of the household is open (one whose
        # first sending was answered by an error, or whose way to the
        # gateway was): that one is paid instead, unless the gateway
        # took money for it already.
        rows = sql_retry("SELECT out_trade_no FROM pay_orders WHERE premises_id = %s"
                         " AND status IN ('created', 'paying') ORDER BY id" % pid)
        with lock:
            rows = [o for (o,) in rows if o not in gateway_paid]
        if not rows:
            return None
        otn = rows[0]
        ch = sql_retry("SELECT channel FROM pay_orders WHERE out_trade_no = '%s'"
                       % otn)[0][0]
    st, hd, _ = request("GET", "/pay/%s/go" % otn, cookies=s.cookies)
    url = urllib.parse.urlsplit(hd.get("location", ""))
    if st != 302 or url.port != sandbox.port:
        return None
    st, _, cashier = request("GET", url.path + "?" + url.query,
                             host=url.hostname, port=url.port)
    back = field("back", cashier)
    if st != 200 or back is None:
        return None
    st, _, _ = request("POST", "/%s/pay" % ch, {"out_trade_no": otn, "back": back},
                       host=sandbox.hostname, port=sandbox.port)
    if st != 302:
        return None
    with lock:
        gateway_paid.append(otn)
        figures["orders_paid_at_gateway"] += 1
    return otn


# ---- the kills -------------------------------------------------------------------

def kill_order(rnd):
    """KILLS names: each target once first, in a random order with
    mariadbd among the first three (so that a smoke run of 3 kills takes
    the database down too), then random ones."""
    first = list(TARGETS)
    rnd.shuffle(first)
    if first.index("mariadbd") == 3:
        i = rnd.randrange(3)
        first[i], first[3] = first[3], first[i]
    return (first + [rnd.choice(TARGETS) for _ in range(KILLS)])[:KILLS]


def kill_loop(rnd):
    for n, name in enumerate(kill_order(rnd)):
        time.sleep(rnd.uniform(2, 5))      # load flows between kills
        pid = recorded(name)
        if pid is None:
            wait_for(lambda: recorded(name), BACK_WITHIN)
            pid = recorded(name)
        if pid is None:
            problems.append("%s recorded no live pid" % name)
            return
        os.kill(pid, signal.SIGKILL)
        kills[name] += 1
        start = time.time()
        back = wait_for(lambda: recorded(name) not in (None, pid), BACK_WITHIN) and \
            wait_for(healthy, BACK_WITHIN)
        say("kill %d/%d: %s (pid %d) -> pid %s, answering again after %.1f s"
            % (n + 1, KILLS, name, pid, recorded(name), time.time() - start))
        if not back:
            problems.append("%s (pid %d) killed: not back in %d s" % (name, pid, BACK_WITHIN))
            return


# ---- the checks -------------------------------------------------------------------

def checks():
    results = []

    def result(name, bad, example=""):
        results.append((name, bad, example))

    rows = sql("SELECT p.note, r.id, p.amount_fen FROM payments p JOIN receipts r"
               " ON r.payment_id = p.id WHERE p.note LIKE '%s%%'" % NOTE)
    by_token = {}
    for note, rid, fen in rows:
        by_token.setdefault(note[len(NOTE):], []).append((int(rid), int(fen)))
    missing = [t for t, (rid, _) in acked.items()
               if rid not in [r for r, _ in by_token.get(t, [])]]
    result("acknowledged payments missing", len(missing), missing[:3])
    wrong = [t for t, (rid, fen) in acked.items()
             if any(r == rid and f != fen for r, f in by_token.get(t, []))]
    result("acknowledged payments with another amount", len(wrong), wrong[:3])
    twice = [t for t, v in by_token.items() if len(v) > 1]
    result("payments recorded twice for one form_token", len(twice), twice[:3])
    stray = [t for t in by_token if t not in sent_amounts]
    result("payments of forms never sent", len(stray), stray[:3])
    figures["by_estate"] = sql("SELECT estate_id, COUNT(*) FROM payments WHERE id > %d"
                               " GROUP BY estate_id ORDER BY estate_id"
                               % figures["first_payment"])
    figures["counter_recorded"] = len(by_token)
    figures["counter_recorded_unacked"] = len([t for t in by_token if t not in acked])
    twice = sql("SELECT note, COUNT(*) FROM payments WHERE note LIKE 'online order %'"
                " GROUP BY note HAVING COUNT(*) > 1")
    result("payments recorded twice for one out_trade_no", len(twice), twice[:3])
    paid = dict(sql("SELECT SUBSTRING(note, 14), COUNT(*) FROM payments"
                    " WHERE note LIKE 'online order %' GROUP BY note"))
    status = dict(sql("SELECT out_trade_no, status FROM pay_orders"))
    notpaid = [o for o in gateway_paid if paid.get(o) != "1" or status.get(o) != "paid"]
    result("orders paid at the gateway without exactly one payment", len(notpaid),
           [(o, paid.get(o), status.get(o)) for o in notpaid[:3]])
    gaps = sql("SELECT estate_id, year, COUNT(*), COUNT(DISTINCT seq), MAX(seq)"
               " FROM receipts GROUP BY estate_id, year"
               " HAVING COUNT(*) <> MAX(seq) OR COUNT(DISTINCT seq) <> COUNT(*)")
    result("estates and years with receipt-number gaps or repeats", len(gaps), gaps[:3])
    p = subprocess.run([os.path.join(ROOT, "scripts", "check-ledger.sh"), VAR],
                       capture_output=True, text=True)
    bad = [line for line in p.stdout.splitlines() if not line.startswith("ok")]
    result("ledger checks failing (scripts/check-ledger.sh)",
           len(bad) or (1 if p.returncode else 0), bad[:3])
    return results


def settle():
    """Waits (up to 5 minutes) until every order the gateway took money
    for is paid: the sandbox's notifications again, or the worker's
    query."""
    def settled():
        todo = [o for o in gateway_paid]
        if not todo:
            return True
        rows = sql_retry("SELECT COUNT(*) FROM pay_orders WHERE status = 'paid'"
                         " AND out_trade_no IN (%s)" % ",".join("'%s'" % o for o in todo))
        return int(rows[0][0]) == len(todo)
    start = time.time()
    ok = wait_for(settled, 300)
    say("open orders settled after %.1f s%s" % (time.time() - start,
                                                 "" if ok else " (NOT ALL)"))


# ---- main -------------------------------------------------------------------------

def load_targets():
    """Counter households per collector (of the estates the collector
    works in) with their first payer, and owners' households for online
    orders (households with one owner, owning nothing else)."""
    # two of the demo's collectors of 金湖苑 and the one of the other
    # estate: two estates' receipt numbers under load
    collectors = [r[0] for r in sql(
        "SELECT username FROM staff WHERE username IN ('shoufei1', 'shoufei2',"
        " 'cuihu1') ORDER BY username")]
    owners = sql("SELECT o.phone, p.id FROM premises p"
                 " JOIN buildings b ON b.id = p.building_id"
                 " JOIN premises_owners po ON po.premises_id = p.id AND po.is_primary = 1"
                 " JOIN owners o ON o.id = po.owner_id"
                 " WHERE (SELECT COUNT(*) FROM premises_owners y WHERE y.owner_id = o.id) = 1"
                 " ORDER BY o.id LIMIT %d" % (3 * ONLINE_THREADS))
    taken = {pid for _, pid in owners}
    work = []
    for c in collectors:
        hh = [(pid, payer) for pid, payer in sql(
            "SELECT p.id, MIN(po.owner_id) FROM premises p"
            " JOIN buildings b ON b.id = p.building_id"
            " JOIN premises_owners po ON po.premises_id = p.id"
            " WHERE b.estate_id IN (SELECT estate_id FROM staff_estates se"
            " JOIN staff s ON s.id = se.staff_id WHERE s.username = '%s')"
            " GROUP BY p.id ORDER BY p.id" % c) if pid not in taken]
        work.append((c, hh))
    return work, owners


def main():
    global PORT
    os.chdir(ROOT)
    lockf = open(LOCK, "a")
    say("waiting for %s" % LOCK)
    fcntl.flock(lockf, fcntl.LOCK_EX)
    if os.path.isdir(VAR):
        stack("stop")
        subprocess.run(["rm", "-rf", VAR], check=True)
    PORT = int(os.environ.get("CRASH_PORT") or free_port())
    say("seed %d, %d kills, stack on port %d under %s" % (SEED, KILLS, PORT, VAR))
    try:
        return started_run("stack", say,
                           lambda: stack("start", str(PORT), env=dict(os.environ, THREADS="8")),
                           lambda: stack("stop"), run)
    finally:
        lockf.close()


def started_run(what, log, start, stop, body):
    """Starts `what` (start(): a CompletedProcess), runs body() for the
    exit code and stops it (stop()) at the end, on failure too, unless
    KEEP=1; `log` says what failed. Also used by scripts/soak.py and
    scripts/cluster-test.py."""
    rc = 1
    try:
        p = start()
        if p.returncode != 0:
            log("the %s did not start:\n%s%s" % (what, p.stdout, p.stderr))
            return 1
        rc = body()
    finally:
        if os.environ.get("KEEP") != "1":
            p = stop()
            if p.returncode != 0:
                log("stopping the %s failed:\n%s%s" % (what, p.stdout, p.stderr))
                rc = 1
    return rc


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def sandbox_duplicates(n):
    """Asks the sandbox gateway to send every notification n times at
    once (also used by scripts/cluster-test.py). True when it agreed."""
    sandbox = urllib.parse.urlsplit(conf("sandbox_url"))
    h = http.client.HTTPConnection(sandbox.hostname, sandbox.port, timeout=10)
    h.request("POST", "/_control", body=json.dumps({"duplicates": n}))
    ok = h.getresponse().status == 200
    h.close()
    if not ok:
        say("the sandbox refused its control")
    return ok


def run():
    work, owners = load_targets()
    if len(work) < 1 or not all(hh for _, hh in work) or len(owners) < ONLINE_THREADS:
        say("the demo data has no households to pay for: %r %r" % (work, owners))
        return 1
    figures["first_payment"] = int(sql("SELECT COALESCE(MAX(id), 0) FROM payments")[0][0])
    if not sandbox_duplicates(3):
        return 1

    threads = [threading.Thread(target=guard, args=(counter, c, hh), daemon=True)
               for c, hh in work]
    threads += [threading.Thread(target=guard, args=(online, owners[i::ONLINE_THREADS]),
                                 daemon=True) for i in range(ONLINE_THREADS)]
    started = time.time()
    for t in threads:
        t.start()
    kill_loop(random.Random(SEED))
    time.sleep(3)                        # a last stretch of load after the last kill
    stop_load.set()
    for t in threads:
        t.join(RETRIES * 2 + 90)
    took = time.time() - started
    if not wait_for(healthy, BACK_WITHIN):
        problems.append("the stack does not answer after the load")
    settle()

    results = checks()
    print()
    print("crash-test figures (seed %d, %.0f s of load, %s, %d CPUs):"
          % (SEED, took, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
             os.cpu_count() or 0))
    print("  kills: %d (%s)" % (sum(kills.values()),
                                ", ".join("%s %d" % kv for kv in kills.items())))
    f = figures
    print("  counter payments: %d attempted, %d acknowledged (%d of them on a sending"
          " again), %d sendings again after an error, %d refused, %d given up;"
          " %d pay pages that never came; %d recorded (%d of them never acknowledged"
          " to the client)"
          % (f["counter_attempted"], f["counter_acked"], f["counter_acked_dup"],
             f["counter_resent"], f["counter_refused"], f["counter_given_up"],
             f["counter_page_failed"],
             f["counter_recorded"], f["counter_recorded_unacked"]))
    print("  online orders: %d opened, %d paid at the gateway (each notification sent"
          " 3 times at once), %d tries broken by an error and retried"
          % (f["orders_opened"], f["orders_paid_at_gateway"], f["online_errors_retried"]))
    print("  payments made in the run, by estate: %s"
          % ", ".join("estate %s %s" % tuple(r) for r in f["by_estate"]))
    failed = bool(problems)
    for p in problems:
        print("  PROBLEM: " + p)
    for name, bad, example in results:
        print("  %-56s %d%s" % (name + ":", bad, "  e.g. %s" % (example,) if bad else ""))
        failed = failed or bad != 0
    print("crash-test: %s" % ("FAILED" if failed else "ok"))
    return 1 if failed else 0


def guard(fn, *args):
    try:
        fn(*args)
    except Exception as e:   # noqa: BLE001 - a dead load thread is a finding
        problems.append("load thread %s stopped: %r" % (fn.__name__, e))


if __name__ == "__main__":
    sys.exit(main())
