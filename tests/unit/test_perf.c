/*
 * test_perf.c - satisfaction tied to pay (core/perf.c, DOMAIN.md
 * "Collector performance"): the mean's rounding, the multiplier's full
 * steps over the baseline, no cut below it, and the figures as printed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "perf.h"

static const struct perf_rule rule = { 85, 5, 300 };	/* the defaults */

/* The mean in tenths, half up; none without a follow-up. */
static void
the_mean_is_rounded_half_up_to_a_tenth(void **state)
{
	(void)state;
	assert_int_equal(perf_mean_x10(0, 0), -1);
	assert_int_equal(perf_mean_x10(95, 1), 950);
	assert_int_equal(perf_mean_x10(183, 2), 915);	/* 91.5 exactly */
	assert_int_equal(perf_mean_x10(274, 3), 913);	/* 91.333 */
	assert_int_equal(perf_mean_x10(275, 3), 917);	/* 91.667 */
	assert_int_equal(perf_mean_x10(1831, 20), 916);	/* 91.55 up */
	assert_int_equal(perf_mean_x10(1829, 20), 915);	/* 91.45 up */
	assert_int_equal(perf_mean_x10(1828, 20), 914);	/* 91.4 */
	assert_int_equal(perf_mean_x10(0, 7), 0);
	assert_int_equal(perf_mean_x10(700, 7), 1000);
	/* a year of an estate's follow-ups: no overflow, no float */
	assert_int_equal(perf_mean_x10(INT64_C(91600000), 1000000), 916);
	assert_int_equal(perf_mean_x10(199, 3), 663);	/* 66.333 */
}

/* 100 % + 3 % per FULL 5 points over 85, from the mean as shown. */
static void
each_full_step_over_the_baseline_adds_its_percent(void **state)
{
	(void)state;
	assert_int_equal(perf_multiplier_bp(850, &rule), 10000);
	assert_int_equal(perf_multiplier_bp(851, &rule), 10000);
	assert_int_equal(perf_multiplier_bp(899, &rule), 10000);
	assert_int_equal(perf_multiplier_bp(900, &rule), 10300);
	assert_int_equal(perf_multiplier_bp(949, &rule), 10300);
	assert_int_equal(perf_multiplier_bp(950, &rule), 10600);
	assert_int_equal(perf_multiplier_bp(1000, &rule), 10900);
	/* the mean as shown: 89.95 shows 90.0 (and is one step) */
	assert_int_equal(perf_multiplier_bp(perf_mean_x10(1799, 20), &rule),
	    10300);
	assert_int_equal(perf_multiplier_bp(perf_mean_x10(1798, 20), &rule),
	    10000);
}

/* No cut below the baseline, none without a follow-up. */
static void
below_the_baseline_or_without_follow_ups_pay_stays(void **state)
{
	(void)state;
	assert_int_equal(perf_multiplier_bp(849, &rule), 10000);
	assert_int_equal(perf_multiplier_bp(0, &rule), 10000);
	assert_int_equal(perf_multiplier_bp(-1, &rule), 10000);
}

/* Other settings: the estate's numbers, not 5 and 3. */
static void
the_estate_s_settings_set_the_steps(void **state)
{
	struct perf_rule r = { 90, 2, 250 };

	(void)state;
	assert_int_equal(perf_multiplier_bp(919, &r), 10000);
	assert_int_equal(perf_multiplier_bp(920, &r), 10250);
	assert_int_equal(perf_multiplier_bp(1000, &r), 11250);
	r = (struct perf_rule){ 0, 100, 1000 };
	assert_int_equal(perf_multiplier_bp(999, &r), 10000);
	assert_int_equal(perf_multiplier_bp(1000, &r), 11000);
	r = (struct perf_rule){ 100, 5, 300 };
	assert_int_equal(perf_multiplier_bp(1000, &r), 10000);
	/* a rule of no step pays nothing extra, never divides by 0 */
	r = (struct perf_rule){ 85, 0, 300 };
	assert_int_equal(perf_multiplier_bp(1000, &r), 10000);
	r = (struct perf_rule){ 85, 5, 0 };
	assert_int_equal(perf_multiplier_bp(1000, &r), 10000);
}

static void
figures_print_as_people_read_them(void **state)
{
	char	 b[PERF_FMT_MAX];

	(void)state;
	assert_string_equal(perf_score_fmt(b, 916), "91.6");
	assert_string_equal(perf_score_fmt(b, 1000), "100.0");
	assert_string_equal(perf_score_fmt(b, 5), "0.5");
	assert_string_equal(perf_score_fmt(b, -1), "—");
	assert_string_equal(perf_diff_fmt(b, 34), "+3.4");
	assert_string_equal(perf_diff_fmt(b, -20), "-2.0");
	assert_string_equal(perf_diff_fmt(b, -5), "-0.5");
	assert_string_equal(perf_diff_fmt(b, 0), "0.0");
	assert_string_equal(perf_bp_fmt(b, 10000), "100%");
	assert_string_equal(perf_bp_fmt(b, 10300), "103%");
	assert_string_equal(perf_bp_fmt(b, 10250), "102.5%");
	assert_string_equal(perf_bp_fmt(b, 10275), "102.75%");
	assert_string_equal(perf_bp_fmt(b, 10205), "102.05%");
	assert_string_equal(perf_bp_fmt(b, 300), "3%");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_mean_is_rounded_half_up_to_a_tenth),
		cmocka_unit_test(each_full_step_over_the_baseline_adds_its_percent),
		cmocka_unit_test(below_the_baseline_or_without_follow_ups_pay_stays),
		cmocka_unit_test(the_estate_s_settings_set_the_steps),
		cmocka_unit_test(figures_print_as_people_read_them),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("perf", tests, NULL, NULL);
}
