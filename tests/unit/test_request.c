/*
 * test_request.c - the stages of a service request (core/request.c,
 * issue 12): which step follows which, whose step it is, the deadlines,
 * the follow-up's score and "paid after the fix".
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "photo.h"
#include "request.h"

static void
the_happy_path_runs_in_order(void **state)
{
	enum rq_status	 to;

	(void)state;
	assert_int_equal(rq_step(RQ_LOGGED, RQA_RECEIVE, 0, &to), 0);
	assert_int_equal(to, RQ_RECEIVED);
	assert_int_equal(rq_step(RQ_RECEIVED, RQA_PLAN, 0, &to), 0);
	assert_int_equal(to, RQ_PLANNED);
	assert_int_equal(rq_step(RQ_PLANNED, RQA_DISPATCH, 0, &to), 0);
	assert_int_equal(to, RQ_DISPATCHED);
	assert_int_equal(rq_step(RQ_DISPATCHED, RQA_DONE, 0, &to), 0);
	assert_int_equal(to, RQ_DONE);
	assert_int_equal(rq_step(RQ_DONE, RQA_FOLLOWUP, 1, &to), 0);
	assert_int_equal(to, RQ_CLOSED);
}

static void
no_work_needed_goes_from_plan_to_done(void **state)
{
	enum rq_status	 to;

	(void)state;
	assert_int_equal(rq_step(RQ_PLANNED, RQA_DONE, 0, &to), 0);
	assert_int_equal(to, RQ_DONE);
	/* ... by customer service, not engineering */
	assert_true(rq_roles(RQ_PLANNED, RQA_DONE) & ROLE_CUSTOMER_SERVICE);
	assert_false(rq_roles(RQ_PLANNED, RQA_DONE) & ROLE_ENGINEERING);
}

static void
an_unsatisfied_owner_reopens_it(void **state)
{
	enum rq_status	 to;

	(void)state;
	assert_int_equal(rq_step(RQ_DONE, RQA_FOLLOWUP, 0, &to), 0);
	assert_int_equal(to, RQ_RECEIVED);
	/* and it needs a plan again, within 48 h */
	assert_int_equal(rq_due_hours(to), 48);
}

static void
steps_out_of_order_are_refused(void **state)
{
	enum rq_status	 to = RQ_STATUS__MAX;
	int		 s, a;

	(void)state;
	assert_int_equal(rq_step(RQ_LOGGED, RQA_PLAN, 0, &to), -1);
	assert_int_equal(rq_step(RQ_LOGGED, RQA_DONE, 0, &to), -1);
	assert_int_equal(rq_step(RQ_RECEIVED, RQA_DISPATCH, 0, &to), -1);
	assert_int_equal(rq_step(RQ_RECEIVED, RQA_RECEIVE, 0, &to), -1);
	assert_int_equal(rq_step(RQ_DISPATCHED, RQA_FOLLOWUP, 1, &to), -1);
	assert_int_equal(rq_step(RQ_DONE, RQA_DONE, 0, &to), -1);
	/* a closed request takes no step at all */
	for (a = 0; a < RQA__MAX; a++)
		assert_int_equal(rq_step(RQ_CLOSED, (enum rq_action)a, 1, &to),
		    -1);
	assert_int_equal(to, RQ_STATUS__MAX);
	/* exactly one status lets each step but done (two) */
	for (a = 0; a < RQA__MAX; a++) {
		int	 n = 0;

		for (s = 0; s < RQ_STATUS__MAX; s++)
			n += rq_step((enum rq_status)s, (enum rq_action)a, 1,
			    &to) == 0;
		assert_int_equal(n, a == RQA_DONE ? 2 : 1);
	}
}

static void
each_step_is_its_role_s(void **state)
{
	(void)state;
	assert_true(rq_roles(RQ_LOGGED, RQA_RECEIVE) & ROLE_CUSTOMER_SERVICE);
	assert_false(rq_roles(RQ_LOGGED, RQA_RECEIVE) & ROLE_ENGINEERING);
	assert_false(rq_roles(RQ_LOGGED, RQA_RECEIVE) & ROLE_COLLECTOR);
	assert_true(rq_roles(RQ_RECEIVED, RQA_PLAN) & ROLE_CUSTOMER_SERVICE);
	assert_true(rq_roles(RQ_DISPATCHED, RQA_DONE) & ROLE_ENGINEERING);
	assert_false(rq_roles(RQ_DISPATCHED, RQA_DONE) &
	    ROLE_CUSTOMER_SERVICE);
	assert_true(rq_roles(RQ_DONE, RQA_FOLLOWUP) & ROLE_COLLECTOR);
	assert_false(rq_roles(RQ_DONE, RQA_FOLLOWUP) & ROLE_ENGINEERING);
	assert_false(rq_roles(RQ_DONE, RQA_FOLLOWUP) & ROLE_CUSTOMER_SERVICE);
	/* nobody's step when it is no step */
	assert_int_equal(rq_roles(RQ_LOGGED, RQA_DONE), 0);
	assert_int_equal(rq_roles(RQ_CLOSED, RQA_FOLLOWUP), 0);
	/* owners take no step in the back office */
	assert_int_equal(rq_roles(RQ_LOGGED, RQA_RECEIVE) & ROLE_OWNER, 0);
}

static void
the_deadlines_are_the_domain_s(void **state)
{
	(void)state;
	assert_int_equal(rq_due_hours(RQ_LOGGED), 24);
	assert_int_equal(rq_due_hours(RQ_RECEIVED), 48);
	assert_int_equal(rq_due_hours(RQ_DONE), 72);
	assert_int_equal(rq_due_hours(RQ_PLANNED), 0);
	assert_int_equal(rq_due_hours(RQ_DISPATCHED), 0);
	assert_int_equal(rq_due_hours(RQ_CLOSED), 0);
}

