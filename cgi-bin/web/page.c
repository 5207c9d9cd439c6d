/*
 * page.c - layout, error pages, money and paging helpers, and whom an
 * owner calls (the footer of every owner page).
 */
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "auth.h"
#include "db.h"
#include "form.h"
#include "http.h"
#include "labels.h"
#include "money.h"
#include "page.h"
#include "receipt.h"
#include "tmpl.h"

/*
 * The signed-in owner's premises (param: owner; then 0 for all, or one
 * premises twice), each with its estate's service centre and the
 * collector assigned to it (assignments; an inactive one counts as none).
 */
SQL_DEF(SQL_OWNER_CONTACTS,
    "SELECT e.id, e.service_centre, e.phone, e.opening_hours,"
    " bd.name, p.unit, p.room, p.occupancy,"
    " COALESCE(s.name, ''), COALESCE(s.phone, '')"
    " FROM premises_owners po JOIN premises p ON p.id = po.premises_id"
    " JOIN buildings bd ON bd.id = p.building_id"
    " JOIN estates e ON e.id = p.estate_id"
    " LEFT JOIN assignments asg ON asg.premises_id = p.id"
    " LEFT JOIN staff s ON s.id = asg.collector_id AND s.active = 1"
    " WHERE po.owner_id = ? AND (? = 0 OR p.id = ?)"
    " ORDER BY e.id, bd.sort, p.unit, p.room");

/* A phone number as a tel: URI wants it: its digits, a leading +. */
static const char *
tel_digits(struct arena *a, const char *phone)
{
	char	*out = arena_strdup(a, phone), *p = out;

	for (; *phone != '\0'; phone++)
		if ((*phone >= '0' && *phone <= '9') ||
		    (*phone == '+' && p == out))
			*p++ = *phone;
	*p = '\0';
	return out;
}

/* Sets PHONE and TEL of d, and shows section when phone is not empty. */
static void
set_phone(struct req *r, struct tmpl *d, const char *section,
    const char *phone)
{
	if (*phone == '\0')
		return;
	tmpl_show(d, section);
	tmpl_set(d, "PHONE", phone);
	tmpl_set(d, "TEL", tel_digits(r->a, phone));
}

int
page_owner_contacts(struct req *r, struct tmpl *d, int64_t premises_id)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*centre, *phone, *hours, *building, *unit, *room, *occ;
	const char	*collector, *cphone;
	int64_t		 estate, last = 0;
	int		 rc, n = 0;

	res = db_query(r->ctx, &SQL_OWNER_CONTACTS, "iii", r->ctx->actor.id,
	    premises_id, premises_id);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "isssssssss", &estate, &centre, &phone,
	    &hours, &building, &unit, &room, &occ, &collector, &cphone)) == 1) {
		if (estate != last) {
			row = tmpl_row(d, "CENTRE");
			tmpl_set(row, "CENTRE_NAME", centre);
			set_phone(r, row, "CENTRE_PHONE", phone);
			if (*hours != '\0') {
				tmpl_show(row, "CENTRE_HOURS");
				tmpl_set(row, "HOURS", hours);
			}
			last = estate;
		}
		row = tmpl_row(d, "COLLECTOR");
		tmpl_set(row, "PREMISES", label_premises(r->a, building, unit,
		    room, occ));
		if (*collector != '\0') {
			tmpl_show(row, "NAMED");
			tmpl_set(row, "NAME", collector);
			set_phone(r, row, "COLLECTOR_PHONE", cphone);
		} else
			tmpl_show(row, "UNNAMED");
		n++;
	}
	return rc < 0 ? -1 : n;
}

