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

#include "labels.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_partial_waiver_is_not_a_partial_payment),
		cmocka_unit_test(each_enquiry_category_has_words_and_paying_is_one),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("labels", tests, NULL, NULL);
}
