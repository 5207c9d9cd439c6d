/*
 * requests.c - service requests in the back office (报事报修 / 投诉,
 * issue 12, DOMAIN.md "Service loop"); the stages are core/request.h.
 *
 *   GET  /staff/requests[?estate=&status=&category=&late=1]
 *        the list: a collector sees the requests of the households
 *        assigned to them (and those they logged), engineering those
 *        dispatched to it, the others every request of the estate; a
 *        late step is marked 超时 and listed first
 *   GET  /staff/requests/new[?estate=]    log one from a phone call
 *   GET  /staff/households/#/requests/new log one from a household's page
 *   POST /staff/requests                   logs it (multipart, photos):
 *        303 to its page; 400 with messages by the fields
 *   GET  /staff/requests/#                 every step with its time and
 *        actor, and the next step as a form for the role whose step it
 *        is; 404 outside what the user may see (above)
 *   POST /staff/requests/#/receive|plan|dispatch|done|followup
 *        takes that step: 303 to the page; 400 with messages; 409 when
 *        it is not the request's next step any more; 403 when not the
 *        user's step
 *   GET  /staff/requests/#/photos/#[/thumb] a photo of the request, to
 *        those who may see it (else 404)
 *
 * Engineering sees where the work is and a contact only when the owner
 * agreed to share one (PIPL: need to know); the owner's phone otherwise
 * stays with customer service and the fee team.
 *
 * Renders templates/staff/requests.tpl, request.tpl, request_new.tpl.
 */
#include <stdio.h>
#include <string.h>

#include "address.h"
#include "cal.h"
#include "arena.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "request.h"
#include "role.h"
#include "rqphoto.h"
#include "tmpl.h"
#include "valid.h"

#define PER_PAGE	30

/* Params: estate, status x3 (NULL: all; "open": not closed), category
 * x2, late, collector scope (0: none) x3, engineering (0/1). */
#define RQ_FILTER \
    " WHERE r.estate_id = ? AND (? IS NULL OR r.status = ?" \
    "  OR (? = 'open' AND r.status <> 'closed'))" \
    " AND (? IS NULL OR r.category = ?) AND (? = 0 OR r.late = 1)" \
    " AND (? = 0 OR EXISTS (SELECT 1 FROM assignments a" \
    "  WHERE" RQ_HOUSEHOLD_SQL " AND a.collector_id = ?)" \
    "  OR (r.logged_by_kind = 'staff' AND r.logged_by = ?))" \
    " AND (? = 0 OR EXISTS (SELECT 1 FROM service_request_events x" \
    "  WHERE x.request_id = r.id AND x.kind = 'dispatched'))"

SQL_DEF(SQL_RQS_COUNT,
    "SELECT COUNT(*) FROM service_requests r" RQ_FILTER);

SQL_DEF(SQL_RQS_PAGE,
    "SELECT r.id, r.category, r.status, r.late, COALESCE(bd.name, ''),"
    " COALESCE(p.unit, ''), COALESCE(p.room, ''),"
    " COALESCE(p.occupancy, ''), r.public_area, r.body,"
    " DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i'),"
    " COALESCE(DATE_FORMAT(r.due_at, '%Y-%m-%d %H:%i'), ''), r.withholding"
    " FROM service_requests r LEFT JOIN premises p ON p.id = r.premises_id"
    " LEFT JOIN buildings bd ON bd.id = p.building_id" RQ_FILTER
    " ORDER BY r.late DESC, r.id DESC LIMIT ? OFFSET ?");

/* One request, with whether its household is assigned to the user (a
 * collector), whether the user logged it and whether it went to
 * engineering. Params: me, me, id. */
SQL_DEF(SQL_RQ_GET,
    "SELECT r.estate_id, COALESCE(r.premises_id, 0), r.public_area,"
    " r.category, r.body, r.withholding, r.share_contact, r.contact_phone,"
    " r.source, r.status, r.plan, r.late,"
    " COALESCE(DATE_FORMAT(r.due_at, '%Y-%m-%d %H:%i'), ''),"
    " COALESCE(bd.name, ''), COALESCE(p.unit, ''), COALESCE(p.room, ''),"
    " COALESCE(p.occupancy, ''), COALESCE(o.name, ''), COALESCE(o.phone, ''),"
    " (SELECT COUNT(*) FROM assignments a WHERE" RQ_HOUSEHOLD_SQL
    "  AND a.collector_id = ?),"
    " (r.logged_by_kind = 'staff' AND r.logged_by = ?),"
    " EXISTS (SELECT 1 FROM service_request_events x"
    "  WHERE x.request_id = r.id AND x.kind = 'dispatched')"
    " FROM service_requests r LEFT JOIN premises p ON p.id = r.premises_id"
    " LEFT JOIN buildings bd ON bd.id = p.building_id"
    " LEFT JOIN owners o ON o.id = r.owner_id WHERE r.id = ?");

