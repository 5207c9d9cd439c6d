"""test_user_flows.py - issue 8, the second trial by users and attackers:
flows and what users stumble on.

  - Back after a payment gave a fresh pre-filled pay form, one click from
    a second payment: the page now leads with the payment just taken, the
    amount is not filled in, and a new payment needs its box ticked;
  - Back after a form put right replayed the old error page (a receipt
    since voided shown valid): a kept answer is spent once a form of the
    session succeeds, and a spent ?flash= is sent to the live page;
  - the door-to-door list missed today's 上门POS visit;
  - a failed login answered the POST itself, so a reload sent the
    password again and counted another failed attempt;
  - 分配 with nothing ticked replaced the board with a bare error page,
    and a done assignment said nothing;
  - messages away from their field: the meter form's 本期读数, a credit's
    rejection reason (and the list's status filter lost), the settings'
    cross-checks one at a time, a fee rate's billed-month check;
  - the owner's bill said whom to call twice;
  - every demo premises had no collector;
  - 下载收据 opened the PDF instead of saving it.

Each test failed on the code before (what it saw is in its comments)."""

import re
import secrets
import urllib.parse

from lib import (BASE_PORT, Client, check, clear_login_attempts, owner, sql, sql1,
                 staff, test, text_of)
from test_money import household_with_open_bills, pay, receipt_id, today
from test_prg import open_case


def referer(path):
    """What a browser sends with a form from this page (flash.h)."""
    return {"Referer": "http://127.0.0.1:%d%s" % (BASE_PORT, path)}


def post(c, path, fields, headers=None):
    body = urllib.parse.urlencode(fields).encode()
    h = {"Content-Type": "application/x-www-form-urlencoded"}
    h.update(headers or {})
    return c.request("POST", path, body=body, headers=h)


def npayments(pid):
    return int(sql1("SELECT COUNT(*) FROM payments WHERE premises_id = %s" % pid))


def staff_id(username):
    return sql1("SELECT id FROM staff WHERE username = '%s'" % username)


# -- 1. Back after a payment -----------------------------------------------------

@test
def after_a_payment_the_pay_form_leads_with_it_and_a_new_one_needs_its_box():
    pid = household_with_open_bills(1)
    c = staff("shoufei1")
    r = pay(c, pid, "12.34")
    number = sql1("SELECT number FROM receipts WHERE id = %d" % receipt_id(r))
    page = c.get("/staff/households/%s/pay" % pid)       # Back: a fresh form
    t = text_of(page.body)
    check("刚刚已收款" in t and number in page.body and "¥12.34" in t and
          "收款人 王晓燕" in t, "the page does not lead with the payment just taken")
    # before: value="<what is past due>", one click from a second payment
    check(re.search(r'id="amount"[^>]*value=""', page.body),
          "the amount is filled in again")
    check('name="again"' in page.body, "no box to confirm a new payment")
    n = npayments(pid)
    fields = [("csrf", page.csrf()), ("form_token", page.token()), ("amount", "12.34"),
              ("channel", "cash"), ("payer_name", "张三")]
    r = post(c, "/staff/households/%s/pay" % pid, fields)
    # before: 303 to a second receipt
    check(r.status == 409, "a second payment without its box: %r", r)
    check(re.search(r'name="again"[^>]*autofocus[^>]*>[^<]*</label>\s*'
                    r'<p class="err">本户刚刚已收款', r.body),
          "the message is not next to the box")
    check(npayments(pid) == n, "a second payment was taken")
    r = post(c, "/staff/households/%s/pay" % pid, fields + [("again", "1")])
    check(r.status == 303 and npayments(pid) == n + 1, "the box ticked: %r", r)
    # a form sent twice still goes to its receipt, box or not
    r2 = post(c, "/staff/households/%s/pay" % pid, fields + [("again", "1")])
    check(r2.status == 303 and r2.header("Location").endswith("?dup=1") and
          npayments(pid) == n + 1, "the same form sent again: %r", r2)


# -- 2. a kept answer never shows stale state ----------------------------------

