/*
 * test_alloc.c - how a payment spreads over open bills; CSV in and out;
 * masking on the public verification page.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "alloc.h"
#include "arena.h"
#include "csv.h"
#include "receipt.h"

#include "arena_fixture.h"

static void
pays_oldest_first_and_leaves_a_part(void **state)
{
	struct alloc_bill b[3] = { { 1, 10000, 0 }, { 2, 10000, 0 },
	    { 3, 10000, 0 } };
	int64_t	 out[3];

	(void)state;
	assert_int_equal(alloc_plan(b, 3, 15000, out), 0);
	assert_int_equal(out[0], 10000);
	assert_int_equal(out[1], 5000);
	assert_int_equal(out[2], 0);
}

static void
money_beyond_the_bills_is_prepaid(void **state)
{
	struct alloc_bill b[2] = { { 1, 10000, 0 }, { 2, 2500, 0 } };
	int64_t	 out[2];

	(void)state;
	assert_int_equal(alloc_plan(b, 2, 20000, out), 7500);
	assert_int_equal(out[0], 10000);
	assert_int_equal(out[1], 2500);
	/* no bills at all: everything is prepaid */
	assert_int_equal(alloc_plan(b, 0, 300, out), 300);
}

static void
named_bills_first_then_the_others_oldest_first(void **state)
{
	struct alloc_bill b[3] = { { 1, 10000, 0 }, { 2, 10000, 1 },
	    { 3, 10000, 1 } };
	int64_t	 out[3];

	(void)state;
	assert_int_equal(alloc_plan(b, 3, 12000, out), 0);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 10000);
	assert_int_equal(out[2], 2000);
	/*
	 * More than the named bills: the rest pays the older bill that was
	 * not named before anything is prepaid (issue 7, kind 4).
	 */
	assert_int_equal(alloc_plan(b, 3, 25000, out), 0);
	assert_int_equal(out[0], 5000);
	assert_int_equal(out[1], 10000);
	assert_int_equal(out[2], 10000);
	/* A newer bill named, 300 yuan over: the older one takes it. */
	b[1].named = 0;
	assert_int_equal(alloc_plan(b, 3, 40000, out), 10000);
	assert_int_equal(out[0], 10000);
	assert_int_equal(out[1], 10000);
	assert_int_equal(out[2], 10000);
}

static void
a_partly_paid_bill_takes_only_what_it_still_owes(void **state)
{
	struct alloc_bill b[2] = { { 1, 333, 0 }, { 2, 10000, 0 } };
	int64_t	 out[2];

	(void)state;
	assert_int_equal(alloc_plan(b, 2, 1000, out), 0);
	assert_int_equal(out[0], 333);
	assert_int_equal(out[1], 667);
	assert_int_equal(alloc_plan(b, 2, 0, out), 0);
	assert_int_equal(out[0] + out[1], 0);
}

static void
csv_export_quotes_and_defuses_formulas(void **state)
{
	struct buf	 b;

	(void)state;
	buf_init(&b, &a, 64);
	csv_begin(&b);
	csv_field(&b, "张三");
	csv_field(&b, "a,b");
	csv_field(&b, "say \"hi\"");
	csv_field(&b, "=HYPERLINK(\"x\")");
	csv_money(&b, -123456);
	csv_end_row(&b);
	assert_string_equal(buf_str(&b), "\xef\xbb\xbf" "张三,\"a,b\","
	    "\"say \"\"hi\"\"\",\"'=HYPERLINK(\"\"x\"\")\",-1234.56\r\n");
}

static void
csv_import_reads_lines_quotes_and_blank_lines(void **state)
{
	struct csv_row	*rows;
	const char	*err;
	int		 n;

	(void)state;
	n = csv_parse(&a, "\xef\xbb\xbf" "h1,h2\r\n1,\"x,\"\"y\"\"\"\r\n\r\n"
	    "3,\"two\nlines\"\n4,\n", &rows, &err);
	assert_int_equal(n, 4);
	assert_int_equal(rows[1].n, 2);
	assert_string_equal(rows[1].f[1], "x,\"y\"");
	assert_int_equal(rows[2].line, 4);
	assert_string_equal(rows[2].f[1], "two\nlines");
	assert_int_equal(rows[3].line, 6);
	assert_int_equal(rows[3].n, 2);
	assert_string_equal(rows[3].f[1], "");

	n = csv_parse(&a, "a,b\n\"open,c\n", &rows, &err);
	assert_int_equal(n, -1);
	assert_string_equal(err, "第 2 行：引号没有闭合");
}

static void
verification_page_masks_payer_and_premises(void **state)
{
	(void)state;
	assert_string_equal(receipt_mask_name(&a, "张三"), "张*");
	assert_string_equal(receipt_mask_name(&a, "欧阳娜娜"), "欧***");
	assert_string_equal(receipt_mask_name(&a, "王"), "王*");
	assert_string_equal(receipt_mask_premises(&a, "3栋", "occupied"),
	    "3栋**室");
	assert_string_equal(receipt_mask_premises(&a, "商业街", "shop"),
	    "商业街**号");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pays_oldest_first_and_leaves_a_part),
		cmocka_unit_test(money_beyond_the_bills_is_prepaid),
		cmocka_unit_test(named_bills_first_then_the_others_oldest_first),
		cmocka_unit_test(a_partly_paid_bill_takes_only_what_it_still_owes),
		cmocka_unit_test(csv_export_quotes_and_defuses_formulas),
		cmocka_unit_test(csv_import_reads_lines_quotes_and_blank_lines),
		cmocka_unit_test(verification_page_masks_payer_and_premises),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("alloc", tests, setup, teardown);
}
