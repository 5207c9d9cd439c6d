/*
 * bills.c - GET /premises/#/bills[?status=unpaid][&page=N]: one premises'
 * bills. Each period is one bill (账单) with a line per fee item - a
 * shop's quarter shows property fee and rent on one bill - and what was
 * paid of each line. Another owner's premises is 404. Renders
 * templates/owner/bills.tpl.
 *
 * On top, what is owed in all and what of it is past due, for how many
 * months (arrears.h). ?status=unpaid is the list an owner pays from:
 * the open bills, oldest first, 24 periods to a page, each line past its
 * due date marked 已逾期 with its whole months. Without it, every
 * period, newest first, 12 to a page, the settled ones folded shut
 * (<details>) so that what is open stands out (issue 8).
 *
 * The busiest page of the portal (make bench measures it): two plain
 * queries, each checking ownership - the periods (from an index), then
 * the page's lines - and the two figures on top.
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
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

#define PER_PAGE	12	/* periods, all of them */
#define PER_PAGE_OPEN	24	/* periods, the open ones */

/* With ?status=unpaid, only open bills. */
#define OPEN_ONLY_B	" AND (? = 0 OR b.status IN ('unpaid', 'partial'))"

/*
 * The periods with bills, newest first, if the owner owns the premises
 * (read from the premises' unique key alone). Params: owner, premises,
 * unpaid.
 */
SQL_DEF(SQL_BILLS_PERIODS,
    "SELECT DISTINCT b.period_start FROM premises_owners po"
    " JOIN bills b ON b.premises_id = po.premises_id"
    " WHERE po.owner_id = ? AND po.premises_id = ?" OPEN_ONLY_B
    " ORDER BY b.period_start DESC");

/*
 * The premises (if the owner owns it) and the lines of the periods from
 * one date to another; one row with no line when there are none. A late
 * fee's line (sql/043) also names its principal bill's item and period.
 * Params: premises, first period, last period, unpaid, owner, premises.
 * Newest period first, or oldest first for the open bills.
 */
#define BILLS_LINES \
    "SELECT pr.id, bd.name, pr.unit, pr.room, pr.occupancy," \
    " b.id, b.period_start, b.period_months, " DEFERRAL_DUE_SQL ", fi.name," \
    " b.amount_fen, " LEDGER_PAID_SQL ", b.status, " LEDGER_WAIVED_SQL "," \
    " pfi.name, pb.period_start, pb.period_months" \
    " FROM premises_owners po JOIN premises pr ON pr.id = po.premises_id" \
    " JOIN buildings bd ON bd.id = pr.building_id" \
    " LEFT JOIN (bills b JOIN fee_items fi ON fi.id = b.fee_item_id)" \
    "  ON b.premises_id = ? AND b.period_start BETWEEN ? AND ?" OPEN_ONLY_B \
    " LEFT JOIN (bills pb JOIN fee_items pfi ON pfi.id = pb.fee_item_id)" \
    "  ON pb.id = b.late_of" \
    " WHERE po.owner_id = ? AND po.premises_id = ?"
SQL_DEF(SQL_BILLS_LINES,
    BILLS_LINES " ORDER BY b.period_start DESC, b.late_of <> 0, fi.sort, b.id");
SQL_DEF(SQL_BILLS_LINES_OLDEST,
    BILLS_LINES " ORDER BY b.period_start, b.late_of <> 0, fi.sort, b.id");

static const char *const statuses[] = { "all", "unpaid", NULL };

static const struct field fields[] = {
	{ "status", "账单状态", V_CHOICE, 0, 0, 0, statuses },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
};

/*
 * A period's bill, summed from its lines: what was billed, paid, waived
 * (all of a bill or part of it) and is still owed - billed - paid -
 * waived on the open lines, so that the periods of the unpaid list add
 * up to the 待缴合计 on top (ledger_account sums the same).
 */
