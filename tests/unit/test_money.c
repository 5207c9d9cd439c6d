/*
 * test_money.c - fen parsing, formatting and capital numerals.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "money.h"

static void
parse_accepts_plain_amounts(void **state)
{
	int64_t	 f;

	(void)state;
	assert_int_equal(money_parse("1234.50", &f), MONEY_OK);
	assert_int_equal(f, 123450);
	assert_int_equal(money_parse("1234.5", &f), MONEY_OK);
	assert_int_equal(f, 123450);
	assert_int_equal(money_parse("1234", &f), MONEY_OK);
	assert_int_equal(f, 123400);
	assert_int_equal(money_parse("0.05", &f), MONEY_OK);
	assert_int_equal(f, 5);
	assert_int_equal(money_parse(" 7.00 ", &f), MONEY_OK);
	assert_int_equal(f, 700);
	assert_int_equal(money_parse("0", &f), MONEY_OK);
	assert_int_equal(f, 0);
	assert_int_equal(money_parse("999999999999.99", &f), MONEY_OK);
	assert_int_equal(f, MONEY_MAX);
}

static void
parse_refuses_what_is_not_an_amount(void **state)
{
	int64_t	 f = 42;

	(void)state;
	assert_int_equal(money_parse("12.345", &f), MONEY_DECIMALS);
	assert_int_equal(money_parse("-1", &f), MONEY_NEGATIVE);
	assert_int_equal(money_parse("1e3", &f), MONEY_SYNTAX);
	assert_int_equal(money_parse("", &f), MONEY_EMPTY);
	assert_int_equal(money_parse("   ", &f), MONEY_EMPTY);
	assert_int_equal(money_parse(NULL, &f), MONEY_EMPTY);
	assert_int_equal(money_parse("12.", &f), MONEY_SYNTAX);
	assert_int_equal(money_parse(".5", &f), MONEY_SYNTAX);
	assert_int_equal(money_parse("+5", &f), MONEY_SYNTAX);
	assert_int_equal(money_parse("0x10", &f), MONEY_SYNTAX);
	assert_int_equal(money_parse("1 2", &f), MONEY_SYNTAX);
	assert_int_equal(money_parse("1000000000000.00", &f), MONEY_RANGE);
	assert_int_equal(money_parse("99999999999999999999999", &f), MONEY_RANGE);
	assert_int_equal(f, 42);	/* untouched on error */
}

/* Full-width forms as a Chinese input method types them: １ ， ． and the wide blank. */
#define FW_1	"\xef\xbc\x91"
#define FW_0	"\xef\xbc\x90"
#define FW_5	"\xef\xbc\x95"
#define FW_COMMA "\xef\xbc\x8c"
#define FW_POINT "\xef\xbc\x8e"
#define FW_MINUS "\xef\xbc\x8d"
#define FW_SPACE "\xe3\x80\x80"

static void
parse_accepts_full_width_and_thousands_commas(void **state)
{
	int64_t	 f;

	(void)state;
	assert_int_equal(money_parse(FW_1 FW_0 FW_0, &f), MONEY_OK);
	assert_int_equal(f, 10000);
	assert_int_equal(money_parse("1,000.50", &f), MONEY_OK);
	assert_int_equal(f, 100050);
	assert_int_equal(money_parse(FW_1 FW_COMMA FW_0 FW_0 FW_0 FW_POINT
	    FW_5 FW_0, &f), MONEY_OK);
	assert_int_equal(f, 100050);
	assert_int_equal(money_parse("12,345,678.09", &f), MONEY_OK);
	assert_int_equal(f, 1234567809);
	assert_int_equal(money_parse("999,999,999,999.99", &f), MONEY_OK);
	assert_int_equal(f, MONEY_MAX);
	assert_int_equal(money_parse(FW_SPACE "1" FW_COMMA "000" FW_SPACE, &f),
	    MONEY_OK);
	assert_int_equal(f, 100000);
	/* mixed widths are still one number */
	assert_int_equal(money_parse("1" FW_0 "." FW_5, &f), MONEY_OK);
	assert_int_equal(f, 1050);
	assert_int_equal(money_parse("100", &f), MONEY_OK);
	assert_int_equal(f, 10000);
}

static void
parse_says_what_it_refuses(void **state)
{
	int64_t	 f = 42;

	(void)state;
	/* commas out of place */
	assert_int_equal(money_parse("1,00", &f), MONEY_GROUPING);
	assert_int_equal(money_parse("10,00.50", &f), MONEY_GROUPING);
	assert_int_equal(money_parse("1,0000", &f), MONEY_GROUPING);
	assert_int_equal(money_parse("1000,000", &f), MONEY_GROUPING);
	assert_int_equal(money_parse(",100", &f), MONEY_GROUPING);
	assert_int_equal(money_parse("1,,000", &f), MONEY_GROUPING);
	assert_int_equal(money_parse("1,000,", &f), MONEY_GROUPING);
	assert_int_equal(money_parse("1,", &f), MONEY_GROUPING);
	/* a sign, full-width too */
	assert_int_equal(money_parse(" -5", &f), MONEY_NEGATIVE);
	assert_int_equal(money_parse(FW_MINUS "5", &f), MONEY_NEGATIVE);
	/* money typed with its unit */
	assert_int_equal(money_parse("100元", &f), MONEY_CURRENCY);
	assert_int_equal(money_parse("¥100", &f), MONEY_CURRENCY);
	assert_int_equal(money_parse("\xef\xbf\xa5" "100", &f), MONEY_CURRENCY);
	assert_int_equal(money_parse("100块", &f), MONEY_CURRENCY);
	/* other characters, decimals, size */
	assert_int_equal(money_parse("一百", &f), MONEY_SYNTAX);
	assert_int_equal(money_parse("1" FW_POINT "234", &f), MONEY_DECIMALS);
	assert_int_equal(money_parse("1,000.505", &f), MONEY_DECIMALS);
	assert_int_equal(money_parse("1,000,000,000,000", &f), MONEY_RANGE);
	assert_int_equal(money_parse("1.2.3", &f), MONEY_SYNTAX);
	assert_int_equal(money_parse("\xff\xfe", &f), MONEY_SYNTAX);
	assert_int_equal(money_parse("1\xe4", &f), MONEY_SYNTAX);
	assert_int_equal(f, 42);	/* untouched on error */
}

