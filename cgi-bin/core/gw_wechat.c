/*
 * gw_wechat.c - WeChat Pay API v3 (gw.h; PAYMENTS.md §1.2): the H5
 * order, the notification (signature, freshness, AES-256-GCM resource)
 * and the order query.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "arena.h"
#include "csv.h"
#include "ctx.h"
#include "fetch.h"
#include "gw.h"
#include "log.h"

#define WECHAT_SKEW_SEC		300	/* |now - Wechatpay-Timestamp| */
#define WECHAT_TIMEOUT_S	5	/* a page waits on the H5 order */

/* 32 random hex characters: a request's nonce_str. */
static const char *
nonce(struct ctx *ctx)
{
	return ctx_random_hex(ctx, 16);
}

/*
 * The Authorization header of a request (our key over METHOD\nPATH\n
 * TIMESTAMP\nNONCE\nBODY\n), or NULL without our keys.
 */
static const char *
authorization(struct ctx *ctx, const struct gw_account *acct,
    const char *method, const char *path, const char *body)
{
	const char	*serial = gw_key_text(ctx, acct, "merchant.serial");
	const char	*n = nonce(ctx), *msg;
	char		*sig;
	long long	 ts = (long long)time(NULL);

	if (serial == NULL)
		return NULL;
	msg = arena_printf(ctx->a, "%s\n%s\n%lld\n%s\n%s\n", method, path, ts,
	    n, body);
	if ((sig = gw_rsa_sign(ctx, gw_key_path(ctx, acct, "merchant.pem"),
	    msg, strlen(msg))) == NULL)
		return NULL;
	return arena_printf(ctx->a, "Authorization: WECHATPAY2-SHA256-RSA2048 "
	    "mchid=\"%s\",nonce_str=\"%s\",signature=\"%s\",timestamp=\"%lld\","
	    "serial_no=\"%s\"", acct->merchant_id, n, sig, ts, serial);
}

/* 1 if the decimal Unix time ts is within WECHAT_SKEW_SEC of now. */
static int
fresh(const char *ts)
{
	char		*end;
	long long	 t;

	if (ts == NULL || ts[0] < '0' || ts[0] > '9' || strlen(ts) > 12)
		return 0;
	t = strtoll(ts, &end, 10);
	return *end == '\0' && llabs(t - (long long)time(NULL)) <=
	    WECHAT_SKEW_SEC;
}

/*
 * A message the platform signed: "ts\nnonce\nbody\n" under the key whose
 * serial is serial. GW_OK, GW_STALE, GW_UNKNOWN_SERIAL, GW_BAD_SIGNATURE,
 * GW_NO_KEY.
 */
static enum gw_verdict
platform_signed(struct ctx *ctx, const struct gw_account *acct,
    const char *ts, const char *nonce_s, const char *sig, const char *serial,
    const char *body, size_t len)
{
	const char	*ours = gw_key_text(ctx, acct, "platform.serial");
	char		*msg;
	size_t		 n;
	int		 ok;

	if (ours == NULL)
		return GW_NO_KEY;
	if (ts == NULL || nonce_s == NULL || sig == NULL || serial == NULL)
		return GW_MALFORMED;
	if (!fresh(ts))
		return GW_STALE;
	if (strcmp(serial, ours) != 0)
		return GW_UNKNOWN_SERIAL;
	n = strlen(ts) + strlen(nonce_s) + len + 3;
	msg = arena_alloc(ctx->a, n + 1);
	snprintf(msg, n + 1, "%s\n%s\n", ts, nonce_s);
	memcpy(msg + strlen(ts) + strlen(nonce_s) + 2, body, len);
	msg[n - 1] = '\n';
	msg[n] = '\0';
	ok = gw_rsa_verify(ctx, gw_key_path(ctx, acct, "platform.pem"), msg, n,
	    sig);
	return ok < 0 ? GW_NO_KEY : ok == 0 ? GW_BAD_SIGNATURE : GW_OK;
}

