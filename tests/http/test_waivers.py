"""test_waivers.py - a manager waives all of a bill or part of it
(issue 8: "Waivers may be partial (an amount up to what is open, with a
reason)"); what is left is owed, paid, counted like any open bill."""

from lib import check, sql, sql1, staff, test
from test_money import household_with_open_bills, open_bills, pay, status_of


def waive(m, bill, reason, amount=""):
    page = m.get("/staff/bills/%s" % bill)
    fields = {"csrf": page.csrf(), "reason": reason, "waive_amount": amount}
    try:
        fields["form_token"] = page.token("/waive")
    except AssertionError:
        fields["form_token"] = "0" * 32         # no form on the page
    return m.post("/staff/bills/%s/waive" % bill, fields)


def owed(bill):
    return int(sql1("SELECT b.amount_fen - COALESCE((SELECT SUM(a.amount_fen) FROM"
                    " allocations a WHERE a.bill_id = b.id), 0) - COALESCE((SELECT"
                    " w.amount_fen FROM waivers w WHERE w.bill_id = b.id), 0) FROM bills b"
                    " WHERE b.id = %s" % bill))


@test
def a_manager_waives_part_of_a_bill_and_the_rest_is_owed_and_paid():
    pid = household_with_open_bills(1)
    bill, before = open_bills(pid)[0]
    before = int(before)
    m = staff("jingli")
    r = waive(m, bill, "电梯停运两周，减免部分", "%d.%02d" % ((before + 100) // 100,
                                                     (before + 100) % 100))
    check(r.status == 400 and "不能超过尚欠" in r.body, "more than is open: %r", r)
    part = before // 3
    r = waive(m, bill, "电梯停运两周，减免部分", "%d.%02d" % (part // 100, part % 100))
    check(r.status == 303, "%r", r)
    check(status_of(bill) == "partial", "a partly waived bill is %s" % status_of(bill))
    check(owed(bill) == before - part, "owes %d (right: %d)" % (owed(bill), before - part))
    page = m.get("/staff/bills/%s" % bill)
    check("已减免" in page.body and "减免原因" not in page.body,
          "the waiver is not shown, or a second one is offered")
    r = waive(m, bill, "再减一次")
    check(r.status == 409, "a second waiver: %r", r)
    # the household owes the rest, and a payment settles exactly it
    acc = m.get("/staff/households/%s" % pid)
    check(acc.status == 200, "%r", acc)
    rest = before - part
    r = pay(staff("shoufei1"), pid, "%d.%02d" % (rest // 100, rest % 100), bills=[bill])
    check(r.status == 303, "%r", r)
    check(status_of(bill) == "waived" and owed(bill) == 0,
          "after the rest is paid: %s, owes %d" % (status_of(bill), owed(bill)))
    got = int(sql1("SELECT SUM(amount_fen) FROM allocations WHERE bill_id = %s" % bill))
    check(got == rest, "the payment gave the bill %d (right: %d)" % (got, rest))


@test
def an_empty_amount_waives_all_that_is_open():
    pid = household_with_open_bills(1)
    bill, before = open_bills(pid)[0]
    r = waive(staff("jingli"), bill, "特困户全额减免")
    check(r.status == 303, "%r", r)
    check(status_of(bill) == "waived", "status %s" % status_of(bill))
    check(sql1("SELECT amount_fen FROM waivers WHERE bill_id = %s" % bill) == before,
          "waived %s of %s" % (sql1("SELECT amount_fen FROM waivers WHERE bill_id = %s"
                                   % bill), before))
    check(not sql("SELECT 1 FROM bills WHERE id = %s AND status IN ('unpaid', 'partial')"
                  % bill), "still open")
