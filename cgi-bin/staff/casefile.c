/*
 * casefile.c - one household, one strategy (一户一策): why it does not
 * pay, the plan, every contact, promises to pay (a broken one is
 * flagged), the payments that followed, and the outcome.
 *
 *   GET  /staff/households/#/case   the open case file (or the form to
 *                                   open one) and closed ones before it
 *   POST /staff/households/#/case   opens a case file
 *   POST /staff/cases/#/plan        revises the cause and the plan
 *   POST /staff/cases/#/contacts    logs a call, visit, SMS or WeChat
 *   POST /staff/cases/#/promises    records a promise to pay
 *   POST /staff/cases/#/close       closes it with the outcome
 *
 * Each POST answers 303 back to the page, or the page with messages next
 * to the fields (400); a closed case takes no more entries (409). A
 * household has at most one open case file (a unique key: a second one
 * is 409), and a form that creates something (a case file, a contact, a
 * promise) records it once however often it is sent (once.h).
 * Renders templates/staff/casefile.tpl.
 */
#include <string.h>

#include "arena.h"
#include "arrears.h"
#include "audit.h"
#include "cal.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "ledger.h"
#include "money.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

/* Whom to call: the owners, the registered owner first. */
SQL_DEF(SQL_CASE_OWNERS,
    "SELECT o.name, o.phone, o.birth_year, po.is_primary"
    " FROM premises_owners po JOIN owners o ON o.id = po.owner_id"
    " WHERE po.premises_id = ? ORDER BY po.is_primary DESC, o.id");

SQL_DEF(SQL_CASE_OPEN_OF,
    "SELECT cf.id, cf.cause_category, cf.cause, cf.plan, cf.opened_at,"
    " COALESCE(st.name, '')"
    " FROM case_files cf LEFT JOIN staff st ON st.id = cf.opened_by"
    " WHERE cf.premises_id = ? AND cf.status = 'open'"
    " ORDER BY cf.id DESC LIMIT 1");

SQL_DEF(SQL_CASE_CLOSED,
    "SELECT cf.cause_category, cf.cause, cf.outcome, cf.opened_at,"
    " COALESCE(cf.closed_at, '')"
    " FROM case_files cf WHERE cf.premises_id = ? AND cf.status = 'closed'"
    " ORDER BY cf.id DESC LIMIT 20");

SQL_DEF(SQL_CASE_CONTACTS,
    "SELECT cc.kind, cc.contacted_at, COALESCE(st.name, ''), cc.outcome"
    " FROM case_contacts cc LEFT JOIN staff st ON st.id = cc.staff_id"
    " WHERE cc.case_id = ? ORDER BY cc.contacted_at DESC, cc.id DESC");

/* Kept when the household paid the amount between promise and date. */
SQL_DEF(SQL_CASE_PROMISES,
    "SELECT cp.amount_fen, cp.due_date, cp.made_at, COALESCE(st.name, ''),"
    " COALESCE((SELECT SUM(p.amount_fen) FROM payments p"
    "  WHERE p.premises_id = cp.premises_id AND p.paid_at >= cp.made_at"
    "  AND p.paid_at < DATE_ADD(cp.due_date, INTERVAL 1 DAY)), 0),"
    " cp.due_date < ?"
    " FROM case_promises cp LEFT JOIN staff st ON st.id = cp.staff_id"
    " WHERE cp.case_id = ? ORDER BY cp.made_at DESC, cp.id DESC");

SQL_DEF(SQL_CASE_PAYMENTS,
    "SELECT p.paid_at, p.amount_fen, p.channel, COALESCE(rc.id, 0),"
    " COALESCE(rc.number, '')"
    " FROM payments p LEFT JOIN receipts rc ON rc.payment_id = p.id"
    " WHERE p.premises_id = ? AND p.paid_at >= ?"
    " ORDER BY p.paid_at DESC, p.id DESC LIMIT 50");

SQL_DEF(SQL_CASE_INSERT,
    "INSERT INTO case_files (estate_id, premises_id, cause_category, cause,"
    " plan, opened_by, opened_at) VALUES (?, ?, ?, ?, ?, ?, NOW())");

SQL_DEF(SQL_CASE_GET,
    "SELECT premises_id, estate_id, status, DATE(opened_at)"
    " FROM case_files WHERE id = ?");

