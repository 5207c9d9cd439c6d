"""test_messages.py - e-bills, reminders, the shops' quarterly bill and
e-receipts reach owners through the outbox and the providers' mock
(issue 11): once each, whatever the providers do, and never a reminder
for a bill paid meanwhile.

In the last lane: these tell the mock to fail for everyone, change the
estates' quiet hours, and kill the worker.
"""

import collections
import hashlib
import datetime
import os
import re
import signal
import subprocess
import time
import urllib.parse

from lib import ROOT, VAR, check, owner, sql, sql1, staff, test, text_of, wait_for
from msgmock import mock, received, rules

WORKER = os.path.join(ROOT, os.environ.get("B", "build"), "propfee-worker")
CONF = os.path.join(VAR, "propfee.conf")


def quiet(estate, on):
    """The estate's quiet hours around now (on), or none."""
    if on:
        # TIME(NOW() -+ 1 h) wraps at midnight (SUBTIME(CURTIME()) gave
        # -00:57 at 00:02)
        sql("UPDATE estates SET quiet_from = TIME(NOW() - INTERVAL 1 HOUR),"
            " quiet_to = TIME(NOW() + INTERVAL 1 HOUR) WHERE id = %d" % estate)
    else:
        sql("UPDATE estates SET quiet_from = '00:00:00', quiet_to = '00:00:00'"
            " WHERE id = %d" % estate)


