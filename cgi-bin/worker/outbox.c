/*
 * outbox.c - the "outbox.send" job: sends the due messages to owners
 * (core/msg.h) through the providers' adapters (core/msgsend.h).
 *
 * For each message leased (core/outbox.h):
 *   1. the owner's address now (phone, bound openid, app device): a
 *      channel the owner has turned off or unbound since is skipped,
 *      but a login code, and the SMS that a password was set again,
 *      go by SMS whatever was chosen;
 *   2. a held message (an e-bill, a reminder, the shops' quarterly bill)
 *      waits out the estate's quiet hours (default 21:00-08:00 China
 *      time) and the owner's daily limit per channel (estates.
 *      msg_owner_day_max) - pending again later, the try not counted;
 *      a receipt or a login code never waits (issue 11);
 *   3. the words, composed now from what stands now: a reminder whose
 *      bills were paid, waived meanwhile is skipped, not sent (issue 11:
 *      checked at send time, not at queue time);
 *   4. sent; each try kept in outbox_attempts with the provider's
 *      answer. Taken: sent, with its address, words, link and the
 *      provider's id. A passing failure (5xx, no connection, rate
 *      limited): again after a backoff, dead after OUTBOX_TRIES. A
 *      refusal that will not change (a bad number, an unsubscribed
 *      openid): dead at once, for staff to see and resend
 *      (/staff/outbox).
 *   5. No answer after the request went out (our time limit passed, the
 *      connection was lost): "unsure", not "not sent" - the provider may
 *      have taken it, and the big SMS clouds do not deduplicate by OutId
 *      (a breaker's trial: a provider answering after our time limit got
 *      the same SMS 8 times). The rule chosen: an unsure try is followed
 *      by one more try at most; a second unsure try (or running out of
 *      tries after one) ends the message in status 'unsure', 可能已送达,
 *      which staff see in 消息发送 and may resend by hand once they know
 *      the owner did not get it. At most two copies reach the owner. (No
 *      re-query: WeChat's template messages and app pushes cannot be
 *      looked up by our key, and an SMS's delivery report comes later.)
 *
 * Order (a breaker's trial: a login code waited behind hundreds of
 * failing retries): receipts and login codes are claimed on their own,
 * one at a time, login codes first (OUTBOX_URGENT, core/outbox.h), before
 * each batch of e-bills and reminders and again before each message of
 * it, so a slow or failing backlog delays them by one send at most.
 *
 * Delivery is at least once: a worker killed between the provider's
 * answer and the mark leaves the lease to run out and the message is
 * sent again by the next worker, under the same idempotency key (SMS
 * OutId, push sendno), which the provider echoes: a second delivery of
 * the same key is the one duplicate this allows. A worker that lost its
 * lease (another took the message over) changes nothing: core/outbox.h's
 * fence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "arena.h"
#include "conf.h"
#include "ctx.h"
#include "custody.h"
#include "db.h"
#include "deferral.h"
#include "enquiry.h"
#include "jobs.h"
#include "labels.h"
#include "ledger.h"
#include "log.h"
#include "logincode.h"
#include "money.h"
#include "msg.h"
#include "msgsend.h"
#include "outbox.h"
#include "receipt.h"
#include "request.h"
#include "svcreport.h"
#include "worker.h"

#define OUTBOX_BATCH	20
#define OUTBOX_BATCHES	50	/* per look: 1,000 messages */
#define OUTBOX_LOOK_S	10	/* ... or this long, whichever ends first */
#define OUTBOX_LEASE_S	60
#define OUTBOX_TRIES	8
#define OUTBOX_SEND_S	10	/* a provider's answer, at most */
#define OUTBOX_LIMIT_LATER_S	3600	/* the owner's daily limit reached */
#define OUTBOX_URGENT_GAP	20	/* urgent ones sent between two bulk */

SQL_DEF(SQL_OB_OWNER,
    "SELECT phone, notify_sms, notify_wechat, notify_app, wechat_openid,"
    " app_device FROM owners WHERE id = ?");
/* The estate's quiet hours now: 1 if within, and the seconds to their
 * end; the owner's daily limit. Params: estate. */
SQL_DEF(SQL_OB_QUIET,
    "SELECT IF(quiet_from = quiet_to, 0, IF(quiet_from < quiet_to,"
    " CURTIME() >= quiet_from AND CURTIME() < quiet_to,"
    " CURTIME() >= quiet_from OR CURTIME() < quiet_to)),"
    " TIMESTAMPDIFF(SECOND, NOW(), IF(CURTIME() < quiet_to,"
    " TIMESTAMP(CURDATE(), quiet_to),"
    " TIMESTAMP(CURDATE() + INTERVAL 1 DAY, quiet_to))),"
    " msg_owner_day_max FROM estates WHERE id = ?");
/* Held messages sent to an owner by a channel in the last 24 hours. */
/* The daily limit counts bills and reminders only (the settings page's
 * words: 账单和提醒); OUTBOX_LIMITED(topic) says which are limited. */
SQL_DEF(SQL_OB_OWNER_DAY,
    "SELECT COUNT(*) FROM outbox WHERE owner_id = ? AND channel = ?"
    " AND held = 1 AND status = 'sent' AND sent_at > NOW(6) - INTERVAL 1 DAY"
    " AND topic IN ('" MSG_EBILL "', '" MSG_REMINDER "', '"
    MSG_SHOP_QUARTER "')");
#define OUTBOX_LIMITED(t) (strcmp((t), MSG_EBILL) == 0 || \
    strcmp((t), MSG_REMINDER) == 0 || strcmp((t), MSG_SHOP_QUARTER) == 0)
SQL_DEF(SQL_OB_PREMISES,
    "SELECT b.name, p.unit, p.room, p.occupancy, e.name FROM premises p"
    " JOIN buildings b ON b.id = p.building_id"
    " JOIN estates e ON e.id = p.estate_id WHERE p.id = ?");
/* A run's bills of a household: how many, their sum, the periods they
 * span, the first due date, what is still owed on them; and of what
 * settled them, what prepaid balances paid (allocations of source
 * 'prepaid' from payments not voided) and what was waived. */
SQL_DEF(SQL_OB_EBILL,
    "SELECT COUNT(*), COALESCE(SUM(b.amount_fen), 0),"
    " COALESCE(MIN(b.period_start), ''), COALESCE(MAX(b.period_start), ''),"
    " COALESCE(MAX(b.period_months), 1), COALESCE(MIN(b.due_date), ''),"
    " COALESCE(SUM(" LEDGER_OWED_SQL "), 0),"
    " COALESCE(SUM((SELECT COALESCE(SUM(a.amount_fen), 0) FROM allocations a"
    " WHERE a.bill_id = b.id AND a.source = 'prepaid' AND NOT EXISTS"
    " (SELECT 1 FROM payments r WHERE r.reverses_id = a.payment_id))), 0),"
    " COALESCE(SUM(" LEDGER_WAIVED_SQL "), 0)"
    " FROM bills b WHERE b.run_id = ? AND b.premises_id = ?");
