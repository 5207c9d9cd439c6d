/*
 * gw.c - what the gateway adapters share (gw.h): the channel list, the
 * merchant accounts, RSA-SHA256 with OpenSSL 3, yuan strings, the
 * statements' lines and zip files (libzip).
 */
#include <stdio.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <zip.h>

#include "arena.h"
#include "conf.h"
#include "csv.h"
#include "ctx.h"
#include "db.h"
#include "fetch.h"
#include "gw.h"
#include "log.h"

const char *const gw_codes[GW__MAX + 1] = {
	"alipay", "wechat", "unionpay", NULL
};
const char *const gw_labels[GW__MAX] = {
	"支付宝", "微信支付", "云闪付"
};

SQL_DEF(SQL_GW_ACCOUNT_ESTATE,
    "SELECT id, estate_id, merchant_id, app_id, gateway_url, key_dir"
    " FROM pay_accounts WHERE estate_id = ? AND channel = ?");
SQL_DEF(SQL_GW_ACCOUNT_ID,
    "SELECT id, estate_id, merchant_id, app_id, gateway_url, key_dir"
    " FROM pay_accounts WHERE id = ? AND channel = ?");
SQL_DEF(SQL_GW_ACCOUNT_FIND,
    "SELECT id, estate_id, merchant_id, app_id, gateway_url, key_dir"
    " FROM pay_accounts WHERE channel = ? AND merchant_id = ? AND app_id = ?");

enum gw
gw_parse(const char *s)
{
	int	 i;

	for (i = 0; s != NULL && i < GW__MAX; i++)
		if (strcmp(s, gw_codes[i]) == 0)
			return (enum gw)i;
	return GW__MAX;
}

int
gw_ready(enum gw gw)
{
	return gw < GW__MAX;
}

const char *
gw_why_text(enum gw_verdict v)
{
	switch (v) {
	case GW_OK:		return "ok";
	case GW_MALFORMED:	return "malformed";
	case GW_NO_ACCOUNT:	return "no such merchant account";
	case GW_BAD_SIGNATURE:	return "bad signature";
	case GW_STALE:		return "stale timestamp";
	case GW_NO_KEY:		return "our keys cannot be read";
	case GW_WRONG_ACCOUNT:	return "the order is another account's";
	case GW_UNREACHABLE:	return "the gateway did not answer";
	case GW_UNKNOWN_SERIAL:	return "unknown platform certificate serial";
	}
	return "?";
}

int
gw_account_of_estate(struct ctx *ctx, int64_t estate_id, enum gw gw,
    struct gw_account *a)
{
	memset(a, 0, sizeof(*a));
	a->gw = gw;
	return db_one(ctx, &SQL_GW_ACCOUNT_ESTATE, "is", "iissss", estate_id,
	    gw_codes[gw], &a->id, &a->estate_id, &a->merchant_id, &a->app_id,
	    &a->gateway_url, &a->key_dir);
}

int
gw_account_by_id(struct ctx *ctx, int64_t id, enum gw gw, struct gw_account *a)
{
	memset(a, 0, sizeof(*a));
	a->gw = gw;
	return db_one(ctx, &SQL_GW_ACCOUNT_ID, "is", "iissss", id, gw_codes[gw],
	    &a->id, &a->estate_id, &a->merchant_id, &a->app_id, &a->gateway_url,
	    &a->key_dir);
}

int
gw_account_find(struct ctx *ctx, enum gw gw, const char *merchant_id,
    const char *app_id, struct gw_account *a)
{
	memset(a, 0, sizeof(*a));
	a->gw = gw;
	return db_one(ctx, &SQL_GW_ACCOUNT_FIND, "sss", "iissss", gw_codes[gw],
	    merchant_id, app_id, &a->id, &a->estate_id, &a->merchant_id,
	    &a->app_id, &a->gateway_url, &a->key_dir);
}

const char *
gw_key_path(struct ctx *ctx, const struct gw_account *a, const char *name)
{
	const char	*dir = conf_get("pay_keys", NULL);

	if (dir == NULL || strchr(a->key_dir, '/') != NULL ||
	    a->key_dir[0] == '.' || a->key_dir[0] == '\0')
		return NULL;
	return arena_printf(ctx->a, "%s/%s/%s", dir, a->key_dir, name);
}

