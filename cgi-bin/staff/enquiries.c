/*
 * enquiries.c - fee enquiries and disputes (收费咨询及异议, issue 12;
 * DOMAIN.md "Enquiries and disputes"): the log, logging one, and one
 * enquiry with its answers and whether the owner accepted them.
 *
 *   GET  /staff/enquiries[?estate=&category=&channel=&month=&state=
 *                        &premises=&page=]
 *                                        the estate's log, newest first,
 *                                        30 a page; a bad filter is left
 *                                        out, with its message (400)
 *   GET  /staff/enquiries/new            the form for a phone call (客服):
 *                                        the household typed when known
 *   POST /staff/enquiries                logs it: 303 to the enquiry, 400
 *                                        with messages by the fields
 *   GET  /staff/households/#/enquiries/new  the form at the counter or on
 *                                        a visit, from a household's page
 *   POST /staff/households/#/enquiries   logs it: 303 to the enquiry, 400
 *   GET  /staff/enquiries/#              one enquiry, its answers, and the
 *                                        form to answer (404 outside the
 *                                        user's estates)
 *   POST /staff/enquiries/#/answers      records an answer and whether the
 *                                        owner accepted it: 303 back, 400
 *                                        with messages
 *
 * Every create form carries a form token (once.h): sent twice, it
 * records once. Nothing is ever edited (sql/035): a later answer or the
 * owner's later acceptance is a new answer row.
 *
 * Renders templates/staff/enquiries.tpl, enquiry_new.tpl, enquiry.tpl.
 */
#include <stdio.h>
#include <string.h>

#include "address.h"
#include "arena.h"
#include "cal.h"
#include "db.h"
#include "enquiry.h"
#include "http.h"
#include "labels.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

#define PER_PAGE	30

/* The latest answer of each enquiry: its outcome is the enquiry's. */
#define ENQ_FROM \
    " FROM enquiries q" \
    " LEFT JOIN enquiry_answers la ON la.id = (SELECT MAX(a.id)" \
    "  FROM enquiry_answers a WHERE a.enquiry_id = q.id)"

/* Params: estate, category x2, channel x2, month start x3, state x2,
 * premises x2. */
#define ENQ_WHERE \
    " WHERE q.estate_id = ? AND (? IS NULL OR q.category = ?)" \
    " AND (? IS NULL OR q.channel = ?)" \
    " AND (? IS NULL OR (q.created_at >= ?" \
    "  AND q.created_at < DATE_ADD(?, INTERVAL 1 MONTH)))" \
    " AND (? IS NULL OR COALESCE(la.outcome, '" ENQ_STATE_UNANSWERED "') = ?)" \
    " AND (? IS NULL OR q.premises_id = ?)"

SQL_DEF(SQL_ENQ_COUNT, "SELECT COUNT(*)" ENQ_FROM ENQ_WHERE);

SQL_DEF(SQL_ENQ_PAGE,
    "SELECT q.id, q.created_at, q.channel, q.category, q.question,"
    " COALESCE(q.premises_id, 0), COALESCE(bd.name, ''), COALESCE(p.unit, ''),"
    " COALESCE(p.room, ''), COALESCE(p.occupancy, ''), COALESCE(o.name, ''),"
    " q.caller, COALESCE(la.outcome, '" ENQ_STATE_UNANSWERED "')"
    ENQ_FROM
    " LEFT JOIN premises p ON p.id = q.premises_id"
    " LEFT JOIN buildings bd ON bd.id = p.building_id"
    " LEFT JOIN owners o ON o.id = q.owner_id"
    ENQ_WHERE " ORDER BY q.created_at DESC, q.id DESC LIMIT ? OFFSET ?");

