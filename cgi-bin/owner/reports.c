/*
 * reports.c - 服务月报 in the owner portal (issue 12, DOMAIN.md "Monthly
 * service report": by the 5th of each month, cleaning rounds, greening
 * work, repairs, requests solved and their times, published to the
 * owners; core/svcreport.h). Reached from the home page (the phone menu
 * keeps six links).
 *
 *   GET /reports          the published reports of the estates the owner
 *                         has a home in, newest month first
 *   GET /reports/#        one: the month's work, requests and their
 *                         times, the manager's summary, the repairs
 *   GET /reports/#.pdf    the same as a PDF (查看 / 打印), ?download=1
 *                         saved as a file
 *
 * A draft, and another estate's report, is 404.
 *
 * Renders templates/owner/reports.tpl and report.tpl.
 */
#include <string.h>

#include "arena.h"
#include "db.h"
#include "http.h"
#include "labels.h"
#include "page.h"
#include "pages.h"
#include "svcpdf.h"
#include "svcreport.h"
#include "tmpl.h"

#define REPAIRS_SHOWN	100

/* A report the owner may read: published, of an estate of theirs. */
#define READABLE \
    " r.status = 'published' AND EXISTS (SELECT 1 FROM premises_owners po" \
    "  WHERE po.owner_id = ? AND po.estate_id = r.estate_id)"

SQL_DEF(SQL_OREP_LIST,
    "SELECT r.id, DATE_FORMAT(r.month, '%Y-%m-%d'), e.name,"
    " DATE_FORMAT(r.published_at, '%Y-%m-%d'), r.cleaning_n, r.greening_n,"
    " r.repair_n, r.rq_solved"
    " FROM service_reports r JOIN estates e ON e.id = r.estate_id"
    " WHERE" READABLE " ORDER BY r.month DESC, e.id LIMIT 36");

SQL_DEF(SQL_OREP_MINE,
    "SELECT COUNT(*) FROM service_reports r WHERE r.id = ? AND" READABLE);

void
page_reports(struct req *r)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*month, *estate, *pub;
	int64_t		 id, c, g, rep, solved, n = 0;
	int		 rc;

	d = page_new(r, "owner/reports.tpl", "服务月报");
	if ((res = db_query(r->ctx, &SQL_OREP_LIST, "i",
	    r->ctx->actor.id)) == NULL)
		return;
	while ((rc = db_row(res, "isssiiii", &id, &month, &estate, &pub, &c,
	    &g, &rep, &solved)) == 1) {
		row = tmpl_row(d, "REPORT");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "MONTH", label_period(r->a, month, 1));
		tmpl_set(row, "ESTATE", estate);
		tmpl_set(row, "PUBLISHED_ON", label_date(r->a, pub));
		tmpl_set_int(row, "CLEANING", c);
		tmpl_set_int(row, "GREENING", g);
		tmpl_set_int(row, "REPAIRS", rep);
		tmpl_set_int(row, "SOLVED", solved);
		n++;
	}
	if (rc < 0)
		return;
	if (n == 0)
		tmpl_show(d, "NONE");
	page_render(r, 200);
}

/* Loads report r->ids[0] if the owner may read it: 1; 0 after answering
 * 404; -1. */
static int
load(struct req *r, struct svc_report *rep)
{
	int64_t	 n;
	int	 rc;

	if (db_one(r->ctx, &SQL_OREP_MINE, "ii", "i", r->ids[0],
	    r->ctx->actor.id, &n) != 1)
		return -1;
	if (n == 0) {
		page_error(r, 404, NULL);
		return 0;
	}
	if ((rc = svc_report_load(r->ctx, r->ids[0], rep)) == 0)
		page_error(r, 404, NULL);
	return rc;
}

void
page_report(struct req *r)
{
	struct svc_report	 rep;
	const struct svc_figures *f;
	struct svc_item		*items;
	struct tmpl		*d, *row;
	char			 b[SVC_NUM_MAX];
	size_t			 n, i;
	int			 k;

	if (load(r, &rep) != 1)
		return;
	f = &rep.f;
	d = page_new(r, "owner/report.tpl", "服务月报");
	tmpl_set_int(d, "ID", rep.id);
	tmpl_set(d, "ESTATE", rep.estate);
	tmpl_set(d, "MONTH", rep.month_words);
	tmpl_set(d, "SUMMARY", rep.summary);
	tmpl_set(d, "PUBLISHED_ON", label_date(r->a, rep.published_at));
	for (k = 0; k < SVC_KIND__MAX; k++) {
		row = tmpl_row(d, "WORK");
		tmpl_set(row, "KIND", svc_kind_codes[k]);
		tmpl_set(row, "LABEL", svc_kind_labels[k]);
		tmpl_set_int(row, "N", f->logs[k]);
		tmpl_set(row, "UNIT", svc_kind_units[k]);
	}
	tmpl_set_int(d, "RQ_LOGGED", f->rq_logged);
	tmpl_set_int(d, "RQ_SOLVED", f->rq_solved);
	if (f->fix_secs >= 0) {
		tmpl_show(d, "HAS_FIX");
		tmpl_set(d, "FIX_HOURS", svc_hours(b, f->fix_secs));
	}
	if (f->plan_secs >= 0) {
		tmpl_show(d, "HAS_PLAN");
		tmpl_set(d, "PLAN_HOURS", svc_hours(b, f->plan_secs));
	}
	if (f->score_x10 >= 0) {
		tmpl_show(d, "HAS_SCORE");
		tmpl_set_int(d, "SCORE_N", f->score_n);
		tmpl_set(d, "SCORE", svc_tenths(b, f->score_x10));
	}
	if (f->withheld_n > 0) {
		tmpl_show(d, "WITHHELD");
		tmpl_set_int(d, "WITHHELD_N", f->withheld_n);
		tmpl_set_int(d, "WITHHELD_PAID", f->withheld_paid_n);
	}
	if (svc_report_items(r->ctx, &rep, SVC_REPAIR, REPAIRS_SHOWN, &items,
	    &n) < 0)
		return;
	for (i = 0; i < n; i++) {
		row = tmpl_row(d, "REPAIR");
		tmpl_set(row, "DAY", label_date(r->a, items[i].day));
		tmpl_set(row, "AREA", items[i].area);
		if (*items[i].note != '\0') {
			tmpl_show(row, "HAS_NOTE");
			tmpl_set(row, "NOTE", items[i].note);
		}
	}
	if (n == 0)
		tmpl_show(d, "NO_REPAIRS");
	page_render(r, 200);
}

void
page_report_pdf(struct req *r)
{
	struct svc_report	 rep;

	if (load(r, &rep) == 1)
		svcpdf_send(r, &rep);
}
