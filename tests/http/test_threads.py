"""test_threads.py - requests handled at the same time by the program's
worker threads must not see each other's state (issue 9, safety nets).

make tsan runs these (and the whole HTTP suite) against programs built
with ThreadSanitizer, which reports any unsynchronised access between two
threads even when the outputs happen to come out right; here, without it,
each test checks every output it gets."""

import csv
import io
import threading

from lib import Client, check, sql, staff, test

EXPORT = "/staff/arrears.csv?estate=1&all=1&sort=%s"


def board_rows(body):
    """(months overdue, fen owed) of each row of an arrears export."""
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    check(rows and rows[0][6] == "逾期月数" and rows[0][7] == "逾期欠费（元）",
          "export header %r", rows[:1])
    return [(int(r[6]), int(r[7].replace(".", ""))) for r in rows[1:]]


def in_order(rows, sort):
    """Whether rows follow the board's order for sort (most first)."""
    keys = [fen for _, fen in rows] if sort == "amount" else rows
    return all(a >= b for a, b in zip(keys, keys[1:]))


def at_once(nthreads, fn):
    """Runs fn(i) in nthreads threads at once; re-raises the first error."""
    errors = []

    def run(i):
        try:
            fn(i)
        except Exception as e:  # noqa: BLE001 - reported by the caller
            errors.append(e)
    threads = [threading.Thread(target=run, args=(i,)) for i in range(nthreads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


@test
def concurrent_board_exports_each_keep_their_own_sort():
    # The order a request asked for was once a file-scope flag shared by
    # every thread: 1 in 640 concurrent sort=amount exports came back
    # sorted by months.
    lead = staff("zuzhang")
    by_amount = board_rows(lead.get(EXPORT % "amount").body)
    by_months = board_rows(lead.get(EXPORT % "months").body)
    check(len(by_amount) > 20 and sorted(by_amount) == sorted(by_months),
          "the two exports list different households")
    check(in_order(by_amount, "amount") and in_order(by_months, "months"),
          "an export alone is out of order")
    # Otherwise a mixed-up export could not be told from a right one.
    check(not in_order(by_months, "amount"),
          "the demo's two orders are the same: this test could not fail")
    got = []

    def export(i):
        c = Client()
        c.cookies = dict(lead.cookies)
        for k in range(12):
            sort = ("amount", "months")[(i + k) % 2]
            r = c.get(EXPORT % sort)
            check(r.status == 200, "export %s: %r", sort, r)
            got.append((sort, board_rows(r.body)))
    at_once(8, export)
    check(len(got) == 96, "%d exports of 96", len(got))
    wrong = [sort for sort, rows in got if not in_order(rows, sort)]
    check(not wrong, "%d of 96 concurrent exports out of order (asked %r)",
          len(wrong), wrong[:5])


@test
def concurrent_receipt_pdfs_are_each_whole():
    # Receipts are drawn one at a time by the renderer (propfee-pdf),
    # each over a connection of its own: many at once from both
    # programs' threads must each come out whole.
    lead = staff("zuzhang")
    ids = [int(i) for (i,) in sql(
        "SELECT id FROM receipts WHERE estate_id = 1 ORDER BY id LIMIT 4")]
    check(len(ids) == 4, "receipts %r", ids)
    got = []

    def draw(i):
        c = Client()
        c.cookies = dict(lead.cookies)
        for k in range(3):
            rid = ids[(i + k) % len(ids)]
            r = c.get("/staff/receipts/%d.pdf" % rid)
            check(r.status == 200 and r.header("Content-Type") == "application/pdf",
                  "receipt %d: %r", rid, r)
            got.append(r.raw)
    at_once(6, draw)
    check(len(got) == 18, "%d PDFs of 18", len(got))
    check(all(p.startswith(b"%PDF-") and p.rstrip().endswith(b"%%EOF") for p in got),
          "a PDF is cut short")
