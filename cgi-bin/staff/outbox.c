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
 *                                 staff/outbox.tpl). A row says what a
 *                                 team lead asks (a new user's trial):
 *                                 to whom (the owner, the household),
 *                                 what, by which channel to which
 *                                 address, masked (138****1234, an
 *                                 openid's ends), the status and why in
 *                                 words (msgbox_why_staff), when to the
 *                                 minute (China time, as stored). A
 *                                 filter that does not hold is 400 with
 *                                 its message.
 *   GET  /staff/outbox/#          one message: to whom, what, where it
 *                                 went (whole), its words as sent (a
 *                                 login code's digits hidden), its link,
 *                                 and each try at the provider - when,
 *                                 its result, the answer in words and
 *                                 the provider's own (HTTP status, code,
 *                                 message) small beside it, how long it
 *                                 took - and who sent it again, when
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
#include <stdio.h>
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

/*
 * One page of messages (the ids first, then their rows): to whom - the
 * owner, and the household the message is about or else the owner's
 * first - where it went (the address it was sent to, or the owner's
 * for its channel while unsent), and the last try's answer.
 */
SQL_DEF(SQL_OUTBOX_PAGE,
    "SELECT o.id, DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i'), o.topic,"
    " o.channel, o.status, o.last_error,"
    " DATE_FORMAT(o.next_at, '%m-%d %H:%i'), o.next_at > NOW(6), o.held,"
    " COALESCE(ow.name, ''), COALESCE(p.id, 0), COALESCE(bd.name, ''),"
    " COALESCE(p.unit, ''), COALESCE(p.room, ''), COALESCE(p.occupancy, ''),"
    " CASE WHEN o.address <> '' THEN o.address"
    "  WHEN o.channel = 'sms' THEN COALESCE(ow.phone, '')"
    "  WHEN o.channel = 'wechat' THEN COALESCE(ow.wechat_openid, '')"
    "  ELSE COALESCE(ow.app_device, '') END,"
    " la.id IS NOT NULL, COALESCE(la.http_status, 0), COALESCE(la.code, '')"
    " FROM (SELECT o.id FROM outbox o" OUTBOX_WHERE
    "  AND (? = '' OR o.status = ?)"
    "  ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?) pg"
    " JOIN outbox o ON o.id = pg.id"
    " LEFT JOIN owners ow ON ow.id = o.owner_id"
    " LEFT JOIN premises p ON p.id = COALESCE(o.premises_id,"
    "  (SELECT MIN(po.premises_id) FROM premises_owners po"
    "  WHERE po.owner_id = o.owner_id))"
    " LEFT JOIN buildings bd ON bd.id = p.building_id"
    " LEFT JOIN outbox_attempts la ON la.id = (SELECT MAX(x.id)"
    "  FROM outbox_attempts x WHERE x.outbox_id = o.id)"
    " ORDER BY o.created_at DESC, o.id DESC");

SQL_DEF(SQL_OUTBOX_ONE,
    "SELECT COALESCE(o.estate_id, 0), COALESCE(e.name, ''), o.topic,"
    " o.channel, o.status, o.held, o.attempts,"
    " DATE_FORMAT(o.next_at, '%Y-%m-%d %H:%i'), o.next_at > NOW(6),"
    " o.last_error, DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i'),"
    " COALESCE(DATE_FORMAT(o.sent_at, '%Y-%m-%d %H:%i'), ''),"
    " CASE WHEN o.address <> '' THEN o.address"
    "  WHEN o.channel = 'sms' THEN COALESCE(ow.phone, '')"
    "  WHEN o.channel = 'wechat' THEN COALESCE(ow.wechat_openid, '')"
    "  ELSE COALESCE(ow.app_device, '') END, o.address <> '',"
    " o.body, o.link, o.provider_id,"
    " COALESCE(o.owner_id, 0), COALESCE(ow.name, ''), COALESCE(ow.phone, ''),"
    " COALESCE(p.id, 0), COALESCE(bd.name, ''), COALESCE(p.unit, ''),"
    " COALESCE(p.room, ''), COALESCE(p.occupancy, ''), COALESCE(o.run_id, 0),"
    " COALESCE(DATE_FORMAT(br.period_start, '%Y年%c月'), ''),"
    " la.id IS NOT NULL, COALESCE(la.http_status, 0), COALESCE(la.code, '')"
    " FROM outbox o LEFT JOIN estates e ON e.id = o.estate_id"
    " LEFT JOIN owners ow ON ow.id = o.owner_id"
    " LEFT JOIN premises p ON p.id = COALESCE(o.premises_id,"
    "  (SELECT MIN(po.premises_id) FROM premises_owners po"
    "  WHERE po.owner_id = o.owner_id))"
    " LEFT JOIN buildings bd ON bd.id = p.building_id"
    " LEFT JOIN billing_runs br ON br.id = o.run_id"
    " LEFT JOIN outbox_attempts la ON la.id = (SELECT MAX(x.id)"
    "  FROM outbox_attempts x WHERE x.outbox_id = o.id)"
    " WHERE o.id = ? AND o.channel IS NOT NULL");

SQL_DEF(SQL_OUTBOX_ESTATE_OF,
    "SELECT COALESCE(estate_id, 0) FROM outbox"
    " WHERE id = ? AND channel IS NOT NULL");

SQL_DEF(SQL_OUTBOX_ATTEMPTS,
    "SELECT attempt, DATE_FORMAT(at, '%Y-%m-%d %H:%i'), ok, unsure,"
    " http_status, code, answer, took_ms, worker FROM outbox_attempts"
    " WHERE outbox_id = ? ORDER BY id");

/* Who put the message back in the queue, when (msgbox_resend). */
SQL_DEF(SQL_OUTBOX_RESENDS,
    "SELECT DATE_FORMAT(a.at, '%Y-%m-%d %H:%i'), COALESCE(st.name, ''),"
    " a.detail FROM audit_log a"
    " LEFT JOIN staff st ON st.id = a.actor_id AND a.actor_kind = 'staff'"
    " WHERE a.entity = 'outbox' AND a.entity_id = ?"
    " AND a.action = 'outbox.resend' ORDER BY a.id");

/* What the run and owner filters name, in the estate shown (0: all). */
SQL_DEF(SQL_OUTBOX_RUN_NAME,
    "SELECT DATE_FORMAT(period_start, '%Y年%c月') FROM billing_runs"
    " WHERE id = ? AND (? = 0 OR estate_id IS NULL OR estate_id = ?)");
SQL_DEF(SQL_OUTBOX_OWNER_NAME,
    "SELECT name FROM owners WHERE id = ? AND (? = 0 OR estate_id = ?)");

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
 * one is due and, in words, why one failed, is tried again or was
 * skipped (msgbox_why_staff: tried, http and code are its last try's).
 */
static void
state(struct tmpl *row, const char *channel, const char *st, int64_t later,
    const char *next, const char *why, int64_t tried, int64_t http,
    const char *code)
{
	enum msgbox_status	 s = msgbox_status_parse(st);
	const char		*words;

	tmpl_set(row, "STATUS", status_label(st));
	tmpl_set(row, "STATUS_CODE", st);
	if (s == MSGBOX_PENDING && later) {
		tmpl_show(row, "DUE_LATER");
		tmpl_set(row, "NEXT_AT", next);
	}
	words = s < MSGBOX_STATUS__MAX ? msgbox_why_staff(channel, s, why,
	    tried != 0, http, code) : why;
	if (*words != '\0') {
		tmpl_show(row, "HAS_WHY");
		tmpl_set(row, "WHY", words);
	}
	if (s == MSGBOX_DEAD)
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
	const char	*at, *topic, *channel, *st, *why, *next, *name,
			*building, *unit, *room, *occ, *address, *code;
	int64_t		 id, later, held, premises, tried, http, total,
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
		if ((rc = db_one(r->ctx, &SQL_OUTBOX_RUN_NAME, "iii", "s", f.run,
		    f.estate, f.estate, &name)) < 0)
			return;
		tmpl_set(d, "RUN_NAME", rc == 1 ? arena_printf(r->a,
		    "%s出账", name) : "这次出账");
	}
	if (f.owner) {
		tmpl_show(d, "BY_OWNER");
		tmpl_set_int(d, "OWNER", f.owner);
		if ((rc = db_one(r->ctx, &SQL_OUTBOX_OWNER_NAME, "iii", "s",
		    f.owner, f.estate, f.estate, &name)) < 0)
			return;
		tmpl_set(d, "OWNER_NAME", rc == 1 ? name : "这位业主");
	}
	if (f.run || f.owner)
		tmpl_set(d, "UNFILTERED", arena_printf(r->a, "/staff/outbox"
		    "?estate=%lld", (long long)f.estate));
	if ((total = counts(r, d, &f)) < 0)
		return;
	if ((res = db_query(r->ctx, &SQL_OUTBOX_PAGE, "iissssssiiiissii",
	    f.estate, f.estate, f.from, f.to, f.channel, f.channel, f.topic,
	    f.topic, f.run, f.run, f.owner, f.owner, f.status, f.status,
	    (int64_t)PER_PAGE, (page - 1) * PER_PAGE)) == NULL)
		return;
	while ((rc = db_row(res, "issssssiisisssssiis", &id, &at, &topic,
	    &channel, &st, &why, &next, &later, &held, &name, &premises,
	    &building, &unit, &room, &occ, &address, &tried, &http,
	    &code)) == 1) {
		row = tmpl_row(d, "MESSAGE");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "AT", at);
		tmpl_set(row, "WHAT", msgbox_topic_label(topic));
		tmpl_set(row, "CHANNEL", channel_label(channel));
		/* masked on a list: the message's page shows it whole */
		tmpl_set(row, "ADDRESS", msgbox_address_short(r->a, channel,
		    address));
		state(row, channel, st, later, next, why, tried, http, code);
		if (held)
			tmpl_show(row, "HELD");
		tmpl_set(row, "OWNER_NAME", *name ? name : "—");
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

/* How long a try took, in words: 不到 1 秒, 10 秒. */
static const char *
took_words(struct arena *a, int64_t ms)
{
	if (ms < 1000)
		return "不到 1 秒";
	return arena_printf(a, "%lld 秒", (long long)((ms + 500) / 1000));
}

/*
 * Each try at the provider into d's ATTEMPT rows, numbered on through
 * resends (TRIES: how many) - its answer in words (msgbox_answer_words),
 * the provider's own (HTTP status, code, message) beside it, small, for
 * whoever calls the provider - and each resend into RESEND rows (who,
 * when, what it was before). 0 or -1.
 */
static int
history(struct req *r, struct tmpl *d, int64_t id, const char *channel)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*at, *code, *answer, *worker, *by, *detail, *raw;
	char		 was[16];
	int64_t		 n, ok, unsure, http, took;
	long long	 tries;
	enum msgbox_status st;
	int		 rc, any = 0;

	if ((res = db_query(r->ctx, &SQL_OUTBOX_ATTEMPTS, "i", id)) == NULL)
		return -1;
	while ((rc = db_row(res, "isiiissis", &n, &at, &ok, &unsure, &http,
	    &code, &answer, &took, &worker)) == 1) {
		row = tmpl_row(d, "ATTEMPT");
		/* counted on through resends (outbox_attempts.attempt starts
		 * from 1 again after one) */
		tmpl_set_int(row, "N", ++any);
		tmpl_set(row, "AT", at);
		/* unsure: it went out, no answer came (worker/outbox.c) */
		tmpl_show(row, ok ? "OK" : unsure ? "UNSURE" : "FAILED");
		tmpl_set(row, "RESULT_CODE", ok ? "ok" : unsure ? "unsure" :
		    "failed");
		tmpl_set(row, "WORDS", msgbox_answer_words(channel, ok != 0, http,
		    code));
		raw = http > 0 ? arena_printf(r->a, "HTTP %lld", (long long)http) :
		    "无应答";
		if (*code != '\0')
			raw = arena_printf(r->a, "%s · %s", raw, code);
		if (*answer != '\0')
			raw = arena_printf(r->a, "%s · %s", raw, answer);
		tmpl_set(row, "RAW", raw);
		tmpl_set(row, "TOOK", took_words(r->a, took));
	}
	if (rc < 0)
		return -1;
	if (any)
		tmpl_set_int(d, "TRIES", any);
	else
		tmpl_show(d, "NO_ATTEMPTS");
	if ((res = db_query(r->ctx, &SQL_OUTBOX_RESENDS, "i", id)) == NULL)
		return -1;
	while ((rc = db_row(res, "sss", &at, &by, &detail)) == 1) {
		row = tmpl_row(d, "RESEND");
		tmpl_set(row, "AT", at);
		tmpl_set(row, "BY", by);
		/* msgbox_resend's "was dead after 8 tries: ..." */
		if (sscanf(detail, "was %15s after %lld tries", was, &tries) == 2 &&
		    (st = msgbox_status_parse(was)) < MSGBOX_STATUS__MAX)
			tmpl_set(row, "BEFORE", arena_printf(r->a,
			    "（此前%s，已尝试 %lld 次）", msgbox_status_labels[st],
			    tries));
	}
	return rc < 0 ? -1 : 0;
}

void
page_outbox_msg(struct req *r)
{
	struct tmpl	*d;
	const char	*estate_name, *topic, *channel, *st, *next, *why, *at,
			*sent, *address, *body, *link, *provider, *name,
			*phone, *building, *unit, *room, *occ, *period, *code;
	int64_t		 estate, held, tries, later, owner, premises, run,
			 sent_to, tried, http;
	int		 rc;

	if ((rc = scoped(r, r->ids[0])) != 1)
		return;
	if ((rc = db_one(r->ctx, &SQL_OUTBOX_ONE, "i",
	    "issssiisissssisssississssisiis", r->ids[0], &estate, &estate_name,
	    &topic, &channel, &st, &held, &tries, &next, &later, &why, &at,
	    &sent, &address, &sent_to, &body, &link, &provider, &owner, &name,
	    &phone, &premises, &building, &unit, &room, &occ, &run, &period,
	    &tried, &http, &code)) != 1) {
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
	state(d, channel, st, later, next, why, tried, http, code);
	if (held)
		tmpl_show(d, "HELD");
	tmpl_set_int(d, "TRIES", tries);
	tmpl_set(d, "AT", at);
	tmpl_set(d, "SENT_AT", *sent ? sent : "—");
	tmpl_set(d, "ADDRESS", *address ? address : "—");
	/* not sent yet: the owner's address now, which may still change */
	if (!sent_to && *address) {
		tmpl_show(d, "ADDRESS_NOW");
		tmpl_set(d, "ADDRESS_NOTE", msg_channel_parse(channel) == MSG_SMS ?
		    "尚未发出：这是业主现在的手机号" :
		    msg_channel_parse(channel) == MSG_WECHAT ?
		    "尚未发出：这是业主现在绑定的微信" :
		    "尚未发出：这是业主现在登录 App 的设备");
	}
	body = msgbox_body_shown(r->a, topic, body);
	tmpl_set(d, "BODY_TEXT", *body ? body : "（发送时生成）");
	if (*link) {
		tmpl_show(d, "HAS_LINK");
		tmpl_set(d, "LINK", link);
	}
	if (*provider) {
		tmpl_show(d, "HAS_PROVIDER_ID");
		tmpl_set(d, "PROVIDER_ID", provider);
	}
	if (owner) {
		tmpl_show(d, "HAS_OWNER");
		tmpl_set_int(d, "OWNER_ID", owner);
		tmpl_set(d, "OWNER_NAME", name);
		/* As the role sees it (access.c). */
		tmpl_set(d, "OWNER_PHONE", access_phone(r->a, http_sees(r,
		    DATA_OWNER_PHONE, 0), phone));
	}
	if (premises) {
		tmpl_show(d, "HAS_PREMISES");
		tmpl_set_int(d, "PREMISES_ID", premises);
		tmpl_set(d, "PREMISES", label_premises(r->a, building, unit,
		    room, occ));
		if (owner && http_may(r, METHOD_GET,
		    "/households/#/owners/#/messages"))
			tmpl_show(d, "PREFS_LINK");
	}
	if (run) {
		tmpl_show(d, "HAS_RUN");
		tmpl_set_int(d, "RUN", run);
		tmpl_set(d, "RUN_PERIOD", period);
	}
	if (msgbox_resendable(topic, msgbox_status_parse(st), why)) {
		if (http_may(r, METHOD_POST, "/outbox/#/resend"))
			tmpl_show(d, "CAN_RESEND");
		else
			tmpl_show(d, "ASK_RESEND");
	}
	/* after 重发: queued again, or by now sent, or not sent again */
	if (http_query(r, "resent") != NULL)
		switch (msgbox_status_parse(st)) {
		case MSGBOX_PENDING:
		case MSGBOX_SENDING:
			tmpl_show(d, "RESENT");
			break;
		case MSGBOX_SENT:
			tmpl_show(d, "RESENT_SENT");
			break;
		default:
			tmpl_show(d, "RESENT_NOT");
			break;
		}
	if (history(r, d, r->ids[0], channel) < 0)
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
		/* said of every case (a breaker's trial: a failed login
		 * code was refused as if only failed ones could be) */
		page_error(r, 409, "这条消息现在不能重发：已经发出、正在发送或"
		    "按规则不发的消息不重发；验证码只在 5 分钟内有效，"
		    "请让业主重新获取。");
		return;
	default:
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/outbox/%lld?resent=1",
	    (long long)r->ids[0]));
}
