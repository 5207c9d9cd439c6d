/*
 * auditlog.c - GET /staff/audit: the audit log of an estate (who did
 * what to which money, when), newest first, filtered by dates and action.
 * Renders templates/staff/auditlog.tpl.
 */
#include <string.h>

#include "arena.h"
#include "codes.h"
#include "cal.h"
#include "db.h"
#include "http.h"
#include "money.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

#define PER_PAGE	50

#define AUDIT_WHERE \
    " WHERE a.estate_id = ? AND a.at >= ? AND a.at < DATE_ADD(?, INTERVAL 1 DAY)" \
    " AND (? IS NULL OR a.action = ?)"

SQL_DEF(SQL_AUDIT_COUNT,
    "SELECT COUNT(*) FROM audit_log a" AUDIT_WHERE);

SQL_DEF(SQL_AUDIT_PAGE,
    "SELECT a.at, a.actor_kind, COALESCE(CASE a.actor_kind"
    "  WHEN 'staff' THEN (SELECT s.name FROM staff s WHERE s.id = a.actor_id)"
    "  WHEN 'owner' THEN (SELECT o.name FROM owners o WHERE o.id = a.actor_id)"
    "  END, ''), a.action, a.entity, COALESCE(a.entity_id, 0),"
    " a.amount_fen, a.detail, a.ip"
    " FROM audit_log a" AUDIT_WHERE
    " ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?");

SQL_DEF(SQL_AUDIT_ACTIONS,
    "SELECT DISTINCT action FROM audit_log WHERE estate_id = ? ORDER BY action");

static const struct field fields[] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "from", "开始日期", V_DATE, 0, 0, 0, NULL },
	{ "to", "结束日期", V_DATE, 0, 0, 0, NULL },
	{ "action", "操作", V_TEXT, 0, 1, 40, NULL },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
};

void
page_auditlog(struct req *r)
{
	struct fval	 v[5];
	struct tmpl	*d, *row;
	struct db_res	*res;
	struct estate	 e;
	struct date	 t = cal_today();
	const char	*from, *to, *action, *at, *kind, *who, *act, *entity;
	const char	*detail, *ip;
	char		 buf[11], amt[MONEY_FMT_MAX];
	int64_t		 total, page, eid, amount;
	int		 rc, errs;

	errs = valid_fields(r, fields, 5, v);
	d = page_new(r, "staff/auditlog.tpl", "操作日志");
	if ((rc = scope_estate(r, v[0].set && !v[0].err ? v[0].i : 0, &e,
	    d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	valid_to_tmpl(d, fields, 5, v);
	to = v[2].set && !v[2].err ? v[2].s :
	    arena_strdup(&r->a, cal_fmt(buf, t));
	from = v[1].set && !v[1].err ? v[1].s :
	    arena_strdup(&r->a, cal_fmt(buf, cal_add_months(t, -1)));
	action = v[3].set && !v[3].err ? v[3].s : NULL;
	page = v[4].set && !v[4].err ? v[4].i : 1;
	tmpl_set(d, "FROM_VAL", from);
	tmpl_set(d, "TO_VAL", to);
	tmpl_set_int(d, "ESTATE_ID", e.id);
	if ((res = db_query(r, &SQL_AUDIT_ACTIONS, "i", e.id)) == NULL)
		return;
	while ((rc = db_row(res, "s", &act)) == 1) {
		row = tmpl_row(d, "ACTION_OPT");
		tmpl_set(row, "ACTION", act);
		if (action && strcmp(action, act) == 0)
			tmpl_show(row, "SELECTED");
	}
	if (rc < 0)
		return;
	if (errs) {
		page_render(r, 400);
		return;
	}
	if (db_one(r, &SQL_AUDIT_COUNT, "issss", "i", e.id, from, to, action,
	    action, &total) != 1)
		return;
	res = db_query(r, &SQL_AUDIT_PAGE, "issssii", e.id, from, to, action,
	    action, (int64_t)PER_PAGE, (page - 1) * PER_PAGE);
	if (res == NULL)
		return;
	while ((rc = db_row(res, "sssssiIss", &at, &kind, &who, &act, &entity,
	    &eid, &amount, &detail, &ip)) == 1) {
		row = tmpl_row(d, "ENTRY");
		tmpl_set(row, "AT", at);
		tmpl_set(row, "WHO", who[0] ? who :
		    actor_kind_parse(kind) == ACTOR_SYSTEM ? "系统" : "—");
		tmpl_set(row, "ACTION", act);
		tmpl_set(row, "ENTITY", entity);
		tmpl_set_int(row, "ENTITY_ID", eid);
		tmpl_set(row, "AMOUNT", amount == DB_NULL ? "" :
		    money_fmt(amt, amount));
		tmpl_set(row, "DETAIL", detail);
		tmpl_set(row, "IP", ip);
	}
	if (rc < 0)
		return;
	page_pager(r, d, arena_printf(&r->a,
	    "/staff/audit?estate=%lld&from=%s&to=%s%s%s", (long long)e.id, from,
	    to, action ? "&action=" : "", action ? http_urlencode(&r->a,
	    action) : ""), page, PER_PAGE, total);
	page_render(r, 200);
}
