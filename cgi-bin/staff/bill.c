/*
 * bill.c - one bill in the back office, and waiving it.
 *
 *   GET  /staff/bills/#         the bill, what paid it, any waiver; a
 *                               manager sees the waive form (bill.tpl)
 *   POST /staff/bills/#/waive   a manager forgives what is left, with a
 *                               reason: a waiver record, never an edit.
 *                               303 back; 400 without a reason; 409 when
 *                               the bill is no longer open (paid in full,
 *                               or waived); the same form sent again
 *                               answers as the first did (once.h)
 *
 * A bill outside the user's estates is 404.
 */
#include "arena.h"
#include "audit.h"
#include "books.h"
#include "cal.h"
#include "codes.h"
#include "db.h"
#include "deferral.h"
#include "http.h"
#include "labels.h"
#include "ledger.h"
#include "money.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

SQL_DEF(SQL_SBILL_GET,
    "SELECT b.premises_id, b.estate_id, fi.name, b.period_start,"
    " b.period_months, b.amount_fen, " LEDGER_PAID_SQL ", b.status,"
    " " DEFERRAL_DUE_SQL ", b.created_at, COALESCE(w.amount_fen, 0),"
    " COALESCE(w.reason, ''), COALESCE(ws.name, ''), COALESCE(w.created_at, ''),"
    " b.late_of, COALESCE(pfi.name, ''), COALESCE(pb.period_start, ''),"
    " COALESCE(pb.period_months, 1)"
    " FROM bills b JOIN fee_items fi ON fi.id = b.fee_item_id"
    " LEFT JOIN waivers w ON w.bill_id = b.id"
    " LEFT JOIN staff ws ON ws.id = w.approved_by"
    " LEFT JOIN bills pb ON pb.id = b.late_of"
    " LEFT JOIN fee_items pfi ON pfi.id = pb.fee_item_id"
    " WHERE b.id = ?");

SQL_DEF(SQL_SBILL_ALLOCATIONS,
    "SELECT a.created_at, a.source, a.amount_fen, p.channel,"
    " COALESCE(rc.id, 0), COALESCE(rc.number, '')"
    " FROM allocations a JOIN payments p ON p.id = a.payment_id"
    " LEFT JOIN receipts rc ON rc.payment_id = COALESCE(p.reverses_id, p.id)"
    " WHERE a.bill_id = ? ORDER BY a.id");

/*
 * A manager forgives all that is open (amount left empty) or part of it,
 * once per bill (waivers_bill is a unique key).
 */
static const struct field waive_fields[] = {
	{ "reason", "减免原因", V_TEXT, V_REQUIRED, 2, 200, NULL },
	ONCE_FIELD,
	{ "waive_amount", "减免金额", V_MONEY, 0, 1, INT64_C(1000000000), NULL },
};

struct bill {
	int64_t		 premises_id, estate_id, months, amount, paid;
	int64_t		 waived;
	const char	*item, *start, *status, *due, *created;
	const char	*reason, *waived_by, *waived_at;
	/* a late fee (滞纳金, sql/043): its principal bill, else 0 */
	int64_t		 late_of, late_months;
	const char	*late_item, *late_start;
};

static int
load(struct req *r, struct bill *b)
{
	int	 rc;

	rc = db_one(r->ctx, &SQL_SBILL_GET, "i", "iissiiisssisssissi",
	    r->ids[0], &b->premises_id, &b->estate_id, &b->item, &b->start,
	    &b->months, &b->amount, &b->paid, &b->status, &b->due, &b->created,
	    &b->waived, &b->reason, &b->waived_by, &b->waived_at, &b->late_of,
	    &b->late_item, &b->late_start, &b->late_months);
	if (rc == 0 || (rc == 1 && !scope_sees(r, b->estate_id))) {
		page_error(r, 404, NULL);
		return -1;
	}
	return rc == 1 ? 0 : -1;
}

