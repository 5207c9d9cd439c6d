/*
 * server.c - FastCGI workers, the request lifecycle, clean shutdown.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <malloc.h>

#include "arena.h"
#include "auth.h"
#include "password.h"
#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "fetch.h"
#include "flash.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "proc.h"
#include "server.h"
#include "tmpl.h"

/*
 * The program's shared state. app and listen_fd are set once by
 * server_main() before any thread starts and only read after; live is
 * under live_mu, bg_stop and bg_kick under bg_mu.
 */
static const struct app	*app;
static int		 listen_fd = -1;
static pthread_mutex_t	 live_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 live_cv = PTHREAD_COND_INITIALIZER;
static int		 live;		/* workers still running */
static int		 test_routes;	/* conf test_routes=1 */
static pthread_mutex_t	 hk_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 hk_cv = PTHREAD_COND_INITIALIZER;
static int		 hk_stop;	/* under hk_mu */

/* "#" matches an id (1..18 digits, no leading 0), "*" a code. */
static int
match(const char *pat, const char *path, struct req *r)
{
	int	 nid = 0;
	size_t	 n;

	while (*pat != '\0' && *path != '\0') {
		if (*pat == '#') {
			int64_t v = 0;

			if (*path < '1' || *path > '9')
				return 0;
			for (n = 0; path[n] >= '0' && path[n] <= '9'; n++) {
				if (n >= 18)
					return 0;
				v = v * 10 + (path[n] - '0');
			}
			if (nid < 2)
				r->ids[nid++] = v;
			path += n;
			pat++;
		} else if (*pat == '*') {
			n = strspn(path, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "abcdefghijklmnopqrstuvwxyz0123456789_-");
			if (n == 0 || n > 64)
				return 0;
			r->code = arena_strndup(r->a, path, n);
			path += n;
			pat++;
		} else if (*pat++ != *path++)
			return 0;
	}
	return *pat == '\0' && *path == '\0';
}

/*
 * The one lifecycle after the head is parsed: route (404/405) -> who:
 * session, login redirect, role (AUTH_SESSION routes: 404 for a GET, 403
 * for a POST) -> the body under
 * the route's declaration (413/415/400) -> CSRF on a POST (AUTH_SESSION)
 * -> a kept form answer or the page -> 503/500 after a database failure.
 */
static void
dispatch(struct req *r, void *in)
{
	const struct route	*rt;
	size_t			 i;
	int			 path_known = 0, rc;

	for (i = 0; i < app->nroutes; i++) {
		rt = &app->routes[i];
		if ((rt->test && !test_routes) ||
		    !match(rt->pattern, r->path, r))
			continue;
		path_known = 1;
		if ((rt->methods & r->method) != 0) {
			r->route = rt;
			break;
		}
	}
	if (r->route == NULL) {
		page_error(r, path_known ? 405 : 404, NULL);
		return;
	}
	rt = r->route;
	if (rt->auth == AUTH_SESSION && rt->roles != ROLE_PUBLIC) {
		if ((rc = auth_session(r)) < 0) {
			page_fail(r);
			return;
		}
		if (rc == 0) {
			if (r->method == METHOD_GET) {
				http_redirect(r, arena_printf(r->a,
				    "%s%s?next=%s", app->prefix,
				    app->login_path, form_encode(r->a,
				    r->uri)));
				return;
			}
			page_relogin(r);
			return;
		}
		/* A page (GET) the role may not see does not exist for it,
		 * as another's record (issue 12, "Who sees what"): 404. An
		 * act (POST) it may not do is 403, saying so: the check
		 * runs before any record is read, so it tells nothing of
		 * one. */
		if ((r->ctx->actor.role & rt->roles) == 0) {
			if (r->method == METHOD_GET)
				page_error(r, 404, NULL);
			else
				page_error(r, 403,
				    "您的岗位没有权限访问此页面。");
			return;
		}
	}
	if ((rc = http_parse_body(r, in)) != 0) {
		page_error(r, rc, NULL);
		return;
	}
	if (r->method == METHOD_POST && rt->auth == AUTH_SESSION &&
	    !auth_csrf_ok(r)) {
		page_error(r, 403,
		    "页面已过期或来源不明，请刷新页面后重新提交。");
		return;
	}
	/* A form's answer kept for this page (flash.h): shown again. */
	if (flash_show(r))
		return;
	rt->fn(r);
	if (r->ctx->db_failed)
		page_fail(r);
}

static void
serve(struct worker *w, FCGX_Request *fr)
{
	struct req	*r = &w->req;
	int		 rc;

	memset(r, 0, sizeof(*r));
	r->ctx = &w->ctx;
	r->a = w->ctx.a;
	r->app = app;
	r->w = w;
	r->fcgi = fr;
	buf_init(&r->body, r->a, 16 * 1024);
	buf_init(&r->headers, r->a, 512);

	if ((rc = http_parse_head(r, fr->envp)) != 0) {
		if (r->path == NULL)
			r->path = "/";
		page_error(r, rc, NULL);
	} else {
		dispatch(r, fr->in);
		/* A form sent with mistakes: redirect, then get; a form
		 * that succeeded spends what was kept (flash.h). */
		if (!flash_keep(r))
			flash_spend(r);
	}
	http_send(r);
	/* Frees the request, and deletes its spool files (http.h). */
	ctx_reset(&w->ctx);
}

