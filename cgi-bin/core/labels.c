/*
 * labels.c - codes to Chinese words.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "channel.h"
#include "enquiry.h"
#include "labels.h"
#include "occupancy.h"
#include "role.h"

struct pair {
	const char	*code;
	const char	*label;
};

static const char *
lookup(const struct pair *p, const char *code)
{
	if (code == NULL)
		return "";
	for (; p->code != NULL; p++)
		if (strcmp(p->code, code) == 0)
			return p->label;
	return code;
}

const char *
label_occupancy(const char *c)
{
	enum occupancy	 o = occupancy_parse(c);

	return o < OCCUPANCY__MAX ? occupancy_labels[o] : c ? c : "";
}

const char *
label_bill_status(const char *c)
{
	static const struct pair p[] = {
		{ "unpaid", "未缴" },
		{ "partial", "部分缴纳" },
		{ "paid", "已缴清" },
		{ "waived", "已减免" },
		{ NULL, NULL }
	};

	return lookup(p, c);
}

const char *
label_bill_state(const char *status, int64_t paid, int64_t waived)
{
	if (status == NULL || strcmp(status, "partial") != 0 || waived <= 0)
		return label_bill_status(status);
	return paid > 0 ? "部分缴纳、部分减免" : "部分减免";
}

const char *
label_channel(const char *c)
{
	enum channel	 ch = channel_parse(c);

	return ch < CHANNEL__MAX ? channel_labels[ch] : c ? c : "";
}

const char *
label_channel_full(struct arena *a, const char *channel, const char *sub,
    const char *fee_payer)
{
	enum channel	 ch = channel_parse(channel);
	const char	*plan, *fee;
	int		 n, end = 0;

	if (!channel_online(ch))
		return label_channel(channel);
	plan = ch == CHANNEL_ALIPAY ? "花呗分期" : "信用卡分期";
	fee = fee_payer == NULL ? "" : strcmp(fee_payer, "estate") == 0 ?
	    "（物业承担手续费）" : strcmp(fee_payer, "owner") == 0 ?
	    "（业主承担手续费）" : "";
	if (sub != NULL && sscanf(sub, "instalments_%d%n", &n, &end) == 1 &&
	    sub[end] == '\0' && n > 0)
		return arena_printf(a, "线上 · %s · %s %d 期%s",
		    channel_labels[ch], plan, n, fee);
	if (sub != NULL && strcmp(sub, "credit_card_instalment") == 0)
		return arena_printf(a, "线上 · %s · 信用卡分期%s",
		    channel_labels[ch], fee);
	return arena_printf(a, "线上 · %s", channel_labels[ch]);
}

const char *
label_gateway_txn(const char *c)
{
	static const struct pair p[] = {
		{ "alipay", "支付宝交易号" },
		{ "wechat", "微信支付订单号" },
		{ "unionpay", "银联查询流水号" },
		{ NULL, NULL }
	};
	const char	*s = lookup(p, c);

	return s == c || *s == '\0' ? "支付平台交易号" : s;
}

const char *
label_role(const char *c)
{
	return role_label(c);
}

const char *
label_basis(const char *c)
{
	static const struct pair p[] = {
		{ "area", "按面积（元/㎡·月）" },
		{ "fixed", "按期固定" },
		{ "meter", "按表计量" },
		{ "agreement", "按协议" },
		{ "latefee", "滞纳金，按逾期天数计" },
		{ NULL, NULL }
	};

	return lookup(p, c);
}

/* One list of enquiry categories, enquiry.h's: the codes and words here
 * are those the enquiries log stores (sql/035_enquiries.sql). */
const char *
label_enquiry_category(const char *c)
{
	enum enq_category	 i = enq_category_parse(c);

	return i < ENQ_CATEGORY__MAX ? enq_category_labels[i] : c;
}

const char *
label_case_cause(const char *c)
{
	static const struct pair p[] = {
		{ "service_complaint", "服务投诉（如设施未修）" },
		{ "financial_hardship", "经济困难" },
		{ "area_dispute", "面积争议" },
		{ "absent_owner", "业主长期不在" },
		{ "elderly_alone", "独居老人" },
		{ "renovation_dispute", "装修纠纷" },
		{ "other", "其他" },
		{ NULL, NULL }
	};

	return lookup(p, c);
}

const char *
label_contact_kind(const char *c)
{
	static const struct pair p[] = {
		{ "call", "电话" },
		{ "visit", "上门" },
		{ "sms", "短信" },
		{ "wechat", "微信" },
		{ NULL, NULL }
	};

	return lookup(p, c);
}

/*
 * Every action code an audit() call writes (grep "audit(" in cgi-bin;
 * tests/http/test_lead_pages.py checks that each has its words here).
 */
