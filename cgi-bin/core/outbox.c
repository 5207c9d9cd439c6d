/*
 * outbox.c - writing, leasing and settling outbox messages.
 */
#include <string.h>

#include "ctx.h"
#include "db.h"
#include "outbox.h"

/* Topic-less events (before issue 11); messages are queued by msg.c. */
SQL_DEF(SQL_OUTBOX_PUT,
    "INSERT IGNORE INTO outbox (estate_id, topic, idem_key, payload,"
    " next_at, created_at) VALUES (?, ?, ?, ?, NOW(6), NOW(6))");

/* Due messages of a class (outbox.h): pending and due, or being sent
 * by a worker whose lease ran out. */
#define OUTBOX_DUE_COLS \
    "SELECT id, estate_id, owner_id, staff_id, topic, COALESCE(channel, '')," \
    " premises_id, run_id, held, idem_key, payload, attempts, unsure_tries" \
    " FROM outbox"
#define OUTBOX_DUE_WHERE \
    " ((status = 'pending' AND next_at <= NOW(6))" \
    " OR (status = 'sending' AND lease_until < NOW(6)))"

/* Receipts and login codes (held = 0), login codes first: one, claimed
 * just before it is sent (outbox.h). */
SQL_DEF(SQL_OUTBOX_DUE_URGENT,
    OUTBOX_DUE_COLS " WHERE held = 0 AND" OUTBOX_DUE_WHERE
    " ORDER BY topic = 'login.code' DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED");

/* E-bills, reminders, the shops' quarterly bill; a run's e-bills once
 * the run has ended (sent during it, they slowed a run of 1,000,000
 * bills from 15 s to 70 s on two cores). */
SQL_DEF(SQL_OUTBOX_DUE_BULK,
    OUTBOX_DUE_COLS " WHERE held = 1 AND" OUTBOX_DUE_WHERE
    " AND NOT EXISTS (SELECT 1 FROM billing_runs r WHERE r.id = outbox.run_id"
    " AND r.status IN ('queued', 'running'))"
    " ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED");

SQL_DEF(SQL_OUTBOX_LEASE,
    "UPDATE outbox SET status = 'sending', attempts = attempts + 1,"
    " lease_owner = ?, lease_until = NOW(6) + INTERVAL ? SECOND"
    " WHERE id = ?");

SQL_DEF(SQL_OUTBOX_RENEW,
    "UPDATE outbox SET lease_until = NOW(6) + INTERVAL ? SECOND"
    " WHERE id = ? AND lease_owner = ? AND status = 'sending'");

SQL_DEF(SQL_OUTBOX_SENT,
    "UPDATE outbox SET status = 'sent', sent_at = NOW(6), lease_until = NULL,"
    " address = LEFT(?, 128), body = LEFT(?, 500), link = LEFT(?, 300),"
    " provider_id = LEFT(?, 100), last_error = ''"
    " WHERE id = ? AND lease_owner = ? AND status = 'sending'");

SQL_DEF(SQL_OUTBOX_WORDS,
    "UPDATE outbox SET address = LEFT(?, 128), body = LEFT(?, 500),"
    " link = LEFT(?, 300)"
    " WHERE id = ? AND lease_owner = ? AND status = 'sending'");

SQL_DEF(SQL_OUTBOX_SKIPPED,
    "UPDATE outbox SET status = 'skipped', lease_until = NULL,"
    " last_error = LEFT(?, 300)"
    " WHERE id = ? AND lease_owner = ? AND status = 'sending'");

SQL_DEF(SQL_OUTBOX_LATER,
    "UPDATE outbox SET status = 'pending', lease_until = NULL,"
    " attempts = attempts - 1, next_at = NOW(6) + INTERVAL ? SECOND"
    " WHERE id = ? AND lease_owner = ? AND status = 'sending'");

SQL_DEF(SQL_OUTBOX_RETRY,
    "UPDATE outbox SET status = 'pending', lease_until = NULL,"
    " last_error = LEFT(?, 300),"
    " next_at = NOW(6) + INTERVAL ? * 1000 MICROSECOND"
    " WHERE id = ? AND lease_owner = ? AND status = 'sending'");

/* Out of tries: dead, or unsure when a try may have been delivered. */
SQL_DEF(SQL_OUTBOX_DEAD,
    "UPDATE outbox SET status = IF(unsure_tries > 0, 'unsure', 'dead'),"
    " lease_until = NULL, last_error = LEFT(?, 300)"
    " WHERE id = ? AND lease_owner = ? AND status = 'sending'");

/* An unsure try: what was sent kept, counted; pending again after the
 * backoff (param), or 'unsure' (final: param 1). */
