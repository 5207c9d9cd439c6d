"""test_redirects.py - a redirect target taken from input never leaves the
site (issue 7, kind 7): each trick against the real login redirect, in
both portals, for a user already signed in (GET /login?next=) and for one
signing in (POST /login with next=), and against the arrears board's
back=. Every trick must land on the portal's home page.
"""

import re
import urllib.parse

from lib import Client, check, clear_login_attempts, owner, sql, sql1, staff, test

# Values of next= as the page receives them (after the query or form is
# decoded once). Each one is a way to make a browser leave the site, or
# leave the program, or hide such a way in another layer of encoding.
TRICKS = [
    "/\t/evil.example/x",               # the issue's case: tab dropped
    "/\r\n/evil.example/x",             # CR/LF: header splitting
    "/\n/evil.example/x",
    "/ /evil.example/x",                # whitespace
    "\\\\evil.example/x",               # backslashes read as slashes
    "/\\evil.example/x",
    "\\/evil.example/x",
    "//evil.example/x",                 # scheme-relative
    "///evil.example/x",
    "/%2F/evil.example/x",              # "//" once decoded
    "%2F%2Fevil.example/x",
    "/%252F%252Fevil.example/x",        # "//" twice decoded
    "/%5Cevil.example/x",               # encoded backslash
    "/%09/evil.example/x",              # encoded tab
    "/%0D%0ALocation:%20http://evil.example/",
    "/%00evil.example",                 # encoded NUL
    "/%FF%FEevil",                      # not UTF-8 once decoded
    "javascript:alert(1)",              # schemes
    "http://evil.example/",
    "https:evil.example",
    "/" + "a" * 5000,                   # very long
    "/./evil",                          # dot segments
]

# Tricks kept under the back office's prefix, which the old check let by.
STAFF_TRICKS = ["/staff" + t for t in TRICKS if t.startswith("/")] + [
    "/staffevil.example",
    "/staff/../evil",
]

PORTALS = {
    "owner": {"login": "/login", "home": "/", "good": "/payments",
              "tricks": TRICKS},
    # the back office's home sends each role on to its first page
    # (issue 12: engineering has no ledger)
    "staff": {"login": "/staff/login", "home": "/staff/",
              "good": "/staff/receipts", "tricks": TRICKS + STAFF_TRICKS},
}


def signed_in(portal):
    return owner() if portal == "owner" else staff("zuzhang")


def sign_in(portal, nxt):
    """Signs in afresh with next=nxt in the form; returns the answer."""
    c = Client()
    p = PORTALS[portal]
    page = c.get(p["login"])
    check(page.status == 200, "%s login page: %r", portal, page)
    who = ({"phone": "13800000001"} if portal == "owner" else
           {"username": "zuzhang"})
    return c.post(p["login"], dict(who, csrf=page.csrf(),
                                   password="propfee-demo", next=nxt))


def query(nxt):
    return "?next=" + urllib.parse.quote(nxt, safe="")


def lands_home(portal, r, nxt, how):
    home = PORTALS[portal]["home"]
    check(r.status == 303, "%s %s next=%r: %r", portal, how, nxt, r)
    check(r.header("Location") == home, "%s %s next=%r went to %r",
          portal, how, nxt, r.header("Location"))


@test
def a_signed_in_user_is_never_sent_off_site():
    for portal, p in PORTALS.items():
        c = signed_in(portal)
        for nxt in p["tricks"]:
            lands_home(portal, c.get(p["login"] + query(nxt)), nxt,
                       "signed in")


@test
def a_user_signing_in_is_never_sent_off_site():
    for portal, p in PORTALS.items():
        for nxt in p["tricks"]:
            clear_login_attempts()
            lands_home(portal, sign_in(portal, nxt), nxt, "signing in")
    clear_login_attempts()


@test
def the_login_form_never_carries_a_bad_target():
    # The form keeps next= in a hidden field: it holds home instead.
    for portal, p in PORTALS.items():
        for nxt in p["tricks"]:
            page = Client().get(p["login"] + query(nxt))
            check(page.status == 200, "%s next=%r: %r", portal, nxt, page)
            m = re.search(r'name="next" value="([^"]*)"', page.body)
            check(m and m.group(1) == p["home"], "%s next=%r: form holds %r",
                  portal, nxt, m and m.group(1))


@test
def the_login_still_returns_to_the_page_asked_for():
    # The strict check must not break the ordinary way back.
    for portal, p in PORTALS.items():
        good = p["good"] + "?page=2"
        r = signed_in(portal).get(p["login"] + query(good))
        check(r.status == 303 and r.header("Location") == good,
              "%s signed in: %r", portal, r.header("Location"))
        clear_login_attempts()
        r = sign_in(portal, good)
        check(r.status == 303 and r.header("Location") == good,
              "%s signing in: %r", portal, r.header("Location"))
        # what the login redirect itself puts in next= comes back whole
        c = Client()
        r = c.get(good)
        check(r.status == 303, "%s anonymous %s: %r", portal, good, r)
        loc = r.header("Location")
        page = c.get(loc)
        m = re.search(r'name="next" value="([^"]*)"', page.body)
        check(m and m.group(1) == good, "%s form holds %r", portal,
              m and m.group(1))


@test
def the_arrears_board_back_link_stays_on_the_board():
    # back= of the assign form. A household taken back from its collector,
    # who gets it again at the end.
    pid, had = sql("SELECT premises_id, collector_id FROM assignments"
                   " WHERE estate_id = 1 ORDER BY premises_id LIMIT 1")[0]
    lead = staff("zuzhang")
    csrf = lead.get("/staff/arrears?estate=1").csrf()
    board = "/staff/arrears?estate=1&all=1"
    board_tricks = ["/staff/arrears" + t for t in TRICKS if t.startswith("/")]
    for back in TRICKS + STAFF_TRICKS + board_tricks + [
            "/staff/arrearsevil", "/staff/kpi", "/"]:
        r = lead.post("/staff/arrears/assign", {
            "csrf": csrf, "estate": "1", "to": "0", "premises": pid,
            "back": back})
        if len(back) > 1024:
            # the field's declared limit answers first
            check(r.status == 400, "back= of %d: %r", len(back), r)
            continue
        # and what was done, for the board to say (已将 1 户改为未分配)
        check(r.status == 303 and r.header("Location") == board + "&assigned=1&to=0",
              "back=%r: %r %r", back, r, r.header("Location"))
    good = "/staff/arrears?estate=1&tier=red"
    r = lead.post("/staff/arrears/assign", {
        "csrf": csrf, "estate": "1", "to": "0", "premises": pid,
        "back": good})
    check(r.header("Location") == good + "&assigned=1&to=0", "good back= lost: %r",
          r.header("Location"))
    check(sql1("SELECT COUNT(*) FROM assignments WHERE premises_id = %s"
               % pid) == "0", "the household got a collector")
    r = lead.post("/staff/arrears/assign", {
        "csrf": csrf, "estate": "1", "to": had, "premises": pid, "back": good})
    check(r.status == 303, "given back: %r", r)
