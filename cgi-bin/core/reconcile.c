/*
 * reconcile.c - daily statements matched against the ledger
 * (reconcile.h).
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "ctx.h"
#include "db.h"
#include "jobs.h"
#include "log.h"
#include "payorder.h"
#include "reconcile.h"

/* schema: pay_statement_lines.result */
const char *const reconcile_results[] = {
	"matched", "credited", "gateway_only", "ledger_only", "differs", NULL
};
enum { R_MATCHED, R_CREDITED, R_GATEWAY_ONLY, R_LEDGER_ONLY, R_DIFFERS };

#define STATEMENT_TRIES	6	/* the job's attempts (the file may be late) */

SQL_DEF(SQL_RECON_ACCOUNT,
    "SELECT channel FROM pay_accounts WHERE id = ? AND estate_id = ?");
SQL_DEF(SQL_RECON_ASK,
    "INSERT INTO pay_statements (estate_id, account_id, channel, bill_date,"
    " status, asked_at, asked_by) VALUES (?, ?, ?, ?, 'waiting', ?, ?)"
    " ON DUPLICATE KEY UPDATE status = 'waiting', error = '',"
    " asked_at = VALUES(asked_at), asked_by = VALUES(asked_by),"
    " id = LAST_INSERT_ID(id)");
SQL_DEF(SQL_RECON_RUN,
    "INSERT INTO pay_statement_runs (statement_id, estate_id, asked_at,"
    " asked_by) VALUES (?, ?, ?, ?)");
SQL_DEF(SQL_RECON_ACCOUNTS, "SELECT id FROM pay_accounts ORDER BY id");
/* The account's estate when its day was not asked for yet. */
SQL_DEF(SQL_RECON_UNASKED,
    "SELECT a.estate_id FROM pay_accounts a WHERE a.id = ? AND NOT EXISTS"
    " (SELECT 1 FROM pay_statements s WHERE s.account_id = a.id"
    " AND s.bill_date = ?)");
SQL_DEF(SQL_RECON_GET,
    "SELECT s.id, s.estate_id, s.account_id, s.channel,"
    " DATE_FORMAT(s.bill_date, '%Y-%m-%d'), s.status"
    " FROM pay_statement_runs r JOIN pay_statements s ON s.id = r.statement_id"
    " WHERE r.id = ?");
SQL_DEF(SQL_RECON_ORDER_PAID,
    "SELECT payment_id FROM pay_orders"
    " WHERE out_trade_no = ? AND estate_id = ? AND channel = ?");
SQL_DEF(SQL_RECON_ORDER,
    "SELECT o.id, o.amount_fen, o.payment_id, EXISTS (SELECT 1 FROM"
    " pay_notices n WHERE n.out_trade_no = o.out_trade_no AND"
    " n.notify_id = 'statement' AND n.verdict = 'paid')"
    " FROM pay_orders o"
    " WHERE o.out_trade_no = ? AND o.estate_id = ? AND o.channel = ?");
SQL_DEF(SQL_RECON_REFUND,
    "SELECT r.order_id, r.payment_id, r.amount_fen, r.status = 'refunded',"
    " r.id FROM pay_refunds r JOIN pay_orders o ON o.id = r.order_id"
    " WHERE r.out_refund_no = ? AND r.estate_id = ? AND o.channel = ?");
SQL_DEF(SQL_RECON_CLEAR,
    "DELETE FROM pay_statement_lines WHERE statement_id = ?");