struct tmpl *
page_new(struct req *r, const char *file, const char *title)
{
	struct tmpl	*root, *row;
	size_t		 i;

	/* Starting again (an error after a page began) drops the first. */
	r->body.len = 0;
	root = tmpl_new(r->a);
	r->layout = root;
	tmpl_set(root, "TITLE", title);
	tmpl_set(root, "PREFIX", r->app->prefix);
	tmpl_set(root, "APP", r->app->name);
	/* The back office's look, or the owner portal's. */
	tmpl_show(root, r->app->session == SESSION_STAFF ? "STAFF" : "OWNER");
	if (r->sess.id != 0) {
		tmpl_show(root, "SIGNED_IN");
		tmpl_set(root, "USER_NAME", r->ctx->actor.name ? r->ctx->actor.name : "");
		/* Forms in the page's own template need it too. */
		tmpl_set_global(root, "CSRF", r->sess.csrf);
		for (i = 0; i < r->app->nnav; i++) {
			const struct nav *n = &r->app->nav[i];

			if (!http_may(r, METHOD_GET, n->path))
				continue;
			row = tmpl_row(root, "NAV");
			tmpl_set(row, "NAV_LABEL", n->label);
			tmpl_setf(row, "NAV_URL", "%s%s", r->app->prefix,
			    n->path);
			if (strcmp(n->path, r->path) == 0 ||
			    (strlen(n->path) > 1 &&
			    strncmp(n->path, r->path, strlen(n->path)) == 0))
				tmpl_show(row, "NAV_CURRENT");
		}
	} else
		tmpl_show(root, "SIGNED_OUT");
	/* Elderly mode (elder.h): the body's class "elder", which
	 * static/style.css makes large and high-contrast. */
	if (r->app->session == SESSION_OWNER && r->sess.elder)
		tmpl_show(root, "ELDER");
	/*
	 * An owner's footer says whom to call, unless the page says it in
	 * its body (the bill: once a page). Not after a failed database
	 * call: the error page that follows must not wait on it again.
	 */
	if (r->app->session == SESSION_OWNER && !r->contact_in_page &&
	    (r->sess.id == 0 || r->ctx->db_failed ||
	    page_owner_contacts(r, tmpl_include(root, "CONTACT",
	    "owner/contact.tpl"), 0) <= 0))
		tmpl_show(root, "OWNER_HELP");
	return tmpl_include(root, "BODY", file);
}

void
page_refresh(struct req *r, int seconds)
{
	if (r->layout == NULL)
		return;
	tmpl_show(r->layout, "REFRESH");
	tmpl_set_int(r->layout, "REFRESH_SECONDS", seconds);
}

void
page_render(struct req *r, int status)
{
	r->status = status;
	r->body.len = 0;
	if (r->layout == NULL || tmpl_expand("layout.tpl", r->layout,
	    &r->body) < 0) {
		/* Only a missing template gets here: plain text, no layout. */
		r->status = 500;
		http_body_text(r, "系统出错了，请稍后再试。\n");
	}
}

/* A size as a person reads it: "1 MB", "64 KB". */
static const char *
size_words(struct req *r, size_t n)
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		return arena_printf(r->a, "%zu MB", n / (1024 * 1024));
	if (n >= 1024 && n % 1024 == 0)
		return arena_printf(r->a, "%zu KB", n / 1024);
	return arena_printf(r->a, "%zu 字节", n);
}

static const char *
default_message(struct req *r, int status)
{
	switch (status) {
	case 400:
		return "请求的格式有误（例如网址或表单中有无法识别的字符），"
		    "请返回上一页重新填写。";
	case 403:
		return "您没有权限进行此操作。";
	case 404:
		return "找不到您要的页面，或者您无权查看它。";
	case 405:
		return "该页面不支持这种访问方式。";
	case 413:
		return arena_printf(r->a, "提交的内容太大（超过 %s），请减小后重试。",
		    size_words(r, r->route && r->route->body_max ?
		    r->route->body_max : HTTP_BODY_MAX));
	case 414:
		return "网址太长，无法处理。";
	case 415:
		return "无法识别提交的内容格式。";
	case 429:
		return "操作过于频繁，请稍后再试。";
	case 503:
		return "系统暂时无法连接数据库，请稍后再试。";
	default:
		return "系统出错了，请稍后再试。";
	}
}

/*
 * The error of a route that answers JSON (a gateway, a script): {"ok":
 * false, "status": N, "error": "..."}, the message in Chinese as on the
 * pages.
 */
static void
json_error(struct req *r, int status, const char *msg)
{
	r->status = status;
	http_json(r, json_pack("{s:b, s:i, s:s}", "ok", 0, "status", status,
	    "error", msg));
}

/* The error page, with 重新登录 leading to relogin (or none: NULL). */
static void
error_page(struct req *r, int status, const char *msg, const char *relogin)
{
	struct tmpl	*d;

	/* Headers a half-built page set (cookies, Location) are dropped;
	 * an error page has whom to call in its footer. */
	r->headers.len = 0;
	r->content_type = NULL;
	r->contact_in_page = 0;
	if (msg == NULL)
		msg = default_message(r, status);
	if (r->route != NULL && r->route->resp == RESP_JSON) {
		json_error(r, status, msg);
		if (status == 503)
			http_header(r, "Retry-After", "5");
		return;
	}
	d = page_new(r, "error.tpl", status == 404 ? "页面不存在" :
	    status == 503 ? "暂时无法服务" : "出错了");
	tmpl_set_int(d, "STATUS", status);
	tmpl_set(d, "MESSAGE", msg);
	tmpl_set(d, "HOME_URL", arena_printf(r->a, "%s%s", r->app->prefix,
	    r->sess.id ? r->app->home_path : r->app->login_path));
	if (relogin != NULL) {
		tmpl_show(d, "RELOGIN");
		tmpl_set(d, "RELOGIN_URL", relogin);
	}
	page_render(r, status);
	if (status == 503)
		http_header(r, "Retry-After", "5");
}

