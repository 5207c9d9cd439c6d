/*
 * multipart.c - multipart/form-data read through a small window.
 *
 * The window holds the bytes not yet handed on. Before the first
 * delimiter the parser pretends a CRLF came first, so that every
 * delimiter, the first included, is "\r\n--boundary". While reading a
 * part's bytes it looks for the whole delimiter in the window; when there
 * is none, every byte but the last (delimiter length - 1) cannot begin
 * one and is handed on, and those few wait for the next chunk. The cost
 * per byte is one memmem() pass and one copy; the memory is the window.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "http.h"
#include "multipart.h"
#include "width.h"

enum {
	MP_PREAMBLE,	/* before the first delimiter: ignored */
	MP_AFTER,	/* after a delimiter: "--" ends, CRLF starts a part */
	MP_HEAD,	/* a part's header lines, up to the empty line */
	MP_DATA,	/* a part's bytes, up to the next delimiter */
	MP_DONE		/* after the closing delimiter: ignored */
};

/*
 * The value of parameter key in a header value's "; key=value" list (a
 * token or a quoted string; key case-insensitive), in the arena; NULL
 * when absent or its quotes are not closed. The value before the first
 * ';' (the media type, "form-data") is skipped.
 */
static const char *
param(struct arena *a, const char *s, const char *key)
{
	const char	*k, *v;
	size_t		 klen, vlen;

	s += strcspn(s, ";");
	while (*s == ';') {
		s++;
		s += strspn(s, " \t");
		k = s;
		s += strcspn(s, "=; \t");
		klen = (size_t)(s - k);
		s += strspn(s, " \t");
		if (*s != '=')
			continue;
		s++;
		s += strspn(s, " \t");
		if (*s == '"') {
			v = ++s;
			s += strcspn(s, "\"");
			if (*s != '"')
				return NULL;
			vlen = (size_t)(s++ - v);
		} else {
			v = s;
			s += strcspn(s, "; \t");
			vlen = (size_t)(s - v);
		}
		if (klen == strlen(key) && strncasecmp(k, key, klen) == 0)
			return arena_strndup(a, v, vlen);
		s += strcspn(s, ";");
	}
	return NULL;
}

int
multipart_init(struct multipart *mp, struct arena *a, const char *ctype,
    const struct mp_sink *sink)
{
	const char	*b;
	size_t		 n;

	memset(mp, 0, sizeof(*mp));
	mp->a = a;
	mp->sink = *sink;
	/* RFC 2046: 1 to 70 characters, none of them a control. */
	b = ctype != NULL ? param(a, ctype, "boundary") : NULL;
	if (b == NULL || (n = strlen(b)) == 0 || n > 70 ||
	    !utf8_text_ok(b, n) || strpbrk(b, "\r\n\t") != NULL)
		return mp->error = 400;
	mp->dlen = (size_t)snprintf(mp->delim, sizeof(mp->delim), "\r\n--%s",
	    b);
	mp->win = arena_alloc(a, MULTIPART_WINDOW);
	memcpy(mp->win, "\r\n", 2);
	mp->wlen = 2;
	mp->state = MP_PREAMBLE;
	return 0;
}

/* Drops the first n bytes of the window. */
static void
consume(struct multipart *mp, size_t n)
{
	memmove(mp->win, mp->win + n, mp->wlen - n);
	mp->wlen -= n;
}

/*
 * A part's header lines (without the empty line) into part: its name
 * and file name from Content-Disposition, its Content-Type. 0 or 400.
 */
