/*
 * main.c - the owner portal (业主服务): its routes, in the order an owner
 * meets them. Every route names the method, the path (# is an id), who
 * may use it, and the page that answers. server.c does the rest.
 *
 * This table is the one place that says who may use what: server.c
 * refuses anyone else (the login page for the signed-out, 403 for a POST)
 * and the menu shows the links its signed-in owner may GET.
 * tests/http/test_routes.py checks every cell against its own copy.
 */
#include "http.h"
#include "login.h"
#include "pages.h"
#include "rqphoto.h"
#include "server.h"

/* What WeChat Pay signs a notification with (notify.c). */
static const char *const wechat_headers[] = {
	"Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature",
	"Wechatpay-Serial", NULL
};
/* A row leaves the transport fields it does not need at zero (http.h). */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

static const struct route routes[] = {
	{ METHOD_GET,  "/healthz",		ROLE_PUBLIC, page_healthz },
	{ METHOD_GET,  "/login",		ROLE_PUBLIC, page_login },
	{ METHOD_POST, "/login",		ROLE_PUBLIC, page_login_post },
	/* A code by SMS instead of the password, or to set a new one. */
	{ METHOD_GET,  "/login/sms",		ROLE_PUBLIC, page_login_sms },
	{ METHOD_POST, "/login/sms",		ROLE_PUBLIC, page_login_sms_post },
	{ METHOD_POST, "/login/sms/verify",	ROLE_PUBLIC, page_login_sms_verify },
	{ METHOD_GET,  "/login/reset",		ROLE_PUBLIC, page_login_reset },
	{ METHOD_POST, "/login/reset",		ROLE_PUBLIC, page_login_reset_post },
	{ METHOD_POST, "/login/reset/verify",	ROLE_PUBLIC, page_login_reset_verify },
	{ METHOD_POST, "/logout",		ROLE_OWNER,  page_logout },
	{ METHOD_GET,  "/",			ROLE_OWNER,  page_home },
	{ METHOD_GET,  "/premises/#/bills",	ROLE_OWNER,  page_bills },
	{ METHOD_GET,  "/bills/#",		ROLE_OWNER,  page_bill },
	{ METHOD_GET,  "/premises/#/pay",	ROLE_OWNER,  page_pay },
	{ METHOD_POST, "/premises/#/pay",	ROLE_OWNER,  page_pay_post },
	{ METHOD_GET,  "/pay/*",		ROLE_OWNER,  page_pay_result },
	{ METHOD_GET,  "/pay/*/go",		ROLE_OWNER,  page_pay_go },
	{ METHOD_POST, "/pay/*/cancel",		ROLE_OWNER,  page_pay_cancel },
	{ METHOD_GET,  "/payments",		ROLE_OWNER,  page_payments },
	{ METHOD_GET,  "/receipts",		ROLE_OWNER,  page_receipts },
	{ METHOD_GET,  "/receipts/#.pdf",	ROLE_OWNER,  page_receipt_pdf },
	{ METHOD_GET,  "/credits",		ROLE_OWNER,  page_credits },
	/* 服务月报 (reports.c, issue 12): the published monthly service
	 * reports of the owner's estates; from the home page. */
	{ METHOD_GET,  "/reports",		ROLE_OWNER,  page_reports },
	{ METHOD_GET,  "/reports/#",		ROLE_OWNER,  page_report },
	{ METHOD_GET,  "/reports/#.pdf",	ROLE_OWNER,  page_report_pdf },
	/* 咨询与异议 (enquiries.c, issue 12): ask a fee question or raise
	 * an objection, and read the answers. */
	{ METHOD_GET,  "/enquiries",		ROLE_OWNER,  page_enquiries },
	{ METHOD_GET,  "/enquiries/new",	ROLE_OWNER,  page_enquiry_new },
	{ METHOD_POST, "/enquiries",		ROLE_OWNER,  page_enquiry_post },
	{ METHOD_GET,  "/enquiries/#",		ROLE_OWNER,  page_enquiry },
	{ METHOD_POST, "/enquiries/#/outcome",	ROLE_OWNER,  page_enquiry_outcome },
	{ METHOD_GET,  "/messages",		ROLE_OWNER,  page_messages },
	{ METHOD_GET,  "/messages/#",		ROLE_OWNER,  page_message },
	{ METHOD_GET,  "/messages/settings",	ROLE_OWNER,  page_msg_settings },
	{ METHOD_POST, "/messages/settings",	ROLE_OWNER,  page_msg_settings_post },
	/* 报修 (requests.c, issue 12): the owner's own requests only (404
	 * otherwise); a report carries up to 6 photos of 10 MB. */
	{ METHOD_GET,  "/requests",		ROLE_OWNER,  page_requests },
	{ METHOD_GET,  "/requests/new",		ROLE_OWNER,  page_request_new },
	{ METHOD_POST, "/requests",		ROLE_OWNER,  page_request_post,
	    .accept = CT_MULTIPART | CT_FORM, .body_max = RQ_BODY_MAX },
	{ METHOD_GET,  "/requests/#",		ROLE_OWNER,  page_request },
	{ METHOD_GET,  "/requests/#/photos/#",	ROLE_OWNER,  page_request_photo },
	{ METHOD_GET,  "/requests/#/photos/#/thumb", ROLE_OWNER, page_request_thumb },
	/* 空置房托管 (custody.c, issue 13): the owner's own agreements only
	 * (404 otherwise), their log and its photos; from the home page. */
	{ METHOD_GET,  "/custody",		ROLE_OWNER,  page_custody_list },
	{ METHOD_GET,  "/custody/#",		ROLE_OWNER,  page_custody_owner },
	{ METHOD_GET,  "/custody/#/photos/#",	ROLE_OWNER,  page_custody_owner_photo },
	{ METHOD_GET,  "/custody/#/photos/#/thumb", ROLE_OWNER, page_custody_owner_thumb },
	/* 长辈模式 and 上门收费预约 (elder.c, visit.c, issue 13): the
	 * large-text switch, and asking the collector to come; another
	 * owner's premises or request is 404. */
	{ METHOD_GET,  "/elder",		ROLE_OWNER,  page_elder },
	{ METHOD_POST, "/elder",		ROLE_OWNER,  page_elder_post },
	{ METHOD_GET,  "/premises/#/visit",	ROLE_OWNER,  page_visit },
	{ METHOD_POST, "/premises/#/visit",	ROLE_OWNER,  page_visit_post },
	{ METHOD_POST, "/visits/#/cancel",	ROLE_OWNER,  page_visit_cancel },
	/* 缓交申请 (deferrals.c, issue 13): the owner's own homes only (404
	 * otherwise); an application carries one document photo. */
	{ METHOD_GET,  "/deferrals",		ROLE_OWNER,  page_deferrals },
	{ METHOD_GET,  "/premises/#/deferrals/new", ROLE_OWNER, page_deferral_new },
	{ METHOD_POST, "/premises/#/deferrals",	ROLE_OWNER,  page_deferral_post,
	    .accept = CT_MULTIPART | CT_FORM, .body_max = DEFERRAL_BODY_MAX },
	{ METHOD_GET,  "/r/*",			ROLE_PUBLIC, page_verify },
	/* A gateway's notification: no session; the adapter verifies its
	 * body as sent (notify.c). */
	{ METHOD_POST, "/notify/alipay",	ROLE_PUBLIC, page_notify_alipay,
	    .auth = AUTH_SIGNED, .accept = CT_FORM, .raw = 1,
	    .body_max = 64 * 1024 },
	{ METHOD_POST, "/notify/unionpay",	ROLE_PUBLIC, page_notify_unionpay,
	    .auth = AUTH_SIGNED, .accept = CT_FORM, .raw = 1,
	    .body_max = 64 * 1024 },
	{ METHOD_POST, "/notify/wechat/#",	ROLE_PUBLIC, page_notify_wechat,
	    .auth = AUTH_SIGNED, .accept = CT_JSON, .raw = 1,
	    .body_max = 64 * 1024, .headers = wechat_headers,
	    .resp = RESP_JSON },
};

static const struct nav nav[] = {
	{ "首页",	"/" },
	{ "缴费记录",	"/payments" },
	{ "电子收据",	"/receipts" },
	/* 服务置换 (/credits) and 服务月报 (/reports) from the home page: six
	 * links make two rows of three on a phone (seven left 消息 alone, and
	 * 去支付 below the fold) */
	{ "报修",	"/requests" },
	{ "咨询",	"/enquiries" },
	{ "消息",	"/messages" },
};

static const struct app owner = {
	.name = "owner",
	.prefix = "",
	.session = SESSION_OWNER,
	.login_path = "/login",
	.home_path = "/",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.nav = nav,
	.nnav = sizeof(nav) / sizeof(nav[0]),
};

int
main(int argc, char *argv[])
{
	return server_main(argc, argv, &owner);
}