/* A request to the gateway's API, its answer verified. */
static enum gw_verdict
call(struct ctx *ctx, const struct gw_account *acct, const char *method,
    const char *path, const char *body, struct fetch *f, long timeout_s,
    char *err, size_t errlen)
{
	const char	*hdr[2];
	enum gw_verdict	 v;

	if ((hdr[0] = authorization(ctx, acct, method, path,
	    body ? body : "")) == NULL) {
		snprintf(err, errlen, "our WeChat Pay keys cannot be read");
		return GW_NO_KEY;
	}
	hdr[1] = NULL;
	memset(f, 0, sizeof(*f));
	f->method = method;
	f->url = arena_printf(ctx->a, "%s%s", acct->gateway_url, path);
	f->ctype = body ? "application/json" : NULL;
	f->body = body;
	f->headers = hdr;
	f->timeout_s = timeout_s;
	if (fetch(ctx, f, err, errlen) < 0)
		return GW_UNREACHABLE;
	v = platform_signed(ctx, acct, fetch_header(f, "wechatpay-timestamp"),
	    fetch_header(f, "wechatpay-nonce"),
	    fetch_header(f, "wechatpay-signature"),
	    fetch_header(f, "wechatpay-serial"), f->answer, strlen(f->answer));
	if (v != GW_OK)
		snprintf(err, errlen, "%s answered %ld: %s", path, f->status,
		    gw_why_text(v));
	return v;
}

char *
gw_wechat_h5_url(struct ctx *ctx, const struct gw_account *acct,
    const char *out_trade_no, int64_t amount, const char *description,
    const char *expires, const char *notify_url, const char *client_ip,
    const char *return_url, char *err, size_t errlen)
{
	struct fetch	 f;
	json_t		*req, *ans = NULL;
	json_error_t	 je;
	const char	*h5;
	char		*js, *body, *url = NULL;

	/* RFC 3339 in China time: 2026-12-01T10:15:00+08:00 */
	req = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:I, s:s},"
	    " s:{s:s, s:{s:s}}}",
	    "appid", acct->app_id, "mchid", acct->merchant_id,
	    "description", description, "out_trade_no", out_trade_no,
	    "time_expire", arena_printf(ctx->a, "%.10sT%.8s+08:00", expires,
	    expires + 11),
	    "notify_url", notify_url,
	    "amount", "total", (json_int_t)amount, "currency", "CNY",
	    "scene_info", "payer_client_ip", client_ip,
	    "h5_info", "type", "Wap");
	if (req == NULL || (js = json_dumps(req, JSON_COMPACT)) == NULL) {
		json_decref(req);
		snprintf(err, errlen, "cannot build the order");
		return NULL;
	}
	json_decref(req);
	body = arena_strdup(ctx->a, js);
	free(js);
	if (call(ctx, acct, "POST", "/v3/pay/transactions/h5", body, &f,
	    WECHAT_TIMEOUT_S, err, errlen) != GW_OK)
		return NULL;
	if (f.status != 200 || (ans = json_loads(f.answer, 0, &je)) == NULL ||
	    (h5 = json_string_value(json_object_get(ans, "h5_url"))) == NULL)
		snprintf(err, errlen, "the H5 order answered %ld", f.status);
	else
		url = arena_printf(ctx->a, "%s%sredirect_url=%s", h5,
		    strchr(h5, '?') ? "&" : "?", form_encode(ctx->a, return_url));
	json_decref(ans);
	return url;
}

/*
 * A transaction as WeChat Pay writes one (the notification's opened
 * resource, a query's answer) into n, checked against acct. GW_OK or
 * GW_MALFORMED / GW_WRONG_ACCOUNT.
 */
static enum gw_verdict
transaction(struct ctx *ctx, const struct gw_account *acct, json_t *t,
    struct gw_notice *n)
{
	const char	*mchid, *appid, *otn, *state, *txn, *currency;
	json_t		*total;

	mchid = json_string_value(json_object_get(t, "mchid"));
	appid = json_string_value(json_object_get(t, "appid"));
	otn = json_string_value(json_object_get(t, "out_trade_no"));
	state = json_string_value(json_object_get(t, "trade_state"));
	txn = json_string_value(json_object_get(t, "transaction_id"));
	total = json_object_get(json_object_get(t, "amount"), "total");
	/* amount.total is fen of renminbi only (PAYMENTS.md: check amount
	 * and currency); the field may be left out, meaning CNY */
	currency = json_string_value(json_object_get(json_object_get(t,
	    "amount"), "currency"));
	/* the order it names is logged even when the rest is refused
	 * (a breaker's trial: a signed notice in dollars, logged with no
	 * order number, could not be found from the order) */
	if (otn != NULL)
		n->out_trade_no = arena_strdup(ctx->a, otn);
	if (mchid == NULL || appid == NULL || otn == NULL || state == NULL ||
	    !json_is_integer(total) || json_integer_value(total) < 0 ||
	    (currency != NULL && strcmp(currency, "CNY") != 0))
		return GW_MALFORMED;
	n->merchant_id = arena_strdup(ctx->a, mchid);
	n->app_id = arena_strdup(ctx->a, appid);
	n->out_trade_no = arena_strdup(ctx->a, otn);
	n->txn_id = arena_strdup(ctx->a, txn ? txn : "");
	n->amount = (int64_t)json_integer_value(total);
	n->paid = strcmp(state, "SUCCESS") == 0;
	if (strcmp(mchid, acct->merchant_id) != 0 ||
	    strcmp(appid, acct->app_id) != 0)
		return GW_WRONG_ACCOUNT;
	return GW_OK;
}

