"""test_enquiries.py - fee enquiries and disputes (收费咨询及异议, issue 12;
DOMAIN.md "Enquiries and disputes"): logged from each channel - at the
counter and on a visit from a household's page, by phone by customer
service, in the portal by the owner - answered with the owner's
acceptance, append-only; a form with mistakes comes back with a Chinese
message by its field, 4xx and nothing recorded; CSRF; another owner's or
another estate's enquiry is 404; and the KPI board's counts by category
and month match an independent recount in SQL."""

import csv
import io
import re
import subprocess

from lib import Client, check, owner, sql, sql1, staff, test, text_of


def counts():
    return sql1("SELECT CONCAT((SELECT COUNT(*) FROM enquiries), '/',"
                " (SELECT COUNT(*) FROM enquiry_answers))")


def household(estate=1):
    """A home of the estate with an owner, and that owner."""
    row = sql("SELECT p.id, po.owner_id FROM premises p JOIN premises_owners po"
              " ON po.premises_id = p.id WHERE p.estate_id = %d"
              " AND p.occupancy = 'occupied' ORDER BY p.id DESC LIMIT 1" % estate)[0]
    return int(row[0]), int(row[1])


def form_of(c, path):
    page = c.get(path)
    check(page.status == 200, "%s: %r", path, page)
    return page, page.csrf(), page.token()


def staff_id(username):
    return int(sql1("SELECT id FROM staff WHERE username = '%s'" % username))


def log_at_household(c, hh, channel, category, question, owner_id=""):
    _, csrf, token = form_of(c, "/staff/households/%d/enquiries/new" % hh)
    return c.post("/staff/households/%d/enquiries" % hh, {
        "csrf": csrf, "form_token": token, "channel": channel,
        "category": category, "owner": owner_id, "question": question})


def made_id(r, prefix="/staff/enquiries/"):
    loc = r.header("Location") or ""
    m = re.search(re.escape(prefix) + r"(\d+)\?ok=1$", loc)
    check(r.status == 303 and m, "not sent on to the enquiry: %r %s", r, loc)
    return int(m.group(1))


@test
def a_collector_logs_an_objection_at_the_counter_and_on_a_visit():
    c = staff("shoufei1")
    hh, oid = household()
    r = log_at_household(c, hh, "counter", "area", "房产证面积 89 平方米，账单按 96 平方米收", oid)
    eid = made_id(r)
    row = sql("SELECT estate_id, premises_id, owner_id, channel, category, logged_by,"
              " question FROM enquiries WHERE id = %d" % eid)[0]
    check(row == ["1", str(hh), str(oid), "counter", "area", str(staff_id("shoufei1")),
                  "房产证面积 89 平方米，账单按 96 平方米收"], "recorded %r", row)
    check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'enquiry.log'"
               " AND entity = 'enquiry' AND entity_id = %d" % eid) == "1", "no audit row")
    page = c.get("/staff/enquiries/%d?ok=1" % eid)
    check(page.status == 200 and "已保存" in page.body and "面积" in page.body
          and "未答复" in page.body and "前台" in page.body, "the enquiry's page: %r", page)
    # on a visit, without naming an owner
    eid = made_id(log_at_household(c, hh, "visit", "late_fee", "为什么要收滞纳金？"))
    check(sql("SELECT channel, owner_id FROM enquiries WHERE id = %d" % eid)[0]
          == ["visit", "NULL"], "a visit's enquiry")


