"""test_login_codes.py - owners log in, or reset the password, with a
6-digit code by SMS, and the password login warns before it locks (issue
11, "Login codes").

A code is read where the SMS is queued: the outbox row's payload
({"code": "123456", "purpose": "login"}), written in the transaction that
records the request (login_codes), or, once the worker has sent it and
forgotten it there, from the mock SMS provider. Every test starts with no
codes, so that the limits (1 a minute and 5 an hour per phone, 20 an hour
per address) count only its own requests.
"""

import hashlib
import json
import os
import re
import secrets
import threading
import time
import urllib.request

from lib import (BASE_PORT, DB, VAR, Client, check, clear_login_attempts, sql,
                 sql1, table_held, test, wait_for)
from msgmock import attempts, mock, received, rules

REGISTERED = "13800000002"
# An owner the reset changes the password of (put back at the end).
RESETTER = "13800000003"


def unregistered_phone():
    """An 11-digit mobile number no owner has."""
    for i in range(100):
        phone = "1990000%04d" % i
        if sql1("SELECT COUNT(*) FROM owners WHERE phone = '%s'" % phone) == "0":
            return phone
    raise AssertionError("no unregistered phone left")


def fresh():
    sql("DELETE FROM login_codes")
    clear_login_attempts()


def queued(phone=None):
    """Login-code messages queued (for phone's owner only, if given)."""
    q = "SELECT COUNT(*) FROM outbox WHERE topic = 'login.code'"
    if phone:
        q += (" AND owner_id = (SELECT id FROM owners WHERE phone = '%s')"
              % phone)
    return int(sql1(q))


