/*
 * perf.c - collector performance: the pay rule (pure) and a month's
 * figures per member of staff (perf.h).
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "ctx.h"
#include "db.h"
#include "perf.h"

/* The estate's rule as it stood at T (sql/039: a new baseline leaves a
 * past month's pay as it was). Params: estate, T. */
SQL_DEF(SQL_PERF_RULE,
    "SELECT satisfaction_baseline, pay_step_points, pay_step_bp"
    " FROM pay_rule_history WHERE estate_id = ? AND from_at < ?"
    " ORDER BY from_at DESC, id DESC LIMIT 1");

/* The estate's active collectors, the rows every month shows. */
SQL_DEF(SQL_PERF_COLLECTORS,
    "SELECT st.id, st.name, st.role FROM staff st"
    " JOIN staff_estates se ON se.staff_id = st.id"
    " WHERE se.estate_id = ? AND st.role = 'collector' AND st.active = 1"
    " ORDER BY st.name, st.id");

int64_t
perf_mean_x10(int64_t sum, int64_t n)
{
	if (n <= 0 || sum < 0)
		return -1;
	/* sum * 10 / n, half up: (2 * sum * 10 + n) / (2 * n) */
	return (sum * 20 + n) / (n * 2);
}

int64_t
perf_multiplier_bp(int64_t mean_x10, const struct perf_rule *rule)
{
	int64_t	 over;

	if (mean_x10 < 0 || rule->step_points <= 0 || rule->step_bp <= 0)
		return 10000;
	over = mean_x10 - rule->baseline * 10;
	if (over <= 0)
		return 10000;
	return 10000 + over / (rule->step_points * 10) * rule->step_bp;
}

char *
perf_score_fmt(char *buf, int64_t x10)
{
	if (x10 < 0)
		snprintf(buf, PERF_FMT_MAX, "—");
	else
		snprintf(buf, PERF_FMT_MAX, "%lld.%lld", (long long)(x10 / 10),
		    (long long)(x10 % 10));
	return buf;
}

char *
perf_diff_fmt(char *buf, int64_t x10)
{
	int64_t	 m = x10 < 0 ? -x10 : x10;

	snprintf(buf, PERF_FMT_MAX, "%s%lld.%lld", x10 > 0 ? "+" :
	    x10 < 0 ? "-" : "", (long long)(m / 10), (long long)(m % 10));
	return buf;
}

char *
perf_bp_fmt(char *buf, int64_t bp)
{
	int64_t	 m = bp < 0 ? -bp : bp, frac = m % 100;
	const char *sign = bp < 0 ? "-" : "";

	if (frac == 0)
		snprintf(buf, PERF_FMT_MAX, "%s%lld%%", sign,
		    (long long)(m / 100));
	else if (frac % 10 == 0)
		snprintf(buf, PERF_FMT_MAX, "%s%lld.%lld%%", sign,
		    (long long)(m / 100), (long long)(frac / 10));
	else
		snprintf(buf, PERF_FMT_MAX, "%s%lld.%02lld%%", sign,
		    (long long)(m / 100), (long long)frac);
	return buf;
}

/* The row of staff member id, added (empty) if it is not there yet. */
static struct perf_row *
row_of(struct ctx *ctx, struct perf *p, size_t *cap, int64_t id,
    const char *name, const char *role)
{
	struct perf_row	*r;
	size_t		 i;

	for (i = 0; i < p->n; i++)
		if (p->rows[i].staff_id == id)
			return &p->rows[i];
	p->rows = arena_grow(ctx->a, p->rows, p->n, cap, sizeof(*p->rows),
	    16);
	r = &p->rows[p->n++];
	memset(r, 0, sizeof(*r));
	r->staff_id = id;
	r->name = name;
	r->role = role;
	return r;
}

struct due_arg {
	struct ctx	*ctx;
	struct perf	*p;
	size_t		*cap;
};

static void
due_add(void *arg, int64_t who, const char *name, const char *role,
    int64_t due, int64_t paid)
{
	struct due_arg	*d = arg;
	struct perf_row	*r = row_of(d->ctx, d->p, d->cap, who, name, role);

	r->due_fen += due;
	r->paid_fen += paid;
}

int
perf_month(struct ctx *ctx, int64_t estate, struct date month,
    struct perf *p)
{
	struct db_res		*res;
	struct kpi_follower	*f;
	struct perf_row		*r;
	struct due_arg		 d;
	struct date		 last;
	const char		*name, *role;
	int64_t			 id;
	size_t			 nf, i, cap = 0;
	int			 rc;

	memset(p, 0, sizeof(*p));
	month.d = 1;
	p->month = month;
	last = month;
	last.d = cal_days_in_month(month.y, month.m);
	kpi_when(month, last, &p->when);
	if ((rc = db_one(ctx, &SQL_PERF_RULE, "is", "iii", estate,
	    p->when.until, &p->rule.baseline, &p->rule.step_points,
	    &p->rule.step_bp)) != 1)
		return rc;
	if ((res = db_query(ctx, &SQL_PERF_COLLECTORS, "i", estate)) == NULL)
		return -1;
	while ((rc = db_row(res, "iss", &id, &name, &role)) == 1)
		row_of(ctx, p, &cap, id, name, role);
	if (rc < 0)
		return -1;
	if (kpi_followups(ctx, estate, p->when.start, p->when.until, &f,
	    &nf) < 0)
		return -1;
	for (i = 0; i < nf; i++) {
		r = row_of(ctx, p, &cap, f[i].staff_id, f[i].name, f[i].role);
		r->followups = f[i].n;
		r->score_sum = f[i].sum;
		r->on_time = f[i].on_time;
	}
	d.ctx = ctx;
	d.p = p;
	d.cap = &cap;
	if (kpi_collection_by_collector(ctx, estate, &p->when, due_add,
	    &d) < 0)
		return -1;
	for (i = 0; i < p->n; i++) {
		r = &p->rows[i];
		r->mean_x10 = perf_mean_x10(r->score_sum, r->followups);
		r->diff_x10 = r->mean_x10 < 0 ? 0 :
		    r->mean_x10 - p->rule.baseline * 10;
		r->mult_bp = perf_multiplier_bp(r->mean_x10, &p->rule);
	}
	return 1;
}
