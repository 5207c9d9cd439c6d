/*
 * team.h - team development (团队建设, issue 13; DOMAIN.md "Team
 * development"): training sessions and their attendees, quiz scores per
 * member of staff, mentor-newcomer pairs and the newcomer's 30-day plan,
 * and each collector's completion rate by month (perf.h's, not counted
 * twice). Every table is append-only (sql/050_team.sql); each write has
 * its audit row, in Chinese words the audit page shows as written.
 *
 * The plan (the report's 《新人30天成长手册》): days 1-10 learn the estate
 * and the system, 11-20 collect beside the mentor, 21-30 collect from 5
 * households alone and review. A stage is ticked off once, with the day
 * it was done; one not ticked after its last day is overdue.
 */
#ifndef PROPFEE_TEAM_H
#define PROPFEE_TEAM_H

#include <stddef.h>
#include <stdint.h>

#include "cal.h"
#include "perf.h"

struct ctx;

#define TEAM_STAGES	3

struct team_stage {
	int		 first_day, last_day;	/* of the plan, 1-based */
	const char	*name;		/* 第一阶段 */
	const char	*words;		/* what the newcomer does */
};
extern const struct team_stage team_stages[TEAM_STAGES];

/* A stage's standing on a day. */
enum team_state {
	TEAM_DONE,		/* ticked, done by its last day */
	TEAM_DONE_LATE,		/* ticked, done after its last day */
	TEAM_NOT_YET,		/* not ticked, not begun */
	TEAM_ON,		/* not ticked, under way */
	TEAM_OVERDUE,		/* not ticked, past its last day */
	TEAM_STATE__MAX
};
extern const char *const team_state_labels[TEAM_STATE__MAX];

/* The last day of stage (0-based) of a plan whose day 1 is start. */
struct date	team_stage_due(struct date start, int stage);
/* The first day of stage (0-based). */
struct date	team_stage_begins(struct date start, int stage);
/*
 * Stage (0-based) of a plan whose day 1 is start, on day today: done
 * (NULL when not ticked) is the day it was done. Pure.
 */
enum team_state	team_stage_state(struct date start, int stage,
		    const struct date *done, struct date today);

/* Hours in hundredths as people write them: 200 "2", 250 "2.5",
 * 225 "2.25". buf of TEAM_FMT_MAX bytes. */
#define TEAM_FMT_MAX	32
char	*team_hours_fmt(char *buf, int64_t x100);

/* A member of staff on the team page: the estate's active collectors,
 * then anyone else with a record of the year. */
struct team_member {
	int64_t		 id;
	const char	*name;
	const char	*role;		/* staff.role */
	int64_t		 sessions;	/* attended in the year */
	int64_t		 hours_x100;	/* their hours */
};

/* One member's scores in one subject within the year. */
struct team_score {
	int64_t		 staff_id;
	const char	*name;
	const char	*subject;
	int64_t		 n;
	int64_t		 first, latest;
	const char	*first_on, *latest_on;	/* YYYY-MM-DD */
};

struct team_tick {
	int		 set;
	struct date	 done;
	const char	*done_on;	/* YYYY-MM-DD */
	const char	*note;
	const char	*by;		/* who ticked it */
	const char	*at;		/* when, YYYY-MM-DD HH:MM */
};

struct team_pair {
	int64_t		 id;
	int64_t		 newcomer_id, mentor_id;
	const char	*newcomer, *mentor;
	struct date	 start;
	const char	*start_on;
	const char	*by, *at;	/* who set it up, when */
	struct team_tick ticks[TEAM_STAGES];
};

struct team_session {
	int64_t		 id;
	const char	*topic;
	const char	*held_on;
	int64_t		 hours_x100;
	const char	*note;
	const char	*attendees;	/* names, 、 between */
	int64_t		 n;
	int		 attended;	/* by the staff member asked about */
};

/*
 * The members of estate for year y: its active collectors, then anyone
 * who attended a session of the year or has a score in it, each with
 * their sessions and hours of the year. 0 or -1.
 */
int	team_members(struct ctx *, int64_t estate, int y,
	    struct team_member **, size_t *);
/* Scores of the year per member and subject: first and latest (by the
 * day taken, then as recorded). 0 or -1. */
int	team_scores(struct ctx *, int64_t estate, int y,
	    struct team_score **, size_t *);
/* The estate's plans (pair 0) or plan `pair` with their ticks, newest
 * first. 0 or -1. */
int	team_pairs(struct ctx *, int64_t estate, int64_t pair,
	    struct team_pair **, size_t *);
/* The sessions of the year, newest first; attended says whether staff
 * member `who` was at each. 0 or -1. */
int	team_sessions(struct ctx *, int64_t estate, int y, int64_t who,
	    struct team_session **, size_t *);
/*
 * The completion rates of year y month by month (January to December,
 * or to the current month): perf_month()'s rows for each, as at each
 * month's end. 0 or -1.
 */
int	team_completion(struct ctx *, int64_t estate, int y,
	    struct perf **months, size_t *n);

/* A member of the estate's staff who may be chosen on a form. */
struct team_person {
	int64_t		 id;
	const char	*name;
	const char	*role;
};
/*
 * The estate's active staff (its own, not the company-wide admins):
 * collectors first, then team leads, the manager, customer service and
 * engineering, each by name. 0 or -1.
 */
int	team_staff(struct ctx *, int64_t estate, struct team_person **,
	    size_t *);
/* The one of p[n] whose id is id, or NULL. */
const struct team_person *team_person_find(const struct team_person *p,
	    size_t n, int64_t id);

/* ---- writes: inside the caller's transaction (once_tx), each with
 * its audit row; the caller validated every field and checked that
 * each member of staff is the estate's. ---- */

struct team_session_in {
	int64_t		 estate_id;
	const char	*topic;
	const char	*held_on;
	int64_t		 hours_x100;
	const char	*note;
	const int64_t	*staff;		/* attendees */
	size_t		 n;
};
int	team_session_add(struct ctx *, const struct team_session_in *,
	    int64_t *id);
int	team_score_add(struct ctx *, int64_t estate, int64_t staff,
	    const char *name, const char *subject, int64_t score,
	    const char *taken_on, int64_t *id);

/* What a plan or a tick refused: the key says one is there already. */
#define TEAM_TAKEN	2
int	team_pair_add(struct ctx *, int64_t estate, int64_t newcomer,
	    const char *newcomer_name, int64_t mentor, const char *mentor_name,
	    const char *start_on, int64_t *id);
int	team_tick_add(struct ctx *, int64_t estate, int64_t pair,
	    const char *newcomer_name, int stage, const char *done_on,
	    const char *note, int64_t *id);

#endif
