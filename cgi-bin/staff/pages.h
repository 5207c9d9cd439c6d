/*
 * pages.h - the back office's pages, one file each (households.c renders
 * templates/staff/households.tpl), and what they share.
 */
#ifndef PROPFEE_STAFF_PAGES_H
#define PROPFEE_STAFF_PAGES_H

#include <stdint.h>

#include "access.h"
#include "books.h"
#include "valid.h"

struct req;
struct tmpl;

/*
 * Who may do what: the groups the route table in main.c gives its
 * routes. A page showing a
 * form only to those who may send it asks http_may() for that route; a
 * page that tests a mask here must test its route's own.
 */
#define ROLES_PAY	(ROLE_COLLECTOR | ROLE_TEAM_LEAD | ROLE_MANAGER)
#define ROLES_VOID	(ROLE_TEAM_LEAD | ROLE_MANAGER)
/* A collector asks for the void of a receipt (DOMAIN.md, Receipts); so
 * does a lead or manager who took the payment, for another to approve. */
#define ROLES_VOID_ASK	(ROLE_COLLECTOR | ROLE_TEAM_LEAD | ROLE_MANAGER)
#define ROLES_RECEIPTS	(ROLE_COLLECTOR | ROLE_TEAM_LEAD | ROLE_MANAGER | \
			 ROLE_CUSTOMER_SERVICE | ROLE_ADMIN)
#define ROLES_SETUP	(ROLE_MANAGER | ROLE_ADMIN)
#define ROLES_METER	(ROLE_COLLECTOR | ROLE_TEAM_LEAD | ROLE_MANAGER | \
			 ROLE_ENGINEERING)
#define ROLES_CREDIT_LOG (ROLE_COLLECTOR | ROLE_TEAM_LEAD | \
			 ROLE_CUSTOMER_SERVICE | ROLE_MANAGER)
#define ROLES_APPROVE	ROLE_MANAGER
#define ROLES_AUDIT	(ROLE_TEAM_LEAD | ROLE_MANAGER | ROLE_ADMIN)
#define ROLES_ARREARS	(ROLE_COLLECTOR | ROLE_TEAM_LEAD | ROLE_MANAGER | \
			 ROLE_CUSTOMER_SERVICE | ROLE_ADMIN)
#define ROLES_ASSIGN	(ROLE_TEAM_LEAD | ROLE_MANAGER)
/* 上门预约 (issue 13): read by those who read the board, closed by the
 * fee team who go (a collector: their own households only). */
#define ROLES_VISIT_CLOSE (ROLE_COLLECTOR | ROLE_TEAM_LEAD | ROLE_MANAGER)
/* Case files (一户一策): the fee team keeps them (the lead, collectors'
 * contacts and visits for their own households, the manager), the admin
 * reads them as every report; only team leads and managers close them.
 * A case file holds hardship causes: neither customer service nor
 * engineering sees them (issue 12, "Who sees what"). */
#define ROLES_CASE	(ROLE_COLLECTOR | ROLE_TEAM_LEAD | ROLE_MANAGER)
#define ROLES_CASE_VIEW	(ROLES_CASE | ROLE_ADMIN)
#define ROLES_CASE_CLOSE (ROLE_TEAM_LEAD | ROLE_MANAGER)
/* The household ledger and the pages about owners (names, phones,
 * bills, credits): every staff role but engineering, which sees no
 * owner's ledger or phone (issue 12). */
#define ROLES_LEDGER	(ROLE_COLLECTOR | ROLE_TEAM_LEAD | \
			 ROLE_CUSTOMER_SERVICE | ROLE_MANAGER | ROLE_ADMIN)
/* 网关对账 (reconcile.c): the manager answers for the money. */
#define ROLES_RECONCILE	(ROLE_MANAGER | ROLE_ADMIN)
#define ROLES_KPI	(ROLE_TEAM_LEAD | ROLE_MANAGER | ROLE_ADMIN)
/* 收费员月度绩效 (performance.c, issue 12): the lead and the manager who
 * judge and pay the collectors, and each collector for their own row
 * (DATA_PERFORMANCE, access.c); not the admin: staff pay is not set-up. */
