/*
 * bill.c - GET /bills/#: one bill, how its amount was computed, what
 * paid it and with which receipt, and whom to call about it. A bill of
 * premises the owner does not own is 404. Renders templates/owner/bill.tpl.
 *
 * The computation is shown, never redone: the amount is the bill's own,
 * and the page shows the rate in force for the bill's period (fee_rates,
 * the newest row from a month not after it, as billing.c chose it) only
 * when that rate gives the amount - area × rate × months, the meter's
 * readings × the unit price, or the fixed amount. When none does (the
 * area or occupancy changed since), it says so rather than show a sum
 * that does not add up.
 */
#include <string.h>

#include "arena.h"
#include "arrears.h"
#include "cal.h"
#include "codes.h"
#include "db.h"
#include "deferral.h"
#include "http.h"
#include "labels.h"
#include "ledger.h"
#include "money.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"

SQL_DEF(SQL_BILL_GET,
    "SELECT b.premises_id, fi.name, fi.basis, fi.unit_name, b.period_start,"
    " b.period_months, b.amount_fen, " LEDGER_PAID_SQL ", b.status,"
    " " DEFERRAL_DUE_SQL ", b.quantity_x100, b.created_at, b.fee_item_id,"
    " pr.area_x100, pr.occupancy, fi.basis = 'area', fi.basis = 'meter',"
    " " LEDGER_OWED_SQL ", " LEDGER_WAIVED_SQL ","
    " b.late_of, COALESCE(pfi.name, ''), COALESCE(pb.period_start, ''),"
    " COALESCE(pb.period_months, 1)"
    " FROM bills b JOIN fee_items fi ON fi.id = b.fee_item_id"
    " LEFT JOIN bills pb ON pb.id = b.late_of"
    " LEFT JOIN fee_items pfi ON pfi.id = pb.fee_item_id"
    " JOIN premises pr ON pr.id = b.premises_id"
    " JOIN premises_owners po ON po.premises_id = b.premises_id"
    " AND po.owner_id = ?"
    " WHERE b.id = ?");

/*
 * The rates of the item in force for a period, per occupancy, the
 * premises' own occupancy first. Params: item, period, occupancy.
 */
SQL_DEF(SQL_BILL_RATES,
    "SELECT r.occupancy, r.rate_fen FROM fee_rates r"
    " WHERE r.fee_item_id = ? AND r.from_period <= ?"
    " ORDER BY r.occupancy = ? DESC, r.occupancy, r.from_period DESC,"
    " r.id DESC");

/* The meter reading a meter bill was made from. */
SQL_DEF(SQL_BILL_READING,
    "SELECT prev_x100, curr_x100 FROM meter_readings"
    " WHERE premises_id = ? AND fee_item_id = ? AND period_start = ?");

/* A reversal names the receipt it voided. */
SQL_DEF(SQL_BILL_ALLOCATIONS,
    "SELECT p.paid_at, p.channel, a.amount_fen, COALESCE(rc.number, ''),"
    " p.reverses_id IS NOT NULL"
    " FROM allocations a JOIN payments p ON p.id = a.payment_id"
    " LEFT JOIN receipts rc ON rc.payment_id = COALESCE(p.reverses_id, p.id)"
    " WHERE a.bill_id = ? ORDER BY a.id");

/* What the page needs to say how a bill's amount came about. */
struct bill_basis {
	int64_t		 premises, item, area, months, qty, amount;
	int		 area_based, meter;
	const char	*start, *occupancy, *unit;
};

/* What rate would bill: the same sums and rounding as billing.c. */
static int64_t
billed_at(const struct bill_basis *b, int64_t rate)
{
	if (b->area_based)
		return money_muldiv(rate * b->area, b->months, 100);
	if (b->meter)
		return b->qty == DB_NULL ? -1 : money_muldiv(rate, b->qty, 100);
	return rate;
}

/*
 * Sets HOW (under HOW_KNOWN; and HOW_READINGS under READINGS for a
 * meter) in d to the computation that gives the bill's amount, or shows
 * HOW_UNKNOWN. Returns 0 or -1.
 */
static int
explain(struct req *r, struct tmpl *d, const struct bill_basis *b)
{
	struct db_res	*res;
	const char	*occ, *seen = "";
	char		 rate_s[MONEY_FMT_MAX], amount_s[MONEY_FMT_MAX];
	int64_t		 rate, found = -1, prev, curr;
	int		 rc;

	res = db_query(r->ctx, &SQL_BILL_RATES, "iss", b->item, b->start,
	    b->occupancy);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "si", &occ, &rate)) == 1) {
		if (strcmp(occ, seen) == 0)
			continue;	/* an older rate of the same occupancy */
		seen = occ;
		if (found < 0 && billed_at(b, rate) == b->amount)
			found = rate;
	}
	if (rc < 0)
		return -1;
	if (found < 0) {
		tmpl_show(d, "HOW_UNKNOWN");
		return 0;
	}
	tmpl_show(d, "HOW_KNOWN");
	money_display(rate_s, found);
	money_display(amount_s, b->amount);
	if (b->area_based)
		tmpl_set(d, "HOW", b->months == 1 ?
		    arena_printf(r->a, "%s ㎡ × %s/㎡·月 = %s",
		    label_area(r->a, b->area), rate_s, amount_s) :
		    arena_printf(r->a, "%s ㎡ × %s/㎡·月 × %lld 个月 = %s",
		    label_area(r->a, b->area), rate_s, (long long)b->months,
		    amount_s));
	else if (b->meter) {
		tmpl_set(d, "HOW", arena_printf(r->a, "%s %s × %s/%s = %s",
		    label_area(r->a, b->qty), b->unit, rate_s, b->unit,
		    amount_s));
		rc = db_one(r->ctx, &SQL_BILL_READING, "iis", "ii", b->premises,
		    b->item, b->start, &prev, &curr);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			tmpl_show(d, "READINGS");
			tmpl_set(d, "HOW_READINGS", arena_printf(r->a,
			    "本期读数 %s − 上期读数 %s = 用量 %s %s",
			    label_area(r->a, curr), label_area(r->a, prev),
			    label_area(r->a, b->qty), b->unit));
		}
	} else
		tmpl_set(d, "HOW", arena_printf(r->a, "固定金额 %s（每%s）",
		    rate_s, b->months == 3 ? "季度" : b->months == 1 ? "月" :
		    arena_printf(r->a, " %lld 个月", (long long)b->months)));
	return 0;
}

