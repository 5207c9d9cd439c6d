/*
 * reports.c - the "reports.month" job: each estate's monthly service
 * report (core/svcreport.h, DOMAIN.md "Monthly service report").
 *
 * On any day of a month - the 1st, or the first day the workers run
 * after it - last month's report of each estate is drafted, once (a
 * report per estate and month: sql/038), from the month's logs and
 * service requests as they stand then. From the 6th on, last month's
 * report still a draft is flagged late, once, for the manager and the
 * team lead (published on the 5th is on time). Only last month's is
 * looked at: a month before it was drafted and flagged in its own time.
 *
 * The day is China time's today, or the one given (propfee-worker -m
 * DAY: the tests' clock, which drafts a month and passes the 5th without
 * waiting for them).
 */
#include <stdio.h>
#include <string.h>

#include "cal.h"
#include "ctx.h"
#include "db.h"
#include "log.h"
#include "svcreport.h"
#include "worker.h"

/* Set by main (-m DAY), else "": today. */
char	 report_day[11];

SQL_DEF(SQL_REP_TODAY, "SELECT CURDATE()");
SQL_DEF(SQL_REP_ESTATES, "SELECT id FROM estates ORDER BY id");

struct month_tx {
	int64_t		 estate;
	struct date	 month, day;
	int		 done;		/* what the step did: 1, 0 */
};

static int
draft_tx(struct ctx *ctx, void *arg)
{
	struct month_tx	*t = arg;

	return (t->done = svc_draft(ctx, t->estate, t->month)) < 0 ? -1 : 0;
}

static int
late_tx(struct ctx *ctx, void *arg)
{
	struct month_tx	*t = arg;

	return (t->done = svc_flag_late(ctx, t->estate, t->month,
	    t->day)) < 0 ? -1 : 0;
}

int
job_reports_month(struct ctx *ctx, const struct job *j, const char *owner,
    char *err, size_t errlen)
{
	struct month_tx	 t;
	const char	*today;
	char		 m[11];
	int64_t		*estates;
	size_t		 ne, i;

	(void)j;
	(void)owner;
	if (report_day[0] != '\0')
		today = report_day;
	else if (db_one(ctx, &SQL_REP_TODAY, "", "s", &today) != 1) {
		snprintf(err, errlen, "cannot read today");
		return -1;
	}
	memset(&t, 0, sizeof(t));
	if (cal_parse(today, &t.day) < 0) {
		snprintf(err, errlen, "bad day %s", today);
		return -1;
	}
	t.month = svc_month_before(t.day);
	cal_fmt(m, t.month);
	if (db_ints(ctx, &SQL_REP_ESTATES, &estates, &ne, "") < 0) {
		snprintf(err, errlen, "cannot list the estates");
		return -1;
	}
	for (i = 0; i < ne; i++) {
		t.estate = estates[i];
		if (db_tx(ctx, draft_tx, &t) != 0) {
			snprintf(err, errlen, "estate %lld: the report of %s not "
			    "drafted", (long long)t.estate, m);
			return -1;
		}
		if (t.done)
			log_info("reports: estate %lld: %s drafted",
			    (long long)t.estate, m);
		if (!svc_late(t.month, t.day))
			continue;
		if (db_tx(ctx, late_tx, &t) != 0) {
			snprintf(err, errlen, "estate %lld: the report of %s not "
			    "flagged", (long long)t.estate, m);
			return -1;
		}
		if (t.done)
			log_info("reports: estate %lld: %s not published by the "
			    "%dth: late", (long long)t.estate, m, SVC_DUE_DAY);
	}
	return 0;
}
