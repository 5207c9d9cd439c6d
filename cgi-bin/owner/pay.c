/*
 * pay.c - paying online (issue 10): GET /premises/#/pay, what to pay and
 * how; POST /premises/#/pay opens the payment order (payorder.h) and
 * sends the browser (303) to the gateway's page; GET /pay/CODE is the
 * result page the gateway sends the owner back to, which waits (reloads
 * every few seconds) until the gateway's notification has credited the
 * order, then shows the receipt. Another owner's premises or order is
 * 404. Renders templates/owner/pay.tpl and templates/owner/payresult.tpl.
 *
 * What to pay: 缴纳逾期 (everything past due: the default when anything
 * is), 一键缴清 (everything open), chosen bills, or 预存 N months. The
 * channels offered are those the estate has a merchant account for
 * (pay_accounts) and propfee has an adapter for (gw_ready); 分期 goes
 * through Alipay's 花呗分期 or UnionPay's 信用卡分期 (the issue: "through
 * UnionPay or Alipay") in 3, 6 or 12 instalments, the fee borne by the
 * owner (the page says so).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "conf.h"
#include "db.h"
#include "deferral.h"
#include "gw.h"
#include "http.h"
#include "labels.h"
#include "latefee.h"
#include "ledger.h"
#include "log.h"
#include "page.h"
#include "pages.h"
#include "payorder.h"
#include "tmpl.h"
#include "valid.h"

/* The bills an owner may tick: open ones, oldest first. */
SQL_DEF(SQL_PAY_OPEN_LINES,
    "SELECT b.id, b.period_start, b.period_months, fi.name,"
    " " DEFERRAL_DUE_SQL ", " LEDGER_OWED_SQL ","
    " " DEFERRAL_DUE_SQL " < CURDATE()"
    " FROM bills b JOIN fee_items fi ON fi.id = b.fee_item_id"
    " WHERE b.premises_id = ? AND b.status IN ('unpaid', 'partial')"
    " ORDER BY " LATEFEE_ORDER_SQL
    "b.due_date, b.period_start, fi.sort, b.id LIMIT 200");
SQL_DEF(SQL_PAY_MONTHLY,
    "SELECT b.amount_fen DIV b.period_months FROM bills b"
    " JOIN fee_items f ON f.id = b.fee_item_id"
    " WHERE b.premises_id = ? AND f.basis = 'area'"
    " ORDER BY b.period_start DESC LIMIT 1");
/* The household's orders still open (not expired), newest first. */
SQL_DEF(SQL_PAY_OPEN_ORDERS,
    "SELECT out_trade_no, amount_fen, channel FROM pay_orders"
    " WHERE premises_id = ? AND status IN ('created', 'paying')"
    " AND (expires_at > NOW(6) OR status = 'paying' AND expires_at >"
    " NOW(6) - INTERVAL " PAYORDER_CONFIRM_MIN_SQL " MINUTE)"
    " ORDER BY created_at DESC LIMIT 3");
/* The order, if the signed-in owner owns its premises. */
SQL_DEF(SQL_PAY_ORDER_OWNED,
    "SELECT o.premises_id FROM pay_orders o"
    " JOIN premises_owners po ON po.premises_id = o.premises_id"
    " WHERE o.out_trade_no = ? AND po.owner_id = ?");
SQL_DEF(SQL_PAY_ORDER_BILLS,
    "SELECT bill_id FROM pay_order_bills WHERE order_id = ? ORDER BY bill_id");
/* The refund of the order's payment, voided (pay_refunds). */
SQL_DEF(SQL_PAY_ORDER_REFUND,
    "SELECT status, amount_fen, COALESCE(refunded_at, requested_at)"
    " FROM pay_refunds WHERE order_id = ?");
/* The bills an order names, oldest first: what it pays (缴费内容). */
SQL_DEF(SQL_PAY_ORDER_WHAT,
    "SELECT b.period_start, b.period_months, fi.name, fi.sort"
    " FROM pay_order_bills ob JOIN bills b ON b.id = ob.bill_id"
    " JOIN fee_items fi ON fi.id = b.fee_item_id"
    " WHERE ob.order_id = ? ORDER BY b.period_start, fi.sort, b.id");
SQL_DEF(SQL_PAY_ORDER_RECEIPT,
    "SELECT r.id, r.number FROM receipts r WHERE r.payment_id = ?");

static const char *const whats[] = { "overdue", "all", "bills", "prepay", NULL };
static const char *const channels[] = { "alipay", "wechat", "unionpay",
    "instalments", "unionpay_instalments", NULL };

/* 1 if the channel sent is one of the two instalment ones. */
static int
by_instalments(const char *channel)
{
	return strcmp(channel, "instalments") == 0 ||
	    strcmp(channel, "unionpay_instalments") == 0;
}
static const char *const plans[] = { "3", "6", "12", NULL };

