/*
 * kpi.c - the KPI board (收费指标): for an estate and a date range,
 * overall and by occupancy, the collection rate (by amount and by
 * households), historical-arrears recovery, online payment share,
 * payments by channel, door-to-door visits and the share to owners over
 * 80, tier counts and amounts, each beside the estate's target, and
 * monthly trend charts (SVG drawn here). Every figure, the tiers too, is
 * as the books stood at the end of the range, and the page says so.
 *
 *   GET /staff/kpi        templates/staff/kpi.tpl (default: this year)
 *   GET /staff/kpi.csv    ?table=summary|channels|tiers|months|enquiries|
 *                         service|satisfaction
 *
 * Enquiries and disputes (收费咨询及异议, issue 12): counts by category
 * and by month, the share of payment-process complaints (缴费流程投诉)
 * and of answered enquiries the owner accepted.
 *
 * The service loop (收费-服务闭环, issue 12): satisfaction (the mean
 * follow-up score) beside its target, by occupancy and - to those who see
 * staff performance (access.c, DATA_PERFORMANCE: the lead, the manager) -
 * by member of staff (their rows add up to the loop's follow-ups); the
 * requests logged in the range, the steps taken in it on time and late
 * and those due in it still not taken, and the withholding owners first
 * fixed in it who paid within 30 days of the fix, each defined under its
 * figure on the page (core/kpi.h). Links to the monthly performance page
 * (performance.c).
 *
 * The figures are defined in core/kpi.h.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "arrears.h"
#include "cal.h"
#include "chart.h"
#include "csv.h"
#include "custody.h"
#include "db.h"
#include "enquiry.h"
#include "http.h"
#include "kpi.h"
#include "labels.h"
#include "money.h"
#include "page.h"
#include "pages.h"
#include "perf.h"
#include "role.h"
#include "tmpl.h"
#include "valid.h"

static const char *const tables[] = {
	"summary", "channels", "tiers", "months", "enquiries", "service",
	"satisfaction", NULL
};

enum { F_ESTATE, F_FROM, F_TO, F_TABLE, F__MAX };

static const struct field fields[F__MAX] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "from", "开始日期", V_DATE, 0, 0, 0, NULL },
	{ "to", "结束日期", V_DATE, 0, 0, 0, NULL },
	{ "table", "表格", V_CHOICE, 0, 0, 0, tables },
};

/* The board's columns: all premises, then each occupancy (kpi.h). */
static const char *
occ_label(int i)
{
	return i == 0 ? "全部" : occupancy_labels[i - 1];
}

/* One summary line: a label, a value per occupancy and the target. */
struct line {
	const char	*key;
	const char	*label;
	char		 v[KPI_OCC][KPI_PCT_MAX + MONEY_FMT_MAX];
	char		 target[KPI_PCT_MAX];
};

#define NLINES	9

static void
lines(const struct kpi *k, struct line *l)
{
	char	 m[MONEY_FMT_MAX];
	int	 i;

	memset(l, 0, sizeof(*l) * NLINES);
	l[0].key = "collection_amount";
	l[0].label = "收费率（按金额）";
	l[1].key = "collection_households";
	l[1].label = "收费率（按户数）";
	l[2].key = "recovery";
	l[2].label = "历史欠费化解率";
	l[3].key = "online_count";
	l[3].label = "线上缴费占比（笔数）";
	l[4].key = "online_amount";
	l[4].label = "线上缴费占比（金额）";
	l[5].key = "collected";
	l[5].label = "实收金额（元）";
	l[6].key = "visits";
	l[6].label = "上门收费次数";
	l[7].key = "visits_80";
	l[7].label = "其中80岁以上业主占比";
	l[8].key = "satisfaction";
	l[8].label = "满意度（回访平均分）";
	for (i = 0; i < KPI_OCC; i++) {
		kpi_pct(l[0].v[i], kpi_permille10(k->paid[i], k->billed[i]));
		kpi_pct(l[1].v[i], kpi_permille10(k->hh_paid[i], k->hh[i]));
		kpi_pct(l[2].v[i], kpi_permille10(k->recovered[i],
		    k->arrears[i]));
		kpi_pct(l[3].v[i], kpi_permille10(k->online_n[i], k->pay_n[i]));
		kpi_pct(l[4].v[i], kpi_permille10(k->online_amt[i],
		    k->pay_amt[i]));
		snprintf(l[5].v[i], sizeof(l[5].v[i]), "%s",
		    money_fmt(m, k->pay_amt[i]));
		snprintf(l[6].v[i], sizeof(l[6].v[i]), "%lld",
		    (long long)k->visits[i]);
		kpi_pct(l[7].v[i], kpi_permille10(k->visits_80[i],
		    k->visits[i]));
		perf_score_fmt(l[8].v[i], perf_mean_x10(k->sat_sum[i],
		    k->sat_n[i]));
	}
	kpi_pct(l[0].target, k->target_collection_bp / 10);
	kpi_pct(l[2].target, k->target_recovery_bp / 10);
	snprintf(l[8].target, sizeof(l[8].target), "%lld 分",
	    (long long)k->target_satisfaction);
}

