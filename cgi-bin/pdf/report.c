/*
 * report.c - the monthly service report as a one-page A4 PDF
 * (draw.h), drawn as the receipt is (pdf.h): the estate and month,
 * the month's figures as a table, the manager's summary in its
 * paragraphs, the public-area repairs of the month one a line (as many
 * as the page holds, then how many more), and who published it when.
 */
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "arena.h"
#include "draw.h"
#include "labels.h"
#include "log.h"
#include "pdf.h"
#include "svcreport.h"

#define PAGE_W	595.0	/* A4 portrait, points */
#define PAGE_H	842.0
#define MARGIN	48.0
#define TOP	40.0
#define BOTTOM	40.0
#define TEXT_W	(PAGE_W - 2 * MARGIN)
#define VAL_W	150.0	/* the figures' right column */
#define DAY_W	70.0	/* a repair's day */
#define ROW_H	19.0
#define SUMMARY_LINES	12	/* per paragraph; 800 characters fit */
#define SUMMARY_TIGHT	20	/* all of it as one paragraph */

static void
rule(const struct pdf_pen *p, double y, double width)
{
	if (!p->draw)
		return;
	cairo_set_line_width(p->cr, width);
	cairo_move_to(p->cr, MARGIN, y);
	cairo_line_to(p->cr, PAGE_W - MARGIN, y);
	cairo_stroke(p->cr);
}

/* A heading of a part; returns the height taken. */
static double
heading(const struct pdf_pen *p, double y, const char *s)
{
	double	 h = pdf_box(p, MARGIN, y, TEXT_W, 13, PANGO_ALIGN_LEFT, 1, s);

	rule(p, y + h + 3, 0.8);
	return h + 9;
}

/* A figure's row: what, and its value on the right. */
static double
figure(const struct pdf_pen *p, double y, const char *what, const char *val)
{
	double	 h, hv;

	h = pdf_box(p, MARGIN + 4, y, TEXT_W - VAL_W - 12, 10.5,
	    PANGO_ALIGN_LEFT, 2, what);
	hv = pdf_box(p, PAGE_W - MARGIN - VAL_W - 4, y, VAL_W, 10.5,
	    PANGO_ALIGN_RIGHT, 1, val);
	h = h > hv ? h : hv;
	if (h < ROW_H - 5)
		h = ROW_H - 5;
	if (p->draw) {
		cairo_set_source_rgb(p->cr, 0.75, 0.75, 0.75);
		rule(p, y + h + 3, 0.4);
		cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
	}
	return h + 5;
}

/* "2026-11-03" as 11月3日 (the report names its month above). */
static const char *
month_day(struct arena *a, const char *day)
{
	struct date	 d;

	if (cal_parse(day, &d) < 0)
		return day;
	return arena_printf(a, "%d月%d日", d.m, d.d);
}

/* What one layout shows. */
struct layout {
	const struct svc_report	*r;
	const struct svc_item	*items;
	size_t			 n;		/* repairs listed */
	int			 tight;		/* the summary as one paragraph */
};

/* The figures' rows, top down from y; returns the new y. */
static double
figures(const struct pdf_pen *p, const struct svc_report *r, double y)
{
	const struct svc_figures *f = &r->f;
	char			 b[SVC_NUM_MAX];
	int			 k;

	for (k = 0; k < SVC_KIND__MAX; k++)
		y += figure(p, y, svc_kind_labels[k], arena_printf(p->a,
		    "%lld %s", (long long)f->logs[k], svc_kind_units[k]));
	y += figure(p, y, "业主报事报修（登记）", arena_printf(p->a,
	    "%lld 件", (long long)f->rq_logged));
	y += figure(p, y, "报事报修（本月修好）", arena_printf(p->a,
	    "%lld 件", (long long)f->rq_solved));
	y += figure(p, y, "从报修到答复处理方案（中位数）", f->plan_secs < 0 ?
	    "—" : arena_printf(p->a, "%s 小时", svc_hours(b, f->plan_secs)));
	y += figure(p, y, "从报修到修好（中位数）", f->fix_secs < 0 ? "—" :
	    arena_printf(p->a, "%s 小时", svc_hours(b, f->fix_secs)));
	y += figure(p, y, arena_printf(p->a, "回访满意度（%lld 次回访的平均分）",
	    (long long)f->score_n), f->score_x10 < 0 ? "—" :
	    arena_printf(p->a, "%s 分", svc_tenths(b, f->score_x10)));
	if (f->withheld_n > 0)
		y += figure(p, y, "业主因问题暂缓缴费的报修，修好后 30 天内业主已缴费",
		    arena_printf(p->a, "%lld / %lld 件",
		    (long long)f->withheld_paid_n, (long long)f->withheld_n));
	return y;
}

