/*
 * notify.c - POST /notify/alipay, /notify/wechat/#, /notify/unionpay: a
 * gateway's
 * asynchronous notification
 * that an order was paid (issue 10; PAYMENTS.md §1.3, "Derived handler
 * recipe"). No session and no CSRF token: the route is AUTH_SIGNED and
 * raw (main.c), and trusts nothing before the adapter has verified the
 * body as sent with the gateway's key.
 *
 * Verified and paid: in one transaction the order row is locked; an
 * order already paid is left as it is (a duplicate - the gateways send
 * the same notification again, and from several senders at once); else
 * the payment, its allocations, receipt number and audit row are written
 * and the order marked paid (payorder_credit). Every notification is
 * logged in pay_notices with what became of it; a refused one (bad
 * signature, unknown merchant, wrong amount ...) changes nothing else.
 *
 * Replies as Alipay reads them: exactly "success" once the notification
 * is dealt with (credited, or credited before, or a state that is not
 * paid), else "fail" with a 4xx (refused: Alipay will send it again, and
 * it will be refused again) or a 503 (we could not write: the next
 * sending will).
 */
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "db.h"
#include "gw.h"
#include "http.h"
#include "log.h"
#include "pages.h"
#include "payorder.h"

/* Logs a refusal and answers "fail" with status. */
static void
refuse(struct req *r, enum gw gw, const struct gw_account *acct,
    const struct gw_notice *n, int status, const char *why)
{
	if (payorder_refused(r->ctx, gw, acct->id ? acct->estate_id : DB_NULL,
	    n, why) < 0)
		return;
	http_status(r, status);
	http_body_text(r, "fail");
}

void
page_notify_alipay(struct req *r)
{
	struct gw_notice	 n;
	struct gw_account	 acct;
	struct payorder		 o;
	struct payment_out	 pay;
	enum payorder_why	 why;
	enum gw_verdict		 v;
	enum books_rc		 rc;
	int			 again;

	v = gw_alipay_notice(r->ctx, r->raw ? r->raw : "", r->raw_len, &n,
	    &acct);
	if (v == GW_NO_KEY || r->ctx->db_failed) {
		log_warnx("notify alipay: %s", gw_why_text(v));
		http_status(r, 503);
		http_body_text(r, "fail");
		return;
	}
	if (v != GW_OK) {
		refuse(r, GW_ALIPAY, &acct, &n, v == GW_BAD_SIGNATURE ? 401 : 400,
		    gw_why_text(v));
		return;
	}
	if (!n.paid) {
		/* WAIT_BUYER_PAY, TRADE_CLOSED: nothing to credit. */
		if (payorder_refused(r->ctx, GW_ALIPAY, acct.estate_id, &n,
		    "not a paid state") == 0)
			http_body_text(r, "success");
		return;
	}
	switch ((rc = payorder_settle(r->ctx, GW_ALIPAY, &acct, &n, &o, &pay,
	    &again, &why))) {
	case BOOKS_OK:
		log_info("notify alipay %s: %s, receipt %s", n.out_trade_no,
		    again ? "already paid" : "paid", pay.receipt_number ?
		    pay.receipt_number : "-");
		http_body_text(r, "success");
		return;
	case BOOKS_NOT_FOUND:
	case BOOKS_INVALID:
		refuse(r, GW_ALIPAY, &acct, &n, rc == BOOKS_NOT_FOUND ? 404 : 409,
		    rc == BOOKS_NOT_FOUND ? "no such order" :
		    payorder_why_text(why));
		return;
	default:
		return;		/* page_fail: 503 or 500, and it comes again */
	}
}

/* WeChat Pay's failure answer: 4xx/5xx with {"code":"FAIL",...} (a 200
 * with FAIL counts as success and is never sent again). */
static void
wechat_fail(struct req *r, int status, const char *message)
{
	http_status(r, status);
	/* http_json takes the reference */
	http_json(r, json_pack("{s:s, s:s}", "code", "FAIL", "message",
	    message));
}

/*
 * POST /notify/wechat/#: WeChat Pay's notification (API v3) for the
 * merchant account # (its notify_url names it). Verified over the body
 * as sent with the platform key its Wechatpay-Serial names, within 5
 * minutes, its resource opened with the APIv3 key; mchid and appid must
 * be the account's. Answers 204 when dealt with (credited now or
 * before); else a 4xx (refused, logged) or 5xx (not written: it comes
 * again) with {"code":"FAIL","message":...}.
 */
