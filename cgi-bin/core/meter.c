/*
 * meter.c - the plausibility limits of a meter reading (meter.h).
 */
#include <string.h>

#include "meter.h"

enum meter_period
meter_period_check(int64_t period, int64_t first_billed, struct date today,
    int64_t *earliest)
{
	int64_t	 now = (int64_t)today.y * 12 + today.m - 1;

	*earliest = now - METER_MONTHS_BACK;
	if (first_billed > *earliest && first_billed <= now)
		*earliest = first_billed;
	if (period > now)
		return METER_PERIOD_FUTURE;
	if (period < *earliest)
		return METER_PERIOD_TOO_OLD;
	return METER_PERIOD_OK;
}

int64_t
meter_usage_cap(const char *unit, int64_t cap_x100)
{
	if (cap_x100 > 0)
		return cap_x100;
	if (unit != NULL && strcmp(unit, "吨") == 0)
		return INT64_C(500) * 100;
	if (unit != NULL && strcmp(unit, "度") == 0)
		return INT64_C(20000) * 100;
	return INT64_C(10000) * 100;
}
