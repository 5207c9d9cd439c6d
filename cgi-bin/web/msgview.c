/*
 * msgview.c - an owner's channel form, read and drawn (msgview.h).
 */
#include <string.h>

#include "arena.h"
#include "http.h"
#include "labels.h"
#include "msgview.h"
#include "tmpl.h"
#include "valid.h"

/* A ticked box sends "1"; an unticked one nothing. */
static const char *const ticked[] = { "1", NULL };

/* What a channel's address is, as the form says it. */
static const char *const unbound_words[MSG_CHANNEL__MAX] = {
	"未绑定（没有手机号）",
	/* a new user's trial: "请在小区微信公众号中绑定" said neither which
	 * account nor how */
	"未绑定：在微信里关注本小区物业服务中心的公众号，按提示填写这个手机号"
	"即可绑定；不会操作可以请物业服务中心帮忙",
	"未绑定：在小区 App 中用这个手机号登录一次即可"
};

/* Why an unbound channel cannot be chosen. */
static const char *const unbound_errors[MSG_CHANNEL__MAX] = {
	"没有手机号，不能选择短信接收",
	"还没有绑定微信，不能选择微信接收",
	"还没有在 App 中登录，不能选择 App 推送"
};

int
msgview_read(struct req *r, const struct msgbox_prefs *p,
    struct msgview_form *f)
{
	struct field	 fl;
	struct fval	 v;
	int		 c, bad, n = 0;

	memset(f, 0, sizeof(*f));
	for (c = 0; c < MSG_CHANNEL__MAX; c++) {
		fl = (struct field){ msg_channel_codes[c], msg_channel_labels[c],
		    V_CHOICE, 0, 0, 0, ticked };
		if (valid_one(r, &fl, http_form(r, msg_channel_codes[c]),
		    &v) != NULL) {
			f->err[c] = v.err;
			n++;
			continue;
		}
		f->want[c] = v.set;
	}
	if (n > 0)
		return n;
	msgview_refused(f, MSGBOX_REFUSED + (int)msgbox_prefs_check(p,
	    f->want, &bad), bad);
	return (f->group_err != NULL) + (bad >= 0 && f->err[bad] != NULL);
}

void
msgview_refused(struct msgview_form *f, int rc, int channel)
{
	switch (rc - MSGBOX_REFUSED) {
	case MSGBOX_PREFS_NONE:
		f->group_err = "请至少保留一种接收方式，否则将收不到账单和缴费提醒";
		break;
	case MSGBOX_PREFS_UNBOUND:
		if (channel >= 0 && channel < MSG_CHANNEL__MAX)
			f->err[channel] = unbound_errors[channel];
		break;
	default:
		break;
	}
}

void
msgview_channels(struct req *r, struct tmpl *d, const struct msgbox_prefs *p,
    const struct msgview_form *f)
{
	struct tmpl	*inc, *row;
	int		 c;

	inc = tmpl_include(d, "CHANNELS", "msg_channels.tpl");
	for (c = 0; c < MSG_CHANNEL__MAX; c++) {
		row = tmpl_row(inc, "CHANNEL");
		tmpl_set(row, "CODE", msg_channel_codes[c]);
		tmpl_set(row, "LABEL", msg_channel_labels[c]);
		if (f != NULL ? f->want[c] : p->on[c])
			tmpl_show(row, "CHECKED");
		if (!p->bound[c]) {
			tmpl_show(row, "UNBOUND");
			tmpl_set(row, "WHERE", unbound_words[c]);
		} else {
			tmpl_show(row, "BOUND");
			tmpl_set(row, "WHERE", c == MSG_SMS ?
			    arena_printf(r->a, "发到手机 %s",
			    label_phone_masked(r->a, p->phone)) :
			    c == MSG_WECHAT ? "已绑定微信" : "已在 App 中登录");
		}
		if (f != NULL && f->err[c] != NULL) {
			tmpl_set(row, "ERR", f->err[c]);
			tmpl_show(row, "HAS_ERR");
		}
	}
	if (f != NULL && f->group_err != NULL) {
		tmpl_set(inc, "GROUP_ERR", f->group_err);
		tmpl_show(inc, "HAS_GROUP_ERR");
	}
}

const char *
msgview_chosen(struct req *r, const struct msgbox_prefs *p)
{
	const char	*s = "";
	int		 c;

	for (c = 0; c < MSG_CHANNEL__MAX; c++)
		if (p->on[c])
			s = arena_printf(r->a, "%s%s%s", s, *s ? "、" : "",
			    msg_channel_labels[c]);
	return *s ? s : "无";
}
