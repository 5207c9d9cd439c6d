/*
 * logincode.c - SMS login codes: asking for one, checking one
 * (logincode.h).
 */
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "ctx.h"
#include "db.h"
#include "logincode.h"
#include "msg.h"
#include "password.h"

const char *const lcode_purposes[LCODE__MAX] = { "login", "reset" };

/*
 * The turn of a phone, then of a client address (sql/030): the row is
 * written, or made, and so locked until the request commits. Every
 * phone and address asked about has one, an owner's or not: two
 * requests for one phone, or from one address, take turns alike, and
 * neither passes a limit the other used. Always the address's first,
 * then the phone's: two requests never wait on each other both ways. An
 * address past its limit is refused before its phone's row is written (a
 * breaker's trial: 300 refused requests for new phones wrote 300 rows).
 */
SQL_DEF(SQL_LC_TURN,
    "INSERT INTO login_code_limits (kind, subject, asked_at)"
    " VALUES (?, ?, NOW(6)) ON DUPLICATE KEY UPDATE asked_at = NOW(6)");

/* The owner who has the phone, if any: read, not locked (the turn above
 * is what requests wait on). */
SQL_DEF(SQL_LC_OWNER,
    "SELECT id, estate_id FROM owners WHERE phone = ?");

/*
 * Seconds to wait under each limit, 0 when it is not reached: a limit of
 * N in a window is reached while the N-th latest request is inside the
 * window, and lets go when that one leaves it. The address's: ip, offset
 * (LCODE_ADDRESS_HOUR - 1); the phone's: phone, offset
 * (LCODE_PHONE_MINUTE - 1), phone, offset (LCODE_PHONE_HOUR - 1).
 */
SQL_DEF(SQL_LC_LIMIT_ADDRESS,
    "SELECT"
    " COALESCE((SELECT TIMESTAMPDIFF(SECOND, NOW(6),"
    "   created_at + INTERVAL 1 HOUR) + 1 FROM login_codes"
    "  WHERE ip = ? AND created_at > NOW(6) - INTERVAL 1 HOUR"
    "  ORDER BY created_at DESC LIMIT 1 OFFSET ?), 0)");
SQL_DEF(SQL_LC_LIMITS,
    "SELECT"
    " COALESCE((SELECT TIMESTAMPDIFF(SECOND, NOW(6),"
    "   created_at + INTERVAL 1 MINUTE) + 1 FROM login_codes"
    "  WHERE phone = ? AND created_at > NOW(6) - INTERVAL 1 MINUTE"
    "  ORDER BY created_at DESC LIMIT 1 OFFSET ?), 0),"
    " COALESCE((SELECT TIMESTAMPDIFF(SECOND, NOW(6),"
    "   created_at + INTERVAL 1 HOUR) + 1 FROM login_codes"
    "  WHERE phone = ? AND created_at > NOW(6) - INTERVAL 1 HOUR"
    "  ORDER BY created_at DESC LIMIT 1 OFFSET ?), 0)");

SQL_DEF(SQL_LC_INSERT,
    "INSERT INTO login_codes (estate_id, owner_id, phone, purpose, salt,"
    " code_hash, created_at, expires_at, ip)"
    " VALUES (?, ?, ?, ?, ?, ?, NOW(6), NOW(6) + INTERVAL ? MINUTE, ?)");

/* The latest code of a phone, whatever it was asked for, locked (its row
 * alone: a code of a phone no owner has is locked alike). */
SQL_DEF(SQL_LC_LATEST,
    "SELECT id, salt, code_hash, tries, used_at IS NOT NULL,"
    " expires_at <= NOW(6), COALESCE(owner_id, 0), COALESCE(estate_id, 0)"
    " FROM login_codes"
    " WHERE phone = ?"
    " ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE");

/* The code's owner if the owner still has that phone: none for a code
 * of a phone no owner had (owner 0), and none once the phone moved to
 * another owner. */
SQL_DEF(SQL_LC_OWNER_STILL,
    "SELECT id FROM owners WHERE id = ? AND phone = ?");

SQL_DEF(SQL_LC_SPEND,
    "UPDATE login_codes SET used_at = NOW(6) WHERE id = ?");

SQL_DEF(SQL_LC_TRY,
    "UPDATE login_codes SET tries = tries + 1 WHERE id = ?");

SQL_DEF(SQL_LC_SET_PASSWORD,
    "UPDATE owners SET password_hash = ? WHERE id = ?");

SQL_DEF(SQL_LC_END_SESSIONS,
    "DELETE FROM sessions WHERE kind = 'owner' AND user_id = ?");

