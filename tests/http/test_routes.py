"""test_routes.py - who may do what (issue 7, kind 8): every route of the
owner portal, for every role and for no login, against a table written
here from DOMAIN.md's "who uses it", not read back from the programs. The
back office's routes are test_access.py's (issue 12), which checks them
cell by cell with what each role sees of owners' data.

A cell is one request: GET as is, POST with the session's own CSRF token
and an empty form, so that a page that lets the role in answers 400, 404,
409 or 303 and changes nothing (checked: the tables a page could write
keep their rows). Outcomes:
  allow   the page ran (anything but a refusal below; never a 5xx)
  deny    refused before the page ran (none here: the portal has one role)
  login   no session for this program: GET -> 303 to its login page,
          POST -> 403 "登录已过期"
Public routes allow everyone. A staff session means nothing to the owner
portal and an owner session nothing to the back office: each is sent in
the other program's cookie too, and must be treated as no login.
Logging out comes last, so every other cell runs with a live session.
"""

import os
import re

from lib import ROOT, Client, check, owner, sql, sql1, staff, test

ROLES = ["owner", "collector", "team_lead", "customer_service",
         "engineering", "manager", "admin", "nobody"]
LOGINS = {"collector": "shoufei1", "team_lead": "zuzhang",
          "customer_service": "kefu", "engineering": "gongcheng",
          "manager": "jingli", "admin": "admin"}

# The matrix. Columns: owner, collector (收费员), team lead (组长),
# customer service (客服), engineering (工程部), manager (经理), admin
# (系统管理员; not in DOMAIN.md: system set-up and every report, no money
# actions). "pub" marks a public route. Why each row is so, from
# DOMAIN.md unless it says otherwise:
OWNER_ROUTES = """
#                             own col lead cs eng mgr adm
GET  /healthz                 pub
GET  /login                   pub
POST /login                   pub
GET  /login/sms               pub                          owners log in with an SMS code (issue 11)
POST /login/sms               pub
POST /login/sms/verify        pub
GET  /login/reset             pub                          ...or set a new password with one
POST /login/reset             pub
POST /login/reset/verify      pub
GET  /r/{code}                pub                          anyone holding a receipt checks it
POST /logout                  y   -   -    -  -   -   -
GET  /                        y   -   -    -  -   -   -    owners check their bills
GET  /premises/{opremises}/bills y -  -    -  -   -   -
GET  /bills/{obill}           y   -   -    -  -   -   -
GET  /premises/{opremises}/pay y  -   -    -  -   -   -    owners pay online (issue 10)
POST /premises/{opremises}/pay y  -   -    -  -   -   -
GET  /pay/{code}              y   -   -    -  -   -   -    ...and see the order's result
GET  /pay/{code}/go           y   -   -    -  -   -   -
POST /pay/{code}/cancel       y   -   -    -  -   -   -
POST /notify/alipay           pub                          the gateway's notification, signed
POST /notify/wechat/{oreceipt} pub
POST /notify/unionpay         pub
GET  /payments                y   -   -    -  -   -   -
GET  /receipts                y   -   -    -  -   -   -    ...and download electronic receipts
GET  /receipts/{oreceipt}.pdf y   -   -    -  -   -   -
GET  /credits                 y   -   -    -  -   -   -    ...and see service-exchange credits
GET  /reports                 y   -   -    -  -   -   -    ...and the monthly service report (issue 12)
GET  /reports/{orep}          y   -   -    -  -   -   -
GET  /reports/{orep}.pdf      y   -   -    -  -   -   -
GET  /enquiries               y   -   -    -  -   -   -    ...and ask a fee question or raise an objection (issue 12)
GET  /enquiries/new           y   -   -    -  -   -   -
POST /enquiries               y   -   -    -  -   -   -
GET  /enquiries/{oenq}        y   -   -    -  -   -   -
POST /enquiries/{oenq}/outcome y   -   -    -  -   -   -
GET  /deferrals               y   -   -    -  -   -   -    ...and apply for a hardship deferral (issue 13)
GET  /premises/{opremises}/deferrals/new y - - -  -   -   -
POST /premises/{opremises}/deferrals y -  -    -  -   -   -
GET  /messages                y   -   -    -  -   -   -    ...and what was sent to them, by their channels (issue 11)
GET  /messages/{omsg}         y   -   -    -  -   -   -
GET  /messages/settings       y   -   -    -  -   -   -
POST /messages/settings       y   -   -    -  -   -   -
GET  /requests                y   -   -    -  -   -   -    owners report problems (报修) and follow them (issue 12)
GET  /requests/new            y   -   -    -  -   -   -
POST /requests                y   -   -    -  -   -   -
GET  /requests/{orq}          y   -   -    -  -   -   -
GET  /requests/{orq}/photos/{orq} y -  -    -  -   -   -
GET  /requests/{orq}/photos/{orq}/thumb y - - -  -   -   -
GET  /custody                 y   -   -    -  -   -   -    ...and what vacant-unit custody did for them (issue 13; another owner's: 404)
GET  /custody/{ocust}         y   -   -    -  -   -   -
GET  /custody/{ocust}/photos/{ocphoto} y - -  -  -   -   -
GET  /custody/{ocust}/photos/{ocphoto}/thumb y - - - -  -   -
GET  /elder                   y   -   -    -  -   -   -    长辈模式: large text, remembered per owner (issue 13)
POST /elder                   y   -   -    -  -   -   -
GET  /premises/{opremises}/visit y -  -    -  -   -   -    ...and ask a collector to visit (上门收费预约)
POST /premises/{opremises}/visit y -  -    -  -   -   -
POST /visits/{ovisit}/cancel  y   -   -    -  -   -   -
"""

