/*
 * meters.c - water and electricity meter readings (抄表), which billing
 * runs turn into bills (rate x units used).
 *
 *   GET  /staff/meters?period=YYYY-MM   the period's readings, a form for
 *                                       one reading and a CSV upload
 *   POST /staff/meters                  one reading: 303 back, or the
 *                                       page with messages (400 / 409)
 *   GET  /staff/meters/template.csv     the CSV to fill in: header and
 *                                       one example row
 *   POST /staff/meters/upload           a CSV file; if any row is bad,
 *                                       every bad row is listed with its
 *                                       line number and reason (422) and
 *                                       nothing of the file is applied; a
 *                                       file in no encoding we read is 400
 *                                       with the message by the file field
 *
 * The CSV has a header line and the columns
 *   楼栋,单元,房号,项目,上期读数,本期读数
 * where 项目 is the fee item's code or name (SF / 水费) and readings have
 * at most two decimals. It may be UTF-8 (with or without a BOM) or GBK /
 * GB18030, which Chinese Excel writes (csv_decode); rows of only commas
 * and empty columns after the sixth, Excel's padding, are ignored. A row
 * naming no home says how it was likely miswritten ("3" for "3栋").
 * Renders templates/staff/meters.tpl.
 */
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "cal.h"
#include "codes.h"
#include "csv.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "meter.h"
#include "money.h"
#include "occupancy.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

#define PER_PAGE	50
#define MAX_ROWS	20000
#define MAX_ERRORS	200
#define NCOLS		6

SQL_DEF(SQL_METER_ITEMS,
    "SELECT id, code, name, unit_name, usage_cap_x100 FROM fee_items"
    " WHERE estate_id = ? AND basis = 'meter' ORDER BY sort, id");

/* The estate's first billed month ('' before its first run). */
SQL_DEF(SQL_METER_FIRST_BILLED,
    "SELECT MIN(period_start) FROM billing_periods WHERE estate_id = ?");

SQL_DEF(SQL_METER_BUILDINGS,
    "SELECT id, name FROM buildings WHERE estate_id = ? ORDER BY sort, name");

SQL_DEF(SQL_METER_PREMISES,
    "SELECT p.id FROM premises p JOIN buildings bd ON bd.id = p.building_id"
    " WHERE p.estate_id = ? AND bd.name = ? AND p.unit = ? AND p.room = ?");

SQL_DEF(SQL_METER_BUILDING,
    "SELECT COUNT(*) FROM buildings WHERE estate_id = ? AND name = ?");

/* The template's example: a real home of the estate, written as the
 * file wants it. */
SQL_DEF(SQL_METER_EXAMPLE,
    "SELECT bd.name, p.unit, p.room FROM premises p"
    " JOIN buildings bd ON bd.id = p.building_id"
    " WHERE p.estate_id = ? AND p.occupancy <> " OCCUPANCY_SQL_SHOP
    " ORDER BY bd.sort, bd.name, p.unit, p.room LIMIT 1");

SQL_DEF(SQL_METER_EXISTS,
    "SELECT COUNT(*) FROM meter_readings WHERE premises_id = ?"
    " AND fee_item_id = ? AND period_start = ?");

/* The reading of the month before this one (the latest earlier one):
 * its 本期 is this month's 上期, as the meter reader reads it. */
SQL_DEF(SQL_METER_BEFORE,
    "SELECT curr_x100, CAST(period_start AS CHAR) FROM meter_readings"
    " WHERE premises_id = ? AND fee_item_id = ? AND period_start < ?"
    " ORDER BY period_start DESC LIMIT 1");

SQL_DEF(SQL_METER_INSERT,
    "INSERT INTO meter_readings (estate_id, premises_id, fee_item_id,"
    " period_start, prev_x100, curr_x100, source, entered_by, entered_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NOW())");

SQL_DEF(SQL_METER_COUNT,
    "SELECT COUNT(*) FROM meter_readings WHERE estate_id = ?"
    " AND period_start = ?");

