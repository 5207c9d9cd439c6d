/*
 * cal.c - dates without time zones: propfee's dates are all in UTC+8.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cal.h"

#define CST_OFFSET	(8 * 3600)

struct date
cal_today(void)
{
	time_t		 t = time(NULL) + CST_OFFSET;
	struct tm	 tm;
	struct date	 d;

	gmtime_r(&t, &tm);
	d.y = tm.tm_year + 1900;
	d.m = tm.tm_mon + 1;
	d.d = tm.tm_mday;
	return d;
}

char *
cal_now(char *buf)
{
	time_t		 t = time(NULL) + CST_OFFSET;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, 20, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

int
cal_days_in_month(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[(m - 1) % 12];
}

int
cal_valid(struct date d)
{
	return d.y >= 1900 && d.y <= 9999 && d.m >= 1 && d.m <= 12 &&
	    d.d >= 1 && d.d <= cal_days_in_month(d.y, d.m);
}

int
cal_parse(const char *s, struct date *out)
{
	struct date	 d;
	int		 i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	d.y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	d.m = (s[5] - '0') * 10 + (s[6] - '0');
	d.d = (s[8] - '0') * 10 + (s[9] - '0');
	if (!cal_valid(d))
		return -1;
	*out = d;
	return 0;
}

char *
cal_fmt(char *buf, struct date d)
{
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d.y % 10000u,
	    (unsigned)d.m % 100u, (unsigned)d.d % 100u);
	return buf;
}

int
cal_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

int
cal_months_between(struct date a, struct date b)
{
	int	 n = (b.y - a.y) * 12 + (b.m - a.m);

	if (n > 0 && b.d < a.d)
		n--;
	else if (n < 0 && b.d > a.d)
		n++;
	return n;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long
day_number(struct date d)
{
	long	 y = d.y, m = d.m;

	if (m <= 2) {
		y--;
		m += 12;
	}
	return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 +
	    d.d - 719469;
}

struct date
cal_next_day(struct date d)
{
	if (++d.d > cal_days_in_month(d.y, d.m)) {
		d.d = 1;
		if (++d.m > 12) {
			d.m = 1;
			d.y++;
		}
	}
	return d;
}

struct date
cal_add_days(struct date d, int n)
{
	for (; n > 0; n--)
		d = cal_next_day(d);
	for (; n < 0; n++)
		if (--d.d == 0) {
			if (--d.m == 0) {
				d.m = 12;
				d.y--;
			}
			d.d = cal_days_in_month(d.y, d.m);
		}
	return d;
}

long
cal_days_between(struct date a, struct date b)
{
	return day_number(b) - day_number(a);
}

struct date
cal_from_month(int64_t ym)
{
	struct date	 d;

	d.y = (int)(ym / 12);
	d.m = (int)(ym % 12) + 1;
	d.d = 1;
	return d;
}

struct date
cal_add_months(struct date d, int n)
{
	int	 m = d.y * 12 + (d.m - 1) + n;
	int	 dim;

	d.y = m / 12;
	d.m = m % 12 + 1;
	dim = cal_days_in_month(d.y, d.m);
	if (d.d > dim)
		d.d = dim;
	return d;
}
