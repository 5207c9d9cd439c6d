/*
 * http.c - parsing a FastCGI request under limits (its head, then its
 * body under its route's declaration), and sending the answer.
 */
#include <sys/types.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <jansson.h>

#include "form.h"
#include "http.h"
#include "log.h"
#include "multipart.h"
#include "redirect.h"
#include "width.h"

void
http_parse_cookies(struct arena *a, const char *s, struct kvlist *l)
{
	const char	*semi, *eq, *k, *v;
	size_t		 kl, vl;

	if (s == NULL)
		return;
	while (*s != '\0') {
		while (*s == ' ' || *s == ';')
			s++;
		if (*s == '\0')
			break;
		semi = strchr(s, ';');
		if (semi == NULL)
			semi = s + strlen(s);
		eq = memchr(s, '=', (size_t)(semi - s));
		if (eq != NULL) {
			k = s;
			kl = (size_t)(eq - s);
			v = eq + 1;
			vl = (size_t)(semi - v);
			while (kl > 0 && k[kl - 1] == ' ')
				kl--;
			/* Our cookies are plain tokens: skip anything odd. */
			if (kl > 0 && kl <= HTTP_KEY_MAX && vl <= 256 &&
			    utf8_text_ok(k, kl) && utf8_text_ok(v, vl))
				form_push(a, l, arena_strndup(a, k, kl),
				    arena_strndup(a, v, vl), vl, NULL);
		}
		s = semi;
	}
}

/*
 * Where a multipart body's parts go (multipart.h calls these): a field
 * to the form list, UTF-8 checked like any other field, HTTP_FORM_BYTES
 * at most in all; a file part (one with a filename) to a spool file as
 * it arrives (a request: http_parse_body), or to memory (files:
 * http_parse_multipart, the whole body being there already).
 */
struct parts {
	struct arena	*a;
	struct kvlist	*fields;
	struct kvlist	*files;		/* in memory, unless spooling */
	struct req	*r;		/* spooling (else NULL): r->uploads */
	size_t		 cap;		/* of r->uploads */
	const char	*name;		/* the part being read */
	const char	*filename;
	struct buf	 cur;		/* its bytes, unless spooled */
	int		 fd;		/* its spool file, or -1 */
	struct upload	*up;
	size_t		 field_bytes;
};

static const char	*spool_dir;
static const char	*spool_prefix;

/* A spool file, when its request ends (arena_defer). */
static void
spool_unlink(void *path)
{
	if (unlink(path) != 0 && errno != ENOENT)
		log_warnx("%s: %s: %s", __func__, (char *)path,
		    strerror(errno));
}

