"""test_reconcile.py - each gateway's daily statement matched against the
ledger by the worker, and the manager's 网关对账 page (issue 10,
"Reconciliation").

The sandbox gateway writes each statement in its provider's format
(Alipay's zip of GBK CSV, WeChat Pay's trade bill with its SHA1, UnionPay's
fileTransfer with a DEFLATE'd zip); the worker's "payorder.statement" job
fetches and matches it. A gateway has a day's statement only the next
morning, and the manager's form asks for days that have ended; the tests
pay today, so they queue today's run as the form would (ask_today).
"""

import re

from lib import check, owner, sql, sql1, staff, test, wait_for
from test_pay_online import (cashier_back, conf, control, gateway, notice_for,
                             notify, open_order, pay_through, payments_of,
                             someone_behind, to_gateway, void_receipt)


def ask_today(channel, estate=1):
    """Today's statement of the estate's channel asked for, as
    reconcile_ask() does: the statement row (back to waiting), a run, its
    job. Waits for the worker to match it; returns the statement id."""
    acct = sql1("SELECT id FROM pay_accounts WHERE estate_id = %d AND channel = '%s'"
                % (estate, channel))
    sql("INSERT INTO pay_statements (estate_id, account_id, channel, bill_date, status,"
        " asked_at) VALUES (%d, %s, '%s', CURDATE(), 'waiting', NOW(6))"
        " ON DUPLICATE KEY UPDATE status = 'waiting', error = ''" % (estate, acct, channel))
    sid = sql1("SELECT id FROM pay_statements WHERE account_id = %s AND bill_date = CURDATE()"
               % acct)
    sql("INSERT INTO pay_statement_runs (statement_id, estate_id, asked_at)"
        " VALUES (%s, %d, NOW(6))" % (sid, estate))
    run = sql1("SELECT MAX(id) FROM pay_statement_runs WHERE statement_id = %s" % sid)
    sql("INSERT INTO jobs (estate_id, kind, ref_id, max_attempts, run_after, created_at)"
        " VALUES (%d, 'payorder.statement', %s, 6, NOW(6), NOW(6))" % (estate, run))
    check(wait_for(lambda: sql1("SELECT status FROM pay_statements WHERE id = %s" % sid)
                   == "done", 30),
          "the %s statement was never matched: %r", channel,
          sql("SELECT status, error FROM pay_statements WHERE id = %s" % sid))
    return sid


def line(sid, otn, kind="pay"):
    """(result, gateway_fen, ledger_fen) of the order's line, or None."""
    rows = sql("SELECT result, gateway_fen, ledger_fen FROM pay_statement_lines"
               " WHERE statement_id = %s AND out_trade_no = '%s' AND kind = '%s'"
               % (sid, otn, kind))
    check(len(rows) <= 1, "%d lines of %s", len(rows), otn)
    return tuple(rows[0]) if rows else None


@test
def each_gateways_statement_is_read_and_a_paid_order_matches():
    for channel, building in (("alipay", "1栋"), ("wechat", "2栋"),
                              ("unionpay", "3栋")):
        otn, _ = pay_through(channel, building)
        amount = sql1("SELECT amount_fen FROM pay_orders WHERE out_trade_no = '%s'" % otn)
        sid = ask_today(channel)
        check(line(sid, otn) == ("matched", amount, amount),
              "%s: the paid order's line: %r", channel, line(sid, otn))
        # the statement's count of payments is its payment lines the gateway
        # listed (a refund an earlier test made today is a line of its own, and
        # a payment only the ledger has is a line the statement never had)
        counts = sql("SELECT pay_count,"
                     " (SELECT COUNT(*) FROM pay_statement_lines l WHERE l.statement_id = s.id"
                     "  AND l.kind = 'pay' AND l.result <> 'ledger_only')"
                     " FROM pay_statements s WHERE id = %s" % sid)[0]
        check(counts[0] == counts[1], "%s: %s pays but %s lines", channel, *counts)


