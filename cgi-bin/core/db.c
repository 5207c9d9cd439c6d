/*
 * db.c - per-thread MariaDB connections and prepared statements.
 */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "ctx.h"
#include "log.h"

#define DB_SLOTS	1024	/* prepared statements per connection */
#define DB_MAXCOLS	64

/*
 * Time limits, in seconds. A statement that outlives its page must not
 * go on running in MariaDB (STACK.md: an abandoned statement keeps
 * running until it ends or is killed; reloads pile them up). So:
 *  - the server stops any statement of a page's connection after
 *    DB_PAGE_STATEMENT_S (max_statement_time, set on the session when it
 *    connects); the page answers 503. The background thread, which runs
 *    billing runs, gets DB_BG_STATEMENT_S for its long statements;
 *  - the client waits DB_*_READ_S for an answer, longer than the limit;
 *    if it gives up first anyway (a statement the limit did not stop),
 *    the statement is killed by its connection id from a fresh
 *    connection (db_kill_abandoned) before the connection is dropped.
 */
#define DB_PAGE_STATEMENT_S	10
#define DB_PAGE_READ_S		30
#define DB_BG_STATEMENT_S	600
#define DB_BG_READ_S		660

#define DB_STR(x)	#x
#define DB_XSTR(x)	DB_STR(x)
/*
 * China Standard Time has no daylight saving: a fixed offset.
 *
 * READ COMMITTED: a money transaction locks the rows it changes (an
 * order, a household's open bills, the receipt counter) and reads what
 * is committed; it takes no gap locks. Under REPEATABLE READ, locking a
 * household's open bills also locked the gap of the allocations index
 * after them, and a month's new bills have no allocations yet: every
 * payment after a billing run locked the same gap and then inserted
 * into it, and concurrent payments of different households deadlocked
 * or waited (make bench, 16 notifications at once: 1 in 60 gave up
 * after five retries, statements stopped at their 10 s limit).
 */
#define DB_SESSION \
    "SET time_zone = '+08:00', tx_isolation = 'READ-COMMITTED', " \
    "sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE," \
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', " \
    "max_statement_time = "

SQL_DEF(SQL_KILL_QUERY, "KILL QUERY ?");

struct db_slot {
	const struct sql	*q;
	MYSQL_STMT		*st;
};

struct db {
	MYSQL		*conn;
	struct db_slot	 slots[DB_SLOTS];
	unsigned	 err;		/* last error number */
	int		 in_tx;
	int		 calls;		/* statements run in this request */
	int		 dup_ok;	/* a duplicate key is expected */
	int64_t		 insert_id;
	unsigned long	 thread_id;	/* the server's id of conn */
	int		 node;		/* conn's node in dbconf */
	long long	 since;		/* when conn was opened (monotonic s) */
	struct db_res	*open;		/* results not yet freed */
};

struct db_res {
	struct ctx	*ctx;
	MYSQL_STMT	*st;
	unsigned	 ncols;
	int		 done;
	struct db_res	*next;
};

/*
 * The database nodes (issue 14): one (db_socket, or db_host + db_port),
 * or a Galera cluster's nodes in db_nodes, in the order of preference.
 * Every connection goes to the first node that answers and is ready
 * (wsrep_ready: synced with the cluster's primary component), so that
 * money is written through one node, as PAYMENTS.md section 4 asks of
 * Galera; when that node is lost the next one takes over, and after
 * DB_NODE_BACK_S a connection to a later node is closed at the end of
 * its request, so that all come back to the first once it is ready.
 */
#define DB_NODES_MAX	8
#define DB_NODE_DOWN_S	5	/* a node that failed is skipped this long */
#define DB_NODE_BACK_S	10	/* a connection away from the first node */

/* Set once by db_init before any thread starts; read-only after. */
static struct {
	const char	*socket;	/* a unix socket, or NULL: */
	char		*host[DB_NODES_MAX];	/* TCP to host:port */
	unsigned int	 port[DB_NODES_MAX];
	int		 nnodes;
	const char	*user;
	const char	*password;
	const char	*name;
} dbconf;

/* Per node: until when (monotonic seconds) it is skipped. */
static _Atomic long long db_node_down[DB_NODES_MAX];
/* When a connection of this process last reached the first node. */
static _Atomic long long db_first_at;

static long long
db_mono_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

