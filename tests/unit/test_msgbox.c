/*
 * test_msgbox.c - what the message pages say (issue 11): a skipped
 * message's reason in an owner's words and whether staff may send it
 * again, an owner's state words, a login code's digits hidden, and the
 * rules of an owner's channels.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "msgbox.h"

static void
skip_reasons_by_rule_are_not_resent(void **state)
{
	int	 rule;

	(void)state;
	/* the worker's reasons (worker/outbox.c) */
	assert_string_equal(msgbox_skip_words("账单已缴清或已减免，不再提醒",
	    &rule), "账单已缴清或已减免，无需提醒");
	assert_int_equal(rule, 1);
	assert_string_equal(msgbox_skip_words("业主已关闭这个渠道", &rule),
	    "您已关闭这种接收方式");
	assert_int_equal(rule, 1);
	assert_string_equal(msgbox_skip_words("没有接收地址（未绑定）", &rule),
	    "未绑定，无法发送");
	assert_int_equal(rule, 0);
	assert_string_equal(msgbox_skip_words("unknown topic", &rule),
	    "系统未能发送");
	assert_int_equal(rule, 0);
	assert_string_equal(msgbox_skip_words("Before Issue 11", &rule),
	    "系统升级前的旧记录");
	assert_int_equal(rule, 1);

	assert_true(msgbox_resendable("ebill", MSGBOX_DEAD, "500"));
	assert_true(msgbox_resendable("ebill", MSGBOX_SKIPPED,
	    "没有接收地址（未绑定）"));
	assert_false(msgbox_resendable("reminder", MSGBOX_SKIPPED,
	    "账单已缴清或已减免，不再提醒"));
	assert_false(msgbox_resendable("ebill", MSGBOX_SENT, ""));
	assert_false(msgbox_resendable("ebill", MSGBOX_PENDING, ""));
	assert_false(msgbox_resendable("ebill", MSGBOX_SENDING, ""));
	/* a login code is never sent again: the owner asks for another */
	assert_false(msgbox_resendable("login.code", MSGBOX_DEAD, "500"));
	/* may have reached the owner: staff resend it by hand if not */
	assert_true(msgbox_resendable("receipt.issued", MSGBOX_UNSURE,
	    "Timeout was reached"));
	assert_false(msgbox_resendable("login.code", MSGBOX_UNSURE,
	    "Timeout was reached"));
}

static void
an_owner_reads_the_state_in_plain_words(void **state)
{
	struct arena	 a;

	(void)state;
	arena_init(&a);
	assert_string_equal(msgbox_owner_status(&a, MSGBOX_SENT, 0, 0, 0, 0,
	    ""), "已发送");
	assert_string_equal(msgbox_owner_status(&a, MSGBOX_PENDING, 1, 1, 1, 0,
	    ""), "等待发送（免打扰时段）");
	assert_string_equal(msgbox_owner_status(&a, MSGBOX_PENDING, 1, 0, 1, 0,
	    ""), "等待发送");
	/* failed once, tried again later: still being sent */
	assert_string_equal(msgbox_owner_status(&a, MSGBOX_PENDING, 1, 1, 1, 1,
	    "503"), "发送中");
	assert_string_equal(msgbox_owner_status(&a, MSGBOX_SENDING, 0, 0, 0, 0,
	    ""), "发送中");
	assert_string_equal(msgbox_owner_status(&a, MSGBOX_DEAD, 0, 0, 0, 1,
	    "500"), "发送失败");
	assert_string_equal(msgbox_owner_status(&a, MSGBOX_SKIPPED, 0, 0, 0, 0,
	    "账单已缴清或已减免，不再提醒"), "未发送：账单已缴清或已减免，无需提醒");
	assert_string_equal(msgbox_owner_status(&a, MSGBOX_UNSURE, 0, 0, 0, 1,
	    "Timeout was reached"), "可能已送达");
	assert_string_equal(msgbox_status_labels[msgbox_status_parse("unsure")],
	    "可能已送达");
	assert_int_equal(msgbox_status_parse("dead"), MSGBOX_DEAD);
	assert_int_equal(msgbox_status_parse("dea"), MSGBOX_STATUS__MAX);
	assert_string_equal(msgbox_topic_label("shop.quarter"), "商铺季度账单");
	arena_free(&a);
}

/* One message by several channels reads as one: those sent together
 * first, then each other state with its channels, said plainly. */
