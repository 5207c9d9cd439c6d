/*
 * money.c - parsing, formatting and capital numerals for integer fen.
 */
#include <stdio.h>
#include <string.h>

#include "money.h"
#include "width.h"

/*
 * One typed character as money sees it: full-width forms as their ASCII
 * twins (width.h), currency signs and units as CH_CURRENCY, any other
 * non-ASCII character as CH_OTHER.
 */
#define CH_OTHER	(-1)
#define CH_CURRENCY	(-2)

static int
next_char(const unsigned char **p)
{
	int32_t	 c = width_next((const char **)p);

	if (c == 0x00a5 || c == 0xffe5 || c == 0x5143 || c == 0x5757)
		return CH_CURRENCY;		/* ¥ ￥ 元 块 */
	return c < 0x80 && c >= 0 ? (int)c : CH_OTHER;
}

enum money_err
money_parse(const char *s, int64_t *fen)
{
	const unsigned char	*p = (const unsigned char *)s, *q;
	int64_t			 whole = 0, frac = 0;
	int			 c, ndig = 0, nfrac = 0, group = 0, commas = 0;
	int			 range = 0;

	if (s == NULL)
		return MONEY_EMPTY;
	/* A currency anywhere or a leading minus: say so, not "syntax". */
	for (q = p; (c = next_char(&q)) != 0; )
		if (c == CH_CURRENCY)
			return MONEY_CURRENCY;
	while ((c = next_char(&p)) == ' ' || c == '\t')
		;
	if (c == 0)
		return MONEY_EMPTY;
	if (c == '-')
		return MONEY_NEGATIVE;
	/* The whole part: digits, commas every three of them. */
	for (;; c = next_char(&p)) {
		if (c >= '0' && c <= '9') {
			if (commas && group == 3)
				return MONEY_GROUPING;	/* "1,0000" */
			if (whole > MONEY_MAX / 100)
				range = 1;
			else
				whole = whole * 10 + (c - '0');
			ndig++;
			group++;
		} else if (c == ',') {
			if (ndig == 0 || group == 0 || group > 3 ||
			    (commas && group != 3))
				return MONEY_GROUPING;
			commas++;
			group = 0;
		} else
			break;
	}
	if (commas && group != 3)
		return MONEY_GROUPING;			/* "1,00", "1," */
	if (c == '.') {
		while ((c = next_char(&p)) >= '0' && c <= '9') {
			if (++nfrac > 2)
				return MONEY_DECIMALS;
			frac = frac * 10 + (c - '0');
		}
		if (nfrac == 1)
			frac *= 10;
		if (nfrac == 0 || ndig == 0)
			return MONEY_SYNTAX;	/* "12." or ".5" */
	}
	while (c == ' ' || c == '\t')
		c = next_char(&p);
	if (c != 0 || ndig == 0)
		return MONEY_SYNTAX;
	if (range || whole > MONEY_MAX / 100 || whole * 100 + frac > MONEY_MAX)
		return MONEY_RANGE;
	*fen = whole * 100 + frac;
	return MONEY_OK;
}

const char *
money_strerror(enum money_err e)
{
	switch (e) {
	case MONEY_OK:
		return "";
	case MONEY_EMPTY:
		return "请填写金额";
	case MONEY_SYNTAX:
		return "只能填写数字和小数点，例如 1000 或 1,000.50";
	case MONEY_DECIMALS:
		return "最多两位小数（到分），例如 12.35";
	case MONEY_RANGE:
		return "数额太大，请核对";
	case MONEY_NEGATIVE:
		return "不能是负数，请填写正数";
	case MONEY_GROUPING:
		return "千位逗号的位置不对：应每三位一个，例如 1,000.50，也可以不写逗号";
	case MONEY_CURRENCY:
		return "只填数字，不要带“元”或“¥”";
	}
	return "不是有效的金额";
}