/* Of the bills a reminder names (a JSON array, param), those of the
 * household still owed on now: how many, what, the first due date. */
SQL_DEF(SQL_OB_STILL_OWED,
    "SELECT COUNT(*), COALESCE(SUM(" LEDGER_OWED_SQL "), 0),"
    " COALESCE(MIN(" DEFERRAL_DUE_SQL "), '')"
    " FROM bills b WHERE b.premises_id = ? AND b.status IN ('unpaid', 'partial')"
    " AND JSON_CONTAINS(?, CAST(b.id AS CHAR))");
/* The same, by fee item (the shops' 物业费 + 租金). */
SQL_DEF(SQL_OB_OWED_ITEMS,
    "SELECT fi.name, SUM(" LEDGER_OWED_SQL ") FROM bills b"
    " JOIN fee_items fi ON fi.id = b.fee_item_id"
    " WHERE b.premises_id = ? AND b.status IN ('unpaid', 'partial')"
    " AND JSON_CONTAINS(?, CAST(b.id AS CHAR))"
    " GROUP BY fi.id, fi.name ORDER BY fi.id");
/* The same bills by fee item, billed, whatever became of them. */
SQL_DEF(SQL_OB_BILLED_ITEMS,
    "SELECT fi.name, SUM(b.amount_fen) FROM bills b"
    " JOIN fee_items fi ON fi.id = b.fee_item_id"
    " WHERE b.premises_id = ? AND JSON_CONTAINS(?, CAST(b.id AS CHAR))"
    " GROUP BY fi.id, fi.name ORDER BY fi.id");
/* What the household owes now, and of it what is past due (a new
 * user's trial: an e-bill said 待缴 the month's ¥733.20 to an owner 12
 * months behind). */
SQL_DEF(SQL_OB_HOUSEHOLD,
    "SELECT COALESCE(SUM(" LEDGER_OWED_SQL "), 0),"
    " COALESCE(SUM(IF(" DEFERRAL_DUE_SQL " < CURDATE(), " LEDGER_OWED_SQL
    ", 0)), 0)"
    " FROM bills b WHERE b.premises_id = ? AND b.status IN ('unpaid', 'partial')");
/* Whether the household is under a hardship deferral today: a reminder
 * planned before it was approved is not sent (deferral.h). */
SQL_DEF(SQL_OB_DEFERRED,
    "SELECT EXISTS (SELECT 1 FROM deferrals dfr WHERE dfr.premises_id = ?"
    " AND dfr.status = 'approved' AND dfr.starts_on <= CURDATE()"
    " AND dfr.ends_on > CURDATE())");
SQL_DEF(SQL_OB_RECEIPT,
    "SELECT r.verify_code, EXISTS (SELECT 1 FROM receipt_voids v"
    " WHERE v.receipt_id = r.id) FROM receipts r WHERE r.id = ?");
SQL_DEF(SQL_OB_ATTEMPT,
    "INSERT INTO outbox_attempts (estate_id, outbox_id, attempt, at, ok,"
    " unsure, http_status, code, answer, took_ms, worker)"
    " VALUES (?, ?, ?, NOW(6), ?, ?, ?, LEFT(?, 60), LEFT(?, 300), ?,"
    " LEFT(?, 100))");
/* A login code is kept no longer than it is needed (its hash is in
 * login_codes). */
SQL_DEF(SQL_OB_FORGET_CODE,
    "UPDATE outbox SET payload = '{}' WHERE id = ? AND topic = 'login.code'");
/* Whether a login code may still be used: not expired, spent or tried
 * out, and still its phone's latest (a breaker's trial: a code held back
 * by a rate-limited provider arrived after it expired, or after a newer
 * one, and its try was wasted). Params: the code's row, LCODE_TRIES. */
SQL_DEF(SQL_OB_CODE_LIVE,
    "SELECT lc.expires_at > NOW(6) AND lc.used_at IS NULL AND lc.tries < ?"
    " AND NOT EXISTS (SELECT 1 FROM login_codes n WHERE n.phone = lc.phone"
    " AND n.id > lc.id) FROM login_codes lc WHERE lc.id = ?");
/* Whom an owner calls: the estate's service centre and its phone. */
/* A member of staff's message (sql/036): by SMS to their phone, as an
 * owner who chose SMS alone. */
SQL_DEF(SQL_OB_STAFF,
    "SELECT phone, 1, 0, 0, '', '' FROM staff WHERE id = ? AND active = 1");

/* A service request's words (issue 12). */
SQL_DEF(SQL_OB_REQUEST,
    "SELECT r.category, COALESCE(r.premises_id, 0), r.public_area, r.plan,"
    " e.name FROM service_requests r JOIN estates e ON e.id = r.estate_id"
    " WHERE r.id = ?");

SQL_DEF(SQL_OB_ENQUIRY,
    "SELECT q.category, e.name FROM enquiries q"
    " JOIN estates e ON e.id = q.estate_id WHERE q.id = ?");

/* A custody task done (core/custody.c): the task, the day, the premises. */
SQL_DEF(SQL_OB_CUSTODY,
    "SELECT t.kind, DATE_FORMAT(l.done_on, '%Y-%m-%d'), l.agreement_id,"
    " e.name, b.name, p.unit, p.room, p.occupancy"
    " FROM custody_logs l JOIN custody_tasks t ON t.id = l.task_id"
    " JOIN estates e ON e.id = l.estate_id"
    " JOIN custody_agreements a ON a.id = l.agreement_id"
    " JOIN premises p ON p.id = a.premises_id"
    " JOIN buildings b ON b.id = p.building_id WHERE l.id = ?");
SQL_DEF(SQL_OB_DEFERRAL,
    "SELECT d.status, COALESCE(d.ends_on, ''), d.decision_note, e.name"
    " FROM deferrals d JOIN estates e ON e.id = d.estate_id WHERE d.id = ?");

SQL_DEF(SQL_OB_ESTATE,
    "SELECT service_centre, phone FROM estates WHERE id = ?");

/* The first backoff of a failed message, ms (conf outbox_backoff_ms,
 * default 2 s; doubled each try, jittered: jobs.h). */
static int64_t
backoff(void)
{
	return conf_int("outbox_backoff_ms", 2000, 10, 600000);
}

/* The owner portal's address (conf public_url). */
static const char *
portal(void)
{
	const char	*base = conf_get("public_url", NULL);

	return base == NULL || *base == '\0' ? "http://127.0.0.1:8080" : base;
}

static void
param(struct msg_out *o, const char *name, const char *value)
{
	if (o->nparams < MSG_PARAMS_MAX) {
		o->names[o->nparams] = name;
		o->values[o->nparams++] = value;
	}
}

