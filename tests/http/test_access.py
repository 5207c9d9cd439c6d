"""test_access.py - who sees what in the back office (issue 12, "Who sees
what": personal data on a need-to-know basis, as China's PIPL asks).

Two tables written here from the issue and DOMAIN.md's "Who uses it",
never read back from the program (cgi-bin/staff/main.c's routes and
cgi-bin/core/access.c's role x data table):

ROUTES: every route of the staff program for every staff role. A cell is
one request: GET as is, POST with the session's own CSRF token and an
empty form (so a page that lets the role in answers 400, 404, 409 or 303
and changes nothing: checked). "y" the role may use it; "-" it may not:
a GET answers 404, as a page that does not exist (like another owner's
bill in the portal), a POST 403 "您的岗位没有权限访问此页面。". Every GET
names records that exist, so a 404 is the refusal, not a missing record.
An owner's session and no session are no login here (GET: 303 to the
login page, POST: 403 登录已过期); public routes answer everyone.

SIGHT: for the pages that show owners' personal data, what each role
sees of a demo owner's phone (full, masked as 138****0002, or nothing),
case files, ages: a collector sees the phones and case files of the
households assigned to them, a masked phone elsewhere; customer service
contacts but no case file; engineering no owner's phone, ledger or case
file; team leads and managers all, and only they close case files.
"""

import csv
import io
import re

from lib import Client, check, owner, sql, sql1, staff, test

STAFF = ["collector", "team_lead", "customer_service", "engineering",
         "manager", "admin"]
LOGINS = {"collector": "shoufei1", "team_lead": "zuzhang",
          "customer_service": "kefu", "engineering": "gongcheng",
          "manager": "jingli", "admin": "admin"}

