/*
 * voids.c - asking for a receipt's void, and deciding (DOMAIN.md,
 * Receipts: a collector asks, a team lead or manager approves, and
 * nobody approves the void of a payment they took themselves). Nobody
 * decides their own request either, nor one for a payment they took.
 *
 *   POST /staff/receipts/#/void-requests  asks, with a reason: 303 to the
 *                                         receipt (?asked=1); 400 without
 *                                         a reason; 409 when the receipt
 *                                         is void already or has an open
 *                                         request (one open request per
 *                                         receipt: a unique key)
 *   POST /staff/void-requests/#/approve   voids the receipt through
 *                                         books_void() with the
 *                                         request's reason: 303 to the
 *                                         receipt (?voided=1); 409 when
 *                                         decided already or the bills
 *                                         were since waived; 403 for the
 *                                         requester or the one who took
 *                                         the payment
 *   POST /staff/void-requests/#/refuse    refuses, with a reason: 303 to
 *                                         the receipt (?refused=1); 400
 *                                         without a reason; 409 / 403 as
 *                                         approving
 *
 * Each form records once however often it is sent (once.h): sent again,
 * it answers as the first sending did. A request or receipt outside the
 * user's estates is 404. The receipt page (receipt.c, receipt.tpl) shows
 * the request and these forms (voids_fill); the receipt register
 * (receipts.c) lists the estate's open requests to a team lead or
 * manager (voids_pending).
 */
#include <string.h>

#include "arena.h"
#include "channel.h"
#include "audit.h"
#include "db.h"
#include "http.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "receipt.h"
#include "tmpl.h"
#include "valid.h"
#include "labels.h"

/* The receipt's row first, as books_void() locks it: a request and a
 * void of the same receipt queue here. */
SQL_DEF(SQL_VREQ_LOCK_RECEIPT,
    "SELECT rc.id, (SELECT COUNT(*) FROM receipt_voids v"
    "  WHERE v.receipt_id = rc.id)"
    " FROM receipts rc WHERE rc.id = ? FOR UPDATE");

SQL_DEF(SQL_VREQ_INSERT,
    "INSERT INTO void_requests (estate_id, receipt_id, reason, requested_by,"
    " requested_at) VALUES (?, ?, ?, ?, NOW())");

SQL_DEF(SQL_VREQ_GET,
    "SELECT estate_id, receipt_id FROM void_requests WHERE id = ?");

SQL_DEF(SQL_VREQ_LOCK,
    "SELECT (status = 'open'), requested_by, reason FROM void_requests"
    " WHERE id = ? FOR UPDATE");

SQL_DEF(SQL_VREQ_APPROVE,
    "UPDATE void_requests SET status = 'approved', decided_by = ?,"
    " decided_at = NOW() WHERE id = ? AND status = 'open'");

SQL_DEF(SQL_VREQ_REFUSE,
    "UPDATE void_requests SET status = 'refused', decided_by = ?,"
    " decided_at = NOW(), refusal = ? WHERE id = ? AND status = 'open'");

/* A receipt voided without its request (the void form): the request is
 * settled by that void. */
SQL_DEF(SQL_VREQ_SETTLE,
    "UPDATE void_requests SET status = 'approved', decided_by = ?,"
    " decided_at = NOW() WHERE open_receipt_id = ?");

SQL_DEF(SQL_VREQ_OPEN_OF,
    "SELECT vr.id, vr.reason, vr.requested_by, COALESCE(st.name, ''),"
    " vr.requested_at FROM void_requests vr"
    " LEFT JOIN staff st ON st.id = vr.requested_by"
    " WHERE vr.open_receipt_id = ?");

SQL_DEF(SQL_VREQ_LAST_REFUSED,
    "SELECT vr.reason, vr.refusal, COALESCE(st.name, ''),"
    " COALESCE(vr.decided_at, '')"
    " FROM void_requests vr LEFT JOIN staff st ON st.id = vr.decided_by"
    " WHERE vr.receipt_id = ? AND vr.status = 'refused'"
    " ORDER BY vr.id DESC LIMIT 1");

