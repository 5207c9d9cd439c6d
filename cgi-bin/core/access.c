/*
 * access.c - the role x data table (access.h): what each staff role sees
 * of owners' personal data, from issue 12 "Who sees what" and DOMAIN.md
 * "Who uses it".
 */
#include <string.h>

#include "access.h"
#include "labels.h"

#define ALL	{ SEE_ALL, SEE_ALL }
#define NONE	{ SEE_NONE, SEE_NONE }

/*
 * Rows in role.h's staff_role_bits order. A cell is { households
 * assigned to the actor, the others }; only collectors have assigned
 * households, so only their cells differ.
 */
const struct sight access_table[STAFF_ROLES][DATA__MAX] = {
	/* 收费员: the whole estate's ledger (an owner pays at the counter
	 * whoever their collector is) and names; the phones, case files
	 * and request contacts of the households assigned to them, a
	 * masked phone for the others (enough to check an owner's word).
	 * Ages and credits: the door-to-door list is the estate's. */
	[0] = {
		[DATA_OWNER_NAME] = ALL,
		[DATA_OWNER_PHONE] = { SEE_ALL, SEE_MASKED },
		[DATA_LEDGER] = ALL,
		[DATA_CASE] = { SEE_ALL, SEE_NONE },
		[DATA_HARDSHIP] = ALL,
		[DATA_REQUEST_CONTACT] = { SEE_ALL, SEE_NONE },
		/* their own satisfaction and pay, nobody else's */
		[DATA_PERFORMANCE] = { SEE_ALL, SEE_NONE },
	},
	/* 收费组组长: all; keeps and closes case files; judges the
	 * collectors' performance. */
	[1] = {
		[DATA_OWNER_NAME] = ALL, [DATA_OWNER_PHONE] = ALL,
		[DATA_LEDGER] = ALL, [DATA_CASE] = ALL,
		[DATA_HARDSHIP] = ALL, [DATA_REQUEST_CONTACT] = ALL,
		[DATA_PERFORMANCE] = ALL,
	},
	/* 客服: the owner's contact, requests and enquiries; the ledger,
	 * as fee enquiries (bill amount, area, rate, late fee) are
	 * answered from it; service-exchange credits logged from a phone
	 * call. Not case files. */
	[2] = {
		[DATA_OWNER_NAME] = ALL, [DATA_OWNER_PHONE] = ALL,
		[DATA_LEDGER] = ALL, [DATA_CASE] = NONE,
		[DATA_HARDSHIP] = ALL, [DATA_REQUEST_CONTACT] = ALL,
		[DATA_PERFORMANCE] = NONE,
	},
	/* 工程部: the requests dispatched to it, with the location and a
	 * contact only when the owner agreed to share one; no owners'
	 * names, phones, ledgers, case files or hardship. */
	[3] = {
		[DATA_OWNER_NAME] = NONE, [DATA_OWNER_PHONE] = NONE,
		[DATA_LEDGER] = NONE, [DATA_CASE] = NONE,
		[DATA_HARDSHIP] = NONE,
		[DATA_REQUEST_CONTACT] = { SEE_SHARED, SEE_SHARED },
		[DATA_PERFORMANCE] = NONE,
	},
	/* 经理: every report; approves, closes case files; sets and
	 * decides performance pay. */
	[4] = {
		[DATA_OWNER_NAME] = ALL, [DATA_OWNER_PHONE] = ALL,
		[DATA_LEDGER] = ALL, [DATA_CASE] = ALL,
		[DATA_HARDSHIP] = ALL, [DATA_REQUEST_CONTACT] = ALL,
		[DATA_PERFORMANCE] = ALL,
	},
	/* 系统管理员 (not in DOMAIN.md): set-up and every report, as
	 * before issue 12; reads case files, never keeps them. Not the
	 * staff's pay: the estate's satisfaction, not each collector's. */
	[5] = {
		[DATA_OWNER_NAME] = ALL, [DATA_OWNER_PHONE] = ALL,
		[DATA_LEDGER] = ALL, [DATA_CASE] = ALL,
		[DATA_HARDSHIP] = ALL, [DATA_REQUEST_CONTACT] = ALL,
		[DATA_PERFORMANCE] = NONE,
	},
};

enum see
access_sees(enum role role, enum data d, int mine)
{
	size_t	 i;

	if ((unsigned)d >= DATA__MAX)
		return SEE_NONE;
	for (i = 0; i < STAFF_ROLES; i++)
		if (staff_role_bits[i] == role)
			return mine ? access_table[i][d].mine :
			    access_table[i][d].other;
	return SEE_NONE;
}

const char *
access_phone(struct arena *a, enum see level, const char *phone)
{
	const char	*p, *end, *sep = "";
	char		*one, *out = "";

	if (phone == NULL || level == SEE_NONE || level == SEE_SHARED)
		return "";
	if (level == SEE_ALL)
		return phone;
	for (p = phone; *p != '\0'; p = *end ? end + 1 : end) {
		if ((end = strchr(p, ' ')) == NULL)
			end = p + strlen(p);
		one = arena_strndup(a, p, (size_t)(end - p));
		/* label_phone_masked() keeps 7 characters: a shorter
		 * number would show whole. */
		out = arena_printf(a, "%s%s%s", out, sep, strlen(one) < 8 ?
		    "****" : label_phone_masked(a, one));
		sep = " ";
	}
	return out;
}
