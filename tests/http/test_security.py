"""test_security.py - the security list of issue 2, one behaviour each."""

import re

from lib import (Client, DEMO_PASSWORD, check, clear_login_attempts, owner,
                 sha256_hex, sql, sql1, staff, test)


@test
def healthz_answers_200_without_data():
    for path in ("/healthz", "/staff/healthz"):
        r = Client().get(path)
        check(r.status == 200, "%s: %r", path, r)
        check(r.body.strip() == "ok", "%s says %r", path, r.body)


@test
def unknown_path_gets_a_chinese_404_page():
    for path in ("/no/such/page", "/staff/no-such", "/bills/abc", "/bills/0"):
        r = Client().get(path)
        check(r.status == 404, "%s: %r", path, r)
        check("找不到" in r.body, "%s: no Chinese message", path)


@test
def wrong_method_gets_405():
    r = Client().post("/healthz", {"a": "1"})
    check(r.status == 405, "%r", r)


@test
def pages_and_static_files_carry_security_headers():
    for path in ("/login", "/staff/login", "/static/style.css", "/no/such"):
        r = Client().get(path)
        csp = r.header("Content-Security-Policy") or ""
        check("default-src 'self'" in csp, "%s CSP %r", path, csp)
        check("frame-ancestors 'none'" in csp, "%s CSP %r", path, csp)
        check(r.header("X-Content-Type-Options") == "nosniff", "%s nosniff", path)
        check(r.header("Referrer-Policy"), "%s no Referrer-Policy", path)


@test
def login_cookie_is_httponly_samesite_and_random():
    c = Client()
    r = c.login_owner("13800000001")
    check(r.status == 303, "login: %r", r)
    cookie = [v for v in r.all_headers("Set-Cookie") if v.startswith("pf_o=")]
    check(cookie, "no session cookie")
    cookie = cookie[0]
    check("HttpOnly" in cookie, "not HttpOnly: %s", cookie)
    check("SameSite=Lax" in cookie, "not SameSite=Lax: %s", cookie)
    check("Secure" not in cookie, "Secure over plain http: %s", cookie)
    token = c.cookies["pf_o"]
    check(re.fullmatch(r"[0-9a-f]{64}", token), "token %r is not 256 bits", token)


@test
def session_token_is_stored_only_as_its_hash():
    c = owner()
    token = c.cookies["pf_o"]
    check(sql1("SELECT COUNT(*) FROM sessions WHERE token_hash = '%s'"
               % sha256_hex(token)) == "1", "hash not stored")
    check(sql1("SELECT COUNT(*) FROM sessions WHERE token_hash = '%s' OR csrf = '%s'"
               % (token, token)) == "0", "raw token stored")


@test
def login_gives_a_new_token_and_ends_the_old_session():
    c = owner()
    first = c.cookies["pf_o"]
    # log in again from the same browser, with a fresh login form
    c.cookies.pop("pf_o")
    page = c.get("/login")
    c.cookies["pf_o"] = first
    r = c.post("/login", {"csrf": page.csrf(), "phone": "13800000001",
                          "password": "propfee-demo"})
    check(r.status == 303, "second login: %r", r)
    second = c.cookies["pf_o"]
    check(first != second, "same token after login")
    old = Client()
    old.cookies["pf_o"] = first
    r = old.get("/")
    check(r.status == 303 and "/login" in r.header("Location"),
          "old token still works: %r", r)


@test
def session_cookie_is_secure_behind_https():
    c = Client(tls=True)
    r = c.login_owner("13800000001")
    check(r.status == 303, "https login: %r", r)
    cookie = [v for v in r.all_headers("Set-Cookie") if v.startswith("pf_o=")][0]
    check("Secure" in cookie, "no Secure flag behind https: %s", cookie)


@test
def passwords_are_argon2id():
    for table in ("owners", "staff"):
        bad = sql1("SELECT COUNT(*) FROM %s WHERE password_hash IS NOT NULL"
                   " AND password_hash NOT LIKE '$argon2id$%%'" % table)
        check(bad == "0", "%s: %s hashes are not argon2id", table, bad)


@test
def wrong_password_is_refused_with_a_message():
    clear_login_attempts()
    c = Client()
    page = c.get("/login")
    r = c.post("/login", {"csrf": page.csrf(), "phone": "13800000001",
                          "password": "wrong"})
    check(r.status == 403, "%r", r)
    check("手机号或密码不正确" in r.body, "no message")
    check("pf_o" not in c.cookies, "got a session")