SQL_DEF(SQL_VREQ_PENDING,
    "SELECT vr.id, rc.id, rc.number, bd.name, pr.unit, pr.room,"
    " pr.occupancy, p.amount_fen, COALESCE(st.name, ''), vr.requested_by,"
    " COALESCE(p.collector_id, 0), vr.reason, vr.requested_at,"
    " p.channel = " CHANNEL_SQL_SERVICE_CREDIT
    " FROM void_requests vr JOIN receipts rc ON rc.id = vr.receipt_id"
    " JOIN payments p ON p.id = rc.payment_id"
    " JOIN premises pr ON pr.id = p.premises_id"
    " JOIN buildings bd ON bd.id = pr.building_id"
    " LEFT JOIN staff st ON st.id = vr.requested_by"
    " WHERE vr.estate_id = ? AND vr.status = 'open'"
    " ORDER BY vr.requested_at, vr.id LIMIT 100");

/* The reason a request or a refusal gives, and the form's token. */
const struct field void_fields[2] = {
	{ "reason", "作废原因", V_TEXT, V_REQUIRED, 2, 200, NULL },
	ONCE_FIELD,
};

/* A refusal's: the same field, named as the refuse form names it. */
static const struct field refuse_fields[2] = {
	{ "reason", "驳回原因", V_TEXT, V_REQUIRED, 2, 200, NULL },
	ONCE_FIELD,
};

static const struct field token_field[] = { ONCE_FIELD };

/*
 * Refusals, kept apart from ONCE_SEEN: VOID_REFUSED plus books_void()'s
 * (1 void already, 2 its bills since waived, 3 the decider took the
 * payment), then those of requests.
 */
enum {
	VREQ_OPEN = VOID_REFUSED + 10,	/* the receipt has an open request */
	VREQ_DECIDED,			/* the request was decided */
	VREQ_OWN_REQUEST		/* the decider asked */
};

int
void_outcome(enum books_rc rc, enum books_why why)
{
	if (rc == BOOKS_OK)
		return 0;
	switch (why) {
	case BOOKS_ALREADY_VOID:
		return VOID_REFUSED + 1;
	case BOOKS_WAIVED_SINCE:
		return VOID_REFUSED + 2;
	case BOOKS_OWN_PAYMENT:
		return VOID_REFUSED + 3;
	default:
		return -1;
	}
}

const char *
void_refused(struct req *r, const struct receipt *rc, int why)
{
	switch (why) {
	case 1:
		return "这张收据已经作废了。";
	case 2:
		return "这张收据缴付的账单后来已减免，不能作废。";
	case 3:
		/* Who took the payment, or approved the credit (own_words). */
		return arena_printf(r->a, "%s，作废须由其他组长或经理审批。",
		    rc->own_words);
	case VREQ_OPEN - VOID_REFUSED:
		return "这张收据已有一份待审批的作废申请。";
	case VREQ_DECIDED - VOID_REFUSED:
		return "这份作废申请已经处理过了。";
	case VREQ_OWN_REQUEST - VOID_REFUSED:
		return "这份作废申请是您本人提出的，须由其他组长或经理审批。";
	default:
		return "没有作废。";
	}
}

/*
 * Answers a sending: 303 to the receipt with flag on success (or when it
 * was sent before), else the receipt page with the message on top of its
 * void part (409, or 403 for the decider's own request or payment).
 */
static void
answer(struct req *r, const struct receipt *rc, int rv, int64_t made,
    struct fval *v, const char *flag)
{
	if (rv < 0)
		return;
	if (rv == ONCE_SEEN && made == 0)
		v[1].err = ONCE_USED_MSG;
	else if (rv >= VOID_REFUSED)
		v[1].err = void_refused(r, rc, rv - VOID_REFUSED);
	if (v[1].err != NULL) {
		receipt_show(r, rc, v, rv == VREQ_OWN_REQUEST ||
		    rv == VOID_REFUSED + 3 ? 403 : 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/receipts/%lld?%s=1",
	    (long long)rc->id, flag));
}