/* db_nodes: HOST:PORT[,HOST:PORT...]; fatal when malformed. */
static void
db_nodes_parse(const char *list)
{
	char		*copy = xstrdup(list), *tok, *save = NULL, *colon, *end;
	unsigned long	 port;

	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (dbconf.nnodes == DB_NODES_MAX)
			log_fatal("%s: db_nodes: at most %d nodes", __func__,
			    DB_NODES_MAX);
		if ((colon = strrchr(tok, ':')) == NULL || colon == tok)
			log_fatal("%s: db_nodes: HOST:PORT, not %s", __func__,
			    tok);
		*colon = '\0';
		port = strtoul(colon + 1, &end, 10);
		if (*end != '\0' || port == 0 || port > 65535)
			log_fatal("%s: db_nodes: a port of 1-65535, not %s",
			    __func__, colon + 1);
		dbconf.host[dbconf.nnodes] = xstrdup(tok);
		dbconf.port[dbconf.nnodes++] = (unsigned int)port;
	}
	free(copy);
	if (dbconf.nnodes == 0)
		log_fatal("%s: db_nodes is empty", __func__);
}

void
db_init(void)
{
	const char	*host, *nodes;

	if (mysql_library_init(0, NULL, NULL))
		log_fatal("%s: mysql_library_init failed", __func__);
	/* The database is local (db_socket), on a database host
	 * (db_host + db_port), as an app host of several has it (issue 9),
	 * or a cluster's nodes (db_nodes, issue 14). */
	host = conf_get("db_host", NULL);
	nodes = conf_get("db_nodes", NULL);
	if ((host != NULL && *host != '\0') + (nodes != NULL) +
	    (conf_get("db_socket", NULL) != NULL) > 1)
		log_fatal("%s: use one of db_socket, db_host and db_nodes",
		    __func__);
	if (nodes != NULL)
		db_nodes_parse(nodes);
	else if (host != NULL && *host != '\0') {
		dbconf.host[0] = xstrdup(host);
		dbconf.port[0] =
		    (unsigned int)conf_int("db_port", 3306, 1, 65535);
		dbconf.nnodes = 1;
	} else
		dbconf.socket = conf_need("db_socket");
	dbconf.user = conf_need("db_user");
	dbconf.password = conf_get("db_password", "");
	dbconf.name = conf_need("db_name");
}

void
db_thread_init(void)
{
	mysql_thread_init();
}

void
db_thread_end(void)
{
	mysql_thread_end();
}

struct db *
db_new(void)
{
	return xcalloc(1, sizeof(struct db));
}

static void
db_disconnect(struct db *db)
{
	struct db_res	*res;
	size_t		 i;

	/* Results of a lost connection are finished, not freed twice. */
	for (res = db->open; res != NULL; res = res->next)
		res->done = 1;
	for (i = 0; i < DB_SLOTS; i++) {
		if (db->slots[i].st != NULL)
			mysql_stmt_close(db->slots[i].st);
		db->slots[i].st = NULL;
		db->slots[i].q = NULL;
	}
	if (db->conn != NULL)
		mysql_close(db->conn);
	db->conn = NULL;
	db->thread_id = 0;
	db->in_tx = 0;
	db->open = NULL;
}

void
db_free(struct db *db)
{
	if (db == NULL)
		return;
	db_disconnect(db);
	free(db);
}

static int
is_conn_error(unsigned e)
{
	switch (e) {
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_COMMANDS_OUT_OF_SYNC:
	case ER_SERVER_SHUTDOWN:
	case ER_CONNECTION_KILLED:
	case ER_QUERY_INTERRUPTED:
	case 4031:	/* disconnected by the server for inactivity */
		return 1;
	default:
		return 0;
	}
}

static int
is_retry_error(unsigned e)
{
	/*
	 * ER_AUTOINC_READ_FAILED (1467) is how InnoDB reports a deadlock
	 * or lock wait on a table's AUTO-INC lock: two INSERT ... SELECT
	 * into bills at once (a company-wide run's two threads) met it.
	 */
	return e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT ||
	    e == ER_AUTOINC_READ_FAILED ||
	    e == ER_UNKNOWN_COM_ERROR /* WSREP not ready (1047) */;
}

/*
 * A connection to node `node` (0 for a socket) as this program's
 * sessions have it. On failure the caller reads mysql_errno(c), then
 * closes c.
 */
