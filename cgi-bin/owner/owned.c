/*
 * owned.c - the ownership check every owner page makes on the premises
 * or bill a URL names: another owner's record is "not found"; and the
 * words for months overdue the owner pages share.
 */
#include "arena.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "pages.h"

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

	rc = db_one(r, &SQL_OWNED_PREMISES, "ii", "iissssS", r->sess.user_id,
	    id, &o->id, &o->estate_id, &building, &unit, &room,
	    &o->occupancy, &o->estate_name);
	if (rc == 1)
		o->label = label_premises(&r->a, building, unit, room,
		    o->occupancy);
	return rc;
}

const char *
owner_months_overdue(struct req *r, int months)
{
	if (months < 1)
		return "不足 1 个月";
	return arena_printf(&r->a, "%d 个月", months);
}
