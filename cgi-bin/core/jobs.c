/*
 * jobs.c - the job queue: queue, claim with a lease, renew, finish.
 */
#include <string.h>

#include "ctx.h"
#include "db.h"
#include "jobs.h"

SQL_DEF(SQL_JOB_QUEUE,
    "INSERT IGNORE INTO jobs (estate_id, kind, ref_id, max_attempts,"
    " run_after, created_at) VALUES (?, ?, ?, ?, NOW(6), NOW(6))");

/* A running job whose worker stopped renewing: taken over first. */
SQL_DEF(SQL_JOB_LAPSED,
    "SELECT id, estate_id, kind, ref_id, attempts, max_attempts FROM jobs"
    " WHERE status = 'running' AND lease_until < NOW(6)"
    " ORDER BY lease_until LIMIT 1 FOR UPDATE SKIP LOCKED");

SQL_DEF(SQL_JOB_DUE,
    "SELECT id, estate_id, kind, ref_id, attempts, max_attempts FROM jobs"
    " WHERE status = 'queued' AND run_after <= NOW(6)"
    " ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED");

SQL_DEF(SQL_JOB_LEASE,
    "UPDATE jobs SET status = 'running', attempts = attempts + 1,"
    " lease_owner = ?, lease_until = NOW(6) + INTERVAL ? SECOND"
    " WHERE id = ?");

SQL_DEF(SQL_JOB_DEAD_LAPSED,
    "UPDATE jobs SET status = 'dead', finished_at = NOW(6), last_error ="
    " LEFT(CONCAT('lease of ', lease_owner, ' ran out; ', last_error), 300)"
    " WHERE id = ?");

SQL_DEF(SQL_JOB_RENEW,
    "UPDATE jobs SET lease_until = NOW(6) + INTERVAL ? SECOND"
    " WHERE id = ? AND status = 'running' AND lease_owner = ?");

