/*
 * receipt.c - one receipt in the back office.
 *
 *   GET  /staff/receipts/#          the receipt, with the void form for a
 *                                   team lead or manager (receipt.tpl)
 *   GET  /staff/receipts/#.pdf      the PDF, printed on paper: every staff
 *                                   print after the first is marked 副本
 *                                   (owners' downloads do not count)
 *   POST /staff/receipts/#/void     voids it with a reason: 303 back, 400
 *                                   without a reason, 409 when already
 *                                   void or its bills were since waived,
 *                                   403 when the approver took the
 *                                   payment; the same form sent again
 *                                   answers as the first did (once.h);
 *                                   an open request to void it is
 *                                   settled by it
 *
 * Asking for a void and deciding a request are voids.c's: the page shows
 * them (voids_fill).
 *
 * A receipt outside the user's estates is 404.
 */
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "db.h"
#include "gw.h"
#include "http.h"
#include "labels.h"
#include "ledger.h"
#include "money.h"
#include "msg.h"
#include "msgbox.h"
#include "once.h"
#include "page.h"
#include "payorder.h"
#include "pages.h"
#include "receipt.h"
#include "tmpl.h"
#include "valid.h"

int
receipt_scoped(struct req *r, int64_t id, struct receipt *rc)
{
	int	 rv = receipt_load(r->ctx, id, rc);

	if (rv == 0 || (rv == 1 && !scope_sees(r, rc->estate_id))) {
		page_error(r, 404, NULL);
		return 0;
	}
	return rv;
}

/* What the collector recorded with the payment (014_pay_details.sql). */
/* The e-receipt's messages (msg.h): by which channel, in what state. */
/* The e-receipt's messages, each with its last try's answer. */
SQL_DEF(SQL_RECEIPT_MESSAGES,
    "SELECT o.id, o.channel, o.status, o.held, o.last_error,"
    " la.id IS NOT NULL, COALESCE(la.http_status, 0), COALESCE(la.code, '')"
    " FROM outbox o"
    " LEFT JOIN outbox_attempts la ON la.id = (SELECT MAX(x.id)"
    "  FROM outbox_attempts x WHERE x.outbox_id = o.id)"
    " WHERE o.idem_key LIKE CONCAT('receipt.issued/', ?, '/%') ORDER BY o.id");
SQL_DEF(SQL_RECEIPT_PAY_DETAILS,
    "SELECT COALESCE(pos_voucher, ''), COALESCE(tendered_fen, 0)"
    " FROM payments WHERE id = ?");

/* The refund of an online payment voided (pay_refunds, issue 10). */
SQL_DEF(SQL_RECEIPT_REFUND,
    "SELECT status, amount_fen, COALESCE(refunded_at, requested_at), error"
    " FROM pay_refunds WHERE payment_id = ?");
/* 1 when the payment came from an online order (propfee can refund it). */
SQL_DEF(SQL_RECEIPT_HAS_ORDER,
    "SELECT COUNT(*) FROM pay_orders WHERE payment_id = ?");

/* Loads the receipt the URL names, within scope; else answers 404. */
static int
load(struct req *r, struct receipt *rc)
{
	return receipt_scoped(r, r->ids[0], rc) == 1 ? 0 : -1;
}

/*
 * What a collector reads out or hands over after a payment (issue 8): the
 * amount in capital numerals, the POS voucher or the cash handed over
 * and the change, what the household still owes now, and the owner's
 * e-receipt link to pass on (no notification is sent: none exist yet).
 * Returns 0 or -1.
 */