SQL_DEF(SQL_ENQ_ONE,
    "SELECT q.estate_id, e.name, q.created_at, q.channel, q.category,"
    " q.question, COALESCE(q.premises_id, 0), COALESCE(bd.name, ''),"
    " COALESCE(p.unit, ''), COALESCE(p.room, ''), COALESCE(p.occupancy, ''),"
    " COALESCE(o.name, ''), q.caller, COALESCE(s.name, '')"
    " FROM enquiries q JOIN estates e ON e.id = q.estate_id"
    " LEFT JOIN premises p ON p.id = q.premises_id"
    " LEFT JOIN buildings bd ON bd.id = p.building_id"
    " LEFT JOIN owners o ON o.id = q.owner_id"
    " LEFT JOIN staff s ON s.id = q.logged_by"
    " WHERE q.id = ?");

SQL_DEF(SQL_ENQ_ANSWERS,
    "SELECT a.created_at, a.answer, a.outcome, COALESCE(s.name, ''),"
    " a.owner_id IS NOT NULL"
    " FROM enquiry_answers a LEFT JOIN staff s ON s.id = a.answered_by"
    " WHERE a.enquiry_id = ? ORDER BY a.id");

SQL_DEF(SQL_ENQ_ESTATE,
    "SELECT estate_id FROM enquiries WHERE id = ?");

SQL_DEF(SQL_ENQ_OWNERS,
    "SELECT o.id, o.name FROM premises_owners po JOIN owners o"
    " ON o.id = po.owner_id WHERE po.premises_id = ?"
    " ORDER BY po.is_primary DESC, o.id");

/* A household typed on a phone call: its building as the estate names
 * it (3, 3栋 or as typed), unit and room. */
SQL_DEF(SQL_ENQ_FIND_PREMISES,
    "SELECT p.id FROM premises p JOIN buildings bd ON bd.id = p.building_id"
    " WHERE p.estate_id = ? AND bd.name IN (?, ?, ?) AND p.unit = ?"
    " AND p.room = ? LIMIT 2");

/* V_CHOICE lists, NULL-terminated, in their enums' orders. */
static const char *const channels_staff[] = {
	"counter", "phone", "visit", NULL	/* the portal is the owner's */
};
static const char *const channels_all[ENQ_CHANNEL__MAX + 1] = {
	"counter", "phone", "visit", "portal", NULL
};
static const char *const outcomes[ENQ_OUTCOME__MAX + 1] = {
	"pending", "accepted", "not_accepted", NULL
};
static const char *const states[] = {
	ENQ_STATE_UNANSWERED, "pending", "accepted", "not_accepted", NULL
};

enum { L_ESTATE, L_CATEGORY, L_CHANNEL, L_MONTH, L_STATE, L_PREMISES, L_PAGE,
	L__MAX };

static const struct field list_fields[L__MAX] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "category", "类别", V_CHOICE, 0, 0, 0, enquiry_categories },
	{ "channel", "渠道", V_CHOICE, 0, 0, 0, channels_all },
	{ "month", "月份", V_MONTH, 0, 0, 0, NULL },
	{ "state", "业主是否接受", V_CHOICE, 0, 0, 0, states },
	{ "premises", "房屋", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
};

enum { F_CHANNEL, F_CATEGORY, F_OWNER, F_QUESTION, F_CALLER, F_ADDRESS,
	F_ESTATE, F_TOKEN, F__MAX };

static const struct field new_fields[F__MAX] = {
	{ "channel", "渠道", V_CHOICE, V_REQUIRED, 0, 0, channels_staff },
	{ "category", "类别", V_CHOICE, V_REQUIRED, 0, 0, enquiry_categories },
	{ "owner", "业主", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "question", "业主的问题或异议", V_TEXT, V_REQUIRED, ENQ_TEXT_MIN,
	    ENQ_TEXT_MAX, NULL },
	{ "caller", "来电人", V_TEXT, 0, 0, 50, NULL },
	{ "address", "房号", V_TEXT, 0, 0, 40, NULL },
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	ONCE_FIELD,
};

enum { A_ANSWER, A_OUTCOME, A_TOKEN, A__MAX };