static void
one_message_names_its_channels_by_state(void **state)
{
	struct arena		 a;
	struct msgbox_phrase	 ph[MSG_CHANNEL__MAX];
	struct msgbox_by	 two[] = {
		{ MSG_SMS, MSGBOX_SENT, "已发送" },
		{ MSG_WECHAT, MSGBOX_SENT, "已发送" },
	};
	struct msgbox_by	 mixed[] = {
		{ MSG_SMS, MSGBOX_DEAD, "发送失败" },
		{ MSG_WECHAT, MSGBOX_SENT, "已发送" },
		{ MSG_APP, MSGBOX_SKIPPED, "未发送：您已关闭这种接收方式" },
	};
	struct msgbox_by	 waiting[] = {
		{ MSG_SMS, MSGBOX_PENDING, "等待发送（免打扰时段）" },
		{ MSG_WECHAT, MSGBOX_PENDING, "等待发送（免打扰时段）" },
		{ MSG_APP, MSGBOX_PENDING, "发送中" },
	};

	(void)state;
	arena_init(&a);
	assert_int_equal(msgbox_owner_by(&a, two, 2, ph), 1);
	assert_string_equal(ph[0].words, "已通过 短信、微信 发送");
	assert_string_equal(ph[0].codes, "sms wechat");
	assert_int_equal(ph[0].st, MSGBOX_SENT);

	assert_int_equal(msgbox_owner_by(&a, mixed, 3, ph), 3);
	assert_string_equal(ph[0].words, "已通过 微信 发送");
	assert_string_equal(ph[1].words, "短信 发送失败");
	assert_string_equal(ph[1].codes, "sms");
	assert_int_equal(ph[1].st, MSGBOX_DEAD);
	assert_string_equal(ph[2].words,
	    "App 推送 未发送：您已关闭这种接收方式");

	assert_int_equal(msgbox_owner_by(&a, waiting, 3, ph), 2);
	assert_string_equal(ph[0].words, "短信、微信 等待发送（免打扰时段）");
	assert_string_equal(ph[1].words, "App 推送 发送中");

	assert_int_equal(msgbox_owner_by(&a, two, 1, ph), 1);
	assert_string_equal(ph[0].words, "已通过 短信 发送");
	arena_free(&a);
}

static void
a_login_codes_digits_are_never_shown(void **state)
{
	struct arena	 a;

	(void)state;
	arena_init(&a);
	assert_string_equal(msgbox_body_shown(&a, "login.code",
	    "验证码123456，5分钟内有效"), "验证码（不在此显示），5 分钟内有效");
	assert_string_equal(msgbox_body_shown(&a, "ebill", "物业费¥280.00"),
	    "物业费¥280.00");
	arena_free(&a);
}

static void
channels_need_an_address_and_one_must_stay(void **state)
{
	struct msgbox_prefs	 p;
	int			 want[MSG_CHANNEL__MAX], c;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.bound[MSG_SMS] = p.bound[MSG_WECHAT] = 1;
	memset(want, 0, sizeof(want));
	assert_int_equal(msgbox_prefs_check(&p, want, &c), MSGBOX_PREFS_NONE);
	want[MSG_APP] = 1;
	assert_int_equal(msgbox_prefs_check(&p, want, &c),
	    MSGBOX_PREFS_UNBOUND);
	assert_int_equal(c, MSG_APP);
	want[MSG_APP] = 0;
	want[MSG_WECHAT] = 1;
	assert_int_equal(msgbox_prefs_check(&p, want, &c), MSGBOX_PREFS_OK);
}

/* A team lead's trial: 43004, isv.MOBILE_NUMBER_ILLEGAL and "HTTP 0" on
 * 消息发送 meant nothing to her. Each channel's codes, by the channel. */
