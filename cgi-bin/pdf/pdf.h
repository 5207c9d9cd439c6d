/*
 * pdf.h - what the PDF documents of propfee-pdf share (the receipt,
 * receipt.c; the monthly service report, report.c): text laid out with
 * pango on a cairo PDF surface in Noto Sans CJK SC, which cairo embeds as
 * a subset.
 *
 * One pango font map serves the program (pango's default is one per
 * thread); the renderer draws one document at a time, in one thread.
 */
#ifndef PROPFEE_PDF_H
#define PROPFEE_PDF_H

#include <cairo.h>
#include <pango/pangocairo.h>

struct arena;

#define PDF_FONT	"Noto Sans CJK SC"

/* Where text goes; with draw 0 it is only measured. */
struct pdf_pen {
	cairo_surface_t	*s;
	PangoContext	*ctx;
	cairo_t		*cr;
	PangoLayout	*l;
	struct arena	*a;
	int		 draw;
};

/* The program's font map, made by the first document. */
PangoFontMap	*pdf_fontmap(void);

/*
 * Begins a one-page PDF of w x h points, titled title, written into out
 * as it is drawn: the pen to draw it with (measuring, draw 0).
 */
void		 pdf_open(struct pdf_pen *, struct buf *out, double w,
		    double h, const char *title);
/* Ends the page and the document. 0, or -1 (logged) when cairo failed. */
int		 pdf_close(struct pdf_pen *);

/*
 * Draws s at (x, y) in a box w points wide, wrapped at word or else
 * character boundaries (never inside a character) into at most maxlines
 * lines, the last one ending in an ellipsis if the text is longer; w 0
 * is one line as wide as the text. Line breaks and tabs in the data are
 * spaces here. Returns the height taken, in points.
 */
double		 pdf_box(const struct pdf_pen *, double x, double y, double w,
		    double size, PangoAlignment align, int maxlines,
		    const char *s);
/*
 * As pdf_box, keeping s's line breaks (a CR LF or a CR is one) as
 * paragraphs, each wrapped into at most maxlines lines: a text people
 * wrote in paragraphs (a report's summary). Left aligned.
 */
double		 pdf_para(const struct pdf_pen *, double x, double y, double w,
		    double size, int maxlines, const char *s);
/* The width s takes on one line, in points. */
double		 pdf_width(const struct pdf_pen *, double size, const char *s);

#endif
