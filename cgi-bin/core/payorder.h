/*
 * payorder.h - an owner's online payment order (商户订单号, issue 10).
 *
 * An order names what it pays (everything past due, everything open,
 * chosen bills, or N months ahead), the channel, the amount in fen, and
 * holds its bills for PAYORDER_TTL_SEC against a second order for the
 * same bills. The gateway's page and its return are never proof of
 * payment: only a verified notification (or the gateway's answer to a
 * query) credits the order, once, through books_pay in the transaction
 * that marks it paid (payorder_credit).
 *
 * Both calls run inside the caller's transaction (db_tx) and date what
 * they write with its one database time (ctx->now).
 */
#ifndef PROPFEE_PAYORDER_H
#define PROPFEE_PAYORDER_H

#include <stddef.h>
#include <stdint.h>

#include "books.h"
#include "gw.h"

struct ctx;

/* How long an order holds its bills and may be paid: 15 minutes. */
#define PAYORDER_TTL_SEC	(15 * 60)
/*
 * An order at its gateway (paying) past its expiry still holds its bills
 * until the sweep has asked the gateway and closed or credited it, or
 * this many minutes past the expiry (the worker down): the owner is told
 * it is being confirmed, not that no money came, and cannot open a
 * second order for the same bills meanwhile (a breaker's trial: a late
 * notification after a second payment paid the bills twice).
 */
#define PAYORDER_CONFIRM_MIN_SQL "10"
/* 预存: 1 to this many months ahead. */
#define PAYORDER_MONTHS_MAX	24

enum pay_kind {
	PAY_OVERDUE,		/* 缴纳逾期: every open bill past its due date */
	PAY_ALL,		/* 一键缴清: every open bill */
	PAY_BILLS,		/* the bills the owner ticked */
	PAY_PREPAY,		/* 预存 N months of the property fee */
	PAY_KIND__MAX
};
/* schema: pay_orders.kind */
extern const char *const pay_kind_codes[PAY_KIND__MAX + 1];

struct payorder_in {
	int64_t		 estate_id;
	int64_t		 premises_id;
	int64_t		 owner_id;
	enum pay_kind	 kind;
	const int64_t	*bill_ids;	/* PAY_BILLS */
	size_t		 nbills;
	int		 months;	/* PAY_PREPAY: 1..PAYORDER_MONTHS_MAX */
	enum gw		 gw;
	int		 instalments;	/* 0, 3, 6 or 12 */
	int		 fee_by_estate;	/* instalments: the estate bears the fee */
	const char	*opened_at;	/* the pay page was opened; NULL: now */
};

struct payorder {
	int64_t		 id;
	int64_t		 estate_id;
	int64_t		 premises_id;
	int64_t		 owner_id;
	const char	*out_trade_no;
	int64_t		 amount;	/* fen */
	enum gw		 gw;
	const char	*status;	/* created paying paid closed failed refunded */
	const char	*created_at;
	const char	*expires_at;
	int64_t		 payment_id;	/* DB_NULL until paid */
	int		 instalments;
	int		 fee_by_estate;
	enum pay_kind	 kind;
	int		 months;	/* PAY_PREPAY */
	const char	*closed_by;	/* "", "expiry", "owner", "settled" */
	/* closed here, the gateway may take money for it until then
	 * (sql/026): "" none; China time "YYYY-MM-DD HH:MM:SS..." */
	const char	*payable_until;
};

enum payorder_why {
	PAYORDER_WHY_NONE = 0,
	PAYORDER_NOTHING_DUE,	/* the kind chosen names no money */
	PAYORDER_HELD,		/* another live order holds a bill */
	PAYORDER_BILL_NOT_HERE,	/* a chosen bill is not open here */
	PAYORDER_AMOUNT_DIFFERS,/* the gateway's amount is not the order's */
	PAYORDER_WRONG_CHANNEL,	/* notified by another gateway */
	PAYORDER_WRONG_ACCOUNT	/* by another estate's merchant account */
};

