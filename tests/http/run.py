#!/usr/bin/env python3
"""run.py - runs the HTTP tests against a stack scripts/test.sh started.

scripts/test.sh runs the lanes below side by side, each against a
database of its own (a copy of the demo company, loaded fresh for the
run) and app host of its own, so that no module sees another's changes
while it runs; within a lane the modules run in the order given. Lane
"main" is the stack itself (https, the unix sockets, MariaDB's folder, a
second app host); lane "last" runs on it after every other lane has
finished, since its modules kill or stop the processes every lane shares
(MariaDB among them).

usage: run.py [--lane NAME] [SUBSTRING ...]
Without --lane, every module in the order of the lanes (one stack).
Prints one TAP-style line per test, then "# done: N tests"; exits
non-zero if any failed.
"""

import importlib
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import lib  # noqa: E402

LANES = [
    # The stack itself: the first module reads the demo as it was loaded.
    ("main", ["test_demo_time", "test_static", "test_security", "test_stack",
              "test_transport", "test_twohosts", "test_db_limits", "test_access",
              "test_import", "test_import_payments"]),
    ("a", ["test_owner", "test_staff", "test_board", "test_redirects",
           "test_routes", "test_faults", "test_prg", "test_waivers",
           "test_msg_adapters", "test_login_codes", "test_pay_trial",
           "test_requests", "test_enquiries", "test_service_report",
           "test_performance", "test_team",
           # issue 13: hardship deferral, late fees (last: it plans the
           # estate's reminders for whole days)
           "test_late_fees",
           "test_deferral"]),
    # The sandbox gateway's /_control is one for all lanes: the modules
    # that set it (test_pay_online, test_reconcile, test_trial_money) run
    # in lane b, one after another.
    ("b", ["test_kpi_asat", "test_receipt_text", "test_csv_upload", "test_nginx",
           "test_collector_pages", "test_lead_pages", "test_owner_pages",
           "test_books", "test_money", "test_pay_online", "test_reconcile",
           "test_pay_words", "test_worker",
           "test_threads", "test_messages_pages", "test_user_flows", "test_trial_money",
           "test_custody", "test_elderly"]),
    # After every other lane, on the stack: these kill and stop what all
    # lanes share.
    ("last", ["test_pay_crash", "test_supervise", "test_outage", "test_messages",
              # a backup of the quiet stack, restored beside it
              "test_backup"]),
]


def main():
    args = sys.argv[1:]
    lanes = [name for name, _ in LANES]
    failed = ran = 0
    if args[:1] == ["--lane"]:
        if len(args) < 2 or args[1] not in lanes:
            sys.exit("run.py: --lane is one of %s" % ", ".join(lanes))
        lanes, args = [args[1]], args[2:]
    here = os.path.dirname(os.path.abspath(__file__))
    laned = {m for _, modules in LANES for m in modules}
    for f in sorted(os.listdir(here)):
        if f.startswith("test_") and f.endswith(".py") and f[:-3] not in laned:
            print("not ok - run.py: %s is in no lane (LANES)" % f, flush=True)
            failed += 1
    chosen = [m for name, modules in LANES if name in lanes for m in modules]
    for m in chosen:
        importlib.import_module(m)
    # (a module may import another's helpers, registering its tests too)
    for fn in sorted(lib.TESTS, key=lambda fn: chosen.index(fn.__module__)
                     if fn.__module__ in chosen else -1):
        name = "%s.%s" % (fn.__module__, fn.__name__)
        if fn.__module__ not in chosen:
            continue
        if args and not any(o in name for o in args):
            continue
        ran += 1
        try:
            fn()
            print("ok - %s" % name, flush=True)
        except Exception as e:  # noqa: BLE001 - report every kind of failure
            failed += 1
            detail = str(e) or e.__class__.__name__
            if not isinstance(e, AssertionError):
                detail = traceback.format_exc().strip().splitlines()[-1]
            print("not ok - %s: %s" % (name, detail[:500]), flush=True)
    print("# done: %d tests" % ran, flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
