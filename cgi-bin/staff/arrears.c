/*
 * arrears.c - the arrears board (红黄绿三级预警台账).
 *
 *   GET  /staff/arrears            counts and amounts per tier, red
 *                                  households without a case file or a
 *                                  contact in 30 days, and the list:
 *                                  filtered by tier, building, occupancy,
 *                                  collector, owners over 80; sorted by
 *                                  amount or months; 30 to a page. A
 *                                  collector sees their own list first.
 *                                  estate=0 is every estate (company view,
 *                                  for staff of every estate).
 *   GET  /staff/arrears.csv        the filtered list as a spreadsheet
 *   POST /staff/arrears/assign     a team lead gives the ticked
 *                                  households to a collector (or takes
 *                                  them back: to=0); 303 to the page of
 *                                  the board it was sent from (back=),
 *                                  where their collector shows and, over
 *                                  the boxes, 已将 N 户分配给 X; 400 with
 *                                  the board again (its filters come
 *                                  with the form) and the message over
 *                                  the boxes when none is ticked or the
 *                                  collector is not the estate's; 404
 *                                  for a household or estate outside
 *                                  the user's scope
 *   GET  /staff/arrears/elders     door-to-door list: owners over 80 with
 *                                  arrears, by building, printable
 *
 * Renders templates/staff/arrears.tpl and arrears_elders.tpl.
 */
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "arena.h"
#include "arrears.h"
#include "occupancy.h"
#include "audit.h"
#include "cal.h"
#include "csv.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "money.h"
#include "page.h"
#include "pages.h"
#include "redirect.h"
#include "tmpl.h"
#include "valid.h"

#define PER_PAGE	30

/* Details of the households on one page: 30 ids, unused ones NULL. */
#define IDS30 "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?"

SQL_DEF(SQL_ARREARS_DETAILS,
    "SELECT p.id, e.name, bd.name, p.unit, p.room, p.occupancy,"
    " COALESCE((SELECT GROUP_CONCAT(o.name ORDER BY po.is_primary DESC, o.id"
    "  SEPARATOR '、') FROM premises_owners po JOIN owners o"
    "  ON o.id = po.owner_id WHERE po.premises_id = p.id), ''),"
    " COALESCE((SELECT GROUP_CONCAT(o.phone ORDER BY po.is_primary DESC, o.id"
    "  SEPARATOR ' ') FROM premises_owners po JOIN owners o"
    "  ON o.id = po.owner_id WHERE po.premises_id = p.id), ''),"
    " COALESCE((SELECT MIN(o.birth_year) FROM premises_owners po JOIN owners o"
    "  ON o.id = po.owner_id WHERE po.premises_id = p.id), 0),"
    " COALESCE(st.name, ''), asg.collector_id"
    " FROM premises p JOIN buildings bd ON bd.id = p.building_id"
    " JOIN estates e ON e.id = p.estate_id"
    " LEFT JOIN assignments asg ON asg.premises_id = p.id"
    " LEFT JOIN staff st ON st.id = asg.collector_id"
    " WHERE p.id IN (" IDS30 ")");

SQL_DEF(SQL_ARREARS_BUILDINGS,
    "SELECT id, name FROM buildings WHERE estate_id = ? ORDER BY sort, name");

SQL_DEF(SQL_ARREARS_COLLECTORS,
    "SELECT st.id, st.name FROM staff st JOIN staff_estates se"
    " ON se.staff_id = st.id WHERE se.estate_id = ? AND st.role = 'collector'"
    " AND st.active = 1 ORDER BY st.name");

SQL_DEF(SQL_ASSIGN_COLLECTOR_OK,
    "SELECT COUNT(*) FROM staff st JOIN staff_estates se ON se.staff_id = st.id"
    " WHERE st.id = ? AND se.estate_id = ? AND st.role = 'collector'"
    " AND st.active = 1");

SQL_DEF(SQL_ASSIGN_PREMISES_OK,
    "SELECT COUNT(*) FROM premises WHERE id = ? AND estate_id = ?");

SQL_DEF(SQL_ASSIGN_SET,
    "INSERT INTO assignments (premises_id, estate_id, collector_id,"
    " assigned_by, assigned_at) VALUES (?, ?, ?, ?, NOW())"
    " ON DUPLICATE KEY UPDATE collector_id = VALUES(collector_id),"
    " assigned_by = VALUES(assigned_by), assigned_at = VALUES(assigned_at)");

SQL_DEF(SQL_ASSIGN_CLEAR,
    "DELETE FROM assignments WHERE premises_id = ? AND estate_id = ?");

