/*
 * msgbox.c - messages as pages show them, resending one, and owners'
 * channel choices (msgbox.h).
 */
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "audit.h"
#include "ctx.h"
#include "db.h"
#include "labels.h"
#include "msgbox.h"

const char *const msgbox_status_codes[MSGBOX_STATUS__MAX] = {
	"pending", "sending", "sent", "dead", "skipped", "unsure"
};
const char *const msgbox_status_labels[MSGBOX_STATUS__MAX] = {
	"待发送", "发送中", "已发送", "发送失败", "未发送", "可能已送达"
};

enum msgbox_status
msgbox_status_parse(const char *code)
{
	int	 i;

	for (i = 0; code != NULL && i < MSGBOX_STATUS__MAX; i++)
		if (strcmp(code, msgbox_status_codes[i]) == 0)
			return (enum msgbox_status)i;
	return MSGBOX_STATUS__MAX;
}

const char *const msgbox_topic_codes[] = {
	MSG_EBILL, MSG_REMINDER, MSG_SHOP_QUARTER, MSG_RECEIPT,
	MSG_LOGIN_CODE, MSG_PASSWORD_CHANGED, MSG_SERVICE_REPORT,
	MSG_REQUEST, MSG_REQUEST_STAFF, MSG_ENQUIRY, MSG_CUSTODY,
	MSG_DEFERRAL, NULL
};
/* A login code's: 短信验证码, true of a login's and a reset's alike (its
 * payload, which says which, is gone once sent: the words sent say). A
 * service request's steps (a new user read 14 rows of 通知 without them):
 * the owner's 报修进度, staff's 报修待办. */
static const char *const topic_labels[] = {
	"电子账单", "缴费提醒", "商铺季度账单", "电子收据", "短信验证码",
	"密码已修改", "服务月报", "报修进度", "报修待办", "咨询答复",
	"空置房托管", "缓交审批结果"
};

const char *
msgbox_topic_label(const char *topic)
{
	size_t	 i;

	for (i = 0; topic != NULL && msgbox_topic_codes[i] != NULL; i++)
		if (strcmp(topic, msgbox_topic_codes[i]) == 0)
			return topic_labels[i];
	return "通知";
}

/*
 * Why the worker skipped a message, by words its reason has (first match
 * wins; ASCII in any case): what the owner reads, and whether a rule
 * left it unsent. The worker's reasons are cgi-bin/worker/outbox.c's
 * outbox_skipped() calls; one this table does not know is an error
 * (系统未能发送), which a manager may send again.
 */
static const struct {
	const char	*needle;
	const char	*words;		/* the owner's */
	const char	*staff;		/* the back office's */
	int		 by_rule;
} skips[] = {
	{ "已缴清",		"账单已缴清或已减免，无需提醒",
	    "账单已缴清或已减免，无需提醒", 1 },
	{ "已减免",		"账单已缴清或已减免，无需提醒",
	    "账单已缴清或已减免，无需提醒", 1 },
	{ "已关闭",		"您已关闭这种接收方式",
	    "业主已关闭这种接收方式", 1 },
	{ "已作废",		"收据已作废", "收据已作废", 1 },
	{ "缓交期间",		"缓交期间不催缴", "缓交期间不催缴", 1 },
	{ "没有本户的账单",	"这次出账没有您的账单",
	    "这次出账没有本户的账单", 1 },
	{ "验证码已过期",	"验证码已过期或已有新的验证码，未再发送",
	    "验证码已过期或已有新的验证码，未再发送", 1 },
	{ "before issue 11",	"系统升级前的旧记录", "系统升级前的旧记录", 1 },
	{ "未绑定",		"未绑定，无法发送",
	    "业主未绑定这种接收方式，无法发送", 0 },
	{ "没有接收地址",	"未绑定，无法发送",
	    "业主未绑定这种接收方式，无法发送", 0 },
};

/* The row of skips[] why matches, or -1. */
static int
skip_of(const char *why)
{
	size_t	 i;

	for (i = 0; why != NULL && i < sizeof(skips) / sizeof(skips[0]); i++)
		if (strcasestr(why, skips[i].needle) != NULL)
			return (int)i;
	return -1;
}

