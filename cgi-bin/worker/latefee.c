/*
 * latefee.c - the "latefee.bill" job: late fees (滞纳金, issue 13,
 * core/latefee.h, sql/043) billed as bills of their own.
 *
 * Each estate with late fees on (estates.late_fee_on; off by default)
 * is looked at once a month, on any day of it: each principal bill not
 * waived, past its effective due date (deferral.h) plus the grace days
 * at the end of last month, still open or paid since the month before
 * last, earns latefee_amount() through the last day of last month (its
 * payments and waivers by day, its household's approved deferrals as
 * days without a fee); what that exceeds the late-fee bills already made
 * for it is billed as one new bill under the estate's 'latefee' fee item,
 * late_of the principal bill, period_start last month's first day, due
 * 15 days after the run's day (LATEFEE_DUE_DAYS). Money rows are never
 * updated: a later month bills only the increment. One transaction per household, with its audit row.
 *
 * Idempotent: a principal bill with a late-fee bill of that month is not
 * looked at again (and bills_once would refuse a second); a run on
 * another day of the month makes the same bills, as the fee is computed
 * through the month's end before. The day: latefee_day if set
 * (propfee-worker -l DAY, the tests' clock), else China time's today.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "cal.h"
#include "ctx.h"
#include "db.h"
#include "deferral.h"
#include "latefee.h"
#include "log.h"
#include "worker.h"

char	 latefee_day[11];

SQL_DEF(SQL_LF_TODAY, "SELECT CURDATE()");

SQL_DEF(SQL_LF_ESTATES,
    "SELECT id, late_fee_rate, late_fee_grace_days, late_fee_cap_bp"
    " FROM estates WHERE late_fee_on = 1 ORDER BY id");

SQL_DEF(SQL_LF_ITEM_ADD,
    "INSERT INTO fee_items (estate_id, code, name, basis, sort)"
    " VALUES (?, 'latefee', '滞纳金', 'latefee', 900)");

SQL_DEF(SQL_LF_ITEM,
    "SELECT id FROM fee_items WHERE estate_id = ? AND basis = 'latefee'"
    " ORDER BY id LIMIT 1");

/* Principal bills that may owe more: one statement an estate. */
SQL_DEF(SQL_LF_BILLS,
    "SELECT b.id, b.premises_id, b.amount_fen,"
    " DATE_FORMAT(" DEFERRAL_DUE_SQL ", '%Y-%m-%d'),"
    " (SELECT COALESCE(SUM(lb.amount_fen), 0) FROM bills lb"
    "  WHERE lb.late_of = b.id)"
    " FROM bills b JOIN fee_items fi ON fi.id = b.fee_item_id"
    " WHERE b.estate_id = ? AND b.late_of = 0 AND fi.basis <> 'latefee'"
    " AND b.status <> 'waived'"
    " AND DATE_ADD(" DEFERRAL_DUE_SQL ", INTERVAL ? DAY) < ?"
    " AND (b.status IN ('unpaid', 'partial') OR EXISTS (SELECT 1"
    "  FROM allocations a JOIN payments p ON p.id = a.payment_id"
    "  WHERE a.bill_id = b.id AND p.paid_at >= ?))"
    " AND NOT EXISTS (SELECT 1 FROM bills lb WHERE lb.late_of = b.id"
    "  AND lb.period_start = ?)"
    " ORDER BY b.premises_id, b.id");

/* What reduced a household's principal bills, by day. */
SQL_DEF(SQL_LF_PAYS,
    "SELECT a.bill_id, DATE_FORMAT(p.paid_at, '%Y-%m-%d'), a.amount_fen"
    " FROM allocations a JOIN payments p ON p.id = a.payment_id"
    " JOIN bills b ON b.id = a.bill_id"
    " WHERE b.premises_id = ? AND b.late_of = 0"
    " UNION ALL"
    " SELECT w.bill_id, DATE_FORMAT(w.created_at, '%Y-%m-%d'), w.amount_fen"
    " FROM waivers w JOIN bills b ON b.id = w.bill_id"
    " WHERE b.premises_id = ? AND b.late_of = 0");

