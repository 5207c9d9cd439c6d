"""test_msg_adapters.py - the message providers' adapters (issue 11,
cgi-bin/core/msgsend.h) against the mock receiver the stack runs
(scripts/propfee-mock-msg), through build/propfee-msgsend: each channel's
message reaches the mock once with the fields the provider reads; a bad
signature, secret, token or Basic header is refused by the mock; the
mock's rate limit, refusal, failure and silence come back as retry,
refused, retry and unsure (the request went out: it may have been
taken), a provider that cannot be reached as retry; the WeChat
access_token is fetched once for many sends, and again after the
provider answers 40001.

Starts nothing: the stack started the mock. Lanes share it, so every
test sends to addresses of its own (random) and scopes the mock's rules
to them ({"address": ...}).
"""

import json
import os
import re
import secrets
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from lib import ROOT, VAR, check, test, wait_for

from msgmock import CONF, attempts, conf, mock, mock_msg, received, rules

TOOL = os.path.join(ROOT, os.environ.get("B", "build"), "propfee-msgsend")
LINE = re.compile(r"^result=(\S+) http=(\d+) code=(\S*) provider_id=(\S*) "
                  r"rate_limited=([01]) answer=(.*)$")


def phone():
    return "139%08d" % secrets.randbelow(10 ** 8)


def openid():
    return "oTest" + secrets.token_urlsafe(18)[:23]


def device():
    return "t" + secrets.token_hex(9)


def send(*args, conf_path=CONF, extra_conf=None):
    """Runs propfee-msgsend; its answers, one dict a message, and its
    exit code. extra_conf: lines appended to a copy of the configuration
    (the last value of a key wins)."""
    path = conf_path
    tmp = None
    if extra_conf:
        tmp = tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False)
        with open(conf_path, encoding="utf-8") as f:
            tmp.write(f.read())
        tmp.write("\n" + "\n".join(extra_conf) + "\n")
        tmp.close()
        path = tmp.name
    try:
        p = subprocess.run([TOOL, "-c", path] + list(args), capture_output=True,
                           text=True, timeout=120)
    finally:
        if tmp:
            os.unlink(tmp.name)
    out = []
    for line in p.stdout.splitlines():
        m = LINE.match(line)
        check(m, "propfee-msgsend printed %r (stderr %r)", line, p.stderr)
        out.append({"result": m.group(1), "http": int(m.group(2)),
                    "code": m.group(3), "provider_id": m.group(4),
                    "rate_limited": m.group(5) == "1", "answer": m.group(6)})
    check(out or p.returncode == 2, "propfee-msgsend printed nothing (rc %d): %s",
          p.returncode, p.stderr)
    return out, p.returncode


def one(*args, **kw):
    out, rc = send(*args, **kw)
    check(len(out) == 1, "not one answer: %r", out)
    return out[0], rc


@test
def an_sms_reaches_the_mock_once_signed_with_its_template_params_and_out_id():
    to, key = phone(), "login.code/%s/sms" % secrets.token_hex(4)
    a, rc = one("-k", key, "-p", "code=904512", "-p", "minutes=5",
                "sms", to, "login.code", "验证码904512")
    check(a["result"] == "sent" and a["http"] == 200 and a["code"] == "OK" and rc == 0,
          "not sent: %r", a)
    got = received(to)
    check(len(got) == 1, "the mock took %d messages: %r", len(got), got)
    r = got[0]
    check(r["channel"] == "sms" and r["template"] == conf("sms_tpl_login_code")
          and r["topic"] == "login_code", "template: %r", r)
    check(r["params"] == {"code": "904512", "minutes": "5"}, "params: %r", r)
    check(list(r["params"]) == ["code", "minutes"], "the parameters' order: %r", r)
    check(r["idem"] == key, "OutId %r is not the idempotency key %r", r["idem"], key)
    check(r["sign_name"] == conf("sms_sign_name"), "SignName: %r", r)
    check(r["provider_id"] == a["provider_id"] and a["provider_id"].endswith("^0"),
          "BizId %r, answered %r", r["provider_id"], a["provider_id"])
    check(r["text"] == "【%s】904512，5" % conf("sms_sign_name"), "text: %r", r["text"])