struct period {
	const char	*start, *due;
	int64_t		 months, amount, paid, open, waived, owed;
	int		 late;		/* a line is past due */
	int		 latefees;	/* its lines are late fees (sql/043) */
	struct tmpl	*d;
};

static void
period_done(struct req *r, struct period *p)
{
	if (p->d == NULL)
		return;
	page_money(p->d, "TOTAL", p->amount);
	page_money(p->d, "TOTAL_PAID", p->paid);
	if (p->waived > 0) {
		tmpl_show(p->d, "TOTAL_WAIVED");
		page_money(p->d, "TOTAL_WAIVED_AMOUNT", p->waived);
	}
	/* On top, what is still owed while anything is open. */
	if (p->open) {
		tmpl_show(p->d, "PERIOD_OWES");
		page_money(p->d, "TOTAL_OWED", p->owed);
	} else
		tmpl_show(p->d, "PERIOD_SETTLED");
	tmpl_set(p->d, "DUE", label_date(r->a, p->due));
	/* The words of a bill's state (labels.h), for the period's sums. */
	tmpl_set(p->d, "STATE", label_bill_state(p->open ? (p->paid > 0 ||
	    p->waived > 0 ? "partial" : "unpaid") : p->waived > 0 ? "waived" :
	    "paid", p->paid, p->waived));
	tmpl_set(p->d, "STATE_KEY", p->open ? "open" : "closed");
	/* What is open stays unfolded; a settled period folds shut. */
	if (p->open)
		tmpl_show(p->d, "EXPANDED");
	if (p->late)
		tmpl_show(p->d, "PERIOD_LATE");
}

