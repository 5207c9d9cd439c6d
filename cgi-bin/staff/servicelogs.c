/*
 * servicelogs.c - 服务记录: the simple logs the monthly service report
 * counts (issue 12, DOMAIN.md "Monthly service report"): each cleaning
 * round, piece of greening work and public-area repair, written from a
 * phone where the work was done (core/svcreport.h).
 *
 *   GET  /staff/service-logs[?estate=&kind=&month=YYYY-MM&page=]
 *        the estate's logs, newest day first, 30 a page; a kind or
 *        month that is none: 400, the form with the message by the
 *        field and no list
 *   GET  /staff/service-logs/new[?estate=&kind=]   the form: what kind,
 *        which day (today unless said), where, who did it, a note,
 *        up to 6 photos
 *   POST /staff/service-logs                      logs it (multipart):
 *        303 to its page; 400 with the message by each field in error,
 *        nothing kept (no row, no photo file); 409 for a form sent
 *        before with another log; the same form twice is one log
 *   GET  /staff/service-logs/#                    one log and its photos;
 *        after logging (?ok=1) it says whether its month's report will
 *        count it: drafted on the 1st, not drafted yet, drafted before
 *        it (the manager's 重新统计 counts it), or published (never)
 *   GET  /staff/service-logs/#/photos/#[/thumb]   a photo of the log
 *
 * Another estate's log or photo is 404. Who may log and read: the route
 * table (pages.h ROLES_SVC_LOG, ROLES_SVC_VIEW). Photos are taken as a
 * service request's are (web/rqphoto.h, core/photo.h: checked by their
 * bytes, re-encoded without metadata, kept under photo_dir).
 *
 * Renders templates/staff/service_logs.tpl, service_log_new.tpl,
 * service_log.tpl.
 */
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "rqphoto.h"
#include "svcreport.h"
#include "tmpl.h"
#include "valid.h"

#define PER_PAGE	30
/* How far back a log may be dated: last month's work is still logged in
 * the days its report is drafted and edited. */
#define BACK_DAYS	62

/* Params: estate, kind x2 (NULL: all), month start x2, month end. */
#define SL_FILTER \
    " WHERE l.estate_id = ? AND (? IS NULL OR l.kind = ?)" \
    " AND (? IS NULL OR (l.done_on >= ? AND l.done_on < ?))"

SQL_DEF(SQL_SL_COUNT,
    "SELECT COUNT(*) FROM service_logs l" SL_FILTER);

SQL_DEF(SQL_SL_PAGE,
    "SELECT l.id, l.kind, DATE_FORMAT(l.done_on, '%Y-%m-%d'), l.area, l.who,"
    " l.note, (SELECT COUNT(*) FROM service_log_photos p WHERE p.log_id = l.id)"
    " FROM service_logs l" SL_FILTER
    " ORDER BY l.done_on DESC, l.id DESC LIMIT ? OFFSET ?");

SQL_DEF(SQL_SL_GET,
    "SELECT l.estate_id, e.name, l.kind, DATE_FORMAT(l.done_on, '%Y-%m-%d'),"
    " l.area, l.who, l.note, s.name, s.role,"
    " DATE_FORMAT(l.created_at, '%Y-%m-%d %H:%i')"
    " FROM service_logs l JOIN estates e ON e.id = l.estate_id"
    " JOIN staff s ON s.id = l.logged_by WHERE l.id = ?");

/* The report of log id's month: its id, status, whether it counted the
 * log (written before its figures were counted) and its month. */
SQL_DEF(SQL_SL_REPORT,
    "SELECT r.id, r.status, l.created_at <= r.drafted_at,"
    " DATE_FORMAT(r.month, '%Y-%m-%d')"
    " FROM service_logs l JOIN service_reports r ON r.estate_id = l.estate_id"
    " AND r.month = l.done_on - INTERVAL DAYOFMONTH(l.done_on) - 1 DAY"
    " WHERE l.id = ?");

SQL_DEF(SQL_SL_PHOTOS,
    "SELECT id FROM service_log_photos WHERE log_id = ? ORDER BY id");

SQL_DEF(SQL_SL_PHOTO_KEY,
    "SELECT file_key FROM service_log_photos WHERE id = ? AND log_id = ?");

static const char *const kind_choices[SVC_KIND__MAX + 1] = {
	"cleaning", "greening", "repair", NULL
};

enum { L_ESTATE, L_KIND, L_MONTH, L_PAGE, L__MAX };
static const struct field list_fields[L__MAX] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "kind", "类别", V_CHOICE, 0, 0, 0, kind_choices },
	{ "month", "月份", V_MONTH, 0, 0, 0, NULL },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
};