SQL_DEF(SQL_RQ_EVENTS,
    "SELECT e.id, e.kind, DATE_FORMAT(e.at, '%Y-%m-%d %H:%i'), e.actor_kind,"
    " COALESCE(s.name, o.name, ''), COALESCE(s.role, ''), e.note,"
    " COALESCE(e.score, -1), COALESCE(e.paid, -1), e.was_late, e.late_stage"
    " FROM service_request_events e"
    " LEFT JOIN staff s ON e.actor_kind = 'staff' AND s.id = e.actor_id"
    " LEFT JOIN owners o ON e.actor_kind = 'owner' AND o.id = e.actor_id"
    " WHERE e.request_id = ? ORDER BY e.id");

SQL_DEF(SQL_RQ_PRIMARY,
    "SELECT po.owner_id FROM premises_owners po WHERE po.premises_id = ?"
    " ORDER BY po.is_primary DESC, po.owner_id LIMIT 1");

SQL_DEF(SQL_RQ_FIND_PREMISES,
    "SELECT p.id FROM premises p JOIN buildings bd ON bd.id = p.building_id"
    " WHERE p.estate_id = ? AND bd.name IN (?, ?, ?) AND p.unit = ?"
    " AND p.room = ?");

/* The lead's board: the estate's late steps. */
SQL_DEF(SQL_RQ_LATE_COUNT,
    "SELECT COUNT(*) FROM service_requests WHERE estate_id = ? AND late = 1");

/* status choices: "open" and the codes, NULL-ended */
static const char *const status_choices[RQ_STATUS__MAX + 2] = {
	"open", "logged", "received", "planned", "dispatched", "done",
	"closed", NULL
};
static const char *const category_choices[RQ_CATEGORY__MAX + 1] = {
	"lighting", "greening", "cleaning", "elevator", "water_power",
	"notices", "noise", "parking", "security", "other", NULL
};
static const char *const yes[] = { "0", "1", NULL };
static const char *const sources[] = { "visit", "phone", NULL };

enum { L_ESTATE, L_STATUS, L_CATEGORY, L_LATE, L_PAGE, L__MAX };
static const struct field list_fields[L__MAX] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "status", "状态", V_CHOICE, 0, 0, 0, status_choices },
	{ "category", "类别", V_CHOICE, 0, 0, 0, category_choices },
	{ "late", "超时", V_CHOICE, 0, 0, 0, yes },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
};

enum { N_ESTATE, N_HOUSEHOLD, N_PREMISES, N_AREA, N_CATEGORY, N_BODY,
	N_WITHHOLD, N_SHARE, N_CONTACT, N_SOURCE, N_TOKEN, N__MAX };
static const struct field new_fields[N__MAX] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "household", "住户", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "premises", "房号", V_TEXT, 0, 1, 40, NULL },
	{ "public_area", "公共区域", V_TEXT, 0, 2, 100, NULL },
	{ "category", "类别", V_CHOICE, V_REQUIRED, 0, 0, category_choices },
	{ "body", "问题描述", V_TEXT, V_REQUIRED, 2, 1000, NULL },
	{ "withholding", "是否因此拒缴", V_CHOICE, 0, 0, 0, yes },
	{ "share_contact", "同意提供联系方式", V_CHOICE, 0, 0, 0, yes },
	{ "contact_phone", "联系电话", V_PHONE, 0, 0, 0, NULL },
	{ "source", "来源", V_CHOICE, V_REQUIRED, 0, 0, sources },
	ONCE_FIELD,
};

enum { S_NOTE, S_SCORE, S_SATISFIED, S_PAID, S_SEEN, S__MAX };
static const struct field step_fields[S__MAX] = {
	{ "note", "说明", V_TEXT, 0, 0, 1000, NULL },
	{ "score", "满意度（0-100）", V_INT, 0, 0, 100, NULL },
	{ "satisfied", "业主是否满意", V_CHOICE, 0, 0, 0, yes },
	{ "paid", "业主是否已缴费", V_CHOICE, 0, 0, 0, yes },
	/* the last step the form's page showed (its event id) */
	{ "seen", "页面", V_INT, 0, 0, INT64_MAX / 2, NULL },
};

/* The request's last step (a worker's late flag is none: it changes
 * nothing the form was for). Params: id. */
SQL_DEF(SQL_RQ_LAST_STEP,
    "SELECT COALESCE(MAX(id), 0) FROM service_request_events"
    " WHERE request_id = ? AND kind <> 'late'");

/* A request as the pages show it. */
struct rq {
	int64_t		 id, estate_id, premises_id, withholding, share;
	int64_t		 late, assigned, logged, dispatched;
	const char	*area, *category, *body, *contact, *source, *status;
	const char	*plan, *due, *where, *owner, *phone;
};

/*
 * Loads request r->ids[0] if the user may see it: 1; 0 after answering
 * 404 (another estate's; a collector: not their household's; engineering:
 * not dispatched to it); -1.
 */
