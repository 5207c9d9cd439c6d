/*
 * test_codes.c - stored codes compared whole (issue 7, kind 1), and the
 * periods a billing run must make (issue 7, kind 3).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arrears.h"
#include "billing.h"
#include "channel.h"
#include "codes.h"
#include "occupancy.h"
#include "role.h"

static void
paid_and_partial_are_two_codes(void **state)
{
	(void)state;
	assert_int_equal(bill_status_parse("paid"), BILL_PAID);
	assert_int_equal(bill_status_parse("partial"), BILL_PARTIAL);
	assert_int_equal(bill_status_parse("unpaid"), BILL_UNPAID);
	assert_int_equal(bill_status_parse("waived"), BILL_WAIVED);
	assert_false(bill_status_open(BILL_PAID));
	assert_false(bill_status_open(BILL_WAIVED));
	assert_true(bill_status_open(BILL_PARTIAL));
	assert_true(bill_status_open(BILL_UNPAID));
	/* Prefixes, first letters and look-alikes are not codes. */
	assert_int_equal(bill_status_parse("p"), BILL_STATUS__MAX);
	assert_int_equal(bill_status_parse("pai"), BILL_STATUS__MAX);
	assert_int_equal(bill_status_parse("paid "), BILL_STATUS__MAX);
	assert_int_equal(bill_status_parse("Paid"), BILL_STATUS__MAX);
	assert_int_equal(bill_status_parse(""), BILL_STATUS__MAX);
	assert_int_equal(bill_status_parse(NULL), BILL_STATUS__MAX);
	assert_false(bill_status_open(bill_status_parse("pending")));
}

static void
other_code_lists_compare_whole(void **state)
{
	(void)state;
	assert_int_equal(alloc_source_parse("prepaid"), ALLOC_PREPAID);
	assert_int_equal(alloc_source_parse("payment"), ALLOC_PAYMENT);
	assert_int_equal(alloc_source_parse("reversal"), ALLOC_REVERSAL);
	assert_int_equal(alloc_source_parse("pre"), ALLOC_SOURCE__MAX);
	assert_int_equal(credit_status_parse("pending"), CREDIT_PENDING);
	assert_int_equal(credit_status_parse("approved"), CREDIT_APPROVED);
	assert_int_equal(credit_status_parse("a"), CREDIT_STATUS__MAX);
	assert_int_equal(actor_kind_parse("system"), ACTOR_SYSTEM);
	assert_int_equal(actor_kind_parse("staff"), ACTOR_STAFF);
	assert_int_equal(actor_kind_parse("sys"), ACTOR_KIND__MAX);
	assert_int_equal(reading_source_parse("csv"), READING_CSV);
	assert_int_equal(reading_source_parse("c"), READING_SOURCE__MAX);
}

#define YM(y, m)	((int64_t)(y) * 12 + (m) - 1)

/* channel.h, occupancy.h, role.h, the tiers: codes compared whole, each
 * with its words, the staff channels those a collector records. */
static void
the_fixed_lists_parse_whole_codes(void **state)
{
	size_t	 i;
	int	 staff = 0;

	(void)state;
	for (i = 0; i < CHANNEL__MAX; i++) {
		assert_int_equal(channel_parse(channel_codes[i]), i);
		assert_non_null(channel_labels[i]);
		staff += channel_staff(i);
	}
	assert_null(channel_codes[CHANNEL__MAX]);
	assert_int_equal(staff, 3);
	assert_true(channel_staff(channel_parse("pos_door")));
	assert_false(channel_staff(channel_parse("wechat")));
	assert_int_equal(channel_parse("pos"), CHANNEL__MAX);
	assert_int_equal(channel_parse("cash "), CHANNEL__MAX);
	assert_int_equal(channel_parse(NULL), CHANNEL__MAX);
	assert_false(channel_listed(CHANNEL_PREPAID));
	assert_true(channel_listed(CHANNEL_SERVICE_CREDIT));

	for (i = 0; i < OCCUPANCY__MAX; i++)
		assert_int_equal(occupancy_parse(occupancy_codes[i]), i);
	assert_null(occupancy_codes[OCCUPANCY__MAX]);
	assert_int_equal(occupancy_parse("sho"), OCCUPANCY__MAX);
	assert_string_equal(occupancy_labels[OCC_SHOP], "商铺");

	for (i = 0; i < STAFF_ROLES; i++)
		assert_int_equal(role_parse(staff_role_codes[i]),
		    staff_role_bits[i]);
	assert_int_equal(role_parse("manage"), ROLE_NONE);
	assert_int_equal(role_parse("owner"), ROLE_NONE);
	assert_string_equal(role_label("team_lead"), "收费组组长");

	for (i = TIER_GREEN; i < TIER__MAX; i++)
		assert_int_equal(tier_parse(tier_codes[i]), i);
	assert_int_equal(tier_parse(""), TIER_NONE);
	assert_int_equal(tier_parse("re"), TIER_NONE);
	assert_string_equal(tier_label(TIER_RED), "红色");
}

