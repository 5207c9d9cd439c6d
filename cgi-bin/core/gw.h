/*
 * gw.h - the payment gateways (issue 10; ../shared/PAYMENTS.md): the
 * one list of online channels, an estate's merchant account at each,
 * and what every adapter (gw_alipay.c, gw_wechat.c, gw_unionpay.c)
 * answers.
 *
 * An adapter builds what sends an owner to its gateway's pay page, and
 * reads a notification: parse the body as sent, find the merchant
 * account it names, verify its signature with the gateway's public key
 * (compared in constant time where the gateway signs with a shared
 * secret), check the account's ids, and give the order number, the
 * amount in fen (parsed exactly, never through a float) and the
 * gateway's transaction id. Nothing here writes to the database; the
 * caller credits the order (payorder.h) only after GW_OK.
 *
 * Keys are never in the tree or the database: an account's key_dir is a
 * folder under the configuration's pay_keys holding
 *	merchant.pem	our private key (PEM, PKCS#8), signs what we send
 *	gateway.pem	the gateway's public key (PEM), verifies what it sends
 * (the sandbox gateway writes both for the demo: scripts/sandbox-pay).
 */
#ifndef PROPFEE_GW_H
#define PROPFEE_GW_H

#include <stddef.h>
#include <stdint.h>

struct ctx;

enum gw {
	GW_ALIPAY,
	GW_WECHAT,
	GW_UNIONPAY,
	GW__MAX
};

/* The codes as stored, NULL-terminated (a field's choices), and the
 * names owners know them by, in the same order. */
/* schema: pay_orders.channel */
extern const char *const gw_codes[GW__MAX + 1];
extern const char *const gw_labels[GW__MAX];

/* The channel of a stored code; GW__MAX if none. */
enum gw		gw_parse(const char *);
/* 1 when propfee has the channel's adapter (an estate offers a channel
 * it has an account for and that is ready). */
int		gw_ready(enum gw);

/* An estate's merchant account at a gateway (pay_accounts). */
struct gw_account {
	int64_t		 id;
	int64_t		 estate_id;
	enum gw		 gw;
	const char	*merchant_id;	/* Alipay seller_id, WeChat mchid, merId */
	const char	*app_id;	/* Alipay app_id, WeChat appid; "" */
	const char	*gateway_url;	/* the pay page's and the API's base */
	const char	*key_dir;	/* under conf pay_keys */
};

/* The estate's account at gw: 1 found, 0 none (the channel is not
 * offered there), -1 on a database failure. */
int		gw_account_of_estate(struct ctx *, int64_t estate_id, enum gw,
		    struct gw_account *);
/* The account id of channel gw (a notification's address names it): 1,
 * 0 (none: refused), -1. */
int		gw_account_by_id(struct ctx *, int64_t id, enum gw,
		    struct gw_account *);
/* The account a notification names by its merchant and app ids: 1, 0
 * (no such account: refused), -1. */
int		gw_account_find(struct ctx *, enum gw, const char *merchant_id,
		    const char *app_id, struct gw_account *);

/* What a notification says, once verified. */
struct gw_notice {
	const char	*out_trade_no;
	const char	*txn_id;	/* the gateway's transaction id */
	const char	*notify_id;	/* the notification's own id, or "" */
	const char	*merchant_id;
	const char	*app_id;
	int64_t		 amount;	/* fen */
	int		 paid;		/* the gateway says the money is in */
};

/* Why a notification was refused (gw_why_text: the log's words). */
enum gw_verdict {
	GW_OK = 0,
	GW_MALFORMED,		/* not the gateway's format, a field missing */
	GW_NO_ACCOUNT,		/* names no merchant account of ours */
	GW_BAD_SIGNATURE,	/* the signature does not verify */
	GW_STALE,		/* the timestamp is too old or too new */
	GW_NO_KEY,		/* our keys for the account cannot be read */
	GW_WRONG_ACCOUNT,	/* the order belongs to another account */
	GW_UNREACHABLE,		/* (a query) no answer from the gateway */
	GW_UNKNOWN_SERIAL	/* signed with a certificate we do not hold */
};
const char	*gw_why_text(enum gw_verdict);

