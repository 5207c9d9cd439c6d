/*
 * valid.c - declared field validation with Chinese messages.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "http.h"
#include "labels.h"
#include "money.h"
#include "tmpl.h"
#include "valid.h"
#include "width.h"

size_t
valid_utf8_len(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/*
 * Characters a receipt, a list or a PDF cannot show honestly: direction
 * overrides and isolates (they reorder what is read: U+202E makes 张三丰
 * read 丰三张), zero-width characters and the BOM (invisible text), the
 * C1 controls U+0080..U+009F and the line and paragraph separators
 * U+2028 / U+2029 (they break a receipt's line or a CSV row where nothing
 * shows), and runs of more than COMBINING_MAX combining marks on one
 * letter (they stack into the lines around it). http.c already refuses
 * C0 controls.
 */
#define COMBINING_MAX	3

static int
invisible(uint32_t c)
{
	return (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0xfeff || c == 0x061c || c == 0x00ad ||
	    (c >= 0x0080 && c <= 0x009f) || c == 0x2028 || c == 0x2029;
}

/*
 * The Unicode spaces (White_Space) a field is trimmed of at both ends,
 * not only ASCII ones: an input method's U+3000, the no-break space a
 * copy from a web page or Word brings (U+00A0, U+202F), the typographic
 * spaces U+2000..U+200A, U+1680, U+205F; so a name of spaces only is
 * empty and "required" applies (issue 8's trial: a payer of U+3000
 * only was accepted).
 */
static int
unicode_space(uint32_t c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0d) || c == 0x85 ||
	    c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f ||
	    c == 0x3000;
}

/* The code point at *p (valid UTF-8, http.c checked it); moves *p on. */
static uint32_t
next_cp(const unsigned char **p)
{
	uint32_t	 c;
	int		 k;

	if (**p < 0x80)
		return *(*p)++;
	k = **p >= 0xf0 ? 3 : **p >= 0xe0 ? 2 : 1;
	c = *(*p)++ & (0x3f >> k);
	while (k-- > 0 && (**p & 0xc0) == 0x80)
		c = c << 6 | (*(*p)++ & 0x3f);
	return c;
}