/*
 * Opens an order: the household's open bills locked, the kind's bills
 * and amount worked out (a prepay is months x the household's latest
 * monthly property fee), each bill held, out_trade_no made (27 letters
 * and digits: time and 48 random bits, what all three gateways accept).
 * BOOKS_OK fills out; BOOKS_INVALID with PAYORDER_NOTHING_DUE,
 * PAYORDER_BILL_NOT_HERE, or PAYORDER_HELD (held_by then names the
 * live order's out_trade_no); BOOKS_DB_ERROR.
 */
enum books_rc	payorder_create(struct ctx *, const struct payorder_in *,
		    struct payorder *out, enum payorder_why *,
		    const char **held_by);

/*
 * Credits the order out_trade_no for a verified notification or query
 * answer from gw of amount fen, the gateway's transaction txn: the order
 * row locked; already paid -> BOOKS_OK with *again = 1 and nothing
 * written; else the payment (books_pay: the order's bills still open
 * first, then oldest first, then prepaid - DOMAIN.md), its receipt and
 * audit row, and the order marked paid and its holds let go. An order
 * closed by expiry is credited too: the money was taken. estate_id is
 * the estate of the merchant account that was paid. BOOKS_NOT_FOUND (no
 * such order), BOOKS_INVALID with PAYORDER_WRONG_CHANNEL,
 * PAYORDER_WRONG_ACCOUNT or PAYORDER_AMOUNT_DIFFERS (nothing written),
 * BOOKS_DB_ERROR.
 */
enum books_rc	payorder_credit(struct ctx *, enum gw, int64_t estate_id,
		    const char *out_trade_no, int64_t amount, const char *txn,
		    struct payorder *out,
		    struct payment_out *pay, int *again, enum payorder_why *);

/*
 * The orders the worker should ask their gateway about now: open
 * (created or paying), older than PAYORDER_QUIET_SEC, not asked about in
 * the last PAYORDER_REASK_SEC; at most n, oldest first: their
 * out_trade_no into out. Returns how many, or -1.
 */
#define PAYORDER_QUIET_SEC	60
#define PAYORDER_REASK_SEC	30
int		payorder_due(struct ctx *, const char **out, int n);
/* Records that the gateway was asked about order id (now). 0 or -1. */
int		payorder_asked(struct ctx *, int64_t id);
/*
 * Closes order id if still open and past its expiry: nothing came, its
 * bills are let go. 1 closed, 0 not (paid meanwhile, or not expired),
 * -1. In the caller's transaction.
 */
int		payorder_close(struct ctx *, int64_t id);

/*
 * A verified word of the gateway (a notification, or the answer to a
 * query: n->notify_id "query") that the order was paid, credited and
 * logged (pay_notices: paid, or again) in one transaction of its own
 * (db_tx, retried whole on a deadlock): payorder_credit for the account
 * acct. BOOKS_OK (*again when it was paid before); BOOKS_NOT_FOUND and
 * BOOKS_INVALID (why) are refusals, logged by the caller with
 * payorder_refused; BOOKS_DB_ERROR.
 */
enum books_rc	payorder_settle(struct ctx *, enum gw, const struct gw_account *,
		    const struct gw_notice *n, struct payorder *,
		    struct payment_out *, int *again, enum payorder_why *);
/* Logs a refused notification (pay_notices, verdict refused, why in
 * English for the log), in a transaction of its own. 0 or -1. */
int		payorder_refused(struct ctx *, enum gw, int64_t estate_id,
		    const struct gw_notice *n, const char *why);
/* The log's words for a refusal of payorder_credit. */
const char	*payorder_why_text(enum payorder_why);

/*
 * Refunds (DOMAIN.md: a void is asked for and approved; issue 10). In
 * books_void's transaction: if payment_id came from an online order,
 * the refund's request (pay_refunds: out_refund_no, the whole amount)
 * and its "payorder.refund" job. 0 (none needed, or requested) or -1.
 */
int		payorder_refund_request(struct ctx *, int64_t payment_id);
/*
 * How long a refund is asked of its gateway before it is called failed:
 * attempts of the "payorder.refund" job, the first again after 30 s,
 * doubling to an hour - about 17 hours in all, so a gateway down for a
 * night or a WeChat Pay refund PROCESSING (its bank's hours) is waited
 * for; then the refund is failed and the manager told (网关对账).
 */
