/*
 * codeform.c - what the two SMS code pages share (loginsms.c: 短信验证码
 * 登录; loginreset.c: 忘记密码): ask for a code for a phone, then type it
 * (issue 11, "Login codes"; core/logincode.h holds the rules).
 *
 * Each page has two steps in its template: STEP_ASK, the phone; then
 * STEP_CODE, the code (and for a reset the new password twice). Asking
 * is answered 303 to the code step (?phone=...&sent=1), which says the
 * same words whether or not the phone is an owner's. Asking past a limit
 * is answered with the phone step again (429): the phone kept, and under
 * it when to ask again and who can help meanwhile - the service centres'
 * phones (LIMITED), never the phone's own estate's, which would tell
 * whose phone it is.
 */
#include <string.h>

#include "arena.h"
#include "auth.h"
#include "db.h"
#include "form.h"
#include "http.h"
#include "login.h"
#include "logincode.h"
#include "page.h"
#include "pages.h"
#include "password.h"
#include "tmpl.h"
#include "valid.h"

/*
 * Whom to call when codes do not help: the estates' service centres that
 * have a phone, listed when there are a few (LIMIT: one more than
 * CENTRES_SHOWN tells that there are too many to list).
 */
#define CENTRES_SHOWN	3
SQL_DEF(SQL_CODE_CENTRES,
    "SELECT service_centre, phone FROM estates WHERE phone <> ''"
    " ORDER BY id LIMIT 4");

/* The clock time, in minutes rounded up, param seconds from now: when
 * a limit lets go ("14:36"). */
SQL_DEF(SQL_CODE_UNTIL,
    "SELECT DATE_FORMAT(NOW() + INTERVAL (? + 59) SECOND, '%H:%i')");

/*
 * The fields: [0] the phone (asking), [0..1] the phone and the code
 * (logging in), [0..3] those and the new password twice (a reset). A new
 * password is held to what login accepts (1..128 characters, login.c)
 * and at least 8, the usual floor for a password people choose.
 */
static const struct field fields[] = {
	{ "phone", "手机号", V_PHONE, V_REQUIRED, 0, 0, NULL },
	{ "code", "验证码", V_DIGITS, V_REQUIRED, LCODE_DIGITS, LCODE_DIGITS,
	    NULL },
	{ "password", "新密码", V_PASSWORD, V_REQUIRED, 8, 128, NULL },
	{ "password2", "确认新密码", V_PASSWORD, V_REQUIRED, 8, 128, NULL },
};
#define NF_ASK		1
#define NF_LOGIN	2
#define NF_RESET	4

static size_t
code_fields(const struct code_page *p)
{
	return p->purpose == LCODE_RESET ? NF_RESET : NF_LOGIN;
}

/* A wait as people say it: "40 秒" up to a minute, then "12 分钟"
 * (rounded up). */
static const char *
wait_words(struct req *r, int64_t s)
{
	if (s <= 60)
		return arena_printf(r->a, "%lld 秒", (long long)(s < 1 ? 1 : s));
	return arena_printf(r->a, "%lld 分钟", (long long)((s + 59) / 60));
}

/*
 * Draws the page at one step: STEP_CODE when code is 1 (the phone in v
 * is valid), else STEP_ASK; with v's values and messages (n fields, or
 * none when v is NULL), the notice that a code may have been sent when
 * sent is 1, an alert message when not NULL, and the status.
 */
static void
draw(struct req *r, const struct code_page *p, int code, const struct fval *v,
    size_t n, int sent, const char *message, int status)
{
	struct tmpl	*d;

	d = page_new(r, p->tmpl, p->title);
	tmpl_set(d, "LOGIN_CSRF", auth_login_csrf(r));
	tmpl_set(d, "NEXT", login_next_url(r));
	tmpl_show(d, code ? "STEP_CODE" : "STEP_ASK");
	if (sent)
		tmpl_show(d, "SENT");
	if (v != NULL)
		valid_to_tmpl(d, fields, n, v);
	if (message != NULL) {
		tmpl_show(d, "HAS_MESSAGE");
		tmpl_set(d, "MESSAGE", message);
	}
	page_render(r, status);
}