static int
head(struct multipart *mp, const char *h, size_t n, struct mp_part *part)
{
	const char	*end = h + n, *eol;
	char		*line;
	size_t		 len;

	memset(part, 0, sizeof(*part));
	part->ctype = "";
	while (h < end) {
		eol = memmem(h, (size_t)(end - h), "\r\n", 2);
		if (eol == NULL)
			eol = end;
		line = arena_strndup(mp->a, h, (size_t)(eol - h));
		if (strlen(line) != (size_t)(eol - h))
			return 400;		/* a NUL in a header */
		if (strncasecmp(line, "Content-Disposition:", 20) == 0) {
			part->name = param(mp->a, line + 20, "name");
			part->filename = param(mp->a, line + 20, "filename");
		} else if (strncasecmp(line, "Content-Type:", 13) == 0) {
			line += 13;
			line += strspn(line, " \t");
			part->ctype = line;
		}
		h = eol + 2;
	}
	if (part->name == NULL || (len = strlen(part->name)) == 0 ||
	    len > HTTP_KEY_MAX || !utf8_text_ok(part->name, len) ||
	    (part->filename != NULL &&
	    !utf8_text_ok(part->filename, strlen(part->filename))) ||
	    !utf8_text_ok(part->ctype, strlen(part->ctype)))
		return 400;
	return 0;
}

/* Moves through the window as far as its bytes allow. 0 or a status. */
static int
run(struct multipart *mp)
{
	struct mp_part	 part;
	const char	*p;
	size_t		 k;
	int		 rc;

	for (;;) {
		switch (mp->state) {
		case MP_PREAMBLE:
		case MP_DATA:
			p = memmem(mp->win, mp->wlen, mp->delim, mp->dlen);
			if (p == NULL) {
				/* No delimiter can begin before the last
				 * dlen - 1 bytes: hand the rest on. */
				k = mp->wlen >= mp->dlen ?
				    mp->wlen - mp->dlen + 1 : 0;
				if (mp->state == MP_DATA && k > 0 &&
				    (rc = mp->sink.data(mp->sink.arg, mp->win,
				    k)) != 0)
					return rc;
				consume(mp, k);
				return 0;
			}
			k = (size_t)(p - mp->win);
			if (mp->state == MP_DATA) {
				if (k > 0 && (rc = mp->sink.data(mp->sink.arg,
				    mp->win, k)) != 0)
					return rc;
				if ((rc = mp->sink.end(mp->sink.arg)) != 0)
					return rc;
			}
			consume(mp, k + mp->dlen);
			mp->state = MP_AFTER;
			break;
		case MP_AFTER:
			if (mp->wlen < 2)
				return 0;
			if (memcmp(mp->win, "--", 2) == 0) {
				mp->state = MP_DONE;
				mp->wlen = 0;
				return 0;
			}
			if (memcmp(mp->win, "\r\n", 2) != 0)
				return 400;
			consume(mp, 2);
			mp->state = MP_HEAD;
			break;
		case MP_HEAD:
			/* No header lines at all: no name either. */
			if (mp->wlen >= 2 && memcmp(mp->win, "\r\n", 2) == 0)
				return 400;
			p = memmem(mp->win, mp->wlen, "\r\n\r\n", 4);
			if (p == NULL)
				return mp->wlen > MULTIPART_HEAD_MAX ? 400 : 0;
			k = (size_t)(p - mp->win);
			if (k > MULTIPART_HEAD_MAX)
				return 400;
			if ((rc = head(mp, mp->win, k, &part)) != 0 ||
			    (rc = mp->sink.begin(mp->sink.arg, &part)) != 0)
				return rc;
			consume(mp, k + 4);
			mp->state = MP_DATA;
			break;
		default:
			mp->wlen = 0;
			return 0;
		}
	}
}

int
multipart_feed(struct multipart *mp, const char *s, size_t n)
{
	size_t	 k;

	while (n > 0 && mp->error == 0) {
		k = MULTIPART_WINDOW - mp->wlen;
		if (k > n)
			k = n;
		memcpy(mp->win + mp->wlen, s, k);
		mp->wlen += k;
		s += k;
		n -= k;
		mp->error = run(mp);
	}
	return mp->error;
}

int
multipart_end(struct multipart *mp)
{
	if (mp->error == 0 && mp->state != MP_DONE)
		mp->error = 400;
	return mp->error;
}
