/*
 * households.c - GET /staff/households: the household ledger (收费台账)
 * of one estate, searchable by building, unit and room, owner name,
 * phone (any part), occupancy and arrears tier, 30 to a page, with the
 * estate's red / yellow / green counts on top.
 *
 * The 房屋 box (q) takes a premises as people type it - "3栋2单元301室",
 * "301室", "2单元", "3-2-301", "3栋301", full-width digits too - and
 * matches each part it names exactly (address.h); the separate unit and
 * room boxes take "2单元" and "301室" as 2 and 301. A q that names no
 * premises is 400 with a message by the box.
 * Renders templates/staff/households.tpl.
 */
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "arena.h"
#include "arrears.h"
#include "occupancy.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

#define PER_PAGE	30

/* Each filter is skipped when its parameter is NULL. */
#define LEDGER_WHERE \
    " WHERE p.estate_id = ?" \
    " AND (? IS NULL OR p.building_id = ?)" \
    " AND (? IS NULL OR p.unit = ?)" \
    " AND (? IS NULL OR p.room = ?)" \
    " AND (? IS NULL OR p.occupancy = ?)" \
    " AND (? IS NULL OR EXISTS (SELECT 1 FROM premises_owners po" \
    "  JOIN owners o ON o.id = po.owner_id" \
    "  WHERE po.premises_id = p.id AND o.name LIKE ?))" \
    " AND (? IS NULL OR EXISTS (SELECT 1 FROM premises_owners po" \
    "  JOIN owners o ON o.id = po.owner_id" \
    "  WHERE po.premises_id = p.id AND o.phone LIKE ?))" \
    " AND (? IS NULL OR FIND_IN_SET(p.id, ?) > 0)" \
    " AND (? IS NULL OR EXISTS (SELECT 1 FROM buildings qb" \
    "  WHERE qb.id = p.building_id AND qb.name IN (?, ?, ?)))" \
    " AND (? IS NULL OR p.unit = ?)" \
    " AND (? IS NULL OR p.room = ?)"

SQL_DEF(SQL_LEDGER_COUNT,
    "SELECT COUNT(*) FROM premises p" LEDGER_WHERE);

SQL_DEF(SQL_LEDGER_PAGE,
    "SELECT p.id, bd.name, p.unit, p.room, p.occupancy, p.area_x100,"
    " (SELECT GROUP_CONCAT(o.name ORDER BY po.is_primary DESC, o.id"
    "  SEPARATOR '、') FROM premises_owners po"
    "  JOIN owners o ON o.id = po.owner_id WHERE po.premises_id = p.id),"
    " (SELECT GROUP_CONCAT(o.phone ORDER BY po.is_primary DESC, o.id"
    "  SEPARATOR ' ') FROM premises_owners po"
    "  JOIN owners o ON o.id = po.owner_id WHERE po.premises_id = p.id),"
    " (SELECT asg.collector_id FROM assignments asg"
    "  WHERE asg.premises_id = p.id)"
    " FROM premises p JOIN buildings bd ON bd.id = p.building_id"
    LEDGER_WHERE
    " ORDER BY bd.sort, bd.name, p.unit, p.floor, p.room"
    " LIMIT ? OFFSET ?");

SQL_DEF(SQL_LEDGER_BUILDINGS,
    "SELECT id, name FROM buildings WHERE estate_id = ? ORDER BY sort, name");


enum { F_ESTATE, F_Q, F_BUILDING, F_UNIT, F_ROOM, F_NAME, F_PHONE, F_OCC,
    F_TIER, F_PAGE, F__MAX };

static const struct field fields[F__MAX] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "q", "房屋", V_TEXT, 0, 1, 40, NULL },
	{ "building", "楼栋", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "unit", "单元", V_TEXT, 0, 1, 16, NULL },
	{ "room", "房号", V_TEXT, 0, 1, 16, NULL },
	{ "name", "业主姓名", V_TEXT, 0, 1, 50, NULL },
	{ "phone", "电话", V_DIGITS, 0, 3, 11, NULL },
	{ "occupancy", "类型", V_CHOICE, 0, 0, 0, occupancy_codes },
	{ "tier", "预警等级", V_CHOICE, 0, 0, 0, tier_choices },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
};

/* The estate's arrears, kept by premises for the rows on this page. */
struct tally {
	struct req	*r;
	struct arrears	*v;
	size_t		 n, cap;
	int64_t		 count[4];
	int64_t		 owed[4];
	enum tier	 only;		/* tier filter, or TIER_NONE */
	struct buf	 ids;		/* premises in that tier: "1,5,9" */
};

static void
tally_add(void *ctx, const struct arrears *a)
{
	struct tally	*t = ctx;
	struct arrears	*v;

	t->count[a->tier]++;
	t->owed[a->tier] += a->owed_fen;
	if (t->only != TIER_NONE && a->tier == t->only)
		buf_printf(&t->ids, "%s%lld", t->ids.len ? "," : "",
		    (long long)a->premises_id);
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		v = arena_alloc(t->r->a, t->cap * sizeof(*v));
		if (t->n)
			memcpy(v, t->v, t->n * sizeof(*v));
		t->v = v;
	}
	t->v[t->n++] = *a;
}