static char *
fmt(char *buf, int64_t fen, int group)
{
	char		 digits[24];
	char		*p = buf;
	uint64_t	 u, whole;
	int		 n, i;

	if (fen < 0) {
		*p++ = '-';
		u = (uint64_t)0 - (uint64_t)fen;
	} else
		u = (uint64_t)fen;
	whole = u / 100;
	n = snprintf(digits, sizeof(digits), "%llu",
	    (unsigned long long)whole);
	for (i = 0; i < n; i++) {
		if (group && i > 0 && (n - i) % 3 == 0)
			*p++ = ',';
		*p++ = digits[i];
	}
	snprintf(p, MONEY_FMT_MAX - (size_t)(p - buf), ".%02u",
	    (unsigned)(u % 100));
	return buf;
}

char *
money_fmt(char *buf, int64_t fen)
{
	return fmt(buf, fen, 1);
}

char *
money_fmt_plain(char *buf, int64_t fen)
{
	return fmt(buf, fen, 0);
}

/* U+2212 MINUS SIGN, then the yuan sign: the way print writes a debit. */
#define MINUS_YUAN	"\xe2\x88\x92\xc2\xa5"
#define YUAN		"\xc2\xa5"

char *
money_display(char *buf, int64_t fen)
{
	char	 digits[MONEY_FMT_MAX];

	/* fmt() writes a negative amount with '-': the sign goes first. */
	fmt(digits, fen, 1);
	snprintf(buf, MONEY_FMT_MAX, "%s%s", fen < 0 ? MINUS_YUAN : YUAN,
	    digits + (fen < 0));
	return buf;
}

static const char *const cap_digit[10] = {
	"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"
};
static const char *const cap_small[4] = { "", "拾", "佰", "仟" };
/* Section units by position / 4: 元 is written separately. */
static const char *const cap_section[4] = { "", "万", "亿", "万" };

int
money_capital(char *buf, size_t sz, int64_t fen)
{
	char	 d[24];
	int	 n, i, pos, any = 0, zero = 0, section_nonzero = 0;
	int	 jiao, fenv;
	int64_t	 whole;
	size_t	 len;

	if (fen < 0 || fen > MONEY_MAX || sz < MONEY_CAPITAL_MAX)
		return -1;
	whole = fen / 100;
	jiao = (int)(fen / 10 % 10);
	fenv = (int)(fen % 10);

	len = (size_t)snprintf(buf, sz, "人民币");
#define PUT(s)	(len += (size_t)snprintf(buf + len, sz - len, "%s", (s)))

	if (whole > 0) {
		n = snprintf(d, sizeof(d), "%lld", (long long)whole);
		for (i = 0; i < n; i++) {
			pos = n - 1 - i;
			if (d[i] != '0') {
				if (zero)
					PUT("零");
				zero = 0;
				PUT(cap_digit[d[i] - '0']);
				PUT(cap_small[pos % 4]);
				any = section_nonzero = 1;
			} else if (any)
				zero = 1;
			if (pos % 4 == 0 && pos > 0) {
				if (section_nonzero)
					PUT(cap_section[pos / 4]);
				section_nonzero = 0;
			}
		}
		PUT("元");
	}
	if (jiao != 0) {
		if (zero)
			PUT("零");
		zero = 0;
		PUT(cap_digit[jiao]);
		PUT("角");
		any = 1;
	} else if (any)
		zero = 1;
	if (fenv != 0) {
		if (zero)
			PUT("零");
		PUT(cap_digit[fenv]);
		PUT("分");
	} else {
		if (!any)
			PUT("零元");
		PUT("整");
	}
#undef PUT
	return len < sz ? 0 : -1;
}

int64_t
money_muldiv(int64_t n, int64_t num, int64_t den)
{
	__int128	 p = (__int128)n * num;
	__int128	 q, r;

	if (den <= 0)
		return 0;
	q = p / den;
	r = p % den;
	if (r < 0)
		r = -r;
	if (2 * r >= den)
		q += p < 0 ? -1 : 1;
	return (int64_t)q;
}
