#!/usr/bin/env python3
"""run.py - runs the HTTP tests against the stack scripts/test.sh started.

Modules run in the order below (the first reads the demo as it was
loaded, so it goes first; the last ones stop the database or lock
addresses, so they go last). Prints one TAP-style line per test and exits
non-zero if any failed.
"""

import importlib
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import lib  # noqa: E402

MODULES = [
    "test_demo_time",
    "test_static",
    "test_security",
    "test_owner",
    "test_staff",
    "test_money",
    "test_board",
    "test_redirects",
    "test_routes",
    "test_kpi_asat",
    "test_faults",
    "test_prg",
    "test_waivers",
    "test_receipt_text",
    "test_csv_upload",
    "test_db_limits",
    "test_nginx",
    "test_collector_pages",
    "test_lead_pages",
    "test_owner_pages",
    "test_books",
    "test_worker",
    "test_transport",
    "test_stack",
    "test_twohosts",
    "test_supervise",
    "test_threads",
    "test_user_flows",
    "test_trial_money",
    "test_outage",
]


def main():
    only = sys.argv[1:]
    for m in MODULES:
        importlib.import_module(m)
    failed = 0
    for fn in lib.TESTS:
        name = "%s.%s" % (fn.__module__, fn.__name__)
        if only and not any(o in name for o in only):
            continue
        try:
            fn()
            print("ok - %s" % name, flush=True)
        except Exception as e:  # noqa: BLE001 - report every kind of failure
            failed += 1
            detail = str(e) or e.__class__.__name__
            if not isinstance(e, AssertionError):
                detail = traceback.format_exc().strip().splitlines()[-1]
            print("not ok - %s: %s" % (name, detail[:500]), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
