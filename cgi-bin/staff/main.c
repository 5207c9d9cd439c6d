/*
 * main.c - the staff back office (物业收费管理): its routes. Every route
 * names the method, the path (# is an id), the roles that may use it,
 * and the page that answers. server.c does the rest.
 */
#include "http.h"
#include "login.h"
#include "pages.h"
#include "server.h"

static const struct route routes[] = {
	{ METHOD_GET,  "/healthz",		ROLE_PUBLIC, page_healthz },
	{ METHOD_GET,  "/login",		ROLE_PUBLIC, page_login },
	{ METHOD_POST, "/login",		ROLE_PUBLIC, page_login_post },
	{ METHOD_POST, "/logout",		ROLE_STAFF,  page_logout },
	{ METHOD_GET,  "/",			ROLE_STAFF,  page_home },
	{ METHOD_GET,  "/households",		ROLE_STAFF,  page_households },
	{ METHOD_GET,  "/households/#",		ROLE_STAFF,  page_household },
	{ METHOD_GET,  "/households/#/pay",	ROLES_PAY,   page_pay },
	{ METHOD_POST, "/households/#/pay",	ROLES_PAY,   page_pay_post },
	{ METHOD_GET,  "/bills/#",		ROLE_STAFF,  page_bill },
	{ METHOD_POST, "/bills/#/waive",	ROLES_APPROVE, page_bill_waive },
	{ METHOD_GET,  "/receipts",		ROLES_RECEIPTS, page_receipts },
	{ METHOD_GET,  "/receipts.csv",		ROLES_RECEIPTS, page_receipts_csv },
	{ METHOD_GET,  "/receipts/#",		ROLES_RECEIPTS, page_receipt },
	{ METHOD_GET,  "/receipts/#.pdf",	ROLES_RECEIPTS, page_receipt_pdf },
	{ METHOD_POST, "/receipts/#/void",	ROLES_VOID,  page_receipt_void },
	{ METHOD_GET,  "/meters",		ROLES_METER, page_meters },
	{ METHOD_POST, "/meters",		ROLES_METER, page_meters_post },
	{ METHOD_POST, "/meters/upload",	ROLES_METER, page_meters_upload },
	{ METHOD_GET,  "/credits",		ROLE_STAFF,  page_credits },
	{ METHOD_GET,  "/households/#/credits/new", ROLES_CREDIT_LOG, page_credit_new },
	{ METHOD_POST, "/households/#/credits",	ROLES_CREDIT_LOG, page_credit_post },
	{ METHOD_POST, "/credits/#/approve",	ROLES_APPROVE, page_credit_approve },
	{ METHOD_POST, "/credits/#/reject",	ROLES_APPROVE, page_credit_reject },
	{ METHOD_GET,  "/fees",			ROLES_SETUP, page_fees },
	{ METHOD_POST, "/fees/items",		ROLES_SETUP, page_fees_item },
	{ METHOD_POST, "/fees/rates",		ROLES_SETUP, page_fees_rate },
	{ METHOD_POST, "/fees/cycles",		ROLES_SETUP, page_fees_cycle },
	{ METHOD_POST, "/fees/credit",		ROLES_SETUP, page_fees_credit },
	{ METHOD_GET,  "/billing",		ROLES_SETUP, page_billing },
	{ METHOD_POST, "/billing",		ROLES_SETUP, page_billing_post },
	{ METHOD_GET,  "/billing/runs/#",	ROLES_SETUP, page_billing_run },
	{ METHOD_GET,  "/audit",		ROLES_AUDIT, page_auditlog },
};

static const struct nav nav[] = {
	{ "收费台账",	"/households",	ROLE_STAFF },
	{ "收据",	"/receipts",	ROLES_RECEIPTS },
	{ "抄表",	"/meters",	ROLES_METER },
	{ "服务置换",	"/credits",	ROLE_STAFF },
	{ "出账",	"/billing",	ROLES_SETUP },
	{ "收费标准",	"/fees",	ROLES_SETUP },
	{ "操作日志",	"/audit",	ROLES_AUDIT },
};

static const struct app staff = {
	.name = "staff",
	.prefix = "/staff",
	.cookie = "pf_s",
	.login_path = "/login",
	.home_path = "/households",
	.staff = 1,
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.nav = nav,
	.nnav = sizeof(nav) / sizeof(nav[0]),
	.background = billing_runner,
};

int
main(int argc, char *argv[])
{
	return server_main(argc, argv, &staff);
}
