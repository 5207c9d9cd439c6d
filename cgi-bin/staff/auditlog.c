/*
 * auditlog.c - GET /staff/audit: the audit log of an estate, newest
 * first, filtered by dates and action, 50 a page; read in Chinese
 * (issue 8): who (a staff member's name, 业主 and the owner's name, or
 * 系统), what (label_action(): 收款、作废、减免、修改费率 ...), which
 * household, receipt, bill or billing run (links), the amount as money
 * (−¥300.00 for a reversal), the time to the second, and the reason
 * where the row holds one. Bad filters answer 400 with the messages by
 * the fields; an estate outside the user's scope 404.
 *
 * Online payments (issue 10) in the same words: a payment an online
 * order made says its channel whole and its 商户订单号; a refund
 * (payorder.refund, payorder.refund_failed) links the household and the
 * voided receipt and names the order, its refund number and the
 * gateway's; a closed order (payorder.cancel) links the household and
 * names the order; a statement asked for (reconcile.ask) its day and
 * channel. No code of the log's (pay_order 12, alipay, "refunded
 * through") is shown.
 * Renders templates/staff/auditlog.tpl.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "codes.h"
#include "cal.h"
#include "db.h"
#include "gw.h"
#include "http.h"
#include "labels.h"
#include "money.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

#define PER_PAGE	50

#define AUDIT_WHERE \
    " WHERE a.estate_id = ? AND a.at >= ? AND a.at < DATE_ADD(?, INTERVAL 1 DAY)" \
    " AND (? IS NULL OR a.action = ?)"

SQL_DEF(SQL_AUDIT_COUNT,
    "SELECT COUNT(*) FROM audit_log a" AUDIT_WHERE);

/*
 * One page of rows, each with what it names: the household (pid) of a
 * premises, payment, receipt, bill, credit or case file; the receipt
 * (rid) of a payment, a receipt or an approved credit; the name of a
 * collector, a fee item or rate, the period of a billing run. The ids
 * are read per row by primary or unique key, for the 50 rows only.
 */
