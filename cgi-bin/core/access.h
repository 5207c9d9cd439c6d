/*
 * access.h - who sees what: the personal data each staff role may see
 * (issue 12, "Who sees what": personal data on a need-to-know basis, as
 * China's PIPL asks; the roles of DOMAIN.md "Who uses it").
 *
 * Three things together say what a role sees on a page:
 *   - the route table (cgi-bin/staff/main.c) says who may use a route at
 *     all (a GET the role may not use answers 404) and, in its .data
 *     field, which kinds of data below the page shows (DATA_BIT(...));
 *   - the table in access.c says, for each role and each kind of data,
 *     how much of it the role sees: all, masked, or none, and for
 *     collectors whether that differs between the households assigned
 *     to them (assignments) and the others;
 *   - a page asks http_sees() (web/http.h), which is SEE_NONE for a kind
 *     of data its route does not declare, so a page cannot show what its
 *     row in the route table does not say it shows.
 * tests/http/test_access.py checks every route and role cell by cell
 * against its own copy.
 */
#ifndef PROPFEE_ACCESS_H
#define PROPFEE_ACCESS_H

#include "arena.h"
#include "role.h"

/* The kinds of personal data a staff page may show. */
enum data {
	DATA_OWNER_NAME,	/* owners' names, a receipt's payer */
	DATA_OWNER_PHONE,	/* owners' phone numbers */
	DATA_LEDGER,		/* bills, payments, receipts, amounts owed,
				 * prepaid balances, arrears */
	DATA_CASE,		/* case files (一户一策): cause, plan,
				 * contacts, promises, outcome */
	DATA_HARDSHIP,		/* hardship notes: owners' ages and the 80+
				 * mark, service-exchange credits (and the
				 * deferrals to come) */
	/* A service request's contact: the phone an owner agreed to share
	 * on that request (issue 12, service requests). Engineering sees it
	 * only when the owner agreed (SEE_SHARED); the request pages decide
	 * per request. */
	DATA_REQUEST_CONTACT,
	/* A member of staff's own performance (issue 12, DOMAIN.md
	 * "Collector performance"): their follow-ups' satisfaction, the
	 * pay multiplier it earns, their households' completion rate.
	 * Staff's personal data, on a need-to-know basis too: a collector
	 * sees their own (mine: the row that is theirs), the lead and the
	 * manager who decide pay everyone's, nobody else any. */
	DATA_PERFORMANCE,
	DATA__MAX
};

#define DATA_BIT(d)	(1u << (d))
/* What the household pages show: names, phones, the ledger. */
#define DATA_HOUSEHOLD	(DATA_BIT(DATA_OWNER_NAME) | \
			 DATA_BIT(DATA_OWNER_PHONE) | DATA_BIT(DATA_LEDGER))

/* How much of a kind of data a role sees. */
enum see {
	SEE_NONE = 0,	/* left out of the page (and its CSV) */
	SEE_SHARED,	/* only what the owner agreed to share (a request's
			 * contact); none otherwise */
	SEE_MASKED,	/* a phone as 138****0001; other data: none */
	SEE_ALL
};

/* One cell: what a role sees of one kind of data for the households
 * assigned to it (mine: a collector's own) and for the others. For every
 * role but the collector the two are the same. For DATA_PERFORMANCE,
 * "mine" is the actor's own row. */
struct sight {
	enum see	 mine;
	enum see	 other;
};

/* The table: access_table[i][d] for staff role i (role.h's
 * staff_role_bits order) and data d. */
extern const struct sight access_table[STAFF_ROLES][DATA__MAX];

/*
 * What role sees of data d, for a household assigned to the actor (mine
 * 1) or not (0). An owner, the system or an unknown role: SEE_NONE. The
 * source: access.c's table, from issue 12 "Who sees what".
 */
enum see	access_sees(enum role role, enum data d, int mine);

/*
 * A phone number, or a list of them separated by single spaces, as
 * level allows: SEE_ALL as is, SEE_MASKED each number as
 * label_phone_masked() masks it (13800000001 -> 138****0001; a number of
 * fewer than 8 characters is "****"), anything else "". Never NULL; a
 * NULL phone is "". Allocated in a.
 */
const char	*access_phone(struct arena *a, enum see level,
		    const char *phone);

#endif
