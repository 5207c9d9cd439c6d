/*
 * test_address.c - a premises as collectors type it into the ledger's
 * search (issue 8), and the natural order of premises labels.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "address.h"

/* What a typed text should read as: parts found, building, unit, room. */
struct want {
	const char	*typed;
	int		 parts;
	const char	*b, *u, *r;
};

static void
check_all(const struct want *w, size_t n)
{
	struct address	 a;
	size_t		 i;

	for (i = 0; i < n; i++) {
		assert_int_equal(address_parse(w[i].typed, &a), w[i].parts);
		assert_string_equal(a.building, w[i].b);
		assert_string_equal(a.unit, w[i].u);
		assert_string_equal(a.room, w[i].r);
	}
}

static void
refused(const char *s)
{
	struct address	 a;

	assert_int_equal(address_parse(s, &a), -1);
}

static void
marked_parts_are_read_as_marked(void **state)
{
	static const struct want w[] = {
		{ "3栋2单元301室", 3, "3", "2", "301" },
		{ "301室", 1, "", "", "301" },
		{ "2单元", 1, "", "2", "" },
		{ "3栋", 1, "3", "", "" },
		{ "3栋2单元", 2, "3", "2", "" },
		{ "3幢2单301", 3, "3", "2", "301" },
		{ "3号楼2单元301", 3, "3", "2", "301" },
		{ "3#301", 2, "3", "", "301" },
		{ " 3 栋 2 单元 301 室 ", 3, "3", "2", "301" },
		{ "商业街A05号", 2, "商业街", "", "A05" },
		{ "商业街 a05", 2, "商业街", "", "A05" },
	};

	(void)state;
	check_all(w, sizeof(w) / sizeof(w[0]));
}

static void
unmarked_parts_are_read_by_position(void **state)
{
	static const struct want w[] = {
		{ "3-2-301", 3, "3", "2", "301" },
		{ "3/2/301", 3, "3", "2", "301" },
		{ "3 2 301", 3, "3", "2", "301" },
		{ "3-301", 2, "3", "", "301" },
		{ "301", 1, "", "", "301" },
		{ "3栋301", 2, "3", "", "301" },
		{ "3栋2-301", 3, "3", "2", "301" },
		{ "2单元301", 2, "", "2", "301" },
		{ "3-2单元", 2, "3", "2", "" },
		{ "3-301室", 2, "3", "", "301" },
	};

	(void)state;
	check_all(w, sizeof(w) / sizeof(w[0]));
}

static void
full_width_reads_as_ascii(void **state)
{
	static const struct want w[] = {
		/* ３栋２单元３０１室 */
		{ "\xef\xbc\x93栋\xef\xbc\x92单元\xef\xbc\x93\xef\xbc\x90\xef\xbc\x91室",
		    3, "3", "2", "301" },
		/* ３－２－３０１ */
		{ "\xef\xbc\x93\xef\xbc\x8d\xef\xbc\x92\xef\xbc\x8d"
		    "\xef\xbc\x93\xef\xbc\x90\xef\xbc\x91", 3, "3", "2", "301" },
		/* ３＃３０１, with the wide blank */
		{ "\xe3\x80\x80\xef\xbc\x93\xef\xbc\x83\xef\xbc\x93\xef\xbc\x90"
		    "\xef\xbc\x91", 2, "3", "", "301" },
	};
	struct address	 a;

	(void)state;
	check_all(w, sizeof(w) / sizeof(w[0]));
	/* the building as typed, for an estate that names it so */
	assert_int_equal(address_parse("\xef\xbc\x93幢301", &a), 2);
	assert_string_equal(a.building, "3");
	assert_string_equal(a.building_typed, "\xef\xbc\x93幢");
	assert_int_equal(address_parse("3-2-301", &a), 3);
	assert_string_equal(a.building_typed, "");
}

static void
what_is_not_a_premises_is_refused(void **state)
{
	(void)state;
	refused("");
	refused("   ");
	refused(NULL);
	refused("3-2-301-5");		/* four parts */
	refused("3栋4栋");		/* a building twice */
	refused("301室3栋");		/* out of order */
	refused("栋");			/* a marker alone */
	refused("3楼");			/* a floor, not a building */
	refused("A05商业街");
	refused("3+2");
	refused("3.2");
	refused("3-2单元-301-1");
	refused("12345678901234567");	/* longer than a room */
	refused("\xff");
	refused("单元301");
}

static void
natural_order_reads_numbers_by_value(void **state)
{
	(void)state;
	assert_true(address_natcmp("2栋1单元101室", "10栋1单元101室") < 0);
	assert_true(address_natcmp("3栋2单元501室", "3栋2单元1201室") < 0);
	assert_true(address_natcmp("3栋2单元1201室", "3栋10单元101室") < 0);
	assert_true(address_natcmp("10栋", "9栋") > 0);
	assert_int_equal(address_natcmp("3栋301室", "3栋301室"), 0);
	assert_true(address_natcmp("3栋", "3栋1单元") < 0);
	assert_int_equal(address_natcmp("A05", "A5"), 0);
	assert_true(address_natcmp("A5", "A12") < 0);
	assert_true(address_natcmp("A12", "B01") < 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(marked_parts_are_read_as_marked),
		cmocka_unit_test(unmarked_parts_are_read_by_position),
		cmocka_unit_test(full_width_reads_as_ascii),
		cmocka_unit_test(what_is_not_a_premises_is_refused),
		cmocka_unit_test(natural_order_reads_numbers_by_value),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("address", tests, NULL, NULL);
}
