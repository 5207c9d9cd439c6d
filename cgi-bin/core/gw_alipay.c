/*
 * gw_alipay.c - Alipay's open platform, RSA2 (gw.h; PAYMENTS.md §1.3):
 * the WAP pay page's signed address, the asynchronous notification, the
 * order query, the refund and the daily bill.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "cal.h"
#include "csv.h"
#include "ctx.h"
#include "fetch.h"
#include "form.h"
#include "gw.h"
#include "log.h"

/* Alipay's sorted "k=v&k=v" over the parameters with a value, without
 * sign; without sign_type too for a notification (with_type 0), which
 * Alipay signs so, where a request's signature covers it (its SDKs). */
static int
kv_cmp(const void *a, const void *b)
{
	return strcmp(((const struct kv *)a)->key, ((const struct kv *)b)->key);
}

static char *
signed_string(struct ctx *ctx, struct kvlist *l, int with_type)
{
	struct buf	 b;
	size_t		 i;
	int		 first = 1;

	qsort(l->v, l->n, sizeof(l->v[0]), kv_cmp);
	buf_init(&b, ctx->a, 256);
	for (i = 0; i < l->n; i++) {
		if (l->v[i].val[0] == '\0' || strcmp(l->v[i].key, "sign") == 0 ||
		    (!with_type && strcmp(l->v[i].key, "sign_type") == 0))
			continue;
		if (!first)
			buf_putc(&b, '&');
		first = 0;
		buf_puts(&b, l->v[i].key);
		buf_putc(&b, '=');
		buf_puts(&b, l->v[i].val);
	}
	return buf_str(&b);
}

/*
 * The common parameters of a request of method to the gateway, biz_content
 * and any extra ones (name, value, ... NULL), signed with our key: the
 * list sorted, sign last. NULL on a key error (logged).
 */
static struct kvlist *
signed_request(struct ctx *ctx, const struct gw_account *acct,
    const char *method, json_t *biz, ...)
{
	struct kvlist	*l = arena_zalloc(ctx->a, sizeof(*l));
	const char	*k, *v;
	char		*js, *sign, now[20];
	va_list		 ap;

	if (biz == NULL || (js = json_dumps(biz, JSON_COMPACT)) == NULL)
		return NULL;
	snprintf(now, sizeof(now), "%.19s", ctx->now);
	if (now[0] == '\0')
		cal_now(now);
	form_push(ctx->a, l, "app_id", acct->app_id, 0, NULL);
	form_push(ctx->a, l, "method", method, 0, NULL);
	form_push(ctx->a, l, "format", "JSON", 0, NULL);
	form_push(ctx->a, l, "charset", "utf-8", 0, NULL);
	form_push(ctx->a, l, "sign_type", "RSA2", 0, NULL);
	form_push(ctx->a, l, "timestamp", arena_strdup(ctx->a, now), 0, NULL);
	form_push(ctx->a, l, "version", "1.0", 0, NULL);
	form_push(ctx->a, l, "biz_content", arena_strdup(ctx->a, js), 0, NULL);
	free(js);
	va_start(ap, biz);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		form_push(ctx->a, l, k, v, 0, NULL);
	}
	va_end(ap);
	js = signed_string(ctx, l, 1);
	sign = gw_rsa_sign(ctx, gw_key_path(ctx, acct, "merchant.pem"), js,
	    strlen(js));
	if (sign == NULL)
		return NULL;
	form_push(ctx->a, l, "sign", sign, 0, NULL);
	return l;
}

char *
gw_alipay_pay_url(struct ctx *ctx, const struct gw_account *acct,
    const char *out_trade_no, int64_t amount, const char *subject,
    int instalments, int fee_by_estate, const char *expires,
    const char *notify_url, const char *return_url)
{
	struct kvlist	*l;
	json_t		*biz;

	biz = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s%}",
	    "out_trade_no", out_trade_no,
	    "total_amount", gw_yuan(ctx, amount),
	    "subject", subject,
	    "seller_id", acct->merchant_id,
	    "product_code", "QUICK_WAP_WAY",
	    "time_expire", expires, (size_t)19);
	if (biz != NULL && instalments > 0)
		json_object_set_new(biz, "extend_params", json_pack("{s:s, s:s}",
		    "hb_fq_num", arena_printf(ctx->a, "%d", instalments),
		    "hb_fq_seller_percent", fee_by_estate ? "100" : "0"));
	l = signed_request(ctx, acct, "alipay.trade.wap.pay", biz,
	    "notify_url", notify_url, "return_url", return_url, NULL);
	json_decref(biz);
	if (l == NULL)
		return NULL;
	return arena_printf(ctx->a, "%s/alipay/gateway.do?%s", acct->gateway_url,
	    form_join(ctx->a, l));
}