enum { F_WHAT, F_MONTHS, F_CHANNEL, F_PLAN, F_OPENED, F__MAX };
static const struct field fields[F__MAX] = {
	{ "what", "缴纳内容", V_CHOICE, V_REQUIRED, 0, 0, whats },
	{ "months", "预存月数", V_INT, 0, 1, PAYORDER_MONTHS_MAX, NULL },
	{ "channel", "支付方式", V_CHOICE, V_REQUIRED, 0, 0, channels },
	{ "plan", "分期期数", V_CHOICE, 0, 0, 0, plans },
	{ "opened", "打开时间", V_TEXT, 0, 0, 19, NULL },
};

/* The channels the estate offers online: 1 each in on[]; returns how many. */
static int
offered(struct req *r, int64_t estate_id, int on[GW__MAX])
{
	struct gw_account	 a;
	int			 i, n = 0, rc;

	for (i = 0; i < GW__MAX; i++) {
		on[i] = 0;
		if (!gw_ready((enum gw)i))
			continue;
		if ((rc = gw_account_of_estate(r->ctx, estate_id, (enum gw)i,
		    &a)) < 0)
			return -1;
		on[i] = rc;
		n += rc;
	}
	return n;
}

/* A stored time as a clock time (China time, as stored): "10:42". */
static const char *
clock_hm(struct req *r, const char *t)
{
	return arena_strndup(r->a, t + (strlen(t) >= 16 ? 11 : 0), 5);
}

/* 1 while closed order o may still be paid at its gateway (sql/026). */
static int
still_payable(const struct payorder *o)
{
	char	 now[20];

	return o->payable_until[0] != '\0' &&
	    strcmp(o->payable_until, cal_now(now)) > 0;
}

/* The form, with v (NULL: fresh, or as the order prev the owner just
 * cancelled chose, if not NULL) and a message on top (or NULL): an
 * alert, or with calm good news (an order cancelled, nothing taken). */
