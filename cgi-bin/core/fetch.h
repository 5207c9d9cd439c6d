/*
 * fetch.h - outbound HTTP, through libcurl: what the worker asks a
 * payment gateway (an order's state; later refunds and statements).
 * Never from a page: a page answers without waiting on another site.
 */
#ifndef PROPFEE_FETCH_H
#define PROPFEE_FETCH_H

#include <stddef.h>

struct ctx;

/* Once per process, before any thread calls fetch_post_form(). */
int	fetch_init(void);

/*
 * POSTs body as application/x-www-form-urlencoded to url, waiting at most
 * timeout_s seconds in all. The answer's status in *status and its body
 * (NUL-terminated, at most FETCH_MAX bytes, in the context's arena) in
 * *out. Returns 0 once an answer came (any status), -1 with a line in
 * err when none did (refused, timed out, too big).
 */
#define FETCH_MAX	(1024 * 1024)
int	fetch_post_form(struct ctx *, const char *url, const char *body,
	    long timeout_s, long *status, char **out, char *err, size_t errlen);

#endif
