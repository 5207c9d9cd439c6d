/*
 * test_http.c - request parsing under limits, and field validators.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "http.h"
#include "money.h"
#include "valid.h"

#include "arena_fixture.h"
#include "width.h"

static void
urldecode_handles_escapes_and_refuses_bad_ones(void **state)
{
	size_t	 n;
	char	*s;

	(void)state;
	s = form_decode(&a, "a%20b+c", 7, 1, &n);
	assert_string_equal(s, "a b c");
	s = form_decode(&a, "a+b", 3, 0, &n);
	assert_string_equal(s, "a+b");
	s = form_decode(&a, "%E5%BC%A0", 9, 1, &n);
	assert_string_equal(s, "张");
	assert_null(form_decode(&a, "%zz", 3, 1, &n));
	assert_null(form_decode(&a, "%4", 2, 1, &n));
	assert_null(form_decode(&a, "abc%", 4, 1, &n));
}

static void
utf8_check_refuses_broken_and_control_bytes(void **state)
{
	(void)state;
	assert_true(utf8_text_ok("张三 ok\r\n\t", strlen("张三 ok\r\n\t")));
	assert_false(utf8_text_ok("\xff", 1));
	assert_false(utf8_text_ok("\xe5\xbc", 2));		/* truncated */
	assert_false(utf8_text_ok("\xc0\xaf", 2));		/* overlong */
	assert_false(utf8_text_ok("\xed\xa0\x80", 3));		/* surrogate */
	assert_false(utf8_text_ok("a\0b", 3));
	assert_false(utf8_text_ok("\x01", 1));
	assert_false(utf8_text_ok("\x7f", 1));
}

static void
urlencoded_form_parses_and_limits(void **state)
{
	struct kvlist	 l = { NULL, 0 };
	char		 big[HTTP_FIELDS_MAX * 4 + 16], *p = big;
	int		 i;

	(void)state;
	assert_int_equal(form_parse(&a, "a=1&b=%E4%BD%A0&c&&d=x+y",
	    24, &l), 0);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[1].val, "你");
	assert_string_equal(l.v[2].key, "c");
	assert_string_equal(l.v[2].val, "");
	assert_string_equal(l.v[3].val, "x y");

	l.n = 0;
	assert_int_equal(form_parse(&a, "a=%ff", 5, &l), 400);
	l.n = 0;
	assert_int_equal(form_parse(&a, "a=%zz", 5, &l), 400);
	l.n = 0;
	assert_int_equal(form_parse(&a, "=1", 2, &l), 400);
	l.n = 0;
	assert_int_equal(form_parse(&a, "a=%00", 5, &l), 400);

	for (i = 0; i <= HTTP_FIELDS_MAX; i++)
		p += sprintf(p, "a=%d&", i % 10);
	l.n = 0;
	assert_int_equal(form_parse(&a, big, strlen(big), &l), 400);
}

static void
cookies_parse_and_skip_junk(void **state)
{
	struct kvlist	 l = { NULL, 0 };

	(void)state;
	http_parse_cookies(&a, "pf_o=abc; theme=dark;junk; x=\xff", &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].key, "pf_o");
	assert_string_equal(l.v[0].val, "abc");
	assert_string_equal(l.v[1].key, "theme");
}

static void
multipart_reads_fields_and_files(void **state)
{
	struct kvlist	 l = { NULL, 0 }, f = { NULL, 0 };
	const char	*ct = "multipart/form-data; boundary=XyZ";
	const char	*body =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "tok\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"file\"; filename=\"m.csv\"\r\n"
	    "Content-Type: text/csv\r\n\r\n"
	    "a,b\r\n1,2\r\n"
	    "--XyZ--\r\n";

	(void)state;
	assert_int_equal(http_parse_multipart(&a, ct, body, strlen(body), &l,
	    &f), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].val, "tok");
	assert_null(l.v[0].filename);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.v[0].filename, "m.csv");
	assert_string_equal(f.v[0].val, "a,b\r\n1,2");

	l.n = f.n = 0;
	assert_int_equal(http_parse_multipart(&a, ct, "--XyZ\r\nbroken", 13,
	    &l, &f), 400);
	l.n = f.n = 0;
	assert_int_equal(http_parse_multipart(&a, "multipart/form-data", body,
	    strlen(body), &l, &f), 400);
}

