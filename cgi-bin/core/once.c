/*
 * once.c - form tokens claimed inside the creating transaction.
 */
#include <string.h>

#include "db.h"
#include "ctx.h"
#include "once.h"

SQL_DEF(SQL_ONCE_CLAIM,
    "INSERT INTO idempotency_keys (idem_key, estate_id, scope, actor_kind,"
    " actor_id, created_at) VALUES (?, ?, ?, ?, ?, NOW())");

SQL_DEF(SQL_ONCE_RECORD,
    "UPDATE idempotency_keys SET made_id = ? WHERE idem_key = ?");

SQL_DEF(SQL_ONCE_MADE,
    "SELECT scope, made_id FROM idempotency_keys WHERE idem_key = ?");

const char *
once_token(struct ctx *ctx)
{
	return ctx_random_hex(ctx, 16);
}

struct once_run {
	const char	*token, *form;
	int64_t		 estate;
	int		(*fn)(struct ctx *, void *, int64_t *);
	void		*arg;
	int64_t		*made;
};

static int
once_run(struct ctx *ctx, void *arg)
{
	struct once_run	*o = arg;
	const char	*kind = "system";
	int64_t		 actor = DB_NULL, rc;

	if (ctx->actor.id != 0) {
		kind = ctx->actor.role == ROLE_OWNER ? "owner" : "staff";
		actor = ctx->actor.id;
	}
	rc = db_exec_unique(ctx, &SQL_ONCE_CLAIM, "sIssI", o->token, o->estate,
	    o->form, kind, actor);
	if (rc == DB_DUPLICATE)
		return ONCE_SEEN;
	if (rc < 0)
		return -1;
	*o->made = 0;
	if ((rc = o->fn(ctx, o->arg, o->made)) != 0)
		return rc < 0 ? -1 : (int)rc;
	return db_exec(ctx, &SQL_ONCE_RECORD, "is", *o->made, o->token) < 0 ?
	    -1 : 0;
}

/* "receipt.void/123": a token is spent on one form of one record. */
static const char *
form_of(struct ctx *ctx, const char *kind, int64_t target)
{
	return arena_printf(ctx->a, "%s/%lld", kind, (long long)target);
}

int
once_tx(struct ctx *ctx, const char *token, const char *kind, int64_t target,
    int64_t estate_id, int (*fn)(struct ctx *, void *, int64_t *),
    void *arg, int64_t *made)
{
	struct once_run	 o = { token, form_of(ctx, kind, target), estate_id, fn,
			    arg, made };
	int		 rc;

	*made = 0;
	if ((rc = db_tx(ctx, once_run, &o)) != ONCE_SEEN)
		return rc;
	return once_seen(ctx, token, kind, target, made) < 0 ? -1 : ONCE_SEEN;
}

int
once_seen(struct ctx *ctx, const char *token, const char *kind, int64_t target,
    int64_t *made)
{
	const char	*was, *form = form_of(ctx, kind, target);
	int		 rc;

	*made = 0;
	rc = db_one(ctx, &SQL_ONCE_MADE, "s", "sI", token, &was, made);
	if (rc != 1)
		return rc;
	if (strcmp(was, form) != 0 || *made == DB_NULL) {
		*made = 0;
		return 0;
	}
	return 1;
}