# Columns: collector (收费员), team lead (组长), customer service (客服),
# engineering (工程部), manager (经理), admin (系统管理员; not in
# DOMAIN.md: set-up and every report, no money actions). Why each row is
# so, from DOMAIN.md and issue 12 unless it says otherwise:
ROUTES = """
#                                       col lead cs eng mgr adm
GET  /staff/healthz                     pub
GET  /staff/login                       pub
POST /staff/login                       pub
POST /staff/logout                      y   y    y  y   y   y
GET  /staff/                            y   y    y  y   y   y    lands on the first page the role may open
GET  /staff/households                  y   y    y  -   y   y    the ledger: owners' names, phones, money - not engineering's
GET  /staff/households/{hh}             y   y    y  -   y   y
GET  /staff/bills/{bill}                y   y    y  -   y   y
GET  /staff/credits                     y   y    y  -   y   y    hardship credits: not engineering's
GET  /staff/households/{hh}/case        y   y    -  -   y   y    case files: the fee team (admin reads every report); not CS, not engineering
GET  /staff/households/{hh}/pay         y   y    -  -   y   -    collectors record payments (and their lead, the manager)
POST /staff/households/{hh}/pay         y   y    -  -   y   -
POST /staff/bills/{bill}/waive          -   -    -  -   y   -    a bill is waived by a manager
GET  /staff/receipts                    y   y    y  -   y   y    who takes, voids, answers for or reports on receipts
GET  /staff/receipts.csv                y   y    y  -   y   y
GET  /staff/receipts/{receipt}          y   y    y  -   y   y
GET  /staff/receipts/{receipt}.pdf      y   y    y  -   y   y
POST /staff/receipts/{receipt}/void     -   y    -  -   y   -    a team lead or manager approves a void
POST /staff/receipts/{receipt}/void-requests y y -  -   y   -    a collector asks (a lead or manager for their own payment)
POST /staff/void-requests/{vreq}/approve -  y    -  -   y   -    ...a team lead or manager approves or refuses
POST /staff/void-requests/{vreq}/refuse -   y    -  -   y   -
GET  /staff/meters                      y   y    -  y   y   -    meter readings: collectors and engineering (no owner's data)
POST /staff/meters                      y   y    -  y   y   -
POST /staff/meters/upload               y   y    -  y   y   -
GET  /staff/meters/template.csv         y   y    -  y   y   -
GET  /staff/households/{hh}/credits/new y   y    y  -   y   -    staff log an owner's hours
POST /staff/households/{hh}/credits     y   y    y  -   y   -
POST /staff/credits/{credit}/approve    -   -    -  -   y   -    a manager approves service-exchange credits
POST /staff/credits/{credit}/reject     -   -    -  -   y   -
GET  /staff/deferrals                   y   y    y  -   y   y    hardship deferrals (issue 13): logged as credits are...
GET  /staff/households/{hh}/deferrals/new y y    y  -   y   -
POST /staff/households/{hh}/deferrals   y   y    y  -   y   -
POST /staff/deferrals/{dfr}/approve     -   -    -  -   y   -    ...a manager decides
POST /staff/deferrals/{dfr}/reject      -   -    -  -   y   -
GET  /staff/deferrals/{dfr}/photo       -   -    -  -   -   -    no such deferral here: 404 for all (test_deferral: its photo)
GET  /staff/fees                        -   -    -  -   y   y    the manager sets fee rates (admin: set-up)
POST /staff/fees/items                  -   -    -  -   y   y
POST /staff/fees/rates                  -   -    -  -   y   y
POST /staff/fees/cycles                 -   -    -  -   y   y
POST /staff/fees/credit                 -   -    -  -   y   y
POST /staff/fees/caps                   -   -    -  -   y   y
GET  /staff/billing                     -   -    -  -   y   y
POST /staff/billing                     -   -    -  -   y   y
GET  /staff/billing/runs/{run}          -   -    -  -   y   y
GET  /staff/audit                       -   y    -  -   y   y    who approves and who reads every report
GET  /staff/arrears                     y   y    y  -   y   y    collectors work the arrears list
GET  /staff/arrears.csv                 y   y    y  -   y   y
GET  /staff/arrears/elders              y   y    y  -   y   y
GET  /staff/arrears/visits              y   y    y  -   y   y    上门预约 (issue 13): owners' visit requests, read as the board
POST /staff/visit-requests/{visit}/close y  y    -  -   y   -    ...closed by the fee team who go
POST /staff/arrears/assign              -   y    -  -   y   -    the team lead assigns households to collectors
POST /staff/households/{hh}/case        y   y    -  -   y   -    case files: the lead keeps them, collectors log visits
POST /staff/cases/{case}/plan           y   y    -  -   y   -
POST /staff/cases/{case}/contacts       y   y    -  -   y   -
POST /staff/cases/{case}/promises       y   y    -  -   y   -
POST /staff/cases/{case}/close          -   y    -  -   y   -    only team leads and managers close case files
GET  /staff/kpi                         -   y    -  -   y   y    the team lead reads the KPIs; the manager every report
GET  /staff/kpi.csv                     -   y    -  -   y   y
GET  /staff/performance                 y   y    -  -   y   -    pay follows satisfaction: the lead and manager judge it, a collector reads their own row; staff pay is not the admin's
GET  /staff/performance.csv             y   y    -  -   y   -
GET  /staff/reconcile                   -   -    -  -   y   y    the manager answers for the gateways' money (issue 10)
POST /staff/reconcile                   -   -    -  -   y   y
GET  /staff/reconcile/{stmt}            -   -    -  -   y   y
GET  /staff/settings                    -   y    -  -   y   -    the lead reads the targets he is judged by...
POST /staff/settings                    -   -    -  -   y   -    ...only the manager sets them
GET  /staff/outbox                      -   y    y  -   y   y    messages to owners: who answers "I never got it" (issue 11)
GET  /staff/outbox/{msg}                -   y    y  -   y   y
POST /staff/outbox/{msg}/resend         -   y    -  -   y   -
GET  /staff/households/{hh}/owners/{howner}/messages  y y y - y -  an owner's channels: those who deal with owners
POST /staff/households/{hh}/owners/{howner}/messages  y y y - y -
GET  /staff/requests                    y   y    y  y   y   y    service requests (issue 12): every post its own, scoped in the page
GET  /staff/requests/new                y   y    y  -   y   -    ...the fee team and customer service log them
GET  /staff/households/{hh}/requests/new y  y    y  -   y   -
POST /staff/requests                    y   y    y  -   y   -
GET  /staff/requests/{rq}               y   y    y  -   y   y    ...engineering only those dispatched to it ({rq} is not)
POST /staff/requests/{rqx}/receive      -   y    y  -   y   -    ...customer service receives, answers, dispatches
POST /staff/requests/{rqx}/plan         -   y    y  -   y   -
POST /staff/requests/{rqx}/dispatch     -   y    y  -   y   -
POST /staff/requests/{rqx}/done         -   y    y  y   y   -    ...engineering (or CS: no work needed) marks it done
POST /staff/requests/{rqx}/followup     y   y    -  -   y   -    ...the collector follows up with the owner
GET  /staff/requests/{rq}/photos/{photo} -  -    -  -   -   -    no photo in the demo: 404 for all (test_requests: who sees photos)
GET  /staff/requests/{rq}/photos/{photo}/thumb - - - -   -   -
GET  /staff/service-logs                -   y    y  y   y   y    the monthly service report's logs (issue 12): who does or oversees the work logs it; admin reads
GET  /staff/service-logs/new            -   y    y  y   y   -
POST /staff/service-logs                -   y    y  y   y   -
GET  /staff/service-logs/{slog}         -   y    y  y   y   y
GET  /staff/service-logs/{slog}/photos/{slphoto} - - - - -  -    no photo of the demo's logs: 404 for all (test_service_report: whose photos)
GET  /staff/service-logs/{slog}/photos/{slphoto}/thumb - - - - - -
GET  /staff/reports                     y   y    y  y   y   y    monthly service reports: every post reads them, as the owners do
GET  /staff/reports/{srep}              y   y    y  y   y   y
GET  /staff/reports/{srep}.pdf          y   y    y  y   y   y
POST /staff/reports/{srep}              -   -    -  -   y   -    ...the manager edits and publishes what the estate tells its owners
POST /staff/reports/{srep}/publish      -   -    -  -   y   -
POST /staff/reports/{srep}/recount      -   -    -  -   y   -    ...and counts a draft's figures again (a published one: 409)
GET  /staff/enquiries                   y   y    y  -   y   y    fee enquiries and disputes: who deals with owners logs and answers them, admin reads
GET  /staff/enquiries/new               y   y    y  -   y   -
POST /staff/enquiries                   y   y    y  -   y   -
GET  /staff/households/{hh}/enquiries/new y y    y  -   y   -
POST /staff/households/{hh}/enquiries   y   y    y  -   y   -
GET  /staff/enquiries/{enq}             y   y    y  -   y   y
POST /staff/enquiries/{enq}/answers     y   y    y  -   y   -
GET  /staff/households/{hh}/custody     y   y    y  y   y   y    vacant-unit custody (issue 13): the agreement, no owner's data; those who do or answer for it read it
POST /staff/households/{hh}/custody     -   y    -  -   y   -    ...a team lead or the manager makes it
GET  /staff/custody                     y   y    -  y   y   -    ...the tasks due: those who do them (collectors their own households)
GET  /staff/custody/tasks/{ctask}       y   y    -  y   y   -
POST /staff/custody/tasks/{ctask}       y   y    -  y   y   -
GET  /staff/custody/logs/{clog}/photos/{clphoto} - - - - - -    no photo of the demo's logs: 404 for all (test_custody: whose photos)
GET  /staff/custody/logs/{clog}/photos/{clphoto}/thumb - - - - - -
GET  /staff/team                        y   y    -  -   y   -    团队建设 (issue 13): the lead and manager keep the team's training, scores and newcomers' plans; a collector reads their own; staff records are not the admin's (as 绩效)
GET  /staff/team.csv                    y   y    -  -   y   -
GET  /staff/team/members/{me}           y   y    -  -   y   -    ...{me} is shoufei1's own record
GET  /staff/team/sessions/new           -   y    -  -   y   -    ...the lead and the manager record sessions, scores and plans
POST /staff/team/sessions               -   y    -  -   y   -
GET  /staff/team/scores/new             -   y    -  -   y   -
POST /staff/team/scores                 -   y    -  -   y   -
GET  /staff/team/pairs/new              -   y    -  -   y   -
POST /staff/team/pairs                  -   y    -  -   y   -
GET  /staff/team/pairs/{tpair}          y   y    -  -   y   -    ...{tpair} is the demo plan whose mentor is shoufei1
POST /staff/team/pairs/{tpair}/ticks    y   y    -  -   y   -    ...the mentor, the lead or the manager ticks a stage (an empty form: 400)
GET  /staff/import                      -   -    -  -   y   y    an estate's CSV import (issue 13): set-up, the manager and the admin
GET  /staff/import/template.csv         -   -    -  -   y   y
POST /staff/import                      -   -    -  -   y   y
POST /staff/test/signed                 pub                          transport self-tests (test_routes=1 only)
POST /staff/test/upload10               y   y    y  y   y   y
POST /staff/test/upload1                y   y    y  y   y   y
POST /staff/test/fence                  -   -    -  -   -   y
"""