static void
show(struct req *r, const struct owned *o, const struct fval *v,
    const struct payorder *prev, const char *msg, int calm, int status)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	struct account	 acc;
	const char	*start, *item, *due;
	int64_t		 id, months, owed, late, monthly = 0, *prev_bills = NULL;
	int64_t		 chosen;
	int		 on[GW__MAX], n, i, checked, nopen = 0;
	size_t		 j, nprev = 0;

	d = page_new(r, "owner/pay.tpl", "在线缴费");
	tmpl_set(d, "PREMISES", o->label);
	tmpl_set_int(d, "PREMISES_ID", o->id);
	if (owner_owed(r, d, o->id, cal_today(), &acc) < 0)
		return;
	if (msg != NULL) {
		tmpl_show(d, calm ? "NOTICE" : "MESSAGE");
		tmpl_set(d, "MESSAGE_TEXT", msg);
	}
	/* An order of this household still open: the way back to it (a
	 * double tap, Back from the gateway, a declined card). In 长辈模式
	 * it is the one big button, in place of the one-tap ones (a new
	 * order for bills an open one holds is refused). */
	if ((res = db_query(r->ctx, &SQL_PAY_OPEN_ORDERS, "i", o->id)) == NULL)
		return;
	while (db_row(res, "sis", &start, &owed, &item) == 1) {
		nopen++;
		row = tmpl_row(d, r->sess.elder ? "ELDER_ORDER" : "OPEN_ORDER");
		tmpl_set(row, "OTN", start);
		page_money(row, "OTN_AMOUNT", owed);
		tmpl_set(row, "OTN_CHANNEL", gw_labels[gw_parse(item) < GW__MAX ?
		    gw_parse(item) : 0]);
	}
	db_done(res);
	if (prev != NULL && prev->kind == PAY_BILLS &&
	    db_ints(r->ctx, &SQL_PAY_ORDER_BILLS, &prev_bills, &nprev, "i",
	    prev->id) < 0)
		return;
	if ((res = db_query(r->ctx, &SQL_PAY_OPEN_LINES, "i", o->id)) == NULL)
		return;
	while (db_row(res, "isissii", &id, &start, &months, &item, &due, &owed,
	    &late) == 1) {
		row = tmpl_row(d, "BILL");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "PERIOD", label_period(r->a, start, (int)months));
		tmpl_set(row, "ITEM", item);
		tmpl_set(row, "DUE", label_date(r->a, due));
		page_money(row, "OWED", owed);
		if (late)
			tmpl_show(row, "LATE");
		checked = 0;
		for (j = 0; v != NULL && j < r->form.n; j++)
			if (strcmp(r->form.v[j].key, "bill") == 0 &&
			    strtoll(r->form.v[j].val, NULL, 10) == id)
				checked = 1;
		for (j = 0; v == NULL && j < nprev; j++)
			if (prev_bills[j] == id)
				checked = 1;
		if (checked)
			tmpl_show(row, "CHECKED");
	}
	db_done(res);
	if (db_one(r->ctx, &SQL_PAY_MONTHLY, "i", "i", o->id, &monthly) < 0)
		return;
	page_money(d, "MONTHLY", monthly);
	/* 预存: each month count with its total (what the order will ask,
	 * payorder_create: months x the monthly fee), so the owner sees the
	 * sum before 去支付, script or not; as sent, else as the cancelled
	 * order had it, else 3. */
	chosen = v != NULL && v[F_MONTHS].set && !v[F_MONTHS].err ?
	    v[F_MONTHS].i : v == NULL && prev != NULL && prev->months > 0 ?
	    prev->months : 3;
	for (i = 1; i <= PAYORDER_MONTHS_MAX; i++) {
		row = tmpl_row(d, "MONTH_OPT");
		tmpl_set_int(row, "N", i);
		if (monthly > 0) {
			tmpl_show(row, "TOTAL");
			page_money(row, "TOTAL_FEN", monthly * i);
		}
		if (i == chosen)
			tmpl_show(row, "SELECTED");
	}
	if ((n = offered(r, o->estate_id, on)) < 0)
		return;
	/* (the channels after the bills: n picks the default below) */
	for (i = 0; i < GW__MAX; i++) {
		row = tmpl_row(d, "CHANNEL");
		tmpl_set(row, "CODE", gw_codes[i]);
		tmpl_set(row, "LABEL", gw_labels[i]);
		if (!on[i])
			tmpl_show(row, "CLOSED");
		else if (v == NULL && prev != NULL && prev->gw == (enum gw)i &&
		    prev->instalments == 0)
			tmpl_show(row, "JUST_CANCELLED");	/* unticked */
		else if (v != NULL ? v[F_CHANNEL].set &&
		    strcmp(v[F_CHANNEL].s, gw_codes[i]) == 0 : n == 1)
			tmpl_show(row, "CHECKED");	/* as sent, or the only one */
	}
	if (on[GW_ALIPAY])
		tmpl_show(d, "INSTALMENTS");
	if (on[GW_UNIONPAY])
		tmpl_show(d, "UNIONPAY_INSTALMENTS");
	if (on[GW_ALIPAY] || on[GW_UNIONPAY])
		tmpl_show(d, "PLAN_FIELD");
	else
		tmpl_show(d, "NO_INSTALMENTS");
	if (n == 0)
		tmpl_show(d, "NO_CHANNEL");
	/* 长辈模式 (issue 13): 缴纳逾期 one tap to the order, a button for
	 * each channel open, above the whole form (folded); none while an
	 * order is open (ELDER_ORDER above). */
	if (r->sess.elder && acc.overdue_fen > 0 && n > 0 && nopen == 0) {
		struct tmpl *one = tmpl_row(d, "ONE_TAP");

		for (i = 0; i < GW__MAX; i++)
			if (on[i]) {
				row = tmpl_row(one, "ONE_TAP_CHANNEL");
				tmpl_set(row, "CODE", gw_codes[i]);
				tmpl_set(row, "LABEL", gw_labels[i]);
			}
	}
	/* What is ticked: as sent, else what is past due, else all. */
	tmpl_show(d, v != NULL && v[F_WHAT].set ?
	    arena_printf(r->a, "WHAT_%s", v[F_WHAT].s) :
	    prev != NULL && prev->kind < PAY_KIND__MAX ?
	    arena_printf(r->a, "WHAT_%s", pay_kind_codes[prev->kind]) :
	    acc.overdue_fen > 0 ? "WHAT_overdue" : "WHAT_all");
	if (acc.overdue_fen > 0)
		tmpl_show(d, "HAS_OVERDUE");
	page_money(d, "OVERDUE_FEN", acc.overdue_fen);
	if (acc.owed_fen > 0)
		tmpl_show(d, "HAS_OPEN");
	tmpl_set(d, "OPENED", books_now(r->ctx));
	if (v != NULL)
		valid_to_tmpl(d, fields, F__MAX, v);
	if (v != NULL && v[F_CHANNEL].set && !v[F_CHANNEL].err &&
	    by_instalments(v[F_CHANNEL].s))
		tmpl_show(d, arena_printf(r->a, "CHECKED_%s",
		    strcmp(v[F_CHANNEL].s, "instalments") == 0 ? "INSTALMENTS" :
		    "UNIONPAY_INSTALMENTS"));
	if (v == NULL || !v[F_PLAN].set)
		tmpl_show(d, "PLAN_6");
	else
		tmpl_show(d, arena_printf(r->a, "PLAN_%s", v[F_PLAN].s));
	page_render(r, status);
}

