/*
 * msg_wechat.c - a WeChat official account's template message
 * (msgsend.h): POST wechat_msg_url/cgi-bin/message/template/send?
 * access_token=TOKEN with JSON {touser: the openid, template_id, url:
 * the link, client_msg_id: our idempotency key, data: {first: the
 * title, NAME: {value}, ...}}; the answer {errcode, errmsg, msgid}.
 *
 * The access_token comes from GET wechat_msg_url/cgi-bin/token?
 * grant_type=client_credential&appid=&secret= ({access_token,
 * expires_in} or {errcode, errmsg}) and is kept by the process, for
 * every thread, until 5 minutes before it expires (at half its life if
 * that is shorter), or until a send is answered 40001, 40014 or 42001:
 * then it is fetched again once and the message sent again once. Each
 * fetch makes the provider's older tokens go stale soon, so one thread
 * fetches while the others wait for its token.
 *
 * WeChat sends one message for one openid and client_msg_id within 10
 * minutes, however often it is asked; later, again.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "arena.h"
#include "ctx.h"
#include "fetch.h"
#include "msg_adapter.h"

#define TOKEN_MAX	1024		/* WeChat: keep 512 at least */
#define TOKEN_EARLY_S	300		/* fetched again this early */

/* The process's access_token, for the account (appid at url) it is of. */
static struct {
	pthread_mutex_t	 lock;
	char		 token[TOKEN_MAX];
	char		 account[512];		/* "url appid" */
	time_t		 until;			/* msg_clock() */
} tok = { PTHREAD_MUTEX_INITIALIZER, "", "", 0 };

enum msg_result
msg_wechat_judge(long http, long errcode, int *rate_limited)
{
	*rate_limited = 0;
	if (http == 200 && errcode == 0)
		return MSG_SENT;
	switch (errcode) {
	case 45009:	/* the day's quota of calls */
	case 45011:	/* calls too often */
		*rate_limited = 1;
		return MSG_RETRY;
	case 40003:	/* not an openid of this account */
	case 40036:	/* template_id's size */
	case 40037:	/* no such template */
	case 43004:	/* the owner does not follow the account */
	case 43101:	/* the owner refuses the account's messages */
	case 47001:	/* the data's format */
	case 47003:	/* a field of the data */
		return http == 200 ? MSG_REFUSED : MSG_RETRY;
	default:
		return MSG_RETRY;
	}
}

int
msg_wechat_token_bad(long errcode)
{
	return errcode == 40001 || errcode == 40014 || errcode == 42001;
}

void
msg_wechat_forget(void)
{
	pthread_mutex_lock(&tok.lock);
	tok.token[0] = '\0';
	tok.until = 0;
	pthread_mutex_unlock(&tok.lock);
}

/* The answer's errcode (0 when there is none, as in a token's answer). */
static long
errcode_of(json_t *ans)
{
	json_t	*e = json_object_get(ans, "errcode");

	return json_is_integer(e) ? (long)json_integer_value(e) : 0;
}

/*
 * Asks for a new access_token; with the lock held. 0 with it kept in tok,
 * or -1 with a filled (MSG_RETRY: our appid or secret, or the provider).
 */
static int
token_fetch(struct ctx *ctx, const struct msg_account *acct,
    const char *account, time_t deadline, struct msg_answer *a)
{
	struct fetch	 f;
	json_t		*ans;
	json_error_t	 je;
	const char	*t;
	char		 err[256];
	long		 life, ec;

	memset(&f, 0, sizeof(f));
	f.method = "GET";
	f.url = arena_printf(ctx->a, "%s?grant_type=client_credential"
	    "&appid=%s&secret=%s", msg_url(ctx->a, acct->url, "/cgi-bin/token"),
	    msg_pct(ctx->a, acct->key), msg_pct(ctx->a, acct->secret));
	f.timeout_s = msg_left(deadline);
	if (fetch(ctx, &f, err, sizeof(err)) < 0) {
		/* the URL carries the secret: not in the answer */
		msg_answer_set(a, MSG_RETRY, 0, "", arena_printf(ctx->a,
		    "access_token: %s", strstr(err, ": ") ?
		    strstr(err, ": ") + 2 : err));
		return -1;
	}
	if ((ans = json_loads(f.answer, 0, &je)) == NULL ||
	    !json_is_object(ans)) {
		json_decref(ans);
		msg_answer_set(a, MSG_RETRY, f.status, "", arena_printf(ctx->a,
		    "access_token: not JSON: %.200s", f.answer));
		return -1;
	}
	t = json_string_value(json_object_get(ans, "access_token"));
	life = json_is_integer(json_object_get(ans, "expires_in")) ?
	    (long)json_integer_value(json_object_get(ans, "expires_in")) : 0;
	ec = errcode_of(ans);
	if (f.status != 200 || t == NULL || *t == '\0' ||
	    strlen(t) >= sizeof(tok.token) || life <= 0) {
		msg_answer_set(a, MSG_RETRY, f.status,
		    ec != 0 ? arena_printf(ctx->a, "%ld", ec) : "",
		    arena_printf(ctx->a,
		    "access_token: %s", json_string_value(json_object_get(ans,
		    "errmsg")) ? json_string_value(json_object_get(ans,
		    "errmsg")) : "no token in the answer"));
		json_decref(ans);
		return -1;
	}
	msg_copy(tok.token, sizeof(tok.token), t);
	msg_copy(tok.account, sizeof(tok.account), account);
	tok.until = msg_clock() + (life > 2 * TOKEN_EARLY_S ?
	    life - TOKEN_EARLY_S : life / 2);
	json_decref(ans);
	return 0;
}

