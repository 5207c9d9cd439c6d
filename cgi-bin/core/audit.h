/*
 * audit.h - the append-only audit log: who, when, what, which ids and
 * amounts. Every money action writes one row inside its own transaction.
 */
#ifndef PROPFEE_AUDIT_H
#define PROPFEE_AUDIT_H

#include <stdint.h>

struct req;

/*
 * Writes one row as the signed-in user (or "system" when nobody is
 * signed in, as in a billing run). amount is DB_NULL when not money.
 * Returns 0 or -1.
 */
int	audit(struct req *, int64_t estate_id, const char *action,
	    const char *entity, int64_t entity_id, int64_t amount,
	    const char *detail);

#endif
