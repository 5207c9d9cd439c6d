/*
 * pay.c - GET/POST /staff/households/#/pay: a collector takes a payment
 * at the counter or on the doorstep. The form lists the household's open
 * bills (any may be named), the amount, the channel, the payer and, for
 * door-to-door POS, the visit. Renders templates/staff/pay.tpl.
 *
 * The amount comes filled with what is past due (not every open bill:
 * the owner pays the arrears first), or when nothing is, with what falls
 * due next. A POS payment (counter or door) records the voucher number
 * of the terminal's slip (POS 凭证号, required); cash may record what
 * the payer handed over (实收, at least the amount), and the receipt page
 * shows the change. static/pay.js shows only the fields of the chosen
 * channel; without it every field stays visible (issue 8).
 *
 * When the household paid in the last ten minutes (a payment that
 * stands), the page leads with it - 刚刚已收款 ¥X, its receipt number (a
 * link) and who took it - and the amount is not filled in: Back after a
 * payment and one more click must not take the money twice. A new
 * payment then needs the box 确认这是另一笔新的收款 ticked, checked in
 * the payment's transaction (issue 8).
 *
 * POST raises 400 with messages next to the fields for bad input (and
 * their summary on top, the first one focused), 409
 * when a named bill is no longer open or when the household paid in the
 * last ten minutes and the box is not ticked (the message by the box),
 * and 303 to the new receipt on
 * success; a form sent again (double click, back and resubmit) records
 * nothing new and goes to the receipt the first sending made.
 */
#include <string.h>

#include "arena.h"
#include "auth.h"
#include "cal.h"
#include "db.h"
#include "deferral.h"
#include "http.h"
#include "labels.h"
#include "latefee.h"
#include "ledger.h"
#include "money.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "books.h"
#include "channel.h"
#include "payorder.h"
#include "tmpl.h"
#include "valid.h"

#define PAY_MAX		INT64_C(1000000000)	/* 10,000,000.00 yuan */
#define MAX_NAMED	500
#define PAY_RECENT	3	/* paid minutes ago, no confirmation: 409 */

/* The household's online orders that may still take money (payorder.h:
 * one at its gateway past its time is being confirmed). */
SQL_DEF(SQL_PAY_ONLINE_OPEN,
    "SELECT out_trade_no, amount_fen, channel FROM pay_orders"
    " WHERE premises_id = ? AND status IN ('created', 'paying')"
    " AND (expires_at > NOW(6) OR status = 'paying' AND expires_at >"
    " NOW(6) - INTERVAL " PAYORDER_CONFIRM_MIN_SQL " MINUTE)"
    " ORDER BY created_at");
SQL_DEF(SQL_PAY_ONLINE_COUNT,
    "SELECT COUNT(*) FROM pay_orders"
    " WHERE premises_id = ? AND status IN ('created', 'paying')"
    " AND (expires_at > NOW(6) OR status = 'paying' AND expires_at >"
    " NOW(6) - INTERVAL " PAYORDER_CONFIRM_MIN_SQL " MINUTE)");

SQL_DEF(SQL_PAY_BILLS,
    "SELECT b.id, fi.name, b.period_start, b.period_months,"
    " " DEFERRAL_DUE_SQL ","
    " " LEDGER_OWED_SQL
    " FROM bills b JOIN fee_items fi ON fi.id = b.fee_item_id"
    " WHERE b.premises_id = ? AND b.status IN ('unpaid', 'partial')"
    " ORDER BY " LATEFEE_ORDER_SQL
    "b.due_date, b.period_start, b.fee_item_id, b.id");

/* Payments of the household in the last ten minutes that stand. */
SQL_DEF(SQL_PAY_RECENT,
    "SELECT p.amount_fen, p.paid_at, rc.id, rc.number, COALESCE(st.name, '')"
    " FROM payments p JOIN receipts rc ON rc.payment_id = p.id"
    " LEFT JOIN staff st ON st.id = p.collector_id"
    " WHERE p.premises_id = ? AND p.paid_at >= NOW() - INTERVAL 10 MINUTE"
    " AND NOT EXISTS (SELECT 1 FROM receipt_voids v WHERE v.receipt_id = rc.id)"
    " ORDER BY p.id DESC LIMIT 3");

SQL_DEF(SQL_PAY_OWNERS,
    "SELECT o.id, o.name, o.birth_year FROM premises_owners po"
    " JOIN owners o ON o.id = po.owner_id WHERE po.premises_id = ?"
    " ORDER BY po.is_primary DESC, o.id");