@test
def login_form_fields_are_validated():
    c = Client()
    page = c.get("/login")
    r = c.post("/login", {"csrf": page.csrf(), "phone": "12ab", "password": ""})
    check(r.status == 400, "%r", r)
    check("应为 11 位手机号码" in r.body and "请填写密码" in r.body, "messages missing")
    check('value="12ab"' in r.body, "typed value not shown back")


@test
def repeated_failures_lock_the_account():
    clear_login_attempts()
    c = Client()
    for _ in range(5):
        page = c.get("/login")
        c.post("/login", {"csrf": page.csrf(), "phone": "13800000003",
                          "password": "nope"})
    page = c.get("/login")
    r = c.post("/login", {"csrf": page.csrf(), "phone": "13800000003",
                          "password": DEMO_PASSWORD})
    check(r.status == 429, "right password after 5 failures: %r", r)
    check("锁定" in r.body and "15 分钟" in r.body, "no clear message")
    # another account from the same address is not locked
    r = Client().login_owner("13800000001")
    check(r.status == 303, "other account locked too: %r", r)
    clear_login_attempts()
    r = Client().login_owner("13800000003")
    check(r.status == 303, "still locked after the lock expired: %r", r)


@test
def repeated_failures_lock_the_address():
    clear_login_attempts()
    c = Client()
    for i in range(30):
        page = c.get("/staff/login")
        c.post("/staff/login", {"csrf": page.csrf(), "username": "nobody%d" % i,
                                "password": "x"})
    r = Client().login_staff("zuzhang")
    check(r.status == 429, "address not locked: %r", r)
    clear_login_attempts()


@test
def post_without_the_csrf_token_is_refused():
    c = owner()
    r = c.post("/logout", {})
    check(r.status == 403, "logout without token: %r", r)
    r = c.post("/logout", {"csrf": "0" * 64})
    check(r.status == 403, "logout with a wrong token: %r", r)
    check(c.get("/").status == 200, "session ended anyway")
    anon = Client()
    anon.get("/login")
    r = anon.post("/login", {"phone": "13800000001", "password": DEMO_PASSWORD})
    check(r.status == 403, "login without token: %r", r)
    r = anon.post("/login", {"csrf": "f" * 32, "phone": "13800000001",
                             "password": DEMO_PASSWORD})
    check(r.status == 403, "login with a wrong token: %r", r)


@test
def logout_ends_the_session():
    c = owner()
    token = c.cookies["pf_o"]
    home = c.get("/")
    r = c.post("/logout", {"csrf": home.csrf()})
    check(r.status == 303 and r.header("Location") == "/login", "%r", r)
    old = Client()
    old.cookies["pf_o"] = token
    check(old.get("/").status == 303, "token still valid after logout")


@test
def sessions_expire_after_30_idle_minutes():
    c = owner()
    h = sha256_hex(c.cookies["pf_o"])
    sql("UPDATE sessions SET last_seen_at = NOW() - INTERVAL 31 MINUTE"
        " WHERE token_hash = '%s'" % h)
    r = c.get("/")
    check(r.status == 303 and r.header("Location").startswith("/login"), "%r", r)


@test
def sessions_expire_after_12_hours_however_busy():
    c = owner()
    h = sha256_hex(c.cookies["pf_o"])
    sql("UPDATE sessions SET created_at = NOW() - INTERVAL 12 HOUR - INTERVAL 1 MINUTE"
        " WHERE token_hash = '%s'" % h)
    r = c.get("/")
    check(r.status == 303, "%r", r)


@test
def an_active_session_stays_alive():
    c = owner()
    h = sha256_hex(c.cookies["pf_o"])
    sql("UPDATE sessions SET last_seen_at = NOW() - INTERVAL 29 MINUTE"
        " WHERE token_hash = '%s'" % h)
    check(c.get("/").status == 200, "expired too early")
    idle = sql1("SELECT TIMESTAMPDIFF(SECOND, last_seen_at, NOW()) FROM sessions"
                " WHERE token_hash = '%s'" % h)
    check(int(idle) < 60, "activity did not renew the session (idle %s s)", idle)


