/*
 * reconcile.c - 网关对账: each gateway's daily statement against the
 * ledger, for the manager (issue 10, "Reconciliation"; core/reconcile.h
 * does the matching, in the worker).
 *
 *   GET  /staff/reconcile      an estate's statements, newest day first,
 *                              with what each found, and the form that
 *                              asks for a day (templates/staff/
 *                              reconcile.tpl)
 *   POST /staff/reconcile      asks for a day's statement of one channel
 *                              or of all the estate's: 303 back to the
 *                              list (the worker fetches and matches it
 *                              within seconds); 400 with the message
 *                              next to the field and nothing asked
 *   GET  /staff/reconcile/#    one statement's lines, what needs a look
 *                              first (templates/staff/reconcile_day.tpl)
 *
 * The worker asks for yesterday's statements by itself every morning
 * (RECONCILE_HOUR); the manager asks again after a gateway's file came
 * late, or for an older day.
 */
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "cal.h"
#include "db.h"
#include "gw.h"
#include "http.h"
#include "money.h"
#include "page.h"
#include "pages.h"
#include "reconcile.h"
#include "tmpl.h"
#include "valid.h"

SQL_DEF(SQL_RECON_LIST,
    "SELECT id, channel, DATE_FORMAT(bill_date, '%Y-%m-%d'), status, error,"
    " pay_count, pay_fen, refund_count, refund_fen, matched, credited,"
    " gateway_only, ledger_only, differs"
    " FROM pay_statements WHERE estate_id = ?"
    " ORDER BY bill_date DESC, channel LIMIT 90");
SQL_DEF(SQL_RECON_ACCOUNTS_OF,
    "SELECT id, channel FROM pay_accounts WHERE estate_id = ? ORDER BY channel");
SQL_DEF(SQL_RECON_ONE,
    "SELECT estate_id, channel, DATE_FORMAT(bill_date, '%Y-%m-%d'), status,"
    " error, pay_count, pay_fen, refund_count, refund_fen, matched, credited,"
    " gateway_only, ledger_only, differs,"
    " DATE_FORMAT(done_at, '%Y-%m-%d %H:%i')"
    " FROM pay_statements WHERE id = ?");
/* What needs a look first, then what was credited, then what matched. */
SQL_DEF(SQL_RECON_LINES,
    "SELECT l.kind, l.out_trade_no, l.out_refund_no, l.gateway_txn,"
    " l.gateway_fen, l.ledger_fen, l.at, l.result, rc.id, rc.number"
    " FROM pay_statement_lines l"
    " LEFT JOIN receipts rc ON rc.payment_id = l.payment_id"
    " WHERE l.statement_id = ?"
    " ORDER BY FIELD(l.result, 'differs', 'gateway_only', 'ledger_only',"
    " 'credited', 'matched'), l.at, l.id");

/*
 * Refunds that need the manager: failed (refused, or given up after
 * PAYORDER_REFUND_TRIES), and those still unconfirmed after an hour,
 * of the last RECONCILE_DAYS_BACK days; newest first.
 */
SQL_DEF(SQL_RECON_REFUNDS_OPEN,
    "SELECT f.status, f.amount_fen, o.channel, o.out_trade_no, f.error,"
    " DATE_FORMAT(f.requested_at, '%Y-%m-%d %H:%i'), rc.id, rc.number"
    " FROM pay_refunds f JOIN pay_orders o ON o.id = f.order_id"
    " JOIN receipts rc ON rc.payment_id = f.payment_id"
    " WHERE f.estate_id = ? AND f.requested_at >= NOW(6) - INTERVAL 90 DAY"
    " AND (f.status = 'failed' OR (f.status = 'requested'"
    " AND f.requested_at < NOW(6) - INTERVAL 1 HOUR))"
    " ORDER BY f.requested_at DESC LIMIT 50");

/*
 * Online payments that came for bills already paid another way (the
 * counter took cash, or the owner paid on an old gateway page after
 * cancelling: a trial's double payment), of the last 90 days, not
 * voided: the money went to other bills or prepaid (DOMAIN.md), and the
 * owner may want it back (void: the refund goes back by itself).
 */
