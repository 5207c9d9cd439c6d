/*
 * fees.c - fee rules of an estate (收费标准), for managers.
 *
 *   GET  /staff/fees              fee items, the rate in force for each
 *                                 occupancy, the rate history, billing
 *                                 cycles and the service-credit rate
 *   POST /staff/fees/items        a new fee item
 *   POST /staff/fees/rates        a rate from a chosen month on; rates
 *                                 are never edited, bills never rewritten
 *   POST /staff/fees/cycles       monthly or quarterly, per occupancy
 *   POST /staff/fees/credit       what an hour of community activity is worth
 *   POST /staff/fees/caps         the most a meter item may register in a
 *                                 month (meter.h): a reading beyond it
 *                                 is refused as a typing slip
 *
 * Each POST answers 303 back to the page, or the page with messages next
 * to the fields of the form that was sent (400, or 409 for a duplicate).
 * Renders templates/staff/fees.tpl.
 */
#include <ctype.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "billing.h"
#include "occupancy.h"
#include "cal.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "meter.h"
#include "money.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

SQL_DEF(SQL_FEES_ITEMS,
    "SELECT id, code, name, basis, unit_name, usage_cap_x100,"
    " basis = 'meter' FROM fee_items WHERE estate_id = ? ORDER BY sort, id");

SQL_DEF(SQL_FEES_CURRENT,
    "SELECT r.fee_item_id, r.occupancy, r.rate_fen, r.from_period"
    " FROM fee_rates r WHERE r.estate_id = ? AND r.id = (SELECT r2.id"
    "  FROM fee_rates r2 WHERE r2.fee_item_id = r.fee_item_id"
    "  AND r2.occupancy = r.occupancy AND r2.from_period <= ?"
    "  ORDER BY r2.from_period DESC, r2.id DESC LIMIT 1)");

SQL_DEF(SQL_FEES_HISTORY,
    "SELECT fi.name, r.occupancy, r.rate_fen, r.from_period, r.created_at,"
    " COALESCE(st.name, '')"
    " FROM fee_rates r JOIN fee_items fi ON fi.id = r.fee_item_id"
    " LEFT JOIN staff st ON st.id = r.created_by"
    " WHERE r.estate_id = ? ORDER BY r.from_period DESC, r.id DESC LIMIT 60");

SQL_DEF(SQL_FEES_CYCLES,
    "SELECT occupancy, months FROM billing_cycles WHERE estate_id = ?");

SQL_DEF(SQL_FEES_CREDIT,
    "SELECT credit_hour_fen FROM estates WHERE id = ?");

/* The next place in the list, locking the estate's items: two items
 * added at once queue here (an INSERT ... SELECT from the same table
 * fails under concurrency: error 1467). */
SQL_DEF(SQL_FEES_ITEM_NEXT,
    "SELECT COALESCE(MAX(sort), 0) + 1 FROM fee_items WHERE estate_id = ?"
    " FOR UPDATE");

SQL_DEF(SQL_FEES_ITEM_INSERT,
    "INSERT INTO fee_items (estate_id, code, name, basis, unit_name, sort)"
    " VALUES (?, ?, ?, ?, ?, ?)");

SQL_DEF(SQL_FEES_ITEM_OF,
    "SELECT name FROM fee_items WHERE id = ? AND estate_id = ?");

SQL_DEF(SQL_FEES_RATE_INSERT,
    "INSERT INTO fee_rates (estate_id, fee_item_id, occupancy, rate_fen,"
    " from_period, created_by) VALUES (?, ?, ?, ?, ?, ?)");

SQL_DEF(SQL_FEES_CYCLE_SET,
    "INSERT INTO billing_cycles (estate_id, occupancy, months) VALUES (?, ?, ?)"
    " ON DUPLICATE KEY UPDATE months = VALUES(months)");

SQL_DEF(SQL_FEES_CREDIT_SET,
    "UPDATE estates SET credit_hour_fen = ? WHERE id = ?");

SQL_DEF(SQL_FEES_METER_OF,
    "SELECT code FROM fee_items WHERE id = ? AND estate_id = ?"
    " AND basis = 'meter'");

SQL_DEF(SQL_FEES_CAP_SET,
    "UPDATE fee_items SET usage_cap_x100 = ? WHERE id = ? AND estate_id = ?"
    " AND basis = 'meter'");

