/*
 * receipts.c - the receipt register (收据登记簿): every receipt of an
 * estate in a date range, filtered by collector (or 线上支付: the online
 * payments, which no collector took), channel and status, with totals;
 * 30 a page, or all of them as CSV. Each row says who took it
 * (label_taker) and whether it is 有效 or 作废.
 *
 *   GET /staff/receipts       renders templates/staff/receipts.tpl
 *   GET /staff/receipts.csv   the same rows as a spreadsheet
 *
 * Bad filters come back with messages (400); dates default to this month.
 * A team lead or manager also sees the estate's open void requests on top
 * (voids.c).
 *
 * 单号 (no): one payment looked up by a number someone quotes (issue 10:
 * an owner on the phone, a line of the gateway's merchant platform): its
 * receipt number, the 商户订单号 of the online order that made it
 * (out_trade_no), the gateway's transaction number (gateway_txn: Alipay
 * trade_no, WeChat transaction_id, UnionPay queryId) or its refund's
 * number (out_refund_no). It is looked up in the chosen estate whatever
 * the dates and other filters say (the register then lists that one
 * receipt, or none); full-width characters and blanks are read as an
 * input method or a copy leaves them. Not letters, digits, '-' and '_',
 * or longer than 64: 400 with the message by the field. A number of no
 * receipt here: the empty register, saying so, and for an online order
 * that made no payment, where that order stands.
 */
#include <string.h>

#include "arena.h"
#include "channel.h"
#include "cal.h"
#include "csv.h"
#include "db.h"
#include "form.h"
#include "gw.h"
#include "http.h"
#include "labels.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"
#include "width.h"

#define PER_PAGE	30
/* The longest 单号 kept by any column it may be (gateway_txn). */
#define NUMBER_MAX	64

#define REGISTER_FROM \
    " FROM receipts rc JOIN payments p ON p.id = rc.payment_id" \
    " JOIN premises pr ON pr.id = p.premises_id" \
    " JOIN buildings bd ON bd.id = pr.building_id" \
    " LEFT JOIN staff st ON st.id = p.collector_id" \
    " LEFT JOIN receipt_voids rv ON rv.receipt_id = rc.id" \
    " WHERE rc.estate_id = ?" \
    " AND (? IS NOT NULL OR rc.issued_at >= ?" \
    " AND rc.issued_at < DATE_ADD(?, INTERVAL 1 DAY))" \
    " AND (? IS NULL OR rc.id IN (?, ?, ?, ?))" \
    " AND (? IS NULL OR p.collector_id = ?)" \
    " AND (? IS NULL OR p.channel IN (" CHANNEL_SQL_ONLINE "))" \
    " AND (? IS NULL OR p.channel = ?)" \
    " AND (? IS NULL OR (? = 'void') = (rv.receipt_id IS NOT NULL))"

SQL_DEF(SQL_REGISTER_TOTALS,
    "SELECT COUNT(*),"
    " COALESCE(SUM(CASE WHEN rv.receipt_id IS NULL THEN p.amount_fen END), 0),"
    " COALESCE(SUM(CASE WHEN rv.receipt_id IS NULL THEN 1 END), 0),"
    " COALESCE(SUM(CASE WHEN rv.receipt_id IS NOT NULL THEN p.amount_fen END), 0),"
    " COALESCE(SUM(CASE WHEN rv.receipt_id IS NOT NULL THEN 1 END), 0)"
    REGISTER_FROM);

#define REGISTER_COLS \
    "SELECT rc.id, rc.number, rc.issued_at, bd.name, pr.unit, pr.room," \
    " pr.occupancy, p.payer_name, p.channel, p.amount_fen," \
    " COALESCE(st.name, ''), (rv.receipt_id IS NOT NULL)," \
    " COALESCE(rv.reason, '')"

SQL_DEF(SQL_REGISTER_PAGE,
    REGISTER_COLS REGISTER_FROM
    " ORDER BY rc.issued_at DESC, rc.id DESC LIMIT ? OFFSET ?");

SQL_DEF(SQL_REGISTER_ALL,
    REGISTER_COLS REGISTER_FROM " ORDER BY rc.issued_at, rc.id");