SQL_DEF(SQL_METER_LIST,
    "SELECT bd.name, p.unit, p.room, p.occupancy, fi.name, fi.unit_name,"
    " m.prev_x100, m.curr_x100, m.source, m.entered_at,"
    " EXISTS (SELECT 1 FROM bills b WHERE b.premises_id = m.premises_id"
    "  AND b.fee_item_id = m.fee_item_id AND b.period_start = m.period_start)"
    " FROM meter_readings m JOIN premises p ON p.id = m.premises_id"
    " JOIN buildings bd ON bd.id = p.building_id"
    " JOIN fee_items fi ON fi.id = m.fee_item_id"
    " WHERE m.estate_id = ? AND m.period_start = ?"
    " ORDER BY bd.sort, p.unit, p.room, fi.sort LIMIT ? OFFSET ?");

enum { F_ESTATE, F_PERIOD, F_BUILDING, F_UNIT, F_ROOM, F_ITEM, F_PREV,
    F_CURR, F_PAGE, F__MAX };

static const struct field fields[F__MAX] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "period", "抄表月份", V_MONTH, V_REQUIRED, 0, 0, NULL },
	{ "building", "楼栋", V_TEXT, V_REQUIRED, 1, 32, NULL },
	{ "unit", "单元", V_TEXT, 0, 0, 16, NULL },
	{ "room", "房号", V_TEXT, V_REQUIRED, 1, 16, NULL },
	{ "item", "项目", V_TEXT, V_REQUIRED, 1, 50, NULL },
	{ "prev", "上期读数", V_DECIMAL2, V_REQUIRED, 0, INT64_C(9999999999), NULL },
	{ "curr", "本期读数", V_DECIMAL2, V_REQUIRED, 0, INT64_C(9999999999), NULL },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
};

static const struct field saved_field =
	{ "saved", "已保存", V_INT, 0, 0, 1000000, NULL };

static const struct field token_field[] = { ONCE_FIELD };

struct item {
	int64_t		 id;
	const char	*code, *name, *unit;
	int64_t		 cap;		/* most usage a month, x 100 */
};

struct mform {
	struct estate	 e;
	struct item	 items[16];
	size_t		 nitems;
	char		 period[11];
};

static int
load_items(struct req *r, struct mform *c)
{
	struct db_res	*res;
	int		 rc;

	if ((res = db_query(r->ctx, &SQL_METER_ITEMS, "i", c->e.id)) == NULL)
		return -1;
	c->nitems = 0;
	while ((rc = db_row(res, "isssI", &c->items[c->nitems].id,
	    &c->items[c->nitems].code, &c->items[c->nitems].name,
	    &c->items[c->nitems].unit, &c->items[c->nitems].cap)) == 1) {
		c->items[c->nitems].cap = meter_usage_cap(
		    c->items[c->nitems].unit, c->items[c->nitems].cap);
		if (c->nitems < 15)
			c->nitems++;
	}
	return rc;
}

static const struct item *
find_item(const struct mform *c, const char *s)
{
	size_t	 i;

	for (i = 0; i < c->nitems; i++)
		if (strcmp(c->items[i].code, s) == 0 ||
		    strcmp(c->items[i].name, s) == 0)
			return &c->items[i];
	return NULL;
}

