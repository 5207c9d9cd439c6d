/*
 * receipt.c - the electronic receipt as a PDF page (A5 landscape),
 * drawn with cairo and pango in Noto Sans CJK SC (embedded as a subset by
 * cairo), with a QR code from libqrencode that opens the public
 * verification page.
 */
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "arena.h"
#include "channel.h"
#include "draw.h"
#include "log.h"
#include "money.h"
#include "pdf.h"
#include "receipt.h"

#define PAGE_W	595.0	/* A5 landscape, points */
#define PAGE_H	420.0
#define MARGIN	36.0	/* left and right */
#define TOP	16.0
#define BOTTOM	18.0
#define TEXT_W	(PAGE_W - 2 * MARGIN)
#define QR_SIZE	92.0
#define QR_X	(PAGE_W - MARGIN - QR_SIZE)
#define STACK_W	(QR_X - MARGIN - 12)	/* the text left of the QR code */
#define MAX_ROWS 9

/* The table's columns: item, period, amount (right-aligned). */
#define COL1	MARGIN
#define COL2	230.0
#define COL3	(PAGE_W - MARGIN)
#define AMT_W	100.0
#define ITEM_W	(COL2 - COL1 - 12)
#define PERIOD_W (COL3 - 4 - AMT_W - 8 - COL2)

/*
 * How many lines each text from the data may wrap to before it is cut,
 * at a character boundary, with an ellipsis (pango does both): the page
 * stays one A5 page. It is first laid out roomy; if even a one-row table
 * does not fit, it is laid out again tight. No cap cuts the payer's name
 * (50 characters: two lines at most at its size) or the void reason (200:
 * four lines). The other texts outgrow their caps only at lengths no
 * estate uses (a 100-character service centre, a 50-character fee item
 * or staff name); the centre's name is also in the footer.
 */
struct caps {
	int	 centre, place, payer, voided, item, period, total;
	int	 channel, collector, order, url, footer;
};

/* An online order's numbers (order, a line each) are never cut: two
 * lines hold the longest the columns keep (32 and 64 characters). */
static const struct caps roomy = { 2, 3, 3, 6, 3, 2, 2, 2, 2, 2, 2, 2 };
static const struct caps tight = { 1, 1, 2, 5, 1, 1, 1, 1, 1, 2, 1, 1 };

static double
max2(double a, double b)
{
	return a > b ? a : b;
}

static void
line(const struct pdf_pen *p, double x0, double y0, double x1, double y1,
    double width)
{
	if (!p->draw)
		return;
	cairo_set_line_width(p->cr, width);
	cairo_move_to(p->cr, x0, y0);
	cairo_line_to(p->cr, x1, y1);
	cairo_stroke(p->cr);
}

static int
qr(cairo_t *cr, const char *url, double x, double y, double size)
{
	QRcode	*q;
	double	 m;
	int	 i, j;

	if ((q = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) == NULL)
		return -1;
	/* A quiet zone of two modules on each side. */
	m = size / (q->width + 4);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, size, size);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (i = 0; i < q->width; i++)
		for (j = 0; j < q->width; j++)
			if (q->data[i * q->width + j] & 1)
				cairo_rectangle(cr, x + (j + 2) * m,
				    y + (i + 2) * m, m, m);
	cairo_fill(cr);
	QRcode_free(q);
	return 0;
}

/* Consecutive lines of one fee item become one row with a period range. */
struct row {
	const char	*item;
	const char	*from, *to;
	int64_t		 amount;
	int		 n;
};

static size_t
group_lines(const struct receipt *rc, struct row *rows, size_t max)
{
	size_t	 i, n = 0;
	int	 merge = rc->nlines > max;

	for (i = 0; i < rc->nlines; i++) {
		const struct receipt_line *l = &rc->lines[i];
		struct row *last = n > 0 ? &rows[n - 1] : NULL;

		if (last != NULL && ((merge && strcmp(last->item,
		    l->item) == 0) || n == max)) {
			/* Lines come by item, then period: extend the range. */
			if (strcmp(last->item, l->item) != 0)
				last->item = "其他费用";
			last->to = l->period;
			last->amount += l->amount;
			last->n++;
			continue;
		}
		rows[n].item = l->item;
		rows[n].from = rows[n].to = l->period;
		rows[n].amount = l->amount;
		rows[n].n = 1;
		n++;
	}
	return n;
}

