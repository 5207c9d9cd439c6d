"""test_owner.py - the owner portal: home, bills, a bill, payments."""

import re

from lib import check, owner, sql, sql1, test, text_of


def premises_of(phone):
    return [r[0] for r in sql(
        "SELECT po.premises_id FROM premises_owners po JOIN owners o"
        " ON o.id = po.owner_id WHERE o.phone = '%s' ORDER BY 1" % phone)]


@test
def home_lists_each_premises_with_what_is_owed():
    c = owner("13800000001")
    r = c.get("/")
    check(r.status == 200, "%r", r)
    for pid in premises_of("13800000001"):
        check('data-premises="%s"' % pid in r.body, "premises %s missing", pid)
    check("待缴金额" in r.body and "下次缴费截止" in r.body, "labels missing")
    # the amount owed is what the bills say, to the fen
    pid = sql1("SELECT p.id FROM premises p JOIN buildings b ON b.id = p.building_id"
               " WHERE b.name = '3栋' AND p.unit = '2' AND p.room = '301'")
    owed = int(sql1(
        "SELECT SUM(b.amount_fen - COALESCE((SELECT SUM(a.amount_fen) FROM"
        " allocations a WHERE a.bill_id = b.id), 0)) FROM bills b"
        " WHERE b.premises_id = %s AND b.status IN ('unpaid','partial')" % pid))
    shown = re.search(r'data-premises="%s".*?class="amount big owed">¥([0-9,.]+)<' % pid,
                      r.body, re.S).group(1)
    check(shown == "{:,.2f}".format(owed / 100), "shows %s, owes %d fen", shown, owed)


@test
def bills_page_shows_period_item_amount_paid_status_due():
    c = owner("13800000001")
    pid = premises_of("13800000001")[0]
    r = c.get("/premises/%s/bills" % pid)
    check(r.status == 200, "%r", r)
    t = text_of(r.body)
    for word in ("物业费", "已缴", "截止", "年"):
        check(word in t, "no %s on the page", word)
    n = int(sql1("SELECT COUNT(DISTINCT period_start) FROM bills WHERE premises_id = %s"
                 % pid))
    check('<b class="total">%d</b>' % n in r.body, "count %d not shown", n)
    check(r.body.count('class="card statement ') == min(n, 12), "first page not full")


@test
def bills_can_be_filtered_to_unpaid():
    c = owner("13800000001")
    pid = premises_of("13800000001")[0]
    r = c.get("/premises/%s/bills?status=unpaid" % pid)
    check(r.status == 200, "%r", r)
    statuses = re.findall(r'class="bill status-(\w+)"', r.body)
    n = int(sql1("SELECT COUNT(*) FROM bills WHERE premises_id = %s"
                 " AND status IN ('unpaid','partial')" % pid))
    check(len(statuses) == n and n > 0, "%d listed, %d unpaid", len(statuses), n)
    check(set(statuses) <= {"unpaid", "partial"}, "paid bills listed: %s", statuses)
    r = c.get("/premises/%s/bills?status=bogus" % pid)
    check(r.status == 400, "bad filter accepted: %r", r)


@test
def bills_page_two_follows_page_one():
    c = owner("13800000001")
    pid = premises_of("13800000001")[0]
    p1 = re.findall(r'href="/bills/(\d+)"', c.get("/premises/%s/bills" % pid).body)
    p2 = re.findall(r'href="/bills/(\d+)"',
                    c.get("/premises/%s/bills?page=2" % pid).body)
    check(p1 and p2 and not set(p1) & set(p2), "pages overlap or are empty")


@test
def a_shop_quarter_is_one_bill_with_fee_and_rent_lines():
    shop = [p for p in premises_of("13800000001")
            if sql1("SELECT occupancy FROM premises WHERE id = %s" % p) == "shop"][0]
    c = owner("13800000001")
    r = c.get("/premises/%s/bills" % shop)
    first = re.search(r'<section class="card statement[^>]*>(.*?)</section>', r.body, re.S)
    check(first, "no bill shown")
    check("季度" in first.group(1), "not a quarterly bill")
    check("物业费" in first.group(1) and "租金" in first.group(1),
          "fee and rent not on one bill")


@test
def a_bill_shows_its_payments_and_receipt_numbers():
    c = owner("13800000001")
    pid = premises_of("13800000001")[0]
    bill = sql1("SELECT b.id FROM bills b WHERE b.premises_id = %s"
                " AND b.status = 'paid' ORDER BY b.id LIMIT 1" % pid)
    number = sql1("SELECT r.number FROM allocations a JOIN receipts r"
                  " ON r.payment_id = a.payment_id WHERE a.bill_id = %s" % bill)
    r = c.get("/bills/%s" % bill)
    check(r.status == 200, "%r", r)
    check("已缴清" in r.body and number in r.body, "status or receipt %s missing", number)
    check("尚欠金额" in r.body and "¥0.00" in r.body, "remaining not zero")


@test
def payment_history_lists_the_owners_payments():
    c = owner("13800000003")
    r = c.get("/payments")
    check(r.status == 200, "%r", r)
    n = int(sql1("SELECT COUNT(*) FROM payments p JOIN premises_owners po"
                 " ON po.premises_id = p.premises_id JOIN owners o ON o.id = po.owner_id"
                 " WHERE o.phone = '13800000003'"))
    check('<b class="total">%d</b>' % n in r.body, "total %d not shown", n)
    latest = sql1("SELECT r.number FROM payments p JOIN premises_owners po"
                  " ON po.premises_id = p.premises_id JOIN owners o ON o.id = po.owner_id"
                  " JOIN receipts r ON r.payment_id = p.id WHERE o.phone = '13800000003'"
                  " ORDER BY p.paid_at DESC, p.id DESC LIMIT 1")
    check(latest in r.body, "latest receipt %s missing", latest)


@test
def pages_are_in_chinese_and_fit_a_phone():
    c = owner("13800000001")
    r = c.get("/")
    check('<html lang="zh-CN">' in r.body, "not zh-CN")
    check('name="viewport" content="width=device-width' in r.body, "no viewport")
    check("您好" in r.body, "no greeting")
