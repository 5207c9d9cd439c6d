"""test_worker.py - propfee-worker: billing runs are its jobs, several
workers share one queue safely, a dead worker's job is taken over once,
a job that keeps failing ends dead, and the outbox hands each message on
once (issue 9).

The test stack runs one worker (scripts/stack.sh); a second one is started
here against the same database and configuration, and stopped by its pid.
"""

import datetime
import os
import subprocess

from lib import ROOT, VAR, check, sql, sql1, staff, test, text_of, wait_for
from msgmock import received


def start_second_worker():
    log = open(os.path.join(VAR, "log", "worker2.log"), "ab")
    p = subprocess.Popen([os.path.join(ROOT, "build", "propfee-worker"), "-c",
                          os.path.join(VAR, "propfee.conf")],
                         stdout=log, stderr=log, close_fds=True)
    log.close()
    check(wait_for(lambda: "running" in read(os.path.join(VAR, "log", "worker2.log"))),
          "the second worker did not start")
    return p


def stop(p):
    p.terminate()
    try:
        p.wait(15)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return ""


def worker_logs():
    return read(os.path.join(VAR, "log", "worker.log")) + \
        read(os.path.join(VAR, "log", "worker2.log"))


def months_ahead(n):
    t = datetime.date.today()
    m = t.year * 12 + t.month - 1 + n
    return "%04d-%02d" % (m // 12, m % 12 + 1)


def company_run(c, period):
    page = c.get("/staff/billing?estate=0&period=%s" % period)
    check(page.status == 200, "preview: %r", page)
    r = c.post("/staff/billing", {"csrf": page.csrf(), "form_token": page.token(),
                                  "estate": "0", "period": period})
    check(r.status == 303, "run: %r", r)
    return int(r.header("Location").rsplit("/", 1)[1])


def run_status(run):
    return sql1("SELECT status FROM billing_runs WHERE id = %d" % run)


def sv(action):
    """runit's sv on this stack's worker service (started by the stack)."""
    subprocess.run(["sv", "-w", "30", action, os.path.join(VAR, "sv", "worker")],
                   check=True, capture_output=True)


@test
def a_worker_that_lost_its_lease_stops_without_writing():
    # A worker paused past its lease (a stopped process) must not carry
    # on once another worker has taken the job over: every chunk of a
    # billing run, and its end, checks the lease in its own transaction
    # (job_fence). The stack's worker is held down while the run is
    # queued; the job is taken "by another worker" (its lease row); then
    # the run is executed as the first owner would (the test route
    # /staff/test/fence), which must write nothing.
    admin = staff("admin")
    sv("down")
    try:
        run = company_run(admin, months_ahead(1))    # the next test bills to +3
        jid = sql1("SELECT id FROM jobs WHERE kind = 'billing.run' AND ref_id = %d" % run)
        sql("UPDATE jobs SET status = 'running', attempts = 2, lease_owner = 'thief:1:0',"
            " lease_until = NOW(6) + INTERVAL 1 HOUR WHERE id = %s" % jid)
        page = admin.get("/staff/households")
        r = admin.post("/staff/test/fence", {"csrf": page.csrf(), "run": str(run),
                                             "job": jid, "owner": "paused:1:0"})
        check(r.status == 200 and '"rc": 2' in r.body.replace('"rc":2', '"rc": 2'),
              "a run behind a lost lease: %r", r)
        check(sql("SELECT premises_done, bills_made FROM billing_runs WHERE id = %d" % run)
              == [["0", "0"]], "the loser wrote progress: %r",
              sql("SELECT premises_done, bills_made FROM billing_runs WHERE id = %d" % run))
        check(sql1("SELECT COUNT(*) FROM bills WHERE run_id = %d" % run) == "0",
              "the loser made bills")
        check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'billing.run'"
                   " AND entity_id = %d" % run) == "0", "the loser audited the run")
        # the owner of the lease runs it: the same call goes through
        r = admin.post("/staff/test/fence", {"csrf": page.csrf(), "run": str(run),
                                             "job": jid, "owner": "thief:1:0"})
        check(r.status == 200 and '"rc": 0' in r.body.replace('"rc":0', '"rc": 0'),
              "the lease holder's run: %r", r)
        done = sql("SELECT status, premises_done, premises_total, bills_made FROM"
                   " billing_runs WHERE id = %d" % run)[0]
        check(done[0] == "done" and done[1] == done[2], "the run: %r", done)
        check(int(done[3]) == int(sql1("SELECT COUNT(*) FROM bills WHERE run_id = %d" % run)),
              "bills_made says %s", done[3])
        sql("UPDATE jobs SET status = 'done', finished_at = NOW(6) WHERE id = %s" % jid)
    finally:
        sv("up")