/* Opens the spool file of a file part. 0, 413 (too many) or 500. */
static int
spool_open(struct parts *s, const struct mp_part *p)
{
	struct req	*r = s->r;
	struct upload	*up;

	if (spool_dir == NULL) {
		log_warnx("%s: no spool_dir in the configuration", __func__);
		return 500;
	}
	if (r->nuploads >= HTTP_UPLOADS_MAX)
		return 413;
	r->uploads = arena_grow(r->a, r->uploads, r->nuploads, &s->cap,
	    sizeof(*r->uploads), 4);
	up = &r->uploads[r->nuploads];
	up->field = p->name;
	up->filename = p->filename;
	up->ctype = p->ctype;
	up->size = 0;
	up->path = arena_printf(r->a, "%s/%s-%s.part", spool_dir,
	    spool_prefix, ctx_random_hex(r->ctx, 16));
	s->fd = open(up->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (s->fd < 0) {
		log_warnx("%s: %s: %s", __func__, up->path, strerror(errno));
		return 500;
	}
	r->nuploads++;
	/* Deleted when the request's arena is reset, however it ended. */
	arena_defer(r->a, spool_unlink, (void *)up->path);
	s->up = up;
	return 0;
}

static int
parts_begin(void *arg, const struct mp_part *p)
{
	struct parts	*s = arg;

	s->name = p->name;
	s->filename = p->filename;
	if (p->filename != NULL && s->r != NULL)
		return spool_open(s, p);
	buf_init(&s->cur, s->a, 256);
	return 0;
}

static int
parts_data(void *arg, const char *b, size_t n)
{
	struct parts	*s = arg;
	ssize_t		 w;

	if (s->fd >= 0) {
		s->up->size += (int64_t)n;
		for (; n > 0; b += w, n -= (size_t)w)
			if ((w = write(s->fd, b, n)) < 0) {
				if (errno == EINTR) {
					w = 0;
					continue;
				}
				log_warnx("%s: %s: %s", __func__, s->up->path,
				    strerror(errno));
				return 500;
			}
		return 0;
	}
	if (s->filename == NULL && (s->field_bytes += n) > HTTP_FORM_BYTES)
		return 413;
	buf_add(&s->cur, b, n);
	return 0;
}

static int
parts_end(void *arg)
{
	struct parts	*s = arg;
	int		 rc;

	if (s->fd >= 0) {
		rc = close(s->fd);
		s->fd = -1;
		if (rc != 0) {
			log_warnx("%s: %s: %s", __func__, s->up->path,
			    strerror(errno));
			return 500;
		}
		return 0;
	}
	if (s->filename == NULL && !utf8_text_ok(s->cur.p, s->cur.len))
		return 400;
	return form_push(s->a, s->filename != NULL ? s->files : s->fields,
	    s->name, buf_str(&s->cur), s->cur.len, s->filename);
}

int
http_parse_multipart(struct arena *a, const char *ctype, const char *body,
    size_t n, struct kvlist *fields, struct kvlist *files)
{
	struct parts	 s = { .a = a, .fields = fields, .files = files,
			    .fd = -1 };
	struct mp_sink	 sink = { parts_begin, parts_data, parts_end, &s };
	struct multipart mp;
	int		 rc;

	if ((rc = multipart_init(&mp, a, ctype, &sink)) != 0 ||
	    (rc = multipart_feed(&mp, body, n)) != 0)
		return rc;
	return multipart_end(&mp);
}

static const char *
env(char **envp, const char *name)
{
	return FCGX_GetParam(name, envp);
}

/*
 * The path and query of a Referer that names this host ("http://HOST/p?q",
 * "https://HOST:PORT/p" ...), or NULL: anything else, or a path the redirect check would
 * not send a browser to.
 */
static const char *
referer_path(struct req *r, const char *ref, const char *host)
{
	const char	*p;
	size_t		 n;

	if (ref == NULL || host == NULL || *host == '\0')
		return NULL;
	if (strncmp(ref, "http://", 7) == 0)
		p = ref + 7;
	else if (strncmp(ref, "https://", 8) == 0)
		p = ref + 8;
	else
		return NULL;
	/* nginx gives the host without its port (Debian's fastcgi_params:
	 * HTTP_HOST is $host): any port of this host will do, only the path
	 * is used. */
	n = strlen(host);
	if (strncasecmp(p, host, n) != 0 || (p[n] != '/' && p[n] != ':'))
		return NULL;
	p += n;
	if (*p == ':')
		p += strspn(p + 1, "0123456789") + 1;
	if (*p != '/')
		return NULL;
	/* A fragment never reaches the server, but be sure. */
	n = strcspn(p, "#");
	p = arena_strndup(r->a, p, n);
	return redirect_ok(r->a, p, r->app->prefix) ? p : NULL;
}

int
http_parse_head(struct req *r, char **envp)
{
	const char	*method, *uri, *q, *clen;
	char		*end;
	size_t		 plen, prefix, n;
	int		 rc;

	r->envp = envp;
	method = env(envp, "REQUEST_METHOD");
	if (method != NULL && strcmp(method, "GET") == 0)
		r->method = METHOD_GET;
	else if (method != NULL && strcmp(method, "HEAD") == 0) {
		r->method = METHOD_GET;
		r->head = 1;
	}
	else if (method != NULL && strcmp(method, "POST") == 0)
		r->method = METHOD_POST;
	else
		r->method = METHOD_OTHER;

	r->remote_addr = env(envp, "REMOTE_ADDR");
	if (r->remote_addr == NULL)
		r->remote_addr = "";
	r->ctx->actor.addr = r->remote_addr;
	r->user_agent = env(envp, "HTTP_USER_AGENT");
	r->referer = referer_path(r, env(envp, "HTTP_REFERER"),
	    env(envp, "HTTP_HOST"));
	q = env(envp, "HTTPS");
	r->https = q != NULL && strcasecmp(q, "on") == 0;
	r->ctype = env(envp, "CONTENT_TYPE");
	if (r->ctype == NULL)
		r->ctype = "";
	clen = env(envp, "CONTENT_LENGTH");
	r->clen = -1;
	if (clen != NULL && *clen != '\0') {
		errno = 0;
		r->clen = strtoll(clen, &end, 10);
		if (errno != 0 || *end != '\0' || r->clen < 0 ||
		    *clen < '0' || *clen > '9')
			return 400;
	}

	uri = env(envp, "REQUEST_URI");
	if (uri == NULL || *uri != '/')
		return 400;
	r->uri = uri;
	q = strchr(uri, '?');
	plen = q ? (size_t)(q - uri) : strlen(uri);
	if (plen > HTTP_PATH_MAX)
		return 414;
	r->path = form_decode(r->a, uri, plen, 0, &n);
	if (r->path == NULL || !utf8_text_ok(r->path, n) ||
	    strchr(r->path, '\n') != NULL)
		return 400;
	prefix = strlen(r->app->prefix);
	if (prefix > 0) {
		if (strncmp(r->path, r->app->prefix, prefix) != 0)
			return 404;
		r->path += prefix;
		if (*r->path == '\0')
			r->path = "/";
	}
	if (q != NULL &&
	    (rc = form_parse(r->a, q + 1, strlen(q + 1),
	    &r->query)) != 0)
		return rc;

	http_parse_cookies(r->a, env(envp, "HTTP_COOKIE"), &r->cookies);
	return 0;
}

/* The CT_* of a Content-Type's media type, or 0 for any other. */
static unsigned
body_type(const char *ctype)
{
	static const struct {
		const char	*media;
		unsigned	 type;
	} types[] = {
		{ "application/x-www-form-urlencoded", CT_FORM },
		{ "multipart/form-data", CT_MULTIPART },
		{ "application/json", CT_JSON },
		{ "text/plain", CT_TEXT },
	};
	size_t	 i, n = strcspn(ctype, "; \t");

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strlen(types[i].media) == n &&
		    strncasecmp(types[i].media, ctype, n) == 0)
			return types[i].type;
	return 0;
}

