/*
 * billing.c - set-based billing runs in chunks, and the prepaid balance
 * paying what a run made.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "alloc.h"
#include "arena.h"
#include "audit.h"
#include "billing.h"
#include "msg.h"
#include "occupancy.h"
#include "db.h"
#include "ctx.h"
#include "jobs.h"
#include "ledger.h"
#include "log.h"
#include "books.h"

/* The rate in force for each item and occupancy in a period: the newest
 * row of the latest from_period not after it. Params: estate, period. */
#define RATES \
    "(SELECT r.fee_item_id, r.occupancy, r.rate_fen FROM fee_rates r" \
    " WHERE r.estate_id = ? AND r.id = (SELECT r2.id FROM fee_rates r2" \
    "  WHERE r2.fee_item_id = r.fee_item_id AND r2.occupancy = r.occupancy" \
    "  AND r2.from_period <= ? ORDER BY r2.from_period DESC, r2.id DESC" \
    "  LIMIT 1)) rt"

/*
 * A bill is due at the end of its period, and never less than 15 days
 * after it is made: a period billed late (a month caught up, a late
 * meter reading, a run for a past month) does not fall due the day it
 * appears. Param: the period's natural due date (an SQL expression).
 */
#define DUE(natural) \
    "GREATEST(" natural ", CURDATE() + INTERVAL 15 DAY)"

/*
 * Area and fixed items of one period not yet billed, for the premises of
 * the occupancies named (a comma list: "occupied,shop") whose cycle
 * starts that month. A period an existing bill of the item already
 * covers is never billed again, whatever its start (a cycle changed from
 * quarterly to monthly: the months of a quarter billed stay billed; an
 * opening bill of up to 12 months imported from CSV, core/import.c).
 * Params: period, period, estate, period (RATES), estate, from, to,
 * occupancies, period, period, period, period.
 */
#define FIXED_SELECT \
    "SELECT p.estate_id, p.id AS premises_id, fi.id AS fee_item_id," \
    " CAST(? AS DATE) AS period_start, c.months AS period_months," \
    " CASE fi.basis WHEN 'area'" \
    "  THEN ROUND(rt.rate_fen * p.area_x100 * c.months / 100)" \
    "  ELSE rt.rate_fen END AS amount," \
    " " DUE("LAST_DAY(DATE_ADD(?, INTERVAL c.months - 1 MONTH))") " AS due," \
    " p.occupancy, CAST(NULL AS SIGNED) AS quantity" \
    " FROM premises p" \
    " JOIN billing_cycles c ON c.estate_id = p.estate_id" \
    "  AND c.occupancy = p.occupancy" \
    " JOIN fee_items fi ON fi.estate_id = p.estate_id" \
    "  AND fi.basis IN ('area', 'fixed')" \
    " JOIN " RATES " ON rt.fee_item_id = fi.id AND rt.occupancy = p.occupancy" \
    " WHERE p.estate_id = ? AND p.id BETWEEN ? AND ?" \
    " AND FIND_IN_SET(p.occupancy, ?) > 0" \
    " AND MOD(MONTH(?) - 1, c.months) = 0" \
    " AND NOT EXISTS (SELECT 1 FROM bills b FORCE INDEX (bills_once)" \
    "  WHERE b.premises_id = p.id" \
    "  AND b.period_start > DATE_SUB(?, INTERVAL 12 MONTH)" \
    "  AND b.period_start < DATE_ADD(?, INTERVAL c.months MONTH)" \
    "  AND b.fee_item_id = fi.id" \
    "  AND DATE_ADD(b.period_start, INTERVAL b.period_months MONTH) > ?)"

/*
 * Meter readings of the month or earlier not yet billed (a reading
 * entered late is billed by the next run), each at the rate in force in
 * its own period. Params: estate, month, from, to.
 */
#define METER_RATE \
    "(SELECT r2.rate_fen FROM fee_rates r2" \
    "  WHERE r2.fee_item_id = m.fee_item_id AND r2.occupancy = p.occupancy" \
    "  AND r2.from_period <= m.period_start" \
    "  ORDER BY r2.from_period DESC, r2.id DESC LIMIT 1)"
