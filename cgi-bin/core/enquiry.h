/*
 * enquiry.h - fee enquiries and disputes (收费咨询及异议, issue 12;
 * DOMAIN.md "Enquiries and disputes"): every fee question or objection
 * an owner raises - at the counter, by phone, on a visit, in the portal -
 * with its category, the answers given and whether the owner accepted
 * them. Both tables are append-only (sql/035_enquiries.sql): a later
 * answer, or the owner's acceptance of one, is a new answer row with its
 * audit row; an enquiry's outcome is its latest answer's.
 *
 * The fixed lists (channel, category, outcome) are declared here once,
 * each an enum ending in __MAX with its stored codes and Chinese words
 * (tests/lint/lists.py checks the codes against the schema).
 */
#ifndef PROPFEE_ENQUIRY_H
#define PROPFEE_ENQUIRY_H

#include <stdint.h>

struct ctx;

/* enquiries.channel: where the owner raised it. */
enum enq_channel {
	ENQ_COUNTER,
	ENQ_PHONE,
	ENQ_VISIT,
	ENQ_PORTAL,
	ENQ_CHANNEL__MAX
};
/* schema: enquiries.channel */
extern const char *const enq_channel_codes[ENQ_CHANNEL__MAX];
extern const char *const enq_channel_labels[ENQ_CHANNEL__MAX];

/*
 * enquiries.category: what it is about. ENQ_PAYMENT_PROCESS is a
 * complaint that paying itself was clumsy (the report's complaints that
 * fell 72 % once paying got simpler); the KPI board gives its share.
 */
enum enq_category {
	ENQ_BILL_AMOUNT,
	ENQ_AREA,
	ENQ_RATE,
	ENQ_SERVICE_QUALITY,
	ENQ_PAYMENT_CHANNEL,
	ENQ_RECEIPT,
	ENQ_LATE_FEE,
	ENQ_PAYMENT_PROCESS,
	ENQ_OTHER,
	ENQ_CATEGORY__MAX
};
/* schema: enquiries.category */
extern const char *const enq_category_codes[ENQ_CATEGORY__MAX];
/* The staff pages' and the board's words (账单金额, 面积 ...). */
extern const char *const enq_category_labels[ENQ_CATEGORY__MAX];
/* The owner portal's plain words, as an owner of 80 would say them
 * (账单的钱数不对, 房子面积不对 ...). */
extern const char *const enq_category_owner_labels[ENQ_CATEGORY__MAX];

/* enquiry_answers.outcome: whether the owner accepted the answer. */
enum enq_outcome {
	ENQ_PENDING,
	ENQ_ACCEPTED,
	ENQ_NOT_ACCEPTED,
	ENQ_OUTCOME__MAX
};
/* schema: enquiry_answers.outcome */
extern const char *const enq_outcome_codes[ENQ_OUTCOME__MAX];
extern const char *const enq_outcome_labels[ENQ_OUTCOME__MAX];

/* The code's enum, compared whole; __MAX when s is NULL or none. */
enum enq_channel	enq_channel_parse(const char *s);
enum enq_category	enq_category_parse(const char *s);
enum enq_outcome	enq_outcome_parse(const char *s);

/* An enquiry's state for lists and filters: its latest answer's
 * outcome, or 未答复 before any. */
#define ENQ_STATE_UNANSWERED	"unanswered"
/* The Chinese word for a state code (an outcome code or
 * ENQ_STATE_UNANSWERED); the code itself when unknown. */
const char	*enq_state_label(const char *state);

/* Question and answer lengths, in characters (VARCHAR(1000)). */
#define ENQ_TEXT_MIN	2
#define ENQ_TEXT_MAX	1000

/* One enquiry to log. */
struct enq_new {
	int64_t			 estate_id;
	int64_t			 premises_id;	/* DB_NULL: not known */
	int64_t			 owner_id;	/* DB_NULL: not known */
	enum enq_channel	 channel;
	enum enq_category	 category;
	const char		*question;
	const char		*caller;	/* "" when not given */
};

/*
 * Logs e inside the caller's transaction (db_tx / once_tx), as the
 * signed-in actor: a staff member for every channel but the portal, the
 * owner for ENQ_PORTAL (sql/035 checks the pairing); dated with the
 * transaction's time, with its audit row ("enquiry.log"). The caller
 * has validated every field and checked the premises and owner are in
 * the actor's scope. Sets *id. Returns 0 or -1 (database failure).
 */
int	enquiry_log(struct ctx *, const struct enq_new *e, int64_t *id);

/*
 * The owner's own word on the latest answer to their enquiry `id` of
 * estate `estate_id`, from the portal: outcome ENQ_ACCEPTED or
 * ENQ_NOT_ACCEPTED, as a new row of their own (sql/040) with its audit
 * row ("enquiry.owner"), inside the caller's transaction (the caller has
 * checked that the enquiry is the owner's: SQL_MY_ENQUIRY). Only while the
 * latest answer waits for it (pending): otherwise ENQ_NOT_PENDING and
 * nothing written (a second tap, a staff row meanwhile: the page's 409).
 * Returns 0, ENQ_NOT_PENDING or -1.
 */
#define ENQ_NOT_PENDING	1
int	enquiry_owner_outcome(struct ctx *, int64_t id, int64_t estate_id,
	    int64_t owner_id, enum enq_outcome);

/*
 * Records an answer to enquiry `id` of estate `estate_id` and the
 * owner's acceptance as known now, inside the caller's transaction, as
 * the signed-in staff member, with its audit row ("enquiry.answer").
 * Never changes an earlier answer (append-only, sql/035). Sets *answer.
 * Returns 0 or -1.
 */
int	enquiry_answer(struct ctx *, int64_t id, int64_t estate_id,
	    const char *answer, enum enq_outcome, int64_t *answer_id);

/*
 * Tallies of enquiries (kpi.c): counts by category, and by month of the
 * range and category. Pure: no database.
 */
#define ENQ_MONTHS	36
struct enq_tally {
	int64_t		 total;
	int64_t		 by_cat[ENQ_CATEGORY__MAX];
	int64_t		 by_outcome[ENQ_OUTCOME__MAX];
	int64_t		 unanswered;
	int64_t		 month_total[ENQ_MONTHS];
	int64_t		 month_cat[ENQ_MONTHS][ENQ_CATEGORY__MAX];
};
/*
 * Adds n enquiries of category code `cat`, in month index `month`
 * (0-based within the range; ignored in the monthly counts when out of
 * 0..ENQ_MONTHS-1), whose state is `state` (an outcome code or
 * ENQ_STATE_UNANSWERED). Returns 0, or -1 when cat or state is not a
 * code (nothing added).
 */
int	enq_tally_add(struct enq_tally *, int month, const char *cat,
	    const char *state, int64_t n);

#endif
