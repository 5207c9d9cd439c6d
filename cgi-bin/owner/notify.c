/*
 * notify.c - POST /notify/alipay, /notify/wechat/#, /notify/unionpay: a
 * gateway's asynchronous notification that an order was paid (issue 10;
 * PAYMENTS.md §1, "Derived handler recipe"). No session and no CSRF
 * token: the routes are AUTH_SIGNED and raw (main.c), and trust nothing
 * before the gateway's adapter (gw_*.c) has verified the body as sent.
 *
 * Verified and paid: in one transaction the order row is locked; an
 * order already paid is left as it is (a duplicate - the gateways send
 * the same notification again, and from several senders at once); else
 * the payment, its allocations, receipt number and audit row are written
 * and the order marked paid (payorder_settle). Every notification is
 * logged in pay_notices with what became of it; a refused one (bad
 * signature, unknown merchant, wrong amount ...) changes nothing else.
 *
 * Each gateway is answered as it reads answers (replies[] below): dealt
 * with (credited now or before, or a state that is not paid) - Alipay
 * exactly "success", WeChat Pay 204, UnionPay 200; refused - 400 (not
 * its format, no such account), 401 (a signature, certificate or time
 * that does not hold), 404 (no such order) or 409 (another amount,
 * estate or channel), logged; not written - 503 (or page_fail's 500),
 * and the gateway sends it again.
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

/* How each gateway reads an answer. */
static const struct {
	const char	*name;
	const char	*ok;	/* the body when dealt with; NULL: 204 */
	int		 json;	/* failures as {"code":"FAIL",...} */
} replies[GW__MAX] = {
	[GW_ALIPAY]	= { "alipay", "success", 0 },	/* exactly this */
	[GW_WECHAT]	= { "wechat", NULL, 1 },	/* 200/204; a 200 FAIL
							 * is never sent again */
	[GW_UNIONPAY]	= { "unionpay", "ok", 0 },	/* 200 or 302 */
};

static void
fail(struct req *r, enum gw gw, int status, const char *message)
{
	http_status(r, status);
	if (replies[gw].json)
		/* http_json takes the reference */
		http_json(r, json_pack("{s:s, s:s}", "code", "FAIL", "message",
		    message));
	else
		http_body_text(r, "fail");
}

static void
dealt_with(struct req *r, enum gw gw)
{
	if (replies[gw].ok == NULL)
		http_status(r, 204);
	else
		http_body_text(r, replies[gw].ok);
}

/* Logs a refusal and answers it with status. */
static void
refuse(struct req *r, enum gw gw, const struct gw_account *acct,
    const struct gw_notice *n, int status, const char *why)
{
	if (payorder_refused(r->ctx, gw, acct->id ? acct->estate_id : DB_NULL,
	    n, why) == 0)
		fail(r, gw, status, why);
}

/* What the adapter made of a notification (v, n, acct), answered. */
static void
settle(struct req *r, enum gw gw, enum gw_verdict v, const struct gw_notice *n,
    const struct gw_account *acct)
{
	struct payorder		 o;
	struct payment_out	 pay;
	enum payorder_why	 why;
	enum books_rc		 rc;
	int			 again;

	if (v == GW_NO_KEY || r->ctx->db_failed) {
		log_warnx("notify %s: %s", replies[gw].name, gw_why_text(v));
		fail(r, gw, 503, "暂时无法处理");
		return;
	}
	if (v != GW_OK) {
		refuse(r, gw, acct, n, v == GW_MALFORMED || v == GW_NO_ACCOUNT ?
		    400 : 401, gw_why_text(v));
		return;
	}
	if (!n->paid) {
		/* not a paid state (WAIT_BUYER_PAY, NOTPAY, a refund's
		 * result ...): nothing to credit */
		if (payorder_refused(r->ctx, gw, acct->estate_id, n,
		    "not a paid state") == 0)
			dealt_with(r, gw);
		return;
	}
	switch ((rc = payorder_settle(r->ctx, gw, acct, n, &o, &pay, &again,
	    &why))) {
	case BOOKS_OK:
		log_info("notify %s %s: %s, receipt %s", replies[gw].name,
		    n->out_trade_no, again ? "already paid" : "paid",
		    pay.receipt_number ? pay.receipt_number : "-");
		dealt_with(r, gw);
		return;
	case BOOKS_NOT_FOUND:
		refuse(r, gw, acct, n, 404, "no such order");
		return;
	case BOOKS_INVALID:
		refuse(r, gw, acct, n, 409, payorder_why_text(why));
		return;
	default:
		return;		/* page_fail: 503 or 500, and it comes again */
	}
}

/* POST /notify/alipay: form-encoded, RSA2 over the sorted parameters;
 * the account by app_id and seller_id (gw_alipay_notice). */
void
page_notify_alipay(struct req *r)
{
	struct gw_notice	 n;
	struct gw_account	 acct;
	enum gw_verdict		 v;

	v = gw_alipay_notice(r->ctx, r->raw ? r->raw : "", r->raw_len, &n,
	    &acct);
	settle(r, GW_ALIPAY, v, &n, &acct);
}

/*
 * POST /notify/wechat/#: WeChat Pay's notification (API v3) for the
 * merchant account # (its notify_url names it; 404 FAIL when none).
 * Verified over the body as sent with the platform key its
 * Wechatpay-Serial names, within 5 minutes, its resource opened with the
 * APIv3 key; mchid and appid must be the account's (gw_wechat_notice).
 */
void
page_notify_wechat(struct req *r)
{
	struct gw_notice	 n;
	struct gw_account	 acct;
	enum gw_verdict		 v;

	memset(&n, 0, sizeof(n));
	switch (gw_account_by_id(r->ctx, r->ids[0], GW_WECHAT, &acct)) {
	case 1:
		break;
	case 0:
		fail(r, GW_WECHAT, 404, "no such merchant account");
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
	settle(r, GW_WECHAT, v, &n, &acct);
}

/* POST /notify/unionpay: UnionPay's back notification, form-encoded;
 * certId and signature verified, merId names the account
 * (gw_unionpay_notice). */
void
page_notify_unionpay(struct req *r)
{
	struct gw_notice	 n;
	struct gw_account	 acct;
	enum gw_verdict		 v;

	v = gw_unionpay_notice(r->ctx, r->raw ? r->raw : "", r->raw_len, &n,
	    &acct);
	settle(r, GW_UNIONPAY, v, &n, &acct);
}