/*
 * Alipay (RSA2), gw_alipay.c.
 *
 * gw_alipay_pay_url: the address of the gateway's page for the order
 * (alipay.trade.wap.pay, its parameters signed with our key), amount in
 * fen written as the yuan string Alipay reads; subject in UTF-8;
 * instalments 0, 3, 6 or 12 (花呗分期, hb_fq_num) with fee_by_estate
 * (hb_fq_seller_percent 100) or not (0). NULL on a key error (logged).
 *
 * gw_alipay_notice: a notification as sent (form-encoded): verified over
 * its sorted parameters without sign and sign_type, with the account's
 * gateway key; total_amount (yuan, 2 decimals) parsed to fen exactly;
 * paid for TRADE_SUCCESS and TRADE_FINISHED. The account is found by
 * app_id and seller_id (gw_account_find). GW_OK fills n and acct.
 * The reply to the gateway is exactly "success" (any other body makes
 * it send again).
 */
char		*gw_alipay_pay_url(struct ctx *, const struct gw_account *,
		    const char *out_trade_no, int64_t amount, const char *subject,
		    int instalments, int fee_by_estate, const char *expires,
		    const char *notify_url, const char *return_url);
enum gw_verdict	gw_alipay_notice(struct ctx *, const char *body, size_t len,
		    struct gw_notice *n, struct gw_account *acct);
/*
 * gw_alipay_query: what the gateway says of out_trade_no
 * (alipay.trade.query, signed with our key; the answer verified with the
 * gateway's key over alipay_trade_query_response as sent). GW_OK fills
 * n: paid for TRADE_SUCCESS and TRADE_FINISHED, with the amount and the
 * transaction; not paid (amount -1) when the gateway has no such trade
 * (ACQ.TRADE_NOT_EXIST) or it waits for the buyer. GW_UNREACHABLE,
 * GW_MALFORMED, GW_BAD_SIGNATURE or GW_NO_KEY with a line in err.
 */
enum gw_verdict	gw_alipay_query(struct ctx *, const struct gw_account *,
		    const char *out_trade_no, struct gw_notice *n, char *err,
		    size_t errlen);

/*
 * UnionPay ACP 5.1.0 (signMethod 01), gw_unionpay.c.
 *
 * gw_unionpay_front_form: the signed fields of the front consume form
 * (POSTed by the owner's browser to *action, the gateway), amount in
 * fen, txnTime from the order number; instalments 0, or 3, 6 or 12 for
 * 信用卡分期 (ACP's 分期付款: txnSubType 03 and the 分期付款信息域
 * instalTransInfo {numberOfInstallments=NN}, the fee the cardholder's);
 * NULL without our keys.
 * gw_unionpay_notice: the back notification as sent (form-encoded): the
 * account by merId, its certId the gateway's certificate, its signature
 * verified; orderId, txnAmt (fen), queryId; paid for respCode 00.
 * gw_unionpay_query: queryTrans.do; paid for respCode 00 and
 * origRespCode 00, not paid (amount -1) for respCode 34 (no such order).
 */
struct kvlist;
struct kvlist	*gw_unionpay_front_form(struct ctx *, const struct gw_account *,
		    const char *out_trade_no, int64_t amount, int instalments,
		    const char *expires,
		    const char *front_url, const char *back_url,
		    const char **action);
enum gw_verdict	gw_unionpay_notice(struct ctx *, const char *body, size_t len,
		    struct gw_notice *n, struct gw_account *acct);
enum gw_verdict	gw_unionpay_query(struct ctx *, const struct gw_account *,
		    const char *out_trade_no, struct gw_notice *n, char *err,
		    size_t errlen);

