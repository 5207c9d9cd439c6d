/*
 * perf.h - collector performance (收费员月度绩效), DOMAIN.md "Collector
 * performance" and issue 12: "for every 5 points (of 100) that a
 * collector's follow-up satisfaction rises over the baseline, performance
 * pay rises 3 %. Both numbers are estate settings" (sql/037).
 *
 * The rule, in integers only (scores in tenths, pay in basis points):
 *   - a month's mean satisfaction is the mean of the scores of the
 *     follow-ups the collector made in it, in tenths of a point, rounded
 *     half up (91.55 is 91.6): the figure the page shows;
 *   - the pay multiplier is 100 % plus the step's percent for every FULL
 *     step of points that shown mean stands over the baseline: with 85,
 *     5 points and 3 %, a mean of 94.9 is one step (103 %), 95.0 two
 *     (106 %). The steps are counted from the mean as shown, so that
 *     anyone can check the multiplier against the page;
 *   - at or below the baseline, or with no follow-up in the month, the
 *     multiplier is 100 %: the rule says pay rises over the baseline and
 *     nothing about it falling below (no source for a cut was found in
 *     DOMAIN.md or the report), so none is made up here.
 * Pure functions; tests/unit/test_perf.c.
 */
#ifndef PROPFEE_PERF_H
#define PROPFEE_PERF_H

#include <stddef.h>
#include <stdint.h>

#include "cal.h"
#include "kpi.h"

struct ctx;

/* An estate's pay rule (estates, sql/037), as it stood at a month's end
 * (pay_rule_history, sql/039). */
struct perf_rule {
	int64_t		 baseline;	/* points, 0-100 (default 85) */
	int64_t		 step_points;	/* points a step, 1-100 (default 5) */
	int64_t		 step_bp;	/* basis points a step (300: 3 %) */
};

/*
 * The mean of n scores summing to sum (each 0-100), in tenths of a
 * point, rounded half up; -1 when n is 0 (no follow-up: no mean).
 */
int64_t	perf_mean_x10(int64_t sum, int64_t n);
/*
 * The pay multiplier in basis points (10000 is 100 %) for a mean in
 * tenths (perf_mean_x10; -1: none) under rule: 10000 plus step_bp for
 * every full step_points the mean stands over the baseline; 10000 at or
 * below it, with no mean, or with a rule of no points a step.
 */
int64_t	perf_multiplier_bp(int64_t mean_x10, const struct perf_rule *);

#define PERF_FMT_MAX	32
/* A score in tenths as people read it: 916 "91.6", -1 "—". */
char	*perf_score_fmt(char *buf, int64_t x10);
/* A signed difference in tenths: 34 "+3.4", -20 "-2.0", 0 "0.0". */
char	*perf_diff_fmt(char *buf, int64_t x10);
/* Basis points as a percent, no trailing zeros: 10300 "103%", 10250
 * "102.5%", 10275 "102.75%", 300 "3%". */
char	*perf_bp_fmt(char *buf, int64_t bp);

/* One member of staff on the monthly page. */
struct perf_row {
	int64_t		 staff_id;
	const char	*name;
	const char	*role;		/* staff.role */
	int64_t		 followups;	/* follow-ups made in the month */
	int64_t		 score_sum;
	int64_t		 on_time;	/* ... within 72 h of the fix */
	int64_t		 due_fen;	/* their households' bills due in
					 * the month, less waivers */
	int64_t		 paid_fen;	/* ... paid on them by T */
	int64_t		 mean_x10;	/* perf_mean_x10, -1: none */
	int64_t		 diff_x10;	/* mean - baseline, tenths */
	int64_t		 mult_bp;	/* perf_multiplier_bp */
};

struct perf {
	struct date	 month;		/* its first day */
	struct kpi_when	 when;		/* S, T of the month (kpi.h) */
	struct perf_rule rule;
	struct perf_row	*rows;		/* in the request arena */
	size_t		 n;
};

/*
 * Collector performance of estate in the month whose first day is month,
 * as at its end T (the midnight after its last day, or now while it runs
 * on: kpi_when): a row for every active collector of the estate (by
 * name), then anyone else who followed up in the month or had households
 * assigned at T (a lead who followed up, a collector who has left). Each
 * row: the follow-ups the member of staff made from S to T, their mean
 * and its difference to the baseline, the pay multiplier, how many came
 * within 72 h of the fix (kpi_followups); the collection rate of the
 * households assigned to them at T (kpi_collection_by_collector).
 * Returns 1, 0 (no such estate) or -1.
 */
int	perf_month(struct ctx *, int64_t estate_id, struct date month,
	    struct perf *);

#endif