SQL_DEF(SQL_LF_DEFERRALS,
    "SELECT DATE_FORMAT(starts_on, '%Y-%m-%d'),"
    " DATE_FORMAT(DATE_SUB(ends_on, INTERVAL 1 DAY), '%Y-%m-%d')"
    " FROM deferrals WHERE premises_id = ? AND status = 'approved'"
    " AND ends_on > starts_on");

SQL_DEF(SQL_LF_BILL_ADD,
    "INSERT INTO bills (estate_id, premises_id, fee_item_id, period_start,"
    " period_months, amount_fen, due_date, late_of)"
    " VALUES (?, ?, ?, ?, 1, ?, ?, ?)");

#define LATEFEE_DUE_DAYS	15

struct lf_bill {
	int64_t		 id, premises, principal, billed;
	struct date	 due;
};

struct lf_house {
	int64_t			 estate, item, premises;
	const struct latefee_rule *rule;
	const struct lf_bill	*bills;
	size_t			 n;
	struct date		 through, month, day;
	int64_t			 total;
	int			 made;
};

static int
house_tx(struct ctx *ctx, void *arg)
{
	struct lf_house		*h = arg;
	struct db_res		*res;
	struct latefee_pay	*pays = NULL, *bp;
	struct latefee_span	*spans = NULL;
	int64_t			*payof = NULL, bill, fen, fee;
	const char		*d1, *d2;
	size_t			 np = 0, cp = 0, co = 0, ns = 0, cs = 0, i, k;
	int			 nb, rc;
	char			 m[11], day[11], detail[100];

	h->total = 0;
	h->made = 0;
	if ((res = db_query(ctx, &SQL_LF_PAYS, "ii", h->premises,
	    h->premises)) == NULL)
		return -1;
	/* A read cut short would bill fees on money already paid: an
	 * error ends the household's transaction, never its reading. */
	while ((rc = db_row(res, "isi", &bill, &d1, &fen)) == 1) {
		pays = arena_grow(ctx->a, pays, np, &cp, sizeof(*pays), 16);
		payof = arena_grow(ctx->a, payof, np, &co, sizeof(*payof), 16);
		if (cal_parse(d1, &pays[np].day) < 0)
			continue;
		pays[np].fen = fen;
		payof[np++] = bill;
	}
	if (rc < 0)
		return -1;
	if ((res = db_query(ctx, &SQL_LF_DEFERRALS, "i", h->premises)) == NULL)
		return -1;
	while ((rc = db_row(res, "ss", &d1, &d2)) == 1) {
		spans = arena_grow(ctx->a, spans, ns, &cs, sizeof(*spans), 4);
		if (cal_parse(d1, &spans[ns].first) < 0 ||
		    cal_parse(d2, &spans[ns].last) < 0)
			continue;
		ns++;
	}
	if (rc < 0)
		return -1;
	bp = arena_zalloc(ctx->a, (np + 1) * sizeof(*bp));
	cal_fmt(m, h->month);
	/* Due 15 days after it is made, as a run's bills (billing.c's DUE):
	 * a late fee is never overdue the day it appears. */
	cal_fmt(day, cal_add_days(h->day, LATEFEE_DUE_DAYS));
	for (i = 0; i < h->n; i++) {
		for (nb = 0, k = 0; k < np; k++)
			if (payof[k] == h->bills[i].id)
				bp[nb++] = pays[k];
		fee = latefee_amount(h->rule, h->bills[i].principal,
		    h->bills[i].due, bp, nb, spans, (int)ns, h->through);
		if (fee - h->bills[i].billed <= 0)
			continue;
		if (db_exec(ctx, &SQL_LF_BILL_ADD, "iiisisi", h->estate,
		    h->premises, h->item, m, fee - h->bills[i].billed, day,
		    h->bills[i].id) < 0)
			return -1;
		h->total += fee - h->bills[i].billed;
		h->made++;
	}
	if (h->made == 0)
		return 0;
	snprintf(detail, sizeof(detail), "%.7s: %d 张滞纳金账单", m, h->made);
	return audit(ctx, h->estate, "latefee.bill", "premises", h->premises,
	    h->total, detail) < 0 ? -1 : 0;
}