/*
 * Refunds (gw_alipay.c alipay.trade.refund, gw_wechat.c POST
 * /v3/refund/domestic/refunds): amount fen of out_trade_no, once under
 * out_refund_no (asked again, the gateway answers as the first time).
 * GW_OK with *state 1 (refunded: *refund_id the gateway's), 0 (in
 * progress: ask again later) or -1 (refused: why in err); other
 * verdicts when the gateway could not be asked or its answer not
 * trusted.
 */
enum gw_verdict	gw_alipay_refund(struct ctx *, const struct gw_account *,
		    const char *out_trade_no, const char *out_refund_no,
		    int64_t amount, int *state, const char **refund_id,
		    char *err, size_t errlen);
/* UnionPay's (退货, txnType 04): against the paid order's queryId,
 * under its own order number out_refund_no; respCode 00 is taken as
 * refunded, 03/04/05 as in progress. */
enum gw_verdict	gw_unionpay_refund(struct ctx *, const struct gw_account *,
		    const char *orig_query_id, const char *out_refund_no,
		    int64_t amount, const char *back_url, int *state,
		    const char **refund_id, char *err, size_t errlen);
enum gw_verdict	gw_wechat_refund(struct ctx *, const struct gw_account *,
		    const char *out_trade_no, const char *out_refund_no,
		    int64_t amount, int *state, const char **refund_id,
		    char *err, size_t errlen);

/*
 * WeChat Pay API v3 (JSON), gw_wechat.c. Requests carry the
 * Authorization WECHATPAY2-SHA256-RSA2048 (our key over "METHOD\nPATH\n
 * TIMESTAMP\nNONCE\nBODY\n", serial_no our certificate's: key_dir's
 * merchant.serial); answers and notifications are verified over
 * "TIMESTAMP\nNONCE\nBODY\n" with the platform key (platform.pem) whose
 * serial (platform.serial) the Wechatpay-Serial header names, the time
 * within 5 minutes; a notification's resource is opened with
 * AES-256-GCM under the APIv3 key (apiv3.key).
 *
 * gw_wechat_h5_url: opens the order at the gateway (POST
 * /v3/pay/transactions/h5) and gives the H5 page's address, with
 * redirect_url to come back to; NULL with a line in err.
 * gw_wechat_notice: a notification as sent, for the account its address
 * names: verified, opened, mchid, appid, out_trade_no, trade_state
 * (SUCCESS: paid) and amount.total (fen) read. GW_OK fills n.
 * gw_wechat_query: GET /v3/pay/transactions/out-trade-no/{no}?mchid=,
 * the answer verified; GW_OK fills n (not paid, amount -1, when the
 * gateway has no such order: ORDER_NOT_EXIST).
 */
char		*gw_wechat_h5_url(struct ctx *, const struct gw_account *,
		    const char *out_trade_no, int64_t amount,
		    const char *description, const char *expires,
		    const char *notify_url,
		    const char *client_ip, const char *return_url, char *err,
		    size_t errlen);
enum gw_verdict	gw_wechat_notice(struct ctx *, const struct gw_account *,
		    const char *timestamp, const char *nonce,
		    const char *signature, const char *serial, const char *body,
		    size_t len, struct gw_notice *n);
enum gw_verdict	gw_wechat_query(struct ctx *, const struct gw_account *,
		    const char *out_trade_no, struct gw_notice *n, char *err,
		    size_t errlen);

/*
 * Closing an open order (the owner's 取消订单; payorder_cancel).
 * gw_alipay_close: alipay.trade.close; gw_wechat_close: POST
 * /v3/pay/transactions/out-trade-no/{no}/close. GW_OK with *closed
 * GW_CLOSED when the gateway closed it (WeChat Pay: or has no such
 * order: its H5 page was never made); GW_CLOSED_NOT_OPENED when Alipay
 * has no such trade yet (ACQ.TRADE_NOT_EXIST: the buyer has not opened
 * the cashier, and the signed page-pay request the browser holds still
 * opens it until time_expire - a trial's double payment); 0 when it
 * refused (paid, or in a state it will not close: the caller asks
 * gw_query what it is); other verdicts when it could not be asked or
 * its answer not trusted (err says why).
 * gw_close: the channel's close; UnionPay has none for an unpaid
 * consume (ACP closes nothing but by payTimeout): *closed 0, GW_OK.
 * gw_query: the channel's order query (gw_alipay_query ...).
 */
