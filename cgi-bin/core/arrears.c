/*
 * arrears.c - tiers from months overdue and amounts owed.
 */
#include <string.h>

#include "arena.h"

#include "arrears.h"
#include "codes.h"
#include "db.h"
#include "ctx.h"
#include "deferral.h"
#include "ledger.h"

/*
 * What is still owed on each open bill: its amount less what payments
 * allocated to it and a waiver forgave (ledger.h).
 */
#define OWED_EXPR LEDGER_OWED_SQL

SQL_DEF(SQL_TIER_RULES,
    "SELECT tier_red_months, tier_red_fen, tier_yellow_months,"
    " tier_green_months FROM estates WHERE id = ?");

/*
 * A household's past-due open bills by their effective due dates
 * (deferral.h), and the end of a deferral in force on the day ("" none).
 * Params: premises, day, day, premises, day, day.
 */
SQL_DEF(SQL_ARREARS_PREMISES,
    "SELECT COUNT(*), MIN(y.due), COALESCE(SUM(y.owed), 0),"
    " COUNT(DISTINCT y.period_start),"
    " COALESCE((SELECT DATE_FORMAT(MAX(dfr.ends_on), '%Y-%m-%d')"
    "  FROM deferrals dfr WHERE dfr.premises_id = ?"
    "  AND dfr.status = 'approved' AND dfr.starts_on <= ?"
    "  AND dfr.ends_on > ?), '')"
    " FROM (SELECT b.period_start, " DEFERRAL_DUE_SQL " AS due,"
    "  " OWED_EXPR " AS owed FROM bills b WHERE b.premises_id = ?"
    "  AND b.status IN ('unpaid', 'partial') AND b.due_date < ?) y"
    " WHERE y.due < ?");

/* Params: estate, day x 4. The bills' own due date bounds the
 * effective one from below: past due by it first (its index). */
SQL_DEF(SQL_ARREARS_ESTATE,
    "SELECT y.premises_id, COUNT(*), MIN(y.due), SUM(y.owed)"
    " FROM (SELECT b.premises_id, " DEFERRAL_DUE_SQL " AS due,"
    "  " OWED_EXPR " AS owed FROM bills b WHERE b.estate_id = ?"
    "  AND b.status IN ('unpaid', 'partial') AND b.due_date < ?) y"
    " WHERE y.due < ? AND NOT EXISTS (SELECT 1 FROM deferrals dfr"
    "  WHERE dfr.premises_id = y.premises_id AND dfr.status = 'approved'"
    "  AND dfr.starts_on <= ? AND dfr.ends_on > ?)"
    " GROUP BY y.premises_id");

/*
 * As the books stood at asof: the due dates deferrals had moved by then,
 * and no household under a deferral approved by then on the day.
 * Params: asof, asof, asof, estate, asof, day, day, asof, day.
 */
#define DUE_ASOF_SQL \
    "COALESCE((SELECT MAX(bdd.due_date) FROM bill_due_dates bdd" \
    " WHERE bdd.bill_id = b.id AND bdd.created_at < ?), b.due_date)"
SQL_DEF(SQL_ARREARS_ESTATE_ASOF,
    "SELECT y.premises_id, COUNT(*), MIN(y.due_date), SUM(y.owed)"
    " FROM (SELECT b.premises_id, " DUE_ASOF_SQL " AS due_date, b.amount_fen"
    "  - COALESCE(MAX(w.amount_fen), 0) - COALESCE(SUM(a.amount_fen), 0)"
    "  AS owed" ARREARS_BILLS_AT_SQL " AND b.due_date < ?"
    "  GROUP BY b.id HAVING owed > 0) y"
    " WHERE y.due_date < ? AND NOT EXISTS (SELECT 1 FROM deferrals dfr"
    "  WHERE dfr.premises_id = y.premises_id AND dfr.status = 'approved'"
    "  AND dfr.decided_at < ? AND dfr.starts_on <= ? AND dfr.ends_on > ?)"
    " GROUP BY y.premises_id");

/*
 * The board: past-due open bills grouped by household first (read from
 * the bills_open indexes alone), then each household's details. Between
 * BOARD_HEAD and BOARD_TAIL: one estate, or all of them.
 */
