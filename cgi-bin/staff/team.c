/*
 * team.c - 团队建设 (issue 13, DOMAIN.md "Team development"): the team
 * page of an estate's fee team for a year - each member's training
 * hours, quiz scores (first and latest per subject), the newcomers'
 * 30-day plans with their stages, each collector's completion rate month
 * by month (core/perf.c's, as 绩效 shows it) and the sessions held - and
 * its CSV.
 *
 *   GET /staff/team[?estate=&year=]        the lead's and the manager's
 *        page of everyone; a collector's of their own (their training,
 *        scores, completion and the plans they are newcomer or mentor in)
 *   GET /staff/team/members/#[?estate=&year=]   one member's records:
 *        the same page for one; another's is 404 to a collector, as is
 *        anyone not on the estate's staff
 *   GET /staff/team.csv?estate=&year=&table=hours|scores|plans|
 *        completion|sessions[&member=]   a table as CSV, with the rows
 *        the page shows the user
 *   A year that is no year, or one still to come: 400 with the message
 *   by the field.
 *
 * Staff's own records are DATA_PERFORMANCE (access.c): a collector sees
 * their own, the lead and the manager everyone's; the admin none.
 * Forms: team_session_new.c, team_score_new.c, team_pair_new.c; one plan
 * and its ticks: team_pair.c. Renders templates/staff/team.tpl.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "csv.h"
#include "db.h"
#include "http.h"
#include "kpi.h"
#include "labels.h"
#include "page.h"
#include "pages.h"
#include "perf.h"
#include "team.h"
#include "tmpl.h"
#include "valid.h"

enum { F_ESTATE, F_YEAR, F_TABLE, F_MEMBER, F__MAX };

static const char *const tables[] = {
	"hours", "scores", "plans", "completion", "sessions", NULL
};
enum { T_HOURS, T_SCORES, T_PLANS, T_COMPLETION, T_SESSIONS };

static const struct field fields[F__MAX] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "year", "年度", V_INT, 0, 2000, 9999, NULL },
	{ "table", "表格", V_CHOICE, 0, 0, 0, tables },
	{ "member", "员工", V_INT, 0, 1, INT64_MAX / 2, NULL },
};

/* What a page or CSV shows. */
struct view {
	struct estate		 e;
	int			 year;
	int64_t			 only;	/* one member's records; 0: all */
	const char		*only_name;
	struct team_member	*m;
	size_t			 nm;
	struct team_score	*s;
	size_t			 ns;
	struct team_pair	*p;
	size_t			 np;
	struct team_session	*x;
	size_t			 nx;
	struct perf		*c;
	size_t			 nc;
};

/* Whether the user sees member id's records here. */
static int
sees(struct req *r, const struct view *v, int64_t id)
{
	if (v->only != 0 && id != v->only)
		return 0;
	return http_sees(r, DATA_PERFORMANCE, id == r->ctx->actor.id) ==
	    SEE_ALL;
}

/* ... a plan's: its newcomer's and mentor's. */
static int
sees_pair(struct req *r, const struct view *v, const struct team_pair *p)
{
	int64_t	 me = r->ctx->actor.id;

	if (v->only != 0 && v->only != p->newcomer_id &&
	    v->only != p->mentor_id)
		return 0;
	return http_sees(r, DATA_PERFORMANCE, me == p->newcomer_id ||
	    me == p->mentor_id) == SEE_ALL;
}

/* ... a session: the whole team's to those who see everyone, else one
 * the member attended. */
static int
sees_session(struct req *r, const struct view *v,
    const struct team_session *x)
{
	if (v->only == 0 && http_sees(r, DATA_PERFORMANCE, 0) == SEE_ALL)
		return 1;
	return x->attended;
}

/*
 * Reads the fields; the estate (404 outside scope), the year (default
 * this one), member (the route's id, or ?member= on the CSV; a collector
 * is always their own). Returns 1, 2 (a field in error: v says which),
 * 0 (404 answered) or -1.
 */
static int
begin(struct req *r, struct fval *f, struct view *v, int64_t member,
    struct tmpl *d)
{
	struct date		 today = cal_today();
	struct team_person	*staff;
	const struct team_person *who;
	size_t			 n;
	int			 errs, rc;

