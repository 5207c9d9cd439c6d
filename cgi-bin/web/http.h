/*
 * http.h - one request and its response.
 *
 * A request is parsed in two steps under fixed limits before any page
 * sees it: the request line, headers, query and cookies first
 * (http_parse_head); then, once server.c has found the route, the body
 * under what that route declares (http_parse_body): its methods, body
 * limit, content types, authentication, raw body and request headers.
 * A page reads declared fields through valid.h and writes its body
 * through tmpl.h / page.h or the response calls below. Nothing is sent
 * until the page returns, so a page can still turn its answer into an
 * error page.
 */
#ifndef PROPFEE_HTTP_H
#define PROPFEE_HTTP_H

#include <stdint.h>

#include "access.h"
#include "arena.h"
#include "ctx.h"
#include "form.h"

/* Limits on what a request may carry. */
#define HTTP_BODY_MAX		(1024 * 1024)	/* a route's body limit
						 * unless it declares one */
#define HTTP_BODY_CEILING	(64 * 1024 * 1024) /* no route above */
#define HTTP_FORM_BYTES		(1024 * 1024)	/* a multipart body's fields,
						 * all together (files apart) */
#define HTTP_UPLOADS_MAX	32		/* files in one request */
#define HTTP_HEADERS_MAX	8		/* headers a route may read */
#define HTTP_FIELDS_MAX		FORM_FIELDS_MAX	/* per query, form or cookie */
#define HTTP_KEY_MAX		FORM_KEY_MAX
#define HTTP_PATH_MAX		1024

/* A request's method; a route declares a mask of them. */
enum method {
	METHOD_GET = 1 << 0,		/* and HEAD, answered as a GET */
	METHOD_POST = 1 << 1,
	METHOD_OTHER = 1 << 2		/* never routed: 405 */
};

/* The content types a route accepts (a mask; 0 means CT_FORM). */
enum ctype {
	CT_FORM = 1 << 0,		/* application/x-www-form-urlencoded */
	CT_MULTIPART = 1 << 1,		/* multipart/form-data */
	CT_JSON = 1 << 2,		/* application/json */
	CT_TEXT = 1 << 3		/* text/plain */
};

/* How a route's requests are authenticated. */
enum auth {
	/* The program's session (roles say who may, ROLE_PUBLIC: anyone)
	 * and, on a POST, its CSRF token (before login: the login form's). */
	AUTH_SESSION = 0,
	/* No session, no CSRF token: the handler checks a signature over
	 * the raw body itself (a payment gateway's notification). */
	AUTH_SIGNED,
	/* No session, no CSRF token, no signature: anyone. */
	AUTH_PUBLIC
};

/* What an answer is: its Content-Type (http_kind). */
enum resp {
	RESP_HTML = 0,			/* text/html; charset=utf-8 */
	RESP_TEXT,			/* text/plain; charset=utf-8 */
	RESP_JSON,			/* application/json; charset=utf-8 */
	RESP_PDF,			/* application/pdf */
	RESP_CSV,			/* text/csv; charset=utf-8 */
	RESP_JPEG,			/* image/jpeg (request photos) */
	RESP__MAX
};

/*
 * The signed-in user's session, filled by auth_session() from the cookie;
 * who the user is (id, role, estates) is the context's actor (ctx.h).
 */
struct session {
	int64_t		 id;		/* sessions.id; 0 when signed out */
	const char	*csrf;		/* hex token bound to the session */
	int		 elder;		/* owners: elderly mode on (elder.h) */
};

struct req;
struct route;
typedef void (*handler_fn)(struct req *);

/*
 * One row of a program's route table. The first four fields are
 * written in every row; the rest say how the request travels, and each
 * one's zero is the usual case, so a row that leaves them out is a form
 * (urlencoded) of at most 1 MB, with the session and its CSRF token,
 * answered in HTML.
 */
