/*
 * propfee-worker - the background work of propfee, as a table of jobs.
 *
 * A few threads, each with its own context (connection, arena, long
 * statement limits), take work from the database: scheduled jobs when
 * their time has come (one worker of many runs each), and queued jobs
 * (core/jobs.h) under a lease that a heartbeat thread renews while the
 * job runs. Any number of workers on any number of hosts share the queue;
 * a worker that dies leaves its leases to run out, and another takes its
 * jobs over. SIGTERM or SIGINT: no new work; jobs in flight get
 * STOP_GRACE_S seconds, then the process exits and their leases lapse.
 *
 *	propfee-worker -c propfee.conf
 *	propfee-worker -c propfee.conf -p YYYY-MM-DD
 *
 * The second plans that day's messages once (reminders, the shops'
 * quarterly bill: plan.c) and exits - an operator catching up a day the
 * workers were down, and the tests' fixed clock. The third,
 *
 *	propfee-worker -c propfee.conf -r "YYYY-MM-DD HH:MM:SS"
 *
 * runs the service requests' clock once as of that moment (requests.c)
 * and exits: the tests pass 48 h that way. The fourth,
 *
 *	propfee-worker -c propfee.conf -m YYYY-MM-DD
 *
 * runs the monthly service reports' day once (reports.c: last month's
 * drafted, late after the 5th) and exits: the tests' clock for them.
 * The fifth,
 *
 *	propfee-worker -c propfee.conf -l YYYY-MM-DD
 *
 * bills the late fees as of that day once (latefee.c) and exits.
 *
 * The configuration's db_* keys (core/db.c), worker_threads (default 2),
 * and the message providers' (core/msgsend.h).
 */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cal.h"
#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "fetch.h"
#include "jobs.h"
#include "log.h"
#include "payorder.h"
#include "proc.h"
#include "worker.h"

enum trigger {
	QUEUED,		/* a row in jobs, written by the change that wants it */
	EVERY		/* every `every_s` seconds, by one worker of many */
};

struct job_def {
	const char	*name;
	enum trigger	 trigger;
	int		 every_s;
	int		(*fn)(struct ctx *, const struct job *, const char *,
			    char *, size_t);
	/* Retry policy of a queued job: attempts, first backoff, cap. */
	int		 attempts;
	int64_t		 backoff_ms, backoff_max_ms;
	/* A queued job that died (out of attempts, or its last lease ran
	 * out): what its record becomes, in the transaction that marks the
	 * death seen ("jobs.dead"); NULL: nothing. 0 or -1. */
	int		(*on_dead)(struct ctx *, int64_t ref_id);
};

static int	job_dead_sweep(struct ctx *, const struct job *, const char *,
		    char *, size_t);

static const struct job_def jobs[] = {
	/* name		trigger	every	handler		tries	backoff	on dead */
	{ "billing.run", QUEUED, 0,	job_billing_run, 3, 30000, 600000,
	    job_billing_dead },
	{ "payorder.refund", QUEUED, 0,	job_payorder_refund,
	    PAYORDER_REFUND_TRIES, PAYORDER_REFUND_BACKOFF_MS,
	    PAYORDER_REFUND_BACKOFF_MAX_MS, job_payorder_refund_dead },
	{ "payorder.statement", QUEUED, 0, job_payorder_statement, 6, 60000,
	    1800000, job_payorder_statement_dead },
	{ "outbox.send", EVERY,	2,	job_outbox_send, 0, 0, 0, NULL },
	{ "messages.plan", EVERY, 600,	job_messages_plan, 0, 0, 0, NULL },
	{ "payorder.sweep", EVERY, 5,	job_payorder_sweep, 0, 0, 0, NULL },
	{ "jobs.dead",	EVERY,	5,	job_dead_sweep, 0, 0, 0, NULL },
	{ "payorder.statements", EVERY, 600, job_payorder_statements, 0, 0, 0,
	    NULL },
	{ "requests.clock", EVERY, 60,	job_requests_clock, 0, 0, 0, NULL },
	{ "reports.month", EVERY, 600,	job_reports_month, 0, 0, 0, NULL },
	{ "latefee.bill", EVERY, 3600,	job_latefee_bill, 0, 0, 0, NULL },
};
#define NJOBS	(sizeof(jobs) / sizeof(jobs[0]))

#define LEASE_S		60	/* a queued job's lease ... */
#define RENEW_S		15	/* ... renewed this often while it runs */
#define TRIM_S		10	/* malloc_trim this often */
#define TICK_S		5	/* the heartbeat's step: divides both */
#define IDLE_MS		1000	/* a thread with nothing to do looks again */
#define STOP_GRACE_S	10
#define THREADS_MAX	16

