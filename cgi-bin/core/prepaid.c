/*
 * prepaid.c - prepaid balances paying open bills, oldest first.
 */
#include "alloc.h"
#include "arena.h"
#include "audit.h"
#include "books.h"
#include "db.h"
#include "ctx.h"
#include "ledger.h"

/*
 * What each prepaid payment has left, as a locking read (ledger.h: a
 * plain subquery would see the snapshot, and spend money a payment
 * committed meanwhile already spent).
 */
SQL_DEF(SQL_PREPAID_PAYMENTS,
    "SELECT p.id, p.amount_fen - COALESCE(SUM(a.amount_fen), 0)"
    " FROM prepaid_open po JOIN payments p ON p.id = po.payment_id"
    " LEFT JOIN allocations a ON a.payment_id = p.id"
    " WHERE po.premises_id = ? GROUP BY p.id"
    " ORDER BY p.paid_at, p.id FOR UPDATE");

SQL_DEF(SQL_PREPAID_BILLS, LEDGER_OPEN_BILLS_LOCKED);

SQL_DEF(SQL_PREPAID_ALLOCATE,
    "INSERT INTO allocations (estate_id, payment_id, bill_id, amount_fen,"
    " source, created_at) VALUES (?, ?, ?, ?, 'prepaid', ?)");

SQL_DEF(SQL_PREPAID_CLOSE,
    "DELETE FROM prepaid_open WHERE payment_id = ?");

struct held {
	int64_t	 payment;
	int64_t	 left;		/* fen not yet allocated */
};

enum books_rc
books_prepaid(struct ctx *ctx, int64_t estate_id, int64_t premises_id,
    const char *why, int64_t *used)
{
	struct db_res		*res;
	struct held		*pays = NULL;
	struct alloc_bill	*bills = NULL;
	int64_t			*give, id, v, total = 0;
	size_t			 np = 0, nb = 0, pcap = 0, bcap = 0, i, k;
	int			 rc;

	if ((res = db_query(ctx, &SQL_PREPAID_PAYMENTS, "i", premises_id)) == NULL)
		return BOOKS_DB_ERROR;
	while ((rc = db_row(res, "ii", &id, &v)) == 1) {
		pays = arena_grow(ctx->a, pays, np, &pcap, sizeof(*pays), 8);
		pays[np].payment = id;
		pays[np++].left = v;
	}
	if (rc < 0)
		return BOOKS_DB_ERROR;
	if (np == 0)
		return BOOKS_OK;
	if ((res = db_query(ctx, &SQL_PREPAID_BILLS, "i", premises_id)) == NULL)
		return BOOKS_DB_ERROR;
	while ((rc = db_row(res, "ii", &id, &v)) == 1) {
		bills = arena_grow(ctx->a, bills, nb, &bcap, sizeof(*bills), 16);
		bills[nb].id = id;
		bills[nb].owed = v;
		bills[nb++].named = 0;
	}
	if (rc < 0)
		return BOOKS_DB_ERROR;
	give = arena_alloc(ctx->a, (nb ? nb : 1) * sizeof(*give));
	for (k = 0; k < np; k++) {
		if (pays[k].left > 0) {
			pays[k].left = alloc_plan(bills, nb, pays[k].left, give);
			for (i = 0; i < nb; i++) {
				if (give[i] == 0)
					continue;
				if (db_exec(ctx, &SQL_PREPAID_ALLOCATE, "iiiis",
				    estate_id, pays[k].payment, bills[i].id,
				    give[i], books_now(ctx)) < 0 ||
				    ledger_restatus(ctx, bills[i].id) < 0)
					return BOOKS_DB_ERROR;
				bills[i].owed -= give[i];
				total += give[i];
			}
		}
		/* Nothing left (or a reversal netted it out): off the list. */
		if (pays[k].left <= 0 &&
		    db_exec(ctx, &SQL_PREPAID_CLOSE, "i", pays[k].payment) < 0)
			return BOOKS_DB_ERROR;
	}
	if (used != NULL)
		*used += total;
	if (total > 0 && audit(ctx, estate_id, "prepaid.apply", "premises",
	    premises_id, total, why) < 0)
		return BOOKS_DB_ERROR;
	return BOOKS_OK;
}
