/*
 * svcreport.h - the monthly service report (物业服务月报, issue 12;
 * DOMAIN.md "Monthly service report": by the 5th of each month, cleaning
 * rounds, greening work, repairs, requests solved and their times,
 * published to the owners) and the simple logs it counts (sql/038).
 *
 * A log is one cleaning round, one piece of greening work or one
 * public-area repair: the day, where, who did it, a note, photos.
 *
 * On the 1st the worker drafts last month's report of each estate
 * (worker/reports.c: svc_draft), its figures as they stand then:
 *
 *	cleaning, greening, repairs	the logs of the month, by kind (the
 *				day the work was done)
 *	logged			service requests logged in the month
 *	solved			requests first marked done in the month, and
 *				the median time from logging to that fix
 *	planned			requests first given a plan in the month, and
 *				the median time from logging to that plan
 *	satisfaction		the mean of the follow-up scores given in the
 *				month (0-100, to one decimal)
 *	withholding owners	of the solved requests whose owner withheld
 *				fees over them, those whose household paid
 *				within 30 days of the fix (rq_paid_after,
 *				core/request.c, as the case file counts it)
 *				by the time of drafting
 *
 * Medians are the lower of the middle two, as the KPI board's time to
 * pay (core/kpi.c). While it is a draft the manager may count its
 * figures again (svc_recount: logs written after the 1st). The manager
 * edits the summary and publishes it, once;
 * the estate's owners are told through the outbox in the same
 * transaction (held: quiet hours and each owner's daily limit apply, as
 * to reminders). A draft still unpublished after the 5th of the next
 * month is flagged late by the worker's clock (svc_flag_late), for the
 * manager and the team lead.
 */
#ifndef PROPFEE_SVCREPORT_H
#define PROPFEE_SVCREPORT_H

#include <stddef.h>
#include <stdint.h>

#include "cal.h"

struct arena;
struct buf;
struct ctx;
struct photo;

/* service_logs.kind */
enum svc_kind {
	SVC_CLEANING,
	SVC_GREENING,
	SVC_REPAIR,
	SVC_KIND__MAX
};
/* schema: service_logs.kind */
extern const char *const svc_kind_codes[SVC_KIND__MAX];
extern const char *const svc_kind_labels[SVC_KIND__MAX];	/* 保洁 */
extern const char *const svc_kind_units[SVC_KIND__MAX];	/* 次, 项 */
enum svc_kind	svc_kind_parse(const char *);

/* service_reports.status */
enum svr_status {
	SVR_DRAFT,
	SVR_PUBLISHED,
	SVR_STATUS__MAX
};
/* schema: service_reports.status */
extern const char *const svr_status_codes[SVR_STATUS__MAX];
enum svr_status	svr_status_parse(const char *);

/* The day of the next month a report is due by (DOMAIN.md: by the 5th). */
#define SVC_DUE_DAY	5

/* ---- pure (tests/unit/test_svcreport.c) ---- */

/*
 * The median of v[0..n), sorting v: the lower of the middle two when n
 * is even; -1 when n is 0 (the values are seconds, never negative).
 */
int64_t		svc_median(int64_t *v, size_t n);
/* sum / n x 10, rounded half up (91.55 -> 916); -1 when n is 0. */
int64_t		svc_mean_x10(int64_t sum, int64_t n);
/* Seconds as hours to one decimal, rounded half up: 66600 -> "18.5";
 * "—" for -1. buf holds SVC_NUM_MAX bytes. */
#define SVC_NUM_MAX	32
char		*svc_hours(char *buf, int64_t secs);
/* A x10 figure to one decimal: 916 -> "91.6"; "—" for -1. */
char		*svc_tenths(char *buf, int64_t x10);
/* The first day of the month before day's: the month a report drafted
 * on day is of. */
struct date	svc_month_before(struct date day);
/* The day month's report is due: the SVC_DUE_DAY of the next month. */
struct date	svc_due(struct date month);
/* 1 when month's report, unpublished on day, is late: day is after its
 * due day (published on the 5th is on time). */
int		svc_late(struct date month, struct date day);

/* ---- the figures ---- */

/* A month's figures; *_secs and score_x10 are -1 when there is none. */
struct svc_figures {
	int64_t		 logs[SVC_KIND__MAX];
	int64_t		 rq_logged;
	int64_t		 rq_solved, fix_secs;
	int64_t		 rq_planned, plan_secs;
	int64_t		 score_n, score_x10;
	int64_t		 withheld_n, withheld_paid_n;
};

/* Computes month's figures of estate now (above). 0 or -1. */
int		svc_figures(struct ctx *, int64_t estate_id, struct date month,
		    struct svc_figures *);
/* The summary a draft starts with, in the arena: the month, the work
 * done and the requests solved, in a sentence or two for the manager to
 * edit. */
