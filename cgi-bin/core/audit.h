/*
 * audit.h - the append-only audit log: who, when, what, which ids and
 * amounts. Every money action writes one row inside its own transaction.
 */
#ifndef PROPFEE_AUDIT_H
#define PROPFEE_AUDIT_H

#include <stdint.h>

struct ctx;
struct sql;

/*
 * Writes one row as the signed-in user (or "system" when nobody is
 * signed in, as in a billing run). amount is DB_NULL when not money.
 * Returns 0 or -1.
 */
int	audit(struct ctx *, int64_t estate_id, const char *action,
	    const char *entity, int64_t entity_id, int64_t amount,
	    const char *detail);

/* What an audit row says, for audit_exec(). */
struct audit_row {
	int64_t		 estate_id;	/* DB_NULL: company-wide */
	const char	*action;	/* "settings.set" ... */
	const char	*entity;
	int64_t		 entity_id;
	int64_t		 amount;	/* fen, or DB_NULL */
	const char	*detail;
};

/*
 * A change of one statement and its audit row, in one transaction
 * (db_tx: retried whole on a deadlock): runs q with its parameters (as
 * db_exec), then writes row when q changed anything. Returns the rows q
 * changed (0: nothing, and no audit row) or -1 on a database failure
 * (ctx marked). For the settings-like changes of one row; money changes
 * have their own calls (payment.h, receipt.h).
 */
int64_t	audit_exec(struct ctx *, const struct audit_row *row,
	    const struct sql *q, const char *fmt, ...);

#endif