/* A payload's member as text ("" if none); an array as its JSON. */
static const char *
member(struct ctx *ctx, const char *payload, const char *name)
{
	json_t		*root, *v;
	json_error_t	 je;
	const char	*s = "";
	char		*js;

	if ((root = json_loads(payload, 0, &je)) == NULL)
		return "";
	v = json_object_get(root, name);
	if (json_is_string(v))
		s = arena_strdup(ctx->a, json_string_value(v));
	else if (json_is_integer(v))
		s = arena_printf(ctx->a, "%lld", (long long)json_integer_value(v));
	else if (v != NULL && (js = json_dumps(v, JSON_COMPACT |
	    JSON_ENCODE_ANY)) != NULL) {
		s = arena_strdup(ctx->a, js);
		free(js);
	}
	json_decref(root);
	return s;
}

/* The household's words: 3栋2单元301室; its estate's name in *estate. */
static const char *
premises_words(struct ctx *ctx, int64_t premises_id, const char **estate)
{
	const char	*b, *u, *r, *occ;

	*estate = "";
	if (premises_id == DB_NULL || db_one(ctx, &SQL_OB_PREMISES, "i",
	    "sssss", premises_id, &b, &u, &r, &occ, estate) != 1)
		return NULL;
	return label_premises(ctx->a, b, u, r, occ);
}

static const char *
yuan(struct ctx *ctx, int64_t fen)
{
	char	 m[MONEY_FMT_MAX];

	return arena_strdup(ctx->a, money_fmt(m, fen));
}

/* Composition's outcome. */
enum compose { COMPOSED, SKIP, CFAIL };

/*
 * How a run's bills of a household that owe nothing now were settled, in
 * the words of an e-bill composed now, not when the run queued it (a
 * breaker's trial: bills paid in cash before the e-bill went out were
 * said to be 已由预存余额抵扣): all waived 已减免; all paid by prepaid
 * balances 已由预存余额抵扣; else (cash, the counter, online, or a mix)
 * 已缴清. An e-bill of settled bills is still sent (the owner's record of
 * the bill), saying so; a reminder of them is skipped.
 */
static const char *
settled_words(int64_t amount, int64_t prepaid, int64_t waived)
{
	if (waived >= amount)
		return "已减免";
	if (prepaid >= amount)
		return "已由预存余额抵扣";
	return "已缴清";
}

/* An e-bill: the run's bills of the household, one message. */
static enum compose
ebill(struct ctx *ctx, const struct outbox_msg *m, struct msg_out *o,
    const char **why)
{
	const char	*where, *estate, *first, *last, *due, *period, *debt;
	int64_t		 n, amount, months, owed, total, overdue, prepaid,
			 waived;

	if ((where = premises_words(ctx, m->premises_id, &estate)) == NULL ||
	    db_one(ctx, &SQL_OB_EBILL, "ii", "iissisiii", m->run_id,
	    m->premises_id, &n, &amount, &first, &last, &months, &due, &owed,
	    &prepaid, &waived) != 1)
		return CFAIL;
	if (n == 0) {
		*why = "这次出账没有本户的账单";
		return SKIP;
	}
	if (db_one(ctx, &SQL_OB_HOUSEHOLD, "i", "ii", m->premises_id, &total,
	    &overdue) != 1)
		return CFAIL;
	period = strcmp(first, last) == 0 ? label_period(ctx->a, first,
	    (int)months) : arena_printf(ctx->a, "%s至%s",
	    label_period(ctx->a, first, 1), label_period(ctx->a, last, 1));
	o->title = arena_printf(ctx->a, "%s电子账单", estate);
	/* nothing owed: its bills, not 去缴费 */
	o->link = arena_printf(ctx->a, total > 0 ? "%s/premises/%lld/pay" :
	    "%s/premises/%lld/bills", portal(), (long long)m->premises_id);
	param(o, "premises", where);
	param(o, "period", period);
	param(o, "amount", yuan(ctx, amount));
	param(o, "owed", yuan(ctx, total));
	param(o, "due", label_date(ctx->a, due));
	param(o, "link", o->link);
	debt = overdue > 0 ? arena_printf(ctx->a, "（其中已逾期¥%s）",
	    yuan(ctx, overdue)) : "";
	if (owed > 0)
		o->text = arena_printf(ctx->a, "%s%s账单¥%s已出账。本户目前共"
		    "待缴¥%s%s，请于%s前缴纳。点此缴费：%s", where, period,
		    yuan(ctx, amount), yuan(ctx, total), debt,
		    label_date(ctx->a, due), o->link);
	else if (total > 0)
		/* these settled, older ones not (a payment that named them) */
		o->text = arena_printf(ctx->a, "%s%s账单¥%s已出账，%s。本户另有"
		    "¥%s待缴%s。点此缴费：%s", where, period, yuan(ctx, amount),
		    settled_words(amount, prepaid, waived), yuan(ctx, total),
		    debt, o->link);
	else
		o->text = arena_printf(ctx->a, "%s%s账单¥%s已出账，%s，目前无需"
		    "缴费。查看账单：%s", where, period, yuan(ctx, amount),
		    settled_words(amount, prepaid, waived), o->link);
	return COMPOSED;
}

/* "物业费¥a、租金¥b" of a quarter's bills by item (what is owed on them
 * now, or when billed is 1 what was billed), and their sum in *total;
 * NULL on a database failure. */
static const char *
shop_items(struct ctx *ctx, int billed, int64_t premises, const char *bills,
    int64_t *total)
{
	struct db_res	*res;
	const char	*item, *items = "";
	int64_t		 fen;

	*total = 0;
	res = billed ? db_query(ctx, &SQL_OB_BILLED_ITEMS, "is", premises, bills) :
	    db_query(ctx, &SQL_OB_OWED_ITEMS, "is", premises, bills);
	if (res == NULL)
		return NULL;
	while (db_row(res, "si", &item, &fen) == 1) {
		items = arena_printf(ctx->a, "%s%s%s¥%s", items, *items ? "、" :
		    "", item, yuan(ctx, fen));
		*total += fen;
	}
	db_done(res);
	return ctx->db_failed ? NULL : items;
}

/*
 * The shops' quarterly bill of a quarter settled before it went out (a
 * breaker's trial: 51 of 94 shops that had paid got no bill for the
 * quarter, skipped as a reminder is): sent all the same, as an e-bill of
 * settled bills is, saying so (once per shop and quarter, issue 11).
 */
static enum compose
shop_settled(struct ctx *ctx, const struct outbox_msg *m, struct msg_out *o,
    const char *where, const char *bills, const char **why)
{
	const char	*items, *estate = "", *quarter;
	int64_t		 total;

	(void)premises_words(ctx, m->premises_id, &estate);
	if ((items = shop_items(ctx, 1, m->premises_id,
	    bills, &total)) == NULL)
		return CFAIL;
	if (*items == '\0') {
		*why = "这次出账没有本户的账单";
		return SKIP;
	}
	quarter = member(ctx, m->payload, "quarter");
	o->title = arena_printf(ctx->a, "%s商铺季度账单", estate);
	o->link = arena_printf(ctx->a, "%s/premises/%lld/bills", portal(),
	    (long long)m->premises_id);
	param(o, "premises", where);
	param(o, "amount", yuan(ctx, total));
	param(o, "due", "已结清");
	param(o, "quarter", quarter);
	param(o, "items", items);
	param(o, "link", o->link);
	o->text = arena_printf(ctx->a, "%s%s物业费和租金合并账单：%s，合计¥%s，"
	    "已结清，目前无需缴费。查看账单：%s", where, quarter, items,
	    yuan(ctx, total), o->link);
	return COMPOSED;
}

