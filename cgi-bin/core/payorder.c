/*
 * payorder.c - online payment orders: opened by an owner, credited once
 * by a gateway's word (payorder.h).
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "channel.h"
#include "jobs.h"
#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "deferral.h"
#include "latefee.h"
#include "log.h"
#include "payorder.h"

const char *const pay_kind_codes[PAY_KIND__MAX + 1] = {
	"overdue", "all", "bills", "prepay", NULL
};

/* The household's open bills, locked (as LEDGER_OPEN_BILLS_LOCKED),
 * with what each still owes and whether it is past due on the day of
 * the transaction's time. */
SQL_DEF(SQL_PO_OPEN_BILLS,
    "SELECT b.id, b.amount_fen - COALESCE(SUM(a.amount_fen), 0)"
    " - COALESCE(MAX(w.amount_fen), 0), " DEFERRAL_DUE_SQL " < DATE(?)"
    " FROM bills b LEFT JOIN allocations a ON a.bill_id = b.id"
    " LEFT JOIN waivers w ON w.bill_id = b.id"
    " WHERE b.premises_id = ? AND b.status IN ('unpaid', 'partial')"
    " GROUP BY b.id"
    " ORDER BY " LATEFEE_ORDER_SQL
    "b.due_date, b.period_start, b.fee_item_id, b.id FOR UPDATE");
/* The household's latest property fee bill (billed by area), per month. */
SQL_DEF(SQL_PO_MONTHLY_FEE,
    "SELECT b.amount_fen, b.period_months FROM bills b"
    " JOIN fee_items f ON f.id = b.fee_item_id"
    " WHERE b.premises_id = ? AND f.basis = 'area'"
    " ORDER BY b.period_start DESC LIMIT 1");
SQL_DEF(SQL_PO_HELD,
    "SELECT o.out_trade_no FROM pay_holds h"
    " JOIN pay_orders o ON o.id = h.order_id"
    " WHERE h.bill_id = ? AND o.status IN ('created', 'paying')"
    " AND (h.until > ? OR o.status = 'paying'"
    " AND h.until > CAST(? AS DATETIME) - INTERVAL " PAYORDER_CONFIRM_MIN_SQL " MINUTE)");
/* The household's row: every order it opens waits here for the one
 * being opened (READ COMMITTED takes no gap locks, so "no live prepay
 * order" must be read under a lock of a row that exists). */
SQL_DEF(SQL_PO_LOCK_PREMISES,
    "SELECT id FROM premises WHERE id = ? FOR UPDATE");
/* A prepay order of the household still live (one at a time). */
SQL_DEF(SQL_PO_OPEN_PREPAY,
    "SELECT out_trade_no FROM pay_orders WHERE premises_id = ?"
    " AND kind = 'prepay' AND status IN ('created', 'paying')"
    " AND (expires_at > ? OR status = 'paying' AND expires_at >"
    " CAST(? AS DATETIME) - INTERVAL " PAYORDER_CONFIRM_MIN_SQL " MINUTE)"
    " LIMIT 1 FOR UPDATE");
SQL_DEF(SQL_PO_INSERT,
    "INSERT INTO pay_orders (estate_id, premises_id, owner_id, out_trade_no,"
    " kind, months, amount_fen, channel, channel_sub, instalments, fee_payer,"
    " status, opened_at, created_at, expires_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'created',"
    " GREATEST(LEAST(COALESCE(?, ?), ?), ? - INTERVAL 1 HOUR), ?,"
    " ? + INTERVAL ? SECOND)");
SQL_DEF(SQL_PO_BILL,
    "INSERT INTO pay_order_bills (order_id, bill_id, estate_id, amount_fen)"
    " VALUES (?, ?, ?, ?)");
SQL_DEF(SQL_PO_HOLD,
    "INSERT INTO pay_holds (bill_id, order_id, estate_id, until)"
    " VALUES (?, ?, ?, ? + INTERVAL ? SECOND)"
    " ON DUPLICATE KEY UPDATE order_id = VALUES(order_id),"
    " until = VALUES(until)");
SQL_DEF(SQL_PO_GET,
    "SELECT id, estate_id, premises_id, owner_id, out_trade_no, amount_fen,"
    " channel, status, created_at, expires_at, payment_id, instalments,"
    " fee_payer = 'estate', kind, months, closed_by,"
    " COALESCE(CAST(payable_until AS CHAR), '')"
    " FROM pay_orders WHERE out_trade_no = ? AND (? = 0 OR premises_id = ?)");
SQL_DEF(SQL_PO_LOCK,
    "SELECT id, estate_id, premises_id, owner_id, out_trade_no, amount_fen,"
    " channel, status, created_at, expires_at, payment_id, instalments,"
    " fee_payer = 'estate', kind, months, closed_by,"
    " COALESCE(CAST(payable_until AS CHAR), '')"
    " FROM pay_orders WHERE out_trade_no = ? FOR UPDATE");
SQL_DEF(SQL_PO_NAMED_OPEN,
    "SELECT b.id FROM pay_order_bills ob JOIN bills b ON b.id = ob.bill_id"
    " WHERE ob.order_id = ? AND b.status IN ('unpaid', 'partial')"
    " ORDER BY " LATEFEE_ORDER_SQL
    "b.due_date, b.period_start, b.fee_item_id, b.id FOR UPDATE");
