/*
 * deferral.c - hardship deferral (deferral.h): the application, the
 * manager's decision and the dates it moves.
 */
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "codes.h"
#include "ctx.h"
#include "db.h"
#include "deferral.h"
#include "ledger.h"
#include "msg.h"

const char *const deferral_status_codes[DEFERRAL_STATUS__MAX] = {
	"pending", "approved", "rejected"
};
const char *const deferral_status_labels[DEFERRAL_STATUS__MAX] = {
	"待审批", "已批准", "未批准"
};

enum deferral_status
deferral_status_parse(const char *s)
{
	return (enum deferral_status)code_find(deferral_status_codes,
	    DEFERRAL_STATUS__MAX, s);
}

struct date
deferral_end(struct date from, int months)
{
	return cal_add_months(from, months);
}

int
deferral_active(struct date starts, struct date ends, struct date day)
{
	return cal_cmp(starts, day) <= 0 && cal_cmp(day, ends) < 0;
}

SQL_DEF(SQL_DEF_INSERT,
    "INSERT INTO deferrals (estate_id, premises_id, owner_id, reason, months,"
    " status, applied_at, logged_by, photo_key)"
    " VALUES (?, ?, ?, ?, ?, 'pending', NOW(), ?, ?)");

/* One named bill, if it is the household's and still owed on. */
SQL_DEF(SQL_DEF_BILL,
    "INSERT INTO deferral_bills (deferral_id, bill_id)"
    " SELECT ?, b.id FROM bills b WHERE b.id = ? AND b.premises_id = ?"
    " AND b.status IN ('unpaid', 'partial')");

SQL_DEF(SQL_DEF_PENDING,
    "SELECT COUNT(*) FROM deferrals WHERE premises_id = ? AND status = 'pending'"
    " FOR UPDATE");

SQL_DEF(SQL_DEF_LOCK,
    "SELECT d.estate_id, d.premises_id, d.owner_id, d.months, d.status,"
    " COALESCE(d.logged_by, 0) FROM deferrals d WHERE d.id = ? FOR UPDATE");

SQL_DEF(SQL_DEF_APPROVE,
    "UPDATE deferrals SET status = 'approved', decided_by = ?,"
    " decided_at = NOW(), decision_note = ?, starts_on = ?, ends_on = ?"
    " WHERE id = ? AND status = 'pending'");

SQL_DEF(SQL_DEF_REJECT,
    "UPDATE deferrals SET status = 'rejected', decided_by = ?,"
    " decided_at = NOW(), decision_note = ? WHERE id = ? AND status = 'pending'");

/* How many of its bills are still owed on. */
SQL_DEF(SQL_DEF_STILL_OPEN,
    "SELECT COUNT(*) FROM deferral_bills db JOIN bills b ON b.id = db.bill_id"
    " WHERE db.deferral_id = ? AND b.status IN ('unpaid', 'partial')");

/* Each named bill still owed on moves to the end (never earlier). */
SQL_DEF(SQL_DEF_MOVE,
    "INSERT INTO bill_due_dates (bill_id, deferral_id, due_date, created_at)"
    " SELECT b.id, db.deferral_id, GREATEST(" DEFERRAL_DUE_SQL ", ?), NOW(6)"
    " FROM deferral_bills db JOIN bills b ON b.id = db.bill_id"
    " WHERE db.deferral_id = ? AND b.status IN ('unpaid', 'partial')");

/* A household's open bills the form lists: the statement's LIMIT. */
#define OPEN_BILLS_MAX	120

SQL_DEF(SQL_DEF_OPEN_BILLS,
    "SELECT b.id, b.period_start, b.period_months, fi.name,"
    " " DEFERRAL_DUE_SQL ", " LEDGER_OWED_SQL
    " FROM bills b JOIN fee_items fi ON fi.id = b.fee_item_id"
    " WHERE b.premises_id = ? AND b.status IN ('unpaid', 'partial')"
    " ORDER BY b.due_date, b.period_start, fi.sort, b.id LIMIT 120");

int
deferral_open_bills(struct ctx *ctx, int64_t premises_id, struct date day,
    struct deferral_bill **out)
{
	struct db_res		*res;
	struct deferral_bill	*v;
	struct date		 due;
	int			 n = 0, rc = 0;

	v = arena_alloc(ctx->a, OPEN_BILLS_MAX * sizeof(*v));
	if ((res = db_query(ctx, &SQL_DEF_OPEN_BILLS, "i", premises_id)) == NULL)
		return -1;
	while (n < OPEN_BILLS_MAX && (rc = db_row(res, "isissi", &v[n].id,
	    &v[n].period, &v[n].months, &v[n].item, &v[n].due,
	    &v[n].owed)) == 1) {
		v[n].past_due = cal_parse(v[n].due, &due) == 0 &&
		    cal_cmp(due, day) < 0;
		n++;
	}
	if (n == OPEN_BILLS_MAX)
		db_done(res);
	else if (rc < 0)
		return -1;
	*out = v;
	return n;
}