static int
rq_load(struct req *r, struct rq *q)
{
	const char	*b, *u, *room, *occ;
	enum role	 role = r->ctx->actor.role;
	int		 rc;

	memset(q, 0, sizeof(*q));
	q->id = r->ids[0];
	rc = db_one(r->ctx, &SQL_RQ_GET, "iii", "iisssiissssisssssssiii",
	    r->ctx->actor.id, r->ctx->actor.id,
	    q->id, &q->estate_id, &q->premises_id, &q->area, &q->category,
	    &q->body, &q->withholding, &q->share, &q->contact, &q->source,
	    &q->status, &q->plan, &q->late, &q->due, &b, &u, &room, &occ,
	    &q->owner, &q->phone, &q->assigned, &q->logged, &q->dispatched);
	if (rc < 0)
		return -1;
	if (rc == 0 || !scope_sees(r, q->estate_id) ||
	    (role == ROLE_COLLECTOR && q->assigned == 0 && q->logged == 0) ||
	    (role == ROLE_ENGINEERING && !q->dispatched)) {
		page_error(r, 404, NULL);
		return 0;
	}
	q->where = q->premises_id > 0 ? label_premises(r->a, b, u, room, occ) :
	    q->area;
	return 1;
}

static const char *
cat_label(const char *code)
{
	enum rq_category c = rq_category_parse(code);

	return c < RQ_CATEGORY__MAX ? rq_category_labels[c] : code;
}

static const char *
status_label(const char *code)
{
	enum rq_status s = rq_status_parse(code);

	return s < RQ_STATUS__MAX ? rq_status_labels[s] : code;
}

/* ---- the list ---- */