@test
def back_after_a_form_put_right_shows_the_live_page_not_the_old_error():
    pid = household_with_open_bills(1)
    rid = receipt_id(pay(staff("shoufei1"), pid, "8.00"))
    m = staff("jingli")
    path = "/staff/receipts/%d" % rid
    page = m.get(path)
    r = post(m, path + "/void", [("csrf", page.csrf()), ("form_token", page.token("/void")),
                                 ("reason", "")], referer(path))
    check(r.status == 303 and "flash=" in r.header("Location"), "refused void: %r", r)
    old = r.header("Location")
    check(m.get(old).status == 400, "the kept answer is not shown")
    r = post(m, path + "/void", [("csrf", page.csrf()), ("form_token", page.token("/void")),
                                 ("reason", "金额收错")], referer(old))
    check(r.status == 303, "the void put right: %r", r)
    back = m.get(old)                                    # Back
    # before: 400, the receipt valid and its void form open
    check(back.status == 303 and back.header("Location") == path,
          "Back replays the old error page: %r", back)
    live = m.get(path)
    check('data-status="void"' in live.body and 'action="%s/void"' % path not in live.body,
          "the live page is not the voided receipt")
    # a foreign, made-up or malformed one: the live page too
    for bad in ("0" * 32, "xyz"):
        got = m.get(path + "?flash=" + bad)
        check(got.status == 303 and got.header("Location") == path, "flash=%s: %r", bad, got)


# -- 3. the door-to-door list ---------------------------------------------------

def elder_on_the_list():
    """A household on the door-to-door list, not a demo login's, with no
    visit today and no payment in the last hour (another test's payment:
    the form would ask again). The demo's elders have all been visited
    some days (260 trips in 2025), so an earlier visit is allowed."""
    body = staff("zuzhang").get("/staff/arrears/elders?estate=1").body
    demo = set(p for (p,) in sql("SELECT po.premises_id FROM premises_owners po JOIN owners o"
                                 " ON o.id = po.owner_id WHERE o.phone LIKE '1380000000_'"))
    for pid in re.findall(r'<tr data-premises="(\d+)"', body):
        if pid not in demo and sql1("SELECT COUNT(*) FROM door_visits WHERE"
                                    " premises_id = %s AND visited_on = CURDATE()"
                                    % pid) == "0" and \
                sql1("SELECT COUNT(*) FROM payments WHERE premises_id = %s"
                     " AND paid_at >= NOW() - INTERVAL 1 HOUR" % pid) == "0":
            return pid
    check(False, "no household on the door-to-door list without a visit today")


def elders_row(pid):
    body = staff("zuzhang").get("/staff/arrears/elders?estate=1").body
    m = re.search(r'<tr data-premises="%s".*?</tr>' % pid, body, re.S)
    check(m, "household %s left the list" % pid)
    return text_of(m.group(0))


@test
def the_door_to_door_list_shows_todays_visit_of_a_door_pos_payment():
    pid = elder_on_the_list()
    # (text_of() leaves a space for each tag)
    check(not re.search(r"最近上门\s+今天", elders_row(pid)), "a visit today before any")
    r = pay(staff("shoufei2"), pid, "1.00", channel="pos_door")
    check(r.status == 303, "door payment: %r", r)
    check(sql1("SELECT MAX(visited_on) FROM door_visits WHERE premises_id = %s" % pid)
          == today(), "the payment made no visit of today")
    # before: the 上门记录 column was blank whatever the visits
    check(re.search(r"最近上门\s+今天", elders_row(pid)), "today's visit is not on the list")
    # and on the board, a visit is a contact
    body = staff("zuzhang").get("/staff/arrears?estate=1&all=1&elder=1").body
    row = re.search(r'<tr data-premises="%s".*?</tr>' % pid, body, re.S)
    check(row and today() in row.group(0), "the board's last contact misses the visit")


# -- 4. login: post/redirect/get ------------------------------------------------

def failed_login(c, path, login_field, login):
    page = c.get(path)
    return post(c, path, [("csrf", page.csrf()), (login_field, login),
                          ("password", "wrong-" + secrets.token_hex(4)), ("next", "/")],
                referer(path))


