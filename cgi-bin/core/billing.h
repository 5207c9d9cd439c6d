/*
 * billing.h - billing runs: the bills of one estate (or every estate) up
 * to one month.
 *
 * A run makes, for each premises, one bill per fee item billed by area
 * (rate x m2 x months) or as a fixed amount per period, at the rate in
 * force for the period, plus one bill per meter reading (rate x units).
 * Homes are billed monthly; an occupancy billed quarterly (shops) gets
 * one three-month bill per fee item for the quarter, so property fee and
 * rent come on one combined bill. Bills are due at the end of their
 * period, and never less than 15 days after they are made (a period
 * billed late does not fall due the day it appears). A period an
 * existing bill already covers is never billed again, so a cycle changed
 * from quarterly to monthly leaves the quarters billed as they were.
 *
 * DOMAIN.md (Premises and fees): a run for any month makes every bill
 * that should exist by then and does not yet - a shop's quarter that
 * started earlier, a month that was skipped - so no period is left
 * unbilled without the preview saying so. Which periods of each
 * occupancy were billed is kept in billing_periods; a run bills every
 * period of an occupancy from its first billed one to the run's month
 * that is not there (and its own month again, which makes only what is
 * missing).
 *
 * Runs are idempotent: bills are unique per premises, fee item and
 * period, and the INSERT ... SELECT skips what exists, so a second run
 * of a period makes nothing. Each chunk of premises is one transaction;
 * a prepaid balance then pays the household's open bills, oldest first
 * (prepaid.h). Items billed "by agreement" are billed per custody
 * agreement (空置房托管, core/custody.h): each agreement in force in a
 * period the run bills, its monthly fee, once per premises and month.
 */
#ifndef PROPFEE_BILLING_H
#define PROPFEE_BILLING_H

#include <stddef.h>
#include <stdint.h>

#include "occupancy.h"

#include "cal.h"

struct ctx;

#define BILLING_CHUNK		4000	/* premises per transaction */
#define BILLING_PERIODS_MAX	240	/* periods one run catches up */
#define BILLING_LINES_MAX	64	/* lines a preview lists */

/* "occupied", "vacant", "shop": the index used below. */

/* A month as y * 12 + m - 1 (as V_MONTH gives it). */
struct billing_mark {
	int64_t		 month;
	int		 occ;		/* occupancy_codes index */
};

/* A period a run bills, for the occupancies whose cycle starts then. */
struct billing_period {
	int64_t		 month;
	unsigned	 occ_mask;	/* 1 << occupancy index */
};

/*
 * Pure: the periods a run for `month` bills, oldest first. cycle[occ] is
 * each occupancy's cycle in months (1 or 3; 0: not billed); marks are the
 * periods billed already. For each occupancy, from its earliest mark (or
 * `month` when it has none) to `month`, every cycle start that is not
 * marked, and `month` itself. Returns how many were written to out (at
 * most max; the rest waits for the next run).
 */
size_t	billing_due_periods(const int cycle[OCCUPANCY__MAX],
	    const struct billing_mark *marks, size_t nmarks, int64_t month,
	    struct billing_period *out, size_t max);

/* One line of a preview: a period and occupancy, or meter bills, or
 * custody agreements' bills (billing_line.meter). */
#define BILLING_LINE_FIXED	0
#define BILLING_LINE_METER	1
#define BILLING_LINE_AGREEMENT	2
struct billing_line {
	int64_t	 month;		/* the period's first month */
	int	 months;	/* 1 or 3 */
	int	 occ;		/* occupancy_codes index, -1 unknown */
	int	 meter;		/* BILLING_LINE_*: area/fixed, meter, agreement */
	int	 earlier;	/* a period before the run's month */
	int64_t	 bills;
	int64_t	 amount;	/* fen */
};

struct billing_preview {
	int64_t			 bills;
	int64_t			 amount;		/* fen */
	int64_t			 by_occ_bills[OCCUPANCY__MAX];
	int64_t			 by_occ_amount[OCCUPANCY__MAX];
	int64_t			 meter_bills;
	int64_t			 earlier_bills;		/* of earlier periods */
	int64_t			 earlier_amount;
	struct billing_line	 lines[BILLING_LINES_MAX];
	size_t			 nlines;
};

/*
 * What a run for `period` (first day of a month) would make now, period
 * by period, earlier periods it would catch up marked. Returns 0 or -1.
 */
int	billing_preview(struct ctx *, int64_t estate_id, struct date period,
	    struct billing_preview *);

/*
 * Runs billing run run_id to the end (status running -> done or failed),
 * updating its progress after every chunk; propfee-worker's "billing.run"
 * job job_id, leased to owner. Run again after a failure or a dead
 * worker, it carries on: bills already made are skipped. Every chunk's
 * transaction, and the last, first checks the lease (job_fence): a
 * worker that lost it stops without writing. Returns 0, -1, or
 * BILLING_LEASE_LOST.
 */
#define BILLING_LEASE_LOST	2
int	billing_execute(struct ctx *, int64_t run_id, int64_t job_id,
	    const char *owner);

/*
 * The first period of occupancy occ (occupancy_codes index) not yet
 * billed in the estate: the cycle start after the latest period billed
 * (by a run, or any bill of a premises of that occupancy), or -1 when
 * nothing was billed. A rate change takes effect from it at the earliest
 * (DOMAIN.md, Premises and fees). *month is y * 12 + m - 1. Returns 0 or
 * -1 (a database failure).
 */
int	billing_first_open(struct ctx *, int64_t estate_id, int occ,
	    int64_t *month);

/*
 * A custody agreement made for a month a billing run has already passed
 * (core/custody.h): inside the caller's transaction, bills the
 * agreement of premises_id from `start` through the latest month of the
 * estate a run has billed or is billing, as the run would have (its
 * fee under its fee item, one bill per month, the same due date; no
 * run), each with an audit row ("custody.bill"), then lets a prepaid
 * balance pay them as a run does. Months no run has reached are left to
 * the runs. Adds the bills made and their sum to *made and *amount.
 * Returns 0 or -1.
 */
int	billing_agreement_now(struct ctx *, int64_t estate_id,
	    int64_t premises_id, struct date start, int64_t *made,
	    int64_t *amount);

#endif