struct ask_tx {
	const struct receipt	*rc;
	const char		*reason;
};

static int
ask_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct ask_tx	*t = arg;
	int64_t		 id, nvoids, rc;

	if (db_one(ctx, &SQL_VREQ_LOCK_RECEIPT, "i", "ii", t->rc->id, &id,
	    &nvoids) != 1)
		return -1;
	if (nvoids > 0)
		return VOID_REFUSED + 1;
	rc = db_exec_unique(ctx, &SQL_VREQ_INSERT, "iisi", t->rc->estate_id,
	    t->rc->id, t->reason, ctx->actor.id);
	if (rc == DB_DUPLICATE)
		return VREQ_OPEN;
	if (rc < 0)
		return -1;
	*made = db_insert_id(ctx);
	return audit(ctx, t->rc->estate_id, "void.request", "receipt", t->rc->id,
	    t->rc->amount, t->reason) < 0 ? -1 : 0;
}

void
page_void_ask(struct req *r)
{
	struct receipt	 rc;
	struct fval	 v[NF(void_fields)];
	struct ask_tx	 t;
	int64_t		 made = 0;
	int		 rv;

	if (receipt_scoped(r, r->ids[0], &rc) != 1)
		return;
	if (valid_fields(r, void_fields, NF(void_fields), v) > 0) {
		receipt_show(r, &rc, v, 400);
		return;
	}
	t.rc = &rc;
	t.reason = v[0].s;
	rv = once_tx(r->ctx, v[1].s, "void.request", rc.id, rc.estate_id, ask_tx,
	    &t, &made);
	answer(r, &rc, rv, made, v, "asked");
}

/* A request the URL names, in scope, and its receipt; else answered. */
static int
load_request(struct req *r, int64_t *estate, struct receipt *rc)
{
	int64_t	 receipt;
	int	 rv;

	rv = db_one(r->ctx, &SQL_VREQ_GET, "i", "ii", r->ids[0], estate, &receipt);
	if (rv == 0 || (rv == 1 && !scope_sees(r, *estate))) {
		page_error(r, 404, NULL);
		return -1;
	}
	if (rv < 0)
		return -1;
	return receipt_scoped(r, receipt, rc) == 1 ? 0 : -1;
}

struct decide_tx {
	int64_t			 id;
	const struct receipt	*rc;
	const char		*refusal;	/* NULL: approve */
};

/* The request, locked, still open and not the decider's own. */
static int
decidable(struct ctx *ctx, const struct decide_tx *t, const char **reason)
{
	int64_t	 open, by;

	if (db_one(ctx, &SQL_VREQ_LOCK, "i", "iis", t->id, &open, &by,
	    reason) != 1)
		return -1;
	if (!open)
		return VREQ_DECIDED;
	if (by == ctx->actor.id)
		return VREQ_OWN_REQUEST;
	return 0;
}

static int
approve_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct decide_tx	*t = arg;
	const char		*reason;
	enum books_why		 why;
	enum books_rc		 brc;
	int			 rc;

	if ((rc = decidable(ctx, t, &reason)) != 0)
		return rc;
	brc = books_void(ctx, t->rc->id, reason, ctx->actor.id, &why);
	if ((rc = void_outcome(brc, why)) != 0)
		return rc;
	if (db_exec(ctx, &SQL_VREQ_APPROVE, "ii", ctx->actor.id, t->id) < 0)
		return -1;
	*made = t->id;
	return 0;
}