SQL_DEF(SQL_PO_OWNER_NAME,
    "SELECT name FROM owners WHERE id = ?");
SQL_DEF(SQL_PO_MARK_PAID,
    "UPDATE pay_orders SET status = 'paid', paid_at = ?, payment_id = ?,"
    " gateway_txn = ? WHERE id = ? AND payment_id IS NULL");
SQL_DEF(SQL_PO_UNHOLD,
    "DELETE FROM pay_holds WHERE order_id = ?");
/* Open orders, and those closed here that their gateway may still take
 * money for, until a minute past then (payable_until: a payment the
 * gateway took anyway is credited, payorder_cancel). */
SQL_DEF(SQL_PO_DUE,
    "SELECT out_trade_no FROM pay_orders"
    " WHERE (status IN ('created', 'paying')"
    " AND created_at < NOW(6) - INTERVAL ? SECOND"
    " OR status = 'closed' AND payment_id IS NULL"
    " AND payable_until > NOW(6) - INTERVAL 1 MINUTE)"
    " AND (queried_at IS NULL OR queried_at < NOW(6) - INTERVAL ? SECOND)"
    " ORDER BY created_at LIMIT ?");
SQL_DEF(SQL_PO_ASKED,
    "UPDATE pay_orders SET queried_at = NOW(6), queries = queries + 1"
    " WHERE id = ?");
SQL_DEF(SQL_PO_CLOSE,
    "UPDATE pay_orders SET status = 'closed', closed_by = 'expiry',"
    " closed_at = ?"
    " WHERE id = ? AND status IN ('created', 'paying') AND expires_at < ?");
SQL_DEF(SQL_PO_CANCEL,
    "UPDATE pay_orders SET status = 'closed', closed_by = ?,"
    " closed_at = ?, payable_until = NULLIF(?, '')"
    " WHERE id = ? AND status IN ('created', 'paying')");
/* The bills an order named that are still open: none left, the order
 * has nothing to pay (payorder_settled_elsewhere). */
SQL_DEF(SQL_PO_NAMED_LEFT,
    "SELECT COUNT(*), COALESCE(SUM(b.status IN ('unpaid', 'partial')), 0)"
    " FROM pay_order_bills ob JOIN bills b ON b.id = ob.bill_id"
    " WHERE ob.order_id = ?");
SQL_DEF(SQL_PO_NOTICE,
    "INSERT INTO pay_notices (estate_id, channel, out_trade_no, notify_id,"
    " verdict, why, received_at) VALUES (?, ?, LEFT(?, 64), LEFT(?, 128), ?,"
    " LEFT(?, 200), ?)");
SQL_DEF(SQL_PO_OF_PAYMENT,
    "SELECT id, estate_id, amount_fen, out_trade_no FROM pay_orders"
    " WHERE payment_id = ?");
SQL_DEF(SQL_PO_REFUND_INSERT,
    "INSERT INTO pay_refunds (estate_id, order_id, payment_id, out_refund_no,"
    " amount_fen, requested_at) VALUES (?, ?, ?, ?, ?, ?)");
SQL_DEF(SQL_PO_REFUND_GET,
    "SELECT r.id, r.estate_id, r.out_refund_no, r.amount_fen, r.status,"
    " o.out_trade_no, o.gateway_txn FROM pay_refunds r"
    " JOIN pay_orders o ON o.id = r.order_id WHERE r.id = ?");
SQL_DEF(SQL_PO_REFUND_OK,
    "UPDATE pay_refunds SET status = 'refunded', gateway_refund = ?,"
    " refunded_at = ? WHERE id = ? AND status IN ('requested', 'failed')");
SQL_DEF(SQL_PO_REFUND_FAIL,
    "UPDATE pay_refunds SET status = 'failed', error = LEFT(?, 200)"
    " WHERE id = ? AND status = 'requested'");
SQL_DEF(SQL_PO_REFUNDED,
    "UPDATE pay_orders o JOIN pay_refunds r ON r.order_id = o.id"
    " SET o.status = 'refunded' WHERE r.id = ?");
/* What an order's payment paid: the order's own bills, other bills. */
SQL_DEF(SQL_PO_WHERE,
    "SELECT COALESCE(SUM(IF(ob.bill_id IS NOT NULL, a.amount_fen, 0)), 0),"
    " COALESCE(SUM(IF(ob.bill_id IS NULL, a.amount_fen, 0)), 0), COUNT(ob.bill_id)"
    " FROM allocations a LEFT JOIN pay_order_bills ob ON ob.order_id = ?"
    " AND ob.bill_id = a.bill_id WHERE a.payment_id = ?");
SQL_DEF(SQL_PO_NAMED_COUNT,
    "SELECT COUNT(*) FROM pay_order_bills WHERE order_id = ?");
/* Who else paid the bills order ? named since it was opened (payment ?
 * excluded): how many allocations came from online payments, and how
 * many from the counter (cash, card, transfer: not online, not a
 * service credit). Earlier part payments of the bills do not count. */
