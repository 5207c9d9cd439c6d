/*
 * billing.c - set-based billing runs in chunks, and the prepaid balance
 * paying what a run made.
 */
#include <pthread.h>
#include <string.h>

#include <mysql.h>

#include "alloc.h"
#include "arena.h"
#include "audit.h"
#include "billing.h"
#include "db.h"
#include "http.h"
#include "ledger.h"
#include "log.h"
#include "server.h"

/* The rate in force for each item and occupancy in a period: the newest
 * row of the latest from_period not after it. Params: estate, period. */
#define RATES \
    "(SELECT r.fee_item_id, r.occupancy, r.rate_fen FROM fee_rates r" \
    " WHERE r.estate_id = ? AND r.id = (SELECT r2.id FROM fee_rates r2" \
    "  WHERE r2.fee_item_id = r.fee_item_id AND r2.occupancy = r.occupancy" \
    "  AND r2.from_period <= ? ORDER BY r2.from_period DESC, r2.id DESC" \
    "  LIMIT 1)) rt"

/*
 * Area and fixed items not yet billed. Params: period, period, estate,
 * period (RATES), estate, from, to, period, period.
 */
#define FIXED_SELECT \
    "SELECT p.estate_id, p.id AS premises_id, fi.id AS fee_item_id," \
    " CAST(? AS DATE) AS period_start, c.months AS period_months," \
    " CASE fi.basis WHEN 'area'" \
    "  THEN ROUND(rt.rate_fen * p.area_x100 * c.months / 100)" \
    "  ELSE rt.rate_fen END AS amount," \
    " LAST_DAY(DATE_ADD(?, INTERVAL c.months - 1 MONTH)) AS due," \
    " p.occupancy, CAST(NULL AS SIGNED) AS quantity" \
    " FROM premises p" \
    " JOIN billing_cycles c ON c.estate_id = p.estate_id" \
    "  AND c.occupancy = p.occupancy" \
    " JOIN fee_items fi ON fi.estate_id = p.estate_id" \
    "  AND fi.basis IN ('area', 'fixed')" \
    " JOIN " RATES " ON rt.fee_item_id = fi.id AND rt.occupancy = p.occupancy" \
    " WHERE p.estate_id = ? AND p.id BETWEEN ? AND ?" \
    " AND MOD(MONTH(?) - 1, c.months) = 0" \
    " AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.premises_id = p.id" \
    "  AND b.fee_item_id = fi.id AND b.period_start = ?)"

/*
 * Meter readings of the period not yet billed. Params: estate, period
 * (RATES), estate, period, from, to.
 */
#define METER_SELECT \
    "SELECT m.estate_id, m.premises_id, m.fee_item_id, m.period_start," \
    " 1 AS period_months," \
    " ROUND(rt.rate_fen * (m.curr_x100 - m.prev_x100) / 100) AS amount," \
    " LAST_DAY(m.period_start) AS due, p.occupancy," \
    " m.curr_x100 - m.prev_x100 AS quantity" \
    " FROM meter_readings m JOIN premises p ON p.id = m.premises_id" \
    " JOIN " RATES " ON rt.fee_item_id = m.fee_item_id" \
    "  AND rt.occupancy = p.occupancy" \
    " WHERE m.estate_id = ? AND m.period_start = ?" \
    " AND m.premises_id BETWEEN ? AND ?" \
    " AND NOT EXISTS (SELECT 1 FROM bills b" \
    "  WHERE b.premises_id = m.premises_id" \
    "  AND b.fee_item_id = m.fee_item_id AND b.period_start = m.period_start)"

#define INSERT_BILLS \
    "INSERT INTO bills (estate_id, premises_id, fee_item_id, period_start," \
    " period_months, amount_fen, due_date, quantity_x100, run_id, created_at)" \
    " SELECT x.estate_id, x.premises_id, x.fee_item_id, x.period_start," \
    " x.period_months, x.amount, x.due, x.quantity, ?, NOW() FROM "

SQL_DEF(SQL_BILLING_PREVIEW_FIXED,
    "SELECT x.occupancy, COUNT(*), COALESCE(SUM(x.amount), 0),"
    " COUNT(DISTINCT x.premises_id) FROM (" FIXED_SELECT ") x"
    " GROUP BY x.occupancy");