const char *
msgbox_skip_words(const char *why, int *by_rule)
{
	int	 i = skip_of(why);

	*by_rule = i >= 0 ? skips[i].by_rule : 0;
	return i >= 0 ? skips[i].words : "系统未能发送";
}

const char *
msgbox_skip_words_staff(const char *why)
{
	int	 i = skip_of(why);

	return i >= 0 ? skips[i].staff : "系统未能发送";
}

/*
 * The providers' codes a team lead may meet, in words, per channel
 * (the adapters' judges: msg_sms.c, msg_wechat.c, msg_app.c; the SMS
 * cloud's codes are its error-code list, WeChat's errcode, the push
 * service's error.code). A code ending in '*' matches by its prefix;
 * the first match wins. One not here is read by its HTTP status
 * (answer_by_http).
 */
#define ASK_ADMIN	"（请联系系统管理员）"
static const struct {
	enum msg_channel	 channel;
	const char		*code;
	const char		*words;
} answers[] = {
	{ MSG_SMS, "isv.MOBILE_NUMBER_ILLEGAL", "手机号码无效" },
	{ MSG_SMS, "isv.PHONE_NUMBER_ILLEGAL", "手机号码无效" },
	{ MSG_SMS, "isv.DOMESTIC_NUMBER_NOT_SUPPORTED", "不支持这个号码" },
	{ MSG_SMS, "isv.BLACK_KEY_CONTROL_LIMIT", "短信内容含平台禁用的词语" ASK_ADMIN },
	{ MSG_SMS, "isv.DAY_LIMIT_CONTROL", "这个号码今天收到的短信已达平台上限" },
	{ MSG_SMS, "isv.BUSINESS_LIMIT_*", "短信平台限流：同一号码发送太频繁" },
	{ MSG_SMS, "BUSINESS_LIMIT_*", "短信平台限流：同一号码发送太频繁" },
	{ MSG_SMS, "Throttling*", "短信平台限流：发送太频繁" },
	{ MSG_SMS, "isv.SMS_TEMPLATE*", "短信模板不可用" ASK_ADMIN },
	{ MSG_SMS, "isv.SMS_SIGN*", "短信签名不可用" ASK_ADMIN },
	{ MSG_SMS, "isv.*", "短信内容不符合平台要求" ASK_ADMIN },
	{ MSG_SMS, "isp.*", "短信平台故障" },
	{ MSG_SMS, "Signature*", "短信平台账号校验未通过" ASK_ADMIN },
	{ MSG_SMS, "InvalidAccessKeyId*", "短信平台账号校验未通过" ASK_ADMIN },
	{ MSG_SMS, "InvalidTimeStamp*", "短信平台账号校验未通过" ASK_ADMIN },
	{ MSG_WECHAT, "43004", "业主未关注公众号，无法接收" },
	{ MSG_WECHAT, "43101", "业主拒收公众号消息" },
	{ MSG_WECHAT, "40003", "业主的微信绑定已失效，需重新绑定" },
	{ MSG_WECHAT, "45009", "公众号今天的发送次数已用完" },
	{ MSG_WECHAT, "45011", "微信限流：发送太频繁" },
	{ MSG_WECHAT, "40036", "微信消息模板不可用" ASK_ADMIN },
	{ MSG_WECHAT, "40037", "微信消息模板不可用" ASK_ADMIN },
	{ MSG_WECHAT, "47001", "消息内容不符合微信要求" ASK_ADMIN },
	{ MSG_WECHAT, "47003", "消息内容不符合微信要求" ASK_ADMIN },
	{ MSG_WECHAT, "40001", "微信接口凭证过期，系统会自动更换" },
	{ MSG_WECHAT, "40014", "微信接口凭证过期，系统会自动更换" },
	{ MSG_WECHAT, "42001", "微信接口凭证过期，系统会自动更换" },
	{ MSG_WECHAT, "41001", "微信接口凭证过期，系统会自动更换" },
	{ MSG_WECHAT, "40002", "公众号账号设置有误" ASK_ADMIN },
	{ MSG_WECHAT, "40013", "公众号账号设置有误" ASK_ADMIN },
	{ MSG_WECHAT, "40125", "公众号账号设置有误" ASK_ADMIN },
	{ MSG_WECHAT, "-1", "微信系统繁忙" },
	{ MSG_APP, "1011", "找不到业主的手机（App 未登录或已卸载）" },
	{ MSG_APP, "2002", "推送平台限流：发送太频繁" },
	{ MSG_APP, "2005", "推送平台限流：发送太频繁" },
	{ MSG_APP, "1004", "推送平台账号校验未通过" ASK_ADMIN },
	{ MSG_APP, "1008", "推送平台账号校验未通过" ASK_ADMIN },
	{ MSG_APP, "1002", "推送内容不符合平台要求" ASK_ADMIN },
	{ MSG_APP, "1003", "推送内容不符合平台要求" ASK_ADMIN },
	{ MSG_APP, "1005", "推送内容不符合平台要求" ASK_ADMIN },
	{ MSG_APP, "1000", "推送平台故障" },
};

