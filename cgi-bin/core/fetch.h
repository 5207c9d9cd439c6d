/*
 * fetch.h - outbound HTTP, through libcurl: what propfee asks a payment
 * gateway (to open an order, an order's state, refunds and daily
 * statements). Mostly from the worker; a page may ask only what it
 * cannot answer without (WeChat Pay's H5 order, /pay/CODE/go), under a
 * short time limit.
 */
#ifndef PROPFEE_FETCH_H
#define PROPFEE_FETCH_H

#include <stddef.h>

#include "form.h"

struct ctx;

/* Once per process, before any thread fetches. */
int	fetch_init(void);

#define FETCH_MAX	(1024 * 1024)	/* bytes of an answer */

struct fetch {
	/* in */
	const char		*method;	/* "GET" or "POST" */
	const char		*url;
	const char		*ctype;		/* the body's; NULL: no body */
	const char		*body;
	const char *const	*headers;	/* "Name: value", NULL ended */
	long			 timeout_s;
	/* out */
	int			 sent;		/* the request went out (then a
						 * failure means no answer came:
						 * the server may have acted) */
	long			 status;
	char			*answer;	/* NUL-terminated, in the arena */
	size_t			 answer_len;	/* its bytes (a zip may hold NULs) */
	struct kvlist		 answer_headers;	/* names lower-cased */
};

/*
 * Sends f's request and waits at most f->timeout_s seconds in all; fills
 * the answer's status, body and headers. Returns 0 once an answer came
 * (any status), -1 with a line in err when none did (refused, timed out,
 * more than FETCH_MAX); f->sent then says whether the request had gone
 * out (a timeout waiting for the answer) or not (refused, no connection).
 */
int	fetch(struct ctx *, struct fetch *f, char *err, size_t errlen);
/* An answer header by its lower-case name, or NULL. */
const char *fetch_header(const struct fetch *, const char *name);

/* A form POST (fetch above): *status and *out as its answer. */
int	fetch_post_form(struct ctx *, const char *url, const char *body,
	    long timeout_s, long *status, char **out, char *err, size_t errlen);

#endif
