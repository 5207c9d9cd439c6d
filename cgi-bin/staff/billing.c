/*
 * billing.c - billing runs (出账), for managers.
 *
 *   GET  /staff/billing[?period=YYYY-MM]  the recent runs; with a period,
 *                                         a preview: how many bills and
 *                                         how much, by occupancy
 *   POST /staff/billing                   queues the run: 303 to its page
 *   GET  /staff/billing/runs/#            the run's progress bar; the page
 *                                         refreshes itself until it is done
 *
 * The run itself is a job of propfee-worker (queued with the run, in
 * one transaction: cgi-bin/worker/billing.c), done chunk by chunk
 * (core/billing.c). Renders templates/staff/billing.tpl and
 * billing_run.tpl.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "billing.h"
#include "occupancy.h"
#include "jobs.h"
#include "cal.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "log.h"
#include "msgbox.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

/* The runs of one estate, or the company-wide runs (0). */
SQL_DEF(SQL_RUNS_RECENT,
    "SELECT br.id, br.period_start, br.status, br.bills_made, br.amount_fen,"
    " DATE_FORMAT(br.requested_at, '%Y-%m-%d %H:%i'), COALESCE(st.name, '')"
    " FROM billing_runs br LEFT JOIN staff st ON st.id = br.requested_by"
    " WHERE COALESCE(br.estate_id, 0) = ? ORDER BY br.id DESC LIMIT 20");

/* A run's e-bills (the outbox rows it queued, issue 11) by channel and
 * status. */
SQL_DEF(SQL_RUN_EBILLS,
    "SELECT channel, status, COUNT(*) FROM outbox"
    " WHERE run_id = ? AND channel IS NOT NULL GROUP BY channel, status");

SQL_DEF(SQL_RUN_ESTATES,
    "SELECT id FROM estates ORDER BY id");

SQL_DEF(SQL_RUN_INSERT,
    "INSERT INTO billing_runs (estate_id, period_start, status, requested_by,"
    " requested_at) VALUES (?, ?, 'queued', ?, NOW())");

/* The estate's quiet hours: within them now (1), their end, and whether
 * that end is today or tomorrow (worker/outbox.c's SQL_OB_QUIET). */
SQL_DEF(SQL_RUN_QUIET,
    "SELECT IF(quiet_from = quiet_to, 0, IF(quiet_from < quiet_to,"
    " CURTIME() >= quiet_from AND CURTIME() < quiet_to,"
    " CURTIME() >= quiet_from OR CURTIME() < quiet_to)),"
    " DATE_FORMAT(quiet_from, '%H:%i'), DATE_FORMAT(quiet_to, '%H:%i'),"
    " CURTIME() >= quiet_to FROM estates WHERE id = ?");

SQL_DEF(SQL_RUN_GET,
    "SELECT COALESCE(br.estate_id, 0), br.period_start, br.status,"
    " br.premises_total,"
    " br.premises_done, br.bills_made, br.amount_fen, br.prepaid_applied_fen,"
    " DATE_FORMAT(br.requested_at, '%Y-%m-%d %H:%i'),"
    " COALESCE(DATE_FORMAT(br.started_at, '%Y-%m-%d %H:%i'), ''),"
    " COALESCE(DATE_FORMAT(br.finished_at, '%Y-%m-%d %H:%i'), ''),"
    " br.error, COALESCE(st.name, '')"
    " FROM billing_runs br LEFT JOIN staff st ON st.id = br.requested_by"
    " WHERE br.id = ?");

static const struct field fields[] = {
	/* 0: every estate, for staff of every estate */
	{ "estate", "小区", V_INT, 0, 0, INT64_MAX / 2, NULL },
	{ "period", "账期", V_MONTH, 0, 0, 0, NULL },
};

/* The run form's token: a run is queued once per form (once.h). */
static const struct field token_field[] = { ONCE_FIELD };

/*
 * How a run's e-bills are counted, in this order: a status of msgbox.h,
 * said in its words (msgbox_status_labels), shown always (0 too) or only
 * when some e-bills are in it. A status of msgbox.h not listed here is
 * shown after these when some are in it, so a new status needs no line
 * here to be counted.
 */
