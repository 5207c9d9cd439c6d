/*
 * custody.c - 空置房托管: a vacant household's custody agreement (issue
 * 13, core/custody.h), from the household's page.
 *
 *   GET  /staff/households/#/custody   the agreement: its fee, start
 *        month, tasks with their schedules and next due days, whether it
 *        is suspended for arrears (已暂停（欠费 N 个月）) and its task log
 *        with photos; without one, to a team lead or manager, the form
 *        that makes it (a vacant household only)
 *   POST /staff/households/#/custody   makes it: the start month (this
 *        month to 12 months ahead; a month a billing run has already
 *        passed is billed with the agreement, as the run would have:
 *        core/billing.h billing_agreement_now), the monthly fee, the
 *        tasks each with its schedule; 303
 *        to the page; 400 with the message by each field, nothing made;
 *        409 when the household has one already, is not vacant or the
 *        estate has no fee item billed by agreement
 *
 * Another estate's household is 404. Who may: the route table (pages.h
 * ROLES_CUSTODY_*). Renders templates/staff/custody.tpl.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "custody.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "money.h"
#include "occupancy.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

#define LOGS_SHOWN	30

SQL_DEF(SQL_CU_AGREEMENT,
    "SELECT a.id, DATE_FORMAT(a.start_period, '%Y-%m-%d'), a.fee_fen, a.note,"
    " DATE_FORMAT(a.created_at, '%Y-%m-%d'), s.name, fi.name"
    " FROM custody_agreements a JOIN staff s ON s.id = a.created_by"
    " JOIN fee_items fi ON fi.id = a.fee_item_id WHERE a.premises_id = ?");

/* The estate's fee item billed by agreement, and its rate for vacant
 * homes (the form's suggested fee; 0 none). */
SQL_DEF(SQL_CU_ITEM,
    "SELECT fi.id, fi.name, COALESCE((SELECT r.rate_fen FROM fee_rates r"
    "  WHERE r.fee_item_id = fi.id AND r.occupancy = 'vacant'"
    "  ORDER BY r.from_period DESC, r.id DESC LIMIT 1), 0)"
    " FROM fee_items fi WHERE fi.estate_id = ? AND fi.basis = 'agreement'"
    " ORDER BY fi.sort, fi.id LIMIT 1");

SQL_DEF(SQL_CU_TASKS,
    "SELECT t.id, t.kind, t.schedule, t.every_days,"
    " COALESCE(DATE_FORMAT((SELECT MAX(l.done_on) FROM custody_logs l"
    "  WHERE l.task_id = t.id), '%Y-%m-%d'), '')"
    " FROM custody_tasks t WHERE t.agreement_id = ? ORDER BY t.kind");

SQL_DEF(SQL_CU_LOGS,
    "SELECT l.id, t.kind, DATE_FORMAT(l.done_on, '%Y-%m-%d'), l.note, s.name,"
    " DATE_FORMAT(l.created_at, '%Y-%m-%d %H:%i')"
    " FROM custody_logs l JOIN custody_tasks t ON t.id = l.task_id"
    " JOIN staff s ON s.id = l.logged_by WHERE l.agreement_id = ?"
    " ORDER BY l.done_on DESC, l.id DESC LIMIT ?");

SQL_DEF(SQL_CU_LOG_PHOTOS,
    "SELECT id FROM custody_log_photos WHERE log_id = ? ORDER BY id");

static const char *const on_choices[] = { "1", NULL };

/* The form: start, fee, note, then per kind: on, schedule, every. */
enum { F_START, F_FEE, F_NOTE, F_TOKEN, F__BASE };
#define F_ON(k)		(F__BASE + 3 * (k))
#define F_SCHED(k)	(F__BASE + 3 * (k) + 1)
#define F_EVERY(k)	(F__BASE + 3 * (k) + 2)
#define F__MAX		(F__BASE + 3 * CUSTODY_KIND__MAX)

