/*
 * performance.c - 收费员月度绩效 (issue 12, DOMAIN.md "Collector
 * performance"): for an estate and a month, each collector's follow-ups,
 * their mean satisfaction against the estate's baseline, the pay
 * multiplier it earns (core/perf.h: 100 % plus the step's percent per
 * full step over the baseline, never less than 100 %), the completion
 * rate of the households assigned to them at the month's end, and how
 * many follow-ups came within 3 days of the fix.
 *
 *   GET /staff/performance[?estate=&month=YYYY-MM]
 *        templates/staff/performance.tpl; the month defaults to the
 *        last one; a month that is no month, or one still to come,
 *        answers 400 with the message by the field
 *   GET /staff/performance.csv?estate=&month=   the same rows as CSV;
 *        400 with the message for a bad month
 *
 * Every figure is as at the month's end (the midnight after it, or now
 * while it runs on), like the KPI board's. The team lead and the manager
 * see every row; a collector only their own (access.c,
 * DATA_PERFORMANCE): a row the user may not see is left out of the page
 * and of the CSV alike.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "csv.h"
#include "db.h"
#include "http.h"
#include "kpi.h"
#include "money.h"
#include "page.h"
#include "pages.h"
#include "perf.h"
#include "role.h"
#include "tmpl.h"
#include "valid.h"

enum { F_ESTATE, F_MONTH, F__MAX };

static const struct field fields[F__MAX] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "month", "月份", V_MONTH, 0, 0, 0, NULL },
};

/* The first month the page shows: before any estate's records (and
 * MariaDB's dates start at the year 1000). */
#define FIRST_MONTH	(2000 * 12)

/*
 * Reads the estate (none, or one not a number: the first the user sees)
 * and the month (default: the last one) into e and *month. Returns 1,
 * 2 (a field in error: v says which), 0 (the estate out of scope: 404
 * answered) or -1.
 */
static int
begin(struct req *r, struct fval *v, struct estate *e, struct date *month,
    struct tmpl *d)
{
	struct date	 today = cal_today();
	int64_t		 now_ym = (int64_t)today.y * 12 + today.m - 1;
	int		 errs, rc;