#define METER_SELECT \
    "SELECT m.estate_id, m.premises_id, m.fee_item_id, m.period_start," \
    " 1 AS period_months," \
    " ROUND(" METER_RATE " * (m.curr_x100 - m.prev_x100) / 100) AS amount," \
    " " DUE("LAST_DAY(m.period_start)") " AS due, p.occupancy," \
    " m.curr_x100 - m.prev_x100 AS quantity" \
    " FROM meter_readings m JOIN premises p ON p.id = m.premises_id" \
    " WHERE m.estate_id = ? AND m.period_start <= ?" \
    " AND m.premises_id BETWEEN ? AND ?" \
    " AND " METER_RATE " IS NOT NULL" \
    " AND NOT EXISTS (SELECT 1 FROM bills b" \
    "  WHERE b.premises_id = m.premises_id" \
    "  AND b.fee_item_id = m.fee_item_id AND b.period_start = m.period_start)"

/*
 * Custody agreements (空置房托管, issue 13, core/custody.h) in force in
 * one period (a month) not yet billed: the agreement's monthly fee under
 * its fee item billed "by agreement", one bill per premises and month
 * like every bill. Params: period, period, estate, from, to, period,
 * period.
 */
#define AGREEMENT_SELECT \
    "SELECT a.estate_id, a.premises_id, a.fee_item_id," \
    " CAST(? AS DATE) AS period_start, 1 AS period_months," \
    " a.fee_fen AS amount, " DUE("LAST_DAY(?)") " AS due," \
    " p.occupancy, CAST(NULL AS SIGNED) AS quantity" \
    " FROM custody_agreements a JOIN premises p ON p.id = a.premises_id" \
    " WHERE a.estate_id = ? AND a.premises_id BETWEEN ? AND ?" \
    " AND a.start_period <= ?" \
    " AND NOT EXISTS (SELECT 1 FROM bills b" \
    "  WHERE b.premises_id = a.premises_id" \
    "  AND b.fee_item_id = a.fee_item_id AND b.period_start = ?)"

#define INSERT_BILLS \
    "INSERT INTO bills (estate_id, premises_id, fee_item_id, period_start," \
    " period_months, amount_fen, due_date, quantity_x100, run_id, created_at)" \
    " SELECT x.estate_id, x.premises_id, x.fee_item_id, x.period_start," \
    " x.period_months, x.amount, x.due, x.quantity, ?, NOW() FROM "

/*
 * A run never makes a bill of 0 fen: a rate of 0 (免收: the item is not
 * charged to that occupancy), a meter that did not turn, or usage that
 * rounds to less than a fen bill nothing. Such a bill could never be
 * closed (a payment skips a bill owing 0, a waiver refuses it) and would
 * stand open beside a prepaid balance and on the arrears board. The
 * preview counts what the run makes, so it filters the same way.
 */
#define BILLABLE	" WHERE x.amount > 0"

SQL_DEF(SQL_BILLING_PREVIEW_FIXED,
    "SELECT x.occupancy, x.period_months, COUNT(*),"
    " COALESCE(SUM(x.amount), 0) FROM (" FIXED_SELECT ") x" BILLABLE
    " GROUP BY x.occupancy, x.period_months");

SQL_DEF(SQL_BILLING_PREVIEW_METER,
    "SELECT x.occupancy, x.period_start, COUNT(*),"
    " COALESCE(SUM(x.amount), 0) FROM (" METER_SELECT ") x" BILLABLE
    " GROUP BY x.occupancy, x.period_start ORDER BY x.period_start");

SQL_DEF(SQL_BILLING_PREVIEW_AGREEMENT,
    "SELECT x.occupancy, COUNT(*), COALESCE(SUM(x.amount), 0)"
    " FROM (" AGREEMENT_SELECT ") x" BILLABLE " GROUP BY x.occupancy");

SQL_DEF(SQL_BILLING_INSERT_AGREEMENT,
    INSERT_BILLS "(" AGREEMENT_SELECT ") x" BILLABLE);

SQL_DEF(SQL_BILLING_INSERT_FIXED,
    INSERT_BILLS "(" FIXED_SELECT ") x" BILLABLE);

