/*
 * custodytasks.c - 托管任务: the custody tasks (issue 13, core/custody.h)
 * for those who do them, and logging one done.
 *
 *   GET  /staff/custody[?estate=&all=1]   the estate's tasks due today
 *        or overdue (all=1: every task), oldest due first, each with its
 *        household, schedule, last done and whether its agreement is
 *        suspended for arrears (已暂停（欠费 N 个月）); a collector sees
 *        the households assigned to them
 *   GET  /staff/custody/tasks/#          the form: the day (today unless
 *        said, at most 7 days back), a note, up to 6 photos; a suspended
 *        agreement's task says why instead
 *   POST /staff/custody/tasks/#          logs it (multipart): 303 to the
 *        household's custody page; 400 with the message by each field,
 *        nothing kept; 409 when the agreement is suspended (the reason
 *        said, nothing kept) or the form was used for another log; the
 *        same form twice is one log; the owners are told (outbox)
 *   GET  /staff/custody/logs/#/photos/#[/thumb]   a log's photo
 *
 * Another estate's task, log or photo is 404, and so is a household not
 * assigned to the collector asking. Who may: the route table (pages.h
 * ROLES_CUSTODY_DO). Photos are taken as a service log's are
 * (web/rqphoto.h). Renders templates/staff/custody_tasks.tpl and
 * custody_task.tpl.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "custody.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "role.h"
#include "rqphoto.h"
#include "tmpl.h"
#include "valid.h"

/* How far back a task may be dated: a week's round logged late. */
#define BACK_DAYS	7
#define TASKS_MAX	2000

/* Every task of the estate's agreements (param collector: 0 all). */
#define CT_COLS \
    "SELECT t.id, t.kind, t.schedule, t.every_days," \
    " COALESCE(DATE_FORMAT((SELECT MAX(l.done_on) FROM custody_logs l" \
    "  WHERE l.task_id = t.id), '%Y-%m-%d'), '')," \
    " a.id, a.premises_id, a.estate_id," \
    " DATE_FORMAT(a.start_period, '%Y-%m-%d')," \
    " DATE_FORMAT(a.created_at, '%Y-%m-%d'), b.name, p.unit, p.room," \
    " p.occupancy" \
    " FROM custody_tasks t" \
    " JOIN custody_agreements a ON a.id = t.agreement_id" \
    " JOIN premises p ON p.id = a.premises_id" \
    " JOIN buildings b ON b.id = p.building_id"

SQL_DEF(SQL_CT_LIST,
    CT_COLS " WHERE a.estate_id = ? AND (? = 0 OR EXISTS (SELECT 1"
    "  FROM assignments s WHERE s.premises_id = a.premises_id"
    "  AND s.collector_id = ?))"
    " ORDER BY b.sort, b.name, p.unit, p.room, t.kind LIMIT ?");

SQL_DEF(SQL_CT_ONE, CT_COLS " WHERE t.id = ?");

SQL_DEF(SQL_CT_LOG_GET,
    "SELECT l.estate_id, a.premises_id FROM custody_logs l"
    " JOIN custody_agreements a ON a.id = l.agreement_id WHERE l.id = ?");

SQL_DEF(SQL_CT_PHOTO_KEY,
    "SELECT file_key FROM custody_log_photos WHERE id = ? AND log_id = ?");

/* One task as the list and the form show it. */
struct task {
	int64_t			 id, every, agreement, premises, estate;
	const char		*kind, *sched, *last, *start, *made;
	const char		*label;		/* the household */
	struct date		 next;
};

/* t's household label and next due day, once its row is read. */
static void
task_fill(struct req *r, struct task *t, const char **w)
{
	struct date	 first, made, last;

	t->label = label_premises(r->a, w[0], w[1], w[2], w[3]);
	if (cal_parse(t->start, &first) < 0)
		first = cal_today();
	if (cal_parse(t->made, &made) == 0 && cal_cmp(made, first) > 0)
		first = made;
	t->next = custody_next_due(custody_schedule_parse(t->sched), t->every,
	    first, *t->last != '\0' && cal_parse(t->last, &last) == 0 ?
	    &last : NULL);
}

