/*
 * auth.c - argon2id passwords, hashed session tokens, CSRF, throttling.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "auth.h"
#include "password.h"
#include "db.h"
#include "http.h"
#include "log.h"

#define TOKEN_BYTES	32

/* The last column: elderly mode (core/elder.h), as the owner switched
 * it, else on from ELDER_AGE (80). */
SQL_DEF(SQL_SESSION_OWNER,
    "SELECT s.id, s.user_id, s.csrf, o.name,"
    " TIMESTAMPDIFF(SECOND, s.last_seen_at, NOW()),"
    " COALESCE(o.elder_mode, o.birth_year <= YEAR(CURDATE()) - 80, 0)"
    " FROM sessions s JOIN owners o ON o.id = s.user_id"
    " WHERE s.token_hash = ? AND s.kind = 'owner'"
    " AND s.last_seen_at > NOW() - INTERVAL 30 MINUTE"
    " AND s.created_at > NOW() - INTERVAL 12 HOUR");

SQL_DEF(SQL_SESSION_STAFF,
    "SELECT s.id, s.user_id, s.csrf, st.name,"
    " TIMESTAMPDIFF(SECOND, s.last_seen_at, NOW()),"
    " st.role, st.all_estates,"
    " (SELECT GROUP_CONCAT(se.estate_id ORDER BY se.estate_id)"
    "  FROM staff_estates se WHERE se.staff_id = st.id)"
    " FROM sessions s JOIN staff st ON st.id = s.user_id"
    " WHERE s.token_hash = ? AND s.kind = 'staff' AND st.active = 1"
    " AND s.last_seen_at > NOW() - INTERVAL 30 MINUTE"
    " AND s.created_at > NOW() - INTERVAL 12 HOUR");

SQL_DEF(SQL_SESSION_TOUCH,
    "UPDATE sessions SET last_seen_at = NOW() WHERE id = ?");

SQL_DEF(SQL_SESSION_INSERT,
    "INSERT INTO sessions (token_hash, kind, user_id, csrf, created_at,"
    " last_seen_at, ip) VALUES (?, ?, ?, ?, NOW(), NOW(), ?)");

SQL_DEF(SQL_SESSION_DELETE_TOKEN,
    "DELETE FROM sessions WHERE token_hash = ?");

SQL_DEF(SQL_SESSION_DELETE_STALE,
    "DELETE FROM sessions WHERE kind = ? AND user_id = ?"
    " AND (last_seen_at <= NOW() - INTERVAL 30 MINUTE"
    " OR created_at <= NOW() - INTERVAL 12 HOUR)");

/*
 * Failed logins that count towards each lock, and the seconds until each
 * lock lets go (0 while it holds none): a lock of N failures in
 * AUTH_LOCK_MIN minutes holds while the N-th latest counted failure is
 * inside the window, and lets go when that one leaves it. An account
 * counts its failures since its last success. Params: kind, login,
 * offset (AUTH_LOCK_ACCOUNT - 1), ip, offset (AUTH_LOCK_ADDRESS - 1)
 * ... as the statement names them.
 */
#define ACCOUNT_FAILED \
    " FROM login_attempts a WHERE a.kind = ? AND a.login = ? AND a.ok = 0" \
    "  AND a.at > GREATEST(NOW(6) - INTERVAL 15 MINUTE," \
    "   COALESCE((SELECT MAX(b.at) FROM login_attempts b" \
    "    WHERE b.kind = a.kind AND b.login = a.login AND b.ok = 1)," \
    "    '1970-01-01'))"
#define ADDRESS_FAILED \
    " FROM login_attempts c WHERE c.ip = ? AND c.ok = 0" \
    "  AND c.at > NOW(6) - INTERVAL 15 MINUTE"
SQL_DEF(SQL_LOGIN_FAILURES,
    "SELECT"
    " (SELECT COUNT(*)" ACCOUNT_FAILED "),"
    " COALESCE((SELECT TIMESTAMPDIFF(SECOND, NOW(6),"
    "   a.at + INTERVAL 15 MINUTE) + 1" ACCOUNT_FAILED
    "  ORDER BY a.at DESC LIMIT 1 OFFSET ?), 0),"
    " (SELECT COUNT(*)" ADDRESS_FAILED "),"
    " COALESCE((SELECT TIMESTAMPDIFF(SECOND, NOW(6),"
    "   c.at + INTERVAL 15 MINUTE) + 1" ADDRESS_FAILED
    "  ORDER BY c.at DESC LIMIT 1 OFFSET ?), 0)");

