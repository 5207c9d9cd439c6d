"""test_late_fees.py - late fees (滞纳金, issue 13; core/latefee.h,
worker/latefee.c, sql/043): off by default (the demo estates have none and
the worker makes none there); a manager turns them on for an estate with a
daily rate, grace days and a cap (a cap above 100 % is refused by the
field, nothing changed); the worker bills, once a month, what each
principal bill earned through the end of last month over what was billed
for it already, as separate bills linked to it - equal to an independent
computation here, on a case with grace days, a cap, a deferral and
partial payments; running again makes nothing more; a late fee is waived
with a reason like any bill and is not billed again; a payment pays the
principal bills before the late-fee bills.

The case lives in an estate of its own (made here, with its own manager)
so no other module's figures move."""

import datetime
import os
import re
import subprocess

from lib import ROOT, VAR, check, owner, sql, sql1, staff, test
from test_money import pay

WORKER = os.path.join(ROOT, os.environ.get("B", "build"), "propfee-worker")
CONF = os.path.join(VAR, "propfee.conf")
D = datetime.date.fromisoformat


def run_worker(day):
    r = subprocess.run([WORKER, "-c", CONF, "-l", day], capture_output=True, text=True)
    check(r.returncode == 0, "propfee-worker -l %s: %s", day, r.stderr)


