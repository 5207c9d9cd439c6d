/*
 * messages.c - 消息: what was sent to the signed-in owner (issue 11).
 *
 *   GET /messages      every message to the owner, newest first, paged,
 *                      one row a message however many channels it went
 *                      by: what (电子账单, 缴费提醒 ...), when (China
 *                      time, to the minute), by which channels in what
 *                      state in plain words (已通过 短信、微信 发送; 微信
 *                      发送失败), and where it leads (去缴费, 查看收据)
 *                      (templates/owner/messages.tpl); none at all: one
 *                      card saying what will come here, and 接收设置
 *   GET /messages/#    one message - # is any of its channels' rows -
 *                      each channel's state and its words as sent;
 *                      another owner's, or none, is 404
 *                      (templates/owner/message.tpl)
 *
 * A message is an outbox row per channel (sql/028_messages.sql), each
 * under its cause's key and "/channel" (msg.h: "ebill/RUN/PREMISES/sms",
 * "receipt.issued/42/wechat"): the rows of one owner whose keys differ
 * only in that last part are one message. The list counts and pages
 * causes, not rows, so a page holds PER_PAGE messages and none is split
 * between two pages.
 *
 * A login code's digits are never shown (msgbox_body_shown). The owner
 * chooses the channels on /messages/settings (msgsettings.c).
 */
#include <string.h>

#include "arena.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "msg.h"
#include "msgbox.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"

#define PER_PAGE	20

/*
 * The cause a row shares with the message's other channels: its key
 * without the "/channel" msg_queue added; a key not so made (a row
 * written another way) stands alone. One per alias of outbox.
 */
#define CAUSE_O \
    "IF(o.idem_key LIKE CONCAT('%/', o.channel), LEFT(o.idem_key," \
    " CHAR_LENGTH(o.idem_key) - CHAR_LENGTH(o.channel) - 1), o.idem_key)"
#define CAUSE_X \
    "IF(x.idem_key LIKE CONCAT('%/', x.channel), LEFT(x.idem_key," \
    " CHAR_LENGTH(x.idem_key) - CHAR_LENGTH(x.channel) - 1), x.idem_key)"
#define CAUSE_Y \
    "IF(y.idem_key LIKE CONCAT('%/', y.channel), LEFT(y.idem_key," \
    " CHAR_LENGTH(y.idem_key) - CHAR_LENGTH(y.channel) - 1), y.idem_key)"

/*
 * An owner's messages (param: the owner): the cause, the first row's id
 * (the message's address) and when it reached the owner first (or was
 * written, none sent yet). A statement adds its WHERE and GROUP BY.
 */
#define MSGS_OF_OWNER \
    "SELECT " CAUSE_X " AS cause, MIN(x.id) AS first_id," \
    " COALESCE(MIN(x.sent_at), MIN(x.created_at)) AS shown_at" \
    " FROM outbox x WHERE x.owner_id = ? AND x.channel IS NOT NULL"

/*
 * The rows of messages g (MSGS_OF_OWNER's, between the two parts), one a
 * channel in msg.h's order (the ENUM's), each with its state's inputs
 * (held, the estate's quiet hours now - from > to spans midnight -, due
 * later, failed before) and the premises it is about. Param after g's:
 * the owner.
 */
#define ROWS_HEAD \
    "SELECT g.first_id, DATE_FORMAT(g.shown_at, '%Y-%m-%d %H:%i')," \
    " o.id, o.topic, o.channel, o.status, o.held," \
    " COALESCE(IF(e.quiet_from > e.quiet_to," \
    "  CURTIME() >= e.quiet_from OR CURTIME() < e.quiet_to," \
    "  CURTIME() >= e.quiet_from AND CURTIME() < e.quiet_to), 0)," \
    " o.next_at > NOW(6), o.last_error <> '', o.last_error," \
    " COALESCE(o.premises_id, 0), COALESCE(bd.name, ''), COALESCE(p.unit, '')," \
    " COALESCE(p.room, ''), COALESCE(p.occupancy, ''), o.body," \
    " IF(o.topic IN ('receipt.issued', 'service.report')," \
    "  CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(" \
    "  o.idem_key, '/', 2), '/', -1) AS UNSIGNED), 0)" \
    " FROM ("
