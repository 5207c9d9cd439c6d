/*
 * kpi.c - the KPI board's figures, each one grouped query over the money
 * tables (WITH ROLLUP gives the overall row beside each occupancy).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arrears.h"
#include "db.h"
#include "ctx.h"
#include "kpi.h"
#include "request.h"

/*
 * Every figure is read as the books stood at the range's end T (the
 * midnight after it, or now if sooner): bills, allocations, waivers,
 * payments, reversals and visits recorded before T, nothing later
 * (DOMAIN.md, KPIs). Each query reads an estate's bills once, and each
 * bill's allocations by their bill index (ARREARS_BILLS_AT_SQL): no
 * derived table is joined per bill, so no plan reads every allocation
 * of the estate for each bill, as the split-materialised ("lateral")
 * plan of the old per-bill derived table did on a large estate.
 */

/* A bill's figures at T: what it asked after its waiver, what it got. */
#define BILL_DUE \
    "b.amount_fen - COALESCE(MAX(w.amount_fen), 0) AS due," \
    " COALESCE(SUM(a.amount_fen), 0) AS paid"

/*
 * Collection: the bills DUE in the range. By households: a household
 * counts if one of its due bills was not wholly waived, and is paid if
 * every one of its due bills is. Params: T, T, estate, T, from, to.
 */
SQL_DEF(SQL_KPI_COLLECTION,
    "SELECT x.occupancy, COALESCE(SUM(x.due), 0), COALESCE(SUM(x.paid), 0),"
    " COALESCE(SUM(x.counted), 0), COALESCE(SUM(x.counted AND x.all_paid), 0)"
    " FROM (SELECT p.occupancy, SUM(y.due) AS due, SUM(y.paid) AS paid,"
    "  MAX(y.not_waived) AS counted, MIN(y.paid >= y.due) AS all_paid"
    "  FROM (SELECT b.premises_id, " BILL_DUE ","
    "   MAX(w.amount_fen) IS NULL OR MAX(w.amount_fen) < b.amount_fen"
    "   AS not_waived" ARREARS_BILLS_AT_SQL RATE_BILLS_SQL
    "   AND b.due_date BETWEEN ? AND ? GROUP BY b.id) y"
    "  JOIN premises p ON p.id = y.premises_id"
    "  GROUP BY y.premises_id, p.occupancy) x"
    " GROUP BY x.occupancy WITH ROLLUP");

/* The same bills by the month they fell due. Params: as above. */
SQL_DEF(SQL_KPI_COLLECTION_MONTHS,
    "SELECT DATE_FORMAT(y.due_date, '%Y-%m-01'), SUM(y.due), SUM(y.paid)"
    " FROM (SELECT b.due_date, " BILL_DUE ARREARS_BILLS_AT_SQL RATE_BILLS_SQL
    "  AND b.due_date BETWEEN ? AND ? GROUP BY b.id) y"
    " GROUP BY 1 ORDER BY 1");

/*
 * Recovery: the bills past due and open at the range's start S; what
 * each owed then (waivers and allocations before S), and what it got in
 * the range: payments less their reversals, from S to T, never below 0
 * and never above what it owed. Only bills made before S: a bill made
 * later (a period caught up by a later run) was not open at the start.
 * Params: S, S, S, T, estate, S, from.
 */
SQL_DEF(SQL_KPI_RECOVERY,
    "SELECT p.occupancy, COALESCE(SUM(x.owed), 0),"
    " COALESCE(SUM(GREATEST(0, LEAST(x.owed, x.back))), 0)"
    " FROM (SELECT b.premises_id, b.amount_fen"
    "  - COALESCE(MAX(w.amount_fen), 0)"
    "  - COALESCE(SUM(CASE WHEN a.created_at < ? THEN a.amount_fen END), 0)"
    "  AS owed,"
    "  COALESCE(SUM(CASE WHEN a.created_at >= ? THEN a.amount_fen END), 0)"
    "  AS back" ARREARS_BILLS_AT_SQL RATE_BILLS_SQL " AND b.due_date < ?"
    "  GROUP BY b.id HAVING owed > 0) x"
    " JOIN premises p ON p.id = x.premises_id"
    " GROUP BY p.occupancy WITH ROLLUP");

