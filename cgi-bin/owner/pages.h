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
void	page_home(struct req *);
void	page_bills(struct req *);
void	page_bill(struct req *);
void	page_payments(struct req *);
void	page_receipts(struct req *);
void	page_receipt_pdf(struct req *);
void	page_credits(struct req *);
/* 消息 (messages.c) and 接收设置 (msgsettings.c): issue 11. */
void	page_messages(struct req *);
void	page_message(struct req *);
void	page_msg_settings(struct req *);
void	page_msg_settings_post(struct req *);
void	page_verify(struct req *);
void	page_pay(struct req *);
void	page_pay_post(struct req *);
void	page_pay_result(struct req *);
void	page_pay_go(struct req *);
void	page_pay_cancel(struct req *);
void	page_notify_alipay(struct req *);
void	page_notify_wechat(struct req *);
void	page_notify_unionpay(struct req *);

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