/* In the order the form shows them: the first in error gets the focus. */
enum { F_ONLINE_OK, F_AGAIN, F_AMOUNT, F_CHANNEL, F_TENDERED, F_VOUCHER,
    F_VISIT, F_PAYER, F_PAYER_NAME, F_NOTE, F_TOKEN, F__MAX };

#define AGAIN_MSG	"本户刚刚已收款。如果这确实是另一笔新的收款，" \
			"请勾选“确认这是另一笔新的收款”"

#define ONLINE_MSG	"业主有一笔正在进行的线上支付订单。请先问清业主：如果已在" \
			"手机上付款，请不要再收；确认业主不会再在手机上付款，" \
			"请勾选后再收款"

static const struct field fields[F__MAX] = {
	/* the box shown while an online order of the household is open */
	{ "online_ok", "确认业主不会再在手机上付款", V_INT, 0, 1, 1, NULL },
	/* the box shown when the household paid minutes ago */
	{ "again", "确认这是另一笔新的收款", V_INT, 0, 1, 1, NULL },
	{ "amount", "金额", V_MONEY, V_REQUIRED, 1, PAY_MAX, NULL },
	/* One of channel_codes; then only those staff record (channel.h). */
	{ "channel", "缴费方式", V_CHOICE, V_REQUIRED, 0, 0, channel_codes },
	{ "tendered", "实收", V_MONEY, 0, 1, PAY_MAX, NULL },
	{ "pos_voucher", "POS 凭证号", V_DIGITS, 0, 4, 20, NULL },
	{ "visit_date", "上门日期", V_DATE, 0, 0, 0, NULL },
	{ "payer", "缴款人", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "payer_name", "缴款人姓名", V_TEXT, 0, 1, 50, NULL },
	{ "note", "备注", V_TEXT, 0, 0, 200, NULL },
	ONCE_FIELD,
};

/* The channel a valid form names. */
static int
channel_is(const struct fval *v, enum channel c)
{
	return v[F_CHANNEL].set && !v[F_CHANNEL].err &&
	    channel_parse(v[F_CHANNEL].s) == c;
}

struct owner {
	int64_t		 id;
	const char	*name;
	int64_t		 born;
};

struct form {
	struct household h;
	struct owner	 owners[16];
	size_t		 nowners;
	int		 elder;		/* an owner is 80 or over */
	int64_t		 named[MAX_NAMED];
	size_t		 nnamed;
};

static int
load_owners(struct req *r, struct form *f)
{
	struct db_res	*res;
	struct date	 today = cal_today();
	int		 rc;

	if ((res = db_query(r->ctx, &SQL_PAY_OWNERS, "i", f->h.id)) == NULL)
		return -1;
	f->nowners = 0;
	while ((rc = db_row(res, "isI", &f->owners[f->nowners].id,
	    &f->owners[f->nowners].name, &f->owners[f->nowners].born)) == 1) {
		if (f->owners[f->nowners].born != DB_NULL &&
		    today.y - f->owners[f->nowners].born >= 80)
			f->elder = 1;
		if (f->nowners < 15)
			f->nowners++;
	}
	return rc;
}

static int
named(const struct form *f, int64_t id)
{
	size_t	 i;

	for (i = 0; i < f->nnamed; i++)
		if (f->named[i] == id)
			return 1;
	return 0;
}

/*
 * The household's payments of the last ten minutes that stand, as RECENT
 * rows of d (d NULL: only counted): Back and submit again would take the
 * money twice (the same form sent again is caught by its token; a fresh
 * form is not). Returns how many (up to 3), or -1.
 */
static int
recent(struct ctx *ctx, struct tmpl *d, int64_t premises)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*at, *number, *by;
	int64_t		 amount, rid;
	int		 rc, n = 0;

	if ((res = db_query(ctx, &SQL_PAY_RECENT, "i", premises)) == NULL)
		return -1;
	while ((rc = db_row(res, "isiss", &amount, &at, &rid, &number,
	    &by)) == 1) {
		n++;
		if (d == NULL)
			continue;
		row = tmpl_row(d, "RECENT");
		page_money(row, "RECENT_AMOUNT", amount);
		tmpl_set(row, "RECENT_AT", strlen(at) >= 16 ?
		    arena_printf(ctx->a, "%.5s", at + 11) : at);
		tmpl_set_int(row, "RECENT_ID", rid);
		tmpl_set(row, "RECENT_NUMBER", number);
		tmpl_set(row, "RECENT_BY", by[0] ? by : LABEL_ONLINE_TAKER);
	}
	return rc < 0 ? -1 : n;
}