/*
 * The receipt a 单号 names in an estate, one way each (by unique keys,
 * but gateway_txn's plain one: the first): its number, its online
 * order's out_trade_no, the gateway's transaction, its refund's number.
 */
SQL_DEF(SQL_REGISTER_FIND,
    "SELECT (SELECT r1.id FROM receipts r1"
    "  WHERE r1.number = ? AND r1.estate_id = ?),"
    " (SELECT r2.id FROM pay_orders o2 JOIN receipts r2"
    "  ON r2.payment_id = o2.payment_id"
    "  WHERE o2.out_trade_no = ? AND o2.estate_id = ?),"
    " (SELECT r3.id FROM pay_orders o3 JOIN receipts r3"
    "  ON r3.payment_id = o3.payment_id"
    "  WHERE o3.gateway_txn = ? AND o3.estate_id = ? ORDER BY r3.id LIMIT 1),"
    " (SELECT r4.id FROM pay_refunds f4 JOIN receipts r4"
    "  ON r4.payment_id = f4.payment_id"
    "  WHERE f4.out_refund_no = ? AND f4.estate_id = ?)");

/* An online order of the estate that made no receipt: its channel and
 * where it stands. */
SQL_DEF(SQL_REGISTER_ORDER,
    "SELECT channel, status FROM pay_orders"
    " WHERE out_trade_no = ? AND estate_id = ?");

SQL_DEF(SQL_REGISTER_COLLECTORS,
    "SELECT DISTINCT st.id, st.name FROM staff st"
    " JOIN staff_estates se ON se.staff_id = st.id"
    " WHERE se.estate_id = ? AND st.role IN (" ROLE_SQL_TAKERS ")"
    " ORDER BY st.name");

static const char *const statuses[] = { "valid", "void", NULL };

enum { F_ESTATE, F_FROM, F_TO, F_COLLECTOR, F_CHANNEL, F_STATUS, F_NO,
    F_PAGE, F__MAX };

static const struct field fields[F__MAX] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "from", "开始日期", V_DATE, 0, 0, 0, NULL },
	{ "to", "结束日期", V_DATE, 0, 0, 0, NULL },
	/* a collector's id, or "online" (线上支付: no collector); read
	 * by read_collector() */
	{ "collector", "收款人", V_TEXT, 0, 0, 20, NULL },
	{ "channel", "缴费方式", V_CHOICE, 0, 0, 0, channel_codes },
	{ "status", "状态", V_CHOICE, 0, 0, 0, statuses },
	/* checked again by read_number(): what a 单号 may hold */
	{ "no", "单号", V_TEXT, 0, 1, 2 * NUMBER_MAX, NULL },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
};

struct filters {
	struct fval	 v[F__MAX];
	struct estate	 e;
	const char	*from, *to, *channel, *status;
	int64_t		 collector;
	int64_t		 online;	/* 1: online payments only, else DB_NULL */
	const char	*no;		/* the 单号 as read, or NULL */
	int64_t		 by_no;		/* 1 looking one up, else DB_NULL */
	int64_t		 found[4];	/* SQL_REGISTER_FIND's, DB_NULL */
	int		 errs;
};

/*
 * A 单号 as people type or paste it: full-width letters and digits read
 * as ASCII (width.h), blanks dropped (a number copied in groups); then
 * letters, digits, '-' and '_' only, 1 to NUMBER_MAX of them. The
 * number, or NULL with *err the field's message.
 */
static const char *
read_number(struct req *r, const char *s, const char **err)
{
	char		*out = arena_alloc(r->a, strlen(s) + 1);
	size_t		 n = 0;
	int32_t		 c;

	*err = NULL;
	while ((c = width_next(&s)) != 0) {
		if (c == ' ' || c == '\t')
			continue;
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		    (c >= 'a' && c <= 'z') || c == '-' || c == '_')) {
			*err = "单号只能有字母、数字和“-”：请填写收据号、"
			    "商户订单号或支付平台的交易号";
			return NULL;
		}
		if (n == NUMBER_MAX) {
			*err = "单号太长：收据号、商户订单号或交易号都不超过"
			    " 64 位";
			return NULL;
		}
		out[n++] = (char)c;
	}
	out[n] = '\0';
	if (n == 0) {
		*err = "请填写收据号、商户订单号或交易号";
		return NULL;
	}
	return out;
}