def mock_codes(phone):
    """The login codes the mock SMS provider took for phone (any lane's:
    lanes share the mock), or none when the stack runs no mock."""
    url = None
    with open(os.path.join(VAR, "propfee.conf"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("msg_mock_url="):
                url = line.strip().split("=", 1)[1]     # the last one wins
    if not url:
        return []
    try:
        with urllib.request.urlopen(url + "/_received?channel=sms&address=" +
                                    phone, timeout=10) as r:
            got = json.loads(r.read())
    except (OSError, ValueError):
        return []
    return [m.get("params", {}).get("code", "") for m in got
            if m.get("topic") == "login_code"]


def code_of(phone, purpose="login"):
    """The code of phone's latest request for purpose, as its SMS carries
    it: the outbox row's payload ({"code": ..., "purpose": ...}) while
    the row waits, or once the worker has sent it (and forgotten it
    there) what the mock provider took - the one code whose hash is the
    request's (code_hash: SHA-256 of "salt:phone:code")."""
    rows = sql("SELECT id, salt, code_hash FROM login_codes WHERE phone = '%s'"
               " AND purpose = '%s' ORDER BY id DESC LIMIT 1" % (phone, purpose))
    check(rows, "no %s code asked for %s", purpose, phone)
    rid, salt, want = rows[0]
    found = []

    def look():
        payload = sql1("SELECT payload FROM outbox WHERE idem_key ="
                       " 'login.code/%s/sms'" % rid)
        check(payload is not None, "no login code queued for %s", phone)
        sent = json.loads(payload)
        if sent:
            check(sent.get("purpose") == purpose, "payload %r", sent)
        for code in [sent.get("code", "")] + mock_codes(phone):
            if hashlib.sha256(("%s:%s:%s" % (salt, phone, code)).encode()
                              ).hexdigest() == want:
                found.append(code)
                return True
        return False

    check(wait_for(look), "the code of %s is neither queued nor sent", phone)
    check(re.fullmatch(r"[0-9]{6}", found[0]), "the code is %r", found[0])
    return found[0]


def ask(c, phone, page="/login/sms"):
    """Asks for a code on page as a browser would: the form, then POST."""
    form = c.get(page)
    check(form.status == 200, "%s: %r", page, form)
    return c.post(page, {"csrf": form.csrf(), "phone": phone, "next": "/"})


def send_code(c, phone, code, page="/login/sms", **more):
    form = c.get("%s?phone=%s" % (page, phone))
    check(form.status == 200, "code step: %r", form)
    fields = {"csrf": form.csrf(), "phone": phone, "code": code, "next": "/"}
    fields.update(more)
    return c.post(page + "/verify", fields)


def referer(path):
    """The header a browser sends with a form of path (post/redirect/get:
    flash.h)."""
    return {"Referer": "http://127.0.0.1:%d%s" % (BASE_PORT, path)}


def field_error(body, name="phone"):
    """The message under a field of the page."""
    m = re.search(r'<p class="err" id="%s-err">([^<]*)</p>' % name, body)
    return m.group(1) if m else None


def signed_in(c):
    """1 when the client's owner session opens the home page."""
    return "pf_o" in c.cookies and c.get("/").status == 200


def wrong(code):
    return "%06d" % ((int(code) + 1) % 1000000)


@test
def a_registered_and_an_unregistered_phone_get_the_same_answer():
    fresh()
    other = unregistered_phone()
    before = queued()
    seen = []
    for phone in (REGISTERED, other):
        c = Client()
        r = ask(c, phone)
        check(r.status == 303, "%s: %r", phone, r)
        loc = r.header("Location")
        page = c.get(loc)
        check(page.status == 200, "%s: the code step %r", phone, page)
        check("如果该手机号已登记，验证码已发送，5 分钟内有效" in page.body,
              "%s: no notice that a code may have been sent", phone)
        token = page.csrf()
        seen.append((r.status, loc.replace(phone, "PHONE"), page.status,
                     page.body.replace(phone, "PHONE").replace(token, "TOKEN")))
    check(seen[0] == seen[1], "the answers differ: %r / %r",
          seen[0][:3], seen[1][:3])
    # one SMS, to the owner; nothing for the other number
    check(queued() == before + 1, "%d codes queued for one owner", queued() - before)
    check(queued(REGISTERED) >= 1, "no code queued for the owner")
    row = sql("SELECT channel, status FROM outbox WHERE topic = 'login.code'"
              " ORDER BY id DESC LIMIT 1")[0]
    check(row[0] == "sms", "sent by %r", row[0])
    # both requests are kept alike (the limits count both), the code never
    rows = sql("SELECT phone, estate_id IS NULL, code_hash FROM login_codes"
               " ORDER BY id")
    check([r[0] for r in rows] == [REGISTERED, other], "kept: %r", rows)
    check(rows[0][1] == "0" and rows[1][1] == "1", "estates: %r", rows)
    code = code_of(REGISTERED)
    kept = sql("SELECT * FROM login_codes")
    check(not any(code in v for r in kept for v in r if len(v) < 20),
          "the code itself is kept: %r", kept)
    check(all(re.fullmatch(r"[0-9a-f]{64}", r[2]) for r in rows), "hashes: %r", rows)


def waiting_code_requests():
    """The owner program's statements of a code request (the owner's row,
    or a turn in login_code_limits: sql/030) now running in this lane's
    database - waiting, while the test holds the owners table."""
    return sql("SELECT ID, STATE, LEFT(INFO, 80) FROM information_schema.PROCESSLIST"
               " WHERE USER = 'propfee' AND DB = '%s' AND (INFO LIKE '%%owners WHERE phone%%'"
               " OR INFO LIKE '%%login_code%%')" % DB)


def asked_at_once(phone):
    """Two browsers ask for a code for phone at the same moment: both
    requests are let through together (a root session holds the owners
    table, which every request reads, until both wait for it or for each
    other). Returns their answers, by status: (status, what the page says
    with the phone, the tokens and the seconds taken out, the cookies it
    sets)."""
    clients = [Client(), Client()]
    forms = [c.get("/login/sms") for c in clients]
    answers = [None, None]

    def post(i):
        answers[i] = clients[i].post("/login/sms", {
            "csrf": forms[i].csrf(), "phone": phone, "next": "/"})
    threads = [threading.Thread(target=post, args=(i,)) for i in (0, 1)]
    try:
        with table_held("owners", "held_by_login_codes"):
            for t in threads:
                t.start()
            check(wait_for(lambda: len(waiting_code_requests()) >= 2, 8),
                  "%s: the two requests were not both seen: %r", phone,
                  waiting_code_requests())
    finally:
        for t in threads:
            if t.ident:
                t.join(60)
    check(all(answers), "%s: a request got no answer", phone)
    out = []
    for r in answers:
        text = r.body.replace(phone, "PHONE")
        text = re.sub(r'name="csrf" value="[0-9a-f]+"', "TOKEN", text)
        text = re.sub(r"\d+ 秒", "N 秒", text)
        out.append((r.status, text, (r.header("Location") or "").replace(phone, "PHONE"),
                    sorted(v.split("=")[0] for v in r.all_headers("Set-Cookie"))))
    return sorted(out)


@test
def two_requests_at_once_are_answered_alike_for_a_registered_and_an_unregistered_phone():
    other = unregistered_phone()
    seen = {}
    for phone in (REGISTERED, other):
        fresh()
        before = queued()
        seen[phone] = asked_at_once(phone)
        # one passes, the other is told to wait, for any phone
        check([a[0] for a in seen[phone]] == [303, 429], "%s: answered %r", phone,
              [(a[0], field_error(a[1])) for a in seen[phone]])
        # and the limit counts one request, for any phone
        check(sql1("SELECT COUNT(*) FROM login_codes WHERE phone = '%s'" % phone) == "1",
              "%s: %s requests kept", phone,
              sql1("SELECT COUNT(*) FROM login_codes WHERE phone = '%s'" % phone))
        check(queued() - before == (1 if phone == REGISTERED else 0),
              "%s: %d codes queued", phone, queued() - before)
    check(seen[REGISTERED] == seen[other], "the answers differ: %r / %r",
          [(a[0], a[2], a[3], field_error(a[1])) for a in seen[REGISTERED]],
          [(a[0], a[2], a[3], field_error(a[1])) for a in seen[other]])
    fresh()


@test
def asking_for_a_code_needs_the_forms_token():
    fresh()
    c = Client()
    c.get("/login/sms")
    r = c.post("/login/sms", {"phone": REGISTERED})
    check(r.status == 403, "no token: %r", r)
    r = c.post("/login/sms", {"phone": REGISTERED, "csrf": "0" * 32})
    check(r.status == 403, "a wrong token: %r", r)
    check(sql1("SELECT COUNT(*) FROM login_codes") == "0", "a code was made")


@test
def a_right_code_logs_the_owner_in():
    fresh()
    c = Client()
    check(ask(c, REGISTERED).status == 303, "asking failed")
    r = send_code(c, REGISTERED, code_of(REGISTERED))
    check(r.status == 303 and r.header("Location") == "/", "%r", r)
    check(signed_in(c), "no session after the right code")
    oid = sql1("SELECT id FROM owners WHERE phone = '%s'" % REGISTERED)
    check(sql1("SELECT COUNT(*) FROM sessions WHERE kind = 'owner' AND user_id = %s"
               % oid) != "0", "no session row")
    check(sql1("SELECT used_at IS NOT NULL FROM login_codes") == "1", "code not spent")


@test
def the_code_the_sms_carried_logs_in():
    fresh()
    c = Client()
    check(ask(c, REGISTERED).status == 303, "asking failed")
    rid = sql1("SELECT id FROM login_codes")
    check(wait_for(lambda: sql1("SELECT status FROM outbox WHERE idem_key ="
                                " 'login.code/%s/sms'" % rid) == "sent", 30),
          "the worker did not send the code")
    code = code_of(REGISTERED)
    check(code in mock_codes(REGISTERED), "the mock did not get the code")
    r = send_code(c, REGISTERED, code)
    check(r.status == 303 and signed_in(c), "the code sent did not log in: %r", r)


@test
def a_wrong_code_counts_down_then_the_code_is_dead():
    fresh()
    c = Client()
    check(ask(c, REGISTERED).status == 303, "asking failed")
    code = code_of(REGISTERED)
    for left in (4, 3, 2, 1):
        r = send_code(c, REGISTERED, wrong(code))
        check(r.status == 403, "%r", r)
        check("验证码不正确，还可尝试 %d 次" % left in r.body,
              "no countdown at %d: %s", left, re.findall(r'class="err">([^<]*)', r.body))
        # before the last try, what it risks
        check(("再错一次，这个验证码就会失效" in r.body) == (left == 1),
              "the warning at %d: %s", left, re.findall(r'class="err">([^<]*)', r.body))
    r = send_code(c, REGISTERED, wrong(code))
    check(r.status == 403 and "已失效" in r.body and "重新获取" in r.body,
          "the fifth wrong code: %r", r)
    r = send_code(c, REGISTERED, code)
    check(r.status == 403 and "已失效" in r.body, "the right code after 5 wrong: %r", r)
    check("pf_o" not in c.cookies, "signed in with a dead code")
    check(sql1("SELECT tries FROM login_codes") == "5", "tries not counted")


@test
def a_wrong_code_for_an_unregistered_phone_reads_the_same():
    fresh()
    other = unregistered_phone()
    c = Client()
    check(ask(c, other).status == 303, "asking failed")
    r = send_code(c, other, "123456")
    check(r.status == 403 and "验证码不正确，还可尝试 4 次" in r.body, "%r", r)


@test
def a_used_code_is_refused_the_second_time():
    fresh()
    c = Client()
    check(ask(c, REGISTERED).status == 303, "asking failed")
    code = code_of(REGISTERED)
    check(send_code(c, REGISTERED, code).status == 303, "first use refused")
    replay = Client()
    r = send_code(replay, REGISTERED, code)
    check(r.status == 403 and "已经用过" in r.body, "a replay: %r", r)
    check("pf_o" not in replay.cookies, "the replay got a session")


@test
def an_expired_code_is_refused():
    fresh()
    c = Client()
    check(ask(c, REGISTERED).status == 303, "asking failed")
    code = code_of(REGISTERED)
    # five minutes later, as the database's clock sees it
    sql("UPDATE login_codes SET expires_at = NOW(6) - INTERVAL 1 SECOND")
    r = send_code(c, REGISTERED, code)
    check(r.status == 403 and "已过期" in r.body, "%r", r)
    check("pf_o" not in c.cookies, "signed in with an expired code")
    check(sql1("SELECT used_at IS NULL FROM login_codes") == "1", "spent anyway")


@test
def a_phone_asks_at_most_once_a_minute_and_five_times_an_hour():
    for phone in (REGISTERED, unregistered_phone()):
        fresh()
        c = Client()
        check(ask(c, phone).status == 303, "asking failed")
        codes, msgs = sql1("SELECT COUNT(*) FROM login_codes"), queued()
        r = ask(c, phone)
        check(r.status == 429, "%s: a second request within the minute: %r", phone, r)
        why = field_error(r.body) or ""
        check("每个手机号每分钟只能获取 1 次" in why and re.search(r"\b([1-9]|[1-5][0-9]|60) 秒后", why),
              "%s: no clear message: %r", phone, why)
        check(sql1("SELECT COUNT(*) FROM login_codes") == codes and queued() == msgs,
              "%s: something was queued", phone)
        # four more earlier in the hour: five in all
        sql("UPDATE login_codes SET created_at = NOW(6) - INTERVAL 10 MINUTE")
        sql("INSERT INTO login_codes (phone, purpose, salt, code_hash, created_at,"
            " expires_at, ip) SELECT phone, purpose, salt, code_hash,"
            " NOW(6) - INTERVAL n MINUTE, NOW(6), ip FROM login_codes,"
            " (SELECT 20 n UNION SELECT 30 UNION SELECT 40 UNION SELECT 50) x")
        codes = sql1("SELECT COUNT(*) FROM login_codes")
        r = ask(c, phone)
        check(r.status == 429, "%s: a sixth request in the hour: %r", phone, r)
        # the oldest of the five leaves the hour in 10 minutes
        check("1 小时内获取验证码已达 5 次，请 10 分钟后再试" in (field_error(r.body) or ""),
              "%s: no clear message: %r", phone, field_error(r.body))
        check(sql1("SELECT COUNT(*) FROM login_codes") == codes and queued() == msgs,
              "%s: something was queued", phone)
    fresh()


@test
def asking_past_a_limit_gives_the_phone_step_back_saying_when_and_who_helps():
    fresh()
    c = Client()
    check(ask(c, REGISTERED).status == 303, "asking failed")
    # five in the hour, the oldest 48 minutes ago: free again in 12
    sql("UPDATE login_codes SET created_at = NOW(6) - INTERVAL 2 MINUTE")
    sql("INSERT INTO login_codes (phone, purpose, salt, code_hash, created_at,"
        " expires_at, ip) SELECT phone, purpose, salt, code_hash,"
        " NOW(6) - INTERVAL n MINUTE, NOW(6), ip FROM login_codes,"
        " (SELECT 10 n UNION SELECT 20 UNION SELECT 30 UNION SELECT 48) x")
    until = sql1("SELECT DATE_FORMAT(MIN(created_at) + INTERVAL 1 HOUR, '%H:%i')"
                 " FROM login_codes")
    form = c.get("/login/sms")
    r = c.post("/login/sms", {"csrf": form.csrf(), "phone": "138 0000 0002", "next": "/"})
    check(400 <= r.status < 500, "limited: %r", r)
    # the phone step again, the phone in its field, the words under it
    check('<form method="post" action="/login/sms" class="form">' in r.body,
          "not the phone step: %r", r)
    check(re.search(r'id="phone"[^>]*value="%s"' % REGISTERED, r.body), "the phone is not kept")
    why = field_error(r.body) or ""
    check(re.search(r"请 1[23] 分钟后再试（\d\d:\d\d 以后）", why), "when: %r", why)
    shown = re.search(r"（(\d\d:\d\d) 以后）", why).group(1)

    def minute(hhmm):
        return int(hhmm[:2]) * 60 + int(hhmm[3:])
    check((minute(shown) - minute(until)) % 1440 <= 1,
          "free again at %s, the page says %s", until, shown)
    # who helps: the service centres' phones (the demo's two estates)
    help_ = re.search(r'id="limit-help">(.*?)</div>', r.body, re.S)
    check(help_, "no help beside the field")
    for centre, phone in sql("SELECT service_centre, phone FROM estates WHERE phone <> ''"):
        check(centre in help_.group(1) and 'href="tel:%s"' % re.sub(r"[^0-9]", "", phone)
              in help_.group(1), "no %s %s in %r", centre, phone, help_.group(1))
    # the way to the code step, for a code already received
    check('href="/login/sms?phone=%s&amp;next=' % REGISTERED in help_.group(1),
          "no way to the code step: %r", help_.group(1))
    # from a browser: kept and shown again at the page's address, which
    # a reload shows again
    form = c.get("/login/sms")
    r = c.post("/login/sms", {"csrf": form.csrf(), "phone": REGISTERED, "next": "/"},
               headers=referer("/login/sms?next=%2F"))
    loc = r.header("Location") or ""
    check(r.status == 303 and re.fullmatch(r"/login/sms\?next=%2F&flash=[0-9a-f]{32}", loc),
          "a browser's limited request: %r %s", r, loc)
    for _ in (1, 2):
        page = c.get(loc)
        check(page.status == 429 and "已达 5 次" in (field_error(page.body) or "")
              and 'id="limit-help"' in page.body, "the kept page: %r", page)
    # with no centre's phone known, the words
    phones = sql("SELECT id, phone FROM estates")
    try:
        sql("UPDATE estates SET phone = ''")
        form = c.get("/login/sms")
        r = c.post("/login/sms", {"csrf": form.csrf(), "phone": REGISTERED, "next": "/"})
        help_ = re.search(r'id="limit-help">(.*?)</div>', r.body, re.S)
        check(r.status == 429 and help_ and "请联系或到小区物业服务中心办理" in help_.group(1)
              and "tel:" not in help_.group(1), "no centre's phone: %r", r)
    finally:
        for eid, phone in phones:
            sql("UPDATE estates SET phone = '%s' WHERE id = %s" % (phone, eid))
    fresh()


@test
def an_address_asks_at_most_twenty_times_an_hour():
    fresh()
    c = Client()
    check(ask(c, unregistered_phone()).status == 303, "asking failed")
    ip = sql1("SELECT ip FROM login_codes")
    # nineteen more from this address, for other phones, in the hour
    sql("INSERT INTO login_codes (phone, purpose, salt, code_hash, created_at,"
        " expires_at, ip) SELECT CONCAT('1770000', LPAD(seq, 4, '0')), 'login',"
        " salt, code_hash, NOW(6) - INTERVAL seq MINUTE, NOW(6), ip"
        " FROM login_codes, seq_1_to_19")
    msgs = queued()
    r = ask(c, REGISTERED)
    check(r.status == 429, "the 21st request of %s: %r", ip, r)
    why = field_error(r.body) or ""
    check("本网络 1 小时内获取验证码的次数过多" in why and "分钟后再试" in why,
          "no clear message: %r", why)
    check(queued() == msgs, "a code was queued")
    check(sql1("SELECT COUNT(*) FROM login_codes WHERE phone = '%s'" % REGISTERED) == "0",
          "the request was kept")
    # nor its phone's turn (a breaker's trial: refused requests for new
    # phones wrote a row each, without limit)
    other = unregistered_phone()
    sql("DELETE FROM login_code_limits WHERE subject = '%s'" % other)
    r = ask(c, other)
    check(r.status == 429, "another phone from the same address: %r", r)
    check(sql1("SELECT COUNT(*) FROM login_code_limits WHERE subject = '%s'" % other) == "0",
          "a refused request wrote its phone's row")
    fresh()


@test
def a_reset_sets_a_new_password_and_ends_the_other_sessions():
    fresh()
    old_hash = sql1("SELECT password_hash FROM owners WHERE phone = '%s'" % RESETTER)
    new = "新密码-pw-2026"
    try:
        elsewhere = Client()
        check(elsewhere.login_owner(RESETTER).status == 303, "password login failed")
        c = Client()
        check(ask(c, RESETTER, "/login/reset").status == 303, "asking failed")
        code = code_of(RESETTER, "reset")
        # the new password twice, alike, and long enough; the code is
        # not spent by a form with mistakes
        r = send_code(c, RESETTER, code, "/login/reset", password=new, password2=new + "x")
        check(r.status == 400 and "两次输入的新密码不一致" in r.body, "%r", r)
        r = send_code(c, RESETTER, code, "/login/reset", password="short", password2="short")
        check(r.status == 400 and "新密码至少需要 8 个字" in r.body, "%r", r)
        check(sql1("SELECT tries FROM login_codes") == "0", "a malformed form took a try")
        r = send_code(c, RESETTER, code, "/login/reset", password=new, password2=new)
        check(r.status == 303 and r.header("Location") == "/", "%r", r)
        check(signed_in(c), "not signed in after the reset")
        check(not signed_in(elsewhere), "the other session lives on")
        check(Client().login_owner(RESETTER).status == 403, "the old password still works")
        check(Client().login_owner(RESETTER, new).status == 303, "the new one does not")
        check(sql1("SELECT password_hash LIKE '$argon2id$%%' FROM owners WHERE phone = '%s'"
                   % RESETTER) == "1", "not argon2id")
        r = send_code(Client(), RESETTER, code, "/login/reset", password="another-1",
                      password2="another-1")
        check(r.status == 403 and "已经用过" in r.body, "the code reset twice: %r", r)
    finally:
        sql("UPDATE owners SET password_hash = '%s' WHERE phone = '%s'"
            % (old_hash, RESETTER))
        fresh()


def sent_sms(phone, key, topic):
    """What the mock SMS provider took for phone under idempotency key
    (OutId) key and template topic, once the worker has sent it."""
    got = []

    def look():
        got[:] = [m for m in received(phone, "sms")
                  if m.get("idem") == key and m.get("topic") == topic]
        return bool(got)
    check(wait_for(look, 30), "the mock got no %s SMS %s for %s", topic, key, phone)
    return got


@test
def the_code_just_received_for_a_login_resets_the_password_too():
    # A new user's trial: told on 忘记密码 that codes are asked too often
    # and "如已收到验证码，可以直接输入", an owner typed the login code just
    # received and was told 请先获取验证码. Both prove the same phone: the
    # phone's latest code counts on either page, once.
    fresh()
    old_hash = sql1("SELECT password_hash FROM owners WHERE phone = '%s'" % RESETTER)
    new = "新密码-pw-2027"
    try:
        c = Client()
        check(ask(c, RESETTER).status == 303, "asking on 短信验证码登录 failed")
        code = code_of(RESETTER, "login")
        r = ask(c, RESETTER, "/login/reset")
        check(r.status in (303, 429), "asking again on 忘记密码: %r", r)
        if r.status == 303:
            c.get(r.header("Location"))
        r = send_code(c, RESETTER, code, "/login/reset", password=new, password2=new)
        check(r.status == 303, "the login code did not reset: %r", r)
        check(Client().login_owner(RESETTER, new).status == 303, "the new password does not work")
        r = send_code(Client(), RESETTER, code, "/login/sms")
        check(r.status == 403 and "已经用过" in r.body, "the code logged in after the reset: %r", r)
    finally:
        sql("UPDATE owners SET password_hash = '%s' WHERE phone = '%s'"
            % (old_hash, RESETTER))


@test
def a_code_held_back_until_it_expired_is_not_sent():
    # A breaker's trial: a code held back by a failing provider arrived
    # after it expired (or after a newer one), and the owner's try on it
    # was wasted. The worker sends a code only while it can be used.
    fresh()
    # an owner of its own: lanes share the mock
    phone = "1998%06d0" % (int(time.time()) % 1000000)
    sql("INSERT INTO owners (estate_id, name, phone) VALUES (1, '过期测试', '%s')" % phone)
    mock("POST", "/_reset?address=" + phone)
    # the provider fails every try until the code has expired (failing
    # once only, a loaded machine's retry came before the code expired)
    rules(phone, fail_next=1000)
    try:
        c = Client()
        check(ask(c, phone).status == 303, "asking failed")
        mid = sql1("SELECT id FROM outbox WHERE topic = 'login.code' AND owner_id ="
                   " (SELECT id FROM owners WHERE phone = '%s') ORDER BY id DESC LIMIT 1"
                   % phone)
        check(wait_for(lambda: int(sql1("SELECT COUNT(*) FROM outbox_attempts WHERE"
                                        " outbox_id = %s" % mid)) >= 1, 30),
              "the first try was not made")
        # the tries failed; the code expires meanwhile; then the
        # provider is well again
        sql("UPDATE login_codes SET expires_at = NOW(6) WHERE phone = '%s'" % phone)
        rules(phone)
        check(wait_for(lambda: sql1("SELECT status FROM outbox WHERE id = %s" % mid)
                       == "skipped", 60), "the expired code: %r",
              sql("SELECT status, last_error FROM outbox WHERE id = %s" % mid))
        row = sql("SELECT last_error, payload, attempts FROM outbox WHERE id = %s" % mid)[0]
        check("验证码已过期" in row[0] and row[1] == "{}", "skipped as %r", row)
        check(mock_codes(phone) == [], "an expired code reached the owner")
    finally:
        rules(phone)
        fresh()


@test
def a_code_typed_in_full_width_digits_is_read():
    fresh()
    c = Client()
    check(ask(c, REGISTERED).status == 303, "asking failed")
    code = code_of(REGISTERED)
    wide = "".join(chr(ord(d) + 0xFEE0) for d in code)
    r = send_code(c, REGISTERED, wide)
    check(r.status == 303 and signed_in(c), "the code in full-width digits: %r", r)
    fresh()


@test
def a_reset_codes_sms_says_it_is_for_a_reset():
    fresh()
    c = Client()
    check(ask(c, RESETTER, "/login/reset").status == 303, "asking failed")
    rid = sql1("SELECT id FROM login_codes")
    got = sent_sms(RESETTER, "login.code/%s/sms" % rid, "login_code")
    check(len(got) == 1, "sent %d times", len(got))
    words = got[0]["text"]
    check("重置密码验证码" in words and "登录验证码" not in words, "the SMS says %r", words)
    check("如非本人操作" in words and "忽略" in words and "密码不会改变" in words,
          "no word for who did not ask: %r", words)
    check(got[0]["params"].get("code") in words, "no code in %r", words)
    # a login code says it is one
    fresh()
    check(ask(Client(), RESETTER).status == 303, "asking failed")
    rid = sql1("SELECT id FROM login_codes")
    words = sent_sms(RESETTER, "login.code/%s/sms" % rid, "login_code")[0]["text"]
    check("登录验证码" in words and "重置" not in words and "如非本人操作" in words,
          "a login code's SMS says %r", words)
    fresh()


@test
def a_reset_tells_the_owner_that_the_password_changed():
    fresh()
    oid, old_hash = sql("SELECT id, password_hash FROM owners WHERE phone = '%s'"
                        % RESETTER)[0]
    chose = sql("SELECT notify_sms, notify_wechat, notify_app, wechat_openid FROM owners"
                " WHERE id = %s" % oid)[0]
    openid = "oTestReset%s" % oid
    new = "换个密码-2026"
    try:
        # the owner chose WeChat alone: the SMS goes anyway, and WeChat
        sql("UPDATE owners SET notify_sms = 0, notify_wechat = 1, notify_app = 0,"
            " wechat_openid = '%s' WHERE id = %s" % (openid, oid))
        c = Client()
        check(ask(c, RESETTER, "/login/reset").status == 303, "asking failed")
        code = code_of(RESETTER, "reset")
        rid = sql1("SELECT id FROM login_codes")
        # a wrong code changes nothing and says nothing
        r = send_code(c, RESETTER, wrong(code), "/login/reset", password=new, password2=new)
        check(r.status == 403, "%r", r)
        check(sql1("SELECT COUNT(*) FROM outbox WHERE idem_key LIKE"
                   " 'password.changed/%s/%%'" % rid) == "0",
              "told of a change that did not happen")
        r = send_code(c, RESETTER, code, "/login/reset", password=new, password2=new)
        check(r.status == 303, "the reset failed: %r", r)
        rows = sql("SELECT channel, held FROM outbox WHERE idem_key LIKE"
                   " 'password.changed/%s/%%' ORDER BY channel" % rid)
        check(rows == [["sms", "0"], ["wechat", "0"]], "queued: %r", rows)
        got = sent_sms(RESETTER, "password.changed/%s/sms" % rid, "password_changed")
        words = got[0]["text"]
        centre, phone = sql("SELECT e.service_centre, e.phone FROM owners o"
                            " JOIN estates e ON e.id = o.estate_id WHERE o.id = %s" % oid)[0]
        check("密码已修改" in words and "如非本人操作" in words and centre in words
              and phone in words, "the SMS says %r", words)
        check(re.search(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d", words), "no time: %r", words)
        check(wait_for(lambda: any(m.get("idem") == "password.changed/%s/wechat" % rid
                                   and m.get("topic") == "password_changed"
                                   for m in received(openid, "wechat")), 30),
              "no WeChat message")
        check(wait_for(lambda: (sql1("SELECT body FROM outbox WHERE idem_key ="
                                     " 'password.changed/%s/sms' AND status = 'sent'" % rid)
                                or "").startswith("您的物业缴费账户登录密码已于")),
              "the words kept: %r", sql1("SELECT body FROM outbox WHERE idem_key ="
                                         " 'password.changed/%s/sms'" % rid))
    finally:
        sql("UPDATE owners SET password_hash = '%s', notify_sms = %s, notify_wechat = %s,"
            " notify_app = %s, wechat_openid = '%s' WHERE id = %s"
            % (old_hash, chose[0], chose[1], chose[2], chose[3], oid))
        fresh()


@test
def the_password_login_counts_down_to_the_lock_and_says_how_long():
    fresh()
    c = Client()
    for left in (4, 3, 2, 1):
        r = c.login_owner(REGISTERED, "not-the-password")
        check(r.status == 403, "%r", r)
        check("手机号或密码不正确，还可尝试 %d 次" % left in r.body,
              "no countdown at %d: %s", left,
              re.findall(r'class="err">([^<]*)', r.body))
    r = c.login_owner(REGISTERED, "not-the-password")
    check(r.status == 403 and "锁定" in r.body and "请 15 分钟后再试，或用短信验证码登录"
          in r.body, "the fifth failure does not say it locked: %r", r)
    r = c.login_owner(REGISTERED)
    check(r.status == 429 and "请 15 分钟后再试，或用短信验证码登录" in r.body,
          "locked: %r", r)
    # ten minutes on, five are left
    sql("UPDATE login_attempts SET at = at - INTERVAL 10 MINUTE")
    r = c.login_owner(REGISTERED)
    check(r.status == 429 and "请 5 分钟后再试" in r.body, "%r", r)
    # the code still logs in, and ends the lock
    check(ask(c, REGISTERED).status == 303, "asking failed")
    check(send_code(c, REGISTERED, code_of(REGISTERED)).status == 303,
          "a code does not log a locked owner in")
    check(Client().login_owner(REGISTERED).status == 303, "still locked after a code login")
    # staff are warned too
    s = Client()
    r = s.login_staff("zuzhang", "not-the-password")
    check(r.status == 403 and "用户名或密码不正确，还可尝试 4 次" in r.body, "%r", r)
    fresh()


@test
def a_login_code_goes_out_ahead_of_a_failing_backlog():
    # 200 reminders to four phones whose provider is slow and fails them
    # all: both worker threads are busy retrying, each with a batch of
    # them leased. A login code asked for then is sent after the sends in
    # flight (one per thread), not after the rest of their batches (a
    # breaker's trial: codes waited behind hundreds of retries).
    fresh()
    tag = secrets.token_hex(4)
    phones = ["1996%07d" % (secrets.randbelow(10 ** 7)) for _ in range(4)]
    owners = []
    for p in phones:
        sql("INSERT INTO owners (estate_id, name, phone) VALUES (1, '积压测试', '%s')" % p)
        owners.append(sql1("SELECT id FROM owners WHERE phone = '%s'" % p))
        mock("POST", "/_reset?address=" + p)
    homes = sql("SELECT premises_id, MIN(id) FROM bills WHERE estate_id = 1"
                " AND status = 'unpaid' GROUP BY premises_id ORDER BY premises_id LIMIT 200")
    check(len(homes) == 200, "only %d households with an open bill", len(homes))
    was = sql("SELECT quiet_from, quiet_to FROM estates WHERE id = 1")[0]
    sql("UPDATE estates SET quiet_from = '00:00:00', quiet_to = '00:00:00' WHERE id = 1")
    backlog = "idem_key LIKE 'backlog/%s/%%'" % tag
    try:
        sql("INSERT INTO outbox (estate_id, owner_id, topic, channel, premises_id, held,"
            " idem_key, payload, next_at, created_at) VALUES " + ", ".join(
                "(1, %s, 'reminder', 'sms', %s, 1, 'backlog/%s/%d/sms',"
                " '{\"bills\": [%s], \"stage\": \"after\"}',"
                " NOW(6) + INTERVAL 1 HOUR, NOW(6))"
                % (owners[i % 4], pid, tag, i, bill) for i, (pid, bill) in enumerate(homes)))
        for p in phones:
            rules(p, timeout=1, fail_rate=1)
        sql("UPDATE outbox SET next_at = NOW(6) WHERE " + backlog)
        # each thread holds ten or more of them, sending one a second
        check(wait_for(lambda: len(sql("SELECT lease_owner FROM outbox WHERE %s AND status ="
                                       " 'sending' GROUP BY lease_owner HAVING COUNT(*) >= 10"
                                       % backlog)) == 2, 60),
              "the backlog is not being sent by two threads: %r",
              sql("SELECT status, lease_owner, COUNT(*) FROM outbox WHERE %s"
                  " GROUP BY status, lease_owner" % backlog))
        c = Client()
        check(ask(c, REGISTERED).status == 303, "asking failed")

        def tried():
            return [a for p in phones for a in attempts(p)]

        before = len(tried())
        salt, want = sql("SELECT salt, code_hash FROM login_codes"
                              " WHERE phone = '%s'" % REGISTERED)[0]

        def the_code():
            for m in received(REGISTERED, "sms"):
                code = m.get("params", {}).get("code", "")
                if hashlib.sha256(("%s:%s:%s" % (salt, REGISTERED, code)).encode()
                                  ).hexdigest() == want:
                    return m
            return None

        check(wait_for(the_code, 60), "the code never reached the provider")
        at = the_code()["at"]
        ahead = sum(1 for a in tried() if a["at"] <= at) - before
        check(ahead <= 3, "%d messages of the backlog were tried after the code was asked for"
              " and before it went", ahead)
        left = sql("SELECT status, COUNT(*) FROM outbox WHERE %s GROUP BY status" % backlog)
        check(dict(left).keys() & {"pending", "sending"}, "the backlog is not retrying: %r",
              left)
    finally:
        sql("UPDATE outbox SET status = 'skipped', last_error = 'test', lease_until = NULL"
            " WHERE %s AND status IN ('pending', 'sending')" % backlog)
        sql("UPDATE estates SET quiet_from = '%s', quiet_to = '%s' WHERE id = 1" % tuple(was))
        for p in phones:
            rules(p)
