/*
 * request.h - service requests (报事报修 / 投诉), issue 12 and DOMAIN.md
 * "Service loop": the fixed lists, the stages and who moves a request
 * from one to the next (pure logic, tests/unit/test_request.c), and the
 * transactions that log a request and move it (sql/034).
 *
 * The stages: logged -> received by customer service (due 24 h after
 * logging) -> plan given to the owner (due 48 h after receipt) ->
 * dispatched to engineering when it needs work -> done (a note, photos)
 * -> the collector's follow-up (due 3 days after done: a score 0-100,
 * whether a withholding owner has paid) -> closed, or received again
 * (reopened) when the owner is not satisfied. Each step is a
 * service_request_events row with its time and actor; the owner is told
 * of each through the outbox, in the step's transaction.
 */
#ifndef PROPFEE_REQUEST_H
#define PROPFEE_REQUEST_H

#include <stdint.h>

#include "cal.h"
#include "role.h"

struct ctx;

/* service_requests.status */
enum rq_status {
	RQ_LOGGED,
	RQ_RECEIVED,
	RQ_PLANNED,
	RQ_DISPATCHED,
	RQ_DONE,
	RQ_CLOSED,
	RQ_STATUS__MAX
};
/* schema: service_requests.status */
extern const char *const rq_status_codes[RQ_STATUS__MAX];
extern const char *const rq_status_labels[RQ_STATUS__MAX];	/* 待受理 */
enum rq_status	rq_status_parse(const char *);

/* service_requests.category */
enum rq_category {
	RQ_LIGHTING,
	RQ_GREENING,
	RQ_CLEANING,
	RQ_ELEVATOR,
	RQ_WATER_POWER,
	RQ_NOTICES,
	RQ_NOISE,
	RQ_PARKING,
	RQ_SECURITY,
	RQ_OTHER,
	RQ_CATEGORY__MAX
};
/* schema: service_requests.category */
extern const char *const rq_category_codes[RQ_CATEGORY__MAX];
extern const char *const rq_category_labels[RQ_CATEGORY__MAX];	/* 照明 */
enum rq_category rq_category_parse(const char *);

/* service_requests.source: how it was logged. */
enum rq_source {
	RQ_VISIT,
	RQ_PHONE,
	RQ_PORTAL,
	RQ_SOURCE__MAX
};
/* schema: service_requests.source */
extern const char *const rq_source_codes[RQ_SOURCE__MAX];
extern const char *const rq_source_labels[RQ_SOURCE__MAX];	/* 收费员走访 */
enum rq_source	rq_source_parse(const char *);

/* service_request_events.kind */
enum rq_event {
	RQE_LOGGED,
	RQE_RECEIVED,
	RQE_PLANNED,
	RQE_DISPATCHED,
	RQE_DONE,
	RQE_FOLLOWED,
	RQE_CLOSED,
	RQE_REOPENED,
	RQE_LATE,
	RQE__MAX
};
/* schema: service_request_events.kind */
extern const char *const rq_event_codes[RQE__MAX];
extern const char *const rq_event_labels[RQE__MAX];	/* 客服已受理 */
enum rq_event	rq_event_parse(const char *);

/* What a step does (the forms of a request's page). */
enum rq_action {
	RQA_RECEIVE,	/* customer service takes it */
	RQA_PLAN,	/* ... and tells the owner the plan */
	RQA_DISPATCH,	/* ... and sends it to engineering */
	RQA_DONE,	/* engineering (or customer service: no work) */
	RQA_FOLLOWUP,	/* the collector asks the owner */
	RQA__MAX
};

/*
 * Where action a takes a request in status from: *to, and 0; -1 when
 * the action is not the request's next step (the page answers 409).
 * A follow-up closes the request when the owner is satisfied, else
 * reopens it: received again, for a new plan. Done comes after a
 * dispatch, or straight after the plan when no work is needed.
 */
int		rq_step(enum rq_status from, enum rq_action a, int satisfied,
		    enum rq_status *to);
/*
 * The roles whose step action a is from status from (route tables give
 * the routes to these and more; the page checks this too): receiving,
 * planning, dispatching: customer service (and the lead, the manager);
 * done after a dispatch: engineering (and the manager); done with no
 * work: customer service; the follow-up: the collector (and the lead,
 * the manager). 0 when the step is no step from there.
 */
unsigned	rq_roles(enum rq_status from, enum rq_action a);
/*
 * Hours the step out of status s has before it is late: logged 24
 * (received by customer service), received 48 (the plan), done 72 (the
 * follow-up); 0: no deadline (DOMAIN.md "Service loop").
 */
int		rq_due_hours(enum rq_status s);
/* 1 if a score is one the follow-up may record (0 to 100). */
int		rq_score_ok(int64_t score);
/*
 * "Paid after the fix" for a withholding owner: 1 when the payment day
 * paid is on or after the day done and within 30 days of it (issue 12,
 * case files), else 0.
 */
int		rq_paid_after(struct date done, struct date paid);

/*
 * A withholding owner's request after its fix, as the case file, the
 * monthly report and the KPI board tell it: the fix's day done
 * ("YYYY-MM-DD", "" when not done) and the day of the household's first
 * payment at or after the fix (RQ_FIRST_PAY_SQL; "" when none).
 */
enum rq_paid {
	RQ_NOT_FIXED,		/* not done (yet) */
	RQ_PAID_AFTER,		/* paid within 30 days (rq_paid_after) */
	RQ_NOT_PAID_AFTER	/* done; no payment within 30 days */
};
enum rq_paid	rq_paid_after_fix(const char *done, const char *first_pay);