void
page_bills(struct req *r)
{
	struct fval	 v[2];
	struct tmpl	*d = NULL, *row;
	struct db_res	*res;
	struct period	 p;
	struct account	 acc;
	struct date	 today = cal_today(), due_d;
	const char	*building, *unit, *room, *occ, *start, *due, *item, *status;
	const char	*first, *last, **starts = NULL;
	enum bill_status st;
	int64_t		 pid, total, id, months, amount, paid, waived, owed;
	int64_t		 unpaid, page, late_months;
	const char	*late_item, *late_start;
	int64_t		 per_page, lo, hi;
	size_t		 cap = 0;
	int		 rc, rows = 0, late;

	if (valid_fields(r, fields, 2, v) > 0) {
		page_error(r, 400, v[0].err ? v[0].err : v[1].err);
		return;
	}
	unpaid = v[0].set && v[0].i == 1;
	page = v[1].set ? v[1].i : 1;
	per_page = unpaid ? PER_PAGE_OPEN : PER_PAGE;
	/* Which periods this page shows, and how many there are. */
	res = db_query(r->ctx, &SQL_BILLS_PERIODS, "iii", r->ctx->actor.id, r->ids[0],
	    unpaid);
	if (res == NULL)
		return;
	total = 0;
	while ((rc = db_row(res, "s", &start)) == 1) {
		starts = arena_grow(r->a, starts, (size_t)total, &cap,
		    sizeof(*starts), 64);
		starts[total++] = start;
	}
	if (rc < 0)
		return;
	/* The page's periods, counted in the order shown: newest first,
	 * or oldest first for the open bills (starts[] is newest first). */
	first = last = "0000-00-00";	/* past the last page: no lines */
	lo = (page - 1) * per_page;
	hi = lo + per_page < total ? lo + per_page : total;
	if (lo < total) {
		if (unpaid) {
			first = starts[total - 1 - lo];
			last = starts[total - hi];
		} else {
			first = starts[hi - 1];
			last = starts[lo];
		}
	}
	res = unpaid ?
	    db_query(r->ctx, &SQL_BILLS_LINES_OLDEST, "issiii", r->ids[0], first,
	    last, unpaid, r->ctx->actor.id, r->ids[0]) :
	    db_query(r->ctx, &SQL_BILLS_LINES, "issiii", r->ids[0], first, last,
	    unpaid, r->ctx->actor.id, r->ids[0]);
	if (res == NULL)
		return;
	memset(&p, 0, sizeof(p));
	while ((rc = db_row(res, "issssISISSIISISSI", &pid, &building, &unit,
	    &room, &occ, &id, &start, &months, &due, &item, &amount, &paid,
	    &status, &waived, &late_item, &late_start, &late_months)) == 1) {
		if (rows++ == 0) {
			d = page_new(r, "owner/bills.tpl", unpaid ? "待缴账单" :
			    "全部账单");
			tmpl_set_int(d, "PREMISES_ID", pid);
			tmpl_set(d, "PREMISES", label_premises(r->a, building,
			    unit, room, occ));
			tmpl_show(d, unpaid ? "FILTER_UNPAID" : "FILTER_ALL");
		}
		if (id == DB_NULL)
			continue;	/* no bills on this page */
		/* A period's late fees are a card of their own after its
		 * bills: shown apart, never summed with them (issue 13). */
		if (p.start == NULL || strcmp(p.start, start) != 0 ||
		    p.latefees != (late_start != NULL)) {
			period_done(r, &p);
			memset(&p, 0, sizeof(p));
			p.start = start;
			p.due = due;
			p.latefees = late_start != NULL;
			p.d = tmpl_row(d, "PERIOD");
			tmpl_set(p.d, "PERIOD", p.latefees ? arena_printf(r->a,
			    "%s 滞纳金", label_period(r->a, start, (int)months)) :
			    label_period(r->a, start, (int)months));
			tmpl_set(p.d, "PERIOD_KEY", p.latefees ? arena_printf(r->a,
			    "%.7s-latefee", start) : arena_strndup(r->a, start, 7));
		}
		if (strcmp(due, p.due) < 0)
			p.due = due;
		st = bill_status_parse(status);
		owed = bill_status_open(st) ? amount - paid - waived : 0;
		p.amount += amount;
		p.paid += paid;
		p.open += bill_status_open(st);
		p.waived += waived;
		p.owed += owed;
		row = tmpl_row(p.d, "BILL");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "ITEM", item);
		if (late_start != NULL) {
			tmpl_show(row, "LATE_FEE");
			tmpl_set(row, "LATE_OF", label_late_of(r->a, late_start,
			    (int)late_months, late_item));
		}
		page_money(row, "AMOUNT", amount);
		page_money(row, "PAID", paid);
		if (waived > 0) {
			tmpl_show(row, "BILL_WAIVED");
			page_money(row, "WAIVED", waived);
		}
		if (bill_status_open(st)) {
			tmpl_show(row, "BILL_OWES");
			page_money(row, "OWED", owed);
		}
		tmpl_set(row, "STATUS", label_bill_state(status, paid, waived));
		tmpl_set(row, "STATUS_KEY", status);
		/* Past due: open on a day after its due date (arrears.h). */
		if (bill_status_open(st) && cal_parse(due, &due_d) == 0 &&
		    cal_cmp(due_d, today) < 0) {
			late = arrears_months(due_d, today);
			tmpl_show(row, "BILL_LATE");
			tmpl_set(row, "LATE_MONTHS", arrears_months_words(r->a,
			    late));
			p.late = 1;
		}
	}
	if (rc < 0)
		return;
	if (rows == 0) {
		page_error(r, 404, NULL);
		return;
	}
	period_done(r, &p);
	if (owner_owed(r, d, pid, today, &acc) < 0)
		return;
	if (total == 0)
		tmpl_show(d, unpaid ? "NONE_UNPAID" : "NONE");
	page_pager(r, d, arena_printf(r->a, "/premises/%lld/bills%s",
	    (long long)pid, unpaid ? "?status=unpaid" : ""), page, per_page,
	    total);
	page_render(r, 200);
}
