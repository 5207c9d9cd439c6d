/*
 * once.c - form tokens claimed inside the creating transaction.
 */
#include <string.h>

#include "auth.h"
#include "db.h"
#include "http.h"
#include "once.h"

SQL_DEF(SQL_ONCE_CLAIM,
    "INSERT INTO form_submissions (token, estate_id, form, actor_kind,"
    " actor_id, created_at) VALUES (?, ?, ?, ?, ?, NOW())");

SQL_DEF(SQL_ONCE_RECORD,
    "UPDATE form_submissions SET made_id = ? WHERE token = ?");

SQL_DEF(SQL_ONCE_MADE,
    "SELECT form, made_id FROM form_submissions WHERE token = ?");

const char *
once_token(struct req *r)
{
	return auth_random_hex(r, 16);
}

struct once_run {
	const char	*token, *form;
	int64_t		 estate;
	int		(*fn)(struct req *, void *, int64_t *);
	void		*arg;
	int64_t		*made;
};

static int
once_run(struct req *r, void *arg)
{
	struct once_run	*o = arg;
	const char	*kind = "system";
	int64_t		 actor = DB_NULL, rc;

	if (r->sess.user_id != 0) {
		kind = r->sess.role == ROLE_OWNER ? "owner" : "staff";
		actor = r->sess.user_id;
	}
	rc = db_exec_unique(r, &SQL_ONCE_CLAIM, "sIssI", o->token, o->estate,
	    o->form, kind, actor);
	if (rc == DB_DUPLICATE)
		return ONCE_SEEN;
	if (rc < 0)
		return -1;
	*o->made = 0;
	if ((rc = o->fn(r, o->arg, o->made)) != 0)
		return rc < 0 ? -1 : (int)rc;
	return db_exec(r, &SQL_ONCE_RECORD, "is", *o->made, o->token) < 0 ?
	    -1 : 0;
}

/* "receipt.void/123": a token is spent on one form of one record. */
static const char *
form_of(struct req *r, const char *kind, int64_t target)
{
	return arena_printf(&r->a, "%s/%lld", kind, (long long)target);
}

int
once_tx(struct req *r, const char *token, const char *kind, int64_t target,
    int64_t estate_id, int (*fn)(struct req *, void *, int64_t *),
    void *arg, int64_t *made)
{
	struct once_run	 o = { token, form_of(r, kind, target), estate_id, fn,
			    arg, made };
	int		 rc;

	*made = 0;
	if ((rc = db_tx(r, once_run, &o)) != ONCE_SEEN)
		return rc;
	return once_seen(r, token, kind, target, made) < 0 ? -1 : ONCE_SEEN;
}

int
once_seen(struct req *r, const char *token, const char *kind, int64_t target,
    int64_t *made)
{
	const char	*was, *form = form_of(r, kind, target);
	int		 rc;

	*made = 0;
	rc = db_one(r, &SQL_ONCE_MADE, "s", "sI", token, &was, made);
	if (rc != 1)
		return rc;
	if (strcmp(was, form) != 0 || *made == DB_NULL) {
		*made = 0;
		return 0;
	}
	return 1;
}
