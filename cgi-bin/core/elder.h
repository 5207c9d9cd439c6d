/*
 * elder.h - elderly mode (适老化, issue 13): the owner portal's large-text,
 * high-contrast mode remembered per owner, and an owner's request that a
 * collector come to collect (上门收费预约, sql/052).
 *
 * The mode is on by default for an owner of 80 or over (by birth year,
 * as the arrears board counts owners over 80) until they switch it off;
 * once switched, their choice stands. The session reads it with the
 * owner (web/auth.c) and every owner page's body carries the class
 * "elder" (static/style.css does the rest).
 *
 * A visit request names a household, a day (from tomorrow, at most
 * VISIT_DAYS_AHEAD days ahead), a half-day and an optional note; at most
 * one is open per household (a unique key). The owner may cancel it
 * while it is open; the collector assigned to the household (or the team
 * lead, the manager) marks it done or not reached. Each change is one
 * transaction with its audit row, the household as its object.
 */
#ifndef PROPFEE_ELDER_H
#define PROPFEE_ELDER_H

#include <stdint.h>

struct ctx;

/* Owners this old or older get the mode unless they switched it off. */
#define ELDER_AGE		80	/* web/auth.c's session statement too */
/* How far ahead a visit may be booked, in days after today. */
#define VISIT_DAYS_AHEAD	14
/* A note's length, in characters (the owner's, and the collector's). */
#define VISIT_NOTE_MAX		200

/* visit_requests.status */
enum visit_status {
	VISIT_OPEN,
	VISIT_CANCELLED,
	VISIT_DONE,
	VISIT_NOT_REACHED,
	VISIT_STATUS__MAX
};
/* schema: visit_requests.status */
extern const char *const visit_status_codes[VISIT_STATUS__MAX];
/* 待上门, 已取消, 已上门, 未联系上 */
extern const char *const visit_status_labels[VISIT_STATUS__MAX];

/* visit_requests.half_day */
enum visit_half {
	VISIT_AM,
	VISIT_PM,
	VISIT_HALF__MAX
};
/* schema: visit_requests.half_day */
extern const char *const visit_half_codes[VISIT_HALF__MAX];
/* 上午（9:00-12:00）, 下午（14:00-17:00） */
extern const char *const visit_half_labels[VISIT_HALF__MAX];
/* visit_half_codes, NULL-terminated (a V_CHOICE list). */
extern const char *const visit_halves[VISIT_HALF__MAX + 1];

enum visit_status visit_status_parse(const char *);
struct arena;
/* A visit's day as people say it: 12月5日（星期六）; "" if not a date. */
const char	*visit_day_label(struct arena *, const char *ymd);
enum visit_half	  visit_half_parse(const char *);

/*
 * Sets owner_id's mode on (1) or off (0) for good, with its audit row,
 * in one transaction. Returns 0 or -1.
 */
int	elder_mode_set(struct ctx *, int64_t owner_id, int on);

/* A visit the owner asks for. */
struct visit_new {
	int64_t		 estate_id;
	int64_t		 premises_id;
	int64_t		 owner_id;
	const char	*date;		/* YYYY-MM-DD, checked by the page */
	enum visit_half	 half;
	const char	*note;		/* "" for none */
};

/* A refusal (> 1, a db_tx/once_tx convention): nothing changed. */
#define VISIT_ALREADY_OPEN	2	/* the household has an open one */
#define VISIT_NOT_OPEN		3	/* it was cancelled or closed before */

/*
 * Inside the caller's transaction: records the request as the signed-in
 * owner, sets *id, writes its audit row (visit.book). Returns 0,
 * VISIT_ALREADY_OPEN or -1.
 */
int	visit_book(struct ctx *, const struct visit_new *, int64_t *id);
/*
 * One transaction: the owner cancels open request id of premises_id
 * (the caller checked the owner's): visit.cancel. Returns 0,
 * VISIT_NOT_OPEN or -1.
 */
int	visit_cancel(struct ctx *, int64_t id, int64_t estate_id,
	    int64_t premises_id);
/*
 * One transaction: the signed-in staff member closes open request id as
 * VISIT_DONE or VISIT_NOT_REACHED with a note (may be ""): visit.done or
 * visit.not_reached. The caller checked who may. Returns 0,
 * VISIT_NOT_OPEN or -1.
 */
int	visit_close(struct ctx *, int64_t id, int64_t estate_id,
	    int64_t premises_id, enum visit_status outcome, const char *note);

/*
 * The open requests of an estate on the list of collector (0: of every
 * collector, or none assigned), into *n. Returns 0 or -1.
 */
int	visit_open_count(struct ctx *, int64_t estate_id, int64_t collector,
	    int64_t *n);

#endif