/* The FastCGI parameter of a request header: "Wechatpay-Serial" is
 * HTTP_WECHATPAY_SERIAL, "Content-Type" CONTENT_TYPE. */
static const char *
header_param(struct arena *a, const char *name)
{
	char	*p, *s;

	if (strcasecmp(name, "Content-Type") == 0 ||
	    strcasecmp(name, "Content-Length") == 0)
		s = p = arena_strdup(a, name);
	else
		p = (s = arena_printf(a, "HTTP_%s", name)) + 5;
	for (; *p != '\0'; p++)
		*p = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
	return s;
}

/* Feeds one chunk of a body on (read_body). 0 or an HTTP status. */
typedef int (*chunk_fn)(void *, const char *, size_t);

/*
 * Reads a body in chunks: CONTENT_LENGTH bytes, or to the stream's end
 * when none was given; 413 past max, 400 when it ends short.
 */
static int
read_body(struct req *r, void *in, size_t max, chunk_fn fn, void *arg)
{
	size_t		 size = 64 * 1024, total = 0, want;
	char		*chunk;
	int		 got, rc;

	if (r->clen >= 0 && (size_t)r->clen < size)
		size = (size_t)r->clen;
	chunk = arena_alloc(r->a, size);
	for (;;) {
		want = size;
		if (r->clen >= 0) {
			if (total == (size_t)r->clen)
				return 0;
			if (want > (size_t)r->clen - total)
				want = (size_t)r->clen - total;
		}
		if ((got = FCGX_GetStr(chunk, (int)want, in)) < 0)
			return 400;
		if (got == 0)
			return r->clen >= 0 ? 400 : 0;
		if ((total += (size_t)got) > max)
			return 413;
		if ((rc = fn(arg, chunk, (size_t)got)) != 0)
			return rc;
	}
}

