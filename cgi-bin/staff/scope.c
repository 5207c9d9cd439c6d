/*
 * scope.c - which estates a staff member sees. Every staff page that
 * names an estate, or a record that belongs to one, asks here; outside
 * the user's estates the answer is 404.
 */
#include "arrears.h"
#include "cal.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "ledger.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

SQL_DEF(SQL_SCOPE_HOUSEHOLD,
    "SELECT p.estate_id, e.name, bd.name, p.unit, p.room, p.floor,"
    " p.area_x100, p.occupancy"
    " FROM premises p JOIN buildings bd ON bd.id = p.building_id"
    " JOIN estates e ON e.id = p.estate_id WHERE p.id = ?");

SQL_DEF(SQL_SCOPE_MINE_HH,
    "SELECT COUNT(*) FROM assignments WHERE premises_id = ?"
    " AND collector_id = ?");

SQL_DEF(SQL_SCOPE_ALL,
    "SELECT id, name FROM estates ORDER BY id");

SQL_DEF(SQL_SCOPE_MINE,
    "SELECT e.id, e.name FROM staff_estates se"
    " JOIN estates e ON e.id = se.estate_id"
    " WHERE se.staff_id = ? ORDER BY e.id");

int
scope_posted_estate(struct req *r, struct estate *e)
{
	static const struct field estate_field =
	    { "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL };
	struct fval	 v;
	int		 rc;

	if (valid_one(r, &estate_field, http_form(r, "estate"), &v) != NULL ||
	    !v.set) {
		page_error(r, 400, "请选择小区。");
		return 0;
	}
	if ((rc = scope_estate(r, v.i, e, NULL)) == 0)
		page_error(r, 404, NULL);
	return rc;
}

int
scope_mine(struct req *r, int64_t premises_id)
{
	int64_t	 n;

	if (r->ctx->actor.role != ROLE_COLLECTOR)
		return 0;
	if (db_one(r->ctx, &SQL_SCOPE_MINE_HH, "ii", "i", premises_id,
	    r->ctx->actor.id, &n) != 1)
		return -1;
	return n > 0;
}

enum see
scope_sees_data(struct req *r, enum data d, int64_t premises_id)
{
	int	 mine;

	if ((mine = scope_mine(r, premises_id)) < 0)
		return SEE_NONE;
	return http_sees(r, d, mine);
}

int
scope_sees(const struct req *r, int64_t estate_id)
{
	size_t	 i;

	if (r->ctx->actor.all_estates)
		return 1;
	for (i = 0; i < r->ctx->actor.nestates; i++)
		if (r->ctx->actor.estates[i] == estate_id)
			return 1;
	return 0;
}

int
scope_estate(struct req *r, int64_t wanted, struct estate *e,
    struct tmpl *d)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*name;
	int64_t		 id;
	int		 rc, found = 0;

	if (wanted != 0 && !scope_sees(r, wanted))
		return 0;
	res = r->ctx->actor.all_estates ? db_query(r->ctx, &SQL_SCOPE_ALL, "") :
	    db_query(r->ctx, &SQL_SCOPE_MINE, "i", r->ctx->actor.id);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "is", &id, &name)) == 1) {
		if (!found && (wanted == 0 || wanted == id)) {
			e->id = id;
			e->name = name;
			found = 1;
		}
		if (d != NULL) {
			row = tmpl_row(d, "ESTATE");
			tmpl_set_int(row, "ESTATE_ID", id);
			tmpl_set(row, "ESTATE_NAME", name);
			if (id == (wanted ? wanted : e->id) && found)
				tmpl_show(row, "ESTATE_SELECTED");
		}
	}
	if (rc < 0)
		return -1;
	if (d != NULL && found)
		tmpl_set(d, "ESTATE_NAME", e->name);
	return found;
}

int
scope_household(struct req *r, int64_t id, struct household *h)
{
	int	 rc;

	h->id = id;
	rc = db_one(r->ctx, &SQL_SCOPE_HOUSEHOLD, "i", "issssiis", id, &h->estate_id,
	    &h->estate, &h->building, &h->unit, &h->room, &h->floor,
	    &h->area_x100, &h->occupancy);
	if (rc != 1)
		return rc;
	if (!scope_sees(r, h->estate_id))
		return 0;
	h->label = label_premises(r->a, h->building, h->unit, h->room,
	    h->occupancy);
	return 1;
}

int
scope_standing(struct req *r, int64_t id, struct date today,
    struct household *h, struct account *acc, struct arrears *arr)
{
	struct tier_rules	 rules;
	int			 rc;

	if ((rc = scope_household(r, id, h)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return -1;
	}
	if (arrears_rules(r->ctx, h->estate_id, &rules) != 1 ||
	    ledger_account(r->ctx, h->id, today, acc) < 0 ||
	    arrears_premises(r->ctx, h->id, &rules, today, arr) < 0)
		return -1;
	return 0;
}