SQL_DEF(SQL_OUTBOX_UNSURE,
    "UPDATE outbox SET status = IF(? = 1, 'unsure', 'pending'),"
    " unsure_tries = unsure_tries + 1, lease_until = NULL,"
    " address = LEFT(?, 128), body = LEFT(?, 500), link = LEFT(?, 300),"
    " last_error = LEFT(?, 300),"
    " next_at = NOW(6) + INTERVAL ? * 1000 MICROSECOND"
    " WHERE id = ? AND lease_owner = ? AND status = 'sending'");

int
outbox_put(struct ctx *ctx, int64_t estate_id, const char *topic,
    const char *idem_key, const char *payload)
{
	return db_exec(ctx, &SQL_OUTBOX_PUT, "Isss", estate_id, topic,
	    idem_key, payload) < 0 ? -1 : 0;
}

struct claim {
	const char		*owner;
	int64_t			 lease_s;
	int			 urgent;
	struct outbox_msg	*out;
	size_t			 max, n;
};

static int
claim_tx(struct ctx *ctx, void *arg)
{
	struct claim		*c = arg;
	struct outbox_msg	 m;
	struct db_res		*res;
	size_t			 i;
	int			 rc;

	c->n = 0;
	if ((res = c->urgent ? db_query(ctx, &SQL_OUTBOX_DUE_URGENT, "") :
	    db_query(ctx, &SQL_OUTBOX_DUE_BULK, "")) == NULL)
		return -1;
	while ((rc = db_row(res, "iIIIssIIissii", &m.id, &m.estate_id,
	    &m.owner_id, &m.staff_id, &m.topic, &m.channel, &m.premises_id, &m.run_id,
	    &m.held, &m.idem_key, &m.payload, &m.attempts,
	    &m.unsure_tries)) == 1)
		if (c->n < c->max)
			c->out[c->n++] = m;
	db_done(res);
	if (rc < 0)
		return -1;
	for (i = 0; i < c->n; i++) {
		if (db_exec(ctx, &SQL_OUTBOX_LEASE, "sii", c->owner,
		    c->lease_s, c->out[i].id) < 0)
			return -1;
		c->out[i].attempts++;
	}
	return 0;
}

int
outbox_claim(struct ctx *ctx, const char *owner, int lease_s,
    enum outbox_class cls, struct outbox_msg *out, size_t n)
{
	struct claim	 c = { owner, lease_s, cls == OUTBOX_URGENT, out, n,
			    0 };

	if (db_tx(ctx, claim_tx, &c) != 0)
		return -1;
	return (int)c.n;
}

int
outbox_sent(struct ctx *ctx, int64_t id, const char *owner,
    const char *address, const char *body, const char *link,
    const char *provider_id)
{
	return db_exec(ctx, &SQL_OUTBOX_SENT, "ssssis", address, body, link,
	    provider_id, id, owner) < 0 ? -1 : 0;
}

int
outbox_tried_words(struct ctx *ctx, int64_t id, const char *owner,
    const char *address, const char *body, const char *link)
{
	return db_exec(ctx, &SQL_OUTBOX_WORDS, "sssis", address, body, link,
	    id, owner) < 0 ? -1 : 0;
}

int
outbox_skipped(struct ctx *ctx, int64_t id, const char *owner,
    const char *why)
{
	return db_exec(ctx, &SQL_OUTBOX_SKIPPED, "sis", why, id, owner) < 0 ?
	    -1 : 0;
}

int
outbox_later(struct ctx *ctx, int64_t id, const char *owner, int64_t until_s)
{
	return db_exec(ctx, &SQL_OUTBOX_LATER, "iis", until_s, id, owner) < 0 ?
	    -1 : 0;
}

int
outbox_failed(struct ctx *ctx, const struct outbox_msg *m, const char *owner,
    const char *error, int64_t backoff_ms, int64_t max_attempts)
{
	if (m->attempts >= max_attempts)
		return db_exec(ctx, &SQL_OUTBOX_DEAD, "sis", error, m->id,
		    owner) < 0 ? -1 : 0;
	return db_exec(ctx, &SQL_OUTBOX_RETRY, "siis", error, backoff_ms,
	    m->id, owner) < 0 ? -1 : 0;
}

int
outbox_unsure(struct ctx *ctx, const struct outbox_msg *m, const char *owner,
    const char *address, const char *body, const char *link,
    const char *error, int64_t backoff_ms, int64_t max_attempts, int *final)
{
	*final = m->unsure_tries + 1 >= OUTBOX_UNSURE_TRIES ||
	    m->attempts >= max_attempts;
	return db_exec(ctx, &SQL_OUTBOX_UNSURE, "issssiis", (int64_t)*final,
	    address, body, link, error, backoff_ms, m->id, owner) < 0 ? -1 : 0;
}

int
outbox_renew(struct ctx *ctx, int64_t id, const char *owner, int lease_s)
{
	int64_t	 n;

	if ((n = db_exec(ctx, &SQL_OUTBOX_RENEW, "iis", (int64_t)lease_s, id,
	    owner)) < 0)
		return -1;
	return n > 0;
}