const char *
label_action(const char *c)
{
	static const struct pair p[] = {
		{ "payment.create", "收款" },
		{ "receipt.void", "作废" },
		{ "payorder.refund", "在线退款" },
		{ "payorder.refund_failed", "在线退款未成功" },
		{ "payorder.cancel", "取消支付订单" },
		{ "reconcile.ask", "网关对账" },
		{ "void.request", "申请作废" },
		{ "void.refuse", "驳回作废申请" },
		{ "bill.waive", "减免" },
		{ "prepaid.apply", "预存款抵扣" },
		{ "fee_item.add", "新增收费项目" },
		{ "fee_item.cap", "修改抄表用量上限" },
		{ "fee_rate.set", "修改费率" },
		{ "billing_cycle.set", "修改计费周期" },
		{ "credit_rate.set", "修改服务置换单价" },
		{ "billing.request", "发起出账" },
		{ "billing.run", "出账" },
		{ "credit.log", "登记服务置换" },
		{ "credit.approve", "批准服务置换" },
		{ "credit.reject", "驳回服务置换" },
		{ "meter.reading", "录入抄表读数" },
		{ "meter.upload", "导入抄表文件" },
		{ "arrears.assign", "分配收费员" },
		{ "case.open", "建立一户一策档案" },
		{ "case.plan", "修改化解方案" },
		{ "case.promise", "记录缴费承诺" },
		{ "case.close", "一户一策结案" },
		{ "settings.set", "修改设置" },
		{ "owner.channels", "修改消息接收方式" },
		{ "outbox.resend", "重发消息" },
		{ "enquiry.log", "登记咨询异议" },
		{ "enquiry.answer", "答复咨询异议" },
		{ "enquiry.owner", "业主确认咨询答复" },
		{ "deferral.apply", "缓交申请" },
		{ "deferral.approve", "批准缓交" },
		{ "deferral.reject", "驳回缓交申请" },
		/* service requests (core/request.c: request.<event>) */
		{ "request.log", "登记报事报修" },
		{ "request.received", "客服受理报修" },
		{ "request.planned", "答复处理方案" },
		{ "request.dispatched", "派工程部处理" },
		{ "request.done", "报修处理完成" },
		{ "request.followed", "回访业主" },
		{ "request.closed", "报修结案" },
		{ "request.reopened", "业主不满意，重新处理" },
		{ "request.late", "报修处理超时" },
		{ "servicelog.log", "登记服务记录" },
		{ "report.draft", "生成服务月报草稿" },
		{ "report.edit", "修改服务月报" },
		{ "report.recount", "重新统计服务月报" },
		{ "report.publish", "发布服务月报" },
		{ "report.late", "服务月报逾期未发布" },
		/* vacant-unit custody (core/custody.c, issue 13) */
		{ "custody.create", "签订空置房托管协议" },
		{ "custody.log", "登记托管服务" },
		{ "custody.bill", "托管费出账（签约月份已出过账）" },
		/* team development (core/team.c, issue 13) */
		{ "team.session", "登记培训" },
		{ "team.score", "录入考核成绩" },
		{ "team.pair", "建立带教计划" },
		{ "team.tick", "带教阶段完成" },
		/* an estate's CSV import (core/import.c, issue 13) */
		{ "import.file", "导入小区资料" },
		/* elderly mode (core/elder.c, issue 13) */
		{ "owner.elder_mode", "业主切换长辈模式" },
		{ "visit.book", "业主预约上门收费" },
		{ "visit.cancel", "业主取消上门预约" },
		{ "visit.done", "上门预约已上门" },
		{ "visit.not_reached", "上门预约未联系上" },
		/* late fees (worker/latefee.c, issue 13) */
		{ "latefee.bill", "按月计收滞纳金" },
		{ NULL, NULL }
	};

	return lookup(p, c);
}

const char *
label_premises(struct arena *a, const char *building, const char *unit,
    const char *room, const char *occupancy)
{
	if (occupancy_parse(occupancy) == OCC_SHOP)
		return arena_printf(a, "%s%s号", building, room);
	if (unit == NULL || *unit == '\0')
		return arena_printf(a, "%s%s室", building, room);
	return arena_printf(a, "%s%s单元%s室", building, unit, room);
}

const char *
label_period(struct arena *a, const char *start, int months)
{
	int	 y, m;

	if (start == NULL || sscanf(start, "%4d-%2d", &y, &m) != 2)
		return "";
	if (months == 3)
		return arena_printf(a, "%d年第%d季度", y, (m - 1) / 3 + 1);
	if (months == 1)
		return arena_printf(a, "%d年%d月", y, m);
	return arena_printf(a, "%d年%d月起%d个月", y, m, months);
}

const char *
label_late_of(struct arena *a, const char *start, int months,
    const char *item)
{
	if (start == NULL)
		return "";
	return arena_printf(a, "%s %s逾期", label_period(a, start, months),
	    item ? item : "");
}

const char *
label_month_span(struct arena *a, int first, int last)
{
	if (last <= first)
		return arena_printf(a, "%d年%d月", first / 12, first % 12 + 1);
	if (last / 12 == first / 12)
		return arena_printf(a, "%d年%d月至%d月", first / 12,
		    first % 12 + 1, last % 12 + 1);
	return arena_printf(a, "%d年%d月至%d年%d月", first / 12,
	    first % 12 + 1, last / 12, last % 12 + 1);
}

const char *
label_date(struct arena *a, const char *s)
{
	int	 y, m, d;

	if (s == NULL || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return "";
	return arena_printf(a, "%d年%d月%d日", y, m, d);
}

const char *
label_area(struct arena *a, long long x100)
{
	return arena_printf(a, "%lld.%02lld", x100 / 100, x100 % 100);
}

const char *
label_taker(struct arena *a, const char *channel, const char *collector)
{
	enum channel	 ch = channel_parse(channel);

	if (ch == CHANNEL_SERVICE_CREDIT)
		return arena_printf(a, "%s（批准抵扣）", collector);
	if (channel_online(ch))
		return LABEL_ONLINE_TAKER;
	return collector != NULL ? collector : "";
}

const char *
label_units(struct arena *a, long long x100)
{
	if (x100 % 100 == 0)
		return arena_printf(a, "%lld", x100 / 100);
	return label_area(a, x100);
}

const char *
label_phone_masked(struct arena *a, const char *phone)
{
	size_t	 n = phone ? strlen(phone) : 0;

	if (n < 7)
		return "****";
	return arena_printf(a, "%.3s****%s", phone, phone + n - 4);
}
