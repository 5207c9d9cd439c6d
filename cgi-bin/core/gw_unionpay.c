/*
 * gw_unionpay.c - UnionPay's online payment (全渠道 ACP 5.1.0, signMethod
 * 01; gw.h, PAYMENTS.md §1.4): the front consume form, the back
 * notification, the order query (queryTrans).
 *
 * Signing: the parameters with a value but signature, sorted, "k=v"
 * joined by "&"; its SHA-256 in lower-case hex; that text signed with
 * RSA-SHA256, in base64. certId names the certificate: ours
 * (merchant.serial) on what we send, the gateway's (gateway.serial) on
 * what it sends - any other is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <zlib.h>

#include "arena.h"
#include "cal.h"
#include "ctx.h"
#include "fetch.h"
#include "form.h"
#include "gw.h"
#include "log.h"

static int
kv_cmp(const void *a, const void *b)
{
	return strcmp(((const struct kv *)a)->key, ((const struct kv *)b)->key);
}

/* The SHA-256, in lower-case hex, of the sorted "k=v&..." of l. */
static char *
digest(struct ctx *ctx, struct kvlist *l)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 n, i;
	struct buf	 b;
	size_t		 k;
	int		 first = 1;
	char		*hex;

	qsort(l->v, l->n, sizeof(l->v[0]), kv_cmp);
	buf_init(&b, ctx->a, 512);
	for (k = 0; k < l->n; k++) {
		if (l->v[k].val[0] == '\0' ||
		    strcmp(l->v[k].key, "signature") == 0)
			continue;
		if (!first)
			buf_putc(&b, '&');
		first = 0;
		buf_puts(&b, l->v[k].key);
		buf_putc(&b, '=');
		buf_puts(&b, l->v[k].val);
	}
	hex = buf_str(&b);
	if (EVP_Digest(hex, strlen(hex), md, &n, EVP_sha256(), NULL) != 1)
		return NULL;
	hex = arena_alloc(ctx->a, n * 2 + 1);
	for (i = 0; i < n; i++)
		snprintf(hex + i * 2, 3, "%02x", md[i]);
	return hex;
}

/* Our common fields, then l signed: certId and signature added. */
static int
sign(struct ctx *ctx, const struct gw_account *acct, struct kvlist *l)
{
	const char	*cert = gw_key_text(ctx, acct, "merchant.serial");
	char		*d, *sig;

	if (cert == NULL)
		return -1;
	form_push(ctx->a, l, "certId", cert, 0, NULL);
	if ((d = digest(ctx, l)) == NULL ||
	    (sig = gw_rsa_sign(ctx, gw_key_path(ctx, acct, "merchant.pem"), d,
	    strlen(d))) == NULL)
		return -1;
	return form_push(ctx->a, l, "signature", sig, 0, NULL) == 0 ? 0 : -1;
}

static const char *
param(const struct kvlist *l, const char *name)
{
	const struct kv	*v = form_find(l, name);

	return v != NULL ? v->val : "";
}

/* What the gateway sent, verified: GW_OK, GW_UNKNOWN_SERIAL,
 * GW_BAD_SIGNATURE, GW_NO_KEY, GW_MALFORMED. */
static enum gw_verdict
verify(struct ctx *ctx, const struct gw_account *acct, struct kvlist *l)
{
	/* the values, not the entries: digest() sorts the list */
	const char	*cert = param(l, "certId"), *sig = param(l, "signature");
	const char	*ours = gw_key_text(ctx, acct, "gateway.serial");
	char		*d;
	int		 ok;

	if (ours == NULL)
		return GW_NO_KEY;
	if (*cert == '\0' || *sig == '\0')
		return GW_MALFORMED;
	if (strcmp(cert, ours) != 0)
		return GW_UNKNOWN_SERIAL;
	if ((d = digest(ctx, l)) == NULL)
		return GW_MALFORMED;
	ok = gw_rsa_verify(ctx, gw_key_path(ctx, acct, "gateway.pem"), d,
	    strlen(d), sig);
	return ok < 0 ? GW_NO_KEY : ok == 0 ? GW_BAD_SIGNATURE : GW_OK;
}

/* The order's txnTime: the time in its out_trade_no (payorder.c makes
 * "P" + YYYYMMDDhhmmss + ...), which the query names again. */