# What each role sees of owners' data on the pages that show it. Cells:
#   full    the phone's 11 digits (a tel: link where the page links it)
#   masked  138****0002, never the 11 digits
#   none    the page opens, neither the digits nor the masked number
#   404     the page does not exist for the role
# {mine} is a household assigned to the collector shoufei1 (owner
# {mine_phone}), {other} one assigned to another collector (owner
# {other_phone}, 86, red tier); the phone looked for is the last column.
SIGHT = """
#                                                col    lead cs   eng  mgr  adm  phone
/staff/households/{mine}                         full   full full 404  full full mine
/staff/households/{other}                        masked full full 404  full full other
/staff/households?estate=1&phone={other_part}    masked full full 404  full full other
/staff/arrears.csv?estate=1&all=1                masked full full 404  full full other
/staff/arrears.csv?estate=1&all=1                full   full full 404  full full mine
/staff/arrears?estate=1&all=1&elder=1&tier=red   masked full full 404  full full other
/staff/arrears/elders?estate=1                   masked full full 404  full full other
/staff/households/{mine}/case                    full   full 404  404  full full mine
/staff/households/{other}/case                   404    full 404  404  full full other
/staff/households/{mine}/owners/{mine_owner}/messages  full full full 404 full 404 mine
/staff/households/{other}/owners/{other_owner}/messages masked full full 404 full 404 other
/staff/outbox/{omsg}                             404    full full 404  full full mine
/staff/receipts.csv                              none   none none 404  none none mine
/staff/kpi.csv?table=channels                    404    none 404  404  none none mine
/staff/performance.csv                           none   none 404  404  none 404  mine
/staff/meters                                    none   none 404  none none 404  mine
"""


def masked(phone):
    return phone[:3] + "****" + phone[-4:]


def parse_routes():
    rows = []
    for line in ROUTES.strip().splitlines():
        if line.startswith("#"):
            continue
        method, path, *cells = line.split()
        if cells[0] == "pub":
            rows.append((method, path, None))
            continue
        for c in cells[:6]:
            check(c in ("y", "-"), "bad cell %r in %r", c, line)
        rows.append((method, path, dict(zip(STAFF, cells[:6]))))
    return rows


def parse_sight():
    rows = []
    for line in SIGHT.strip().splitlines():
        if line.startswith("#"):
            continue
        path, *cells = line.split()
        rows.append((path, dict(zip(STAFF, cells[:6])), cells[6]))
    return rows


def collector_id(login):
    return sql1("SELECT id FROM staff WHERE username = '%s'" % login)