SQL_DEF(SQL_LOGIN_ATTEMPT,
    "INSERT INTO login_attempts (kind, login, ip, ok, at)"
    " VALUES (?, ?, ?, ?, NOW(6))");

/*
 * Each kind of session (http.h, a program's descriptor says which): its
 * code in sessions.kind and login_attempts.kind, and the cookie that
 * carries its token. Which table holds its users is in auth_session().
 */
static const struct {
	const char	*code;
	const char	*cookie;
} kinds[SESSION__MAX] = {
	[SESSION_OWNER] = { "owner", "pf_o" },
	[SESSION_STAFF] = { "staff", "pf_s" },
};

static const char *
kind_code(struct req *r)
{
	return kinds[r->app->session].code;
}

static const char *
session_cookie(struct req *r)
{
	return kinds[r->app->session].cookie;
}

/* The login form's CSRF cookie: one per program, beside its session. */
static const char *
login_cookie(struct req *r)
{
	return arena_printf(r->a, "%s_lc", session_cookie(r));
}

static const char *
cookie_path(struct req *r)
{
	return r->app->prefix[0] ? r->app->prefix : "/";
}

/* SHA-256 of the token, hex: what the sessions table stores. */
static char *
token_hash(struct req *r, const char *token)
{
	unsigned char	 h[crypto_hash_sha256_BYTES];
	char		*hex = arena_alloc(r->a, sizeof(h) * 2 + 1);

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(hex, sizeof(h) * 2 + 1, h, sizeof(h));
	return hex;
}

static int
valid_token(const char *t)
{
	size_t	 i;

	if (t == NULL || strlen(t) != TOKEN_BYTES * 2)
		return 0;
	for (i = 0; t[i] != '\0'; i++)
		if (!((t[i] >= '0' && t[i] <= '9') ||
		    (t[i] >= 'a' && t[i] <= 'f')))
			return 0;
	return 1;
}

/* "1,4,9" into the session's estate list. */
static void
parse_estates(struct req *r, const char *list)
{
	const char	*p;
	char		*end;
	size_t		 n = 1;
	long long	 v;

	r->ctx->actor.nestates = 0;
	if (list == NULL || *list == '\0')
		return;
	for (p = list; *p; p++)
		n += *p == ',';
	r->ctx->actor.estates = arena_alloc(r->a, n * sizeof(int64_t));
	for (p = list; *p; ) {
		v = strtoll(p, &end, 10);
		if (end == p)
			break;
		r->ctx->actor.estates[r->ctx->actor.nestates++] = v;
		p = *end == ',' ? end + 1 : end;
	}
}

int
auth_session(struct req *r)
{
	const char	*token, *hash, *csrf, *name, *role, *estates;
	int64_t		 sid, uid, age, all, elder;
	int		 rc;

	if (r->sess.id != 0)
		return 1;
	token = http_cookie(r, session_cookie(r));
	if (!valid_token(token))
		return 0;
	hash = token_hash(r, token);
	switch (r->app->session) {
	case SESSION_STAFF:
		rc = db_one(r->ctx, &SQL_SESSION_STAFF, "s", "iissisiS", hash,
		    &sid, &uid, &csrf, &name, &age, &role, &all, &estates);
		if (rc == 1) {
			r->ctx->actor.role = role_parse(role);
			r->ctx->actor.all_estates = all != 0;
			parse_estates(r, estates);
			if (r->ctx->actor.role == ROLE_NONE)
				return 0;
		}
		break;
	case SESSION_OWNER:
		rc = db_one(r->ctx, &SQL_SESSION_OWNER, "s", "iissii", hash,
		    &sid, &uid, &csrf, &name, &age, &elder);
		if (rc == 1) {
			r->ctx->actor.role = ROLE_OWNER;
			r->sess.elder = elder != 0;
		}
		break;
	default:
		abort();
	}
	if (rc != 1)
		return rc;
	r->sess.id = sid;
	r->ctx->actor.id = uid;
	r->sess.csrf = csrf;
	r->ctx->actor.name = name;
	/* Idle time is kept to the minute: one write a minute at most. */
	if (age >= 60 && db_exec(r->ctx, &SQL_SESSION_TOUCH, "i", sid) < 0)
		return -1;
	return 1;
}