/* The service loop's steps as the board names them (enum kpi_step). */
static const char *const step_keys[KPI_STEP__MAX] = {
	"receive", "plan", "followup"
};
static const char *const step_labels[KPI_STEP__MAX] = {
	"24 小时内客服受理", "受理后 48 小时内答复方案", "处理完成后 3 天内回访"
};
/* The withholding owners' line in the CSV (the page says it in words). */
#define WH_LABEL	"拒缴业主修好后 30 天内缴费（按修好日期）"

/* A step's count on the board: taken in the range (on time or late) and
 * due in it but not taken (kpi.h). */
static int64_t
step_total(const struct kpi *k, size_t i)
{
	return k->step_on_time[i] + k->step_late[i] + k->step_overdue[i];
}

/* A follower's name, with the role when not a collector's. */
static const char *
follower_name(struct req *r, const struct kpi_follower *f)
{
	if (strcmp(f->role, "collector") == 0 || *f->role == '\0')
		return f->name;
	return arena_printf(r->a, "%s（%s）", f->name, role_label(f->role));
}

/* Satisfaction by member of staff and the service loop (issue 12). */
static void
service(struct req *r, struct tmpl *d, const struct kpi *k)
{
	struct tmpl	*row;
	char		 p[KPI_PCT_MAX], b[PERF_FMT_MAX];
	size_t		 i;

	tmpl_set(d, "SATISFACTION", perf_score_fmt(b, perf_mean_x10(
	    k->sat_sum[0], k->sat_n[0])));
	tmpl_set_int(d, "SAT_N", k->sat_n[0]);
	tmpl_set_int(d, "RQ_LOGGED", k->rq_logged);
	for (i = 0; i < KPI_STEP__MAX; i++) {
		row = tmpl_row(d, "STEP");
		tmpl_set(row, "KEY", step_keys[i]);
		tmpl_set(row, "LABEL", step_labels[i]);
		tmpl_set_int(row, "ON_TIME", k->step_on_time[i]);
		tmpl_set_int(row, "LATE", k->step_late[i]);
		tmpl_set_int(row, "OVERDUE", k->step_overdue[i]);
		tmpl_set(row, "SHARE", kpi_pct(p, kpi_permille10(
		    k->step_on_time[i], step_total(k, i))));
	}
	tmpl_set_int(d, "WH_FIXED", k->wh_fixed);
	tmpl_set_int(d, "WH_PAID", k->wh_paid);
	tmpl_set(d, "WH_SHARE", kpi_pct(p, kpi_permille10(k->wh_paid,
	    k->wh_fixed)));
	if (http_may(r, METHOD_GET, "/performance"))
		tmpl_show(d, "CAN_PERF");
	/* Each collector's scores are staff performance (access.c). */
	if (http_sees(r, DATA_PERFORMANCE, 0) != SEE_ALL) {
		tmpl_show(d, "NO_FOLLOWERS");
		return;
	}
	tmpl_show(d, "FOLLOWERS");
	/* the rows add up to the loop's follow-ups on time (kpi.h) */
	tmpl_set_int(d, "FOLLOW_ON_TIME", k->step_on_time[KPI_STEP_FOLLOWUP]);
	for (i = 0; i < k->nfollowers; i++) {
		const struct kpi_follower *f = &k->followers[i];

		row = tmpl_row(d, "FOLLOWER");
		tmpl_set_int(row, "STAFF_ID", f->staff_id);
		tmpl_set(row, "NAME", follower_name(r, f));
		tmpl_set_int(row, "N", f->n);
		tmpl_set(row, "MEAN", perf_score_fmt(b, perf_mean_x10(f->sum,
		    f->n)));
		tmpl_set_int(row, "ON_TIME", f->on_time);
	}
	if (k->nfollowers == 0)
		tmpl_show(d, "NO_FOLLOWUPS");
}