def ids():
    """Real records of estate 1 (锦华苑): every GET of the matrix names one
    that exists, so that a 404 is a refusal."""
    ensure_records()
    me = collector_id("shoufei1")
    # 3栋2单元301室 (13800000001 has a shop too)
    mine = sql1("SELECT po.premises_id FROM premises_owners po JOIN owners o"
                " ON o.id = po.owner_id JOIN premises p ON p.id = po.premises_id"
                " WHERE o.phone = '13800000001' AND p.occupancy <> 'shop'"
                " ORDER BY po.premises_id LIMIT 1")
    other = sql1("SELECT po.premises_id FROM premises_owners po JOIN owners o"
                 " ON o.id = po.owner_id WHERE o.phone = '13800000002'"
                 " ORDER BY po.premises_id LIMIT 1")
    check(sql1("SELECT collector_id FROM assignments WHERE premises_id = %s"
               % mine) == me, "13800000001's home is not shoufei1's")
    check(sql1("SELECT COALESCE(MAX(collector_id), 0) FROM assignments"
               " WHERE premises_id = %s" % other) != me,
          "13800000002's home is shoufei1's")
    hh = sql1("SELECT p.id FROM premises p JOIN assignments a ON a.premises_id = p.id"
              " WHERE p.estate_id = 1 AND a.collector_id = %s AND EXISTS (SELECT 1"
              " FROM bills b WHERE b.premises_id = p.id AND b.status = 'unpaid')"
              " ORDER BY p.id LIMIT 1" % me)
    v = {
        "hh": hh, "mine": mine, "other": other,
        "mine_phone": "13800000001", "other_phone": "13800000002",
        "other_part": "800000002",
        "mine_owner": sql1("SELECT id FROM owners WHERE phone = '13800000001'"),
        "other_owner": sql1("SELECT id FROM owners WHERE phone = '13800000002'"),
        "bill": sql1("SELECT id FROM bills WHERE premises_id = %s AND status ="
                     " 'unpaid' ORDER BY id LIMIT 1" % hh),
        "receipt": sql1("SELECT r.id FROM receipts r WHERE r.estate_id = 1 AND NOT EXISTS"
                        " (SELECT 1 FROM receipt_voids v WHERE v.receipt_id = r.id)"
                        " ORDER BY r.id LIMIT 1"),
        # an approve with an empty form would approve: one decided
        # already (409), or one that does not exist (POST: 404)
        "credit": sql1("SELECT COALESCE((SELECT MIN(id) FROM service_credits"
                       " WHERE estate_id = 1 AND status <> 'pending'),"
                       " (SELECT COALESCE(MAX(id), 0) + 1000 FROM service_credits))"),
        "vreq": sql1("SELECT COALESCE(MAX(id), 0) + 1000 FROM void_requests"),
        # a visit request that does not exist (404): an empty close is
        # refused anyway (400), but by then the role was let in
        "visit": sql1("SELECT COALESCE(MAX(id), 0) + 1000 FROM visit_requests"),
        # a deferral decided already (409), or none (404)
        "dfr": sql1("SELECT COALESCE((SELECT MIN(id) FROM deferrals WHERE estate_id = 1"
                    " AND status <> 'pending'), (SELECT COALESCE(MAX(id), 0) + 1000"
                    " FROM deferrals))"),
        "case": sql1("SELECT COALESCE(MIN(id), 1000) FROM case_files"
                     " WHERE estate_id = 1"),
        "msg": sql1("SELECT MIN(id) FROM outbox WHERE estate_id = 1"),
        # a message to 13800000001 by SMS: its page shows the phone
        "omsg": sql1("SELECT MIN(o.id) FROM outbox o JOIN owners w ON w.id = o.owner_id"
                     " WHERE w.phone = '13800000001'"),
        "howner": sql1("SELECT owner_id FROM premises_owners WHERE premises_id = %s"
                       " ORDER BY owner_id LIMIT 1" % hh),
        "run": sql1("SELECT MIN(id) FROM billing_runs WHERE estate_id = 1"),
        # a request of shoufei1's household, not dispatched; one that does
        # not exist for the steps (a step with an empty form may be taken)
        "rq": request_of(hh),
        # an enquiry of shoufei1's household (the demo's year of them)
        "enq": sql1("SELECT COALESCE((SELECT MIN(id) FROM enquiries WHERE premises_id = %s),"
                    " (SELECT MIN(q.id) FROM enquiries q JOIN assignments a ON"
                    " a.premises_id = q.premises_id WHERE q.estate_id = 1 AND"
                    " a.collector_id = %s))" % (hh, me)),
        "rqx": sql1("SELECT COALESCE(MAX(id), 0) + 1000 FROM service_requests"),
        "photo": sql1("SELECT COALESCE(MAX(id), 0) + 1000 FROM service_request_photos"),
        "stmt": sql1("SELECT MIN(id) FROM pay_statements WHERE estate_id = 1"),
        # the demo's logs and published reports (an empty form to one
        # changes nothing: 400, and 409 once past its fields)
        "slog": sql1("SELECT MIN(id) FROM service_logs WHERE estate_id = 1"),
        "slphoto": sql1("SELECT COALESCE(MAX(id), 0) + 1000 FROM service_log_photos"),
        "srep": sql1("SELECT MIN(id) FROM service_reports WHERE estate_id = 1"
                     " AND status = 'published'"),
        # the demo's custody agreements (issue 13): a task of shoufei1's
        # household, a log, a photo that does not exist
        "ctask": sql1("SELECT MIN(t.id) FROM custody_tasks t JOIN custody_agreements a"
                      " ON a.id = t.agreement_id JOIN assignments s ON s.premises_id ="
                      " a.premises_id WHERE a.estate_id = 1 AND s.collector_id = %s" % me),
        "clog": sql1("SELECT MIN(id) FROM custody_logs WHERE estate_id = 1"),
        "clphoto": sql1("SELECT COALESCE(MAX(id), 0) + 1000 FROM custody_log_photos"),
        # 团队建设: shoufei1's own record, the demo plan they mentor
        "me": me,
        "tpair": sql1("SELECT MIN(id) FROM mentor_pairs WHERE estate_id = 1"
                      " AND mentor_id = %s" % me),
    }
    return v


