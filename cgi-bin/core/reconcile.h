/*
 * reconcile.h - each gateway's daily statement matched against the
 * ledger (issue 10, "Reconciliation"; PAYMENTS.md §1: a sweeper for
 * orders still paying, and a daily reconciliation against the
 * statement file).
 *
 * A statement is one merchant account's day (China time). The worker
 * fetches it (gw.h: gw_*_statement) and matches it here:
 *	- a payment the gateway took for an order of ours that the ledger
 *	  has not credited is credited now, once, exactly as its
 *	  notification would have been (payorder_settle, logged in
 *	  pay_notices with notify_id "statement");
 *	- a refund of ours the gateway made that is not confirmed here
 *	  (its job still asking, or given up and failed) is confirmed now,
 *	  once (payorder_refund_done);
 *	- every line is kept with what was found (sql/024): matched,
 *	  credited (either of the two above), gateway_only (nothing of
 *	  ours to credit it to), ledger_only (a payment paid
 *	  here that day, or a refund confirmed here that day, that no
 *	  statement of the account lists), differs (the amounts disagree).
 * Nothing here changes money except through payorder_settle (a
 * refund's money moved at its void; here only its status).
 */
#ifndef PROPFEE_RECONCILE_H
#define PROPFEE_RECONCILE_H

#include <stddef.h>
#include <stdint.h>

#include "gw.h"

struct ctx;

/* Statements become ready at the gateways in the morning after the day
 * (WeChat Pay from 10:00, Alipay from 09:00): the schedule asks at this
 * China-time hour or later. */
#define RECONCILE_HOUR	10
/* How many days back a statement may be asked for: WeChat Pay's trade
 * bills go three months back, and UnionPay's settleDate (MMDD) must not
 * reach a year. */
#define RECONCILE_DAYS_BACK	90

struct statement {
	int64_t		 id;
	int64_t		 estate_id;
	int64_t		 account_id;
	enum gw		 gw;
	const char	*bill_date;	/* YYYY-MM-DD */
	const char	*status;	/* waiting done failed */
};

/* schema: pay_statement_lines.result */
extern const char *const reconcile_results[];

/*
 * Asks for the statement of account_id's day (YYYY-MM-DD, China time):
 * its row made, or set back to waiting, and a run of it with its
 * "payorder.statement" job queued; staff_id who asked, or DB_NULL for
 * the schedule. In the caller's transaction. The statement's id, 0 when
 * the account is not the estate's, or -1.
 */
int64_t	reconcile_ask(struct ctx *, int64_t estate_id, int64_t account_id,
	    const char *day, int64_t staff_id);
/*
 * The schedule (the worker, every few minutes): from RECONCILE_HOUR
 * China time, yesterday's statement of every merchant account is asked
 * for once (an account whose day already has a row is left alone). How
 * many were asked for, or -1.
 */
int	reconcile_schedule(struct ctx *);
/* The statement a run (pay_statement_runs, a job's ref_id) is of: 1
 * found, 0 not, -1. */
int	reconcile_get(struct ctx *, int64_t run_id, struct statement *);
/*
 * Matches what the gateway sent (st) for statement s of account acct:
 * credits the payments only the gateway had (each in a transaction of
 * its own), then writes every line and the counts, status done, in one
 * transaction. 0, or -1 with a line in err.
 */
int	reconcile_match(struct ctx *, const struct statement *s,
	    const struct gw_account *acct, const struct gw_statement *st,
	    char *err, size_t errlen);
/* Records that the statement could not be fetched or matched: status
 * failed when final, else still waiting, with why (NULL: the last why
 * kept). Outside a transaction, or in the caller's. 0 or -1. */
int	reconcile_failed(struct ctx *, int64_t id, const char *why, int final);

#endif