/*
 * The text of the JSON object that is the value of member name in body,
 * exactly as sent (Alipay signs that text), or NULL.
 */
static char *
raw_member(struct ctx *ctx, const char *body, const char *name)
{
	const char	*p, *start;
	char		*key = arena_printf(ctx->a, "\"%s\"", name);
	int		 depth = 0, in_str = 0;

	if ((p = strstr(body, key)) == NULL)
		return NULL;
	p += strlen(key);
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (*p++ != ':')
		return NULL;
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (*p != '{')
		return NULL;
	for (start = p; *p != '\0'; p++) {
		if (in_str) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == '"')
				in_str = 0;
		} else if (*p == '"')
			in_str = 1;
		else if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0)
			return arena_strndup(ctx->a, start, (size_t)(p - start + 1));
	}
	return NULL;
}

/*
 * Calls method with biz at the gateway; the answer's object name is
 * verified over its text as sent. GW_OK sets *root (the caller's to
 * decref) and *obj (inside it); else a line in err.
 */
static enum gw_verdict
api_call(struct ctx *ctx, const struct gw_account *acct, const char *method,
    json_t *biz, const char *name, json_t **root, json_t **obj, char *err,
    size_t errlen)
{
	struct kvlist	*l;
	json_error_t	 je;
	const char	*sign;
	char		*answer, *signed_text;
	long		 http;
	int		 ok;

	*root = *obj = NULL;
	if ((l = signed_request(ctx, acct, method, biz, NULL)) == NULL) {
		snprintf(err, errlen, "cannot sign %s", method);
		return GW_NO_KEY;
	}
	if (fetch_post_form(ctx, arena_printf(ctx->a, "%s/alipay/gateway.do",
	    acct->gateway_url), form_join(ctx->a, l), 10, &http, &answer, err,
	    errlen) < 0)
		return GW_UNREACHABLE;
	if (http != 200 || (*root = json_loads(answer, 0, &je)) == NULL ||
	    (*obj = json_object_get(*root, name)) == NULL ||
	    (signed_text = raw_member(ctx, answer, name)) == NULL) {
		snprintf(err, errlen, "%s answered %ld, not Alipay's JSON", method,
		    http);
		json_decref(*root);
		*root = NULL;
		return GW_MALFORMED;
	}
	sign = json_string_value(json_object_get(*root, "sign"));
	ok = sign == NULL ? 0 : gw_rsa_verify(ctx, gw_key_path(ctx, acct,
	    "gateway.pem"), signed_text, strlen(signed_text), sign);
	if (ok <= 0) {
		snprintf(err, errlen, "%s answer: %s", method, ok < 0 ?
		    "no gateway key" : "bad signature");
		json_decref(*root);
		*root = NULL;
		return ok < 0 ? GW_NO_KEY : GW_BAD_SIGNATURE;
	}
	return GW_OK;
}

static const char *
str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

enum gw_verdict
gw_alipay_query(struct ctx *ctx, const struct gw_account *acct,
    const char *out_trade_no, struct gw_notice *n, char *err, size_t errlen)
{
	json_t		*biz, *root, *resp;
	const char	*code, *sub, *status, *amount, *txn;
	enum gw_verdict	 v;

	memset(n, 0, sizeof(*n));
	n->out_trade_no = out_trade_no;
	n->amount = -1;
	n->notify_id = "query";
	biz = json_pack("{s:s}", "out_trade_no", out_trade_no);
	v = api_call(ctx, acct, "alipay.trade.query", biz,
	    "alipay_trade_query_response", &root, &resp, err, errlen);
	json_decref(biz);
	if (v != GW_OK)
		return v;
	code = str(resp, "code");
	sub = str(resp, "sub_code");
	status = str(resp, "trade_status");
	amount = str(resp, "total_amount");
	txn = str(resp, "trade_no");
	if (code != NULL && strcmp(code, "40004") == 0 && sub != NULL &&
	    strcmp(sub, "ACQ.TRADE_NOT_EXIST") == 0)
		v = GW_OK;		/* never paid there: n->paid 0 */
	else if (code == NULL || strcmp(code, "10000") != 0 || status == NULL ||
	    amount == NULL || (n->amount = gw_fen(amount)) < 0) {
		snprintf(err, errlen, "query answer code %s", code ? code : "?");
		v = GW_MALFORMED;
	} else {
		n->txn_id = arena_strdup(ctx->a, txn ? txn : "");
		n->merchant_id = acct->merchant_id;
		n->app_id = acct->app_id;
		n->paid = strcmp(status, "TRADE_SUCCESS") == 0 ||
		    strcmp(status, "TRADE_FINISHED") == 0;
	}
	json_decref(root);
	return v;
}