#define ROWS_TAIL \
    ") g JOIN outbox o ON o.owner_id = ? AND o.channel IS NOT NULL" \
    " AND " CAUSE_O " = g.cause" \
    " LEFT JOIN estates e ON e.id = o.estate_id" \
    " LEFT JOIN premises p ON p.id = o.premises_id" \
    " LEFT JOIN buildings bd ON bd.id = p.building_id" \
    " ORDER BY g.shown_at DESC, g.first_id DESC, o.channel"

SQL_DEF(SQL_MY_MESSAGES_COUNT,
    "SELECT COUNT(DISTINCT " CAUSE_X ") FROM outbox x WHERE x.owner_id = ?"
    " AND x.channel IS NOT NULL");
/* Params: owner, limit, offset, owner. */
SQL_DEF(SQL_MY_MESSAGES, ROWS_HEAD MSGS_OF_OWNER
    " GROUP BY cause ORDER BY shown_at DESC, first_id DESC LIMIT ? OFFSET ?"
    ROWS_TAIL);
/* The message of row ?. Params: owner, row, owner, owner. */
SQL_DEF(SQL_MY_MESSAGE, ROWS_HEAD MSGS_OF_OWNER
    " AND " CAUSE_X " = (SELECT " CAUSE_Y " FROM outbox y WHERE y.id = ?"
    " AND y.owner_id = ? AND y.channel IS NOT NULL) GROUP BY cause"
    ROWS_TAIL);

/* One channel's row, as read. */
struct row {
	int64_t		 first_id, id, held, quiet, later, retrying, premises;
	int64_t		 receipt_id;	/* an e-receipt's, a service
					 * report's (its id), else 0 */
	const char	*at, *topic, *channel, *status, *why, *building,
			*unit, *room, *occ, *body;
};

/* One message: its first row's facts and each channel's state. */
struct msg {
	struct row		 r;
	const char		*body;		/* the words sent, "" none */
	int			 body_sent;	/* body is a sent one's */
	int			 n;
	struct msgbox_by	 by[MSG_CHANNEL__MAX];
};

/* Row x, one channel of message m (its first when m->n is 0). */
static void
add(struct req *r, struct msg *m, const struct row *x)
{
	enum msgbox_status	 st = msgbox_status_parse(x->status);

	if (m->n == 0) {
		m->r = *x;
		m->body = "";
		m->body_sent = 0;
	}
	/* the words as sent: the first channel's that was, else any */
	if (*x->body != '\0' && !m->body_sent &&
	    (*m->body == '\0' || st == MSGBOX_SENT)) {
		m->body = x->body;
		m->body_sent = st == MSGBOX_SENT;
	}
	if (m->n == MSG_CHANNEL__MAX)
		return;			/* not made by msg_queue: cannot be */
	m->by[m->n].channel = msg_channel_parse(x->channel);
	m->by[m->n].st = st;
	m->by[m->n].words = msgbox_owner_status(r->a, st, (int)x->held,
	    (int)x->quiet, (int)x->later, (int)x->retrying, x->why);
	m->n++;
}

/*
 * Where a message leads on this portal: a bill's to paying for its
 * premises, a receipt's to the receipt, a monthly service report's to
 * the report; a login code nowhere.
 */