SQL_DEF(SQL_JOB_DEAD_TAKE,
    "SELECT id, estate_id, kind, ref_id, attempts, max_attempts FROM jobs"
    " WHERE status = 'dead' AND dead_seen = 0"
    " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
SQL_DEF(SQL_JOB_DEAD_SEEN,
    "UPDATE jobs SET dead_seen = 1 WHERE id = ?");

SQL_DEF(SQL_JOB_FENCE,
    "SELECT id FROM jobs WHERE id = ? AND status = 'running'"
    " AND lease_owner = ? LOCK IN SHARE MODE");

SQL_DEF(SQL_JOB_DONE,
    "UPDATE jobs SET status = 'done', finished_at = NOW(6), lease_until = NULL"
    " WHERE id = ? AND lease_owner = ?");

SQL_DEF(SQL_JOB_RETRY,
    "UPDATE jobs SET status = 'queued', lease_until = NULL,"
    " last_error = LEFT(?, 300),"
    " run_after = NOW(6) + INTERVAL ? * 1000 MICROSECOND"
    " WHERE id = ? AND lease_owner = ?");

SQL_DEF(SQL_JOB_DEAD,
    "UPDATE jobs SET status = 'dead', finished_at = NOW(6), lease_until = NULL,"
    " last_error = LEFT(?, 300) WHERE id = ? AND lease_owner = ?");

SQL_DEF(SQL_SCHEDULE_ADD,
    "INSERT IGNORE INTO job_schedule (name, next_at) VALUES (?, NOW(6))");

SQL_DEF(SQL_SCHEDULE_DUE,
    "SELECT 1 FROM job_schedule WHERE name = ? AND next_at <= NOW(6)"
    " FOR UPDATE SKIP LOCKED");

SQL_DEF(SQL_SCHEDULE_NEXT,
    "UPDATE job_schedule SET next_at = NOW(6) + INTERVAL ? SECOND,"
    " last_owner = ? WHERE name = ?");

int
job_queue(struct ctx *ctx, const char *kind, int64_t estate_id,
    int64_t ref_id, int max_attempts)
{
	return db_exec(ctx, &SQL_JOB_QUEUE, "Isii", estate_id, kind, ref_id,
	    (int64_t)max_attempts) < 0 ? -1 : 0;
}

struct claim {
	const char	*owner;
	int64_t		 lease_s;
	struct job	*j;
	int		 found;
};

/* The next lapsed job (lapsed 1) or due job (0): 1, 0 (none) or -1. */
static int
claim_row(struct ctx *ctx, int lapsed, struct job *j)
{
	if (lapsed)
		return db_one(ctx, &SQL_JOB_LAPSED, "", "iIsiii", &j->id,
		    &j->estate_id, &j->kind, &j->ref_id, &j->attempts,
		    &j->max_attempts);
	return db_one(ctx, &SQL_JOB_DUE, "", "iIsiii", &j->id, &j->estate_id,
	    &j->kind, &j->ref_id, &j->attempts, &j->max_attempts);
}

static int
claim_tx(struct ctx *ctx, void *arg)
{
	struct claim	*c = arg;
	int		 rc;

	c->found = 0;
	for (;;) {
		if ((rc = claim_row(ctx, 1, c->j)) < 0)
			return -1;
		if (rc == 0)
			break;
		/* A job whose every attempt ended with its worker dead. */
		if (c->j->attempts >= c->j->max_attempts) {
			if (db_exec(ctx, &SQL_JOB_DEAD_LAPSED, "i",
			    c->j->id) < 0)
				return -1;
			continue;
		}
		goto lease;
	}
	if ((rc = claim_row(ctx, 0, c->j)) <= 0)
		return rc < 0 ? -1 : 0;
lease:
	if (db_exec(ctx, &SQL_JOB_LEASE, "sii", c->owner, c->lease_s,
	    c->j->id) < 0)
		return -1;
	c->j->attempts++;
	c->found = 1;
	return 0;
}

int
job_claim(struct ctx *ctx, const char *owner, int lease_s, struct job *j)
{
	struct claim	 c = { owner, lease_s, j, 0 };

	memset(j, 0, sizeof(*j));
	if (db_tx(ctx, claim_tx, &c) != 0)
		return -1;
	return c.found;
}

int
job_renew(struct ctx *ctx, int64_t id, const char *owner, int lease_s)
{
	int64_t	 n;

	if ((n = db_exec(ctx, &SQL_JOB_RENEW, "iis", (int64_t)lease_s, id,
	    owner)) < 0)
		return -1;
	return n == 1;
}

int
job_dead_take(struct ctx *ctx, struct job *j)
{
	memset(j, 0, sizeof(*j));
	return db_one(ctx, &SQL_JOB_DEAD_TAKE, "", "iIsiii", &j->id,
	    &j->estate_id, &j->kind, &j->ref_id, &j->attempts,
	    &j->max_attempts);
}

int
job_dead_seen(struct ctx *ctx, int64_t id)
{
	return db_exec(ctx, &SQL_JOB_DEAD_SEEN, "i", id) < 0 ? -1 : 0;
}

int
job_fence(struct ctx *ctx, int64_t id, const char *owner)
{
	int64_t	 held;

	return db_one(ctx, &SQL_JOB_FENCE, "is", "i", id, owner, &held);
}

int
job_done(struct ctx *ctx, int64_t id, const char *owner)
{
	return db_exec(ctx, &SQL_JOB_DONE, "is", id, owner) < 0 ? -1 : 0;
}

int
job_failed(struct ctx *ctx, const struct job *j, const char *owner,
    const char *error, int64_t backoff_ms)
{
	if (j->attempts >= j->max_attempts)
		return db_exec(ctx, &SQL_JOB_DEAD, "sis", error, j->id,
		    owner) < 0 ? -1 : 0;
	return db_exec(ctx, &SQL_JOB_RETRY, "siis", error, backoff_ms, j->id,
	    owner) < 0 ? -1 : 0;
}

struct take {
	const char	*name, *owner;
	int64_t		 every_s;
	int		 taken;
};

static int
take_tx(struct ctx *ctx, void *arg)
{
	struct take	*t = arg;
	int64_t		 one;
	int		 rc;

	t->taken = 0;
	if ((rc = db_one(ctx, &SQL_SCHEDULE_DUE, "s", "i", t->name, &one)) <= 0)
		return rc < 0 ? -1 : 0;
	if (db_exec(ctx, &SQL_SCHEDULE_NEXT, "iss", t->every_s, t->owner,
	    t->name) < 0)
		return -1;
	t->taken = 1;
	return 0;
}

int
job_schedule_add(struct ctx *ctx, const char *name)
{
	return db_exec(ctx, &SQL_SCHEDULE_ADD, "s", name) < 0 ? -1 : 0;
}

int
job_schedule_take(struct ctx *ctx, const char *name, int every_s,
    const char *owner)
{
	struct take	 t = { name, owner, every_s, 0 };

	if (db_tx(ctx, take_tx, &t) != 0)
		return -1;
	return t.taken;
}

int64_t
job_backoff_ms(struct ctx *ctx, int64_t n, int64_t base_ms, int64_t max_ms)
{
	int64_t	 ms = base_ms;

	while (--n > 0 && ms < max_ms)
		ms *= 2;
	if (ms > max_ms)
		ms = max_ms;
	return ms + (int64_t)ctx_random(ctx, (uint64_t)(ms / 4 + 1));
}
