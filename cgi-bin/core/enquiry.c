/*
 * enquiry.c - fee enquiries and disputes (enquiry.h): the fixed lists,
 * logging one, answering one, and tallying them for the KPI board.
 */
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "codes.h"
#include "ctx.h"
#include "db.h"
#include "enquiry.h"
#include "labels.h"
#include "msg.h"

const char *const enq_channel_codes[ENQ_CHANNEL__MAX] = {
	"counter", "phone", "visit", "portal"
};
const char *const enq_channel_labels[ENQ_CHANNEL__MAX] = {
	"前台", "电话", "上门", "业主网上"
};

const char *const enq_category_codes[ENQ_CATEGORY__MAX] = {
	"bill_amount", "area", "rate", "service_quality", "payment_channel",
	"receipt", "late_fee", "payment_process", "other"
};
/* enq_category_codes, NULL-terminated (labels.h: a V_CHOICE list). */
const char *const enquiry_categories[ENQ_CATEGORY__MAX + 1] = {
	"bill_amount", "area", "rate", "service_quality", "payment_channel",
	"receipt", "late_fee", "payment_process", "other", NULL
};
const char *const enq_category_labels[ENQ_CATEGORY__MAX] = {
	"账单金额", "面积", "收费标准", "服务质量", "缴费渠道", "收据问题",
	"滞纳金", "缴费流程投诉", "其他"
};
const char *const enq_category_owner_labels[ENQ_CATEGORY__MAX] = {
	"账单的钱数不对", "房子面积不对", "收费标准（单价）有疑问",
	"对物业服务不满意", "缴费方式（怎么交钱）", "收据、发票",
	"滞纳金", "交费太麻烦", "其他问题"
};

const char *const enq_outcome_codes[ENQ_OUTCOME__MAX] = {
	"pending", "accepted", "not_accepted"
};
const char *const enq_outcome_labels[ENQ_OUTCOME__MAX] = {
	"待业主确认", "业主已接受", "业主不接受"
};

enum enq_channel
enq_channel_parse(const char *s)
{
	return (enum enq_channel)code_find(enq_channel_codes,
	    ENQ_CHANNEL__MAX, s);
}

enum enq_category
enq_category_parse(const char *s)
{
	return (enum enq_category)code_find(enq_category_codes,
	    ENQ_CATEGORY__MAX, s);
}

enum enq_outcome
enq_outcome_parse(const char *s)
{
	return (enum enq_outcome)code_find(enq_outcome_codes,
	    ENQ_OUTCOME__MAX, s);
}

const char *
enq_state_label(const char *state)
{
	enum enq_outcome o;

	if (state != NULL && strcmp(state, ENQ_STATE_UNANSWERED) == 0)
		return "未答复";
	o = enq_outcome_parse(state);
	return o < ENQ_OUTCOME__MAX ? enq_outcome_labels[o] :
	    (state ? state : "");
}

SQL_DEF(SQL_ENQ_INSERT,
    "INSERT INTO enquiries (estate_id, premises_id, owner_id, channel,"
    " category, question, caller, logged_by, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, NOW(6)))");

SQL_DEF(SQL_ENQ_ANSWER,
    "INSERT INTO enquiry_answers (estate_id, enquiry_id, answer, outcome,"
    " answered_by, created_at) VALUES (?, ?, ?, ?, ?, COALESCE(?, NOW(6)))");

/* The enquiry locked, and its latest answer's outcome ("" none). */
SQL_DEF(SQL_ENQ_LOCK_LATEST,
    "SELECT COALESCE((SELECT a.outcome FROM enquiry_answers a"
    " WHERE a.enquiry_id = q.id ORDER BY a.id DESC LIMIT 1), '')"
    " FROM enquiries q WHERE q.id = ? AND q.estate_id = ? FOR UPDATE");

SQL_DEF(SQL_ENQ_OWNER_ANSWER,
    "INSERT INTO enquiry_answers (estate_id, enquiry_id, answer, outcome,"
    " owner_id, created_at) VALUES (?, ?, ?, ?, ?, COALESCE(?, NOW(6)))");

/* Who asked it, if an owner in the portal: they are told of an answer. */
SQL_DEF(SQL_ENQ_ASKER,
    "SELECT COALESCE(owner_id, 0) FROM enquiries WHERE id = ?"
    " AND estate_id = ? AND channel = 'portal'");

/* The transaction's time, or NULL outside one (then NOW(6)). */
static const char *
tx_now(struct ctx *ctx)
{
	return ctx->now[0] != '\0' ? ctx->now : NULL;
}