static const struct {
	enum msgbox_status	 st;
	int			 always;
} eb_shown[] = {
	{ MSGBOX_SENT, 1 },
	{ MSGBOX_DEAD, 1 },
	{ MSGBOX_PENDING, 1 },
	{ MSGBOX_SENDING, 0 },
	{ MSGBOX_SKIPPED, 0 },
};

/* A run's e-bills: per channel (the last row: every channel) and status. */
struct eb {
	int64_t	 n[MSG_CHANNEL__MAX + 1][MSGBOX_STATUS__MAX];
};

/* Run run's e-bills into eb. 0 or -1. */
static int
eb_load(struct req *r, int64_t run, struct eb *eb)
{
	struct db_res		*res;
	const char		*channel, *st;
	enum msgbox_status	 s;
	int64_t			 n;
	int			 c, rc;

	memset(eb, 0, sizeof(*eb));
	if ((res = db_query(r->ctx, &SQL_RUN_EBILLS, "i", run)) == NULL)
		return -1;
	while ((rc = db_row(res, "ssi", &channel, &st, &n)) == 1) {
		if ((c = msg_channel_parse(channel)) < 0 ||
		    (s = msgbox_status_parse(st)) == MSGBOX_STATUS__MAX)
			continue;
		eb->n[c][s] += n;
		eb->n[MSG_CHANNEL__MAX][s] += n;
	}
	return rc < 0 ? -1 : 0;
}

/* One status's count of channel c (MSG_CHANNEL__MAX: all) into row's
 * EB_STATE rows, a link to those messages on 消息发送 when link. */
static void
eb_state(struct req *r, struct tmpl *row, const struct eb *eb, int c,
    enum msgbox_status s, int64_t run, int64_t estate, int link, int *first)
{
	struct tmpl	*st = tmpl_row(row, "EB_STATE");

	tmpl_set(st, "CODE", msgbox_status_codes[s]);
	tmpl_set(st, "LABEL", msgbox_status_labels[s]);
	tmpl_set_int(st, "N", eb->n[c][s]);
	if (!*first)
		tmpl_show(st, "SEP");
	*first = 0;
	if (s == MSGBOX_DEAD && eb->n[c][s] > 0)
		tmpl_show(st, "WARN");
	if (link) {
		tmpl_show(st, "LINKED");
		tmpl_set(st, "URL", arena_printf(r->a, "/staff/outbox?estate=%lld"
		    "&run=%lld%s%s&status=%s", (long long)estate,
		    (long long)run, c < MSG_CHANNEL__MAX ? "&channel=" : "",
		    c < MSG_CHANNEL__MAX ? msg_channel_codes[c] : "",
		    msgbox_status_codes[s]));
	}
}

/* Channel c's line (MSG_CHANNEL__MAX: all) into d's rows named key. */
static void
eb_line(struct req *r, struct tmpl *d, const char *key, const struct eb *eb,
    int c, int64_t run, int64_t estate, int link)
{
	struct tmpl	*row = tmpl_row(d, key);
	size_t		 i;
	int		 s, listed, first = 1;

	tmpl_set(row, "CHANNEL", c < MSG_CHANNEL__MAX ? msg_channel_codes[c] :
	    "");
	tmpl_set(row, "CHANNEL_LABEL", c < MSG_CHANNEL__MAX ?
	    msg_channel_labels[c] : "合计");
	for (i = 0; i < sizeof(eb_shown) / sizeof(eb_shown[0]); i++)
		if (eb_shown[i].always || eb->n[c][eb_shown[i].st] > 0)
			eb_state(r, row, eb, c, eb_shown[i].st, run, estate, link,
			    &first);
	for (s = 0; s < MSGBOX_STATUS__MAX; s++) {
		for (i = 0, listed = 0; i < sizeof(eb_shown) /
		    sizeof(eb_shown[0]); i++)
			listed |= (int)eb_shown[i].st == s;
		if (!listed && eb->n[c][s] > 0)
			eb_state(r, row, eb, c, (enum msgbox_status)s, run, estate,
			    link, &first);
	}
}