/* Forgets a field of a channel not chosen; 1 if it was in error. */
static int
let_be(struct fval *v)
{
	int	 was = v->err != NULL;

	v->err = NULL;
	v->set = 0;
	return was;
}

/* The form, fresh or with the sender's values and messages. */
static void
show(struct req *r, struct form *f, const struct fval *v, const char *alert,
    int status)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*item, *start, *due, *next_due = NULL;
	char		 today[11], plain[MONEY_FMT_MAX];
	int64_t		 id, months, owed, total = 0, overdue = 0, next = 0;
	size_t		 i;
	int		 rc, nrecent;

	d = page_new(r, "staff/pay.tpl", "收款");
	tmpl_set_int(d, "ID", f->h.id);
	tmpl_set(d, "LABEL", f->h.label);
	tmpl_set(d, "ESTATE", f->h.estate);
	cal_fmt(today, cal_today());
	if ((res = db_query(r->ctx, &SQL_PAY_BILLS, "i", f->h.id)) == NULL)
		return;
	while ((rc = db_row(res, "issisi", &id, &item, &start, &months,
	    &due, &owed)) == 1) {
		row = tmpl_row(d, "BILL");
		tmpl_set_int(row, "BILL_ID", id);
		tmpl_set(row, "ITEM", item);
		tmpl_set(row, "PERIOD", label_period(r->a, start, (int)months));
		tmpl_set(row, "DUE", due);
		page_money(row, "OWED", owed);
		if (named(f, id))
			tmpl_show(row, "CHECKED");
		total += owed;
		/* Past due: before today (arrears.c). Else the next due
		 * date's bills, oldest first. */
		if (strcmp(due, today) < 0) {
			overdue += owed;
			tmpl_show(row, "PAST_DUE");
		} else if (next_due == NULL || strcmp(due, next_due) == 0) {
			next_due = due;
			next += owed;
		}
	}
	if (rc < 0)
		return;
	if (total == 0)
		tmpl_show(d, "NO_BILLS");
	if ((nrecent = recent(r->ctx, d, f->h.id)) < 0)
		return;
	if (overdue > 0) {
		tmpl_show(d, "HAS_OVERDUE");
		page_money(d, "OVERDUE", overdue);
	}
	/* Paid minutes ago: the amount is typed, never pre-filled. */
	if (nrecent > 0) {
		tmpl_show(d, "RECENT_PAID");
		if (v != NULL && v[F_AGAIN].set && v[F_AGAIN].i == 1)
			tmpl_show(d, "AGAIN_CHECKED");
	} else if (overdue > 0)
		tmpl_show(d, "PREFILL_OVERDUE");
	else if (next > 0) {
		tmpl_show(d, "HAS_NEXT");
		page_money(d, "NEXT", next);
		tmpl_set(d, "NEXT_DUE", next_due);
	}
	page_money(d, "TOTAL", total);
	for (i = 0; i < f->nowners; i++) {
		row = tmpl_row(d, "OWNER");
		tmpl_set_int(row, "OWNER_ID", f->owners[i].id);
		tmpl_set(row, "OWNER_NAME", f->owners[i].name);
		if (v != NULL ? (v[F_PAYER].set && v[F_PAYER].i ==
		    f->owners[i].id) : i == 0)
			tmpl_show(row, "OWNER_SELECTED");
	}
	if (f->elder)
		tmpl_show(d, "ELDER");
	if (v != NULL) {
		valid_to_tmpl(d, fields, F__MAX, v);
		for (i = 0; i < CHANNEL__MAX; i++)
			if (channel_staff(i) && channel_is(v, i))
				tmpl_show(d, arena_printf(r->a, "CH_%s",
				    channel_codes[i]));
	} else {
		if (nrecent == 0 && (overdue > 0 || next > 0))
			tmpl_set(d, "AMOUNT_VAL", money_fmt_plain(plain,
			    overdue > 0 ? overdue : next));
		tmpl_set(d, "FORM_TOKEN_VAL", once_token(r->ctx));
		tmpl_set(d, "VISIT_DATE_VAL", today);
		tmpl_show(d, f->elder ? "CH_pos_door" : "CH_cash");
	}
	if (alert != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", alert);
	}
	/* An online order of the household still open: the owner may be
	 * paying the same bills on a phone right now (issue 10); the money
	 * is taken only once the collector ticks that the owner will not. */
	if ((res = db_query(r->ctx, &SQL_PAY_ONLINE_OPEN, "i", f->h.id)) == NULL)
		return;
	while ((rc = db_row(res, "sis", &start, &owed, &due)) == 1) {
		tmpl_show(d, "ONLINE_CONFIRM");
		if (v != NULL && v[F_ONLINE_OK].set && v[F_ONLINE_OK].i == 1)
			tmpl_show(d, "ONLINE_OK_CHECKED");
		row = tmpl_row(d, "ONLINE_OPEN");
		tmpl_set(row, "OTN", start);
		page_money(row, "OTN_AMOUNT", owed);
		tmpl_set(row, "OTN_CHANNEL", label_channel(due));
	}
	db_done(res);
	if (rc < 0)
		return;
	page_render(r, status);
}


