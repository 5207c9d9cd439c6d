/*
 * test_owner_display.c - what the owner pages lean on in the core (issue
 * 8): signed amounts shown as people read them, and a mobile number
 * typed the way people type it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "http.h"
#include "money.h"
#include "valid.h"

static void
display_puts_the_minus_before_the_yuan_sign(void **state)
{
	char	 buf[MONEY_FMT_MAX];

	(void)state;
	assert_string_equal(money_display(buf, 123450), "¥1,234.50");
	assert_string_equal(money_display(buf, 0), "¥0.00");
	/* U+2212 MINUS SIGN, never ¥-300.00 */
	assert_string_equal(money_display(buf, -30000), "\xe2\x88\x92¥300.00");
	assert_string_equal(money_display(buf, -5), "\xe2\x88\x92¥0.05");
	assert_string_equal(money_display(buf, INT64_MIN),
	    "\xe2\x88\x92¥92,233,720,368,547,758.08");
	assert_null(strstr(money_display(buf, -1), "-"));
}

static const struct field phone = {
	"phone", "手机号", V_PHONE, V_REQUIRED, 0, 0, NULL
};

/* The number a typed phone gives, or NULL when it is refused. */
static const char *
typed(struct req *r, const char *s)
{
	struct fval	 v;

	return valid_one(r, &phone, s, &v) == NULL ? v.s : NULL;
}

static void
phones_lose_spaces_dashes_and_the_country_code(void **state)
{
	struct req	 r;
	struct arena	 a;

	(void)state;
	memset(&r, 0, sizeof(r));
	arena_init(&a);
	r.a = &a;
	assert_string_equal(typed(&r, "13800000003"), "13800000003");
	assert_string_equal(typed(&r, "138 0000 0003"), "13800000003");
	assert_string_equal(typed(&r, "138-0000-0003"), "13800000003");
	assert_string_equal(typed(&r, " +86 138 0000 0003 "), "13800000003");
	assert_string_equal(typed(&r, "+86-13800000003"), "13800000003");
	assert_string_equal(typed(&r, "8613800000003"), "13800000003");
	assert_string_equal(typed(&r, "0086 13800000003"), "13800000003");
	/* full-width digits, plus, ideographic space and dash */
	assert_string_equal(typed(&r, "\xef\xbc\x8b" "86\xe3\x80\x80"
	    "\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98\xef\xbc\x8d"
	    "00000003"), "13800000003");
	/* what is not a mainland mobile number stays refused */
	assert_null(typed(&r, "138 0000 000"));
	assert_null(typed(&r, "+1 138 0000 0003"));
	assert_null(typed(&r, "+86 238 0000 0003"));
	assert_null(typed(&r, "138.0000.0003"));
	assert_null(typed(&r, "86 1380000000"));
	assert_null(typed(&r, "1380000000３1"));
	assert_null(typed(&r, "abc"));
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(display_puts_the_minus_before_the_yuan_sign),
		cmocka_unit_test(phones_lose_spaces_dashes_and_the_country_code),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("owner_display", tests, NULL, NULL);
}
