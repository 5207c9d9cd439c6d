/*
 * waiver.c - books_waive: forgiving what a bill still owes (books.h).
 */
#include "arena.h"
#include "audit.h"
#include "books.h"
#include "codes.h"
#include "ctx.h"
#include "db.h"
#include "ledger.h"

/*
 * A locking read: the bill, what paid it and any waiver, as they stand
 * (ledger.h). Returns the estate, the status, what is open and whether a
 * waiver exists.
 */
SQL_DEF(SQL_WAIVE_LOCK,
    "SELECT b.estate_id, b.status, b.amount_fen - COALESCE(SUM(a.amount_fen), 0)"
    " - COALESCE(MAX(w.amount_fen), 0), COUNT(DISTINCT w.id)"
    " FROM bills b LEFT JOIN allocations a ON a.bill_id = b.id"
    " LEFT JOIN waivers w ON w.bill_id = b.id"
    " WHERE b.id = ? GROUP BY b.id FOR UPDATE");

SQL_DEF(SQL_WAIVE_INSERT,
    "INSERT INTO waivers (estate_id, bill_id, amount_fen, reason, approved_by,"
    " created_at) VALUES (?, ?, ?, ?, ?, ?)");

enum books_rc
books_waive(struct ctx *ctx, int64_t bill_id, int64_t amount,
    const char *reason, struct waive_out *out, enum books_why *why)
{
	const char	*status;
	int64_t		 nwaivers;
	int		 rc;

	*why = BOOKS_WHY_NONE;
	out->estate_id = out->open = out->waived = 0;
	if ((rc = db_one(ctx, &SQL_WAIVE_LOCK, "i", "isii", bill_id,
	    &out->estate_id, &status, &out->open, &nwaivers)) != 1)
		return rc < 0 ? BOOKS_DB_ERROR : BOOKS_NOT_FOUND;
	/* One waiver per bill (waivers_bill is a unique key). */
	if (!bill_status_open(bill_status_parse(status)) || nwaivers > 0 ||
	    out->open <= 0) {
		*why = BOOKS_BILL_CLOSED;
		return BOOKS_CONFLICT;
	}
	if (amount == 0)
		amount = out->open;
	if (amount > out->open) {
		*why = BOOKS_MORE_THAN_OPEN;
		return BOOKS_INVALID;
	}
	out->waived = amount;
	if (db_exec(ctx, &SQL_WAIVE_INSERT, "iiisis", out->estate_id, bill_id,
	    amount, reason, ctx->actor.id, books_now(ctx)) < 0 ||
	    ledger_restatus(ctx, bill_id) < 0 ||
	    audit(ctx, out->estate_id, "bill.waive", "bill", bill_id, amount,
	    arena_printf(ctx->a, "%s; reason: %s", amount < out->open ?
	    "part of what was open" : "all that was open", reason)) < 0)
		return BOOKS_DB_ERROR;
	return BOOKS_OK;
}
