/*
 * custody.h - vacant-unit custody (空置房托管, issue 13; DOMAIN.md
 * "Vacant units"; sql/045_custody.sql): an agreement per vacant
 * premises, its tasks with their schedules, each task done logged by
 * staff with a note and photos, the owners told of each through the
 * outbox.
 *
 * Bound to fee payment: an agreement is suspended while its premises'
 * months overdue (core/arrears.c's one count, from the ledger) reach the
 * estate's custody_suspend_months (default 3), and runs again the moment
 * they fall below it (a payment). Nothing stores the state: it is
 * computed whenever asked, so it can never drift from the bills. A task
 * of a suspended agreement cannot be logged.
 *
 * The agreement's monthly fee is billed by the billing runs
 * (core/billing.c) under the estate's fee item billed "by agreement",
 * from its start month, once per month like every bill. A start month a
 * run has already passed (made after this month's run) is billed with
 * the agreement, in its transaction, as the run would have
 * (billing_agreement_now): no month of an agreement goes unbilled.
 */
#ifndef PROPFEE_CUSTODY_H
#define PROPFEE_CUSTODY_H

#include <stddef.h>
#include <stdint.h>

#include "cal.h"

struct ctx;
struct photo;

/* custody_tasks.kind: what is done. */
enum custody_kind {
	CUSTODY_AIRING,		/* 开窗通风 */
	CUSTODY_PARCELS,	/* 代收快递 */
	CUSTODY_INSPECTION,	/* 巡查 */
	CUSTODY_METER,		/* 抄表 */
	CUSTODY_KIND__MAX
};
/* schema: custody_tasks.kind */
extern const char *const custody_kind_codes[CUSTODY_KIND__MAX];
extern const char *const custody_kind_labels[CUSTODY_KIND__MAX];
enum custody_kind	custody_kind_parse(const char *);

/* custody_tasks.schedule: every N days, weekly, monthly. */
enum custody_schedule {
	CUSTODY_DAYS,
	CUSTODY_WEEKLY,
	CUSTODY_MONTHLY,
	CUSTODY_SCHEDULE__MAX
};
/* schema: custody_tasks.schedule */
extern const char *const custody_schedule_codes[CUSTODY_SCHEDULE__MAX];
/* NULL-terminated, for a V_CHOICE field. */
extern const char *const custody_schedule_choices[CUSTODY_SCHEDULE__MAX + 1];
enum custody_schedule	custody_schedule_parse(const char *);

/* "每 3 天", "每周", "每月", in the arena. */
struct arena;
const char	*custody_schedule_words(struct arena *, const char *schedule,
		    int64_t every_days);

#define CUSTODY_EVERY_MAX	90	/* every N days: 1..90 */
#define CUSTODY_NOTE_MAX	500

/*
 * Pure: the day a task is next due. Never done: the agreement's first
 * day (start, or the day it was made if later). Done last on `last`:
 * last + N days, + 7, or the same day a month later (the month's last
 * day when shorter).
 */
struct date	custody_next_due(enum custody_schedule, int64_t every_days,
		    struct date first, const struct date *last);

/* The suspension of an agreement's premises today. */
struct custody_state {
	int		 months;	/* whole months overdue (0: none) */
	int		 limit;		/* the estate's custody_suspend_months */
	int		 suspended;	/* months >= limit */
};

/*
 * The state of premises_id of estate_id on day `today`, from the ledger
 * (arrears_premises). Returns 0 or -1.
 */
int	custody_state(struct ctx *, int64_t estate_id, int64_t premises_id,
	    struct date today, struct custody_state *);

/* "已暂停（欠费 4 个月）", in the arena. */
const char	*custody_state_words(struct arena *, const struct custody_state *);

/* A task of a new agreement. */
struct custody_task_in {
	enum custody_kind	 kind;
	enum custody_schedule	 schedule;
	int64_t			 every_days;	/* for CUSTODY_DAYS: 1..90 */
};

struct custody_in {
	int64_t			 estate_id;
	int64_t			 premises_id;
	int64_t			 fee_item_id;
	struct date		 start;		/* day 1 of the first month */
	int64_t			 fee_fen;
	const char		*note;
	struct custody_task_in	 tasks[CUSTODY_KIND__MAX];
	size_t			 ntasks;
};

/*
 * Makes agreement in with its tasks, inside the caller's transaction, as
 * the signed-in staff member, with its audit row ("custody.create"), and
 * the bills of the months from its start a run has already passed.
 * Sets *id. Returns 0; CUSTODY_EXISTS when the premises has one already
 * (nothing written); -1.
 */
#define CUSTODY_EXISTS		2
#define CUSTODY_SUSPENDED	3
int	custody_create(struct ctx *, const struct custody_in *, int64_t *id);

/*
 * Logs task task_id of agreement agreement_id (estate, premises) done on
 * day `day` (YYYY-MM-DD) with its note and n photos, inside the
 * caller's transaction, as the signed-in staff member: the log, its
 * photos, a message to each owner of the premises (MSG_CUSTODY, held by
 * quiet hours) and its audit row ("custody.log"). The agreement row is
 * locked first and its state computed under the lock: a suspended one
 * is refused with CUSTODY_SUSPENDED (nothing written; *st says why).
 * Returns 0, CUSTODY_SUSPENDED or -1.
 */
int	custody_log(struct ctx *, int64_t estate_id, int64_t premises_id,
	    int64_t agreement_id, int64_t task_id, const char *day,
	    const char *note, const struct photo *, size_t n,
	    struct custody_state *st, int64_t *id);

/*
 * The KPI board's vacant collection rate split (issue 13; the report:
 * 76.4 % -> 88.2 %): the vacant premises' bills due from `first` to
 * `last_due`, as the books stood at `until` (kpi.h's struct kpi_when),
 * by whether the premises had an agreement made before `until` whose
 * start month is not after the bill's period. [0] without, [1] with:
 * the amount due (after waivers) and paid, households counted and wholly
 * paid. Returns 0 or -1.
 */
struct custody_kpi {
	int64_t		 due[2], paid[2];
	int64_t		 hh[2], hh_paid[2];
};
int	custody_kpi_vacant(struct ctx *, int64_t estate_id, const char *until,
	    const char *first, const char *last_due, struct custody_kpi *);

#endif