/* The PEM key at path: public (pub) or private; NULL (logged) if none. */
static EVP_PKEY *
key_read(const char *path, int pub)
{
	EVP_PKEY	*k;
	FILE		*f;

	if (path == NULL || (f = fopen(path, "r")) == NULL) {
		log_warnx("gw: cannot open key %s", path ? path : "(no pay_keys)");
		return NULL;
	}
	k = pub ? PEM_read_PUBKEY(f, NULL, NULL, NULL) :
	    PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (k == NULL)
		log_warnx("gw: %s is not a PEM key", path);
	return k;
}

unsigned char *
gw_unbase64(struct ctx *ctx, const char *s, size_t max, size_t *len)
{
	unsigned char	*out;
	size_t		 blen = strlen(s);
	int		 n;

	*len = 0;
	if (blen == 0 || blen % 4 != 0 || blen / 4 * 3 > max)
		return NULL;
	out = arena_alloc(ctx->a, blen / 4 * 3 + 1);
	if ((n = EVP_DecodeBlock(out, (const unsigned char *)s, (int)blen)) < 0)
		return NULL;
	/* EVP_DecodeBlock counts the '=' padding as zero bytes */
	if (n > 0 && s[blen - 1] == '=')
		n--;
	if (n > 0 && s[blen - 2] == '=')
		n--;
	*len = (size_t)n;
	return out;
}

char *
gw_key_text(struct ctx *ctx, const struct gw_account *a, const char *name)
{
	const char	*path = gw_key_path(ctx, a, name);
	char		 line[256];
	size_t		 n;
	FILE		*f;

	if (path == NULL || (f = fopen(path, "r")) == NULL) {
		log_warnx("gw: cannot open %s", path ? path : "(no pay_keys)");
		return NULL;
	}
	n = fread(line, 1, sizeof(line) - 1, f);
	fclose(f);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
	    line[n - 1] == ' '))
		n--;
	return n > 0 ? arena_strndup(ctx->a, line, n) : NULL;
}

int
gw_rsa_verify(struct ctx *ctx, const char *path, const char *msg, size_t len,
    const char *sig_b64)
{
	EVP_PKEY	*k;
	EVP_MD_CTX	*md;
	unsigned char	*sig;
	size_t		 n;
	int		 ok;

	if ((k = key_read(path, 1)) == NULL)
		return -1;
	/* base64 of at most a 4096-bit signature */
	sig = gw_unbase64(ctx, sig_b64, 512, &n);
	ok = 0;
	if (n > 0 && (md = EVP_MD_CTX_new()) != NULL) {
		ok = EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, k) == 1 &&
		    EVP_DigestVerify(md, sig, (size_t)n,
		    (const unsigned char *)msg, len) == 1;
		EVP_MD_CTX_free(md);
	}
	EVP_PKEY_free(k);
	return ok;
}

char *
gw_rsa_sign(struct ctx *ctx, const char *path, const char *msg, size_t len)
{
	EVP_PKEY	*k;
	EVP_MD_CTX	*md;
	unsigned char	*sig = NULL;
	char		*out = NULL;
	size_t		 slen = 0;

	if ((k = key_read(path, 0)) == NULL)
		return NULL;
	if ((md = EVP_MD_CTX_new()) != NULL &&
	    EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, k) == 1 &&
	    EVP_DigestSign(md, NULL, &slen, (const unsigned char *)msg,
	    len) == 1) {
		sig = arena_alloc(ctx->a, slen);
		if (EVP_DigestSign(md, sig, &slen, (const unsigned char *)msg,
		    len) == 1) {
			out = arena_alloc(ctx->a, (slen + 2) / 3 * 4 + 1);
			EVP_EncodeBlock((unsigned char *)out, sig, (int)slen);
		}
	}
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(k);
	if (out == NULL)
		log_warnx("gw: signing with %s failed", path);
	return out;
}

char *
gw_yuan(struct ctx *ctx, int64_t fen)
{
	return arena_printf(ctx->a, "%s%lld.%02lld", fen < 0 ? "-" : "",
	    (long long)(fen < 0 ? -fen : fen) / 100,
	    (long long)(fen < 0 ? -fen : fen) % 100);
}

