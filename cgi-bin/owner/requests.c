/*
 * requests.c - 报修 in the owner portal (issue 12, DOMAIN.md "Service
 * loop"): the owner reports a problem of their home or of a public area
 * from a phone, with photos, and follows every step.
 *
 *   GET  /requests            my requests, newest first, with 我要报修
 *   GET  /requests/new        the form: where (one of my premises, or a
 *                             public area), what kind, what, photos
 *   POST /requests            logs it (multipart): 303 to its page; 400
 *                             with messages by the fields, nothing kept
 *   GET  /requests/#          every step with its time and who took it,
 *                             the plan, the follow-up's answer; 404 when
 *                             it is not the owner's (their own, or of a
 *                             premises they own)
 *   GET  /requests/#/photos/#[/thumb]  its photos, on the same terms
 *
 * Renders templates/owner/requests.tpl, request.tpl, request_new.tpl.
 */
#include <string.h>

#include "arena.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "request.h"
#include "rqphoto.h"
#include "tmpl.h"
#include "valid.h"

/* A request is the owner's: logged for them, or of a premises of theirs. */
#define MINE \
    " (r.owner_id = ? OR EXISTS (SELECT 1 FROM premises_owners po" \
    "  WHERE po.premises_id = r.premises_id AND po.owner_id = ?))"

SQL_DEF(SQL_ORQ_LIST,
    "SELECT r.id, r.category, r.status, COALESCE(bd.name, ''),"
    " COALESCE(p.unit, ''), COALESCE(p.room, ''), COALESCE(p.occupancy, ''),"
    " r.public_area, r.body, DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i')"
    " FROM service_requests r LEFT JOIN premises p ON p.id = r.premises_id"
    " LEFT JOIN buildings bd ON bd.id = p.building_id WHERE" MINE
    " ORDER BY r.id DESC LIMIT 100");

SQL_DEF(SQL_ORQ_GET,
    "SELECT r.estate_id, r.category, r.status, COALESCE(bd.name, ''),"
    " COALESCE(p.unit, ''), COALESCE(p.room, ''), COALESCE(p.occupancy, ''),"
    " r.public_area, r.body, r.plan, COALESCE(r.score, -1)"
    " FROM service_requests r LEFT JOIN premises p ON p.id = r.premises_id"
    " LEFT JOIN buildings bd ON bd.id = p.building_id WHERE r.id = ? AND"
    MINE);

/* The steps an owner reads: who by role, not staff names. */
SQL_DEF(SQL_ORQ_EVENTS,
    "SELECT e.id, e.kind, DATE_FORMAT(e.at, '%Y-%m-%d %H:%i'), e.actor_kind,"
    " COALESCE(s.role, ''), e.note, COALESCE(e.score, -1)"
    " FROM service_request_events e"
    " LEFT JOIN staff s ON e.actor_kind = 'staff' AND s.id = e.actor_id"
    " WHERE e.request_id = ? ORDER BY e.id");

SQL_DEF(SQL_ORQ_PREMISES,
    "SELECT p.id, bd.name, p.unit, p.room, p.occupancy, p.estate_id"
    " FROM premises_owners po JOIN premises p ON p.id = po.premises_id"
    " JOIN buildings bd ON bd.id = p.building_id WHERE po.owner_id = ?"
    " ORDER BY po.is_primary DESC, p.id");

SQL_DEF(SQL_ORQ_ESTATE, "SELECT estate_id FROM owners WHERE id = ?");

static const char *const category_choices[RQ_CATEGORY__MAX + 1] = {
	"lighting", "greening", "cleaning", "elevator", "water_power",
	"notices", "noise", "parking", "security", "other", NULL
};
static const char *const yes[] = { "0", "1", NULL };

enum { F_PREMISES, F_AREA, F_CATEGORY, F_BODY, F_SHARE, F_WITHHOLD, F_TOKEN,
    F__MAX };