/* The estate and period the request names; 1, 0 (answered) or -1. */
static int
begin(struct req *r, struct mform *c, struct fval *v, struct tmpl *d)
{
	struct date	 t = cal_today();
	int		 rc;

	if ((rc = scope_estate(r, v[F_ESTATE].set && !v[F_ESTATE].err ?
	    v[F_ESTATE].i : 0, &c->e, d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return rc;
	}
	if (v[F_PERIOD].set && !v[F_PERIOD].err)
		cal_fmt(c->period, cal_from_month(v[F_PERIOD].i));
	else {
		t.d = 1;
		cal_fmt(c->period, t);
	}
	return load_items(r, c) < 0 ? -1 : 1;
}

#define FUTURE_MSG	"抄表月份不能晚于本月"

/* The estate's first billed month (a month index), or -1. 0 or -1. */
static int
first_billed(struct req *r, const struct mform *c, int64_t *first_m)
{
	struct date	 d;
	const char	*first;

	*first_m = -1;
	if (db_one(r->ctx, &SQL_METER_FIRST_BILLED, "i", "s", c->e.id,
	    &first) < 0)
		return -1;
	if (*first != '\0' && cal_parse(first, &d) == 0)
		*first_m = (int64_t)d.y * 12 + d.m - 1;
	return 0;
}

/*
 * Why the month a reading is sent for cannot take readings (meter.h: a
 * month that has begun, at most METER_MONTHS_BACK months back and not
 * before the estate's first billed month), or NULL. Sets *failed on a
 * database failure.
 */
static const char *
period_problem(struct req *r, const struct mform *c, const struct fval *v,
    int *failed)
{
	int64_t		 earliest, first_m;

	*failed = 0;
	if (!v[F_PERIOD].set || v[F_PERIOD].err)
		return NULL;
	if (first_billed(r, c, &first_m) < 0) {
		*failed = 1;
		return NULL;
	}
	switch (meter_period_check(v[F_PERIOD].i, first_m, cal_today(),
	    &earliest)) {
	case METER_PERIOD_FUTURE:
		return FUTURE_MSG "。";
	case METER_PERIOD_TOO_OLD:
		return arena_printf(r->a, "抄表月份不能早于 %lld年%lld月（%s）。",
		    (long long)(earliest / 12), (long long)(earliest % 12 + 1),
		    earliest == first_m ? "本小区从这个月开始出账" :
		    arena_printf(r->a, "最多补录 %d 个月以内的读数",
		    METER_MONTHS_BACK));
	default:
		return NULL;
	}
}

/*
 * What the form takes, said before it is sent: the first month open to
 * readings (EARLIEST) and each item's monthly cap (CAPS, under
 * HAS_CAPS). Returns 0 or -1.
 */
static int
show_limits(struct req *r, const struct mform *c, struct tmpl *d)
{
	struct date	 t = cal_today();
	struct buf	 b;
	int64_t		 earliest, first_m;
	size_t		 i;

	if (first_billed(r, c, &first_m) < 0)
		return -1;
	meter_period_check((int64_t)t.y * 12 + t.m - 1, first_m, t, &earliest);
	tmpl_set(d, "EARLIEST", arena_printf(r->a, "%lld年%lld月",
	    (long long)(earliest / 12), (long long)(earliest % 12 + 1)));
	buf_init(&b, r->a, 64);
	for (i = 0; i < c->nitems; i++)
		buf_puts(&b, arena_printf(r->a, "%s%s %s %s", i ? "、" : "",
		    c->items[i].name, label_units(r->a, c->items[i].cap),
		    c->items[i].unit));
	tmpl_set(d, "CAPS", buf_str(&b));
	if (c->nitems > 0)
		tmpl_show(d, "HAS_CAPS");
	return 0;
}

/*
 * The page with the period's readings and the forms: alert on top, the
 * upload's bad rows listed, file_err (if not NULL) by the file field.
 */
static void
show(struct req *r, struct fval *v, const char *alert, const char **errors,
    size_t nerrors, const char *file_err, int status)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	struct mform	 c;
	struct fval	 sv;
	const char	*building, *unit, *room, *occ, *item, *uname, *src, *at;
	int64_t		 prev, curr, billed, total, id, page;
	size_t		 i;
	int		 rc;

	d = page_new(r, "staff/meters.tpl", "抄表");
	if (begin(r, &c, v, d) != 1)
		return;
	tmpl_set_int(d, "ESTATE_ID", c.e.id);
	tmpl_set(d, "PERIOD", arena_strndup(r->a, c.period, 7));
	/* Each form records once however often it is sent (once.h). */
	tmpl_set(d, "READING_TOKEN", once_token(r->ctx));
	tmpl_set(d, "UPLOAD_TOKEN", once_token(r->ctx));
	valid_to_tmpl(d, fields, F__MAX, v);
	tmpl_set(d, "PERIOD_VAL", arena_strndup(r->a, c.period, 7));
	for (i = 0; i < c.nitems; i++) {
		row = tmpl_row(d, "ITEM_OPT");
		tmpl_set(row, "CODE", c.items[i].code);
		tmpl_set(row, "NAME", c.items[i].name);
		if (v[F_ITEM].set && strcmp(v[F_ITEM].s, c.items[i].code) == 0)
			tmpl_show(row, "SELECTED");
	}
	if (c.nitems == 0)
		tmpl_show(d, "NO_ITEMS");
	if (show_limits(r, &c, d) < 0)
		return;
	if ((res = db_query(r->ctx, &SQL_METER_BUILDINGS, "i", c.e.id)) == NULL)
		return;
	while ((rc = db_row(res, "is", &id, &building)) == 1) {
		row = tmpl_row(d, "BUILDING_OPT");
		tmpl_set(row, "NAME", building);
		if (v[F_BUILDING].set && strcmp(v[F_BUILDING].s, building) == 0)
			tmpl_show(row, "SELECTED");
	}
	if (rc < 0)
		return;
	if (alert != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", alert);
	}
	for (i = 0; i < nerrors; i++) {
		row = tmpl_row(d, "ROW_ERROR");
		tmpl_set(row, "MESSAGE", errors[i]);
	}
	if (file_err != NULL)
		tmpl_set(d, "FILE_ERR", file_err);
	/* ?saved=N after a save: how many readings it stored. */
	if (valid_one(r, &saved_field, http_query(r, "saved"), &sv) == NULL &&
	    sv.set) {
		tmpl_show(d, "SAVED");
		tmpl_set_int(d, "SAVED_N", sv.i);
	}
	if (db_one(r->ctx, &SQL_METER_COUNT, "is", "i", c.e.id, c.period, &total) != 1)
		return;
	page = v[F_PAGE].set && !v[F_PAGE].err ? v[F_PAGE].i : 1;
	res = db_query(r->ctx, &SQL_METER_LIST, "isii", c.e.id, c.period,
	    (int64_t)PER_PAGE, (page - 1) * PER_PAGE);
	if (res == NULL)
		return;
	while ((rc = db_row(res, "ssssssiissi", &building, &unit, &room, &occ,
	    &item, &uname, &prev, &curr, &src, &at, &billed)) == 1) {
		row = tmpl_row(d, "READING");
		tmpl_set(row, "PREMISES", label_premises(r->a, building, unit,
		    room, occ));
		tmpl_set(row, "ITEM", item);
		tmpl_set(row, "PREV", label_area(r->a, prev));
		tmpl_set(row, "CURR", label_area(r->a, curr));
		tmpl_set(row, "USED", label_area(r->a, curr - prev));
		tmpl_set(row, "UNIT", uname);
		tmpl_set(row, "SOURCE", reading_source_parse(src) ==
		    READING_CSV ? "CSV" : "表单");
		tmpl_set(row, "AT", at);
		if (billed)
			tmpl_show(row, "BILLED");
		else if (curr == prev)	/* a run makes no bill of 0 fen */
			tmpl_show(row, "NO_CHARGE");
	}
	if (rc < 0)
		return;
	page_pager(r, d, arena_printf(r->a, "/staff/meters?estate=%lld&period=%.7s",
	    (long long)c.e.id, c.period), page, PER_PAGE, total);
	page_render(r, status);
}

void
page_meters(struct req *r)
{
	struct fval	 v[F__MAX];
	size_t		 i;

	valid_fields(r, fields, F__MAX, v);
	/* Only the filters count on a GET: the entry fields start empty,
	 * and without a month (the menu's link) the page shows this one. */
	for (i = F_BUILDING; i <= F_CURR; i++)
		v[i].err = NULL;
	if (v[F_PERIOD].set && v[F_PERIOD].err) {
		page_error(r, 400, v[F_PERIOD].err);
		return;
	}
	v[F_PERIOD].err = NULL;
	show(r, v, NULL, NULL, 0, NULL, 200);
}

/*
 * GET /staff/meters/template.csv: the upload's template, to fill in with
 * Excel: UTF-8 with a BOM (so Excel shows the Chinese), the header line
 * and one example row of a real home of the estate and its first meter
 * item. 404 for an estate outside the user's scope.
 */
void
page_meters_template(struct req *r)
{
	struct fval	 v[F__MAX];
	struct mform	 c;
	const char	*building = "3栋", *unit = "2", *room = "301";
	int		 rc;

	valid_fields(r, fields, F__MAX, v);
	if (begin(r, &c, v, NULL) != 1)
		return;
	rc = db_one(r->ctx, &SQL_METER_EXAMPLE, "i", "sss", c.e.id, &building,
	    &unit, &room);
	if (rc < 0)
		return;
	csv_begin(&r->body);
	csv_field(&r->body, "楼栋");
	csv_field(&r->body, "单元");
	csv_field(&r->body, "房号");
	csv_field(&r->body, "项目");
	csv_field(&r->body, "上期读数");
	csv_field(&r->body, "本期读数");
	csv_end_row(&r->body);
	csv_field(&r->body, building);
	csv_field(&r->body, unit);
	csv_field(&r->body, room);
	csv_field(&r->body, c.nitems > 0 ? c.items[0].name : "水费");
	csv_field(&r->body, "1024.50");
	csv_field(&r->body, "1036.00");
	csv_end_row(&r->body);
	http_body_file(r, RESP_CSV, "meter-readings-template.csv", 1);
}

static int
ends_with(const char *s, const char *tail)
{
	size_t	 n = strlen(s), t = strlen(tail);

	return n > t && strcmp(s + n - t, tail) == 0;
}

/*
 * Why a row names no home, when it is how it was written (issue 8):
 * "3" for the building "3栋", "2单元" for the unit "2", "301室" for the
 * room "301". Returns "（...）" to add to the message, or "".
 */
static const char *
premises_hint(struct req *r, const struct mform *c, const char *building,
    const char *unit, const char *room)
{
	const char	*full;
	int64_t		 n;

	if (db_one(r->ctx, &SQL_METER_BUILDING, "is", "i", c->e.id, building,
	    &n) != 1)
		return "";
	if (n == 0) {
		full = arena_printf(r->a, "%s栋", building);
		if (db_one(r->ctx, &SQL_METER_BUILDING, "is", "i", c->e.id, full,
		    &n) != 1)
			return "";
		if (n > 0)
			return arena_printf(r->a, "（楼栋请写完整，例如“%s”）",
			    full);
		return arena_printf(r->a, "（本小区没有“%s”这个楼栋）",
		    building);
	}
	if (ends_with(unit, "单元"))
		return "（单元只写数字，例如“2”，不写“单元”）";
	if (ends_with(room, "室"))
		return "（房号只写数字，例如“301”，不写“室”）";
	return "";
}

/*
 * Checks one reading against the database: the premises, the item, no
 * reading yet this period. Returns NULL (fine) or the reason, and sets
 * *premises and *item, and *field to the form's field the reason belongs
 * beside (F_ITEM, F_CURR, F_PREV when last month ended elsewhere,
 * F_ROOM for the address) or -1 (the page's: a
 * reading entered already).
 */
static const char *
check_reading(struct req *r, const struct mform *c, const char *building,
    const char *unit, const char *room, const char *item_s, int64_t prev,
    int64_t curr, int64_t *premises, const struct item **item, int *field)
{
	const char	*last;
	int64_t		 n;
	int		 rc;

	*field = F_ITEM;
	if ((*item = find_item(c, item_s)) == NULL)
		return arena_printf(r->a, "没有“%s”这个计量收费项目", item_s);
	*field = F_CURR;
	if (curr < prev)
		return "本期读数小于上期读数";
	/* A usage no home or shop registers in a month: a typing slip. */
	if (curr - prev > (*item)->cap)
		return arena_printf(r->a, "用量 %s %s，超过%s每月上限 %s %s，"
		    "请核对读数（上限在“收费标准”中设定）",
		    label_area(r->a, curr - prev), (*item)->unit,
		    (*item)->name, label_units(r->a, (*item)->cap), (*item)->unit);
	*field = F_ROOM;
	rc = db_one(r->ctx, &SQL_METER_PREMISES, "isss", "i", c->e.id, building,
	    unit, room, premises);
	if (rc < 0)
		return NULL;
	if (rc == 0)
		return arena_printf(r->a, "找不到房屋 %s %s %s%s", building,
		    unit, room, premises_hint(r, c, building, unit, room));
	*field = -1;
	if (db_one(r->ctx, &SQL_METER_EXISTS, "iis", "i", *premises, (*item)->id,
	    c->period, &n) != 1)
		return NULL;
	if (n > 0)
		return "这户本月已有该项读数";
	/* A meter runs on: this month starts where the last one ended. */
	if ((rc = db_one(r->ctx, &SQL_METER_BEFORE, "iis", "is", *premises,
	    (*item)->id, c->period, &n, &last)) < 0)
		return NULL;
	if (rc == 1 && n != prev) {
		*field = F_PREV;
		return arena_printf(r->a, "上期读数应为 %s（%s的本期读数），"
		    "请核对", label_area(r->a, n), label_period(r->a, last, 1));
	}
	return NULL;
}

/* 303 to the month's readings, saying how many were saved. */
static void
saved(struct req *r, const struct mform *c, int64_t n)
{
	http_redirect(r, arena_printf(r->a,
	    "/staff/meters?estate=%lld&period=%.7s&saved=%lld",
	    (long long)c->e.id, c->period, (long long)n));
}

#define READING_TAKEN	2	/* entered meanwhile: 409 */

struct one_tx {
	const struct mform	*c;
	const struct fval	*v;
	int64_t			 premises;
	const struct item	*item;
};

static int
one_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct one_tx		*t = arg;
	const struct fval	*v = t->v;
	int64_t			 rc;

	rc = db_exec_unique(ctx, &SQL_METER_INSERT, "iiisiisi", t->c->e.id,
	    t->premises, t->item->id, t->c->period, v[F_PREV].i, v[F_CURR].i,
	    "form", ctx->actor.id);
	if (rc == DB_DUPLICATE)
		return READING_TAKEN;
	if (rc < 0)
		return -1;
	*made = db_insert_id(ctx);
	return audit(ctx, t->c->e.id, "meter.reading", "premises", t->premises,
	    DB_NULL, arena_printf(ctx->a, "%s %s: %s -> %s", t->c->period,
	    t->item->code, v[F_PREV].s, v[F_CURR].s)) < 0 ? -1 : 0;
}