/*
 * Without work of its own, the housekeeping thread hands memory that
 * requests freed (a PDF's drawing, a big board) back to the system every
 * ten seconds, so the workers stay small. Background work with the
 * database is propfee-worker's (cgi-bin/worker/).
 */
static void *
housekeeping_main(void *arg)
{
	struct timespec	 until;

	(void)arg;
	pthread_mutex_lock(&hk_mu);
	while (!hk_stop) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 10;
		while (!hk_stop && pthread_cond_timedwait(&hk_cv, &hk_mu,
		    &until) == 0)
			;
		pthread_mutex_unlock(&hk_mu);
		malloc_trim(0);
		pthread_mutex_lock(&hk_mu);
	}
	pthread_mutex_unlock(&hk_mu);
	return NULL;
}

/* Every thread's own context: database connection and arena. */
static void
thread_begin(struct worker *w)
{
	ctx_open(&w->ctx, app->name, 0);
}

/* Frees what thread_begin made and tells main this thread is done. */
static void
thread_end(struct worker *w)
{
	ctx_close(&w->ctx);
	pthread_mutex_lock(&live_mu);
	live--;
	pthread_cond_signal(&live_cv);
	pthread_mutex_unlock(&live_mu);
}

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	FCGX_Request	 fr;

	thread_begin(w);
	if (FCGX_InitRequest(&fr, listen_fd, 0) != 0)
		log_fatal("%s: FCGX_InitRequest failed", __func__);
	while (FCGX_Accept_r(&fr) >= 0) {
		serve(w, &fr);
		FCGX_Finish_r(&fr);
	}
	FCGX_Free(&fr, 1);
	thread_end(w);
	return NULL;
}

int
server_main(int argc, char **argv, const struct app *a)
{
	struct worker	*workers;
	pthread_t	 t;
	sigset_t	 sigs;
	struct timespec	 deadline;
	const char	*sock;
	char		 key[64];
	int		 nthreads, i, sig, tcp;

	app = a;
	proc_conf(argc, argv, app->name);
	nthreads = (int)conf_int("threads", 16, 1, 256);
	/* Threads share a few malloc arenas rather than one each: the
	 * workers' memory stays small (make bench reads it). */
	mallopt(M_ARENA_MAX, 2);
	/* owner_socket, staff_socket: the program's name says which. */
	snprintf(key, sizeof(key), "%s_socket", app->name);
	sock = conf_need(key);
	http_routes_check(app);
	http_spool_init(conf_need("spool_dir"), app->name);
	test_routes = (int)conf_int("test_routes", 0, 0, 1);
	if (test_routes)
		log_info("%s: test routes are on (test_routes=1)", app->name);

	tmpl_init(conf_need("templates"));
	db_init();
	if (fetch_init() < 0)		/* a gateway asked from a page */
		log_fatal("libcurl cannot start");
	password_init();
	if (FCGX_Init() != 0)
		log_fatal("%s: FCGX_Init failed", __func__);

	proc_signals(&sigs);

	/* A unix socket path or HOST:PORT (an app host nginx reaches over
	 * TCP, issue 9); libfcgi opens either. */
	if ((tcp = conf_addr(sock, NULL, 0, NULL)) < 0)
		log_fatal("%s: %s: neither an absolute socket path nor "
		    "HOST:PORT", __func__, sock);
	if (!tcp)
		unlink(sock);
	if ((listen_fd = FCGX_OpenSocket(sock, 256)) < 0)
		log_fatal("%s: cannot listen on %s", __func__, sock);
	/* nginx workers run as another user: the socket must be open. */
	if (!tcp && chmod(sock, 0666) != 0)
		log_fatal("%s: chmod %s: %s", __func__, sock, strerror(errno));

	workers = xcalloc((size_t)nthreads, sizeof(*workers));
	live = nthreads;
	for (i = 0; i < nthreads; i++) {
		workers[i].id = i;
		if (pthread_create(&t, NULL, worker_main, &workers[i]) != 0)
			log_fatal("%s: pthread_create failed", __func__);
		pthread_detach(t);
	}
	if (pthread_create(&t, NULL, housekeeping_main, NULL) != 0)
		log_fatal("%s: pthread_create failed", __func__);
	pthread_detach(t);
	log_info("%s: listening on %s with %d threads", app->name, sock,
	    nthreads);

	sig = proc_wait(&sigs);
	log_info("%s: signal %d: stopping", app->name, sig);
	FCGX_ShutdownPending();
	pthread_mutex_lock(&hk_mu);
	hk_stop = 1;
	pthread_cond_broadcast(&hk_cv);
	pthread_mutex_unlock(&hk_mu);
	shutdown(listen_fd, SHUT_RDWR);
	close(listen_fd);
	if (!tcp)
		unlink(sock);

	/* Requests in flight get five seconds to finish. */
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 5;
	pthread_mutex_lock(&live_mu);
	while (live > 0 &&
	    pthread_cond_timedwait(&live_cv, &live_mu, &deadline) == 0)
		;
	nthreads = live;
	pthread_mutex_unlock(&live_mu);
	/* No thread touches its worker after it counted itself out. */
	if (nthreads == 0)
		free(workers);
	log_info("%s: stopped", app->name);
	return 0;
}
