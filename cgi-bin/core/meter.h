/*
 * meter.h - what a meter reader expects of a reading (抄表) before it
 * becomes a bill: a month that has begun and is not long past, and a
 * usage a home or shop can plausibly register in a month. A reading
 * beyond them is refused, with the limit named (the trial of issue 8: a
 * typed 99999999.99 made a ¥345 million bill, a period of 1999-12 was
 * accepted). Pure functions: the page reads the estate and item.
 */
#ifndef PROPFEE_METER_H
#define PROPFEE_METER_H

#include <stdint.h>

#include "cal.h"

/*
 * How far back a reading may be entered, in months before this one. A
 * reading more than a year late is a slip of the keyboard or of the
 * month picker, not a meter read last year: its bill would reach the
 * owner for a period nobody can check any more.
 */
#define METER_MONTHS_BACK	12

enum meter_period {
	METER_PERIOD_OK = 0,
	METER_PERIOD_FUTURE,		/* a month not begun */
	METER_PERIOD_TOO_OLD		/* before *earliest */
};

/*
 * Whether a reading of month index period (y * 12 + m - 1, as V_MONTH
 * gives) may be entered on day today: not after this month, and not
 * before the earliest month allowed, which is METER_MONTHS_BACK months
 * before this one or the estate's first billed month (first_billed, a
 * month index; -1 when the estate has billed nothing), whichever is
 * later - no period before the estate's billing began is billed.
 * Sets *earliest (a month index) either way.
 */
enum meter_period meter_period_check(int64_t period, int64_t first_billed,
	    struct date today, int64_t *earliest);

/*
 * The most a meter item may register in one month, in units x 100: the
 * item's own cap (cap_x100 > 0, fee_items.usage_cap_x100) or else the
 * default for its unit: 500 吨 of water (a restaurant's month; a home
 * uses 5 to 30), 20,000 度 of electricity (a shop running air
 * conditioning all month; a home uses 100 to 1,000), 10,000 of anything
 * else. Generous on purpose: they catch the extra digits of a typing
 * slip, not a household that used more than last month.
 */
int64_t	meter_usage_cap(const char *unit, int64_t cap_x100);

#endif
