"""test_pay_words.py - what staff read of an online payment (issue 10):
its channel whole on the staff receipt page and the receipt PDF (线上 ·
支付宝, the instalment plan, who bears its fee), its 商户订单号 and the
gateway's transaction number; the receipt register finding a payment by
any of its numbers (单号); and the audit log saying the online orders'
actions in Chinese, with no code of the log's.

Payments are made as owners make them, through the sandbox gateway
(test_pay_online's helpers).
"""

import re
import urllib.parse

from lib import check, owner, sql, sql1, staff, test, text_of, wait_for
from test_money import download, pdf_text
from test_pay_online import (cancel, cashier_back, conf, gateway, open_order, payments_of,
                             someone_behind, to_gateway, unionpay_cashier, void_receipt)
from test_receipt_text import overlaps, pdf_lines

TXN_LABEL = {"alipay": "支付宝交易号", "wechat": "微信支付订单号",
             "unionpay": "银联查询流水号"}


def pay_order(building, channel, gw=None, before_paying=None, **fields):
    """An owner of building pays what is past due through the pay form's
    channel (alipay, wechat, unionpay, instalments, unionpay_instalments,
    with fields such as plan) at the sandbox's cashier of gateway gw;
    before_paying(otn) runs first. Waits for the notification; the
    order number."""
    gw = gw or channel
    phone, pid = someone_behind(building)
    c = owner(phone)
    r, otn = open_order(c, pid, what="overdue", channel=channel, **fields)
    check(r.status == 303 and otn, "pay form (%s): %r", channel, r)
    if before_paying:
        before_paying(otn)
    body = unionpay_cashier(c, otn) if gw == "unionpay" else \
        gateway("GET", to_gateway(c, otn))[2]
    gateway("POST", conf("sandbox_url") + "/%s/pay" % gw,
            {"out_trade_no": otn, "back": cashier_back(body)})
    check(wait_for(lambda: payments_of(otn) == 1), "%s: never paid", channel)
    return otn


def receipt_of(otn):
    """(receipt id, receipt number, gateway_txn) of order otn's payment."""
    rid, number = sql("SELECT r.id, r.number FROM receipts r JOIN payments p"
                      " ON p.id = r.payment_id WHERE p.note = 'online order %s'" % otn)[0]
    txn = sql1("SELECT gateway_txn FROM pay_orders WHERE out_trade_no = '%s'" % otn)
    check(txn, "order %s has no gateway transaction stored", otn)
    return int(rid), number, txn


def fact(body, cls):
    """The text of the receipt page's <dd class="... cls">, or None."""
    m = re.search(r'<dd class="[^"]*\b%s\b[^"]*">(.*?)</dd>' % cls, body, re.S)
    return text_of(m.group(1)).strip() if m else None


def flat(s):
    return re.sub(r"\s", "", s)


@test
def the_staff_receipt_and_its_pdf_give_an_online_payment_its_channel_and_numbers():
    lead = staff("zuzhang")
    cases = [
        (pay_order("4栋", "alipay"), "alipay", "线上 · 支付宝"),
        (pay_order("5栋", "wechat"), "wechat", "线上 · 微信支付"),
        (pay_order("8栋", "unionpay"), "unionpay", "线上 · 云闪付"),
        (pay_order("4栋", "unionpay_instalments", gw="unionpay", plan="3"), "unionpay",
         "线上 · 云闪付 · 信用卡分期 3 期（业主承担手续费）"),
        # no form lets an estate bear the fee yet: the order says so here
        (pay_order("5栋", "instalments", gw="alipay", plan="6",
                   before_paying=lambda otn: sql(
                       "UPDATE pay_orders SET fee_payer = 'estate' WHERE"
                       " out_trade_no = '%s'" % otn)),
         "alipay", "线上 · 支付宝 · 花呗分期 6 期（物业承担手续费）"),
    ]
    for otn, gw, words in cases:
        rid, number, txn = receipt_of(otn)
        page = lead.get("/staff/receipts/%d" % rid)
        check(page.status == 200, "%s: the receipt page: %r", otn, page)
        check(fact(page.body, "channel") == words, "%s: 缴费方式 says %r, not %r", otn,
              fact(page.body, "channel"), words)
        check(fact(page.body, "otn") == otn, "%s: 商户订单号: %r", otn,
              fact(page.body, "otn"))
        check(fact(page.body, "txn") == txn, "%s: the gateway's number: %r, not %s", otn,
              fact(page.body, "txn"), txn)
        check("<dt>%s</dt>" % TXN_LABEL[gw] in page.body, "%s: not called %s", otn,
              TXN_LABEL[gw])
        raw = download(lead, "/staff/receipts/%d.pdf" % rid)
        text = flat(pdf_text(raw))
        for want in ("缴费方式：" + flat(words), "商户订单号：" + otn,
                     TXN_LABEL[gw] + "：" + txn, number):
            check(want in text, "%s: the PDF has no %s: %s", otn, want, text[:600])
        check(not overlaps(pdf_lines(raw)), "%s: text over text: %r", otn,
              overlaps(pdf_lines(raw)))
    # a payment taken at the counter keeps its words and shows no order
    rid = sql1("SELECT r.id FROM receipts r JOIN payments p ON p.id = r.payment_id"
               " WHERE p.estate_id = 1 AND p.channel = 'cash' ORDER BY r.id DESC LIMIT 1")
    page = lead.get("/staff/receipts/%s" % rid)
    check(fact(page.body, "channel") == "现金" and fact(page.body, "otn") is None,
          "a cash receipt: %r %r", fact(page.body, "channel"), fact(page.body, "otn"))
    text = flat(pdf_text(download(lead, "/staff/receipts/%s.pdf" % rid)))
    check("缴费方式：现金" in text and "收款人：" in text and "商户订单号" not in text,
          "the cash receipt's PDF: %s", text[:400])


