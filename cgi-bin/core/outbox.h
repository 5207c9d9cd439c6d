/*
 * outbox.h - the transactional outbox (sql/016): a message that something
 * happened is written in the same transaction as the change that caused
 * it, and propfee-worker sends it later. Nothing is lost when a process
 * dies between the change and the sending (the row is committed with the
 * change, or neither is), and nothing is sent twice (idem_key is unique;
 * a message is leased to one worker while it is sent, marked sent after).
 *
 * Since issue 11 a row is one message to one owner by one channel
 * (msg.h queues them); the worker composes and sends it (worker/outbox.c)
 * through the providers' adapters (msgsend.h). The payload is JSON,
 * built with jansson.
 */
#ifndef PROPFEE_OUTBOX_H
#define PROPFEE_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

struct ctx;

struct outbox_msg {
	int64_t		 id;
	int64_t		 estate_id;	/* DB_NULL when company-wide */
	int64_t		 owner_id;	/* DB_NULL: none */
	int64_t		 staff_id;	/* DB_NULL: none; else a message to a
					 * member of staff, by SMS (sql/036) */
	const char	*topic;		/* msg.h's MSG_* */
	const char	*channel;	/* "sms", "wechat", "app"; "": none */
	int64_t		 premises_id;	/* DB_NULL: none */
	int64_t		 run_id;	/* DB_NULL: none */
	int64_t		 held;		/* quiet hours may hold it */
	const char	*idem_key;
	const char	*payload;	/* JSON */
	int64_t		 attempts;	/* this sending included */
	int64_t		 unsure_tries;	/* tries that may have been delivered
					 * (no answer after the request went
					 * out), before this one */
};

/*
 * Which due messages a claim takes (outbox_claim):
 *   OUTBOX_URGENT  receipts and login codes (held = 0: an owner or a
 *                  collector on a doorstep is waiting), login codes
 *                  first, then oldest first;
 *   OUTBOX_BULK    e-bills, reminders, the shops' quarterly bill
 *                  (held = 1), oldest first; a run's e-bills once the run
 *                  has ended.
 * The worker claims the urgent ones on their own, one at a time, before
 * each bulk batch and before each message of it, so that a backlog of
 * slow or failing bulk messages delays a login code by one send at most
 * (a breaker's trial: a code waited behind hundreds of retries).
 */
enum outbox_class {
	OUTBOX_URGENT,
	OUTBOX_BULK
};

/*
 * How many unsure tries a message gets (outbox_unsure): its first one is
 * followed by one more try; the second ends it in status 'unsure'. So at
 * most two copies of a message reach the owner when a provider answers
 * after our time limit - the big SMS clouds do not deduplicate by OutId.
 */
#define OUTBOX_UNSURE_TRIES	2

/*
 * Writes a message inside the caller's transaction. A message with the
 * same idem_key written before is kept as it was (the change was sent
 * twice: the message is not). Returns 0 or -1.
 */
int	outbox_put(struct ctx *, int64_t estate_id, const char *topic,
	    const char *idem_key, const char *payload_json);

/*
 * Leases up to n due messages of class cls (pending and due, or being
 * sent by a worker whose lease ran out) to owner for lease_s seconds, in
 * one transaction (FOR UPDATE SKIP LOCKED: workers never share a
 * message): OUTBOX_URGENT one at most, OUTBOX_BULK 20 at most. Returns
 * how many were put in out[], or -1.
 */
int	outbox_claim(struct ctx *, const char *owner, int lease_s,
	    enum outbox_class cls, struct outbox_msg *out, size_t n);

/*
 * Just before message id is sent: its lease renewed for lease_s seconds
 * if owner still holds it. 1 (send it), 0 (another worker took it over:
 * do not), -1. A batch sent one by one to a slow provider outlived its
 * leases and was sent twice (a breaker's trial).
 *
 * The fence: every change below (sent, skipped, later, failed, unsure)
 * is made only while owner still holds the message (lease_owner, status
 * 'sending'); once another worker has taken it over, a late answer
 * changes nothing (tests/http/test_messages.py).
 */
int	outbox_renew(struct ctx *, int64_t id, const char *owner, int lease_s);

/* The message was delivered to address, its words body and link, the
 * provider's id for it provider_id. Returns 0 or -1. */
int	outbox_sent(struct ctx *, int64_t id, const char *owner,
	    const char *address, const char *body, const char *link,
	    const char *provider_id);

/* The message is not to be sent (why: its bills were paid meanwhile, the
 * owner turned the channel off). Returns 0 or -1. */
int	outbox_skipped(struct ctx *, int64_t id, const char *owner,
	    const char *why);

/* Not now (quiet hours, the owner's daily limit): pending again at
 * until_s seconds from now, the try not counted. Returns 0 or -1. */
int	outbox_later(struct ctx *, int64_t id, const char *owner,
	    int64_t until_s);

/*
 * The words a try sent (address, body, link), kept before a failed try
 * is settled (outbox_failed), so that staff read what the owner did not
 * get (a new user's trial: 内容 （发送时生成） after a failed try).
 * Returns 0 or -1.
 */
int	outbox_tried_words(struct ctx *, int64_t id, const char *owner,
	    const char *address, const char *body, const char *link);

/*
 * Delivery failed: the error is kept and the message is pending again
 * backoff_ms from now, or, after max_attempts, dead - or 'unsure' when
 * one of its tries was (it may have reached the owner). Returns 0 or -1.
 */
int	outbox_failed(struct ctx *, const struct outbox_msg *,
	    const char *owner, const char *error, int64_t backoff_ms,
	    int64_t max_attempts);

/*
 * No answer came after the request went out (a timeout, a connection
 * lost): the provider may have taken the message. What was sent (address,
 * body, link) and the error are kept, its unsure tries counted; it is
 * pending again backoff_ms from now, unless this was its
 * OUTBOX_UNSURE_TRIES-th unsure try or its max_attempts-th try: then its
 * status is 'unsure' (可能已送达), for staff to resend by hand if the
 * owner did not get it. *final is set to 1 then. Returns 0 or -1.
 */
int	outbox_unsure(struct ctx *, const struct outbox_msg *,
	    const char *owner, const char *address, const char *body,
	    const char *link, const char *error, int64_t backoff_ms,
	    int64_t max_attempts, int *final);

#endif
