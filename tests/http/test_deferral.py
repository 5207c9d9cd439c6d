"""test_deferral.py - hardship deferral (缓交申请, issue 13; DOMAIN.md
"Hardship"): an owner applies in the portal, or staff log it for them; a
manager approves or rejects it with a reason (never one they logged
themselves); approved, the bills' due dates move by rows of their own
(bills.due_date untouched), the household leaves the arrears board's
tiers and is listed apart as 缓交中, gets no reminder while it lasts, and
comes back, counted from the new dates, once it ends. Forms with
mistakes come back 4xx with the message by the field and nothing
recorded; another owner's home is 404; every step is in the audit log;
the owner is told of the decision through the outbox."""

import csv
import datetime
import os
import re
import subprocess

from lib import ROOT, VAR, check, owner, sql, sql1, staff, test, text_of, wait_for

WORKER = os.path.join(ROOT, os.environ.get("B", "build"), "propfee-worker")
CONF = os.path.join(VAR, "propfee.conf")


def plan(day):
    r = subprocess.run([WORKER, "-c", CONF, "-p", day], capture_output=True, text=True)
    check(r.returncode == 0, "propfee-worker -p %s: %s", day, r.stderr)


def household(skip=()):
    """A flat of estate 1 on the arrears board (a bill past due by more
    than 100 days: 3 months or more), whose primary owner owns nothing else and is no demo
    login, with no deferral yet: (premises, owner id, owner phone)."""
    rows = sql("SELECT p.id, o.id, o.phone FROM premises p"
               " JOIN premises_owners po ON po.premises_id = p.id AND po.is_primary = 1"
               " JOIN owners o ON o.id = po.owner_id"
               " WHERE p.estate_id = 1 AND p.occupancy = 'occupied' AND o.phone <> ''"
               " AND o.phone NOT LIKE '1380000000%%'"
               " AND (SELECT COUNT(*) FROM premises_owners x WHERE x.owner_id = o.id) = 1"
               " AND NOT EXISTS (SELECT 1 FROM deferrals d WHERE d.premises_id = p.id)"
               " AND EXISTS (SELECT 1 FROM bills b WHERE b.premises_id = p.id"
               "  AND b.status IN ('unpaid', 'partial')"
               "  AND b.due_date < CURDATE() - INTERVAL 100 DAY)"
               " ORDER BY p.id LIMIT 20")
    for pid, oid, phone in rows:
        if int(pid) not in skip:
            return int(pid), int(oid), phone
    check(False, "no household left")


def open_bills(pid, past_due=True):
    return [int(r[0]) for r in sql(
        "SELECT id FROM bills WHERE premises_id = %d AND status IN ('unpaid', 'partial')"
        " AND due_date %s CURDATE() ORDER BY due_date, id" % (pid, "<" if past_due else ">="))]


def board_csv(pid):
    """The arrears board's CSV of the household's building: the rows that
    name its label."""
    b, label = sql("SELECT p.building_id, CONCAT(bd.name, p.unit, '单元', p.room, '室')"
                   " FROM premises p JOIN buildings bd ON bd.id = p.building_id"
                   " WHERE p.id = %d" % pid)[0]
    r = staff("zuzhang").get("/staff/arrears.csv?estate=1&all=1&building=%s" % b)
    check(r.status == 200, "board csv: %r", r)
    return [line for line in r.body.splitlines() if label in line]


def apply_in_portal(c, pid, bills, months="1", reason="今年失业，正在找工作，想缓交几个月"):
    page = c.get("/premises/%d/deferrals/new" % pid)
    check(page.status == 200, "the form: %r", page)
    fields = [("csrf", page.csrf()), ("form_token", page.token("/deferrals")),
              ("reason", reason), ("months", months)] + [("bill", str(b)) for b in bills]
    return c.post("/premises/%d/deferrals" % pid, fields)


def counts():
    return sql1("SELECT CONCAT((SELECT COUNT(*) FROM deferrals), '/',"
                " (SELECT COUNT(*) FROM deferral_bills), '/',"
                " (SELECT COUNT(*) FROM bill_due_dates))")


def pending_of(pid):
    return int(sql1("SELECT id FROM deferrals WHERE premises_id = %d AND status = 'pending'"
                    % pid))


def decide(c, did, action, reason=None):
    page = c.get("/staff/deferrals?estate=1")
    check(page.status == 200, "the list: %r", page)
    fields = {"csrf": page.csrf(), "estate": "1"}
    if reason is not None:
        fields["reason"] = reason
    return c.post("/staff/deferrals/%d/%s" % (did, action), fields)


