/*
 * msg.c - queueing messages to owners (msg.h).
 */
#include <string.h>

#include "ctx.h"
#include "db.h"
#include "msg.h"

const char *const msg_channel_codes[MSG_CHANNEL__MAX] = {
	"sms", "wechat", "app"
};
const char *const msg_channel_labels[MSG_CHANNEL__MAX] = {
	"短信", "微信", "App 推送"
};

int
msg_channel_parse(const char *code)
{
	int	 i;

	for (i = 0; code != NULL && i < MSG_CHANNEL__MAX; i++)
		if (strcmp(code, msg_channel_codes[i]) == 0)
			return i;
	return -1;
}

/*
 * One owner's message by one channel, if chosen and addressable. Params:
 * estate, topic, premises, run, held, key, payload, owner, sms_only.
 */
#define QUEUE_COLUMNS \
    "INSERT IGNORE INTO outbox (estate_id, owner_id, topic, channel," \
    " premises_id, run_id, held, idem_key, payload, next_at, created_at)"
SQL_DEF(SQL_MSG_QUEUE_SMS, QUEUE_COLUMNS
    " SELECT ?, o.id, ?, 'sms', ?, ?, ?, CONCAT(?, '/sms'), ?, NOW(6), NOW(6)"
    " FROM owners o WHERE o.id = ? AND (o.notify_sms = 1 OR ? = 1)"
    " AND o.phone <> ''");
SQL_DEF(SQL_MSG_QUEUE_WECHAT, QUEUE_COLUMNS
    " SELECT ?, o.id, ?, 'wechat', ?, ?, ?, CONCAT(?, '/wechat'), ?, NOW(6),"
    " NOW(6) FROM owners o WHERE o.id = ? AND o.notify_wechat = 1 AND ? = 0"
    " AND o.wechat_openid <> ''");
SQL_DEF(SQL_MSG_QUEUE_APP, QUEUE_COLUMNS
    " SELECT ?, o.id, ?, 'app', ?, ?, ?, CONCAT(?, '/app'), ?, NOW(6), NOW(6)"
    " FROM owners o WHERE o.id = ? AND o.notify_app = 1 AND ? = 0"
    " AND o.app_device <> ''");

int
msg_queue(struct ctx *ctx, const struct msg_in *in)
{
	int64_t	 sms, wechat, app;
	int	 held = (in->flags & MSG_HELD) != 0,
		 sms_only = (in->flags & MSG_SMS_ONLY) != 0;

	if ((sms = db_exec(ctx, &SQL_MSG_QUEUE_SMS, "isIIissii",
	    in->estate_id, in->topic, in->premises_id, in->run_id, held,
	    in->key, in->payload, in->owner_id, sms_only)) < 0 ||
	    (wechat = db_exec(ctx, &SQL_MSG_QUEUE_WECHAT, "isIIissii",
	    in->estate_id, in->topic, in->premises_id, in->run_id, held,
	    in->key, in->payload, in->owner_id, sms_only)) < 0 ||
	    (app = db_exec(ctx, &SQL_MSG_QUEUE_APP, "isIIissii",
	    in->estate_id, in->topic, in->premises_id, in->run_id, held,
	    in->key, in->payload, in->owner_id, sms_only)) < 0)
		return -1;
	return (int)(sms + wechat + app);
}

/*
 * The households a run billed in a chunk, but shops, by their primary
 * owner's channel. Params: run, run, run, estate, from, to.
 */
#define RUN_FROM \
    " NOW(6) FROM (SELECT DISTINCT b.estate_id, b.premises_id FROM bills b" \
    "  WHERE b.run_id = ? AND b.estate_id = ?" \
    "  AND b.premises_id BETWEEN ? AND ?) h" \
    " JOIN premises p ON p.id = h.premises_id AND p.occupancy <> 'shop'" \
    " JOIN premises_owners po ON po.premises_id = h.premises_id" \
    "  AND po.is_primary = 1" \
    " JOIN owners o ON o.id = po.owner_id"
