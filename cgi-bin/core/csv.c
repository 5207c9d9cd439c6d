/*
 * csv.c - writing and reading CSV.
 */
#include <iconv.h>
#include <string.h>

#include "arena.h"
#include "csv.h"
#include "ctx.h"
#include "money.h"
#include "width.h"

void
csv_begin(struct buf *b)
{
	buf_puts(b, "\xef\xbb\xbf");
}

static int
row_start(struct buf *b)
{
	return b->len == 0 || b->p[b->len - 1] == '\n' ||
	    (b->len == 3 && memcmp(b->p, "\xef\xbb\xbf", 3) == 0);
}

void
csv_field(struct buf *b, const char *s)
{
	const char	*p;

	if (!row_start(b))
		buf_putc(b, ',');
	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"\r\n") == NULL && strchr("=+-@", s[0]) == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (s[0] != '\0' && strchr("=+-@", s[0]) != NULL)
		buf_putc(b, '\'');
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

void
csv_money(struct buf *b, int64_t fen)
{
	char	 s[MONEY_FMT_MAX];

	/* Numbers go out bare: a negative amount is a number, not a formula. */
	if (!row_start(b))
		buf_putc(b, ',');
	buf_puts(b, money_fmt_plain(s, fen));
}

void
csv_int(struct buf *b, int64_t v)
{
	if (!row_start(b))
		buf_putc(b, ',');
	buf_printf(b, "%lld", (long long)v);
}

void
csv_tenths(struct buf *b, int64_t x10)
{
	int64_t	 m = x10 < 0 ? -x10 : x10;

	/* a number, not a formula: bare, as csv_money's */
	if (!row_start(b))
		buf_putc(b, ',');
	buf_printf(b, "%s%lld.%lld", x10 < 0 ? "-" : "", (long long)(m / 10),
	    (long long)(m % 10));
}

void
csv_end_row(struct buf *b)
{
	buf_puts(b, "\r\n");
}

const char *
csv_decode(struct arena *a, const char *bytes, size_t len, enum csv_enc *enc)
{
	iconv_t		 cd;
	char		*in = (char *)bytes, *out, *o;
	size_t		 inleft = len, outleft;
	int		 ok;

	if (utf8_text_ok(bytes, len)) {
		*enc = CSV_UTF8;
		if (len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0) {
			bytes += 3;
			len -= 3;
		}
		return arena_strndup(a, bytes, len);
	}
	/* GB18030 takes 1, 2 or 4 bytes a character, UTF-8 at most 4 for 4
	 * and 3 for 2: the text is at most half as long again. */
	outleft = len + len / 2 + 4;
	out = o = arena_alloc(a, outleft + 1);
	if ((cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		return NULL;
	ok = iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1 &&
	    inleft == 0;
	iconv_close(cd);
	if (!ok || !utf8_text_ok(out, (size_t)(o - out)))
		return NULL;
	*o = '\0';
	*enc = CSV_GB18030;
	/* GB18030's own byte-order mark decodes to U+FEFF. */
	if (strncmp(out, "\xef\xbb\xbf", 3) == 0)
		out += 3;
	return out;
}

/* 1 if s is nothing but spaces and tabs. */
static int
empty(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

void
csv_trim_columns(struct csv_row *rows, size_t n, size_t ncols)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		while (rows[i].n > ncols && empty(rows[i].f[rows[i].n - 1]))
			rows[i].n--;
}

int
csv_parse(struct arena *a, const char *s, struct csv_row **rows,
    const char **err)
{
	struct csv_row	*out = NULL, *row;
	struct buf	 field;
	char		**f = NULL;
	size_t		 nrows = 0, caprows = 0, nf = 0, capf = 0;
	int		 line = 1, row_line = 1, blank;

	if (strncmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	*err = NULL;
	for (;;) {
		/* One row. */
		nf = 0;
		capf = 0;
		f = NULL;
		row_line = line;
		blank = 1;
		for (;;) {
			/* One field. */
			buf_init(&field, a, 32);
			if (*s == '"') {
				s++;
				for (;;) {
					if (*s == '\0') {
						*err = arena_printf(a,
						    "第 %d 行：引号没有闭合",
						    row_line);
						return -1;
					}
					if (*s == '"' && s[1] == '"') {
						buf_putc(&field, '"');
						s += 2;
					} else if (*s == '"') {
						s++;
						break;
					} else {
						if (*s == '\n' || (*s == '\r' &&
						    s[1] != '\n'))
							line++;
						buf_putc(&field, *s++);
					}
				}
			}
			while (*s != '\0' && *s != ',' && *s != '\n' &&
			    *s != '\r')
				buf_putc(&field, *s++);
			if (nf == capf) {
				char **nfp;

				capf = capf ? capf * 2 : 8;
				nfp = arena_alloc(a, capf * sizeof(*nfp));
				if (nf)
					memcpy(nfp, f, nf * sizeof(*nfp));
				f = nfp;
			}
			f[nf] = buf_str(&field);
			if (!empty(f[nf++]))
				blank = 0;
			if (*s == ',') {
				s++;
				continue;
			}
			break;
		}
		if (!blank) {
			if (nrows == caprows) {
				struct csv_row *nr;

				caprows = caprows ? caprows * 2 : 64;
				nr = arena_alloc(a, caprows * sizeof(*nr));
				if (nrows)
					memcpy(nr, out, nrows * sizeof(*nr));
				out = nr;
			}
			row = &out[nrows++];
			row->line = row_line;
			row->f = f;
			row->n = nf;
		}
		/* A line ends in CRLF, LF or (old Mac spreadsheets) CR. */
		if (*s == '\r' && s[1] == '\n')
			s++;
		if (*s == '\n' || *s == '\r') {
			s++;
			line++;
			continue;
		}
		break;
	}
	*rows = out;
	return (int)nrows;
}

int
csv_read(struct arena *a, const char *bytes, size_t len, size_t ncols,
    struct csv_row **rows, enum csv_enc *enc, const char **err)
{
	const char	*text;
	int		 n;

	if ((text = csv_decode(a, bytes, len, enc)) == NULL) {
		*err = CSV_ENC_MSG;
		return CSV_READ_ENC;
	}
	if ((n = csv_parse(a, text, rows, err)) < 0)
		return CSV_READ_SYNTAX;
	if (n > 0)
		csv_trim_columns(*rows, (size_t)n, ncols);
	return n;
}

int
csv_is_header(const struct csv_row *row, const char *const *names, size_t n)
{
	const char	*f;
	size_t		 i, len;

	if (row->n != n)
		return 0;
	for (i = 0; i < n; i++) {
		f = row->f[i] + strspn(row->f[i], " \t");
		len = strlen(f);
		while (len > 0 && (f[len - 1] == ' ' || f[len - 1] == '\t'))
			len--;
		if (len != strlen(names[i]) || strncmp(f, names[i], len) != 0)
			return 0;
	}
	return 1;
}
