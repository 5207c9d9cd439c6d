/*
 * redirect.c - the one check on a redirect target taken from input
 * (redirect.h says what passes and why).
 */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "redirect.h"
#include "width.h"

/*
 * The code point at *p, which starts a valid UTF-8 sequence (the caller
 * checked the string with utf8_text_ok); advances *p past it.
 */
static uint32_t
next_cp(const unsigned char **p)
{
	const unsigned char	*s = *p;
	uint32_t		 cp;
	int			 more, i;

	if (s[0] < 0x80) {
		*p = s + 1;
		return s[0];
	}
	if (s[0] < 0xe0) {
		cp = s[0] & 0x1f;
		more = 1;
	} else if (s[0] < 0xf0) {
		cp = s[0] & 0x0f;
		more = 2;
	} else {
		cp = s[0] & 0x07;
		more = 3;
	}
	for (i = 1; i <= more; i++)
		cp = cp << 6 | (s[i] & 0x3f);
	*p = s + more + 1;
	return cp;
}

/* Control characters and whitespace, ASCII or not. */
static int
blank_or_control(uint32_t cp)
{
	return cp <= 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200b) || cp == 0x2028 ||
	    cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000 ||
	    cp == 0xfeff;
}

/* 1 if the path part (before ? or #) has a "." or ".." segment. */
static int
dot_segment(const char *s)
{
	size_t	 n;

	while (*s == '/') {
		s++;
		n = strcspn(s, "/?#");
		if ((n == 1 && s[0] == '.') ||
		    (n == 2 && s[0] == '.' && s[1] == '.'))
			return 1;
		s += n;
	}
	return 0;
}

/* One layer of the target, decoded or not: the rules of redirect.h. */
static int
layer_ok(const char *s, size_t len, const char *under)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*end = p + len;
	size_t			 n = strlen(under);
	uint32_t		 cp;

	if (len == 0 || s[0] != '/' || strlen(s) != len ||
	    !utf8_text_ok(s, len))
		return 0;
	while (p < end) {
		cp = next_cp(&p);
		if (blank_or_control(cp) || cp == '\\')
			return 0;
	}
	if (strstr(s, "//") != NULL || dot_segment(s))
		return 0;
	return strncmp(s, under, n) == 0 &&
	    (s[n] == '\0' || s[n] == '/' || s[n] == '?');
}

int
redirect_ok(struct arena *a, const char *target, const char *under)
{
	const char	*s = target;
	char		*next;
	size_t		 len, i;
	int		 round;

	if (s == NULL || (len = strlen(s)) == 0 || len > REDIRECT_MAX)
		return 0;
	/* As sent in the Location header: printable ASCII only. */
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return 0;
	for (round = 0; ; round++) {
		if (!layer_ok(s, len, under))
			return 0;
		if (strchr(s, '%') == NULL)
			return 1;
		if (round == REDIRECT_DECODES)
			return 0;
		next = form_decode(a, s, len, 0, &len);
		if (next == NULL)
			return 0;
		s = next;
	}
}
