/*
 * payment.c - recording a payment, allocating it, issuing its receipt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "alloc.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "ctx.h"
#include "ledger.h"
#include "msg.h"
#include "log.h"
#include "books.h"

SQL_DEF(SQL_PAY_INSERT,
    "INSERT INTO payments (estate_id, premises_id, payer_owner_id, payer_name,"
    " amount_fen, channel, channel_sub, pos_voucher, tendered_fen,"
    " collector_id, visit_id, paid_at, note, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

SQL_DEF(SQL_PAY_OPEN_BILLS, LEDGER_OPEN_BILLS_LOCKED);

SQL_DEF(SQL_PAY_ALLOCATE,
    "INSERT INTO allocations (estate_id, payment_id, bill_id, amount_fen,"
    " source, created_at) VALUES (?, ?, ?, ?, 'payment', ?)");

SQL_DEF(SQL_PAY_PREPAID_OPEN,
    "INSERT INTO prepaid_open (payment_id, estate_id, premises_id)"
    " VALUES (?, ?, ?)");

/*
 * The trip's visit (DOMAIN.md, Door-to-door visits: one trip, one visit):
 * made by the trip's first payment, found by the next (a payment taken
 * again after a void), on the unique key door_visits_trip, so concurrent
 * payments of one trip share one row. Its id is the insert id either way.
 */
SQL_DEF(SQL_PAY_VISIT,
    "INSERT INTO door_visits (estate_id, premises_id, collector_id,"
    " visited_on, owner_over_80, outcome, created_at)"
    " VALUES (?, ?, ?, ?, ?, 'paid', ?)"
    " ON DUPLICATE KEY UPDATE outcome = 'paid', id = LAST_INSERT_ID(id)");

SQL_DEF(SQL_RECEIPT_COUNTER,
    "INSERT INTO receipt_counters (estate_id, year, last_seq) VALUES (?, ?, 1)"
    " ON DUPLICATE KEY UPDATE last_seq = last_seq + 1");

SQL_DEF(SQL_RECEIPT_SEQ,
    "SELECT r.last_seq, e.code FROM receipt_counters r"
    " JOIN estates e ON e.id = r.estate_id"
    " WHERE r.estate_id = ? AND r.year = ?");