void
page_error(struct req *r, int status, const char *msg)
{
	error_page(r, status, msg, NULL);
}

void
page_relogin(struct req *r)
{
	const char	*login = arena_printf(r->a, "%s%s", r->app->prefix,
			    r->app->login_path);

	/* r->referer is a path of this program (http.c checked it with
	 * redirect_ok); login.c checks next= again before it goes there */
	error_page(r, 403, "登录已过期（30 分钟没有操作会自动退出），刚才"
	    "的内容没有提交。请重新登录：登录后回到刚才的页面，请在那里重新"
	    "选择、填写后再提交。", r->referer == NULL ? login :
	    arena_printf(r->a, "%s?next=%s", login,
	    form_encode(r->a, r->referer)));
}

void
page_fail(struct req *r)
{
	page_error(r, r->ctx->db_down ? 503 : 500, r->ctx->db_busy ?
	    "系统正忙，这一页没能及时算完，请稍后再试。" : NULL);
}

void
page_money_signed(struct tmpl *d, const char *key, int64_t fen)
{
	char	 buf[MONEY_FMT_MAX + 8];

	tmpl_set(d, key, money_display(buf, fen));
}

void
page_money(struct tmpl *d, const char *key, int64_t fen)
{
	char	 buf[MONEY_FMT_MAX];

	tmpl_set(d, key, money_fmt(buf, fen));
}

int64_t
page_number(struct req *r)
{
	const char	*s = http_query(r, "page");
	int64_t		 n = 0;

	if (s == NULL || *s == '\0' || strlen(s) > 6)
		return 1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 1;
		n = n * 10 + (*s - '0');
	}
	return n < 1 ? 1 : n;
}

void
page_pager(struct req *r, struct tmpl *d, const char *base, int64_t page,
    int64_t per_page, int64_t total)
{
	int64_t		 pages = total == 0 ? 1 : (total + per_page - 1) / per_page;
	const char	*sep = strchr(base, '?') ? "&" : "?";

	d = tmpl_include(d, "PAGER", "pager.tpl");

	tmpl_set_int(d, "PAGE", page);
	tmpl_set_int(d, "PAGES", pages);
	tmpl_set_int(d, "TOTAL", total);
	if (page > 1) {
		tmpl_show(d, "HAS_PREV");
		tmpl_set(d, "PREV_URL", arena_printf(r->a, "%s%spage=%lld",
		    base, sep, (long long)(page - 1)));
	}
	if (page < pages) {
		tmpl_show(d, "HAS_NEXT");
		tmpl_set(d, "NEXT_URL", arena_printf(r->a, "%s%spage=%lld",
		    base, sep, (long long)(page + 1)));
	}
}

/* 1 when the request asks for a file to save (?download=1), else 0. */
static int
page_download(struct req *r)
{
	const char	*d = http_query(r, "download");

	return d != NULL && strcmp(d, "1") == 0;
}

void
page_send_receipt(struct req *r, const struct receipt *rc)
{
	const char	*url;
	int64_t		 copy = 0, printed;
	int		 staff = (r->ctx->actor.role & ROLE_STAFF) != 0;

	/* A HEAD asks about the file: nothing is printed, nothing counted. */
	if (r->head) {
		http_kind(r, RESP_PDF);
		return;
	}
	/*
	 * Staff prints count as paper (副本 after the first). Drawn first,
	 * recorded once drawn: a print the renderer could not draw is not
	 * counted. Two prints at once may both expect the original; the
	 * record says which one is, and the other is drawn again as 副本.
	 */
	url = receipt_verify_url(r->ctx, rc->code);
	if (staff && receipt_next_copy(r->ctx, rc, &copy) < 0)
		return;
	if (receipt_pdf(rc, url, copy, &r->body) < 0)
		goto away;
	if (receipt_print(r->ctx, rc, staff, &printed) < 0)
		return;
	if (printed != copy) {
		r->body.len = 0;
		if (receipt_pdf(rc, url, printed, &r->body) < 0)
			goto away;
	}
	http_body_file(r, RESP_PDF, arena_printf(r->a, "receipt-%s.pdf",
	    rc->number), page_download(r));
	return;
away:
	/* The renderer is away (restarting) or failed: render.h. */
	page_error(r, 503, "收据文件暂时无法生成，请稍后再试。");
}

