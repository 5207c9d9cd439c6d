/*
 * test_redirect.c - redirect_ok(), the one check on a redirect target
 * taken from input: every trick a browser would follow off the site (or
 * out of the program) is refused; plain paths of the site pass.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "redirect.h"

#include "arena_fixture.h"

static int
ok(const char *target, const char *under)
{
	return redirect_ok(&a, target, under);
}

static void
plain_paths_of_the_site_pass(void **state)
{
	(void)state;
	assert_true(ok("/", ""));
	assert_true(ok("/payments", ""));
	assert_true(ok("/premises/12/bills?status=unpaid", ""));
	assert_true(ok("/staff", "/staff"));
	assert_true(ok("/staff/households?building=3&page=2", "/staff"));
	assert_true(ok("/staff/arrears?estate=1&tier=red", "/staff/arrears"));
	assert_true(ok("/staff/arrears/elders?estate=1", "/staff/arrears"));
	/* A filter encoded once, as the login redirect carries it. */
	assert_true(ok("/staff/households?owner=%E5%BC%A0", "/staff"));
	assert_true(ok("/staff/households?owner=%E5%BC%A0+%E4%B8%89",
	    "/staff"));
}

static void
missing_or_empty_is_refused(void **state)
{
	(void)state;
	assert_false(ok(NULL, ""));
	assert_false(ok("", ""));
}

static void
control_characters_and_whitespace_are_refused(void **state)
{
	(void)state;
	assert_false(ok("/\t/evil.example/x", ""));	/* the case */
	assert_false(ok("/\r\n/evil.example", ""));
	assert_false(ok("/\r/evil.example", ""));
	assert_false(ok("/\n/evil.example", ""));
	assert_false(ok("/ /evil.example", ""));
	assert_false(ok(" /evil.example", ""));
	assert_false(ok("/x\x01", ""));
	assert_false(ok("/x\x7f", ""));
	assert_false(ok("/staff/\t/evil.example", "/staff"));
}

static void
encoded_control_characters_and_whitespace_are_refused(void **state)
{
	(void)state;
	assert_false(ok("/%09/evil.example/x", ""));
	assert_false(ok("%2F%09%2Fevil.example%2Fx", ""));
	assert_false(ok("/%0d%0a/evil.example", ""));
	assert_false(ok("/%0D%0ALocation:%20x", ""));
	assert_false(ok("/%20/evil.example", ""));
	assert_false(ok("/%00evil.example", ""));	/* encoded NUL */
	assert_false(ok("/%2500", ""));		/* NUL, encoded twice */
	assert_false(ok("/%C2%85x", ""));		/* C1 control NEL */
	assert_false(ok("/%C2%A0x", ""));		/* no-break space */
	assert_false(ok("/%E3%80%80x", ""));		/* ideographic space */
	assert_false(ok("/%E2%80%A8x", ""));		/* line separator */
	assert_false(ok("/%EF%BB%BFx", ""));		/* BOM */
	assert_false(ok("/staff/households?q=a%20b", "/staff"));
}

static void
backslashes_are_refused(void **state)
{
	(void)state;
	assert_false(ok("\\\\evil.example", ""));
	assert_false(ok("/\\evil.example", ""));
	assert_false(ok("\\/evil.example", ""));
	assert_false(ok("/x\\y", ""));
	assert_false(ok("/%5Cevil.example", ""));
	assert_false(ok("/%5cevil.example", ""));
	assert_false(ok("/staff/\\evil.example", "/staff"));
}

static void
double_slashes_are_refused_in_every_layer(void **state)
{
	(void)state;
	assert_false(ok("//evil.example/", ""));
	assert_false(ok("///evil.example/", ""));
	assert_false(ok("/%2Fevil.example", ""));
	assert_false(ok("%2F%2Fevil.example", ""));
	assert_false(ok("/%2f%2fevil.example", ""));
	assert_false(ok("/%252F%252Fevil.example", ""));	/* twice */
	assert_false(ok("/%25252F%25252Fevil.example", ""));	/* three times */
	assert_false(ok("/x?next=//evil.example", ""));
	assert_false(ok("/staff//evil.example", "/staff"));
	assert_false(ok("/staff/%2F%2Fevil.example", "/staff"));
}