SQL_DEF(SQL_BILLING_INSERT_METER,
    INSERT_BILLS "(" METER_SELECT ") x" BILLABLE);

SQL_DEF(SQL_BILLING_MADE,
    "SELECT COUNT(*), COALESCE(SUM(amount_fen), 0) FROM bills"
    " WHERE run_id = ? AND premises_id BETWEEN ? AND ?");

SQL_DEF(SQL_BILLING_RUN_GET,
    "SELECT COALESCE(estate_id, 0), period_start, requested_by"
    " FROM billing_runs WHERE id = ?");

/* The estates a run covers: one, or every estate (0). */
SQL_DEF(SQL_BILLING_ESTATES,
    "SELECT id FROM estates WHERE ? = 0 OR id = ? ORDER BY id");

SQL_DEF(SQL_BILLING_PREMISES,
    "SELECT id FROM premises WHERE estate_id = ? ORDER BY id");

SQL_DEF(SQL_BILLING_COUNT,
    "SELECT COUNT(*) FROM premises WHERE ? = 0 OR estate_id = ?");

SQL_DEF(SQL_BILLING_CYCLES,
    "SELECT occupancy, months FROM billing_cycles WHERE estate_id = ?");

SQL_DEF(SQL_BILLING_MARKED,
    "SELECT occupancy, period_start FROM billing_periods"
    " WHERE estate_id = ? ORDER BY period_start");

SQL_DEF(SQL_BILLING_MARK,
    "INSERT INTO billing_periods (estate_id, occupancy, period_start,"
    " run_id, created_at) VALUES (?, ?, ?, ?, NOW())"
    " ON DUPLICATE KEY UPDATE run_id = run_id");

SQL_DEF(SQL_BILLING_RUN_START,
    "UPDATE billing_runs SET status = 'running', started_at = NOW(3),"
    " premises_total = ?, premises_done = 0, bills_made = 0, amount_fen = 0,"
    " prepaid_applied_fen = 0, error = '' WHERE id = ?");

SQL_DEF(SQL_BILLING_RUN_PROGRESS,
    "UPDATE billing_runs SET premises_done = premises_done + ?,"
    " bills_made = bills_made + ?, amount_fen = amount_fen + ?,"
    " prepaid_applied_fen = prepaid_applied_fen + ? WHERE id = ?");

SQL_DEF(SQL_BILLING_RUN_END,
    "UPDATE billing_runs SET status = ?, finished_at = NOW(3), error = ?"
    " WHERE id = ?");

SQL_DEF(SQL_BILLING_RUN_TOTALS,
    "SELECT bills_made, amount_fen, prepaid_applied_fen FROM billing_runs"
    " WHERE id = ?");

/* The latest month of the estate a run has billed (billing_periods) or
 * been asked to bill, whatever its status (a failed run is run again):
 * '' none. Params: estate, estate. */
SQL_DEF(SQL_BILLING_LATEST,
    "SELECT COALESCE(DATE_FORMAT(MAX(x.d), '%Y-%m-%d'), '') FROM ("
    " SELECT MAX(period_start) AS d FROM billing_periods WHERE estate_id = ?"
    " UNION ALL SELECT MAX(period_start) FROM billing_runs"
    " WHERE estate_id = ? OR estate_id IS NULL) x");

/* The bill of a premises' agreement for a period. */
SQL_DEF(SQL_BILLING_AGREEMENT_BILL,
    "SELECT b.id, b.amount_fen FROM bills b JOIN custody_agreements a"
    " ON a.premises_id = b.premises_id AND a.fee_item_id = b.fee_item_id"
    " WHERE b.premises_id = ? AND b.period_start = ? AND b.late_of = 0");

/* Households of the chunk holding a prepaid balance beside open bills. */
SQL_DEF(SQL_PREPAID_PREMISES,
    "SELECT DISTINCT po.premises_id FROM prepaid_open po"
    " WHERE po.estate_id = ? AND po.premises_id BETWEEN ? AND ?"
    " AND EXISTS (SELECT 1 FROM bills b WHERE b.premises_id = po.premises_id"
    "  AND b.status IN ('unpaid', 'partial'))"
    " ORDER BY po.premises_id");