/*
 * The 收款人 filter as sent (v, read as text): a collector's id into
 * f->collector, or "online" - the payments no collector took (线上支付,
 * LABEL_ONLINE_TAKER, as the 收款人 column says them) - into f->online;
 * anything else is the field's message, counted in f->errs.
 */
static void
read_collector(struct req *r, struct filters *f, struct fval *v)
{
	static const struct field id = { "collector", "收款人", V_INT, 0, 1,
	    INT64_MAX / 2, NULL };
	struct fval	 iv;

	f->collector = f->online = DB_NULL;
	if (!v->set || v->err != NULL)
		return;
	if (strcmp(v->s, "online") == 0) {
		f->online = 1;
		return;
	}
	if (valid_one(r, &id, v->s, &iv) != NULL) {
		v->err = iv.err;
		f->errs++;
		return;
	}
	f->collector = iv.i;
}

/* Reads and checks the filters; returns 1, 0 (404 answered) or -1. */
static int
filters(struct req *r, struct filters *f, struct tmpl *d)
{
	struct date	 a, b, today = cal_today();
	char		 buf[11];
	int		 rc;

	memset(f, 0, sizeof(*f));
	f->errs = valid_fields(r, fields, F__MAX, f->v);
	rc = scope_estate(r, f->v[F_ESTATE].err ? 0 : f->v[F_ESTATE].i, &f->e, d);
	if (rc != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return rc;
	}
	today.d = 1;
	f->from = f->v[F_FROM].set && !f->v[F_FROM].err ? f->v[F_FROM].s :
	    arena_strdup(r->a, cal_fmt(buf, today));
	f->to = f->v[F_TO].set && !f->v[F_TO].err ? f->v[F_TO].s :
	    arena_strdup(r->a, cal_fmt(buf, cal_today()));
	if (!f->errs && cal_parse(f->from, &a) == 0 &&
	    cal_parse(f->to, &b) == 0 && cal_cmp(a, b) > 0) {
		f->v[F_TO].err = "结束日期不能早于开始日期";
		f->errs++;
	}
	read_collector(r, f, &f->v[F_COLLECTOR]);
	f->channel = f->v[F_CHANNEL].set ? f->v[F_CHANNEL].s : NULL;
	f->status = f->v[F_STATUS].set ? f->v[F_STATUS].s : NULL;
	f->by_no = f->found[0] = f->found[1] = f->found[2] = f->found[3] =
	    DB_NULL;
	if (f->v[F_NO].set && !f->v[F_NO].err &&
	    (f->no = read_number(r, f->v[F_NO].s, &f->v[F_NO].err)) == NULL)
		f->errs++;
	if (f->no == NULL || f->errs)
		return 1;
	/* One payment, whatever the dates and other filters say. */
	f->by_no = 1;
	f->collector = f->online = DB_NULL;
	f->channel = f->status = NULL;
	if (db_one(r->ctx, &SQL_REGISTER_FIND, "sisisisi", "IIII", f->no,
	    f->e.id, f->no, f->e.id, f->no, f->e.id, f->no, f->e.id,
	    &f->found[0], &f->found[1], &f->found[2], &f->found[3]) != 1)
		return -1;
	return 1;
}

/* The filters, in the order REGISTER_FROM binds them (f in scope): the
 * format "iIssIIIIIIIIssss" at each call (tests/lint/sqlcheck.py reads
 * it there). */
#define FILTER_ARGS \
	f.e.id, f.by_no, f.from, f.to, f.by_no, f.found[0], f.found[1], \
	    f.found[2], f.found[3], f.collector, f.collector, f.online, \
	    f.channel, f.channel, f.status, f.status

static const char *
query_string(struct req *r, const struct filters *f)
{
	if (f->no != NULL)
		return arena_printf(r->a, "estate=%lld&no=%s",
		    (long long)f->e.id, form_encode(r->a, f->no));
	return arena_printf(r->a, "estate=%lld&from=%s&to=%s%s%s%s%s%s%s",
	    (long long)f->e.id, f->from, f->to,
	    f->collector != DB_NULL || f->online != DB_NULL ?
	    "&collector=" : "", f->collector != DB_NULL ?
	    f->v[F_COLLECTOR].s : f->online != DB_NULL ? "online" : "",
	    f->channel ? "&channel=" : "", f->channel ? f->channel : "",
	    f->status ? "&status=" : "", f->status ? f->status : "");
}

