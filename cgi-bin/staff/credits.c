/*
 * credits.c - service-exchange credits (服务置换): an owner in hardship
 * earns credit for hours of community activity, which pays bills once a
 * manager approves it.
 *
 *   GET  /staff/credits[?status=]         the estate's logged activities
 *   GET  /staff/households/#/credits/new  the form to log one
 *   POST /staff/households/#/credits      logs it (pending): 303 to the
 *                                         list, 400 with messages
 *   POST /staff/credits/#/approve         a manager approves: hours x the
 *                                         estate's hourly rate becomes a
 *                                         payment of channel "service
 *                                         credit", allocated and receipted
 *                                         like any other (303; 409 if no
 *                                         longer pending)
 *   POST /staff/credits/#/reject          a manager rejects, with a reason
 *                                         (303; 400 without one; 409 if no
 *                                         longer pending)
 *
 * Neither is open to the manager who logged the credit (403): nobody
 * decides on money they logged themselves, as nobody approves the void
 * of a payment they took (DOMAIN.md, Receipts).
 *
 * Renders templates/staff/credits.tpl and credit_new.tpl.
 */
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "cal.h"
#include "codes.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "money.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "books.h"
#include "channel.h"
#include "tmpl.h"
#include "valid.h"

#define PER_PAGE	30

SQL_DEF(SQL_CREDITS_COUNT,
    "SELECT COUNT(*) FROM service_credits c WHERE c.estate_id = ?"
    " AND (? IS NULL OR c.status = ?)");

SQL_DEF(SQL_CREDITS_PAGE,
    "SELECT c.id, c.premises_id, bd.name, p.unit, p.room, p.occupancy, o.name,"
    " c.activity_date, c.activity, c.hours_x100, c.note, c.status,"
    " COALESCE(c.amount_fen, 0), COALESCE(rc.id, 0), COALESCE(rc.number, ''),"
    " COALESCE(ls.name, ''), COALESCE(ds.name, ''), c.decision_note,"
    " c.logged_by"
    " FROM service_credits c JOIN premises p ON p.id = c.premises_id"
    " JOIN buildings bd ON bd.id = p.building_id"
    " JOIN owners o ON o.id = c.owner_id"
    " LEFT JOIN receipts rc ON rc.payment_id = c.payment_id"
    " LEFT JOIN staff ls ON ls.id = c.logged_by"
    " LEFT JOIN staff ds ON ds.id = c.decided_by"
    " WHERE c.estate_id = ? AND (? IS NULL OR c.status = ?)"
    " ORDER BY c.id DESC LIMIT ? OFFSET ?");

SQL_DEF(SQL_CREDIT_OWNERS,
    "SELECT o.id, o.name FROM premises_owners po JOIN owners o"
    " ON o.id = po.owner_id WHERE po.premises_id = ?"
    " ORDER BY po.is_primary DESC, o.id");

SQL_DEF(SQL_CREDIT_INSERT,
    "INSERT INTO service_credits (estate_id, premises_id, owner_id,"
    " activity_date, activity, hours_x100, note, status, logged_by, logged_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, NOW())");

SQL_DEF(SQL_CREDIT_LOCK,
    "SELECT c.estate_id, c.premises_id, c.owner_id, o.name, c.hours_x100,"
    " c.status, e.credit_hour_fen, c.activity, c.logged_by"
    " FROM service_credits c JOIN owners o ON o.id = c.owner_id"
    " JOIN estates e ON e.id = c.estate_id WHERE c.id = ? FOR UPDATE");

SQL_DEF(SQL_CREDIT_APPROVE,
    "UPDATE service_credits SET status = 'approved', decided_by = ?,"
    " decided_at = NOW(), amount_fen = ?, payment_id = ? WHERE id = ?");

/* Never by the one who logged it (as approving: approve_tx). */
SQL_DEF(SQL_CREDIT_REJECT,
    "UPDATE service_credits SET status = 'rejected', decided_by = ?,"
    " decided_at = NOW(), decision_note = ? WHERE id = ?"
    " AND status = 'pending' AND logged_by <> ?");

/* Why a rejection changed nothing: decided already, or the logger's. */
SQL_DEF(SQL_CREDIT_DECIDED,
    "SELECT status, logged_by FROM service_credits WHERE id = ?");

