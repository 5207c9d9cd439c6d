/*
 * test_access.c - the role x data table (core/access.c, issue 12 "Who
 * sees what") and the phone mask the pages use.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "access.h"
#include "arena.h"
#include "arena_fixture.h"

/* Engineering sees no owner's name, phone, ledger, case file or
 * hardship, and a request's contact only when the owner shared it. */
static void
engineering_sees_no_owner_data(void **state)
{
	int	 d, mine;

	(void)state;
	for (mine = 0; mine <= 1; mine++) {
		for (d = 0; d < DATA__MAX; d++)
			if (d != DATA_REQUEST_CONTACT)
				assert_int_equal(access_sees(ROLE_ENGINEERING,
				    (enum data)d, mine), SEE_NONE);
		assert_int_equal(access_sees(ROLE_ENGINEERING,
		    DATA_REQUEST_CONTACT, mine), SEE_SHARED);
	}
}

/* Customer service: contacts, not case files. */
static void
customer_service_sees_contacts_not_case_files(void **state)
{
	(void)state;
	assert_int_equal(access_sees(ROLE_CUSTOMER_SERVICE, DATA_OWNER_PHONE,
	    0), SEE_ALL);
	assert_int_equal(access_sees(ROLE_CUSTOMER_SERVICE, DATA_CASE, 0),
	    SEE_NONE);
	assert_int_equal(access_sees(ROLE_CUSTOMER_SERVICE, DATA_CASE, 1),
	    SEE_NONE);
}

/* A collector: their households' phones and case files; a masked phone
 * and no case file elsewhere; the estate's ledger. */
static void
a_collector_sees_their_households(void **state)
{
	(void)state;
	assert_int_equal(access_sees(ROLE_COLLECTOR, DATA_OWNER_PHONE, 1),
	    SEE_ALL);
	assert_int_equal(access_sees(ROLE_COLLECTOR, DATA_OWNER_PHONE, 0),
	    SEE_MASKED);
	assert_int_equal(access_sees(ROLE_COLLECTOR, DATA_CASE, 1), SEE_ALL);
	assert_int_equal(access_sees(ROLE_COLLECTOR, DATA_CASE, 0), SEE_NONE);
	assert_int_equal(access_sees(ROLE_COLLECTOR, DATA_LEDGER, 0), SEE_ALL);
}

/* Performance (satisfaction, pay): a collector their own; the lead and
 * the manager everyone's; customer service, engineering and the admin
 * none. */
static void
a_collector_sees_only_their_own_performance(void **state)
{
	(void)state;
	assert_int_equal(access_sees(ROLE_COLLECTOR, DATA_PERFORMANCE, 1),
	    SEE_ALL);
	assert_int_equal(access_sees(ROLE_COLLECTOR, DATA_PERFORMANCE, 0),
	    SEE_NONE);
	assert_int_equal(access_sees(ROLE_TEAM_LEAD, DATA_PERFORMANCE, 0),
	    SEE_ALL);
	assert_int_equal(access_sees(ROLE_MANAGER, DATA_PERFORMANCE, 0),
	    SEE_ALL);
	assert_int_equal(access_sees(ROLE_CUSTOMER_SERVICE, DATA_PERFORMANCE,
	    1), SEE_NONE);
	assert_int_equal(access_sees(ROLE_ADMIN, DATA_PERFORMANCE, 1),
	    SEE_NONE);
}

/* Leads and managers see all; owners and unknown roles nothing. */
static void
leads_and_managers_see_all_and_owners_none(void **state)
{
	int	 d;

	(void)state;
	for (d = 0; d < DATA__MAX; d++) {
		assert_int_equal(access_sees(ROLE_TEAM_LEAD, (enum data)d, 0),
		    SEE_ALL);
		assert_int_equal(access_sees(ROLE_MANAGER, (enum data)d, 0),
		    SEE_ALL);
		assert_int_equal(access_sees(ROLE_OWNER, (enum data)d, 1),
		    SEE_NONE);
		assert_int_equal(access_sees(ROLE_NONE, (enum data)d, 1),
		    SEE_NONE);
	}
	assert_int_equal(access_sees(ROLE_MANAGER, DATA__MAX, 0), SEE_NONE);
}

static void
a_masked_phone_keeps_three_and_four_digits(void **state)
{
	(void)state;
	assert_string_equal(access_phone(&a, SEE_MASKED, "13800000001"),
	    "138****0001");
	assert_string_equal(access_phone(&a, SEE_MASKED,
	    "13800000001 13912345678"), "138****0001 139****5678");
	assert_string_equal(access_phone(&a, SEE_MASKED, "1234567"),
	    "****");
	assert_string_equal(access_phone(&a, SEE_MASKED, ""), "");
	assert_string_equal(access_phone(&a, SEE_ALL, "13800000001"),
	    "13800000001");
	assert_string_equal(access_phone(&a, SEE_NONE, "13800000001"), "");
	assert_string_equal(access_phone(&a, SEE_SHARED, "13800000001"), "");
	assert_string_equal(access_phone(&a, SEE_ALL, NULL), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(engineering_sees_no_owner_data),
		cmocka_unit_test(customer_service_sees_contacts_not_case_files),
		cmocka_unit_test(a_collector_sees_their_households),
		cmocka_unit_test(a_collector_sees_only_their_own_performance),
		cmocka_unit_test(leads_and_managers_see_all_and_owners_none),
		cmocka_unit_test(a_masked_phone_keeps_three_and_four_digits),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("access", tests, setup, teardown);
}