static const char *const bases[] = {
	"area", "fixed", "meter", "agreement", NULL
};
static const char *const cycle_months[] = { "1", "3", NULL };

static const struct field estate_field[] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
};

static const struct field item_fields[] = {
	{ "item_code", "代码", V_TEXT, V_REQUIRED, 1, 16, NULL },
	{ "item_name", "名称", V_TEXT, V_REQUIRED, 1, 50, NULL },
	{ "item_basis", "计费方式", V_CHOICE, V_REQUIRED, 0, 0, bases },
	{ "item_unit", "计量单位", V_TEXT, 0, 0, 16, NULL },
	ONCE_FIELD,
};

static const struct field rate_fields[] = {
	{ "rate_item", "收费项目", V_INT, V_REQUIRED, 1, INT64_MAX / 2, NULL },
	{ "rate_occ", "房屋类型", V_CHOICE, V_REQUIRED, 0, 0, occupancy_codes },
	{ "rate_amount", "单价", V_MONEY, V_REQUIRED, 0, 100000000, NULL },
	{ "rate_from", "起始月份", V_MONTH, V_REQUIRED, 0, 0, NULL },
	ONCE_FIELD,
};

static const struct field cycle_fields[] = {
	{ "cycle_occ", "房屋类型", V_CHOICE, V_REQUIRED, 0, 0, occupancy_codes },
	{ "cycle_months", "计费周期", V_CHOICE, V_REQUIRED, 0, 0, cycle_months },
};

static const struct field credit_fields[] = {
	{ "credit_hour", "每小时抵扣金额", V_MONEY, V_REQUIRED, 0, 1000000, NULL },
};

/* A meter item's monthly cap: from 0.01 to a million units. */
static const struct field cap_fields[] = {
	{ "cap_item", "收费项目", V_INT, V_REQUIRED, 1, INT64_MAX / 2, NULL },
	{ "cap_amount", "每月用量上限", V_DECIMAL2, V_REQUIRED, 1,
	    INT64_C(100000000), NULL },
};

#define MAX_CURRENT	256	/* items x occupancy_codes shown */

/* Which form came back with messages, and its values. */
struct sent {
	const struct field	*fields;
	size_t			 n;
	const struct fval	*v;
	const char		*alert;
};

SQL_DEF(SQL_FEES_CYCLE_OF,
    "SELECT months FROM billing_cycles WHERE estate_id = ? AND occupancy = ?");

/* The billing cycle of an occupancy (occupancy_codes index): 1 or 3. */
static int
cycle_of(struct req *r, int64_t estate, int64_t occ)
{
	int64_t	 months = 1;

	if (db_one(r->ctx, &SQL_FEES_CYCLE_OF, "is", "i", estate,
	    occupancy_codes[occ], &months) < 0)
		return -1;
	return (int)months;
}

/*
 * A rate as the tables show it: 6.50, or 免收 for 0 - the item is not
 * charged to that occupancy and a billing run makes no bill of it
 * (billing.c never makes a bill of 0 fen).
 */
static const char *
rate_label(char buf[MONEY_FMT_MAX], int64_t rate)
{
	return rate == 0 ? "免收" : money_fmt(buf, rate);
}

/* Month index y * 12 + m - 1 as 2026年12月. */
static const char *
label_month(struct req *r, int64_t ym)
{
	return arena_printf(r->a, "%lld年%lld月", (long long)(ym / 12),
	    (long long)(ym % 12 + 1));
}

