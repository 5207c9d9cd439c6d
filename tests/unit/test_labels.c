/*
 * test_labels.c - the words for a bill's state that every page, owner
 * and staff alike, shows (issue 8's trial: a bill waived in part and
 * not paid read 部分缴纳).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "labels.h"
#include "arena_fixture.h"

static void
a_partial_waiver_is_not_a_partial_payment(void **state)
{
	(void)state;
	assert_string_equal(label_bill_state("partial", 0, 30000), "部分减免");
	assert_string_equal(label_bill_state("partial", 100, 30000),
	    "部分缴纳、部分减免");
	assert_string_equal(label_bill_state("partial", 100, 0), "部分缴纳");
	assert_string_equal(label_bill_state("unpaid", 0, 0), "未缴");
	assert_string_equal(label_bill_state("paid", 73320, 0), "已缴清");
	assert_string_equal(label_bill_state("waived", 43320, 30000), "已减免");
	assert_string_equal(label_bill_state(NULL, 0, 0), "");
}

/* Every enquiry category has its words, payment_process among them
 * (issue 10: the complaints about paying are counted). */
static void
each_enquiry_category_has_words_and_paying_is_one(void **state)
{
	size_t	 i;
	int	 process = 0;

	(void)state;
	for (i = 0; enquiry_categories[i] != NULL; i++) {
		assert_non_null(label_enquiry_category(enquiry_categories[i]));
		assert_string_not_equal(label_enquiry_category(
		    enquiry_categories[i]), enquiry_categories[i]);
		process += strcmp(enquiry_categories[i], "payment_process") == 0;
	}
	assert_int_equal(process, 1);
	assert_string_equal(label_enquiry_category("payment_process"),
	    "缴费流程投诉");
}

/* A payment's whole channel, as the staff receipt page and the PDF say
 * it (label_channel_full, issue 10): online with its gateway, the
 * instalment plan with its term and who bears the fee. */
static void
an_online_channel_says_its_gateway_plan_and_fee(void **state)
{
	(void)state;
	assert_string_equal(label_channel_full(&a, "cash", "", ""), "现金");
	assert_string_equal(label_channel_full(&a, "pos_door", "", ""),
	    "上门POS");
	assert_string_equal(label_channel_full(&a, "alipay", "", ""),
	    "线上 · 支付宝");
	assert_string_equal(label_channel_full(&a, "wechat", "", ""),
	    "线上 · 微信支付");
	assert_string_equal(label_channel_full(&a, "unionpay", "", ""),
	    "线上 · 云闪付");
	assert_string_equal(label_channel_full(&a, "unionpay", "instalments_6",
	    "owner"), "线上 · 云闪付 · 信用卡分期 6 期（业主承担手续费）");
	assert_string_equal(label_channel_full(&a, "alipay", "instalments_3",
	    "estate"), "线上 · 支付宝 · 花呗分期 3 期（物业承担手续费）");
	assert_string_equal(label_channel_full(&a, "alipay", "instalments_12",
	    ""), "线上 · 支付宝 · 花呗分期 12 期");
	assert_string_equal(label_channel_full(&a, "alipay",
	    "credit_card_instalment", ""), "线上 · 支付宝 · 信用卡分期");
	/* nothing else is made of a sub-type no code writes */
	assert_string_equal(label_channel_full(&a, "wechat", "instalments_x",
	    "owner"), "线上 · 微信支付");
	assert_string_equal(label_channel_full(&a, "wechat", NULL, NULL),
	    "线上 · 微信支付");
	assert_string_equal(label_gateway_txn("alipay"), "支付宝交易号");
	assert_string_equal(label_gateway_txn("wechat"), "微信支付订单号");
	assert_string_equal(label_gateway_txn("unionpay"), "银联查询流水号");
	assert_string_equal(label_gateway_txn("cash"), "支付平台交易号");
	assert_string_equal(label_gateway_txn(NULL), "支付平台交易号");
}

/* Who took a payment reads one way on every staff page (issue 10's
 * trial: blank in the register, 线上缴费 on the receipt, 业主线上缴费
 * on the pay page). */
static void
an_online_payment_was_taken_by_online_payment(void **state)
{
	(void)state;
	assert_string_equal(label_taker(&a, "alipay", ""), "线上支付");
	assert_string_equal(label_taker(&a, "wechat", ""), "线上支付");
	assert_string_equal(label_taker(&a, "unionpay", ""), "线上支付");
	assert_string_equal(label_taker(&a, "cash", "王芳"), "王芳");
	assert_string_equal(label_taker(&a, "pos_door", "王芳"), "王芳");
	assert_string_equal(label_taker(&a, "service_credit", "陈经理"),
	    "陈经理（批准抵扣）");
}

/* What an online order pays, as its page says it (issue 10): the months
 * its bills cover. */
static void
a_span_of_months_reads_as_written(void **state)
{
	(void)state;
	assert_string_equal(label_month_span(&a, 2026 * 12 + 2, 2026 * 12 + 2),
	    "2026年3月");
	assert_string_equal(label_month_span(&a, 2026 * 12, 2026 * 12 + 2),
	    "2026年1月至3月");
	assert_string_equal(label_month_span(&a, 2025 * 12 + 10, 2026 * 12 + 1),
	    "2025年11月至2026年2月");
	assert_string_equal(label_month_span(&a, 2025 * 12 + 11, 2026 * 12),
	    "2025年12月至2026年1月");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_partial_waiver_is_not_a_partial_payment),
		cmocka_unit_test(each_enquiry_category_has_words_and_paying_is_one),
		cmocka_unit_test(an_online_channel_says_its_gateway_plan_and_fee),
		cmocka_unit_test(an_online_payment_was_taken_by_online_payment),
		cmocka_unit_test(a_span_of_months_reads_as_written),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("labels", tests, setup, teardown);
}
