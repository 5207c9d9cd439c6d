/*
 * bills.c - GET /premises/#/bills[?status=unpaid][&page=N]: one premises'
 * bills, newest period first, 12 periods to a page. Each period is one
 * bill (账单) with a line per fee item - a shop's quarter shows property
 * fee and rent on one bill - and what was paid of each line. Another
 * owner's premises is 404. Renders templates/owner/bills.tpl.
 */
#include <string.h>

#include "arena.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "ledger.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

#define PER_PAGE	12	/* periods */

#define OPEN_FILTER " AND (? = 0 OR b.status IN ('unpaid', 'partial'))"

SQL_DEF(SQL_PERIODS_COUNT,
    "SELECT COUNT(DISTINCT b.period_start) FROM bills b"
    " WHERE b.premises_id = ?" OPEN_FILTER);

SQL_DEF(SQL_PERIODS_PAGE,
    "SELECT b.period_start, MAX(b.period_months), MIN(b.due_date),"
    " SUM(b.amount_fen), SUM(" LEDGER_PAID_SQL "),"
    " SUM(b.status IN ('unpaid', 'partial')), SUM(b.status = 'waived')"
    " FROM bills b WHERE b.premises_id = ?" OPEN_FILTER
    " GROUP BY b.period_start ORDER BY b.period_start DESC LIMIT ? OFFSET ?");

SQL_DEF(SQL_PERIOD_LINES,
    "SELECT b.id, b.period_start, fi.name, b.amount_fen, " LEDGER_PAID_SQL ","
    " b.status FROM bills b JOIN fee_items fi ON fi.id = b.fee_item_id"
    " WHERE b.premises_id = ? AND b.period_start BETWEEN ? AND ?" OPEN_FILTER
    " ORDER BY b.period_start DESC, fi.sort, b.id");

static const char *const statuses[] = { "all", "unpaid", NULL };

static const struct field fields[] = {
	{ "status", "账单状态", V_CHOICE, 0, 0, 0, statuses },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
};

struct period {
	const char	*start, *due;
	int64_t		 months, amount, paid, open, waived;
	struct tmpl	*d;
};

void
page_bills(struct req *r)
{
	struct owned	 o;
	struct fval	 v[2];
	struct tmpl	*d, *row;
	struct db_res	*res;
	struct period	 p[PER_PAGE];
	const char	*start, *item, *status;
	int64_t		 id, amount, paid, total, unpaid, page;
	size_t		 n = 0, i;
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

	if (db_one(r, &SQL_PERIODS_COUNT, "ii", "i", o.id, unpaid, &total) < 0)
		return;
	d = page_new(r, "owner/bills.tpl", unpaid ? "待缴账单" : "全部账单");
	tmpl_set_int(d, "PREMISES_ID", o.id);
	tmpl_set(d, "PREMISES", o.label);
	tmpl_show(d, unpaid ? "FILTER_UNPAID" : "FILTER_ALL");
	res = db_query(r, &SQL_PERIODS_PAGE, "iiii", o.id, unpaid,
	    (int64_t)PER_PAGE, (page - 1) * PER_PAGE);
	if (res == NULL)
		return;
	while (n < PER_PAGE && (rc = db_row(res, "sisiiii", &p[n].start,
	    &p[n].months, &p[n].due, &p[n].amount, &p[n].paid, &p[n].open,
	    &p[n].waived)) == 1) {
		row = p[n].d = tmpl_row(d, "PERIOD");
		tmpl_set(row, "PERIOD", label_period(&r->a, p[n].start,
		    (int)p[n].months));
		tmpl_set(row, "PERIOD_KEY", arena_strndup(&r->a, p[n].start, 7));
		page_money(row, "TOTAL", p[n].amount);
		page_money(row, "TOTAL_PAID", p[n].paid);
		tmpl_set(row, "DUE", label_date(&r->a, p[n].due));
		tmpl_set(row, "STATE", p[n].open ? (p[n].paid > 0 ? "部分缴纳" :
		    "未缴") : p[n].waived ? "已减免" : "已缴清");
		tmpl_set(row, "STATE_KEY", p[n].open ? "open" : "closed");
		n++;
	}
	if (rc < 0)
		return;
	if (n > 0) {
		/* The lines of the periods on this page, under each period. */
		res = db_query(r, &SQL_PERIOD_LINES, "issi", o.id, p[n - 1].start,
		    p[0].start, unpaid);
		if (res == NULL)
			return;
		while ((rc = db_row(res, "issiis", &id, &start, &item, &amount,
		    &paid, &status)) == 1) {
			for (i = 0; i < n && strcmp(p[i].start, start) != 0; i++)
				;
			if (i == n)
				continue;
			row = tmpl_row(p[i].d, "BILL");
			tmpl_set_int(row, "ID", id);
			tmpl_set(row, "ITEM", item);
			page_money(row, "AMOUNT", amount);
			page_money(row, "PAID", paid);
			tmpl_set(row, "STATUS", label_bill_status(status));
			tmpl_set(row, "STATUS_KEY", status);
		}
		if (rc < 0)
			return;
	}
	if (total == 0)
		tmpl_show(d, unpaid ? "NONE_UNPAID" : "NONE");
	page_pager(r, d, arena_printf(&r->a, "/premises/%lld/bills%s",
	    (long long)o.id, unpaid ? "?status=unpaid" : ""), page, PER_PAGE,
	    total);
	page_render(r, 200);
}
