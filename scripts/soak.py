#!/usr/bin/env python3
"""soak.py - make soak (issue 14): mixed load for SOAK_SECONDS, memory flat.

Starts a private stack under var/soak (scripts/stack.sh start), holding
/tmp/propfee-stack.lock for the whole run, and drives the load of a
working day at it from a few threads, with no pause between actions:
  - three collectors take counter payments (the pay form, its own
    form_token each; a connection failure or a 5xx sends the same form
    again, as crash-test does), then open the receipt, and every few
    payments print its PDF;
  - two owners' threads open online orders (Alipay, WeChat Pay), pay them
    at the sandbox gateway's cashier, which sends every notification
    three times at once, and wait on the order's page for the receipt,
    then download its PDF;
  - two owners' threads read as owners do: log in, the home page, a
    premises' bills, one bill, the receipts, one receipt's PDF (viewed or
    downloaded), the payments, the messages, log out;
  - a team lead (zuzhang) reads the arrears board of 锦华苑, its red
    tier and the KPI board; the admin the company-wide board (estate=0);
    a second between pages;
  - billing runs as a manager starts one, on /staff/billing: the preview
    of a month, 确认生成, then the run's progress page until it is done:
    jingli's 锦华苑 run of next month during the warm-up, and the admin's
    company-wide runs of the two months after that at a third and at two
    thirds of the measured time (three months ahead is the page's limit).
The measured SOAK_SECONDS start after a warm-up (SOAK_WARMUP seconds,
default 60, less for short runs, and at least until the warm-up's billing
run is done) that begins with bursts of receipt PDFs, twice as many at
once as each program has threads, so that every kind of work has been
done by every thread before the baseline. From then on the resident
memory (VmRSS in /proc/PID/status) of the owner and staff FastCGI
programs, propfee-worker and the PDF renderer propfee-pdf, by the pids
in var/soak/run/NAME.pid, is read every half
second; a sample is the lowest reading over 12 s (longer than the
programs' 10-s malloc_trim, so not a request's memory in flight): the
baseline over the first 12 s, one a minute, the end over the last 12 s,
printed as a table with the highest single reading. mariadbd's is
printed for information (its buffer pool fills as pages are read, by
design).

"Flat", the criterion: for each of owner, staff, worker and pdf, the highest
sample of the last third of the measured time <= the highest sample of
its first third (the baseline among them) + 10 % + 2 MB (2048 kB), and
the same process throughout (a restart would hide a leak and is a
crash). The upper envelopes are compared, not the last sample with the
first: in the first 10-minute run the staff program's samples swung
between 74 and 100 MB from one minute to the next with no trend (what is
left in malloc's two arenas depends on what was in flight at the trim),
so one sample against one sample judged that swing. A leak raises the
envelope; a short run (under 3 minutes: baseline and end only) compares
the end with the baseline.

An error is any 5xx, connection failure or unexpected status (a 4xx, a
redirect to the login, a page without what it must have) that was not
retried to success: connection failures and 5xx are sent again (the same
form, up to 20 times, half a second apart); other statuses are never
retried. Every response is counted by program and status, and nginx's
access log gives the statuses propfee answered the gateway's
notifications with (the gateway sends an unanswered one again; the money
checks below say whether every order was credited once).

After the load, the money checks of scripts/crash-test.py (loaded as a
module; its helpers do the requests, the SQL and the checks): every
acknowledged counter payment present once with its amount, every order
the gateway took money for paid exactly once, receipt numbers gapless per
estate and year, scripts/check-ledger.sh clean. Exits 1 when an error
was counted, a program was not flat or restarted, a billing run did not
finish, a load thread died, or a money check failed. The stack is stopped
by pid at the end, on failure too.

  SOAK_SECONDS=n  measured seconds of load (default 600)
  SOAK_WARMUP=n   seconds of load before the baseline (default 60; for
                  SOAK_SECONDS under 180, a quarter of it, at least 10)
  SOAK_PORT=n     nginx's port (default: a free one)
  SEED=n          the random choices (default: the time; printed)
  KEEP=1          leave the stack running at the end (to look at it)

Python 3 standard library only.
"""

import collections
import fcntl
import http.client
import importlib.util
import json
import os
import random
import re
import sys
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VAR = os.path.join(ROOT, "var", "soak")
LOCK = "/tmp/propfee-stack.lock"

