/*
 * request.c - service requests: the stage logic (pure) and the
 * transactions that log and move a request (request.h).
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "codes.h"
#include "ctx.h"
#include "db.h"
#include "msg.h"
#include "request.h"

const char *const rq_status_codes[RQ_STATUS__MAX] = {
	"logged", "received", "planned", "dispatched", "done", "closed"
};
const char *const rq_status_labels[RQ_STATUS__MAX] = {
	"待受理", "已受理", "已答复方案", "已派工", "已完成待回访", "已结案"
};
const char *const rq_category_codes[RQ_CATEGORY__MAX] = {
	"lighting", "greening", "cleaning", "elevator", "water_power",
	"notices", "noise", "parking", "security", "other"
};
const char *const rq_category_labels[RQ_CATEGORY__MAX] = {
	"照明", "绿化", "保洁", "电梯", "水电", "通知及广告", "噪音", "停车",
	"安防", "其他"
};
const char *const rq_source_codes[RQ_SOURCE__MAX] = {
	"visit", "phone", "portal"
};
const char *const rq_source_labels[RQ_SOURCE__MAX] = {
	"收费员走访", "客服电话", "业主网上报修"
};
const char *const rq_event_codes[RQE__MAX] = {
	"logged", "received", "planned", "dispatched", "done", "followed",
	"closed", "reopened", "late"
};
const char *const rq_event_labels[RQE__MAX] = {
	"登记", "客服受理", "答复处理方案", "派工程部", "处理完成",
	"回访业主", "结案", "业主不满意，重新处理", "超时"
};

enum rq_status
rq_status_parse(const char *s)
{
	return (enum rq_status)code_find(rq_status_codes, RQ_STATUS__MAX, s);
}

enum rq_category
rq_category_parse(const char *s)
{
	return (enum rq_category)code_find(rq_category_codes,
	    RQ_CATEGORY__MAX, s);
}

enum rq_source
rq_source_parse(const char *s)
{
	return (enum rq_source)code_find(rq_source_codes, RQ_SOURCE__MAX, s);
}

enum rq_event
rq_event_parse(const char *s)
{
	return (enum rq_event)code_find(rq_event_codes, RQE__MAX, s);
}

int
rq_step(enum rq_status from, enum rq_action a, int satisfied,
    enum rq_status *to)
{
	switch (a) {
	case RQA_RECEIVE:
		if (from != RQ_LOGGED)
			return -1;
		*to = RQ_RECEIVED;
		return 0;
	case RQA_PLAN:
		if (from != RQ_RECEIVED)
			return -1;
		*to = RQ_PLANNED;
		return 0;
	case RQA_DISPATCH:
		if (from != RQ_PLANNED)
			return -1;
		*to = RQ_DISPATCHED;
		return 0;
	case RQA_DONE:
		if (from != RQ_PLANNED && from != RQ_DISPATCHED)
			return -1;
		*to = RQ_DONE;
		return 0;
	case RQA_FOLLOWUP:
		if (from != RQ_DONE)
			return -1;
		*to = satisfied ? RQ_CLOSED : RQ_RECEIVED;
		return 0;
	default:
		return -1;
	}
}

#define RQ_DESK	(ROLE_CUSTOMER_SERVICE | ROLE_TEAM_LEAD | ROLE_MANAGER)

unsigned
rq_roles(enum rq_status from, enum rq_action a)
{
	enum rq_status	 to;

	if (rq_step(from, a, 1, &to) < 0)
		return 0;
	switch (a) {
	case RQA_RECEIVE:
	case RQA_PLAN:
	case RQA_DISPATCH:
		return RQ_DESK;
	case RQA_DONE:
		return from == RQ_DISPATCHED ?
		    (ROLE_ENGINEERING | ROLE_MANAGER) : RQ_DESK;
	case RQA_FOLLOWUP:
		return ROLE_COLLECTOR | ROLE_TEAM_LEAD | ROLE_MANAGER;
	default:
		return 0;
	}
}

int
rq_due_hours(enum rq_status s)
{
	switch (s) {
	case RQ_LOGGED:
		return 24;
	case RQ_RECEIVED:
		return 48;
	case RQ_DONE:
		return 72;
	default:
		return 0;
	}
}

int
rq_score_ok(int64_t score)
{
	return score >= 0 && score <= 100;
}

int
rq_paid_after(struct date done, struct date paid)
{
	long	 d = cal_days_between(done, paid);

	return d >= 0 && d <= 30;
}

enum rq_paid
rq_paid_after_fix(const char *done, const char *first_pay)
{
	struct date	 d, p;

	if (done == NULL || *done == '\0' || cal_parse(done, &d) < 0)
		return RQ_NOT_FIXED;
	if (first_pay != NULL && *first_pay != '\0' &&
	    cal_parse(first_pay, &p) == 0 && rq_paid_after(d, p))
		return RQ_PAID_AFTER;
	return RQ_NOT_PAID_AFTER;
}

/* ---- transactions ---- */