/* AES-256-GCM open (RFC 5116: the tag is the ciphertext's last 16
 * bytes) into the arena, NUL-terminated; NULL if it does not open. */
static char *
gcm_open(struct ctx *ctx, const char *key, const char *iv, const char *aad,
    const char *ct_b64)
{
	EVP_CIPHER_CTX	*c;
	unsigned char	*ct, *out;
	size_t		 n;
	int		 len, fin, ok = 0;

	if (strlen(key) != 32 || strlen(iv) == 0 || strlen(iv) > 64 ||
	    (ct = gw_unbase64(ctx, ct_b64, 64 * 1024, &n)) == NULL || n < 17)
		return NULL;
	out = arena_alloc(ctx->a, n + 1);
	if ((c = EVP_CIPHER_CTX_new()) == NULL)
		return NULL;
	if (EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL) == 1 &&
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, (int)strlen(iv),
	    NULL) == 1 &&
	    EVP_DecryptInit_ex(c, NULL, NULL, (const unsigned char *)key,
	    (const unsigned char *)iv) == 1 &&
	    EVP_DecryptUpdate(c, NULL, &len, (const unsigned char *)aad,
	    (int)strlen(aad)) == 1 &&
	    EVP_DecryptUpdate(c, out, &len, ct, (int)(n - 16)) == 1 &&
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, ct + n - 16) == 1 &&
	    EVP_DecryptFinal_ex(c, out + len, &fin) == 1) {
		out[len + fin] = '\0';
		ok = 1;
	}
	EVP_CIPHER_CTX_free(c);
	return ok ? (char *)out : NULL;
}

enum gw_verdict
gw_wechat_notice(struct ctx *ctx, const struct gw_account *acct,
    const char *ts, const char *nonce_s, const char *sig, const char *serial,
    const char *body, size_t len, struct gw_notice *n)
{
	json_t		*root = NULL, *res, *t = NULL;
	json_error_t	 je;
	const char	*iv, *aad, *ct, *key, *id;
	char		*plain;
	enum gw_verdict	 v;

	memset(n, 0, sizeof(*n));
	n->out_trade_no = "";
	n->amount = -1;
	/* Verify before trusting a byte; then open. */
	if ((v = platform_signed(ctx, acct, ts, nonce_s, sig, serial, body,
	    len)) != GW_OK)
		return v;
	v = GW_MALFORMED;
	if ((root = json_loadb(body, len, 0, &je)) == NULL ||
	    (res = json_object_get(root, "resource")) == NULL ||
	    (iv = json_string_value(json_object_get(res, "nonce"))) == NULL ||
	    (ct = json_string_value(json_object_get(res, "ciphertext"))) == NULL)
		goto out;
	aad = json_string_value(json_object_get(res, "associated_data"));
	id = json_string_value(json_object_get(root, "id"));
	n->notify_id = arena_strdup(ctx->a, id ? id : "");
	if ((key = gw_key_text(ctx, acct, "apiv3.key")) == NULL) {
		v = GW_NO_KEY;
		goto out;
	}
	if ((plain = gcm_open(ctx, key, iv, aad ? aad : "", ct)) == NULL ||
	    (t = json_loads(plain, 0, &je)) == NULL)
		goto out;
	v = transaction(ctx, acct, t, n);
out:
	json_decref(t);
	json_decref(root);
	return v;
}

