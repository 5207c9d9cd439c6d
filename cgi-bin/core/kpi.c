/*
 * kpi.c - the KPI board's figures, each one grouped query over the money
 * tables (WITH ROLLUP gives the overall row beside each occupancy).
 */
#include <stdio.h>
#include <string.h>

#include "arrears.h"
#include "db.h"
#include "http.h"
#include "kpi.h"

const char *const kpi_occupancies[KPI_OCC] = {
	NULL, "occupied", "vacant", "shop"
};

const char *const kpi_channels[KPI_CHANNELS] = {
	"cash", "pos_counter", "pos_door", "alipay", "wechat", "unionpay",
	"service_credit"
};

/* What allocations gave each bill before a moment. Params: estate, T. */
#define PAID_BEFORE \
    "(SELECT a.bill_id, SUM(a.amount_fen) AS paid FROM allocations a" \
    " WHERE a.estate_id = ? AND a.created_at < ? GROUP BY a.bill_id) al"

/* Params: estate, T, T, estate, from, to. */
SQL_DEF(SQL_KPI_COLLECTION,
    "SELECT x.occupancy, COALESCE(SUM(x.billed), 0), COALESCE(SUM(x.paid), 0),"
    " COUNT(*), COALESCE(SUM(x.paid >= x.billed), 0)"
    " FROM (SELECT b.premises_id, p.occupancy,"
    "  SUM(b.amount_fen - COALESCE(w.amount_fen, 0)) AS billed,"
    "  SUM(COALESCE(al.paid, 0)) AS paid"
    "  FROM bills b JOIN premises p ON p.id = b.premises_id"
    "  LEFT JOIN " PAID_BEFORE " ON al.bill_id = b.id"
    "  LEFT JOIN waivers w ON w.bill_id = b.id AND w.created_at < ?"
    "  WHERE b.estate_id = ? AND b.period_start BETWEEN ? AND ?"
    "  GROUP BY b.premises_id, p.occupancy) x"
    " GROUP BY x.occupancy WITH ROLLUP");

/* Params: estate, T, T, estate, from, to. */
SQL_DEF(SQL_KPI_COLLECTION_MONTHS,
    "SELECT b.period_start, SUM(b.amount_fen - COALESCE(w.amount_fen, 0)),"
    " SUM(COALESCE(al.paid, 0))"
    " FROM bills b LEFT JOIN " PAID_BEFORE " ON al.bill_id = b.id"
    " LEFT JOIN waivers w ON w.bill_id = b.id AND w.created_at < ?"
    " WHERE b.estate_id = ? AND b.period_start BETWEEN ? AND ?"
    " GROUP BY b.period_start ORDER BY b.period_start");

/* Params: start, start, start, T, estate, start. */
SQL_DEF(SQL_KPI_RECOVERY,
    "SELECT x.occupancy, COALESCE(SUM(x.owed), 0),"
    " COALESCE(SUM(LEAST(x.recovered, x.owed)), 0)"
    " FROM (SELECT p.occupancy, b.amount_fen"
    "  - COALESCE(SUM(CASE WHEN a.created_at < ? THEN a.amount_fen END), 0)"
    "  - COALESCE(MAX(CASE WHEN w.created_at < ? THEN w.amount_fen END), 0)"
    "  AS owed,"
    "  COALESCE(SUM(CASE WHEN a.created_at >= ? AND a.created_at < ?"
    "   THEN a.amount_fen END), 0) AS recovered"
    "  FROM bills b JOIN premises p ON p.id = b.premises_id"
    "  LEFT JOIN allocations a ON a.bill_id = b.id"
    "  LEFT JOIN waivers w ON w.bill_id = b.id"
    "  WHERE b.estate_id = ? AND b.due_date < ?"
    "  GROUP BY b.id, p.occupancy HAVING owed > 0) x"
    " GROUP BY x.occupancy WITH ROLLUP");

/* Payments that stand (not reversals, not voided by T). */
#define PAYMENTS_IN_RANGE \
    " FROM payments p JOIN premises pr ON pr.id = p.premises_id" \
    " WHERE p.estate_id = ? AND p.paid_at >= ? AND p.paid_at < ?" \
    " AND p.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM payments v" \
    "  WHERE v.reverses_id = p.id AND v.paid_at < ?)"

/* Params: estate, start, end, T. */
SQL_DEF(SQL_KPI_PAYMENTS,
    "SELECT p.channel, pr.occupancy, COUNT(*), COALESCE(SUM(p.amount_fen), 0)"
    PAYMENTS_IN_RANGE " GROUP BY p.channel, pr.occupancy");

