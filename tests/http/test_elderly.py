"""test_elderly.py - elderly mode (适老化, issue 13; core/elder.h): the
owner portal's 长辈模式, remembered per owner and on by default for an
owner of 80 or over until they switch it off; 一键缴纳逾期 on the pay
page, one tap to the order; 上门收费预约, which lands on the list of the
household's own collector and of no other, which that collector closes
(audited), and which another owner cannot see or cancel (404). A form
with mistakes comes back with a Chinese message by the field, 4xx, and
nothing changed."""

import datetime
import re
import secrets

from lib import Client, check, owner, sql, sql1, staff, test

ELDER = "13800000002"      # 86, 5栋1单元602室 (shoufei2 has 5-8栋)
YOUNGER = "13800000001"    # 3栋2单元301室 and a shop (shoufei1)


def owner_id(phone):
    return int(sql1("SELECT id FROM owners WHERE phone = '%s'" % phone))


def premises_of(phone):
    return int(sql1("SELECT MIN(po.premises_id) FROM premises_owners po JOIN owners o"
                    " ON o.id = po.owner_id WHERE o.phone = '%s'" % phone))


def body_class(page):
    m = re.search(r'<body class="([^"]*)"', page.body)
    check(m, "no body class")
    return m.group(1).split()


def reset_mode(*phones):
    for p in phones:
        sql("UPDATE owners SET elder_mode = NULL WHERE phone = '%s'" % p)


def clear_visits(premises):
    sql("DELETE FROM visit_requests WHERE premises_id = %d" % premises)


def day(n):
    """n days after today in China time, as the form sends it."""
    now = datetime.datetime.utcnow() + datetime.timedelta(hours=8)
    return (now.date() + datetime.timedelta(days=n)).isoformat()


def book(c, pid, fields=None, token=None):
    page = c.get("/premises/%d/visit" % pid)
    check(page.status == 200, "visit page: %r", page)
    form = {"csrf": page.csrf(), "day": day(1), "half": "am", "note": ""}
    form["form_token"] = token or page.token("/visit")
    form.update(fields or {})
    return c.post("/premises/%d/visit" % pid, form)


def open_visit(pid):
    return sql1("SELECT COALESCE(MAX(id), 0) FROM visit_requests WHERE premises_id = %d"
                " AND status = 'open'" % pid)


@test
def the_mode_is_on_by_default_for_an_owner_over_80_and_off_for_a_younger_one():
    reset_mode(ELDER, YOUNGER)
    year = datetime.date.today().year
    check(int(sql1("SELECT birth_year FROM owners WHERE phone = '%s'" % ELDER)) <= year - 80,
          "the demo owner over 80 is not")
    check(int(sql1("SELECT birth_year FROM owners WHERE phone = '%s'" % YOUNGER)) > year - 80,
          "the younger demo owner is 80")
    old = owner(ELDER)
    for path in ("/", "/premises/%d/pay" % premises_of(ELDER), "/payments", "/messages"):
        page = old.get(path)
        check(page.status == 200 and "elder" in body_class(page),
              "%s of the owner over 80 is not in 长辈模式: %r", path, page)
    check("长辈模式已开启" in old.get("/").body, "the home page does not say the mode is on")
    young = owner(YOUNGER)
    for path in ("/", "/payments"):
        page = young.get(path)
        check(page.status == 200 and "elder" not in body_class(page),
              "%s of a younger owner is in 长辈模式", path)
    check("开启长辈模式" in young.get("/").body, "a younger owner is not offered the switch")
    # staff pages never
    check("elder" not in body_class(staff("shoufei2").get("/staff/arrears")),
          "a staff page is in 长辈模式")


