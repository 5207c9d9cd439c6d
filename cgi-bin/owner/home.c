/*
 * home.c - GET /: the owner's premises, each with what is past due first
 * (in red, how much and for how many months, "请尽快缴纳"), then what it
 * owes in all, the next due date and any prepaid balance with the month
 * it should last to; below, the links the phone menu leaves out
 * (服务月报 with its latest month, 服务置换). Renders
 * templates/owner/home.tpl.
 */
#include "arena.h"
#include "cal.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "ledger.h"
#include "money.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"

SQL_DEF(SQL_HOME_PREMISES,
    "SELECT p.id, bd.name, p.unit, p.room, p.occupancy, p.area_x100, e.name"
    " FROM premises_owners po"
    " JOIN premises p ON p.id = po.premises_id"
    " JOIN buildings bd ON bd.id = p.building_id"
    " JOIN estates e ON e.id = p.estate_id"
    " WHERE po.owner_id = ?"
    " ORDER BY e.id, bd.sort, p.unit, p.room");

/* The latest monthly service report published in the owner's estates. */
/* 空置房托管 (custody.c, issue 13): the owner's agreements, if any. */
SQL_DEF(SQL_HOME_CUSTODY,
    "SELECT COUNT(*) FROM custody_agreements a JOIN premises_owners po"
    " ON po.premises_id = a.premises_id WHERE po.owner_id = ?");

SQL_DEF(SQL_HOME_REPORT,
    "SELECT COALESCE(DATE_FORMAT(MAX(r.month), '%Y-%m-%d'), '')"
    " FROM service_reports r WHERE r.status = 'published' AND EXISTS"
    " (SELECT 1 FROM premises_owners po WHERE po.owner_id = ?"
    "  AND po.estate_id = r.estate_id)");

/*
 * Each fee item's latest bill of a premises (from bills_once): what the
 * household is charged for a period of how many months, and from when.
 */
SQL_DEF(SQL_HOME_LATEST_BILLS,
    "SELECT b.amount_fen, b.period_months, b.period_start FROM bills b"
    " WHERE b.premises_id = ? AND b.period_start ="
    " (SELECT MAX(b2.period_start) FROM bills b2"
    "  WHERE b2.premises_id = b.premises_id"
    "  AND b2.fee_item_id = b.fee_item_id)");

/*
 * The last month a prepaid balance should pay for, as "2027年3月", or
 * NULL when it covers less than a month or nothing is billed yet. The
 * household's monthly charge is the sum of each fee item's latest bill
 * spread over its months (a shop's quarter counts a third a month); the
 * balance pays whole months of it after the last month already billed.
 * An estimate (rates, meters and the area may change): the page says 约.
 */
static const char *
prepaid_until(struct req *r, int64_t premises_id, int64_t prepaid)
{
	struct db_res	*res;
	const char	*start;
	struct date	 d;
	int64_t		 amount, months, monthly = 0, last = 0, ym;
	int		 rc;

	res = db_query(r->ctx, &SQL_HOME_LATEST_BILLS, "i", premises_id);
	if (res == NULL)
		return NULL;
	while ((rc = db_row(res, "iis", &amount, &months, &start)) == 1) {
		if (months < 1 || cal_parse(start, &d) < 0)
			continue;
		monthly += money_muldiv(amount, 1, months);
		ym = (int64_t)d.y * 12 + d.m - 1 + months - 1;
		if (ym > last)
			last = ym;
	}
	if (rc < 0 || monthly <= 0 || prepaid < monthly)
		return NULL;
	d = cal_from_month(last + prepaid / monthly);
	return arena_printf(r->a, "%d年%d月", d.y, d.m);
}

void
page_home(struct req *r)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	struct account	 acc;
	struct date	 today = cal_today();
	const char	*building, *unit, *room, *occ, *estate, *until, *month;
	int64_t		 id, area, n = 0, custody;
	int		 rc;

	d = page_new(r, "owner/home.tpl", "我的房屋");
	tmpl_set(d, "OWNER_NAME", r->ctx->actor.name);
	/* the 长辈模式 switch (elder.c), as it stands */
	tmpl_show(d, r->sess.elder ? "ELDER_ON" : "ELDER_OFF");
	if ((res = db_query(r->ctx, &SQL_HOME_PREMISES, "i", r->ctx->actor.id)) == NULL)
		return;
	while ((rc = db_row(res, "issssis", &id, &building, &unit, &room,
	    &occ, &area, &estate)) == 1) {
		row = tmpl_row(d, "PREMISES");
		if (owner_owed(r, row, id, today, &acc) < 0)
			return;
		tmpl_set_int(row, "ID", id);
		/* The main action (issue 10): pay what is past due, else pay
		 * online (what is open, or ahead). */
		tmpl_show(row, acc.overdue_fen > 0 ? "PAY_OVERDUE" : "PAY_ONLINE");
		/* 长辈模式 (issue 13): the card leads with one big action,
		 * pay what is past due, or says nothing is owed. */
		if (r->sess.elder)
			tmpl_show(row, acc.overdue_fen > 0 ? "ELDER_OVERDUE" :
			    "ELDER_CLEAR");
		tmpl_set(row, "LABEL", label_premises(r->a, building, unit,
		    room, occ));
		tmpl_set(row, "ESTATE", estate);
		tmpl_set(row, "OCCUPANCY", label_occupancy(occ));
		tmpl_set(row, "AREA", label_area(r->a, area));
		if (acc.next_due != NULL && *acc.next_due != '\0')
			tmpl_set(row, "NEXT_DUE", label_date(r->a,
			    acc.next_due));
		else
			tmpl_set(row, "NEXT_DUE", "暂无待缴账单");
		if (acc.prepaid_fen > 0) {
			tmpl_show(row, "PREPAID");
			page_money(row, "PREPAID_AMOUNT", acc.prepaid_fen);
			until = prepaid_until(r, id, acc.prepaid_fen);
			if (r->ctx->db_failed)
				return;
			if (until != NULL) {
				tmpl_show(row, "PREPAID_UNTIL");
				tmpl_set(row, "UNTIL", until);
			} else
				tmpl_show(row, "PREPAID_SHORT");
		}
		n++;
	}
	if (rc < 0)
		return;
	if (n == 0)
		tmpl_show(d, "NO_PREMISES");
	/* 服务月报 (issue 12), the latest month named */
	if (db_one(r->ctx, &SQL_HOME_REPORT, "i", "s", r->ctx->actor.id,
	    &month) != 1)
		return;
	if (*month != '\0') {
		tmpl_show(d, "LATEST_REPORT");
		tmpl_set(d, "LATEST_MONTH", label_period(r->a, month, 1));
	}
	if (db_one(r->ctx, &SQL_HOME_CUSTODY, "i", "i", r->ctx->actor.id,
	    &custody) != 1)
		return;
	if (custody > 0)
		tmpl_show(d, "HAS_CUSTODY");
	page_render(r, 200);
}