#define BOARD_COLS \
    "SELECT x.premises_id, p.estate_id, p.building_id, p.occupancy," \
    " COALESCE(asg.collector_id, 0), x.n, x.oldest, x.owed,"
/* Whether an owner is 80 or over costs two lookups a household: asked
 * only when the board filters on it (BOARD_NO_ELDER gives 0). */
#define BOARD_ELDER \
    " EXISTS (SELECT 1 FROM premises_owners po JOIN owners o" \
    "  ON o.id = po.owner_id WHERE po.premises_id = p.id" \
    "  AND o.birth_year <= ?),"
#define BOARD_NO_ELDER	" 0,"
#define BOARD_HEAD \
    " EXISTS (SELECT 1 FROM case_files cf WHERE cf.premises_id = p.id" \
    "  AND cf.status = 'open')," \
    " EXISTS (SELECT 1 FROM deferrals dfr WHERE dfr.premises_id = p.id" \
    "  AND dfr.status = 'approved')," \
    " COALESCE((SELECT DATE_FORMAT(MAX(cc.contacted_at), '%Y-%m-%d')" \
    "  FROM case_contacts cc WHERE cc.premises_id = p.id), '')," \
    " COALESCE((SELECT DATE_FORMAT(MAX(dv.visited_on), '%Y-%m-%d')" \
    "  FROM door_visits dv WHERE dv.premises_id = p.id), '')" \
    " FROM (SELECT b.premises_id, COUNT(*) AS n, MIN(b.due_date) AS oldest," \
    "  SUM(" OWED_EXPR ") AS owed FROM bills b WHERE "
/* The grouped bills drive the join: a premises lookup per household in
 * arrears, not a scan of every premises. */
#define BOARD_TAIL \
    "  AND b.status IN ('unpaid', 'partial') AND b.due_date < ?" \
    "  GROUP BY b.premises_id) x" \
    " STRAIGHT_JOIN premises p ON p.id = x.premises_id" \
    " LEFT JOIN assignments asg ON asg.premises_id = x.premises_id"

SQL_DEF(SQL_BOARD_ESTATE,
    BOARD_COLS BOARD_NO_ELDER BOARD_HEAD "b.estate_id = ?" BOARD_TAIL);
SQL_DEF(SQL_BOARD_ALL,
    BOARD_COLS BOARD_NO_ELDER BOARD_HEAD "1 = 1" BOARD_TAIL);
SQL_DEF(SQL_BOARD_ESTATE_ELDER,
    BOARD_COLS BOARD_ELDER BOARD_HEAD "b.estate_id = ?" BOARD_TAIL);
SQL_DEF(SQL_BOARD_ALL_ELDER,
    BOARD_COLS BOARD_ELDER BOARD_HEAD "1 = 1" BOARD_TAIL);

SQL_DEF(SQL_TIER_RULES_ALL,
    "SELECT id, tier_red_months, tier_red_fen, tier_yellow_months,"
    " tier_green_months FROM estates");

enum tier
arrears_tier(const struct tier_rules *t, int months, int64_t owed)
{
	if (owed <= 0)
		return TIER_NONE;
	if (months > t->red_months && owed > t->red_fen)
		return TIER_RED;
	if (months >= t->yellow_months)
		return TIER_YELLOW;
	if (months >= t->green_months)
		return TIER_GREEN;
	return TIER_NONE;
}

int
arrears_months(struct date due, struct date today)
{
	int	 n = cal_months_between(due, today);

	return n > 0 ? n : 0;
}

const char *
arrears_months_words(struct arena *a, int months)
{
	if (months < 1)
		return "不足 1 个月";
	return arena_printf(a, "%d 个月", months);
}

const char *const tier_codes[TIER__MAX] = { "", "green", "yellow", "red" };
const char *const tier_labels[TIER__MAX] = { "", "绿色", "黄色", "红色" };
const char *const tier_choices[] = { "red", "yellow", "green", NULL };

const char *
tier_label(enum tier t)
{
	return t < TIER__MAX ? tier_labels[t] : "";
}