void
page_requests(struct req *r)
{
	struct fval	 v[L__MAX];
	struct tmpl	*d, *row;
	struct db_res	*res;
	struct estate	 e;
	const char	*st, *cat, *b, *u, *room, *occ, *area, *body, *at, *due;
	const char	*status, *category;
	int64_t		 id, late, wh, total, page, coll, eng, lateonly;
	enum role	 role = r->ctx->actor.role;
	/* "withholding" is a fee fact: not for engineering (access.c) */
	int		 rc, i, ledger = http_sees(r, DATA_LEDGER, 1) != SEE_NONE;

	valid_fields(r, list_fields, L__MAX, v);
	d = page_new(r, "staff/requests.tpl", "报事报修");
	if ((rc = scope_estate(r, v[L_ESTATE].set && !v[L_ESTATE].err ?
	    v[L_ESTATE].i : 0, &e, d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	status = v[L_STATUS].set && !v[L_STATUS].err ? v[L_STATUS].s : NULL;
	category = v[L_CATEGORY].set && !v[L_CATEGORY].err ?
	    v[L_CATEGORY].s : NULL;
	lateonly = v[L_LATE].set && !v[L_LATE].err ? v[L_LATE].i : 0;
	page = v[L_PAGE].set && !v[L_PAGE].err ? v[L_PAGE].i : 1;
	coll = role == ROLE_COLLECTOR ? r->ctx->actor.id : 0;
	eng = role == ROLE_ENGINEERING;
	tmpl_set_int(d, "ESTATE_ID", e.id);
	tmpl_set(d, "ESTATE_NAME", e.name);
	if (coll)
		tmpl_show(d, "MINE_ONLY");
	if (eng)
		tmpl_show(d, "DISPATCHED_ONLY");
	if (http_may(r, METHOD_GET, "/requests/new"))
		tmpl_show(d, "CAN_LOG");
	for (i = 0; status_choices[i] != NULL; i++) {
		row = tmpl_row(d, "STATUS_OPT");
		tmpl_set(row, "KEY", status_choices[i]);
		tmpl_set(row, "LABEL", i == 0 ? "未结案" :
		    rq_status_labels[i - 1]);
		if (status && strcmp(status, status_choices[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
	for (i = 0; i < RQ_CATEGORY__MAX; i++) {
		row = tmpl_row(d, "CATEGORY_OPT");
		tmpl_set(row, "KEY", rq_category_codes[i]);
		tmpl_set(row, "LABEL", rq_category_labels[i]);
		if (category && strcmp(category, rq_category_codes[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
	if (lateonly)
		tmpl_show(d, "LATE_CHECKED");
	if (db_one(r->ctx, &SQL_RQS_COUNT, "isssssiiiii", "i", e.id, status,
	    status, status, category, category, lateonly, coll, coll, coll, eng,
	    &total) != 1)
		return;
	res = db_query(r->ctx, &SQL_RQS_PAGE, "isssssiiiiiii", e.id, status,
	    status, status, category, category, lateonly, coll, coll, coll, eng,
	    (int64_t)PER_PAGE, (page - 1) * PER_PAGE);
	if (res == NULL)
		return;
	while ((rc = db_row(res, "ississssssssi", &id, &cat, &st, &late, &b,
	    &u, &room, &occ, &area, &body, &at, &due, &wh)) == 1) {
		row = tmpl_row(d, "REQUEST");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "CATEGORY", cat_label(cat));
		tmpl_set(row, "STATUS", status_label(st));
		tmpl_set(row, "STATUS_KEY", st);
		tmpl_set(row, "WHERE", *b != '\0' ? label_premises(r->a, b, u,
		    room, occ) : area);
		tmpl_set(row, "BODY", body);
		tmpl_set(row, "AT", at);
		if (late)
			tmpl_show(row, "LATE");
		if (*due != '\0' && !late) {
			tmpl_show(row, "HAS_DUE");
			tmpl_set(row, "DUE", due);
		}
		if (wh && ledger)
			tmpl_show(row, "WITHHOLDING");
	}
	if (rc < 0)
		return;
	if (total == 0)
		tmpl_show(d, "NONE");
	page_pager(r, d, arena_printf(r->a, "/staff/requests?estate=%lld%s%s"
	    "%s%s%s", (long long)e.id, status ? "&status=" : "",
	    status ? status : "", category ? "&category=" : "",
	    category ? category : "", lateonly ? "&late=1" : ""), page,
	    PER_PAGE, total);
	page_render(r, 200);
}

int
requests_late_board(struct req *r, struct tmpl *d, int64_t estate_id)
{
	int64_t	 n;

	if (!http_may(r, METHOD_GET, "/requests"))
		return 0;
	if (db_one(r->ctx, &SQL_RQ_LATE_COUNT, "i", "i", estate_id, &n) != 1)
		return -1;
	if (n > 0) {
		tmpl_show(d, "RQ_LATE");
		tmpl_set_int(d, "RQ_LATE_N", n);
	}
	return 0;
}

/* ---- a household's case file ---- */

/*
 * The household's requests, newest first, each with its last fix and the
 * first payment of the household after it, as the books stand now: for
 * "paid after the fix" (rq_paid_after_fix: within 30 days). Params: now
 * x4 (RQ_FIRST_PAY_SQL's T, RQ_LAST_FIX_SQL's T), premises.
 */
SQL_DEF(SQL_RQ_OF_HOUSEHOLD,
    "SELECT r.id, r.category, r.status, r.withholding,"
    " DATE_FORMAT(r.created_at, '%Y-%m-%d'),"
    " COALESCE(DATE_FORMAT(fx.at, '%Y-%m-%d'), ''),"
    " COALESCE(" RQ_FIRST_PAY_SQL ", ''), COALESCE(r.score, -1)"
    " FROM service_requests r" RQ_LAST_FIX_SQL
    " WHERE r.premises_id = ? ORDER BY r.id DESC LIMIT 50");

int
requests_casefile(struct req *r, struct tmpl *d, int64_t premises_id)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*cat, *st, *at, *dday, *pday;
	char		 now[20], until[32];
	int64_t		 id, wh, score;
	int		 rc;

	/* T is now: this second's end (times are kept to the second). */
	snprintf(until, sizeof(until), "%s.999999", cal_now(now));
	if ((res = db_query(r->ctx, &SQL_RQ_OF_HOUSEHOLD, "ssssi", until,
	    until, until, until, premises_id)) == NULL)
		return -1;
	while ((rc = db_row(res, "ississsi", &id, &cat, &st, &wh, &at, &dday,
	    &pday, &score)) == 1) {
		row = tmpl_row(d, "RQ");
		tmpl_set_int(row, "RQ_ID", id);
		tmpl_set(row, "RQ_CATEGORY", cat_label(cat));
		tmpl_set(row, "RQ_STATUS", status_label(st));
		tmpl_set(row, "RQ_AT", at);
		if (score >= 0) {
			tmpl_show(row, "RQ_HAS_SCORE");
			tmpl_set_int(row, "RQ_SCORE", score);
		}
		if (!wh)
			continue;
		tmpl_show(row, "RQ_WITHHOLDING");
		switch (rq_paid_after_fix(dday, pday)) {
		case RQ_NOT_FIXED:
			tmpl_show(row, "RQ_NOT_FIXED");
			break;
		case RQ_PAID_AFTER:
			tmpl_show(row, "RQ_PAID_AFTER");
			tmpl_set(row, "RQ_PAID_DAY", pday);
			break;
		default:
			tmpl_show(row, "RQ_NOT_PAID_AFTER");
			break;
		}
	}
	if (rc < 0)
		return -1;
	return 0;
}

/* ---- logging one ---- */

/* The form; h the household it is for (NULL: a phone call's). */
static void
new_form(struct req *r, const struct household *h, const struct estate *e,
    const struct fval *v, const char *alert, int status)
{
	struct tmpl	*d, *row;
	int		 i;

	d = page_new(r, "staff/request_new.tpl", "登记报事报修");
	if (v != NULL)
		tmpl_show(d, "PHOTOS_AGAIN");	/* not kept by a browser */
	if (h != NULL) {
		tmpl_show(d, "HOUSEHOLD");
		tmpl_set_int(d, "HOUSEHOLD_ID", h->id);
		tmpl_set(d, "LABEL", h->label);
		tmpl_set_int(d, "ESTATE_ID", h->estate_id);
	} else {
		tmpl_show(d, "PHONE_CALL");
		tmpl_set_int(d, "ESTATE_ID", e->id);
		tmpl_set(d, "ESTATE_NAME", e->name);
	}
	for (i = 0; i < RQ_CATEGORY__MAX; i++) {
		row = tmpl_row(d, "CATEGORY_OPT");
		tmpl_set(row, "KEY", rq_category_codes[i]);
		tmpl_set(row, "LABEL", rq_category_labels[i]);
		if (v != NULL && v[N_CATEGORY].set &&
		    strcmp(v[N_CATEGORY].s, rq_category_codes[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
	/* a collector on a visit, anyone else on the phone */
	if (v != NULL ? v[N_SOURCE].set && v[N_SOURCE].i == 0 :
	    h != NULL && r->ctx->actor.role == ROLE_COLLECTOR)
		tmpl_show(d, "SOURCE_VISIT");
	else
		tmpl_show(d, "SOURCE_PHONE");
	if (v != NULL) {
		valid_to_tmpl(d, new_fields, N__MAX, v);
		if (v[N_WITHHOLD].set && v[N_WITHHOLD].i == 1)
			tmpl_show(d, "WITHHOLDING_CHECKED");
		if (v[N_SHARE].set && v[N_SHARE].i == 1)
			tmpl_show(d, "SHARE_CHECKED");
		if (v[N_TOKEN].err != NULL)
			alert = v[N_TOKEN].err;
	}
	if (alert != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", alert);
	}
	tmpl_set(d, "FORM_TOKEN_VAL", once_token(r->ctx));
	page_render(r, status);
}

void
page_request_new(struct req *r)
{
	struct estate	 e;
	struct fval	 v;
	int		 rc;

	valid_one(r, &list_fields[L_ESTATE], http_query(r, "estate"), &v);
	if ((rc = scope_estate(r, v.set && !v.err ? v.i : 0, &e, NULL)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	new_form(r, NULL, &e, NULL, NULL, 200);
}

void
page_household_request_new(struct req *r)
{
	struct household h;
	int		 rc;

	if ((rc = scope_household(r, r->ids[0], &h)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	new_form(r, &h, NULL, NULL, NULL, 200);
}

void
page_request_post(struct req *r)
{
	struct fval	 v[N__MAX];
	struct household h, *hp = NULL;
	struct estate	 e;
	struct address	 a;
	struct photo	 photos[PHOTO_PER_STEP];
	struct rqphoto_log t;
	const char	*perr = NULL;
	int64_t		 id, owner = DB_NULL, premises = DB_NULL;
	int		 errs, rc, where;

	errs = valid_fields(r, new_fields, N__MAX, v);
	memset(&e, 0, sizeof(e));
	if (v[N_HOUSEHOLD].set && !v[N_HOUSEHOLD].err) {
		if ((rc = scope_household(r, v[N_HOUSEHOLD].i, &h)) != 1) {
			if (rc == 0)
				page_error(r, 404, NULL);
			return;
		}
		hp = &h;
		e.id = h.estate_id;
		premises = h.id;
	} else if ((rc = scope_estate(r, v[N_ESTATE].set && !v[N_ESTATE].err ?
	    v[N_ESTATE].i : 0, &e, NULL)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	where = (hp != NULL) + v[N_PREMISES].set + v[N_AREA].set;
	if (hp == NULL && where == 0) {
		v[N_PREMISES].err = "请填写房号，或者公共区域";
		errs++;
	} else if (hp == NULL && v[N_PREMISES].set && v[N_AREA].set) {
		v[N_AREA].err = "房号和公共区域只填一个";
		errs++;
	} else if (hp == NULL && v[N_PREMISES].set && !v[N_PREMISES].err) {
		if (address_parse(v[N_PREMISES].s, &a) < 2 ||
		    a.room[0] == '\0') {
			v[N_PREMISES].err = "请写完整的房号，如 3栋2单元301室";
			errs++;
		} else if ((rc = db_one(r->ctx, &SQL_RQ_FIND_PREMISES, "isssss",
		    "i", e.id, a.building, arena_printf(r->a, "%s栋",
		    a.building), a.building_typed[0] != '\0' ?
		    a.building_typed : a.building, a.unit, a.room,
		    &premises)) < 0)
			return;
		else if (rc == 0) {
			v[N_PREMISES].err = "本小区没有这个房号";
			errs++;
		}
	}
	if (premises != DB_NULL && db_one(r->ctx, &SQL_RQ_PRIMARY, "i", "i",
	    premises, &owner) < 0)
		return;
	/* a home's fees only: a public area's request withholds nothing (a
	 * trial: 北门停车场 marked 拒缴, then followed up for an owner's
	 * payment that nobody owes) */
	if (hp == NULL && !v[N_PREMISES].set && v[N_WITHHOLD].set &&
	    v[N_WITHHOLD].i == 1) {
		v[N_WITHHOLD].err = "公共区域的报修不涉及哪一户缴费：要勾选拒缴，"
		    "请填写这户的房号";
		errs++;
	}
	if (errs) {
		new_form(r, hp, &e, v, NULL, 400);
		return;
	}
	if ((rc = rqphoto_take(r, "photos", photos, &t.nphotos, &perr)) < 0) {
		page_fail(r);
		return;
	}
	if (rc > 0) {
		new_form(r, hp, &e, v, perr, 400);
		return;
	}
	memset(&t.in, 0, sizeof(t.in));
	t.photos = photos;
	t.in.estate_id = e.id;
	t.in.premises_id = premises;
	t.in.public_area = premises == DB_NULL ? v[N_AREA].s : "";
	t.in.owner_id = owner;
	t.in.category = (enum rq_category)v[N_CATEGORY].i;
	t.in.body = v[N_BODY].s;
	t.in.withholding = v[N_WITHHOLD].set && v[N_WITHHOLD].i == 1;
	t.in.share_contact = v[N_SHARE].set && v[N_SHARE].i == 1;
	t.in.contact_phone = v[N_CONTACT].set ? v[N_CONTACT].s : "";
	t.in.source = v[N_SOURCE].i == 0 ? RQ_VISIT : RQ_PHONE;
	rc = once_tx(r->ctx, v[N_TOKEN].s, "request.log", premises == DB_NULL ?
	    e.id : premises, e.id, rqphoto_log_tx, &t, &id);
	if (rc != ONCE_FIRST)
		rqphoto_drop(photos, t.nphotos);
	if (rc < 0)
		return;
	if (rc == ONCE_SEEN && id == 0) {
		v[N_TOKEN].err = ONCE_USED_MSG;
		new_form(r, hp, &e, v, NULL, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/requests/%lld?ok=1",
	    (long long)id));
}

/* ---- one request ---- */

/* Who took a step, in words; an owner by name only to those who see
 * owners' names (engineering: "业主"). */
static const char *
actor_words(struct req *r, const char *kind, const char *name,
    const char *role, int names)
{
	if (strcmp(kind, "owner") == 0)
		return names ? arena_printf(r->a, "业主 %s", name) : "业主";
	if (strcmp(kind, "system") == 0)
		return "系统";
	return arena_printf(r->a, "%s（%s）", name, role_label(role));
}

#define EVENTS_MAX	200

/* The page of q with the next step's form for the user; v and alert: a
 * refused step's messages. */
static void
show(struct req *r, const struct rq *q, const struct fval *v,
    const char *alert, int status)
{
	struct tmpl	*d, *row, *rows[EVENTS_MAX];
	struct db_res	*res;
	const char	*kind, *at, *akind, *name, *role, *note, *lstage, *base;
	int64_t		 ev, score, paid, waslate, evs[EVENTS_MAX], seen = 0;
	enum rq_status	 s = rq_status_parse(q->status);
	enum rq_event	 k;
	enum role	 me = r->ctx->actor.role;
	enum see	 contact;
	size_t		 n = 0;
	int		 rc, names;

	/* Who sees what (core/access.c): a collector sees the contact of
	 * the households assigned to them, not of one they only logged a
	 * request for; engineering what the owner agreed to share (the
	 * phone, not the name: the consent is to be called), and no fee
	 * fact (the ledger). A breaker's trial found both shown. */
	names = http_sees(r, DATA_OWNER_NAME, q->assigned > 0) != SEE_NONE;
	contact = http_sees(r, DATA_REQUEST_CONTACT, q->assigned > 0);
	d = page_new(r, "staff/request.tpl", "报事报修");
	tmpl_set_int(d, "ID", q->id);
	tmpl_set_int(d, "ESTATE_ID", q->estate_id);
	tmpl_set(d, "CATEGORY", cat_label(q->category));
	tmpl_set(d, "WHERE", q->where);
	tmpl_set(d, "BODY", q->body);
	tmpl_set(d, "STATUS", status_label(q->status));
	tmpl_set(d, "STATUS_KEY", q->status);
	if (q->premises_id > 0 && me != ROLE_ENGINEERING) {
		tmpl_show(d, "HOUSEHOLD");
		tmpl_set_int(d, "PREMISES_ID", q->premises_id);
	}
	if (q->withholding && http_sees(r, DATA_LEDGER, q->assigned > 0) !=
	    SEE_NONE)
		tmpl_show(d, "WITHHOLDING");
	if (q->late)
		tmpl_show(d, "LATE");
	if (*q->due != '\0') {
		tmpl_show(d, "HAS_DUE");
		tmpl_set(d, "DUE", q->due);
	}
	if (*q->plan != '\0') {
		tmpl_show(d, "HAS_PLAN");
		tmpl_set(d, "PLAN", q->plan);
	}
	/* Who to call. */
	if (contact == SEE_SHARED) {
		if (q->share && (*q->contact != '\0' || *q->phone != '\0')) {
			tmpl_show(d, "CONTACT");
			tmpl_show(d, "HAS_PHONE");
			tmpl_set(d, "CONTACT_PHONE", *q->contact != '\0' ?
			    q->contact : q->phone);
			tmpl_show(d, "SHARED");
		} else
			tmpl_show(d, "NO_CONTACT");
	} else if (contact == SEE_ALL && (*q->owner != '\0' ||
	    *q->contact != '\0' || *q->phone != '\0')) {
		tmpl_show(d, "CONTACT");
		if (names && *q->owner != '\0') {
			tmpl_show(d, "HAS_NAME");
			tmpl_set(d, "CONTACT_NAME", q->owner);
		}
		tmpl_show(d, "HAS_PHONE");
		tmpl_set(d, "CONTACT_PHONE", *q->contact != '\0' ? q->contact :
		    q->phone);
		if (q->share)
			tmpl_show(d, "SHARED");
	}
	if (http_query(r, "ok") != NULL && alert == NULL)
		tmpl_show(d, "SAVED");
	if ((res = db_query(r->ctx, &SQL_RQ_EVENTS, "i", q->id)) == NULL)
		return;
	while ((rc = db_row(res, "issssssiiis", &ev, &kind, &at, &akind, &name,
	    &role, &note, &score, &paid, &waslate, &lstage)) == 1) {
		k = rq_event_parse(kind);
		if (k != RQE_LATE)
			seen = ev;
		row = tmpl_row(d, "EVENT");
		tmpl_set(row, "KIND", kind);
		tmpl_set(row, "LABEL", k < RQE__MAX ? rq_event_labels[k] : kind);
		tmpl_set(row, "AT", at);
		tmpl_set(row, "ACTOR", actor_words(r, akind, name, role, names));
		if (*note != '\0') {
			tmpl_show(row, "HAS_NOTE");
			tmpl_set(row, "NOTE", note);
		}
		if (score >= 0) {
			tmpl_show(row, "HAS_SCORE");
			tmpl_set_int(row, "SCORE", score);
		}
		if (paid >= 0)
			tmpl_show(row, paid ? "PAID" : "NOT_PAID");
		if (waslate && k != RQE_LATE)
			tmpl_show(row, "WAS_LATE");
		if (k == RQE_LATE) {
			enum rq_status ls = rq_status_parse(lstage);

			tmpl_show(row, "IS_LATE");
			tmpl_set(row, "LATE_STAGE", ls < RQ_STATUS__MAX ?
			    rq_status_labels[ls] : lstage);
		}
		if (n < EVENTS_MAX) {
			rows[n] = row;
			evs[n++] = ev;
		}
	}
	if (rc < 0)
		return;
	tmpl_set_int(d, "SEEN", seen);
	base = arena_printf(r->a, "/staff/requests/%lld", (long long)q->id);
	if (rqphoto_fill(r, q->id, base, rows, evs, n) < 0)
		return;
	/* The next step, as a form to the role whose step it is. */
	if (rq_roles(s, RQA_RECEIVE) & me)
		tmpl_show(d, "CAN_RECEIVE");
	if (rq_roles(s, RQA_PLAN) & me)
		tmpl_show(d, "CAN_PLAN");
	if (rq_roles(s, RQA_DISPATCH) & me)
		tmpl_show(d, "CAN_DISPATCH");
	if (rq_roles(s, RQA_DONE) & me)
		tmpl_show(d, "CAN_DONE");
	if (rq_roles(s, RQA_FOLLOWUP) & me) {
		tmpl_show(d, "CAN_FOLLOWUP");
		if (q->withholding)
			tmpl_show(d, "ASK_PAID");
	}
	if (!((rq_roles(s, RQA_RECEIVE) | rq_roles(s, RQA_PLAN) |
	    rq_roles(s, RQA_DISPATCH) | rq_roles(s, RQA_DONE) |
	    rq_roles(s, RQA_FOLLOWUP)) & me) && s != RQ_CLOSED)
		tmpl_show(d, "OTHERS_STEP");
	if (v != NULL) {
		valid_to_tmpl(d, step_fields, S__MAX, v);
		/* a browser keeps no file a form came back without (a
		 * trial: the photos went without a word) */
		tmpl_show(d, "PHOTOS_AGAIN");
	}
	if (alert != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", alert);
	}
	page_render(r, status);
}

void
page_request(struct req *r)
{
	struct rq	 q;

	if (rq_load(r, &q) == 1)
		show(r, &q, NULL, NULL, 200);
}

void
page_request_photo(struct req *r)
{
	struct rq	 q;

	if (rq_load(r, &q) == 1)
		rqphoto_send(r, 0);
}

void
page_request_thumb(struct req *r)
{
	struct rq	 q;

	if (rq_load(r, &q) == 1)
		rqphoto_send(r, 1);
}

struct step_tx {
	int64_t			 id, estate;
	struct rq_act_in	 in;
	struct photo		*photos;
	size_t			 nphotos;
};

static int
step_tx(struct ctx *ctx, void *arg)
{
	struct step_tx	*t = arg;
	int64_t		 ev;
	int		 rc;

	if ((rc = rq_act(ctx, t->id, &t->in, &ev)) != 0)
		return rc;
	return rqphoto_store(ctx, t->estate, t->id, ev, t->photos, t->nphotos);
}

static void
step(struct req *r, enum rq_action a)
{
	struct rq	 q;
	struct fval	 v[S__MAX];
	struct photo	 photos[PHOTO_PER_STEP];
	struct step_tx	 t;
	const char	*perr = NULL;
	int64_t		 last;
	int		 errs, rc;

	if (rq_load(r, &q) != 1)
		return;
	errs = valid_fields(r, step_fields, S__MAX, v);
	if ((a == RQA_PLAN || a == RQA_DONE) && !v[S_NOTE].err &&
	    valid_utf8_len(v[S_NOTE].s) < 2) {
		v[S_NOTE].err = a == RQA_PLAN ? "请写明给业主的处理方案" :
		    "请写明处理情况";
		errs++;
	}
	if (a == RQA_FOLLOWUP) {
		if (!v[S_SCORE].set && !v[S_SCORE].err) {
			v[S_SCORE].err = "请填写业主的满意度（0-100）";
			errs++;
		}
		if (!v[S_SATISFIED].set && !v[S_SATISFIED].err) {
			v[S_SATISFIED].err = "请选择业主是否满意";
			errs++;
		} else if (v[S_SATISFIED].set && v[S_SATISFIED].i == 1 &&
		    v[S_SCORE].set && !v[S_SCORE].err && v[S_SCORE].i < 60) {
			/* below a pass mark, "satisfied" is a slip of the
			 * finger (a trial: 30 分, 满意，结案) */
			v[S_SATISFIED].err = "不到 60 分通常是不满意：请核对分数，"
			    "或选「不满意」重新处理";
			errs++;
		}
		if (q.withholding && !v[S_PAID].set && !v[S_PAID].err) {
			v[S_PAID].err = "请选择业主是否已缴费";
			errs++;
		}
	}
	if (errs) {
		show(r, &q, v, NULL, 400);
		return;
	}
	/* A form of a page older than the request's last step (the same
	 * follow-up sent again after a reopening: a breaker's trial) is
	 * not taken; the status alone let it through. */
	if (v[S_SEEN].set) {
		if (db_one(r->ctx, &SQL_RQ_LAST_STEP, "i", "i", q.id, &last) != 1)
			return;
		if (last != v[S_SEEN].i) {
			show(r, &q, NULL, "这一步已经有人处理过了，请看下面的最新进度。",
			    409);
			return;
		}
	}
	t.nphotos = 0;
	if (a == RQA_DONE && (rc = rqphoto_take(r, "photos", photos,
	    &t.nphotos, &perr)) != 0) {
		if (rc < 0)
			page_fail(r);
		else
			show(r, &q, v, perr, 400);
		return;
	}
	memset(&t.in, 0, sizeof(t.in));
	t.id = q.id;
	t.estate = q.estate_id;
	t.photos = photos;
	t.in.action = a;
	t.in.note = v[S_NOTE].s;
	t.in.score = v[S_SCORE].set ? v[S_SCORE].i : 0;
	t.in.satisfied = v[S_SATISFIED].set && v[S_SATISFIED].i == 1;
	t.in.paid = v[S_PAID].set ? (int)v[S_PAID].i : -1;
	rc = db_tx(r->ctx, step_tx, &t);
	if (rc != 0)
		rqphoto_drop(photos, t.nphotos);
	if (rc < 0)
		return;
	if (rc == RQ_NOT_NOW) {
		show(r, &q, NULL, "这一步已经有人处理过了，请看下面的最新进度。",
		    409);
		return;
	}
	if (rc == RQ_NOT_YOURS) {
		show(r, &q, NULL, "这一步不由您的岗位处理。", 403);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/requests/%lld?ok=1",
	    (long long)q.id));
}

void
page_request_receive(struct req *r)
{
	step(r, RQA_RECEIVE);
}

void
page_request_plan(struct req *r)
{
	step(r, RQA_PLAN);
}

void
page_request_dispatch(struct req *r)
{
	step(r, RQA_DISPATCH);
}

void
page_request_done(struct req *r)
{
	step(r, RQA_DONE);
}

void
page_request_followup(struct req *r)
{
	step(r, RQA_FOLLOWUP);
}