static int
occ_index(const char *occ)
{
	int	 i;

	for (i = 0; i < OCCUPANCY__MAX; i++)
		if (strcmp(occ, occupancy_codes[i]) == 0)
			return i;
	return -1;
}

static int64_t
month_of(struct date d)
{
	return (int64_t)d.y * 12 + d.m - 1;
}

/* The occupancies of a mask as FIND_IN_SET wants them: "occupied,shop". */
static const char *
occ_set(struct ctx *ctx, unsigned mask)
{
	struct buf	 b;
	int		 i;

	buf_init(&b, ctx->a, 32);
	for (i = 0; i < OCCUPANCY__MAX; i++)
		if (mask & (1u << i)) {
			if (b.len > 0)
				buf_putc(&b, ',');
			buf_puts(&b, occupancy_codes[i]);
		}
	return buf_str(&b);
}

static int
period_cmp(const void *a, const void *b)
{
	const struct billing_period *x = a, *y = b;

	return x->month < y->month ? -1 : x->month > y->month;
}

size_t
billing_due_periods(const int cycle[OCCUPANCY__MAX],
    const struct billing_mark *marks, size_t nmarks, int64_t month,
    struct billing_period *out, size_t max)
{
	int64_t	 from, p;
	size_t	 n = 0, i, k;
	int	 occ, marked;

	for (occ = 0; occ < OCCUPANCY__MAX; occ++) {
		if (cycle[occ] <= 0)
			continue;
		/* From the occupancy's first billed period, if any. */
		from = month;
		for (i = 0; i < nmarks; i++)
			if (marks[i].occ == occ && marks[i].month < from)
				from = marks[i].month;
		/* The first month of a cycle on or after `from`. */
		for (p = from; p % 12 % cycle[occ] != 0; p++)
			;
		for (; p <= month; p += cycle[occ]) {
			marked = 0;
			for (i = 0; i < nmarks && !marked; i++)
				marked = marks[i].month == p &&
				    marks[i].occ == occ;
			if (marked && p != month)
				continue;
			for (k = 0; k < n && out[k].month != p; k++)
				;
			if (k == n) {
				if (n == max)
					continue;	/* the next run goes on */
				out[n].month = p;
				out[n++].occ_mask = 0;
			}
			out[k].occ_mask |= 1u << occ;
		}
	}
	qsort(out, n, sizeof(*out), period_cmp);
	return n;
}

/*
 * The periods a run for `month` bills in one estate (billing_due_periods
 * over the estate's cycles and the periods already billed). Returns the
 * number, or -1.
 */
static int
due_periods(struct ctx *ctx, int64_t estate_id, struct date month,
    struct billing_period *out)
{
	struct db_res		*res;
	struct billing_mark	*marks = NULL;
	const char		*occ, *start;
	struct date		 d;
	int			 cycle[OCCUPANCY__MAX] = { 0, 0, 0 };
	int64_t			 months;
	size_t			 n = 0, cap = 0;
	int			 rc, i;

	if ((res = db_query(ctx, &SQL_BILLING_CYCLES, "i", estate_id)) == NULL)
		return -1;
	while ((rc = db_row(res, "si", &occ, &months)) == 1)
		if ((i = occ_index(occ)) >= 0)
			cycle[i] = (int)months;
	if (rc < 0)
		return -1;
	if ((res = db_query(ctx, &SQL_BILLING_MARKED, "i", estate_id)) == NULL)
		return -1;
	while ((rc = db_row(res, "ss", &occ, &start)) == 1) {
		if ((i = occ_index(occ)) < 0 || cal_parse(start, &d) < 0)
			continue;
		marks = arena_grow(ctx->a, marks, n, &cap, sizeof(*marks), 64);
		marks[n].occ = i;
		marks[n++].month = month_of(d);
	}
	if (rc < 0)
		return -1;
	return (int)billing_due_periods(cycle, marks, n, month_of(month), out,
	    BILLING_PERIODS_MAX);
}