static void
messages_never_name_the_field(void **state)
{
	enum money_err	 e;

	(void)state;
	for (e = MONEY_SYNTAX; e <= MONEY_CURRENCY; e++) {
		assert_null(strstr(money_strerror(e), "金额"));
		assert_true(strlen(money_strerror(e)) > 6);
	}
}

static void
fmt_groups_thousands(void **state)
{
	char	 b[MONEY_FMT_MAX];

	(void)state;
	assert_string_equal(money_fmt(b, 123450), "1,234.50");
	assert_string_equal(money_fmt(b, 5), "0.05");
	assert_string_equal(money_fmt(b, 0), "0.00");
	assert_string_equal(money_fmt(b, -123456789), "-1,234,567.89");
	assert_string_equal(money_fmt(b, 100000), "1,000.00");
	assert_string_equal(money_fmt(b, MONEY_MAX), "999,999,999,999.99");
	assert_string_equal(money_fmt_plain(b, 123450), "1234.50");
	assert_string_equal(money_fmt(b, INT64_MIN),
	    "-92,233,720,368,547,758.08");
}

static void
check_capital(int64_t fen, const char *want)
{
	char	 b[MONEY_CAPITAL_MAX];

	assert_int_equal(money_capital(b, sizeof(b), fen), 0);
	assert_string_equal(b, want);
}

static void
capital_follows_pboc_examples(void **state)
{
	(void)state;
	check_capital(123450, "人民币壹仟贰佰叁拾肆元伍角整");
	check_capital(140950, "人民币壹仟肆佰零玖元伍角整");
	check_capital(600714, "人民币陆仟零柒元壹角肆分");
	check_capital(1640902, "人民币壹万陆仟肆佰零玖元零贰分");
	check_capital(10000000000, "人民币壹亿元整");
}

static void
capital_edges(void **state)
{
	(void)state;
	check_capital(5, "人民币伍分");
	check_capital(50, "人民币伍角整");
	check_capital(55, "人民币伍角伍分");
	check_capital(0, "人民币零元整");
	check_capital(1000, "人民币壹拾元整");
	check_capital(1500, "人民币壹拾伍元整");
	check_capital(10001000, "人民币壹拾万零壹拾元整");
	check_capital(100000001, "人民币壹佰万元零壹分");
	check_capital(100, "人民币壹元整");
	check_capital(101, "人民币壹元零壹分");
	check_capital(110, "人民币壹元壹角整");
	check_capital(168032, "人民币壹仟陆佰捌拾元零叁角贰分");
	check_capital(10700053, "人民币壹拾万零柒仟元零伍角叁分");
	check_capital(1000000, "人民币壹万元整");
	check_capital(10000100000, "人民币壹亿零壹仟元整");
	check_capital(10001000000, "人民币壹亿零壹万元整");
	check_capital(32504, "人民币叁佰贰拾伍元零肆分");
	check_capital(MONEY_MAX,
	    "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分");
}

static void
capital_refuses_out_of_range(void **state)
{
	char	 b[MONEY_CAPITAL_MAX];

	(void)state;
	assert_int_equal(money_capital(b, sizeof(b), -1), -1);
	assert_int_equal(money_capital(b, sizeof(b), MONEY_MAX + 1), -1);
	assert_int_equal(money_capital(b, 10, 100), -1);
}

static void
muldiv_rounds_half_away_from_zero(void **state)
{
	(void)state;
	/* 6.50 yuan per m2 on 96.15 m2 = 624.975 -> 624.98 */
	assert_int_equal(money_muldiv(650, 9615, 100), 62498);
	assert_int_equal(money_muldiv(1, 1, 2), 1);
	assert_int_equal(money_muldiv(-1, 1, 2), -1);
	assert_int_equal(money_muldiv(1, 1, 3), 0);
	assert_int_equal(money_muldiv(2, 1, 3), 1);
	assert_int_equal(money_muldiv(INT64_C(99999999999999), 100, 100),
	    INT64_C(99999999999999));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_accepts_plain_amounts),
		cmocka_unit_test(parse_refuses_what_is_not_an_amount),
		cmocka_unit_test(parse_accepts_full_width_and_thousands_commas),
		cmocka_unit_test(parse_says_what_it_refuses),
		cmocka_unit_test(messages_never_name_the_field),
		cmocka_unit_test(fmt_groups_thousands),
		cmocka_unit_test(capital_follows_pboc_examples),
		cmocka_unit_test(capital_edges),
		cmocka_unit_test(capital_refuses_out_of_range),
		cmocka_unit_test(muldiv_rounds_half_away_from_zero),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
