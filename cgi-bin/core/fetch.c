/*
 * fetch.c - outbound HTTP through libcurl (fetch.h).
 */
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

int
fetch_post_form(struct ctx *ctx, const char *url, const char *body,
    long timeout_s, long *status, char **out, char *err, size_t errlen)
{
	struct curl_slist	*h = NULL;
	struct sink		 s;
	CURL			*c;
	CURLcode		 rc;

	*status = 0;
	*out = NULL;
	if ((c = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "curl_easy_init failed");
		return -1;
	}
	memset(&s, 0, sizeof(s));
	buf_init(&s.b, ctx->a, 4096);
	h = curl_slist_append(h, "Content-Type: "
	    "application/x-www-form-urlencoded;charset=utf-8");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_s);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout_s < 5 ? timeout_s : 5L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);	/* threads */
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, take);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
		*out = buf_str(&s.b);
	} else
		snprintf(err, errlen, "%s: %s", url, s.too_big ?
		    "answer too big" : curl_easy_strerror(rc));
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? 0 : -1;
}
