/*
 * test_render.c - the renderer's wire (core/render.h): a receipt and a
 * service report read back as they were written, NULL strings kept NULL,
 * and anything short, long, corrupt or of an unknown kind refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "render.h"

#include "arena_fixture.h"

static struct receipt_line lines[] = {
	{ "物业费", "2026年1月", 25000 },
	{ "车位管理费", "2026年1月", -1 },
	{ "", NULL, INT64_MIN },
};

static void
a_receipt(struct receipt *rc)
{
	memset(rc, 0, sizeof(*rc));
	rc->id = 77;
	rc->estate_id = 1;
	rc->payment_id = INT64_MAX;
	rc->premises_id = 301;
	rc->number = "JHY-2026-000123";
	rc->code = "a1b2c3";
	rc->issued_at = "2026-12-03 10:00:00";
	rc->estate = "锦华苑";
	rc->centre = "锦华苑物业服务中心";
	rc->estate_phone = "0571-0000";
	rc->premises = "3栋2单元301室";
	rc->payer = "张三\n李四";
	rc->channel = "alipay";
	rc->channel_full = "线上 · 支付宝";
	rc->out_trade_no = "PF2026120300001";
	rc->taker_label = "收款人";
	rc->taker = "线上支付";
	rc->amount = 24999;
	rc->prepaid = 1;
	rc->credit = 1;
	rc->voided = 1;
	rc->void_reason = "重复收费";
	rc->lines = lines;
	rc->nlines = 3;
	/* building, occupancy, channel_sub, ... left NULL */
}

static void
str_same(const char *want, const char *got)
{
	if (want == NULL)
		assert_null(got);
	else
		assert_string_equal(want, got);
}

static void
a_receipt_reads_back_as_written(void **state)
{
	struct receipt		 rc, *g;
	struct render_doc	 d;
	struct buf		 b;
	size_t			 i;

	(void)state;
	a_receipt(&rc);
	buf_init(&b, &a, 64);
	render_receipt_req(&b, &rc, "http://h/v/a1b2c3", 2);
	assert_int_equal(render_decode(&a, b.p, b.len, &d), 0);
	assert_int_equal(d.kind, RENDER_RECEIPT);
	assert_string_equal(d.verify_url, "http://h/v/a1b2c3");
	assert_int_equal(d.copy, 2);
	g = &d.rc;
	assert_int_equal(g->id, 77);
	assert_int_equal(g->payment_id, INT64_MAX);
	assert_int_equal(g->amount, 24999);
	assert_int_equal(g->prepaid, 1);
	assert_int_equal(g->credit, 1);
	assert_int_equal(g->voided, 1);
	str_same(rc.number, g->number);
	str_same(rc.payer, g->payer);
	str_same(rc.channel_full, g->channel_full);
	str_same(rc.void_reason, g->void_reason);
	str_same(NULL, g->building);
	str_same(NULL, g->void_by);
	assert_int_equal(g->nlines, 3);
	for (i = 0; i < 3; i++) {
		str_same(lines[i].item, g->lines[i].item);
		str_same(lines[i].period, g->lines[i].period);
		assert_true(lines[i].amount == g->lines[i].amount);
	}
}

