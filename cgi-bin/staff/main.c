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
};

static const struct nav nav[] = {
	{ "收费台账",	"/households",	ROLE_STAFF },
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
};

int
main(int argc, char *argv[])
{
	return server_main(argc, argv, &staff);
}