static int
load(struct req *r, struct form *f)
{
	int	 rc;

	memset(f, 0, sizeof(*f));
	if ((rc = scope_household(r, r->ids[0], &f->h)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return -1;
	}
	return load_owners(r, f) < 0 ? -1 : 0;
}

void
page_pay(struct req *r)
{
	struct form	 f;

	if (load(r, &f) < 0)
		return;
	show(r, &f, NULL, NULL, 200);
}

/* A bill the form named is not open in this household: 409. */
#define PAY_BAD_BILLS	2
/* An online order open, its box not ticked: 409. */
#define PAY_ONLINE	4

struct pay_tx {
	struct payment_in	 in;
	struct payment_out	 out;
	int			 again;	/* the box is ticked */
	int			 online_ok;	/* the online order's box */
};

/*
 * Records the payment; what it made is its receipt. Checked here, after
 * the form's token is claimed, so that the same form sent twice at once
 * answers as the first did: a payment of the last ten minutes needs the
 * box ticked (PAY_RECENT).
 */
static int
pay_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct pay_tx	*t = arg;
	enum books_why	 why;
	int		 rc;

	int64_t		 open;

	if (!t->online_ok) {
		if (db_one(ctx, &SQL_PAY_ONLINE_COUNT, "i", "i",
		    t->in.premises_id, &open) != 1)
			return -1;
		if (open > 0)
			return PAY_ONLINE;
	}
	if (!t->again && (rc = recent(ctx, NULL, t->in.premises_id)) != 0)
		return rc < 0 ? -1 : PAY_RECENT;
	switch (books_pay(ctx, &t->in, &t->out, &why)) {
	case BOOKS_OK:
		break;
	case BOOKS_INVALID:
		return PAY_BAD_BILLS;
	default:
		return -1;
	}
	*made = t->out.receipt_id;
	return 0;
}