static MYSQL *
db_open_node(int node, unsigned int read_s, const char *init)
{
	MYSQL		*c;
	unsigned int	 timeout = 2, rw = read_s;
	unsigned int	 tcp = MYSQL_PROTOCOL_TCP;
	my_bool		 no = 0;

	if ((c = mysql_init(NULL)) == NULL)
		log_fatal("%s: mysql_init: out of memory", __func__);
	mysql_optionsv(c, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_optionsv(c, MYSQL_OPT_READ_TIMEOUT, &rw);
	mysql_optionsv(c, MYSQL_OPT_WRITE_TIMEOUT, &rw);
	mysql_optionsv(c, MYSQL_OPT_RECONNECT, &no);
	mysql_optionsv(c, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_optionsv(c, MYSQL_INIT_COMMAND, init);
	/*
	 * On a cluster a read sees every transaction committed anywhere
	 * before it (wsrep_sync_wait: PAYMENTS.md section 4): a page read
	 * after a payment on another connection, even one a failover moved
	 * to another node, shows the payment.
	 */
	if (dbconf.nnodes > 1)
		mysql_optionsv(c, MYSQL_INIT_COMMAND,
		    "SET SESSION wsrep_sync_wait = 1");
	/* A host named "localhost" would quietly mean the socket. */
	if (dbconf.nnodes > 0)
		mysql_optionsv(c, MYSQL_OPT_PROTOCOL, &tcp);
	(void)mysql_real_connect(c, dbconf.nnodes ? dbconf.host[node] : NULL,
	    dbconf.user, dbconf.password, dbconf.name,
	    dbconf.nnodes ? dbconf.port[node] : 0, dbconf.socket, 0);
	return c;
}

/*
 * Is connection c's node ready for work: not a Galera node, or one in
 * the cluster's primary component and synced (wsrep_ready)? 1 or 0.
 */
static int
db_node_ready(MYSQL *c)
{
	SQL_DEF(SQL_NODE_READY, "SELECT @@wsrep_on + 0, "
	    "IFNULL((SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
	    "WHERE VARIABLE_NAME = 'WSREP_READY'), 'OFF')");
	MYSQL_STMT	*st;
	MYSQL_BIND	 b[2];
	long long	 on = 0;
	char		 ready[8] = "";
	unsigned long	 len = 0;
	int		 ok = 0;

	if ((st = mysql_stmt_init(c)) == NULL)
		return 0;
	memset(b, 0, sizeof(b));
	b[0].buffer_type = MYSQL_TYPE_LONGLONG;
	b[0].buffer = &on;
	b[1].buffer_type = MYSQL_TYPE_STRING;
	b[1].buffer = ready;
	b[1].buffer_length = sizeof(ready) - 1;
	b[1].length = &len;
	if (mysql_stmt_prepare(st, SQL_NODE_READY.text,
	    strlen(SQL_NODE_READY.text)) == 0 &&
	    mysql_stmt_execute(st) == 0 && mysql_stmt_bind_result(st, b) == 0 &&
	    mysql_stmt_fetch(st) == 0) {
		ready[len < sizeof(ready) ? len : sizeof(ready) - 1] = '\0';
		ok = on == 0 || strcmp(ready, "ON") == 0;
	}
	mysql_stmt_close(st);
	return ok;
}

/* Takes c's error into *err and msg, closes c; NULL. */
static MYSQL *
db_open_failed(MYSQL *c, unsigned *err, char *msg, size_t msgsz)
{
	*err = mysql_errno(c);
	snprintf(msg, msgsz, "%s", mysql_error(c));
	mysql_close(c);
	return NULL;
}

/*
 * A connection for this program's sessions: to the socket or the one
 * host, or to the first node of db_nodes that answers and is ready,
 * skipping nodes that failed in the last DB_NODE_DOWN_S (all are tried
 * when every one did). Sets *node. NULL on failure, with the error in
 * *err and msg (ER_UNKNOWN_COM_ERROR, 1047, when nodes answered but none
 * was ready: a retry error, as a node not yet synced says it).
 */
static MYSQL *
db_open(unsigned int read_s, const char *init, int *node, unsigned *err,
    char *msg, size_t msgsz)
{
	MYSQL		*c;
	long long	 now;
	int		 pass, i, tried = 0;

	*node = 0;
	*err = ER_UNKNOWN_COM_ERROR;
	snprintf(msg, msgsz, "no database node is ready (wsrep_ready OFF)");
	if (dbconf.nnodes <= 1) {
		c = db_open_node(0, read_s, init);
		return mysql_errno(c) == 0 ? c :
		    db_open_failed(c, err, msg, msgsz);
	}
	now = db_mono_s();
	for (pass = 0; pass < 2 && !(pass == 1 && tried); pass++)
		for (i = 0; i < dbconf.nnodes; i++) {
			if (pass == 0 && atomic_load(&db_node_down[i]) > now)
				continue;
			tried = 1;
			c = db_open_node(i, read_s, init);
			if (mysql_errno(c) == 0 && db_node_ready(c)) {
				atomic_store(&db_node_down[i], 0);
				if (i == 0)
					atomic_store(&db_first_at, now);
				*node = i;
				return c;
			}
			if (atomic_load(&db_node_down[i]) <= now)
				log_warnx("%s: node %s:%u: %s", __func__,
				    dbconf.host[i], dbconf.port[i],
				    mysql_errno(c) ? mysql_error(c) :
				    "not ready (wsrep_ready OFF)");
			atomic_store(&db_node_down[i], now + DB_NODE_DOWN_S);
			if (mysql_errno(c) != 0)
				(void)db_open_failed(c, err, msg, msgsz);
			else
				mysql_close(c);
		}
	return NULL;
}

/*
 * The client stopped waiting for connection `id`'s statement (a read
 * timeout): kill that statement from a fresh connection, so that it does
 * not run on in MariaDB after its page has answered. A user may kill
 * its own connections' statements; if the server is gone, so is the
 * statement. Logs what it did.
 */
static void
db_kill_abandoned(const char *who, int node, unsigned long id)
{
	MYSQL		*c;
	MYSQL_STMT	*st = NULL;
	MYSQL_BIND	 b;
	int64_t		 v = (int64_t)id;
	const char	*err = NULL;

	/* The statement runs on the node of its connection. */
	c = db_open_node(node, 5, DB_SESSION DB_XSTR(DB_PAGE_STATEMENT_S));
	if (mysql_errno(c) != 0)
		err = mysql_error(c);
	else if ((st = mysql_stmt_init(c)) == NULL ||
	    mysql_stmt_prepare(st, SQL_KILL_QUERY.text,
	    strlen(SQL_KILL_QUERY.text)) != 0)
		err = st ? mysql_stmt_error(st) : mysql_error(c);
	else {
		memset(&b, 0, sizeof(b));
		b.buffer_type = MYSQL_TYPE_LONGLONG;
		b.buffer = &v;
		if (mysql_stmt_bind_param(st, &b) != 0 ||
		    mysql_stmt_execute(st) != 0)
			err = mysql_stmt_error(st);
	}
	if (err != NULL)
		log_warnx("%s: %s: could not kill the statement of connection"
		    " %lu: %s", __func__, who, id, err);
	else
		log_warnx("%s: %s: killed the abandoned statement of"
		    " connection %lu", __func__, who, id);
	if (st != NULL)
		mysql_stmt_close(st);
	mysql_close(c);
}

/* Marks the request failed; drops the connection when it is gone. */
static void
db_fail(struct ctx *ctx, const char *what, const struct sql *q, unsigned e,
    const char *msg)
{
	struct db	*db = ctx->db;

	db->err = e;
	if (e == ER_DUP_ENTRY && db->dup_ok)
		return;		/* the caller asked: not a failure */
	ctx->db_failed = 1;
	if (e == ER_UNKNOWN_COM_ERROR && dbconf.nnodes > 1 && db->conn != NULL) {
		/* The node left the cluster's primary component (1047) with
		 * the connection still open: drop it and skip the node, so
		 * that the next request connects to one that is ready. */
		log_warnx("%s: %s %s: node %s:%u not ready: leaving it", what,
		    ctx->name, q ? q->name : "-", dbconf.host[db->node],
		    dbconf.port[db->node]);
		atomic_store(&db_node_down[db->node],
		    db_mono_s() + DB_NODE_DOWN_S);
		db_disconnect(db);
		ctx->db_down = ctx->db_busy = 1;
		return;
	}
	if (is_retry_error(e) && db->in_tx)
		return;		/* db_tx retries: no need to shout */
	log_warnx("%s: %s %s: %u %s", what, ctx->name,
	    q ? q->name : "-", e, msg ? msg : "");
	if (is_retry_error(e)) {
		/* A lock wait, a deadlock or a cluster node not ready, outside
		 * a transaction that runs again: busy, not broken (503). A
		 * trial saw 500 for a read that waited on a lock while a
		 * killed node left the cluster. */
		ctx->db_down = ctx->db_busy = 1;
		return;
	}
	if (e == ER_STATEMENT_TIMEOUT) {
		/* Stopped at its time limit: busy, not broken (503). The
		 * connection stays; the statement is not run again. */
		ctx->db_down = ctx->db_busy = 1;
		return;
	}
	if (is_conn_error(e) || e == 0) {
		ctx->db_down = 1;
		/* Lost while waiting for an answer: maybe our read timeout,
		 * with the statement still running. */
		if (e == CR_SERVER_LOST && db->conn != NULL && db->thread_id)
			db_kill_abandoned(ctx->name, db->node,
			    db->thread_id);
		db_disconnect(db);
	}
}

/*
 * Connects this thread, with its time limits: a context for long work
 * (ctx->long_statements: a worker job) gets the long ones, pages the
 * short.
 */
static int
db_connect(struct ctx *ctx)
{
	struct db	*db = ctx->db;
	int		 bg = ctx->long_statements;
	unsigned	 e = 0;
	char		 msg[256];

	if (db->conn != NULL)
		return 0;
	db->conn = bg ?
	    db_open(DB_BG_READ_S, DB_SESSION DB_XSTR(DB_BG_STATEMENT_S),
	    &db->node, &e, msg, sizeof(msg)) :
	    db_open(DB_PAGE_READ_S, DB_SESSION DB_XSTR(DB_PAGE_STATEMENT_S),
	    &db->node, &e, msg, sizeof(msg));
	if (db->conn == NULL) {
		ctx->db_failed = ctx->db_down = 1;
		db->err = e;
		log_warnx("%s: %s: %u %s", __func__, ctx->name, e, msg);
		return -1;
	}
	db->thread_id = mysql_thread_id(db->conn);
	db->since = db_mono_s();
	return 0;
}

/* The statement for q on this connection, prepared on first use. */
static MYSQL_STMT *
db_stmt(struct ctx *ctx, const struct sql *q)
{
	struct db	*db = ctx->db;
	size_t		 h, i;
	MYSQL_STMT	*st;

	if (db_connect(ctx) < 0)
		return NULL;
	h = ((uintptr_t)q >> 4) * 2654435761u;
	for (i = 0; i < DB_SLOTS; i++) {
		struct db_slot *s = &db->slots[(h + i) % DB_SLOTS];

		if (s->q == q)
			return s->st;
		if (s->q != NULL)
			continue;
		if ((st = mysql_stmt_init(db->conn)) == NULL) {
			db_fail(ctx, __func__, q, mysql_errno(db->conn),
			    mysql_error(db->conn));
			return NULL;
		}
		if (mysql_stmt_prepare(st, q->text, strlen(q->text))) {
			db_fail(ctx, __func__, q, mysql_stmt_errno(st),
			    mysql_stmt_error(st));
			mysql_stmt_close(st);
			return NULL;
		}
		s->q = q;
		s->st = st;
		return st;
	}
	log_fatal("%s: more than %d statements", __func__, DB_SLOTS);
}

/* Binds and executes; the arguments follow fmt in ap, or (ap NULL) are
 * the array arr, one element per letter of fmt. */
static MYSQL_STMT *
db_run_any(struct ctx *ctx, const struct sql *q, const char *fmt, va_list *ap,
    const struct db_arg *arr)
{
	struct db	*db = ctx->db;
	MYSQL_STMT	*st;
	MYSQL_BIND	*b = NULL;
	int64_t		*ints;
	unsigned long	*lens;
	my_bool		*nulls;
	size_t		 n = strlen(fmt), i;
	const char	*s;
	int		 first = db->calls++ == 0, try;

	if (ctx->db_failed && db->conn == NULL)
		return NULL;
	if (n > 0) {
		b = arena_zalloc(ctx->a, n * sizeof(*b));
		ints = arena_zalloc(ctx->a, n * sizeof(*ints));
		lens = arena_zalloc(ctx->a, n * sizeof(*lens));
		nulls = arena_zalloc(ctx->a, n * sizeof(*nulls));
		for (i = 0; i < n; i++) {
			b[i].is_null = &nulls[i];
			switch (fmt[i]) {
			case 'i':
			case 'I':
				ints[i] = ap ? va_arg(*ap, int64_t) : arr[i].i;
				b[i].buffer_type = MYSQL_TYPE_LONGLONG;
				b[i].buffer = &ints[i];
				nulls[i] = fmt[i] == 'I' && ints[i] == DB_NULL;
				break;
			case 's':
				s = ap ? va_arg(*ap, const char *) : arr[i].s;
				b[i].buffer_type = MYSQL_TYPE_STRING;
				b[i].buffer = (void *)(s ? s : "");
				lens[i] = s ? strlen(s) : 0;
				b[i].buffer_length = lens[i];
				b[i].length = &lens[i];
				nulls[i] = s == NULL;
				break;
			default:
				log_fatal("%s: %s: bad format %c", __func__,
				    q->name, fmt[i]);
			}
		}
	}
	/*
	 * A connection that went stale between requests (the server
	 * restarted) fails the request's first call: connect again and run
	 * that call once more. Later calls, and calls in a transaction, fail.
	 */
	for (try = 0; try < 2; try++) {
		if (try > 0) {
			/* Only a lost connection is tried again (not a
			 * statement stopped at its time limit). */
			if (!first || db->in_tx || !ctx->db_down ||
			    db->conn != NULL)
				return NULL;
			log_info("%s: %s: reconnecting", __func__, ctx->name);
			ctx->db_failed = ctx->db_down = 0;
		}
		if ((st = db_stmt(ctx, q)) == NULL)
			continue;
		if (mysql_stmt_param_count(st) != n)
			log_fatal("%s: %s takes %lu parameters, given %zu",
			    __func__, q->name, mysql_stmt_param_count(st), n);
		if (n > 0 && mysql_stmt_bind_param(st, b)) {
			db_fail(ctx, __func__, q, mysql_stmt_errno(st),
			    mysql_stmt_error(st));
			continue;
		}
		if (mysql_stmt_execute(st)) {
			db_fail(ctx, __func__, q, mysql_stmt_errno(st),
			    mysql_stmt_error(st));
			continue;
		}
		return st;
	}
	return NULL;
}

static MYSQL_STMT *
db_run(struct ctx *ctx, const struct sql *q, const char *fmt, va_list *ap)
{
	return db_run_any(ctx, q, fmt, ap, NULL);
}

int64_t
db_exec_array(struct ctx *ctx, const struct sql *q, const char *fmt,
    const struct db_arg *args)
{
	MYSQL_STMT	*st;

	if ((st = db_run_any(ctx, q, fmt, NULL, args)) == NULL)
		return -1;
	ctx->db->insert_id = (int64_t)mysql_stmt_insert_id(st);
	return (int64_t)mysql_stmt_affected_rows(st);
}

int64_t
db_exec_v(struct ctx *ctx, const struct sql *q, const char *fmt, va_list ap)
{
	MYSQL_STMT	*st;
	va_list		 cp;

	va_copy(cp, ap);
	st = db_run(ctx, q, fmt, &cp);
	va_end(cp);
	if (st == NULL)
		return -1;
	ctx->db->insert_id = (int64_t)mysql_stmt_insert_id(st);
	return (int64_t)mysql_stmt_affected_rows(st);
}

int64_t
db_exec(struct ctx *ctx, const struct sql *q, const char *fmt, ...)
{
	va_list		 ap;
	int64_t		 n;

	va_start(ap, fmt);
	n = db_exec_v(ctx, q, fmt, ap);
	va_end(ap);
	return n;
}

int64_t
db_exec_unique(struct ctx *ctx, const struct sql *q, const char *fmt, ...)
{
	struct db	*db = ctx->db;
	MYSQL_STMT	*st;
	va_list		 ap;

	db->err = 0;
	db->dup_ok = 1;
	va_start(ap, fmt);
	st = db_run(ctx, q, fmt, &ap);
	va_end(ap);
	db->dup_ok = 0;
	if (st == NULL)
		return db->err == ER_DUP_ENTRY && !ctx->db_failed ? DB_DUPLICATE : -1;
	db->insert_id = (int64_t)mysql_stmt_insert_id(st);
	return (int64_t)mysql_stmt_affected_rows(st);
}

int64_t
db_insert_id(struct ctx *ctx)
{
	return ctx->db->insert_id;
}

static struct db_res *
db_query_v(struct ctx *ctx, const struct sql *q, const char *fmt, va_list *ap)
{
	struct db	*db = ctx->db;
	struct db_res	*res;
	MYSQL_STMT	*st;

	if ((st = db_run(ctx, q, fmt, ap)) == NULL)
		return NULL;
	if (mysql_stmt_store_result(st)) {
		db_fail(ctx, __func__, q, mysql_stmt_errno(st),
		    mysql_stmt_error(st));
		return NULL;
	}
	res = arena_zalloc(ctx->a, sizeof(*res));
	res->ctx = ctx;
	res->st = st;
	res->ncols = mysql_stmt_field_count(st);
	res->next = db->open;
	db->open = res;
	return res;
}

struct db_res *
db_query(struct ctx *ctx, const struct sql *q, const char *fmt, ...)
{
	struct db_res	*res;
	va_list		 ap;

	va_start(ap, fmt);
	res = db_query_v(ctx, q, fmt, &ap);
	va_end(ap);
	return res;
}

uint64_t
db_nrows(struct db_res *res)
{
	return res ? (uint64_t)mysql_stmt_num_rows(res->st) : 0;
}

static int
db_row_v(struct db_res *res, const char *fmt, va_list *ap)
{
	struct ctx	*ctx = res->ctx;
	MYSQL_BIND	 b[DB_MAXCOLS];
	int64_t		 ints[DB_MAXCOLS];
	unsigned long	 lens[DB_MAXCOLS];
	my_bool		 nulls[DB_MAXCOLS], errs[DB_MAXCOLS];
	size_t		 n = strlen(fmt), i;
	int		 rc;

	if (res->done)
		return 0;
	if (n != res->ncols || n > DB_MAXCOLS)
		log_fatal("%s: %zu outputs for %u columns", __func__, n,
		    res->ncols);
	memset(b, 0, sizeof(b[0]) * n);
	for (i = 0; i < n; i++) {
		b[i].is_null = &nulls[i];
		b[i].length = &lens[i];
		b[i].error = &errs[i];
		if (fmt[i] == 'i' || fmt[i] == 'I') {
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = &ints[i];
		} else {
			/* Zero-length buffer: sized below per row. */
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = NULL;
			b[i].buffer_length = 0;
		}
	}
	if (mysql_stmt_bind_result(res->st, b)) {
		db_fail(ctx, __func__, NULL, mysql_stmt_errno(res->st),
		    mysql_stmt_error(res->st));
		return -1;
	}
	rc = mysql_stmt_fetch(res->st);
	if (rc == MYSQL_NO_DATA) {
		db_done(res);
		return 0;
	}
	if (rc == 1) {
		db_fail(ctx, __func__, NULL, mysql_stmt_errno(res->st),
		    mysql_stmt_error(res->st));
		return -1;
	}
	for (i = 0; i < n; i++) {
		switch (fmt[i]) {
		case 'i':
			*va_arg(*ap, int64_t *) = nulls[i] ? 0 : ints[i];
			break;
		case 'I':
			*va_arg(*ap, int64_t *) = nulls[i] ? DB_NULL : ints[i];
			break;
		case 's':
		case 'S': {
			const char **out = va_arg(*ap, const char **);
			char *s;

			if (nulls[i]) {
				*out = fmt[i] == 's' ? "" : NULL;
				break;
			}
			s = arena_alloc(ctx->a, lens[i] + 1);
			if (lens[i] > 0) {
				b[i].buffer = s;
				b[i].buffer_length = lens[i] + 1;
				if (mysql_stmt_fetch_column(res->st, &b[i],
				    (unsigned)i, 0)) {
					db_fail(ctx, __func__, NULL,
					    mysql_stmt_errno(res->st),
					    mysql_stmt_error(res->st));
					return -1;
				}
			}
			s[lens[i]] = '\0';
			*out = s;
			break;
		}
		default:
			log_fatal("%s: bad format %c", __func__, fmt[i]);
		}
	}
	return 1;
}

int
db_row(struct db_res *res, const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	if (res == NULL)
		return -1;
	va_start(ap, fmt);
	rc = db_row_v(res, fmt, &ap);
	va_end(ap);
	return rc;
}

void
db_done(struct db_res *res)
{
	if (res == NULL || res->done)
		return;
	res->done = 1;
	mysql_stmt_free_result(res->st);
}

int
db_ints(struct ctx *ctx, const struct sql *q, int64_t **out, size_t *n,
    const char *fmt, ...)
{
	struct db_res	*res;
	va_list		 ap;
	int64_t		 v, *vals = NULL;
	size_t		 cap = 0;
	int		 rc;

	*n = 0;
	va_start(ap, fmt);
	res = db_query_v(ctx, q, fmt, &ap);
	va_end(ap);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "i", &v)) == 1) {
		vals = arena_grow(ctx->a, vals, *n, &cap, sizeof(*vals), 64);
		vals[(*n)++] = v;
	}
	*out = vals;
	return rc < 0 ? -1 : 0;
}