void
page_meters_post(struct req *r)
{
	struct fval		 v[F__MAX];
	struct mform		 c;
	const struct item	*item;
	const char		*why;
	struct fval		 tv;
	struct one_tx		 t;
	int64_t			 premises, made;
	int			 errs, rc, field;

	errs = valid_fields(r, fields, F__MAX, v);
	if ((rc = begin(r, &c, v, NULL)) != 1)
		return;
	if (valid_one(r, token_field, http_form(r, "form_token"), &tv)) {
		show(r, v, tv.err, NULL, 0, NULL, 400);
		return;
	}
	if ((why = period_problem(r, &c, v, &rc)) != NULL || rc) {
		if (!rc)
			show(r, v, why, NULL, 0, NULL, 400);
		return;
	}
	if (errs) {
		show(r, v, "请按提示修改后再提交。", NULL, 0, NULL, 400);
		return;
	}
	/* Sent before (Back, then again): the answer the first one got. */
	if ((rc = once_seen(r->ctx, tv.s, "meter.reading", c.e.id, &made)) != 0) {
		if (rc > 0)
			saved(r, &c, 1);
		return;
	}
	why = check_reading(r, &c, v[F_BUILDING].s, v[F_UNIT].s, v[F_ROOM].s,
	    v[F_ITEM].s, v[F_PREV].i, v[F_CURR].i, &premises, &item, &field);
	if (r->ctx->db_failed)
		return;
	/* Beside its field (本期读数 for one less than the last), or on
	 * top when it is about the month's readings. */
	if (why != NULL && field >= 0) {
		v[field].err = why;
		show(r, v, NULL, NULL, 0, NULL, 400);
		return;
	}
	if (why != NULL) {
		show(r, v, why, NULL, 0, NULL, 409);
		return;
	}
	t.c = &c;
	t.v = v;
	t.premises = premises;
	t.item = item;
	if ((rc = once_tx(r->ctx, tv.s, "meter.reading", c.e.id, c.e.id, one_tx,
	    &t, &made)) < 0)
		return;
	if (rc == ONCE_SEEN && made == 0) {
		show(r, v, ONCE_USED_MSG, NULL, 0, NULL, 409);
		return;
	}
	if (rc == READING_TAKEN) {
		show(r, v, "这户本月已有该项读数", NULL, 0, NULL, 409);
		return;
	}
	saved(r, &c, 1);
}


