/*
 * codes.c - stored codes to enums, compared whole.
 */
#include <string.h>

#include "codes.h"

const char *const bill_status_codes[BILL_STATUS__MAX] = {
	"unpaid", "partial", "paid", "waived"
};

const char *const credit_status_codes[CREDIT_STATUS__MAX] = {
	"pending", "approved", "rejected"
};

const char *const alloc_source_codes[ALLOC_SOURCE__MAX] = {
	"payment", "prepaid", "reversal"
};

const char *const reading_source_codes[READING_SOURCE__MAX] = {
	"form", "csv"
};

const char *const actor_kind_codes[ACTOR_KIND__MAX] = {
	"owner", "staff", "system"
};

size_t
code_find(const char *const *codes, size_t n, const char *s)
{
	size_t	 i;

	if (s == NULL)
		return n;
	for (i = 0; i < n; i++)
		if (strcmp(codes[i], s) == 0)
			return i;
	return n;
}

#define PARSER(fn, type, codes, max) \
	type fn(const char *s) \
	{ \
		return (type)code_find(codes, max, s); \
	}

PARSER(bill_status_parse, enum bill_status, bill_status_codes,
    BILL_STATUS__MAX)
PARSER(credit_status_parse, enum credit_status, credit_status_codes,
    CREDIT_STATUS__MAX)
PARSER(alloc_source_parse, enum alloc_source, alloc_source_codes,
    ALLOC_SOURCE__MAX)
PARSER(reading_source_parse, enum reading_source, reading_source_codes,
    READING_SOURCE__MAX)
PARSER(actor_kind_parse, enum actor_kind, actor_kind_codes,
    ACTOR_KIND__MAX)

int
bill_status_open(enum bill_status s)
{
	return s == BILL_UNPAID || s == BILL_PARTIAL;
}