SQL_DEF(SQL_BILLING_PREVIEW_METER,
    "SELECT x.occupancy, COUNT(*), COALESCE(SUM(x.amount), 0),"
    " COUNT(DISTINCT x.premises_id) FROM (" METER_SELECT ") x"
    " GROUP BY x.occupancy");

SQL_DEF(SQL_BILLING_INSERT_FIXED,
    INSERT_BILLS "(" FIXED_SELECT ") x");

SQL_DEF(SQL_BILLING_INSERT_METER,
    INSERT_BILLS "(" METER_SELECT ") x");

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

SQL_DEF(SQL_BILLING_NEXT,
    "SELECT id FROM billing_runs WHERE status = 'queued' ORDER BY id LIMIT 1");

SQL_DEF(SQL_BILLING_CLAIM,
    "UPDATE billing_runs SET status = 'running' WHERE id = ?"
    " AND status = 'queued'");

SQL_DEF(SQL_BILLING_REQUEUE,
    "UPDATE billing_runs SET status = 'queued' WHERE status = 'running'");

SQL_DEF(SQL_PREPAID_PREMISES,
    "SELECT DISTINCT po.premises_id FROM prepaid_open po"
    " JOIN bills b ON b.premises_id = po.premises_id AND b.run_id = ?"
    " WHERE po.estate_id = ? AND po.premises_id BETWEEN ? AND ?"
    " ORDER BY po.premises_id");

SQL_DEF(SQL_PREPAID_PAYMENTS,
    "SELECT p.id, p.amount_fen - COALESCE((SELECT SUM(a.amount_fen)"
    "  FROM allocations a WHERE a.payment_id = p.id), 0)"
    " FROM prepaid_open po JOIN payments p ON p.id = po.payment_id"
    " WHERE po.premises_id = ? ORDER BY p.paid_at, p.id FOR UPDATE");

SQL_DEF(SQL_PREPAID_BILLS,
    "SELECT b.id, b.amount_fen - " LEDGER_PAID_SQL
    " FROM bills b WHERE b.premises_id = ? AND b.run_id = ?"
    " AND b.status IN ('unpaid', 'partial')"
    " ORDER BY b.due_date, b.fee_item_id, b.id FOR UPDATE");

SQL_DEF(SQL_PREPAID_ALLOCATE,
    "INSERT INTO allocations (estate_id, payment_id, bill_id, amount_fen,"
    " source, created_at) VALUES (?, ?, ?, ?, 'prepaid', NOW())");

SQL_DEF(SQL_PREPAID_CLOSE,
    "DELETE FROM prepaid_open WHERE payment_id = ?");

static int
occ_index(const char *occ)
{
	if (strcmp(occ, "vacant") == 0)
		return 1;
	if (strcmp(occ, "shop") == 0)
		return 2;
	return 0;
}

int
billing_preview(struct req *r, int64_t estate_id, struct date period,
    struct billing_preview *pv)
{
	struct db_res	*res;
	const char	*occ;
	char		 day[11];
	int64_t		 n, amount, premises, last = INT64_MAX / 2;
	int		 rc;

	memset(pv, 0, sizeof(*pv));
	cal_fmt(day, period);
	res = db_query(r, &SQL_BILLING_PREVIEW_FIXED, "ssisiiiss", day, day,
	    estate_id, day, estate_id, (int64_t)0, last, day, day);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "siii", &occ, &n, &amount, &premises)) == 1) {
		pv->bills += n;
		pv->amount += amount;
		pv->premises += premises;
		pv->by_occ_bills[occ_index(occ)] += n;
		pv->by_occ_amount[occ_index(occ)] += amount;
	}
	if (rc < 0)
		return -1;
	res = db_query(r, &SQL_BILLING_PREVIEW_METER, "isisii", estate_id, day,
	    estate_id, day, (int64_t)0, last);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "siii", &occ, &n, &amount, &premises)) == 1) {
		pv->bills += n;
		pv->meter_bills += n;
		pv->amount += amount;
		pv->by_occ_bills[occ_index(occ)] += n;
		pv->by_occ_amount[occ_index(occ)] += amount;
	}
	return rc < 0 ? -1 : 0;
}