SQL_DEF(SQL_AUDIT_PAGE,
    "SELECT x.at, x.actor_kind, x.who, x.action, x.entity, x.entity_id,"
    " x.amount_fen, x.detail, COALESCE(x.pid, 0), COALESCE(bd.name, ''),"
    " COALESCE(pr.unit, ''), COALESCE(pr.room, ''),"
    " COALESCE(pr.occupancy, ''), COALESCE(rc.id, 0),"
    " COALESCE(rc.number, ''), x.name, COALESCE(po.out_trade_no, ''),"
    " COALESCE(po.channel, ''), COALESCE(po.channel_sub, ''),"
    " COALESCE(po.fee_payer, ''), COALESCE(pf.out_refund_no, ''),"
    " COALESCE(pf.gateway_refund, '')"
    " FROM (SELECT a.id, a.at, a.actor_kind,"
    "  COALESCE(CASE a.actor_kind"
    "   WHEN 'staff' THEN (SELECT s.name FROM staff s WHERE s.id = a.actor_id)"
    "   WHEN 'owner' THEN (SELECT o.name FROM owners o WHERE o.id = a.actor_id)"
    "  END, '') AS who,"
    "  a.action, a.entity, COALESCE(a.entity_id, 0) AS entity_id,"
    "  a.amount_fen, a.detail,"
    "  CASE a.entity"
    "   WHEN 'premises' THEN a.entity_id"
    "   WHEN 'payment' THEN (SELECT p.premises_id FROM payments p"
    "    WHERE p.id = a.entity_id)"
    "   WHEN 'receipt' THEN (SELECT p.premises_id FROM receipts r2"
    "    JOIN payments p ON p.id = r2.payment_id WHERE r2.id = a.entity_id)"
    "   WHEN 'bill' THEN (SELECT b.premises_id FROM bills b"
    "    WHERE b.id = a.entity_id)"
    "   WHEN 'service_credit' THEN (SELECT c.premises_id FROM service_credits c"
    "    WHERE c.id = a.entity_id)"
    "   WHEN 'service_request' THEN (SELECT sr.premises_id"
    "    FROM service_requests sr WHERE sr.id = a.entity_id)"
    "   WHEN 'enquiry' THEN (SELECT q.premises_id FROM enquiries q"
    "    WHERE q.id = a.entity_id)"
    "   WHEN 'case_file' THEN (SELECT cf.premises_id FROM case_files cf"
    "    WHERE cf.id = a.entity_id)"
    "   WHEN 'pay_order' THEN (SELECT o1.premises_id FROM pay_orders o1"
    "    WHERE o1.id = a.entity_id)"
    "   WHEN 'pay_refund' THEN (SELECT p5.premises_id FROM pay_refunds f1"
    "    JOIN payments p5 ON p5.id = f1.payment_id WHERE f1.id = a.entity_id)"
    "   WHEN 'custody_agreement' THEN (SELECT ca.premises_id"
    "    FROM custody_agreements ca WHERE ca.id = a.entity_id)"
    "   WHEN 'custody_log' THEN (SELECT ca2.premises_id FROM custody_logs cl"
    "    JOIN custody_agreements ca2 ON ca2.id = cl.agreement_id"
    "    WHERE cl.id = a.entity_id)"
    "  END AS pid,"
    "  CASE a.entity"
    "   WHEN 'receipt' THEN a.entity_id"
    "   WHEN 'payment' THEN (SELECT r3.id FROM receipts r3"
    "    WHERE r3.payment_id = a.entity_id)"
    "   WHEN 'service_credit' THEN (SELECT r4.id FROM service_credits c2"
    "    JOIN receipts r4 ON r4.payment_id = c2.payment_id"
    "    WHERE c2.id = a.entity_id)"
    "   WHEN 'pay_refund' THEN (SELECT r5.id FROM pay_refunds f2"
    "    JOIN receipts r5 ON r5.payment_id = f2.payment_id"
    "    WHERE f2.id = a.entity_id)"
    "  END AS rid,"
    "  CASE a.entity"
    "   WHEN 'pay_order' THEN a.entity_id"
    "   WHEN 'pay_refund' THEN (SELECT f3.order_id FROM pay_refunds f3"
    "    WHERE f3.id = a.entity_id)"
    "   WHEN 'payment' THEN (SELECT o2.id FROM pay_orders o2"
    "    WHERE o2.payment_id = a.entity_id)"
    "  END AS oid,"
    "  COALESCE(CASE a.entity"
    "   WHEN 'staff' THEN (SELECT s2.name FROM staff s2"
    "    WHERE s2.id = a.entity_id)"
    "   WHEN 'fee_item' THEN (SELECT fi.name FROM fee_items fi"
    "    WHERE fi.id = a.entity_id)"
    "   WHEN 'fee_rate' THEN (SELECT fi2.name FROM fee_rates fr"
    "    JOIN fee_items fi2 ON fi2.id = fr.fee_item_id WHERE fr.id = a.entity_id)"
    "   WHEN 'billing_run' THEN (SELECT CAST(br.period_start AS CHAR)"
    "    FROM billing_runs br WHERE br.id = a.entity_id)"
    "  END, '') AS name"
    "  FROM audit_log a" AUDIT_WHERE
    "  ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?) x"
    " LEFT JOIN premises pr ON pr.id = x.pid"
    " LEFT JOIN buildings bd ON bd.id = pr.building_id"
    " LEFT JOIN receipts rc ON rc.id = x.rid"
    " LEFT JOIN pay_orders po ON po.id = x.oid"
    " LEFT JOIN pay_refunds pf ON x.entity = 'pay_refund'"
    " AND pf.id = x.entity_id"
    " ORDER BY x.at DESC, x.id DESC");