#define ROLES_PERF	(ROLE_COLLECTOR | ROLE_TEAM_LEAD | ROLE_MANAGER)
/* Tier thresholds and KPI targets: the team lead is judged by them, so
 * reads them; only the manager sets them (DOMAIN.md, issue #7 kind 8). */
#define ROLES_SETTINGS_VIEW (ROLE_TEAM_LEAD | ROLE_MANAGER)
#define ROLES_SETTINGS_SET ROLE_MANAGER
/* 消息发送 (outbox.c, issue 11): those who answer an owner's "I never
 * got it" read it; the fee team's lead and the manager send a failed
 * message again. */
#define ROLES_OUTBOX	(ROLE_TEAM_LEAD | ROLE_MANAGER | \
			 ROLE_CUSTOMER_SERVICE | ROLE_ADMIN)
#define ROLES_OUTBOX_RESEND (ROLE_TEAM_LEAD | ROLE_MANAGER)
/* An owner's channels (ownermsg.c): those who deal with owners at the
 * counter, the door or on the phone change them for an owner who asks. */
#define ROLES_OWNER_MSG	(ROLE_COLLECTOR | ROLE_TEAM_LEAD | \
			 ROLE_CUSTOMER_SERVICE | ROLE_MANAGER)
/* 收费咨询及异议 (enquiries.c, issue 12): those who deal with owners at
 * the counter, on the door or on the phone log an owner's fee question or
 * objection, answer it and record whether the owner accepted; the admin
 * reads the log as every report. Engineering does not need it. */
#define ROLES_ENQUIRY_LOG (ROLE_COLLECTOR | ROLE_TEAM_LEAD | \
			 ROLE_CUSTOMER_SERVICE | ROLE_MANAGER)
#define ROLES_ENQUIRY	(ROLES_ENQUIRY_LOG | ROLE_ADMIN)
/* 空置房托管 (custody.c, custodytasks.c, issue 13): a team lead or the
 * manager makes an agreement from the household's page; those who do
 * the tasks (collectors for their own households, engineering, leads,
 * the manager) see the list and log each one done; customer service and
 * the admin read the agreement. */
#define ROLES_CUSTODY_SET (ROLE_TEAM_LEAD | ROLE_MANAGER)
#define ROLES_CUSTODY_DO (ROLE_COLLECTOR | ROLE_TEAM_LEAD | ROLE_MANAGER | \
			 ROLE_ENGINEERING)
#define ROLES_CUSTODY_VIEW (ROLES_CUSTODY_DO | ROLE_CUSTOMER_SERVICE | \
			 ROLE_ADMIN)

/* 报事报修 (requests.c, issue 12): who logs a request, who takes the
 * desk's steps (receive, plan, dispatch, done with no work), who marks
 * it done (engineering, or the desk), who follows up (the collector);
 * every staff role sees the list, scoped by role in the page (a
 * collector: their households'; engineering: dispatched to it).
 * core/request.c's rq_roles() says whose step each one is; these give
 * the routes to at least those. */
#define ROLES_RQ_LOG	(ROLE_COLLECTOR | ROLE_TEAM_LEAD | \
			 ROLE_CUSTOMER_SERVICE | ROLE_MANAGER)
#define ROLES_RQ_DESK	(ROLE_CUSTOMER_SERVICE | ROLE_TEAM_LEAD | ROLE_MANAGER)
#define ROLES_RQ_DONE	(ROLES_RQ_DESK | ROLE_ENGINEERING)
#define ROLES_RQ_FOLLOW	(ROLE_COLLECTOR | ROLE_TEAM_LEAD | ROLE_MANAGER)

/* 服务记录 and 服务月报 (servicelogs.c, reports.c; issue 12, DOMAIN.md
 * "Monthly service report"): who does or oversees the estate's work logs
 * it - engineering (repairs, and the cleaning and greening crews it
 * runs), customer service (what owners report done), the team lead, the
 * manager; the admin reads the logs as every report. Collectors do not
 * log work; they, like every staff role, read the reports, which owners
 * read too (no owner's data in them). The manager answers for what the
 * estate tells its owners: only the manager edits and publishes. */
#define ROLES_SVC_LOG	(ROLE_ENGINEERING | ROLE_CUSTOMER_SERVICE | \
			 ROLE_TEAM_LEAD | ROLE_MANAGER)
