/*
 * credits.c - GET /credits: the owner's service-exchange activities
 * (服务置换), their status, and the credit each approved one paid.
 * Renders templates/owner/credits.tpl.
 */
#include <string.h>

#include "db.h"
#include "http.h"
#include "labels.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"

SQL_DEF(SQL_MY_CREDITS,
    "SELECT c.activity_date, c.activity, c.hours_x100, c.status,"
    " COALESCE(c.amount_fen, 0), COALESCE(rc.id, 0), COALESCE(rc.number, ''),"
    " c.decision_note, bd.name, p.unit, p.room, p.occupancy"
    " FROM service_credits c JOIN premises p ON p.id = c.premises_id"
    " JOIN buildings bd ON bd.id = p.building_id"
    " LEFT JOIN receipts rc ON rc.payment_id = c.payment_id"
    " WHERE c.owner_id = ? ORDER BY c.activity_date DESC, c.id DESC LIMIT 100");

void
page_credits(struct req *r)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*date, *activity, *status, *number, *note;
	const char	*building, *unit, *room, *occ;
	int64_t		 hours, amount, rid, n = 0;
	int		 rc;

	d = page_new(r, "owner/credits.tpl", "服务置换");
	if ((res = db_query(r->ctx, &SQL_MY_CREDITS, "i", r->ctx->actor.id)) == NULL)
		return;
	while ((rc = db_row(res, "ssisiissssss", &date, &activity, &hours,
	    &status, &amount, &rid, &number, &note, &building, &unit, &room,
	    &occ)) == 1) {
		row = tmpl_row(d, "CREDIT");
		tmpl_set(row, "DATE", label_date(r->a, date));
		tmpl_set(row, "ACTIVITY", activity);
		tmpl_set(row, "HOURS", label_area(r->a, hours));
		tmpl_set(row, "PREMISES", label_premises(r->a, building, unit,
		    room, occ));
		tmpl_set(row, "STATUS_KEY", status);
		if (strcmp(status, "approved") == 0) {
			tmpl_show(row, "APPROVED");
			page_money(row, "AMOUNT", amount);
			tmpl_set_int(row, "RECEIPT_ID", rid);
			tmpl_set(row, "RECEIPT", number);
		} else if (strcmp(status, "rejected") == 0) {
			tmpl_show(row, "REJECTED");
			tmpl_set(row, "NOTE", note);
		} else
			tmpl_show(row, "PENDING");
		n++;
	}
	if (rc < 0)
		return;
	if (n == 0)
		tmpl_show(d, "NONE");
	page_render(r, 200);
}
