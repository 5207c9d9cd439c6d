"""test_kpi_asat.py - the KPI board as at the end of its range (issue 7,
kind 5; DOMAIN.md, KPIs and Door-to-door visits).

Each smallest case of the issue gets a small estate of its own, made here
row by row (or through the real pay and void forms where the case is
about them), so that the board's figure for it is exact: the test checks
the right value, and that the board agrees with the independent recount
of test_board.py. Every one of them failed on the code before the fix
(the value that code showed is named in each test)."""

import datetime
import itertools
import re

from lib import check, sql, sql1, staff, test
from test_board import compare, shown, shown_tiers
from test_money import pay, receipt_id, today

CST = datetime.timezone(datetime.timedelta(hours=8))
SEQ = itertools.count(1)


def now():
    return datetime.datetime.now(CST).replace(tzinfo=None, microsecond=0)


def this_year():
    return now().year


def staff_member(username, role):
    """A staff member of the test estates (the demo password), made once."""
    if not sql1("SELECT id FROM staff WHERE username = '%s'" % username):
        sql("INSERT INTO staff (username, name, role, password_hash)"
            " SELECT '%s', '测试%s', '%s', password_hash FROM staff"
            " WHERE username = 'shoufei1'" % (username, role, role))
    return sql1("SELECT id FROM staff WHERE username = '%s'" % username)


class Estate:
    """A small estate for one case: a building, the property fee, and a
    collector and a team lead who see only the test estates."""

    def __init__(self):
        n = next(SEQ)
        self.code = "KA%s%02d" % (now().strftime("%H%M%S"), n)
        sql("INSERT INTO estates (code, name, service_centre) VALUES"
            " ('%s', '时点测试小区%s', '时点测试服务中心')" % (self.code, self.code))
        self.id = int(sql1("SELECT id FROM estates WHERE code = '%s'" % self.code))
        sql("INSERT INTO buildings (estate_id, name, sort) VALUES (%d, '1栋', 1)" % self.id)
        self.building = sql1("SELECT id FROM buildings WHERE estate_id = %d" % self.id)
        sql("INSERT INTO fee_items (estate_id, code, name, basis) VALUES"
            " (%d, 'WYF', '物业费', 'area')" % self.id)
        self.item = sql1("SELECT id FROM fee_items WHERE estate_id = %d" % self.id)
        self.collector = staff_member("asat_coll", "collector")
        self.lead = staff_member("asat_lead", "team_lead")
        sql("INSERT INTO staff_estates (staff_id, estate_id) VALUES (%s, %d), (%s, %d)"
            % (self.collector, self.id, self.lead, self.id))
        self.rooms = itertools.count(101)

    def household(self, born=1970, occupancy="occupied"):
        room = next(self.rooms)
        sql("INSERT INTO premises (estate_id, building_id, unit, room, floor, area_x100,"
            " occupancy) VALUES (%d, %s, '1', '%d', 1, 10000, '%s')"
            % (self.id, self.building, room, occupancy))
        pid = sql1("SELECT id FROM premises WHERE building_id = %s AND room = '%d'"
                   % (self.building, room))
        phone = "166%08d" % (int(pid) % 10 ** 8)
        sql("INSERT INTO owners (estate_id, name, phone, birth_year) VALUES"
            " (%d, '业主%s', '%s', %d)" % (self.id, room, phone, born))
        oid = sql1("SELECT id FROM owners WHERE phone = '%s'" % phone)
        sql("INSERT INTO premises_owners (premises_id, owner_id, estate_id, is_primary)"
            " VALUES (%s, %s, %d, 1)" % (pid, oid, self.id))
        return pid

    def bill(self, pid, period, fen, made=None, status="unpaid"):
        """A month's bill, due at the month's end, made by its run (06:00
        on the 1st) unless `made` says when."""
        start = datetime.date.fromisoformat(period)
        due = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - \
            datetime.timedelta(days=1)
        made = made or "%s 06:00:00" % start
        sql("INSERT INTO bills (estate_id, premises_id, fee_item_id, period_start,"
            " amount_fen, due_date, status, created_at) VALUES"
            " (%d, %s, %s, '%s', %d, '%s', '%s', '%s')"
            % (self.id, pid, self.item, start, fen, due, status, made))
        return sql1("SELECT id FROM bills WHERE premises_id = %s AND period_start = '%s'"
                    % (pid, start))

    def paid(self, pid, bill, fen, at, channel="cash"):
        """A cash payment taken at `at` (in the past) - or one by another
        channel - with its allocation, receipt and audit row, as the pay
        form would have written them then (test_money checks every payment
        has its audit row)."""
        sql("INSERT INTO payments (estate_id, premises_id, payer_name, amount_fen,"
            " channel, collector_id, paid_at, created_at) VALUES"
            " (%d, %s, '业主', %d, '%s', %s, '%s', '%s')"
            % (self.id, pid, fen, channel, self.collector, at, at))
        pay_id = sql1("SELECT MAX(id) FROM payments WHERE premises_id = %s" % pid)
        sql("INSERT INTO allocations (estate_id, payment_id, bill_id, amount_fen,"
            " created_at) VALUES (%d, %s, %s, %d, '%s')"
            % (self.id, pay_id, bill, fen, at))
        year = int(at[:4])
        sql("INSERT INTO receipt_counters (estate_id, year, last_seq) VALUES (%d, %d, 1)"
            " ON DUPLICATE KEY UPDATE last_seq = last_seq + 1" % (self.id, year))
        seq = int(sql1("SELECT last_seq FROM receipt_counters WHERE estate_id = %d"
                       " AND year = %d" % (self.id, year)))
        sql("INSERT INTO receipts (estate_id, year, seq, number, payment_id, verify_code,"
            " issued_at, issued_by) VALUES (%d, %d, %d, '%s-%d-%06d', %s,"
            " LEFT(SHA2(RAND(), 256), 24), '%s', %s)"
            % (self.id, year, seq, self.code, year, seq, pay_id, at, self.collector))
        sql("INSERT INTO audit_log (estate_id, actor_kind, actor_id, action, entity,"
            " entity_id, amount_fen, detail, at) VALUES (%d, 'staff', %s,"
            " 'payment.create', 'payment', %s, %d, 'receipt %s-%d-%06d', '%s')"
            % (self.id, self.collector, pay_id, fen, self.code, year, seq, at))
        return sql1("SELECT id FROM receipts WHERE payment_id = %s" % pay_id)

    def board(self, start, end):
        """The board for [start, end] (dates), checked against the
        independent recount of test_board.py."""
        return compare(staff("asat_lead"), start, end, estate=self.id)