static const char *const sorts[] = { "amount", "months", NULL };
static const char *const flags[] = { "nocase", "stale", NULL };

enum { F_ESTATE, F_TIER, F_BUILDING, F_OCC, F_COLLECTOR, F_ELDER, F_FLAG,
    F_SORT, F_PAGE, F_ALL, F_ASSIGNED, F_TO, F__MAX };

static const struct field fields[F__MAX] = {
	{ "estate", "小区", V_INT, 0, 0, INT64_MAX / 2, NULL },
	{ "tier", "预警等级", V_CHOICE, 0, 0, 0, tier_choices },
	{ "building", "楼栋", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "occupancy", "类型", V_CHOICE, 0, 0, 0, occupancy_codes },
	/* a collector's id; 0 is "not assigned" */
	{ "collector", "收费员", V_INT, 0, 0, INT64_MAX / 2, NULL },
	{ "elder", "80岁以上", V_INT, 0, 0, 1, NULL },
	{ "flag", "提醒", V_CHOICE, 0, 0, 0, flags },
	{ "sort", "排序", V_CHOICE, 0, 0, 0, sorts },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
	/* a collector asking for everyone's list, not their own */
	{ "all", "全部", V_INT, 0, 0, 1, NULL },
	/* after an assignment: how many, to whom (0: taken back) */
	{ "assigned", "已分配", V_INT, 0, 1, 100000, NULL },
	{ "to", "收费员", V_INT, 0, 0, INT64_MAX / 2, NULL },
};

struct board {
	struct fval		 v[F__MAX];
	int64_t			 estate;	/* 0: every estate */
	const char		*estate_name;
	int64_t			 collector;	/* -1: anyone */
	struct board_row	*rows;
	size_t			 n;
	struct board_row	**shown;	/* after the filters */
	size_t			 nshown;
	int64_t			 count[4], owed[4];
	int64_t			 red_nocase, red_stale;
	int			 errs;
};

/*
 * The board's order: by the amount owed or by the months overdue, most
 * first, then by amount, then by premises. The key is the comparator
 * chosen, never a flag kept beside it: requests sort at the same time in
 * several threads (a file-scope flag once let one request's sort=months
 * reorder another's sort=amount export).
 */
static int
cmp_rows(const struct board_row *x, const struct board_row *y, int by_months)
{
	int64_t	 k1, k2;

	if (by_months) {
		k1 = x->a.months;
		k2 = y->a.months;
	} else {
		k1 = x->a.owed_fen;
		k2 = y->a.owed_fen;
	}
	if (k1 != k2)
		return k1 < k2 ? 1 : -1;
	if (x->a.owed_fen != y->a.owed_fen)
		return x->a.owed_fen < y->a.owed_fen ? 1 : -1;
	return x->a.premises_id < y->a.premises_id ? -1 : 1;
}

static int
cmp_by_amount(const void *a, const void *b)
{
	return cmp_rows(*(struct board_row *const *)a,
	    *(struct board_row *const *)b, 0);
}

static int
cmp_by_months(const void *a, const void *b)
{
	return cmp_rows(*(struct board_row *const *)a,
	    *(struct board_row *const *)b, 1);
}

/*
 * Reads the filters, loads the board, filters and sorts it. Returns 1, 0
 * (answered: 404 or 403) or -1. With d, fills the estate picker.
 */
