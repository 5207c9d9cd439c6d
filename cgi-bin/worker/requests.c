/*
 * requests.c - the "requests.clock" job: service requests whose step is
 * past its deadline (core/request.h: received within 24 h of logging,
 * the plan within 48 h of receipt, the follow-up within 3 days of done)
 * are flagged late, once per step (service_request_late), shown to the
 * team lead (超时 on the list and the board), and the owner is told in
 * the same transaction (rq_flag_late).
 *
 * "Now" is the database's clock, or the moment given (propfee-worker -r
 * "YYYY-MM-DD HH:MM:SS": an operator catching up, and the tests' clock,
 * which passes 48 h without waiting them).
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "ctx.h"
#include "db.h"
#include "log.h"
#include "request.h"
#include "worker.h"

/* Set by main (-r MOMENT), else "": the database's now. */
char	 clock_now[20];

SQL_DEF(SQL_RQC_NOW, "SELECT DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:%s')");
/* The steps past their deadline not yet flagged, oldest first. */
SQL_DEF(SQL_RQC_DUE,
    "SELECT id, status, DATE_FORMAT(due_at, '%Y-%m-%d %H:%i:%s.%f')"
    " FROM service_requests WHERE status IN ('logged', 'received', 'done')"
    " AND due_at < ? AND late = 0 ORDER BY due_at LIMIT 500");

struct due {
	int64_t		 id;
	const char	*status, *due_at;
};

struct flag {
	const struct due	*d;
	int			 flagged;
};

static int
flag_tx(struct ctx *ctx, void *arg)
{
	struct flag	*f = arg;

	f->flagged = rq_flag_late(ctx, f->d->id, f->d->status, f->d->due_at);
	return f->flagged < 0 ? -1 : 0;
}

int
job_requests_clock(struct ctx *ctx, const struct job *j, const char *owner,
    char *err, size_t errlen)
{
	struct db_res	*res;
	struct due	*d;
	struct flag	 f;
	const char	*now;
	size_t		 n = 0, i, cap = 500;
	int		 rc, flagged = 0;

	(void)j;
	(void)owner;
	if (clock_now[0] != '\0')
		now = clock_now;
	else if (db_one(ctx, &SQL_RQC_NOW, "", "s", &now) != 1) {
		snprintf(err, errlen, "cannot read the clock");
		return -1;
	}
	d = arena_alloc(ctx->a, cap * sizeof(*d));
	if ((res = db_query(ctx, &SQL_RQC_DUE, "s", now)) == NULL) {
		snprintf(err, errlen, "cannot list the due steps");
		return -1;
	}
	while (n < cap && (rc = db_row(res, "iss", &d[n].id, &d[n].status,
	    &d[n].due_at)) == 1)
		n++;
	db_done(res);
	if (ctx->db_failed) {
		snprintf(err, errlen, "cannot list the due steps");
		return -1;
	}
	for (i = 0; i < n; i++) {
		f.d = &d[i];
		f.flagged = 0;
		if (db_tx(ctx, flag_tx, &f) != 0) {
			snprintf(err, errlen, "request %lld: not flagged",
			    (long long)d[i].id);
			return -1;
		}
		flagged += f.flagged == 1;
	}
	if (flagged > 0)
		log_info("requests: %d late steps flagged at %s", flagged, now);
	return 0;
}
