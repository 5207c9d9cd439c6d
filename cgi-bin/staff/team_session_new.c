/*
 * team_session_new.c - 登记培训 (issue 13, "Team development"): a
 * training session held - its topic, day, hours and who attended, chosen
 * from the estate's staff - recorded by the team lead or the manager.
 *
 *   GET  /staff/team/sessions/new?estate=   the form (today, 2 课时,
 *        nobody ticked)
 *   POST /staff/team/sessions   records it (with its audit row): 303 to
 *        the team page of its year; 400 with the message by each field
 *        in error and nothing recorded (a day to come or over a year
 *        back, hours not within 0.5-12, nobody ticked, someone not of the
 *        estate's staff); the same form twice is one session (once.c),
 *        a form's token spent on another: 409
 *
 * Renders templates/staff/team_session_new.tpl.
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

/* A session is recorded after it is held, within a year. */
#define BACK_DAYS	366

enum { N_ESTATE, N_TOPIC, N_DAY, N_HOURS, N_NOTE, N_TOKEN, N__MAX };
static const struct field fields[N__MAX] = {
	{ "estate", "小区", V_INT, V_REQUIRED, 1, INT64_MAX / 2, NULL },
	{ "topic", "培训主题", V_TEXT, V_REQUIRED, 2, 100, NULL },
	{ "held_on", "培训日期", V_DATE, V_REQUIRED, 0, 0, NULL },
	/* half an hour to a long day, in hundredths */
	{ "hours", "课时", V_DECIMAL2, V_REQUIRED, 50, 1200, NULL },
	{ "note", "说明", V_TEXT, 0, 0, 500, NULL },
	ONCE_FIELD,
};

/* The form; v NULL: a fresh one. chosen[nchosen]: the ticked. */
static void
form(struct req *r, const struct estate *e, const struct fval *v,
    const int64_t *chosen, size_t nchosen, const char *who_err,
    int status)
{
	struct tmpl		*d, *row;
	struct team_person	*staff;
	struct date		 today = cal_today();
	char			 day[11];
	size_t			 n, i, j;

	if (team_staff(r->ctx, e->id, &staff, &n) < 0)
		return;
	d = page_new(r, "staff/team_session_new.tpl", "登记培训");
	tmpl_set_int(d, "ESTATE_ID", e->id);
	tmpl_set(d, "ESTATE_NAME", e->name);
	tmpl_set(d, "TODAY", cal_fmt(day, today));
	tmpl_set(d, "EARLIEST", cal_fmt(day, cal_add_days(today, -BACK_DAYS)));
	if (v != NULL)
		valid_to_tmpl(d, fields, N__MAX, v);
	else {
		tmpl_set(d, "HELD_ON_VAL", cal_fmt(day, today));
		tmpl_set(d, "HOURS_VAL", "2");
	}
	if (v != NULL && v[N_TOKEN].err != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", v[N_TOKEN].err);
	}
	for (i = 0; i < n; i++) {
		row = tmpl_row(d, "PERSON");
		tmpl_set_int(row, "ID", staff[i].id);
		tmpl_set(row, "NAME", staff[i].name);
		tmpl_set(row, "ROLE", label_role(staff[i].role));
		for (j = 0; j < nchosen; j++)
			if (chosen[j] == staff[i].id)
				tmpl_show(row, "CHECKED");
	}
	if (who_err != NULL) {
		tmpl_set(d, "ATTENDEE_ERR", who_err);
		tmpl_show(d, "HAS_ERRORS");
	}
	tmpl_set(d, "FORM_TOKEN_VAL", v != NULL && v[N_TOKEN].set &&
	    v[N_TOKEN].err == NULL ? v[N_TOKEN].s : once_token(r->ctx));
	page_render(r, status);
}

void
page_team_session_new(struct req *r)
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
	form(r, &e, NULL, NULL, 0, NULL, 200);
}

static int
session_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	return team_session_add(ctx, arg, made);
}

void
page_team_session_post(struct req *r)
{
	struct fval		 v[N__MAX], pv;
	struct estate		 e;
	struct date		 today = cal_today();
	struct team_session_in	 in;
	struct team_person	*staff;
	const struct field	 pf = { "attendee", "参加人员", V_INT, 0, 1,
				    INT64_MAX / 2, NULL };
	const char		*who_err = NULL;
	int64_t			*ids, id;
	size_t			 i, j, n, nstaff;
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
	if (team_staff(r->ctx, e.id, &staff, &nstaff) < 0)
		return;
	errs += valid_date_range(r, &v[N_DAY], cal_add_days(today,
	    -BACK_DAYS), today, "只能登记一年内的培训（%s以后）",
	    "培训日期不能晚于今天（%s）：办完培训再登记");
	/* the attendees ticked: each one of the estate's staff, once */
	ids = arena_alloc(r->a, (r->form.n + 1) * sizeof(*ids));
	n = 0;
	for (i = 0; i < r->form.n && who_err == NULL; i++) {
		if (strcmp(r->form.v[i].key, "attendee") != 0)
			continue;
		if (valid_one(r, &pf, r->form.v[i].val, &pv) != NULL ||
		    team_person_find(staff, nstaff, pv.i) == NULL) {
			who_err = "所选人员不是本小区的员工，请重新勾选";
			break;
		}
		for (j = 0; j < n; j++)
			if (ids[j] == pv.i)
				break;
		if (j == n)
			ids[n++] = pv.i;
	}
	if (who_err == NULL && n == 0)
		who_err = "请勾选参加培训的人员";
	if (who_err != NULL)
		errs++;
	if (errs) {
		form(r, &e, v, ids, n, who_err, 400);
		return;
	}
	memset(&in, 0, sizeof(in));
	in.estate_id = e.id;
	in.topic = v[N_TOPIC].s;
	in.held_on = v[N_DAY].s;
	in.hours_x100 = v[N_HOURS].i;
	in.note = v[N_NOTE].s;
	in.staff = ids;
	in.n = n;
	rc = once_tx(r->ctx, v[N_TOKEN].s, "team.session", e.id, e.id,
	    session_tx, &in, &id);
	if (rc < 0)
		return;
	if (rc == ONCE_SEEN && id == 0) {
		v[N_TOKEN].err = ONCE_USED_MSG;
		form(r, &e, v, ids, n, NULL, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/team?estate=%lld&year=%.4s"
	    "&saved=session#sessions", (long long)e.id, v[N_DAY].s));
}