/* A code of answers[] matches code: whole, or by prefix with '*'. */
static int
code_is(const char *pattern, const char *code)
{
	size_t	 n = strlen(pattern);

	if (n > 0 && pattern[n - 1] == '*')
		return strncmp(pattern, code, n - 1) == 0;
	return strcmp(pattern, code) == 0;
}

/*
 * An answer no code of answers[] explains, by how it came, per channel
 * (the last row: a channel not known): taken; no answer; HTTP 429; 401
 * or 403; a 5xx; anything else; and why a message is unsure (no answer
 * after its request went out: it may have reached the owner).
 */
#define ASK_OWNER	"，业主可能已收到：请先问业主，没收到再重发"
static const struct {
	const char	*ok, *silent, *busy, *keys, *down, *refused, *unsure;
} by_http[MSG_CHANNEL__MAX + 1] = {
	[MSG_SMS] = { "短信平台已接收", "短信平台没有应答（超时或网络不通）",
	    "短信平台限流：发送太频繁", "短信平台账号校验未通过" ASK_ADMIN,
	    "短信平台故障", "短信平台拒绝了这条消息",
	    "短信平台没有应答" ASK_OWNER },
	[MSG_WECHAT] = { "微信已接收", "微信没有应答（超时或网络不通）",
	    "微信限流：发送太频繁", "公众号账号设置有误" ASK_ADMIN,
	    "微信系统繁忙", "微信拒绝了这条消息", "微信没有应答" ASK_OWNER },
	[MSG_APP] = { "推送平台已接收", "推送平台没有应答（超时或网络不通）",
	    "推送平台限流：发送太频繁", "推送平台账号校验未通过" ASK_ADMIN,
	    "推送平台故障", "推送平台拒绝了这条消息",
	    "推送平台没有应答" ASK_OWNER },
	[MSG_CHANNEL__MAX] = { "平台已接收", "平台没有应答（超时或网络不通）",
	    "平台限流：发送太频繁", "平台账号校验未通过" ASK_ADMIN,
	    "平台故障", "平台拒绝了这条消息", "平台没有应答" ASK_OWNER },
};

/* The words of answers[] for channel c's code, or NULL. */
static const char *
answer_by_code(int c, const char *code, size_t n)
{
	char	 buf[64];
	size_t	 i;

	if (c < 0 || code == NULL || n == 0 || n >= sizeof(buf))
		return NULL;
	memcpy(buf, code, n);
	buf[n] = '\0';
	for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++)
		if ((int)answers[i].channel == c && code_is(answers[i].code, buf))
			return answers[i].words;
	return NULL;
}

const char *
msgbox_answer_words(const char *channel, int ok, int64_t http,
    const char *code)
{
	int		 c = msg_channel_parse(channel);
	size_t		 h = c >= 0 ? (size_t)c : MSG_CHANNEL__MAX;
	const char	*w;

	if (ok)
		return by_http[h].ok;
	if ((w = answer_by_code(c, code, code ? strlen(code) : 0)) != NULL)
		return w;
	if (http <= 0)
		return by_http[h].silent;
	if (http == 429)
		return by_http[h].busy;
	if (http == 401 || http == 403)
		return by_http[h].keys;
	if (http >= 500)
		return by_http[h].down;
	return by_http[h].refused;
}

