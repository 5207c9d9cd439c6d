/*
 * billing.h - billing runs: the bills of one estate for one period.
 *
 * A run makes, for each premises, one bill per fee item billed by area
 * (rate x m2 x months) or as a fixed amount per period, at the rate in
 * force for the period, plus one bill per meter reading of the period
 * (rate x units). Homes are billed monthly; an occupancy billed
 * quarterly (shops) gets one three-month bill per fee item when the
 * period is the first month of a quarter, so property fee and rent come
 * on one combined bill. Bills are due at the end of their period.
 *
 * Runs are idempotent: bills are unique per premises, fee item and
 * period, and the INSERT ... SELECT skips what exists, so a second run
 * of a period makes nothing. Each chunk of premises is one set-based
 * INSERT ... SELECT in its own transaction; a prepaid balance then pays
 * the run's new bills. Items billed "by agreement" need an agreement per
 * premises and are not billed by runs.
 */
#ifndef PROPFEE_BILLING_H
#define PROPFEE_BILLING_H

#include <stdint.h>

#include "cal.h"

struct req;

#define BILLING_CHUNK	4000	/* premises per transaction */

struct billing_preview {
	int64_t	 bills;
	int64_t	 amount;
	int64_t	 premises;
	int64_t	 by_occ_bills[3];	/* occupied, vacant, shop */
	int64_t	 by_occ_amount[3];
	int64_t	 meter_bills;
};

/* What a run of period (first day of a month) would make now. */
int	billing_preview(struct req *, int64_t estate_id, struct date period,
	    struct billing_preview *);

/*
 * Runs billing run run_id to the end (status running -> done or failed),
 * updating its progress after every chunk. Returns 0 or -1.
 */
int	billing_execute(struct req *, int64_t run_id);

/* Claims the oldest queued run: 1 (run_id set), 0 (none) or -1. */
int	billing_claim(struct req *, int64_t *run_id);

/* At start-up: runs left "running" by a stopped program are queued again. */
int	billing_requeue(struct req *);

#endif
