/*
 * channel.c - the list of payment channels (channel.h).
 */
#include "channel.h"
#include "codes.h"

const char *const channel_codes[CHANNEL__MAX + 1] = {
	"cash", "pos_counter", "pos_door", "alipay", "wechat", "unionpay",
	"service_credit", "prepaid", NULL
};

const char *const channel_labels[CHANNEL__MAX] = {
	"现金", "柜台POS", "上门POS", "支付宝", "微信支付", "云闪付",
	"服务置换", "预存款抵扣"
};

enum channel
channel_parse(const char *s)
{
	return (enum channel)code_find(channel_codes, CHANNEL__MAX, s);
}

int
channel_staff(enum channel c)
{
	return c == CHANNEL_CASH || c == CHANNEL_POS_COUNTER ||
	    c == CHANNEL_POS_DOOR;
}

int
channel_online(enum channel c)
{
	return c == CHANNEL_ALIPAY || c == CHANNEL_WECHAT ||
	    c == CHANNEL_UNIONPAY;
}

int
channel_listed(enum channel c)
{
	return c < CHANNEL__MAX && c != CHANNEL_PREPAID;
}