int
db_one(struct ctx *ctx, const struct sql *q, const char *pfmt, const char *rfmt,
    ...)
{
	struct db_res	*res;
	va_list		 ap;
	int		 rc;

	va_start(ap, rfmt);
	res = db_query_v(ctx, q, pfmt, &ap);
	if (res == NULL) {
		va_end(ap);
		return -1;
	}
	rc = db_row_v(res, rfmt, &ap);
	va_end(ap);
	db_done(res);
	return rc;
}

static int
db_simple(struct ctx *ctx, const char *what)
{
	struct db	*db = ctx->db;
	int		 first = db->calls++ == 0, try;

	for (try = 0; try < 2; try++) {
		/* A stale connection may fail the first call: see db_run(). */
		if (try > 0) {
			if (!first || !ctx->db_down || db->conn != NULL)
				return -1;
			ctx->db_failed = ctx->db_down = 0;
		}
		if (db_connect(ctx) < 0)
			return -1;
		/* what is one of two fixed statements, never input. */
		if (mysql_real_query(db->conn, what, strlen(what)) == 0)
			return 0;
		db_fail(ctx, __func__, NULL, mysql_errno(db->conn),
		    mysql_error(db->conn));
	}
	return -1;
}

/*
 * Reads the database's clock once for the transaction just begun: every
 * row it dates uses ctx->now, so a payment, its receipt and its audit row
 * agree, whichever app host's clock is off (issue 9).
 */