@test
def the_switch_is_remembered_per_owner_across_sessions():
    reset_mode(ELDER, YOUNGER)
    try:
        c = owner(ELDER)
        home = c.get("/")
        r = c.post("/elder", {"csrf": home.csrf(), "mode": "off", "back": "home"})
        check(r.status == 303 and r.header("Location") == "/", "switching off: %r", r)
        check("elder" not in body_class(c.get("/")), "still on after switching off")
        check(sql1("SELECT elder_mode FROM owners WHERE phone = '%s'" % ELDER) == "0",
              "not stored")
        # a new session on another device: still off, whatever the age
        check("elder" not in body_class(owner(ELDER).get("/")), "on again in a new session")
        check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'owner.elder_mode'"
                   " AND entity_id = %d AND detail = 'off'" % owner_id(ELDER)) == "1",
              "no audit row")
        # a younger owner switches it on from the settings page
        y = owner(YOUNGER)
        page = y.get("/elder")
        check(page.status == 200 and "未开启" in page.body, "the settings page: %r", page)
        r = y.post("/elder", {"csrf": page.csrf(), "mode": "on"})
        check(r.status == 303 and r.header("Location") == "/elder?saved=1", "on: %r", r)
        check("elder" in body_class(owner(YOUNGER).get("/")), "not on in a new session")
        # ... which is theirs alone
        check("elder" not in body_class(owner(ELDER).get("/")), "one owner's switch moved another's")
    finally:
        reset_mode(ELDER, YOUNGER)


@test
def a_bad_switch_is_400_by_the_field_and_changes_nothing():
    reset_mode(YOUNGER)
    c = owner(YOUNGER)
    page = c.get("/elder")
    for form in ({"mode": "maybe"}, {}):
        form["csrf"] = page.csrf()
        r = c.post("/elder", form)
        check(r.status == 400 and "请点“开启长辈模式”或“关闭长辈模式”" in r.body,
              "a bad switch %r: %r", form, r)
    r = c.post("/elder", {"mode": "on"})
    check(r.status == 403, "no CSRF token: %r", r)
    check(sql1("SELECT elder_mode FROM owners WHERE phone = '%s'" % YOUNGER) == "NULL",
          "a refused switch changed the mode")


@test
def the_home_page_leads_with_one_big_action_and_the_pay_page_pays_overdue_in_one_tap():
    reset_mode(ELDER, YOUNGER)
    pid = premises_of(ELDER)
    c = owner(ELDER)
    home = c.get("/")
    owed = sql1("SELECT COALESCE(SUM(b.amount_fen - COALESCE((SELECT SUM(a.amount_fen)"
                " FROM allocations a WHERE a.bill_id = b.id), 0)), 0) FROM bills b"
                " WHERE b.premises_id = %d AND b.status IN ('unpaid', 'partial')"
                " AND b.due_date < CURDATE()" % pid)
    if owed == "0":
        # an earlier module of the lane paid it: the lead says so, no one-tap
        check("目前没有逾期未缴的费用" in home.body, "nothing past due, not said so")
        check("one-tap-form" not in c.get("/premises/%d/pay" % pid).body, "one-tap with nothing due")
        return
    lead = re.search(r'<div class="elder-lead">(.*?)</div>', home.body, re.S)
    check(lead and 'class="button primary huge pay-overdue" href="/premises/%d/pay' % pid
          in lead.group(1), "the home page does not lead with 缴纳逾期")
    check('href="/premises/%d/visit"' % pid in lead.group(1), "no 预约上门收费")
    check("tel:" in home.body, "no tap-to-call on the home page")
    pay = c.get("/premises/%d/pay" % pid)
    forms = re.findall(r'<form method="post" action="/premises/%d/pay" class="one-tap-form">'
                       r'(.*?)</form>' % pid, pay.body, re.S)
    check(len(forms) == 3, "one form a channel: %d", len(forms))
    for f in forms:
        check('name="what" value="overdue"' in f, "a one-tap form pays something else")
    channel = re.search(r'name="channel" value="(\w+)"', forms[0]).group(1)
    # the younger owner's pay page has none
    y = owner(YOUNGER)
    check("one-tap-form" not in y.get("/premises/%d/pay" % premises_of(YOUNGER)).body,
          "one-tap forms outside 长辈模式")
    # one tap: what the form holds, and the order is there
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', forms[0]))
    r = c.post("/premises/%d/pay" % pid, fields)
    check(r.status == 303 and re.match(r"/pay/P\w+$", r.header("Location") or ""),
          "one tap does not open the order: %r", r)
    otn = r.header("Location")[5:]
    due = sql1("SELECT SUM(b.amount_fen - COALESCE((SELECT SUM(a.amount_fen) FROM allocations a"
               " WHERE a.bill_id = b.id), 0)) FROM bills b WHERE b.premises_id = %d"
               " AND b.status IN ('unpaid', 'partial') AND b.due_date < CURDATE()" % pid)
    row = sql("SELECT amount_fen, channel, status FROM pay_orders WHERE out_trade_no = '%s'"
              % otn)[0]
    check(row[0] == due and row[1] == channel and row[2] == "created",
          "the order %r is not everything past due (%s) by %s", row, due, channel)
    order = c.get("/pay/%s" % otn)
    check(order.status == 200 and "elder" in body_class(order), "the order page: %r", order)
    # with the order open, the pay page offers only the way back to it:
    # no one-tap button (a tap would be refused, 409), one big 继续这笔订单
    again = c.get("/premises/%d/pay" % pid)
    check("one-tap-form" not in again.body, "one-tap buttons beside an open order")
    check(again.body.count("继续这笔订单") == 1 and re.search(
        r'<a class="button primary huge continue-order" href="/pay/%s">继续这笔订单</a>'
        % otn, again.body), "not one big 继续这笔订单 to the order: %s",
        re.findall(r".{80}继续这笔订单.{40}", again.body))
    # let its bills go again for whatever comes next
    c.post("/pay/%s/cancel" % otn, {"csrf": order.csrf()})