/*
 * A run's e-bills into d: on its page (by_channel) a line per channel
 * that has any (EB_CHANNEL rows) and the total (EB_TOTAL); on the list
 * the total alone. Each count in words (短信 已发送 12 · 发送失败 0 ·
 * 待发送 3), a link to those messages on 消息发送 (/staff/outbox?run=
 * &channel=&status=) for those who may read it. EB_NONE when the run
 * queued none. 0 or -1.
 */
static int
ebills(struct req *r, struct tmpl *d, int64_t run, int64_t estate,
    int by_channel)
{
	struct eb	 eb;
	int64_t		 all = 0;
	int		 c, s, link = http_may(r, METHOD_GET, "/outbox"), n = 0;

	if (eb_load(r, run, &eb) < 0)
		return -1;
	for (s = 0; s < MSGBOX_STATUS__MAX; s++)
		all += eb.n[MSG_CHANNEL__MAX][s];
	if (all == 0) {
		tmpl_show(d, "EB_NONE");
		return 0;
	}
	/* waiting out the quiet hours: until when (a new user's trial: a
	 * run at 22:00 showed 待发送 1441 and no time) */
	if (by_channel && estate != 0 && eb.n[MSG_CHANNEL__MAX][MSGBOX_PENDING] > 0) {
		const char	*from, *to;
		int64_t		 quiet, tomorrow;

		if (db_one(r->ctx, &SQL_RUN_QUIET, "i", "issi", estate, &quiet,
		    &from, &to, &tomorrow) != 1)
			return -1;
		if (quiet) {
			tmpl_show(d, "EB_QUIET");
			tmpl_set(d, "QUIET_FROM", from);
			tmpl_set(d, "QUIET_TO", to);
			tmpl_set(d, "QUIET_DAY", tomorrow ? "明天" : "今天");
		}
	}
	for (c = 0; by_channel && c < MSG_CHANNEL__MAX; c++) {
		int64_t	 any = 0;

		for (s = 0; s < MSGBOX_STATUS__MAX; s++)
			any += eb.n[c][s];
		if (any > 0) {
			eb_line(r, d, "EB_CHANNEL", &eb, c, run, estate, link);
			n++;
		}
	}
	/* one channel: its line is the total */
	if (!by_channel || n != 1)
		eb_line(r, d, "EB_TOTAL", &eb, MSG_CHANNEL__MAX, run, estate,
		    link);
	return 0;
}

static const char *
status_label(const char *s)
{
	if (strcmp(s, "queued") == 0)
		return "排队中";
	if (strcmp(s, "running") == 0)
		return "生成中";
	if (strcmp(s, "done") == 0)
		return "已完成";
	return "失败";
}

/*
 * The first month an estate billed (one estate), or the latest of the
 * estates' first months (every estate: 0): '' before any run.
 */
SQL_DEF(SQL_RUN_FIRST_BILLED,
    "SELECT MAX(x.f) FROM (SELECT MIN(period_start) AS f FROM billing_periods"
    " WHERE ? = 0 OR estate_id = ? GROUP BY estate_id) x");

/*
 * A month a run may bill: up to three months ahead, from 2000 on, and
 * not before the estate's first billed month (for every estate, before
 * none's): a run for a month before the estate's billing began makes
 * bills for that lone month, long past, for every home (the trial of
 * issue 8 found the same of meter readings for 1999-12); history from
 * before the system is not billed by a run. NULL when it may (and on a
 * database failure: the ctx is marked).
 */
static const char *
period_error(struct req *r, int64_t estate, const struct fval *v)
{
	struct date	 t = cal_today(), d;
	const char	*first;
	int64_t		 now = (int64_t)t.y * 12 + t.m - 1;

	if (v->err)
		return v->err;
	if (!v->set)
		return "请选择账期";
	if (v->i > now + 3)
		return "最多只能提前三个月出账";
	if (v->i < 2000 * 12)
		return "账期不正确";
	if (db_one(r->ctx, &SQL_RUN_FIRST_BILLED, "ii", "s", estate, estate,
	    &first) < 0)
		return NULL;
	if (*first != '\0' && cal_parse(first, &d) == 0 &&
	    v->i < (int64_t)d.y * 12 + d.m - 1)
		return arena_printf(r->a, "账期不能早于%s首次出账的 %d年%d月",
		    estate ? "本小区" : "各小区", d.y, d.m);
	return NULL;
}

