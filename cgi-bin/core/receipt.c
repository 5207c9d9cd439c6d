/*
 * receipt.c - loading, counting prints, verifying and voiding receipts.
 * The PDF itself is drawn by the renderer, propfee-pdf (core/render.h,
 * cgi-bin/pdf/receipt.c).
 */
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "cal.h"
#include "conf.h"
#include "db.h"
#include "ctx.h"
#include "labels.h"
#include "ledger.h"
#include "payorder.h"
#include "books.h"
#include "occupancy.h"
#include "receipt.h"

#define RECEIPT_COLS \
    "SELECT rc.id, rc.estate_id, rc.payment_id, p.premises_id, rc.number," \
    " rc.verify_code, rc.issued_at, e.name, e.service_centre, e.phone," \
    " bd.name, pr.unit, pr.room, pr.occupancy, p.payer_name, p.channel," \
    " p.channel_sub, COALESCE(st.name, ''), p.amount_fen," \
    " (rv.receipt_id IS NOT NULL), COALESCE(rv.reason, '')," \
    " COALESCE(rv.voided_at, ''), COALESCE(vs.name, '')," \
    " COALESCE(p.collector_id, 0), (sc.id IS NOT NULL)," \
    " COALESCE(ls.name, ''), COALESCE(po.out_trade_no, '')," \
    " COALESCE(po.gateway_txn, ''), COALESCE(po.fee_payer, '')" \
    " FROM receipts rc JOIN payments p ON p.id = rc.payment_id" \
    " JOIN estates e ON e.id = rc.estate_id" \
    " JOIN premises pr ON pr.id = p.premises_id" \
    " JOIN buildings bd ON bd.id = pr.building_id" \
    " LEFT JOIN staff st ON st.id = p.collector_id" \
    " LEFT JOIN receipt_voids rv ON rv.receipt_id = rc.id" \
    " LEFT JOIN staff vs ON vs.id = rv.approved_by" \
    " LEFT JOIN service_credits sc ON sc.payment_id = p.id" \
    " LEFT JOIN staff ls ON ls.id = sc.logged_by" \
    " LEFT JOIN pay_orders po ON po.payment_id = p.id"

SQL_DEF(SQL_RECEIPT_BY_ID, RECEIPT_COLS " WHERE rc.id = ?");

SQL_DEF(SQL_RECEIPT_ID_BY_CODE,
    "SELECT id FROM receipts WHERE verify_code = ?");

SQL_DEF(SQL_RECEIPT_LINES,
    "SELECT fi.name, b.period_start, b.period_months, a.amount_fen"
    " FROM allocations a JOIN bills b ON b.id = a.bill_id"
    " JOIN fee_items fi ON fi.id = b.fee_item_id"
    " WHERE a.payment_id = ? AND a.source = 'payment'"
    " ORDER BY fi.sort, b.period_start, b.id");

SQL_DEF(SQL_RECEIPT_PRINT,
    "INSERT INTO receipt_prints (estate_id, receipt_id, by_kind, by_id,"
    " printed_at) VALUES (?, ?, ?, ?, NOW())");

/* Which staff print of the receipt print id is: 1 for the first. */
SQL_DEF(SQL_RECEIPT_STAFF_PRINT_NO,
    "SELECT COUNT(*) FROM receipt_prints WHERE receipt_id = ?"
    " AND by_kind = 'staff' AND id <= ?");

