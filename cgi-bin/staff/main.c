/*
 * main.c - the staff back office (物业收费管理): its routes. Every route
 * names the method, the path (# is an id), the roles that may use it,
 * and the page that answers. server.c does the rest.
 *
 * This table is the one place that says who may do what (the roles come
 * from DOMAIN.md's "who uses it"; ROLES_* in pages.h name the groups).
 * server.c refuses everyone else before the page runs: a page (GET) is
 * 404, as if it did not exist, an act (POST) 403; a page that shows a
 * form only to those who may send it asks http_may(), and the menu below
 * shows a link to those who may GET its path.
 *
 * Who sees what (issue 12): .data names the owners' personal data a
 * route's page shows (D_* below, access.h's enum data); how much of each
 * a role sees - all, masked, none, or only for a collector's own
 * households - is the role x data table of core/access.c, and the page
 * asks http_sees() (or scope_sees_data() for one household) before it
 * shows any. A page whose route does not declare a kind shows none of it.
 * A new route that shows owners' data declares it here; a new kind of
 * data (a service request's contact: DATA_REQUEST_CONTACT) gets its
 * column in access.c.
 * tests/http/test_access.py checks every route and role, status and
 * data, against its own copy; test_routes.py the owner portal's.
 *
 * A request that does not travel as a form of at most 1 MB, with the
 * session and its CSRF token, answered in HTML, says how it does after
 * its handler (struct route in http.h): the meter upload is multipart, the test routes at the end are what tests/http/
 * test_transport.py drives.
 */
#include "http.h"
#include "login.h"
#include "pages.h"
#include "rqphoto.h"
#include "server.h"

/* A row leaves the transport fields it does not need at zero (http.h). */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* What the signed test route reads besides its body. */
static const char *const test_signed_headers[] = {
	"X-Test-Signature", "X-Test-Timestamp", NULL
};

/* The owners' data a page shows (access.h). */
#define D_NAME		DATA_BIT(DATA_OWNER_NAME)
#define D_PHONE		DATA_BIT(DATA_OWNER_PHONE)
#define D_LEDGER	DATA_BIT(DATA_LEDGER)
#define D_CASE		DATA_BIT(DATA_CASE)
#define D_HARDSHIP	DATA_BIT(DATA_HARDSHIP)
#define D_REQUEST_CONTACT DATA_BIT(DATA_REQUEST_CONTACT)
#define D_PERFORMANCE	DATA_BIT(DATA_PERFORMANCE)
#define D_HOUSEHOLD	DATA_HOUSEHOLD	/* names, phones, ledger */

