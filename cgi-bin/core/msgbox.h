/*
 * msgbox.h - messages to owners as the pages show them (issue 11): the
 * outbox's statuses and topics in Chinese, why a message was not sent,
 * which a manager may send again, a login code's digits never shown;
 * and an owner's choice of channels, checked and changed by the same
 * rules from the owner portal (/messages/settings) and the back office
 * (the household page's owners).
 *
 * Queueing and sending are msg.h's and the worker's (cgi-bin/worker/
 * outbox.c); this file only reads the outbox, puts a message back in
 * the queue (msgbox_resend) and writes owners.notify_*.
 */
#ifndef PROPFEE_MSGBOX_H
#define PROPFEE_MSGBOX_H

#include <stdint.h>

#include "msg.h"

struct arena;
struct ctx;

/* outbox.status (sql/028_messages.sql). */
enum msgbox_status {
	MSGBOX_PENDING,		/* queued, due at next_at */
	MSGBOX_SENDING,		/* leased by a worker */
	MSGBOX_SENT,		/* the provider took it */
	MSGBOX_DEAD,		/* failed every try (dead letter) */
	MSGBOX_SKIPPED,		/* not to be sent (last_error says why) */
	MSGBOX_UNSURE,		/* the provider never answered after a try
				 * went out: it may have reached the owner
				 * (worker/outbox.c, sql/031) */
	MSGBOX_STATUS__MAX
};
/* schema: outbox.status */
extern const char *const msgbox_status_codes[MSGBOX_STATUS__MAX];
/* The back office's words: 待发送, 发送中, 已发送, 发送失败, 未发送,
 * 可能已送达. */
extern const char *const msgbox_status_labels[MSGBOX_STATUS__MAX];
/* The status of code, or MSGBOX_STATUS__MAX. */
enum msgbox_status msgbox_status_parse(const char *code);

/* The topics of msg.h as a filter lists them, NULL-terminated (a
 * V_CHOICE's choices), and their words: ebill -> 电子账单. */
extern const char *const msgbox_topic_codes[];
const char	*msgbox_topic_label(const char *topic);

/*
 * Why a skipped message was not sent (outbox.last_error, as the worker
 * wrote it), in an owner's words ("账单已缴清或已减免，无需提醒"); *by_rule
 * is set to 1 when a rule left it unsent (its bills were paid or waived
 * meanwhile, the owner turned the channel off, the receipt was voided,
 * a row from before issue 11), 0 when something went wrong (no address,
 * anything not known): only those may be sent again
 * (msgbox_resendable).
 */
const char	*msgbox_skip_words(const char *why, int *by_rule);

/*
 * The same reason as staff read it (业主已关闭这种接收方式, not the
 * owner's 您已关闭…); "系统未能发送" for one the table does not know.
 */
const char	*msgbox_skip_words_staff(const char *why);

/*
 * A provider's answer to one try (an outbox_attempts row: ok, its HTTP
 * status, 0 when no answer came, and the provider's code), in a team
 * lead's words: "业主未关注公众号，无法接收" for WeChat's 43004,
 * "手机号码无效" for the SMS cloud's isv.MOBILE_NUMBER_ILLEGAL; by how it
 * came when the code says nothing known (no answer, HTTP 429, a 5xx).
 * channel is outbox.channel. Never NULL.
 */
const char	*msgbox_answer_words(const char *channel, int ok, int64_t http,
		    const char *code);

/*
 * Why a message is where it is, for the staff pages: a skipped one's
 * reason (msgbox_skip_words_staff), a failed or retried one's last
 * answer (msgbox_answer_words of its last attempt: tried 1, http and
 * code), "系统未能生成消息内容" or "系统未能发送" for a failure with no
 * attempt, an unsure one's "短信平台没有应答，业主可能已收到：请先问业主，
 * 没收到再重发"; "" when there is nothing to say (sent, or not yet
 * tried).
 * why is outbox.last_error.
 */
const char	*msgbox_why_staff(const char *channel, enum msgbox_status,
		    const char *why, int tried, int64_t http, const char *code);

/*
 * An address as a list shows it: a phone as 138****1234; a WeChat openid
 * or an app's device id shortened to its first and last 4 characters
 * (oX3f…9a2c); "" for none. The message's own page shows it whole.
 */
const char	*msgbox_address_short(struct arena *, const char *channel,
		    const char *address);

/* 1 if a manager or team lead may send the message of topic again: it
 * failed (dead), may have been delivered (unsure: staff ask the owner
 * first), or was skipped by an error rather than a rule; never a login
 * code (it lives 5 minutes: the owner asks for another). */
int		 msgbox_resendable(const char *topic, enum msgbox_status,
		    const char *why);