SQL_DEF(SQL_AUDIT_ACTIONS,
    "SELECT DISTINCT action FROM audit_log WHERE estate_id = ? ORDER BY action");

static const struct field fields[] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "from", "开始日期", V_DATE, 0, 0, 0, NULL },
	{ "to", "结束日期", V_DATE, 0, 0, 0, NULL },
	{ "action", "操作", V_TEXT, 0, 1, 40, NULL },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
};

/*
 * What a row's detail (written by the code, in English, for the log)
 * gives a reader. Text people typed is shown with its heading; a
 * reason is cut from "...reason: <text>"; details the links already
 * say are not repeated; any other is shown as written, set apart.
 */
enum detail_kind { D_RAW, D_NONE, D_TEXT, D_REASON, D_STATEMENT,
    D_MESSAGES };

static const struct {
	const char		*action;
	enum detail_kind	 kind;
	const char		*heading;
} details[] = {
	{ "payment.create", D_NONE, NULL },
	{ "credit.approve", D_NONE, NULL },
	/* "counter, area", "accepted": the enquiry's page says them */
	{ "enquiry.log", D_NONE, NULL },
	{ "enquiry.answer", D_NONE, NULL },
	{ "enquiry.owner", D_NONE, NULL },
	{ "billing.request", D_NONE, NULL },
	{ "receipt.void", D_REASON, "原因：" },
	{ "bill.waive", D_REASON, "原因：" },
	{ "void.request", D_TEXT, "原因：" },
	{ "void.refuse", D_TEXT, "原因：" },
	{ "credit.reject", D_TEXT, "原因：" },
	{ "case.close", D_TEXT, "结果：" },
	{ "case.open", D_TEXT, "原因类别：" },
	{ "case.plan", D_TEXT, "原因类别：" },
	/* written in Chinese by payorder.c */
	{ "payorder.cancel", D_TEXT, "" },
	{ "payorder.refund_failed", D_TEXT, "" },
	/* "order P... refunded through alipay; ...": said from the order
	 * and the refund instead (order_note) */
	{ "payorder.refund", D_NONE, NULL },
	/* "statement of 2026-11-30, alipay" (staff/reconcile.c) */
	{ "reconcile.ask", D_STATEMENT, "对账日：" },
	/* a request's category or new status, a log's kind and day, a
	 * report's month: the action and the thing say them (a trial read
	 * "lighting", "received" in the log) */
	{ "request.log", D_NONE, NULL },
	{ "request.received", D_NONE, NULL },
	{ "request.planned", D_NONE, NULL },
	{ "request.dispatched", D_NONE, NULL },
	{ "request.done", D_NONE, NULL },
	{ "request.followed", D_NONE, NULL },
	{ "request.closed", D_NONE, NULL },
	{ "request.reopened", D_NONE, NULL },
	{ "request.late", D_NONE, NULL },
	{ "servicelog.log", D_NONE, NULL },
	/* vacant-unit custody (issue 13): the premises and the thing say
	 * them */
	{ "custody.create", D_NONE, NULL },
	{ "custody.log", D_NONE, NULL },
	{ "custody.bill", D_NONE, NULL },
	{ "report.draft", D_NONE, NULL },
	{ "report.edit", D_NONE, NULL },
	{ "report.late", D_NONE, NULL },
	/* "公共区域保洁 5→6" (core/svcreport.c) */
	{ "report.recount", D_TEXT, "变化：" },
	/* "12 messages" (core/svcreport.c) */
	{ "report.publish", D_MESSAGES, "通知业主：" },
	/* written in Chinese by core/team.c: the topic, the score, the
	 * pair, the stage */
	{ "team.session", D_TEXT, "" },
	{ "team.score", D_TEXT, "" },
	{ "team.pair", D_TEXT, "" },
	{ "team.tick", D_TEXT, "" },
};