/*
 * SQL: request r (service_requests) LEFT JOINed with fx, its last fix -
 * the last 'done' event - before T (fx.at NULL when none then): the case
 * file's. Params: T, T. (A join, not a subquery on a derived table:
 * MariaDB 10.11 fails the second execution of a prepared statement whose
 * subquery names a column of a merged derived table, "Unknown column".)
 */
#define RQ_LAST_FIX_SQL \
    " LEFT JOIN service_request_events fx ON fx.request_id = r.id" \
    "  AND fx.kind = 'done' AND fx.at < ?" \
    "  AND NOT EXISTS (SELECT 1 FROM service_request_events fy" \
    "   WHERE fy.request_id = r.id AND fy.kind = 'done' AND fy.at < ?" \
    "   AND fy.id > fx.id)"

/*
 * SQL: the requests first fixed from one moment to another - fx their
 * first 'done' event, r the request - for "FROM": a request is solved
 * in the range of its first fix (a reopening and a second fix do not
 * solve it again). The monthly report's solved requests and the KPI
 * board's withholding owners "paid after the fix" both read it, so a
 * month's board and that month's report count the same requests.
 * Params: estate, from, to (from <= fx.at < to).
 */
#define RQ_FIRST_FIXES_SQL \
    " FROM service_request_events fx" \
    " JOIN service_requests r ON r.id = fx.request_id" \
    " WHERE fx.estate_id = ? AND fx.kind = 'done'" \
    " AND fx.at >= ? AND fx.at < ?" \
    " AND NOT EXISTS (SELECT 1 FROM service_request_events fy" \
    "  WHERE fy.request_id = fx.request_id AND fy.kind = 'done'" \
    "  AND fy.id < fx.id)"

/*
 * SQL: the day ('YYYY-MM-DD', NULL if none) of the first payment of
 * request r's household at or after its fix fx.at (RQ_FIRST_FIXES_SQL,
 * RQ_LAST_FIX_SQL): a payment, not a reversal, of more than 0, recorded
 * before T and not reversed by a reversal recorded before T
 * (payments.paid_at is whole seconds and fx.at has microseconds: a
 * payment in the second of the fix is after it). Parameters: T, T ("as
 * at T": the board's range end, the report's drafting, the case file's
 * now). With rq_paid_after_fix(), the one definition of "paid after the
 * fix" (issue 12, DOMAIN.md "Service loop").
 */
#define RQ_FIRST_PAY_SQL \
    "(SELECT DATE_FORMAT(MIN(p.paid_at), '%Y-%m-%d') FROM payments p" \
    " WHERE p.premises_id = r.premises_id AND p.reverses_id IS NULL" \
    " AND p.amount_fen > 0 AND p.created_at < ?" \
    " AND p.paid_at >= fx.at - INTERVAL MICROSECOND(fx.at) MICROSECOND" \
    " AND NOT EXISTS (SELECT 1 FROM payments x WHERE x.reverses_id = p.id" \
    "  AND x.created_at < ?))"

/*
 * SQL: assignments row a is one of request r's households - its premises,
 * or, for a public area an owner reported, that owner's homes in the
 * request's estate - so that the collector of the reporter's home sees
 * the request, follows it up and is told of its fix (a trial: a public
 * area's request reached no collector). No parameters.
 */
#define RQ_HOUSEHOLD_SQL \
    " (a.premises_id = r.premises_id OR (r.premises_id IS NULL" \
    "  AND a.premises_id IN (SELECT po.premises_id FROM premises_owners po" \
    "  JOIN premises pp ON pp.id = po.premises_id" \
    "  WHERE po.owner_id = r.owner_id AND pp.estate_id = r.estate_id)))"

/* A request as logged (rq_log). */
struct rq_in {
	int64_t		 estate_id;
	int64_t		 premises_id;	/* DB_NULL: a public area */
	const char	*public_area;	/* "" for a premises */
	int64_t		 owner_id;	/* DB_NULL: none known */
	enum rq_category category;
	const char	*body;
	int		 withholding;
	int		 share_contact;
	const char	*contact_phone;	/* "" */
	enum rq_source	 source;
};

/*
 * Inside the caller's transaction (ctx->now set): writes the request
 * (logged by ctx's actor, receipt due in 24 h), its 'logged' event, an
 * audit row and the owner's message ("request/ID/EVENT" key); *id and
 * *event get the new ids. Returns 0 or -1.
 */
int	rq_log(struct ctx *, const struct rq_in *, int64_t *id,
	    int64_t *event);

/* A step's details (rq_act). */
struct rq_act_in {
	enum rq_action	 action;
	const char	*note;		/* the plan, the done note ... or "" */
	int64_t		 score;		/* the follow-up's, else 0 */
	int		 satisfied;	/* the follow-up's */
	int		 paid;		/* the follow-up's: -1 not asked */
};

/* rq_act's refusals (the transaction rolls back). */
#define RQ_NOT_NOW	1	/* not the request's next step: 409 */
#define RQ_NOT_YOURS	2	/* not the actor's step: 403 */

/*
 * Inside the caller's transaction: locks request id and takes step in
 * (its events, the status, the next deadline, the late flag cleared, the
 * owner's message); *event gets the step's event id. Returns 0,
 * RQ_NOT_NOW, RQ_NOT_YOURS or -1.
 */
int	rq_act(struct ctx *, int64_t id, const struct rq_act_in *,
	    int64_t *event);

/*
 * The worker's clock (worker/requests.c), inside a transaction: flags
 * request id late in its status if it still is in status `status` with
 * deadline due_at (a service_request_late row, once; the request's late
 * mark; a 'late' event; the owner's message). Returns 1 when flagged
 * now, 0 when it was already (or has moved on), -1.
 */
int	rq_flag_late(struct ctx *, int64_t id, const char *status,
	    const char *due_at);

#endif