@test
def a_failed_login_redirects_and_a_reload_counts_no_second_attempt():
    clear_login_attempts()
    for path, field, login in (("/login", "phone", "13800000003"),
                               ("/staff/login", "username", "kefu")):
        c = Client()
        r = failed_login(c, path, field, login)
        # before: 403 to the POST itself
        check(r.status == 303 and re.match(re.escape(path) + r"\?.*flash=[0-9a-f]{32}$",
                                           r.header("Location") or ""),
              "%s: a failed login answered %r", path, r)
        for _ in range(6):                  # the page and five reloads
            shown = c.get(r.header("Location"))
            check(shown.status == 403 and "不正确" in shown.body and
                  'value="%s"' % login in shown.body, "%s: the kept answer: %r", path, shown)
        n = sql1("SELECT COUNT(*) FROM login_attempts WHERE login = '%s'" % login)
        check(n == "1", "%s: %s failed attempts counted for one", path, n)
        # another browser sees the live form
        other = Client().get(r.header("Location"))
        check(other.status == 303 and "flash" not in other.header("Location"),
              "%s: another browser saw the kept answer: %r", path, other)
        ok = c.get(path)
        r = post(c, path, [("csrf", ok.csrf()), (field, login), ("password", "propfee-demo"),
                           ("next", "/")], referer(path))
        check(r.status == 303 and "flash" not in r.header("Location"), "log in: %r", r)
    clear_login_attempts()


# -- 5. the board's 分配 ---------------------------------------------------------

def assign_hidden(page):
    form = re.search(r'<form method="post" action="/staff/arrears/assign"(.*?)</form>',
                     page.body, re.S).group(1)
    return re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form)


@test
def assign_with_nothing_ticked_shows_the_board_and_a_done_one_says_so():
    lead = staff("zuzhang")
    path = "/staff/arrears?estate=1&tier=yellow&all=1&page=2"
    page = lead.get(path)
    hidden = assign_hidden(page)
    shoufei3 = staff_id("shoufei3")
    r = post(lead, "/staff/arrears/assign", hidden + [("to", shoufei3)])
    # before: a bare error page, "请先勾选要分配的住户。返回首页"
    check(r.status == 400 and '<table class="list arrears">' in r.body,
          "nothing ticked: %r", r)
    before_table = r.body.split('<table class="list arrears">')[0]
    check("请先勾选要分配的住户" in before_table.split('action="/staff/arrears/assign"')[1],
          "the message is not over the boxes")
    # the same page of the same list: the filters came with the form
    rows = re.findall(r'<tr data-premises="(\d+)"', r.body)
    check(rows == re.findall(r'<tr data-premises="(\d+)"', page.body),
          "not the board the form came from")
    r = post(lead, "/staff/arrears/assign", hidden + [("to", shoufei3)], referer(path))
    check(r.status == 303 and "flash=" in r.header("Location"), "from a browser: %r", r)
    check(lead.get(r.header("Location")).status == 400, "the kept board")
    pid = rows[0]
    r = post(lead, "/staff/arrears/assign", hidden + [("premises", pid), ("to", shoufei3)])
    check(r.status == 303, "assign: %r", r)
    done = lead.get(r.header("Location"))
    # before: the board as it was, not a word
    check("已将 1 户分配给 孙丽娟" in text_of(done.body), "no confirmation")


# -- 6. messages next to their field ---------------------------------------------

def err_after(body, field_id):
    """The message drawn right after the field's input."""
    m = re.search(r'id="%s"[^>]*>\s*<p class="err">([^<]*)</p>' % field_id, body)
    return m.group(1) if m else None


@test
def a_reading_below_the_last_is_said_next_to_the_current_reading():
    c = staff("shoufei1")
    page = c.get("/staff/meters?estate=1")
    r = post(c, "/staff/meters", [
        ("csrf", page.csrf()), ("form_token", re.search(
            r'name="form_token" value="([0-9a-f]+)"', page.body).group(1)),
        ("estate", "1"), ("period", today()[:7]), ("building", "1栋"), ("unit", "1"),
        ("room", "101"), ("item", "SF"), ("prev", "50"), ("curr", "40")])
    check(r.status == 400, "%r", r)
    # before: an alert on top, nothing by 本期读数
    check(err_after(r.body, "curr") == "本期读数小于上期读数",
          "by 本期读数: %r", err_after(r.body, "curr"))
    check('href="#curr"' in r.body, "not in the summary")


