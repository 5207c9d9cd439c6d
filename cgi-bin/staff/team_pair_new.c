/*
 * team_pair_new.c - 新建带教计划 (issue 13, "Team development"; the
 * report's 师徒制): a newcomer (a collector of the estate) paired with a
 * mentor (a collector or team lead of it, not the newcomer), and the day
 * their 30-day plan begins. One plan per newcomer.
 *
 *   GET  /staff/team/pairs/new?estate=   the form (today's start)
 *   POST /staff/team/pairs   records it (with its audit row): 303 to the
 *        plan's page; 400 with the message by each field in error and
 *        nothing recorded (no newcomer or mentor, either not the estate's,
 *        the same person twice, a newcomer with a plan already, a start
 *        more than 60 days back or 30 ahead); the same form twice is one
 *        plan (once.c), a spent token 409
 *
 * Renders templates/staff/team_pair_new.tpl.
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
#include "team.h"
#include "tmpl.h"
#include "valid.h"

#define BACK_DAYS	60
#define AHEAD_DAYS	30

/* Whether newcomer id has a plan in the estate already. */
SQL_DEF(SQL_TEAM_HAS_PLAN,
    "SELECT COUNT(*) FROM mentor_pairs WHERE estate_id = ? AND newcomer_id = ?");

enum { N_ESTATE, N_NEWCOMER, N_MENTOR, N_START, N_TOKEN, N__MAX };
static const struct field fields[N__MAX] = {
	{ "estate", "小区", V_INT, V_REQUIRED, 1, INT64_MAX / 2, NULL },
	{ "newcomer", "新人", V_INT, V_REQUIRED, 1, INT64_MAX / 2, NULL },
	{ "mentor", "师傅", V_INT, V_REQUIRED, 1, INT64_MAX / 2, NULL },
	{ "start_on", "开始日期", V_DATE, V_REQUIRED, 0, 0, NULL },
	ONCE_FIELD,
};

static int
is_collector(const struct team_person *p)
{
	return strcmp(p->role, "collector") == 0;
}

static int
may_mentor(const struct team_person *p)
{
	return is_collector(p) || strcmp(p->role, "team_lead") == 0;
}

static void
form(struct req *r, const struct estate *e, const struct fval *v,
    int status)
{
	struct tmpl		*d, *row;
	struct team_person	*staff;
	struct date		 today = cal_today();
	const char		*nc = NULL, *mt = NULL, *id;
	char			 day[11];
	size_t			 n, i;

	if (team_staff(r->ctx, e->id, &staff, &n) < 0)
		return;
	d = page_new(r, "staff/team_pair_new.tpl", "新建带教计划");
	tmpl_set_int(d, "ESTATE_ID", e->id);
	tmpl_set(d, "ESTATE_NAME", e->name);
	tmpl_set(d, "EARLIEST", cal_fmt(day, cal_add_days(today, -BACK_DAYS)));
	tmpl_set(d, "LATEST", cal_fmt(day, cal_add_days(today, AHEAD_DAYS)));
	if (v != NULL) {
		valid_to_tmpl(d, fields, N__MAX, v);
		nc = v[N_NEWCOMER].s;
		mt = v[N_MENTOR].s;
		if (v[N_TOKEN].err != NULL) {
			tmpl_show(d, "HAS_ALERT");
			tmpl_set(d, "ALERT", v[N_TOKEN].err);
		}
	} else
		tmpl_set(d, "START_ON_VAL", cal_fmt(day, today));
	for (i = 0; i < TEAM_STAGES; i++) {
		row = tmpl_row(d, "STAGE");
		tmpl_set(row, "STAGE_NAME", team_stages[i].name);
		tmpl_set(row, "STAGE_DAYS", arena_printf(r->a, "第 %d-%d 天",
		    team_stages[i].first_day, team_stages[i].last_day));
		tmpl_set(row, "STAGE_WORDS", team_stages[i].words);
	}
	for (i = 0; i < n; i++) {
		id = arena_printf(r->a, "%lld", (long long)staff[i].id);
		if (is_collector(&staff[i])) {
			row = tmpl_row(d, "NEWCOMER_OPT");
			tmpl_set(row, "ID", id);
			tmpl_set(row, "NAME", staff[i].name);
			if (nc != NULL && strcmp(nc, id) == 0)
				tmpl_show(row, "SELECTED");
		}
		if (may_mentor(&staff[i])) {
			row = tmpl_row(d, "MENTOR_OPT");
			tmpl_set(row, "ID", id);
			tmpl_set(row, "NAME", staff[i].name);
			tmpl_set(row, "ROLE", label_role(staff[i].role));
			if (mt != NULL && strcmp(mt, id) == 0)
				tmpl_show(row, "SELECTED");
		}
	}
	tmpl_set(d, "FORM_TOKEN_VAL", v != NULL && v[N_TOKEN].set &&
	    v[N_TOKEN].err == NULL ? v[N_TOKEN].s : once_token(r->ctx));
	page_render(r, status);
}

