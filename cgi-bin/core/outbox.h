/*
 * outbox.h - the transactional outbox (sql/016): a message that something
 * happened is written in the same transaction as the change that caused
 * it, and propfee-worker sends it later. Nothing is lost when a process
 * dies between the change and the sending (the row is committed with the
 * change, or neither is), and nothing is sent twice (idem_key is unique;
 * a message is leased to one worker while it is sent, marked sent after).
 *
 * Senders live in the worker (cgi-bin/worker/outbox.c), one per topic.
 * The payload is JSON, built with jansson.
 */
#ifndef PROPFEE_OUTBOX_H
#define PROPFEE_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

struct ctx;

/* Topics. */
#define OUTBOX_RECEIPT_ISSUED	"receipt.issued"

struct outbox_msg {
	int64_t		 id;
	int64_t		 estate_id;	/* DB_NULL when company-wide */
	const char	*topic;
	const char	*idem_key;
	const char	*payload;	/* JSON */
	int64_t		 attempts;	/* this sending included */
};

/*
 * Writes a message inside the caller's transaction. A message with the
 * same idem_key written before is kept as it was (the change was sent
 * twice: the message is not). Returns 0 or -1.
 */
int	outbox_put(struct ctx *, int64_t estate_id, const char *topic,
	    const char *idem_key, const char *payload_json);

/*
 * Leases up to n due messages (pending and due, or being sent by a worker
 * whose lease ran out) to owner for lease_s seconds, oldest first, in one
 * transaction (FOR UPDATE SKIP LOCKED: workers never share a message).
 * Returns how many were put in out[], or -1.
 */
int	outbox_claim(struct ctx *, const char *owner, int lease_s,
	    struct outbox_msg *out, size_t n);

/* The message was delivered. Returns 0 or -1. */
int	outbox_sent(struct ctx *, int64_t id, const char *owner);

/*
 * Delivery failed: the error is kept and the message is pending again
 * backoff_ms from now, or dead after max_attempts. Returns 0 or -1.
 */
int	outbox_failed(struct ctx *, const struct outbox_msg *,
	    const char *owner, const char *error, int64_t backoff_ms,
	    int64_t max_attempts);

#endif
