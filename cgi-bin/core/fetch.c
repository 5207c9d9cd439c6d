/*
 * fetch.c - outbound HTTP through libcurl (fetch.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "arena.h"
#include "ctx.h"
#include "fetch.h"

int
fetch_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

struct sink {
	struct ctx	*ctx;
	struct fetch	*f;
	struct buf	 b;
	size_t		 n;
	int		 too_big;
};

static size_t
take(char *p, size_t size, size_t nmemb, void *arg)
{
	struct sink	*s = arg;
	size_t		 n = size * nmemb;

	if (s->n + n > FETCH_MAX) {
		s->too_big = 1;
		return 0;		/* libcurl stops: CURLE_WRITE_ERROR */
	}
	buf_add(&s->b, p, n);
	s->n += n;
	return n;
}

/* One header line of the answer: "Name: value\r\n", kept lower-cased. */
static size_t
take_header(char *p, size_t size, size_t nmemb, void *arg)
{
	struct sink	*s = arg;
	size_t		 n = size * nmemb, k, v, e;
	char		*name;

	for (k = 0; k < n && p[k] != ':'; k++)
		;
	if (k == 0 || k == n)
		return n;		/* the status line, the blank end */
	for (v = k + 1; v < n && (p[v] == ' ' || p[v] == '\t'); v++)
		;
	for (e = n; e > v && (p[e - 1] == '\r' || p[e - 1] == '\n' ||
	    p[e - 1] == ' '); e--)
		;
	name = arena_strndup(s->ctx->a, p, k);
	for (k = 0; name[k] != '\0'; k++)
		name[k] = (char)tolower((unsigned char)name[k]);
	form_push(s->ctx->a, &s->f->answer_headers, name,
	    arena_strndup(s->ctx->a, p + v, e - v), e - v, NULL);
	return n;
}

int
fetch(struct ctx *ctx, struct fetch *f, char *err, size_t errlen)
{
	struct curl_slist	*h = NULL;
	struct sink		 s;
	const char *const	*hp;
	CURL			*c;
	CURLcode		 rc;
	long			 reqsize = 0;

	f->sent = 0;
	f->status = 0;
	f->answer = NULL;
	f->answer_len = 0;
	memset(&f->answer_headers, 0, sizeof(f->answer_headers));
	if ((c = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "curl_easy_init failed");
		return -1;
	}
	memset(&s, 0, sizeof(s));
	s.ctx = ctx;
	s.f = f;
	buf_init(&s.b, ctx->a, 4096);
	if (f->ctype != NULL)
		h = curl_slist_append(h, arena_printf(ctx->a, "Content-Type: %s",
		    f->ctype));
	for (hp = f->headers; hp != NULL && *hp != NULL; hp++)
		h = curl_slist_append(h, *hp);
	h = curl_slist_append(h, "Accept: application/json, */*");
	curl_easy_setopt(c, CURLOPT_URL, f->url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	if (strcmp(f->method, "POST") == 0) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, f->body ? f->body : "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE,
		    (long)(f->body ? strlen(f->body) : 0));
	}
	curl_easy_setopt(c, CURLOPT_TIMEOUT, f->timeout_s);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT,
	    f->timeout_s < 5 ? f->timeout_s : 5L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);	/* threads */
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, take);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, take_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &s);
	rc = curl_easy_perform(c);
	/* the bytes of the request written to the server: 0 when it never
	 * left (no connection, refused, a connect timeout) */
	if (curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &reqsize) == CURLE_OK &&
	    reqsize > 0)
		f->sent = 1;
	if (rc == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &f->status);
		f->answer_len = s.b.len;
		f->answer = buf_str(&s.b);
	} else
		snprintf(err, errlen, "%s: %s", f->url, s.too_big ?
		    "answer too big" : curl_easy_strerror(rc));
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? 0 : -1;
}

const char *
fetch_header(const struct fetch *f, const char *name)
{
	const struct kv	*v = form_find(&f->answer_headers, name);

	return v != NULL ? v->val : NULL;
}

int
fetch_post_form(struct ctx *ctx, const char *url, const char *body,
    long timeout_s, long *status, char **out, char *err, size_t errlen)
{
	struct fetch	 f;

	memset(&f, 0, sizeof(f));
	f.method = "POST";
	f.url = url;
	f.ctype = "application/x-www-form-urlencoded;charset=utf-8";
	f.body = body;
	f.timeout_s = timeout_s;
	if (fetch(ctx, &f, err, errlen) < 0)
		return -1;
	*status = f.status;
	*out = f.answer;
	return 0;
}