/* A reminder, or the shops' quarterly bill: the bills it names that are
 * still owed now, or skipped (a settled quarter's bill is sent all the
 * same: shop_settled). */
static enum compose
reminder(struct ctx *ctx, const struct outbox_msg *m, struct msg_out *o,
    const char **why)
{
	const char	*where, *estate, *bills, *due, *stage, *items;
	int64_t		 n, owed, fen, total, overdue, deferred;
	int		 shop = strcmp(m->topic, MSG_SHOP_QUARTER) == 0;

	bills = member(ctx, m->payload, "bills");
	if ((where = premises_words(ctx, m->premises_id, &estate)) == NULL ||
	    db_one(ctx, &SQL_OB_STILL_OWED, "is", "iis", m->premises_id, bills,
	    &n, &owed, &due) != 1)
		return CFAIL;
	if ((n == 0 || owed == 0) && shop)
		return shop_settled(ctx, m, o, where, bills, why);
	if (n == 0 || owed == 0) {
		*why = "账单已缴清或已减免，不再提醒";
		return SKIP;
	}
	if (!shop) {
		if (db_one(ctx, &SQL_OB_DEFERRED, "i", "i", m->premises_id,
		    &deferred) != 1)
			return CFAIL;
		if (deferred) {
			*why = "缓交期间不催缴";
			return SKIP;
		}
	}
	o->link = arena_printf(ctx->a, "%s/premises/%lld/pay", portal(),
	    (long long)m->premises_id);
	param(o, "premises", where);
	param(o, "amount", yuan(ctx, owed));
	param(o, "due", label_date(ctx->a, due));
	if (shop) {
		/* 物业费¥a、租金¥b */
		if ((items = shop_items(ctx, 0,
		    m->premises_id, bills, &fen)) == NULL)
			return CFAIL;
		o->title = arena_printf(ctx->a, "%s商铺季度账单", estate);
		param(o, "quarter", member(ctx, m->payload, "quarter"));
		param(o, "items", items);
		param(o, "link", o->link);
		o->text = arena_printf(ctx->a, "%s%s物业费和租金合并账单：%s，"
		    "合计¥%s，请于%s前缴纳。点此缴费：%s", where,
		    member(ctx, m->payload, "quarter"), items, yuan(ctx, owed),
		    label_date(ctx->a, due), o->link);
		return COMPOSED;
	}
	param(o, "link", o->link);
	/* the household's whole debt, not the bills of today's stage (a
	 * new user's trial: "1笔账单共¥624.98" to an owner 5 months behind) */
	if (db_one(ctx, &SQL_OB_HOUSEHOLD, "i", "ii", m->premises_id, &total,
	    &overdue) != 1)
		return CFAIL;
	param(o, "owed", yuan(ctx, total));
	param(o, "overdue", yuan(ctx, overdue));
	stage = member(ctx, m->payload, "stage");
	o->title = arena_printf(ctx->a, "%s缴费提醒", estate);
	o->text = arena_printf(ctx->a, "%s目前共待缴¥%s%s，%s。点此缴费：%s",
	    where, yuan(ctx, total), overdue > 0 ? arena_printf(ctx->a,
	    "（其中已逾期¥%s）", yuan(ctx, overdue)) : "",
	    strcmp(stage, "before") == 0 ? arena_printf(ctx->a,
	    "有账单将于%s到期", label_date(ctx->a, due)) :
	    strcmp(stage, "due") == 0 ? "有账单今天到期" :
	    "请尽快缴纳", o->link);
	return COMPOSED;
}

/* A compose function's lookup of what its message is about: db_one's
 * (or a loader's) 1 composes on, 0 is skipped saying `missing`, else the
 * message is tried again later. */
static enum compose
found(int rc, const char **why, const char *missing)
{
	if (rc == 1)
		return COMPOSED;
	if (rc == 0) {
		*why = missing;
		return SKIP;
	}
	return CFAIL;
}

/* The e-receipt: a link to the receipt in the owner portal. */
static enum compose
receipt(struct ctx *ctx, const struct outbox_msg *m, struct msg_out *o,
    const char **why)
{
	const char	*code, *number, *where, *estate;
	int64_t		 id, voided;
	enum compose	 got;

	id = strtoll(member(ctx, m->payload, "receipt_id"), NULL, 10);
	number = member(ctx, m->payload, "number");
	if ((got = found(db_one(ctx, &SQL_OB_RECEIPT, "i", "si", id, &code,
	    &voided), why, "收据不存在")) != COMPOSED)
		return got;
	if (voided) {
		*why = "收据已作废";
		return SKIP;
	}
	if ((where = premises_words(ctx, m->premises_id, &estate)) == NULL)
		return CFAIL;
	o->title = arena_printf(ctx->a, "%s电子收据", estate);
	/* the owner's own receipt (PDF, after logging in): the public
	 * check page /r/CODE masks the names and has no download (a new
	 * user's trial) */
	(void)code;
	o->link = receipt_owner_url(ctx, id);
	param(o, "premises", where);
	param(o, "amount", yuan(ctx, strtoll(member(ctx, m->payload,
	    "amount_fen"), NULL, 10)));
	param(o, "number", number);
	param(o, "link", o->link);
	o->text = arena_printf(ctx->a, "%s缴费¥%s已收到，电子收据号%s。"
	    "查看收据：%s", where, o->values[1], number, o->link);
	return COMPOSED;
}

/*
 * A login code: the words sent hold the code; the words kept do not. A
 * reset's code says it is one (issue 11: it read as a login code), and
 * that nothing changes if it is ignored. The SMS template's parameters
 * carry the words: what the code is for, the code, the advice.
 */
