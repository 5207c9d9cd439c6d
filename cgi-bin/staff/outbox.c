/*
 * outbox.c - 消息发送: the messages propfee sent owners, or is sending,
 * for those who answer owners' "I never got it" (issue 11: team leads,
 * managers, customer service, the admin).
 *
 *   GET  /staff/outbox            an estate's messages, newest first, 50
 *                                 a page, filtered by channel, status,
 *                                 date (from/to, the day queued), topic,
 *                                 and a billing run or an owner when a
 *                                 link names one; each status's count for
 *                                 the other filters on top (templates/
 *                                 staff/outbox.tpl). A filter that does
 *                                 not hold is 400 with its message.
 *   GET  /staff/outbox/#          one message: to whom, what, its words
 *                                 as sent (a login code's digits hidden),
 *                                 and each try at the provider - when,
 *                                 its result, HTTP status, the provider's
 *                                 code and answer, how long it took -
 *                                 and who sent it again, when
 *                                 (templates/staff/outbox_msg.tpl)
 *   POST /staff/outbox/#/resend   a message that failed (dead), or was
 *                                 skipped by an error, is queued again
 *                                 now with its tries from 0 (its
 *                                 attempts kept), audited: 303 back;
 *                                 409 for any other; managers and team
 *                                 leads only (main.c)
 *
 * Outside the user's estates a message is 404, as any record; one of no
 * estate is the company's staff's alone.
 */
#include <string.h>

#include "arena.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "msgbox.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

#define PER_PAGE	50

/*
 * The filters; each is left out when its parameter is '' or 0. estate
 * 0: every estate (the company's staff only). Params: estate x2, from,
 * to, channel x2, topic x2, run x2, owner x2.
 */
#define OUTBOX_WHERE \
    " WHERE (? = 0 OR o.estate_id = ?) AND o.channel IS NOT NULL" \
    " AND o.created_at >= ? AND o.created_at < ? + INTERVAL 1 DAY" \
    " AND (? = '' OR o.channel = ?) AND (? = '' OR o.topic = ?)" \
    " AND (? = 0 OR o.run_id = ?) AND (? = 0 OR o.owner_id = ?)"

SQL_DEF(SQL_OUTBOX_COUNTS,
    "SELECT o.status, COUNT(*) FROM outbox o" OUTBOX_WHERE
    " GROUP BY o.status");

SQL_DEF(SQL_OUTBOX_PAGE,
    "SELECT o.id, DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s'), o.topic,"
    " o.channel, o.status, o.attempts, o.last_error,"
    " DATE_FORMAT(o.next_at, '%m-%d %H:%i'), o.next_at > NOW(6), o.held,"
    " COALESCE(ow.name, ''), COALESCE(ow.phone, ''), COALESCE(o.owner_id, 0),"
    " COALESCE(o.premises_id, 0), COALESCE(bd.name, ''), COALESCE(p.unit, ''),"
    " COALESCE(p.room, ''), COALESCE(p.occupancy, ''), o.address"
    " FROM outbox o LEFT JOIN owners ow ON ow.id = o.owner_id"
    " LEFT JOIN premises p ON p.id = o.premises_id"
    " LEFT JOIN buildings bd ON bd.id = p.building_id"
    OUTBOX_WHERE " AND (? = '' OR o.status = ?)"
    " ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?");

SQL_DEF(SQL_OUTBOX_ONE,
    "SELECT COALESCE(o.estate_id, 0), COALESCE(e.name, ''), o.topic,"
    " o.channel, o.status, o.held, o.attempts,"
    " DATE_FORMAT(o.next_at, '%Y-%m-%d %H:%i:%s'), o.next_at > NOW(6),"
    " o.last_error, DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s'),"
    " COALESCE(DATE_FORMAT(o.sent_at, '%Y-%m-%d %H:%i:%s'), ''),"
    " o.address, o.body, o.link, o.provider_id, o.idem_key,"
    " COALESCE(o.owner_id, 0), COALESCE(ow.name, ''), COALESCE(ow.phone, ''),"
    " COALESCE(o.premises_id, 0), COALESCE(bd.name, ''), COALESCE(p.unit, ''),"
    " COALESCE(p.room, ''), COALESCE(p.occupancy, ''), COALESCE(o.run_id, 0)"
    " FROM outbox o LEFT JOIN estates e ON e.id = o.estate_id"
    " LEFT JOIN owners ow ON ow.id = o.owner_id"
    " LEFT JOIN premises p ON p.id = o.premises_id"
    " LEFT JOIN buildings bd ON bd.id = p.building_id"
    " WHERE o.id = ? AND o.channel IS NOT NULL");

