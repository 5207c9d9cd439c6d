/*
 * custody.c - 空置房托管 in the owner portal (issue 13, core/custody.h):
 * the owner's agreements and what was done.
 *
 *   GET /custody                  the agreements of the owner's premises
 *   GET /custody/#                one agreement: its fee, tasks and their
 *                                 schedules, whether it is suspended for
 *                                 arrears (and that paying resumes it),
 *                                 and the log of tasks done with photos
 *   GET /custody/#/photos/#[/thumb]  a photo of its log
 *
 * Another owner's agreement or photo is 404. Renders
 * templates/owner/custody_list.tpl and templates/owner/custody.tpl.
 */
#include <string.h>

#include "arena.h"
#include "cal.h"
#include "custody.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "page.h"
#include "pages.h"
#include "rqphoto.h"
#include "tmpl.h"

#define LOGS_SHOWN	60

SQL_DEF(SQL_OC_LIST,
    "SELECT a.id, a.premises_id, a.estate_id, e.name, b.name, p.unit, p.room,"
    " p.occupancy, a.fee_fen"
    " FROM custody_agreements a JOIN premises_owners po"
    "  ON po.premises_id = a.premises_id AND po.owner_id = ?"
    " JOIN premises p ON p.id = a.premises_id"
    " JOIN buildings b ON b.id = p.building_id"
    " JOIN estates e ON e.id = a.estate_id ORDER BY a.id");

/* The agreement if the owner owns its premises. */
SQL_DEF(SQL_OC_ONE,
    "SELECT a.premises_id, a.estate_id, e.name, b.name, p.unit, p.room,"
    " p.occupancy, a.fee_fen, DATE_FORMAT(a.start_period, '%Y-%m-%d')"
    " FROM custody_agreements a JOIN premises_owners po"
    "  ON po.premises_id = a.premises_id AND po.owner_id = ?"
    " JOIN premises p ON p.id = a.premises_id"
    " JOIN buildings b ON b.id = p.building_id"
    " JOIN estates e ON e.id = a.estate_id WHERE a.id = ?");

SQL_DEF(SQL_OC_TASKS,
    "SELECT kind, schedule, every_days FROM custody_tasks"
    " WHERE agreement_id = ? ORDER BY kind");

SQL_DEF(SQL_OC_LOGS,
    "SELECT l.id, t.kind, DATE_FORMAT(l.done_on, '%Y-%m-%d'), l.note"
    " FROM custody_logs l JOIN custody_tasks t ON t.id = l.task_id"
    " WHERE l.agreement_id = ? ORDER BY l.done_on DESC, l.id DESC LIMIT ?");

SQL_DEF(SQL_OC_LOG_PHOTOS,
    "SELECT id FROM custody_log_photos WHERE log_id = ? ORDER BY id");

/* A photo of the agreement's log. */
SQL_DEF(SQL_OC_PHOTO_KEY,
    "SELECT ph.file_key FROM custody_log_photos ph"
    " JOIN custody_logs l ON l.id = ph.log_id"
    " WHERE ph.id = ? AND l.agreement_id = ?");

static const char *
kind_label(const char *kind)
{
	enum custody_kind	 k = custody_kind_parse(kind);

	return k < CUSTODY_KIND__MAX ? custody_kind_labels[k] : kind;
}

void
page_custody_list(struct req *r)
{
	struct tmpl		*d, *row;
	struct db_res		*res;
	struct custody_state	 st;
	const char		*estate, *bld, *unit, *room, *occ;
	int64_t			 id, premises, estate_id, fee, n = 0;
	int			 rc;

	d = page_new(r, "owner/custody_list.tpl", "空置房托管");
	if ((res = db_query(r->ctx, &SQL_OC_LIST, "i",
	    r->ctx->actor.id)) == NULL)
		return;
	while ((rc = db_row(res, "iiisssssi", &id, &premises, &estate_id,
	    &estate, &bld, &unit, &room, &occ, &fee)) == 1) {
		row = tmpl_row(d, "AGREEMENT");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "ESTATE", estate);
		tmpl_set(row, "HOUSE", label_premises(r->a, bld, unit, room,
		    occ));
		page_money(row, "FEE", fee);
		if (custody_state(r->ctx, estate_id, premises, cal_today(),
		    &st) < 0)
			return;
		tmpl_set(row, "STATE", custody_state_words(r->a, &st));
		tmpl_show(row, st.suspended ? "SUSPENDED" : "RUNNING");
		n++;
	}
	if (rc < 0)
		return;
	if (n == 0)
		tmpl_show(d, "NONE");
	page_render(r, 200);
}