/*
 * What an owner reads of a message's state: 已发送; 发送中 (being sent,
 * or failed and to be tried again); 等待发送（免打扰时段） (held, and the
 * estate's quiet hours are now: quiet 1); 等待发送 (held for later by the
 * daily limit); 发送失败; 未发送：<why>; 可能已送达 (unsure). later is 1 when a pending
 * message is due only later (next_at in the future), retrying 1 when it
 * failed before (last_error set).
 */
const char	*msgbox_owner_status(struct arena *, enum msgbox_status,
		    int held, int quiet, int later, int retrying,
		    const char *why);

/*
 * One message goes to an owner by each channel they chose: one outbox
 * row a channel, each in its own state. msgbox_owner_by says them as
 * one message (a new user's trial: the same e-bill by SMS and WeChat
 * read as two messages): the channels in one state together, their
 * labels joined by 、 - "已通过 短信、微信 发送" first, then each other
 * state with its channels, "微信 发送失败", "App 推送 未发送：您已关闭
 * 这种接收方式", "短信 等待发送（免打扰时段）". in[] lists the channels
 * (msg.h's order; MSG_CHANNEL__MAX at most are read), each with
 * msgbox_owner_status's words; out[] gets the phrases (no more than the
 * channels read); returns how many.
 */
struct msgbox_by {
	int			 channel;	/* enum msg_channel */
	enum msgbox_status	 st;
	const char		*words;		/* msgbox_owner_status */
};
struct msgbox_phrase {
	enum msgbox_status	 st;		/* its channels' */
	const char		*codes;		/* "sms wechat" */
	const char		*words;		/* 已通过 短信、微信 发送 */
};
int		 msgbox_owner_by(struct arena *, const struct msgbox_by *in,
		    int n, struct msgbox_phrase *out);

/* A message's words as a page may show them: a login code's digits each
 * as * (nobody reads a code off a page); others as they were sent. */
const char	*msgbox_body_shown(struct arena *, const char *topic,
		    const char *body);

/*
 * Puts message id back in the queue: pending, due now, its tries count
 * from 0 again, its error cleared; the attempts it had stay in
 * outbox_attempts. In one transaction, with an audit row
 * ("outbox.resend") as the signed-in staff member. Returns 0 (queued
 * again), 1 (no such message), 2 (not resendable now: sent, pending,
 * being sent, or skipped by a rule) or -1 on a database failure.
 * Rule: issue 11, "resend a dead letter".
 */
#define MSGBOX_NOT_FOUND	1
#define MSGBOX_NOT_RESENDABLE	2
int		 msgbox_resend(struct ctx *, int64_t id);

/* An owner's channels: chosen (owners.notify_*) and bound (an address
 * to send to: the phone for SMS, a WeChat openid, an app device). */
struct msgbox_prefs {
	int64_t		 owner_id;
	int64_t		 estate_id;
	const char	*name;
	const char	*phone;
	int		 on[MSG_CHANNEL__MAX];
	int		 bound[MSG_CHANNEL__MAX];
};

/* Loads owner_id's channels into p. Returns 1, 0 (no such owner) or -1. */
int		 msgbox_prefs_load(struct ctx *, int64_t owner_id,
		    struct msgbox_prefs *p);

/* Why a choice of channels is refused. */
enum msgbox_prefs_why {
	MSGBOX_PREFS_OK,
	MSGBOX_PREFS_NONE,	/* none chosen: at least one must stay on */
	MSGBOX_PREFS_UNBOUND	/* a chosen channel has no address */
};

/*
 * Checks want[] (1: chosen, per channel) against p's addresses: a
 * channel without one may not be chosen (*channel names the first), and
 * at least one channel must stay on, or the owner hears of no bill.
 */
enum msgbox_prefs_why msgbox_prefs_check(const struct msgbox_prefs *p,
		    const int want[MSG_CHANNEL__MAX], int *channel);

/*
 * Sets owner_id's channels to want[]: in one transaction the owner's
 * row is locked and checked again (msgbox_prefs_check: an address may
 * have been unbound meanwhile), changed, and audited ("owner.channels",
 * the owner's estate, as the signed-in owner or staff member) when
 * anything changed (*changed 1). Returns 0, MSGBOX_NOT_FOUND, 10 + the
 * msgbox_prefs_why refusing it (nothing changed; *channel as
 * msgbox_prefs_check) or -1 on a database failure.
 */
#define MSGBOX_REFUSED		10
int		 msgbox_prefs_set(struct ctx *, int64_t owner_id,
		    const int want[MSG_CHANNEL__MAX], int *changed,
		    int *channel);

#endif