_spec = importlib.util.spec_from_file_location(
    "crash_test", os.path.join(ROOT, "scripts", "crash-test.py"))
ct = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ct)

SOAK_SECONDS = int(os.environ.get("SOAK_SECONDS") or "600")
WARMUP = int(os.environ.get("SOAK_WARMUP") or
             (60 if SOAK_SECONDS >= 180 else max(10, SOAK_SECONDS // 4)))
SEED = int(os.environ.get("SEED") or str(int(time.time())))
SAMPLE_EVERY = 60         # a line of the memory table
READ_EVERY = 0.5          # a reading of each program's VmRSS
WINDOW = 12               # a sample: the lowest reading over this long
JUDGED = ("owner", "staff", "worker", "pdf")   # must stay flat
SAMPLED = JUDGED + ("mariadbd",)          # mariadbd: for information
FLAT_PCT = 10
FLAT_KB = 2048
RETRIES = 20              # sendings of one request (connection failure, 5xx)
OWNER_READERS = 2
THREADS = 8               # each FastCGI program's (stack.sh THREADS)
RUN_WAIT = 300            # seconds a billing run has to finish
PAID_WAIT = 60            # seconds the owner waits on the order's page

PORT = 0
stop_load = threading.Event()
lock = threading.Lock()
responses = collections.Counter()   # (program, status or "conn") -> n
actions = collections.Counter()     # "ok" / "retried" / "error"
figures = collections.Counter()
errors = []                         # (what, detail) of each error
problems = []
runs = []                           # the billing runs: dicts


def say(msg):
    print("soak: " + msg, flush=True)


def bump(key, n=1):
    with lock:
        figures[key] += n


# ---- HTTP, counted ------------------------------------------------------------

_request = ct.request


def counted_request(method, path, body=None, cookies=None, host=None, port=None):
    """crash-test's request(), each answer counted by program and status."""
    if port not in (None, PORT):
        prog = "sandbox"
    else:
        prog = "staff" if path.startswith("/staff") else "owner"
    try:
        st, hd, data = _request(method, path, body, cookies=cookies, host=host,
                                port=port)
    except OSError:
        with lock:
            responses[(prog, "conn")] += 1
        raise
    with lock:
        responses[(prog, st)] += 1
    return st, hd, data


ct.request = counted_request     # crash-test's helpers count too


def error(what, detail):
    with lock:
        actions["error"] += 1
        errors.append((what, detail))
        n = actions["error"]
    if n <= 20:         # the rest are counted, and listed at the end
        say("ERROR %s: %s" % (what, detail))


def send(what, method, path, form=None, cookies=None, expect=(200,), host=None,
         port=None):
    """One user action: the request, sent again (the same form) after a
    connection failure or a 5xx, up to RETRIES times. (status, headers,
    body), or None after an error (counted)."""
    failed = []
    for attempt in range(RETRIES):
        if attempt:
            time.sleep(0.5)
        try:
            st, hd, body = ct.request(method, path, form, cookies=cookies,
                                      host=host, port=port)
        except OSError as e:
            failed.append("connection: %s" % e)
            continue
        if st >= 500:
            failed.append(str(st))
            continue
        if st not in expect:
            error(what, "%s %s answered %d (expected %s)%s" % (
                method, path, st, "/".join(map(str, expect)),
                ", to " + hd["location"] if "location" in hd else ""))
            return None
        with lock:
            actions["retried" if failed else "ok"] += 1
            if failed:
                errors_retried.append((what, failed))
        return st, hd, body
    error(what, "%s %s: no answer in %d sendings: %s"
          % (method, path, RETRIES, ", ".join(failed[-3:])))
    return None


errors_retried = []      # (what, the failures before the answer)


class Browser:
    """One person's browser: a login and the cookies."""

    def __init__(self, kind, who):
        self.kind, self.who, self.cookies = kind, who, {}

    def login(self):
        path = "/staff/login" if self.kind == "staff" else "/login"
        self.cookies.clear()
        r = self.get(path, what="login page")
        if r is None:
            return False
        form = {"csrf": ct.field("csrf", r), "password": ct.PASSWORD}
        if self.kind == "staff":
            form.update(username=self.who, next="/staff/households")
        else:
            form.update(phone=self.who, next="/")
        r = send("log in (%s)" % self.who, "POST", path, form, cookies=self.cookies,
                 expect=(303,))
        if r is None:
            return False
        if "login" in r[1].get("location", ""):
            error("log in (%s)" % self.who, "sent back to " + r[1]["location"])
            return False
        return True

    def get(self, path, what=None, expect=(200,)):
        """The page's body, or None after an error."""
        r = send(what or ("GET " + path.split("?")[0]), "GET", path,
                 cookies=self.cookies, expect=expect)
        return None if r is None else r[2]

    def post(self, path, form, what, expect=(303,)):
        return send(what, "POST", path, form, cookies=self.cookies, expect=expect)

    def pdf(self, path, what):
        body = self.get(path, what)
        if body is None:
            return False
        if not body.startswith("%PDF-"):
            error(what, "%s is not a PDF: %r" % (path, body[:60]))
            return False
        bump("pdfs")
        return True


def ids(pattern, body):
    return sorted(set(int(x) for x in re.findall(pattern, body or "")))


# ---- the load ------------------------------------------------------------------

def counter(collector, households):
    b = Browser("staff", collector)
    if not b.login():
        return
    rnd = random.Random("%d %s" % (SEED, collector))
    while not stop_load.is_set():
        pid, payer = rnd.choice(households)
        path = "/staff/households/%s/pay" % pid
        body = b.get(path, "counter pay page")
        if body is None:
            continue
        token = ct.field("form_token", body)
        if not token:
            error("counter pay page", "%s has no form_token" % path)
            continue
        fen = rnd.randint(100, 99999)
        form = {"csrf": ct.field("csrf", body), "form_token": token,
                "amount": "%d.%02d" % (fen // 100, fen % 100), "channel": "cash",
                "payer": payer, "note": ct.NOTE + token, "again": "1", "online_ok": "1"}
        with lock:
            ct.sent_amounts[token] = fen
            ct.figures["counter_attempted"] += 1
        r = b.post(path, form, "counter payment")
        if r is None:
            continue
        m = re.match(r"/staff/receipts/(\d+)\?(new|dup)=1$", r[1].get("location", ""))
        if not m:
            error("counter payment", "303 to %r" % r[1].get("location"))
            continue
        rid = int(m.group(1))
        with lock:
            ct.acked[token] = (rid, fen)
            ct.figures["counter_acked"] += 1
        bump("counter_acked")
        if m.group(2) == "dup":
            bump("counter_acked_dup")
        b.get("/staff/receipts/%d?%s=1" % (rid, m.group(2)), "counter receipt page")
        if rnd.random() < 0.25:
            b.pdf("/staff/receipts/%d.pdf" % rid, "counter receipt PDF")


def online(owners):
    rnd = random.Random("%d online %s" % (SEED, owners[0][0]))
    sandbox = urllib.parse.urlsplit(ct.conf("sandbox_url"))
    browsers = {}
    while not stop_load.is_set():
        phone, pid = rnd.choice(owners)
        b = browsers.get(phone)
        if b is None:
            b = Browser("owner", phone)
            if not b.login():
                time.sleep(0.5)
                continue
            browsers[phone] = b
        otn = open_and_pay(b, pid, rnd.choice(("alipay", "wechat")), sandbox)
        if otn is None:
            time.sleep(0.5)
            continue
        # back from the cashier, the owner waits on the order's page
        # (it reloads) for the receipt
        end = time.time() + PAID_WAIT
        while time.time() < end:
            body = b.get("/pay/" + otn, "order page")
            if body is None:
                break
            if 'class="ok paid"' in body:
                bump("orders_paid_seen")
                rid = ids(r'href="/receipts/(\d+)\.pdf', body)
                if rid:
                    b.pdf("/receipts/%d.pdf?download=1" % rid[0], "online receipt PDF")
                break
            time.sleep(0.5)
        else:
            bump("orders_not_seen_paid")   # settled and checked at the end


def open_and_pay(b, pid, ch, sandbox):
    """An order for a month ahead, paid at the sandbox's cashier: its
    out_trade_no once the gateway took the money, else None."""
    path = "/premises/%s/pay" % pid
    body = b.get(path, "online pay page")
    if body is None:
        return None
    if not ct.field("opened", body):
        error("online pay page", "%s has no pay form" % path)
        return None
    r = b.post(path, {"csrf": ct.field("csrf", body), "opened": ct.field("opened", body),
                      "what": "prepay", "months": "1", "channel": ch}, "open an order")
    if r is None:
        return None
    m = re.match(r"/pay/(P[0-9a-f]+)$", r[1].get("location", ""))
    if not m:
        error("open an order", "303 to %r" % r[1].get("location"))
        return None
    otn = m.group(1)
    bump("orders_opened")
    r = send("to the gateway", "GET", "/pay/%s/go" % otn, cookies=b.cookies,
             expect=(302,))
    if r is None:
        return None
    url = urllib.parse.urlsplit(r[1].get("location", ""))
    if url.port != sandbox.port:
        error("to the gateway", "302 to %r" % r[1].get("location"))
        return None
    r = send("gateway cashier", "GET", url.path + "?" + url.query,
             host=url.hostname, port=url.port)
    back = r and ct.field("back", r[2])
    if back is None:
        if r is not None:
            error("gateway cashier", "no form on the cashier page")
        return None
    r = send("pay at the gateway", "POST", "/%s/pay" % ch,
             {"out_trade_no": otn, "back": back}, host=sandbox.hostname,
             port=sandbox.port, expect=(302,))
    if r is None:
        return None
    with lock:
        ct.gateway_paid.append(otn)
        ct.figures["orders_paid_at_gateway"] += 1
    bump("orders_paid_at_gateway")
    return otn


def owner_reader(owners, n):
    rnd = random.Random("%d reader %d" % (SEED, n))
    while not stop_load.is_set():
        b = Browser("owner", rnd.choice(owners))
        if not b.login():
            time.sleep(0.5)
            continue
        home = b.get("/", "owner home")
        premises = ids(r'href="/premises/(\d+)/bills"', home)
        if premises:
            bills = b.get("/premises/%d/bills" % rnd.choice(premises), "owner bills")
            one = ids(r'href="/bills/(\d+)"', bills)
            if one:
                b.get("/bills/%d" % rnd.choice(one), "owner bill")
        receipts = b.get("/receipts", "owner receipts")
        one = ids(r'href="/receipts/(\d+)\.pdf', receipts)
        if one:
            b.pdf("/receipts/%d.pdf%s" % (rnd.choice(one),
                                          rnd.choice(("", "?download=1"))),
                  "owner receipt PDF")
        b.get("/payments", "owner payments")
        last = b.get("/messages", "owner messages")
        csrf = ct.field("csrf", last or home or "")
        r = b.post("/logout", {"csrf": csrf or ""}, "log out")
        if r is not None and r[1].get("location") != "/login":
            error("log out", "303 to %r" % r[1].get("location"))
        bump("owner_visits")


def boards():
    lead, admin = Browser("staff", "zuzhang"), Browser("staff", "admin")
    if not (lead.login() and admin.login()):
        return
    pages = [(lead, "/staff/arrears?estate=1", "arrears board"),
             (lead, "/staff/arrears?estate=1&tier=red&all=1", "arrears board, red"),
             (lead, "/staff/kpi", "KPI board"),
             (admin, "/staff/arrears?estate=0", "arrears board, company"),
             (admin, "/staff/kpi?estate=2", "KPI board, 翠湖居")]
    while not stop_load.is_set():
        for b, path, what in pages:
            if stop_load.is_set():
                break
            if b.get(path, what) is not None:
                bump("board_pages")
            time.sleep(1)


def billing_run(b, estate, period):
    """A manager's billing run on /staff/billing: the preview, 确认生成,
    the progress page until done. Records it in runs; True when done."""
    run = {"by": b.who, "estate": estate, "period": period, "status": "not started",
           "bills": "", "seconds": 0.0}
    with lock:
        runs.append(run)
    what = "billing run %s estate %d" % (period, estate)
    body = b.get("/staff/billing?estate=%d&period=%s" % (estate, period),
                 "billing preview")
    if body is None:
        return False
    token = ct.field("form_token", body)
    if not token:
        error(what, "the preview offers no run")
        return False
    start = time.time()
    r = b.post("/staff/billing", {"csrf": ct.field("csrf", body), "form_token": token,
                                  "estate": str(estate), "period": period}, what)
    if r is None:
        return False
    loc = r[1].get("location", "")
    if not re.match(r"/staff/billing/runs/\d+$", loc):
        error(what, "303 to %r" % loc)
        return False
    run["status"] = "queued"
    run["outbox_then"] = outbox_waiting()
    while time.time() < start + RUN_WAIT:
        body = b.get(loc, "billing run page")
        if body is None:
            return False
        m = re.search(r'class="card run" data-status="(\w+)"', body)
        run["status"] = m.group(1) if m else "?"
        run["seconds"] = time.time() - start
        if run["status"] == "done":
            m = re.search(r'class="run-bills">(\d+)<', body)
            run["bills"] = m.group(1) if m else "?"
            return True
        if run["status"] not in ("queued", "running"):
            error(what, "the run ended %s" % run["status"])
            return False
        time.sleep(2)
    error(what, "not done in %d s" % RUN_WAIT)
    return False


def outbox_waiting():
    """Messages the worker has still to send (for the figures)."""
    try:
        return int(ct.sql("SELECT COUNT(*) FROM outbox WHERE status IN"
                          " ('pending', 'sending')")[0][0])
    except (ct.subprocess.CalledProcessError, IndexError, ValueError):
        return -1


def months_ahead(n):
    t = time.localtime()
    m = t.tm_year * 12 + t.tm_mon - 1 + n
    return "%04d-%02d" % (m // 12, m % 12 + 1)


def billing(measured_start):
    """jingli's run for next month (in the warm-up, run by main), then the
    admin's company-wide runs for the two months after it."""
    admin = Browser("staff", "admin")
    if not admin.login():
        return
    for frac, n in ((1 / 3, 2), (2 / 3, 3)):
        at = measured_start.wait() + frac * SOAK_SECONDS
        while not stop_load.is_set() and time.time() < at:
            time.sleep(0.5)
        if stop_load.is_set():
            return
        billing_run(admin, 0, months_ahead(n))


def warm_threads(readers):
    """Every FastCGI thread of the owner and staff programs asks for a
    receipt PDF: bursts of 2 x THREADS at once, three times. Before the
    renderer (propfee-pdf) drew them, cairo and pango kept caches per
    thread (the staff program's floor went from 27 to 82 MB over its
    first PDFs); the bursts still bring each thread and the renderer to
    its working size before the baseline."""
    owner = Browser("owner", readers[0])
    staff = Browser("staff", "shoufei1")
    if not (owner.login() and staff.login()):
        return
    mine = ids(r'href="/receipts/(\d+)\.pdf', owner.get("/receipts", "owner receipts"))
    theirs = [int(x) for (x,) in ct.sql(
        "SELECT r.id FROM receipts r WHERE r.estate_id = 1 ORDER BY r.id LIMIT 50")]
    if not mine or not theirs:
        problems.append("no receipts to warm the threads with")
        return
    for _ in range(3):
        burst = [threading.Thread(target=b.pdf, args=(path % rid, what))
                 for b, path, rid, what in
                 [(owner, "/receipts/%d.pdf", mine[i % len(mine)], "owner receipt PDF")
                  for i in range(2 * THREADS)] +
                 [(staff, "/staff/receipts/%d.pdf", theirs[i], "counter receipt PDF")
                  for i in range(2 * THREADS)]]
        for t in burst:
            t.start()
        for t in burst:
            t.join()


class When:
    """A moment another thread waits for."""

    def __init__(self):
        self.ev, self.t = threading.Event(), None

    def set(self, t):
        self.t = t
        self.ev.set()

    def wait(self):
        self.ev.wait()
        return self.t


def guard(fn, *args):
    try:
        fn(*args)
    except Exception as e:   # noqa: BLE001 - a dead load thread is a finding
        problems.append("load thread %s stopped: %r" % (fn.__name__, e))


# ---- memory -------------------------------------------------------------------

def rss():
    """{name: (pid, VmRSS kB)} of the sampled programs (None: not running)."""
    out = {}
    for name in SAMPLED:
        pid = ct.recorded(name)
        kb = None
        if pid is not None:
            try:
                with open("/proc/%d/status" % pid) as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            kb = int(line.split()[1])
            except OSError:
                pid = None
        out[name] = (pid, kb)
    return out


def sampler(readings, t0, done):
    """VmRSS of each program every READ_EVERY seconds from t0 until done."""
    while True:
        with lock:
            total = sum(responses.values())
        readings.append((time.time() - t0, rss(), total))
        if done.wait(READ_EVERY):
            return


def floors(readings, end):
    """The samples: (t, {name: lowest kB}, requests sent) at the start
    (the readings of the first WINDOW seconds), every SAMPLE_EVERY
    seconds and at the end (the last WINDOW seconds), each the lowest
    reading in its window."""
    marks = [WINDOW] + list(range(SAMPLE_EVERY, int(end - WINDOW), SAMPLE_EVERY)) + [end]
    out = []
    for m in marks:
        win = [r for r in readings if m - WINDOW - READ_EVERY <= r[0] <= m + READ_EVERY]
        if not win:
            continue
        low = {}
        for name in SAMPLED:
            kbs = [r[1][name][1] for r in win]
            low[name] = (None if None in kbs else min(kbs))
        out.append((win[-1][0], low, win[-1][2]))
    return out


def mb(kb):
    return "-" if kb is None else "%.1f" % (kb / 1024)


def memory_table(readings):
    end = readings[-1][0]
    samples = floors(readings, end)
    print("  memory: VmRSS in MB, each the lowest of the readings every %.1f s over"
          " the %d s up to t (longer than the programs' 10-s malloc_trim); t and the"
          " requests sent are counted from the end of the warm-up:" % (READ_EVERY, WINDOW))
    cols = " ".join(["%8s"] * len(SAMPLED))
    print(("    %7s  " + cols + " %9s") % ("t (s)", *SAMPLED, "requests"))
    for t, low, total in samples:
        print(("    %7.0f  " + cols + " %9d") % (t, *(mb(low[n]) for n in SAMPLED),
                                                  total - readings[0][2]))
    # the upper envelope: the highest sample of the last third against
    # the highest of the first third (with the baseline)
    first = [low for t, low, _ in samples if t <= end / 3] or [samples[0][1]]
    last = [low for t, low, _ in samples if t >= end * 2 / 3] or [samples[-1][1]]
    bad = []
    for name in SAMPLED:
        pids = {r[1][name][0] for r in readings}
        peak = max((r[1][name][1] or 0) for r in readings)
        fs, ls = [x[name] for x in first], [x[name] for x in last]
        if None in pids or None in fs or None in ls:
            verdict = "NOT RUNNING at a reading"
        elif len(pids) > 1:
            verdict = "RESTARTED (pids %s)" % ", ".join(map(str, sorted(pids)))
        else:
            b, e = max(fs), max(ls)
            limit = b + b * FLAT_PCT // 100 + FLAT_KB
            grew = "highest of the first third %s MB, of the last third %s MB: %+.1f MB," \
                " %+.1f %%" % (mb(b), mb(e), (e - b) / 1024, (e - b) * 100.0 / b)
            if name not in JUDGED:
                verdict = "%s (for information)" % grew
            elif e <= limit:
                verdict = "%s: flat (limit %s MB)" % (grew, mb(limit))
            else:
                verdict = "%s: NOT FLAT (limit %s MB)" % (grew, mb(limit))
        if name in JUDGED and ("NOT" in verdict or "RESTARTED" in verdict):
            bad.append(name)
        print("    %-9s start %s MB, end %s MB, highest reading %s MB; %s"
              % (name, mb(samples[0][1][name]), mb(samples[-1][1][name]), mb(peak),
                 verdict))
    return bad


# ---- main ---------------------------------------------------------------------

def access_log_from(offset):
    """Statuses nginx logged since offset: all requests, and propfee's
    answers to the gateway's notifications."""
    every, notify = collections.Counter(), collections.Counter()
    with open(os.path.join(VAR, "log", "access.log"), "rb") as f:
        f.seek(offset)
        for line in f:
            m = re.search(rb'"(\w+) (\S+) [^"]*" (\d{3}) ', line)
            if not m:
                continue
            st = int(m.group(3))
            every[st] += 1
            if m.group(1) == b"POST" and m.group(2).startswith(b"/notify/"):
                notify[st] += 1
    return every, notify


def main():
    global PORT
    os.chdir(ROOT)
    ct.VAR = VAR
    ct.NOTE = "soak "
    lockf = open(LOCK, "a")
    say("waiting for %s" % LOCK)
    fcntl.flock(lockf, fcntl.LOCK_EX)
    if os.path.isdir(VAR):
        ct.stack("stop")
        ct.subprocess.run(["rm", "-rf", VAR], check=True)
    PORT = ct.PORT = int(os.environ.get("SOAK_PORT") or ct.free_port())
    say("seed %d, %d s warm-up + %d s measured, stack on port %d under %s"
        % (SEED, WARMUP, SOAK_SECONDS, PORT, VAR))
    try:
        return ct.started_run(
            "stack", say,
            lambda: ct.stack("start", str(PORT), env=dict(os.environ, THREADS=str(THREADS))),
            lambda: ct.stack("stop"), run)
    finally:
        lockf.close()


def run():
    work, online_owners = ct.load_targets()
    if not work or not all(hh for _, hh in work) or len(online_owners) < 2:
        say("the demo data has no households to pay for: %r %r" % (work, online_owners))
        return 1
    taken = {phone for phone, _ in online_owners}
    readers = [phone for (phone,) in ct.sql(
        "SELECT DISTINCT o.phone FROM owners o"
        " JOIN premises_owners po ON po.owner_id = o.id"
        " JOIN payments p ON p.premises_id = po.premises_id"
        " JOIN receipts r ON r.payment_id = p.id"
        " WHERE o.phone <> '' ORDER BY o.phone LIMIT 60")
        if phone not in taken]
    if not readers:
        say("the demo data has no owners with receipts")
        return 1
    ct.figures["first_payment"] = int(
        ct.sql("SELECT COALESCE(MAX(id), 0) FROM payments")[0][0])
    sandbox = urllib.parse.urlsplit(ct.conf("sandbox_url"))
    h = http.client.HTTPConnection(sandbox.hostname, sandbox.port, timeout=10)
    h.request("POST", "/_control", body=json.dumps({"duplicates": 3}))
    if h.getresponse().status != 200:
        say("the sandbox refused its control")
        return 1
    h.close()
    with open(os.path.join(VAR, "log", "supervise.log"), "rb") as f:
        supervise_at = len(f.read())
    log_at = os.path.getsize(os.path.join(VAR, "log", "access.log"))

    measured = When()
    threads = [threading.Thread(target=guard, args=(counter, c, hh), daemon=True)
               for c, hh in work]
    threads += [threading.Thread(target=guard, args=(online, online_owners[i::2]),
                                 daemon=True) for i in range(2)]
    threads += [threading.Thread(target=guard, args=(owner_reader, readers, i),
                                 daemon=True) for i in range(OWNER_READERS)]
    threads += [threading.Thread(target=guard, args=(boards,), daemon=True),
                threading.Thread(target=guard, args=(billing, measured), daemon=True)]
    started = time.time()
    for t in threads:
        t.start()

    # the warm-up: every thread draws a PDF; jingli's run of next month
    warm_threads(readers)
    jingli = Browser("staff", "jingli")
    if jingli.login():
        billing_run(jingli, 1, months_ahead(1))
    while time.time() < started + WARMUP:
        time.sleep(0.2)
    warm = time.time() - started
    t0 = time.time()
    with lock:
        before = sum(responses.values())
        responses_warm = collections.Counter(responses)
    say("warm-up done after %.0f s (%d requests); %d s measured from now"
        % (warm, before, SOAK_SECONDS))
    measured.set(t0)
    done = threading.Event()
    readings = []
    st = threading.Thread(target=sampler, args=(readings, t0, done), daemon=True)
    st.start()
    while time.time() < t0 + SOAK_SECONDS and not problems:
        time.sleep(0.2)
    done.set()
    st.join()
    stop_load.set()
    for t in threads:
        t.join(RETRIES * 2 + RUN_WAIT + 60)
        if t.is_alive():
            problems.append("a load thread did not stop")
    took = time.time() - started
    if not ct.wait_for(ct.healthy, 60):
        problems.append("the stack does not answer after the load")
    ct.settle()
    results = ct.checks()
    every, notify = access_log_from(log_at)
    outbox = ct.sql("SELECT status, COUNT(*) FROM outbox GROUP BY status ORDER BY status")
    jobs = ct.sql("SELECT id, ref_id, status, attempts, DATE_FORMAT(created_at, '%T'),"
                  " COALESCE(DATE_FORMAT(finished_at, '%T'), '-') FROM jobs"
                  " WHERE kind = 'billing.run' ORDER BY id")
    with open(os.path.join(VAR, "log", "supervise.log"), "rb") as f:
        died = f.read()[supervise_at:].decode("utf-8", "replace").splitlines()

    f = figures
    print()
    print("soak figures (seed %d, %s, %d CPUs; %.0f s warm-up, %.0f s measured,"
          " %.0f s of load):" % (SEED, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                                 os.cpu_count() or 0, warm, readings[-1][0], took))
    print("  responses by program and status (all; %d of them in the warm-up):"
          % sum(responses_warm.values()))
    for prog in ("owner", "staff", "sandbox"):
        row = sorted((str(s), n) for (p, s), n in responses.items() if p == prog)
        print("    %-8s %s" % (prog, ", ".join("%s: %d" % kv for kv in row) or "-"))
    print("  nginx's access log over the run: %s"
          % ", ".join("%s: %d" % kv for kv in sorted(every.items())))
    print("  gateway notifications propfee answered (each sent 3 times at once): %s"
          % (", ".join("%s: %d" % kv for kv in sorted(notify.items())) or "none"))
    print("  user actions: %d answered, %d of them after a sending again"
          " (retried to success); %d errors"
          % (actions["ok"] + actions["retried"], actions["retried"], actions["error"]))
    print("  counter payments: %d acknowledged (%d on a sending again), %d recorded"
          % (f["counter_acked"], f["counter_acked_dup"], ct.figures["counter_recorded"]))
    print("  online orders: %d opened, %d paid at the gateway, %d seen paid on the"
          " order's page (%d not within %d s)"
          % (f["orders_opened"], f["orders_paid_at_gateway"], f["orders_paid_seen"],
             f["orders_not_seen_paid"], PAID_WAIT))
    print("  owners' visits (login to logout): %d; PDFs: %d; board pages: %d"
          % (f["owner_visits"], f["pdfs"], f["board_pages"]))
    for r in runs:
        print("  billing run %s, %s, by %s: %s, %s bills, %.0f s (messages waiting in"
              " the outbox when it was queued: %s)"
              % (r["period"], "estate %d" % r["estate"] if r["estate"] else "every estate",
                 r["by"], r["status"], r["bills"] or "-", r["seconds"],
                 r.get("outbox_then", "-")))
    print("  their jobs (id, run, status, attempts, queued, finished): %s"
          % "; ".join(" ".join(j) for j in jobs))
    print("  the outbox after the load, by status: %s"
          % ", ".join("%s %s" % tuple(o) for o in outbox))
    print("  payments made in the run, by estate: %s"
          % ", ".join("estate %s %s" % tuple(r) for r in ct.figures["by_estate"]))
    failed = False
    for what, detail in errors[:20]:
        print("  ERROR %s: %s" % (what, detail))
    for what, failures in errors_retried[:5]:
        print("  retried to success: %s after %s" % (what, ", ".join(failures)))
    for line in died:              # a process that died and was started again
        if re.search(r" (lost child|killed|stopped) ", line):
            print("  supervise.log: " + line)
            failed = True
    if actions["error"]:
        failed = True
    if len([r for r in runs if r["status"] == "done"]) < 2 or \
            any(r["status"] != "done" for r in runs):
        problems.append("billing runs: %d of %d done (2 at least: the warm-up's and"
                        " a measured one)" % (len([r for r in runs if r["status"] == "done"]),
                                              len(runs)))
    bad = memory_table(readings)
    if bad:
        failed = True
    for p in problems:
        print("  PROBLEM: " + p)
        failed = True
    print("  errors (not retried to success): %d" % actions["error"])
    for name, n, example in results:
        print("  %-56s %d%s" % (name + ":", n, "  e.g. %s" % (example,) if n else ""))
        failed = failed or n != 0
    print("soak: %s" % ("FAILED" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
