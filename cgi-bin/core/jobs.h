/*
 * jobs.h - background work as rows in the database (sql/016), for
 * propfee-worker (cgi-bin/worker/main.c has the table of jobs).
 *
 * A job is queued in the same transaction as the change that asks for it
 * (job_queue), so a request that commits always leaves its job behind and
 * one that rolls back leaves none. Any number of workers on any number of
 * hosts share the queue: job_claim takes one due job with SELECT ... FOR
 * UPDATE SKIP LOCKED and leases it for lease_s seconds; the holder
 * renews the lease while it works. A worker that dies stops renewing;
 * when the lease runs out the next worker to look takes the job over -
 * one worker, because the take-over is one transaction on the locked row.
 * A failed attempt is queued again after a backoff; after max_attempts
 * the job is dead and stays for a person to read.
 *
 * Times are the database's (NOW(6), China time), never an app host's.
 */
#ifndef PROPFEE_JOBS_H
#define PROPFEE_JOBS_H

#include <stdint.h>

struct ctx;

struct job {
	int64_t		 id;
	int64_t		 estate_id;	/* DB_NULL: company-wide */
	const char	*kind;		/* "billing.run" ... */
	int64_t		 ref_id;	/* the record it works on */
	int64_t		 attempts;	/* this one included */
	int64_t		 max_attempts;
};

/*
 * Queues job kind for record ref_id, due now, inside the caller's
 * transaction. A job of this kind for this record queued before is kept
 * as it is (jobs_once): returns 0 either way, -1 on a database failure.
 */
int	job_queue(struct ctx *, const char *kind, int64_t estate_id,
	    int64_t ref_id, int max_attempts);

/*
 * Takes the oldest due job: a queued one whose time has come, or a
 * running one whose lease ran out (its worker died). Leases it to owner
 * ("host:pid:thread") for lease_s seconds and counts the attempt; a job
 * taken over after max_attempts is marked dead instead. Its own
 * transaction. Returns 1 (*j filled, strings in the arena), 0 (nothing
 * due) or -1.
 */
int	job_claim(struct ctx *, const char *owner, int lease_s, struct job *j);

/* Extends owner's lease on job id to lease_s seconds from now. Returns 1,
 * 0 when the lease was lost (taken over), or -1. */
int	job_renew(struct ctx *, int64_t id, const char *owner, int lease_s);

/*
 * The fence of a job's writes: inside the transaction that writes for
 * job id, checks that owner still holds its lease, and holds the job row
 * (a shared lock) until that transaction ends, so that no other worker
 * takes the job over between the check and the commit. A worker paused
 * past its lease (a stopped process, a long pause) finds it lost and
 * must stop: the worker that took the job over does its work. Returns 1
 * (held), 0 (lost) or -1.
 */
int	job_fence(struct ctx *, int64_t id, const char *owner);

/*
 * A dead job not yet answered for, locked (SKIP LOCKED: one worker of
 * many takes it) in the caller's transaction: 1 (j filled), 0 (none) or
 * -1. job_dead_seen marks it answered for. Returns 0 or -1.
 */
int	job_dead_take(struct ctx *, struct job *j);
int	job_dead_seen(struct ctx *, int64_t id);

/* The job is done. Returns 0 or -1. */
int	job_done(struct ctx *, int64_t id, const char *owner);

/*
 * The attempt failed: error (kept, cut at 300 characters) and the job
 * queued again backoff_ms from now, or dead when it has had its
 * attempts. Returns 0 or -1.
 */
int	job_failed(struct ctx *, const struct job *, const char *owner,
	    const char *error, int64_t backoff_ms);

/* Makes the schedule row of a scheduled job, due now, unless it exists:
 * once per worker start, not on every look. Returns 0 or -1. */
int	job_schedule_add(struct ctx *, const char *name);

/*
 * Scheduled jobs (rows made by job_schedule_add): 1 when the schedule row `name` was due and this caller
 * took it (its next time moved every_s seconds on, in one transaction, so
 * one worker of many runs it), 0 when not due or another worker has it,
 * -1 on a database failure.
 */
int	job_schedule_take(struct ctx *, const char *name, int every_s,
	    const char *owner);

/*
 * The backoff before attempt n + 1 (n >= 1): base_ms doubled per attempt,
 * capped at max_ms, plus up to a quarter more of random jitter so workers
 * that failed together do not retry together.
 */
int64_t	job_backoff_ms(struct ctx *, int64_t n, int64_t base_ms,
	    int64_t max_ms);

#endif
