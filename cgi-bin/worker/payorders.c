/*
 * payorders.c - the "payorder.sweep" job: open online payment orders are
 * asked about at their gateway until they are paid or closed (issue 10,
 * "Reconciliation"; PAYMENTS.md: query when no notification came).
 *
 * Each order open for a minute (pay_quiet_s) and not asked about for
 * half a minute (pay_reask_s): an order that never went to the gateway
 * (created) is closed once expired; one that did (paying) is asked
 * about - paid there: credited exactly as its notification would have
 * been (payorder_settle: once, however the notification and this race);
 * not paid there and expired: closed, its bills let go; else asked
 * again later. An order its owner closed (取消订单) is asked about too
 * until a minute past its expiry: a payment the gateway took anyway is
 * credited once (payorder_cancel says why it may come). The gateway's
 * silence changes nothing: the next look asks again. An open order whose
 * bills were all paid another way (at the counter) is closed, at its
 * gateway first (payorder_cancel, closed_by settled).
 *
 * Also here: "payorder.refund" (a voided online payment refunded through
 * its gateway) and the daily statements ("payorder.statement(s)").
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "gw.h"
#include "jobs.h"
#include "log.h"
#include "payorder.h"
#include "reconcile.h"
#include "worker.h"

#define SWEEP_BATCH	20

static int
close_tx(struct ctx *ctx, void *arg)
{
	const struct payorder	*o = arg;

	return payorder_close(ctx, o->id) < 0 ? -1 : 0;
}

static int
asked_tx(struct ctx *ctx, void *arg)
{
	const struct payorder	*o = arg;

	return payorder_asked(ctx, o->id);
}

/* Closes open order o whose bills were all paid another way; 0, or -1
 * with a line in err (asked again at the next look). */
static int
settled(struct ctx *ctx, const struct payorder *o, char *err, size_t errlen)
{
	switch (payorder_cancel(ctx, o, "settled", err, errlen)) {
	case PAYORDER_CANCELLED:
	case PAYORDER_CANCELLED_OPEN:
		log_info("payorder %s closed: its bills were paid another way",
		    o->out_trade_no);
		return 0;
	case PAYORDER_CANCEL_PAID:
	case PAYORDER_CANCEL_ENDED:
		return 0;
	case PAYORDER_CANCEL_UNSURE:
		(void)db_tx(ctx, asked_tx, (void *)o);
		return -1;
	default:
		return -1;
	}
}

/* Asks about one order; 0, or -1 with a line in err. */
static int
sweep_one(struct ctx *ctx, const char *otn, char *err, size_t errlen)
{
	struct payorder		 o, paid;
	struct gw_account	 acct;
	struct gw_notice	 n;
	struct payment_out	 pay;
	enum payorder_why	 why;
	enum gw_verdict		 v;
	enum books_rc		 rc;
	char			 now[20];
	int			 again;

	if (payorder_find(ctx, otn, 0, &o) != 1)
		return -1;
	if (strcmp(o.status, "created") == 0 ||
	    strcmp(o.status, "paying") == 0) {
		/* its bills paid another way (the counter took cash while
		 * the owner was paying online): closed, at the gateway too,
		 * before the owner pays twice */
		switch (payorder_settled_elsewhere(ctx, &o)) {
		case 1:
			return settled(ctx, &o, err, errlen);
		case 0:
			break;
		default:
			return -1;
		}
	}
	if (strcmp(o.status, "created") == 0) {
		/* never sent to the gateway: nothing to ask */
		if (strcmp(o.expires_at, cal_now(now)) < 0)
			return db_tx(ctx, close_tx, &o) == 0 ? 0 : -1;
		return db_tx(ctx, asked_tx, &o) == 0 ? 0 : -1;
	}
	if (gw_account_of_estate(ctx, o.estate_id, o.gw, &acct) != 1) {
		snprintf(err, errlen, "order %s: no %s account", otn,
		    gw_codes[o.gw]);
		return db_tx(ctx, asked_tx, &o) == 0 ? -1 : -1;
	}
	v = gw_query(ctx, &acct, otn, &n, err, errlen);
	if (v != GW_OK) {
		(void)db_tx(ctx, asked_tx, &o);
		return -1;
	}
	if (!n.paid) {
		/* closed by its owner: asked again until its expiry */
		if (strcmp(o.expires_at, cal_now(now)) < 0 &&
		    strcmp(o.status, "closed") != 0)
			return db_tx(ctx, close_tx, &o) == 0 ? 0 : -1;
		return db_tx(ctx, asked_tx, &o) == 0 ? 0 : -1;
	}
	rc = payorder_settle(ctx, o.gw, &acct, &n, &paid, &pay, &again, &why);
	switch (rc) {
	case BOOKS_OK:
		if (!again)
			log_info("payorder %s paid (the gateway's answer to a"
			    " query): receipt %s", otn, pay.receipt_number);
		return 0;
	case BOOKS_NOT_FOUND:
	case BOOKS_INVALID:
		(void)payorder_refused(ctx, o.gw, o.estate_id, &n,
		    payorder_why_text(why));
		(void)db_tx(ctx, asked_tx, &o);
		snprintf(err, errlen, "order %s: %s", otn,
		    payorder_why_text(why));
		return -1;
	default:
		return -1;
	}
}