def pending_credit(c):
    """A pending credit logged by a collector: its id."""
    pid = household_with_open_bills(1)
    page = c.get("/staff/households/%s/credits/new" % pid)
    owner_id = sql1("SELECT owner_id FROM premises_owners WHERE premises_id = %s"
                    " ORDER BY is_primary DESC LIMIT 1" % pid)
    r = post(c, "/staff/households/%s/credits" % pid, [
        ("csrf", page.csrf()), ("form_token", page.token()), ("owner", owner_id),
        ("activity_date", today()), ("activity", "社区巡逻"), ("hours", "1")])
    check(r.status == 303, "log a credit: %r", r)
    return sql1("SELECT MAX(id) FROM service_credits WHERE premises_id = %s" % pid)


@test
def a_rejection_without_a_reason_is_said_on_its_credit_keeping_the_filter():
    cid = pending_credit(staff("shoufei1"))
    m = staff("jingli")
    path = "/staff/credits?estate=1&status=pending"
    page = m.get(path)
    form = re.search(r'<form method="post" action="/staff/credits/%s/reject"(.*?)</form>'
                     % cid, page.body, re.S)
    check(form, "no reject form for credit %s on %s" % (cid, path))
    hidden = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group(1))
    r = post(m, "/staff/credits/%s/reject" % cid, hidden + [("reason", "x")])
    check(r.status == 400, "%r", r)
    sec = re.search(r'data-credit="%s">(.*?)</section>' % cid, r.body, re.S)
    # before: the message above the list, the box empty, 状态 on 全部
    check(sec and "不通过的原因" in sec.group(1) and 'class="alert row-alert"' in sec.group(1),
          "the message is not on the credit's row")
    check('name="reason"' in sec.group(1) and 'value="x"' in sec.group(1),
          "what was typed is lost")
    check('<option value="pending" selected>' in r.body, "the status filter is lost")
    check("card credit status-approved" not in r.body, "the list is not filtered")
    check(sql1("SELECT status FROM service_credits WHERE id = %s" % cid) == "pending",
          "the credit was decided")
    r = post(m, "/staff/credits/%s/reject" % cid, hidden + [("reason", "时长不符")])
    check(r.status == 303 and "status=pending" in r.header("Location"),
          "back to the filtered list: %r", r)


@test
def the_settings_say_every_cross_check_at_once():
    m = staff("jingli")
    page = m.get("/staff/settings?estate=1")
    r = post(m, "/staff/settings", [
        ("csrf", page.csrf()), ("estate", "1"), ("part", "tiers"), ("red_months", "5"),
        ("red_amount", "5000"), ("yellow_months", "8"), ("green_months", "9"),
        ("target_collection", "abc"), ("target_recovery", "80"),
        ("target_satisfaction", "95")])
    check(r.status == 400, "%r", r)
    # before: only the target's message; the months said one after another
    check(err_after(r.body, "green_months") == "绿色的月数不能大于黄色的月数" and
          err_after(r.body, "yellow_months") == "黄色的月数不能大于红色的月数" and
          err_after(r.body, "target_collection"),
          "not every mistake at once: %r", re.findall(r'<p class="err">([^<]+)</p>', r.body))


@test
def a_fee_rate_says_its_billed_month_with_its_other_mistakes():
    m = staff("jingli")
    page = m.get("/staff/fees?estate=1")
    item = sql1("SELECT id FROM fee_items WHERE estate_id = 1 AND code = 'WYF'")
    month = sql1("SELECT DATE_FORMAT(CURDATE(), '%Y-%m')")
    form = re.search(r'<form[^>]*action="/staff/fees/rates"(.*?)</form>', page.body, re.S)
    check(form, "no rate form")
    token = re.search(r'name="form_token" value="([0-9a-f]+)"', form.group(1)).group(1)
    r = post(m, "/staff/fees/rates", [
        ("csrf", page.csrf()), ("form_token", token), ("estate", "1"), ("rate_item", item),
        ("rate_occ", "occupied"), ("rate_amount", "abc"), ("rate_from", month)])
    check(r.status == 400, "%r", r)
    errs = re.findall(r'<p class="err">([^<]+)</p>', r.body)
    # before: the amount's message alone
    check(any("账单已出至" in e for e in errs) and len(errs) >= 2,
          "the billed month is not said with the rest: %r", errs)