@test
def a_form_with_mistakes_records_nothing_and_another_owners_home_is_404():
    pid, oid, phone = household()
    c = owner(phone)
    before = counts()
    # no bill ticked
    r = apply_in_portal(c, pid, [])
    check(r.status == 400 and "请至少勾选一笔要缓交的账单" in r.body, "no bill: %r", r)
    # a reason too short, by its field
    r = apply_in_portal(c, pid, open_bills(pid)[:1], reason="穷")
    check(r.status == 400 and "缓交原因" in text_of(r.body), "short reason: %r", r)
    # a month count not offered
    r = apply_in_portal(c, pid, open_bills(pid)[:1], months="12")
    check(r.status == 400, "12 months: %r", r)
    # another household's bill
    other = int(sql1("SELECT id FROM bills WHERE premises_id <> %d AND status = 'unpaid'"
                     " LIMIT 1" % pid))
    r = apply_in_portal(c, pid, [other])
    check(r.status == 400 and "不属于" in r.body, "another's bill: %r", r)
    check(counts() == before, "recorded: %s -> %s", before, counts())
    # another owner's home: the form and the post are 404
    theirs = int(sql1("SELECT premises_id FROM premises_owners WHERE owner_id <> %d"
                      " AND premises_id <> %d LIMIT 1" % (oid, pid)))
    check(c.get("/premises/%d/deferrals/new" % theirs).status == 404, "another's form")
    page = c.get("/premises/%d/deferrals/new" % pid)
    r = c.post("/premises/%d/deferrals" % theirs, [
        ("csrf", page.csrf()), ("form_token", page.token("/deferrals")),
        ("reason", "不是我家的房子"), ("months", "1"), ("bill", str(open_bills(pid)[0]))])
    check(r.status == 404, "another's post: %r", r)
    # without CSRF: 403, nothing
    r = c.post("/premises/%d/deferrals" % pid, [("reason", "没有令牌的表单"), ("months", "1")])
    check(r.status == 403, "no csrf: %r", r)
    check(counts() == before, "recorded: %s -> %s", before, counts())


