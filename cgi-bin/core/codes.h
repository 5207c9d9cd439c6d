/*
 * codes.h - the fixed lists of codes the database stores (its ENUM
 * columns), declared once: an enum ending in __MAX and the codes in the
 * same order. Pages turn a stored code into its enum with the parse
 * function and compare enums, never a code's first letters ("paid" and
 * "partial" share one; issue 7, kind 1). The lists of their own header:
 * channel.h, occupancy.h, role.h. tests/lint/lists.py checks each
 * "schema:" list against the ENUM its columns have after every
 * migration.
 */
#ifndef PROPFEE_CODES_H
#define PROPFEE_CODES_H

#include <stddef.h>

/* bills.status (sql/001_schema.sql). */
enum bill_status {
	BILL_UNPAID,
	BILL_PARTIAL,
	BILL_PAID,
	BILL_WAIVED,
	BILL_STATUS__MAX
};
/* schema: bills.status */
extern const char *const bill_status_codes[BILL_STATUS__MAX];

/* service_credits.status (sql/003_money_flow.sql). */
enum credit_status {
	CREDIT_PENDING,
	CREDIT_APPROVED,
	CREDIT_REJECTED,
	CREDIT_STATUS__MAX
};
/* schema: service_credits.status */
extern const char *const credit_status_codes[CREDIT_STATUS__MAX];

/* allocations.source (sql/003_money_flow.sql). */
enum alloc_source {
	ALLOC_PAYMENT,
	ALLOC_PREPAID,
	ALLOC_REVERSAL,
	ALLOC_SOURCE__MAX
};
/* schema: allocations.source */
extern const char *const alloc_source_codes[ALLOC_SOURCE__MAX];

/* meter_readings.source (sql/003_money_flow.sql). */
enum reading_source {
	READING_FORM,
	READING_CSV,
	READING_SOURCE__MAX
};
/* schema: meter_readings.source */
extern const char *const reading_source_codes[READING_SOURCE__MAX];

/* audit_log.actor_kind (sql/001_schema.sql). */
enum actor_kind {
	ACTOR_OWNER,
	ACTOR_STAFF,
	ACTOR_SYSTEM,
	ACTOR_KIND__MAX
};
/* schema: audit_log.actor_kind, idempotency_keys.actor_kind */
extern const char *const actor_kind_codes[ACTOR_KIND__MAX];

/*
 * The index of code s in codes[0..n), compared whole; n when s is NULL or
 * not one of them.
 */
size_t	code_find(const char *const *codes, size_t n, const char *s);

enum bill_status	bill_status_parse(const char *);
enum credit_status	credit_status_parse(const char *);
enum alloc_source	alloc_source_parse(const char *);
enum reading_source	reading_source_parse(const char *);
enum actor_kind		actor_kind_parse(const char *);

/* 1 for a bill that is still owed on: unpaid or partly paid. */
int	bill_status_open(enum bill_status);

#endif
