/*
 * db.h - MariaDB through prepared statements only.
 *
 * Every statement is a named constant (SQL_DEF below) whose text is fixed
 * at compile time; it is prepared once per connection, on first use, and
 * kept. Each worker thread owns one connection, opened lazily and opened
 * again after the server went away, so the programs recover by themselves
 * when the database comes back.
 *
 * Every statement has a time limit (max_statement_time on the session):
 * 10 s for a page's, 600 s for the background thread's (billing runs). A
 * statement stopped at its limit fails like any other, and the page
 * answers 503; a statement the client stops waiting for is killed, so
 * none outlives its page (db.c).
 *
 * Parameter formats (db_exec, db_query, db_one):
 *	'i'	int64_t
 *	'I'	int64_t, bound as NULL when it equals DB_NULL
 *	's'	const char *, bound as NULL when the pointer is NULL
 * Result formats (db_row, db_one):
 *	'i'	int64_t *, 0 for NULL
 *	'I'	int64_t *, DB_NULL for NULL
 *	's'	const char **, "" for NULL (copied into the request arena)
 *	'S'	const char **, NULL for NULL
 *
 * A failed call returns -1 (or NULL) and marks the request: page_fail()
 * then answers 503 when the database is unreachable, 500 otherwise.
 */
#ifndef PROPFEE_DB_H
#define PROPFEE_DB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct ctx;
struct db;
struct db_res;

struct sql {
	const char	*name;
	const char	*text;
};

/* Declares a statement: SQL_DEF(SQL_BILL_GET, "SELECT ..."); */
#define SQL_DEF(id, txt) \
	static const struct sql id = { #id, txt }

#define DB_NULL	INT64_MIN

/* Process start: connection settings from the configuration. */
void		 db_init(void);
/* Per thread, before and after any other call (ctx_open/ctx_close). */
void		 db_thread_init(void);
void		 db_thread_end(void);
/* Per thread: a connection, opened on first use. */
struct db	*db_new(void);
void		 db_free(struct db *);
/* Called at the end of every request: frees results, rolls back. */
void		 db_release(struct ctx *);

int64_t		 db_exec(struct ctx *, const struct sql *, const char *, ...);
/* As db_exec, with the parameters in a va_list (left as it was). */
int64_t		 db_exec_v(struct ctx *, const struct sql *, const char *,
		    va_list);
/*
 * As db_exec, with the parameters in an array (one per letter of fmt:
 * .i for 'i' and 'I', .s for 's'): a multi-row INSERT of a fixed number
 * of rows, whose statement is still a constant (an import's batch).
 */
struct db_arg {
	int64_t		 i;
	const char	*s;
};
int64_t		 db_exec_array(struct ctx *, const struct sql *, const char *,
		    const struct db_arg *);
int64_t		 db_insert_id(struct ctx *);
/*
 * As db_exec, but a duplicate key is an answer, not a failure: returns
 * DB_DUPLICATE without marking the request failed.
 */
#define DB_DUPLICATE	(-2)
int64_t		 db_exec_unique(struct ctx *, const struct sql *, const char *,
		    ...);
struct db_res	*db_query(struct ctx *, const struct sql *, const char *, ...);
int		 db_row(struct db_res *, const char *, ...);
uint64_t	 db_nrows(struct db_res *);
void		 db_done(struct db_res *);
/*
 * Every value of a query of one integer column, into an array in the
 * arena (*out, *n). Returns 0 or -1.
 */
int		 db_ints(struct ctx *, const struct sql *, int64_t **out,
		    size_t *n, const char *, ...);
/*
 * Runs a query expected to give at most one row: params as pfmt, then the
 * outputs as rfmt, all in one argument list. Returns 1 (found), 0 (no row)
 * or -1.
 */
int		 db_one(struct ctx *, const struct sql *, const char *pfmt,
		    const char *rfmt, ...);

/*
 * Runs fn inside one transaction and commits when it returns 0. A
 * deadlock or lock-wait timeout (or a Galera certification failure) rolls
 * back and runs fn again, up to DB_TX_TRIES times, so fn must touch
 * nothing but the database until it returns. fn returns > 0 to roll back
 * on purpose (a refused form: that value is returned), < 0 on a failed
 * call. Returns 0 once committed.
 */
#define DB_TX_TRIES	5
int		 db_tx(struct ctx *, int (*fn)(struct ctx *, void *), void *);

/*
 * Inside db_tx's fn: what fn read was changed meanwhile by a transaction
 * that committed elsewhere (a compare-and-set UPDATE matched no row: on a
 * Galera cluster, two nodes writing at once let a locking read miss a
 * commit of the other node's - PAYMENTS.md section 4). Returns -1 for fn
 * to return; db_tx then rolls back and runs fn again, as after 1213.
 */
int		 db_tx_conflict(struct ctx *, const char *what);

/* 1 when the database answers a trivial query (for /healthz). */
int		 db_ping(struct ctx *);

/* The last error number seen on this request's connection. */
unsigned	 db_errno(struct ctx *);

/* Escapes % _ and \ so that user text matches itself inside LIKE. */
char		*db_like_contains(struct ctx *, const char *);

#endif