SQL_DEF(SQL_CASE_PLAN,
    "UPDATE case_files SET cause_category = ?, cause = ?, plan = ?"
    " WHERE id = ? AND status = 'open'");

SQL_DEF(SQL_CASE_CONTACT_INSERT,
    "INSERT INTO case_contacts (estate_id, case_id, premises_id, kind,"
    " contacted_at, staff_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)");

SQL_DEF(SQL_CASE_PROMISE_INSERT,
    "INSERT INTO case_promises (estate_id, case_id, premises_id, amount_fen,"
    " due_date, made_at, staff_id) VALUES (?, ?, ?, ?, ?, NOW(), ?)");

SQL_DEF(SQL_CASE_CLOSE,
    "UPDATE case_files SET status = 'closed', outcome = ?, closed_by = ?,"
    " closed_at = NOW() WHERE id = ? AND status = 'open'");

static const char *const categories[] = {
	"service_complaint", "financial_hardship", "area_dispute",
	"absent_owner", "elderly_alone", "renovation_dispute", "other", NULL
};
static const char *const kinds[] = { "call", "visit", "sms", "wechat", NULL };

/* The plan form revises what the open form set: the same fields. */
static const struct field open_fields[] = {
	{ "category", "原因类别", V_CHOICE, V_REQUIRED, 0, 0, categories },
	{ "cause", "查明的原因", V_TEXT, V_REQUIRED, 2, 500, NULL },
	{ "plan", "化解方案", V_TEXT, V_REQUIRED, 2, 1000, NULL },
};

static const struct field token_field[] = { ONCE_FIELD };

static const struct field contact_fields[] = {
	{ "kind", "联系方式", V_CHOICE, V_REQUIRED, 0, 0, kinds },
	{ "day", "联系日期", V_DATE, V_REQUIRED, 0, 0, NULL },
	{ "outcome", "结果", V_TEXT, V_REQUIRED, 2, 500, NULL },
	ONCE_FIELD,
};

static const struct field promise_fields[] = {
	{ "amount", "承诺金额", V_MONEY, V_REQUIRED, 1, 100000000, NULL },
	{ "due", "承诺日期", V_DATE, V_REQUIRED, 0, 0, NULL },
	ONCE_FIELD,
};

static const struct field close_fields[] = {
	{ "result", "处理结果", V_TEXT, V_REQUIRED, 2, 500, NULL },
};

/* The form that came back with messages, if any. */
struct sent {
	const struct field	*f;
	size_t			 n;
	const struct fval	*v;
};

static void
options(struct tmpl *d, const char *section, const char *const *keys,
    const char *(*label)(const char *), const char *selected)
{
	struct tmpl	*row;
	size_t		 i;

	for (i = 0; keys[i] != NULL; i++) {
		row = tmpl_row(d, section);
		tmpl_set(row, "KEY", keys[i]);
		tmpl_set(row, "LABEL", label(keys[i]));
		if (selected && strcmp(selected, keys[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
}

static int
show_open(struct req *r, struct tmpl *d, int64_t cid, int64_t pid,
    const char *opened)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*kind, *at, *who, *outcome, *due, *channel, *number;
	char		 day[11];
	int64_t		 amount, paid, past, rid;
	int		 rc;

	if ((res = db_query(r->ctx, &SQL_CASE_CONTACTS, "i", cid)) == NULL)
		return -1;
	while ((rc = db_row(res, "ssss", &kind, &at, &who, &outcome)) == 1) {
		row = tmpl_row(d, "CONTACT");
		tmpl_set(row, "KIND", label_contact_kind(kind));
		tmpl_set(row, "AT", arena_strndup(r->a, at, 10));
		tmpl_set(row, "WHO", who);
		tmpl_set(row, "OUTCOME", outcome);
	}
	if (rc < 0)
		return -1;
	res = db_query(r->ctx, &SQL_CASE_PROMISES, "si", cal_fmt(day, cal_today()),
	    cid);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "isssii", &amount, &due, &at, &who, &paid,
	    &past)) == 1) {
		row = tmpl_row(d, "PROMISE");
		page_money(row, "AMOUNT", amount);
		page_money(row, "PAID", paid);
		tmpl_set(row, "DUE", due);
		tmpl_set(row, "MADE", arena_strndup(r->a, at, 10));
		tmpl_set(row, "WHO", who);
		if (paid >= amount)
			tmpl_show(row, "KEPT");
		else if (past)
			tmpl_show(row, "BROKEN");
		else
			tmpl_show(row, "PENDING");
	}
	if (rc < 0)
		return -1;
	res = db_query(r->ctx, &SQL_CASE_PAYMENTS, "is", pid, opened);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "sisis", &at, &amount, &channel, &rid,
	    &number)) == 1) {
		row = tmpl_row(d, "PAYMENT");
		tmpl_set(row, "AT", at);
		page_money_signed(row, "AMOUNT", amount);
		tmpl_set(row, "CHANNEL", label_channel(channel));
		tmpl_set_int(row, "RECEIPT_ID", rid);
		tmpl_set(row, "RECEIPT", number);
	}
	return rc < 0 ? -1 : 0;
}