/* An order's status as staff read it, for an order with no receipt. */
static const char *
order_state(const char *status)
{
	if (strcmp(status, "created") == 0)
		return "业主还没有去支付，没有收款";
	if (strcmp(status, "paying") == 0)
		return "业主已去支付平台付款，还没有收到支付平台的到账确认";
	if (strcmp(status, "closed") == 0)
		return "订单已关闭，没有收款";
	if (strcmp(status, "failed") == 0)
		return "支付没有成功，没有收款";
	return "没有收据";
}

/*
 * What the register says of a 单号 that names no receipt of the estate:
 * an online order's standing when it is one, else that nothing has that
 * number here. 0 or -1.
 */
static int
number_missing(struct req *r, const struct filters *f, struct tmpl *d)
{
	const char	*channel, *status;
	enum gw		 g;

	tmpl_show(d, "NO_MISSING");
	tmpl_set(d, "NO_SHOWN", f->no);
	switch (db_one(r->ctx, &SQL_REGISTER_ORDER, "si", "ss", f->no, f->e.id,
	    &channel, &status)) {
	case 1:
		g = gw_parse(channel);
		tmpl_set(d, "NO_WHAT", arena_printf(r->a, "是一笔%s支付订单：%s，"
		    "所以没有收据。", g < GW__MAX ? gw_labels[g] : "在线",
		    order_state(status)));
		return 0;
	case 0:
		tmpl_set(d, "NO_WHAT", arena_printf(r->a, "在%s没有找到对应的"
		    "收据或在线支付订单。请核对号码；其他小区的单号，请先选择"
		    "小区再查。", f->e.name));
		return 0;
	default:
		return -1;
	}
}

