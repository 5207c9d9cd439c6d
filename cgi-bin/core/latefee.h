/*
 * latefee.h - late fees (滞纳金, issue 13): the pure computation. Off by
 * default; many estates never charge them and local rules differ.
 *
 * One principal bill's late fee through a day: for each day after its
 * (effective, deferral.h) due date plus the estate's grace days, the
 * principal still owed at the end of that day times the daily rate -
 * never on late fees already charged (no compounding) and not on a day
 * the household is under a hardship deferral - summed exactly in
 * fen x rate units and rounded down to the fen once, then capped at
 * cap_bp of the principal, never above the principal itself.
 *
 * The rate is in parts per 100,000 a day (万分之五 = 50); the cap in basis
 * points of the principal (10000: the principal). Integers only.
 *
 * Status: the computation and its unit tests (tests/unit/
 * test_latefee.c). Not wired yet: the estate settings, the worker job
 * that bills the increments as separate late-fee bills, their display
 * and principal-first allocation are the next steps (see the report of
 * the defer branch).
 */
#ifndef PROPFEE_LATEFEE_H
#define PROPFEE_LATEFEE_H

#include <stdint.h>

#include "cal.h"

#define LATEFEE_RATE_DENOM	100000	/* the rate's unit: 1/100,000 a day */
#define LATEFEE_RATE_MAX	1000	/* 1 % a day: nothing sane is higher */
#define LATEFEE_CAP_BP_MAX	10000	/* never above the principal */

struct latefee_rule {
	int	 rate;		/* per LATEFEE_RATE_DENOM of the owed, a day */
	int	 grace_days;	/* days after the due date without a fee */
	int	 cap_bp;	/* cap, basis points of the principal */
};

/* What reduced the principal owed, on a day: a payment's allocation (or
 * its reversal, negative), a waiver. From that day on it is not owed. */
struct latefee_pay {
	struct date	 day;
	int64_t		 fen;
};

/* Days the household was under a deferral: first .. last, inclusive. */
struct latefee_span {
	struct date	 first, last;
};

/*
 * The late fee, in fen, that principal (fen) due on `due` has earned by
 * the end of day `through` under rule r, given what reduced it (pays, in
 * any order) and the household's deferred days. 0 for a rule with no
 * rate, a bill not yet late, or one paid in time. Never negative, never
 * above the cap or the principal.
 */
int64_t	 latefee_amount(const struct latefee_rule *r, int64_t principal,
	    struct date due, const struct latefee_pay *pays, int npays,
	    const struct latefee_span *deferred, int ndeferred,
	    struct date through);

/*
 * SQL: the first key of an ORDER BY of a household's open bills b, so a
 * payment pays its principal bills before its late-fee bills (bills.late_of,
 * sql/043) unless the estate chose every bill oldest first. Ends in ", ".
 */
#define LATEFEE_ORDER_SQL \
    "(b.late_of <> 0 AND EXISTS (SELECT 1 FROM estates lfe" \
    " WHERE lfe.id = b.estate_id AND lfe.late_fee_principal_first = 1)), "

/* 1 if the rule is one a settings page may save, else 0. */
int	 latefee_rule_ok(const struct latefee_rule *r);

#endif
