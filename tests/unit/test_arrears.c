/*
 * test_arrears.c - the red / yellow / green rule of DOMAIN.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
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

static struct date
day(int y, int m, int d)
{
	struct date	 x = { y, m, d };

	return x;
}

/* issue 8's trial: one count on every page, whole months since the due
 * date (DOMAIN.md), 0 for what is not yet due. */
static void
months_overdue_are_whole_months_since_the_due_date(void **state)
{
	(void)state;
	/* bills of Oct 2025 .. Nov 2026 unpaid on 2026-12-01: the oldest,
	 * due 2025-10-31, is 13 whole months overdue */
	assert_int_equal(arrears_months(day(2025, 10, 31), day(2026, 12, 1)), 13);
	assert_int_equal(arrears_months(day(2026, 11, 30), day(2026, 12, 1)), 0);
	assert_int_equal(arrears_months(day(2026, 10, 31), day(2026, 12, 1)), 1);
	assert_int_equal(arrears_months(day(2026, 1, 15), day(2026, 2, 14)), 0);
	assert_int_equal(arrears_months(day(2026, 1, 15), day(2026, 2, 15)), 1);
	/* not yet due: 0, never negative */
	assert_int_equal(arrears_months(day(2027, 3, 31), day(2026, 12, 1)), 0);
}

static void
under_a_month_reads_not_yet_a_month_never_zero_months(void **state)
{
	struct arena	 a;

	(void)state;
	arena_init(&a);
	assert_string_equal(arrears_months_words(&a, 0), "不足 1 个月");
	assert_string_equal(arrears_months_words(&a, -2), "不足 1 个月");
	assert_string_equal(arrears_months_words(&a, 1), "1 个月");
	assert_string_equal(arrears_months_words(&a, 13), "13 个月");
	arena_free(&a);
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
		cmocka_unit_test(months_overdue_are_whole_months_since_the_due_date),
		cmocka_unit_test(under_a_month_reads_not_yet_a_month_never_zero_months),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("arrears", tests, NULL, NULL);
}