def register(c, query):
    """The register for query: (response, [receipt ids listed])."""
    page = c.get("/staff/receipts?" + query)
    return page, [int(x) for x in re.findall(r'<tr data-receipt="(\d+)">', page.body)]


def field_error(page, name):
    m = re.search(r'id="%s"[^>]*>\s*<p class="err">([^<]*)</p>' % name, page.body)
    return m.group(1) if m else ""


@test
def the_receipt_register_finds_a_payment_by_any_of_its_numbers():
    otn = pay_order("3栋", "wechat")
    rid, number, txn = receipt_of(otn)
    c = staff("shoufei1")
    # the dates and filters of another day and channel do not hide it
    elsewhere = "&from=2020-01-01&to=2020-01-31&channel=cash&status=void"
    wide = "".join(chr(0xFF00 + ord(ch) - 0x20) for ch in otn)   # full-width
    grouped = " ".join(txn[i:i + 4] for i in range(0, len(txn), 4))
    for no in (number, otn, txn, otn.upper(), wide, grouped):
        page, ids = register(c, "estate=1&no=" + urllib.parse.quote(no) + elsewhere)
        check(page.status == 200 and ids == [rid], "单号 %r: %d %r", no, page.status, ids)
        check("按单号" in page.body, "单号 %r: the page does not say it looked one up", no)
    csv = c.get("/staff/receipts.csv?estate=1&no=" + otn)
    check(csv.status == 200 and csv.body.count(number) == 1 and
          len(csv.body.strip().splitlines()) == 2, "the CSV of one number: %r", csv.body[:300])
    # its refund's number finds it too, once voided
    lead = staff("zuzhang")
    check(void_receipt(lead, rid, "业主重复缴费").status == 303, "the void")
    refund = sql1("SELECT f.out_refund_no FROM pay_refunds f JOIN pay_orders o"
                  " ON o.id = f.order_id WHERE o.out_trade_no = '%s'" % otn)
    _, ids = register(c, "estate=1&no=" + refund)
    check(ids == [rid], "the refund number %s: %r", refund, ids)
    # an order that made no payment: where it stands, no receipt
    phone, pid = someone_behind("3栋")
    o = owner(phone)
    r, closed = open_order(o, pid, what="overdue", channel="alipay")
    check(r.status == 303 and closed, "pay form: %r", r)
    check(cancel(o, closed).status in (200, 303), "cancel")
    page, ids = register(c, "estate=1&no=" + closed)
    check(page.status == 200 and ids == [] and "支付宝支付订单" in page.body and
          "已关闭" in page.body and "没有收款" in page.body,
          "an order closed unpaid: %d %r %s", page.status, ids,
          text_of(page.body)[-800:])
    # a number nobody has: the empty register, saying so
    page, ids = register(c, "estate=1&no=JHY-1999-000001")
    check(page.status == 200 and ids == [] and "没有找到" in page.body and
          "JHY-1999-000001" in page.body, "an unknown number: %d %r", page.status, ids)
    other = sql1("SELECT r.number FROM receipts r WHERE r.estate_id <> 1 LIMIT 1")
    if other:
        _, ids = register(c, "estate=1&no=" + urllib.parse.quote(other))
        check(ids == [], "another estate's receipt %s found in estate 1", other)
    # what no number is: the page again, the message by the field
    for bad, says in (("收据123", "只能有字母、数字"), ("P1' OR '1'='1", "只能有字母、数字"),
                      ("9" * 65, "太长"), ("<script>", "只能有字母、数字")):
        page, ids = register(c, "estate=1&no=" + urllib.parse.quote(bad))
        check(page.status == 400 and ids == [] and says in field_error(page, "no"),
              "单号 %r: %d %r", bad, page.status, field_error(page, "no"))
    check('value="&lt;script&gt;"' in page.body, "the last 单号 is not shown back escaped")