static void
set_detail(struct req *r, struct tmpl *row, const char *action,
    const char *detail)
{
	const char	*s;
	char		 day[11], ch[16];
	size_t		 i;
	long long	 n;
	enum gw		 g;

	if (*detail == '\0')
		return;
	for (i = 0; i < sizeof(details) / sizeof(details[0]); i++) {
		if (strcmp(details[i].action, action) != 0)
			continue;
		switch (details[i].kind) {
		case D_NONE:
			return;
		case D_REASON:
			if ((s = strstr(detail, "reason: ")) == NULL)
				break;
			tmpl_show(row, "NOTE");
			tmpl_set(row, "NOTE_HEAD", details[i].heading);
			tmpl_set(row, "NOTE_TEXT", s + strlen("reason: "));
			return;
		case D_TEXT:
			tmpl_show(row, "NOTE");
			tmpl_set(row, "NOTE_HEAD", details[i].heading);
			tmpl_set(row, "NOTE_TEXT",
			    strncmp(action, "case.", 5) == 0 &&
			    strcmp(action, "case.close") != 0 ?
			    label_case_cause(detail) : detail);
			return;
		case D_STATEMENT:
			if (sscanf(detail, "statement of %10[0-9-], %15[a-z ]",
			    day, ch) != 2)
				break;
			g = gw_parse(ch);
			if (g == GW__MAX && strcmp(ch, "every channel") != 0)
				break;
			tmpl_show(row, "NOTE");
			tmpl_set(row, "NOTE_HEAD", details[i].heading);
			tmpl_set(row, "NOTE_TEXT", arena_printf(r->a, "%s，%s",
			    label_date(r->a, day), g < GW__MAX ?
			    gw_labels[g] : "全部渠道"));
			return;
		case D_MESSAGES:
			if (sscanf(detail, "%lld messages", &n) != 1)
				break;
			tmpl_show(row, "NOTE");
			tmpl_set(row, "NOTE_HEAD", details[i].heading);
			tmpl_set(row, "NOTE_TEXT", arena_printf(r->a,
			    "%lld 条消息", n));
			return;
		case D_RAW:
			break;
		}
		break;
	}
	tmpl_show(row, "RAW");
	tmpl_set(row, "RAW_TEXT", detail);
}

/* An online order a row names (SQL_AUDIT_PAGE's oid), "" for none. */
struct order_cols {
	const char	*otn;		/* 商户订单号 */
	const char	*channel, *sub, *fee_payer;
	const char	*refund_no;	/* the refund's out_refund_no */
	const char	*gw_refund;	/* the gateway's refund id */
};

/*
 * The note of a payment an online order made (its channel whole, as the
 * receipt says it, and its 商户订单号) or of its refund made (back the
 * way it came, the refund's numbers). 1 when set, 0 for another row.
 */
static int
order_note(struct req *r, struct tmpl *row, const char *action,
    const struct order_cols *o)
{
	const char	*via;

	if (o->otn[0] == '\0')
		return 0;
	via = label_channel_full(r->a, o->channel, o->sub, o->fee_payer);
	if (strcmp(action, "payment.create") == 0) {
		tmpl_show(row, "NOTE");
		tmpl_set(row, "NOTE_HEAD", "");
		tmpl_set(row, "NOTE_TEXT", arena_printf(r->a, "%s，商户订单号 %s",
		    via, o->otn));
		return 1;
	}
	if (strcmp(action, "payorder.refund") == 0) {
		tmpl_show(row, "NOTE");
		tmpl_set(row, "NOTE_HEAD", "");
		tmpl_set(row, "NOTE_TEXT", arena_printf(r->a, "原路退回（%s），"
		    "商户订单号 %s，退款单号 %s%s%s", via, o->otn, o->refund_no,
		    o->gw_refund[0] ? "，支付平台退款号 " : "", o->gw_refund));
		return 1;
	}
	return 0;
}

