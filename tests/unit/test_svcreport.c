/*
 * test_svcreport.c - the monthly service report's pure rules
 * (core/svcreport.c, issue 12): the median time, the mean score to one
 * decimal, hours as people read them, which month a day drafts, and
 * when a draft is late (published on the 5th is on time).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "svcreport.h"

static void
the_median_is_the_middle_one_or_the_lower_of_two(void **state)
{
	int64_t	 odd[] = { 900, 30, 7200, 60, 3600 };
	int64_t	 even[] = { 40, 10, 30, 20 };
	int64_t	 one[] = { 5 };
	int64_t	 same[] = { 7, 7, 7 };

	(void)state;
	assert_int_equal(svc_median(odd, 5), 900);
	/* sorted in place */
	assert_int_equal(odd[0], 30);
	assert_int_equal(odd[4], 7200);
	assert_int_equal(svc_median(even, 4), 20);
	assert_int_equal(svc_median(one, 1), 5);
	assert_int_equal(svc_median(same, 3), 7);
	assert_int_equal(svc_median(NULL, 0), -1);
}

static void
the_mean_score_is_rounded_half_up_to_a_tenth(void **state)
{
	(void)state;
	/* 95 + 88 = 183 / 2 = 91.5 */
	assert_int_equal(svc_mean_x10(183, 2), 915);
	/* 100 + 90 + 85 = 275 / 3 = 91.666 -> 91.7 */
	assert_int_equal(svc_mean_x10(275, 3), 917);
	/* 91.65 exactly (1833 / 20) -> 91.7, half up */
	assert_int_equal(svc_mean_x10(1833, 20), 917);
	/* 91.64 (4582 / 50) -> 91.6 */
	assert_int_equal(svc_mean_x10(4582, 50), 916);
	assert_int_equal(svc_mean_x10(0, 4), 0);
	assert_int_equal(svc_mean_x10(100, 1), 1000);
	assert_int_equal(svc_mean_x10(0, 0), -1);
}

static void
hours_and_tenths_read_as_people_say_them(void **state)
{
	char	 b[SVC_NUM_MAX];

	(void)state;
	assert_string_equal(svc_hours(b, 66600), "18.5");
	assert_string_equal(svc_hours(b, 0), "0.0");
	/* 179 s is under a twentieth of an hour: 0.0; 180 s rounds up */
	assert_string_equal(svc_hours(b, 179), "0.0");
	assert_string_equal(svc_hours(b, 180), "0.1");
	assert_string_equal(svc_hours(b, 3 * 86400), "72.0");
	assert_string_equal(svc_hours(b, -1), "—");
	assert_string_equal(svc_tenths(b, 916), "91.6");
	assert_string_equal(svc_tenths(b, 1000), "100.0");
	assert_string_equal(svc_tenths(b, 5), "0.5");
	assert_string_equal(svc_tenths(b, -1), "—");
}

static void
a_day_drafts_the_month_before_it(void **state)
{
	struct date	 d;

	(void)state;
	d = svc_month_before((struct date){ 2026, 12, 1 });
	assert_true(d.y == 2026 && d.m == 11 && d.d == 1);
	d = svc_month_before((struct date){ 2026, 12, 31 });
	assert_true(d.y == 2026 && d.m == 11 && d.d == 1);
	d = svc_month_before((struct date){ 2027, 1, 1 });
	assert_true(d.y == 2026 && d.m == 12 && d.d == 1);
	d = svc_month_before((struct date){ 2024, 3, 31 });
	assert_true(d.y == 2024 && d.m == 2 && d.d == 1);
}

static void
a_draft_is_late_after_the_5th_of_the_next_month(void **state)
{
	struct date	 nov = { 2026, 11, 1 }, dec = { 2026, 12, 1 }, due;

	(void)state;
	due = svc_due(nov);
	assert_true(due.y == 2026 && due.m == 12 && due.d == 5);
	due = svc_due(dec);
	assert_true(due.y == 2027 && due.m == 1 && due.d == 5);
	/* any day of the month names it */
	due = svc_due((struct date){ 2026, 11, 30 });
	assert_true(due.y == 2026 && due.m == 12 && due.d == 5);
	assert_false(svc_late(nov, (struct date){ 2026, 12, 1 }));
	assert_false(svc_late(nov, (struct date){ 2026, 12, 5 }));
	assert_true(svc_late(nov, (struct date){ 2026, 12, 6 }));
	assert_true(svc_late(nov, (struct date){ 2027, 2, 1 }));
	assert_false(svc_late(dec, (struct date){ 2027, 1, 5 }));
	assert_true(svc_late(dec, (struct date){ 2027, 1, 6 }));
}

static void
kinds_and_statuses_compare_whole(void **state)
{
	(void)state;
	assert_int_equal(svc_kind_parse("cleaning"), SVC_CLEANING);
	assert_int_equal(svc_kind_parse("greening"), SVC_GREENING);
	assert_int_equal(svc_kind_parse("repair"), SVC_REPAIR);
	assert_int_equal(svc_kind_parse("repairs"), SVC_KIND__MAX);
	assert_int_equal(svc_kind_parse("clean"), SVC_KIND__MAX);
	assert_int_equal(svc_kind_parse(NULL), SVC_KIND__MAX);
	assert_int_equal(svr_status_parse("draft"), SVR_DRAFT);
	assert_int_equal(svr_status_parse("published"), SVR_PUBLISHED);
	assert_int_equal(svr_status_parse("publish"), SVR_STATUS__MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_median_is_the_middle_one_or_the_lower_of_two),
		cmocka_unit_test(the_mean_score_is_rounded_half_up_to_a_tenth),
		cmocka_unit_test(hours_and_tenths_read_as_people_say_them),
		cmocka_unit_test(a_day_drafts_the_month_before_it),
		cmocka_unit_test(a_draft_is_late_after_the_5th_of_the_next_month),
		cmocka_unit_test(kinds_and_statuses_compare_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