SQL_DEF(SQL_PO_PAID_BY,
    "SELECT COALESCE(SUM(p.channel IN (" CHANNEL_SQL_ONLINE ")), 0),"
    " COALESCE(SUM(p.channel NOT IN (" CHANNEL_SQL_ONLINE ", "
    CHANNEL_SQL_SERVICE_CREDIT ")), 0)"
    " FROM pay_orders o JOIN pay_order_bills ob ON ob.order_id = o.id"
    " JOIN allocations a ON a.bill_id = ob.bill_id"
    " AND a.created_at >= o.created_at - INTERVAL 1 SECOND"
    " JOIN payments p ON p.id = a.payment_id"
    " WHERE o.id = ? AND a.payment_id <> ? AND a.amount_fen > 0");
SQL_DEF(SQL_PO_OF_PAYMENT_ID,
    "SELECT out_trade_no FROM pay_orders WHERE payment_id = ?");
SQL_DEF(SQL_PO_RECEIPT,
    "SELECT id, number FROM receipts WHERE payment_id = ?");

/* One open bill of the household, as SQL_PO_OPEN_BILLS reads it. */
struct open_bill {
	int64_t		 id;
	int64_t		 owed;
	int64_t		 past_due;
};

static int
open_bills(struct ctx *ctx, int64_t premises_id, struct open_bill **out,
    size_t *n)
{
	struct db_res	*res;
	struct open_bill b, *v = NULL;
	size_t		 cap = 0;

	*n = 0;
	if ((res = db_query(ctx, &SQL_PO_OPEN_BILLS, "si", ctx->now,
	    premises_id)) == NULL)
		return -1;
	while (db_row(res, "iii", &b.id, &b.owed, &b.past_due) == 1) {
		if (*n == cap) {
			struct open_bill *w;

			cap = cap ? cap * 2 : 32;
			w = arena_alloc(ctx->a, cap * sizeof(*w));
			if (*n)
				memcpy(w, v, *n * sizeof(*w));
			v = w;
		}
		v[(*n)++] = b;
	}
	db_done(res);
	*out = v;
	return 0;
}

/* The order out_trade_no, locked (lock) or of premises (0: any). */
static int
order_load(struct ctx *ctx, int lock, const char *otn, int64_t premises_id,
    struct payorder *o)
{
	struct db_res	*res;
	const char	*ch, *kind;
	int64_t		 inst, by_estate, months;
	int		 rc;

	memset(o, 0, sizeof(*o));
	res = lock ? db_query(ctx, &SQL_PO_LOCK, "s", otn) :
	    db_query(ctx, &SQL_PO_GET, "sii", otn, premises_id, premises_id);
	if (res == NULL)
		return -1;
	rc = db_row(res, "iiiisissssIiisiss", &o->id, &o->estate_id,
	    &o->premises_id, &o->owner_id, &o->out_trade_no, &o->amount, &ch,
	    &o->status, &o->created_at, &o->expires_at, &o->payment_id, &inst,
	    &by_estate, &kind, &months, &o->closed_by, &o->payable_until);
	db_done(res);
	if (rc == 1) {
		o->gw = gw_parse(ch);
		for (o->kind = 0; o->kind < PAY_KIND__MAX &&
		    strcmp(pay_kind_codes[o->kind], kind) != 0; o->kind++)
			;
		o->months = (int)months;
		o->instalments = (int)inst;
		o->fee_by_estate = by_estate != 0;
	}
	return rc < 0 ? -1 : rc;
}

int
payorder_due(struct ctx *ctx, const char **out, int n)
{
	struct db_res	*res;
	int		 k = 0;

	/* test stacks shorten both (scripts/stack.sh, TEST_ROUTES) */
	if ((res = db_query(ctx, &SQL_PO_DUE, "iii",
	    conf_int("pay_quiet_s", PAYORDER_QUIET_SEC, 0, 86400),
	    conf_int("pay_reask_s", PAYORDER_REASK_SEC, 0, 86400),
	    (int64_t)n)) == NULL)
		return -1;
	while (k < n && db_row(res, "s", &out[k]) == 1)
		k++;
	db_done(res);
	return ctx->db_failed ? -1 : k;
}

int
payorder_asked(struct ctx *ctx, int64_t id)
{
	return db_exec(ctx, &SQL_PO_ASKED, "i", id) < 0 ? -1 : 0;
}

int
payorder_close(struct ctx *ctx, int64_t id)
{
	int64_t	 n;

	if ((n = db_exec(ctx, &SQL_PO_CLOSE, "sis", ctx->now, id, ctx->now)) < 0)
		return -1;
	if (n == 0)
		return 0;
	return db_exec(ctx, &SQL_PO_UNHOLD, "i", id) < 0 ? -1 : 1;
}

int
payorder_find(struct ctx *ctx, const char *out_trade_no, int64_t premises_id,
    struct payorder *o)
{
	return order_load(ctx, 0, out_trade_no, premises_id, o);
}