def last_year(month, day):
    return datetime.date(this_year() - 1, month, day)


def void(rid, reason="录错金额，重新收取"):
    lead = staff("asat_lead")
    page = lead.get("/staff/receipts/%s" % rid)
    r = lead.post("/staff/receipts/%s/void" % rid, {"csrf": page.csrf(), "form_token": page.token(),
                                                    "reason": reason})
    check(r.status == 303, "void: %r", r)


def amount(body, cls):
    m = re.search(r'class="amount %s">¥([-0-9,.]+)<' % cls, body)
    check(m, "no %s amount on the board", cls)
    return m.group(1)


@test
def a_receipt_voided_later_never_makes_recovery_negative():
    # A 220.00 bill due last October, 100.00 paid on 15 December, that
    # receipt voided today. This year's board: 120.00 owed at its start,
    # recovered 0.00 and 0.0 % (the old board: ¥-100.00 and "—").
    e = Estate()
    pid = e.household()
    bill = e.bill(pid, "%d-10-01" % (this_year() - 1), 22000, status="partial")
    rid = e.paid(pid, bill, 10000, "%d-12-15 10:00:00" % (this_year() - 1))
    void(rid)
    r = e.board(datetime.date(this_year(), 1, 1), datetime.date(this_year(), 12, 31))
    check(amount(r.body, "arrears-start") == "120.00", "arrears %s", amount(r.body, "arrears-start"))
    check(amount(r.body, "recovered") == "0.00", "recovered %s", amount(r.body, "recovered"))
    check(shown(r.body)["recovery"][0] == "0.0%", "recovery %s", shown(r.body)["recovery"][0])
    # last year's board, as at its end, does not see today's void: the
    # 100.00 was recovered then (220.00 was not owed at that year's start)
    r = e.board(last_year(1, 1), last_year(12, 31))
    check(shown(r.body)["collection_amount"][0] == "45.5%", "last year's rate %s",
          shown(r.body)["collection_amount"][0])