void
page_team_pair_new(struct req *r)
{
	struct estate	 e;
	struct fval	 v;
	int		 rc;

	valid_one(r, &fields[N_ESTATE], http_query(r, "estate"), &v);
	if ((rc = scope_estate(r, v.set && !v.err ? v.i : 0, &e, NULL)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	form(r, &e, NULL, 200);
}

struct pair_tx {
	int64_t			  estate;
	const struct team_person *newcomer, *mentor;
	const char		 *start;
};

static int
pair_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct pair_tx	*t = arg;

	return team_pair_add(ctx, t->estate, t->newcomer->id, t->newcomer->name,
	    t->mentor->id, t->mentor->name, t->start, made);
}

void
page_team_pair_post(struct req *r)
{
	struct fval		 v[N__MAX];
	struct estate		 e;
	struct date		 today = cal_today();
	struct team_person	*staff;
	struct pair_tx		 t;
	int64_t			 id, has;
	size_t			 n;
	int			 errs, rc;

	errs = valid_fields(r, fields, N__MAX, v);
	if (v[N_ESTATE].err != NULL || !v[N_ESTATE].set) {
		page_error(r, 400, "请选择小区。");
		return;
	}
	if ((rc = scope_estate(r, v[N_ESTATE].i, &e, NULL)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	if (team_staff(r->ctx, e.id, &staff, &n) < 0)
		return;
	memset(&t, 0, sizeof(t));
	if (!v[N_NEWCOMER].set)
		v[N_NEWCOMER].err = "请选择新人";
	else if (v[N_NEWCOMER].err == NULL && ((t.newcomer = team_person_find(
	    staff, n, v[N_NEWCOMER].i)) == NULL || !is_collector(t.newcomer))) {
		v[N_NEWCOMER].err = "新人须是本小区的收费员";
		errs++;
	}
	if (!v[N_MENTOR].set)
		v[N_MENTOR].err = "请选择师傅";
	else if (v[N_MENTOR].err == NULL && ((t.mentor = team_person_find(
	    staff, n, v[N_MENTOR].i)) == NULL || !may_mentor(t.mentor))) {
		v[N_MENTOR].err = "师傅须是本小区的收费员或收费组组长";
		errs++;
	}
	if (t.newcomer != NULL && t.mentor != NULL && v[N_MENTOR].err == NULL &&
	    t.newcomer->id == t.mentor->id) {
		v[N_MENTOR].err = "师傅和新人不能是同一个人";
		errs++;
	}
	if (t.newcomer != NULL && v[N_NEWCOMER].err == NULL) {
		if (db_one(r->ctx, &SQL_TEAM_HAS_PLAN, "ii", "i", e.id,
		    t.newcomer->id, &has) != 1)
			return;
		if (has > 0) {
			v[N_NEWCOMER].err = arena_printf(r->a, "%s 已有带教计划，"
			    "不能再建一个", t.newcomer->name);
			errs++;
		}
	}
	errs += valid_date_range(r, &v[N_START], cal_add_days(today,
	    -BACK_DAYS), cal_add_days(today, AHEAD_DAYS),
	    "开始日期不能早于 %s", "开始日期不能晚于 %s（一个月内）");
	if (errs) {
		form(r, &e, v, 400);
		return;
	}
	t.estate = e.id;
	t.start = v[N_START].s;
	rc = once_tx(r->ctx, v[N_TOKEN].s, "team.pair", e.id, e.id, pair_tx,
	    &t, &id);
	if (rc < 0)
		return;
	if (rc == TEAM_TAKEN) {
		/* another form made the newcomer's plan meanwhile */
		v[N_NEWCOMER].err = arena_printf(r->a, "%s 已有带教计划，不能再"
		    "建一个", t.newcomer->name);
		form(r, &e, v, 409);
		return;
	}
	if (rc == ONCE_SEEN && id == 0) {
		v[N_TOKEN].err = ONCE_USED_MSG;
		form(r, &e, v, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/team/pairs/%lld?ok=1",
	    (long long)id));
}