SQL_DEF(SQL_OUTBOX_ESTATE_OF,
    "SELECT COALESCE(estate_id, 0) FROM outbox"
    " WHERE id = ? AND channel IS NOT NULL");

SQL_DEF(SQL_OUTBOX_ATTEMPTS,
    "SELECT attempt, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), ok, http_status,"
    " code, answer, took_ms, worker FROM outbox_attempts"
    " WHERE outbox_id = ? ORDER BY id");

/* Who put the message back in the queue, when (msgbox_resend). */
SQL_DEF(SQL_OUTBOX_RESENDS,
    "SELECT DATE_FORMAT(a.at, '%Y-%m-%d %H:%i:%s'), COALESCE(st.name, ''),"
    " a.detail FROM audit_log a"
    " LEFT JOIN staff st ON st.id = a.actor_id AND a.actor_kind = 'staff'"
    " WHERE a.entity = 'outbox' AND a.entity_id = ?"
    " AND a.action = 'outbox.resend' ORDER BY a.id");

enum { F_ESTATE, F_CHANNEL, F_STATUS, F_TOPIC, F_FROM, F_TO, F_RUN, F_OWNER,
    F__MAX };

static const struct field fields[F__MAX] = {
	/* 0: every estate, for staff of every estate */
	{ "estate", "小区", V_INT, 0, 0, INT64_MAX / 2, NULL },
	/* channel and status are read against msg.h's and msgbox.h's
	 * lists (choice() below) */
	{ "channel", "发送方式", V_TEXT, 0, 1, 20, NULL },
	{ "status", "状态", V_TEXT, 0, 1, 20, NULL },
	{ "topic", "消息类型", V_CHOICE, 0, 0, 0, msgbox_topic_codes },
	{ "from", "开始日期", V_DATE, 0, 0, 0, NULL },
	{ "to", "结束日期", V_DATE, 0, 0, 0, NULL },
	{ "run", "出账批次", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "owner", "业主", V_INT, 0, 1, INT64_MAX / 2, NULL },
};

/* A channel's or a status's words, or the code itself. */
static const char *
channel_label(const char *code)
{
	int	 c = msg_channel_parse(code);

	return c >= 0 ? msg_channel_labels[c] : code;
}

static const char *
status_label(const char *code)
{
	enum msgbox_status	 st = msgbox_status_parse(code);

	return st < MSGBOX_STATUS__MAX ? msgbox_status_labels[st] : code;
}

/* The filters as read, for the statements and the links. */
struct filter {
	int64_t		 estate;	/* 0: every estate */
	const char	*channel, *status, *topic, *from, *to;
	int64_t		 run, owner;
	const char	*query;		/* ?estate=..&channel=.. without status */
};

/*
 * Reads the filters into f and v: a channel or status not of the lists
 * is an error by its field, as is a from after to. Returns the fields
 * in error.
 */
