/*
 * team_score_new.c - 录入考核成绩 (issue 13, "Team development"): one
 * member of staff's quiz score in a subject (法律法规, 沟通技巧 ...), 0 to
 * 100, on the day it was taken, recorded by the team lead or the manager.
 * A score is a new row every time (sql/050: append-only); the team page
 * shows the first and the latest of the year per subject.
 *
 *   GET  /staff/team/scores/new?estate=[&staff=]   the form
 *   POST /staff/team/scores   records it (with its audit row): 303 to the
 *        team page of its year; 400 with the message by each field in
 *        error, nothing recorded (nobody chosen or not of the estate's
 *        staff, a score not 0-100, a day to come or over a year back);
 *        the same form twice is one score (once.c), a spent token 409
 *
 * Renders templates/staff/team_score_new.tpl.
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

#define BACK_DAYS	366

/* The subjects the report names; any other may be typed. */
static const char *const subjects[] = {
	"法律法规", "沟通技巧", "系统操作", "收费政策", NULL
};

enum { N_ESTATE, N_STAFF, N_SUBJECT, N_SCORE, N_DAY, N_TOKEN, N__MAX };
static const struct field fields[N__MAX] = {
	{ "estate", "小区", V_INT, V_REQUIRED, 1, INT64_MAX / 2, NULL },
	{ "staff", "考核人员", V_INT, V_REQUIRED, 1, INT64_MAX / 2, NULL },
	{ "subject", "考核科目", V_TEXT, V_REQUIRED, 2, 30, NULL },
	{ "score", "成绩", V_INT, V_REQUIRED, 0, 100, NULL },
	{ "taken_on", "考核日期", V_DATE, V_REQUIRED, 0, 0, NULL },
	ONCE_FIELD,
};

static void
form(struct req *r, const struct estate *e, const struct fval *v,
    int status)
{
	struct tmpl		*d, *row;
	struct team_person	*staff;
	struct date		 today = cal_today();
	const char		*chosen;
	char			 day[11];
	size_t			 n, i;

	if (team_staff(r->ctx, e->id, &staff, &n) < 0)
		return;
	d = page_new(r, "staff/team_score_new.tpl", "录入考核成绩");
	tmpl_set_int(d, "ESTATE_ID", e->id);
	tmpl_set(d, "ESTATE_NAME", e->name);
	tmpl_set(d, "TODAY", cal_fmt(day, today));
	tmpl_set(d, "EARLIEST", cal_fmt(day, cal_add_days(today, -BACK_DAYS)));
	if (v != NULL) {
		valid_to_tmpl(d, fields, N__MAX, v);
		chosen = v[N_STAFF].s;
		if (v[N_TOKEN].err != NULL) {
			tmpl_show(d, "HAS_ALERT");
			tmpl_set(d, "ALERT", v[N_TOKEN].err);
		}
	} else {
		tmpl_set(d, "TAKEN_ON_VAL", cal_fmt(day, today));
		tmpl_set(d, "SUBJECT_VAL", subjects[0]);
		chosen = http_query(r, "staff");
	}
	for (i = 0; i < n; i++) {
		row = tmpl_row(d, "PERSON");
		tmpl_set_int(row, "ID", staff[i].id);
		tmpl_set(row, "NAME", staff[i].name);
		tmpl_set(row, "ROLE", label_role(staff[i].role));
		if (chosen != NULL && strcmp(chosen, arena_printf(r->a, "%lld",
		    (long long)staff[i].id)) == 0)
			tmpl_show(row, "SELECTED");
	}
	for (i = 0; subjects[i] != NULL; i++)
		tmpl_set(tmpl_row(d, "SUBJECT_OPT"), "NAME", subjects[i]);
	tmpl_set(d, "FORM_TOKEN_VAL", v != NULL && v[N_TOKEN].set &&
	    v[N_TOKEN].err == NULL ? v[N_TOKEN].s : once_token(r->ctx));
	page_render(r, status);
}

void
page_team_score_new(struct req *r)
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

struct score_tx {
	int64_t		 estate, staff, score;
	const char	*name, *subject, *day;
};

static int
score_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct score_tx	*t = arg;

	return team_score_add(ctx, t->estate, t->staff, t->name, t->subject,
	    t->score, t->day, made);
}

void
page_team_score_post(struct req *r)
{
	struct fval		 v[N__MAX];
	struct estate		 e;
	struct date		 today = cal_today();
	struct team_person	*staff;
	const struct team_person *who = NULL;
	struct score_tx		 t;
	int64_t			 id;
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
	if (v[N_STAFF].set && v[N_STAFF].err == NULL &&
	    (who = team_person_find(staff, n, v[N_STAFF].i)) == NULL) {
		v[N_STAFF].err = "请选择本小区的员工";
		errs++;
	}
	if (v[N_STAFF].err != NULL && !v[N_STAFF].set)
		v[N_STAFF].err = "请选择考核人员";
	errs += valid_date_range(r, &v[N_DAY], cal_add_days(today,
	    -BACK_DAYS), today, "只能录入一年内的考核（%s以后）",
	    "考核日期不能晚于今天（%s）");
	if (errs) {
		form(r, &e, v, 400);
		return;
	}
	t.estate = e.id;
	t.staff = who->id;
	t.name = who->name;
	t.subject = v[N_SUBJECT].s;
	t.score = v[N_SCORE].i;
	t.day = v[N_DAY].s;
	rc = once_tx(r->ctx, v[N_TOKEN].s, "team.score", e.id, e.id,
	    score_tx, &t, &id);
	if (rc < 0)
		return;
	if (rc == ONCE_SEEN && id == 0) {
		v[N_TOKEN].err = ONCE_USED_MSG;
		form(r, &e, v, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/team?estate=%lld&year=%.4s"
	    "&saved=score#scores", (long long)e.id, v[N_DAY].s));
}