static const struct arrears *
tally_find(const struct tally *t, int64_t premises_id)
{
	size_t	 i;

	/* Rows arrive in premises order from a GROUP BY: binary search. */
	size_t	 lo = 0, hi = t->n;

	while (lo < hi) {
		i = (lo + hi) / 2;
		if (t->v[i].premises_id == premises_id)
			return &t->v[i];
		if (t->v[i].premises_id < premises_id)
			lo = i + 1;
		else
			hi = i;
	}
	return NULL;
}

static int
cmp_arrears(const void *a, const void *b)
{
	int64_t	 x = ((const struct arrears *)a)->premises_id;
	int64_t	 y = ((const struct arrears *)b)->premises_id;

	return x < y ? -1 : x > y;
}

/*
 * What the unit or room box holds, as the column stores it: "2单元" is 2,
 * "３０１室" is 301 (a bare number parses as a room). Anything else is
 * kept as typed, to match exactly as before.
 */
static const char *
one_part(struct req *r, const char *typed, int unit)
{
	struct address	 a;

	if (address_parse(typed, &a) != 1 || a.building[0] != '\0' ||
	    (!unit && a.unit[0] != '\0'))
		return typed;
	return arena_strdup(r->a, a.unit[0] != '\0' ? a.unit : a.room);
}

/* The query string of the current filters, for paging links. */
static const char *
filter_query(struct req *r, const struct fval *v)
{
	struct buf	 b;
	int		 i, first = 1;

	buf_init(&b, r->a, 128);
	buf_puts(&b, "/staff/households");
	for (i = 0; i < F_PAGE; i++) {
		if (!v[i].set)
			continue;
		buf_printf(&b, "%c%s=%s", first ? '?' : '&',
		    fields[i].name, form_encode(r->a, v[i].s));
		first = 0;
	}
	return buf_str(&b);
}

