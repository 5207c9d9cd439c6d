/*
 * render.c - a document's data on the renderer's wire, and the client
 * that asks propfee-pdf for the PDF (render.h).
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "conf.h"
#include "log.h"
#include "render.h"

#define CALL_TIMEOUT_MS	20000

/* ---- writing ---- */

static void
put_u32(struct buf *b, uint32_t v)
{
	unsigned char	 x[4];

	render_put32(x, v);
	buf_add(b, x, 4);
}

static void
put_i64(struct buf *b, int64_t v)
{
	uint64_t	 u = (uint64_t)v;

	put_u32(b, (uint32_t)(u >> 32));
	put_u32(b, (uint32_t)u);
}

static void
put_str(struct buf *b, const char *s)
{
	size_t	 n;

	if (s == NULL) {
		put_u32(b, RENDER_NULL);
		return;
	}
	n = strlen(s);
	put_u32(b, (uint32_t)n);
	buf_add(b, s, n);
}

void
render_receipt_req(struct buf *b, const struct receipt *rc,
    const char *verify_url, int64_t copy)
{
	size_t	 i;

	buf_putc(b, RENDER_RECEIPT);
	put_str(b, verify_url);
	put_i64(b, copy);
	put_i64(b, rc->id);
	put_i64(b, rc->estate_id);
	put_i64(b, rc->payment_id);
	put_i64(b, rc->premises_id);
	put_str(b, rc->number);
	put_str(b, rc->code);
	put_str(b, rc->issued_at);
	put_str(b, rc->estate);
	put_str(b, rc->centre);
	put_str(b, rc->estate_phone);
	put_str(b, rc->premises);
	put_str(b, rc->building);
	put_str(b, rc->occupancy);
	put_str(b, rc->payer);
	put_str(b, rc->channel);
	put_str(b, rc->channel_sub);
	put_str(b, rc->channel_full);
	put_str(b, rc->out_trade_no);
	put_str(b, rc->gateway_txn);
	put_str(b, rc->txn_label);
	put_str(b, rc->collector);
	put_i64(b, rc->collector_id);
	put_i64(b, rc->credit);
	put_str(b, rc->credit_logger);
	put_str(b, rc->taker_label);
	put_str(b, rc->taker);
	put_str(b, rc->own_words);
	put_i64(b, rc->amount);
	put_i64(b, rc->prepaid);
	put_i64(b, rc->voided);
	put_str(b, rc->void_reason);
	put_str(b, rc->voided_at);
	put_str(b, rc->void_by);
	put_i64(b, (int64_t)rc->nlines);
	for (i = 0; i < rc->nlines; i++) {
		put_str(b, rc->lines[i].item);
		put_str(b, rc->lines[i].period);
		put_i64(b, rc->lines[i].amount);
	}
}

void
render_report_req(struct buf *b, const struct svc_report *r,
    const struct svc_item *items, size_t n)
{
	const struct svc_figures *f = &r->f;
	size_t	 i;

	buf_putc(b, RENDER_REPORT);
	put_i64(b, r->id);
	put_i64(b, r->estate_id);
	put_i64(b, r->month.y);
	put_i64(b, r->month.m);
	put_i64(b, r->month.d);
	put_str(b, r->month_words);
	put_i64(b, r->status);
	put_i64(b, r->late);
	put_i64(b, r->edited);
	put_str(b, r->version);
	put_str(b, r->due_on);
	put_str(b, r->summary);
	put_str(b, r->drafted_at);
	put_str(b, r->published_at);
	put_str(b, r->estate);
	put_str(b, r->centre);
	put_str(b, r->phone);
	for (i = 0; i < SVC_KIND__MAX; i++)
		put_i64(b, f->logs[i]);
	put_i64(b, f->rq_logged);
	put_i64(b, f->rq_solved);
	put_i64(b, f->fix_secs);
	put_i64(b, f->rq_planned);
	put_i64(b, f->plan_secs);
	put_i64(b, f->score_n);
	put_i64(b, f->score_x10);
	put_i64(b, f->withheld_n);
	put_i64(b, f->withheld_paid_n);
	put_i64(b, (int64_t)n);
	for (i = 0; i < n; i++) {
		put_i64(b, items[i].id);
		put_str(b, items[i].day);
		put_str(b, items[i].area);
		put_str(b, items[i].who);
		put_str(b, items[i].note);
	}
}

/* ---- reading ---- */

struct rd {
	struct arena		*a;
	const unsigned char	*p;
	size_t			 n;
	int			 bad;
};

static uint32_t
get_u32(struct rd *r)
{
	uint32_t	 v;

	if (r->bad || r->n < 4) {
		r->bad = 1;
		return 0;
	}
	v = render_get32(r->p);
	r->p += 4;
	r->n -= 4;
	return v;
}