const char *
tier_key(enum tier t)
{
	return t < TIER__MAX ? tier_codes[t] : "";
}

enum tier
tier_parse(const char *s)
{
	size_t	 i = code_find(tier_codes, TIER__MAX, s);

	/* "" is no tier a person can ask for. */
	return i < TIER__MAX && i != TIER_NONE ? (enum tier)i : TIER_NONE;
}

int
arrears_rules(struct ctx *ctx, int64_t estate_id, struct tier_rules *t)
{
	int64_t	 red_m, red_fen, yellow_m, green_m;
	int	 rc;

	rc = db_one(ctx, &SQL_TIER_RULES, "i", "iiii", estate_id,
	    &red_m, &red_fen, &yellow_m, &green_m);
	if (rc == 1) {
		t->red_months = (int)red_m;
		t->red_fen = red_fen;
		t->yellow_months = (int)yellow_m;
		t->green_months = (int)green_m;
	}
	return rc;
}

static void
classify(const struct tier_rules *t, struct date today, const char *oldest,
    struct arrears *a)
{
	a->months = 0;
	a->tier = TIER_NONE;
	if (a->nbills == 0 || cal_parse(oldest, &a->oldest_due) < 0)
		return;
	a->months = arrears_months(a->oldest_due, today);
	a->tier = arrears_tier(t, a->months, a->owed_fen);
}

int
arrears_premises(struct ctx *ctx, int64_t premises_id,
    const struct tier_rules *t, struct date today, struct arrears *a)
{
	char		 day[11];
	const char	*oldest, *until;
	int64_t		 n, np;

	memset(a, 0, sizeof(*a));
	a->premises_id = premises_id;
	cal_fmt(day, today);
	if (db_one(ctx, &SQL_ARREARS_PREMISES, "ississ", "isiis", premises_id,
	    day, day, premises_id, day, day, &n, &oldest, &a->owed_fen, &np,
	    &until) < 0)
		return -1;
	a->nbills = (int)n;
	a->nperiods = (int)np;
	classify(t, today, oldest, a);
	/* under a deferral: no tier while it lasts (deferral.h) */
	if (*until != '\0' && cal_parse(until, &a->deferred_until) == 0) {
		a->deferred = 1;
		a->tier = TIER_NONE;
	}
	return 0;
}

/* The estate's households in arrears on day, now (asof NULL) or as the
 * books stood at asof. */
static int
estate_tiers(struct ctx *ctx, int64_t estate_id, const struct tier_rules *t,
    struct date day, const char *asof,
    void (*fn)(void *, const struct arrears *), void *arg)
{
	struct db_res	*res;
	struct arrears	 a;
	char		 d[11];
	const char	*oldest;
	int64_t		 n;
	int		 rc;

	cal_fmt(d, day);
	res = asof == NULL ?
	    db_query(ctx, &SQL_ARREARS_ESTATE, "issss", estate_id, d, d, d, d) :
	    db_query(ctx, &SQL_ARREARS_ESTATE_ASOF, "sssissssss", asof, asof,
	    asof, estate_id, asof, d, d, asof, d, d);
	if (res == NULL)
		return -1;
	memset(&a, 0, sizeof(a));
	while ((rc = db_row(res, "iisi", &a.premises_id, &n, &oldest,
	    &a.owed_fen)) == 1) {
		a.nbills = (int)n;
		classify(t, day, oldest, &a);
		fn(arg, &a);
	}
	return rc < 0 ? -1 : 0;
}

int
arrears_estate(struct ctx *ctx, int64_t estate_id, const struct tier_rules *t,
    struct date today, void (*fn)(void *, const struct arrears *), void *arg)
{
	return estate_tiers(ctx, estate_id, t, today, NULL, fn, arg);
}

int
arrears_estate_asof(struct ctx *ctx, int64_t estate_id,
    const struct tier_rules *t, struct date day, const char *asof,
    void (*fn)(void *, const struct arrears *), void *arg)
{
	return estate_tiers(ctx, estate_id, t, day, asof, fn, arg);
}