def audit_rows(c, action):
    page = c.get("/staff/audit?estate=1&action=" + action)
    check(page.status == 200, "the audit log (%s): %r", action, page)
    return [cells for act, cells in re.findall(
        r'<tr data-action="([a-z_.]+)">(.*?)</tr>', page.body, re.S) if act == action]


CODES = re.compile(r"\b(?:pay_order|pay_refund|payment|alipay|wechat|unionpay|order|"
                   r"refunded|statement|every channel)\b|[a-z_]+\.[a-z_]+")


@test
def the_audit_log_says_what_online_orders_did_in_chinese():
    boss = staff("jingli")
    otn = pay_order("8栋", "alipay")
    rid, number, _ = receipt_of(otn)
    pid = sql1("SELECT premises_id FROM pay_orders WHERE out_trade_no = '%s'" % otn)
    # the payment the gateway's word made
    rows = [r for r in audit_rows(boss, "payment.create")
            if 'href="/staff/receipts/%d"' % rid in r]
    check(len(rows) == 1, "the online payment's row: %d", len(rows))
    text = text_of(rows[0])
    check("线上 · 支付宝" in text and otn in text and "收款" in text,
          "the online payment: %s", text)
    # its refund, once voided
    check(void_receipt(staff("zuzhang"), rid, "业主重复缴费，原路退回").status == 303,
          "the void")
    check(wait_for(lambda: sql1("SELECT COUNT(*) FROM audit_log WHERE action ="
                                " 'payorder.refund' AND entity_id = (SELECT f.id FROM"
                                " pay_refunds f JOIN pay_orders o ON o.id = f.order_id"
                                " WHERE o.out_trade_no = '%s')" % otn) == "1", 30),
          "the refund was never confirmed")
    refund = sql1("SELECT f.out_refund_no FROM pay_refunds f JOIN pay_orders o"
                  " ON o.id = f.order_id WHERE o.out_trade_no = '%s'" % otn)
    rows = [r for r in audit_rows(boss, "payorder.refund") if otn in r]
    check(len(rows) == 1, "the refund's row: %d", len(rows))
    text = text_of(rows[0])
    check("在线退款" in text and "原路退回" in text and refund in text and
          'href="/staff/receipts/%d"' % rid in rows[0] and
          'href="/staff/households/%s"' % pid in rows[0] and number in text,
          "the refund: %s", text)
    check(not CODES.search(text), "the refund shows a code: %s",
          CODES.search(text) and CODES.search(text).group(0))
    # an order its owner cancelled
    phone, opid = someone_behind("8栋")
    o = owner(phone)
    r, closed = open_order(o, opid, what="overdue", channel="wechat")
    check(r.status == 303 and closed, "pay form: %r", r)
    check(cancel(o, closed).status in (200, 303), "cancel")
    rows = [r for r in audit_rows(boss, "payorder.cancel") if closed in r]
    check(len(rows) == 1, "the cancel's row: %d", len(rows))
    text = text_of(rows[0])
    owner_name = sql1("SELECT owner_id FROM pay_orders WHERE out_trade_no = '%s'" % closed)
    owner_name = sql1("SELECT name FROM owners WHERE id = %s" % owner_name)
    check("取消支付订单" in text and "支付订单 " + closed in text and
          "业主 " + owner_name in text and 'href="/staff/households/%s"' % opid in rows[0],
          "the cancel: %s", text)
    check(not CODES.search(text), "the cancel shows a code: %s",
          CODES.search(text) and CODES.search(text).group(0))
    # a statement the manager asked for
    page = boss.get("/staff/reconcile?estate=1")
    yesterday = sql1("SELECT CURDATE() - INTERVAL 1 DAY")
    r = boss.post("/staff/reconcile", {"csrf": page.csrf(), "estate": "1",
                                       "day": yesterday, "channel": "alipay"})
    check(r.status == 303, "asked: %r", r)
    rows = audit_rows(boss, "reconcile.ask")
    check(rows, "no row for the statement asked for")
    text = text_of(rows[0])
    y, m, d = (int(x) for x in yesterday.split("-"))
    check("网关对账" in text and "对账日：%d年%d月%d日，支付宝" % (y, m, d) in text,
          "the statement asked for: %s", text)
    check(not CODES.search(text), "the statement shows a code: %s",
          CODES.search(text) and CODES.search(text).group(0))
    # the filter's words
    page = boss.get("/staff/audit?estate=1")
    for code, words in (("payorder.refund", "在线退款"), ("payorder.cancel", "取消支付订单"),
                        ("reconcile.ask", "网关对账")):
        check('<option value="%s">%s</option>' % (code, words) in page.body,
              "the filter has no %s for %s", words, code)
