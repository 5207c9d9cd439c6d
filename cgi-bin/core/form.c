/*
 * form.c - application/x-www-form-urlencoded (form.h).
 */
#include <ctype.h>
#include <string.h>

#include "arena.h"
#include "form.h"
#include "width.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
form_decode(struct arena *a, const char *s, size_t n, int plus,
    size_t *outlen)
{
	char	*out = arena_alloc(a, n + 1), *p = out;
	size_t	 i;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '%') {
			if (i + 2 >= n)
				return NULL;	/* truncated escape */
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			*p++ = (char)(hi << 4 | lo);
			i += 2;
		} else if (plus && s[i] == '+')
			*p++ = ' ';
		else
			*p++ = s[i];
	}
	*p = '\0';
	if (outlen != NULL)
		*outlen = (size_t)(p - out);
	return out;
}

int
form_push(struct arena *a, struct kvlist *l, const char *key, const char *val,
    size_t len, const char *filename)
{
	struct kv	*v;

	if (l->n >= FORM_FIELDS_MAX)
		return 400;
	if ((l->n & (l->n - 1)) == 0) {
		/* Grow at powers of two. */
		v = arena_alloc(a, sizeof(*v) * (l->n ? l->n * 2 : 8));
		if (l->n)
			memcpy(v, l->v, sizeof(*v) * l->n);
		l->v = v;
	}
	l->v[l->n].key = key;
	l->v[l->n].val = val;
	l->v[l->n].len = len;
	l->v[l->n].filename = filename;
	l->n++;
	return 0;
}

int
form_parse(struct arena *a, const char *s, size_t n,
    struct kvlist *l)
{
	const char	*end = s + n, *amp, *eq;
	char		*key, *val;
	size_t		 klen, vlen;

	while (s < end) {
		amp = memchr(s, '&', (size_t)(end - s));
		if (amp == NULL)
			amp = end;
		if (amp == s) {
			s++;
			continue;
		}
		eq = memchr(s, '=', (size_t)(amp - s));
		if (eq == NULL)
			eq = amp;
		key = form_decode(a, s, (size_t)(eq - s), 1, &klen);
		val = eq < amp ? form_decode(a, eq + 1,
		    (size_t)(amp - eq - 1), 1, &vlen) : arena_strdup(a, "");
		if (eq == amp)
			vlen = 0;
		if (key == NULL || val == NULL)
			return 400;
		if (klen == 0 || klen > FORM_KEY_MAX ||
		    !utf8_text_ok(key, klen) || !utf8_text_ok(val, vlen))
			return 400;
		if (form_push(a, l, key, val, vlen, NULL))
			return 400;
		s = amp + 1;
	}
	return 0;
}

const struct kv *
form_find(const struct kvlist *l, const char *name)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, name) == 0)
			return &l->v[i];
	return NULL;
}

char *
form_encode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf	 b;
	unsigned char	 c;

	buf_init(&b, a, strlen(s) * 3 + 1);
	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
		    c == '/')
			buf_putc(&b, (char)c);
		else {
			buf_putc(&b, '%');
			buf_putc(&b, hex[c >> 4]);
			buf_putc(&b, hex[c & 15]);
		}
	}
	return buf_str(&b);
}

char *
form_join(struct arena *a, const struct kvlist *l)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, a, 1024);
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			buf_putc(&b, '&');
		buf_puts(&b, l->v[i].key);
		buf_putc(&b, '=');
		buf_puts(&b, form_encode(a, l->v[i].val));
	}
	return buf_str(&b);
}