static const struct route routes[] = {
	{ METHOD_GET,  "/healthz",		ROLE_PUBLIC, page_healthz },
	{ METHOD_GET,  "/login",		ROLE_PUBLIC, page_login },
	{ METHOD_POST, "/login",		ROLE_PUBLIC, page_login_post },
	{ METHOD_POST, "/logout",		ROLE_STAFF,  page_logout },
	{ METHOD_GET,  "/",			ROLE_STAFF,  page_home },
	{ METHOD_GET,  "/households",		ROLES_LEDGER, page_households,
	    .data = D_HOUSEHOLD },
	{ METHOD_GET,  "/households/#",		ROLES_LEDGER, page_household,
	    .data = D_HOUSEHOLD | D_HARDSHIP | D_CASE },
	{ METHOD_GET,  "/households/#/pay",	ROLES_PAY,   page_pay,
	    .data = D_NAME | D_LEDGER },
	{ METHOD_POST, "/households/#/pay",	ROLES_PAY,   page_pay_post,
	    .data = D_NAME | D_LEDGER },
	{ METHOD_GET,  "/bills/#",		ROLES_LEDGER, page_bill,
	    .data = D_NAME | D_LEDGER },
	{ METHOD_POST, "/bills/#/waive",	ROLES_APPROVE, page_bill_waive,
	    .data = D_NAME | D_LEDGER },
	{ METHOD_GET,  "/receipts",		ROLES_RECEIPTS, page_receipts,
	    .data = D_NAME | D_LEDGER },
	{ METHOD_GET,  "/receipts.csv",		ROLES_RECEIPTS, page_receipts_csv,
	    .data = D_NAME | D_LEDGER },
	{ METHOD_GET,  "/receipts/#",		ROLES_RECEIPTS, page_receipt,
	    .data = D_NAME | D_LEDGER },
	{ METHOD_GET,  "/receipts/#.pdf",	ROLES_RECEIPTS, page_receipt_pdf,
	    .data = D_NAME | D_LEDGER },
	{ METHOD_POST, "/receipts/#/void",	ROLES_VOID,  page_receipt_void,
	    .data = D_NAME | D_LEDGER },
	{ METHOD_POST, "/receipts/#/void-requests", ROLES_VOID_ASK, page_void_ask,
	    .data = D_NAME | D_LEDGER },
	{ METHOD_POST, "/void-requests/#/approve", ROLES_VOID, page_void_approve,
	    .data = D_NAME | D_LEDGER },
	{ METHOD_POST, "/void-requests/#/refuse", ROLES_VOID, page_void_refuse,
	    .data = D_NAME | D_LEDGER },
	/* Readings by premises: no owner's data. */
	{ METHOD_GET,  "/meters",		ROLES_METER, page_meters },
	{ METHOD_POST, "/meters",		ROLES_METER, page_meters_post },
	{ METHOD_POST, "/meters/upload",	ROLES_METER, page_meters_upload,
	    .accept = CT_MULTIPART },
	{ METHOD_GET,  "/meters/template.csv",	ROLES_METER, page_meters_template },
	{ METHOD_GET,  "/credits",		ROLES_LEDGER, page_credits,
	    .data = D_NAME | D_LEDGER | D_HARDSHIP },
	{ METHOD_GET,  "/households/#/credits/new", ROLES_CREDIT_LOG, page_credit_new,
	    .data = D_NAME | D_LEDGER | D_HARDSHIP },
	{ METHOD_POST, "/households/#/credits",	ROLES_CREDIT_LOG, page_credit_post,
	    .data = D_NAME | D_LEDGER | D_HARDSHIP },
	{ METHOD_POST, "/credits/#/approve",	ROLES_APPROVE, page_credit_approve,
	    .data = D_NAME | D_LEDGER | D_HARDSHIP },
	{ METHOD_POST, "/credits/#/reject",	ROLES_APPROVE, page_credit_reject,
	    .data = D_NAME | D_LEDGER | D_HARDSHIP },
	/* 缓交申请 (deferrals.c, issue 13): logged as credits are, decided
	 * by a manager; an application carries one document photo. */
	{ METHOD_GET,  "/deferrals",		ROLES_LEDGER, page_deferrals,
	    .data = D_NAME | D_LEDGER | D_HARDSHIP },
	{ METHOD_GET,  "/households/#/deferrals/new", ROLES_CREDIT_LOG, page_deferral_new,
	    .data = D_NAME | D_LEDGER | D_HARDSHIP },
	{ METHOD_POST, "/households/#/deferrals", ROLES_CREDIT_LOG, page_deferral_post,
	    .data = D_NAME | D_LEDGER | D_HARDSHIP,
	    .accept = CT_MULTIPART | CT_FORM, .body_max = DEFERRAL_BODY_MAX },
	{ METHOD_POST, "/deferrals/#/approve",	ROLES_APPROVE, page_deferral_approve,
	    .data = D_NAME | D_LEDGER | D_HARDSHIP },
	{ METHOD_POST, "/deferrals/#/reject",	ROLES_APPROVE, page_deferral_reject,
	    .data = D_NAME | D_LEDGER | D_HARDSHIP },
	{ METHOD_GET,  "/deferrals/#/photo",	ROLES_LEDGER, page_deferral_photo,
	    .data = D_HARDSHIP },
	{ METHOD_GET,  "/fees",			ROLES_SETUP, page_fees },
	{ METHOD_POST, "/fees/items",		ROLES_SETUP, page_fees_item },
	{ METHOD_POST, "/fees/rates",		ROLES_SETUP, page_fees_rate },
	{ METHOD_POST, "/fees/cycles",		ROLES_SETUP, page_fees_cycle },
	{ METHOD_POST, "/fees/credit",		ROLES_SETUP, page_fees_credit },
	{ METHOD_POST, "/fees/caps",		ROLES_SETUP, page_fees_cap },
	{ METHOD_GET,  "/billing",		ROLES_SETUP, page_billing,
	    .data = D_LEDGER },
	{ METHOD_POST, "/billing",		ROLES_SETUP, page_billing_post,
	    .data = D_LEDGER },
	{ METHOD_GET,  "/billing/runs/#",	ROLES_SETUP, page_billing_run,
	    .data = D_LEDGER },
	{ METHOD_GET,  "/audit",		ROLES_AUDIT, page_auditlog,
	    .data = D_NAME | D_LEDGER },
	{ METHOD_GET,  "/arrears",		ROLES_ARREARS, page_arrears,
	    .data = D_HOUSEHOLD | D_HARDSHIP | D_CASE },
	{ METHOD_GET,  "/arrears.csv",		ROLES_ARREARS, page_arrears_csv,
	    .data = D_HOUSEHOLD | D_HARDSHIP | D_CASE },
	{ METHOD_POST, "/arrears/assign",	ROLES_ASSIGN, page_arrears_assign,
	    .data = D_HOUSEHOLD | D_HARDSHIP | D_CASE },
	{ METHOD_GET,  "/arrears/elders",	ROLES_ARREARS, page_arrears_elders,
	    .data = D_HOUSEHOLD | D_HARDSHIP },
	/* 上门预约 (visits.c, issue 13): the visits owners asked for in the
	 * portal, on their household's collector's list. */
	{ METHOD_GET,  "/arrears/visits",	ROLES_ARREARS, page_visits,
	    .data = D_HOUSEHOLD | D_HARDSHIP },
	{ METHOD_POST, "/visit-requests/#/close", ROLES_VISIT_CLOSE,
	    page_visit_close, .data = D_HOUSEHOLD | D_HARDSHIP },
	{ METHOD_GET,  "/households/#/case",	ROLES_CASE_VIEW, page_casefile,
	    .data = D_HOUSEHOLD | D_HARDSHIP | D_CASE },
	{ METHOD_POST, "/households/#/case",	ROLES_CASE,  page_casefile_open,
	    .data = D_HOUSEHOLD | D_HARDSHIP | D_CASE },
	{ METHOD_POST, "/cases/#/plan",		ROLES_CASE,  page_casefile_plan,
	    .data = D_HOUSEHOLD | D_HARDSHIP | D_CASE },
	{ METHOD_POST, "/cases/#/contacts",	ROLES_CASE,  page_casefile_contact,
	    .data = D_HOUSEHOLD | D_HARDSHIP | D_CASE },
	{ METHOD_POST, "/cases/#/promises",	ROLES_CASE,  page_casefile_promise,
	    .data = D_HOUSEHOLD | D_HARDSHIP | D_CASE },
	{ METHOD_POST, "/cases/#/close",	ROLES_CASE_CLOSE, page_casefile_close,
	    .data = D_HOUSEHOLD | D_HARDSHIP | D_CASE },
	/* Figures of the estate, by occupancy: no one owner's data; the
	 * satisfaction by collector to those who see staff performance. */
	{ METHOD_GET,  "/kpi",			ROLES_KPI,   page_kpi,
	    .data = D_LEDGER | D_PERFORMANCE },
	{ METHOD_GET,  "/kpi.csv",		ROLES_KPI,   page_kpi_csv,
	    .data = D_LEDGER | D_PERFORMANCE },
	/* 收费员月度绩效 (performance.c, issue 12): each collector's month,
	 * satisfaction and the pay it earns; a collector sees their own
	 * row only (access.c, DATA_PERFORMANCE). No owner's data. */
	{ METHOD_GET,  "/performance",		ROLES_PERF,  page_performance,
	    .data = D_LEDGER | D_PERFORMANCE },
	{ METHOD_GET,  "/performance.csv",	ROLES_PERF,  page_performance_csv,
	    .data = D_LEDGER | D_PERFORMANCE },
	{ METHOD_GET,  "/reconcile",		ROLES_RECONCILE, page_reconcile,
	    .data = D_LEDGER },
	{ METHOD_POST, "/reconcile",		ROLES_RECONCILE, page_reconcile_post,
	    .data = D_LEDGER },
	{ METHOD_GET,  "/reconcile/#",		ROLES_RECONCILE, page_reconcile_day,
	    .data = D_LEDGER },
	{ METHOD_GET,  "/settings",		ROLES_SETTINGS_VIEW, page_settings },
	{ METHOD_POST, "/settings",		ROLES_SETTINGS_SET, page_settings_post },
	{ METHOD_GET,  "/outbox",		ROLES_OUTBOX, page_outbox,
	    .data = D_NAME | D_PHONE },
	{ METHOD_GET,  "/outbox/#",		ROLES_OUTBOX, page_outbox_msg,
	    .data = D_NAME | D_PHONE },
	{ METHOD_POST, "/outbox/#/resend",	ROLES_OUTBOX_RESEND, page_outbox_resend,
	    .data = D_NAME | D_PHONE },
	{ METHOD_GET,  "/households/#/owners/#/messages", ROLES_OWNER_MSG, page_owner_msg,
	    .data = D_NAME | D_PHONE },
	{ METHOD_POST, "/households/#/owners/#/messages", ROLES_OWNER_MSG, page_owner_msg_post,
	    .data = D_NAME | D_PHONE },
	/* 报事报修 (requests.c, issue 12): the list and a request for every
	 * staff role, scoped in the page; logging and the steps by role
	 * (pages.h ROLES_RQ_*); a step refused shows the request's page
	 * again, with what it shows (a trial: the contact went missing). Logging and done carry up to 6 photos of
	 * 10 MB each (nginx: a location of their own, conf/nginx.conf.in). */
	{ METHOD_GET,  "/requests",		ROLE_STAFF,  page_requests,
	    .data = D_NAME | D_REQUEST_CONTACT | D_LEDGER },
	{ METHOD_GET,  "/requests/new",		ROLES_RQ_LOG, page_request_new },
	{ METHOD_GET,  "/households/#/requests/new", ROLES_RQ_LOG,
	    page_household_request_new },
	{ METHOD_POST, "/requests",		ROLES_RQ_LOG, page_request_post,
	    .accept = CT_MULTIPART | CT_FORM, .body_max = RQ_BODY_MAX },
	{ METHOD_GET,  "/requests/#",		ROLE_STAFF,  page_request,
	    .data = D_NAME | D_REQUEST_CONTACT | D_LEDGER },
	{ METHOD_POST, "/requests/#/receive",	ROLES_RQ_DESK, page_request_receive,
	    .data = D_NAME | D_REQUEST_CONTACT | D_LEDGER },
	{ METHOD_POST, "/requests/#/plan",	ROLES_RQ_DESK, page_request_plan,
	    .data = D_NAME | D_REQUEST_CONTACT | D_LEDGER },
	{ METHOD_POST, "/requests/#/dispatch",	ROLES_RQ_DESK, page_request_dispatch,
	    .data = D_NAME | D_REQUEST_CONTACT | D_LEDGER },
	{ METHOD_POST, "/requests/#/done",	ROLES_RQ_DONE, page_request_done,
	    .accept = CT_MULTIPART | CT_FORM, .body_max = RQ_BODY_MAX,
	    .data = D_NAME | D_REQUEST_CONTACT | D_LEDGER },
	{ METHOD_POST, "/requests/#/followup",	ROLES_RQ_FOLLOW, page_request_followup,
	    .data = D_NAME | D_REQUEST_CONTACT | D_LEDGER },
	{ METHOD_GET,  "/requests/#/photos/#",	ROLE_STAFF,  page_request_photo },
	{ METHOD_GET,  "/requests/#/photos/#/thumb", ROLE_STAFF, page_request_thumb },
	/* 服务记录 (servicelogs.c, issue 12): cleaning rounds, greening,
	 * public-area repairs, logged from a phone with up to 6 photos of
	 * 10 MB (nginx: a location of their own); no owner's data. */
	{ METHOD_GET,  "/service-logs",		ROLES_SVC_VIEW, page_service_logs },
	{ METHOD_GET,  "/service-logs/new",	ROLES_SVC_LOG, page_service_log_new },
	{ METHOD_POST, "/service-logs",		ROLES_SVC_LOG, page_service_log_post,
	    .accept = CT_MULTIPART | CT_FORM, .body_max = RQ_BODY_MAX },
	{ METHOD_GET,  "/service-logs/#",	ROLES_SVC_VIEW, page_service_log },
	{ METHOD_GET,  "/service-logs/#/photos/#", ROLES_SVC_VIEW,
	    page_service_log_photo },
	{ METHOD_GET,  "/service-logs/#/photos/#/thumb", ROLES_SVC_VIEW,
	    page_service_log_thumb },
	/* 服务月报 (reports.c, issue 12): drafted by the worker, read by
	 * every staff role as by owners, edited and published by the
	 * manager; no owner's data. */
	{ METHOD_GET,  "/reports",		ROLE_STAFF,  page_reports },
	{ METHOD_GET,  "/reports/#",		ROLE_STAFF,  page_report },
	{ METHOD_GET,  "/reports/#.pdf",	ROLE_STAFF,  page_report_pdf },
	{ METHOD_POST, "/reports/#",		ROLES_REPORT_PUBLISH, page_report_edit },
	{ METHOD_POST, "/reports/#/publish",	ROLES_REPORT_PUBLISH,
	    page_report_publish },
	{ METHOD_POST, "/reports/#/recount",	ROLES_REPORT_PUBLISH,
	    page_report_recount },
	/* 收费咨询及异议 (enquiries.c, issue 12): the log, logging one from a
	 * phone call or a household's page (counter, visit), one enquiry
	 * with its answers and the owner's acceptance. */
	{ METHOD_GET,  "/enquiries",		ROLES_ENQUIRY, page_enquiries,
	    .data = D_NAME },
	{ METHOD_GET,  "/enquiries/new",	ROLES_ENQUIRY_LOG, page_enquiry_new },
	{ METHOD_POST, "/enquiries",		ROLES_ENQUIRY_LOG, page_enquiry_post },
	{ METHOD_GET,  "/households/#/enquiries/new", ROLES_ENQUIRY_LOG, page_enquiry_hh_new },
	{ METHOD_POST, "/households/#/enquiries", ROLES_ENQUIRY_LOG, page_enquiry_hh_post },
	{ METHOD_GET,  "/enquiries/#",		ROLES_ENQUIRY, page_enquiry,
	    .data = D_NAME },
	{ METHOD_POST, "/enquiries/#/answers",	ROLES_ENQUIRY_LOG, page_enquiry_answer },
	/* 空置房托管 (custody.c, custodytasks.c, issue 13): a vacant
	 * household's agreement, the tasks due, a task logged with up to 6
	 * photos of 10 MB (nginx: a location of its own); no owner's data. */
	{ METHOD_GET,  "/households/#/custody",	ROLES_CUSTODY_VIEW, page_custody },
	{ METHOD_POST, "/households/#/custody",	ROLES_CUSTODY_SET, page_custody_post },
	{ METHOD_GET,  "/custody",		ROLES_CUSTODY_DO, page_custody_tasks },
	{ METHOD_GET,  "/custody/tasks/#",	ROLES_CUSTODY_DO, page_custody_task },
	{ METHOD_POST, "/custody/tasks/#",	ROLES_CUSTODY_DO, page_custody_task_post,
	    .accept = CT_MULTIPART | CT_FORM, .body_max = RQ_BODY_MAX },
	{ METHOD_GET,  "/custody/logs/#/photos/#", ROLES_CUSTODY_VIEW,
	    page_custody_photo },
	{ METHOD_GET,  "/custody/logs/#/photos/#/thumb", ROLES_CUSTODY_VIEW,
	    page_custody_thumb },
	/* 团队建设 (team*.c, issue 13): training, quiz scores, newcomers'
	 * 30-day plans, completion by month; staff's own records
	 * (DATA_PERFORMANCE: a collector sees their own), no owner's data. */
	{ METHOD_GET,  "/team",			ROLES_TEAM,  page_team,
	    .data = D_LEDGER | D_PERFORMANCE },
	{ METHOD_GET,  "/team.csv",		ROLES_TEAM,  page_team_csv,
	    .data = D_LEDGER | D_PERFORMANCE },
	{ METHOD_GET,  "/team/members/#",	ROLES_TEAM,  page_team_member,
	    .data = D_LEDGER | D_PERFORMANCE },
	{ METHOD_GET,  "/team/sessions/new",	ROLES_TEAM_KEEP, page_team_session_new,
	    .data = D_PERFORMANCE },
	{ METHOD_POST, "/team/sessions",	ROLES_TEAM_KEEP, page_team_session_post,
	    .data = D_PERFORMANCE },
	{ METHOD_GET,  "/team/scores/new",	ROLES_TEAM_KEEP, page_team_score_new,
	    .data = D_PERFORMANCE },
	{ METHOD_POST, "/team/scores",		ROLES_TEAM_KEEP, page_team_score_post,
	    .data = D_PERFORMANCE },
	{ METHOD_GET,  "/team/pairs/new",	ROLES_TEAM_KEEP, page_team_pair_new,
	    .data = D_PERFORMANCE },
	{ METHOD_POST, "/team/pairs",		ROLES_TEAM_KEEP, page_team_pair_post,
	    .data = D_PERFORMANCE },
	{ METHOD_GET,  "/team/pairs/#",		ROLES_TEAM,  page_team_pair,
	    .data = D_PERFORMANCE },
	{ METHOD_POST, "/team/pairs/#/ticks",	ROLES_TEAM,  page_team_pair_tick,
	    .data = D_PERFORMANCE },
	/* 导入小区资料 (import.c, issue 13): the set-up of an estate from CSV
	 * files, up to 20,000 rows (IMPORT_BODY_MAX, and nginx's location);
	 * its bad rows may name owners and their phones. */
	{ METHOD_GET,  "/import",		ROLES_SETUP, page_import },
	{ METHOD_GET,  "/import/template.csv",	ROLES_SETUP, page_import_template },
	{ METHOD_POST, "/import",		ROLES_SETUP, page_import_post,
	    .accept = CT_MULTIPART, .body_max = IMPORT_BODY_MAX,
	    .data = D_NAME | D_PHONE },
	/* Transport self-tests (selftest.c), only with test_routes=1: a
	 * gateway-style signed JSON POST, and uploads within 10 MB / 1 MB. */
	{ METHOD_POST, "/test/signed",		ROLE_PUBLIC, page_test_signed,
	    .test = 1, .auth = AUTH_SIGNED, .accept = CT_JSON, .raw = 1,
	    .body_max = 64 * 1024, .headers = test_signed_headers,
	    .resp = RESP_JSON },
	{ METHOD_POST, "/test/upload10",	ROLE_STAFF,  page_test_upload,
	    .test = 1, .accept = CT_MULTIPART, .body_max = 10 * 1024 * 1024,
	    .resp = RESP_JSON },
	{ METHOD_POST, "/test/upload1",		ROLE_STAFF,  page_test_upload,
	    .test = 1, .accept = CT_MULTIPART, .resp = RESP_JSON },
	/* ... and a billing run behind a lease the caller names. */
	{ METHOD_POST, "/test/fence",		ROLE_ADMIN,  page_test_fence,
	    .test = 1, .resp = RESP_JSON },
};