struct reading {
	int64_t		 premises, item, prev, curr;
};

struct upload_tx {
	struct mform		*c;
	struct reading		*rows;
	size_t			 n;
	enum csv_enc		 enc;
};

/* Saves every reading of the file; what it "made" is their number. */
static int
upload_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct upload_tx	*t = arg;
	size_t			 i;
	int64_t			 rc;

	for (i = 0; i < t->n; i++) {
		rc = db_exec_unique(ctx, &SQL_METER_INSERT, "iiisiisi",
		    t->c->e.id, t->rows[i].premises, t->rows[i].item,
		    t->c->period, t->rows[i].prev, t->rows[i].curr, "csv",
		    ctx->actor.id);
		if (rc == DB_DUPLICATE)
			return READING_TAKEN;	/* entered meanwhile */
		if (rc < 0)
			return -1;
	}
	*made = (int64_t)t->n;
	return audit(ctx, t->c->e.id, "meter.upload", "estate", t->c->e.id,
	    DB_NULL, arena_printf(ctx->a, "%s: %zu readings (%s)", t->c->period,
	    t->n, t->enc == CSV_GB18030 ? "GB18030" : "UTF-8"));
}

#define FILE_ALERT	"CSV 文件没有导入，请看“上传 CSV”处的提示。"