static void
scores_are_0_to_100(void **state)
{
	(void)state;
	assert_true(rq_score_ok(0));
	assert_true(rq_score_ok(100));
	assert_false(rq_score_ok(-1));
	assert_false(rq_score_ok(101));
}

static void
paid_after_the_fix_is_within_30_days(void **state)
{
	struct date	 done = { 2026, 11, 20 }, p;

	(void)state;
	p = done;
	assert_true(rq_paid_after(done, p));
	p = (struct date){ 2026, 12, 20 };
	assert_true(rq_paid_after(done, p));
	p = (struct date){ 2026, 12, 21 };
	assert_false(rq_paid_after(done, p));
	p = (struct date){ 2026, 11, 19 };
	assert_false(rq_paid_after(done, p));
}

/* The case file's and the KPI board's one reading of the two days. */
static void
paid_after_the_fix_reads_the_days_as_the_case_file_does(void **state)
{
	(void)state;
	assert_int_equal(rq_paid_after_fix("", ""), RQ_NOT_FIXED);
	assert_int_equal(rq_paid_after_fix("", "2026-11-20"), RQ_NOT_FIXED);
	assert_int_equal(rq_paid_after_fix(NULL, NULL), RQ_NOT_FIXED);
	assert_int_equal(rq_paid_after_fix("2026-11-20", ""),
	    RQ_NOT_PAID_AFTER);
	assert_int_equal(rq_paid_after_fix("2026-11-20", "2026-11-20"),
	    RQ_PAID_AFTER);
	assert_int_equal(rq_paid_after_fix("2026-11-20", "2026-12-20"),
	    RQ_PAID_AFTER);
	assert_int_equal(rq_paid_after_fix("2026-11-20", "2026-12-21"),
	    RQ_NOT_PAID_AFTER);
	/* across a year's end and a leap day */
	assert_int_equal(rq_paid_after_fix("2027-12-15", "2028-01-14"),
	    RQ_PAID_AFTER);
	assert_int_equal(rq_paid_after_fix("2028-02-01", "2028-03-02"),
	    RQ_PAID_AFTER);
	assert_int_equal(rq_paid_after_fix("2028-02-01", "2028-03-03"),
	    RQ_NOT_PAID_AFTER);
	/* a day that is no day is no payment */
	assert_int_equal(rq_paid_after_fix("2026-11-20", "2026-11-31"),
	    RQ_NOT_PAID_AFTER);
}

static void
codes_compare_whole(void **state)
{
	(void)state;
	assert_int_equal(rq_status_parse("done"), RQ_DONE);
	assert_int_equal(rq_status_parse("do"), RQ_STATUS__MAX);
	assert_int_equal(rq_category_parse("water_power"), RQ_WATER_POWER);
	assert_int_equal(rq_category_parse("water"), RQ_CATEGORY__MAX);
	assert_string_equal(rq_category_labels[RQ_LIGHTING], "照明");
	assert_int_equal(rq_source_parse("portal"), RQ_PORTAL);
	assert_int_equal(rq_event_parse("reopened"), RQE_REOPENED);
}

static void
photos_are_known_by_their_bytes_not_their_name(void **state)
{
	static const unsigned char jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 0x10 };
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n', 0, 0 };
	static const unsigned char heic[] = { 0, 0, 0, 0x1c, 'f', 't', 'y',
	    'p', 'h', 'e', 'i', 'c', 0, 0 };
	static const unsigned char avif[] = { 0, 0, 0, 0x1c, 'f', 't', 'y',
	    'p', 'a', 'v', 'i', 'f', 0, 0 };
	static const char php[] = "<?php system($_GET['c']); ?>";
	static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\">";

	(void)state;
	assert_int_equal(photo_sniff(jpeg, sizeof(jpeg)), PHOTO_JPEG);
	assert_int_equal(photo_sniff(png, sizeof(png)), PHOTO_PNG);
	assert_int_equal(photo_sniff(heic, sizeof(heic)), PHOTO_HEIC);
	assert_int_equal(photo_sniff(avif, sizeof(avif)), PHOTO_NONE);
	assert_int_equal(photo_sniff((const unsigned char *)php, sizeof(php)),
	    PHOTO_NONE);
	assert_int_equal(photo_sniff((const unsigned char *)svg, sizeof(svg)),
	    PHOTO_NONE);
	/* too short to tell */
	assert_int_equal(photo_sniff(jpeg, 2), PHOTO_NONE);
	assert_int_equal(photo_sniff(png, 7), PHOTO_NONE);
	assert_int_equal(photo_sniff(heic, 11), PHOTO_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_happy_path_runs_in_order),
		cmocka_unit_test(no_work_needed_goes_from_plan_to_done),
		cmocka_unit_test(an_unsatisfied_owner_reopens_it),
		cmocka_unit_test(steps_out_of_order_are_refused),
		cmocka_unit_test(each_step_is_its_role_s),
		cmocka_unit_test(the_deadlines_are_the_domain_s),
		cmocka_unit_test(scores_are_0_to_100),
		cmocka_unit_test(paid_after_the_fix_is_within_30_days),
		cmocka_unit_test(paid_after_the_fix_reads_the_days_as_the_case_file_does),
		cmocka_unit_test(codes_compare_whole),
		cmocka_unit_test(photos_are_known_by_their_bytes_not_their_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