void
page_notify_wechat(struct req *r)
{
	struct gw_notice	 n;
	struct gw_account	 acct;
	struct payorder		 o;
	struct payment_out	 pay;
	enum payorder_why	 why;
	enum gw_verdict		 v;
	enum books_rc		 rc;
	int			 again;

	memset(&n, 0, sizeof(n));
	switch (gw_account_by_id(r->ctx, r->ids[0], GW_WECHAT, &acct)) {
	case 1:
		break;
	case 0:
		wechat_fail(r, 404, "no such merchant account");
		return;
	default:
		return;
	}
	v = gw_wechat_notice(r->ctx, &acct,
	    http_in_header(r, "Wechatpay-Timestamp"),
	    http_in_header(r, "Wechatpay-Nonce"),
	    http_in_header(r, "Wechatpay-Signature"),
	    http_in_header(r, "Wechatpay-Serial"),
	    r->raw ? r->raw : "", r->raw_len, &n);
	if (v == GW_NO_KEY || r->ctx->db_failed) {
		log_warnx("notify wechat: %s", gw_why_text(v));
		wechat_fail(r, 503, "暂时无法处理");
		return;
	}
	if (v != GW_OK) {
		if (payorder_refused(r->ctx, GW_WECHAT, acct.estate_id, &n,
		    gw_why_text(v)) == 0)
			wechat_fail(r, v == GW_MALFORMED ? 400 : 401,
			    gw_why_text(v));
		return;
	}
	if (!n.paid) {
		if (payorder_refused(r->ctx, GW_WECHAT, acct.estate_id, &n,
		    "not a paid state") == 0)
			http_status(r, 204);
		return;
	}
	switch ((rc = payorder_settle(r->ctx, GW_WECHAT, &acct, &n, &o, &pay,
	    &again, &why))) {
	case BOOKS_OK:
		log_info("notify wechat %s: %s, receipt %s", n.out_trade_no,
		    again ? "already paid" : "paid", pay.receipt_number ?
		    pay.receipt_number : "-");
		http_status(r, 204);
		return;
	case BOOKS_NOT_FOUND:
	case BOOKS_INVALID:
		if (payorder_refused(r->ctx, GW_WECHAT, acct.estate_id, &n,
		    rc == BOOKS_NOT_FOUND ? "no such order" :
		    payorder_why_text(why)) == 0)
			wechat_fail(r, rc == BOOKS_NOT_FOUND ? 404 : 409,
			    rc == BOOKS_NOT_FOUND ? "no such order" :
			    payorder_why_text(why));
		return;
	default:
		return;		/* 503 or 500: it comes again */
	}
}

/*
 * POST /notify/unionpay: UnionPay's back notification (form-encoded,
 * certId and signature verified, merId names the account). UnionPay
 * reads only the status: 200 when dealt with (credited now or before),
 * else 4xx (refused, logged) or 5xx (not written: it comes again).
 */
void
page_notify_unionpay(struct req *r)
{
	struct gw_notice	 n;
	struct gw_account	 acct;
	struct payorder		 o;
	struct payment_out	 pay;
	enum payorder_why	 why;
	enum gw_verdict		 v;
	enum books_rc		 rc;
	int			 again;

	v = gw_unionpay_notice(r->ctx, r->raw ? r->raw : "", r->raw_len, &n,
	    &acct);
	if (v == GW_NO_KEY || r->ctx->db_failed) {
		log_warnx("notify unionpay: %s", gw_why_text(v));
		http_status(r, 503);
		http_body_text(r, "fail");
		return;
	}
	if (v != GW_OK) {
		refuse(r, GW_UNIONPAY, &acct, &n, v == GW_MALFORMED ||
		    v == GW_NO_ACCOUNT ? 400 : 401, gw_why_text(v));
		return;
	}
	if (!n.paid) {
		if (payorder_refused(r->ctx, GW_UNIONPAY, acct.estate_id, &n,
		    "not a paid state") == 0)
			http_body_text(r, "ok");
		return;
	}
	switch ((rc = payorder_settle(r->ctx, GW_UNIONPAY, &acct, &n, &o, &pay,
	    &again, &why))) {
	case BOOKS_OK:
		log_info("notify unionpay %s: %s, receipt %s", n.out_trade_no,
		    again ? "already paid" : "paid", pay.receipt_number ?
		    pay.receipt_number : "-");
		http_body_text(r, "ok");
		return;
	case BOOKS_NOT_FOUND:
	case BOOKS_INVALID:
		refuse(r, GW_UNIONPAY, &acct, &n, rc == BOOKS_NOT_FOUND ? 404 :
		    409, rc == BOOKS_NOT_FOUND ? "no such order" :
		    payorder_why_text(why));
		return;
	default:
		return;
	}
}