static int
show_payment(struct req *r, const struct receipt *rc, struct tmpl *d)
{
	struct account	 acct;
	const char	*voucher;
	char		 cap[MONEY_CAPITAL_MAX];
	int64_t		 tendered;

	if (money_capital(cap, sizeof(cap), rc->amount) == 0)
		tmpl_set(d, "CAPITAL", cap);
	if (db_one(r->ctx, &SQL_RECEIPT_PAY_DETAILS, "i", "si", rc->payment_id,
	    &voucher, &tendered) != 1)
		return -1;
	if (voucher[0] != '\0') {
		tmpl_show(d, "HAS_VOUCHER");
		tmpl_set(d, "VOUCHER", voucher);
	}
	if (tendered > 0) {
		tmpl_show(d, "HAS_TENDERED");
		page_money(d, "TENDERED", tendered);
		page_money(d, "CHANGE", tendered - rc->amount);
	}
	if (ledger_account(r->ctx, rc->premises_id, cal_today(), &acct) < 0)
		return -1;
	if (acct.owed_fen > 0) {
		tmpl_show(d, "STILL_OWES");
		page_money(d, "OWED_NOW", acct.owed_fen);
		if (acct.overdue_fen > 0) {
			tmpl_show(d, "STILL_OVERDUE");
			page_money(d, "OVERDUE_NOW", acct.overdue_fen);
		}
	} else
		tmpl_show(d, "PAID_UP");
	if (acct.prepaid_fen > 0) {
		tmpl_show(d, "PREPAID_NOW");
		page_money(d, "PREPAID_NOW_AMOUNT", acct.prepaid_fen);
	}
	if (!rc->voided) {
		struct db_res	*res;
		struct tmpl	*row;
		const char	*ch, *st, *why, *code, *words;
		enum msgbox_status s;
		int64_t		 mid, held, tried, http;
		int		 c, n = 0, failed = 0;
		int		 link = http_may(r, METHOD_GET, "/outbox/#");

		tmpl_show(d, "SEND");
		tmpl_set(d, "OWNER_URL", receipt_owner_url(r->ctx, rc->id));
		tmpl_set(d, "VERIFY_URL", receipt_verify_url(r->ctx, rc->code));
		/* what was sent already, by channel, and why one failed (a new
		 * user's trial: "已自动发给业主：短信（发送失败）" read as sent,
		 * with no reason and the link out of sight below the lines) */
		if ((res = db_query(r->ctx, &SQL_RECEIPT_MESSAGES, "i",
		    rc->id)) == NULL)
			return -1;
		while (db_row(res, "issisiis", &mid, &ch, &st, &held, &why,
		    &tried, &http, &code) == 1) {
			row = tmpl_row(d, "MSG");
			c = msg_channel_parse(ch);
			s = msgbox_status_parse(st);
			tmpl_set(row, "MSG_CHANNEL", c < 0 ? ch :
			    msg_channel_labels[c]);
			tmpl_set(row, "MSG_CODE", st);
			tmpl_set(row, "MSG_STATUS", msgbox_owner_status(r->a, s,
			    (int)held, 0, 0, *why != '\0', why));
			words = s == MSGBOX_DEAD || s == MSGBOX_UNSURE ?
			    msgbox_why_staff(ch, s, why, (int)tried, http, code) :
			    "";
			if (*words != '\0') {
				tmpl_show(row, "MSG_WHY");
				tmpl_set(row, "MSG_WHY_TEXT", words);
			}
			/* not received for sure: dead, unsure, or not sent
			 * by an error (a channel the owner turned off is no
			 * failure, but nothing reached the owner by it) */
			if (s == MSGBOX_DEAD || s == MSGBOX_UNSURE ||
			    s == MSGBOX_SKIPPED) {
				tmpl_show(row, "MSG_FAILED");
				failed++;
			}
			if (link) {
				tmpl_show(row, "MSG_LINK");
				tmpl_set_int(row, "MSG_ID", mid);
			}
			n++;
		}
		db_done(res);
		if (r->ctx->db_failed)
			return -1;
		tmpl_show(d, n > 0 ? "SENT_BY" : "NOT_SENT");
		if (n > 0)
			/* nothing will reach the owner: the link is the way */
			tmpl_show(d, failed == n ? "NONE_SENT" : "SOME_SENT");
	}
	return 0;
}

/*
 * A voided online payment's refund: REFUNDED (back through its gateway,
 * when), REFUNDING (asked, not yet confirmed) or REFUND_FAILED (the
 * gateway refused, why: the manager settles it otherwise). 0 or -1.
 */
static int
refund_fill(struct req *r, struct tmpl *d, const struct receipt *rc)
{
	const char	*status, *at, *error;
	int64_t		 amount;
	int		 n;

	int64_t		 orders = 0;

	n = db_one(r->ctx, &SQL_RECEIPT_REFUND, "i", "siss", rc->payment_id,
	    &status, &amount, &at, &error);
	if (n < 0)
		return n;
	if (n == 0) {
		/* An online payment: the void form says whether the money
		 * goes back by itself (an order: its gateway refunds it) or
		 * by hand (none: the demo's, or one recorded otherwise). */
		if (gw_parse(rc->channel) == GW__MAX)
			return 0;
		if (db_one(r->ctx, &SQL_RECEIPT_HAS_ORDER, "i", "i",
		    rc->payment_id, &orders) < 0)
			return -1;
		page_money(d, "REFUND_AMOUNT", rc->amount);
		tmpl_show(d, orders > 0 ? "REFUND_AUTO" : rc->voided ?
		    "REFUND_BY_HAND" : "REFUND_MANUAL");
		return 0;
	}
	page_money(d, "REFUND_AMOUNT", amount);
	tmpl_set(d, "REFUND_AT", label_date(r->a, at));
	tmpl_set(d, "REFUND_ERROR", error);
	tmpl_show(d, strcmp(status, "refunded") == 0 ? "REFUNDED" :
	    strcmp(status, "failed") == 0 ? "REFUND_FAILED" : "REFUNDING");
	return 0;
}