/* SHA-256 of "salt:phone:code", hex: what login_codes.code_hash keeps. */
static char *
code_hash(struct ctx *ctx, const char *salt, const char *phone,
    const char *code)
{
	unsigned char	 h[crypto_hash_sha256_BYTES];
	const char	*in = arena_printf(ctx->a, "%s:%s:%s", salt, phone, code);
	char		*hex = arena_alloc(ctx->a, sizeof(h) * 2 + 1);

	crypto_hash_sha256(h, (const unsigned char *)in, strlen(in));
	sodium_bin2hex(hex, sizeof(h) * 2 + 1, h, sizeof(h));
	return hex;
}

struct request {
	const char		*phone;
	enum lcode_purpose	 purpose;
	const char		*ip;
	int			 asked;		/* out: enum lcode_asked */
	int64_t			 wait_s;	/* out */
};

static int
request_tx(struct ctx *ctx, void *arg)
{
	struct request	*q = arg;
	struct msg_in	 m;
	int64_t		 owner = 0, estate = 0, wait[3], id;
	const char	*salt, *code, *hash;
	int		 rc, i;

	if (db_exec(ctx, &SQL_LC_TURN, "ss", "address", q->ip) < 0 ||
	    db_one(ctx, &SQL_LC_LIMIT_ADDRESS, "si", "i", q->ip,
	    (int64_t)(LCODE_ADDRESS_HOUR - 1), &wait[2]) < 0)
		return -1;
	if (wait[2] > 0) {
		q->asked = LCODE_ADDRESS_FULL;
		q->wait_s = wait[2];
		return 0;
	}
	if (db_exec(ctx, &SQL_LC_TURN, "ss", "phone", q->phone) < 0 ||
	    (rc = db_one(ctx, &SQL_LC_OWNER, "s", "ii", q->phone, &owner,
	    &estate)) < 0 ||
	    db_one(ctx, &SQL_LC_LIMITS, "sisi", "ii",
	    q->phone, (int64_t)(LCODE_PHONE_MINUTE - 1),
	    q->phone, (int64_t)(LCODE_PHONE_HOUR - 1),
	    &wait[0], &wait[1]) < 0)
		return -1;
	if (rc == 0)
		owner = estate = 0;
	/* The longest wait is the one that tells the truth. */
	q->asked = LCODE_ASKED;
	q->wait_s = 0;
	for (i = 0; i < 2; i++)
		if (wait[i] > q->wait_s) {
			q->wait_s = wait[i];
			q->asked = i == 0 ? LCODE_PHONE_WAIT :
			    i == 1 ? LCODE_PHONE_FULL : LCODE_ADDRESS_FULL;
		}
	if (q->asked != LCODE_ASKED)
		return 0;

	/* A code for every phone, sent only to an owner's. */
	code = arena_printf(ctx->a, "%06u", randombytes_uniform(1000000));
	salt = ctx_random_hex(ctx, 16);
	hash = code_hash(ctx, salt, q->phone, code);
	if (db_exec(ctx, &SQL_LC_INSERT, "IIssssis",
	    owner != 0 ? estate : DB_NULL, owner != 0 ? owner : DB_NULL,
	    q->phone, lcode_purposes[q->purpose], salt, hash,
	    (int64_t)LCODE_LIFE_MIN, q->ip) < 0)
		return -1;
	id = db_insert_id(ctx);
	/*
	 * Queued by SMS whatever the owner chose, in this transaction. For
	 * a phone no owner has, owner 0 selects no row: the same
	 * statements run and queue nothing, so the answer takes as long.
	 */
	memset(&m, 0, sizeof(m));
	m.estate_id = estate;
	m.owner_id = owner;
	m.topic = MSG_LOGIN_CODE;
	m.key = arena_printf(ctx->a, "%s/%lld", MSG_LOGIN_CODE, (long long)id);
	m.premises_id = DB_NULL;
	m.run_id = DB_NULL;
	/* its row, for the worker to send it only while it can be used */
	m.payload = arena_printf(ctx->a, "{\"code\":\"%s\",\"purpose\":\"%s\","
	    "\"code_id\":%lld}", code, lcode_purposes[q->purpose],
	    (long long)id);
	m.flags = MSG_SMS_ONLY;
	return msg_queue(ctx, &m) < 0 ? -1 : 0;
}

int
lcode_request(struct ctx *ctx, const char *phone, enum lcode_purpose purpose,
    const char *ip, int64_t *wait_s)
{
	struct request	 q;

	memset(&q, 0, sizeof(q));
	q.phone = phone;
	q.purpose = purpose;
	q.ip = ip;
	if (db_tx(ctx, request_tx, &q) != 0)
		return -1;
	*wait_s = q.wait_s;
	return q.asked;
}

