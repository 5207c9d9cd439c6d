/*
 * pages.h - the owner portal's pages, one file each (bills.c renders
 * templates/owner/bills.tpl), and what they share.
 */
#ifndef PROPFEE_OWNER_PAGES_H
#define PROPFEE_OWNER_PAGES_H

#include <stdint.h>

struct req;

void	page_login(struct req *);
void	page_login_post(struct req *);
void	page_login_sms(struct req *);
void	page_login_sms_post(struct req *);
void	page_login_sms_verify(struct req *);
void	page_login_reset(struct req *);
void	page_login_reset_post(struct req *);
void	page_login_reset_verify(struct req *);
void	page_home(struct req *);
void	page_bills(struct req *);
void	page_bill(struct req *);
void	page_payments(struct req *);
void	page_receipts(struct req *);
void	page_receipt_pdf(struct req *);
void	page_credits(struct req *);
/* deferrals.c (issue 13) */
void	page_deferrals(struct req *);
void	page_deferral_new(struct req *);
void	page_deferral_post(struct req *);
/* 服务月报 (reports.c). */
void	page_reports(struct req *);
void	page_report(struct req *);
void	page_report_pdf(struct req *);
/* 报修 (requests.c, issue 12). */
void	page_requests(struct req *);
void	page_request_new(struct req *);
void	page_request_post(struct req *);
void	page_request(struct req *);
void	page_request_photo(struct req *);
void	page_request_thumb(struct req *);
/* 空置房托管 (custody.c, issue 13) */
void	page_custody_list(struct req *);
void	page_custody_owner(struct req *);
void	page_custody_owner_photo(struct req *);
void	page_custody_owner_thumb(struct req *);
/* 咨询与异议 (enquiries.c): issue 12. */
void	page_enquiries(struct req *);
void	page_enquiry_new(struct req *);
void	page_enquiry_post(struct req *);
void	page_enquiry(struct req *);
void	page_enquiry_outcome(struct req *);
/* 消息 (messages.c) and 接收设置 (msgsettings.c): issue 11. */
void	page_messages(struct req *);
void	page_message(struct req *);
void	page_msg_settings(struct req *);
void	page_msg_settings_post(struct req *);
/* 长辈模式 (elder.c) and 上门收费预约 (visit.c): issue 13. */
void	page_elder(struct req *);
void	page_elder_post(struct req *);
void	page_visit(struct req *);
void	page_visit_post(struct req *);
void	page_visit_cancel(struct req *);
void	page_verify(struct req *);
void	page_pay(struct req *);
void	page_pay_post(struct req *);
void	page_pay_result(struct req *);
void	page_pay_go(struct req *);
void	page_pay_cancel(struct req *);
void	page_notify_alipay(struct req *);
void	page_notify_wechat(struct req *);
void	page_notify_unionpay(struct req *);

/*
 * An SMS code page (codeform.c): what the code is for, its template
 * (named as its file), its path and title.
 */
struct code_page {
	int		 purpose;	/* enum lcode_purpose */
	const char	*tmpl;		/* "owner/loginsms.tpl" */
	const char	*path;		/* "/login/sms"; the code goes to
					 * path + "/verify" */
	const char	*title;
};
/*
 * GET path: the phone step, or with ?phone= the code step (?sent=1 adds
 * "如果该手机号已登记，验证码已发送，5 分钟内有效"); a signed-in owner is
 * sent on (303, next= or home). Raises 200.
 */
void	code_get(struct req *, const struct code_page *);
/*
 * POST path: asks for a code for the phone (logincode.h). Raises 400 for
 * a bad phone; 429 when a limit is reached (nothing queued): the phone
 * step again, the phone kept, under it how long to wait (and until when)
 * and the service centres' phones, kept for a browser by
 * post/redirect/get (flash.h); else 303 to the code step, the same for
 * any phone.
 */
void	code_ask(struct req *, const struct code_page *);
/*
 * POST path/verify: checks the code (and for a reset the new password
 * twice). Raises 400 for malformed fields, 403 for a wrong code ("还可尝
 * 试 N 次") or a dead, spent, expired or missing one (ask again); on a
 * right one logs the owner in as the password does (a reset first sets
 * the password and ends the owner's other sessions) and raises 303 to
 * next= or home.
 */
void	code_verify(struct req *, const struct code_page *);

/* One of the signed-in owner's premises. */
struct owned {
	int64_t		 id;
	int64_t		 estate_id;
	const char	*label;		/* 3栋2单元301室 */
	const char	*occupancy;
	const char	*estate_name;
};

/*
 * Loads premises id if the signed-in owner owns it. Returns 1, 0 (not
 * theirs, or no such premises: the page answers 404) or -1.
 */
int	owned_premises(struct req *, int64_t id, struct owned *);

struct account;
struct date;
struct tmpl;
/*
 * What premises_id owes on day today, into d: OWED (every open bill, due
 * or not); under PASTDUE what of it is past due (PASTDUE_AMOUNT), since
 * the oldest past-due bill's due date (PASTDUE_SINCE) and for how many
 * whole months (PASTDUE_MONTHS, arrears.h); ALL_PAID when nothing is
 * owed. Fills acc too. The caller has checked the owner owns it.
 * Returns 0 or -1.
 */
int	owner_owed(struct req *, struct tmpl *, int64_t premises_id,
	    struct date today, struct account *acc);

#endif