@test
def a_case_contact_sent_back_keeps_its_kind_and_day():
    lead = staff("zuzhang")
    form, cid = open_case(lead, "DESC")
    page = lead.get(form)
    yesterday = sql1("SELECT CURDATE() - INTERVAL 1 DAY")
    r = post(lead, "/staff/cases/%s/contacts" % cid, [
        ("csrf", page.csrf()), ("form_token", page.token("/contacts")), ("kind", "sms"),
        ("day", yesterday), ("outcome", "")])
    check(r.status == 400, "%r", r)
    # before: 电话 and today again, whatever was chosen
    check('<option value="sms" selected>' in r.body, "the kind chosen is lost")
    check(re.search(r'id="day"[^>]*value="%s"' % yesterday, r.body), "the day typed is lost")


# -- 7. whom to call, once --------------------------------------------------------

@test
def the_owner_bill_says_whom_to_call_once():
    c = owner("13800000001")
    pid = sql1("SELECT po.premises_id FROM premises_owners po JOIN owners o ON o.id ="
               " po.owner_id WHERE o.phone = '13800000001' ORDER BY po.premises_id LIMIT 1")
    bill = sql1("SELECT id FROM bills WHERE premises_id = %s ORDER BY id DESC LIMIT 1" % pid)
    body = c.get("/bills/%s" % bill).body
    # before: 2, the bill's card and the footer
    check(body.count('<div class="contact">') == 1, "%d blocks saying whom to call",
          body.count('<div class="contact">'))
    check(body.count("服务中心电话") == 1, "the phone is shown more than once")


# -- 8. the demo's collectors ------------------------------------------------------

@test
def the_demo_owners_page_names_their_collector():
    t = text_of(owner("13800000002").get("/").body)
    # before: 5栋1单元602室的收费员：尚未指定，请致电服务中心
    check("尚未指定" not in t and re.search(r"5栋1单元602室的收费员： ?\S+", t),
          "no collector named: %s", re.findall(r"的收费员：.{0,12}", t))
    for u in ("shoufei1", "shoufei2", "shoufei3"):
        n = int(sql1("SELECT COUNT(*) FROM assignments WHERE collector_id = %s"
                     % staff_id(u)))
        check(n > 300, "%s collects at %d households", u, n)


# -- 9. 下载收据 saves the file ----------------------------------------------------

@test
def the_download_link_saves_the_receipt_and_the_view_link_shows_it():
    c = owner("13800000001")
    page = c.get("/receipts")
    m = re.search(r'href="(/receipts/(\d+)\.pdf\?download=1)">下载收据', page.body)
    # before: href="/receipts/N.pdf", sent inline
    check(m, "下载收据 does not ask for a download")
    r = c.get(m.group(1))
    check(r.status == 200 and r.raw.startswith(b"%PDF") and
          (r.header("Content-Disposition") or "").startswith("attachment;"),
          "download: %r %r", r.status, r.header("Content-Disposition"))
    r = c.get("/receipts/%s.pdf" % m.group(2))
    check((r.header("Content-Disposition") or "").startswith("inline;"), "view: %r",
          r.header("Content-Disposition"))
    s = staff("shoufei1")
    body = s.get("/staff/receipts/%s" % m.group(2)).body
    check('href="/staff/receipts/%s.pdf?download=1"' % m.group(2) in body,
          "the staff receipt page has no download link")
    r = s.get("/staff/receipts/%s.pdf?download=1" % m.group(2))
    check((r.header("Content-Disposition") or "").startswith("attachment;"), "staff: %r",
          r.header("Content-Disposition"))