static int
chunk_to_buf(void *b, const char *s, size_t n)
{
	buf_add(b, s, n);
	return 0;
}

static int
chunk_to_multipart(void *mp, const char *s, size_t n)
{
	return multipart_feed(mp, s, n);
}

int
http_parse_body(struct req *r, void *in)
{
	const struct route	*rt = r->route;
	const char *const	*h;
	const char		*v;
	size_t			 max;
	unsigned		 accept, type = body_type(r->ctype);
	struct parts		 s = { .a = r->a, .fields = &r->form, .r = r,
				    .fd = -1 };
	struct mp_sink		 sink = { parts_begin, parts_data, parts_end,
				    &s };
	struct multipart	 mp;
	struct buf		 body;
	int			 rc;

	max = rt->body_max ? rt->body_max : HTTP_BODY_MAX;
	accept = rt->accept ? rt->accept : CT_FORM;
	for (h = rt->headers; h != NULL && *h != NULL; h++)
		if ((v = env(r->envp, header_param(r->a, *h))) != NULL &&
		    (rc = form_push(r->a, &r->in_headers, *h, v, strlen(v),
		    NULL)) != 0)
			return rc;
	if (rt->raw) {
		r->raw = "";
		r->raw_len = 0;
	}
	if (r->method != METHOD_POST || r->clen == 0)
		return 0;
	/* Refused before a byte is read. (No length and no type may still
	 * be an empty body: read it to see.) */
	if (r->clen > (long long)max)
		return 413;
	if ((type & accept) == 0 && (r->clen > 0 || *r->ctype != '\0'))
		return 415;
	if (type == CT_MULTIPART) {
		if ((rc = multipart_init(&mp, r->a, r->ctype, &sink)) == 0 &&
		    (rc = read_body(r, in, max, chunk_to_multipart, &mp)) == 0)
			rc = multipart_end(&mp);
		if (s.fd >= 0)
			close(s.fd);
		return rc;
	}
	buf_init(&body, r->a, r->clen > 0 ? (size_t)r->clen + 1 : 1024);
	if ((rc = read_body(r, in, max, chunk_to_buf, &body)) != 0)
		return rc;
	if (body.len > 0 && (type & accept) == 0)
		return 415;
	if (rt->raw) {
		r->raw = buf_str(&body);
		r->raw_len = body.len;
	}
	if (type == CT_FORM)
		return form_parse(r->a, body.p, body.len, &r->form);
	return 0;
}

void
http_spool_init(const char *dir, const char *prefix)
{
	DIR		*d;
	struct dirent	*e;
	char		 path[4096];
	size_t		 n = strlen(prefix);

	spool_dir = dir;
	spool_prefix = prefix;
	if ((d = opendir(dir)) == NULL)
		log_fatal("%s: spool_dir %s: %s", __func__, dir,
		    strerror(errno));
	/* What a run that died left behind. */
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, prefix, n) == 0 && e->d_name[n] == '-' &&
		    (size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		    e->d_name) < sizeof(path))
			spool_unlink(path);
	closedir(d);
}

