/*
 * test_labels.c - the words for a bill's state that every page, owner
 * and staff alike, shows (issue 8's trial: a bill waived in part and
 * not paid read 部分缴纳).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_partial_waiver_is_not_a_partial_payment),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("labels", tests, NULL, NULL);
}
