/*
 * books.h - the money module: every change of money, one call each.
 *
 *	books_pay	record a payment: allocations, prepaid remainder,
 *			receipt number, outbox message, audit row
 *	books_void	reverse a payment: a reversing payment, negative
 *			allocations, the receipt marked void, audit row
 *	books_receipt	take the estate's next receipt number for a payment
 *	books_prepaid	apply a household's prepaid balance to its open bills
 *	books_waive	forgive all or part of what a bill still owes
 *
 * Every call runs inside the caller's transaction (db_tx, or once_tx for
 * a form sent once: once.h) and dates what it writes with the
 * transaction's one database time (ctx->now, ctx.h); its audit row is
 * written in the same transaction. Money is int64 fen. Money rows are
 * never updated or deleted: a correction is a reversing record
 * (DOMAIN.md, "Money"). Each call answers with a typed result and, when
 * refused, why; a refusal must be rolled back by the caller (return it
 * from the transaction's function as a positive value).
 *
 * Implemented in payment.c (pay, receipt), receipt.c (void), prepaid.c
 * (prepaid) and waiver.c (waive).
 */
#ifndef PROPFEE_BOOKS_H
#define PROPFEE_BOOKS_H

#include <stddef.h>
#include <stdint.h>

struct ctx;

enum books_rc {
	BOOKS_DB_ERROR = -1,	/* a database failure: ctx marked, 503/500 */
	BOOKS_OK = 0,
	BOOKS_CONFLICT,		/* the books moved on: already void, closed */
	BOOKS_NOT_FOUND,	/* no such record */
	BOOKS_INVALID		/* refused by a rule (why says which) */
};

enum books_why {
	BOOKS_WHY_NONE = 0,
	BOOKS_BILL_NOT_HERE,	/* a bill named is not open in the household */
	BOOKS_BILL_CLOSED,	/* the bill is paid or waived already */
	BOOKS_MORE_THAN_OPEN,	/* more than the bill still owes */
	BOOKS_ALREADY_VOID,	/* the receipt was voided before */
	BOOKS_WAIVED_SINCE,	/* a bill it paid was waived after it */
	BOOKS_OWN_PAYMENT	/* nobody voids a payment they took */
};

struct payment_in {
	int64_t		 estate_id;
	int64_t		 premises_id;
	int64_t		 amount;		/* fen, > 0 */
	const char	*channel;
	const char	*channel_sub;		/* "" or e.g. an instalment plan */
	int64_t		 payer_owner_id;	/* DB_NULL if not an owner */
	const char	*payer_name;
	int64_t		 collector_id;		/* DB_NULL online */
	const int64_t	*bill_ids;		/* bills the payer named */
	size_t		 nbills;
	const char	*note;
	const char	*visit_date;		/* pos_door: the trip's day, or NULL */
	int		 owner_over_80;		/* a new visit is marked so */
	const char	*pos_voucher;		/* POS 凭证号; NULL or "": none */
	int64_t		 tendered;		/* cash 实收, fen; 0: not recorded */
};

struct payment_out {
	int64_t		 payment_id;
	int64_t		 receipt_id;
	const char	*receipt_number;
	int64_t		 allocated;
	int64_t		 prepaid;		/* left as prepaid balance */
};

/*
 * Records a payment. The household's open bills are locked (FOR UPDATE)
 * first, so two payments for one household queue; the bills named are
 * paid first, then the others oldest first (alloc.h); what is left is a
 * prepaid balance. A door-to-door payment (visit_date set) finds or
 * makes its trip's visit - one per household, collector and day
 * (DOMAIN.md). The receipt number comes from books_receipt; the outbox
 * gets a receipt.issued message. BOOKS_OK, BOOKS_INVALID with
 * BOOKS_BILL_NOT_HERE (a named bill is not open here, or named twice),
 * or BOOKS_DB_ERROR.
 */
enum books_rc	books_pay(struct ctx *, const struct payment_in *,
		    struct payment_out *, enum books_why *);

/*
 * Voids receipt_id's payment, approved by approved_by (staff id): a
 * reversing payment with negative allocations undoes every allocation
 * the payment made (also those later bills took from its prepaid
 * balance), the bills' status follows, the receipt keeps its number
 * marked void, and the household's prepaid balance then pays the bills
 * it reopened; a bill waived in part before the payment reopens owing
 * the rest. BOOKS_OK; BOOKS_CONFLICT with BOOKS_ALREADY_VOID or
 * BOOKS_WAIVED_SINCE (a bill it paid was waived after the payment: the
 * void would not add up); BOOKS_INVALID with BOOKS_OWN_PAYMENT (the
 * approver took the payment: DOMAIN.md); BOOKS_NOT_FOUND; BOOKS_DB_ERROR.
 */
enum books_rc	books_void(struct ctx *, int64_t receipt_id,
		    const char *reason, int64_t approved_by, enum books_why *);

/*
 * Takes the next receipt number of the estate for the transaction's year
 * (gapless: the counter row is advanced in the same transaction) and
 * writes the receipt of payment_id, issued by issued_by (DB_NULL for the
 * system); fills out's receipt_id and receipt_number. BOOKS_OK or
 * BOOKS_DB_ERROR.
 */
enum books_rc	books_receipt(struct ctx *, int64_t estate_id,
		    int64_t payment_id, int64_t issued_by, struct payment_out *);

/*
 * The household's prepaid payments, oldest first, pay its open bills,
 * oldest first, each as an allocation with source 'prepaid'; one audit
 * row ("prepaid.apply", detail why) records the total, which is added to
 * *used when used is not NULL. DOMAIN.md (Payments): a prepaid balance
 * never sits beside an open bill. BOOKS_OK or BOOKS_DB_ERROR.
 */
enum books_rc	books_prepaid(struct ctx *, int64_t estate_id,
		    int64_t premises_id, const char *why, int64_t *used);

struct waive_out {
	int64_t		 estate_id;
	int64_t		 open;		/* what the bill owed before, fen */
	int64_t		 waived;	/* what was forgiven, fen */
};

/*
 * Forgives amount fen of bill_id (0: all it still owes), with a reason,
 * approved by the context's actor: a waiver record (one per bill), the
 * bill's status follows, audit row "bill.waive". BOOKS_OK;
 * BOOKS_CONFLICT with BOOKS_BILL_CLOSED (paid, waived, or owing
 * nothing); BOOKS_INVALID with BOOKS_MORE_THAN_OPEN (out->open says how
 * much is open); BOOKS_NOT_FOUND; BOOKS_DB_ERROR.
 */
enum books_rc	books_waive(struct ctx *, int64_t bill_id, int64_t amount,
		    const char *reason, struct waive_out *, enum books_why *);

/*
 * The transaction's time as "YYYY-MM-DD HH:MM:SS" (China time) in the
 * arena: ctx->now cut to the second inside a transaction, the clock of
 * this host outside one (which no money call is).
 */
const char	*books_now(struct ctx *);

#endif
