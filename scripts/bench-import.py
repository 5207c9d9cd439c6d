#!/usr/bin/env python3
"""bench-import.py - the historical payments file of an estate's import
(issue 13) at its size limit, 20,000 rows (make bench runs it,
scripts/bench.sh).

usage: bench-import.py VAR DATABASE PORT SESSION [N]

Makes a new estate (its code from the clock) with a fee item, and imports
into it through /staff/import as the page posts, with the admin's staff
session SESSION (the pf_s cookie): N premises, one opening bill of each
(the arrears file), then N payments, each paying half of a bill - the
payments file checked (a dry run), imported, and imported again (which
changes nothing). Prints each POST's time and rows a second and checks
that the import made N payments, N allocations and N receipts numbered
without gaps. Payments are never deleted (002_money_guards.sql): each run
leaves its estate, as scripts/bench-notify.py leaves its payments.
"""

import http.client
import os
import re
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    var, db, port, session = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    n = int(sys.argv[5]) if len(sys.argv) > 5 else 20000

    def sql(q):
        out = subprocess.run(["mariadb", "--defaults-file=" + os.path.join(var, "my.cnf"),
                              "-uroot", db, "-N", "-B", "-e", q],
                             check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines()]

    def post(estate, kind, mode, data):
        """One POST of the import form; (seconds, status)."""
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        c.request("GET", "/staff/import?estate=%s" % estate,
                  headers={"Cookie": "pf_s=" + session})
        page = c.getresponse().read().decode()
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        token = re.search(r'id="import-%s".*?name="form_token" value="([0-9a-f]+)"' % kind,
                          page, re.S).group(1)
        b = b"----propfee-bench"
        body = b""
        for k, v in (("csrf", csrf), ("form_token", token), ("estate", str(estate)),
                     ("kind", kind), ("mode", mode)):
            body += b"--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (
                b, k.encode(), v.encode())
        body += (b"--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s.csv\""
                 b"\r\nContent-Type: text/csv\r\n\r\n" % (b, kind.encode()))
        body += data + b"\r\n--%s--\r\n" % b
        t0 = time.monotonic()
        c.request("POST", "/staff/import", body=body, headers={
            "Cookie": "pf_s=" + session,
            "Content-Type": "multipart/form-data; boundary=" + b.decode()})
        r = c.getresponse()
        r.read()
        took = time.monotonic() - t0
        c.close()
        return took, r.status

    code = "BI%d" % (time.time() * 1000 % 10 ** 10)
    sql("INSERT INTO estates (code, name, service_centre) VALUES ('%s', '导入基准%s',"
        " '服务中心')" % (code, code))
    estate = sql("SELECT id FROM estates WHERE code = '%s'" % code)[0][0]
    sql("INSERT INTO fee_items (estate_id, code, name, basis) VALUES (%s, 'WYF', '物业费',"
        " 'area')" % estate)
    prem = ["房屋编号,楼栋,单元,房号,楼层,建筑面积,类型"]
    bills = ["账单编号,房屋编号,收费项目,账期,月数,金额,到期日"]
    pays = ["缴费编号,房屋编号,账单编号,金额,缴费日期,方式,缴费人"]
    ways = ("现金", "POS", "微信", "支付宝", "银联")
    for i in range(n):
        prem.append("H%05d,%d栋,%d,%d%02d,%d,%d.%02d,常住" % (
            i, i // 400 + 1, i // 100 % 4 + 1, i % 100 // 4 + 1, i % 4 + 1,
            i % 100 // 4 + 1, 60 + i % 90, i % 100))
        bills.append("B%05d,H%05d,物业费,2025-06,1,%d.00,2025-07-15" % (i, i, 100 + 2 * (i % 50)))
        pays.append("R%05d,H%05d,B%05d,%d.00,2025-07-%02d,%s,业主%d" % (
            i, i, i, 50 + i % 50, 1 + i % 28, ways[i % 5], i))
    files = [("\r\n".join(x) + "\r\n").encode() for x in (prem, bills, pays)]
    out = []
    for kind, data in (("premises", files[0]), ("arrears", files[1])):
        t, s = post(estate, kind, "import", data)
        if s != 303:
            sys.exit("bench-import: the %s file: HTTP %d" % (kind, s))
    ct, cs = post(estate, "payments", "check", files[2])
    it, ist = post(estate, "payments", "import", files[2])
    at, ast = post(estate, "payments", "import", files[2])
    made = sql("SELECT (SELECT COUNT(*) FROM payments WHERE estate_id = %s),"
               " (SELECT COUNT(*) FROM allocations WHERE estate_id = %s),"
               " (SELECT COUNT(*) FROM receipts WHERE estate_id = %s),"
               " (SELECT COALESCE(MAX(seq), 0) FROM receipts WHERE estate_id = %s),"
               " (SELECT COUNT(*) FROM bills WHERE estate_id = %s AND status = 'partial')"
               % ((estate,) * 5))[0]
    ok = made == [str(n)] * 5
    out.append("Historical payments (issue 13), %d rows (%d bytes, UTF-8) into a new estate"
               " (%s), one POST each:" % (n, len(files[2]), code))
    out.append("  check (dry run, nothing written): %.2f s, %.0f rows/s, HTTP %d" % (
        ct, n / ct, cs))
    out.append("  import (payments, allocations, receipts, the bills' status; one"
               " transaction): %.2f s, %.0f rows/s, HTTP %d" % (it, n / it, ist))
    out.append("  the same file again (changes nothing): %.2f s, HTTP %d" % (at, ast))
    out.append("  made: %s payments, %s allocations, %s receipts (last number %s), %s bills"
               " partly paid: %s" % (tuple(made) + ("right" if ok else "WRONG",)))
    out.append("  target: 20,000 rows in seconds: %s" % (
        "met" if ok and ist == 303 and it < 10 else "MISSED"))
    print("\n".join(out))


if __name__ == "__main__":
    main()