int
job_payorder_sweep(struct ctx *ctx, const struct job *j, const char *owner,
    char *err, size_t errlen)
{
	const char	*due[SWEEP_BATCH];
	char		 why[300];
	int		 n, i, failed = 0;

	(void)j;
	(void)owner;
	if ((n = payorder_due(ctx, due, SWEEP_BATCH)) < 0) {
		snprintf(err, errlen, "cannot list the open orders");
		return -1;
	}
	for (i = 0; i < n; i++) {
		why[0] = '\0';
		if (sweep_one(ctx, due[i], why, sizeof(why)) < 0) {
			failed++;
			log_warnx("payorder.sweep %s: %s", due[i],
			    why[0] ? why : "database failure");
			ctx->db_failed = 0;
		}
	}
	if (failed)
		snprintf(err, errlen, "%d of %d orders not settled", failed, n);
	return failed ? -1 : 0;
}

struct refund_done {
	int64_t		 id;
	int		 confirmed;
	const char	*gateway_refund, *error;
};

static int
refund_done_tx(struct ctx *ctx, void *arg)
{
	struct refund_done	*d = arg;

	return payorder_refund_done(ctx, d->id, d->confirmed,
	    d->gateway_refund, d->error);
}

int
job_payorder_refund(struct ctx *ctx, const struct job *j, const char *owner,
    char *err, size_t errlen)
{
	struct payrefund	 r;
	struct gw_account	 acct;
	struct refund_done	 d;
	const char		*id;
	enum gw_verdict		 v;
	int			 state;

	(void)owner;
	if (payorder_refund_get(ctx, j->ref_id, &r) != 1) {
		snprintf(err, errlen, "no refund %lld", (long long)j->ref_id);
		return -1;
	}
	if (strcmp(r.status, "requested") != 0)
		return 0;		/* settled by an earlier attempt */
	if (gw_account_of_estate(ctx, r.estate_id, r.order.gw, &acct) != 1) {
		snprintf(err, errlen, "refund %lld: no %s account",
		    (long long)r.id, gw_codes[r.order.gw]);
		return -1;
	}
	switch (r.order.gw) {
	case GW_ALIPAY:
		v = gw_alipay_refund(ctx, &acct, r.order.out_trade_no,
		    r.out_refund_no, r.amount, &state, &id, err, errlen);
		break;
	case GW_WECHAT:
		v = gw_wechat_refund(ctx, &acct, r.order.out_trade_no,
		    r.out_refund_no, r.amount, &state, &id, err, errlen);
		break;
	case GW_UNIONPAY:
		/* its result comes back in this answer; the backUrl is
		 * where UnionPay would send it again */
		v = gw_unionpay_refund(ctx, &acct, r.gateway_txn,
		    r.out_refund_no, r.amount, arena_printf(ctx->a,
		    "%s/notify/unionpay", conf_get("public_url", "")), &state,
		    &id, err, errlen);
		break;
	default:
		v = GW_MALFORMED;
		snprintf(err, errlen, "refund %lld: no gateway %d",
		    (long long)r.id, (int)r.order.gw);
	}
	if (v != GW_OK)
		return -1;		/* asked again after a backoff */
	if (state == 0) {
		snprintf(err, errlen, "refund %lld in progress at the gateway",
		    (long long)r.id);
		return -1;
	}
	d.id = r.id;
	d.confirmed = state == 1;
	d.gateway_refund = id;
	d.error = err;
	if (db_tx(ctx, refund_done_tx, &d) != 0) {
		snprintf(err, errlen, "refund %lld: database failure",
		    (long long)r.id);
		return -1;
	}
	if (state == 1)
		log_info("refund %s of order %s: refunded (%s)", r.out_refund_no,
		    r.order.out_trade_no, id);
	else
		log_warnx("refund %s of order %s refused: %s", r.out_refund_no,
		    r.order.out_trade_no, err);
	return 0;
}