static void
a_first_run_bills_its_own_month_only(void **state)
{
	int			 cycle[OCCUPANCY__MAX] = { 1, 1, 3 };
	struct billing_period	 out[16];
	size_t			 n;

	(void)state;
	n = billing_due_periods(cycle, NULL, 0, YM(2026, 11), out, 16);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].month, YM(2026, 11));
	assert_int_equal(out[0].occ_mask, 0x3);	/* homes; shops wait */
}

static void
a_shop_quarter_left_unbilled_is_caught_up(void **state)
{
	/* Homes billed through November; shops through Q3. */
	struct billing_mark	 marks[] = {
		{ YM(2026, 9), 0 }, { YM(2026, 10), 0 }, { YM(2026, 11), 0 },
		{ YM(2026, 9), 1 }, { YM(2026, 10), 1 }, { YM(2026, 11), 1 },
		{ YM(2026, 7), 2 },
	};
	int			 cycle[OCCUPANCY__MAX] = { 1, 1, 3 };
	struct billing_period	 out[16];
	size_t			 n;

	(void)state;
	/* A December run makes December and the shops' fourth quarter. */
	n = billing_due_periods(cycle, marks, 7, YM(2026, 12), out, 16);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].month, YM(2026, 10));
	assert_int_equal(out[0].occ_mask, 0x4);
	assert_int_equal(out[1].month, YM(2026, 12));
	assert_int_equal(out[1].occ_mask, 0x3);
	/* A January run: December, Q4 and Q1, oldest first. */
	n = billing_due_periods(cycle, marks, 7, YM(2027, 1), out, 16);
	assert_int_equal(n, 3);
	assert_int_equal(out[0].month, YM(2026, 10));
	assert_int_equal(out[1].month, YM(2026, 12));
	assert_int_equal(out[1].occ_mask, 0x3);
	assert_int_equal(out[2].month, YM(2027, 1));
	assert_int_equal(out[2].occ_mask, 0x7);
}

static void
a_skipped_month_is_caught_up_and_a_billed_one_is_not(void **state)
{
	struct billing_mark	 marks[] = {
		{ YM(2025, 1), 0 }, { YM(2025, 3), 0 },
	};
	int			 cycle[OCCUPANCY__MAX] = { 1, 0, 0 };
	struct billing_period	 out[16];
	size_t			 n;

	(void)state;
	n = billing_due_periods(cycle, marks, 2, YM(2025, 4), out, 16);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].month, YM(2025, 2));
	assert_int_equal(out[1].month, YM(2025, 4));
	/* Its own month again, though billed: makes only what is missing. */
	n = billing_due_periods(cycle, marks, 2, YM(2025, 3), out, 16);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].month, YM(2025, 2));
	assert_int_equal(out[1].month, YM(2025, 3));
	/* More periods than room: the oldest go first, the rest wait. */
	n = billing_due_periods(cycle, marks, 2, YM(2026, 12), out, 3);
	assert_int_equal(n, 3);
	assert_int_equal(out[0].month, YM(2025, 2));
	assert_int_equal(out[2].month, YM(2025, 5));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paid_and_partial_are_two_codes),
		cmocka_unit_test(other_code_lists_compare_whole),
		cmocka_unit_test(the_fixed_lists_parse_whole_codes),
		cmocka_unit_test(a_first_run_bills_its_own_month_only),
		cmocka_unit_test(a_shop_quarter_left_unbilled_is_caught_up),
		cmocka_unit_test(
		    a_skipped_month_is_caught_up_and_a_billed_one_is_not),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("codes", tests, NULL, NULL);
}