/*
 * GET /premises/#/pay[?cancelled=CODE]: the form. After 取消订单 (POST
 * /pay/CODE/cancel) it comes back with the cancelled order's choice of
 * what to pay ticked again, its channel not (the owner wants another),
 * and a line saying no money was taken. A code not of this household's
 * closed orders is ignored.
 */
void
page_pay(struct req *r)
{
	struct owned	 o;
	struct payorder	 prev;
	const char	*code = http_query(r, "cancelled");

	switch (owned_premises(r, r->ids[0], &o)) {
	case 1:
		if (code != NULL && strlen(code) < 40) {
			switch (payorder_find(r->ctx, code, o.id, &prev)) {
			case 1:
				if (strcmp(prev.status, "closed") != 0)
					break;
				/* the gateway may still take money: a
				 * warning; else good news, said calmly */
				if (still_payable(&prev))
					show(r, &o, NULL, &prev, arena_printf(r->a,
					    "订单 %s 已取消，账单已释放。请关掉刚才的"
					    "%s付款页面，不要在上面付款（它在 %s 前仍"
					    "可能付款成功）。请换一种支付方式。",
					    prev.out_trade_no, gw_labels[prev.gw],
					    clock_hm(r, prev.payable_until)), 0, 200);
				else
					show(r, &o, NULL, &prev, arena_printf(r->a,
					    "订单 %s 已取消，没有扣款，账单已释放。"
					    "请换一种支付方式。", prev.out_trade_no),
					    1, 200);
				return;
			case 0:
				break;
			default:
				return;
			}
		}
		show(r, &o, NULL, NULL, NULL, 0, 200);
		return;
	case 0:
		page_error(r, 404, NULL);
		return;
	}
}

struct open_tx {
	struct payorder_in	 in;
	struct payorder		 out;
	enum payorder_why	 why;
	const char		*held_by;
};

#define OPEN_REFUSED	1

static int
open_tx(struct ctx *ctx, void *arg)
{
	struct open_tx	*t = arg;

	switch (payorder_create(ctx, &t->in, &t->out, &t->why, &t->held_by)) {
	case BOOKS_OK:
		return 0;
	case BOOKS_INVALID:
		return OPEN_REFUSED;
	default:
		return -1;
	}
}

/* "YYYY-MM-DD HH:MM:SS" with digits where they go, else NULL. */
static const char *
moment(const char *s)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd";
	size_t		 i;

	if (strlen(s) != sizeof(shape) - 1)
		return NULL;
	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return NULL;
	return s;
}

