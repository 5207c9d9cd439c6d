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
