/*
 * reports.c - 服务月报 in the back office (issue 12, DOMAIN.md "Monthly
 * service report"; core/svcreport.h): the worker drafts last month's on
 * the 1st, the manager edits its summary and publishes it to the owners.
 *
 *   GET  /staff/reports[?estate=]   the estate's reports, newest month
 *        first: 草稿 (due by the 5th), 逾期未发布 when a draft is late,
 *        已发布 with the day
 *   GET  /staff/reports/#           one report: its figures, summary and
 *        the repairs it counted; a draft's summary as a form to the
 *        manager, with 保存草稿 and 发布给业主
 *   GET  /staff/reports/#.pdf       the same as the owners' PDF (a
 *        draft's marked 草稿)
 *   POST /staff/reports/#           saves the draft's summary: 303 to the
 *        page; 400 with the message by the field; 409 once published
 *   POST /staff/reports/#/publish   saves the summary and publishes it,
 *        telling the estate's owners through the outbox in the same
 *        transaction, once the manager ticked 确认发布: 303; 400 with
 *        the message by the summary or the box, nothing published; 409
 *        when it was published already (two tabs)
 *   POST /staff/reports/#/recount   counts a draft's figures again now
 *        (svc_recount: the logs entered since it was drafted), keeping
 *        the summary the manager saved: 303 to the page, which says
 *        已重新统计 and the new time; 409 once published
 *
 * A POST to a published report is its page again with the reason, 409,
 * whatever the form held.
 *
 * Another estate's report is 404. The manager edits and publishes
 * (pages.h ROLES_REPORT_PUBLISH); every staff role reads the reports, as
 * owners do, and the team lead and the manager see a late draft on the
 * arrears board (reports_late_board).
 *
 * Renders templates/staff/reports.tpl and report.tpl.
 */
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "page.h"
#include "pages.h"
#include "svcpdf.h"
#include "svcreport.h"
#include "tmpl.h"
#include "valid.h"

#define REPAIRS_SHOWN	100	/* a report page's list of repairs */

SQL_DEF(SQL_REP_LIST,
    "SELECT id, DATE_FORMAT(month, '%Y-%m-%d'), status, late,"
    " DATE_FORMAT(due_on, '%Y-%m-%d'),"
    " COALESCE(DATE_FORMAT(published_at, '%Y-%m-%d'), ''),"
    " cleaning_n, greening_n, repair_n, rq_solved"
    " FROM service_reports WHERE estate_id = ? ORDER BY month DESC LIMIT 36");

/* The board: the estate's late drafts, the oldest first. */
SQL_DEF(SQL_REP_LATE,
    "SELECT id, DATE_FORMAT(month, '%Y-%m-%d'), DATE_FORMAT(due_on, '%Y-%m-%d')"
    " FROM service_reports WHERE estate_id = ? AND status = 'draft'"
    " AND late = 1 ORDER BY month LIMIT 3");

/* The summary, and for publishing the box that confirms it: the
 * estate's every owner is told at once and the words are final. */
enum { S_SUMMARY, S_SEEN, S_CONFIRM, S__MAX };
static const struct field summary_fields[S__MAX] = {
	{ "summary", "本月小结", V_TEXT, V_REQUIRED, 10, 800, NULL },
	/* the draft's version the page showed (svc_report.version) */
	{ "seen", "页面版本", V_TEXT, 0, 1, 64, NULL },
	{ "confirm", "确认发布", V_INT, 0, 1, 1, NULL },
};
#define SAVE_FIELDS	2	/* 保存草稿: the summary and seen */

#define CONFIRM_MSG	"请先勾选「确认发布」：发布后会通知全体业主，内容不能再修改。"
#define PUBLISHED_MSG	"这份月报已发布，不能再修改：业主看到的就是下面的内容。"
#define CHANGED_MSG	"您打开这个页面之后，月报已被修改或重新统计过：下面是最新的内容，" \
	"请核对后再保存或发布。您刚才写的小结没有保存："
#define RECOUNT_PUBLISHED_MSG \
	"这份月报已发布，不能再重新统计：业主看到的是发布时的数字。"

/* "2026-12-05" as 12月5日. */
static const char *
month_day(struct req *r, const char *day)
{
	struct date	 d;

	if (cal_parse(day, &d) < 0)
		return day;
	return arena_printf(r->a, "%d月%d日", d.m, d.d);
}