enum gw_verdict
gw_alipay_close(struct ctx *ctx, const struct gw_account *acct,
    const char *out_trade_no, int *closed, char *err, size_t errlen)
{
	json_t		*biz, *root, *resp;
	const char	*code, *sub;
	enum gw_verdict	 v;

	*closed = 0;
	biz = json_pack("{s:s}", "out_trade_no", out_trade_no);
	v = api_call(ctx, acct, "alipay.trade.close", biz,
	    "alipay_trade_close_response", &root, &resp, err, errlen);
	json_decref(biz);
	if (v != GW_OK)
		return v;
	code = str(resp, "code");
	sub = str(resp, "sub_code");
	/* 10000: closed; ACQ.TRADE_NOT_EXIST: the buyer has not opened the
	 * cashier yet, nothing paid - but the signed request may still open
	 * it until time_expire (gw.h). Anything else (ACQ.TRADE_STATUS_ERROR:
	 * paid or finished): not closed, the caller asks what it is. */
	if (code != NULL && strcmp(code, "10000") == 0)
		*closed = GW_CLOSED;
	else if (code != NULL && strcmp(code, "40004") == 0 && sub != NULL &&
	    strcmp(sub, "ACQ.TRADE_NOT_EXIST") == 0)
		*closed = GW_CLOSED_NOT_OPENED;
	else
		snprintf(err, errlen, "close answer %s %s", code ? code : "?",
		    sub ? sub : "");
	json_decref(root);
	return GW_OK;
}

enum gw_verdict
gw_alipay_refund(struct ctx *ctx, const struct gw_account *acct,
    const char *out_trade_no, const char *out_refund_no, int64_t amount,
    int *state, const char **refund_id, char *err, size_t errlen)
{
	json_t		*biz, *root, *resp;
	const char	*code, *msg;
	enum gw_verdict	 v;

	*state = 0;
	*refund_id = "";
	biz = json_pack("{s:s, s:s, s:s, s:s}", "out_trade_no", out_trade_no,
	    "refund_amount", gw_yuan(ctx, amount), "out_request_no",
	    out_refund_no, "refund_reason", "收据作废退款");
	v = api_call(ctx, acct, "alipay.trade.refund", biz,
	    "alipay_trade_refund_response", &root, &resp, err, errlen);
	json_decref(biz);
	if (v != GW_OK)
		return v;
	code = str(resp, "code");
	if (code != NULL && strcmp(code, "10000") == 0) {
		/* fund_change N: refunded before under this out_request_no */
		*state = 1;
		*refund_id = arena_strdup(ctx->a, str(resp, "trade_no") ?
		    str(resp, "trade_no") : "");
	} else {
		*state = -1;
		msg = str(resp, "sub_msg") ? str(resp, "sub_msg") : str(resp, "msg");
		snprintf(err, errlen, "%s %s", code ? code : "?", msg ? msg : "");
	}
	json_decref(root);
	return GW_OK;
}

/* The value of a notification's parameter, or "" when it has none. */
static const char *
param(const struct kvlist *l, const char *name)
{
	const struct kv	*v = form_find(l, name);

	return v != NULL ? v->val : "";
}

enum gw_verdict
gw_alipay_notice(struct ctx *ctx, const char *body, size_t len,
    struct gw_notice *n, struct gw_account *acct)
{
	struct kvlist	 l = { NULL, 0 };
	const char	*sign, *status;
	char		*msg;
	int		 ok;

