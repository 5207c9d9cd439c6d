/*
 * bills.c - GET /premises/#/bills[?status=unpaid][&page=N]: one premises'
 * bills, newest first, with what was paid of each. Another owner's
 * premises is 404. Renders templates/owner/bills.tpl.
 */
#include "arena.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "ledger.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

#define PER_PAGE	24

SQL_DEF(SQL_BILLS_COUNT,
    "SELECT COUNT(*) FROM bills b WHERE b.premises_id = ?"
    " AND (? = 0 OR b.status IN ('unpaid', 'partial'))");

SQL_DEF(SQL_BILLS_PAGE,
    "SELECT b.id, fi.name, b.period_start, b.period_months, b.amount_fen,"
    " " LEDGER_PAID_SQL ", b.status, b.due_date"
    " FROM bills b JOIN fee_items fi ON fi.id = b.fee_item_id"
    " WHERE b.premises_id = ?"
    " AND (? = 0 OR b.status IN ('unpaid', 'partial'))"
    " ORDER BY b.period_start DESC, fi.sort, b.id DESC"
    " LIMIT ? OFFSET ?");

static const char *const statuses[] = { "all", "unpaid", NULL };

static const struct field fields[] = {
	{ "status", "账单状态", V_CHOICE, 0, 0, 0, statuses },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
};

void
page_bills(struct req *r)
{
	struct owned	 o;
	struct fval	 v[2];
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*item, *start, *status, *due;
	int64_t		 id, months, amount, paid, total, unpaid, page;
	int		 rc;

	if (valid_fields(r, fields, 2, v) > 0) {
		page_error(r, 400, v[0].err ? v[0].err : v[1].err);
		return;
	}
	if ((rc = owned_premises(r, r->ids[0], &o)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	unpaid = v[0].set && v[0].i == 1;
	page = v[1].set ? v[1].i : 1;

	if (db_one(r, &SQL_BILLS_COUNT, "ii", "i", o.id, unpaid, &total) < 0)
		return;
	d = page_new(r, "owner/bills.tpl", unpaid ? "待缴账单" : "全部账单");
	tmpl_set_int(d, "PREMISES_ID", o.id);
	tmpl_set(d, "PREMISES", o.label);
	tmpl_show(d, unpaid ? "FILTER_UNPAID" : "FILTER_ALL");
	res = db_query(r, &SQL_BILLS_PAGE, "iiii", o.id, unpaid,
	    (int64_t)PER_PAGE, (page - 1) * PER_PAGE);
	if (res == NULL)
		return;
	while ((rc = db_row(res, "issiiiss", &id, &item, &start, &months,
	    &amount, &paid, &status, &due)) == 1) {
		row = tmpl_row(d, "BILL");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "ITEM", item);
		tmpl_set(row, "PERIOD", label_period(&r->a, start, (int)months));
		page_money(row, "AMOUNT", amount);
		page_money(row, "PAID", paid);
		tmpl_set(row, "STATUS", label_bill_status(status));
		tmpl_set(row, "STATUS_KEY", status);
		tmpl_set(row, "DUE", label_date(&r->a, due));
	}
	if (rc < 0)
		return;
	if (total == 0)
		tmpl_show(d, unpaid ? "NONE_UNPAID" : "NONE");
	page_pager(r, d, arena_printf(&r->a, "/premises/%lld/bills%s",
	    (long long)o.id, unpaid ? "?status=unpaid" : ""), page, PER_PAGE,
	    total);
	page_render(r, 200);
}