static void
preview_add(struct billing_preview *pv, int occ, int64_t period,
    int months, int meter, int64_t bills, int64_t amount, int64_t month)
{
	struct billing_line	*l;

	pv->bills += bills;
	pv->amount += amount;
	if (meter == BILLING_LINE_METER)
		pv->meter_bills += bills;
	if (occ >= 0) {
		pv->by_occ_bills[occ] += bills;
		pv->by_occ_amount[occ] += amount;
	}
	if (period < month) {
		pv->earlier_bills += bills;
		pv->earlier_amount += amount;
	}
	if (pv->nlines == BILLING_LINES_MAX)
		return;
	l = &pv->lines[pv->nlines++];
	l->month = period;
	l->months = months;
	l->occ = occ;
	l->meter = meter;
	l->bills = bills;
	l->amount = amount;
	l->earlier = period < month;
}

int
billing_preview(struct ctx *ctx, int64_t estate_id, struct date period,
    struct billing_preview *pv)
{
	struct billing_period	 due[BILLING_PERIODS_MAX];
	struct db_res		*res;
	const char		*occ, *start, *occs;
	struct date		 d;
	char			 day[11];
	int64_t			 n, amount, months, last = INT64_MAX / 2;
	int64_t			 month = month_of(period);
	int			 ndue, rc, i;

	memset(pv, 0, sizeof(*pv));
	if ((ndue = due_periods(ctx, estate_id, period, due)) < 0)
		return -1;
	for (i = 0; i < ndue; i++) {
		cal_fmt(day, cal_from_month(due[i].month));
		occs = occ_set(ctx, due[i].occ_mask);
		res = db_query(ctx, &SQL_BILLING_PREVIEW_FIXED, "ssisiiisssss",
		    day, day, estate_id, day, estate_id, (int64_t)0, last, occs,
		    day, day, day, day);
		if (res == NULL)
			return -1;
		while ((rc = db_row(res, "siii", &occ, &months, &n,
		    &amount)) == 1)
			preview_add(pv, occ_index(occ), due[i].month,
			    (int)months, 0, n, amount, month);
		if (rc < 0)
			return -1;
		res = db_query(ctx, &SQL_BILLING_PREVIEW_AGREEMENT, "ssiiiss",
		    day, day, estate_id, (int64_t)0, last, day, day);
		if (res == NULL)
			return -1;
		while ((rc = db_row(res, "sii", &occ, &n, &amount)) == 1)
			preview_add(pv, occ_index(occ), due[i].month, 1,
			    BILLING_LINE_AGREEMENT, n, amount, month);
		if (rc < 0)
			return -1;
	}
	cal_fmt(day, period);
	res = db_query(ctx, &SQL_BILLING_PREVIEW_METER, "isii", estate_id, day,
	    (int64_t)0, last);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "ssii", &occ, &start, &n, &amount)) == 1) {
		if (cal_parse(start, &d) < 0)
			continue;
		preview_add(pv, occ_index(occ), month_of(d), 1,
		    BILLING_LINE_METER, n, amount, month);
	}
	return rc < 0 ? -1 : 0;
}

struct chunk {
	int64_t			 run, estate, from, to, npremises;
	int64_t			 job;		/* the lease (job_fence) */
	const char		*owner;
	const char		*month;		/* the run's, YYYY-MM-DD */
	const struct billing_period *due;
	int			 ndue;
	int64_t			 made, amount, prepaid;
};

/* The lease behind a transaction's writes (job_fence): 0 held,
 * BILLING_LEASE_LOST, or -1. */
static int
fenced(struct ctx *ctx, int64_t job, const char *owner)
{
	switch (job_fence(ctx, job, owner)) {
	case 1:
		return 0;
	case 0:
		return BILLING_LEASE_LOST;
	default:
		return -1;
	}
}

