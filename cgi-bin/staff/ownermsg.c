/*
 * ownermsg.c - one owner of a household: by which channels they get
 * e-bills, reminders and receipts, and what was sent to them lately
 * (issue 11). Staff change the channels for an owner who asks at the
 * counter or on the phone, by the owner's own rules (msgbox.h).
 *
 *   GET  /staff/households/#/owners/#/messages   the owner's channels
 *        (the form, to those who may send it) and last messages
 *        (templates/staff/ownermsg.tpl)
 *   POST /staff/households/#/owners/#/messages   saves the channels:
 *        303 back with 已保存; 400 with the message by the field and
 *        nothing changed when none is left or an unbound one is ticked;
 *        a change is audited as the staff member (msgbox_prefs_set)
 *
 * A household outside the user's estates, or an owner not of it, is 404.
 */
#include "arena.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "msgbox.h"
#include "msgview.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"

#define SHOWN	10

SQL_DEF(SQL_OWNERMSG_OF,
    "SELECT COUNT(*) FROM premises_owners WHERE premises_id = ?"
    " AND owner_id = ?");

/* The owner's last messages, each with its last try's answer. */
SQL_DEF(SQL_OWNERMSG_LAST,
    "SELECT o.id, DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i'), o.topic,"
    " o.channel, o.status, o.last_error, la.id IS NOT NULL,"
    " COALESCE(la.http_status, 0), COALESCE(la.code, '')"
    " FROM (SELECT o.id FROM outbox o"
    "  WHERE o.owner_id = ? AND o.channel IS NOT NULL"
    "  ORDER BY o.created_at DESC, o.id DESC LIMIT ?) pg"
    " JOIN outbox o ON o.id = pg.id"
    " LEFT JOIN outbox_attempts la ON la.id = (SELECT MAX(x.id)"
    "  FROM outbox_attempts x WHERE x.outbox_id = o.id)"
    " ORDER BY o.created_at DESC, o.id DESC");

/* The household (ids[0]) and its owner (ids[1]): 1; 0/-1 answered. */
static int
load(struct req *r, struct household *h, struct msgbox_prefs *p)
{
	int64_t	 n;
	int	 rc;

	if ((rc = scope_household(r, r->ids[0], h)) == 1 &&
	    (rc = db_one(r->ctx, &SQL_OWNERMSG_OF, "ii", "i", r->ids[0],
	    r->ids[1], &n)) == 1 && n == 0)
		rc = 0;
	if (rc == 1)
		rc = msgbox_prefs_load(r->ctx, r->ids[1], p);
	if (rc == 0)
		page_error(r, 404, NULL);
	return rc;
}

/* The owner's last messages into d. 0 or -1. */
static int
last(struct req *r, struct tmpl *d)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*at, *topic, *channel, *st, *why, *code;
	enum msgbox_status s;
	int64_t		 id, tried, http;
	int		 rc, c, link = http_may(r, METHOD_GET, "/outbox/#"),
			 any = 0;

	if ((res = db_query(r->ctx, &SQL_OWNERMSG_LAST, "ii", r->ids[1],
	    (int64_t)SHOWN)) == NULL)
		return -1;
	while ((rc = db_row(res, "isssssiis", &id, &at, &topic, &channel, &st,
	    &why, &tried, &http, &code)) == 1) {
		row = tmpl_row(d, "MESSAGE");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "AT", at);
		tmpl_set(row, "WHAT", msgbox_topic_label(topic));
		c = msg_channel_parse(channel);
		tmpl_set(row, "CHANNEL", c >= 0 ? msg_channel_labels[c] :
		    channel);
		s = msgbox_status_parse(st);
		tmpl_set(row, "STATUS", s < MSGBOX_STATUS__MAX ?
		    msgbox_status_labels[s] : st);
		tmpl_set(row, "STATUS_CODE", st);
		/* in words, as 消息发送 says it */
		tmpl_set(row, "WHY", s < MSGBOX_STATUS__MAX ? msgbox_why_staff(
		    channel, s, why, tried != 0, http, code) : why);
		tmpl_show(row, link ? "LINKED" : "UNLINKED");
		any = 1;
	}
	if (rc < 0)
		return -1;
	if (!any)
		tmpl_show(d, "NO_MESSAGES");
	else if (link)
		tmpl_show(d, "ALL_LINK");
	return 0;
}

static void
show(struct req *r, const struct household *h, const struct msgbox_prefs *p,
    const struct msgview_form *f, int status)
{
	struct tmpl	*d;

	d = page_new(r, "staff/ownermsg.tpl", arena_printf(r->a,
	    "%s · 接收设置", p->name));
	tmpl_set_int(d, "ID", h->id);
	tmpl_set_int(d, "ESTATE_ID", h->estate_id);
	tmpl_set(d, "LABEL", h->label);
	tmpl_set_int(d, "OWNER_ID", p->owner_id);
	tmpl_set(d, "OWNER_NAME", p->name);
	/* As the role sees it (access.c): masked for a collector's
	 * household that is another's. */
	tmpl_set(d, "PHONE", access_phone(r->a, scope_sees_data(r,
	    DATA_OWNER_PHONE, h->id), p->phone));
	tmpl_set(d, "CHOSEN", msgview_chosen(r, p));
	if (http_may(r, METHOD_POST, "/households/#/owners/#/messages")) {
		tmpl_show(d, "CAN_SET");
		msgview_channels(r, d, p, f);
	}
	if (f == NULL && http_query(r, "saved") != NULL)
		tmpl_show(d, "SAVED");
	if (last(r, d) < 0)
		return;
	page_render(r, status);
}

void
page_owner_msg(struct req *r)
{
	struct household	 h;
	struct msgbox_prefs	 p;

	if (load(r, &h, &p) == 1)
		show(r, &h, &p, NULL, 200);
}

void
page_owner_msg_post(struct req *r)
{
	struct household	 h;
	struct msgbox_prefs	 p;
	struct msgview_form	 f;
	int			 rc, changed, channel;

	if (load(r, &h, &p) != 1)
		return;
	if (msgview_read(r, &p, &f) > 0) {
		show(r, &h, &p, &f, 400);
		return;
	}
	rc = msgbox_prefs_set(r->ctx, p.owner_id, f.want, &changed, &channel);
	if (rc >= MSGBOX_REFUSED) {
		/* an address was unbound since the form was read */
		if (msgbox_prefs_load(r->ctx, p.owner_id, &p) != 1)
			return;
		msgview_refused(&f, rc, channel);
		show(r, &h, &p, &f, 400);
		return;
	}
	if (rc == MSGBOX_NOT_FOUND)
		page_error(r, 404, NULL);
	if (rc != 0)
		return;
	http_redirect(r, arena_printf(r->a,
	    "/staff/households/%lld/owners/%lld/messages?saved=1",
	    (long long)h.id, (long long)p.owner_id));
}
