/*
 * fuzz_urlencoded.c - the query string and form parser
 * (form_parse), with any bytes.
 *
 * Promises checked: at most HTTP_FIELDS_MAX fields; each key 1 to
 * HTTP_KEY_MAX bytes; keys and values valid UTF-8 without NUL, their
 * lengths right and, decoded, within the input's length; and what it
 * accepts, encoded again with form_encode, parses back the same.
 */
#include "arena.h"
#include "http.h"
#include "width.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a;
	struct kvlist	 l = { NULL, 0 }, back = { NULL, 0 };
	struct buf	 again;
	size_t		 i, klen, total = 0;

	arena_init(&a);
	if (form_parse(&a, (const char *)data, size, &l) != 0)
		goto out;
	FUZZ_CHECK(l.n <= HTTP_FIELDS_MAX);
	buf_init(&again, &a, size + 1);
	for (i = 0; i < l.n; i++) {
		klen = strlen(l.v[i].key);
		FUZZ_CHECK(klen >= 1 && klen <= HTTP_KEY_MAX);
		FUZZ_CHECK(strlen(l.v[i].val) == l.v[i].len);
		FUZZ_CHECK(utf8_text_ok(l.v[i].key, klen));
		FUZZ_CHECK(utf8_text_ok(l.v[i].val, l.v[i].len));
		FUZZ_CHECK(l.v[i].filename == NULL);
		total += klen + l.v[i].len;
		buf_printf(&again, "%s%s=%s", i ? "&" : "",
		    form_encode(&a, l.v[i].key),
		    form_encode(&a, l.v[i].val));
	}
	FUZZ_CHECK(total <= size);
	FUZZ_CHECK(form_parse(&a, again.p, again.len, &back) == 0);
	FUZZ_CHECK(back.n == l.n);
	for (i = 0; i < l.n; i++) {
		FUZZ_CHECK(strcmp(back.v[i].key, l.v[i].key) == 0);
		FUZZ_CHECK(back.v[i].len == l.v[i].len);
		FUZZ_CHECK(memcmp(back.v[i].val, l.v[i].val, l.v[i].len) == 0);
	}
out:
	arena_free(&a);
	return 0;
}
