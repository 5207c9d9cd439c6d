/*
 * receipts.c - the owner's electronic receipts.
 *
 *   GET /receipts         every receipt of the owner's premises, newest
 *                         first (templates/owner/receipts.tpl)
 *   GET /receipts/#.pdf   one receipt as a PDF; another owner's is 404;
 *                         the same document however often it is
 *                         downloaded, never marked 副本 (DOMAIN.md)
 */
#include "arena.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "page.h"
#include "pages.h"
#include "receipt.h"
#include "tmpl.h"

#define PER_PAGE	20

SQL_DEF(SQL_MY_RECEIPTS_COUNT,
    "SELECT COUNT(*) FROM receipts rc JOIN payments p ON p.id = rc.payment_id"
    " JOIN premises_owners po ON po.premises_id = p.premises_id"
    " WHERE po.owner_id = ?");

SQL_DEF(SQL_MY_RECEIPTS,
    "SELECT rc.id, rc.number, rc.issued_at, p.amount_fen, p.channel,"
    " bd.name, pr.unit, pr.room, pr.occupancy, (rv.receipt_id IS NOT NULL)"
    " FROM receipts rc JOIN payments p ON p.id = rc.payment_id"
    " JOIN premises_owners po ON po.premises_id = p.premises_id"
    " JOIN premises pr ON pr.id = p.premises_id"
    " JOIN buildings bd ON bd.id = pr.building_id"
    " LEFT JOIN receipt_voids rv ON rv.receipt_id = rc.id"
    " WHERE po.owner_id = ?"
    " ORDER BY rc.issued_at DESC, rc.id DESC LIMIT ? OFFSET ?");

SQL_DEF(SQL_MY_RECEIPT_OWNED,
    "SELECT COUNT(*) FROM receipts rc JOIN payments p ON p.id = rc.payment_id"
    " JOIN premises_owners po ON po.premises_id = p.premises_id"
    " WHERE rc.id = ? AND po.owner_id = ?");

void
page_receipts(struct req *r)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*number, *at, *channel, *building, *unit, *room, *occ;
	int64_t		 id, amount, voided, total, page = page_number(r);
	int		 rc;

	if (db_one(r->ctx, &SQL_MY_RECEIPTS_COUNT, "i", "i", r->ctx->actor.id,
	    &total) != 1)
		return;
	d = page_new(r, "owner/receipts.tpl", "电子收据");
	res = db_query(r->ctx, &SQL_MY_RECEIPTS, "iii", r->ctx->actor.id,
	    (int64_t)PER_PAGE, (page - 1) * PER_PAGE);
	if (res == NULL)
		return;
	while ((rc = db_row(res, "ississsssi", &id, &number, &at, &amount,
	    &channel, &building, &unit, &room, &occ, &voided)) == 1) {
		row = tmpl_row(d, "RECEIPT");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "NUMBER", number);
		tmpl_set(row, "DATE", label_date(r->a, at));
		page_money(row, "AMOUNT", amount);
		tmpl_set(row, "CHANNEL", label_channel(channel));
		tmpl_set(row, "PREMISES", label_premises(r->a, building, unit,
		    room, occ));
		if (voided)
			tmpl_show(row, "VOIDED");
	}
	if (rc < 0)
		return;
	if (total == 0)
		tmpl_show(d, "NONE");
	page_pager(r, d, "/receipts", page, PER_PAGE, total);
	page_render(r, 200);
}

void
page_receipt_pdf(struct req *r)
{
	struct receipt	 rc;
	int64_t		 n;

	if (db_one(r->ctx, &SQL_MY_RECEIPT_OWNED, "ii", "i", r->ids[0],
	    r->ctx->actor.id, &n) != 1)
		return;
	if (n == 0) {
		page_error(r, 404, NULL);
		return;
	}
	if (receipt_load(r->ctx, r->ids[0], &rc) == 1)
		page_send_receipt(r, &rc);
}
