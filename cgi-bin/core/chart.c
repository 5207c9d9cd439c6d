/*
 * chart.c - a line or bar chart as SVG.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "chart.h"
#include "db.h"

#define W	360
#define H	220
#define L	44	/* room for the y-axis labels */
#define R	10
#define T	30
#define B	34

static void
xml_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			buf_puts(b, "&lt;");
		else if (*s == '>')
			buf_puts(b, "&gt;");
		else if (*s == '&')
			buf_puts(b, "&amp;");
		else if (*s == '"')
			buf_puts(b, "&quot;");
		else
			buf_putc(b, *s);
	}
}

static int
has(const struct chart *c, size_t i)
{
	return c->values[i] != DB_NULL && !(c->unit == CHART_PERMILLE10 &&
	    c->values[i] < 0);
}

/* A y-axis label: "95%", "12.3万", "2分" or "90秒". */
static void
axis_label(char *s, size_t sz, enum chart_unit u, int64_t v)
{
	if (u == CHART_PERMILLE10)
		snprintf(s, sz, "%lld%%", (long long)(v / 10));
	else if (u == CHART_SECONDS && v >= 60 && v % 60 == 0)
		snprintf(s, sz, "%lld分", (long long)(v / 60));
	else if (u == CHART_SECONDS)
		snprintf(s, sz, "%lld秒", (long long)v);
	else if (u == CHART_COUNT)
		snprintf(s, sz, "%lld", (long long)v);
	else if (v >= 1000000 && v % 1000000 == 0)
		snprintf(s, sz, "%lld万", (long long)(v / 1000000));
	else if (v >= 1000000)
		snprintf(s, sz, "%lld.%lld万", (long long)(v / 1000000),
		    (long long)(v / 100000 % 10));
	else
		snprintf(s, sz, "%lld", (long long)(v / 100));
}

void
chart_svg(struct buf *b, const struct chart *c)
{
	int64_t	 lo = 0, hi = 0, v, step = 0;
	size_t	 i, every;
	double	 x, y, slot, px = 0, py = 0;
	char	 s[64];
	int	 first = 1, any = 0;

	for (i = 0; i < c->n; i++) {
		if (!has(c, i))
			continue;
		if (!any || c->values[i] < lo)
			lo = c->values[i];
		if (!any || c->values[i] > hi)
			hi = c->values[i];
		any = 1;
	}
	if (c->target >= 0) {
		if (!any || c->target > hi)
			hi = c->target;
		if (!any || c->target < lo)
			lo = c->target;
		any = 1;
	}
	if (c->unit == CHART_PERMILLE10) {
		/* Rates: from a round number below the lowest to 100 %. */
		lo = any ? (lo / 100) * 100 - 100 : 0;
		if (lo < 0 || c->bars)
			lo = 0;
		hi = 1000;
	} else {
		/* Money: four steps of 1, 2 or 5 times a power of ten. */
		int64_t	 unit = 1;

		lo = 0;
		if (hi <= 0)
			hi = 100;
		while (unit * 5 * 4 < hi)
			unit *= 10;
		step = unit;
		while (step * 4 < hi)
			step = step == unit ? unit * 2 : step == unit * 2 ?
			    unit * 5 : unit * 10;
		hi = step * 4;
	}
	if (hi == lo)
		hi = lo + 1;
	if (c->unit == CHART_PERMILLE10)
		step = (hi - lo) / 4;
	if (step == 0)
		step = 1;

	buf_printf(b, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" "
	    "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"",
	    W, H);
	xml_text(b, c->title);
	buf_puts(b, "\">");
	buf_printf(b, "<text x=\"%d\" y=\"18\" font-size=\"14\" "
	    "font-weight=\"bold\" fill=\"#1d2329\">", L);
	xml_text(b, c->title);
	buf_puts(b, "</text>");
	/* Grid and y labels. */
	for (v = lo; v <= hi; v += step) {
		y = T + (H - T - B) * (1.0 - (double)(v - lo) / (double)(hi - lo));
		buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		    "stroke=\"#d5dbe0\" stroke-width=\"1\"/>", L, y, W - R, y);
		axis_label(s, sizeof(s), c->unit, v);
		buf_printf(b, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" "
		    "text-anchor=\"end\" fill=\"#5b6670\">%s</text>", L - 4,
		    y + 4, s);
	}
	if (c->target >= 0) {
		y = T + (H - T - B) * (1.0 - (double)(c->target - lo) /
		    (double)(hi - lo));
		buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		    "stroke=\"#b3261e\" stroke-width=\"1.5\" "
		    "stroke-dasharray=\"5 4\"/>", L, y, W - R, y);
		buf_printf(b, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" "
		    "text-anchor=\"end\" fill=\"#b3261e\">目标</text>", W - R,
		    y - 4);
	}
	if (c->n == 0) {
		buf_puts(b, "</svg>");
		return;
	}
	slot = (double)(W - L - R) / (double)c->n;
	every = c->n > 12 ? (c->n + 11) / 12 : 1;
	for (i = 0; i < c->n; i++) {
		x = L + slot * ((double)i + 0.5);
		if (i % every == 0) {
			buf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" "
			    "text-anchor=\"middle\" fill=\"#5b6670\">", x,
			    H - B + 16);
			xml_text(b, c->labels[i]);
			buf_puts(b, "</text>");
		}
		if (!has(c, i))
			continue;
		y = T + (H - T - B) * (1.0 - (double)(c->values[i] - lo) /
		    (double)(hi - lo));
		if (c->bars) {
			buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			    "height=\"%.1f\" fill=\"#0b5c8e\"/>", x - slot * 0.35,
			    y, slot * 0.7, (double)(H - B) - y);
			continue;
		}
		if (!first)
			buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			    "y2=\"%.1f\" stroke=\"#0b5c8e\" stroke-width=\"2.5\"/>",
			    px, py, x, y);
		buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
		    "fill=\"#0b5c8e\"/>", x, y);
		px = x;
		py = y;
		first = 0;
	}
	buf_puts(b, "</svg>");
}
