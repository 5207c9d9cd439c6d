/*
 * http.c - parsing a FastCGI request under limits, and sending the answer.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>
#include <jansson.h>

#include "http.h"
#include "log.h"
#include "redirect.h"
#include "width.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
http_urldecode(struct arena *a, const char *s, size_t n, int plus,
    size_t *outlen)
{
	char	*out = arena_alloc(a, n + 1), *p = out;
	size_t	 i;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '%') {
			if (i + 2 >= n)
				return NULL;	/* truncated escape */
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			*p++ = (char)(hi << 4 | lo);
			i += 2;
		} else if (plus && s[i] == '+')
			*p++ = ' ';
		else
			*p++ = s[i];
	}
	*p = '\0';
	if (outlen != NULL)
		*outlen = (size_t)(p - out);
	return out;
}

static int
kv_push(struct arena *a, struct kvlist *l, const char *key, const char *val,
    size_t len, const char *filename)
{
	struct kv	*v;

	if (l->n >= HTTP_FIELDS_MAX)
		return 400;
	if ((l->n & (l->n - 1)) == 0) {
		/* Grow at powers of two. */
		v = arena_alloc(a, sizeof(*v) * (l->n ? l->n * 2 : 8));
		if (l->n)
			memcpy(v, l->v, sizeof(*v) * l->n);
		l->v = v;
	}
	l->v[l->n].key = key;
	l->v[l->n].val = val;
	l->v[l->n].len = len;
	l->v[l->n].filename = filename;
	l->n++;
	return 0;
}

int
http_parse_urlencoded(struct arena *a, const char *s, size_t n,
    struct kvlist *l)
{
	const char	*end = s + n, *amp, *eq;
	char		*key, *val;
	size_t		 klen, vlen;

	while (s < end) {
		amp = memchr(s, '&', (size_t)(end - s));
		if (amp == NULL)
			amp = end;
		if (amp == s) {
			s++;
			continue;
		}
		eq = memchr(s, '=', (size_t)(amp - s));
		if (eq == NULL)
			eq = amp;
		key = http_urldecode(a, s, (size_t)(eq - s), 1, &klen);
		val = eq < amp ? http_urldecode(a, eq + 1,
		    (size_t)(amp - eq - 1), 1, &vlen) : arena_strdup(a, "");
		if (eq == amp)
			vlen = 0;
		if (key == NULL || val == NULL)
			return 400;
		if (klen == 0 || klen > HTTP_KEY_MAX ||
		    !utf8_text_ok(key, klen) || !utf8_text_ok(val, vlen))
			return 400;
		if (kv_push(a, l, key, val, vlen, NULL))
			return 400;
		s = amp + 1;
	}
	return 0;
}

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
				kv_push(a, l, arena_strndup(a, k, kl),
				    arena_strndup(a, v, vl), vl, NULL);
		}
		s = semi;
	}
}

/*
 * multipart/form-data: each part's name (and filename) from its
 * Content-Disposition. A part with a filename is an uploaded file: its
 * bytes go, as sent, to files, which only a page that asks for that file
 * by name reads (http_file), and which decodes it itself. Every other
 * part is a field, in fields, and must be UTF-8 like any other; names
 * and file names too.
 */