/*
 * The estate the page is about: one in scope, or every estate (id 0, name
 * 全部小区) for staff of every estate. Returns 1, or 0/-1 answered.
 */
static int
pick_estate(struct req *r, struct fval *v, struct estate *e, struct tmpl *d)
{
	int	 rc;

	if (v[0].set && !v[0].err && v[0].i == 0) {
		if (!r->ctx->actor.all_estates) {
			page_error(r, 403, "全部小区一起出账只对管理全部小区的员工开放。");
			return 0;
		}
		e->id = 0;
		e->name = "全部小区";
		/* -1 lists the estates for the picker and selects none. */
		return scope_estate(r, -1, &(struct estate){ 0, NULL }, d) < 0 ?
		    -1 : 1;
	}
	rc = scope_estate(r, v[0].set && !v[0].err ? v[0].i : 0, e, d);
	if (rc == 0)
		page_error(r, 404, NULL);
	return rc;
}

/* Adds one estate's preview to the company's, line by line. */
static void
preview_sum(struct billing_preview *pv, const struct billing_preview *one)
{
	const struct billing_line	*l;
	size_t				 i, k;

	pv->bills += one->bills;
	pv->amount += one->amount;
	pv->meter_bills += one->meter_bills;
	pv->earlier_bills += one->earlier_bills;
	pv->earlier_amount += one->earlier_amount;
	for (k = 0; k < OCCUPANCY__MAX; k++) {
		pv->by_occ_bills[k] += one->by_occ_bills[k];
		pv->by_occ_amount[k] += one->by_occ_amount[k];
	}
	for (i = 0; i < one->nlines; i++) {
		l = &one->lines[i];
		for (k = 0; k < pv->nlines; k++)
			if (pv->lines[k].month == l->month &&
			    pv->lines[k].occ == l->occ &&
			    pv->lines[k].meter == l->meter)
				break;
		if (k == pv->nlines) {
			if (k == BILLING_LINES_MAX)
				continue;
			pv->lines[pv->nlines++] = *l;
			continue;
		}
		pv->lines[k].bills += l->bills;
		pv->lines[k].amount += l->amount;
	}
}

static int
line_cmp(const void *a, const void *b)
{
	const struct billing_line *x = a, *y = b;

	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	if (x->meter != y->meter)
		return x->meter - y->meter;
	return x->occ - y->occ;
}

/* A preview of one estate, or the sum over every estate (0). */
static int
preview(struct req *r, int64_t estate, struct date period,
    struct billing_preview *pv)
{
	struct billing_preview	*one;
	int64_t			*ids;
	size_t			 n, i;

	if (estate != 0) {
		if (billing_preview(r->ctx, estate, period, pv) < 0)
			return -1;
	} else {
		memset(pv, 0, sizeof(*pv));
		if (db_ints(r->ctx, &SQL_RUN_ESTATES, &ids, &n, "") < 0)
			return -1;
		one = arena_alloc(r->a, sizeof(*one));
		for (i = 0; i < n; i++) {
			if (billing_preview(r->ctx, ids[i], period, one) < 0)
				return -1;
			preview_sum(pv, one);
		}
	}
	qsort(pv->lines, pv->nlines, sizeof(pv->lines[0]), line_cmp);
	return 0;
}