static void
show(struct req *r, const struct receipt *rc, const struct fval *v,
    int status)
{
	struct tmpl	*d, *row;
	size_t		 i;
	const char	*where;
	const char	*flag = http_query(r, "new") ? "NEW" :
	    http_query(r, "dup") ? "DUP" : http_query(r, "voided") ?
	    "JUST_VOIDED" : NULL;

	d = page_new(r, "staff/receipt.tpl", arena_printf(r->a, "收据 %s",
	    rc->number));
	tmpl_set_int(d, "ID", rc->id);
	tmpl_set(d, "NUMBER", rc->number);
	tmpl_set(d, "ISSUED_AT", rc->issued_at);
	tmpl_set(d, "ESTATE", rc->estate);
	tmpl_set(d, "PREMISES", rc->premises);
	tmpl_set_int(d, "PREMISES_ID", rc->premises_id);
	tmpl_set(d, "PAYER", rc->payer);
	/* CHANNEL names the gateway in the refund sentences; the facts
	 * give the channel whole and an online order's numbers (issue 10:
	 * what staff look up at the gateway's merchant platform). */
	tmpl_set(d, "CHANNEL", label_channel(rc->channel));
	tmpl_set(d, "CHANNEL_FULL", rc->channel_full);
	if (rc->out_trade_no[0] != '\0') {
		tmpl_show(d, "ORDER");
		tmpl_set(d, "OUT_TRADE_NO", rc->out_trade_no);
		if (rc->gateway_txn[0] != '\0') {
			tmpl_show(d, "GATEWAY_TXN");
			tmpl_set(d, "TXN_LABEL", rc->txn_label);
			tmpl_set(d, "TXN", rc->gateway_txn);
		}
	}
	tmpl_set(d, "TAKER_LABEL", rc->taker_label);
	tmpl_set(d, "COLLECTOR", rc->taker);
	tmpl_set(d, "CODE", rc->code);
	page_money(d, "AMOUNT", rc->amount);
	if (show_payment(r, rc, d) < 0)
		return;
	for (i = 0; i < rc->nlines; i++) {
		row = tmpl_row(d, "LINE");
		tmpl_set(row, "ITEM", rc->lines[i].item);
		tmpl_set(row, "PERIOD", rc->lines[i].period);
		page_money(row, "LINE_AMOUNT", rc->lines[i].amount);
	}
	if (rc->prepaid != 0) {
		tmpl_show(d, "PREPAID");
		page_money(d, "PREPAID_AMOUNT", rc->prepaid);
	}
	/* The void, the void form, or asking for one (voids.c). */
	if (voids_fill(r, d, rc, v) < 0)
		return;
	if (refund_fill(r, d, rc) < 0)
		return;
	/* an online order's money beyond its own bills (payorder_where) */
	if ((where = payorder_where(r->ctx, rc->payment_id, rc->amount)) == NULL)
		return;
	tmpl_set(d, "WHERE", where);
	if (flag != NULL)
		tmpl_show(d, flag);
	if (v != NULL)
		valid_to_tmpl(d, void_fields, NF(void_fields), v);
	tmpl_set(d, "FORM_TOKEN_VAL", once_token(r->ctx));
	page_render(r, status);
}

void
page_receipt(struct req *r)
{
	struct receipt	 rc;

	if (load(r, &rc) < 0)
		return;
	show(r, &rc, NULL, 200);
}

void
page_receipt_pdf(struct req *r)
{
	struct receipt	 rc;

	if (load(r, &rc) == 0)
		page_send_receipt(r, &rc);
}

struct void_tx {
	int64_t		 id;
	const char	*reason;
	int64_t		 by;
};

static int
void_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct void_tx	*t = arg;
	enum books_rc	 rc;
	enum books_why	 why;
	int		 out;

	/* Two statements: why is read after books_void() set it. */
	rc = books_void(ctx, t->id, t->reason, t->by, &why);
	if ((out = void_outcome(rc, why)) != 0)
		return out;
	*made = t->id;
	/* A request to void it is settled by this void. */
	return voids_settle(ctx, t->id);
}

void
page_receipt_void(struct req *r)
{
	struct receipt	 rc;
	struct fval	 v[NF(void_fields)];
	struct void_tx	 t;
	int64_t		 made;
	int		 rv;

	if (load(r, &rc) < 0)
		return;
	if (valid_fields(r, void_fields, NF(void_fields), v) > 0) {
		show(r, &rc, v, 400);
		return;
	}
	t.id = rc.id;
	t.reason = v[0].s;
	t.by = r->ctx->actor.id;
	if ((rv = once_tx(r->ctx, v[1].s, "receipt.void", rc.id, rc.estate_id,
	    void_tx, &t, &made)) < 0)
		return;
	if (rv == ONCE_SEEN && made == 0) {
		v[1].err = ONCE_USED_MSG;
		show(r, &rc, v, 409);
		return;
	}
	/* Refusals go on top of the void part: its form may be gone. */
	if (rv >= VOID_REFUSED) {
		v[1].err = void_refused(r, &rc, rv - VOID_REFUSED);
		show(r, &rc, v, rv == VOID_REFUSED + 3 ? 403 : 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/receipts/%lld?voided=1",
	    (long long)rc.id));
}

void
receipt_show(struct req *r, const struct receipt *rc, const struct fval *v,
    int status)
{
	show(r, rc, v, status);
}