@test
def a_payment_only_the_gateway_has_is_credited_once_from_the_statement():
    phone, pid = someone_behind("4栋")
    c = owner(phone)
    r, otn = open_order(c, pid, what="overdue", channel="alipay")
    check(r.status == 303 and otn, "pay form: %r", r)
    body = gateway("GET", to_gateway(c, otn))[2]
    # the notification is lost and the gateway's query service is down
    # (a query that found the trade paid would credit it before the
    # statement, as the worker's poll did on a loaded machine): only its
    # statement says the money came
    control({"drop": True, "query_down": True})
    try:
        gateway("POST", conf("sandbox_url") + "/alipay/pay",
                {"out_trade_no": otn, "back": cashier_back(body)})
        check(payments_of(otn) == 0, "paid without a notification")
        sid = ask_today("alipay")
    finally:
        control({})
    amount = sql1("SELECT amount_fen FROM pay_orders WHERE out_trade_no = '%s'" % otn)
    check(payments_of(otn) == 1, "%d payments", payments_of(otn))
    check(sql1("SELECT status FROM pay_orders WHERE out_trade_no = '%s'" % otn) == "paid",
          "the order is not paid")
    check(line(sid, otn) == ("credited", amount, amount), "the line: %r", line(sid, otn))
    check(sql("SELECT verdict FROM pay_notices WHERE out_trade_no = '%s'"
              " AND notify_id = 'statement'" % otn) == [["paid"]], "not logged as the statement's")
    # matched again (a manager's 重新对账, or the late notification): once
    sid2 = ask_today("alipay")
    check(sid2 == sid and line(sid, otn) == ("credited", amount, amount),
          "again: %r", line(sid, otn))
    check(notify(notice_for(otn)) == (200, "success"), "the late notification")
    check(payments_of(otn) == 1, "credited twice: %d", payments_of(otn))
    # the manager sees it, with its receipt
    boss = staff("jingli")
    page = boss.get("/staff/reconcile/%s" % sid)
    check(page.status == 200, "the statement page: %r", page)
    row = re.search(r'<tr data-result="credited">.*?</tr>', page.body, re.S)
    check(row and otn in row.group(0) and "已补记入账" in row.group(0)
          and "/staff/receipts/" in row.group(0), "the credited line is not shown")


@test
def a_payment_only_the_ledger_has_and_an_amount_that_differs_are_flagged():
    # the ledger's: an order credited by a notification the sandbox never
    # took (the test signs it as the gateway would)
    phone, pid = someone_behind("5栋")
    c = owner(phone)
    r, otn = open_order(c, pid, what="overdue", channel="alipay")
    check(r.status == 303 and otn, "pay form: %r", r)
    check(notify(notice_for(otn)) == (200, "success"), "the notification")
    # the gateway's statement says one fen more for a real payment
    other, _ = pay_through("alipay", "6栋")
    control({"statement_extra_fen": 1})
    try:
        sid = ask_today("alipay")
    finally:
        control({})
    amount = sql1("SELECT amount_fen FROM pay_orders WHERE out_trade_no = '%s'" % otn)
    check(line(sid, otn) == ("ledger_only", "NULL", amount), "ledger's: %r", line(sid, otn))
    amount2 = int(sql1("SELECT amount_fen FROM pay_orders WHERE out_trade_no = '%s'" % other))
    check(line(sid, other) == ("differs", str(amount2 + 1), str(amount2)),
          "differs: %r", line(sid, other))
    check(payments_of(other) == 1, "a differing statement changed the money")
    page = staff("jingli").get("/staff/reconcile?estate=1")
    row = re.search(r'<tr data-statement="%s".*?</tr>' % sid, page.body, re.S)
    check(row and "有差异" in row.group(0), "the list does not flag the day")


@test
def a_refund_is_matched_against_the_statements_refund_line():
    # Alipay writes a refund as a negative 商家实收; WeChat Pay as 退款金额
    for channel, building in (("wechat", "7栋"), ("alipay", "8栋")):
        otn, _ = pay_through(channel, building)
        rid = sql1("SELECT r.id FROM receipts r JOIN payments p ON p.id = r.payment_id"
                   " WHERE p.note = 'online order %s'" % otn)
        check(void_receipt(staff("zuzhang"), rid, "业主重复缴费，原路退回").status == 303,
              "%s: the void", channel)
        check(wait_for(lambda: sql1("SELECT f.status FROM pay_refunds f JOIN pay_orders o"
                                    " ON o.id = f.order_id WHERE o.out_trade_no = '%s'"
                                    % otn) == "refunded", 30), "%s: never refunded", channel)
        sid = ask_today(channel)
        amount = sql1("SELECT amount_fen FROM pay_orders WHERE out_trade_no = '%s'" % otn)
        check(line(sid, otn, "refund") == ("matched", amount, amount),
              "%s: the refund's line: %r", channel, line(sid, otn, "refund"))