SQL_DEF(SQL_RQ_INSERT,
    "INSERT INTO service_requests (estate_id, premises_id, public_area,"
    " owner_id, category, body, withholding, share_contact, contact_phone,"
    " source, logged_by_kind, logged_by, status, stage_at, due_at,"
    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'logged',"
    " ?, CAST(? AS DATETIME(6)) + INTERVAL ? HOUR, ?)");

SQL_DEF(SQL_RQ_EVENT,
    "INSERT INTO service_request_events (estate_id, request_id, kind,"
    " actor_kind, actor_id, at, note, score, paid, was_late, late_stage)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

SQL_DEF(SQL_RQ_LOCK,
    "SELECT estate_id, status, late, COALESCE(owner_id, 0), withholding"
    " FROM service_requests WHERE id = ? FOR UPDATE");

/* Params: status, stage_at, due base, hours (NULL: no deadline), plan
 * (NULL: kept), done (1: done_at = now), now, score, paid, id. */
SQL_DEF(SQL_RQ_MOVE,
    "UPDATE service_requests SET status = ?, stage_at = ?,"
    " due_at = IF(? IS NULL, NULL,"
    "  CAST(? AS DATETIME(6)) + INTERVAL ? HOUR),"
    " late = 0, plan = COALESCE(?, plan),"
    " done_at = IF(? = 1, ?, done_at),"
    " score = COALESCE(?, score), paid_after = COALESCE(?, paid_after)"
    " WHERE id = ?");

SQL_DEF(SQL_RQ_LATE_ONCE,
    "INSERT INTO service_request_late (estate_id, request_id, status,"
    " due_at, flagged_at) VALUES (?, ?, ?, ?, ?)");

SQL_DEF(SQL_RQ_LATE_MARK,
    "UPDATE service_requests SET late = 1 WHERE id = ? AND status = ?"
    " AND due_at = ?");

SQL_DEF(SQL_RQ_LATE_LOCK,
    "SELECT estate_id, COALESCE(owner_id, 0) FROM service_requests"
    " WHERE id = ? AND status = ? AND due_at = ? FOR UPDATE");

/*
 * Messages to staff (sql/036): by SMS, never held, one per member of
 * staff and step (key request.staff/ID/EVENT/STAFF). Params: estate,
 * key prefix, payload, then the estate and role, or the request.
 */
SQL_DEF(SQL_RQ_TELL_ROLE,
    "INSERT IGNORE INTO outbox (estate_id, staff_id, topic, channel, held,"
    " idem_key, payload, next_at, created_at)"
    " SELECT ?, s.id, 'request.staff', 'sms', 0, CONCAT(?, s.id), ?,"
    " NOW(6), NOW(6) FROM staff s JOIN staff_estates se ON se.staff_id = s.id"
    " WHERE se.estate_id = ? AND s.role = ? AND s.active = 1"
    " AND s.phone <> ''");

SQL_DEF(SQL_RQ_TELL_COLLECTOR,
    "INSERT IGNORE INTO outbox (estate_id, staff_id, topic, channel, held,"
    " idem_key, payload, next_at, created_at)"
    " SELECT ?, s.id, 'request.staff', 'sms', 0, CONCAT(?, s.id), ?,"
    " NOW(6), NOW(6) FROM service_requests r"
    " JOIN assignments a ON" RQ_HOUSEHOLD_SQL
    " JOIN staff s ON s.id = a.collector_id"
    " WHERE r.id = ? AND s.active = 1 AND s.phone <> ''");

/* Who acts next after step kind (or is told that it is late in the
 * status late_in): the staff roles, and whether the household's
 * collector. */
#define TELL_CS		0x1
#define TELL_ENG	0x2
#define TELL_COLLECTOR	0x4
#define TELL_LEAD	0x8

static unsigned
next_actors(enum rq_event kind, enum rq_status late_in)
{
	switch (kind) {
	case RQE_LOGGED:
	case RQE_REOPENED:
		return TELL_CS;
	case RQE_DISPATCHED:
		return TELL_ENG;
	case RQE_DONE:
		return TELL_COLLECTOR;
	case RQE_LATE:
		return TELL_LEAD | (late_in == RQ_DONE ? TELL_COLLECTOR :
		    TELL_CS);
	default:
		return 0;
	}
}

/* The next actors of step ev (kind) of request id are told, in the
 * step's transaction. 0 or -1. */
static int
tell_staff(struct ctx *ctx, int64_t estate, int64_t id, int64_t ev,
    enum rq_event kind, enum rq_status late_in)
{
	static const struct { unsigned bit; const char *role; } roles[] = {
		{ TELL_CS, "customer_service" },
		{ TELL_ENG, "engineering" },
		{ TELL_LEAD, "team_lead" },
	};
	unsigned	 who = next_actors(kind, late_in);
	const char	*key, *payload;
	size_t		 i;
	int64_t		 n;

	if (who == 0)
		return 0;
	key = arena_printf(ctx->a, "request.staff/%lld/%lld/", (long long)id,
	    (long long)ev);
	payload = arena_printf(ctx->a, "{\"request\":%lld,\"event\":\"%s\","
	    "\"late_in\":\"%s\"}", (long long)id, rq_event_codes[kind],
	    late_in < RQ_STATUS__MAX ? rq_status_codes[late_in] : "");
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if ((who & roles[i].bit) && db_exec(ctx, &SQL_RQ_TELL_ROLE,
		    "issis", estate, key, payload, estate, roles[i].role) < 0)
			return -1;
	if ((who & TELL_COLLECTOR) == 0)
		return 0;
	if ((n = db_exec(ctx, &SQL_RQ_TELL_COLLECTOR, "issi", estate, key,
	    payload, id)) < 0)
		return -1;
	/* No collector's household (a public area nobody's home reported,
	 * an unassigned home): the team leads follow it up. */
	if (n == 0 && (who & TELL_LEAD) == 0 && db_exec(ctx,
	    &SQL_RQ_TELL_ROLE, "issis", estate, key, payload, estate,
	    "team_lead") < 0)
		return -1;
	return 0;
}

/* The request's event, with its time and actor (ctx's). */
static int
event(struct ctx *ctx, int64_t estate, int64_t id, enum rq_event kind,
    const char *note, int64_t score, int64_t paid, int was_late,
    const char *late_stage, int64_t *out)
{
	if (db_exec(ctx, &SQL_RQ_EVENT, "iissIssIIis", estate, id,
	    rq_event_codes[kind], ctx_actor_kind(ctx), ctx_actor_id(ctx),
	    ctx->now, note, score, paid,
	    (int64_t)was_late, late_stage) < 0)
		return -1;
	if (out != NULL)
		*out = db_insert_id(ctx);
	return 0;
}

/* The owner is told of step `kind` (MSG_REQUEST, key request/ID/EV). */
static int
tell_owner(struct ctx *ctx, int64_t estate, int64_t owner, int64_t id,
    int64_t ev, enum rq_event kind)
{
	struct msg_in	 m;

	if (owner <= 0)
		return 0;
	memset(&m, 0, sizeof(m));
	m.estate_id = estate;
	m.owner_id = owner;
	m.topic = MSG_REQUEST;
	m.key = arena_printf(ctx->a, "request/%lld/%lld", (long long)id,
	    (long long)ev);
	m.premises_id = DB_NULL;
	m.run_id = DB_NULL;
	m.payload = arena_printf(ctx->a, "{\"request\":%lld,\"event\":\"%s\"}",
	    (long long)id, rq_event_codes[kind]);
	m.flags = MSG_HELD;
	return msg_queue(ctx, &m) < 0 ? -1 : 0;
}

int
rq_log(struct ctx *ctx, const struct rq_in *in, int64_t *id, int64_t *ev)
{
	if (db_exec(ctx, &SQL_RQ_INSERT, "iIsIssiisssIssis", in->estate_id,
	    in->premises_id, in->public_area, in->owner_id,
	    rq_category_codes[in->category], in->body,
	    (int64_t)(in->withholding != 0), (int64_t)(in->share_contact != 0),
	    in->contact_phone, rq_source_codes[in->source],
	    ctx_actor_kind(ctx), ctx_actor_id(ctx), ctx->now, ctx->now, (int64_t)rq_due_hours(RQ_LOGGED), ctx->now) < 0)
		return -1;
	*id = db_insert_id(ctx);
	if (event(ctx, in->estate_id, *id, RQE_LOGGED, in->body, DB_NULL,
	    DB_NULL, 0, "", ev) < 0)
		return -1;
	if (audit(ctx, in->estate_id, "request.log", "service_request", *id,
	    DB_NULL, rq_category_codes[in->category]) < 0)
		return -1;
	if (tell_staff(ctx, in->estate_id, *id, *ev, RQE_LOGGED,
	    RQ_STATUS__MAX) < 0)
		return -1;
	return tell_owner(ctx, in->estate_id, in->owner_id == DB_NULL ? 0 :
	    in->owner_id, *id, *ev, RQE_LOGGED);
}

static enum rq_event
event_of(enum rq_action a)
{
	switch (a) {
	case RQA_RECEIVE:
		return RQE_RECEIVED;
	case RQA_PLAN:
		return RQE_PLANNED;
	case RQA_DISPATCH:
		return RQE_DISPATCHED;
	case RQA_DONE:
		return RQE_DONE;
	default:
		return RQE_FOLLOWED;
	}
}

int
rq_act(struct ctx *ctx, int64_t id, const struct rq_act_in *in,
    int64_t *ev)
{
	const char	*status;
	int64_t		 estate, late, owner, withholding, hours, paid, last;
	enum rq_status	 from, to;
	enum rq_event	 kind;

	if (db_one(ctx, &SQL_RQ_LOCK, "i", "isiii", id, &estate, &status,
	    &late, &owner, &withholding) != 1)
		return -1;
	from = rq_status_parse(status);
	if (rq_step(from, in->action, in->satisfied, &to) < 0)
		return RQ_NOT_NOW;
	if ((rq_roles(from, in->action) & ctx->actor.role) == 0)
		return RQ_NOT_YOURS;
	kind = event_of(in->action);
	paid = in->action == RQA_FOLLOWUP && withholding && in->paid >= 0 ?
	    (int64_t)(in->paid != 0) : DB_NULL;
	if (event(ctx, estate, id, kind, in->note, in->action == RQA_FOLLOWUP ?
	    in->score : DB_NULL, paid, late != 0, "", ev) < 0)
		return -1;
	last = *ev;
	if (in->action == RQA_FOLLOWUP) {
		/* The follow-up's outcome is a step of its own. */
		if (event(ctx, estate, id, to == RQ_CLOSED ? RQE_CLOSED :
		    RQE_REOPENED, "", DB_NULL, DB_NULL, 0, "", &last) < 0)
			return -1;
	}
	hours = rq_due_hours(to);
	if (db_exec(ctx, &SQL_RQ_MOVE, "ssssisisIIi", rq_status_codes[to],
	    ctx->now, hours > 0 ? ctx->now : NULL, ctx->now, hours,
	    in->action == RQA_PLAN ? in->note : NULL,
	    (int64_t)(in->action == RQA_DONE), ctx->now,
	    in->action == RQA_FOLLOWUP ? in->score : DB_NULL, paid, id) < 0)
		return -1;
	if (audit(ctx, estate, arena_printf(ctx->a, "request.%s",
	    rq_event_codes[kind]), "service_request", id, DB_NULL,
	    rq_status_codes[to]) < 0)
		return -1;
	if (tell_owner(ctx, estate, owner, id, *ev, kind) < 0 ||
	    tell_staff(ctx, estate, id, *ev, kind, RQ_STATUS__MAX) < 0)
		return -1;
	if (last != *ev && (tell_owner(ctx, estate, owner, id, last,
	    to == RQ_CLOSED ? RQE_CLOSED : RQE_REOPENED) < 0 ||
	    tell_staff(ctx, estate, id, last, to == RQ_CLOSED ? RQE_CLOSED :
	    RQE_REOPENED, RQ_STATUS__MAX) < 0))
		return -1;
	return 0;
}

int
rq_flag_late(struct ctx *ctx, int64_t id, const char *status,
    const char *due_at)
{
	int64_t		 estate, owner, ev;
	int		 rc;

	if ((rc = db_one(ctx, &SQL_RQ_LATE_LOCK, "iss", "ii", id, status,
	    due_at, &estate, &owner)) != 1)
		return rc;
	if ((rc = (int)db_exec_unique(ctx, &SQL_RQ_LATE_ONCE, "iisss", estate,
	    id, status, due_at, ctx->now)) == DB_DUPLICATE)
		return 0;
	if (rc < 0)
		return -1;
	if (db_exec(ctx, &SQL_RQ_LATE_MARK, "iss", id, status, due_at) < 0)
		return -1;
	if (event(ctx, estate, id, RQE_LATE, "", DB_NULL, DB_NULL, 1, status,
	    &ev) < 0)
		return -1;
	if (audit(ctx, estate, "request.late", "service_request", id, DB_NULL,
	    status) < 0)
		return -1;
	if (tell_staff(ctx, estate, id, ev, RQE_LATE, rq_status_parse(status))
	    < 0)
		return -1;
	return tell_owner(ctx, estate, owner, id, ev, RQE_LATE) < 0 ? -1 : 1;
}
