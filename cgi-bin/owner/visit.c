/*
 * visit.c - 上门收费预约 (issue 13, core/elder.h): an owner asks the
 * household's collector to come and collect, in words for an owner of 80:
 *
 *   GET  /premises/#/visit   the request open now (day, half-day, note,
 *                            who will come, 取消预约), else the form: a
 *                            day from tomorrow to 14 days ahead, 上午 or
 *                            下午, an optional note; the last ones and
 *                            what became of them; whom to call (big
 *                            tel: buttons). Another owner's premises: 404
 *   POST /premises/#/visit   books it: 303 to the page (?booked=1); 400
 *                            with the message by each field, nothing
 *                            recorded; 409 when one is open already;
 *                            once however often it is sent (once.h)
 *   POST /visits/#/cancel    the owner cancels their open request: 303
 *                            (?cancelled=1); 409 when it was closed
 *                            meanwhile; another owner's request: 404
 *
 * Renders templates/owner/visit.tpl.
 */
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "db.h"
#include "elder.h"
#include "http.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

/* The household's requests, the open one first, then the latest. */
SQL_DEF(SQL_VISIT_LIST,
    "SELECT v.id, v.status, DATE_FORMAT(v.visit_date, '%Y-%m-%d'),"
    " v.half_day, v.note, v.close_note"
    " FROM visit_requests v WHERE v.premises_id = ?"
    " ORDER BY v.status = 'open' DESC, v.id DESC LIMIT 6");
/* The collector who will come: the household's, if active. */
SQL_DEF(SQL_VISIT_COLLECTOR,
    "SELECT COALESCE(s.name, '') FROM assignments asg"
    " JOIN staff s ON s.id = asg.collector_id AND s.active = 1"
    " WHERE asg.premises_id = ?");
/* A request of one of the signed-in owner's homes. */
SQL_DEF(SQL_VISIT_MINE,
    "SELECT v.estate_id, v.premises_id FROM visit_requests v"
    " JOIN premises_owners po ON po.premises_id = v.premises_id"
    " WHERE v.id = ? AND po.owner_id = ?");

enum { F_DAY, F_HALF, F_NOTE, F_TOKEN, F__MAX };
static const struct field fields[F__MAX] = {
	{ "day", "哪一天", V_DATE, V_REQUIRED, 0, 0, NULL },
	{ "half", "上午还是下午", V_CHOICE, V_REQUIRED, 0, 0, visit_halves },
	{ "note", "想告诉收费员的话", V_TEXT, 0, 0, VISIT_NOTE_MAX, NULL },
	ONCE_FIELD,
};

/*
 * The page for household o, with v (what was sent and its messages, or
 * NULL) and an alert (or NULL).
 */
static void
show(struct req *r, const struct owned *o, const struct fval *v,
    const char *alert, int status)
{
	struct tmpl	*d, *row, *past = NULL;
	struct db_res	*res;
	struct date	 today = cal_today(), day;
	const char	*st, *date, *half, *note, *cnote, *collector;
	const char	*chosen_day = NULL;
	char		 buf[11];
	int64_t		 id;
	int		 rc, open = 0, i;
	enum visit_half	 h;

	r->contact_in_page = 1;
	d = page_new(r, "owner/visit.tpl", "上门收费预约");
	tmpl_set(d, "PREMISES", o->label);
	tmpl_set_int(d, "PREMISES_ID", o->id);
	if (alert != NULL) {
		tmpl_show(d, "ALERT");
		tmpl_set(d, "ALERT_TEXT", alert);
	}
	if (v == NULL && alert == NULL && http_query(r, "booked") != NULL)
		tmpl_show(d, "BOOKED_NOW");
	if (v == NULL && alert == NULL && http_query(r, "cancelled") != NULL)
		tmpl_show(d, "CANCELLED_NOW");
	if (db_one(r->ctx, &SQL_VISIT_COLLECTOR, "i", "s", o->id,
	    &collector) < 0)
		return;
	if ((res = db_query(r->ctx, &SQL_VISIT_LIST, "i", o->id)) == NULL)
		return;
	while ((rc = db_row(res, "isssss", &id, &st, &date, &half, &note,
	    &cnote)) == 1) {
		h = visit_half_parse(half);
		if (visit_status_parse(st) == VISIT_OPEN) {
			row = tmpl_row(d, "OPEN");
			open = 1;
			if (*collector != '\0') {
				tmpl_show(row, "COLLECTOR");
				tmpl_set(row, "COLLECTOR_NAME", collector);
			}
		} else {
			if (past == NULL)
				past = tmpl_row(d, "HAS_PAST");
			row = tmpl_row(past, "PAST");
			tmpl_set(row, "STATUS", visit_status_parse(st) <
			    VISIT_STATUS__MAX ?
			    visit_status_labels[visit_status_parse(st)] : st);
			if (*cnote != '\0') {
				tmpl_show(row, "CLOSE_NOTE");
				tmpl_set(row, "CLOSE_NOTE_TEXT", cnote);
			}
		}
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "DAY", visit_day_label(r->a, date));
		tmpl_set(row, "HALF", h < VISIT_HALF__MAX ?
		    visit_half_labels[h] : half);
		if (*note != '\0') {
			tmpl_show(row, "NOTE");
			tmpl_set(row, "NOTE_TEXT", note);
		}
	}
	if (rc < 0)
		return;
	if (!open) {
		/* The form: tomorrow is chosen unless another day was. */
		tmpl_show(d, "FORM");
		if (v != NULL) {
			valid_to_tmpl(d, fields, F__MAX, v);
			if (v[F_DAY].set && !v[F_DAY].err)
				chosen_day = v[F_DAY].s;
		}
		day = today;
		for (i = 1; i <= VISIT_DAYS_AHEAD; i++) {
			day = cal_next_day(day);
			cal_fmt(buf, day);
			row = tmpl_row(d, "DAY_OPT");
			tmpl_set(row, "VALUE", buf);
			tmpl_set(row, "LABEL", visit_day_label(r->a, buf));
			if (chosen_day != NULL ? strcmp(chosen_day, buf) == 0 :
			    i == 1)
				tmpl_show(row, "SELECTED");
		}
		for (i = 0; i < VISIT_HALF__MAX; i++) {
			row = tmpl_row(d, "HALF_OPT");
			tmpl_set(row, "CODE", visit_half_codes[i]);
			tmpl_set(row, "LABEL", visit_half_labels[i]);
			if (v != NULL && v[F_HALF].set && !v[F_HALF].err ?
			    v[F_HALF].i == i : i == 0)
				tmpl_show(row, "CHECKED");
		}
		tmpl_set(d, "FORM_TOKEN_VAL", v != NULL && v[F_TOKEN].set &&
		    !v[F_TOKEN].err ? v[F_TOKEN].s : once_token(r->ctx));
	}
	/* whom to call, in the page (not again in the footer) */
	if (page_owner_contacts(r, tmpl_include(d, "CONTACT",
	    "owner/contact.tpl"), o->id) < 0)
		return;
	page_render(r, status);
}

