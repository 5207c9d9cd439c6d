/*
 * plan.c - the "messages.plan" job: each estate's reminders and the
 * shops' quarterly bill, queued as messages (core/msg.h) for the day.
 *
 * Reminders (issue 11): a bill still owed on gets one on the day
 * remind_before_days before its due date, one on the due date, then one
 * every remind_every_days after it, remind_max in all (estates, sql/028).
 * A household gets one reminder a day whatever the number of its bills
 * (the bills due a reminder that day, with the most pressing stage),
 * under "reminder/PREMISES/DAY": planned twice, queued once. Whether the
 * bills are still owed is checked again when it is sent (outbox.c).
 * The dates are the bills' effective ones (a hardship deferral moves
 * them: core/deferral.h), and a household under a deferral on the day
 * gets none (outbox.c checks that again at send time).
 *
 * The shops' quarterly bill (DOMAIN.md "Premises and fees": property fee
 * and rent on one bill, pushed 15 days before the quarter ends): from the
 * 15th day before the quarter's last day to that day, each shop whose
 * bills of the quarter exist gets one message listing them, under
 * "shop.quarter/PREMISES/YYYYQn": once per shop and quarter, however
 * often this runs (a shop billed late that fortnight gets it then).
 *
 * The day is China time's today, or the one given (propfee-worker -p).
 *
 * Then the login codes asked for more than LOGIN_CODES_KEEP_DAYS ago
 * are forgotten, with the limits' rows of phones and addresses not asked
 * about since: the limits look back an hour at most, and a phone number
 * or client address is personal data kept no longer than it is needed
 * (PIPL, as issue 12 asks of every page).
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "ctx.h"
#include "db.h"
#include "deferral.h"
#include "log.h"
#include "msg.h"
#include "worker.h"

/* Set by main (-p DAY), else "": today. */
char	 plan_day[11];

#define LOGIN_CODES_KEEP_DAYS	"30"

SQL_DEF(SQL_PLAN_TODAY, "SELECT CURDATE()");
SQL_DEF(SQL_PLAN_FORGET_CODES,
    "DELETE FROM login_codes WHERE created_at < NOW(6) - INTERVAL "
    LOGIN_CODES_KEEP_DAYS " DAY LIMIT 10000");
SQL_DEF(SQL_PLAN_FORGET_LIMITS,
    "DELETE FROM login_code_limits WHERE asked_at < NOW(6) - INTERVAL "
    LOGIN_CODES_KEEP_DAYS " DAY LIMIT 10000");
SQL_DEF(SQL_PLAN_ESTATES, "SELECT id FROM estates ORDER BY id");
/*
 * The households of an estate with bills due a reminder on day d, each
 * bill's stage (3 after, 2 due, 1 before) and the household's primary
 * owner: by each bill's effective due date (a deferral's, deferral.h),
 * and none for a household under a deferral on d. Params: d, d, estate,
 * d, d, d x 5.
 */
SQL_DEF(SQL_PLAN_REMINDERS,
    "SELECT x.premises_id, po.owner_id, MAX(x.stage),"
    " CONCAT('[', GROUP_CONCAT(x.id ORDER BY x.id), ']')"
    " FROM (SELECT y.id, y.premises_id,"
    "  CASE WHEN y.due = ? THEN 2"
    "  WHEN y.due = CAST(? AS DATE) + INTERVAL y.rb DAY THEN 1"
    "  ELSE 3 END AS stage"
    "  FROM (SELECT b.id, b.premises_id, " DEFERRAL_DUE_SQL " AS due,"
    "   e.remind_before_days AS rb, e.remind_every_days AS re,"
    "   e.remind_max AS rm"
    "   FROM bills b JOIN estates e ON e.id = b.estate_id"
    "   WHERE b.estate_id = ? AND b.status IN ('unpaid', 'partial')"
    "   AND NOT " DEFERRAL_ACTIVE_SQL ") y"
    "  WHERE y.due = ?"
    "  OR y.due = CAST(? AS DATE) + INTERVAL y.rb DAY"
    "  OR (y.due < ? AND y.re > 0"
    "   AND MOD(DATEDIFF(?, y.due), y.re) = 0"
    "   AND DATEDIFF(?, y.due) DIV y.re <= y.rm - 2)) x"
    " JOIN premises_owners po ON po.premises_id = x.premises_id"
    "  AND po.is_primary = 1"
    " GROUP BY x.premises_id, po.owner_id ORDER BY x.premises_id");