static const struct field fields[F__MAX] = {
	{ "start", "起始月份", V_MONTH, V_REQUIRED, 0, 0, NULL },
	{ "fee", "每月托管费（元）", V_MONEY, V_REQUIRED, 1, 10000000, NULL },
	{ "note", "备注", V_TEXT, 0, 0, CUSTODY_NOTE_MAX, NULL },
	ONCE_FIELD,
	{ "on_airing", "开窗通风", V_CHOICE, 0, 0, 0, on_choices },
	{ "sched_airing", "开窗通风的频次", V_CHOICE, 0, 0, 0,
	    custody_schedule_choices },
	{ "every_airing", "开窗通风：每几天", V_INT, 0, 1, CUSTODY_EVERY_MAX,
	    NULL },
	{ "on_parcels", "代收快递", V_CHOICE, 0, 0, 0, on_choices },
	{ "sched_parcels", "代收快递的频次", V_CHOICE, 0, 0, 0,
	    custody_schedule_choices },
	{ "every_parcels", "代收快递：每几天", V_INT, 0, 1, CUSTODY_EVERY_MAX,
	    NULL },
	{ "on_inspection", "巡查", V_CHOICE, 0, 0, 0, on_choices },
	{ "sched_inspection", "巡查的频次", V_CHOICE, 0, 0, 0,
	    custody_schedule_choices },
	{ "every_inspection", "巡查：每几天", V_INT, 0, 1, CUSTODY_EVERY_MAX,
	    NULL },
	{ "on_meter", "抄表", V_CHOICE, 0, 0, 0, on_choices },
	{ "sched_meter", "抄表的频次", V_CHOICE, 0, 0, 0,
	    custody_schedule_choices },
	{ "every_meter", "抄表：每几天", V_INT, 0, 1, CUSTODY_EVERY_MAX, NULL },
};

/* What a new agreement's form suggests for each task. */
static const struct {
	enum custody_schedule	 sched;
	int			 every;
} suggest[CUSTODY_KIND__MAX] = {
	{ CUSTODY_DAYS, 3 },		/* airing every 3 days */
	{ CUSTODY_DAYS, 1 },		/* parcels: daily */
	{ CUSTODY_WEEKLY, 7 },		/* inspection weekly */
	{ CUSTODY_MONTHLY, 0 },		/* meters monthly */
};

/* The agreement's tasks into d (TASK rows), with each one's next due. */
static int
tasks(struct req *r, struct tmpl *d, int64_t agreement, struct date first)
{
	struct db_res	*res;
	struct tmpl	*row;
	struct date	 last, next, today = cal_today();
	const char	*kind, *sched, *done;
	char		 day[11];
	int64_t		 id, every;
	enum custody_kind k;
	int		 rc;

	if ((res = db_query(r->ctx, &SQL_CU_TASKS, "i", agreement)) == NULL)
		return -1;
	while ((rc = db_row(res, "issis", &id, &kind, &sched, &every,
	    &done)) == 1) {
		row = tmpl_row(d, "TASK");
		k = custody_kind_parse(kind);
		tmpl_set_int(row, "TASK_ID", id);
		/* shown in the row, so that its link sees the row's TASK_ID
		 * (shown on the page, the section's TASK_ID was empty: 404) */
		if (http_may(r, METHOD_GET, "/custody/tasks/#"))
			tmpl_show(row, "CAN_LOG");
		tmpl_set(row, "KIND", kind);
		tmpl_set(row, "KIND_LABEL", k < CUSTODY_KIND__MAX ?
		    custody_kind_labels[k] : kind);
		tmpl_set(row, "SCHEDULE", custody_schedule_words(r->a, sched,
		    every));
		if (*done != '\0' && cal_parse(done, &last) == 0) {
			tmpl_set(row, "LAST", label_date(r->a, done));
			next = custody_next_due(custody_schedule_parse(sched),
			    every, first, &last);
		} else {
			tmpl_set(row, "LAST", "还没有");
			next = custody_next_due(custody_schedule_parse(sched),
			    every, first, NULL);
		}
		tmpl_set(row, "NEXT", label_date(r->a, cal_fmt(day, next)));
		if (cal_cmp(next, today) <= 0)
			tmpl_show(row, "DUE_NOW");
	}
	return rc < 0 ? -1 : 0;
}

