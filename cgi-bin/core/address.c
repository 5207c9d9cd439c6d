/*
 * address.c - a premises as people type it, and natural order (address.h).
 */
#include <string.h>

#include "address.h"
#include "width.h"

enum { K_NONE = -1, K_BUILDING, K_UNIT, K_ROOM, K__MAX };

#define MAX_PARTS	3

struct part {
	char	 v[ADDRESS_PART_MAX];	/* the value, ASCII upper-cased or a name */
	char	 typed[ADDRESS_PART_MAX]; /* value and marker as typed */
	int	 kind;
	int	 name;			/* Chinese characters, not a number */
};

/* The character at p, not moving past it. */
static int32_t
peek(const char *p)
{
	return width_next(&p);
}

/*
 * The marker at *p (栋 幢 座 号楼 #, 单元 单, 室 号 房): moves past it and
 * returns its kind, or K_NONE without moving.
 */
static int
marker(const char **p)
{
	const char	*s = *p, *t;
	int32_t		 c = width_next(&s), d;

	t = s;
	d = width_next(&t);
	switch (c) {
	case 0x680b:			/* 栋 */
	case 0x5e62:			/* 幢 */
	case 0x5ea7:			/* 座 */
	case '#':
		*p = s;
		return K_BUILDING;
	case 0x5355:			/* 单, 单元 */
		*p = d == 0x5143 ? t : s;
		return K_UNIT;
	case 0x53f7:			/* 号楼, 号 */
		*p = d == 0x697c ? t : s;
		return d == 0x697c ? K_BUILDING : K_ROOM;
	case 0x5ba4:			/* 室 */
	case 0x623f:			/* 房 */
		*p = s;
		return K_ROOM;
	}
	return K_NONE;
}

static int
separator(int32_t c)
{
	return c == '-' || c == '/' || c == '_' || c == ' ' || c == '\t' ||
	    c == 0x2013 || c == 0x2014;		/* – — */
}

static int
alnum(int32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z');
}

/* A run of Chinese characters (a building's name) goes on at p. */
static int
name_char(const char *p)
{
	int32_t	 c = peek(p);

	return c >= 0x80 && !separator(c) && marker(&p) == K_NONE;
}

/* Copies bytes [from, to) into out (ADDRESS_PART_MAX); -1 if too long. */
static int
copy(char *out, const char *from, const char *to)
{
	size_t	 n = (size_t)(to - from);

	if (n >= ADDRESS_PART_MAX)
		return -1;
	memcpy(out, from, n);
	out[n] = '\0';
	return 0;
}

/* Reads the parts of s into p[]; returns how many, or -1. */
static int
split(const char *s, struct part *p)
{
	const char	*start;
	int32_t		 c;
	size_t		 len;
	int		 n = 0;

	for (;;) {
		while (separator(c = peek(s)))
			(void)width_next(&s);
		if (c == 0)
			return n;
		if (n == MAX_PARTS)
			return -1;
		memset(&p[n], 0, sizeof(p[n]));
		start = s;
		if (alnum(c)) {
			for (len = 0; alnum(c = peek(s)); len++) {
				if (len == 16)
					return -1;	/* unit, room: 16 */
				p[n].v[len] = (char)(c >= 'a' ? c - 32 : c);
				(void)width_next(&s);
			}
		} else if (name_char(s)) {
			while (name_char(s))
				(void)width_next(&s);
			if (copy(p[n].v, start, s) < 0)
				return -1;
			p[n].name = 1;
		} else
			return -1;	/* a marker alone, a sign, bad UTF-8 */
		while ((c = peek(s)) == ' ' || c == '\t')
			(void)width_next(&s);	/* "3 栋" */
		p[n].kind = marker(&s);
		if (p[n].kind == K_BUILDING && copy(p[n].typed, start, s) < 0)
			return -1;
		n++;
	}
}

int
address_parse(const char *s, struct address *out)
{
	struct part	 p[MAX_PARTS];
	char		*dst[K__MAX];
	int		 n, i, j, k, m, first, next, last = K_NONE;

	memset(out, 0, sizeof(*out));
	if (s == NULL || (n = split(s, p)) <= 0)
		return -1;
	for (i = 0; i < n; i++) {
		/* A name is a building's: 商业街, never a unit or a room. */
		if (p[i].name && p[i].kind == K_NONE)
			p[i].kind = K_BUILDING;
		if (p[i].name && p[i].kind != K_BUILDING)
			return -1;
		/* Marked parts come building, unit, room, each once. */
		if (p[i].kind != K_NONE) {
			if (p[i].kind <= last)
				return -1;
			last = p[i].kind;
		}
	}
	/*
	 * Each run of unmarked parts fills the slots between the marked
	 * parts around it: in order when it fills them all; a run at the
	 * end keeps its last part for the room ("3-301", "3栋301").
	 */
	for (i = 0, last = K_NONE; i < n; i = j) {
		if (p[i].kind != K_NONE) {
			last = p[i].kind;
			j = i + 1;
			continue;
		}
		for (j = i; j < n && p[j].kind == K_NONE; j++)
			;
		m = j - i;
		first = last + 1;
		next = j < n ? p[j].kind : K__MAX;
		if (m > next - first)
			return -1;
		for (k = 0; k < m; k++)
			p[i + k].kind = m < next - first && next == K__MAX &&
			    k == m - 1 ? K_ROOM : first + k;
	}
	dst[K_BUILDING] = out->building;
	dst[K_UNIT] = out->unit;
	dst[K_ROOM] = out->room;
	for (i = 0; i < n; i++)
		strcpy(dst[p[i].kind], p[i].v);	/* units, rooms: 16 at most */
	for (i = 0; i < n; i++)
		if (p[i].kind == K_BUILDING)
			strcpy(out->building_typed, p[i].typed);
	return n;
}

int
address_natcmp(const char *a, const char *b)
{
	const unsigned char	*x = (const unsigned char *)a;
	const unsigned char	*y = (const unsigned char *)b;
	size_t			 lx, ly;
	int			 c;

	while (*x != '\0' && *y != '\0') {
		if (*x >= '0' && *x <= '9' && *y >= '0' && *y <= '9') {
			while (*x == '0' && x[1] >= '0' && x[1] <= '9')
				x++;
			while (*y == '0' && y[1] >= '0' && y[1] <= '9')
				y++;
			for (lx = 0; x[lx] >= '0' && x[lx] <= '9'; lx++)
				;
			for (ly = 0; y[ly] >= '0' && y[ly] <= '9'; ly++)
				;
			if (lx != ly)
				return lx < ly ? -1 : 1;
			if ((c = memcmp(x, y, lx)) != 0)
				return c;
			x += lx;
			y += ly;
			continue;
		}
		if (*x != *y)
			return *x < *y ? -1 : 1;
		x++;
		y++;
	}
	return (*x != '\0') - (*y != '\0');
}
