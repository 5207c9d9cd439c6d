/*
 * ledger.c - a household's account.
 */
#include <string.h>

#include "db.h"
#include "ctx.h"
#include "deferral.h"
#include "ledger.h"

SQL_DEF(SQL_ACCOUNT,
    "SELECT COALESCE(SUM(x.owed), 0),"
    " COALESCE(SUM(CASE WHEN x.due_date < ? THEN x.owed END), 0),"
    " MIN(CASE WHEN x.due_date >= ? THEN x.due_date END), COUNT(*),"
    " COALESCE((SELECT SUM(p.amount_fen) FROM payments p"
    "  WHERE p.premises_id = ?), 0)"
    " - COALESCE((SELECT SUM(a.amount_fen) FROM allocations a"
    "  JOIN payments p ON p.id = a.payment_id WHERE p.premises_id = ?), 0)"
    " FROM (SELECT " DEFERRAL_DUE_SQL " AS due_date, " LEDGER_OWED_SQL
    " AS owed"
    "  FROM bills b WHERE b.premises_id = ?"
    "  AND b.status IN ('unpaid', 'partial')) x");

SQL_DEF(SQL_BILL_RESTATUS,
    "UPDATE bills b SET b.status = " LEDGER_STATUS_SQL
    " WHERE b.id = ?");

int
ledger_restatus(struct ctx *ctx, int64_t bill_id)
{
	return db_exec(ctx, &SQL_BILL_RESTATUS, "i", bill_id) < 0 ? -1 : 0;
}

int
ledger_account(struct ctx *ctx, int64_t premises_id, struct date today,
    struct account *acc)
{
	char	 day[11];

	memset(acc, 0, sizeof(*acc));
	cal_fmt(day, today);
	return db_one(ctx, &SQL_ACCOUNT, "ssiii", "iisii", day, day,
	    premises_id, premises_id, premises_id, &acc->owed_fen,
	    &acc->overdue_fen, &acc->next_due, &acc->nopen,
	    &acc->prepaid_fen) < 0 ? -1 : 0;
}