struct check {
	const char		*phone;
	enum lcode_purpose	 purpose;
	const char		*code;
	const char		*new_password;	/* hashed once the code is right */
	int			 checked;	/* out: enum lcode_checked */
	int64_t			 owner;		/* out */
	int64_t			 left;		/* out */
};

/*
 * After a reset (in its transaction): the owner is told by SMS, whatever
 * was chosen, and by each channel the owner chose, that the password
 * changed (MSG_PASSWORD_CHANGED, payload {"at": "2026-11-30 14:35"}), so
 * that a reset by someone else with the phone in hand is not missed.
 * msg_queue() with MSG_SMS_ONLY queues the SMS; again without it, the
 * chosen channels - the SMS, if chosen, under the same key, is queued
 * once (msg.h).
 */
static int
queue_changed(struct ctx *ctx, int64_t code_id, int64_t owner, int64_t estate)
{
	struct msg_in	 m;

	memset(&m, 0, sizeof(m));
	m.estate_id = estate;
	m.owner_id = owner;
	m.topic = MSG_PASSWORD_CHANGED;
	m.key = arena_printf(ctx->a, "%s/%lld", MSG_PASSWORD_CHANGED,
	    (long long)code_id);
	m.premises_id = DB_NULL;
	m.run_id = DB_NULL;
	m.payload = arena_printf(ctx->a, "{\"at\":\"%.16s\"}", ctx->now);
	m.flags = MSG_SMS_ONLY;
	if (msg_queue(ctx, &m) < 0)
		return -1;
	m.flags = 0;
	return msg_queue(ctx, &m) < 0 ? -1 : 0;
}

static int
check_tx(struct ctx *ctx, void *arg)
{
	struct check	*c = arg;
	char		 hash_new[PASSWORD_HASH_MAX];
	const char	*salt, *hash;
	int64_t		 id, tries, used, expired, owner, estate, still;
	int		 rc;

	c->owner = c->left = 0;
	rc = db_one(ctx, &SQL_LC_LATEST, "s", "issiiiii", c->phone, &id, &salt,
	    &hash, &tries, &used, &expired, &owner, &estate);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		c->checked = LCODE_NONE;
		return 0;
	}
	/* A spent, dead or expired code is not tried again. */
	if (used) {
		c->checked = LCODE_USED;
		return 0;
	}
	if (tries >= LCODE_TRIES) {
		c->checked = LCODE_DEAD;
		return 0;
	}
	if (expired) {
		c->checked = LCODE_EXPIRED;
		return 0;
	}
	/* Run for every code alike; a phone no owner has finds nobody. */
	if ((rc = db_one(ctx, &SQL_LC_OWNER_STILL, "is", "i", owner, c->phone,
	    &still)) < 0)
		return -1;
	/* A phone no owner has (or no longer has): no code is right. */
	if (rc == 0 || !token_eq(code_hash(ctx, salt, c->phone, c->code),
	    hash)) {
		if (db_exec(ctx, &SQL_LC_TRY, "i", id) < 0)
			return -1;
		c->checked = LCODE_WRONG;
		c->left = LCODE_TRIES - (tries + 1);
		return 0;
	}
	if (db_exec(ctx, &SQL_LC_SPEND, "i", id) < 0)
		return -1;
	/* argon2id only for a right code (a breaker's trial: hashed before
	 * any check, well-formed guesses at 30 a second slowed every
	 * owner's page a hundredfold) */
	if (c->new_password != NULL &&
	    password_hash(c->new_password, hash_new) != 0)
		return -1;
	if (c->new_password != NULL &&
	    (db_exec(ctx, &SQL_LC_SET_PASSWORD, "si", hash_new, owner) < 0 ||
	    db_exec(ctx, &SQL_LC_END_SESSIONS, "i", owner) < 0 ||
	    queue_changed(ctx, id, owner, estate) < 0))
		return -1;
	c->checked = LCODE_OK;
	c->owner = owner;
	return 0;
}

int
lcode_check(struct ctx *ctx, const char *phone, enum lcode_purpose purpose,
    const char *code, const char *new_password, int64_t *owner_id,
    int64_t *left)
{
	struct check	 c;

	memset(&c, 0, sizeof(c));
	c.phone = phone;
	c.purpose = purpose;
	c.code = code;
	c.new_password = new_password;
	if (db_tx(ctx, check_tx, &c) != 0)
		return -1;
	*owner_id = c.owner;
	*left = c.left;
	return c.checked;
}