@test
def customer_service_logs_a_phone_call_with_or_without_the_household():
    c = staff("kefu")
    page, csrf, token = form_of(c, "/staff/enquiries/new?estate=1")
    check('value="phone" selected' in page.body, "a call is by phone by default")
    pid = sql1("SELECT p.id FROM premises p JOIN buildings b ON b.id = p.building_id"
               " WHERE p.estate_id = 1 AND b.name = '3栋' AND p.unit = '2'"
               " AND p.room = '301'")
    r = c.post("/staff/enquiries", {"csrf": csrf, "form_token": token, "estate": "1",
                                    "channel": "phone", "category": "payment_channel",
                                    "address": "３-２-３０１", "caller": "张先生",
                                    "question": "可以用微信交物业费吗？"})
    eid = made_id(r)
    row = sql("SELECT channel, premises_id, caller, logged_by FROM enquiries"
              " WHERE id = %d" % eid)[0]
    check(row == ["phone", pid, "张先生", str(staff_id("kefu"))], "recorded %r", row)
    _, csrf, token = form_of(c, "/staff/enquiries/new?estate=1")
    eid = made_id(c.post("/staff/enquiries", {
        "csrf": csrf, "form_token": token, "estate": "1", "channel": "phone",
        "category": "other", "question": "车位费和物业费能一起交吗？"}))
    check(sql1("SELECT premises_id FROM enquiries WHERE id = %d" % eid) == "NULL",
          "a call without a household")
    # customer service sees enquiries; engineering does not
    check(c.get("/staff/enquiries?estate=1").status == 200, "kefu's log")
    # (a page a role may not open is not found: who sees what)
    check(staff("gongcheng").get("/staff/enquiries").status == 404, "engineering's log")


@test
def an_owner_asks_in_the_portal_and_reads_the_answer():
    o = owner("13800000001")
    page, csrf, token = form_of(o, "/enquiries/new")
    check("交费太麻烦" in page.body and 'type="radio" name="category"' in page.body,
          "the owner's plain choices")
    pid = sql1("SELECT MIN(po.premises_id) FROM premises_owners po JOIN owners w"
               " ON w.id = po.owner_id WHERE w.phone = '13800000001'")
    oid = sql1("SELECT id FROM owners WHERE phone = '13800000001'")
    r = o.post("/enquiries", {"csrf": csrf, "form_token": token, "premises": pid,
                              "category": "payment_process",
                              "question": "网上交费一直转圈，交不成功"})
    eid = made_id(r, "/enquiries/")
    row = sql("SELECT channel, premises_id, owner_id, logged_by, category FROM enquiries"
              " WHERE id = %d" % eid)[0]
    check(row == ["portal", pid, oid, "NULL", "payment_process"], "recorded %r", row)
    page = o.get("/enquiries/%d?ok=1" % eid)
    check(page.status == 200 and "已经提交" in page.body and "还没有答复" in page.body,
          "the owner's page: %r", page)
    # customer service answers; the owner reads it
    c = staff("kefu")
    spage = c.get("/staff/enquiries/%d" % eid)
    check("业主本人（网上提交）" in spage.body, "staff see who logged it")
    r = c.post("/staff/enquiries/%d/answers" % eid, {
        "csrf": spage.csrf(), "form_token": spage.token("/answers"),
        "answer": "已帮您重新下单，请再试一次", "outcome": "pending"})
    check(r.status == 303, "answer: %r", r)
    page = o.get("/enquiries/%d" % eid)
    check("已帮您重新下单，请再试一次" in page.body and "还没有答复" not in page.body,
          "the owner does not see the answer")
    check("已答复" in o.get("/enquiries").body, "the owner's list")
    check("交费太麻烦" in o.get("/enquiries").body and "缴费流程投诉" not in page.body,
          "the owner reads the back office's word for what they picked")
    # ... and is told by the channels chosen, once per answer, with the
    # link and not the answer (a trial: asked online, never told)
    told = sql("SELECT channel, status FROM outbox WHERE topic = 'enquiry.answer'"
               " AND owner_id = %s AND payload = '{\"enquiry\":%d}'" % (oid, eid))
    chosen = sql("SELECT notify_sms, notify_wechat, notify_app FROM owners"
                 " WHERE id = %s" % oid)[0]
    check(told and len(told) == len(set(t[0] for t in told)),
          "the owner told %r (channels chosen %r)", told, chosen)
    from lib import wait_for
    # sent now whatever the hour and however many this owner got today
    # (held otherwise: quiet hours, the daily limit)
    was = sql("SELECT quiet_from, quiet_to, msg_owner_day_max FROM estates"
              " WHERE id = 1")[0]
    sql("UPDATE estates SET quiet_from = '00:00:00', quiet_to = '00:00:00',"
        " msg_owner_day_max = 1000 WHERE id = 1")
    try:
        # a message the worker took up in the quiet hours (before they
        # were lifted above) waits for their end: as if they had passed
        sql("UPDATE outbox SET next_at = NOW(6) WHERE topic = 'enquiry.answer' AND"
            " payload = '{\"enquiry\":%d}' AND status = 'pending'" % eid)
        check(wait_for(lambda: int(sql1("SELECT COUNT(*) FROM outbox WHERE topic ="
                                    " 'enquiry.answer' AND payload = '{\"enquiry\":%d}'"
                                    " AND status IN ('sent', 'skipped')" % eid))
                       == len(told), 120), "the worker did not settle the answer's"
              " messages: %r", sql("SELECT channel, status, next_at, NOW(), last_error"
                                   " FROM outbox WHERE topic = 'enquiry.answer'"
                                   " AND payload = '{\"enquiry\":%d}'" % eid))
    finally:
        sql("UPDATE estates SET quiet_from = '%s', quiet_to = '%s',"
            " msg_owner_day_max = %s WHERE id = 1" % tuple(was))
    check(int(sql1("SELECT COUNT(*) FROM outbox WHERE topic = 'enquiry.answer' AND"
                   " status = 'sent' AND payload = '{\"enquiry\":%d}'" % eid)) > 0,
          "no message of the answer sent")
    words = sql("SELECT body FROM outbox WHERE topic = 'enquiry.answer' AND status = 'sent'"
                " AND payload = '{\"enquiry\":%d}'" % eid)
    for (body,) in words:
        check("/enquiries/%d" % eid in body and "重新下单" not in body,
              "the message's words: %s", body)
    # a counter enquiry's answer was given face to face: nobody is told
    before = sql1("SELECT COUNT(*) FROM outbox WHERE topic = 'enquiry.answer'")
    hh, oid2 = household()
    cid = made_id(log_at_household(staff("shoufei1"), hh, "counter", "area",
                                   "面积不对", oid2))
    p2 = c.get("/staff/enquiries/%d" % cid)
    c.post("/staff/enquiries/%d/answers" % cid, {
        "csrf": p2.csrf(), "form_token": p2.token("/answers"),
        "answer": "已复核面积", "outcome": "accepted"})
    check(sql1("SELECT COUNT(*) FROM outbox WHERE topic = 'enquiry.answer'") == before,
          "an answer given at the counter was sent too")


