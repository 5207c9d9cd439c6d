/*
 * msg.h - messages to owners: e-bills, reminders, the shops' quarterly
 * bill, e-receipts, login codes and password changes, by SMS, WeChat and
 * app push (issue 11; DOMAIN.md "Notifications": each owner by the
 * channels they chose, every message kept with its delivery status and
 * retried on failure).
 *
 * A message is an outbox row (sql/016, sql/028) per owner and channel,
 * written in the transaction of what causes it, under an idempotency key
 * naming the cause ("ebill/RUN/PREMISES") and the channel: written twice,
 * it is queued once. propfee-worker composes and sends it later
 * (cgi-bin/worker/outbox.c), through the adapters of msgsend.h.
 */
#ifndef PROPFEE_MSG_H
#define PROPFEE_MSG_H

#include <stdint.h>

struct ctx;

/* Topics (outbox.topic). */
#define MSG_EBILL		"ebill"		/* a billing run's new bills */
#define MSG_REMINDER		"reminder"	/* bills near or past due */
#define MSG_SHOP_QUARTER	"shop.quarter"	/* 物业费+租金, 15 days ahead */
#define MSG_RECEIPT		"receipt.issued"	/* after a payment */
#define MSG_LOGIN_CODE		"login.code"	/* a 6-digit code by SMS */
/* after a reset by SMS code: by SMS whatever was chosen, and by the
 * channels chosen (logincode.c) */
#define MSG_PASSWORD_CHANGED	"password.changed"
/* a service request's step (core/request.c): payload request, event */
#define MSG_REQUEST		"request.stage"
/* ... and its next actor told, by SMS to staff.phone (sql/036): payload
 * request, event (the step that makes it theirs) */
#define MSG_REQUEST_STAFF	"request.staff"
/* the monthly service report published (core/svcreport.c): payload
 * report; to every owner of the estate, held */
#define MSG_SERVICE_REPORT	"service.report"
/* an answer to a question the owner asked in the portal (core/enquiry.c):
 * payload enquiry; held */
#define MSG_ENQUIRY		"enquiry.answer"
/* a vacant-unit custody task done (core/custody.c): payload log; to each
 * owner of the premises, held */
#define MSG_CUSTODY		"custody.task"
/* a manager's decision on a hardship deferral (core/deferral.c): payload
 * deferral; held */
#define MSG_DEFERRAL		"deferral.decided"

/* Channels (outbox.channel), in the order pages list them. */
enum msg_channel {
	MSG_SMS,
	MSG_WECHAT,
	MSG_APP,
	MSG_CHANNEL__MAX
};
extern const char *const msg_channel_codes[MSG_CHANNEL__MAX];	/* "sms" */
extern const char *const msg_channel_labels[MSG_CHANNEL__MAX];	/* 短信 */
/* The channel of code, or -1. */
int	msg_channel_parse(const char *code);

/* msg_in.flags */
#define MSG_HELD	0x1	/* quiet hours and the per-owner limit hold it */
#define MSG_SMS_ONLY	0x2	/* by SMS whatever the owner chose (codes) */

struct msg_in {
	int64_t		 estate_id;
	int64_t		 owner_id;
	const char	*topic;		/* MSG_* above */
	const char	*key;		/* the cause: "receipt.issued/42" */
	int64_t		 premises_id;	/* DB_NULL: none */
	int64_t		 run_id;	/* DB_NULL: not a billing run's */
	const char	*payload;	/* JSON the composer reads, or "{}" */
	int		 flags;
};

/*
 * Queues in's message to its owner by each channel the owner chose and
 * has an address for (the phone for SMS, a bound openid for WeChat, a
 * registered device for the app), inside the caller's transaction, each
 * under key "in->key/channel"; a key queued before is left as it was.
 * MSG_SMS_ONLY: by SMS alone, chosen or not. Returns how many rows were
 * new (0 when the owner chose nothing, or all were there), or -1.
 */
int	msg_queue(struct ctx *, const struct msg_in *in);

/*
 * The e-bills of billing run run_id for the households of estate_id
 * with ids from..to it made bills for: one per household (its primary
 * owner) and channel, whatever the number of bills and periods, under
 * "ebill/RUN/PREMISES/channel", inside the caller's transaction (the
 * run's chunk). Shops are left out: theirs is the quarterly bill
 * (MSG_SHOP_QUARTER, DOMAIN.md "Premises and fees"). Returns how many
 * were queued, or -1.
 */
int64_t	msg_queue_run(struct ctx *, int64_t estate_id, int64_t run_id,
	    int64_t from, int64_t to);

/*
 * A message of topic to every owner of a premises of estate_id, once
 * each however many premises they own there, by each channel the owner
 * chose and has an address for, held (quiet hours and the daily limit
 * apply), under "key_prefix OWNER/channel", inside the caller's
 * transaction (a monthly service report's publication). Returns how
 * many were queued, or -1.
 */
int64_t	msg_queue_estate(struct ctx *, int64_t estate_id, const char *topic,
	    const char *key_prefix, const char *payload);

#endif
