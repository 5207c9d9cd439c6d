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

from lib import check, owner, sql, sql1, staff, test, text_of, wait_for
from test_money import download, pdf_text
from test_pay_online import (cashier_back, conf, gateway, open_order, payments_of,
                             someone_behind, to_gateway, unionpay_cashier)
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