/* The household the route names, if the owner's: 1; else 0 (404 sent)
 * or -1. */
static int
mine(struct req *r, struct owned *o)
{
	switch (owned_premises(r, r->ids[0], o)) {
	case 1:
		return 1;
	case 0:
		page_error(r, 404, NULL);
		return 0;
	default:
		return -1;
	}
}

void
page_visit(struct req *r)
{
	struct owned	 o;

	if (mine(r, &o) == 1)
		show(r, &o, NULL, NULL, 200);
}

static int
book_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	return visit_book(ctx, arg, made);
}

void
page_visit_post(struct req *r)
{
	struct owned	 o;
	struct fval	 v[F__MAX];
	struct visit_new vn;
	struct date	 today = cal_today();
	int64_t		 made;
	int		 errs, rc;

	if (mine(r, &o) != 1)
		return;
	errs = valid_fields(r, fields, F__MAX, v);
	errs += valid_date_range(r, &v[F_DAY], cal_next_day(today),
	    cal_add_days(today, VISIT_DAYS_AHEAD),
	    "最早只能约明天（%s）", "最远只能约到 %s（两周以内）");
	if (errs) {
		show(r, &o, v, NULL, 400);
		return;
	}
	memset(&vn, 0, sizeof(vn));
	vn.estate_id = o.estate_id;
	vn.premises_id = o.id;
	vn.owner_id = r->ctx->actor.id;
	vn.date = v[F_DAY].s;
	vn.half = (enum visit_half)v[F_HALF].i;
	vn.note = v[F_NOTE].s;
	rc = once_tx(r->ctx, v[F_TOKEN].s, "visit.book", o.id, o.estate_id,
	    book_tx, &vn, &made);
	if (rc < 0)
		return;
	if (rc == VISIT_ALREADY_OPEN) {
		show(r, &o, NULL, "这套房子已经有一个预约了，见下面。要换时间，"
		    "请先取消它再重新预约。", 409);
		return;
	}
	if (rc == ONCE_SEEN && made == 0) {
		show(r, &o, NULL, ONCE_USED_MSG, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/premises/%lld/visit?booked=1",
	    (long long)o.id));
}

void
page_visit_cancel(struct req *r)
{
	struct owned	 o;
	int64_t		 estate, premises;
	int		 rc;

	if ((rc = db_one(r->ctx, &SQL_VISIT_MINE, "ii", "ii", r->ids[0],
	    r->ctx->actor.id, &estate, &premises)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	if ((rc = owned_premises(r, premises, &o)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	if ((rc = visit_cancel(r->ctx, r->ids[0], estate, premises)) < 0)
		return;
	if (rc == VISIT_NOT_OPEN) {
		show(r, &o, NULL, "这个预约已经取消，或者收费员已经处理过了，"
		    "请看下面。", 409);
		return;
	}
	http_redirect(r, arena_printf(r->a,
	    "/premises/%lld/visit?cancelled=1", (long long)premises));
}