	memset(n, 0, sizeof(*n));
	memset(acct, 0, sizeof(*acct));
	if (form_parse(ctx->a, body, len, &l) != 0)
		return GW_MALFORMED;
	n->out_trade_no = param(&l, "out_trade_no");
	n->txn_id = param(&l, "trade_no");
	n->notify_id = param(&l, "notify_id");
	n->merchant_id = param(&l, "seller_id");
	n->app_id = param(&l, "app_id");
	sign = param(&l, "sign");
	status = param(&l, "trade_status");
	if (*n->out_trade_no == '\0' || *n->app_id == '\0' ||
	    *n->merchant_id == '\0' || *sign == '\0' || *status == '\0' ||
	    (n->amount = gw_fen(param(&l, "total_amount"))) < 0)
		return GW_MALFORMED;
	switch (gw_account_find(ctx, GW_ALIPAY, n->merchant_id, n->app_id,
	    acct)) {
	case 1:
		break;
	case 0:
		return GW_NO_ACCOUNT;
	default:
		return GW_NO_KEY;
	}
	msg = signed_string(ctx, &l, 0);
	ok = gw_rsa_verify(ctx, gw_key_path(ctx, acct, "gateway.pem"), msg,
	    strlen(msg), sign);
	if (ok < 0)
		return GW_NO_KEY;
	if (ok == 0)
		return GW_BAD_SIGNATURE;
	n->paid = strcmp(status, "TRADE_SUCCESS") == 0 ||
	    strcmp(status, "TRADE_FINISHED") == 0;
	return GW_OK;
}

/* The 业务明细 file: 交易 lines are payments (订单金额), 退款 lines
 * refunds (商家实收, negative; 退款批次号/请求号 is our out_refund_no). */
static const struct gw_layout alipay_trade_bill = {
	{ "业务类型", "商户订单号", "退款批次号/请求号", "支付宝交易号",
	    "完成时间", "订单金额（元）", "商家实收（元）" },
	"交易", "退款"
};

enum gw_verdict
gw_alipay_statement(struct ctx *ctx, const struct gw_account *acct,
    const char *day, struct gw_statement *st, char *err, size_t errlen)
{
	struct fetch		 f;
	struct csv_row		*rows;
	json_t			*biz, *root, *resp;
	const char		*code, *sub, *url;
	char			*text;
	size_t			 len;
	int			 n, i, head = -1, col[GW_COL__MAX];
	enum gw_verdict		 v;

	memset(st, 0, sizeof(*st));
	biz = json_pack("{s:s,s:s}", "bill_type", "trade", "bill_date", day);
	v = api_call(ctx, acct, "alipay.data.dataservice.bill.downloadurl.query",
	    biz, "alipay_data_dataservice_bill_downloadurl_query_response",
	    &root, &resp, err, errlen);
	json_decref(biz);
	if (v != GW_OK)
		return v;
	code = str(resp, "code");
	sub = str(resp, "sub_code");
	url = str(resp, "bill_download_url");
	if (code != NULL && strcmp(code, "40004") == 0 && sub != NULL &&
	    strcmp(sub, "isp.bill_not_exist") == 0) {
		json_decref(root);
		return GW_OK;		/* no trade that day */
	}
	if (code == NULL || strcmp(code, "10000") != 0 || url == NULL) {
		snprintf(err, errlen, "the bill's address: code %s %s",
		    code ? code : "?", sub ? sub : "");
		json_decref(root);
		return GW_MALFORMED;
	}
	memset(&f, 0, sizeof(f));
	f.method = "GET";
	f.url = arena_strdup(ctx->a, url);
	f.timeout_s = 30;
	json_decref(root);
	if (fetch(ctx, &f, err, errlen) < 0)
		return GW_UNREACHABLE;
	if (f.status != 200) {
		snprintf(err, errlen, "the bill's download answered %ld", f.status);
		return GW_UNREACHABLE;
	}
	if ((text = gw_unzip(ctx, f.answer, f.answer_len, "业务明细.csv", &len,
	    err, errlen)) == NULL ||
	    (n = gw_statement_rows(ctx, text, len, &rows, err, errlen)) < 0)
		return GW_MALFORMED;
	for (i = 0; i < n; i++) {
		if (rows[i].n == 0 || rows[i].f[0][0] == '#')
			continue;
		if (head < 0) {
			head = i;
			if (gw_layout_find(&alipay_trade_bill, &rows[i], col) < 0) {
				snprintf(err, errlen, "line %d: not Alipay's"
				    " 业务明细 header", rows[i].line);
				return GW_MALFORMED;
			}
		} else if (gw_layout_line(ctx, st, &alipay_trade_bill, col,
		    &rows[i], err, errlen) < 0)
			return GW_MALFORMED;
	}
	if (head < 0) {
		snprintf(err, errlen, "the 业务明细 file has no header");
		return GW_MALFORMED;
	}
	return GW_OK;
}
