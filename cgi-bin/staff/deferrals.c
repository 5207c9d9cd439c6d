/*
 * deferrals.c - hardship deferrals in the back office (缓交申请, issue
 * 13; core/deferral.h):
 *
 *   GET  /staff/deferrals[?status=]          the estate's applications,
 *                                             pending first by default
 *   GET  /staff/households/#/deferrals/new   the form to log one for an
 *                                             owner (counter, phone, visit)
 *   POST /staff/households/#/deferrals       logs it (pending): 303 to the
 *                                             list; 400 with messages; 409
 *                                             while one waits
 *   POST /staff/deferrals/#/approve          a manager approves: from
 *                                             today for its months (303;
 *                                             409 if no longer pending)
 *   POST /staff/deferrals/#/reject           a manager rejects, with a
 *                                             reason (303; 400 without)
 *   GET  /staff/deferrals/#/photo[?thumb=1]  its document photo
 *
 * Neither decision is open to the manager who logged the application
 * (403): nobody decides on what they logged themselves, as with
 * service-exchange credits and voids. An owner's own application (from
 * the portal) is any manager's to decide.
 *
 * Renders templates/staff/deferrals.tpl and deferral_new.tpl.
 */
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "db.h"
#include "deferform.h"
#include "deferral.h"
#include "http.h"
#include "labels.h"
#include "ledger.h"
#include "money.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "rqphoto.h"
#include "tmpl.h"
#include "valid.h"

#define PER_PAGE	30

SQL_DEF(SQL_SD_COUNT,
    "SELECT COUNT(*) FROM deferrals d WHERE d.estate_id = ?"
    " AND (? IS NULL OR d.status = ?)");

SQL_DEF(SQL_SD_PAGE,
    "SELECT d.id, d.premises_id, bd.name, p.unit, p.room, p.occupancy,"
    " o.name, d.applied_at, d.reason, d.months, d.status,"
    " COALESCE(d.starts_on, ''), COALESCE(d.ends_on, ''), d.decision_note,"
    " COALESCE(ls.name, ''), COALESCE(ds.name, ''), COALESCE(d.logged_by, 0),"
    " COALESCE(d.photo_key, ''),"
    " (SELECT COUNT(*) FROM deferral_bills x WHERE x.deferral_id = d.id),"
    " (SELECT COALESCE(SUM(" LEDGER_OWED_SQL "), 0) FROM deferral_bills x"
    "  JOIN bills b ON b.id = x.bill_id WHERE x.deferral_id = d.id"
    "  AND b.status IN ('unpaid', 'partial'))"
    " FROM deferrals d JOIN premises p ON p.id = d.premises_id"
    " JOIN buildings bd ON bd.id = p.building_id"
    " JOIN owners o ON o.id = d.owner_id"
    " LEFT JOIN staff ls ON ls.id = d.logged_by"
    " LEFT JOIN staff ds ON ds.id = d.decided_by"
    " WHERE d.estate_id = ? AND (? IS NULL OR d.status = ?)"
    " ORDER BY d.status = 'pending' DESC, d.id DESC LIMIT ? OFFSET ?");

SQL_DEF(SQL_SD_OWNERS,
    "SELECT o.id, o.name FROM premises_owners po JOIN owners o"
    " ON o.id = po.owner_id WHERE po.premises_id = ?"
    " ORDER BY po.is_primary DESC, o.id");

SQL_DEF(SQL_SD_ESTATE,
    "SELECT estate_id, COALESCE(photo_key, '') FROM deferrals WHERE id = ?");

static const char *const statuses[DEFERRAL_STATUS__MAX + 1] = {
	"pending", "approved", "rejected", NULL
};

static const struct field list_fields[] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "status", "状态", V_CHOICE, 0, 0, 0, statuses },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
};


enum { F_OWNER, F_REASON, F_MONTHS, F_TOKEN, F__MAX };

static const struct field new_fields[F__MAX] = {
	{ "owner", "业主", V_INT, V_REQUIRED, 1, INT64_MAX / 2, NULL },
	{ "reason", "缓交原因", V_TEXT, V_REQUIRED, 4, 500, NULL },
	{ "months", "缓交多久", V_CHOICE, V_REQUIRED, 0, 0, deferform_months },
	ONCE_FIELD,
};

static const struct field reject_fields[] = {
	{ "reason", "不批准的原因", V_TEXT, V_REQUIRED, 2, 200, NULL },
};

