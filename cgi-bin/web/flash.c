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

	if (r->method != METHOD_POST || r->status < 400 || r->status > 499 ||
	    r->sess.id == 0 || r->referer == NULL || r->ctx->db_failed)
		return 0;
	ctype = r->content_type ? r->content_type : "text/html; charset=utf-8";
	if (strncmp(ctype, "text/html", 9) != 0 || r->headers.len > 0)
		return 0;
	to = without_flash(r, r->referer);
	id = ctx_random_hex(r->ctx, 16);
	if (db_exec(r->ctx, &SQL_FLASH_PURGE, "") < 0 ||
	    db_exec(r->ctx, &SQL_FLASH_INSERT, "sisiss", id, r->sess.id,
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

int
flash_show(struct req *r)
{
	const char	*id, *ctype, *body, *uri;
	int64_t		 status;
	size_t		 n;

	if (r->method != METHOD_GET || r->sess.id == 0 ||
	    (id = http_query(r, "flash")) == NULL)
		return 0;
	n = strspn(id, "0123456789abcdef");
	if (n != 32 || id[n] != '\0')
		return 0;
	/* The kept path is the full one, with the program's prefix. */
	uri = arena_printf(r->a, "%s%s", r->app->prefix, r->path);
	if (db_one(r->ctx, &SQL_FLASH_GET, "sis", "iss", id, r->sess.id, uri,
	    &status, &ctype, &body) != 1) {
		r->ctx->db_failed = r->ctx->db_down = 0;
		return 0;
	}
	r->status = (int)status;
	r->content_type = ctype;
	r->body.len = 0;
	buf_puts(&r->body, body);
	return 1;
}
