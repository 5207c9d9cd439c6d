"""test_pay_crash.py - the owner program killed with SIGKILL in the middle
of a gateway's notification, and the sandbox gateway killed before it
notified (issue 10): the gateway sends it again on its
schedule, the supervisor has started the program again, and the order is
paid exactly once, with its receipt number in sequence and the books
adding up.

To be "in the middle" for sure, a root session holds the order's row: the
notification's transaction waits for it (payorder_credit locks the row
first), and the program is killed while it waits. Runs in lane "last": it
kills a process of the stack.
"""

import http.client
import json
import os
import signal
import subprocess
import urllib.parse

from lib import DB, DB_VAR, MYCNF, ROOT, VAR, check, owner, sql, sql1, test, wait_for
from test_pay_online import (cashier_back, conf, gateway, open_order, payments_of,
                             premises, to_gateway)


def recorded(name):
    with open(os.path.join(VAR, "run", name + ".pid")) as f:
        return int(f.read().strip())


def sv(action, name):
    subprocess.run(["sv", "-w", "30", action, os.path.join(VAR, "sv", name)],
                   check=True, capture_output=True)


@test
def the_owner_program_killed_during_a_notification_pays_the_order_once():
    c = owner("13800000003")
    pid = premises("7栋", "3", "1101")
    r, otn = open_order(c, pid, what="prepay", months="1", channel="alipay")
    check(r.status == 303 and otn, "pay form: %r", r)
    st, _, body = gateway("GET", to_gateway(c, otn))
    before = int(sql1("SELECT COUNT(*) FROM receipts WHERE estate_id = 1"))
    holder = subprocess.Popen(
        ["mariadb", "--defaults-file=" + MYCNF, "-uroot", DB, "-e",
         "START TRANSACTION; SELECT id FROM pay_orders WHERE out_trade_no = '%s'"
         " FOR UPDATE; SELECT SLEEP(60); ROLLBACK;" % otn],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    killed = None
    sv("down", "worker")
    try:
        check(wait_for(lambda: sql1("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                                    " WHERE INFO LIKE 'SELECT SLEEP(60)%'") != "0", 10),
              "the row holder did not start")
        gateway("POST", conf("sandbox_url") + "/alipay/pay",
                {"out_trade_no": otn, "back": cashier_back(body)})
        # the notification's transaction waits for the row (the worker,
        # which would ask the gateway about the order too, is held down)
        check(wait_for(lambda: sql1(
            "SELECT COUNT(*) FROM information_schema.INNODB_TRX t"
            " JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id"
            " WHERE t.trx_state = 'LOCK WAIT' AND p.USER = 'propfee'"
            " AND p.DB = '%s'" % DB) != "0", 15),
            "the notification never reached the order's row")
        killed = recorded("owner")
        os.kill(killed, signal.SIGKILL)
    finally:
        held = sql1("SELECT ID FROM information_schema.PROCESSLIST"
                    " WHERE INFO LIKE 'SELECT SLEEP(60)%' LIMIT 1")
        if held:
            sql("KILL QUERY %s" % held)
        holder.wait()
        paid_early = payments_of(otn)
        sv("up", "worker")
    check(paid_early == 0, "paid by a program that was killed")
    # the supervisor starts the program again; the gateway sends again
    # (Alipay's 4 minutes, scaled to seconds by the sandbox)
    check(wait_for(lambda: payments_of(otn) == 1, 60),
          "the order was not paid after the gateway sent again")
    check(recorded("owner") != killed, "the owner program was not started again")
    def answered():
        sent = json.loads(gateway("GET", conf("sandbox_url") + "/_sent")[2])
        return any(x["out_trade_no"] == otn and [200, "success"] in x["answers"]
                   for x in sent)
    check(wait_for(answered, 30), "the gateway never got its success")
    check(payments_of(otn) == 1, "paid %d times", payments_of(otn))
    after = int(sql1("SELECT COUNT(*) FROM receipts WHERE estate_id = 1"))
    check(after == before + 1, "receipts %d -> %d", before, after)
    seqs = [int(s) for (s,) in sql("SELECT seq FROM receipts WHERE estate_id = 1"
                                   " AND year = YEAR(CURDATE()) ORDER BY seq")]
    check(seqs == list(range(1, len(seqs) + 1)), "a gap in the receipt numbers")
    p = subprocess.run([os.path.join(ROOT, "scripts", "check-ledger.sh"), DB_VAR, DB],
                       capture_output=True, text=True)
    check(p.returncode == 0, "the ledger check failed:\n%s", p.stdout)


@test
def the_sandbox_gateway_killed_before_notifying_notifies_after_its_restart():
    # A real gateway keeps retrying whatever happens to one of its
    # machines; the sandbox keeps its orders in a journal and, started
    # again, notifies what it had not had answered (issue 14's fault tests
    # kill it too).
    c = owner("13800000002")
    pid = premises("5栋", "1", "602")
    r, otn = open_order(c, pid, what="prepay", months="1", channel="alipay")
    check(r.status == 303 and otn, "pay form: %r", r)
    st, _, body = gateway("GET", to_gateway(c, otn))
    url = conf("sandbox_url")
    gateway_control({"slow": 60})       # the notification waits a minute
    killed = recorded("sandbox")
    gateway("POST", url + "/alipay/pay", {"out_trade_no": otn, "back": cashier_back(body)})
    os.kill(killed, signal.SIGKILL)
    check(wait_for(lambda: payments_of(otn) == 1, 60),
          "the restarted sandbox never notified the order it had taken payment for")
    check(recorded("sandbox") != killed, "the sandbox was not started again")
    check(payments_of(otn) == 1, "paid %d times", payments_of(otn))


def gateway_control(settings):
    u = conf("sandbox_url")
    st, _, _ = gateway_json(u + "/_control", settings)
    check(st == 200, "the sandbox's control: %s", st)


def gateway_json(url, obj):
    p = urllib.parse.urlsplit(url)
    h = http.client.HTTPConnection(p.hostname, p.port, timeout=10)
    try:
        h.request("POST", p.path, body=json.dumps(obj))
        r = h.getresponse()
        return r.status, None, r.read().decode()
    finally:
        h.close()
