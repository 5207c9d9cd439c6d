/*
 * team_pair.c - 带教计划: one newcomer's 30-day plan (issue 13, "Team
 * development"; the report's 《新人30天成长手册》) - the mentor, the day
 * it began, its three stages each with its last day and whether it was
 * ticked off (when, by whom), stages past their last day unticked
 * flagged 已逾期 - and ticking the next stage off.
 *
 *   GET  /staff/team/pairs/#   the plan, to the lead and the manager, and
 *        to its newcomer and mentor; anyone else's: 404 (also another
 *        estate's)
 *   POST /staff/team/pairs/#/ticks   ticks the next stage off (stage,
 *        the day it was done, a note), as the lead, the manager or the
 *        mentor (the newcomer: 403): 303 to the plan; 400 with the message
 *        by the field and nothing recorded (a stage before it not ticked,
 *        a day before the plan began, before the last stage's, or to
 *        come); a stage ticked already: 409; the same form twice is one
 *        tick (once.c)
 *
 * A tick is a row of its own (sql/050: never changed or taken back),
 * with its audit row. Renders templates/staff/team_pair.tpl.
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

SQL_DEF(SQL_TEAM_PAIR_ESTATE,
    "SELECT mp.estate_id, e.name FROM mentor_pairs mp"
    " JOIN estates e ON e.id = mp.estate_id WHERE mp.id = ?");

enum { K_STAGE, K_DAY, K_NOTE, K_TOKEN, K__MAX };
static const struct field fields[K__MAX] = {
	{ "stage", "阶段", V_INT, V_REQUIRED, 1, TEAM_STAGES, NULL },
	{ "done_on", "完成日期", V_DATE, V_REQUIRED, 0, 0, NULL },
	{ "note", "备注", V_TEXT, 0, 0, 200, NULL },
	ONCE_FIELD,
};

/*
 * Loads plan r->ids[0] if the user sees it: 1; 0 after answering 404;
 * -1.
 */
static int
load(struct req *r, struct estate *e, struct team_pair *p)
{
	struct team_pair	*ps;
	size_t			 n;
	int			 rc;

	rc = db_one(r->ctx, &SQL_TEAM_PAIR_ESTATE, "i", "is", r->ids[0],
	    &e->id, &e->name);
	if (rc < 0)
		return -1;
	if (rc == 0 || !scope_sees(r, e->id)) {
		page_error(r, 404, NULL);
		return 0;
	}
	if (team_pairs(r->ctx, e->id, r->ids[0], &ps, &n) < 0)
		return -1;
	if (n != 1 || http_sees(r, DATA_PERFORMANCE, r->ctx->actor.id ==
	    ps[0].newcomer_id || r->ctx->actor.id == ps[0].mentor_id) !=
	    SEE_ALL) {
		page_error(r, 404, NULL);
		return 0;
	}
	*p = ps[0];
	return 1;
}

/* Whether the user ticks stages: the lead, the manager, the mentor. */
static int
may_tick(struct req *r, const struct team_pair *p)
{
	if (!http_may(r, METHOD_POST, "/team/pairs/#/ticks"))
		return 0;
	return http_sees(r, DATA_PERFORMANCE, 0) == SEE_ALL ||
	    r->ctx->actor.id == p->mentor_id;
}

/* The first stage not ticked (0-based), or TEAM_STAGES. */
static int
next_stage(const struct team_pair *p)
{
	int	 i;

	for (i = 0; i < TEAM_STAGES; i++)
		if (!p->ticks[i].set)
			return i;
	return TEAM_STAGES;
}

static void
show(struct req *r, const struct estate *e, const struct team_pair *p,
    const struct fval *v, int status)
{
	struct tmpl	*d;
	struct date	 today = cal_today();
	char		 day[11];
	int		 next = next_stage(p), late;

	d = page_new(r, "staff/team_pair.tpl", "带教计划");
	tmpl_set_int(d, "ESTATE_ID", e->id);
	tmpl_set(d, "ESTATE_NAME", e->name);
	tmpl_set_int(d, "PAIR_ID", p->id);
	tmpl_set(d, "NEWCOMER", p->newcomer);
	tmpl_set(d, "MENTOR", p->mentor);
	tmpl_set(d, "START_ON", label_date(r->a, p->start_on));
	tmpl_set(d, "END_ON", label_date(r->a, cal_fmt(day, team_stage_due(
	    p->start, TEAM_STAGES - 1))));
	tmpl_set(d, "SET_BY", p->by);
	tmpl_set(d, "SET_AT", p->at);
	if (http_sees(r, DATA_PERFORMANCE, 0) == SEE_ALL)
		tmpl_show(d, "BACK_TO_TEAM");
	if (cal_cmp(today, p->start) >= 0) {
		tmpl_show(d, "BEGUN");
		tmpl_set_int(d, "DAY_NO", cal_days_between(p->start, today) + 1);
	}
	late = team_stages_fill(r, d, p);
	if (late > 0) {
		tmpl_show(d, "LATE");
		tmpl_set_int(d, "LATE_N", late);
	}
	if (next == TEAM_STAGES)
		tmpl_show(d, "ALL_DONE");
	else if (may_tick(r, p)) {
		tmpl_show(d, "CAN_TICK");
		tmpl_set_int(d, "NEXT_NO", next + 1);
		tmpl_set(d, "NEXT_NAME", team_stages[next].name);
		tmpl_set(d, "NEXT_WORDS", team_stages[next].words);
		tmpl_set(d, "EARLIEST", next > 0 ? p->ticks[next - 1].done_on :
		    p->start_on);
		tmpl_set(d, "TODAY", cal_fmt(day, today));
		if (v != NULL) {
			valid_to_tmpl(d, fields, K__MAX, v);
			if (v[K_TOKEN].err != NULL || v[K_STAGE].err != NULL) {
				tmpl_show(d, "HAS_ALERT");
				tmpl_set(d, "ALERT", v[K_TOKEN].err ?
				    v[K_TOKEN].err : v[K_STAGE].err);
			}
		} else
			tmpl_set(d, "DONE_ON_VAL", cal_fmt(day, today));
		tmpl_set(d, "FORM_TOKEN_VAL", v != NULL && v[K_TOKEN].set &&
		    v[K_TOKEN].err == NULL ? v[K_TOKEN].s : once_token(r->ctx));
	}
	if (http_query(r, "ok") != NULL && v == NULL)
		tmpl_show(d, "SAVED");
	page_render(r, status);
}

