/*
 * msg_sms.c - an SMS cloud's SendSms (msgsend.h), in the shape of the
 * big Chinese SMS clouds' RPC APIs (Aliyun's dysmsapi, version
 * 2017-05-25): one form POST to sms_url with the common parameters
 * (AccessKeyId, Action, Format, RegionId, SignatureMethod HMAC-SHA1,
 * SignatureNonce, SignatureVersion 1.0, Timestamp in UTC, Version), the
 * message's (PhoneNumbers, SignName, TemplateCode, TemplateParam as a
 * JSON string of the template's ${name}s, OutId our idempotency key,
 * echoed in the provider's receipts) and Signature over all the others
 * (msg_sms_signature). The answer: JSON {Code, Message, BizId,
 * RequestId}; Code "OK" is sent, BizId the provider's id.
 *
 * The provider does not deduplicate by OutId: a message sent again
 * (an answer lost to a timeout, a worker killed mid-send) reaches the
 * phone again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "arena.h"
#include "ctx.h"
#include "fetch.h"
#include "msg_adapter.h"

#define SMS_NPARAMS	14

/* Codes that say "slow down". */
static const char *const sms_rate[] = {
	"isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL",
	"isv.BUSINESS_LIMIT_HOUR", "isv.BUSINESS_LIMIT_DAY",
	"BUSINESS_LIMIT_CONTROL_MINUTE", "BUSINESS_LIMIT_CONTROL_PHONE",
	"Throttling", "Throttling.User", "Throttling.Api", NULL
};
/* Codes that say this message will never go as it is. */
static const char *const sms_refused[] = {
	"isv.MOBILE_NUMBER_ILLEGAL", "isv.MOBILE_COUNT_OVER_LIMIT",
	"isv.PHONE_NUMBER_ILLEGAL", "isv.TEMPLATE_MISSING_PARAMETERS",
	"isv.INVALID_PARAMETERS", "isv.INVALID_JSON_PARAM",
	"isv.BLACK_KEY_CONTROL_LIMIT", "isv.PARAM_LENGTH_LIMIT",
	"isv.PARAM_NOT_SUPPORT_URL", "isv.DOMESTIC_NUMBER_NOT_SUPPORTED",
	"isv.EXTEND_CODE_ERROR", NULL
};

static int
listed(const char *const *list, const char *code)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, code) == 0)
			return 1;
	return 0;
}

enum msg_result
msg_sms_judge(long http, const char *code, int *rate_limited)
{
	*rate_limited = 0;
	if (code == NULL)
		code = "";
	if (http == 200 && strcmp(code, "OK") == 0)
		return MSG_SENT;
	if (listed(sms_rate, code)) {
		*rate_limited = 1;
		return MSG_RETRY;
	}
	/* the template's and the sign's codes: isv.SMS_TEMPLATE_ILLEGAL,
	 * isv.SMS_SIGNATURE_ILLEGAL, isv.SMS_SIGN_NAME_ILLEGAL ... */
	if (listed(sms_refused, code) ||
	    strncmp(code, "isv.SMS_TEMPLATE", 16) == 0 ||
	    strncmp(code, "isv.SMS_SIGN", 12) == 0)
		return MSG_REFUSED;
	return MSG_RETRY;
}

struct param {
	const char	*k;
	const char	*v;
};

static int
param_cmp(const void *x, const void *y)
{
	return strcmp(((const struct param *)x)->k,
	    ((const struct param *)y)->k);
}

char *
msg_sms_signature(struct arena *ar, const char *method,
    const char *const *keys, const char *const *vals, size_t n,
    const char *secret)
{
	struct param	*p = arena_alloc(ar, (n ? n : 1) * sizeof(*p));
	struct buf	 q;
	const char	*sts, *key;
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;
	size_t		 i;

	for (i = 0; i < n; i++) {
		p[i].k = keys[i];
		p[i].v = vals[i];
	}
	qsort(p, n, sizeof(*p), param_cmp);
	buf_init(&q, ar, 512);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(&q, '&');
		buf_puts(&q, msg_pct(ar, p[i].k));
		buf_putc(&q, '=');
		buf_puts(&q, msg_pct(ar, p[i].v));
	}
	sts = arena_printf(ar, "%s&%s&%s", method, msg_pct(ar, "/"),
	    msg_pct(ar, buf_str(&q)));
	key = arena_printf(ar, "%s&", secret);
	if (HMAC(EVP_sha1(), key, (int)strlen(key),
	    (const unsigned char *)sts, strlen(sts), md, &mdlen) == NULL)
		return NULL;
	return msg_base64(ar, md, mdlen);
}