@test
def a_wechat_template_message_reaches_the_mock_once_with_openid_data_and_link():
    to, key = openid(), "ebill/%s/wechat" % secrets.token_hex(4)
    link = "http://127.0.0.1/pay?x=1&y=2"
    a, rc = one("-k", key, "-T", "您有新的物业账单", "-l", link,
                "-p", "thing1=3栋2单元301室", "-p", "amount2=1249.96元",
                "wechat", to, "ebill", "ignored")
    check(a["result"] == "sent" and a["code"] == "0" and a["provider_id"].isdigit(),
          "not sent: %r", a)
    got = received(to)
    check(len(got) == 1, "the mock took %d messages: %r", len(got), got)
    r = got[0]
    check(r["template"] == conf("wechat_tpl_ebill") and r["topic"] == "ebill",
          "template: %r", r)
    check(r["params"] == {"thing1": "3栋2单元301室", "amount2": "1249.96元"},
          "data: %r", r)
    check(r["title"] == "您有新的物业账单" and r["link"] == link, "first/url: %r", r)
    check(r["idem"] == key, "client_msg_id %r, not %r", r["idem"], key)
    check(r["provider_id"] == a["provider_id"], "msgid %r, answered %r",
          r["provider_id"], a["provider_id"])


@test
def an_app_push_reaches_the_mock_once_with_alert_title_link_and_sendno():
    to, key = device(), "receipt.issued/%s/app" % secrets.token_hex(4)
    link = "http://127.0.0.1/receipts/R1"
    a, rc = one("-k", key, "-T", "收据", "-l", link, "app", to, "receipt.issued",
                "您已缴费 ¥120.00，点此查看电子收据")
    check(a["result"] == "sent" and a["http"] == 200 and a["provider_id"], "not sent: %r", a)
    got = received(to)
    check(len(got) == 1, "the mock took %d pushes: %r", len(got), got)
    r = got[0]
    check(r["text"] == "您已缴费 ¥120.00，点此查看电子收据" and r["title"] == "收据"
          and r["link"] == link, "alert/title/url: %r", r)
    check(r["idem"] == mock_msg.push_sendno(key), "sendno %r, not from %r", r["idem"], key)
    check(r["provider_id"] == a["provider_id"], "msg_id %r, answered %r",
          r["provider_id"], a["provider_id"])


@test
def the_wechat_token_is_fetched_once_for_many_sends():
    to = openid()
    out, rc = send("-n", "5", "wechat", to, "reminder", "提醒")
    check(rc == 0 and [a["result"] for a in out] == ["sent"] * 5, "not all sent: %r", out)
    got = received(to)
    check(len(got) == 5, "the mock took %d of 5", len(got))
    tokens = {r["token"] for r in got}
    # each fetch gives a new token: one token for five sends is one fetch
    check(len(tokens) == 1, "%d tokens for 5 sends of one process", len(tokens))
    check([t["token"] for t in mock("GET", "/_tokens")].count(tokens.pop()) == 1,
          "the token was not given once")
    check(len(attempts(to)) == 5, "more tries than messages: %r", attempts(to))


@test
def the_wechat_token_is_fetched_again_after_the_provider_says_40001():
    to = openid()
    rules(to, revoke_token=True)
    out, rc = send("-n", "3", "wechat", to, "reminder", "提醒")
    check(rc == 0 and [a["result"] for a in out] == ["sent"] * 3,
          "a refused token was not fetched again: %r", out)
    tried = attempts(to)
    check([t["code"] for t in tried] == ["40001", "0", "0", "0"],
          "tries: %r", [(t["code"], t["token"][:8]) for t in tried])
    first, second = tried[0]["token"], tried[1]["token"]
    check(first != second, "sent again with the token refused")
    check(tried[2]["token"] == second and tried[3]["token"] == second,
          "the new token was not kept for the next sends")
    check([r["token"] for r in received(to)] == [second] * 3, "received: %r", received(to))


