/*
 * latefee.c - late fees (latefee.h): the pure computation.
 */
#include "latefee.h"

int
latefee_rule_ok(const struct latefee_rule *r)
{
	return r->rate >= 0 && r->rate <= LATEFEE_RATE_MAX &&
	    r->grace_days >= 0 && r->grace_days <= 365 &&
	    r->cap_bp >= 0 && r->cap_bp <= LATEFEE_CAP_BP_MAX;
}

static int
deferred_on(const struct latefee_span *s, int n, struct date day)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (cal_cmp(s[i].first, day) <= 0 && cal_cmp(day, s[i].last) <= 0)
			return 1;
	return 0;
}

int64_t
latefee_amount(const struct latefee_rule *r, int64_t principal,
    struct date due, const struct latefee_pay *pays, int npays,
    const struct latefee_span *deferred, int ndeferred, struct date through)
{
	struct date	 day;
	int64_t		 units = 0, owed, cap, fee;
	int		 i;

	if (r->rate <= 0 || principal <= 0 || r->cap_bp <= 0)
		return 0;
	/* the first day that may carry a fee */
	day = cal_add_days(due, r->grace_days + 1);
	cap = principal * (r->cap_bp > LATEFEE_CAP_BP_MAX ? LATEFEE_CAP_BP_MAX :
	    r->cap_bp) / 10000;
	for (; cal_cmp(day, through) <= 0; day = cal_add_days(day, 1)) {
		if (deferred_on(deferred, ndeferred, day))
			continue;
		owed = principal;
		for (i = 0; i < npays; i++)
			if (cal_cmp(pays[i].day, day) <= 0)
				owed -= pays[i].fen;
		if (owed <= 0)
			continue;
		if (owed > principal)
			owed = principal;
		units += owed * r->rate;
		/* past the cap already: nothing more can count */
		if (units / LATEFEE_RATE_DENOM >= cap)
			break;
	}
	fee = units / LATEFEE_RATE_DENOM;
	return fee > cap ? cap : fee;
}
