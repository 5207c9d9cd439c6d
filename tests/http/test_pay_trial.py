"""test_pay_trial.py - what a new user found paying online on a phone
(issue 10's trial): the order page and the result page say what is
being paid and, once paid, what the household still owes; the 预存 form
shows the total before 去支付; a cancelled order is good news, said
calmly, unless the gateway may still take money; UnionPay's form page
says what its button does; the staff pages name who took an online
payment one way (线上支付) and find those payments by it; a form sent
after the session ended leads back to its page through the login.

Payments are made as owners make them, through the sandbox gateway
(test_pay_online's helpers). The layout at 390 px is the browser flow's
(tests/browser/flows/pay.js).
"""

import re
import urllib.parse

from lib import BASE_PORT, check, owner, sha256_hex, sql, sql1, staff, test, text_of, wait_for
from test_pay_online import (cancel, cashier_back, conf, gateway, open_order, payments_of,
                             someone_behind, to_gateway)


def fact(body, cls):
    """The text of the page's <dd class="... cls">, or None."""
    m = re.search(r'<dd class="[^"]*\b%s\b[^"]*">(.*?)</dd>' % cls, body, re.S)
    return text_of(m.group(1)).strip() if m else None


def yuan(fen):
    """fen as the pages write an amount: 1,249.96"""
    fen = int(fen)
    return "{:,}.{:02d}".format(fen // 100, fen % 100)


def period(start, months):
    y, m = int(start[:4]), int(start[5:7])
    if months == 3:
        return "%d年第%d季度" % (y, (m - 1) // 3 + 1)
    if months == 1:
        return "%d年%d月" % (y, m)
    return "%d年%d月起%d个月" % (y, m, months)


def what_of(otn):
    """缴费内容 of a bills order, worked out from pay_order_bills."""
    rows = sql("SELECT b.period_start, b.period_months, fi.name, fi.sort"
               " FROM pay_order_bills ob JOIN pay_orders o ON o.id = ob.order_id"
               " JOIN bills b ON b.id = ob.bill_id JOIN fee_items fi ON fi.id = b.fee_item_id"
               " WHERE o.out_trade_no = '%s' ORDER BY b.period_start, fi.sort, b.id" % otn)
    check(rows, "order %s names no bills", otn)
    if len(rows) == 1:
        return "%s %s" % (period(rows[0][0], int(rows[0][1])), rows[0][2])
    first = min(int(r[0][:4]) * 12 + int(r[0][5:7]) - 1 for r in rows)
    last = max(int(r[0][:4]) * 12 + int(r[0][5:7]) - 1 + int(r[1]) - 1 for r in rows)
    if first == last:
        span = "%d年%d月" % (first // 12, first % 12 + 1)
    elif first // 12 == last // 12:
        span = "%d年%d月至%d月" % (first // 12, first % 12 + 1, last % 12 + 1)
    else:
        span = "%d年%d月至%d年%d月" % (first // 12, first % 12 + 1, last // 12, last % 12 + 1)
    item = min(rows, key=lambda r: int(r[3]))[2]
    items = len(set(r[2] for r in rows))
    return "%s %s%s %d 笔账单" % (span, item, "等" if items > 1 else "", len(rows))


def pay_at_sandbox(c, otn, channel="alipay"):
    """The owner pays order otn at the sandbox's cashier; waits for it."""
    body = gateway("GET", to_gateway(c, otn))[2]
    gateway("POST", conf("sandbox_url") + "/%s/pay" % channel,
            {"out_trade_no": otn, "back": cashier_back(body)})
    check(wait_for(lambda: payments_of(otn) == 1), "%s: never paid", otn)


def owed_total(c, pid):
    """待缴合计 on the pay form: what the household owes now."""
    m = re.search(r'class="amount big owed-total">¥([0-9,.]+)<', c.get("/premises/%s/pay" % pid).body)
    check(m, "no 待缴合计 on the pay form")
    return m.group(1)


@test
def the_order_page_says_what_it_pays_and_once_paid_what_is_still_owed():
    phone, pid = someone_behind("4栋")
    c = owner(phone)
    r, otn = open_order(c, pid, what="overdue", channel="alipay")
    check(r.status == 303 and otn, "pay form: %r", r)
    page = c.get("/pay/" + otn)
    want = what_of(otn)
    check(fact(page.body, "what") == want, "缴费内容 %r, not %r", fact(page.body, "what"), want)
    label = sql1("SELECT CONCAT(b.name, p.unit, '单元', p.room, '室') FROM premises p"
                 " JOIN buildings b ON b.id = p.building_id WHERE p.id = %s" % pid)
    check(fact(page.body, "premises") == label, "房屋 %r, not %r",
          fact(page.body, "premises"), label)
    # the page is 支付订单, its breadcrumb too (it said 支付结果)
    crumb = re.search(r'<p class="crumb">(.*?)</p>', page.body, re.S)
    check(crumb and "支付订单" in crumb.group(1) and "支付结果" not in crumb.group(1),
          "breadcrumb: %s", crumb and text_of(crumb.group(1)))
    pay_at_sandbox(c, otn)
    page = c.get("/pay/" + otn)
    check("支付成功" in page.body and fact(page.body, "what") == want,
          "the paid order's page: %s", text_of(page.body)[:400])
    owed = owed_total(c, pid)
    text = text_of(page.body)
    if owed == "0.00":
        check("本户费用已全部缴清" in text and "owed-now" not in page.body,
              "a household that owes nothing is not told so: %s", text[:600])
    else:
        m = re.search(r'class="amount owed-now">¥([0-9,.]+)<', page.body)
        check(m and m.group(1) == owed and "本户现在还有" in text,
              "still owed: %s on the page, %s on the pay form", m and m.group(1), owed)


@test
def the_prepay_form_shows_each_months_total_and_the_order_what_it_prepays():
    phone, pid = someone_behind("6栋")
    c = owner(phone)
    monthly = int(sql1("SELECT b.amount_fen DIV b.period_months FROM bills b"
                       " JOIN fee_items f ON f.id = b.fee_item_id WHERE b.premises_id = %s"
                       " AND f.basis = 'area' ORDER BY b.period_start DESC LIMIT 1" % pid))
    form = c.get("/premises/%s/pay" % pid).body
    select = re.search(r'<select id="months" name="months"[^>]*>(.*?)</select>', form, re.S)
    check(select, "no month count to choose")
    options = re.findall(r'<option value="(\d+)"( selected)?>([^<]*)</option>', select.group(1))
    check([int(o[0]) for o in options] == list(range(1, 25)), "months offered: %r",
          [o[0] for o in options])
    for n, _, words in options:
        check(words == "%s 个月，合计 ¥%s" % (n, yuan(monthly * int(n))),
              "option %s reads %r (monthly ¥%s)", n, words, yuan(monthly))
    check([o[0] for o in options if o[1]] == ["3"], "3 months is not chosen first")
    r, otn = open_order(c, pid, what="prepay", months="2", channel="alipay")
    check(r.status == 303 and otn, "pay form: %r", r)
    check(sql1("SELECT amount_fen FROM pay_orders WHERE out_trade_no = '%s'" % otn)
          == str(monthly * 2), "the order asks for another sum than the form's 合计")
    page = c.get("/pay/" + otn)
    check(fact(page.body, "what") == "预存 2 个月物业费", "缴费内容 %r", fact(page.body, "what"))
    # a household behind: the prepaid money pays its open bills first,
    # said without 其他 (a 预存 names no bills of its own)
    pay_at_sandbox(c, otn)
    page = c.get("/pay/" + otn)
    where = re.search(r'<p class="where-money">(.*?)</p>', page.body, re.S)
    check(where and "已用于本户未缴账单" in where.group(1) and "其他" not in where.group(1),
          "where the prepaid money went: %s", where and where.group(1))
    # the receipt's page says it the same way: the words come from the
    # order (payorder_where), not patched on the owner's page
    rid = sql1("SELECT r.id FROM receipts r JOIN pay_orders o ON o.payment_id = r.payment_id"
               " WHERE o.out_trade_no = '%s'" % otn)
    receipt = staff("zuzhang").get("/staff/receipts/%s" % rid)
    where = re.search(r'<p class="where-money">(.*?)</p>', receipt.body, re.S)
    check(receipt.status == 200 and where and "已用于本户未缴账单" in where.group(1)
          and "其他" not in where.group(1),
          "the receipt says where the prepaid money went: %s", where and where.group(1))


@test
def a_cancelled_order_is_calm_good_news_unless_the_gateway_may_still_take_money():
    phone, pid = someone_behind("8栋")
    c = owner(phone)
    # never sent to a gateway: closed here, nothing can be taken
    r, otn = open_order(c, pid, what="overdue", channel="wechat")
    check(r.status == 303 and otn, "pay form: %r", r)
    r = cancel(c, otn)
    check(r.status == 303 and "cancelled=" + otn in r.header("Location"), "cancel: %r", r)
    form = c.get(r.header("Location")).body
    note = re.search(r'<p class="([^"]*)" role="([a-z]+)">([^<]*%s[^<]*)</p>' % otn, form)
    check(note and "没有扣款" in note.group(3), "no word of the cancelled order: %s",
          text_of(form)[:400])
    check(note.group(2) == "status" and "alert" not in note.group(1) and "ok" in note.group(1),
          "good news said as an alarm: class=%r role=%r", note.group(1), note.group(2))
    page = c.get("/pay/" + otn).body
    box = re.search(r'<div class="cancelled ([^"]*)"', page)
    check(box and "ok" in box.group(1) and "alert" not in box.group(1),
          "the order page's cancelled box: %r", box and box.group(1))
    # sent to Alipay, whose trade does not exist yet: it may still take
    # money on the old page until the order's expiry - a warning
    r, otn = open_order(c, pid, what="overdue", channel="alipay")
    check(r.status == 303 and otn, "pay form: %r", r)
    to_gateway(c, otn)
    r = cancel(c, otn)
    form = c.get(r.header("Location")).body
    note = re.search(r'<p class="([^"]*)" role="([a-z]+)">([^<]*%s[^<]*)</p>' % otn, form)
    check(note and "不要在上面付款" in note.group(3) and note.group(2) == "alert"
          and "alert" in note.group(1), "the warning is not one: %r",
          note and note.groups())


@test
def the_unionpay_form_page_says_what_its_button_does():
    phone, pid = someone_behind("11栋")
    c = owner(phone)
    r, otn = open_order(c, pid, what="overdue", channel="unionpay")
    check(r.status == 303 and otn, "pay form: %r", r)
    order = c.get("/pay/" + otn).body
    check("前往云闪付付款" in order, "the order page's button: %s", text_of(order)[:300])
    go = c.get("/pay/%s/go" % otn)
    check(go.status == 200, "the form's page: %r", go)
    text = text_of(go.body)
    check("即将打开云闪付支付页面，请在该页面完成付款" in text,
          "the page does not say what happens: %s", text[:400])
    button = re.search(r'<form method="post" action="([^"]+)" class="pay-go">.*?'
                       r'<button type="submit"[^>]*>([^<]*)</button>', go.body, re.S)
    check(button and button.group(2) == "打开云闪付支付页面"
          and button.group(1).startswith(conf("sandbox_url")),
          "the button: %r", button and button.groups())
    check("前往云闪付付款" not in go.body and "<script" not in go.body,
          "the order page's button again, or a script: %s", text[:400])
    cancel(c, otn)


def register_rows(body):
    """(receipt number, 收款人, 状态) of each row of the register."""
    rows = []
    for tr in re.findall(r'<tr data-receipt="\d+">(.*?)</tr>', body, re.S):
        number = re.search(r'<a href="/staff/receipts/\d+">([^<]+)</a>', tr).group(1)
        taker = re.search(r'<td data-label="收款人">(.*?)</td>', tr, re.S).group(1)
        state = re.search(r'<td data-label="状态">(.*?)</td>', tr, re.S).group(1)
        rows.append((number, text_of(taker).strip(), text_of(state).strip()))
    return rows


@test
def staff_pages_say_an_online_payment_was_taken_by_online_payment_and_find_them_by_it():
    phone, pid = someone_behind("13栋")
    c = owner(phone)
    r, otn = open_order(c, pid, what="overdue", channel="alipay")
    check(r.status == 303 and otn, "pay form: %r", r)
    pay_at_sandbox(c, otn)
    rid, number = sql("SELECT r.id, r.number FROM receipts r JOIN payments p ON"
                      " p.id = r.payment_id WHERE p.note = 'online order %s'" % otn)[0]
    lead = staff("zuzhang")
    rows = register_rows(lead.get("/staff/receipts?estate=1&no=" + otn).body)
    check(rows == [(number, "线上支付", "有效")], "the register's row: %r", rows)
    page = lead.get("/staff/receipts/" + rid).body
    check(fact(page, "taker") == "线上支付", "the receipt page's 收款人: %r", fact(page, "taker"))
    # the 收款人 filter: 线上支付 lists the online payments alone
    reg = lead.get("/staff/receipts?estate=1&collector=online")
    check(reg.status == 200 and re.search(r'<option value="online" selected>线上支付</option>',
                                          reg.body), "no 线上支付 chosen in the filter")
    rows = register_rows(reg.body)
    check(rows and all(t == "线上支付" for _, t, _ in rows) and number in [n for n, _, _ in rows],
          "线上支付 lists: %r", rows[:5])
    month = "rc.issued_at >= DATE_FORMAT(CURDATE(), '%Y-%m-01')"
    want = sql1("SELECT COUNT(*) FROM receipts rc JOIN payments p ON p.id = rc.payment_id"
                " WHERE rc.estate_id = 1 AND p.channel IN ('alipay', 'wechat', 'unionpay')"
                " AND NOT EXISTS (SELECT 1 FROM receipt_voids v WHERE v.receipt_id = rc.id)"
                " AND " + month)
    got = re.search(r'class="valid-n">(\d+)<', reg.body).group(1)
    check(got == want, "线上支付 counts %s valid receipts this month, the books %s", got, want)
    csv_link = re.search(r'href="(/staff/receipts\.csv\?[^"]*)"', reg.body)
    check(csv_link and "collector=online" in csv_link.group(1), "the CSV link drops the"
          " filter: %s", csv_link and csv_link.group(1))
    csv = lead.get("/staff/receipts.csv?estate=1&collector=online").body
    check(number in csv and "线上支付" in csv, "the CSV: %s", csv[:300])
    # a collector's own payments still by their name; nonsense refused
    who = sql1("SELECT id FROM staff WHERE username = 'shoufei1'")
    name = sql1("SELECT name FROM staff WHERE username = 'shoufei1'")
    rows = register_rows(lead.get("/staff/receipts?estate=1&collector=" + who).body)
    check(all(t == name for _, t, _ in rows), "shoufei1's rows: %r", rows[:5])
    bad = lead.get("/staff/receipts?estate=1&collector=somebody")
    err = re.search(r'<select id="collector".*?</select><p class="err">([^<]+)</p>', bad.body,
                    re.S)
    check(bad.status == 400 and err, "a bad 收款人: %r", bad)


@test
def a_form_sent_after_the_session_ended_leads_back_to_its_page_after_login():
    # A new user's trial: the pay form left 31 minutes, then 去支付 gave
    # 登录已过期 with only 返回首页, and the login landed on 首页.
    phone, pid = someone_behind("3栋")
    c = owner(phone)
    form = c.get("/premises/%s/pay" % pid)
    sql("UPDATE sessions SET last_seen_at = NOW() - INTERVAL 31 MINUTE"
        " WHERE token_hash = '%s'" % sha256_hex(c.cookies["pf_o"]))
    here = "http://127.0.0.1:%d/premises/%s/pay" % (BASE_PORT, pid)
    r = c.post("/premises/%s/pay" % pid, {"csrf": form.csrf(), "what": "overdue",
                                          "channel": "alipay"}, headers={"Referer": here})
    check(r.status == 403, "an ended session's form: %r", r)
    text = text_of(r.body)
    check("登录已过期" in text and "重新选择" in text, "the page: %s", text[:400])
    link = re.search(r'<a class="button primary relogin" href="([^"]+)">重新登录</a>', r.body)
    check(link, "no 重新登录: %s", text[:400])
    url = link.group(1).replace("&amp;", "&")
    u = urllib.parse.urlsplit(url)
    check(u.path == "/login" and urllib.parse.parse_qs(u.query) ==
          {"next": ["/premises/%s/pay" % pid]}, "重新登录 goes to %s", url)
    check(sql1("SELECT COUNT(*) FROM pay_orders p JOIN premises x ON x.id = p.premises_id"
               " WHERE p.premises_id = %s AND p.status IN ('created', 'paying')" % pid) == "0",
          "an order was opened")
    login = c.get(url)
    next_ = re.search(r'name="next" value="([^"]*)"', login.body).group(1)
    r = c.post("/login", {"csrf": login.csrf(), "phone": phone, "password": "propfee-demo",
                          "next": next_})
    check(r.status == 303 and r.header("Location") == "/premises/%s/pay" % pid,
          "after the login: %r %s", r, r.header("Location"))
    # a Referer of another site is not followed: the plain login page
    c2 = owner(phone)
    form = c2.get("/premises/%s/pay" % pid)
    sql("UPDATE sessions SET last_seen_at = NOW() - INTERVAL 31 MINUTE"
        " WHERE token_hash = '%s'" % sha256_hex(c2.cookies["pf_o"]))
    r = c2.post("/premises/%s/pay" % pid, {"csrf": form.csrf(), "what": "overdue"},
                headers={"Referer": "http://evil.example/premises/%s/pay" % pid})
    link = re.search(r'<a class="button primary relogin" href="([^"]+)">重新登录</a>', r.body)
    check(r.status == 403 and link and link.group(1) == "/login", "another site's Referer: %r",
          link and link.group(1))