static const char *
txn_time(struct ctx *ctx, const char *out_trade_no)
{
	return arena_strndup(ctx->a, out_trade_no + 1, 14);
}

/* The first 14 digits of a "YYYY-MM-DD HH:MM:SS" time: ACP's
 * YYYYMMDDhhmmss. */
static const char *
digits14(struct ctx *ctx, const char *t)
{
	char	*out = arena_alloc(ctx->a, 15);
	size_t	 i, j;

	for (i = j = 0; t[i] != '\0' && j < 14; i++)
		if (t[i] >= '0' && t[i] <= '9')
			out[j++] = t[i];
	out[j] = '\0';
	return out;
}

/* txnTime of a request of its own (not an order's): now, China time. */
static const char *
txn_time_now(struct ctx *ctx)
{
	char	 now[20];

	if (ctx->now[0] == '\0')
		return digits14(ctx, cal_now(now));
	return digits14(ctx, ctx->now);
}

/* The fields every request has; txnSubType 01 for a consume (03 for
 * one in instalments: sub), 01 for fileTransfer, else 00. */
static void
common(struct ctx *ctx, struct kvlist *l, const struct gw_account *acct,
    const char *txn_type, const char *biz_type, const char *channel_type,
    const char *sub)
{
	form_push(ctx->a, l, "version", "5.1.0", 0, NULL);
	form_push(ctx->a, l, "encoding", "UTF-8", 0, NULL);
	form_push(ctx->a, l, "signMethod", "01", 0, NULL);
	form_push(ctx->a, l, "txnType", txn_type, 0, NULL);
	form_push(ctx->a, l, "txnSubType", sub != NULL ? sub :
	    strcmp(txn_type, "01") == 0 || strcmp(txn_type, "76") == 0 ? "01" :
	    "00", 0, NULL);
	form_push(ctx->a, l, "bizType", biz_type, 0, NULL);
	form_push(ctx->a, l, "accessType", "0", 0, NULL);
	if (channel_type != NULL)
		form_push(ctx->a, l, "channelType", channel_type, 0, NULL);
	form_push(ctx->a, l, "merId", acct->merchant_id, 0, NULL);
}

struct kvlist *
gw_unionpay_front_form(struct ctx *ctx, const struct gw_account *acct,
    const char *out_trade_no, int64_t amount, int instalments,
    const char *expires,
    const char *front_url, const char *back_url, const char **action)
{
	struct kvlist	*l = arena_zalloc(ctx->a, sizeof(*l));
	char		 timeout[15];
	size_t		 i, j;

	/* payTimeout: YYYYMMDDhhmmss */
	for (i = j = 0; expires[i] != '\0' && j < 14; i++)
		if (expires[i] >= '0' && expires[i] <= '9')
			timeout[j++] = expires[i];
	timeout[j] = '\0';

	common(ctx, l, acct, "01", "000201", "08",
	    instalments > 0 ? "03" : NULL);
	form_push(ctx->a, l, "orderId", out_trade_no, 0, NULL);
	form_push(ctx->a, l, "txnTime", txn_time(ctx, out_trade_no), 0, NULL);
	form_push(ctx->a, l, "txnAmt", arena_printf(ctx->a, "%lld",
	    (long long)amount), 0, NULL);
	form_push(ctx->a, l, "currencyCode", "156", 0, NULL);
	form_push(ctx->a, l, "frontUrl", front_url, 0, NULL);
	form_push(ctx->a, l, "backUrl", back_url, 0, NULL);
	form_push(ctx->a, l, "payTimeout", arena_strdup(ctx->a, timeout), 0,
	    NULL);
	if (instalments > 0) {
		/* ACP 分期付款 (the account must have the product): the
		 * consume's subtype 03 (above) and the number of
		 * instalments, two digits, in the 分期付款信息域 - check both
		 * against the account's ACP product document before going
		 * live */
		form_push(ctx->a, l, "instalTransInfo", arena_printf(ctx->a,
		    "{numberOfInstallments=%02d}", instalments), 0, NULL);
	}
	if (sign(ctx, acct, l) < 0)
		return NULL;
	*action = arena_printf(ctx->a, "%s/gateway/api/frontTransReq.do",
	    acct->gateway_url);
	return l;
}