void
page_pay_post(struct req *r)
{
	struct owned		 o;
	struct fval		 v[F__MAX], bv;
	struct open_tx		 t;
	const struct field	 bill_field = { "bill", "账单", V_INT, 0, 1,
				    INT64_MAX / 2, NULL };
	int64_t			*bills;
	size_t			 i, nbills = 0;
	int			 errs, on[GW__MAX];
	enum gw			 gw;

	switch (owned_premises(r, r->ids[0], &o)) {
	case 1:
		break;
	case 0:
		page_error(r, 404, NULL);
		return;
	default:
		return;
	}
	errs = valid_fields(r, fields, F__MAX, v);
	/* The month count and the plan count only for the option that uses
	 * them: without the page's script they are sent whatever is chosen
	 * (static/ownerpay.js hides them). */
	if (v[F_MONTHS].err != NULL && !(v[F_WHAT].set && !v[F_WHAT].err &&
	    v[F_WHAT].i == PAY_PREPAY)) {
		v[F_MONTHS].err = NULL;
		v[F_MONTHS].set = 0;
		errs--;
	}
	if (v[F_PLAN].err != NULL && !(v[F_CHANNEL].set &&
	    by_instalments(v[F_CHANNEL].s))) {
		v[F_PLAN].err = NULL;
		v[F_PLAN].set = 0;
		errs--;
	}
	bills = arena_alloc(r->a, (r->form.n + 1) * sizeof(*bills));
	for (i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.v[i].key, "bill") != 0)
			continue;
		if (valid_one(r, &bill_field, r->form.v[i].val, &bv) != NULL) {
			show(r, &o, v, NULL, "所选账单有误，请重新选择。", 0, 400);
			return;
		}
		bills[nbills++] = bv.i;
	}
	if (offered(r, o.estate_id, on) < 0)
		return;
	memset(&t, 0, sizeof(t));
	gw = GW__MAX;
	if (v[F_CHANNEL].set && !v[F_CHANNEL].err) {
		gw = strcmp(v[F_CHANNEL].s, "instalments") == 0 ? GW_ALIPAY :
		    strcmp(v[F_CHANNEL].s, "unionpay_instalments") == 0 ?
		    GW_UNIONPAY : gw_parse(v[F_CHANNEL].s);
		if (gw == GW__MAX || !on[gw]) {
			v[F_CHANNEL].err = "本小区暂未开通这种支付方式，请选择其他方式";
			errs++;
		}
		if (by_instalments(v[F_CHANNEL].s)) {
			if (!v[F_PLAN].set && !v[F_PLAN].err) {
				v[F_PLAN].err = "请选择分期期数";
				errs++;
			} else if (!v[F_PLAN].err)
				t.in.instalments = (int)strtol(v[F_PLAN].s,
				    NULL, 10);
		}
	}
	if (v[F_WHAT].set && !v[F_WHAT].err) {
		t.in.kind = (enum pay_kind)v[F_WHAT].i;
		if (t.in.kind == PAY_PREPAY && !v[F_MONTHS].set &&
		    !v[F_MONTHS].err) {
			v[F_MONTHS].err = "请填写预存几个月（1 到 24）";
			errs++;
		}
		if (t.in.kind == PAY_BILLS && nbills == 0) {
			v[F_WHAT].err = "请勾选要缴纳的账单";
			errs++;
		}
	}
	if (errs) {
		show(r, &o, v, NULL, NULL, 0, 400);
		return;
	}
	t.in.estate_id = o.estate_id;
	t.in.premises_id = o.id;
	t.in.owner_id = r->ctx->actor.id;
	t.in.bill_ids = bills;
	t.in.nbills = t.in.kind == PAY_BILLS ? nbills : 0;
	t.in.months = t.in.kind == PAY_PREPAY ? (int)v[F_MONTHS].i : 0;
	t.in.gw = gw;
	t.in.opened_at = moment(v[F_OPENED].s);
	switch (db_tx(r->ctx, open_tx, &t)) {
	case 0:
		break;
	case OPEN_REFUSED:
		if (t.why == PAYORDER_HELD && t.in.kind == PAY_PREPAY) {
			show(r, &o, v, NULL, "您已有一笔预存订单正在进行。请打开"
			    "那笔订单继续付款，或在订单页面取消它后再预存。", 0, 409);
			return;
		}
		if (t.why == PAYORDER_HELD) {
			show(r, &o, v, NULL, "这些账单已有一笔支付订单正在进行。请打开"
			    "那笔订单继续付款；它 15 分钟内有效，过期后可以重新"
			    "缴费。", 0, 409);
			return;
		}
		show(r, &o, v, NULL, t.why == PAYORDER_BILL_NOT_HERE ?
		    "所选账单已缴清或不属于本户，请重新选择。" :
		    "没有需要缴纳的费用。", 0, 409);
		return;
	default:
		return;
	}
	http_redirect(r, arena_printf(r->a, "/pay/%s", t.out.out_trade_no));
}

/*
 * The gateway's page for order o of premises label (the owner is sent
 * there by GET /pay/CODE/go), or NULL after a failure (logged).
 */
static const char *
gateway_url(struct req *r, const struct payorder *o, const char *label)
{
	struct gw_account	 acct;
	const char		*base = conf_get("public_url", "");
	char			*url, err[300];

	if (gw_account_of_estate(r->ctx, o->estate_id, o->gw, &acct) != 1)
		return NULL;
	switch (o->gw) {
	case GW_ALIPAY:
		return gw_alipay_pay_url(r->ctx, &acct, o->out_trade_no,
		    o->amount, arena_printf(r->a, "%s 物业费", label),
		    o->instalments, o->fee_by_estate, o->expires_at,
		    arena_printf(r->a, "%s/notify/alipay", base),
		    arena_printf(r->a, "%s/pay/%s", base, o->out_trade_no));
	case GW_WECHAT:
		/* The notification's address names the account (WeChat
		 * allows no query string in it). */
		url = gw_wechat_h5_url(r->ctx, &acct, o->out_trade_no,
		    o->amount, arena_printf(r->a, "%s 物业费", label),
		    o->expires_at,
		    arena_printf(r->a, "%s/notify/wechat/%lld", base,
		    (long long)acct.id), r->ctx->actor.addr,
		    arena_printf(r->a, "%s/pay/%s", base, o->out_trade_no),
		    err, sizeof(err));
		if (url == NULL)
			log_warnx("pay %s: %s", o->out_trade_no, err);
		return url;
	default:
		return NULL;
	}
}

/* The order named by the route's code, if the signed-in owner owns its
 * premises: 1, 0 (404 sent), -1. */
