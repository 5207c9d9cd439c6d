/*
 * test_meter.c - what a meter reader expects of a reading (meter.h;
 * issue 8's trial: a typed 99999999.99 made a ¥345 million bill, a
 * reading for 1999-12 was accepted).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "meter.h"

static const struct date today = { 2026, 12, 1 };

/* y * 12 + m - 1, as V_MONTH gives it */
static int64_t
month(int y, int m)
{
	return (int64_t)y * 12 + m - 1;
}

static void
a_period_is_this_month_or_up_to_a_year_back(void **state)
{
	int64_t	 earliest;

	(void)state;
	assert_int_equal(meter_period_check(month(2026, 12), -1, today,
	    &earliest), METER_PERIOD_OK);
	assert_int_equal(meter_period_check(month(2025, 12), -1, today,
	    &earliest), METER_PERIOD_OK);
	assert_int_equal(earliest, month(2025, 12));
	assert_int_equal(meter_period_check(month(2025, 11), -1, today,
	    &earliest), METER_PERIOD_TOO_OLD);
	assert_int_equal(meter_period_check(month(1999, 12), -1, today,
	    &earliest), METER_PERIOD_TOO_OLD);
	assert_int_equal(meter_period_check(month(2027, 1), -1, today,
	    &earliest), METER_PERIOD_FUTURE);
}

static void
a_period_is_not_before_the_estate_first_billed(void **state)
{
	int64_t	 earliest;

	(void)state;
	/* an estate that began billing in 2026-06 */
	assert_int_equal(meter_period_check(month(2026, 5), month(2026, 6),
	    today, &earliest), METER_PERIOD_TOO_OLD);
	assert_int_equal(earliest, month(2026, 6));
	assert_int_equal(meter_period_check(month(2026, 6), month(2026, 6),
	    today, &earliest), METER_PERIOD_OK);
	/* billing since 2023: the year's window decides */
	assert_int_equal(meter_period_check(month(2024, 1), month(2023, 1),
	    today, &earliest), METER_PERIOD_TOO_OLD);
	assert_int_equal(earliest, month(2025, 12));
}

static void
caps_are_the_item_own_or_its_unit_default(void **state)
{
	(void)state;
	assert_int_equal(meter_usage_cap("吨", 0), INT64_C(50000));
	assert_int_equal(meter_usage_cap("度", INT64_MIN), INT64_C(2000000));
	assert_int_equal(meter_usage_cap("立方米", 0), INT64_C(1000000));
	assert_int_equal(meter_usage_cap(NULL, 0), INT64_C(1000000));
	assert_int_equal(meter_usage_cap("吨", 12345), 12345);
	/* the trial's reading: 0 -> 99999999.99 is far past any cap */
	assert_true(INT64_C(9999999999) > meter_usage_cap("吨", 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_period_is_this_month_or_up_to_a_year_back),
		cmocka_unit_test(a_period_is_not_before_the_estate_first_billed),
		cmocka_unit_test(caps_are_the_item_own_or_its_unit_default),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("meter", tests, NULL, NULL);
}
