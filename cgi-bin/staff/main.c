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
	{ METHOD_GET,  "/arrears",		ROLES_ARREARS, page_arrears },
	{ METHOD_GET,  "/arrears.csv",		ROLES_ARREARS, page_arrears_csv },
	{ METHOD_POST, "/arrears/assign",	ROLES_ASSIGN, page_arrears_assign },
	{ METHOD_GET,  "/arrears/elders",	ROLES_ARREARS, page_arrears_elders },
	{ METHOD_GET,  "/households/#/case",	ROLE_STAFF,  page_casefile },
	{ METHOD_POST, "/households/#/case",	ROLES_CASE,  page_casefile_open },
	{ METHOD_POST, "/cases/#/plan",		ROLES_CASE,  page_casefile_plan },
	{ METHOD_POST, "/cases/#/contacts",	ROLES_CASE,  page_casefile_contact },
	{ METHOD_POST, "/cases/#/promises",	ROLES_CASE,  page_casefile_promise },
	{ METHOD_POST, "/cases/#/close",	ROLES_CASE,  page_casefile_close },
	{ METHOD_GET,  "/kpi",			ROLES_KPI,   page_kpi },
	{ METHOD_GET,  "/kpi.csv",		ROLES_KPI,   page_kpi_csv },
	{ METHOD_GET,  "/settings",		ROLES_SETTINGS, page_settings },
	{ METHOD_POST, "/settings",		ROLES_SETTINGS, page_settings_post },
};

static const struct nav nav[] = {
	{ "收费台账",	"/households",	ROLE_STAFF },
	{ "欠费预警",	"/arrears",	ROLES_ARREARS },
	{ "收费指标",	"/kpi",		ROLES_KPI },
	{ "收据",	"/receipts",	ROLES_RECEIPTS },
	{ "抄表",	"/meters",	ROLES_METER },
	{ "服务置换",	"/credits",	ROLE_STAFF },
	{ "出账",	"/billing",	ROLES_SETUP },
	{ "收费标准",	"/fees",	ROLES_SETUP },
	{ "预警设置",	"/settings",	ROLES_SETTINGS },
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