	errs = valid_fields(r, fields, F__MAX, v);
	if (v[F_ESTATE].err != NULL) {
		v[F_ESTATE].err = NULL;
		v[F_ESTATE].set = 0;
		errs--;
	}
	if ((rc = scope_estate(r, v[F_ESTATE].set ? v[F_ESTATE].i : 0, e,
	    d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return rc;
	}
	if (v[F_MONTH].set && !v[F_MONTH].err) {
		if (v[F_MONTH].i > now_ym) {
			v[F_MONTH].err = "这个月还没到，请选择本月或以前的月份";
			errs++;
		} else if (v[F_MONTH].i < FIRST_MONTH) {
			v[F_MONTH].err = "月份不能早于 2000-01";
			errs++;
		}
	}
	if (v[F_MONTH].set && !v[F_MONTH].err)
		*month = cal_from_month(v[F_MONTH].i);
	else {
		*month = cal_add_months((struct date){ today.y, today.m, 1 },
		    -1);
	}
	return errs ? 2 : 1;
}

/* Whether the user sees staff member id's row (access.c). */
static int
sees_row(struct req *r, int64_t id)
{
	return http_sees(r, DATA_PERFORMANCE, id == r->ctx->actor.id) ==
	    SEE_ALL;
}

/* A role's name beside a name that is not a collector's. */
static const char *
who(struct req *r, const struct perf_row *p)
{
	if (strcmp(p->role, "collector") == 0 || *p->role == '\0')
		return p->name;
	return arena_printf(r->a, "%s（%s）", p->name, role_label(p->role));
}

/* The rule in words: 基准 85 分，每高出 5 分绩效工资 +3%. */
static const char *
rule_words(struct req *r, const struct perf_rule *rule)
{
	char	 pct[PERF_FMT_MAX];

	return arena_printf(r->a, "基准满意度 %lld 分，每高出 %lld 分绩效工资"
	    " +%s", (long long)rule->baseline, (long long)rule->step_points,
	    perf_bp_fmt(pct, rule->step_bp));
}

void
page_performance(struct req *r)
{
	struct fval	 v[F__MAX];
	struct estate	 e;
	struct date	 month, prev, next, today = cal_today();
	struct perf	*p;
	struct tmpl	*d, *row;
	const struct perf_row *x;
	char		 b[PERF_FMT_MAX], pct[KPI_PCT_MAX];
	const char	*ym;
	size_t		 i, shown = 0;
	int		 rc;

	d = page_new(r, "staff/performance.tpl", "收费员月度绩效");
	if ((rc = begin(r, v, &e, &month, d)) < 1)
		return;
	valid_to_tmpl(d, fields, F__MAX, v);
	tmpl_set_int(d, "ESTATE_ID", e.id);
	ym = arena_printf(r->a, "%04d-%02d", month.y, month.m);
	if (rc == 2) {
		tmpl_show(d, "HAS_ERRORS");
		page_render(r, 400);
		return;
	}
	tmpl_show(d, "RESULT");
	tmpl_set(d, "MONTH_VAL", ym);
	tmpl_set(d, "MONTH_WORDS", arena_printf(r->a, "%d年%d月", month.y,
	    month.m));
	p = arena_alloc(r->a, sizeof(*p));
	if ((rc = perf_month(r->ctx, e.id, month, p)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	tmpl_set(d, "ASOF", p->when.now ? p->when.asof :
	    arena_printf(r->a, "%04d-%02d-%02d 日终", month.y, month.m,
	    cal_days_in_month(month.y, month.m)));
	tmpl_set(d, "RULE", rule_words(r, &p->rule));
	tmpl_set_int(d, "BASELINE", p->rule.baseline);
	if (http_may(r, METHOD_POST, "/settings"))
		tmpl_show(d, "CAN_SET");
	tmpl_set(d, "CSV_URL", arena_printf(r->a,
	    "/staff/performance.csv?estate=%lld&month=%s", (long long)e.id,
	    ym));
	/* The months either side (none after the current one). */
	prev = cal_add_months(month, -1);
	next = cal_add_months(month, 1);
	tmpl_set(d, "PREV_URL", arena_printf(r->a,
	    "/staff/performance?estate=%lld&month=%04d-%02d", (long long)e.id,
	    prev.y, prev.m));
	if (next.y * 12 + next.m <= today.y * 12 + today.m) {
		tmpl_show(d, "HAS_NEXT");
		tmpl_set(d, "NEXT_URL", arena_printf(r->a,
		    "/staff/performance?estate=%lld&month=%04d-%02d",
		    (long long)e.id, next.y, next.m));
	}
	if (http_sees(r, DATA_PERFORMANCE, 0) != SEE_ALL)
		tmpl_show(d, "OWN_ONLY");
	for (i = 0; i < p->n; i++) {
		x = &p->rows[i];
		if (!sees_row(r, x->staff_id))
			continue;
		shown++;
		row = tmpl_row(d, "ROW");
		tmpl_set_int(row, "STAFF_ID", x->staff_id);
		tmpl_set(row, "NAME", who(r, x));
		tmpl_set_int(row, "FOLLOWUPS", x->followups);
		tmpl_set(row, "MEAN", perf_score_fmt(b, x->mean_x10));
		tmpl_set(row, "DIFF", x->mean_x10 < 0 ? "—" :
		    perf_diff_fmt(b, x->diff_x10));
		if (x->mean_x10 >= 0 && x->diff_x10 < 0)
			tmpl_show(row, "BELOW");
		tmpl_set(row, "MULT", perf_bp_fmt(b, x->mult_bp));
		if (x->mult_bp > 10000)
			tmpl_show(row, "RAISED");
		tmpl_set(row, "COMPLETION", kpi_pct(pct, kpi_permille10(
		    x->paid_fen, x->due_fen)));
		page_money(row, "DUE", x->due_fen);
		page_money(row, "PAID", x->paid_fen);
		tmpl_set_int(row, "ON_TIME", x->on_time);
		tmpl_set(row, "ON_TIME_SHARE", kpi_pct(pct, kpi_permille10(
		    x->on_time, x->followups)));
	}
	if (shown == 0)
		tmpl_show(d, "NONE");
	page_render(r, 200);
}

void
page_performance_csv(struct req *r)
{
	struct fval	 v[F__MAX];
	struct estate	 e;
	struct date	 month;
	struct perf	*p;
	struct buf	*out = &r->body;
	const struct perf_row *x;
	char		 b[PERF_FMT_MAX], pct[KPI_PCT_MAX];
	const char	*ym;
	size_t		 i;
	int		 rc;

	if ((rc = begin(r, v, &e, &month, NULL)) < 1)
		return;
	if (rc == 2) {
		page_error(r, 400, arena_printf(r->a, "%s。请返回收费员月度绩效"
		    "页面重新选择月份。", v[F_MONTH].err));
		return;
	}
	p = arena_alloc(r->a, sizeof(*p));
	if ((rc = perf_month(r->ctx, e.id, month, p)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	ym = arena_printf(r->a, "%04d-%02d", month.y, month.m);
	csv_begin(out);
	csv_field(out, "月份");
	csv_field(out, "收费员");
	csv_field(out, "回访次数");
	csv_field(out, "平均满意度");
	csv_field(out, "与基准差");
	csv_field(out, "绩效系数");
	csv_field(out, "应收（元）");
	csv_field(out, "实收（元）");
	csv_field(out, "收费完成率");
	csv_field(out, "按时回访");
	csv_field(out, "按时回访占比");
	csv_end_row(out);
	for (i = 0; i < p->n; i++) {
		x = &p->rows[i];
		if (!sees_row(r, x->staff_id))
			continue;
		csv_field(out, ym);
		csv_field(out, who(r, x));
		csv_int(out, x->followups);
		csv_field(out, perf_score_fmt(b, x->mean_x10));
		if (x->mean_x10 < 0)
			csv_field(out, "—");
		else
			csv_tenths(out, x->diff_x10);
		csv_field(out, perf_bp_fmt(b, x->mult_bp));
		csv_money(out, x->due_fen);
		csv_money(out, x->paid_fen);
		csv_field(out, kpi_pct(pct, kpi_permille10(x->paid_fen,
		    x->due_fen)));
		csv_int(out, x->on_time);
		csv_field(out, kpi_pct(pct, kpi_permille10(x->on_time,
		    x->followups)));
		csv_end_row(out);
	}
	http_body_file(r, RESP_CSV, arena_printf(r->a, "performance-%s.csv",
	    ym), 1);
}