static enum compose
login_code(struct ctx *ctx, const struct outbox_msg *m, struct msg_out *o,
    const char **kept, const char **why)
{
	const char	*code = member(ctx, m->payload, "code");
	const char	*id = member(ctx, m->payload, "code_id");
	const char	*what, *tip;
	int64_t		 live = 1;

	if (strlen(code) != 6)
		return CFAIL;
	/* one that can no longer be used is not sent */
	if (*id != '\0' && db_one(ctx, &SQL_OB_CODE_LIVE, "ii", "i",
	    (int64_t)LCODE_TRIES, strtoll(id, NULL, 10), &live) < 0)
		return CFAIL;
	if (!live) {
		*why = "验证码已过期或已有新的验证码，不再发送";
		return SKIP;
	}
	if (strcmp(member(ctx, m->payload, "purpose"), "reset") == 0) {
		what = "重置密码验证码";
		tip = "5分钟内有效，用于重新设置物业缴费账户的登录密码。"
		    "如非本人操作，请忽略本短信，您的密码不会改变；"
		    "不要把验证码告诉任何人。";
	} else {
		what = "登录验证码";
		tip = "5分钟内有效。如非本人操作，请忽略本短信，"
		    "不要把验证码告诉任何人。";
	}
	param(o, "what", what);
	param(o, "code", code);
	param(o, "tip", tip);
	o->title = what;
	o->text = arena_printf(ctx->a, "%s%s，%s", what, code, tip);
	*kept = arena_printf(ctx->a, "%s******，%s（验证码不在此显示）", what,
	    tip);
	o->link = "";
	return COMPOSED;
}

/*
 * The password was set again with a code (core/logincode.c): when, and
 * whom to call if it was not the owner.
 */
static enum compose
password_changed(struct ctx *ctx, const struct outbox_msg *m,
    struct msg_out *o)
{
	const char	*at = member(ctx, m->payload, "at"), *centre = "";
	const char	*phone = "", *who, *when;

	if (m->estate_id != DB_NULL && db_one(ctx, &SQL_OB_ESTATE, "i", "ss",
	    m->estate_id, &centre, &phone) < 0)
		return CFAIL;
	if (*centre == '\0')
		centre = "小区物业服务中心";
	who = *phone != '\0' ? arena_printf(ctx->a, "%s（电话%s）", centre,
	    phone) : centre;
	/* "2026-11-30 14:35": 2026年11月30日 14:35 */
	when = strlen(at) >= 16 ? arena_printf(ctx->a, "%s %s",
	    label_date(ctx->a, at), at + 11) : "刚刚";
	param(o, "what", "密码已修改");
	param(o, "at", when);
	param(o, "tip", arena_printf(ctx->a, "您的物业缴费账户登录密码已用短信"
	    "验证码重新设置。如非本人操作，请立即联系%s。", who));
	o->title = "密码已修改";
	o->text = arena_printf(ctx->a, "您的物业缴费账户登录密码已于%s用短信"
	    "验证码重新设置。如非本人操作，请立即联系%s。", when, who);
	o->link = "";
	return COMPOSED;
}

/* A service request's facts for its messages: the request the payload
 * names, its category's words, where (the premises, or the public area),
 * its plan and its estate's name. */
struct rq_facts {
	int64_t		 id;
	const char	*category, *where, *plan, *estate;
};

static enum compose
request_facts(struct ctx *ctx, const struct outbox_msg *m,
    struct rq_facts *f, const char **why)
{
	const char	*cat, *area, *pe;
	int64_t		 premises;
	enum rq_category c;
	enum compose	 got;

	f->id = strtoll(member(ctx, m->payload, "request"), NULL, 10);
	if ((got = found(db_one(ctx, &SQL_OB_REQUEST, "i", "sisss", f->id, &cat,
	    &premises, &area, &f->plan, &f->estate), why, "报修记录不存在")) !=
	    COMPOSED)
		return got;
	f->where = premises > 0 ? premises_words(ctx, premises, &pe) : area;
	if (f->where == NULL)
		return CFAIL;
	c = rq_category_parse(cat);
	f->category = c < RQ_CATEGORY__MAX ? rq_category_labels[c] : "报修";
	return COMPOSED;
}

/* Text typed by staff, without the full stop it may end with: the
 * message adds its own (a trial read "注意安全。。查看进度"). */
static const char *
without_stop(struct arena *a, const char *s)
{
	static const char *const stops[] = { "。", "．", ".", "！", "!",
	    "；", ";", "，", "," };
	size_t	 n = strlen(s), k, i;
	int	 cut = 1;

	while (cut && n > 0)
		for (cut = 0, i = 0; i < sizeof(stops) / sizeof(stops[0]);
		    i++) {
			k = strlen(stops[i]);
			if (n >= k && memcmp(s + n - k, stops[i], k) == 0) {
				n -= k;
				cut = 1;
				break;
			}
		}
	return arena_printf(a, "%.*s", (int)n, s);
}

/*
 * A service request's step (core/request.c): what happened, in words
 * for the owner, with a link to the request in the portal. The
 * follow-up itself says nothing: its outcome (closed or reopened) does.
 */
static enum compose
request_stage(struct ctx *ctx, const struct outbox_msg *m,
    struct msg_out *o, const char **why)
{
	struct rq_facts	 f;
	enum compose	 got;
	const char	*what;

	if ((got = request_facts(ctx, m, &f, why)) != COMPOSED)
		return got;
	switch (rq_event_parse(member(ctx, m->payload, "event"))) {
	case RQE_LOGGED:
		what = "已登记，客服将在24小时内受理";
		break;
	case RQE_RECEIVED:
		what = "客服已受理，将在48小时内答复处理方案";
		break;
	case RQE_PLANNED:
		what = arena_printf(ctx->a, "处理方案：%s",
		    without_stop(ctx->a, f.plan));
		break;
	case RQE_DISPATCHED:
		what = "已派工程部处理";
		break;
	case RQE_DONE:
		what = "已处理完成，收费员将在3天内回访";
		break;
	case RQE_CLOSED:
		what = "已结案，感谢您的反馈";
		break;
	case RQE_REOPENED:
		what = "您对处理结果不满意，我们将重新处理";
		break;
	case RQE_LATE:
		what = "处理超时，已催办相关人员，请谅解";
		break;
	default:
		*why = "这一步不通知业主";
		return SKIP;
	}
	o->title = arena_printf(ctx->a, "%s报事报修", f.estate);
	o->link = arena_printf(ctx->a, "%s/requests/%lld", portal(),
	    (long long)f.id);
	param(o, "category", f.category);
	param(o, "where", f.where);
	param(o, "what", what);
	param(o, "link", o->link);
	o->text = arena_printf(ctx->a, "您报的%s问题（%s）%s。查看进度：%s",
	    f.category, f.where, what, o->link);
	return COMPOSED;
}

/*
 * A service request's next actor, or the team lead of a late step: what
 * is theirs to do, where, and the request's page in the back office.
 * Nothing of the owner (no name, no phone): the page shows what the
 * reader may see.
 */
static enum compose
request_staff(struct ctx *ctx, const struct outbox_msg *m,
    struct msg_out *o, const char **why)
{
	struct rq_facts	 f;
	enum compose	 got;
	enum rq_status	 late_in;
	const char	*what;

