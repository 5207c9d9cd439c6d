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

struct req;

/*
 * SQL: what payments allocated to bill b (use with a bill aliased b). A
 * bill's status follows its allocations in the same transaction (and the
 * ledger check holds it to that), so an unpaid bill has none and a paid
 * one all of its amount: only partly paid and waived bills are summed.
 * Setting the status itself (ledger_restatus) sums them all.
 */
#define LEDGER_ALLOCATED_SQL \
    "COALESCE((SELECT SUM(a.amount_fen) FROM allocations a" \
    " WHERE a.bill_id = b.id), 0)"
#define LEDGER_PAID_SQL \
    "(CASE b.status WHEN 'unpaid' THEN 0 WHEN 'paid' THEN b.amount_fen" \
    " ELSE " LEDGER_ALLOCATED_SQL " END)"

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
    " FROM bills b LEFT JOIN allocations a ON a.bill_id = b.id" \
    " WHERE b.premises_id = ? AND b.status IN ('unpaid', 'partial')" \
    " GROUP BY b.id" \
    " ORDER BY b.due_date, b.period_start, b.fee_item_id, b.id FOR UPDATE"

struct account {
	int64_t		 owed_fen;	/* every open bill, due or not */
	int64_t		 overdue_fen;	/* open and past its due date */
	int64_t		 prepaid_fen;	/* paid and not yet allocated */
	int64_t		 nopen;		/* open bills */
	const char	*next_due;	/* earliest open due date from today */
};

/*
 * Sets a bill's status from what was allocated to it: paid, partial or
 * unpaid (a waived bill stays waived). Returns 0 or -1.
 */
int	ledger_restatus(struct req *, int64_t bill_id);

/* A household's account on day today. Returns 0 or -1. */
int	ledger_account(struct req *, int64_t premises_id, struct date today,
	    struct account *);

#endif
