/*
 * test_multipart.c - multipart/form-data read as it arrives (multipart.h):
 * the same parts whatever the chunks, a delimiter split anywhere, binary
 * bytes and near-delimiters kept as data, a file larger than the window
 * handed on in pieces, malformed bodies refused.
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
#include "multipart.h"

#include "arena_fixture.h"

#define NPARTS	8

/* A sink that records what the parser handed on. */
struct rec {
	int		 n;
	struct {
		const char	*name, *filename, *ctype;
		struct buf	 data;
		int		 ended;
	}		 p[NPARTS];
	size_t		 biggest;	/* the largest piece data() got */
	int		 fail;		/* data() answers this when set */
};

static int
rec_begin(void *arg, const struct mp_part *part)
{
	struct rec	*r = arg;

	assert_true(r->n < NPARTS);
	assert_true(r->n == 0 || r->p[r->n - 1].ended);
	r->p[r->n].name = arena_strdup(&a, part->name);
	r->p[r->n].filename = part->filename ?
	    arena_strdup(&a, part->filename) : NULL;
	r->p[r->n].ctype = arena_strdup(&a, part->ctype);
	buf_init(&r->p[r->n].data, &a, 64);
	r->p[r->n].ended = 0;
	r->n++;
	return 0;
}

static int
rec_data(void *arg, const char *s, size_t n)
{
	struct rec	*r = arg;

	assert_true(r->n > 0 && !r->p[r->n - 1].ended);
	if (r->fail)
		return r->fail;
	if (n > r->biggest)
		r->biggest = n;
	buf_add(&r->p[r->n - 1].data, s, n);
	return 0;
}

static int
rec_end(void *arg)
{
	struct rec	*r = arg;

	r->p[r->n - 1].ended = 1;
	return 0;
}

/* Parses body fed in chunks of step bytes (0: whole) into r. */
static int
parse(const char *ctype, const char *body, size_t len, size_t step,
    struct rec *r)
{
	struct multipart mp;
	struct mp_sink	 sink = { rec_begin, rec_data, rec_end, r };
	size_t		 i, k;
	int		 rc;

	memset(r, 0, sizeof(*r));
	if ((rc = multipart_init(&mp, &a, ctype, &sink)) != 0)
		return rc;
	if (step == 0)
		step = len ? len : 1;
	for (i = 0; i < len; i += k) {
		k = len - i < step ? len - i : step;
		if ((rc = multipart_feed(&mp, body + i, k)) != 0)
			return rc;
	}
	return multipart_end(&mp);
}

static const char ct[] = "multipart/form-data; boundary=XyZ";

/* A file whose bytes are everything a delimiter is made of, but never
 * a whole delimiter: NUL, lone CR and LF, CRLF--, most of the boundary,
 * the boundary without its CRLF, the boundary with a wrong last letter. */
static const char tricky[] =
    "\x00\r\n--XyY\r\n\r\n--Xy\r\n-XyZ\n--XyZ\r--XyZ--XyZ\r\n--\xff\xfe\r\n"
    "\r\n--xyz\x00";

static char *
body_with(size_t *len, const char *file, size_t flen)
{
	struct buf	 b;

	buf_init(&b, &a, 256);
	buf_puts(&b, "preamble, ignored\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "tok\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"file\";"
	    " filename=\"a;b \xe4\xbd\xa0.bin\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n");
	buf_add(&b, file, flen);
	buf_puts(&b, "\r\n--XyZ\r\n"
	    "content-disposition: form-data; name=note\r\n\r\n"
	    "\r\n"
	    "\r\n--XyZ--\r\nepilogue, ignored");
	*len = b.len;
	return b.p;
}

