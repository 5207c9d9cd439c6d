/*
 * test_deferral.c - hardship deferral's pure parts (core/deferral.c,
 * issue 13): the day it ends, the days it is in force, the bills an
 * application may name, and its status list.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "deferral.h"

static struct date
d(int y, int m, int day)
{
	struct date	 x = { y, m, day };

	return x;
}

/* The same day N months on; a month's end clamps (Jan 31 + 1: Feb 28). */
static void
it_ends_the_same_day_months_later(void **state)
{
	struct date	 e;

	(void)state;
	e = deferral_end(d(2026, 12, 3), 1);
	assert_int_equal(e.y, 2027); assert_int_equal(e.m, 1);
	assert_int_equal(e.d, 3);
	e = deferral_end(d(2026, 12, 3), 6);
	assert_int_equal(e.y, 2027); assert_int_equal(e.m, 6);
	assert_int_equal(e.d, 3);
	e = deferral_end(d(2027, 1, 31), 1);
	assert_int_equal(e.m, 2); assert_int_equal(e.d, 28);
	e = deferral_end(d(2028, 1, 31), 1);		/* a leap year */
	assert_int_equal(e.m, 2); assert_int_equal(e.d, 29);
}

/* In force from its first day up to the day before its end: on the end
 * day the bills are due, and everything applies again. */
static void
it_is_in_force_from_its_start_to_the_day_before_its_end(void **state)
{
	struct date	 s = d(2026, 12, 3), e = d(2027, 1, 3);

	(void)state;
	assert_false(deferral_active(s, e, d(2026, 12, 2)));
	assert_true(deferral_active(s, e, d(2026, 12, 3)));
	assert_true(deferral_active(s, e, d(2026, 12, 31)));
	assert_true(deferral_active(s, e, d(2027, 1, 2)));
	assert_false(deferral_active(s, e, d(2027, 1, 3)));
	assert_false(deferral_active(s, e, d(2027, 6, 1)));
}

/* Only the household's open bills, each at most once. */
static void
only_the_households_open_bills_may_be_named_once_each(void **state)
{
	struct deferral_bill	 open[3];
	int64_t			 ok[] = { 12, 10 }, twice[] = { 10, 10 },
				 other[] = { 10, 99 };

	(void)state;
	memset(open, 0, sizeof(open));
	open[0].id = 10;
	open[1].id = 11;
	open[2].id = 12;
	assert_true(deferral_bills_ok(open, 3, ok, 2));
	assert_true(deferral_bills_ok(open, 3, ok, 0));
	assert_false(deferral_bills_ok(open, 3, twice, 2));
	assert_false(deferral_bills_ok(open, 3, other, 2));
	assert_false(deferral_bills_ok(open, 0, ok, 1));
}

/* Codes compared whole; their words. */
static void
its_statuses_parse_whole_codes(void **state)
{
	(void)state;
	assert_int_equal(deferral_status_parse("pending"), DEFERRAL_PENDING);
	assert_int_equal(deferral_status_parse("approved"), DEFERRAL_APPROVED);
	assert_int_equal(deferral_status_parse("rejected"), DEFERRAL_REJECTED);
	assert_int_equal(deferral_status_parse("approve"), DEFERRAL_STATUS__MAX);
	assert_int_equal(deferral_status_parse(NULL), DEFERRAL_STATUS__MAX);
	assert_string_equal(deferral_status_labels[DEFERRAL_APPROVED], "已批准");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(it_ends_the_same_day_months_later),
		cmocka_unit_test(it_is_in_force_from_its_start_to_the_day_before_its_end),
		cmocka_unit_test(only_the_households_open_bills_may_be_named_once_each),
		cmocka_unit_test(its_statuses_parse_whole_codes),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("deferral", tests, NULL, NULL);
}
