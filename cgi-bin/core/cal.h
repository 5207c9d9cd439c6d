/*
 * cal.h - calendar dates in China Standard Time (UTC+8, no DST).
 */
#ifndef PROPFEE_CAL_H
#define PROPFEE_CAL_H

#include <stdint.h>

struct date {
	int	y, m, d;
};

/* Today in Asia/Shanghai, whatever the machine's zone. */
struct date	cal_today(void);
/* Now as "YYYY-MM-DD HH:MM:SS" in Asia/Shanghai, into buf (20 bytes). */
char		*cal_now(char *buf);
/* Parses "YYYY-MM-DD" (a real date). Returns 0 or -1. */
int		cal_parse(const char *, struct date *);
/* "YYYY-MM-DD" into buf (11 bytes). */
char		*cal_fmt(char *buf, struct date);
int		cal_valid(struct date);
int		cal_days_in_month(int y, int m);
/* -1, 0, 1 as a is before, equal to, after b. */
int		cal_cmp(struct date a, struct date b);
/*
 * Whole months from a to b, as MariaDB's TIMESTAMPDIFF(MONTH, a, b):
 * 2025-01-31 to 2025-02-28 is 0, to 2025-03-01 is 1. Negative if b < a.
 */
int		cal_months_between(struct date a, struct date b);
/* The day after d. */
struct date	cal_next_day(struct date d);
/* d moved n days (either way; a loop, for spans of a few years). */
struct date	cal_add_days(struct date d, int n);
/* Days from a to b: negative if b is before a. */
long		cal_days_between(struct date a, struct date b);
/* The first day of month index ym = y * 12 + m - 1 (as V_MONTH gives). */
struct date	cal_from_month(int64_t ym);
/* Adds n months, clamping the day to the month's end. */
struct date	cal_add_months(struct date, int n);

#endif