/* One chunk of premises: one transaction (db_tx may run it again). */
static int
chunk_tx(struct ctx *ctx, void *arg)
{
	struct chunk	*c = arg;
	const char	*why, *occs;
	char		 day[11];
	int64_t		*ids;
	size_t		 n, i;
	int		 k, rc;

	c->made = c->amount = c->prepaid = 0;
	if ((rc = fenced(ctx, c->job, c->owner)) != 0)
		return rc;
	/* Oldest period first: bills are made in the order they fall due. */
	for (k = 0; k < c->ndue; k++) {
		cal_fmt(day, cal_from_month(c->due[k].month));
		occs = occ_set(ctx, c->due[k].occ_mask);
		if (db_exec(ctx, &SQL_BILLING_INSERT_FIXED, "issisiiisssss", c->run,
		    day, day, c->estate, day, c->estate, c->from, c->to, occs,
		    day, day, day, day) < 0)
			return -1;
		if (db_exec(ctx, &SQL_BILLING_INSERT_AGREEMENT, "issiiiss",
		    c->run, day, day, c->estate, c->from, c->to, day, day) < 0)
			return -1;
	}
	if (db_exec(ctx, &SQL_BILLING_INSERT_METER, "iisii", c->run, c->estate,
	    c->month, c->from, c->to) < 0)
		return -1;
	if (db_one(ctx, &SQL_BILLING_MADE, "iii", "ii", c->run, c->from, c->to,
	    &c->made, &c->amount) != 1)
		return -1;
	/* the households' e-bills, with their bills or not at all */
	if (c->made > 0 && msg_queue_run(ctx, c->estate, c->run, c->from,
	    c->to) < 0)
		return -1;
	/* A prepaid balance pays what is open, the new bills included. */
	if (db_ints(ctx, &SQL_PREPAID_PREMISES, &ids, &n, "iii", c->estate,
	    c->from, c->to) < 0)
		return -1;
	why = arena_printf(ctx->a, "billing run %lld", (long long)c->run);
	for (i = 0; i < n; i++)
		if (books_prepaid(ctx, c->estate, ids[i], why, &c->prepaid) < 0)
			return -1;
	return db_exec(ctx, &SQL_BILLING_RUN_PROGRESS, "iiiii", c->npremises,
	    c->made, c->amount, c->prepaid, c->run) < 0 ? -1 : 0;
}

/*
 * Bills one estate of a run, chunk by chunk, then records the periods it
 * billed for each occupancy. Returns 0 or -1.
 */
static int
execute_estate(struct ctx *ctx, struct chunk *c)
{
	struct billing_period	 due[BILLING_PERIODS_MAX];
	struct date		 month;
	char			 day[11];
	int64_t			*ids;
	size_t			 n, i, j;
	int			 ndue, k, o, rc;

	if (cal_parse(c->month, &month) < 0 ||
	    (ndue = due_periods(ctx, c->estate, month, due)) < 0)
		return -1;
	c->due = due;
	c->ndue = ndue;
	if (db_ints(ctx, &SQL_BILLING_PREMISES, &ids, &n, "i", c->estate) < 0)
		return -1;
	for (i = 0; i < n; i = j) {
		j = i + BILLING_CHUNK < n ? i + BILLING_CHUNK : n;
		c->from = ids[i];
		c->to = ids[j - 1];
		c->npremises = (int64_t)(j - i);
		if ((rc = db_tx(ctx, chunk_tx, c)) != 0)
			return rc == BILLING_LEASE_LOST ? rc : -1;
	}
	for (k = 0; k < ndue; k++) {
		cal_fmt(day, cal_from_month(due[k].month));
		for (o = 0; o < OCCUPANCY__MAX; o++)
			if ((due[k].occ_mask & (1u << o)) &&
			    db_exec(ctx, &SQL_BILLING_MARK, "issi", c->estate,
			    occupancy_codes[o], day, c->run) < 0)
				return -1;
	}
	return 0;
}

/*
 * A run over several estates is shared by BILLING_THREADS threads, each
 * with its own connection, taking the next estate from the list.
 */
#define BILLING_THREADS	2

struct shared {
	pthread_mutex_t	 mu;
	int64_t		*estates;
	size_t		 n, next;
	int		 failed;	/* -1, or BILLING_LEASE_LOST */
	int64_t		 run, job;
	const char	*owner;
	const char	*period;
	const char	*name;		/* for the helpers' log lines */
	struct actor	 actor;
};