/* Payments made in the range that stand at T (reversals and payments
 * voided by then left out). Params: estate, S, T, T, T. */
#define PAYMENTS_IN_RANGE \
    " FROM payments p JOIN premises pr ON pr.id = p.premises_id" \
    " WHERE p.estate_id = ? AND p.paid_at >= ? AND p.paid_at < ?" \
    " AND p.created_at < ? AND p.reverses_id IS NULL" \
    " AND NOT EXISTS (SELECT 1 FROM payments v" \
    "  WHERE v.reverses_id = p.id AND v.created_at < ?)"

SQL_DEF(SQL_KPI_PAYMENTS,
    "SELECT p.channel, pr.occupancy, COUNT(*), COALESCE(SUM(p.amount_fen), 0)"
    PAYMENTS_IN_RANGE " GROUP BY p.channel, pr.occupancy");

SQL_DEF(SQL_KPI_PAYMENT_MONTHS,
    "SELECT DATE_FORMAT(p.paid_at, '%Y-%m-01'), COUNT(*),"
    " COALESCE(SUM(p.channel IN (" CHANNEL_SQL_ONLINE ")), 0),"
    " COALESCE(SUM(p.amount_fen), 0)"
    PAYMENTS_IN_RANGE " GROUP BY 1 ORDER BY 1");

/* The online payments of the range (those the online share counts), by
 * month, each with its seconds from the pay page to the confirmation -
 * NULL, sorted first, when it was not paid through an order of the
 * owner's pay page (no opening time: the history from before the portal)
 * - in order. Params: estate, S, T, T, T. */
SQL_DEF(SQL_KPI_PAY_TIMES,
    "SELECT DATE_FORMAT(p.paid_at, '%Y-%m-01'),"
    " (SELECT GREATEST(TIMESTAMPDIFF(SECOND, o.opened_at, o.paid_at), 0)"
    "  FROM pay_orders o WHERE o.payment_id = p.id) AS secs"
    PAYMENTS_IN_RANGE " AND p.channel IN (" CHANNEL_SQL_ONLINE ")"
    " ORDER BY 1, 2");

/* Visits are trips (one row each, 008_visits.sql), recorded by T.
 * Params: estate, from, to, T. */
SQL_DEF(SQL_KPI_VISITS,
    "SELECT pr.occupancy, COUNT(*), COALESCE(SUM(v.owner_over_80), 0)"
    " FROM door_visits v JOIN premises pr ON pr.id = v.premises_id"
    " WHERE v.estate_id = ? AND v.visited_on BETWEEN ? AND ?"
    " AND v.created_at < ?"
    " GROUP BY pr.occupancy WITH ROLLUP");

/* Enquiries and disputes raised in the range and logged by T, by month,
 * category and outcome as at T: the latest answer written before T, or
 * none yet (enquiry.h). Params: T, estate, S, T. */
SQL_DEF(SQL_KPI_ENQUIRIES,
    "SELECT DATE_FORMAT(q.created_at, '%Y-%m-01'), q.category,"
    " COALESCE((SELECT a.outcome FROM enquiry_answers a"
    "  WHERE a.enquiry_id = q.id AND a.created_at < ?"
    "  ORDER BY a.id DESC LIMIT 1), '" ENQ_STATE_UNANSWERED "'), COUNT(*)"
    " FROM enquiries q WHERE q.estate_id = ? AND q.created_at >= ?"
    " AND q.created_at < ? GROUP BY 1, 2, 3");

/*
 * Satisfaction: the follow-ups made in the range (S to T) with a score,
 * by the occupancy of the request's premises ('public' for a public
 * area: in the whole only). Params: estate, S, T.
 */
