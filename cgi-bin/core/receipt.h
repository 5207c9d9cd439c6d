/*
 * receipt.h - an electronic receipt (电子收据): what it says, its PDF, its
 * public verification, and voiding it.
 */
#ifndef PROPFEE_RECEIPT_H
#define PROPFEE_RECEIPT_H

#include <stddef.h>
#include <stdint.h>

struct ctx;
struct buf;
struct arena;

struct receipt_line {
	const char	*item;		/* 物业费 */
	const char	*period;	/* 2025年3月 */
	int64_t		 amount;
};

struct receipt {
	int64_t			 id;
	int64_t			 estate_id;
	int64_t			 payment_id;
	int64_t			 premises_id;
	const char		*number;	/* JHY-2026-000123 */
	const char		*code;		/* verification code */
	const char		*issued_at;	/* YYYY-MM-DD HH:MM:SS */
	const char		*estate;
	const char		*centre;	/* service centre */
	const char		*estate_phone;
	const char		*premises;	/* 3栋2单元301室 */
	const char		*building;
	const char		*occupancy;
	const char		*payer;
	const char		*channel;	/* code: cash, pos_door ... */
	const char		*channel_sub;
	/* The channel whole, as the staff page and the PDF say it:
	 * label_channel_full(), 线上 · 支付宝 · 花呗分期 3 期（…）. */
	const char		*channel_full;
	/* An online payment's order (pay_orders, issue 10); "" for any
	 * other payment (and the demo's online ones, which have none). */
	const char		*out_trade_no;	/* 商户订单号 */
	const char		*gateway_txn;	/* trade_no, transaction_id,
						   queryId */
	const char		*txn_label;	/* label_gateway_txn() */
	const char		*collector;	/* name, or "" online */
	int64_t			 collector_id;	/* staff.id, 0 online; for a
						   credit, who approved it */
	int			 credit;	/* a service-exchange credit */
	const char		*credit_logger;	/* who logged the credit */
	/* Whom the money passed through, as the receipt says it: 收款人
	 * and the collector (线上支付 online: label_taker), or for a
	 * credit 抵扣审批 and "服务置换抵扣，X 批准（Y 登记）"; and how the page tells
	 * the one who took it or approved it that it was them. */
	const char		*taker_label;
	const char		*taker;
	const char		*own_words;	/* 这笔款是您本人收取的 */
	int64_t			 amount;
	int64_t			 prepaid;	/* paid into the balance */
	struct receipt_line	*lines;
	size_t			 nlines;
	int			 voided;
	const char		*void_reason;
	const char		*voided_at;
	const char		*void_by;
};

/* Loads receipt id. Returns 1, 0 (none) or -1. */
int	receipt_load(struct ctx *, int64_t id, struct receipt *);
/* Loads the receipt with this verification code. 1, 0 or -1. */
int	receipt_by_code(struct ctx *, const char *code, struct receipt *);

/*
 * Records one download of the receipt by the context's actor (staff: 1
 * for a staff print, 0 for the owner's download) and sets *copy: 0 for
 * the original, N for the Nth staff print after the first (副本, counting
 * staff prints only; an owner's download is never a copy: DOMAIN.md,
 * Receipts). Returns 0 or -1 (database failure, ctx marked).
 */
int	receipt_print(struct ctx *, const struct receipt *, int staff,
	    int64_t *copy);
/*
 * Sets *copy to what the next staff print of the receipt would be: 0
 * for the original, N after N staff prints (as receipt_print counts).
 * The page draws with it before it records the print, so that a print
 * that could not be drawn (the renderer away) is not counted and the
 * next one is not marked 副本 for it. 0, or -1 (ctx marked).
 */
int	receipt_next_copy(struct ctx *, const struct receipt *,
	    int64_t *copy);

/*
 * Renders the receipt as a one-page PDF appended to out: Noto Sans CJK
 * SC embedded as a subset, a QR code of verify_url. copy > 0 marks it
 * 副本, a voided receipt is marked 作废. Drawn by the renderer process
 * (render.h, render_call). Returns 0, or -1 (logged) when the renderer
 * is not there or failed: the page answers 503.
 */
int	receipt_pdf(const struct receipt *, const char *verify_url,
	    int64_t copy, struct buf *out);

/* The absolute URL of the verification page for a code. */
const char *receipt_verify_url(struct ctx *, const char *code);
/*
 * The absolute URL of receipt id's PDF in the owner portal: the owner
 * of its premises opens it after logging in, anyone else gets 404.
 */
const char *receipt_owner_url(struct ctx *, int64_t id);

/* 张* : a payer's name with all but the first character hidden. */
const char *receipt_mask_name(struct arena *, const char *);
/* 3栋**室 : the building kept, the rest hidden. */
const char *receipt_mask_premises(struct arena *, const char *building,
	    const char *occupancy);

#endif