/*
 * The top of the case file: the premises and its owners, each phone a
 * tel: link (issue 8: whoever keeps the file calls from it). Returns 0
 * or -1.
 */
static int
show_owners(struct req *r, struct tmpl *d, const struct household *h,
    struct date today)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*name, *phone;
	int64_t		 born, primary;
	enum see	 phone_sight;
	int		 rc, n = 0, hardship;

	/* Whoever sees the case file sees its owners' phones (access.c). */
	phone_sight = scope_sees_data(r, DATA_OWNER_PHONE, h->id);
	hardship = scope_sees_data(r, DATA_HARDSHIP, h->id) == SEE_ALL;
	tmpl_set(d, "ESTATE", h->estate);
	tmpl_set(d, "OCCUPANCY", label_occupancy(h->occupancy));
	tmpl_set(d, "AREA", label_area(r->a, h->area_x100));
	if ((res = db_query(r->ctx, &SQL_CASE_OWNERS, "i", h->id)) == NULL)
		return -1;
	while ((rc = db_row(res, "ssIi", &name, &phone, &born, &primary)) == 1) {
		row = tmpl_row(d, "OWNER");
		n++;
		tmpl_set(row, "NAME", name);
		tmpl_set(row, "PHONE", access_phone(r->a, phone_sight, phone));
		if (primary)
			tmpl_show(row, "PRIMARY");
		if (born != DB_NULL && hardship) {
			tmpl_show(row, "HAS_AGE");
			tmpl_set_int(row, "AGE", today.y - born);
			if (today.y - born >= 80)
				tmpl_show(row, "OVER_80");
		}
	}
	if (rc < 0)
		return -1;
	if (n == 0)
		tmpl_show(d, "NO_OWNER");
	return 0;
}

/*
 * Whether the user sees household pid's case files (access.c: a
 * collector those of the households assigned to them; the lead, the
 * manager, the admin all). Returns 0, or -1 once r holds the answer: 404
 * (issue 12: a case file one may not see does not exist for one), or the
 * database failure.
 */
static int
case_sight(struct req *r, int64_t pid)
{
	if (scope_sees_data(r, DATA_CASE, pid) == SEE_ALL)
		return 0;
	if (!r->ctx->db_failed)
		page_error(r, 404, NULL);
	return -1;
}