SQL_DEF(SQL_RECON_DOUBLE,
    "SELECT o.out_trade_no, o.amount_fen, o.channel,"
    " DATE_FORMAT(o.paid_at, '%Y-%m-%d %H:%i'), rc.id, rc.number,"
    " (SELECT SUM(ob.amount_fen) FROM pay_order_bills ob WHERE ob.order_id = o.id)"
    " - (SELECT COALESCE(SUM(a.amount_fen), 0) FROM allocations a"
    " JOIN pay_order_bills ob ON ob.bill_id = a.bill_id AND ob.order_id = o.id"
    " WHERE a.payment_id = o.payment_id) AS elsewhere"
    " FROM pay_orders o JOIN receipts rc ON rc.payment_id = o.payment_id"
    " WHERE o.estate_id = ? AND o.status = 'paid' AND o.kind <> 'prepay'"
    " AND o.paid_at >= NOW(6) - INTERVAL 90 DAY"
    " AND NOT EXISTS (SELECT 1 FROM receipt_voids v WHERE v.receipt_id = rc.id)"
    " AND EXISTS (SELECT 1 FROM pay_order_bills ob WHERE ob.order_id = o.id)"
    " HAVING elsewhere > 0 ORDER BY o.paid_at DESC LIMIT 50");

enum { F_ESTATE, F_DAY, F_CHANNEL, F__MAX };

static const struct field fields[F__MAX] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "day", "对账日期", V_DATE, V_REQUIRED, 0, 0, NULL },
	{ "channel", "支付渠道", V_CHOICE, 0, 0, 0, gw_codes },
};

static const char *
status_label(const char *s)
{
	if (strcmp(s, "done") == 0)
		return "已对账";
	if (strcmp(s, "failed") == 0)
		return "未取得对账单";
	return "对账中";
}

/* The counts of a statement into row d. */
static void
counts(struct tmpl *d, int64_t pays, int64_t pay_fen, int64_t refunds,
    int64_t refund_fen, const int64_t *c)
{
	char	 m[MONEY_FMT_MAX];

	tmpl_set_int(d, "PAYS", pays);
	tmpl_set(d, "PAY_AMOUNT", money_fmt(m, pay_fen));
	tmpl_set_int(d, "REFUNDS", refunds);
	tmpl_set(d, "REFUND_AMOUNT", money_fmt(m, refund_fen));
	tmpl_set_int(d, "MATCHED", c[0]);
	tmpl_set_int(d, "CREDITED", c[1]);
	tmpl_set_int(d, "GATEWAY_ONLY", c[2]);
	tmpl_set_int(d, "LEDGER_ONLY", c[3]);
	tmpl_set_int(d, "DIFFERS", c[4]);
	tmpl_show(d, c[2] + c[3] + c[4] > 0 ? "TO_CHECK" : "ALL_MATCH");
}

/* An order's facts into row: amount (fen), channel, number, when, its
 * receipt. */
static void
order_row(struct tmpl *row, int64_t amount, const char *channel,
    const char *otn, const char *at, int64_t receipt, const char *number)
{
	char	 m[MONEY_FMT_MAX];

	tmpl_set(row, "AMOUNT", money_fmt(m, amount));
	tmpl_set(row, "CHANNEL_LABEL", gw_labels[gw_parse(channel)]);
	tmpl_set(row, "OUT_TRADE_NO", otn);
	tmpl_set(row, "AT", at);
	tmpl_set_int(row, "RECEIPT_ID", receipt);
	tmpl_set(row, "RECEIPT_NUMBER", number);
}

/* What of estate needs the manager: refunds (SQL_RECON_REFUNDS_OPEN)
 * into d's REFUND rows, double payments (SQL_RECON_DOUBLE) into DOUBLE
 * rows. 0 or -1. */
