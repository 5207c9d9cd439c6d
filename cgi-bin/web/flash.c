/*
 * flash.c - a form's answer kept for the page it came from.
 */
#include <string.h>

#include "arena.h"
#include "auth.h"
#include "db.h"
#include "flash.h"
#include "http.h"

SQL_DEF(SQL_FLASH_PURGE,
    "DELETE FROM form_flash WHERE created_at < NOW() - INTERVAL 1 HOUR"
    " LIMIT 100");

SQL_DEF(SQL_FLASH_INSERT,
    "INSERT INTO form_flash (id, session_id, path, status, content_type,"
    " body, created_at) VALUES (?, ?, ?, ?, ?, ?, NOW())");

SQL_DEF(SQL_FLASH_GET,
    "SELECT status, content_type, body FROM form_flash"
    " WHERE id = ? AND session_id = ? AND path = ?"
    " AND created_at >= NOW() - INTERVAL 1 HOUR");

/* Params: the session, the browser before login (0 when none). */
SQL_DEF(SQL_FLASH_SPEND,
    "DELETE FROM form_flash WHERE session_id IN (?, ?)");

/*
 * A browser that has not signed in is named by its login form's cookie
 * (auth_login_cookie): its first 60 bits, negated, so that it never
 * meets a session's id (those count up from 1). 0 without the cookie.
 */
static int64_t
login_key(struct req *r)
{
	const char	*t = auth_login_cookie(r);
	int64_t		 v = 0;
	int		 i;

	if (t == NULL)
		return 0;
	for (i = 0; i < 15; i++)
		v = v * 16 + (t[i] <= '9' ? t[i] - '0' : t[i] - 'a' + 10);
	return -v - 1;
}

/* Whose kept answers a request may see: its session, else its login
 * cookie's key, else nobody (0). */
static int64_t
owner_of(struct req *r)
{
	return r->sess.id != 0 ? r->sess.id : login_key(r);
}

/* The path of a page address, without its query ("/staff/bills/5"). */
static const char *
path_of(struct req *r, const char *uri)
{
	return arena_strndup(r->a, uri, strcspn(uri, "?"));
}

/* uri without its own flash=... parameter. */
static const char *
without_flash(struct req *r, const char *uri)
{
	struct buf	 b;
	const char	*q = strchr(uri, '?'), *p, *e;
	int		 first = 1;

	if (q == NULL)
		return uri;
	buf_init(&b, r->a, strlen(uri) + 1);
	buf_add(&b, uri, (size_t)(q - uri));
	for (p = q + 1; *p != '\0'; p = *e ? e + 1 : e) {
		e = p + strcspn(p, "&");
		if (e - p >= 6 && strncmp(p, "flash=", 6) == 0)
			continue;
		if (e == p)
			continue;
		buf_putc(&b, first ? '?' : '&');
		buf_add(&b, p, (size_t)(e - p));
		first = 0;
	}
	return buf_str(&b);
}

int
flash_keep(struct req *r)
{
	const char	*to, *id, *ctype;
	int64_t		 owner = owner_of(r);

	if (r->method != METHOD_POST || r->status < 400 || r->status > 499 ||
	    owner == 0 || r->referer == NULL || r->ctx->db_failed)
		return 0;
	ctype = r->content_type ? r->content_type : "text/html; charset=utf-8";
	if (strncmp(ctype, "text/html", 9) != 0 || r->headers.len > 0)
		return 0;
	to = without_flash(r, r->referer);
	id = ctx_random_hex(r->ctx, 16);
	if (db_exec(r->ctx, &SQL_FLASH_PURGE, "") < 0 ||
	    db_exec(r->ctx, &SQL_FLASH_INSERT, "sisiss", id, owner,
	    path_of(r, to), (int64_t)r->status, ctype, buf_str(&r->body)) < 0) {
		/* Kept nothing: the page is answered as it is. */
		r->ctx->db_failed = r->ctx->db_down = 0;
		return 0;
	}
	r->body.len = 0;
	r->content_type = NULL;
	http_redirect(r, arena_printf(r->a, "%s%cflash=%s", to,
	    strchr(to, '?') ? '&' : '?', id));
	return 1;
}

void
flash_spend(struct req *r)
{
	if (r->method != METHOD_POST || r->status < 200 || r->status > 399 ||
	    r->ctx->db_failed || (r->sess.id == 0 && login_key(r) == 0))
		return;
	/* Nothing kept is no failure of the form that succeeded. */
	if (db_exec(r->ctx, &SQL_FLASH_SPEND, "ii", r->sess.id,
	    login_key(r)) < 0)
		r->ctx->db_failed = r->ctx->db_down = 0;
}

int
flash_show(struct req *r)
{
	const char	*id, *ctype, *body, *uri;
	int64_t		 status, owner;
	size_t		 n;

	if (r->method != METHOD_GET || (id = http_query(r, "flash")) == NULL)
		return 0;
	owner = owner_of(r);
	n = strspn(id, "0123456789abcdef");
	/* The kept path is the full one, with the program's prefix. */
	uri = arena_printf(r->a, "%s%s", r->app->prefix, r->path);
	if (owner != 0 && n == 32 && id[n] == '\0' &&
	    db_one(r->ctx, &SQL_FLASH_GET, "sis", "iss", id, owner, uri,
	    &status, &ctype, &body) == 1) {
		r->status = (int)status;
		r->content_type = ctype;
		r->body.len = 0;
		buf_puts(&r->body, body);
		return 1;
	}
	/* Spent, expired, another's or not one at all: the live page, at
	 * its own address (a failed lookup is that page's to report). */
	r->ctx->db_failed = r->ctx->db_down = 0;
	http_redirect(r, without_flash(r, r->uri));
	return 1;
}