const char	*svc_summary_draft(struct arena *, struct date month,
		    const struct svc_figures *);

/* A report as the pages and its PDF show it. */
struct svc_report {
	int64_t		 id, estate_id;
	struct date	 month;
	const char	*month_words;	/* 2026年11月 */
	enum svr_status	 status;
	int		 late;
	int		 edited;	/* the manager saved a summary */
	const char	*version;	/* as a form's seen carries it */
	const char	*due_on;	/* YYYY-MM-DD */
	const char	*summary;
	const char	*drafted_at, *published_at;	/* "" none */
	const char	*estate, *centre, *phone;
	struct svc_figures f;
};

/* Loads report id (any estate: the caller checks whose). 1, 0, -1. */
int		svc_report_load(struct ctx *, int64_t id, struct svc_report *);

/* One log as a report lists it. */
struct svc_item {
	int64_t		 id;
	const char	*day;		/* YYYY-MM-DD */
	const char	*area, *who, *note;
};
/*
 * The logs of kind that report r counted (done in its month, written
 * before it was drafted), by day, at most max, into *out (arena). 0 or
 * -1.
 */
int		svc_report_items(struct ctx *, const struct svc_report *,
		    enum svc_kind, size_t max, struct svc_item **out,
		    size_t *n);

/* ---- transactions (inside the caller's, ctx->now set) ---- */

/* A log as written (svc_log). */
struct svc_log_in {
	int64_t		 estate_id;
	enum svc_kind	 kind;
	const char	*day;		/* YYYY-MM-DD, China time */
	const char	*area, *who, *note;
};
/* Writes the log, its n photos (photo.h, made already) and an audit row
 * ("servicelog.log"), logged by ctx's actor; *id the new log. 0 or -1. */
int		svc_log(struct ctx *, const struct svc_log_in *,
		    const struct photo *, size_t n, int64_t *id);

/* Drafts month's report of estate with its figures now and a first
 * summary (worker/reports.c). 1 drafted, 0 there already, -1. */
int		svc_draft(struct ctx *, int64_t estate_id, struct date month);
/* Flags month's report of estate late if it is still a draft and day is
 * after its due day (audit "report.late"). 1 flagged now, 0 not (none,
 * published, flagged before, not due yet), -1. */
int		svc_flag_late(struct ctx *, int64_t estate_id, struct date month,
		    struct date day);

/* svc_edit's, svc_publish's and svc_recount's refusal: the report was
 * published already (its words and figures stand as the owners read
 * them): the page's 409. */
#define SVC_PUBLISHED_ALREADY	1
/* ... or the draft changed since the page that sent the form showed it
 * (seen: svc_report's version; a breaker's trial: a stale tab published
 * its old summary over the one saved since): the page's 409. */
#define SVC_CHANGED		2

/* The manager's words for draft id (audit "report.edit"), if it is as
 * seen (NULL: as it is). 0, SVC_PUBLISHED_ALREADY, SVC_CHANGED, -1. */
int		svc_edit(struct ctx *, int64_t id, const char *summary,
		    const char *seen);
/*
 * Publishes draft id with summary (audit "report.publish") and tells
 * every owner of a premises of its estate, once each, by the channels
 * they chose (msg_queue_estate, MSG_SERVICE_REPORT, held); *queued the
 * messages written; if it is as seen (NULL: as it is). 0,
 * SVC_PUBLISHED_ALREADY, SVC_CHANGED, -1.
 */
int		svc_publish(struct ctx *, int64_t id, const char *summary,
		    const char *seen, int64_t *queued);

/*
 * Counts draft id's figures again now (svc_figures), for the logs and
 * requests entered since it was drafted (a log of last month written on
 * the 2nd), and makes now its drafted_at: the time its figures stand
 * at, up to which its lists count logs (svc_report_items). The summary
 * the manager saved stays as written (*summary_kept 1: its numbers may
 * now differ); one never saved, the machine's first, is written again
 * from the new figures (*summary_kept 0). Audit "report.recount" with
 * the counts that changed. 0, SVC_PUBLISHED_ALREADY (a published
 * report's figures stand as the owners read them), -1.
 */
int		svc_recount(struct ctx *, int64_t id, int *summary_kept);

/* ---- the PDF (drawn by propfee-pdf: render.h, cgi-bin/pdf/report.c) ---- */

/*
 * The report as an A4 PDF into out: the estate and month, its figures,
 * the summary, the repairs listed (repairs[0..n)), when it was
 * published, the service centre. A draft is marked 草稿. Drawn by the
 * renderer process (render.h). 0, or -1 (logged): the page answers 503.
 */
int		svc_report_pdf(const struct svc_report *,
		    const struct svc_item *repairs, size_t n, struct buf *out);

#endif