/* The agreement's log into d (LOG rows, each with its PHOTO rows). */
static int
logs(struct req *r, struct tmpl *d, int64_t agreement)
{
	struct db_res	*res;
	struct tmpl	*row, *ph;
	const char	*kind, *day, *note, *by, *at;
	int64_t		*ids, id, *photos;
	struct tmpl	**rows;
	size_t		 n = 0, np, i, j;
	enum custody_kind k;
	int		 rc;

	res = db_query(r->ctx, &SQL_CU_LOGS, "ii", agreement,
	    (int64_t)LOGS_SHOWN);
	if (res == NULL)
		return -1;
	ids = arena_alloc(r->a, LOGS_SHOWN * sizeof(*ids));
	rows = arena_alloc(r->a, LOGS_SHOWN * sizeof(*rows));
	while ((rc = db_row(res, "isssss", &id, &kind, &day, &note, &by,
	    &at)) == 1 && n < LOGS_SHOWN) {
		row = tmpl_row(d, "LOG");
		k = custody_kind_parse(kind);
		tmpl_set_int(row, "LOG_ID", id);
		tmpl_set(row, "KIND_LABEL", k < CUSTODY_KIND__MAX ?
		    custody_kind_labels[k] : kind);
		tmpl_set(row, "DAY", label_date(r->a, day));
		tmpl_set(row, "BY", by);
		tmpl_set(row, "AT", at);
		if (*note != '\0') {
			tmpl_show(row, "HAS_NOTE");
			tmpl_set(row, "NOTE", note);
		}
		ids[n] = id;
		rows[n++] = row;
	}
	if (rc < 0)
		return -1;
	if (n == 0)
		tmpl_show(d, "NO_LOGS");
	for (i = 0; i < n; i++) {
		if (db_ints(r->ctx, &SQL_CU_LOG_PHOTOS, &photos, &np, "i",
		    ids[i]) < 0)
			return -1;
		for (j = 0; j < np; j++) {
			ph = tmpl_row(rows[i], "PHOTO");
			tmpl_set(ph, "URL", arena_printf(r->a,
			    "/staff/custody/logs/%lld/photos/%lld",
			    (long long)ids[i], (long long)photos[j]));
			tmpl_set(ph, "THUMB", arena_printf(r->a,
			    "/staff/custody/logs/%lld/photos/%lld/thumb",
			    (long long)ids[i], (long long)photos[j]));
		}
	}
	return 0;
}

/* The first day an agreement's tasks are due: its start month's first
 * day, or the day it was made when later. */
static struct date
first_day(const char *start, const char *made)
{
	struct date	 a, b;

	if (cal_parse(start, &a) < 0)
		a = cal_today();
	if (cal_parse(made, &b) == 0 && cal_cmp(b, a) > 0)
		return b;
	return a;
}

/*
 * The page of household h: its agreement, or the form (v NULL: as
 * suggested; else as sent, with alert over it).
 */