void
page_custody_owner(struct req *r)
{
	struct tmpl		*d, *row, *ph;
	struct db_res		*res;
	struct custody_state	 st;
	const char		*estate, *bld, *unit, *room, *occ, *start;
	const char		*kind, *sched, *day, *note;
	int64_t			 premises, estate_id, fee, every, id;
	int64_t			*photos, ids[LOGS_SHOWN];
	struct tmpl		*rows[LOGS_SHOWN];
	size_t			 n = 0, np, i, j;
	int			 rc;

	rc = db_one(r->ctx, &SQL_OC_ONE, "ii", "iisssssis", r->ctx->actor.id,
	    r->ids[0], &premises, &estate_id, &estate, &bld, &unit, &room,
	    &occ, &fee, &start);
	if (rc < 0)
		return;
	if (rc == 0) {
		page_error(r, 404, NULL);
		return;
	}
	d = page_new(r, "owner/custody.tpl", "空置房托管");
	tmpl_set_int(d, "ID", r->ids[0]);
	tmpl_set(d, "ESTATE", estate);
	tmpl_set(d, "HOUSE", label_premises(r->a, bld, unit, room, occ));
	tmpl_set_int(d, "PREMISES_ID", premises);
	page_money(d, "FEE", fee);
	tmpl_set(d, "START", label_period(r->a, start, 1));
	if (custody_state(r->ctx, estate_id, premises, cal_today(), &st) < 0)
		return;
	tmpl_set(d, "STATE", custody_state_words(r->a, &st));
	tmpl_set_int(d, "LIMIT", st.limit);
	tmpl_show(d, st.suspended ? "SUSPENDED" : "RUNNING");
	if ((res = db_query(r->ctx, &SQL_OC_TASKS, "i", r->ids[0])) == NULL)
		return;
	while ((rc = db_row(res, "ssi", &kind, &sched, &every)) == 1) {
		row = tmpl_row(d, "TASK");
		tmpl_set(row, "KIND_LABEL", kind_label(kind));
		tmpl_set(row, "SCHEDULE", custody_schedule_words(r->a, sched,
		    every));
	}
	if (rc < 0)
		return;
	if ((res = db_query(r->ctx, &SQL_OC_LOGS, "ii", r->ids[0],
	    (int64_t)LOGS_SHOWN)) == NULL)
		return;
	while ((rc = db_row(res, "isss", &id, &kind, &day, &note)) == 1 &&
	    n < LOGS_SHOWN) {
		row = tmpl_row(d, "LOG");
		tmpl_set_int(row, "LOG_ID", id);
		tmpl_set(row, "KIND_LABEL", kind_label(kind));
		tmpl_set(row, "DAY", label_date(r->a, day));
		if (*note != '\0') {
			tmpl_show(row, "HAS_NOTE");
			tmpl_set(row, "NOTE", note);
		}
		ids[n] = id;
		rows[n++] = row;
	}
	if (rc < 0)
		return;
	if (n == 0)
		tmpl_show(d, "NO_LOGS");
	for (i = 0; i < n; i++) {
		if (db_ints(r->ctx, &SQL_OC_LOG_PHOTOS, &photos, &np, "i",
		    ids[i]) < 0)
			return;
		for (j = 0; j < np; j++) {
			ph = tmpl_row(rows[i], "PHOTO");
			tmpl_set(ph, "URL", arena_printf(r->a,
			    "/custody/%lld/photos/%lld", (long long)r->ids[0],
			    (long long)photos[j]));
			tmpl_set(ph, "THUMB", arena_printf(r->a,
			    "/custody/%lld/photos/%lld/thumb",
			    (long long)r->ids[0], (long long)photos[j]));
		}
	}
	page_render(r, 200);
}

/* Photo r->ids[1] of agreement r->ids[0]'s log, to its owners. */
static void
photo(struct req *r, int thumb)
{
	const char	*estate, *bld, *unit, *room, *occ, *start, *key;
	int64_t		 premises, estate_id, fee;
	int		 rc;

	rc = db_one(r->ctx, &SQL_OC_ONE, "ii", "iisssssis", r->ctx->actor.id,
	    r->ids[0], &premises, &estate_id, &estate, &bld, &unit, &room,
	    &occ, &fee, &start);
	if (rc < 0)
		return;
	if (rc == 0) {
		page_error(r, 404, NULL);
		return;
	}
	rc = db_one(r->ctx, &SQL_OC_PHOTO_KEY, "ii", "s", r->ids[1],
	    r->ids[0], &key);
	if (rc == 1)
		rqphoto_send_key(r, key, thumb);
	else if (rc == 0)
		page_error(r, 404, NULL);
}

void
page_custody_owner_photo(struct req *r)
{
	photo(r, 0);
}

void
page_custody_owner_thumb(struct req *r)
{
	photo(r, 1);
}
