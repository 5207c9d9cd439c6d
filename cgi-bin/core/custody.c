/*
 * custody.c - vacant-unit custody (custody.h): the fixed lists, a task's
 * next due day, the suspension computed from the ledger, making an
 * agreement, logging a task done, and the KPI board's vacant split.
 */
#include <string.h>

#include "arena.h"
#include "arrears.h"
#include "audit.h"
#include "billing.h"
#include "codes.h"
#include "ctx.h"
#include "custody.h"
#include "db.h"
#include "msg.h"
#include "photo.h"

const char *const custody_kind_codes[CUSTODY_KIND__MAX] = {
	"airing", "parcels", "inspection", "meter"
};
const char *const custody_kind_labels[CUSTODY_KIND__MAX] = {
	"开窗通风", "代收快递", "巡查", "抄表"
};

const char *const custody_schedule_codes[CUSTODY_SCHEDULE__MAX] = {
	"days", "weekly", "monthly"
};
const char *const custody_schedule_choices[CUSTODY_SCHEDULE__MAX + 1] = {
	"days", "weekly", "monthly", NULL
};

enum custody_kind
custody_kind_parse(const char *s)
{
	return (enum custody_kind)code_find(custody_kind_codes,
	    CUSTODY_KIND__MAX, s);
}

enum custody_schedule
custody_schedule_parse(const char *s)
{
	return (enum custody_schedule)code_find(custody_schedule_codes,
	    CUSTODY_SCHEDULE__MAX, s);
}

const char *
custody_schedule_words(struct arena *a, const char *schedule,
    int64_t every_days)
{
	switch (custody_schedule_parse(schedule)) {
	case CUSTODY_DAYS:
		return every_days == 1 ? "每天" :
		    arena_printf(a, "每 %lld 天", (long long)every_days);
	case CUSTODY_WEEKLY:
		return "每周";
	case CUSTODY_MONTHLY:
		return "每月";
	default:
		return schedule;
	}
}

struct date
custody_next_due(enum custody_schedule s, int64_t every_days,
    struct date first, const struct date *last)
{
	if (last == NULL)
		return first;
	switch (s) {
	case CUSTODY_DAYS:
		return cal_add_days(*last, (int)(every_days > 0 ?
		    every_days : 1));
	case CUSTODY_WEEKLY:
		return cal_add_days(*last, 7);
	default:
		return cal_add_months(*last, 1);
	}
}

SQL_DEF(SQL_CUSTODY_LIMIT,
    "SELECT custody_suspend_months FROM estates WHERE id = ?");

int
custody_state(struct ctx *ctx, int64_t estate_id, int64_t premises_id,
    struct date today, struct custody_state *st)
{
	struct tier_rules	 t;
	struct arrears		 a;
	int64_t			 limit = 3;

	memset(st, 0, sizeof(*st));
	if (arrears_rules(ctx, estate_id, &t) < 0 ||
	    db_one(ctx, &SQL_CUSTODY_LIMIT, "i", "i", estate_id, &limit) < 0 ||
	    arrears_premises(ctx, premises_id, &t, today, &a) < 0)
		return -1;
	st->months = a.months;
	st->limit = (int)limit;
	st->suspended = limit > 0 && a.nbills > 0 && a.months >= limit;
	return 0;
}

const char *
custody_state_words(struct arena *a, const struct custody_state *st)
{
	if (st->suspended)
		return arena_printf(a, "已暂停（欠费 %d 个月）", st->months);
	return "服务中";
}

SQL_DEF(SQL_CUSTODY_INSERT,
    "INSERT INTO custody_agreements (estate_id, premises_id, fee_item_id,"
    " start_period, fee_fen, note, created_by, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE(?, NOW(6)))");

SQL_DEF(SQL_CUSTODY_TASK_INSERT,
    "INSERT INTO custody_tasks (estate_id, agreement_id, kind, schedule,"
    " every_days) VALUES (?, ?, ?, ?, ?)");