@test
def a_bad_sms_signature_or_access_key_is_refused_by_the_mock():
    to = phone()
    a, rc = one("sms", to, "ebill", "x", extra_conf=["sms_secret=not-the-secret"])
    check(a["result"] == "retry" and a["http"] == 400 and a["code"] == "SignatureDoesNotMatch"
          and rc == 1, "a bad signature: %r", a)
    a, _ = one("sms", to, "ebill", "x", extra_conf=["sms_access_key=LTAInotours"])
    check(a["http"] == 404 and a["code"] == "InvalidAccessKeyId.NotFound", "a bad key: %r", a)
    check(received(to) == [], "the mock took a badly signed message")
    check([t["code"] for t in attempts(to)] ==
          ["SignatureDoesNotMatch", "InvalidAccessKeyId.NotFound"], "tries: %r", attempts(to))


@test
def the_mock_refuses_an_sms_signed_again_with_a_used_nonce():
    """Signed right (as msg_sms.c signs, here in Python), twice with one
    SignatureNonce: the second is a replay."""
    to = phone()
    ts = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    p = {"AccessKeyId": conf("sms_access_key"), "Action": "SendSms", "Format": "JSON",
         "OutId": "t/1", "PhoneNumbers": to, "RegionId": "cn-hangzhou",
         "SignName": conf("sms_sign_name"), "SignatureMethod": "HMAC-SHA1",
         "SignatureNonce": secrets.token_hex(16), "SignatureVersion": "1.0",
         "TemplateCode": conf("sms_tpl_ebill"), "TemplateParam": '{"a":"1"}',
         "Timestamp": ts, "Version": "2017-05-25"}
    p["Signature"] = mock_msg.sms_signature("POST", p, conf("sms_secret"))
    body = urllib.parse.urlencode(p, quote_via=urllib.parse.quote).encode()
    codes = []
    for _ in range(2):
        req = urllib.request.Request(conf("sms_url"), data=body, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                codes.append(json.loads(r.read())["Code"])
        except urllib.error.HTTPError as e:
            codes.append(json.loads(e.read())["Code"])
    check(codes == ["OK", "SignatureNonceUsed"], "codes: %r", codes)
    check(len(received(to)) == 1, "taken: %r", received(to))


@test
def a_bad_wechat_secret_or_token_is_refused_by_the_mock():
    to = openid()
    a, rc = one("wechat", to, "ebill", "x", extra_conf=["wechat_msg_secret=0000"])
    check(a["result"] == "retry" and a["code"] == "40125" and rc == 1,
          "a bad secret: %r", a)
    check(conf("wechat_msg_secret") not in a["answer"], "the secret is in the answer")
    req = urllib.request.Request(
        conf("wechat_msg_url") + "/cgi-bin/message/template/send?access_token=madeup",
        data=json.dumps({"touser": to, "template_id": conf("wechat_tpl_ebill"),
                         "data": {"k": {"value": "v"}}}).encode(), method="POST")
    with urllib.request.urlopen(req, timeout=30) as r:
        ans = json.loads(r.read())
    check(ans["errcode"] == 40001, "a token never given: %r", ans)
    check(received(to) == [], "the mock took a message with a bad token")


@test
def a_bad_push_basic_header_is_refused_by_the_mock():
    to = device()
    a, rc = one("app", to, "ebill", "x", extra_conf=["push_master_secret=0000"])
    check(a["result"] == "retry" and a["http"] == 401 and a["code"] == "1004" and rc == 1,
          "bad Basic auth: %r", a)
    check(received(to) == [], "the mock took a push with bad auth")


def each_channel():
    return (("sms", phone()), ("wechat", openid()), ("app", device()))


@test
def rate_limited_answers_are_retried_and_say_so():
    codes = {"sms": "isv.BUSINESS_LIMIT_CONTROL", "wechat": "45009", "app": "2002"}
    for ch, to in each_channel():
        rules(to, rate_limited=True)
        a, rc = one(ch, to, "reminder", "提醒")
        check(a["result"] == "retry" and a["rate_limited"] and a["code"] == codes[ch]
              and rc == 1, "%s rate limited: %r", ch, a)
        check(ch != "app" or a["http"] == 429, "push: %r", a)
        check(received(to) == [], "%s: taken while rate limited", ch)


@test
def refusals_are_final():
    codes = {"sms": "isv.MOBILE_NUMBER_ILLEGAL", "wechat": "43004", "app": "1011"}
    for ch, to in each_channel():
        rules(to, refuse=True)
        a, _ = one(ch, to, "reminder", "提醒")
        check(a["result"] == "refused" and not a["rate_limited"] and a["code"] == codes[ch],
              "%s refused: %r", ch, a)
        check(received(to) == [], "%s: taken though refused", ch)


@test
def a_bad_number_openid_or_template_is_refused():
    a, _ = one("sms", "12345", "ebill", "x")
    check(a["result"] == "refused" and a["code"] == "isv.MOBILE_NUMBER_ILLEGAL", "%r", a)
    a, _ = one("sms", phone(), "ebill", "x", extra_conf=["sms_tpl_ebill=SMS_1"])
    check(a["result"] == "refused" and a["code"] == "isv.SMS_TEMPLATE_ILLEGAL", "%r", a)
    a, _ = one("sms", phone(), "ebill", "x", extra_conf=["sms_sign_name=别人的签名"])
    check(a["result"] == "refused" and a["code"] == "isv.SMS_SIGNATURE_ILLEGAL", "%r", a)
    a, _ = one("wechat", "not an openid", "ebill", "x")
    check(a["result"] == "refused" and a["code"] == "40003", "%r", a)
    a, _ = one("wechat", openid(), "ebill", "x", extra_conf=["wechat_tpl_ebill=nosuch"])
    check(a["result"] == "refused" and a["code"] == "40037", "%r", a)


@test
def provider_failures_are_retried_and_the_next_try_goes():
    codes = {"sms": ("isp.SYSTEM_ERROR", 500), "wechat": ("-1", 200), "app": ("1000", 500)}
    for ch, to in each_channel():
        rules(to, fail_next=1)
        out, rc = send("-n", "2", ch, to, "reminder", "提醒")
        check([a["result"] for a in out] == ["retry", "sent"] and rc == 1,
              "%s failing once: %r", ch, out)
        check((out[0]["code"], out[0]["http"]) == codes[ch], "%s: %r", ch, out[0])
        check(len(received(to)) == 1, "%s: taken %d", ch, len(received(to)))


@test
def a_provider_silent_past_the_time_limit_may_have_taken_it():
    # the request went out and no answer came: unsure, not "not sent" -
    # the mock takes it after its delay, as a slow provider would
    channels = each_channel()
    for ch, to in channels:
        rules(to, timeout=3)
        a, rc = one("-t", "1", ch, to, "receipt.issued", "收据")
        check(a["result"] == "unsure" and a["http"] == 0 and rc == 1,
              "%s silent: %r", ch, a)
        check(conf("wechat_msg_secret") not in a["answer"], "the secret is in the answer")
    for ch, to in channels:
        check(wait_for(lambda: len(received(to)) == 1, 10),
              "%s: the slow provider did not take it", ch)


@test
def a_provider_that_cannot_be_reached_is_retried():
    # no connection: the request never went out, so it is surely not sent
    closed = "http://127.0.0.1:9"
    for ch, to, key in (("sms", phone(), "sms_url=" + closed + "/"),
                        ("wechat", openid(), "wechat_msg_url=" + closed),
                        ("app", device(), "push_url=" + closed)):
        a, rc = one("-t", "2", ch, to, "receipt.issued", "收据", extra_conf=[key])
        check(a["result"] == "retry" and a["http"] == 0 and rc == 1,
              "%s unreachable: %r", ch, a)


@test
def the_mocks_fail_rate_with_a_seed_fails_the_same_sends_again():
    to = phone()
    runs = []
    for _ in range(2):
        mock("POST", "/_reset?address=" + to)
        rules(to, fail_rate=0.5, seed=11)
        out, _ = send("-n", "12", "sms", to, "reminder", "提醒")
        runs.append([a["result"] for a in out])
    check(runs[0] == runs[1], "not the same failures: %r", runs)
    check("sent" in runs[0] and "retry" in runs[0], "half failing: %r", runs[0])
    check(len(received(to)) == runs[1].count("sent"), "taken: %d", len(received(to)))
