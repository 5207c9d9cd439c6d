/*
 * occupancy.h - what a premises is used as (premises.occupancy and the
 * fee tables' occupancy, sql/001_schema.sql): the one list. Rates,
 * billing cycles and the KPI board's split go by it (DOMAIN.md,
 * "Premises and fees"). tests/lint/lists.py checks the schema's ENUMs.
 */
#ifndef PROPFEE_OCCUPANCY_H
#define PROPFEE_OCCUPANCY_H

enum occupancy {
	OCC_OCCUPIED,
	OCC_VACANT,
	OCC_SHOP,
	OCCUPANCY__MAX
};

/* NULL-terminated, so a field can offer them as its choices (valid.h). */
/* schema: premises.occupancy, fee_rates.occupancy, billing_cycles.occupancy, billing_periods.occupancy */
extern const char *const occupancy_codes[OCCUPANCY__MAX + 1];
extern const char *const occupancy_labels[OCCUPANCY__MAX];

/* For statement text (constants, never input). */
#define OCCUPANCY_SQL_SHOP	"'shop'"

/* The occupancy of a stored code, compared whole; OCCUPANCY__MAX if none. */
enum occupancy	occupancy_parse(const char *);

#endif