/* What the row acted on, as links where there is a page. */
static void
set_object(struct req *r, struct tmpl *row, const char *entity, int64_t eid,
    int64_t pid, const char *premises, int64_t rid, const char *number,
    const char *name, const char *otn)
{
	struct tmpl	*t;

	if (pid != 0) {
		t = tmpl_row(row, "HOUSE");
		tmpl_set_int(t, "PID", pid);
		tmpl_set(t, "HOUSE_LABEL", premises);
	}
	if (rid != 0) {
		t = tmpl_row(row, "RECEIPT");
		tmpl_set_int(t, "RID", rid);
		tmpl_set(t, "NUMBER", number);
	}
	if (strcmp(entity, "bill") == 0)
		tmpl_set_int(tmpl_row(row, "BILL"), "BILL_ID", eid);
	else if (strcmp(entity, "case_file") == 0 && pid != 0)
		tmpl_set_int(tmpl_row(row, "CASE"), "CASE_PID", pid);
	else if (strcmp(entity, "billing_run") == 0) {
		t = tmpl_row(row, "RUN");
		tmpl_set_int(t, "RUN_ID", eid);
		tmpl_set(t, "RUN_PERIOD", name[0] ? label_period(r->a, name,
		    1) : "");
	} else if (strcmp(entity, "staff") == 0)
		tmpl_set(row, "THING", eid == 0 ? "取消分配" :
		    arena_printf(r->a, "收费员 %s", name));
	else if (strcmp(entity, "fee_item") == 0 ||
	    strcmp(entity, "fee_rate") == 0)
		tmpl_set(row, "THING", arena_printf(r->a, "收费项目 %s", name));
	else if (strcmp(entity, "estate") == 0)
		tmpl_set(row, "THING", "本小区");
	else if (strcmp(entity, "pay_order") == 0)
		tmpl_set(row, "THING", otn[0] ? arena_printf(r->a, "支付订单 %s",
		    otn) : "支付订单");
	else if (strcmp(entity, "pay_refund") == 0 && rid == 0)
		tmpl_set(row, "THING", "在线退款");
	else if (strcmp(entity, "service_request") == 0 && pid == 0)
		tmpl_set(row, "THING", arena_printf(r->a, "公共区域报修 %lld 号",
		    (long long)eid));
	else if (strcmp(entity, "service_log") == 0)
		tmpl_set(row, "THING", "服务记录");
	else if (strcmp(entity, "service_report") == 0)
		tmpl_set(row, "THING", "服务月报");
	else if (strcmp(entity, "custody_agreement") == 0)
		tmpl_set(row, "THING", "空置房托管协议");
	else if (strcmp(entity, "custody_log") == 0)
		tmpl_set(row, "THING", "托管服务记录");
	else if (strcmp(entity, "enquiry") == 0 && pid == 0)
		tmpl_set(row, "THING", "电话咨询异议");
	/* team development (issue 13) */
	else if (strcmp(entity, "training_session") == 0)
		tmpl_set(row, "THING", "培训记录");
	else if (strcmp(entity, "quiz_score") == 0)
		tmpl_set(row, "THING", "考核成绩");
	else if (strcmp(entity, "mentor_pair") == 0)
		tmpl_set(row, "THING", "带教计划");
	else if (pid == 0 && rid == 0)
		tmpl_set(row, "THING", arena_printf(r->a, "%s %lld", entity,
		    (long long)eid));
}

/* ¥1,234.50, or −¥300.00 for money going back (a void's reversal). */
static const char *
signed_money(struct req *r, int64_t fen)
{
	char	 buf[MONEY_FMT_MAX];

	if (fen < 0)
		return arena_printf(r->a, "−¥%s", money_fmt(buf, -fen));
	return arena_printf(r->a, "¥%s", money_fmt(buf, fen));
}