static int
run_estates(struct ctx *ctx, struct shared *sh)
{
	struct chunk	 c;
	int64_t		 estate;
	int		 rc;

	for (;;) {
		pthread_mutex_lock(&sh->mu);
		if (sh->failed || sh->next == sh->n) {
			pthread_mutex_unlock(&sh->mu);
			return 0;
		}
		estate = sh->estates[sh->next++];
		pthread_mutex_unlock(&sh->mu);
		memset(&c, 0, sizeof(c));
		c.run = sh->run;
		c.job = sh->job;
		c.owner = sh->owner;
		c.month = sh->period;
		c.estate = estate;
		if ((rc = execute_estate(ctx, &c)) != 0) {
			pthread_mutex_lock(&sh->mu);
			if (sh->failed != BILLING_LEASE_LOST)
				sh->failed = rc;
			pthread_mutex_unlock(&sh->mu);
			return -1;
		}
		/* Done with this estate's rows: free them. */
		db_release(ctx);
	}
}

/* A helper thread: a context of its own, acting for the same actor. */
static void *
helper_main(void *arg)
{
	struct shared	*sh = arg;
	struct ctx	 c;

	ctx_open(&c, sh->name, 1);
	c.actor = sh->actor;
	run_estates(&c, sh);
	ctx_close(&c);
	return NULL;
}

/* The end of a run, in one transaction behind the lease. */
struct run_end {
	int64_t		 run, estate, by, job;
	const char	*owner, *period;
};

static int
run_end_tx(struct ctx *ctx, void *arg)
{
	struct run_end	*e = arg;
	int64_t		 made, amount, prepaid;
	int		 rc;

	if ((rc = fenced(ctx, e->job, e->owner)) != 0)
		return rc;
	if (db_one(ctx, &SQL_BILLING_RUN_TOTALS, "i", "iii", e->run, &made,
	    &amount, &prepaid) != 1 ||
	    db_exec(ctx, &SQL_BILLING_RUN_END, "ssi", "done", "", e->run) < 0 ||
	    audit(ctx, e->estate ? e->estate : DB_NULL, "billing.run",
	    "billing_run", e->run, amount, arena_printf(ctx->a, "period %s;"
	    " %lld bills; prepaid applied %lld; requested by staff %lld%s",
	    e->period, (long long)made, (long long)prepaid, (long long)e->by,
	    e->estate ? "" : "; every estate")) < 0)
		return -1;
	return 0;
}

int
billing_execute(struct ctx *ctx, int64_t run_id, int64_t job_id,
    const char *owner)
{
	struct shared	 sh;
	struct run_end	 end;
	pthread_t	 helpers[BILLING_THREADS - 1];
	const char	*period;
	int64_t		 estate, by, *estates, total;
	size_t		 n, nhelpers = 0, i;
	int		 rc;

	if (db_one(ctx, &SQL_BILLING_RUN_GET, "i", "isi", run_id, &estate,
	    &period, &by) != 1)
		return -1;
	if (db_ints(ctx, &SQL_BILLING_ESTATES, &estates, &n, "ii", estate,
	    estate) < 0 ||
	    db_one(ctx, &SQL_BILLING_COUNT, "ii", "i", estate, estate,
	    &total) != 1 ||
	    db_exec(ctx, &SQL_BILLING_RUN_START, "ii", total, run_id) < 0)
		return -1;
	/* Progress restarts at zero; bills already made are skipped. */
	memset(&sh, 0, sizeof(sh));
	pthread_mutex_init(&sh.mu, NULL);
	sh.estates = estates;
	sh.n = n;
	sh.run = run_id;
	sh.job = job_id;
	sh.owner = owner;
	sh.period = period;
	sh.name = ctx->name;
	sh.actor = ctx->actor;
	for (i = 0; n > 1 && i < BILLING_THREADS - 1; i++)
		if (pthread_create(&helpers[nhelpers], NULL, helper_main,
		    &sh) == 0)
			nhelpers++;
	run_estates(ctx, &sh);
	for (i = 0; i < nhelpers; i++)
		pthread_join(helpers[i], NULL);
	pthread_mutex_destroy(&sh.mu);
	if (sh.failed == BILLING_LEASE_LOST)
		return BILLING_LEASE_LOST;	/* its new owner carries on */
	if (sh.failed) {
		ctx->db_failed = 0;
		db_exec(ctx, &SQL_BILLING_RUN_END, "ssi", "failed",
		    "数据库错误，请稍后重新运行（已生成的账单不会重复）", run_id);
		return -1;
	}
	end.run = run_id;
	end.estate = estate;
	end.by = by;
	end.job = job_id;
	end.owner = owner;
	end.period = period;
	rc = db_tx(ctx, run_end_tx, &end);
	return rc == 0 ? 0 : rc == BILLING_LEASE_LOST ? rc : -1;
}

