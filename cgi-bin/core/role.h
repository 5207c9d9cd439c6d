/*
 * role.h - who may do what: the roles of DOMAIN.md ("Roles"), one bit
 * each, and the staff roles as staff.role stores them
 * (sql/001_schema.sql) with their Chinese words. The route tables name
 * roles by bit; tests/lint/lists.py checks the schema's ENUM against the
 * codes.
 */
#ifndef PROPFEE_ROLE_H
#define PROPFEE_ROLE_H

enum role {
	ROLE_NONE = 0,
	ROLE_OWNER = 1 << 0,
	ROLE_COLLECTOR = 1 << 1,
	ROLE_TEAM_LEAD = 1 << 2,
	ROLE_CUSTOMER_SERVICE = 1 << 3,
	ROLE_ENGINEERING = 1 << 4,
	ROLE_MANAGER = 1 << 5,
	ROLE_ADMIN = 1 << 6
};
#define ROLE_PUBLIC	0
#define ROLE_STAFF	(ROLE_COLLECTOR | ROLE_TEAM_LEAD | \
			 ROLE_CUSTOMER_SERVICE | ROLE_ENGINEERING | \
			 ROLE_MANAGER | ROLE_ADMIN)

#define STAFF_ROLES	6

/* In the schema's order; staff_role_bits[i] is the bit of code i. */
extern const enum role staff_role_bits[STAFF_ROLES];
/* schema: staff.role */
extern const char *const staff_role_codes[STAFF_ROLES];
extern const char *const staff_role_labels[STAFF_ROLES];

/* Those who take money at the counter or the door (a register's
 * collectors), for statement text. */
#define ROLE_SQL_TAKERS	"'collector', 'team_lead', 'manager'"

/* The bit of a staff.role code, compared whole; ROLE_NONE if none. */
enum role	role_parse(const char *);
/* The Chinese word for a staff.role code, or the code itself. */
const char	*role_label(const char *);

#endif
