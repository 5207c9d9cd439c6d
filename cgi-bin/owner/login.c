/*
 * login.c - GET/POST /login: owners sign in with their mobile number.
 * Renders templates/owner/login.tpl.
 */
#include "db.h"
#include "login.h"
#include "pages.h"
#include "valid.h"

SQL_DEF(SQL_OWNER_BY_PHONE,
    "SELECT id, password_hash FROM owners WHERE phone = ?");

static const struct field fields[] = {
	{ "phone", "手机号", V_PHONE, V_REQUIRED, 0, 0, NULL },
	{ "password", "密码", V_PASSWORD, V_REQUIRED, 1, 128, NULL },
};

static const struct login_spec spec = {
	"owner/login.tpl", fields, &SQL_OWNER_BY_PHONE,
	"手机号或密码不正确",
	"或用短信验证码登录"
};

void
page_login(struct req *r)
{
	login_get(r, &spec);
}

void
page_login_post(struct req *r)
{
	login_post(r, &spec);
}
