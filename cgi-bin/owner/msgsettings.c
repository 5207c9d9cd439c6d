/*
 * msgsettings.c - 接收设置: by which channels the signed-in owner gets
 * e-bills, reminders and receipts (issue 11; DOMAIN.md "Notifications":
 * each owner by the channels they chose).
 *
 *   GET  /messages/settings   the owner's channels, each ticked or not;
 *                             one without an address (no WeChat bound,
 *                             no app device) shown 未绑定 and not to be
 *                             ticked (templates/owner/msgsettings.tpl)
 *   POST /messages/settings   saves the choice: 303 back with 已保存;
 *                             400 with the message by the field and
 *                             nothing changed when no channel is left
 *                             or an unbound one is ticked. A change is
 *                             audited (msgbox_prefs_set).
 *
 * Staff change an owner's channels by the same rules from the household
 * page (staff/ownermsg.c).
 */
#include "db.h"
#include "http.h"
#include "msgbox.h"
#include "msgview.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"

/* The signed-in owner's channels: 1, or 0/-1 with the answer in r. */
static int
load(struct req *r, struct msgbox_prefs *p)
{
	int	 rc;

	if ((rc = msgbox_prefs_load(r->ctx, r->ctx->actor.id, p)) == 0)
		page_error(r, 404, NULL);
	return rc;
}

/* The form, with f's values and messages (NULL: as stored). */
static void
show(struct req *r, const struct msgbox_prefs *p,
    const struct msgview_form *f, int status)
{
	struct tmpl	*d;

	d = page_new(r, "owner/msgsettings.tpl", "接收设置");
	msgview_channels(r, d, p, f);
	if (f == NULL && http_query(r, "saved") != NULL)
		tmpl_show(d, "SAVED");
	page_render(r, status);
}

void
page_msg_settings(struct req *r)
{
	struct msgbox_prefs	 p;

	if (load(r, &p) == 1)
		show(r, &p, NULL, 200);
}

void
page_msg_settings_post(struct req *r)
{
	struct msgbox_prefs	 p;
	struct msgview_form	 f;
	int			 rc, changed, channel;

	if (load(r, &p) != 1)
		return;
	if (msgview_read(r, &p, &f) > 0) {
		show(r, &p, &f, 400);
		return;
	}
	rc = msgbox_prefs_set(r->ctx, r->ctx->actor.id, f.want, &changed,
	    &channel);
	if (rc >= MSGBOX_REFUSED) {
		/* an address was unbound since the form was read */
		if (load(r, &p) != 1)
			return;
		msgview_refused(&f, rc, channel);
		show(r, &p, &f, 400);
		return;
	}
	if (rc == MSGBOX_NOT_FOUND)
		page_error(r, 404, NULL);
	if (rc != 0)
		return;
	http_redirect(r, "/messages/settings?saved=1");
}
