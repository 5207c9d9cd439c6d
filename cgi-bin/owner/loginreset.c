/*
 * loginreset.c - GET/POST /login/reset, POST /login/reset/verify: an
 * owner who forgot the password sets a new one with a 6-digit code sent
 * by SMS, which also logs in and ends the owner's other sessions (issue
 * 11). Renders templates/owner/loginreset.tpl; the steps are
 * codeform.c's.
 */
#include "logincode.h"
#include "pages.h"

static const struct code_page page = {
	LCODE_RESET, "owner/loginreset.tpl", "/login/reset", "忘记密码"
};

void
page_login_reset(struct req *r)
{
	code_get(r, &page);
}

void
page_login_reset_post(struct req *r)
{
	code_ask(r, &page);
}

void
page_login_reset_verify(struct req *r)
{
	code_verify(r, &page);
}
