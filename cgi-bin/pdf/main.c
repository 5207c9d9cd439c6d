/*
 * propfee-pdf - the PDF renderer (issue 15): draws the receipts and the
 * monthly service reports the owner and staff programs ask for, so that
 * cairo, pango, fontconfig and their caches live in this one small
 * process and not in every FastCGI program's threads.
 *
 *	propfee-pdf -c propfee.conf
 *
 * Listens on the configuration's pdf_socket (a unix socket, mode 0600:
 * the programs of this host run as the same user) and serves one
 * connection at a time, in one thread: a request is read whole (core/
 * render.h says the wire), drawn, answered, the connection closed. A
 * client that stalls is dropped after IO_TIMEOUT_S. Before it listens it
 * draws one receipt for itself, so that fontconfig's and the font's
 * loading is not the first user's wait. SIGTERM or SIGINT: the document
 * in hand is finished and answered, then the program exits. Started and
 * started again by the host's supervisor (scripts/stack.sh).
 */
#include <errno.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "conf.h"
#include "draw.h"
#include "log.h"
#include "proc.h"
#include "render.h"

#define IO_TIMEOUT_S	5
#define IDLE_TRIM_MS	2000	/* malloc_trim after this long idle, */
#define BUSY_TRIM_S	10	/* or this often while busy */

static volatile sig_atomic_t	 stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

/* Draws doc into out. 0 or -1. */
static int
draw(const struct render_doc *d, struct buf *out)
{
	if (d->kind == RENDER_RECEIPT)
		return draw_receipt(&d->rc, d->verify_url, d->copy, out);
	return draw_report(&d->rep, d->items, d->nitems, out);
}

/* One connection: the request, the document, the answer. */
static void
serve(int fd, struct arena *a)
{
	struct timespec		 deadline;
	struct render_doc	 doc;
	struct buf		 pdf;
	unsigned char		 head[5];
	uint32_t		 len;
	char			*req;
	int			 ok;

	render_deadline(&deadline, IO_TIMEOUT_S * 1000);
	if (render_io(fd, head, 4, 0, &deadline) < 0)
		return;
	len = render_get32(head);
	if (len == 0 || len > RENDER_MAX) {
		log_warnx("pdf: a request of %u bytes refused", len);
		return;
	}
	req = arena_alloc(a, len);
	if (render_io(fd, req, len, 0, &deadline) < 0)
		return;
	buf_init(&pdf, a, 96 * 1024);
	ok = render_decode(a, req, len, &doc) == 0;
	if (!ok)
		log_warnx("pdf: a request of %u bytes that is not a document",
		    len);
	else if (draw(&doc, &pdf) < 0) {
		log_warnx("pdf: drawing %s failed", doc.kind == RENDER_RECEIPT ?
		    "a receipt" : "a service report");
		ok = 0;
	}
	if (!ok)
		pdf.len = 0;
	/* The answer has its own IO_TIMEOUT_S: the client reads it. */
	render_deadline(&deadline, IO_TIMEOUT_S * 1000);
	head[0] = ok ? '0' : '1';
	render_put32(head + 1, (uint32_t)pdf.len);
	if (render_io(fd, head, 5, 1, &deadline) == 0 && pdf.len > 0)
		render_io(fd, pdf.p, pdf.len, 1, &deadline);
}

/* The socket at path, listening (a stale file from the last run is
 * replaced). Fatal when it cannot be. */
static int
listen_at(const char *path)
{
	struct sockaddr_un	 sun;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (path[0] != '/' || strlen(path) >= sizeof(sun.sun_path))
		log_fatal("pdf: pdf_socket %s: an absolute path of at most %zu"
		    " bytes", path, sizeof(sun.sun_path) - 1);
	memcpy(sun.sun_path, path, strlen(path));
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		log_fatal("pdf: socket: %s", strerror(errno));
	if (unlink(path) != 0 && errno != ENOENT)
		log_fatal("pdf: %s: %s", path, strerror(errno));
	umask(077);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0 ||
	    listen(fd, 128) != 0)
		log_fatal("pdf: %s: %s", path, strerror(errno));
	return fd;
}

/* A receipt drawn and thrown away: the fonts loaded before the first
 * user asks. */
static void
warm_up(struct arena *a)
{
	struct receipt_line	 line = { "物业费", "2026年1月", 25000 };
	struct receipt		 rc;
	struct buf		 out;

	memset(&rc, 0, sizeof(rc));
	rc.channel_sub = rc.building = rc.occupancy = rc.out_trade_no =
	    rc.gateway_txn = rc.txn_label = rc.credit_logger = rc.own_words =
	    rc.void_reason = rc.voided_at = rc.void_by = "";
	rc.number = "JHY-2026-000001";
	rc.code = "warmup";
	rc.issued_at = "2026-01-01 00:00:00";
	rc.estate = rc.centre = "锦华苑物业服务中心";
	rc.estate_phone = "0000";
	rc.premises = "1栋1单元101室";
	rc.payer = rc.taker = rc.collector = "张三";
	rc.channel = "cash";
	rc.channel_full = "现金";
	rc.taker_label = "收款人";
	rc.amount = 25000;
	rc.lines = &line;
	rc.nlines = 1;
	buf_init(&out, a, 96 * 1024);
	if (draw_receipt(&rc, "http://localhost/verify/warmup", 0, &out) < 0)
		log_warnx("pdf: the warm-up receipt could not be drawn");
	arena_reset(a);
}

int
main(int argc, char **argv)
{
	struct sigaction	 sa;
	struct pollfd		 pfd;
	struct arena		 a;
	const char		*path;
	time_t			 trimmed = 0;
	int			 lfd, fd, n, dirty = 0;

	proc_conf(argc, argv, "propfee-pdf");
	path = conf_need("pdf_socket");
	/* One thread: one malloc arena (pango's helper thread too). */
	mallopt(M_ARENA_MAX, 1);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: poll returns */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);

	arena_init(&a);
	warm_up(&a);
	lfd = listen_at(path);
	log_info("pdf: listening on %s", path);
	pfd.fd = lfd;
	pfd.events = POLLIN;
	while (!stopping) {
		n = poll(&pfd, 1, dirty ? IDLE_TRIM_MS : -1);
		if (n < 0 && errno != EINTR)
			log_fatal("pdf: poll: %s", strerror(errno));
		if (n == 0 || (dirty && time(NULL) - trimmed >= BUSY_TRIM_S)) {
			/* What the last documents freed goes back (make
			 * soak: never idle, the floor rose 51 -> 64 MB). */
			malloc_trim(0);
			trimmed = time(NULL);
			dirty = 0;
		}
		if (n <= 0)
			continue;
		if ((fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) < 0)
			continue;
		serve(fd, &a);
		close(fd);
		arena_reset(&a);
		dirty = 1;
	}
	close(lfd);
	unlink(path);
	log_info("pdf: stopped");
	return 0;
}