struct route {
	unsigned	 methods;	/* METHOD_GET, METHOD_POST, or both */
	const char	*pattern;	/* "/bills/#": # is an id, * a code */
	unsigned	 roles;		/* ROLE_PUBLIC or a mask of roles */
	handler_fn	 fn;
	enum auth	 auth;		/* AUTH_SESSION unless it says */
	size_t		 body_max;	/* bytes; 0: HTTP_BODY_MAX (1 MB) */
	unsigned	 accept;	/* a mask of CT_*; 0: CT_FORM */
	/* 1: the handler gets the body as sent (r->raw, r->raw_len); a
	 * JSON or text body must say so, a multipart one cannot. */
	int		 raw;
	/* The request headers the handler reads (http_in_header), NULL
	 * ended, at most HTTP_HEADERS_MAX; NULL: none. */
	const char *const *headers;
	enum resp	 resp;		/* what it answers: a JSON route's
					 * errors are JSON too (page.c) */
	/* 1: a test route, answered only when the configuration says
	 * test_routes=1 (scripts/test.sh); 404 otherwise. */
	int		 test;
	/* The owners' personal data the page shows, a mask of
	 * DATA_BIT(enum data) (access.h); how much of it each role sees is
	 * access.c's table. A page shows none of a kind its route does not
	 * declare (http_sees()). */
	unsigned	 data;
};

/*
 * A file part of a multipart body, written to a spool file as it
 * arrived (conf spool_dir) and deleted when the request ends: a handler
 * that keeps it renames it first.
 */
