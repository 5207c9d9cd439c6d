/*
 * alloc.h - how a payment is spread over a household's open bills.
 *
 * Pure logic, no database: the caller lists the open bills oldest first
 * (by due date), with what is still owed on each. A payment pays the
 * bills the payer named first, oldest first; then every other open bill,
 * oldest first; the last bill it reaches may be paid in part. Only what
 * is left after every open bill is a prepaid balance, so a prepaid
 * balance never sits beside an open bill (DOMAIN.md, Payments).
 */
#ifndef PROPFEE_ALLOC_H
#define PROPFEE_ALLOC_H

#include <stddef.h>
#include <stdint.h>

struct alloc_bill {
	int64_t	 id;
	int64_t	 owed;		/* still owed, > 0 */
	int	 named;		/* the payer chose this bill */
};

/*
 * Fills out[i] with what the payment (fen) gives bills[i] (0 for none):
 * named bills first, then the others, each group in the order given.
 * Returns what is left for the prepaid balance (fen). amount must be
 * >= 0.
 */
int64_t	alloc_plan(const struct alloc_bill *bills, size_t n, int64_t amount,
	    int64_t *out);

#endif
