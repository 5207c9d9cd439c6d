/*
 * logincode.h - 6-digit codes by SMS: an owner logs in, or resets the
 * password, with the code sent to the phone the estate has on file
 * (issue 11, "Login codes"; sql/029).
 *
 * A code lives LCODE_LIFE_MIN minutes, allows LCODE_TRIES wrong tries
 * and is spent by the first right one; only the phone's latest code
 * counts, on either page, whatever it was asked for: both prove the same
 * phone, and the purpose only words the SMS (a new user's trial: an owner
 * told on 忘记密码 "如已收到验证码，可以直接输入" typed the login code
 * just received and was told 请先获取验证码). Asking is limited per phone (LCODE_PHONE_MINUTE a
 * minute, LCODE_PHONE_HOUR an hour) and per client address
 * (LCODE_ADDRESS_HOUR an hour). Nothing here says whether a phone is an
 * owner's: a phone no owner has is answered, limited and checked the
 * same way, with the same work done in the database; only no message
 * is queued, and no code it is sent can match.
 */
#ifndef PROPFEE_LOGINCODE_H
#define PROPFEE_LOGINCODE_H

#include <stdint.h>

struct ctx;

#define LCODE_DIGITS		6
#define LCODE_LIFE_MIN		5	/* minutes a code lives */
#define LCODE_TRIES		5	/* wrong codes a code survives, less one */
#define LCODE_PHONE_MINUTE	1	/* requests per phone in a minute */
#define LCODE_PHONE_HOUR	5	/* ... in an hour */
#define LCODE_ADDRESS_HOUR	20	/* requests per client address an hour */

/* What a code is for (login_codes.purpose). */
enum lcode_purpose {
	LCODE_LOGIN,
	LCODE_RESET,
	LCODE__MAX
};
/* schema: login_codes.purpose */
extern const char *const lcode_purposes[LCODE__MAX];

/* lcode_request()'s answer: sent (or not: the same), or which limit. */
enum lcode_asked {
	LCODE_ASKED,		/* queued if the phone is an owner's */
	LCODE_PHONE_WAIT,	/* the phone asked within the minute */
	LCODE_PHONE_FULL,	/* the phone's LCODE_PHONE_HOUR are used */
	LCODE_ADDRESS_FULL	/* the address's LCODE_ADDRESS_HOUR are used */
};

/*
 * Asks for a code for phone (11 digits, as valid.c's V_PHONE gives it)
 * from client address ip, in one transaction: checks the limits; then
 * records the request and, when an owner has the phone, queues the code
 * by SMS (msg_queue, MSG_LOGIN_CODE with MSG_SMS_ONLY; payload
 * {"code":"123456","purpose":"login"}) in the same transaction. Requests
 * for one phone, and from one address, take turns on a row of
 * login_code_limits (sql/030) that every phone and address asked about
 * has, an owner's or not: raced, a registered and an unregistered phone
 * are answered alike (one request passes, the other waits). Returns an
 * enum lcode_asked; when limited, *wait_s is how many seconds until a
 * request would pass (at least 1). -1 on a failed database call.
 */
int	lcode_request(struct ctx *, const char *phone, enum lcode_purpose,
	    const char *ip, int64_t *wait_s);

/* lcode_check()'s answer. */
enum lcode_checked {
	LCODE_OK,		/* right: spent, *owner_id is whose */
	LCODE_WRONG,		/* wrong: *left tries remain (0: now dead) */
	LCODE_DEAD,		/* LCODE_TRIES wrong tries before */
	LCODE_USED,		/* spent before (a replay) */
	LCODE_EXPIRED,		/* past its LCODE_LIFE_MIN minutes */
	LCODE_NONE		/* none asked for this phone */
};

/*
 * Checks code against the latest code of phone (of either purpose), in one
 * transaction with that row locked: a right code is spent (used_at), a
 * wrong one counts a try. When new_password is not NULL (a reset), a
 * right code also sets it, hashed with argon2id (password.h) only then,
 * as the owner's password,
 * ends every session of the owner and queues MSG_PASSWORD_CHANGED to the
 * owner (by SMS, and the channels chosen), in the same transaction. Returns
 * an enum lcode_checked with *owner_id (LCODE_OK) and *left (LCODE_WRONG)
 * set, or -1 on a failed database call.
 */
int	lcode_check(struct ctx *, const char *phone, enum lcode_purpose,
	    const char *code, const char *new_password, int64_t *owner_id,
	    int64_t *left);

#endif