static const struct field fields[F__MAX] = {
	/* 0: a public area */
	{ "premises", "报修位置", V_INT, V_REQUIRED, 0, INT64_MAX / 2, NULL },
	{ "public_area", "公共区域在哪里", V_TEXT, 0, 2, 100, NULL },
	{ "category", "问题类别", V_CHOICE, V_REQUIRED, 0, 0, category_choices },
	{ "body", "问题描述", V_TEXT, V_REQUIRED, 2, 1000, NULL },
	{ "share_contact", "同意工程师联系我", V_CHOICE, 0, 0, 0, yes },
	/* the owner withholds fees over it (DOMAIN.md "Service loop"; a new
	 * user could say so only in the text, out of every figure) */
	{ "withholding", "问题解决前暂缓缴费", V_CHOICE, 0, 0, 0, yes },
	ONCE_FIELD,
};

static const char *
where(struct req *r, const char *b, const char *u, const char *room,
    const char *occ, const char *area)
{
	return *b != '\0' ? label_premises(r->a, b, u, room, occ) : area;
}

void
page_requests(struct req *r)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*cat, *st, *b, *u, *room, *occ, *area, *body, *at;
	int64_t		 id, me = r->ctx->actor.id;
	enum rq_category c;
	enum rq_status	 s;
	int		 rc, n = 0;

	d = page_new(r, "owner/requests.tpl", "报事报修");
	if ((res = db_query(r->ctx, &SQL_ORQ_LIST, "ii", me, me)) == NULL)
		return;
	while ((rc = db_row(res, "isssssssss", &id, &cat, &st, &b, &u, &room,
	    &occ, &area, &body, &at)) == 1) {
		row = tmpl_row(d, "REQUEST");
		c = rq_category_parse(cat);
		s = rq_status_parse(st);
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "CATEGORY", c < RQ_CATEGORY__MAX ?
		    rq_category_labels[c] : cat);
		tmpl_set(row, "STATUS", s < RQ_STATUS__MAX ?
		    rq_status_labels[s] : st);
		tmpl_set(row, "STATUS_KEY", st);
		tmpl_set(row, "WHERE", where(r, b, u, room, occ, area));
		tmpl_set(row, "BODY", body);
		tmpl_set(row, "AT", at);
		n++;
	}
	if (rc < 0)
		return;
	if (n == 0)
		tmpl_show(d, "NONE");
	page_render(r, 200);
}

static void
form(struct req *r, const struct fval *v, const char *alert, int status)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*b, *u, *room, *occ;
	int64_t		 id, estate;
	int		 rc, i, first = 1;

	d = page_new(r, "owner/request_new.tpl", "我要报修");
	if (v != NULL)
		tmpl_show(d, "PHOTOS_AGAIN");	/* not kept by a browser */
	if ((res = db_query(r->ctx, &SQL_ORQ_PREMISES, "i",
	    r->ctx->actor.id)) == NULL)
		return;
	while ((rc = db_row(res, "issssi", &id, &b, &u, &room, &occ,
	    &estate)) == 1) {
		row = tmpl_row(d, "PREMISES");
		tmpl_set_int(row, "PREMISES_ID", id);
		tmpl_set(row, "LABEL", label_premises(r->a, b, u, room, occ));
		if (v != NULL ? v[F_PREMISES].set && v[F_PREMISES].i == id :
		    first)
			tmpl_show(row, "CHECKED");
		first = 0;
	}
	if (rc < 0)
		return;
	if (v != NULL && v[F_PREMISES].set && v[F_PREMISES].i == 0)
		tmpl_show(d, "AREA_CHECKED");
	for (i = 0; i < RQ_CATEGORY__MAX; i++) {
		row = tmpl_row(d, "CATEGORY_OPT");
		tmpl_set(row, "KEY", rq_category_codes[i]);
		tmpl_set(row, "LABEL", rq_category_labels[i]);
		if (v != NULL && v[F_CATEGORY].set && !v[F_CATEGORY].err &&
		    v[F_CATEGORY].i == i)
			tmpl_show(row, "CHECKED");
	}
	if (v != NULL) {
		valid_to_tmpl(d, fields, F__MAX, v);
		if (v[F_SHARE].set && v[F_SHARE].i == 1)
			tmpl_show(d, "SHARE_CHECKED");
		if (v[F_WITHHOLD].set && v[F_WITHHOLD].i == 1)
			tmpl_show(d, "WITHHOLD_CHECKED");
		if (v[F_TOKEN].err != NULL && alert == NULL)
			alert = v[F_TOKEN].err;
	}
	/* (fresh, the consent box is not ticked: consent is the owner's
	 * act, PIPL; a breaker found it ticked) */
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
	form(r, NULL, NULL, 200);
}