static int
to_handle(struct req *r, struct tmpl *d, int64_t estate)
{
	struct tmpl	*row;
	struct db_res	*res;
	const char	*st, *channel, *otn, *error, *at, *number;
	int64_t		 amount, receipt, elsewhere;
	char		 m[MONEY_FMT_MAX];

	if ((res = db_query(r->ctx, &SQL_RECON_REFUNDS_OPEN, "i", estate)) ==
	    NULL)
		return -1;
	while (db_row(res, "sissssis", &st, &amount, &channel, &otn, &error,
	    &at, &receipt, &number) == 1) {
		tmpl_show(d, "REFUNDS_OPEN");
		row = tmpl_row(d, "REFUND");
		tmpl_set(row, "STATUS_CODE", st);
		tmpl_show(row, strcmp(st, "failed") == 0 ? "FAILED" : "WAITING");
		tmpl_set(row, "ERROR", error);
		order_row(row, amount, channel, otn, at, receipt, number);
	}
	db_done(res);
	if (r->ctx->db_failed)
		return -1;
	if ((res = db_query(r->ctx, &SQL_RECON_DOUBLE, "i", estate)) == NULL)
		return -1;
	while (db_row(res, "sissisi", &otn, &amount, &channel, &at, &receipt,
	    &number, &elsewhere) == 1) {
		tmpl_show(d, "DOUBLES");
		row = tmpl_row(d, "DOUBLE");
		order_row(row, amount, channel, otn, at, receipt, number);
		/* all of it, or the part whose bills were paid meanwhile
		 * (a breaker's trial: part paid at the counter went unlisted) */
		tmpl_set(row, "ELSEWHERE", money_fmt(m, elsewhere));
	}
	db_done(res);
	return r->ctx->db_failed ? -1 : 0;
}

/* The list page of estate wanted (0: the actor's first), with the ask
 * form's values (v NULL on GET). */