/*
 * What the threads share, all under mu: the stop flag, and the job each
 * thread holds (0: none) for the heartbeat to renew. nthreads and the
 * owner names are written before any thread starts, read-only after.
 */
static struct {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	int		 stop;
	int		 live;		/* threads still running */
	int		 nthreads;
	int64_t		 held[THREADS_MAX];
	char		 owner[THREADS_MAX][100];
} w = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0,
	{ 0 }, { { 0 } } };

static int
stopping(void)
{
	int	 s;

	pthread_mutex_lock(&w.mu);
	s = w.stop;
	pthread_mutex_unlock(&w.mu);
	return s;
}

/* Sleeps ms milliseconds or until the worker is told to stop. */
static void
nap(int ms)
{
	struct timespec	 until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&w.mu);
	while (!w.stop &&
	    pthread_cond_timedwait(&w.cv, &w.mu, &until) == 0)
		;
	pthread_mutex_unlock(&w.mu);
}

static void
hold(int t, int64_t id)
{
	pthread_mutex_lock(&w.mu);
	w.held[t] = id;
	pthread_mutex_unlock(&w.mu);
}

static const struct job_def *
def_of(const char *name)
{
	size_t	 i;

	for (i = 0; i < NJOBS; i++)
		if (jobs[i].trigger == QUEUED && strcmp(jobs[i].name, name) == 0)
			return &jobs[i];
	return NULL;
}

/* Runs one queued job if one is due. 1 ran one, 0 none, -1 failed. */
static int
run_queued(struct ctx *ctx, int t)
{
	const struct job_def	*d;
	const char		*owner = w.owner[t];
	struct job		 j;
	char			 err[300] = "";
	int			 rc;

	if ((rc = job_claim(ctx, owner, LEASE_S, &j)) <= 0)
		return rc;
	log_info("worker: %s: job %lld %s %lld, attempt %lld", owner,
	    (long long)j.id, j.kind, (long long)j.ref_id,
	    (long long)j.attempts);
	hold(t, j.id);
	if ((d = def_of(j.kind)) == NULL) {
		snprintf(err, sizeof(err), "no such job: %s", j.kind);
		rc = -1;
	} else
		rc = d->fn(ctx, &j, owner, err, sizeof(err));
	hold(t, 0);
	/* The job's own failure may have left the context marked. */
	ctx->db_failed = ctx->db_down = ctx->db_busy = 0;
	if (rc == 0) {
		log_info("worker: %s: job %lld done", owner, (long long)j.id);
		return job_done(ctx, j.id, owner) < 0 ? -1 : 1;
	}
	log_warnx("worker: %s: job %lld attempt %lld failed: %s", owner,
	    (long long)j.id, (long long)j.attempts, err);
	return job_failed(ctx, &j, owner, err, d == NULL ? 0 :
	    job_backoff_ms(ctx, j.attempts, d->backoff_ms,
	    d->backoff_max_ms)) < 0 ? -1 : 1;
}

/* One dead job answered for: its kind's on_dead, and seen. */
static int
dead_tx(struct ctx *ctx, void *arg)
{
	const struct job_def	*d;
	struct job		*j = arg;

	switch (job_dead_take(ctx, j)) {
	case 1:
		break;
	case 0:
		return 1;		/* none left */
	default:
		return -1;
	}
	d = def_of(j->kind);
	if (d != NULL && d->on_dead != NULL && d->on_dead(ctx, j->ref_id) < 0)
		return -1;
	return job_dead_seen(ctx, j->id);
}

/* "jobs.dead": every dead job not yet answered for (def_of). */
static int
job_dead_sweep(struct ctx *ctx, const struct job *none, const char *owner,
    char *err, size_t errlen)
{
	struct job	 j;
	int		 i, rc = 0;

	(void)none;
	(void)owner;
	for (i = 0; i < 50 && (rc = db_tx(ctx, dead_tx, &j)) == 0; i++)
		log_warnx("worker: job %lld %s %lld is dead: answered for",
		    (long long)j.id, j.kind, (long long)j.ref_id);
	if (rc < 0) {
		snprintf(err, errlen, "database failure");
		return -1;
	}
	return 0;
}

