/*
 * deferrals.c - hardship deferral in the owner portal (缓交申请, issue
 * 13; core/deferral.h), in plain words for an owner on a phone:
 *
 *   GET  /deferrals                   the owner's applications and their
 *                                     status (待审批 / 已批准, until when /
 *                                     未批准, why), and each home's link
 *                                     to apply
 *   GET  /premises/#/deferrals/new    the form: why, which bills, how
 *                                     long, an optional document photo
 *   POST /premises/#/deferrals        applies: 303 to the list; 400 with
 *                                     the messages by the fields, nothing
 *                                     recorded; 409 while one waits;
 *                                     once however often it is sent
 *
 * Another owner's home is 404. Renders templates/owner/deferrals.tpl and
 * deferral_new.tpl.
 */
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "db.h"
#include "deferform.h"
#include "deferral.h"
#include "http.h"
#include "labels.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "rqphoto.h"
#include "tmpl.h"
#include "valid.h"

SQL_DEF(SQL_MY_DEFERRALS,
    "SELECT d.id, d.applied_at, d.reason, d.months, d.status,"
    " COALESCE(d.ends_on, ''), d.decision_note, bd.name, p.unit, p.room,"
    " p.occupancy, (SELECT COUNT(*) FROM deferral_bills x"
    "  WHERE x.deferral_id = d.id)"
    " FROM deferrals d JOIN premises p ON p.id = d.premises_id"
    " JOIN buildings bd ON bd.id = p.building_id"
    " JOIN premises_owners po ON po.premises_id = d.premises_id"
    "  AND po.owner_id = ?"
    " ORDER BY d.id DESC LIMIT 50");

SQL_DEF(SQL_MY_HOMES,
    "SELECT p.id, bd.name, p.unit, p.room, p.occupancy"
    " FROM premises_owners po JOIN premises p ON p.id = po.premises_id"
    " JOIN buildings bd ON bd.id = p.building_id"
    " WHERE po.owner_id = ? ORDER BY bd.sort, p.unit, p.floor, p.room");


enum { F_REASON, F_MONTHS, F_TOKEN, F__MAX };

static const struct field fields[F__MAX] = {
	{ "reason", "缓交原因", V_TEXT, V_REQUIRED, 4, 500, NULL },
	{ "months", "缓交多久", V_CHOICE, V_REQUIRED, 0, 0, deferform_months },
	ONCE_FIELD,
};

void
page_deferrals(struct req *r)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*applied, *reason, *status, *ends, *note, *building;
	const char	*unit, *room, *occ;
	int64_t		 id, months, nbills, n = 0;
	int		 rc;

	d = page_new(r, "owner/deferrals.tpl", "缓交申请");
	if (http_query(r, "ok") != NULL)
		tmpl_show(d, "SAVED");
	if ((res = db_query(r->ctx, &SQL_MY_HOMES, "i",
	    r->ctx->actor.id)) == NULL)
		return;
	while ((rc = db_row(res, "issss", &id, &building, &unit, &room,
	    &occ)) == 1) {
		row = tmpl_row(d, "HOME");
		tmpl_set_int(row, "PREMISES_ID", id);
		tmpl_set(row, "PREMISES", label_premises(r->a, building, unit,
		    room, occ));
	}
	if (rc < 0)
		return;
	if ((res = db_query(r->ctx, &SQL_MY_DEFERRALS, "i",
	    r->ctx->actor.id)) == NULL)
		return;
	while ((rc = db_row(res, "ississsssssi", &id, &applied, &reason,
	    &months, &status, &ends, &note, &building, &unit, &room, &occ,
	    &nbills)) == 1) {
		row = tmpl_row(d, "DEFERRAL");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "APPLIED", label_date(r->a, applied));
		tmpl_set(row, "REASON", reason);
		tmpl_set_int(row, "MONTHS", months);
		tmpl_set_int(row, "NBILLS", nbills);
		tmpl_set(row, "PREMISES", label_premises(r->a, building, unit,
		    room, occ));
		tmpl_set(row, "STATUS_KEY", status);
		switch (deferral_status_parse(status)) {
		case DEFERRAL_APPROVED:
			tmpl_show(row, "APPROVED");
			tmpl_set(row, "ENDS", label_date(r->a, ends));
			break;
		case DEFERRAL_REJECTED:
			tmpl_show(row, "REJECTED");
			tmpl_set(row, "NOTE", note);
			break;
		default:
			tmpl_show(row, "PENDING");
			break;
		}
		n++;
	}
	if (rc < 0)
		return;
	if (n == 0)
		tmpl_show(d, "NONE");
	page_render(r, 200);
}

