/*
 * fuzz_cookies.c - the Cookie header parser (http_parse_cookies), with
 * any bytes (as a C string: a header holds no NUL).
 *
 * Promises checked: at most HTTP_FIELDS_MAX cookies; each name 1 to
 * HTTP_KEY_MAX bytes, without '=', ';' or a trailing blank, and not
 * starting with a blank or ';'; each value at most 256 bytes, without
 * ';', its length right; names and values valid UTF-8 and, together,
 * within the header's length; each one found in the header as sent.
 */
#include "arena.h"
#include "http.h"
#include "width.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a;
	struct kvlist	 l = { NULL, 0 };
	char		*s = fuzz_cstr(data, size);
	size_t		 i, klen, total = 0;

	arena_init(&a);
	http_parse_cookies(&a, s, &l);
	FUZZ_CHECK(l.n <= HTTP_FIELDS_MAX);
	for (i = 0; i < l.n; i++) {
		const char *k = l.v[i].key, *v = l.v[i].val;

		klen = strlen(k);
		FUZZ_CHECK(klen >= 1 && klen <= HTTP_KEY_MAX);
		FUZZ_CHECK(strpbrk(k, "=;") == NULL);
		FUZZ_CHECK(k[0] != ' ' && k[klen - 1] != ' ');
		FUZZ_CHECK(strlen(v) == l.v[i].len && l.v[i].len <= 256);
		FUZZ_CHECK(strchr(v, ';') == NULL);
		FUZZ_CHECK(utf8_text_ok(k, klen));
		FUZZ_CHECK(utf8_text_ok(v, l.v[i].len));
		total += klen + 1 + l.v[i].len;
		FUZZ_CHECK(strstr(s, k) != NULL && strstr(s, v) != NULL);
	}
	FUZZ_CHECK(total <= strlen(s));
	/* No header at all is no cookie. */
	l.n = 0;
	http_parse_cookies(&a, NULL, &l);
	FUZZ_CHECK(l.n == 0);
	arena_free(&a);
	free(s);
	return 0;
}