enum books_rc
payorder_create(struct ctx *ctx, const struct payorder_in *in,
    struct payorder *out, enum payorder_why *why, const char **held_by)
{
	struct open_bill	*open;
	int64_t			*take, amount = 0, fee = 0, months = 0, locked;
	size_t			 nopen, ntake = 0, i, j;
	const char		*otn, *sub;
	char			 stamp[15];
	int			 k;

	*why = PAYORDER_WHY_NONE;
	*held_by = NULL;
	switch (db_one(ctx, &SQL_PO_LOCK_PREMISES, "i", "i", in->premises_id,
	    &locked)) {
	case 1:
		break;
	case 0:
		*why = PAYORDER_BILL_NOT_HERE;
		return BOOKS_INVALID;
	default:
		return BOOKS_DB_ERROR;
	}
	if (open_bills(ctx, in->premises_id, &open, &nopen) < 0)
		return BOOKS_DB_ERROR;
	take = arena_alloc(ctx->a, (nopen + 1) * sizeof(*take));
	switch (in->kind) {
	case PAY_OVERDUE:
	case PAY_ALL:
		for (i = 0; i < nopen; i++)
			if (in->kind == PAY_ALL || open[i].past_due) {
				take[ntake++] = i;
				amount += open[i].owed;
			}
		break;
	case PAY_BILLS:
		for (j = 0; j < in->nbills; j++) {
			for (i = 0; i < nopen && open[i].id != in->bill_ids[j]; i++)
				;
			for (k = 0; i < nopen && (size_t)k < ntake; k++)
				if (take[k] == (int64_t)i)
					break;
			if (i == nopen || (size_t)k < ntake) {
				*why = PAYORDER_BILL_NOT_HERE;
				return BOOKS_INVALID;
			}
			take[ntake++] = i;
			amount += open[i].owed;
		}
		break;
	case PAY_PREPAY:
		if (in->months < 1 || in->months > PAYORDER_MONTHS_MAX) {
			*why = PAYORDER_NOTHING_DUE;
			return BOOKS_INVALID;
		}
		switch (db_one(ctx, &SQL_PO_MONTHLY_FEE, "i", "ii",
		    in->premises_id, &fee, &months)) {
		case 1:
			break;
		case 0:
			*why = PAYORDER_NOTHING_DUE;
			return BOOKS_INVALID;
		default:
			return BOOKS_DB_ERROR;
		}
		amount = months > 0 ? fee / months * in->months : 0;
		/* one at a time (an owner's trial opened any number); two
		 * taps at once wait on the household's row (above) */
		switch (db_one(ctx, &SQL_PO_OPEN_PREPAY, "iss", "s",
		    in->premises_id, ctx->now, ctx->now, held_by)) {
		case 0:
			break;
		case 1:
			*why = PAYORDER_HELD;
			return BOOKS_INVALID;
		default:
			return BOOKS_DB_ERROR;
		}
		break;
	default:
		*why = PAYORDER_NOTHING_DUE;
		return BOOKS_INVALID;
	}
	if (amount <= 0) {
		*why = PAYORDER_NOTHING_DUE;
		return BOOKS_INVALID;
	}
	for (i = 0; i < ntake; i++) {
		switch (db_one(ctx, &SQL_PO_HELD, "iss", "s", open[take[i]].id,
		    ctx->now, ctx->now, held_by)) {
		case 0:
			break;
		case 1:
			*why = PAYORDER_HELD;
			return BOOKS_INVALID;
		default:
			return BOOKS_DB_ERROR;
		}
	}
	/* "P" + the time to the second + 48 random bits in hex: 27 of
	 * [0-9A-Za-z], inside WeChat's 6-32, Alipay's 64 and UnionPay's
	 * 8-40 letters and digits. */
	for (i = 0, j = 0; ctx->now[i] != '\0' && j < 14; i++)
		if (ctx->now[i] >= '0' && ctx->now[i] <= '9')
			stamp[j++] = ctx->now[i];
	stamp[j] = '\0';
	otn = arena_printf(ctx->a, "P%s%s", stamp, ctx_random_hex(ctx, 6));
	sub = in->instalments > 0 ?
	    arena_printf(ctx->a, "instalments_%d", in->instalments) : "";
	if (db_exec(ctx, &SQL_PO_INSERT, "iiissiississsssssi", in->estate_id,
	    in->premises_id, in->owner_id, otn, pay_kind_codes[in->kind],
	    (int64_t)(in->kind == PAY_PREPAY ? in->months : 0), amount,
	    gw_codes[in->gw], sub, (int64_t)in->instalments,
	    in->instalments > 0 ? (in->fee_by_estate ? "estate" : "owner") : "",
	    in->opened_at, ctx->now, ctx->now, ctx->now, ctx->now, ctx->now,
	    (int64_t)PAYORDER_TTL_SEC) < 0)
		return BOOKS_DB_ERROR;
	memset(out, 0, sizeof(*out));
	out->id = db_insert_id(ctx);
	for (i = 0; i < ntake; i++) {
		const struct open_bill *b = &open[take[i]];

		if (db_exec(ctx, &SQL_PO_BILL, "iiii", out->id, b->id,
		    in->estate_id, b->owed) < 0 ||
		    db_exec(ctx, &SQL_PO_HOLD, "iiisi", b->id, out->id,
		    in->estate_id, ctx->now, (int64_t)PAYORDER_TTL_SEC) < 0)
			return BOOKS_DB_ERROR;
	}
	switch (payorder_find(ctx, otn, 0, out)) {
	case 1:
		return BOOKS_OK;
	default:
		return BOOKS_DB_ERROR;
	}
}