SQL_DEF(SQL_KPI_SATISFACTION,
    "SELECT x.occ, COUNT(*), COALESCE(SUM(x.score), 0)"
    " FROM (SELECT COALESCE(p.occupancy, 'public') AS occ, e.score"
    "  FROM service_request_events e"
    "  JOIN service_requests r ON r.id = e.request_id"
    "  LEFT JOIN premises p ON p.id = r.premises_id"
    "  WHERE e.estate_id = ? AND e.kind = 'followed' AND e.score IS NOT NULL"
    "  AND e.at >= ? AND e.at < ?) x"
    " GROUP BY x.occ WITH ROLLUP");

/*
 * ... by the member of staff who made them, each on time when within
 * the follow-up's hours of the last fix (done) before it. Params: hours,
 * estate, S, T.
 */
SQL_DEF(SQL_KPI_FOLLOWUPS,
    "SELECT f.actor_id, COALESCE(s.name, ''), COALESCE(s.role, ''),"
    " COUNT(*), COALESCE(SUM(f.score), 0),"
    " COALESCE(SUM(f.at <= (SELECT MAX(d.at) FROM service_request_events d"
    "  WHERE d.request_id = f.request_id AND d.kind = 'done'"
    "  AND d.id < f.id) + INTERVAL ? HOUR), 0)"
    " FROM service_request_events f LEFT JOIN staff s ON s.id = f.actor_id"
    " WHERE f.estate_id = ? AND f.kind = 'followed' AND f.actor_kind = 'staff'"
    " AND f.score IS NOT NULL AND f.at >= ? AND f.at < ?"
    " GROUP BY f.actor_id, s.name, s.role ORDER BY 2, 1");

/* The requests logged in the range. Params: estate, S, T. */
SQL_DEF(SQL_KPI_RQ_LOGGED,
    "SELECT COUNT(*) FROM service_requests"
    " WHERE estate_id = ? AND created_at >= ? AND created_at < ?");

/*
 * The steps of the service loop are counted by when they were taken, not
 * by when their request was logged (kpi.h): a step taken in the range is
 * on time or late by its deadline, whatever the request's age; a step
 * whose deadline fell in the range and that was still not taken at T is
 * overdue. So each step is counted in the range it was taken, and the
 * follow-ups are the same ones as the satisfaction's and each
 * collector's (SQL_KPI_FOLLOWUPS: on time within the hours of the last
 * fix before them).
 *
 * Receipt by customer service: the first 'received' event of a request,
 * taken in the range; its deadline the hours after logging. Params:
 * hours, hours, estate, S, T.
 */
SQL_DEF(SQL_KPI_RQ_RECEIVE_TAKEN,
    "SELECT COALESCE(SUM(n.at <= r.created_at + INTERVAL ? HOUR), 0),"
    " COALESCE(SUM(n.at > r.created_at + INTERVAL ? HOUR), 0)"
    " FROM service_request_events n"
    " JOIN service_requests r ON r.id = n.request_id"
    " WHERE n.estate_id = ? AND n.kind = 'received'"
    " AND n.at >= ? AND n.at < ?"
    " AND NOT EXISTS (SELECT 1 FROM service_request_events m"
    "  WHERE m.request_id = n.request_id AND m.kind = 'received'"
    "  AND m.id < n.id)");

/* ... and the requests due to be received in the range (logged from S -
 * hours to T - hours) and not received by T. Params: estate, S, hours,
 * T, hours, T. */
SQL_DEF(SQL_KPI_RQ_RECEIVE_OVERDUE,
    "SELECT COUNT(*) FROM service_requests r WHERE r.estate_id = ?"
    " AND r.created_at >= ? - INTERVAL ? HOUR"
    " AND r.created_at < ? - INTERVAL ? HOUR"
    " AND NOT EXISTS (SELECT 1 FROM service_request_events n"
    "  WHERE n.request_id = r.id AND n.kind = 'received' AND n.at < ?)");