/* What one layout of the page shows. */
struct page {
	const struct receipt	*rc;
	const char		*url;
	int64_t			 copy;
	const struct caps	*k;
	struct row		 rows[MAX_ROWS];
	size_t			 nrows;
};

/*
 * The block at the foot of the page, anchored to its bottom: channel and
 * collector, verification code and URL, the service centre, with the QR
 * code on the right. An online payment has no collector (收款人 would
 * say 线上支付, which its channel, 线上 · 支付宝 ..., says already): its
 * channel takes the row, and its order's numbers the next, the
 * 商户订单号 and the gateway's transaction number (what the owner and
 * staff quote to the gateway). Returns its height.
 */
static double
foot(const struct pdf_pen *p, const struct page *g, double top)
{
	const struct receipt	*rc = g->rc;
	const char		*s;
	double			 y = top, h;

	/* the channel's words: label_channel_full(), as the staff page */
	s = arena_printf(p->a, "缴费方式：%s", rc->channel_full);
	if (channel_online(channel_parse(rc->channel))) {
		y += pdf_box(p, MARGIN, y, STACK_W, 10, PANGO_ALIGN_LEFT,
		    g->k->channel, s) + 3;
		/* a line each: a WeChat Pay transaction_id is 32 digits */
		if (rc->out_trade_no[0] != '\0') {
			s = arena_printf(p->a, "商户订单号：%s",
			    rc->out_trade_no);
			y += pdf_box(p, MARGIN, y, STACK_W, 8.5, PANGO_ALIGN_LEFT,
			    g->k->order, s) + 1;
		}
		if (rc->out_trade_no[0] != '\0' && rc->gateway_txn[0] != '\0') {
			s = arena_printf(p->a, "%s：%s", rc->txn_label,
			    rc->gateway_txn);
			y += pdf_box(p, MARGIN, y, STACK_W, 8.5, PANGO_ALIGN_LEFT,
			    g->k->order, s) + 1;
		}
		y += 2;
	} else {
		h = pdf_box(p, MARGIN, y, 190, 10, PANGO_ALIGN_LEFT,
		    g->k->channel, s);
		s = arena_printf(p->a, "%s：%s", rc->taker_label, rc->taker);
		h = max2(h, pdf_box(p, MARGIN + 200, y, STACK_W - 200, 10,
		    PANGO_ALIGN_LEFT, g->k->collector, s));
		y += h + 3;
	}
	s = arena_printf(p->a, "校验码：%s", rc->code);
	y += pdf_box(p, MARGIN, y, STACK_W, 10, PANGO_ALIGN_LEFT, 1, s) + 2;
	y += pdf_box(p, MARGIN, y, STACK_W, 8.5, PANGO_ALIGN_LEFT, 2,
	    "扫描右侧二维码或打开下面的网址，可查验本收据的真伪与状态：");
	y += pdf_box(p, MARGIN, y, STACK_W, 8.5, PANGO_ALIGN_LEFT, g->k->url,
	    g->url) + 3;
	s = arena_printf(p->a, "%s　服务电话 %s", rc->centre, rc->estate_phone);
	y += pdf_box(p, MARGIN, y, STACK_W, 8.5, PANGO_ALIGN_LEFT, g->k->footer, s);
	return y - top;
}

