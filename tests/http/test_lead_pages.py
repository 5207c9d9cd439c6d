"""test_lead_pages.py - issue 8, team leads and managers: what they stumbled
on, each sent as the page's own form sends it.

  - the arrears board's assign form names each household (its checkboxes
    rendered value="", so 分配 answered 404 and no collector's list
    filled);
  - the case file says whom to call: the owners, their phones as tel:
    links, the premises;
  - the audit log reads in Chinese, and every action code written has
    its words;
  - a credit awaiting approval shows the money approving makes;
  - a collector asks for a void, a lead or manager approves or refuses,
    nobody decides their own request or a payment they took, one open
    request per receipt, each form recorded once;
  - the meter upload offers a template file, and "3" for "3栋" gets a hint.

Each test failed on the code before issue 8 (the message it gave is in
its comments)."""

import glob
import html
import os
import re
import secrets
import urllib.parse

from lib import ROOT, check, sql, sql1, staff, test, text_of
from test_faults import Estate
from test_money import household_with_open_bills, pay, receipt_id, today


def fresh():
    """A form token no other form has spent (a page shows no form)."""
    return secrets.token_hex(16)


def post_fields(c, path, fields):
    body = urllib.parse.urlencode(fields).encode()
    return c.request("POST", path, body=body,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})


def staff_id(username):
    return sql1("SELECT id FROM staff WHERE username = '%s'" % username)


# -- the arrears board's assign form -------------------------------------------

def assign_form(page):
    """The assign form as the page draws it: its hidden fields, each row's
    checkbox value by the row's household, and the collectors offered."""
    m = re.search(r'<form method="post" action="/staff/arrears/assign"(.*?)</form>',
                  page.body, re.S)
    check(m, "no assign form on the board")
    form = m.group(1)
    hidden = [(k, html.unescape(v)) for k, v in re.findall(
        r'<input type="hidden" name="(\w+)" value="([^"]*)"', form)]
    boxes = re.findall(r'<tr data-premises="(\d+)"[^>]*>.*?<input type="checkbox"'
                       r' name="premises" value="([^"]*)"', form)
    to = re.findall(r'<option value="(\d+)">([^<]+)</option>', form)
    return hidden, boxes, dict((name, v) for v, name in to)


def send_assign(c, page, pids, to):
    hidden, _, _ = assign_form(page)
    return post_fields(c, "/staff/arrears/assign",
                       hidden + [("premises", p) for p in pids] + [("to", to)])


@test
def every_checkbox_of_the_board_names_its_household():
    # before: every box was value="" (the section read the page's ID)
    page = staff("zuzhang").get("/staff/arrears?estate=1&tier=yellow&all=1")
    _, boxes, _ = assign_form(page)
    check(len(boxes) == 30, "%d checkboxes on a page of 30", len(boxes))
    wrong = [(row, box) for row, box in boxes if row != box]
    check(not wrong, "checkboxes not naming their row: %r", wrong[:3])


@test
def a_lead_assigns_one_household_and_the_collector_sees_it_in_their_list():
    lead = staff("zuzhang")
    page = lead.get("/staff/arrears?estate=1&tier=yellow&all=1&page=2")
    hidden, boxes, to = assign_form(page)
    name = sql1("SELECT name FROM staff WHERE username = 'shoufei1'")
    check(to.get(name) == staff_id("shoufei1"), "shoufei1 not offered: %r", to)
    pid = boxes[0][1]
    r = send_assign(lead, page, [pid], to[name])
    # before: 404 (the household "" does not exist)
    check(r.status == 303, "assign: %r", r)
    check(dict(hidden).get("back", "").startswith("/staff/arrears?") and
          r.header("Location").startswith(dict(hidden)["back"] + "&assigned=1&"),
          "not back to the page it came from: %r", r.header("Location"))
    check(sql1("SELECT collector_id FROM assignments WHERE premises_id = %s" % pid)
          == staff_id("shoufei1"), "household %s not assigned", pid)
    back = lead.get(r.header("Location"))
    row = re.search(r'<tr data-premises="%s".*?</tr>' % pid, back.body, re.S)
    check(row and 'class="collector">%s<' % name in row.group(0),
          "the board does not show the new collector: %s", row and row.group(0))
    mine = staff("shoufei1").get("/staff/arrears")
    check('data-premises="%s"' % pid in mine.body,
          "the household is not in shoufei1's 我的名单")