#define GW_CLOSED		1
#define GW_CLOSED_NOT_OPENED	2
enum gw_verdict	gw_alipay_close(struct ctx *, const struct gw_account *,
		    const char *out_trade_no, int *closed, char *err,
		    size_t errlen);
enum gw_verdict	gw_wechat_close(struct ctx *, const struct gw_account *,
		    const char *out_trade_no, int *closed, char *err,
		    size_t errlen);
enum gw_verdict	gw_close(struct ctx *, const struct gw_account *,
		    const char *out_trade_no, int *closed, char *err,
		    size_t errlen);
enum gw_verdict	gw_query(struct ctx *, const struct gw_account *,
		    const char *out_trade_no, struct gw_notice *n, char *err,
		    size_t errlen);

/*
 * expires (all three): the order's expiry, "YYYY-MM-DD HH:MM:SS" China
 * time, handed to the gateway (Alipay time_expire, WeChat Pay
 * time_expire, UnionPay payTimeout) so that nobody can pay an order
 * propfee has closed: the expiry is the gateway's too.
 *
 * Shared by the adapters (gw.c): RSA with SHA-256 over msg, the
 * signature in base64. gw_rsa_verify: 1 valid, 0 not, -1 no key.
 * gw_rsa_sign: the signature (arena), NULL without a key.
 * gw_key_path: conf pay_keys/key_dir/name, or NULL without pay_keys.
 * gw_key_text: the first line of such a file (a serial, a key), or NULL.
 * gw_unbase64: base64 s decoded into the arena, at most max bytes, or
 * NULL when it is not base64 or longer.
 */
const char	*gw_key_path(struct ctx *, const struct gw_account *,
		    const char *name);
int		gw_rsa_verify(struct ctx *, const char *pem_path, const char *msg,
		    size_t len, const char *sig_b64);
char		*gw_rsa_sign(struct ctx *, const char *pem_path, const char *msg,
		    size_t len);
char		*gw_key_text(struct ctx *, const struct gw_account *,
		    const char *name);
unsigned char	*gw_unbase64(struct ctx *, const char *s, size_t max,
		    size_t *len);
/* Fen as a yuan string with two decimals ("12.30"), and back: a yuan
 * string of digits, optionally '.' and one or two digits, exactly; -1
 * when it is not one. */
char		*gw_yuan(struct ctx *, int64_t fen);
int64_t		gw_fen(const char *yuan);

/*
 * Daily statements (对账单; issue 10 "Reconciliation"): what a gateway
 * says it took and gave back on one day (China time) for one merchant
 * account, read from the file in its own format:
 *	Alipay	alipay.data.dataservice.bill.downloadurl.query (bill_type
 *		trade), then the zip at bill_download_url: the 业务明细 CSV,
 *		GBK, between '#' lines; 交易 lines are payments (订单金额),
 *		退款 lines refunds (商家实收, negative; 退款批次号/请求号 is
 *		our out_refund_no).
 *	WeChat	GET /v3/bill/tradebill?bill_date=&bill_type=ALL (signed
 *		answer: download_url, SHA1), then the file, its SHA1
 *		checked: a header, lines of '`'-prefixed fields, SUCCESS
 *		(订单金额) and REFUND (退款金额, 商户退款单号); no trade that
 *		day is NO_STATEMENT_EXIST, an empty statement.
 *	UnionPay fileTransfer.do (txnType 76, fileType 00, settleDate
 *		MMDD): fileContent is a zip, DEFLATE-compressed and in
 *		base64; its ZM_ file's fixed-width lines (S22 consume: orderId
 *		ours; S30 退货: orderId our out_refund_no), amount 12 digits
 *		of fen; respCode 98 (no file) an empty statement.
 * GW_OK fills st (empty when the gateway had nothing that day); other
 * verdicts with a line in err (GW_UNREACHABLE: ask again later).
 * Amounts are parsed exactly (gw_fen), never through a float.
 */
