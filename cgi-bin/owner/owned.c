/*
 * owned.c - the ownership check every owner page makes on the premises
 * or bill a URL names: another owner's record is "not found"; and what
 * is owed and past due, in the words the owner pages share.
 */
#include "arena.h"
#include "arrears.h"
#include "cal.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "ledger.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"

SQL_DEF(SQL_OWNED_PREMISES,
    "SELECT p.id, p.estate_id, bd.name, p.unit, p.room, p.occupancy, e.name"
    " FROM premises_owners po"
    " JOIN premises p ON p.id = po.premises_id"
    " JOIN buildings bd ON bd.id = p.building_id"
    " JOIN estates e ON e.id = p.estate_id"
    " WHERE po.owner_id = ? AND po.premises_id = ?");

int
owned_premises(struct req *r, int64_t id, struct owned *o)
{
	const char	*building, *unit, *room;
	int		 rc;

	rc = db_one(r->ctx, &SQL_OWNED_PREMISES, "ii", "iissssS", r->ctx->actor.id,
	    id, &o->id, &o->estate_id, &building, &unit, &room,
	    &o->occupancy, &o->estate_name);
	if (rc == 1)
		o->label = label_premises(r->a, building, unit, room,
		    o->occupancy);
	return rc;
}

int
owner_owed(struct req *r, struct tmpl *d, int64_t premises_id,
    struct date today, struct account *acc)
{
	static const struct tier_rules no_tiers;	/* owners see no tier */
	struct arrears	 arr;
	char		 day[11];

	if (ledger_account(r->ctx, premises_id, today, acc) < 0 ||
	    arrears_premises(r->ctx, premises_id, &no_tiers, today, &arr) < 0)
		return -1;
	page_money(d, "OWED", acc->owed_fen);
	if (arr.owed_fen > 0) {
		tmpl_show(d, "PASTDUE");
		page_money(d, "PASTDUE_AMOUNT", arr.owed_fen);
		tmpl_set(d, "PASTDUE_MONTHS", arrears_months_words(r->a,
		    arr.months));
		tmpl_set(d, "PASTDUE_SINCE", label_date(r->a,
		    cal_fmt(day, arr.oldest_due)));
		/* Both numbers, so that they do not seem to disagree: 14
		 * monthly bills past due, the oldest due 13 whole months
		 * ago (arrears_months). */
		tmpl_set_int(d, "PASTDUE_PERIODS", arr.nperiods);
	}
	if (acc->owed_fen == 0)
		tmpl_show(d, "ALL_PAID");
	return 0;
}