#define PAYORDER_REFUND_TRIES		24
#define PAYORDER_REFUND_BACKOFF_MS	30000
#define PAYORDER_REFUND_BACKOFF_MAX_MS	3600000

/* A requested refund, as the worker carries it out. */
struct payrefund {
	int64_t		 id;
	int64_t		 estate_id;
	const char	*out_refund_no;
	int64_t		 amount;		/* fen */
	const char	*status;
	const char	*gateway_txn;		/* the paid order's transaction */
	struct payorder	 order;
};
/* Refund id, and its order: 1, 0, -1. */
int		payorder_refund_get(struct ctx *, int64_t id, struct payrefund *);
/*
 * The gateway's answer to refund id, in the caller's transaction:
 * confirmed (gateway_refund its id): the refund refunded, the order
 * refunded, an audit row - also a refund failed before (its job gave
 * up) that the gateway's statement shows made; refused or given up
 * (error its words, for the manager): failed, an audit row. Either
 * only once. 0 or -1.
 */
int		payorder_refund_done(struct ctx *, int64_t id, int confirmed,
		    const char *gateway_refund, const char *error);

/*
 * The owner's 取消订单 of open order o (a new user's trial: Back from
 * the gateway or a declined card left the order "confirming" for 15
 * minutes, its bills held), or the sweep's close of an order whose
 * bills were paid another way. An order never sent to the gateway
 * (created) is closed here alone. Else the gateway is asked to close it
 * first (gw_close; UnionPay has none: its queryTrans decides, see the
 * comment in payorder.c); only when the gateway says closed (or not
 * opened yet, or UnionPay not paid: then payable_until is its expiry)
 * is the order closed (closed_by by) and its bills let go, in a
 * transaction that finds it paid instead if a notification came in the
 * meantime. Paid at the gateway: credited by payorder_settle, the
 * notification's one path. Not a transaction of the caller's: it talks
 * to the gateway.
 */
enum payorder_cancel {
	PAYORDER_CANCELLED,	/* closed here and there, its bills free */
	PAYORDER_CANCELLED_OPEN,/* closed here, its bills free; the gateway
				 * may still take money for it until its
				 * expiry (payable_until): credited if so */
	PAYORDER_CANCEL_PAID,	/* paid after all: credited, once */
	PAYORDER_CANCEL_ENDED,	/* already paid or closed: nothing done */
	PAYORDER_CANCEL_UNSURE,	/* the gateway could not say: nothing done
				 * (err says why) */
	PAYORDER_CANCEL_FAILED	/* the database */
};
/* by: "owner" (取消订单) or "settled" (the sweep: its bills were paid
 * another way, payorder_settled_elsewhere). */
enum payorder_cancel payorder_cancel(struct ctx *, const struct payorder *o,
		    const char *by, char *err, size_t errlen);
/*
 * 1 when every bill order o named has been paid another way (the
 * counter took cash while the owner was paying online: a trial's double
 * payment), 0 when some is open or it names none (预存), -1.
 */
int		payorder_settled_elsewhere(struct ctx *,
		    const struct payorder *o);

/*
 * Where the money of payment_id (amount fen), made by an online order,
 * went, in plain Chinese, from its allocations (a new user's trial: a
 * collector took cash for the same bills first, and the money went to
 * other bills and prepaid, silently): "" when it went all to the bills
 * the order named (or is not an order's), NULL on a database failure.
 * Bills it did not name are 本户其他未缴账单 beside bills it named, and
 * 本户未缴账单 for an order that names none (预存).
 */
const char	*payorder_where(struct ctx *, int64_t payment_id, int64_t amount);

/*
 * Marks order o sent to its gateway (paying) as the owner goes there
 * (GET /pay/CODE/go), in its own transaction with the order's row locked,
 * so a cancel at the same moment either comes first (then 0: the owner
 * is not sent to pay a closed order) or finds it paying and asks the
 * gateway to close it (payorder_cancel). 1 when the owner may go (it
 * was created or paying, and not expired), 0 when not, -1.
 */
int		payorder_to_gateway(struct ctx *, const struct payorder *o);

/* The order out_trade_no of premises (0: any): 1, 0 (none), -1. */
int		payorder_find(struct ctx *, const char *out_trade_no,
		    int64_t premises_id, struct payorder *);

#endif