struct gw_stmt_line {
	int		 refund;	/* 0 a payment, 1 a refund */
	const char	*out_trade_no;	/* the order ("" when not named) */
	const char	*out_refund_no;	/* a refund's, ours */
	const char	*txn_id;	/* the gateway's */
	int64_t		 amount;	/* fen, > 0 */
	const char	*at;		/* "YYYY-MM-DD HH:MM:SS" or "" */
};
struct gw_statement {
	struct gw_stmt_line	*lines;
	size_t			 n, cap;
};
enum gw_verdict	gw_alipay_statement(struct ctx *, const struct gw_account *,
		    const char *day, struct gw_statement *, char *err,
		    size_t errlen);
enum gw_verdict	gw_wechat_statement(struct ctx *, const struct gw_account *,
		    const char *day, struct gw_statement *, char *err,
		    size_t errlen);
enum gw_verdict	gw_unionpay_statement(struct ctx *, const struct gw_account *,
		    const char *day, struct gw_statement *, char *err,
		    size_t errlen);
/* The account's channel's statement (one of the three above). */
enum gw_verdict	gw_statement(struct ctx *, const struct gw_account *,
		    const char *day, struct gw_statement *, char *err,
		    size_t errlen);
/* Shared by them (gw.c): a line appended (copied into the arena); the
 * first entry of a zip whose name contains part, NUL-terminated in the
 * arena (NULL with a line in err: not a zip, no such entry, larger than
 * FETCH_MAX). */
void		gw_statement_add(struct ctx *, struct gw_statement *,
		    const struct gw_stmt_line *);
char		*gw_unzip(struct ctx *, const void *zip, size_t len,
		    const char *part, size_t *outlen, char *err, size_t errlen);
/* A statement's CSV text (UTF-8, or GBK as Chinese gateways write it)
 * as rows of cells, each cell without the spaces, tabs and the leading
 * '`' the gateways pad with; -1 with a line in err when it is neither
 * encoding. gw_column: the index of the cell named name in a header row,
 * or -1. */
struct csv_row;
int		gw_statement_rows(struct ctx *, const char *text, size_t len,
		    struct csv_row **rows, char *err, size_t errlen);
int		gw_column(const struct csv_row *, const char *name);
/* The cell of a row in column c, or "" (c < 0, or past the row's end). */
const char	*gw_cell(const struct csv_row *, int c);
/*
 * A CSV statement's layout: the header's names of the columns a line is
 * read from, and the words of the kind column that mark a payment and a
 * refund (other kinds are skipped). gw_layout_find: the columns' indexes
 * from a header row into col (GW_COL__MAX), 0, or -1 when one is
 * missing. gw_layout_line: one line added to st (a refund's amount may
 * be written negative), 0 (added, or skipped), or -1 with a line in err
 * when its amount is not a yuan string.
 */
enum { GW_COL_KIND, GW_COL_OTN, GW_COL_REFUND_NO, GW_COL_TXN, GW_COL_AT,
	GW_COL_PAID, GW_COL_REFUNDED, GW_COL__MAX };
struct gw_layout {
	const char	*col[GW_COL__MAX];
	const char	*pay_word, *refund_word;
};
int		gw_layout_find(const struct gw_layout *, const struct csv_row *,
		    int *col);
int		gw_layout_line(struct ctx *, struct gw_statement *,
		    const struct gw_layout *, const int *col,
		    const struct csv_row *, char *err, size_t errlen);

#endif