enum books_rc
payorder_credit(struct ctx *ctx, enum gw gw, int64_t estate_id,
    const char *out_trade_no, int64_t amount, const char *txn,
    struct payorder *o,
    struct payment_out *pay, int *again, enum payorder_why *why)
{
	struct payment_in	 in;
	enum books_why		 bwhy;
	enum books_rc		 rc;
	int64_t			*bills;
	size_t			 nbills;
	const char		*name = "";
	const char		*sub;
	int			 found;

	*again = 0;
	*why = PAYORDER_WHY_NONE;
	memset(pay, 0, sizeof(*pay));
	found = order_load(ctx, 1, out_trade_no, 0, o);
	if (found < 0)
		return BOOKS_DB_ERROR;
	if (found == 0)
		return BOOKS_NOT_FOUND;
	if (o->gw != gw) {
		*why = PAYORDER_WRONG_CHANNEL;
		return BOOKS_INVALID;
	}
	if (o->estate_id != estate_id) {
		*why = PAYORDER_WRONG_ACCOUNT;
		return BOOKS_INVALID;
	}
	if (o->amount != amount) {
		*why = PAYORDER_AMOUNT_DIFFERS;
		return BOOKS_INVALID;
	}
	if (o->payment_id != DB_NULL) {
		*again = 1;
		pay->payment_id = o->payment_id;
		return db_one(ctx, &SQL_PO_RECEIPT, "i", "is", o->payment_id,
		    &pay->receipt_id, &pay->receipt_number) == 1 ?
		    BOOKS_OK : BOOKS_DB_ERROR;
	}
	if (db_ints(ctx, &SQL_PO_NAMED_OPEN, &bills, &nbills, "i", o->id) < 0 ||
	    db_one(ctx, &SQL_PO_OWNER_NAME, "i", "s", o->owner_id, &name) < 0)
		return BOOKS_DB_ERROR;
	sub = o->instalments > 0 ?
	    arena_printf(ctx->a, "instalments_%d", o->instalments) : "";
	memset(&in, 0, sizeof(in));
	in.estate_id = o->estate_id;
	in.premises_id = o->premises_id;
	in.amount = amount;
	in.channel = gw_codes[gw];
	in.channel_sub = sub;
	in.payer_owner_id = o->owner_id;
	in.payer_name = name;
	in.collector_id = DB_NULL;
	in.bill_ids = bills;
	in.nbills = nbills;
	in.note = arena_printf(ctx->a, "online order %s", o->out_trade_no);
	if ((rc = books_pay(ctx, &in, pay, &bwhy)) != BOOKS_OK)
		return rc == BOOKS_INVALID ? BOOKS_DB_ERROR : rc;
	/*
	 * Compare and set: the order is marked paid only if no payment
	 * has marked it since it was read. On one server the lock of
	 * order_load makes that certain; on a Galera cluster with two nodes
	 * taking writes (a failover's seconds) a second notification on the
	 * other node was seen to credit the order again (make cluster-test):
	 * then the whole transaction runs again, and finds it paid.
	 */
	switch (db_exec(ctx, &SQL_PO_MARK_PAID, "sisi", ctx->now,
	    pay->payment_id, txn, o->id)) {
	case 1:
		break;
	case 0:
		(void)db_tx_conflict(ctx, o->out_trade_no);
		return BOOKS_DB_ERROR;
	default:
		return BOOKS_DB_ERROR;
	}
	if (db_exec(ctx, &SQL_PO_UNHOLD, "i", o->id) < 0)
		return BOOKS_DB_ERROR;
	o->status = "paid";
	o->payment_id = pay->payment_id;
	return BOOKS_OK;
}

static int
notice_log(struct ctx *ctx, enum gw gw, int64_t estate_id,
    const struct gw_notice *n, const char *verdict, const char *why)
{
	return db_exec(ctx, &SQL_PO_NOTICE, "Issssss", estate_id, gw_codes[gw],
	    n->out_trade_no ? n->out_trade_no : "",
	    n->notify_id ? n->notify_id : "", verdict, why, ctx->now) < 0 ?
	    -1 : 0;
}

struct settle {
	enum gw			 gw;
	const struct gw_account	*acct;
	const struct gw_notice	*n;
	struct payorder		*o;
	struct payment_out	*pay;
	int			*again;
	enum payorder_why	*why;
	enum books_rc		 rc;
	const char		*refusal;
};

#define SETTLE_REFUSED	1

static int
settle_tx(struct ctx *ctx, void *arg)
{
	struct settle	*t = arg;

	t->rc = payorder_credit(ctx, t->gw, t->acct->estate_id,
	    t->n->out_trade_no, t->n->amount, t->n->txn_id, t->o, t->pay,
	    t->again, t->why);
	switch (t->rc) {
	case BOOKS_OK:
		return notice_log(ctx, t->gw, t->acct->estate_id, t->n,
		    *t->again ? "again" : "paid", "");
	case BOOKS_NOT_FOUND:
	case BOOKS_INVALID:
		return SETTLE_REFUSED;
	default:
		return -1;
	}
}