void
page_reports(struct req *r)
{
	static const struct field estate_field =
	    { "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL };
	struct tmpl	*d, *row;
	struct db_res	*res;
	struct estate	 e;
	struct fval	 v;
	const char	*month, *status, *due, *pub;
	int64_t		 id, late, c, g, rep, solved, n = 0;
	int		 rc;

	valid_one(r, &estate_field, http_query(r, "estate"), &v);
	d = page_new(r, "staff/reports.tpl", "服务月报");
	if ((rc = scope_estate(r, v.set && !v.err ? v.i : 0, &e, d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	tmpl_set_int(d, "ESTATE_ID", e.id);
	tmpl_set(d, "ESTATE_NAME", e.name);
	if (http_may(r, METHOD_GET, "/service-logs"))
		tmpl_show(d, "CAN_SEE_LOGS");
	if ((res = db_query(r->ctx, &SQL_REP_LIST, "i", e.id)) == NULL)
		return;
	while ((rc = db_row(res, "ississiiii", &id, &month, &status, &late,
	    &due, &pub, &c, &g, &rep, &solved)) == 1) {
		row = tmpl_row(d, "REPORT");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "MONTH", label_period(r->a, month, 1));
		tmpl_set(row, "STATUS_KEY", status);
		if (svr_status_parse(status) == SVR_PUBLISHED) {
			tmpl_show(row, "PUBLISHED");
			tmpl_set(row, "PUBLISHED_ON", label_date(r->a, pub));
		} else if (late) {
			tmpl_show(row, "LATE");
			tmpl_set(row, "DUE", month_day(r, due));
		} else {
			tmpl_show(row, "DRAFT");
			tmpl_set(row, "DUE", month_day(r, due));
		}
		tmpl_set_int(row, "CLEANING", c);
		tmpl_set_int(row, "GREENING", g);
		tmpl_set_int(row, "REPAIRS", rep);
		tmpl_set_int(row, "SOLVED", solved);
		n++;
	}
	if (rc < 0)
		return;
	if (n == 0)
		tmpl_show(d, "NONE");
	page_render(r, 200);
}

int
reports_late_board(struct req *r, struct tmpl *d, int64_t estate_id)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*month, *due;
	int64_t		 id;
	int		 rc;

	if (!http_may(r, METHOD_GET, "/reports"))
		return 0;
	if ((res = db_query(r->ctx, &SQL_REP_LATE, "i", estate_id)) == NULL)
		return -1;
	while ((rc = db_row(res, "iss", &id, &month, &due)) == 1) {
		row = tmpl_row(d, "REPORT_LATE");
		tmpl_set_int(row, "REPORT_ID", id);
		tmpl_set(row, "REPORT_MONTH", label_period(r->a, month, 1));
		tmpl_set(row, "REPORT_DUE", month_day(r, due));
	}
	return rc < 0 ? -1 : 0;
}

/* Loads report r->ids[0] if the user sees its estate: 1; 0 after
 * answering 404; -1. */
static int
load(struct req *r, struct svc_report *rep)
{
	int	 rc;

	if ((rc = svc_report_load(r->ctx, r->ids[0], rep)) < 0)
		return -1;
	if (rc == 0 || !scope_sees(r, rep->estate_id)) {
		page_error(r, 404, NULL);
		return 0;
	}
	return 1;
}

/* The report's page; v and alert: a refused form's. */
static void
show(struct req *r, const struct svc_report *rep, const struct fval *v,
    const char *alert, int status)
{
	const struct svc_figures *f = &rep->f;
	struct svc_item	*items;
	struct tmpl	*d, *row;
	char		 b[SVC_NUM_MAX];
	size_t		 n, i;
	int		 k;

	d = page_new(r, "staff/report.tpl", "服务月报");
	tmpl_set_int(d, "ID", rep->id);
	tmpl_set_int(d, "ESTATE_ID", rep->estate_id);
	tmpl_set(d, "ESTATE_NAME", rep->estate);
	tmpl_set(d, "MONTH", rep->month_words);
	tmpl_set(d, "SUMMARY", rep->summary);
	tmpl_set(d, "DRAFTED_AT", rep->drafted_at);
	if (rep->status == SVR_PUBLISHED) {
		tmpl_show(d, "PUBLISHED");
		tmpl_set(d, "PUBLISHED_AT", rep->published_at);
	} else {
		tmpl_show(d, rep->late ? "LATE" : "DRAFT");
		tmpl_set(d, "DUE", month_day(r, rep->due_on));
	}
	for (k = 0; k < SVC_KIND__MAX; k++) {
		row = tmpl_row(d, "WORK");
		tmpl_set(row, "KIND", svc_kind_codes[k]);
		tmpl_set(row, "LABEL", svc_kind_labels[k]);
		tmpl_set_int(row, "N", f->logs[k]);
		tmpl_set(row, "UNIT", svc_kind_units[k]);
	}
	tmpl_set_int(d, "RQ_LOGGED", f->rq_logged);
	tmpl_set_int(d, "RQ_SOLVED", f->rq_solved);
	tmpl_set(d, "FIX_HOURS", svc_hours(b, f->fix_secs));
	tmpl_set_int(d, "RQ_PLANNED", f->rq_planned);
	tmpl_set(d, "PLAN_HOURS", svc_hours(b, f->plan_secs));
	tmpl_set_int(d, "SCORE_N", f->score_n);
	tmpl_set(d, "SCORE", svc_tenths(b, f->score_x10));
	if (f->withheld_n > 0) {
		tmpl_show(d, "WITHHELD");
		tmpl_set_int(d, "WITHHELD_N", f->withheld_n);
		tmpl_set_int(d, "WITHHELD_PAID", f->withheld_paid_n);
	}
	if (svc_report_items(r->ctx, rep, SVC_REPAIR, REPAIRS_SHOWN, &items,
	    &n) < 0)
		return;
	for (i = 0; i < n; i++) {
		row = tmpl_row(d, "REPAIR");
		tmpl_set_int(row, "LOG_ID", items[i].id);
		tmpl_set(row, "DAY", month_day(r, items[i].day));
		tmpl_set(row, "AREA", items[i].area);
		if (*items[i].note != '\0') {
			tmpl_show(row, "HAS_NOTE");
			tmpl_set(row, "NOTE", items[i].note);
		}
	}
	if (n == 0)
		tmpl_show(d, "NO_REPAIRS");
	if (http_may(r, METHOD_GET, "/service-logs"))
		tmpl_show(d, "CAN_SEE_LOGS");
	tmpl_set(d, "LOGS_MONTH", arena_printf(r->a, "%04d-%02d",
	    rep->month.y, rep->month.m));
	if (rep->status == SVR_DRAFT &&
	    http_may(r, METHOD_POST, "/reports/#/publish")) {
		tmpl_show(d, "CAN_PUBLISH");
		tmpl_set(d, "SUMMARY_VAL", rep->summary);
		tmpl_set(d, "SEEN_VAL", rep->version);
		if (v != NULL) {
			valid_to_tmpl(d, summary_fields, S__MAX, v);
			if (v[S_CONFIRM].set && v[S_CONFIRM].i == 1)
				tmpl_show(d, "CONFIRM_CHECKED");
		}
	} else {
		tmpl_show(d, "SUMMARY_READ");
		if (rep->status == SVR_DRAFT)
			tmpl_show(d, "MANAGER_PUBLISHES");
	}
	if (rep->status == SVR_DRAFT &&
	    http_may(r, METHOD_POST, "/reports/#/recount"))
		tmpl_show(d, "CAN_RECOUNT");
	if (alert == NULL && http_query(r, "ok") != NULL)
		tmpl_show(d, rep->status == SVR_PUBLISHED ? "JUST_PUBLISHED" :
		    "SAVED");
	if (alert == NULL && rep->status == SVR_DRAFT &&
	    http_query(r, "recounted") != NULL)
		tmpl_show(d, rep->edited ? "RECOUNTED_KEPT" : "RECOUNTED_NEW");
	if (alert != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", alert);
	}
	page_render(r, status);
}

void
page_report(struct req *r)
{
	struct svc_report	 rep;

	if (load(r, &rep) == 1)
		show(r, &rep, NULL, NULL, 200);
}

void
page_report_pdf(struct req *r)
{
	struct svc_report	 rep;

	if (load(r, &rep) == 1)
		svcpdf_send(r, &rep);
}

struct edit_tx {
	int64_t		 id;
	const char	*summary;
	const char	*seen;		/* NULL: a form without it */
	int		 publish;
	int64_t		 queued;
};

static int
edit_tx(struct ctx *ctx, void *arg)
{
	struct edit_tx	*t = arg;

	return t->publish ? svc_publish(ctx, t->id, t->summary, t->seen,
	    &t->queued) : svc_edit(ctx, t->id, t->summary, t->seen);
}

/* A summary refused for its length says what is asked, by the field:
 * 10-800 字, and how many it has. */
static void
summary_err(struct req *r, struct fval *v)
{
	const struct field *f = &summary_fields[S_SUMMARY];
	size_t		 n;

	if (v->err == NULL)
		return;
	if (!v->set) {
		v->err = arena_printf(r->a, "请填写本月小结（%lld-%lld 字）",
		    (long long)f->min, (long long)f->max);
		return;
	}
	n = valid_utf8_len(v->s);
	if (n < (size_t)f->min || n > (size_t)f->max)
		v->err = arena_printf(r->a, "本月小结请写 %lld-%lld 字，现在是 %zu "
		    "字", (long long)f->min, (long long)f->max, n);
}

/*
 * Saves (publish 0) or publishes (1) the summary sent: 303 to the page;
 * 400 with the message by the summary, or by the 确认发布 box when
 * publishing without it, nothing changed; 409 once published.
 */
static void
edit(struct req *r, int publish)
{
	struct svc_report	 rep;
	struct fval		 v[S__MAX];
	struct edit_tx		 t;
	int			 rc, errs;

	if (load(r, &rep) != 1)
		return;
	if (rep.status == SVR_PUBLISHED) {
		show(r, &rep, NULL, PUBLISHED_MSG, 409);
		return;
	}
	errs = valid_fields(r, summary_fields, publish ? S__MAX : SAVE_FIELDS,
	    v);
	if (!publish) {
		memset(&v[S_CONFIRM], 0, sizeof(v[S_CONFIRM]));
		v[S_CONFIRM].s = "";
	}
	summary_err(r, &v[S_SUMMARY]);
	if (publish && !(v[S_CONFIRM].set && v[S_CONFIRM].i == 1)) {
		v[S_CONFIRM].err = CONFIRM_MSG;
		errs++;
	}
	if (errs > 0) {
		show(r, &rep, v, NULL, 400);
		return;
	}
	memset(&t, 0, sizeof(t));
	t.id = rep.id;
	t.summary = v[S_SUMMARY].s;
	t.seen = v[S_SEEN].set ? v[S_SEEN].s : NULL;
	t.publish = publish;
	if ((rc = db_tx(r->ctx, edit_tx, &t)) < 0)
		return;
	if (rc == SVC_PUBLISHED_ALREADY) {
		/* published meanwhile, from another tab */
		if (load(r, &rep) == 1)
			show(r, &rep, NULL, PUBLISHED_MSG, 409);
		return;
	}
	if (rc == SVC_CHANGED) {
		/* saved or recounted meanwhile: the latest, and the words
		 * this form brought, to copy from */
		if (load(r, &rep) == 1)
			show(r, &rep, NULL, arena_printf(r->a, "%s%s",
			    CHANGED_MSG, t.summary), 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/reports/%lld?ok=1",
	    (long long)rep.id));
}

void
page_report_edit(struct req *r)
{
	edit(r, 0);
}

void
page_report_publish(struct req *r)
{
	edit(r, 1);
}

struct recount_tx {
	int64_t		 id;
	int		 kept;
};

static int
recount_tx(struct ctx *ctx, void *arg)
{
	struct recount_tx *t = arg;

	return svc_recount(ctx, t->id, &t->kept);
}

/*
 * 重新统计: counts draft r->ids[0]'s figures again now: 303 to its page
 * (?recounted=1: it says so, the new time, and whether the summary was
 * kept); 409 with the reason once published.
 */
void
page_report_recount(struct req *r)
{
	struct svc_report	 rep;
	struct recount_tx	 t;
	int			 rc;

	if (load(r, &rep) != 1)
		return;
	if (rep.status == SVR_PUBLISHED) {
		show(r, &rep, NULL, RECOUNT_PUBLISHED_MSG, 409);
		return;
	}
	memset(&t, 0, sizeof(t));
	t.id = rep.id;
	if ((rc = db_tx(r->ctx, recount_tx, &t)) < 0)
		return;
	if (rc == SVC_PUBLISHED_ALREADY) {
		if (load(r, &rep) == 1)
			show(r, &rep, NULL, RECOUNT_PUBLISHED_MSG, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/reports/%lld?recounted=1",
	    (long long)rep.id));
}