int
deferral_bills_ok(const struct deferral_bill *open, int nopen,
    const int64_t *ids, int n)
{
	int	 i, j, found;

	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++)
			if (ids[j] == ids[i])
				return 0;
		found = 0;
		for (j = 0; j < nopen && !found; j++)
			found = open[j].id == ids[i];
		if (!found)
			return 0;
	}
	return 1;
}

int
deferral_apply(struct ctx *ctx, const struct deferral_in *in, int64_t *id)
{
	int64_t	 n;
	int	 i;

	if (db_one(ctx, &SQL_DEF_PENDING, "i", "i", in->premises_id, &n) != 1)
		return -1;
	if (n > 0)
		return DEFERRAL_PENDING_ALREADY;
	/* two sent at once: the unique key of the pending one says no */
	n = db_exec_unique(ctx, &SQL_DEF_INSERT, "iiisiIs", in->estate_id,
	    in->premises_id, in->owner_id, in->reason, (int64_t)in->months,
	    in->by_staff ? ctx->actor.id : DB_NULL, in->photo_key);
	if (n == DB_DUPLICATE)
		return DEFERRAL_PENDING_ALREADY;
	if (n < 0)
		return -1;
	*id = db_insert_id(ctx);
	for (i = 0; i < in->nbills; i++) {
		if ((n = db_exec(ctx, &SQL_DEF_BILL, "iii", *id, in->bill_ids[i],
		    in->premises_id)) < 0)
			return -1;
		if (n == 0)
			return DEFERRAL_BILL_NOT_OPEN;
	}
	return audit(ctx, in->estate_id, "deferral.apply", "deferral", *id,
	    DB_NULL, arena_printf(ctx->a, "%d months, %d bills: %s", in->months,
	    in->nbills, in->reason)) < 0 ? -1 : 0;
}

int
deferral_apply_once(struct ctx *ctx, void *arg, int64_t *id)
{
	return deferral_apply(ctx, arg, id);
}

struct decide_tx {
	int64_t		 id;
	int		 approve;
	const char	*note;
};

static int
decide_tx(struct ctx *ctx, void *arg)
{
	struct decide_tx	*t = arg;
	struct msg_in		 m;
	struct date		 today = cal_today(), end;
	const char		*status;
	char			 from[11], to[11];
	int64_t			 estate, premises, owner, months, by;

	if (db_one(ctx, &SQL_DEF_LOCK, "i", "iiiisi", t->id, &estate,
	    &premises, &owner, &months, &status, &by) != 1)
		return -1;
	if (deferral_status_parse(status) != DEFERRAL_PENDING)
		return DEFERRAL_DECIDED;
	/* Nobody approves what they logged themselves (as with credits
	 * and voids): an owner's own application is anyone's to decide.
	 * Not approving it is theirs too: it grants nothing, and a manager
	 * alone in the estate could not clear it otherwise - the owner may
	 * not apply again while it waits. */
	if (t->approve && by != 0 && by == ctx->actor.id)
		return DEFERRAL_OWN_LOG;
	if (t->approve) {
		int64_t	 open;

		/* A deferral of bills all paid meanwhile defers nothing; the
		 * household would only leave the tiers and the reminders. */
		if (db_one(ctx, &SQL_DEF_STILL_OPEN, "i", "i", t->id, &open) != 1)
			return -1;
		if (open == 0)
			return DEFERRAL_NOTHING_OPEN;
		end = deferral_end(today, (int)months);
		cal_fmt(from, today);
		cal_fmt(to, end);
		if (db_exec(ctx, &SQL_DEF_APPROVE, "isssi", ctx->actor.id,
		    t->note, from, to, t->id) != 1 ||
		    db_exec(ctx, &SQL_DEF_MOVE, "si", to, t->id) < 0)
			return -1;
	} else if (db_exec(ctx, &SQL_DEF_REJECT, "isi", ctx->actor.id,
	    t->note, t->id) != 1)
		return -1;
	memset(&m, 0, sizeof(m));
	m.estate_id = estate;
	m.owner_id = owner;
	m.topic = MSG_DEFERRAL;
	m.key = arena_printf(ctx->a, "%s/%lld", MSG_DEFERRAL, (long long)t->id);
	m.premises_id = premises;
	m.run_id = DB_NULL;
	m.payload = arena_printf(ctx->a, "{\"deferral\":%lld}", (long long)t->id);
	m.flags = MSG_HELD;
	if (msg_queue(ctx, &m) < 0)
		return -1;
	return audit(ctx, estate, t->approve ? "deferral.approve" :
	    "deferral.reject", "deferral", t->id, DB_NULL, t->approve ?
	    arena_printf(ctx->a, "%s to %s%s%s", from, to, *t->note ? ": " : "",
	    t->note) : t->note) < 0 ? -1 : 0;
}

int
deferral_decide(struct ctx *ctx, int64_t id, int approve, const char *note)
{
	struct decide_tx	 t = { id, approve, note ? note : "" };

	return db_tx(ctx, decide_tx, &t);
}