SQL_DEF(SQL_KPI_PAYMENT_MONTHS,
    "SELECT DATE_FORMAT(p.paid_at, '%Y-%m-01'), COUNT(*),"
    " COALESCE(SUM(p.channel IN ('alipay', 'wechat', 'unionpay')), 0),"
    " COALESCE(SUM(p.amount_fen), 0)"
    PAYMENTS_IN_RANGE " GROUP BY 1 ORDER BY 1");

/* Params: estate, from, to. */
SQL_DEF(SQL_KPI_VISITS,
    "SELECT pr.occupancy, COUNT(*), COALESCE(SUM(v.owner_over_80), 0)"
    " FROM door_visits v JOIN premises pr ON pr.id = v.premises_id"
    " WHERE v.estate_id = ? AND v.visited_on BETWEEN ? AND ?"
    " GROUP BY pr.occupancy WITH ROLLUP");

SQL_DEF(SQL_KPI_TARGETS,
    "SELECT target_collection_bp, target_recovery_bp, target_satisfaction"
    " FROM estates WHERE id = ?");

static int
occ_index(const char *occ)
{
	int	 i;

	if (occ == NULL)
		return 0;
	for (i = 1; i < KPI_OCC; i++)
		if (strcmp(kpi_occupancies[i], occ) == 0)
			return i;
	return -1;
}

static int
is_online(const char *ch)
{
	return strcmp(ch, "alipay") == 0 || strcmp(ch, "wechat") == 0 ||
	    strcmp(ch, "unionpay") == 0;
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

static void
tier_add(void *ctx, const struct arrears *a)
{
	struct kpi	*k = ctx;

	k->tier_n[a->tier]++;
	k->tier_owed[a->tier] += a->owed_fen;
}

int
kpi_compute(struct req *r, int64_t estate, struct date from, struct date to,
    struct kpi *k)
{
	struct db_res		*res;
	struct tier_rules	 rules;
	struct date		 m, end;
	const char		*occ, *ch, *ym;
	char			 f[11], t[11], start[20], endts[20], now[20];
	int64_t			 a, b, c, e;
	int			 rc, i, j;

	memset(k, 0, sizeof(*k));
	k->from = from;
	k->to = to;
	if ((rc = db_one(r, &SQL_KPI_TARGETS, "i", "iii", estate,
	    &k->target_collection_bp, &k->target_recovery_bp,
	    &k->target_satisfaction)) != 1)
		return rc;
	cal_fmt(f, from);
	cal_fmt(t, to);
	end = to;
	snprintf(start, sizeof(start), "%s 00:00:00", f);
	/* The range ends at midnight after `to`, or now if sooner. */
	snprintf(endts, sizeof(endts), "%s 00:00:00",
	    cal_fmt(f, cal_next_day(to)));
	cal_fmt(f, from);
	cal_now(now);
	snprintf(k->asof, sizeof(k->asof), "%s",
	    strcmp(now, endts) < 0 ? now : endts);

	/* Months of the range, for the trend. */
	m = from;
	m.d = 1;
	while (cal_cmp(m, end) <= 0 && k->nmonths < KPI_MONTHS) {
		k->months[k->nmonths++].month = m;
		m = cal_add_months(m, 1);
	}

	res = db_query(r, &SQL_KPI_COLLECTION, "ississ", estate, k->asof,
	    k->asof, estate, f, t);
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
	res = db_query(r, &SQL_KPI_COLLECTION_MONTHS, "ississ", estate,
	    k->asof, k->asof, estate, f, t);
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
	res = db_query(r, &SQL_KPI_RECOVERY, "ssssis", start, start, start,
	    k->asof, estate, f);
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
	res = db_query(r, &SQL_KPI_PAYMENTS, "isss", estate, start, k->asof,
	    k->asof);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "ssii", &ch, &occ, &a, &b)) == 1) {
		if ((i = occ_index(occ)) < 0)
			continue;
		for (j = 0; j < KPI_CHANNELS; j++)
			if (strcmp(kpi_channels[j], ch) == 0) {
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
	res = db_query(r, &SQL_KPI_PAYMENT_MONTHS, "isss", estate, start,
	    k->asof, k->asof);
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
	res = db_query(r, &SQL_KPI_VISITS, "iss", estate, f, t);
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
	if (arrears_rules(r, estate, &rules) != 1 ||
	    arrears_estate(r, estate, &rules, cal_today(), tier_add, k) < 0)
		return -1;
	return 1;
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