/*
 * The shops of an estate with bills of the quarter starting qs, and
 * their primary owner. Params: estate, qs.
 */
SQL_DEF(SQL_PLAN_SHOPS,
    "SELECT b.premises_id, po.owner_id,"
    " CONCAT('[', GROUP_CONCAT(b.id ORDER BY b.id), ']')"
    " FROM bills b JOIN premises p ON p.id = b.premises_id"
    " AND p.occupancy = 'shop'"
    " JOIN premises_owners po ON po.premises_id = b.premises_id"
    "  AND po.is_primary = 1"
    " WHERE b.estate_id = ? AND b.period_start = ?"
    " GROUP BY b.premises_id, po.owner_id ORDER BY b.premises_id");

struct row {
	int64_t		 premises, owner, stage;
	const char	*bills;
};

static const char *const stages[] = { "", "before", "due", "after" };

/* Appends x to r (n rows, room for *cap), grown in the arena. */
static struct row *
push(struct ctx *ctx, struct row *r, size_t n, size_t *cap,
    const struct row *x)
{
	struct row	*g;

	if (n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		g = arena_alloc(ctx->a, *cap * sizeof(*g));
		if (n > 0)
			memcpy(g, r, n * sizeof(*g));
		r = g;
	}
	r[n] = *x;
	return r;
}

/* The households of estate due a reminder on day, into *out: n or -1. */
static int
reminder_rows(struct ctx *ctx, int64_t estate, const char *day,
    struct row **out)
{
	struct db_res	*res;
	struct row	*r = NULL, x;
	size_t		 n = 0, cap = 0;
	int		 rc;

	if ((res = db_query(ctx, &SQL_PLAN_REMINDERS, "ssisssssss", day, day,
	    estate, day, day, day, day, day, day, day)) == NULL)
		return -1;
	while ((rc = db_row(res, "iiis", &x.premises, &x.owner, &x.stage,
	    &x.bills)) == 1)
		r = push(ctx, r, n++, &cap, &x);
	db_done(res);
	*out = r;
	return rc < 0 || ctx->db_failed ? -1 : (int)n;
}

/* The shops of estate billed for the quarter starting qs: n or -1. */
static int
shop_rows(struct ctx *ctx, int64_t estate, const char *qs, struct row **out)
{
	struct db_res	*res;
	struct row	*r = NULL, x;
	size_t		 n = 0, cap = 0;
	int		 rc;

	if ((res = db_query(ctx, &SQL_PLAN_SHOPS, "is", estate, qs)) == NULL)
		return -1;
	x.stage = 0;
	while ((rc = db_row(res, "iis", &x.premises, &x.owner, &x.bills)) == 1)
		r = push(ctx, r, n++, &cap, &x);
	db_done(res);
	*out = r;
	return rc < 0 || ctx->db_failed ? -1 : (int)n;
}

struct plan {
	int64_t		 estate;
	const char	*day;
	struct row	*r;
	int		 n;
	int64_t		 queued;
	const char	*quarter;	/* "2026Q4" */
	const char	*quarter_words;	/* 2026年第4季度 */
	const char	*topic;		/* MSG_REMINDER or MSG_SHOP_QUARTER */
	int		 shops;		/* the shops' quarterly bill */
};