def months_ahead(n):
    t = datetime.date.today()
    m = t.year * 12 + t.month - 1 + n
    return "%04d-%02d" % (m // 12, m % 12 + 1)


def bill(estate, period):
    """A billing run of estate for period by the admin; its id once done."""
    c = staff("admin")
    page = c.get("/staff/billing?estate=%d&period=%s" % (estate, period))
    check(page.status == 200, "preview: %r", page)
    r = c.post("/staff/billing", {"csrf": page.csrf(), "form_token": page.token(),
                                  "estate": str(estate), "period": period})
    check(r.status == 303, "run: %r", r)
    run = int(r.header("Location").rsplit("/", 1)[1])
    check(wait_for(lambda: sql1("SELECT status FROM billing_runs WHERE id = %d" % run)
                   == "done", 120), "run %d never done", run)
    return run


def statuses(where):
    return dict(sql("SELECT status, COUNT(*) FROM outbox o WHERE %s GROUP BY status" % where))


def settled(where, timeout=180):
    """Waits until no message of where is pending or being sent."""
    return wait_for(lambda: not set(statuses(where)) & {"pending", "sending"}, timeout)


def plan(day):
    r = subprocess.run([WORKER, "-c", CONF, "-p", day], capture_output=True, text=True)
    check(r.returncode == 0, "propfee-worker -p %s: %s", day, r.stderr)


def topic_of(m):
    """A message at the mock: its topic (a push carries none: its words
    tell)."""
    if m.get("topic"):
        return m["topic"].replace("_", ".")
    text = m.get("text") or ""
    return "ebill" if "已出账" in text else "shop.quarter" if "季度" in text else \
        "receipt.issued" if "电子收据" in text else "reminder"


def sendno(key):
    """A push's sendno at the mock: made from our key (msg_app.c)."""
    return str(int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") & 0x7fffffff)


def delivered_keys(keys):
    """How many times the mock took each of our keys (a push by its
    sendno)."""
    at = collections.Counter(str(m.get("idem")) for m in received())
    return {k: at[k] + (at[sendno(k)] if k.endswith("/app") else 0) for k in keys}


def delivered(topic):
    """How many messages of topic the mock took, by (channel, address)."""
    return collections.Counter((m["channel"], m["address"]) for m in received()
                               if topic_of(m) == topic)


ADDRESS = ("CASE o.channel WHEN 'sms' THEN w.phone WHEN 'wechat' THEN w.wechat_openid"
           " ELSE w.app_device END")


def queued(where):
    """The messages of where, by (channel, address): how many in each
    status."""
    out = collections.defaultdict(collections.Counter)
    for ch, addr, st in sql("SELECT o.channel, " + ADDRESS + ", o.status FROM outbox o"
                            " JOIN owners w ON w.id = o.owner_id WHERE " + where):
        out[st][(ch, addr)] += 1
    return out


def expected_ebills(run, estate):
    """What the spec says a run sends: one e-bill per household billed
    (shops aside) by each channel its primary owner chose and can get."""
    return int(sql1(
        "SELECT COALESCE(SUM((o.notify_sms = 1 AND o.phone <> '')"
        " + (o.notify_wechat = 1 AND o.wechat_openid <> '')"
        " + (o.notify_app = 1 AND o.app_device <> '')), 0)"
        " FROM (SELECT DISTINCT premises_id FROM bills WHERE run_id = %d"
        " AND estate_id = %d) h"
        " JOIN premises p ON p.id = h.premises_id AND p.occupancy <> 'shop'"
        " JOIN premises_owners po ON po.premises_id = h.premises_id AND po.is_primary = 1"
        " JOIN owners o ON o.id = po.owner_id" % (run, estate)))


@test
def a_billing_run_sends_one_ebill_per_household_and_channel_and_a_second_run_none():
    # the first month ahead not billed yet (a run may bill three ahead)
    quiet(1, False)
    mock("POST", "/_reset")             # the lanes' e-bills (the same keys)
    for k in (1, 2, 3):
        period = months_ahead(k)
        run = bill(1, period)
        if sql1("SELECT COUNT(*) FROM bills WHERE run_id = %d" % run) != "0":
            break
    check(sql1("SELECT COUNT(*) FROM bills WHERE run_id = %d" % run) != "0",
          "no month left to bill")
    where = "o.run_id = %d AND o.estate_id = 1" % run
    want = expected_ebills(run, 1)
    check(want > 1000, "the demo estate's run billed only %d households' channels", want)
    got = int(sql1("SELECT COUNT(*) FROM outbox o WHERE " + where))
    check(got == want, "queued %d e-bills, want %d", got, want)
    # one per household and channel, however many bills it got
    check(sql1("SELECT COUNT(*) FROM (SELECT premises_id, channel FROM outbox WHERE"
               " run_id = %d GROUP BY premises_id, channel HAVING COUNT(*) > 1) x" % run)
          == "0", "a household got two e-bills by one channel")
    check(settled(where), "the e-bills were not all sent: %r", statuses(where))
    check(statuses(where) == {"sent": str(want)}, "e-bills: %r", statuses(where))
    keys = [r[0] for r in sql("SELECT idem_key FROM outbox o WHERE " + where)]
    times = delivered_keys(keys)
    check(set(times.values()) == {1}, "the mock got e-bills %r times",
          collections.Counter(times.values()))
    one = sql("SELECT o.body, o.link, o.premises_id FROM outbox o WHERE %s"
              " AND channel = 'sms' LIMIT 1" % where)[0]
    check("已出账" in one[0] and ("本户目前共待缴¥" in one[0] and
                                 one[1].endswith("/premises/%s/pay" % one[2]) or
                                 "无需缴费" in one[0] and
                                 one[1].endswith("/premises/%s/bills" % one[2])),
          "the words: %r", one)
    # what the household owes in all, not only this month (a new user's
    # trial): an owner months behind reads her whole debt
    behind = sql("SELECT o.body FROM outbox o WHERE %s AND o.channel = 'sms' AND"
                 " (SELECT COUNT(*) FROM bills b WHERE b.premises_id = o.premises_id"
                 " AND b.status = 'unpaid' AND b.due_date < CURDATE()) > 3 LIMIT 1" % where)
    check(behind and "其中已逾期¥" in behind[0][0], "a household behind: %r", behind)
    # the same period again makes no bill and sends nothing
    page = staff("admin").get("/staff/billing?estate=1&period=%s" % period)
    if 'name="form_token"' in page.body:
        again = bill(1, period)
        check(sql1("SELECT COUNT(*) FROM outbox WHERE run_id = %d" % again) == "0",
              "a second run queued e-bills")
    time.sleep(3)
    check(delivered_keys(keys) == times, "a second run sent e-bills again")


@test
def a_provider_failing_half_the_time_delivers_each_message_once_or_leaves_it_dead():
    # 40 payments at the counter of the second estate while every
    # provider fails half its sends: each e-receipt is delivered once in
    # the end, or is dead after its 8 tries and was never delivered.
    homes = [r[0] for r in sql("SELECT p.id FROM premises p WHERE p.estate_id = 2"
                               " AND EXISTS (SELECT 1 FROM premises_owners po"
                               " WHERE po.premises_id = p.id) ORDER BY p.id LIMIT 40")]
    check(len(homes) == 40, "estate 2 has %d households", len(homes))
    mock("POST", "/_reset")             # the lanes' messages before (same keys)
    mock("POST", "/_control", {"fail_rate": 0.5, "seed": 11})
    try:
        receipts = [pay_all(pid, 100) for pid in homes]
        where = "o.topic = 'receipt.issued' AND (%s)" % " OR ".join(
            "o.idem_key LIKE 'receipt.issued/%d/%%%%'" % r for r in receipts)
        n = int(sql1("SELECT COUNT(*) FROM outbox o WHERE " + where))
        check(n >= 30, "%d e-receipts queued", n)
        check(settled(where, 300), "not settled: %r", statuses(where))
    finally:
        mock("POST", "/_control", {})
    rows = sql("SELECT idem_key, status, attempts, (SELECT COUNT(*) FROM outbox_attempts a"
               " WHERE a.outbox_id = o.id) FROM outbox o WHERE " + where)
    tries = sum(int(r[2]) for r in rows)
    check(tries > n, "the mock never failed (%d tries for %d messages)", tries, n)
    times = delivered_keys([r[0] for r in rows])
    for key, status, tried, kept in rows:
        check(tried == kept, "%s: %s tries, %s kept", key, tried, kept)
        if status == "sent":
            check(times[key] == 1, "%s sent, delivered %d times", key, times[key])
        else:
            check(status == "dead" and tried == "8" and times[key] == 0,
                  "%s %s after %s tries, delivered %d times", key, status, tried, times[key])


@test
def the_shops_quarterly_bill_goes_once_15_days_before_the_quarter_ends():
    # both estates have shops (the second's were held by its quiet hours
    # when the run fell in China's evening)
    quiet(1, False)
    quiet(2, False)
    # not the owners' daily limit (its own test below): owner 1's shop
    # and home had their e-bills and reminders today from other tests
    limit = sql1("SELECT msg_owner_day_max FROM estates WHERE id = 1")
    sql("UPDATE estates SET msg_owner_day_max = 1000 WHERE id = 1")
    try:
        shops_quarter()
    finally:
        sql("UPDATE estates SET msg_owner_day_max = %s WHERE id = 1" % limit)


def shops_quarter():
    where = "topic = 'shop.quarter' AND idem_key LIKE 'shop.quarter/%/2026Q4/%'"
    plan("2026-12-15")                  # the 16th day before: not yet
    check(sql1("SELECT COUNT(*) FROM outbox o WHERE " + where) == "0",
          "sent before the 15th day before the quarter's end")
    plan("2026-12-16")
    n = int(sql1("SELECT COUNT(*) FROM outbox o WHERE " + where))
    want = int(sql1(
        "SELECT COALESCE(SUM((o.notify_sms = 1 AND o.phone <> '')"
        " + (o.notify_wechat = 1 AND o.wechat_openid <> '')"
        " + (o.notify_app = 1 AND o.app_device <> '')), 0)"
        " FROM (SELECT DISTINCT b.premises_id FROM bills b JOIN premises p"
        " ON p.id = b.premises_id WHERE p.occupancy = 'shop'"
        " AND b.period_start = '2026-10-01') h"
        " JOIN premises_owners po ON po.premises_id = h.premises_id AND po.is_primary = 1"
        " JOIN owners o ON o.id = po.owner_id"))
    check(want > 60 and n == want, "%d messages, want %d", n, want)
    check(sql1("SELECT COUNT(*) FROM outbox o JOIN premises p ON p.id = o.premises_id"
               " WHERE p.occupancy <> 'shop' AND o." + where) == "0", "a flat got one")
    plan("2026-12-20")
    plan("2026-12-31")
    check(int(sql1("SELECT COUNT(*) FROM outbox o WHERE " + where)) == n,
          "the quarter's bill queued again")
    check(settled(where), "not settled: %r; those pending: %r", statuses(where),
          sql("SELECT id, attempts, last_error, next_at FROM outbox o"
              " WHERE status = 'pending' AND " + where))
    sent = sql("SELECT body FROM outbox o WHERE status = 'sent' AND " + where)
    check(all("物业费" in b[0] and "租金" in b[0] and "2026年第4季度" in b[0] for b in sent),
          "the words: %r", sent[:2])
    # a shop whose quarter was settled gets it too, saying so (a breaker's
    # trial: 51 of 94 shops that had paid were skipped as by a reminder)
    check(len(sent) == n, "not all sent: %r", statuses(where))
    settled_shops = int(sql1(
        "SELECT COUNT(*) FROM outbox o WHERE " + where + " AND NOT EXISTS (SELECT 1 FROM"
        " bills b WHERE b.premises_id = o.premises_id AND b.period_start = '2026-10-01'"
        " AND b.status IN ('unpaid', 'partial'))"))
    check(settled_shops == sum("已结清" in b[0] for b in sent),
          "%d shops' quarters settled, %d bills say so", settled_shops,
          sum("已结清" in b[0] for b in sent))


@test
def an_owner_gets_at_most_the_daily_limit_of_bills_and_reminders_by_a_channel():
    # Per-owner rate limits (issue 11): held messages (e-bills, reminders)
    # beyond estates.msg_owner_day_max sent by one channel in 24 hours
    # wait an hour, their try not counted; a receipt never waits.
    quiet(2, False)
    tag = "%06d" % (int(time.time()) % 1000000)
    phone = "1996%s0" % tag
    sql("INSERT INTO owners (estate_id, name, phone) VALUES (2, '限额测试', '%s')" % phone)
    oid = sql1("SELECT id FROM owners WHERE phone = '%s'" % phone)
    pid, bill_id = sql("SELECT premises_id, id FROM bills WHERE estate_id = 2"
                       " AND status = 'unpaid' ORDER BY id LIMIT 1")[0]
    limit = sql1("SELECT msg_owner_day_max FROM estates WHERE id = 2")
    sql("UPDATE estates SET msg_owner_day_max = 2 WHERE id = 2")
    keys = ["limit/%s/%d" % (tag, i) for i in range(3)]
    try:
        for i, k in enumerate(keys):
            sql("INSERT INTO outbox (estate_id, owner_id, topic, channel, premises_id,"
                " held, idem_key, payload, next_at, created_at) VALUES (2, %s,"
                " 'reminder', 'sms', %s, 1, '%s', '{\"bills\": [%s], \"stage\": \"after\"}',"
                " NOW(6), NOW(6) + INTERVAL %d MICROSECOND)" % (oid, pid, k, bill_id, i))
        where = "o.idem_key IN (%s)" % ", ".join("'%s'" % k for k in keys)
        check(wait_for(lambda: statuses(where).get("sent") == "2"
                       and statuses(where).get("pending") == "1", 60),
              "the owner's three reminders: %r", statuses(where))
        held = sql("SELECT attempts, next_at > NOW(6) + INTERVAL 50 MINUTE FROM outbox o"
                   " WHERE status = 'pending' AND " + where)
        check(held == [["0", "1"]], "the third waits %r, not an hour untried", held)
        check(len(received(phone)) == 2, "the provider got %d", len(received(phone)))
    finally:
        sql("UPDATE estates SET msg_owner_day_max = %s WHERE id = 2" % limit)
        sql("UPDATE outbox o SET status = 'skipped', last_error = 'test' WHERE "
            "status = 'pending' AND o.idem_key IN (%s)" % ", ".join("'%s'" % k for k in keys))


@test
def a_reminder_for_bills_paid_before_it_is_sent_is_skipped():
    # Reminders wait out quiet hours; the bills of one household are paid
    # at the counter meanwhile: its reminder is skipped, the others sent.
    due = sql1("SELECT MAX(due_date) FROM bills WHERE estate_id = 2")
    day = str(datetime.date.fromisoformat(due) - datetime.timedelta(days=3))
    quiet(2, True)
    # the demo estate reminds nobody that day (its own schedule)
    was = sql("SELECT remind_before_days, remind_every_days FROM estates WHERE id = 1")[0]
    sql("UPDATE estates SET remind_before_days = 1000, remind_every_days = 0 WHERE id = 1")
    try:
        plan(day)
        where = "topic = 'reminder' AND idem_key LIKE 'reminder/%%/%s/%%' AND o.estate_id = 2" % day
        n = int(sql1("SELECT COUNT(*) FROM outbox o WHERE " + where))
        check(n >= 10, "%d reminders planned for %s", n, day)
        plan(day)                       # planned twice, queued once
        check(sql1("SELECT COUNT(*) FROM outbox WHERE topic = 'reminder'"
                   " AND idem_key LIKE 'reminder/%%/%s/%%' AND estate_id = 1" % day) == "0",
              "the demo estate was reminded against its schedule")
        check(int(sql1("SELECT COUNT(*) FROM outbox o WHERE " + where)) == n,
              "planned twice, queued twice")
        time.sleep(3)
        check(statuses(where) == {"pending": str(n)}, "quiet hours did not hold them: %r",
              statuses(where))
        # a receipt is not held
        pid, owed = sql("SELECT b.premises_id, SUM(b.amount_fen) FROM bills b"
                        " JOIN outbox o ON o.premises_id = b.premises_id AND o.topic = 'reminder'"
                        " AND o.idem_key LIKE 'reminder/%%/%s/%%'"
                        " WHERE b.status = 'unpaid' AND b.estate_id = 2"
                        " AND NOT EXISTS (SELECT 1 FROM bills x WHERE x.premises_id"
                        " = b.premises_id AND x.status = 'partial')"
                        " GROUP BY b.premises_id ORDER BY b.premises_id LIMIT 1" % day)[0]
        receipt = pay_all(pid, int(owed))
        rk = "o.idem_key LIKE 'receipt.issued/%d/%%%%'" % receipt
        check(sql1("SELECT COUNT(*) FROM outbox o WHERE " + rk) != "0", "no e-receipt")
        check(wait_for(lambda: set(statuses(rk)) == {"sent"}, 30),
              "a receipt waited for quiet hours: %r", statuses(rk))
        check(all(l[0].endswith("/receipts/%d.pdf" % receipt)
                  for l in sql("SELECT link FROM outbox o WHERE " + rk)),
              "the receipt's link")
    finally:
        quiet(2, False)
        sql("UPDATE estates SET remind_before_days = %s, remind_every_days = %s"
            " WHERE id = 1" % tuple(was))
    sql("UPDATE outbox o SET next_at = NOW(6) WHERE status = 'pending' AND " + where)
    check(settled(where), "not settled: %r", statuses(where))
    mine = sql("SELECT status, last_error FROM outbox o WHERE premises_id = %s AND " % pid + where)
    check(mine and all(r[0] == "skipped" and "已缴清" in r[1] for r in mine),
          "the paid household's reminder: %r", mine)
    others = statuses(where + " AND premises_id <> %s" % pid)
    check(set(others) == {"sent"}, "the others: %r", others)
    # by its keys: the owner's address may get other messages meanwhile
    # (a shop's quarterly bill by the reminders' WeChat template)
    paid = [r[0] for r in sql("SELECT idem_key FROM outbox o WHERE o.premises_id = %s AND "
                              % pid + where)]
    check(paid and not any(delivered_keys(paid).values()), "the paid household was reminded: %r",
          delivered_keys(paid))


def pay_all(pid, amount):
    """Cash for household pid at the counter (estate 2's collector); the
    receipt's id."""
    c = staff("cuihu1")
    page = c.get("/staff/households/%s/pay" % pid)
    check(page.status == 200, "pay form: %r", page)
    fields = [("csrf", page.csrf()), ("form_token", page.token()),
              ("amount", "%d.%02d" % divmod(amount, 100)), ("channel", "cash"),
              ("payer_name", "测试")]
    if 'name="again"' in page.body:
        fields.append(("again", "1"))
    r = c.request("POST", "/staff/households/%s/pay" % pid,
                  body=urllib.parse.urlencode(fields).encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(r.status == 303, "the counter's cash: %r", r)
    return int(r.header("Location").split("?")[0].rsplit("/", 1)[1])


def recorded_pid(name):
    with open(os.path.join(VAR, "run", name + ".pid")) as f:
        return int(f.read().strip())


@test
def a_worker_killed_mid_send_loses_no_message_and_repeats_at_most_the_one_in_flight():
    # The provider answers slowly; the worker is killed with SIGKILL while
    # it waits on one. Its lease runs out (60 s), the next worker sends
    # again what was not marked sent. An SMS has no idempotency at the
    # provider: the message in flight may reach the owner twice, with
    # the same OutId - that, and nothing else, is allowed.
    quiet(2, False)
    pid = sql1("SELECT p.id FROM premises p JOIN premises_owners po ON po.premises_id = p.id"
               " AND po.is_primary = 1 JOIN owners o ON o.id = po.owner_id"
               " WHERE p.estate_id = 2 AND o.notify_sms = 1 ORDER BY p.id DESC LIMIT 1")
    phone = sql1("SELECT o.phone FROM premises_owners po JOIN owners o ON o.id = po.owner_id"
                 " WHERE po.premises_id = %s AND po.is_primary = 1" % pid)
    mock("POST", "/_reset?address=" + phone)
    rules(phone, timeout=2)
    try:
        receipts = [pay_all(pid, 100 + i) for i in range(3)]
        keys = ["receipt.issued/%d/sms" % r for r in receipts]
        time.sleep(1)
        os.kill(recorded_pid("worker"), signal.SIGKILL)
        inlist = "idem_key IN (%s)" % ", ".join("'%s'" % k for k in keys)
        check(settled(inlist, 150), "not all sent after the kill: %r", statuses(inlist))
    finally:
        rules(phone)
    check(statuses(inlist) == {"sent": "3"}, "after the kill: %r", statuses(inlist))
    got = collections.Counter(m["idem"] for m in received(phone))
    check(all(got[k] >= 1 for k in keys), "lost: %r", got)
    check(sum(1 for k in keys if got[k] > 1) <= 1 and max(got.values()) <= 2,
          "more than the message in flight came twice: %r", got)


def sms_household(estate, skip=()):
    """A household of estate (not a shop) whose primary owner gets SMS,
    and that phone."""
    rows = sql("SELECT p.id, o.phone FROM premises p JOIN premises_owners po"
               " ON po.premises_id = p.id AND po.is_primary = 1"
               " JOIN owners o ON o.id = po.owner_id WHERE p.estate_id = %d"
               " AND p.occupancy <> 'shop' AND o.notify_sms = 1 AND o.phone <> ''"
               " ORDER BY p.id" % estate)
    for pid, phone in rows:
        if pid not in skip and phone not in [p for _, p in USED]:
            USED.append((pid, phone))
            return pid, phone
    raise AssertionError("no household left in estate %d" % estate)


USED = []


@test
def a_provider_answering_after_the_time_limit_gets_a_message_at_most_twice_then_it_is_unsure():
    # The provider takes each SMS but answers after our 10 s limit (the
    # mock's timeout mode): a timeout after the request went out is
    # "unsure", not "not sent". The rule (worker/outbox.c): one more try
    # after an unsure one, then status 'unsure' (可能已送达) - the owner
    # gets it at most twice, not eight times, and staff see it.
    quiet(2, False)
    pid, phone = sms_household(2)
    mock("POST", "/_reset?address=" + phone)
    rules(phone, timeout=11)
    try:
        receipt = pay_all(pid, 100)
        key = "receipt.issued/%d/sms" % receipt
        where = "idem_key = '%s'" % key
        check(settled(where, 120), "not settled: %r", statuses(where))
        # the mock answers the last try after we stopped waiting
        check(wait_for(lambda: not mock("GET", "/_inflight?address=" + phone), 30),
              "the mock still holds a send")
    finally:
        rules(phone)
    mid, status, tries, unsure = sql("SELECT id, status, attempts, unsure_tries FROM outbox"
                                     " WHERE " + where)[0]
    got = [m for m in received(phone) if m["idem"] == key]
    check(1 <= len(got) <= 2, "the owner got the receipt %d times", len(got))
    check((status, tries, unsure) == ("unsure", "2", "2"),
          "after two sends without an answer: %s after %s tries, %s unsure", status, tries,
          unsure)
    kept = sql("SELECT ok, unsure FROM outbox_attempts WHERE outbox_id = %s ORDER BY id" % mid)
    check(kept == [["0", "1"], ["0", "1"]], "the tries as kept: %r", kept)
    check(sql1("SELECT body FROM outbox WHERE id = %s" % mid).find("电子收据号") > 0,
          "the words that may have reached the owner are not kept")
    # staff and the owner read it in Chinese; staff may resend it
    page = staff("admin").get("/staff/outbox/%s" % mid)
    check(page.status == 200 and "可能已送达" in page.body, "the staff page: %r", page)
    page = staff("admin").get("/staff/outbox?estate=2&status=unsure")
    check(page.status == 200 and '/staff/outbox/%s"' % mid in page.body,
          "the staff list of unsure messages: %r", page)
    page = owner(phone).get("/messages")
    check(page.status == 200 and "可能已送达" in page.body, "the owner's messages: %r", page)


@test
def a_refused_message_is_dead_at_once_with_the_words_that_did_not_arrive():
    # A bad number is refused for good: dead after one try, and staff
    # read what the owner did not get (a new user's trial: 内容
    # （发送时生成） on a failed message).
    quiet(2, False)
    pid, phone = sms_household(2)
    mock("POST", "/_reset?address=" + phone)
    rules(phone, refuse=True)
    try:
        receipt = pay_all(pid, 100)
        where = "idem_key = '%s'" % ("receipt.issued/%d/sms" % receipt)
        check(settled(where, 120), "not settled: %r", statuses(where))
    finally:
        rules(phone)
    mid, status, tries, body = sql("SELECT id, status, attempts, body FROM outbox"
                                   " WHERE " + where)[0]
    check((status, tries) == ("dead", "1"), "refused: %s after %s tries", status, tries)
    check("电子收据号" in body, "the words not kept: %r", body)
    page = staff("admin").get("/staff/outbox/%s" % mid)
    check(page.status == 200 and "电子收据号" in page.body and "手机号码无效" in page.body,
          "the staff page of a refused message: %r", page)
    page = staff("admin").get("/staff/receipts/%d" % receipt)
    check(re.search(r'<li class="msg-state warn" data-status="dead">短信：[^<]*（手机号码无效）',
                    page.body), "the receipt page does not say the SMS failed and why")
    others = sql1("SELECT COUNT(*) FROM outbox WHERE idem_key LIKE 'receipt.issued/%d/%%'"
                  " AND channel <> 'sms'" % receipt)
    check(others != "0" or "自动发送没有成功" in page.body,
          "the receipt page does not say to send the link")


@test
def a_worker_whose_lease_was_taken_over_neither_sends_nor_settles_the_message():
    # The lease fence (core/outbox.h): worker A claims three reminders in
    # one batch. While A waits on the first (the provider is slow),
    # another worker takes the first and the third over (their leases
    # ran out); while A waits on the second, that one too. A late
    # answer - taken, or failed - changes nothing A no longer holds, and
    # A does not send the third at all.
    quiet(2, False)
    tag = "%06d" % (int(time.time()) % 1000000)
    phones = ["1997%s%d" % (tag, i) for i in range(3)]
    owners = []
    for p in phones:
        sql("INSERT INTO owners (estate_id, name, phone) VALUES (2, '租约测试', '%s')" % p)
        owners.append(sql1("SELECT id FROM owners WHERE phone = '%s'" % p))
        mock("POST", "/_reset?address=" + p)
    pid, bill_id = sql("SELECT premises_id, id FROM bills WHERE estate_id = 2"
                       " AND status = 'unpaid' ORDER BY id LIMIT 1")[0]
    keys = ["fence/%s/%d/sms" % (tag, i) for i in range(3)]
    for o, k in zip(owners, keys):
        sql("INSERT INTO outbox (estate_id, owner_id, topic, channel, premises_id, held,"
            " idem_key, payload, next_at, created_at) VALUES (2, %s, 'reminder', 'sms', %s,"
            " 1, '%s', '{\"bills\": [%s], \"stage\": \"after\"}',"
            " NOW(6) + INTERVAL 1 HOUR, NOW(6))" % (o, pid, k, bill_id))
    ids = [sql1("SELECT id FROM outbox WHERE idem_key = '%s'" % k) for k in keys]
    inlist = "id IN (%s)" % ", ".join(ids)
    rules(phones[0], timeout=4)                 # slow, then taken
    rules(phones[1], timeout=4, fail_next=1)    # slow, then failed
    try:
        # nothing else due, so that one claim takes the three
        check(wait_for(lambda: sql1("SELECT COUNT(*) FROM outbox WHERE held = 1 AND"
                                    " status IN ('pending', 'sending') AND next_at <= NOW(6)")
                       == "0", 60), "other messages are due")
        sql("UPDATE outbox SET next_at = NOW(6) WHERE " + inlist)

        def in_flight(phone):
            return wait_for(lambda: mock("GET", "/_inflight?address=" + phone), 30)

        def take_over(mid, holder):
            return sql1("UPDATE outbox SET lease_owner = 'fence-test', attempts = attempts + 1,"
                        " lease_until = NOW(6) + INTERVAL 1 HOUR WHERE id = %s"
                        " AND status = 'sending' AND lease_owner = '%s';"
                        " SELECT ROW_COUNT()" % (mid, holder))

        check(in_flight(phones[0]), "the first reminder was never sent")
        rows = sql("SELECT status, lease_owner FROM outbox WHERE %s ORDER BY id" % inlist)
        holder = rows[0][1]
        check(all(r == ["sending", holder] for r in rows), "not one worker's batch: %r", rows)
        check(take_over(ids[0], holder) == "1" and take_over(ids[2], holder) == "1",
              "could not take the first and third over")
        check(in_flight(phones[1]), "the second reminder was never sent")
        check(take_over(ids[1], holder) == "1", "could not take the second over")
        # A has both answers (its tries are kept), then has nothing to do
        check(wait_for(lambda: sql1("SELECT COUNT(*) FROM outbox_attempts WHERE outbox_id"
                                    " IN (%s, %s)" % (ids[0], ids[1])) == "2", 30),
              "worker A's tries were not kept")
        changed = wait_for(lambda: sql("SELECT status, lease_owner, last_error, provider_id"
                                       " FROM outbox WHERE %s" % inlist)
                           != [["sending", "fence-test", "", ""]] * 3, 5)
        rows = sql("SELECT status, lease_owner, last_error, provider_id FROM outbox"
                   " WHERE %s ORDER BY id" % inlist)
        check(not changed, "a worker that lost its lease changed its messages: %r", rows)
        check(sql("SELECT ok FROM outbox_attempts WHERE outbox_id IN (%s, %s) ORDER BY"
                  " outbox_id" % (ids[0], ids[1])) == [["1"], ["0"]],
              "worker A's answers: %r", sql("SELECT outbox_id, ok, answer FROM"
                                            " outbox_attempts WHERE " + inlist))
        check(received(phones[2]) == [] and sql1("SELECT COUNT(*) FROM outbox_attempts"
                                                 " WHERE outbox_id = %s" % ids[2]) == "0",
              "the third was sent by a worker that no longer held it")
    finally:
        for p in phones:
            rules(p)
        sql("UPDATE outbox SET status = 'skipped', last_error = 'test', lease_until = NULL"
            " WHERE " + inlist)


def run_next_month(estate):
    """A billing run of estate for the first month ahead it may still
    bill; its id once done."""
    c = staff("admin")
    for k in (1, 2, 3, 4):
        period = months_ahead(k)
        page = c.get("/staff/billing?estate=%d&period=%s" % (estate, period))
        if 'name="form_token"' in page.body:
            run = bill(estate, period)
            if sql1("SELECT COUNT(*) FROM bills WHERE run_id = %d" % run) != "0":
                return run
    raise AssertionError("no month left to bill")


def yuan(fen):
    return "%d.%02d" % divmod(int(fen), 100)


def owed_now(pid):
    return int(sql1("SELECT COALESCE(SUM(b.amount_fen - COALESCE((SELECT SUM(a.amount_fen)"
                    " FROM allocations a WHERE a.bill_id = b.id), 0) - COALESCE((SELECT"
                    " w.amount_fen FROM waivers w WHERE w.bill_id = b.id), 0)), 0)"
                    " FROM bills b WHERE b.premises_id = %s"
                    " AND b.status IN ('unpaid', 'partial')" % pid))


@test
def an_ebill_says_what_is_true_when_it_is_sent_paid_waived_prepaid_or_owed():
    # A run's e-bills wait out the quiet hours; meanwhile one household
    # pays in cash, one's bills are waived; one had paid ahead before the
    # run (its prepaid balance paid them), one did nothing. Each e-bill,
    # composed when it is sent, says what is true then (a breaker's
    # trial: bills paid in cash were said to be 已由预存余额抵扣).
    from test_money import pay
    from test_waivers import waive
    lead = staff("zuzhang")
    homes = {}
    for what in ("cash", "waived", "prepaid", "owed"):
        pid, _ = sms_household(1)
        while sql1("SELECT COUNT(*) FROM prepaid_open WHERE premises_id = %s" % pid) != "0":
            pid, _ = sms_household(1)
        homes[what] = pid
    extra = 1000000                     # ¥10,000 ahead: more than a run bills
    r = pay(lead, homes["prepaid"], yuan(owed_now(homes["prepaid"]) + extra))
    check(r.status == 303, "paying ahead: %r", r)
    quiet(1, True)
    try:
        run = run_next_month(1)
        where = "o.run_id = %d AND o.channel = 'sms' AND o.premises_id IN (%s)" % (
            run, ", ".join(str(p) for p in homes.values()))
        check(int(sql1("SELECT COUNT(*) FROM outbox o WHERE " + where)) == 4,
              "e-bills queued: %r", sql("SELECT premises_id, status FROM outbox o WHERE "
                                        + where))
        # (a look by the worker leases them for a moment: 'sending')
        time.sleep(2)
        check(wait_for(lambda: statuses(where) == {"pending": "4"}, 10),
              "quiet hours did not hold them: %r", statuses(where))
        # the run's page says until when (a new user's trial: 待发送 1441,
        # and no time)
        page = staff("jingli").get("/staff/billing/runs/%d" % run)
        end = sql1("SELECT DATE_FORMAT(quiet_to, '%H:%i') FROM estates WHERE id = 1")
        check(re.search(r"现在是免打扰时段（[0-9:]+ 至 [0-9:]+），待发送的电子账单将于[今明]天 %s 起发出"
                        % end, page.body), "the run's page: %s", text_of(page.body)[:600])
        r = pay(lead, homes["cash"], yuan(owed_now(homes["cash"])))
        check(r.status == 303, "cash: %r", r)
        m = staff("jingli")
        for (b,) in sql("SELECT id FROM bills WHERE run_id = %d AND premises_id = %s"
                        % (run, homes["waived"])):
            r = waive(m, b, "测试：本月全额减免")
            check(r.status == 303, "waiver: %r", r)
    finally:
        quiet(1, False)
    sql("UPDATE outbox o SET next_at = NOW(6) WHERE status = 'pending' AND " + where)
    check(settled(where), "not settled: %r", statuses(where))
    sql("UPDATE outbox SET status = 'skipped', last_error = 'test: not sent'"
        " WHERE run_id = %d AND status = 'pending'" % run)
    body = {what: sql1("SELECT o.body FROM outbox o WHERE o.status = 'sent' AND %s"
                       " AND o.premises_id = %s" % (where, pid))
            for what, pid in homes.items()}
    check(body["cash"] and "已缴清" in body["cash"] and "预存" not in body["cash"]
          and "无需缴费" in body["cash"], "paid in cash: %r", body["cash"])
    check(body["waived"] and "已减免" in body["waived"] and "预存" not in body["waived"],
          "waived: %r", body["waived"])
    check(body["prepaid"] and "已由预存余额抵扣" in body["prepaid"], "paid ahead: %r",
          body["prepaid"])
    check(body["owed"] and "待缴¥" in body["owed"] and "预存" not in body["owed"]
          and "已缴清" not in body["owed"], "owed: %r", body["owed"])


@test
def the_days_plan_forgets_login_codes_older_than_30_days():
    # A phone number and the address it asked from are personal data:
    # kept while the limits need them (an hour), forgotten after 30 days
    # (worker/plan.c), with the limits' rows of phones not asked about
    # since.
    tag = "%04d" % (int(time.time()) % 10000)
    old, new = "1993111" + tag, "1993222" + tag
    for phone, days in ((old, 31), (new, 29)):
        sql("INSERT INTO login_codes (phone, purpose, salt, code_hash, created_at,"
            " expires_at, ip) VALUES ('%s', 'login', REPEAT('a', 32), REPEAT('b', 64),"
            " NOW(6) - INTERVAL %d DAY, NOW(6) - INTERVAL %d DAY + INTERVAL 5 MINUTE,"
            " '192.0.2.7')" % (phone, days, days))
        sql("INSERT INTO login_code_limits (kind, subject, asked_at) VALUES"
            " ('phone', '%s', NOW(6) - INTERVAL %d DAY)" % (phone, days))
    plan(sql1("SELECT CURDATE()"))
    left = [r[0] for r in sql("SELECT phone FROM login_codes WHERE phone IN ('%s', '%s')"
                              % (old, new))]
    check(left == [new], "login codes left: %r", left)
    left = [r[0] for r in sql("SELECT subject FROM login_code_limits WHERE kind = 'phone'"
                              " AND subject IN ('%s', '%s')" % (old, new))]
    check(left == [new], "limits' rows left: %r", left)
    sql("DELETE FROM login_codes WHERE phone = '%s'" % new)
    sql("DELETE FROM login_code_limits WHERE subject = '%s'" % new)


@test
def a_manager_sets_the_quiet_hours_and_the_reminder_schedule_on_the_settings_page():
    # A new user's trial: quiet hours, the reminder schedule and the daily
    # limit were stored with no page to set them.
    cols = ("quiet_from, quiet_to, remind_before_days, remind_every_days, remind_max,"
            " msg_owner_day_max")
    was = sql("SELECT %s FROM estates WHERE id = 1" % cols)[0]
    m = staff("jingli")
    page = m.get("/staff/settings?estate=1")
    check(page.status == 200 and 'name="quiet_from"' in page.body, "no form: %r", page)
    good = [("csrf", page.csrf()), ("estate", "1"), ("part", "messages"),
            ("quiet_from", "22:00"), ("quiet_to", "07:00"), ("remind_before_days", "5"),
            ("remind_every_days", "10"), ("remind_max", "4"), ("msg_owner_day_max", "3")]
    try:
        bad = [(k, "0" if k == "remind_max" else v) for k, v in good]
        r = m.request("POST", "/staff/settings", body=urllib.parse.urlencode(bad).encode(),
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
        check(r.status == 400 and re.search(r'id="remind_max"[^>]*>\s*<p class="err">[^<]+',
                                            r.body), "a limit of 0 reminders: %r", r)
        check(sql("SELECT %s FROM estates WHERE id = 1" % cols)[0] == was,
              "a form with a mistake changed something")
        r = m.request("POST", "/staff/settings", body=urllib.parse.urlencode(good).encode(),
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
        check(r.status == 303, "saving: %r", r)
        check(sql("SELECT %s FROM estates WHERE id = 1" % cols)[0]
              == ["22:00:00", "07:00:00", "5", "10", "4", "3"],
              "stored: %r", sql("SELECT %s FROM estates WHERE id = 1" % cols))
        check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.set' AND"
                   " estate_id = 1 AND detail LIKE 'messages: quiet 22:00-07:00%'") != "0",
              "no audit entry")
        page = m.get("/staff/settings?estate=1")
        check(re.search(r'<option value="22:00" selected>', page.body)
              and re.search(r'id="remind_every_days"[^>]*value="10"', page.body),
              "the form does not show what is stored")
    finally:
        sql("UPDATE estates SET quiet_from = '%s', quiet_to = '%s', remind_before_days = %s,"
            " remind_every_days = %s, remind_max = %s, msg_owner_day_max = %s WHERE id = 1"
            % tuple(was))
