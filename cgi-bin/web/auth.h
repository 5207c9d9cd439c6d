/*
 * auth.h - passwords, sessions, CSRF tokens and login throttling.
 *
 * Passwords are argon2id (libsodium) with the OWASP parameters: 2 passes
 * over 19 MiB. A session token is 256 random bits, sent only in an
 * HttpOnly, SameSite=Lax cookie (Secure behind https) and stored only as
 * its SHA-256. A session ends after 30 idle minutes or 12 hours, at
 * logout, or when the user logs in again. Every POST carries a CSRF token:
 * the session's own, or before login a token bound to a short cookie.
 */
#ifndef PROPFEE_AUTH_H
#define PROPFEE_AUTH_H

#include <stddef.h>
#include <stdint.h>

struct req;

#define AUTH_IDLE_MIN		30
#define AUTH_ABSOLUTE_HOURS	12
/* Failed logins within AUTH_LOCK_MIN minutes that lock ... */
#define AUTH_LOCK_MIN		15
#define AUTH_LOCK_ACCOUNT	5	/* ... one account */
#define AUTH_LOCK_ADDRESS	30	/* ... one client address */


/*
 * Loads the session named by the request's cookie into r->sess.
 * Returns 1 (signed in), 0 (none, expired or unknown), -1 (DB failure).
 */
int	 auth_session(struct req *);
/* Starts a fresh session for user (ending any the cookie named). */
int	 auth_login(struct req *, int64_t user_id);
/* Ends the current session and clears the cookie. */
int	 auth_logout(struct req *);

/* The token a login form must carry; sets its cookie when needed. */
const char *auth_login_csrf(struct req *);
/*
 * The login form's cookie as the request sent it (32 hex digits), or
 * NULL: what names a browser before it signs in (flash.c keeps a failed
 * login's answer for it).
 */
const char *auth_login_cookie(struct req *);
/* 1 if the POST carries the right CSRF token for the session or login. */
int	 auth_csrf_ok(struct req *);

/*
 * Throttling (a lock of AUTH_LOCK_ACCOUNT failures of one login, or
 * AUTH_LOCK_ADDRESS of one client address, within AUTH_LOCK_MIN
 * minutes; an account counts from its last success). auth_throttle()
 * fills t for login and the request's address and returns 1 while
 * either is locked, 0 if not, -1 on DB failure. auth_attempt() records
 * one attempt.
 */
struct auth_throttle {
	int64_t		 left;		/* failures left before a lock */
	int64_t		 wait_s;	/* locked: seconds until it lets go */
};
int	 auth_throttle(struct req *, const char *login, struct auth_throttle *);
int	 auth_attempt(struct req *, const char *login, int ok);


#endif
