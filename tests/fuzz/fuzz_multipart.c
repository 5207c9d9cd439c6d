/*
 * fuzz_multipart.c - the multipart/form-data parser
 * (http_parse_multipart), with any bytes: the input's first line (up to
 * its first '\n') is the Content-Type header, the rest the body.
 *
 * Promises checked: at most HTTP_FIELDS_MAX fields and as many files;
 * each name 1 to HTTP_KEY_MAX bytes of UTF-8; a field's value valid UTF-8
 * and a file's any bytes, each NUL-terminated, its length within the
 * body and its bytes found in the body as sent; files, and only files,
 * have a file name.
 */
#include "arena.h"
#include "http.h"
#include "width.h"

#include "fuzz.h"

static void
check_part(const struct kv *v, const char *body, size_t n, int file)
{
	size_t	 klen = strlen(v->key);

	FUZZ_CHECK(klen >= 1 && klen <= HTTP_KEY_MAX);
	FUZZ_CHECK(utf8_text_ok(v->key, klen));
	FUZZ_CHECK(v->len <= n);
	FUZZ_CHECK(v->val[v->len] == '\0');
	FUZZ_CHECK(v->len == 0 || memmem(body, n, v->val, v->len) != NULL);
	if (file) {
		FUZZ_CHECK(v->filename != NULL);
		FUZZ_CHECK(utf8_text_ok(v->filename, strlen(v->filename)));
	} else {
		FUZZ_CHECK(v->filename == NULL);
		FUZZ_CHECK(utf8_text_ok(v->val, v->len));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a;
	struct kvlist	 fields = { NULL, 0 }, files = { NULL, 0 };
	const uint8_t	*nl = memchr(data, '\n', size);
	char		*ctype;
	const char	*body;
	size_t		 n, i;

	if (nl == NULL)
		return 0;
	ctype = fuzz_cstr(data, (size_t)(nl - data));
	body = (const char *)nl + 1;
	n = size - (size_t)(nl - data) - 1;
	arena_init(&a);
	if (http_parse_multipart(&a, ctype, body, n, &fields, &files) == 0) {
		FUZZ_CHECK(fields.n <= HTTP_FIELDS_MAX);
		FUZZ_CHECK(files.n <= HTTP_FIELDS_MAX);
		for (i = 0; i < fields.n; i++)
			check_part(&fields.v[i], body, n, 0);
		for (i = 0; i < files.n; i++)
			check_part(&files.v[i], body, n, 1);
	}
	arena_free(&a);
	free(ctype);
	return 0;
}