const char *
msgbox_why_staff(const char *channel, enum msgbox_status st, const char *why,
    int tried, int64_t http, const char *code)
{
	const char	*w;

	int		 c = msg_channel_parse(channel);

	if (st == MSGBOX_SKIPPED)
		return msgbox_skip_words_staff(why);
	if (st == MSGBOX_UNSURE)
		return by_http[c >= 0 ? c : MSG_CHANNEL__MAX].unsure;
	if (st == MSGBOX_SENT || why == NULL || *why == '\0')
		return "";
	if (tried)
		return msgbox_answer_words(channel, 0, http, code);
	/* no try recorded: the worker's "CODE answer" (worker/outbox.c) */
	if ((w = answer_by_code(c, why, strcspn(why, " "))) != NULL)
		return w;
	/* the worker's own failures, before any try */
	if (strstr(why, "compose") != NULL)
		return "系统未能生成消息内容";
	return "系统未能发送";
}

/* s's first and last 4 characters around an ellipsis (ASCII ids). */
static const char *
shortened(struct arena *a, const char *s)
{
	size_t	 n = strlen(s);

	if (n <= 10)
		return s;
	return arena_printf(a, "%.4s…%s", s, s + n - 4);
}

const char *
msgbox_address_short(struct arena *a, const char *channel,
    const char *address)
{
	if (address == NULL || *address == '\0')
		return "";
	if (msg_channel_parse(channel) == MSG_SMS)
		return label_phone_masked(a, address);
	return shortened(a, address);
}

int
msgbox_resendable(const char *topic, enum msgbox_status st, const char *why)
{
	int	 by_rule;

	/* a login code lives 5 minutes, and its payload is gone once it
	 * was refused (worker/outbox.c): the owner asks for another */
	if (topic != NULL && strcmp(topic, MSG_LOGIN_CODE) == 0)
		return 0;
	if (st == MSGBOX_DEAD || st == MSGBOX_UNSURE)
		return 1;
	if (st != MSGBOX_SKIPPED)
		return 0;
	(void)msgbox_skip_words(why, &by_rule);
	return !by_rule;
}

const char *
msgbox_owner_status(struct arena *a, enum msgbox_status st, int held,
    int quiet, int later, int retrying, const char *why)
{
	int	 by_rule;

	switch (st) {
	case MSGBOX_SENT:
		return "已发送";
	case MSGBOX_DEAD:
		return "发送失败";
	case MSGBOX_UNSURE:
		return "可能已送达";
	case MSGBOX_SKIPPED:
		return arena_printf(a, "未发送：%s", msgbox_skip_words(why,
		    &by_rule));
	case MSGBOX_PENDING:
		if (held && quiet && !retrying)
			return "等待发送（免打扰时段）";
		if (later && !retrying)
			return "等待发送";
		return "发送中";
	default:
		return "发送中";
	}
}

/* A channel's label and code (msg.h), "渠道" / "" for none known. */
static const char *
label_of(int ch)
{
	return ch >= 0 && ch < MSG_CHANNEL__MAX ? msg_channel_labels[ch] :
	    "渠道";
}

static const char *
code_of(int ch)
{
	return ch >= 0 && ch < MSG_CHANNEL__MAX ? msg_channel_codes[ch] : "";
}

const char *
msgbox_body_shown(struct arena *a, const char *topic, const char *body)
{
	if (body == NULL)
		return "";
	if (topic == NULL || strcmp(topic, MSG_LOGIN_CODE) != 0)
		return body;
	/* never a digit of a code; the fixed words, not the body with each
	 * digit starred (a new user's trial: "*分钟内有效" read as broken) */
	(void)a;
	return "验证码（不在此显示），5 分钟内有效";
}

int
msgbox_owner_by(struct arena *a, const struct msgbox_by *in, int n,
    struct msgbox_phrase *out)
{
	const char	*labels, *codes;
	int		 pass, i, j, nout = 0, done[MSG_CHANNEL__MAX];