void
page_meters_upload(struct req *r)
{
	struct fval		 v[F__MAX];
	struct mform		 c;
	struct csv_row		*rows;
	struct reading		*ok;
	struct upload_tx	 t;
	const struct kv		*file;
	const struct item	*item;
	const char		*err, *why, **msgs;
	enum csv_enc		 enc;
	struct fval		 pv, cv, tv;
	int64_t			 premises, made;
	size_t			 nok = 0, nmsg = 0, nbad = 0, i, j;
	int			 n, rc, first, field;

	valid_fields(r, fields, F__MAX, v);
	for (i = F_BUILDING; i <= F_CURR; i++)
		v[i].err = NULL;
	if (v[F_PERIOD].err || !v[F_PERIOD].set) {
		page_error(r, 400, v[F_PERIOD].err ? v[F_PERIOD].err :
		    "请选择抄表月份。");
		return;
	}
	if ((rc = begin(r, &c, v, NULL)) != 1)
		return;
	if (valid_one(r, token_field, http_form(r, "form_token"), &tv)) {
		show(r, v, FILE_ALERT, NULL, 0, tv.err, 400);
		return;
	}
	if ((why = period_problem(r, &c, v, &rc)) != NULL || rc) {
		if (!rc)
			show(r, v, why, NULL, 0, NULL, 400);
		return;
	}
	/* Sent before (Back, then again): the answer the first one got. */
	if ((rc = once_seen(r->ctx, tv.s, "meter.upload", c.e.id, &made)) != 0) {
		if (rc > 0)
			saved(r, &c, made);
		return;
	}
	file = http_file(r, "file");
	if (file == NULL || file->len == 0) {
		show(r, v, FILE_ALERT, NULL, 0, "请选择要上传的 CSV 文件。", 400);
		return;
	}
	/* The one reader of uploads (csv_read): the import's too. */
	if ((n = csv_read(r->a, file->val, file->len, NCOLS, &rows, &enc,
	    &err)) < 0) {
		show(r, v, FILE_ALERT, NULL, 0, err, n == CSV_READ_ENC ? 400 :
		    422);
		return;
	}
	/*
	 * The first row is the header (楼栋,单元,房号,项目,上期读数,本期读数)
	 * unless it reads as a reading: both readings numbers. A file saved
	 * without its header loses no reading.
	 */
	first = 1;
	if (n > 0 && rows[0].n == NCOLS &&
	    valid_one(r, &fields[F_PREV], rows[0].f[4], &pv) == NULL &&
	    valid_one(r, &fields[F_CURR], rows[0].f[5], &cv) == NULL)
		first = 0;
	if (n - first < 1) {
		show(r, v, FILE_ALERT, NULL, 0, "文件中没有读数（第一行应为表头："
		    "楼栋,单元,房号,项目,上期读数,本期读数）。", 422);
		return;
	}
	if (n - first > MAX_ROWS) {
		show(r, v, FILE_ALERT, NULL, 0, "一次最多上传 20000 行。", 422);
		return;
	}
	ok = arena_alloc(r->a, (size_t)n * sizeof(*ok));
	msgs = arena_alloc(r->a, MAX_ERRORS * sizeof(*msgs));
	for (i = (size_t)first; i < (size_t)n; i++) {
		struct csv_row *cr = &rows[i];

		why = NULL;
		if (cr->n != NCOLS)
			why = arena_printf(r->a, "应有 %d 列，这一行有 %zu 列",
			    NCOLS, cr->n);
		else if (valid_one(r, &fields[F_PREV], cr->f[4], &pv) != NULL)
			why = pv.err;
		else if (valid_one(r, &fields[F_CURR], cr->f[5], &cv) != NULL)
			why = cv.err;
		else
			why = check_reading(r, &c, cr->f[0], cr->f[1],
			    cr->f[2], cr->f[3], pv.i, cv.i, &premises, &item,
			    &field);
		if (r->ctx->db_failed)
			return;
		if (why == NULL) {
			for (j = 0; j < nok; j++)
				if (ok[j].premises == premises &&
				    ok[j].item == item->id) {
					why = "与前面的行重复";
					break;
				}
		}
		if (why != NULL) {
			if (nmsg < MAX_ERRORS)
				msgs[nmsg++] = arena_printf(r->a,
				    "第 %d 行：%s", cr->line, why);
			nbad++;
			continue;
		}
		ok[nok].premises = premises;
		ok[nok].item = item->id;
		ok[nok].prev = pv.i;
		ok[nok].curr = cv.i;
		nok++;
	}
	if (nbad > 0) {
		show(r, v, arena_printf(r->a, "文件中有 %zu 行有误%s，整个文件"
		    "都没有导入。请改正后重新上传。", nbad, nbad > nmsg ?
		    arena_printf(r->a, "（下面列出前 %zu 行）", nmsg) : ""),
		    msgs, nmsg, NULL, 422);
		return;
	}
	t.c = &c;
	t.rows = ok;
	t.n = nok;
	t.enc = enc;
	if ((rc = once_tx(r->ctx, tv.s, "meter.upload", c.e.id, c.e.id, upload_tx,
	    &t, &made)) < 0)
		return;
	if (rc == ONCE_SEEN && made == 0) {
		show(r, v, ONCE_USED_MSG, NULL, 0, NULL, 409);
		return;
	}
	if (rc == READING_TAKEN) {
		show(r, v, "上传期间有人录入了相同的读数，整个文件都没有导入，"
		    "请刷新后重试。", NULL, 0, NULL, 409);
		return;
	}
	saved(r, &c, made);
}