void
page_bill(struct req *r)
{
	struct owned	 o;
	struct bill_basis bb;
	struct tmpl	*d, *row;
	struct db_res	*res;
	struct date	 today = cal_today(), due_d;
	const char	*item, *basis, *status, *due, *created;
	const char	*at, *channel, *number;
	char		 buf[MONEY_FMT_MAX];
	int64_t		 pid, paid, alloc, reversal, area_based, meter, n = 0;
	int64_t		 owed, waived, late_of, late_months;
	const char	*late_item, *late_start;
	enum bill_status st;
	int		 rc;

	rc = db_one(r->ctx, &SQL_BILL_GET, "ii", "issssiiissIsiisiiiiissi",
	    r->ctx->actor.id, r->ids[0], &pid, &item, &basis, &bb.unit,
	    &bb.start, &bb.months, &bb.amount, &paid, &status, &due, &bb.qty,
	    &created, &bb.item, &bb.area, &bb.occupancy, &area_based, &meter,
	    &owed, &waived, &late_of, &late_item, &late_start, &late_months);
	if (rc != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	if (owned_premises(r, pid, &o) != 1)
		return;
	bb.premises = pid;
	bb.area_based = area_based != 0;
	bb.meter = meter != 0;
	st = bill_status_parse(status);
	/* Whom to call is the bill's own card, not also the footer. */
	r->contact_in_page = 1;
	d = page_new(r, "owner/bill.tpl", "账单详情");
	tmpl_set_int(d, "PREMISES_ID", pid);
	tmpl_set(d, "PREMISES", o.label);
	tmpl_set(d, "ITEM", item);
	tmpl_set(d, "BASIS", label_basis(basis));
	tmpl_set(d, "PERIOD", label_period(r->a, bb.start, (int)bb.months));
	/* a late fee (滞纳金, sql/043): which bill it is of */
	if (late_of != 0) {
		tmpl_show(d, "LATE_OF");
		tmpl_set_int(d, "LATE_OF_ID", late_of);
		tmpl_set(d, "LATE_OF_ITEM", late_item);
		tmpl_set(d, "LATE_OF_PERIOD", label_period(r->a, late_start,
		    (int)late_months));
	}
	page_money(d, "AMOUNT", bb.amount);
	page_money(d, "PAID", paid);
	/* What is left after payments and a waiver (all or part of it). */
	page_money(d, "REMAINING", owed);
	if (waived > 0) {
		tmpl_show(d, "WAIVED");
		page_money(d, "WAIVED_AMOUNT", waived);
	}
	tmpl_set(d, "STATUS", label_bill_state(status, paid, waived));
	tmpl_set(d, "STATUS_KEY", status);
	tmpl_set(d, "DUE", label_date(r->a, due));
	tmpl_set(d, "CREATED", label_date(r->a, created));
	if (bill_status_open(st) && cal_parse(due, &due_d) == 0 &&
	    cal_cmp(due_d, today) < 0) {
		tmpl_show(d, "LATE");
		tmpl_set(d, "LATE_MONTHS", arrears_months_words(r->a,
		    arrears_months(due_d, today)));
	}
	if (bb.qty != DB_NULL) {
		tmpl_show(d, "METER");
		tmpl_set(d, "QUANTITY", label_area(r->a, bb.qty));
		tmpl_set(d, "UNIT", bb.unit);
	}
	if (explain(r, d, &bb) < 0)
		return;
	if ((res = db_query(r->ctx, &SQL_BILL_ALLOCATIONS, "i", r->ids[0])) == NULL)
		return;
	while ((rc = db_row(res, "ssisi", &at, &channel, &alloc, &number,
	    &reversal)) == 1) {
		row = tmpl_row(d, "PAYMENT");
		tmpl_set(row, "DATE", label_date(r->a, at));
		tmpl_set(row, "CHANNEL", reversal ? "收据作废，退回" :
		    label_channel(channel));
		/* A reversal allocates a negative amount: −¥624.98. */
		tmpl_set(row, "AMOUNT", money_display(buf, alloc));
		tmpl_set(row, "RECEIPT", number);
		n++;
	}
	if (rc < 0)
		return;
	if (n == 0)
		tmpl_show(d, "NO_PAYMENT");
	if (page_owner_contacts(r, tmpl_include(d, "CONTACT",
	    "owner/contact.tpl"), pid) < 0)
		return;
	page_render(r, 200);
}