static int
combining(uint32_t c)
{
	return (c >= 0x0300 && c <= 0x036f) || (c >= 0x1ab0 && c <= 0x1aff) ||
	    (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
	    (c >= 0xfe20 && c <= 0xfe2f);
}

/* NULL, or why text s (valid UTF-8) cannot be kept as it is. */
static const char *
text_problem(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c;
	int			 run = 0;

	while (*p != '\0') {
		c = next_cp(&p);
		if (invisible(c))
			return "含有看不见的控制字符（如方向控制符、零宽字符），请删除后重新填写";
		run = combining(c) ? run + 1 : 0;
		if (run > COMBINING_MAX)
			return "含有过多叠加的组合符号，请删除后重新填写";
	}
	return NULL;
}

/* s without the Unicode spaces at either end (unicode_space). */
static char *
trim(struct arena *a, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *q, *end;

	for (q = p; *q != '\0' && unicode_space(next_cp(&q)); p = q)
		;
	/* The end of the last character that is not a space. */
	for (end = q = p; *q != '\0'; )
		if (!unicode_space(next_cp(&q)))
			end = q;
	return arena_strndup(a, (const char *)p, (size_t)(end - p));
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/*
 * A mobile number as people type it, reduced to its digits: spaces
 * (U+3000 too) and dashes (-, U+FF0D, U+2212, U+2013, U+2014) are
 * dropped, full-width digits become ASCII, and the country code goes:
 * "+86 138 0000 0003", "86-13800000003" and "0086 13800000003" all give
 * "13800000003" (issue 8: owners type what their phone shows). Anything
 * else is kept as it is, so the 11-digit check after it refuses it.
 */
static const char *
phone_digits(struct arena *a, const char *s)
{
	static const char *const skip[] = { " ", "-", "\xe3\x80\x80",
	    "\xef\xbc\x8d", "\xe2\x88\x92", "\xe2\x80\x93",
	    "\xe2\x80\x94", NULL };
	char		*out = arena_strdup(a, s), *p = out;	/* never longer */
	const char	*q;
	size_t		 i, n;
	int		 plus = 0;

	if (*s == '+' || strncmp(s, "\xef\xbc\x8b", 3) == 0) {
		plus = 1;
		s += *s == '+' ? 1 : 3;		/* +, or full-width ＋ */
	}
	while (*s != '\0') {
		for (i = 0; skip[i] != NULL; i++)
			if (strncmp(s, skip[i], strlen(skip[i])) == 0)
				break;
		if (skip[i] != NULL) {
			s += strlen(skip[i]);
			continue;
		}
		/* U+FF10..U+FF19: EF BC 90..99 */
		if ((unsigned char)s[0] == 0xef && (unsigned char)s[1] == 0xbc &&
		    (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99) {
			*p++ = (char)('0' + ((unsigned char)s[2] - 0x90));
			s += 3;
			continue;
		}
		*p++ = *s++;
	}
	*p = '\0';
	n = strlen(out);
	q = out;
	if (plus && strncmp(q, "86", 2) == 0)
		q += 2;
	else if (!plus && n == 15 && strncmp(q, "0086", 4) == 0)
		q += 4;
	else if (!plus && n == 13 && strncmp(q, "86", 2) == 0)
		q += 2;
	else if (plus)
		return arena_printf(a, "+%s", out);	/* not China: refused */
	return q;
}

/* s with full-width digits (an input method's １２) read as ASCII
 * (width.h); s itself when it holds anything else. */
static const char *
ascii_digits(struct arena *a, const char *s)
{
	const char	*p = s;
	char		*out = arena_alloc(a, strlen(s) + 1);
	size_t		 n = 0;
	int32_t		 c;

	while ((c = width_next(&p)) != 0) {
		if (c < '0' || c > '9')
			return s;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return out;
}

const char *
valid_one(struct req *r, const struct field *f, const char *raw,
    struct fval *v)
{
	struct arena	*a = r->a;
	struct date	 d;
	enum money_err	 me;
	const char	*bad;
	size_t		 n, i;
	int64_t		 x;
	char		 lo[MONEY_FMT_MAX], hi[MONEY_FMT_MAX];

	memset(v, 0, sizeof(*v));
	v->s = raw ? (f->type == V_PASSWORD ? raw : trim(a, raw)) : "";
	v->set = v->s[0] != '\0';
	if (!v->set) {
		/* a choice is chosen, not typed (an owner's trial) */
		if (f->flags & V_REQUIRED)
			v->err = arena_printf(a, f->type == V_CHOICE ?
			    "请选择%s" : "请填写%s", f->label);
		return v->err;
	}
	switch (f->type) {
	case V_TEXT:
	case V_PASSWORD:
		if (f->type == V_TEXT && (bad = text_problem(v->s)) != NULL) {
			v->err = arena_printf(a, "%s%s", f->label, bad);
			break;
		}
		n = valid_utf8_len(v->s);
		if (f->min > 0 && n < (size_t)f->min)
			v->err = arena_printf(a, "%s至少需要 %lld 个字",
			    f->label, (long long)f->min);
		else if (f->max > 0 && n > (size_t)f->max)
			v->err = arena_printf(a, "%s最多 %lld 个字",
			    f->label, (long long)f->max);
		break;
	case V_INT:
		v->s = ascii_digits(a, v->s);	/* "１２" is 12 */
		/* a minus sign is below any range here: say the range (a
		 * trial's score -1 was told to be a whole number) */
		if (v->s[0] == '-' && v->s[1] != '\0' && all_digits(v->s + 1)) {
			v->err = f->max >= INT64_MAX / 2 ?
			    arena_printf(a, "请重新选择%s", f->label) :
			    arena_printf(a, "%s须在 %lld 至 %lld 之间", f->label,
			    (long long)f->min, (long long)f->max);
			break;
		}
		if (!all_digits(v->s) || strlen(v->s) > 15) {
			v->err = arena_printf(a, "%s请填写整数", f->label);
			break;
		}
		for (x = 0, i = 0; v->s[i]; i++)
			x = x * 10 + (v->s[i] - '0');
		/* a record's id (max INT64_MAX / 2, picked from a list, never
		 * typed) has no range worth telling: a trial read "须在 1 至
		 * 4611686018427387903 之间" */
		if ((x < f->min || x > f->max) && f->max >= INT64_MAX / 2)
			v->err = arena_printf(a, "请重新选择%s", f->label);
		else if (x < f->min || x > f->max)
			v->err = arena_printf(a, "%s须在 %lld 至 %lld 之间",
			    f->label, (long long)f->min, (long long)f->max);
		v->i = x;
		break;
	case V_MONEY:
		me = money_parse(v->s, &v->i);
		/* Shown next to the field's label: it is not repeated. */
		if (me != MONEY_OK)
			v->err = money_strerror(me);
		else if (v->i < f->min || v->i > f->max)
			v->err = arena_printf(a, "须在 %s 至 %s 元之间",
			    money_fmt(lo, f->min), money_fmt(hi, f->max));
		break;
	case V_DECIMAL2:
		/* The same exact parser as money: digits, point, 2 decimals. */
		me = money_parse(v->s, &v->i);
		if (me == MONEY_DECIMALS)
			v->err = arena_printf(a, "%s最多保留两位小数",
			    f->label);
		else if (me != MONEY_OK)
			v->err = arena_printf(a,
			    "%s请填写数字，例如 123.45", f->label);
		else if (v->i < f->min || v->i > f->max)
			v->err = arena_printf(a, "%s须在 %lld.%02lld 至 "
			    "%lld.%02lld 之间", f->label, (long long)f->min / 100,
			    (long long)f->min % 100, (long long)f->max / 100,
			    (long long)f->max % 100);
		break;
	case V_DATE:
		if (cal_parse(v->s, &d) < 0)
			v->err = arena_printf(a,
			    "%s不是有效日期，请按 2025-01-31 的格式填写",
			    f->label);
		else
			v->i = (int64_t)d.y * 10000 + d.m * 100 + d.d;
		break;
	case V_MONTH:
		if (strlen(v->s) != 7 || v->s[4] != '-' ||
		    cal_parse(arena_printf(a, "%s-01", v->s), &d) < 0)
			v->err = arena_printf(a,
			    "%s不是有效月份，请按 2025-01 的格式填写", f->label);
		else
			v->i = (int64_t)d.y * 12 + d.m - 1;
		break;
	case V_PHONE:
		v->s = phone_digits(a, v->s);
		if (strlen(v->s) != 11 || !all_digits(v->s) || v->s[0] != '1')
			v->err = arena_printf(a,
			    "%s应为 11 位手机号码", f->label);
		break;
	case V_DIGITS:
		/* "１２３４５６" from a Chinese input method is 123456 (a
		 * breaker's trial: a code so typed was refused) */
		v->s = ascii_digits(a, v->s);
		n = strlen(v->s);
		if (!all_digits(v->s))
			v->err = arena_printf(a, "%s只能填写数字", f->label);
		else if (n < (size_t)f->min || n > (size_t)f->max)
			v->err = arena_printf(a, "%s请填写 %lld 至 %lld 位数字",
			    f->label, (long long)f->min, (long long)f->max);
		break;
	case V_TOKEN:
		n = strspn(v->s, "0123456789abcdef");
		if (v->s[n] != '\0' || n < (size_t)f->min ||
		    n > (size_t)f->max)
			v->err = "表单已过期，请刷新页面后重新填写";
		break;
	case V_CHOICE:
		v->err = arena_printf(a, "请从列表中选择%s", f->label);
		for (i = 0; f->choices != NULL && f->choices[i] != NULL; i++)
			if (strcmp(f->choices[i], v->s) == 0) {
				v->i = (int64_t)i;
				v->err = NULL;
				break;
			}
		break;
	}
	return v->err;
}

int
valid_fields(struct req *r, const struct field *f, size_t n, struct fval *out)
{
	size_t	 i;
	int	 errs = 0;

	for (i = 0; i < n; i++)
		if (valid_one(r, &f[i], http_param(r, f[i].name), &out[i]))
			errs++;
	return errs;
}

int
valid_date_range(struct req *r, struct fval *v, struct date lo,
    struct date hi, const char *before_fmt, const char *after_fmt)
{
	struct date	 d;
	char		 day[11];

	if (v->err != NULL || !v->set || cal_parse(v->s, &d) < 0)
		return 0;
	if (cal_cmp(d, lo) < 0)
		v->err = arena_printf(r->a, before_fmt,
		    label_date(r->a, cal_fmt(day, lo)));
	else if (cal_cmp(d, hi) > 0)
		v->err = arena_printf(r->a, after_fmt,
		    label_date(r->a, cal_fmt(day, hi)));
	return v->err != NULL;
}

/* KEY + suffix, the field's name upper-cased, into key. */
static const char *
field_key(char *key, const char *name, const char *suffix)
{
	size_t	 j;

	for (j = 0; name[j] != '\0' && j < HTTP_KEY_MAX; j++)
		key[j] = (char)toupper((unsigned char)name[j]);
	strcpy(key + j, suffix);
	return key;
}

void
valid_to_tmpl(struct tmpl *d, const struct field *f, size_t n,
    const struct fval *v)
{
	struct tmpl	*sum = NULL, *row;
	char		 key[HTTP_KEY_MAX + 8];
	size_t		 i;
	int64_t		 nerr = 0;
	int		 focus = 0;

	for (i = 0; i < n; i++) {
		if (f[i].type != V_PASSWORD)
			tmpl_set(d, field_key(key, f[i].name, "_VAL"), v[i].s);
		if (v[i].err == NULL)
			continue;
		tmpl_set(d, field_key(key, f[i].name, "_ERR"), v[i].err);
		if (sum == NULL)
			sum = tmpl_include(d, "ERROR_SUMMARY", "form_errors.tpl");
		nerr++;
		row = tmpl_row(sum, "ERROR");
		/* The summary stands away from the fields: name each one. */
		if (strstr(v[i].err, f[i].label) != NULL)
			tmpl_set(row, "ERROR_TEXT", v[i].err);
		else
			tmpl_setf(row, "ERROR_TEXT", "%s：%s", f[i].label,
			    v[i].err);
		if (f[i].type == V_TOKEN) {
			tmpl_show(row, "ERROR_PLAIN");	/* a hidden field */
			continue;
		}
		tmpl_show(row, "ERROR_LINK");
		tmpl_set(row, "ERROR_FIELD", f[i].name);
		if (!focus++)
			tmpl_show(d, field_key(key, f[i].name, "_FOCUS"));
	}
	if (sum != NULL)
		tmpl_set_int(sum, "ERROR_COUNT", nerr);
}