static int64_t
get_i64(struct rd *r)
{
	uint64_t	 hi, lo;

	hi = get_u32(r);
	lo = get_u32(r);
	return (int64_t)(hi << 32 | lo);
}

/* An i64 that must lie within [min, max] (an int, a count). */
static int64_t
get_in(struct rd *r, int64_t min, int64_t max)
{
	int64_t	 v = get_i64(r);

	if (v < min || v > max)
		r->bad = 1;
	return r->bad ? min : v;
}

static const char *
get_str(struct rd *r)
{
	uint32_t	 len = get_u32(r);
	const char	*s;

	if (r->bad || len == RENDER_NULL)
		return NULL;
	if (len > r->n || memchr(r->p, '\0', len) != NULL) {
		r->bad = 1;
		return NULL;
	}
	s = arena_strndup(r->a, (const char *)r->p, len);
	r->p += len;
	r->n -= len;
	return s;
}

static void
get_receipt(struct rd *r, struct render_doc *d)
{
	struct receipt	*rc = &d->rc;
	size_t		 i;

	d->verify_url = get_str(r);
	d->copy = get_i64(r);
	rc->id = get_i64(r);
	rc->estate_id = get_i64(r);
	rc->payment_id = get_i64(r);
	rc->premises_id = get_i64(r);
	rc->number = get_str(r);
	rc->code = get_str(r);
	rc->issued_at = get_str(r);
	rc->estate = get_str(r);
	rc->centre = get_str(r);
	rc->estate_phone = get_str(r);
	rc->premises = get_str(r);
	rc->building = get_str(r);
	rc->occupancy = get_str(r);
	rc->payer = get_str(r);
	rc->channel = get_str(r);
	rc->channel_sub = get_str(r);
	rc->channel_full = get_str(r);
	rc->out_trade_no = get_str(r);
	rc->gateway_txn = get_str(r);
	rc->txn_label = get_str(r);
	rc->collector = get_str(r);
	rc->collector_id = get_i64(r);
	rc->credit = (int)get_in(r, 0, 1);
	rc->credit_logger = get_str(r);
	rc->taker_label = get_str(r);
	rc->taker = get_str(r);
	rc->own_words = get_str(r);
	rc->amount = get_i64(r);
	rc->prepaid = get_i64(r);
	rc->voided = (int)get_in(r, 0, 1);
	rc->void_reason = get_str(r);
	rc->voided_at = get_str(r);
	rc->void_by = get_str(r);
	rc->nlines = (size_t)get_in(r, 0, RENDER_LINES);
	if (r->bad)
		return;
	rc->lines = arena_zalloc(r->a, (rc->nlines + 1) * sizeof(*rc->lines));
	for (i = 0; i < rc->nlines && !r->bad; i++) {
		rc->lines[i].item = get_str(r);
		rc->lines[i].period = get_str(r);
		rc->lines[i].amount = get_i64(r);
	}
}

static void
get_report(struct rd *r, struct render_doc *d)
{
	struct svc_report	*rep = &d->rep;
	struct svc_figures	*f = &rep->f;
	size_t			 i;

	rep->id = get_i64(r);
	rep->estate_id = get_i64(r);
	rep->month.y = (int)get_in(r, 0, 9999);
	rep->month.m = (int)get_in(r, 0, 12);
	rep->month.d = (int)get_in(r, 0, 31);
	rep->month_words = get_str(r);
	rep->status = (enum svr_status)get_in(r, 0, SVR_STATUS__MAX - 1);
	rep->late = (int)get_in(r, 0, 1);
	rep->edited = (int)get_in(r, 0, 1);
	rep->version = get_str(r);
	rep->due_on = get_str(r);
	rep->summary = get_str(r);
	rep->drafted_at = get_str(r);
	rep->published_at = get_str(r);
	rep->estate = get_str(r);
	rep->centre = get_str(r);
	rep->phone = get_str(r);
	for (i = 0; i < SVC_KIND__MAX; i++)
		f->logs[i] = get_i64(r);
	f->rq_logged = get_i64(r);
	f->rq_solved = get_i64(r);
	f->fix_secs = get_i64(r);
	f->rq_planned = get_i64(r);
	f->plan_secs = get_i64(r);
	f->score_n = get_i64(r);
	f->score_x10 = get_i64(r);
	f->withheld_n = get_i64(r);
	f->withheld_paid_n = get_i64(r);
	d->nitems = (size_t)get_in(r, 0, RENDER_ITEMS);
	if (r->bad)
		return;
	d->items = arena_zalloc(r->a, (d->nitems + 1) * sizeof(*d->items));
	for (i = 0; i < d->nitems && !r->bad; i++) {
		d->items[i].id = get_i64(r);
		d->items[i].day = get_str(r);
		d->items[i].area = get_str(r);
		d->items[i].who = get_str(r);
		d->items[i].note = get_str(r);
	}
}