def request_of(hh):
    """A service request logged for household hh (made once)."""
    if sql1("SELECT COUNT(*) FROM service_requests WHERE premises_id = %s"
            " AND body = 'test_access'" % hh) == "0":
        sql("INSERT INTO service_requests (estate_id, premises_id, category, body,"
            " source, logged_by_kind, stage_at, due_at, created_at) VALUES (1, %s,"
            " 'lighting', 'test_access', 'phone', 'system', NOW(6), NOW(6) + INTERVAL 1 DAY,"
            " NOW(6))" % hh)
    return sql1("SELECT MIN(id) FROM service_requests WHERE premises_id = %s"
                " AND body = 'test_access'" % hh)


def ensure_records():
    """A billing run and a gateway statement of estate 1 for the GET cells
    to open (the demo has neither until someone asks): a failed run of a
    long-past month and a failed statement of a day long past, which
    make no bill, move no money and are never taken up again."""
    if sql1("SELECT COUNT(*) FROM billing_runs WHERE estate_id = 1") == "0":
        sql("INSERT INTO billing_runs (estate_id, period_start, status, requested_by,"
            " requested_at, error) SELECT 1, '2001-01-01', 'failed', id, NOW(),"
            " 'test_access' FROM staff WHERE username = 'jingli'")
    # an e-bill to 13800000001 by SMS, as the worker leaves one sent long
    # ago (its page shows the owner's phone)
    if sql1("SELECT COUNT(*) FROM outbox o JOIN owners w ON w.id = o.owner_id"
            " WHERE w.phone = '13800000001'") == "0":
        sql("INSERT INTO outbox (estate_id, owner_id, topic, channel, premises_id,"
            " run_id, held, idem_key, payload, status, attempts, next_at, last_error,"
            " created_at, sent_at, address, body) SELECT estate_id, id, 'ebill', 'sms',"
            " NULL, NULL, 0, 'test-access/sms', '{}', 'sent', 1, NOW(6) - INTERVAL 400 DAY,"
            " '', NOW(6) - INTERVAL 400 DAY, NOW(6) - INTERVAL 400 DAY, phone, '电子账单'"
            " FROM owners WHERE phone = '13800000001'")
    if sql1("SELECT COUNT(*) FROM pay_statements WHERE estate_id = 1") == "0":
        sql("INSERT INTO pay_statements (estate_id, account_id, channel, bill_date,"
            " status, error, asked_at) SELECT estate_id, id, channel,"
            " CURDATE() - INTERVAL 200 DAY, 'failed', 'test_access', NOW(6)"
            " FROM pay_accounts WHERE estate_id = 1 ORDER BY id LIMIT 1")


WATCHED = ("payments", "allocations", "receipts", "receipt_voids", "waivers",
           "bills", "meter_readings", "service_credits", "fee_items",
           "fee_rates", "billing_cycles", "billing_runs", "assignments",
           "case_files", "case_contacts", "case_promises", "door_visits",
           "void_requests", "outbox", "pay_statements", "enquiries",
           "enquiry_answers", "service_requests", "service_request_events",
           "service_logs", "service_log_photos", "custody_agreements",
           "custody_tasks", "custody_logs", "custody_log_photos", "training_sessions",
           "training_attendees", "quiz_scores", "mentor_pairs", "plan_ticks",
           "deferrals", "bill_due_dates")


def snapshot():
    counts = sql("SELECT " + ", ".join("(SELECT COUNT(*) FROM %s)" % t
                                       for t in WATCHED))[0]
    settings = sql("SELECT id, tier_red_months, tier_red_fen, target_collection_bp"
                   " FROM estates ORDER BY id")
    closed = sql1("SELECT COUNT(*) FROM case_files WHERE status <> 'open'")
    # monthly reports: what was published and its words (the worker may
    # draft last month's meanwhile)
    reports = sql("SELECT id, status, summary FROM service_reports"
                  " WHERE status = 'published' ORDER BY id")
    return dict(zip(WATCHED, counts)), settings, closed, reports


class Who:
    """One person's browser: a staff role, an owner or nobody."""

    def __init__(self, role):
        self.role = role
        if role == "nobody":
            self.client, self.csrf = Client(), None
        elif role == "owner":
            self.client = owner("13800000001")
            # an owner's session means nothing to the back office
            self.client.cookies["pf_s"] = self.client.cookies["pf_o"]
            self.csrf = self.client.get("/").csrf()
        else:
            self.client = staff(LOGINS[role])
            self.csrf = self.client.get("/staff/meters").csrf()

    def send(self, method, path):
        if method == "GET":
            return self.client.get(path)
        if path.endswith("/login"):
            anon = Client()
            token = anon.get(path).csrf()
            c = Client()
            c.cookies = dict(self.client.cookies, **anon.cookies)
            return c.post(path, {"csrf": token})
        return self.client.post(path, {"csrf": self.csrf} if self.csrf else {})


