"""lib.py - what the HTTP tests share: a small client with cookies, the
stack's addresses, SQL against the test database, and the test registry.

Tests talk to the real nginx + FastCGI programs + MariaDB that
scripts/test.sh started for this run; each test is a function that raises
AssertionError (via check()) when the behaviour it names is missing.
"""

import contextlib
import hashlib
import http.client
import os
import re
import ssl
import subprocess
import time
import urllib.parse

BASE_PORT = int(os.environ["PROPFEE_PORT"])
TLS_PORT = int(os.environ.get("PROPFEE_TLS_PORT", "0"))
VAR = os.environ["PROPFEE_VAR"]
# The lane's database (scripts/test.sh): its name, and the folder of the
# stack whose MariaDB holds it (a lane's own VAR is an app host's).
DB = os.environ.get("PROPFEE_DB", "propfee")
DB_VAR = os.environ.get("PROPFEE_DB_VAR", VAR)
MYCNF = os.path.join(DB_VAR, "my.cnf")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DEMO_PASSWORD = "propfee-demo"

TESTS = []


def test(fn):
    """Registers a test; its name says what it proves."""
    TESTS.append(fn)
    return fn


def check(cond, msg="", *args):
    if not cond:
        raise AssertionError(msg % args if args else msg)


def sql(query):
    """Runs SQL as root on the test database; returns rows of strings."""
    out = subprocess.run(
        ["mariadb", "--defaults-file=" + MYCNF, "-uroot", DB, "-N", "-B",
         "-e", query],
        check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def sql1(query):
    rows = sql(query)
    return rows[0][0] if rows else None


def stack(cmd):
    subprocess.run([os.path.join(ROOT, "scripts", "stack.sh"), cmd, VAR],
                   check=True, capture_output=True)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers          # list of (name, value)
        self.raw = body
        self.body = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def all_headers(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def csrf(self):
        m = re.search(r'name="csrf" value="([0-9a-f]+)"', self.body)
        check(m, "no CSRF token in the page")
        return m.group(1)

    def token(self, action=""):
        """The form token (once.h) of the first form whose action ends
        with `action`."""
        m = re.search(r'<form[^>]*action="[^"]*%s"[^>]*>.*?name="form_token"'
                      r' value="([0-9a-f]+)"' % re.escape(action), self.body, re.S)
        check(m, "no form token for %s in the page" % (action or "a form"))
        return m.group(1)

    def __repr__(self):
        return "<%d %s>" % (self.status, self.body[:200])


class Client:
    """One browser: keeps cookies, never follows redirects by itself."""

    def __init__(self, tls=False):
        self.cookies = {}
        self.tls = tls

    def conn(self):
        if self.tls:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            return http.client.HTTPSConnection("127.0.0.1", TLS_PORT,
                                               context=ctx, timeout=30)
        return http.client.HTTPConnection("127.0.0.1", BASE_PORT, timeout=30)

    def request(self, method, path, body=None, headers=None):
        h = {"User-Agent": "propfee-tests"}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if headers:
            h.update(headers)
        c = self.conn()
        try:
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            resp = Response(r.status, r.getheaders(), r.read())
        finally:
            c.close()
        for sc in resp.all_headers("Set-Cookie"):
            name, _, rest = sc.partition("=")
            value = rest.split(";")[0]
            if "Max-Age=0" in sc or value == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return resp

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, fields, headers=None):
        body = urllib.parse.urlencode(fields).encode()
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        if headers:
            h.update(headers)
        return self.request("POST", path, body=body, headers=h)

    def login_owner(self, phone, password=DEMO_PASSWORD):
        page = self.get("/login")
        check(page.status == 200, "login page: %r", page)
        r = self.post("/login", {"csrf": page.csrf(), "phone": phone,
                                 "password": password, "next": "/"})
        return r

    def login_staff(self, username, password=DEMO_PASSWORD):
        page = self.get("/staff/login")
        check(page.status == 200, "staff login page: %r", page)
        return self.post("/staff/login", {"csrf": page.csrf(),
                                          "username": username,
                                          "password": password,
                                          "next": "/staff/households"})


def owner(phone="13800000001"):
    c = Client()
    r = c.login_owner(phone)
    check(r.status == 303, "owner %s could not log in: %r", phone, r)
    return c


def staff(username):
    c = Client()
    r = c.login_staff(username)
    check(r.status == 303, "staff %s could not log in: %r", username, r)
    return c


def sha256_hex(s):
    return hashlib.sha256(s.encode()).hexdigest()


def text_of(html):
    """The visible text of a page, tags removed, entities left."""
    return re.sub(r"<[^>]+>", " ", html)


def clear_login_attempts():
    sql("DELETE FROM login_attempts")


def wait_for(fn, seconds=15):
    end = time.time() + seconds
    while True:
        if fn():
            return True
        if time.time() > end:
            return False
        time.sleep(0.2)


@contextlib.contextmanager
def table_held(table, tag):
    """Holds table locked (LOCK TABLES ... WRITE) from a root session of
    its own while the block runs, then lets it go. tag names the session's
    SELECT SLEEP so that it is found in the processlist. Yields nothing;
    fails the test if the lock cannot be taken within a minute."""
    holder = subprocess.Popen(
        ["mariadb", "--defaults-file=" + MYCNF, "-uroot", DB,
         "-e", "LOCK TABLES %s WRITE; SELECT SLEEP(300) AS %s; UNLOCK TABLES;"
         % (table, tag)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    held = None
    try:
        deadline = time.time() + 60        # a busy machine starts slowly
        while not held and holder.poll() is None and time.time() < deadline:
            held = sql1("SELECT ID FROM information_schema.PROCESSLIST"
                        " WHERE USER = 'root' AND INFO LIKE 'SELECT SLEEP(300) AS %s%%'"
                        % tag)
            time.sleep(0.05)
        check(held, "could not lock %s: %s", table, holder.stderr.read().strip()
              if holder.poll() is not None else sql(
                  "SELECT ID, STATE, INFO FROM information_schema.PROCESSLIST"))
        yield
    finally:
        if held:
            sql("KILL QUERY %s" % held)     # the sleep ends; the lock goes
        else:
            holder.kill()
        holder.wait()
