/*
 * test_enquiry.c - fee enquiries and disputes (issue 12): their fixed
 * lists compared whole, the words staff and owners read, and the KPI
 * board's tally by category, month and outcome (core/enquiry.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "enquiry.h"
#include "labels.h"

/* Codes parse whole: a prefix, another case or a blank is no code. */
static void
categories_and_channels_parse_whole_codes(void **state)
{
	int	 i;

	(void)state;
	for (i = 0; i < ENQ_CATEGORY__MAX; i++)
		assert_int_equal(enq_category_parse(enq_category_codes[i]), i);
	for (i = 0; i < ENQ_CHANNEL__MAX; i++)
		assert_int_equal(enq_channel_parse(enq_channel_codes[i]), i);
	for (i = 0; i < ENQ_OUTCOME__MAX; i++)
		assert_int_equal(enq_outcome_parse(enq_outcome_codes[i]), i);
	assert_int_equal(enq_category_parse("payment_process"),
	    ENQ_PAYMENT_PROCESS);
	assert_int_equal(enq_category_parse("payment"), ENQ_CATEGORY__MAX);
	assert_int_equal(enq_category_parse("area "), ENQ_CATEGORY__MAX);
	assert_int_equal(enq_category_parse("AREA"), ENQ_CATEGORY__MAX);
	assert_int_equal(enq_category_parse(""), ENQ_CATEGORY__MAX);
	assert_int_equal(enq_category_parse(NULL), ENQ_CATEGORY__MAX);
	assert_int_equal(enq_channel_parse("port"), ENQ_CHANNEL__MAX);
	assert_int_equal(enq_outcome_parse("accept"), ENQ_OUTCOME__MAX);
	assert_int_equal(enq_outcome_parse(ENQ_STATE_UNANSWERED),
	    ENQ_OUTCOME__MAX);
}

/* The V_CHOICE list is the same codes in the same order, ended by NULL. */
static void
the_choice_list_is_the_code_list(void **state)
{
	int	 i;

	(void)state;
	for (i = 0; i < ENQ_CATEGORY__MAX; i++)
		assert_string_equal(enquiry_categories[i],
		    enq_category_codes[i]);
	assert_null(enquiry_categories[ENQ_CATEGORY__MAX]);
}

/* Every code has Chinese words for staff and plain ones for owners;
 * states read as people say them. */
static void
every_code_has_its_words(void **state)
{
	int	 i;

	(void)state;
	for (i = 0; i < ENQ_CATEGORY__MAX; i++) {
		assert_string_not_equal(label_enquiry_category(
		    enq_category_codes[i]), enq_category_codes[i]);
		assert_true(strlen(enq_category_owner_labels[i]) > 0);
	}
	assert_string_equal(label_enquiry_category("area"), "面积");
	assert_string_equal(label_enquiry_category("payment_process"),
	    "缴费流程投诉");
	assert_string_equal(enq_state_label(ENQ_STATE_UNANSWERED), "未答复");
	assert_string_equal(enq_state_label("accepted"), "业主已接受");
	assert_string_equal(enq_state_label("not_accepted"), "业主不接受");
	assert_string_equal(enq_state_label("pending"), "待业主确认");
	assert_string_equal(enq_state_label("odd"), "odd");
}

/* The tally counts by category, month and outcome; a month outside the
 * range counts in the totals only; an unknown code adds nothing. */
static void
the_tally_counts_by_category_month_and_outcome(void **state)
{
	struct enq_tally	 t;

	(void)state;
	memset(&t, 0, sizeof(t));
	assert_int_equal(enq_tally_add(&t, 0, "area", "accepted", 3), 0);
	assert_int_equal(enq_tally_add(&t, 0, "payment_process",
	    ENQ_STATE_UNANSWERED, 2), 0);
	assert_int_equal(enq_tally_add(&t, 11, "payment_process",
	    "not_accepted", 1), 0);
	assert_int_equal(enq_tally_add(&t, -1, "receipt", "pending", 4), 0);
	assert_int_equal(enq_tally_add(&t, ENQ_MONTHS, "other", "pending", 1),
	    0);
	assert_int_equal(enq_tally_add(&t, 0, "areas", "accepted", 9), -1);
	assert_int_equal(enq_tally_add(&t, 0, "area", "maybe", 9), -1);
	assert_int_equal(enq_tally_add(&t, 0, "area", NULL, 9), -1);
	assert_int_equal(t.total, 11);
	assert_int_equal(t.by_cat[ENQ_AREA], 3);
	assert_int_equal(t.by_cat[ENQ_PAYMENT_PROCESS], 3);
	assert_int_equal(t.by_cat[ENQ_RECEIPT], 4);
	assert_int_equal(t.by_cat[ENQ_OTHER], 1);
	assert_int_equal(t.by_outcome[ENQ_ACCEPTED], 3);
	assert_int_equal(t.by_outcome[ENQ_NOT_ACCEPTED], 1);
	assert_int_equal(t.by_outcome[ENQ_PENDING], 5);
	assert_int_equal(t.unanswered, 2);
	assert_int_equal(t.month_total[0], 5);
	assert_int_equal(t.month_cat[0][ENQ_PAYMENT_PROCESS], 2);
	assert_int_equal(t.month_total[11], 1);
	assert_int_equal(t.month_cat[11][ENQ_PAYMENT_PROCESS], 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(categories_and_channels_parse_whole_codes),
		cmocka_unit_test(the_choice_list_is_the_code_list),
		cmocka_unit_test(every_code_has_its_words),
		cmocka_unit_test(the_tally_counts_by_category_month_and_outcome),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("enquiry", tests, NULL, NULL);
}
