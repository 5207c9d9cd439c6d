/*
 * payments.c - GET /payments[?page=N]: every payment made for the
 * owner's premises, newest first, with its receipt number. A payment
 * whose receipt was voided says so beside it - 已作废, the date and the
 * reason - and the reversal that undid it shows as a negative amount,
 * −¥300.00 (money_display), naming the receipt it voided. A voided
 * online payment says where its money stands: 已原路退款, 退款处理中,
 * or that the estate refunds it by hand.
 * Renders templates/owner/payments.tpl.
 */
#include "arena.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "money.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"

#define PER_PAGE	20

SQL_DEF(SQL_PAYMENTS_COUNT,
    "SELECT COUNT(*) FROM payments p"
    " JOIN premises_owners po ON po.premises_id = p.premises_id"
    " WHERE po.owner_id = ?");

/* A reversal reads the receipt (and its void) of the payment it undid. */
SQL_DEF(SQL_PAYMENTS_PAGE,
    "SELECT p.id, p.paid_at, p.amount_fen, p.channel, COALESCE(rc.number, ''),"
    " bd.name, pr.unit, pr.room, pr.occupancy, p.reverses_id IS NOT NULL,"
    " COALESCE(rv.voided_at, ''), COALESCE(rv.reason, ''),"
    " COALESCE(f.status, IF(ord.id IS NULL AND p.channel IN"
    " ('alipay', 'wechat', 'unionpay'), 'by_hand', ''))"
    " FROM payments p"
    " JOIN premises_owners po ON po.premises_id = p.premises_id"
    " JOIN premises pr ON pr.id = p.premises_id"
    " JOIN buildings bd ON bd.id = pr.building_id"
    " LEFT JOIN receipts rc ON rc.payment_id = COALESCE(p.reverses_id, p.id)"
    " LEFT JOIN receipt_voids rv ON rv.receipt_id = rc.id"
    " LEFT JOIN pay_refunds f ON f.payment_id = COALESCE(p.reverses_id, p.id)"
    " LEFT JOIN pay_orders ord ON ord.payment_id = COALESCE(p.reverses_id, p.id)"
    " WHERE po.owner_id = ?"
    " ORDER BY p.paid_at DESC, p.id DESC LIMIT ? OFFSET ?");

void
page_payments(struct req *r)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*at, *channel, *number, *building, *unit, *room, *occ;
	const char	*voided_at, *reason, *refund;
	char		 buf[MONEY_FMT_MAX];
	int64_t		 id, amount, reversal, total, page = page_number(r);
	int		 rc;

	if (db_one(r->ctx, &SQL_PAYMENTS_COUNT, "i", "i", r->ctx->actor.id,
	    &total) < 0)
		return;
	d = page_new(r, "owner/payments.tpl", "缴费记录");
	res = db_query(r->ctx, &SQL_PAYMENTS_PAGE, "iii", r->ctx->actor.id,
	    (int64_t)PER_PAGE, (page - 1) * PER_PAGE);
	if (res == NULL)
		return;
	while ((rc = db_row(res, "isissssssisss", &id, &at, &amount, &channel,
	    &number, &building, &unit, &room, &occ, &reversal, &voided_at,
	    &reason, &refund)) == 1) {
		row = tmpl_row(d, "PAYMENT");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "DATE", label_date(r->a, at));
		tmpl_set(row, "PREMISES", label_premises(r->a, building, unit,
		    room, occ));
		tmpl_set(row, "CHANNEL", label_channel(channel));
		tmpl_set(row, "AMOUNT", money_display(buf, amount));
		tmpl_set(row, "RECEIPT", number);
		if (reversal)
			tmpl_show(row, "REVERSAL");
		else if (*voided_at != '\0') {
			tmpl_show(row, "VOIDED");
			tmpl_set(row, "VOIDED_AT", label_date(r->a, voided_at));
			tmpl_set(row, "VOID_REASON", reason);
			/* an online payment: where its money stands */
			if (*refund != '\0')
				tmpl_show(row, arena_printf(r->a, "REFUND_%s",
				    refund));
		}
	}
	if (rc < 0)
		return;
	if (total == 0)
		tmpl_show(d, "NONE");
	page_pager(r, d, "/payments", page, PER_PAGE, total);
	page_render(r, 200);
}