struct upload {
	const char	*field;		/* the form field's name */
	const char	*filename;	/* as the browser declared it (UTF-8) */
	const char	*ctype;		/* the part's Content-Type, or "" */
	const char	*path;		/* the spool file */
	int64_t		 size;		/* bytes */
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

/*
 * Who signs in to a program: the session's cookie and the table of its
 * users (auth.c).
 */
enum session_kind {
	SESSION_OWNER,		/* owners: cookie pf_o, table owners */
	SESSION_STAFF,		/* staff: cookie pf_s, table staff */
	SESSION__MAX
};

/* A FastCGI program, as its main.c declares it. */
struct app {
	const char		*name;		/* "owner", "staff": its log
						 * name, conf NAME_socket */
	const char		*prefix;	/* URL prefix: "" or "/staff" */
	enum session_kind	 session;	/* who signs in */
	const char		*login_path;	/* where anonymous users go */
	const char		*home_path;	/* where a login lands */
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
	char			**envp;		/* the FastCGI parameters */
	const char		*ctype;		/* CONTENT_TYPE, or "" */
	long long		 clen;		/* CONTENT_LENGTH; -1: none */
	struct kvlist		 query;
	struct kvlist		 form;
	struct kvlist		 cookies;
	struct upload		*uploads;	/* a multipart body's files */
	size_t			 nuploads;
	/* The body as sent, NUL-terminated, for a route that declares raw
	 * (else NULL), and the request headers it declares. */
	const char		*raw;
	size_t			 raw_len;
	struct kvlist		 in_headers;
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

/*
 * Parsing, called by server.c. http_parse_head() reads the request line,
 * headers, query and cookies: 0, or 400 (bad encoding), 404 (another
 * program's prefix), 414 (path over HTTP_PATH_MAX). After routing,
 * http_parse_body() reads a POST's body under r->route's declaration:
 * 413 when CONTENT_LENGTH or the bytes read pass its limit (before
 * reading, and while), 415 for a content type it does not accept (an
 * empty body has none to check), 400 when malformed or a field is not
 * UTF-8, 500 when a spool file cannot be written; a multipart body's
 * files go to spool files (http_upload), its fields to r->form; a raw
 * route's body to r->raw; its declared headers to r->in_headers.
 */
int		 http_parse_head(struct req *, char **envp);
int		 http_parse_body(struct req *, void *instream);
/*
 * The directory for spool files (conf spool_dir) and the prefix of
 * their names ("staff-..."), set once at start-up; files of an earlier
 * run of the program with that prefix are deleted.
 */
void		 http_spool_init(const char *dir, const char *prefix);
/*
 * Checks a route table's declarations at start-up (fatal when one is
 * inconsistent: AUTH_SIGNED or AUTH_PUBLIC with roles, JSON or text
 * without raw, raw multipart, a limit over HTTP_BODY_CEILING ...).
 */
void		 http_routes_check(const struct app *);

/* The first value of a query (GET) or form (POST) field, or NULL. */
const char	*http_param(const struct req *, const char *name);
const char	*http_query(const struct req *, const char *name);
const char	*http_form(const struct req *, const char *name);
/* An uploaded file (a multipart part with a filename), spooled; NULL if
 * the request has none by that name. */
const struct upload *http_upload(const struct req *, const char *name);
/*
 * The same file read whole into the arena, for a small one (a CSV of a
 * route's 1 MB): its bytes as sent in val (any bytes, NUL-terminated),
 * len long, filename set; NULL if there is none or it cannot be read.
 */
const struct kv	*http_file(const struct req *, const char *name);
/* A request header the route declares (name as in its list, any case),
 * or NULL when not sent; asking for an undeclared one is logged. */
const char	*http_in_header(const struct req *, const char *name);
const char	*http_cookie(const struct req *, const char *name);

/* Parses a whole multipart/form-data body in memory into UTF-8 fields
 * and files (both lists given; a file's bytes as sent, len long, and
 * its filename), through multipart.h as a request's body is; returns 0,
 * 400 when malformed or a field is not UTF-8, 413 past HTTP_FORM_BYTES
 * of fields. For the unit tests and the fuzzer: a request's files are
 * spooled instead (http_parse_body). */
int		 http_parse_multipart(struct arena *, const char *ctype,
		    const char *body, size_t, struct kvlist *fields,
		    struct kvlist *files);
/* Parses a Cookie header. */
void		 http_parse_cookies(struct arena *, const char *, struct kvlist *);

/*
 * 1 if the signed-in user (r->ctx->actor.role; none when signed out) may use the
 * route of the program's table with this method and pattern ("/bills/#"
 * as the table writes it), else 0. The route table is the one place that
 * says who may do what: server.c enforces it on every request, and a page
 * that shows a form or a link only to those who may use it asks here. A
 * pattern the table lacks is a programming error: logged, and 0.
 */
int		 http_may(const struct req *, enum method, const char *pattern);
/*
 * How much of data d the signed-in user sees on this request's page: the
 * role's cell of access.c's table (access_sees(); mine: the record is a
 * household assigned to the user) when the route declares d in its .data,
 * else SEE_NONE. A page leaves out what this does not let it show, from
 * its HTML and its CSV alike (issue 12, "Who sees what").
 */
enum see	 http_sees(const struct req *, enum data d, int mine);

/* Response building. */
void		 http_status(struct req *, int);
/* The answer is of this kind: its Content-Type (the body stays). */
void		 http_kind(struct req *, enum resp);
/* Replaces the body by text, as text/plain; charset=utf-8. */
void		 http_body_text(struct req *, const char *text);
/* Replaces the body by json, as application/json; charset=utf-8. */
void		 http_body_json(struct req *, const char *json);
/* The same from a jansson value, which it takes (json_decref). */
struct json_t;
void		 http_json(struct req *, struct json_t *);
/* The body the page wrote (csv.h, receipt_pdf) is a file of this kind,
 * named filename (a name the program built): saved by the browser when
 * attachment is 1, else shown. */
void		 http_body_file(struct req *, enum resp, const char *filename,
		    int attachment);
void		 http_header(struct req *, const char *name, const char *value);
void		 http_redirect(struct req *, const char *location);
void		 http_set_cookie(struct req *, const char *name,
		    const char *value, const char *path, int max_age);
const char	*http_reason(int status);
/* Writes status line, headers and body to the FastCGI stream. */
void		 http_send(struct req *);

#endif
