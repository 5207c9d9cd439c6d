/*
 * login.c - GET/POST /staff/login: staff sign in with their user name.
 * Renders templates/staff/login.tpl.
 */
#include "arena.h"
#include "db.h"
#include "http.h"
#include "login.h"
#include "pages.h"
#include "valid.h"

SQL_DEF(SQL_STAFF_BY_USERNAME,
    "SELECT id, password_hash FROM staff WHERE username = ? AND active = 1");

static const struct field fields[] = {
	{ "username", "用户名", V_TEXT, V_REQUIRED, 1, 32, NULL },
	{ "password", "密码", V_PASSWORD, V_REQUIRED, 1, 128, NULL },
};

static const struct login_spec spec = {
	"staff/login.tpl", fields, &SQL_STAFF_BY_USERNAME,
	"用户名或密码不正确",
	"或联系系统管理员"
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

/*
 * GET /staff/ (where a login lands): 303 to the first page of the menu
 * the user's role may open - the ledger for the fee team and customer
 * service, 抄表 for engineering, which sees no ledger (issue 12).
 */
void
page_home(struct req *r)
{
	const char	*to = "/households";
	size_t		 i;

	for (i = 0; i < r->app->nnav; i++)
		if (http_may(r, METHOD_GET, r->app->nav[i].path)) {
			to = r->app->nav[i].path;
			break;
		}
	http_redirect(r, arena_printf(r->a, "%s%s", r->app->prefix, to));
}
