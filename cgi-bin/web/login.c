/*
 * login.c - login, logout and health check, for both programs.
 */
#include <string.h>

#include "arena.h"
#include "auth.h"
#include "password.h"
#include "db.h"
#include "http.h"
#include "login.h"
#include "page.h"
#include "redirect.h"
#include "tmpl.h"
#include "valid.h"

const char *
login_next_url(struct req *r)
{
	const char	*next = http_param(r, "next");

	if (redirect_ok(r->a, next, r->app->prefix) &&
	    strstr(next, "/login") == NULL)
		return next;
	return arena_printf(r->a, "%s%s", r->app->prefix, r->app->home_path);
}

static void
login_form(struct req *r, const struct login_spec *s, const struct fval *v,
    const char *message, int status)
{
	struct tmpl	*d;

	const char	*next = login_next_url(r);

	d = page_new(r, s->tmpl, "登录");
	tmpl_set(d, "LOGIN_CSRF", auth_login_csrf(r));
	tmpl_set(d, "NEXT", next);
	/* a receipt's link from an SMS: say why this page (a new user's
	 * trial: it landed on a bare login form) */
	if (strstr(next, "/receipts/") != NULL)
		tmpl_show(d, "FOR_RECEIPT");
	if (v != NULL)
		valid_to_tmpl(d, s->fields, 2, v);
	if (message != NULL) {
		tmpl_show(d, "HAS_MESSAGE");
		tmpl_set(d, "MESSAGE", message);
	}
	page_render(r, status);
}

void
login_get(struct req *r, const struct login_spec *s)
{
	int	 rc = auth_session(r);

	if (rc < 0) {
		page_fail(r);
		return;
	}
	if (rc == 1) {
		http_redirect(r, login_next_url(r));
		return;
	}
	login_form(r, s, NULL, NULL, 200);
}

/* A wait in whole minutes, rounded up: "请 15 分钟后再试". */
static int64_t
wait_minutes(int64_t seconds)
{
	return seconds <= 0 ? 1 : (seconds + 59) / 60;
}

void
login_post(struct req *r, const struct login_spec *s)
{
	struct fval		 v[2];
	struct auth_throttle	 t;
	const char		*hash;
	int64_t			 id;
	int			 rc, ok;

	if (valid_fields(r, s->fields, 2, v) > 0) {
		login_form(r, s, v, NULL, 400);
		return;
	}
	if ((rc = auth_throttle(r, v[0].s, &t)) != 0) {
		if (rc < 0)
			return;
		login_form(r, s, v, arena_printf(r->a, "登录失败次数过多，已暂时"
		    "锁定。请 %lld 分钟后再试，%s。",
		    (long long)wait_minutes(t.wait_s), s->lock_hint), 429);
		return;
	}
	rc = db_one(r->ctx, s->lookup, "s", "iS", v[0].s, &id, &hash);
	if (rc < 0)
		return;
	ok = password_check(rc == 1 ? hash : NULL, v[1].s);
	if (auth_attempt(r, v[0].s, ok) < 0)
		return;
	if (!ok) {
		/*
		 * Warn before the lock (issue 11): this failure took one of
		 * the tries left. The last one locks: say so, and for how
		 * long, rather than lock silently at the next try.
		 */
		if (t.left > 1) {
			v[1].err = arena_printf(r->a, "%s，还可尝试 %lld 次",
			    s->bad_credentials, (long long)(t.left - 1));
			login_form(r, s, v, NULL, 403);
		} else {
			v[1].err = s->bad_credentials;
			login_form(r, s, v, arena_printf(r->a, "%s。登录失败次数"
			    "过多，已暂时锁定。请 %d 分钟后再试，%s。",
			    s->bad_credentials, AUTH_LOCK_MIN, s->lock_hint),
			    403);
		}
		return;
	}
	if (auth_login(r, id) < 0)
		return;
	http_redirect(r, login_next_url(r));
}

void
page_logout(struct req *r)
{
	if (auth_logout(r) < 0)
		return;
	http_redirect(r, arena_printf(r->a, "%s%s", r->app->prefix,
	    r->app->login_path));
}

void
page_healthz(struct req *r)
{
	int	 up = db_ping(r->ctx);

	/* A health check reports, it does not fail the request. */
	r->ctx->db_failed = 0;
	r->status = up ? 200 : 503;
	http_body_text(r, up ? "ok\n" : "unavailable\n");
}
