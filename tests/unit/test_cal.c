/*
 * test_cal.c - dates, and whole months as MariaDB counts them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "cal.h"

static struct date
D(const char *s)
{
	struct date	 d = { 0, 0, 0 };

	assert_int_equal(cal_parse(s, &d), 0);
	return d;
}

static void
parse_accepts_only_real_dates(void **state)
{
	struct date	 d;

	(void)state;
	assert_int_equal(cal_parse("2024-02-29", &d), 0);
	assert_int_equal(cal_parse("2025-02-29", &d), -1);
	assert_int_equal(cal_parse("2025-13-01", &d), -1);
	assert_int_equal(cal_parse("2025-1-01", &d), -1);
	assert_int_equal(cal_parse("2025/01/01", &d), -1);
	assert_int_equal(cal_parse("", &d), -1);
	assert_int_equal(cal_parse("2025-01-01x", &d), -1);
	assert_int_equal(cal_parse(NULL, &d), -1);
	assert_int_equal(cal_parse("1900-02-29", &d), -1);
	assert_int_equal(cal_parse("2000-02-29", &d), 0);
}

static void
months_between_counts_whole_months(void **state)
{
	(void)state;
	assert_int_equal(cal_months_between(D("2025-01-31"), D("2025-02-28")), 0);
	assert_int_equal(cal_months_between(D("2025-01-31"), D("2025-03-01")), 1);
	assert_int_equal(cal_months_between(D("2026-10-31"), D("2026-11-27")), 0);
	assert_int_equal(cal_months_between(D("2026-09-30"), D("2026-11-27")), 1);
	assert_int_equal(cal_months_between(D("2025-10-31"), D("2026-11-27")), 12);
	assert_int_equal(cal_months_between(D("2025-09-30"), D("2026-11-27")), 13);
	assert_int_equal(cal_months_between(D("2025-02-28"), D("2025-03-28")), 1);
	assert_int_equal(cal_months_between(D("2025-03-28"), D("2025-02-28")), -1);
	assert_int_equal(cal_months_between(D("2025-05-15"), D("2025-05-15")), 0);
	assert_int_equal(cal_months_between(D("2023-01-31"), D("2026-11-27")), 45);
}

static void
add_months_clamps_to_month_end(void **state)
{
	struct date	 d;
	char		 b[11];

	(void)state;
	d = cal_add_months(D("2025-01-31"), 1);
	assert_string_equal(cal_fmt(b, d), "2025-02-28");
	d = cal_add_months(D("2024-01-31"), 1);
	assert_string_equal(cal_fmt(b, d), "2024-02-29");
	d = cal_add_months(D("2025-11-15"), 3);
	assert_string_equal(cal_fmt(b, d), "2026-02-15");
	d = cal_add_months(D("2025-03-15"), -3);
	assert_string_equal(cal_fmt(b, d), "2024-12-15");
}

static void
days_between_and_next_day_cross_months_and_leap_years(void **state)
{
	char	 b[11];

	(void)state;
	assert_int_equal(cal_days_between(D("2026-10-28"), D("2026-11-27")), 30);
	assert_int_equal(cal_days_between(D("2024-02-28"), D("2024-03-01")), 2);
	assert_int_equal(cal_days_between(D("2025-02-28"), D("2025-03-01")), 1);
	assert_int_equal(cal_days_between(D("2026-11-27"), D("2026-11-26")), -1);
	assert_int_equal(cal_days_between(D("1999-12-31"), D("2000-12-31")), 366);
	assert_string_equal(cal_fmt(b, cal_next_day(D("2025-12-31"))), "2026-01-01");
	assert_string_equal(cal_fmt(b, cal_next_day(D("2024-02-28"))), "2024-02-29");
	assert_string_equal(cal_fmt(b, cal_next_day(D("2025-02-28"))), "2025-03-01");
	assert_string_equal(cal_fmt(b, cal_from_month(2025 * 12 + 11)), "2025-12-01");
}

static void
today_is_a_valid_date(void **state)
{
	(void)state;
	assert_true(cal_valid(cal_today()));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_accepts_only_real_dates),
		cmocka_unit_test(months_between_counts_whole_months),
		cmocka_unit_test(add_months_clamps_to_month_end),
		cmocka_unit_test(days_between_and_next_day_cross_months_and_leap_years),
		cmocka_unit_test(today_is_a_valid_date),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("cal", tests, NULL, NULL);
}