/* A row of the table: item, period, amount. Returns its height. */
static double
table_row(const struct pdf_pen *p, double y, const struct caps *k,
    const char *item, const char *period, int64_t amount)
{
	char	 amt[MONEY_FMT_MAX];
	double	 h;

	h = pdf_box(p, COL1 + 4, y + 3, ITEM_W, 10, PANGO_ALIGN_LEFT, k->item,
	    item);
	h = max2(h, pdf_box(p, COL2, y + 3, PERIOD_W, 10, PANGO_ALIGN_LEFT,
	    k->period, period));
	h = max2(h, pdf_box(p, COL3 - 4 - AMT_W, y + 3, AMT_W, 10,
	    PANGO_ALIGN_RIGHT, 1, money_fmt(amt, amount)));
	return h + 4;
}

/*
 * Lays the page out top down (drawn unless p->draw is 0) and returns
 * the room left between the text and the foot block: negative when they
 * would overlap.
 */
static double
lay(const struct pdf_pen *p, const struct page *g)
{
	const struct receipt	*rc = g->rc;
	const struct caps	*k = g->k;
	struct pdf_pen		 m = *p;
	char			 amt[MONEY_FMT_MAX], cap[MONEY_CAPITAL_MAX];
	const char		*s, *place, *payer;
	double			 y = TOP, h, fh, wl, wr;
	size_t			 i;

	h = pdf_box(p, MARGIN, y, TEXT_W, 13, PANGO_ALIGN_CENTER, k->centre,
	    rc->centre);
	y += h + 2;
	h = pdf_box(p, MARGIN, y, TEXT_W, 20, PANGO_ALIGN_CENTER, 1,
	    "电 子 收 据");
	if (g->copy > 0) {
		/* A staff reprint: which print this is, beside the title. */
		s = arena_printf(p->a, "副本（第%lld次打印）",
		    (long long)g->copy + 1);
		pdf_box(p, MARGIN, y + h / 2 - 8, 150, 10, PANGO_ALIGN_LEFT, 1, s);
	}
	y += h + 4;

	if (rc->voided) {
		if (p->draw)
			cairo_set_source_rgb(p->cr, 0.8, 0.1, 0.1);
		s = arena_printf(p->a, "本收据已于 %.10s 作废：%s",
		    rc->voided_at, rc->void_reason);
		y += pdf_box(p, MARGIN, y, TEXT_W, 9, PANGO_ALIGN_LEFT, k->voided,
		    s) + 4;
		if (p->draw)
			cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
	}

	s = arena_printf(p->a, "收据号：%s", rc->number);
	h = pdf_box(p, MARGIN, y, TEXT_W / 2, 10.5, PANGO_ALIGN_LEFT, 1, s);
	s = arena_printf(p->a, "日期：%.16s", rc->issued_at);
	h = max2(h, pdf_box(p, MARGIN + TEXT_W / 2, y, TEXT_W / 2, 10.5,
	    PANGO_ALIGN_RIGHT, 1, s));
	y += h + 4;

	/* Estate and premises left, payer right; stacked when too long. */
	place = arena_printf(p->a, "小区：%s　　房屋：%s", rc->estate,
	    rc->premises);
	payer = arena_printf(p->a, "缴款人：%s", rc->payer);
	wl = pdf_width(p, 10.5, place);
	wr = pdf_width(p, 10.5, payer);
	if (wl + 24 + wr <= TEXT_W) {
		h = pdf_box(p, MARGIN, y, TEXT_W - wr - 24, 10.5,
		    PANGO_ALIGN_LEFT, 1, place);
		h = max2(h, pdf_box(p, MARGIN, y, TEXT_W, 10.5, PANGO_ALIGN_RIGHT,
		    1, payer));
		y += h + 6;
	} else {
		y += pdf_box(p, MARGIN, y, TEXT_W, 10.5, PANGO_ALIGN_LEFT,
		    k->place, place) + 2;
		y += pdf_box(p, MARGIN, y, TEXT_W, 10.5, PANGO_ALIGN_LEFT,
		    k->payer, payer) + 6;
	}

	/* The table of fee items and periods. */
	line(p, COL1, y, COL3, y, 1);
	pdf_box(p, COL1 + 4, y + 4, 0, 10, PANGO_ALIGN_LEFT, 1, "收费项目");
	pdf_box(p, COL2, y + 4, 0, 10, PANGO_ALIGN_LEFT, 1, "所属期间");
	pdf_box(p, COL1, y + 4, COL3 - COL1 - 4, 10, PANGO_ALIGN_RIGHT, 1,
	    "金额（元）");
	y += 22;
	line(p, COL1, y, COL3, y, 0.5);
	for (i = 0; i < g->nrows; i++) {
		const struct row *rw = &g->rows[i];

		s = rw->n > 1 ? arena_printf(p->a, "%s 至 %s（%d 期）",
		    rw->from, rw->to, rw->n) : rw->from;
		y += table_row(p, y, k, rw->item, s, rw->amount);
	}
	if (rc->prepaid != 0)
		y += table_row(p, y, k, "预存款", "存入账户，抵扣以后的账单",
		    rc->prepaid);
	line(p, COL1, y + 2, COL3, y + 2, 0.5);
	y += 6;
	if (money_capital(cap, sizeof(cap), rc->amount < 0 ? 0 : rc->amount) < 0)
		snprintf(cap, sizeof(cap), "—");
	s = arena_printf(p->a, "合计（大写）：%s", cap);
	h = pdf_box(p, COL1 + 4, y + 3, COL3 - COL1 - 16 - AMT_W, 11,
	    PANGO_ALIGN_LEFT, k->total, s);
	s = arena_printf(p->a, "¥%s", money_fmt(amt, rc->amount));
	h = max2(h, pdf_box(p, COL3 - 4 - AMT_W, y + 3, AMT_W, 11,
	    PANGO_ALIGN_RIGHT, 1, s));
	y += h + 7;
	line(p, COL1, y, COL3, y, 1);

	/* The foot: measured first, then drawn from the page's bottom up. */
	m.draw = 0;
	fh = foot(&m, g, 0);
	if (p->draw)
		foot(p, g, PAGE_H - BOTTOM - fh);
	return PAGE_H - BOTTOM - max2(QR_SIZE, fh) - 8 - y;
}