void
http_routes_check(const struct app *app)
{
	const struct route	*rt;
	const char		*why;
	size_t			 i, nh;

	for (i = 0; i < app->nroutes; i++) {
		rt = &app->routes[i];
		for (nh = 0; rt->headers != NULL && rt->headers[nh] != NULL;
		    nh++)
			;
		why = NULL;
		if (rt->methods == 0 ||
		    (rt->methods & ~(unsigned)(METHOD_GET | METHOD_POST)) != 0)
			why = "methods are GET, POST or both";
		else if (rt->pattern == NULL || rt->pattern[0] != '/' ||
		    rt->fn == NULL)
			why = "a pattern and a handler";
		else if (rt->auth != AUTH_SESSION && rt->roles != ROLE_PUBLIC)
			why = "roles need the session (AUTH_SESSION)";
		else if (rt->body_max > HTTP_BODY_CEILING)
			why = "a body limit over HTTP_BODY_CEILING";
		else if ((rt->accept & ~(unsigned)(CT_FORM | CT_MULTIPART |
		    CT_JSON | CT_TEXT)) != 0)
			why = "an unknown content type";
		else if ((rt->accept & (CT_JSON | CT_TEXT)) != 0 && !rt->raw)
			why = "a JSON or text body is given raw (.raw = 1)";
		else if ((rt->accept & CT_MULTIPART) != 0 && rt->raw)
			why = "a multipart body is streamed, never raw";
		else if (nh > HTTP_HEADERS_MAX)
			why = "more than HTTP_HEADERS_MAX headers";
		else if ((unsigned)rt->resp >= RESP__MAX)
			why = "an unknown answer kind";
		if (why != NULL)
			log_fatal("%s: %s route %s: %s", __func__, app->name,
			    rt->pattern ? rt->pattern : "(none)", why);
	}
}

const char *
http_query(const struct req *r, const char *name)
{
	const struct kv	*v = form_find(&r->query, name);

	return v ? v->val : NULL;
}

const char *
http_form(const struct req *r, const char *name)
{
	const struct kv	*v = form_find(&r->form, name);

	return v ? v->val : NULL;
}

const struct upload *
http_upload(const struct req *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < r->nuploads; i++)
		if (strcmp(r->uploads[i].field, name) == 0)
			return &r->uploads[i];
	return NULL;
}

const struct kv *
http_file(const struct req *r, const char *name)
{
	const struct upload	*up = http_upload(r, name);
	struct kv		*v;
	char			*p;
	size_t			 n;
	ssize_t			 got;
	int			 fd;

	if (up == NULL)
		return NULL;
	if ((fd = open(up->path, O_RDONLY | O_CLOEXEC)) < 0) {
		log_warnx("%s: %s: %s", __func__, up->path, strerror(errno));
		return NULL;
	}
	p = arena_alloc(r->a, (size_t)up->size + 1);
	for (n = 0; n < (size_t)up->size; n += (size_t)got)
		if ((got = read(fd, p + n, (size_t)up->size - n)) <= 0) {
			if (got < 0 && errno == EINTR) {
				got = 0;
				continue;
			}
			log_warnx("%s: %s: short read", __func__, up->path);
			close(fd);
			return NULL;
		}
	close(fd);
	p[n] = '\0';
	v = arena_zalloc(r->a, sizeof(*v));
	v->key = up->field;
	v->val = p;
	v->len = n;
	v->filename = up->filename;
	return v;
}

const char *
http_in_header(const struct req *r, const char *name)
{
	const char *const	*h;
	size_t			 i;

	for (h = r->route ? r->route->headers : NULL; h && *h; h++)
		if (strcasecmp(*h, name) == 0)
			break;
	if (h == NULL || *h == NULL) {
		log_warnx("%s: %s is not a header of the route", __func__,
		    name);
		return NULL;
	}
	for (i = 0; i < r->in_headers.n; i++)
		if (strcasecmp(r->in_headers.v[i].key, name) == 0)
			return r->in_headers.v[i].val;
	return NULL;
}

const char *
http_param(const struct req *r, const char *name)
{
	return r->method == METHOD_POST ? http_form(r, name) :
	    http_query(r, name);
}

const char *
http_cookie(const struct req *r, const char *name)
{
	const struct kv	*v = form_find(&r->cookies, name);

	return v ? v->val : NULL;
}

const char *
http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Entity";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

int
http_may(const struct req *r, enum method m, const char *pattern)
{
	const struct route	*rt;
	size_t			 i;

	for (i = 0; i < r->app->nroutes; i++) {
		rt = &r->app->routes[i];
		if ((rt->methods & m) != 0 && strcmp(rt->pattern, pattern) == 0)
			return rt->roles == ROLE_PUBLIC ||
			    (rt->roles & r->ctx->actor.role) != 0;
	}
	log_warnx("%s: no route %s %s", __func__,
	    m == METHOD_POST ? "POST" : "GET", pattern);
	return 0;
}