/* Runs the scheduled jobs whose time has come. 1 ran one, 0 none. */
static int
run_scheduled(struct ctx *ctx, int t)
{
	const char	*owner = w.owner[t];
	char		 err[300];
	size_t		 i;
	int		 ran = 0;

	for (i = 0; i < NJOBS; i++) {
		if (jobs[i].trigger != EVERY ||
		    job_schedule_take(ctx, jobs[i].name, jobs[i].every_s,
		    owner) != 1)
			continue;
		ran = 1;
		err[0] = '\0';
		if (jobs[i].fn(ctx, NULL, owner, err, sizeof(err)) < 0)
			log_warnx("worker: %s: %s failed: %s", owner,
			    jobs[i].name, err);
		ctx_reset(ctx);
	}
	return ran;
}

/* The schedule rows of the EVERY jobs, once at start: a worker that
 * cannot reach the database for 30 s exits, and its supervisor starts it
 * again after a backoff. */
static void
schedules_add(void)
{
	struct ctx	 ctx;
	size_t		 i;
	int		 tries;

	ctx_open(&ctx, "worker", 0);
	for (i = 0; i < NJOBS; i++) {
		for (tries = 0; jobs[i].trigger == EVERY &&
		    job_schedule_add(&ctx, jobs[i].name) < 0; tries++) {
			if (tries == 30)
				log_fatal("worker: no database for %s", jobs[i].name);
			ctx_reset(&ctx);
			sleep(1);
		}
	}
	ctx_close(&ctx);
}

static void
thread_done(void)
{
	pthread_mutex_lock(&w.mu);
	w.live--;
	pthread_cond_broadcast(&w.cv);
	pthread_mutex_unlock(&w.mu);
}

static void *
thread_main(void *arg)
{
	int		 t = (int)(intptr_t)arg;
	struct ctx	 ctx;
	int		 busy;

	ctx_open(&ctx, "worker", 1);
	while (!stopping()) {
		/* What a user queued (a billing run) first, then the
		 * schedule's jobs, which come back every few seconds. */
		busy = run_queued(&ctx, t) == 1;
		ctx_reset(&ctx);
		busy |= run_scheduled(&ctx, t);
		ctx_reset(&ctx);
		if (!busy)
			nap(IDLE_MS + (int)ctx_random(&ctx, IDLE_MS / 4));
	}
	ctx_close(&ctx);
	thread_done();
	return NULL;
}

/*
 * Renews the lease of every job a thread holds, every RENEW_S seconds;
 * and every TRIM_S seconds gives back to the system what the threads'
 * jobs freed (malloc keeps it otherwise: make soak saw the worker's
 * floor move between 14 and 20 MB with the billing runs and the outbox),
 * as the FastCGI programs' housekeeping does (web/server.c).
 */
static void *
heartbeat_main(void *arg)
{
	struct ctx	 ctx;
	int64_t		 id;
	int		 t;
	unsigned	 tick;

	(void)arg;
	ctx_open(&ctx, "worker", 0);
	for (tick = 1; !stopping(); tick++) {
		nap(TICK_S * 1000);
		if (tick % (TRIM_S / TICK_S) == 0)
			malloc_trim(0);
		if (tick % (RENEW_S / TICK_S) != 0)
			continue;
		for (t = 0; t < w.nthreads; t++) {
			pthread_mutex_lock(&w.mu);
			id = w.held[t];
			pthread_mutex_unlock(&w.mu);
			if (id != 0 &&
			    job_renew(&ctx, id, w.owner[t], LEASE_S) == 0)
				log_warnx("worker: %s: lost the lease of job"
				    " %lld", w.owner[t], (long long)id);
			ctx_reset(&ctx);
		}
	}
	ctx_close(&ctx);
	thread_done();
	return NULL;
}

/*
 * -c CONF, and -p DAY: plan DAY's messages once and exit (0, or 1 when
 * the plan failed); -r MOMENT: the requests' clock; -m DAY: the monthly
 * reports' day.
 */
