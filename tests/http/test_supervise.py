"""test_supervise.py - every process of the stack is supervised (issue 9):
killed with SIGKILL by the pid it recorded (VAR/run/NAME.pid), it is
started again, the stack answers real pages again within 10 s (the owner
login form, and a staff page that needs the database), and
VAR/log/supervise.log names what died and how.

Runs after the other modules but test_outage: each kill breaks the
requests in flight, and a killed MariaDB takes the programs' connections
with it (they reconnect on their next request)."""

import os
import subprocess
import signal
import time
import urllib.request

from lib import VAR, Client, check, sql1, staff, test, wait_for

SERVICES = ("mariadbd", "nginx", "pdf", "owner", "staff", "worker", "sandbox", "msgmock")
LIMIT_S = 10
RECEIPT = 0                 # a receipt of estate 1 (its PDF: the renderer)
SVLOG = os.path.join(VAR, "log", "supervise.log")


def recorded_pid(name):
    """The pid service `name` recorded, if it is a running process of this
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


def log_lines():
    try:
        with open(SVLOG, encoding="utf-8") as f:
            return f.read().splitlines()
    except OSError:
        return []


def sandbox_answers(key="sandbox_url"):
    """The sandbox payment gateway (issue 10) answers its /healthz; with
    key "msg_mock_url", the message providers' mock (issue 11)."""
    with open(os.path.join(VAR, "propfee.conf")) as f:
        url = [line.strip().split("=", 1)[1] for line in f
               if line.startswith(key + "=")][0]
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=5) as r:
            return r.status == 200
    except OSError:
        return False


def answers(collector):
    """The owner login form and the staff household list (a session and
    the ledger: the database) both answer in full, a receipt's PDF is
    drawn (the renderer), and so do the sandbox gateway and the message
    providers' mock."""
    try:
        if not sandbox_answers() or not sandbox_answers("msg_mock_url"):
            return False
        login = Client().get("/login")
        if login.status != 200 or 'name="csrf"' not in login.body:
            return False
        page = collector.get("/staff/households")
        if page.status != 200 or "/staff/households/" not in page.body:
            return False
        pdf = collector.get("/staff/receipts/%d.pdf" % RECEIPT)
        return pdf.status == 200 and pdf.raw.startswith(b"%PDF-")
    except OSError:
        return False


@test
def each_process_killed_by_its_pid_is_restarted_and_the_stack_answers_within_10_s():
    global RECEIPT
    collector = staff("shoufei1")
    RECEIPT = int(sql1("SELECT MIN(id) FROM receipts WHERE estate_id = 1"))
    check(answers(collector), "the stack does not answer before any kill")
    for name in SERVICES:
        pid = recorded_pid(name)
        check(pid, "%s recorded no pid of a running process in %s/run/%s.pid",
              name, VAR, name)
        before = len(log_lines())
        start = time.monotonic()
        os.kill(pid, signal.SIGKILL)
        back = False
        while time.monotonic() - start < LIMIT_S:
            new = recorded_pid(name)
            if new and new != pid and answers(collector):
                back = True
                break
            time.sleep(0.1)
        took = time.monotonic() - start
        check(back, "%s (pid %d) killed: no new %s answering after %.1f s"
              " (recorded now: %r)", name, pid, name, took, recorded_pid(name))
        print("supervise: %s (pid %d) killed with SIGKILL; restarted as pid %d,"
              " the stack answered again after %.2f s" % (name, pid, recorded_pid(name), took),
              flush=True)
        said = [line for line in log_lines()[before:]
                if "lost child %s: killed by signal 9" % name in line]
        check(said, "supervise.log does not say %s was killed: %r", name,
              log_lines()[before:])


@test
def a_receipt_asked_for_while_the_renderer_is_down_is_503_in_chinese_then_drawn():
    # The owner and staff programs draw no PDF themselves (core/render.h):
    # with propfee-pdf held down, a print is 503 with 请稍后再试 (not a
    # 500, not a broken file) and is not counted (the next print is not
    # a 副本 for it); once it is up again the same print works.
    collector = staff("shoufei1")
    rid = int(sql1("SELECT MIN(id) FROM receipts WHERE estate_id = 1"))
    prints = "SELECT COUNT(*) FROM receipt_prints WHERE receipt_id = %d" % rid
    before = sql1(prints)
    sv = ["sv", "-w", "30"]
    subprocess.run(sv + ["down", os.path.join(VAR, "sv", "pdf")], check=True,
                   capture_output=True)
    try:
        r = collector.get("/staff/receipts/%d.pdf" % rid)
        check(r.status == 503 and "请稍后再试" in r.body
              and (r.header("Content-Type") or "").startswith("text/html"),
              "renderer down: %r %r", r, r.body[:300])
        check(sql1(prints) == before, "a print that was not drawn was counted: %s -> %s",
              before, sql1(prints))
    finally:
        subprocess.run(sv + ["up", os.path.join(VAR, "sv", "pdf")], check=True,
                       capture_output=True)
    check(wait_for(lambda: collector.get("/staff/receipts/%d.pdf" % rid).status == 200, 10),
          "the receipt is not drawn once the renderer is up again")
    r = collector.get("/staff/receipts/%d.pdf" % rid)
    check(r.raw.startswith(b"%PDF-") and r.raw.rstrip().endswith(b"%%EOF"),
          "not a whole PDF after the renderer came back")