	if ((got = request_facts(ctx, m, &f, why)) != COMPOSED)
		return got;
	late_in = rq_status_parse(member(ctx, m->payload, "late_in"));
	switch (rq_event_parse(member(ctx, m->payload, "event"))) {
	case RQE_LOGGED:
		what = "新登记，请在24小时内受理";
		break;
	case RQE_REOPENED:
		what = "业主不满意，请在48小时内重新答复处理方案";
		break;
	case RQE_DISPATCHED:
		what = "已派工程部，请上门处理";
		break;
	case RQE_DONE:
		what = "已处理完成，请在3天内回访业主";
		break;
	case RQE_LATE:
		what = arena_printf(ctx->a, "“%s”这一步已超时，请督促处理",
		    late_in < RQ_STATUS__MAX ? rq_status_labels[late_in] : "");
		break;
	default:
		*why = "这一步不通知员工";
		return SKIP;
	}
	o->title = arena_printf(ctx->a, "%s报事报修", f.estate);
	o->link = arena_printf(ctx->a, "%s/staff/requests/%lld", portal(),
	    (long long)f.id);
	param(o, "category", f.category);
	param(o, "where", f.where);
	param(o, "what", what);
	param(o, "link", o->link);
	o->text = arena_printf(ctx->a, "报事报修：%s（%s）%s。%s",
	    f.category, f.where, what, o->link);
	return COMPOSED;
}

/*
 * An answer to a question the owner asked in the portal (core/enquiry.c):
 * that it is answered and where to read it - not the answer itself, which
 * may be long and is the owner's alone behind the login.
 */
static enum compose
enquiry_answered(struct ctx *ctx, const struct outbox_msg *m,
    struct msg_out *o, const char **why)
{
	const char	*cat, *estate, *words;
	int64_t		 id;
	enum enq_category c;
	enum compose	 got;

	id = strtoll(member(ctx, m->payload, "enquiry"), NULL, 10);
	if ((got = found(db_one(ctx, &SQL_OB_ENQUIRY, "i", "ss", id, &cat,
	    &estate), why, "咨询记录不存在")) != COMPOSED)
		return got;
	c = enq_category_parse(cat);
	words = c < ENQ_CATEGORY__MAX ? enq_category_owner_labels[c] : "收费";
	o->title = arena_printf(ctx->a, "%s物业答复", estate);
	o->link = arena_printf(ctx->a, "%s/enquiries/%lld", portal(),
	    (long long)id);
	param(o, "category", words);
	param(o, "link", o->link);
	o->text = arena_printf(ctx->a, "您在网上提的问题（%s）物业已经答复，"
	    "请查看：%s", words, o->link);
	return COMPOSED;
}

/*
 * A vacant-unit custody task done (core/custody.c): which task, on which
 * day, for which premises, and the agreement's page in the portal where
 * the log and its photos are.
 */
static enum compose
custody_done(struct ctx *ctx, const struct outbox_msg *m,
    struct msg_out *o, const char **why)
{
	const char	*kind, *day, *estate, *bld, *unit, *room, *occ, *task;
	const char	*where;
	int64_t		 agreement;
	enum custody_kind k;
	enum compose	 got;

	if ((got = found(db_one(ctx, &SQL_OB_CUSTODY, "i", "ssisssss",
	    strtoll(member(ctx, m->payload, "log"), NULL, 10), &kind, &day,
	    &agreement, &estate, &bld, &unit, &room, &occ), why,
	    "托管记录不存在")) != COMPOSED)
		return got;
	k = custody_kind_parse(kind);
	task = k < CUSTODY_KIND__MAX ? custody_kind_labels[k] : kind;
	where = label_premises(ctx->a, bld, unit, room, occ);
	o->title = arena_printf(ctx->a, "%s空置房托管", estate);
	o->link = arena_printf(ctx->a, "%s/custody/%lld", portal(),
	    (long long)agreement);
	param(o, "premises", where);
	param(o, "task", task);
	param(o, "day", label_date(ctx->a, day));
	param(o, "link", o->link);
	o->text = arena_printf(ctx->a, "您的房屋%s托管服务：%s已完成（%s），"
	    "记录和照片请查看：%s", where, task, label_date(ctx->a, day),
	    o->link);
	return COMPOSED;
}

/*
 * A manager's decision on a hardship deferral (core/deferral.c): approved
 * with the day it ends (the bills' new due date), or not, with the
 * reason; and where the portal shows it.
 */
static enum compose
deferral_decided(struct ctx *ctx, const struct outbox_msg *m,
    struct msg_out *o, const char **why)
{
	const char	*status, *ends, *note, *estate, *where, *e2;
	enum compose	 got;

	if ((got = found(db_one(ctx, &SQL_OB_DEFERRAL, "i", "ssss",
	    strtoll(member(ctx, m->payload, "deferral"), NULL, 10), &status,
	    &ends, &note, &estate), why, "缓交申请不存在")) != COMPOSED)
		return got;
	if ((where = premises_words(ctx, m->premises_id, &e2)) == NULL)
		return CFAIL;
	o->title = arena_printf(ctx->a, "%s缓交申请审批结果", estate);
	o->link = arena_printf(ctx->a, "%s/deferrals", portal());
	param(o, "premises", where);
	param(o, "link", o->link);
	if (strcmp(status, "approved") == 0) {
		param(o, "result", "已批准");
		param(o, "ends", label_date(ctx->a, ends));
		o->text = arena_printf(ctx->a, "%s的缓交申请已批准，所选账单"
		    "缓交至%s，期间不产生催缴提醒。详情：%s", where,
		    label_date(ctx->a, ends), o->link);
	} else {
		param(o, "result", "未批准");
		param(o, "reason", note);
		o->text = arena_printf(ctx->a, "%s的缓交申请未获批准：%s。"
		    "如有疑问请联系物业服务中心。详情：%s", where, note, o->link);
	}
	return COMPOSED;
}

/*
 * A monthly service report published (core/svcreport.c): the estate and
 * month, the work done and the requests solved, and the report's page in
 * the portal (which leads to its PDF).
 */
static enum compose
service_report(struct ctx *ctx, const struct outbox_msg *m,
    struct msg_out *o, const char **why)
{
	struct svc_report	 r;
	const char		*work;
	enum compose		 got;

	if ((got = found(svc_report_load(ctx, strtoll(member(ctx, m->payload,
	    "report"), NULL, 10), &r), why, "服务月报不存在")) != COMPOSED)
		return got;
	work = arena_printf(ctx->a, "保洁%lld次、绿化养护%lld次、公共设施维修"
	    "%lld项，解决报修%lld件", (long long)r.f.logs[SVC_CLEANING],
	    (long long)r.f.logs[SVC_GREENING], (long long)r.f.logs[SVC_REPAIR],
	    (long long)r.f.rq_solved);
	o->title = arena_printf(ctx->a, "%s物业服务月报", r.estate);
	o->link = arena_printf(ctx->a, "%s/reports/%lld", portal(),
	    (long long)r.id);
	param(o, "estate", r.estate);
	param(o, "month", r.month_words);
	param(o, "work", work);
	param(o, "link", o->link);
	o->text = arena_printf(ctx->a, "%s%s物业服务月报已发布：%s。查看月报："
	    "%s", r.estate, r.month_words, work, o->link);
	return COMPOSED;
}