@test
def a_run_whose_job_dies_is_marked_failed_not_left_in_progress():
    # The job's last lease runs out (its third worker died): the job is
    # dead, and the run says it failed and why, instead of 生成中 for ever.
    admin = staff("admin")
    sv("down")
    try:
        run = company_run(admin, months_ahead(2))
        jid = sql1("SELECT id FROM jobs WHERE kind = 'billing.run' AND ref_id = %d" % run)
        sql("UPDATE jobs SET status = 'running', attempts = max_attempts,"
            " lease_owner = 'gone-host:1:0', lease_until = NOW(6) - INTERVAL 1 SECOND"
            " WHERE id = %s" % jid)
        sql("UPDATE billing_runs SET status = 'running' WHERE id = %d" % run)
    finally:
        sv("up")
    check(wait_for(lambda: run_status(run) == "failed", 30),
          "the run of a dead job is %s", run_status(run))
    check(sql1("SELECT status FROM jobs WHERE id = %s" % jid) == "dead", "the job is not dead")
    page = admin.get("/staff/billing/runs/%d" % run)
    check("失败" in page.body and "重新运行" in page.body,
          "the run's page does not say it failed: %s", text_of(page.body)[:400])


@test
def two_workers_on_one_queue_run_a_company_wide_run_exactly_once():
    second = start_second_worker()
    try:
        admin = staff("admin")
        period = months_ahead(3)
        before = int(sql1("SELECT COUNT(*) FROM bills"))
        run = company_run(admin, period)
        check(sql1("SELECT COUNT(*) FROM jobs WHERE kind = 'billing.run'"
                   " AND ref_id = %d" % run) == "1",
              "the run's job was not queued with it")
        check(wait_for(lambda: run_status(run) in ("done", "failed"), 120),
              "the run did not finish: %s", run_status(run))
        check(run_status(run) == "done", "run %d: %s", run, run_status(run))
        job = sql("SELECT status, attempts, lease_owner FROM jobs"
                  " WHERE kind = 'billing.run' AND ref_id = %d" % run)[0]
        check(job[0] == "done" and job[1] == "1", "job: %r", job)
        jid = sql1("SELECT id FROM jobs WHERE kind = 'billing.run' AND ref_id = %d" % run)
        took = [l for l in worker_logs().splitlines()
                if (": job %s billing.run" % jid) in l]
        check(len(took) == 1, "the job was taken %d times: %r", len(took), took)
        check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'billing.run'"
                   " AND entity_id = %d" % run) == "1", "the run was audited twice")
        made = int(sql1("SELECT COUNT(*) FROM bills WHERE run_id = %d" % run))
        check(made > 0 and int(sql1("SELECT COUNT(*) FROM bills")) == before + made,
              "bills made %d, total %s -> %s", made, before, sql1("SELECT COUNT(*) FROM bills"))
        check(sql1("SELECT COUNT(*) FROM (SELECT premises_id, fee_item_id, period_start"
                   " FROM bills GROUP BY 1, 2, 3 HAVING COUNT(*) > 1) d") == "0",
              "a period was billed twice")

        # the worker that took the run dies mid-run: its lease runs out and
        # one worker takes it over; bills already made are not made again
        # (the run first: a worker may take the lapsed job at once, and
        # set the run 'running' after it had finished it, which left it so)
        sql("UPDATE billing_runs SET status = 'running' WHERE id = %d" % run)
        sql("UPDATE jobs SET status = 'running', lease_owner = 'gone-host:1:0',"
            " lease_until = NOW(6) - INTERVAL 1 SECOND WHERE id = %s" % jid)
        check(wait_for(lambda: sql1("SELECT status FROM jobs WHERE id = %s" % jid) == "done",
                       60), "the lapsed job was not taken over")
        job = sql("SELECT attempts, lease_owner FROM jobs WHERE id = %s" % jid)[0]
        check(job[0] == "2" and job[1] != "gone-host:1:0", "take-over: %r", job)
        took = [l for l in worker_logs().splitlines()
                if (": job %s billing.run" % jid) in l]
        check(len(took) == 2, "taken over %d times: %r", len(took) - 1, took)
        check(wait_for(lambda: run_status(run) == "done", 30),
              "run after take-over: %s", run_status(run))
        check(int(sql1("SELECT COUNT(*) FROM bills WHERE run_id = %d" % run)) == made,
              "the take-over made bills again")
    finally:
        stop(second)


