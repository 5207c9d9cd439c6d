/*
 * loginsms.c - GET/POST /login/sms, POST /login/sms/verify: an owner
 * logs in with a 6-digit code sent by SMS to the phone the estate has
 * on file (issue 11). Renders templates/owner/loginsms.tpl; the steps
 * are codeform.c's.
 */
#include "logincode.h"
#include "pages.h"

static const struct code_page page = {
	LCODE_LOGIN, "owner/loginsms.tpl", "/login/sms", "短信验证码登录"
};

void
page_login_sms(struct req *r)
{
	code_get(r, &page);
}

void
page_login_sms_post(struct req *r)
{
	code_ask(r, &page);
}

void
page_login_sms_verify(struct req *r)
{
	code_verify(r, &page);
}