struct chunk {
	int64_t		 run, estate, from, to, npremises;
	const char	*period;
	int64_t		 made, amount, prepaid;
};

/* Lets one household's prepaid balance pay the bills this run made it. */
static int
apply_prepaid(struct req *r, struct chunk *c, int64_t premises_id)
{
	struct db_res		*res;
	/* A run makes a few bills per household; a household holds few
	 * prepaid payments. Beyond 64 of either, the rest waits for the
	 * next run: nothing is lost, only applied later. */
	struct alloc_bill	 bills[64];
	int64_t			 pays[64], rems[64], give[64];
	int64_t			 id, v, used = 0;
	size_t			 nb = 0, np = 0, i, k;
	int			 rc;

	if ((res = db_query(r, &SQL_PREPAID_PAYMENTS, "i", premises_id)) == NULL)
		return -1;
	while ((rc = db_row(res, "ii", &id, &v)) == 1)
		if (np < 64) {
			pays[np] = id;
			rems[np++] = v;
		}
	if (rc < 0)
		return -1;
	res = db_query(r, &SQL_PREPAID_BILLS, "ii", premises_id, c->run);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "ii", &id, &v)) == 1)
		if (nb < 64) {
			bills[nb].id = id;
			bills[nb].owed = v;
			bills[nb++].named = 0;
		}
	if (rc < 0)
		return -1;
	for (k = 0; k < np; k++) {
		if (rems[k] <= 0) {
			/* Nothing left (a reversal may net it out): close. */
			if (db_exec(r, &SQL_PREPAID_CLOSE, "i", pays[k]) < 0)
				return -1;
			continue;
		}
		rems[k] = alloc_plan(bills, nb, rems[k], give);
		for (i = 0; i < nb; i++) {
			if (give[i] == 0)
				continue;
			if (db_exec(r, &SQL_PREPAID_ALLOCATE, "iiii", c->estate,
			    pays[k], bills[i].id, give[i]) < 0 ||
			    ledger_restatus(r, bills[i].id) < 0)
				return -1;
			bills[i].owed -= give[i];
			used += give[i];
		}
		if (rems[k] == 0 &&
		    db_exec(r, &SQL_PREPAID_CLOSE, "i", pays[k]) < 0)
			return -1;
	}
	c->prepaid += used;
	if (used > 0 && audit(r, c->estate, "prepaid.apply", "premises",
	    premises_id, used, arena_printf(&r->a, "billing run %lld",
	    (long long)c->run)) < 0)
		return -1;
	return 0;
}