void
page_request_post(struct req *r)
{
	struct fval	 v[F__MAX];
	struct photo	 photos[PHOTO_PER_STEP];
	struct rqphoto_log t;
	struct db_res	*res;
	const char	*b, *u, *room, *occ, *perr = NULL;
	int64_t		 id, pid, pest, estate = 0;
	int		 errs, rc, found = 0;

	errs = valid_fields(r, fields, F__MAX, v);
	if (!v[F_PREMISES].err && v[F_PREMISES].set) {
		if (v[F_PREMISES].i == 0) {
			if (!v[F_AREA].set && !v[F_AREA].err) {
				v[F_AREA].err = "请写明公共区域的位置，如 5栋楼梯间";
				errs++;
			}
		} else {
			if ((res = db_query(r->ctx, &SQL_ORQ_PREMISES, "i",
			    r->ctx->actor.id)) == NULL)
				return;
			while ((rc = db_row(res, "issssi", &pid, &b, &u, &room,
			    &occ, &pest)) == 1)
				if (pid == v[F_PREMISES].i) {
					found = 1;
					estate = pest;
				}
			if (rc < 0)
				return;
			if (!found) {
				v[F_PREMISES].err = "请从您的房屋中选择";
				errs++;
			}
		}
	}
	if (errs) {
		form(r, v, NULL, 400);
		return;
	}
	if (estate == 0 && db_one(r->ctx, &SQL_ORQ_ESTATE, "i", "i",
	    r->ctx->actor.id, &estate) != 1)
		return;
	if ((rc = rqphoto_take(r, "photos", photos, &t.nphotos, &perr)) != 0) {
		if (rc < 0)
			page_fail(r);
		else
			form(r, v, perr, 400);
		return;
	}
	memset(&t.in, 0, sizeof(t.in));
	t.photos = photos;
	t.in.estate_id = estate;
	t.in.premises_id = v[F_PREMISES].i == 0 ? DB_NULL : v[F_PREMISES].i;
	t.in.public_area = v[F_PREMISES].i == 0 ? v[F_AREA].s : "";
	t.in.owner_id = r->ctx->actor.id;
	t.in.category = (enum rq_category)v[F_CATEGORY].i;
	t.in.body = v[F_BODY].s;
	t.in.share_contact = v[F_SHARE].set && v[F_SHARE].i == 1;
	/* a home's fees only: a public area's request withholds nothing */
	t.in.withholding = t.in.premises_id != DB_NULL &&
	    v[F_WITHHOLD].set && v[F_WITHHOLD].i == 1;
	t.in.contact_phone = "";
	t.in.source = RQ_PORTAL;
	rc = once_tx(r->ctx, v[F_TOKEN].s, "request.log", r->ctx->actor.id,
	    estate, rqphoto_log_tx, &t, &id);
	if (rc != ONCE_FIRST)
		rqphoto_drop(photos, t.nphotos);
	if (rc < 0)
		return;
	if (rc == ONCE_SEEN && id == 0) {
		v[F_TOKEN].err = ONCE_USED_MSG;
		form(r, v, NULL, 409);
		return;
	}
	http_redirect(r, arena_printf(r->a, "/requests/%lld?new=1",
	    (long long)id));
}

/* Loads request r->ids[0] if it is the owner's: 1, 0 (404 answered), -1.
 * d: the page's dictionary to fill, or NULL. */
