/*
 * test_arrears.c - the red / yellow / green rule of DOMAIN.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "arrears.h"

static const struct tier_rules defaults = { 12, 500000, 6, 1 };

static void
red_needs_both_months_and_amount(void **state)
{
	(void)state;
	assert_int_equal(arrears_tier(&defaults, 13, 500001), TIER_RED);
	assert_int_equal(arrears_tier(&defaults, 40, 9000000), TIER_RED);
	/* more than 12 months but 5,000 yuan or less: yellow */
	assert_int_equal(arrears_tier(&defaults, 13, 500000), TIER_YELLOW);
	assert_int_equal(arrears_tier(&defaults, 24, 100), TIER_YELLOW);
	/* exactly 12 months is not "more than 12" */
	assert_int_equal(arrears_tier(&defaults, 12, 9000000), TIER_YELLOW);
}

static void
yellow_is_six_to_twelve_months(void **state)
{
	(void)state;
	assert_int_equal(arrears_tier(&defaults, 6, 100), TIER_YELLOW);
	assert_int_equal(arrears_tier(&defaults, 12, 100), TIER_YELLOW);
	assert_int_equal(arrears_tier(&defaults, 5, 9000000), TIER_GREEN);
}

static void
green_is_one_to_five_months(void **state)
{
	(void)state;
	assert_int_equal(arrears_tier(&defaults, 1, 1), TIER_GREEN);
	assert_int_equal(arrears_tier(&defaults, 5, 1), TIER_GREEN);
	assert_int_equal(arrears_tier(&defaults, 0, 9000000), TIER_NONE);
	assert_int_equal(arrears_tier(&defaults, 3, 0), TIER_NONE);
}

static void
thresholds_are_per_estate(void **state)
{
	const struct tier_rules strict = { 6, 100000, 3, 1 };

	(void)state;
	assert_int_equal(arrears_tier(&strict, 7, 100001), TIER_RED);
	assert_int_equal(arrears_tier(&strict, 4, 100001), TIER_YELLOW);
	assert_int_equal(arrears_tier(&strict, 2, 100001), TIER_GREEN);
}

static void
tier_names_round_trip(void **state)
{
	(void)state;
	assert_int_equal(tier_parse(tier_key(TIER_RED)), TIER_RED);
	assert_int_equal(tier_parse(tier_key(TIER_YELLOW)), TIER_YELLOW);
	assert_int_equal(tier_parse(tier_key(TIER_GREEN)), TIER_GREEN);
	assert_int_equal(tier_parse("purple"), TIER_NONE);
	assert_int_equal(tier_parse(NULL), TIER_NONE);
	assert_string_equal(tier_label(TIER_RED), "红色");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(red_needs_both_months_and_amount),
		cmocka_unit_test(yellow_is_six_to_twelve_months),
		cmocka_unit_test(green_is_one_to_five_months),
		cmocka_unit_test(thresholds_are_per_estate),
		cmocka_unit_test(tier_names_round_trip),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("arrears", tests, NULL, NULL);
}