@test
def an_answer_and_a_later_acceptance_are_two_rows_never_an_edit():
    c = staff("shoufei2")
    hh, oid = household()
    eid = made_id(log_at_household(c, hh, "counter", "bill_amount", "账单多了 12 元", oid))

    def answer(text, outcome):
        page = c.get("/staff/enquiries/%d" % eid)
        return c.post("/staff/enquiries/%d/answers" % eid, {
            "csrf": page.csrf(), "form_token": page.token("/answers"),
            "answer": text, "outcome": outcome})
    check(answer("多出的是上月补出的水费", "not_accepted").status == 303, "first answer")
    first = sql("SELECT id, answer, outcome FROM enquiry_answers WHERE enquiry_id = %d" % eid)
    check(answer("出示抄表照片后业主接受", "accepted").status == 303, "second answer")
    rows = sql("SELECT id, answer, outcome, answered_by FROM enquiry_answers"
               " WHERE enquiry_id = %d ORDER BY id" % eid)
    check(len(rows) == 2 and rows[0][:3] == first[0] and rows[1][2] == "accepted"
          and rows[1][3] == str(staff_id("shoufei2")), "answers %r", rows)
    check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'enquiry.answer'"
               " AND entity_id = %d" % eid) == "2", "an audit row each")
    page = c.get("/staff/enquiries?estate=1&premises=%d&state=accepted" % hh)
    check('data-enquiry="%d"' % eid in page.body and "业主已接受" in page.body,
          "the log shows the latest outcome")
    page = c.get("/staff/enquiries?estate=1&premises=%d&state=not_accepted" % hh)
    check('data-enquiry="%d"' % eid not in page.body, "an earlier outcome is not the state")
    # the tables refuse an edit or a delete
    for stmt in ("UPDATE enquiries SET question = 'x' WHERE id = %d" % eid,
                 "DELETE FROM enquiry_answers WHERE enquiry_id = %d" % eid):
        try:
            sql(stmt)
        except subprocess.CalledProcessError as e:
            check("never" in e.stderr, "refused otherwise: %s" % e.stderr)
        else:
            check(False, "allowed: %s" % stmt)
    check(len(sql("SELECT id FROM enquiry_answers WHERE enquiry_id = %d" % eid)) == 2,
          "rows kept")


