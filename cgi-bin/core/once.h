/*
 * once.h - a form that creates something records it once, however often
 * it is sent (issue 7, kind 2): a double click, Back and send again, ten
 * tabs at once.
 *
 * Every create form carries a random token (ONCE_FIELD, its value from
 * once_token() when the form is drawn). The transaction that creates the
 * record first claims the token (once_tx); the token is the primary key
 * of idempotency_keys (sql/017), the one table of such keys - a gateway
 * notification's transaction id and an import's file hash are claimed
 * the same way - so of two sendings in flight the second waits for
 * the first to commit and then finds the token taken. It then rolls back
 * and answers with what the first sending made, never a second record.
 * A sending refused or rolled back leaves the token free, so a form
 * shown again with messages may keep it or take a new one.
 */
#ifndef PROPFEE_ONCE_H
#define PROPFEE_ONCE_H

#include <stdint.h>

struct ctx;

/* The declared field every create form has (valid.h). */
#define ONCE_FIELD \
	{ "form_token", "表单", V_TOKEN, V_REQUIRED, 32, 64, NULL }

/* A fresh token for a form about to be drawn: 128 random bits, hex. */
const char	*once_token(struct ctx *);

enum {
	ONCE_FIRST = 0,		/* created now */
	ONCE_SEEN = 1		/* sent before: nothing done this time */
};

/* What a page says when a form's token was spent on another record. */
#define ONCE_USED_MSG	"这张表单已经用过了，请刷新页面后重新填写。"

/*
 * Claims token for the form `kind` (a constant such as "credit.log") on
 * record `target` (the household, bill, receipt ... the form acts on), of
 * the estate (DB_NULL: a company-wide form), and runs fn, all in one transaction
 * (db_tx, retried on deadlock). fn creates the record, sets *made to its
 * id, and returns 0, a refusal > 1 (rolled back: a unique key said no, a
 * bill is no longer open ...) or -1. Returns ONCE_FIRST (committed),
 * ONCE_SEEN (the form was sent before: *made is what that sending made;
 * 0 when the token was spent on another form or record - a replayed
 * token does nothing, and the page answers 409 with ONCE_USED_MSG),
 * fn's refusal, or -1 on a database failure (r is marked: the page
 * answers 503/500).
 */
int	once_tx(struct ctx *, const char *token, const char *kind,
	    int64_t target, int64_t estate_id,
	    int (*fn)(struct ctx *, void *, int64_t *), void *arg,
	    int64_t *made);

/*
 * Whether token was claimed already by form `kind` on record `target`
 * (for a page whose
 * checks would refuse a second sending before once_tx is reached, such
 * as a reading already entered): 1 (sent before: *made is what it made),
 * 0 (not yet) or -1.
 */
int	once_seen(struct ctx *, const char *token, const char *kind,
	    int64_t target, int64_t *made);

#endif