@test
def a_lead_assigns_several_households_and_takes_them_back():
    lead = staff("zuzhang")
    page = lead.get("/staff/arrears?estate=1&tier=green&all=1&page=2")
    _, boxes, to = assign_form(page)
    pids = [b for _, b in boxes[:3]]
    r = send_assign(lead, page, pids, staff_id("shoufei3"))
    check(r.status == 303, "assign several: %r", r)
    got = sql("SELECT premises_id FROM assignments WHERE collector_id = %s AND"
              " premises_id IN (%s) ORDER BY premises_id" % (staff_id("shoufei3"),
                                                            ",".join(pids)))
    check(sorted(p for (p,) in got) == sorted(pids), "assigned %r of %r", got, pids)
    check("（取消分配）" in page.body and to, "no way to take households back")
    page = lead.get(r.header("Location"))
    r = send_assign(lead, page, pids[:2], "0")
    check(r.status == 303, "unassign: %r", r)
    left = sql("SELECT premises_id FROM assignments WHERE premises_id IN (%s)"
               % ",".join(pids))
    check(left == [[pids[2]]], "after taking two back: %r", left)


# -- the case file: whom to call -------------------------------------------------

@test
def the_case_file_shows_the_owners_their_phones_and_the_premises():
    pid = sql1("SELECT po.premises_id FROM premises_owners po JOIN owners o"
               " ON o.id = po.owner_id WHERE o.phone = '13800000002'")
    page = staff("zuzhang").get("/staff/households/%s/case" % pid)
    check(page.status == 200, "%r", page)
    top = page.body.split("<h2>", 1)[0]
    owners = sql("SELECT o.name, o.phone FROM premises_owners po JOIN owners o"
                 " ON o.id = po.owner_id WHERE po.premises_id = %s" % pid)
    for name, phone in owners:
        # before: neither the name nor the phone was on the case file
        check(name in top, "owner %s not at the top", name)
        check('href="tel:%s"' % phone in top, "no tel: link for %s", phone)
    check("5栋1单元602室" in text_of(top) and "锦华苑" in top, "premises not at the top")


# -- the audit log, in Chinese ---------------------------------------------------

ACTION_CALL = re.compile(r'(?:\baudit\(\s*(?:r->ctx|ctx)\s*,|\(struct audit_row\)\s*\{)'
                         r'[^;]*?"([a-z_]+\.[a-z_]+)"', re.S)


def action_labels():
    """label_action()'s table in labels.c: {code: words}."""
    with open(os.path.join(ROOT, "cgi-bin", "core", "labels.c")) as f:
        src = f.read()
    m = re.search(r"label_action\(const char \*c\)\s*\{(.*?)\n\}", src, re.S)
    check(m, "labels.c has no label_action()")
    return dict(re.findall(r'\{ "([a-z_.]+)", "([^"]+)" \}', m.group(1)))


@test
def every_audit_action_written_has_chinese_words():
    written = set()
    for path in glob.glob(os.path.join(ROOT, "cgi-bin", "*", "*.c")):
        with open(path) as f:
            written |= set(ACTION_CALL.findall(f.read()))
    check(len(written) >= 20, "found only %r", sorted(written))
    labels = action_labels()
    missing = sorted(written - set(labels))
    check(not missing, "audit actions without words: %s", ", ".join(missing))
    check(all(re.search(r"[\u4e00-\u9fff]", w) for w in labels.values()),
          "a label is not Chinese")


def audit_rows(c, query="estate=1"):
    page = c.get("/staff/audit?" + query)
    check(page.status == 200, "%r", page)
    return page, re.findall(r'<tr data-action="([a-z_.]+)">(.*?)</tr>', page.body, re.S)


