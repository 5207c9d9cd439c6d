/*
 * labels.h - the Chinese words for the codes stored in the database.
 */
#ifndef PROPFEE_LABELS_H
#define PROPFEE_LABELS_H

#include <stdint.h>

struct arena;

const char	*label_occupancy(const char *);	/* occupied -> 常住户 */
const char	*label_bill_status(const char *);	/* partial -> 部分缴纳 */
/*
 * A bill's state as every page says it, owner and staff alike: from its
 * status and what payments (paid) and a waiver (waived) settled of it,
 * in fen. A bill partly waived and not paid is 部分减免, never 部分缴纳;
 * partly paid and partly waived, 部分缴纳、部分减免.
 */
const char	*label_bill_state(const char *status, int64_t paid,
		    int64_t waived);
const char	*label_channel(const char *);	/* pos_door -> 上门POS */
/*
 * A payment's whole channel, as the staff receipt page and the receipt
 * PDF both say it (issue 10; DOMAIN.md, Payments: an instalment plan is
 * recorded as the channel's sub-type with its term and who bears the
 * fee). A counter or door channel, a credit or the prepaid balance is
 * label_channel()'s word; an online one is 线上 · 支付宝 (微信支付,
 * 云闪付), and with an instalment plan (payments.channel_sub
 * "instalments_N", written by payorder_credit) 线上 · 支付宝 · 花呗分期
 * 3 期（业主承担手续费）: Alipay's plan is 花呗分期 (hb_fq_num, gw.h),
 * UnionPay's 信用卡分期. fee_payer as pay_orders stores it: "estate"
 * 物业承担手续费, "owner" 业主承担手续费, "" not said (a payment with no
 * order). The demo's older sub-type "credit_card_instalment" (no term)
 * is 信用卡分期; any other sub-type is not shown. Never NULL.
 */
const char	*label_channel_full(struct arena *, const char *channel,
		    const char *channel_sub, const char *fee_payer);
/* What an online channel's gateway calls its transaction number
 * (pay_orders.gateway_txn): alipay trade_no 支付宝交易号, wechat
 * transaction_id 微信支付订单号, unionpay queryId 银联查询流水号. */
const char	*label_gateway_txn(const char *channel);
const char	*label_role(const char *);		/* team_lead -> 收费组组长 */
const char	*label_basis(const char *);		/* area -> 按面积 */
const char	*label_action(const char *);	/* receipt.void -> 作废 */
/* case_files.cause_category: financial_hardship -> 经济困难 */
const char	*label_case_cause(const char *);
const char	*label_contact_kind(const char *);	/* visit -> 上门 */
/*
 * The categories of a fee enquiry or dispute (收费咨询及异议, DOMAIN.md
 * "Enquiries and disputes"): the codes, NULL-terminated, and their words.
 * payment_process (缴费流程投诉) is what issue 10's figures count: the
 * report's complaints about a clumsy payment process fell 72 % once
 * paying got simpler. The enquiries log (issue 12) stores these codes;
 * the list is enq_category_codes (enquiry.h), NULL-terminated here for
 * a V_CHOICE field.
 */
extern const char *const enquiry_categories[];
const char	*label_enquiry_category(const char *);	/* receipt -> 收据问题 */
/* 3栋2单元301室, or 商业街A12号 for a shop. */
const char	*label_premises(struct arena *, const char *building,
		    const char *unit, const char *room, const char *occupancy);
/* 2025年3月, or 2025年第1季度 for a three-month period. */
const char	*label_period(struct arena *, const char *period_start,
		    int months);
/*
 * What a late-fee bill (滞纳金, sql/043) is of, for a list's line: its
 * principal bill's period and item, "2025年3月 物业费逾期". "" when
 * principal_start is NULL (not a late fee).
 */
const char	*label_late_of(struct arena *, const char *principal_start,
		    int months, const char *item);
/*
 * The months first..last (each y * 12 + month - 1) as a span:
 * 2026年3月 (one), 2026年1月至3月 (one year), 2025年11月至2026年2月.
 */
const char	*label_month_span(struct arena *, int first, int last);
/* "2025-03-31" (or a DATETIME) as 2025年3月31日. */
const char	*label_date(struct arena *, const char *);
/* m2 x 100 as "89.47". */
const char	*label_area(struct arena *, long long area_x100);
/*
 * Who took a payment, as every staff page names them (the register and
 * its CSV, a household's payments, a receipt): the collector; for a
 * service-exchange credit (channel service_credit) the manager who
 * approved it, said so - 陈经理（批准抵扣）: nobody collected that money;
 * for an online payment (alipay, wechat, unionpay: no collector)
 * LABEL_ONLINE_TAKER. Never NULL.
 */
#define LABEL_ONLINE_TAKER	"线上支付"
const char	*label_taker(struct arena *, const char *channel,
		    const char *collector);
/* A quantity x 100 as a limit is written: "500", or "12.50". */
const char	*label_units(struct arena *, long long x100);
/* 138****1234: a phone number with its middle hidden. */
const char	*label_phone_masked(struct arena *, const char *);

#endif