static void
show(struct req *r, int64_t pid, const struct sent *sent, const char *alert,
    int status)
{
	struct household	 h;
	struct tmpl		*d, *row;
	struct db_res		*res;
	struct account		 acc;
	struct arrears		 arr;
	struct date		 today = cal_today();
	const char		*cat, *cause, *plan, *opened, *by, *outcome, *closed;
	char			 day[11];
	int64_t			 cid;
	int			 rc;

	if (scope_standing(r, pid, today, &h, &acc, &arr) < 0 ||
	    case_sight(r, pid) < 0)
		return;
	d = page_new(r, "staff/casefile.tpl", arena_printf(r->a, "一户一策 · %s",
	    h.label));
	tmpl_set_int(d, "ID", h.id);
	tmpl_set(d, "LABEL", h.label);
	tmpl_set_int(d, "ESTATE_ID", h.estate_id);
	if (show_owners(r, d, &h, today) < 0 ||
	    hardship_casefile(r, d, h.id) < 0)
		return;
	page_money(d, "OVERDUE", acc.overdue_fen);
	tmpl_set(d, "MONTHS", arr.nbills > 0 ? arrears_months_words(r->a,
	    arr.months) : "无逾期");
	if (arr.tier != TIER_NONE) {
		tmpl_show(d, "HAS_TIER");
		tmpl_set(d, "TIER_KEY", tier_key(arr.tier));
		tmpl_set(d, "TIER_LABEL", tier_label(arr.tier));
	}
	if (r->ctx->actor.role & ROLES_CASE)
		tmpl_show(d, "CAN_WRITE");
	if (http_may(r, METHOD_POST, "/cases/#/close"))
		tmpl_show(d, "CAN_CLOSE");
	/* A contact's day starts as today; sent back, as it was typed
	 * (valid_to_tmpl below). */
	tmpl_set(d, "DAY_VAL", cal_fmt(day, today));
	rc = db_one(r->ctx, &SQL_CASE_OPEN_OF, "i", "isssss", h.id, &cid, &cat,
	    &cause, &plan, &opened, &by);
	if (rc < 0)
		return;
	if (rc == 1) {
		tmpl_show(d, "OPEN");
		tmpl_set_int(d, "CASE_ID", cid);
		tmpl_set(d, "CATEGORY", label_case_cause(cat));
		tmpl_set(d, "CAUSE", cause);
		tmpl_set(d, "PLAN", plan);
		tmpl_set(d, "OPENED", opened);
		tmpl_set(d, "OPENED_BY", by);
		options(d, "CATEGORY_OPT", categories, label_case_cause, cat);
		if (show_open(r, d, cid, h.id, opened) < 0)
			return;
	} else {
		tmpl_show(d, "NO_CASE");
		options(d, "CATEGORY_OPT", categories, label_case_cause,
		    sent && sent->f == open_fields && sent->v[0].set ?
		    sent->v[0].s : NULL);
	}
	options(d, "KIND_OPT", kinds, label_contact_kind,
	    sent && sent->f == contact_fields && sent->v[0].set ?
	    sent->v[0].s : NULL);
	/* Its service requests (issue 12): a complaint is often why. */
	if (requests_casefile(r, d, h.id) < 0)
		return;
	if ((res = db_query(r->ctx, &SQL_CASE_CLOSED, "i", h.id)) == NULL)
		return;
	while ((rc = db_row(res, "sssss", &cat, &cause, &outcome, &opened,
	    &closed)) == 1) {
		row = tmpl_row(d, "CLOSED");
		tmpl_set(row, "CATEGORY", label_case_cause(cat));
		tmpl_set(row, "CAUSE", cause);
		tmpl_set(row, "OUTCOME", outcome);
		tmpl_set(row, "OPENED", arena_strndup(r->a, opened, 10));
		tmpl_set(row, "CLOSED_AT", arena_strndup(r->a, closed, 10));
	}
	if (rc < 0)
		return;
	if (sent != NULL)
		valid_to_tmpl(d, sent->f, sent->n, sent->v);
	/* Each create form its own token; a failed sending claimed none. */
	tmpl_set(d, "OPEN_TOKEN", once_token(r->ctx));
	tmpl_set(d, "CONTACT_TOKEN", once_token(r->ctx));
	tmpl_set(d, "PROMISE_TOKEN", once_token(r->ctx));
	if (alert != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", alert);
	}
	if (http_query(r, "ok") != NULL)
		tmpl_show(d, "SAVED");
	page_render(r, status);
}

void
page_casefile(struct req *r)
{
	show(r, r->ids[0], NULL, NULL, 200);
}

static void
back(struct req *r, int64_t pid)
{
	http_redirect(r, arena_printf(r->a, "/staff/households/%lld/case?ok=1",
	    (long long)pid));
}

#define CREATE_TAKEN	2	/* refused by a unique key: answer 409 */

struct opening {
	const struct household	*h;
	const struct fval	*v;
};

static int
open_insert(struct ctx *ctx, void *arg, int64_t *made)
{
	const struct opening	*o = arg;
	int64_t			 rc;

	rc = db_exec_unique(ctx, &SQL_CASE_INSERT, "iisssi", o->h->estate_id,
	    o->h->id, o->v[0].s, o->v[1].s, o->v[2].s, ctx->actor.id);
	if (rc == DB_DUPLICATE)
		return CREATE_TAKEN;
	if (rc < 0)
		return -1;
	*made = db_insert_id(ctx);
	return audit(ctx, o->h->estate_id, "case.open", "case_file", *made,
	    DB_NULL, o->v[0].s) < 0 ? -1 : 0;
}