static int
read_filters(struct req *r, struct fval *v, struct filter *f)
{
	int	 errs = valid_fields(r, fields, F__MAX, v);

	if (v[F_CHANNEL].set && !v[F_CHANNEL].err &&
	    msg_channel_parse(v[F_CHANNEL].s) < 0) {
		v[F_CHANNEL].err = "请从列表中选择发送方式";
		errs++;
	}
	if (v[F_STATUS].set && !v[F_STATUS].err &&
	    msgbox_status_parse(v[F_STATUS].s) == MSGBOX_STATUS__MAX) {
		v[F_STATUS].err = "请从列表中选择状态";
		errs++;
	}
	if (v[F_FROM].set && v[F_TO].set && !v[F_FROM].err && !v[F_TO].err &&
	    strcmp(v[F_FROM].s, v[F_TO].s) > 0) {
		v[F_TO].err = "结束日期不能早于开始日期";
		errs++;
	}
	memset(f, 0, sizeof(*f));
#define OK(i)	(v[i].set && !v[i].err)
	f->channel = OK(F_CHANNEL) ? v[F_CHANNEL].s : "";
	f->status = OK(F_STATUS) ? v[F_STATUS].s : "";
	f->topic = OK(F_TOPIC) ? v[F_TOPIC].s : "";
	f->from = OK(F_FROM) ? v[F_FROM].s : "2000-01-01";
	f->to = OK(F_TO) ? v[F_TO].s : "9999-12-30";
	f->run = OK(F_RUN) ? v[F_RUN].i : 0;
	f->owner = OK(F_OWNER) ? v[F_OWNER].i : 0;
	/* every value is a code of a list, a date or a number: safe in a
	 * URL as it is */
	f->query = arena_printf(r->a, "?estate=%lld%s%s%s%s%s%s%s%s",
	    (long long)(OK(F_ESTATE) ? v[F_ESTATE].i : 0),
	    *f->channel ? "&channel=" : "", f->channel,
	    *f->topic ? "&topic=" : "", f->topic,
	    OK(F_FROM) ? "&from=" : "", OK(F_FROM) ? f->from : "",
	    OK(F_TO) ? "&to=" : "", OK(F_TO) ? f->to : "");
	if (f->run)
		f->query = arena_printf(r->a, "%s&run=%lld", f->query,
		    (long long)f->run);
	if (f->owner)
		f->query = arena_printf(r->a, "%s&owner=%lld", f->query,
		    (long long)f->owner);
#undef OK
	return errs;
}

/* Each status's count under f into d's COUNT rows; returns the total of
 * f's status (all when none), or -1. */
static int64_t
counts(struct req *r, struct tmpl *d, const struct filter *f)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*st;
	int64_t		 n, by[MSGBOX_STATUS__MAX] = { 0 }, all = 0;
	enum msgbox_status s;
	int		 rc, i;

	if ((res = db_query(r->ctx, &SQL_OUTBOX_COUNTS, "iissssssiiii",
	    f->estate, f->estate, f->from, f->to, f->channel, f->channel,
	    f->topic, f->topic, f->run, f->run, f->owner, f->owner)) == NULL)
		return -1;
	while ((rc = db_row(res, "si", &st, &n)) == 1)
		if ((s = msgbox_status_parse(st)) < MSGBOX_STATUS__MAX) {
			by[s] = n;
			all += n;
		}
	if (rc < 0)
		return -1;
	row = tmpl_row(d, "COUNT");
	tmpl_set(row, "LABEL", "全部");
	tmpl_set(row, "CODE", "");
	tmpl_set_int(row, "N", all);
	tmpl_set(row, "HREF", arena_printf(r->a, "/staff/outbox%s", f->query));
	if (*f->status == '\0')
		tmpl_show(row, "CURRENT");
	for (i = 0; i < MSGBOX_STATUS__MAX; i++) {
		row = tmpl_row(d, "COUNT");
		tmpl_set(row, "LABEL", msgbox_status_labels[i]);
		tmpl_set(row, "CODE", msgbox_status_codes[i]);
		tmpl_set_int(row, "N", by[i]);
		tmpl_set(row, "HREF", arena_printf(r->a, "/staff/outbox%s"
		    "&status=%s", f->query, msgbox_status_codes[i]));
		if (strcmp(f->status, msgbox_status_codes[i]) == 0)
			tmpl_show(row, "CURRENT");
		if (i == MSGBOX_DEAD && by[i] > 0)
			tmpl_show(row, "ALERT");
	}
	s = msgbox_status_parse(f->status);
	return s < MSGBOX_STATUS__MAX ? by[s] : all;
}