void
page_receipts(struct req *r)
{
	struct filters	 f;
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*number, *at, *building, *unit, *room, *occ, *payer;
	const char	*channel, *collector, *reason, *name;
	int64_t		 id, amount, voided, total, valid_sum, valid_n;
	int64_t		 void_sum, void_n, page;
	int		 rc, i;

	d = page_new(r, "staff/receipts.tpl", "收据登记簿");
	if (filters(r, &f, d) != 1)
		return;
	valid_to_tmpl(d, fields, F__MAX, f.v);
	tmpl_set(d, "FROM_VAL", f.from);
	tmpl_set(d, "TO_VAL", f.to);
	tmpl_set_int(d, "ESTATE_ID", f.e.id);
	/* A lead's or manager's void requests to decide (voids.c). */
	if (voids_pending(r, d, f.e.id) < 0)
		return;
	if ((res = db_query(r->ctx, &SQL_REGISTER_COLLECTORS, "i", f.e.id)) == NULL)
		return;
	while ((rc = db_row(res, "is", &id, &name)) == 1) {
		row = tmpl_row(d, "COLLECTOR_OPT");
		tmpl_set_int(row, "OPT_ID", id);
		tmpl_set(row, "OPT_NAME", name);
		if (f.collector == id)
			tmpl_show(row, "OPT_SELECTED");
	}
	if (rc < 0)
		return;
	if (f.online != DB_NULL)
		tmpl_show(d, "COLLECTOR_ONLINE");
	for (i = 0; i < CHANNEL__MAX; i++) {
		if (!channel_listed(i))
			continue;
		row = tmpl_row(d, "CHANNEL_OPT");
		tmpl_set(row, "OPT_KEY", channel_codes[i]);
		tmpl_set(row, "OPT_LABEL", channel_labels[i]);
		if (f.channel && strcmp(f.channel, channel_codes[i]) == 0)
			tmpl_show(row, "OPT_SELECTED");
	}
	if (f.status)
		tmpl_show(d, strcmp(f.status, "void") ? "STATUS_VALID" :
		    "STATUS_VOID");
	if (f.errs) {
		tmpl_show(d, "HAS_ERRORS");
		page_render(r, 400);
		return;
	}
	if (f.no != NULL) {
		tmpl_show(d, "BY_NO");
		tmpl_set(d, "NO_VAL", f.no);
	}
	if (db_one(r->ctx, &SQL_REGISTER_TOTALS, "iIssIIIIIIIIssss", "iiiii",
	    FILTER_ARGS, &total, &valid_sum, &valid_n, &void_sum, &void_n) != 1)
		return;
	page_money(d, "VALID_SUM", valid_sum);
	tmpl_set_int(d, "VALID_N", valid_n);
	page_money(d, "VOID_SUM", void_sum);
	tmpl_set_int(d, "VOID_N", void_n);
	tmpl_set(d, "CSV_URL", arena_printf(r->a, "/staff/receipts.csv?%s",
	    query_string(r, &f)));
	page = f.v[F_PAGE].set ? f.v[F_PAGE].i : 1;
	res = db_query(r->ctx, &SQL_REGISTER_PAGE, "iIssIIIIIIIIssssii",
	    FILTER_ARGS, (int64_t)PER_PAGE, (page - 1) * PER_PAGE);
	if (res == NULL)
		return;
	while ((rc = db_row(res, "issssssssisis", &id, &number, &at,
	    &building, &unit, &room, &occ, &payer, &channel, &amount,
	    &collector, &voided, &reason)) == 1) {
		row = tmpl_row(d, "RECEIPT");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "NUMBER", number);
		tmpl_set(row, "AT", at);
		tmpl_set(row, "PREMISES", label_premises(r->a, building, unit,
		    room, occ));
		tmpl_set(row, "PAYER", payer);
		tmpl_set(row, "CHANNEL", label_channel(channel));
		page_money(row, "AMOUNT", amount);
		tmpl_set(row, "COLLECTOR", label_taker(r->a, channel, collector));
		if (voided) {
			tmpl_show(row, "VOIDED");
			tmpl_set(row, "REASON", reason);
		} else
			tmpl_show(row, "VALID");
	}
	if (rc < 0)
		return;
	if (total == 0 && f.no != NULL) {
		if (number_missing(r, &f, d) < 0)
			return;
	} else if (total == 0)
		tmpl_show(d, "NONE");
	page_pager(r, d, arena_printf(r->a, "/staff/receipts?%s",
	    query_string(r, &f)), page, PER_PAGE, total);
	page_render(r, 200);
}

void
page_receipts_csv(struct req *r)
{
	struct filters	 f;
	struct db_res	*res;
	struct buf	*b = &r->body;
	const char	*number, *at, *building, *unit, *room, *occ, *payer;
	const char	*channel, *collector, *reason;
	int64_t		 id, amount, voided;
	int		 rc;

	if (filters(r, &f, NULL) != 1)
		return;
	if (f.errs) {
		page_error(r, 400, "筛选条件有误，请返回收据登记簿修改。");
		return;
	}
	res = db_query(r->ctx, &SQL_REGISTER_ALL, "iIssIIIIIIIIssss",
	    FILTER_ARGS);
	if (res == NULL)
		return;
	csv_begin(b);
	csv_field(b, "收据号");
	csv_field(b, "开具时间");
	csv_field(b, "房屋");
	csv_field(b, "缴款人");
	csv_field(b, "缴费方式");
	csv_field(b, "金额（元）");
	csv_field(b, "收款人");
	csv_field(b, "状态");
	csv_field(b, "作废原因");
	csv_end_row(b);
	while ((rc = db_row(res, "issssssssisis", &id, &number, &at, &building,
	    &unit, &room, &occ, &payer, &channel, &amount, &collector, &voided,
	    &reason)) == 1) {
		csv_field(b, number);
		csv_field(b, at);
		csv_field(b, label_premises(r->a, building, unit, room, occ));
		csv_field(b, payer);
		csv_field(b, label_channel(channel));
		csv_money(b, amount);
		csv_field(b, label_taker(r->a, channel, collector));
		csv_field(b, voided ? "作废" : "有效");
		csv_field(b, reason);
		csv_end_row(b);
	}
	if (rc < 0)
		return;
	http_body_file(r, RESP_CSV, arena_printf(r->a, "receipts-%s-%s.csv",
	    f.from, f.to), 1);
}