static void
a_providers_answer_reads_in_words(void **state)
{
	(void)state;
	assert_string_equal(msgbox_answer_words("sms", 0, 200,
	    "isv.MOBILE_NUMBER_ILLEGAL"), "手机号码无效");
	assert_string_equal(msgbox_answer_words("sms", 0, 200,
	    "isv.SMS_TEMPLATE_ILLEGAL"), "短信模板不可用（请联系系统管理员）");
	assert_string_equal(msgbox_answer_words("sms", 0, 200,
	    "isv.BUSINESS_LIMIT_CONTROL"), "短信平台限流：同一号码发送太频繁");
	assert_string_equal(msgbox_answer_words("sms", 0, 500,
	    "isp.SYSTEM_ERROR"), "短信平台故障");
	assert_string_equal(msgbox_answer_words("wechat", 0, 200, "43004"),
	    "业主未关注公众号，无法接收");
	assert_string_equal(msgbox_answer_words("wechat", 0, 200, "45009"),
	    "公众号今天的发送次数已用完");
	assert_string_equal(msgbox_answer_words("app", 0, 400, "1011"),
	    "找不到业主的手机（App 未登录或已卸载）");
	/* another channel's code means nothing here: by the HTTP status */
	assert_string_equal(msgbox_answer_words("sms", 0, 200, "43004"),
	    "短信平台拒绝了这条消息");
	assert_string_equal(msgbox_answer_words("wechat", 0, 0, ""),
	    "微信没有应答（超时或网络不通）");
	assert_string_equal(msgbox_answer_words("app", 0, 429, ""),
	    "推送平台限流：发送太频繁");
	assert_string_equal(msgbox_answer_words("sms", 0, 503,
	    "ServiceUnavailable"), "短信平台故障");
	assert_string_equal(msgbox_answer_words("fax", 0, 0, ""),
	    "平台没有应答（超时或网络不通）");
	assert_string_equal(msgbox_answer_words("sms", 1, 200, "OK"),
	    "短信平台已接收");
	assert_string_equal(msgbox_answer_words("wechat", 1, 200, "0"),
	    "微信已接收");
}

static void
staff_read_why_a_message_is_not_sent(void **state)
{
	(void)state;
	assert_string_equal(msgbox_why_staff("sms", MSGBOX_DEAD,
	    "isv.MOBILE_NUMBER_ILLEGAL 号码格式错误", 1, 200,
	    "isv.MOBILE_NUMBER_ILLEGAL"), "手机号码无效");
	/* failed, tried again later: its last answer */
	assert_string_equal(msgbox_why_staff("wechat", MSGBOX_PENDING,
	    " timeout after 10 s", 1, 0, ""), "微信没有应答（超时或网络不通）");
	/* skipped: the staff's words, not the owner's 您… */
	assert_string_equal(msgbox_why_staff("wechat", MSGBOX_SKIPPED,
	    "业主已关闭这个渠道", 0, 0, ""), "业主已关闭这种接收方式");
	assert_string_equal(msgbox_why_staff("sms", MSGBOX_SKIPPED,
	    "没有接收地址（未绑定）", 0, 0, ""), "业主未绑定这种接收方式，无法发送");
	/* no try recorded: the code the worker wrote first */
	assert_string_equal(msgbox_why_staff("wechat", MSGBOX_DEAD,
	    "43004 require subscribe", 0, 0, ""), "业主未关注公众号，无法接收");
	assert_string_equal(msgbox_why_staff("sms", MSGBOX_DEAD,
	    "cannot compose the message", 0, 0, ""), "系统未能生成消息内容");
	assert_string_equal(msgbox_why_staff("sms", MSGBOX_DEAD,
	    "no sms_url configured", 0, 0, ""), "系统未能发送");
	/* no answer after it went out: ask the owner before resending */
	assert_string_equal(msgbox_why_staff("sms", MSGBOX_UNSURE,
	    "可能已送达（未收到答复）：timeout", 2, 0, ""),
	    "短信平台没有应答，业主可能已收到：请先问业主，没收到再重发");
	/* nothing to say */
	assert_string_equal(msgbox_why_staff("sms", MSGBOX_PENDING, "", 0, 0,
	    ""), "");
	assert_string_equal(msgbox_why_staff("sms", MSGBOX_SENT, "503 busy", 2,
	    200, "OK"), "");
}

static void
a_list_masks_the_address(void **state)
{
	struct arena	 a;

	(void)state;
	arena_init(&a);
	assert_string_equal(msgbox_address_short(&a, "sms", "13812345678"),
	    "138****5678");
	assert_string_equal(msgbox_address_short(&a, "wechat",
	    "oX3fAbCdEfGhIjKl9a2c"), "oX3f…9a2c");
	assert_string_equal(msgbox_address_short(&a, "app",
	    "1a0018970aa2b4c3d5e"), "1a00…3d5e");
	assert_string_equal(msgbox_address_short(&a, "app", "shortid"),
	    "shortid");
	assert_string_equal(msgbox_address_short(&a, "wechat", ""), "");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(skip_reasons_by_rule_are_not_resent),
		cmocka_unit_test(an_owner_reads_the_state_in_plain_words),
		cmocka_unit_test(one_message_names_its_channels_by_state),
		cmocka_unit_test(a_login_codes_digits_are_never_shown),
		cmocka_unit_test(channels_need_an_address_and_one_must_stay),
		cmocka_unit_test(a_providers_answer_reads_in_words),
		cmocka_unit_test(staff_read_why_a_message_is_not_sent),
		cmocka_unit_test(a_list_masks_the_address),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("msgbox", tests, NULL, NULL);
}