static void
show(struct req *r, int64_t wanted, const struct sent *sent, int status)
{
	struct tmpl	*d, *row, *opt;
	struct db_res	*res;
	struct estate	 e;
	struct date	 now = cal_today();
	const char	*code, *name, *basis, *unit, *occ, *from, *at, *by;
	char		 month[11], buf[MONEY_FMT_MAX];
	int64_t		 id, item, rate, months, credit, cap, meter;
	int		 rc, i;
	struct {
		int64_t		 item, rate;
		const char	*occ, *from;
	}		 cur[MAX_CURRENT];
	size_t		 ncur;

	d = page_new(r, "staff/fees.tpl", "收费标准");
	if ((rc = scope_estate(r, wanted, &e, d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	tmpl_set_int(d, "ESTATE_ID", e.id);
	now.d = 1;
	cal_fmt(month, now);
	tmpl_set(d, "THIS_MONTH", arena_strndup(r->a, month, 7));

	/* Rates in force this month, for each item's row. */
	if ((res = db_query(r->ctx, &SQL_FEES_CURRENT, "is", e.id, month)) == NULL)
		return;
	ncur = 0;
	while ((rc = db_row(res, "isis", &item, &occ, &rate, &from)) == 1)
		if (ncur < MAX_CURRENT) {
			cur[ncur].item = item;
			cur[ncur].occ = occ;
			cur[ncur].rate = rate;
			cur[ncur++].from = from;
		}
	if (rc < 0)
		return;
	if ((res = db_query(r->ctx, &SQL_FEES_ITEMS, "i", e.id)) == NULL)
		return;
	while ((rc = db_row(res, "issssIi", &id, &code, &name, &basis,
	    &unit, &cap, &meter)) == 1) {
		row = tmpl_row(d, "ITEM");
		tmpl_set_int(row, "ITEM_ID", id);
		tmpl_set(row, "CODE", code);
		tmpl_set(row, "NAME", name);
		tmpl_set(row, "BASIS", label_basis(basis));
		/* A meter's monthly cap (its own, or its unit's: meter.h),
		 * and the cap form's picker. */
		if (meter) {
			cap = meter_usage_cap(unit, cap);
			tmpl_show(row, "HAS_CAP");
			tmpl_set(row, "CAP", label_units(r->a, cap));
			opt = tmpl_row(d, "CAP_OPT");
			tmpl_set_int(opt, "ITEM_ID", id);
			tmpl_set(opt, "NAME", name);
			tmpl_set(opt, "CAP", label_units(r->a, cap));
			tmpl_set(opt, "UNIT", unit);
			if (sent != NULL && sent->fields == cap_fields &&
			    sent->v[0].set && sent->v[0].i == id)
				tmpl_show(opt, "SELECTED");
			tmpl_show(d, "HAS_METERS");
		}
		tmpl_set(row, "UNIT", unit);
		for (i = 0; occupancy_codes[i] != NULL; i++) {
			const char *key = arena_printf(r->a, "RATE_%d", i);
			size_t k;

			tmpl_set(row, key, "—");
			for (k = 0; k < ncur; k++)
				if (cur[k].item == id &&
				    strcmp(cur[k].occ, occupancy_codes[i]) == 0)
					tmpl_set(row, key, arena_printf(r->a,
					    "%s（%.7s起）", rate_label(buf,
					    cur[k].rate), cur[k].from));
		}
		/* The picker of the rate form lists the same items. */
		row = tmpl_row(d, "ITEM_OPT");
		tmpl_set_int(row, "ITEM_ID", id);
		tmpl_set(row, "NAME", name);
		if (sent != NULL && sent->fields == rate_fields &&
		    sent->v[0].set && sent->v[0].i == id)
			tmpl_show(row, "SELECTED");
	}
	if (rc < 0)
		return;
	if ((res = db_query(r->ctx, &SQL_FEES_HISTORY, "i", e.id)) == NULL)
		return;
	while ((rc = db_row(res, "ssisss", &name, &occ, &rate, &from, &at,
	    &by)) == 1) {
		row = tmpl_row(d, "HISTORY");
		tmpl_set(row, "NAME", name);
		tmpl_set(row, "OCC_LABEL", label_occupancy(occ));
		tmpl_set(row, "RATE", rate_label(buf, rate));
		tmpl_set(row, "FROM", arena_strndup(r->a, from, 7));
		tmpl_set(row, "AT", at);
		tmpl_set(row, "BY", by);
	}
	if (rc < 0)
		return;
	if ((res = db_query(r->ctx, &SQL_FEES_CYCLES, "i", e.id)) == NULL)
		return;
	while ((rc = db_row(res, "si", &occ, &months)) == 1) {
		row = tmpl_row(d, "CYCLE");
		tmpl_set(row, "OCC_LABEL", label_occupancy(occ));
		tmpl_set(row, "MONTHS", months == 3 ? "按季度" : "按月");
	}
	if (rc < 0)
		return;
	/* How far each occupancy is billed: a new rate starts after it. */
	for (i = 0; i < OCCUPANCY__MAX; i++) {
		int64_t first;

		if (billing_first_open(r->ctx, e.id, i, &first) < 0)
			return;
		if (first < 0)
			continue;
		row = tmpl_row(d, "BILLED_TO");
		tmpl_set(row, "OCC_LABEL", label_occupancy(occupancy_codes[i]));
		tmpl_set(row, "FIRST_OPEN", label_month(r, first));
	}
	if (db_one(r->ctx, &SQL_FEES_CREDIT, "i", "i", e.id, &credit) != 1)
		return;
	tmpl_set(d, "CREDIT_HOUR", money_fmt(buf, credit));
	for (i = 0; occupancy_codes[i] != NULL; i++) {
		row = tmpl_row(d, "OCC_OPT");
		tmpl_set(row, "OCC", occupancy_codes[i]);
		tmpl_set(row, "OCC_LABEL", label_occupancy(occupancy_codes[i]));
	}
	for (i = 0; bases[i] != NULL; i++) {
		row = tmpl_row(d, "BASIS_OPT");
		tmpl_set(row, "BASIS", bases[i]);
		tmpl_set(row, "BASIS_LABEL", label_basis(bases[i]));
	}
	if (sent != NULL) {
		valid_to_tmpl(d, sent->fields, sent->n, sent->v);
		if (sent->alert) {
			tmpl_show(d, "HAS_ALERT");
			tmpl_set(d, "ALERT", sent->alert);
		}
	}
	/* A rate is a new row: its form is recorded once (once.h). */
	tmpl_set(d, "RATE_TOKEN", once_token(r->ctx));
	tmpl_set(d, "ITEM_TOKEN", once_token(r->ctx));
	if (http_query(r, "ok") != NULL)
		tmpl_show(d, "SAVED");
	page_render(r, status);
}

void
page_fees(struct req *r)
{
	struct fval	 e;

	valid_one(r, estate_field, http_query(r, "estate"), &e);
	show(r, e.err || !e.set ? 0 : e.i, NULL, 200);
}

/* The estate a POST names, within scope (scope_posted_estate): its id,
 * or 0 after answering 400 or 404, or -1 on a database failure. */
static int64_t
posted_estate(struct req *r)
{
	struct estate	 e;
	int		 rc;

	return (rc = scope_posted_estate(r, &e)) == 1 ? e.id : rc;
}

static void
back(struct req *r, int64_t estate)
{
	http_redirect(r, arena_printf(r->a, "/staff/fees?estate=%lld&ok=1",
	    (long long)estate));
}

#define ITEM_TAKEN	2	/* the code is taken: 409 */

struct item_tx {
	int64_t			 estate;
	const struct fval	*v;
};

static int
item_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct item_tx		*t = arg;
	const struct fval	*v = t->v;
	int64_t			 rc, sort;

	if (db_one(ctx, &SQL_FEES_ITEM_NEXT, "i", "i", t->estate, &sort) != 1)
		return -1;
	rc = db_exec_unique(ctx, &SQL_FEES_ITEM_INSERT, "issssi", t->estate,
	    v[0].s, v[1].s, v[2].s, v[3].s, sort);
	if (rc == DB_DUPLICATE)
		return ITEM_TAKEN;
	if (rc < 0)
		return -1;
	*made = db_insert_id(ctx);
	return audit(ctx, t->estate, "fee_item.add", "fee_item", *made, DB_NULL,
	    arena_printf(ctx->a, "%s %s (%s)", v[0].s, v[1].s, v[2].s)) < 0 ?
	    -1 : 0;
}

void
page_fees_item(struct req *r)
{
	struct fval	 v[NF(item_fields)];
	struct sent	 s = { item_fields, NF(item_fields), v, NULL };
	struct item_tx	 t;
	int64_t		 estate, made;
	int		 rc;
	const char	*p;

	if ((estate = posted_estate(r)) <= 0)
		return;
	if (valid_fields(r, item_fields, NF(item_fields), v) == 0)
		for (p = v[0].s; *p; p++)
			if (!isupper((unsigned char)*p) &&
			    !isdigit((unsigned char)*p) && *p != '_') {
				v[0].err = "代码只能用大写字母、数字和下划线";
				break;
			}
	if (v[4].err != NULL && v[0].err == NULL)
		v[0].err = v[4].err;
	if (v[0].err || v[1].err || v[2].err || v[3].err) {
		show(r, estate, &s, 400);
		return;
	}
	t.estate = estate;
	t.v = v;
	if ((rc = once_tx(r->ctx, v[4].s, "fee.item", estate, estate, item_tx, &t,
	    &made)) < 0)
		return;
	if (rc == ONCE_SEEN && made == 0) {
		v[0].err = ONCE_USED_MSG;
		show(r, estate, &s, 409);
		return;
	}
	if (rc == ITEM_TAKEN) {
		v[0].err = "这个代码已经有了，请换一个";
		show(r, estate, &s, 409);
		return;
	}
	back(r, estate);
}

struct rate_tx {
	int64_t			 estate;
	const struct fval	*v;
	const char		*name, *from;
};

static int
rate_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct rate_tx		*t = arg;
	const struct fval	*v = t->v;
	char			 amt[MONEY_FMT_MAX];

	if (db_exec(ctx, &SQL_FEES_RATE_INSERT, "iisisi", t->estate, v[0].i,
	    v[1].s, v[2].i, t->from, ctx->actor.id) < 0)
		return -1;
	*made = db_insert_id(ctx);
	return audit(ctx, t->estate, "fee_rate.set", "fee_rate", *made, v[2].i,
	    arena_printf(ctx->a, "%s, %s: %s from %s", t->name, v[1].s,
	    money_fmt(amt, v[2].i), t->from)) < 0 ? -1 : 0;
}

void
page_fees_rate(struct req *r)
{
	struct fval	 v[NF(rate_fields)];
	struct sent	 s = { rate_fields, NF(rate_fields), v, NULL };
	struct date	 today = cal_today();
	struct rate_tx	 t;
	const char	*name;
	char		 from[11];
	int64_t		 estate, now, made;
	int		 errs, rc;

	if ((estate = posted_estate(r)) <= 0)
		return;
	errs = valid_fields(r, rate_fields, NF(rate_fields), v);
	now = (int64_t)today.y * 12 + today.m - 1;
	if (!v[3].err && v[3].set && v[3].i < now) {
		v[3].err = "费率只能从本月或以后的月份起执行，已出的账单不会改变";
		errs++;
	} else if (!v[3].err && v[3].set && v[3].i > now + 24) {
		v[3].err = "起始月份最多只能设在两年以后";
		errs++;
	}
	if (!v[0].err && v[0].set) {
		rc = db_one(r->ctx, &SQL_FEES_ITEM_OF, "ii", "s", v[0].i, estate,
		    &name);
		if (rc < 0)
			return;
		if (rc == 0) {
			v[0].err = "请从列表中选择收费项目";
			errs++;
		}
	}
	/*
	 * A rate takes effect from the first period not yet billed: a
	 * period already billed keeps its bills (DOMAIN.md, Premises and
	 * fees), so the fee page never contradicts a bill. Checked
	 * whenever the type and month are readable, with the rest's
	 * messages, so that every mistake is said at once.
	 */
	if (!v[1].err && v[1].set && !v[3].err && v[3].set) {
		int64_t first;

		if (billing_first_open(r->ctx, estate, (int)v[1].i, &first) < 0)
			return;
		if (first >= 0 && v[3].i < first) {
			v[3].err = arena_printf(r->a, "%s的账单已出至%s，新单价"
			    "最早从%s起执行（已出的账单不会改变）",
			    label_occupancy(occupancy_codes[v[1].i]),
			    label_month(r, first - 1), label_month(r, first));
			errs++;
		} else if (cycle_of(r, estate, v[1].i) == 3 && v[3].i % 3 != 0) {
			/* A quarter's bill takes the rate of its first month. */
			v[3].err = arena_printf(r->a, "%s按季度出账，新单价须从"
			    "季度的第一个月（1、4、7、10月）起执行",
			    label_occupancy(occupancy_codes[v[1].i]));
			errs++;
		}
	}
	if (errs) {
		show(r, estate, &s, 400);
		return;
	}
	cal_fmt(from, cal_from_month(v[3].i));
	t.estate = estate;
	t.v = v;
	t.name = name;
	t.from = from;
	if ((rc = once_tx(r->ctx, v[4].s, "fee.rate", estate, estate, rate_tx, &t,
	    &made)) < 0)
		return;
	if (rc == ONCE_SEEN && made == 0) {
		v[3].err = ONCE_USED_MSG;
		show(r, estate, &s, 409);
		return;
	}
	back(r, estate);
}

void
page_fees_cycle(struct req *r)
{
	struct audit_row	 row;
	struct fval	 v[NF(cycle_fields)];
	struct sent	 s = { cycle_fields, NF(cycle_fields), v, NULL };
	int64_t		 estate;

	if ((estate = posted_estate(r)) <= 0)
		return;
	if (valid_fields(r, cycle_fields, NF(cycle_fields), v) > 0) {
		show(r, estate, &s, 400);
		return;
	}
	/*
	 * A quarterly cycle starts in the first month of a quarter: switched
	 * to while a quarter is partly billed month by month, its other
	 * months would never be billed. The first period not yet billed must
	 * start a quarter (DOMAIN.md: no period is left unbilled).
	 */
	if (v[1].i == 1) {
		int64_t first;

		if (billing_first_open(r->ctx, estate, (int)v[0].i, &first) < 0)
			return;
		if (first >= 0 && first % 3 != 0) {
			v[1].err = arena_printf(r->a, "%s的账单已出至%s；按季度出账"
			    "须从季度的第一个月开始，请出完%s的账单后再修改",
			    label_occupancy(occupancy_codes[v[0].i]),
			    label_month(r, first - 1), label_month(r,
			    first + 2 - first % 3));
			show(r, estate, &s, 409);
			return;
		}
	}
	row = (struct audit_row){ estate, "billing_cycle.set", "estate",
	    estate, DB_NULL, arena_printf(r->a, "%s: %s month(s)", v[0].s,
	    v[1].s) };
	if (audit_exec(r->ctx, &row, &SQL_FEES_CYCLE_SET, "isi", estate,
	    v[0].s, (int64_t)(v[1].i == 1 ? 3 : 1)) < 0)
		return;
	back(r, estate);
}

void
page_fees_credit(struct req *r)
{
	struct audit_row	 row;
	struct fval	 v[NF(credit_fields)];
	struct sent	 s = { credit_fields, NF(credit_fields), v, NULL };
	int64_t		 estate;

	if ((estate = posted_estate(r)) <= 0)
		return;
	if (valid_fields(r, credit_fields, NF(credit_fields), v) > 0) {
		show(r, estate, &s, 400);
		return;
	}
	row = (struct audit_row){ estate, "credit_rate.set", "estate",
	    estate, v[0].i, "service credit per hour" };
	if (audit_exec(r->ctx, &row, &SQL_FEES_CREDIT_SET, "ii", v[0].i,
	    estate) < 0)
		return;
	back(r, estate);
}

/*
 * POST /staff/fees/caps: a meter item's monthly cap (cap_item, cap_amount
 * in units with up to two decimals). 303 back; 400 with the message by
 * the field for a missing or bad value or an item of another estate or
 * basis. Not a money row: the item keeps its bills; readings sent after
 * it are held to it. Audited (fee_item.cap).
 */
void
page_fees_cap(struct req *r)
{
	struct audit_row	 row;
	struct fval	 v[NF(cap_fields)];
	struct sent	 s = { cap_fields, NF(cap_fields), v, NULL };
	const char	*code;
	int64_t		 estate;
	int		 rc;

	if ((estate = posted_estate(r)) <= 0)
		return;
	if (valid_fields(r, cap_fields, NF(cap_fields), v) == 0) {
		rc = db_one(r->ctx, &SQL_FEES_METER_OF, "ii", "s", v[0].i, estate,
		    &code);
		if (rc < 0)
			return;
		if (rc == 0)
			v[0].err = "请从列表中选择按表计量的收费项目";
	}
	if (v[0].err || v[1].err) {
		show(r, estate, &s, 400);
		return;
	}
	row = (struct audit_row){ estate, "fee_item.cap", "fee_item", v[0].i,
	    DB_NULL, arena_printf(r->a, "%s: at most %s a month", code,
	    v[1].s) };
	if (audit_exec(r->ctx, &row, &SQL_FEES_CAP_SET, "iii", v[1].i, v[0].i,
	    estate) < 0)
		return;
	back(r, estate);
}