int
receipt_load(struct ctx *ctx, int64_t id, struct receipt *rc)
{
	struct db_res	*res;
	const char	*unit, *room, *item, *start, *fee_payer;
	int64_t		 voided, credit, months, amount, sum = 0;
	int		 rv;
	size_t		 cap = 0;

	memset(rc, 0, sizeof(*rc));
	rv = db_one(ctx, &SQL_RECEIPT_BY_ID, "i", "iiiissssssssssssssiisssiissss",
	    id,
	    &rc->id, &rc->estate_id, &rc->payment_id, &rc->premises_id,
	    &rc->number, &rc->code, &rc->issued_at, &rc->estate, &rc->centre,
	    &rc->estate_phone, &rc->building, &unit, &room, &rc->occupancy,
	    &rc->payer, &rc->channel, &rc->channel_sub, &rc->collector,
	    &rc->amount, &voided, &rc->void_reason, &rc->voided_at,
	    &rc->void_by, &rc->collector_id, &credit, &rc->credit_logger,
	    &rc->out_trade_no, &rc->gateway_txn, &fee_payer);
	if (rv != 1)
		return rv;
	rc->channel_full = label_channel_full(ctx->a, rc->channel,
	    rc->channel_sub, fee_payer);
	rc->txn_label = label_gateway_txn(rc->channel);
	rc->voided = voided != 0;
	rc->credit = credit != 0;
	/*
	 * Whom the money passed through. A service-exchange credit is money
	 * nobody collected: the manager who approved it is not its 收款人
	 * (the payment row names them as its collector_id all the same, so
	 * that they may not void it: receipt_void()).
	 */
	if (rc->credit) {
		rc->taker_label = "抵扣审批";
		rc->taker = arena_printf(ctx->a, "服务置换抵扣，%s 批准"
		    "（%s 登记）", rc->collector, rc->credit_logger);
		rc->own_words = "这笔服务置换抵扣是您本人批准的";
	} else {
		rc->taker_label = "收款人";
		/* an online payment's: 线上支付, as the register says */
		rc->taker = label_taker(ctx->a, rc->channel, rc->collector);
		rc->own_words = "这笔款是您本人收取的";
	}
	rc->premises = label_premises(ctx->a, rc->building, unit, room,
	    rc->occupancy);
	if ((res = db_query(ctx, &SQL_RECEIPT_LINES, "i", rc->payment_id)) == NULL)
		return -1;
	while ((rv = db_row(res, "ssii", &item, &start, &months,
	    &amount)) == 1) {
		rc->lines = arena_grow(ctx->a, rc->lines, rc->nlines, &cap,
		    sizeof(*rc->lines), 16);
		rc->lines[rc->nlines].item = item;
		rc->lines[rc->nlines].period = label_period(ctx->a, start,
		    (int)months);
		rc->lines[rc->nlines].amount = amount;
		rc->nlines++;
		sum += amount;
	}
	if (rv < 0)
		return -1;
	rc->prepaid = rc->amount - sum;
	return 1;
}

int
receipt_by_code(struct ctx *ctx, const char *code, struct receipt *rc)
{
	int64_t	 id;
	int	 rv;

	if ((rv = db_one(ctx, &SQL_RECEIPT_ID_BY_CODE, "s", "i", code, &id)) != 1)
		return rv;
	return receipt_load(ctx, id, rc);
}

int
receipt_print(struct ctx *ctx, const struct receipt *rc, int staff,
    int64_t *copy)
{
	int64_t		 nth = 1;

	/*
	 * Every download is recorded. The owner's electronic receipt is the
	 * same document however often it is downloaded; only staff prints are
	 * paper, and a staff print after the first is a copy (DOMAIN.md,
	 * Receipts). The print's number counts the staff prints up to this
	 * row, so two prints at once never both come out as the original.
	 */
	*copy = 0;
	if (db_exec(ctx, &SQL_RECEIPT_PRINT, "iisi", rc->estate_id, rc->id,
	    staff ? "staff" : "owner", ctx->actor.id) < 0)
		return -1;
	if (staff && db_one(ctx, &SQL_RECEIPT_STAFF_PRINT_NO, "ii", "i", rc->id,
	    db_insert_id(ctx), &nth) != 1)
		return -1;
	*copy = nth - 1;
	return 0;
}

int
receipt_next_copy(struct ctx *ctx, const struct receipt *rc, int64_t *copy)
{
	*copy = 0;
	return db_one(ctx, &SQL_RECEIPT_STAFF_PRINT_NO, "ii", "i", rc->id,
	    INT64_MAX, copy) < 0 ? -1 : 0;
}