@test
def a_visit_request_lands_on_its_collector_s_list_and_no_other():
    pid = premises_of(ELDER)
    clear_visits(pid)
    try:
        c = owner(ELDER)
        r = book(c, pid, {"day": day(2), "half": "pm", "note": "请多按几次门铃"})
        check(r.status == 303 and r.header("Location") == "/premises/%d/visit?booked=1" % pid,
              "booking: %r", r)
        vid = open_visit(pid)
        check(vid != "0", "nothing booked")
        page = c.get("/premises/%d/visit?booked=1" % pid)
        check("预约成功" in page.body and "已预约上门收费" in page.body and "请多按几次门铃"
              in page.body and "下午" in page.body, "the owner does not see it booked")
        check(re.search(r'href="tel:\d+"', page.body), "no tap-to-call on the visit page")
        mine = staff("shoufei2")
        board = mine.get("/staff/arrears?estate=1")
        check('href="/staff/arrears/visits?estate=1"' in board.body and "visits-open-n" in board.body,
              "the collector's board does not lead to it")
        lst = mine.get("/staff/arrears/visits?estate=1")
        check(lst.status == 200 and 'data-visit="%s"' % vid in lst.body, "not on shoufei2's list")
        check("请多按几次门铃" in lst.body and 'href="tel:%s"' % ELDER in lst.body,
              "the list lacks the note or the phone")
        other = staff("shoufei1")
        check('data-visit="%s"' % vid not in other.get("/staff/arrears/visits?estate=1").body,
              "on another collector's list")
        # the lead sees every one
        check('data-visit="%s"' % vid in staff("zuzhang").get("/staff/arrears/visits").body,
              "not on the lead's list")
        # another collector cannot close it
        tok = other.get("/staff/arrears/visits").csrf()
        r = other.post("/staff/visit-requests/%s/close" % vid, {"csrf": tok, "outcome": "done"})
        check(r.status == 404, "another collector closes it: %r", r)
        # the collector's own: a bad outcome is 400 by the row, nothing changed
        tok = lst.csrf()
        r = mine.post("/staff/visit-requests/%s/close" % vid, {"csrf": tok, "outcome": "gone"})
        check(r.status == 400 and "请点「已上门」或「未联系上」" in r.body, "bad outcome: %r", r)
        check(open_visit(pid) == vid, "a refused close changed it")
        r = mine.post("/staff/visit-requests/%s/close" % vid,
                      {"csrf": tok, "outcome": "done", "note": "已收现金"})
        check(r.status == 303, "closing: %r", r)
        check(sql1("SELECT CONCAT(status, '/', close_note) FROM visit_requests WHERE id = %s"
                   % vid) == "done/已收现金", "not closed as done")
        check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'visit.done'"
                   " AND entity = 'premises' AND entity_id = %d" % pid) != "0", "no audit row")
        r = mine.post("/staff/visit-requests/%s/close" % vid, {"csrf": tok, "outcome": "done"})
        check(r.status == 409, "closed twice: %r", r)
        check("已上门" in c.get("/premises/%d/visit" % pid).body, "the owner does not see 已上门")
    finally:
        clear_visits(pid)