@test
def login_returns_to_the_page_asked_for_but_never_off_site():
    c = Client()
    r = c.get("/payments")
    check(r.status == 303 and "next=" in r.header("Location"), "%r", r)
    page = c.get(r.header("Location"))
    r = c.post("/login", {"csrf": page.csrf(), "phone": "13800000001",
                          "password": DEMO_PASSWORD, "next": "/payments"})
    check(r.header("Location") == "/payments", "went to %r", r.header("Location"))
    c = Client()
    page = c.get("/login")
    r = c.post("/login", {"csrf": page.csrf(), "phone": "13800000001",
                          "password": DEMO_PASSWORD, "next": "//evil.example/"})
    check(r.header("Location") == "/", "open redirect to %r", r.header("Location"))


@test
def a_body_over_1mb_gets_413():
    c = owner()
    r = c.request("POST", "/logout", body=b"a=" + b"x" * (1024 * 1024 + 10),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(r.status == 413, "%r", r)
    check("1 MB" in r.body, "no message")


@test
def malformed_encoding_gets_400_with_a_message():
    c = Client()
    for path in ("/login?next=%zz", "/login?next=%ff", "/bills%", "/login?a=%00"):
        r = c.get(path)
        check(r.status == 400, "%s: %r", path, r)
        check("格式有误" in r.body, "%s: no message", path)
    page = c.get("/login")
    r = c.request("POST", "/login", body=("csrf=%s&phone=%%E5" % page.csrf()).encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(r.status == 400, "broken UTF-8 in a form: %r", r)


@test
def owner_a_gets_404_for_owner_b_records():
    b_bill = sql1("SELECT b.id FROM bills b JOIN premises_owners po"
                  " ON po.premises_id = b.premises_id JOIN owners o"
                  " ON o.id = po.owner_id WHERE o.phone = '13800000002' LIMIT 1")
    b_premises = sql1("SELECT po.premises_id FROM premises_owners po JOIN owners o"
                      " ON o.id = po.owner_id WHERE o.phone = '13800000002'")
    a = owner("13800000001")
    for path in ("/bills/%s" % b_bill, "/premises/%s/bills" % b_premises,
                 "/premises/%s/bills?status=unpaid" % b_premises):
        r = a.get(path)
        check(r.status == 404, "%s: %r", path, r)
    b = owner("13800000002")
    check(b.get("/bills/%s" % b_bill).status == 200, "owner B cannot see own bill")


@test
def staff_outside_their_estates_get_404():
    other = sql1("SELECT p.id FROM premises p JOIN estates e ON e.id = p.estate_id"
                 " WHERE e.code = 'JHY' LIMIT 1")
    own = sql1("SELECT p.id FROM premises p JOIN estates e ON e.id = p.estate_id"
               " WHERE e.code = 'CHJ' LIMIT 1")
    c = staff("cuihu1")
    check(c.get("/staff/households/%s" % other).status == 404, "household of JHY")
    check(c.get("/staff/households?estate=1").status == 404, "ledger of JHY")
    check(c.get("/staff/households/%s" % own).status == 200, "own household")
    r = c.get("/staff/households")
    check(r.status == 200 and "翠湖居" in r.body, "own ledger: %r", r)
    check("锦华苑" not in r.body, "sees the other estate's name")


@test
def stored_script_in_an_owner_name_is_shown_escaped():
    pid, oid, old = sql("SELECT po.premises_id, o.id, o.name FROM owners o"
                        " JOIN premises_owners po ON po.owner_id = o.id"
                        " WHERE o.phone = '13800000003'")[0]
    evil = "<script>alert(1)</script>"
    sql("UPDATE owners SET name = '%s' WHERE id = %s" % (evil, oid))
    try:
        pages = [(owner("13800000003"), "/"),
                 (staff("zuzhang"), "/staff/households/%s" % pid),
                 (staff("zuzhang"), "/staff/households?phone=13800000003")]
        for c, path in pages:
            r = c.get(path)
            check(r.status == 200, "%s: %r", path, r)
            check(evil not in r.body, "%s: raw script in the page", path)
            check("&lt;script&gt;alert(1)&lt;/script&gt;" in r.body,
                  "%s: name not shown escaped", path)
    finally:
        sql("UPDATE owners SET name = '%s' WHERE id = %s" % (old, oid))