@test
def an_owner_applies_the_manager_approves_the_household_leaves_the_board_unreminded_and_comes_back():
    pid, oid, phone = household()
    bills = open_bills(pid)
    due_before = dict((int(a), b) for a, b in sql(
        "SELECT id, due_date FROM bills WHERE premises_id = %d" % pid))
    check(board_csv(pid), "household %d not on the board before", pid)
    c = owner(phone)
    r = apply_in_portal(c, pid, bills)
    check(r.status == 303 and r.header("Location") == "/deferrals?ok=1", "apply: %r", r)
    did = pending_of(pid)
    check(int(sql1("SELECT COUNT(*) FROM deferral_bills WHERE deferral_id = %d" % did))
          == len(bills), "its bills")
    check(sql1("SELECT logged_by IS NULL FROM deferrals WHERE id = %d" % did) == "1",
          "the owner's own application has no staff")
    mine = c.get("/deferrals")
    check("等待物业经理审批" in mine.body, "the owner does not see it pending")
    # a second one while it waits: 409, nothing recorded
    before = counts()
    r = apply_in_portal(c, pid, bills[:1])
    check(r.status == 409 and "等待" in r.body, "second: %r", r)
    check(counts() == before, "a second application recorded")
    # pending: still on the board
    check(board_csv(pid), "left the board before approval")
    # a collector cannot approve (403); the manager can
    r = decide(staff("shoufei1"), did, "approve")
    check(r.status == 403, "a collector approved: %r", r)
    mgr = staff("jingli")
    r = decide(mgr, did, "approve")
    check(r.status == 303, "approve: %r", r)
    today = datetime.date.fromisoformat(sql1("SELECT CURDATE()"))
    st, starts, ends = sql("SELECT status, starts_on, ends_on FROM deferrals WHERE id = %d"
                           % did)[0]
    check(st == "approved" and starts == str(today), "approved: %s %s", st, starts)
    end = datetime.date.fromisoformat(ends)
    check(28 <= (end - today).days <= 31, "a month: %s to %s", starts, ends)
    moved = dict((int(a), b) for a, b in sql(
        "SELECT bill_id, due_date FROM bill_due_dates WHERE deferral_id = %d" % did))
    check(sorted(moved) == sorted(bills) and set(moved.values()) == {ends},
          "moved: %r", moved)
    now = dict((int(a), b) for a, b in sql(
        "SELECT id, due_date FROM bills WHERE premises_id = %d" % pid))
    check(now == due_before, "bills.due_date was edited")
    # twice: 409
    r = decide(mgr, did, "approve")
    check(r.status == 409 and "已经审批过了" in r.body, "approved twice: %r", r)
    # audited, in Chinese on the audit page
    acts = [a for (a,) in sql("SELECT action FROM audit_log WHERE entity = 'deferral'"
                              " AND entity_id = %d ORDER BY id" % did)]
    check(acts == ["deferral.apply", "deferral.approve"], "audit: %r", acts)
    audit = mgr.get("/staff/audit?estate=1")
    check("批准缓交" in audit.body, "the audit page does not say 批准缓交")
    # the owner is told, and sees it
    check(int(sql1("SELECT COUNT(*) FROM outbox WHERE topic = 'deferral.decided'"
                   " AND owner_id = %d AND idem_key LIKE 'deferral.decided/%d/%%'"
                   % (oid, did))) >= 1, "the owner was not told")
    # ... and the message goes out (the providers have its template)
    was = sql("SELECT quiet_from, quiet_to, msg_owner_day_max FROM estates WHERE id = 1")[0]
    sql("UPDATE estates SET quiet_from = '00:00:00', quiet_to = '00:00:00',"
        " msg_owner_day_max = 1000 WHERE id = 1")
    where = ("topic = 'deferral.decided' AND owner_id = %d AND idem_key LIKE"
             " 'deferral.decided/%d/%%'" % (oid, did))
    try:
        # a message the worker took up in the quiet hours (21:00-08:00,
        # before they were lifted above) waits for their end: as if they
        # had passed
        sql("UPDATE outbox SET next_at = NOW(6) WHERE %s AND status = 'pending'" % where)
        check(wait_for(lambda: int(sql1("SELECT COUNT(*) FROM outbox WHERE %s AND status"
                                        " NOT IN ('sent', 'skipped', 'dead')" % where)) == 0,
                       120), "not settled: %r",
              sql("SELECT channel, status, last_error FROM outbox WHERE " + where))
    finally:
        sql("UPDATE estates SET quiet_from = '%s', quiet_to = '%s', msg_owner_day_max = %s"
            " WHERE id = 1" % tuple(was))
    check(sql("SELECT body FROM outbox WHERE %s AND status = 'sent'" % where),
          "nothing sent: %r", sql("SELECT channel, status, last_error FROM outbox WHERE "
                                  + where))
    check("已批准" in c.get("/deferrals").body, "the owner does not see it approved")
    # off the board's tiers, listed apart with its end
    check(not board_csv(pid), "still on the board: %r", board_csv(pid))
    page = staff("zuzhang").get("/staff/arrears?estate=1&all=1")
    m = re.search(r'<li data-premises="%d">(.*?)</li>' % pid, page.body, re.S)
    check(m and "%d年%d月%d日" % (end.year, end.month, end.day) in m.group(1),
          "not listed as 缓交中 with its end")
    hh = staff("zuzhang").get("/staff/households/%d" % pid)
    check('data-tier="deferred"' in hh.body, "the household page shows a tier")
    # no reminder while it lasts: 3 days before the new due date the
    # planner would remind of it (the 'before' stage) but the household
    # is under the deferral; on the new due date it is reminded again.
    before_days = int(sql1("SELECT remind_before_days FROM estates WHERE id = 1"))
    quiet = str(end - datetime.timedelta(days=before_days))
    plan(quiet)
    n = int(sql1("SELECT COUNT(*) FROM outbox WHERE topic = 'reminder'"
                 " AND premises_id = %d AND idem_key LIKE 'reminder/%d/%s/%%'"
                 % (pid, pid, quiet)))
    check(n == 0, "%d reminders planned on %s, inside the deferral", n, quiet)
    plan(ends)
    n = int(sql1("SELECT COUNT(*) FROM outbox WHERE topic = 'reminder'"
                 " AND premises_id = %d AND idem_key LIKE 'reminder/%d/%s/%%'"
                 % (pid, pid, ends)))
    check(n >= 1, "no reminder on the new due date %s", ends)
    # it ends (the test clock: the deferral and its dates 40 days back):
    # the household comes back, its months counted from the new dates
    # (1), not from its oldest bill's own (3 or more)
    sql("UPDATE deferrals SET starts_on = starts_on - INTERVAL 70 DAY,"
        " ends_on = CURDATE() - INTERVAL 40 DAY WHERE id = %d" % did)
    sql("UPDATE bill_due_dates SET due_date = CURDATE() - INTERVAL 40 DAY"
        " WHERE deferral_id = %d" % did)
    rows = board_csv(pid)
    check(rows, "not back on the board after the deferral ended")
    months = int(sql1("SELECT TIMESTAMPDIFF(MONTH, CURDATE() - INTERVAL 40 DAY, CURDATE())"))
    cols = next(csv.reader([rows[0]]))
    check(cols[5] == "绿色" and cols[6] == str(months), "months from the new date (%d): %r",
          months, rows)
    hh = staff("zuzhang").get("/staff/households/%d" % pid)
    check('data-tier="deferred"' not in hh.body, "still 缓交中 after it ended")
    page = staff("zuzhang").get("/staff/arrears?estate=1&all=1")
    check('<li data-premises="%d">' % pid not in page.body, "still listed as 缓交中")