/* What a decision was refused for: shown on its row. */
struct row_msg {
	int64_t		 id;
	const char	*text;
	const char	*reason;
};

static void
list(struct req *r, const struct row_msg *m, int status)
{
	struct fval	 v[3];
	struct tmpl	*d, *row;
	struct db_res	*res;
	struct estate	 e;
	const char	*building, *unit, *room, *occ, *owner, *applied, *reason;
	const char	*st, *starts, *ends, *note, *logged, *decided, *photo;
	const char	*filter;
	int64_t		 id, pid, months, by, nbills, owed, total, page;
	int		 rc, i, placed = 0;

	valid_fields(r, list_fields, 3, v);
	d = page_new(r, "staff/deferrals.tpl", "缓交申请");
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
		tmpl_set(row, "LABEL", deferral_status_labels[i]);
		if (filter && strcmp(filter, statuses[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
	if (http_query(r, "ok") != NULL)
		tmpl_show(d, "SAVED");
	if (db_one(r->ctx, &SQL_SD_COUNT, "iss", "i", e.id, filter, filter,
	    &total) != 1)
		return;
	res = db_query(r->ctx, &SQL_SD_PAGE, "issii", e.id, filter, filter,
	    (int64_t)PER_PAGE, (page - 1) * PER_PAGE);
	if (res == NULL)
		return;
	while ((rc = db_row(res, "iisssssssissssssisii", &id, &pid, &building,
	    &unit, &room, &occ, &owner, &applied, &reason, &months, &st,
	    &starts, &ends, &note, &logged, &decided, &by, &photo, &nbills,
	    &owed)) == 1) {
		row = tmpl_row(d, "DEFERRAL");
		tmpl_set_int(row, "ID", id);
		tmpl_set_int(row, "PREMISES_ID", pid);
		tmpl_set(row, "PREMISES", label_premises(r->a, building, unit,
		    room, occ));
		tmpl_set(row, "OWNER", owner);
		tmpl_set(row, "APPLIED", label_date(r->a, applied));
		tmpl_set(row, "REASON", reason);
		tmpl_set_int(row, "MONTHS", months);
		tmpl_set_int(row, "NBILLS", nbills);
		page_money(row, "OWED", owed);
		tmpl_set(row, "STATUS_KEY", st);
		tmpl_set(row, "STATUS", deferral_status_parse(st) <
		    DEFERRAL_STATUS__MAX ? deferral_status_labels[
		    deferral_status_parse(st)] : st);
		tmpl_set(row, "LOGGED_BY", *logged ? logged : "业主网上申请");
		tmpl_set(row, "DECIDED_BY", decided);
		tmpl_set(row, "NOTE", note);
		if (*photo != '\0')
			tmpl_show(row, "PHOTO");
		switch (deferral_status_parse(st)) {
		case DEFERRAL_APPROVED:
			tmpl_show(row, "APPROVED");
			tmpl_set(row, "STARTS", label_date(r->a, starts));
			tmpl_set(row, "ENDS", label_date(r->a, ends));
			break;
		case DEFERRAL_REJECTED:
			tmpl_show(row, "REJECTED");
			break;
		case DEFERRAL_PENDING:
			if (!http_may(r, METHOD_POST, "/deferrals/#/approve"))
				break;
			/* not approving their own log is theirs (deferral.c) */
			tmpl_show(row, "CAN_REJECT");
			tmpl_show(row, by != 0 && by == r->ctx->actor.id ?
			    "OWN_LOG" : "CAN_DECIDE");
			break;
		default:
			break;
		}
		if (m != NULL && m->id == id) {
			tmpl_show(row, "ROW_ALERT");
			tmpl_set(row, "ROW_ALERT_TEXT", m->text);
			tmpl_set(row, "REASON_VAL", m->reason ? m->reason : "");
			placed = 1;
		}
	}
	if (rc < 0)
		return;
	if (m != NULL && !placed) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", m->text);
	}
	if (total == 0)
		tmpl_show(d, "NONE");
	page_pager(r, d, arena_printf(r->a, "/staff/deferrals?estate=%lld%s%s",
	    (long long)e.id, filter ? "&status=" : "", filter ? filter : ""),
	    page, PER_PAGE, total);
	page_render(r, status);
}

void
page_deferrals(struct req *r)
{
	list(r, NULL, 200);
}

static int
household(struct req *r, struct household *h)
{
	int	 rc = scope_household(r, r->ids[0], h);

	if (rc == 0)
		page_error(r, 404, NULL);
	return rc == 1 ? 0 : -1;
}

static void
new_form(struct req *r, const struct household *h, const struct fval *v,
    const int64_t *checked, int nchecked, const char *bills_err,
    const char *alert, int status)
{
	struct tmpl		*d, *row;
	struct db_res		*res;
	const char		*name;
	int64_t			 id;
	int			 rc, first = 1;

	d = page_new(r, "staff/deferral_new.tpl", "登记缓交申请");
	tmpl_set_int(d, "ID", h->id);
	tmpl_set(d, "LABEL", h->label);
	if ((res = db_query(r->ctx, &SQL_SD_OWNERS, "i", h->id)) == NULL)
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
	if (v != NULL) {
		valid_to_tmpl(d, new_fields, F__MAX, v);
		if (v[F_TOKEN].err != NULL && alert == NULL)
			alert = v[F_TOKEN].err;
	}
	if (alert != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", alert);
	}
	if (bills_err != NULL)
		tmpl_set(d, "BILLS_ERR", bills_err);
	if (deferform_fill(r, d, h->id, v != NULL ? &v[F_MONTHS] : NULL,
	    checked, nchecked) < 0)
		return;
	tmpl_set(d, "FORM_TOKEN_VAL", once_token(r->ctx));
	page_render(r, status);
}

void
page_deferral_new(struct req *r)
{
	struct household h;

	if (household(r, &h) == 0)
		new_form(r, &h, NULL, NULL, 0, NULL, NULL, 200);
}

void
page_deferral_post(struct req *r)
{
	struct household	 h;
	struct fval		 v[F__MAX];
	struct deferral_in	 in;
	struct photo		 photos[PHOTO_PER_STEP];
	struct db_res		*res;
	const char		*bills_err = NULL, *perr = NULL, *name;
	int64_t			*ids, made, id;
	size_t			 np = 0;
	int			 errs, nids = 0, rc, found = 0;

	if (household(r, &h) < 0)
		return;
	errs = valid_fields(r, new_fields, F__MAX, v);
	if (!v[F_OWNER].err && v[F_OWNER].set) {
		if ((res = db_query(r->ctx, &SQL_SD_OWNERS, "i", h.id)) == NULL)
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
	if (deferform_bills(r, h.id, &ids, &nids,
	    "所选账单已缴清或不属于这一户，请重新选择", &bills_err) < 0)
		return;
	if (bills_err != NULL)
		errs++;
	if (errs) {
		new_form(r, &h, v, ids, nids, bills_err, NULL, 400);
		return;
	}
	if ((rc = deferform_photo(r, photos, &np, &perr)) != 0) {
		if (rc > 0)
			new_form(r, &h, v, ids, nids, NULL, perr, 400);
		return;
	}
	memset(&in, 0, sizeof(in));
	in.estate_id = h.estate_id;
	in.premises_id = h.id;
	in.owner_id = v[F_OWNER].i;
	in.reason = v[F_REASON].s;
	in.months = deferform_months_n[v[F_MONTHS].i];
	in.bill_ids = ids;
	in.nbills = nids;
	in.photo_key = np == 1 ? photos[0].key : NULL;
	in.by_staff = 1;
	rc = once_tx(r->ctx, v[F_TOKEN].s, "deferral.apply", h.id, h.estate_id,
	    deferral_apply_once, &in, &made);
	if (rc != ONCE_FIRST)
		rqphoto_drop(photos, np);
	if (rc < 0)
		return;
	if (rc == DEFERRAL_PENDING_ALREADY) {
		new_form(r, &h, v, ids, nids, NULL, "这一户已有一份缓交申请在等待"
		    "审批，请先审批那一份。", 409);
		return;
	}
	if (rc == DEFERRAL_BILL_NOT_OPEN) {
		new_form(r, &h, v, ids, nids, "所选账单已缴清，请重新选择",
		    NULL, 409);
		return;
	}
	if (rc == ONCE_SEEN && made == 0) {
		v[F_TOKEN].err = ONCE_USED_MSG;
		new_form(r, &h, v, ids, nids, NULL, NULL, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a,
	    "/staff/deferrals?estate=%lld&ok=1", (long long)h.estate_id));
}

/* The estate (and photo key) of the deferral the URL names, within
 * scope; else 404. */
static int
deferral_scope(struct req *r, int64_t *estate, const char **photo)
{
	int	 rc;

	rc = db_one(r->ctx, &SQL_SD_ESTATE, "i", "is", r->ids[0], estate,
	    photo);
	if (rc == 0 || (rc == 1 && !scope_sees(r, *estate))) {
		page_error(r, 404, NULL);
		return -1;
	}
	return rc == 1 ? 0 : -1;
}

#define OWN_LOG_MSG	"这份申请是您本人登记的，须由另一位经理批准；您可以填写原因后点“不批准”撤回。"

static void
decided(struct req *r, int64_t estate, int rc, const char *reason)
{
	struct row_msg	 m = { r->ids[0], NULL, reason };

	if (rc == DEFERRAL_DECIDED) {
		m.text = "这份申请已经审批过了。";
		list(r, &m, 409);
		return;
	}
	if (rc == DEFERRAL_OWN_LOG) {
		m.text = OWN_LOG_MSG;
		list(r, &m, 403);
		return;
	}
	if (rc == DEFERRAL_NOTHING_OPEN) {
		m.text = "申请缓交的账单都已缴清，没有可以缓交的了：请填写原因后点“不批准”。";
		list(r, &m, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a,
	    "/staff/deferrals?estate=%lld&ok=1", (long long)estate));
}

void
page_deferral_approve(struct req *r)
{
	const char	*photo;
	int64_t		 estate;
	int		 rc;

	if (deferral_scope(r, &estate, &photo) < 0)
		return;
	if ((rc = deferral_decide(r->ctx, r->ids[0], 1, "")) < 0)
		return;
	decided(r, estate, rc, NULL);
}

void
page_deferral_reject(struct req *r)
{
	struct fval	 v[1];
	struct row_msg	 m = { r->ids[0], NULL, NULL };
	const char	*photo;
	int64_t		 estate;
	int		 rc;

	if (deferral_scope(r, &estate, &photo) < 0)
		return;
	if (valid_fields(r, reject_fields, 1, v) > 0) {
		m.text = v[0].err;
		m.reason = v[0].s;
		list(r, &m, 400);
		return;
	}
	if ((rc = deferral_decide(r->ctx, r->ids[0], 0, v[0].s)) < 0)
		return;
	decided(r, estate, rc, v[0].s);
}

/* Households under a deferral on day (deferral.h), of one estate or
 * (0) all: its end, and what its deferred bills still owe. */
SQL_DEF(SQL_SD_BOARD,
    "SELECT d.premises_id, d.estate_id, bd.name, p.unit, p.room,"
    " p.occupancy, o.name, MAX(d.ends_on),"
    " (SELECT COALESCE(SUM(" LEDGER_OWED_SQL "), 0) FROM bills b"
    "  WHERE b.premises_id = d.premises_id"
    "  AND b.status IN ('unpaid', 'partial') AND EXISTS (SELECT 1"
    "  FROM bill_due_dates bdd WHERE bdd.bill_id = b.id))"
    " FROM deferrals d JOIN premises p ON p.id = d.premises_id"
    " JOIN buildings bd ON bd.id = p.building_id"
    " JOIN owners o ON o.id = d.owner_id"
    " WHERE (? = 0 OR d.estate_id = ?) AND d.status = 'approved'"
    " AND d.starts_on <= ? AND d.ends_on > ?"
    " GROUP BY d.premises_id, d.estate_id, bd.name, p.unit, p.room,"
    " p.occupancy, o.name ORDER BY MAX(d.ends_on), d.premises_id LIMIT 500");

int
deferrals_board(struct req *r, struct tmpl *d, int64_t estate_id)
{
	struct tmpl	*row;
	struct db_res	*res;
	const char	*building, *unit, *room, *occ, *owner, *until;
	char		 day[11];
	int64_t		 pid, estate, owed, n = 0;
	int		 rc;

	cal_fmt(day, cal_today());
	if ((res = db_query(r->ctx, &SQL_SD_BOARD, "iiss", estate_id,
	    estate_id, day, day)) == NULL)
		return -1;
	while ((rc = db_row(res, "iissssssi", &pid, &estate, &building, &unit,
	    &room, &occ, &owner, &until, &owed)) == 1) {
		if (!scope_sees(r, estate))
			continue;
		row = tmpl_row(d, "DEFERRED");
		tmpl_set_int(row, "ID", pid);
		tmpl_set(row, "LABEL", label_premises(r->a, building, unit, room,
		    occ));
		tmpl_set(row, "OWNER", owner);
		tmpl_set(row, "UNTIL", label_date(r->a, until));
		page_money(row, "OWED", owed);
		n++;
	}
	if (rc < 0)
		return -1;
	tmpl_set_int(d, "DEFERRED_N", n);
	return 0;
}

SQL_DEF(SQL_SD_CASE_DEFERRALS,
    "SELECT id, applied_at, months, status, COALESCE(ends_on, ''),"
    " decision_note, reason FROM deferrals WHERE premises_id = ?"
    " ORDER BY id DESC LIMIT 20");
SQL_DEF(SQL_SD_CASE_CREDITS,
    "SELECT activity_date, activity, hours_x100, status,"
    " COALESCE(amount_fen, 0) FROM service_credits WHERE premises_id = ?"
    " ORDER BY activity_date DESC, id DESC LIMIT 20");

int
hardship_casefile(struct req *r, struct tmpl *d, int64_t premises_id)
{
	struct tmpl	*row;
	struct db_res	*res;
	const char	*applied, *st, *ends, *note, *reason, *date, *activity;
	int64_t		 id, months, hours, amount, nd = 0, nc = 0, fen = 0;
	int		 rc;
	enum deferral_status ds;
	char		 buf[32];

	if ((res = db_query(r->ctx, &SQL_SD_CASE_DEFERRALS, "i",
	    premises_id)) == NULL)
		return -1;
	while ((rc = db_row(res, "isissss", &id, &applied, &months, &st,
	    &ends, &note, &reason)) == 1) {
		row = tmpl_row(d, "HS_DEFERRAL");
		ds = deferral_status_parse(st);
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "APPLIED", label_date(r->a, applied));
		tmpl_set_int(row, "MONTHS", months);
		tmpl_set(row, "STATUS", ds < DEFERRAL_STATUS__MAX ?
		    deferral_status_labels[ds] : st);
		tmpl_set(row, "REASON", reason);
		if (ds == DEFERRAL_APPROVED) {
			tmpl_show(row, "HS_UNTIL");
			tmpl_set(row, "UNTIL", label_date(r->a, ends));
		}
		if (ds == DEFERRAL_REJECTED && *note) {
			tmpl_show(row, "HS_NOTE");
			tmpl_set(row, "NOTE", note);
		}
		nd++;
	}
	if (rc < 0)
		return -1;
	if ((res = db_query(r->ctx, &SQL_SD_CASE_CREDITS, "i",
	    premises_id)) == NULL)
		return -1;
	while ((rc = db_row(res, "ssisi", &date, &activity, &hours, &st,
	    &amount)) == 1) {
		row = tmpl_row(d, "HS_CREDIT");
		tmpl_set(row, "DATE", label_date(r->a, date));
		tmpl_set(row, "ACTIVITY", activity);
		tmpl_set(row, "HOURS", label_area(r->a, hours));
		tmpl_set(row, "STATUS", strcmp(st, "approved") == 0 ? "已通过" :
		    strcmp(st, "rejected") == 0 ? "未通过" : "待审批");
		if (strcmp(st, "approved") == 0) {
			tmpl_show(row, "HS_AMOUNT");
			page_money(row, "AMOUNT", amount);
			fen += amount;
		}
		nc++;
	}
	if (rc < 0)
		return -1;
	if (nd == 0)
		tmpl_show(d, "HS_NO_DEFERRAL");
	if (nc == 0)
		tmpl_show(d, "HS_NO_CREDIT");
	if (http_may(r, METHOD_GET, "/households/#/deferrals/new"))
		tmpl_show(d, "HS_CAN_DEFER");
	if (http_may(r, METHOD_GET, "/households/#/credits/new"))
		tmpl_show(d, "HS_CAN_CREDIT");
	tmpl_set(d, "HS_SUMMARY", arena_printf(r->a, "缓交申请 %lld 份；"
	    "服务置换 %lld 次，已抵扣 ¥%s。", (long long)nd, (long long)nc,
	    money_fmt(buf, fen)));
	return 0;
}

void
page_deferral_photo(struct req *r)
{
	const char	*photo;
	int64_t		 estate;

	if (deferral_scope(r, &estate, &photo) < 0)
		return;
	if (*photo == '\0') {
		page_error(r, 404, NULL);
		return;
	}
	rqphoto_send_key(r, photo, http_query(r, "thumb") != NULL);
}