static int
load(struct req *r, struct board *bd, struct tmpl *d, int elders)
{
	struct estate	 e;
	struct fval	*v = bd->v;
	enum tier	 only;
	size_t		 i;
	int		 rc;

	memset(bd, 0, sizeof(*bd));
	bd->errs = valid_fields(r, fields, F__MAX, v);
	if (v[F_ESTATE].set && !v[F_ESTATE].err && v[F_ESTATE].i == 0) {
		if (!r->ctx->actor.all_estates) {
			page_error(r, 403, "公司汇总只对管理全部小区的员工开放。");
			return 0;
		}
		bd->estate = 0;
		bd->estate_name = "全部小区";
		/* -1 lists the estates for the picker and selects none. */
		if (d != NULL && scope_estate(r, -1, &e, d) < 0)
			return -1;
	} else {
		rc = scope_estate(r, v[F_ESTATE].set && !v[F_ESTATE].err ?
		    v[F_ESTATE].i : 0, &e, d);
		if (rc != 1) {
			if (rc == 0)
				page_error(r, 404, NULL);
			return rc;
		}
		bd->estate = e.id;
		bd->estate_name = e.name;
	}
	/* A collector's own list comes first. */
	bd->collector = -1;
	if (v[F_COLLECTOR].set && !v[F_COLLECTOR].err)
		bd->collector = v[F_COLLECTOR].i;
	else if (!v[F_COLLECTOR].set && r->ctx->actor.role == ROLE_COLLECTOR &&
	    !(v[F_ALL].set && v[F_ALL].i))
		bd->collector = r->ctx->actor.id;
	if (bd->errs)
		return 1;

	if (arrears_board(r->ctx, bd->estate, cal_today(), elders ||
	    (v[F_ELDER].set && v[F_ELDER].i), &bd->rows, &bd->n) < 0)
		return -1;
	bd->shown = arena_alloc(r->a, (bd->n ? bd->n : 1) * sizeof(*bd->shown));
	only = v[F_TIER].set ? tier_parse(v[F_TIER].s) : TIER_NONE;
	for (i = 0; i < bd->n; i++) {
		struct board_row *b = &bd->rows[i];

		if (b->a.tier == TIER_NONE)
			continue;
		bd->count[b->a.tier]++;
		bd->owed[b->a.tier] += b->a.owed_fen;
		if (b->a.tier == TIER_RED) {
			bd->red_nocase += !b->has_case;
			bd->red_stale += b->stale;
		}
		if (only != TIER_NONE && b->a.tier != only)
			continue;
		if (v[F_BUILDING].set && b->building_id != v[F_BUILDING].i)
			continue;
		if (v[F_OCC].set && strcmp(b->occupancy, v[F_OCC].s) != 0)
			continue;
		if (bd->collector >= 0 && b->collector_id != bd->collector)
			continue;
		if (v[F_ELDER].set && v[F_ELDER].i && !b->elder)
			continue;
		if (v[F_FLAG].set && (b->a.tier != TIER_RED ||
		    (v[F_FLAG].i == 0 ? b->has_case : !b->stale)))
			continue;
		bd->shown[bd->nshown++] = b;
	}
	qsort(bd->shown, bd->nshown, sizeof(*bd->shown),
	    v[F_SORT].set && v[F_SORT].i == 1 ? cmp_by_months : cmp_by_amount);
	return 1;
}

/* The filters as a query string, for paging, sorting and CSV links. */
static const char *
filter_query(struct req *r, const struct board *bd, int with_sort)
{
	struct buf	 b;
	int		 i;

	buf_init(&b, r->a, 128);
	buf_printf(&b, "estate=%lld", (long long)bd->estate);
	for (i = F_TIER; i < F_PAGE; i++) {
		if (!bd->v[i].set || (i == F_SORT && !with_sort))
			continue;
		buf_printf(&b, "&%s=%s", fields[i].name,
		    form_encode(r->a, bd->v[i].s));
	}
	if (!bd->v[F_COLLECTOR].set && bd->collector < 0)
		buf_puts(&b, "&all=1");
	return buf_str(&b);
}

struct detail {
	int64_t		 id;
	const char	*estate, *label, *owners, *phones, *collector;
	int64_t		 born;
	int		 phones_full;	/* phones shown whole (a tel: link) */
	int		 cases;		/* the user sees its case files */
};

/* Names, phones and collectors of up to 30 households; the phones as
 * the user's role sees them (access.c: a collector's own households' in
 * full, the others' masked), in the page and its CSV alike. */
static int
details(struct req *r, struct board_row **rows, size_t n, struct detail *out)
{
	struct db_res	*res;
	int64_t		 ids[PER_PAGE];
	const char	*building, *unit, *room, *occ;
	struct detail	 dt;
	enum see	 sight;
	int64_t		 collector_id;
	size_t		 i;
	int		 rc;

	memset(&dt, 0, sizeof(dt));
	for (i = 0; i < PER_PAGE; i++)
		ids[i] = i < n ? rows[i]->a.premises_id : DB_NULL;
	res = db_query(r->ctx, &SQL_ARREARS_DETAILS,
	    "IIIIIIIIIIIIIIIIIIIIIIIIIIIIII", ids[0], ids[1], ids[2], ids[3],
	    ids[4], ids[5], ids[6], ids[7], ids[8], ids[9], ids[10], ids[11],
	    ids[12], ids[13], ids[14], ids[15], ids[16], ids[17], ids[18],
	    ids[19], ids[20], ids[21], ids[22], ids[23], ids[24], ids[25],
	    ids[26], ids[27], ids[28], ids[29]);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "isssssssisI", &dt.id, &dt.estate, &building,
	    &unit, &room, &occ, &dt.owners, &dt.phones, &dt.born,
	    &dt.collector, &collector_id)) == 1) {
		sight = http_sees(r, DATA_OWNER_PHONE,
		    collector_id == r->ctx->actor.id);
		dt.phones = access_phone(r->a, sight, dt.phones);
		dt.phones_full = sight == SEE_ALL;
		dt.cases = http_sees(r, DATA_CASE,
		    collector_id == r->ctx->actor.id) == SEE_ALL;
		dt.label = label_premises(r->a, building, unit, room, occ);
		for (i = 0; i < n; i++)
			if (rows[i]->a.premises_id == dt.id)
				out[i] = dt;
	}
	return rc < 0 ? -1 : 0;
}