@test
def the_audit_log_says_who_did_what_to_which_household_and_receipt():
    pid = household_with_open_bills(1)
    c = staff("shoufei1")
    r = pay(c, pid, "23.45")
    check(r.status == 303, "pay: %r", r)
    rid = receipt_id(r)
    lead = staff("zuzhang")
    page = lead.get("/staff/receipts/%d" % rid)
    r = lead.post("/staff/receipts/%d/void" % rid, {
        "csrf": page.csrf(), "form_token": page.token("/void"), "reason": "收错户了"})
    check(r.status == 303, "void: %r", r)
    page, rows = audit_rows(lead)
    voids = [cells for act, cells in rows if act == "receipt.void" and
             "/staff/receipts/%d\"" % rid in cells]
    pays = [cells for act, cells in rows if act == "payment.create" and
            "/staff/receipts/%d\"" % rid in cells]
    # before: "receipt.void", "receipt 1234" and -2345 as "-23.45"
    check(voids and pays, "the payment and its void are not linked to the receipt")
    number = sql1("SELECT number FROM receipts WHERE id = %d" % rid)
    for cells, who, what, amount in ((pays[0], "shoufei1", "收款", "¥23.45"),
                                     (voids[0], "zuzhang", "作废", "−¥23.45")):
        text = text_of(cells)
        name = sql1("SELECT name FROM staff WHERE username = '%s'" % who)
        check(name in text, "%s: not by %s: %s", what, name, text)
        check(re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?!\.)", text),
              "%s: time not to the second: %s", what, text)
        check(what in text and amount in text, "%s: %s", what, text)
        check('href="/staff/households/%s"' % pid in cells,
              "%s: no link to the household", what)
        check(number in text, "%s: receipt number missing", what)
        check(not re.search(r"[a-z]+\.[a-z]+", text), "%s: a code shown: %s", what, text)
    check("原因：收错户了" in text_of(voids[0]), "the void's reason: %s", voids[0])
    # the action filter, in Chinese
    check('<option value="receipt.void">作废</option>' in page.body,
          "the action filter is not in Chinese")
    _, only = audit_rows(lead, "estate=1&action=receipt.void")
    check(only and all(a == "receipt.void" for a, _ in only), "filter: %r",
          [a for a, _ in only])


