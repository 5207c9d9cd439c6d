/*
 * test_latefee.c - late fees' computation (core/latefee.c, issue 13):
 * grace, the daily rate on what is still owed, no compounding, the cap,
 * deferred days, rounding once, integers only.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "latefee.h"

static struct date
d(int y, int m, int day)
{
	struct date	 x = { y, m, day };

	return x;
}

/* 万分之五 a day, 10 days' grace, capped at the principal. */
static const struct latefee_rule rule = { 50, 10, 10000 };

static void
no_fee_within_the_grace_days_then_the_daily_rate(void **state)
{
	(void)state;
	/* ¥1,000.00 due 2026-01-31: late from 2026-02-11 */
	assert_int_equal(latefee_amount(&rule, 100000, d(2026, 1, 31), NULL, 0,
	    NULL, 0, d(2026, 2, 10)), 0);
	/* one day: 100000 x 50 / 100000 = 50 fen */
	assert_int_equal(latefee_amount(&rule, 100000, d(2026, 1, 31), NULL, 0,
	    NULL, 0, d(2026, 2, 11)), 50);
	/* 28 days through 2026-03-10 */
	assert_int_equal(latefee_amount(&rule, 100000, d(2026, 1, 31), NULL, 0,
	    NULL, 0, d(2026, 3, 10)), 28 * 50);
}

/* Rounded down once, on the exact sum: 3 days of 0.5 fen is 1 fen. */
static void
the_sum_is_rounded_down_once(void **state)
{
	struct latefee_rule	 none = { 50, 0, 10000 };

	(void)state;
	/* ¥10.00 a day at 万分之五 = 0.5 fen */
	assert_int_equal(latefee_amount(&none, 1000, d(2026, 1, 1), NULL, 0,
	    NULL, 0, d(2026, 1, 2)), 0);
	assert_int_equal(latefee_amount(&none, 1000, d(2026, 1, 1), NULL, 0,
	    NULL, 0, d(2026, 1, 3)), 1);
	assert_int_equal(latefee_amount(&none, 1000, d(2026, 1, 1), NULL, 0,
	    NULL, 0, d(2026, 1, 4)), 1);
}

/* A part paid stops its share from that day; paid in full, no more. */
static void
partial_payments_reduce_what_it_runs_on(void **state)
{
	struct latefee_pay	 half[] = { { { 2026, 2, 16 }, 50000 } };
	struct latefee_pay	 all[] = { { { 2026, 2, 16 }, 50000 },
				    { { 2026, 2, 21 }, 50000 } };

	(void)state;
	/* 5 days on 1000 (11..15), 10 days on 500 (16..25) */
	assert_int_equal(latefee_amount(&rule, 100000, d(2026, 1, 31), half, 1,
	    NULL, 0, d(2026, 2, 25)), 5 * 50 + 10 * 25);
	/* 5 days on 1000, 5 on 500, then nothing */
	assert_int_equal(latefee_amount(&rule, 100000, d(2026, 1, 31), all, 2,
	    NULL, 0, d(2026, 3, 31)), 5 * 50 + 5 * 25);
	/* paid within the grace days: no fee */
	all[0].day = d(2026, 2, 5);
	all[0].fen = 100000;
	assert_int_equal(latefee_amount(&rule, 100000, d(2026, 1, 31), all, 1,
	    NULL, 0, d(2026, 12, 31)), 0);
}

/* Capped: at cap_bp of the principal, never above the principal. */
static void
it_never_passes_its_cap_nor_the_principal(void **state)
{
	struct latefee_rule	 tenth = { 50, 0, 1000 }, big = { 1000, 0, 10000 };

	(void)state;
	/* 10 % of ¥1,000.00 is reached on day 200 (2 Jan .. 20 Jul) */
	assert_int_equal(latefee_amount(&tenth, 100000, d(2025, 1, 1), NULL, 0,
	    NULL, 0, d(2025, 7, 19)), 9950);
	assert_int_equal(latefee_amount(&tenth, 100000, d(2025, 1, 1), NULL, 0,
	    NULL, 0, d(2025, 7, 20)), 10000);
	assert_int_equal(latefee_amount(&tenth, 100000, d(2025, 1, 1), NULL, 0,
	    NULL, 0, d(2030, 1, 1)), 10000);
	/* 1 % a day for years: the principal at most, not compounding */
	assert_int_equal(latefee_amount(&big, 100000, d(2020, 1, 1), NULL, 0,
	    NULL, 0, d(2026, 1, 1)), 100000);
}

/* Deferred days carry no fee. */
static void
deferred_days_carry_no_fee(void **state)
{
	struct latefee_span	 s[] = { { { 2026, 2, 15 }, { 2026, 3, 14 } } };

	(void)state;
	/* 11..14 Feb (4 days), 15 Feb..14 Mar deferred, 15..20 Mar (6) */
	assert_int_equal(latefee_amount(&rule, 100000, d(2026, 1, 31), NULL, 0,
	    s, 1, d(2026, 3, 20)), 10 * 50);
}

/* Off: no rate. A settings page may save only sane rules. */
static void
no_rate_no_fee_and_rules_are_checked(void **state)
{
	struct latefee_rule	 off = { 0, 0, 10000 }, bad = { 50, 0, 10001 };

	(void)state;
	assert_int_equal(latefee_amount(&off, 100000, d(2020, 1, 1), NULL, 0,
	    NULL, 0, d(2026, 1, 1)), 0);
	assert_true(latefee_rule_ok(&rule));
	assert_false(latefee_rule_ok(&bad));
	bad.cap_bp = 10000;
	bad.rate = -1;
	assert_false(latefee_rule_ok(&bad));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_fee_within_the_grace_days_then_the_daily_rate),
		cmocka_unit_test(the_sum_is_rounded_down_once),
		cmocka_unit_test(partial_payments_reduce_what_it_runs_on),
		cmocka_unit_test(it_never_passes_its_cap_nor_the_principal),
		cmocka_unit_test(deferred_days_carry_no_fee),
		cmocka_unit_test(no_rate_no_fee_and_rules_are_checked),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("latefee", tests, NULL, NULL);
}