@test
def a_job_that_keeps_failing_is_dead_after_its_attempts():
    sql("INSERT INTO jobs (kind, ref_id, max_attempts, run_after, created_at)"
        " VALUES ('no.such.job', 1, 2, NOW(6), NOW(6))")
    check(wait_for(lambda: sql1("SELECT status FROM jobs WHERE kind = 'no.such.job'")
                   == "dead", 30), "the job is %s",
          sql1("SELECT status FROM jobs WHERE kind = 'no.such.job'"))
    row = sql("SELECT attempts, last_error FROM jobs WHERE kind = 'no.such.job'")[0]
    check(row[0] == "2" and "no such job" in row[1], "dead job: %r", row)


@test
def a_receipt_is_announced_through_the_outbox_once():
    c = staff("shoufei1")
    page = c.get("/staff/households/7/pay")
    check(page.status == 200, "%r", page)
    fields = {"csrf": page.csrf(), "form_token": page.token(), "amount": "12.34",
              "channel": "cash", "payer_name": "测试"}
    if 'name="again"' in page.body:     # paid minutes ago by another test
        fields["again"] = "1"
    r = c.post("/staff/households/7/pay", fields)
    check(r.status == 303, "pay: %r", r)
    receipt = int(r.header("Location").split("?")[0].rsplit("/", 1)[1])
    key = "receipt.issued/%d/sms" % receipt
    check(sql1("SELECT COUNT(*) FROM outbox WHERE idem_key = '%s'" % key) == "1",
          "no outbox row written with the payment")
    check(wait_for(lambda: sql1("SELECT status FROM outbox WHERE idem_key = '%s'" % key)
                   == "sent", 30), "the message was not sent")
    phone = sql1("SELECT address FROM outbox WHERE idem_key = '%s'" % key)
    mine = [m for m in received(phone) if m.get("idem") == key]
    check(len(mine) == 1, "delivered %d times", len(mine))
    check("12.34" in mine[0]["text"] and "/receipts/%d.pdf" % receipt in (mine[0].get("link") or mine[0]["text"]),
          "the e-receipt: %r", mine[0])
    # the receipt's page says it went (a new user's trial: it said nothing
    # is sent, a second after the owner got it)
    page = c.get("/staff/receipts/%d" % receipt)
    check('class="sent-by"' in page.body and "短信：已发送" in text_of(page.body)
          .replace(" ", ""), "the receipt page: %s", text_of(page.body)[-600:])
    # a message whose sender died mid-way is sent again by the next worker
    sql("UPDATE outbox SET status = 'sending', lease_owner = 'gone-host:1:0',"
        " lease_until = NOW(6) - INTERVAL 1 SECOND WHERE idem_key = '%s'" % key)
    check(wait_for(lambda: sql1("SELECT status FROM outbox WHERE idem_key = '%s'" % key)
                   == "sent", 30), "the lapsed message was not sent again")
    check(sql1("SELECT attempts FROM outbox WHERE idem_key = '%s'" % key) == "2",
          "attempts: %s", sql1("SELECT attempts FROM outbox WHERE idem_key = '%s'" % key))
    # at least once: the provider got it again, under the same OutId
    check(len([m for m in received(phone) if m.get("idem") == key]) == 2,
          "the second send did not reach the provider")