void
page_team_pair(struct req *r)
{
	struct estate		 e;
	struct team_pair	 p;

	if (load(r, &e, &p) != 1)
		return;
	show(r, &e, &p, NULL, 200);
}

struct tick_tx {
	int64_t			 estate;
	const struct team_pair	*p;
	int			 stage;
	const char		*day, *note;
};

static int
tick_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct tick_tx	*t = arg;

	return team_tick_add(ctx, t->estate, t->p->id, t->p->newcomer,
	    t->stage, t->day, t->note, made);
}

void
page_team_pair_tick(struct req *r)
{
	struct fval		 v[K__MAX];
	struct estate		 e;
	struct team_pair	 p;
	struct tick_tx		 t;
	struct date		 today = cal_today(), lo;
	int64_t			 id;
	int			 errs, rc, stage, next;

	if ((rc = load(r, &e, &p)) != 1)
		return;
	if (!may_tick(r, &p)) {
		page_error(r, 403, "只有组长、经理或这位新人的师傅可以勾选完成。");
		return;
	}
	errs = valid_fields(r, fields, K__MAX, v);
	next = next_stage(&p);
	stage = v[K_STAGE].set && v[K_STAGE].err == NULL ?
	    (int)v[K_STAGE].i - 1 : -1;
	/* the form of a stage ticked since (another tab, the mentor) */
	if (stage >= 0 && p.ticks[stage].set) {
		if (v[K_TOKEN].set && v[K_TOKEN].err == NULL &&
		    (rc = once_seen(r->ctx, v[K_TOKEN].s, "team.tick", p.id,
		    &id)) != 0) {
			if (rc < 0)
				return;
			/* this very form, sent again: it did tick it */
			http_redirect(r, arena_printf(r->a,
			    "/staff/team/pairs/%lld?ok=1", (long long)p.id));
			return;
		}
		v[K_STAGE].err = arena_printf(r->a, "%s已经勾选过了（%s，%s）",
		    team_stages[stage].name, p.ticks[stage].by,
		    p.ticks[stage].at);
		show(r, &e, &p, v, 409);
		return;
	}
	if (stage >= 0 && stage != next) {
		v[K_STAGE].err = arena_printf(r->a, "请先勾选%s",
		    team_stages[next].name);
		errs++;
	}
	if (next == TEAM_STAGES) {
		page_error(r, 409, "这份带教计划的三个阶段都已完成。");
		return;
	}
	lo = next > 0 ? p.ticks[next - 1].done : p.start;
	errs += valid_date_range(r, &v[K_DAY], lo, today, next > 0 ?
	    "完成日期不能早于上一阶段的完成日期（%s）" :
	    "完成日期不能早于计划开始日期（%s）", "完成日期不能晚于今天（%s）");
	if (errs) {
		show(r, &e, &p, v, 400);
		return;
	}
	t.estate = e.id;
	t.p = &p;
	t.stage = stage + 1;
	t.day = v[K_DAY].s;
	t.note = v[K_NOTE].s;
	rc = once_tx(r->ctx, v[K_TOKEN].s, "team.tick", p.id, e.id, tick_tx,
	    &t, &id);
	if (rc < 0)
		return;
	if (rc == TEAM_TAKEN) {
		v[K_STAGE].err = arena_printf(r->a, "%s已经勾选过了",
		    team_stages[stage].name);
		show(r, &e, &p, v, 409);
		return;
	}
	if (rc == ONCE_SEEN && id == 0) {
		v[K_TOKEN].err = ONCE_USED_MSG;
		show(r, &e, &p, v, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/team/pairs/%lld?ok=1",
	    (long long)p.id));
}
