/*
 * test_team.c - the newcomer's 30-day plan (core/team.c, DOMAIN.md "Team
 * development"): each stage's first and last day, its state on a day
 * (not begun, under way, overdue the day after its last, done or done
 * late by the day ticked), and hours as people write them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "team.h"

static struct date
d(int y, int m, int dd)
{
	return (struct date){ y, m, dd };
}

static int
same(struct date a, struct date b)
{
	return a.y == b.y && a.m == b.m && a.d == b.d;
}

/* Days 1-10, 11-20, 21-30 from day 1, across a month's end. */
static void
the_stages_are_days_1_10_11_20_21_30(void **state)
{
	struct date	 start = d(2026, 11, 25);

	(void)state;
	assert_true(same(team_stage_begins(start, 0), d(2026, 11, 25)));
	assert_true(same(team_stage_due(start, 0), d(2026, 12, 4)));
	assert_true(same(team_stage_begins(start, 1), d(2026, 12, 5)));
	assert_true(same(team_stage_due(start, 1), d(2026, 12, 14)));
	assert_true(same(team_stage_begins(start, 2), d(2026, 12, 15)));
	assert_true(same(team_stage_due(start, 2), d(2026, 12, 24)));
}

/* Not ticked: not begun, under way to its last day, overdue after it. */
static void
a_stage_not_ticked_is_overdue_the_day_after_its_last(void **state)
{
	struct date	 start = d(2026, 11, 12);

	(void)state;
	assert_int_equal(team_stage_state(start, 1, NULL, d(2026, 11, 21)),
	    TEAM_NOT_YET);
	assert_int_equal(team_stage_state(start, 1, NULL, d(2026, 11, 22)),
	    TEAM_ON);
	assert_int_equal(team_stage_state(start, 1, NULL, d(2026, 12, 1)),
	    TEAM_ON);
	assert_int_equal(team_stage_state(start, 1, NULL, d(2026, 12, 2)),
	    TEAM_OVERDUE);
	assert_int_equal(team_stage_state(start, 0, NULL, d(2026, 11, 12)),
	    TEAM_ON);
	assert_int_equal(team_stage_state(start, 2, NULL, d(2027, 1, 1)),
	    TEAM_OVERDUE);
}

/* Ticked: done by its last day, or late; whatever today is. */
static void
a_stage_ticked_is_done_or_done_late(void **state)
{
	struct date	 start = d(2026, 11, 12), on = d(2026, 12, 1),
			 late = d(2026, 12, 2);

	(void)state;
	assert_int_equal(team_stage_state(start, 1, &on, d(2027, 6, 1)),
	    TEAM_DONE);
	assert_int_equal(team_stage_state(start, 1, &late, d(2026, 12, 2)),
	    TEAM_DONE_LATE);
	assert_string_equal(team_state_labels[TEAM_OVERDUE], "已逾期");
}

static void
hours_print_as_people_write_them(void **state)
{
	char	 b[TEAM_FMT_MAX];

	(void)state;
	assert_string_equal(team_hours_fmt(b, 200), "2");
	assert_string_equal(team_hours_fmt(b, 3200), "32");
	assert_string_equal(team_hours_fmt(b, 250), "2.5");
	assert_string_equal(team_hours_fmt(b, 225), "2.25");
	assert_string_equal(team_hours_fmt(b, 5), "0.05");
	assert_string_equal(team_hours_fmt(b, 0), "0");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_stages_are_days_1_10_11_20_21_30),
		cmocka_unit_test(a_stage_not_ticked_is_overdue_the_day_after_its_last),
		cmocka_unit_test(a_stage_ticked_is_done_or_done_late),
		cmocka_unit_test(hours_print_as_people_write_them),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("team", tests, NULL, NULL);
}