static const struct field answer_fields[A__MAX] = {
	{ "answer", "答复内容", V_TEXT, V_REQUIRED, ENQ_TEXT_MIN, ENQ_TEXT_MAX,
	    NULL },
	{ "outcome", "业主是否接受", V_CHOICE, V_REQUIRED, 0, 0, outcomes },
	ONCE_FIELD,
};

/* "2026-12-02 14:05:33.123456" to the minute, as the log reads it. */
static const char *
minute(struct req *r, const char *ts)
{
	return arena_printf(r->a, "%.16s", ts);
}

/* Where an enquiry came from: the household, or the caller's words. */
static const char *
who_asked(struct req *r, const char *building, const char *unit,
    const char *room, const char *occ, const char *owner, const char *caller)
{
	const char	*s = "";

	if (*building != '\0')
		s = label_premises(r->a, building, unit, room, occ);
	if (*owner != '\0')
		s = arena_printf(r->a, "%s%s%s", s, *s ? " · " : "", owner);
	if (*caller != '\0')
		s = arena_printf(r->a, "%s%s来电：%s", s, *s ? " · " : "",
		    caller);
	return *s ? s : "未登记房号";
}

/* Options of a <select> from codes and their words, the chosen one
 * marked. */
static void
options(struct tmpl *d, const char *section, const char *const *codes,
    const char *const *labels, size_t n, const char *chosen)
{
	struct tmpl	*row;
	size_t		 i;

	for (i = 0; i < n && codes[i] != NULL; i++) {
		row = tmpl_row(d, section);
		tmpl_set(row, "KEY", codes[i]);
		tmpl_set(row, "LABEL", labels[i]);
		if (chosen != NULL && strcmp(chosen, codes[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
}

void
page_enquiries(struct req *r)
{
	static const char *const state_labels[] = {
		"未答复", "待业主确认", "业主已接受", "业主不接受"
	};
	struct fval	 v[L__MAX];
	struct tmpl	*d, *row;
	struct db_res	*res;
	struct estate	 e;
	const char	*cat, *ch, *month = NULL, *state, *created, *qch, *qcat;
	const char	*question, *building, *unit, *room, *occ, *owner;
	const char	*caller, *qstate, *base;
	int64_t		 premises, total, page, id, pid;
	int		 rc, errs, i;

	errs = valid_fields(r, list_fields, L__MAX, v);
	d = page_new(r, "staff/enquiries.tpl", "咨询异议");
	if ((rc = scope_estate(r, v[L_ESTATE].set && !v[L_ESTATE].err ?
	    v[L_ESTATE].i : 0, &e, d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	/* A filter in error is left out; its message shows by it. */
	cat = v[L_CATEGORY].set && !v[L_CATEGORY].err ? v[L_CATEGORY].s : NULL;
	ch = v[L_CHANNEL].set && !v[L_CHANNEL].err ? v[L_CHANNEL].s : NULL;
	if (v[L_MONTH].set && !v[L_MONTH].err)
		month = arena_printf(r->a, "%s-01", v[L_MONTH].s);
	state = v[L_STATE].set && !v[L_STATE].err ? v[L_STATE].s : NULL;
	premises = v[L_PREMISES].set && !v[L_PREMISES].err ? v[L_PREMISES].i :
	    DB_NULL;
	page = v[L_PAGE].set && !v[L_PAGE].err ? v[L_PAGE].i : 1;
	valid_to_tmpl(d, list_fields, L__MAX, v);
	tmpl_set_int(d, "ESTATE_ID", e.id);
	options(d, "CATEGORY_OPT", enq_category_codes, enq_category_labels,
	    ENQ_CATEGORY__MAX, cat);
	options(d, "CHANNEL_OPT", enq_channel_codes, enq_channel_labels,
	    ENQ_CHANNEL__MAX, ch);
	options(d, "STATE_OPT", states, state_labels, 4, state);
	if (http_may(r, METHOD_GET, "/enquiries/new"))
		tmpl_show(d, "CAN_LOG");
	if (premises != DB_NULL)
		tmpl_set_int(d, "PREMISES_VAL", premises);
	if (db_one(r->ctx, &SQL_ENQ_COUNT, "isssssssssII", "i", e.id, cat, cat,
	    ch, ch, month, month, month, state, state, premises, premises,
	    &total) != 1)
		return;
	tmpl_set_int(d, "TOTAL", total);
	res = db_query(r->ctx, &SQL_ENQ_PAGE, "isssssssssIIii", e.id, cat, cat,
	    ch, ch, month, month, month, state, state, premises, premises,
	    (int64_t)PER_PAGE, (page - 1) * PER_PAGE);
	if (res == NULL)
		return;
	while ((rc = db_row(res, "issssisssssss", &id, &created, &qch, &qcat,
	    &question, &pid, &building, &unit, &room, &occ, &owner, &caller,
	    &qstate)) == 1) {
		row = tmpl_row(d, "ENQUIRY");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "WHEN", minute(r, created));
		i = (int)enq_channel_parse(qch);
		tmpl_set(row, "CHANNEL", i < ENQ_CHANNEL__MAX ?
		    enq_channel_labels[i] : qch);
		tmpl_set(row, "CATEGORY", label_enquiry_category(qcat));
		tmpl_set(row, "CATEGORY_KEY", qcat);
		tmpl_set(row, "QUESTION", question);
		tmpl_set(row, "WHO", who_asked(r, building, unit, room, occ,
		    owner, caller));
		tmpl_set(row, "STATE", enq_state_label(qstate));
		tmpl_set(row, "STATE_KEY", qstate);
	}
	if (rc < 0)
		return;
	if (total == 0)
		tmpl_show(d, "NONE");
	base = arena_printf(r->a, "/staff/enquiries?estate=%lld",
	    (long long)e.id);
	if (cat)
		base = arena_printf(r->a, "%s&category=%s", base, cat);
	if (ch)
		base = arena_printf(r->a, "%s&channel=%s", base, ch);
	if (month)
		base = arena_printf(r->a, "%s&month=%s", base, v[L_MONTH].s);
	if (state)
		base = arena_printf(r->a, "%s&state=%s", base, state);
	if (premises != DB_NULL)
		base = arena_printf(r->a, "%s&premises=%lld", base,
		    (long long)premises);
	page_pager(r, d, base, page, PER_PAGE, total);
	page_render(r, errs ? 400 : 200);
}

/*
 * The form to log one: from a household's page (h), or for a phone call
 * with the household typed when known (h NULL, estate e). v holds what
 * was sent and its messages, or is NULL for a fresh form.
 */
static void
new_form(struct req *r, const struct household *h, const struct estate *e,
    const struct fval *v, int status)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*name, *ch, *cat;
	int64_t		 id;
	int		 rc;

	d = page_new(r, "staff/enquiry_new.tpl", "登记咨询异议");
	if (v != NULL)
		valid_to_tmpl(d, new_fields, F__MAX, v);
	if (v != NULL && v[F_TOKEN].err != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", v[F_TOKEN].err);
	}
	/* At the counter by default; customer service takes calls. */
	ch = v != NULL && v[F_CHANNEL].set && !v[F_CHANNEL].err ?
	    v[F_CHANNEL].s : h == NULL ||
	    r->ctx->actor.role == ROLE_CUSTOMER_SERVICE ? "phone" : "counter";
	cat = v != NULL && v[F_CATEGORY].set && !v[F_CATEGORY].err ?
	    v[F_CATEGORY].s : NULL;
	options(d, "CHANNEL_OPT", channels_staff, enq_channel_labels, 3, ch);
	options(d, "CATEGORY_OPT", enq_category_codes, enq_category_labels,
	    ENQ_CATEGORY__MAX, cat);
	if (h != NULL) {
		tmpl_show(d, "HOUSEHOLD");
		tmpl_set_int(d, "ID", h->id);
		tmpl_set(d, "LABEL", h->label);
		tmpl_set(d, "ACTION", arena_printf(r->a,
		    "/staff/households/%lld/enquiries", (long long)h->id));
		if ((res = db_query(r->ctx, &SQL_ENQ_OWNERS, "i", h->id)) ==
		    NULL)
			return;
		while ((rc = db_row(res, "is", &id, &name)) == 1) {
			row = tmpl_row(d, "OWNER");
			tmpl_set_int(row, "OWNER_ID", id);
			tmpl_set(row, "OWNER_NAME", name);
			if (v != NULL && v[F_OWNER].set && v[F_OWNER].i == id)
				tmpl_show(row, "SELECTED");
		}
		if (rc < 0)
			return;
	} else {
		tmpl_show(d, "CALL");
		tmpl_set(d, "ACTION", "/staff/enquiries");
		tmpl_set_int(d, "ESTATE_ID", e->id);
		tmpl_set(d, "ESTATE_NAME", e->name);
	}
	/* A failed sending claimed nothing: a new token is as good. */
	tmpl_set(d, "FORM_TOKEN_VAL", once_token(r->ctx));
	page_render(r, status);
}

void
page_enquiry_new(struct req *r)
{
	struct fval	 v;
	struct estate	 e;
	int		 rc;

	valid_one(r, &new_fields[F_ESTATE], http_query(r, "estate"), &v);
	if ((rc = scope_estate(r, v.set && !v.err ? v.i : 0, &e, NULL)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	new_form(r, NULL, &e, NULL, 200);
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
page_enquiry_hh_new(struct req *r)
{
	struct household h;

	if (household(r, &h) == 0)
		new_form(r, &h, NULL, NULL, 200);
}

struct log_tx {
	struct enq_new	 e;
};

static int
log_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct log_tx	*t = arg;

	return enquiry_log(ctx, &t->e, made);
}

/*
 * The household a caller named (address, as typed: 3栋2单元301室,
 * 3-2-301, 商业街A05): 1 with *id, 0 with v->err set, -1.
 */
static int
find_premises(struct req *r, int64_t estate, struct fval *v, int64_t *id)
{
	struct address	 a;
	struct db_res	*res;
	int64_t		 pid;
	int		 rc, n = 0;

	if (address_parse(v->s, &a) < 0 || a.building[0] == '\0' ||
	    a.room[0] == '\0') {
		v->err = "请写全楼栋和房号，如 3栋2单元301室 或 商业街A05";
		return 0;
	}
	res = db_query(r->ctx, &SQL_ENQ_FIND_PREMISES, "isssss", estate,
	    a.building, arena_printf(r->a, "%s栋", a.building),
	    a.building_typed, a.unit, a.room);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "i", &pid)) == 1) {
		*id = pid;
		n++;
	}
	if (rc < 0)
		return -1;
	if (n != 1) {
		v->err = "本小区没有这个房号，请核对；不知道房号可以不填";
		return 0;
	}
	return 1;
}

/* Logs an enquiry from the form: h is the household's page, or NULL for
 * a phone call. */
static void
log_post(struct req *r, const struct household *h)
{
	struct fval	 v[F__MAX];
	struct estate	 e;
	struct db_res	*res;
	struct log_tx	 t;
	const char	*name;
	int64_t		 id, made;
	int		 errs, rc, found = 0;

	errs = valid_fields(r, new_fields, F__MAX, v);
	memset(&t, 0, sizeof(t));
	t.e.premises_id = DB_NULL;
	t.e.owner_id = DB_NULL;
	if (h != NULL) {
		e.id = h->estate_id;
		e.name = h->estate;
		t.e.premises_id = h->id;
		if (!v[F_OWNER].err && v[F_OWNER].set) {
			res = db_query(r->ctx, &SQL_ENQ_OWNERS, "i", h->id);
			if (res == NULL)
				return;
			while ((rc = db_row(res, "is", &id, &name)) == 1)
				found |= id == v[F_OWNER].i;
			if (rc < 0)
				return;
			if (!found) {
				v[F_OWNER].err = "请从本户业主中选择";
				errs++;
			} else
				t.e.owner_id = v[F_OWNER].i;
		}
	} else {
		if ((rc = scope_posted_estate(r, &e)) != 1)
			return;
		if (!v[F_ADDRESS].err && v[F_ADDRESS].set) {
			if ((rc = find_premises(r, e.id, &v[F_ADDRESS],
			    &t.e.premises_id)) < 0)
				return;
			if (rc == 0)
				errs++;
		}
	}
	if (errs) {
		new_form(r, h, &e, v, 400);
		return;
	}
	t.e.estate_id = e.id;
	t.e.channel = (enum enq_channel)v[F_CHANNEL].i;
	t.e.category = (enum enq_category)v[F_CATEGORY].i;
	t.e.question = v[F_QUESTION].s;
	t.e.caller = v[F_CALLER].s;
	if ((rc = once_tx(r->ctx, v[F_TOKEN].s, "enquiry.log",
	    h != NULL ? h->id : e.id, e.id, log_tx, &t, &made)) < 0)
		return;
	if (rc == ONCE_SEEN && made == 0) {
		v[F_TOKEN].err = ONCE_USED_MSG;
		new_form(r, h, &e, v, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/enquiries/%lld?ok=1",
	    (long long)made));
}

void
page_enquiry_post(struct req *r)
{
	log_post(r, NULL);
}

void
page_enquiry_hh_post(struct req *r)
{
	struct household h;

	if (household(r, &h) == 0)
		log_post(r, &h);
}

/* The enquiry the URL names, within scope (1), else 404 (0), or -1. */
static int
enquiry_scope(struct req *r, int64_t *estate)
{
	int	 rc;

	rc = db_one(r->ctx, &SQL_ENQ_ESTATE, "i", "i", r->ids[0], estate);
	if (rc == 0 || (rc == 1 && !scope_sees(r, *estate))) {
		page_error(r, 404, NULL);
		return 0;
	}
	return rc;
}

/* One enquiry and its answers; v holds an answer form's values and
 * messages, or is NULL. */
static void
show(struct req *r, const struct fval *v, int status)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*estate_name, *created, *ch, *cat, *question, *building;
	const char	*unit, *room, *occ, *owner, *caller, *logged, *answer;
	const char	*outcome, *chosen = "pending", *by;
	int64_t		 estate, pid, by_owner;
	int		 rc, i, n = 0;

	d = page_new(r, "staff/enquiry.tpl", "咨询异议");
	if ((rc = db_one(r->ctx, &SQL_ENQ_ONE, "i", "isssssisssssss",
	    r->ids[0], &estate, &estate_name, &created, &ch, &cat, &question,
	    &pid, &building, &unit, &room, &occ, &owner, &caller,
	    &logged)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	tmpl_set_int(d, "ID", r->ids[0]);
	tmpl_set_int(d, "ESTATE_ID", estate);
	tmpl_set(d, "ESTATE_NAME", estate_name);
	tmpl_set(d, "WHEN", minute(r, created));
	i = (int)enq_channel_parse(ch);
	tmpl_set(d, "CHANNEL", i < ENQ_CHANNEL__MAX ? enq_channel_labels[i] :
	    ch);
	tmpl_set(d, "CATEGORY", label_enquiry_category(cat));
	tmpl_set(d, "CATEGORY_KEY", cat);
	tmpl_set(d, "QUESTION", question);
	tmpl_set(d, "WHO", who_asked(r, building, unit, room, occ, owner,
	    caller));
	tmpl_set(d, "LOGGED_BY", *logged ? logged : "业主本人（网上提交）");
	if (pid != 0) {
		tmpl_show(d, "HAS_HOUSEHOLD");
		tmpl_set_int(d, "PREMISES_ID", pid);
	} else
		tmpl_show(d, "NO_HOUSEHOLD");
	if (http_query(r, "ok") != NULL)
		tmpl_show(d, "SAVED");
	if ((res = db_query(r->ctx, &SQL_ENQ_ANSWERS, "i", r->ids[0])) == NULL)
		return;
	while ((rc = db_row(res, "ssssi", &created, &answer, &outcome,
	    &by, &by_owner)) == 1) {
		/* the owner's own word, from the portal (sql/040) */
		if (by_owner)
			by = "业主本人（网上确认）";
		row = tmpl_row(d, "ANSWER");
		tmpl_set(row, "WHEN", minute(r, created));
		tmpl_set(row, "ANSWER_TEXT", answer);
		tmpl_set(row, "OUTCOME", enq_state_label(outcome));
		tmpl_set(row, "OUTCOME_KEY", outcome);
		tmpl_set(row, "BY", by);
		chosen = outcome;
		n++;
	}
	if (rc < 0)
		return;
	tmpl_set(d, "STATE", n ? enq_state_label(chosen) :
	    enq_state_label(ENQ_STATE_UNANSWERED));
	tmpl_set(d, "STATE_KEY", n ? chosen : ENQ_STATE_UNANSWERED);
	if (n == 0)
		tmpl_show(d, "NO_ANSWER");
	if (http_may(r, METHOD_POST, "/enquiries/#/answers")) {
		tmpl_show(d, "CAN_ANSWER");
		if (v != NULL) {
			valid_to_tmpl(d, answer_fields, A__MAX, v);
			if (v[A_OUTCOME].set && !v[A_OUTCOME].err)
				chosen = v[A_OUTCOME].s;
			if (v[A_TOKEN].err != NULL) {
				tmpl_show(d, "HAS_ALERT");
				tmpl_set(d, "ALERT", v[A_TOKEN].err);
			}
		}
		for (i = 0; i < ENQ_OUTCOME__MAX; i++) {
			row = tmpl_row(d, "OUTCOME_OPT");
			tmpl_set(row, "KEY", outcomes[i]);
			tmpl_set(row, "LABEL", enq_outcome_labels[i]);
			if (strcmp(chosen, outcomes[i]) == 0)
				tmpl_show(row, "CHECKED");
		}
		tmpl_set(d, "FORM_TOKEN_VAL", once_token(r->ctx));
	}
	page_render(r, status);
}

void
page_enquiry(struct req *r)
{
	int64_t	 estate;

	if (enquiry_scope(r, &estate) == 1)
		show(r, NULL, 200);
}

struct answer_tx {
	int64_t			 id, estate;
	const char		*answer;
	enum enq_outcome	 outcome;
};

static int
answer_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct answer_tx	*t = arg;

	return enquiry_answer(ctx, t->id, t->estate, t->answer, t->outcome,
	    made);
}

void
page_enquiry_answer(struct req *r)
{
	struct fval		 v[A__MAX];
	struct answer_tx	 t;
	int64_t			 estate, made;
	int			 rc;

	if (enquiry_scope(r, &estate) != 1)
		return;
	if (valid_fields(r, answer_fields, A__MAX, v) > 0) {
		show(r, v, 400);
		return;
	}
	t.id = r->ids[0];
	t.estate = estate;
	t.answer = v[A_ANSWER].s;
	t.outcome = (enum enq_outcome)v[A_OUTCOME].i;
	if ((rc = once_tx(r->ctx, v[A_TOKEN].s, "enquiry.answer", t.id, estate,
	    answer_tx, &t, &made)) < 0)
		return;
	if (rc == ONCE_SEEN && made == 0) {
		v[A_TOKEN].err = ONCE_USED_MSG;
		show(r, v, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/staff/enquiries/%lld?ok=1",
	    (long long)t.id));
}