SQL_DEF(SQL_MSG_RUN_SMS, QUEUE_COLUMNS
    " SELECT h.estate_id, po.owner_id, 'ebill', 'sms', h.premises_id, ?, 1,"
    " CONCAT('ebill/', ?, '/', h.premises_id, '/sms'), '{}', NOW(6),"
    RUN_FROM " WHERE o.notify_sms = 1 AND o.phone <> ''");
SQL_DEF(SQL_MSG_RUN_WECHAT, QUEUE_COLUMNS
    " SELECT h.estate_id, po.owner_id, 'ebill', 'wechat', h.premises_id, ?, 1,"
    " CONCAT('ebill/', ?, '/', h.premises_id, '/wechat'), '{}', NOW(6),"
    RUN_FROM " WHERE o.notify_wechat = 1 AND o.wechat_openid <> ''");
SQL_DEF(SQL_MSG_RUN_APP, QUEUE_COLUMNS
    " SELECT h.estate_id, po.owner_id, 'ebill', 'app', h.premises_id, ?, 1,"
    " CONCAT('ebill/', ?, '/', h.premises_id, '/app'), '{}', NOW(6),"
    RUN_FROM " WHERE o.notify_app = 1 AND o.app_device <> ''");

int64_t
msg_queue_run(struct ctx *ctx, int64_t estate_id, int64_t run_id,
    int64_t from, int64_t to)
{
	int64_t	 sms, wechat, app;

	if ((sms = db_exec(ctx, &SQL_MSG_RUN_SMS, "iiiiii", run_id, run_id,
	    run_id, estate_id, from, to)) < 0 ||
	    (wechat = db_exec(ctx, &SQL_MSG_RUN_WECHAT, "iiiiii", run_id,
	    run_id, run_id, estate_id, from, to)) < 0 ||
	    (app = db_exec(ctx, &SQL_MSG_RUN_APP, "iiiiii", run_id, run_id,
	    run_id, estate_id, from, to)) < 0)
		return -1;
	return sms + wechat + app;
}

/*
 * Every owner of a premises of an estate, by a channel. Params: estate,
 * topic, key prefix, payload, estate.
 */
#define ESTATE_FROM \
    " NOW(6), NOW(6) FROM owners o WHERE EXISTS (SELECT 1 FROM" \
    " premises_owners po WHERE po.owner_id = o.id AND po.estate_id = ?)"
SQL_DEF(SQL_MSG_ESTATE_SMS, QUEUE_COLUMNS
    " SELECT ?, o.id, ?, 'sms', NULL, NULL, 1, CONCAT(?, o.id, '/sms'), ?,"
    ESTATE_FROM " AND o.notify_sms = 1 AND o.phone <> ''");
SQL_DEF(SQL_MSG_ESTATE_WECHAT, QUEUE_COLUMNS
    " SELECT ?, o.id, ?, 'wechat', NULL, NULL, 1, CONCAT(?, o.id, '/wechat'),"
    " ?," ESTATE_FROM " AND o.notify_wechat = 1 AND o.wechat_openid <> ''");
SQL_DEF(SQL_MSG_ESTATE_APP, QUEUE_COLUMNS
    " SELECT ?, o.id, ?, 'app', NULL, NULL, 1, CONCAT(?, o.id, '/app'), ?,"
    ESTATE_FROM " AND o.notify_app = 1 AND o.app_device <> ''");

int64_t
msg_queue_estate(struct ctx *ctx, int64_t estate_id, const char *topic,
    const char *key_prefix, const char *payload)
{
	int64_t	 sms, wechat, app;

	if ((sms = db_exec(ctx, &SQL_MSG_ESTATE_SMS, "isssi", estate_id,
	    topic, key_prefix, payload, estate_id)) < 0 ||
	    (wechat = db_exec(ctx, &SQL_MSG_ESTATE_WECHAT, "isssi", estate_id,
	    topic, key_prefix, payload, estate_id)) < 0 ||
	    (app = db_exec(ctx, &SQL_MSG_ESTATE_APP, "isssi", estate_id,
	    topic, key_prefix, payload, estate_id)) < 0)
		return -1;
	return sms + wechat + app;
}
