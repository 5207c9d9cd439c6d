"""test_outage.py - the database goes away and comes back."""

from lib import Client, check, owner, stack, test, wait_for


@test
def pages_answer_503_while_the_database_is_down_and_recover():
    c = owner("13800000001")
    check(c.get("/").status == 200, "not working before")
    stack("db-stop")
    try:
        r = c.get("/")
        check(r.status == 503, "page with the DB down: %r", r)
        check("数据库" in r.body, "no Chinese message")
        check(Client().get("/healthz").status == 503, "healthz says ok")
        check(Client().get("/staff/healthz").status == 503, "staff healthz says ok")
        r = Client().get("/login")
        check(r.status == 200, "login form needs no database: %r", r)
    finally:
        stack("db-start")
    check(wait_for(lambda: Client().get("/healthz").status == 200), "healthz never recovered")
    check(wait_for(lambda: c.get("/").status == 200), "pages never recovered")
    check(Client().get("/staff/healthz").status == 200, "staff did not recover")