void
page_casefile_open(struct req *r)
{
	struct household h;
	struct fval	 v[NF(open_fields)], tv;
	struct sent	 s = { open_fields, NF(open_fields), v };
	struct opening	 o = { &h, v };
	int64_t		 made;
	int		 rc, errs;

	if ((rc = scope_household(r, r->ids[0], &h)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	if (case_sight(r, h.id) < 0)
		return;
	errs = valid_fields(r, open_fields, NF(open_fields), v);
	if (valid_one(r, token_field, http_form(r, "form_token"), &tv)) {
		show(r, h.id, &s, tv.err, 400);
		return;
	}
	if (errs > 0) {
		show(r, h.id, &s, NULL, 400);
		return;
	}
	rc = once_tx(r->ctx, tv.s, "case.open", h.id, h.estate_id, open_insert, &o,
	    &made);
	if (rc < 0)
		return;
	if (rc == ONCE_SEEN && made == 0) {
		show(r, h.id, NULL, ONCE_USED_MSG, 409);
		return;
	}
	if (rc == CREATE_TAKEN) {
		show(r, h.id, NULL, "这户已有一份进行中的档案。", 409);
		return;
	}
	/* ONCE_SEEN: the first sending opened it; the same answer. */
	back(r, h.id);
}

struct casef {
	int64_t		 id, premises, estate;
	const char	*status;
	const char	*opened;	/* YYYY-MM-DD */
};

/* The case the URL names, within scope and open; else answers. */
static int
load_case(struct req *r, struct casef *c)
{
	int	 rc;

	c->id = r->ids[0];
	rc = db_one(r->ctx, &SQL_CASE_GET, "i", "iiss", c->id, &c->premises,
	    &c->estate, &c->status, &c->opened);
	if (rc == 0 || (rc == 1 && !scope_sees(r, c->estate))) {
		page_error(r, 404, NULL);
		return -1;
	}
	if (rc < 0 || case_sight(r, c->premises) < 0)
		return -1;
	if (strcmp(c->status, "open") != 0) {
		show(r, c->premises, NULL, "这份档案已经结案，不能再添加记录。", 409);
		return -1;
	}
	return 0;
}

void
page_casefile_plan(struct req *r)
{
	struct audit_row	 row;
	struct casef	 c;
	struct fval	 v[NF(open_fields)];
	struct sent	 s = { open_fields, NF(open_fields), v };

	if (load_case(r, &c) < 0)
		return;
	if (valid_fields(r, open_fields, NF(open_fields), v) > 0) {
		show(r, c.premises, &s, NULL, 400);
		return;
	}
	row = (struct audit_row){ c.estate, "case.plan", "case_file", c.id,
	    DB_NULL, v[0].s };
	if (audit_exec(r->ctx, &row, &SQL_CASE_PLAN, "sssi", v[0].s, v[1].s,
	    v[2].s, c.id) < 0)
		return;
	back(r, c.premises);
}

struct entry {
	const struct casef	*c;
	const struct fval	*v;
	const char		*at;	/* a contact's moment */
};

static int
contact_insert(struct ctx *ctx, void *arg, int64_t *made)
{
	const struct entry	*e = arg;

	if (db_exec(ctx, &SQL_CASE_CONTACT_INSERT, "iiissis", e->c->estate,
	    e->c->id, e->c->premises, e->v[0].s, e->at, ctx->actor.id,
	    e->v[2].s) < 0)
		return -1;
	*made = db_insert_id(ctx);
	return 0;
}

static int
promise_insert(struct ctx *ctx, void *arg, int64_t *made)
{
	const struct entry	*e = arg;
	char			 amt[MONEY_FMT_MAX];

	if (db_exec(ctx, &SQL_CASE_PROMISE_INSERT, "iiiisi", e->c->estate,
	    e->c->id, e->c->premises, e->v[0].i, e->v[1].s,
	    ctx->actor.id) < 0)
		return -1;
	*made = db_insert_id(ctx);
	return audit(ctx, e->c->estate, "case.promise", "case_file", e->c->id,
	    e->v[0].i, arena_printf(ctx->a, "%s by %s", money_fmt(amt,
	    e->v[0].i), e->v[1].s)) < 0 ? -1 : 0;
}

/* Records a contact or promise once (its token is the form's last field). */
static void
add_entry(struct req *r, const struct casef *c, struct entry *e,
    const char *form, size_t ntoken, int (*fn)(struct ctx *, void *,
    int64_t *))
{
	int64_t	 made;
	int	 rc;

	if ((rc = once_tx(r->ctx, e->v[ntoken].s, form, c->id, c->estate, fn, e,
	    &made)) < 0)
		return;
	if (rc == ONCE_SEEN && made == 0) {
		show(r, c->premises, NULL, ONCE_USED_MSG, 409);
		return;
	}
	back(r, c->premises);
}

void
page_casefile_contact(struct req *r)
{
	struct casef	 c;
	struct fval	 v[NF(contact_fields)];
	struct sent	 s = { contact_fields, NF(contact_fields), v };
	struct entry	 e = { &c, v, NULL };
	struct date	 opened, today = cal_today();
	char		 now[20];
	int		 errs;

	if (load_case(r, &c) < 0)
		return;
	errs = valid_fields(r, contact_fields, NF(contact_fields), v);
	/*
	 * A contact of this case: not in the future, and not more than a
	 * month before the case file was opened (the call or visit that
	 * found the cause may be logged once the file exists; 1900-01-01
	 * is a slip of the date picker).
	 */
	if (cal_parse(c.opened, &opened) < 0)
		opened = today;
	errs += valid_date_range(r, &v[1], cal_add_months(opened, -1), today,
	    "联系日期不能早于 %s（建档前一个月以内）", "联系日期不能晚于今天");
	if (errs) {
		show(r, c.premises, &s, v[3].err, 400);
		return;
	}
	/* Today's contact keeps the time of day; an earlier one, noon. */
	cal_now(now);
	e.at = strncmp(now, v[1].s, 10) == 0 ? now :
	    arena_printf(r->a, "%s 12:00:00", v[1].s);
	add_entry(r, &c, &e, "case.contact", 3, contact_insert);
}

void
page_casefile_promise(struct req *r)
{
	struct casef	 c;
	struct fval	 v[NF(promise_fields)];
	struct sent	 s = { promise_fields, NF(promise_fields), v };
	struct entry	 e = { &c, v, NULL };
	struct date	 today = cal_today();
	int		 errs;

	if (load_case(r, &c) < 0)
		return;
	errs = valid_fields(r, promise_fields, NF(promise_fields), v);
	/*
	 * A promise to pay falls due from today to a year from now: a
	 * collector follows it up, and a household that needs longer than
	 * a year needs a deferral a manager approves (缓交申请, DOMAIN.md),
	 * not a promise; 2099-12-31 is a slip of the date picker.
	 */
	errs += valid_date_range(r, &v[1], today, cal_add_months(today, 12),
	    "承诺日期不能早于今天", "承诺日期须在一年以内，不能晚于 %s");
	if (errs) {
		show(r, c.premises, &s, v[2].err, 400);
		return;
	}
	add_entry(r, &c, &e, "case.promise", 2, promise_insert);
}

struct closing {
	const struct casef	*c;
	const char		*outcome;
	int			 closed;
};

/* Closes the case and audits it, only if it was still open. */
static int
close_tx(struct ctx *ctx, void *arg)
{
	struct closing	*cl = arg;
	int64_t		 n;

	if ((n = db_exec(ctx, &SQL_CASE_CLOSE, "sii", cl->outcome,
	    ctx->actor.id, cl->c->id)) < 0)
		return -1;
	cl->closed = n > 0;
	if (!cl->closed)
		return 0;
	return audit(ctx, cl->c->estate, "case.close", "case_file", cl->c->id,
	    DB_NULL, cl->outcome) < 0 ? -1 : 0;
}

void
page_casefile_close(struct req *r)
{
	struct casef	 c;
	struct fval	 v[NF(close_fields)];
	struct sent	 s = { close_fields, NF(close_fields), v };
	struct closing	 cl = { &c, NULL, 0 };

	if (load_case(r, &c) < 0)
		return;
	if (valid_fields(r, close_fields, NF(close_fields), v) > 0) {
		show(r, c.premises, &s, NULL, 400);
		return;
	}
	cl.outcome = v[0].s;
	if (db_tx(r->ctx, close_tx, &cl) < 0)
		return;
	/* Closed meanwhile by another sending: it stays as that one left it. */
	if (!cl.closed) {
		show(r, c.premises, NULL, "这份档案已经结案，不能再添加记录。", 409);
		return;
	}
	back(r, c.premises);
}
