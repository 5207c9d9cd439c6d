/*
 * enquiries.c - an owner's fee questions and objections (收费咨询及异议,
 * issue 12; DOMAIN.md "Enquiries and disputes"), in plain words for an
 * owner of 80 on a phone:
 *
 *   GET  /enquiries        the owner's own questions, newest first, each
 *                          with whether it was answered
 *   GET  /enquiries/new    the form: which home (when more than one),
 *                          what it is about (big choices), the question
 *   POST /enquiries        asks it (channel portal): 303 to it; 400 with
 *                          the messages by the fields, nothing recorded;
 *                          once however often it is sent (once.h)
 *   GET  /enquiries/#      one question and the answers staff recorded;
 *                          another owner's is 404
 *
 * Renders templates/owner/enquiries.tpl, enquiry_new.tpl, enquiry.tpl.
 */
#include <string.h>

#include "arena.h"
#include "db.h"
#include "enquiry.h"
#include "http.h"
#include "labels.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

SQL_DEF(SQL_MY_PREMISES,
    "SELECT p.id, bd.name, p.unit, p.room, p.occupancy"
    " FROM premises_owners po JOIN premises p ON p.id = po.premises_id"
    " JOIN buildings bd ON bd.id = p.building_id"
    " WHERE po.owner_id = ? ORDER BY bd.sort, p.unit, p.floor, p.room");

SQL_DEF(SQL_MY_ENQUIRIES,
    "SELECT q.id, q.created_at, q.category, q.question,"
    " (SELECT COUNT(*) FROM enquiry_answers a WHERE a.enquiry_id = q.id)"
    " FROM enquiries q WHERE q.owner_id = ?"
    " ORDER BY q.created_at DESC, q.id DESC LIMIT 100");

/* Only the owner's own: another's is "not found". */
SQL_DEF(SQL_MY_ENQUIRY,
    "SELECT q.created_at, q.category, q.question, q.channel,"
    " COALESCE(bd.name, ''), COALESCE(p.unit, ''), COALESCE(p.room, ''),"
    " COALESCE(p.occupancy, '')"
    " FROM enquiries q LEFT JOIN premises p ON p.id = q.premises_id"
    " LEFT JOIN buildings bd ON bd.id = p.building_id"
    " WHERE q.id = ? AND q.owner_id = ?");

SQL_DEF(SQL_MY_ENQUIRY_ESTATE,
    "SELECT estate_id FROM enquiries WHERE id = ? AND owner_id = ?");

SQL_DEF(SQL_MY_ANSWERS,
    "SELECT created_at, answer, outcome, owner_id IS NOT NULL"
    " FROM enquiry_answers WHERE enquiry_id = ? ORDER BY id");

/* The owner's word on the latest answer (sql/040). */
static const char *const owner_outcomes[] = { "accepted", "not_accepted",
    NULL };
static const struct field outcome_field = {
	"outcome", "您是否接受这个答复", V_CHOICE, V_REQUIRED, 0, 0,
	owner_outcomes
};

enum { F_PREMISES, F_CATEGORY, F_QUESTION, F_TOKEN, F__MAX };

/* A category in the words the owner picked it by (the form's), not the
 * back office's (a trial read 缴费流程投诉 for 交费太麻烦). */
static const char *
owner_category(const char *code)
{
	enum enq_category	 c = enq_category_parse(code);

	return c < ENQ_CATEGORY__MAX ? enq_category_owner_labels[c] : code;
}

static const struct field fields[F__MAX] = {
	{ "premises", "哪一套房", V_INT, V_REQUIRED, 1, INT64_MAX / 2, NULL },
	{ "category", "问的是什么", V_CHOICE, V_REQUIRED, 0, 0,
	    enquiry_categories },
	{ "question", "您的问题", V_TEXT, V_REQUIRED, ENQ_TEXT_MIN,
	    ENQ_TEXT_MAX, NULL },
	ONCE_FIELD,
};

/* "2026-12-02 14:05:33.123456" as 2026年12月2日 14:05. */
static const char *
when(struct req *r, const char *ts)
{
	return arena_printf(r->a, "%s %.5s", label_date(r->a, ts),
	    strlen(ts) >= 16 ? ts + 11 : "");
}