int
render_decode(struct arena *a, const void *p, size_t n, struct render_doc *d)
{
	struct rd	 r = { a, p, n, 0 };

	memset(d, 0, sizeof(*d));
	if (n < 1)
		return -1;
	d->kind = (enum render_kind)r.p[0];
	r.p++;
	r.n--;
	switch (d->kind) {
	case RENDER_RECEIPT:
		get_receipt(&r, d);
		break;
	case RENDER_REPORT:
		get_report(&r, d);
		break;
	default:
		return -1;
	}
	/* Every byte read, none left over. */
	return r.bad || r.n != 0 ? -1 : 0;
}

/* ---- the client ---- */

void
render_deadline(struct timespec *deadline, int ms)
{
	clock_gettime(CLOCK_MONOTONIC, deadline);
	deadline->tv_sec += ms / 1000;
	deadline->tv_nsec += (long)(ms % 1000) * 1000000;
	if (deadline->tv_nsec >= 1000000000) {
		deadline->tv_sec++;
		deadline->tv_nsec -= 1000000000;
	}
}

/* Milliseconds left until deadline, at least 0. */
static int
left_ms(const struct timespec *deadline)
{
	struct timespec	 now;
	long long	 ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(deadline->tv_sec - now.tv_sec) * 1000 +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : ms > CALL_TIMEOUT_MS ? CALL_TIMEOUT_MS : (int)ms;
}

int
render_io(int fd, void *p, size_t n, int out, const struct timespec *deadline)
{
	struct pollfd	 pfd = { fd, out ? POLLOUT : POLLIN, 0 };
	char		*c = p;
	ssize_t		 done;
	int		 ready;

	while (n > 0) {
		do
			ready = poll(&pfd, 1, left_ms(deadline));
		while (ready < 0 && errno == EINTR);
		if (ready <= 0)
			return -1;
		done = out ? send(fd, c, n, MSG_NOSIGNAL | MSG_DONTWAIT) :
		    recv(fd, c, n, MSG_DONTWAIT);
		if (done < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (done <= 0)
			return -1;
		c += done;
		n -= (size_t)done;
	}
	return 0;
}

uint32_t
render_get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

void
render_put32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

int
render_call(const struct buf *req, struct buf *out)
{
	struct sockaddr_un	 sun;
	struct timespec		 deadline;
	const char		*path = conf_need("pdf_socket");
	const char		*why = "cannot connect";
	unsigned char		 head[5];
	char			 chunk[16384];
	uint32_t		 len;
	size_t			 left, n;
	int			 fd, rc = -1;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		log_warnx("%s: pdf_socket %s: path too long", __func__, path);
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path));
	render_deadline(&deadline, CALL_TIMEOUT_MS);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
		log_warnx("%s: socket: %s", __func__, strerror(errno));
		return -1;
	}
	/* A unix socket's connect does not wait for the renderer to
	 * accept: it is queued in its backlog (or refused at once). */
	errno = 0;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0)
		goto out;
	why = "cannot send the request";
	render_put32(head, (uint32_t)req->len);
	if (render_io(fd, head, 4, 1, &deadline) < 0 ||
	    render_io(fd, req->p, req->len, 1, &deadline) < 0)
		goto out;
	why = "no answer within the time";
	if (render_io(fd, head, 5, 0, &deadline) < 0)
		goto out;
	len = render_get32(head + 1);
	why = "a bad answer";
	if (head[0] != '0' || len == 0 || len > RENDER_MAX) {
		errno = 0;
		goto out;
	}
	why = "the PDF cut short";
	for (left = len; left > 0; left -= n) {
		n = left < sizeof(chunk) ? left : sizeof(chunk);
		if (render_io(fd, chunk, n, 0, &deadline) < 0)
			goto out;
		buf_add(out, chunk, n);
	}
	rc = 0;
out:
	if (rc < 0)
		log_warnx("%s: renderer at %s: %s%s%s", __func__, path, why,
		    errno ? ": " : "", errno ? strerror(errno) : "");
	close(fd);
	return rc;
}

int
receipt_pdf(const struct receipt *rc, const char *verify_url, int64_t copy,
    struct buf *out)
{
	struct buf	 req;

	buf_init(&req, out->a, 1024);
	render_receipt_req(&req, rc, verify_url, copy);
	return render_call(&req, out);
}

int
svc_report_pdf(const struct svc_report *r, const struct svc_item *items,
    size_t n, struct buf *out)
{
	struct buf	 req;

	buf_init(&req, out->a, 2048);
	render_report_req(&req, r, items, n);
	return render_call(&req, out);
}