static void
show(struct req *r, const struct household *h, const struct fval *v,
    const char *alert, int status)
{
	struct tmpl		*d, *row;
	struct custody_state	 st;
	struct date		 today = cal_today();
	const char		*start, *note, *made, *by, *item, *iname;
	char			 amt[MONEY_FMT_MAX], month[8];
	int64_t			 id, fee, item_id, rate;
	int			 rc, k, sched;

	d = page_new(r, "staff/custody.tpl", arena_printf(r->a, "空置房托管 · %s",
	    h->label));
	tmpl_set_int(d, "ID", h->id);
	tmpl_set_int(d, "ESTATE_ID", h->estate_id);
	tmpl_set(d, "LABEL", h->label);
	tmpl_set(d, "ESTATE", h->estate);
	tmpl_set(d, "OCCUPANCY", label_occupancy(h->occupancy));
	if (alert != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", alert);
	}
	rc = db_one(r->ctx, &SQL_CU_AGREEMENT, "i", "isissss", h->id, &id,
	    &start, &fee, &note, &made, &by, &item);
	if (rc < 0)
		return;
	if (rc == 1) {
		tmpl_show(d, "AGREEMENT");
		tmpl_set_int(d, "AGREEMENT_ID", id);
		tmpl_set(d, "START", label_period(r->a, start, 1));
		page_money(d, "FEE", fee);
		tmpl_set(d, "ITEM", item);
		tmpl_set(d, "MADE", label_date(r->a, made));
		tmpl_set(d, "MADE_BY", by);
		if (*note != '\0') {
			tmpl_show(d, "HAS_AGREEMENT_NOTE");
			tmpl_set(d, "AGREEMENT_NOTE", note);
		}
		if (custody_state(r->ctx, h->estate_id, h->id, today, &st) < 0)
			return;
		tmpl_set(d, "STATE", custody_state_words(r->a, &st));
		tmpl_set_int(d, "LIMIT", st.limit);
		tmpl_show(d, st.suspended ? "SUSPENDED" : "RUNNING");
		if (tasks(r, d, id, first_day(start, made)) < 0 ||
		    logs(r, d, id) < 0)
			return;
		page_render(r, status);
		return;
	}
	tmpl_show(d, "NO_AGREEMENT");
	if (!http_may(r, METHOD_POST, "/households/#/custody")) {
		page_render(r, status);
		return;
	}
	if (occupancy_parse(h->occupancy) != OCC_VACANT) {
		tmpl_show(d, "NOT_VACANT");
		page_render(r, status);
		return;
	}
	rc = db_one(r->ctx, &SQL_CU_ITEM, "i", "isi", h->estate_id, &item_id,
	    &iname, &rate);
	if (rc < 0)
		return;
	if (rc == 0) {
		tmpl_show(d, "NO_ITEM");
		page_render(r, status);
		return;
	}
	tmpl_show(d, "FORM");
	tmpl_set(d, "ITEM", iname);
	tmpl_set(d, "FORM_TOKEN_VAL", once_token(r->ctx));
	snprintf(month, sizeof(month), "%04d-%02d", today.y, today.m);
	tmpl_set(d, "THIS_MONTH", month);
	if (v != NULL) {
		valid_to_tmpl(d, fields, F__MAX, v);
		tmpl_show(d, "HAS_ERRORS");
	} else {
		tmpl_set(d, "START_VAL", month);
		if (rate > 0)
			tmpl_set(d, "FEE_VAL", money_fmt_plain(amt, rate));
	}
	for (k = 0; k < CUSTODY_KIND__MAX; k++) {
		row = tmpl_row(d, "KIND");
		tmpl_set(row, "KEY", custody_kind_codes[k]);
		tmpl_set(row, "LABEL", custody_kind_labels[k]);
		if (v == NULL || (v[F_ON(k)].set && !v[F_ON(k)].err))
			tmpl_show(row, "ON");
		sched = v != NULL && v[F_SCHED(k)].set && !v[F_SCHED(k)].err ?
		    (int)v[F_SCHED(k)].i : (int)suggest[k].sched;
		tmpl_show(row, sched == CUSTODY_DAYS ? "SCHED_DAYS" :
		    sched == CUSTODY_WEEKLY ? "SCHED_WEEKLY" : "SCHED_MONTHLY");
		if (v != NULL && v[F_EVERY(k)].set)
			tmpl_set(row, "EVERY", v[F_EVERY(k)].s);
		else
			tmpl_set_int(row, "EVERY", suggest[k].every > 0 ?
			    suggest[k].every : 7);
		if (v != NULL) {
			if (v[F_SCHED(k)].err != NULL)
				tmpl_set(row, "KIND_ERR", v[F_SCHED(k)].err);
			else if (v[F_EVERY(k)].err != NULL)
				tmpl_set(row, "KIND_ERR", v[F_EVERY(k)].err);
		}
	}
	page_render(r, status);
}

/* Household r->ids[0] in the user's estates: 1; 0 after a 404; -1. */
static int
household(struct req *r, struct household *h)
{
	int	 rc = scope_household(r, r->ids[0], h);

	if (rc == 0)
		page_error(r, 404, NULL);
	return rc;
}

void
page_custody(struct req *r)
{
	struct household	 h;

	if (household(r, &h) != 1)
		return;
	show(r, &h, NULL, NULL, 200);
}

struct create_tx {
	struct custody_in	 in;
};

static int
create_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct create_tx	*t = arg;

	return custody_create(ctx, &t->in, made);
}