@test
def a_visit_form_with_mistakes_is_400_by_the_field_and_records_nothing():
    pid = premises_of(ELDER)
    clear_visits(pid)
    c = owner(ELDER)
    cases = [
        ({"day": ""}, "请"),
        ({"day": day(0)}, "最早只能约明天"),
        ({"day": day(15)}, "最远只能约到"),
        ({"day": "2026-02-30"}, ""),
        ({"half": "night"}, ""),
        ({"half": ""}, ""),
        ({"note": "长" * 201}, ""),
    ]
    for fields, words in cases:
        r = book(c, pid, fields)
        check(r.status == 400 and words in r.body and 'class="err"' in r.body,
              "%r: %r", fields, r)
        check(re.search(r'<p class="err">[^<]+</p>', r.body), "%r: no message by the field", fields)
    check(sql1("SELECT COUNT(*) FROM visit_requests WHERE premises_id = %d" % pid) == "0",
          "a refused form recorded something")


@test
def a_visit_is_booked_once_and_one_at_a_time_and_the_owner_cancels_it():
    pid = premises_of(ELDER)
    clear_visits(pid)
    try:
        c = owner(ELDER)
        page = c.get("/premises/%d/visit" % pid)
        token = page.token("/visit")
        form = {"csrf": page.csrf(), "form_token": token, "day": day(3), "half": "am"}
        r1 = c.post("/premises/%d/visit" % pid, form)
        r2 = c.post("/premises/%d/visit" % pid, form)
        check(r1.status == 303 and r2.status == 303, "sent twice: %r %r", r1, r2)
        check(sql1("SELECT COUNT(*) FROM visit_requests WHERE premises_id = %d" % pid) == "1",
              "one form made two requests")
        # a second request while one is open (a new form from another tab)
        r = book(c, pid, {"day": day(4)}, token=secrets.token_hex(16))  # a form never sent: other modules of the lane send "ab" * 16
        check(r.status == 409 and "已经有一个预约" in r.body, "a second open request: %r", r)
        vid = open_visit(pid)
        home = c.get("/")
        r = c.post("/visits/%s/cancel" % vid, {"csrf": home.csrf()})
        check(r.status == 303 and "cancelled=1" in (r.header("Location") or ""), "cancel: %r", r)
        check(sql1("SELECT status FROM visit_requests WHERE id = %s" % vid) == "cancelled",
              "not cancelled")
        r = c.post("/visits/%s/cancel" % vid, {"csrf": home.csrf()})
        check(r.status == 409, "cancelled twice: %r", r)
        # gone from the collector's open list
        lst = staff("shoufei2").get("/staff/arrears/visits?estate=1")
        m = re.search(r'data-visit="%s"[^>]*>(.*?)</' % vid, lst.body, re.S)
        check('<section class="card visit-request" data-visit="%s"' % vid not in lst.body,
              "a cancelled request is still to visit")
        check(m is not None, "the cancelled request is not among the recent ones")
        # and a new one may be booked
        check(book(c, pid, {"day": day(5)}).status == 303, "no new request after cancelling")
    finally:
        clear_visits(pid)


@test
def another_owner_s_visit_request_and_premises_are_404():
    pid = premises_of(ELDER)
    clear_visits(pid)
    try:
        check(book(owner(ELDER), pid).status == 303, "booking")
        vid = open_visit(pid)
        y = owner(YOUNGER)
        home = y.get("/")
        r = y.post("/visits/%s/cancel" % vid, {"csrf": home.csrf()})
        check(r.status == 404, "another owner cancels it: %r", r)
        check(open_visit(pid) == vid, "another owner's cancel changed it")
        check(y.get("/premises/%d/visit" % pid).status == 404, "another owner's visit page")
        r = y.post("/premises/%d/visit" % pid, {"csrf": home.csrf(), "day": day(2),
                                                "half": "am", "form_token": secrets.token_hex(16)})
        check(r.status == 404, "another owner books for it: %r", r)
        check(sql1("SELECT COUNT(*) FROM visit_requests WHERE premises_id = %d" % pid) == "1",
              "another owner's booking recorded")
        check(y.get("/visits/%s/cancel" % vid).status in (404, 405), "GET of the cancel")
        # no session: the login
        r = Client().post("/visits/%s/cancel" % vid, {})
        check(r.status == 403, "no session: %r", r)
    finally:
        clear_visits(pid)