/* The form for home o; v (and checked, the bills ticked) what was sent
 * with its messages, or NULL; alert on top. */
static void
form(struct req *r, const struct owned *o, const struct fval *v,
    const int64_t *checked, int nchecked, const char *bills_err,
    const char *alert, int status)
{
	struct tmpl	*d;

	d = page_new(r, "owner/deferral_new.tpl", "申请缓交");
	tmpl_set_int(d, "PREMISES_ID", o->id);
	tmpl_set(d, "PREMISES", o->label);
	if (v != NULL) {
		valid_to_tmpl(d, fields, F__MAX, v);
		if (v[F_TOKEN].err != NULL && alert == NULL)
			alert = v[F_TOKEN].err;
	} else
		tmpl_set(d, "MONTHS_VAL", "3");
	if (alert != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", alert);
	}
	if (bills_err != NULL)
		tmpl_set(d, "BILLS_ERR", bills_err);
	if (deferform_fill(r, d, o->id, v != NULL ? &v[F_MONTHS] : NULL,
	    checked, nchecked) < 0)
		return;
	tmpl_set(d, "FORM_TOKEN_VAL", once_token(r->ctx));
	page_render(r, status);
}

static int
home(struct req *r, struct owned *o)
{
	int	 rc = owned_premises(r, r->ids[0], o);

	if (rc == 0)
		page_error(r, 404, NULL);
	return rc == 1 ? 0 : -1;
}

void
page_deferral_new(struct req *r)
{
	struct owned	 o;

	if (home(r, &o) == 0)
		form(r, &o, NULL, NULL, 0, NULL, NULL, 200);
}

void
page_deferral_post(struct req *r)
{
	struct owned		 o;
	struct fval		 v[F__MAX];
	struct deferral_in	 in;
	struct photo		 photos[PHOTO_PER_STEP];
	const char		*bills_err = NULL, *perr = NULL;
	int64_t			*ids, made;
	size_t			 np = 0;
	int			 errs, nids = 0, rc;

	if (home(r, &o) < 0)
		return;
	errs = valid_fields(r, fields, F__MAX, v);
	if (deferform_bills(r, o.id, &ids, &nids,
	    "所选账单已缴清或不属于这套房，请重新选择", &bills_err) < 0)
		return;
	if (bills_err != NULL)
		errs++;
	if (errs) {
		form(r, &o, v, ids, nids, bills_err, NULL, 400);
		return;
	}
	if ((rc = deferform_photo(r, photos, &np, &perr)) != 0) {
		if (rc > 0)
			form(r, &o, v, ids, nids, NULL, perr, 400);
		return;
	}
	memset(&in, 0, sizeof(in));
	in.estate_id = o.estate_id;
	in.premises_id = o.id;
	in.owner_id = r->ctx->actor.id;
	in.reason = v[F_REASON].s;
	in.months = deferform_months_n[v[F_MONTHS].i];
	in.bill_ids = ids;
	in.nbills = nids;
	in.photo_key = np == 1 ? photos[0].key : NULL;
	rc = once_tx(r->ctx, v[F_TOKEN].s, "deferral.apply", o.id, o.estate_id,
	    deferral_apply_once, &in, &made);
	if (rc != ONCE_FIRST)
		rqphoto_drop(photos, np);
	if (rc < 0)
		return;
	if (rc == DEFERRAL_PENDING_ALREADY) {
		form(r, &o, v, ids, nids, NULL, "这套房已有一份缓交申请在等待"
		    "审批，请等审批结果出来后再申请。", 409);
		return;
	}
	if (rc == DEFERRAL_BILL_NOT_OPEN) {
		form(r, &o, v, ids, nids, "所选账单已缴清，请重新选择", NULL,
		    409);
		return;
	}
	if (rc == ONCE_SEEN && made == 0) {
		v[F_TOKEN].err = ONCE_USED_MSG;
		form(r, &o, v, ids, nids, NULL, NULL, 409);
		return;
	}
	http_redirect(r, "/deferrals?ok=1");
}
