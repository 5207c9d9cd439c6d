"""test_demo_time.py - the demo never writes the future (issue 7, kind 11).

Nothing scripts/demo.py writes is later than the moment it is loaded, and
receipt numbers follow time order per estate and year. The first test
reads the database as scripts/stack.sh loaded it (this module runs first,
before any test adds rows); the second makes a real receipt after the
demo's and checks that it still sorts last; the third runs the generator
at a fixed early-morning moment of a billing day, when the old demo wrote
that day's payments and bills at 06:00 to 19:59 - later than the moment."""

import datetime
import os
import re
import subprocess

from lib import DB, ROOT, VAR, check, owner, sql, sql1, staff, test

CST = datetime.timezone(datetime.timedelta(hours=8))


def loaded_at():
    """When stack.sh finished loading the demo: it writes demo-loaded
    right after the load, so everything loaded is no later."""
    t = os.stat(os.path.join(VAR, "demo-loaded")).st_mtime
    return datetime.datetime.fromtimestamp(t, CST).replace(tzinfo=None)


# Times that are in the future by design: when the worker is to look at a
# scheduled job, a retry or a lease next (sql/016), or an open service
# request's deadline (sql/034), not when anything was.
SCHEDULING = {("job_schedule", "next_at"), ("jobs", "run_after"),
              ("jobs", "lease_until"), ("outbox", "next_at"),
              ("outbox", "lease_until"), ("service_requests", "due_at")}


# What the worker writes of its own accord from its first second (it
# starts as soon as the database is set up): the day's statements asked
# for, their jobs, messages planned - not the demo's.
WORKER_OWN = {"jobs", "job_schedule", "pay_statements", "pay_statement_runs",
              "pay_statement_lines", "outbox", "outbox_attempts"}


def time_columns():
    return [c for c in sql("SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS"
               " WHERE TABLE_SCHEMA = '%s'" % DB +
               " AND DATA_TYPE IN ('datetime', 'timestamp')"
               " ORDER BY TABLE_NAME, COLUMN_NAME")
            if tuple(c) not in SCHEDULING and c[0] not in WORKER_OWN]


def receipts_out_of_order():
    """Receipts whose number comes after a receipt issued later, in the
    same estate and year."""
    return sql("SELECT number, issued_at, prev_number, prev_at FROM"
               " (SELECT number, issued_at,"
               "  LAG(number) OVER w AS prev_number, LAG(issued_at) OVER w AS prev_at"
               "  FROM receipts WINDOW w AS (PARTITION BY estate_id, year ORDER BY seq)) x"
               " WHERE prev_at > issued_at LIMIT 5")


@test
def nothing_the_demo_loaded_is_later_than_its_load():
    # (to the microsecond: rows the load's triggers stamp with NOW(6) in
    # its last second are no later than the load)
    bound = loaded_at().strftime("%Y-%m-%d %H:%M:%S.%f")
    cols = time_columns()
    check(len(cols) > 20, "only %d time columns found", len(cols))
    later = []
    for table, col in cols:
        n = int(sql1("SELECT COUNT(*) FROM `%s` WHERE `%s` > '%s'" % (table, col, bound)))
        if n:
            later.append("%s.%s: %d rows, the latest %s" % (
                table, col, n, sql1("SELECT MAX(`%s`) FROM `%s`" % (col, table))))
    check(not later, "later than the load at %s: %s", bound, "; ".join(later))
    check(not receipts_out_of_order(), "receipt numbers out of time order: %r",
          receipts_out_of_order())


@test
def a_receipt_taken_after_the_demo_is_numbered_and_dated_after_it():
    # imported here: importing it at the top would register its tests
    # before this module's, which must run before any other
    from test_money import pay, receipt_id
    # a household of the second estate that owes nothing past due
    pid = sql1("SELECT b.premises_id FROM bills b WHERE b.estate_id = 2"
               " AND b.status = 'unpaid' AND NOT EXISTS (SELECT 1 FROM bills x"
               " WHERE x.premises_id = b.premises_id AND x.status IN ('unpaid', 'partial')"
               " AND x.due_date < CURDATE()) ORDER BY b.premises_id LIMIT 1")
    check(pid, "no household to pay")
    r = pay(staff("cuihu1"), pid, "1.00")
    check(r.status == 303, "%r", r)
    rid = receipt_id(r)
    seq, year = sql("SELECT seq, year FROM receipts WHERE id = %d" % rid)[0]
    check(sql1("SELECT MAX(seq) FROM receipts WHERE estate_id = 2 AND year = %s" % year)
          == seq, "the new receipt is not the last number")
    check(not receipts_out_of_order(), "receipt numbers out of time order: %r",
          receipts_out_of_order())


@test
def the_demo_generator_writes_nothing_after_its_moment():
    # 05:00 on the 1st of this month: this morning's billing run (06:00)
    # and the day's payments have not happened yet
    moment = datetime.datetime.now(CST).replace(day=1, hour=5, minute=0, second=0,
                                                microsecond=0, tzinfo=None)
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    out = subprocess.run(
        ["python3", os.path.join(ROOT, "scripts", "demo.py"), "x"], check=True,
        capture_output=True, text=True,
        env=dict(os.environ, PROPFEE_NOW=text, PROPFEE_TODAY=moment.date().isoformat())
    ).stdout
    stamps = re.findall(r"'(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)'", out)
    check(len(stamps) > 10000, "only %d timestamps written", len(stamps))
    later = sorted(s for s in stamps if s > text)
    check(not later, "%d timestamps after %s, up to %s", len(later), text,
          later[-1] if later else "")
    # receipts: (id, estate, year, seq, number, payment, code, issued_at, ...)
    last = {}
    for estate, year, seq, at in re.findall(
            r"^\(\d+, (\d+), (\d+), (\d+), '[^']*', \d+, '[0-9a-f]+', '([^']*)'", out, re.M):
        key = (estate, year)
        check(key not in last or (last[key][0] < int(seq) and last[key][1] <= at),
              "receipt %s-%s-%s at %s after one at %s", estate, year, seq, at,
              last.get(key, ("", ""))[1])
        last[key] = (int(seq), at)
    check(last, "no receipts written")


@test
def the_demo_owner_who_pays_a_year_ahead_holds_a_year_on_any_day():
    # README and make run's banner: 13800000003 pays a year ahead. The old
    # demo paid only to the end of this year, so in December the home
    # page showed no prepaid balance at all (a new user's trial, 12-01).
    body = owner("13800000003").get("/").body
    m = re.search(r'<p class="prepaid">[^<]*约可抵扣至 (\d{4})年(\d{1,2})月', body)
    check(m, "the home page shows no prepaid balance")
    today = datetime.datetime.now(CST)
    ahead = (int(m.group(1)) * 12 + int(m.group(2))) - (today.year * 12 + today.month)
    check(ahead >= 12, "prepaid to %s年%s月: %d months ahead", m.group(1), m.group(2), ahead)