static int
estate_run(struct ctx *ctx, int64_t estate, const struct latefee_rule *rule,
    struct date day, char *err, size_t errlen)
{
	struct db_res	*res;
	struct lf_bill	*bills = NULL;
	struct lf_house	 h;
	struct date	 month, through;
	const char	*due;
	size_t		 n = 0, cap = 0, i, j;
	char		 thr[11], m[11], since[11];
	int		 made = 0, rc;

	/* last month: its first day and its last */
	month = day;
	month.d = 1;
	through = cal_add_days(month, -1);
	month = through;
	month.d = 1;
	cal_fmt(thr, through);
	cal_fmt(m, month);
	cal_fmt(since, cal_add_months(month, -1));
	if (db_exec_unique(ctx, &SQL_LF_ITEM_ADD, "i", estate) == -1)
		return -1;
	memset(&h, 0, sizeof(h));
	if (db_one(ctx, &SQL_LF_ITEM, "i", "i", estate, &h.item) != 1) {
		snprintf(err, errlen, "estate %lld: no late-fee item",
		    (long long)estate);
		return -1;
	}
	if ((res = db_query(ctx, &SQL_LF_BILLS, "iisss", estate,
	    (int64_t)rule->grace_days, thr, since, m)) == NULL) {
		snprintf(err, errlen, "estate %lld: cannot list the bills",
		    (long long)estate);
		return -1;
	}
	for (;;) {
		bills = arena_grow(ctx->a, bills, n, &cap, sizeof(*bills), 64);
		if ((rc = db_row(res, "iiisi", &bills[n].id, &bills[n].premises,
		    &bills[n].principal, &due, &bills[n].billed)) != 1)
			break;
		if (cal_parse(due, &bills[n].due) == 0)
			n++;
	}
	db_done(res);
	if (rc < 0) {
		snprintf(err, errlen, "estate %lld: cannot read the bills",
		    (long long)estate);
		return -1;
	}
	h.estate = estate;
	h.rule = rule;
	h.through = through;
	h.month = month;
	h.day = day;
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && bills[j].premises == bills[i].premises; j++)
			;
		h.premises = bills[i].premises;
		h.bills = bills + i;
		h.n = j - i;
		if (db_tx(ctx, house_tx, &h) != 0) {
			snprintf(err, errlen, "estate %lld premises %lld: late"
			    " fees not billed", (long long)estate,
			    (long long)h.premises);
			return -1;
		}
		made += h.made;
	}
	if (made > 0)
		log_info("latefee: estate %lld: %d late-fee bills through %s",
		    (long long)estate, made, thr);
	return 0;
}

int
job_latefee_bill(struct ctx *ctx, const struct job *j, const char *owner,
    char *err, size_t errlen)
{
	struct db_res		*res;
	struct latefee_rule	*rules = NULL;
	int64_t			*ids = NULL, id, rate, grace, capbp;
	const char		*today;
	struct date		 day;
	size_t			 n = 0, c1 = 0, c2 = 0, i;
	int			 rc;

	(void)j;
	(void)owner;
	if (latefee_day[0] != '\0')
		today = latefee_day;
	else if (db_one(ctx, &SQL_LF_TODAY, "", "s", &today) != 1) {
		snprintf(err, errlen, "cannot read today");
		return -1;
	}
	if (cal_parse(today, &day) < 0) {
		snprintf(err, errlen, "bad day %s", today);
		return -1;
	}
	if ((res = db_query(ctx, &SQL_LF_ESTATES, "")) == NULL) {
		snprintf(err, errlen, "cannot list the estates");
		return -1;
	}
	while ((rc = db_row(res, "iiii", &id, &rate, &grace, &capbp)) == 1) {
		rules = arena_grow(ctx->a, rules, n, &c1, sizeof(*rules), 4);
		ids = arena_grow(ctx->a, ids, n, &c2, sizeof(*ids), 4);
		rules[n].rate = (int)rate;
		rules[n].grace_days = (int)grace;
		rules[n].cap_bp = (int)capbp;
		ids[n++] = id;
	}
	if (rc < 0) {
		snprintf(err, errlen, "cannot read the estates");
		return -1;
	}
	for (i = 0; i < n; i++)
		if (latefee_rule_ok(&rules[i]) &&
		    estate_run(ctx, ids[i], &rules[i], day, err, errlen) != 0)
			return -1;
	return 0;
}
