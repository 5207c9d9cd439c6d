/*
 * msg_adapter.h - inside the message providers' adapters (msgsend.h):
 * what msgsend.c hands each adapter, what they share, and their pure
 * parts (signatures, headers, how an answer is judged), which the unit
 * tests check (tests/unit/test_msg_sign.c). Nothing but msgsend.c, the
 * adapters and their tests includes it.
 */
#ifndef PROPFEE_MSG_ADAPTER_H
#define PROPFEE_MSG_ADAPTER_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <time.h>

#include "msgsend.h"

struct arena;
struct ctx;

/* One channel's account, from the configuration (msgsend.c). */
struct msg_account {
	const char	*url;		/* sms_url; wechat_msg_url, push_url: bases */
	const char	*key;		/* sms_access_key, wechat_msg_appid,
					 * push_app_key */
	const char	*secret;	/* sms_secret, wechat_msg_secret,
					 * push_master_secret */
	const char	*sign_name;	/* sms_sign_name; NULL for the others */
	const char	*tpl;		/* sms_tpl_<topic>, wechat_tpl_<topic>;
					 * NULL for push */
};

/*
 * The adapters: one request (WeChat: and the access_token's when none is
 * kept, or the one kept was refused) to m's provider, answered in a
 * (result, HTTP status, the provider's code and message, its id).
 * deadline: CLOCK_MONOTONIC seconds by which every request has ended.
 */
void	msg_sms_send(struct ctx *, const struct msg_account *,
	    const struct msg_out *m, time_t deadline, struct msg_answer *a);
void	msg_wechat_send(struct ctx *, const struct msg_account *,
	    const struct msg_out *m, time_t deadline, struct msg_answer *a);
void	msg_app_send(struct ctx *, const struct msg_account *,
	    const struct msg_out *m, time_t deadline, struct msg_answer *a);

/* -- shared (msgsend.c) -------------------------------------------------- */

/* Now on CLOCK_MONOTONIC, in seconds. */
time_t	msg_clock(void);
/* Seconds left until deadline for one request: at least 1. */
long	msg_left(time_t deadline);
/*
 * Fills a: result, status, code and message, each cut to its field's
 * size (on a UTF-8 character's boundary); code and message may be NULL.
 */
void	msg_answer_set(struct msg_answer *a, enum msg_result r, long http,
	    const char *code, const char *message);
/* Copies s into dst of size n, cut on a UTF-8 boundary. */
void	msg_copy(char *dst, size_t n, const char *s);
/* base URL without its trailing '/' and path appended, in the arena. */
char	*msg_url(struct arena *, const char *base, const char *path);
/* s percent-encoded as RFC 3986 (all but A-Z a-z 0-9 - _ . ~), upper-case
 * hex, in the arena. */
char	*msg_pct(struct arena *, const char *s);
/* The n bytes of p in base64 (with padding), in the arena. */
char	*msg_base64(struct arena *, const unsigned char *p, size_t n);
/* o as compact JSON in ctx's arena, o released; NULL if o is NULL or
 * cannot be written. */
char	*msg_json(struct ctx *, json_t *o);

/* -- SMS (msg_sms.c) --------------------------------------------------- */

/*
 * The signature of an SMS cloud's RPC request (its "签名机制"): the
 * parameters (keys[i]=vals[i], n of them, Signature not among them)
 * sorted by key, each key and value percent-encoded (msg_pct), joined as
 * k=v with '&'; StringToSign = METHOD&%2F&pct(that); Signature = base64
 * of HMAC-SHA1 with key "secret&". In the arena; NULL if HMAC fails.
 */
char	*msg_sms_signature(struct arena *, const char *method,
	    const char *const *keys, const char *const *vals, size_t n,
	    const char *secret);
/*
 * How an SMS answer is judged: http (0: none came) and its Code.
 * "OK" with HTTP 200: MSG_SENT. isv.BUSINESS_LIMIT_CONTROL, the day and
 * minute limits, Throttling*: MSG_RETRY, rate limited. A bad number,
 * template or sign, a template's parameters: MSG_REFUSED. Everything
 * else (5xx, no answer, our keys or account refused, codes unknown):
 * MSG_RETRY.
 */
enum msg_result msg_sms_judge(long http, const char *code, int *rate_limited);

/* -- WeChat (msg_wechat.c) --------------------------------------------- */

/*
 * How a template message's errcode is judged (http 0: no answer): 0
 * sent; 45009 and 45011 rate limited; 43004 (not following), 40003 (bad
 * openid), 40036/40037 (template id), 47001/47003 (the data), 43101
 * (the user refuses) refused; the rest, token errors included (msgsend
 * fetched a new token once already), retried.
 */
enum msg_result msg_wechat_judge(long http, long errcode, int *rate_limited);
/* 1 when errcode says the access_token is not (or no longer) good:
 * 40001, 40014, 42001. */
int	msg_wechat_token_bad(long errcode);
/* Forgets the process's access_token (tests; a changed account). */
void	msg_wechat_forget(void);

/* -- app push (msg_app.c) ---------------------------------------------- */

/* "Authorization: Basic base64(app_key:master_secret)", in the arena. */
char	*msg_app_basic(struct arena *, const char *app_key,
	    const char *master_secret);
/*
 * A push's sendno (an int the provider echoes) for idempotency key key:
 * the first 4 bytes of SHA-256(key), big-endian, less the top bit, so
 * the same message has the same sendno at every try.
 */
int32_t	msg_app_sendno(const char *key);
/*
 * How a push's answer is judged: HTTP 200 sent; 429, or error code 2002
 * or 2005, rate limited; 1011 (no such target), 1002, 1003, 1005 (the
 * request's own fault) refused; the rest (5xx, 1004 and 1008: our keys)
 * retried.
 */
enum msg_result msg_app_judge(long http, long code, int *rate_limited);

#endif
