/*
 * messages.c - 消息: what was sent to the signed-in owner (issue 11).
 *
 *   GET /messages      every message to the owner, newest first, paged:
 *                      what (电子账单, 缴费提醒 ...), by which channel, in
 *                      what state in plain words, when, and where it
 *                      leads (去缴费, 查看收据) (templates/owner/
 *                      messages.tpl)
 *   GET /messages/#    one message and its words as sent; another
 *                      owner's, or none, is 404 (templates/owner/
 *                      message.tpl)
 *
 * A login code's digits are never shown (msgbox_body_shown). The owner
 * chooses the channels on /messages/settings (msgsettings.c).
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

#define PER_PAGE	20

/*
 * What both pages read of a message: the state's inputs (held, the
 * estate's quiet hours now - from > to spans midnight -, due later,
 * failed before) and the premises it is about.
 */
#define MSG_COLUMNS \
    "SELECT o.id, o.topic, o.channel, o.status, o.held," \
    " COALESCE(IF(e.quiet_from > e.quiet_to," \
    "  CURTIME() >= e.quiet_from OR CURTIME() < e.quiet_to," \
    "  CURTIME() >= e.quiet_from AND CURTIME() < e.quiet_to), 0)," \
    " o.next_at > NOW(6), o.last_error <> '', o.last_error," \
    " DATE_FORMAT(COALESCE(o.sent_at, o.created_at), '%Y-%m-%d %H:%i')," \
    " COALESCE(o.premises_id, 0), COALESCE(bd.name, ''), COALESCE(p.unit, '')," \
    " COALESCE(p.room, ''), COALESCE(p.occupancy, ''), o.body," \
    " IF(o.topic = 'receipt.issued', CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(" \
    "  o.idem_key, '/', 2), '/', -1) AS UNSIGNED), 0)" \
    " FROM outbox o LEFT JOIN estates e ON e.id = o.estate_id" \
    " LEFT JOIN premises p ON p.id = o.premises_id" \
    " LEFT JOIN buildings bd ON bd.id = p.building_id"

SQL_DEF(SQL_MY_MESSAGES_COUNT,
    "SELECT COUNT(*) FROM outbox o WHERE o.owner_id = ?"
    " AND o.channel IS NOT NULL");
SQL_DEF(SQL_MY_MESSAGES, MSG_COLUMNS
    " WHERE o.owner_id = ? AND o.channel IS NOT NULL"
    " ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?");
SQL_DEF(SQL_MY_MESSAGE, MSG_COLUMNS
    " WHERE o.id = ? AND o.owner_id = ? AND o.channel IS NOT NULL");

struct row {
	int64_t		 id, held, quiet, later, retrying, premises;
	int64_t		 receipt_id;	/* an e-receipt's, else 0 */
	const char	*topic, *channel, *status, *why, *at, *building,
			*unit, *room, *occ, *body;
};


/*
 * Where a message leads on this portal: a bill's to paying for its
 * premises, a receipt's to the receipts; a login code nowhere.
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
	} else if (strcmp(m->topic, MSG_LOGIN_CODE) != 0 && m->premises) {
		l = tmpl_row(row, "LINK");
		tmpl_set(l, "HREF", arena_printf(r->a, "/premises/%lld/pay",
		    (long long)m->premises));
		tmpl_set(l, "WORDS", "去缴费");
	}
}

/* One message's facts into row. */
static void
fill(struct req *r, struct tmpl *row, const struct row *m)
{
	enum msgbox_status	 st = msgbox_status_parse(m->status);
	int			 ch = msg_channel_parse(m->channel);

	tmpl_set_int(row, "ID", m->id);
	tmpl_set(row, "WHAT", msgbox_topic_label(m->topic));
	tmpl_set(row, "TOPIC", m->topic);
	tmpl_set(row, "CHANNEL", ch >= 0 ? msg_channel_labels[ch] : m->channel);
	tmpl_set(row, "CHANNEL_CODE", m->channel);
	tmpl_set(row, "STATUS_CODE", m->status);
	tmpl_set(row, "STATUS", msgbox_owner_status(r->a, st, (int)m->held,
	    (int)m->quiet, (int)m->later, (int)m->retrying, m->why));
	tmpl_show(row, st == MSGBOX_SENT ? "IS_SENT" : st == MSGBOX_DEAD ||
	    st == MSGBOX_SKIPPED ? "IS_NOT_SENT" : "IS_WAITING");
	tmpl_set(row, "AT", m->at);
	if (m->premises) {
		tmpl_show(row, "HAS_PREMISES");
		tmpl_set(row, "PREMISES", label_premises(r->a, m->building,
		    m->unit, m->room, m->occ));
	}
	lead_to(r, row, m);
}

void
page_messages(struct req *r)
{
	struct tmpl	*d;
	struct db_res	*res;
	struct row	 m;
	int64_t		 total, page = page_number(r);
	int		 rc;

	if (db_one(r->ctx, &SQL_MY_MESSAGES_COUNT, "i", "i", r->ctx->actor.id,
	    &total) != 1)
		return;
	d = page_new(r, "owner/messages.tpl", "消息");
	if ((res = db_query(r->ctx, &SQL_MY_MESSAGES, "iii", r->ctx->actor.id,
	    (int64_t)PER_PAGE, (page - 1) * PER_PAGE)) == NULL)
		return;
	while ((rc = db_row(res, "isssiiiississsssi", &m.id, &m.topic,
	    &m.channel, &m.status, &m.held, &m.quiet, &m.later, &m.retrying,
	    &m.why, &m.at, &m.premises, &m.building, &m.unit, &m.room, &m.occ,
	    &m.body, &m.receipt_id)) == 1)
		fill(r, tmpl_row(d, "MESSAGE"), &m);
	if (rc < 0)
		return;
	if (total == 0)
		tmpl_show(d, "NONE");
	page_pager(r, d, "/messages", page, PER_PAGE, total);
	page_render(r, 200);
}

void
page_message(struct req *r)
{
	struct tmpl	*d;
	struct row	 m;
	const char	*body;
	int		 rc;

	if ((rc = db_one(r->ctx, &SQL_MY_MESSAGE, "ii", "isssiiiississsssi",
	    r->ids[0], r->ctx->actor.id, &m.id, &m.topic, &m.channel,
	    &m.status, &m.held, &m.quiet, &m.later, &m.retrying, &m.why, &m.at,
	    &m.premises, &m.building, &m.unit, &m.room, &m.occ,
	    &m.body, &m.receipt_id)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	d = page_new(r, "owner/message.tpl", msgbox_topic_label(m.topic));
	fill(r, d, &m);
	body = msgbox_body_shown(r->a, m.topic, m.body);
	if (*body != '\0') {
		tmpl_show(d, "HAS_BODY");
		tmpl_set(d, "BODY_TEXT", body);
	}
	if (strcmp(m.topic, MSG_LOGIN_CODE) == 0)
		tmpl_show(d, "LOGIN_CODE");
	page_render(r, 200);
}