/*
 * Lays the page out top down (drawn unless p->draw is 0); returns the
 * room left above the foot: negative when it does not fit.
 */
static double
lay(const struct pdf_pen *p, const struct layout *g)
{
	const struct svc_report	*r = g->r;
	const char		*s;
	double			 y = TOP, h, foot;
	size_t			 i;

	y += pdf_box(p, MARGIN, y, TEXT_W, 12, PANGO_ALIGN_CENTER, 2,
	    r->centre) + 4;
	y += pdf_box(p, MARGIN, y, TEXT_W, 22, PANGO_ALIGN_CENTER, 1,
	    "物业服务月报") + 4;
	y += pdf_box(p, MARGIN, y, TEXT_W, 13, PANGO_ALIGN_CENTER, 2,
	    arena_printf(p->a, "%s · %s", r->estate, r->month_words)) + 4;
	if (r->status != SVR_PUBLISHED) {
		if (p->draw)
			cairo_set_source_rgb(p->cr, 0.8, 0.1, 0.1);
		y += pdf_box(p, MARGIN, y, TEXT_W, 11, PANGO_ALIGN_CENTER, 1,
		    "草稿（尚未发布）") + 4;
		if (p->draw)
			cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
	}
	y += 10;
	y += heading(p, y, "本月服务情况");
	y = figures(p, r, y) + 14;

	y += heading(p, y, "本月小结");
	y += (g->tight ? pdf_box(p, MARGIN, y, TEXT_W, 10.5, PANGO_ALIGN_LEFT,
	    SUMMARY_TIGHT, r->summary) : pdf_para(p, MARGIN, y, TEXT_W, 10.5,
	    SUMMARY_LINES, r->summary)) + 14;

	if (r->f.logs[SVC_REPAIR] > 0) {
		y += heading(p, y, "本月公共设施维修");
		for (i = 0; i < g->n; i++) {
			const struct svc_item *it = &g->items[i];

			h = pdf_box(p, MARGIN + 4, y, DAY_W, 10, PANGO_ALIGN_LEFT,
			    1, month_day(p->a, it->day));
			s = *it->note != '\0' ? arena_printf(p->a, "%s：%s",
			    it->area, it->note) : it->area;
			pdf_box(p, MARGIN + 4 + DAY_W, y, TEXT_W - DAY_W - 8, 10,
			    PANGO_ALIGN_LEFT, 1, s);
			y += h + 4;
		}
		if ((int64_t)g->n < r->f.logs[SVC_REPAIR])
			y += pdf_box(p, MARGIN + 4, y, TEXT_W - 8, 10,
			    PANGO_ALIGN_LEFT, 1, arena_printf(p->a,
			    "……另有 %lld 项，详见业主服务网站“服务月报”。",
			    (long long)(r->f.logs[SVC_REPAIR] - (int64_t)g->n)))
			    + 4;
	}

	/* the foot, from the page's bottom up */
	s = arena_printf(p->a, "%s%s　服务电话 %s", *r->published_at ?
	    arena_printf(p->a, "发布于 %s　", label_date(p->a,
	    r->published_at)) : "", r->centre, r->phone);
	foot = pdf_box(p, MARGIN, PAGE_H - BOTTOM - 12, TEXT_W, 9,
	    PANGO_ALIGN_CENTER, 1, s);
	if (p->draw) {
		cairo_set_source_rgb(p->cr, 0.6, 0.6, 0.6);
		rule(p, PAGE_H - BOTTOM - 18, 0.5);
		cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
	}
	return PAGE_H - BOTTOM - 18 - foot - y;
}

int
draw_report(const struct svc_report *r, const struct svc_item *items,
    size_t n, struct buf *out)
{
	struct pdf_pen	 p;
	struct layout	 g;

	memset(&g, 0, sizeof(g));
	g.r = r;
	g.items = items;
	pdf_open(&p, out, PAGE_W, PAGE_H, "物业服务月报");

	/* As many repairs as fit under the summary in its paragraphs;
	 * a summary too tall for that is set as one paragraph. */
	p.draw = 0;
	for (g.tight = 0; g.tight < 2; g.tight++)
		for (g.n = n; ; g.n--) {
			if (lay(&p, &g) >= 0)
				goto fits;
			if (g.n == 0)
				break;
		}
	g.tight = 1;
	log_warnx("%s: report %lld does not fit its page", __func__,
	    (long long)r->id);
fits:
	p.draw = 1;
	cairo_set_source_rgb(p.cr, 0.1, 0.1, 0.1);
	lay(&p, &g);

	return pdf_close(&p);
}