static void
show(struct req *r, struct fval *v, int status)
{
	struct tmpl		*d, *row;
	struct db_res		*res;
	struct estate		 e;
	struct billing_preview	*pv;
	struct date		 t = cal_today();
	const char		*period, *st, *at, *by, *err;
	char			 month[11];
	int64_t			 id, made, amount;
	size_t			 i;
	int			 rc;

	d = page_new(r, "staff/billing.tpl", "出账");
	if ((rc = pick_estate(r, v, &e, d)) != 1)
		return;
	tmpl_set_int(d, "ESTATE_ID", e.id);
	tmpl_set(d, "ESTATE_NAME", e.name);
	if (r->ctx->actor.all_estates) {
		tmpl_show(d, "CAN_ALL");
		if (e.id == 0)
			tmpl_show(d, "ALL_SELECTED");
	}
	t.d = 1;
	cal_fmt(month, cal_add_months(t, 1));
	tmpl_set(d, "PERIOD_VAL", v[1].set ? v[1].s :
	    arena_strndup(r->a, month, 7));
	if (v[1].set && (err = period_error(r, e.id, &v[1])) != NULL) {
		tmpl_set(d, "PERIOD_ERR", err);
		status = 400;
	} else if (r->ctx->db_failed)
		return;
	else if (v[1].set) {
		pv = arena_alloc(r->a, sizeof(*pv));
		if (preview(r, e.id, cal_from_month(v[1].i), pv) < 0)
			return;
		tmpl_show(d, "PREVIEW");
		tmpl_set(d, "PERIOD", v[1].s);
		tmpl_set_int(d, "BILLS", pv->bills);
		page_money(d, "AMOUNT", pv->amount);
		tmpl_set_int(d, "METER_BILLS", pv->meter_bills);
		/* Periods before this one that still lack bills: said first. */
		if (pv->earlier_bills > 0) {
			tmpl_show(d, "EARLIER");
			tmpl_set_int(d, "EARLIER_BILLS", pv->earlier_bills);
			page_money(d, "EARLIER_AMOUNT", pv->earlier_amount);
		}
		for (i = 0; i < pv->nlines; i++) {
			const struct billing_line *l = &pv->lines[i];
			char start[11];

			row = tmpl_row(d, "LINE");
			cal_fmt(start, cal_from_month(l->month));
			tmpl_set(row, "LINE_PERIOD", label_period(r->a, start,
			    l->months));
			tmpl_set(row, "LINE_KIND", arena_printf(r->a, "%s%s",
			    l->occ >= 0 ? label_occupancy(
			    occupancy_codes[l->occ]) : "",
			    l->meter == BILLING_LINE_METER ? "（抄表）" :
			    l->meter == BILLING_LINE_AGREEMENT ?
			    "（空置房托管）" : ""));
			tmpl_set_int(row, "LINE_BILLS", l->bills);
			page_money(row, "LINE_AMOUNT", l->amount);
			if (l->earlier)
				tmpl_show(row, "LINE_EARLIER");
		}
		if (pv->bills == 0)
			tmpl_show(d, "NOTHING");
		else {
			tmpl_show(d, "CAN_RUN");
			tmpl_set(d, "RUN_TOKEN", once_token(r->ctx));
		}
	}
	if ((res = db_query(r->ctx, &SQL_RUNS_RECENT, "i", e.id)) == NULL)
		return;
	while ((rc = db_row(res, "issiiss", &id, &period, &st, &made,
	    &amount, &at, &by)) == 1) {
		row = tmpl_row(d, "RUN");
		tmpl_set_int(row, "RUN_ID", id);
		tmpl_set(row, "RUN_PERIOD", arena_strndup(r->a, period, 7));
		tmpl_set(row, "RUN_STATUS", status_label(st));
		tmpl_set_int(row, "RUN_BILLS", made);
		page_money(row, "RUN_AMOUNT", amount);
		tmpl_set(row, "RUN_AT", at);
		tmpl_set(row, "RUN_BY", by);
		if (ebills(r, row, id, e.id, 0) < 0)
			return;
	}
	if (rc < 0)
		return;
	page_render(r, status);
}

void
page_billing(struct req *r)
{
	struct fval	 v[2];

	valid_fields(r, fields, 2, v);
	show(r, v, 200);
}

struct run_tx {
	int64_t		 estate;	/* 0: every estate */
	const char	*period;
};