int
draw_receipt(const struct receipt *rc, const char *verify_url, int64_t copy,
    struct buf *out)
{
	struct pdf_pen	 p;
	struct page	 g;
	size_t		 max, most;
	int		 rc_status = 0;

	memset(&g, 0, sizeof(g));
	g.rc = rc;
	g.url = verify_url;
	g.copy = copy;
	pdf_open(&p, out, PAGE_W, PAGE_H, "电子收据");

	/*
	 * The most table rows that fit the page, roomy first: with fewer
	 * rows the later lines merge into the last one (group_lines). The
	 * prepaid row, when there is one, counts against MAX_ROWS.
	 */
	p.draw = 0;
	most = MAX_ROWS - (rc->prepaid != 0);
	if (rc->nlines < most)
		most = rc->nlines > 0 ? rc->nlines : 1;
	for (g.k = &roomy; ; g.k = &tight) {
		for (max = most; max >= 1; max--) {
			g.nrows = group_lines(rc, g.rows, max);
			if (lay(&p, &g) >= 0)
				goto fits;
		}
		if (g.k == &tight)
			break;
	}
	log_warnx("%s: receipt %s does not fit its page", __func__,
	    rc->number);
fits:
	p.draw = 1;
	cairo_set_source_rgb(p.cr, 0.1, 0.1, 0.1);
	lay(&p, &g);
	if (qr(p.cr, verify_url, QR_X, PAGE_H - BOTTOM - QR_SIZE, QR_SIZE) < 0)
		rc_status = -1;

	if (rc->voided) {
		cairo_save(p.cr);
		cairo_set_source_rgba(p.cr, 0.8, 0.1, 0.1, 0.55);
		cairo_translate(p.cr, PAGE_W / 2, PAGE_H / 2);
		cairo_rotate(p.cr, -0.35);
		pdf_box(&p, -140, -50, 280, 72, PANGO_ALIGN_CENTER, 1, "作废");
		cairo_restore(p.cr);
	}

	if (pdf_close(&p) < 0)
		rc_status = -1;
	return rc_status;
}