@test
def staff_log_for_an_owner_and_the_manager_who_logged_it_cannot_decide_it():
    first, _, _ = household()
    pid, oid, phone = household(skip=(first,))
    bills = open_bills(pid)[:1]
    # a collector logs it from the household page
    col = staff("shoufei1")
    hh = col.get("/staff/households/%d" % pid)
    check("登记缓交申请" in hh.body, "no link on the household page")
    page = col.get("/staff/households/%d/deferrals/new" % pid)
    check(page.status == 200, "form: %r", page)
    r = col.post("/staff/households/%d/deferrals" % pid, [
        ("csrf", page.csrf()), ("form_token", page.token("/deferrals")),
        ("owner", str(oid)), ("reason", "业主住院，家属来服务中心代为申请"),
        ("months", "2")] + [("bill", str(b)) for b in bills])
    check(r.status == 303, "log: %r", r)
    did = pending_of(pid)
    # the manager rejects without a reason: 400 by the row, nothing changed
    mgr = staff("jingli")
    r = decide(mgr, did, "reject", "")
    check(r.status == 400 and "不批准的原因" in r.body, "no reason: %r", r)
    check(sql1("SELECT status FROM deferrals WHERE id = %d" % did) == "pending", "changed")
    r = decide(mgr, did, "reject", "欠费原因与困难无关，请先缴纳")
    check(r.status == 303, "reject: %r", r)
    check(sql("SELECT status, decision_note FROM deferrals WHERE id = %d" % did)[0] ==
          ["rejected", "欠费原因与困难无关，请先缴纳"], "rejected")
    check(sql1("SELECT COUNT(*) FROM bill_due_dates WHERE deferral_id = %d" % did) == "0",
          "a rejected deferral moved dates")
    check("未批准" in owner(phone).get("/deferrals").body, "the owner does not see it")
    # a manager logs one and may not decide it (403); the case file shows
    # deferrals and service-exchange credits side by side
    page = mgr.get("/staff/households/%d/deferrals/new" % pid)
    r = mgr.post("/staff/households/%d/deferrals" % pid, [
        ("csrf", page.csrf()), ("form_token", page.token("/deferrals")),
        ("owner", str(oid)), ("reason", "再次申请：已提供失业证明"),
        ("months", "1")] + [("bill", str(b)) for b in bills])
    check(r.status == 303, "log by a manager: %r", r)
    did = pending_of(pid)
    r = decide(mgr, did, "approve")
    check(r.status == 403 and "须由另一位经理批准" in r.body, "own approval: %r", r)
    check(sql1("SELECT status FROM deferrals WHERE id = %d" % did) == "pending", "changed")
    case = staff("zuzhang").get("/staff/households/%d/case" % pid)
    check(case.status == 200 and "缓交申请" in case.body and "服务置换" in case.body
          and "未批准" in case.body and "待审批" in case.body, "case file: %r", case)
    # ... but may withdraw it (not approving grants nothing): the owner
    # can apply again, where a manager alone in the estate left it stuck
    page = mgr.get("/staff/deferrals?estate=1")
    check('action="/staff/deferrals/%d/reject"' % did in page.body
          and 'action="/staff/deferrals/%d/approve"' % did not in page.body,
          "the own log's row offers: %r", page)
    r = decide(mgr, did, "reject", "登记有误，撤回")
    check(r.status == 303, "own log withdrawn: %r", r)
    check(sql1("SELECT status FROM deferrals WHERE id = %d" % did) == "rejected", "status")


@test
def a_deferral_of_bills_paid_meanwhile_is_not_approved():
    """The owner applies, a collector takes the money for every bill it
    names, the manager approves: 409, nothing moves, and the household
    stays on the board."""
    from test_money import pay
    pid, oid, phone = household()
    bills = open_bills(pid)[:1]
    r = apply_in_portal(owner(phone), pid, bills)
    check(r.status == 303, "apply: %r", r)
    did = pending_of(pid)
    owed = int(sql1("SELECT b.amount_fen - COALESCE((SELECT SUM(a.amount_fen) FROM"
                    " allocations a WHERE a.bill_id = b.id), 0) FROM bills b WHERE"
                    " b.id = %d" % bills[0]))
    r = pay(staff("shoufei1"), pid, "%d.%02d" % (owed // 100, owed % 100),
            bills=[str(bills[0])])
    check(r.status == 303, "pay: %r", r)
    check(sql1("SELECT status FROM bills WHERE id = %d" % bills[0]) == "paid", "not paid")
    before = counts()
    r = decide(staff("jingli"), did, "approve")
    check(r.status == 409 and "都已缴清" in r.body, "approved a paid deferral: %r", r)
    check(counts() == before and sql1("SELECT status FROM deferrals WHERE id = %d" % did)
          == "pending", "changed")