@test
def a_refund_the_gateway_never_confirms_is_failed_then_the_statement_confirms_it():
    # WeChat Pay makes the refund but says PROCESSING to every ask (its
    # bank's hours); the job asks until it gives up, the refund is failed,
    # staff, owner and manager are told; the next statement shows the
    # refund made, and it is recorded refunded, once.
    control({"refund_processing": True})
    try:
        otn, c = pay_through("wechat", "9栋")
        rid = sql1("SELECT r.id FROM receipts r JOIN payments p ON p.id = r.payment_id"
                   " WHERE p.note = 'online order %s'" % otn)
        check(void_receipt(staff("zuzhang"), rid, "业主重复缴费，原路退回").status == 303,
              "the void")
        fid = sql1("SELECT f.id FROM pay_refunds f JOIN pay_orders o ON o.id = f.order_id"
                   " WHERE o.out_trade_no = '%s'" % otn)
        job = "kind = 'payorder.refund' AND ref_id = %s" % fid
        check(sql1("SELECT max_attempts FROM jobs WHERE " + job) == "24",
              "the refund is asked 24 times (about 17 hours), not %s",
              sql1("SELECT max_attempts FROM jobs WHERE " + job))
        check(wait_for(lambda: int(sql1("SELECT attempts FROM jobs WHERE " + job)) >= 1
                       and sql1("SELECT status FROM jobs WHERE " + job) == "queued", 30),
              "the refund was never asked: %r", sql("SELECT * FROM jobs WHERE " + job))
        check(sql1("SELECT status FROM pay_refunds WHERE id = %s" % fid) == "requested",
              "a PROCESSING answer is not a refund")
        # the hours pass: the job's last attempt is now
        sql("UPDATE jobs SET max_attempts = attempts + 1, run_after = NOW(6) WHERE " + job)
        check(wait_for(lambda: sql1("SELECT status FROM pay_refunds WHERE id = %s" % fid)
                       == "failed", 30),
              "the refund never failed: %r", sql("SELECT status, last_error FROM jobs WHERE "
                                                 + job))
        check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'payorder.refund_failed'"
                   " AND entity_id = %s" % fid) == "1", "no audit row for the failure")
        page = staff("zuzhang").get("/staff/receipts/%s" % rid)
        check('data-refund="failed"' in page.body and "原路退款未成功" in page.body,
              "the receipt does not say the refund failed")
        check('data-refund="failed"' in c.get("/payments").body,
              "the owner is not told the refund failed")
        boss = staff("jingli").get("/staff/reconcile?estate=1")
        check("需要您处理的退款" in boss.body and otn in boss.body and
              'data-refund="failed"' in boss.body,
              "the manager's page does not list the failed refund")
        # the gateway's statement shows it made: recorded refunded, once
        sid = ask_today("wechat")
        amount = sql1("SELECT amount_fen FROM pay_orders WHERE out_trade_no = '%s'" % otn)
        check(line(sid, otn, "refund") == ("credited", amount, amount),
              "the refund's line: %r", line(sid, otn, "refund"))
        check(sql1("SELECT status FROM pay_refunds WHERE id = %s" % fid) == "refunded" and
              sql1("SELECT status FROM pay_orders WHERE out_trade_no = '%s'" % otn)
              == "refunded", "the statement did not confirm the refund")
        check('data-refund="refunded"' in c.get("/payments").body,
              "the owner is not told the refund was made")
        check(otn not in staff("jingli").get("/staff/reconcile?estate=1").body,
              "the manager is still asked to handle it")
        sid = ask_today("wechat")
        check(line(sid, otn, "refund") == ("matched", amount, amount) and
              sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'payorder.refund'"
                   " AND entity_id = %s" % fid) == "1", "confirmed twice")
    finally:
        control({})