/* Queues p's rows as messages of p->topic, one transaction. */
static int
queue_tx(struct ctx *ctx, void *arg)
{
	struct plan	*p = arg;
	struct msg_in	 m;
	int		 i, n;

	p->queued = 0;
	for (i = 0; i < p->n; i++) {
		memset(&m, 0, sizeof(m));
		m.estate_id = p->estate;
		m.owner_id = p->r[i].owner;
		m.topic = p->topic;
		m.premises_id = p->r[i].premises;
		m.run_id = DB_NULL;
		m.flags = MSG_HELD;
		if (p->shops) {
			m.key = arena_printf(ctx->a, "shop.quarter/%lld/%s",
			    (long long)p->r[i].premises, p->quarter);
			m.payload = arena_printf(ctx->a,
			    "{\"bills\":%s,\"quarter\":\"%s\"}", p->r[i].bills,
			    p->quarter_words);
		} else {
			m.key = arena_printf(ctx->a, "reminder/%lld/%s",
			    (long long)p->r[i].premises, p->day);
			m.payload = arena_printf(ctx->a,
			    "{\"bills\":%s,\"stage\":\"%s\",\"day\":\"%s\"}",
			    p->r[i].bills, stages[p->r[i].stage & 3], p->day);
		}
		if ((n = msg_queue(ctx, &m)) < 0)
			return -1;
		p->queued += n;
	}
	return 0;
}

/*
 * The quarter whose push window holds day: its first day in qs, its
 * names; 0 when day is outside every window (the window: the 15th day
 * before the quarter's last day up to that last day).
 */
static int
quarter_of(struct ctx *ctx, struct date day, char qs[11], struct plan *p)
{
	struct date	 first, last, from;
	int		 q = (day.m - 1) / 3;

	first.y = day.y;
	first.m = q * 3 + 1;
	first.d = 1;
	last = cal_add_days(cal_add_months(first, 3), -1);
	from = cal_add_days(last, -15);
	if (cal_cmp(day, from) < 0 || cal_cmp(day, last) > 0)
		return 0;
	cal_fmt(qs, first);
	p->quarter = arena_printf(ctx->a, "%dQ%d", day.y, q + 1);
	p->quarter_words = arena_printf(ctx->a, "%d年第%d季度", day.y, q + 1);
	return 1;
}

int
job_messages_plan(struct ctx *ctx, const struct job *j, const char *owner,
    char *err, size_t errlen)
{
	struct plan	 p;
	struct date	 day;
	const char	*today;
	char		 qs[11];
	int64_t		*estates;
	size_t		 ne, i;
	int		 inq;

	(void)j;
	(void)owner;
	if (plan_day[0] != '\0')
		today = plan_day;
	else if (db_one(ctx, &SQL_PLAN_TODAY, "", "s", &today) != 1) {
		snprintf(err, errlen, "cannot read today");
		return -1;
	}
	if (cal_parse(today, &day) < 0) {
		snprintf(err, errlen, "bad day %s", today);
		return -1;
	}
	if (db_ints(ctx, &SQL_PLAN_ESTATES, &estates, &ne, "") < 0) {
		snprintf(err, errlen, "cannot list the estates");
		return -1;
	}
	memset(&p, 0, sizeof(p));
	inq = quarter_of(ctx, day, qs, &p);
	for (i = 0; i < ne; i++) {
		p.estate = estates[i];
		p.day = today;
		p.topic = MSG_REMINDER;
		p.shops = 0;
		if ((p.n = reminder_rows(ctx, estates[i], today, &p.r)) < 0 ||
		    db_tx(ctx, queue_tx, &p) != 0) {
			snprintf(err, errlen, "estate %lld: reminders not planned",
			    (long long)estates[i]);
			return -1;
		}
		if (p.queued > 0)
			log_info("plan: estate %lld %s: %lld reminders queued",
			    (long long)estates[i], today, (long long)p.queued);
		if (!inq)
			continue;
		p.topic = MSG_SHOP_QUARTER;
		p.shops = 1;
		if ((p.n = shop_rows(ctx, estates[i], qs, &p.r)) < 0 ||
		    db_tx(ctx, queue_tx, &p) != 0) {
			snprintf(err, errlen, "estate %lld: shops' quarter not "
			    "planned", (long long)estates[i]);
			return -1;
		}
		if (p.queued > 0)
			log_info("plan: estate %lld %s: %lld shop quarter bills "
			    "queued", (long long)estates[i], p.quarter,
			    (long long)p.queued);
	}
	if (db_exec(ctx, &SQL_PLAN_FORGET_CODES, "") < 0 ||
	    db_exec(ctx, &SQL_PLAN_FORGET_LIMITS, "") < 0) {
		snprintf(err, errlen, "old login codes not forgotten");
		return -1;
	}
	return 0;
}