def expected_fee(rate, grace, cap_bp, principal, due, pays, spans, through):
    """The late fee principal due on `due` has earned by the end of
    `through`: each day from due + grace + 1 on, not deferred, the
    principal still owed at the end of the day (pays by day) times the
    rate per 100,000, summed, floored to the fen once, capped."""
    cap = principal * cap_bp // 10000
    units = 0
    day = due + datetime.timedelta(days=grace + 1)
    while day <= through:
        if not any(a <= day <= b for a, b in spans):
            owed = principal - sum(f for d, f in pays if d <= day)
            if owed > 0:
                units += min(owed, principal) * rate
        day += datetime.timedelta(days=1)
    return min(units // 100000, cap)


CASE = {}


def setup():
    """Estate LF43: one household, its owner, a manager of its own, three
    principal bills (A partly paid twice, B deferred, C small enough to
    reach the cap) and a fourth (E) due later."""
    if CASE:
        return CASE
    e = int(sql1("INSERT INTO estates (code, name, service_centre)"
                 " VALUES ('LF43', '滞纳金测试小区', '测试服务中心');"
                 " SELECT LAST_INSERT_ID()"))
    b = int(sql1("INSERT INTO buildings (estate_id, name, sort) VALUES (%d, '1幢', 1);"
                 " SELECT LAST_INSERT_ID()" % e))
    p = int(sql1("INSERT INTO premises (estate_id, building_id, unit, room, floor,"
                 " area_x100, occupancy) VALUES (%d, %d, '1', '101', 1, 10000,"
                 " 'occupied'); SELECT LAST_INSERT_ID()" % (e, b)))
    o = int(sql1("INSERT INTO owners (estate_id, name, phone, password_hash)"
                 " SELECT %d, '滞纳测试', '13911110043', password_hash FROM owners"
                 " WHERE phone = '13800000001'; SELECT LAST_INSERT_ID()" % e))
    sql("INSERT INTO premises_owners (premises_id, owner_id, estate_id, is_primary)"
        " VALUES (%d, %d, %d, 1)" % (p, o, e))
    sql("INSERT INTO staff (username, name, role, password_hash)"
        " SELECT 'lf43jingli', '滞纳测试经理', 'manager', password_hash FROM staff"
        " WHERE username = 'jingli'")
    sql("INSERT INTO staff_estates (staff_id, estate_id) SELECT id, %d FROM staff"
        " WHERE username = 'lf43jingli'" % e)
    fi = int(sql1("INSERT INTO fee_items (estate_id, code, name, basis, sort)"
                  " VALUES (%d, 'property', '物业费', 'area', 1); SELECT LAST_INSERT_ID()"
                  % e))
    bills = {}
    for key, period, amount, due in [("C", "2025-06-01", 5000, "2025-06-10"),
                                     ("A", "2026-01-01", 120000, "2026-01-10"),
                                     ("B", "2026-02-01", 80000, "2026-02-10"),
                                     ("E", "2026-06-01", 30000, "2026-06-10")]:
        bills[key] = int(sql1(
            "INSERT INTO bills (estate_id, premises_id, fee_item_id, period_start,"
            " amount_fen, due_date) VALUES (%d, %d, %d, '%s', %d, '%s');"
            " SELECT LAST_INSERT_ID()" % (e, p, fi, period, amount, due)))
    # two partial payments of A, as the books record them (receipts 1, 2)
    for seq, (day, fen) in enumerate([("2026-02-05", 30000), ("2026-03-12", 20000)], 1):
        pid = int(sql1(
            "INSERT INTO payments (estate_id, premises_id, payer_owner_id, amount_fen,"
            " channel, paid_at) VALUES (%d, %d, %d, %d, 'cash', '%s 10:00:00');"
            " SELECT LAST_INSERT_ID()" % (e, p, o, fen, day)))
        sql("INSERT INTO allocations (estate_id, payment_id, bill_id, amount_fen, source,"
            " created_at) VALUES (%d, %d, %d, %d, 'payment', '%s 10:00:00')"
            % (e, pid, bills["A"], fen, day))
        sql("INSERT INTO receipts (estate_id, year, seq, number, payment_id, verify_code,"
            " issued_at) VALUES (%d, 2026, %d, 'LF43-2026-%06d', %d, 'lf43test%d',"
            " '%s 10:00:00')" % (e, seq, seq, pid, seq, day))
    sql("INSERT INTO receipt_counters (estate_id, year, last_seq) VALUES (%d, 2026, 2)" % e)
    sql("UPDATE bills SET status = 'partial' WHERE id = %d" % bills["A"])
    # a deferral approved 2026-03-01 for B, to 2026-03-21
    dfr = int(sql1(
        "INSERT INTO deferrals (estate_id, premises_id, owner_id, reason, months, status,"
        " applied_at, decided_at, starts_on, ends_on) VALUES (%d, %d, %d, '测试', 1,"
        " 'approved', '2026-02-28 09:00:00', '2026-03-01 09:00:00', '2026-03-01',"
        " '2026-03-21'); SELECT LAST_INSERT_ID()" % (e, p, o)))
    sql("INSERT INTO bill_due_dates (bill_id, deferral_id, due_date, created_at)"
        " VALUES (%d, %d, '2026-03-21', '2026-03-01 09:00:00')" % (bills["B"], dfr))
    CASE.update(estate=e, premises=p, owner=o, bills=bills)
    return CASE


RULE = dict(rate=50, grace=15, cap_bp=1000)     # 万分之五, 15 days, 10 %
SPANS = [(D("2026-03-01"), D("2026-03-20"))]
PAYS = {"A": [(D("2026-02-05"), 30000), (D("2026-03-12"), 20000)]}
PRINCIPAL = {"C": 5000, "A": 120000, "B": 80000, "E": 30000}
DUE = {"C": D("2025-06-10"), "A": D("2026-01-10"), "B": D("2026-03-21"),
       "E": D("2026-06-10")}


def expected(key, through):
    return expected_fee(RULE["rate"], RULE["grace"], RULE["cap_bp"], PRINCIPAL[key],
                        DUE[key], PAYS.get(key, []), SPANS, D(through))


def late_bills(principal_id):
    return [(int(i), int(a), s, ps) for i, a, s, ps in sql(
        "SELECT id, amount_fen, status, period_start FROM bills WHERE late_of = %d"
        " ORDER BY id" % principal_id)]


def settings_post(m, estate, **kw):
    page = m.get("/staff/settings?estate=%d" % estate)
    check(page.status == 200, "settings: %r", page)
    fields = {"csrf": page.csrf(), "estate": str(estate), "part": "latefee",
              "late_fee_on": "on", "late_fee_rate": "5", "late_fee_grace_days": "15",
              "late_fee_cap": "10", "late_fee_order": "principal"}
    fields.update(kw)
    return m.post("/staff/settings", fields)


@test
def late_fees_are_off_by_default_and_the_worker_makes_none_when_off():
    c = setup()
    check(sql1("SELECT COUNT(*) FROM estates WHERE late_fee_on <> 0") == "0",
          "late fees on somewhere by default")
    run_worker("2026-04-03")
    check(sql1("SELECT COUNT(*) FROM bills WHERE late_of <> 0") == "0",
          "late-fee bills made while off")
    m = staff("lf43jingli")
    page = m.get("/staff/settings?estate=%d" % c["estate"])
    check("很多小区从不收取" in page.body and "缓交期间不计滞纳金" in page.body,
          "the settings page does not say local rules differ")
    check('value="off" checked' in page.body, "not shown off")


@test
def a_cap_above_the_principal_is_refused_by_the_field_and_nothing_changes():
    c = setup()
    m = staff("lf43jingli")
    mine = ("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.set'"
            " AND entity_id = %d" % c["estate"])
    audits = sql1(mine)
    r = settings_post(m, c["estate"], late_fee_cap="120", late_fee_rate="2.55",
                      late_fee_order="oldest")
    check(r.status == 400, "cap 120 %%: %r", r)
    check("上限不能超过本金的 100%" in r.body, "no message by the cap")
    check("最多保留一位小数" in r.body, "no message by the rate")
    # what was picked stays picked (收取, oldest first), though not saved
    check(re.search(r'name="late_fee_on" value="on" checked', r.body)
          and re.search(r'name="late_fee_order" value="oldest" checked', r.body),
          "the refused form lost its choices")
    check(sql1("SELECT late_fee_on FROM estates WHERE id = %d" % c["estate"]) == "0",
          "changed")
    check(sql1(mine) == audits, "audited a refusal")
    # a team lead may not save it
    r = staff("zuzhang").post("/staff/settings", {"estate": "1", "part": "latefee"})
    check(r.status in (403, 404), "a lead saved: %r", r)


@test
def the_worker_bills_what_an_independent_computation_says_once():
    c = setup()
    m = staff("lf43jingli")
    r = settings_post(m, c["estate"])
    check(r.status == 303, "save: %r", r)
    check(sql("SELECT late_fee_on, late_fee_rate, late_fee_grace_days, late_fee_cap_bp,"
              " late_fee_principal_first FROM estates WHERE id = %d" % c["estate"])
          == [["1", "50", "15", "1000", "1"]], "stored")
    check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.set' AND"
               " entity_id = %d AND detail LIKE 'latefee:%%'" % c["estate"]) == "1",
          "not audited")
    bills = c["bills"]
    run_worker("2026-04-03")            # through 2026-03-31
    for key in "CA":
        want = expected(key, "2026-03-31")
        got = late_bills(bills[key])
        check(want > 0 and [a for _, a, _, _ in got] == [want],
              "%s through March: %r, want %d", key, got, want)
        check(got[0][3] == "2026-03-01", "period: %r", got)
    # B's deferral moved it to 03-21: not late before 04-06 (grace)
    check(expected("B", "2026-03-31") == 0 and late_bills(bills["B"]) == [],
          "B late in March: %r", late_bills(bills["B"]))
    check(late_bills(bills["E"]) == [], "E is not late")
    check(expected("C", "2026-03-31") == 500, "C not at its cap")
    # principal bills untouched
    check([int(a) for (a,) in sql("SELECT amount_fen FROM bills WHERE late_of = 0 AND"
                                  " premises_id = %d ORDER BY id" % c["premises"])]
          == [5000, 120000, 80000, 30000], "a principal amount changed")
    # idempotent: again that day, and later that month
    n = sql1("SELECT COUNT(*) FROM bills WHERE late_of <> 0")
    run_worker("2026-04-03")
    run_worker("2026-04-25")
    check(sql1("SELECT COUNT(*) FROM bills WHERE late_of <> 0") == n, "billed twice")
    # the next month: the increments only; C is at its cap already
    run_worker("2026-05-20")            # through 2026-04-30
    got = late_bills(bills["A"])
    check(len(got) == 2 and got[1][1] == expected("A", "2026-04-30") - got[0][1]
          and got[1][3] == "2026-04-01", "A in April: %r", got)
    got = late_bills(bills["B"])
    want = expected("B", "2026-04-30")
    check(want > 0 and [(a, ps) for _, a, _, ps in got] == [(want, "2026-04-01")],
          "B in April: %r, want %d", got, want)
    check(len(late_bills(bills["C"])) == 1, "C billed over its cap")
    check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'latefee.bill' AND"
               " entity_id = %d" % c["premises"]) == "2", "one audit row a run")
    # no other estate has any
    check(sql1("SELECT COUNT(*) FROM bills WHERE late_of <> 0 AND estate_id <> %d"
               % c["estate"]) == "0", "late fees where they are off")
    # shown apart: the staff bill page names it 滞纳金
    lf = late_bills(bills["A"])[0][0]
    page = m.get("/staff/bills/%d" % lf)
    check(page.status == 200 and "滞纳金" in page.body
          and 'data-late-of="%d"' % bills["A"] in page.body, "the bill page: %r", page)
    page = owner("13911110043").get("/bills/%d" % lf)
    check(page.status == 200 and "滞纳金" in page.body
          and 'data-late-of="%d"' % bills["A"] in page.body, "the owner's bill page: %r",
          page)