int
auth_login(struct req *r, int64_t user_id)
{
	const char	*old = http_cookie(r, session_cookie(r));
	const char	*kind = kind_code(r);
	char		*token, *csrf;

	if (valid_token(old) &&
	    db_exec(r->ctx, &SQL_SESSION_DELETE_TOKEN, "s", token_hash(r, old)) < 0)
		return -1;
	if (db_exec(r->ctx, &SQL_SESSION_DELETE_STALE, "si", kind, user_id) < 0)
		return -1;
	token = ctx_random_hex(r->ctx, TOKEN_BYTES);
	csrf = ctx_random_hex(r->ctx, TOKEN_BYTES);
	if (db_exec(r->ctx, &SQL_SESSION_INSERT, "ssiss", token_hash(r, token),
	    kind, user_id, csrf, r->remote_addr) < 0)
		return -1;
	r->sess.id = db_insert_id(r->ctx);
	r->ctx->actor.id = user_id;
	r->sess.csrf = csrf;
	http_set_cookie(r, session_cookie(r), token, cookie_path(r), -1);
	http_set_cookie(r, login_cookie(r), "", cookie_path(r), 0);
	return 0;
}

int
auth_logout(struct req *r)
{
	const char	*token = http_cookie(r, session_cookie(r));

	if (valid_token(token) &&
	    db_exec(r->ctx, &SQL_SESSION_DELETE_TOKEN, "s", token_hash(r, token)) < 0)
		return -1;
	memset(&r->sess, 0, sizeof(r->sess));
	r->ctx->actor.id = 0;
	r->ctx->actor.role = ROLE_NONE;
	r->ctx->actor.name = "";
	http_set_cookie(r, session_cookie(r), "", cookie_path(r), 0);
	return 0;
}

const char *
auth_login_csrf(struct req *r)
{
	const char	*t = http_cookie(r, login_cookie(r));

	if (r->login_csrf != NULL)
		return r->login_csrf;
	if (t == NULL || strlen(t) != 32) {
		t = ctx_random_hex(r->ctx, 16);
		http_set_cookie(r, login_cookie(r), t, cookie_path(r), -1);
	}
	r->login_csrf = t;
	return t;
}

const char *
auth_login_cookie(struct req *r)
{
	const char	*t = http_cookie(r, login_cookie(r));

	return t != NULL && strlen(t) == 32 &&
	    strspn(t, "0123456789abcdef") == 32 ? t : NULL;
}

int
auth_csrf_ok(struct req *r)
{
	const char	*sent = http_form(r, "csrf");

	if (r->sess.id != 0)
		return token_eq(sent, r->sess.csrf);
	return token_eq(sent, http_cookie(r, login_cookie(r)));
}

int
auth_throttle(struct req *r, const char *login, struct auth_throttle *t)
{
	const char	*kind = kind_code(r);
	int64_t		 account = 0, account_wait = 0, address = 0,
			 address_wait = 0;

	memset(t, 0, sizeof(*t));
	if (db_one(r->ctx, &SQL_LOGIN_FAILURES, "ssssissi", "iiii",
	    kind, login, kind, login, (int64_t)(AUTH_LOCK_ACCOUNT - 1),
	    r->remote_addr, r->remote_addr, (int64_t)(AUTH_LOCK_ADDRESS - 1),
	    &account, &account_wait, &address, &address_wait) < 0)
		return -1;
	t->left = AUTH_LOCK_ACCOUNT - account;
	if (AUTH_LOCK_ADDRESS - address < t->left)
		t->left = AUTH_LOCK_ADDRESS - address;
	if (t->left < 0)
		t->left = 0;
	t->wait_s = account_wait > address_wait ? account_wait : address_wait;
	return t->wait_s > 0;
}

int
auth_attempt(struct req *r, const char *login, int ok)
{
	return db_exec(r->ctx, &SQL_LOGIN_ATTEMPT, "sssi",
	    kind_code(r), login, r->remote_addr,
	    (int64_t)ok) < 0 ? -1 : 0;
}