static void
show(struct req *r, int64_t wanted, struct fval *v, int status)
{
	struct tmpl	*d, *row;
	struct estate	 e;
	struct db_res	*res;
	struct date	 y = cal_today();
	const char	*channel, *day, *st, *error;
	int64_t		 id, pays, pay_fen, refunds, refund_fen, c[5];
	char		 ybuf[11];
	int		 rc, any = 0;

	d = page_new(r, "staff/reconcile.tpl", "网关对账");
	if ((rc = scope_estate(r, wanted, &e, d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	tmpl_set_int(d, "ESTATE_ID", e.id);
	if ((res = db_query(r->ctx, &SQL_RECON_ACCOUNTS_OF, "i", e.id)) == NULL)
		return;
	while (db_row(res, "is", &id, &channel) == 1) {
		row = tmpl_row(d, "CHANNEL");
		tmpl_set(row, "CODE", channel);
		tmpl_set(row, "LABEL", gw_labels[gw_parse(channel)]);
		if (v != NULL && v[F_CHANNEL].set && !v[F_CHANNEL].err &&
		    strcmp(gw_codes[v[F_CHANNEL].i], channel) == 0)
			tmpl_show(row, "SELECTED");
		any = 1;
	}
	db_done(res);
	if (!any)
		tmpl_show(d, "NO_ACCOUNTS");
	/* yesterday: the newest day a gateway has a statement of */
	y = cal_add_days(y, -1);
	tmpl_set(d, "DAY_VAL", cal_fmt(ybuf, y));
	tmpl_set(d, "DAY_MAX", ybuf);	/* the picker offers no later day */
	if (v != NULL)
		valid_to_tmpl(d, fields, F__MAX, v);
	if (http_query(r, "asked") != NULL)
		tmpl_show(d, "ASKED");
	if ((res = db_query(r->ctx, &SQL_RECON_LIST, "i", e.id)) == NULL)
		return;
	any = 0;
	while (db_row(res, "issssiiiiiiiii", &id, &channel, &day, &st, &error,
	    &pays, &pay_fen, &refunds, &refund_fen, &c[0], &c[1], &c[2], &c[3],
	    &c[4]) == 1) {
		row = tmpl_row(d, "STATEMENT");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "DAY", day);
		tmpl_set(row, "CHANNEL_LABEL", gw_labels[gw_parse(channel)]);
		tmpl_set(row, "STATUS", status_label(st));
		tmpl_set(row, "STATUS_CODE", st);
		tmpl_set(row, "ERROR", error);
		if (strcmp(st, "done") == 0) {
			tmpl_show(row, "DONE");
			counts(row, pays, pay_fen, refunds, refund_fen, c);
		} else
			tmpl_show(row, "NOT_DONE");
		any = 1;
	}
	db_done(res);
	if (!any)
		tmpl_show(d, "NONE");
	if (to_handle(r, d, e.id) < 0)
		return;
	page_render(r, status);
}

void
page_reconcile(struct req *r)
{
	struct fval	 e;

	valid_one(r, &fields[F_ESTATE], http_query(r, "estate"), &e);
	show(r, e.set && !e.err ? e.i : 0, NULL, 200);
}

struct ask {
	int64_t		 estate_id;
	int64_t		 staff_id;
	const char	*day;
	int		 channel;	/* -1: every account of the estate */
	int		 asked;
};

static int
ask_tx(struct ctx *ctx, void *arg)
{
	struct ask		*a = arg;
	struct gw_account	 acct;
	int			 g, rc;

	a->asked = 0;
	for (g = 0; g < GW__MAX; g++) {
		if (a->channel >= 0 && g != a->channel)
			continue;
		if ((rc = gw_account_of_estate(ctx, a->estate_id, (enum gw)g,
		    &acct)) < 0)
			return -1;
		if (rc == 0)
			continue;
		if (reconcile_ask(ctx, a->estate_id, acct.id, a->day,
		    a->staff_id) <= 0)
			return -1;
		a->asked++;
	}
	if (a->asked == 0)
		return 1;		/* no such account here: refused */
	return audit(ctx, a->estate_id, "reconcile.ask", "estate",
	    a->estate_id, DB_NULL, arena_printf(ctx->a, "statement of %s, %s",
	    a->day, a->channel < 0 ? "every channel" : gw_codes[a->channel]));
}

void
page_reconcile_post(struct req *r)
{
	struct fval	 v[F__MAX];
	struct estate	 e;
	struct ask	 a;
	struct date	 today = cal_today();
	int		 errs;

	errs = valid_fields(r, fields, F__MAX, v);
	if (scope_posted_estate(r, &e) != 1)
		return;
	/* a gateway's statement is of a day that has ended; WeChat Pay
	 * gives its trade bills for three months back, and UnionPay names
	 * a day by month and day only (fileTransfer's settleDate MMDD), so
	 * RECONCILE_DAYS_BACK is as far as every channel answers rightly */
	errs += valid_date_range(r, &v[F_DAY], cal_add_days(today,
	    -RECONCILE_DAYS_BACK), cal_add_days(today, -1),
	    "网关只提供近三个月的对账单，请选择%s以后的日期",
	    "当天的对账单要到次日上午才有，请选择%s或以前的日期");
	if (errs) {
		show(r, e.id, v, 400);
		return;
	}
	memset(&a, 0, sizeof(a));
	a.estate_id = e.id;
	a.staff_id = r->ctx->actor.id;
	a.day = v[F_DAY].s;
	a.channel = v[F_CHANNEL].set ? (int)v[F_CHANNEL].i : -1;
	switch (db_tx(r->ctx, ask_tx, &a)) {
	case 0:
		break;
	case 1:
		v[F_CHANNEL].err = "本小区没有开通这个支付渠道";
		show(r, e.id, v, 400);
		return;
	default:
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/reconcile?estate=%lld&asked=1",
	    (long long)e.id));
}

static const char *
result_label(const char *res, const char *kind)
{
	int	 refund = strcmp(kind, "refund") == 0;

	if (strcmp(res, "matched") == 0)
		return "一致";
	if (strcmp(res, "credited") == 0)
		return refund ? "网关已退款、本系统未确认，已按对账单记为已退款" :
		    "网关已收款、本系统漏记，已补记入账";
	if (strcmp(res, "gateway_only") == 0)
		return refund ? "网关已退款，本系统尚未确认退款" :
		    "网关有此笔、本系统找不到对应订单，请核查";
	if (strcmp(res, "ledger_only") == 0)
		return refund ? "本系统记为已退款，网关对账单中没有" :
		    "本系统已入账，网关对账单中没有，请核查";
	return "金额不一致，请核查";
}

void
page_reconcile_day(struct req *r)
{
	struct tmpl	*d, *row;
	struct estate	 e;
	struct db_res	*res;
	const char	*channel, *day, *st, *error, *done_at, *kind, *otn,
			*refno, *txn, *at, *result, *number;
	int64_t		 estate, pays, pay_fen, refunds, refund_fen, c[5],
			 gfen, lfen, receipt;
	char		 m[MONEY_FMT_MAX];
	int		 rc;

	if ((rc = db_one(r->ctx, &SQL_RECON_ONE, "i", "issssiiiiiiiiis",
	    r->ids[0], &estate, &channel, &day, &st, &error, &pays, &pay_fen,
	    &refunds, &refund_fen, &c[0], &c[1], &c[2], &c[3], &c[4],
	    &done_at)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	d = page_new(r, "staff/reconcile_day.tpl", "网关对账单");
	/* another estate's statement is not found (404), as any record */
	if ((rc = scope_estate(r, estate, &e, NULL)) != 1 || e.id != estate) {
		if (rc >= 0)
			page_error(r, 404, NULL);
		return;
	}
	tmpl_set_int(d, "ESTATE_ID", e.id);
	tmpl_set(d, "ESTATE_NAME", e.name);
	tmpl_set(d, "DAY", day);
	tmpl_set(d, "CHANNEL_LABEL", gw_labels[gw_parse(channel)]);
	tmpl_set(d, "STATUS", status_label(st));
	tmpl_set(d, "ERROR", error);
	tmpl_set(d, "DONE_AT", done_at);
	if (strcmp(st, "done") == 0) {
		tmpl_show(d, "DONE");
		counts(d, pays, pay_fen, refunds, refund_fen, c);
	} else if (*error != '\0')
		tmpl_show(d, "HAS_ERROR");
	if ((res = db_query(r->ctx, &SQL_RECON_LINES, "i", r->ids[0])) == NULL)
		return;
	while (db_row(res, "ssssIIssIs", &kind, &otn, &refno, &txn, &gfen,
	    &lfen, &at, &result, &receipt, &number) == 1) {
		row = tmpl_row(d, strcmp(result, "matched") == 0 ? "MATCHED_LINE" :
		    "LINE");
		tmpl_set(row, "KIND", strcmp(kind, "refund") == 0 ? "退款" : "收款");
		/* an online payment with no order of ours (imported, or
		 * recorded by hand): nothing the statement can name */
		tmpl_set(row, "OUT_TRADE_NO", *otn != '\0' ? otn :
		    "（无支付订单：导入或手工登记的线上收款）");
		tmpl_set(row, "OUT_REFUND_NO", refno);
		if (*refno != '\0')
			tmpl_show(row, "REFUND_NO");
		tmpl_set(row, "TXN", txn);
		tmpl_set(row, "AT", at);
		tmpl_set(row, "RESULT", result);
		tmpl_set(row, "RESULT_LABEL", result_label(result, kind));
		tmpl_set(row, "GATEWAY_AMOUNT", gfen == DB_NULL ? "—" :
		    money_fmt(m, gfen));
		tmpl_set(row, "LEDGER_AMOUNT", lfen == DB_NULL ? "—" :
		    money_fmt(m, lfen));
		if (receipt != DB_NULL) {
			struct tmpl	*rc_row = tmpl_row(row, "RECEIPT");

			tmpl_set_int(rc_row, "RECEIPT_ID", receipt);
			tmpl_set(rc_row, "RECEIPT_NUMBER", number);
		}
	}
	db_done(res);
	page_render(r, 200);
}