@test
def a_form_with_mistakes_comes_back_with_messages_and_records_nothing():
    c = staff("shoufei1")
    hh, _ = household()
    before = counts()
    _, csrf, token = form_of(c, "/staff/households/%d/enquiries/new" % hh)
    r = c.post("/staff/households/%d/enquiries" % hh, {
        "csrf": csrf, "form_token": token, "channel": "counter", "category": "",
        "question": "好"})
    check(r.status == 400, "status %r", r)
    t = text_of(r.body)
    check("请选择类别" in t and "业主的问题或异议至少需要 2 个字" in t, "messages: %s", t[:800])
    # the message sits by its field
    check(re.search(r'id="category".*?<p class="err">请选择类别</p>', r.body, re.S),
          "the category's message is not by it")
    # a channel that is not the staff's, an owner of another household
    r = c.post("/staff/households/%d/enquiries" % hh, {
        "csrf": csrf, "form_token": token, "channel": "portal", "category": "area",
        "question": "面积不对", "owner": "1"})
    check(r.status == 400 and "请从列表中选择渠道" in r.body, "portal from staff: %r", r)
    other = sql1("SELECT po.owner_id FROM premises_owners po WHERE po.premises_id <> %d"
                 " LIMIT 1" % hh)
    r = c.post("/staff/households/%d/enquiries" % hh, {
        "csrf": csrf, "form_token": token, "channel": "counter", "category": "area",
        "question": "面积不对", "owner": other})
    check(r.status == 400 and "请从本户业主中选择" in r.body, "another's owner: %r", r)
    # a phone call naming a household the estate has not
    k = staff("kefu")
    _, csrf, token = form_of(k, "/staff/enquiries/new?estate=1")
    r = k.post("/staff/enquiries", {"csrf": csrf, "form_token": token, "estate": "1",
                                    "channel": "phone", "category": "area",
                                    "address": "99栋9单元9999室", "question": "面积不对"})
    check(r.status == 400 and "本小区没有这个房号" in r.body, "unknown household: %r", r)
    # an answer with no words
    eid = sql1("SELECT MIN(id) FROM enquiries WHERE estate_id = 1")
    page = c.get("/staff/enquiries/%s" % eid)
    r = c.post("/staff/enquiries/%s/answers" % eid, {
        "csrf": page.csrf(), "form_token": page.token("/answers"), "answer": "",
        "outcome": "maybe"})
    check(r.status == 400 and "请填写答复内容" in r.body
          and "请从列表中选择业主是否接受" in r.body, "answer: %r", r)
    # the owner's form: not their home, nothing chosen
    o = owner("13800000001")
    _, csrf, token = form_of(o, "/enquiries/new")
    r = o.post("/enquiries", {"csrf": csrf, "form_token": token, "premises": str(hh),
                              "category": "", "question": "面积"})
    check(r.status == 400 and "请选择您自己的房子" in r.body and "请选择问的是什么" in r.body,
          "owner's form: %r", r)
    # a bad filter is named by its field
    r = c.get("/staff/enquiries?estate=1&month=2025-13")
    check(r.status == 400 and re.search(r'id="month"[^>]*><p class="err">[^<]+</p>', r.body),
          "bad month: %r", r)
    check(counts() == before, "something was recorded: %s -> %s" % (before, counts()))