enum gw_verdict
gw_wechat_query(struct ctx *ctx, const struct gw_account *acct,
    const char *out_trade_no, struct gw_notice *n, char *err, size_t errlen)
{
	struct fetch	 f;
	json_t		*t = NULL;
	json_error_t	 je;
	const char	*code;
	enum gw_verdict	 v;

	memset(n, 0, sizeof(*n));
	n->out_trade_no = out_trade_no;
	n->amount = -1;
	n->notify_id = "query";
	if ((v = call(ctx, acct, "GET", arena_printf(ctx->a,
	    "/v3/pay/transactions/out-trade-no/%s?mchid=%s", out_trade_no,
	    acct->merchant_id), NULL, &f, 10, err, errlen)) != GW_OK)
		return v;
	if ((t = json_loads(f.answer, 0, &je)) == NULL) {
		snprintf(err, errlen, "the query answered %ld, not JSON", f.status);
		return GW_MALFORMED;
	}
	code = json_string_value(json_object_get(t, "code"));
	if (f.status == 404 && code != NULL &&
	    strcmp(code, "ORDER_NOT_EXIST") == 0)
		v = GW_OK;		/* never opened there: not paid */
	else if (f.status != 200) {
		snprintf(err, errlen, "the query answered %ld %s", f.status,
		    code ? code : "");
		v = GW_MALFORMED;
	} else if ((v = transaction(ctx, acct, t, n)) != GW_OK)
		snprintf(err, errlen, "the query's answer: %s", gw_why_text(v));
	n->notify_id = "query";
	json_decref(t);
	return v;
}

enum gw_verdict
gw_wechat_close(struct ctx *ctx, const struct gw_account *acct,
    const char *out_trade_no, int *closed, char *err, size_t errlen)
{
	struct fetch	 f;
	json_t		*t;
	json_error_t	 je;
	const char	*code = NULL;
	enum gw_verdict	 v;

	char		*js, *body;

	*closed = 0;
	t = json_pack("{s:s}", "mchid", acct->merchant_id);
	js = t != NULL ? json_dumps(t, JSON_COMPACT) : NULL;
	json_decref(t);
	t = NULL;
	if (js == NULL) {
		snprintf(err, errlen, "cannot build the close");
		return GW_MALFORMED;
	}
	body = arena_strdup(ctx->a, js);
	free(js);
	if ((v = call(ctx, acct, "POST", arena_printf(ctx->a,
	    "/v3/pay/transactions/out-trade-no/%s/close", out_trade_no), body,
	    &f, 10, err, errlen)) != GW_OK)
		return v;
	if (f.status == 204) {
		*closed = GW_CLOSED;	/* closed: nothing can be paid */
		return GW_OK;
	}
	if ((t = json_loads(f.answer, 0, &je)) != NULL)
		code = json_string_value(json_object_get(t, "code"));
	/* ORDER_NOT_EXIST: never opened there, nothing paid */
	if (f.status == 404 && code != NULL &&
	    strcmp(code, "ORDER_NOT_EXIST") == 0)
		*closed = GW_CLOSED;
	else
		snprintf(err, errlen, "close answered %ld %s", f.status,
		    code ? code : "");
	json_decref(t);
	return GW_OK;
}

enum gw_verdict
gw_wechat_refund(struct ctx *ctx, const struct gw_account *acct,
    const char *out_trade_no, const char *out_refund_no, int64_t amount,
    int *state, const char **refund_id, char *err, size_t errlen)
{
	struct fetch	 f;
	json_t		*req, *t = NULL;
	json_error_t	 je;
	const char	*status, *id;
	char		*js, *body;
	enum gw_verdict	 v;

	*state = 0;
	*refund_id = "";
	req = json_pack("{s:s, s:s, s:s, s:{s:I, s:I, s:s}}",
	    "out_trade_no", out_trade_no, "out_refund_no", out_refund_no,
	    "reason", "收据作废退款", "amount", "refund", (json_int_t)amount,
	    "total", (json_int_t)amount, "currency", "CNY");
	if (req == NULL || (js = json_dumps(req, JSON_COMPACT)) == NULL) {
		json_decref(req);
		snprintf(err, errlen, "cannot build the refund");
		return GW_MALFORMED;
	}
	json_decref(req);
	body = arena_strdup(ctx->a, js);
	free(js);
	if ((v = call(ctx, acct, "POST", "/v3/refund/domestic/refunds", body, &f,
	    10, err, errlen)) != GW_OK)
		return v;
	if ((t = json_loads(f.answer, 0, &je)) == NULL) {
		snprintf(err, errlen, "the refund answered %ld, not JSON", f.status);
		return GW_MALFORMED;
	}
	status = json_string_value(json_object_get(t, "status"));
	id = json_string_value(json_object_get(t, "refund_id"));
	if (f.status == 200 && status != NULL && strcmp(status, "SUCCESS") == 0) {
		*state = 1;
		*refund_id = arena_strdup(ctx->a, id ? id : "");
	} else if (f.status == 200 && status != NULL &&
	    strcmp(status, "PROCESSING") == 0)
		*state = 0;
	else {
		*state = -1;
		snprintf(err, errlen, "%ld %s", f.status, json_string_value(
		    json_object_get(t, "message")) ? json_string_value(
		    json_object_get(t, "message")) : (status ? status : ""));
	}
	json_decref(t);
	return GW_OK;
}

