/*
 * test_msg_sign.c - the pure parts of the message providers' adapters
 * (msg_adapter.h): the SMS cloud's request signature against its
 * documented worked example, RFC 3986 percent-encoding, the push
 * provider's Basic header and sendno, how each provider's answer is
 * judged (sent, retry, refused, rate limited), answers cut on a UTF-8
 * boundary, and msg_send() naming the configuration keys it lacks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "arena.h"
#include "conf.h"
#include "ctx.h"
#include "msg_adapter.h"
#include "msgsend.h"

#include "arena_fixture.h"

/*
 * The SMS cloud's documented example of a signed SendSms (its "HTTP 协议
 * 及签名" page: AccessKeyId testId, secret testSecret, GET). The value
 * below was derived by hand, independently of the C code:
 *
 *   import hmac, hashlib, base64, urllib.parse
 *   pe = lambda s: urllib.parse.quote(s, safe="-_.~")
 *   q = "&".join(pe(k) + "=" + pe(p[k]) for k in sorted(p))
 *   sts = "GET&" + pe("/") + "&" + pe(q)
 *   base64.b64encode(hmac.new(b"testSecret&", sts.encode(),
 *       hashlib.sha1).digest())
 *
 * with p the parameters below: b'zJDF+Lrzhj/ThnlvIToysFRq6t4=', the
 * value the provider's page gives.
 */