/* The template's parameters as a JSON object string, or NULL if none. */
static char *
template_param(struct ctx *ctx, const struct msg_out *m)
{
	json_t	*o;
	int	 i;

	if (m->nparams <= 0)
		return NULL;
	o = json_object();
	for (i = 0; i < m->nparams && i < MSG_PARAMS_MAX; i++)
		json_object_set_new(o, m->names[i],
		    json_string(m->values[i] ? m->values[i] : ""));
	return msg_json(ctx, o);
}

void
msg_sms_send(struct ctx *ctx, const struct msg_account *acct,
    const struct msg_out *m, time_t deadline, struct msg_answer *a)
{
	const char	*keys[SMS_NPARAMS], *vals[SMS_NPARAMS], *sig, *tp;
	const char	*code;
	char		 ts[32], err[256];
	struct buf	 body;
	struct fetch	 f;
	struct tm	 tm;
	time_t		 now = time(NULL);
	json_t		*ans;
	json_error_t	 je;
	size_t		 n = 0, i;

	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
#define P(k, v) do { keys[n] = (k); vals[n] = (v); n++; } while (0)
	P("AccessKeyId", acct->key);
	P("Action", "SendSms");
	P("Format", "JSON");
	P("OutId", m->idem_key);
	P("PhoneNumbers", m->address);
	P("RegionId", "cn-hangzhou");
	P("SignName", acct->sign_name);
	P("SignatureMethod", "HMAC-SHA1");
	P("SignatureNonce", ctx_random_hex(ctx, 16));
	P("SignatureVersion", "1.0");
	P("TemplateCode", acct->tpl);
	if ((tp = template_param(ctx, m)) != NULL)
		P("TemplateParam", tp);
	P("Timestamp", arena_strdup(ctx->a, ts));
	P("Version", "2017-05-25");
#undef P
	if ((sig = msg_sms_signature(ctx->a, "POST", keys, vals, n,
	    acct->secret)) == NULL) {
		msg_answer_set(a, MSG_RETRY, 0, "", "HMAC-SHA1 failed");
		return;
	}
	buf_init(&body, ctx->a, 1024);
	for (i = 0; i < n; i++)
		buf_printf(&body, "%s=%s&", msg_pct(ctx->a, keys[i]),
		    msg_pct(ctx->a, vals[i]));
	buf_printf(&body, "Signature=%s", msg_pct(ctx->a, sig));

	memset(&f, 0, sizeof(f));
	f.method = "POST";
	f.url = acct->url;
	f.ctype = "application/x-www-form-urlencoded;charset=utf-8";
	f.body = buf_str(&body);
	f.timeout_s = msg_left(deadline);
	if (fetch(ctx, &f, err, sizeof(err)) < 0) {
		/* sent and no answer: the SMS may be on its way (unsure) */
		msg_answer_set(a, f.sent ? MSG_UNSURE : MSG_RETRY, 0, "", err);
		return;
	}
	if ((ans = json_loads(f.answer, 0, &je)) == NULL ||
	    !json_is_object(ans)) {
		/* a proxy's error page, a cut answer: try again later */
		json_decref(ans);
		msg_answer_set(a, MSG_RETRY, f.status, "",
		    arena_printf(ctx->a, "not JSON: %.200s", f.answer));
		return;
	}
	code = json_string_value(json_object_get(ans, "Code"));
	msg_answer_set(a, msg_sms_judge(f.status, code, &a->rate_limited),
	    f.status, code, json_string_value(json_object_get(ans,
	    "Message")));
	if (a->result == MSG_SENT)
		msg_copy(a->provider_id, sizeof(a->provider_id),
		    json_string_value(json_object_get(ans, "BizId")));
	json_decref(ans);
}