/*
 * A try's outcome, settled in one transaction with its record (a commit
 * each cost the worker a third of its speed: issue 11's bench, 43
 * messages a second against the adapters' 341).
 */
struct settle {
	const struct outbox_msg	*m;
	const char		*owner;
	const struct msg_out	*o;
	const struct msg_answer	*a;
	const char		*kept;	/* a code's words without it, or NULL */
	int64_t			 took_ms;
	int			 config;	/* the channel's keys are missing */
	int			 final;		/* out: an unsure try was the last */
};

/* The try's record (an unsure one says so in its words too: the staff
 * page shows the answer), then the message's new state; a login code's
 * words are forgotten once it is not sent again (sql/029). A message
 * whose lease was lost meanwhile keeps its state (core/outbox.h's
 * fence); the try is kept all the same. */
static int
settle_tx(struct ctx *ctx, void *arg)
{
	struct settle		*s = arg;
	const struct outbox_msg	*m = s->m;
	const struct msg_answer	*a = s->a;
	const char		*body = s->kept ? s->kept : s->o->text;
	int64_t			 unsure = a->result == MSG_UNSURE;
	int			 forget, rc;

	if (db_exec(ctx, &SQL_OB_ATTEMPT, "Iiiiiissis", m->estate_id, m->id,
	    m->attempts, (int64_t)(!s->config && a->result == MSG_SENT),
	    unsure, (int64_t)a->http_status, a->code, unsure ?
	    arena_printf(ctx->a, "未收到答复，可能已送达：%s", a->answer) :
	    a->answer, s->took_ms, s->owner) < 0)
		return -1;
	/* a failed try's words too: staff read what did not arrive */
	if ((s->config || a->result == MSG_REFUSED || a->result == MSG_RETRY) &&
	    outbox_tried_words(ctx, m->id, s->owner, s->o->address, body,
	    s->o->link) < 0)
		return -1;
	if (s->config) {
		/* an operator's fix, tried again in a while */
		rc = outbox_failed(ctx, m, s->owner, a->answer, 600000,
		    OUTBOX_TRIES);
		forget = 0;
	} else switch (a->result) {
	case MSG_UNSURE:
		/* at most one more try (see the top of this file) */
		rc = outbox_unsure(ctx, m, s->owner, s->o->address, body,
		    s->o->link, arena_printf(ctx->a, "可能已送达（未收到答复）"
		    "：%s", a->answer), job_backoff_ms(ctx, m->attempts,
		    backoff(), 600000), OUTBOX_TRIES, &s->final);
		forget = s->final;
		break;
	case MSG_SENT:
		rc = outbox_sent(ctx, m->id, s->owner, s->o->address, body,
		    s->o->link, a->provider_id);
		forget = 1;
		break;
	case MSG_REFUSED:
		/* a refusal that will not change: dead at once */
		rc = outbox_failed(ctx, m, s->owner, arena_printf(ctx->a,
		    "%s %s", a->code, a->answer), 0, m->attempts);
		forget = 1;
		break;
	case MSG_RETRY:
	default:
		rc = outbox_failed(ctx, m, s->owner, arena_printf(ctx->a,
		    "%s %s", a->code, a->answer), job_backoff_ms(ctx,
		    m->attempts, a->rate_limited ? 30 * backoff() : backoff(),
		    600000), OUTBOX_TRIES);
		forget = m->attempts >= OUTBOX_TRIES;
		break;
	}
	if (rc < 0)
		return -1;
	if (forget && s->kept != NULL &&
	    db_exec(ctx, &SQL_OB_FORGET_CODE, "i", m->id) < 0)
		return -1;
	return 0;
}