static const struct nav nav[] = {
	{ "收费台账",	"/households" },
	{ "欠费预警",	"/arrears" },
	{ "收费指标",	"/kpi" },
	{ "绩效",	"/performance" },
	{ "团队建设",	"/team" },
	{ "报事报修",	"/requests" },
	{ "服务记录",	"/service-logs" },
	{ "托管任务",	"/custody" },
	{ "服务月报",	"/reports" },
	{ "收据",	"/receipts" },
	{ "网关对账",	"/reconcile" },
	{ "抄表",	"/meters" },
	{ "咨询异议",	"/enquiries" },
	{ "服务置换",	"/credits" },
	{ "缓交申请",	"/deferrals" },
	{ "出账",	"/billing" },
	{ "收费标准",	"/fees" },
	{ "预警设置",	"/settings" },
	{ "消息发送",	"/outbox" },
	{ "操作日志",	"/audit" },
	{ "导入资料",	"/import" },
};

static const struct app staff = {
	.name = "staff",
	.prefix = "/staff",
	.session = SESSION_STAFF,
	.login_path = "/login",
	/* page_home: the first page of the menu the role may open */
	.home_path = "/",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.nav = nav,
	.nnav = sizeof(nav) / sizeof(nav[0]),
};

int
main(int argc, char *argv[])
{
	return server_main(argc, argv, &staff);
}