	memset(v, 0, sizeof(*v));
	errs = valid_fields(r, fields, F__MAX, f);
	if (f[F_ESTATE].err != NULL) {
		f[F_ESTATE].err = NULL;
		f[F_ESTATE].set = 0;
		errs--;
	}
	if ((rc = scope_estate(r, f[F_ESTATE].set ? f[F_ESTATE].i : 0, &v->e,
	    d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return rc;
	}
	if (f[F_YEAR].set && !f[F_YEAR].err && f[F_YEAR].i > today.y) {
		f[F_YEAR].err = "这一年还没到，请选择今年或以前的年度";
		errs++;
	}
	v->year = f[F_YEAR].set && !f[F_YEAR].err ? (int)f[F_YEAR].i :
	    today.y;
	if (member == 0 && f[F_MEMBER].set && !f[F_MEMBER].err)
		member = f[F_MEMBER].i;
	/* one who sees nobody else's sees their own */
	if (member == 0 && http_sees(r, DATA_PERFORMANCE, 0) != SEE_ALL)
		member = r->ctx->actor.id;
	if (member != 0) {
		if (http_sees(r, DATA_PERFORMANCE, member ==
		    r->ctx->actor.id) != SEE_ALL) {
			page_error(r, 404, NULL);
			return 0;
		}
		if (team_staff(r->ctx, v->e.id, &staff, &n) < 0)
			return -1;
		if ((who = team_person_find(staff, n, member)) == NULL) {
			page_error(r, 404, NULL);
			return 0;
		}
		v->only = member;
		v->only_name = who->name;
	}
	return errs ? 2 : 1;
}

static int
load(struct req *r, struct view *v)
{
	if (team_members(r->ctx, v->e.id, v->year, &v->m, &v->nm) < 0 ||
	    team_scores(r->ctx, v->e.id, v->year, &v->s, &v->ns) < 0 ||
	    team_pairs(r->ctx, v->e.id, 0, &v->p, &v->np) < 0 ||
	    team_sessions(r->ctx, v->e.id, v->year, v->only ? v->only :
	    r->ctx->actor.id, &v->x, &v->nx) < 0 ||
	    team_completion(r->ctx, v->e.id, v->year, &v->c, &v->nc) < 0)
		return -1;
	return 0;
}

/* A collector's column of the completion table. */
struct col {
	int64_t		 id;
	const char	*name;
};

/* The completion table's columns: collectors (and anyone with
 * households assigned in a month), those the user sees. */
static struct col *
columns(struct req *r, const struct view *v, size_t *n)
{
	struct col		*c = NULL;
	const struct perf_row	*x;
	size_t			 i, j, k, cap = 0;

	*n = 0;
	for (i = 0; i < v->nc; i++)
		for (j = 0; j < v->c[i].n; j++) {
			x = &v->c[i].rows[j];
			if ((strcmp(x->role, "collector") != 0 &&
			    x->due_fen == 0) || !sees(r, v, x->staff_id))
				continue;
			for (k = 0; k < *n; k++)
				if (c[k].id == x->staff_id)
					break;
			if (k < *n)
				continue;
			c = arena_grow(r->a, c, *n, &cap, sizeof(*c), 4);
			c[*n].id = x->staff_id;
			c[*n].name = x->name;
			(*n)++;
		}
	return c;
}

/* Member id's row of month m, or NULL. */
static const struct perf_row *
month_row(const struct perf *m, int64_t id)
{
	size_t	 i;

	for (i = 0; i < m->n; i++)
		if (m->rows[i].staff_id == id)
			return &m->rows[i];
	return NULL;
}

/* A stage's state as a CSS class. */
static const char *const state_class[TEAM_STATE__MAX] = {
	"done", "done-late", "not-yet", "on", "overdue"
};

/* The plan's stages as STAGE rows of d; returns the stages overdue. */
int
team_stages_fill(struct req *r, struct tmpl *d, const struct team_pair *p)
{
	struct date	 today = cal_today();
	struct tmpl	*row;
	enum team_state	 st;
	char		 day[11];
	int		 i, late = 0;

	for (i = 0; i < TEAM_STAGES; i++) {
		st = team_stage_state(p->start, i, p->ticks[i].set ?
		    &p->ticks[i].done : NULL, today);
		row = tmpl_row(d, "STAGE");
		tmpl_set_int(row, "STAGE_NO", i + 1);
		tmpl_set(row, "STAGE_NAME", team_stages[i].name);
		tmpl_set(row, "STAGE_WORDS", team_stages[i].words);
		tmpl_set(row, "STAGE_DAYS", arena_printf(r->a, "第 %d-%d 天",
		    team_stages[i].first_day, team_stages[i].last_day));
		tmpl_set(row, "STAGE_DUE", label_date(r->a, cal_fmt(day,
		    team_stage_due(p->start, i))));
		tmpl_set(row, "STATE", state_class[st]);
		tmpl_set(row, "STATE_LABEL", team_state_labels[st]);
		if (st == TEAM_OVERDUE) {
			tmpl_show(row, "OVERDUE");
			tmpl_set_int(row, "LATE_DAYS", cal_days_between(
			    team_stage_due(p->start, i), today));
			late++;
		}
		if (p->ticks[i].set) {
			tmpl_show(row, "TICKED");
			tmpl_set(row, "DONE_ON", label_date(r->a,
			    p->ticks[i].done_on));
			tmpl_set(row, "TICKED_BY", p->ticks[i].by);
			tmpl_set(row, "TICKED_AT", p->ticks[i].at);
			if (p->ticks[i].note[0] != '\0') {
				tmpl_show(row, "HAS_NOTE");
				tmpl_set(row, "NOTE", p->ticks[i].note);
			}
		}
	}
	return late;
}

static void
render(struct req *r, struct view *v, struct tmpl *d)
{
	struct tmpl		*row, *cell;
	struct col		*cols;
	const struct perf_row	*x;
	char			 b[TEAM_FMT_MAX], pct[KPI_PCT_MAX];
	int64_t			 first_sum = 0, latest_sum = 0, nsum = 0;
	const char		*subj = NULL;
	size_t			 i, j, ncols, shown;
	int			 all = v->only == 0 &&
	    http_sees(r, DATA_PERFORMANCE, 0) == SEE_ALL;

	/* training hours */
	for (i = shown = 0; i < v->nm; i++) {
		if (!sees(r, v, v->m[i].id))
			continue;
		shown++;
		row = tmpl_row(d, "MEMBER");
		tmpl_set_int(row, "STAFF_ID", v->m[i].id);
		tmpl_set(row, "NAME", v->m[i].name);
		tmpl_set(row, "ROLE", label_role(v->m[i].role));
		tmpl_set_int(row, "SESSIONS", v->m[i].sessions);
		tmpl_set(row, "HOURS", team_hours_fmt(b, v->m[i].hours_x100));
		tmpl_set(row, "MEMBER_URL", arena_printf(r->a,
		    "/staff/team/members/%lld?estate=%lld&year=%d",
		    (long long)v->m[i].id, (long long)v->e.id, v->year));
	}
	if (shown == 0)
		tmpl_show(d, "NO_MEMBERS");
	/* scores: each member's first and latest per subject; the team's
	 * mean of each (78 -> 91 in the report), to those who see all */
	for (i = shown = 0; i < v->ns; i++) {
		if (!sees(r, v, v->s[i].staff_id))
			continue;
		shown++;
		row = tmpl_row(d, "SCORE");
		tmpl_set_int(row, "STAFF_ID", v->s[i].staff_id);
		tmpl_set(row, "NAME", v->s[i].name);
		tmpl_set(row, "SUBJECT", v->s[i].subject);
		tmpl_set_int(row, "FIRST", v->s[i].first);
		tmpl_set(row, "FIRST_ON", v->s[i].first_on);
		tmpl_set_int(row, "LATEST", v->s[i].latest);
		tmpl_set(row, "LATEST_ON", v->s[i].latest_on);
		tmpl_set_int(row, "COUNT", v->s[i].n);
		tmpl_set(row, "CHANGE", v->s[i].n < 2 ? "—" : arena_printf(r->a,
		    "%+lld", (long long)(v->s[i].latest - v->s[i].first)));
		if (v->s[i].latest > v->s[i].first)
			tmpl_show(row, "UP");
	}
	if (shown == 0)
		tmpl_show(d, "NO_SCORES");
	if (all) {
		/* subjects in turn: the rows are by member, so gather */
		for (i = 0; i < v->ns; i++) {
			subj = v->s[i].subject;
			for (j = 0; j < i; j++)
				if (strcmp(v->s[j].subject, subj) == 0)
					break;
			if (j < i)
				continue;
			first_sum = latest_sum = nsum = 0;
			for (j = i; j < v->ns; j++) {
				if (strcmp(v->s[j].subject, subj) != 0)
					continue;
				first_sum += v->s[j].first;
				latest_sum += v->s[j].latest;
				nsum++;
			}
			row = tmpl_row(d, "SUBJECT_MEAN");
			tmpl_set(row, "SUBJECT", subj);
			tmpl_set(row, "FIRST_MEAN", perf_score_fmt(b,
			    perf_mean_x10(first_sum, nsum)));
			tmpl_set(row, "LATEST_MEAN", perf_score_fmt(b,
			    perf_mean_x10(latest_sum, nsum)));
			tmpl_set_int(row, "PEOPLE", nsum);
		}
	}
	/* plans */
	for (i = shown = 0; i < v->np; i++) {
		if (!sees_pair(r, v, &v->p[i]))
			continue;
		shown++;
		row = tmpl_row(d, "PAIR");
		tmpl_set_int(row, "PAIR_ID", v->p[i].id);
		tmpl_set(row, "NEWCOMER", v->p[i].newcomer);
		tmpl_set(row, "MENTOR", v->p[i].mentor);
		tmpl_set(row, "START_ON", label_date(r->a, v->p[i].start_on));
		if (team_stages_fill(r, row, &v->p[i]) > 0)
			tmpl_show(row, "PAIR_OVERDUE");
	}
	if (shown == 0)
		tmpl_show(d, "NO_PAIRS");
	/* completion by month: a row a month, a column a collector */
	cols = columns(r, v, &ncols);
	for (j = 0; j < ncols; j++)
		tmpl_set(tmpl_row(d, "CCOL"), "NAME", cols[j].name);
	for (i = 0; i < v->nc; i++) {
		row = tmpl_row(d, "CMONTH");
		tmpl_set(row, "MONTH", arena_printf(r->a, "%d月",
		    v->c[i].month.m));
		tmpl_set(row, "MONTH_KEY", arena_printf(r->a, "%04d-%02d",
		    v->c[i].month.y, v->c[i].month.m));
		for (j = 0; j < ncols; j++) {
			cell = tmpl_row(row, "CELL");
			tmpl_set_int(cell, "STAFF_ID", cols[j].id);
			tmpl_set(cell, "COL_NAME", cols[j].name);
			x = month_row(&v->c[i], cols[j].id);
			tmpl_set(cell, "RATE", kpi_pct(pct, x == NULL ? -1 :
			    kpi_permille10(x->paid_fen, x->due_fen)));
		}
	}
	if (ncols == 0 || v->nc == 0)
		tmpl_show(d, "NO_COMPLETION");
	else
		tmpl_show(d, "HAS_COMPLETION");
	/* sessions */
	for (i = shown = 0; i < v->nx; i++) {
		if (!sees_session(r, v, &v->x[i]))
			continue;
		shown++;
		row = tmpl_row(d, "SESSION");
		tmpl_set_int(row, "SESSION_ID", v->x[i].id);
		tmpl_set(row, "HELD_ON", label_date(r->a, v->x[i].held_on));
		tmpl_set(row, "TOPIC", v->x[i].topic);
		tmpl_set(row, "HOURS", team_hours_fmt(b, v->x[i].hours_x100));
		tmpl_set_int(row, "N", v->x[i].n);
		tmpl_set(row, "ATTENDEES", v->x[i].attendees);
		if (v->x[i].note[0] != '\0') {
			tmpl_show(row, "HAS_NOTE");
			tmpl_set(row, "NOTE", v->x[i].note);
		}
	}
	if (shown == 0)
		tmpl_show(d, "NO_SESSIONS");
}

/* GET /staff/team and /staff/team/members/#. */
static void
page(struct req *r, int64_t member)
{
	struct fval	 f[F__MAX];
	struct view	*v;
	struct tmpl	*d;
	struct date	 today = cal_today();
	const char	*q, *saved;
	int		 rc;

	v = arena_alloc(r->a, sizeof(*v));
	d = page_new(r, "staff/team.tpl", "团队建设");
	if ((rc = begin(r, f, v, member, d)) < 1)
		return;
	valid_to_tmpl(d, fields, F__MAX, f);
	tmpl_set_int(d, "ESTATE_ID", v->e.id);
	if (rc == 1)
		tmpl_set_int(d, "YEAR_VAL", v->year);
	q = arena_printf(r->a, "estate=%lld&year=%d%s", (long long)v->e.id,
	    v->year, v->only && member ? arena_printf(r->a, "&member=%lld",
	    (long long)v->only) : "");
	tmpl_set(d, "Q", q);
	tmpl_set(d, "FORM_ACTION", member ? arena_printf(r->a,
	    "/staff/team/members/%lld", (long long)member) : "/staff/team");
	if (member != 0 && http_sees(r, DATA_PERFORMANCE, 0) == SEE_ALL)
		tmpl_show(d, "BACK_TO_TEAM");
	if (v->only != 0) {
		tmpl_show(d, "ONE");
		tmpl_set(d, "ONE_NAME", v->only_name);
		if (v->only == r->ctx->actor.id)
			tmpl_show(d, "OWN");
	}
	if (http_may(r, METHOD_POST, "/team/sessions"))
		tmpl_show(d, "CAN_KEEP");
	if (rc == 2) {
		tmpl_show(d, "HAS_ERRORS");
		page_render(r, 400);
		return;
	}
	tmpl_show(d, "RESULT");
	if ((saved = http_query(r, "saved")) != NULL &&
	    (strcmp(saved, "session") == 0 || strcmp(saved, "score") == 0)) {
		tmpl_show(d, "SAVED");
		tmpl_set(d, "SAVED_WORDS", strcmp(saved, "session") == 0 ?
		    "已登记培训，参加的人已计入课时。" : "已录入考核成绩。");
	}
	tmpl_set(d, "PREV_URL", arena_printf(r->a, "%s?estate=%lld&year=%d",
	    member ? arena_printf(r->a, "/staff/team/members/%lld",
	    (long long)member) : "/staff/team", (long long)v->e.id,
	    v->year - 1));
	if (v->year < today.y) {
		tmpl_show(d, "HAS_NEXT");
		tmpl_set(d, "NEXT_URL", arena_printf(r->a,
		    "%s?estate=%lld&year=%d", member ? arena_printf(r->a,
		    "/staff/team/members/%lld", (long long)member) :
		    "/staff/team", (long long)v->e.id, v->year + 1));
	}
	if (load(r, v) < 0)
		return;
	render(r, v, d);
	page_render(r, 200);
}

void
page_team(struct req *r)
{
	page(r, 0);
}

void
page_team_member(struct req *r)
{
	page(r, r->ids[0]);
}

static const char *const csv_names[] = {
	"training-hours", "quiz-scores", "newcomer-plans", "completion",
	"training-sessions"
};

void
page_team_csv(struct req *r)
{
	struct fval		 f[F__MAX];
	struct view		*v;
	struct buf		*out = &r->body;
	struct col		*cols;
	const struct perf_row	*x;
	struct date		 today = cal_today();
	enum team_state		 st;
	char			 b[TEAM_FMT_MAX], pct[KPI_PCT_MAX], ym[8];
	size_t			 i, j, ncols;
	int			 rc, k, table;

	v = arena_alloc(r->a, sizeof(*v));
	if ((rc = begin(r, f, v, 0, NULL)) < 1)
		return;
	if (rc == 2 || f[F_TABLE].err != NULL || !f[F_TABLE].set) {
		page_error(r, 400, arena_printf(r->a, "%s。请返回团队建设页面"
		    "重新选择。", f[F_YEAR].err ? f[F_YEAR].err :
		    "请选择要下载的表格"));
		return;
	}
	table = (int)f[F_TABLE].i;
	if (load(r, v) < 0)
		return;
	csv_begin(out);
	switch (table) {
	case T_HOURS:
		csv_field(out, "年度");
		csv_field(out, "姓名");
		csv_field(out, "岗位");
		csv_field(out, "参加培训（次）");
		csv_field(out, "培训课时");
		csv_end_row(out);
		for (i = 0; i < v->nm; i++) {
			if (!sees(r, v, v->m[i].id))
				continue;
			csv_int(out, v->year);
			csv_field(out, v->m[i].name);
			csv_field(out, label_role(v->m[i].role));
			csv_int(out, v->m[i].sessions);
			csv_field(out, team_hours_fmt(b, v->m[i].hours_x100));
			csv_end_row(out);
		}
		break;
	case T_SCORES:
		csv_field(out, "姓名");
		csv_field(out, "科目");
		csv_field(out, "首次成绩");
		csv_field(out, "首次日期");
		csv_field(out, "最近成绩");
		csv_field(out, "最近日期");
		csv_field(out, "变化");
		csv_field(out, "考核次数");
		csv_end_row(out);
		for (i = 0; i < v->ns; i++) {
			if (!sees(r, v, v->s[i].staff_id))
				continue;
			csv_field(out, v->s[i].name);
			csv_field(out, v->s[i].subject);
			csv_int(out, v->s[i].first);
			csv_field(out, v->s[i].first_on);
			csv_int(out, v->s[i].latest);
			csv_field(out, v->s[i].latest_on);
			csv_int(out, v->s[i].latest - v->s[i].first);
			csv_int(out, v->s[i].n);
			csv_end_row(out);
		}
		break;
	case T_PLANS:
		csv_field(out, "新人");
		csv_field(out, "师傅");
		csv_field(out, "开始日期");
		for (k = 0; k < TEAM_STAGES; k++) {
			csv_field(out, arena_printf(r->a, "%s（第 %d-%d 天）",
			    team_stages[k].name, team_stages[k].first_day,
			    team_stages[k].last_day));
			csv_field(out, arena_printf(r->a, "%s完成日期",
			    team_stages[k].name));
		}
		csv_end_row(out);
		for (i = 0; i < v->np; i++) {
			if (!sees_pair(r, v, &v->p[i]))
				continue;
			csv_field(out, v->p[i].newcomer);
			csv_field(out, v->p[i].mentor);
			csv_field(out, v->p[i].start_on);
			for (k = 0; k < TEAM_STAGES; k++) {
				st = team_stage_state(v->p[i].start, k,
				    v->p[i].ticks[k].set ?
				    &v->p[i].ticks[k].done : NULL, today);
				csv_field(out, team_state_labels[st]);
				csv_field(out, v->p[i].ticks[k].set ?
				    v->p[i].ticks[k].done_on : "");
			}
			csv_end_row(out);
		}
		break;
	case T_COMPLETION:
		csv_field(out, "月份");
		csv_field(out, "收费员");
		csv_field(out, "应收（元）");
		csv_field(out, "实收（元）");
		csv_field(out, "收费完成率");
		csv_end_row(out);
		cols = columns(r, v, &ncols);
		for (i = 0; i < v->nc; i++)
			for (j = 0; j < ncols; j++) {
				x = month_row(&v->c[i], cols[j].id);
				snprintf(ym, sizeof(ym), "%04d-%02d",
				    v->c[i].month.y, v->c[i].month.m);
				csv_field(out, ym);
				csv_field(out, cols[j].name);
				csv_money(out, x ? x->due_fen : 0);
				csv_money(out, x ? x->paid_fen : 0);
				csv_field(out, kpi_pct(pct, x == NULL ? -1 :
				    kpi_permille10(x->paid_fen, x->due_fen)));
				csv_end_row(out);
			}
		break;
	default:
		csv_field(out, "日期");
		csv_field(out, "培训主题");
		csv_field(out, "课时");
		csv_field(out, "参加人数");
		csv_field(out, "参加人员");
		csv_end_row(out);
		for (i = 0; i < v->nx; i++) {
			if (!sees_session(r, v, &v->x[i]))
				continue;
			csv_field(out, v->x[i].held_on);
			csv_field(out, v->x[i].topic);
			csv_field(out, team_hours_fmt(b, v->x[i].hours_x100));
			csv_int(out, v->x[i].n);
			csv_field(out, v->x[i].attendees);
			csv_end_row(out);
		}
		break;
	}
	http_body_file(r, RESP_CSV, arena_printf(r->a, "team-%s-%d.csv",
	    csv_names[table], v->year), 1);
}
