/*
 * worker.h - propfee-worker's jobs: what main.c's table names.
 *
 * A handler runs with a context of its own (long statement limits, the
 * system as its actor) and the name its thread leases work under
 * ("host:pid:thread"), and returns 0 when done or -1 with a line in err
 * when the attempt failed (the queue retries it after a backoff).
 */
#ifndef PROPFEE_WORKER_H
#define PROPFEE_WORKER_H

#include <stddef.h>

struct ctx;
struct job;

/* "billing.run": carries out billing run job->ref_id (core/billing.h). */
int	job_billing_run(struct ctx *, const struct job *, const char *owner,
	    char *err, size_t errlen);

/*
 * "payorder.refund": refund job->ref_id (pay_refunds, written by a void)
 * asked of its gateway; confirmed or refused, recorded (payorders.c).
 */
int	job_payorder_refund(struct ctx *, const struct job *, const char *owner,
	    char *err, size_t errlen);
/* A refund whose job gave up (PAYORDER_REFUND_TRIES): failed, with
 * why, for the manager (on_dead). */
int	job_payorder_refund_dead(struct ctx *, int64_t refund_id);

/* A billing run whose job died: marked failed, with why (on_dead). */
int	job_billing_dead(struct ctx *, int64_t run_id);
/*
 * "payorder.statement": a day's statement of one merchant account,
 * job->ref_id a pay_statement_runs row: fetched from the gateway and
 * matched against the ledger (reconcile.h); its death marks the
 * statement failed. "payorder.statements", every 10 minutes: each
 * morning asks for yesterday's (payorders.c).
 */
int	job_payorder_statement(struct ctx *, const struct job *,
	    const char *owner, char *err, size_t errlen);
int	job_payorder_statement_dead(struct ctx *, int64_t run_id);
int	job_payorder_statements(struct ctx *, const struct job *,
	    const char *owner, char *err, size_t errlen);

/*
 * "outbox.send", every few seconds: leases the due messages and sends
 * each through its channel's provider (outbox.c); NULL job.
 */
int	job_outbox_send(struct ctx *, const struct job *, const char *owner,
	    char *err, size_t errlen);

/*
 * "messages.plan", every 10 minutes: each estate's reminders of the day
 * and, in the fortnight before a quarter ends, the shops' quarterly bill,
 * queued once (plan.c); NULL job. The day: plan_day if set (-p), else
 * China time's today.
 */
int	job_messages_plan(struct ctx *, const struct job *, const char *owner,
	    char *err, size_t errlen);
extern char	plan_day[11];

/*
 * "payorder.sweep", every few seconds: asks the gateways about the open
 * online payment orders, credits those paid there, closes those expired
 * (payorders.c); NULL job.
 */
int	job_payorder_sweep(struct ctx *, const struct job *, const char *owner,
	    char *err, size_t errlen);

/*
 * "requests.clock", every minute: service requests past a step's
 * deadline flagged late, the owner told (requests.c); NULL job. Now:
 * clock_now if set (-r), else the database's.
 */
int	job_requests_clock(struct ctx *, const struct job *, const char *owner,
	    char *err, size_t errlen);
extern char	clock_now[20];

/*
 * "reports.month", every 10 minutes: last month's service report of each
 * estate drafted once, and from the 6th flagged late while still a draft
 * (reports.c); NULL job. The day: report_day if set (-m), else China
 * time's today.
 */
int	job_reports_month(struct ctx *, const struct job *, const char *owner,
	    char *err, size_t errlen);
extern char	report_day[11];

/*
 * "latefee.bill", every hour: each estate with late fees on bills what
 * its principal bills earned through the end of last month, over the
 * late-fee bills already made, as bills of their own (latefee.c); NULL
 * job. The day: latefee_day if set (-l), else China time's today.
 */
int	job_latefee_bill(struct ctx *, const struct job *, const char *owner,
	    char *err, size_t errlen);
extern char	latefee_day[11];

#endif