SQL_DEF(SQL_BILLING_CYCLE_OF,
    "SELECT months FROM billing_cycles WHERE estate_id = ? AND occupancy = ?");

SQL_DEF(SQL_BILLING_LAST_MARKED,
    "SELECT MAX(period_start) FROM billing_periods"
    " WHERE estate_id = ? AND occupancy = ?");

/* The first month after every period billed (area and fixed items). */
SQL_DEF(SQL_BILLING_LAST_BILLED,
    "SELECT MAX(DATE_ADD(b.period_start, INTERVAL b.period_months MONTH))"
    " FROM premises p JOIN bills b ON b.premises_id = p.id"
    " JOIN fee_items fi ON fi.id = b.fee_item_id"
    " AND fi.basis IN ('area', 'fixed')"
    " WHERE p.estate_id = ? AND p.occupancy = ?");

int
billing_first_open(struct ctx *ctx, int64_t estate_id, int occ, int64_t *month)
{
	const char	*occs = occupancy_codes[occ], *a, *b;
	struct date	 d;
	int64_t		 cycle = 1;
	int		 rc;

	*month = -1;
	if ((rc = db_one(ctx, &SQL_BILLING_CYCLE_OF, "is", "i", estate_id, occs,
	    &cycle)) < 0 ||
	    db_one(ctx, &SQL_BILLING_LAST_MARKED, "is", "s", estate_id, occs,
	    &a) < 0 ||
	    db_one(ctx, &SQL_BILLING_LAST_BILLED, "is", "s", estate_id, occs,
	    &b) < 0)
		return -1;
	if (cycle < 1)
		cycle = 1;
	/* After the last period run, and after every bill's own period. */
	if (*a != '\0' && cal_parse(a, &d) == 0)
		*month = month_of(d) + cycle;
	if (*b != '\0' && cal_parse(b, &d) == 0 && month_of(d) > *month)
		*month = month_of(d);
	return 0;
}


int
billing_agreement_now(struct ctx *ctx, int64_t estate_id,
    int64_t premises_id, struct date start, int64_t *made, int64_t *amount)
{
	const char	*latest;
	struct date	 last, d;
	char		 day[11];
	int64_t		 m, n, id, fen, used = 0;

	if (db_one(ctx, &SQL_BILLING_LATEST, "ii", "s", estate_id, estate_id,
	    &latest) != 1)
		return -1;
	if (*latest == '\0' || cal_parse(latest, &last) < 0 ||
	    month_of(last) < month_of(start))
		return 0;		/* the runs will bill it */
	for (m = month_of(start); m <= month_of(last); m++) {
		d = cal_from_month(m);
		cal_fmt(day, d);
		if ((n = db_exec(ctx, &SQL_BILLING_INSERT_AGREEMENT, "Issiiiss",
		    DB_NULL, day, day, estate_id, premises_id, premises_id,
		    day, day)) < 0)
			return -1;
		if (n == 0)
			continue;	/* billed already, or a fee of 0 */
		if (db_one(ctx, &SQL_BILLING_AGREEMENT_BILL, "is", "ii",
		    premises_id, day, &id, &fen) != 1)
			return -1;
		*made += 1;
		*amount += fen;
		if (audit(ctx, estate_id, "custody.bill", "bill", id, fen,
		    arena_printf(ctx->a, "premises %lld; %s; month already"
		    " billed by a run", (long long)premises_id, day)) < 0)
			return -1;
	}
	if (*made > 0 && books_prepaid(ctx, estate_id, premises_id,
	    "custody agreement", &used) != BOOKS_OK)
		return -1;
	return 0;
}
