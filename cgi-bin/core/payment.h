/*
 * payment.h - money in: one payment, its allocations, its receipt number
 * and its audit row, in the caller's transaction (db_tx).
 *
 * The household's open bills are locked (FOR UPDATE) before anything is
 * allocated, so two payments for one household queue; the receipt number
 * comes from the estate's counter row for the year, advanced in the same
 * transaction, so numbers have no gaps. A form submitted twice records
 * one payment by the caller's form token (once.h).
 */
#ifndef PROPFEE_PAYMENT_H
#define PROPFEE_PAYMENT_H

#include <stddef.h>
#include <stdint.h>

struct ctx;

/* The channels staff may record at the counter or the door. */
extern const char *const payment_staff_channels[];	/* NULL-terminated */

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

enum {
	PAY_OK = 0,
	PAY_BAD_BILLS = 2	/* a named bill is not open in this household */
};

/*
 * Records the payment; call inside db_tx. A door-to-door payment
 * (visit_date set) finds or makes its trip's visit - one per household,
 * collector and day (DOMAIN.md) - and names it in payments.visit_id.
 * A form sent twice is the caller's to catch (once.h). Returns PAY_OK or
 * PAY_BAD_BILLS (roll back), or -1 on a database failure.
 */
int	payment_record(struct ctx *, const struct payment_in *,
	    struct payment_out *);

/*
 * Takes the next receipt number of the estate for the year of `now` and
 * writes the receipt of payment_id; inside the payment's transaction.
 */
int	receipt_issue(struct ctx *, int64_t estate_id, int64_t payment_id,
	    const char *now, int64_t issued_by, struct payment_out *);

#endif
