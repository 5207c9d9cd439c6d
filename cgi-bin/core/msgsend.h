/*
 * msgsend.h - the message providers' adapters: one HTTP request (libcurl,
 * fetch.h) in each provider's own shape, one file each:
 *
 *   msg_sms.c     an SMS cloud's SendSms: a signature name (签名), a
 *                 template code and its parameters as JSON, the phone,
 *                 and OutId (our idempotency key) echoed back; request
 *                 signed with the account's access key (HMAC).
 *   msg_wechat.c  a WeChat official account's template message: an
 *                 access_token (fetched with appid + secret, kept until
 *                 it expires or the provider says it is invalid), the
 *                 owner's openid, a template id, data fields and a link.
 *   msg_app.c     an app-push provider's push: HTTP Basic with the app
 *                 key and master secret, the device's registration id,
 *                 an alert, a title and the link as an extra.
 *
 * Endpoints and credentials come from the configuration (conf.h):
 *   sms_url, sms_access_key, sms_secret, sms_sign_name
 *   wechat_msg_url, wechat_msg_appid, wechat_msg_secret
 *   push_url, push_app_key, push_master_secret
 * and template codes per topic: sms_tpl_<topic>, wechat_tpl_<topic>
 * (topic with '.' as '_': sms_tpl_receipt_issued).
 *
 * Used by propfee-worker only (cgi-bin/worker/outbox.c).
 */
#ifndef PROPFEE_MSGSEND_H
#define PROPFEE_MSGSEND_H

#include <stddef.h>
#include <stdint.h>

#include "msg.h"

struct ctx;

#define MSG_PARAMS_MAX	8

/* One message, composed, to one address. */
struct msg_out {
	enum msg_channel	 channel;
	const char		*topic;		/* MSG_* of msg.h */
	const char		*idem_key;	/* outbox.idem_key: OutId etc. */
	const char		*address;	/* phone, openid or device id */
	/* Template parameters, in order, by name: an SMS template's
	 * ${name}, a WeChat template's data keys. */
	const char		*names[MSG_PARAMS_MAX];
	const char		*values[MSG_PARAMS_MAX];
	int			 nparams;
	const char		*title;		/* push title, WeChat's first */
	const char		*text;		/* the words as the owner reads them */
	const char		*link;		/* absolute URL, or "" */
};

/* What the provider said. */
enum msg_result {
	MSG_SENT,		/* taken: provider_id set */
	MSG_RETRY,		/* failed, may succeed later: 5xx, refused
				 * connection, no connection in time, rate
				 * limited */
	MSG_REFUSED,		/* will never succeed as it is: bad number,
				 * unsubscribed openid, unknown device,
				 * template not approved */
	MSG_UNSURE		/* no answer after the request went out (timed
				 * out, connection lost): the provider may have
				 * taken it - not "not sent" (worker/outbox.c
				 * bounds the copies) */
};

struct msg_answer {
	enum msg_result	 result;
	long		 http_status;	/* 0: no answer came */
	char		 code[60];	/* the provider's: "OK", "isv.…", "45009" */
	char		 answer[300];	/* its message, or why none came */
	char		 provider_id[100];	/* BizId, msgid, msg_id */
	int		 rate_limited;	/* the provider said slow down */
};

/*
 * Sends m through its channel's provider and fills a, waiting at most
 * timeout_s seconds. Returns 0 when a is filled (whatever the result),
 * -1 only when the configuration lacks the channel's keys (a names
 * them).
 */
int	msg_send(struct ctx *, const struct msg_out *m, long timeout_s,
	    struct msg_answer *a);

#endif