# The back office's routes: tests/http/test_access.py (issue 12, who sees
# what), with its owner and no-login cells.


def parse(table):
    """[(method, path, {role: 'allow'|'deny'|'login'})] from a table."""
    rows = []
    for line in table.strip().splitlines():
        if line.startswith("#"):
            continue
        method, path, *cells = line.split()
        if cells[0] == "pub":
            rows.append((method, path, {r: "allow" for r in ROLES}))
            continue
        staff_program = path.startswith("/staff")
        want = {"nobody": "login"}
        for role, cell in zip(ROLES[:7], cells[:7]):
            check(cell in ("y", "-"), "bad cell %r in %r", cell, line)
            if (role == "owner") == staff_program:
                # the other program's user has no session here
                check(cell == "-", "cross-program cell %r", line)
                want[role] = "login"
            else:
                want[role] = "allow" if cell == "y" else "deny"
        rows.append((method, path, want))
    return rows


def demo_ids():
    """Real records of estate 1 (锦华苑), so allowed requests reach the page."""
    ids = {
        "hh": sql1("SELECT p.id FROM premises p JOIN bills b ON b.premises_id = p.id"
                   " WHERE p.estate_id = 1 AND b.status = 'unpaid' ORDER BY p.id LIMIT 1"),
        "bill": sql1("SELECT id FROM bills WHERE estate_id = 1 AND status = 'unpaid'"
                     " ORDER BY id LIMIT 1"),
        "receipt": sql1("SELECT r.id FROM receipts r WHERE r.estate_id = 1 AND NOT EXISTS"
                        " (SELECT 1 FROM receipt_voids v WHERE v.receipt_id = r.id)"
                        " ORDER BY r.id LIMIT 1"),
        # an approve with an empty form would approve: take one decided
        # already (409), or one that does not exist (404)
        "credit": sql1("SELECT COALESCE((SELECT MIN(id) FROM service_credits"
                       " WHERE estate_id = 1 AND status <> 'pending'),"
                       " (SELECT COALESCE(MAX(id), 0) + 1000 FROM service_credits))"),
        # the demo may have neither: then one that does not exist (404)
        "run": sql1("SELECT COALESCE(MIN(id), 1000) FROM billing_runs"),
        # a request that does not exist (404): an empty approval would not
        # pass its token anyway
        "vreq": sql1("SELECT COALESCE(MAX(id), 0) + 1000 FROM void_requests"),
        # none until a statement is asked for: then one that does not exist
        "stmt": sql1("SELECT COALESCE(MIN(id), 1000) FROM pay_statements"
                     " WHERE estate_id = 1"),
        "case": sql1("SELECT COALESCE(MIN(id), 1000) FROM case_files"
                     " WHERE estate_id = 1"),
        "code": sql1("SELECT verify_code FROM receipts ORDER BY id LIMIT 1"),
        # service requests: one that does not exist (404), so an empty
        # form takes no step
        "rq": sql1("SELECT COALESCE(MAX(id), 0) + 1000 FROM service_requests"),
        "orq": sql1("SELECT COALESCE(MAX(id), 0) + 1000 FROM service_requests"),
        # the demo's first custody agreement (not 13800000001's: 404), a
        # photo that does not exist
        "ocust": sql1("SELECT MIN(id) FROM custody_agreements"),
        "ocphoto": sql1("SELECT COALESCE(MAX(id), 0) + 1000 FROM custody_log_photos"),
        "oenq": sql1("SELECT MIN(q.id) FROM enquiries q JOIN owners o ON o.id = q.owner_id"
                     " WHERE o.phone = '13800000001'"),
        # a resend with an empty form would resend: one that does not
        # exist (404); the owner's may not exist yet either
        "msg": sql1("SELECT COALESCE(MAX(id), 0) + 1000 FROM outbox"),
        "omsg": sql1("SELECT COALESCE(MAX(o.id), 1000) FROM outbox o JOIN owners w"
                     " ON w.id = o.owner_id WHERE w.phone = '13800000001'"),
        # an owner of {hh}
        "howner": sql1("SELECT po.owner_id FROM premises_owners po WHERE po.premises_id ="
                       " (SELECT p.id FROM premises p JOIN bills b ON b.premises_id = p.id"
                       " WHERE p.estate_id = 1 AND b.status = 'unpaid' ORDER BY p.id LIMIT 1)"
                       " ORDER BY po.owner_id LIMIT 1"),
        "opremises": sql1("SELECT po.premises_id FROM premises_owners po JOIN owners o"
                          " ON o.id = po.owner_id WHERE o.phone = '13800000001'"
                          " ORDER BY po.premises_id LIMIT 1"),
        "obill": sql1("SELECT b.id FROM bills b JOIN premises_owners po"
                      " ON po.premises_id = b.premises_id JOIN owners o ON o.id = po.owner_id"
                      " WHERE o.phone = '13800000001' ORDER BY b.id LIMIT 1"),
        # a published monthly service report of 13800000001's estate
        # a visit request that does not exist (404): an empty cancel
        # would cancel
        "ovisit": sql1("SELECT COALESCE(MAX(id), 0) + 1000 FROM visit_requests"),
        "orep": sql1("SELECT MIN(id) FROM service_reports WHERE estate_id = 1"
                     " AND status = 'published'"),
        "oreceipt": sql1("SELECT r.id FROM receipts r JOIN payments p ON p.id = r.payment_id"
                         " JOIN premises_owners po ON po.premises_id = p.premises_id"
                         " JOIN owners o ON o.id = po.owner_id"
                         " WHERE o.phone = '13800000001' ORDER BY r.id LIMIT 1"),
    }
    for k, v in ids.items():
        check(v and v != "NULL", "no demo record for {%s}", k)
    return ids


