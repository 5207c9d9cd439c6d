/*
 * svcreport.c - the monthly service report and its logs: the pure rules,
 * the month's figures, and the transactions that write them
 * (svcreport.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "codes.h"
#include "ctx.h"
#include "db.h"
#include "labels.h"
#include "msg.h"
#include "photo.h"
#include "request.h"
#include "svcreport.h"

const char *const svc_kind_codes[SVC_KIND__MAX] = {
	"cleaning", "greening", "repair"
};
const char *const svc_kind_labels[SVC_KIND__MAX] = {
	"公共区域保洁", "绿化养护", "公共设施维修"
};
const char *const svc_kind_units[SVC_KIND__MAX] = {
	"次", "次", "项"
};
const char *const svr_status_codes[SVR_STATUS__MAX] = {
	"draft", "published"
};

enum svc_kind
svc_kind_parse(const char *s)
{
	return (enum svc_kind)code_find(svc_kind_codes, SVC_KIND__MAX, s);
}

enum svr_status
svr_status_parse(const char *s)
{
	return (enum svr_status)code_find(svr_status_codes, SVR_STATUS__MAX,
	    s);
}

/* ---- pure ---- */

static int
cmp_i64(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

int64_t
svc_median(int64_t *v, size_t n)
{
	if (n == 0)
		return -1;
	qsort(v, n, sizeof(*v), cmp_i64);
	return v[(n - 1) / 2];
}

int64_t
svc_mean_x10(int64_t sum, int64_t n)
{
	if (n <= 0)
		return -1;
	/* sum * 10 / n, half up: (20 sum + n) / 2n for sum >= 0 */
	return (20 * sum + n) / (2 * n);
}

char *
svc_tenths(char *buf, int64_t x10)
{
	if (x10 < 0)
		snprintf(buf, SVC_NUM_MAX, "—");
	else
		snprintf(buf, SVC_NUM_MAX, "%lld.%lld", (long long)(x10 / 10),
		    (long long)(x10 % 10));
	return buf;
}

char *
svc_hours(char *buf, int64_t secs)
{
	/* tenths of an hour are 360 s: half up */
	return svc_tenths(buf, secs < 0 ? -1 : (secs + 180) / 360);
}

struct date
svc_month_before(struct date day)
{
	day.d = 1;
	return cal_add_months(day, -1);
}

struct date
svc_due(struct date month)
{
	month.d = 1;
	month = cal_add_months(month, 1);
	month.d = SVC_DUE_DAY;
	return month;
}

int
svc_late(struct date month, struct date day)
{
	return cal_cmp(day, svc_due(month)) > 0;
}

/* ---- the figures ---- */

/* Params, here and below: estate, the month's first moment, the next
 * month's ("YYYY-MM-DD"). */
SQL_DEF(SQL_SVC_LOGS,
    "SELECT kind, COUNT(*) FROM service_logs WHERE estate_id = ?"
    " AND done_on >= ? AND done_on < ? GROUP BY kind");

SQL_DEF(SQL_SVC_LOGGED,
    "SELECT COUNT(*) FROM service_requests WHERE estate_id = ?"
    " AND created_at >= ? AND created_at < ?");

/* The requests first planned in the month: seconds from logging. */
SQL_DEF(SQL_SVC_PLANS,
    "SELECT TIMESTAMPDIFF(SECOND, r.created_at, f.first_at)"
    " FROM (SELECT request_id, MIN(at) AS first_at"
    "  FROM service_request_events WHERE estate_id = ? AND kind = 'planned'"
    "  GROUP BY request_id) f"
    " JOIN service_requests r ON r.id = f.request_id"
    " WHERE f.first_at >= ? AND f.first_at < ?");

/*
 * The requests first done in the month (RQ_FIRST_FIXES_SQL: a request is
 * solved in the month it was first done, as the KPI board counts it):
 * seconds from logging, whether the owner withheld fees, the day of that
 * fix and the day of the household's first payment at or after it
 * (RQ_FIRST_PAY_SQL, the one reading of "paid after the fix" the case
 * file and the board share). Params: T, T (now: payments recorded by the
 * draft), estate, from, to. (A join, not a derived table: request.h.)
 */
SQL_DEF(SQL_SVC_FIXES,
    "SELECT TIMESTAMPDIFF(SECOND, r.created_at, fx.at), r.withholding,"
    " DATE_FORMAT(fx.at, '%Y-%m-%d'), COALESCE(" RQ_FIRST_PAY_SQL ", '')"
    RQ_FIRST_FIXES_SQL);

SQL_DEF(SQL_SVC_SCORES,
    "SELECT COUNT(*), COALESCE(SUM(score), 0) FROM service_request_events"
    " WHERE estate_id = ? AND kind = 'followed' AND score IS NOT NULL"
    " AND at >= ? AND at < ?");

int
svc_figures(struct ctx *ctx, int64_t estate, struct date month,
    struct svc_figures *f)
{
	struct db_res	*res;
	const char	*kind, *dday, *pday;
	char		 from[11], to[11];
	int64_t		*v = NULL, secs, wh, n, sum;
	size_t		 k = 0, cap = 0;
	enum svc_kind	 sk;
	int		 rc;

	memset(f, 0, sizeof(*f));
	month.d = 1;
	cal_fmt(from, month);
	cal_fmt(to, cal_add_months(month, 1));
	if ((res = db_query(ctx, &SQL_SVC_LOGS, "iss", estate, from,
	    to)) == NULL)
		return -1;
	while ((rc = db_row(res, "si", &kind, &n)) == 1)
		if ((sk = svc_kind_parse(kind)) < SVC_KIND__MAX)
			f->logs[sk] = n;
	db_done(res);
	if (rc < 0 || ctx->db_failed)
		return -1;
	if (db_one(ctx, &SQL_SVC_LOGGED, "iss", "i", estate, from, to,
	    &f->rq_logged) != 1)
		return -1;
	if ((res = db_query(ctx, &SQL_SVC_PLANS, "iss", estate, from,
	    to)) == NULL)
		return -1;
	while ((rc = db_row(res, "i", &secs)) == 1) {
		v = arena_grow(ctx->a, v, k, &cap, sizeof(*v), 64);
		v[k++] = secs;
	}
	db_done(res);
	if (rc < 0 || ctx->db_failed)
		return -1;
	f->rq_planned = (int64_t)k;
	f->plan_secs = svc_median(v, k);
	v = NULL;
	k = cap = 0;
	if ((res = db_query(ctx, &SQL_SVC_FIXES, "ssiss", ctx->now, ctx->now,
	    estate, from, to)) == NULL)
		return -1;
	while ((rc = db_row(res, "iiss", &secs, &wh, &dday, &pday)) == 1) {
		v = arena_grow(ctx->a, v, k, &cap, sizeof(*v), 64);
		v[k++] = secs;
		if (!wh)
			continue;
		f->withheld_n++;
		if (rq_paid_after_fix(dday, pday) == RQ_PAID_AFTER)
			f->withheld_paid_n++;
	}
	db_done(res);
	if (rc < 0 || ctx->db_failed)
		return -1;
	f->rq_solved = (int64_t)k;
	f->fix_secs = svc_median(v, k);
	if (db_one(ctx, &SQL_SVC_SCORES, "iss", "ii", estate, from, to, &n,
	    &sum) != 1)
		return -1;
	f->score_n = n;
	f->score_x10 = svc_mean_x10(sum, n);
	return 0;
}

const char *
svc_summary_draft(struct arena *a, struct date month,
    const struct svc_figures *f)
{
	char		 m[11], h[SVC_NUM_MAX], s[SVC_NUM_MAX];
	const char	*text;

	month.d = 1;
	cal_fmt(m, month);
	text = arena_printf(a, "%s，物业服务中心共完成%s %lld 次、%s %lld 次、"
	    "%s %lld 项；收到业主报事报修 %lld 件，修好 %lld 件",
	    label_period(a, m, 1),
	    svc_kind_labels[SVC_CLEANING], (long long)f->logs[SVC_CLEANING],
	    svc_kind_labels[SVC_GREENING], (long long)f->logs[SVC_GREENING],
	    svc_kind_labels[SVC_REPAIR], (long long)f->logs[SVC_REPAIR],
	    (long long)f->rq_logged, (long long)f->rq_solved);
	if (f->fix_secs >= 0)
		text = arena_printf(a, "%s，一半的报修在 %s 小时内修好",
		    text, svc_hours(h, f->fix_secs));
	if (f->score_x10 >= 0)
		text = arena_printf(a, "%s；回访满意度 %s 分", text,
		    svc_tenths(s, f->score_x10));
	return arena_printf(a, "%s。感谢各位业主的支持与监督，欢迎继续通过"
	    "“报修”告诉我们小区里需要改进的地方。", text);
}

/* ---- loading ---- */

/* A draft's version as a page showed it: when its summary was saved and
 * its figures counted, to the microsecond (svc_edit's seen). */
#define SVC_VERSION_SQL \
    " CONCAT(COALESCE(DATE_FORMAT(r.edited_at, '%Y%m%d%H%i%s%f'), '0'), '-'," \
    "  DATE_FORMAT(r.drafted_at, '%Y%m%d%H%i%s%f'))"

SQL_DEF(SQL_SVC_LOAD,
    "SELECT r.estate_id, DATE_FORMAT(r.month, '%Y-%m-%d'), r.status, r.late,"
    " DATE_FORMAT(r.due_on, '%Y-%m-%d'), r.summary,"
    " DATE_FORMAT(r.drafted_at, '%Y-%m-%d %H:%i'),"
    " COALESCE(DATE_FORMAT(r.published_at, '%Y-%m-%d %H:%i'), ''),"
    " e.name, e.service_centre, e.phone,"
    " r.cleaning_n, r.greening_n, r.repair_n, r.rq_logged, r.rq_solved,"
    " COALESCE(r.fix_secs, -1), r.rq_planned, COALESCE(r.plan_secs, -1),"
    " r.score_n, COALESCE(r.score_x10, -1), r.withheld_n, r.withheld_paid_n,"
    " r.edited_at IS NOT NULL," SVC_VERSION_SQL
    " FROM service_reports r JOIN estates e ON e.id = r.estate_id"
    " WHERE r.id = ?");

int
svc_report_load(struct ctx *ctx, int64_t id, struct svc_report *r)
{
	struct svc_figures	*f = &r->f;
	const char		*month, *status;
	int64_t			 late, edited;
	int			 rc;

	memset(r, 0, sizeof(*r));
	r->id = id;
	rc = db_one(ctx, &SQL_SVC_LOAD, "i", "ississsssssiiiiiiiiiiiiis", id,
	    &r->estate_id, &month, &status, &late, &r->due_on, &r->summary,
	    &r->drafted_at, &r->published_at, &r->estate, &r->centre,
	    &r->phone, &f->logs[SVC_CLEANING], &f->logs[SVC_GREENING],
	    &f->logs[SVC_REPAIR], &f->rq_logged, &f->rq_solved, &f->fix_secs,
	    &f->rq_planned, &f->plan_secs, &f->score_n, &f->score_x10,
	    &f->withheld_n, &f->withheld_paid_n, &edited, &r->version);
	if (rc != 1)
		return rc;
	r->edited = edited != 0;
	if (cal_parse(month, &r->month) < 0)
		return -1;
	r->month_words = label_period(ctx->a, month, 1);
	r->status = svr_status_parse(status);
	r->late = late != 0;
	return 1;
}

SQL_DEF(SQL_SVC_ITEMS,
    "SELECT l.id, DATE_FORMAT(l.done_on, '%Y-%m-%d'), l.area, l.who, l.note"
    " FROM service_logs l JOIN service_reports r ON r.id = ?"
    " WHERE l.estate_id = r.estate_id AND l.kind = ?"
    " AND l.done_on >= r.month AND l.done_on < r.month + INTERVAL 1 MONTH"
    " AND l.created_at <= r.drafted_at ORDER BY l.done_on, l.id LIMIT ?");

int
svc_report_items(struct ctx *ctx, const struct svc_report *r,
    enum svc_kind kind, size_t max, struct svc_item **out, size_t *n)
{
	struct db_res	*res;
	struct svc_item	*v;
	int		 rc = 0;

	*n = 0;
	*out = v = arena_alloc(ctx->a, (max ? max : 1) * sizeof(*v));
	if ((res = db_query(ctx, &SQL_SVC_ITEMS, "isi", r->id,
	    svc_kind_codes[kind], (int64_t)max)) == NULL)
		return -1;
	while (*n < max && (rc = db_row(res, "issss", &v[*n].id, &v[*n].day,
	    &v[*n].area, &v[*n].who, &v[*n].note)) == 1)
		(*n)++;
	db_done(res);
	return rc < 0 || ctx->db_failed ? -1 : 0;
}

/* ---- transactions ---- */

SQL_DEF(SQL_SVC_LOG_INSERT,
    "INSERT INTO service_logs (estate_id, kind, done_on, area, who, note,"
    " logged_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

SQL_DEF(SQL_SVC_PHOTO_INSERT,
    "INSERT INTO service_log_photos (estate_id, log_id, file_key, width,"
    " height, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");

int
svc_log(struct ctx *ctx, const struct svc_log_in *in,
    const struct photo *p, size_t n, int64_t *id)
{
	size_t	 i;

	if (db_exec(ctx, &SQL_SVC_LOG_INSERT, "isssssis", in->estate_id,
	    svc_kind_codes[in->kind], in->day, in->area, in->who, in->note,
	    ctx->actor.id, ctx->now) < 0)
		return -1;
	*id = db_insert_id(ctx);
	for (i = 0; i < n; i++)
		if (db_exec(ctx, &SQL_SVC_PHOTO_INSERT, "iisiiis", in->estate_id,
		    *id, p[i].key, p[i].width, p[i].height, p[i].bytes,
		    ctx->now) < 0)
			return -1;
	return audit(ctx, in->estate_id, "servicelog.log", "service_log", *id,
	    DB_NULL, arena_printf(ctx->a, "%s, %s", svc_kind_codes[in->kind],
	    in->day));
}

/* Params: estate, month, due, the figures (13), summary, now. */
SQL_DEF(SQL_SVC_DRAFT,
    "INSERT INTO service_reports (estate_id, month, due_on, cleaning_n,"
    " greening_n, repair_n, rq_logged, rq_solved, fix_secs, rq_planned,"
    " plan_secs, score_n, score_x10, withheld_n, withheld_paid_n, summary,"
    " drafted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

SQL_DEF(SQL_SVC_EXISTS,
    "SELECT id FROM service_reports WHERE estate_id = ? AND month = ?");

int
svc_draft(struct ctx *ctx, int64_t estate, struct date month)
{
	struct svc_figures	 f;
	const char		*summary;
	char			 m[11], due[11];
	int64_t			 id;
	int			 rc;

	month.d = 1;
	cal_fmt(m, month);
	cal_fmt(due, svc_due(month));
	if ((rc = db_one(ctx, &SQL_SVC_EXISTS, "is", "i", estate, m,
	    &id)) != 0)
		return rc < 0 ? -1 : 0;
	if (svc_figures(ctx, estate, month, &f) < 0)
		return -1;
	summary = svc_summary_draft(ctx->a, month, &f);
	rc = (int)db_exec_unique(ctx, &SQL_SVC_DRAFT, "issiiiiiIiIiIiiss",
	    estate, m, due, f.logs[SVC_CLEANING], f.logs[SVC_GREENING],
	    f.logs[SVC_REPAIR], f.rq_logged, f.rq_solved,
	    f.fix_secs < 0 ? DB_NULL : f.fix_secs, f.rq_planned,
	    f.plan_secs < 0 ? DB_NULL : f.plan_secs, f.score_n,
	    f.score_x10 < 0 ? DB_NULL : f.score_x10, f.withheld_n,
	    f.withheld_paid_n, summary, ctx->now);
	if (rc == DB_DUPLICATE)
		return 0;	/* another worker drafted it meanwhile */
	if (rc < 0)
		return -1;
	id = db_insert_id(ctx);
	if (audit(ctx, estate, "report.draft", "service_report", id, DB_NULL,
	    m) < 0)
		return -1;
	return 1;
}

SQL_DEF(SQL_SVC_LATE,
    "UPDATE service_reports SET late = 1, late_at = ? WHERE estate_id = ?"
    " AND month = ? AND status = 'draft' AND late = 0");

int
svc_flag_late(struct ctx *ctx, int64_t estate, struct date month,
    struct date day)
{
	char	 m[11];
	int64_t	 n, id;

	month.d = 1;
	if (!svc_late(month, day))
		return 0;
	cal_fmt(m, month);
	if ((n = db_exec(ctx, &SQL_SVC_LATE, "sis", ctx->now, estate, m)) < 0)
		return -1;
	if (n == 0)
		return 0;
	if (db_one(ctx, &SQL_SVC_EXISTS, "is", "i", estate, m, &id) != 1)
		return -1;
	if (audit(ctx, estate, "report.late", "service_report", id, DB_NULL,
	    m) < 0)
		return -1;
	return 1;
}

SQL_DEF(SQL_SVC_LOCK,
    "SELECT r.estate_id, r.status, DATE_FORMAT(r.month, '%Y-%m-%d'),"
    " r.edited_at IS NOT NULL, r.cleaning_n, r.greening_n, r.repair_n,"
    " r.rq_logged, r.rq_solved," SVC_VERSION_SQL
    " FROM service_reports r WHERE r.id = ? FOR UPDATE");

SQL_DEF(SQL_SVC_EDIT,
    "UPDATE service_reports SET summary = ?, edited_by = ?, edited_at = ?"
    " WHERE id = ? AND status = 'draft'");

SQL_DEF(SQL_SVC_PUBLISH,
    "UPDATE service_reports SET summary = ?, edited_by = ?, edited_at = ?,"
    " status = 'published', published_by = ?, published_at = ?"
    " WHERE id = ? AND status = 'draft'");

/* A report as lock_draft() finds it. */
struct svc_locked {
	int64_t		 estate;
	struct date	 month;
	int		 edited;	/* the manager saved words of their own */
	const char	*version;	/* SVC_VERSION_SQL */
	struct svc_figures f;		/* the counts only (SQL_SVC_LOCK) */
};

/* Locks draft id into *l: 0, SVC_PUBLISHED_ALREADY, -1. */
static int
lock_draft(struct ctx *ctx, int64_t id, struct svc_locked *l)
{
	const char	*status, *month;
	int64_t		 edited;

	memset(l, 0, sizeof(*l));
	if (db_one(ctx, &SQL_SVC_LOCK, "i", "issiiiiiis", id, &l->estate,
	    &status, &month, &edited, &l->f.logs[SVC_CLEANING],
	    &l->f.logs[SVC_GREENING], &l->f.logs[SVC_REPAIR], &l->f.rq_logged,
	    &l->f.rq_solved, &l->version) != 1)
		return -1;
	if (cal_parse(month, &l->month) < 0)
		return -1;
	l->edited = edited != 0;
	return svr_status_parse(status) == SVR_DRAFT ? 0 :
	    SVC_PUBLISHED_ALREADY;
}

int
svc_edit(struct ctx *ctx, int64_t id, const char *summary, const char *seen)
{
	struct svc_locked l;
	int		 rc;

	if ((rc = lock_draft(ctx, id, &l)) != 0)
		return rc;
	if (seen != NULL && strcmp(seen, l.version) != 0)
		return SVC_CHANGED;
	if (db_exec(ctx, &SQL_SVC_EDIT, "sisi", summary, ctx->actor.id,
	    ctx->now, id) < 0)
		return -1;
	return audit(ctx, l.estate, "report.edit", "service_report", id,
	    DB_NULL, "") < 0 ? -1 : 0;
}

int
svc_publish(struct ctx *ctx, int64_t id, const char *summary,
    const char *seen, int64_t *queued)
{
	struct svc_locked l;
	int64_t		 estate;
	int		 rc;

	*queued = 0;
	if ((rc = lock_draft(ctx, id, &l)) != 0)
		return rc;
	if (seen != NULL && strcmp(seen, l.version) != 0)
		return SVC_CHANGED;
	estate = l.estate;
	if (db_exec(ctx, &SQL_SVC_PUBLISH, "sisisi", summary, ctx->actor.id,
	    ctx->now, ctx->actor.id, ctx->now, id) < 0)
		return -1;
	if ((*queued = msg_queue_estate(ctx, estate, MSG_SERVICE_REPORT,
	    arena_printf(ctx->a, "%s/%lld/", MSG_SERVICE_REPORT,
	    (long long)id), arena_printf(ctx->a, "{\"report\":%lld}",
	    (long long)id))) < 0)
		return -1;
	return audit(ctx, estate, "report.publish", "service_report", id,
	    DB_NULL, arena_printf(ctx->a, "%lld messages",
	    (long long)*queued)) < 0 ? -1 : 0;
}

/* Params: the figures (12), summary (NULL: kept), now, id. */
SQL_DEF(SQL_SVC_RECOUNT,
    "UPDATE service_reports SET cleaning_n = ?, greening_n = ?, repair_n = ?,"
    " rq_logged = ?, rq_solved = ?, fix_secs = ?, rq_planned = ?,"
    " plan_secs = ?, score_n = ?, score_x10 = ?, withheld_n = ?,"
    " withheld_paid_n = ?, summary = COALESCE(?, summary), drafted_at = ?"
    " WHERE id = ? AND status = 'draft'");

/* What changed between the counts a and b, for the audit row, in the
 * words the audit log shows (auditlog.c: D_TEXT): "公共区域保洁 5→6，报修修好
 * 3→4", or "" when none did. */
static const char *
recount_changes(struct arena *a, const struct svc_figures *was,
    const struct svc_figures *now)
{
	static const char *const names[] = { "报修登记", "报修修好" };
	const int64_t	 rq_was[] = { was->rq_logged, was->rq_solved };
	const int64_t	 rq_now[] = { now->rq_logged, now->rq_solved };
	const char	*s = "";
	size_t		 i;

	for (i = 0; i < SVC_KIND__MAX; i++)
		if (was->logs[i] != now->logs[i])
			s = arena_printf(a, "%s%s%s %lld→%lld", s, *s ? "，" : "",
			    svc_kind_labels[i], (long long)was->logs[i],
			    (long long)now->logs[i]);
	for (i = 0; i < 2; i++)
		if (rq_was[i] != rq_now[i])
			s = arena_printf(a, "%s%s%s %lld→%lld", s, *s ? "，" : "",
			    names[i], (long long)rq_was[i], (long long)rq_now[i]);
	return s;
}

int
svc_recount(struct ctx *ctx, int64_t id, int *summary_kept)
{
	struct svc_locked l;
	struct svc_figures f;
	const char	*summary, *changes;
	char		 m[11];
	int		 rc;

	*summary_kept = 0;
	if ((rc = lock_draft(ctx, id, &l)) != 0)
		return rc;
	if (svc_figures(ctx, l.estate, l.month, &f) < 0)
		return -1;
	/* the manager's words stand; the first summary, the machine's own,
	 * is written again from the new figures */
	summary = l.edited ? NULL : svc_summary_draft(ctx->a, l.month, &f);
	*summary_kept = l.edited;
	if (db_exec(ctx, &SQL_SVC_RECOUNT, "iiiiiIiIiIiissi",
	    f.logs[SVC_CLEANING], f.logs[SVC_GREENING], f.logs[SVC_REPAIR],
	    f.rq_logged, f.rq_solved, f.fix_secs < 0 ? DB_NULL : f.fix_secs,
	    f.rq_planned, f.plan_secs < 0 ? DB_NULL : f.plan_secs, f.score_n,
	    f.score_x10 < 0 ? DB_NULL : f.score_x10, f.withheld_n,
	    f.withheld_paid_n, summary, ctx->now, id) < 0)
		return -1;
	changes = recount_changes(ctx->a, &l.f, &f);
	return audit(ctx, l.estate, "report.recount", "service_report", id,
	    DB_NULL, arena_printf(ctx->a, "%s%s%s", cal_fmt(m, l.month),
	    *changes ? ": " : "", changes)) < 0 ? -1 : 0;
}
