/*
 * arrears.h - a household's arrears and its red / yellow / green tier.
 *
 * A household's arrears are its unpaid, past-due bills; its months
 * overdue are the whole months since the due date of the oldest of them
 * (DOMAIN.md). The tier comes from the estate's thresholds:
 *	red	more than red_months overdue and more than red_fen owed
 *	yellow	yellow_months or more (and not red)
 *	green	green_months or more
 * Every page that shows a tier gets it from arrears_tier(), from rows
 * that arrears_estate() or arrears_premises() read.
 */
#ifndef PROPFEE_ARREARS_H
#define PROPFEE_ARREARS_H

#include <stddef.h>
#include <stdint.h>

#include "cal.h"

struct ctx;

/*
 * The arrears tiers (DOMAIN.md, "Arrears tiers"): computed, never
 * stored. The one list: the enum, its codes (the filters' keys and the
 * board's CSS classes) and its Chinese words, in the enum's order, and
 * tier_choices, the codes a filter offers, worst first.
 */
enum tier {
	TIER_NONE = 0,
	TIER_GREEN,
	TIER_YELLOW,
	TIER_RED,
	TIER__MAX
};
extern const char *const tier_codes[TIER__MAX];		/* "", "green" ... */
extern const char *const tier_labels[TIER__MAX];	/* "", "绿色" ... */
extern const char *const tier_choices[];	/* red, yellow, green, NULL */

struct tier_rules {
	int	 red_months;		/* 12 */
	int64_t	 red_fen;		/* 500000 */
	int	 yellow_months;		/* 6 */
	int	 green_months;		/* 1 */
};

struct arrears {
	int64_t		 premises_id;
	int64_t		 owed_fen;	/* past due and unpaid */
	struct date	 oldest_due;
	int		 months;	/* whole months overdue */
	int		 nbills;
	int		 nperiods;	/* billing periods among them
					   (arrears_premises only) */
	enum tier	 tier;
	/* arrears_premises only: under a hardship deferral on the day
	 * (deferral.h): no tier, whatever is past due; and its end */
	int		 deferred;
	struct date	 deferred_until;
};

enum tier	 arrears_tier(const struct tier_rules *, int months,
		    int64_t owed_fen);

/*
 * The one month count of every page and of the tiers (DOMAIN.md): the
 * whole months from a bill's due date to today, as MariaDB's
 * TIMESTAMPDIFF(MONTH, due, today) counts them (cal_months_between);
 * 0 for a bill not yet past due. A household's months overdue are those
 * of its oldest past-due bill.
 */
int		 arrears_months(struct date due, struct date today);
struct arena;
/*
 * Months overdue as every page says them, owner and staff alike: "13 个
 * 月", and "不足 1 个月" under a whole month (never "0 个月": the money
 * is past due all the same).
 */
const char	*arrears_months_words(struct arena *, int months);
const char	*tier_label(enum tier);	/* 红色预警 ... */
const char	*tier_key(enum tier);	/* red, yellow, green, "" */
/* "red" / "yellow" / "green" to a tier; TIER_NONE for anything else. */
enum tier	 tier_parse(const char *);

/* A household on the arrears board, with what the board filters on. */
struct board_row {
	struct arrears	 a;
	int64_t		 estate_id;
	int64_t		 building_id;
	int64_t		 collector_id;	/* 0: not assigned */
	const char	*occupancy;
	int		 elder;		/* an owner is 80 or over (if asked) */
	int		 has_case;	/* an open case file */
	int		 deferred;	/* a deferral was approved for it
					   (a.deferred: one lasts today) */
	/* YYYY-MM-DD of the last case-file contact or door-to-door visit,
	 * whichever is later; "" when never contacted */
	const char	*last_contact;
	const char	*last_visit;	/* the last door_visits day, or "" */
	int		 stale;		/* no contact in 30 days */
};

/*
 * Every household with past-due bills, of one estate (estate_id > 0) or
 * of every estate (0), each with its months overdue and tier under its
 * own estate's thresholds; with elders, also whether an owner is 80 or
 * over. Rows are in the arena. Returns 0 or -1.
 */
int	 arrears_board(struct ctx *, int64_t estate_id, struct date today,
	    int elders, struct board_row **rows, size_t *n);

/* The estate's thresholds. Returns 1, 0 (no such estate) or -1. */
int	 arrears_rules(struct ctx *, int64_t estate_id, struct tier_rules *);
/* One household's arrears on day today. Returns 0 or -1. */
int	 arrears_premises(struct ctx *, int64_t premises_id,
	    const struct tier_rules *, struct date today, struct arrears *);
/* Every household of the estate with past-due bills. Returns 0 or -1. */
int	 arrears_estate(struct ctx *, int64_t estate_id,
	    const struct tier_rules *, struct date today,
	    void (*fn)(void *, const struct arrears *), void *arg);

/*
 * SQL: an estate's bills as they stood at a moment T, one row per bill
 * (GROUP BY b.id): only bills made before T (bills.created_at), the
 * waiver recorded before its bound as MAX(w.amount_fen), the allocations
 * recorded before theirs as rows a. Parameters, in order: the waivers'
 * bound, the allocations' bound, estate, T. The caller adds conditions
 * on b after it, then GROUP BY b.id. Allocations are read per bill by
 * their bill index: one lookup per bill, never a scan per bill.
 */
#define ARREARS_BILLS_AT_SQL \
    " FROM bills b" \
    " LEFT JOIN waivers w ON w.bill_id = b.id AND w.created_at < ?" \
    " LEFT JOIN allocations a FORCE INDEX (allocations_bill)" \
    "  ON a.bill_id = b.id AND a.created_at < ?" \
    " WHERE b.estate_id = ? AND b.created_at < ?"

/*
 * After ARREARS_BILLS_AT_SQL in the rates (KPI collection and recovery,
 * each collector's completion, custody's vacant split): fee bills only,
 * never late fees (滞纳金, sql/043) - a penalty is not a fee the estate
 * served for, and months of accrued fees billed in one run would sink
 * that month's rates (a trial saw December at 0 %).
 */
#define RATE_BILLS_SQL	" AND b.late_of = 0"

/*
 * As arrears_estate(), as the books stood at moment asof ("YYYY-MM-DD
 * HH:MM:SS", China Standard Time) on day `day` (the day asof ends):
 * only bills, allocations and waivers recorded before asof count, so a
 * past board shows the tiers that stood then (DOMAIN.md, KPIs). Returns
 * 0 or -1.
 */
int	 arrears_estate_asof(struct ctx *, int64_t estate_id,
	    const struct tier_rules *, struct date day, const char *asof,
	    void (*fn)(void *, const struct arrears *), void *arg);

#endif