static int
tx_clock(struct ctx *ctx)
{
	SQL_DEF(SQL_TX_NOW, "SELECT CAST(NOW(6) AS CHAR)");
	const char	*now = NULL;

	if (db_one(ctx, &SQL_TX_NOW, "", "s", &now) != 1)
		return -1;
	snprintf(ctx->now, sizeof(ctx->now), "%s", now);
	return 0;
}

int
db_tx(struct ctx *ctx, int (*fn)(struct ctx *, void *), void *arg)
{
	struct db	*db = ctx->db;
	int		 try, rc;

	for (try = 1; try <= DB_TX_TRIES; try++) {
		if (db_simple(ctx, "START TRANSACTION") < 0)
			return -1;
		db->in_tx = 1;
		rc = tx_clock(ctx) < 0 ? -1 : fn(ctx, arg);
		if (rc == 0 && db_simple(ctx, "COMMIT") == 0) {
			db->in_tx = 0;
			ctx->now[0] = '\0';
			return 0;
		}
		if (db->conn != NULL)
			mysql_rollback(db->conn);
		db->in_tx = 0;
		ctx->now[0] = '\0';
		if (rc > 0)
			return rc;
		if (!ctx->db_failed) {
			/* fn failed without a database error: still a failure. */
			ctx->db_failed = 1;
			return -1;
		}
		if (!is_retry_error(db->err) || db->conn == NULL)
			return -1;
		/* Deadlock: start again with a clean slate. */
		log_info("%s: %s: retry %d after error %u", __func__,
		    ctx->name, try, db->err);
		ctx->db_failed = 0;
		usleep((useconds_t)(1000 * try * (1 + ctx_random(ctx, 10))));
	}
	/* Still in conflict after every try: busy (503), not broken. */
	ctx->db_failed = ctx->db_down = ctx->db_busy = 1;
	return -1;
}