/* A phone number as a tel: URI wants it: its digits, a leading +. */
static const char *
tel_digits(struct req *r, const char *phone)
{
	char	*out = arena_strdup(r->a, phone), *q = out;

	for (; *phone != '\0'; phone++)
		if ((*phone >= '0' && *phone <= '9') ||
		    (*phone == '+' && q == out))
			*q++ = *phone;
	*q = '\0';
	return out;
}

/*
 * The phone step again after a limit, phone kept: why under the phone
 * field, then who can help (LIMITED: the service centres' phones, when
 * at most CENTRES_SHOWN have one, else the words), and the way to the
 * code step for a code already received. Raises 429; without headers of
 * its own, so that a browser gets it by post/redirect/get (flash.h) and
 * may reload it or go Back.
 */
static void
draw_limited(struct req *r, const struct code_page *p, struct fval *v,
    const char *why)
{
	struct tmpl	*d, *row;
	struct db_res	*res;
	const char	*centre, *phone;
	int		 n = 0, rc;

	v[0].err = why;
	d = page_new(r, p->tmpl, p->title);
	tmpl_set(d, "LOGIN_CSRF", auth_login_csrf(r));
	tmpl_set(d, "NEXT", login_next_url(r));
	tmpl_show(d, "STEP_ASK");
	valid_to_tmpl(d, fields, NF_ASK, v);
	tmpl_show(d, "LIMITED");
	if ((res = db_query(r->ctx, &SQL_CODE_CENTRES, "")) == NULL)
		return;
	while ((rc = db_row(res, "ss", &centre, &phone)) == 1 &&
	    ++n <= CENTRES_SHOWN) {
		row = tmpl_row(d, "CENTRE");
		tmpl_set(row, "CENTRE_NAME", centre);
		tmpl_set(row, "CENTRE_PHONE", phone);
		tmpl_set(row, "CENTRE_TEL", tel_digits(r, phone));
	}
	db_done(res);
	if (rc < 0 || r->ctx->db_failed)
		return;
	tmpl_show(d, n >= 1 && n <= CENTRES_SHOWN ? "CENTRES" : "NO_CENTRES");
	page_render(r, 429);
}

void
code_get(struct req *r, const struct code_page *p)
{
	struct fval	 v[NF_ASK];
	const char	*phone = http_query(r, "phone"), *sent;
	int		 rc = auth_session(r);

	if (rc < 0) {
		page_fail(r);
		return;
	}
	if (rc == 1) {
		http_redirect(r, login_next_url(r));
		return;
	}
	if (phone == NULL || *phone == '\0') {
		draw(r, p, 0, NULL, 0, 0, NULL, 200);
		return;
	}
	/* ?phone= from the step before, or from a link: its code step. */
	if (valid_one(r, &fields[0], phone, &v[0]) != NULL) {
		draw(r, p, 0, v, NF_ASK, 0, NULL, 200);
		return;
	}
	sent = http_query(r, "sent");
	draw(r, p, 1, v, NF_ASK, sent != NULL && strcmp(sent, "1") == 0,
	    NULL, 200);
}