/* The pickers of channel, status and topic, f's values selected. */
static void
pickers(struct tmpl *d, const struct filter *f)
{
	struct tmpl	*row;
	int		 i;

	for (i = 0; i < MSG_CHANNEL__MAX; i++) {
		row = tmpl_row(d, "CHANNEL_OPT");
		tmpl_set(row, "CODE", msg_channel_codes[i]);
		tmpl_set(row, "LABEL", msg_channel_labels[i]);
		if (strcmp(f->channel, msg_channel_codes[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
	for (i = 0; i < MSGBOX_STATUS__MAX; i++) {
		row = tmpl_row(d, "STATUS_OPT");
		tmpl_set(row, "CODE", msgbox_status_codes[i]);
		tmpl_set(row, "LABEL", msgbox_status_labels[i]);
		if (strcmp(f->status, msgbox_status_codes[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
	for (i = 0; msgbox_topic_codes[i] != NULL; i++) {
		row = tmpl_row(d, "TOPIC_OPT");
		tmpl_set(row, "CODE", msgbox_topic_codes[i]);
		tmpl_set(row, "LABEL", msgbox_topic_label(msgbox_topic_codes[i]));
		if (strcmp(f->topic, msgbox_topic_codes[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
}

/*
 * A message's state as staff read it: the status, with when a pending
 * one is due and why one failed or was skipped.
 */
static void
state(struct tmpl *row, const char *st, int64_t later, const char *next,
    const char *why)
{
	tmpl_set(row, "STATUS", status_label(st));
	tmpl_set(row, "STATUS_CODE", st);
	if (strcmp(st, "pending") == 0 && later) {
		tmpl_show(row, "DUE_LATER");
		tmpl_set(row, "NEXT_AT", next);
	}
	if (*why != '\0') {
		tmpl_show(row, "HAS_WHY");
		tmpl_set(row, "WHY", why);
	}
	if (strcmp(st, "dead") == 0)
		tmpl_show(row, "IS_DEAD");
}

void
page_outbox(struct req *r)
{
	struct fval	 v[F__MAX];
	struct filter	 f;
	struct tmpl	*d, *row;
	struct estate	 e;
	struct db_res	*res;
	const char	*at, *topic, *channel, *st, *why, *next, *name, *phone,
			*building, *unit, *room, *occ, *address;
	int64_t		 id, tries, later, held, owner, premises, total,
			 page = page_number(r);
	int		 errs, rc;

	errs = read_filters(r, v, &f);
	d = page_new(r, "staff/outbox.tpl", "消息发送");
	if (v[F_ESTATE].set && !v[F_ESTATE].err && v[F_ESTATE].i == 0) {
		if (!r->ctx->actor.all_estates) {
			page_error(r, 404, NULL);
			return;
		}
		f.estate = 0;
		tmpl_show(d, "ALL_SELECTED");
		tmpl_set(d, "ESTATE_NAME", "全部小区");
		if (scope_estate(r, -1, &(struct estate){ 0, NULL }, d) < 0)
			return;
	} else {
		if ((rc = scope_estate(r, v[F_ESTATE].set && !v[F_ESTATE].err ?
		    v[F_ESTATE].i : 0, &e, d)) != 1) {
			if (rc == 0)
				page_error(r, 404, NULL);
			return;
		}
		f.estate = e.id;
		/* the links name the estate shown */
		f.query = arena_printf(r->a, "?estate=%lld%s", (long long)e.id,
		    strchr(f.query + 1, '&') ? strchr(f.query + 1, '&') : "");
	}
	if (r->ctx->actor.all_estates)
		tmpl_show(d, "CAN_ALL");
	valid_to_tmpl(d, fields, F__MAX, v);
	pickers(d, &f);
	if (f.run) {
		tmpl_show(d, "BY_RUN");
		tmpl_set_int(d, "RUN", f.run);
	}
	if (f.owner) {
		tmpl_show(d, "BY_OWNER");
		tmpl_set_int(d, "OWNER", f.owner);
	}
	if ((total = counts(r, d, &f)) < 0)
		return;
	if ((res = db_query(r->ctx, &SQL_OUTBOX_PAGE, "iissssssiiiissii",
	    f.estate, f.estate, f.from, f.to, f.channel, f.channel, f.topic,
	    f.topic, f.run, f.run, f.owner, f.owner, f.status, f.status,
	    (int64_t)PER_PAGE, (page - 1) * PER_PAGE)) == NULL)
		return;
	while ((rc = db_row(res, "issssissiissiisssss", &id, &at, &topic,
	    &channel, &st, &tries, &why, &next, &later, &held, &name, &phone,
	    &owner, &premises, &building, &unit, &room, &occ, &address)) == 1) {
		row = tmpl_row(d, "MESSAGE");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "AT", at);
		tmpl_set(row, "WHAT", msgbox_topic_label(topic));
		tmpl_set(row, "CHANNEL", channel_label(channel));
		tmpl_set_int(row, "TRIES", tries);
		state(row, st, later, next, why);
		if (held)
			tmpl_show(row, "HELD");
		tmpl_set(row, "OWNER_NAME", name);
		tmpl_set(row, "ADDRESS", *address ? address : phone);
		if (premises) {
			tmpl_show(row, "HAS_PREMISES");
			tmpl_set_int(row, "PREMISES_ID", premises);
			tmpl_set(row, "PREMISES", label_premises(r->a, building,
			    unit, room, occ));
		}
	}
	if (rc < 0)
		return;
	if (total == 0)
		tmpl_show(d, "NONE");
	page_pager(r, d, arena_printf(r->a, "/staff/outbox%s%s%s", f.query,
	    *f.status ? "&status=" : "", f.status), page, PER_PAGE, total);
	page_render(r, errs ? 400 : 200);
}

/*
 * The message's estate (0: none) if the user may see it: 1; 0 after
 * answering 404 (no such message, or outside the user's estates); -1.
 */
static int
scoped(struct req *r, int64_t id)
{
	int64_t	 estate;
	int	 rc;

	if ((rc = db_one(r->ctx, &SQL_OUTBOX_ESTATE_OF, "i", "i", id,
	    &estate)) < 0)
		return -1;
	if (rc == 0 || (estate ? !scope_sees(r, estate) :
	    !r->ctx->actor.all_estates)) {
		page_error(r, 404, NULL);
		return 0;
	}
	return 1;
}

/* Each try at the provider into d's ATTEMPT rows, each resend into
 * RESEND rows. 0 or -1. */
static int
history(struct req *r, struct tmpl *d, int64_t id)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*at, *code, *answer, *worker, *by, *detail;
	int64_t		 n, ok, http, took;
	int		 rc;

	if ((res = db_query(r->ctx, &SQL_OUTBOX_ATTEMPTS, "i", id)) == NULL)
		return -1;
	while ((rc = db_row(res, "isiissis", &n, &at, &ok, &http, &code,
	    &answer, &took, &worker)) == 1) {
		row = tmpl_row(d, "ATTEMPT");
		tmpl_set_int(row, "N", n);
		tmpl_set(row, "AT", at);
		tmpl_show(row, ok ? "OK" : "FAILED");
		tmpl_set(row, "RESULT_CODE", ok ? "ok" : "failed");
		if (http > 0)
			tmpl_set_int(row, "HTTP", http);
		else
			tmpl_set(row, "HTTP", "无应答");
		tmpl_set(row, "CODE", code);
		tmpl_set(row, "ANSWER", answer);
		tmpl_set_int(row, "TOOK_MS", took);
		tmpl_set(row, "WORKER", worker);
	}
	if (rc < 0)
		return -1;
	if ((res = db_query(r->ctx, &SQL_OUTBOX_RESENDS, "i", id)) == NULL)
		return -1;
	while ((rc = db_row(res, "sss", &at, &by, &detail)) == 1) {
		row = tmpl_row(d, "RESEND");
		tmpl_set(row, "AT", at);
		tmpl_set(row, "BY", by);
		tmpl_set(row, "DETAIL", detail);
	}
	return rc < 0 ? -1 : 0;
}

void
page_outbox_msg(struct req *r)
{
	struct tmpl	*d;
	const char	*estate_name, *topic, *channel, *st, *next, *why, *at,
			*sent, *address, *body, *link, *provider, *key, *name,
			*phone, *building, *unit, *room, *occ;
	int64_t		 estate, held, tries, later, owner, premises, run;
	int		 rc;

	if ((rc = scoped(r, r->ids[0])) != 1)
		return;
	if ((rc = db_one(r->ctx, &SQL_OUTBOX_ONE, "i",
	    "issssiisissssssssississssi", r->ids[0], &estate, &estate_name,
	    &topic, &channel, &st, &held, &tries, &next, &later, &why, &at,
	    &sent, &address, &body, &link, &provider, &key, &owner, &name,
	    &phone, &premises, &building, &unit, &room, &occ, &run)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	d = page_new(r, "staff/outbox_msg.tpl", "消息");
	tmpl_set_int(d, "ID", r->ids[0]);
	tmpl_set_int(d, "ESTATE_ID", estate);
	tmpl_set(d, "ESTATE_NAME", *estate_name ? estate_name : "全部小区");
	tmpl_set(d, "WHAT", msgbox_topic_label(topic));
	tmpl_set(d, "TOPIC", topic);
	tmpl_set(d, "CHANNEL", channel_label(channel));
	state(d, st, later, next, why);
	if (held)
		tmpl_show(d, "HELD");
	tmpl_set_int(d, "TRIES", tries);
	tmpl_set(d, "AT", at);
	tmpl_set(d, "SENT_AT", *sent ? sent : "—");
	tmpl_set(d, "ADDRESS", *address ? address : "—");
	body = msgbox_body_shown(r->a, topic, body);
	tmpl_set(d, "BODY_TEXT", *body ? body : "（发送时生成）");
	tmpl_set(d, "LINK", *link ? link : "—");
	tmpl_set(d, "PROVIDER_ID", *provider ? provider : "—");
	tmpl_set(d, "KEY", key);
	if (owner) {
		tmpl_show(d, "HAS_OWNER");
		tmpl_set_int(d, "OWNER_ID", owner);
		tmpl_set(d, "OWNER_NAME", name);
		tmpl_set(d, "OWNER_PHONE", phone);
	}
	if (premises) {
		tmpl_show(d, "HAS_PREMISES");
		tmpl_set_int(d, "PREMISES_ID", premises);
		tmpl_set(d, "PREMISES", label_premises(r->a, building, unit,
		    room, occ));
	}
	if (run) {
		tmpl_show(d, "HAS_RUN");
		tmpl_set_int(d, "RUN", run);
	}
	if (msgbox_resendable(topic, msgbox_status_parse(st), why)) {
		if (http_may(r, METHOD_POST, "/outbox/#/resend"))
			tmpl_show(d, "CAN_RESEND");
		else
			tmpl_show(d, "ASK_RESEND");
	}
	if (http_query(r, "resent") != NULL)
		tmpl_show(d, "RESENT");
	if (history(r, d, r->ids[0]) < 0)
		return;
	page_render(r, 200);
}

void
page_outbox_resend(struct req *r)
{
	int	 rc;

	if ((rc = scoped(r, r->ids[0])) != 1)
		return;
	switch (msgbox_resend(r->ctx, r->ids[0])) {
	case 0:
		break;
	case MSGBOX_NOT_FOUND:
		page_error(r, 404, NULL);
		return;
	case MSGBOX_NOT_RESENDABLE:
		page_error(r, 409, "这条消息不能重发：只有发送失败（或因故障未发送）"
		    "的消息可以重发，它可能已经发出或正在发送。");
		return;
	default:
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/outbox/%lld?resent=1",
	    (long long)r->ids[0]));
}
