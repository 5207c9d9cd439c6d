"""test_prg.py - a form sent with mistakes, from a browser (issue 8):
post/redirect/get, so that a reload or Back never sends it again and
never answers 405, and the form's page shows the mistakes on GET."""

import re

from lib import BASE_PORT, check, sql1, staff, test
from test_money import household_with_open_bills


def referer(path):
    return {"Referer": "http://127.0.0.1:%d%s" % (BASE_PORT, path)}


@test
def a_form_with_mistakes_redirects_to_its_page_which_shows_them():
    c = staff("shoufei1")
    pid = household_with_open_bills(1)
    form = "/staff/households/%s/pay" % pid
    page = c.get(form)
    n = sql1("SELECT COUNT(*) FROM payments")
    r = c.post(form, {"csrf": page.csrf(), "form_token": page.token(), "amount": "12.345",
                      "channel": "cash", "payer_name": "张三"}, headers=referer(form))
    check(r.status == 303, "a browser's form with mistakes: %r", r)
    loc = r.header("Location")
    check(re.fullmatch(r"%s\?flash=[0-9a-f]{32}" % re.escape(form), loc or ""),
          "sent to %r", loc)
    for _ in range(2):            # the page, then a reload of it
        shown = c.get(loc)
        check(shown.status == 400, "the form's page: %r", shown)
        check("两位小数" in shown.body and 'value="12.345"' in shown.body,
              "the mistake and the value are not shown again")
    check(sql1("SELECT COUNT(*) FROM payments") == n, "a payment was recorded")
    # another session cannot read it: sent to the live form
    other = staff("shoufei2")
    got = other.get(loc)
    check(got.status == 303 and got.header("Location") == form and "12.345" not in got.body,
          "another session saw it: %r", got)
    # no Referer (a script, these tests): the answer as before
    r = c.post(form, {"csrf": page.csrf(), "form_token": page.token(), "amount": "x",
                      "channel": "cash", "payer_name": "张三"})
    check(r.status == 400, "without a Referer: %r", r)


def open_case(lead, order="ASC"):
    """Opens a case file on the first (or last) household without one:
    (the case file's page, the case's id)."""
    pid = sql1("SELECT p.id FROM premises p WHERE p.estate_id = 1 AND NOT EXISTS"
               " (SELECT 1 FROM case_files cf WHERE cf.premises_id = p.id)"
               " ORDER BY p.id %s LIMIT 1" % order)
    form = "/staff/households/%s/case" % pid
    page = lead.get(form)
    r = lead.post(form, {"csrf": page.csrf(), "form_token": page.token("/case"),
                         "category": "other", "cause": "长期在外", "plan": "电话联系"})
    check(r.status == 303, "open: %r", r)
    return form, sql1("SELECT id FROM case_files WHERE premises_id = %s AND status = 'open'"
                      % pid)


@test
def a_post_only_address_never_answers_405_to_a_browser_reload():
    # The case: a promise with a date in the past, on a case file.
    lead = staff("zuzhang")
    form, cid = open_case(lead)
    page = lead.get(form)
    before = sql1("SELECT COUNT(*) FROM case_promises WHERE case_id = %s" % cid)
    r = lead.post("/staff/cases/%s/promises" % cid, {
        "csrf": page.csrf(), "form_token": page.token("/promises"), "amount": "100",
        "due": "2020-01-01"}, headers=referer(form))
    check(r.status == 303 and r.header("Location").startswith(form + "?flash="),
          "%r", r)
    shown = lead.get(r.header("Location"))
    check(shown.status == 400 and "不能早于今天" in shown.body, "%r", shown)
    check(sql1("SELECT COUNT(*) FROM case_promises WHERE case_id = %s" % cid) == before,
          "a promise was recorded")
    # a Referer of another site is not followed
    r = lead.post("/staff/cases/%s/promises" % cid, {
        "csrf": page.csrf(), "form_token": page.token("/promises"), "amount": "100",
        "due": "2020-01-01"}, headers={"Referer": "http://evil.example%s" % form})
    check(r.status == 400, "a foreign Referer: %r", r)
