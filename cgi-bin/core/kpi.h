/*
 * kpi.h - the figures the fee team is judged by (DOMAIN.md, KPIs), for an
 * estate and a date range, overall and by occupancy.
 *
 * Every figure is as at the end of the range, T: the midnight after its
 * last day, or now if that is sooner. Only records that existed at T
 * count (bills by bills.created_at, allocations, waivers, payments,
 * reversals, visits by their created_at): a backdated run, a later void
 * or a later payment never changes a past board. S is the range's first
 * midnight.
 *
 *	collection rate	amount paid by T on the bills DUE in the range /
 *			(their amount - waived by T); a bill not yet due
 *			is not in it. By households: households whose due
 *			bills were all paid / households with a due bill
 *			not wholly waived
 *	recovery	on the bills past due and open at S: what each got
 *			from S to T (payments less their reversals, never
 *			below 0 per bill, never above what it owed at S) /
 *			what they owed at S
 *	online share	payments by Alipay, WeChat Pay, UnionPay / all
 *	time to pay	median seconds from the pay page to the confirmation
 *			payments made in the range, by count and by amount
 *			(reversals and payments voided by T left out)
 *	visits		door-to-door trips (one per household, collector and
 *			day, however many payments), and those to owners
 *			over 80
 *	tiers		red / yellow / green households as they stood on
 *			the range's last day (today's, if it runs to today)
 *	enquiries	fee enquiries and disputes raised in the range and
 *			logged by T, by category and month, each with its
 *			outcome as at T (the latest answer written before
 *			T; 未答复 before any): enquiry.h, sql/035
 */
#ifndef PROPFEE_KPI_H
#define PROPFEE_KPI_H

#include <stddef.h>
#include <stdint.h>

#include "channel.h"
#include "occupancy.h"

#include "cal.h"
#include "enquiry.h"

struct ctx;

#define KPI_OCC		(OCCUPANCY__MAX + 1)	/* all, then occupancy + 1 */
#define KPI_MONTHS	36


struct kpi_month {
	struct date	 month;
	int64_t		 billed, paid;		/* this month's bills */
	int64_t		 collected;		/* payments received */
	int64_t		 pay_n, online_n;
	int64_t		 pay_secs;	/* median time to pay online, or DB_NULL */
};

struct kpi {
	struct date	 from, to;
	char		 asof[20];		/* T, "YYYY-MM-DD HH:MM:SS" */
	int		 now;			/* T is now: the range runs on */
	int64_t		 billed[KPI_OCC], paid[KPI_OCC];
	int64_t		 hh[KPI_OCC], hh_paid[KPI_OCC];
	int64_t		 arrears[KPI_OCC], recovered[KPI_OCC];
	int64_t		 pay_n[KPI_OCC], pay_amt[KPI_OCC];
	int64_t		 online_n[KPI_OCC], online_amt[KPI_OCC];
	int64_t		 ch_n[CHANNEL__MAX], ch_amt[CHANNEL__MAX];	/* by enum channel */
	int64_t		 visits[KPI_OCC], visits_80[KPI_OCC];
	int64_t		 tier_n[4], tier_owed[4];	/* by enum tier */
	struct kpi_month months[KPI_MONTHS];
	size_t		 nmonths;
	int64_t		 target_collection_bp;
	int64_t		 target_recovery_bp;
	int64_t		 target_satisfaction;
	/* Time to pay online (issue 10): from opening the pay page to the
	 * gateway's confirmation, seconds; the median of the orders paid in
	 * the range (DB_NULL: none) and how many there were. */
	int64_t		 pay_secs;
	int64_t		 pay_secs_n;
	/* Enquiries and disputes (issue 12); enq.month_*[i] is months[i]'s. */
	struct enq_tally enq;
};

/* Computes every figure. Returns 1, 0 (no such estate) or -1. */
int	kpi_compute(struct ctx *, int64_t estate_id, struct date from,
	    struct date to, struct kpi *);

/*
 * num / den in tenths of a percent, rounded half up (95.4 % is 954);
 * -1 when den is 0.
 */
int64_t	kpi_permille10(int64_t num, int64_t den);
/* "95.4%" (or "—" for -1) into buf of KPI_PCT_MAX bytes. */
#define KPI_PCT_MAX	32
char	*kpi_pct(char *buf, int64_t permille10);

#endif