/*
 * The later steps: each event of the end kind taken in the range ends
 * the step the last event of a start kind (A or B) before it began, due
 * hours after that (the stages alternate: a plan follows a receipt or a
 * reopening, a follow-up a fix). Params: hours, hours, kind A, kind B,
 * estate, end kind, S, T.
 */
SQL_DEF(SQL_KPI_RQ_STEP_TAKEN,
    "SELECT COALESCE(SUM(x.end_at <= x.start_at + INTERVAL ? HOUR), 0),"
    " COALESCE(SUM(x.end_at > x.start_at + INTERVAL ? HOUR), 0)"
    " FROM (SELECT n.at AS end_at,"
    "  (SELECT MAX(s.at) FROM service_request_events s"
    "   WHERE s.request_id = n.request_id AND s.kind IN (?, ?)"
    "   AND s.id < n.id) AS start_at"
    "  FROM service_request_events n WHERE n.estate_id = ? AND n.kind = ?"
    "  AND n.at >= ? AND n.at < ?) x");

/*
 * ... and the steps due in the range (begun from S - hours to T - hours)
 * with no event of the end kind after their start by T. Params: estate,
 * kind A, kind B, S, hours, T, hours, end kind, T.
 */
SQL_DEF(SQL_KPI_RQ_STEP_OVERDUE,
    "SELECT COUNT(*) FROM service_request_events s"
    " WHERE s.estate_id = ? AND s.kind IN (?, ?)"
    " AND s.at >= ? - INTERVAL ? HOUR AND s.at < ? - INTERVAL ? HOUR"
    " AND NOT EXISTS (SELECT 1 FROM service_request_events n"
    "  WHERE n.request_id = s.request_id AND n.id > s.id AND n.kind = ?"
    "  AND n.at < ?)");

/*
 * Withholding owners: the requests with withholding first fixed in the
 * range (RQ_FIRST_FIXES_SQL: the monthly report's solved requests), with
 * the day of that fix and of the household's first payment after it
 * recorded by T (RQ_FIRST_PAY_SQL). Params: T, T (the payments'),
 * estate, S, T.
 */
SQL_DEF(SQL_KPI_WITHHOLDING,
    "SELECT DATE_FORMAT(fx.at, '%Y-%m-%d'),"
    " COALESCE(" RQ_FIRST_PAY_SQL ", '')"
    RQ_FIRST_FIXES_SQL " AND r.withholding = 1");

/*
 * The collection rate's bills by the collector each household had at T:
 * its last assignment_history row from before T (a taking back: nobody,
 * no staff row). A join, not a subquery per bill on the derived table
 * (RQ_LAST_FIX_SQL says why). Params: T, T, estate, T (the bills'),
 * first day, last day, T, T (the assignments').
 */
SQL_DEF(SQL_KPI_COLLECTOR_DUE,
    "SELECT ah.collector_id, s.name, s.role,"
    " COALESCE(SUM(y.due), 0), COALESCE(SUM(y.paid), 0)"
    " FROM (SELECT b.premises_id, " BILL_DUE ARREARS_BILLS_AT_SQL RATE_BILLS_SQL
    "  AND b.due_date BETWEEN ? AND ? GROUP BY b.id) y"
    " JOIN assignment_history ah ON ah.premises_id = y.premises_id"
    "  AND ah.from_at < ?"
    "  AND NOT EXISTS (SELECT 1 FROM assignment_history h2"
    "   WHERE h2.premises_id = ah.premises_id AND h2.from_at < ?"
    "   AND (h2.from_at > ah.from_at"
    "   OR (h2.from_at = ah.from_at AND h2.id > ah.id)))"
    " JOIN staff s ON s.id = ah.collector_id"
    " GROUP BY ah.collector_id, s.name, s.role");

SQL_DEF(SQL_KPI_TARGETS,
    "SELECT target_collection_bp, target_recovery_bp, target_satisfaction"
    " FROM estates WHERE id = ?");