	if (n > MSG_CHANNEL__MAX)
		n = MSG_CHANNEL__MAX;
	memset(done, 0, sizeof(done));
	/* the channels it reached first, then the others as they come */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++) {
			if (done[i] || (in[i].st == MSGBOX_SENT) != (pass == 0))
				continue;
			labels = codes = NULL;
			for (j = i; j < n; j++) {
				if (done[j] || in[j].st != in[i].st ||
				    strcmp(in[j].words, in[i].words) != 0)
					continue;
				done[j] = 1;
				labels = labels == NULL ?
				    label_of(in[j].channel) : arena_printf(a,
				    "%s、%s", labels, label_of(in[j].channel));
				codes = codes == NULL ? code_of(in[j].channel) :
				    arena_printf(a, "%s %s", codes,
				    code_of(in[j].channel));
			}
			out[nout].st = in[i].st;
			out[nout].codes = codes;
			out[nout].words = in[i].st == MSGBOX_SENT ?
			    arena_printf(a, "已通过 %s 发送", labels) :
			    arena_printf(a, "%s %s", labels, in[i].words);
			nout++;
		}
	return nout;
}

/* -- resending --------------------------------------------------------- */

SQL_DEF(SQL_MSGBOX_LOCK,
    "SELECT estate_id, topic, status, last_error, attempts FROM outbox"
    " WHERE id = ? AND channel IS NOT NULL FOR UPDATE");

/* Due now, tried from 0 again; the attempts rows stay. */
SQL_DEF(SQL_MSGBOX_REQUEUE,
    "UPDATE outbox SET status = 'pending', attempts = 0, next_at = NOW(6),"
    " last_error = '', lease_owner = '', lease_until = NULL,"
    " unsure_tries = 0"
    " WHERE id = ? AND status IN ('dead', 'skipped', 'unsure')");

struct resend {
	int64_t	 id;
};

static int
resend_tx(struct ctx *ctx, void *arg)
{
	struct resend	*t = arg;
	const char	*topic, *st, *why;
	int64_t		 estate, tries;
	int		 rc;

	if ((rc = db_one(ctx, &SQL_MSGBOX_LOCK, "i", "Isssi", t->id, &estate,
	    &topic, &st, &why, &tries)) != 1)
		return rc == 0 ? MSGBOX_NOT_FOUND : -1;
	if (!msgbox_resendable(topic, msgbox_status_parse(st), why))
		return MSGBOX_NOT_RESENDABLE;
	if (db_exec(ctx, &SQL_MSGBOX_REQUEUE, "i", t->id) < 0)
		return -1;
	return audit(ctx, estate, "outbox.resend", "outbox", t->id, DB_NULL,
	    arena_printf(ctx->a, "was %s after %lld tries: %s", st,
	    (long long)tries, why)) < 0 ? -1 : 0;
}

int
msgbox_resend(struct ctx *ctx, int64_t id)
{
	struct resend	 t = { id };

	return db_tx(ctx, resend_tx, &t);
}

/* -- channel choices --------------------------------------------------- */

SQL_DEF(SQL_MSGBOX_PREFS,
    "SELECT estate_id, name, phone, notify_sms, notify_wechat, notify_app,"
    " wechat_openid <> '', app_device <> '' FROM owners WHERE id = ?");
SQL_DEF(SQL_MSGBOX_PREFS_LOCK,
    "SELECT estate_id, name, phone, notify_sms, notify_wechat, notify_app,"
    " wechat_openid <> '', app_device <> '' FROM owners WHERE id = ?"
    " FOR UPDATE");
SQL_DEF(SQL_MSGBOX_PREFS_SET,
    "UPDATE owners SET notify_sms = ?, notify_wechat = ?, notify_app = ?"
    " WHERE id = ?");

/* Owner owner_id's row into p, locked (lock 1) or not. 1, 0 or -1. */
static int
prefs_row(struct ctx *ctx, int lock, int64_t owner_id,
    struct msgbox_prefs *p)
{
	int64_t	 on[MSG_CHANNEL__MAX], wx, app;
	int	 rc, c;

