/*
 * household.c - GET /staff/households/#: one household - its premises,
 * owners, account (owed, overdue, months overdue, tier, prepaid), bills
 * and payments. Outside the user's estates it is 404.
 * Renders templates/staff/household.tpl.
 */
#include "arena.h"
#include "arrears.h"
#include "cal.h"
#include "db.h"
#include "deferral.h"
#include "http.h"
#include "labels.h"
#include "ledger.h"
#include "occupancy.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

#define BILLS_PER_PAGE	24
#define PAYMENTS_SHOWN	20

SQL_DEF(SQL_HOUSEHOLD_OWNERS,
    "SELECT o.id, o.name, o.phone, o.birth_year, o.notify_sms,"
    " o.notify_wechat AND o.wechat_openid <> '',"
    " o.notify_app AND o.app_device <> '', po.is_primary"
    " FROM premises_owners po JOIN owners o ON o.id = po.owner_id"
    " WHERE po.premises_id = ? ORDER BY po.is_primary DESC, o.id");

SQL_DEF(SQL_HOUSEHOLD_BILL_COUNT,
    "SELECT COUNT(*) FROM bills b WHERE b.premises_id = ?"
    " AND (? = 0 OR b.status IN ('unpaid', 'partial'))");

SQL_DEF(SQL_HOUSEHOLD_BILLS,
    "SELECT b.id, fi.name, b.period_start, b.period_months, b.amount_fen,"
    " " LEDGER_PAID_SQL ", b.status, " DEFERRAL_DUE_SQL ","
    " " LEDGER_WAIVED_SQL ","
    " " LEDGER_OWED_SQL ","
    " pfi.name, pb.period_start, pb.period_months"
    " FROM bills b JOIN fee_items fi ON fi.id = b.fee_item_id"
    " LEFT JOIN (bills pb JOIN fee_items pfi ON pfi.id = pb.fee_item_id)"
    "  ON pb.id = b.late_of"
    " WHERE b.premises_id = ?"
    " AND (? = 0 OR b.status IN ('unpaid', 'partial'))"
    " ORDER BY b.period_start DESC, fi.sort, b.id DESC LIMIT ? OFFSET ?");

SQL_DEF(SQL_HOUSEHOLD_PAYMENTS,
    "SELECT p.id, p.paid_at, p.amount_fen, p.channel, p.payer_name,"
    " COALESCE(rc.id, 0), COALESCE(rc.number, ''), COALESCE(st.name, ''),"
    " (rv.receipt_id IS NOT NULL), (p.reverses_id IS NOT NULL)"
    " FROM payments p LEFT JOIN receipts rc ON rc.payment_id = p.id"
    " LEFT JOIN receipt_voids rv ON rv.receipt_id = rc.id"
    " LEFT JOIN staff st ON st.id = p.collector_id"
    " WHERE p.premises_id = ?"
    " ORDER BY p.paid_at DESC, p.id DESC LIMIT ?");

static const char *const statuses[] = { "all", "unpaid", NULL };

static const struct field fields[] = {
	{ "status", "账单状态", V_CHOICE, 0, 0, 0, statuses },
	{ "page", "页码", V_INT, 0, 1, 100000, NULL },
};

static int
owners(struct req *r, struct tmpl *d, int64_t id, struct date today)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*name, *phone;
	int64_t		 oid, born, sms, wechat, app, primary;
	int		 rc, msg = http_may(r, METHOD_GET,
			    "/households/#/owners/#/messages");
	/* Phones and ages as the user's role sees them (access.c): a
	 * collector's own households in full, another's phone masked. */
	enum see	 phone_sight = scope_sees_data(r, DATA_OWNER_PHONE, id);
	int		 hardship = scope_sees_data(r, DATA_HARDSHIP, id) ==
			    SEE_ALL;

	if (r->ctx->db_failed)
		return -1;
	if ((res = db_query(r->ctx, &SQL_HOUSEHOLD_OWNERS, "i", id)) == NULL)
		return -1;
	while ((rc = db_row(res, "issIiiii", &oid, &name, &phone, &born, &sms,
	    &wechat, &app, &primary)) == 1) {
		row = tmpl_row(d, "OWNER");
		tmpl_set(row, "NAME", name);
		tmpl_set(row, "PHONE", access_phone(r->a, phone_sight, phone));
		if (phone_sight == SEE_ALL)
			tmpl_show(row, "TEL");
		if (born != DB_NULL && hardship) {
			tmpl_set_int(row, "AGE", today.y - born);
			tmpl_show(row, "HAS_AGE");
			if (today.y - born >= 80)
				tmpl_show(row, "OVER_80");
		}
		if (primary)
			tmpl_show(row, "PRIMARY");
		/* the channels messages go by: chosen and bound (msgbox.h) */
		tmpl_set(row, "CHANNELS", arena_printf(r->a, "%s%s%s%s",
		    sms ? "短信 " : "", wechat ? "微信 " : "",
		    app ? "App 推送" : "", sms || wechat || app ? "" : "无"));
		if (msg) {
			tmpl_show(row, "CAN_MSG");
			tmpl_set_int(row, "OWNER_ID", oid);
			tmpl_set_int(row, "HH_ID", id);
		}
	}
	return rc;
}