static void
lead_to(struct req *r, struct tmpl *row, const struct row *m)
{
	struct tmpl	*l;

	if (strcmp(m->topic, MSG_RECEIPT) == 0) {
		/* the receipt itself (a new user's trial: the list) */
		l = tmpl_row(row, "LINK");
		tmpl_set(l, "HREF", m->receipt_id > 0 ? arena_printf(r->a,
		    "/receipts/%lld.pdf", (long long)m->receipt_id) :
		    "/receipts");
		tmpl_set(l, "WORDS", "查看收据");
	} else if (strcmp(m->topic, MSG_SERVICE_REPORT) == 0) {
		l = tmpl_row(row, "LINK");
		tmpl_set(l, "HREF", m->receipt_id > 0 ? arena_printf(r->a,
		    "/reports/%lld", (long long)m->receipt_id) : "/reports");
		tmpl_set(l, "WORDS", "查看月报");
	} else if (strcmp(m->topic, MSG_LOGIN_CODE) != 0 && m->premises) {
		l = tmpl_row(row, "LINK");
		tmpl_set(l, "HREF", arena_printf(r->a, "/premises/%lld/pay",
		    (long long)m->premises));
		tmpl_set(l, "WORDS", "去缴费");
	}
}

/* Message m's facts into d: what, when, its channels' states, where. */
static void
fill(struct req *r, struct tmpl *d, const struct msg *m)
{
	struct msgbox_phrase	 ph[MSG_CHANNEL__MAX];
	struct tmpl		*p;
	const char		*codes = "";
	int			 i, n;

	tmpl_set_int(d, "ID", m->r.first_id);
	tmpl_set(d, "WHAT", msgbox_topic_label(m->r.topic));
	tmpl_set(d, "TOPIC", m->r.topic);
	/* a repair's step or an answer says which and what (a trial: 14
	 * rows of 报修进度 alike): its words up to the link */
	if ((strcmp(m->r.topic, MSG_REQUEST) == 0 ||
	    strcmp(m->r.topic, MSG_ENQUIRY) == 0) && *m->body != '\0') {
		const char *cut = strstr(m->body, "查看");

		tmpl_show(d, "HAS_GIST");
		tmpl_set(d, "GIST", cut == NULL ? m->body : arena_printf(r->a,
		    "%.*s", (int)(cut - m->body), m->body));
	}
	tmpl_set(d, "AT", m->r.at);
	n = msgbox_owner_by(r->a, m->by, m->n, ph);
	for (i = 0; i < n; i++) {
		p = tmpl_row(d, "BY");
		tmpl_set(p, "BY_WORDS", ph[i].words);
		tmpl_set(p, "BY_CHANNELS", ph[i].codes);
		tmpl_set(p, "BY_STATUS", msgbox_status_codes[ph[i].st <
		    MSGBOX_STATUS__MAX ? ph[i].st : MSGBOX_PENDING]);
		tmpl_show(p, ph[i].st == MSGBOX_SENT ? "BY_SENT" :
		    ph[i].st == MSGBOX_DEAD || ph[i].st == MSGBOX_SKIPPED ?
		    "BY_NOT_SENT" : "BY_WAITING");
		codes = *codes == '\0' ? ph[i].codes :
		    arena_printf(r->a, "%s %s", codes, ph[i].codes);
	}
	tmpl_set(d, "CHANNELS", codes);
	if (m->r.premises) {
		tmpl_show(d, "HAS_PREMISES");
		tmpl_set(d, "PREMISES", label_premises(r->a, m->r.building,
		    m->r.unit, m->r.room, m->r.occ));
	}
	lead_to(r, d, &m->r);
}