/* A number of digits only, as UnionPay writes an amount in fen; -1 if
 * it is not one. */
static int64_t
fen_of(const char *s)
{
	int64_t	 v = 0;
	int	 n = 0;

	for (; *s >= '0' && *s <= '9'; s++) {
		if (++n > 15)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return n > 0 && *s == '\0' ? v : -1;
}


enum gw_verdict
gw_unionpay_notice(struct ctx *ctx, const char *body, size_t len,
    struct gw_notice *n, struct gw_account *acct)
{
	struct kvlist	 l = { NULL, 0 };
	enum gw_verdict	 v;

	memset(n, 0, sizeof(*n));
	memset(acct, 0, sizeof(*acct));
	n->out_trade_no = "";
	if (form_parse(ctx->a, body, len, &l) != 0)
		return GW_MALFORMED;
	n->out_trade_no = param(&l, "orderId");
	n->txn_id = param(&l, "queryId");
	n->notify_id = param(&l, "traceNo");
	n->merchant_id = param(&l, "merId");
	n->app_id = "";
	/* fen of yuan: renminbi only (156) */
	if (*n->out_trade_no == '\0' || *n->merchant_id == '\0' ||
	    (n->amount = fen_of(param(&l, "txnAmt"))) < 0 ||
	    strcmp(param(&l, "currencyCode"), "156") != 0)
		return GW_MALFORMED;
	switch (gw_account_find(ctx, GW_UNIONPAY, n->merchant_id, "", acct)) {
	case 1:
		break;
	case 0:
		return GW_NO_ACCOUNT;
	default:
		return GW_NO_KEY;
	}
	if ((v = verify(ctx, acct, &l)) != GW_OK)
		return v;
	/* a consume's (01): a refund's result (04) credits nothing */
	n->paid = strcmp(param(&l, "respCode"), "00") == 0 &&
	    strcmp(param(&l, "txnType"), "01") == 0;
	return GW_OK;
}

/*
 * Request l signed and POSTed to the gateway's API path; its answer
 * (form-encoded) parsed into *ans and verified. GW_OK, or a verdict with
 * a line in err.
 */
static enum gw_verdict
api(struct ctx *ctx, const struct gw_account *acct, struct kvlist *l,
    const char *path, struct kvlist *ans, char *err, size_t errlen)
{
	enum gw_verdict	 v;
	char		*answer;
	long		 http;

	memset(ans, 0, sizeof(*ans));
	if (sign(ctx, acct, l) < 0) {
		snprintf(err, errlen, "cannot sign %s", path);
		return GW_NO_KEY;
	}
	if (fetch_post_form(ctx, arena_printf(ctx->a, "%s/gateway/api/%s",
	    acct->gateway_url, path), form_join(ctx->a, l), 10, &http, &answer,
	    err, errlen) < 0)
		return GW_UNREACHABLE;
	if (http != 200 || form_parse(ctx->a, answer, strlen(answer), ans) != 0) {
		snprintf(err, errlen, "%s answered %ld", path, http);
		return GW_MALFORMED;
	}
	if ((v = verify(ctx, acct, ans)) != GW_OK)
		snprintf(err, errlen, "%s's answer: %s", path, gw_why_text(v));
	return v;
}

enum gw_verdict
gw_unionpay_query(struct ctx *ctx, const struct gw_account *acct,
    const char *out_trade_no, struct gw_notice *n, char *err, size_t errlen)
{
	struct kvlist	*l = arena_zalloc(ctx->a, sizeof(*l));
	struct kvlist	 ans;
	const char	*resp, *orig;
	enum gw_verdict	 v;

	memset(n, 0, sizeof(*n));
	n->out_trade_no = out_trade_no;
	n->amount = -1;
	n->notify_id = "query";
	common(ctx, l, acct, "00", "000802", "07", NULL);
	form_push(ctx->a, l, "orderId", out_trade_no, 0, NULL);
	form_push(ctx->a, l, "txnTime", txn_time(ctx, out_trade_no), 0, NULL);
	if ((v = api(ctx, acct, l, "queryTrans.do", &ans, err, errlen)) != GW_OK)
		return v;
	resp = param(&ans, "respCode");
	orig = param(&ans, "origRespCode");
	if (strcmp(resp, "34") == 0)
		return GW_OK;		/* no such order there: not paid */
	if (strcmp(resp, "00") != 0 ||
	    (n->amount = fen_of(param(&ans, "txnAmt"))) < 0) {
		snprintf(err, errlen, "the query: respCode %s", resp);
		return GW_MALFORMED;
	}
	n->txn_id = param(&ans, "queryId");
	n->merchant_id = acct->merchant_id;
	n->app_id = "";
	/* 00 paid, A6 paid with a defect (PAYMENTS.md 1.4: "other than
	 * 00/A6 is final failure"); 03/04/05 still processing */
	n->paid = strcmp(orig, "00") == 0 || strcmp(orig, "A6") == 0;
	return GW_OK;
}

enum gw_verdict
gw_unionpay_refund(struct ctx *ctx, const struct gw_account *acct,
    const char *orig_query_id, const char *out_refund_no, int64_t amount,
    const char *back_url, int *state, const char **refund_id, char *err,
    size_t errlen)
{
	struct kvlist	*l = arena_zalloc(ctx->a, sizeof(*l));
	struct kvlist	 ans;
	const char	*resp;
	enum gw_verdict	 v;

	*state = 0;
	*refund_id = "";
	common(ctx, l, acct, "04", "000201", "07", NULL);
	form_push(ctx->a, l, "orderId", out_refund_no, 0, NULL);
	form_push(ctx->a, l, "origQryId", orig_query_id, 0, NULL);
	form_push(ctx->a, l, "txnTime", txn_time_now(ctx), 0, NULL);
	form_push(ctx->a, l, "txnAmt", arena_printf(ctx->a, "%lld",
	    (long long)amount), 0, NULL);
	form_push(ctx->a, l, "backUrl", back_url, 0, NULL);
	if ((v = api(ctx, acct, l, "backTransReq.do", &ans, err, errlen)) != GW_OK)
		return v;
	resp = param(&ans, "respCode");
	if (strcmp(resp, "00") == 0) {
		*state = 1;
		*refund_id = param(&ans, "queryId");
	} else if (strcmp(resp, "03") == 0 || strcmp(resp, "04") == 0 ||
	    strcmp(resp, "05") == 0)
		*state = 0;		/* in progress: asked again later */
	else {
		*state = -1;
		snprintf(err, errlen, "%s %s", resp, param(&ans, "respMsg"));
	}
	return GW_OK;
}

/* The ZM (交易明细) file's fields up to the order number, each padded to
 * its width and followed by one space - the layout the sandbox writes
 * (scripts/propfee-sandbox-pay UNIONPAY_ZM). Before a live merchant
 * account is reconciled, check it against the ACP 对账文件 specification
 * of the account's version: only ZM_CODE, ZM_TIME, ZM_AMOUNT, ZM_QUERY
 * and ZM_ORDER are read. */
enum { ZM_CODE, ZM_ACQ, ZM_FWD, ZM_TRACE, ZM_TIME, ZM_PAN, ZM_AMOUNT,
	ZM_MCC, ZM_TERM, ZM_QUERY, ZM_PAYOLD, ZM_ORDER, ZM__N };
static const int zm_width[ZM__N] = { 3, 11, 11, 6, 10, 19, 12, 4, 2, 21, 2,
	32 };

/* Field k of a ZM line (trimmed, in the arena), or NULL past its end. */
static const char *
zm_field(struct ctx *ctx, const char *line, size_t len, int k)
{
	size_t	 off = 0, w;
	int	 i;

	for (i = 0; i < k; i++)
		off += (size_t)zm_width[i] + 1;
	if (off >= len)
		return NULL;
	w = (size_t)zm_width[k];
	if (off + w > len)
		w = len - off;
	while (w > 0 && line[off + w - 1] == ' ')
		w--;
	return arena_strndup(ctx->a, line + off, w);
}

/* fileContent: base64 of the DEFLATE (zlib) stream of a zip; the zip's
 * bytes into the arena, or NULL. */
static char *
inflated(struct ctx *ctx, const char *b64, size_t *outlen)
{
	unsigned char	*z;
	size_t		 zlen;
	struct buf	 b;
	z_stream	 s;
	unsigned char	 chunk[16384];
	int		 rc;

	if ((z = gw_unbase64(ctx, b64, FETCH_MAX, &zlen)) == NULL)
		return NULL;
	memset(&s, 0, sizeof(s));
	if (inflateInit(&s) != Z_OK)
		return NULL;
	buf_init(&b, ctx->a, 65536);
	s.next_in = z;
	s.avail_in = (uInt)zlen;
	do {
		s.next_out = chunk;
		s.avail_out = sizeof(chunk);
		rc = inflate(&s, Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END)
			break;
		buf_add(&b, (const char *)chunk, sizeof(chunk) - s.avail_out);
	} while (rc != Z_STREAM_END && b.len <= 4 * FETCH_MAX &&
	    (s.avail_in > 0 || s.avail_out == 0));
	inflateEnd(&s);
	if (rc != Z_STREAM_END)
		return NULL;
	*outlen = b.len;
	return buf_str(&b);
}

enum gw_verdict
gw_unionpay_statement(struct ctx *ctx, const struct gw_account *acct,
    const char *day, struct gw_statement *st, char *err, size_t errlen)
{
	struct kvlist		*l = arena_zalloc(ctx->a, sizeof(*l));
	struct kvlist		 ans;
	struct gw_stmt_line	 g;
	const char		*resp, *code, *t, *amount;
	char			*zip, *text, *line, *eol;
	size_t			 zlen, len, ll;
	enum gw_verdict		 v;

	memset(st, 0, sizeof(*st));
	if (strlen(day) != 10) {
		snprintf(err, errlen, "not a day: %s", day);
		return GW_MALFORMED;
	}
	common(ctx, l, acct, "76", "000000", NULL, NULL);
	form_push(ctx->a, l, "settleDate", arena_printf(ctx->a, "%.2s%.2s",
	    day + 5, day + 8), 0, NULL);
	form_push(ctx->a, l, "txnTime", txn_time_now(ctx), 0, NULL);
	form_push(ctx->a, l, "fileType", "00", 0, NULL);
	if ((v = api(ctx, acct, l, "fileTransfer.do", &ans, err, errlen)) != GW_OK)
		return v;
	resp = param(&ans, "respCode");
	if (strcmp(resp, "98") == 0)
		return GW_OK;		/* no file: nothing that day */
	if (strcmp(resp, "00") != 0) {
		snprintf(err, errlen, "fileTransfer: respCode %s %s", resp,
		    param(&ans, "respMsg"));
		return GW_MALFORMED;
	}
	if ((zip = inflated(ctx, param(&ans, "fileContent"), &zlen)) == NULL) {
		snprintf(err, errlen, "fileContent is not DEFLATE in base64");
		return GW_MALFORMED;
	}
	if ((text = gw_unzip(ctx, zip, zlen, "ZM_", &len, err, errlen)) == NULL)
		return GW_MALFORMED;
	for (line = text; *line != '\0'; line = *eol ? eol + 1 : eol) {
		eol = line + strcspn(line, "\n");
		ll = (size_t)(eol - line);
		if (ll > 0 && line[ll - 1] == '\r')
			ll--;
		if (ll == 0)
			continue;
		memset(&g, 0, sizeof(g));
		code = zm_field(ctx, line, ll, ZM_CODE);
		g.refund = strcmp(code, "S30") == 0;
		if (!g.refund && strcmp(code, "S22") != 0)
			continue;	/* other transactions are not ours */
		if ((amount = zm_field(ctx, line, ll, ZM_AMOUNT)) == NULL ||
		    (g.amount = fen_of(amount)) <= 0 ||
		    (g.out_trade_no = zm_field(ctx, line, ll, ZM_ORDER)) == NULL) {
			snprintf(err, errlen, "a ZM line is cut short");
			return GW_MALFORMED;
		}
		if (g.refund) {
			g.out_refund_no = g.out_trade_no;
			g.out_trade_no = "";
		}
		g.txn_id = zm_field(ctx, line, ll, ZM_QUERY);
		/* MMDDhhmmss, this statement's year */
		t = zm_field(ctx, line, ll, ZM_TIME);
		g.at = t != NULL && strlen(t) == 10 ? arena_printf(ctx->a,
		    "%.4s-%.2s-%.2s %.2s:%.2s:%.2s", day, t, t + 2, t + 4, t + 6,
		    t + 8) : "";
		gw_statement_add(ctx, st, &g);
	}
	return GW_OK;
}