enum books_rc
payorder_settle(struct ctx *ctx, enum gw gw, const struct gw_account *acct,
    const struct gw_notice *n, struct payorder *o, struct payment_out *pay,
    int *again, enum payorder_why *why)
{
	struct settle	 t = { gw, acct, n, o, pay, again, why, BOOKS_DB_ERROR,
			    NULL };

	switch (db_tx(ctx, settle_tx, &t)) {
	case 0:
		return BOOKS_OK;
	case SETTLE_REFUSED:
		return t.rc;
	default:
		return BOOKS_DB_ERROR;
	}
}

struct refusal {
	enum gw			 gw;
	int64_t			 estate_id;
	const struct gw_notice	*n;
	const char		*why;
};

static int
refused_tx(struct ctx *ctx, void *arg)
{
	struct refusal	*t = arg;

	return notice_log(ctx, t->gw, t->estate_id, t->n, "refused", t->why);
}

int
payorder_refused(struct ctx *ctx, enum gw gw, int64_t estate_id,
    const struct gw_notice *n, const char *why)
{
	struct refusal	 t = { gw, estate_id, n, why };

	log_warnx("%s %s %s refused: %s", ctx->name ? ctx->name : "pay",
	    gw_codes[gw], n->out_trade_no ? n->out_trade_no : "-", why);
	return db_tx(ctx, refused_tx, &t) == 0 ? 0 : -1;
}

const char *
payorder_why_text(enum payorder_why why)
{
	switch (why) {
	case PAYORDER_AMOUNT_DIFFERS:	return "amount differs from the order";
	case PAYORDER_WRONG_CHANNEL:	return "the order is another channel's";
	case PAYORDER_WRONG_ACCOUNT:	return "the order is another estate's";
	default:			return "refused";
	}
}

int
payorder_refund_request(struct ctx *ctx, int64_t payment_id)
{
	int64_t		 order, estate, amount;
	const char	*otn;
	int		 rc;

	rc = db_one(ctx, &SQL_PO_OF_PAYMENT, "i", "iiis", payment_id, &order,
	    &estate, &amount, &otn);
	if (rc <= 0)
		return rc;		/* not an online payment: nothing */
	/* "R" + the order's own number: one refund per order, and the
	 * gateway sees which order it is (UnionPay: letters and digits). */
	if (db_exec(ctx, &SQL_PO_REFUND_INSERT, "iiisis", estate, order,
	    payment_id, arena_printf(ctx->a, "R%s", otn + 1), amount,
	    ctx->now) < 0)
		return -1;
	return job_queue(ctx, "payorder.refund", estate, db_insert_id(ctx),
	    PAYORDER_REFUND_TRIES);
}

int
payorder_refund_get(struct ctx *ctx, int64_t id, struct payrefund *r)
{
	const char	*otn;
	int		 rc;

	memset(r, 0, sizeof(*r));
	rc = db_one(ctx, &SQL_PO_REFUND_GET, "i", "iisisss", id, &r->id,
	    &r->estate_id, &r->out_refund_no, &r->amount, &r->status, &otn,
	    &r->gateway_txn);
	if (rc == 1)
		rc = payorder_find(ctx, otn, 0, &r->order);
	return rc;
}

int
payorder_refund_done(struct ctx *ctx, int64_t id, int confirmed,
    const char *gateway_refund, const char *error)
{
	struct payrefund	 r;
	int64_t			 n;

	if (!confirmed) {
		if ((n = db_exec(ctx, &SQL_PO_REFUND_FAIL, "si", error, id)) <= 0)
			return n < 0 ? -1 : 0;
		if (payorder_refund_get(ctx, id, &r) != 1)
			return -1;
		return audit(ctx, r.estate_id, "payorder.refund_failed",
		    "pay_refund", id, 0, arena_printf(ctx->a, "订单 %s 原路退款"
		    "未成功（%s）：%s", r.order.out_trade_no,
		    gw_labels[r.order.gw], error));
	}
	if ((n = db_exec(ctx, &SQL_PO_REFUND_OK, "ssi", gateway_refund,
	    ctx->now, id)) < 0)
		return -1;
	if (n == 0)
		return 0;		/* confirmed before */
	if (db_exec(ctx, &SQL_PO_REFUNDED, "i", id) < 0 ||
	    payorder_refund_get(ctx, id, &r) != 1)
		return -1;
	return audit(ctx, r.estate_id, "payorder.refund", "pay_refund", id,
	    -r.amount, arena_printf(ctx->a, "order %s refunded through %s;"
	    " gateway refund %s", r.order.out_trade_no, gw_codes[r.order.gw],
	    gateway_refund));
}

struct cancel {
	const struct payorder	*o;
	const char		*by;		/* closed_by: owner, settled */
	const char		*payable_until;	/* "" or the gateway's limit */
	enum payorder_cancel	 rc;
	int			 raced;		/* sent to the gateway since */
};

