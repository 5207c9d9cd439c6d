/*
 * visits.c - 上门预约 (issue 13, core/elder.h): the visits owners asked
 * for in the portal (上门收费预约), on the list of the collector assigned
 * to each household.
 *
 *   GET  /staff/arrears/visits[?estate=N]
 *        the open requests by day and half-day, then those closed in the
 *        last 30 days; a collector sees those of the households assigned
 *        to them, the others every household's with its collector; each
 *        row the household (a link), the owner who asked, their phone as
 *        the role sees it (a tel: link), age, the day, the note, and for
 *        those who may: 已上门 / 未联系上 with a note, and 上门收款
 *   POST /staff/visit-requests/#/close
 *        outcome=done|not_reached, note: closes an open request (audited)
 *        and answers 303 to the list; 400 with the message by the row,
 *        nothing changed; 409 when it was closed or cancelled meanwhile;
 *        404 outside the user's estates, and to a collector for a
 *        household not assigned to them
 *
 * Renders templates/staff/visits.tpl.
 */
#include <string.h>

#include "access.h"
#include "arena.h"
#include "cal.h"
#include "db.h"
#include "elder.h"
#include "http.h"
#include "labels.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

/* An estate's requests, open first (by day), then closed in the last 30
 * days (latest first); of one collector's households, or (0) all. */
SQL_DEF(SQL_VISITS_LIST,
    "SELECT v.id, v.premises_id, v.status,"
    " DATE_FORMAT(v.visit_date, '%Y-%m-%d'), v.half_day, v.note,"
    " v.close_note, COALESCE(DATE_FORMAT(v.closed_at, '%Y-%m-%d %H:%i'), ''),"
    " COALESCE(cs.name, ''), bd.name, p.unit, p.room, p.occupancy,"
    " o.name, o.phone, COALESCE(o.birth_year, 0),"
    " COALESCE(asg.collector_id, 0), COALESCE(st.name, '')"
    " FROM visit_requests v"
    " JOIN premises p ON p.id = v.premises_id"
    " JOIN buildings bd ON bd.id = p.building_id"
    " JOIN owners o ON o.id = v.owner_id"
    " LEFT JOIN assignments asg ON asg.premises_id = v.premises_id"
    " LEFT JOIN staff st ON st.id = asg.collector_id"
    " LEFT JOIN staff cs ON cs.id = v.closed_by"
    " WHERE v.estate_id = ? AND (? = 0 OR asg.collector_id = ?)"
    " AND (v.status = 'open' OR v.closed_at > NOW() - INTERVAL 30 DAY)"
    " ORDER BY v.status = 'open' DESC,"
    " IF(v.status = 'open', v.visit_date, NULL), v.half_day,"
    " v.closed_at DESC, v.id DESC LIMIT 300");
SQL_DEF(SQL_VISIT_ONE,
    "SELECT v.estate_id, v.premises_id, COALESCE(asg.collector_id, 0)"
    " FROM visit_requests v"
    " LEFT JOIN assignments asg ON asg.premises_id = v.premises_id"
    " WHERE v.id = ?");

static const struct field estate_field =
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL };

static const char *const outcomes[] = { "done", "not_reached", NULL };
enum { F_OUTCOME, F_NOTE, F__MAX };
static const struct field fields[F__MAX] = {
	{ "outcome", "结果", V_CHOICE, V_REQUIRED, 0, 0, outcomes },
	{ "note", "备注", V_TEXT, 0, 0, VISIT_NOTE_MAX, NULL },
};

/* The collector whose list it is: the signed-in one, or 0 for all. */
static int64_t
list_of(const struct req *r)
{
	return r->ctx->actor.role == ROLE_COLLECTOR ? r->ctx->actor.id : 0;
}

/*
 * The list of estate (0: the first in scope), with the message of a
 * close form sent for request err_id (v, or NULL) or an alert.
 */
