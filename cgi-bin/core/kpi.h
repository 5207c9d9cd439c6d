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
 *			payments made in the range, by count and by amount
 *			(reversals and payments voided by T left out)
 *	time to pay	median seconds from the pay page to the confirmation,
 *			of those online payments paid through an order of
 *			the owner's pay page; how many were not (no page
 *			was opened for them: the history before the portal)
 *	visits		door-to-door trips (one per household, collector and
 *			day, however many payments), and those to owners
 *			over 80
 *	tiers		red / yellow / green households as they stood on
 *			the range's last day (today's, if it runs to today)
 *	enquiries	fee enquiries and disputes raised in the range and
 *			logged by T, by category and month, each with its
 *			outcome as at T (the latest answer written before
 *			T; 未答复 before any): enquiry.h, sql/035
 *	satisfaction	the mean score (0-100) of the collectors' follow-ups
 *			(service_request_events 'followed') made in the range
 *			(S to T), by the occupancy of the request's premises
 *			(a public area's only in the whole) and by the member
 *			of staff who made it; in tenths, rounded half up
 *			(perf_mean_x10)
 *	service loop	the requests logged in the range (created S to T);
 *			the steps taken in the range, whenever their request
 *			was logged: on time when taken by the deadline
 *			(received 24 h after logging, the plan 48 h after
 *			receipt or a reopening, the follow-up 72 h after
 *			done: rq_due_hours), late when taken after it; and
 *			overdue, the steps whose deadline fell in the range
 *			and that were still not taken at T. A reopened
 *			request has a plan and a follow-up more, so the
 *			steps may outnumber the requests. The follow-ups
 *			taken are the satisfaction's (each has a score and
 *			a member of staff: rq_act), on time as each
 *			collector's are (kpi_followups): the collectors'
 *			rows add up to the loop's. Withholding owners: the
 *			requests with withholding first fixed in the range
 *			(as the monthly report counts them, svcreport.h),
 *			and of them those whose household paid within 30
 *			days of that fix, by payments recorded by T
 *			(RQ_FIRST_FIXES_SQL, RQ_FIRST_PAY_SQL,
 *			rq_paid_after_fix); counted by request
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

/* The steps of the service loop the board times (kpi.h above). */
enum kpi_step {
	KPI_STEP_RECEIVE,	/* logged -> received, 24 h */
	KPI_STEP_PLAN,		/* received (or reopened) -> plan, 48 h */
	KPI_STEP_FOLLOWUP,	/* done -> followed up, 72 h */
	KPI_STEP__MAX
};

/* One member of staff's follow-ups (kpi_followups). */
struct kpi_follower {
	int64_t		 staff_id;
	const char	*name;
	const char	*role;		/* staff.role */
	int64_t		 n;		/* follow-ups with a score */
	int64_t		 sum;		/* their scores' sum */
	int64_t		 on_time;	/* within 72 h of the fix they follow */
};

/*
 * The moment a board stands at (kpi.h above): S, T as shown and as
 * bound, and the days whose bills are due in the range.
 */
struct kpi_when {
	char		 start[20];	/* S, "YYYY-MM-DD 00:00:00" */
	char		 asof[20];	/* T, "YYYY-MM-DD HH:MM:SS" */
	char		 until[32];	/* T as bound (now: the second's end) */
	char		 first[11];	/* the range's first day */
	char		 last_due[11];	/* its last day, or today if sooner */
	int		 now;		/* T is now: the range runs on */
};

/* The moment the range from..to stands at, by today's clock. */
void	kpi_when(struct date from, struct date to, struct kpi_when *);

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
	 * gateway's confirmation, seconds; the median of the range's online
	 * payments made through the pay page (DB_NULL: none), how many there
	 * were, and how many online payments were not (no time to tell). */
	int64_t		 pay_secs;
	int64_t		 pay_secs_n;
	int64_t		 pay_no_order;
	/* Enquiries and disputes (issue 12); enq.month_*[i] is months[i]'s. */
	struct enq_tally enq;
	/* Satisfaction (issue 12): follow-ups and their scores' sum by
	 * occupancy, and by member of staff (in the request arena). */
	int64_t		 sat_n[KPI_OCC], sat_sum[KPI_OCC];
	struct kpi_follower *followers;
	size_t		 nfollowers;
	/* The service loop: requests logged in the range; the steps taken
	 * in it on time and late, and those due in it still not taken at T
	 * (by enum kpi_step); withholding ones first fixed in the range and
	 * paid within 30 days of the fix. */
	int64_t		 rq_logged;
	int64_t		 step_on_time[KPI_STEP__MAX], step_late[KPI_STEP__MAX];
	int64_t		 step_overdue[KPI_STEP__MAX];
	int64_t		 wh_fixed, wh_paid;
};

/* Computes every figure. Returns 1, 0 (no such estate) or -1. */
int	kpi_compute(struct ctx *, int64_t estate_id, struct date from,
	    struct date to, struct kpi *);

/*
 * Every member of staff's follow-ups made from start to until (S, T as
 * bound) in estate, each with their scores' sum and how many came within
 * 72 h of the fix they follow (rq_due_hours(RQ_DONE), from the last done
 * before each), into *out (the request arena), by name. Returns 0 or -1.
 */
int	kpi_followups(struct ctx *, int64_t estate_id, const char *start,
	    const char *until, struct kpi_follower **out, size_t *n);

/*
 * The collection rate of kpi.h by collector: for the bills due from
 * w->first to w->last_due, as at w->until, each collector's households -
 * those assigned to them at T (assignment_history, sql/037), not today -
 * their amount less waivers (due, fen) and what was paid on them by T
 * (paid, fen). fn is called once per collector with any such bill, with
 * the collector's name and staff.role. Households nobody had at T are
 * left out. Returns 0 or -1.
 */
int	kpi_collection_by_collector(struct ctx *, int64_t estate_id,
	    const struct kpi_when *w,
	    void (*fn)(void *, int64_t collector, const char *name,
	    const char *role, int64_t due, int64_t paid), void *arg);

/*
 * num / den in tenths of a percent, rounded half up (95.4 % is 954);
 * -1 when den is 0.
 */
int64_t	kpi_permille10(int64_t num, int64_t den);
/* "95.4%" (or "—" for -1) into buf of KPI_PCT_MAX bytes. */
#define KPI_PCT_MAX	32
char	*kpi_pct(char *buf, int64_t permille10);

#endif