int
arrears_board(struct ctx *ctx, int64_t estate_id, struct date today,
    int elders, struct board_row **out, size_t *nout)
{
	struct db_res		*res;
	struct board_row	*rows = NULL, *b;
	struct {
		int64_t			 id;
		struct tier_rules	 t;
	}			*rules = NULL;
	struct tier_rules	 dflt = { 12, 500000, 6, 1 };
	const struct tier_rules	*t;
	size_t			 n = 0, cap = 0, nrules = 0, rcap = 0, i, j;
	const char		*oldest;
	char			 day[11];
	int64_t			 id, rm, rf, ym, gm, nb, elder, has_case,
				 deferred;
	int			 rc;

	/* Every estate's thresholds: a company-wide board mixes them. */
	if ((res = db_query(ctx, &SQL_TIER_RULES_ALL, "")) == NULL)
		return -1;
	while ((rc = db_row(res, "iiiii", &id, &rm, &rf, &ym, &gm)) == 1) {
		if (nrules == rcap) {
			void *nr;

			rcap = rcap ? rcap * 2 : 64;
			nr = arena_alloc(ctx->a, rcap * sizeof(*rules));
			if (nrules)
				memcpy(nr, rules, nrules * sizeof(*rules));
			rules = nr;
		}
		rules[nrules].id = id;
		rules[nrules].t.red_months = (int)rm;
		rules[nrules].t.red_fen = rf;
		rules[nrules].t.yellow_months = (int)ym;
		rules[nrules].t.green_months = (int)gm;
		nrules++;
	}
	if (rc < 0)
		return -1;

	cal_fmt(day, today);
	if (elders)
		res = estate_id > 0 ?
		    db_query(ctx, &SQL_BOARD_ESTATE_ELDER, "iis",
		    (int64_t)today.y - 80, estate_id, day) :
		    db_query(ctx, &SQL_BOARD_ALL_ELDER, "is",
		    (int64_t)today.y - 80, day);
	else
		res = estate_id > 0 ?
		    db_query(ctx, &SQL_BOARD_ESTATE, "is", estate_id, day) :
		    db_query(ctx, &SQL_BOARD_ALL, "s", day);
	if (res == NULL)
		return -1;
	for (;;) {
		rows = arena_grow(ctx->a, rows, n, &cap, sizeof(*rows), 256);
		b = &rows[n];
		memset(b, 0, sizeof(*b));
		rc = db_row(res, "iiisiisiiiiss", &b->a.premises_id,
		    &b->estate_id, &b->building_id, &b->occupancy,
		    &b->collector_id, &nb, &oldest, &b->a.owed_fen, &elder,
		    &has_case, &deferred, &b->last_contact, &b->last_visit);
		if (rc != 1)
			break;
		b->a.nbills = (int)nb;
		b->elder = elder != 0;
		b->has_case = has_case != 0;
		t = &dflt;
		for (i = 0; i < nrules; i++)
			if (rules[i].id == b->estate_id) {
				t = &rules[i].t;
				break;
			}
		classify(t, today, oldest, &b->a);
		b->deferred = deferred != 0;
		/* A door-to-door visit (a 上门POS payment's) is a contact. */
		if (strcmp(b->last_visit, b->last_contact) > 0)
			b->last_contact = b->last_visit;
		if (b->last_contact[0] == '\0')
			b->stale = 1;
		else {
			struct date	 c;

			b->stale = cal_parse(b->last_contact, &c) < 0 ||
			    cal_days_between(c, today) > 30;
		}
		n++;
	}
	if (rc < 0)
		return -1;
	/*
	 * A household a deferral was ever approved for (few): its arrears
	 * again by the bills' effective due dates, and no tier while one
	 * lasts (deferral.h). The grouped scan above reads the bills' own
	 * dates from the index alone.
	 */
	for (i = 0; i < n; i++) {
		b = &rows[i];
		if (!b->deferred)
			continue;
		t = &dflt;
		for (j = 0; j < nrules; j++)
			if (rules[j].id == b->estate_id) {
				t = &rules[j].t;
				break;
			}
		if (arrears_premises(ctx, b->a.premises_id, t, today, &b->a) < 0)
			return -1;
	}
	*out = rows;
	*nout = n;
	return 0;
}