#define ROLES_SVC_VIEW	(ROLES_SVC_LOG | ROLE_ADMIN)
#define ROLES_REPORT_PUBLISH ROLE_MANAGER

/* 团队建设 (team*.c, issue 13, DOMAIN.md "Team development"): the team
 * lead and the manager keep the training, scores and newcomers' plans
 * and read everyone's; a collector reads their own (DATA_PERFORMANCE,
 * access.c: staff's own records) and, as a newcomer's mentor, ticks its
 * stages (the page checks it is theirs). Not the admin: staff records
 * are not set-up, as 绩效. */
#define ROLES_TEAM	(ROLE_COLLECTOR | ROLE_TEAM_LEAD | ROLE_MANAGER)
#define ROLES_TEAM_KEEP	(ROLE_TEAM_LEAD | ROLE_MANAGER)

void	page_login(struct req *);
void	page_login_post(struct req *);
void	page_home(struct req *);
void	page_households(struct req *);
/* 空置房托管 (custody.c, custodytasks.c, issue 13) */
void	page_custody(struct req *);
void	page_custody_post(struct req *);
void	page_custody_tasks(struct req *);
void	page_custody_task(struct req *);
void	page_custody_task_post(struct req *);
void	page_custody_photo(struct req *);
void	page_custody_thumb(struct req *);
void	page_household(struct req *);
void	page_pay(struct req *);
void	page_pay_post(struct req *);
void	page_receipts(struct req *);
void	page_receipts_csv(struct req *);
void	page_receipt(struct req *);
void	page_receipt_pdf(struct req *);
void	page_receipt_void(struct req *);
void	page_void_ask(struct req *);
void	page_void_approve(struct req *);
void	page_void_refuse(struct req *);
void	page_bill(struct req *);
void	page_bill_waive(struct req *);
void	page_fees(struct req *);
void	page_fees_item(struct req *);
void	page_fees_rate(struct req *);
void	page_fees_cycle(struct req *);
void	page_fees_credit(struct req *);
void	page_fees_cap(struct req *);
void	page_billing(struct req *);
void	page_billing_post(struct req *);
void	page_billing_run(struct req *);
void	page_meters(struct req *);
void	page_meters_post(struct req *);
void	page_meters_upload(struct req *);
void	page_meters_template(struct req *);
void	page_credits(struct req *);
void	page_credit_new(struct req *);
void	page_credit_post(struct req *);
void	page_credit_approve(struct req *);
void	page_credit_reject(struct req *);
/* deferrals.c (issue 13) */
void	page_deferrals(struct req *);
void	page_deferral_new(struct req *);
void	page_deferral_post(struct req *);
void	page_deferral_approve(struct req *);
void	page_deferral_reject(struct req *);
void	page_deferral_photo(struct req *);
void	page_auditlog(struct req *);
void	page_arrears(struct req *);
void	page_arrears_csv(struct req *);
void	page_arrears_assign(struct req *);
void	page_arrears_elders(struct req *);
/* import.c: an estate from CSV files (issue 13). 20,000 rows of the
 * owners file are about 1.5 MB; 8 MB leaves room for long names and
 * Excel's padding. */
#define IMPORT_BODY_MAX	(8 * 1024 * 1024)
void	page_import(struct req *);
void	page_import_template(struct req *);
void	page_import_post(struct req *);
/* 上门预约 (visits.c, issue 13): the visits owners asked for. */
void	page_visits(struct req *);
void	page_visit_close(struct req *);
/* The board's line (arrears.c): how many visits wait on the user's list
 * (a collector's own, else the estate's), VISITS_OPEN in d. 0 or -1. */
