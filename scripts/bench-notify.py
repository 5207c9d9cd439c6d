#!/usr/bin/env python3
"""bench-notify.py - payment notifications per second, one payment each
(issue 10; make bench runs it, scripts/bench.sh).

usage: bench-notify.py VAR DATABASE PORT [N [CONCURRENCY]]

Opens N online orders (Alipay, 预存 of ¥1.00 each, one per household of
the database's first estates, as the pay page would have) by SQL, signs
each one's TRADE_SUCCESS notification with the sandbox gateway's key (as
the gateway signs it) and sends them to the stack's /notify/alipay,
CONCURRENCY at a time; prints notifications per second, p50 and p99 of
the answers (WeChat Pay allows 5 s), and checks every one answered
"success" and made exactly one payment.
"""

import importlib.machinery
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import http.client

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    var, db, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
    conc = int(sys.argv[5]) if len(sys.argv) > 5 else 16
    sandbox = importlib.machinery.SourceFileLoader(
        "sandbox_pay", os.path.join(ROOT, "scripts", "propfee-sandbox-pay")).load_module()

    def sql(q):
        out = subprocess.run(["mariadb", "--defaults-file=" + os.path.join(var, "my.cnf"),
                              "-uroot", db, "-N", "-B", "-e", q],
                             check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines()]

    with open(os.path.join(var, "propfee.conf")) as f:
        url = [line.strip().split("=", 1)[1] for line in f
               if line.startswith("sandbox_url=")][-1]
    run = "B%013d" % int(time.time() * 1000 % 10 ** 13)
    # an Alipay account (the sandbox's keys) for every estate without one
    sql("INSERT INTO pay_accounts (estate_id, channel, merchant_id, app_id, gateway_url,"
        " key_dir, created_at) SELECT e.id, 'alipay', CONCAT('2088', LPAD(e.id, 12, '0')),"
        " CONCAT('2021', LPAD(e.id, 12, '0')), '%s', 'sandbox-alipay', NOW() FROM estates e"
        " WHERE NOT EXISTS (SELECT 1 FROM pay_accounts a WHERE a.estate_id = e.id"
        " AND a.channel = 'alipay')" % url)
    sql("INSERT INTO pay_orders (estate_id, premises_id, owner_id, out_trade_no, kind,"
        " months, amount_fen, channel, status, opened_at, created_at, expires_at)"
        " SELECT p.estate_id, p.id, po.owner_id, CONCAT('%s', LPAD(p.id, 12, '0')),"
        " 'prepay', 1, 100, 'alipay', 'paying', NOW(6), NOW(6), NOW(6) + INTERVAL 1 HOUR"
        " FROM premises p JOIN premises_owners po ON po.premises_id = p.id"
        " AND po.is_primary = 1 ORDER BY p.id LIMIT %d" % (run, n))
    orders = sql("SELECT o.out_trade_no, a.app_id, a.merchant_id FROM pay_orders o"
                 " JOIN pay_accounts a ON a.estate_id = o.estate_id AND a.channel = 'alipay'"
                 " WHERE o.out_trade_no LIKE '%s%%'" % run)
    bodies = []
    for otn, app, seller in orders:
        p = sandbox.sign_alipay(var, {
            "notify_time": "2026-12-01 10:00:00", "notify_type": "trade_status_sync",
            "notify_id": "bench" + otn, "app_id": app, "charset": "utf-8",
            "version": "1.0", "trade_no": "2026" + otn, "out_trade_no": otn,
            "trade_status": "TRADE_SUCCESS", "total_amount": "1.00",
            "seller_id": seller})
        bodies.append(urllib.parse.urlencode(p))
    lat, bad = [], []
    lock = threading.Lock()
    todo = list(range(len(bodies)))

    def worker():
        h = None
        while True:
            with lock:
                if not todo:
                    break
                i = todo.pop()
            t0 = time.monotonic()
            try:
                h = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                h.request("POST", "/notify/alipay", body=bodies[i], headers={
                    "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
                r = h.getresponse()
                ans = (r.status, r.read().decode())
            except OSError as e:
                ans = (0, str(e))
            finally:
                if h is not None:
                    h.close()
            with lock:
                lat.append(time.monotonic() - t0)
                if ans != (200, "success"):
                    bad.append(ans)

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(conc)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - start
    lat.sort()
    paid = int(sql("SELECT COUNT(*) FROM pay_orders WHERE out_trade_no LIKE '%s%%'"
                   " AND status = 'paid' AND payment_id IS NOT NULL" % run)[0][0])
    print("notify: %d notifications, %d at once: %.0f/s, p50 %.1f ms, p99 %.1f ms,"
          " max %.1f ms; %d not success; %d orders paid, one payment each"
          % (len(lat), conc, len(lat) / took, lat[len(lat) // 2] * 1000,
             lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000, lat[-1] * 1000,
             len(bad), paid))
    if bad or paid != len(orders):
        print("notify: FAILED: %r" % bad[:5])
        sys.exit(1)


if __name__ == "__main__":
    main()
