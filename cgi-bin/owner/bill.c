/*
 * bill.c - GET /bills/#: one bill, what paid it and with which receipt.
 * A bill of premises the owner does not own is 404.
 * Renders templates/owner/bill.tpl.
 */
#include "arena.h"
#include "codes.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "ledger.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"

SQL_DEF(SQL_BILL_GET,
    "SELECT b.premises_id, fi.name, fi.basis, fi.unit_name, b.period_start,"
    " b.period_months, b.amount_fen, " LEDGER_PAID_SQL ", b.status,"
    " b.due_date, b.quantity_x100, b.created_at"
    " FROM bills b JOIN fee_items fi ON fi.id = b.fee_item_id"
    " JOIN premises_owners po ON po.premises_id = b.premises_id"
    " AND po.owner_id = ?"
    " WHERE b.id = ?");

/* A reversal names the receipt it voided. */
SQL_DEF(SQL_BILL_ALLOCATIONS,
    "SELECT p.paid_at, p.channel, a.amount_fen, COALESCE(rc.number, ''),"
    " p.reverses_id IS NOT NULL"
    " FROM allocations a JOIN payments p ON p.id = a.payment_id"
    " LEFT JOIN receipts rc ON rc.payment_id = COALESCE(p.reverses_id, p.id)"
    " WHERE a.bill_id = ? ORDER BY a.id");

void
page_bill(struct req *r)
{
	struct owned	 o;
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*item, *basis, *unit, *start, *status, *due, *created;
	const char	*at, *channel, *number;
	int64_t		 pid, months, amount, paid, qty, alloc, reversal;
	int		 rc;

	rc = db_one(r, &SQL_BILL_GET, "ii", "issssiiissIs", r->sess.user_id,
	    r->ids[0], &pid, &item, &basis, &unit, &start, &months, &amount,
	    &paid, &status, &due, &qty, &created);
	if (rc != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	if (owned_premises(r, pid, &o) != 1)
		return;
	d = page_new(r, "owner/bill.tpl", "账单详情");
	tmpl_set_int(d, "PREMISES_ID", pid);
	tmpl_set(d, "PREMISES", o.label);
	tmpl_set(d, "ITEM", item);
	tmpl_set(d, "BASIS", label_basis(basis));
	tmpl_set(d, "PERIOD", label_period(&r->a, start, (int)months));
	page_money(d, "AMOUNT", amount);
	page_money(d, "PAID", paid);
	page_money(d, "REMAINING", bill_status_parse(status) ==
	    BILL_WAIVED ? 0 : amount - paid);
	tmpl_set(d, "STATUS", label_bill_status(status));
	tmpl_set(d, "STATUS_KEY", status);
	tmpl_set(d, "DUE", label_date(&r->a, due));
	tmpl_set(d, "CREATED", label_date(&r->a, created));
	if (qty != DB_NULL) {
		tmpl_show(d, "METER");
		tmpl_set(d, "QUANTITY", label_area(&r->a, qty));
		tmpl_set(d, "UNIT", unit);
	}
	if ((res = db_query(r, &SQL_BILL_ALLOCATIONS, "i", r->ids[0])) == NULL)
		return;
	while ((rc = db_row(res, "ssisi", &at, &channel, &alloc, &number,
	    &reversal)) == 1) {
		row = tmpl_row(d, "PAYMENT");
		tmpl_set(row, "DATE", label_date(&r->a, at));
		tmpl_set(row, "CHANNEL", reversal ? "收据作废，退回" :
		    label_channel(channel));
		page_money(row, "AMOUNT", alloc);
		tmpl_set(row, "RECEIPT", number);
	}
	if (rc < 0)
		return;
	page_render(r, 200);
}
