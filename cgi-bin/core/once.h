/*
 * once.h - a form that creates something records it once, however often
 * it is sent (issue 7, kind 2): a double click, Back and send again, ten
 * tabs at once.
 *
 * Every create form carries a random token (ONCE_FIELD, its value from
 * once_token() when the form is drawn). The transaction that creates the
 * record first claims the token (once_tx); the token is the primary key
 * of form_submissions, so of two sendings in flight the second waits for
 * the first to commit and then finds the token taken. It then rolls back
 * and answers with what the first sending made, never a second record.
 * A sending refused or rolled back leaves the token free, so a form
 * shown again with messages may keep it or take a new one.
 */
#ifndef PROPFEE_ONCE_H
#define PROPFEE_ONCE_H

#include <stdint.h>

struct req;

/* The declared field every create form has (valid.h). */
#define ONCE_FIELD \
	{ "form_token", "表单", V_TOKEN, V_REQUIRED, 32, 64, NULL }

/* A fresh token for a form about to be drawn: 128 random bits, hex. */
const char	*once_token(struct req *);

enum {
	ONCE_FIRST = 0,		/* created now */
	ONCE_SEEN = 1		/* sent before: nothing done this time */
};

/*
 * Claims token for the form named `form` (a constant such as
 * "credit.log") of the estate (DB_NULL: a company-wide form) and runs fn, all in one transaction
 * (db_tx, retried on deadlock). fn creates the record, sets *made to its
 * id, and returns 0, a refusal > 1 (rolled back: a unique key said no, a
 * bill is no longer open ...) or -1. Returns ONCE_FIRST (committed),
 * ONCE_SEEN (the form was sent before: *made is what that sending made,
 * 0 if it belongs to another form), fn's refusal, or -1 on a database
 * failure (r is marked: the page answers 503/500).
 */
int	once_tx(struct req *, const char *token, const char *form,
	    int64_t estate_id, int (*fn)(struct req *, void *, int64_t *),
	    void *arg, int64_t *made);

/*
 * Whether token was claimed already by form `form` (for a page whose
 * checks would refuse a second sending before once_tx is reached, such
 * as a reading already entered): 1 (sent before: *made is what it made),
 * 0 (not yet) or -1.
 */
int	once_seen(struct req *, const char *token, const char *form,
	    int64_t *made);

#endif
