/*
 * test_csv.c - reading uploaded CSV as spreadsheets write it: the
 * encoding decided for the whole file (UTF-8 with or without a BOM, else
 * GBK / GB18030), and the padding Excel adds (rows of only commas, empty
 * columns on the right) ignored.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "csv.h"

#include "arena_fixture.h"

static void
utf8_files_are_taken_as_they_are_without_their_bom(void **state)
{
	enum csv_enc	 enc = CSV_GB18030;
	const char	*s;

	(void)state;
	s = "楼栋,房号\r\n3栋,301\r\n";
	s = csv_decode(&a, s, strlen(s), &enc);
	assert_non_null(s);
	assert_int_equal(enc, CSV_UTF8);
	assert_string_equal(s, "楼栋,房号\r\n3栋,301\r\n");

	enc = CSV_GB18030;
	s = "\xef\xbb\xbf" "3栋,301";
	s = csv_decode(&a, s, strlen(s), &enc);
	assert_int_equal(enc, CSV_UTF8);
	assert_string_equal(s, "3栋,301");
}

static void
gbk_and_gb18030_files_are_decoded_to_utf8(void **state)
{
	/* 楼栋,单元 / 3栋,1 as Chinese Excel saves it (GBK). */
	static const char gbk[] = "\xc2\xa5\xb6\xb0,\xb5\xa5\xd4\xaa\r\n"
	    "3\xb6\xb0,1\r\n";
	/* A four-byte GB18030 character (U+20000) after its own BOM. */
	static const char gb18030[] = "\x84\x31\x95\x33" "\x95\x32\x82\x36,1";
	enum csv_enc	 enc = CSV_UTF8;
	const char	*s;

	(void)state;
	s = csv_decode(&a, gbk, sizeof(gbk) - 1, &enc);
	assert_non_null(s);
	assert_int_equal(enc, CSV_GB18030);
	assert_string_equal(s, "楼栋,单元\r\n3栋,1\r\n");

	enc = CSV_UTF8;
	s = csv_decode(&a, gb18030, sizeof(gb18030) - 1, &enc);
	assert_int_equal(enc, CSV_GB18030);
	assert_string_equal(s, "\xf0\xa0\x80\x80,1");
}

static void
files_in_neither_encoding_are_refused(void **state)
{
	enum csv_enc	 enc;

	(void)state;
	/* 0x80 and 0xff are no character in either. */
	assert_null(csv_decode(&a, "3\xb6\xb0,\x80\xff", 6, &enc));
	/* A GBK lead byte cut off at the end of the file. */
	assert_null(csv_decode(&a, "3\xb6\xb0,\xb6", 5, &enc));
	/* NUL and other control bytes: a binary file, whatever it decodes to. */
	assert_null(csv_decode(&a, "a,b\0c", 5, &enc));
	assert_null(csv_decode(&a, "3\xb6\xb0,\x01", 5, &enc));
	assert_null(csv_decode(&a, "\x01,2", 3, &enc));
}

static void
rows_of_only_commas_are_skipped_with_line_numbers_kept(void **state)
{
	struct csv_row	*rows;
	const char	*err;
	int		 n;

	(void)state;
	n = csv_parse(&a, "h1,h2,h3\r\n,,\r\n1,2,3\r\n , ,\r\n\"\",\"\",\r\n"
	    ",,,,,\r\n4,,6\r\n,,\r\n", &rows, &err);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].line, 1);
	assert_int_equal(rows[1].line, 3);
	assert_string_equal(rows[1].f[2], "3");
	assert_int_equal(rows[2].line, 7);
	assert_int_equal(rows[2].n, 3);
	assert_string_equal(rows[2].f[1], "");
}

static void
lines_may_end_in_cr_alone(void **state)
{
	struct csv_row	*rows;
	const char	*err;
	int		 n;

	(void)state;
	n = csv_parse(&a, "h1,h2\r1,2\r\"a\rb\",3\r4,5", &rows, &err);
	assert_int_equal(n, 4);
	assert_string_equal(rows[1].f[1], "2");
	assert_string_equal(rows[2].f[0], "a\rb");
	assert_int_equal(rows[3].line, 5);
	assert_string_equal(rows[3].f[1], "5");
}

static void
empty_columns_beyond_the_expected_ones_are_dropped(void **state)
{
	struct csv_row	*rows;
	const char	*err;
	int		 n;

	(void)state;
	n = csv_parse(&a, "a,b,c,,\n1,2,3,, \n1,2,,\n1,2\n1,2,3,4,\n1,2,,,x\n",
	    &rows, &err);
	assert_int_equal(n, 6);
	csv_trim_columns(rows, (size_t)n, 3);
	assert_int_equal(rows[0].n, 3);
	assert_int_equal(rows[1].n, 3);
	/* An empty third column is still the third column. */
	assert_int_equal(rows[2].n, 3);
	assert_string_equal(rows[2].f[2], "");
	/* Too short, or something beyond the third: left for the caller. */
	assert_int_equal(rows[3].n, 2);
	assert_int_equal(rows[4].n, 4);
	assert_int_equal(rows[5].n, 5);
}

/* Exports: text that could be a formula is defused; numbers (money, a
 * score's tenths, negative ones too) go out bare. */
static void
numbers_go_out_bare_and_formulas_defused(void **state)
{
	struct buf	 b;

	(void)state;
	buf_init(&b, &a, 64);
	csv_begin(&b);
	csv_field(&b, "-1.2");
	csv_tenths(&b, -12);
	csv_tenths(&b, 34);
	csv_tenths(&b, 0);
	csv_tenths(&b, -5);
	csv_money(&b, -1234);
	csv_int(&b, -3);
	csv_end_row(&b);
	assert_string_equal(buf_str(&b),
	    "\xef\xbb\xbf\"'-1.2\",-1.2,3.4,0.0,-0.5,-12.34,-3\r\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_files_are_taken_as_they_are_without_their_bom),
		cmocka_unit_test(gbk_and_gb18030_files_are_decoded_to_utf8),
		cmocka_unit_test(files_in_neither_encoding_are_refused),
		cmocka_unit_test(rows_of_only_commas_are_skipped_with_line_numbers_kept),
		cmocka_unit_test(lines_may_end_in_cr_alone),
		cmocka_unit_test(empty_columns_beyond_the_expected_ones_are_dropped),
		cmocka_unit_test(numbers_go_out_bare_and_formulas_defused),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("csv", tests, setup, teardown);
}