@test
def a_door_payment_voided_and_taken_again_on_the_trip_is_one_visit():
    # One trip to an owner over 80: a POS payment, its void, the payment
    # taken again. One visit, which both payments name (the old board: 2).
    e = Estate()
    pid = e.household(born=this_year() - 85)
    e.bill(pid, "%d-%02d-01" % (this_year(), now().month), 30000)
    coll = staff("asat_coll")
    first = pay(coll, pid, "100.00", channel="pos_door")
    check(first.status == 303, "first payment: %r", first)
    void(receipt_id(first))
    check(sql1("SELECT COUNT(*) FROM door_visits WHERE premises_id = %s" % pid) == "1",
          "the void took the visit away")
    again = pay(coll, pid, "100.00", channel="pos_door")
    check(again.status == 303, "payment taken again: %r", again)
    visits = sql("SELECT id, owner_over_80, outcome, collector_id, visited_on"
                 " FROM door_visits WHERE premises_id = %s" % pid)
    check(len(visits) == 1, "%d visits for one trip", len(visits))
    check(visits[0][1:] == ["1", "paid", e.collector, today()], "visit %r", visits[0])
    named = sql("SELECT DISTINCT COALESCE(visit_id, 'none') FROM payments"
                " WHERE premises_id = %s AND reverses_id IS NULL" % pid)
    check(named == [[visits[0][0]]], "the payments name visits %r, not %s", named,
          visits[0][0])
    t = now().date()
    r = e.board(t.replace(day=1), t)
    got = shown(r.body)
    check(got["visits"][0] == "1" and got["visits_80"][0] == "100.0%",
          "visits %s, to owners over 80 %s", got["visits"][0], got["visits_80"][0])


@test
def a_past_board_shows_the_tiers_that_stood_at_its_end():
    # A 300.00 bill due last 31 January, unpaid until today: on last
    # year's board (as at 31 December) the household was yellow, 300.00
    # overdue for 11 months; today it owes nothing (the old board showed
    # today's tiers: none).
    e = Estate()
    pid = e.household()
    e.bill(pid, "%d-01-01" % (this_year() - 1), 30000)
    r = pay(staff("asat_coll"), pid, "300.00")
    check(r.status == 303, "%r", r)
    r = e.board(last_year(1, 1), last_year(12, 31))
    check(shown_tiers(r.body) == {"red": (0, "0.00"), "yellow": (1, "300.00"),
                                  "green": (0, "0.00")}, "tiers %r", shown_tiers(r.body))
    check(re.search(r'class="tier-asof">%s 日终<' % last_year(12, 31), r.body),
          "the tiers do not say when they stood")
    t = now().date()
    r = e.board(datetime.date(t.year, 1, 1), t)
    check(all(n == 0 for n, _ in shown_tiers(r.body).values()), "today's tiers %r",
          shown_tiers(r.body))


@test
def a_bill_not_yet_due_is_not_in_the_collection_rate():
    # January and February paid by their due dates, March's bill made on
    # 1 March and paid on the 20th. The board from 1 January to 1 March
    # counts the two bills due by then: 100.0 % by amount and households
    # (the old board counted March too: 66.7 % and 0.0 %).
    e = Estate()
    pid = e.household()
    y = this_year() - 1
    for month, paid_on in ((1, "%d-01-25 10:00:00" % y), (2, "%d-02-20 10:00:00" % y),
                           (3, "%d-03-20 10:00:00" % y)):
        bill = e.bill(pid, "%d-%02d-01" % (y, month), 10000, status="paid")
        e.paid(pid, bill, 10000, paid_on)
    r = e.board(last_year(1, 1), last_year(3, 1))
    got = shown(r.body)
    check(got["collection_amount"][0] == "100.0%" and
          got["collection_households"][0] == "100.0%",
          "collection %s / households %s", got["collection_amount"][0],
          got["collection_households"][0])


@test
def a_backdated_run_does_not_change_a_past_board():
    # June's bill paid in June; July's bill made only today, by a run for
    # a skipped month. Last year's board, as at its end, never saw July's
    # bill: 100.0 % collected and no tier (the old board: 50.0 %, 0.0 % of
    # households, and the household yellow).
    e = Estate()
    pid = e.household()
    y = this_year() - 1
    june = e.bill(pid, "%d-06-01" % y, 10000, status="paid")
    e.paid(pid, june, 10000, "%d-06-10 10:00:00" % y)
    e.bill(pid, "%d-07-01" % y, 10000, made=now().strftime("%Y-%m-%d %H:%M:%S"))
    r = e.board(last_year(1, 1), last_year(12, 31))
    got = shown(r.body)
    check(got["collection_amount"][0] == "100.0%" and
          got["collection_households"][0] == "100.0%",
          "collection %s / households %s", got["collection_amount"][0],
          got["collection_households"][0])
    check(all(n == 0 for n, _ in shown_tiers(r.body).values()), "tiers %r",
          shown_tiers(r.body))