/* The transaction's time, or NULL outside one (then NOW(6)). */
static const char *
tx_now(struct ctx *ctx)
{
	return ctx->now[0] != '\0' ? ctx->now : NULL;
}

int
custody_create(struct ctx *ctx, const struct custody_in *in, int64_t *id)
{
	char		 start[11];
	int64_t		 rc, every, billed = 0, billed_fen = 0;
	size_t		 i;

	rc = db_exec_unique(ctx, &SQL_CUSTODY_INSERT, "iiisisis",
	    in->estate_id, in->premises_id, in->fee_item_id,
	    cal_fmt(start, in->start), in->fee_fen, in->note, ctx->actor.id,
	    tx_now(ctx));
	if (rc == DB_DUPLICATE)
		return CUSTODY_EXISTS;
	if (rc < 0)
		return -1;
	*id = db_insert_id(ctx);
	for (i = 0; i < in->ntasks; i++) {
		if (in->tasks[i].kind >= CUSTODY_KIND__MAX ||
		    in->tasks[i].schedule >= CUSTODY_SCHEDULE__MAX)
			return -1;
		every = in->tasks[i].schedule == CUSTODY_DAYS ?
		    in->tasks[i].every_days :
		    in->tasks[i].schedule == CUSTODY_WEEKLY ? 7 : 0;
		if (db_exec(ctx, &SQL_CUSTODY_TASK_INSERT, "iissi",
		    in->estate_id, *id, custody_kind_codes[in->tasks[i].kind],
		    custody_schedule_codes[in->tasks[i].schedule], every) < 0)
			return -1;
	}
	/* a month a run has passed is billed now, as the run would have */
	if (billing_agreement_now(ctx, in->estate_id, in->premises_id,
	    in->start, &billed, &billed_fen) < 0)
		return -1;
	return audit(ctx, in->estate_id, "custody.create", "custody_agreement",
	    *id, in->fee_fen, arena_printf(ctx->a, "premises %lld; from %s;"
	    " %zu tasks", (long long)in->premises_id, start, in->ntasks));
}

SQL_DEF(SQL_CUSTODY_LOCK,
    "SELECT id FROM custody_agreements WHERE id = ? AND estate_id = ?"
    " FOR UPDATE");

SQL_DEF(SQL_CUSTODY_LOG_INSERT,
    "INSERT INTO custody_logs (estate_id, agreement_id, task_id, done_on,"
    " note, logged_by, created_at) VALUES (?, ?, ?, ?, ?, ?,"
    " COALESCE(?, NOW(6)))");

SQL_DEF(SQL_CUSTODY_PHOTO_INSERT,
    "INSERT INTO custody_log_photos (estate_id, log_id, file_key, width,"
    " height, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?,"
    " COALESCE(?, NOW(6)))");

SQL_DEF(SQL_CUSTODY_OWNERS,
    "SELECT owner_id FROM premises_owners WHERE premises_id = ?"
    " ORDER BY owner_id");

int
custody_log(struct ctx *ctx, int64_t estate_id, int64_t premises_id,
    int64_t agreement_id, int64_t task_id, const char *day,
    const char *note, const struct photo *p, size_t n,
    struct custody_state *st, int64_t *id)
{
	struct msg_in	 m;
	int64_t		*owners, lock;
	size_t		 nowners, i;