/* Fills the pickers; *to_name is the name of the collector v[F_TO]
 * names, if one of the estate's. */
static int
pickers(struct req *r, struct tmpl *d, const struct board *bd,
    const char **to_name)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*name;
	int64_t		 id;
	int		 rc, i, is_to;

	for (i = 0; tier_choices[i] != NULL; i++) {
		row = tmpl_row(d, "TIER_OPT");
		tmpl_set(row, "KEY", tier_choices[i]);
		tmpl_set(row, "LABEL", tier_label(tier_parse(tier_choices[i])));
		if (bd->v[F_TIER].set && strcmp(bd->v[F_TIER].s, tier_choices[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
	for (i = 0; occupancy_codes[i] != NULL; i++) {
		row = tmpl_row(d, "OCC_OPT");
		tmpl_set(row, "KEY", occupancy_codes[i]);
		tmpl_set(row, "LABEL", label_occupancy(occupancy_codes[i]));
		if (bd->v[F_OCC].set && strcmp(bd->v[F_OCC].s, occupancy_codes[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
	if (bd->estate == 0)
		return 0;
	if ((res = db_query(r->ctx, &SQL_ARREARS_BUILDINGS, "i", bd->estate)) == NULL)
		return -1;
	while ((rc = db_row(res, "is", &id, &name)) == 1) {
		row = tmpl_row(d, "BUILDING_OPT");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "NAME", name);
		if (bd->v[F_BUILDING].set && bd->v[F_BUILDING].i == id)
			tmpl_show(row, "SELECTED");
	}
	if (rc < 0)
		return -1;
	if ((res = db_query(r->ctx, &SQL_ARREARS_COLLECTORS, "i", bd->estate)) == NULL)
		return -1;
	while ((rc = db_row(res, "is", &id, &name)) == 1) {
		row = tmpl_row(d, "COLLECTOR_OPT");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "NAME", name);
		if (bd->collector == id)
			tmpl_show(row, "SELECTED");
		is_to = bd->v[F_TO].set && !bd->v[F_TO].err &&
		    bd->v[F_TO].i == id;
		if (is_to)
			*to_name = name;
		if (http_may(r, METHOD_POST, "/arrears/assign")) {
			row = tmpl_row(d, "ASSIGN_OPT");
			tmpl_set_int(row, "ID", id);
			tmpl_set(row, "NAME", name);
			if (is_to)
				tmpl_show(row, "SELECTED");
		}
	}
	return rc < 0 ? -1 : 0;
}

/*
 * The board as its filters say (the query; for the assign form's answer,
 * the form's copies of them), with alert (an assignment refused) or,
 * after ?assigned=N&to=ID, what was assigned, over the boxes.
 */
static void
board(struct req *r, const char *alert, int status)
{
	struct board	 bd;
	struct tmpl	*d, *row;
	struct detail	 dt[PER_PAGE];
	const char	*q, *to_name = NULL;
	int64_t		 page, first;
	size_t		 i, n;
	int		 rc, t, can_assign;

	d = page_new(r, "staff/arrears.tpl", "欠费预警");
	if ((rc = load(r, &bd, d, 0)) != 1)
		return;
	tmpl_set(d, "ESTATE_NAME", bd.estate_name);
	tmpl_set_int(d, "ESTATE_ID", bd.estate);
	/* The lead's board also flags the estate's late service requests
	 * (issue 12: a late step is flagged to the team lead). */
	if (bd.estate != 0 && (r->ctx->actor.role & (ROLE_TEAM_LEAD |
	    ROLE_MANAGER)) && requests_late_board(r, d, bd.estate) < 0)
		return;
	/* ... and a monthly service report not published by the 5th
	 * (DOMAIN.md "Monthly service report"). */
	if (bd.estate != 0 && (r->ctx->actor.role & (ROLE_TEAM_LEAD |
	    ROLE_MANAGER)) && reports_late_board(r, d, bd.estate) < 0)
		return;
	/* ... and the visits owners asked for (上门预约, visits.c). */
	if (bd.estate != 0 && visits_board(r, d, bd.estate) < 0)
		return;
	/* 缓交中 (deferrals.c): apart from the tiers, which skip them */
	if (deferrals_board(r, d, bd.estate) < 0)
		return;
	if (r->ctx->actor.all_estates) {
		tmpl_show(d, "CAN_ALL");
		if (bd.estate == 0)
			tmpl_show(d, "ALL_SELECTED");
	}
	valid_to_tmpl(d, fields, F__MAX, bd.v);
	if (pickers(r, d, &bd, &to_name) < 0)
		return;
	if (bd.collector == 0)
		tmpl_show(d, "UNASSIGNED_SELECTED");
	if (bd.v[F_ELDER].set && bd.v[F_ELDER].i)
		tmpl_show(d, "ELDER_CHECKED");
	tmpl_show(d, bd.v[F_SORT].set && bd.v[F_SORT].i == 1 ? "SORT_MONTHS" :
	    "SORT_AMOUNT");
	if (bd.v[F_FLAG].set)
		tmpl_show(d, bd.v[F_FLAG].i == 0 ? "FLAG_NOCASE" : "FLAG_STALE");
	if (r->ctx->actor.role == ROLE_COLLECTOR) {
		tmpl_show(d, "IS_COLLECTOR");
		tmpl_set(d, "MINE_URL", arena_printf(r->a,
		    "/staff/arrears?estate=%lld", (long long)bd.estate));
		tmpl_set(d, "ALL_URL", arena_printf(r->a,
		    "/staff/arrears?estate=%lld&all=1", (long long)bd.estate));
		tmpl_show(d, bd.collector == r->ctx->actor.id ? "MINE" :
		    "EVERYONE");
	}
	if (bd.errs) {
		tmpl_show(d, "HAS_ERRORS");
		page_render(r, 400);
		return;
	}
	for (t = TIER_RED; t >= TIER_GREEN; t--) {
		row = tmpl_row(d, "TIER");
		tmpl_set(row, "TIER_KEY", tier_key((enum tier)t));
		tmpl_set(row, "TIER_LABEL", tier_label((enum tier)t));
		tmpl_set_int(row, "TIER_COUNT", bd.count[t]);
		page_money(row, "TIER_OWED", bd.owed[t]);
		tmpl_set(row, "TIER_URL", arena_printf(r->a,
		    "/staff/arrears?estate=%lld&tier=%s&all=1",
		    (long long)bd.estate, tier_key((enum tier)t)));
	}
	tmpl_set_int(d, "RED_NOCASE", bd.red_nocase);
	tmpl_set_int(d, "RED_STALE", bd.red_stale);
	tmpl_set(d, "NOCASE_URL", arena_printf(r->a,
	    "/staff/arrears?estate=%lld&flag=nocase&all=1", (long long)bd.estate));
	tmpl_set(d, "STALE_URL", arena_printf(r->a,
	    "/staff/arrears?estate=%lld&flag=stale&all=1", (long long)bd.estate));
	q = filter_query(r, &bd, 1);
	tmpl_set(d, "CSV_URL", arena_printf(r->a, "/staff/arrears.csv?%s", q));
	tmpl_set(d, "SORT_AMOUNT_URL", arena_printf(r->a,
	    "/staff/arrears?%s&sort=amount", filter_query(r, &bd, 0)));
	tmpl_set(d, "SORT_MONTHS_URL", arena_printf(r->a,
	    "/staff/arrears?%s&sort=months", filter_query(r, &bd, 0)));
	can_assign = bd.estate != 0 &&
	    http_may(r, METHOD_POST, "/arrears/assign");
	page = bd.v[F_PAGE].set ? bd.v[F_PAGE].i : 1;
	if (can_assign) {
		tmpl_show(d, "CAN_ASSIGN");
		/* The assign form comes back to this very page of the list,
		 * and carries its filters to draw it again if refused. */
		tmpl_set(d, "BACK", arena_printf(r->a,
		    "/staff/arrears?%s&page=%lld", q, (long long)page));
		for (i = F_TIER; i <= F_ALL; i++) {
			if (!bd.v[i].set || bd.v[i].err)
				continue;
			row = tmpl_row(d, "FILTER");
			tmpl_set(row, "NAME", fields[i].name);
			tmpl_set(row, "VALUE", bd.v[i].s);
		}
	}
	if (alert != NULL) {
		tmpl_show(d, "ASSIGN_ALERT");
		tmpl_set(d, "ASSIGN_ALERT_TEXT", alert);
	} else if (bd.v[F_ASSIGNED].set && !bd.v[F_ASSIGNED].err &&
	    bd.v[F_TO].set && !bd.v[F_TO].err &&
	    (bd.v[F_TO].i == 0 || to_name != NULL)) {
		tmpl_show(d, "ASSIGNED");
		tmpl_set(d, "ASSIGNED_TEXT", bd.v[F_TO].i == 0 ?
		    arena_printf(r->a, "已将 %lld 户改为未分配。",
		    (long long)bd.v[F_ASSIGNED].i) :
		    arena_printf(r->a, "已将 %lld 户分配给 %s。",
		    (long long)bd.v[F_ASSIGNED].i, to_name));
	}

	first = (page - 1) * PER_PAGE;
	n = first < (int64_t)bd.nshown ? bd.nshown - (size_t)first : 0;
	if (n > PER_PAGE)
		n = PER_PAGE;
	memset(dt, 0, sizeof(dt));
	if (n > 0 && details(r, bd.shown + first, n, dt) < 0)
		return;
	for (i = 0; i < n; i++) {
		struct board_row *b = bd.shown[first + (int64_t)i];

		row = tmpl_row(d, "ROW");
		tmpl_set_int(row, "ID", b->a.premises_id);
		/* The checkbox is the row's own section, so that its value
		 * is this row's ID (a section shown on d would read d's). */
		if (can_assign)
			tmpl_show(row, "PICK");
		tmpl_set(row, "LABEL", dt[i].label ? dt[i].label : "");
		tmpl_set(row, "ESTATE", dt[i].estate ? dt[i].estate : "");
		tmpl_set(row, "OWNERS", dt[i].owners ? dt[i].owners : "");
		tmpl_set(row, "PHONES", dt[i].phones ? dt[i].phones : "");
		tmpl_set(row, "OCCUPANCY", label_occupancy(b->occupancy));
		tmpl_set(row, "MONTHS", arrears_months_words(r->a, b->a.months));
		tmpl_set_int(row, "MONTHS_N", b->a.months);
		page_money(row, "OWED", b->a.owed_fen);
		tmpl_set(row, "TIER_KEY", tier_key(b->a.tier));
		tmpl_set(row, "TIER_LABEL", tier_label(b->a.tier));
		tmpl_set(row, "COLLECTOR", dt[i].collector ? dt[i].collector : "");
		tmpl_set(row, "LAST_CONTACT", b->last_contact);
		if (b->elder || (dt[i].born > 0 &&
		    cal_today().y - dt[i].born >= 80))
			tmpl_show(row, "ELDER");
		/* The case file's link, to those who see it (access.c). */
		if (dt[i].cases) {
			struct tmpl *c = tmpl_row(row, "CASE");

			if (b->a.tier == TIER_RED && !b->has_case)
				tmpl_show(c, "NOCASE");
			if (b->has_case)
				tmpl_show(c, "HAS_CASE");
		}
		if (b->a.tier == TIER_RED && b->stale)
			tmpl_show(row, "STALE");
	}
	if (bd.nshown == 0)
		tmpl_show(d, "NONE");
	page_pager(r, d, arena_printf(r->a, "/staff/arrears?%s", q), page,
	    PER_PAGE, (int64_t)bd.nshown);
	page_render(r, status);
}

void
page_arrears(struct req *r)
{
	board(r, NULL, 200);
}

void
page_arrears_csv(struct req *r)
{
	struct board	 bd;
	struct buf	*b = &r->body;
	struct detail	 dt[PER_PAGE];
	size_t		 i, j, n;
	int		 rc;

	if ((rc = load(r, &bd, NULL, 1)) != 1)
		return;
	if (bd.errs) {
		page_error(r, 400, "筛选条件有误，请返回欠费预警页面修改。");
		return;
	}
	csv_begin(b);
	csv_field(b, "小区");
	csv_field(b, "房屋");
	csv_field(b, "类型");
	csv_field(b, "业主");
	csv_field(b, "电话");
	csv_field(b, "预警等级");
	csv_field(b, "逾期月数");
	csv_field(b, "逾期欠费（元）");
	csv_field(b, "收费员");
	csv_field(b, "80岁以上");
	csv_field(b, "一户一策");
	csv_field(b, "最近联系");
	csv_end_row(b);
	for (i = 0; i < bd.nshown; i += PER_PAGE) {
		n = bd.nshown - i < PER_PAGE ? bd.nshown - i : PER_PAGE;
		memset(dt, 0, sizeof(dt));
		if (details(r, bd.shown + i, n, dt) < 0)
			return;
		for (j = 0; j < n; j++) {
			struct board_row *row = bd.shown[i + j];

			csv_field(b, dt[j].estate);
			csv_field(b, dt[j].label);
			csv_field(b, label_occupancy(row->occupancy));
			csv_field(b, dt[j].owners);
			csv_field(b, dt[j].phones);
			csv_field(b, tier_label(row->a.tier));
			csv_int(b, row->a.months);
			csv_money(b, row->a.owed_fen);
			csv_field(b, dt[j].collector);
			csv_field(b, row->elder ? "是" : "");
			csv_field(b, row->has_case && dt[j].cases ? "有" : "");
			csv_field(b, row->last_contact);
			csv_end_row(b);
		}
	}
	http_body_file(r, RESP_CSV, "arrears.csv", 1);
}

static const struct field assign_fields[] = {
	{ "estate", "小区", V_INT, V_REQUIRED, 1, INT64_MAX / 2, NULL },
	{ "to", "收费员", V_INT, V_REQUIRED, 0, INT64_MAX / 2, NULL },
	/* the filtered board to return to; anything else goes to the estate's */
	{ "back", "返回", V_TEXT, 0, 0, 1024, NULL },
};

struct assign_tx {
	int64_t		 estate, to;
	int64_t		*ids;
	size_t		 n;
};

static int
assign_tx(struct ctx *ctx, void *arg)
{
	struct assign_tx	*t = arg;
	size_t			 i;

	for (i = 0; i < t->n; i++)
		if ((t->to ? db_exec(ctx, &SQL_ASSIGN_SET, "iiii", t->ids[i],
		    t->estate, t->to, ctx->actor.id) :
		    db_exec(ctx, &SQL_ASSIGN_CLEAR, "ii", t->ids[i], t->estate)) < 0)
			return -1;
	return audit(ctx, t->estate, "arrears.assign", "staff", t->to, DB_NULL,
	    arena_printf(ctx->a, "%zu households", t->n));
}

void
page_arrears_assign(struct req *r)
{
	struct fval		 v[NF(assign_fields)], pv;
	struct estate		 e;
	struct assign_tx	 t;
	const struct field	 pf = { "premises", "住户", V_INT, 0, 1,
				    INT64_MAX / 2, NULL };
	int64_t			 n;
	size_t			 i;
	int			 rc;

	if (valid_fields(r, assign_fields, NF(assign_fields), v) > 0) {
		page_error(r, 400, v[0].err ? v[0].err : v[1].err ? v[1].err :
		    v[2].err);
		return;
	}
	if ((rc = scope_estate(r, v[0].i, &e, NULL)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	t.estate = e.id;
	t.to = v[1].i;
	t.ids = arena_alloc(r->a, (r->form.n + 1) * sizeof(*t.ids));
	t.n = 0;
	for (i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.v[i].key, "premises") != 0)
			continue;
		if (valid_one(r, &pf, r->form.v[i].val, &pv) != NULL) {
			board(r, "所选住户有误，请重新勾选。", 400);
			return;
		}
		if (db_one(r->ctx, &SQL_ASSIGN_PREMISES_OK, "ii", "i", pv.i, e.id,
		    &n) != 1)
			return;
		if (n == 0) {
			page_error(r, 404, NULL);
			return;
		}
		t.ids[t.n++] = pv.i;
	}
	if (t.n == 0) {
		board(r, "请先勾选要分配的住户。", 400);
		return;
	}
	if (t.to != 0) {
		if (db_one(r->ctx, &SQL_ASSIGN_COLLECTOR_OK, "ii", "i", t.to, e.id,
		    &n) != 1)
			return;
		if (n == 0) {
			board(r, "请选择本小区的收费员。", 400);
			return;
		}
	}
	if (db_tx(r->ctx, assign_tx, &t) != 0)
		return;
	/* back= is a board address: it has its query already. */
	http_redirect(r, arena_printf(r->a, "%s&assigned=%zu&to=%lld",
	    redirect_ok(r->a, v[2].s, "/staff/arrears") &&
	    strchr(v[2].s, '?') != NULL ? v[2].s :
	    arena_printf(r->a, "/staff/arrears?estate=%lld&all=1",
	    (long long)e.id), t.n, (long long)t.to));
}

/* One household of the door-to-door list. */
struct elder {
	struct detail		 dt;
	const struct board_row	*b;
	int			 shop;
};

/*
 * Homes before shops; then as people read addresses: 2栋 before 10栋,
 * 501室 before 1201室 (address_natcmp).
 */
static int
cmp_elders(const void *a, const void *b)
{
	const struct elder	*x = a, *y = b;
	int			 c;

	if (x->shop != y->shop)
		return x->shop - y->shop;
	if ((c = address_natcmp(x->dt.label, y->dt.label)) != 0)
		return c;
	return x->b->a.premises_id < y->b->a.premises_id ? -1 : 1;
}

/*
 * GET /staff/arrears/elders: owners over 80 with arrears, homes by
 * building in natural order, then the shops apart; each row links to
 * the household and each phone number is a tel: link, to call before
 * the trip. 200, or 404 for an estate outside the user's scope.
 */
void
page_arrears_elders(struct req *r)
{
	struct board	 bd;
	struct tmpl	*d, *row, *grp = NULL;
	struct detail	*dt;
	struct elder	*el;
	struct date	 today = cal_today();
	const char	*last = NULL, *bname, *p, *sp;
	char		 today_s[11];
	size_t		 i, j, n;
	int		 rc;

	cal_fmt(today_s, today);
	d = page_new(r, "staff/arrears_elders.tpl", "上门收费名单");
	if ((rc = load(r, &bd, d, 1)) != 1)
		return;
	tmpl_set(d, "ESTATE_NAME", bd.estate_name);
	/* Owners over 80 with arrears. */
	for (i = j = 0; i < bd.n; i++)
		if (bd.rows[i].elder && bd.rows[i].a.owed_fen > 0)
			bd.shown[j++] = &bd.rows[i];
	bd.nshown = j;
	dt = arena_zalloc(r->a, (bd.nshown + PER_PAGE) * sizeof(*dt));
	for (i = 0; i < bd.nshown; i += PER_PAGE) {
		n = bd.nshown - i < PER_PAGE ? bd.nshown - i : PER_PAGE;
		if (details(r, bd.shown + i, n, dt + i) < 0)
			return;
	}
	el = arena_alloc(r->a, (bd.nshown ? bd.nshown : 1) * sizeof(*el));
	for (i = 0; i < bd.nshown; i++) {
		el[i].dt = dt[i];
		el[i].b = bd.shown[i];
		el[i].shop = occupancy_parse(bd.shown[i]->occupancy) == OCC_SHOP;
	}
	qsort(el, bd.nshown, sizeof(*el), cmp_elders);
	for (i = 0; i < bd.nshown; i++) {
		/* A home's group is its building, the label up to 栋. */
		if (el[i].shop)
			bname = "商铺";
		else if ((p = strstr(el[i].dt.label, "栋")) != NULL)
			bname = arena_strndup(r->a, el[i].dt.label,
			    (size_t)(p - el[i].dt.label) + strlen("栋"));
		else
			bname = el[i].dt.label;
		if (last == NULL || strcmp(last, bname) != 0) {
			grp = tmpl_row(d, "BUILDING");
			tmpl_set(grp, "BUILDING", bname);
			if (el[i].shop)
				tmpl_show(grp, "SHOPS");
			last = bname;
		}
		row = tmpl_row(grp, "ROW");
		tmpl_set(row, "LABEL", el[i].dt.label);
		tmpl_set(row, "OWNERS", el[i].dt.owners);
		/* The phones come as "138... 139...": a link for each. */
		for (p = el[i].dt.phones; *p != '\0'; p = *sp ? sp + 1 : sp) {
			if ((sp = strchr(p, ' ')) == NULL)
				sp = p + strlen(p);
			if (sp > p)
				tmpl_set(tmpl_row(row,
				    el[i].dt.phones_full ? "PHONE" : "MASKED"),
				    "NUMBER", arena_strndup(r->a, p,
				    (size_t)(sp - p)));
		}
		tmpl_set_int(row, "AGE", el[i].dt.born ?
		    today.y - el[i].dt.born : 0);
		tmpl_set(row, "MONTHS", arrears_months_words(r->a,
		    el[i].b->a.months));
		page_money(row, "OWED", el[i].b->a.owed_fen);
		tmpl_set(row, "COLLECTOR", el[i].dt.collector);
		tmpl_set_int(row, "ID", el[i].b->a.premises_id);
		/* The last trip, a 上门POS payment's visit too (door_visits,
		 * as the KPI board counts them); today's says 今天. */
		if (el[i].b->last_visit[0] != '\0') {
			tmpl_show(row, "VISITED");
			tmpl_set(row, "LAST_VISIT", strcmp(el[i].b->last_visit,
			    today_s) == 0 ? "今天" : el[i].b->last_visit);
		}
	}
	tmpl_set_int(d, "TOTAL", (int64_t)bd.nshown);
	if (bd.nshown == 0)
		tmpl_show(d, "NONE");
	page_render(r, 200);
}