@test
def the_audit_log_names_owners_and_the_system():
    # the latest payment an owner made online in the demo, on its page
    oid, name, day, at, aid = sql(
        "SELECT a.actor_id, o.name, DATE(a.at), a.at, a.id FROM audit_log a"
        " JOIN owners o ON o.id = a.actor_id WHERE a.estate_id = 1 AND"
        " a.actor_kind = 'owner' AND a.action = 'payment.create'"
        " ORDER BY a.at DESC, a.id DESC LIMIT 1")[0]
    after = int(sql1("SELECT COUNT(*) FROM audit_log WHERE estate_id = 1 AND"
                     " action = 'payment.create' AND DATE(at) = '%s' AND (at > '%s' OR"
                     " (at = '%s' AND id > %s))" % (day, at, at, aid)))
    _, rows = audit_rows(staff("jingli"), "estate=1&action=payment.create&from=%s&to=%s"
                         "&page=%d" % (day, day, after // 50 + 1))
    check(any("业主 %s" % name in text_of(cells) for _, cells in rows),
          "owner %s not shown as 业主 %s", oid, name)
    # a billing run is the system's
    e = Estate("L8A")
    e.run(today()[:7])
    c = staff("jingli")
    _, rows = audit_rows(c, "estate=%s&action=billing.run" % e.id)
    check(rows and all("系统" in text_of(cells) and "出账" in text_of(cells)
                       for _, cells in rows), "billing runs: %r",
          [text_of(cells) for _, cells in rows])


# -- credits: the money before the click -----------------------------------------

@test
def a_pending_credit_shows_the_money_approving_makes():
    pid = household_with_open_bills(1)
    oid = sql1("SELECT owner_id FROM premises_owners WHERE premises_id = %s"
               " ORDER BY is_primary DESC, owner_id LIMIT 1" % pid)
    c = staff("shoufei1")
    page = c.get("/staff/households/%s/credits/new" % pid)
    r = c.post("/staff/households/%s/credits" % pid, {
        "csrf": page.csrf(), "form_token": page.token(), "owner": oid,
        "activity_date": today(), "activity": "楼道清扫", "hours": "1.25",
        "note": ""})
    check(r.status == 303, "log: %r", r)
    cid = sql1("SELECT MAX(id) FROM service_credits WHERE premises_id = %s" % pid)
    rate = int(sql1("SELECT credit_hour_fen FROM estates WHERE id = 1"))
    check(rate > 0, "the demo estate has no hourly rate")
    fen = (125 * rate + 50) // 100          # halves away from zero
    shown = "¥{:,}.{:02d}".format(fen // 100, fen % 100)
    m = staff("jingli")
    lst = m.get("/staff/credits?estate=1&status=pending")
    card = re.search(r'data-credit="%s">(.*?)</section>' % cid, lst.body, re.S)
    check(card, "credit %s not listed", cid)
    # before: no amount until approved
    check('class="amount credit-amount">%s<' % shown in card.group(1),
          "the card does not show %s: %s", shown, text_of(card.group(1)))
    r = m.post("/staff/credits/%s/approve" % cid, {"csrf": lst.csrf()})
    check(r.status == 303, "approve: %r", r)
    made = sql1("SELECT p.amount_fen FROM service_credits sc JOIN payments p"
                " ON p.id = sc.payment_id WHERE sc.id = %s" % cid)
    check(made == str(fen), "approving made %s fen, the page said %d", made, fen)


# -- void requests ------------------------------------------------------------------

def paid_receipt(by="shoufei1", amount="31.20"):
    pid = household_with_open_bills(1)
    r = pay(staff(by), pid, amount)
    check(r.status == 303, "pay: %r", r)
    return receipt_id(r)


def ask(c, rid, reason="金额收错了", token=None):
    page = c.get("/staff/receipts/%d" % rid)
    check(page.status == 200, "%r", page)
    return page, c.post("/staff/receipts/%d/void-requests" % rid, {
        "csrf": page.csrf(), "form_token": token or page.token("/void-requests"),
        "reason": reason})


def open_request(rid):
    return sql1("SELECT id FROM void_requests WHERE receipt_id = %d AND status = 'open'"
                % rid)


def decide(c, rid, what, reason=None, token=None):
    page = c.get("/staff/receipts/%d" % rid)
    vid = open_request(rid) or sql1("SELECT MAX(id) FROM void_requests WHERE"
                                    " receipt_id = %d" % rid)
    fields = {"csrf": page.csrf(), "form_token": token or (
        page.token("/%s" % what) if "/%s\"" % what in page.body else fresh())}
    if reason is not None:
        fields["reason"] = reason
    return page, c.post("/staff/void-requests/%s/%s" % (vid, what), fields)


def voided(rid):
    return sql1("SELECT COUNT(*) FROM receipt_voids WHERE receipt_id = %d" % rid)


@test
def a_collector_asks_for_a_void_and_a_lead_approves_it_once():
    rid = paid_receipt()
    coll = staff("shoufei1")
    page, r = ask(coll, rid, reason="")
    check('action="/staff/receipts/%d/void-requests"' % rid in page.body,
          "the collector is offered no request form")
    check(r.status == 400 and "作废原因" in r.body, "no reason accepted: %r", r)
    page, r = ask(coll, rid)
    check(r.status == 303 and r.header("Location") == "/staff/receipts/%d?asked=1" % rid,
          "ask: %r", r)
    token = page.token("/void-requests")
    _, again = ask(coll, rid, token=token)
    check(again.status == 303, "the same form sent again: %r", again)
    check(sql1("SELECT COUNT(*) FROM void_requests WHERE receipt_id = %d" % rid) == "1",
          "the request was recorded twice")
    check("等待组长或经理审批" in coll.get("/staff/receipts/%d?asked=1" % rid).body,
          "the collector is not told it waits")
    # another request while this one is open: refused by the unique key
    _, r = ask(staff("shoufei2"), rid, reason="另一次申请", token=fresh())
    check(r.status == 409 and "待审批" in r.body, "second open request: %r", r)
    lead = staff("zuzhang")
    reg = lead.get("/staff/receipts?estate=1")
    check(re.search(r'<li data-request="%s"><a href="/staff/receipts/%d">'
                    % (open_request(rid), rid), reg.body),
          "the request is not on the lead's list in the register")
    page, r = decide(lead, rid, "approve")
    check("批准作废" in page.body and "金额收错了" in page.body,
          "the receipt page does not show the request to decide")
    check(r.status == 303 and r.header("Location") == "/staff/receipts/%d?voided=1" % rid,
          "approve: %r", r)
    check(voided(rid) == "1", "not voided")
    check(sql("SELECT reason, approved_by FROM receipt_voids WHERE receipt_id = %d" % rid)
          == [["金额收错了", staff_id("zuzhang")]], "void not by the lead with the reason")
    check(sql1("SELECT status FROM void_requests WHERE receipt_id = %d" % rid) == "approved",
          "request still open")
    # the same approval sent again answers as the first did, voids nothing more
    vid = sql1("SELECT id FROM void_requests WHERE receipt_id = %d" % rid)
    token = re.search(r'/void-requests/%s/approve".*?name="form_token" value="(\w+)"'
                      % vid, page.body, re.S).group(1)
    r = lead.post("/staff/void-requests/%s/approve" % vid, {
        "csrf": page.csrf(), "form_token": token})
    check(r.status == 303, "approval sent again: %r", r)
    check(sql1("SELECT COUNT(*) FROM payments WHERE reverses_id = (SELECT payment_id"
               " FROM receipts WHERE id = %d)" % rid) == "1", "reversed twice")
    check('data-request="%s"' % vid not in lead.get("/staff/receipts?estate=1").body,
          "still listed as pending")


@test
def a_lead_refuses_a_void_request_with_a_reason():
    rid = paid_receipt()
    coll = staff("shoufei1")
    _, r = ask(coll, rid, reason="客户要求")
    check(r.status == 303, "ask: %r", r)
    lead = staff("zuzhang")
    _, r = decide(lead, rid, "refuse", reason="")
    check(r.status == 400 and "请填写驳回原因" in r.body, "refused without a reason: %r", r)
    check(open_request(rid), "a refusal without reason closed it")
    _, r = decide(lead, rid, "refuse", reason="金额无误，不予作废")
    check(r.status == 303 and r.header("Location") == "/staff/receipts/%d?refused=1" % rid,
          "refuse: %r", r)
    check(sql("SELECT status, refusal, decided_by FROM void_requests WHERE receipt_id = %d"
              % rid) == [["refused", "金额无误，不予作废", staff_id("zuzhang")]],
          "refusal not recorded")
    check(voided(rid) == "0", "a refused request voided the receipt")
    page = coll.get("/staff/receipts/%d" % rid)
    check("金额无误，不予作废" in page.body, "the collector does not see why")
    # approving after the refusal is refused
    _, r = decide(staff("jingli"), rid, "approve", token=fresh())
    check(r.status == 409 and "已经处理过了" in r.body, "decided twice: %r", r)
    check(voided(rid) == "0", "voided after a refusal")
    check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'void.refuse' AND"
               " entity_id = %d" % rid) == "1", "the refusal is not audited")


@test
def nobody_decides_their_own_request_or_a_payment_they_took():
    # a lead who took the payment asks; neither they nor ... decide it
    rid = paid_receipt(by="zuzhang")
    lead = staff("zuzhang")
    page, r = ask(lead, rid, reason="组长收错")
    check(r.status == 303, "a lead could not ask for the void of their payment: %r", r)
    page, r = decide(lead, rid, "approve", token=fresh())
    check("批准作废" not in page.body, "the asker is offered the approval")
    check(r.status == 403, "the asker approved their own request: %r", r)
    _, r = decide(lead, rid, "refuse", reason="算了", token=fresh())
    check(r.status == 403, "the asker decided their own request: %r", r)
    check(voided(rid) == "0" and open_request(rid), "changed by the asker")
    _, r = decide(staff("jingli"), rid, "approve")
    check(r.status == 303 and voided(rid) == "1", "the manager could not approve: %r", r)
    # a collector's request for a lead's payment: that lead may not decide
    rid = paid_receipt(by="zuzhang")
    _, r = ask(staff("shoufei1"), rid)
    check(r.status == 303, "ask: %r", r)
    page, r = decide(lead, rid, "approve", token=fresh())
    check("批准作废" not in page.body and "本人收取" in page.body,
          "the lead is offered the void of their own payment")
    check(r.status == 403 and voided(rid) == "0", "approved by the one who took it: %r", r)
    _, r = decide(lead, rid, "refuse", reason="不批", token=fresh())
    check(r.status == 403 and open_request(rid), "refused by the one who took it: %r", r)
    # a collector may not decide at all
    _, r = decide(staff("shoufei2"), rid, "approve", token=fresh())
    check(r.status == 403 and voided(rid) == "0", "a collector approved: %r", r)


@test
def a_void_settles_the_open_request_and_a_void_receipt_takes_no_request():
    rid = paid_receipt()
    _, r = ask(staff("shoufei1"), rid)
    check(r.status == 303, "ask: %r", r)
    m = staff("jingli")
    page = m.get("/staff/receipts/%d" % rid)
    # the page offers the request, not the bare void form; sent anyway,
    # the void settles the request
    r = m.post("/staff/receipts/%d/void" % rid, {
        "csrf": page.csrf(), "form_token": fresh(), "reason": "经理直接作废"})
    check(r.status == 303 and voided(rid) == "1", "void: %r", r)
    check(not open_request(rid), "the request stayed open after the void")
    _, r = ask(staff("shoufei1"), rid, token=fresh())
    check(r.status == 409 and "已经作废" in r.body, "a request on a void receipt: %r", r)
    # another estate's receipt is not found
    other = sql1("SELECT id FROM receipts WHERE estate_id = 2 ORDER BY id LIMIT 1")
    c = staff("shoufei1")
    csrf = c.get("/staff/receipts").csrf()
    r = c.post("/staff/receipts/%s/void-requests" % other, {
        "csrf": csrf, "form_token": fresh(), "reason": "别的小区"})
    check(r.status == 404, "another estate's receipt: %r", r)


# -- meters: a template, and a hint for "3" ------------------------------------------

class MeterEstate(Estate):
    """A test estate with a water meter item."""

    def __init__(self, code):
        super().__init__(code)
        sql("INSERT INTO fee_items (estate_id, code, name, basis, unit_name, sort)"
            " VALUES (%s, 'SF', '水费', 'meter', '吨', 3)" % self.id)
        item = sql1("SELECT id FROM fee_items WHERE estate_id = %s AND code = 'SF'"
                    % self.id)
        sql("INSERT INTO fee_rates (estate_id, fee_item_id, occupancy, rate_fen,"
            " from_period) VALUES (%s, %s, 'occupied', 345, '2020-01-01')"
            % (self.id, item))


def upload(c, estate, data, name="readings.csv"):
    page = c.get("/staff/meters?estate=%s" % estate)
    check(page.status == 200, "%r", page)
    token = page.token("/meters/upload")
    boundary = "----propfee8"
    parts = []
    for k, v in (("csrf", page.csrf()), ("form_token", token), ("estate", str(estate)),
                 ("period", today()[:7])):
        parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                      % (boundary, k, v)).encode())
    parts.append(('--%s\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\n'
                  'Content-Type: text/csv\r\n\r\n' % (boundary, name)).encode() + data +
                 b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode())
    return c.request("POST", "/staff/meters/upload", body=b"".join(parts), headers={
        "Content-Type": "multipart/form-data; boundary=%s" % boundary})


