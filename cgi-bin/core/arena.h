/*
 * arena.h - the one memory policy of propfee.
 *
 * Everything a request needs is allocated from that request's arena and
 * freed in one go when the request finishes (like nginx's pools). Nothing
 * allocated per request is freed one by one, and nothing per request is
 * malloc'ed outside an arena.
 *
 * Running out of memory is not a condition a page can recover from: the
 * arena aborts the process (like redis's zmalloc), the supervisor's log
 * shows why, and nginx answers 502 for the requests in flight.
 *
 * Long-lived state (per-thread database connections, the template cache,
 * configuration) is allocated once at start-up with xmalloc(), which
 * follows the same abort-on-failure rule.
 */
#ifndef PROPFEE_ARENA_H
#define PROPFEE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;
struct arena_cleanup;

struct arena {
	struct arena_block	*head;	/* block being filled */
	struct arena_block	*first;	/* first block, kept between requests */
	struct arena_cleanup	*cleanups;
	size_t			 total;	/* bytes handed out, for limits */
};

void	 arena_init(struct arena *);
void	*arena_alloc(struct arena *, size_t);
void	*arena_zalloc(struct arena *, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*arena_vprintf(struct arena *, const char *, va_list);
/* Run fn(arg) when the arena is reset, newest first (frees C++ objects). */
void	 arena_defer(struct arena *, void (*fn)(void *), void *arg);
/*
 * Room for one more element in an array that grows in the arena: when n
 * reaches *cap, the array moves to twice the room (first: first_cap).
 * Returns the array to use.
 */
void	*arena_grow(struct arena *, void *array, size_t n, size_t *cap,
	    size_t size, size_t first_cap);
/* Frees everything but the first block, which is kept for the next request. */
void	 arena_reset(struct arena *);
void	 arena_free(struct arena *);

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
char	*xstrdup(const char *);

/*
 * A growable byte buffer inside an arena: the response body, SQL LIKE
 * patterns, CSV exports.
 */
struct buf {
	struct arena	*a;
	char		*p;
	size_t		 len;
	size_t		 cap;
};

void	 buf_init(struct buf *, struct arena *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* NUL-terminates and returns the contents (still owned by the arena). */
char	*buf_str(struct buf *);

#endif
