/*
 * prepaid.h - a household's prepaid balance (预存款) paying its open bills.
 *
 * DOMAIN.md (Payments): a prepaid balance never sits beside a past-due
 * bill; it pays the oldest open bills the moment there are any - at a
 * billing run (the bills it made, and any older ones), after a void (the
 * bills the void reopened) - then each new bill as it is made.
 *
 * The balance is the unallocated part of the household's payments listed
 * in prepaid_open; a payment leaves that list when nothing of it is left.
 */
#ifndef PROPFEE_PREPAID_H
#define PROPFEE_PREPAID_H

#include <stdint.h>

struct ctx;

/*
 * Inside the caller's transaction (db_tx): the household's prepaid
 * payments, oldest first, pay its open bills, oldest first (alloc.h),
 * each as an allocation with source 'prepaid'; bills' status follows and
 * one audit row ("prepaid.apply", detail `why`) records the total. Locks
 * the payments and the bills (FOR UPDATE). Adds what was applied (fen)
 * to *used. Returns 0 or -1 (a database failure).
 */
int	prepaid_apply(struct ctx *, int64_t estate_id, int64_t premises_id,
	    const char *why, int64_t *used);

#endif
