/*
 * http.h - one request and its response.
 *
 * A request is parsed once (path, query, form, cookies) under fixed
 * limits before any page sees it; a page reads declared fields through
 * valid.h and writes its body through tmpl.h / page.h. Nothing is sent
 * until the page returns, so a page can still turn its answer into an
 * error page.
 */
#ifndef PROPFEE_HTTP_H
#define PROPFEE_HTTP_H

#include <stdint.h>

#include "arena.h"
#include "ctx.h"

/* Limits on what a request may carry. */
#define HTTP_BODY_MAX		(1024 * 1024)	/* larger bodies get 413 */
#define HTTP_FIELDS_MAX		512		/* per query, form or cookie */
#define HTTP_KEY_MAX		64
#define HTTP_PATH_MAX		1024

enum method {
	METHOD_GET,
	METHOD_POST,
	METHOD_OTHER
};

struct kv {
	const char	*key;
	const char	*val;	/* NUL-terminated */
	size_t		 len;	/* of val: fields hold no NUL, files may */
	/* For a multipart file part: its file name (else NULL). */
	const char	*filename;
};

struct kvlist {
	struct kv	*v;
	size_t		 n;
};

/*
 * The signed-in user's session, filled by auth_session() from the cookie;
 * who the user is (id, role, estates) is the context's actor (ctx.h).
 */
struct session {
	int64_t		 id;		/* sessions.id; 0 when signed out */
	const char	*csrf;		/* hex token bound to the session */
};

struct req;
struct route;
typedef void (*handler_fn)(struct req *);

struct route {
	enum method	 method;
	const char	*pattern;	/* "/bills/#": # is an id, * a code */
	unsigned	 roles;		/* ROLE_PUBLIC or a mask of roles */
	handler_fn	 fn;
};

struct worker;

/*
 * A link in the program's menu, shown to those the route table lets GET
 * its path (http_may()).
 */
struct nav {
	const char	*label;
	const char	*path;		/* a route's pattern, without the prefix */
};

/* One of the two FastCGI programs, as its main.c declares it. */
struct app {
	const char		*name;		/* "owner" or "staff" */
	const char		*prefix;	/* URL prefix: "" or "/staff" */
	const char		*cookie;	/* session cookie name */
	const char		*login_path;	/* where anonymous users go */
	const char		*home_path;	/* where a login lands */
	int			 staff;		/* 1 for the back office */
	const struct route	*routes;
	size_t			 nroutes;
	const struct nav	*nav;
	size_t			 nnav;
};

struct worker;
struct tmpl;

struct req {
	struct ctx		*ctx;		/* the thread's, for this request */
	struct arena		*a;		/* ctx->a: freed when it ends */
	const struct app	*app;
	struct worker		*w;
	void			*fcgi;		/* FCGX_Request */

	enum method		 method;
	int			 head;		/* a HEAD: a GET with no effect */
	const char		*path;		/* decoded, without the prefix */
	const char		*uri;		/* as sent, with query */
	const char		*remote_addr;
	int			 https;
	struct kvlist		 query;
	struct kvlist		 form;
	struct kvlist		 files;		/* uploads: raw bytes */
	struct kvlist		 cookies;
	const char		*user_agent;
	/* The page the request came from, as a path and query on this
	 * site ("/staff/households/5/pay"), or NULL: from the Referer when
	 * it names this host (see flash.h). */
	const char		*referer;

	const struct route	*route;
	int64_t			 ids[2];	/* the route's # segments */
	const char		*code;		/* the route's * segment */

	struct session		 sess;
	const char		*login_csrf;	/* pre-session token (login) */

	/* Response. */
	struct tmpl		*layout;	/* page.h: the layout's dictionary */
	int			 contact_in_page; /* page.h: no footer contact */
	int			 status;
	const char		*content_type;
	struct buf		 headers;	/* extra header lines */
	struct buf		 body;
};

/* Parsing, called by server.c before routing. Returns 0 or an HTTP status. */
int		 http_parse(struct req *, char **envp, void *instream);

/* The first value of a query (GET) or form (POST) field, or NULL. */
const char	*http_param(const struct req *, const char *name);
const char	*http_query(const struct req *, const char *name);
const char	*http_form(const struct req *, const char *name);
/* An uploaded file (a multipart part with a filename), as sent: any bytes,
 * len long; NULL if the request has none by that name. */
const struct kv	*http_file(const struct req *, const char *name);
const char	*http_cookie(const struct req *, const char *name);

/* Decodes %XX and '+' in place-free fashion into the arena. */
char		*http_urldecode(struct arena *, const char *, size_t, int plus,
		    size_t *outlen);
/* Parses "a=1&b=2" into list; returns 0, or 400 on bad encoding. */
int		 http_parse_urlencoded(struct arena *, const char *, size_t,
		    struct kvlist *);
/* Parses a multipart/form-data body into UTF-8 fields and raw files;
 * returns 0, or 400 when malformed or a field is not UTF-8. */
int		 http_parse_multipart(struct arena *, const char *ctype,
		    const char *body, size_t, struct kvlist *fields,
		    struct kvlist *files);
/* Parses a Cookie header. */
void		 http_parse_cookies(struct arena *, const char *, struct kvlist *);
/* Percent-encodes a string for a URL query value. */
char		*http_urlencode(struct arena *, const char *);

/*
 * 1 if the signed-in user (r->ctx->actor.role; none when signed out) may use the
 * route of the program's table with this method and pattern ("/bills/#"
 * as the table writes it), else 0. The route table is the one place that
 * says who may do what: server.c enforces it on every request, and a page
 * that shows a form or a link only to those who may use it asks here. A
 * pattern the table lacks is a programming error: logged, and 0.
 */
int		 http_may(const struct req *, enum method, const char *pattern);

/* Response building. */
void		 http_status(struct req *, int);
void		 http_header(struct req *, const char *name, const char *value);
void		 http_redirect(struct req *, const char *location);
void		 http_set_cookie(struct req *, const char *name,
		    const char *value, const char *path, int max_age);
const char	*http_reason(int status);
/* Writes status line, headers and body to the FastCGI stream. */
void		 http_send(struct req *);

#endif