int	visits_board(struct req *, struct tmpl *d, int64_t estate_id);
void	page_settings(struct req *);
void	page_settings_post(struct req *);
void	page_casefile(struct req *);
void	page_casefile_open(struct req *);
void	page_casefile_plan(struct req *);
void	page_casefile_contact(struct req *);
void	page_casefile_promise(struct req *);
void	page_casefile_close(struct req *);
void	page_kpi(struct req *);
/* 网关对账 (reconcile.c): the statements, asking for a day, one day. */
void	page_reconcile(struct req *);
void	page_reconcile_post(struct req *);
void	page_reconcile_day(struct req *);
void	page_kpi_csv(struct req *);
/* 收费员月度绩效 (performance.c). */
void	page_performance(struct req *);
void	page_performance_csv(struct req *);
/* 消息发送 (outbox.c) and an owner's channels (ownermsg.c): issue 11. */
void	page_outbox(struct req *);
void	page_outbox_msg(struct req *);
void	page_outbox_resend(struct req *);
void	page_owner_msg(struct req *);
void	page_owner_msg_post(struct req *);
/* 报事报修 (requests.c). */
void	page_requests(struct req *);
void	page_request_new(struct req *);
void	page_household_request_new(struct req *);
void	page_request_post(struct req *);
void	page_request(struct req *);
void	page_request_receive(struct req *);
void	page_request_plan(struct req *);
void	page_request_dispatch(struct req *);
void	page_request_done(struct req *);
void	page_request_followup(struct req *);
void	page_request_photo(struct req *);
void	page_request_thumb(struct req *);
/* 服务记录 (servicelogs.c) and 服务月报 (reports.c). */
void	page_service_logs(struct req *);
void	page_service_log_new(struct req *);
void	page_service_log_post(struct req *);
void	page_service_log(struct req *);
void	page_service_log_photo(struct req *);
void	page_service_log_thumb(struct req *);
void	page_reports(struct req *);
void	page_report(struct req *);
void	page_report_pdf(struct req *);
void	page_report_edit(struct req *);
void	page_report_publish(struct req *);
void	page_report_recount(struct req *);
/* The lead's board (arrears.c): a REPORT_LATE row (REPORT_ID,
 * REPORT_MONTH, REPORT_DUE) in d for each late draft of the estate's
 * monthly service report, for those who read the reports. 0 or -1. */
int	reports_late_board(struct req *, struct tmpl *, int64_t estate_id);
/* The lead's board (arrears.c): RQ_LATE and RQ_LATE_N in d when the
 * estate has late steps, for those who see the requests. 0 or -1. */
int	requests_late_board(struct req *, struct tmpl *, int64_t estate_id);
/* The arrears board (arrears.c): the households under a hardship
 * deferral today, apart (deferrals.c): DEFERRED_N, and a DEFERRED row
 * each with its end date, of one estate or (0) every one the user sees.
 * 0 or -1. */
int	deferrals_board(struct req *, struct tmpl *, int64_t estate_id);
/* The case file (casefile.c): the household's deferrals and
 * service-exchange credits side by side (deferrals.c). 0 or -1. */
int	hardship_casefile(struct req *, struct tmpl *, int64_t premises_id);
/* A case file (casefile.c): the household's requests as RQ rows of d,
 * and for a withholding owner whether they paid within 30 days of the
 * fix (RQ_PAID_AFTER, RQ_NOT_PAID_AFTER, RQ_NOT_FIXED). 0 or -1. */
int	requests_casefile(struct req *, struct tmpl *, int64_t premises_id);
/* 收费咨询及异议 (enquiries.c): issue 12. */
void	page_enquiries(struct req *);
void	page_enquiry_new(struct req *);
void	page_enquiry_post(struct req *);
void	page_enquiry_hh_new(struct req *);
void	page_enquiry_hh_post(struct req *);
void	page_enquiry(struct req *);
void	page_enquiry_answer(struct req *);
/* 团队建设 (team.c, team_session_new.c, team_score_new.c,
 * team_pair_new.c, team_pair.c): issue 13. */
void	page_team(struct req *);
void	page_team_csv(struct req *);
void	page_team_member(struct req *);
void	page_team_session_new(struct req *);
void	page_team_session_post(struct req *);
void	page_team_score_new(struct req *);
void	page_team_score_post(struct req *);
void	page_team_pair_new(struct req *);
void	page_team_pair_post(struct req *);
void	page_team_pair(struct req *);
void	page_team_pair_tick(struct req *);
struct team_pair;
/* A plan's stages as STAGE rows of d (team.c): each one's days, last
 * day, state, tick; returns how many are overdue. */
int	team_stages_fill(struct req *, struct tmpl *, const struct team_pair *);


/*
 * The receipt page (receipt.c) and void requests (voids.c).
 */