void
page_custody_post(struct req *r)
{
	struct fval		 v[F__MAX];
	struct household	 h;
	struct create_tx	 t;
	struct date		 today = cal_today(), start;
	const char		*iname;
	int64_t			 id, month_now, rate;
	int			 errs, rc, k, chosen = 0;

	if (household(r, &h) != 1)
		return;
	errs = valid_fields(r, fields, F__MAX, v);
	if (occupancy_parse(h.occupancy) != OCC_VACANT) {
		show(r, &h, NULL, "只有空置房可以签订托管协议。", 409);
		return;
	}
	memset(&t, 0, sizeof(t));
	rc = db_one(r->ctx, &SQL_CU_ITEM, "i", "isi", h.estate_id,
	    &t.in.fee_item_id, &iname, &rate);
	if (rc < 0)
		return;
	if (rc == 0) {
		show(r, &h, NULL, "本小区还没有“按协议”计费的收费项目，"
		    "请经理先在收费标准中添加。", 409);
		return;
	}
	/* from this month on (this month, if its run is done, is billed
	 * with the agreement) */
	month_now = (int64_t)today.y * 12 + today.m - 1;
	if (v[F_START].set && !v[F_START].err) {
		if (v[F_START].i < month_now) {
			v[F_START].err = "起始月份不能早于本月";
			errs++;
		} else if (v[F_START].i > month_now + 12) {
			v[F_START].err = "起始月份最多在 12 个月以后";
			errs++;
		}
	}
	for (k = 0; k < CUSTODY_KIND__MAX; k++) {
		/* "every N days" of a task not chosen, or not scheduled so,
		 * is not read: its value is no error */
		if (v[F_EVERY(k)].err != NULL && (!v[F_ON(k)].set ||
		    (v[F_SCHED(k)].set && v[F_SCHED(k)].err == NULL &&
		    v[F_SCHED(k)].i != CUSTODY_DAYS))) {
			v[F_EVERY(k)].err = NULL;
			errs--;
		}
		if (!v[F_ON(k)].set || v[F_ON(k)].err != NULL)
			continue;
		chosen++;
		if (!v[F_SCHED(k)].set && v[F_SCHED(k)].err == NULL) {
			v[F_SCHED(k)].err = "请选择频次";
			errs++;
			continue;
		}
		if (v[F_SCHED(k)].err != NULL)
			continue;
		if (v[F_SCHED(k)].i == CUSTODY_DAYS && !v[F_EVERY(k)].set &&
		    v[F_EVERY(k)].err == NULL) {
			v[F_EVERY(k)].err = "请填写每几天一次（1 至 90）";
			errs++;
		}
		if (v[F_SCHED(k)].i == CUSTODY_DAYS && v[F_EVERY(k)].err)
			continue;
		t.in.tasks[t.in.ntasks].kind = (enum custody_kind)k;
		t.in.tasks[t.in.ntasks].schedule =
		    (enum custody_schedule)v[F_SCHED(k)].i;
		t.in.tasks[t.in.ntasks++].every_days = v[F_EVERY(k)].i;
	}
	if (chosen == 0 && errs == 0) {
		v[F_ON(0)].err = "请至少选择一项托管服务";
		errs++;
	}
	if (errs) {
		/* a task chosen with a wrong schedule is told by its field */
		show(r, &h, v, chosen == 0 ? "请至少选择一项托管服务。" : NULL,
		    400);
		return;
	}
	start = cal_from_month(v[F_START].i);
	t.in.estate_id = h.estate_id;
	t.in.premises_id = h.id;
	t.in.start = start;
	t.in.fee_fen = v[F_FEE].i;
	t.in.note = v[F_NOTE].s;
	rc = once_tx(r->ctx, v[F_TOKEN].s, "custody.create", h.id, h.estate_id,
	    create_tx, &t, &id);
	if (rc < 0)
		return;
	if (rc == CUSTODY_EXISTS) {
		show(r, &h, NULL, "这户已经签订了托管协议。", 409);
		return;
	}
	if (rc == ONCE_SEEN && id == 0) {
		show(r, &h, NULL, ONCE_USED_MSG, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/households/%lld/custody",
	    (long long)h.id));
}