# What a page could write: none of it may change.
WATCHED = ("payments", "allocations", "receipts", "receipt_voids", "waivers",
           "bills", "meter_readings", "service_credits", "fee_items",
           "fee_rates", "billing_cycles", "billing_runs", "assignments",
           "case_files", "case_contacts", "case_promises", "door_visits",
           "void_requests", "outbox", "enquiries", "enquiry_answers",
           "service_logs", "deferrals", "bill_due_dates")


def snapshot():
    counts = sql("SELECT " + ", ".join("(SELECT COUNT(*) FROM %s)" % t
                                       for t in WATCHED))[0]
    settings = sql("SELECT id, tier_red_months, tier_red_fen, tier_yellow_months,"
                   " tier_green_months, target_collection_bp, target_recovery_bp,"
                   " target_satisfaction FROM estates ORDER BY id")
    return dict(zip(WATCHED, counts)), settings


class Identity:
    """One role's browser: a session in its own program, and its token
    also sent in the other program's cookie."""

    def __init__(self, role):
        self.role = role
        if role == "nobody":
            self.client = Client()
            self.csrf = {"owner": None, "staff": None}
            return
        if role == "owner":
            self.client = owner("13800000001")
            token = self.client.cookies["pf_o"]
            self.client.cookies["pf_s"] = token
            self.csrf = {"owner": self.client.get("/").csrf(), "staff": None}
        else:
            self.client = staff(LOGINS[role])
            token = self.client.cookies["pf_s"]
            self.client.cookies["pf_o"] = token
            page = self.client.get("/staff/households")
            self.csrf = {"owner": None, "staff": page.csrf()}

    def send(self, method, path):
        program = "staff" if path.startswith("/staff") else "owner"
        if method == "GET":
            return self.client.get(path)
        if "/login" in path:
            # the login forms' own token (their program's login page
            # gives it), beside whatever session there is
            anon = Client()
            token = anon.get(path[:path.index("/login") + 6]).csrf()
            c = Client()
            c.cookies = dict(self.client.cookies, **anon.cookies)
            return c.post(path, {"csrf": token})
        token = self.csrf[program] or self.csrf["owner"] or self.csrf["staff"]
        return self.client.post(path, {"csrf": token} if token else {})