static int
cancel_tx(struct ctx *ctx, void *arg)
{
	struct cancel	*t = arg;
	struct payorder	 o;
	int64_t		 n;

	if (order_load(ctx, 1, t->o->out_trade_no, 0, &o) != 1)
		return -1;
	if (o.payment_id != DB_NULL) {
		/* the notification came while the gateway closed it */
		t->rc = PAYORDER_CANCEL_PAID;
		return 0;
	}
	if (strcmp(t->o->status, "created") == 0 &&
	    strcmp(o.status, "paying") == 0) {
		/* the owner went to the gateway meanwhile (/go): it must
		 * be closed there first (a breaker's trial: closed here
		 * only, the gateway took the money and nobody asked) */
		t->raced = 1;
		return 0;
	}
	if ((n = db_exec(ctx, &SQL_PO_CANCEL, "sssi", t->by, ctx->now,
	    t->payable_until, o.id)) < 0)
		return -1;
	if (n == 0) {
		t->rc = PAYORDER_CANCEL_ENDED;
		return 0;
	}
	t->rc = t->payable_until[0] ? PAYORDER_CANCELLED_OPEN :
	    PAYORDER_CANCELLED;
	if (db_exec(ctx, &SQL_PO_UNHOLD, "i", o.id) < 0)
		return -1;
	return audit(ctx, o.estate_id, "payorder.cancel", "pay_order", o.id,
	    0, arena_printf(ctx->a, "%s订单 %s（%s）%s",
	    strcmp(t->by, "owner") == 0 ? "业主取消" : "账单已另行缴清，关闭",
	    o.out_trade_no, gw_labels[o.gw], t->payable_until[0] ?
	    arena_printf(ctx->a, "；网关在 %.16s 前仍可能收款，收到即入账",
	    t->payable_until) : "；网关已关闭"));
}

enum payorder_cancel
payorder_cancel(struct ctx *ctx, const struct payorder *o, const char *by,
    char *err, size_t errlen)
{
	struct gw_account	 acct;
	struct gw_notice	 n;
	struct payorder		 paid;
	struct payment_out	 pay;
	struct cancel		 t = { o, by, "", PAYORDER_CANCEL_FAILED, 0 };
	struct payorder		 sent;
	enum payorder_why	 why;
	int			 closed, again;

	err[0] = '\0';
	if (strcmp(o->status, "created") != 0 &&
	    strcmp(o->status, "paying") != 0)
		return PAYORDER_CANCEL_ENDED;
	/* Never sent to the gateway (the owner never had its page: the
	 * gateway down when asked, or never asked): nothing to close there.
	 * A breaker's trial: WeChat Pay down left such an order open, its
	 * cancel 503 and its bills held for 15 minutes. */
	if (strcmp(o->status, "created") == 0)
		goto close;
	switch (gw_account_of_estate(ctx, o->estate_id, o->gw, &acct)) {
	case 1:
		break;
	case 0:
		snprintf(err, errlen, "no %s account", gw_codes[o->gw]);
		return PAYORDER_CANCEL_UNSURE;
	default:
		return PAYORDER_CANCEL_FAILED;
	}
	/* The gateway first: only what it says closed may be let go. */
	if (gw_close(ctx, &acct, o->out_trade_no, &closed, err, errlen) != GW_OK)
		return PAYORDER_CANCEL_UNSURE;
	if (closed == GW_CLOSED_NOT_OPENED)
		t.payable_until = o->expires_at;
	else if (closed != GW_CLOSED) {
		if (gw_query(ctx, &acct, o->out_trade_no, &n, err,
		    errlen) != GW_OK)
			return PAYORDER_CANCEL_UNSURE;
		if (n.paid) {
			/* paid there: credited as a notification would be,
			 * by the one settle path (once, whatever races it) */
			switch (payorder_settle(ctx, o->gw, &acct, &n, &paid,
			    &pay, &again, &why)) {
			case BOOKS_OK:
				return PAYORDER_CANCEL_PAID;
			case BOOKS_NOT_FOUND:
			case BOOKS_INVALID:
				(void)payorder_refused(ctx, o->gw, o->estate_id,
				    &n, payorder_why_text(why));
				snprintf(err, errlen, "the query's payment: %s",
				    payorder_why_text(why));
				return PAYORDER_CANCEL_UNSURE;
			default:
				return PAYORDER_CANCEL_FAILED;
			}
		}
		/*
		 * Not paid. Alipay and WeChat Pay refused to close it: a
		 * state we do not know how to end (the buyer may be paying
		 * this moment), so nothing is let go; the owner tries again.
		 *
		 * UnionPay has no close of an unpaid consume (ACP closes a
		 * front consume only by its payTimeout; 撤销 undoes a paid
		 * one). We sent payTimeout = the order's expiry (15 minutes),
		 * so the gateway takes no money for it after that. Closing
		 * it here before then is still safe: a payment made anyway
		 * in those minutes is credited by its notification (or by
		 * the sweep, which keeps asking about the order until
		 * payable_until has passed: SQL_PO_DUE) to the order's
		 * bills if still open, else as DOMAIN.md allocates (other
		 * bills, then prepaid), never lost and never twice; and the
		 * owner is not kept waiting 15 minutes, but told not to pay
		 * on the old page (PAYORDER_CANCELLED_OPEN).
		 */
		if (o->gw != GW_UNIONPAY) {
			if (err[0] == '\0')
				snprintf(err, errlen, "not closed, not paid");
			return PAYORDER_CANCEL_UNSURE;
		}
		t.payable_until = o->expires_at;
	}
close:
	if (db_tx(ctx, cancel_tx, &t) != 0)
		return PAYORDER_CANCEL_FAILED;
	if (t.raced) {
		/* once: a paying order never goes back to created */
		sent = *o;
		sent.status = "paying";
		return payorder_cancel(ctx, &sent, by, err, errlen);
	}
	return t.rc;
}