@test
def the_rates_count_fee_bills_not_late_fees():
    """The KPI board's collection by month leaves the late fees out: the
    April run's late fees fall due in April, no fee bill does, so April's
    应收 is not their sum (a trial saw a month's rate sink to 0 %)."""
    c = setup()
    due = sql("SELECT COALESCE(SUM(amount_fen), 0), COUNT(*) FROM bills WHERE"
              " estate_id = %d AND late_of <> 0 AND due_date BETWEEN '2026-04-01' AND"
              " '2026-04-30'" % c["estate"])[0]
    total = int(due[0])
    check(int(due[1]) >= 2 and total > 0, "late fees due in April: %r", due)
    check(sql1("SELECT COUNT(*) FROM bills WHERE estate_id = %d AND late_of = 0 AND"
               " due_date BETWEEN '2026-04-01' AND '2026-04-30'" % c["estate"]) == "0",
          "a fee bill due in April")
    # to today: the late-fee bills were made today, by the clock
    r = staff("lf43jingli").get("/staff/kpi.csv?estate=%d&from=2026-04-01&to=%s"
                                "&table=months" % (c["estate"], sql1("SELECT CURDATE()")))
    check(r.status == 200, "kpi csv: %r", r)
    check("%d.%02d" % (total // 100, total % 100) not in r.body,
          "April counts the late fees: %s", r.body)


@test
def a_late_fee_is_waived_with_a_reason_and_not_billed_again():
    c = setup()
    m = staff("lf43jingli")
    lf = late_bills(c["bills"]["C"])[0][0]
    page = m.get("/staff/bills/%d" % lf)
    r = m.post("/staff/bills/%d/waive" % lf, {"csrf": page.csrf(), "reason": "业主困难，免收滞纳金",
                                              "waive_amount": "",
                                              "form_token": page.token("/waive")})
    check(r.status == 303, "waive: %r", r)
    check(late_bills(c["bills"]["C"])[0][2] == "waived", "not waived")
    run_worker("2026-06-02")
    check(len(late_bills(c["bills"]["C"])) == 1, "billed again after its waiver")


@test
def a_payment_pays_the_principal_bills_before_the_late_fees():
    c = setup()
    m = staff("lf43jingli")
    b = c["bills"]
    owed = int(sql1("SELECT SUM(b.amount_fen - COALESCE((SELECT SUM(a.amount_fen) FROM"
                    " allocations a WHERE a.bill_id = b.id), 0)) FROM bills b"
                    " WHERE b.premises_id = %d AND b.late_of = 0"
                    " AND b.status IN ('unpaid', 'partial')" % c["premises"]))
    late_open = sql1("SELECT COUNT(*) FROM bills WHERE premises_id = %d AND late_of <> 0"
                     " AND status = 'unpaid'" % c["premises"])
    check(int(late_open) >= 3, "late fees open: %s", late_open)
    r = pay(m, c["premises"], "%d.%02d" % (owed // 100, owed % 100))
    check(r.status == 303, "pay: %r", r)
    check([s for (s,) in sql("SELECT status FROM bills WHERE premises_id = %d AND"
                             " late_of = 0 ORDER BY id" % c["premises"])]
          == ["paid"] * 4, "principal not paid first (E is due after the late fees)")
    check(sql1("SELECT COUNT(*) FROM bills WHERE premises_id = %d AND late_of <> 0"
               " AND status = 'unpaid'" % c["premises"]) == late_open,
          "a late fee was paid before its principal")
    check(b["E"] > 0, "E")


@test
def the_lists_name_a_late_fees_principal_bill():
    """The owner's open bills and the household page say which bill a
    late fee is of, next to 滞纳金 (its own period is the month it was
    earned in, not the principal's)."""
    c = setup()
    lf = late_bills(c["bills"]["A"])[0][0]
    page = owner("13911110043").get("/premises/%d/bills" % c["premises"])
    check(page.status == 200, "owner's list: %r", page)
    line = page.body[page.body.index('href="/bills/%d"' % lf):][:400]
    check("2026年1月 物业费逾期" in line, "owner's line: %s", line)
    # in a card of their own, not summed with that month's fee bills
    ps = sql1("SELECT period_start FROM bills WHERE id = %d" % lf)[:7]
    card = re.search(r'<section[^>]*data-period="%s-latefee">(.*?)</section>' % ps,
                     page.body, re.S)
    check(card and 'href="/bills/%d"' % lf in card.group(1), "no late-fee card: %s",
          re.findall(r'data-period="[^"]*"', page.body))
    for m in re.finditer(r'<section[^>]*data-period="([0-9-]+)">(.*?)</section>',
                         page.body, re.S):
        check("滞纳金" not in m.group(2), "a late fee in the card of %s", m.group(1))
    page = staff("lf43jingli").get("/staff/households/%d" % c["premises"])
    check(page.status == 200, "household: %r", page)
    line = page.body[page.body.index('href="/staff/bills/%d"' % lf):][:400]
    check("2026年1月 物业费逾期" in line, "household's line: %s", line)


@test
def oldest_first_pays_a_late_fee_due_before_a_principal_bill():
    """With 先缴 oldest first, a payment pays the open late fees (due on
    their run's day in April and May) before a principal bill due later;
    principal first (the test above) would have paid the bill whole."""
    c = setup()
    m = staff("lf43jingli")
    r = settings_post(m, c["estate"], late_fee_order="oldest")
    check(r.status == 303, "save: %r", r)
    f = int(sql1("INSERT INTO bills (estate_id, premises_id, fee_item_id, period_start,"
                 " amount_fen, due_date) SELECT estate_id, premises_id, fee_item_id,"
                 " '2026-09-01', 40000, '2026-09-10' FROM bills WHERE id = %d;"
                 " SELECT LAST_INSERT_ID()" % c["bills"]["E"]))
    late_open = int(sql1("SELECT COALESCE(SUM(amount_fen), 0) FROM bills WHERE"
                         " premises_id = %d AND late_of <> 0 AND status = 'unpaid'"
                         % c["premises"]))
    check(0 < late_open < 40000, "late fees open: %d", late_open)
    r = pay(m, c["premises"], "400.00")
    check(r.status == 303, "pay: %r", r)
    check(sql1("SELECT COUNT(*) FROM bills WHERE premises_id = %d AND late_of <> 0"
               " AND status = 'unpaid'" % c["premises"]) == "0",
          "a late fee due first left open")
    check(sql1("SELECT status FROM bills WHERE id = %d" % f) == "partial"
          and int(sql1("SELECT SUM(amount_fen) FROM allocations WHERE bill_id = %d" % f))
          == 40000 - late_open, "the later principal bill")