	if (db_one(ctx, &SQL_CUSTODY_LOCK, "ii", "i", agreement_id, estate_id,
	    &lock) != 1)
		return -1;
	if (custody_state(ctx, estate_id, premises_id, cal_today(), st) < 0)
		return -1;
	if (st->suspended)
		return CUSTODY_SUSPENDED;
	if (db_exec(ctx, &SQL_CUSTODY_LOG_INSERT, "iiissis", estate_id,
	    agreement_id, task_id, day, note, ctx->actor.id, tx_now(ctx)) < 0)
		return -1;
	*id = db_insert_id(ctx);
	for (i = 0; i < n; i++)
		if (db_exec(ctx, &SQL_CUSTODY_PHOTO_INSERT, "iisiiis", estate_id,
		    *id, p[i].key, p[i].width, p[i].height, p[i].bytes,
		    tx_now(ctx)) < 0)
			return -1;
	/* each owner of the premises is told, held by quiet hours */
	if (db_ints(ctx, &SQL_CUSTODY_OWNERS, &owners, &nowners, "i",
	    premises_id) < 0)
		return -1;
	for (i = 0; i < nowners; i++) {
		memset(&m, 0, sizeof(m));
		m.estate_id = estate_id;
		m.owner_id = owners[i];
		m.topic = MSG_CUSTODY;
		m.key = arena_printf(ctx->a, "%s/%lld/%lld", MSG_CUSTODY,
		    (long long)*id, (long long)owners[i]);
		m.premises_id = premises_id;
		m.run_id = DB_NULL;
		m.payload = arena_printf(ctx->a, "{\"log\":%lld}",
		    (long long)*id);
		m.flags = MSG_HELD;
		if (msg_queue(ctx, &m) < 0)
			return -1;
	}
	return audit(ctx, estate_id, "custody.log", "custody_log", *id,
	    DB_NULL, arena_printf(ctx->a, "agreement %lld; task %lld; %s",
	    (long long)agreement_id, (long long)task_id, day));
}

/*
 * The vacant premises' bills due in the range as at T, by whether an
 * agreement made before T covered the bill's period. Params: T (the
 * agreement), T, T, estate, T (ARREARS_BILLS_AT_SQL), first, last.
 */
SQL_DEF(SQL_CUSTODY_KPI,
    "SELECT x.ag, COALESCE(SUM(x.due), 0), COALESCE(SUM(x.paid), 0),"
    " COALESCE(SUM(x.counted), 0), COALESCE(SUM(x.counted AND x.all_paid), 0)"
    " FROM (SELECT y.premises_id, y.ag, SUM(y.due) AS due,"
    "  SUM(y.paid) AS paid, MAX(y.not_waived) AS counted,"
    "  MIN(y.paid >= y.due) AS all_paid"
    "  FROM (SELECT b.premises_id, EXISTS (SELECT 1 FROM custody_agreements ca"
    "    WHERE ca.premises_id = b.premises_id AND ca.created_at < ?"
    "    AND ca.start_period <= b.period_start) AS ag,"
    "   b.amount_fen - COALESCE(MAX(w.amount_fen), 0) AS due,"
    "   COALESCE(SUM(a.amount_fen), 0) AS paid,"
    "   MAX(w.amount_fen) IS NULL OR MAX(w.amount_fen) < b.amount_fen"
    "   AS not_waived" ARREARS_BILLS_AT_SQL RATE_BILLS_SQL
    "   AND b.due_date BETWEEN ? AND ? GROUP BY b.id) y"
    "  JOIN premises p ON p.id = y.premises_id AND p.occupancy = 'vacant'"
    "  GROUP BY y.premises_id, y.ag) x"
    " GROUP BY x.ag");

int
custody_kpi_vacant(struct ctx *ctx, int64_t estate_id, const char *until,
    const char *first, const char *last_due, struct custody_kpi *k)
{
	struct db_res	*res;
	int64_t		 ag, due, paid, hh, hh_paid;
	int		 rc;

	memset(k, 0, sizeof(*k));
	res = db_query(ctx, &SQL_CUSTODY_KPI, "sssisss", until, until, until,
	    estate_id, until, first, last_due);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "iiiii", &ag, &due, &paid, &hh,
	    &hh_paid)) == 1) {
		ag = ag != 0;
		k->due[ag] += due;
		k->paid[ag] += paid;
		k->hh[ag] += hh;
		k->hh_paid[ag] += hh_paid;
	}
	return rc < 0 ? -1 : 0;
}