int
job_payorder_refund_dead(struct ctx *ctx, int64_t refund_id)
{
	struct payrefund	 r;
	int			 rc;

	if ((rc = payorder_refund_get(ctx, refund_id, &r)) != 1)
		return rc;
	if (strcmp(r.status, "requested") != 0)
		return 0;
	log_warnx("refund %s of order %s: given up", r.out_refund_no,
	    r.order.out_trade_no);
	return payorder_refund_done(ctx, r.id, 0, NULL,
	    "网关多次未确认退款（约17小时），请在商户平台查询");
}

/*
 * "payorder.statement": one run of a day's statement (reconcile.h): the
 * file fetched from the account's gateway and matched. A gateway that
 * has not made the file yet, or cannot be reached, is asked again after
 * the job's backoff; the error stays on the statement for the manager.
 */
int
job_payorder_statement(struct ctx *ctx, const struct job *j,
    const char *owner, char *err, size_t errlen)
{
	struct statement	 s;
	struct gw_account	 acct;
	struct gw_statement	 st;
	enum gw_verdict		 v;

	(void)owner;
	if (reconcile_get(ctx, j->ref_id, &s) != 1) {
		snprintf(err, errlen, "no statement run %lld",
		    (long long)j->ref_id);
		return -1;
	}
	if (strcmp(s.status, "waiting") != 0)
		return 0;		/* matched by a later run */
	if (gw_account_by_id(ctx, s.account_id, s.gw, &acct) != 1) {
		snprintf(err, errlen, "statement %lld: no %s account",
		    (long long)s.id, gw_codes[s.gw]);
		return -1;
	}
	v = gw_statement(ctx, &acct, s.bill_date, &st, err, errlen);
	if (v == GW_OK && reconcile_match(ctx, &s, &acct, &st, err, errlen) == 0) {
		log_info("statement %s %s of estate %lld: %zu lines matched",
		    gw_codes[s.gw], s.bill_date, (long long)s.estate_id, st.n);
		return 0;
	}
	ctx->db_failed = 0;
	(void)reconcile_failed(ctx, s.id, err, 0);
	return -1;
}

/* A run out of attempts: its statement is failed, with the last error. */
int
job_payorder_statement_dead(struct ctx *ctx, int64_t run_id)
{
	struct statement	 s;
	int			 rc;

	if ((rc = reconcile_get(ctx, run_id, &s)) != 1)
		return rc;
	return strcmp(s.status, "waiting") == 0 ?
	    reconcile_failed(ctx, s.id, NULL, 1) : 0;
}

/* "payorder.statements": the morning's statements asked for. */
int
job_payorder_statements(struct ctx *ctx, const struct job *j,
    const char *owner, char *err, size_t errlen)
{
	int	 n;

	(void)j;
	(void)owner;
	if ((n = reconcile_schedule(ctx)) < 0) {
		snprintf(err, errlen, "cannot ask for the statements");
		return -1;
	}
	if (n > 0)
		log_info("payorder.statements: %d statements asked for", n);
	return 0;
}