void
page_pay_post(struct req *r)
{
	struct form		*f;	/* 4 KB of bill ids: in the arena */
	struct fval		 v[F__MAX], bv;
	struct pay_tx		 t;
	int64_t			 made;
	const struct field	 bill_field = { "bill", "账单", V_INT, 0, 1,
				    INT64_MAX / 2, NULL };
	struct date		 visit, today = cal_today();
	size_t			 i;
	int			 errs, rc;

	f = arena_zalloc(r->a, sizeof(*f));
	if (load(r, f) < 0)
		return;
	errs = valid_fields(r, fields, F__MAX, v);
	for (i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.v[i].key, "bill") != 0)
			continue;
		if (valid_one(r, &bill_field, r->form.v[i].val, &bv) != NULL ||
		    f->nnamed == MAX_NAMED) {
			show(r, f, v, "所选账单有误，请重新选择。", 400);
			return;
		}
		f->named[f->nnamed++] = bv.i;
	}
	/* Each check on its own: the summary lists every message at once. */
	if (v[F_PAYER].set && !v[F_PAYER].err) {
		for (i = 0; i < f->nowners; i++)
			if (f->owners[i].id == v[F_PAYER].i)
				break;
		if (i == f->nowners) {
			v[F_PAYER].err = "请从本户业主中选择缴款人";
			errs++;
		}
	}
	if (!v[F_PAYER].set && !v[F_PAYER_NAME].set && !v[F_PAYER_NAME].err) {
		v[F_PAYER_NAME].err = "请选择业主或填写缴款人姓名";
		errs++;
	}
	/* The fields of another channel than the chosen one are let be:
	 * pay.js hid them, and a value left in one is not recorded. */
	/* A channel staff do not record (online money comes through its
	 * gateway; a credit through its approval): refused. */
	if (v[F_CHANNEL].set && !v[F_CHANNEL].err &&
	    !channel_staff(channel_parse(v[F_CHANNEL].s))) {
		v[F_CHANNEL].err = "请选择现金、柜台POS或上门POS";
		errs++;
	}
	if (v[F_CHANNEL].set && !v[F_CHANNEL].err) {
		if (!channel_is(v, CHANNEL_CASH))
			errs -= let_be(&v[F_TENDERED]);
		if (channel_is(v, CHANNEL_CASH))
			errs -= let_be(&v[F_VOUCHER]);
		if (!channel_is(v, CHANNEL_POS_DOOR))
			errs -= let_be(&v[F_VISIT]);
	}
	/* POS: the slip's voucher number; cash: 实收 covers the amount. */
	if ((channel_is(v, CHANNEL_POS_COUNTER) || channel_is(v, CHANNEL_POS_DOOR)) &&
	    !v[F_VOUCHER].set) {
		v[F_VOUCHER].err = "刷卡请填写 POS 凭证号（见 POS 小票上的“凭证号”）";
		errs++;
	}
	if (channel_is(v, CHANNEL_CASH) && v[F_TENDERED].set &&
	    !v[F_TENDERED].err && !v[F_AMOUNT].err &&
	    v[F_TENDERED].i < v[F_AMOUNT].i) {
		v[F_TENDERED].err = "实收不能少于收款金额";
		errs++;
	}
	if (channel_is(v, CHANNEL_POS_DOOR) && !v[F_VISIT].err) {
		if (!v[F_VISIT].set) {
			v[F_VISIT].err = "上门收费请填写上门日期";
			errs++;
		} else {
			cal_parse(v[F_VISIT].s, &visit);
			if (cal_cmp(visit, today) > 0 ||
			    cal_months_between(visit, today) >= 1) {
				v[F_VISIT].err = "上门日期须在最近一个月内，且不晚于今天";
				errs++;
			}
		}
	}
	if (errs) {
		/* Said at once with the rest; pay_tx() checks it again. */
		if (!(v[F_AGAIN].set && v[F_AGAIN].i == 1) && !v[F_AGAIN].err) {
			if ((rc = recent(r->ctx, NULL, f->h.id)) < 0)
				return;
			if (rc > 0)
				v[F_AGAIN].err = AGAIN_MSG;
		}
		show(r, f, v, NULL, 400);	/* the summary says it */
		return;
	}

	memset(&t, 0, sizeof(t));
	t.again = v[F_AGAIN].set && v[F_AGAIN].i == 1;
	t.online_ok = v[F_ONLINE_OK].set && v[F_ONLINE_OK].i == 1;
	t.in.estate_id = f->h.estate_id;
	t.in.premises_id = f->h.id;
	t.in.amount = v[F_AMOUNT].i;
	t.in.channel = v[F_CHANNEL].s;
	t.in.channel_sub = "";
	t.in.payer_owner_id = v[F_PAYER].set ? v[F_PAYER].i : DB_NULL;
	t.in.payer_name = v[F_PAYER_NAME].s;
	for (i = 0; v[F_PAYER].set && i < f->nowners; i++)
		if (f->owners[i].id == v[F_PAYER].i)
			t.in.payer_name = f->owners[i].name;
	t.in.collector_id = r->ctx->actor.id;
	t.in.bill_ids = f->named;
	t.in.nbills = f->nnamed;
	t.in.note = v[F_NOTE].s;
	if (channel_parse(v[F_CHANNEL].s) == CHANNEL_POS_DOOR) {
		t.in.visit_date = v[F_VISIT].s;
		t.in.owner_over_80 = f->elder;
	}
	if (v[F_TENDERED].set)
		t.in.tendered = v[F_TENDERED].i;
	if (v[F_VOUCHER].set)
		t.in.pos_voucher = v[F_VOUCHER].s;
	rc = once_tx(r->ctx, v[F_TOKEN].s, "pay", f->h.id, f->h.estate_id, pay_tx, &t,
	    &made);
	if (rc < 0)
		return;
	if (rc == PAY_RECENT) {
		v[F_AGAIN].err = AGAIN_MSG;
		show(r, f, v, NULL, 409);
		return;
	}
	if (rc == PAY_ONLINE) {
		v[F_ONLINE_OK].err = ONLINE_MSG;
		show(r, f, v, NULL, 409);
		return;
	}
	if (rc == PAY_BAD_BILLS) {
		show(r, f, v, "所选账单已缴清或不属于本户，请刷新后重新选择。",
		    409);
		return;
	}
	if (rc == ONCE_SEEN) {
		/* The first sending of this form took the payment. */
		if (made == 0) {
			show(r, f, v, ONCE_USED_MSG, 409);
			return;
		}
		http_redirect(r, arena_printf(r->a,
		    "/staff/receipts/%lld?dup=1", (long long)made));
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/receipts/%lld?new=1",
	    (long long)t.out.receipt_id));
}