int64_t
gw_fen(const char *s)
{
	int64_t	 fen = 0;
	int	 digits = 0, cents = 0;

	for (; *s >= '0' && *s <= '9'; s++) {
		if (++digits > 12)
			return -1;
		fen = fen * 10 + (*s - '0');
	}
	if (digits == 0)
		return -1;
	fen *= 100;
	if (*s == '.') {
		s++;
		if (*s >= '0' && *s <= '9') {
			fen += (*s++ - '0') * 10;
			cents++;
		}
		if (*s >= '0' && *s <= '9') {
			fen += *s++ - '0';
			cents++;
		}
		if (cents == 0)
			return -1;
	}
	return *s == '\0' ? fen : -1;
}

void
gw_statement_add(struct ctx *ctx, struct gw_statement *st,
    const struct gw_stmt_line *l)
{
	struct gw_stmt_line	*p;

	st->lines = arena_grow(ctx->a, st->lines, st->n, &st->cap,
	    sizeof(*p), 64);
	p = &st->lines[st->n++];
	p->refund = l->refund;
	p->out_trade_no = arena_strdup(ctx->a, l->out_trade_no ? l->out_trade_no : "");
	p->out_refund_no = arena_strdup(ctx->a,
	    l->out_refund_no ? l->out_refund_no : "");
	p->txn_id = arena_strdup(ctx->a, l->txn_id ? l->txn_id : "");
	p->amount = l->amount;
	p->at = arena_strdup(ctx->a, l->at ? l->at : "");
}

char *
gw_unzip(struct ctx *ctx, const void *data, size_t len, const char *part,
    size_t *outlen, char *err, size_t errlen)
{
	zip_error_t	 ze;
	zip_source_t	*src;
	zip_t		*z = NULL;
	zip_file_t	*f = NULL;
	zip_stat_t	 zs;
	zip_int64_t	 i, n, got;
	char		*out = NULL;
	const char	*name;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL ||
	    (z = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		snprintf(err, errlen, "not a zip file: %s", zip_error_strerror(&ze));
		if (src != NULL)
			zip_source_free(src);
		goto out;
	}
	n = zip_get_num_entries(z, 0);
	for (i = 0; i < n; i++)
		if ((name = zip_get_name(z, i, 0)) != NULL &&
		    strstr(name, part) != NULL)
			break;
	if (i == n) {
		snprintf(err, errlen, "the zip holds no %s file", part);
		goto out;
	}
	if (zip_stat_index(z, i, 0, &zs) != 0 || !(zs.valid & ZIP_STAT_SIZE) ||
	    zs.size > FETCH_MAX || (f = zip_fopen_index(z, i, 0)) == NULL) {
		snprintf(err, errlen, "the zip's %s file cannot be read", part);
		goto out;
	}
	out = arena_alloc(ctx->a, zs.size + 1);
	if ((got = zip_fread(f, out, zs.size)) < 0 || (zip_uint64_t)got != zs.size) {
		snprintf(err, errlen, "the zip's %s file is cut short", part);
		out = NULL;
		goto out;
	}
	out[got] = '\0';
	*outlen = (size_t)got;
out:
	if (f != NULL)
		zip_fclose(f);
	if (z != NULL)
		zip_discard(z);
	zip_error_fini(&ze);
	return out;
}

int
gw_statement_rows(struct ctx *ctx, const char *text, size_t len,
    struct csv_row **rows, char *err, size_t errlen)
{
	enum csv_enc	 enc;
	const char	*utf8, *why;
	char		*c, *e;
	size_t		 i, j;
	int		 n;

	if ((utf8 = csv_decode(ctx->a, text, len, &enc)) == NULL ||
	    (n = csv_parse(ctx->a, utf8, rows, &why)) < 0) {
		snprintf(err, errlen, "the statement is neither UTF-8 nor GBK CSV");
		return -1;
	}
	for (i = 0; i < (size_t)n; i++)
		for (j = 0; j < (*rows)[i].n; j++) {
			c = (*rows)[i].f[j];
			while (*c == ' ' || *c == '\t' || *c == '`')
				c++;
			e = c + strlen(c);
			while (e > c && (e[-1] == ' ' || e[-1] == '\t'))
				*--e = '\0';
			(*rows)[i].f[j] = c;
		}
	return n;
}