@test
def a_post_without_its_csrf_token_or_sent_twice_records_once_or_nothing():
    c = staff("shoufei1")
    hh, _ = household()
    before = counts()
    _, csrf, token = form_of(c, "/staff/households/%d/enquiries/new" % hh)
    fields = {"form_token": token, "channel": "counter", "category": "receipt",
              "question": "收据上名字写错了"}
    r = c.post("/staff/households/%d/enquiries" % hh, fields)
    check(r.status == 403, "no CSRF: %r", r)
    o = owner("13800000001")
    _, ocsrf, otoken = form_of(o, "/enquiries/new")
    r = o.post("/enquiries", {"form_token": otoken, "premises": "1", "category": "area",
                              "question": "面积不对", "csrf": "0" * 64})
    check(r.status == 403, "owner, bad CSRF: %r", r)
    check(counts() == before, "recorded without CSRF")
    fields["csrf"] = csrf
    a = c.post("/staff/households/%d/enquiries" % hh, fields)
    b = c.post("/staff/households/%d/enquiries" % hh, fields)
    check(made_id(a) == made_id(b), "the second sending made another")
    check(int(counts().split("/")[0]) == int(before.split("/")[0]) + 1, "not once")


@test
def another_owners_or_another_estates_enquiry_is_not_found():
    mine = sql1("SELECT MIN(q.id) FROM enquiries q JOIN owners o ON o.id = q.owner_id"
                " WHERE o.phone = '13800000001'")
    check(mine not in (None, "NULL"), "the demo owner has no enquiry")
    check(owner("13800000001").get("/enquiries/%s" % mine).status == 200, "own one")
    other = owner("13800000002")
    r = other.get("/enquiries/%s" % mine)
    check(r.status == 404, "another owner's: %r", r)
    check("data-enquiry=\"%s\"" % mine not in other.get("/enquiries").body,
          "listed to another owner")
    # another estate's staff
    eid = sql1("SELECT MIN(id) FROM enquiries WHERE estate_id = 1")
    c = staff("cuihu1")
    check(c.get("/staff/enquiries/%s" % eid).status == 404, "another estate's enquiry")
    page = c.get("/staff/enquiries")
    before = counts()
    r = c.post("/staff/enquiries/%s/answers" % eid, {
        "csrf": page.csrf(), "form_token": "ab" * 16, "answer": "不是本小区的",
        "outcome": "accepted"})
    check(r.status == 404 and counts() == before, "answered another estate's: %r", r)
    check(c.get("/staff/enquiries?estate=1").status == 404, "another estate's log")
    hh, _ = household()
    check(c.get("/staff/households/%d/enquiries/new" % hh).status == 404,
          "another estate's household")
    check(c.get("/staff/enquiries/new?estate=1").status == 404, "another estate's call form")
    check(Client().get("/enquiries/%s" % mine).status == 303, "signed out")


def board(c, frm, to):
    page = c.get("/staff/kpi?estate=1&from=%s&to=%s" % (frm, to))
    check(page.status == 200, "board: %r", page)
    return page.body


def shown_int(body, cls):
    m = re.search(r'class="%s">([\d]+)<' % re.escape(cls), body)
    check(m, "no %s on the board" % cls)
    return int(m.group(1))