/* A file is bytes (GBK here, and a NUL); a field stays UTF-8 only. */
static void
multipart_keeps_file_bytes_but_refuses_non_utf8_fields(void **state)
{
	struct kvlist	 l = { NULL, 0 }, f = { NULL, 0 };
	const char	*ct = "multipart/form-data; boundary=XyZ";
	static const char file[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"file\"; filename=\"m.csv\"\r\n"
	    "\r\n"
	    "\xc2\xa5\xb6\xb0\x00,1\r\n"
	    "--XyZ--\r\n";
	static const char field[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"room\"\r\n"
	    "\r\n"
	    "\xc2\xa5\xb6\xb0\r\n"
	    "--XyZ--\r\n";

	(void)state;
	assert_int_equal(http_parse_multipart(&a, ct, file, sizeof(file) - 1,
	    &l, &f), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.v[0].len, 7);
	assert_memory_equal(f.v[0].val, "\xc2\xa5\xb6\xb0\x00,1", 7);
	f.n = 0;
	assert_int_equal(http_parse_multipart(&a, ct, field, sizeof(field) - 1,
	    &l, &f), 400);
}

static struct req *
req_with(const char *query)
{
	static struct req	 r;
	static struct app	 app = { .name = "test", .prefix = "" };

	memset(&r, 0, sizeof(r));
	r.a = &a;
	r.app = &app;
	r.method = METHOD_GET;
	assert_int_equal(form_parse(r.a, query, strlen(query),
	    &r.query), 0);
	return &r;
}

static void
validators_give_values_and_chinese_messages(void **state)
{
	static const char *const occ[] = { "occupied", "vacant", NULL };
	static const struct field f[] = {
		{ "amount", "金额", V_MONEY, V_REQUIRED, 1, 100000000, NULL },
		{ "phone", "手机号", V_PHONE, V_REQUIRED, 0, 0, NULL },
		{ "name", "姓名", V_TEXT, V_REQUIRED, 1, 4, NULL },
		{ "n", "数量", V_INT, 0, 1, 10, NULL },
		{ "occ", "类型", V_CHOICE, 0, 0, 0, occ },
		{ "day", "日期", V_DATE, 0, 0, 0, NULL },
		{ "month", "月份", V_MONTH, 0, 0, 0, NULL },
		{ "digits", "电话", V_DIGITS, 0, 3, 11, NULL },
	};
	struct fval	 v[8];
	struct req	*r;

	(void)state;
	r = req_with("amount=12.50&phone=13800000001&name=%E5%BC%A0%E4%B8%89"
	    "&n=3&occ=vacant&day=2025-02-28&month=2025-03&digits=1234");
	assert_int_equal(valid_fields(r, f, 8, v), 0);
	assert_int_equal(v[0].i, 1250);
	assert_int_equal(v[3].i, 3);
	assert_int_equal(v[4].i, 1);
	assert_int_equal(v[5].i, 20250228);
	assert_int_equal(v[6].i, 2025 * 12 + 2);

	r = req_with("amount=12.345&phone=1380000&name=%E5%BC%A0%E4%B8%89%E6%9D%8E%E5%9B%9B%E7%8E%8B"
	    "&n=11&occ=shop&day=2025-02-30&month=2025-13&digits=12a");
	assert_int_equal(valid_fields(r, f, 8, v), 8);
	/* next to its label: the message does not say 金额 again */
	assert_string_equal(v[0].err, "最多两位小数（到分），例如 12.35");
	assert_string_equal(v[1].err, "手机号应为 11 位手机号码");
	assert_string_equal(v[2].err, "姓名最多 4 个字");
	assert_string_equal(v[3].err, "数量须在 1 至 10 之间");
	assert_string_equal(v[4].err, "请从列表中选择类型");
	assert_non_null(strstr(v[5].err, "不是有效日期"));
	assert_non_null(strstr(v[6].err, "不是有效月份"));
	assert_string_equal(v[7].err, "电话只能填写数字");

	r = req_with("amount=&name=+");
	assert_int_equal(valid_fields(r, f, 3, v), 3);
	assert_string_equal(v[0].err, "请填写金额");
	assert_string_equal(v[2].err, "请填写姓名");

	/* an id out of range: no range of 19 digits */
	{
		static const struct field idf[] = {
			{ "premises", "房屋", V_INT, 0, 1, INT64_MAX / 2, NULL },
		};
		r = req_with("premises=0");
		assert_int_equal(valid_fields(r, idf, 1, v), 1);
		assert_string_equal(v[0].err, "请重新选择房屋");
		r = req_with("premises=-215");
		assert_int_equal(valid_fields(r, idf, 1, v), 1);
		assert_string_equal(v[0].err, "请重新选择房屋");
	}
	/* below the range with a minus sign: the range, not 请填写整数 */
	r = req_with("amount=1&phone=13800000001&name=a&n=-1");
	assert_int_equal(valid_fields(r, f, 4, v), 1);
	assert_string_equal(v[3].err, "数量须在 1 至 10 之间");

	r = req_with("amount=0");
	assert_int_equal(valid_fields(r, f, 1, v), 1);
	assert_string_equal(v[0].err, "须在 0.01 至 1,000,000.00 元之间");

	/* full-width digits and thousands commas, as typed on a phone */
	r = req_with("amount=%EF%BC%91%EF%BC%8C%EF%BC%90%EF%BC%90%EF%BC%90"
	    "%EF%BC%8E%EF%BC%95");
	assert_int_equal(valid_fields(r, f, 1, v), 0);
	assert_int_equal(v[0].i, 100050);
}

/* Direction overrides, zero-width characters, stacked combining marks. */
static void
text_that_cannot_be_shown_honestly_is_refused(void **state)
{
	static const struct field f[] = {
		{ "name", "姓名", V_TEXT, V_REQUIRED, 1, 50, NULL },
	};
	static const char *const bad[] = {
		"%E2%80%AE%E5%BC%A0%E4%B8%89%E4%B8%B0",	/* U+202E 张三丰 */
		"%E5%BC%A0%E2%80%8B%E4%B8%89",		/* zero-width space */
		"%EF%BB%BF%E5%BC%A0",			/* BOM */
		"%E2%81%A6a%E2%81%A9",			/* isolate */
		"Z%CC%81%CC%82%CC%83%CC%84",		/* four marks on Z */
	};
	struct fval	 v[1];
	struct req	*r;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = req_with(arena_printf(&a, "name=%s", bad[i]));
		assert_int_equal(valid_fields(r, f, 1, v), 1);
		assert_non_null(strstr(v[0].err, "姓名含有"));
	}
	/* Accents, a few marks, and CJK punctuation are fine. */
	r = req_with("name=Jos%C3%A9%20e%CC%81%CC%82%20%E5%BC%A0%E4%B8%89%EF%BC%88%E4%BB%A3%EF%BC%89");
	assert_int_equal(valid_fields(r, f, 1, v), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(urldecode_handles_escapes_and_refuses_bad_ones),
		cmocka_unit_test(utf8_check_refuses_broken_and_control_bytes),
		cmocka_unit_test(urlencoded_form_parses_and_limits),
		cmocka_unit_test(cookies_parse_and_skip_junk),
		cmocka_unit_test(multipart_reads_fields_and_files),
		cmocka_unit_test(multipart_keeps_file_bytes_but_refuses_non_utf8_fields),
		cmocka_unit_test(validators_give_values_and_chinese_messages),
		cmocka_unit_test(text_that_cannot_be_shown_honestly_is_refused),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("http", tests, setup, teardown);
}
