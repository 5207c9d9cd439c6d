/*
 * login.h - the login and logout pages, shared by both programs.
 *
 * A program declares what its users type (phone or user name) and how to
 * find them; the rest - CSRF, throttling, argon2id, a fresh session, the
 * redirect back to where the user was going - is the same for both.
 */
#ifndef PROPFEE_LOGIN_H
#define PROPFEE_LOGIN_H

struct req;
struct field;
struct sql;

struct login_spec {
	const char		*tmpl;		/* owner/login.tpl */
	const struct field	*fields;	/* [0] login, [1] password */
	/* Takes the login ("s"); gives id and argon2id hash ("iS"). */
	const struct sql	*lookup;
	const char		*bad_credentials;	/* shown under password */
	/* What else a locked user may do: "或用短信验证码登录". */
	const char		*lock_hint;
};

/* GET: the form (or home, when already signed in). Raises HTTP 200. */
void	login_get(struct req *, const struct login_spec *);
/*
 * POST: raises 400 with messages for missing or malformed fields, 403 for
 * a wrong login or password (saying how many tries are left before the
 * lock, "还可尝试 N 次", or that this one locked: issue 11), 429 while the
 * account or address is locked (saying for how many minutes more, auth.h
 * AUTH_LOCK_*), 303 to the page the user wanted (or home) on success. From a browser
 * (a Referer and the login form's cookie) a refused login is kept and
 * answered 303 to the login page, which shows it (flash.h): a reload
 * sends no password again and counts no second failed attempt.
 */
void	login_post(struct req *, const struct login_spec *);
/*
 * The page to return to after login (next=, in the query or the form): a
 * path of this program as redirect_ok() allows it and not a login page
 * itself, else home.
 */
const char *login_next_url(struct req *);
/* POST /logout: ends the session, 303 to the login page. */
void	page_logout(struct req *);
/* GET /healthz: 200 "ok" when the database answers, else 503. No data. */
void	page_healthz(struct req *);

#endif