static int
mine(struct req *r, struct tmpl *d)
{
	const char	*cat, *st, *b, *u, *room, *occ, *area, *body, *plan;
	int64_t		 estate, score, me = r->ctx->actor.id;
	enum rq_category c;
	enum rq_status	 s;
	int		 rc;

	rc = db_one(r->ctx, &SQL_ORQ_GET, "iii", "isssssssssi", r->ids[0], me,
	    me, &estate, &cat, &st, &b, &u, &room, &occ, &area, &body, &plan,
	    &score);
	if (rc == 0)
		page_error(r, 404, NULL);
	if (rc != 1 || d == NULL)
		return rc;
	c = rq_category_parse(cat);
	s = rq_status_parse(st);
	tmpl_set_int(d, "ID", r->ids[0]);
	tmpl_set(d, "CATEGORY", c < RQ_CATEGORY__MAX ? rq_category_labels[c] :
	    cat);
	tmpl_set(d, "STATUS", s < RQ_STATUS__MAX ? rq_status_labels[s] : st);
	tmpl_set(d, "STATUS_KEY", st);
	tmpl_set(d, "WHERE", where(r, b, u, room, occ, area));
	tmpl_set(d, "BODY", body);
	/* a reopened request (back to received) has no plan yet: the old
	 * one is in its steps, not shown as the plan (a trial) */
	if (*plan != '\0' && s != RQ_LOGGED && s != RQ_RECEIVED) {
		tmpl_show(d, "HAS_PLAN");
		tmpl_set(d, "PLAN", plan);
	}
	if (s == RQ_CLOSED)
		tmpl_show(d, "CLOSED");
	return 1;
}

/* Who took a step, as an owner is told: the post, not the person. */
static const char *
who(const char *kind, const char *role)
{
	if (strcmp(kind, "owner") == 0)
		return "您";
	if (strcmp(kind, "system") == 0)
		return "系统";
	return role_label(role);
}

#define EVENTS_MAX	200

void
page_request(struct req *r)
{
	struct tmpl	*d, *row, *rows[EVENTS_MAX];
	struct db_res	*res;
	const char	*kind, *at, *akind, *role, *note;
	int64_t		 ev, score, evs[EVENTS_MAX];
	enum rq_event	 k;
	size_t		 n = 0;
	int		 rc;

	d = page_new(r, "owner/request.tpl", "报修进度");
	if (mine(r, d) != 1)
		return;
	if (http_query(r, "new") != NULL)
		tmpl_show(d, "NEW");
	if ((res = db_query(r->ctx, &SQL_ORQ_EVENTS, "i", r->ids[0])) == NULL)
		return;
	while ((rc = db_row(res, "isssssi", &ev, &kind, &at, &akind, &role,
	    &note, &score)) == 1) {
		k = rq_event_parse(kind);
		row = tmpl_row(d, "EVENT");
		tmpl_set(row, "KIND", kind);
		tmpl_set(row, "LABEL", k < RQE__MAX ? rq_event_labels[k] : kind);
		tmpl_set(row, "AT", at);
		tmpl_set(row, "WHO", who(akind, role));
		/* the plan, the work done, the follow-up: the owner's to read;
		 * a dispatch's note is to engineering (a trial: the owner read
		 * the internal instruction) */
		if (*note != '\0' && k != RQE_LOGGED && k != RQE_DISPATCHED) {
			tmpl_show(row, "HAS_NOTE");
			tmpl_set(row, "NOTE", note);
		}
		if (score >= 0) {
			tmpl_show(row, "HAS_SCORE");
			tmpl_set_int(row, "SCORE", score);
		}
		if (n < EVENTS_MAX) {
			rows[n] = row;
			evs[n++] = ev;
		}
	}
	if (rc < 0)
		return;
	if (rqphoto_fill(r, r->ids[0], arena_printf(r->a, "/requests/%lld",
	    (long long)r->ids[0]), rows, evs, n) < 0)
		return;
	page_render(r, 200);
}

void
page_request_photo(struct req *r)
{
	if (mine(r, NULL) == 1)
		rqphoto_send(r, 0);
}

void
page_request_thumb(struct req *r)
{
	if (mine(r, NULL) == 1)
		rqphoto_send(r, 1);
}