static int64_t
ms_since(const struct timespec *t0)
{
	struct timespec	 t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (int64_t)(t1.tv_sec - t0->tv_sec) * 1000 +
	    (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * One leased message, settled: sent, skipped, later, again after a
 * backoff, or dead. Returns 0, or -1 when it could not be settled (its
 * lease then runs out and it is taken again).
 */
static int
send_one(struct ctx *ctx, const char *owner, const struct outbox_msg *m)
{
	struct msg_out		 o;
	struct msg_answer	 a;
	struct timespec		 t0;
	struct settle		 st;
	enum compose		 c;
	const char		*phone, *openid, *device, *why = "", *kept;
	int64_t			 sms, wechat, app, quiet, until, max, sent;
	int			 ch, rc;

	memset(&o, 0, sizeof(o));
	if ((ch = msg_channel_parse(m->channel)) < 0)
		return outbox_skipped(ctx, m->id, owner, "no channel");
	if (m->owner_id == DB_NULL && m->staff_id != DB_NULL)
		rc = db_one(ctx, &SQL_OB_STAFF, "i", "siiiss", m->staff_id,
		    &phone, &sms, &wechat, &app, &openid, &device);
	else
		rc = db_one(ctx, &SQL_OB_OWNER, "i", "siiiss", m->owner_id,
		    &phone, &sms, &wechat, &app, &openid, &device);
	switch (rc) {
	case 1:
		break;
	case 0:
		return outbox_skipped(ctx, m->id, owner, m->owner_id == DB_NULL ?
		    "员工不存在或已停用" : "业主不存在");
	default:
		return -1;
	}
	o.channel = (enum msg_channel)ch;
	o.topic = m->topic;
	o.idem_key = m->idem_key;
	o.address = ch == MSG_SMS ? phone : ch == MSG_WECHAT ? openid : device;
	if (*o.address == '\0')
		return outbox_skipped(ctx, m->id, owner, "没有接收地址（未绑定）");
	/* a code, and the SMS that the password changed, go whatever the
	 * owner chose */
	if (strcmp(m->topic, MSG_LOGIN_CODE) != 0 &&
	    !(ch == MSG_SMS && strcmp(m->topic, MSG_PASSWORD_CHANGED) == 0) &&
	    !(ch == MSG_SMS ? sms : ch == MSG_WECHAT ? wechat : app))
		return outbox_skipped(ctx, m->id, owner, "业主已关闭这个渠道");
	if (m->held && m->estate_id != DB_NULL) {
		if (db_one(ctx, &SQL_OB_QUIET, "i", "iii", m->estate_id, &quiet,
		    &until, &max) != 1)
			return -1;
		if (quiet)
			return outbox_later(ctx, m->id, owner, until > 0 ?
			    until : 60);
		/* a repair's step, an answer, the monthly report: held for
		 * the night only (a trial: a repair's 结案 waited a day
		 * behind the owner's own repair messages) */
		if (OUTBOX_LIMITED(m->topic) && db_one(ctx,
		    &SQL_OB_OWNER_DAY, "is", "i", m->owner_id, m->channel,
		    &sent) != 1)
			return -1;
		if (OUTBOX_LIMITED(m->topic) && sent >= max)
			return outbox_later(ctx, m->id, owner,
			    OUTBOX_LIMIT_LATER_S);
	}
	kept = NULL;
	if (strcmp(m->topic, MSG_EBILL) == 0)
		c = ebill(ctx, m, &o, &why);
	else if (strcmp(m->topic, MSG_REMINDER) == 0 ||
	    strcmp(m->topic, MSG_SHOP_QUARTER) == 0)
		c = reminder(ctx, m, &o, &why);
	else if (strcmp(m->topic, MSG_RECEIPT) == 0)
		c = receipt(ctx, m, &o, &why);
	else if (strcmp(m->topic, MSG_LOGIN_CODE) == 0)
		c = login_code(ctx, m, &o, &kept, &why);
	else if (strcmp(m->topic, MSG_PASSWORD_CHANGED) == 0)
		c = password_changed(ctx, m, &o);
	else if (strcmp(m->topic, MSG_REQUEST) == 0)
		c = request_stage(ctx, m, &o, &why);
	else if (strcmp(m->topic, MSG_REQUEST_STAFF) == 0)
		c = request_staff(ctx, m, &o, &why);
	else if (strcmp(m->topic, MSG_SERVICE_REPORT) == 0)
		c = service_report(ctx, m, &o, &why);
	else if (strcmp(m->topic, MSG_ENQUIRY) == 0)
		c = enquiry_answered(ctx, m, &o, &why);
	else if (strcmp(m->topic, MSG_CUSTODY) == 0)
		c = custody_done(ctx, m, &o, &why);
	else if (strcmp(m->topic, MSG_DEFERRAL) == 0)
		c = deferral_decided(ctx, m, &o, &why);
	else {
		why = "unknown topic";
		c = SKIP;
	}
	if (c == SKIP) {
		if (outbox_skipped(ctx, m->id, owner, why) < 0)
			return -1;
		/* a code not sent is not kept either (sql/029) */
		return strcmp(m->topic, MSG_LOGIN_CODE) == 0 &&
		    db_exec(ctx, &SQL_OB_FORGET_CODE, "i", m->id) < 0 ? -1 : 0;
	}
	if (c == CFAIL) {
		ctx->db_failed = 0;
		return outbox_failed(ctx, m, owner, "cannot compose the message",
		    job_backoff_ms(ctx, m->attempts, backoff(), 600000),
		    OUTBOX_TRIES);
	}
	switch (outbox_renew(ctx, m->id, owner, OUTBOX_LEASE_S)) {
	case 1:
		break;
	case 0:
		return 0;	/* another worker has it now */
	default:
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&a, 0, sizeof(a));
	memset(&st, 0, sizeof(st));
	st.config = msg_send(ctx, &o, OUTBOX_SEND_S, &a) < 0;
	st.m = m;
	st.owner = owner;
	st.o = &o;
	st.a = &a;
	st.kept = kept;
	st.took_ms = ms_since(&t0);
	if (st.config)
		log_warnx("outbox: message %lld (%s by %s): %s", (long long)m->id,
		    m->topic, m->channel, a.answer);
	else if (a.result == MSG_UNSURE)
		log_warnx("outbox: message %lld (%s by %s) attempt %lld: no "
		    "answer after sending, may have been delivered: %s",
		    (long long)m->id, m->topic, m->channel,
		    (long long)m->attempts, a.answer);
	else if (a.result != MSG_SENT)
		log_warnx("outbox: message %lld (%s by %s) attempt %lld: %s%s %s",
		    (long long)m->id, m->topic, m->channel,
		    (long long)m->attempts, a.result == MSG_REFUSED ?
		    "refused: " : "", a.code, a.answer);
	return db_tx(ctx, settle_tx, &st) == 0 ? 0 : -1;
}

/*
 * Receipts and login codes due now, one at a time (each claimed just
 * before it is sent: none waits in a batch behind a slow one), at most
 * max of them. Returns how many were leased (those not settled counted
 * in *failed), or -1.
 */
static int
send_urgent(struct ctx *ctx, const char *owner, int max, int *failed)
{
	struct outbox_msg	 m;
	int			 n, i;

	for (i = 0; i < max; i++) {
		if ((n = outbox_claim(ctx, owner, OUTBOX_LEASE_S,
		    OUTBOX_URGENT, &m, 1)) < 0)
			return -1;
		if (n == 0)
			break;
		if (send_one(ctx, owner, &m) < 0) {
			ctx->db_failed = 0;
			(*failed)++;
		}
	}
	return i;
}

/* One batch of e-bills and reminders: leased, sent, settled, the urgent
 * ones due sent before each. Returns how many were leased (those not
 * settled counted in *failed), or -1. */
static int
send_batch(struct ctx *ctx, const char *owner, int *failed)
{
	struct outbox_msg	 m[OUTBOX_BATCH];
	int			 n, i;

	if (send_urgent(ctx, owner, OUTBOX_URGENT_GAP, failed) < 0 ||
	    (n = outbox_claim(ctx, owner, OUTBOX_LEASE_S, OUTBOX_BULK, m,
	    OUTBOX_BATCH)) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (i > 0 && send_urgent(ctx, owner, OUTBOX_URGENT_GAP,
		    failed) < 0)
			return -1;
		if (send_one(ctx, owner, &m[i]) < 0) {
			ctx->db_failed = 0;
			(*failed)++;
		}
	}
	return n;
}

/*
 * Batch after batch while they come full (a backlog drains at the
 * sender's speed, not 20 every 2 seconds: a breaker's trial left 15,678
 * messages pending), up to OUTBOX_BATCHES in one look; then the urgent
 * ones left (a burst of receipts larger than the gaps took).
 */
static int
outbox_look_over(const struct timespec *t0)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec - t0->tv_sec >= OUTBOX_LOOK_S;
}

int
job_outbox_send(struct ctx *ctx, const struct job *j, const char *owner,
    char *err, size_t errlen)
{
	struct timespec	 t0;
	int		 n, b, failed = 0;

	(void)j;
	/* A look ends after OUTBOX_LOOK_S too, so that the worker's thread
	 * gets back to the queued jobs (a billing run waited over 5 minutes
	 * behind a backlog of 15,000 messages: make soak); the next look
	 * is 2 s later. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (b = 0; b < OUTBOX_BATCHES && !outbox_look_over(&t0); b++) {
		if ((n = send_batch(ctx, owner, &failed)) < 0) {
			snprintf(err, errlen, "cannot lease outbox messages");
			return -1;
		}
		ctx_reset(ctx);
		if (n < OUTBOX_BATCH)
			break;
	}
	for (b = 0; b < OUTBOX_BATCHES && !outbox_look_over(&t0); b++) {
		if ((n = send_urgent(ctx, owner, OUTBOX_BATCH, &failed)) < 0) {
			snprintf(err, errlen, "cannot lease outbox messages");
			return -1;
		}
		ctx_reset(ctx);
		if (n < OUTBOX_BATCH)
			break;
	}
	if (failed) {
		snprintf(err, errlen, "%d outbox messages not settled", failed);
		return -1;
	}
	return 0;
}