/* The SHA1 of data in lower-case hex (the trade bill's hash_value). */
static const char *
sha1_hex(struct ctx *ctx, const char *data, size_t len)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 n = 0, i;
	char		*out;

	if (EVP_Digest(data, len, md, &n, EVP_sha1(), NULL) != 1)
		return "";
	out = arena_alloc(ctx->a, 2 * n + 1);
	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	return out;
}

/* The trade bill (bill_type ALL): SUCCESS lines are payments (订单金额),
 * REFUND lines refunds (退款金额, 商户退款单号); REVOKED and the like
 * took nothing. */
static const struct gw_layout wechat_trade_bill = {
	{ "交易状态", "商户订单号", "商户退款单号", "微信订单号", "交易时间",
	    "订单金额", "退款金额" },
	"SUCCESS", "REFUND"
};

enum gw_verdict
gw_wechat_statement(struct ctx *ctx, const struct gw_account *acct,
    const char *day, struct gw_statement *st, char *err, size_t errlen)
{
	struct fetch		 f, d;
	struct csv_row		*rows;
	json_t			*t;
	json_error_t		 je;
	const char		*code, *url, *hash, *path, *hdr[2];
	int			 n, i, col[GW_COL__MAX];
	enum gw_verdict		 v;

	memset(st, 0, sizeof(*st));
	if ((v = call(ctx, acct, "GET", arena_printf(ctx->a,
	    "/v3/bill/tradebill?bill_date=%s&bill_type=ALL", day), NULL, &f,
	    10, err, errlen)) != GW_OK)
		return v;
	if ((t = json_loads(f.answer, 0, &je)) == NULL) {
		snprintf(err, errlen, "the bill answered %ld, not JSON", f.status);
		return GW_MALFORMED;
	}
	code = json_string_value(json_object_get(t, "code"));
	if (f.status == 400 && code != NULL &&
	    strcmp(code, "NO_STATEMENT_EXIST") == 0) {
		json_decref(t);
		return GW_OK;		/* no trade that day */
	}
	url = json_string_value(json_object_get(t, "download_url"));
	hash = json_string_value(json_object_get(t, "hash_value"));
	if (f.status != 200 || url == NULL || hash == NULL ||
	    (path = strstr(url, "://")) == NULL ||
	    (path = strchr(path + 3, '/')) == NULL) {
		snprintf(err, errlen, "the bill answered %ld %s", f.status,
		    code ? code : "");
		json_decref(t);
		return f.status >= 500 ? GW_UNREACHABLE : GW_MALFORMED;
	}
	memset(&d, 0, sizeof(d));
	d.method = "GET";
	d.url = arena_strdup(ctx->a, url);
	hash = arena_strdup(ctx->a, hash);
	json_decref(t);
	/* the file is not signed: the signed answer's SHA1 vouches for it */
	if ((hdr[0] = authorization(ctx, acct, "GET", path, "")) == NULL) {
		snprintf(err, errlen, "our WeChat Pay keys cannot be read");
		return GW_NO_KEY;
	}
	hdr[1] = NULL;
	d.headers = hdr;
	d.timeout_s = 30;
	if (fetch(ctx, &d, err, errlen) < 0)
		return GW_UNREACHABLE;
	if (d.status != 200) {
		snprintf(err, errlen, "the bill's download answered %ld", d.status);
		return GW_UNREACHABLE;
	}
	if (strcasecmp(sha1_hex(ctx, d.answer, d.answer_len), hash) != 0) {
		snprintf(err, errlen, "the bill's SHA1 is not the one announced");
		return GW_BAD_SIGNATURE;
	}
	if ((n = gw_statement_rows(ctx, d.answer, d.answer_len, &rows, err,
	    errlen)) < 1)
		return GW_MALFORMED;
	if (gw_layout_find(&wechat_trade_bill, &rows[0], col) < 0) {
		snprintf(err, errlen, "not WeChat Pay's trade bill header");
		return GW_MALFORMED;
	}
	for (i = 1; i < n; i++) {
		if (strcmp(gw_cell(&rows[i], 0), "总交易单数") == 0)
			break;		/* the totals follow */
		if (gw_layout_line(ctx, st, &wechat_trade_bill, col, &rows[i],
		    err, errlen) < 0)
			return GW_MALFORMED;
	}
	return GW_OK;
}