int
enquiry_log(struct ctx *ctx, const struct enq_new *e, int64_t *id)
{
	int64_t	 staff = e->channel == ENQ_PORTAL ? DB_NULL : ctx->actor.id;

	if (e->channel >= ENQ_CHANNEL__MAX ||
	    e->category >= ENQ_CATEGORY__MAX)
		return -1;
	if (db_exec(ctx, &SQL_ENQ_INSERT, "iIIssssIs", e->estate_id,
	    e->premises_id, e->owner_id, enq_channel_codes[e->channel],
	    enq_category_codes[e->category], e->question,
	    e->caller ? e->caller : "", staff, tx_now(ctx)) < 0)
		return -1;
	*id = db_insert_id(ctx);
	return audit(ctx, e->estate_id, "enquiry.log", "enquiry", *id,
	    DB_NULL, arena_printf(ctx->a, "%s, %s",
	    enq_channel_codes[e->channel],
	    enq_category_codes[e->category]));
}

int
enquiry_owner_outcome(struct ctx *ctx, int64_t id, int64_t estate_id,
    int64_t owner_id, enum enq_outcome outcome)
{
	const char	*latest, *words;
	int		 rc;

	if (outcome != ENQ_ACCEPTED && outcome != ENQ_NOT_ACCEPTED)
		return -1;
	if ((rc = db_one(ctx, &SQL_ENQ_LOCK_LATEST, "ii", "s", id, estate_id,
	    &latest)) != 1)
		return -1;
	if (strcmp(latest, enq_outcome_codes[ENQ_PENDING]) != 0)
		return ENQ_NOT_PENDING;
	words = outcome == ENQ_ACCEPTED ? "业主在网上确认：接受这个答复" :
	    "业主在网上表示：不接受这个答复";
	if (db_exec(ctx, &SQL_ENQ_OWNER_ANSWER, "iissis", estate_id, id, words,
	    enq_outcome_codes[outcome], owner_id, tx_now(ctx)) < 0)
		return -1;
	return audit(ctx, estate_id, "enquiry.owner", "enquiry", id, DB_NULL,
	    enq_outcome_codes[outcome]) < 0 ? -1 : 0;
}

int
enquiry_answer(struct ctx *ctx, int64_t id, int64_t estate_id,
    const char *answer, enum enq_outcome outcome, int64_t *answer_id)
{
	struct msg_in	 m;
	int64_t		 owner;
	int		 rc;

	if (outcome >= ENQ_OUTCOME__MAX)
		return -1;
	if (db_exec(ctx, &SQL_ENQ_ANSWER, "iissis", estate_id, id, answer,
	    enq_outcome_codes[outcome], ctx->actor.id, tx_now(ctx)) < 0)
		return -1;
	*answer_id = db_insert_id(ctx);
	/* an owner who asked in the portal is told (held for quiet hours):
	 * a trial's owner asked online and was never told of the answer */
	if ((rc = db_one(ctx, &SQL_ENQ_ASKER, "ii", "i", id, estate_id,
	    &owner)) < 0)
		return -1;
	if (rc == 1 && owner > 0) {
		memset(&m, 0, sizeof(m));
		m.estate_id = estate_id;
		m.owner_id = owner;
		m.topic = MSG_ENQUIRY;
		m.key = arena_printf(ctx->a, "%s/%lld", MSG_ENQUIRY,
		    (long long)*answer_id);
		m.premises_id = DB_NULL;
		m.run_id = DB_NULL;
		m.payload = arena_printf(ctx->a, "{\"enquiry\":%lld}",
		    (long long)id);
		m.flags = MSG_HELD;
		if (msg_queue(ctx, &m) < 0)
			return -1;
	}
	return audit(ctx, estate_id, "enquiry.answer", "enquiry", id, DB_NULL,
	    enq_outcome_codes[outcome]);
}

int
enq_tally_add(struct enq_tally *t, int month, const char *cat,
    const char *state, int64_t n)
{
	enum enq_category	 c = enq_category_parse(cat);
	enum enq_outcome	 o = enq_outcome_parse(state);
	int			 unanswered;

	unanswered = state != NULL && strcmp(state, ENQ_STATE_UNANSWERED) == 0;
	if (c >= ENQ_CATEGORY__MAX || (o >= ENQ_OUTCOME__MAX && !unanswered))
		return -1;
	t->total += n;
	t->by_cat[c] += n;
	if (unanswered)
		t->unanswered += n;
	else
		t->by_outcome[o] += n;
	if (month >= 0 && month < ENQ_MONTHS) {
		t->month_total[month] += n;
		t->month_cat[month][c] += n;
	}
	return 0;
}
