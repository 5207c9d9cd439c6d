/*
 * arrears.c - tiers from months overdue and amounts owed.
 */
#include <string.h>

#include "arrears.h"
#include "db.h"
#include "http.h"
#include "ledger.h"

/*
 * What is still owed on each open bill: its amount less what payments
 * allocated to it. Waived bills are not open.
 */
#define OWED_EXPR "b.amount_fen - " LEDGER_PAID_SQL

SQL_DEF(SQL_TIER_RULES,
    "SELECT tier_red_months, tier_red_fen, tier_yellow_months,"
    " tier_green_months FROM estates WHERE id = ?");

SQL_DEF(SQL_ARREARS_PREMISES,
    "SELECT COUNT(*), MIN(b.due_date), COALESCE(SUM(" OWED_EXPR "), 0)"
    " FROM bills b WHERE b.premises_id = ?"
    " AND b.status IN ('unpaid', 'partial') AND b.due_date < ?");

SQL_DEF(SQL_ARREARS_ESTATE,
    "SELECT b.premises_id, COUNT(*), MIN(b.due_date), SUM(" OWED_EXPR ")"
    " FROM bills b WHERE b.estate_id = ?"
    " AND b.status IN ('unpaid', 'partial') AND b.due_date < ?"
    " GROUP BY b.premises_id");

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

const char *
tier_label(enum tier t)
{
	switch (t) {
	case TIER_RED:
		return "红色";
	case TIER_YELLOW:
		return "黄色";
	case TIER_GREEN:
		return "绿色";
	default:
		return "";
	}
}

const char *
tier_key(enum tier t)
{
	switch (t) {
	case TIER_RED:
		return "red";
	case TIER_YELLOW:
		return "yellow";
	case TIER_GREEN:
		return "green";
	default:
		return "";
	}
}

enum tier
tier_parse(const char *s)
{
	if (s == NULL)
		return TIER_NONE;
	if (strcmp(s, "red") == 0)
		return TIER_RED;
	if (strcmp(s, "yellow") == 0)
		return TIER_YELLOW;
	if (strcmp(s, "green") == 0)
		return TIER_GREEN;
	return TIER_NONE;
}

int
arrears_rules(struct req *r, int64_t estate_id, struct tier_rules *t)
{
	int64_t	 red_m, red_fen, yellow_m, green_m;
	int	 rc;

	rc = db_one(r, &SQL_TIER_RULES, "i", "iiii", estate_id,
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
	a->months = cal_months_between(a->oldest_due, today);
	a->tier = arrears_tier(t, a->months, a->owed_fen);
}

int
arrears_premises(struct req *r, int64_t premises_id,
    const struct tier_rules *t, struct date today, struct arrears *a)
{
	char		 day[11];
	const char	*oldest;
	int64_t		 n;

	memset(a, 0, sizeof(*a));
	a->premises_id = premises_id;
	if (db_one(r, &SQL_ARREARS_PREMISES, "is", "isi", premises_id,
	    cal_fmt(day, today), &n, &oldest, &a->owed_fen) < 0)
		return -1;
	a->nbills = (int)n;
	classify(t, today, oldest, a);
	return 0;
}

int
arrears_estate(struct req *r, int64_t estate_id, const struct tier_rules *t,
    struct date today, void (*fn)(void *, const struct arrears *), void *ctx)
{
	struct db_res	*res;
	struct arrears	 a;
	char		 day[11];
	const char	*oldest;
	int64_t		 n;
	int		 rc;

	res = db_query(r, &SQL_ARREARS_ESTATE, "is", estate_id,
	    cal_fmt(day, today));
	if (res == NULL)
		return -1;
	memset(&a, 0, sizeof(a));
	while ((rc = db_row(res, "iisi", &a.premises_id, &n, &oldest,
	    &a.owed_fen)) == 1) {
		a.nbills = (int)n;
		classify(t, today, oldest, &a);
		fn(ctx, &a);
	}
	return rc < 0 ? -1 : 0;
}