@test
def the_kpi_board_counts_enquiries_as_an_independent_recount_does():
    c = staff("jingli")
    body = board(c, "2025-01-01", "2025-12-31")
    where = ("estate_id = 1 AND created_at >= '2025-01-01' AND created_at < '2026-01-01'")
    total = int(sql1("SELECT COUNT(*) FROM enquiries WHERE " + where))
    check(total == 2137, "the demo's 2025 has %d enquiries, not the report's 2,137" % total)
    check(shown_int(body, "enq-total") == total, "total on the board")
    by_cat = dict(sql("SELECT category, COUNT(*) FROM enquiries WHERE %s"
                      " GROUP BY category" % where))
    for key, n in re.findall(r'<tr data-category="(\w+)">.*?class="n">(\d+)<', body):
        check(int(n) == int(by_cat.get(key, 0)), "%s: board %s, SQL %s"
              % (key, n, by_cat.get(key)))
    check(len(re.findall(r'<tr data-category=', body)) == 9, "nine categories")
    pp = int(by_cat["payment_process"])
    check(shown_int(body, "enq-process") == pp, "payment-process complaints")
    share = re.search(r'class="enq-process-share">([\d.]+)%<', body).group(1)
    permille10 = (pp * 2000 + total) // (2 * total)     # half up, as kpi.c
    check(share == "%d.%d" % (permille10 // 10, permille10 % 10), "share %s" % share)
    by_month = dict(sql("SELECT DATE_FORMAT(created_at, '%%Y-%%m'), COUNT(*) FROM enquiries"
                        " WHERE %s GROUP BY 1" % where))
    pp_month = dict(sql("SELECT DATE_FORMAT(created_at, '%%Y-%%m'), COUNT(*) FROM enquiries"
                        " WHERE %s AND category = 'payment_process' GROUP BY 1" % where))
    months = re.findall(r'<tr data-month="([\d-]+)">.*?class="n">(\d+)<.*?class="process">(\d+)<',
                        body)
    check(len(months) == 12, "twelve months")
    for m, n, p in months:
        check(int(n) == int(by_month.get(m, 0)) and int(p) == int(pp_month.get(m, 0)),
              "%s: board %s/%s, SQL %s/%s" % (m, n, p, by_month.get(m), pp_month.get(m)))
    # the report's fall: payment-process complaints a month, before and
    # after April's go-live
    pre = sum(int(pp_month["2025-%02d" % m]) for m in (1, 2, 3)) / 3
    post = sum(int(pp_month["2025-%02d" % m]) for m in range(4, 13)) / 9
    check(abs((1 - post / pre) - 0.72) < 0.01, "fell %.3f" % (1 - post / pre))
    # accepted as at the range's end: the latest answer before it
    accepted = int(sql1(
        "SELECT COUNT(*) FROM enquiries q WHERE q.%s AND (SELECT a.outcome FROM"
        " enquiry_answers a WHERE a.enquiry_id = q.id AND a.created_at < '2026-01-01'"
        " ORDER BY a.id DESC LIMIT 1) = 'accepted'" % where.replace(" AND ", " AND q.")))
    check(int(re.search(r'class="enq-accepted">(\d+)<', body).group(1)) == accepted,
          "accepted by the range's end")
    # an answer given now changes nothing on 2025's board
    eid = sql1("SELECT q.id FROM enquiries q WHERE q.%s AND EXISTS (SELECT 1 FROM"
               " enquiry_answers a WHERE a.enquiry_id = q.id AND a.outcome = 'accepted')"
               " ORDER BY q.id LIMIT 1" % where.replace(" AND ", " AND q."))
    page = c.get("/staff/enquiries/%s" % eid)
    check(c.post("/staff/enquiries/%s/answers" % eid, {
        "csrf": page.csrf(), "form_token": page.token("/answers"),
        "answer": "业主今天又来电表示不接受", "outcome": "not_accepted"}).status == 303,
        "a late answer")
    again = board(c, "2025-01-01", "2025-12-31")
    check(int(re.search(r'class="enq-accepted">(\d+)<', again).group(1)) == accepted,
          "a later answer changed a past board")
    # kpi.csv has them: a month a row, a column a category, then the total
    r = c.get("/staff/kpi.csv?estate=1&from=2025-01-01&to=2025-12-31&table=enquiries")
    check(r.status == 200, "csv: %r", r)
    rows = list(csv.reader(io.StringIO(r.raw.decode("utf-8-sig"))))
    check(rows[0][0] == "月份" and "缴费流程投诉" in rows[0] and rows[0][-1] == "合计",
          "csv head %r" % rows[0])
    col = rows[0].index("缴费流程投诉")
    for row in rows[1:13]:
        check(int(row[-1]) == int(by_month.get(row[0], 0))
              and int(row[col]) == int(pp_month.get(row[0], 0)), "csv %r" % row)
    check(rows[13][0] == "合计" and int(rows[13][-1]) == total, "csv total %r" % rows[13])


@test
def the_log_filters_by_category_channel_month_and_state():
    c = staff("zuzhang")
    where = ("estate_id = 1 AND category = 'area' AND channel = 'counter'"
             " AND created_at >= '2025-03-01' AND created_at < '2025-04-01'")
    n = sql1("SELECT COUNT(*) FROM enquiries WHERE " + where)
    page = c.get("/staff/enquiries?estate=1&category=area&channel=counter&month=2025-03")
    check(page.status == 200, "log: %r", page)
    m = re.search(r'class="total">(\d+)<', page.body)
    check(m and m.group(1) == n, "filtered total %s, SQL %s" % (m and m.group(1), n))
    un = sql1("SELECT COUNT(*) FROM enquiries q WHERE q.estate_id = 1 AND NOT EXISTS"
              " (SELECT 1 FROM enquiry_answers a WHERE a.enquiry_id = q.id)")
    page = c.get("/staff/enquiries?estate=1&state=unanswered")
    m = re.search(r'class="total">(\d+)<', page.body)
    check(m and m.group(1) == un, "unanswered %s, SQL %s" % (m and m.group(1), un))


@test
def the_owner_accepts_an_answer_in_the_portal_once():
    """A new user's trial: an answer stayed 待业主确认 until staff wrote a
    new row; the owner had no button."""
    o = owner("13800000001")
    page, csrf, token = form_of(o, "/enquiries/new")
    pid = sql1("SELECT MIN(po.premises_id) FROM premises_owners po JOIN owners w"
               " ON w.id = po.owner_id WHERE w.phone = '13800000001'")
    eid = made_id(o.post("/enquiries", {"csrf": csrf, "form_token": token, "premises": pid,
                                        "category": "rate",
                                        "question": "物业费单价为什么比去年高"}), "/enquiries/")
    # nothing to accept before an answer
    page = o.get("/enquiries/%d" % eid)
    check("您接受物业的这个答复吗" not in page.body, "asked before any answer")
    r = o.post("/enquiries/%d/outcome" % eid, {"csrf": page.csrf(), "outcome": "accepted"})
    check(r.status == 409 and sql1("SELECT COUNT(*) FROM enquiry_answers WHERE"
                                   " enquiry_id = %d" % eid) == "0", "accepted no answer: %r", r)
    c = staff("kefu")
    spage = c.get("/staff/enquiries/%d" % eid)
    c.post("/staff/enquiries/%d/answers" % eid, {
        "csrf": spage.csrf(), "form_token": spage.token("/answers"),
        "answer": "今年单价按物价局备案调整，详见公示栏", "outcome": "pending"})
    page = o.get("/enquiries/%d" % eid)
    check("您接受物业的这个答复吗" in page.body, "the owner is not asked")
    # another owner: not found; no outcome: the message
    other = owner("13800000002")
    check(other.post("/enquiries/%d/outcome" % eid,
                     {"csrf": other.get("/enquiries").csrf(), "outcome": "accepted"}).status
          == 404, "another owner's enquiry")
    r = o.post("/enquiries/%d/outcome" % eid, {"csrf": page.csrf(), "outcome": "maybe"})
    check(r.status == 400 and "请点「接受」或「不接受」" in r.body, "a bad outcome: %r", r)
    r = o.post("/enquiries/%d/outcome" % eid, {"csrf": page.csrf(), "outcome": "accepted"})
    check(r.status == 303, "accepting: %r", r)
    row = sql("SELECT outcome, answered_by, owner_id FROM enquiry_answers WHERE enquiry_id"
              " = %d ORDER BY id DESC LIMIT 1" % eid)[0]
    oid = sql1("SELECT id FROM owners WHERE phone = '13800000001'")
    check(row == ["accepted", "NULL", oid], "recorded %r", row)
    check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'enquiry.owner' AND"
               " entity_id = %d" % eid) == "1", "no audit row")
    # a second tap: nothing more
    r = o.post("/enquiries/%d/outcome" % eid, {"csrf": page.csrf(), "outcome": "not_accepted"})
    check(r.status == 409 and sql1("SELECT COUNT(*) FROM enquiry_answers WHERE"
                                   " enquiry_id = %d" % eid) == "2", "a second tap: %r", r)
    spage = c.get("/staff/enquiries/%d" % eid)
    check("业主本人（网上确认）" in spage.body and "业主已接受" in spage.body,
          "the staff page: %r", spage)