static int
bills(struct req *r, struct tmpl *d, int64_t id, int unpaid, int64_t page)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*item, *start, *status, *due, *late_item, *late_start;
	int64_t		 bid, months, amount, paid, waived, owed, total;
	int64_t		 late_months;
	int		 rc;

	if (db_one(r->ctx, &SQL_HOUSEHOLD_BILL_COUNT, "ii", "i", id,
	    (int64_t)unpaid, &total) < 0)
		return -1;
	res = db_query(r->ctx, &SQL_HOUSEHOLD_BILLS, "iiii", id, (int64_t)unpaid,
	    (int64_t)BILLS_PER_PAGE, (page - 1) * BILLS_PER_PAGE);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "issiiissiiSSI", &bid, &item, &start, &months,
	    &amount, &paid, &status, &due, &waived, &owed, &late_item,
	    &late_start, &late_months)) == 1) {
		row = tmpl_row(d, "BILL");
		tmpl_set_int(row, "BILL_ID", bid);
		tmpl_set(row, "ITEM", item);
		/* a late fee (sql/043): whose principal bill it is of */
		if (late_start != NULL) {
			tmpl_show(row, "LATE_FEE");
			tmpl_set(row, "LATE_OF", label_late_of(r->a, late_start,
			    (int)late_months, late_item));
		}
		tmpl_set(row, "PERIOD", label_period(r->a, start,
		    (int)months));
		page_money(row, "AMOUNT", amount);
		page_money(row, "PAID", paid);
		/* A waiver (all or part) by its own name: what is left adds up. */
		if (waived > 0) {
			tmpl_show(row, "BILL_WAIVED");
			page_money(row, "WAIVED", waived);
		}
		page_money(row, "OWED", owed);
		tmpl_set(row, "STATUS", label_bill_state(status, paid, waived));
		tmpl_set(row, "STATUS_KEY", status);
		tmpl_set(row, "DUE", due);
	}
	if (rc < 0)
		return -1;
	if (total == 0)
		tmpl_show(d, "NO_BILLS");
	page_pager(r, d, arena_printf(r->a, "/staff/households/%lld%s",
	    (long long)id, unpaid ? "?status=unpaid" : ""), page,
	    BILLS_PER_PAGE, total);
	return 0;
}

static int
payments(struct req *r, struct tmpl *d, int64_t id)
{
	struct db_res	*res;
	struct tmpl	*row;
	const char	*at, *channel, *payer, *number, *collector;
	int64_t		 pid, amount, rid, voided, reversal;
	int		 rc;

	res = db_query(r->ctx, &SQL_HOUSEHOLD_PAYMENTS, "ii", id,
	    (int64_t)PAYMENTS_SHOWN);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "isississii", &pid, &at, &amount, &channel,
	    &payer, &rid, &number, &collector, &voided, &reversal)) == 1) {
		row = tmpl_row(d, "PAYMENT");
		tmpl_set(row, "DATE", at);
		page_money_signed(row, "AMOUNT", amount);
		tmpl_set(row, "CHANNEL", label_channel(channel));
		tmpl_set(row, "PAYER", payer);
		tmpl_set(row, "RECEIPT", number);
		tmpl_set_int(row, "RECEIPT_ID", rid);
		if (rid)
			tmpl_show(row, "HAS_RECEIPT");
		if (voided)
			tmpl_show(row, "VOIDED");
		if (reversal)
			tmpl_show(row, "REVERSAL");
		/* A reversal's is who voided it; a credit's, who approved. */
		tmpl_set(row, "COLLECTOR", reversal ? collector :
		    label_taker(r->a, channel, collector));
	}
	return rc < 0 ? -1 : 0;
}

