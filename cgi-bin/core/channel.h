/*
 * channel.h - how money came in (payments.channel, sql/001_schema.sql):
 * the one list of channels. An enum, the codes as stored and their
 * Chinese words in the same order, and the SQL literals that statements
 * name groups of channels by. tests/lint/lists.py checks in make test
 * that the schema's ENUM has exactly these codes and that every literal
 * below names only codes of the list.
 */
#ifndef PROPFEE_CHANNEL_H
#define PROPFEE_CHANNEL_H

enum channel {
	CHANNEL_CASH,
	CHANNEL_POS_COUNTER,
	CHANNEL_POS_DOOR,
	CHANNEL_ALIPAY,
	CHANNEL_WECHAT,
	CHANNEL_UNIONPAY,
	CHANNEL_SERVICE_CREDIT,
	CHANNEL_PREPAID,
	CHANNEL__MAX
};

/* NULL-terminated, so a field can offer them as its choices (valid.h). */
/* schema: payments.channel */
extern const char *const channel_codes[CHANNEL__MAX + 1];
extern const char *const channel_labels[CHANNEL__MAX];

/* For statement text (constants, never input). */
#define CHANNEL_SQL_ONLINE		"'alipay', 'wechat', 'unionpay'"
#define CHANNEL_SQL_POS			"'pos_counter', 'pos_door'"
#define CHANNEL_SQL_SERVICE_CREDIT	"'service_credit'"

/* The channel of a stored code, compared whole; CHANNEL__MAX if none. */
enum channel	channel_parse(const char *);
/* 1 for the channels staff record at the counter or the door. */
int		channel_staff(enum channel);
/* 1 for the online channels (an owner pays through a gateway). */
int		channel_online(enum channel);
/* 1 for a channel a register or a board lists (not the prepaid
 * balance's own allocations, which are no money coming in). */
int		channel_listed(enum channel);

#endif