/* One chunk of premises: one transaction (db_tx may run it again). */
static int
chunk_tx(struct req *r, void *arg)
{
	struct chunk	*c = arg;
	int64_t		*ids;
	size_t		 n, i;

	c->made = c->amount = c->prepaid = 0;
	if (db_exec(r, &SQL_BILLING_INSERT_FIXED, "issisiiiss", c->run,
	    c->period, c->period, c->estate, c->period, c->estate, c->from,
	    c->to, c->period, c->period) < 0)
		return -1;
	if (db_exec(r, &SQL_BILLING_INSERT_METER, "iisisii", c->run, c->estate,
	    c->period, c->estate, c->period, c->from, c->to) < 0)
		return -1;
	if (db_one(r, &SQL_BILLING_MADE, "iii", "ii", c->run, c->from, c->to,
	    &c->made, &c->amount) != 1)
		return -1;
	if (db_ints(r, &SQL_PREPAID_PREMISES, &ids, &n, "iiii", c->run,
	    c->estate, c->from, c->to) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (apply_prepaid(r, c, ids[i]) < 0)
			return -1;
	return db_exec(r, &SQL_BILLING_RUN_PROGRESS, "iiiii", c->npremises,
	    c->made, c->amount, c->prepaid, c->run) < 0 ? -1 : 0;
}

/* Bills one estate of a run, chunk by chunk. Returns 0 or -1. */
static int
execute_estate(struct req *r, struct chunk *c)
{
	int64_t		*ids;
	size_t		 n, i, j;

	if (db_ints(r, &SQL_BILLING_PREMISES, &ids, &n, "i", c->estate) < 0)
		return -1;
	for (i = 0; i < n; i = j) {
		j = i + BILLING_CHUNK < n ? i + BILLING_CHUNK : n;
		c->from = ids[i];
		c->to = ids[j - 1];
		c->npremises = (int64_t)(j - i);
		if (db_tx(r, chunk_tx, c) != 0)
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
	int		 failed;
	int64_t		 run;
	const char	*period;
};

static int
run_estates(struct req *r, struct shared *sh)
{
	struct chunk	 c;
	int64_t		 estate;

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
		c.period = sh->period;
		c.estate = estate;
		if (execute_estate(r, &c) < 0) {
			pthread_mutex_lock(&sh->mu);
			sh->failed = 1;
			pthread_mutex_unlock(&sh->mu);
			return -1;
		}
		/* Done with this estate's rows: free them. */
		db_release(r);
	}
}

static void *
helper_main(void *arg)
{
	struct shared	*sh = arg;
	struct worker	 w;

	memset(&w, 0, sizeof(w));
	mysql_thread_init();
	w.id = -2;
	w.db = db_new();
	arena_init(&w.req.a);
	server_bg_begin(&w);
	run_estates(&w.req, sh);
	server_bg_end(&w);
	arena_free(&w.req.a);
	db_free(w.db);
	mysql_thread_end();
	return NULL;
}

int
billing_execute(struct req *r, int64_t run_id)
{
	struct shared	 sh;
	pthread_t	 helpers[BILLING_THREADS - 1];
	const char	*period;
	int64_t		 estate, by, *estates, total, made, amount, prepaid;
	size_t		 n, nhelpers = 0, i;

	if (db_one(r, &SQL_BILLING_RUN_GET, "i", "isi", run_id, &estate,
	    &period, &by) != 1)
		return -1;
	if (db_ints(r, &SQL_BILLING_ESTATES, &estates, &n, "ii", estate,
	    estate) < 0 ||
	    db_one(r, &SQL_BILLING_COUNT, "ii", "i", estate, estate,
	    &total) != 1 ||
	    db_exec(r, &SQL_BILLING_RUN_START, "ii", total, run_id) < 0)
		return -1;
	/* Progress restarts at zero; bills already made are skipped. */
	memset(&sh, 0, sizeof(sh));
	pthread_mutex_init(&sh.mu, NULL);
	sh.estates = estates;
	sh.n = n;
	sh.run = run_id;
	sh.period = period;
	for (i = 0; n > 1 && i < BILLING_THREADS - 1; i++)
		if (pthread_create(&helpers[nhelpers], NULL, helper_main,
		    &sh) == 0)
			nhelpers++;
	run_estates(r, &sh);
	for (i = 0; i < nhelpers; i++)
		pthread_join(helpers[i], NULL);
	pthread_mutex_destroy(&sh.mu);
	if (sh.failed) {
		r->db_failed = 0;
		db_exec(r, &SQL_BILLING_RUN_END, "ssi", "failed",
		    "数据库错误，请稍后重新运行（已生成的账单不会重复）", run_id);
		return -1;
	}
	if (db_one(r, &SQL_BILLING_RUN_TOTALS, "i", "iii", run_id, &made,
	    &amount, &prepaid) != 1 ||
	    db_exec(r, &SQL_BILLING_RUN_END, "ssi", "done", "", run_id) < 0 ||
	    audit(r, estate ? estate : DB_NULL, "billing.run", "billing_run",
	    run_id, amount, arena_printf(&r->a, "period %s; %lld bills; prepaid"
	    " applied %lld; requested by staff %lld%s", period, (long long)made,
	    (long long)prepaid, (long long)by, estate ? "" :
	    "; every estate")) < 0)
		return -1;
	return 0;
}

int
billing_claim(struct req *r, int64_t *run_id)
{
	int	 rc;

	for (;;) {
		rc = db_one(r, &SQL_BILLING_NEXT, "", "i", run_id);
		if (rc != 1)
			return rc;
		rc = (int)db_exec(r, &SQL_BILLING_CLAIM, "i", *run_id);
		if (rc < 0)
			return -1;
		if (rc == 1)
			return 1;
		/* Another program took it first: look again. */
	}
}

int
billing_requeue(struct req *r)
{
	return db_exec(r, &SQL_BILLING_REQUEUE, "") < 0 ? -1 : 0;
}