static void
show(struct req *r, int64_t estate, int64_t err_id, const struct fval *v,
    const char *alert, int status)
{
	struct tmpl	*d, *row, *sec;
	struct db_res	*res;
	struct estate	 e;
	struct date	 today = cal_today();
	const char	*st, *date, *half, *note, *cnote, *closed, *closer;
	const char	*bname, *unit, *room, *occ, *oname, *phone, *cname;
	const char	*closed_id = http_query(r, "closed");
	enum visit_status vs;
	enum visit_half	 h;
	enum see	 see;
	int64_t		 id, pid, born, coll, me = list_of(r), nopen = 0;
	int		 rc, may_close, may_pay;

	d = page_new(r, "staff/visits.tpl", "上门预约");
	if ((rc = scope_estate(r, estate, &e, d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	tmpl_set(d, "ESTATE_NAME", e.name);
	tmpl_set_int(d, "ESTATE_ID", e.id);
	tmpl_show(d, me != 0 ? "MINE" : "ALL");
	if (alert != NULL) {
		tmpl_show(d, "ALERT");
		tmpl_set(d, "ALERT_TEXT", alert);
	} else if (closed_id != NULL)
		tmpl_show(d, "CLOSED_NOW");
	may_close = http_may(r, METHOD_POST, "/visit-requests/#/close");
	may_pay = http_may(r, METHOD_GET, "/households/#/pay");
	if ((res = db_query(r->ctx, &SQL_VISITS_LIST, "iii", e.id, me,
	    me)) == NULL)
		return;
	while ((rc = db_row(res, "iisssssssssssssiis", &id, &pid, &st, &date,
	    &half, &note, &cnote, &closed, &closer, &bname, &unit, &room,
	    &occ, &oname, &phone, &born, &coll, &cname)) == 1) {
		vs = visit_status_parse(st);
		h = visit_half_parse(half);
		sec = tmpl_row(d, vs == VISIT_OPEN ? "OPEN" : "CLOSED");
		if (vs == VISIT_OPEN)
			nopen++;
		tmpl_set_int(sec, "ID", id);
		tmpl_set_int(sec, "PID", pid);
		tmpl_set(sec, "LABEL", label_premises(r->a, bname, unit, room,
		    occ));
		tmpl_set(sec, "OWNER", oname);
		see = http_sees(r, DATA_OWNER_PHONE, coll != 0 &&
		    coll == r->ctx->actor.id);
		if (see == SEE_ALL) {
			row = tmpl_row(sec, "PHONE");
			tmpl_set(row, "NUMBER", phone);
		} else if (see == SEE_MASKED)
			tmpl_set(tmpl_row(sec, "MASKED"), "NUMBER",
			    access_phone(r->a, see, phone));
		if (born > 0)
			tmpl_set(tmpl_row(sec, "AGE"), "YEARS",
			    arena_printf(r->a, "%lld", (long long)(today.y -
			    born)));
		tmpl_set(sec, "DAY", visit_day_label(r->a, date));
		tmpl_set(sec, "HALF", h < VISIT_HALF__MAX ?
		    visit_half_labels[h] : half);
		tmpl_set(sec, "NOTE", *note != '\0' ? note : "（无）");
		tmpl_set(sec, "COLLECTOR", *cname ? cname : "未分配");
		if (vs != VISIT_OPEN) {
			tmpl_set(sec, "STATUS", vs < VISIT_STATUS__MAX ?
			    visit_status_labels[vs] : st);
			tmpl_set(sec, "CLOSED_AT", closed);
			tmpl_set(sec, "CLOSER", *closer ? closer : "业主本人");
			tmpl_set(sec, "CLOSE_NOTE", cnote);
			continue;
		}
		if (may_pay)
			tmpl_show(sec, "PAY");
		if (may_close) {
			row = tmpl_row(sec, "CLOSE_FORM");
			if (v != NULL && err_id == id) {
				valid_to_tmpl(row, fields, F__MAX, v);
			}
		}
	}
	if (rc < 0)
		return;
	tmpl_set_int(d, "OPEN_COUNT", nopen);
	if (nopen == 0)
		tmpl_show(d, "NONE_OPEN");
	page_render(r, status);
}

void
page_visits(struct req *r)
{
	struct fval	 v;

	valid_one(r, &estate_field, http_query(r, "estate"), &v);
	show(r, v.set && !v.err ? v.i : 0, 0, NULL, NULL, 200);
}

void
page_visit_close(struct req *r)
{
	struct fval	 v[F__MAX];
	int64_t		 estate, premises, coll;
	int		 rc;

	if ((rc = db_one(r->ctx, &SQL_VISIT_ONE, "i", "iii", r->ids[0],
	    &estate, &premises, &coll)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	/* outside the user's estates, or another collector's household */
	if (!scope_sees(r, estate) || (list_of(r) != 0 &&
	    coll != list_of(r))) {
		page_error(r, 404, NULL);
		return;
	}
	if (valid_fields(r, fields, F__MAX, v) > 0) {
		if (v[F_OUTCOME].err != NULL)
			v[F_OUTCOME].err = "请点「已上门」或「未联系上」";
		show(r, estate, r->ids[0], v, "没有保存：请看下面标红的地方。",
		    400);
		return;
	}
	rc = visit_close(r->ctx, r->ids[0], estate, premises,
	    v[F_OUTCOME].i == 0 ? VISIT_DONE : VISIT_NOT_REACHED,
	    v[F_NOTE].s);
	if (rc < 0)
		return;
	if (rc == VISIT_NOT_OPEN) {
		show(r, estate, 0, NULL, "这个预约已经处理过了，或者业主已经取消，"
		    "见下面“最近处理”。", 409);
		return;
	}
	http_redirect(r, arena_printf(r->a,
	    "/staff/arrears/visits?estate=%lld&closed=%lld#closed",
	    (long long)estate, (long long)r->ids[0]));
}

int
visits_board(struct req *r, struct tmpl *d, int64_t estate_id)
{
	int64_t	 n;

	if (visit_open_count(r->ctx, estate_id, list_of(r), &n) < 0)
		return -1;
	if (n > 0) {
		tmpl_show(d, "VISITS_OPEN");
		tmpl_set_int(d, "VISITS_OPEN_N", n);
		if (list_of(r) != 0)
			tmpl_show(d, "VISITS_MINE");
	}
	return 0;
}