enum see
http_sees(const struct req *r, enum data d, int mine)
{
	if (r->route == NULL || (unsigned)d >= DATA__MAX ||
	    (r->route->data & DATA_BIT(d)) == 0)
		return SEE_NONE;
	return access_sees(r->ctx->actor.role, d, mine);
}

void
http_status(struct req *r, int status)
{
	r->status = status;
}

static const char *const resp_types[RESP__MAX] = {
	[RESP_HTML] = "text/html; charset=utf-8",
	[RESP_TEXT] = "text/plain; charset=utf-8",
	[RESP_JSON] = "application/json; charset=utf-8",
	[RESP_PDF] = "application/pdf",
	[RESP_CSV] = "text/csv; charset=utf-8",
	[RESP_JPEG] = "image/jpeg",
};

void
http_kind(struct req *r, enum resp kind)
{
	r->content_type = resp_types[kind];
}

void
http_body_text(struct req *r, const char *text)
{
	r->body.len = 0;
	buf_puts(&r->body, text);
	http_kind(r, RESP_TEXT);
}

void
http_body_json(struct req *r, const char *json)
{
	r->body.len = 0;
	buf_puts(&r->body, json);
	http_kind(r, RESP_JSON);
}

void
http_json(struct req *r, json_t *j)
{
	char	*s;

	if (j == NULL) {
		/* json_pack() refused its arguments: a programming error. */
		log_warnx("%s: no JSON value for %s", __func__, r->uri);
		r->status = 500;
		http_body_json(r, "{\"ok\":false,\"status\":500}");
		return;
	}
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (s == NULL)
		abort();	/* only out of memory: arena.h's policy */
	http_body_json(r, s);
	free(s);
}

void
http_body_file(struct req *r, enum resp kind, const char *filename,
    int attachment)
{
	http_kind(r, kind);
	http_header(r, "Content-Disposition", arena_printf(r->a,
	    "%s; filename=\"%s\"", attachment ? "attachment" : "inline",
	    filename));
}

void
http_header(struct req *r, const char *name, const char *value)
{
	/* Header values are built by the program; refuse line breaks. */
	if (strpbrk(value, "\r\n") != NULL) {
		log_warnx("%s: dropped header %s with a line break",
		    __func__, name);
		return;
	}
	buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

void
http_redirect(struct req *r, const char *location)
{
	r->status = 303;
	http_header(r, "Location", location);
}

void
http_set_cookie(struct req *r, const char *name, const char *value,
    const char *path, int max_age)
{
	char	*v;

	v = arena_printf(r->a, "%s=%s; Path=%s; HttpOnly; SameSite=Lax%s",
	    name, value, path, r->https ? "; Secure" : "");
	if (max_age >= 0)
		v = arena_printf(r->a, "%s; Max-Age=%d", v, max_age);
	http_header(r, "Set-Cookie", v);
}

/*
 * Every dynamic answer carries the same security headers. nginx adds the
 * same set to every answer, its own included (conf/nginx.conf.in), and
 * hides these copies so that each header comes once; tests/http/
 * test_nginx.py checks that the two sets agree.
 */
static const char security_headers[] =
    "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n"
    "Cache-Control: no-store\r\n";

void
http_send(struct req *r)
{
	FCGX_Request	*fr = r->fcgi;
	char		 head[256];
	int		 n;

	if (r->status == 0)
		r->status = 200;
	n = snprintf(head, sizeof(head),
	    "Status: %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n",
	    r->status, http_reason(r->status),
	    r->content_type ? r->content_type : resp_types[RESP_HTML],
	    r->body.len);
	FCGX_PutStr(head, n, fr->out);
	FCGX_PutStr(security_headers, (int)sizeof(security_headers) - 1,
	    fr->out);
	FCGX_PutStr(r->headers.p, (int)r->headers.len, fr->out);
	FCGX_PutStr("\r\n", 2, fr->out);
	if (r->body.len > 0)
		FCGX_PutStr(r->body.p, (int)r->body.len, fr->out);
}
