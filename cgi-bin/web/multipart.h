/*
 * multipart.h - multipart/form-data (RFC 7578) read as it arrives.
 *
 * The body is fed in chunks of any size (one byte at a time will do);
 * the parser hands each part's header to begin(), its bytes to data() in
 * pieces as they come, and calls end() when the part's delimiter has
 * been seen. It keeps only a small window of the body (MULTIPART_WINDOW
 * bytes): a file part of any size passes through it and is never held
 * whole, so the caller decides where the bytes go (a spool file, a
 * buffer). The bytes are any bytes: NUL, CR, LF and near-delimiters
 * ("\r\n--" and most of the boundary) inside a part are data.
 *
 * Errors are HTTP statuses: 400 for a body that is not multipart (no
 * boundary, a part without a name, a header block over MULTIPART_HEAD_MAX,
 * a body that ends before the closing delimiter), or whatever status a
 * callback returned (413 when the caller's limit is passed, say).
 */
#ifndef PROPFEE_MULTIPART_H
#define PROPFEE_MULTIPART_H

#include <stddef.h>

struct arena;

#define MULTIPART_HEAD_MAX	8192		/* one part's header lines */
#define MULTIPART_WINDOW	(16 * 1024)	/* > HEAD_MAX + a delimiter */

/* One part as its header lines describe it. */
struct mp_part {
	const char	*name;		/* the form field, UTF-8, 1..64 bytes */
	const char	*filename;	/* a file part's declared name (UTF-8,
					 * maybe ""), NULL for a field */
	const char	*ctype;		/* its Content-Type, "" when none */
};

/* Where the parts go. Each returns 0, or an HTTP status that stops the
 * parse and is returned by multipart_feed()/multipart_end(). */
struct mp_sink {
	int	(*begin)(void *arg, const struct mp_part *);
	int	(*data)(void *arg, const char *, size_t);
	int	(*end)(void *arg);
	void	*arg;
};

struct multipart {
	struct arena	*a;
	struct mp_sink	 sink;
	char		 delim[80];	/* "\r\n--" and the boundary */
	size_t		 dlen;
	char		*win;		/* MULTIPART_WINDOW bytes */
	size_t		 wlen;
	int		 state;
	int		 error;		/* once set, every call returns it */
};

/*
 * Starts a parse of a body of Content-Type ctype (its boundary= is the
 * delimiter). Returns 0, or 400 when ctype names no usable boundary.
 */
int	multipart_init(struct multipart *, struct arena *, const char *ctype,
	    const struct mp_sink *);
/* Reads the next n bytes of the body. Returns 0 or a status. */
int	multipart_feed(struct multipart *, const char *, size_t);
/* The body has ended: 0 if the closing delimiter was seen, else 400. */
int	multipart_end(struct multipart *);

#endif