static void
check_parts(const struct rec *r, const char *file, size_t flen)
{
	assert_int_equal(r->n, 3);
	assert_string_equal(r->p[0].name, "csrf");
	assert_null(r->p[0].filename);
	assert_string_equal(r->p[0].ctype, "");
	assert_int_equal(r->p[0].data.len, 3);
	assert_memory_equal(r->p[0].data.p, "tok", 3);
	assert_string_equal(r->p[1].name, "file");
	assert_string_equal(r->p[1].filename, "a;b \xe4\xbd\xa0.bin");
	assert_string_equal(r->p[1].ctype, "application/octet-stream");
	assert_int_equal(r->p[1].data.len, flen);
	assert_memory_equal(r->p[1].data.p, file, flen);
	/* A field that is one empty line: CRLF is its data. */
	assert_string_equal(r->p[2].name, "note");
	assert_int_equal(r->p[2].data.len, 2);
	assert_memory_equal(r->p[2].data.p, "\r\n", 2);
	assert_true(r->p[2].ended);
}

static void
the_same_parts_whatever_the_chunk_size(void **state)
{
	static const size_t steps[] = { 0, 1, 2, 3, 5, 7, 8, 9, 13, 64, 100 };
	struct rec	 r;
	size_t		 len, i;
	char		*body = body_with(&len, tricky, sizeof(tricky) - 1);

	(void)state;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		assert_int_equal(parse(ct, body, len, steps[i], &r), 0);
		check_parts(&r, tricky, sizeof(tricky) - 1);
	}
}

/* Two chunks, split at every byte of the body: every delimiter, CRLF
 * and header line is cut somewhere at least once. */
static void
a_body_split_anywhere_parses_the_same(void **state)
{
	struct rec	 r;
	struct multipart mp;
	struct mp_sink	 sink = { rec_begin, rec_data, rec_end, &r };
	size_t		 len, cut;
	char		*body = body_with(&len, tricky, sizeof(tricky) - 1);

	(void)state;
	for (cut = 0; cut <= len; cut++) {
		memset(&r, 0, sizeof(r));
		assert_int_equal(multipart_init(&mp, &a, ct, &sink), 0);
		assert_int_equal(multipart_feed(&mp, body, cut), 0);
		assert_int_equal(multipart_feed(&mp, body + cut, len - cut), 0);
		assert_int_equal(multipart_end(&mp), 0);
		check_parts(&r, tricky, sizeof(tricky) - 1);
	}
}

/* 3 MB of pseudo-random bytes, fed 1000 bytes at a time: handed on in
 * pieces no larger than the window, byte for byte. */
static void
a_file_larger_than_the_window_passes_through_in_pieces(void **state)
{
	const size_t	 flen = 3 * 1024 * 1024;
	char		*file = arena_alloc(&a, flen), *body;
	uint32_t	 x = 2463534242u;
	struct rec	 r;
	size_t		 i, len;

	(void)state;
	for (i = 0; i < flen; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		file[i] = (char)(x >> 24);
	}
	/* and the near-delimiters again, in the middle */
	memcpy(file + flen / 2, tricky, sizeof(tricky) - 1);
	body = body_with(&len, file, flen);
	assert_int_equal(parse(ct, body, len, 1000, &r), 0);
	check_parts(&r, file, flen);
	assert_true(r.biggest <= MULTIPART_WINDOW);
}

static void
a_quoted_boundary_and_parameters_in_any_case(void **state)
{
	static const char body[] =
	    "--a b'()+_,-./:=?\r\n"
	    "Content-Disposition: form-data; NAME=\"x\"; FileName=\"\"\r\n"
	    "\r\n"
	    "\r\n--a b'()+_,-./:=?--";
	struct rec	 r;

	(void)state;
	assert_int_equal(parse("Multipart/Form-Data; charset=utf-8;"
	    " Boundary=\"a b'()+_,-./:=?\"", body, sizeof(body) - 1, 0, &r), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.p[0].name, "x");
	/* No file chosen: the browser sends an empty name and no bytes. */
	assert_string_equal(r.p[0].filename, "");
	assert_int_equal(r.p[0].data.len, 0);
}