struct receipt;
/* A void's or a void request's reason, and the form's token. */
extern const struct field void_fields[2];
/* Loads receipt id if in the user's estates: 1, 0 (404 answered), -1. */
int	receipt_scoped(struct req *, int64_t id, struct receipt *);
/* The receipt page; v (void_fields) holds a void form's values, its
 * messages (v[1].err on top of the void part), or is NULL. */
void	receipt_show(struct req *, const struct receipt *,
	    const struct fval *v, int status);
/* Fills the receipt page's void part: the void, the open request and
 * the forms the user may send, the last refusal. Returns 0 or -1. */
int	voids_fill(struct req *, struct tmpl *, const struct receipt *,
	    const struct fval *v);
/* Lists the estate's open void requests (VREQ rows) to those who may
 * decide them; nothing to others. Returns 0 or -1. */
int	voids_pending(struct req *, struct tmpl *, int64_t estate_id);
/* Inside a void's transaction: its open request is approved by it. */
int	voids_settle(struct ctx *, int64_t receipt_id);
/* books_void()'s refusals (1 already void, 2 waived since, 3 one's own
 * payment) and those of requests, as the page says them for receipt rc
 * (3: "your own payment", or for a credit "the credit you approved"); a
 * transaction returns VOID_REFUSED plus the reason. */
#define VOID_REFUSED	10
const char *void_refused(struct req *, const struct receipt *, int why);
/* What a transaction returns for books_void()'s answer: 0 (voided), -1
 * (a database failure) or VOID_REFUSED plus the reason. */
int	void_outcome(enum books_rc, enum books_why);

/* A household (premises) as pages name it. */
struct household {
	int64_t		 id;
	int64_t		 estate_id;
	const char	*estate;
	const char	*building;
	const char	*unit;
	const char	*room;
	int64_t		 floor;
	int64_t		 area_x100;
	const char	*occupancy;
	const char	*label;		/* 3栋2单元301室 */
};

/*
 * Loads household id if it is in the user's estates. Returns 1, 0 (no
 * such household, or outside the user's estates: the page answers 404)
 * or -1.
 */
int	scope_household(struct req *, int64_t id, struct household *);

struct account;
struct arrears;
struct date;
/*
 * Loads household id as scope_household does, with its account and its
 * arrears tier as of today. Returns 0, or -1 once r holds the answer (404
 * outside the user's estates, or a database error).
 */
int	scope_standing(struct req *, int64_t id, struct date today,
	    struct household *, struct account *, struct arrears *);

/* The estate a page works on, within the user's scope. */
struct estate {
	int64_t		 id;
	const char	*name;
};

/*
 * 1 if household (premises) id is assigned to the signed-in collector
 * (assignments), 0 if not or the user is no collector (only a
 * collector's sight differs by it: access.h), -1 on a database failure.
 */
int	scope_mine(struct req *, int64_t premises_id);
/*
 * How much of data d the user sees for household id on this page:
 * http_sees() with scope_mine(). A database failure is SEE_NONE (the
 * page then answers 503).
 */
enum see scope_sees_data(struct req *, enum data d, int64_t premises_id);

/* 1 if the signed-in staff member may see the estate. */
int	scope_sees(const struct req *, int64_t estate_id);
/*
 * The estate a list page shows: `wanted` if in scope, or the first in
 * scope when wanted is 0. Also lists the estates in scope as ESTATE rows
 * of d (for the picker) when d is not NULL; wanted -1 only lists them,
 * selecting none (for a company-wide view), and returns 0. Returns 1, 0
 * (not in scope: the page answers 404) or -1.
 */
int	scope_estate(struct req *, int64_t wanted, struct estate *,
	    struct tmpl *d);
/*
 * The estate a POST names in its "estate" field, within scope: 1; 0
 * after answering 400 (none, or not a number: the form has no other way
 * to name it) or 404 (not in scope); -1 on a database failure.
 */
int	scope_posted_estate(struct req *, struct estate *);

/*
 * Transport self-tests (selftest.c), routed only with test_routes=1.
 * page_test_signed: POST /test/signed, a JSON body signed like a payment
 * gateway's notification. page_test_upload: POST /test/upload10 and
 * /test/upload1, a multipart upload's files.
 */
void	page_test_signed(struct req *);
void	page_test_upload(struct req *);
void	page_test_fence(struct req *);

#endif