SQL_DEF(SQL_CREDIT_RATE,
    "SELECT credit_hour_fen FROM estates WHERE id = ?");

SQL_DEF(SQL_CREDIT_ESTATE,
    "SELECT estate_id FROM service_credits WHERE id = ?");

/* credit_status_codes, NULL-terminated for V_CHOICE. */
static const char *const statuses[CREDIT_STATUS__MAX + 1] = {
	"pending", "approved", "rejected", NULL
};

static const struct field list_fields[] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "status", "状态", V_CHOICE, 0, 0, 0, statuses },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
};

enum { F_OWNER, F_DATE, F_ACTIVITY, F_HOURS, F_NOTE, F_TOKEN, F__MAX };

static const struct field new_fields[F__MAX] = {
	{ "owner", "业主", V_INT, V_REQUIRED, 1, INT64_MAX / 2, NULL },
	{ "activity_date", "活动日期", V_DATE, V_REQUIRED, 0, 0, NULL },
	{ "activity", "活动内容", V_TEXT, V_REQUIRED, 2, 100, NULL },
	{ "hours", "时长（小时）", V_DECIMAL2, V_REQUIRED, 25, 2400, NULL },
	{ "note", "备注", V_TEXT, 0, 0, 500, NULL },
	ONCE_FIELD,
};

static const struct field reject_fields[] = {
	{ "reason", "不通过的原因", V_TEXT, V_REQUIRED, 2, 200, NULL },
};

static const char *
status_label(const char *s)
{
	switch (credit_status_parse(s)) {
	case CREDIT_PENDING:
		return "待审批";
	case CREDIT_APPROVED:
		return "已通过";
	case CREDIT_REJECTED:
		return "未通过";
	default:
		return s;
	}
}

/*
 * A pending credit's money: hours (x 100) times the estate's rate per
 * hour (fen), rounded to the fen as approve_tx() rounds it, with the
 * sum written out; or that the estate has no rate yet.
 */
static void
credit_preview(struct req *r, struct tmpl *row, int64_t hours, int64_t rate)
{
	if (rate <= 0) {
		tmpl_show(row, "NO_RATE");
		return;
	}
	tmpl_show(row, "WILL_PAY");
	page_money(row, "WILL_AMOUNT", money_muldiv(hours, rate, 100));
	page_money(row, "RATE", rate);
	tmpl_set(row, "WILL_HOURS", label_area(r->a, hours));
}

/* What a decision on one credit was refused for: shown on its row. */
struct row_msg {
	int64_t		 id;
	const char	*text;
	const char	*reason;	/* the reason typed, kept */
};

/*
 * The list as its filters say (the query, or the copies a decision form
 * carries), with alert on top, or m on its credit's row (on top when
 * the row is not on this page).
 */