static const char *
kind_label(const char *kind)
{
	enum custody_kind	 k = custody_kind_parse(kind);

	return k < CUSTODY_KIND__MAX ? custody_kind_labels[k] : kind;
}

static const char *const all_choices[] = { "1", NULL };

static const struct field list_fields[] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "all", "范围", V_CHOICE, 0, 0, 0, all_choices },
};

/* Orders the list: oldest due first, then by household. */
static int
task_cmp(const void *a, const void *b)
{
	const struct task *x = a, *y = b;

	return cal_cmp(x->next, y->next);
}

void
page_custody_tasks(struct req *r)
{
	struct fval		 v[2];
	struct tmpl		*d, *row;
	struct db_res		*res;
	struct estate		 e;
	struct task		*t;
	struct custody_state	 st;
	struct date		 today = cal_today();
	const char		*w[4];
	int64_t			 collector, cached = 0;
	char			 day[11];
	size_t			 n = 0, i, shown = 0;
	int			 rc, all, suspended = 0, months = 0;

	valid_fields(r, list_fields, 2, v);
	d = page_new(r, "staff/custody_tasks.tpl", "托管任务");
	if ((rc = scope_estate(r, v[0].set && !v[0].err ? v[0].i : 0, &e,
	    d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	all = v[1].set && !v[1].err;
	tmpl_set_int(d, "ESTATE_ID", e.id);
	tmpl_set(d, "ESTATE_NAME", e.name);
	tmpl_show(d, all ? "ALL" : "DUE");
	collector = r->ctx->actor.role == ROLE_COLLECTOR ? r->ctx->actor.id : 0;
	if (collector != 0)
		tmpl_show(d, "MINE");
	res = db_query(r->ctx, &SQL_CT_LIST, "iiii", e.id, collector,
	    collector, (int64_t)TASKS_MAX);
	if (res == NULL)
		return;
	t = arena_alloc(r->a, TASKS_MAX * sizeof(*t));
	while (n < TASKS_MAX && (rc = db_row(res, "issisiiissssss",
	    &t[n].id, &t[n].kind, &t[n].sched, &t[n].every, &t[n].last,
	    &t[n].agreement, &t[n].premises, &t[n].estate, &t[n].start,
	    &t[n].made, &w[0], &w[1], &w[2], &w[3])) == 1)
		task_fill(r, &t[n++], w);
	if (rc < 0)
		return;
	qsort(t, n, sizeof(*t), task_cmp);
	for (i = 0; i < n; i++) {
		if (!all && cal_cmp(t[i].next, today) > 0)
			continue;
		/* the suspension is the ledger's, asked once per agreement's
		 * household */
		if (cached != t[i].premises) {
			if (custody_state(r->ctx, e.id, t[i].premises, today,
			    &st) < 0)
				return;
			cached = t[i].premises;
			suspended = st.suspended;
			months = st.months;
		}
		row = tmpl_row(d, "TASK");
		tmpl_set_int(row, "TASK_ID", t[i].id);
		tmpl_set_int(row, "HH_ID", t[i].premises);
		tmpl_set(row, "HOUSE", t[i].label);
		tmpl_set(row, "KIND", t[i].kind);
		tmpl_set(row, "KIND_LABEL", kind_label(t[i].kind));
		tmpl_set(row, "SCHEDULE", custody_schedule_words(r->a,
		    t[i].sched, t[i].every));
		tmpl_set(row, "LAST", *t[i].last ? label_date(r->a,
		    t[i].last) : "还没有");
		tmpl_set(row, "NEXT", label_date(r->a, cal_fmt(day,
		    t[i].next)));
		if (cal_cmp(t[i].next, today) < 0)
			tmpl_show(row, "OVERDUE");
		else if (cal_cmp(t[i].next, today) == 0)
			tmpl_show(row, "TODAY");
		if (suspended) {
			tmpl_show(row, "SUSPENDED");
			tmpl_set(row, "STATE", arena_printf(r->a,
			    "已暂停（欠费 %d 个月）", months));
		} else
			tmpl_show(row, "RUNNING");
		shown++;
	}
	if (shown == 0)
		tmpl_show(d, "NONE");
	page_render(r, 200);
}

/* ---- logging one ---- */

enum { N_DAY, N_NOTE, N_TOKEN, N__MAX };
static const struct field new_fields[N__MAX] = {
	{ "day", "日期", V_DATE, V_REQUIRED, 0, 0, NULL },
	{ "note", "情况说明", V_TEXT, 0, 0, CUSTODY_NOTE_MAX, NULL },
	ONCE_FIELD,
};

/*
 * Task r->ids[0] if the user may do it (its estate, and for a collector
 * a household assigned to them): 1; 0 after a 404; -1.
 */
static int
task_load(struct req *r, struct task *t)
{
	struct db_res	*res;
	const char	*w[4];
	int		 rc, mine;

	if ((res = db_query(r->ctx, &SQL_CT_ONE, "i", r->ids[0])) == NULL)
		return -1;
	if ((rc = db_row(res, "issisiiissssss", &t->id,
	    &t->kind, &t->sched, &t->every, &t->last, &t->agreement,
	    &t->premises, &t->estate, &t->start, &t->made, &w[0], &w[1],
	    &w[2], &w[3])) < 0)
		return -1;
	if (rc == 1) {
		task_fill(r, t, w);
		db_done(res);
	}
	if (rc == 0 || !scope_sees(r, t->estate)) {
		page_error(r, 404, NULL);
		return 0;
	}
	if (r->ctx->actor.role == ROLE_COLLECTOR) {
		if ((mine = scope_mine(r, t->premises)) < 0)
			return -1;
		if (!mine) {
			page_error(r, 404, NULL);
			return 0;
		}
	}
	return 1;
}

static void
form(struct req *r, const struct task *t, const struct custody_state *st,
    const struct fval *v, const char *alert, int status)
{
	struct tmpl	*d;
	struct date	 today = cal_today();
	char		 day[11];

	d = page_new(r, "staff/custody_task.tpl", arena_printf(r->a,
	    "登记托管服务 · %s", t->label));
	tmpl_set_int(d, "TASK_ID", t->id);
	tmpl_set_int(d, "HH_ID", t->premises);
	tmpl_set_int(d, "ESTATE_ID", t->estate);
	tmpl_set(d, "HOUSE", t->label);
	tmpl_set(d, "KIND_LABEL", kind_label(t->kind));
	tmpl_set(d, "SCHEDULE", custody_schedule_words(r->a, t->sched,
	    t->every));
	tmpl_set(d, "LAST", *t->last ? label_date(r->a, t->last) : "还没有");
	tmpl_set(d, "NEXT", label_date(r->a, cal_fmt(day, t->next)));
	tmpl_set(d, "TODAY", cal_fmt(day, today));
	tmpl_set(d, "EARLIEST", cal_fmt(day, cal_add_days(today, -BACK_DAYS)));
	if (alert != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", alert);
	}
	if (st->suspended) {
		tmpl_show(d, "SUSPENDED");
		tmpl_set(d, "STATE", custody_state_words(r->a, st));
		tmpl_set_int(d, "LIMIT", st->limit);
		page_render(r, status);
		return;
	}
	tmpl_show(d, "FORM");
	if (v != NULL)
		valid_to_tmpl(d, new_fields, N__MAX, v);
	else
		tmpl_set(d, "DAY_VAL", cal_fmt(day, today));
	tmpl_set(d, "FORM_TOKEN_VAL", once_token(r->ctx));
	page_render(r, status);
}

void
page_custody_task(struct req *r)
{
	struct task		 t;
	struct custody_state	 st;

	if (task_load(r, &t) != 1)
		return;
	if (custody_state(r->ctx, t.estate, t.premises, cal_today(), &st) < 0)
		return;
	form(r, &t, &st, NULL, NULL, 200);
}

struct log_tx {
	const struct task	*t;
	const char		*day, *note;
	struct photo		*photos;
	size_t			 n;
	struct custody_state	 st;
};

static int
log_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct log_tx	*x = arg;

	return custody_log(ctx, x->t->estate, x->t->premises, x->t->agreement,
	    x->t->id, x->day, x->note, x->photos, x->n, &x->st, made);
}

void
page_custody_task_post(struct req *r)
{
	struct fval		 v[N__MAX];
	struct task		 t;
	struct custody_state	 st;
	struct photo		 photos[PHOTO_PER_STEP];
	struct log_tx		 x;
	struct date		 today = cal_today();
	const char		*perr = NULL;
	int64_t			 id;
	int			 errs, rc;

	if (task_load(r, &t) != 1)
		return;
	errs = valid_fields(r, new_fields, N__MAX, v);
	errs += valid_date_range(r, &v[N_DAY], cal_add_days(today, -BACK_DAYS),
	    today, "只能登记最近 7 天内完成的服务（%s以后）",
	    "日期不能晚于今天（%s）");
	/* a suspended agreement's task is refused first: nothing to fix in
	 * the form would help */
	if (custody_state(r->ctx, t.estate, t.premises, today, &st) < 0)
		return;
	if (st.suspended) {
		form(r, &t, &st, NULL, arena_printf(r->a, "托管服务%s：这户欠费"
		    "已满 %d 个月（本小区满 %d 个月暂停），欠费少于 %d 个月后"
		    "自动恢复，不能登记。", custody_state_words(r->a, &st),
		    st.months, st.limit, st.limit), 409);
		return;
	}
	if (errs) {
		form(r, &t, &st, v, NULL, 400);
		return;
	}
	memset(&x, 0, sizeof(x));
	if ((rc = rqphoto_take(r, "photos", photos, &x.n, &perr)) < 0) {
		page_fail(r);
		return;
	}
	if (rc > 0) {
		form(r, &t, &st, v, perr, 400);
		return;
	}
	x.t = &t;
	x.day = v[N_DAY].s;
	x.note = v[N_NOTE].s;
	x.photos = photos;
	rc = once_tx(r->ctx, v[N_TOKEN].s, "custody.log", t.id, t.estate,
	    log_tx, &x, &id);
	if (rc != ONCE_FIRST)
		rqphoto_drop(photos, x.n);
	if (rc < 0)
		return;
	if (rc == CUSTODY_SUSPENDED) {
		form(r, &t, &x.st, NULL, arena_printf(r->a, "托管服务%s，"
		    "不能登记。", custody_state_words(r->a, &x.st)), 409);
		return;
	}
	if (rc == ONCE_SEEN && id == 0) {
		form(r, &t, &st, v, ONCE_USED_MSG, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a,
	    "/staff/households/%lld/custody?ok=1", (long long)t.premises));
}

/* Photo r->ids[1] of log r->ids[0], to those who see its estate. */
static void
photo(struct req *r, int thumb)
{
	const char	*key;
	int64_t		 estate, premises;
	int		 rc;

	rc = db_one(r->ctx, &SQL_CT_LOG_GET, "i", "ii", r->ids[0], &estate,
	    &premises);
	if (rc < 0)
		return;
	if (rc == 0 || !scope_sees(r, estate)) {
		page_error(r, 404, NULL);
		return;
	}
	rc = db_one(r->ctx, &SQL_CT_PHOTO_KEY, "ii", "s", r->ids[1],
	    r->ids[0], &key);
	if (rc == 1)
		rqphoto_send_key(r, key, thumb);
	else if (rc == 0)
		page_error(r, 404, NULL);
}

void
page_custody_photo(struct req *r)
{
	photo(r, 0);
}

void
page_custody_thumb(struct req *r)
{
	photo(r, 1);
}