static void
malformed_bodies_get_400(void **state)
{
	static const char *const bad[] = {
		"",					/* nothing */
		"--XyZ\r\nbroken",			/* no end of headers */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
		    "x\r\n",				/* never closed */
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n"
		    "--XyZ--",				/* no name */
		"--XyZ\r\n\r\nx\r\n--XyZ--",		/* no headers */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n"
		    "x\r\n--XyZ--",			/* open quote */
		"--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n"
		    "x\r\n--XyZ--",			/* empty name */
		"--XyZ\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\n"
		    "x\r\n--XyZ--",			/* name not UTF-8 */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
		    "x\r\n--XyZjunk\r\n--XyZ--",	/* after a delimiter */
		"no delimiter at all",
	};
	static const char nul[] = "--XyZ\r\nContent-Disposition: form-data;"
	    " name=\"a\"\r\nX: \0\r\n\r\nx\r\n--XyZ--";
	char		 big[MULTIPART_HEAD_MAX + 200];
	struct rec	 r;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(parse(ct, bad[i], strlen(bad[i]), 1, &r), 400);
	/* a header block over MULTIPART_HEAD_MAX */
	i = (size_t)snprintf(big, sizeof(big), "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\nX-Pad: ");
	memset(big + i, 'p', sizeof(big) - i);
	assert_int_equal(parse(ct, big, sizeof(big), 3, &r), 400);
	/* a NUL inside the header lines */
	assert_int_equal(parse(ct, nul, sizeof(nul) - 1, 0, &r), 400);
	/* no usable boundary */
	assert_int_equal(parse("multipart/form-data", "--XyZ--", 7, 0, &r),
	    400);
	assert_int_equal(parse("multipart/form-data; boundary=", "--", 2, 0,
	    &r), 400);
	assert_int_equal(parse("multipart/form-data; boundary=\"XyZ", "--",
	    2, 0, &r), 400);
	memset(big, 'b', 71);
	big[71] = '\0';
	assert_int_equal(parse(arena_printf(&a, "multipart/form-data; "
	    "boundary=%s", big), "--", 2, 0, &r), 400);
}

/* A sink's status (413 past a limit, say) stops the parse for good. */
static void
a_sinks_status_stops_the_parse(void **state)
{
	struct rec	 r;
	struct multipart mp;
	struct mp_sink	 sink = { rec_begin, rec_data, rec_end, &r };
	size_t		 len;
	char		*body = body_with(&len, "abc", 3);

	(void)state;
	memset(&r, 0, sizeof(r));
	r.fail = 413;
	assert_int_equal(multipart_init(&mp, &a, ct, &sink), 0);
	assert_int_equal(multipart_feed(&mp, body, len), 413);
	assert_int_equal(multipart_feed(&mp, "x", 1), 413);
	assert_int_equal(multipart_end(&mp), 413);
}

/* The whole-body form (http_parse_multipart): fields and files apart,
 * the file's bytes exact, a field that is not UTF-8 refused. */
static void
the_whole_body_form_keeps_binary_files(void **state)
{
	struct kvlist	 l = { NULL, 0 }, f = { NULL, 0 };
	size_t		 len;
	char		*body = body_with(&len, tricky, sizeof(tricky) - 1);

	(void)state;
	assert_int_equal(http_parse_multipart(&a, ct, body, len, &l, &f), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].key, "csrf");
	assert_string_equal(l.v[1].key, "note");
	assert_int_equal(f.n, 1);
	assert_int_equal(f.v[0].len, sizeof(tricky) - 1);
	assert_memory_equal(f.v[0].val, tricky, sizeof(tricky) - 1);
	l.n = f.n = 0;
	body = arena_printf(&a, "--XyZ\r\nContent-Disposition: form-data;"
	    " name=\"a\"\r\n\r\n%s\r\n--XyZ--", "\xff");
	assert_int_equal(http_parse_multipart(&a, ct, body, strlen(body), &l,
	    &f), 400);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_same_parts_whatever_the_chunk_size),
		cmocka_unit_test(a_body_split_anywhere_parses_the_same),
		cmocka_unit_test(a_file_larger_than_the_window_passes_through_in_pieces),
		cmocka_unit_test(a_quoted_boundary_and_parameters_in_any_case),
		cmocka_unit_test(malformed_bodies_get_400),
		cmocka_unit_test(a_sinks_status_stops_the_parse),
		cmocka_unit_test(the_whole_body_form_keeps_binary_files),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("multipart", tests, setup, teardown);
}