static void
list(struct req *r, const char *alert, const struct row_msg *m, int status)
{
	struct fval	 v[3];
	struct tmpl	*d, *row;
	struct db_res	*res;
	struct estate	 e;
	const char	*building, *unit, *room, *occ, *owner, *date, *activity;
	const char	*note, *st, *number, *logged, *decided, *dnote, *filter;
	int64_t		 id, pid, hours, amount, rid, total, page, by, rate;
	int		 rc, i, placed = 0;

	valid_fields(r, list_fields, 3, v);
	d = page_new(r, "staff/credits.tpl", "服务置换");
	if ((rc = scope_estate(r, v[0].set && !v[0].err ? v[0].i : 0, &e,
	    d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	filter = v[1].set && !v[1].err ? v[1].s : NULL;
	page = v[2].set && !v[2].err ? v[2].i : 1;
	tmpl_set_int(d, "ESTATE_ID", e.id);
	tmpl_set_int(d, "PAGE_NO", page);
	if (filter != NULL) {
		tmpl_show(d, "FILTERED");
		tmpl_set(d, "FILTER", filter);
	}
	for (i = 0; statuses[i] != NULL; i++) {
		row = tmpl_row(d, "STATUS_OPT");
		tmpl_set(row, "KEY", statuses[i]);
		tmpl_set(row, "LABEL", status_label(statuses[i]));
		if (filter && strcmp(filter, statuses[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
	if (http_query(r, "ok") != NULL)
		tmpl_show(d, "SAVED");
	if (db_one(r->ctx, &SQL_CREDITS_COUNT, "iss", "i", e.id, filter, filter,
	    &total) != 1 ||
	    db_one(r->ctx, &SQL_CREDIT_RATE, "i", "i", e.id, &rate) != 1)
		return;
	res = db_query(r->ctx, &SQL_CREDITS_PAGE, "issii", e.id, filter, filter,
	    (int64_t)PER_PAGE, (page - 1) * PER_PAGE);
	if (res == NULL)
		return;
	while ((rc = db_row(res, "iisssssssissiissssi", &id, &pid, &building,
	    &unit, &room, &occ, &owner, &date, &activity, &hours, &note, &st,
	    &amount, &rid, &number, &logged, &decided, &dnote, &by)) == 1) {
		row = tmpl_row(d, "CREDIT");
		tmpl_set_int(row, "ID", id);
		tmpl_set_int(row, "PREMISES_ID", pid);
		tmpl_set(row, "PREMISES", label_premises(r->a, building, unit,
		    room, occ));
		tmpl_set(row, "OWNER", owner);
		tmpl_set(row, "DATE", date);
		tmpl_set(row, "ACTIVITY", activity);
		tmpl_set(row, "HOURS", label_area(r->a, hours));
		tmpl_set(row, "NOTE", note);
		tmpl_set(row, "STATUS", status_label(st));
		tmpl_set(row, "STATUS_KEY", st);
		tmpl_set(row, "LOGGED_BY", logged);
		tmpl_set(row, "DECIDED_BY", decided);
		tmpl_set(row, "DECISION_NOTE", dnote);
		if (credit_status_parse(st) == CREDIT_APPROVED) {
			tmpl_show(row, "APPROVED");
			page_money(row, "AMOUNT", amount);
			tmpl_set_int(row, "RECEIPT_ID", rid);
			tmpl_set(row, "RECEIPT", number);
		}
		/* What approving makes, before the click: the same sum
		 * approve_tx() pays (hours x the estate's hourly rate). */
		if (credit_status_parse(st) == CREDIT_PENDING)
			credit_preview(r, row, hours, rate);
		if (credit_status_parse(st) == CREDIT_PENDING &&
		    (r->ctx->actor.role & ROLES_APPROVE))
			tmpl_show(row, by == r->ctx->actor.id ? "OWN_LOG" :
			    "CAN_DECIDE");
		if (m != NULL && m->id == id) {
			tmpl_show(row, "ROW_ALERT");
			tmpl_set(row, "ROW_ALERT_TEXT", m->text);
			tmpl_set(row, "REASON_VAL", m->reason ? m->reason : "");
			placed = 1;
		}
	}
	if (rc < 0)
		return;
	if (m != NULL && !placed)
		alert = m->text;
	if (alert != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", alert);
	}
	if (total == 0)
		tmpl_show(d, "NONE");
	page_pager(r, d, arena_printf(r->a, "/staff/credits?estate=%lld%s%s",
	    (long long)e.id, filter ? "&status=" : "", filter ? filter : ""),
	    page, PER_PAGE, total);
	page_render(r, status);
}

void
page_credits(struct req *r)
{
	list(r, NULL, NULL, 200);
}

/* 303 to the list a decision form came from (its estate and status). */
static void
back_to_list(struct req *r, int64_t estate)
{
	struct fval	 sv;

	valid_one(r, &list_fields[1], http_form(r, "status"), &sv);
	http_redirect(r, arena_printf(r->a, "/staff/credits?estate=%lld%s%s"
	    "&ok=1", (long long)estate, sv.set && !sv.err ? "&status=" : "",
	    sv.set && !sv.err ? sv.s : ""));
}

static void
new_form(struct req *r, const struct household *h, const struct fval *v,
    int status)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*name;
	char		 today[11];
	int64_t		 id;
	int		 rc, first = 1;

	d = page_new(r, "staff/credit_new.tpl", "登记服务置换");
	tmpl_set_int(d, "ID", h->id);
	tmpl_set(d, "LABEL", h->label);
	if ((res = db_query(r->ctx, &SQL_CREDIT_OWNERS, "i", h->id)) == NULL)
		return;
	while ((rc = db_row(res, "is", &id, &name)) == 1) {
		row = tmpl_row(d, "OWNER");
		tmpl_set_int(row, "OWNER_ID", id);
		tmpl_set(row, "OWNER_NAME", name);
		if (v ? v[F_OWNER].set && v[F_OWNER].i == id : first)
			tmpl_show(row, "SELECTED");
		first = 0;
	}
	if (rc < 0)
		return;
	if (v != NULL && v[F_TOKEN].err != NULL) {
		/* The hidden token: its message goes on top. */
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", v[F_TOKEN].err);
	}
	if (v != NULL)
		valid_to_tmpl(d, new_fields, F__MAX, v);
	else
		tmpl_set(d, "ACTIVITY_DATE_VAL", cal_fmt(today, cal_today()));
	/* A failed sending claimed nothing: a new token is as good. */
	tmpl_set(d, "FORM_TOKEN_VAL", once_token(r->ctx));
	page_render(r, status);
}

static int
household(struct req *r, struct household *h)
{
	int	 rc = scope_household(r, r->ids[0], h);

	if (rc == 0)
		page_error(r, 404, NULL);
	return rc == 1 ? 0 : -1;
}

void
page_credit_new(struct req *r)
{
	struct household h;

	if (household(r, &h) == 0)
		new_form(r, &h, NULL, 200);
}

struct log_tx {
	const struct household	*h;
	const struct fval	*v;
};

/* Logs the credit (once per form token: once_tx). */
static int
log_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct log_tx		*t = arg;
	const struct fval	*v = t->v;

	if (db_exec(ctx, &SQL_CREDIT_INSERT, "iiissisi", t->h->estate_id,
	    t->h->id, v[F_OWNER].i, v[F_DATE].s, v[F_ACTIVITY].s,
	    v[F_HOURS].i, v[F_NOTE].s, ctx->actor.id) < 0)
		return -1;
	*made = db_insert_id(ctx);
	return audit(ctx, t->h->estate_id, "credit.log", "service_credit", *made,
	    DB_NULL, arena_printf(ctx->a, "%s, %s hours", v[F_ACTIVITY].s,
	    v[F_HOURS].s)) < 0 ? -1 : 0;
}

void
page_credit_post(struct req *r)
{
	struct household h;
	struct fval	 v[F__MAX];
	struct date	 day, today = cal_today();
	struct db_res	*res;
	struct log_tx	 t;
	const char	*name;
	int64_t		 id;
	int		 errs, rc, found = 0;

	if (household(r, &h) < 0)
		return;
	errs = valid_fields(r, new_fields, F__MAX, v);
	if (!v[F_DATE].err && v[F_DATE].set) {
		cal_parse(v[F_DATE].s, &day);
		if (cal_cmp(day, today) > 0 ||
		    cal_months_between(day, today) >= 3) {
			v[F_DATE].err = "活动日期须在最近三个月内，且不晚于今天";
			errs++;
		}
	}
	if (!v[F_OWNER].err && v[F_OWNER].set) {
		if ((res = db_query(r->ctx, &SQL_CREDIT_OWNERS, "i", h.id)) == NULL)
			return;
		while ((rc = db_row(res, "is", &id, &name)) == 1)
			found |= id == v[F_OWNER].i;
		if (rc < 0)
			return;
		if (!found) {
			v[F_OWNER].err = "请从本户业主中选择";
			errs++;
		}
	}
	if (errs) {
		new_form(r, &h, v, 400);
		return;
	}
	/* Sent again (ONCE_SEEN): the first sending logged it; same answer. */
	t.h = &h;
	t.v = v;
	if ((rc = once_tx(r->ctx, v[F_TOKEN].s, "credit.log", h.id, h.estate_id,
	    log_tx, &t, &id)) < 0)
		return;
	if (rc == ONCE_SEEN && id == 0) {
		v[F_TOKEN].err = ONCE_USED_MSG;
		new_form(r, &h, v, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/credits?estate=%lld&ok=1",
	    (long long)h.estate_id));
}

/* The estate of the credit the URL names, within scope; else 404. */
static int
credit_scope(struct req *r, int64_t *estate)
{
	int	 rc;

	rc = db_one(r->ctx, &SQL_CREDIT_ESTATE, "i", "i", r->ids[0], estate);
	if (rc == 0 || (rc == 1 && !scope_sees(r, *estate))) {
		page_error(r, 404, NULL);
		return -1;
	}
	return rc == 1 ? 0 : -1;
}

struct approve_tx {
	int64_t			 id;
	struct payment_out	 out;
	int64_t			 amount;
};

static int
approve_tx(struct ctx *ctx, void *arg)
{
	struct approve_tx	*t = arg;
	struct payment_in	 in;
	const char		*owner_name, *status, *activity;
	int64_t			 estate, premises, owner, hours, rate, by;
	enum books_why		 why;

	if (db_one(ctx, &SQL_CREDIT_LOCK, "i", "iiisisisi", t->id, &estate,
	    &premises, &owner, &owner_name, &hours, &status, &rate,
	    &activity, &by) != 1)
		return -1;
	if (credit_status_parse(status) != CREDIT_PENDING)
		return 1;
	/* Nobody approves money they logged themselves (as with voids). */
	if (by == ctx->actor.id)
		return 3;
	t->amount = money_muldiv(hours, rate, 100);
	if (t->amount <= 0)
		return 2;
	memset(&in, 0, sizeof(in));
	in.estate_id = estate;
	in.premises_id = premises;
	in.amount = t->amount;
	in.channel = channel_codes[CHANNEL_SERVICE_CREDIT];
	in.channel_sub = "";
	in.payer_owner_id = owner;
	in.payer_name = owner_name;
	in.collector_id = ctx->actor.id;
	in.note = arena_printf(ctx->a, "服务置换：%s", activity);
	if (books_pay(ctx, &in, &t->out, &why) != BOOKS_OK)
		return -1;
	if (db_exec(ctx, &SQL_CREDIT_APPROVE, "iiii", ctx->actor.id, t->amount,
	    t->out.payment_id, t->id) < 0)
		return -1;
	return audit(ctx, estate, "credit.approve", "service_credit", t->id,
	    t->amount, arena_printf(ctx->a, "receipt %s", t->out.receipt_number));
}

#define OWN_LOG_MSG	"这条记录是您本人登记的，须由另一位经理审批。"

void
page_credit_approve(struct req *r)
{
	struct approve_tx	 t;
	struct row_msg		 m = { r->ids[0], NULL, NULL };
	int64_t			 estate;
	int			 rc;

	if (credit_scope(r, &estate) < 0)
		return;
	memset(&t, 0, sizeof(t));
	t.id = r->ids[0];
	if ((rc = db_tx(r->ctx, approve_tx, &t)) < 0)
		return;
	if (rc == 1) {
		m.text = "这条记录已经审批过了。";
		list(r, NULL, &m, 409);
		return;
	}
	if (rc == 2) {
		m.text = "本小区还没有设定服务置换的每小时抵扣金额，请先在"
		    "“收费标准”中设定。";
		list(r, NULL, &m, 409);
		return;
	}
	if (rc == 3) {
		m.text = OWN_LOG_MSG;
		list(r, NULL, &m, 403);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/receipts/%lld?new=1",
	    (long long)t.out.receipt_id));
}

void
page_credit_reject(struct req *r)
{
	struct audit_row	 row;
	struct fval	 v[1];
	struct row_msg	 m = { r->ids[0], NULL, NULL };
	const char	*status;
	int64_t		 n, estate, by;

	if (credit_scope(r, &estate) < 0)
		return;
	if (valid_fields(r, reject_fields, 1, v) > 0) {
		/* On the credit's own row, with what was typed. */
		m.text = v[0].err;
		m.reason = v[0].s;
		list(r, NULL, &m, 400);
		return;
	}
	row = (struct audit_row){ estate, "credit.reject", "service_credit",
	    r->ids[0], DB_NULL, v[0].s };
	if ((n = audit_exec(r->ctx, &row, &SQL_CREDIT_REJECT, "isii",
	    r->ctx->actor.id, v[0].s, r->ids[0], r->ctx->actor.id)) < 0)
		return;
	if (n == 0) {
		if (db_one(r->ctx, &SQL_CREDIT_DECIDED, "i", "si", r->ids[0],
		    &status, &by) != 1)
			return;
		if (credit_status_parse(status) == CREDIT_PENDING &&
		    by == r->ctx->actor.id) {
			m.text = OWN_LOG_MSG;
			list(r, NULL, &m, 403);
		} else {
			m.text = "这条记录已经审批过了。";
			list(r, NULL, &m, 409);
		}
		return;
	}
	back_to_list(r, estate);
}
