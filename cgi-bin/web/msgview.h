/*
 * msgview.h - what the owner portal and the back office share of
 * messages (issue 11): the form of an owner's channels
 * (templates/msg_channels.tpl), read and drawn the same way on the
 * owner's 接收设置 and on staff's page of an owner.
 */
#ifndef PROPFEE_MSGVIEW_H
#define PROPFEE_MSGVIEW_H

#include "msg.h"
#include "msgbox.h"

struct req;
struct tmpl;

/* A channel form's answer: what was chosen, and the messages. */
struct msgview_form {
	int		 want[MSG_CHANNEL__MAX];	/* 1: chosen */
	const char	*err[MSG_CHANNEL__MAX];	/* by each channel, or NULL */
	const char	*group_err;	/* by the whole fieldset, or NULL */
};

/*
 * Reads the posted channel form (fields sms, wechat, app: "1" when
 * ticked; undeclared fields ignored) and checks it against p
 * (msgbox_prefs_check): a malformed value, a channel with no address,
 * or none at all leaves its message in f. Returns the messages set (0:
 * the choice may be saved).
 */
int	msgview_read(struct req *, const struct msgbox_prefs *p,
	    struct msgview_form *f);

/*
 * Puts the messages of a refusal by msgbox_prefs_set (rc: MSGBOX_REFUSED
 * + why, channel) into f, as msgview_read would have.
 */
void	msgview_refused(struct msgview_form *f, int rc, int channel);

/*
 * Includes templates/msg_channels.tpl at {{>CHANNELS}} of d: a CHANNEL
 * row per channel (CODE, LABEL, CHECKED, the address or 未绑定 - an
 * unbound channel cannot be ticked - and ERR), GROUP_ERR. f NULL: the
 * owner's choice as stored (p->on).
 */
void	msgview_channels(struct req *, struct tmpl *d,
	    const struct msgbox_prefs *p, const struct msgview_form *f);

/* "短信、微信" for an owner's chosen channels, or "无". */
const char *msgview_chosen(struct req *, const struct msgbox_prefs *p);

#endif