static int
my_order(struct req *r, struct payorder *o)
{
	int64_t	 premises;
	int	 rc;

	rc = db_one(r->ctx, &SQL_PAY_ORDER_OWNED, "si", "i", r->code,
	    r->ctx->actor.id, &premises);
	if (rc == 1)
		rc = payorder_find(r->ctx, r->code, premises, o);
	if (rc == 0)
		page_error(r, 404, NULL);
	return rc;
}

/* 1 while order o may still be paid (not final, not expired). */
static int
live(const struct payorder *o)
{
	char	 now[20];

	return (strcmp(o->status, "created") == 0 ||
	    strcmp(o->status, "paying") == 0) &&
	    strcmp(o->expires_at, cal_now(now)) > 0;
}

/*
 * What order o pays, as its page says it (缴费内容, an owner's trial:
 * the page named no bill): 预存 2 个月物业费; or its bills' months,
 * their first item by the fees' order and how many (2026年1月至3月
 * 物业费等 3 笔账单; one bill: 2026年3月 物业费); "" when it names none;
 * NULL after a database failure.
 */
static const char *
order_what(struct req *r, const struct payorder *o)
{
	struct db_res	*res;
	const char	*start, *name, *item = "", *one = "", **seen;
	int64_t		 months, sort, best = INT64_MAX;
	size_t		 cap = 0, items = 0, k;
	int		 y, m, first = 0, last = 0, n = 0, rc;

	if (o->kind == PAY_PREPAY)
		return arena_printf(r->a, "预存 %d 个月物业费", o->months);
	if ((res = db_query(r->ctx, &SQL_PAY_ORDER_WHAT, "i", o->id)) == NULL)
		return NULL;
	seen = NULL;
	while ((rc = db_row(res, "sisi", &start, &months, &name, &sort)) == 1) {
		if (sscanf(start, "%4d-%2d", &y, &m) != 2 || months < 1)
			continue;
		if (n == 0 || y * 12 + m - 1 < first)
			first = y * 12 + m - 1;
		if (y * 12 + m - 1 + (int)months - 1 > last)
			last = y * 12 + m - 1 + (int)months - 1;
		if (n++ == 0)
			one = arena_printf(r->a, "%s %s", label_period(r->a,
			    start, (int)months), name);
		if (sort < best) {
			best = sort;
			item = name;
		}
		for (k = 0; k < items && strcmp(seen[k], name) != 0; k++)
			;
		if (k == items) {
			seen = arena_grow(r->a, seen, items, &cap,
			    sizeof(*seen), 8);
			seen[items++] = name;
		}
	}
	db_done(res);
	if (rc < 0)
		return NULL;
	if (n <= 1)
		return one;
	return arena_printf(r->a, "%s %s%s %d 笔账单", label_month_span(r->a,
	    first, last), item, items > 1 ? "等" : "", n);
}

/*
 * GET /pay/CODE: the order's page. Opened (created): what it pays and a
 * button to the gateway (GET /pay/CODE/go). At the gateway (paying):
 * waiting words and a reload every 3 seconds, and the way back to the
 * gateway. Paid: the receipt (查看 and 下载) and what the household
 * owes now. Past its time at the gateway (paying): being confirmed, not
 * to pay again, a reload every 5 seconds until the sweep has the
 * gateway's answer. Expired (never sent or closed by the sweep): that no
 * money came, and a way to try again. In every state: the premises and
 * what the order pays (缴费内容). The gateway's return to this page
 * proves nothing: only the order's state, which the notification set,
 * is shown.
 */
