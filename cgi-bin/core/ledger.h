/*
 * ledger.h - what a household owes and holds, from the money tables.
 *
 * Nothing here is stored: a bill's paid amount is the sum of what
 * payments allocated to it (reversals allocate negative amounts), and a
 * prepaid balance is what a household paid less what was allocated.
 */
#ifndef PROPFEE_LEDGER_H
#define PROPFEE_LEDGER_H

#include <stdint.h>

#include "cal.h"
#include "latefee.h"

struct ctx;

/*
 * SQL: what payments allocated to bill b (use with a bill aliased b), and
 * what a waiver forgave of it (a bill has at most one waiver: the whole
 * rest, or part of it). A bill's status follows them in the same
 * transaction (and the ledger check holds it to that):
 *	unpaid	nothing allocated, no waiver
 *	partial	allocations and a waiver settle part of it
 *	paid	allocations settle all of it, no waiver
 *	waived	allocations and a waiver settle all of it
 * so an unpaid bill owes all of it and a paid or waived one nothing: only
 * partial bills are summed. Setting the status (ledger_restatus) sums.
 */
#define LEDGER_ALLOCATED_SQL \
    "COALESCE((SELECT SUM(a.amount_fen) FROM allocations a" \
    " WHERE a.bill_id = b.id), 0)"
#define LEDGER_WAIVED_SQL \
    "COALESCE((SELECT w.amount_fen FROM waivers w WHERE w.bill_id = b.id), 0)"
#define LEDGER_PAID_SQL \
    "(CASE b.status WHEN 'unpaid' THEN 0 WHEN 'paid' THEN b.amount_fen" \
    " ELSE " LEDGER_ALLOCATED_SQL " END)"
/*
 * SQL: the status bill b should have from its allocations and waiver
 * (the table above): ledger_restatus sets it for one bill, an import
 * (core/import.c) for the bills of a file with the same expression.
 */
#define LEDGER_STATUS_SQL \
    "(CASE" \
    " WHEN " LEDGER_ALLOCATED_SQL " + " LEDGER_WAIVED_SQL " >= b.amount_fen" \
    "  THEN IF(" LEDGER_WAIVED_SQL " > 0, 'waived', 'paid')" \
    " WHEN " LEDGER_ALLOCATED_SQL " + " LEDGER_WAIVED_SQL " > 0 THEN 'partial'" \
    " ELSE 'unpaid' END)"
/* What is still owed on bill b. */
#define LEDGER_OWED_SQL \
    "(CASE b.status WHEN 'unpaid' THEN b.amount_fen WHEN 'partial'" \
    " THEN b.amount_fen - " LEDGER_ALLOCATED_SQL " - " LEDGER_WAIVED_SQL \
    " ELSE 0 END)"

/*
 * SQL: a household's open bills (param: premises), oldest first, with
 * what is still owed on each, as a locking read. A money transaction
 * reads what it spends this way: a locking read sees the bills and their
 * allocations as they stand now (and waits for a transaction changing
 * them), where a plain read - a subquery too - sees the transaction's
 * snapshot, which may predate a void or a payment committed meanwhile.
 */
#define LEDGER_OPEN_BILLS_LOCKED \
    "SELECT b.id, b.amount_fen - COALESCE(SUM(a.amount_fen), 0)" \
    " - COALESCE(MAX(w.amount_fen), 0)" \
    " FROM bills b LEFT JOIN allocations a ON a.bill_id = b.id" \
    " LEFT JOIN waivers w ON w.bill_id = b.id" \
    " WHERE b.premises_id = ? AND b.status IN ('unpaid', 'partial')" \
    " GROUP BY b.id" \
    " ORDER BY " LATEFEE_ORDER_SQL \
    "b.due_date, b.period_start, b.fee_item_id, b.id FOR UPDATE"

struct account {
	int64_t		 owed_fen;	/* every open bill, due or not */
	int64_t		 overdue_fen;	/* open and past its due date */
	int64_t		 prepaid_fen;	/* paid and not yet allocated */
	int64_t		 nopen;		/* open bills */
	const char	*next_due;	/* earliest open due date from today */
};

/*
 * Sets a bill's status from what was allocated to it and waived (see
 * LEDGER_ALLOCATED_SQL). Returns 0 or -1.
 */
int	ledger_restatus(struct ctx *, int64_t bill_id);

/* A household's account on day today. Returns 0 or -1. */
int	ledger_account(struct ctx *, int64_t premises_id, struct date today,
	    struct account *);

#endif