static void
show(struct req *r, const struct bill *b, const struct fval *v, int status)
{
	struct household	 h;
	struct tmpl		*d, *row;
	struct db_res		*res;
	const char		*at, *source, *channel, *number;
	int64_t			 amount, rid;
	enum bill_status	 st;
	int			 rc;

	if (scope_household(r, b->premises_id, &h) != 1)
		return;
	d = page_new(r, "staff/bill.tpl", "账单");
	tmpl_set_int(d, "ID", r->ids[0]);
	tmpl_set_int(d, "PREMISES_ID", b->premises_id);
	tmpl_set(d, "PREMISES", h.label);
	tmpl_set(d, "ITEM", b->item);
	tmpl_set(d, "PERIOD", label_period(r->a, b->start, (int)b->months));
	if (b->late_of != 0) {
		tmpl_show(d, "LATE_OF");
		tmpl_set_int(d, "LATE_OF_ID", b->late_of);
		tmpl_set(d, "LATE_OF_ITEM", b->late_item);
		tmpl_set(d, "LATE_OF_PERIOD", label_period(r->a, b->late_start,
		    (int)b->late_months));
	}
	page_money(d, "AMOUNT", b->amount);
	page_money(d, "PAID", b->paid);
	page_money(d, "REMAINING", b->amount - b->paid - b->waived);
	tmpl_set(d, "STATUS", label_bill_state(b->status, b->paid, b->waived));
	tmpl_set(d, "STATUS_KEY", b->status);
	tmpl_set(d, "DUE", b->due);
	tmpl_set(d, "CREATED", b->created);
	st = bill_status_parse(b->status);
	if (b->waived > 0) {
		/* All that was open, or part of it (the bill stays open). */
		tmpl_show(d, "WAIVED");
		page_money(d, "WAIVED_AMOUNT", b->waived);
		tmpl_set(d, "WAIVE_REASON", b->reason);
		tmpl_set(d, "WAIVED_BY", b->waived_by);
		tmpl_set(d, "WAIVED_AT", b->waived_at);
	} else if (bill_status_open(st) && (r->ctx->actor.role & ROLES_APPROVE))
		tmpl_show(d, "CAN_WAIVE");
	if ((res = db_query(r->ctx, &SQL_SBILL_ALLOCATIONS, "i", r->ids[0])) == NULL)
		return;
	while ((rc = db_row(res, "ssisis", &at, &source, &amount, &channel,
	    &rid, &number)) == 1) {
		row = tmpl_row(d, "ALLOC");
		tmpl_set(row, "AT", at);
		switch (alloc_source_parse(source)) {
		case ALLOC_PREPAID:
			tmpl_set(row, "SOURCE", "预存款抵扣");
			break;
		case ALLOC_REVERSAL:
			tmpl_set(row, "SOURCE", "作废冲正");
			break;
		default:
			tmpl_set(row, "SOURCE", "缴费");
			break;
		}
		page_money_signed(row, "ALLOC_AMOUNT", amount);
		tmpl_set(row, "CHANNEL", label_channel(channel));
		tmpl_set_int(row, "RECEIPT_ID", rid);
		tmpl_set(row, "RECEIPT", number);
	}
	if (rc < 0)
		return;
	if (http_query(r, "waived") != NULL)
		tmpl_show(d, "JUST_WAIVED");
	if (v != NULL)
		valid_to_tmpl(d, waive_fields, NF(waive_fields), v);
	/* A refusal with the form gone (the bill is closed): said on top. */
	if (v != NULL && v[0].err != NULL && !bill_status_open(st)) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", v[0].err);
	}
	tmpl_set(d, "FORM_TOKEN_VAL", once_token(r->ctx));
	page_render(r, status);
}

void
page_bill(struct req *r)
{
	struct bill	 b;

	if (load(r, &b) == 0)
		show(r, &b, NULL, 200);
}

struct waive_tx {
	int64_t		 bill;
	const char	*reason;
	int64_t		 amount;	/* fen; 0: all that is open */
	struct waive_out out;
};

#define WAIVE_CLOSED	2	/* the bill is paid or waived: 409 */
#define WAIVE_TOO_MUCH	3	/* more than is open: 400 */

static int
waive_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct waive_tx	*t = arg;
	enum books_why	 why;

	switch (books_waive(ctx, t->bill, t->amount, t->reason, &t->out,
	    &why)) {
	case BOOKS_OK:
		*made = t->bill;
		return 0;
	case BOOKS_CONFLICT:
	case BOOKS_NOT_FOUND:
		return WAIVE_CLOSED;
	case BOOKS_INVALID:
		return WAIVE_TOO_MUCH;
	default:
		return -1;
	}
}

void
page_bill_waive(struct req *r)
{
	struct bill	 b;
	struct fval	 v[NF(waive_fields)];
	struct waive_tx	 t;
	int64_t		 made;
	int		 rc;

	if (load(r, &b) < 0)
		return;
	if (valid_fields(r, waive_fields, NF(waive_fields), v) > 0) {
		if (v[1].err != NULL && v[0].err == NULL && v[2].err == NULL)
			v[0].err = v[1].err;
		show(r, &b, v, 400);
		return;
	}
	t.bill = r->ids[0];
	t.reason = v[0].s;
	t.amount = v[2].set ? v[2].i : 0;
	if ((rc = once_tx(r->ctx, v[1].s, "bill.waive", t.bill, b.estate_id,
	    waive_tx, &t, &made)) < 0)
		return;
	if (rc == ONCE_SEEN && made == 0) {
		v[0].err = ONCE_USED_MSG;
		show(r, &b, v, 409);
		return;
	}
	if (rc == WAIVE_CLOSED) {
		v[0].err = "这笔账单已缴清或已减免，无需减免。";
		show(r, &b, v, 409);
		return;
	}
	if (rc == WAIVE_TOO_MUCH) {
		char open[MONEY_FMT_MAX];

		v[2].err = arena_printf(r->a, "减免金额不能超过尚欠的 %s 元",
		    money_fmt(open, t.out.open));
		show(r, &b, v, 400);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/bills/%lld?waived=1",
	    (long long)t.bill));
}