int
db_tx_conflict(struct ctx *ctx, const char *what)
{
	log_warnx("%s: %s: %s changed by another transaction: run again",
	    __func__, ctx->name, what);
	ctx->db_failed = 1;
	ctx->db->err = ER_LOCK_DEADLOCK;
	return -1;
}

void
db_release(struct ctx *ctx)
{
	struct db	*db = ctx->db;
	struct db_res	*res;

	for (res = db->open; res != NULL; res = res->next)
		db_done(res);
	db->open = NULL;
	db->calls = 0;
	ctx->now[0] = '\0';
	if (db->in_tx && db->conn != NULL) {
		mysql_rollback(db->conn);
		db->in_tx = 0;
	}
	/* Away from the first node (it was lost): the next request
	 * connects again - at once when another connection of this process
	 * has reached the first node since, else after DB_NODE_BACK_S - so
	 * that the time two nodes take writes is short. */
	if (db->conn != NULL && db->node > 0 &&
	    (atomic_load(&db_first_at) >= db->since ||
	    (db_mono_s() - db->since >= DB_NODE_BACK_S &&
	    atomic_load(&db_node_down[0]) <= db_mono_s())))
		db_disconnect(db);
}

int
db_ping(struct ctx *ctx)
{
	SQL_DEF(SQL_PING, "SELECT 1");
	int64_t	 one = 0;

	return db_one(ctx, &SQL_PING, "", "i", &one) == 1 && one == 1;
}

unsigned
db_errno(struct ctx *ctx)
{
	return ctx->db->err;
}

char *
db_like_contains(struct ctx *ctx, const char *s)
{
	struct buf	 b;

	buf_init(&b, ctx->a, strlen(s) * 2 + 3);
	buf_putc(&b, '%');
	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			buf_putc(&b, '\\');
		buf_putc(&b, *s);
	}
	buf_putc(&b, '%');
	return buf_str(&b);
}