@test
def the_meter_page_offers_a_template_that_uploads_as_it_is():
    e = MeterEstate("L8M")
    c = staff("shoufei1")
    page = c.get("/staff/meters?estate=%s" % e.id)
    href = "/staff/meters/template.csv?estate=%s" % e.id
    # before: no template to download
    check('href="%s"' % href in page.body, "no template link on the meters page")
    r = c.get(href)
    check(r.status == 200 and r.header("Content-Type").startswith("text/csv"),
          "template: %r", r)
    check("attachment" in (r.header("Content-Disposition") or ""), "not a download")
    check(r.raw.startswith(b"\xef\xbb\xbf"), "no BOM: Excel shows mojibake")
    lines = r.raw[3:].decode("utf-8").strip().split("\r\n")
    check(lines[0] == "楼栋,单元,房号,项目,上期读数,本期读数", "header %r", lines[0])
    check(len(lines) == 2 and lines[1].startswith("1栋,1,101,水费,"),
          "example row %r", lines[1:])
    r = upload(c, e.id, r.raw, "meter-readings-template.csv")
    check(r.status == 303, "the template as downloaded is refused: %r", r)
    check(sql1("SELECT COUNT(*) FROM meter_readings WHERE estate_id = %s" % e.id) == "1",
          "the example row was not read")
    r = c.get("/staff/meters/template.csv?estate=1")
    check(r.status == 200, "the demo estate's template: %r", r)
    check(c.get("/staff/meters/template.csv?estate=%s" % sql1(
        "SELECT id FROM estates WHERE id NOT IN (SELECT estate_id"
        " FROM staff_estates se JOIN staff s ON s.id = se.staff_id WHERE"
        " s.username = 'shoufei1') ORDER BY id LIMIT 1")).status == 404,
          "another estate's template")


@test
def a_building_written_without_its_suffix_gets_a_hint():
    e = MeterEstate("L8H")
    c = staff("shoufei1")
    data = "楼栋,单元,房号,项目,上期读数,本期读数\n1,1,101,水费,10,12\n1栋,1单元,101,水费,10,12\n" \
           "9栋,1,101,水费,10,12\n".encode()
    r = upload(c, e.id, data)
    check(r.status == 422, "bad rows accepted: %r", r)
    body = text_of(r.body)
    # before: only "找不到房屋 1 1 101"
    check("第 2 行：找不到房屋 1 1 101（楼栋请写完整，例如“1栋”）" in body,
          "no hint for the building: %s", re.findall(r"第 2 行：[^<]*", r.body))
    check("单元只写数字" in body, "no hint for 1单元")
    check("本小区没有“9栋”这个楼栋" in body, "no word on an unknown building")
    check(sql1("SELECT COUNT(*) FROM meter_readings WHERE estate_id = %s" % e.id) == "0",
          "a reading of the refused file was saved")
