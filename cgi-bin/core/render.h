/*
 * render.h - the documents the PDF renderer draws (issue 15: "draw PDFs
 * in a small renderer process"), and how a program asks it for one.
 *
 * cairo, pango, fontconfig and their caches (some 50 MB once every
 * thread had drawn a receipt) live only in propfee-pdf (cgi-bin/pdf/),
 * one per host under the same supervisor as the other programs. The
 * owner and staff programs call receipt_pdf() and svc_report_pdf() as
 * before; those write the document's data (render_*_req) to the
 * renderer's unix socket (the configuration's pdf_socket) and read the
 * PDF back. The renderer draws one document at a time, as the programs'
 * pdf lock did before.
 *
 * The wire, both ways one message per connection:
 *	request		u32 length, then that many bytes: a kind byte
 *			(RENDER_RECEIPT, RENDER_REPORT), the fields
 *	answer		a status byte ('0' drawn, '1' not), u32 length,
 *			the PDF
 * u32 in network order. A field is an i64 (8 bytes, network order) or a
 * string: u32 length then the bytes, RENDER_NULL for a NULL pointer.
 * The renderer trusts nothing it reads: any length past the end, a
 * string with a NUL in it, a count over its maximum fails the decode.
 */
#ifndef PROPFEE_RENDER_H
#define PROPFEE_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "receipt.h"
#include "svcreport.h"

struct arena;
struct buf;
struct timespec;

enum render_kind {
	RENDER_RECEIPT = 'R',
	RENDER_REPORT = 'S'
};

#define RENDER_NULL	0xffffffffu	/* a string's length: NULL */
#define RENDER_MAX	(4u << 20)	/* the longest request or PDF, bytes */
#define RENDER_LINES	10000		/* a receipt's lines at most */
#define RENDER_ITEMS	1000		/* a report's listed repairs at most */

/* One document as the renderer reads it. */
struct render_doc {
	enum render_kind	 kind;
	/* RENDER_RECEIPT */
	struct receipt		 rc;
	const char		*verify_url;
	int64_t			 copy;
	/* RENDER_REPORT */
	struct svc_report	 rep;
	struct svc_item		*items;
	size_t			 nitems;
};

/* ---- pure (tests/unit/test_render.c) ---- */

/* The request's payload (no length prefix) for a receipt: what
 * receipt_pdf() draws. */
void	render_receipt_req(struct buf *, const struct receipt *,
	    const char *verify_url, int64_t copy);
/* The same for a monthly service report and its listed repairs. */
void	render_report_req(struct buf *, const struct svc_report *,
	    const struct svc_item *items, size_t n);
/*
 * Reads a payload (p, n) back into doc, every string copied into the
 * arena. Returns 0, or -1 when it is not a whole request of a known
 * kind (nothing else is promised of doc then).
 */
int	render_decode(struct arena *, const void *p, size_t n,
	    struct render_doc *doc);

/* ---- the socket, both sides ---- */

/* deadline = now + ms on CLOCK_MONOTONIC. */
void	render_deadline(struct timespec *deadline, int ms);
/*
 * Reads (out 0) or writes (out 1) exactly n bytes of p on the
 * non-blocking-safe socket fd, waiting at most until deadline. 0, or -1
 * (the peer closed, an error, or the deadline passed).
 */
int	render_io(int fd, void *p, size_t n, int out,
	    const struct timespec *deadline);
/* A u32 in network order at p, and written there. */
uint32_t render_get32(const unsigned char *p);
void	render_put32(unsigned char *p, uint32_t v);

/* ---- the client ---- */

/*
 * Sends payload req to the renderer at the configuration's pdf_socket
 * and appends the PDF it draws to out. Returns 0, or -1 (logged) when
 * the renderer is not there, does not answer within 20 s, or could not
 * draw it: the page then answers 503, 请稍后再试 (the supervisor starts
 * a lost renderer again within a second or so).
 */
int	render_call(const struct buf *req, struct buf *out);

#endif
