"""test_collector_pages.py - what collectors stumbled on (issue 8): the
ledger's search reads a premises as people type it, the door-to-door list
reads naturally and links to households and phones, money fields take
full-width digits and thousands commas and say plainly what they refuse,
the pay form pre-fills the arrears and records a POS voucher or the cash
handed over, the receipt page shows the capital amount, the change, what
is still owed and the owner's e-receipt link, and a long form in error
puts a summary on top and focuses its first field."""

import datetime
import re
import urllib.parse

from lib import BASE_PORT, check, owner, sql, sql1, staff, test, text_of
from test_money import (household_with_open_bills, open_bills, pay, receipt_id,
                        today)
from test_staff import rows, total

CST = datetime.timezone(datetime.timedelta(hours=8))


def ledger(c, **q):
    return c.get("/staff/households?" + urllib.parse.urlencode(q))


def count(where):
    return int(sql1("SELECT COUNT(*) FROM premises p JOIN buildings bd ON bd.id ="
                    " p.building_id WHERE p.estate_id = 1 AND %s" % where))


def yuan(fen):
    fen = int(fen)
    return "{:,}.{:02d}".format(fen // 100, fen % 100)


def plain(fen):
    fen = int(fen)
    return "%d.%02d" % (fen // 100, fen % 100)


def still_owed(pid):
    return sum(int(b[1]) for b in open_bills(pid))


def autofocused(body):
    """The ids of the fields that carry autofocus."""
    return re.findall(r'<(?:input|select)[^>]*\bid="(\w+)"[^>]*\bautofocus', body)


def summary_links(body):
    m = re.search(r'<section class="error-summary".*?</section>', body, re.S)
    check(m, "no error summary on top of the form")
    return re.findall(r'<a href="#(\w+)">', m.group(0))


# -- the ledger's search --------------------------------------------------------

@test
def the_ledger_finds_a_premises_however_it_is_typed():
    c = staff("shoufei1")
    want = sql1("SELECT p.id FROM premises p JOIN buildings bd ON bd.id = p.building_id"
                " WHERE p.estate_id = 1 AND bd.name = '3栋' AND p.unit = '2'"
                " AND p.room = '301'")
    for q in ("3栋2单元301室", "3-2-301", "3栋2单元301", "3 2 301", "3号楼2单元301室",
              "\uff13\u680b\uff12\u5355\u5143\uff13\uff10\uff11\u5ba4",   # ３栋２单元３０１室
              "\uff13\uff0d\uff12\uff0d\uff13\uff10\uff11"):            # ３－２－３０１
        r = ledger(c, q=q)
        check(r.status == 200, "%s: %r", q, r)
        check(rows(r.body) == [want], "%s found %r, not [%s]", q, rows(r.body), want)
    for q, where in (("301室", "p.room = '301'"),
                     ("2单元", "p.unit = '2'"),
                     ("3栋301", "bd.name = '3栋' AND p.room = '301'"),
                     ("3栋", "bd.name = '3栋'"),
                     ("商业街A05号", "bd.name = '商业街' AND p.room = 'A05'")):
        n = count(where)
        r = ledger(c, q=q)
        check(r.status == 200 and total(r.body) == n and n >= 1,
              "%s lists %s of %d", q, total(r.body) if r.status == 200 else r, n)


@test
def the_ledger_search_keeps_the_other_filters():
    c = staff("shoufei1")
    n = count("bd.name = '3栋' AND p.occupancy = 'vacant'")
    r = ledger(c, q="3栋", occupancy="vacant")
    check(total(r.body) == n and 0 < n < count("bd.name = '3栋'"),
          "3栋 + vacant lists %d of %d", total(r.body), n)
    # the unit and room boxes take "2单元" and "３０１室" as 2 and 301
    bid = sql1("SELECT id FROM buildings WHERE estate_id = 1 AND name = '3栋'")
    want = sql1("SELECT id FROM premises WHERE building_id = %s AND unit = '2'"
                " AND room = '301'" % bid)
    r = ledger(c, building=bid, unit="2单元", room="\uff13\uff10\uff11\u5ba4")
    check(rows(r.body) == [want], "unit 2单元 room ３０１室 found %r", rows(r.body))
    # and what the search names must all hold: 3栋 has no unit 9
    r = ledger(c, q="3栋9单元")
    check(r.status == 200 and total(r.body) == 0, "3栋9单元 lists %r", rows(r.body))
    # the search is kept in the paging links
    r = ledger(c, q="2单元")
    check("q=2%E5%8D%95%E5%85%83" in r.body and "page=2" in r.body,
          "the next page forgets the search")


@test
def a_search_that_names_no_premises_says_how_to_type_it():
    c = staff("shoufei1")
    for q in ("3楼", "3-2-301-4", "301室3栋"):
        r = ledger(c, q=q)
        check(r.status == 400, "%s: %r", q, r)
        check("看不出是哪一户" in r.body and "3-2-301" in r.body, "%s: no hint", q)
        check(summary_links(r.body) == ["q"], "%s: summary links %r", q,
              summary_links(r.body))
        check(autofocused(r.body) == ["q"], "%s: focus on %r", q, autofocused(r.body))


# -- the door-to-door list ------------------------------------------------------

def natural(label):
    return [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", label)]


def arrears_premises(cond):
    """One household of estate 1 with past-due bills, by cond, whose owners
    are none of the demo logins (their pages stay as the demo tells)."""
    return sql1("SELECT b.premises_id FROM bills b JOIN premises p ON p.id = b.premises_id"
                " JOIN buildings bd ON bd.id = p.building_id"
                " WHERE b.estate_id = 1 AND b.status IN ('unpaid', 'partial')"
                " AND b.due_date < '%s' AND %s AND NOT EXISTS (SELECT 1"
                " FROM premises_owners po JOIN owners o ON o.id = po.owner_id"
                " WHERE po.premises_id = p.id AND o.phone LIKE '1380000000_')"
                " GROUP BY b.premises_id ORDER BY b.premises_id LIMIT 1" % (today(), cond))


@test
def the_door_to_door_list_reads_naturally_with_links_and_phones():
    year = datetime.datetime.now(CST).year
    # Owners over 80 in arrears in a low and a high building, and a shop.
    picked = [arrears_premises("bd.sort BETWEEN 2 AND 9 AND p.occupancy <> 'shop'"),
              arrears_premises("bd.sort BETWEEN 10 AND 99 AND p.occupancy <> 'shop'"),
              arrears_premises("p.occupancy = 'shop'")]
    check(all(picked), "the demo has no such households: %r", picked)
    sql("UPDATE owners SET birth_year = %d WHERE id IN (SELECT owner_id FROM"
        " premises_owners WHERE premises_id IN (%s))" % (year - 85, ",".join(picked)))
    c = staff("shoufei1")
    r = c.get("/staff/arrears/elders")
    check(r.status == 200, "%r", r)
    listed = re.findall(r'<tr data-premises="(\d+)"><td data-label="房屋">'
                        r'<a href="/staff/households/(\d+)">([^<]+)</a>', r.body)
    n = int(re.search(r'class="elder-total">(\d+)<', r.body).group(1))
    check(len(listed) == n and n >= 3, "%d rows link to their household, of %d",
          len(listed), n)
    check(all(a == b for a, b, _ in listed), "a row links to another household")
    check(set(picked) <= {a for a, _, _ in listed}, "a picked household is missing")
    shops = set(x for (x,) in sql("SELECT id FROM premises WHERE occupancy = 'shop'"))
    homes = [label for pid, _, label in listed if pid not in shops]
    shop_labels = [label for pid, _, label in listed if pid in shops]
    check([label for _, _, label in listed] == homes + shop_labels, "shops are not apart")
    check(homes == sorted(homes, key=natural), "homes not in natural order: %s",
          " ".join(homes))
    check(shop_labels == sorted(shop_labels, key=natural), "shops not in order")
    check(re.findall(r"<h2>([^<]+)</h2>", r.body)[-1] == "商铺", "no shops section last")
    # a phone to call for the collector's own households; another's
    # masked, with no link (issue 12: who sees what)
    mine = set(x for (x,) in sql("SELECT premises_id FROM assignments WHERE"
                                 " collector_id = (SELECT id FROM staff WHERE"
                                 " username = 'shoufei1')"))
    check(any(pid in mine for pid, _, _ in listed), "none of shoufei1's listed")
    for pid, _, _ in listed:
        row = re.search(r'<tr data-premises="%s">.*?</tr>' % pid, r.body).group(0)
        for (phone,) in sql("SELECT o.phone FROM premises_owners po JOIN owners o"
                            " ON o.id = po.owner_id WHERE po.premises_id = %s" % pid):
            if pid in mine:
                check('<a class="tel" href="tel:%s">%s</a>' % (phone, phone) in row,
                      "%s: phone %s is not a tel: link", pid, phone)
            else:
                check(phone not in row and "%s****%s" % (phone[:3], phone[-4:]) in row
                      and "tel:" not in row, "%s: another's phone %s shown", pid, phone)


# -- money fields ---------------------------------------------------------------

@test
def money_fields_take_full_width_digits_and_thousands_commas_exactly():
    c = staff("shoufei2")
    for typed, fen in (("\uff11\uff0c\uff10\uff10\uff10\uff0e\uff15\uff10", 100050),  # １，０００．５０
                       ("1,000.50", 100050), ("\uff11\uff10\uff10", 10000),          # １００
                       ("12,345.6", 1234560)):
        pid = household_with_open_bills(1)
        r = pay(c, pid, typed)
        check(r.status == 303, "%r refused: %r", typed, r)
        got = sql1("SELECT p.amount_fen FROM payments p JOIN receipts rc ON"
                   " rc.payment_id = p.id WHERE rc.id = %d" % receipt_id(r))
        check(got == str(fen), "%r recorded as %s fen, not %d", typed, got, fen)


@test
def a_refused_amount_says_plainly_why_without_naming_the_field_again():
    c = staff("shoufei1")
    pid = household_with_open_bills(1)
    before = sql1("SELECT COUNT(*) FROM payments")
    for typed, says in (("abc", "只能填写数字"), ("-5", "不能是负数"),
                        ("10,00", "千位逗号的位置不对"), ("100元", "不要带“元”"),
                        ("1.234", "最多两位小数")):
        r = pay(c, pid, typed)
        check(r.status == 400, "%r: %r", typed, r)
        err = re.search(r'id="amount"[^>]*>\s*<p class="err">([^<]*)</p>', r.body)
        check(err and says in err.group(1), "%r: message %r", typed,
              err and err.group(1))
        check("金额" not in err.group(1), "%r: the message names the field: %s", typed,
              err.group(1))
    check(sql1("SELECT COUNT(*) FROM payments") == before, "a payment was recorded")


# -- the pay form ---------------------------------------------------------------

def owed_where(pid, cond):
    """What the household's open bills matching cond still owe, in fen."""
    return int(sql1("SELECT SUM(b.amount_fen - COALESCE((SELECT SUM(a.amount_fen) FROM"
                    " allocations a WHERE a.bill_id = b.id), 0)) FROM bills b"
                    " WHERE b.premises_id = %s AND b.status IN ('unpaid', 'partial')"
                    " AND %s" % (pid, cond)))


def amount_shown(body):
    m = re.search(r'id="amount" name="amount"[^>]*value="([^"]*)"', body)
    check(m, "no amount field")
    return m.group(1)


@test
def the_pay_form_prefills_what_is_past_due_not_the_whole_balance():
    c = staff("shoufei1")
    day = today()
    pid = sql1("SELECT b.premises_id FROM bills b WHERE b.estate_id = 1"
               " AND b.status IN ('unpaid', 'partial') AND NOT EXISTS (SELECT 1 FROM"
               " payments x WHERE x.premises_id = b.premises_id AND x.paid_at >="
               " NOW() - INTERVAL 1 HOUR) GROUP BY b.premises_id"
               " HAVING SUM(b.due_date < '%s') > 0 AND SUM(b.due_date >= '%s') > 0"
               " ORDER BY b.premises_id LIMIT 1" % (day, day))
    check(pid, "no household with past-due and coming bills")
    overdue = owed_where(pid, "b.due_date < '%s'" % day)
    page = c.get("/staff/households/%s/pay" % pid)
    check(amount_shown(page.body) == plain(overdue),
          "pre-filled %s, past due %s (all open: %s)", amount_shown(page.body),
          plain(overdue), plain(still_owed(pid)))
    check("已逾期" in page.body, "past-due bills not marked")
    # Nothing past due: what falls due next.
    # (not one paid minutes ago: its form is not pre-filled, pay.c)
    pid = sql1("SELECT b.premises_id FROM bills b WHERE b.estate_id = 1"
               " AND b.status IN ('unpaid', 'partial') AND NOT EXISTS (SELECT 1 FROM"
               " payments x WHERE x.premises_id = b.premises_id AND x.paid_at >="
               " NOW() - INTERVAL 1 HOUR) GROUP BY b.premises_id"
               " HAVING MIN(b.due_date) >= '%s' ORDER BY b.premises_id LIMIT 1" % day)
    check(pid, "no household with only coming bills")
    nxt = owed_where(pid, "b.due_date = (SELECT MIN(x.due_date) FROM bills x WHERE"
                     " x.premises_id = %s AND x.status IN ('unpaid', 'partial'))" % pid)
    page = c.get("/staff/households/%s/pay" % pid)
    check(amount_shown(page.body) == plain(nxt), "pre-filled %s, due next %s",
          amount_shown(page.body), plain(nxt))
    check("没有逾期欠费" in page.body, "does not say why")


@test
def the_pay_form_shows_each_channels_fields_by_a_script_of_its_own():
    c = staff("shoufei1")
    pid = household_with_open_bills(1)
    page = c.get("/staff/households/%s/pay" % pid)
    check('<script src="/static/pay.js"></script>' in page.body, "no script")
    check(not re.search(r"<script(?![^>]*\bsrc=)", page.body), "an inline script")
    for field, channels in (("tendered", "cash"), ("pos_voucher", "pos_counter pos_door"),
                            ("visit_date", "pos_door")):
        check(re.search(r'<div class="channel-field" data-channels="%s">\s*<label for="%s"'
                        % (channels, field), page.body), "%s is not shown by channel", field)
    # Without the script every field is there to fill in: none is hidden.
    check(not re.search(r"\shidden(?=[\s>])", page.body),
          "a field hidden without the script")
    js = c.get("/static/pay.js")
    check(js.status == 200 and "javascript" in (js.header("Content-Type") or ""),
          "pay.js: %r %s", js, js.header("Content-Type"))


@test
def a_pos_payment_records_its_voucher_number():
    c = staff("shoufei2")
    for channel in ("pos_counter", "pos_door"):
        pid = household_with_open_bills(1)
        before = sql1("SELECT COUNT(*) FROM payments WHERE premises_id = %s" % pid)
        r = pay(c, pid, "50.00", channel=channel, extra={"pos_voucher": ""})
        check(r.status == 400 and "请填写 POS 凭证号" in r.body, "%s without a voucher: %r",
              channel, r)
        r = pay(c, pid, "50.00", channel=channel, extra={"pos_voucher": "12ab"})
        check(r.status == 400 and "只能填写数字" in r.body, "%s voucher 12ab: %r", channel, r)
        check(sql1("SELECT COUNT(*) FROM payments WHERE premises_id = %s" % pid) == before,
              "a refused payment was recorded")
        r = pay(c, pid, "50.00", channel=channel, extra={"pos_voucher": "004512"})
        check(r.status == 303, "%s: %r", channel, r)
        got = sql("SELECT p.pos_voucher, p.tendered_fen FROM payments p JOIN receipts rc"
                  " ON rc.payment_id = p.id WHERE rc.id = %d" % receipt_id(r))[0]
        check(got == ["004512", "NULL"], "%s recorded %r", channel, got)
        page = c.get(r.header("Location"))
        check("004512" in page.body, "the receipt page does not show the voucher")
    # Cash needs none; a voucher typed before switching to cash is not kept.
    pid = household_with_open_bills(1)
    r = pay(c, pid, "50.00", extra={"pos_voucher": "999999"})
    check(r.status == 303, "%r", r)
    check(sql1("SELECT p.pos_voucher FROM payments p JOIN receipts rc ON rc.payment_id ="
               " p.id WHERE rc.id = %d" % receipt_id(r)) == "NULL", "cash kept a voucher")


@test
def cash_records_what_was_handed_over_and_the_receipt_shows_the_change():
    c = staff("shoufei3")
    pid = household_with_open_bills(1)
    before = sql1("SELECT COUNT(*) FROM payments WHERE premises_id = %s" % pid)
    r = pay(c, pid, "86.40", extra={"tendered": "50"})
    check(r.status == 400 and "实收不能少于收款金额" in r.body, "less handed over: %r", r)
    check(sql1("SELECT COUNT(*) FROM payments WHERE premises_id = %s" % pid) == before,
          "a refused payment was recorded")
    r = pay(c, pid, "86.40", extra={"tendered": "\uff11\uff10\uff10"})   # １００
    check(r.status == 303, "%r", r)
    got = sql1("SELECT p.tendered_fen FROM payments p JOIN receipts rc ON rc.payment_id"
               " = p.id WHERE rc.id = %d" % receipt_id(r))
    check(got == "10000", "实收 recorded as %s", got)
    page = text_of(c.get(r.header("Location")).body)
    check(re.search(r"实收\s*¥100\.00", page) and re.search(r"找零\s*¥13\.60", page),
          "the receipt page shows no change")
    # Without 实收 nothing is recorded, and no change is shown.
    pid = household_with_open_bills(1)
    r = pay(c, pid, "10.00")
    check(sql1("SELECT p.tendered_fen FROM payments p JOIN receipts rc ON rc.payment_id"
               " = p.id WHERE rc.id = %d" % receipt_id(r)) == "NULL", "实收 made up")
    check("找零" not in c.get(r.header("Location")).body, "change shown without 实收")


# -- the receipt page -----------------------------------------------------------

@test
def the_receipt_page_shows_the_capital_amount_what_is_owed_and_the_owners_link():
    c = staff("shoufei1")
    pid = household_with_open_bills(2)
    r = pay(c, pid, "12.34")
    check(r.status == 303, "%r", r)
    rid = receipt_id(r)
    page = c.get(r.header("Location"))
    body = text_of(page.body)
    check("人民币壹拾贰元叁角肆分" in body, "no capital amount")
    owed = still_owed(pid)
    check(owed > 0, "the household owes nothing after a part payment")
    check(re.search(r"本户现在尚欠\s*¥%s" % re.escape(yuan(owed)), body),
          "still owes ¥%s not shown", yuan(owed))
    # The e-receipt: the owner's link, and what was sent (issue 11).
    check('class="send-receipt"' in page.body, "no e-receipt part")
    link = "http://127.0.0.1:%d/receipts/%d.pdf" % (BASE_PORT, rid)
    m = re.search(r'<input class="owner-url"[^>]* value="([^"]+)"', page.body)
    check(m and m.group(1).endswith("/receipts/%d.pdf" % rid), "no owner's link: %r",
          m and m.group(1))
    check('data-copy="owner-url"' in page.body, "no 复制链接")
    # before the lines: a doorstep's phone need not scroll past 14 of them
    check(page.body.index('class="send-receipt"') < page.body.index('class="list lines"'),
          "the e-receipt is below the lines")
    check('class="sent-by"' in page.body or "不会" in body and "自动发送" in body,
          "the page does not say whether it was sent")
    check("已发送" not in body, "the page claims a sending")
    # The owner of the premises opens that link.
    phone = sql1("SELECT o.phone FROM premises_owners po JOIN owners o ON o.id ="
                 " po.owner_id WHERE po.premises_id = %s ORDER BY po.is_primary DESC"
                 " LIMIT 1" % pid)
    o = owner(phone)
    pdf = o.get(urllib.parse.urlparse(link).path)
    check(pdf.status == 200 and pdf.raw[:5] == b"%PDF-", "the owner's link: %r", pdf)
    # Paid up: says so.
    pid = household_with_open_bills(1)
    r = pay(c, pid, plain(still_owed(pid)))
    check("本户现在已无欠费" in c.get(r.header("Location")).body, "paid up not said")


# -- the error summary of long forms --------------------------------------------

@test
def a_long_form_in_error_puts_a_summary_on_top_and_focuses_the_first_field():
    c = staff("shoufei1")
    pid = household_with_open_bills(1)
    before = sql1("SELECT COUNT(*) FROM payments")
    r = pay(c, pid, "abc", channel="pos_counter", extra={"pos_voucher": ""})
    check(r.status == 400, "%r", r)
    check(summary_links(r.body) == ["amount", "pos_voucher"], "pay: summary links %r",
          summary_links(r.body))
    check(autofocused(r.body) == ["amount"], "pay: focus on %r", autofocused(r.body))
    check(r.body.index("error-summary") < r.body.index("<form method=\"post\""),
          "the summary is not on top")
    s = text_of(re.search(r'<section class="error-summary".*?</section>', r.body, re.S)
                .group(0))
    check("金额：只能填写数字" in s and "金额：金额" not in s, "summary text: %s", s)
    check(sql1("SELECT COUNT(*) FROM payments") == before, "a payment was recorded")
    # Only the channel's own fields count: a door visit date left for cash.
    r = pay(c, pid, "12.00", payer="", extra={"visit_date": "not a date"})
    check(summary_links(r.body) == ["payer_name"], "cash: summary links %r",
          summary_links(r.body))
    check(autofocused(r.body) == ["payer_name"], "cash: focus on %r", autofocused(r.body))

    # The service-credit log.
    page = c.get("/staff/households/%s/credits/new" % pid)
    check(page.status == 200, "%r", page)
    owner_id = re.search(r'<option value="(\d+)"', page.body).group(1)
    r = c.post("/staff/households/%s/credits" % pid, {
        "csrf": page.csrf(), "form_token": page.token("/credits"), "owner": owner_id,
        "activity_date": today(), "activity": "", "hours": "abc", "note": ""})
    check(r.status == 400, "%r", r)
    check(summary_links(r.body) == ["activity", "hours"], "credit: summary links %r",
          summary_links(r.body))
    check(autofocused(r.body) == ["activity"], "credit: focus on %r", autofocused(r.body))

    # One meter reading.
    page = c.get("/staff/meters")
    check(page.status == 200, "%r", page)
    month = datetime.datetime.now(CST).strftime("%Y-%m")
    r = c.post("/staff/meters", {
        "csrf": page.csrf(), "form_token": page.token("/staff/meters"), "estate": "1",
        "period": month, "building": "3栋", "unit": "2", "room": "", "item": "SF",
        "prev": "x", "curr": "12"})
    check(r.status == 400, "%r", r)
    check(summary_links(r.body) == ["room", "prev"], "meters: summary links %r",
          summary_links(r.body))
    check(autofocused(r.body) == ["room"], "meters: focus on %r", autofocused(r.body))
    # A form without errors has neither.
    page = c.get("/staff/households/%s/pay" % pid)
    check("error-summary" not in page.body and not autofocused(page.body),
          "a fresh form shows a summary or takes the focus")


@test
def the_fee_and_settings_forms_in_error_put_a_summary_on_top_too():
    m = staff("jingli")
    page = m.get("/staff/fees?estate=1")
    check(page.status == 200, "%r", page)
    item = sql1("SELECT id FROM fee_items WHERE estate_id = 1 AND code = 'WYF'")
    before = sql1("SELECT COUNT(*) FROM fee_rates")
    r = m.post("/staff/fees/rates", {"csrf": page.csrf(), "form_token": page.token("/rates"),
                                     "estate": "1", "rate_item": item, "rate_occ": "occupied",
                                     "rate_amount": "6.5元", "rate_from": "2099-13"})
    check(r.status == 400, "%r", r)
    check(summary_links(r.body) == ["rate_amount", "rate_from"], "fees: summary links %r",
          summary_links(r.body))
    check(autofocused(r.body) == ["rate_amount"], "fees: focus on %r", autofocused(r.body))
    check(sql1("SELECT COUNT(*) FROM fee_rates") == before, "a rate was saved")
    page = m.get("/staff/settings?estate=1")
    r = m.post("/staff/settings", {
        "csrf": page.csrf(), "estate": "1", "red_months": "12", "red_amount": "5,000.0.0",
        "yellow_months": "6", "green_months": "1", "target_collection": "97.00",
        "target_recovery": "", "target_satisfaction": "95"})
    check(r.status == 400, "%r", r)
    check(summary_links(r.body) == ["red_amount", "target_recovery"],
          "settings: summary links %r", summary_links(r.body))
    check(autofocused(r.body) == ["red_amount"], "settings: focus on %r", autofocused(r.body))
