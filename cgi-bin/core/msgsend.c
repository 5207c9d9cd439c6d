/*
 * msgsend.c - msg_send() (msgsend.h): the channel's account from the
 * configuration, then its adapter (msg_sms.c, msg_wechat.c, msg_app.c);
 * and what the adapters share (msg_adapter.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "arena.h"
#include "conf.h"
#include "ctx.h"
#include "msg_adapter.h"
#include "msgsend.h"

time_t
msg_clock(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

long
msg_left(time_t deadline)
{
	time_t	 now = msg_clock();

	return deadline > now ? (long)(deadline - now) : 1;
}

void
msg_copy(char *dst, size_t n, const char *s)
{
	size_t	 len;

	if (n == 0)
		return;
	if (s == NULL)
		s = "";
	len = strlen(s);
	if (len >= n) {
		len = n - 1;
		/* back to the start of a UTF-8 character */
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
}

void
msg_answer_set(struct msg_answer *a, enum msg_result r, long http,
    const char *code, const char *message)
{
	a->result = r;
	a->http_status = http;
	msg_copy(a->code, sizeof(a->code), code);
	msg_copy(a->answer, sizeof(a->answer), message);
}

char *
msg_url(struct arena *ar, const char *base, const char *path)
{
	size_t	 n = strlen(base);

	while (n > 0 && base[n - 1] == '/')
		n--;
	return arena_printf(ar, "%.*s%s", (int)n, base, path);
}

char *
msg_pct(struct arena *ar, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	char			*out, *o;

	out = o = arena_alloc(ar, strlen(s) * 3 + 1);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    *p == '.' || *p == '~')
			*o++ = (char)*p;
		else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 0xf];
		}
	}
	*o = '\0';
	return out;
}

char *
msg_base64(struct arena *ar, const unsigned char *p, size_t n)
{
	char	*out = arena_alloc(ar, 4 * ((n + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)out, p, (int)n);
	return out;
}

/*
 * The value of configuration key name, or NULL after naming it in the
 * list of missing keys.
 */
static const char *
need(struct buf *missing, const char *name)
{
	const char	*v = conf_get(name, NULL);

	if (v != NULL && *v != '\0')
		return v;
	if (missing->len > 0)
		buf_puts(missing, ", ");
	buf_puts(missing, name);
	return NULL;
}

/* "sms_tpl_receipt_issued" for prefix "sms_tpl_" and "receipt.issued". */
static const char *
tpl_key(struct ctx *ctx, const char *prefix, const char *topic)
{
	char	*k = arena_printf(ctx->a, "%s%s", prefix, topic), *p;

	for (p = k + strlen(prefix); *p != '\0'; p++)
		if (*p == '.')
			*p = '_';
	return k;
}

/*
 * Sends m through its channel's provider (msgsend.h). The configuration
 * names each channel's account (msgsend.h's list); one missing key: -1,
 * a->answer names every missing one and a->result is MSG_RETRY (the
 * message may go once they are set). Else 0 with a filled by the adapter.
 */
int
msg_send(struct ctx *ctx, const struct msg_out *m, long timeout_s,
    struct msg_answer *a)
{
	struct msg_account	 acct;
	struct buf		 missing;
	time_t			 deadline;

	memset(a, 0, sizeof(*a));
	memset(&acct, 0, sizeof(acct));
	buf_init(&missing, ctx->a, 128);
	switch (m->channel) {
	case MSG_SMS:
		acct.url = need(&missing, "sms_url");
		acct.key = need(&missing, "sms_access_key");
		acct.secret = need(&missing, "sms_secret");
		acct.sign_name = need(&missing, "sms_sign_name");
		acct.tpl = need(&missing, tpl_key(ctx, "sms_tpl_", m->topic));
		break;
	case MSG_WECHAT:
		acct.url = need(&missing, "wechat_msg_url");
		acct.key = need(&missing, "wechat_msg_appid");
		acct.secret = need(&missing, "wechat_msg_secret");
		acct.tpl = need(&missing, tpl_key(ctx, "wechat_tpl_",
		    m->topic));
		break;
	case MSG_APP:
		acct.url = need(&missing, "push_url");
		acct.key = need(&missing, "push_app_key");
		acct.secret = need(&missing, "push_master_secret");
		break;
	default:
		msg_answer_set(a, MSG_REFUSED, 0, "", "no such channel");
		return -1;
	}
	if (missing.len > 0) {
		msg_answer_set(a, MSG_RETRY, 0, "", arena_printf(ctx->a,
		    "the configuration lacks %s", buf_str(&missing)));
		return -1;
	}
	deadline = msg_clock() + (timeout_s > 0 ? timeout_s : 1);
	switch (m->channel) {
	case MSG_SMS:
		msg_sms_send(ctx, &acct, m, deadline, a);
		break;
	case MSG_WECHAT:
		msg_wechat_send(ctx, &acct, m, deadline, a);
		break;
	default:
		msg_app_send(ctx, &acct, m, deadline, a);
		break;
	}
	return 0;
}

char *
msg_json(struct ctx *ctx, json_t *o)
{
	char	*js, *out;

	if (o == NULL)
		return NULL;
	js = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (js == NULL)
		return NULL;
	out = arena_strdup(ctx->a, js);
	free(js);
	return out;
}