SQL_DEF(SQL_PO_TO_GATEWAY,
    "UPDATE pay_orders SET status = 'paying' WHERE id = ? AND status = 'created'");

static int
to_gateway_tx(struct ctx *ctx, void *arg)
{
	struct payorder	*o = arg;
	struct payorder	 now;

	if (order_load(ctx, 1, o->out_trade_no, 0, &now) != 1)
		return -1;
	o->status = now.status;
	if (strcmp(now.status, "created") == 0) {
		if (db_exec(ctx, &SQL_PO_TO_GATEWAY, "i", now.id) < 0)
			return -1;
		o->status = "paying";
	}
	if (strcmp(o->status, "paying") == 0 &&
	    strcmp(now.expires_at, ctx->now) <= 0)
		o->status = "expired";
	return 0;
}

int
payorder_to_gateway(struct ctx *ctx, const struct payorder *o)
{
	struct payorder	 t = *o;

	if (db_tx(ctx, to_gateway_tx, &t) != 0)
		return -1;
	return strcmp(t.status, "paying") == 0;
}

int
payorder_settled_elsewhere(struct ctx *ctx, const struct payorder *o)
{
	int64_t	 named, open;

	if (o->kind == PAY_PREPAY)
		return 0;		/* pays months ahead, not bills */
	if (db_one(ctx, &SQL_PO_NAMED_LEFT, "i", "ii", o->id, &named,
	    &open) != 1)
		return -1;
	return named > 0 && open == 0;
}

const char *
payorder_where(struct ctx *ctx, int64_t payment_id, int64_t amount)
{
	struct payorder	 o;
	const char	*otn, *first, *where, *bills;
	int64_t		 named, other, nnamed, norder, prepaid, online, counter;

	switch (db_one(ctx, &SQL_PO_OF_PAYMENT_ID, "i", "s", payment_id, &otn)) {
	case 1:
		break;
	case 0:
		return "";
	default:
		return NULL;
	}
	if (order_load(ctx, 0, otn, 0, &o) != 1 ||
	    db_one(ctx, &SQL_PO_WHERE, "ii", "iii", o.id, payment_id, &named,
	    &other, &nnamed) != 1 ||
	    db_one(ctx, &SQL_PO_NAMED_COUNT, "i", "i", o.id, &norder) != 1)
		return NULL;
	prepaid = amount - named - other;
	if (other == 0 && prepaid == 0)
		return "";		/* all to the bills it named */
	if (o.kind == PAY_PREPAY && other == 0)
		return "";		/* a prepay that stayed prepaid */
	/* "其他" only beside bills of its own: a 预存 names none (an
	 * owner's trial: 已用于本户其他未缴账单 after choosing 预存) */
	bills = norder > 0 ? "本户其他未缴账单" : "本户未缴账单";
	first = "";
	if (norder > 0 && named == 0) {
		/* say who paid them: the counter, another online order
		 * (a breaker's trial: "在柜台" when the counter had not) */
		if (db_one(ctx, &SQL_PO_PAID_BY, "ii", "ii", o.id, payment_id,
		    &online, &counter) != 1)
			return NULL;
		first = counter > 0 && online == 0 ?
		    "这笔订单的账单已在柜台缴清，" : online > 0 && counter == 0 ?
		    "这笔订单的账单已由另一笔线上支付缴清，" :
		    "这笔订单的账单已另行缴清，";
	} else if (norder > 0)
		first = arena_printf(ctx->a, "¥%s 缴了这笔订单的账单，",
		    gw_yuan(ctx, named));
	if (other > 0 && prepaid > 0)
		where = arena_printf(ctx->a, "%s¥%s 已用于%s，¥%s 已转入预存"
		    "余额（出账后自动抵扣）。", first, gw_yuan(ctx, other),
		    bills, gw_yuan(ctx, prepaid));
	else if (other > 0)
		where = arena_printf(ctx->a, "%s¥%s 已用于%s。", first,
		    gw_yuan(ctx, other), bills);
	else
		where = arena_printf(ctx->a, "%s本次 ¥%s 已转入预存余额（出账后"
		    "自动抵扣）。", first, gw_yuan(ctx, prepaid));
	/* paid twice: say the way back (a new user's trial) */
	if (norder > 0 && named == 0)
		where = arena_printf(ctx->a, "%s如需退回这笔钱，请联系物业服务"
		    "中心：作废收据后原路退回。", where);
	return where;
}