def outcome(method, path, r):
    login = "/staff/login" if path.startswith("/staff") else "/login"
    if r.status >= 500:
        return "error %d" % r.status
    if r.status == 403 and "来源不明" in r.body:
        return "csrf refused (the test's token is wrong)"
    if r.status == 403 and "您的岗位没有权限访问此页面" in r.body:
        return "deny"
    if method == "GET" and r.status == 303 and \
            (r.header("Location") or "").startswith(login + "?next="):
        return "login"
    if method == "POST" and r.status == 403 and "登录已过期" in r.body:
        return "login"
    return "allow"


def program_routes(program):
    """(method, pattern) of each route in a program's main.c."""
    with open(os.path.join(ROOT, "cgi-bin", program, "main.c")) as f:
        return set(re.findall(r'\{ METHOD_(GET|POST),\s+"([^"]+)"', f.read()))


def as_pattern(path):
    """/staff/bills/{bill}/waive as its program writes it: /bills/#/waive."""
    if path.startswith("/staff"):
        path = path[len("/staff"):]
    return re.sub(r"\{[a-z]+\}", "#", path.replace("{code}", "*")) or "/"


@test
def the_matrix_covers_every_route_of_the_owner_portal():
    # only which routes exist is read from the programs, never who may
    for program, table in (("owner", OWNER_ROUTES),):
        mine = {(m, as_pattern(p)) for m, p, _ in parse(table)}
        theirs = program_routes(program)
        check(mine == theirs, "%s: missing %r, extra %r", program,
              sorted(theirs - mine), sorted(mine - theirs))


@test
def every_route_answers_every_role_as_domain_md_says():
    ids = demo_ids()
    before = snapshot()
    rows = [(m, p.format(**ids), want)
            for m, p, want in parse(OWNER_ROUTES)]
    wrong = []
    people = [Identity(role) for role in ROLES]
    logouts = [row for row in rows if row[1].endswith("/logout")]
    others = [row for row in rows if row not in logouts]
    # one identity at a time (so that the public receipt check is not
    # asked eight times at once), and every logout after all the rest
    cells = [(who, row) for who in people for row in others] + \
        [(who, row) for row in logouts for who in people]
    for who, (method, path, want) in cells:
        r = who.send(method, path)
        got = outcome(method, path, r)
        if got != want[who.role]:
            wrong.append("%s %s as %s: %s, want %s (%d)" % (
                method, path, who.role, got, want[who.role], r.status))
    check(not wrong, "%d cells differ:\n%s", len(wrong), "\n".join(wrong))
    check(snapshot() == before, "an empty form changed something")


@test
def a_team_lead_reads_the_settings_but_gets_no_form():
    page = staff("zuzhang").get("/staff/settings?estate=1")
    check(page.status == 200, "%r", page)
    check('action="/staff/settings"' not in page.body.replace(
        'method="get" action="/staff/settings"', ""), "the lead gets the form")
    check('data-field="red_months">12<' in page.body, "thresholds not shown")
    check('data-field="target_collection">97.00<' in page.body, "targets not shown")
    page = staff("jingli").get("/staff/settings?estate=1")
    check('method="post" action="/staff/settings"' in page.body,
          "the manager gets no form")


@test
def a_team_lead_cannot_change_thresholds_or_targets():
    lead = staff("zuzhang")
    csrf = lead.get("/staff/households").csrf()
    before = sql("SELECT tier_red_months, target_collection_bp FROM estates WHERE id = 1")
    r = lead.post("/staff/settings", {
        "csrf": csrf, "estate": "1", "red_months": "24", "red_amount": "9000.00",
        "yellow_months": "6", "green_months": "1", "target_collection": "50.00",
        "target_recovery": "10.00", "target_satisfaction": "60"})
    check(r.status == 403, "the lead saved settings: %r", r)
    check(sql("SELECT tier_red_months, target_collection_bp FROM estates WHERE id = 1")
          == before, "settings changed")


@test
def the_menu_shows_what_the_route_table_allows():
    # the menu's links come from the same table as the refusals
    menu = {"/staff/settings": ("team_lead", "manager"),
            "/staff/kpi": ("team_lead", "manager", "admin"),
            "/staff/fees": ("manager", "admin"),
            "/staff/outbox": ("team_lead", "customer_service", "manager", "admin"),
            "/staff/meters": ("collector", "team_lead", "engineering", "manager")}
    for role, login in LOGINS.items():
        c = staff(login)
        # where the role lands: its first page (engineering has no ledger)
        body = c.get(c.get("/staff/").header("Location")).body
        for href, roles in menu.items():
            shown = 'href="%s"' % href in body
            check(shown == (role in roles), "%s: menu link %s shown=%s",
                  role, href, shown)