static void
sms_signature_matches_the_documented_example(void **state)
{
	static const char *const keys[] = {
		/* not sorted: the signature sorts them */
		"Timestamp", "AccessKeyId", "Action", "Format", "OutId",
		"PhoneNumbers", "RegionId", "SignName", "SignatureMethod",
		"SignatureNonce", "SignatureVersion", "TemplateCode",
		"TemplateParam", "Version"
	};
	static const char *const vals[] = {
		"2017-07-12T02:42:19Z", "testId", "SendSms", "XML", "123",
		"15300000001", "cn-hangzhou", "阿里云短信测试专用", "HMAC-SHA1",
		"45e25e9b-0a6f-4070-8c85-2956eda1b466", "1.0", "SMS_71390007",
		"{\"customer\":\"test\"}", "2017-05-25"
	};
	const char	*sig;

	(void)state;
	sig = msg_sms_signature(&a, "GET", keys, vals, 14, "testSecret");
	assert_non_null(sig);
	assert_string_equal(sig, "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
	/* the method is signed: POST is another signature */
	assert_string_not_equal(msg_sms_signature(&a, "POST", keys, vals, 14,
	    "testSecret"), sig);
	/* and so is every value, and the secret */
	assert_string_not_equal(msg_sms_signature(&a, "GET", keys, vals, 14,
	    "testSecreT"), sig);
}

static void
sms_signature_of_a_changed_value_differs(void **state)
{
	const char	*keys[] = { "PhoneNumbers", "TemplateCode" };
	const char	*vals[] = { "15300000001", "SMS_71390007" };
	const char	*one, *two;

	(void)state;
	one = msg_sms_signature(&a, "POST", keys, vals, 2, "s");
	vals[0] = "15300000002";
	two = msg_sms_signature(&a, "POST", keys, vals, 2, "s");
	assert_string_not_equal(one, two);
}

static void
percent_encoding_is_rfc3986(void **state)
{
	(void)state;
	assert_string_equal(msg_pct(&a, "aZ09-_.~"), "aZ09-_.~");
	/* space is %20 (not +), '*' is encoded, '~' is not */
	assert_string_equal(msg_pct(&a, "a b*c+d/e:f"),
	    "a%20b%2Ac%2Bd%2Fe%3Af");
	assert_string_equal(msg_pct(&a, "签"), "%E7%AD%BE");
	assert_string_equal(msg_pct(&a, "{\"k\":\"v\"}"),
	    "%7B%22k%22%3A%22v%22%7D");
	assert_string_equal(msg_pct(&a, ""), "");
}

/*
 * The push provider's documented example (JPush "REST API 概述": app key
 * 7d431e42dfa6a6d693ac2d04, master secret 5e987ac6d2e04d95a9d8f0d1);
 * by hand: base64.b64encode(b"7d431e42dfa6a6d693ac2d04:"
 * b"5e987ac6d2e04d95a9d8f0d1").
 */
static void
push_basic_header_matches_the_documented_example(void **state)
{
	(void)state;
	assert_string_equal(msg_app_basic(&a, "7d431e42dfa6a6d693ac2d04",
	    "5e987ac6d2e04d95a9d8f0d1"), "Authorization: Basic "
	    "N2Q0MzFlNDJkZmE2YTZkNjkzYWMyZDA0OjVlOTg3YWM2ZDJlMDRkOTVhOWQ4"
	    "ZjBkMQ==");
	/* padding of the other lengths */
	assert_string_equal(msg_app_basic(&a, "a", "b"),
	    "Authorization: Basic YTpi");
	assert_string_equal(msg_app_basic(&a, "ab", "c"),
	    "Authorization: Basic YWI6Yw==");
}

/*
 * sendno: by hand, int.from_bytes(hashlib.sha256(
 * b"receipt.issued/42/app").digest()[:4], "big") & 0x7fffffff.
 */
static void
push_sendno_is_stable_per_key(void **state)
{
	(void)state;
	assert_int_equal(msg_app_sendno("receipt.issued/42/app"), 22789774);
	assert_int_equal(msg_app_sendno("receipt.issued/42/app"),
	    msg_app_sendno("receipt.issued/42/app"));
	assert_int_not_equal(msg_app_sendno("receipt.issued/42/app"),
	    msg_app_sendno("receipt.issued/43/app"));
	assert_true(msg_app_sendno("ebill/1/2/app") >= 0);
}

static void
sms_answers_are_judged(void **state)
{
	int	 rl;

	(void)state;
	assert_int_equal(msg_sms_judge(200, "OK", &rl), MSG_SENT);
	assert_int_equal(rl, 0);
	assert_int_equal(msg_sms_judge(200, "isv.BUSINESS_LIMIT_CONTROL", &rl),
	    MSG_RETRY);
	assert_int_equal(rl, 1);
	assert_int_equal(msg_sms_judge(200, "isv.DAY_LIMIT_CONTROL", &rl),
	    MSG_RETRY);
	assert_int_equal(rl, 1);
	assert_int_equal(msg_sms_judge(200, "isv.MOBILE_NUMBER_ILLEGAL", &rl),
	    MSG_REFUSED);
	assert_int_equal(rl, 0);
	assert_int_equal(msg_sms_judge(200, "isv.SMS_TEMPLATE_ILLEGAL", &rl),
	    MSG_REFUSED);
	assert_int_equal(msg_sms_judge(200, "isv.SMS_SIGNATURE_ILLEGAL", &rl),
	    MSG_REFUSED);
	assert_int_equal(msg_sms_judge(200, "isv.TEMPLATE_MISSING_PARAMETERS",
	    &rl), MSG_REFUSED);
	/* the provider's trouble, our keys, codes not known: later */
	assert_int_equal(msg_sms_judge(500, "isp.SYSTEM_ERROR", &rl), MSG_RETRY);
	assert_int_equal(msg_sms_judge(400, "SignatureDoesNotMatch", &rl),
	    MSG_RETRY);
	assert_int_equal(msg_sms_judge(404, "InvalidAccessKeyId.NotFound", &rl),
	    MSG_RETRY);
	assert_int_equal(msg_sms_judge(200, "isv.AMOUNT_NOT_ENOUGH", &rl),
	    MSG_RETRY);
	assert_int_equal(msg_sms_judge(0, NULL, &rl), MSG_RETRY);
	assert_int_equal(rl, 0);
	/* "OK" is sent only with 200 */
	assert_int_equal(msg_sms_judge(502, "OK", &rl), MSG_RETRY);
}

static void
wechat_answers_are_judged(void **state)
{
	int	 rl;

	(void)state;
	assert_int_equal(msg_wechat_judge(200, 0, &rl), MSG_SENT);
	assert_int_equal(msg_wechat_judge(200, 45009, &rl), MSG_RETRY);
	assert_int_equal(rl, 1);
	assert_int_equal(msg_wechat_judge(200, 43004, &rl), MSG_REFUSED);
	assert_int_equal(rl, 0);
	assert_int_equal(msg_wechat_judge(200, 40003, &rl), MSG_REFUSED);
	assert_int_equal(msg_wechat_judge(200, 40037, &rl), MSG_REFUSED);
	assert_int_equal(msg_wechat_judge(200, -1, &rl), MSG_RETRY);
	assert_int_equal(msg_wechat_judge(200, 40001, &rl), MSG_RETRY);
	assert_int_equal(msg_wechat_judge(502, 0, &rl), MSG_RETRY);
	assert_int_equal(msg_wechat_judge(0, 0, &rl), MSG_RETRY);
	assert_true(msg_wechat_token_bad(40001));
	assert_true(msg_wechat_token_bad(42001));
	assert_true(msg_wechat_token_bad(40014));
	assert_false(msg_wechat_token_bad(45009));
	assert_false(msg_wechat_token_bad(0));
}

static void
push_answers_are_judged(void **state)
{
	int	 rl;

	(void)state;
	assert_int_equal(msg_app_judge(200, 0, &rl), MSG_SENT);
	assert_int_equal(msg_app_judge(429, 0, &rl), MSG_RETRY);
	assert_int_equal(rl, 1);
	assert_int_equal(msg_app_judge(400, 2002, &rl), MSG_RETRY);
	assert_int_equal(rl, 1);
	assert_int_equal(msg_app_judge(400, 1011, &rl), MSG_REFUSED);
	assert_int_equal(rl, 0);
	assert_int_equal(msg_app_judge(400, 1003, &rl), MSG_REFUSED);
	assert_int_equal(msg_app_judge(401, 1004, &rl), MSG_RETRY);
	assert_int_equal(msg_app_judge(500, 1000, &rl), MSG_RETRY);
	assert_int_equal(msg_app_judge(0, 0, &rl), MSG_RETRY);
}

static void
answers_are_cut_on_a_character(void **state)
{
	struct msg_answer	 ans;
	char			 small[8], msg[400];
	size_t			 i;

	(void)state;
	/* "签名" is 6 bytes: "ab" + 签 fit in 7, 名 does not */
	msg_copy(small, sizeof(small), "ab签名");
	assert_string_equal(small, "ab签");
	msg_copy(small, sizeof(small), NULL);
	assert_string_equal(small, "");
	for (i = 0; i + 3 < sizeof(msg); i += 3)
		memcpy(msg + i, "错", 3);
	msg[i] = '\0';
	memset(&ans, 0, sizeof(ans));
	msg_answer_set(&ans, MSG_RETRY, 500, "isp.SYSTEM_ERROR", msg);
	assert_int_equal(ans.result, MSG_RETRY);
	assert_int_equal(ans.http_status, 500);
	assert_string_equal(ans.code, "isp.SYSTEM_ERROR");
	assert_int_equal(strlen(ans.answer) % 3, 0);
	assert_true(strlen(ans.answer) >= sizeof(ans.answer) - 3);
}

static void
urls_join_without_a_double_slash(void **state)
{
	(void)state;
	assert_string_equal(msg_url(&a, "http://h:1/", "/v3/push"),
	    "http://h:1/v3/push");
	assert_string_equal(msg_url(&a, "http://h:1", "/v3/push"),
	    "http://h:1/v3/push");
}

/* msg_send with a configuration naming only sms_url: -1, each missing
 * key named, the topic's '.' as '_' in its template's key. */
static void
send_names_the_keys_it_lacks(void **state)
{
	char		 path[] = "/tmp/test_msg_sign.XXXXXX";
	struct ctx	 ctx;
	struct msg_out	 m;
	struct msg_answer ans;
	FILE		*f;
	int		 fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs("sms_url=http://127.0.0.1:9/\npush_url=http://127.0.0.1:9\n", f);
	fclose(f);
	conf_load(path);
	unlink(path);
	memset(&ctx, 0, sizeof(ctx));
	ctx.a = &a;
	memset(&m, 0, sizeof(m));
	m.channel = MSG_SMS;
	m.topic = "receipt.issued";
	m.idem_key = "receipt.issued/1/sms";
	m.address = "13800000001";
	assert_int_equal(msg_send(&ctx, &m, 5, &ans), -1);
	assert_int_equal(ans.result, MSG_RETRY);
	assert_string_equal(ans.answer, "the configuration lacks "
	    "sms_access_key, sms_secret, sms_sign_name, sms_tpl_receipt_issued");
	m.channel = MSG_WECHAT;
	m.topic = "shop.quarter";
	assert_int_equal(msg_send(&ctx, &m, 5, &ans), -1);
	assert_string_equal(ans.answer, "the configuration lacks "
	    "wechat_msg_url, wechat_msg_appid, wechat_msg_secret, "
	    "wechat_tpl_shop_quarter");
	m.channel = MSG_APP;
	assert_int_equal(msg_send(&ctx, &m, 5, &ans), -1);
	assert_string_equal(ans.answer, "the configuration lacks "
	    "push_app_key, push_master_secret");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sms_signature_matches_the_documented_example),
		cmocka_unit_test(sms_signature_of_a_changed_value_differs),
		cmocka_unit_test(percent_encoding_is_rfc3986),
		cmocka_unit_test(push_basic_header_matches_the_documented_example),
		cmocka_unit_test(push_sendno_is_stable_per_key),
		cmocka_unit_test(sms_answers_are_judged),
		cmocka_unit_test(wechat_answers_are_judged),
		cmocka_unit_test(push_answers_are_judged),
		cmocka_unit_test(answers_are_cut_on_a_character),
		cmocka_unit_test(urls_join_without_a_double_slash),
		cmocka_unit_test(send_names_the_keys_it_lacks),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("msg_sign", tests, setup, teardown);
}