/* Reads the range (default: this year to today) and the estate. */
static int
begin(struct req *r, struct fval *v, struct estate *e, struct date *from,
    struct date *to, struct tmpl *d)
{
	int	 errs, rc;

	errs = valid_fields(r, fields, F__MAX, v);
	/* The board is one estate's: no estate (or 0, the company) shows
	 * the first the user sees, not a date error. */
	if (v[F_ESTATE].err != NULL) {
		v[F_ESTATE].err = NULL;
		v[F_ESTATE].set = 0;
		errs--;
	}
	if ((rc = scope_estate(r, v[F_ESTATE].set && !v[F_ESTATE].err ?
	    v[F_ESTATE].i : 0, e, d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return rc;
	}
	*to = cal_today();
	*from = *to;
	from->m = from->d = 1;
	if (v[F_FROM].set && !v[F_FROM].err)
		cal_parse(v[F_FROM].s, from);
	if (v[F_TO].set && !v[F_TO].err)
		cal_parse(v[F_TO].s, to);
	if (!errs && cal_cmp(*from, *to) > 0) {
		v[F_TO].err = "结束日期不能早于开始日期";
		errs++;
	}
	if (!errs && cal_months_between(*from, *to) >= KPI_MONTHS) {
		v[F_TO].err = "一次最多查看三年";
		errs++;
	}
	return errs ? 2 : 1;
}

static const char *
month_label(struct req *r, struct date m, int with_year)
{
	return with_year ? arena_printf(r->a, "%02d/%02d", m.y % 100, m.m) :
	    arena_printf(r->a, "%d月", m.m);
}

static void
charts(struct req *r, struct tmpl *d, const struct kpi *k)
{
	const char	**labels;
	int64_t		*rate, *online, *collected, *secs;
	struct chart	 c;
	struct buf	 svg;
	size_t		 i;
	int		 years = k->nmonths > 12 ||
	    k->months[0].month.y != k->months[k->nmonths - 1].month.y;

	labels = arena_alloc(r->a, (k->nmonths + 1) * sizeof(*labels));
	rate = arena_alloc(r->a, (k->nmonths + 1) * sizeof(*rate));
	online = arena_alloc(r->a, (k->nmonths + 1) * sizeof(*online));
	collected = arena_alloc(r->a, (k->nmonths + 1) * sizeof(*collected));
	secs = arena_alloc(r->a, (k->nmonths + 1) * sizeof(*secs));
	for (i = 0; i < k->nmonths; i++) {
		labels[i] = month_label(r, k->months[i].month, years);
		rate[i] = kpi_permille10(k->months[i].paid, k->months[i].billed);
		online[i] = kpi_permille10(k->months[i].online_n,
		    k->months[i].pay_n);
		collected[i] = k->months[i].collected;
		secs[i] = k->months[i].pay_secs;
	}
	memset(&c, 0, sizeof(c));
	c.labels = labels;
	c.n = k->nmonths;

	buf_init(&svg, r->a, 8192);
	c.title = "每月账单收费率";
	c.values = rate;
	c.unit = CHART_PERMILLE10;
	c.target = k->target_collection_bp / 10;
	chart_svg(&svg, &c);
	tmpl_set(d, "CHART_RATE", buf_str(&svg));

	buf_init(&svg, r->a, 8192);
	c.title = "每月实收金额（元）";
	c.values = collected;
	c.unit = CHART_FEN;
	c.target = -1;
	c.bars = 1;
	chart_svg(&svg, &c);
	tmpl_set(d, "CHART_COLLECTED", buf_str(&svg));

	buf_init(&svg, r->a, 8192);
	c.title = "每月线上缴费占比（笔数）";
	c.values = online;
	c.unit = CHART_PERMILLE10;
	c.bars = 0;
	chart_svg(&svg, &c);
	tmpl_set(d, "CHART_ONLINE", buf_str(&svg));

	/* The range's median, as people say a time, and each month's, of
	 * the online payments made through the pay page; the others (the
	 * demo's history: no order, no page opened) are said, not timed. */
	tmpl_set_int(d, "NO_ORDER_N", k->pay_no_order);
	if (k->pay_secs != DB_NULL) {
		if (k->pay_no_order > 0)
			tmpl_show(d, "SOME_NO_ORDER");
		buf_init(&svg, r->a, 8192);
		c.title = "每月在线缴费用时（中位数）";
		c.values = secs;
		c.unit = CHART_SECONDS;
		c.bars = 1;
		chart_svg(&svg, &c);
		tmpl_set(d, "CHART_PAY_TIME", buf_str(&svg));
		tmpl_show(d, "PAY_TIME");
		tmpl_set(d, "PAY_TIME_TEXT", k->pay_secs >= 60 ?
		    arena_printf(r->a, "%lld 分 %lld 秒",
		    (long long)(k->pay_secs / 60), (long long)(k->pay_secs % 60)) :
		    arena_printf(r->a, "%lld 秒", (long long)k->pay_secs));
		tmpl_set_int(d, "PAY_TIME_N", k->pay_secs_n);
	} else if (k->pay_no_order > 0)
		tmpl_show(d, "NO_PAY_PAGE");
	else
		tmpl_show(d, "NO_ONLINE");
}

/* Enquiries and disputes (issue 12): by category, by month, the share
 * of payment-process complaints and of answers the owner accepted. */
static void
enquiries(struct req *r, struct tmpl *d, const struct kpi *k)
{
	const struct enq_tally	*t = &k->enq;
	const char		**labels;
	int64_t			*counts, answered;
	struct tmpl		*row;
	struct chart		 c;
	struct buf		 svg;
	char			 p[KPI_PCT_MAX];
	size_t			 i;
	int			 years = k->nmonths > 12 ||
	    k->months[0].month.y != k->months[k->nmonths - 1].month.y;

	tmpl_set_int(d, "ENQ_TOTAL", t->total);
	tmpl_set_int(d, "ENQ_PROCESS", t->by_cat[ENQ_PAYMENT_PROCESS]);
	tmpl_set(d, "ENQ_PROCESS_SHARE", kpi_pct(p, kpi_permille10(
	    t->by_cat[ENQ_PAYMENT_PROCESS], t->total)));
	answered = t->total - t->unanswered;
	tmpl_set_int(d, "ENQ_ANSWERED", answered);
	tmpl_set_int(d, "ENQ_ACCEPTED", t->by_outcome[ENQ_ACCEPTED]);
	tmpl_set(d, "ENQ_ACCEPTED_SHARE", kpi_pct(p, kpi_permille10(
	    t->by_outcome[ENQ_ACCEPTED], answered)));
	for (i = 0; i < ENQ_CATEGORY__MAX; i++) {
		row = tmpl_row(d, "ENQ_CAT");
		tmpl_set(row, "KEY", enq_category_codes[i]);
		tmpl_set(row, "LABEL", enq_category_labels[i]);
		tmpl_set_int(row, "N", t->by_cat[i]);
		tmpl_set(row, "SHARE", kpi_pct(p, kpi_permille10(t->by_cat[i],
		    t->total)));
	}
	labels = arena_alloc(r->a, (k->nmonths + 1) * sizeof(*labels));
	counts = arena_alloc(r->a, (k->nmonths + 1) * sizeof(*counts));
	for (i = 0; i < k->nmonths; i++) {
		row = tmpl_row(d, "ENQ_MONTH");
		tmpl_set(row, "MONTH", arena_printf(r->a, "%04d-%02d",
		    k->months[i].month.y, k->months[i].month.m));
		tmpl_set_int(row, "N", t->month_total[i]);
		tmpl_set_int(row, "PROCESS",
		    t->month_cat[i][ENQ_PAYMENT_PROCESS]);
		labels[i] = month_label(r, k->months[i].month, years);
		counts[i] = t->month_total[i];
	}
	memset(&c, 0, sizeof(c));
	c.labels = labels;
	c.n = k->nmonths;
	c.title = "每月收费咨询及异议（件）";
	c.values = counts;
	c.unit = CHART_COUNT;
	c.target = -1;
	c.bars = 1;
	buf_init(&svg, r->a, 8192);
	chart_svg(&svg, &c);
	tmpl_set(d, "CHART_ENQ", buf_str(&svg));
}

/*
 * 空置房托管 (issue 13; the report: vacant 76.4 % -> 88.2 %): the vacant
 * collection rate split by whether the household had a custody agreement
 * covering the bill's month, as at the range's end like every figure
 * (core/custody.c). 0 or -1.
 */
static int
custody_split(struct req *r, struct tmpl *d, int64_t estate,
    struct date from, struct date to)
{
	struct kpi_when		 w;
	struct custody_kpi	 ck;
	struct tmpl		*row;
	char			 p[KPI_PCT_MAX];
	int			 i;
	static const char *const labels[2] = { "未签托管协议", "已签托管协议" };
	static const char *const keys[2] = { "without", "with" };

	kpi_when(from, to, &w);
	if (custody_kpi_vacant(r->ctx, estate, w.until,
	    w.first, w.last_due, &ck) < 0)
		return -1;
	for (i = 0; i < 2; i++) {
		row = tmpl_row(d, "CUSTODY_SPLIT");
		tmpl_set(row, "KEY", keys[i]);
		tmpl_set(row, "LABEL", labels[i]);
		tmpl_set(row, "RATE", kpi_pct(p, kpi_permille10(ck.paid[i],
		    ck.due[i])));
		tmpl_set(row, "HH_RATE", kpi_pct(p, kpi_permille10(
		    ck.hh_paid[i], ck.hh[i])));
		tmpl_set_int(row, "HH", ck.hh[i]);
		page_money(row, "DUE", ck.due[i]);
		page_money(row, "PAID", ck.paid[i]);
	}
	return 0;
}

void
page_kpi(struct req *r)
{
	struct fval	 v[F__MAX];
	struct estate	 e;
	struct date	 from, to, t = cal_today();
	struct kpi	*k;
	struct line	 l[NLINES];
	struct tmpl	*d, *row;
	char		 a[11], b[11], m[MONEY_FMT_MAX], p[KPI_PCT_MAX];
	const char	*q;
	int		 rc, i, j, tier;

	d = page_new(r, "staff/kpi.tpl", "收费指标");
	if ((rc = begin(r, v, &e, &from, &to, d)) < 1)
		return;
	valid_to_tmpl(d, fields, F__MAX, v);
	tmpl_set(d, "FROM_VAL", cal_fmt(a, from));
	tmpl_set(d, "TO_VAL", cal_fmt(b, to));
	tmpl_set_int(d, "ESTATE_ID", e.id);
	tmpl_set(d, "THIS_YEAR_URL", arena_printf(r->a,
	    "/staff/kpi?estate=%lld&from=%d-01-01&to=%d-12-31", (long long)e.id,
	    t.y, t.y));
	tmpl_set(d, "LAST_YEAR_URL", arena_printf(r->a,
	    "/staff/kpi?estate=%lld&from=%d-01-01&to=%d-12-31", (long long)e.id,
	    t.y - 1, t.y - 1));
	tmpl_set_int(d, "THIS_YEAR", t.y);
	tmpl_set_int(d, "LAST_YEAR", t.y - 1);
	if (rc == 2) {
		tmpl_show(d, "HAS_ERRORS");
		page_render(r, 400);
		return;
	}
	k = arena_alloc(r->a, sizeof(*k));
	if (kpi_compute(r->ctx, e.id, from, to, k) != 1)
		return;
	/* The board stands at the end of the range (the midnight after it:
	 * "that day's end"), or now while the range runs on; the tiers too. */
	tmpl_set(d, "ASOF", k->now ? k->asof :
	    arena_printf(r->a, "%s 日终", b));
	q = arena_printf(r->a, "estate=%lld&from=%s&to=%s", (long long)e.id,
	    a, b);
	for (i = 0; tables[i] != NULL; i++)
		tmpl_set(d, arena_printf(r->a, "CSV_%d", i), arena_printf(r->a,
		    "/staff/kpi.csv?%s&table=%s", q, tables[i]));

	lines(k, l);
	for (i = 0; i < NLINES; i++) {
		row = tmpl_row(d, "LINE");
		tmpl_set(row, "KEY", l[i].key);
		tmpl_set(row, "LABEL", l[i].label);
		for (j = 0; j < KPI_OCC; j++)
			tmpl_set(row, arena_printf(r->a, "V%d", j), l[i].v[j]);
		tmpl_set(row, "TARGET", l[i].target[0] ? l[i].target : "");
	}
	tmpl_set_int(d, "T_SATISFACTION", k->target_satisfaction);
	service(r, d, k);
	for (i = 0; i < CHANNEL__MAX; i++) {
		if (!channel_listed(i))
			continue;
		row = tmpl_row(d, "CHANNEL");
		tmpl_set(row, "KEY", channel_codes[i]);
		tmpl_set(row, "LABEL", channel_labels[i]);
		tmpl_set_int(row, "N", k->ch_n[i]);
		page_money(row, "AMOUNT", k->ch_amt[i]);
		tmpl_set(row, "SHARE", kpi_pct(p, kpi_permille10(k->ch_n[i],
		    k->pay_n[0])));
	}
	for (tier = TIER_RED; tier >= TIER_GREEN; tier--) {
		row = tmpl_row(d, "TIER");
		tmpl_set(row, "KEY", tier_key((enum tier)tier));
		tmpl_set(row, "LABEL", tier_label((enum tier)tier));
		tmpl_set_int(row, "N", k->tier_n[tier]);
		page_money(row, "OWED", k->tier_owed[tier]);
	}
	page_money(d, "ARREARS_START", k->arrears[0]);
	page_money(d, "RECOVERED", k->recovered[0]);
	tmpl_set(d, "COLLECTED", money_fmt(m, k->pay_amt[0]));
	charts(r, d, k);
	enquiries(r, d, k);
	if (custody_split(r, d, e.id, from, to) < 0)
		return;
	page_render(r, 200);
}

void
page_kpi_csv(struct req *r)
{
	struct fval	 v[F__MAX];
	struct estate	 e;
	struct date	 from, to;
	struct kpi	*k;
	struct line	 l[NLINES];
	struct buf	*b = &r->body;
	char		 p[KPI_PCT_MAX], fd[11], td[11];
	const char	*table;
	size_t		 i;
	int		 rc, j;

	if ((rc = begin(r, v, &e, &from, &to, NULL)) < 1)
		return;
	if (rc == 2) {
		/* a table the CSV has none of (a breaker's trial was told
		 * the date was wrong) */
		page_error(r, 400, v[F_TABLE].err != NULL ?
		    "没有这张表格，请返回收费指标页面，从页面上的下载链接下载。" :
		    "日期有误，请返回收费指标页面修改。");
		return;
	}
	k = arena_alloc(r->a, sizeof(*k));
	if (kpi_compute(r->ctx, e.id, from, to, k) != 1)
		return;
	table = v[F_TABLE].set ? v[F_TABLE].s : "summary";
	csv_begin(b);
	if (strcmp(table, "summary") == 0) {
		lines(k, l);
		csv_field(b, "指标");
		for (j = 0; j < KPI_OCC; j++)
			csv_field(b, occ_label(j));
		csv_field(b, "目标");
		csv_end_row(b);
		for (i = 0; i < NLINES; i++) {
			csv_field(b, l[i].label);
			for (j = 0; j < KPI_OCC; j++)
				csv_field(b, l[i].v[j]);
			csv_field(b, l[i].target);
			csv_end_row(b);
		}
	} else if (strcmp(table, "channels") == 0) {
		csv_field(b, "缴费方式");
		csv_field(b, "笔数");
		csv_field(b, "金额（元）");
		csv_end_row(b);
		for (i = 0; i < CHANNEL__MAX; i++) {
			if (!channel_listed(i))
				continue;
			csv_field(b, channel_labels[i]);
			csv_int(b, k->ch_n[i]);
			csv_money(b, k->ch_amt[i]);
			csv_end_row(b);
		}
	} else if (strcmp(table, "tiers") == 0) {
		csv_field(b, "预警等级");
		csv_field(b, "户数");
		csv_field(b, "欠费金额（元）");
		csv_end_row(b);
		for (j = TIER_RED; j >= TIER_GREEN; j--) {
			csv_field(b, tier_label((enum tier)j));
			csv_int(b, k->tier_n[j]);
			csv_money(b, k->tier_owed[j]);
			csv_end_row(b);
		}
	} else if (strcmp(table, "service") == 0) {
		/* The service loop: a figure a row, with its parts, each
		 * named as the board names it (kpi.h). */
		csv_field(b, "指标");
		csv_field(b, "按时（达成）");
		csv_field(b, "超时办理");
		csv_field(b, "到期未办");
		csv_field(b, "共计");
		csv_field(b, "占比");
		csv_end_row(b);
		csv_field(b, "区间内登记报事报修");
		csv_field(b, "");
		csv_field(b, "");
		csv_field(b, "");
		csv_int(b, k->rq_logged);
		csv_field(b, "");
		csv_end_row(b);
		for (i = 0; i < KPI_STEP__MAX; i++) {
			csv_field(b, arena_printf(r->a, "%s（区间内办理的环节）",
			    step_labels[i]));
			csv_int(b, k->step_on_time[i]);
			csv_int(b, k->step_late[i]);
			csv_int(b, k->step_overdue[i]);
			csv_int(b, step_total(k, i));
			csv_field(b, kpi_pct(p, kpi_permille10(k->step_on_time[i],
			    step_total(k, i))));
			csv_end_row(b);
		}
		csv_field(b, WH_LABEL);
		csv_int(b, k->wh_paid);
		csv_field(b, "");
		csv_field(b, "");
		csv_int(b, k->wh_fixed);
		csv_field(b, kpi_pct(p, kpi_permille10(k->wh_paid,
		    k->wh_fixed)));
		csv_end_row(b);
	} else if (strcmp(table, "satisfaction") == 0) {
		char	 s[PERF_FMT_MAX];

		/* By member of staff, to those who see staff performance;
		 * then the whole estate. */
		csv_field(b, "收费员");
		csv_field(b, "回访次数");
		csv_field(b, "平均满意度");
		csv_field(b, "3 天内回访");
		csv_end_row(b);
		for (i = 0; i < k->nfollowers &&
		    http_sees(r, DATA_PERFORMANCE, 0) == SEE_ALL; i++) {
			csv_field(b, follower_name(r, &k->followers[i]));
			csv_int(b, k->followers[i].n);
			csv_field(b, perf_score_fmt(s, perf_mean_x10(
			    k->followers[i].sum, k->followers[i].n)));
			csv_int(b, k->followers[i].on_time);
			csv_end_row(b);
		}
		/* the whole estate's on time: the loop's follow-ups taken
		 * on time, which the rows above add up to (kpi.h) */
		csv_field(b, "全部");
		csv_int(b, k->sat_n[0]);
		csv_field(b, perf_score_fmt(s, perf_mean_x10(k->sat_sum[0],
		    k->sat_n[0])));
		csv_int(b, k->step_on_time[KPI_STEP_FOLLOWUP]);
		csv_end_row(b);
	} else if (strcmp(table, "enquiries") == 0) {
		/* A month a row, a column per category, then the total. */
		csv_field(b, "月份");
		for (j = 0; j < ENQ_CATEGORY__MAX; j++)
			csv_field(b, enq_category_labels[j]);
		csv_field(b, "合计");
		csv_end_row(b);
		for (i = 0; i < k->nmonths; i++) {
			csv_field(b, arena_printf(r->a, "%04d-%02d",
			    k->months[i].month.y, k->months[i].month.m));
			for (j = 0; j < ENQ_CATEGORY__MAX; j++)
				csv_int(b, k->enq.month_cat[i][j]);
			csv_int(b, k->enq.month_total[i]);
			csv_end_row(b);
		}
		csv_field(b, "合计");
		for (j = 0; j < ENQ_CATEGORY__MAX; j++)
			csv_int(b, k->enq.by_cat[j]);
		csv_int(b, k->enq.total);
		csv_end_row(b);
	} else {
		csv_field(b, "月份");
		csv_field(b, "应收（元）");
		csv_field(b, "已收（元）");
		csv_field(b, "收费率");
		csv_field(b, "实收金额（元）");
		csv_field(b, "缴费笔数");
		csv_field(b, "线上笔数");
		csv_end_row(b);
		for (i = 0; i < k->nmonths; i++) {
			const struct kpi_month *km = &k->months[i];

			csv_field(b, arena_printf(r->a, "%04d-%02d",
			    km->month.y, km->month.m));
			csv_money(b, km->billed);
			csv_money(b, km->paid);
			csv_field(b, kpi_pct(p, kpi_permille10(km->paid,
			    km->billed)));
			csv_money(b, km->collected);
			csv_int(b, km->pay_n);
			csv_int(b, km->online_n);
			csv_end_row(b);
		}
	}
	http_body_file(r, RESP_CSV, arena_printf(r->a, "kpi-%s-%s-%s.csv",
	    table, cal_fmt(fd, from), cal_fmt(td, to)), 1);
}