@test
def the_manager_asks_for_a_day_and_is_told_plainly_what_is_wrong():
    boss = staff("jingli")
    page = boss.get("/staff/reconcile?estate=1")
    check(page.status == 200 and "核对某一天" in page.body, "the page: %r", page)
    today = sql1("SELECT CURDATE()")
    r = boss.post("/staff/reconcile", {"csrf": page.csrf(), "estate": "1", "day": today,
                                       "channel": ""})
    check(r.status == 400 and "次日上午" in r.body, "today: %r", r)
    long_ago = sql1("SELECT CURDATE() - INTERVAL 100 DAY")
    r = boss.post("/staff/reconcile", {"csrf": page.csrf(), "estate": "1", "day": long_ago,
                                       "channel": "unionpay"})
    check(r.status == 400 and "近三个月" in r.body, "100 days back: %r", r)
    r = boss.post("/staff/reconcile", {"csrf": page.csrf(), "estate": "1", "day": "昨天"})
    check(r.status == 400, "not a date: %r", r)
    r = boss.post("/staff/reconcile", {"csrf": page.csrf(), "day": today})
    check(r.status == 400 and "请选择小区" in r.body, "no estate: %r", r)
    r = boss.post("/staff/reconcile", {"csrf": page.csrf(), "estate": "2", "day": today})
    check(r.status == 404, "another estate's: %r", r)
    before = sql1("SELECT COUNT(*) FROM pay_statement_runs")
    yesterday = sql1("SELECT CURDATE() - INTERVAL 1 DAY")
    r = boss.post("/staff/reconcile", {"csrf": page.csrf(), "estate": "1",
                                       "day": yesterday, "channel": ""})
    check(r.status == 303 and "asked=1" in (r.header("Location") or ""), "asked: %r", r)
    check(int(sql1("SELECT COUNT(*) FROM pay_statement_runs")) == int(before) + 3,
          "not one run per channel of the estate")
    check(wait_for(lambda: sql1("SELECT COUNT(*) FROM pay_statements WHERE estate_id = 1"
                                " AND bill_date = '%s' AND status = 'done'" % yesterday)
                   == "3", 30),
          "yesterday's statements: %r", sql("SELECT channel, status, error FROM"
                                           " pay_statements WHERE bill_date = '%s'"
                                           % yesterday))
    page = boss.get("/staff/reconcile?estate=1")
    check(page.body.count('data-status="done"') >= 3, "the list does not show them")
    check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'reconcile.ask'") != "0",
          "no audit row")
    # a collector has no such page
    # no such page for a collector: 404 (issue 12, who sees what)
    check(staff("shoufei1").get("/staff/reconcile?estate=1").status == 404,
          "a collector reads the statements")


@test
def an_online_payment_with_no_order_is_the_ledgers_alone_not_matched():
    # A new user's trial: a demo day of ¥160,000 of online receipts read
    # "一致" against a statement that had none of them - those payments
    # (the demo's history, as if imported) have no payment order.
    day, n, fen = sql("SELECT DATE(p.paid_at), COUNT(*), SUM(p.amount_fen) FROM payments p"
                      " WHERE p.estate_id = 1 AND p.channel = 'wechat' AND p.amount_fen > 0"
                      " AND p.reverses_id IS NULL AND p.paid_at >= CURDATE() - INTERVAL 30 DAY"
                      " AND p.paid_at < CURDATE()"
                      " AND NOT EXISTS (SELECT 1 FROM pay_orders o WHERE o.payment_id = p.id)"
                      " GROUP BY DATE(p.paid_at) ORDER BY DATE(p.paid_at) DESC LIMIT 1")[0]
    boss = staff("jingli")
    page = boss.get("/staff/reconcile?estate=1")
    r = boss.post("/staff/reconcile", {"csrf": page.csrf(), "estate": "1", "day": day,
                                       "channel": "wechat"})
    check(r.status == 303, "asked: %r", r)
    sid = sql1("SELECT s.id FROM pay_statements s JOIN pay_accounts a ON a.id = s.account_id"
               " WHERE s.estate_id = 1 AND a.channel = 'wechat' AND s.bill_date = '%s'" % day)
    check(wait_for(lambda: sql1("SELECT status FROM pay_statements WHERE id = %s" % sid)
                   == "done", 30), "not matched")
    got = sql("SELECT COUNT(*), COALESCE(SUM(ledger_fen), 0) FROM pay_statement_lines"
              " WHERE statement_id = %s AND result = 'ledger_only' AND out_trade_no = ''" % sid)[0]
    check(got == [n, fen], "ledger-only lines %r, the ledger has %s payments, %s fen",
          got, n, fen)
    detail = boss.get("/staff/reconcile/%s" % sid)
    check("无支付订单" in detail.body and "本日网关与本系统逐笔一致" not in detail.body,
          "the day's page: %s", detail.body[:300])