static int
run_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct run_tx	*t = arg;

	if (db_exec(ctx, &SQL_RUN_INSERT, "Isi", t->estate ? t->estate : DB_NULL,
	    t->period, ctx->actor.id) < 0)
		return -1;
	*made = db_insert_id(ctx);
	/* The run's job, with the run: propfee-worker carries it out. */
	if (job_queue(ctx, "billing.run", t->estate ? t->estate : DB_NULL,
	    *made, 3) < 0)
		return -1;
	return audit(ctx, t->estate ? t->estate : DB_NULL, "billing.request",
	    "billing_run", *made, DB_NULL, arena_printf(ctx->a, "period %s",
	    t->period)) < 0 ? -1 : 0;
}

void
page_billing_post(struct req *r)
{
	struct fval	 v[2], tv;
	struct estate	 e;
	struct run_tx	 t;
	const char	*err;
	char		 period[11];
	int64_t		 id;
	int		 rc;

	valid_fields(r, fields, 2, v);
	if (!v[0].set || v[0].err) {
		page_error(r, 400, "请选择小区。");
		return;
	}
	if ((rc = pick_estate(r, v, &e, NULL)) != 1)
		return;
	if ((err = period_error(r, e.id, &v[1])) != NULL ||
	    r->ctx->db_failed ||
	    (err = valid_one(r, token_field, http_form(r, "form_token"),
	    &tv)) != NULL) {
		if (err == NULL)
			return;		/* the database failed: 503 */
		v[1].err = err;
		show(r, v, 400);
		return;
	}
	cal_fmt(period, cal_from_month(v[1].i));
	t.estate = e.id;
	t.period = period;
	rc = once_tx(r->ctx, tv.s, "billing.run", e.id, e.id ? e.id : DB_NULL,
	    run_tx, &t, &id);
	if (rc < 0)
		return;
	if (rc == ONCE_SEEN && id == 0) {
		page_error(r, 409, ONCE_USED_MSG);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/billing/runs/%lld",
	    (long long)id));
}

void
page_billing_run(struct req *r)
{
	struct tmpl	*d;
	const char	*period, *st, *at, *started, *finished, *error, *by;
	int64_t		 estate, total, done, made, amount, prepaid;
	int		 rc;

	rc = db_one(r->ctx, &SQL_RUN_GET, "i", "issiiiiisssss", r->ids[0],
	    &estate, &period, &st, &total, &done, &made, &amount, &prepaid, &at,
	    &started, &finished, &error, &by);
	if (rc == 0 || (rc == 1 && (estate ? !scope_sees(r, estate) :
	    !r->ctx->actor.all_estates))) {
		page_error(r, 404, NULL);
		return;
	}
	if (rc < 0)
		return;
	d = page_new(r, "staff/billing_run.tpl", "出账进度");
	tmpl_set_int(d, "ESTATE_ID", estate);
	tmpl_set(d, "PERIOD", arena_strndup(r->a, period, 7));
	tmpl_set(d, "STATUS", status_label(st));
	tmpl_set(d, "STATUS_KEY", st);
	tmpl_set_int(d, "TOTAL", total);
	tmpl_set_int(d, "DONE", done);
	tmpl_set_int(d, "PERCENT", total > 0 ? done * 100 / total :
	    strcmp(st, "done") == 0 ? 100 : 0);
	tmpl_set_int(d, "BILLS", made);
	page_money(d, "AMOUNT", amount);
	page_money(d, "PREPAID", prepaid);
	tmpl_set(d, "REQUESTED_AT", at);
	tmpl_set(d, "STARTED_AT", started);
	tmpl_set(d, "FINISHED_AT", finished);
	tmpl_set(d, "BY", by);
	if (ebills(r, d, r->ids[0], estate, 1) < 0)
		return;
	if (strcmp(st, "queued") == 0 || strcmp(st, "running") == 0)
		page_refresh(r, 1);
	else if (strcmp(st, "failed") == 0) {
		tmpl_show(d, "FAILED");
		tmpl_set(d, "ERROR", error);
	} else
		tmpl_show(d, "DONE_OK");
	page_render(r, 200);
}