void
page_households(struct req *r)
{
	struct fval		 v[F__MAX];
	struct tmpl		*d, *row;
	struct db_res		*res;
	struct estate		 e;
	struct tally		 t;
	struct tier_rules	 rules;
	const struct arrears	*a;
	const char		*building, *unit, *room, *occ, *names, *phones;
	const char		*name_like = NULL, *phone_like = NULL;
	const char		*tier_ids = NULL, *occ_s = NULL;
	const char		*unit_s = NULL, *room_s = NULL;
	const char		*qb = NULL, *qb_named, *qb_typed, *qu = NULL;
	const char		*qr = NULL;
	struct address		 q;
	int64_t			 building_id = DB_NULL, id, area, total, page;
	int64_t			 collector;
	int			 rc, errs, i;

	errs = valid_fields(r, fields, F__MAX, v);
	memset(&q, 0, sizeof(q));
	if (v[F_Q].set && !v[F_Q].err && address_parse(v[F_Q].s, &q) < 0) {
		v[F_Q].err = "看不出是哪一户：请按 3栋2单元301室、301室、"
		    "2单元 或 3-2-301 的样子填写";
		errs++;
	}
	d = page_new(r, "staff/households.tpl", "收费台账");
	rc = scope_estate(r, v[F_ESTATE].err ? 0 : v[F_ESTATE].i, &e, d);
	if (rc != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	valid_to_tmpl(d, fields, F__MAX, v);
	tmpl_set_int(d, "ESTATE_ID", e.id);
	if (errs > 0) {
		/* The form comes back with its messages and their summary
		 * on top; nothing is listed. */
		goto buildings;
	}

	if (arrears_rules(r->ctx, e.id, &rules) != 1)
		return;
	memset(&t, 0, sizeof(t));
	t.r = r;
	t.only = v[F_TIER].set ? tier_parse(v[F_TIER].s) : TIER_NONE;
	buf_init(&t.ids, r->a, 1024);
	if (arrears_estate(r->ctx, e.id, &rules, cal_today(), tally_add, &t) < 0)
		return;
	qsort(t.v, t.n, sizeof(*t.v), cmp_arrears);
	for (i = TIER_RED; i >= TIER_GREEN; i--) {
		row = tmpl_row(d, "TIER");
		tmpl_set(row, "TIER_KEY", tier_key((enum tier)i));
		tmpl_set(row, "TIER_LABEL", tier_label((enum tier)i));
		tmpl_set_int(row, "TIER_COUNT", t.count[i]);
		page_money(row, "TIER_OWED", t.owed[i]);
		tmpl_set(row, "TIER_URL", arena_printf(r->a,
		    "/staff/households?estate=%lld&tier=%s", (long long)e.id,
		    tier_key((enum tier)i)));
	}

	if (v[F_BUILDING].set)
		building_id = v[F_BUILDING].i;
	if (v[F_OCC].set)
		occ_s = v[F_OCC].s;
	if (v[F_NAME].set)
		name_like = db_like_contains(r->ctx, v[F_NAME].s);
	if (v[F_PHONE].set)
		phone_like = db_like_contains(r->ctx, v[F_PHONE].s);
	if (t.only != TIER_NONE)
		tier_ids = buf_str(&t.ids);
	if (v[F_UNIT].set)
		unit_s = one_part(r, v[F_UNIT].s, 1);
	if (v[F_ROOM].set)
		room_s = one_part(r, v[F_ROOM].s, 0);
	if (v[F_Q].set) {
		/* "3" is the building named 3栋, or 3 as the estate typed it. */
		if (q.building[0] != '\0')
			qb = q.building;
		if (q.unit[0] != '\0')
			qu = q.unit;
		if (q.room[0] != '\0')
			qr = q.room;
	}
	qb_named = arena_printf(r->a, "%s栋", q.building);
	qb_typed = v[F_Q].set ? q.building_typed : "";
	page = v[F_PAGE].set ? v[F_PAGE].i : 1;

#define LEDGER_ARGS \
	e.id, building_id, building_id, unit_s, unit_s, room_s, room_s, \
	    occ_s, occ_s, name_like, name_like, phone_like, phone_like, \
	    tier_ids, tier_ids, qb, qb, qb_named, qb_typed, qu, qu, qr, qr
	if (db_one(r->ctx, &SQL_LEDGER_COUNT, "iIIssssssssssssssssssss", "i",
	    LEDGER_ARGS, &total) < 0)
		return;
	res = db_query(r->ctx, &SQL_LEDGER_PAGE, "iIIssssssssssssssssssssii",
	    LEDGER_ARGS,
	    (int64_t)PER_PAGE, (page - 1) * PER_PAGE);
#undef LEDGER_ARGS
	if (res == NULL)
		return;
	while ((rc = db_row(res, "issssissI", &id, &building, &unit, &room,
	    &occ, &area, &names, &phones, &collector)) == 1) {
		row = tmpl_row(d, "HOUSEHOLD");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "LABEL", label_premises(r->a, building, unit,
		    room, occ));
		tmpl_set(row, "OCCUPANCY", label_occupancy(occ));
		tmpl_set(row, "AREA", label_area(r->a, area));
		tmpl_set(row, "OWNERS", names);
		/* As the role sees them (access.c): a collector's own
		 * households' in full, the others' masked. */
		tmpl_set(row, "PHONES", access_phone(r->a, http_sees(r,
		    DATA_OWNER_PHONE, collector == r->ctx->actor.id), phones));
		if ((a = tally_find(&t, id)) != NULL) {
			page_money(row, "OVERDUE", a->owed_fen);
			tmpl_set(row, "MONTHS", arrears_months_words(r->a,
			    a->months));
			if (a->tier != TIER_NONE) {
				tmpl_show(row, "HAS_TIER");
				tmpl_set(row, "TIER_KEY", tier_key(a->tier));
				tmpl_set(row, "TIER_LABEL", tier_label(a->tier));
			}
		} else
			page_money(row, "OVERDUE", 0);
	}
	if (rc < 0)
		return;
	tmpl_show(d, "RESULTS");
	if (total == 0)
		tmpl_show(d, "NONE");
	page_pager(r, d, filter_query(r, v), page, PER_PAGE, total);

buildings:
	if ((res = db_query(r->ctx, &SQL_LEDGER_BUILDINGS, "i", e.id)) == NULL)
		return;
	while ((rc = db_row(res, "is", &id, &building)) == 1) {
		row = tmpl_row(d, "BUILDING");
		tmpl_set_int(row, "BUILDING_ID", id);
		tmpl_set(row, "BUILDING_NAME", building);
		if (v[F_BUILDING].set && v[F_BUILDING].i == id)
			tmpl_show(row, "BUILDING_SELECTED");
	}
	if (rc < 0)
		return;
	for (i = 0; occupancy_codes[i] != NULL; i++) {
		row = tmpl_row(d, "OCC");
		tmpl_set(row, "OCC_KEY", occupancy_codes[i]);
		tmpl_set(row, "OCC_LABEL", label_occupancy(occupancy_codes[i]));
		if (v[F_OCC].set && strcmp(v[F_OCC].s, occupancy_codes[i]) == 0)
			tmpl_show(row, "OCC_SELECTED");
	}
	for (i = 0; tier_choices[i] != NULL; i++) {
		row = tmpl_row(d, "TIER_OPT");
		tmpl_set(row, "TIER_KEY", tier_choices[i]);
		tmpl_set(row, "TIER_LABEL", tier_label(tier_parse(tier_choices[i])));
		if (v[F_TIER].set && strcmp(v[F_TIER].s, tier_choices[i]) == 0)
			tmpl_show(row, "TIER_SELECTED");
	}
	page_render(r, errs > 0 ? 400 : 200);
}