void
page_enquiries(struct req *r)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*created, *cat, *question;
	int64_t		 id, answers, n = 0;
	int		 rc;

	d = page_new(r, "owner/enquiries.tpl", "咨询与异议");
	if (http_query(r, "ok") != NULL)
		tmpl_show(d, "SAVED");
	if ((res = db_query(r->ctx, &SQL_MY_ENQUIRIES, "i",
	    r->ctx->actor.id)) == NULL)
		return;
	while ((rc = db_row(res, "isssi", &id, &created, &cat, &question,
	    &answers)) == 1) {
		row = tmpl_row(d, "ENQUIRY");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "WHEN", when(r, created));
		tmpl_set(row, "CATEGORY", owner_category(cat));
		tmpl_set(row, "QUESTION", question);
		tmpl_show(row, answers > 0 ? "ANSWERED" : "WAITING");
		n++;
	}
	if (rc < 0)
		return;
	if (n == 0)
		tmpl_show(d, "NONE");
	page_render(r, 200);
}

/* The form; v holds what was sent and its messages, or is NULL. */
static void
form(struct req *r, const struct fval *v, int status)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*building, *unit, *room, *occ;
	int64_t		 id, n = 0;
	int		 rc, i;

	d = page_new(r, "owner/enquiry_new.tpl", "我要咨询");
	if (v != NULL) {
		valid_to_tmpl(d, fields, F__MAX, v);
		if (v[F_TOKEN].err != NULL) {
			tmpl_show(d, "HAS_ALERT");
			tmpl_set(d, "ALERT", v[F_TOKEN].err);
		}
	}
	if ((res = db_query(r->ctx, &SQL_MY_PREMISES, "i",
	    r->ctx->actor.id)) == NULL)
		return;
	while ((rc = db_row(res, "issss", &id, &building, &unit, &room,
	    &occ)) == 1) {
		row = tmpl_row(d, "PREMISES");
		tmpl_set_int(row, "PREMISES_ID", id);
		tmpl_set(row, "PREMISES_LABEL", label_premises(r->a, building,
		    unit, room, occ));
		/* The first home is chosen unless another was. */
		if (v != NULL && v[F_PREMISES].set ? v[F_PREMISES].i == id :
		    n == 0)
			tmpl_show(row, "CHECKED");
		n++;
	}
	if (rc < 0)
		return;
	/* One home: named, not asked about. */
	tmpl_show(d, n > 1 ? "MANY_PREMISES" : "ONE_PREMISES");
	for (i = 0; i < ENQ_CATEGORY__MAX; i++) {
		row = tmpl_row(d, "CATEGORY_OPT");
		tmpl_set(row, "KEY", enq_category_codes[i]);
		tmpl_set(row, "LABEL", enq_category_owner_labels[i]);
		if (v != NULL && v[F_CATEGORY].set && !v[F_CATEGORY].err &&
		    v[F_CATEGORY].i == i)
			tmpl_show(row, "CHECKED");
	}
	tmpl_set(d, "FORM_TOKEN_VAL", once_token(r->ctx));
	page_render(r, status);
}

void
page_enquiry_new(struct req *r)
{
	form(r, NULL, 200);
}

static int
ask_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	return enquiry_log(ctx, arg, made);
}

void
page_enquiry_post(struct req *r)
{
	struct fval	 v[F__MAX];
	struct owned	 o;
	struct enq_new	 e;
	int64_t		 made;
	int		 errs, rc;

	errs = valid_fields(r, fields, F__MAX, v);
	if (!v[F_PREMISES].err && v[F_PREMISES].set) {
		if ((rc = owned_premises(r, v[F_PREMISES].i, &o)) < 0)
			return;
		if (rc == 0) {
			v[F_PREMISES].err = "请选择您自己的房子";
			errs++;
		}
	}
	if (errs) {
		form(r, v, 400);
		return;
	}
	memset(&e, 0, sizeof(e));
	e.estate_id = o.estate_id;
	e.premises_id = o.id;
	e.owner_id = r->ctx->actor.id;
	e.channel = ENQ_PORTAL;
	e.category = (enum enq_category)v[F_CATEGORY].i;
	e.question = v[F_QUESTION].s;
	e.caller = "";
	if ((rc = once_tx(r->ctx, v[F_TOKEN].s, "enquiry.ask", o.id,
	    o.estate_id, ask_tx, &e, &made)) < 0)
		return;
	if (rc == ONCE_SEEN && made == 0) {
		v[F_TOKEN].err = ONCE_USED_MSG;
		form(r, v, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/enquiries/%lld?ok=1",
	    (long long)made));
}

