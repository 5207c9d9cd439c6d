/*
 * role.c - the staff roles as stored (role.h).
 */
#include "codes.h"
#include "role.h"

const enum role staff_role_bits[STAFF_ROLES] = {
	ROLE_COLLECTOR, ROLE_TEAM_LEAD, ROLE_CUSTOMER_SERVICE,
	ROLE_ENGINEERING, ROLE_MANAGER, ROLE_ADMIN
};

const char *const staff_role_codes[STAFF_ROLES] = {
	"collector", "team_lead", "customer_service", "engineering",
	"manager", "admin"
};

const char *const staff_role_labels[STAFF_ROLES] = {
	"收费员", "收费组组长", "客服", "工程部", "经理", "系统管理员"
};

enum role
role_parse(const char *s)
{
	size_t	 i = code_find(staff_role_codes, STAFF_ROLES, s);

	return i < STAFF_ROLES ? staff_role_bits[i] : ROLE_NONE;
}

const char *
role_label(const char *s)
{
	size_t	 i = code_find(staff_role_codes, STAFF_ROLES, s);

	return i < STAFF_ROLES ? staff_role_labels[i] : s ? s : "";
}