SQL_DEF(SQL_RECEIPT_INSERT,
    "INSERT INTO receipts (estate_id, year, seq, number, payment_id,"
    " verify_code, issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

const char *
books_now(struct ctx *ctx)
{
	char	 now[20];

	if (ctx->now[0] != '\0')
		return arena_printf(ctx->a, "%.19s", ctx->now);
	cal_now(now);
	return arena_strdup(ctx->a, now);
}

enum books_rc
books_receipt(struct ctx *ctx, int64_t estate_id, int64_t payment_id,
    int64_t issued_by, struct payment_out *out)
{
	const char	*code, *now = books_now(ctx);
	char		*number;
	int64_t		 year = 0, seq;
	int		 i;

	for (i = 0; i < 4; i++)
		year = year * 10 + (now[i] - '0');
	if (db_exec(ctx, &SQL_RECEIPT_COUNTER, "ii", estate_id, year) < 0 ||
	    db_one(ctx, &SQL_RECEIPT_SEQ, "ii", "is", estate_id, year, &seq,
	    &code) != 1)
		return BOOKS_DB_ERROR;
	number = arena_printf(ctx->a, "%s-%lld-%06lld", code, (long long)year,
	    (long long)seq);
	/* 96 random bits: the public verification page's key. */
	if (db_exec(ctx, &SQL_RECEIPT_INSERT, "iiisissI", estate_id, year, seq,
	    number, payment_id, ctx_random_hex(ctx, 12), now, issued_by) < 0)
		return BOOKS_DB_ERROR;
	out->receipt_id = db_insert_id(ctx);
	out->receipt_number = number;
	return BOOKS_OK;
}

/* The household's primary owner: who gets the e-receipt of a payment
 * nobody named as payer (the counter's walk-in). */
SQL_DEF(SQL_RECEIPT_TO,
    "SELECT owner_id FROM premises_owners WHERE premises_id = ?"
    " ORDER BY is_primary DESC, owner_id LIMIT 1");

/*
 * The e-receipt (msg.h, issue 11): a message to the payer, or the
 * household's primary owner, by each channel they chose, in the
 * payment's own transaction; the worker sends it with a link to the
 * receipt's page. Its key is the receipt's, so it exists once. 0 or -1.
 */
static int
receipt_announce(struct ctx *ctx, const struct payment_in *in,
    const struct payment_out *out, const char *now)
{
	struct msg_in	 m;
	json_t		*o;
	char		*js;
	int64_t		 to = in->payer_owner_id;
	int		 rc;

	if (to == DB_NULL) {
		switch (db_one(ctx, &SQL_RECEIPT_TO, "i", "i", in->premises_id,
		    &to)) {
		case 1:
			break;
		case 0:
			return 0;	/* nobody to tell */
		default:
			return -1;
		}
	}
	o = json_pack("{s:I, s:s, s:I, s:s, s:s}",
	    "receipt_id", (json_int_t)out->receipt_id,
	    "number", out->receipt_number,
	    "amount_fen", (json_int_t)in->amount,
	    "channel", in->channel,
	    "issued_at", now);
	if (o == NULL || (js = json_dumps(o, JSON_COMPACT)) == NULL) {
		json_decref(o);
		ctx->db_failed = 1;
		return -1;
	}
	json_decref(o);
	memset(&m, 0, sizeof(m));
	m.estate_id = in->estate_id;
	m.owner_id = to;
	m.topic = MSG_RECEIPT;
	m.key = arena_printf(ctx->a, "%s/%lld", MSG_RECEIPT,
	    (long long)out->receipt_id);
	m.premises_id = in->premises_id;
	m.run_id = DB_NULL;
	m.payload = js;
	rc = msg_queue(ctx, &m);
	free(js);
	return rc < 0 ? -1 : 0;
}

enum books_rc
books_pay(struct ctx *ctx, const struct payment_in *in,
    struct payment_out *out, enum books_why *why)
{
	struct db_res		*res;
	struct alloc_bill	*bills = NULL;
	int64_t			*give, id, owed, visit = DB_NULL;
	const char		*now;
	char			*detail;
	size_t			 i, j, n = 0, cap = 0, matched = 0;
	int			 row;

	memset(out, 0, sizeof(*out));
	*why = BOOKS_WHY_NONE;
	/* The database's time for the transaction (ctx.h), not this host's:
	 * the payment, its receipt and its audit row agree. */
	now = books_now(ctx);
	/* The visit first: the payment names it when it is written. */
	if (in->visit_date != NULL) {
		if (db_exec(ctx, &SQL_PAY_VISIT, "iiisis", in->estate_id,
		    in->premises_id, in->collector_id, in->visit_date,
		    (int64_t)in->owner_over_80, now) < 0)
			return BOOKS_DB_ERROR;
		visit = db_insert_id(ctx);
	}
	if (db_exec(ctx, &SQL_PAY_INSERT, "iiIsisssIIIsss", in->estate_id,
	    in->premises_id, in->payer_owner_id,
	    in->payer_name ? in->payer_name : "", in->amount, in->channel,
	    in->channel_sub ? in->channel_sub : "",
	    in->pos_voucher && *in->pos_voucher ? in->pos_voucher : NULL,
	    in->tendered > 0 ? in->tendered : DB_NULL, in->collector_id, visit,
	    now,
	    in->note ? in->note : "", now) < 0)
		return BOOKS_DB_ERROR;
	out->payment_id = db_insert_id(ctx);

	/* Lock the household's open bills: payments to it queue here. */
	if ((res = db_query(ctx, &SQL_PAY_OPEN_BILLS, "i", in->premises_id)) == NULL)
		return BOOKS_DB_ERROR;
	while ((row = db_row(res, "ii", &id, &owed)) == 1) {
		bills = arena_grow(ctx->a, bills, n, &cap, sizeof(*bills), 64);
		bills[n].id = id;
		bills[n].owed = owed;
		bills[n].named = 0;
		for (i = 0; i < in->nbills; i++)
			if (in->bill_ids[i] == id) {
				bills[n].named = 1;
				matched++;
			}
		n++;
	}
	if (row < 0)
		return BOOKS_DB_ERROR;
	/* Every named bill must be open here (and named once). */
	for (i = 0; i < in->nbills; i++)
		for (j = i + 1; j < in->nbills; j++)
			if (in->bill_ids[i] == in->bill_ids[j])
				goto bad_bills;
	if (matched != in->nbills)
		goto bad_bills;

	give = arena_alloc(ctx->a, (n ? n : 1) * sizeof(*give));
	out->prepaid = alloc_plan(bills, n, in->amount, give);
	out->allocated = in->amount - out->prepaid;
	for (i = 0; i < n; i++) {
		if (give[i] == 0)
			continue;
		if (db_exec(ctx, &SQL_PAY_ALLOCATE, "iiiis", in->estate_id,
		    out->payment_id, bills[i].id, give[i], now) < 0 ||
		    ledger_restatus(ctx, bills[i].id) < 0)
			return BOOKS_DB_ERROR;
	}
	if (out->prepaid > 0 && db_exec(ctx, &SQL_PAY_PREPAID_OPEN, "iii",
	    out->payment_id, in->estate_id, in->premises_id) < 0)
		return BOOKS_DB_ERROR;
	/* Last: the counter row is the one all payments of the estate share. */
	if (books_receipt(ctx, in->estate_id, out->payment_id,
	    in->collector_id, out) != BOOKS_OK)
		return BOOKS_DB_ERROR;
	if (receipt_announce(ctx, in, out, now) < 0)
		return BOOKS_DB_ERROR;
	detail = arena_printf(ctx->a, "receipt %s; channel %s; premises %lld;"
	    " allocated %lld; prepaid %lld", out->receipt_number, in->channel,
	    (long long)in->premises_id, (long long)out->allocated,
	    (long long)out->prepaid);
	return audit(ctx, in->estate_id, "payment.create", "payment",
	    out->payment_id, in->amount, detail) < 0 ? BOOKS_DB_ERROR :
	    BOOKS_OK;
bad_bills:
	*why = BOOKS_BILL_NOT_HERE;
	return BOOKS_INVALID;
}
