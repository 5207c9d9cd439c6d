/*
 * deferral.h - hardship deferral (缓交申请, issue 13; DOMAIN.md
 * "Hardship"): an owner in hardship applies (in the portal, or staff log
 * it for them) to pay some open bills later; a manager approves or
 * rejects it with a reason (sql/041_deferrals.sql).
 *
 * Approved, it lasts from the day of approval (starts_on) for its months
 * to ends_on, and moves each bill it names to ends_on: a bill_due_dates
 * row, never an edit of bills.due_date. DEFERRAL_DUE_SQL is a bill's
 * effective due date, the one every page, the tiers and the reminders
 * read. While it lasts (starts_on <= day < ends_on: DEFERRAL_ACTIVE_SQL)
 * the household carries no arrears tier and gets no reminder, whatever
 * its other bills; from ends_on on, everything applies again, from the
 * new dates.
 */
#ifndef PROPFEE_DEFERRAL_H
#define PROPFEE_DEFERRAL_H

#include <stdint.h>

#include "cal.h"

struct ctx;

/* deferrals.status (sql/041_deferrals.sql). */
enum deferral_status {
	DEFERRAL_PENDING,
	DEFERRAL_APPROVED,
	DEFERRAL_REJECTED,
	DEFERRAL_STATUS__MAX
};
/* schema: deferrals.status */
extern const char *const deferral_status_codes[DEFERRAL_STATUS__MAX];
/* 待审批, 已批准, 未批准 */
extern const char *const deferral_status_labels[DEFERRAL_STATUS__MAX];
enum deferral_status	deferral_status_parse(const char *);

/* How long one may last, in months (the form's choices). */
#define DEFERRAL_MONTHS_MAX	6

/*
 * SQL: bill b's effective due date: the latest date an approved deferral
 * moved it to, else its own.
 */
#define DEFERRAL_DUE_SQL \
    "COALESCE((SELECT MAX(bdd.due_date) FROM bill_due_dates bdd" \
    " WHERE bdd.bill_id = b.id), b.due_date)"

/*
 * SQL: whether household b.premises_id is under a deferral on the day
 * (a parameter, given twice). In the statements that read no bill b,
 * the same condition is written out on the household they read.
 */
#define DEFERRAL_ACTIVE_SQL \
    "EXISTS (SELECT 1 FROM deferrals dfr" \
    " WHERE dfr.premises_id = b.premises_id AND dfr.status = 'approved'" \
    " AND dfr.starts_on <= ? AND dfr.ends_on > ?)"

/*
 * The day a deferral approved on `from` for `months` ends (the covered
 * bills' new due date): the same day `months` months on (cal_add_months,
 * the 31st to the month's last day). Pure: tests/unit/test_deferral.c.
 */
struct date	 deferral_end(struct date from, int months);
/* 1 if a deferral of starts..ends is in force on day, else 0. Pure. */
int		 deferral_active(struct date starts, struct date ends,
		    struct date day);

/* An application, as an owner or a member of staff makes it. */
struct deferral_in {
	int64_t		 estate_id;
	int64_t		 premises_id;
	int64_t		 owner_id;
	const char	*reason;
	int		 months;		/* 1 .. DEFERRAL_MONTHS_MAX */
	const int64_t	*bill_ids;		/* of the household, open */
	int		 nbills;
	const char	*photo_key;		/* NULL: none */
	int		 by_staff;		/* logged_by = the actor */
};

/* deferral_apply()'s refusals (rolled back). */
#define DEFERRAL_PENDING_ALREADY	2	/* one is waiting already */
#define DEFERRAL_BILL_NOT_OPEN		3	/* a bill paid, gone, another's */

/*
 * Records an application (pending), its bills and its audit row, in the
 * caller's transaction; *id the new deferral. Returns 0, a refusal above,
 * or -1.
 */
int	 deferral_apply(struct ctx *, const struct deferral_in *, int64_t *id);
/* deferral_apply for once_tx (once.h): arg is the struct deferral_in. */
int	 deferral_apply_once(struct ctx *, void *arg, int64_t *id);

/* deferral_decide()'s refusals (rolled back). */
#define DEFERRAL_DECIDED	1	/* not pending any more */
#define DEFERRAL_OWN_LOG	2	/* approving what they logged themselves */
#define DEFERRAL_NOTHING_OPEN	3	/* approving: its bills are all paid */

/*
 * A manager's decision on deferral id, in one transaction of its own
 * with its audit row and the message that tells the owner (MSG_DEFERRAL):
 * approved (from today, China time: bill_due_dates rows moving each of
 * its bills still open to the end), or rejected with note. Never by the
 * member of staff who logged it. Returns 0, a refusal above, or -1.
 */
int	 deferral_decide(struct ctx *, int64_t id, int approve,
	    const char *note);

/* An open bill an application may name. */
struct deferral_bill {
	int64_t		 id;
	const char	*period;	/* YYYY-MM-DD, the period's start */
	int64_t		 months;	/* the period's length */
	const char	*item;		/* 物业费 ... */
	const char	*due;		/* effective due date, YYYY-MM-DD */
	int64_t		 owed;		/* fen */
	int		 past_due;	/* on day */
};

/*
 * The household's open bills, oldest first, each with its effective due
 * date and whether it is past due on day; at most 120. Returns n or -1.
 */
int	 deferral_open_bills(struct ctx *, int64_t premises_id,
	    struct date day, struct deferral_bill **out);

/*
 * The named bill ids (n of them, as sent) checked against the household's
 * open bills: 1 if each is one of them and none twice, else 0.
 */
int	 deferral_bills_ok(const struct deferral_bill *open, int nopen,
	    const int64_t *ids, int n);

#endif