static int
refuse_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct decide_tx	*t = arg;
	const char		*reason;
	int			 rc;

	if ((rc = decidable(ctx, t, &reason)) != 0)
		return rc;
	/* As books_void() refuses its approval, so its refusal. */
	if (t->rc->collector_id == ctx->actor.id)
		return VOID_REFUSED + 3;
	if (db_exec(ctx, &SQL_VREQ_REFUSE, "isi", ctx->actor.id, t->refusal,
	    t->id) < 0)
		return -1;
	*made = t->id;
	return audit(ctx, t->rc->estate_id, "void.refuse", "receipt", t->rc->id,
	    t->rc->amount, t->refusal) < 0 ? -1 : 0;
}

/*
 * Approves the request the URL names (refuse 0: only its form token is
 * read) or refuses it (refuse 1: with a reason), once however often the
 * form is sent.
 */
static void
decide(struct req *r, int refuse)
{
	struct receipt		 rc;
	struct fval		 v[NF(void_fields)];
	struct decide_tx	 t;
	int64_t			 estate, made = 0;
	int			 rv;

	if (load_request(r, &estate, &rc) < 0)
		return;
	if (refuse) {
		if (valid_fields(r, refuse_fields, NF(refuse_fields), v) > 0) {
			receipt_show(r, &rc, v, 400);
			return;
		}
	} else {
		memset(v, 0, sizeof(v));
		v[0].s = "";
		if (valid_one(r, token_field, http_form(r, "form_token"),
		    &v[1])) {
			receipt_show(r, &rc, v, 400);
			return;
		}
	}
	t.id = r->ids[0];
	t.rc = &rc;
	t.refusal = refuse ? v[0].s : NULL;
	rv = once_tx(r->ctx, v[1].s, refuse ? "void.refuse" : "void.approve",
	    t.id, estate, refuse ? refuse_tx : approve_tx, &t, &made);
	answer(r, &rc, rv, made, v, refuse ? "refused" : "voided");
}

void
page_void_approve(struct req *r)
{
	decide(r, 0);
}

void
page_void_refuse(struct req *r)
{
	decide(r, 1);
}

int
voids_settle(struct ctx *ctx, int64_t receipt_id)
{
	return db_exec(ctx, &SQL_VREQ_SETTLE, "ii", ctx->actor.id,
	    receipt_id) < 0 ? -1 : 0;
}

/* The open request of the receipt and what the viewer may do with it. */
static int
fill_open(struct req *r, struct tmpl *d, const struct receipt *rc, int *open)
{
	const char	*reason, *who, *at;
	int64_t		 id, by;
	int		 rv;

	rv = db_one(r->ctx, &SQL_VREQ_OPEN_OF, "i", "isiss", rc->id, &id, &reason,
	    &by, &who, &at);
	if ((*open = rv == 1) == 0)
		return rv;
	tmpl_show(d, "VOID_REQUEST");
	tmpl_set(d, "OWN_WORDS", rc->own_words);
	tmpl_set_int(d, "VREQ_ID", id);
	tmpl_set(d, "VREQ_REASON", reason);
	tmpl_set(d, "VREQ_BY", who);
	tmpl_set(d, "VREQ_AT", at);
	if (by == r->ctx->actor.id)
		tmpl_show(d, "VREQ_MINE");
	else if (!http_may(r, METHOD_POST, "/void-requests/#/approve"))
		tmpl_show(d, "VREQ_WAITING");
	else if (rc->collector_id == r->ctx->actor.id)
		tmpl_show(d, "VREQ_OWN_PAYMENT");
	else {
		tmpl_show(d, "VREQ_DECIDE");
		tmpl_set(d, "APPROVE_TOKEN", once_token(r->ctx));
		tmpl_set(d, "REFUSE_TOKEN", once_token(r->ctx));
	}
	return 0;
}