def outcome(method, r):
    if r.status >= 500:
        return "error %d" % r.status
    if r.status == 403 and "来源不明" in r.body:
        return "csrf refused (the test's token is wrong)"
    if method == "GET" and r.status == 303 and \
            (r.header("Location") or "").startswith("/staff/login?next="):
        return "login"
    if method == "POST" and r.status == 403 and "登录已过期" in r.body:
        return "login"
    if method == "GET" and r.status == 404:
        return "404"
    if method == "POST" and r.status == 403 and "您的岗位没有权限访问此页面" in r.body:
        return "403"
    if r.status in (403, 404) and "您的岗位没有权限" in r.body:
        return "refused as %d" % r.status
    return "y"


def program_routes():
    import os
    from lib import ROOT
    with open(os.path.join(ROOT, "cgi-bin", "staff", "main.c")) as f:
        return set(re.findall(r'\{ METHOD_(GET|POST),\s+"([^"]+)"', f.read()))


@test
def the_access_matrix_covers_every_route_of_the_back_office():
    # only which routes exist is read from the program, never who may
    mine = {(m, re.sub(r"\{[a-z]+\}", "#", p[len("/staff"):]) or "/")
            for m, p, _ in parse_routes()}
    theirs = program_routes()
    check(mine == theirs, "missing %r, extra %r", sorted(theirs - mine),
          sorted(mine - theirs))


@test
def every_route_answers_every_role_cell_by_cell():
    v = ids()
    for k, x in v.items():
        check(x and x != "NULL", "no demo record for {%s}", k)
    before = snapshot()
    rows = [(m, p.format(**v), want) for m, p, want in parse_routes()]
    people = [Who(role) for role in STAFF + ["owner", "nobody"]]
    logouts = [row for row in rows if row[1].endswith("/logout")]
    others = [row for row in rows if row not in logouts]
    wrong = []
    cells = [(who, row) for who in people for row in others] + \
        [(who, row) for row in logouts for who in people]
    for who, (method, path, want) in cells:
        if want is None:
            expect = "y"
        elif who.role in ("owner", "nobody"):
            expect = "login"
        elif want[who.role] == "y":
            expect = "y"
        else:
            expect = "404" if method == "GET" else "403"
        r = who.send(method, path)
        got = outcome(method, r)
        if got != expect:
            wrong.append("%s %s as %s: %s, want %s (%d)" % (
                method, path, who.role, got, expect, r.status))
    check(not wrong, "%d cells differ:\n%s", len(wrong), "\n".join(wrong))
    check(snapshot() == before, "an empty form changed something")


def sees(body, phone):
    if phone in body:
        return "full"
    if masked(phone) in body:
        return "masked"
    return "none"


@test
def each_role_sees_owners_phones_as_the_table_says():
    v = ids()
    wrong = []
    clients = {role: staff(LOGINS[role]) for role in STAFF}
    for path, want, which in parse_sight():
        url = path.format(**v)
        phone = v[which + "_phone"]
        for role in STAFF:
            r = clients[role].get(url)
            if r.status == 404:
                got = "404"
            elif r.status != 200:
                got = "status %d" % r.status
            else:
                got = sees(r.body, phone)
            if got != want[role]:
                wrong.append("%s as %s: %s, want %s" % (url, role, got, want[role]))
    check(not wrong, "%d cells differ:\n%s", len(wrong), "\n".join(wrong))


@test
def engineering_sees_no_owner_phone_name_ledger_or_case_file():
    v = ids()
    eng = staff("gongcheng")
    # where it lands (the requests dispatched to it), and every page its
    # menu offers
    r = eng.get("/staff/")
    check(r.status == 303 and r.header("Location") == "/staff/requests",
          "engineering lands on %r", r.header("Location"))
    page = eng.get("/staff/meters")
    check(page.status == 200, "%r", page)
    links = re.findall(r'<nav class="menu">(.*?)</nav>', page.body, re.S)[0]
    check(re.findall(r'href="([^"]+)"', links) == ["/staff/requests", "/staff/service-logs",
                                                   "/staff/custody",
                                                   "/staff/reports", "/staff/meters"],
          "engineering's menu: %s", links)
    # the requests dispatched to it: none of the test's households is, so
    # no owner's phone or name on its list either
    names_page = eng.get("/staff/requests")
    check(names_page.status == 200, "engineering's 报事报修: %r", names_page)
    names = [n for (n,) in sql("SELECT name FROM owners WHERE phone IN"
                               " ('13800000001', '13800000002', '13800000003')")]
    for url in ("/staff/meters", "/staff/meters/template.csv", "/staff/requests",
                "/staff/service-logs", "/staff/reports"):
        body = eng.get(url).body
        for phone in ("13800000001", "13800000002", "13800000003"):
            check(phone not in body and masked(phone) not in body,
                  "%s shows %s", url, phone)
        for n in names:
            check(n not in body, "%s names %s", url, n)
    # the case file, the household, its bills and credits do not exist
    for url in ("/staff/households/%s/case" % v["other"],
                "/staff/households/%s/case" % v["mine"],
                "/staff/households/%s" % v["other"],
                "/staff/bills/%s" % v["bill"],
                "/staff/credits", "/staff/arrears.csv?estate=1",
                "/staff/households?estate=1&phone=13800000002"):
        r = eng.get(url)
        check(r.status == 404, "%s: %r", url, r)
        check("13800000002" not in r.body and "13800000001" not in r.body,
              "%s: a phone on the 404 page", url)


