/*
 * audit.c - one INSERT, the only statement the audit log ever sees.
 */
#include <stdarg.h>

#include "audit.h"
#include "ctx.h"
#include "db.h"

/* The transaction's own time (ctx->now, db_tx) when inside one. */
SQL_DEF(SQL_AUDIT_INSERT,
    "INSERT INTO audit_log (estate_id, actor_kind, actor_id, action, entity,"
    " entity_id, amount_fen, detail, ip, at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, LEFT(?, 1000), ?,"
    " COALESCE(?, NOW(6)))");

int
audit(struct ctx *ctx, int64_t estate_id, const char *action,
    const char *entity, int64_t entity_id, int64_t amount, const char *detail)
{
	return db_exec(ctx, &SQL_AUDIT_INSERT, "IsIssIIsss", estate_id,
	    ctx_actor_kind(ctx), ctx_actor_id(ctx), action, entity, entity_id,
	    amount, detail ? detail : "", ctx->actor.addr,
	    ctx->now[0] ? ctx->now : NULL) < 0 ? -1 : 0;
}

struct exec_tx {
	const struct audit_row	*row;
	const struct sql	*q;
	const char		*fmt;
	va_list			 ap;
	int64_t			 n;
};

static int
exec_tx(struct ctx *ctx, void *arg)
{
	struct exec_tx		*t = arg;
	const struct audit_row	*a = t->row;

	if ((t->n = db_exec_v(ctx, t->q, t->fmt, t->ap)) < 0)
		return -1;
	if (t->n == 0)
		return 0;
	return audit(ctx, a->estate_id, a->action, a->entity, a->entity_id,
	    a->amount, a->detail);
}

int64_t
audit_exec(struct ctx *ctx, const struct audit_row *row, const struct sql *q,
    const char *fmt, ...)
{
	struct exec_tx	 t;
	int		 rc;

	t.row = row;
	t.q = q;
	t.fmt = fmt;
	t.n = 0;
	va_start(t.ap, fmt);
	rc = db_tx(ctx, exec_tx, &t);
	va_end(t.ap);
	return rc != 0 ? -1 : t.n;
}