void
code_ask(struct req *r, const struct code_page *p)
{
	struct fval	 v[NF_ASK];
	const char	*why, *until = NULL;
	int64_t		 wait = 0;
	int		 rc;

	if (valid_fields(r, fields, NF_ASK, v) > 0) {
		draw(r, p, 0, v, NF_ASK, 0, NULL, 400);
		return;
	}
	rc = lcode_request(r->ctx, v[0].s, p->purpose, r->remote_addr, &wait);
	switch (rc) {
	case -1:
		return;
	case LCODE_ASKED:
		http_redirect(r, arena_printf(r->a, "%s%s?phone=%s&sent=1"
		    "&next=%s", r->app->prefix, p->path, v[0].s,
		    form_encode(r->a, login_next_url(r))));
		return;
	default:
		break;
	}
	/* "请 12 分钟后再试（14:36 以后）": a wait past the minute says
	 * the clock time too */
	if (wait > 60 && db_one(r->ctx, &SQL_CODE_UNTIL, "i", "s", wait,
	    &until) == 1)
		until = arena_printf(r->a, "（%s 以后）", until);
	else if (r->ctx->db_failed)
		return;
	else
		until = "";
	switch (rc) {
	case LCODE_PHONE_WAIT:
		why = arena_printf(r->a, "获取验证码太频繁：每个手机号每分钟只能"
		    "获取 %d 次。如已收到验证码（%d 分钟内有效），可以直接输入；"
		    "或 %s后再获取。", LCODE_PHONE_MINUTE, LCODE_LIFE_MIN,
		    wait_words(r, wait));
		break;
	case LCODE_PHONE_FULL:
		why = arena_printf(r->a, "该手机号 1 小时内获取验证码已达 %d 次，"
		    "请 %s后再试%s。", LCODE_PHONE_HOUR, wait_words(r, wait),
		    until);
		break;
	default:
		why = arena_printf(r->a, "本网络 1 小时内获取验证码的次数过多，"
		    "请 %s后再试%s。", wait_words(r, wait), until);
		break;
	}
	draw_limited(r, p, v, why);
}

void
code_verify(struct req *r, const struct code_page *p)
{
	struct fval	 v[NF_RESET];
	size_t		 n = code_fields(p);
	const char	*why;
	int64_t		 owner = 0, left = 0;
	int		 rc, errs;

	errs = valid_fields(r, fields, n, v);
	if (n == NF_RESET && v[2].err == NULL && v[3].err == NULL &&
	    strcmp(v[2].s, v[3].s) != 0) {
		v[3].err = "两次输入的新密码不一致";
		errs++;
	}
	/* Nothing is checked, no try counted, for a form with mistakes. */
	if (errs > 0) {
		if (v[1].err != NULL && v[1].set)
			v[1].err = "验证码为 6 位数字";
		draw(r, p, v[0].err == NULL, v, n, 0, NULL, 400);
		return;
	}
	rc = lcode_check(r->ctx, v[0].s, p->purpose, v[1].s,
	    n == NF_RESET ? v[2].s : NULL, &owner, &left);
	switch (rc) {
	case -1:
		return;
	case LCODE_OK:
		/* A login like the password's: it also ends a password lock,
		 * which counts failures since the last success (auth.c). */
		if (auth_attempt(r, v[0].s, 1) < 0 || auth_login(r, owner) < 0)
			return;
		http_redirect(r, login_next_url(r));
		return;
	case LCODE_WRONG:
		if (left > 0) {
			/* before the last try, what it risks */
			v[1].err = arena_printf(r->a,
			    "验证码不正确，还可尝试 %lld 次%s", (long long)left,
			    left == 1 ? "。再错一次，这个验证码就会失效，"
			    "需要重新获取" : "");
			draw(r, p, 1, v, n, 0, NULL, 403);
			return;
		}
		/* FALLTHROUGH */
	case LCODE_DEAD:
		why = "验证码不正确的次数过多，这个验证码已失效，请重新获取。";
		break;
	case LCODE_USED:
		why = "这个验证码已经用过，请重新获取。";
		break;
	case LCODE_EXPIRED:
		why = arena_printf(r->a, "验证码已过期（%d 分钟内有效），"
		    "请重新获取。", LCODE_LIFE_MIN);
		break;
	default:
		why = "请先获取验证码。";
		break;
	}
	v[1].err = "请重新获取验证码";
	draw(r, p, 1, v, n, 0, why, 403);
}
