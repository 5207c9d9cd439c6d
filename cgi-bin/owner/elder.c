/*
 * elder.c - 长辈模式 (elderly mode, issue 13; core/elder.h):
 *
 *   GET  /elder   what the mode does, whether it is on, the switch
 *   POST /elder   mode=on|off: switches it for good (owners.elder_mode,
 *                 audited) and answers 303 to the page the switch was on
 *                 (back=home: the home page, else /elder?saved=1); 400
 *                 with the message by the switch, nothing changed
 *
 * Renders templates/owner/elder.tpl.
 */
#include <string.h>

#include "elder.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

static const char *const modes[] = { "on", "off", NULL };
static const char *const backs[] = { "home", NULL };

enum { F_MODE, F_BACK, F__MAX };
static const struct field fields[F__MAX] = {
	{ "mode", "长辈模式", V_CHOICE, V_REQUIRED, 0, 0, modes },
	{ "back", "返回", V_CHOICE, 0, 0, 0, backs },
};

static void
show(struct req *r, const struct fval *v, int status)
{
	struct tmpl	*d;

	d = page_new(r, "owner/elder.tpl", "长辈模式");
	tmpl_show(d, r->sess.elder ? "ON" : "OFF");
	if (v == NULL && http_query(r, "saved") != NULL)
		tmpl_show(d, "SAVED");
	if (v != NULL)
		valid_to_tmpl(d, fields, F__MAX, v);
	page_render(r, status);
}

void
page_elder(struct req *r)
{
	show(r, NULL, 200);
}

void
page_elder_post(struct req *r)
{
	struct fval	 v[F__MAX];

	if (valid_fields(r, fields, F__MAX, v) > 0) {
		if (v[F_MODE].err != NULL)
			v[F_MODE].err = "请点“开启长辈模式”或“关闭长辈模式”";
		show(r, v, 400);
		return;
	}
	if (elder_mode_set(r->ctx, r->ctx->actor.id, v[F_MODE].i == 0) < 0)
		return;
	http_redirect(r, v[F_BACK].set ? "/" : "/elder?saved=1");
}