void
page_messages(struct req *r)
{
	struct tmpl	*d;
	struct db_res	*res;
	struct row	 x;
	struct msg	 m;
	int64_t		 total, page = page_number(r);
	int		 rc;

	if (db_one(r->ctx, &SQL_MY_MESSAGES_COUNT, "i", "i", r->ctx->actor.id,
	    &total) != 1)
		return;
	d = page_new(r, "owner/messages.tpl", "消息");
	if (total == 0) {
		/* one empty state, not a list and a pager of none */
		tmpl_show(d, "NONE");
		page_render(r, 200);
		return;
	}
	tmpl_show(d, "SOME");
	/* past the last page (an old link, a typed number): the last one */
	if ((page - 1) * PER_PAGE >= total)
		page = (total + PER_PAGE - 1) / PER_PAGE;
	if ((res = db_query(r->ctx, &SQL_MY_MESSAGES, "iiii", r->ctx->actor.id,
	    (int64_t)PER_PAGE, (page - 1) * PER_PAGE, r->ctx->actor.id)) ==
	    NULL)
		return;
	m.n = 0;
	while ((rc = db_row(res, "isisssiiiisisssssi", &x.first_id, &x.at,
	    &x.id, &x.topic, &x.channel, &x.status, &x.held, &x.quiet,
	    &x.later, &x.retrying, &x.why, &x.premises, &x.building, &x.unit,
	    &x.room, &x.occ, &x.body, &x.receipt_id)) == 1) {
		if (m.n > 0 && x.first_id != m.r.first_id) {
			fill(r, tmpl_row(d, "MESSAGE"), &m);
			m.n = 0;
		}
		add(r, &m, &x);
	}
	if (rc < 0)
		return;
	if (m.n > 0)
		fill(r, tmpl_row(d, "MESSAGE"), &m);
	page_pager(r, d, "/messages", page, PER_PAGE, total);
	page_render(r, 200);
}

/*
 * A message's words without the link they end with (点此缴费：http://…),
 * when the page gives that link as a button (a new user's trial: the
 * address printed above 去缴费); the sentence that led to it goes too.
 */
static const char *
body_without_link(struct arena *a, const char *body)
{
	const char	*u, *at = NULL, *end;
	char		*out;

	for (u = body; (u = strstr(u, "：http")) != NULL; u++)
		at = u;
	if (at == NULL || strchr(at, ' ') != NULL)
		return body;
	/* back to the end of the sentence before, if any */
	for (end = at; end > body && strncmp(end - 3, "。", 3) != 0; end--)
		;
	if (end == body)
		end = at;
	out = arena_strdup(a, body);
	out[end - body] = '\0';
	return out;
}

void
page_message(struct req *r)
{
	struct tmpl	*d;
	struct db_res	*res;
	struct row	 x;
	struct msg	 m;
	const char	*body;
	int		 rc;

	if ((res = db_query(r->ctx, &SQL_MY_MESSAGE, "iiii", r->ctx->actor.id,
	    r->ids[0], r->ctx->actor.id, r->ctx->actor.id)) == NULL)
		return;
	m.n = 0;
	while ((rc = db_row(res, "isisssiiiisisssssi", &x.first_id, &x.at,
	    &x.id, &x.topic, &x.channel, &x.status, &x.held, &x.quiet,
	    &x.later, &x.retrying, &x.why, &x.premises, &x.building, &x.unit,
	    &x.room, &x.occ, &x.body, &x.receipt_id)) == 1)
		add(r, &m, &x);
	if (rc < 0)
		return;
	if (m.n == 0) {
		page_error(r, 404, NULL);
		return;
	}
	d = page_new(r, "owner/message.tpl", msgbox_topic_label(m.r.topic));
	fill(r, d, &m);
	body = msgbox_body_shown(r->a, m.r.topic, m.body);
	/* the link as lead_to's button, not as text too */
	if (strcmp(m.r.topic, MSG_RECEIPT) == 0 ||
	    (strcmp(m.r.topic, MSG_LOGIN_CODE) != 0 && m.r.premises))
		body = body_without_link(r->a, body);
	if (*body != '\0') {
		tmpl_show(d, "HAS_BODY");
		tmpl_set(d, "BODY_TEXT", body);
	}
	if (strcmp(m.r.topic, MSG_LOGIN_CODE) == 0)
		tmpl_show(d, "LOGIN_CODE");
	page_render(r, 200);
}