int
http_parse_multipart(struct arena *a, const char *ctype, const char *body,
    size_t n, struct kvlist *fields, struct kvlist *files)
{
	const char	*b, *end = body + n, *p, *hdr_end, *next, *q;
	char		*delim, *name, *fname;
	size_t		 dlen, vlen;

	if ((b = strstr(ctype, "boundary=")) == NULL)
		return 400;
	b += strlen("boundary=");
	if (*b == '"')
		b++;
	dlen = strcspn(b, "\";, ");
	if (dlen == 0 || dlen > 70)
		return 400;
	delim = arena_printf(a, "--%.*s", (int)dlen, b);
	dlen += 2;

	p = body;
	if ((size_t)(end - p) < dlen || memcmp(p, delim, dlen) != 0)
		return 400;
	for (;;) {
		p += dlen;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0;			/* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return 400;
		p += 2;
		hdr_end = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (hdr_end == NULL)
			return 400;
		name = fname = NULL;
		for (q = p; q < hdr_end; ) {
			const char *eol = memmem(q, (size_t)(hdr_end - q) + 2,
			    "\r\n", 2);
			size_t ll = (size_t)(eol - q);
			char *line = arena_strndup(a, q, ll);

			if (strncasecmp(line, "Content-Disposition:", 20) == 0) {
				char *s;

				if ((s = strstr(line, " name=\"")) != NULL ||
				    (s = strstr(line, ";name=\"")) != NULL) {
					s += 7;
					name = arena_strndup(a, s,
					    strcspn(s, "\""));
				}
				if ((s = strstr(line, "filename=\"")) != NULL) {
					s += 10;
					fname = arena_strndup(a, s,
					    strcspn(s, "\""));
				}
			}
			q = eol + 2;
		}
		p = hdr_end + 4;
		next = memmem(p, (size_t)(end - p), delim, dlen);
		if (next == NULL || next - p < 2 ||
		    next[-2] != '\r' || next[-1] != '\n')
			return 400;
		vlen = (size_t)(next - 2 - p);
		if (name == NULL || *name == '\0' ||
		    strlen(name) > HTTP_KEY_MAX ||
		    !utf8_text_ok(name, strlen(name)) ||
		    (fname == NULL && !utf8_text_ok(p, vlen)) ||
		    (fname != NULL && !utf8_text_ok(fname, strlen(fname))))
			return 400;
		if (kv_push(a, fname != NULL ? files : fields, name,
		    arena_strndup(a, p, vlen), vlen, fname))
			return 400;
		p = next;
	}
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
http_parse(struct req *r, char **envp, void *instream)
{
	const char	*method, *uri, *q, *clen, *ctype;
	char		*body, *end;
	size_t		 plen, prefix, n;
	long long	 len;
	int		 rc, got;

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

	uri = env(envp, "REQUEST_URI");
	if (uri == NULL || *uri != '/')
		return 400;
	r->uri = uri;
	q = strchr(uri, '?');
	plen = q ? (size_t)(q - uri) : strlen(uri);
	if (plen > HTTP_PATH_MAX)
		return 414;
	r->path = http_urldecode(r->a, uri, plen, 0, &n);
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
	    (rc = http_parse_urlencoded(r->a, q + 1, strlen(q + 1),
	    &r->query)) != 0)
		return rc;

	http_parse_cookies(r->a, env(envp, "HTTP_COOKIE"), &r->cookies);

	if (r->method != METHOD_POST)
		return 0;
	clen = env(envp, "CONTENT_LENGTH");
	if (clen == NULL || *clen == '\0')
		len = 0;
	else {
		len = strtoll(clen, &end, 10);
		if (*end != '\0' || len < 0)
			return 400;
	}
	if (len > HTTP_BODY_MAX)
		return 413;
	body = arena_alloc(r->a, (size_t)len + 1);
	for (n = 0; n < (size_t)len; n += (size_t)got) {
		got = FCGX_GetStr(body + n, (int)((size_t)len - n), instream);
		if (got <= 0)
			return 400;
	}
	body[len] = '\0';
	ctype = env(envp, "CONTENT_TYPE");
	if (ctype == NULL)
		ctype = "";
	if (strncasecmp(ctype, "multipart/form-data", 19) == 0)
		return http_parse_multipart(r->a, ctype, body, (size_t)len,
		    &r->form, &r->files);
	if (len > 0 && strncasecmp(ctype,
	    "application/x-www-form-urlencoded", 33) != 0)
		return 415;
	return http_parse_urlencoded(r->a, body, (size_t)len, &r->form);
}

static const struct kv *
kv_find(const struct kvlist *l, const char *name)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, name) == 0)
			return &l->v[i];
	return NULL;
}

const char *
http_query(const struct req *r, const char *name)
{
	const struct kv	*v = kv_find(&r->query, name);

	return v ? v->val : NULL;
}

const char *
http_form(const struct req *r, const char *name)
{
	const struct kv	*v = kv_find(&r->form, name);

	return v ? v->val : NULL;
}

const struct kv *
http_file(const struct req *r, const char *name)
{
	return kv_find(&r->files, name);
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
	const struct kv	*v = kv_find(&r->cookies, name);

	return v ? v->val : NULL;
}

char *
http_urlencode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf	 b;
	unsigned char	 c;

	buf_init(&b, a, strlen(s) * 3 + 1);
	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
		    c == '/')
			buf_putc(&b, (char)c);
		else {
			buf_putc(&b, '%');
			buf_putc(&b, hex[c >> 4]);
			buf_putc(&b, hex[c & 15]);
		}
	}
	return buf_str(&b);
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
		if (rt->method == m && strcmp(rt->pattern, pattern) == 0)
			return rt->roles == ROLE_PUBLIC ||
			    (rt->roles & r->ctx->actor.role) != 0;
	}
	log_warnx("%s: no route %s %s", __func__,
	    m == METHOD_POST ? "POST" : "GET", pattern);
	return 0;
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