static void
a_report_reads_back_as_written(void **state)
{
	struct svc_report	 r;
	struct svc_item		 items[2] = {
		{ 5, "2026-11-02", "3栋", "王师傅", "换灯" },
		{ 6, "2026-11-09", "", NULL, "修门禁" },
	};
	struct render_doc	 d;
	struct buf		 b;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.id = 9;
	r.estate_id = 1;
	r.month.y = 2026;
	r.month.m = 11;
	r.month.d = 1;
	r.month_words = "2026年11月";
	r.status = SVR_PUBLISHED;
	r.late = 1;
	r.summary = "本月保洁 30 次。\r\n维修 2 项。";
	r.published_at = "2026-12-03 09:00:00";
	r.f.logs[SVC_REPAIR] = 2;
	r.f.fix_secs = -1;
	r.f.score_x10 = 953;
	buf_init(&b, &a, 64);
	render_report_req(&b, &r, items, 2);
	assert_int_equal(render_decode(&a, b.p, b.len, &d), 0);
	assert_int_equal(d.kind, RENDER_REPORT);
	assert_int_equal(d.rep.id, 9);
	assert_int_equal(d.rep.month.y, 2026);
	assert_int_equal(d.rep.month.m, 11);
	assert_int_equal(d.rep.status, SVR_PUBLISHED);
	assert_int_equal(d.rep.late, 1);
	assert_string_equal(d.rep.summary, r.summary);
	assert_null(d.rep.estate);
	assert_int_equal(d.rep.f.logs[SVC_REPAIR], 2);
	assert_int_equal(d.rep.f.fix_secs, -1);
	assert_int_equal(d.rep.f.score_x10, 953);
	assert_int_equal(d.nitems, 2);
	assert_string_equal(d.items[1].note, "修门禁");
	assert_null(d.items[1].who);
	assert_string_equal(d.items[0].area, "3栋");
}

static void
anything_cut_short_or_longer_is_refused(void **state)
{
	struct receipt		 rc;
	struct render_doc	 d;
	struct buf		 b;
	size_t			 n;

	(void)state;
	a_receipt(&rc);
	buf_init(&b, &a, 64);
	render_receipt_req(&b, &rc, "http://h/v/x", 0);
	for (n = 0; n < b.len; n++)
		assert_int_equal(render_decode(&a, b.p, n, &d), -1);
	buf_putc(&b, 'x');
	assert_int_equal(render_decode(&a, b.p, b.len, &d), -1);
}

static void
a_corrupt_request_is_refused(void **state)
{
	struct receipt		 rc;
	struct render_doc	 d;
	struct buf		 b;
	char			*p;

	(void)state;
	a_receipt(&rc);
	buf_init(&b, &a, 64);
	render_receipt_req(&b, &rc, "http://h/v/x", 0);
	p = arena_alloc(&a, b.len);

	/* an unknown kind */
	memcpy(p, b.p, b.len);
	p[0] = 'Q';
	assert_int_equal(render_decode(&a, p, b.len, &d), -1);
	/* a string's length far past the end (the URL's, first field) */
	memcpy(p, b.p, b.len);
	p[1] = 0x7f;
	assert_int_equal(render_decode(&a, p, b.len, &d), -1);
	/* a NUL inside a string: the URL "http..." after its length */
	memcpy(p, b.p, b.len);
	p[5 + 2] = '\0';
	assert_int_equal(render_decode(&a, p, b.len, &d), -1);
}

static void
a_count_over_its_maximum_is_refused(void **state)
{
	struct svc_report	 r;
	struct render_doc	 d;
	struct buf		 b;
	unsigned char		*c;

	(void)state;
	memset(&r, 0, sizeof(r));
	buf_init(&b, &a, 64);
	render_report_req(&b, &r, NULL, 0);
	/* the item count is the last i64: make it RENDER_ITEMS + 1 */
	c = (unsigned char *)b.p + b.len - 2;
	c[0] = (RENDER_ITEMS + 1) >> 8;
	c[1] = (RENDER_ITEMS + 1) & 0xff;
	assert_int_equal(render_decode(&a, b.p, b.len, &d), -1);
	/* a month of 13 */
	memset(&r, 0, sizeof(r));
	r.month.m = 13;
	buf_init(&b, &a, 64);
	render_report_req(&b, &r, NULL, 0);
	assert_int_equal(render_decode(&a, b.p, b.len, &d), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_receipt_reads_back_as_written),
		cmocka_unit_test(a_report_reads_back_as_written),
		cmocka_unit_test(anything_cut_short_or_longer_is_refused),
		cmocka_unit_test(a_corrupt_request_is_refused),
		cmocka_unit_test(a_count_over_its_maximum_is_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