/* The owner portal's address as owners reach it (conf public_url). */
static const char *
public_base(void)
{
	const char	*base = conf_get("public_url", NULL);

	return base == NULL || *base == '\0' ? "http://127.0.0.1:8080" : base;
}

const char *
receipt_verify_url(struct ctx *ctx, const char *code)
{
	return arena_printf(ctx->a, "%s/r/%s", public_base(), code);
}

const char *
receipt_owner_url(struct ctx *ctx, int64_t id)
{
	return arena_printf(ctx->a, "%s/receipts/%lld.pdf", public_base(),
	    (long long)id);
}

const char *
receipt_mask_name(struct arena *a, const char *name)
{
	struct buf	 b;
	const char	*p;
	size_t		 first;

	if (name == NULL || *name == '\0')
		return "";
	/* Keep the first character (UTF-8), star the rest. */
	first = 1;
	while (name[first] != '\0' && ((unsigned char)name[first] & 0xc0) == 0x80)
		first++;
	buf_init(&b, a, 32);
	buf_add(&b, name, first);
	for (p = name + first; *p != '\0'; p++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			buf_putc(&b, '*');
	if (name[first] == '\0')
		buf_putc(&b, '*');
	return buf_str(&b);
}

const char *
receipt_mask_premises(struct arena *a, const char *building,
    const char *occupancy)
{
	if (occupancy_parse(occupancy) == OCC_SHOP)
		return arena_printf(a, "%s**号", building);
	return arena_printf(a, "%s**室", building);
}

SQL_DEF(SQL_VOID_PAYMENT,
    "SELECT rc.estate_id, rc.payment_id, rc.number, p.premises_id,"
    " p.amount_fen, p.channel, p.payer_owner_id, p.payer_name,"
    " (SELECT COUNT(*) FROM receipt_voids v WHERE v.receipt_id = rc.id),"
    " COALESCE(p.collector_id, 0)"
    " FROM receipts rc JOIN payments p ON p.id = rc.payment_id"
    " WHERE rc.id = ? FOR UPDATE");

SQL_DEF(SQL_VOID_REVERSAL,
    "INSERT INTO payments (estate_id, premises_id, payer_owner_id, payer_name,"
    " amount_fen, channel, collector_id, paid_at, reverses_id, note, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

/* Every bill the payment reached, with what it gave (net) to each. */
SQL_DEF(SQL_VOID_ALLOCATIONS,
    "SELECT a.bill_id, SUM(a.amount_fen) FROM allocations a"
    " WHERE a.payment_id = ? GROUP BY a.bill_id HAVING SUM(a.amount_fen) <> 0"
    " ORDER BY a.bill_id FOR UPDATE");

SQL_DEF(SQL_VOID_ALLOCATE,
    "INSERT INTO allocations (estate_id, payment_id, bill_id, amount_fen,"
    " source, created_at) VALUES (?, ?, ?, ?, 'reversal', ?)");

SQL_DEF(SQL_VOID_RECORD,
    "INSERT INTO receipt_voids (receipt_id, estate_id, reason, approved_by,"
    " reversal_payment_id, voided_at) VALUES (?, ?, ?, ?, ?, ?)");

/*
 * The waivers made on a bill this payment paid, at or after the moment it
 * paid it (its allocation: the payment's own, or a later bill taking its
 * prepaid balance). Such a waiver forgave what this payment left: voiding
 * the payment would leave the bill owing money the waiver was meant to
 * settle, so the void is refused. A waiver made BEFORE the payment only
 * forgave part of the bill; the void reopens the bill owing the rest
 * (amount - waiver), which adds up. Both times are whole seconds: a
 * waiver in the same second as the payment counts as after it (refused,
 * the safe side). A locking read of the bills: a waiver being made
 * meanwhile (it locks its bill first: staff/bill.c) is waited for.
 */
SQL_DEF(SQL_VOID_WAIVED,
    "SELECT COUNT(w.id) FROM allocations a JOIN bills b ON b.id = a.bill_id"
    " LEFT JOIN waivers w ON w.bill_id = b.id AND w.created_at >= a.created_at"
    " WHERE a.payment_id = ? AND a.amount_fen > 0 FOR UPDATE");

SQL_DEF(SQL_VOID_PREPAID_CLOSE,
    "DELETE FROM prepaid_open WHERE payment_id = ?");

enum books_rc
books_void(struct ctx *ctx, int64_t receipt_id, const char *reason,
    int64_t approved_by, enum books_why *why)
{
	struct db_res	*res;
	const char	*number, *channel, *payer;
	const char	*now = books_now(ctx);
	int64_t		 estate_id, payment_id, premises_id, amount, owner;
	int64_t		 nvoids, reversal, bill, given, collector;
	struct { int64_t bill, given; } *back = NULL;
	size_t		 n = 0, cap = 0, i;
	int		 rc;

	*why = BOOKS_WHY_NONE;
	rc = db_one(ctx, &SQL_VOID_PAYMENT, "i", "iisiisIsii", receipt_id,
	    &estate_id, &payment_id, &number, &premises_id, &amount, &channel,
	    &owner, &payer, &nvoids, &collector);
	if (rc != 1)
		return rc < 0 ? BOOKS_DB_ERROR : BOOKS_NOT_FOUND;
	if (nvoids > 0) {
		*why = BOOKS_ALREADY_VOID;
		return BOOKS_CONFLICT;
	}
	/* Nobody approves the void of a payment they took (DOMAIN.md). */
	if (collector == approved_by) {
		*why = BOOKS_OWN_PAYMENT;
		return BOOKS_INVALID;
	}
	/* A later waiver forgave what this payment left: it would not add up. */
	if (db_one(ctx, &SQL_VOID_WAIVED, "i", "i", payment_id, &nvoids) != 1)
		return BOOKS_DB_ERROR;
	if (nvoids > 0) {
		*why = BOOKS_WAIVED_SINCE;
		return BOOKS_CONFLICT;
	}
	if (db_exec(ctx, &SQL_VOID_REVERSAL, "iiIsisisiss", estate_id,
	    premises_id, owner, payer, -amount, channel, approved_by, now,
	    payment_id, arena_printf(ctx->a, "作废收据 %s：%s", number, reason),
	    now) < 0)
		return BOOKS_DB_ERROR;
	reversal = db_insert_id(ctx);
	if ((res = db_query(ctx, &SQL_VOID_ALLOCATIONS, "i", payment_id)) == NULL)
		return BOOKS_DB_ERROR;
	while ((rc = db_row(res, "ii", &bill, &given)) == 1) {
		back = arena_grow(ctx->a, back, n, &cap, sizeof(*back), 32);
		back[n].bill = bill;
		back[n].given = given;
		n++;
	}
	if (rc < 0)
		return BOOKS_DB_ERROR;
	for (i = 0; i < n; i++)
		if (db_exec(ctx, &SQL_VOID_ALLOCATE, "iiiis", estate_id, reversal,
		    back[i].bill, -back[i].given, now) < 0 ||
		    ledger_restatus(ctx, back[i].bill) < 0)
			return BOOKS_DB_ERROR;
	if (db_exec(ctx, &SQL_VOID_PREPAID_CLOSE, "i", payment_id) < 0 ||
	    db_exec(ctx, &SQL_VOID_RECORD, "iisiis", receipt_id, estate_id,
	    reason, approved_by, reversal, now) < 0)
		return BOOKS_DB_ERROR;
	if (audit(ctx, estate_id, "receipt.void", "receipt", receipt_id,
	    -amount, arena_printf(ctx->a, "receipt %s voided; reversal payment"
	    " %lld; reason: %s", number, (long long)reversal, reason)) < 0)
		return BOOKS_DB_ERROR;
	/* Money that came through a gateway goes back through it: the
	 * refund's request and job, in this transaction (payorder.h). */
	if (payorder_refund_request(ctx, payment_id) < 0)
		return BOOKS_DB_ERROR;
	/* The bills it reopened: a prepaid balance of the household pays. */
	return books_prepaid(ctx, estate_id, premises_id, arena_printf(ctx->a,
	    "after the void of receipt %s", number), NULL);
}