enum { N_ESTATE, N_KIND, N_DAY, N_AREA, N_WHO, N_NOTE, N_TOKEN, N__MAX };
static const struct field new_fields[N__MAX] = {
	{ "estate", "小区", V_INT, V_REQUIRED, 1, INT64_MAX / 2, NULL },
	{ "kind", "做了什么", V_CHOICE, V_REQUIRED, 0, 0, kind_choices },
	{ "day", "日期", V_DATE, V_REQUIRED, 0, 0, NULL },
	{ "area", "地点", V_TEXT, V_REQUIRED, 2, 100, NULL },
	{ "who", "由谁完成", V_TEXT, V_REQUIRED, 1, 50, NULL },
	{ "note", "说明", V_TEXT, 0, 0, 500, NULL },
	ONCE_FIELD,
};

static const char *
kind_label(const char *code)
{
	enum svc_kind	 k = svc_kind_parse(code);

	return k < SVC_KIND__MAX ? svc_kind_labels[k] : code;
}

/* ---- the list ---- */

void
page_service_logs(struct req *r)
{
	struct fval	 v[L__MAX];
	struct tmpl	*d, *row;
	struct db_res	*res;
	struct estate	 e;
	struct date	 m0;
	const char	*kind, *day, *area, *who, *note, *mfrom = NULL;
	const char	*mto = NULL;
	char		 from[11], to[11];
	int64_t		 id, photos, total, page;
	int		 rc, i, errs;

	valid_fields(r, list_fields, L__MAX, v);
	/* the form's filters; an estate not one's own is scope_estate's,
	 * a page out of range the first */
	errs = (v[L_KIND].err != NULL) + (v[L_MONTH].err != NULL);
	d = page_new(r, "staff/service_logs.tpl", "服务记录");
	if ((rc = scope_estate(r, v[L_ESTATE].set && !v[L_ESTATE].err ?
	    v[L_ESTATE].i : 0, &e, d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	kind = v[L_KIND].set && !v[L_KIND].err ? v[L_KIND].s : NULL;
	if (v[L_MONTH].set && !v[L_MONTH].err) {
		m0 = cal_from_month(v[L_MONTH].i);
		mfrom = cal_fmt(from, m0);
		mto = cal_fmt(to, cal_add_months(m0, 1));
		tmpl_set(d, "MONTH_VAL", v[L_MONTH].s);
	}
	page = v[L_PAGE].set && !v[L_PAGE].err ? v[L_PAGE].i : 1;
	tmpl_set_int(d, "ESTATE_ID", e.id);
	tmpl_set(d, "ESTATE_NAME", e.name);
	if (http_may(r, METHOD_GET, "/service-logs/new"))
		tmpl_show(d, "CAN_LOG");
	for (i = 0; i < SVC_KIND__MAX; i++) {
		row = tmpl_row(d, "KIND_OPT");
		tmpl_set(row, "KEY", svc_kind_codes[i]);
		tmpl_set(row, "LABEL", svc_kind_labels[i]);
		if (kind != NULL && strcmp(kind, svc_kind_codes[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
	if (errs > 0) {
		/* a filter the list cannot apply: said by its field, no list
		 * that would look filtered and is not */
		valid_to_tmpl(d, list_fields, L__MAX, v);
		tmpl_show(d, "HAS_ERRORS");
		page_render(r, 400);
		return;
	}
	if (db_one(r->ctx, &SQL_SL_COUNT, "isssss", "i", e.id, kind, kind,
	    mfrom, mfrom, mto, &total) != 1)
		return;
	res = db_query(r->ctx, &SQL_SL_PAGE, "isssssii", e.id, kind, kind,
	    mfrom, mfrom, mto, (int64_t)PER_PAGE, (page - 1) * PER_PAGE);
	if (res == NULL)
		return;
	while ((rc = db_row(res, "isssssi", &id, &kind, &day, &area, &who,
	    &note, &photos)) == 1) {
		row = tmpl_row(d, "LOG");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "KIND", kind);
		tmpl_set(row, "KIND_LABEL", kind_label(kind));
		tmpl_set(row, "DAY", label_date(r->a, day));
		tmpl_set(row, "AREA", area);
		tmpl_set(row, "WHO", who);
		if (*note != '\0') {
			tmpl_show(row, "HAS_NOTE");
			tmpl_set(row, "NOTE", note);
		}
		if (photos > 0) {
			tmpl_show(row, "HAS_PHOTOS");
			tmpl_set_int(row, "PHOTOS", photos);
		}
	}
	if (rc < 0)
		return;
	if (total == 0)
		tmpl_show(d, "NONE");
	kind = v[L_KIND].set && !v[L_KIND].err ? v[L_KIND].s : NULL;
	page_pager(r, d, arena_printf(r->a, "/staff/service-logs?estate=%lld%s%s"
	    "%s%s", (long long)e.id, kind ? "&kind=" : "", kind ? kind : "",
	    mfrom ? "&month=" : "", mfrom ? v[L_MONTH].s : ""), page,
	    PER_PAGE, total);
	page_render(r, 200);
}

/* ---- logging one ---- */

/* The form for estate e: v (new_fields) and alert after a refusal. */
static void
new_form(struct req *r, const struct estate *e, const struct fval *v,
    const char *alert, int status)
{
	struct tmpl	*d, *row;
	struct date	 today = cal_today();
	const char	*kind = NULL;
	char		 day[11];
	int		 i;

	d = page_new(r, "staff/service_log_new.tpl", "登记服务记录");
	tmpl_set_int(d, "ESTATE_ID", e->id);
	tmpl_set(d, "ESTATE_NAME", e->name);
	tmpl_set(d, "TODAY", cal_fmt(day, today));
	tmpl_set(d, "EARLIEST", cal_fmt(day, cal_add_days(today, -BACK_DAYS)));
	if (v != NULL) {
		valid_to_tmpl(d, new_fields, N__MAX, v);
		kind = v[N_KIND].set ? v[N_KIND].s : NULL;
		if (v[N_TOKEN].err != NULL && alert == NULL)
			alert = v[N_TOKEN].err;
	} else {
		/* today's work by the one logging it, unless they say */
		tmpl_set(d, "DAY_VAL", cal_fmt(day, today));
		tmpl_set(d, "WHO_VAL", r->ctx->actor.name);
		kind = http_query(r, "kind");
	}
	for (i = 0; i < SVC_KIND__MAX; i++) {
		row = tmpl_row(d, "KIND_OPT");
		tmpl_set(row, "KEY", svc_kind_codes[i]);
		tmpl_set(row, "LABEL", svc_kind_labels[i]);
		if (kind != NULL && strcmp(kind, svc_kind_codes[i]) == 0)
			tmpl_show(row, "CHECKED");
	}
	if (alert != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", alert);
	}
	tmpl_set(d, "FORM_TOKEN_VAL", once_token(r->ctx));
	page_render(r, status);
}

void
page_service_log_new(struct req *r)
{
	struct estate	 e;
	struct fval	 v;
	int		 rc;

	valid_one(r, &list_fields[L_ESTATE], http_query(r, "estate"), &v);
	if ((rc = scope_estate(r, v.set && !v.err ? v.i : 0, &e, NULL)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	new_form(r, &e, NULL, NULL, 200);
}

struct log_tx {
	struct svc_log_in	 in;
	struct photo		*photos;
	size_t			 n;
};

static int
log_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct log_tx	*t = arg;

	return svc_log(ctx, &t->in, t->photos, t->n, made);
}

void
page_service_log_post(struct req *r)
{
	struct fval	 v[N__MAX];
	struct estate	 e;
	struct photo	 photos[PHOTO_PER_STEP];
	struct log_tx	 t;
	struct date	 today = cal_today();
	const char	*perr = NULL;
	int64_t		 id;
	int		 errs, rc;

	errs = valid_fields(r, new_fields, N__MAX, v);
	if (v[N_ESTATE].err != NULL || !v[N_ESTATE].set) {
		page_error(r, 400, "请选择小区。");
		return;
	}
	if ((rc = scope_estate(r, v[N_ESTATE].i, &e, NULL)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	/* the work is done by now, and not so long ago that its month's
	 * report is out of reach */
	errs += valid_date_range(r, &v[N_DAY], cal_add_days(today, -BACK_DAYS),
	    today, "只能登记最近两个月内的记录（%s以后）",
	    "日期不能晚于今天（%s）");
	if (errs) {
		new_form(r, &e, v, NULL, 400);
		return;
	}
	if ((rc = rqphoto_take(r, "photos", photos, &t.n, &perr)) < 0) {
		page_fail(r);
		return;
	}
	if (rc > 0) {
		new_form(r, &e, v, perr, 400);
		return;
	}
	memset(&t.in, 0, sizeof(t.in));
	t.photos = photos;
	t.in.estate_id = e.id;
	t.in.kind = (enum svc_kind)v[N_KIND].i;
	t.in.day = v[N_DAY].s;
	t.in.area = v[N_AREA].s;
	t.in.who = v[N_WHO].s;
	t.in.note = v[N_NOTE].s;
	rc = once_tx(r->ctx, v[N_TOKEN].s, "servicelog.log", e.id, e.id,
	    log_tx, &t, &id);
	if (rc != ONCE_FIRST)
		rqphoto_drop(photos, t.n);
	if (rc < 0)
		return;
	if (rc == ONCE_SEEN && id == 0) {
		v[N_TOKEN].err = ONCE_USED_MSG;
		new_form(r, &e, v, NULL, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/service-logs/%lld?ok=1",
	    (long long)id));
}

/* ---- one log ---- */

/*
 * Loads log r->ids[0] into d if the user sees its estate: 1; 0 after
 * answering 404; -1. d NULL: only checked.
 */
static int
log_load(struct req *r, struct tmpl *d)
{
	const char	*estate, *kind, *day, *area, *who, *note, *by, *role;
	const char	*at;
	int64_t		 estate_id;
	int		 rc;

	rc = db_one(r->ctx, &SQL_SL_GET, "i", "isssssssss", r->ids[0],
	    &estate_id, &estate, &kind, &day, &area, &who, &note, &by, &role,
	    &at);
	if (rc < 0)
		return -1;
	if (rc == 0 || !scope_sees(r, estate_id)) {
		page_error(r, 404, NULL);
		return 0;
	}
	if (d == NULL)
		return 1;
	tmpl_set_int(d, "ID", r->ids[0]);
	tmpl_set_int(d, "ESTATE_ID", estate_id);
	tmpl_set(d, "ESTATE_NAME", estate);
	tmpl_set(d, "KIND", kind);
	tmpl_set(d, "KIND_LABEL", kind_label(kind));
	tmpl_set(d, "DAY", label_date(r->a, day));
	tmpl_set(d, "AREA", area);
	tmpl_set(d, "WHO", who);
	if (*note != '\0') {
		tmpl_show(d, "HAS_NOTE");
		tmpl_set(d, "NOTE", note);
	}
	tmpl_set(d, "LOGGED_BY", arena_printf(r->a, "%s（%s）", by,
	    label_role(role)));
	tmpl_set(d, "LOGGED_AT", at);
	return 1;
}

/*
 * The word after logging log r->ids[0]: whether its month's report will
 * count it. No report yet: the 1st drafts it from the logs then
 * (SAVED). A draft that counted its figures before the log was written
 * (a log of last month entered on the 2nd): only the manager's 重新统计
 * brings it in (SAVED_DRAFT). A draft that counts it already: SAVED_IN.
 * Published: never (SAVED_PUBLISHED). 0 or -1.
 */
static int
saved(struct req *r, struct tmpl *d)
{
	const char	*status, *month;
	int64_t		 rid, counted;
	int		 rc;

	rc = db_one(r->ctx, &SQL_SL_REPORT, "i", "isis", r->ids[0], &rid,
	    &status, &counted, &month);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		tmpl_show(d, "SAVED");
		return 0;
	}
	tmpl_set_int(d, "REPORT_ID", rid);
	tmpl_set(d, "REPORT_MONTH", label_period(r->a, month, 1));
	if (svr_status_parse(status) == SVR_PUBLISHED)
		tmpl_show(d, "SAVED_PUBLISHED");
	else
		tmpl_show(d, counted ? "SAVED_IN" : "SAVED_DRAFT");
	return 0;
}

void
page_service_log(struct req *r)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	int64_t		 pid;
	int		 rc;

	d = page_new(r, "staff/service_log.tpl", "服务记录");
	if (log_load(r, d) != 1)
		return;
	if ((res = db_query(r->ctx, &SQL_SL_PHOTOS, "i", r->ids[0])) == NULL)
		return;
	while ((rc = db_row(res, "i", &pid)) == 1) {
		tmpl_show(d, "HAS_PHOTOS");
		row = tmpl_row(d, "PHOTO");
		tmpl_set(row, "URL", arena_printf(r->a,
		    "/staff/service-logs/%lld/photos/%lld",
		    (long long)r->ids[0], (long long)pid));
		tmpl_set(row, "THUMB", arena_printf(r->a,
		    "/staff/service-logs/%lld/photos/%lld/thumb",
		    (long long)r->ids[0], (long long)pid));
	}
	if (rc < 0)
		return;
	if (http_query(r, "ok") != NULL && saved(r, d) < 0)
		return;
	if (http_may(r, METHOD_GET, "/service-logs/new"))
		tmpl_show(d, "CAN_LOG");
	page_render(r, 200);
}

/* Photo r->ids[1] of log r->ids[0], to those who see its estate. */
static void
photo(struct req *r, int thumb)
{
	const char	*key;
	int		 rc;

	if (log_load(r, NULL) != 1)
		return;
	rc = db_one(r->ctx, &SQL_SL_PHOTO_KEY, "ii", "s", r->ids[1],
	    r->ids[0], &key);
	if (rc == 1)
		rqphoto_send_key(r, key, thumb);
	else if (rc == 0)
		page_error(r, 404, NULL);
}

void
page_service_log_photo(struct req *r)
{
	photo(r, 0);
}

void
page_service_log_thumb(struct req *r)
{
	photo(r, 1);
}