def open_case(pid):
    """The open case file of household pid, opened by the team lead if it
    has none (the demo has none at all). Returns its id."""
    lead = staff("zuzhang")
    cid = sql1("SELECT id FROM case_files WHERE premises_id = %s AND status = 'open'"
               % pid)
    if cid:
        return cid
    page = lead.get("/staff/households/%s/case" % pid)
    r = lead.post("/staff/households/%s/case" % pid, {
        "csrf": page.csrf(), "form_token": page.token("/case"),
        "category": "absent_owner", "cause": "业主外出务工", "plan": "电话联系"})
    check(r.status == 303, "the lead could not open a case file: %r", r)
    return sql1("SELECT id FROM case_files WHERE premises_id = %s AND status = 'open'"
                % pid)


def close_case(cid):
    """Closed by the team lead, as the demo had it: no open case file."""
    lead = staff("zuzhang")
    r = lead.post("/staff/cases/%s/close" % cid, {
        "csrf": lead.get("/staff/households").csrf(), "result": "业主已缴清"})
    check(r.status == 303, "the lead could not close it: %r", r)


def not_red_of(login):
    """A household in arrears but not red, assigned to the collector
    login (a case file there changes no red-tier count of other tests)."""
    rows = sql("SELECT a.premises_id FROM assignments a WHERE a.collector_id ="
               " (SELECT id FROM staff WHERE username = '%s') AND EXISTS (SELECT 1"
               " FROM bills b WHERE b.premises_id = a.premises_id AND b.status ="
               " 'unpaid' AND b.due_date < CURDATE()) AND NOT EXISTS (SELECT 1 FROM"
               " case_files cf WHERE cf.premises_id = a.premises_id)"
               " ORDER BY a.premises_id LIMIT 40" % login)
    lead = staff("zuzhang")
    for (pid,) in rows:
        page = lead.get("/staff/households/%s" % pid)
        if 'data-tier="red"' not in page.body and 'data-tier="none"' not in page.body:
            return pid
    check(False, "no household of %s in arrears but not red", login)


@test
def customer_service_sees_contacts_but_no_case_file():
    v = ids()
    cid = open_case(v["mine"])
    try:
        cs = staff("kefu")
        r = cs.get("/staff/households/%s" % v["mine"])
        check(r.status == 200 and "13800000001" in r.body, "no contact: %r", r)
        check('/case"' not in r.body and "一户一策" not in r.body,
              "the household page offers its case file")
        r = cs.get("/staff/households/%s/case" % v["mine"])
        check(r.status == 404 and "业主外出务工" not in r.body,
              "kefu opened a case file: %r", r)
        board = cs.get("/staff/arrears?estate=1&all=1&tier=green")
        check(board.status == 200, "%r", board)
        check('/case"' not in board.body, "the board links case files")
        lead_board = staff("zuzhang").get("/staff/arrears?estate=1&all=1&tier=green")
        check('/case"' in lead_board.body, "the lead's board has no case links")

        def case_column(c):
            rows = list(csv.reader(io.StringIO(c.get(
                "/staff/arrears.csv?estate=1&all=1").body.lstrip("\ufeff"))))
            col = rows[0].index("一户一策")
            label = rows[0].index("房屋")
            return {row[label]: row[col] for row in rows[1:]}
        mine = sql1("SELECT CONCAT(bd.name, p.unit, '单元', p.room, '室') FROM premises p"
                    " JOIN buildings bd ON bd.id = p.building_id WHERE p.id = %s"
                    % v["mine"])
        lead_col = case_column(staff("zuzhang"))
        check(lead_col.get(mine) == "有", "the lead's CSV: %r for %s",
              lead_col.get(mine), mine)
        cs_col = case_column(cs)
        check(mine in cs_col and set(cs_col.values()) == {""},
              "the CSV tells customer service who has a case file")
    finally:
        close_case(cid)


