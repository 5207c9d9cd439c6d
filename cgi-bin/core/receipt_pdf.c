/*
 * receipt_pdf.c - the electronic receipt as a PDF page (A5 landscape),
 * drawn with cairo and pango in Noto Sans CJK SC (embedded as a subset by
 * cairo), with a QR code from libqrencode that opens the public
 * verification page.
 */
#include <pthread.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "arena.h"
#include "labels.h"
#include "log.h"
#include "money.h"
#include "receipt.h"

#define PAGE_W	595.0	/* A5 landscape, points */
#define PAGE_H	420.0
#define MARGIN	36.0
#define FONT	"Noto Sans CJK SC"
#define MAX_ROWS 9

/*
 * One font map for the whole program: pango's default is a font map (and
 * its caches, some 20 MB) per thread, so every worker thread that drew a
 * receipt would keep its own. Receipts are drawn one at a time under
 * pdf_mu (about 16 ms each).
 */
static pthread_mutex_t	 pdf_mu = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap	*fontmap;

static cairo_status_t
write_out(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Draws s at (x, y) within width w (0: no wrap); returns its height. */
static double
text(cairo_t *cr, PangoLayout *l, double x, double y, double w, double size,
    PangoAlignment align, const char *s)
{
	PangoFontDescription	*fd;
	int			 pw, ph;

	fd = pango_font_description_new();
	pango_font_description_set_family(fd, FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, w > 0 ? (int)(w * PANGO_SCALE) : -1);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, s, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	pango_layout_get_size(l, &pw, &ph);
	return (double)ph / PANGO_SCALE;
}

static void
line(cairo_t *cr, double x0, double y0, double x1, double y1, double width)
{
	cairo_set_line_width(cr, width);
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	cairo_stroke(cr);
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

int
receipt_pdf(const struct receipt *rc, const char *verify_url, int64_t copy,
    struct buf *out)
{
	cairo_surface_t	*s;
	cairo_t		*cr;
	PangoContext	*ctx;
	PangoLayout	*l;
	struct row	 rows[MAX_ROWS];
	char		 amt[MONEY_FMT_MAX], cap[MONEY_CAPITAL_MAX], tmp[512];
	double		 y, col1 = MARGIN, col2 = 230, col3 = PAGE_W - MARGIN;
	size_t		 i, n;
	int		 rc_status;

	pthread_mutex_lock(&pdf_mu);
	if (fontmap == NULL)
		fontmap = pango_cairo_font_map_new();
	s = cairo_pdf_surface_create_for_stream(write_out, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "电子收据");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "propfee");
	cr = cairo_create(s);
	ctx = pango_font_map_create_context(fontmap);
	pango_cairo_update_context(cr, ctx);
	l = pango_layout_new(ctx);

	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	text(cr, l, MARGIN, 24, PAGE_W - 2 * MARGIN, 13, PANGO_ALIGN_CENTER,
	    rc->centre);
	text(cr, l, MARGIN, 44, PAGE_W - 2 * MARGIN, 22, PANGO_ALIGN_CENTER,
	    "电 子 收 据");
	if (copy > 0) {
		snprintf(tmp, sizeof(tmp), "副本（第 %lld 次打印）",
		    (long long)copy + 1);
		text(cr, l, MARGIN, 30, 0, 10, PANGO_ALIGN_LEFT, tmp);
	}
	snprintf(tmp, sizeof(tmp), "收据号：%s", rc->number);
	text(cr, l, MARGIN, 84, 0, 10.5, PANGO_ALIGN_LEFT, tmp);
	snprintf(tmp, sizeof(tmp), "日期：%.16s", rc->issued_at);
	text(cr, l, MARGIN, 84, PAGE_W - 2 * MARGIN, 10.5, PANGO_ALIGN_RIGHT,
	    tmp);

	y = 106;
	snprintf(tmp, sizeof(tmp), "小区：%s　　房屋：%s", rc->estate,
	    rc->premises);
	text(cr, l, MARGIN, y, 0, 10.5, PANGO_ALIGN_LEFT, tmp);
	snprintf(tmp, sizeof(tmp), "缴款人：%s", rc->payer);
	text(cr, l, MARGIN, y, PAGE_W - 2 * MARGIN, 10.5, PANGO_ALIGN_RIGHT,
	    tmp);

	/* The table of fee items and periods. */
	y = 130;
	line(cr, col1, y, col3, y, 1);
	text(cr, l, col1 + 4, y + 4, 0, 10, PANGO_ALIGN_LEFT, "收费项目");
	text(cr, l, col2, y + 4, 0, 10, PANGO_ALIGN_LEFT, "所属期间");
	text(cr, l, col1, y + 4, col3 - col1 - 4, 10, PANGO_ALIGN_RIGHT,
	    "金额（元）");
	y += 22;
	line(cr, col1, y, col3, y, 0.5);
	n = group_lines(rc, rows, rc->prepaid > 0 ? MAX_ROWS - 1 : MAX_ROWS);
	for (i = 0; i < n; i++) {
		text(cr, l, col1 + 4, y + 3, 0, 10, PANGO_ALIGN_LEFT,
		    rows[i].item);
		if (rows[i].n > 1)
			snprintf(tmp, sizeof(tmp), "%s 至 %s（%d 期）",
			    rows[i].from, rows[i].to, rows[i].n);
		else
			snprintf(tmp, sizeof(tmp), "%s", rows[i].from);
		text(cr, l, col2, y + 3, 0, 10, PANGO_ALIGN_LEFT, tmp);
		text(cr, l, col1, y + 3, col3 - col1 - 4, 10,
		    PANGO_ALIGN_RIGHT, money_fmt(amt, rows[i].amount));
		y += 18;
	}
	if (rc->prepaid != 0) {
		text(cr, l, col1 + 4, y + 3, 0, 10, PANGO_ALIGN_LEFT, "预存款");
		text(cr, l, col2, y + 3, 0, 10, PANGO_ALIGN_LEFT,
		    "存入账户，抵扣以后的账单");
		text(cr, l, col1, y + 3, col3 - col1 - 4, 10,
		    PANGO_ALIGN_RIGHT, money_fmt(amt, rc->prepaid));
		y += 18;
	}
	line(cr, col1, y + 2, col3, y + 2, 0.5);
	y += 6;
	if (money_capital(cap, sizeof(cap), rc->amount < 0 ? 0 : rc->amount) < 0)
		snprintf(cap, sizeof(cap), "—");
	snprintf(tmp, sizeof(tmp), "合计（大写）：%s", cap);
	text(cr, l, col1 + 4, y + 3, 0, 11, PANGO_ALIGN_LEFT, tmp);
	snprintf(tmp, sizeof(tmp), "¥%s", money_fmt(amt, rc->amount));
	text(cr, l, col1, y + 3, col3 - col1 - 4, 11, PANGO_ALIGN_RIGHT, tmp);
	y += 22;
	line(cr, col1, y, col3, y, 1);

	/* Channel, collector, and the verification code beside the QR. */
	y += 10;
	snprintf(tmp, sizeof(tmp), "缴费方式：%s%s", label_channel(rc->channel),
	    rc->channel_sub[0] ? "（信用卡分期）" : "");
	text(cr, l, MARGIN, y, 0, 10, PANGO_ALIGN_LEFT, tmp);
	snprintf(tmp, sizeof(tmp), "收款人：%s",
	    rc->collector[0] ? rc->collector : "线上缴费");
	text(cr, l, MARGIN + 200, y, 0, 10, PANGO_ALIGN_LEFT, tmp);
	snprintf(tmp, sizeof(tmp), "校验码：%s", rc->code);
	text(cr, l, MARGIN, y + 18, 0, 10, PANGO_ALIGN_LEFT, tmp);
	text(cr, l, MARGIN, y + 36, 380, 8.5, PANGO_ALIGN_LEFT,
	    "扫描右侧二维码或打开下面的网址，可查验本收据的真伪与状态：");
	text(cr, l, MARGIN, y + 50, 380, 8.5, PANGO_ALIGN_LEFT, verify_url);
	snprintf(tmp, sizeof(tmp), "%s　服务电话 %s", rc->centre,
	    rc->estate_phone);
	text(cr, l, MARGIN, PAGE_H - 30, 0, 8.5, PANGO_ALIGN_LEFT, tmp);
	rc_status = qr(cr, verify_url, PAGE_W - MARGIN - 92, PAGE_H - 112, 92);

	if (rc->voided) {
		cairo_save(cr);
		cairo_set_source_rgba(cr, 0.8, 0.1, 0.1, 0.55);
		cairo_translate(cr, PAGE_W / 2, PAGE_H / 2);
		cairo_rotate(cr, -0.35);
		text(cr, l, -140, -50, 280, 72, PANGO_ALIGN_CENTER, "作废");
		cairo_restore(cr);
		cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
		snprintf(tmp, sizeof(tmp), "本收据已于 %.10s 作废：%s",
		    rc->voided_at, rc->void_reason);
		text(cr, l, MARGIN, 66, PAGE_W - 2 * MARGIN, 9,
		    PANGO_ALIGN_LEFT, tmp);
	}

	g_object_unref(l);
	g_object_unref(ctx);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		log_warnx("%s: %s", __func__,
		    cairo_status_to_string(cairo_surface_status(s)));
		rc_status = -1;
	}
	cairo_surface_destroy(s);
	pthread_mutex_unlock(&pdf_mu);
	return rc_status;
}