/* The order's page for o, with an alert (or NULL), as status. */
static void
result(struct req *r, const struct payorder *o, const char *msg, int status)
{
	struct tmpl	*d;
	struct owned	 own;
	struct account	 acc;
	const char	*number, *rstatus, *rat, *where, *what;
	int64_t		 receipt_id, ramount;

	switch (owned_premises(r, o->premises_id, &own)) {
	case 1:
		break;
	case 0:		/* my_order() found it the owner's */
		page_error(r, 404, NULL);
		return;
	default:
		return;
	}
	if ((what = order_what(r, o)) == NULL)
		return;
	d = page_new(r, "owner/payresult.tpl", "支付订单");
	tmpl_set(d, "OUT_TRADE_NO", o->out_trade_no);
	tmpl_set(d, "PREMISES", own.label);
	if (what[0] != '\0') {
		tmpl_show(d, "WHAT");
		tmpl_set(d, "WHAT_TEXT", what);
	}
	page_money(d, "AMOUNT", o->amount);
	tmpl_set(d, "CHANNEL", gw_labels[o->gw]);
	tmpl_set_int(d, "PREMISES_ID", o->premises_id);
	tmpl_set(d, "EXPIRES_HM", clock_hm(r, o->expires_at));
	if (o->instalments > 0) {
		tmpl_show(d, "INSTALMENTS");
		tmpl_set_int(d, "PLAN", o->instalments);
		tmpl_set(d, "FEE_PAYER", o->fee_by_estate ? "物业承担" :
		    "由您承担，以支付页面显示为准");
	}
	if (msg != NULL) {
		tmpl_show(d, "MESSAGE");
		tmpl_set(d, "MESSAGE_TEXT", msg);
	}
	if (o->payment_id != DB_NULL) {
		if (db_one(r->ctx, &SQL_PAY_ORDER_RECEIPT, "i", "is",
		    o->payment_id, &receipt_id, &number) != 1)
			return;
		tmpl_set_int(d, "RECEIPT_ID", receipt_id);
		tmpl_set(d, "RECEIPT_NUMBER", number);
		/* voided since: the refund's state, not 支付成功 */
		switch (db_one(r->ctx, &SQL_PAY_ORDER_REFUND, "i", "sis", o->id,
		    &rstatus, &ramount, &rat)) {
		case 0:
			tmpl_show(d, "PAID");
			if ((where = payorder_where(r->ctx, o->payment_id,
			    o->amount)) == NULL)
				return;
			tmpl_set(d, "WHERE", where);
			/* what the household owes now, this payment in */
			if (ledger_account(r->ctx, o->premises_id, cal_today(),
			    &acc) < 0)
				return;
			if (acc.owed_fen > 0) {
				tmpl_show(d, "OWES_NOW");
				page_money(d, "OWED_NOW", acc.owed_fen);
				if (acc.overdue_fen > 0) {
					tmpl_show(d, "OVERDUE_NOW");
					page_money(d, "OVERDUE_NOW_FEN",
					    acc.overdue_fen);
				}
			} else
				tmpl_show(d, "PAID_UP");
			if (acc.prepaid_fen > 0) {
				tmpl_show(d, "PREPAID_NOW");
				page_money(d, "PREPAID_NOW_FEN", acc.prepaid_fen);
			}
			break;
		case 1:
			page_money(d, "REFUND_AMOUNT", ramount);
			tmpl_set(d, "REFUND_AT", label_date(r->a, rat));
			tmpl_show(d, strcmp(rstatus, "refunded") == 0 ?
			    "REFUNDED" : strcmp(rstatus, "failed") == 0 ?
			    "REFUND_FAILED" : "REFUNDING");
			break;
		default:
			return;
		}
	} else if (strcmp(o->status, "closed") == 0 &&
	    (strcmp(o->closed_by, "owner") == 0 ||
	    strcmp(o->closed_by, "settled") == 0)) {
		tmpl_show(d, strcmp(o->closed_by, "owner") == 0 ?
		    "CANCELLED" : "SETTLED");
		/* closed here, the gateway may still take money (sql/026):
		 * not "没有扣款" until that time has passed */
		if (still_payable(o)) {
			tmpl_show(d, "STILL_PAYABLE");
			tmpl_set(d, "PAYABLE_HM", clock_hm(r, o->payable_until));
		} else
			tmpl_show(d, "SURE");
	} else if (strcmp(o->status, "paying") == 0 && !live(o)) {
		/* at its gateway and past its time: the sweep asks the
		 * gateway, which may yet say paid (payorder.h's grace) */
		tmpl_show(d, "CONFIRMING");
		if (msg == NULL)
			page_refresh(r, 5);
	} else if (!live(o))
		tmpl_show(d, "EXPIRED");
	else {
		tmpl_show(d, strcmp(o->status, "created") == 0 ? "CREATED" :
		    "WAITING");
		tmpl_show(d, "CANCEL");
		if (strcmp(o->status, "created") != 0 && msg == NULL)
			page_refresh(r, 3);
	}
	page_render(r, status);
}

void
page_pay_result(struct req *r)
{
	struct payorder	 o;

	if (my_order(r, &o) != 1)
		return;
	result(r, &o, NULL, 200);
}

/*
 * POST /pay/CODE/cancel (取消订单，换一种方式支付): the gateway closes
 * the order, then it is closed here and its bills let go
 * (payorder_cancel); 303 to the pay form with the same choice ticked.
 * Paid at the gateway after all (or before this): 303 to the order's
 * page, which shows the receipt. The gateway unreachable or unsure:
 * the order's page again with why, 503, nothing changed.
 */