int
voids_fill(struct req *r, struct tmpl *d, const struct receipt *rc,
    const struct fval *v)
{
	const char	*reason, *refusal, *who, *at;
	int		 open, rv;

	if (v != NULL && v[1].err != NULL) {
		tmpl_show(d, "VOID_ALERT");
		tmpl_set(d, "VOID_ALERT_TEXT", v[1].err);
	}
	if (http_query(r, "asked") != NULL)
		tmpl_show(d, "JUST_ASKED");
	if (http_query(r, "refused") != NULL)
		tmpl_show(d, "JUST_REFUSED");
	if (rc->voided) {
		tmpl_show(d, "VOIDED");
		tmpl_set(d, "VOID_REASON", rc->void_reason);
		tmpl_set(d, "VOIDED_AT", rc->voided_at);
		tmpl_set(d, "VOID_BY", rc->void_by);
		return 0;
	}
	if (fill_open(r, d, rc, &open) < 0)
		return -1;
	if (open)
		return 0;
	rv = db_one(r->ctx, &SQL_VREQ_LAST_REFUSED, "i", "ssss", rc->id, &reason,
	    &refusal, &who, &at);
	if (rv < 0)
		return -1;
	if (rv == 1) {
		tmpl_show(d, "LAST_REFUSED");
		tmpl_set(d, "REFUSED_ASKED", reason);
		tmpl_set(d, "REFUSED_WHY", refusal);
		tmpl_set(d, "REFUSED_BY", who);
		tmpl_set(d, "REFUSED_AT", at);
	}
	if (http_may(r, METHOD_POST, "/receipts/#/void") &&
	    rc->collector_id != r->ctx->actor.id) {
		tmpl_show(d, "CAN_VOID");
		return 0;
	}
	/* books_void() refuses the void of one's own payment (or of a
	 * credit one approved): ask. */
	if (http_may(r, METHOD_POST, "/receipts/#/void")) {
		tmpl_show(d, "OWN_PAYMENT");
		tmpl_set(d, "OWN_WORDS", rc->own_words);
	}
	if (http_may(r, METHOD_POST, "/receipts/#/void-requests")) {
		tmpl_show(d, "CAN_ASK");
		tmpl_set(d, "ASK_TOKEN", once_token(r->ctx));
	}
	return 0;
}

int
voids_pending(struct req *r, struct tmpl *d, int64_t estate_id)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*number, *building, *unit, *room, *occ, *who, *reason;
	const char	*at;
	int64_t		 id, rid, amount, by, collector, credit;
	int		 rc, n = 0;

	if (!http_may(r, METHOD_POST, "/void-requests/#/approve"))
		return 0;
	if ((res = db_query(r->ctx, &SQL_VREQ_PENDING, "i", estate_id)) == NULL)
		return -1;
	tmpl_show(d, "VREQ_LIST");
	while ((rc = db_row(res, "iisssssisiissi", &id, &rid, &number,
	    &building, &unit, &room, &occ, &amount, &who, &by, &collector,
	    &reason, &at, &credit)) == 1) {
		row = tmpl_row(d, "VREQ");
		n++;
		tmpl_set_int(row, "VREQ_ID", id);
		tmpl_set_int(row, "RID", rid);
		tmpl_set(row, "NUMBER", number);
		tmpl_set(row, "PREMISES", label_premises(r->a, building, unit,
		    room, occ));
		page_money(row, "AMOUNT", amount);
		tmpl_set(row, "BY", who);
		tmpl_set(row, "REASON", reason);
		tmpl_set(row, "AT", at);
		if (by == r->ctx->actor.id)
			tmpl_show(row, "MINE");
		else if (collector == r->ctx->actor.id) {
			tmpl_show(row, "OWN_PAYMENT");
			tmpl_set(row, "OWN_WHAT", credit ? "您本人批准的抵扣" :
			    "您本人收的款");
		}
	}
	if (rc < 0)
		return -1;
	tmpl_set_int(d, "VREQ_N", n);
	if (n == 0)
		tmpl_show(d, "VREQ_NONE");
	return 0;
}