void
page_auditlog(struct req *r)
{
	struct fval	 v[5];
	struct tmpl	*d, *row;
	struct db_res	*res;
	struct estate	 e;
	struct date	 t = cal_today();
	struct order_cols o;
	const char	*from, *to, *action, *at, *kind, *who, *act, *entity;
	const char	*detail, *building, *unit, *room, *occ, *number, *name;
	char		 buf[11];
	int64_t		 total, page, eid, amount, pid, rid;
	int		 rc, errs;

	errs = valid_fields(r, fields, 5, v);
	d = page_new(r, "staff/auditlog.tpl", "操作日志");
	if ((rc = scope_estate(r, v[0].set && !v[0].err ? v[0].i : 0, &e,
	    d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	valid_to_tmpl(d, fields, 5, v);
	to = v[2].set && !v[2].err ? v[2].s :
	    arena_strdup(r->a, cal_fmt(buf, t));
	from = v[1].set && !v[1].err ? v[1].s :
	    arena_strdup(r->a, cal_fmt(buf, cal_add_months(t, -1)));
	action = v[3].set && !v[3].err ? v[3].s : NULL;
	page = v[4].set && !v[4].err ? v[4].i : 1;
	tmpl_set(d, "FROM_VAL", from);
	tmpl_set(d, "TO_VAL", to);
	tmpl_set_int(d, "ESTATE_ID", e.id);
	if ((res = db_query(r->ctx, &SQL_AUDIT_ACTIONS, "i", e.id)) == NULL)
		return;
	while ((rc = db_row(res, "s", &act)) == 1) {
		row = tmpl_row(d, "ACTION_OPT");
		tmpl_set(row, "ACTION", act);
		tmpl_set(row, "ACTION_LABEL", label_action(act));
		if (action && strcmp(action, act) == 0)
			tmpl_show(row, "SELECTED");
	}
	if (rc < 0)
		return;
	if (errs) {
		page_render(r, 400);
		return;
	}
	if (db_one(r->ctx, &SQL_AUDIT_COUNT, "issss", "i", e.id, from, to, action,
	    action, &total) != 1)
		return;
	res = db_query(r->ctx, &SQL_AUDIT_PAGE, "issssii", e.id, from, to, action,
	    action, (int64_t)PER_PAGE, (page - 1) * PER_PAGE);
	if (res == NULL)
		return;
	while ((rc = db_row(res, "sssssiIsissssissssssss", &at, &kind, &who,
	    &act, &entity, &eid, &amount, &detail, &pid, &building, &unit,
	    &room, &occ, &rid, &number, &name, &o.otn, &o.channel, &o.sub,
	    &o.fee_payer, &o.refund_no, &o.gw_refund)) == 1) {
		row = tmpl_row(d, "ENTRY");
		/* DATETIME(6): to the second. */
		tmpl_set(row, "AT", arena_strndup(r->a, at, 19));
		switch (actor_kind_parse(kind)) {
		case ACTOR_OWNER:
			tmpl_set(row, "WHO", arena_printf(r->a, "业主 %s", who));
			break;
		case ACTOR_SYSTEM:
			tmpl_set(row, "WHO", "系统");
			break;
		default:
			tmpl_set(row, "WHO", who[0] ? who : "—");
			break;
		}
		tmpl_set(row, "ACTION", label_action(act));
		tmpl_set(row, "ACTION_KEY", act);
		set_object(r, row, entity, eid, pid, pid ? label_premises(r->a,
		    building, unit, room, occ) : "", rid, number, name, o.otn);
		if (amount != DB_NULL)
			tmpl_set(row, "AMOUNT", signed_money(r, amount));
		if (!order_note(r, row, act, &o))
			set_detail(r, row, act, detail);
	}
	if (rc < 0)
		return;
	if (total == 0)
		tmpl_show(d, "NONE");
	page_pager(r, d, arena_printf(r->a,
	    "/staff/audit?estate=%lld&from=%s&to=%s%s%s", (long long)e.id, from,
	    to, action ? "&action=" : "", action ? form_encode(r->a,
	    action) : ""), page, PER_PAGE, total);
	page_render(r, 200);
}
