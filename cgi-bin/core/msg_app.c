/*
 * msg_app.c - an app-push provider's push (msgsend.h), in the shape of
 * JPush's REST API v3: POST push_url/v3/push with HTTP Basic
 * (app_key:master_secret) and JSON {platform: "all", audience:
 * {registration_id: [the device]}, notification: {alert: the text,
 * android: {alert, title, extras: {url: the link}}, ios: {alert, extras:
 * {url}}}, options: {sendno, time_to_live}}; the answer {sendno, msg_id},
 * or {error: {code, message}} with a 4xx or 5xx status.
 *
 * sendno is a number the provider echoes, not a deduplication key: it is
 * derived from our idempotency key (msg_app_sendno) so that the tries of
 * one message carry the same one; a push sent again reaches the device
 * again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "arena.h"
#include "ctx.h"
#include "fetch.h"
#include "msg_adapter.h"

#define PUSH_TTL_S	86400	/* kept for an offline device: a day */

char *
msg_app_basic(struct arena *ar, const char *app_key,
    const char *master_secret)
{
	const char	*pair = arena_printf(ar, "%s:%s", app_key,
			    master_secret);

	return arena_printf(ar, "Authorization: Basic %s", msg_base64(ar,
	    (const unsigned char *)pair, strlen(pair)));
}

int32_t
msg_app_sendno(const char *key)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 n = 0;
	uint32_t	 v;

	if (EVP_Digest(key, strlen(key), md, &n, EVP_sha256(), NULL) != 1 ||
	    n < 4)
		return 0;
	v = ((uint32_t)md[0] << 24) | ((uint32_t)md[1] << 16) |
	    ((uint32_t)md[2] << 8) | (uint32_t)md[3];
	return (int32_t)(v & 0x7fffffffu);
}

enum msg_result
msg_app_judge(long http, long code, int *rate_limited)
{
	*rate_limited = 0;
	if (http == 200)
		return MSG_SENT;
	if (http == 429 || code == 2002 || code == 2005) {
		*rate_limited = 1;
		return MSG_RETRY;
	}
	switch (code) {
	case 1002:	/* a field missing */
	case 1003:	/* a field's value */
	case 1005:	/* too long */
	case 1011:	/* no such device */
		return http >= 400 && http < 500 ? MSG_REFUSED : MSG_RETRY;
	default:	/* 1004, 1008: our keys; 5xx; no answer */
		return MSG_RETRY;
	}
}

/* The push's JSON body, in the arena; NULL on failure. */
static char *
body_of(struct ctx *ctx, const struct msg_out *m)
{
	json_t	*o, *android, *ios;
	const char *text = m->text != NULL ? m->text : "";

	android = json_pack("{s:s}", "alert", text);
	ios = json_pack("{s:s}", "alert", text);
	if (android == NULL || ios == NULL) {
		json_decref(android);
		json_decref(ios);
		return NULL;
	}
	if (m->title != NULL && *m->title != '\0')
		json_object_set_new(android, "title", json_string(m->title));
	if (m->link != NULL && *m->link != '\0') {
		json_object_set_new(android, "extras",
		    json_pack("{s:s}", "url", m->link));
		json_object_set_new(ios, "extras",
		    json_pack("{s:s}", "url", m->link));
	}
	o = json_pack("{s:s, s:{s:[s]}, s:{s:s, s:o, s:o},"
	    " s:{s:i, s:i}}", "platform", "all",
	    "audience", "registration_id", m->address,
	    "notification", "alert", text, "android", android, "ios", ios,
	    "options", "sendno", (int)msg_app_sendno(m->idem_key),
	    "time_to_live", PUSH_TTL_S);
	if (o == NULL)
		return NULL;
	return msg_json(ctx, o);
}

void
msg_app_send(struct ctx *ctx, const struct msg_account *acct,
    const struct msg_out *m, time_t deadline, struct msg_answer *a)
{
	const char	*hdr[2], *body, *msg;
	struct fetch	 f;
	json_t		*ans, *err_o, *id, *c;
	json_error_t	 je;
	char		 err[256];
	long		 code = 0;

	if ((body = body_of(ctx, m)) == NULL) {
		msg_answer_set(a, MSG_REFUSED, 0, "",
		    "the push cannot be written as JSON (not UTF-8?)");
		return;
	}
	hdr[0] = msg_app_basic(ctx->a, acct->key, acct->secret);
	hdr[1] = NULL;
	memset(&f, 0, sizeof(f));
	f.method = "POST";
	f.url = msg_url(ctx->a, acct->url, "/v3/push");
	f.ctype = "application/json; charset=utf-8";
	f.body = body;
	f.headers = hdr;
	f.timeout_s = msg_left(deadline);
	if (fetch(ctx, &f, err, sizeof(err)) < 0) {
		/* sent and no answer: the push may be on its way (unsure) */
		msg_answer_set(a, f.sent ? MSG_UNSURE : MSG_RETRY, 0, "", err);
		return;
	}
	if ((ans = json_loads(f.answer, 0, &je)) == NULL ||
	    !json_is_object(ans)) {
		/* a bare 429 or a proxy's page */
		json_decref(ans);
		msg_answer_set(a, msg_app_judge(f.status == 200 ? 0 : f.status,
		    0, &a->rate_limited), f.status, "", arena_printf(ctx->a,
		    "not JSON: %.200s", f.answer));
		return;
	}
	err_o = json_object_get(ans, "error");
	c = json_object_get(err_o, "code");
	if (json_is_integer(c))
		code = (long)json_integer_value(c);
	msg = json_string_value(json_object_get(err_o, "message"));
	id = json_object_get(ans, "msg_id");
	if (f.status == 200 && !json_is_string(id) && !json_is_integer(id)) {
		msg_answer_set(a, MSG_RETRY, f.status, "",
		    "no msg_id in the answer");
		json_decref(ans);
		return;
	}
	msg_answer_set(a, msg_app_judge(f.status, code, &a->rate_limited),
	    f.status, code != 0 ? arena_printf(ctx->a, "%ld", code) : "",
	    msg != NULL ? msg : f.status == 200 ? "" : f.answer);
	if (a->result == MSG_SENT) {
		if (json_is_integer(id))
			snprintf(a->provider_id, sizeof(a->provider_id), "%lld",
			    (long long)json_integer_value(id));
		else
			msg_copy(a->provider_id, sizeof(a->provider_id),
			    json_string_value(id));
	}
	json_decref(ans);
}