/*
 * The access_token to send with, in the arena: the one kept, unless it
 * is stale or is refused (the token the provider refused; NULL: none
 * was); else a new one. NULL with a filled when none can be had.
 */
static const char *
token_get(struct ctx *ctx, const struct msg_account *acct,
    const char *refused, time_t deadline, struct msg_answer *a)
{
	const char	*account = arena_printf(ctx->a, "%s %s", acct->url,
			    acct->key);
	const char	*out = NULL;

	pthread_mutex_lock(&tok.lock);
	if (tok.token[0] == '\0' || strcmp(tok.account, account) != 0 ||
	    msg_clock() >= tok.until ||
	    (refused != NULL && strcmp(tok.token, refused) == 0)) {
		/* another thread may have fetched since refused was used:
		 * then its token is taken, and none is fetched here */
		tok.token[0] = '\0';
		if (token_fetch(ctx, acct, account, deadline, a) < 0)
			goto out;
	}
	out = arena_strdup(ctx->a, tok.token);
out:
	pthread_mutex_unlock(&tok.lock);
	return out;
}

/* The template message's JSON body, in the arena; NULL on failure. */
static char *
body_of(struct ctx *ctx, const struct msg_account *acct,
    const struct msg_out *m)
{
	json_t	*o, *data;
	int	 i;

	data = json_object();
	if (m->title != NULL && *m->title != '\0')
		json_object_set_new(data, "first",
		    json_pack("{s:s}", "value", m->title));
	for (i = 0; i < m->nparams && i < MSG_PARAMS_MAX; i++)
		json_object_set_new(data, m->names[i], json_pack("{s:s}",
		    "value", m->values[i] ? m->values[i] : ""));
	o = json_pack("{s:s, s:s, s:s, s:o}", "touser", m->address,
	    "template_id", acct->tpl, "client_msg_id", m->idem_key,
	    "data", data);
	if (o == NULL)
		return NULL;
	if (m->link != NULL && *m->link != '\0')
		json_object_set_new(o, "url", json_string(m->link));
	return msg_json(ctx, o);
}

void
msg_wechat_send(struct ctx *ctx, const struct msg_account *acct,
    const struct msg_out *m, time_t deadline, struct msg_answer *a)
{
	const char	*token = NULL, *body;
	struct fetch	 f;
	json_t		*ans, *id;
	json_error_t	 je;
	char		 err[256];
	long		 ec;
	int		 again;

	if ((body = body_of(ctx, acct, m)) == NULL) {
		msg_answer_set(a, MSG_REFUSED, 0, "",
		    "the message cannot be written as JSON (not UTF-8?)");
		return;
	}
	for (again = 0; again < 2; again++) {
		if ((token = token_get(ctx, acct, token, deadline, a)) == NULL)
			return;
		memset(&f, 0, sizeof(f));
		f.method = "POST";
		f.url = arena_printf(ctx->a, "%s?access_token=%s",
		    msg_url(ctx->a, acct->url,
		    "/cgi-bin/message/template/send"), msg_pct(ctx->a, token));
		f.ctype = "application/json; charset=utf-8";
		f.body = body;
		f.timeout_s = msg_left(deadline);
		if (fetch(ctx, &f, err, sizeof(err)) < 0) {
			/* not the URL: it carries the token; sent and no
			 * answer: the message may be on its way (unsure) */
			msg_answer_set(a, f.sent ? MSG_UNSURE : MSG_RETRY, 0,
			    "", strstr(err, ": ") ?
			    strstr(err, ": ") + 2 : err);
			return;
		}
		if ((ans = json_loads(f.answer, 0, &je)) == NULL ||
		    !json_is_object(ans)) {
			json_decref(ans);
			msg_answer_set(a, MSG_RETRY, f.status, "",
			    arena_printf(ctx->a, "not JSON: %.200s", f.answer));
			return;
		}
		ec = errcode_of(ans);
		msg_answer_set(a, msg_wechat_judge(f.status, ec,
		    &a->rate_limited), f.status, arena_printf(ctx->a, "%ld",
		    ec), json_string_value(json_object_get(ans, "errmsg")));
		if (a->result == MSG_SENT) {
			id = json_object_get(ans, "msgid");
			if (json_is_integer(id))
				snprintf(a->provider_id, sizeof(a->provider_id),
				    "%lld", (long long)json_integer_value(id));
			else
				msg_copy(a->provider_id,
				    sizeof(a->provider_id),
				    json_string_value(id));
		}
		json_decref(ans);
		if (f.status != 200 || !msg_wechat_token_bad(ec))
			return;
		/* the token is stale or revoked: a new one, once */
	}
}
