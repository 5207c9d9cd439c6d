/*
 * width.c - full-width characters read as their ASCII twins (width.h).
 */
#include "width.h"

int32_t
width_next(const char **p)
{
	const unsigned char	*s = (const unsigned char *)*p;
	int32_t			 c;
	int			 k, i;

	if (*s < 0x80) {
		if (*s != '\0')
			(*p)++;
		return *s;
	}
	k = *s >= 0xf0 ? 3 : *s >= 0xe0 ? 2 : *s >= 0xc0 ? 1 : 0;
	if (k == 0) {
		(*p)++;
		return WIDTH_BAD;
	}
	c = *s & (0x3f >> k);
	for (i = 1; i <= k; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*p = (const char *)s + i;
			return WIDTH_BAD;
		}
		c = c << 6 | (s[i] & 0x3f);
	}
	*p = (const char *)s + k + 1;
	if (c >= 0xff01 && c <= 0xff5e)
		return c - 0xfee0;
	if (c == 0x3000)
		return ' ';
	return c;
}

int
utf8_text_ok(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0;
	unsigned		 c, need, cp, min;

	while (i < n) {
		c = p[i++];
		if (c < 0x80) {
			if (c == 0 || (c < 0x20 && c != '\t' && c != '\r' &&
			    c != '\n') || c == 0x7f)
				return 0;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			cp = c & 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			cp = c & 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			cp = c & 0x07;
			min = 0x10000;
		} else
			return 0;
		if (n - i < need)
			return 0;
		while (need--) {
			c = p[i++];
			if ((c & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (c & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
	}
	return 1;
}