static int
occ_index(const char *occ)
{
	int	 i;

	if (occ == NULL)
		return 0;
	i = (int)occupancy_parse(occ);
	return i < OCCUPANCY__MAX ? i + 1 : -1;
}

static int
is_online(const char *ch)
{
	enum channel	 c = channel_parse(ch);

	return c == CHANNEL_ALIPAY || c == CHANNEL_WECHAT ||
	    c == CHANNEL_UNIONPAY;
}

static struct kpi_month *
month_of(struct kpi *k, const char *ym)
{
	struct date	 d;
	size_t		 i;

	if (cal_parse(ym, &d) < 0)
		return NULL;
	for (i = 0; i < k->nmonths; i++)
		if (k->months[i].month.y == d.y && k->months[i].month.m == d.m)
			return &k->months[i];
	return NULL;
}

/* The index of month ym ("YYYY-MM-01") in the range's months, or -1. */
static int
month_index(const struct kpi *k, const char *ym)
{
	struct date	 d;
	size_t		 i;

	if (cal_parse(ym, &d) < 0)
		return -1;
	for (i = 0; i < k->nmonths; i++)
		if (k->months[i].month.y == d.y && k->months[i].month.m == d.m)
			return (int)i;
	return -1;
}

/* Enquiries and disputes: counts by category, month and outcome. */
static int
enquiries(struct ctx *ctx, struct kpi *k, int64_t estate, const char *start,
    const char *until)
{
	struct db_res	*res;
	const char	*ym, *cat, *state;
	int64_t		 n;
	int		 rc;

	if ((res = db_query(ctx, &SQL_KPI_ENQUIRIES, "siss", until, estate,
	    start, until)) == NULL)
		return -1;
	while ((rc = db_row(res, "sssi", &ym, &cat, &state, &n)) == 1)
		enq_tally_add(&k->enq, month_index(k, ym), cat, state, n);
	return rc < 0 ? -1 : 0;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The median of v[0..n) sorted (the lower of the middle two). */
static int64_t
median(const int64_t *v, size_t n)
{
	return n == 0 ? DB_NULL : v[(n - 1) / 2];
}

/* Time to pay online: the range's median and each month's, of the
 * online payments made through the pay page; and how many were not. */
static int
pay_times(struct ctx *ctx, struct kpi *k, int64_t estate, const char *start,
    const char *until)
{
	struct db_res	*res;
	struct kpi_month *km;
	const char	*ym, *cur = "";
	int64_t		*all = NULL, secs;
	size_t		 n = 0, cap = 0, first = 0, i;
	int		 rc;

	k->pay_secs = DB_NULL;
	for (i = 0; i < k->nmonths; i++)
		k->months[i].pay_secs = DB_NULL;
	if ((res = db_query(ctx, &SQL_KPI_PAY_TIMES, "issss", estate, start,
	    until, until, until)) == NULL)
		return -1;
	while ((rc = db_row(res, "sI", &ym, &secs)) == 1) {
		if (secs == DB_NULL) {
			k->pay_no_order++;
			continue;
		}
		if (strcmp(ym, cur) != 0) {
			/* the month before is complete, in order */
			if (n > first && (km = month_of(k, cur)) != NULL)
				km->pay_secs = median(all + first, n - first);
			first = n;
			cur = ym;
		}
		all = arena_grow(ctx->a, all, n, &cap, sizeof(*all), 64);
		all[n++] = secs;
	}
	db_done(res);
	if (rc < 0)
		return -1;
	if (n > first && (km = month_of(k, cur)) != NULL)
		km->pay_secs = median(all + first, n - first);
	if (n > 0)
		qsort(all, n, sizeof(*all), cmp_i64);
	k->pay_secs = median(all, n);
	k->pay_secs_n = (int64_t)n;
	return 0;
}

int
kpi_followups(struct ctx *ctx, int64_t estate, const char *start,
    const char *until, struct kpi_follower **out, size_t *n)
{
	struct db_res		*res;
	struct kpi_follower	 f, *all = NULL;
	size_t			 cap = 0;
	int			 rc;

	*n = 0;
	if ((res = db_query(ctx, &SQL_KPI_FOLLOWUPS, "iiss",
	    (int64_t)rq_due_hours(RQ_DONE), estate, start, until)) == NULL)
		return -1;
	while ((rc = db_row(res, "issiii", &f.staff_id, &f.name, &f.role,
	    &f.n, &f.sum, &f.on_time)) == 1) {
		all = arena_grow(ctx->a, all, *n, &cap, sizeof(*all), 16);
		all[(*n)++] = f;
	}
	*out = all;
	return rc < 0 ? -1 : 0;
}

int
kpi_collection_by_collector(struct ctx *ctx, int64_t estate,
    const struct kpi_when *w,
    void (*fn)(void *, int64_t, const char *, const char *, int64_t,
    int64_t), void *arg)
{
	struct db_res	*res;
	const char	*name, *role;
	int64_t		 who, due, paid;
	int		 rc;

	if ((res = db_query(ctx, &SQL_KPI_COLLECTOR_DUE, "ssisssss", w->until,
	    w->until, estate, w->until, w->first, w->last_due, w->until,
	    w->until)) == NULL)
		return -1;
	while ((rc = db_row(res, "issii", &who, &name, &role, &due,
	    &paid)) == 1)
		fn(arg, who, name, role, due, paid);
	return rc < 0 ? -1 : 0;
}

/* Satisfaction and the service loop (kpi.h). */
static int
service_loop(struct ctx *ctx, struct kpi *k, int64_t estate,
    const struct kpi_when *w)
{
	/* The steps after receipt: what starts each, what ends it. */
	static const struct {
		enum kpi_step	 step;
		enum rq_event	 start_a, start_b, end;
		enum rq_status	 due_in;
	} steps[] = {
		{ KPI_STEP_PLAN, RQE_RECEIVED, RQE_REOPENED, RQE_PLANNED,
		    RQ_RECEIVED },
		{ KPI_STEP_FOLLOWUP, RQE_DONE, RQE_DONE, RQE_FOLLOWED,
		    RQ_DONE },
	};
	struct db_res	*res;
	const char	*occ, *done, *paid;
	int64_t		 a, b, hours;
	size_t		 j;
	int		 rc, i;

	if ((res = db_query(ctx, &SQL_KPI_SATISFACTION, "iss", estate,
	    w->start, w->until)) == NULL)
		return -1;
	while ((rc = db_row(res, "Sii", &occ, &a, &b)) == 1) {
		if ((i = occ_index(occ)) < 0)
			continue;
		k->sat_n[i] = a;
		k->sat_sum[i] = b;
	}
	if (rc < 0)
		return -1;
	if (kpi_followups(ctx, estate, w->start, w->until, &k->followers,
	    &k->nfollowers) < 0)
		return -1;
	if (db_one(ctx, &SQL_KPI_RQ_LOGGED, "iss", "i", estate, w->start,
	    w->until, &k->rq_logged) != 1)
		return -1;
	hours = rq_due_hours(RQ_LOGGED);
	if (db_one(ctx, &SQL_KPI_RQ_RECEIVE_TAKEN, "iiiss", "ii", hours, hours,
	    estate, w->start, w->until, &k->step_on_time[KPI_STEP_RECEIVE],
	    &k->step_late[KPI_STEP_RECEIVE]) != 1 ||
	    db_one(ctx, &SQL_KPI_RQ_RECEIVE_OVERDUE, "isisis", "i", estate,
	    w->start, hours, w->until, hours, w->until,
	    &k->step_overdue[KPI_STEP_RECEIVE]) != 1)
		return -1;
	for (j = 0; j < sizeof(steps) / sizeof(steps[0]); j++) {
		const char	*a = rq_event_codes[steps[j].start_a];
		const char	*b = rq_event_codes[steps[j].start_b];
		const char	*end = rq_event_codes[steps[j].end];
		enum kpi_step	 st = steps[j].step;

		hours = rq_due_hours(steps[j].due_in);
		if (db_one(ctx, &SQL_KPI_RQ_STEP_TAKEN, "iississs", "ii",
		    hours, hours, a, b, estate, end, w->start, w->until,
		    &k->step_on_time[st], &k->step_late[st]) != 1 ||
		    db_one(ctx, &SQL_KPI_RQ_STEP_OVERDUE, "isssisiss", "i",
		    estate, a, b, w->start, hours, w->until, hours, end,
		    w->until, &k->step_overdue[st]) != 1)
			return -1;
	}
	if ((res = db_query(ctx, &SQL_KPI_WITHHOLDING, "ssiss", w->until,
	    w->until, estate, w->start, w->until)) == NULL)
		return -1;
	while ((rc = db_row(res, "ss", &done, &paid)) == 1) {
		switch (rq_paid_after_fix(done, paid)) {
		case RQ_PAID_AFTER:
			k->wh_paid++;
			k->wh_fixed++;
			break;
		case RQ_NOT_PAID_AFTER:
			k->wh_fixed++;
			break;
		default:
			break;
		}
	}
	return rc < 0 ? -1 : 0;
}

void
kpi_when(struct date from, struct date to, struct kpi_when *w)
{
	struct date	 today = cal_today();
	char		 endts[20], now[20], t[11];

	memset(w, 0, sizeof(*w));
	/* S is the range's first midnight; T the midnight after it, or now
	 * if sooner: the moment every figure stands at. */
	snprintf(w->start, sizeof(w->start), "%s 00:00:00",
	    cal_fmt(w->first, from));
	snprintf(endts, sizeof(endts), "%s 00:00:00",
	    cal_fmt(t, cal_next_day(to)));
	cal_now(now);
	w->now = strcmp(now, endts) < 0;
	snprintf(w->asof, sizeof(w->asof), "%s", w->now ? now : endts);
	/* Records before T count; when T is now, those of the second shown
	 * too (times are kept to the second): T is that second's end. */
	snprintf(w->until, sizeof(w->until), w->now ? "%s.999999" : "%s",
	    w->asof);
	/* A range running into the future: only bills due by today are due
	 * (a bill not yet due is not in the rate, DOMAIN.md). */
	cal_fmt(w->last_due, w->now && cal_cmp(today, to) < 0 ? today : to);
}

static void
tier_add(void *arg, const struct arrears *a)
{
	struct kpi	*k = arg;

	k->tier_n[a->tier]++;
	k->tier_owed[a->tier] += a->owed_fen;
}

int
kpi_compute(struct ctx *ctx, int64_t estate, struct date from, struct date to,
    struct kpi *k)
{
	struct db_res		*res;
	struct tier_rules	 rules;
	struct kpi_when		 w;
	struct date		 m, today = cal_today();
	const char		*occ, *ch, *ym;
	const char		*f, *t, *start, *until;
	int64_t			 a, b, c, e;
	int			 rc, i, j;

	memset(k, 0, sizeof(*k));
	k->from = from;
	k->to = to;
	if ((rc = db_one(ctx, &SQL_KPI_TARGETS, "i", "iii", estate,
	    &k->target_collection_bp, &k->target_recovery_bp,
	    &k->target_satisfaction)) != 1)
		return rc;
	kpi_when(from, to, &w);
	k->now = w.now;
	snprintf(k->asof, sizeof(k->asof), "%s", w.asof);
	f = w.first;
	t = w.last_due;
	start = w.start;
	until = w.until;

	/* Months of the range, for the trend. */
	m = from;
	m.d = 1;
	while (cal_cmp(m, to) <= 0 && k->nmonths < KPI_MONTHS) {
		k->months[k->nmonths++].month = m;
		m = cal_add_months(m, 1);
	}

	res = db_query(ctx, &SQL_KPI_COLLECTION, "ssisss", until, until,
	    estate, until, f, t);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "Siiii", &occ, &a, &b, &c, &e)) == 1) {
		if ((i = occ_index(occ)) < 0)
			continue;
		k->billed[i] = a;
		k->paid[i] = b;
		k->hh[i] = c;
		k->hh_paid[i] = e;
	}
	if (rc < 0)
		return -1;
	res = db_query(ctx, &SQL_KPI_COLLECTION_MONTHS, "ssisss", until,
	    until, estate, until, f, t);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "sii", &ym, &a, &b)) == 1) {
		struct kpi_month *km = month_of(k, ym);

		if (km != NULL) {
			km->billed += a;
			km->paid += b;
		}
	}
	if (rc < 0)
		return -1;
	res = db_query(ctx, &SQL_KPI_RECOVERY, "ssssiss", start, start, start,
	    until, estate, start, f);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "Sii", &occ, &a, &b)) == 1) {
		if ((i = occ_index(occ)) < 0)
			continue;
		k->arrears[i] = a;
		k->recovered[i] = b;
	}
	if (rc < 0)
		return -1;
	res = db_query(ctx, &SQL_KPI_PAYMENTS, "issss", estate, start, until,
	    until, until);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "ssii", &ch, &occ, &a, &b)) == 1) {
		if ((i = occ_index(occ)) < 0)
			continue;
		if ((j = (int)channel_parse(ch)) < CHANNEL__MAX) {
			k->ch_n[j] += a;
			k->ch_amt[j] += b;
		}
		k->pay_n[0] += a;
		k->pay_amt[0] += b;
		k->pay_n[i] += a;
		k->pay_amt[i] += b;
		if (is_online(ch)) {
			k->online_n[0] += a;
			k->online_amt[0] += b;
			k->online_n[i] += a;
			k->online_amt[i] += b;
		}
	}
	if (rc < 0)
		return -1;
	res = db_query(ctx, &SQL_KPI_PAYMENT_MONTHS, "issss", estate, start,
	    until, until, until);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "siii", &ym, &a, &b, &c)) == 1) {
		struct kpi_month *km = month_of(k, ym);

		if (km != NULL) {
			km->pay_n = a;
			km->online_n = b;
			km->collected = c;
		}
	}
	if (rc < 0)
		return -1;
	if (pay_times(ctx, k, estate, start, until) < 0)
		return -1;
	if (enquiries(ctx, k, estate, start, until) < 0)
		return -1;
	if (service_loop(ctx, k, estate, &w) < 0)
		return -1;
	res = db_query(ctx, &SQL_KPI_VISITS, "isss", estate, f, t, until);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "Sii", &occ, &a, &b)) == 1) {
		if ((i = occ_index(occ)) < 0)
			continue;
		k->visits[i] = a;
		k->visits_80[i] = b;
	}
	if (rc < 0)
		return -1;
	/* The tiers on the range's last day: today's from the bills' status
	 * (the arrears board's own query), a past range's from the records
	 * that existed at its end. */
	if (arrears_rules(ctx, estate, &rules) != 1)
		return -1;
	rc = k->now ?
	    arrears_estate(ctx, estate, &rules, today, tier_add, k) :
	    arrears_estate_asof(ctx, estate, &rules, to, until, tier_add, k);
	return rc < 0 ? -1 : 1;
}

int64_t
kpi_permille10(int64_t num, int64_t den)
{
	if (den <= 0)
		return -1;
	return (num * 1000 * 2 + den) / (den * 2);
}

char *
kpi_pct(char *buf, int64_t v)
{
	if (v < 0)
		snprintf(buf, KPI_PCT_MAX, "—");
	else
		snprintf(buf, KPI_PCT_MAX, "%lld.%lld%%", (long long)(v / 10),
		    (long long)(v % 10));
	return buf;
}
