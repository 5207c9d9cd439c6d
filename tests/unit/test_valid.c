/*
 * test_valid.c - the shared field validators (valid.c) against what the
 * trial of issue 8 typed: a payer of ideographic spaces only, C1
 * controls and line separators in text, dates a century off.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "cal.h"
#include "http.h"
#include "valid.h"

static const struct field name = {
	"payer", "缴款人", V_TEXT, V_REQUIRED, 1, 50, NULL
};

#include "arena_fixture.h"

/* A request as valid_one() needs it: its arena, the fixture's. */
static struct req	 r = { .a = &a };

/* The text a field keeps, or NULL when it is refused. */
static const char *
kept(const char *s)
{
	struct fval	 v;

	return valid_one(&r, &name, s, &v) == NULL ? v.s : NULL;
}

static void
unicode_spaces_are_trimmed_and_required_applies(void **state)
{
	struct fval	 v;

	(void)state;
	/* U+3000 only: empty, so required */
	assert_string_equal(valid_one(&r, &name, "\xe3\x80\x80\xe3\x80\x80",
	    &v), "请填写缴款人");
	/* U+00A0, U+2003, U+202F, U+205F, U+1680 */
	assert_non_null(valid_one(&r, &name, "\xc2\xa0\xe2\x80\x83\xe2\x80\xaf"
	    "\xe2\x81\x9f\xe1\x9a\x80", &v));
	assert_string_equal(kept("\xe3\x80\x80张三\xc2\xa0"), "张三");
	assert_string_equal(kept(" \xe2\x80\x8a王 五\xe3\x80\x80 "), "王 五");
	/* a space inside stays */
	assert_string_equal(kept("欧阳\xe3\x80\x80娜娜"), "欧阳\xe3\x80\x80娜娜");
	assert_string_equal(kept("李四"), "李四");
}

static void
c1_controls_and_line_separators_are_refused(void **state)
{
	(void)state;
	assert_null(kept("张\xc2\x80三"));		/* U+0080 */
	assert_null(kept("张\xc2\x85三"));		/* U+0085 NEL */
	assert_null(kept("张\xc2\x9f三"));		/* U+009F */
	assert_null(kept("张\xe2\x80\xa8三"));	/* U+2028 */
	assert_null(kept("张\xe2\x80\xa9三"));	/* U+2029 */
	/* as before: bidi and zero-width */
	assert_null(kept("张\xe2\x80\xae三"));
	assert_null(kept("张\xe2\x80\x8b三"));
	/* U+00A0..: letters, not controls */
	assert_string_equal(kept("Zoë"), "Zoë");
	assert_string_equal(kept("\xc2\xa9张三"), "\xc2\xa9张三");
}

static void
a_date_is_held_to_its_range(void **state)
{
	static const struct field due = {
		"due", "承诺日期", V_DATE, V_REQUIRED, 0, 0, NULL
	};
	struct date	 lo = { 2026, 12, 1 }, hi = { 2027, 12, 1 };
	struct fval	 v;

	(void)state;
	valid_one(&r, &due, "2099-12-31", &v);
	assert_int_equal(valid_date_range(&r, &v, lo, hi, "不能早于 %s",
	    "不能晚于 %s"), 1);
	assert_string_equal(v.err, "不能晚于 2027年12月1日");
	valid_one(&r, &due, "1900-01-01", &v);
	assert_int_equal(valid_date_range(&r, &v, lo, hi, "不能早于 %s",
	    "不能晚于 %s"), 1);
	assert_string_equal(v.err, "不能早于 2026年12月1日");
	valid_one(&r, &due, "2027-12-01", &v);
	assert_int_equal(valid_date_range(&r, &v, lo, hi, "a %s", "b %s"), 0);
	assert_null(v.err);
	/* a field already in error keeps its message */
	valid_one(&r, &due, "2027-02-30", &v);
	assert_int_equal(valid_date_range(&r, &v, lo, hi, "a %s", "b %s"), 0);
	assert_non_null(strstr(v.err, "不是有效日期"));
}

/* An owner's trial (issue 10): the month count typed as １２ on a
 * full-width keyboard, and no channel chosen. */
static void
full_width_digits_are_an_integer(void **state)
{
	static const struct field months = {
		"months", "预存月数", V_INT, 0, 1, 24, NULL
	};
	struct fval	 v;

	(void)state;
	assert_null(valid_one(&r, &months, "\xef\xbc\x91\xef\xbc\x92", &v));
	assert_int_equal(v.i, 12);
	assert_string_equal(v.s, "12");
	assert_non_null(valid_one(&r, &months, "\xef\xbc\x91\xe4\xb8\xaa", &v));
	assert_non_null(valid_one(&r, &months, "\xef\xbc\x92\xef\xbc\x95", &v));
}

static void
a_required_choice_asks_to_choose(void **state)
{
	static const char *const ch[] = { "alipay", "wechat", NULL };
	static const struct field channel = {
		"channel", "支付方式", V_CHOICE, V_REQUIRED, 0, 0, ch
	};
	struct fval	 v;

	(void)state;
	assert_string_equal(valid_one(&r, &channel, "", &v), "请选择支付方式");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unicode_spaces_are_trimmed_and_required_applies),
		cmocka_unit_test(c1_controls_and_line_separators_are_refused),
		cmocka_unit_test(a_date_is_held_to_its_range),
		cmocka_unit_test(full_width_digits_are_an_integer),
		cmocka_unit_test(a_required_choice_asks_to_choose),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("valid", tests, setup, teardown);
}