void
page_household(struct req *r)
{
	struct fval		 v[2];
	struct tmpl		*d;
	struct household	 h;
	struct account		 acc;
	struct arrears		 arr;
	struct date		 today = cal_today();
	int			 unpaid;

	if (valid_fields(r, fields, 2, v) > 0) {
		page_error(r, 400, v[0].err ? v[0].err : v[1].err);
		return;
	}
	if (scope_standing(r, r->ids[0], today, &h, &acc, &arr) < 0)
		return;
	unpaid = v[0].set && v[0].i == 1;

	d = page_new(r, "staff/household.tpl", h.label);
	tmpl_set_int(d, "ID", h.id);
	tmpl_set(d, "ESTATE", h.estate);
	tmpl_set_int(d, "ESTATE_ID", h.estate_id);
	tmpl_set(d, "LABEL", h.label);
	tmpl_set(d, "OCCUPANCY", label_occupancy(h.occupancy));
	tmpl_set(d, "AREA", label_area(r->a, h.area_x100));
	tmpl_set_int(d, "FLOOR", h.floor);
	page_money(d, "OWED", acc.owed_fen);
	page_money(d, "OVERDUE", acc.overdue_fen);
	page_money(d, "PREPAID", acc.prepaid_fen);
	tmpl_set(d, "MONTHS", arr.nbills > 0 ? arrears_months_words(r->a,
	    arr.months) : "无逾期");
	tmpl_set(d, "NEXT_DUE", acc.next_due[0] ? acc.next_due : "—");
	if (arr.tier != TIER_NONE) {
		tmpl_show(d, "HAS_TIER");
		tmpl_set(d, "TIER_KEY", tier_key(arr.tier));
		tmpl_set(d, "TIER_LABEL", tier_label(arr.tier));
	} else if (arr.deferred) {
		char	 until[11];

		/* 缓交中 (deferral.h): no tier while it lasts */
		tmpl_show(d, "DEFERRED");
		tmpl_set(d, "DEFERRED_UNTIL", label_date(r->a,
		    cal_fmt(until, arr.deferred_until)));
	} else
		tmpl_show(d, "NO_TIER");
	/* Each link only to those the route table lets through. */
	if (http_may(r, METHOD_GET, "/households/#/pay"))
		tmpl_show(d, "CAN_PAY");
	/* The case file's button, to those who see this household's
	 * (access.c: a collector their own households'). */
	if (http_may(r, METHOD_GET, "/households/#/case") &&
	    scope_sees_data(r, DATA_CASE, h.id) == SEE_ALL)
		tmpl_show(d, "CAN_CASE");
	if (http_may(r, METHOD_GET, "/households/#/credits/new"))
		tmpl_show(d, "CAN_LOG_CREDIT");
	if (http_may(r, METHOD_GET, "/households/#/deferrals/new"))
		tmpl_show(d, "CAN_LOG_DEFERRAL");
	if (http_may(r, METHOD_GET, "/households/#/requests/new"))
		tmpl_show(d, "CAN_LOG_REQUEST");
	/* 收费咨询及异议 (enquiries.c): log one, and this household's. */
	if (http_may(r, METHOD_GET, "/households/#/enquiries/new"))
		tmpl_show(d, "CAN_LOG_ENQUIRY");
	if (http_may(r, METHOD_GET, "/enquiries"))
		tmpl_show(d, "CAN_SEE_ENQUIRIES");
	/* 空置房托管 (custody.c, issue 13): a vacant household's agreement */
	if (http_may(r, METHOD_GET, "/households/#/custody") &&
	    occupancy_parse(h.occupancy) == OCC_VACANT)
		tmpl_show(d, "CAN_CUSTODY");
	tmpl_show(d, unpaid ? "FILTER_UNPAID" : "FILTER_ALL");
	if (owners(r, d, h.id, today) < 0 ||
	    bills(r, d, h.id, unpaid, v[1].set ? v[1].i : 1) < 0 ||
	    payments(r, d, h.id) < 0)
		return;
	page_render(r, 200);
}
