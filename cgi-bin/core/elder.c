/*
 * elder.c - elderly mode and visit requests (elder.h): the fixed lists,
 * the owner's switch, booking, cancelling and closing a visit request.
 */
#include "arena.h"
#include "audit.h"
#include "cal.h"
#include "codes.h"
#include "ctx.h"
#include "db.h"
#include "elder.h"

const char *const visit_status_codes[VISIT_STATUS__MAX] = {
	"open", "cancelled", "done", "not_reached"
};
const char *const visit_status_labels[VISIT_STATUS__MAX] = {
	"待上门", "业主已取消", "已上门", "未联系上"
};
const char *const visit_half_codes[VISIT_HALF__MAX] = { "am", "pm" };
const char *const visit_half_labels[VISIT_HALF__MAX] = {
	"上午（9:00-12:00）", "下午（14:00-17:00）"
};
const char *const visit_halves[VISIT_HALF__MAX + 1] = { "am", "pm", NULL };

enum visit_status
visit_status_parse(const char *s)
{
	return (enum visit_status)code_find(visit_status_codes,
	    VISIT_STATUS__MAX, s);
}

enum visit_half
visit_half_parse(const char *s)
{
	return (enum visit_half)code_find(visit_half_codes, VISIT_HALF__MAX,
	    s);
}

const char *
visit_day_label(struct arena *a, const char *ymd)
{
	static const char *const days[7] = { "星期一", "星期二", "星期三",
	    "星期四", "星期五", "星期六", "星期日" };
	static const struct date monday = { 2024, 1, 1 };
	struct date	 d;
	long		 n;

	if (ymd == NULL || cal_parse(ymd, &d) < 0)
		return "";
	n = cal_days_between(monday, d) % 7;
	return arena_printf(a, "%d月%d日（%s）", d.m, d.d, days[n < 0 ? n + 7 :
	    n]);
}

SQL_DEF(SQL_ELDER_OWNER_ESTATE,
    "SELECT estate_id FROM owners WHERE id = ? FOR UPDATE");
SQL_DEF(SQL_ELDER_SET,
    "UPDATE owners SET elder_mode = ? WHERE id = ?");
SQL_DEF(SQL_VISIT_INSERT,
    "INSERT INTO visit_requests (estate_id, premises_id, owner_id,"
    " visit_date, half_day, note, status, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, 'open', ?)");
/* Closes an open request: its new status, the staff member (NULL: the
 * owner), the note, the time; id, estate and household. */
SQL_DEF(SQL_VISIT_CLOSE,
    "UPDATE visit_requests SET status = ?, closed_by = ?, close_note = ?,"
    " closed_at = ? WHERE id = ? AND estate_id = ? AND premises_id = ?"
    " AND status = 'open'");
SQL_DEF(SQL_VISIT_OPEN_COUNT,
    "SELECT COUNT(*) FROM visit_requests v"
    " LEFT JOIN assignments asg ON asg.premises_id = v.premises_id"
    " WHERE v.estate_id = ? AND v.status = 'open'"
    " AND (? = 0 OR asg.collector_id = ?)");

struct mode_tx {
	int64_t	 owner_id;
	int	 on;
};

static int
mode_tx(struct ctx *ctx, void *arg)
{
	struct mode_tx	*t = arg;
	int64_t		 estate;
	int		 rc;

	if ((rc = db_one(ctx, &SQL_ELDER_OWNER_ESTATE, "i", "i", t->owner_id,
	    &estate)) != 1)
		return -1;
	if (db_exec(ctx, &SQL_ELDER_SET, "ii", (int64_t)t->on,
	    t->owner_id) < 0)
		return -1;
	return audit(ctx, estate, "owner.elder_mode", "owner", t->owner_id,
	    DB_NULL, t->on ? "on" : "off");
}

int
elder_mode_set(struct ctx *ctx, int64_t owner_id, int on)
{
	struct mode_tx	 t = { owner_id, on != 0 };

	return db_tx(ctx, mode_tx, &t) == 0 ? 0 : -1;
}

int
visit_book(struct ctx *ctx, const struct visit_new *v, int64_t *id)
{
	int64_t	 rc;

	if (v->half >= VISIT_HALF__MAX)
		return -1;
	rc = db_exec_unique(ctx, &SQL_VISIT_INSERT, "iiissss", v->estate_id,
	    v->premises_id, v->owner_id, v->date, visit_half_codes[v->half],
	    v->note, ctx->now[0] ? ctx->now : NULL);
	if (rc == DB_DUPLICATE)
		return VISIT_ALREADY_OPEN;
	if (rc < 0)
		return -1;
	*id = db_insert_id(ctx);
	return audit(ctx, v->estate_id, "visit.book", "premises",
	    v->premises_id, DB_NULL, arena_printf(ctx->a, "#%lld %s %s%s%s",
	    (long long)*id, v->date, visit_half_codes[v->half],
	    *v->note ? ": " : "", v->note));
}

struct close_tx {
	int64_t			 id, estate, premises, staff;
	enum visit_status	 status;
	const char		*note;
};

static int
close_tx(struct ctx *ctx, void *arg)
{
	struct close_tx	*t = arg;
	int64_t		 n;

	n = db_exec(ctx, &SQL_VISIT_CLOSE, "sIssiii",
	    visit_status_codes[t->status], t->staff, t->note, ctx->now,
	    t->id, t->estate, t->premises);
	if (n < 0)
		return -1;
	if (n == 0)
		return VISIT_NOT_OPEN;
	return audit(ctx, t->estate, t->status == VISIT_CANCELLED ?
	    "visit.cancel" : t->status == VISIT_DONE ? "visit.done" :
	    "visit.not_reached", "premises", t->premises, DB_NULL,
	    arena_printf(ctx->a, "#%lld%s%s", (long long)t->id,
	    *t->note ? ": " : "", t->note));
}

int
visit_cancel(struct ctx *ctx, int64_t id, int64_t estate_id,
    int64_t premises_id)
{
	struct close_tx	 t = { id, estate_id, premises_id, DB_NULL,
			    VISIT_CANCELLED, "" };

	return db_tx(ctx, close_tx, &t);
}

int
visit_close(struct ctx *ctx, int64_t id, int64_t estate_id,
    int64_t premises_id, enum visit_status outcome, const char *note)
{
	struct close_tx	 t = { id, estate_id, premises_id, ctx->actor.id,
			    outcome, note ? note : "" };

	if (outcome != VISIT_DONE && outcome != VISIT_NOT_REACHED)
		return -1;
	return db_tx(ctx, close_tx, &t);
}

int
visit_open_count(struct ctx *ctx, int64_t estate_id, int64_t collector,
    int64_t *n)
{
	return db_one(ctx, &SQL_VISIT_OPEN_COUNT, "iii", "i", estate_id,
	    collector, collector, n) < 0 ? -1 : 0;
}