static void
conf_args(int argc, char **argv)
{
	struct ctx	 ctx;
	struct date	 d;
	const char	*path = NULL, *day = NULL, *moment = NULL, *rday = NULL,
			*lday = NULL;
	char		 err[300] = "";
	int		 ch, rc, bad = 0;

	/* An unknown option ends the reading: the usage, not a loop. */
	while (!bad && (ch = getopt(argc, argv, "c:p:r:m:l:")) != -1)
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'p':
			day = optarg;
			break;
		case 'r':
			moment = optarg;
			break;
		case 'm':
			rday = optarg;
			break;
		case 'l':
			lday = optarg;
			break;
		default:
			bad = 1;
			break;
		}
	if (bad || path == NULL || optind != argc ||
	    (day != NULL && cal_parse(day, &d) < 0) ||
	    (rday != NULL && cal_parse(rday, &d) < 0) ||
	    (lday != NULL && (cal_parse(lday, &d) < 0 ||
	    cal_cmp(d, cal_today()) > 0)) ||
	    (moment != NULL && (strlen(moment) != 19 || moment[10] != ' ' ||
	    snprintf(err, 11, "%.10s", moment) < 0 || cal_parse(err, &d) < 0))) {
		fprintf(stderr, "usage: propfee-worker -c propfee.conf"
		    " [-p YYYY-MM-DD | -r 'YYYY-MM-DD HH:MM:SS' |"
		    " -m YYYY-MM-DD | -l YYYY-MM-DD]\n"
		    "(-l: a day up to today; late fees are never billed ahead)\n");
		exit(2);
	}
	conf_load(path);
	if (moment != NULL) {
		db_init();
		snprintf(clock_now, sizeof(clock_now), "%s", moment);
		ctx_open(&ctx, "worker", 1);
		rc = job_requests_clock(&ctx, NULL, "clock", err, sizeof(err));
		if (rc != 0)
			fprintf(stderr, "propfee-worker: %s\n", err);
		ctx_close(&ctx);
		exit(rc == 0 ? 0 : 1);
	}
	if (lday != NULL) {
		db_init();
		snprintf(latefee_day, sizeof(latefee_day), "%s", lday);
		ctx_open(&ctx, "worker", 1);
		rc = job_latefee_bill(&ctx, NULL, "latefee", err, sizeof(err));
		if (rc != 0)
			fprintf(stderr, "propfee-worker: %s\n", err);
		ctx_close(&ctx);
		exit(rc == 0 ? 0 : 1);
	}
	if (rday != NULL) {
		db_init();
		snprintf(report_day, sizeof(report_day), "%s", rday);
		ctx_open(&ctx, "worker", 1);
		rc = job_reports_month(&ctx, NULL, "reports", err, sizeof(err));
		if (rc != 0)
			fprintf(stderr, "propfee-worker: %s\n", err);
		ctx_close(&ctx);
		exit(rc == 0 ? 0 : 1);
	}
	if (day == NULL)
		return;
	db_init();
	snprintf(plan_day, sizeof(plan_day), "%s", day);
	ctx_open(&ctx, "worker", 1);
	rc = job_messages_plan(&ctx, NULL, "plan", err, sizeof(err));
	if (rc != 0)
		fprintf(stderr, "propfee-worker: %s\n", err);
	ctx_close(&ctx);
	exit(rc == 0 ? 0 : 1);
}

int
main(int argc, char **argv)
{
	char		 host[64];
	sigset_t	 sigs;
	struct timespec	 deadline;
	pthread_t	 th;
	int		 i, sig;

	conf_args(argc, argv);
	/* Threads share a few malloc arenas rather than one each, as in
	 * the FastCGI programs (web/server.c). */
	mallopt(M_ARENA_MAX, 2);
	w.nthreads = (int)conf_int("worker_threads", 2, 1, THREADS_MAX);
	db_init();
	if (fetch_init() < 0)
		log_fatal("libcurl cannot start");
	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	for (i = 0; i < w.nthreads; i++)
		snprintf(w.owner[i], sizeof(w.owner[i]), "%s:%ld:%d", host,
		    (long)getpid(), i);

	proc_signals(&sigs);
	schedules_add();

	w.live = w.nthreads + 1;
	for (i = 0; i < w.nthreads; i++) {
		if (pthread_create(&th, NULL, thread_main,
		    (void *)(intptr_t)i) != 0)
			log_fatal("worker: pthread_create failed");
		pthread_detach(th);
	}
	if (pthread_create(&th, NULL, heartbeat_main, NULL) != 0)
		log_fatal("worker: pthread_create failed");
	pthread_detach(th);
	log_info("worker: %s:%ld running %d threads", host, (long)getpid(),
	    w.nthreads);

	sig = proc_wait(&sigs);
	log_info("worker: signal %d: stopping", sig);
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += STOP_GRACE_S;
	pthread_mutex_lock(&w.mu);
	w.stop = 1;
	pthread_cond_broadcast(&w.cv);
	while (w.live > 0 &&
	    pthread_cond_timedwait(&w.cv, &w.mu, &deadline) != ETIMEDOUT)
		;
	i = w.live;
	pthread_mutex_unlock(&w.mu);
	if (i > 0)
		log_warnx("worker: %d threads still busy: their jobs' leases"
		    " will lapse and another worker takes them over", i);
	log_info("worker: stopped");
	return 0;
}
