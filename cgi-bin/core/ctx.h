/*
 * ctx.h - the execution context everything below the pages takes.
 *
 * A request, a worker job and a command-line tool each have one context:
 * the arena its memory comes from, its database connection, the actor on
 * whose behalf it acts (who, with what role, over which estates), the
 * database's clock for the transaction in flight, and a name for its log
 * lines. The core (db, money, payment, receipt, billing, ledger, audit,
 * arrears, kpi ...) takes a struct ctx and never sees HTTP: only
 * cgi-bin/web/ knows requests (README, "Layers").
 */
#ifndef PROPFEE_CTX_H
#define PROPFEE_CTX_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "role.h"

struct db;

/*
 * On whose behalf a context acts. A signed-in request acts for its user
 * (filled from the session, web/auth.c); a worker job or a tool acts as
 * the system (id 0, role ROLE_NONE) unless it says otherwise.
 */
struct actor {
	int64_t		 id;		/* owners.id or staff.id; 0: system */
	enum role	 role;
	const char	*name;		/* display name, or "" */
	/* Staff only: the estates the actor may see. */
	int64_t		*estates;
	size_t		 nestates;
	int		 all_estates;	/* admins and company managers */
	const char	*addr;		/* client address, "" for jobs */
};

struct ctx {
	struct arena	*a;		/* &arena: freed by ctx_reset() */
	struct arena	 arena;
	struct db	*db;		/* this thread's connection */
	const char	*name;		/* log prefix: "owner", "worker" ... */
	/* Statement limits: 0 for a page's (10 s), 1 for long work (600 s),
	 * db.h. */
	int		 long_statements;
	struct actor	 actor;
	/*
	 * The database's clock (China time, "YYYY-MM-DD HH:MM:SS.ffffff")
	 * read once when the transaction in flight began (db_tx): every
	 * row the transaction dates (a payment's paid_at, its receipt's
	 * issued_at, its audit row) carries this one time. "" outside a
	 * transaction.
	 */
	char		 now[32];
	/* Set by a failed database call; the page answers 503 or 500. */
	int		 db_failed;
	int		 db_down;	/* ... because the database is gone */
	int		 db_busy;	/* ... a statement ran too long */
	/* This context's own random sequence (ctx_random): seeded from
	 * the system's randomness on first use, shared with no thread. */
	uint64_t	 rng;
};

/*
 * A thread's context: its own arena and database connection (opened on
 * first use, again after the database went away), named for its log
 * lines, with long statement limits for background work. Call from the
 * thread that will use it; ctx_close() from the same thread frees all.
 */
void	ctx_open(struct ctx *, const char *name, int long_statements);
void	ctx_close(struct ctx *);
/*
 * Ends one request or job and readies c for the next: frees its results
 * and memory (returning a big arena's pages to the system), rolls back a
 * transaction left open, forgets the actor and the failure marks. The
 * connection stays.
 */
void	ctx_reset(struct ctx *);

/* The actor's kind as audit_log.actor_kind stores it: "owner", "staff"
 * or "system". */
const char *ctx_actor_kind(const struct ctx *);
/* The actor's id for a row, DB_NULL for the system. */
int64_t	 ctx_actor_id(const struct ctx *);

/*
 * A number in [0, n) (0 when n is 0) for jitter: retry delays that must
 * differ between threads and hosts, not secrets. Each context has its
 * own seeded sequence, so threads share no state.
 */
uint64_t ctx_random(struct ctx *, uint64_t n);

/* n random bytes (libsodium) as 2n hex characters in the arena. */
char	*ctx_random_hex(struct ctx *, size_t n);

#endif