void
page_pay_cancel(struct req *r)
{
	struct payorder	 o;
	char		 err[300];

	if (my_order(r, &o) != 1)
		return;
	switch (payorder_cancel(r->ctx, &o, "owner", err, sizeof(err))) {
	case PAYORDER_CANCELLED:
	case PAYORDER_CANCELLED_OPEN:
		http_redirect(r, arena_printf(r->a,
		    "/premises/%lld/pay?cancelled=%s",
		    (long long)o.premises_id, o.out_trade_no));
		return;
	case PAYORDER_CANCEL_PAID:
	case PAYORDER_CANCEL_ENDED:
		http_redirect(r, arena_printf(r->a, "/pay/%s", o.out_trade_no));
		return;
	case PAYORDER_CANCEL_UNSURE:
		log_warnx("pay %s: not cancelled: %s", o.out_trade_no, err);
		result(r, &o, "支付平台暂时无法取消这笔订单，请稍后再试。"
		    "如果您已经付款，请不要重复支付。", 503);
		return;
	case PAYORDER_CANCEL_FAILED:
		return;
	}
}

/*
 * UnionPay's front consume is a form the browser POSTs to the gateway:
 * a page with the signed fields and a button (no script: the owner taps
 * it), saying what the tap does (即将打开云闪付支付页面 ..., 打开云闪付
 * 支付页面: an owner's trial found the order page's button repeated
 * here, word for word, as if the first tap had done nothing). Its CSP lets this one page's form go to the payment gateways
 * (conf/nginx.conf.in, $form_action).
 */
static void
unionpay_form(struct req *r, const struct payorder *o)
{
	struct gw_account	 acct;
	struct kvlist		*l;
	struct tmpl		*d, *row;
	const char		*base = conf_get("public_url", "");
	const char		*action;
	size_t			 i;

	if (gw_account_of_estate(r->ctx, o->estate_id, o->gw, &acct) != 1 ||
	    (l = gw_unionpay_front_form(r->ctx, &acct, o->out_trade_no,
	    o->amount, o->instalments, o->expires_at, arena_printf(r->a, "%s/pay/%s", base, o->out_trade_no),
	    arena_printf(r->a, "%s/notify/unionpay", base), &action)) == NULL) {
		if (!r->ctx->db_failed)
			page_error(r, 503, "支付通道暂时不可用，请稍后再试，"
			    "或到物业服务中心缴费。");
		return;
	}
	switch (payorder_to_gateway(r->ctx, o)) {
	case 1:
		break;
	case 0:		/* cancelled or expired meanwhile */
		http_redirect(r, arena_printf(r->a, "/pay/%s", o->out_trade_no));
		return;
	default:
		return;
	}
	d = page_new(r, "owner/paygo.tpl", "打开云闪付支付页面");
	tmpl_set(d, "ACTION", action);
	tmpl_set(d, "CHANNEL", gw_labels[o->gw]);
	page_money(d, "AMOUNT", o->amount);
	tmpl_set(d, "OUT_TRADE_NO", o->out_trade_no);
	for (i = 0; i < l->n; i++) {
		row = tmpl_row(d, "FIELD");
		tmpl_set(row, "NAME", l->v[i].key);
		tmpl_set(row, "VALUE", l->v[i].val);
	}
	page_render(r, 200);
}

/*
 * GET /pay/CODE/go: to the gateway's page (302), the order marked paying
 * (it may be paid from now on: the result page waits for it). A link,
 * not a form: the gateway is another site, and a form may only be sent
 * to this one (CSP form-action 'self'). An order paid or expired goes
 * to its page instead (303); the gateway unreachable from here: 503.
 */
void
page_pay_go(struct req *r)
{
	struct payorder	 o;
	struct owned	 own;
	const char	*url;
	char		 err[300];

	if (my_order(r, &o) != 1)
		return;
	if (!live(&o)) {
		http_redirect(r, arena_printf(r->a, "/pay/%s", o.out_trade_no));
		return;
	}
	if (owned_premises(r, o.premises_id, &own) != 1)
		return;
	/* its bills paid at the counter meanwhile: not to the gateway to
	 * pay them twice; the order closed, its page says why */
	switch (payorder_settled_elsewhere(r->ctx, &o)) {
	case 0:
		break;
	case 1:
		if (payorder_cancel(r->ctx, &o, "settled", err, sizeof(err)) ==
		    PAYORDER_CANCEL_FAILED)
			return;
		http_redirect(r, arena_printf(r->a, "/pay/%s", o.out_trade_no));
		return;
	default:
		return;
	}
	if (o.gw == GW_UNIONPAY) {
		unionpay_form(r, &o);
		return;
	}
	if ((url = gateway_url(r, &o, own.label)) == NULL) {
		if (!r->ctx->db_failed)
			page_error(r, 503, "支付通道暂时不可用，请稍后再试，"
			    "或到物业服务中心缴费。");
		return;
	}
	switch (payorder_to_gateway(r->ctx, &o)) {
	case 1:
		break;
	case 0:		/* cancelled or expired meanwhile */
		http_redirect(r, arena_printf(r->a, "/pay/%s", o.out_trade_no));
		return;
	default:
		return;
	}
	http_status(r, 302);
	http_header(r, "Location", url);
}