/*
 * The enquiry page (r->ids[0], the owner's: else 404), with alert and
 * status: the question, the answers and the owner's own words on them,
 * and while the latest answer waits for it, 接受 / 不接受.
 */
static void
show(struct req *r, const char *alert, int status)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*created, *cat, *question, *ch, *building, *unit;
	const char	*room, *occ, *answer, *outcome, *last = "";
	int64_t		 mine, last_mine = 0;
	int		 rc, n = 0;

	d = page_new(r, "owner/enquiry.tpl", "咨询与异议");
	if ((rc = db_one(r->ctx, &SQL_MY_ENQUIRY, "ii", "ssssssss", r->ids[0],
	    r->ctx->actor.id, &created, &cat, &question, &ch, &building, &unit,
	    &room, &occ)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	tmpl_set(d, "WHEN", when(r, created));
	tmpl_set(d, "CATEGORY", owner_category(cat));
	tmpl_set(d, "QUESTION", question);
	tmpl_set_int(d, "ID", r->ids[0]);
	if (*building != '\0') {
		tmpl_show(d, "HAS_PREMISES");
		tmpl_set(d, "PREMISES", label_premises(r->a, building, unit,
		    room, occ));
	}
	if (http_query(r, "ok") != NULL && alert == NULL)
		tmpl_show(d, "SAVED");
	if (http_query(r, "said") != NULL && alert == NULL)
		tmpl_show(d, "SAID");
	if (alert != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", alert);
	}
	if ((res = db_query(r->ctx, &SQL_MY_ANSWERS, "i", r->ids[0])) == NULL)
		return;
	while ((rc = db_row(res, "sssi", &created, &answer, &outcome,
	    &mine)) == 1) {
		row = tmpl_row(d, "ANSWER");
		tmpl_set(row, "WHEN", when(r, created));
		tmpl_set(row, "ANSWER_TEXT", answer);
		if (mine)
			tmpl_show(row, "BY_ME");
		last = outcome;
		last_mine = mine;
		n++;
	}
	if (rc < 0)
		return;
	if (n == 0)
		tmpl_show(d, "WAITING");
	/* an answer from staff waiting for the owner's word */
	if (n > 0 && !last_mine && strcmp(last, "pending") == 0)
		tmpl_show(d, "ASK_OUTCOME");
	page_render(r, status);
}

void
page_enquiry(struct req *r)
{
	show(r, NULL, 200);
}

static int
outcome_tx(struct ctx *ctx, void *arg)
{
	const int64_t	*a = arg;

	return enquiry_owner_outcome(ctx, a[0], a[1], a[2],
	    (enum enq_outcome)a[3]);
}

/*
 * POST /enquiries/#/outcome: the owner accepts the latest answer or not
 * (outcome accepted | not_accepted): 303 to the page (?said=1); 400
 * with the message, nothing recorded; 409 when it no longer waits for
 * it (a second tap, staff wrote meanwhile); another owner's: 404.
 */
void
page_enquiry_outcome(struct req *r)
{
	struct fval	 v;
	int64_t		 a[4];
	int		 rc;

	if ((rc = db_one(r->ctx, &SQL_MY_ENQUIRY_ESTATE, "ii", "i", r->ids[0],
	    r->ctx->actor.id, &a[1])) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	if (valid_one(r, &outcome_field, http_form(r, "outcome"), &v) != NULL) {
		show(r, "请点「接受」或「不接受」。", 400);
		return;
	}
	a[0] = r->ids[0];
	a[2] = r->ctx->actor.id;
	a[3] = v.i == 0 ? ENQ_ACCEPTED : ENQ_NOT_ACCEPTED;
	if ((rc = db_tx(r->ctx, outcome_tx, a)) < 0)
		return;
	if (rc == ENQ_NOT_PENDING) {
		show(r, "这个答复您已经确认过了，或者物业刚刚又答复了，请看下面。",
		    409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/enquiries/%lld?said=1",
	    (long long)r->ids[0]));
}