	memset(p, 0, sizeof(*p));
	p->owner_id = owner_id;
	if (lock)
		rc = db_one(ctx, &SQL_MSGBOX_PREFS_LOCK, "i", "issiiiii",
		    owner_id, &p->estate_id, &p->name, &p->phone, &on[MSG_SMS],
		    &on[MSG_WECHAT], &on[MSG_APP], &wx, &app);
	else
		rc = db_one(ctx, &SQL_MSGBOX_PREFS, "i", "issiiiii", owner_id,
		    &p->estate_id, &p->name, &p->phone, &on[MSG_SMS],
		    &on[MSG_WECHAT], &on[MSG_APP], &wx, &app);
	if (rc != 1)
		return rc;
	for (c = 0; c < MSG_CHANNEL__MAX; c++)
		p->on[c] = on[c] != 0;
	p->bound[MSG_SMS] = *p->phone != '\0';
	p->bound[MSG_WECHAT] = wx != 0;
	p->bound[MSG_APP] = app != 0;
	return 1;
}

int
msgbox_prefs_load(struct ctx *ctx, int64_t owner_id, struct msgbox_prefs *p)
{
	return prefs_row(ctx, 0, owner_id, p);
}

enum msgbox_prefs_why
msgbox_prefs_check(const struct msgbox_prefs *p,
    const int want[MSG_CHANNEL__MAX], int *channel)
{
	int	 c, any = 0;

	*channel = -1;
	for (c = 0; c < MSG_CHANNEL__MAX; c++) {
		if (!want[c])
			continue;
		if (!p->bound[c]) {
			*channel = c;
			return MSGBOX_PREFS_UNBOUND;
		}
		any = 1;
	}
	return any ? MSGBOX_PREFS_OK : MSGBOX_PREFS_NONE;
}

/* "sms,wechat" for the audit row; "none" when empty. */
static const char *
channel_list(struct arena *a, const int on[MSG_CHANNEL__MAX])
{
	const char	*s = "";
	int		 c;

	for (c = 0; c < MSG_CHANNEL__MAX; c++)
		if (on[c])
			s = arena_printf(a, "%s%s%s", s, *s ? "," : "",
			    msg_channel_codes[c]);
	return *s ? s : "none";
}

struct prefs_set {
	int64_t		 owner_id;
	const int	*want;
	int		 changed;
	int		 channel;
};

static int
prefs_tx(struct ctx *ctx, void *arg)
{
	struct prefs_set	*t = arg;
	struct msgbox_prefs	 p;
	enum msgbox_prefs_why	 why;
	int			 rc, c;

	t->changed = 0;
	if ((rc = prefs_row(ctx, 1, t->owner_id, &p)) != 1)
		return rc == 0 ? MSGBOX_NOT_FOUND : -1;
	if ((why = msgbox_prefs_check(&p, t->want, &t->channel)) !=
	    MSGBOX_PREFS_OK)
		return MSGBOX_REFUSED + (int)why;
	for (c = 0; c < MSG_CHANNEL__MAX; c++)
		if (p.on[c] != (t->want[c] != 0))
			t->changed = 1;
	if (!t->changed)
		return 0;
	if (db_exec(ctx, &SQL_MSGBOX_PREFS_SET, "iiii",
	    (int64_t)(t->want[MSG_SMS] != 0), (int64_t)(t->want[MSG_WECHAT] != 0),
	    (int64_t)(t->want[MSG_APP] != 0), t->owner_id) < 0)
		return -1;
	return audit(ctx, p.estate_id, "owner.channels", "owner", t->owner_id,
	    DB_NULL, arena_printf(ctx->a, "channels %s (were %s)",
	    channel_list(ctx->a, t->want), channel_list(ctx->a, p.on))) < 0 ?
	    -1 : 0;
}

int
msgbox_prefs_set(struct ctx *ctx, int64_t owner_id,
    const int want[MSG_CHANNEL__MAX], int *changed, int *channel)
{
	struct prefs_set	 t = { owner_id, want, 0, -1 };
	int			 rc;

	rc = db_tx(ctx, prefs_tx, &t);
	*changed = t.changed;
	*channel = t.channel;
	return rc;
}