static void
schemes_are_refused(void **state)
{
	(void)state;
	assert_false(ok("javascript:alert(1)", ""));
	assert_false(ok("JavaScript:alert(1)", ""));
	assert_false(ok("http://evil.example/", ""));
	assert_false(ok("https://evil.example/", ""));
	assert_false(ok("http:evil.example", ""));
	assert_false(ok("data:text/html,x", ""));
	assert_false(ok("%6Aavascript:alert(1)", ""));
	assert_false(ok("evil.example", ""));
}

static void
too_many_layers_or_bad_escapes_are_refused(void **state)
{
	(void)state;
	/* "A" under five layers: more than are looked through. */
	assert_false(ok("/a%2525252541", ""));
	assert_true(ok("/a%25252541", ""));		/* four layers pass */
	assert_false(ok("/%zz", ""));
	assert_false(ok("/%4", ""));
	assert_false(ok("/x%", ""));
	assert_false(ok("/%25", ""));			/* "%" alone, after */
}

static void
very_long_targets_are_refused(void **state)
{
	char	 buf[REDIRECT_MAX + 2];

	(void)state;
	memset(buf, 'a', sizeof(buf) - 1);
	buf[0] = '/';
	buf[REDIRECT_MAX] = '\0';
	assert_true(ok(buf, ""));			/* exactly the limit */
	buf[REDIRECT_MAX] = 'a';
	buf[REDIRECT_MAX + 1] = '\0';
	assert_false(ok(buf, ""));
}

static void
non_ascii_and_non_utf8_are_refused(void **state)
{
	(void)state;
	assert_false(ok("/\xff", ""));			/* raw, not UTF-8 */
	assert_false(ok("/\xe5\xbc\xa0", ""));		/* raw UTF-8: encode it */
	assert_false(ok("/%FF%FE", ""));
	assert_false(ok("/%C0%AF", ""));			/* overlong "/" */
	assert_false(ok("/%E5%BC", ""));			/* cut short */
	assert_false(ok("/%ED%A0%80", ""));		/* surrogate */
}

static void
dot_segments_are_refused(void **state)
{
	(void)state;
	assert_false(ok("/./evil", ""));
	assert_false(ok("/staff/../evil", "/staff"));
	assert_false(ok("/staff/..", "/staff"));
	assert_false(ok("/staff/%2E%2E/evil", "/staff"));
	assert_false(ok("/staff/arrears/../kpi", "/staff/arrears"));
	assert_true(ok("/staff/receipts/7.pdf", "/staff"));
	assert_true(ok("/staff/x..y", "/staff"));
}

static void
targets_stay_under_the_program_prefix(void **state)
{
	(void)state;
	assert_false(ok("/", "/staff"));
	assert_false(ok("/payments", "/staff"));
	assert_false(ok("/staffevil", "/staff"));
	assert_false(ok("/staff.evil", "/staff"));
	assert_false(ok("/sta%66f/x", "/staff"));
	assert_false(ok("/staff/kpi", "/staff/arrears"));
	assert_false(ok("/staff/arrears.csv", "/staff/arrears"));
	assert_true(ok("/staff?x=1", "/staff"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_paths_of_the_site_pass),
		cmocka_unit_test(missing_or_empty_is_refused),
		cmocka_unit_test(control_characters_and_whitespace_are_refused),
		cmocka_unit_test(
		    encoded_control_characters_and_whitespace_are_refused),
		cmocka_unit_test(backslashes_are_refused),
		cmocka_unit_test(double_slashes_are_refused_in_every_layer),
		cmocka_unit_test(schemes_are_refused),
		cmocka_unit_test(too_many_layers_or_bad_escapes_are_refused),
		cmocka_unit_test(very_long_targets_are_refused),
		cmocka_unit_test(non_ascii_and_non_utf8_are_refused),
		cmocka_unit_test(dot_segments_are_refused),
		cmocka_unit_test(targets_stay_under_the_program_prefix),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("redirect", tests, setup, teardown);
}