@test
def a_collector_sees_their_households_in_full_and_others_masked():
    v = ids()
    coll = staff("shoufei1")
    r = coll.get("/staff/households/%s" % v["mine"])
    check('href="tel:13800000001"' in r.body, "own household: no tel: link")
    check('/staff/households/%s/case"' % v["mine"] in r.body, "own: no case link")
    r = coll.get("/staff/households/%s" % v["other"])
    check(r.status == 200, "%r", r)
    check("138****0002" in r.body and "13800000002" not in r.body,
          "another's household: the phone not masked")
    owners = re.search(r'<ul class="plain owners">(.*?)</ul>', r.body, re.S).group(1)
    check('href="tel:' not in owners, "a tel: link to a masked phone")
    check('/case"' not in r.body, "another's household: a case link")
    r = coll.get("/staff/households/%s/case" % v["other"])
    check(r.status == 404, "%r", r)
    # the door-to-door list: masked others
    el = coll.get("/staff/arrears/elders?estate=1")
    check("138****0002" in el.body and "13800000002" not in el.body,
          "elders list: another's phone not masked")
    # another collector's case file does not exist for them, nor its acts
    pid = not_red_of("shoufei2")
    cid = open_case(pid)
    try:
        before = sql1("SELECT COUNT(*) FROM case_contacts")
        r = coll.get("/staff/households/%s/case" % pid)
        check(r.status == 404 and "业主外出务工" not in r.body, "%r", r)
        csrf = coll.get("/staff/households").csrf()
        r = coll.post("/staff/cases/%s/contacts" % cid, {
            "csrf": csrf, "kind": "call", "form_token": "0" * 32,
            "day": sql1("SELECT CURDATE()"), "outcome": "打过电话"})
        check(r.status == 404, "a contact on another's case file: %r", r)
        r = coll.post("/staff/households/%s/case" % pid, {
            "csrf": csrf, "form_token": "0" * 32, "category": "other",
            "cause": "原因不明", "plan": "再联系"})
        check(r.status == 404, "opened another's case file: %r", r)
        check(sql1("SELECT COUNT(*) FROM case_contacts") == before, "a contact was logged")
        # ...and their colleague keeps it
        r = staff("shoufei2").get("/staff/households/%s/case" % pid)
        check(r.status == 200 and "业主外出务工" in r.body, "shoufei2: %r", r)
    finally:
        close_case(cid)


@test
def only_team_leads_and_managers_close_case_files():
    v = ids()
    cid = open_case(v["mine"])
    try:
        for login in ("shoufei1", "kefu", "gongcheng", "admin"):
            c = staff(login)
            page = c.get("/staff/households/%s/case" % v["mine"])
            check('action="/staff/cases/%s/close"' % cid not in page.body,
                  "%s is offered 结案", login)
            r = c.post("/staff/cases/%s/close" % cid, {"csrf": page.csrf(),
                                                        "result": "已缴清"})
            check(r.status == 403, "%s closed a case file: %r", login, r)
            check(sql1("SELECT status FROM case_files WHERE id = %s" % cid) == "open",
                  "%s closed it", login)
        for login in ("zuzhang", "jingli"):
            page = staff(login).get("/staff/households/%s/case" % v["mine"])
            check('action="/staff/cases/%s/close"' % cid in page.body,
                  "%s has no 结案", login)
        # the collector keeps their household's file: contacts, not 结案
        page = staff("shoufei1").get("/staff/households/%s/case" % v["mine"])
        check('action="/staff/cases/%s/contacts"' % cid in page.body,
              "the collector cannot log a contact")
    finally:
        close_case(cid)
    check(sql1("SELECT status FROM case_files WHERE id = %s" % cid) != "open",
          "the lead did not close it")


@test
def every_menu_shows_exactly_the_pages_the_role_may_open():
    menus = {
        "collector": ["/staff/households", "/staff/arrears", "/staff/performance",
                      "/staff/team", "/staff/requests", "/staff/custody", "/staff/reports",
                      "/staff/receipts", "/staff/meters", "/staff/enquiries", "/staff/credits",
                      "/staff/deferrals"],
        "team_lead": ["/staff/households", "/staff/arrears", "/staff/kpi",
                      "/staff/performance", "/staff/team", "/staff/requests",
                      "/staff/service-logs", "/staff/custody", "/staff/reports",
                      "/staff/receipts", "/staff/meters", "/staff/enquiries", "/staff/credits",
                      "/staff/deferrals", "/staff/settings", "/staff/outbox", "/staff/audit"],
        "customer_service": ["/staff/households", "/staff/arrears",
                             "/staff/requests", "/staff/service-logs", "/staff/reports",
                             "/staff/receipts", "/staff/enquiries",
                             "/staff/credits", "/staff/deferrals", "/staff/outbox"],
        "engineering": ["/staff/requests", "/staff/service-logs", "/staff/custody",
                        "/staff/reports", "/staff/meters"],
        "manager": ["/staff/households", "/staff/arrears", "/staff/kpi",
                    "/staff/performance", "/staff/team", "/staff/requests",
                    "/staff/service-logs", "/staff/custody", "/staff/reports",
                    "/staff/receipts", "/staff/reconcile", "/staff/meters",
                    "/staff/enquiries", "/staff/credits", "/staff/deferrals",
                    "/staff/billing", "/staff/fees", "/staff/settings", "/staff/outbox",
                    "/staff/audit", "/staff/import"],
        "admin": ["/staff/households", "/staff/arrears", "/staff/kpi",
                  "/staff/requests", "/staff/service-logs", "/staff/reports",
                  "/staff/receipts", "/staff/reconcile",
                  "/staff/enquiries", "/staff/credits", "/staff/deferrals",
                  "/staff/billing", "/staff/fees", "/staff/outbox", "/staff/audit",
                  "/staff/import"],
    }
    for role, want in menus.items():
        c = staff(LOGINS[role])
        home = c.get("/staff/")
        check(home.status == 303 and home.header("Location") == want[0],
              "%s lands on %r", role, home.header("Location"))
        page = c.get(want[0])
        check(page.status == 200, "%s: %r", role, page)
        nav = re.findall(r'<nav class="menu">(.*?)</nav>', page.body, re.S)[0]
        got = re.findall(r'href="([^"]+)"', nav)
        check(got == want, "%s's menu: %r", role, got)
        for href in got:
            r = c.get(href)
            check(r.status == 200, "%s: %s answers %d", role, href, r.status)
