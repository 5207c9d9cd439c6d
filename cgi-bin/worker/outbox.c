/*
 * outbox.c - the "outbox.send" job: hands due outbox messages to the
 * sender of their topic (core/outbox.h).
 *
 * Until the notification adapters exist (SMS, WeChat, app push: issue
 * 11) the one sender is the spool: each message is appended, as one JSON
 * line with its idempotency key, to <outbox_spool>/<topic>.jsonl and
 * synced to disk before the message is marked sent. Delivery is at least
 * once - a worker that dies between the write and the mark writes the
 * line again on the retry - so a reader drops a key it has seen.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "jobs.h"
#include "log.h"
#include "outbox.h"
#include "worker.h"

#define OUTBOX_BATCH	20
#define OUTBOX_BATCHES	50	/* per look: 1,000 messages */
#define OUTBOX_LEASE_S	60
#define OUTBOX_TRIES	8

/* Appends m as one JSON line to its topic's spool file. 0 or -1. */
static int
spool(struct ctx *ctx, const struct outbox_msg *m, char *err, size_t errlen)
{
	const char	*dir = conf_need("outbox_spool");
	json_t		*line, *payload;
	json_error_t	 je;
	char		*js, *path;
	size_t		 n;
	int		 fd, rc = -1;

	if ((payload = json_loads(m->payload, 0, &je)) == NULL) {
		snprintf(err, errlen, "payload is not JSON: %s", je.text);
		return -1;
	}
	line = json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)m->id,
	    "idem_key", m->idem_key, "topic", m->topic, "payload", payload);
	if (line == NULL || (js = json_dumps(line, JSON_COMPACT)) == NULL) {
		json_decref(line);
		snprintf(err, errlen, "cannot build the line");
		return -1;
	}
	json_decref(line);
	/* Topics are the constants of outbox.h: safe as file names. */
	path = arena_printf(ctx->a, "%s/%s.jsonl", dir, m->topic);
	n = strlen(js);
	js = realloc(js, n + 1);
	js[n++] = '\n';
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0640)) < 0)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	else if (write(fd, js, n) != (ssize_t)n || fsync(fd) != 0)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	else
		rc = 0;
	if (fd >= 0)
		close(fd);
	free(js);
	return rc;
}

/* One batch: leased, handed on, settled. Returns how many were leased
 * (failures counted in *failed), or -1. */
static int
send_batch(struct ctx *ctx, const char *owner, int *failed)
{
	struct outbox_msg	 m[OUTBOX_BATCH];
	char			 why[300];
	int			 n, i;

	if ((n = outbox_claim(ctx, owner, OUTBOX_LEASE_S, m,
	    OUTBOX_BATCH)) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		why[0] = '\0';
		if (spool(ctx, &m[i], why, sizeof(why)) == 0) {
			if (outbox_sent(ctx, m[i].id, owner) < 0)
				(*failed)++;
			continue;
		}
		log_warnx("outbox: message %lld (%s) attempt %lld: %s",
		    (long long)m[i].id, m[i].topic, (long long)m[i].attempts,
		    why);
		if (outbox_failed(ctx, &m[i], owner, why,
		    job_backoff_ms(ctx, m[i].attempts, 2000, 600000),
		    OUTBOX_TRIES) < 0)
			(*failed)++;
	}
	return n;
}

/*
 * Batch after batch while they come full (a backlog drains at the
 * sender's speed, not 20 every 2 seconds: a breaker's trial left 15,678
 * messages pending), up to OUTBOX_BATCHES in one look.
 */
int
job_outbox_send(struct ctx *ctx, const struct job *j, const char *owner,
    char *err, size_t errlen)
{
	int	 n, b, failed = 0;

	(void)j;
	for (b = 0; b < OUTBOX_BATCHES; b++) {
		if ((n = send_batch(ctx, owner, &failed)) < 0) {
			snprintf(err, errlen, "cannot lease outbox messages");
			return -1;
		}
		ctx_reset(ctx);
		if (n < OUTBOX_BATCH)
			break;
	}
	if (failed) {
		snprintf(err, errlen, "%d outbox messages not settled", failed);
		return -1;
	}
	return 0;
}