SQL_DEF(SQL_RECON_LINE,
    "INSERT INTO pay_statement_lines (statement_id, estate_id, kind,"
    " out_trade_no, out_refund_no, gateway_txn, gateway_fen, ledger_fen, at,"
    " result, order_id, payment_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
/* A payment the ledger has that day that no statement of the account
 * lists (a statement of the day before may: a payment at 23:59 credited
 * after midnight). */
SQL_DEF(SQL_RECON_LEDGER_PAYS,
    "INSERT INTO pay_statement_lines (statement_id, estate_id, kind,"
    " out_trade_no, gateway_txn, ledger_fen, at, result, order_id, payment_id)"
    " SELECT ?, o.estate_id, 'pay', o.out_trade_no, o.gateway_txn,"
    " o.amount_fen, DATE_FORMAT(o.paid_at, '%Y-%m-%d %H:%i:%s'),"
    " 'ledger_only', o.id, o.payment_id FROM pay_orders o"
    " WHERE o.estate_id = ? AND o.channel = ? AND o.payment_id IS NOT NULL"
    " AND o.paid_at >= CAST(? AS DATE)"
    " AND o.paid_at < CAST(? AS DATE) + INTERVAL 1 DAY"
    " AND NOT EXISTS (SELECT 1 FROM pay_statement_lines l"
    "  JOIN pay_statements s ON s.id = l.statement_id"
    "  WHERE s.account_id = ? AND l.kind = 'pay'"
    "  AND l.out_trade_no = o.out_trade_no AND l.gateway_fen IS NOT NULL)");
/* An online payment the ledger has that day with no payment order of
 * ours (imported, or recorded by hand): the gateway's statement cannot
 * name it by our number, so it is the ledger's alone until someone
 * looks (a new user's trial: the demo's day of ¥160,000 online read
 * "一致" against an empty statement). */
SQL_DEF(SQL_RECON_LEDGER_UNORDERED,
    "INSERT INTO pay_statement_lines (statement_id, estate_id, kind,"
    " ledger_fen, at, result, payment_id)"
    " SELECT ?, p.estate_id, 'pay', p.amount_fen,"
    " DATE_FORMAT(p.paid_at, '%Y-%m-%d %H:%i:%s'), 'ledger_only', p.id"
    " FROM payments p WHERE p.estate_id = ? AND p.channel = ?"
    " AND p.reverses_id IS NULL AND p.amount_fen > 0"
    " AND p.paid_at >= CAST(? AS DATE)"
    " AND p.paid_at < CAST(? AS DATE) + INTERVAL 1 DAY"
    " AND NOT EXISTS (SELECT 1 FROM pay_orders o WHERE o.payment_id = p.id)");
SQL_DEF(SQL_RECON_LEDGER_REFUNDS,
    "INSERT INTO pay_statement_lines (statement_id, estate_id, kind,"
    " out_trade_no, out_refund_no, gateway_txn, ledger_fen, at, result,"
    " order_id, payment_id)"
    " SELECT ?, r.estate_id, 'refund', o.out_trade_no, r.out_refund_no,"
    " r.gateway_refund, r.amount_fen,"
    " DATE_FORMAT(r.refunded_at, '%Y-%m-%d %H:%i:%s'), 'ledger_only', o.id,"
    " r.payment_id FROM pay_refunds r JOIN pay_orders o ON o.id = r.order_id"
    " WHERE r.estate_id = ? AND o.channel = ? AND r.status = 'refunded'"
    " AND r.refunded_at >= CAST(? AS DATE)"
    " AND r.refunded_at < CAST(? AS DATE) + INTERVAL 1 DAY"
    " AND NOT EXISTS (SELECT 1 FROM pay_statement_lines l"
    "  JOIN pay_statements s ON s.id = l.statement_id"
    "  WHERE s.account_id = ? AND l.kind = 'refund'"
    "  AND l.out_refund_no = r.out_refund_no AND l.gateway_fen IS NOT NULL)");
SQL_DEF(SQL_RECON_DONE,
    "UPDATE pay_statements SET status = 'done', error = '', done_at = ?,"
    " pay_count = ?, pay_fen = ?, refund_count = ?, refund_fen = ?,"
    " matched = ?, credited = ?, gateway_only = ?, ledger_only = ?,"
    " differs = ? WHERE id = ?");
SQL_DEF(SQL_RECON_FAILED,
    "UPDATE pay_statements SET status = ?,"
    " error = COALESCE(LEFT(?, 200), error) WHERE id = ?");

int64_t
reconcile_ask(struct ctx *ctx, int64_t estate_id, int64_t account_id,
    const char *day, int64_t staff_id)
{
	const char	*channel;
	int64_t		 id;
	int		 rc;

	if ((rc = db_one(ctx, &SQL_RECON_ACCOUNT, "ii", "s", account_id,
	    estate_id, &channel)) != 1)
		return rc;
	if (db_exec(ctx, &SQL_RECON_ASK, "iisssI", estate_id, account_id,
	    channel, day, ctx->now, staff_id) < 0)
		return -1;
	id = db_insert_id(ctx);
	if (db_exec(ctx, &SQL_RECON_RUN, "iisI", id, estate_id, ctx->now,
	    staff_id) < 0 ||
	    job_queue(ctx, "payorder.statement", estate_id, db_insert_id(ctx),
	    STATEMENT_TRIES) < 0)
		return -1;
	return id;
}

struct schedule {
	char	 day[11];	/* yesterday, China time */
	int	 asked;
};

static int
schedule_tx(struct ctx *ctx, void *arg)
{
	struct schedule	*sc = arg;
	int64_t		*ids, estate;
	size_t		 n, i;
	int		 rc;

	sc->asked = 0;
	if (db_ints(ctx, &SQL_RECON_ACCOUNTS, &ids, &n, "") < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if ((rc = db_one(ctx, &SQL_RECON_UNASKED, "is", "i", ids[i],
		    sc->day, &estate)) < 0)
			return -1;
		if (rc == 0)
			continue;	/* asked before, by the schedule or a manager */
		if (reconcile_ask(ctx, estate, ids[i], sc->day, DB_NULL) <= 0)
			return -1;
		sc->asked++;
	}
	return 0;
}

int
reconcile_schedule(struct ctx *ctx)
{
	struct schedule	 sc;
	char		 now[20];

	cal_now(now);
	if ((now[11] - '0') * 10 + (now[12] - '0') < RECONCILE_HOUR)
		return 0;
	cal_fmt(sc.day, cal_add_days(cal_today(), -1));
	return db_tx(ctx, schedule_tx, &sc) == 0 ? sc.asked : -1;
}

int
reconcile_get(struct ctx *ctx, int64_t run_id, struct statement *s)
{
	const char	*channel;
	int		 rc;

	memset(s, 0, sizeof(*s));
	if ((rc = db_one(ctx, &SQL_RECON_GET, "i", "iiisss", run_id, &s->id,
	    &s->estate_id, &s->account_id, &channel, &s->bill_date,
	    &s->status)) != 1)
		return rc;
	s->gw = gw_parse(channel);
	return 1;
}

/* What became of each line the gateway sent, and the counts. */
struct matching {
	const struct statement		*s;
	const struct gw_statement	*st;
	int				 count[5];
	int64_t				 pay_fen, refund_fen;
	int				 pays, refunds;
};

/* Writes gateway line l with what the ledger says of it now. */
static int
line_write(struct ctx *ctx, struct matching *m, const struct gw_stmt_line *l)
{
	const struct statement	*s = m->s;
	const char		*code = gw_codes[s->gw];
	int64_t			 order = DB_NULL, payment = DB_NULL, ledger = DB_NULL;
	int64_t			 flag = 0, refund = 0;
	int			 rc, result;

	if (!l->refund)
		rc = db_one(ctx, &SQL_RECON_ORDER, "sis", "iIIi", l->out_trade_no,
		    s->estate_id, code, &order, &ledger, &payment, &flag);
	else
		rc = db_one(ctx, &SQL_RECON_REFUND, "sis", "iIIii",
		    l->out_refund_no, s->estate_id, code, &order, &payment,
		    &ledger, &flag, &refund);
	if (rc < 0)
		return -1;
	if (rc == 0)
		result = R_GATEWAY_ONLY;	/* nothing of ours */
	else if (ledger != l->amount)
		result = R_DIFFERS;
	else if (!l->refund && payment == DB_NULL)
		result = R_GATEWAY_ONLY;	/* could not be credited */
	else if (l->refund && !flag) {
		/* made at the gateway, unconfirmed here (its job still
		 * asking, or given up): the statement confirms it, once */
		if (payorder_refund_done(ctx, refund, 1, l->txn_id, NULL) < 0)
			return -1;
		result = R_CREDITED;
	} else
		result = !l->refund && flag ? R_CREDITED : R_MATCHED;
	m->count[result]++;
	return db_exec(ctx, &SQL_RECON_LINE, "iissssiIssII", s->id, s->estate_id,
	    l->refund ? "refund" : "pay", l->out_trade_no, l->out_refund_no,
	    l->txn_id, l->amount, rc == 1 ? ledger : DB_NULL, l->at,
	    reconcile_results[result], order, payment) < 0 ? -1 : 0;
}

static int
match_tx(struct ctx *ctx, void *arg)
{
	struct matching		*m = arg;
	const struct statement	*s = m->s;
	const char		*code = gw_codes[s->gw];
	int64_t			 n;
	size_t			 i;

	memset(m->count, 0, sizeof(m->count));
	if (db_exec(ctx, &SQL_RECON_CLEAR, "i", s->id) < 0)
		return -1;
	for (i = 0; i < m->st->n; i++)
		if (line_write(ctx, m, &m->st->lines[i]) < 0)
			return -1;
	if ((n = db_exec(ctx, &SQL_RECON_LEDGER_PAYS, "iisssi", s->id,
	    s->estate_id, code, s->bill_date, s->bill_date, s->account_id)) < 0)
		return -1;
	m->count[R_LEDGER_ONLY] += (int)n;
	if ((n = db_exec(ctx, &SQL_RECON_LEDGER_UNORDERED, "iisss", s->id,
	    s->estate_id, code, s->bill_date, s->bill_date)) < 0)
		return -1;
	m->count[R_LEDGER_ONLY] += (int)n;
	if ((n = db_exec(ctx, &SQL_RECON_LEDGER_REFUNDS, "iisssi", s->id,
	    s->estate_id, code, s->bill_date, s->bill_date, s->account_id)) < 0)
		return -1;
	m->count[R_LEDGER_ONLY] += (int)n;
	return db_exec(ctx, &SQL_RECON_DONE, "siiiiiiiiii", ctx->now,
	    (int64_t)m->pays, m->pay_fen, (int64_t)m->refunds, m->refund_fen,
	    (int64_t)m->count[R_MATCHED], (int64_t)m->count[R_CREDITED],
	    (int64_t)m->count[R_GATEWAY_ONLY], (int64_t)m->count[R_LEDGER_ONLY],
	    (int64_t)m->count[R_DIFFERS], s->id) < 0 ? -1 : 0;
}

/*
 * A payment the gateway took that the ledger has not credited: credited
 * now through the one settle path (payorder_settle), logged as the
 * statement's word. A refusal (another estate's order, an amount that
 * differs) is logged in pay_notices and changes nothing. 0 or -1.
 */
static int
credit_missing(struct ctx *ctx, const struct statement *s,
    const struct gw_account *acct, const struct gw_stmt_line *l)
{
	struct gw_notice	 n;
	struct payorder		 o;
	struct payment_out	 pay;
	enum payorder_why	 why;
	int64_t			 payment;
	int			 rc, again;

	if ((rc = db_one(ctx, &SQL_RECON_ORDER_PAID, "sis", "I", l->out_trade_no,
	    s->estate_id, gw_codes[s->gw], &payment)) != 1)
		return rc;		/* none of ours: shown, not credited */
	if (payment != DB_NULL)
		return 0;
	memset(&n, 0, sizeof(n));
	n.out_trade_no = l->out_trade_no;
	n.txn_id = l->txn_id;
	n.notify_id = "statement";
	n.merchant_id = acct->merchant_id;
	n.app_id = acct->app_id;
	n.amount = l->amount;
	n.paid = 1;
	switch (payorder_settle(ctx, s->gw, acct, &n, &o, &pay, &again, &why)) {
	case BOOKS_OK:
		if (!again)
			log_info("statement %s %s: order %s credited from the"
			    " statement: receipt %s", gw_codes[s->gw],
			    s->bill_date, l->out_trade_no, pay.receipt_number);
		return 0;
	case BOOKS_NOT_FOUND:
	case BOOKS_INVALID:
		return payorder_refused(ctx, s->gw, s->estate_id, &n,
		    payorder_why_text(why));
	default:
		return -1;
	}
}

int
reconcile_match(struct ctx *ctx, const struct statement *s,
    const struct gw_account *acct, const struct gw_statement *st, char *err,
    size_t errlen)
{
	struct matching	 m;
	size_t		 i;

	memset(&m, 0, sizeof(m));
	m.s = s;
	m.st = st;
	for (i = 0; i < st->n; i++) {
		if (st->lines[i].refund) {
			m.refunds++;
			m.refund_fen += st->lines[i].amount;
			continue;
		}
		m.pays++;
		m.pay_fen += st->lines[i].amount;
		if (credit_missing(ctx, s, acct, &st->lines[i]) < 0) {
			snprintf(err, errlen, "order %s: cannot be credited",
			    st->lines[i].out_trade_no);
			return -1;
		}
	}
	if (db_tx(ctx, match_tx, &m) != 0) {
		snprintf(err, errlen, "the lines cannot be written");
		return -1;
	}
	if (m.count[R_GATEWAY_ONLY] || m.count[R_LEDGER_ONLY] ||
	    m.count[R_DIFFERS])
		log_warnx("statement %s %s of estate %lld: %d matched, %d"
		    " credited, %d only at the gateway, %d only here, %d differ",
		    gw_codes[s->gw], s->bill_date, (long long)s->estate_id,
		    m.count[R_MATCHED], m.count[R_CREDITED],
		    m.count[R_GATEWAY_ONLY], m.count[R_LEDGER_ONLY],
		    m.count[R_DIFFERS]);
	return 0;
}

int
reconcile_failed(struct ctx *ctx, int64_t id, const char *why, int final)
{
	return db_exec(ctx, &SQL_RECON_FAILED, "ssi", final ? "failed" :
	    "waiting", why, id) < 0 ? -1 : 0;
}
