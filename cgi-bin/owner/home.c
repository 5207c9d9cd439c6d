/*
 * home.c - GET /: the owner's premises, what each owes now, the next due
 * date and any prepaid balance. Renders templates/owner/home.tpl.
 */
#include "arena.h"
#include "cal.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "ledger.h"
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

void
page_home(struct req *r)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	struct account	 acc;
	struct date	 today = cal_today();
	const char	*building, *unit, *room, *occ, *estate;
	int64_t		 id, area, n = 0;
	int		 rc;

	d = page_new(r, "owner/home.tpl", "我的房屋");
	tmpl_set(d, "OWNER_NAME", r->sess.name);
	if ((res = db_query(r, &SQL_HOME_PREMISES, "i", r->sess.user_id)) == NULL)
		return;
	while ((rc = db_row(res, "issssis", &id, &building, &unit, &room,
	    &occ, &area, &estate)) == 1) {
		if (ledger_account(r, id, today, &acc) < 0)
			return;
		row = tmpl_row(d, "PREMISES");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "LABEL", label_premises(&r->a, building, unit,
		    room, occ));
		tmpl_set(row, "ESTATE", estate);
		tmpl_set(row, "OCCUPANCY", label_occupancy(occ));
		tmpl_set(row, "AREA", label_area(&r->a, area));
		page_money(row, "OWED", acc.owed_fen);
		if (acc.overdue_fen > 0) {
			tmpl_show(row, "OVERDUE");
			page_money(row, "OVERDUE_AMOUNT", acc.overdue_fen);
		}
		if (acc.owed_fen == 0)
			tmpl_show(row, "ALL_PAID");
		if (acc.next_due != NULL && *acc.next_due != '\0')
			tmpl_set(row, "NEXT_DUE", label_date(&r->a,
			    acc.next_due));
		else
			tmpl_set(row, "NEXT_DUE", "暂无待缴账单");
		if (acc.prepaid_fen > 0) {
			tmpl_show(row, "PREPAID");
			page_money(row, "PREPAID_AMOUNT", acc.prepaid_fen);
		}
		n++;
	}
	if (rc < 0)
		return;
	if (n == 0)
		tmpl_show(d, "NO_PREMISES");
	page_render(r, 200);
}