@test
def a_household_whose_bills_were_all_waived_is_not_in_the_households_rate():
    # Household A's May bill waived in full, household B's May bill unpaid:
    # the households rate is B alone, 0.0 % (the old board counted A as
    # fully paid: 50.0 %).
    e = Estate()
    y = this_year() - 1
    a = e.household()
    bill = e.bill(a, "%d-05-01" % y, 10000, status="waived")
    sql("INSERT INTO waivers (estate_id, bill_id, amount_fen, reason, approved_by,"
        " created_at) VALUES (%d, %s, 10000, '测试：全额减免', %s, '%d-06-15 10:00:00')"
        % (e.id, bill, e.lead, y))
    b = e.household()
    e.bill(b, "%d-05-01" % y, 10000)
    r = e.board(last_year(5, 1), last_year(5, 31))
    got = shown(r.body)
    check(got["collection_households"][0] == "0.0%", "households %s",
          got["collection_households"][0])
    check(got["collection_amount"][0] == "0.0%", "amount %s", got["collection_amount"][0])


def month_bounds(y, m):
    first = datetime.date(y, m, 1)
    nxt = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return first, nxt - datetime.timedelta(days=1), nxt


def online_payment(e, pid, bill, fen, at, opened=None):
    """An Alipay payment at `at` (Estate.paid); with `opened`, paid through
    an order of the owner's pay page opened then."""
    rid = e.paid(pid, bill, fen, at, channel="alipay")
    if opened:
        pay_id = sql1("SELECT payment_id FROM receipts WHERE id = %s" % rid)
        owner_id = sql1("SELECT owner_id FROM premises_owners WHERE premises_id = %s" % pid)
        sql("INSERT INTO pay_orders (estate_id, premises_id, owner_id, out_trade_no, kind,"
            " amount_fen, channel, status, opened_at, created_at, expires_at, paid_at,"
            " payment_id) VALUES (%d, %s, %s, 'KA%s', 'bills', %d, 'alipay', 'paid', '%s',"
            " '%s', '%s' + INTERVAL 15 MINUTE, '%s', %s)"
            % (e.id, pid, owner_id, pay_id, fen, opened, opened, opened, at, pay_id))


@test
def the_time_to_pay_says_why_online_payments_have_none():
    # Two Alipay payments last July: one with no order (the history before
    # the portal), one through the pay page opened 90 s before it was
    # confirmed. July: 1 分 30 秒 of 1 payment, and the other said apart;
    # August: only the one with no order, said so; September: none. (The
    # old board said "还没有在线缴费订单" beside the online payments it
    # counted.)
    e = Estate()
    y = this_year() - 1
    p1, p2 = e.household(), e.household()
    for m, fen in ((7, 10000), (8, 10000)):
        b1 = e.bill(p1, "%d-%02d-01" % (y, m), fen)
        b2 = e.bill(p2, "%d-%02d-01" % (y, m), fen)
        online_payment(e, p1, b1, fen, "%d-%02d-10 10:00:00" % (y, m))
        if m == 7:
            online_payment(e, p2, b2, fen, "%d-07-11 10:01:30" % y,
                           opened="%d-07-11 10:00:00" % y)

    def words(body):
        return [re.sub(r"<[^>]+>", "", x) for x in re.findall(
            r'<p class="pay-time[^"]*">.*?</p>', body, re.S)]
    body = e.board(*month_bounds(y, 7)[:2]).body
    check(words(body) == ["在线缴费用时（从打开缴费页到支付平台确认）中位数 1 分 30 秒，共 1 笔。",
                          "另有 1 笔线上缴费没有缴费页记录（如本系统上线前的），不计用时。"],
          "July: %r", words(body))
    check(shown(body)["online_count"][0] == "100.0%", "July's online share %r",
          shown(body)["online_count"])
    body = e.board(*month_bounds(y, 8)[:2]).body
    check(words(body) == ["在线缴费用时：区间内 1 笔线上缴费都没有缴费页记录（如本系统上线前的），"
                          "算不出用时。"], "August: %r", words(body))
    body = e.board(*month_bounds(y, 9)[:2]).body
    check(words(body) == ["在线缴费用时：区间内没有线上缴费。"], "September: %r", words(body))
    check("缴费订单" not in body, "the board still speaks of orders")