int
gw_column(const struct csv_row *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->f[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
gw_cell(const struct csv_row *r, int c)
{
	return c >= 0 && (size_t)c < r->n ? r->f[c] : "";
}

int
gw_layout_find(const struct gw_layout *lay, const struct csv_row *head,
    int *col)
{
	int	 k;

	for (k = 0; k < GW_COL__MAX; k++)
		if ((col[k] = gw_column(head, lay->col[k])) < 0)
			return -1;
	return 0;
}

int
gw_layout_line(struct ctx *ctx, struct gw_statement *st,
    const struct gw_layout *lay, const int *col, const struct csv_row *r,
    char *err, size_t errlen)
{
	struct gw_stmt_line	 l;
	const char		*kind = gw_cell(r, col[GW_COL_KIND]), *money;

	memset(&l, 0, sizeof(l));
	l.refund = strcmp(kind, lay->refund_word) == 0;
	if (!l.refund && strcmp(kind, lay->pay_word) != 0)
		return 0;	/* a kind that moved no money of ours */
	l.out_trade_no = gw_cell(r, col[GW_COL_OTN]);
	l.out_refund_no = l.refund ? gw_cell(r, col[GW_COL_REFUND_NO]) : "";
	l.txn_id = gw_cell(r, col[GW_COL_TXN]);
	l.at = gw_cell(r, col[GW_COL_AT]);
	money = gw_cell(r, col[l.refund ? GW_COL_REFUNDED : GW_COL_PAID]);
	if (l.refund && *money == '-')
		money++;
	if ((l.amount = gw_fen(money)) <= 0) {
		snprintf(err, errlen, "line %d: amount %s", r->line, money);
		return -1;
	}
	gw_statement_add(ctx, st, &l);
	return 0;
}

enum gw_verdict
gw_query(struct ctx *ctx, const struct gw_account *acct,
    const char *out_trade_no, struct gw_notice *n, char *err, size_t errlen)
{
	switch (acct->gw) {
	case GW_ALIPAY:
		return gw_alipay_query(ctx, acct, out_trade_no, n, err, errlen);
	case GW_WECHAT:
		return gw_wechat_query(ctx, acct, out_trade_no, n, err, errlen);
	case GW_UNIONPAY:
		return gw_unionpay_query(ctx, acct, out_trade_no, n, err,
		    errlen);
	default:
		snprintf(err, errlen, "order %s: no gateway %d", out_trade_no,
		    (int)acct->gw);
		return GW_UNREACHABLE;
	}
}

enum gw_verdict
gw_close(struct ctx *ctx, const struct gw_account *acct,
    const char *out_trade_no, int *closed, char *err, size_t errlen)
{
	*closed = 0;
	switch (acct->gw) {
	case GW_ALIPAY:
		return gw_alipay_close(ctx, acct, out_trade_no, closed, err,
		    errlen);
	case GW_WECHAT:
		return gw_wechat_close(ctx, acct, out_trade_no, closed, err,
		    errlen);
	case GW_UNIONPAY:
		/* ACP has no close of an unpaid consume: the caller asks
		 * (queryTrans) and decides (payorder_cancel). */
		return GW_OK;
	default:
		snprintf(err, errlen, "order %s: no gateway %d", out_trade_no,
		    (int)acct->gw);
		return GW_UNREACHABLE;
	}
}

enum gw_verdict
gw_statement(struct ctx *ctx, const struct gw_account *acct, const char *day,
    struct gw_statement *st, char *err, size_t errlen)
{
	memset(st, 0, sizeof(*st));
	switch (acct->gw) {
	case GW_ALIPAY:
		return gw_alipay_statement(ctx, acct, day, st, err, errlen);
	case GW_WECHAT:
		return gw_wechat_statement(ctx, acct, day, st, err, errlen);
	case GW_UNIONPAY:
		return gw_unionpay_statement(ctx, acct, day, st, err, errlen);
	default:
		snprintf(err, errlen, "statement %s: no gateway %d", day,
		    (int)acct->gw);
		return GW_UNREACHABLE;
	}
}
